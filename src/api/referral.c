/*
 * referral.c — the JSON API of referrals out and reports in (api layer):
 * /api/v1/cases/{id}/referrals (the sending side), /api/v1/referrals (loop
 * closure), /api/v1/referrals/incoming and /api/v1/referrals/{id}/... (the
 * receiving organisation), /api/v1/reports-in (police, schools, health).
 * See api_referral.h and docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/case.h"
#include "../svc/referral.h"
#include "../svc/report_in.h"
#include "api.h"
#include "api_referral.h"

/* Codes separated by commas as a JSON array. */
static void
rf_codes(struct req *r, struct jw *w, const char *k, const char *codes)
{
	const char **v;
	size_t i, n;

	jw_key(w, k);
	jw_arr_open(w);
	if ((v = api_split(r, codes != NULL ? codes : "", &n)) != NULL)
		for (i = 0; i < n; i++)
			jw_str(w, v[i]);
	jw_arr_close(w);
}

static void
referral_json(struct req *r, struct jw *w, const struct referral_info *v,
    int sender)
{
	size_t i;

	jw_obj_open(w);
	jw_kint(w, "id", v->id);
	if (sender) {
		jw_kint(w, "case_id", v->case_id);
		jw_kstr(w, "case_number", v->case_number);
	}
	jw_kint(w, "from_agency_id", v->from_agency_id);
	jw_kstr(w, "from_agency", v->from_agency);
	jw_kint(w, "to_agency_id", v->to_agency_id);
	jw_kstr(w, "to_agency", v->to_agency);
	jw_kstr(w, "to_type", v->to_type);
	jw_kstr(w, "service", v->service);
	jw_kstr(w, "reason", v->reason);
	jw_kstr(w, "urgency", v->urgency);
	jw_kstr(w, "due_date", v->due_date);
	jw_kbool(w, "overdue", v->overdue);
	if (sender)
		jw_kint(w, "consent_id", v->consent_id);
	rf_codes(r, w, "categories", v->categories);
	jw_kint_nz(w, "licence_id", v->licence_id);
	jw_kstr_nz(w, "licence_number", v->licence_number);
	jw_kstr(w, "status", v->status);
	jw_kstr_nz(w, "answer_reason", v->answer_reason);
	jw_kstr_nz(w, "expected_date", v->expected_date);
	jw_kint_nz(w, "answered_at", v->answered_at);
	jw_kstr_nz(w, "service_start", v->service_start);
	jw_kstr_nz(w, "outcome", v->outcome);
	jw_kstr_nz(w, "outcome_note", v->outcome_note);
	jw_kint_nz(w, "closed_at", v->closed_at);
	if (v->cancelled_at) {
		jw_kstr(w, "cancel_kind", v->cancel_kind);
		jw_kstr(w, "cancel_reason", v->cancel_reason);
		jw_kint(w, "cancelled_at", v->cancelled_at);
		jw_kstr(w, "cancelled_by", v->cancelled_by);
	}
	jw_kstr(w, "worker", v->worker);
	jw_kint(w, "created_at", v->created_at);
	jw_kint(w, "sessions_delivered", v->sessions);
	jw_kint(w, "version", v->version);
	if (v->nsession) {
		jw_key(w, "sessions");
		jw_arr_open(w);
		for (i = 0; i < v->nsession; i++) {
			jw_obj_open(w);
			jw_kstr(w, "date", v->session[i].date);
			jw_kint(w, "count", v->session[i].count);
			jw_kstr(w, "note", v->session[i].note);
			jw_kstr(w, "author", v->session[i].author);
			jw_obj_close(w);
		}
		jw_arr_close(w);
	}
	if (v->nfeedback) {
		jw_key(w, "feedback");
		jw_arr_open(w);
		for (i = 0; i < v->nfeedback; i++) {
			jw_obj_open(w);
			jw_kstr(w, "text", v->feedback[i].text);
			jw_kstr(w, "author", v->feedback[i].author);
			jw_kint(w, "created_at", v->feedback[i].created_at);
			jw_obj_close(w);
		}
		jw_arr_close(w);
	}
	jw_obj_close(w);
}

