/*
 * protect.c — the JSON API of protection measures and emergency placements
 * of a case and of systematic visits (api layer). See api_protect.h and
 * docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/case.h"
#include "../svc/protect.h"
#include "../svc/visit.h"
#include "../util/clock.h"
#include "api.h"
#include "api_cases.h"
#include "api_protect.h"

/* ---------------------------------------------------------------- measures */

static void
measures_json(struct jw *w, const struct protect_view *v)
{
	size_t i;

	jw_key(w, "measures");
	jw_arr_open(w);
	for (i = 0; i < v->nmeasures; i++) {
		const struct measure_info *m = &v->measures[i];

		jw_obj_open(w);
		jw_kint(w, "id", m->id);
		jw_kstr(w, "type", m->type);
		jw_kstr(w, "decided_by", m->decided_by);
		jw_kstr(w, "decision_date", m->decision_date);
		jw_kstr_nz(w, "submission_date", m->submission_date);
		jw_kstr_nz(w, "confirmation_date", m->confirmation_date);
		jw_kstr_nz(w, "expiry_date", m->expiry_date);
		jw_kstr(w, "status", m->status);
		jw_kstr_nz(w, "end_reason", m->end_reason);
		jw_kstr_nz(w, "end_date", m->end_date);
		jw_kstr(w, "author", m->author);
		jw_kint(w, "created_at", m->created_at);
		jw_kint(w, "updated_at", m->updated_at);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "placements");
	jw_arr_open(w);
	for (i = 0; i < v->nplacements; i++) {
		const struct placement_info *p = &v->placements[i];

		jw_obj_open(w);
		jw_kint(w, "id", p->id);
		jw_kstr(w, "place_kind", p->place_kind);
		jw_kstr(w, "place_name", p->place_name);
		jw_kint(w, "started_at", p->started_at);
		jw_kint(w, "ends_at", p->ends_at);
		jw_kbool(w, "running", p->ended_at == 0);
		if (p->ended_at == 0)
			jw_kint(w, "seconds_left", p->ends_at - clock_now());
		jw_kint_nz(w, "ended_at", p->ended_at);
		jw_kbool(w, "overran", p->ended_at > p->ends_at);
		jw_kstr_nz(w, "end_how", p->end_how);
		jw_kint_nz(w, "measure_id", p->measure_id);
		jw_kstr(w, "author", p->author);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* The measures and placements of case id (read and audited through
 * case_get()). */
static void
view_json(struct req *r, int status, int64_t id)
{
	struct protect_view *v;
	struct case_full *f;
	struct jw w;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK ||
	    (rc = protect_case(&r->svc, &f->c, &v)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_kint(&w, "case_id", f->c.id);
	jw_kstr(&w, "number", f->c.number);
	jw_kstr(&w, "status", f->c.status);
	jw_kint(&w, "version", f->c.version);
	jw_kbool(&w, "offered", protect_offered(f->c.country));
	measures_json(&w, v);
	jw_obj_close(&w);
}

static void
after(struct req *r, enum svc_rc rc, int64_t id, int status)
{
	api_case_answer(r, rc, id, status, view_json);
}

void
api_protect_get(struct req *r)
{
	view_json(r, 200, req_param_id(r, 0));
}

static void
measure_fields(struct req *r, struct measure_new *n)
{
	memset(n, 0, sizeof(*n));
	n->type = req_str(r, "type");
	n->decided_by = req_str(r, "decided_by");
	n->decision_date = req_str(r, "decision_date");
	n->submission_date = req_str(r, "submission_date");
	n->confirmation_date = req_str(r, "confirmation_date");
	n->expiry_date = req_str(r, "expiry_date");
}

void
api_protect_measure_add(struct req *r)
{
	struct measure_new n;
	int64_t id = req_param_id(r, 0);

	measure_fields(r, &n);
	after(r, protect_measure_add(&r->svc, id, req_int(r, "version"), &n,
	    NULL), id, 201);
}

void
api_protect_measure_update(struct req *r)
{
	struct measure_new n;
	int64_t id = req_param_id(r, 0);

	measure_fields(r, &n);
	after(r, protect_measure_update(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), &n), id, 200);
}

void
api_protect_measure_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, protect_measure_end(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "end_reason"),
	    req_str(r, "end_date")), id, 200);
}

void
api_protect_placement_start(struct req *r)
{
	struct placement_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.place_kind = req_str(r, "place_kind");
	n.place_name = req_str(r, "place_name");
	n.date = req_str(r, "date");
	n.time = req_str(r, "time");
	after(r, protect_placement_start(&r->svc, id, req_int(r, "version"),
	    &n, NULL), id, 201);
}

void
api_protect_placement_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, protect_placement_end(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "end_how"),
	    req_int(r, "measure"), req_str(r, "date"), req_str(r, "time")),
	    id, 200);
}

/* ---------------------------------------------------------------- visits */

