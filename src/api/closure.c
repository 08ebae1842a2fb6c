/*
 * closure.c — the JSON API of reviews, incidents, closure, follow-up,
 * reopening and transfer (api layer): /api/v1/cases/{id}/closure and the
 * writes under /api/v1/cases/{id}/..., the transfers waiting for a unit
 * under /api/v1/transfers. See api_closure.h and docs/API.md.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/case.h"
#include "../svc/closure.h"
#include "api.h"
#include "api_cases.h"
#include "api_closure.h"

/* {id, full_name} or null. */
static void
kuser(struct jw *w, const char *k, int64_t id, const char *name)
{
	jw_key(w, k);
	if (id == 0) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	jw_kint(w, "id", id);
	jw_kstr(w, "full_name", name);
	jw_obj_close(w);
}

static void
transfer_json(struct jw *w, const struct transfer_info *t)
{
	jw_obj_open(w);
	jw_kint(w, "id", t->id);
	jw_kint(w, "case_id", t->case_id);
	jw_kstr(w, "number", t->number);
	jw_kstr(w, "child", t->child);
	jw_kint(w, "from_agency_id", t->from_agency_id);
	jw_kstr(w, "from_municipality", t->from_municipality);
	jw_kint(w, "to_municipality_id", t->to_municipality_id);
	jw_kstr(w, "to_municipality", t->to_municipality);
	jw_kint(w, "to_agency_id", t->to_agency_id);
	jw_kstr(w, "reason", t->reason);
	jw_kstr(w, "status", t->status);
	kuser(w, "requested_by", t->requested_by, t->requester);
	jw_kint(w, "requested_at", t->requested_at);
	kuser(w, "decided_by", t->decided_by, t->decider);
	jw_kint_nz(w, "decided_at", t->decided_at);
	jw_kstr_nz(w, "decision_note", t->decision_note);
	jw_kint_nz(w, "new_case_id", t->new_case_id);
	jw_kstr_nz(w, "new_number", t->new_number);
	jw_obj_close(w);
}

