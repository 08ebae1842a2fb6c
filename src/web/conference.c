/*
 * conference.c — the HTML side of case conferences (web layer): the list
 * of meetings with the actor's tasks (conference_list.html), the form to
 * convene one (conference_new.html), the meeting page with its forms
 * (conference_view.html), the minutes (procesverbal) as a print view
 * (conference_minutes.html) and as a PDF (doc/pdf.h, laid out like
 * web/documents.c), and the tasks section of "my work". Thin: validated
 * input -> svc/conference.c -> templates.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/pdf.h"
#include "../svc/conference.h"
#include "../svc/plan.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "render.h"
#include "web_conference.h"
#include "web_documents.h"

/* ---------------------------------------------------------------- helpers */

static const char *
label(struct req *r, const char *group, const char *code)
{
	return page_t(r, arena_printf(r->a, "conference.%s.%s", group, code));
}


static const char *
risk_text(struct req *r, const char *risk)
{
	return page_t(r, arena_printf(r->a, "risk.%s", risk && *risk ? risk :
	    "none"));
}

static const char *
cf_url(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/conferences/%lld", (long long)id);
}


/* The options of a closed list labelled PREFIX.CODE, cur selected. */
static struct tval *
choices(struct req *r, const char *prefix, const char *const *set,
    const char *cur)
{
	struct tval *l = tv_list(r->a);

	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_t(r, arena_printf(r->a,
		    "%s.%s", prefix, *set)), strcmp(cur, *set) == 0));
	return l;
}

static struct tval *
head_obj(struct req *r, const struct conf_info *c)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", c->id);
	tv_set_str(t, "kind", label(r, "kind", c->kind));
	tv_set_str(t, "when", page_date(r, c->starts_at, 1));
	tv_set_str(t, "place", c->place);
	tv_set_str(t, "admin_unit", c->admin_unit);
	tv_set_str(t, "convenor", c->convenor);
	tv_set_str(t, "unit", c->agency_name);
	tv_set_str(t, "municipality", r->lang == LANG_SR ? c->municipality_sr :
	    c->municipality_sq);
	tv_set_str(t, "status", label(r, "status", c->status));
	if (strcmp(c->status, "planned") == 0)
		tv_set_bool(t, "planned", 1);
	tv_set_str(t, "held", c->held_at ? page_date(r, c->held_at, 1) : "");
	tv_set_str(t, "next", page_day(r, c->next_on));
	tv_set_int(t, "version", c->version);
	tv_set_int(t, "ncases", c->ncases);
	return t;
}

static struct tval *
task_obj(struct req *r, const struct conf_task_info *k, int may_close)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", k->id);
	tv_set_int(t, "conference_id", k->conference_id);
	tv_set_int(t, "agenda_id", k->agenda_id);
	tv_set_int(t, "case_id", k->case_id);
	tv_set_str(t, "number", k->number);
	tv_set_str(t, "what", k->what);
	tv_set_str(t, "owner", k->owner);
	tv_set_str(t, "due", page_day(r, k->due_on));
	tv_set_str(t, "status", label(r, "task_status", k->status));
	tv_set_str(t, "meeting", page_date(r, k->starts_at, 0));
	if (k->overdue)
		tv_set_bool(t, "overdue", 1);
	if (may_close && strcmp(k->status, "open") == 0)
		tv_set_bool(t, "can_close", 1);
	return t;
}

/* After a write: the page again with the error (400/409), the failure
 * page, or a redirect with a flash. */
static void
after(struct req *r, enum svc_rc rc, void (*again)(struct req *),
    const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0)
			req_add_error(r, NULL, "conference.err.case_conflict");
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

/* ---------------------------------------------------------------- my work */

void
web_conference_work(struct req *r, struct tval *d)
{
	struct conf_task_info *k;
	struct tval *l = tv_list(r->a);
	struct svc s = r->svc;
	size_t n = 0, i;

	if (conference_my_tasks(&s, &k, &n) != SVC_OK)
		return;
	for (i = 0; i < n; i++)
		tv_push(l, task_obj(r, &k[i], 1));
	tv_set(d, "cf_tasks", l);
	if (n == 0)
		tv_set_bool(d, "cf_no_tasks", 1);
}

/* ---------------------------------------------------------------- list */

