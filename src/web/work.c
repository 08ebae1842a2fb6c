/*
 * work.c — the pages of deadlines (web layer): "my work" (/work), the
 * first-contact form of the case page and its deadlines section, and the
 * holiday administration (/admin/holidays). Thin: validated input ->
 * svc/deadline.c -> templates work.html, case_view.html, holidays.html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/closure.h"
#include "../svc/deadline.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_conference.h"
#include "web_protect.h"
#include "web_referral.h"
#include "web_work.h"

static const char *
step_label(struct req *r, const char *step)
{
	return page_t(r, arena_printf(r->a, "deadline.step.%s", step));
}

/* "2 d 3 h" / "5 h" / "40 min" of a duration in seconds. */
static const char *
span(struct req *r, int64_t s)
{
	int64_t d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60;

	if (d > 0)
		return arena_printf(r->a, "%lld %s %lld %s", (long long)d,
		    page_t(r, "deadline.days"), (long long)h,
		    page_t(r, "deadline.hours"));
	if (h > 0)
		return arena_printf(r->a, "%lld %s", (long long)h,
		    page_t(r, "deadline.hours"));
	return arena_printf(r->a, "%lld %s", (long long)(m > 0 ? m : 1),
	    page_t(r, "deadline.minutes"));
}

/* The last instant a step is on time: one second before due_at, so a
 * working-day deadline shows its own day (23:59), not the next midnight. */
static const char *
due_text(struct req *r, int64_t due)
{
	return page_date(r, due - 1, 1);
}

/* ---------------------------------------------------------------- my work */

/* The follow-up checks due after closure (svc/closure.c) and, for a
 * supervisor, the transfers waiting for the unit to accept them. */
static void
work_closure(struct req *r, struct tval *d)
{
	struct follow_up_item *f;
	struct tval *l = tv_list(r->a), *t;
	struct svc s = r->svc;
	int64_t transfers = 0, at;
	size_t n = 0, i;

	if (closure_work(&s, &f, &n, &transfers) != SVC_OK)
		return;
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", f[i].case_id);
		tv_set_str(t, "number", f[i].number);
		tv_set_str(t, "child", f[i].child);
		tv_set_str(t, "worker", f[i].worker);
		if (clock_parse_date(f[i].date, &at) == 0)
			tv_set_str(t, "due", page_date(r, at, 0));
		if (f[i].overdue)
			tv_set_bool(t, "overdue", 1);
		if (!f[i].mine)
			tv_set_bool(t, "unit", 1);
		tv_push(l, t);
	}
	tv_set(d, "follow_ups", l);
	if (transfers > 0)
		tv_set_str(d, "transfers_waiting", page_num(r, transfers));
}

void
web_work(struct req *r)
{
	struct tval *d = page_data(r, "work.title"), *rows = tv_list(r->a), *t;
	struct work_item *w;
	size_t n = 0, i, overdue = 0, today = 0;
	int64_t now = clock_now();
	int cases = authz_allows(r->actor, PERM_CASE_READ, NULL);
	enum svc_rc rc;

	/* A table member or a provider's user has tasks and referrals
	 * here, and no case deadlines. */
	if (cases && (rc = deadline_work(&r->svc, &w, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", w[i].case_id);
		tv_set_str(t, "number", w[i].number);
		tv_set_str(t, "child", w[i].child);
		tv_set_str(t, "step", step_label(r, w[i].step));
		tv_set_str(t, "due", due_text(r, w[i].due_at));
		tv_set_str(t, "risk", page_t(r, arena_printf(r->a, "risk.%s",
		    *w[i].risk ? w[i].risk : "none")));
		tv_set_str(t, "worker", w[i].worker);
		if (w[i].overdue) {
			overdue++;
			tv_set_bool(t, "overdue", 1);
			tv_set_str(t, "late", span(r, now - w[i].due_at));
		} else if (w[i].today) {
			today++;
			tv_set_bool(t, "today", 1);
		}
		if (w[i].escalated_at)
			tv_set_str(t, "escalated", page_date(r,
			    w[i].escalated_at, 1));
		if (!w[i].mine)
			tv_set_bool(t, "unit", 1);
		tv_push(rows, t);
	}
	tv_set(d, "items", rows);
	if (cases) {
		tv_set_bool(d, "cases", 1);
		work_closure(r, d);
	}
	if (authz_allows(r->actor, PERM_CONFERENCE, NULL))
		tv_set_bool(d, "conference", 1);
	web_conference_work(r, d);
	web_protect_work(r, d);
	web_referral_work(r, d);
	tv_set_str(d, "overdue", page_num(r, (int64_t)overdue));
	tv_set_str(d, "today", page_num(r, (int64_t)today));
	if (authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL))
		tv_set_bool(d, "supervisor", 1);
	page_render(r, "work", d);
}

/* ---------------------------------------------------------------- a case */

void
web_work_case_deadlines(struct req *r, struct tval *d, int64_t id)
{
	struct deadline_info *v;
	struct tval *l = tv_list(r->a), *t;
	size_t n = 0, i;
	int64_t now = clock_now();
	int contact_open = 1;
	struct svc s = r->svc;

	if (deadline_case_list(&s, id, &v, &n) != SVC_OK)
		return;
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "step", step_label(r, v[i].step));
		if (v[i].due_at)
			tv_set_str(t, "due", due_text(r, v[i].due_at));
		if (v[i].done_at)
			tv_set_str(t, "done", page_date(r, v[i].done_at, 1));
		if (v[i].overdue) {
			tv_set_bool(t, "overdue", 1);
			tv_set_str(t, "late", span(r, now - v[i].due_at));
		}
		if (v[i].late)
			tv_set_bool(t, "late_done", 1);
		if (v[i].escalated_at)
			tv_set_str(t, "escalated", page_date(r,
			    v[i].escalated_at, 1));
		if (strcmp(v[i].step, "first_contact") == 0 && v[i].done_at)
			contact_open = 0;
		tv_push(l, t);
	}
	tv_set(d, "deadlines", l);
	if (n > 0)
		tv_set_int(d, "rule_version", v[0].rule_version);
	if (contact_open && authz_allows(r->actor, PERM_CASE_WRITE, NULL))
		tv_set_bool(d, "can_contact", 1);
}

