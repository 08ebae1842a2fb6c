/*
 * closure.c — the HTML side of reviews, incidents, closure, follow-up,
 * reopening and transfer (web layer): the section of the case page
 * (templates/case_closure.html), the review, closure and transfer forms
 * (case_review.html, case_close.html, case_transfer.html), the transfers
 * waiting for a unit (case_transfers.html) and their decisions. Thin:
 * validated input -> svc/closure.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/case.h"
#include "../svc/closure.h"
#include "../svc/reference.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_closure.h"

/* ---------------------------------------------------------------- helpers */

static const char *
code_label(struct req *r, const char *group, const char *code)
{
	return page_t(r, arena_printf(r->a, "closure.%s.%s", group, code));
}


static const char *
risk_text(struct req *r, const char *risk)
{
	return page_t(r, arena_printf(r->a, "risk.%s", risk && *risk ? risk :
	    "none"));
}

/* The options of a closed list with its labels, value cur selected, and a
 * first "choose" option when first is not NULL. */
static struct tval *
choices(struct req *r, const char *group, const char *const *set,
    const char *cur, const char *first)
{
	struct tval *l = tv_list(r->a);

	if (first != NULL)
		tv_push(l, page_option(r, "", page_t(r, first), !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, code_label(r, group, *set),
		    strcmp(cur, *set) == 0));
	return l;
}

static const char *
case_url(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/cases/%lld", (long long)id);
}

/* The header every form page of a case shows. */
static struct tval *
case_head(struct req *r, const struct case_info *c)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", c->id);
	tv_set_str(t, "number", c->number);
	tv_set_str(t, "child", *c->child_family ? arena_printf(r->a, "%s %s",
	    c->child_given, c->child_family) : c->child_given);
	tv_set_str(t, "municipality", r->lang == LANG_SR ? c->municipality_sr :
	    c->municipality_sq);
	tv_set_str(t, "status", page_t(r, arena_printf(r->a, "status.%s",
	    c->status)));
	tv_set_str(t, "risk", risk_text(r, c->risk));
	tv_set_str(t, "opened", page_date(r, c->opened_at, 0));
	tv_set_int(t, "version", c->version);
	return t;
}


/* After a write: the form again with the error (400/409; a stale version
 * says who changed what), the failure page, or a redirect with a flash. */
static void
after(struct req *r, enum svc_rc rc, int64_t id,
    void (*again)(struct req *, const char *), const char *to,
    const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0 && id > 0) {
			again(r, web_case_conflict(r, id));
			return;
		}
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		again(r, NULL);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

/* The case page again (the forms of its closure section). */
static void
case_again(struct req *r, const char *error)
{
	if (error != NULL)
		req_add_error(r, NULL, error);
	web_case_view(r);
}

/* ---------------------------------------------------------------- case page */

static struct tval *
transfer_obj(struct req *r, const struct transfer_info *t)
{
	struct tval *o = tv_obj(r->a);

	tv_set_int(o, "id", t->id);
	tv_set_int(o, "case_id", t->case_id);
	tv_set_str(o, "number", t->number);
	tv_set_str(o, "child", t->child);
	tv_set_str(o, "from", t->from_municipality);
	tv_set_str(o, "from_agency", t->from_agency);
	tv_set_str(o, "to", t->to_municipality);
	tv_set_str(o, "to_agency", t->to_agency);
	tv_set_str(o, "reason", t->reason);
	tv_set_str(o, "status", code_label(r, "transfer_status", t->status));
	tv_set_str(o, "requester", t->requester);
	tv_set_str(o, "requested_at", page_date(r, t->requested_at, 1));
	if (t->decided_at) {
		tv_set_str(o, "decider", t->decider);
		tv_set_str(o, "decided_at", page_date(r, t->decided_at, 1));
		tv_set_str(o, "note", t->decision_note);
	}
	tv_set_str(o, "new_number", t->new_number);
	return o;
}