void
web_cf_list(struct req *r)
{
	struct tval *d = page_data(r, "conference.list.title"), *l, *t;
	struct conf_info *c;
	size_t n = 0, i;
	enum svc_rc rc;

	if ((rc = conference_list(&r->svc, &c, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = head_obj(r, &c[i]);
		tv_push(l, t);
	}
	tv_set(d, "meetings", l);
	if (authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL))
		tv_set_bool(d, "can_convene", 1);
	web_conference_work(r, d);
	page_render(r, "conference_list", d);
}

/* ---------------------------------------------------------------- new */

void
web_cf_new(struct req *r)
{
	struct tval *d = page_data(r, "conference.new.title"), *v = tv_obj(r->a);

	tv_set_str(v, "date", page_posted(r, "date", page_date(r, clock_now() +
	    86400, 0)));
	tv_set_str(v, "time", page_posted(r, "time", "10:00"));
	tv_set_str(v, "place", page_posted(r, "place", ""));
	tv_set(d, "v", v);
	{
		const char **u, *cur = page_posted(r, "admin_unit", "");
		struct tval *l;
		size_t n, i;
		struct svc s = r->svc;

		if (conference_units(&s, &u, &n) == SVC_OK && n > 0) {
			l = tv_list(r->a);
			tv_push(l, page_option(r, "", page_t(r,
			    "conference.field.whole_municipality"),
			    *cur == '\0'));
			for (i = 0; i < n; i++)
				tv_push(l, page_option(r, u[i], u[i],
				    strcmp(cur, u[i]) == 0));
			tv_set(d, "units", l);
		}
	}
	tv_set_str(d, "kind", label(r, "kind", r->actor->country != NULL &&
	    strcmp(r->actor->country, "AL") == 0 ? "gtn" : "tmr"));
	page_errors(r, d);
	page_render(r, "conference_new", d);
}

void
web_cf_create(struct req *r)
{
	struct conf_new n;
	int64_t id = 0;
	enum svc_rc rc;

	n.date = req_str(r, "date");
	n.time = req_str(r, "time");
	n.place = req_str(r, "place");
	n.admin_unit = req_str(r, "admin_unit");
	rc = conference_create(&r->svc, &n, &id);
	after(r, rc, web_cf_new, cf_url(r, id), "conference.flash.created");
}

/* ---------------------------------------------------------------- view */

static void
fill_invitees(struct req *r, struct tval *d, const struct conf_full *f,
    int edit)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < f->ninvitees; i++) {
		const struct conf_invitee_info *k = &f->invitees[i];

		t = tv_obj(r->a);
		tv_set_int(t, "id", k->id);
		tv_set_str(t, "name", k->name);
		tv_set_str(t, "agency", k->agency);
		tv_set_str(t, "kind", label(r, "invitee", k->kind));
		tv_set_str(t, "attendance", label(r, "attendance",
		    k->attendance));
		if (edit) {
			tv_set(t, "choices", choices(r, "conference.attendance",
			    conf_attendance_codes, k->attendance));
			if (strcmp(f->c.status, "planned") == 0)
				tv_set_bool(t, "can_remove", 1);
		}
		tv_push(l, t);
	}
	tv_set(d, "invitees", l);
}

/* The owners a task of the agenda case k may have: the invited users and
 * the case's worker. */
static struct tval *
owners(struct req *r, const struct conf_full *f, const struct conf_case_info *k)
{
	struct tval *l = tv_list(r->a);
	const char *cur = page_posted(r, "owner", "");
	size_t i;
	int worker_listed = 0;

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), !*cur));
	for (i = 0; i < f->ninvitees; i++) {
		const struct conf_invitee_info *u = &f->invitees[i];
		const char *v;

		if (u->user_id == 0)
			continue;
		v = arena_printf(r->a, "%lld", (long long)u->user_id);
		if (u->user_id == k->worker_id)
			worker_listed = 1;
		tv_push(l, page_option(r, v, arena_printf(r->a, "%s (%s)",
		    u->name, u->agency), strcmp(cur, v) == 0));
	}
	if (k->worker_id != 0 && !worker_listed) {
		const char *v = arena_printf(r->a, "%lld",
		    (long long)k->worker_id);

		tv_push(l, page_option(r, v, arena_printf(r->a, "%s (%s)",
		    k->worker, page_t(r, "case.worker")), strcmp(cur, v) == 0));
	}
	return l;
}

