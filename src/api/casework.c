/*
 * casework.c — the JSON API of screening, the comprehensive assessment and
 * the Individual Protection Plan under /api/v1/cases/{id}/... (api layer).
 * Every answer carries the case (id, status, risk, emergency, version) so
 * a client has the version for its next write. See api_casework.h and
 * docs/API.md ("Screening, assessment and plan").
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/assessment.h"
#include "../svc/case.h"
#include "../svc/plan.h"
#include "api.h"
#include "api_cases.h"
#include "api_casework.h"

static void
codes_json(struct jw *w, const char *k, const struct cw_codes *c)
{
	size_t i;

	jw_key(w, k);
	jw_arr_open(w);
	for (i = 0; i < c->n; i++)
		jw_str(w, c->v[i]);
	jw_arr_close(w);
}

/* The case read for the answer (its read audited), or NULL after the
 * error answer. */
static struct case_full *
read_case(struct req *r, int64_t id)
{
	struct case_full *f;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return NULL;
	}
	return f;
}

static void
case_json(struct jw *w, const struct case_info *c)
{
	jw_key(w, "case");
	jw_obj_open(w);
	jw_kint(w, "id", c->id);
	jw_kstr(w, "number", c->number);
	jw_kstr(w, "status", c->status);
	jw_kstr_nz(w, "risk", c->risk);
	jw_kbool(w, "emergency", c->emergency);
	jw_kint(w, "version", c->version);
	jw_obj_close(w);
}

/* ---------------------------------------------------------------- screening */

