/*
 * utf8.c — UTF-8 validation, counting, NFC normalisation and white-space
 * squashing (util layer, below everything but the arena). utf8_valid() is the
 * gate every text field passes on input (http/parse.c calls it on each form
 * key and value), so it is written by hand with an ASCII fast path; the
 * Unicode tables (normalisation, categories) are utf8proc's. Nothing here
 * calls malloc: normalisation works in the request's arena, so the copies of
 * children's data it makes are wiped with the arena.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include <utf8proc.h>

#include "arena.h"
#include "utf8.h"

/*
 * Length of the well-formed UTF-8 sequence at p (1..4), with its code point
 * in *cp, or 0 when the bytes at p[0..n) do not start one: a stray
 * continuation byte, C0/C1/F5..FF lead bytes, a truncated sequence, an
 * overlong form, a surrogate or a value past U+10FFFF. The ranges of the
 * second byte are those of RFC 3629 section 4.
 */
static size_t
decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2)		/* continuation byte, or overlong C0/C1 lead */
		return 0;
	if (c < 0xe0) {
		if (n < 2 || (p[1] & 0xc0) != 0x80)
			return 0;
		*cp = ((uint32_t)(c & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (c < 0xf0) {
		if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)		/* overlong */
			return 0;
		if (c == 0xed && p[1] > 0x9f)		/* surrogate */
			return 0;
		*cp = ((uint32_t)(c & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		return 3;
	}
	if (c < 0xf5) {
		if (n < 4 || (p[1] & 0xc0) != 0x80 ||
		    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)		/* overlong */
			return 0;
		if (c == 0xf4 && p[1] > 0x8f)		/* > U+10FFFF */
			return 0;
		*cp = ((uint32_t)(c & 0x07) << 18) |
		    ((uint32_t)(p[1] & 0x3f) << 12) |
		    ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
		return 4;
	}
	return 0;
}

/* 1 for a code point no text field may hold: C0 but \t \n \r, DEL, C1. */
static int
forbidden(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return cp >= 0x7f && cp <= 0x9f;
}

/*
 * 1 when s[0..len) is well-formed UTF-8 holding no NUL and no control
 * character other than \t \n \r (so no DEL and no C1 U+0080..U+009F), else
 * 0. The empty string is valid. s may be NULL only when len is 0.
 */
int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	assert(s != NULL || len == 0);
	while (i < len) {
		/* Fast path: printable ASCII needs no decoding. */
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		if ((k = decode(p + i, len - i, &cp)) == 0 || forbidden(cp))
			return 0;
		i += k;
	}
	return 1;
}

/*
 * Number of code points in s[0..len), which the caller has checked with
 * utf8_valid(): every byte that is not a continuation byte starts one.
 */
size_t
utf8_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * NFC form of s[0..len) as a NUL-terminated arena string, or NULL when the
 * input fails utf8_valid() or the arena is full. The code-point buffer
 * utf8proc needs is taken from the arena too, and reencoded in place.
 */
char *
utf8_nfc(struct arena *a, const char *s, size_t len)
{
	const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t *cps;
	utf8proc_ssize_t n, m;
	char *out = NULL;

	if (!utf8_valid(s, len) || len > (size_t)SSIZE_MAX)
		goto out;
	if (len == 0) {
		out = arena_strndup(a, "", 0);
		goto out;
	}
	/* First pass: how many code points the decomposition takes. */
	n = utf8proc_decompose(u, (utf8proc_ssize_t)len, NULL, 0, opt);
	if (n < 0 || (size_t)n > (SIZE_MAX - 1) / sizeof(*cps))
		goto out;
	if ((cps = arena_alloc(a, (size_t)n * sizeof(*cps) + 1)) == NULL)
		goto out;
	m = utf8proc_decompose(u, (utf8proc_ssize_t)len, cps, n, opt);
	if (m != n)
		goto out;
	/* Composes, then writes NUL-terminated UTF-8 over the buffer. */
	if (utf8proc_reencode(cps, n, opt) < 0)
		goto out;
	out = (char *)cps;
out:
	return out;
}

/*
 * 1 for Unicode White_Space: ASCII \t..\r and space, NEL, and the
 * separators (Zs, Zl, Zp: no-break space, ideographic space, U+2028, ...).
 */
static int
is_space(uint32_t cp)
{
	utf8proc_category_t cat;

	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
		return 1;
	if (cp < 0xa0)
		return 0;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	    cat == UTF8PROC_CATEGORY_ZP;
}

/*
 * Arena copy of the NUL-terminated s without white space at either end and
 * with every inner run of white space replaced by one ASCII space. NULL when
 * s fails utf8_valid() (so a C0 control, \v and \f included, is refused
 * rather than squashed) or the arena is full.
 */
char *
utf8_squash(struct arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i, k, o = 0;
	uint32_t cp;
	int pending = 0;
	char *out = NULL;

	len = strlen(s);
	if (!utf8_valid(s, len))
		goto out;
	/* The result is never longer than the input. */
	if ((out = arena_alloc(a, len + 1)) == NULL)
		goto out;
	for (i = 0; i < len; i += k) {
		k = decode(p + i, len - i, &cp);
		assert(k > 0);
		if (is_space(cp)) {
			pending = o > 0;
			continue;
		}
		if (pending) {
			out[o++] = ' ';
			pending = 0;
		}
		memcpy(out + o, p + i, k);
		o += k;
	}
	out[o] = '\0';
out:
	return out;
}
