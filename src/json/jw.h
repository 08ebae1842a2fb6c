/*
 * jw.h — the one JSON writer (json layer). Parsing is jansson's.
 *
 * Writes into a struct buf; keeps a small stack to place commas. Strings are
 * escaped per RFC 8259 (control characters as \u00XX, and < > & as \u003c
 * \u003e \u0026 so JSON is safe inside HTML). The writer assumes valid UTF-8
 * (every string in the system has been checked on input).
 */
#ifndef RRJETI_JW_H
#define RRJETI_JW_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define JW_DEPTH 32

struct jw {
	struct buf	*b;
	int		 depth;
	int		 first[JW_DEPTH];	/* no element written yet at this level */
	int		 err;			/* nesting misuse */
};

void	jw_init(struct jw *, struct buf *);
void	jw_obj_open(struct jw *);
void	jw_obj_close(struct jw *);
void	jw_arr_open(struct jw *);
void	jw_arr_close(struct jw *);
/* A key inside an object; the next value call writes its value. */
void	jw_key(struct jw *, const char *);
void	jw_str(struct jw *, const char *);	/* NULL writes null */
void	jw_strn(struct jw *, const char *, size_t);
void	jw_int(struct jw *, int64_t);
void	jw_bool(struct jw *, int);
void	jw_null(struct jw *);
/* Shorthands: key + value. */
void	jw_kstr(struct jw *, const char *k, const char *v);
void	jw_kint(struct jw *, const char *k, int64_t v);
/* The value, or null for 0 (an id, a time) and for NULL or "" (a text). */
void	jw_kint_nz(struct jw *, const char *k, int64_t v);
void	jw_kstr_nz(struct jw *, const char *k, const char *v);
void	jw_kbool(struct jw *, const char *k, int v);
/* 0 when balanced and no error. */
int	jw_done(const struct jw *);

#endif
