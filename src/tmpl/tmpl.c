/*
 * tmpl.c — HTML templates with escaping by default (templates layer, above
 * util and i18n, used by web/ to draw every page).
 *
 * Two halves. The value tree (struct tval) a handler fills in its request's
 * arena: strings keep their length, objects keep their keys' lengths, so
 * rendering never measures a string twice. The templates, read once at
 * start-up by tmpl_load(): each is compiled to a flat list of ops (text,
 * value, raw value, message, if/unless/each with the index of their else and
 * end, partial with the index of its template), every error — syntax, an
 * unbalanced block, an unknown tag, message key or partial, partials nested
 * deeper than TMPL_MAX_PARTIALS — stops the load with "name:line: message".
 * tmpl_render() walks the ops with a chain of scopes on the C stack and only
 * reads the set, so any number of threads may render at once. {{else}} is
 * also allowed in {{#unless}} and in {{#each}}, where it renders when the list
 * is empty or missing.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* memmem(), also when CFLAGS replace the Makefile's */
#endif
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../i18n/i18n.h"
#include "tmpl.h"

/* Blocks open at once inside one template. */
#define TMPL_MAX_NEST		32
/* Partials inside partials, counted from the rendered template. */
#define TMPL_MAX_PARTIALS	8
/*
 * Ops (and #each items) one render may run: a bound on a template and data
 * gone exponential, such as nested #each over the same list. A page of 10,000
 * rows of 40 ops takes 400,000. A fuzzing build may define it smaller.
 */
#ifndef TMPL_MAX_STEPS
#define TMPL_MAX_STEPS		(2UL * 1024 * 1024)
#endif
/* Templates longer than this are refused (a bound for size arithmetic). */
#define TMPL_MAX_LEN		(64UL * 1024 * 1024)

/* At most 40 bytes of source quoted in a message, as a %.*s precision. */
#define SHOWN(n)		((int)((n) > 40 ? 40 : (n)))

/* ---- values ---- */

struct tkv {
	const char	*key;
	size_t		 klen;
	uint32_t	 hash;	/* keyhash() of key */
	struct tval	*v;
};

struct tval {
	enum tv_type	 type;
	union {
		struct {
			const char	*s;
			size_t		 len;
		} str;
		int64_t		 i;
		int		 b;
		struct {
			struct arena	*a;
			struct tval	**v;
			size_t		 n, cap;
		} list;
		struct {
			struct arena	*a;
			struct tkv	*kv;
			size_t		 n, cap;
		} obj;
	} u;
};

/* FNV-1a of a name: lookups compare it before the bytes. */
static uint32_t
keyhash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static struct tval *
tv_new(struct arena *a, enum tv_type type)
{
	struct tval *v;

	if (a == NULL || (v = arena_zalloc(a, sizeof(*v))) == NULL)
		return NULL;
	v->type = type;
	return v;
}

/* An empty object in the arena, or NULL past its cap. */
struct tval *
tv_obj(struct arena *a)
{
	struct tval *v;

	if ((v = tv_new(a, TV_OBJ)) != NULL)
		v->u.obj.a = a;
	return v;
}

/* An empty list in the arena, or NULL past its cap. */
struct tval *
tv_list(struct arena *a)
{
	struct tval *v;

	if ((v = tv_new(a, TV_LIST)) != NULL)
		v->u.list.a = a;
	return v;
}

/* A string that is not copied (static or in the arena): it must outlive the
 * render. A NULL s gives a TV_NULL value. NULL past the arena's cap. */
struct tval *
tv_str(struct arena *a, const char *s)
{
	struct tval *v;

	if (s == NULL)
		return tv_new(a, TV_NULL);
	if ((v = tv_new(a, TV_STR)) != NULL) {
		v->u.str.s = s;
		v->u.str.len = strlen(s);
	}
	return v;
}

/* As tv_str() with a copy of s in the arena. */
struct tval *
tv_strdup(struct arena *a, const char *s)
{
	char *p;

	if (s == NULL)
		return tv_new(a, TV_NULL);
	if (a == NULL || (p = arena_strdup(a, s)) == NULL)
		return NULL;
	return tv_str(a, p);
}

struct tval *
tv_int(struct arena *a, int64_t i)
{
	struct tval *v;

	if ((v = tv_new(a, TV_INT)) != NULL)
		v->u.i = i;
	return v;
}