static void
list_answer(struct req *r, enum svc_rc rc, const struct referral_info *v,
    size_t n, int sender)
{
	struct jw w;
	size_t i;

	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "referrals");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		referral_json(r, &w, &v[i], sender);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_referrals_of_case(struct req *r)
{
	struct referral_info *v = NULL;
	struct case_full *f;
	size_t n = 0;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) == SVC_OK)
		rc = referral_of_case(&r->svc, f->c.id, &v, &n);
	list_answer(r, rc, v, n, 1);
}

void
api_referral_create(struct req *r)
{
	struct referral_new n;
	int64_t id = 0;
	struct jw w;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.to_agency_id = req_int(r, "to_agency");
	n.service = req_str(r, "service");
	n.reason = req_str(r, "reason");
	n.urgency = req_str(r, "urgency");
	n.due_date = req_str(r, "due_date");
	n.consent_id = req_int(r, "consent");
	n.categories = api_split(r, req_str(r, "categories"), &n.ncategories);
	if (n.categories == NULL)
		n.ncategories = 0;
	if ((rc = referral_create(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "status", "sent");
	jw_obj_close(&w);
}

void
api_referrals_open(struct req *r)
{
	struct referral_info *v;
	size_t n;
	enum svc_rc rc;

	if (strcmp(svc_nz(req_str(r, "show")), "ended") == 0)
		rc = referral_ended(&r->svc, &v, &n);
	else
		rc = referral_open(&r->svc, &v, &n);
	list_answer(r, rc, v, n, 1);
}

void
api_referrals_incoming(struct req *r)
{
	struct referral_info *v;
	size_t n;
	enum svc_rc rc;

	rc = referral_incoming(&r->svc, req_str(r, "status"), &v, &n);
	list_answer(r, rc, v, n, 0);
}

/* The categories beyond identity, contact and case summary: each an
 * object, present only when consent allows it now. */
static void
summary_more_json(struct jw *w, const struct referral_summary *m)
{
	size_t i;

	if (m->assessment) {
		jw_key(w, "assessment");
		jw_obj_open(w);
		jw_kstr(w, "status", m->as_status);
		if (strcmp(m->as_status, "completed") == 0) {
			jw_kstr(w, "safety", m->as_safety);
			jw_kstr(w, "family_care", m->as_family_care);
			jw_kstr(w, "economic", m->as_economic);
			jw_kstr(w, "development", m->as_development);
			jw_kstr(w, "child_views", m->as_child_views);
			jw_kstr(w, "strengths", m->as_strengths);
			jw_kstr(w, "conclusion", m->as_conclusion);
		}
		jw_obj_close(w);
	}
	if (m->health) {
		jw_key(w, "health");
		jw_obj_open(w);
		jw_kstr(w, "disability", m->disability);
		jw_kstr(w, "disability_note", m->disability_note);
		jw_kstr(w, "assessment", m->as_health);
		jw_obj_close(w);
	}
	if (m->education) {
		jw_key(w, "education");
		jw_obj_open(w);
		jw_kstr(w, "school_status", m->school_status);
		jw_kstr(w, "assessment", m->as_education);
		jw_obj_close(w);
	}
	if (m->plan) {
		jw_key(w, "plan");
		jw_obj_open(w);
		jw_kint_nz(w, "number", m->plan_number);
		jw_kstr_nz(w, "review_on", m->plan_review_on);
		jw_key(w, "goals");
		jw_arr_open(w);
		for (i = 0; i < m->nplan_goals; i++)
			jw_str(w, m->plan_goals[i]);
		jw_arr_close(w);
		jw_key(w, "actions");
		jw_arr_open(w);
		for (i = 0; i < m->nplan_actions; i++) {
			jw_obj_open(w);
			jw_kstr(w, "what", m->plan_actions[i].what);
			jw_kstr(w, "service", m->plan_actions[i].service);
			jw_kstr(w, "due_on", m->plan_actions[i].due_on);
			jw_kstr(w, "status", m->plan_actions[i].status);
			jw_obj_close(w);
		}
		jw_arr_close(w);
		jw_obj_close(w);
	}
}

static void
referral_answer_json(struct req *r, int status, int64_t id)
{
	struct referral_info *v;
	struct referral_summary *m;
	struct jw w;
	enum svc_rc rc;

	if ((rc = referral_get(&r->svc, id, &v, &m)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_key(&w, "referral");
	referral_json(r, &w, v, 0);
	jw_key(&w, "summary");
	jw_obj_open(&w);
	rf_codes(r, &w, "shared", m->shared);
	if (m->identity) {
		jw_kstr(&w, "given_name", m->given);
		jw_kstr(&w, "family_name", m->family);
		jw_kstr(&w, "sex", m->sex);
		if (m->age >= 0)
			jw_kint(&w, "age", m->age);
	}
	if (m->contact) {
		jw_kstr(&w, "address", m->address);
		jw_kstr(&w, "municipality", m->municipality);
	}
	if (m->case_summary) {
		jw_kstr(&w, "risk", m->risk);
		rf_codes(r, &w, "concerns", m->concerns);
	}
	summary_more_json(&w, m);
	jw_obj_close(&w);
	jw_obj_close(&w);
}

void
api_referral_get(struct req *r)
{
	referral_answer_json(r, 200, req_param_id(r, 0));
}

/* A step's answer: the referral as it is now. */
static void
after(struct req *r, enum svc_rc rc)
{
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	referral_answer_json(r, 200, req_param_id(r, 0));
}

void
api_referral_answer(struct req *r)
{
	after(r, referral_answer(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "answer"), req_str(r, "reason"),
	    req_str(r, "expected_date")));
}

void
api_referral_start(struct req *r)
{
	after(r, referral_start(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "date")));
}

void
api_referral_session(struct req *r)
{
	after(r, referral_session_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "date"), req_int(r, "count"),
	    req_str(r, "note")));
}