static void
reviews_json(struct jw *w, const struct closure_view *v)
{
	size_t i;

	jw_key(w, "reviews");
	jw_arr_open(w);
	for (i = 0; i < v->nreviews; i++) {
		const struct review_info *k = &v->reviews[i];

		jw_obj_open(w);
		jw_kint(w, "id", k->id);
		jw_kstr(w, "date", k->date);
		jw_kstr(w, "progress", k->progress);
		jw_kstr(w, "situation", k->situation);
		jw_kstr(w, "views", k->child_views);
		jw_kstr(w, "risk_before", k->risk_before);
		jw_kstr(w, "risk_after", k->risk_after);
		jw_kint_nz(w, "risk_id", k->risk_id);
		jw_kstr(w, "decision", k->decision);
		jw_kstr_nz(w, "next_review", k->next_review);
		kuser(w, "author", k->author_id, k->author);
		jw_kint(w, "created_at", k->created_at);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "incidents");
	jw_arr_open(w);
	for (i = 0; i < v->nincidents; i++) {
		const struct incident_info *k = &v->incidents[i];

		jw_obj_open(w);
		jw_kint(w, "id", k->id);
		jw_kstr(w, "date", k->date);
		jw_kstr(w, "description", k->note);
		kuser(w, "author", k->author_id, k->author);
		jw_kint(w, "created_at", k->created_at);
		jw_kint_nz(w, "review_id", k->review_id);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

static void
closures_json(struct jw *w, const struct closure_view *v)
{
	size_t i;

	jw_key(w, "closures");
	jw_arr_open(w);
	for (i = 0; i < v->nclosures; i++) {
		const struct closure_info *k = &v->closures[i];

		jw_obj_open(w);
		jw_kint(w, "id", k->id);
		jw_kstr(w, "status", k->status);
		jw_kstr(w, "reason", k->reason);
		jw_kstr(w, "summary", k->summary);
		jw_kstr(w, "date", k->date);
		jw_kstr(w, "follow_up", k->follow_up);
		kuser(w, "requested_by", k->requested_by, k->requester);
		jw_kint(w, "requested_at", k->requested_at);
		kuser(w, "decided_by", k->decided_by, k->decider);
		jw_kint_nz(w, "decided_at", k->decided_at);
		jw_kstr_nz(w, "decision_note", k->decision_note);
		jw_kstr_nz(w, "result", k->result);
		jw_kstr_nz(w, "result_note", k->result_note);
		kuser(w, "follow_up_by", k->follow_up_by, k->follow_up_author);
		jw_kint_nz(w, "follow_up_at", k->follow_up_at);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "transfers");
	jw_arr_open(w);
	for (i = 0; i < v->ntransfers; i++)
		transfer_json(w, &v->transfers[i]);
	jw_arr_close(w);
}

/* The closure domain of case id (read and audited through case_get()). */
static void
view_json(struct req *r, int status, int64_t id)
{
	struct case_full *f;
	struct closure_view *v;
	struct jw w;
	size_t i;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK ||
	    (rc = closure_case(&r->svc, &f->c, &v)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_kint(&w, "case_id", f->c.id);
	jw_kstr(&w, "number", f->c.number);
	jw_kstr(&w, "status", f->c.status);
	jw_kstr_nz(&w, "risk", f->c.risk);
	jw_kint(&w, "version", f->c.version);
	reviews_json(&w, v);
	closures_json(&w, v);
	jw_kbool(&w, "closure_waiting", v->waiting != NULL);
	jw_kbool(&w, "transfer_waiting", v->transfer_waiting != NULL);
	jw_kbool(&w, "reopen_allowed", v->reopen_allowed);
	jw_kint_nz(&w, "reopen_until", v->reopen_until);
	jw_key(&w, "reopened_from");
	if (v->reopened_from.id) {
		jw_obj_open(&w);
		jw_kint(&w, "id", v->reopened_from.id);
		jw_kstr(&w, "number", v->reopened_from.number);
		jw_obj_close(&w);
	} else
		jw_null(&w);
	jw_key(&w, "reopened_into");
	jw_arr_open(&w);
	for (i = 0; i < v->nreopened_into; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", v->reopened_into[i].id);
		jw_kstr(&w, "number", v->reopened_into[i].number);
		jw_kstr(&w, "status", v->reopened_into[i].status);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "transferred_from");
	if (v->transferred_from != NULL)
		transfer_json(&w, v->transferred_from);
	else
		jw_null(&w);
	jw_obj_close(&w);
}

/* After a write: the conflict, the error, or the closure view of case id. */
static void
after(struct req *r, enum svc_rc rc, int64_t id, int status)
{
	api_case_answer(r, rc, id, status, view_json);
}

void
api_closure_get(struct req *r)
{
	view_json(r, 200, req_param_id(r, 0));
}

void
api_closure_review(struct req *r)
{
	struct review_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.date = req_str(r, "date");
	n.progress = req_str(r, "progress");
	n.situation = req_str(r, "situation");
	n.child_views = req_str(r, "views");
	n.risk = req_str(r, "risk");
	n.rationale = req_str(r, "rationale");
	n.decision = req_str(r, "decision");
	n.next_review = req_str(r, "next_review");
	n.version = req_int(r, "version");
	after(r, closure_review_add(&r->svc, id, &n, NULL), id, 201);
}

void
api_closure_incident(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_incident_add(&r->svc, id, req_str(r, "incident_date"),
	    req_str(r, "description"), req_int(r, "version"), NULL), id, 201);
}

void
api_closure_request(struct req *r)
{
	struct closure_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.reason = req_str(r, "reason");
	n.summary = req_str(r, "summary");
	n.date = req_str(r, "date");
	n.follow_up = req_str(r, "follow_up");
	n.version = req_int(r, "version");
	after(r, closure_request(&r->svc, id, &n), id, 201);
}

void
api_closure_approve(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_approve(&r->svc, id, req_int(r, "version")), id, 200);
}

void
api_closure_return(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_return(&r->svc, id, req_str(r, "return_reason"),
	    req_int(r, "version")), id, 200);
}

void
api_closure_follow_up(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_follow_up(&r->svc, id, req_str(r, "result"),
	    req_str(r, "follow_up_note"), req_int(r, "version")), id, 200);
}

void
api_closure_reopen(struct req *r)
{
	int64_t id = req_param_id(r, 0), nid = 0;
	enum svc_rc rc;

	rc = closure_reopen(&r->svc, id, req_str(r, "reopen_reason"),
	    req_int(r, "version"), &nid);
	if (rc == SVC_OK)
		view_json(r, 201, nid);
	else
		after(r, rc, id, 201);
}

void
api_closure_transfer(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_transfer_request(&r->svc, id, req_int(r,
	    "municipality"), req_str(r, "reason"), req_int(r, "version"), NULL),
	    id, 201);
}

void
api_transfers(struct req *r)
{
	struct transfer_info *in, *out;
	size_t nin, nout, i;
	struct jw w;
	enum svc_rc rc;

	if ((rc = closure_transfers(&r->svc, &in, &nin, &out, &nout)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "incoming");
	jw_arr_open(&w);
	for (i = 0; i < nin; i++)
		transfer_json(&w, &in[i]);
	jw_arr_close(&w);
	jw_key(&w, "outgoing");
	jw_arr_open(&w);
	for (i = 0; i < nout; i++)
		transfer_json(&w, &out[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_transfer_accept(struct req *r)
{
	int64_t nid = 0;
	enum svc_rc rc;

	if ((rc = closure_transfer_accept(&r->svc, req_param_id(r, 0), &nid)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	view_json(r, 201, nid);
}

void
api_transfer_decline(struct req *r)
{
	struct jw w;
	enum svc_rc rc;

	if ((rc = closure_transfer_decline(&r->svc, req_param_id(r, 0),
	    req_str(r, "decline_reason"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "id", req_param_id(r, 0));
	jw_kstr(&w, "status", "declined");
	jw_obj_close(&w);
}