struct tval *
tv_bool(struct arena *a, int b)
{
	struct tval *v;

	if ((v = tv_new(a, TV_BOOL)) != NULL)
		v->u.b = b != 0;
	return v;
}

/*
 * Room for one more element of size sz in the array *pp holding n of *cap,
 * growing it in the arena (the old copy stays there until reset). Returns 0,
 * or -1 past the cap.
 */
static int
grow(struct arena *a, void **pp, size_t n, size_t *cap, size_t sz)
{
	size_t ncap;
	void *np;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	if (ncap > SIZE_MAX / 2 / sz)
		return -1;
	if ((np = arena_alloc(a, ncap * sz)) == NULL)
		return -1;
	if (n > 0)
		memcpy(np, *pp, n * sz);
	*pp = np;
	*cap = ncap;
	return 0;
}

/*
 * Sets key on obj to v, replacing an existing value. The key is not copied.
 * v NULL (a constructor that failed) makes this fail too, so that a chain of
 * calls can be checked once. Returns 0, or -1.
 */
int
tv_set(struct tval *obj, const char *key, struct tval *v)
{
	struct tkv *kv;
	size_t i, klen;
	uint32_t hash;
	void *p;

	if (obj == NULL || obj->type != TV_OBJ || key == NULL || v == NULL)
		return -1;
	klen = strlen(key);
	hash = keyhash(key, klen);
	for (i = 0; i < obj->u.obj.n; i++) {
		kv = &obj->u.obj.kv[i];
		if (kv->hash == hash && kv->klen == klen &&
		    memcmp(kv->key, key, klen) == 0) {
			kv->v = v;
			return 0;
		}
	}
	p = obj->u.obj.kv;
	if (grow(obj->u.obj.a, &p, obj->u.obj.n, &obj->u.obj.cap,
	    sizeof(*kv)) == -1)
		return -1;
	obj->u.obj.kv = p;
	kv = &obj->u.obj.kv[obj->u.obj.n++];
	kv->key = key;
	kv->klen = klen;
	kv->hash = hash;
	kv->v = v;
	return 0;
}

int
tv_set_str(struct tval *obj, const char *key, const char *s)
{
	if (obj == NULL || obj->type != TV_OBJ)
		return -1;
	return tv_set(obj, key, tv_str(obj->u.obj.a, s));
}

int
tv_set_int(struct tval *obj, const char *key, int64_t i)
{
	if (obj == NULL || obj->type != TV_OBJ)
		return -1;
	return tv_set(obj, key, tv_int(obj->u.obj.a, i));
}

int
tv_set_bool(struct tval *obj, const char *key, int b)
{
	if (obj == NULL || obj->type != TV_OBJ)
		return -1;
	return tv_set(obj, key, tv_bool(obj->u.obj.a, b));
}

/* Appends v to list; -1 when list is not a list, v is NULL, or past the
 * arena's cap. */
int
tv_push(struct tval *list, struct tval *v)
{
	void *p;

	if (list == NULL || list->type != TV_LIST || v == NULL)
		return -1;
	p = list->u.list.v;
	if (grow(list->u.list.a, &p, list->u.list.n, &list->u.list.cap,
	    sizeof(*list->u.list.v)) == -1)
		return -1;
	list->u.list.v = p;
	list->u.list.v[list->u.list.n++] = v;
	return 0;
}

/* The value of key (len bytes, not NUL-terminated, keyhash() hash) in
 * obj, or NULL. Linear: objects are small. */
static const struct tval *
objget(const struct tval *obj, const char *key, size_t len, uint32_t hash)
{
	const struct tkv *kv, *end;

	if (obj == NULL || obj->type != TV_OBJ || obj->u.obj.n == 0)
		return NULL;
	end = obj->u.obj.kv + obj->u.obj.n;
	for (kv = obj->u.obj.kv; kv < end; kv++)
		if (kv->hash == hash && kv->klen == len &&
		    memcmp(kv->key, key, len) == 0)
			return kv->v;
	return NULL;
}