static void
screenings_json(struct req *r, int status, int64_t id)
{
	struct case_full *f;
	struct screening_info *k;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((f = read_case(r, id)) == NULL)
		return;
	if ((rc = screening_list(&r->svc, id, CW_SCREENINGS_MAX, &k, &n)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	case_json(&w, &f->c);
	jw_key(&w, "screenings");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", k[i].id);
		jw_kint(&w, "risk_id", k[i].risk_id);
		jw_kstr(&w, "level", k[i].level);
		jw_kstr(&w, "rationale", k[i].rationale);
		codes_json(&w, "risk_factors", &k[i].risk_factors);
		codes_json(&w, "protective_factors", &k[i].protective_factors);
		codes_json(&w, "sources", &k[i].sources);
		jw_kbool(&w, "emergency", k[i].emergency);
		jw_kbool(&w, "high_confirmed", k[i].high_confirmed);
		jw_key(&w, "author");
		jw_obj_open(&w);
		jw_kint(&w, "id", k[i].author_id);
		jw_kstr(&w, "full_name", k[i].author);
		jw_obj_close(&w);
		jw_kint(&w, "at", k[i].at);
		jw_kstr_nz(&w, "validated_by", k[i].validator);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* A write's answer: 409 with who changed the case, the error, or the
 * resource again through show. */
static void
after_write(struct req *r, enum svc_rc rc, int status,
    void (*show)(struct req *, int, int64_t))
{
	api_case_answer(r, rc, req_param_id(r, 0), status, show);
}

void
api_cw_screenings(struct req *r)
{
	screenings_json(r, 200, req_param_id(r, 0));
}

void
api_cw_screening_create(struct req *r)
{
	struct screening_new n;

	memset(&n, 0, sizeof(n));
	n.risk_factors = req_str(r, "risk_factors");
	n.protective_factors = req_str(r, "protective_factors");
	n.sources = req_str(r, "sources");
	n.emergency = req_bool(r, "emergency");
	n.level = req_str(r, "level");
	n.rationale = req_str(r, "rationale");
	n.confirm_high = req_bool(r, "confirm_high");
	n.version = req_int(r, "version");
	after_write(r, screening_add(&r->svc, req_param_id(r, 0), &n, NULL),
	    201, screenings_json);
}

/* ---------------------------------------------------------------- assessment */

static void
assessment_json(struct req *r, int status, int64_t id)
{
	struct case_full *f;
	struct assessment_info *x;
	struct jw w;
	size_t i;
	enum svc_rc rc;

	if ((f = read_case(r, id)) == NULL)
		return;
	if ((rc = assessment_get(&r->svc, id, &x)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	case_json(&w, &f->c);
	jw_key(&w, "assessment");
	if (x == NULL)
		jw_null(&w);
	else {
		jw_obj_open(&w);
		jw_kint(&w, "id", x->id);
		jw_kstr(&w, "status", x->status);
		for (i = 0; i < ASM__MAX; i++)
			jw_kstr(&w, assessment_fields[i], x->text[i]);
		codes_json(&w, "sources", &x->sources);
		jw_kint(&w, "created_at", x->created_at);
		jw_kint(&w, "updated_at", x->updated_at);
		jw_kstr(&w, "updated_by", x->updated_by);
		jw_kint_nz(&w, "completed_at", x->completed_at);
		jw_kstr_nz(&w, "completed_by", x->completed_by);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
}

void
api_cw_assessment(struct req *r)
{
	assessment_json(r, 200, req_param_id(r, 0));
}

void
api_cw_assessment_save(struct req *r)
{
	struct assessment_in in;
	size_t i;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < ASM__MAX; i++)
		in.text[i] = req_str(r, assessment_fields[i]);
	in.sources = req_str(r, "sources");
	in.complete = req_bool(r, "complete");
	in.version = req_int(r, "version");
	after_write(r, assessment_save(&r->svc, req_param_id(r, 0), &in), 200,
	    assessment_json);
}

/* ---------------------------------------------------------------- plan */

static void
plan_json(struct jw *w, const struct plan_info *p)
{
	size_t i;

	jw_obj_open(w);
	jw_kint(w, "id", p->id);
	jw_kint(w, "number", p->number);
	jw_kstr(w, "status", p->status);
	jw_kstr(w, "measure", p->measure);
	jw_kstr_nz(w, "review_on", p->review_on);
	jw_kstr(w, "parents", p->parents);
	jw_kstr(w, "parents_reason", p->parents_reason);
	jw_kstr(w, "child_part", p->child_part);
	jw_kstr(w, "child_note", p->child_note);
	jw_kstr_nz(w, "return_note", p->return_note);
	jw_kstr(w, "created_by", p->author);
	jw_kint(w, "created_at", p->created_at);
	jw_kint(w, "updated_at", p->updated_at);
	jw_kint_nz(w, "submitted_at", p->submitted_at);
	jw_kstr_nz(w, "submitted_by", p->submitted_by);
	jw_kint_nz(w, "decided_at", p->decided_at);
	jw_kstr_nz(w, "decided_by", p->decided_by);
	jw_kint_nz(w, "superseded_at", p->superseded_at);
	jw_key(w, "goals");
	jw_arr_open(w);
	for (i = 0; i < p->ngoals; i++)
		jw_str(w, p->goals[i].text);
	jw_arr_close(w);
	jw_key(w, "actions");
	jw_arr_open(w);
	for (i = 0; i < p->nactions; i++) {
		const struct plan_action_info *a = &p->actions[i];

		jw_obj_open(w);
		jw_kint(w, "id", a->id);
		jw_kstr(w, "what", a->what);
		jw_key(w, "agency");
		if (a->agency_id) {
			jw_obj_open(w);
			jw_kint(w, "id", a->agency_id);
			jw_kstr(w, "name", a->agency_name);
			jw_obj_close(w);
		} else
			jw_null(w);
		jw_kstr_nz(w, "institution", a->institution);
		jw_kstr(w, "person", a->person);
		jw_kstr(w, "service", a->service);
		jw_kstr(w, "due_on", a->due_on);
		jw_kstr(w, "status", a->status);
		jw_kint_nz(w, "done_at", a->done_at);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}

static void
plans_json(struct req *r, int status, int64_t id)
{
	struct case_full *f;
	struct plan_info *v;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((f = read_case(r, id)) == NULL)
		return;
	if ((rc = plan_list(&r->svc, id, &v, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	case_json(&w, &f->c);
	jw_key(&w, "plans");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		plan_json(&w, &v[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_cw_plan(struct req *r)
{
	plans_json(r, 200, req_param_id(r, 0));
}

void
api_cw_plan_create(struct req *r)
{
	after_write(r, plan_create(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), NULL), 201, plans_json);
}

void
api_cw_plan_save(struct req *r)
{
	struct plan_in in;

	memset(&in, 0, sizeof(in));
	in.goals = req_str(r, "goals");
	in.measure = req_str(r, "measure");
	in.review_on = req_str(r, "review_on");
	in.parents = req_str(r, "parents");
	in.parents_reason = req_str(r, "parents_reason");
	in.child_part = req_str(r, "child_part");
	in.child_note = req_str(r, "child_note");
	in.version = req_int(r, "version");
	after_write(r, plan_save(&r->svc, req_param_id(r, 0), &in), 200,
	    plans_json);
}

void
api_cw_plan_action_add(struct req *r)
{
	struct plan_action_in in;

	memset(&in, 0, sizeof(in));
	in.what = req_str(r, "what");
	in.agency_id = req_int(r, "agency");
	in.institution = req_str(r, "institution");
	in.person = req_str(r, "person");
	in.service = req_str(r, "service");
	in.due_on = req_str(r, "due_on");
	in.version = req_int(r, "version");
	after_write(r, plan_action_add(&r->svc, req_param_id(r, 0), &in, NULL),
	    201, plans_json);
}

void
api_cw_plan_action_status(struct req *r)
{
	after_write(r, plan_action_set(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_str(r, "status"), req_int(r, "version")),
	    200, plans_json);
}

void
api_cw_plan_action_remove(struct req *r)
{
	after_write(r, plan_action_remove(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version")), 200, plans_json);
}

void
api_cw_plan_submit(struct req *r)
{
	after_write(r, plan_submit(&r->svc, req_param_id(r, 0),
	    req_int(r, "version")), 200, plans_json);
}

void
api_cw_plan_approve(struct req *r)
{
	after_write(r, plan_approve(&r->svc, req_param_id(r, 0),
	    req_int(r, "version")), 200, plans_json);
}

void
api_cw_plan_return(struct req *r)
{
	after_write(r, plan_return(&r->svc, req_param_id(r, 0),
	    req_str(r, "return_note"), req_int(r, "version")), 200, plans_json);
}