static struct tval *
case_obj(struct req *r, const struct conf_full *f,
    const struct conf_case_info *k)
{
	struct tval *t = tv_obj(r->a), *tl = tv_list(r->a);
	size_t i;

	tv_set_int(t, "id", k->id);
	tv_set_int(t, "case_id", k->case_id);
	tv_set_str(t, "number", k->number);
	tv_set_str(t, "child", k->child);
	if (k->age >= 0)
		tv_set_int(t, "age", k->age);
	tv_set_str(t, "concerns", k->concerns);
	tv_set_str(t, "risk", risk_text(r, k->risk));
	tv_set_str(t, "status", page_t(r, arena_printf(r->a, "status.%s",
	    k->status)));
	tv_set_str(t, "worker", k->worker);
	if (k->proposed)
		tv_set_bool(t, "proposed", 1);
	if (k->full) {
		tv_set_bool(t, "full", 1);
		tv_set_str(t, "decisions", k->decisions);
		if (*k->measure)
			tv_set_str(t, "measure", page_t(r, arena_printf(r->a,
			    "plan.measure.%s", k->measure)));
	}
	for (i = 0; i < f->ntasks; i++)
		if (f->tasks[i].agenda_id == k->id)
			tv_push(tl, task_obj(r, &f->tasks[i], f->convene ||
			    f->tasks[i].owner_id == r->actor->id));
	tv_set(t, "tasks", tl);
	if (f->convene) {
		int64_t aid = req_param_id(r, 1);
		int mine = r->method == M_POST && aid == k->id;

		tv_set(t, "measures", choices(r, "plan.measure", plan_measures,
		    mine ? req_str(r, "measure") : k->measure));
		tv_set_str(t, "v_decisions", mine && req_has(r, "decisions") ?
		    req_str(r, "decisions") : k->decisions);
		tv_set(t, "owners", owners(r, f, k));
		tv_set_str(t, "v_what", mine ? req_str(r, "what") : "");
		tv_set_str(t, "v_due", mine ? req_str(r, "due_on") : "");
		if (strcmp(f->c.status, "planned") == 0)
			tv_set_bool(t, "can_remove", 1);
	}
	return t;
}

static void
view_page(struct req *r)
{
	struct conf_full *f;
	struct tval *d, *l, *t;
	int status = r->status;
	size_t i;
	enum svc_rc rc;

	if ((rc = conference_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "conference.view.title");
	tv_set(d, "m", head_obj(r, &f->c));
	if (f->convene) {
		tv_set_bool(d, "convene", 1);
		tv_set_str(d, "v_next", page_posted(r, "next_on", ""));
	}
	if (f->member)
		tv_set_bool(d, "member", 1);
	fill_invitees(r, d, f, f->convene);
	l = tv_list(r->a);
	for (i = 0; i < f->ncases; i++)
		tv_push(l, case_obj(r, f, &f->cases[i]));
	tv_set(d, "cases", l);
	if (f->hidden)
		tv_set_int(d, "hidden", (int64_t)f->hidden);
	if (f->member) {
		l = tv_list(r->a);
		for (i = 0; i < f->ntasks; i++)
			tv_push(l, task_obj(r, &f->tasks[i], 1));
		tv_set(d, "my_tasks", l);
	}
	if (f->convene && strcmp(f->c.status, "planned") == 0) {
		tv_set_bool(d, "can_plan", 1);
		l = tv_list(r->a);
		for (i = 0; i < f->ncandidates; i++) {
			t = tv_obj(r->a);
			tv_set_str(t, "number", f->candidates[i].number);
			tv_set_str(t, "child", f->candidates[i].child);
			tv_set_str(t, "risk", risk_text(r,
			    f->candidates[i].risk));
			tv_push(l, t);
		}
		tv_set(d, "candidates", l);
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "common.choose"), 1));
		for (i = 0; i < f->nusers; i++)
			tv_push(l, page_option(r, arena_printf(r->a, "%lld",
			    (long long)f->users[i].id), arena_printf(r->a,
			    "%s (%s)", f->users[i].name, f->users[i].agency), 0));
		tv_set(d, "users", l);
		tv_set(d, "guest_kinds", choices(r, "conference.invitee",
		    conf_guest_kinds, page_posted(r, "kind", "parent")));
		tv_set_str(d, "v_name", page_posted(r, "name", ""));
		tv_set_str(d, "v_number", page_posted(r, "number", ""));
	}
	page_errors(r, d);
	page_render(r, "conference_view", d);
}