/* The value at a dotted path ("a.b.c") below obj, or NULL. */
const struct tval *
tv_get(const struct tval *obj, const char *path)
{
	const char *dot;
	size_t len;

	if (path == NULL)
		return NULL;
	for (;;) {
		dot = strchr(path, '.');
		len = dot != NULL ? (size_t)(dot - path) : strlen(path);
		if (len == 0 ||
		    (obj = objget(obj, path, len, keyhash(path, len))) == NULL)
			return NULL;
		if (dot == NULL)
			return obj;
		path = dot + 1;
	}
}

/* The type of v; TV_NULL for NULL. */
enum tv_type
tv_type(const struct tval *v)
{
	return v != NULL ? v->type : TV_NULL;
}

/* ---- compiled templates ---- */

enum opcode {
	OP_TEXT,	/* a, b: offset and length in the pool */
	OP_VAR,		/* path: escaped value */
	OP_RAW,		/* path: unescaped value */
	OP_T,		/* key: escaped message */
	OP_IF,		/* path; jump: its else or end */
	OP_UNLESS,	/* path; jump: its else or end */
	OP_EACH,	/* path; jump: its else or end */
	OP_ELSE,	/* jump: the end of its block */
	OP_END,
	OP_PARTIAL	/* key: name; target: template index */
};

enum pathkind {
	PATH_NAME,	/* a, b: first segment and count in segs */
	PATH_DOT,	/* {{.}} */
	PATH_INDEX	/* {{@index}} */
};

/* A name in a path: offset and length in the pool, and its keyhash(). */
struct seg {
	size_t		 off;
	size_t		 len;
	uint32_t	 hash;
};

struct op {
	enum opcode	 code;
	enum pathkind	 kind;
	size_t		 a, b;
	size_t		 jump;
	size_t		 target;
	size_t		 line;
	const char	*key;	/* NUL-terminated, in the pool */
	long		 msg;	/* OP_T: the key's catalogue index ... */
	unsigned	 gen;	/* ... in this generation of the catalogue */
};

struct tmpl {
	char		*name;
	char		*pool;	/* text, names, keys: no more than the source */
	size_t		 used, poolcap;
	struct op	*ops;
	size_t		 nops, opcap;
	struct seg	*segs;
	size_t		 nsegs, segcap;
	int		 height; /* deepest chain of partials below */
	int		 mark;	/* checking partials: 0 new, 1 open, 2 done */
};

struct tmpl_set {
	struct tmpl	*t;	/* sorted by name */
	size_t		 n;
};

/* An open block while compiling. */
struct open {
	size_t		 op;
	size_t		 line;
	size_t		 elseop;	/* 0: none (op 0 is never an else) */
};

struct parser {
	struct tmpl	*t;
	size_t		 line;
	struct open	 stack[TMPL_MAX_NEST];
	size_t		 depth;
	char		*err;
	size_t		 errlen;
};