/* date (dd.mm.yyyy or yyyy-mm-dd) and time (HH:MM, "" = 00:00) as Unix
 * seconds; -1 when the time is malformed. */
static int64_t
when(const char *date, const char *time)
{
	int64_t t;
	int h = 0, m = 0;
	char extra;

	if (clock_parse_date(date, &t) != 0)
		return -1;
	if (time != NULL && *time != '\0' && (strlen(time) != 5 ||
	    sscanf(time, "%2d:%2d%c", &h, &m, &extra) != 2 || time[2] != ':' ||
	    h < 0 || h > 23 || m < 0 || m > 59))
		return -1;
	return t + 3600 * h + 60 * m;
}

void
web_case_contact(struct req *r)
{
	int64_t id = req_param_id(r, 0), t;
	enum svc_rc rc;

	if ((t = when(req_str(r, "date"), req_str(r, "time"))) < 0) {
		r->status = 400;
		req_add_error(r, "time", "error.field.invalid");
		web_case_view(r);
		return;
	}
	rc = deadline_contact(&r->svc, id, t);
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_case_view(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/cases/%lld", (long long)id),
	    "flash.case_contact");
}

/* ---------------------------------------------------------------- holidays */

static int
this_year(void)
{
	int32_t d;
	int y, m, day;

	if (cal_date_of(clock_now(), &d) != CAL_OK)
		return 2026;
	cal_date_to_ymd(d, &y, &m, &day);
	return y;
}

static void
holidays_page(struct req *r)
{
	struct tval *d = page_data(r, "holidays.title"), *l, *t, *v;
	struct holiday_day *h;
	struct holiday_extra_info *x;
	const char *own = deadline_admin_country(r->actor);
	const char *country = req_str(r, "country");
	int year = req_has(r, "year") ? (int)req_int(r, "year") : this_year();
	int status = r->status;
	size_t n, nx, i;
	enum svc_rc rc;

	/* The form shown again after a field error may hold anything. */
	if (strcmp(country, "XK") != 0 && strcmp(country, "AL") != 0)
		country = own ? own : "XK";
	if (year < 1990 || year > 2100)
		year = this_year();
	if ((rc = deadline_holidays(&r->svc, country, year, &h, &n, &x, &nx)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	tv_set_str(d, "country", country);
	tv_set_int(d, "year", year);
	tv_set_int(d, "prev", year - 1);
	tv_set_int(d, "next", year + 1);
	l = tv_list(r->a);
	/* A country-bound administrator has one calendar; a sysadmin both. */
	if (own == NULL || strcmp(own, "XK") == 0)
		tv_push(l, page_option(r, "XK", page_t(r, "country.XK"),
		    strcmp(country, "XK") == 0));
	if (own == NULL || strcmp(own, "AL") == 0)
		tv_push(l, page_option(r, "AL", page_t(r, "country.AL"),
		    strcmp(country, "AL") == 0));
	tv_set(d, "countries", l);
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		int64_t mid;

		t = tv_obj(r->a);
		if (cal_date_midnight(h[i].date, &mid) == CAL_OK)
			tv_set_str(t, "date", page_date(r, mid, 0));
		tv_set_str(t, "weekday", page_t(r, arena_printf(r->a,
		    "weekday.%d", cal_weekday(h[i].date))));
		tv_set_str(t, "name", h[i].extra ? page_t(r,
		    "holidays.extra") : h[i].name);
		if (h[i].holiday != h[i].date &&
		    cal_date_midnight(h[i].holiday, &mid) == CAL_OK)
			tv_set_str(t, "moved", page_date(r, mid, 0));
		tv_push(l, t);
	}
	tv_set(d, "days", l);
	l = tv_list(r->a);
	for (i = 0; i < nx; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "date", x[i].date);
		tv_set_str(t, "name", x[i].name);
		tv_set_str(t, "kind", page_t(r, x[i].cancel ?
		    "holidays.cancelled" : "holidays.added"));
		if (x[i].cancel)
			tv_set_bool(t, "cancel", 1);
		tv_set_str(t, "author", x[i].author);
		tv_set_str(t, "at", page_date(r, x[i].at, 1));
		tv_push(l, t);
	}
	tv_set(d, "extras", l);
	v = tv_obj(r->a);
	tv_set_str(v, "date", req_str(r, "date"));
	tv_set_str(v, "name", req_str(r, "name"));
	tv_set(d, "v", v);
	page_errors(r, d);
	page_render(r, "holidays", d);
}

void
web_holidays(struct req *r)
{
	holidays_page(r);
}

void
web_holiday_add(struct req *r)
{
	const char *country = req_str(r, "country");
	enum svc_rc rc;

	rc = deadline_holiday_add(&r->svc, country, req_str(r, "date"),
	    strcmp(req_str(r, "kind"), "cancel") == 0, req_bool(r, "shift"),
	    req_str(r, "name"));
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		holidays_page(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/holidays?country=%s&year=%.4s",
	    country, strchr(req_str(r, "date"), '-') ? req_str(r, "date") :
	    req_str(r, "date") + 6), "flash.saved");
}
