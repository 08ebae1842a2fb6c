/*
 * jw.c — the one JSON writer (json layer), used by the api/ handlers and by
 * anything else that emits JSON; parsing is left to jansson. It appends to a
 * struct buf in the request arena and keeps, per nesting level, enough state
 * to place commas and colons and to catch misuse (a value without a key in
 * an object, a close that does not match its open, nesting past JW_DEPTH,
 * two top-level values). Misuse sets jw.err and turns every later call into
 * a no-op; jw_done() reports it once at the end, together with an arena
 * failure of the buffer. Strings are escaped so the output is both valid
 * JSON (RFC 8259) and safe to embed in HTML or a <script> element.
 */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "../util/arena.h"
#include "jw.h"

/*
 * jw.first[] holds flags per nesting level (level 0 is the top, outside any
 * container). LV_EMPTY is the header's "no element written yet"; LV_OBJ
 * marks an object, whose elements are key/value pairs; LV_KEY says a key has
 * been written and its value is due.
 */
#define LV_EMPTY	0x1
#define LV_OBJ		0x2
#define LV_KEY		0x4

static const char hexdig[] = "0123456789abcdef";

/* Starts a writer appending to b, which the caller has initialised. */
void
jw_init(struct jw *w, struct buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->first[0] = LV_EMPTY;
}

/*
 * Places what must come before a value at the current level: a comma in an
 * array after the first element, nothing after a key in an object. Returns
 * 0, or -1 (and sets err) when a value is not allowed here.
 */
static int
before_value(struct jw *w)
{
	int *f;

	if (w->err)
		return -1;
	f = &w->first[w->depth];
	if (w->depth == 0) {
		if (!(*f & LV_EMPTY))
			goto bad;		/* a second top-level value */
	} else if (*f & LV_OBJ) {
		if (!(*f & LV_KEY))
			goto bad;		/* a value without a key */
		*f &= ~LV_KEY;
	} else if (!(*f & LV_EMPTY))
		buf_putc(w->b, ',');
	*f &= ~LV_EMPTY;
	return 0;
bad:
	w->err = 1;
	return -1;
}

/*
 * Length of the well-formed UTF-8 sequence of 2..4 bytes at p[0..n), or 0
 * (overlong, surrogate, past U+10FFFF, truncated, stray byte).
 */
static size_t
mbseq(const unsigned char *p, size_t n)
{
	size_t k, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return k;
}

/*
 * Appends s[0..n) as a quoted JSON string. " and \ get their two-character
 * escapes, as do \b \f \n \r \t; other C0 controls, DEL, < > & and the
 * script line terminators U+2028 U+2029 become \u00XX or \u20XX. The caller
 * promises valid UTF-8; should a malformed sequence slip through anyway, each
 * of its bytes is written as U+FFFD so the output stays valid JSON.
 */
/* The bytes written as they are: printable ASCII but " \\ < > &. */
static inline int
plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' &&
	    c != '>' && c != '&';
}

