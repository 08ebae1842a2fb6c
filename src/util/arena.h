/*
 * arena.h — the per-request memory pool (util layer, below everything).
 *
 * Every allocation a request makes comes from its arena. The arena has a hard
 * cap: an allocation past it returns NULL and the request is answered 413/503,
 * never an out-of-memory. arena_reset() wipes every byte it handed out (it held
 * children's data) and keeps the first block for the next request.
 */
#ifndef RRJETI_ARENA_H
#define RRJETI_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new arena that will hand out at most cap bytes in all. NULL on ENOMEM. */
struct arena	*arena_new(size_t cap);
/* Wipes and frees; arena_free(NULL) does nothing. */
void		 arena_free(struct arena *);
/* Wipes everything handed out; keeps the first block. */
void		 arena_reset(struct arena *);
/* n bytes aligned for any type, or NULL past the cap. Not zeroed. */
void		*arena_alloc(struct arena *, size_t n);
void		*arena_zalloc(struct arena *, size_t n);
/* Copies of strings; NULL past the cap. strndup copies n bytes and adds NUL. */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t n);
char		*arena_printf(struct arena *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *fmt, va_list);
size_t		 arena_used(const struct arena *);
int		 arena_failed(const struct arena *); /* 1 once an alloc hit the cap */

/*
 * A growable byte buffer inside an arena. After an allocation failure the
 * buffer stays failed (oom = 1) and further appends do nothing, so a writer
 * can append freely and check once at the end.
 */
struct buf {
	struct arena	*a;
	char		*p;	/* always NUL-terminated when cap > 0 */
	size_t		 len;
	size_t		 cap;
	int		 oom;
};

void	buf_init(struct buf *, struct arena *);
void	buf_add(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' escaped for HTML text and quoted attributes. */
void	buf_html(struct buf *, const char *s, size_t len);

/*
 * A growing array of fixed-size elements in an arena, up to cap elements:
 * it doubles as elements arrive (the old copy stays in the arena until
 * reset), so a short list does not allocate, zero and later wipe cap slots.
 */
struct avec {
	struct arena	*a;
	void		*v;	/* the elements */
	size_t		 n;	/* in use */
	size_t		 have;	/* allocated */
	size_t		 size;	/* of one element */
	size_t		 cap;
	int		 oom;	/* an allocation failed */
};

/* Changes how much the arena may hold in all (a request that may use more:
 * an export, an upload); what it holds already is kept. */
void	 arena_set_cap(struct arena *, size_t cap);

void	 avec_init(struct avec *, struct arena *, size_t size, size_t cap);
/* A zeroed new element, or NULL when cap is reached or on OOM (oom set). */
void	*avec_next(struct avec *);

#endif