void
web_cf_view(struct req *r)
{
	view_page(r);
}

/* ---------------------------------------------------------------- writes */

void
web_cf_invite(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_invite(&r->svc, id, req_int(r, "user")), view_page,
	    cf_url(r, id), "conference.flash.invited");
}

void
web_cf_guest(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_guest(&r->svc, id, req_str(r, "kind"),
	    req_str(r, "name")), view_page, cf_url(r, id),
	    "conference.flash.invited");
}

void
web_cf_uninvite(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_uninvite(&r->svc, id, req_param_id(r, 1)),
	    view_page, cf_url(r, id), "conference.flash.saved");
}

void
web_cf_attendance(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_attendance(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "attendance")), view_page, cf_url(r, id),
	    "conference.flash.saved");
}

void
web_cf_agenda_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_agenda_add(&r->svc, id, req_str(r, "number")),
	    view_page, cf_url(r, id), "conference.flash.agenda");
}

void
web_cf_agenda_remove(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_agenda_remove(&r->svc, id, req_param_id(r, 1)),
	    view_page, cf_url(r, id), "conference.flash.agenda");
}

void
web_cf_decision(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_decision(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "decisions"), req_str(r, "measure")), view_page,
	    cf_url(r, id), "conference.flash.saved");
}

void
web_cf_task_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_task_add(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "what"), req_int(r, "owner"), req_str(r, "due_on"),
	    NULL), view_page, cf_url(r, id), "conference.flash.task");
}

void
web_cf_task_done(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	const char *to = req_str(r, "back");

	/* Back to "my work" or the list when the button was there. */
	if (strcmp(to, "work") == 0)
		to = "/work";
	else if (strcmp(to, "list") == 0)
		to = "/conferences";
	else
		to = cf_url(r, id);
	after(r, conference_task_done(&r->svc, id, req_param_id(r, 1)),
	    view_page, to, "conference.flash.task_done");
}

void
web_cf_hold(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_hold(&r->svc, id, req_str(r, "next_on"),
	    req_int(r, "version")), view_page, cf_url(r, id),
	    "conference.flash.held");
}

/* ---------------------------------------------------------------- minutes */

/* One model for the print view and the PDF: the same lines in both. */
struct mline {
	const char	*k, *v;
};

static const char *
attendance_line(struct req *r, const struct conf_invitee_info *k)
{
	if (*k->agency)
		return arena_printf(r->a, "%s, %s", k->agency,
		    label(r, "attendance", k->attendance));
	return arena_printf(r->a, "%s, %s", label(r, "invitee", k->kind),
	    label(r, "attendance", k->attendance));
}

static const char *
case_line(struct req *r, const struct conf_case_info *k)
{
	return arena_printf(r->a, "%s · %s%s · %s: %s · %s", k->number,
	    k->child, k->age >= 0 ? arena_printf(r->a, " (%d)", k->age) : "",
	    page_t(r, "case.risk"), risk_text(r, k->risk), page_t(r,
	    arena_printf(r->a, "status.%s", k->status)));
}

static const char *
task_line(struct req *r, const struct conf_task_info *t)
{
	return arena_printf(r->a, "%s — %s, %s %s (%s)", t->what, t->owner,
	    page_t(r, "conference.task.due"), page_day(r, t->due_on),
	    label(r, "task_status", t->status));
}

static const char *
minutes_title(struct req *r, const struct conf_full *f)
{
	return arena_printf(r->a, "%s — %s", page_t(r,
	    "conference.minutes.title"), label(r, "kind", f->c.kind));
}

