/*
 * multipart.h — multipart/form-data (RFC 7578) for file uploads (http
 * layer). Strict and bounded like form_parse(): the boundary from the
 * Content-Type (1 to 70 characters), every part delimited and closed, each
 * with a Content-Disposition of form-data and a name; at most one part
 * carries a file (a filename parameter), and it must be named "file".
 * The other parts are fields: valid UTF-8 (utf8_valid()), no NUL, at most
 * MP_VALUE_MAX bytes. The file's bytes are not copied: they point into the
 * body, which must outlive the result.
 */
#ifndef RRJETI_MULTIPART_H
#define RRJETI_MULTIPART_H

#include <stddef.h>

#include "parse.h"

#define MP_HEADERS_MAX	1024	/* bytes of one part's headers */
#define MP_VALUE_MAX	(16 * 1024)	/* bytes of one field's value */
#define MP_FILENAME_MAX	255	/* bytes of a file name */

struct mp_file {
	const char	*name;		/* the part's name: "file"; NULL: none */
	const char	*filename;	/* as sent (UTF-8, no path), may be "" */
	const char	*ctype;		/* its Content-Type, or "" */
	const char	*data;		/* into the body */
	size_t		 len;
};

enum mp_rc {
	MP_OK = 0,
	MP_NOBOUNDARY,	/* not multipart/form-data, or no usable boundary */
	MP_BAD,		/* malformed: delimiters, headers, truncated */
	MP_BADVALUE,	/* a field that is not UTF-8 text, or too long */
	MP_FILES,	/* more than one file part */
	MP_FILENAME,	/* a file part not named "file", or a bad filename */
	MP_TOOMANY,	/* more than max_fields fields */
	MP_OOM
};

/*
 * Parses body[0..len) sent with Content-Type ctype. On MP_OK, out holds
 * the fields in order (repeated names kept, as form_parse()), and *file
 * the file part (file->name NULL when none). On error out is empty.
 */
enum mp_rc	 multipart_parse(struct arena *, const char *ctype,
		    const char *body, size_t len, size_t max_fields,
		    struct kvlist *out, struct mp_file *file);
/* The message key of an error (error.multipart.*). */
const char	*multipart_msg(enum mp_rc);

#endif
