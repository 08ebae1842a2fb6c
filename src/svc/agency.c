/*
 * agency.c — agencies and teams. See agency.h.
 */
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "agency.h"
#include "reference.h"

static const char *const type_names[AGENCY__MAX] = {
	[AGENCY_SOCIAL_WORK] = "social_work",
	[AGENCY_POLICE] = "police",
	[AGENCY_SCHOOL] = "school",
	[AGENCY_HEALTH] = "health",
	[AGENCY_PROVIDER] = "provider",
	[AGENCY_MINISTRY] = "ministry",
	[AGENCY_COMMUNITY] = "community",
};

const char *
agency_type_name(int t)
{
	return t >= 0 && t < AGENCY__MAX ? type_names[t] : "?";
}

int
agency_type_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < AGENCY__MAX; i++)
		if (strcmp(s, type_names[i]) == 0)
			return i;
	return -1;
}

int
agency_code_valid(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) < 2 || n > 16)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int
name_valid(const char *s, size_t max)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 4 * max)
		return 0;
	return utf8_valid(s, n) && utf8_chars(s, n) <= max &&
	    strchr(s, '\n') == NULL && strchr(s, '\t') == NULL &&
	    strchr(s, '\r') == NULL;
}

struct list {
	struct arena		*a;
	struct agency_info	*v;
	size_t			 n, cap;
	size_t			 have;	/* slots allocated in v, up to cap */
	int			 oom;
};

/*
 * Room for one more row: v doubles as rows arrive, up to cap (the old copy
 * stays in the arena until reset), so a short list does not allocate, zero
 * and later wipe cap slots. 0, or -1 when full or out of memory (oom).
 */
static int
list_room(struct list *l)
{
	struct agency_info *nv;
	size_t nhave;

	if (l->n < l->have)
		return 0;
	if (l->have >= l->cap)
		return -1;
	nhave = l->have < l->cap / 2 ? l->have * 2 : l->cap;
	if ((nv = arena_zalloc(l->a, nhave * sizeof(*nv))) == NULL) {
		l->oom = 1;
		return -1;
	}
	memcpy(nv, l->v, l->n * sizeof(*nv));
	l->v = nv;
	l->have = nhave;
	return 0;
}

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct list *l = arg;
	struct agency_info *g;

	if (l->n == l->cap || list_room(l) != 0)
		return 1;
	g = &l->v[l->n++];
	g->id = srow_int(r, AG_ID);
	g->code = arena_strdup(l->a, srow_text(r, AG_CODE));
	g->name = arena_strdup(l->a, srow_text(r, AG_NAME));
	g->type = agency_type_parse(srow_text(r, AG_TYPE));
	g->municipality_id = srow_int(r, AG_MUNICIPALITY_ID);
	g->municipality_name = arena_strdup(l->a, srow_text(r, AG_MUNICIPALITY_NAME));
	g->active = (int)srow_int(r, AG_ACTIVE);
	g->users = srow_int(r, AG_USERS);
	g->country = srow_null(r, AG_COUNTRY) ? NULL :
	    arena_strdup(l->a, srow_text(r, AG_COUNTRY));
	return 0;
}