void
api_referral_feedback(struct req *r)
{
	after(r, referral_feedback_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "text")));
}

void
api_referral_close(struct req *r)
{
	after(r, referral_close(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "outcome"), req_str(r, "note")));
}

void
api_referral_cancel(struct req *r)
{
	struct referral_info *v;
	struct jw w;
	enum svc_rc rc;
	int64_t id = req_param_id(r, 0);

	if ((rc = referral_cancel(&r->svc, id, req_int(r, "version"),
	    req_str(r, "reason"))) != SVC_OK ||
	    (rc = referral_sent_get(&r->svc, id, &v)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "referral");
	referral_json(r, &w, v, 1);
	jw_obj_close(&w);
}

void
api_reports_in(struct req *r)
{
	struct report_in_info *v;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = report_in_mine(&r->svc, &v, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "reports");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", v[i].id);
		jw_kint(&w, "received_at", v[i].received_at);
		jw_kstr(&w, "centre", v[i].centre);
		jw_kstr(&w, "status", v[i].status);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_report_in_create(struct req *r)
{
	struct report_in_new n;
	int64_t id = 0;
	struct jw w;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.centre = req_int(r, "centre");
	n.given = req_str(r, "given_name");
	n.family = req_str(r, "family_name");
	n.sex = req_str(r, "sex");
	n.age = req_has(r, "age") ? (int)req_int(r, "age") : -1;
	n.location = req_str(r, "location");
	n.narrative = req_str(r, "narrative");
	n.immediate_danger = req_bool(r, "immediate_danger");
	n.concerns = api_split(r, req_str(r, "concerns"), &n.nconcerns);
	if (n.concerns == NULL)
		n.nconcerns = 0;
	if ((rc = report_in_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "status", "received");
	jw_obj_close(&w);
}
