/*
 * referral.c — the HTML side of referrals out and reports in (web layer):
 * the referral section of the case page (templates/case_referrals.html),
 * the referral form (referral_new.html), the loop-closure list
 * (referral_list.html), the receiving organisation's list and referral
 * page with its answer, service, session, feedback and closing forms
 * (referral_incoming.html, referral_view.html), and the reports in of
 * police, schools and health centres (report_in_list.html,
 * report_in_new.html). Thin: validated input -> svc/referral.c or
 * svc/report_in.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/case.h"
#include "../svc/consent.h"
#include "../svc/provider.h"
#include "../svc/reference.h"
#include "../svc/referral.h"
#include "../svc/report_in.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_referral.h"

/* ---------------------------------------------------------------- helpers */


/* yyyy-mm-dd as dd.mm.yyyy; "" stays "". */
static const char *
rf_day(struct req *r, const char *v)
{
	int64_t t;

	return v != NULL && *v && clock_parse_date(v, &t) == 0 ?
	    page_date(r, t, 0) : "";
}


/* The options of a closed set, cur selected, a first "choose". */
static struct tval *
rf_choices(struct req *r, const char *prefix, const char *const *set,
    const char *cur)
{
	struct tval *l = tv_list(r->a);

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_code(r, prefix, *set),
		    strcmp(cur, *set) == 0));
	return l;
}

