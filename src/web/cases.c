/*
 * cases.c — the case pages (web layer): the list and search (/cases), the
 * case page with its header, concerns, risk history, timeline and the
 * forms for risk, validation and assignment. Thin: validated input ->
 * svc/case.c -> templates case_list.html and case_view.html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/agency.h"
#include "../svc/case.h"
#include "../svc/reference.h"
#include "render.h"
#include "web_cases.h"
#include "web_casework.h"
#include "web_closure.h"
#include "web_community.h"
#include "web_protect.h"
#include "web_referral.h"
#include "web_work.h"

static const char *
risk_label(struct req *r, const char *risk)
{
	return page_t(r, arena_printf(r->a, "risk.%s", risk && *risk ? risk :
	    "none"));
}

static const char *
status_label(struct req *r, const char *status)
{
	return page_t(r, arena_printf(r->a, "status.%s", status));
}

static const char *
child_name(struct req *r, const struct case_info *c)
{
	return *c->child_family ? arena_printf(r->a, "%s %s", c->child_given,
	    c->child_family) : c->child_given;
}

/* The fields of a case every page shows. */
static void
case_row(struct req *r, struct tval *t, const struct case_info *c)
{
	tv_set_int(t, "id", c->id);
	tv_set_str(t, "number", c->number);
	tv_set_str(t, "child", child_name(r, c));
	tv_set_int(t, "child_id", c->child_id);
	if (c->child_age >= 0)
		tv_set_str(t, "age", arena_printf(r->a, "%d", c->child_age));
	if (c->birth_estimated)
		tv_set_bool(t, "age_estimated", 1);
	tv_set_str(t, "municipality", r->lang == LANG_SR ? c->municipality_sr :
	    c->municipality_sq);
	tv_set_str(t, "status", status_label(r, c->status));
	tv_set_str(t, "risk", risk_label(r, c->risk));
	tv_set_str(t, "risk_code", *c->risk ? c->risk : "none");
	if (strcmp(c->risk, "high") == 0)
		tv_set_bool(t, "risk_high", 1);
	if (c->risk_pending)
		tv_set_bool(t, "risk_pending", 1);
	tv_set_str(t, "worker", c->worker_name);
	tv_set_str(t, "team", c->team_name);
	if (c->restricted)
		tv_set_bool(t, "restricted", 1);
	if (c->emergency)
		tv_set_bool(t, "emergency", 1);
	tv_set_str(t, "opened", page_date(r, c->opened_at, 0));
	tv_set_int(t, "version", c->version);
}

/* ---------------------------------------------------------------- the list */

static int
sort_of(const char *s)
{
	if (strcmp(s, "number") == 0)
		return 1;
	if (strcmp(s, "risk") == 0)
		return 2;
	return 0;
}

/* The list's query string without page, for the pager. */
static const char *
list_query(struct req *r)
{
	static const char *const keys[] = { "q", "number", "status", "risk",
	    "concern", "worker", "municipality", "pending", "overdue", "sort", NULL };
	struct buf b;
	size_t i;

	buf_init(&b, r->a);
	buf_puts(&b, "/cases?");
	for (i = 0; keys[i] != NULL; i++)
		if (req_has(r, keys[i]) && *req_str(r, keys[i])) {
			buf_puts(&b, keys[i]);
			buf_putc(&b, '=');
			buf_puts(&b, page_urlenc(r, req_str(r, keys[i])));
			buf_putc(&b, '&');
		}
	return b.oom ? "/cases?" : b.p;
}

