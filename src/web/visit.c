/*
 * visit.c — the HTML side of systematic visits (web layer): the list with
 * its filters (templates/visit_list.html), planning a visit
 * (visit_new.html), a visit with its record, cancellation and the
 * children identified on it (visit_view.html). Thin: validated input ->
 * svc/visit.c -> templates.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/reference.h"
#include "../svc/visit.h"
#include "../util/clock.h"
#include "render.h"
#include "web_visit.h"

static const char *
label(struct req *r, const char *group, const char *code)
{
	return page_t(r, arena_printf(r->a, "visit.%s.%s", group, code));
}


/* The options of a closed list, cur selected; a first "any"/"choose"
 * option with key first when not NULL. */
static struct tval *
choices(struct req *r, const char *group, const char *const *set,
    const char *cur, const char *first)
{
	struct tval *l = tv_list(r->a);

	if (first != NULL)
		tv_push(l, page_option(r, "", page_t(r, first), !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, label(r, group, *set),
		    strcmp(cur, *set) == 0));
	return l;
}


/* ---------------------------------------------------------------- list */

static const char *
page_link(struct req *r, const struct visit_query *q, int page)
{
	return arena_printf(r->a, "/visits?kind=%s&status=%s&month=%s&page=%d",
	    page_urlenc(r, q->kind), page_urlenc(r, q->status),
	    page_urlenc(r, q->month), page);
}

void
web_visit_list(struct req *r)
{
	struct visit_query q;
	struct visit_info *v;
	struct tval *d, *l, *o, *f;
	char today[16];
	int64_t total;
	size_t n, i;
	enum svc_rc rc;

	memset(&q, 0, sizeof(q));
	q.kind = req_str(r, "kind");
	q.status = req_str(r, "status");
	q.month = req_str(r, "month");
	q.page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	d = page_data(r, "visit.list.title");
	if ((rc = visit_list(&r->svc, &q, &v, &n, &total)) != SVC_OK) {
		if (rc != SVC_INVALID) {
			page_fail(r, rc, &r->svc.err);
			return;
		}
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		page_errors(r, d);
		n = 0;
		total = 0;
	}
	clock_format(clock_now(), 0, today, sizeof(today));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		o = tv_obj(r->a);
		tv_set_int(o, "id", v[i].id);
		tv_set_str(o, "date", page_day(r, v[i].date));
		if (strcmp(page_day(r, v[i].date), today) == 0 &&
		    strcmp(v[i].status, "planned") == 0)
			tv_set_bool(o, "today", 1);
		tv_set_str(o, "kind", label(r, "kind", v[i].kind));
		tv_set_str(o, "place", v[i].place);
		tv_set_str(o, "status", label(r, "status", v[i].status));
		tv_set_int(o, "nreports", v[i].nreports);
		tv_push(l, o);
	}
	tv_set(d, "visits", l);
	tv_set_int(d, "total", total);
	f = tv_obj(r->a);
	tv_set_str(f, "month", q.month);
	tv_set(d, "f", f);
	tv_set(d, "kinds", choices(r, "kind", visit_kinds, q.kind,
	    "case.any"));
	tv_set(d, "statuses", choices(r, "status", visit_statuses, q.status,
	    "case.any"));
	if (q.page > 1)
		tv_set_str(d, "prev", page_link(r, &q, q.page - 1));
	if ((int64_t)q.page * VISIT_PAGE_SIZE < total)
		tv_set_str(d, "next", page_link(r, &q, q.page + 1));
	page_render(r, "visit_list", d);
}

/* ---------------------------------------------------------------- new */

static struct tval *
workers(struct req *r, const struct visit_person *w, size_t n,
    const char *cur)
{
	struct tval *l = tv_list(r->a);
	const char *id;
	size_t i;

	tv_push(l, page_option(r, "", "—", !*cur));
	for (i = 0; i < n; i++) {
		id = arena_printf(r->a, "%lld", (long long)w[i].id);
		tv_push(l, page_option(r, id, w[i].name, strcmp(id, cur) == 0));
	}
	return l;
}