static void
fill_reviews(struct req *r, struct tval *o, const struct closure_view *v)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < v->nreviews; i++) {
		const struct review_info *k = &v->reviews[i];

		t = tv_obj(r->a);
		tv_set_str(t, "date", page_day(r, k->date));
		tv_set_str(t, "decision", code_label(r, "decision",
		    k->decision));
		tv_set_str(t, "progress", k->progress);
		tv_set_str(t, "situation", k->situation);
		tv_set_str(t, "views", k->child_views);
		tv_set_str(t, "risk", risk_text(r, k->risk_after));
		if (strcmp(k->risk_before, k->risk_after) != 0)
			tv_set_str(t, "risk_before", risk_text(r,
			    k->risk_before));
		tv_set_str(t, "next", page_day(r, k->next_review));
		tv_set_str(t, "author", k->author);
		tv_push(l, t);
	}
	tv_set(o, "reviews", l);
	l = tv_list(r->a);
	for (i = 0; i < v->nincidents; i++) {
		const struct incident_info *k = &v->incidents[i];

		t = tv_obj(r->a);
		tv_set_str(t, "date", page_day(r, k->date));
		tv_set_str(t, "note", k->note);
		tv_set_str(t, "author", k->author);
		if (k->review_id == 0)
			tv_set_bool(t, "open", 1);
		tv_push(l, t);
	}
	tv_set(o, "incidents", l);
}

static void
fill_closures(struct req *r, struct tval *o, const struct closure_view *v)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < v->nclosures; i++) {
		const struct closure_info *k = &v->closures[i];

		t = tv_obj(r->a);
		tv_set_str(t, "status", code_label(r, "status", k->status));
		if (strcmp(k->status, "requested") == 0)
			tv_set_bool(t, "waiting", 1);
		tv_set_str(t, "reason", code_label(r, "reason", k->reason));
		tv_set_str(t, "summary", k->summary);
		tv_set_str(t, "date", page_day(r, k->date));
		tv_set_str(t, "follow_up", page_day(r, k->follow_up));
		tv_set_str(t, "requester", k->requester);
		tv_set_str(t, "requested_at", page_date(r, k->requested_at, 1));
		if (k->decided_at) {
			tv_set_str(t, "decider", k->decider);
			tv_set_str(t, "decided_at", page_date(r, k->decided_at,
			    1));
			tv_set_str(t, "note", k->decision_note);
		}
		if (*k->result) {
			tv_set_str(t, "result", code_label(r, "result",
			    k->result));
			if (strcmp(k->result, "concern") == 0)
				tv_set_bool(t, "concern", 1);
			tv_set_str(t, "result_note", k->result_note);
			tv_set_str(t, "result_by", k->follow_up_author);
			tv_set_str(t, "result_at", page_date(r, k->follow_up_at,
			    1));
		}
		tv_push(l, t);
	}
	tv_set(o, "closures", l);
	l = tv_list(r->a);
	for (i = 0; i < v->ntransfers; i++)
		tv_push(l, transfer_obj(r, &v->transfers[i]));
	tv_set(o, "transfers", l);
}

void
web_closure_case(struct req *r, struct tval *d, const struct case_full *f)
{
	struct closure_view *v;
	struct tval *o, *l, *t;
	struct case_ref ref;
	struct svc s = r->svc;
	int write = authz_allows(r->actor, PERM_CASE_WRITE, NULL);
	int supervise = authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL);
	int ended = case_ended(&f->c);
	size_t i;

	if (closure_case(&s, &f->c, &v) != SVC_OK)
		return;
	o = tv_obj(r->a);
	fill_reviews(r, o, v);
	fill_closures(r, o, v);
	ref.agency_id = f->c.agency_id;
	ref.team_id = f->c.team_id;
	ref.worker_id = f->c.worker_id;
	ref.restricted = f->c.restricted;
	/* Read through a transfer's link: the history only, no form. */
	if (!authz_case_visible(r->actor, &ref)) {
		tv_set_bool(o, "through_link", 1);
		write = supervise = 0;
	}
	if (v->reopened_from.id) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", v->reopened_from.id);
		tv_set_str(t, "number", v->reopened_from.number);
		tv_set(o, "reopened_from", t);
	}
	l = tv_list(r->a);
	for (i = 0; i < v->nreopened_into; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", v->reopened_into[i].id);
		tv_set_str(t, "number", v->reopened_into[i].number);
		tv_push(l, t);
	}
	tv_set(o, "reopened_into", l);
	if (v->transferred_from != NULL)
		tv_set(o, "transferred_from", transfer_obj(r,
		    v->transferred_from));
	if (v->waiting != NULL) {
		t = tv_obj(r->a);
		tv_set_str(t, "reason", code_label(r, "reason",
		    v->waiting->reason));
		tv_set_str(t, "summary", v->waiting->summary);
		tv_set_str(t, "date", page_day(r, v->waiting->date));
		tv_set_str(t, "follow_up", page_day(r, v->waiting->follow_up));
		tv_set_str(t, "requester", v->waiting->requester);
		tv_set_str(t, "requested_at", page_date(r,
		    v->waiting->requested_at, 1));
		tv_set(o, "waiting", t);
		if (supervise && !ended)
			tv_set_bool(o, "can_decide", 1);
	}
	if (v->transfer_waiting != NULL)
		tv_set(o, "transfer_waiting", transfer_obj(r,
		    v->transfer_waiting));
	if (write && !ended && *f->c.risk) {
		tv_set_bool(o, "can_review", 1);
		tv_set_str(o, "today", page_date(r, clock_now(), 0));
		tv_set_str(o, "incident_date", page_posted(r, "incident_date",
		    page_date(r, clock_now(), 0)));
		tv_set_str(o, "description", page_posted(r, "description", ""));
	}
	if (write && !ended && v->waiting == NULL &&
	    v->transfer_waiting == NULL) {
		tv_set_bool(o, "can_close", 1);
		tv_set_bool(o, "can_transfer", 1);
	}
	if (v->approved != NULL) {
		tv_set_str(o, "follow_up", page_day(r,
		    v->approved->follow_up));
		if (write && *v->approved->result == '\0' &&
		    strcmp(f->c.status, "closed") == 0) {
			tv_set_bool(o, "can_follow_up", 1);
			tv_set(o, "results", choices(r, "result",
			    closure_results, page_posted(r, "result", ""),
			    "common.choose"));
			tv_set_str(o, "follow_up_note", page_posted(r,
			    "follow_up_note", ""));
		}
		if (strcmp(v->approved->result, "concern") == 0)
			tv_set_bool(o, "concern", 1);
	}
	if (strcmp(f->c.status, "closed") == 0 && v->reopen_until > 0) {
		tv_set_str(o, "reopen_until", page_date(r, v->reopen_until, 0));
		if (write && v->reopen_allowed)
			tv_set_bool(o, "can_reopen", 1);
		else if (!v->reopen_open)
			tv_set_bool(o, "reopen_late", 1);
		tv_set_str(o, "reopen_reason", page_posted(r, "reopen_reason", ""));
	}
	tv_set(d, "cl", o);
}