static void
minutes_html(struct req *r, const struct conf_full *f)
{
	struct tval *d = page_data(r, NULL), *l, *t, *tl;
	size_t i, j;

	tv_set_str(d, "title", minutes_title(r, f));
	tv_set(d, "m", head_obj(r, &f->c));
	l = tv_list(r->a);
	for (i = 0; i < f->ninvitees; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "name", f->invitees[i].name);
		tv_set_str(t, "line", attendance_line(r, &f->invitees[i]));
		tv_push(l, t);
	}
	tv_set(d, "invitees", l);
	l = tv_list(r->a);
	for (i = 0; i < f->ncases; i++) {
		const struct conf_case_info *k = &f->cases[i];

		t = tv_obj(r->a);
		tv_set_str(t, "line", case_line(r, k));
		tv_set_str(t, "concerns", k->concerns);
		tv_set_str(t, "decisions", k->decisions);
		tv_set_str(t, "measure", page_t(r, arena_printf(r->a,
		    "plan.measure.%s", *k->measure ? k->measure : "none")));
		tl = tv_list(r->a);
		for (j = 0; j < f->ntasks; j++)
			if (f->tasks[j].agenda_id == k->id) {
				struct tval *x = tv_obj(r->a);

				tv_set_str(x, "line", task_line(r,
				    &f->tasks[j]));
				tv_push(tl, x);
			}
		tv_set(t, "tasks", tl);
		tv_push(l, t);
	}
	tv_set(d, "cases", l);
	page_render(r, "conference_minutes", d);
}

static void
minutes_pdf(struct req *r, const struct conf_full *f)
{
	struct pdf_doc *p;
	const char *title = minutes_title(r, f);
	size_t i, j;

	if (!r->app->fonts.ok) {
		http_error(r, 503, "doc.err.font");
		return;
	}
	if ((p = pdf_doc_new(r->a, title, title, page_t(r,
	    "conference.minutes.footer"), page_t(r, "doc.page"))) == NULL) {
		http_error(r, 413, "error.toobig");
		return;
	}
	pdf_subtitle(p, arena_printf(r->a, "%s · %s", f->c.agency_name,
	    r->lang == LANG_SR ? f->c.municipality_sr :
	    f->c.municipality_sq));
	pdf_heading(p, page_t(r, "conference.minutes.meeting"));
	pdf_kv(p, page_t(r, "conference.field.when"), page_date(r,
	    f->c.starts_at, 1));
	pdf_kv(p, page_t(r, "conference.field.place"), f->c.place);
	if (*f->c.admin_unit)
		pdf_kv(p, page_t(r, "conference.field.admin_unit"),
		    f->c.admin_unit);
	pdf_kv(p, page_t(r, "conference.field.convenor"), f->c.convenor);
	pdf_kv(p, page_t(r, "conference.field.status"), label(r, "status",
	    f->c.status));
	pdf_kv(p, page_t(r, "conference.field.next"), page_day(r,
	    f->c.next_on));
	pdf_heading(p, page_t(r, "conference.minutes.attendance"));
	for (i = 0; i < f->ninvitees; i++)
		pdf_kv(p, f->invitees[i].name, attendance_line(r,
		    &f->invitees[i]));
	if (f->ninvitees == 0)
		pdf_para(p, page_t(r, "conference.none"));
	pdf_heading(p, page_t(r, "conference.minutes.cases"));
	for (i = 0; i < f->ncases; i++) {
		const struct conf_case_info *k = &f->cases[i];

		pdf_subheading(p, case_line(r, k));
		pdf_kv(p, page_t(r, "conference.field.concerns"), k->concerns);
		pdf_kv(p, page_t(r, "conference.field.measure"), page_t(r,
		    arena_printf(r->a, "plan.measure.%s", *k->measure ?
		    k->measure : "none")));
		pdf_para(p, *k->decisions ? k->decisions : page_t(r,
		    "conference.no_decisions"));
		for (j = 0; j < f->ntasks; j++)
			if (f->tasks[j].agenda_id == k->id)
				pdf_bullet(p, task_line(r, &f->tasks[j]));
	}
	pdf_signatures(p, page_t(r, "conference.minutes.sign_convenor"),
	    f->c.convenor, page_t(r, "conference.minutes.sign_recorder"), "",
	    page_t(r, "doc.sign_date"));
	web_pdf_answer(r, p, arena_printf(r->a, "procesverbal-%lld.pdf",
	    (long long)f->c.id));
}

static void
minutes(struct req *r, int as_pdf)
{
	struct conf_full *f;
	enum svc_rc rc;

	if ((rc = conference_minutes(&r->svc, req_param_id(r, 0), as_pdf ?
	    "pdf" : "html", &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (as_pdf)
		minutes_pdf(r, f);
	else
		minutes_html(r, f);
}

void
web_cf_minutes(struct req *r)
{
	minutes(r, 0);
}

void
web_cf_minutes_pdf(struct req *r)
{
	minutes(r, 1);
}
