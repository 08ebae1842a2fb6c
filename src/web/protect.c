/*
 * protect.c — the HTML side of protection measures and 72-hour emergency
 * placements (web layer): the protect section of the case page
 * (templates/case_protect.html) with its forms, the running placements for
 * /work, and the writes. Thin: validated input -> svc/protect.c ->
 * templates.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/case.h"
#include "../svc/protect.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_protect.h"

/* ---------------------------------------------------------------- helpers */

static const char *
label(struct req *r, const char *group, const char *code)
{
	return page_t(r, arena_printf(r->a, "protect.%s.%s", group, code));
}


static struct tval *
choices(struct req *r, const char *group, const char *const *set,
    const char *cur)
{
	struct tval *l = tv_list(r->a);

	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, label(r, group, *set),
		    strcmp(cur, *set) == 0));
	return l;
}


/* The catalogue text of key with "%s" replaced by arg. */
static const char *
with_arg(struct req *r, const char *key, const char *arg)
{
	const char *m = page_t(r, key), *p = strstr(m, "%s");

	if (p == NULL)
		return arena_printf(r->a, "%s %s", m, arg);
	return arena_printf(r->a, "%.*s%s%s", (int)(p - m), m, arg, p + 2);
}

/* "14 h 20 min" of seconds. */
static const char *
span(struct req *r, int64_t s)
{
	int64_t m = s / 60;

	if (m < 60)
		return arena_printf(r->a, "%lld min", (long long)m);
	return arena_printf(r->a, "%lld h %lld min", (long long)(m / 60),
	    (long long)(m % 60));
}

/* The countdown of a placement ending at ends: text, red under 12 h or
 * past. */
static void
countdown(struct req *r, struct tval *o, int64_t ends)
{
	int64_t left = ends - clock_now();

	if (left > 0) {
		tv_set_str(o, "countdown", with_arg(r, "protect.expires_in",
		    span(r, left)));
		if (left < PROTECT_RED)
			tv_set_bool(o, "red", 1);
	} else {
		tv_set_str(o, "countdown", with_arg(r, "protect.expired_ago",
		    span(r, -left)));
		tv_set_bool(o, "red", 1);
		tv_set_bool(o, "expired", 1);
	}
}

static const char *
case_url(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/cases/%lld#protect", (long long)id);
}

/* The case page again with the error; or the failure page; or back to the
 * case with a flash. */
static void
after(struct req *r, enum svc_rc rc, int64_t id, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0)
			req_add_error(r, NULL, web_case_conflict(r, id));
		else
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_case_view(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, case_url(r, id), flash);
}

/* ---------------------------------------------------------------- case page */

static struct tval *
measure_obj(struct req *r, const struct measure_info *m, int write)
{
	struct tval *o = tv_obj(r->a);

	tv_set_int(o, "id", m->id);
	tv_set_int(o, "case_id", m->case_id);
	tv_set_str(o, "type", label(r, "type", m->type));
	tv_set_str(o, "decided_by", label(r, "decider", m->decided_by));
	tv_set_str(o, "decision", page_day(r, m->decision_date));
	tv_set_str(o, "submission", page_day(r, m->submission_date));
	tv_set_str(o, "confirmation", page_day(r, m->confirmation_date));
	tv_set_str(o, "expiry", page_day(r, m->expiry_date));
	tv_set_str(o, "status", label(r, "status", m->status));
	if (strcmp(m->status, "expired") == 0)
		tv_set_bool(o, "expired", 1);
	if (*m->end_reason) {
		tv_set_str(o, "end_reason", label(r, "reason", m->end_reason));
		tv_set_str(o, "end_date", page_day(r, m->end_date));
	}
	if (write && strcmp(m->status, "ended") != 0)
		tv_set_bool(o, "can_edit", 1);
	return o;
}

static struct tval *
placement_obj(struct req *r, const struct placement_info *p,
    const struct protect_view *v, int write)
{
	struct tval *o = tv_obj(r->a);
	size_t i;

	tv_set_int(o, "id", p->id);
	tv_set_int(o, "case_id", p->case_id);
	tv_set_str(o, "kind", label(r, "place", p->place_kind));
	tv_set_str(o, "name", p->place_name);
	tv_set_str(o, "started", page_date(r, p->started_at, 1));
	tv_set_str(o, "ends", page_date(r, p->ends_at, 1));
	if (p->ended_at == 0) {
		tv_set_bool(o, "running", 1);
		countdown(r, o, p->ends_at);
		if (write)
			tv_set_bool(o, "can_end", 1);
	} else {
		tv_set_str(o, "ended", page_date(r, p->ended_at, 1));
		if (p->ended_at > p->ends_at)
			tv_set_str(o, "overran", with_arg(r,
			    "protect.overran", span(r, p->ended_at -
			    p->ends_at)));
		tv_set_str(o, "how", label(r, "how", p->end_how));
		for (i = 0; i < v->nmeasures; i++)
			if (v->measures[i].id == p->measure_id)
				tv_set_str(o, "measure", arena_printf(r->a,
				    "%s, %s", label(r, "type",
				    v->measures[i].type), page_day(r,
				    v->measures[i].confirmation_date)));
	}
	return o;
}

