/*
 * action_plan.c — municipal action plans for social services (svc layer).
 * See action_plan.h. Reads are limited in SQL to the actor's municipality
 * and country; each write: rules first, then one transaction with its
 * audit row (ids and codes only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "action_plan.h"
#include "consent.h"
#include "grant.h"

const char *const ap_directions[] = { "up", "down", NULL };



int
ap_percent(int64_t baseline, int64_t target, int64_t value)
{
	int64_t span = target - baseline, done = value - baseline;

	if (span == 0)
		return value == target ? 100 : 0;
	if (span < 0) {
		span = -span;
		done = -done;
	}
	if (done <= 0)
		return 0;
	if (done >= span)
		return 100;
	return (int)(done * 100 / span);
}

/* ---------------------------------------------------------------- plans */

struct create_args {
	const struct ap_new	*n;
	int64_t			 muni, id;
	const char		*start, *end, *adopted;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *a = arg;
	struct sp p[] = { sp_int(a->muni), sp_text(a->n->title),
		sp_text(a->start), sp_text(a->end), sp_text(a->adopted),
		sp_text(a->n->institution), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_AP_INSERT, p, 8, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "title",
			    "ap.err.exists");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "action_plan.create", "action_plan",
	    a->id, arena_printf(s->a,
	    "municipality=%lld", (long long)a->muni));
}

static int
country_cb(void *arg, const struct store_row *r)
{
	snprintf(arg, 16, "%s", srow_text(r, 0));
	return 1;
}

