/*
 * tmpl.h — HTML templates with escaping by default (templates layer).
 *
 * Templates are files under templates/, compiled into the binary and parsed
 * once at start-up. Syntax:
 *
 *   {{name}}  {{a.b.c}}     value, HTML-escaped (text and quoted attributes)
 *   {{t key.name}}          message from the catalogue of the request's language
 *   {{raw name}}            unescaped insertion: rare, greppable, only for
 *                           HTML the server itself produced (e.g. SVG charts)
 *   {{#if name}}..{{else}}..{{/if}}     truthy: non-empty string, non-zero int,
 *   {{#unless name}}..{{/unless}}       true bool, non-empty list, object
 *   {{#each list}}..{{/each}} inside, names resolve in the item first, then
 *                           outwards; {{.}} is the item itself, {{@index}} its
 *                           0-based position
 *   {{> partial}}           another template, same data
 *   {{! comment }}
 *
 * Data is a tree of tvals allocated in the request's arena.
 */
#ifndef RRJETI_TMPL_H
#define RRJETI_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "../i18n/i18n.h"

struct arena;
struct buf;

enum tv_type {
	TV_NULL,
	TV_STR,
	TV_INT,
	TV_BOOL,
	TV_LIST,
	TV_OBJ,
	TV__MAX
};

struct tval;

struct tval	*tv_obj(struct arena *);
struct tval	*tv_list(struct arena *);
struct tval	*tv_str(struct arena *, const char *);	/* not copied */
struct tval	*tv_strdup(struct arena *, const char *);	/* copied */
struct tval	*tv_int(struct arena *, int64_t);
struct tval	*tv_bool(struct arena *, int);
/* Set key (not copied: static or arena) on an object; replaces an existing
 * key. Return 0, or -1 on OOM or when obj is not an object. */
int		 tv_set(struct tval *obj, const char *key, struct tval *v);
int		 tv_set_str(struct tval *obj, const char *key, const char *s);
int		 tv_set_int(struct tval *obj, const char *key, int64_t);
int		 tv_set_bool(struct tval *obj, const char *key, int);
int		 tv_push(struct tval *list, struct tval *v);
/* Lookup of a dotted path in an object; NULL when absent. */
const struct tval *tv_get(const struct tval *obj, const char *path);
enum tv_type	 tv_type(const struct tval *);

struct tmpl_src {
	const char	*name;	/* e.g. "login" for templates/login.html */
	const char	*text;
	size_t		 len;
};

struct tmpl_set;

/*
 * Parses every template. Fails (NULL, message in err) on a syntax error, an
 * unbalanced block, an unknown partial, or a {{t key}} whose key is missing
 * from the catalogues (i18n_has()): such mistakes stop start-up, not a page.
 */
struct tmpl_set	*tmpl_load(const struct tmpl_src *, size_t n, char *err, size_t errlen);
void		 tmpl_free(struct tmpl_set *);
/* 1 when a template of that name exists. */
int		 tmpl_exists(const struct tmpl_set *, const char *name);
/* Renders name with data into out. Returns 0, or -1 when the template does
 * not exist or out ran out of memory. Missing values render as empty. */
int		 tmpl_render(const struct tmpl_set *, const char *name,
		    const struct tval *data, enum lang, struct buf *out);

#endif