static void
list_page(struct req *r, int search)
{
	struct tval *d = page_data(r, "case.list.title"), *rows, *t, *f, *l;
	struct concern_info *k;
	struct case_query q;
	struct case_info *v = NULL;
	size_t n = 0, i, nk;
	int64_t total = 0;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	enum svc_rc rc;
	const char *base;

	memset(&q, 0, sizeof(q));
	q.q = req_str(r, "q");
	q.number = req_str(r, "number");
	q.status = req_str(r, "status");
	q.risk = req_str(r, "risk");
	q.concern = req_str(r, "concern");
	q.worker_id = req_int(r, "worker");
	q.municipality_id = req_int(r, "municipality");
	q.pending = req_bool(r, "pending");
	q.overdue = req_bool(r, "overdue");
	q.sort = sort_of(req_str(r, "sort"));
	q.page = page;
	if (search) {
		rc = case_search(&r->svc, &q, &v, &n, &total);
		if (rc == SVC_INVALID) {
			r->status = 400;
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		} else if (rc != SVC_OK) {
			page_fail(r, rc, &r->svc.err);
			return;
		}
	}
	f = tv_obj(r->a);
	tv_set_str(f, "q", q.q);
	tv_set_str(f, "number", q.number);
	if (q.pending)
		tv_set_bool(f, "pending", 1);
	if (q.overdue)
		tv_set_bool(f, "overdue", 1);
	if (q.worker_id)
		tv_set_int(f, "worker", q.worker_id);
	if (q.municipality_id)
		tv_set_int(f, "municipality", q.municipality_id);
	tv_set(d, "f", f);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "case.any"), !*q.status));
	{
		static const char *const st[] = { "registered", "screened",
		    "assessment", "conference", "plan_active", "review",
		    "closed", "transferred", NULL };

		for (i = 0; st[i] != NULL; i++)
			tv_push(l, page_option(r, st[i], status_label(r, st[i]),
			    strcmp(q.status, st[i]) == 0));
	}
	tv_set(d, "statuses", l);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "case.any"), !*q.risk));
	{
		static const char *const rk[] = { "high", "medium", "low",
		    "none", NULL };

		for (i = 0; rk[i] != NULL; i++)
			tv_push(l, page_option(r, rk[i], risk_label(r, rk[i]),
			    strcmp(q.risk, rk[i]) == 0));
	}
	tv_set(d, "risks", l);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "case.any"), !*q.concern));
	if (ref_concerns(&r->svc, &k, &nk) == SVC_OK)
		for (i = 0; i < nk; i++)
			tv_push(l, page_option(r, k[i].code, k[i].label[r->lang <
			    LANG__MAX ? r->lang : 0], strcmp(q.concern,
			    k[i].code) == 0));
	tv_set(d, "concerns", l);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "opened", page_t(r, "case.sort.opened"),
	    q.sort == 0));
	tv_push(l, page_option(r, "number", page_t(r, "case.sort.number"),
	    q.sort == 1));
	tv_push(l, page_option(r, "risk", page_t(r, "case.sort.risk"), q.sort == 2));
	tv_set(d, "sorts", l);
	rows = tv_list(r->a);
	for (i = 0; i < n && i < CASE_PAGE_SIZE; i++) {
		t = tv_obj(r->a);
		case_row(r, t, &v[i]);
		tv_push(rows, t);
	}
	tv_set(d, "cases", rows);
	tv_set_str(d, "total", page_num(r, total));
	base = list_query(r);
	if (page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "%spage=%d", base,
		    page - 1));
	if (n > CASE_PAGE_SIZE)
		tv_set_str(d, "next", arena_printf(r->a, "%spage=%d", base,
		    page + 1));
	page_errors(r, d);
	page_render(r, "case_list", d);
}

void
web_cases(struct req *r)
{
	list_page(r, 1);
}

void
web_cases_invalid(struct req *r)
{
	list_page(r, 0);
}

/* ---------------------------------------------------------------- one case */

/* A value of the timeline as shown: risk and status codes translated. */
static const char *
event_value(struct req *r, const char *field, const char *v)
{
	if (v == NULL || *v == '\0')
		return "";
	if (strcmp(field, "risk") == 0)
		return risk_label(r, v);
	if (strcmp(field, "status") == 0)
		return status_label(r, v);
	/* The codes of reviews and closures (po/LANG-closure.po). */
	if (strcmp(field, "reason") == 0 || strcmp(field, "decision") == 0 ||
	    strcmp(field, "result") == 0) {
		const char *k = arena_printf(r->a, "closure.%s.%s", field, v);

		return k != NULL && i18n_has(k) ? page_t(r, k) : v;
	}
	return v;
}

static const char *
event_kind(struct req *r, const char *kind)
{
	char *k = arena_printf(r->a, "case.event.%s", kind), *p;

	for (p = k + 11; *p; p++)
		if (*p == '.')
			*p = '_';
	return i18n_has(k) ? page_t(r, k) : kind;
}

/* The conflict message: who changed the case, when, and what (also the
 * later steps' pages: web_cases.h). */
const char *
web_case_conflict(struct req *r, int64_t id)
{
	struct case_event_info *e;
	struct svc s = r->svc;

	if (case_last_change(&s, id, &e) != SVC_OK)
		return page_t(r, "case.conflict");
	return arena_printf(r->a, "%s %s, %s: %s%s%s%s%s", page_t(r,
	    "case.conflict"), e->actor, page_date(r, e->at, 1),
	    event_kind(r, e->kind), *e->before || *e->after ? " (" : "",
	    event_value(r, e->field, e->before), *e->before || *e->after ?
	    " → " : "", *e->before || *e->after ? arena_printf(r->a, "%s)",
	    event_value(r, e->field, e->after)) : "");
}