void
web_protect_case(struct req *r, struct tval *d, const struct case_full *f)
{
	struct protect_view *v;
	struct tval *o, *l, *m;
	struct svc s = r->svc;
	char stamp[24];
	const char *today, *now;
	int write;
	size_t i;

	if (!protect_offered(f->c.country))
		return;
	if (protect_case(&s, &f->c, &v) != SVC_OK)
		return;
	write = authz_allows(r->actor, PERM_CASE_WRITE, NULL) &&
	    !case_ended(&f->c);
	o = tv_obj(r->a);
	tv_set_bool(o, "offered", 1);
	l = tv_list(r->a);
	for (i = 0; i < v->nmeasures; i++)
		tv_push(l, measure_obj(r, &v->measures[i], write));
	tv_set(o, "measures", l);
	l = tv_list(r->a);
	for (i = 0; i < v->nplacements; i++)
		tv_push(l, placement_obj(r, &v->placements[i], v, write));
	tv_set(o, "placements", l);
	/* The confirmed measures a placement may end by. */
	l = tv_list(r->a);
	for (i = 0; i < v->nmeasures; i++)
		if (strcmp(v->measures[i].status, "confirmed") == 0)
			tv_push(l, page_option(r, arena_printf(r->a, "%lld",
			    (long long)v->measures[i].id), arena_printf(r->a,
			    "%s, %s", label(r, "type", v->measures[i].type),
			    page_day(r, v->measures[i].confirmation_date)),
			    0));
	tv_set(o, "confirmed", l);
	/* In the arena: the template reads these after this returns. */
	clock_format(clock_now(), 1, stamp, sizeof(stamp));
	stamp[10] = '\0';
	today = arena_strdup(r->a, stamp);
	now = arena_strdup(r->a, stamp + 11);
	tv_set_str(o, "today", today);
	tv_set_str(o, "now", now);
	tv_set(o, "hows", choices(r, "how", protect_end_hows,
	    page_posted(r, "end_how", "returned_family")));
	tv_set(o, "reasons", choices(r, "reason", protect_end_reasons, ""));
	if (write) {
		tv_set_bool(o, "can_write", 1);
		for (i = 0; i < v->nplacements && v->placements[i].ended_at;
		    i++)
			;
		if (i == v->nplacements)
			tv_set_bool(o, "can_place", 1);
		tv_set(o, "types", choices(r, "type", protect_measure_types,
		    page_posted(r, "type", "")));
		tv_set(o, "deciders", choices(r, "decider", protect_deciders,
		    page_posted(r, "decided_by", "unit")));
		tv_set(o, "places", choices(r, "place", protect_place_kinds,
		    page_posted(r, "place_kind", "shelter")));
		tv_set_str(o, "place_name", page_posted(r, "place_name", ""));
		tv_set_str(o, "date", page_posted(r, "date", today));
		tv_set_str(o, "time", page_posted(r, "time", now));
		m = tv_obj(r->a);
		tv_set_str(m, "decision_date", page_posted(r, "decision_date", today));
		tv_set_str(m, "submission_date", page_posted(r, "submission_date",
		    ""));
		tv_set_str(m, "confirmation_date", page_posted(r,
		    "confirmation_date", ""));
		tv_set_str(m, "expiry_date", page_posted(r, "expiry_date", ""));
		tv_set(o, "m", m);
		if (r->method == M_POST && r->route != NULL) {
			if (strcmp(r->route->name, "protect.measure.add") == 0)
				tv_set_bool(o, "open_measure", 1);
			if (strcmp(r->route->name,
			    "protect.placement.start") == 0)
				tv_set_bool(o, "open_place", 1);
		}
	}
	tv_set(d, "pr", o);
}

void
web_protect_work(struct req *r, struct tval *d)
{
	struct placement_due *p;
	struct tval *l, *o;
	struct svc s = r->svc;
	size_t n, i;

	if (protect_running(&s, &p, &n) != SVC_OK || n == 0)
		return;
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		o = tv_obj(r->a);
		tv_set_int(o, "case_id", p[i].case_id);
		tv_set_str(o, "number", p[i].number);
		tv_set_str(o, "kind", label(r, "place", p[i].place_kind));
		tv_set_str(o, "name", p[i].place_name);
		tv_set_str(o, "ends", page_date(r, p[i].ends_at, 1));
		countdown(r, o, p[i].ends_at);
		tv_push(l, o);
	}
	tv_set(d, "placements", l);
	tv_set_int(d, "placements_count", (int64_t)n);
}

/* ---------------------------------------------------------------- writes */

static void
measure_fields(struct req *r, struct measure_new *n)
{
	memset(n, 0, sizeof(*n));
	n->type = req_str(r, "type");
	n->decided_by = req_str(r, "decided_by");
	n->decision_date = req_str(r, "decision_date");
	n->submission_date = req_str(r, "submission_date");
	n->confirmation_date = req_str(r, "confirmation_date");
	n->expiry_date = req_str(r, "expiry_date");
}

void
web_protect_measure_add(struct req *r)
{
	struct measure_new n;
	int64_t id = req_param_id(r, 0);

	measure_fields(r, &n);
	after(r, protect_measure_add(&r->svc, id, req_int(r, "version"), &n,
	    NULL), id, "flash.protect_measure");
}

void
web_protect_measure_update(struct req *r)
{
	struct measure_new n;
	int64_t id = req_param_id(r, 0);

	measure_fields(r, &n);
	after(r, protect_measure_update(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), &n), id, "flash.protect_measure");
}

void
web_protect_measure_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, protect_measure_end(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "end_reason"),
	    req_str(r, "end_date")), id, "flash.protect_measure_ended");
}

void
web_protect_placement_start(struct req *r)
{
	struct placement_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.place_kind = req_str(r, "place_kind");
	n.place_name = req_str(r, "place_name");
	n.date = req_str(r, "date");
	n.time = req_str(r, "time");
	after(r, protect_placement_start(&r->svc, id, req_int(r, "version"),
	    &n, NULL), id, "flash.protect_placement");
}

void
web_protect_placement_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, protect_placement_end(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "end_how"),
	    req_int(r, "measure"), req_str(r, "date"), req_str(r, "time")),
	    id, "flash.protect_placement_ended");
}
