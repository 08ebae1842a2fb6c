/*
 * dashboard.c — the dashboards (web layer): /dashboard shows, inside the
 * actor's scope (a caseworker their own cases, beside a link to "my work";
 * a supervisor the unit; a municipal administrator the municipality; a
 * central analyst the country), the headline table of every indicator of
 * svc/indicator.h for a period with a bar chart each, new cases by month
 * as a line and, for country scope, new cases by municipality as a tile
 * map; the donor projects are linked (their beneficiary reports are the
 * donor dashboards, web/report.c). /dashboard/export gives one indicator
 * as CSV, XLSX or PDF. Charts are SVG made on the server (doc/svg.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/svg.h"
#include "../svc/grant.h"
#include "../svc/indicator.h"
#include "../svc/report.h"
#include "render.h"
#include "web_dashboard.h"
#include "web_report.h"

/* The period of the request, or the last twelve months to today. */
static void
period(struct req *r, struct ind_params *p)
{
	struct svc s = r->svc;
	const char *today = grant_today(&s);
	int y, m;

	p->from = req_str(r, "from");
	p->to = req_str(r, "to");
	if (*p->to == '\0')
		p->to = today;
	if (*p->from == '\0' && today != NULL &&
	    sscanf(today, "%4d-%2d", &y, &m) == 2)
		p->from = m == 12 ? arena_printf(r->a, "%04d-01-01", y) :
		    arena_printf(r->a, "%04d-%02d-01", y - 1, m + 1);
}

static const char *
dash_title(const struct actor *a)
{
	switch (a->role) {
	case ROLE_CASEWORKER:
		return "dash.title.worker";
	case ROLE_SUPERVISOR:
		return "dash.title.unit";
	case ROLE_MUNICIPAL_ADMIN:
		return "dash.title.municipality";
	default:
		return "dash.title.country";
	}
}

/* A chart from one indicator by a dimension: a line by month, a tile map
 * by municipality. NULL when it has nothing to show. */
static const char *
chart(struct req *r, const struct ind_params *base, const char *code,
    const char *by, int tiles)
{
	struct ind_params p = *base;
	struct ind_query q;
	struct rt_table t;
	struct svg_item *it;
	const char **codes;
	struct svc s = r->svc;
	struct buf b;
	size_t i, n;
	enum svg_rc rc;

	p.code = code;
	p.by = by;
	if (indicator_parse(&s, &p, &q) != SVC_OK ||
	    indicator_run(&s, &q, &t) != SVC_OK)
		return NULL;
	n = t.has_total && t.nrows > 0 ? t.nrows - 1 : t.nrows;
	if (n == 0 || t.ncols < 2 || n > SVG_MAX_ITEMS)
		return NULL;
	if ((it = arena_zalloc(r->a, n * sizeof(*it))) == NULL ||
	    (codes = arena_zalloc(r->a, n * sizeof(*codes))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct rt_cell *c = rt_at(&t, i, 1);

		it[i].label = rt_at(&t, i, 0)->text;
		it[i].v = c->v;
		it[i].suppressed = c->suppressed;
		it[i].missing = c->missing;
		codes[i] = t.rowkeys ? t.rowkeys[i] : "";
	}
	buf_init(&b, r->a);
	rc = tiles ? svg_tilemap(&b, t.title, codes, it, n, NULL) :
	    svg_line(&b, t.title, it, n);
	return rc == SVG_OK ? b.p : NULL;
}

void
web_dashboard(struct req *r)
{
	struct ind_params p;
	struct ind_query q;
	struct rt_table *tabs;
	struct project_info *proj;
	struct tval *d, *list, *tv, *pl, *it;
	struct svc s = r->svc;
	const struct ind_def *def;
	const char *svg;
	size_t i, n, np = 0;
	enum svc_rc rc;

	memset(&p, 0, sizeof(p));
	period(r, &p);
	p.code = "new_cases";
	if ((rc = indicator_parse(&s, &p, &q)) != SVC_OK) {
		r->status = http_status_of(rc);
		req_add_error(r, s.err.field, s.err.msg);
		d = page_data(r, dash_title(r->actor));
		tv_set_str(d, "from", req_str(r, "from"));
		tv_set_str(d, "to", req_str(r, "to"));
		page_errors(r, d);
		page_render(r, "dashboard_view", d);
		return;
	}
	if ((rc = indicator_dashboard(&s, q.from, q.to, &tabs, &n)) !=
	    SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	d = page_data(r, dash_title(r->actor));
	tv_set_str(d, "from", q.from);
	tv_set_str(d, "to", q.to);
	tv_set_str(d, "from_q", page_urlenc(r, q.from));
	tv_set_str(d, "to_q", page_urlenc(r, q.to));
	tv_set_bool(d, "worker", r->actor->role == ROLE_CASEWORKER);
	list = tv_list(r->a);
	for (i = 0; i < n; i++) {
		tv = web_rt_tval(r, &tabs[i], tabs[i].ncols > 1 ? 1 : 0);
		def = indicator_def((enum ind_code)(i + 1));
		tv_set_str(tv, "code", def ? def->name : "");
		tv_push(list, tv);
	}
	tv_set(d, "tables", list);
	p.from = q.from;
	p.to = q.to;
	if ((svg = chart(r, &p, "new_cases", "month", 0)) != NULL)
		tv_set_str(d, "line", svg);
	if ((r->actor->scope == SCOPE_COUNTRY ||
	    r->actor->scope == SCOPE_AGGREGATE) &&
	    (svg = chart(r, &p, "new_cases", "municipality", 1)) != NULL)
		tv_set_str(d, "tiles", svg);
	pl = tv_list(r->a);
	s = r->svc;
	if (report_projects(&s, &proj, &np) == SVC_OK)
		for (i = 0; i < np; i++) {
			it = tv_obj(r->a);
			tv_set_int(it, "id", proj[i].id);
			tv_set_str(it, "name", proj[i].name);
			tv_push(pl, it);
		}
	tv_set(d, "projects", pl);
	page_render(r, "dashboard_view", d);
}

void
web_dashboard_export(struct req *r)
{
	struct ind_params p;
	struct ind_query q;
	struct rt_table t;
	struct svc s = r->svc;
	enum svc_rc rc;

	memset(&p, 0, sizeof(p));
	period(r, &p);
	p.code = req_str(r, "code");
	p.by = req_str(r, "by");
	p.municipality = *req_str(r, "municipality") ? req_str(r,
	    "municipality") : NULL;
	if ((rc = indicator_parse(&s, &p, &q)) != SVC_OK ||
	    (rc = indicator_run(&s, &q, &t)) != SVC_OK) {
		if (s.err.field != NULL)
			req_add_error(r, s.err.field, s.err.msg);
		page_fail(r, rc, &s.err);
		return;
	}
	web_rt_export(r, &t, req_str(r, "format"), arena_printf(r->a,
	    "%s-%s-%s", p.code, q.from, q.to), "indicator", (int64_t)q.code,
	    t.ncols > 1 ? 1 : 0);
}
