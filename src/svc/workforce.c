/*
 * workforce.c — the workforce norm (svc layer). See workforce.h. Every
 * write runs in one transaction with its audit row (ids and figures only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "workforce.h"

struct units_arg {
	struct svc	*s;
	struct avec	 v;
};

static int
units_cb(void *arg, const struct store_row *r)
{
	struct units_arg *u = arg;
	struct wf_unit *w = avec_next(&u->v);
	enum lang l = u->s->actor != NULL ? u->s->actor->lang : LANG_SQ;

	if (w == NULL)
		return 1;
	w->id = srow_int(r, 0);
	w->code = arena_strdup(u->s->a, srow_text(r, 1));
	w->country = arena_strdup(u->s->a, srow_text(r, 2));
	w->name = arena_strdup(u->s->a, srow_text(r, l == LANG_SR ? 4 : 3));
	w->children = srow_null(r, 5) ? -1 : srow_int(r, 5);
	w->estimated = (int)srow_int(r, 6);
	w->per_worker = srow_int(r, 7);
	w->workers = srow_int(r, 8);
	w->fte = srow_int(r, 9);
	w->open = srow_int(r, 10);
	if (w->children <= 0 || w->per_worker <= 0) {
		w->needed = -1;
		w->short_by = 0;
	} else {
		/* children / per_worker workers, in thousandths, rounded up. */
		w->needed = (w->children * 1000 + w->per_worker - 1) /
		    w->per_worker;
		w->short_by = w->needed > w->fte ?
		    (w->needed - w->fte + 999) / 1000 : 0;
	}
	return 0;
}

enum svc_rc
workforce_units_raw(struct svc *s, const char *country, int64_t muni,
    int year, struct wf_unit **out, size_t *n)
{
	struct units_arg u;
	enum store_rc rc;
	struct sp p[] = { sp_text(country ? country : ""), sp_int(muni),
	    sp_int(year) };

	*out = NULL;
	*n = 0;
	if (year < 1990 || year > 2100)
		return svc_fail(s, SVC_INVALID, "year", "error.year.range");
	u.s = s;
	avec_init(&u.v, s->a, sizeof(struct wf_unit), 1000);
	rc = store_exec(s->st, Q_WF_UNITS, p, 3, units_cb, &u, NULL);
	if (rc != STORE_OK || u.v.oom)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = u.v.v;
	*n = u.v.n;
	return SVC_OK;
}

