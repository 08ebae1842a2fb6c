/*
 * grant.c — the JSON API of donors, grants, services delivered and
 * municipal action plans (api layer): /api/v1/donors, /api/v1/grants,
 * /api/v1/my-grants (the grantee's users), /api/v1/donor (a donor's
 * users: their grants, counts of 1..4 as null) and /api/v1/action-plans.
 * See api_grant.h and docs/API.md. Amounts are integers of euro cents and
 * indicator values integers of hundredths; people served come from SQL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/action_plan.h"
#include "../svc/grant.h"
#include "api.h"
#include "api_grant.h"

/* Codes separated by commas as a JSON array under key k. */
static void
codes(struct req *r, struct jw *w, const char *k, const char *list)
{
	const char **v;
	size_t i, n;

	jw_key(w, k);
	jw_arr_open(w);
	if ((v = api_split(r, list != NULL ? list : "", &n)) != NULL)
		for (i = 0; i < n; i++)
			jw_str(w, v[i]);
	jw_arr_close(w);
}

/* A count under key k: null when suppressed for a donor's user. */
static void
count(struct jw *w, const char *k, int64_t v)
{
	if (v == GRANT_SUPPRESSED) {
		jw_key(w, k);
		jw_null(w);
	} else
		jw_kint(w, k, v);
}

/* The municipality ids of the list in field "municipalities" (arena). */
static int
muni_ids(struct req *r, int64_t **out, size_t *n)
{
	const char **m;
	int64_t *ids;
	size_t i, k;
	char *end;

	m = api_split(r, req_str(r, "municipalities"), &k);
	if (m == NULL || (ids = arena_zalloc(r->a, (k + 1) *
	    sizeof(*ids))) == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return -1;
	}
	for (i = 0; i < k; i++) {
		ids[i] = strtoll(m[i], &end, 10);
		if (*end != '\0' || ids[i] <= 0 || strlen(m[i]) > 15) {
			api_fail(r, svc_fail(&r->svc, SVC_INVALID,
			    "municipalities", "error.field.number"));
			return -1;
		}
	}
	*out = ids;
	*n = k;
	return 0;
}

/* ---------------------------------------------------------------- donors */

static void
donor_json(struct jw *w, const struct donor_info *d)
{
	jw_obj_open(w);
	jw_kint(w, "id", d->id);
	jw_kstr(w, "name", d->name);
	jw_kstr(w, "kind", d->kind);
	jw_kstr(w, "country", d->country);
	jw_kstr(w, "programme", d->programme);
	jw_kstr(w, "start", d->start);
	jw_kstr(w, "end", d->end);
	jw_kint(w, "grants", d->grants);
	jw_kint(w, "amount_cents", d->amount_cents);
	jw_obj_close(w);
}