static void	seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	perr(struct parser *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Sets "name:line: message" and returns -1. */
static int
perr(struct parser *ps, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	seterr(ps->err, ps->errlen, "%s:%zu: %s", ps->t->name, ps->line, msg);
	return -1;
}

static const char *const blocknames[] = {
	[OP_IF] = "if",
	[OP_UNLESS] = "unless",
	[OP_EACH] = "each",
};

static size_t
countnl(const char *s, size_t len)
{
	const char *end = s + len;
	size_t n = 0;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

static int
isws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
isname(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Copies n bytes to the pool; its offset. The pool holds no more than the
 * source: every tag copies less than itself, its braces and a NUL. */
static size_t
pooladd(struct tmpl *t, const char *s, size_t n, int nul)
{
	size_t off = t->used;

	assert(t->used + n + (nul != 0) <= t->poolcap);
	memcpy(t->pool + t->used, s, n);
	t->used += n;
	if (nul)
		t->pool[t->used++] = '\0';
	return off;
}

/* A new op at the end of the list, or NULL with a message. */
static struct op *
addop(struct parser *ps, enum opcode code)
{
	struct tmpl *t = ps->t;
	struct op *np;
	size_t ncap;

	if (t->nops == t->opcap) {
		ncap = t->opcap ? t->opcap * 2 : 16;
		if ((np = reallocarray(t->ops, ncap, sizeof(*np))) == NULL) {
			perr(ps, "out of memory");
			return NULL;
		}
		t->ops = np;
		t->opcap = ncap;
	}
	np = &t->ops[t->nops++];
	memset(np, 0, sizeof(*np));
	np->code = code;
	np->line = ps->line;
	return np;
}

static int
addtext(struct parser *ps, const char *s, size_t n)
{
	struct tmpl *t = ps->t;
	struct op *op;

	if (n == 0)
		return 0;
	/* Text on both sides of a comment makes one op. */
	if (t->nops > 0 && t->ops[t->nops - 1].code == OP_TEXT &&
	    t->ops[t->nops - 1].a + t->ops[t->nops - 1].b == t->used) {
		pooladd(t, s, n, 0);
		t->ops[t->nops - 1].b += n;
		return 0;
	}
	if ((op = addop(ps, OP_TEXT)) == NULL)
		return -1;
	op->a = pooladd(t, s, n, 0);
	op->b = n;
	return 0;
}

/*
 * Compiles the path s[0..n) ("name", "a.b.c", "." or "@index") into op.
 * Returns 0, or -1 with a message.
 */
static int
setpath(struct parser *ps, struct op *op, const char *s, size_t n)
{
	struct tmpl *t = ps->t;
	struct seg *ns;
	size_t i, start, off, ncap;

	if (n == 1 && s[0] == '.') {
		op->kind = PATH_DOT;
		return 0;
	}
	if (n == 6 && memcmp(s, "@index", 6) == 0) {
		op->kind = PATH_INDEX;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!isname(s[i]) && s[i] != '.')
			return perr(ps, "bad name \"%.*s\"", SHOWN(n), s);
	off = pooladd(t, s, n, 0);
	op->kind = PATH_NAME;
	op->a = t->nsegs;
	op->b = 0;
	for (start = 0, i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (i == start)
			return perr(ps, "bad name \"%.*s\"", SHOWN(n), s);
		if (t->nsegs == t->segcap) {
			ncap = t->segcap ? t->segcap * 2 : 16;
			if ((ns = reallocarray(t->segs, ncap,
			    sizeof(*ns))) == NULL)
				return perr(ps, "out of memory");
			t->segs = ns;
			t->segcap = ncap;
		}
		t->segs[t->nsegs].off = off + start;
		t->segs[t->nsegs].len = i - start;
		t->segs[t->nsegs].hash = keyhash(s + start, i - start);
		t->nsegs++;
		op->b++;
		start = i + 1;
	}
	return 0;
}

/* The block keyword at s[0..n): OP_IF, OP_UNLESS, OP_EACH, or -1. */
static int
blockword(const char *s, size_t n)
{
	if (n == 2 && memcmp(s, "if", 2) == 0)
		return OP_IF;
	if (n == 6 && memcmp(s, "unless", 6) == 0)
		return OP_UNLESS;
	if (n == 4 && memcmp(s, "each", 4) == 0)
		return OP_EACH;
	return -1;
}

static int
openblock(struct parser *ps, const char *s, size_t n)
{
	const char *w = s, *end = s + n;
	struct op *op;
	int code;

	while (w < end && !isws(*w))
		w++;
	if ((code = blockword(s, (size_t)(w - s))) == -1)
		return perr(ps, "unknown block {{#%.*s}}",
		    SHOWN((size_t)(w - s)), s);
	while (w < end && isws(*w))
		w++;
	if (w == end)
		return perr(ps, "{{#%s}} needs a name", blocknames[code]);
	if (ps->depth == TMPL_MAX_NEST)
		return perr(ps, "blocks nested deeper than %d",
		    TMPL_MAX_NEST);
	if ((op = addop(ps, (enum opcode)code)) == NULL)
		return -1;
	ps->stack[ps->depth].op = ps->t->nops - 1;
	ps->stack[ps->depth].line = ps->line;
	ps->stack[ps->depth].elseop = 0;
	ps->depth++;
	return setpath(ps, op, w, (size_t)(end - w));
}

static int
closeblock(struct parser *ps, const char *s, size_t n)
{
	struct tmpl *t = ps->t;
	struct open *o;
	size_t wl;
	int code;

	for (wl = 0; wl < n && !isws(s[wl]); wl++)
		continue;
	if ((code = blockword(s, wl)) == -1)
		return perr(ps, "unknown block {{/%.*s}}", SHOWN(wl), s);
	if (wl != n)
		return perr(ps, "{{/%s}} takes no name", blocknames[code]);
	if (ps->depth == 0)
		return perr(ps, "{{/%s}} without {{#%s}}", blocknames[code],
		    blocknames[code]);
	o = &ps->stack[ps->depth - 1];
	if (t->ops[o->op].code != (enum opcode)code)
		return perr(ps, "{{/%s}} closes {{#%s}} of line %zu",
		    blocknames[code], blocknames[t->ops[o->op].code],
		    o->line);
	if (addop(ps, OP_END) == NULL)
		return -1;
	if (o->elseop != 0)
		t->ops[o->elseop].jump = t->nops - 1;
	else
		t->ops[o->op].jump = t->nops - 1;
	ps->depth--;
	return 0;
}

static int
elsetag(struct parser *ps)
{
	struct tmpl *t = ps->t;
	struct open *o;

	if (ps->depth == 0)
		return perr(ps, "{{else}} outside a block");
	o = &ps->stack[ps->depth - 1];
	if (o->elseop != 0)
		return perr(ps, "second {{else}} in {{#%s}} of line %zu",
		    blocknames[t->ops[o->op].code], o->line);
	if (addop(ps, OP_ELSE) == NULL)
		return -1;
	o->elseop = t->nops - 1;
	t->ops[o->op].jump = o->elseop;
	return 0;
}

/* {{t key}}: the key must be in the catalogues. */
static int
msgtag(struct parser *ps, const char *s, size_t n)
{
	struct op *op;
	size_t i;

	for (i = 0; i < n; i++)
		if (!isname(s[i]) && s[i] != '.')
			return perr(ps, "bad message key \"%.*s\"",
			    SHOWN(n), s);
	if ((op = addop(ps, OP_T)) == NULL)
		return -1;
	op->key = ps->t->pool + pooladd(ps->t, s, n, 1);
	op->gen = i18n_generation();
	if ((op->msg = i18n_index(op->key)) < 0)
		return perr(ps, "unknown message key \"%s\"", op->key);
	return 0;
}

/* {{> name}}: resolved once every template is compiled. */
static int
partialtag(struct parser *ps, const char *s, size_t n)
{
	struct op *op;
	size_t i;

	while (n > 0 && isws(*s))
		s++, n--;
	if (n == 0)
		return perr(ps, "{{>}} needs a template name");
	for (i = 0; i < n; i++)
		if (!isname(s[i]) && s[i] != '.' && s[i] != '/')
			return perr(ps, "bad template name \"%.*s\"",
			    SHOWN(n), s);
	if ((op = addop(ps, OP_PARTIAL)) == NULL)
		return -1;
	op->key = ps->t->pool + pooladd(ps->t, s, n, 1);
	return 0;
}

/* The tag between {{ and }}: s[0..n), not yet trimmed. */
static int
tag(struct parser *ps, const char *s, size_t n)
{
	const char *w, *end;
	struct op *op;
	size_t wl;

	if (n > 0 && s[0] == '!')
		return 0;
	while (n > 0 && isws(*s))
		s++, n--;
	while (n > 0 && isws(s[n - 1]))
		n--;
	if (n == 0)
		return perr(ps, "empty tag {{}}");
	end = s + n;
	switch (s[0]) {
	case '!':
		return 0;
	case '#':
		for (w = s + 1; w < end && isws(*w); w++)
			continue;
		return openblock(ps, w, (size_t)(end - w));
	case '/':
		for (w = s + 1; w < end && isws(*w); w++)
			continue;
		return closeblock(ps, w, (size_t)(end - w));
	case '>':
		return partialtag(ps, s + 1, n - 1);
	default:
		break;
	}
	for (w = s; w < end && !isws(*w); w++)
		continue;
	wl = (size_t)(w - s);
	while (w < end && isws(*w))
		w++;
	if (wl == n && n == 4 && memcmp(s, "else", 4) == 0)
		return elsetag(ps);
	if (wl == 1 && s[0] == 't') {
		if (w == end)
			return perr(ps, "{{t}} needs a message key");
		return msgtag(ps, w, (size_t)(end - w));
	}
	if (wl == 3 && memcmp(s, "raw", 3) == 0) {
		if (w == end)
			return perr(ps, "{{raw}} needs a name");
		if ((op = addop(ps, OP_RAW)) == NULL)
			return -1;
		return setpath(ps, op, w, (size_t)(end - w));
	}
	if (wl != n || !(isname(s[0]) || s[0] == '.' || s[0] == '@'))
		return perr(ps, "unknown tag {{%.*s}}", SHOWN(n), s);
	if ((op = addop(ps, OP_VAR)) == NULL)
		return -1;
	return setpath(ps, op, s, n);
}

/*
 * Compiles src into t (whose name is set). Returns 0, or -1 with a message.
 */
static int
compile(struct tmpl *t, const char *src, size_t len, char *err,
    size_t errlen)
{
	struct parser ps;
	const char *p, *end, *open, *close;

	memset(&ps, 0, sizeof(ps));
	ps.t = t;
	ps.line = 1;
	ps.err = err;
	ps.errlen = errlen;

	if (len > TMPL_MAX_LEN)
		return perr(&ps, "longer than %lu bytes", TMPL_MAX_LEN);
	t->poolcap = len + 1;
	if ((t->pool = malloc(t->poolcap)) == NULL)
		return perr(&ps, "out of memory");
	p = src;
	end = src + len;
	while (p < end) {
		open = memmem(p, (size_t)(end - p), "{{", 2);
		if (open == NULL)
			open = end;
		if (addtext(&ps, p, (size_t)(open - p)) == -1)
			return -1;
		ps.line += countnl(p, (size_t)(open - p));
		if (open == end)
			break;
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (close == NULL)
			return perr(&ps, "unterminated tag (no }})");
		if (tag(&ps, open + 2, (size_t)(close - open - 2)) == -1)
			return -1;
		ps.line += countnl(open, (size_t)(close - open));
		p = close + 2;
	}
	if (ps.depth > 0) {
		ps.line = ps.stack[ps.depth - 1].line;
		return perr(&ps, "{{#%s}} is not closed",
		    blocknames[t->ops[ps.stack[ps.depth - 1].op].code]);
	}
	return 0;
}

static void
tmpl_clear(struct tmpl *t)
{
	free(t->name);
	free(t->pool);
	free(t->ops);
	free(t->segs);
}

static int
tmplcmp(const void *a, const void *b)
{
	return strcmp(((const struct tmpl *)a)->name,
	    ((const struct tmpl *)b)->name);
}

static int
namecmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tmpl *)elem)->name);
}