static void
view(struct req *r, const char *error)
{
	struct tval *d, *t, *l, *it, *v;
	struct case_full *f;
	struct case_worker *w;
	struct team_info *tm;
	size_t i, n;
	int lang = r->lang < LANG__MAX ? (int)r->lang : 0;
	int64_t id = req_param_id(r, 0);
	int supervise = authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL);
	int status = r->status;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "case.view.title");
	tv_set_str(d, "title", f->c.number);
	t = tv_obj(r->a);
	case_row(r, t, &f->c);
	tv_set_str(t, "parent", f->c.child_parent);
	tv_set_str(t, "pn", f->c.child_pn);
	tv_set_str(t, "birth", f->c.child_birth_date);
	tv_set_str(t, "source", f->c.source);
	tv_set(d, "c", t);
	l = tv_list(r->a);
	for (i = 0; i < f->nconcerns; i++) {
		it = tv_obj(r->a);
		tv_set_str(it, "code", f->concerns[i].code);
		tv_set_str(it, "label", f->concerns[i].label[lang]);
		if (f->concerns[i].primary)
			tv_set_bool(it, "primary", 1);
		tv_push(l, it);
	}
	tv_set(d, "concerns", l);
	l = tv_list(r->a);
	for (i = 0; i < f->nrisks; i++) {
		it = tv_obj(r->a);
		tv_set_int(it, "id", f->risks[i].id);
		tv_set_str(it, "at", page_date(r, f->risks[i].at, 1));
		tv_set_str(it, "level", risk_label(r, f->risks[i].level));
		if (strcmp(f->risks[i].level, "high") == 0)
			tv_set_bool(it, "high", 1);
		tv_set_str(it, "rationale", f->risks[i].rationale);
		tv_set_str(it, "author", f->risks[i].author);
		if (f->risks[i].validated_by) {
			tv_set_str(it, "validator", f->risks[i].validator);
			tv_set_str(it, "validated_at", page_date(r,
			    f->risks[i].validated_at, 1));
		} else if (i == 0 && supervise)
			tv_set_bool(it, "can_validate", 1);
		tv_push(l, it);
	}
	tv_set(d, "risks", l);
	l = tv_list(r->a);
	for (i = 0; i < f->nevents; i++) {
		it = tv_obj(r->a);
		tv_set_str(it, "at", page_date(r, f->events[i].at, 1));
		tv_set_str(it, "who", f->events[i].actor);
		tv_set_str(it, "what", event_kind(r, f->events[i].kind));
		tv_set_str(it, "before", event_value(r, f->events[i].field,
		    f->events[i].before));
		tv_set_str(it, "after", event_value(r, f->events[i].field,
		    f->events[i].after));
		if (strcmp(f->events[i].note, "self") == 0)
			tv_set_str(it, "note", page_t(r, "case.event.self"));
		else if (strcmp(f->events[i].note, "emergency") == 0)
			tv_set_str(it, "note", page_t(r, "case.emergency"));
		else if (strcmp(f->events[i].note, "high_confirmed") == 0)
			tv_set_str(it, "note", page_t(r,
			    "screening.high_confirmed"));
		tv_push(l, it);
	}
	tv_set(d, "events", l);
	web_work_case_deadlines(r, d, f->c.id);
	web_casework_case(r, d, f);
	web_closure_case(r, d, f);
	web_consent_case(r, d, f);
	web_referral_case(r, d, f);
	web_protect_case(r, d, f);
	/* The first risk comes with the screening (case_casework.html);
	 * here only a later change of level, with its rationale. */
	if (authz_allows(r->actor, PERM_CASE_WRITE, NULL) && *f->c.risk &&
	    !case_ended(&f->c)) {
		tv_set_bool(d, "can_risk", 1);
		l = tv_list(r->a);
		{
			static const char *const rk[] = { "low", "medium",
			    "high", NULL };
			const char *cur = req_str(r, "level");

			for (i = 0; rk[i] != NULL; i++)
				tv_push(l, page_option(r, rk[i], risk_label(r, rk[i]),
				    strcmp(cur, rk[i]) == 0));
		}
		tv_set(d, "levels", l);
	}
	v = tv_obj(r->a);
	tv_set_str(v, "rationale", req_str(r, "rationale"));
	tv_set(d, "v", v);
	if (supervise && case_workers(&r->svc, &w, &n) == SVC_OK) {
		tv_set_bool(d, "can_assign", 1);
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "common.choose"),
		    f->c.worker_id == 0));
		for (i = 0; i < n; i++)
			tv_push(l, page_option(r, arena_printf(r->a, "%lld",
			    (long long)w[i].id), *w[i].team_name ?
			    arena_printf(r->a, "%s (%s)", w[i].full_name,
			    w[i].team_name) : w[i].full_name,
			    w[i].id == f->c.worker_id));
		tv_set(d, "workers", l);
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "case.worker_team"), 1));
		if (team_list(&r->svc, f->c.agency_id, &tm, &n) == SVC_OK)
			for (i = 0; i < n; i++)
				tv_push(l, page_option(r, arena_printf(r->a, "%lld",
				    (long long)tm[i].id), tm[i].name, 0));
		tv_set(d, "teams", l);
	}
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "case_view", d);
}

void
web_case_view(struct req *r)
{
	view(r, NULL);
}

/* After a write: the page again with the error (400/409), or the failure
 * page, or a redirect to the case. */
static void
after_write(struct req *r, enum svc_rc rc, int64_t id, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0) {
			view(r, web_case_conflict(r, id));
			return;
		}
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		view(r, NULL);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/cases/%lld", (long long)id),
	    flash);
}

void
web_case_risk(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_risk_set(&r->svc, id, req_str(r, "level"),
	    req_str(r, "rationale"), req_int(r, "version"), NULL), id,
	    "flash.case_risk");
}

void
web_case_risk_validate(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_risk_validate(&r->svc, id, req_param_id(r, 1)), id,
	    "flash.case_validated");
}

void
web_case_assign(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_assign(&r->svc, id, req_int(r, "worker"),
	    req_int(r, "team"), req_int(r, "version")), id,
	    "flash.case_assigned");
}