static enum svc_rc
fetch_one(struct svc *s, enum qid q, struct sp *p, struct agency_info **out)
{
	struct list l = { s->a, NULL, 0, 1, 1, 0 };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, q, p, 1, agency_cb, &l, NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

enum svc_rc
agency_fetch(struct svc *s, int64_t id, struct agency_info **out)
{
	struct sp p[] = { sp_int(id) };

	return fetch_one(s, Q_AGENCY_GET, p, out);
}

static int
visible(struct svc *s, const struct agency_info *g, enum perm perm)
{
	struct authz_obj o;

	memset(&o, 0, sizeof(o));
	o.agency_id = g->id;
	o.municipality_id = g->municipality_id;
	o.country = g->country;
	return authz_allows(s->actor, perm, &o);
}

enum svc_rc
agency_get(struct svc *s, int64_t id, struct agency_info **out)
{
	enum svc_rc rc;

	if ((rc = agency_fetch(s, id, out)) != SVC_OK)
		return rc;
	if (!visible(s, *out, PERM_AGENCIES_READ))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	return SVC_OK;
}

enum svc_rc
agency_by_code(struct svc *s, const char *code, struct agency_info **out)
{
	struct sp p[] = { sp_text(code) };

	return fetch_one(s, Q_AGENCY_BY_CODE, p, out);
}

enum svc_rc
agency_list(struct svc *s, struct agency_info **out, size_t *n)
{
	struct list l;
	int64_t muni = authz_municipality_filter(s->actor);
	enum store_rc rc;
	struct sp p[] = {
		sp_text(authz_country_filter(s->actor)),
		muni == 0 ? sp_null() : sp_int(muni),
	};

	if (!authz_allows(s->actor, PERM_AGENCIES_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	l.a = s->a;
	l.n = 0;
	l.cap = 2000;
	l.have = 16;
	l.oom = 0;
	if ((l.v = arena_zalloc(s->a, l.have * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_AGENCY_LIST, p, 2, agency_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct counts {
	int64_t	*total, *unstaffed;
};

static int
count_cb(void *arg, const struct store_row *r)
{
	struct counts *c = arg;

	*c->total = srow_int(r, 0);
	*c->unstaffed = srow_int(r, 1);
	return 1;
}

enum svc_rc
agency_count(struct svc *s, int64_t *total, int64_t *unstaffed)
{
	struct counts c = { total, unstaffed };
	int64_t muni = authz_municipality_filter(s->actor);
	enum store_rc rc;
	struct sp p[] = {
		sp_text(authz_country_filter(s->actor)),
		muni == 0 ? sp_null() : sp_int(muni),
	};

	*total = *unstaffed = 0;
	if (!authz_allows(s->actor, PERM_AGENCIES_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = store_exec(s->st, Q_AGENCY_COUNT, p, 2, count_cb, &c,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

struct create_args {
	const char	*code, *name, *country;
	int		 type;
	int64_t		 muni;
	int64_t		 id;
};


static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *c = arg;
	enum store_rc rc;
	struct sp p[] = {
		sp_text(c->code), sp_text(c->name),
		sp_text(agency_type_name(c->type)), sp_id(c->muni),
		sp_text(c->country), sp_int(clock_now()),
	};

	rc = store_exec(s->st, Q_AGENCY_INSERT, p, 6, store_cb_int, &c->id, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "code", "error.code.taken");
	if (rc != STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "agency.create", "agency",
	    c->id, c->code)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
agency_create(struct svc *s, const char *code, const char *name, int type,
    int64_t muni, const char *country, int64_t *id)
{
	struct create_args c;
	struct muni_info *m;
	struct authz_obj o;
	enum svc_rc rc;

	if (!agency_code_valid(code))
		return svc_fail(s, SVC_INVALID, "code", "error.code.invalid");
	if (!name_valid(name, 120))
		return svc_fail(s, SVC_INVALID, "name", "error.field.invalid");
	if (type < 0 || type >= AGENCY__MAX)
		return svc_fail(s, SVC_INVALID, "type", "error.field.invalid");
	memset(&o, 0, sizeof(o));
	if (muni != 0) {
		if ((rc = ref_municipality_field(s, muni, &m,
		    "municipality")) != SVC_OK)
			return rc;
		country = m->country;
		o.municipality_id = muni;
	} else if (country == NULL || (strcmp(country, "XK") != 0 &&
	    strcmp(country, "AL") != 0))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	o.country = country;
	if (!authz_allows(s->actor, PERM_AGENCIES_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.invalid");
	c.code = code;
	c.name = name;
	c.type = type;
	c.muni = muni;
	c.country = country;
	c.id = 0;
	if ((rc = svc_tx(s, create_tx, &c)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = c.id;
	return SVC_OK;
}

struct update_args {
	struct agency_info	*g;
	const char		*name;
	int			 type, active;
};

static enum svc_rc
update_tx(struct svc *s, void *arg)
{
	struct update_args *u = arg;
	enum store_rc rc;
	struct sp p[] = {
		sp_int(u->g->id), sp_text(u->name),
		sp_text(agency_type_name(u->type)), sp_id(u->g->municipality_id),
		sp_int(u->active ? 1 : 0),
	};

	if ((rc = store_exec(s->st, Q_AGENCY_UPDATE, p, 5, NULL, NULL, NULL)) !=
	    STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "agency.update", "agency",
	    u->g->id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
agency_update(struct svc *s, int64_t id, const char *name, int type, int active)
{
	struct update_args u;
	enum svc_rc rc;

	if ((rc = agency_fetch(s, id, &u.g)) != SVC_OK)
		return rc;
	if (!visible(s, u.g, PERM_AGENCIES_WRITE))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (!name_valid(name, 120))
		return svc_fail(s, SVC_INVALID, "name", "error.field.invalid");
	if (type < 0 || type >= AGENCY__MAX)
		return svc_fail(s, SVC_INVALID, "type", "error.field.invalid");
	u.name = name;
	u.type = type;
	u.active = active;
	return svc_tx(s, update_tx, &u);
}

struct team_args {
	int64_t		 agency_id;
	const char	*name;
	int64_t		 id;
};

static enum svc_rc
team_tx(struct svc *s, void *arg)
{
	struct team_args *t = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(t->agency_id), sp_text(t->name),
	    sp_int(clock_now()) };

	rc = store_exec(s->st, Q_TEAM_INSERT, p, 3, store_cb_int, &t->id, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "name", "error.team.taken");
	if (rc != STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "team.create", "team",
	    t->id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
team_create(struct svc *s, int64_t agency_id, const char *name, int64_t *id)
{
	struct agency_info *g;
	struct team_args t;
	enum svc_rc rc;

	if ((rc = agency_fetch(s, agency_id, &g)) != SVC_OK)
		return rc;
	if (!visible(s, g, PERM_AGENCIES_WRITE))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (!name_valid(name, 80))
		return svc_fail(s, SVC_INVALID, "name", "error.field.invalid");
	t.agency_id = agency_id;
	t.name = name;
	t.id = 0;
	if ((rc = svc_tx(s, team_tx, &t)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = t.id;
	return SVC_OK;
}

struct tlist {
	struct arena		*a;
	struct team_info	*v;
	size_t			 n, cap;
};

static int
team_cb(void *arg, const struct store_row *r)
{
	struct tlist *l = arg;
	struct team_info *t;

	if (l->n == l->cap)
		return 1;
	t = &l->v[l->n++];
	t->id = srow_int(r, 0);
	t->agency_id = srow_int(r, 1);
	t->name = arena_strdup(l->a, srow_text(r, 2));
	t->members = srow_cols(r) > 3 ? srow_int(r, 3) : 0;
	return 0;
}

enum svc_rc
team_fetch(struct svc *s, int64_t id, struct team_info **out)
{
	struct tlist l = { s->a, NULL, 0, 1 };
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_TEAM_GET, p, 1, team_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

enum svc_rc
team_list(struct svc *s, int64_t agency_id, struct team_info **out, size_t *n)
{
	struct tlist l = { s->a, NULL, 0, 500 };
	struct sp p[] = { sp_int(agency_id) };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_TEAM_LIST, p, 1, team_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}
