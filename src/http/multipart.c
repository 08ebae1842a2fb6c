/*
 * multipart.c — multipart/form-data for file uploads (http layer); the
 * contract is in multipart.h. One pass over the body: the first delimiter
 * must open it (no preamble), each part's headers are read up to the empty
 * line, its data up to the next "\r\n--boundary", and the close delimiter
 * must end it (at most a CRLF after). Anything else is refused whole.
 * Fuzzed by tests/fuzz/fuzz_multipart.c.
 */
#include <string.h>
#include <strings.h>

#include "../util/arena.h"
#include "../util/utf8.h"
#include "multipart.h"

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_NAME_MAX	64	/* bytes of a field name, as form_parse() */

static const char *const mp_msgs[] = {
	[MP_OK] = "error.multipart.invalid",
	[MP_NOBOUNDARY] = "error.multipart.boundary",
	[MP_BAD] = "error.multipart.invalid",
	[MP_BADVALUE] = "error.form.invalid",
	[MP_FILES] = "error.multipart.files",
	[MP_FILENAME] = "error.multipart.filename",
	[MP_TOOMANY] = "error.fields.toomany",
	[MP_OOM] = "error.toobig",
};

const char *
multipart_msg(enum mp_rc rc)
{
	return (unsigned)rc < sizeof(mp_msgs) / sizeof(mp_msgs[0]) ?
	    mp_msgs[rc] : "error.multipart.invalid";
}

static int
bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL;
}

/* The boundary parameter of a multipart/form-data Content-Type, copied
 * into b (NUL-terminated); its length, or 0. */
static size_t
boundary_of(const char *ct, char *b)
{
	static const char type[] = "multipart/form-data";
	const char *p;
	size_t n = 0;
	int quoted;

	if (ct == NULL || strncasecmp(ct, type, sizeof(type) - 1) != 0)
		return 0;
	p = ct + sizeof(type) - 1;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != ';')
			return 0;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0)
			break;
		/* Another parameter (charset=...): skip it, unquoted only. */
		p += strcspn(p, ";\"");
		if (*p == '"')
			return 0;
	}
	p += 9;
	if ((quoted = *p == '"'))
		p++;
	while (p[n] != '\0' && n <= MP_BOUNDARY_MAX && bchar((unsigned char)p[n]) &&
	    !(quoted ? 0 : p[n] == ' '))
		n++;
	if (n == 0 || n > MP_BOUNDARY_MAX || p[n - 1] == ' ')
		return 0;
	if (quoted && p[n] != '"')
		return 0;
	memcpy(b, p, n);
	b[n] = '\0';
	p += n + (quoted ? 1 : 0);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' && *p != ';')
		return 0;
	return n;
}

/* A parameter value of Content-Disposition at *pp: a quoted string (with
 * backslash escapes) or a token, copied to the arena; NULL when malformed. */
static char *
param_value(struct arena *a, const char **pp, const char *end)
{
	const char *p = *pp;
	char *v, *o;

	if (p < end && *p == '"') {
		if ((v = o = arena_alloc(a, (size_t)(end - p) + 1)) == NULL)
			return NULL;
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			*o++ = *p;
		}
		if (p >= end)
			return NULL;
		*o = '\0';
		*pp = p + 1;
		return v;
	}
	for (o = (char *)p; o < end && *o != ';' && *o != ' ' && *o != '\t';
	    o++)
		;
	if (o == p)
		return NULL;
	v = arena_strndup(a, p, (size_t)(o - p));
	*pp = o;
	return v;
}

/* Content-Disposition: form-data; name="..."[; filename="..."]. 0 or -1. */
static int
disposition(struct arena *a, const char *p, const char *end,
    const char **name, const char **filename)
{
	const char *k;
	char *v;
	size_t kn;

	*name = *filename = NULL;
	if ((size_t)(end - p) < 9 || strncasecmp(p, "form-data", 9) != 0)
		return -1;
	p += 9;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (*p != ';')
			return -1;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		k = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		if (p == end || *p != '=')
			return -1;
		kn = (size_t)(p - k);
		p++;
		if ((v = param_value(a, &p, end)) == NULL)
			return -1;
		if (kn == 4 && strncasecmp(k, "name", 4) == 0 && *name == NULL)
			*name = v;
		else if (kn == 8 && strncasecmp(k, "filename", 8) == 0 &&
		    *filename == NULL)
			*filename = v;
		else
			return -1;	/* unknown or repeated (filename* too) */
	}
	return *name != NULL ? 0 : -1;
}

/* A name or filename: UTF-8, no control characters, 1..max bytes. */
static int
name_ok(const char *s, size_t max, int may_be_empty)
{
	size_t n = strlen(s);

	if ((n == 0 && !may_be_empty) || n > max || !utf8_valid(s, n) ||
	    strpbrk(s, "\t\n\r") != NULL)
		return 0;
	return 1;
}

/*
 * One part's headers h[0..n) (without the empty line): sets name, filename
 * (NULL: a field) and ctype. MP_OK or an error.
 */