static const char *
rf_id(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

/* After a write: the form again with the error, the failure page, or a
 * redirect with a flash. */
static void
rf_after(struct req *r, enum svc_rc rc, int64_t case_id,
    void (*again)(struct req *), const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && case_id > 0 && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0)
			req_add_error(r, NULL, web_case_conflict(r, case_id));
		else
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		again(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

/* A referral as the pages show it. */
static struct tval *
referral_obj(struct req *r, const struct referral_info *v)
{
	struct tval *t = tv_obj(r->a), *l, *x;
	size_t i;

	tv_set_int(t, "id", v->id);
	tv_set_int(t, "case_id", v->case_id);
	tv_set_str(t, "case_number", v->case_number);
	tv_set_str(t, "from", v->from_agency);
	tv_set_str(t, "to", v->to_agency);
	tv_set_str(t, "to_type", page_code(r, "agency.type", v->to_type));
	tv_set_str(t, "service", page_code(r, "provider.service", v->service));
	tv_set_str(t, "reason", v->reason);
	tv_set_str(t, "urgency", page_code(r, "referral.urgency", v->urgency));
	tv_set_str(t, "due", rf_day(r, v->due_date));
	tv_set_str(t, "categories", page_codes(r, "consent.category",
	    v->categories));
	tv_set_str(t, "licence", v->licence_number);
	tv_set_str(t, "status_code", v->status);
	tv_set_str(t, "status", page_code(r, "referral.status", v->status));
	tv_set_str(t, "answer_reason", v->answer_reason);
	tv_set_str(t, "expected", rf_day(r, v->expected_date));
	tv_set_str(t, "answered_at", page_date(r, v->answered_at, 0));
	tv_set_str(t, "answered_by", v->answered_by);
	tv_set_str(t, "service_start", rf_day(r, v->service_start));
	tv_set_str(t, "outcome", page_code(r, "referral.outcome", v->outcome));
	tv_set_str(t, "outcome_note", v->outcome_note);
	tv_set_str(t, "worker", v->worker);
	tv_set_str(t, "sent", page_date(r, v->created_at, 0));
	tv_set_int(t, "version", v->version);
	tv_set_int(t, "sessions", v->sessions);
	if (v->cancelled_at) {
		tv_set_str(t, "cancel_kind", page_code(r, "referral.cancel_kind",
		    v->cancel_kind));
		tv_set_str(t, "cancel_reason", v->cancel_reason);
		tv_set_str(t, "cancelled_at", page_date(r, v->cancelled_at, 0));
		tv_set_str(t, "cancelled_by", v->cancelled_by);
	}
	if (strcmp(v->status, "sent") == 0 ||
	    strcmp(v->status, "waitlisted") == 0 ||
	    strcmp(v->status, "accepted") == 0 ||
	    strcmp(v->status, "in_service") == 0)
		tv_set_bool(t, "cancellable", 1);
	if (v->overdue)
		tv_set_bool(t, "overdue", 1);
	l = tv_list(r->a);
	for (i = 0; i < v->nsession; i++) {
		x = tv_obj(r->a);
		tv_set_str(x, "date", rf_day(r, v->session[i].date));
		tv_set_int(x, "count", v->session[i].count);
		tv_set_str(x, "note", v->session[i].note);
		tv_set_str(x, "author", v->session[i].author);
		tv_push(l, x);
	}
	if (v->nsession)
		tv_set(t, "session", l);
	l = tv_list(r->a);
	for (i = 0; i < v->nfeedback; i++) {
		x = tv_obj(r->a);
		tv_set_str(x, "text", v->feedback[i].text);
		tv_set_str(x, "author", v->feedback[i].author);
		tv_set_str(x, "at", page_date(r, v->feedback[i].created_at, 1));
		tv_push(l, x);
	}
	if (v->nfeedback)
		tv_set(t, "feedback", l);
	return t;
}

static struct tval *
referral_list(struct req *r, const struct referral_info *v, size_t n)
{
	struct tval *l = tv_list(r->a);
	size_t i;

	for (i = 0; i < n; i++)
		tv_push(l, referral_obj(r, &v[i]));
	return l;
}

/* ---------------------------------------------------------------- case page */

void
web_referral_case(struct req *r, struct tval *d, const struct case_full *f)
{
	struct referral_info *v;
	struct case_ref ref;
	struct svc s = r->svc;
	struct tval *o, *l, *t;
	size_t n, i;

	if (referral_of_case(&s, f->c.id, &v, &n) != SVC_OK)
		return;
	o = tv_obj(r->a);
	l = tv_list(r->a);
	ref.agency_id = f->c.agency_id;
	ref.team_id = f->c.team_id;
	ref.worker_id = f->c.worker_id;
	ref.restricted = f->c.restricted;
	for (i = 0; i < n; i++) {
		t = referral_obj(r, &v[i]);
		if (authz_allows(r->actor, PERM_CASE_WRITE, NULL) &&
		    authz_case_visible(r->actor, &ref) &&
		    referral_may_cancel(&s, &v[i]))
			tv_set_bool(t, "may_cancel", 1);
		tv_push(l, t);
	}
	tv_set(o, "list", l);
	if (n)
		tv_set_bool(o, "any", 1);
	if (authz_allows(r->actor, PERM_CASE_WRITE, NULL) &&
	    authz_case_visible(r->actor, &ref) && !case_ended(&f->c))
		tv_set_bool(o, "can_refer", 1);
	tv_set(d, "rf", o);
}

void
web_referral_work(struct req *r, struct tval *d)
{
	struct referral_info *v;
	struct svc s = r->svc;
	struct tval *o = tv_obj(r->a);
	int64_t overdue = 0, waiting = 0;
	size_t n, i;

	if (authz_allows(r->actor, PERM_CASE_READ, NULL)) {
		if (referral_open(&s, &v, &n) != SVC_OK)
			return;
		for (i = 0; i < n; i++)
			overdue += v[i].overdue;
		tv_set_int(o, "open", (int64_t)n);
		tv_set_int(o, "overdue", overdue);
	} else if (authz_allows(r->actor, PERM_REFERRAL_RECEIVE, NULL)) {
		if (referral_incoming(&s, NULL, &v, &n) != SVC_OK)
			return;
		for (i = 0; i < n; i++)
			waiting += strcmp(v[i].status, "sent") == 0;
		tv_set_int(o, "incoming", waiting);
	} else
		return;
	tv_set(d, "rf_work", o);
}

/* ---------------------------------------------------------------- the form */

void
web_referral_form(struct req *r)
{
	struct case_full *f;
	struct consent_info *cn;
	struct provider_choice *pc = NULL;
	struct referral_target *tg;
	struct tval *d, *v, *l, *t;
	int status = r->status;
	int64_t cur = req_int(r, "to_agency"), ccur = req_int(r, "consent");
	size_t n, i, j, np = 0;
	char ymd[16];
	int32_t today = 0;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "referral.new.title");
	v = tv_obj(r->a);
	tv_set_int(v, "id", f->c.id);
	tv_set_str(v, "number", f->c.number);
	tv_set_int(v, "version", f->c.version);
	tv_set_str(v, "reason", req_str(r, "reason"));
	tv_set_str(v, "due_date", req_str(r, "due_date"));
	tv_set(d, "v", v);
	tv_set(d, "services", rf_choices(r, "provider.service",
	    provider_services, req_str(r, "service")));
	tv_set(d, "urgencies", rf_choices(r, "referral.urgency",
	    referral_urgencies, req_has(r, "urgency") ? req_str(r, "urgency") :
	    "routine"));
	/* The organisations: licensed providers (any service, today, the
	 * case's municipality) and the public agencies. */
	(void)cal_date_of(clock_now(), &today);
	cal_date_format(today, ymd, sizeof(ymd));
	if (provider_licensed_list(&r->svc, NULL, ymd, f->c.municipality_id,
	    &pc, &np) != SVC_OK)
		np = 0;
	l = tv_list(r->a);
	for (i = 0; i < np; i++) {
		for (j = 0; j < i && pc[j].agency_id != pc[i].agency_id; j++)
			;
		if (j < i)
			continue;
		tv_push(l, page_option(r, rf_id(r, pc[i].agency_id),
		    pc[i].name, pc[i].agency_id == cur));
	}
	tv_set(d, "providers", l);
	l = tv_list(r->a);
	if (referral_targets(&r->svc, &f->c, &tg, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			tv_push(l, page_option(r, rf_id(r, tg[i].id),
			    arena_printf(r->a, "%s (%s)", tg[i].name,
			    page_code(r, "agency.type", tg[i].type)),
			    tg[i].id == cur));
	tv_set(d, "agencies", l);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "common.choose"), ccur == 0));
	if (consent_of_case(&r->svc, f->c.id, &cn, &n) == SVC_OK)
		for (i = 0; i < n; i++) {
			if (*cn[i].withdrawn_date)
				continue;
			tv_push(l, page_option(r, rf_id(r, cn[i].id),
			    arena_printf(r->a, "%s — %s (%s)",
			    strcmp(cn[i].kind, "override") == 0 ?
			    page_t(r, "consent.override.label") :
			    cn[i].giver_name, cn[i].all_agencies ?
			    page_t(r, "consent.all_agencies") : cn[i].agencies,
			    page_codes(r, "consent.category", cn[i].categories)),
			    cn[i].id == ccur));
		}
	tv_set(d, "consents", l);
	l = tv_list(r->a);
	for (i = 0; consent_categories[i] != NULL; i++) {
		const char *name = arena_printf(r->a, "category_%s",
		    consent_categories[i]);

		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", page_code(r, "consent.category",
		    consent_categories[i]));
		if (req_bool(r, name))
			tv_set_bool(t, "checked", 1);
		tv_push(l, t);
	}
	tv_set(d, "categories", l);
	r->svc.err.msg = NULL;
	r->svc.err.field = NULL;
	if (case_ended(&f->c))
		tv_set_bool(d, "not_now", 1);
	page_errors(r, d);
	page_render(r, "referral_new", d);
}