/* ---------------------------------------------------------------- review */

static void
review_page(struct req *r, const char *error)
{
	static const char *const levels[] = { "low", "medium", "high", NULL };
	struct case_full *f;
	struct tval *d, *v, *l;
	int status = r->status;
	const char *cur;
	size_t i;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "closure.review.title");
	tv_set(d, "c", case_head(r, &f->c));
	v = tv_obj(r->a);
	tv_set_str(v, "date", page_posted(r, "date", page_date(r, clock_now(), 0)));
	tv_set_str(v, "progress", page_posted(r, "progress", ""));
	tv_set_str(v, "situation", page_posted(r, "situation", ""));
	tv_set_str(v, "views", page_posted(r, "views", ""));
	tv_set_str(v, "rationale", page_posted(r, "rationale", ""));
	tv_set_str(v, "next_review", page_posted(r, "next_review", ""));
	tv_set(d, "v", v);
	cur = page_posted(r, "risk", "");
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "closure.review.unchanged"),
	    !*cur));
	for (i = 0; levels[i] != NULL; i++)
		tv_push(l, page_option(r, levels[i], risk_text(r, levels[i]),
		    strcmp(cur, levels[i]) == 0));
	tv_set(d, "levels", l);
	tv_set(d, "decisions", choices(r, "decision", closure_decisions,
	    page_posted(r, "decision", "continue"), NULL));
	if (case_ended(&f->c) || *f->c.risk == '\0')
		tv_set_bool(d, "not_now", 1);
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "case_review", d);
}

void
web_closure_review_form(struct req *r)
{
	review_page(r, NULL);
}

void
web_closure_review(struct req *r)
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
	after(r, closure_review_add(&r->svc, id, &n, NULL), id, review_page,
	    case_url(r, id), "flash.closure_review");
}

void
web_closure_incident(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_incident_add(&r->svc, id, req_str(r, "incident_date"),
	    req_str(r, "description"), req_int(r, "version"), NULL), id,
	    case_again, case_url(r, id), "flash.closure_incident");
}

/* ---------------------------------------------------------------- closure */

static void
close_page(struct req *r, const char *error)
{
	struct case_full *f;
	struct tval *d, *v;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "closure.close.title");
	tv_set(d, "c", case_head(r, &f->c));
	v = tv_obj(r->a);
	tv_set_str(v, "summary", page_posted(r, "summary", ""));
	tv_set_str(v, "date", page_posted(r, "date", page_date(r, clock_now(), 0)));
	tv_set_str(v, "follow_up", page_posted(r, "follow_up", ""));
	tv_set(d, "v", v);
	tv_set(d, "reasons", choices(r, "reason", closure_reasons,
	    page_posted(r, "reason", ""), "common.choose"));
	if (case_ended(&f->c))
		tv_set_bool(d, "not_now", 1);
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "case_close", d);
}