void
web_visit_form(struct req *r)
{
	struct visit_person *w = NULL;
	struct tval *d, *v;
	struct svc s = r->svc;
	int status = r->status;
	char me[24];
	size_t n = 0;
	enum svc_rc rc;

	if ((rc = visit_workers(&s, &w, &n)) != SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	r->status = status;
	d = page_data(r, "visit.new.title");
	tv_set_str(d, "municipality", r->actor->agency_name);
	v = tv_obj(r->a);
	tv_set_str(v, "date", page_posted(r, "date", ""));
	tv_set_str(v, "place", page_posted(r, "place", ""));
	tv_set_str(v, "health_names", page_posted(r, "health_names", ""));
	tv_set_str(v, "health_institution", page_posted(r, "health_institution",
	    ""));
	tv_set_str(v, "others", page_posted(r, "others", ""));
	tv_set(d, "v", v);
	tv_set(d, "kinds", choices(r, "kind", visit_kinds, page_posted(r, "kind",
	    ""), "common.choose"));
	snprintf(me, sizeof(me), "%lld", (long long)r->actor->id);
	tv_set(d, "workers1", workers(r, w, n, page_posted(r, "worker1", me)));
	tv_set(d, "workers2", workers(r, w, n, page_posted(r, "worker2", "")));
	tv_set(d, "workers3", workers(r, w, n, page_posted(r, "worker3", "")));
	page_errors(r, d);
	page_render(r, "visit_new", d);
}

void
web_visit_create(struct req *r)
{
	static const char *const wf[] = { "worker1", "worker2", "worker3" };
	struct visit_new n;
	int64_t ids[3], id = 0;
	size_t i, j, k = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.kind = req_str(r, "kind");
	n.date = req_str(r, "date");
	n.place = req_str(r, "place");
	n.health_names = req_str(r, "health_names");
	n.health_institution = req_str(r, "health_institution");
	n.others = req_str(r, "others");
	for (i = 0; i < 3; i++) {
		int64_t u = req_int(r, wf[i]);

		for (j = 0; j < k && ids[j] != u; j++)
			;
		if (u > 0 && j == k)
			ids[k++] = u;
	}
	n.participants = ids;
	n.nparticipants = k;
	if ((rc = visit_create(&r->svc, &n, &id)) == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_visit_form(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/visits/%lld", (long long)id),
	    "flash.visit_planned");
}

/* ---------------------------------------------------------------- view */

void
web_visit_view(struct req *r)
{
	struct visit_full *vf;
	struct concern_info *ci;
	struct tval *d, *v, *l, *o, *f;
	struct svc s = r->svc;
	int status = r->status, begun;
	char today[16];
	size_t i, nci = 0;
	enum svc_rc rc;

	if ((rc = visit_get(&s, req_param_id(r, 0), &vf)) != SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	r->status = status;
	d = page_data(r, "visit.view.title");
	v = tv_obj(r->a);
	tv_set_int(v, "id", vf->v.id);
	tv_set_int(v, "version", vf->v.version);
	tv_set_str(v, "kind", label(r, "kind", vf->v.kind));
	tv_set_str(v, "date", page_day(r, vf->v.date));
	tv_set_str(v, "municipality", r->lang == LANG_SR ?
	    vf->v.municipality_sr : vf->v.municipality_sq);
	tv_set_str(v, "place", vf->v.place);
	tv_set_str(v, "health_names", vf->v.health_names);
	tv_set_str(v, "health_institution", vf->v.health_institution);
	tv_set_str(v, "others", vf->v.others);
	tv_set_str(v, "status", label(r, "status", vf->v.status));
	tv_set_str(v, "cancel_reason", vf->v.cancel_reason);
	tv_set_str(v, "author", vf->v.author);
	if (strcmp(vf->v.status, "done") == 0) {
		tv_set_bool(v, "done", 1);
		tv_set_str(v, "findings", vf->v.findings);
		tv_set_int(v, "seen_f", vf->v.seen_f);
		tv_set_int(v, "seen_m", vf->v.seen_m);
	}
	tv_set(d, "v", v);
	{
		const char *who = vf->v.others;

		const char *next;

		for (i = vf->nparticipants; i > 0; i--) {
			next = *who ? arena_printf(r->a, "%s, %s",
			    vf->participants[i - 1].name, who) :
			    vf->participants[i - 1].name;
			if (next == NULL)
				break;
			who = next;
		}
		tv_set_str(d, "participants", who);
	}
	l = tv_list(r->a);
	for (i = 0; i < vf->nreports; i++) {
		o = tv_obj(r->a);
		tv_set_int(o, "id", vf->reports[i].id);
		tv_set_str(o, "received", page_date(r,
		    vf->reports[i].received_at, 0));
		tv_set_str(o, "status", page_t(r, arena_printf(r->a,
		    "report.status.%s", vf->reports[i].status)));
		tv_set_str(o, "number", vf->reports[i].case_number);
		tv_push(l, o);
	}
	tv_set(d, "reports", l);
	clock_format(clock_now(), 0, today, sizeof(today));
	{
		int64_t t1 = 0, t2 = 0;

		(void)clock_parse_date(vf->v.date, &t1);
		(void)clock_parse_date(today, &t2);
		begun = t1 <= t2;
	}
	if (strcmp(vf->v.status, "planned") == 0) {
		tv_set_bool(d, "can_cancel", 1);
		if (begun)
			tv_set_bool(d, "can_done", 1);
	}
	if (strcmp(vf->v.status, "cancelled") != 0 && begun) {
		tv_set_bool(d, "can_identify", 1);
		l = tv_list(r->a);
		if (ref_concerns(&s, &ci, &nci) == SVC_OK)
			for (i = 0; i < nci; i++)
				tv_push(l, page_option(r, ci[i].code,
				    ci[i].label[r->lang < 3 ? r->lang : 0],
				    strcmp(page_posted(r, "concerns", ""),
				    ci[i].code) == 0));
		tv_set(d, "concerns", l);
		l = tv_list(r->a);
		tv_push(l, page_option(r, "u", page_t(r, "sex.u"),
		    strcmp(page_posted(r, "sex", "u"), "u") == 0));
		tv_push(l, page_option(r, "f", page_t(r, "sex.f"),
		    strcmp(page_posted(r, "sex", ""), "f") == 0));
		tv_push(l, page_option(r, "m", page_t(r, "sex.m"),
		    strcmp(page_posted(r, "sex", ""), "m") == 0));
		tv_set(d, "sexes", l);
	}
	f = tv_obj(r->a);
	tv_set_str(f, "findings", page_posted(r, "findings", ""));
	tv_set_str(f, "seen_f", page_posted(r, "seen_f", "0"));
	tv_set_str(f, "seen_m", page_posted(r, "seen_m", "0"));
	tv_set_str(f, "cancel_reason", page_posted(r, "cancel_reason", ""));
	tv_set_str(f, "given_name", page_posted(r, "given_name", ""));
	tv_set_str(f, "family_name", page_posted(r, "family_name", ""));
	tv_set_str(f, "age", page_posted(r, "age", ""));
	tv_set_str(f, "narrative", page_posted(r, "narrative", ""));
	if (r->method == M_POST && req_bool(r, "immediate_danger"))
		tv_set_bool(f, "immediate_danger", 1);
	tv_set(d, "f", f);
	page_errors(r, d);
	page_render(r, "visit_view", d);
}

/* After a write on visit id: the page again with the error, the failure
 * page, or the visit with a flash (to: another place when not NULL). */
static void
after(struct req *r, enum svc_rc rc, const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_visit_view(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to != NULL ? to : arena_printf(r->a, "/visits/%lld",
	    (long long)req_param_id(r, 0)), flash);
}

void
web_visit_done(struct req *r)
{
	after(r, visit_done(&r->svc, req_param_id(r, 0), req_int(r, "version"),
	    req_str(r, "findings"), req_int(r, "seen_f"),
	    req_int(r, "seen_m")), NULL, "flash.visit_done");
}

void
web_visit_cancel(struct req *r)
{
	after(r, visit_cancel(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "cancel_reason")), NULL,
	    "flash.visit_cancelled");
}

void
web_visit_identify(struct req *r)
{
	struct visit_child c;
	const char *k[1];
	int64_t rep = 0;

	memset(&c, 0, sizeof(c));
	c.given = req_str(r, "given_name");
	c.family = req_str(r, "family_name");
	c.parent = req_str(r, "parent_name");
	c.sex = req_str(r, "sex");
	c.birth_date = req_str(r, "birth_date");
	c.age = req_has(r, "age") && *req_str(r, "age") ?
	    (int)req_int(r, "age") : -1;
	c.narrative = req_str(r, "narrative");
	c.immediate_danger = req_bool(r, "immediate_danger");
	k[0] = req_str(r, "concerns");
	c.concerns = k;
	c.nconcerns = 1;
	after(r, visit_identify(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), &c, &rep), NULL, "flash.visit_identified");
}

void
web_visit_of_report(struct req *r, struct tval *d, int64_t report_id)
{
	struct svc s = r->svc;
	const char *kind, *date;
	struct tval *o;
	int64_t id = 0;

	if (visit_of_report(&s, report_id, &id, &kind, &date) != SVC_OK ||
	    id == 0)
		return;
	o = tv_obj(r->a);
	tv_set_int(o, "id", id);
	tv_set_str(o, "kind", label(r, "kind", kind));
	tv_set_str(o, "date", page_day(r, date));
	tv_set(d, "visit", o);
}
