/*
 * utf8.h — UTF-8 checks and text limits (util layer).
 *
 * Every text field that reaches a service has passed utf8_valid() and a limit
 * in characters; names are folded here for search and duplicate detection.
 */
#ifndef RRJETI_UTF8_H
#define RRJETI_UTF8_H

#include <stddef.h>

struct arena;

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, no NUL,
 * <= U+10FFFF) and has no control characters other than \t \n \r. */
int	 utf8_valid(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t	 utf8_chars(const char *s, size_t len);
/* NFC-normalised copy in the arena (utf8proc), or NULL on invalid input / OOM. */
char	*utf8_nfc(struct arena *, const char *s, size_t len);
/* Trims ASCII and Unicode white space at both ends, folds inner runs to one
 * space; returns an arena copy. */
char	*utf8_squash(struct arena *, const char *s);

#endif