void
web_closure_close_form(struct req *r)
{
	close_page(r, NULL);
}

void
web_closure_request(struct req *r)
{
	struct closure_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.reason = req_str(r, "reason");
	n.summary = req_str(r, "summary");
	n.date = req_str(r, "date");
	n.follow_up = req_str(r, "follow_up");
	n.version = req_int(r, "version");
	after(r, closure_request(&r->svc, id, &n), id, close_page,
	    case_url(r, id), "flash.closure_requested");
}

void
web_closure_approve(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_approve(&r->svc, id, req_int(r, "version")), id,
	    case_again, case_url(r, id), "flash.closure_approved");
}

void
web_closure_return(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_return(&r->svc, id, req_str(r, "return_reason"),
	    req_int(r, "version")), id, case_again, case_url(r, id),
	    "flash.closure_returned");
}

void
web_closure_follow_up(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_follow_up(&r->svc, id, req_str(r, "result"),
	    req_str(r, "follow_up_note"), req_int(r, "version")), id,
	    case_again, case_url(r, id), "flash.closure_follow_up");
}

void
web_closure_reopen(struct req *r)
{
	int64_t id = req_param_id(r, 0), nid = 0;
	enum svc_rc rc;

	rc = closure_reopen(&r->svc, id, req_str(r, "reopen_reason"),
	    req_int(r, "version"), &nid);
	after(r, rc, id, case_again, case_url(r, nid),
	    "flash.closure_reopened");
}

/* ---------------------------------------------------------------- transfer */

static void
transfer_page(struct req *r, const char *error)
{
	struct case_full *f;
	struct muni_info *m;
	struct tval *d, *v, *l;
	int status = r->status;
	int64_t cur;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "closure.transfer.title");
	tv_set(d, "c", case_head(r, &f->c));
	v = tv_obj(r->a);
	tv_set_str(v, "reason", page_posted(r, "reason", ""));
	tv_set(d, "v", v);
	cur = r->method == M_POST ? req_int(r, "municipality") : 0;
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (ref_municipalities(&r->svc, &m, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			if (strcmp(m[i].country, f->c.country) == 0 &&
			    m[i].id != f->c.municipality_id)
				tv_push(l, page_option(r, arena_printf(r->a,
				    "%lld", (long long)m[i].id), r->lang ==
				    LANG_SR ? m[i].name_sr : m[i].name_sq,
				    m[i].id == cur));
	tv_set(d, "municipalities", l);
	if (case_ended(&f->c))
		tv_set_bool(d, "not_now", 1);
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "case_transfer", d);
}

void
web_closure_transfer_form(struct req *r)
{
	transfer_page(r, NULL);
}

void
web_closure_transfer(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, closure_transfer_request(&r->svc, id, req_int(r,
	    "municipality"), req_str(r, "reason"), req_int(r, "version"), NULL),
	    id, transfer_page, case_url(r, id), "flash.closure_transfer");
}

static void
transfers_page(struct req *r, const char *error)
{
	struct transfer_info *in, *out;
	struct tval *d, *l;
	size_t nin, nout, i;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = closure_transfers(&r->svc, &in, &nin, &out, &nout)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "closure.transfers.title");
	l = tv_list(r->a);
	for (i = 0; i < nin; i++)
		tv_push(l, transfer_obj(r, &in[i]));
	tv_set(d, "incoming", l);
	l = tv_list(r->a);
	for (i = 0; i < nout; i++)
		tv_push(l, transfer_obj(r, &out[i]));
	tv_set(d, "outgoing", l);
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "case_transfers", d);
}

void
web_transfers(struct req *r)
{
	transfers_page(r, NULL);
}

void
web_transfer_accept(struct req *r)
{
	int64_t nid = 0;
	enum svc_rc rc;

	rc = closure_transfer_accept(&r->svc, req_param_id(r, 0), &nid);
	after(r, rc, 0, transfers_page, case_url(r, nid),
	    "flash.closure_transfer_accepted");
}

void
web_transfer_decline(struct req *r)
{
	after(r, closure_transfer_decline(&r->svc, req_param_id(r, 0),
	    req_str(r, "decline_reason")), 0, transfers_page, "/transfers",
	    "flash.closure_transfer_declined");
}