static void
visit_fields(struct jw *w, const struct visit_info *v)
{
	jw_kint(w, "id", v->id);
	jw_kint(w, "municipality_id", v->municipality_id);
	jw_kstr(w, "kind", v->kind);
	jw_kstr(w, "date", v->date);
	jw_kstr(w, "place", v->place);
	jw_kstr_nz(w, "health_names", v->health_names);
	jw_kstr_nz(w, "health_institution", v->health_institution);
	jw_kstr_nz(w, "others", v->others);
	jw_kstr(w, "status", v->status);
	jw_kstr_nz(w, "cancel_reason", v->cancel_reason);
	jw_kstr_nz(w, "findings", v->findings);
	jw_kint(w, "seen_f", v->seen_f);
	jw_kint(w, "seen_m", v->seen_m);
	jw_kstr(w, "planned_by", v->author);
	jw_kint(w, "created_at", v->created_at);
	jw_kint(w, "version", v->version);
	jw_kint(w, "reports", v->nreports);
}

void
api_visit_list(struct req *r)
{
	struct visit_query q;
	struct visit_info *v;
	struct jw w;
	int64_t total;
	size_t n, i;
	enum svc_rc rc;

	memset(&q, 0, sizeof(q));
	q.kind = req_str(r, "kind");
	q.status = req_str(r, "status");
	q.month = req_str(r, "month");
	q.page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	if ((rc = visit_list(&r->svc, &q, &v, &n, &total)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "page", q.page);
	jw_kint(&w, "page_size", VISIT_PAGE_SIZE);
	jw_kint(&w, "total", total);
	jw_key(&w, "visits");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		visit_fields(&w, &v[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
visit_json(struct req *r, int status, int64_t id)
{
	struct visit_full *f;
	struct jw w;
	size_t i;
	enum svc_rc rc;

	if ((rc = visit_get(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	visit_fields(&w, &f->v);
	jw_key(&w, "participants");
	jw_arr_open(&w);
	for (i = 0; i < f->nparticipants; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", f->participants[i].id);
		jw_kstr(&w, "full_name", f->participants[i].name);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "identified");
	jw_arr_open(&w);
	for (i = 0; i < f->nreports; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "report_id", f->reports[i].id);
		jw_kstr(&w, "status", f->reports[i].status);
		jw_kstr_nz(&w, "case_number", f->reports[i].case_number);
		jw_kint(&w, "received_at", f->reports[i].received_at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_visit_view(struct req *r)
{
	visit_json(r, 200, req_param_id(r, 0));
}

void
api_visit_create(struct req *r)
{
	struct visit_new n;
	const char **items;
	int64_t *ids, id = 0;
	size_t k, i;
	char *end;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.kind = req_str(r, "kind");
	n.date = req_str(r, "date");
	n.place = req_str(r, "place");
	n.health_names = req_str(r, "health_names");
	n.health_institution = req_str(r, "health_institution");
	n.others = req_str(r, "others");
	if ((items = api_split(r, req_str(r, "participants"), &k)) == NULL ||
	    (ids = arena_zalloc(r->a, (k + 1) * sizeof(*ids))) == NULL) {
		api_fail(r, SVC_TOOBIG);
		return;
	}
	for (i = 0; i < k; i++) {
		ids[i] = strtoll(items[i], &end, 10);
		if (*end != '\0' || ids[i] <= 0) {
			r->svc.err.field = "participants";
			r->svc.err.msg = "visit.err.participant";
			api_fail(r, SVC_INVALID);
			return;
		}
	}
	n.participants = ids;
	n.nparticipants = k;
	if ((rc = visit_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	visit_json(r, 201, id);
}

static void
visit_after(struct req *r, enum svc_rc rc, int status)
{
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	visit_json(r, status, req_param_id(r, 0));
}

void
api_visit_done(struct req *r)
{
	visit_after(r, visit_done(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "findings"),
	    req_int(r, "seen_f"), req_int(r, "seen_m")), 200);
}

void
api_visit_cancel(struct req *r)
{
	visit_after(r, visit_cancel(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "cancel_reason")), 200);
}

void
api_visit_identify(struct req *r)
{
	struct visit_child c;
	const char **k;
	size_t n;
	int64_t rep = 0;

	memset(&c, 0, sizeof(c));
	if ((k = api_split(r, req_str(r, "concerns"), &n)) == NULL) {
		api_fail(r, SVC_TOOBIG);
		return;
	}
	c.given = req_str(r, "given_name");
	c.family = req_str(r, "family_name");
	c.parent = req_str(r, "parent_name");
	c.sex = req_str(r, "sex");
	c.birth_date = req_str(r, "birth_date");
	c.age = req_has(r, "age") ? (int)req_int(r, "age") : -1;
	c.narrative = req_str(r, "narrative");
	c.immediate_danger = req_bool(r, "immediate_danger");
	c.concerns = k;
	c.nconcerns = n;
	visit_after(r, visit_identify(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), &c, &rep), 201);
}