void
web_referral_create(struct req *r)
{
	struct referral_new n;
	const char **cats;
	int64_t id = req_param_id(r, 0);
	size_t i;

	memset(&n, 0, sizeof(n));
	n.to_agency_id = req_int(r, "to_agency");
	n.service = req_str(r, "service");
	n.reason = req_str(r, "reason");
	n.urgency = req_str(r, "urgency");
	n.due_date = req_str(r, "due_date");
	n.consent_id = req_int(r, "consent");
	if ((cats = arena_zalloc(r->a, 8 * sizeof(*cats))) == NULL) {
		page_fail(r, SVC_TOOBIG, &r->svc.err);
		return;
	}
	for (i = 0; consent_categories[i] != NULL && n.ncategories < 8; i++)
		if (req_bool(r, arena_printf(r->a, "category_%s",
		    consent_categories[i])))
			cats[n.ncategories++] = consent_categories[i];
	n.categories = cats;
	rf_after(r, referral_create(&r->svc, id, req_int(r, "version"), &n,
	    NULL), id, web_referral_form, arena_printf(r->a,
	    "/cases/%lld#referrals", (long long)id), "flash.referral_sent");
}

/* ---------------------------------------------------------------- lists */

void
web_referral_open(struct req *r)
{
	struct referral_info *v;
	struct tval *d;
	size_t n;
	enum svc_rc rc;
	int ended;

	ended = strcmp(svc_nz(req_str(r, "show")), "ended") == 0;
	if ((rc = ended ? referral_ended(&r->svc, &v, &n) :
	    referral_open(&r->svc, &v, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, ended ? "referral.ended.title" :
	    "referral.open.title");
	tv_set(d, "list", referral_list(r, v, n));
	if (ended)
		tv_set_bool(d, "ended", 1);
	page_render(r, "referral_list", d);
}

void
web_referral_incoming(struct req *r)
{
	struct referral_info *v;
	struct tval *d;
	size_t n;
	enum svc_rc rc;

	if ((rc = referral_incoming(&r->svc, req_str(r, "status"), &v, &n)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "referral.incoming.title");
	tv_set(d, "list", referral_list(r, v, n));
	tv_set(d, "statuses", rf_choices(r, "referral.status",
	    referral_statuses, req_str(r, "status")));
	page_render(r, "referral_incoming", d);
}

/* ---------------------------------------------------------------- receiving */

/* A (label, text) pair of the shared assessment, when text is set. */
static void
summary_domain(struct req *r, struct tval *l, const char *key,
    const char *text)
{
	struct tval *o;

	if (*text == '\0')
		return;
	o = tv_obj(r->a);
	tv_set_str(o, "label", page_t(r, key));
	tv_set_str(o, "text", text);
	tv_push(l, o);
}

/* The categories beyond identity, contact and case summary. */
static void
summary_more(struct req *r, struct tval *sm,
    const struct referral_summary *m)
{
	struct tval *l, *o;
	size_t i;

	if (m->assessment) {
		tv_set_bool(sm, "assessment", 1);
		tv_set_str(sm, "as_status", *m->as_status ? page_code(r,
		    "assessment.status", m->as_status) :
		    page_t(r, "referral.summary.no_assessment"));
		l = tv_list(r->a);
		summary_domain(r, l, "field.safety", m->as_safety);
		summary_domain(r, l, "field.family_care", m->as_family_care);
		summary_domain(r, l, "field.economic", m->as_economic);
		summary_domain(r, l, "field.development", m->as_development);
		summary_domain(r, l, "field.child_views", m->as_child_views);
		summary_domain(r, l, "field.strengths", m->as_strengths);
		summary_domain(r, l, "field.conclusion", m->as_conclusion);
		tv_set(sm, "as_domains", l);
	}
	if (m->health) {
		tv_set_bool(sm, "health", 1);
		tv_set_str(sm, "disability", page_code(r, "child.disability",
		    m->disability));
		tv_set_str(sm, "disability_note", m->disability_note);
		tv_set_str(sm, "as_health", m->as_health);
	}
	if (m->education) {
		tv_set_bool(sm, "education", 1);
		tv_set_str(sm, "school_status", page_code(r, "school",
		    m->school_status));
		tv_set_str(sm, "as_education", m->as_education);
	}
	if (!m->plan)
		return;
	tv_set_bool(sm, "plan", 1);
	if (m->plan_number == 0)
		return;
	tv_set_str(sm, "plan_number", arena_printf(r->a, "%d",
	    m->plan_number));
	tv_set_str(sm, "plan_review_on", page_day(r, m->plan_review_on));
	l = tv_list(r->a);
	for (i = 0; i < m->nplan_goals; i++)
		tv_push(l, tv_str(r->a, m->plan_goals[i]));
	tv_set(sm, "plan_goals", l);
	l = tv_list(r->a);
	for (i = 0; i < m->nplan_actions; i++) {
		o = tv_obj(r->a);
		tv_set_str(o, "what", m->plan_actions[i].what);
		tv_set_str(o, "service", m->plan_actions[i].service);
		tv_set_str(o, "due_on", page_day(r, m->plan_actions[i].due_on));
		tv_set_str(o, "status", page_code(r, "plan.action.status",
		    m->plan_actions[i].status));
		tv_push(l, o);
	}
	tv_set(sm, "plan_actions", l);
}

void
web_referral_view(struct req *r)
{
	struct referral_info *v;
	struct referral_summary *m;
	struct concern_info *ci;
	struct tval *d, *o, *sm;
	int status = r->status;
	size_t nci = 0, i;
	const char *st;
	struct buf b;
	enum svc_rc rc;

	if ((rc = referral_get(&r->svc, req_param_id(r, 0), &v, &m)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "referral.view.title");
	o = referral_obj(r, v);
	tv_set(d, "rf", o);
	sm = tv_obj(r->a);
	tv_set_str(sm, "shared", page_codes(r, "consent.category", m->shared));
	if (m->identity) {
		tv_set_bool(sm, "identity", 1);
		tv_set_str(sm, "name", arena_printf(r->a, "%s %s", m->given,
		    m->family));
		tv_set_str(sm, "sex", page_code(r, "sex", m->sex));
		if (m->age >= 0)	/* a string: age 0 is shown too */
			tv_set_str(sm, "age", arena_printf(r->a, "%d",
			    m->age));
	}
	if (m->contact) {
		tv_set_bool(sm, "contact", 1);
		tv_set_str(sm, "address", m->address);
		tv_set_str(sm, "municipality", m->municipality);
	}
	if (m->case_summary) {
		tv_set_bool(sm, "case_summary", 1);
		tv_set_str(sm, "risk", *m->risk ? page_code(r, "risk", m->risk) :
		    page_t(r, "risk.none"));
		buf_init(&b, r->a);
		if (ref_concerns(&r->svc, &ci, &nci) != SVC_OK)
			nci = 0;
		for (i = 0; i < nci; i++) {
			const char *p = strstr(m->concerns, ci[i].code);
			size_t k = strlen(ci[i].code);

			if (p == NULL || (p != m->concerns && p[-1] != ',') ||
			    (p[k] != ',' && p[k] != '\0'))
				continue;
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, ci[i].label[r->lang < 3 ? r->lang : 0]);
		}
		tv_set_str(sm, "concerns", b.len && !b.oom ? b.p : "");
	}
	summary_more(r, sm, m);
	tv_set(d, "sum", sm);
	st = v->status;
	if (strcmp(st, "sent") == 0 || strcmp(st, "waitlisted") == 0) {
		if (referral_may_answer(&r->svc, v))
			tv_set_bool(d, "can_answer", 1);
		else
			tv_set_bool(d, "answer_supervisor", 1);
	}
	if (strcmp(st, "accepted") == 0)
		tv_set_bool(d, "can_start", 1);
	if (strcmp(st, "in_service") == 0)
		tv_set_bool(d, "can_session", 1);
	if (strcmp(st, "accepted") == 0 || strcmp(st, "in_service") == 0) {
		tv_set_bool(d, "can_feedback", 1);
		tv_set_bool(d, "can_close", 1);
	}
	tv_set(d, "answers", rf_choices(r, "referral.answer", referral_answers,
	    req_str(r, "answer")));
	tv_set(d, "outcomes", rf_choices(r, "referral.outcome",
	    referral_outcomes, req_str(r, "outcome")));
	o = tv_obj(r->a);
	tv_set_str(o, "reason", req_str(r, "reason"));
	tv_set_str(o, "expected_date", req_str(r, "expected_date"));
	tv_set_str(o, "date", req_has(r, "date") ? req_str(r, "date") :
	    page_date(r, clock_now(), 0));
	tv_set_str(o, "count", req_has(r, "count") ? req_str(r, "count") : "1");
	tv_set_str(o, "note", req_str(r, "note"));
	tv_set_str(o, "text", req_str(r, "text"));
	tv_set(d, "v", o);
	page_errors(r, d);
	page_render(r, "referral_view", d);
}

static const char *
view_path(struct req *r)
{
	return arena_printf(r->a, "/referrals/%lld",
	    (long long)req_param_id(r, 0));
}

void
web_referral_answer(struct req *r)
{
	rf_after(r, referral_answer(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "answer"), req_str(r, "reason"),
	    req_str(r, "expected_date")), 0, web_referral_view, view_path(r),
	    "flash.saved");
}

void
web_referral_start(struct req *r)
{
	rf_after(r, referral_start(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "date")), 0, web_referral_view,
	    view_path(r), "flash.saved");
}

void
web_referral_session(struct req *r)
{
	rf_after(r, referral_session_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "date"), req_int(r, "count"),
	    req_str(r, "note")), 0, web_referral_view, view_path(r),
	    "flash.saved");
}

