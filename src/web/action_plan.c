/*
 * action_plan.c — the HTML side of municipal action plans (web layer):
 * /action-plans (action_plan_list.html) and /action-plans/{id}
 * (action_plan_view.html: objectives, indicators with the latest value
 * against the target as a <progress> bar drawn by the browser without
 * JavaScript, and the progress entries). Thin: validated input ->
 * svc/action_plan.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/action_plan.h"
#include "render.h"
#include "web_action_plan.h"
#include "web_children.h"
#include "web_grant.h"

/* After a write: the route's form again with the error, or on. */
static void
after(struct req *r, enum svc_rc rc, const char *to, const char *flash)
{
	web_gr_after(r, rc, r->route->invalid != NULL ? r->route->invalid :
	    web_ap_view, to, flash);
}

static struct tval *
plan_obj(struct req *r, const struct ap_info *p)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", p->id);
	tv_set_str(t, "municipality", r->lang == LANG_SR ? p->municipality_sr :
	    p->municipality_sq);
	tv_set_str(t, "title", p->title);
	tv_set_str(t, "start", web_child_date(r, p->start));
	tv_set_str(t, "end", web_child_date(r, p->end));
	tv_set_str(t, "adopted", web_child_date(r, p->adopted));
	tv_set_str(t, "institution", p->institution);
	tv_set_str(t, "objectives", page_num(r, p->objectives));
	return t;
}