static const struct tmpl *
findtmpl(const struct tmpl_set *set, const char *name)
{
	if (set == NULL || name == NULL || set->n == 0)
		return NULL;
	return bsearch(name, set->t, set->n, sizeof(*set->t), namecmp);
}

/*
 * Checks the partials below template i, reached through depth partials:
 * no cycle, no chain longer than TMPL_MAX_PARTIALS. Sets its height.
 * Returns 0, or -1 with a message.
 */
static int
checkdepth(struct tmpl_set *set, size_t i, int depth, char *err,
    size_t errlen)
{
	struct tmpl *t = &set->t[i], *c;
	const struct op *op;
	size_t k;

	t->mark = 1;
	t->height = 0;
	for (k = 0; k < t->nops; k++) {
		op = &t->ops[k];
		if (op->code != OP_PARTIAL)
			continue;
		c = &set->t[op->target];
		if (c->mark == 1) {
			seterr(err, errlen, "%s:%zu: {{> %s}}: partial "
			    "includes itself (recursion)", t->name, op->line,
			    op->key);
			return -1;
		}
		if (c->mark == 0 && depth + 1 <= TMPL_MAX_PARTIALS &&
		    checkdepth(set, op->target, depth + 1, err,
		    errlen) == -1)
			return -1;
		if (c->mark == 0 ||
		    depth + 1 + c->height > TMPL_MAX_PARTIALS) {
			seterr(err, errlen, "%s:%zu: {{> %s}}: partials nested "
			    "deeper than %d", t->name, op->line, op->key,
			    TMPL_MAX_PARTIALS);
			return -1;
		}
		if (c->height + 1 > t->height)
			t->height = c->height + 1;
	}
	t->mark = 2;
	return 0;
}

