/*
 * reference.c — reference data and child population. See reference.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/csv.h"
#include "../util/embed.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "reference.h"

struct load {
	struct store	*st;
	const char	*country;	/* for municipality files */
	int		 kind;		/* 0 Kosovo, 1 Albania, 2 concerns */
	size_t		 n;
	char		*err;
	size_t		 errlen;
};

static int
load_cb(void *arg, size_t line, char **f, size_t n)
{
	struct load *l = arg;
	enum store_rc rc;
	char num[8];

	if (line == 1)
		return 0;	/* header */
	if (n == 1 && f[0][0] == '\0')
		return 0;	/* blank line */
	if ((l->kind == 0 && n != 6) || (l->kind == 1 && n != 5) ||
	    (l->kind == 2 && n != 5)) {
		snprintf(l->err, l->errlen, "line %zu: %zu fields", line, n);
		return -1;
	}
	if (l->kind == 2) {
		struct sp p[] = { sp_text(f[0]), sp_text(f[2]), sp_text(f[1]),
		    sp_text(f[3]), sp_int(atoi(f[4]) ? 1 : 0) };

		rc = store_exec(l->st, Q_CONCERN_PUT, p, 5, NULL, NULL, NULL);
	} else {
		if (strlen(f[0]) != 4) {
			snprintf(l->err, l->errlen, "line %zu: code %s", line, f[0]);
			return -1;
		}
		snprintf(num, sizeof(num), "%s", f[0] + 2);
		if (l->kind == 0) {
			/* code,name_sq,name_sr_latn,district_sq,population,note */
			struct sp p[] = { sp_text(f[0]), sp_text("XK"),
			    sp_text(num), sp_text(f[1]), sp_text(f[2]),
			    sp_text(f[3]), f[4][0] ? sp_int(atoll(f[4])) : sp_null(),
			    sp_text(f[5]) };

			rc = store_exec(l->st, Q_MUNI_PUT, p, 8, NULL, NULL, NULL);
		} else {
			/* code,name_sq,qark,qark_population_2023,population_2023 */
			struct sp p[] = { sp_text(f[0]), sp_text("AL"),
			    sp_text(num), sp_text(f[1]), sp_text(f[1]),
			    sp_text(f[2]), f[4][0] ? sp_int(atoll(f[4])) : sp_null(),
			    sp_text(f[3][0] ? "qark 2023" : "") };

			rc = store_exec(l->st, Q_MUNI_PUT, p, 8, NULL, NULL, NULL);
		}
	}
	if (rc != STORE_OK) {
		snprintf(l->err, l->errlen, "line %zu: %s", line, store_rc_str(rc));
		return -1;
	}
	l->n++;
	return 0;
}

static int
load_file(struct load *l, const char *path, int kind)
{
	const struct embedded_file *f;
	size_t bad = 0;
	char msg[256];
	int rc;

	if ((f = embed_find(path)) == NULL) {
		snprintf(l->err, l->errlen, "%s is not in the binary", path);
		return -1;
	}
	l->kind = kind;
	l->n = 0;
	rc = csv_parse(f->data, f->len, load_cb, l, &bad);
	if (rc != 0) {
		if (rc == -1 && bad != 0)
			snprintf(msg, sizeof(msg), "line %zu: malformed CSV", bad);
		else
			snprintf(msg, sizeof(msg), "%s", l->err);
		snprintf(l->err, l->errlen, "%s: %s", path, msg);
		return -1;
	}
	return 0;
}

int
ref_load(struct store *st, char *err, size_t errlen)
{
	struct load l = { st, NULL, 0, 0, err, errlen };
	struct sp xk[] = { sp_text("XK"), sp_text("Kosova"), sp_text("Kosovo"),
	    sp_text("Kosovo") };
	struct sp al[] = { sp_text("AL"), sp_text("Shqipëria"),
	    sp_text("Albania"), sp_text("Albanija") };

	if (store_begin(st, 1) != STORE_OK) {
		snprintf(err, errlen, "cannot lock the database");
		return -1;
	}
	if (store_exec(st, Q_COUNTRY_PUT, xk, 4, NULL, NULL, NULL) != STORE_OK ||
	    store_exec(st, Q_COUNTRY_PUT, al, 4, NULL, NULL, NULL) != STORE_OK) {
		snprintf(err, errlen, "cannot write the countries");
		goto fail;
	}
	if (load_file(&l, "data/kosovo_municipalities.csv", 0) != 0 ||
	    load_file(&l, "data/albania_municipalities.csv", 1) != 0 ||
	    load_file(&l, "data/protection_concerns.csv", 2) != 0)
		goto fail;
	if (audit_record(st, NULL, "cli", "reference.load", "reference", 0,
	    "") != STORE_OK || store_commit(st) != STORE_OK) {
		snprintf(err, errlen, "cannot commit the reference data");
		goto fail;
	}
	return 0;
fail:
	store_rollback(st);
	return -1;
}