static enum mp_rc
part_headers(struct arena *a, const char *h, size_t n, const char **name,
    const char **filename, const char **ctype)
{
	const char *line, *eol, *end = h + n, *colon, *v;
	int seen_cd = 0, seen_ct = 0;

	*name = *filename = NULL;
	*ctype = "";
	for (line = h; line < end; line = eol + 2) {
		if ((eol = memmem(line, (size_t)(end - line), "\r\n", 2)) == NULL)
			eol = end;
		if (memchr(line, '\n', (size_t)(eol - line)) != NULL ||
		    memchr(line, '\r', (size_t)(eol - line)) != NULL ||
		    memchr(line, '\0', (size_t)(eol - line)) != NULL ||
		    (colon = memchr(line, ':', (size_t)(eol - line))) == NULL)
			return MP_BAD;
		for (v = colon + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		if ((size_t)(colon - line) == 19 &&
		    strncasecmp(line, "Content-Disposition", 19) == 0) {
			if (seen_cd++ || disposition(a, v, eol, name,
			    filename) != 0)
				return MP_BAD;
		} else if ((size_t)(colon - line) == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			if (seen_ct++ || (*ctype = arena_strndup(a, v,
			    (size_t)(eol - v))) == NULL)
				return seen_ct > 1 ? MP_BAD : MP_OOM;
			if (!name_ok(*ctype, 255, 0))
				return MP_BAD;
		} else
			return MP_BAD;
		if (eol == end)
			break;
	}
	if (!seen_cd)
		return MP_BAD;
	if (!name_ok(*name, MP_NAME_MAX, 0))
		return MP_BAD;
	return MP_OK;
}

/* The last path segment of a filename (old browsers send C:\...\x.csv). */
static const char *
basename_of(const char *f)
{
	const char *s = strrchr(f, '/'), *b = strrchr(f, '\\');

	if (b != NULL && (s == NULL || b > s))
		s = b;
	return s != NULL ? s + 1 : f;
}

static enum mp_rc
fail(struct kvlist *out, struct mp_file *file, enum mp_rc rc)
{
	out->v = NULL;
	out->n = 0;
	memset(file, 0, sizeof(*file));
	return rc;
}

enum mp_rc
multipart_parse(struct arena *a, const char *ctype, const char *body,
    size_t len, size_t max_fields, struct kvlist *out, struct mp_file *file)
{
	char b[MP_BOUNDARY_MAX + 1], delim[MP_BOUNDARY_MAX + 5];
	const char *p = body, *end = body + len, *hend, *next;
	const char *name, *filename, *ct;
	struct avec v;
	struct kv *kv;
	size_t bn, dn;
	enum mp_rc rc;

	out->v = NULL;
	out->n = 0;
	memset(file, 0, sizeof(*file));
	if ((bn = boundary_of(ctype, b)) == 0)
		return MP_NOBOUNDARY;
	/* "\r\n--" boundary: the delimiter before every part but the first. */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, b, bn);
	dn = bn + 4;
	avec_init(&v, a, sizeof(struct kv), max_fields);
	if (len < dn - 2 || memcmp(p, delim + 2, dn - 2) != 0)
		return fail(out, file, MP_BAD);
	p += dn - 2;
	for (;;) {
		/* After a delimiter: "--" closes, CRLF opens a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			p += 2;
			if (p == end || (end - p == 2 && p[0] == '\r' &&
			    p[1] == '\n'))
				break;
			return fail(out, file, MP_BAD);
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return fail(out, file, MP_BAD);
		p += 2;
		/* Headers up to the empty line. */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			return fail(out, file, MP_BAD);	/* no headers */
		hend = memmem(p, (size_t)(end - p) < MP_HEADERS_MAX + 4 ?
		    (size_t)(end - p) : MP_HEADERS_MAX + 4, "\r\n\r\n", 4);
		if (hend == NULL)
			return fail(out, file, MP_BAD);
		if ((rc = part_headers(a, p, (size_t)(hend - p), &name,
		    &filename, &ct)) != MP_OK)
			return fail(out, file, rc);
		p = hend + 4;
		if ((next = memmem(p, (size_t)(end - p), delim, dn)) == NULL)
			return fail(out, file, MP_BAD);	/* truncated */
		if (filename != NULL) {
			/* No file chosen: browsers send an empty part. */
			if (*filename == '\0' && next == p) {
				if (strcmp(name, "file") != 0)
					return fail(out, file, MP_FILENAME);
			} else {
				if (file->name != NULL)
					return fail(out, file, MP_FILES);
				filename = basename_of(filename);
				if (strcmp(name, "file") != 0 ||
				    !name_ok(filename, MP_FILENAME_MAX, 1))
					return fail(out, file, MP_FILENAME);
				file->name = name;
				file->filename = filename;
				file->ctype = ct;
				file->data = p;
				file->len = (size_t)(next - p);
			}
		} else {
			if ((size_t)(next - p) > MP_VALUE_MAX ||
			    !utf8_valid(p, (size_t)(next - p)))
				return fail(out, file, MP_BADVALUE);
			if (v.n == max_fields)
				return fail(out, file, MP_TOOMANY);
			if ((kv = avec_next(&v)) == NULL ||
			    (kv->val = arena_strndup(a, p,
			    (size_t)(next - p))) == NULL)
				return fail(out, file, MP_OOM);
			kv->key = name;
			kv->vlen = (size_t)(next - p);
		}
		p = next + dn;
	}
	out->v = v.v;
	out->n = v.n;
	return MP_OK;
}