void
api_gr_donors(struct req *r)
{
	struct donor_info *d;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = grant_donors(&r->svc, &d, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "donors");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		donor_json(&w, &d[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_gr_donor_create(struct req *r)
{
	struct donor_new n;
	struct donor_info *d;
	struct jw w;
	int64_t id = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.name = req_str(r, "name");
	n.kind = req_str(r, "kind");
	n.country = req_str(r, "country");
	n.programme = req_str(r, "programme");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	if ((rc = grant_donor_create(&r->svc, &n, &id)) != SVC_OK ||
	    (rc = grant_donor_get(&r->svc, id, &d)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	donor_json(&w, d);
}

/* ---------------------------------------------------------------- grants */

static void
grant_fields(struct req *r, struct jw *w, const struct grant_info *g)
{
	jw_kint(w, "id", g->id);
	jw_kint(w, "donor_id", g->donor_id);
	jw_kstr(w, "donor", g->donor);
	jw_kint(w, "grantee_id", g->grantee_id);
	jw_kstr(w, "grantee", g->grantee);
	jw_kstr(w, "number", g->number);
	jw_kstr(w, "title", g->title);
	jw_kint(w, "amount_cents", g->amount_cents);
	jw_kstr(w, "start", g->start);
	jw_kstr(w, "end", g->end);
	jw_kstr(w, "status", g->status);
	jw_kint(w, "version", g->version);
	codes(r, w, "services", g->services);
	jw_kstr(w, "municipalities", g->municipalities);
	jw_key(w, "served");
	jw_obj_open(w);
	count(w, "people", g->people);
	count(w, "children", g->children);
	count(w, "adults", g->adults);
	if (g->cents_per_person == GRANT_SUPPRESSED)
		count(w, "cents_per_person", g->cents_per_person);
	else
		jw_kint_nz(w, "cents_per_person", g->cents_per_person);
	jw_obj_close(w);
	jw_kint(w, "reports_late", g->late);
}

void
api_gr_grants(struct req *r)
{
	struct grant_filter f;
	struct grant_info *g;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	f.donor = req_int(r, "donor");
	f.grantee = req_int(r, "grantee");
	f.municipality = req_int(r, "municipality");
	f.active_on = req_str(r, "active_on");
	if ((rc = grant_list(&r->svc, &f, &g, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "grants");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		grant_fields(r, &w, &g[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
grant_answer(struct req *r, int status, int64_t id)
{
	struct grant_full *f;
	struct jw w;
	size_t i;
	enum svc_rc rc;

	if ((rc = grant_get(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	grant_fields(r, &w, &f->g);
	jw_key(&w, "by_category");
	jw_obj_open(&w);
	for (i = 0; i < f->ncategories; i++)
		count(&w, f->categories[i].category, f->categories[i].people);
	jw_obj_close(&w);
	jw_key(&w, "reports");
	jw_arr_open(&w);
	for (i = 0; i < f->nreports; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", f->reports[i].id);
		jw_kstr(&w, "due", f->reports[i].due);
		jw_kint_nz(&w, "reported_at", f->reports[i].reported_at);
		jw_kbool(&w, "late", f->reports[i].late);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_gr_grant(struct req *r)
{
	grant_answer(r, 200, req_param_id(r, 0));
}

void
api_gr_status(struct req *r)
{
	enum svc_rc rc;

	if ((rc = grant_status_set(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "status"),
	    req_str(r, "reason"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 200, req_param_id(r, 0));
}

void
api_gr_grant_create(struct req *r)
{
	struct grant_new n;
	int64_t *ids, id = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.donor_id = req_int(r, "donor");
	n.grantee_id = req_int(r, "grantee");
	n.number = req_str(r, "number");
	n.title = req_str(r, "title");
	n.amount = req_str(r, "amount");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.status = req_str(r, "status");
	n.services = api_split(r, req_str(r, "services"), &n.nservices);
	n.reports = api_split(r, req_str(r, "reports"), &n.nreports);
	if (n.services == NULL || n.reports == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return;
	}
	if (muni_ids(r, &ids, &n.nmunicipalities) != 0)
		return;
	n.municipalities = ids;
	if ((rc = grant_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 201, id);
}

void
api_gr_update(struct req *r)
{
	struct grant_edit e;
	int64_t *ids, id = req_param_id(r, 0);
	enum svc_rc rc;

	memset(&e, 0, sizeof(e));
	e.version = req_int(r, "version");
	e.title = req_str(r, "title");
	e.amount = req_str(r, "amount");
	e.start = req_str(r, "start");
	e.end = req_str(r, "end");
	if ((e.services = api_split(r, req_str(r, "services"),
	    &e.nservices)) == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return;
	}
	if (muni_ids(r, &ids, &e.nmunicipalities) != 0)
		return;
	e.municipalities = ids;
	if ((rc = grant_update(&r->svc, id, &e)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 200, id);
}

void
api_gr_report_date_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = grant_report_date_add(&r->svc, id, req_str(r, "date"))) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 201, id);
}

void
api_gr_report_date_remove(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = grant_report_date_remove(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "reason"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 200, id);
}

void
api_gr_delivery_add(struct req *r)
{
	int64_t id = req_param_id(r, 0), did = 0;
	enum svc_rc rc;

	if ((rc = grant_delivery_add(&r->svc, id, req_str(r, "date"),
	    req_str(r, "service"), req_str(r, "beneficiary"), &did)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 201, id);
}

void
api_gr_beneficiary_add(struct req *r)
{
	struct beneficiary_new n;
	int64_t id = req_param_id(r, 0), bid = 0;
	struct jw w;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.code = req_str(r, "code");
	n.kind = req_str(r, "kind");
	n.sex = req_str(r, "sex");
	n.age_band = req_str(r, "age_band");
	n.birth_year = req_int(r, "birth_year");
	n.categories = api_split(r, req_str(r, "categories"), &n.ncategories);
	if (n.categories == NULL)
		n.ncategories = 0;
	if ((rc = grant_beneficiary_add(&r->svc, id, &n, &bid)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", bid);
	jw_kstr(&w, "code", n.code);
	jw_obj_close(&w);
}

void
api_gr_report_submit(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = grant_report_submit(&r->svc, id, req_param_id(r, 1))) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	grant_answer(r, 200, id);
}

/* ---------------------------------------------------------------- action plans */

static void
plan_fields(struct jw *w, const struct ap_info *p)
{
	jw_kint(w, "id", p->id);
	jw_kint(w, "municipality_id", p->municipality_id);
	jw_kstr(w, "municipality", p->municipality_sq);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "start", p->start);
	jw_kstr(w, "end", p->end);
	jw_kstr_nz(w, "adopted", p->adopted);
	jw_kstr(w, "institution", p->institution);
}

void
api_ap_list(struct req *r)
{
	struct ap_info *p;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = ap_list(&r->svc, &p, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "action_plans");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		plan_fields(&w, &p[i]);
		jw_kint(&w, "objectives", p[i].objectives);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
plan_answer(struct req *r, int status, int64_t id)
{
	struct ap_full *f;
	const struct ap_indicator *x;
	struct jw w;
	size_t i, j, k;
	enum svc_rc rc;

	if ((rc = ap_get(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	plan_fields(&w, &f->p);
	jw_key(&w, "objectives");
	jw_arr_open(&w);
	for (i = 0; i < f->nobjectives; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", f->objectives[i].id);
		jw_kstr(&w, "title", f->objectives[i].title);
		jw_key(&w, "indicators");
		jw_arr_open(&w);
		for (j = 0; j < f->objectives[i].nindicators; j++) {
			x = &f->objectives[i].indicators[j];
			jw_obj_open(&w);
			jw_kint(&w, "id", x->id);
			jw_kstr(&w, "name", x->name);
			jw_kstr(&w, "unit", x->unit);
			jw_kint(&w, "baseline", x->baseline);
			jw_kint(&w, "target", x->target);
			jw_kstr(&w, "direction", x->direction);
			jw_key(&w, "latest");
			if (x->latest >= 0)
				jw_int(&w, x->latest);
			else
				jw_null(&w);
			jw_kint(&w, "percent", x->percent);
			jw_key(&w, "progress");
			jw_arr_open(&w);
			for (k = 0; k < x->nprogress; k++) {
				jw_obj_open(&w);
				jw_kstr(&w, "period_end",
				    x->progress[k].period_end);
				jw_kint(&w, "value", x->progress[k].value);
				jw_kstr(&w, "note", x->progress[k].note);
				jw_obj_close(&w);
			}
			jw_arr_close(&w);
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_ap_get(struct req *r)
{
	plan_answer(r, 200, req_param_id(r, 0));
}

void
api_ap_create(struct req *r)
{
	struct ap_new n;
	int64_t id = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.municipality_id = req_int(r, "municipality");
	n.title = req_str(r, "title");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.adopted = req_str(r, "adopted");
	n.institution = req_str(r, "institution");
	if ((rc = ap_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	plan_answer(r, 201, id);
}

void
api_ap_progress_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = ap_progress_add(&r->svc, id, req_int(r, "indicator"),
	    req_str(r, "period_end"), req_str(r, "value"), req_str(r, "note"),
	    NULL)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	plan_answer(r, 201, id);
}