/*
 * Compiles every template; see tmpl.h. Names must be unique and non-empty.
 * The set and everything in it is malloc'd and owned by the caller, to free
 * with tmpl_free(); the sources may be freed once this returns. NULL on
 * error, with "name:line: message" in err.
 */
struct tmpl_set *
tmpl_load(const struct tmpl_src *src, size_t n, char *err, size_t errlen)
{
	struct tmpl_set *set = NULL;
	const struct tmpl *f;
	struct tmpl *t;
	struct op *op;
	size_t i, k;

	if ((set = calloc(1, sizeof(*set))) == NULL ||
	    (set->t = calloc(n + 1, sizeof(*set->t))) == NULL) {
		seterr(err, errlen, "templates: out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		t = &set->t[i];
		set->n++;
		if (src[i].name == NULL || src[i].name[0] == '\0') {
			seterr(err, errlen, "template %zu: no name", i);
			goto fail;
		}
		if ((t->name = strdup(src[i].name)) == NULL) {
			seterr(err, errlen, "templates: out of memory");
			goto fail;
		}
		if (src[i].text == NULL && src[i].len > 0) {
			seterr(err, errlen, "%s: no text", t->name);
			goto fail;
		}
		if (compile(t, src[i].text != NULL ? src[i].text : "",
		    src[i].len, err, errlen) == -1)
			goto fail;
	}
	qsort(set->t, set->n, sizeof(*set->t), tmplcmp);
	for (i = 1; i < set->n; i++) {
		if (strcmp(set->t[i - 1].name, set->t[i].name) == 0) {
			seterr(err, errlen, "%s: two templates of that name",
			    set->t[i].name);
			goto fail;
		}
	}
	for (i = 0; i < set->n; i++) {
		t = &set->t[i];
		for (k = 0; k < t->nops; k++) {
			op = &t->ops[k];
			if (op->code != OP_PARTIAL)
				continue;
			if ((f = findtmpl(set, op->key)) == NULL) {
				seterr(err, errlen, "%s:%zu: unknown partial "
				    "\"%s\"", t->name, op->line, op->key);
				goto fail;
			}
			op->target = (size_t)(f - set->t);
		}
	}
	for (i = 0; i < set->n; i++)
		if (set->t[i].mark == 0 &&
		    checkdepth(set, i, 0, err, errlen) == -1)
			goto fail;
	return set;
fail:
	tmpl_free(set);
	return NULL;
}

/* Frees the set; tmpl_free(NULL) does nothing. */
void
tmpl_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_clear(&set->t[i]);
	free(set->t);
	free(set);
}

