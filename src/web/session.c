/*
 * session.c — logging in and out, the home page, health and metrics (web
 * layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../http/metrics.h"
#include "../svc/agency.h"
#include "../svc/auditlog.h"
#include "../svc/auth.h"
#include "../svc/case.h"
#include "../svc/deadline.h"
#include "../svc/intake.h"
#include "../svc/reference.h"
#include "../util/clock.h"
#include "render.h"
#include "web.h"

static void
login_page(struct req *r, const char *error)
{
	struct tval *d = page_data(r, "login.title");

	tv_set_str(d, "username", req_str(r, "username"));
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "login", d);
}

void
web_login_form(struct req *r)
{
	int l;

	if (r->actor != NULL) {
		req_redirect(r, "/");
		return;
	}
	if (req_has(r, "lang") && (l = lang_parse(req_str(r, "lang"))) >= 0) {
		r->lang = (enum lang)l;
		req_header(r, "Set-Cookie", arena_printf(r->a, "rr_lang=%s; "
		    "Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000",
		    lang_code(r->lang)));
	}
	login_page(r, NULL);
}

/* A field failed its check before any password was looked at: name it, as
 * every form does; that tells nothing about the account. */
void
web_login_invalid(struct req *r)
{
	struct tval *d = page_data(r, "login.title");

	tv_set_str(d, "username", req_str(r, "username"));
	page_errors(r, d);
	page_render(r, "login", d);
}

void
web_login(struct req *r)
{
	struct auth_session s;
	enum svc_rc rc;
	const struct auth_config *c = auth_config();

	/* Whatever session came with the request ends: a new one is made. */
	if (r->session_token != NULL)
		auth_logout(&r->svc, r->session_token);
	rc = auth_login(&r->svc, req_str(r, "username"), req_str(r, "password"),
	    &s);
	if (rc == SVC_OK) {
		req_header(r, "Set-Cookie", arena_printf(r->a, "rr_session=%s; "
		    "Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", s.token,
		    (long long)c->absolute,
		    r->site->secure_cookies ? "; Secure" : ""));
		req_redirect(r, "/");
		return;
	}
	if (rc == SVC_LOCKED) {
		r->status = 429;
		req_header(r, "Retry-After", arena_printf(r->a, "%d",
		    60 * (r->svc.err.arg ? atoi(r->svc.err.arg) : 1)));
		login_page(r, arena_printf(r->a, "%s (%s %s)",
		    page_t(r, "error.login.locked"),
		    r->svc.err.arg ? r->svc.err.arg : "1", page_t(r, "unit.minutes")));
		return;
	}
	if (rc == SVC_DENIED) {
		r->status = 401;
		login_page(r, page_t(r, "error.login.failed"));
		return;
	}
	page_fail(r, rc, &r->svc.err);
}

void
web_logout(struct req *r)
{
	auth_logout(&r->svc, r->session_token);
	req_header(r, "Set-Cookie", "rr_session=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
	page_redirect(r, "/login", "flash.logged_out");
}

void
web_healthz(struct req *r)
{
	int64_t one = 0;

	r->ctype = "text/plain; charset=utf-8";
	if (store_exec(r->site->st, Q_PING, NULL, 0, store_cb_int, &one,
	    NULL) == STORE_OK && one == 1) {
		buf_puts(&r->out, "ok\n");
		return;
	}
	r->status = 503;
	req_header(r, "Retry-After", "5");
	buf_puts(&r->out, "database unavailable\n");
}

void
web_metrics(struct req *r)
{
	int64_t n = -1, now = clock_now();
	struct sp p[] = { sp_int(now - auth_config()->idle), sp_int(now) };

	(void)store_exec(r->site->st, Q_SESSION_COUNT, p, 2, store_cb_int, &n,
	    NULL);
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&r->out, r->site->routes, r->site->nroutes, n);
}

/* An attention item on the home page. */
static void
item(struct req *r, struct tval *list, const char *text, const char *href,
    const char *link_key, int warn)
{
	struct tval *it = tv_obj(r->a);

	tv_set_str(it, "text", text);
	if (href != NULL) {
		tv_set_str(it, "href", href);
		tv_set_str(it, "link", page_t(r, link_key));
	}
	if (warn)
		tv_set_bool(it, "warn", 1);
	tv_push(list, it);
}