enum svc_rc
ap_create(struct svc *s, const struct ap_new *n, int64_t *id)
{
	struct create_args a;
	struct authz_obj o;
	struct sp p[1];
	char country[16] = "";
	enum store_rc src;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_ACTION_PLANS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&a, 0, sizeof(a));
	a.muni = n->municipality_id ? n->municipality_id :
	    s->actor->municipality_id;
	if (a.muni == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	p[0] = sp_int(a.muni);
	if ((src = store_exec(s->st, Q_GR_MUNI, p, 1, country_cb, country,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	memset(&o, 0, sizeof(o));
	o.municipality_id = a.muni;
	o.country = country;
	if (*country == '\0' || !authz_allows(s->actor,
	    PERM_ACTION_PLANS_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "grant.err.municipality");
	if (!cm_filled(n->title))
		return svc_fail(s, SVC_INVALID, "title", "error.field.required");
	if (!svc_text_ok(n->title, AP_TEXT_MAX, 0))
		return svc_fail(s, SVC_INVALID, "title", "error.field.toolong");
	if (!cm_filled(n->institution))
		return svc_fail(s, SVC_INVALID, "institution",
		    "error.field.required");
	if (!svc_text_ok(n->institution, AP_TEXT_MAX, 0))
		return svc_fail(s, SVC_INVALID, "institution",
		    "error.field.toolong");
	if ((rc = grant_day(s, "start", n->start, &a.start)) != SVC_OK ||
	    (rc = grant_day(s, "end", n->end, &a.end)) != SVC_OK)
		return rc;
	if (strcmp(a.end, a.start) <= 0)
		return svc_fail(s, SVC_INVALID, "end", "grant.err.end_before");
	if (n->adopted != NULL && *n->adopted) {
		if ((rc = grant_day(s, "adopted", n->adopted, &a.adopted)) !=
		    SVC_OK)
			return rc;
		if (strcmp(a.adopted, grant_today(s)) > 0)
			return svc_fail(s, SVC_INVALID, "adopted",
			    "grant.err.future");
	}
	a.n = n;
	if ((rc = svc_tx(s, create_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
plan_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct ap_info *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->municipality_id = srow_int(r, 1);
	p->municipality_sq = cm_dup(l->a, r, 2);
	p->municipality_sr = cm_dup(l->a, r, 3);
	p->country = cm_dup(l->a, r, 4);
	p->title = cm_dup(l->a, r, 5);
	p->start = cm_dup(l->a, r, 6);
	p->end = cm_dup(l->a, r, 7);
	p->adopted = cm_dup(l->a, r, 8);
	p->institution = cm_dup(l->a, r, 9);
	p->objectives = srow_int(r, 10);
	return 0;
}

enum svc_rc
ap_list(struct svc *s, struct ap_info **out, size_t *n)
{
	struct sp p[3];
	struct avec l;
	int64_t m;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_ACTION_PLANS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((m = authz_municipality_filter(s->actor)) < 0)
		return SVC_OK;
	p[0] = sp_int(m);
	p[1] = sp_text(authz_country_filter(s->actor));
	p[2] = sp_int(AP_LIST_MAX);
	if ((rc = grant_rows(s, Q_AP_LIST, p, 3, plan_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* The plan row, when the actor may read it (perm) in their scope. */
static enum svc_rc
plan_row(struct svc *s, int64_t id, enum perm perm, struct ap_info **out)
{
	struct sp p[3];
	struct avec l;
	int64_t m;
	enum svc_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, perm, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (id <= 0 || (m = authz_municipality_filter(s->actor)) < 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	p[0] = sp_int(id);
	p[1] = sp_int(m);
	p[2] = sp_text(authz_country_filter(s->actor));
	if ((rc = grant_rows(s, Q_AP_GET, p, 3, plan_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	if (l.n == 0) {
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "action_plan.denied", "action_plan", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	*out = l.v;
	return SVC_OK;
}

static int
objective_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct ap_objective *o;

	if ((o = avec_next(l)) == NULL)
		return 1;
	o->id = srow_int(r, 0);
	o->title = cm_dup(l->a, r, 1);
	return 0;
}

static int
indicator_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct ap_indicator *i;

	if ((i = avec_next(l)) == NULL)
		return 1;
	i->id = srow_int(r, 0);
	i->objective_id = srow_int(r, 1);
	i->name = cm_dup(l->a, r, 2);
	i->unit = cm_dup(l->a, r, 3);
	i->baseline = srow_int(r, 4);
	i->target = srow_int(r, 5);
	i->direction = cm_dup(l->a, r, 6);
	i->latest = srow_int(r, 7);
	i->latest_end = cm_dup(l->a, r, 8);
	i->percent = i->latest < 0 ? 0 : ap_percent(i->baseline, i->target,
	    i->latest);
	return 0;
}

struct progress_row {
	int64_t			 indicator;
	struct ap_progress	 p;
};

static int
progress_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct progress_row *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->indicator = srow_int(r, 0);
	p->p.period_end = cm_dup(l->a, r, 1);
	p->p.value = srow_int(r, 2);
	p->p.note = cm_dup(l->a, r, 3);
	return 0;
}

enum svc_rc
ap_get(struct svc *s, int64_t id, struct ap_full **out)
{
	struct ap_full *f;
	struct ap_info *p;
	struct ap_indicator *ind;
	struct progress_row *pr;
	struct sp q[1];
	struct avec lo, li, lp;
	enum svc_rc rc;
	size_t i, j, k, n;

	*out = NULL;
	if ((rc = plan_row(s, id, PERM_ACTION_PLANS_READ, &p)) != SVC_OK)
		return rc;
	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->p = *p;
	q[0] = sp_int(id);
	if ((rc = grant_rows(s, Q_AP_OBJECTIVES, q, 1, objective_cb, &lo,
	    sizeof(struct ap_objective))) != SVC_OK ||
	    (rc = grant_rows(s, Q_AP_INDICATORS, q, 1, indicator_cb, &li,
	    sizeof(struct ap_indicator))) != SVC_OK ||
	    (rc = grant_rows(s, Q_AP_PROGRESS, q, 1, progress_cb, &lp,
	    sizeof(struct progress_row))) != SVC_OK)
		return rc;
	f->objectives = lo.v;
	f->nobjectives = lo.n;
	ind = li.v;
	pr = lp.v;
	/* Indicators come by objective, progress by indicator: slices. */
	for (j = 0; j < li.n; j++) {
		for (k = 0; k < lp.n && pr[k].indicator != ind[j].id; k++)
			;
		for (n = 0; k + n < lp.n && pr[k + n].indicator == ind[j].id;
		    n++)
			;
		if (n > 0 && (ind[j].progress = arena_zalloc(s->a, n *
		    sizeof(*ind[j].progress))) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		for (i = 0; i < n; i++)
			ind[j].progress[i] = pr[k + i].p;
		ind[j].nprogress = n;
	}
	for (i = 0; i < f->nobjectives; i++) {
		for (j = 0; j < li.n && ind[j].objective_id !=
		    f->objectives[i].id; j++)
			;
		f->objectives[i].indicators = ind + j;
		for (n = 0; j + n < li.n && ind[j + n].objective_id ==
		    f->objectives[i].id; n++)
			;
		f->objectives[i].nindicators = n;
	}
	*out = f;
	return SVC_OK;
}

/* ---------------------------------------------------------------- objectives, indicators, progress */

struct item_args {
	enum qid	 q;
	struct sp	 p[7];
	size_t		 np;
	const char	*action, *field, *dupmsg;
	int64_t		 plan, id;
};

static enum svc_rc
item_tx(struct svc *s, void *arg)
{
	struct item_args *a = arg;
	enum store_rc rc;

	if ((rc = store_exec(s->st, a->q, a->p, a->np, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, a->field, a->dupmsg);
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, a->action, "action_plan",
	    a->plan, arena_printf(s->a, "id=%lld",
	    (long long)a->id));
}

static enum svc_rc
item(struct svc *s, struct item_args *a, int64_t *id)
{
	enum svc_rc rc;

	if ((rc = svc_tx(s, item_tx, a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a->id;
	return SVC_OK;
}

static enum svc_rc
text(struct svc *s, const char *field, const char *v, size_t max,
    int required)
{
	if (required && !cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (!svc_text_ok(v, max, 0))
		return svc_fail(s, SVC_INVALID, field, "error.field.toolong");
	return SVC_OK;
}

enum svc_rc
ap_objective_add(struct svc *s, int64_t plan, const char *title,
    int64_t *id)
{
	struct ap_info *p;
	struct item_args a;
	enum svc_rc rc;

	if ((rc = plan_row(s, plan, PERM_ACTION_PLANS_WRITE, &p)) != SVC_OK ||
	    (rc = text(s, "title", title, AP_TEXT_MAX, 1)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.q = Q_AP_OBJECTIVE_INSERT;
	a.p[0] = sp_int(plan);
	a.p[1] = sp_text(title);
	a.p[2] = sp_int(clock_now());
	a.np = 3;
	a.action = "action_plan.objective.add";
	a.field = "title";
	a.dupmsg = "ap.err.exists";
	a.plan = plan;
	return item(s, &a, id);
}

/* The objective's or indicator's plan, 0 when none. */
static int64_t
plan_of(struct svc *s, enum qid q, int64_t id)
{
	struct sp p[] = { sp_int(id) };
	int64_t plan = 0;

	if (id <= 0 || store_exec(s->st, q, p, 1, store_cb_int, &plan, NULL) !=
	    STORE_OK)
		return 0;
	return plan;
}

static enum svc_rc
value(struct svc *s, const char *field, const char *v, int64_t *out)
{
	const char *msg;

	if ((msg = grant_amount_parse(v, AP_VALUE_MAX, out)) != NULL)
		return svc_fail(s, SVC_INVALID, field, strncmp(msg,
		    "grant.err.amount_", 17) == 0 ? arena_printf(s->a,
		    "ap.err.value_%s", msg + 17) : msg);
	return SVC_OK;
}

enum svc_rc
ap_indicator_add(struct svc *s, int64_t plan,
    const struct ap_indicator_new *n, int64_t *id)
{
	struct ap_info *p;
	struct ap_full *f;
	struct item_args a;
	int64_t base, target;
	size_t i;
	int found = 0;
	enum svc_rc rc;

	if ((rc = plan_row(s, plan, PERM_ACTION_PLANS_WRITE, &p)) != SVC_OK ||
	    (rc = ap_get(s, plan, &f)) != SVC_OK)
		return rc;
	for (i = 0; i < f->nobjectives; i++)
		if (f->objectives[i].id == n->objective_id)
			found = 1;
	if (!found)
		return svc_fail(s, SVC_INVALID, "objective",
		    "error.field.choice");
	if ((rc = text(s, "name", n->name, AP_TEXT_MAX, 1)) != SVC_OK ||
	    (rc = text(s, "unit", n->unit, AP_UNIT_MAX, 1)) != SVC_OK ||
	    (rc = value(s, "baseline", n->baseline, &base)) != SVC_OK ||
	    (rc = value(s, "target", n->target, &target)) != SVC_OK)
		return rc;
	if (!svc_in_set(ap_directions, n->direction))
		return svc_fail(s, SVC_INVALID, "direction",
		    "error.field.choice");
	if (strcmp(n->direction, "up") == 0 ? target <= base : target >= base)
		return svc_fail(s, SVC_INVALID, "target",
		    strcmp(n->direction, "up") == 0 ? "ap.err.target_up" :
		    "ap.err.target_down");
	memset(&a, 0, sizeof(a));
	a.q = Q_AP_INDICATOR_INSERT;
	a.p[0] = sp_int(n->objective_id);
	a.p[1] = sp_text(n->name);
	a.p[2] = sp_text(n->unit);
	a.p[3] = sp_int(base);
	a.p[4] = sp_int(target);
	a.p[5] = sp_text(n->direction);
	a.p[6] = sp_int(clock_now());
	a.np = 7;
	a.action = "action_plan.indicator.add";
	a.field = "name";
	a.dupmsg = "ap.err.exists";
	a.plan = plan;
	return item(s, &a, id);
}

enum svc_rc
ap_progress_add(struct svc *s, int64_t plan, int64_t indicator,
    const char *period_end, const char *v, const char *note, int64_t *id)
{
	struct ap_info *p;
	struct item_args a;
	const char *end;
	int64_t val;
	enum svc_rc rc;

	if ((rc = plan_row(s, plan, PERM_ACTION_PLANS_WRITE, &p)) != SVC_OK)
		return rc;
	if (indicator <= 0 || plan_of(s, Q_AP_INDICATOR_PLAN, indicator) !=
	    plan)
		return svc_fail(s, SVC_INVALID, "indicator",
		    "error.field.choice");
	if ((rc = grant_day(s, "period_end", period_end, &end)) != SVC_OK)
		return rc;
	if (strcmp(end, p->start) < 0)
		return svc_fail(s, SVC_INVALID, "period_end",
		    "ap.err.before_start");
	if (strcmp(end, grant_today(s)) > 0)
		return svc_fail(s, SVC_INVALID, "period_end",
		    "grant.err.future");
	if ((rc = value(s, "value", v, &val)) != SVC_OK ||
	    (rc = text(s, "note", note, AP_NOTE_MAX, 0)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.q = Q_AP_PROGRESS_INSERT;
	a.p[0] = sp_int(indicator);
	a.p[1] = sp_text(end);
	a.p[2] = sp_int(val);
	a.p[3] = sp_text(svc_nz(note));
	a.p[4] = sp_int(s->actor->id);
	a.p[5] = sp_int(clock_now());
	a.np = 6;
	a.action = "action_plan.progress.add";
	a.field = "period_end";
	a.dupmsg = "ap.err.progress_exists";
	a.plan = plan;
	return item(s, &a, id);
}