enum svc_rc
workforce_units(struct svc *s, int64_t muni, int year, struct wf_unit **out,
    size_t *n)
{
	const struct actor *a = s->actor;
	int64_t scope;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if (a == NULL || (!authz_allows(a, PERM_POPULATION_READ, NULL) &&
	    !authz_allows(a, PERM_INDICATORS_READ, NULL)))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	scope = a->role == ROLE_CENTRAL_ANALYST || a->role == ROLE_SYSADMIN ?
	    0 : (a->municipality_id ? a->municipality_id : -1);
	if (muni < 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.invalid");
	if (scope != 0 && muni != 0 && muni != scope) {
		(void)audit_record_tx(s->st, a, NULL, "workforce.denied",
		    "municipality", muni, "");
		return svc_fail(s, SVC_NOTFOUND, "municipality", "ind.err.scope");
	}
	if (scope == -1)
		return SVC_OK;
	if ((rc = workforce_units_raw(s, a->country, muni ? muni : scope, year,
	    out, n)) != SVC_OK)
		return rc;
	if (muni != 0 && *n == 0) {
		(void)audit_record_tx(s->st, a, NULL, "workforce.denied",
		    "municipality", muni, "");
		return svc_fail(s, SVC_NOTFOUND, "municipality", "ind.err.scope");
	}
	return SVC_OK;
}

static int
norms_cb(void *arg, const struct store_row *r)
{
	struct units_arg *u = arg;
	struct wf_norm *w = avec_next(&u->v);

	if (w == NULL)
		return 1;
	w->country = arena_strdup(u->s->a, srow_text(r, 0));
	w->per_worker = srow_int(r, 1);
	w->updated_at = srow_int(r, 2);
	return 0;
}

enum svc_rc
workforce_norms(struct svc *s, struct wf_norm **out, size_t *n)
{
	struct units_arg u;
	enum store_rc rc;

	u.s = s;
	avec_init(&u.v, s->a, sizeof(struct wf_norm), 8);
	rc = store_exec(s->st, Q_WF_NORMS, NULL, 0, norms_cb, &u, NULL);
	if (rc != STORE_OK || u.v.oom)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = u.v.v;
	*n = u.v.n;
	return SVC_OK;
}

struct norm_arg {
	const char	*country;
	int64_t		 per_worker;
};

static enum svc_rc
norm_tx(struct svc *s, void *arg)
{
	struct norm_arg *a = arg;
	enum store_rc rc;
	struct sp p[] = { sp_text(a->country), sp_int(a->per_worker),
	    sp_id(s->actor->id), sp_int(clock_now()) };

	rc = store_exec(s->st, Q_WF_NORM_SET, p, 4, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_INVALID, "country", "ind.err.value");
	if (rc != STORE_OK || (rc = audit_record(s->st, s->actor, NULL,
	    "workforce.norm", "country", 0, arena_printf(s->a,
	    "country=%s children_per_worker=%lld", a->country,
	    (long long)a->per_worker))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
workforce_norm_set(struct svc *s, const char *country, int64_t per_worker)
{
	struct norm_arg a;

	if (s->actor == NULL || s->actor->role != ROLE_SYSADMIN)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (country == NULL || (strcmp(country, "XK") != 0 &&
	    strcmp(country, "AL") != 0))
		return svc_fail(s, SVC_INVALID, "country", "ind.err.value");
	if (per_worker < 1 || per_worker > 1000000)
		return svc_fail(s, SVC_INVALID, "children_per_worker",
		    "workforce.err.ratio");
	a.country = country;
	a.per_worker = per_worker;
	return svc_tx(s, norm_tx, &a);
}

static int
workers_cb(void *arg, const struct store_row *r)
{
	struct units_arg *u = arg;
	struct wf_worker *w = avec_next(&u->v);

	if (w == NULL)
		return 1;
	w->id = srow_int(r, 0);
	w->full_name = arena_strdup(u->s->a, srow_text(r, 1));
	w->username = arena_strdup(u->s->a, srow_text(r, 2));
	w->agency = arena_strdup(u->s->a, srow_text(r, 3));
	w->fte = srow_int(r, 4);
	w->open = srow_int(r, 5);
	return 0;
}

enum svc_rc
workforce_workers(struct svc *s, int64_t muni, struct wf_worker **out,
    size_t *n)
{
	const struct actor *a = s->actor;
	struct units_arg u;
	enum store_rc rc;
	struct sp p[] = { sp_int(muni) };

	*out = NULL;
	*n = 0;
	if (a == NULL || (a->role != ROLE_MUNICIPAL_ADMIN &&
	    a->role != ROLE_SUPERVISOR))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (muni == 0 || muni != a->municipality_id)
		return svc_fail(s, SVC_NOTFOUND, "municipality", "ind.err.scope");
	u.s = s;
	avec_init(&u.v, s->a, sizeof(struct wf_worker), 5000);
	rc = store_exec(s->st, Q_WF_WORKERS, p, 1, workers_cb, &u, NULL);
	if (rc != STORE_OK || u.v.oom)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = u.v.v;
	*n = u.v.n;
	return SVC_OK;
}

int
workforce_year_now(void)
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	return atoi(b + 6);
}

int64_t
workforce_fte_parse(const char *s)
{
	int64_t whole = 0, frac = 0;
	int digits = 0;
	const char *p = s;

	if (p == NULL || *p == '\0' || strlen(p) > 8)
		return -1;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.' || *p == ',') {
		p++;
		while (*p >= '0' && *p <= '9' && digits < 3) {
			frac = frac * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0)
			return -1;
		while (digits++ < 3)
			frac *= 10;
	}
	if (*p != '\0' || whole > 1 || (whole == 1 && frac > 0))
		return -1;
	return whole * 1000 + frac;
}

struct fte_arg {
	int64_t		 user, fte;
};

static int
worker_cb(void *arg, const struct store_row *r)
{
	int64_t *v = arg;

	v[0] = strcmp(srow_text(r, 0), "caseworker") == 0;
	v[1] = srow_int(r, 1);
	v[2] = srow_int(r, 2);
	v[3] = srow_int(r, 3);
	return 1;
}

static enum svc_rc
fte_tx(struct svc *s, void *arg)
{
	struct fte_arg *a = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(a->user), sp_int(a->fte), sp_id(s->actor->id),
	    sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_WF_FTE_SET, p, 4, NULL, NULL, NULL)) !=
	    STORE_OK || (rc = audit_record(s->st, s->actor, NULL,
	    "workforce.fte", "user", a->user, arena_printf(s->a,
	    "fte_permille=%lld", (long long)a->fte))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
workforce_fte_set(struct svc *s, int64_t user, int64_t fte)
{
	struct fte_arg a;
	int64_t v[4] = { 0, 0, 0, 0 };
	struct sp p[] = { sp_int(user) };
	enum store_rc rc;

	if (s->actor == NULL || s->actor->role != ROLE_MUNICIPAL_ADMIN)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (fte < 0 || fte > 1000)
		return svc_fail(s, SVC_INVALID, "fte", "workforce.err.fte");
	if (user <= 0)
		return svc_fail(s, SVC_INVALID, "user", "error.field.invalid");
	rc = store_exec(s->st, Q_WF_WORKER_GET, p, 1, worker_cb, v, NULL);
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (v[2] == 0 || v[2] != s->actor->municipality_id) {
		(void)audit_record_tx(s->st, s->actor, NULL, "workforce.denied",
		    "user", user, "");
		return svc_fail(s, SVC_NOTFOUND, "user", "error.notfound");
	}
	if (!v[0] || !v[1])
		return svc_fail(s, SVC_INVALID, "user", "workforce.err.not_worker");
	a.user = user;
	a.fte = fte;
	return svc_tx(s, fte_tx, &a);
}
