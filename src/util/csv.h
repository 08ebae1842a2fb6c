/*
 * csv.h — a strict RFC 4180 reader (util layer): comma-separated, fields
 * optionally in double quotes with "" for a quote, records ended by LF or
 * CRLF. Used for the reference data compiled into the binary and for imports.
 */
#ifndef RRJETI_CSV_H
#define RRJETI_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS	64

/* Called per record with its fields (NUL-terminated, valid until return);
 * line is 1-based. Return 0 to go on, non-zero to stop. */
typedef int (*csv_cb)(void *arg, size_t line, char **fields, size_t n);

/*
 * Parses text[0..len) and calls cb per record (the header too). Returns 0,
 * the callback's non-zero value, or -1 on malformed input (an unterminated
 * quote, a quote inside an unquoted field, text after a closing quote, more
 * than CSV_MAX_FIELDS fields, a field over 64 KiB) with *bad_line set.
 */
int	csv_parse(const char *text, size_t len, csv_cb, void *arg, size_t *bad_line);

#endif