void
web_referral_feedback(struct req *r)
{
	rf_after(r, referral_feedback_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "text")), 0, web_referral_view,
	    view_path(r), "flash.saved");
}

void
web_referral_close(struct req *r)
{
	rf_after(r, referral_close(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "outcome"), req_str(r, "note")),
	    0, web_referral_view, view_path(r), "flash.saved");
}

/* ---------------------------------------------------------------- sending side */

void
web_referral_cancel_form(struct req *r)
{
	struct referral_info *v;
	struct tval *d, *o;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = referral_sent_get(&r->svc, req_param_id(r, 0), &v)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "referral.cancel.title");
	o = referral_obj(r, v);
	if (req_has(r, "reason"))
		tv_set_str(o, "cancel_text", req_str(r, "reason"));
	if (strcmp(v->status, "sent") == 0)
		tv_set_bool(o, "is_cancel", 1);
	tv_set(d, "v", o);
	page_errors(r, d);
	page_render(r, "referral_cancel", d);
}

void
web_referral_cancel(struct req *r)
{
	struct referral_info *v;
	struct svc s = r->svc;
	const char *to = "/referrals";

	if (referral_sent_get(&s, req_param_id(r, 0), &v) == SVC_OK)
		to = arena_printf(r->a, "/cases/%lld#referrals",
		    (long long)v->case_id);
	rf_after(r, referral_cancel(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "reason")), 0,
	    web_referral_cancel_form, to, "flash.referral_cancelled");
}