struct mlist {
	struct arena		*a;
	struct muni_info	*v;
	size_t			 n, cap;
};

static int
muni_cb(void *arg, const struct store_row *r)
{
	struct mlist *l = arg;
	struct muni_info *m;

	if (l->n == l->cap)
		return 1;
	m = &l->v[l->n++];
	m->id = srow_int(r, 0);
	m->code = arena_strdup(l->a, srow_text(r, 1));
	m->country = arena_strdup(l->a, srow_text(r, 2));
	m->num = arena_strdup(l->a, srow_text(r, 3));
	m->name_sq = arena_strdup(l->a, srow_text(r, 4));
	m->name_sr = arena_strdup(l->a, srow_text(r, 5));
	m->region = arena_strdup(l->a, srow_text(r, 6));
	m->population = srow_null(r, 7) ? -1 : srow_int(r, 7);
	return 0;
}

static enum svc_rc
muni_query(struct svc *s, enum qid q, struct sp *p, size_t np, size_t cap,
    struct muni_info **out, size_t *n)
{
	struct mlist l = { s->a, NULL, 0, cap };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, q, p, np, muni_cb, &l, NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
ref_municipality(struct svc *s, int64_t id, struct muni_info **out)
{
	struct sp p[] = { sp_int(id) };
	size_t n;
	enum svc_rc rc;

	if ((rc = muni_query(s, Q_MUNI_GET, p, 1, 1, out, &n)) != SVC_OK)
		return rc;
	return n ? SVC_OK : svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
}

/*
 * ref_municipality() for a municipality the caller was given (a form's
 * field): one that does not exist is bad input (SVC_INVALID naming field),
 * while a database that does not answer stays SVC_UNAVAILABLE (503, not
 * 400: nothing was wrong with the input).
 */
enum svc_rc
ref_municipality_field(struct svc *s, int64_t id, struct muni_info **out,
    const char *field)
{
	enum svc_rc rc = ref_municipality(s, id, out);

	if (rc != SVC_NOTFOUND)
		return rc;
	return svc_fail(s, SVC_INVALID, field, "error.field.invalid");
}

enum svc_rc
ref_municipality_by_code(struct svc *s, const char *code, struct muni_info **out)
{
	struct sp p[] = { sp_text(code) };
	size_t n;
	enum svc_rc rc;

	if ((rc = muni_query(s, Q_MUNI_BY_CODE, p, 1, 1, out, &n)) != SVC_OK)
		return rc;
	return n ? SVC_OK : svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
}

enum svc_rc
ref_municipalities(struct svc *s, struct muni_info **out, size_t *n)
{
	return muni_query(s, Q_MUNI_LIST, NULL, 0, 200, out, n);
}

struct clist {
	struct arena		*a;
	struct concern_info	*v;
	size_t			 n, cap;
};

static int
concern_cb(void *arg, const struct store_row *r)
{
	struct clist *l = arg;
	struct concern_info *c;

	if (l->n == l->cap)
		return 1;
	c = &l->v[l->n++];
	c->code = arena_strdup(l->a, srow_text(r, 0));
	c->label[LANG_SQ] = arena_strdup(l->a, srow_text(r, 1));
	c->label[LANG_EN] = arena_strdup(l->a, srow_text(r, 2));
	c->label[LANG_SR] = arena_strdup(l->a, srow_text(r, 3));
	c->restricted = (int)srow_int(r, 4);
	return 0;
}

enum svc_rc
ref_concerns(struct svc *s, struct concern_info **out, size_t *n)
{
	struct clist l = { s->a, NULL, 0, 200 };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_CONCERN_LIST, NULL, 0, concern_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct plist {
	struct arena		*a;
	struct population_row	*v;
	size_t			 n, cap;
};

static int
pop_cb(void *arg, const struct store_row *r)
{
	struct plist *l = arg;
	struct population_row *p;

	if (l->n == l->cap)
		return 1;
	p = &l->v[l->n++];
	p->municipality_id = srow_int(r, 0);
	p->code = arena_strdup(l->a, srow_text(r, 1));
	p->name = arena_strdup(l->a, srow_text(r, 2));
	p->country = arena_strdup(l->a, srow_text(r, 3));
	p->children = srow_null(r, 4) ? -1 : srow_int(r, 4);
	p->estimated = (int)srow_int(r, 5);
	p->source = arena_strdup(l->a, srow_text(r, 6));
	p->updated_at = srow_int(r, 7);
	return 0;
}

enum svc_rc
population_list(struct svc *s, int year, struct population_row **out,
    size_t *n)
{
	struct plist l = { s->a, NULL, 0, 200 };
	int64_t muni = authz_municipality_filter(s->actor);
	enum store_rc rc;

	if (!authz_allows(s->actor, PERM_POPULATION_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (year < 1990 || year > 2100)
		return svc_fail(s, SVC_INVALID, "year", "error.year.range");
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = { sp_int(year),
		    sp_text(authz_country_filter(s->actor)),
		    muni == 0 ? sp_null() : sp_int(muni) };

		rc = store_exec(s->st, Q_POP_LIST, p, 3, pop_cb, &l, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
population_missing(struct svc *s, int year, int64_t *count)
{
	int64_t muni = authz_municipality_filter(s->actor);
	enum store_rc rc;

	*count = 0;
	if (!authz_allows(s->actor, PERM_POPULATION_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (year < 1990 || year > 2100)
		return svc_fail(s, SVC_INVALID, "year", "error.year.range");
	{
		struct sp p[] = { sp_int(year),
		    sp_text(authz_country_filter(s->actor)),
		    muni == 0 ? sp_null() : sp_int(muni) };

		rc = store_exec(s->st, Q_POP_MISSING, p, 3, store_cb_int, count,
		    NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

static int
admin_cb(void *arg, const struct store_row *r)
{
	int64_t *v = arg;

	v[0] = srow_int(r, 0);
	v[1] = srow_int(r, 1);
	v[2] = srow_int(r, 2);
	return 1;
}

enum svc_rc
admin_home_counts(struct svc *s, int year, int64_t *missing,
    int64_t *agencies, int64_t *unstaffed)
{
	int64_t muni = authz_municipality_filter(s->actor), v[3] = { 0, 0, 0 };
	enum store_rc rc;

	*missing = *agencies = *unstaffed = 0;
	if (!authz_allows(s->actor, PERM_POPULATION_READ, NULL) ||
	    !authz_allows(s->actor, PERM_AGENCIES_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (year < 1990 || year > 2100)
		return svc_fail(s, SVC_INVALID, "year", "error.year.range");
	if (!svc_memo_get(s, MEMO_ADMIN_HOME, year, v, sizeof(v))) {
		struct sp p[] = { sp_int(year),
		    sp_text(authz_country_filter(s->actor)),
		    muni == 0 ? sp_null() : sp_int(muni) };

		rc = store_exec(s->st, Q_ADMIN_HOME, p, 3, admin_cb, v, NULL);
		if (rc != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		svc_memo_put(s, MEMO_ADMIN_HOME, year, v, sizeof(v));
	}
	*missing = v[0];
	*agencies = v[1];
	*unstaffed = v[2];
	return SVC_OK;
}

struct pop_args {
	int64_t		 muni;
	int		 year;
	int64_t		 children;
	int		 estimated;
	const char	*source;
};

static enum svc_rc
pop_tx(struct svc *s, void *arg)
{
	struct pop_args *a = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(a->muni), sp_int(a->year), sp_int(a->children),
	    sp_int(a->estimated ? 1 : 0), sp_text(a->source),
	    sp_id(s->actor ? s->actor->id : 0), sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_POP_PUT, p, 7, NULL, NULL, NULL)) !=
	    STORE_OK ||
	    (rc = audit_record(s->st, s->actor, "cli", "population.set",
	    "municipality", a->muni, arena_printf(s->a, "year=%d children=%lld",
	    a->year, (long long)a->children))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
population_set(struct svc *s, int64_t muni, int year, int64_t children,
    int estimated, const char *source)
{
	struct pop_args a;
	struct muni_info *m;
	struct authz_obj o;
	enum svc_rc rc;
	size_t n;

	if (year < 1990 || year > 2100)
		return svc_fail(s, SVC_INVALID, "year", "error.year.range");
	if (children < 0 || children > 2000000)
		return svc_fail(s, SVC_INVALID, "children", "error.children.range");
	if (source == NULL)
		source = "";
	n = strlen(source);
	if (n > 400 || !utf8_valid(source, n) || utf8_chars(source, n) > 100)
		return svc_fail(s, SVC_INVALID, "source", "error.field.toolong");
	if ((rc = ref_municipality_field(s, muni, &m, "municipality")) !=
	    SVC_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.municipality_id = muni;
	o.country = m->country;
	if (!authz_allows(s->actor, PERM_POPULATION_WRITE, &o))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	a.muni = muni;
	a.year = year;
	a.children = children;
	a.estimated = estimated;
	a.source = source;
	return svc_tx(s, pop_tx, &a);
}
