/*
 * csv.c — RFC 4180 reader. See csv.h.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

#define FIELD_MAX	(64 * 1024)

int
csv_parse(const char *t, size_t len, csv_cb cb, void *arg, size_t *bad_line)
{
	char *buf, *fields[CSV_MAX_FIELDS];
	size_t i = 0, n, o, start, line = 1, rec_line;
	int rc = 0, quoted;

	if ((buf = malloc(len + CSV_MAX_FIELDS + 1)) == NULL)
		return -1;
	while (i < len) {
		n = 0;
		o = 0;
		rec_line = line;
		for (;;) {	/* one field */
			if (n == CSV_MAX_FIELDS)
				goto bad;
			start = o;
			fields[n++] = buf + start;
			quoted = i < len && t[i] == '"';
			if (quoted) {
				i++;
				for (;;) {
					if (i >= len)
						goto bad;
					if (t[i] == '"') {
						if (i + 1 < len && t[i + 1] == '"') {
							buf[o++] = '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (t[i] == '\n')
						line++;
					buf[o++] = t[i++];
					if (o - start > FIELD_MAX)
						goto bad;
				}
				if (i < len && t[i] != ',' && t[i] != '\n' &&
				    !(t[i] == '\r' && i + 1 < len && t[i + 1] == '\n'))
					goto bad;
			} else {
				while (i < len && t[i] != ',' && t[i] != '\n' &&
				    !(t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')) {
					if (t[i] == '"' || t[i] == '\r')
						goto bad;
					buf[o++] = t[i++];
					if (o - start > FIELD_MAX)
						goto bad;
				}
			}
			buf[o++] = '\0';
			if (i < len && t[i] == ',') {
				i++;
				continue;
			}
			if (i < len && t[i] == '\r')
				i++;
			if (i < len && t[i] == '\n') {
				i++;
				line++;
			}
			break;
		}
		if ((rc = cb(arg, rec_line, fields, n)) != 0)
			break;
	}
	free(buf);
	return rc;
bad:
	free(buf);
	if (bad_line)
		*bad_line = line;
	return -1;
}