void
web_ap_list(struct req *r)
{
	struct ap_info *p;
	struct tval *d, *l, *v;
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = ap_list(&r->svc, &p, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "ap.list.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, plan_obj(r, &p[i]));
	tv_set(d, "plans", l);
	if (authz_allows(r->actor, PERM_ACTION_PLANS_WRITE, NULL)) {
		tv_set_bool(d, "can_write", 1);
		v = tv_obj(r->a);
		tv_set_str(v, "title", web_gr_posted(r, "title"));
		tv_set_str(v, "start", web_gr_posted(r, "start"));
		tv_set_str(v, "end", web_gr_posted(r, "end"));
		tv_set_str(v, "adopted", web_gr_posted(r, "adopted"));
		tv_set_str(v, "institution", web_gr_posted(r, "institution"));
		if (r->actor->municipality_id == 0)
			tv_set(v, "municipalities", web_child_munis(r,
			    req_int(r, "municipality")));
		tv_set(d, "v", v);
	}
	web_child_errors(r, d);
	page_render(r, "action_plan_list", d);
}

void
web_ap_create(struct req *r)
{
	struct ap_new n;
	int64_t id = 0;

	memset(&n, 0, sizeof(n));
	n.municipality_id = req_int(r, "municipality");
	n.title = req_str(r, "title");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.adopted = req_str(r, "adopted");
	n.institution = req_str(r, "institution");
	after(r, ap_create(&r->svc, &n, &id), arena_printf(r->a,
	    "/action-plans/%lld", (long long)id), "flash.ap_created");
}

static struct tval *
indicator_obj(struct req *r, const struct ap_indicator *x)
{
	struct tval *t = tv_obj(r->a), *l, *e;
	size_t i;

	tv_set_int(t, "id", x->id);
	tv_set_str(t, "name", x->name);
	tv_set_str(t, "unit", x->unit);
	tv_set_str(t, "baseline", web_gr_money(r, x->baseline, 0));
	tv_set_str(t, "target", web_gr_money(r, x->target, 0));
	tv_set_str(t, "direction", page_t(r, arena_printf(r->a,
	    "ap.direction.%s", x->direction)));
	if (x->latest >= 0) {
		tv_set_str(t, "latest", web_gr_money(r, x->latest, 0));
		tv_set_str(t, "latest_end", web_child_date(r, x->latest_end));
		tv_set_int(t, "percent", x->percent);
	}
	l = tv_list(r->a);
	for (i = 0; i < x->nprogress; i++) {
		e = tv_obj(r->a);
		tv_set_str(e, "period_end", web_child_date(r,
		    x->progress[i].period_end));
		tv_set_str(e, "value", web_gr_money(r, x->progress[i].value,
		    0));
		tv_set_str(e, "note", x->progress[i].note);
		tv_push(l, e);
	}
	tv_set(t, "progress", l);
	return t;
}

void
web_ap_view(struct req *r)
{
	struct ap_full *f;
	struct tval *d, *l, *t, *il, *objs, *inds, *v;
	int status = r->status;
	int64_t cur_obj = req_int(r, "objective"), cur_ind = req_int(r,
	    "indicator");
	size_t i, j, nind = 0;
	enum svc_rc rc;

	if ((rc = ap_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "ap.view.title");
	tv_set(d, "p", plan_obj(r, &f->p));
	l = tv_list(r->a);
	objs = tv_list(r->a);
	inds = tv_list(r->a);
	tv_push(objs, page_option(r, "", page_t(r, "common.choose"),
	    cur_obj == 0));
	tv_push(inds, page_option(r, "", page_t(r, "common.choose"),
	    cur_ind == 0));
	for (i = 0; i < f->nobjectives; i++) {
		const struct ap_objective *o = &f->objectives[i];

		t = tv_obj(r->a);
		tv_set_int(t, "id", o->id);
		tv_set_str(t, "title", o->title);
		il = tv_list(r->a);
		for (j = 0; j < o->nindicators; j++, nind++) {
			tv_push(il, indicator_obj(r, &o->indicators[j]));
			tv_push(inds, page_option(r, arena_printf(r->a, "%lld",
			    (long long)o->indicators[j].id), arena_printf(r->a,
			    "%s — %s", o->title, o->indicators[j].name),
			    o->indicators[j].id == cur_ind));
		}
		tv_set(t, "indicators", il);
		tv_push(l, t);
		tv_push(objs, page_option(r, arena_printf(r->a, "%lld",
		    (long long)o->id), o->title, o->id == cur_obj));
	}
	tv_set(d, "objectives", l);
	if (authz_allows(r->actor, PERM_ACTION_PLANS_WRITE, NULL)) {
		tv_set_bool(d, "can_write", 1);
		v = tv_obj(r->a);
		tv_set(v, "objectives", objs);
		tv_set(v, "indicators", inds);
		tv_set(v, "directions", web_child_options(r, ap_directions,
		    "ap.direction", web_gr_posted(r, "direction"), "common.choose"));
		tv_set_str(v, "title", web_gr_posted(r, "title"));
		tv_set_str(v, "name", web_gr_posted(r, "name"));
		tv_set_str(v, "unit", web_gr_posted(r, "unit"));
		tv_set_str(v, "baseline", web_gr_posted(r, "baseline"));
		tv_set_str(v, "target", web_gr_posted(r, "target"));
		tv_set_str(v, "period_end", web_gr_posted(r, "period_end"));
		tv_set_str(v, "value", web_gr_posted(r, "value"));
		tv_set_str(v, "note", web_gr_posted(r, "note"));
		if (f->nobjectives > 0)
			tv_set_bool(v, "has_objectives", 1);
		if (nind > 0)
			tv_set_bool(v, "has_indicators", 1);
		tv_set(d, "v", v);
	}
	web_child_errors(r, d);
	page_render(r, "action_plan_view", d);
}

void
web_ap_objective_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, ap_objective_add(&r->svc, id, req_str(r, "title"), NULL),
	    arena_printf(r->a, "/action-plans/%lld", (long long)id),
	    "flash.ap_objective");
}

void
web_ap_indicator_add(struct req *r)
{
	struct ap_indicator_new n;
	int64_t id = req_param_id(r, 0);

	memset(&n, 0, sizeof(n));
	n.objective_id = req_int(r, "objective");
	n.name = req_str(r, "name");
	n.unit = req_str(r, "unit");
	n.baseline = req_str(r, "baseline");
	n.target = req_str(r, "target");
	n.direction = req_str(r, "direction");
	after(r, ap_indicator_add(&r->svc, id, &n, NULL), arena_printf(r->a,
	    "/action-plans/%lld", (long long)id), "flash.ap_indicator");
}

void
web_ap_progress_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, ap_progress_add(&r->svc, id, req_int(r, "indicator"),
	    req_str(r, "period_end"), req_str(r, "value"), req_str(r, "note"),
	    NULL), arena_printf(r->a, "/action-plans/%lld", (long long)id),
	    "flash.ap_progress");
}