static void
put_string(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	char esc[7] = { '\\', 'u', '0', '0', 0, 0, 0 };
	const char *rep;
	size_t i, run = 0, k;

	buf_putc(b, '"');
	for (i = 0; i < n; i += k) {
		/* The common case first: a run of printable ASCII that needs
		 * no escape. */
		while (i < n && plain(s[i]))
			i++;
		if (i == n)
			break;
		k = 1;
		rep = NULL;
		if (s[i] >= 0x80) {
			if ((k = mbseq(s + i, n - i)) == 0) {
				k = 1;
				rep = "\\ufffd";
			} else if (k == 3 && s[i] == 0xe2 && s[i + 1] == 0x80 &&
			    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
				rep = s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
		} else {
			switch (s[i]) {
			case '"':  rep = "\\\""; break;
			case '\\': rep = "\\\\"; break;
			case '\b': rep = "\\b"; break;
			case '\f': rep = "\\f"; break;
			case '\n': rep = "\\n"; break;
			case '\r': rep = "\\r"; break;
			case '\t': rep = "\\t"; break;
			case '<':
			case '>':
			case '&':
			case 0x7f:
				break;
			default:
				if (s[i] >= 0x20)
					continue;
				break;
			}
			if (rep == NULL) {
				esc[4] = hexdig[s[i] >> 4];
				esc[5] = hexdig[s[i] & 0xf];
				rep = esc;
			}
		}
		if (rep == NULL)
			continue;		/* a plain multibyte character */
		if (i > run)
			buf_add(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + k;
	}
	if (n > run)
		buf_add(b, s + run, n - run);
	buf_putc(b, '"');
}

/* Opens an object where a value may stand. */
void
jw_obj_open(struct jw *w)
{
	if (before_value(w) == -1)
		return;
	if (w->depth + 1 >= JW_DEPTH) {
		w->err = 1;
		return;
	}
	w->first[++w->depth] = LV_EMPTY | LV_OBJ;
	buf_putc(w->b, '{');
}

/* Closes the innermost container, which must be an object with no key due. */
void
jw_obj_close(struct jw *w)
{
	if (w->err)
		return;
	if (w->depth == 0 || (w->first[w->depth] & (LV_OBJ | LV_KEY)) != LV_OBJ) {
		w->err = 1;
		return;
	}
	w->depth--;
	buf_putc(w->b, '}');
}

/* Opens an array where a value may stand. */
void
jw_arr_open(struct jw *w)
{
	if (before_value(w) == -1)
		return;
	if (w->depth + 1 >= JW_DEPTH) {
		w->err = 1;
		return;
	}
	w->first[++w->depth] = LV_EMPTY;
	buf_putc(w->b, '[');
}

/* Closes the innermost container, which must be an array. */
void
jw_arr_close(struct jw *w)
{
	if (w->err)
		return;
	if (w->depth == 0 || (w->first[w->depth] & LV_OBJ)) {
		w->err = 1;
		return;
	}
	w->depth--;
	buf_putc(w->b, ']');
}

/*
 * Writes k (escaped like any string) and a colon inside an object; the next
 * value call writes its value. A key outside an object, a second key before
 * a value or a NULL key sets err.
 */
void
jw_key(struct jw *w, const char *k)
{
	int *f;

	if (w->err)
		return;
	f = &w->first[w->depth];
	if (k == NULL || w->depth == 0 || !(*f & LV_OBJ) || (*f & LV_KEY)) {
		w->err = 1;
		return;
	}
	if (!(*f & LV_EMPTY))
		buf_putc(w->b, ',');
	*f = (*f & ~LV_EMPTY) | LV_KEY;
	put_string(w->b, k, strlen(k));
	buf_putc(w->b, ':');
}

/* A string value; NULL writes null. */
void
jw_str(struct jw *w, const char *s)
{
	if (s == NULL)
		jw_null(w);
	else
		jw_strn(w, s, strlen(s));
}

/* A string value of n bytes (a NUL among them is written as \u0000). */
void
jw_strn(struct jw *w, const char *s, size_t n)
{
	if (s == NULL) {
		jw_null(w);
		return;
	}
	if (before_value(w) == -1)
		return;
	put_string(w->b, s, n);
}

/*
 * An integer value, in full (JSON readers past 2^53 may round it). The
 * digits are written here rather than by printf: the same text, without
 * formatting the number twice (buf_printf() measures, then writes).
 */
void
jw_int(struct jw *w, int64_t v)
{
	char d[24], *p = d + sizeof(d);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	if (before_value(w) == -1)
		return;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_add(w->b, p, (size_t)(d + sizeof(d) - p));
}

/* true when v is non-zero, else false. */
void
jw_bool(struct jw *w, int v)
{
	if (before_value(w) == -1)
		return;
	buf_puts(w->b, v ? "true" : "false");
}

/* A null value. */
void
jw_null(struct jw *w)
{
	if (before_value(w) == -1)
		return;
	buf_puts(w->b, "null");
}

/* The shorthands: jw_key(), then the value as its own call writes it. */
void
jw_kstr(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

void
jw_kint(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void
jw_kint_nz(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	if (v != 0)
		jw_int(w, v);
	else
		jw_null(w);
}

void
jw_kstr_nz(struct jw *w, const char *k, const char *v)
{
	jw_kstr(w, k, v != NULL && *v != '\0' ? v : NULL);
}

void
jw_kbool(struct jw *w, const char *k, int v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

/*
 * 0 when exactly one complete top-level value was written without misuse
 * and the buffer holds all of it; -1 otherwise (misuse, an unclosed
 * container, nothing written, or the arena ran out under the buffer).
 */
int
jw_done(const struct jw *w)
{
	if (w->err || w->depth != 0 || (w->first[0] & LV_EMPTY) || w->b->oom)
		return -1;
	return 0;
}