int
tmpl_exists(const struct tmpl_set *set, const char *name)
{
	return findtmpl(set, name) != NULL;
}

/* ---- rendering ---- */

/* One level of data: the root, or an #each item. */
struct scope {
	const struct scope	*up;
	const struct tval	*v;
	size_t			 index;
	int			 item;	/* 1 for an #each item */
};

struct render {
	const struct tmpl_set	*set;
	struct buf		*out;
	enum lang		 lang;
	unsigned long		 steps;
	int			 fail;
};

/*
 * The value op names, or NULL. A name's first part is looked up in the
 * innermost scope that has it; the rest below that value only. {{@index}}
 * is written into *tmp.
 */
static const struct tval *
lookup(const struct tmpl *t, const struct op *op, const struct scope *sc,
    struct tval *tmp)
{
	const struct seg *sg, *send;
	const struct tval *v = NULL;

	switch (op->kind) {
	case PATH_DOT:
		return sc->v;
	case PATH_INDEX:
		for (; sc != NULL; sc = sc->up) {
			if (sc->item) {
				tmp->type = TV_INT;
				tmp->u.i = (int64_t)sc->index;
				return tmp;
			}
		}
		return NULL;
	case PATH_NAME:
		break;
	}
	sg = &t->segs[op->a];
	send = sg + op->b;
	for (; sc != NULL; sc = sc->up)
		if ((v = objget(sc->v, t->pool + sg->off, sg->len,
		    sg->hash)) != NULL)
			break;
	for (sg++; v != NULL && sg < send; sg++)
		v = objget(v, t->pool + sg->off, sg->len, sg->hash);
	return v;
}

static int
truthy(const struct tval *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case TV_STR:
		return v->u.str.len > 0;
	case TV_INT:
		return v->u.i != 0;
	case TV_BOOL:
		return v->u.b;
	case TV_LIST:
		return v->u.list.n > 0;
	case TV_OBJ:
		return 1;
	default:
		return 0;
	}
}