static int
this_year(void)
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	return atoi(b + 6);
}

void
web_home(struct req *r)
{
	struct tval *d = page_data(r, "home.title"), *items = tv_list(r->a);
	struct audit_entry *ae;
	struct audit_filter af;
	struct home_counts hc;
	size_t n;
	int64_t total = 0, missing = 0, agencies = 0, unstaffed = 0;
	int year, pop, ag;

	if (r->actor->must_change_pw)
		item(r, items, page_t(r, "home.must_change"), "/account",
		    "nav.account", 1);
	/* Counted in SQL, in one statement: the lists are not shown here. */
	if (authz_allows(r->actor, PERM_CASE_READ, NULL) &&
	    deadline_home_counts(&r->svc, &hc) == SVC_OK) {
		if (hc.own_no_risk > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.case_no_risk"),
			    (long long)hc.own_no_risk), arena_printf(r->a,
			    "/cases?worker=%lld&risk=none",
			    (long long)r->actor->id), "home.case_open", 1);
		if (hc.own_high > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.case_high"), (long long)hc.own_high),
			    arena_printf(r->a, "/cases?worker=%lld&risk=high",
			    (long long)r->actor->id), "home.case_open", 1);
		if (hc.pending > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.case_pending"), (long long)hc.pending),
			    "/cases?pending=1&sort=risk", "home.case_open", 1);
		if (hc.work.overdue > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.work_overdue"),
			    (long long)hc.work.overdue), "/work", "nav.work", 1);
		if (hc.work.today > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.work_today"),
			    (long long)hc.work.today), "/work", "nav.work", 1);
		if (hc.work.unit_overdue > hc.work.overdue)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.work_unit_overdue"),
			    (long long)hc.work.unit_overdue), "/work",
			    "nav.work", 1);
		if (hc.reports_waiting > 0)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "intake.waiting"),
			    (long long)hc.reports_waiting), "/intake",
			    "nav.intake", 1);
	}
	pop = authz_allows(r->actor, PERM_POPULATION_WRITE, NULL);
	ag = authz_allows(r->actor, PERM_AGENCIES_WRITE, NULL);
	year = this_year();
	/* Both (the municipal administrator): one statement. */
	if (pop && ag) {
		if (admin_home_counts(&r->svc, year, &missing, &agencies,
		    &unstaffed) != SVC_OK)
			pop = ag = 0;
	} else {
		if (pop && population_missing(&r->svc, year, &missing) !=
		    SVC_OK)
			pop = 0;
		if (ag && agency_count(&r->svc, &agencies, &unstaffed) !=
		    SVC_OK)
			ag = 0;
	}
	if (pop && missing > 0)
		item(r, items, arena_printf(r->a, "%s: %lld (%d)",
		    page_t(r, "home.population_missing"), (long long)missing,
		    year), "/admin/population", "nav.population", 1);
	if (ag && agencies == 0)
		item(r, items, page_t(r, "home.no_agencies"),
		    "/admin/agencies", "nav.agencies", 1);
	else if (ag && unstaffed > 0)
		item(r, items, arena_printf(r->a, "%s: %lld",
		    page_t(r, "home.agencies_without_users"),
		    (long long)unstaffed), "/admin/agencies", "nav.agencies",
		    0);
	if (authz_allows(r->actor, PERM_AUDIT_READ, NULL)) {
		memset(&af, 0, sizeof(af));
		af.action = "login.fail";
		af.from = clock_now() - 86400;
		af.limit = 1;
		if (auditlog_search(&r->svc, &af, &ae, &n, &total) == SVC_OK)
			item(r, items, arena_printf(r->a, "%s: %lld",
			    page_t(r, "home.failed_logins"), (long long)total),
			    "/audit?action=login.fail", "nav.audit", total > 0);
	}
	tv_set(d, "items", items);
	page_render(r, "home", d);
}