/* ---------------------------------------------------------------- reports in */

void
web_report_in_list(struct req *r)
{
	struct report_in_info *v;
	struct tval *d, *l, *t;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = report_in_mine(&r->svc, &v, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "report_in.list.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "date", page_date(r, v[i].received_at, 1));
		tv_set_str(t, "centre", v[i].centre);
		tv_set_str(t, "status", page_code(r, "report_in.status",
		    v[i].status));
		if (strcmp(v[i].status, "handled") == 0)
			tv_set_bool(t, "handled", 1);
		tv_push(l, t);
	}
	tv_set(d, "list", l);
	page_render(r, "report_in_list", d);
}

void
web_report_in_form(struct req *r)
{
	struct report_in_centre *c;
	struct concern_info *ci;
	struct tval *d, *v, *l, *t;
	int status = r->status;
	int64_t cur = req_int(r, "centre");
	size_t n, nci, i;
	enum svc_rc rc;

	if ((rc = report_in_centres(&r->svc, &c, &n)) != SVC_OK ||
	    (rc = ref_concerns(&r->svc, &ci, &nci)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "report_in.new.title");
	l = tv_list(r->a);
	if (n != 1)
		tv_push(l, page_option(r, "", page_t(r, "common.choose"),
		    cur == 0));
	for (i = 0; i < n; i++)
		tv_push(l, page_option(r, rf_id(r, c[i].id), c[i].name,
		    c[i].id == cur));
	tv_set(d, "centres", l);
	v = tv_obj(r->a);
	tv_set_str(v, "given_name", req_str(r, "given_name"));
	tv_set_str(v, "family_name", req_str(r, "family_name"));
	tv_set_str(v, "age", req_str(r, "age"));
	tv_set_str(v, "location", req_str(r, "location"));
	tv_set_str(v, "narrative", req_str(r, "narrative"));
	if (req_bool(r, "immediate_danger"))
		tv_set_bool(v, "immediate_danger", 1);
	tv_set(d, "v", v);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "u", page_t(r, "sex.u"),
	    strcmp(req_str(r, "sex"), "f") && strcmp(req_str(r, "sex"), "m")));
	tv_push(l, page_option(r, "f", page_t(r, "sex.f"),
	    strcmp(req_str(r, "sex"), "f") == 0));
	tv_push(l, page_option(r, "m", page_t(r, "sex.m"),
	    strcmp(req_str(r, "sex"), "m") == 0));
	tv_set(d, "sexes", l);
	l = tv_list(r->a);
	for (i = 0; i < nci; i++) {
		const char *name = arena_printf(r->a, "concern_%s", ci[i].code);

		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", ci[i].label[r->lang < 3 ? r->lang : 0]);
		if (req_bool(r, name))
			tv_set_bool(t, "checked", 1);
		tv_push(l, t);
	}
	tv_set(d, "concerns", l);
	page_errors(r, d);
	page_render(r, "report_in_new", d);
}

void
web_report_in_create(struct req *r)
{
	struct report_in_new n;
	struct concern_info *ci;
	const char **codes;
	size_t nci = 0, i;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.centre = req_int(r, "centre");
	n.given = req_str(r, "given_name");
	n.family = req_str(r, "family_name");
	n.sex = req_str(r, "sex");
	n.age = req_has(r, "age") && *req_str(r, "age") ?
	    (int)req_int(r, "age") : -1;
	n.location = req_str(r, "location");
	n.narrative = req_str(r, "narrative");
	n.immediate_danger = req_bool(r, "immediate_danger");
	if ((rc = ref_concerns(&r->svc, &ci, &nci)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if ((codes = arena_zalloc(r->a, (nci + 1) * sizeof(*codes))) == NULL) {
		page_fail(r, SVC_TOOBIG, &r->svc.err);
		return;
	}
	for (i = 0; i < nci; i++)
		if (req_bool(r, arena_printf(r->a, "concern_%s", ci[i].code)))
			codes[n.nconcerns++] = ci[i].code;
	n.concerns = codes;
	rf_after(r, report_in_create(&r->svc, &n, NULL), 0, web_report_in_form,
	    "/reports-in", "flash.report_in_sent");
}