/*
 * buf_add() with the common case inline: no failure and room to spare.
 * Keeps struct buf's promises (NUL after len; nothing after oom).
 */
static inline void
put(struct buf *b, const char *s, size_t n)
{
	if (!b->oom && b->len + n < b->cap) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
	} else
		buf_add(b, s, n);
}

static void
emit(struct buf *out, const struct tval *v, int escape)
{
	char num[24], *p;
	uint64_t u;

	if (v == NULL)
		return;
	switch (v->type) {
	case TV_STR:
		if (escape)
			buf_html(out, v->u.str.s, v->u.str.len);
		else
			put(out, v->u.str.s, v->u.str.len);
		break;
	case TV_INT:
		u = v->u.i < 0 ? 0 - (uint64_t)v->u.i : (uint64_t)v->u.i;
		p = num + sizeof(num);
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (v->u.i < 0)
			*--p = '-';
		put(out, p, (size_t)(num + sizeof(num) - p));
		break;
	case TV_BOOL:
		if (v->u.b)
			put(out, "1", 1);
		break;
	default:
		break;
	}
}

/* Runs ops [pc, end) of t in scope sc. */
static void
run(struct render *r, const struct tmpl *t, size_t pc, size_t end,
    const struct scope *sc)
{
	const struct tmpl *p;
	const struct tval *v;
	const struct op *op;
	struct scope item;
	struct tval tmp;
	const char *msg;
	size_t i, stop;

	while (pc < end) {
		if (r->fail || r->out->oom)
			return;
		if (++r->steps > TMPL_MAX_STEPS) {
			r->fail = 1;
			return;
		}
		op = &t->ops[pc];
		switch (op->code) {
		case OP_TEXT:
			put(r->out, t->pool + op->a, op->b);
			pc++;
			break;
		case OP_VAR:
		case OP_RAW:
			emit(r->out, lookup(t, op, sc, &tmp),
			    op->code == OP_VAR);
			pc++;
			break;
		case OP_T:
			msg = op->gen == i18n_generation() ?
			    i18n_at(op->msg, r->lang) :
			    i18n_get(r->lang, op->key);
			buf_html(r->out, msg, strlen(msg));
			pc++;
			break;
		case OP_IF:
		case OP_UNLESS:
			if (truthy(lookup(t, op, sc, &tmp)) ==
			    (op->code == OP_IF))
				pc++;
			else
				pc = op->jump + 1;
			break;
		case OP_ELSE:
			/* The end of a branch that ran. */
			pc = op->jump + 1;
			break;
		case OP_END:
			pc++;
			break;
		case OP_EACH:
			v = lookup(t, op, sc, &tmp);
			if (v == NULL || v->type != TV_LIST ||
			    v->u.list.n == 0) {
				pc = op->jump + 1;
				break;
			}
			item.up = sc;
			item.item = 1;
			for (i = 0; i < v->u.list.n && !r->fail; i++) {
				if (++r->steps > TMPL_MAX_STEPS) {
					r->fail = 1;
					break;
				}
				item.v = v->u.list.v[i];
				item.index = i;
				run(r, t, pc + 1, op->jump, &item);
			}
			stop = op->jump;
			if (t->ops[stop].code == OP_ELSE)
				stop = t->ops[stop].jump;
			pc = stop + 1;
			break;
		case OP_PARTIAL:
			p = &r->set->t[op->target];
			run(r, p, 0, p->nops, sc);
			pc++;
			break;
		}
	}
}

/*
 * Renders name with data into out (appending). Returns 0, or -1 when there
 * is no such template, out ran out of memory, or the render ran more than
 * TMPL_MAX_STEPS ops; out then holds a partial page not to send. Read-only
 * on the set: safe from many threads, each with its own out.
 */
int
tmpl_render(const struct tmpl_set *set, const char *name,
    const struct tval *data, enum lang lang, struct buf *out)
{
	const struct tmpl *t;
	struct render r;
	struct scope root;

	if ((t = findtmpl(set, name)) == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.lang = lang;
	root.up = NULL;
	root.v = data;
	root.index = 0;
	root.item = 0;
	run(&r, t, 0, t->nops, &root);
	return r.fail || out->oom ? -1 : 0;
}
