/*
 * arena.c — per-request memory pool with a hard cap and wipe on reset.
 * See arena.h for the contract.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"

#define ARENA_BLOCK	(16 * 1024)
#define ARENA_ALIGN	16

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes in data */
	size_t		 used;
	unsigned char	 data[];
};

struct arena {
	struct block	*head;	/* current block; first block is last in list */
	struct block	*first;
	size_t		 cap;
	size_t		 total;	/* bytes handed out */
	int		 failed;
};

static struct block *
block_new(size_t size)
{
	struct block *b;

	b = malloc(sizeof(*b) + size);
	if (b == NULL)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *
arena_new(size_t cap)
{
	struct arena *a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->first = block_new(ARENA_BLOCK)) == NULL) {
		free(a);
		return NULL;
	}
	a->head = a->first;
	a->cap = cap;
	return a;
}

void
arena_set_cap(struct arena *a, size_t cap)
{
	a->cap = cap;
}

void
arena_reset(struct arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		sodium_memzero(b->data, b->used);
		if (b != a->first)
			free(b);
	}
	a->first->used = 0;
	a->first->next = NULL;
	a->head = a->first;
	a->total = 0;
	a->failed = 0;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block *b;
	size_t off, need;

	if (n == 0)
		n = 1;
	if (n > a->cap || a->total + n > a->cap) {
		a->failed = 1;
		return NULL;
	}
	b = a->head;
	off = (b->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (off + n > b->size) {
		need = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		if ((b = block_new(need)) == NULL) {
			a->failed = 1;
			return NULL;
		}
		b->next = a->head;
		a->head = b;
		off = 0;
	}
	b->used = off + n;
	a->total += n;
	return b->data + off;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void *p;

	if ((p = arena_alloc(a, n)) != NULL)
		memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	char *p;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

int
arena_failed(const struct arena *a)
{
	return a->failed;
}

void
buf_init(struct buf *b, struct arena *a)
{
	memset(b, 0, sizeof(*b));
	b->a = a;
}

static int
buf_grow(struct buf *b, size_t add)
{
	size_t ncap;
	char *np;

	if (b->oom)
		return 0;
	if (b->len + add + 1 <= b->cap)
		return 1;
	ncap = b->cap ? b->cap : 256;
	while (ncap < b->len + add + 1) {
		if (ncap > SIZE_MAX / 2) {
			b->oom = 1;
			return 0;
		}
		ncap *= 2;
	}
	/* The old block stays in the arena until reset: at most 2x waste. */
	if ((np = arena_alloc(b->a, ncap)) == NULL) {
		b->oom = 1;
		return 0;
	}
	if (b->len)
		memcpy(np, b->p, b->len);
	np[b->len] = '\0';
	b->p = np;
	b->cap = ncap;
	return 1;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	if (!buf_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap) {	/* room for c and the NUL */
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, cp;
	int n;

	va_start(ap, fmt);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !buf_grow(b, (size_t)n)) {
		va_end(ap);
		if (n < 0)
			b->oom = 1;
		return;
	}
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_html(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (i > start)
			buf_add(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	if (len > start)
		buf_add(b, s + start, len - start);
}

void
avec_init(struct avec *l, struct arena *a, size_t size, size_t cap)
{
	memset(l, 0, sizeof(*l));
	l->a = a;
	l->size = size;
	l->cap = cap;
}

void *
avec_next(struct avec *l)
{
	void *nv;
	size_t nhave;

	if (l->n == l->cap)
		return NULL;
	if (l->n == l->have) {
		nhave = l->have ? l->have * 2 : 8;
		if (nhave > l->cap)
			nhave = l->cap;
		if ((nv = arena_zalloc(l->a, nhave * l->size)) == NULL) {
			l->oom = 1;
			return NULL;
		}
		if (l->n)
			memcpy(nv, l->v, l->n * l->size);
		l->v = nv;
		l->have = nhave;
	}
	return (char *)l->v + l->n++ * l->size;
}
