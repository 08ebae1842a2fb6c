/*
 * indicator.c — the indicator pages (web layer). See web_indicator.h. The
 * figures come from svc/indicator.c and svc/workforce.c as struct
 * rt_table; the cells are formatted by web_rt_tval() (web/report.c), as
 * every export formats them, into templates/indicator_view.html and
 * templates/workforce.html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/indicator.h"
#include "../svc/reference.h"
#include "../svc/workforce.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "render.h"
#include "web_indicator.h"
#include "web_report.h"

/* A <select> of the coded values of dim, with "all" first. */
static struct tval *
value_options(struct req *r, enum ind_dim dim, const char *prefix,
    const char *cur)
{
	struct tval *l = tv_list(r->a);
	const char *const *v = ind_dim_values(dim);
	size_t i;

	tv_push(l, page_option(r, "", page_t(r, "ind.all"), *cur == '\0'));
	for (i = 0; v != NULL && v[i] != NULL; i++) {
		const char *k = arena_printf(r->a, "%s%s", prefix, v[i]);

		tv_push(l, page_option(r, v[i], k != NULL && i18n_has(k) ?
		    page_t(r, k) : v[i], strcmp(cur, v[i]) == 0));
	}
	return l;
}

static void
form_data(struct req *r, struct tval *d)
{
	struct tval *l, *f = tv_obj(r->a);
	static const char *const names[] = { "code", "from", "to", "by",
	    "municipality", "sex", "age_band", "community", "disability",
	    "concern", "risk", NULL };
	const char *code = req_str(r, "code"), *by = req_str(r, "by");
	const struct ind_def *def;
	struct muni_info *m;
	struct concern_info *k;
	size_t n, i;
	int e;

	for (i = 0; names[i] != NULL; i++)
		tv_set_str(f, names[i], req_str(r, names[i]));
	tv_set(d, "f", f);
	l = tv_list(r->a);
	for (e = 1; e < IND__MAX; e++) {
		struct tval *o;

		def = indicator_def((enum ind_code)e);
		o = page_option(r, def->name, page_t(r, def->title_key),
		    strcmp(code, def->name) == 0);
		tv_set_str(o, "definition", page_t(r, def->def_key));
		tv_set_int(o, "n", e);
		tv_push(l, o);
	}
	tv_set(d, "indicators", l);
	l = tv_list(r->a);
	for (e = 0; e < DIM__MAX; e++)
		tv_push(l, page_option(r, e == DIM_NONE ? "" :
		    ind_dim_name((enum ind_dim)e), page_t(r,
		    ind_dim_key((enum ind_dim)e)), e == DIM_NONE ? *by == '\0' :
		    strcmp(by, ind_dim_name((enum ind_dim)e)) == 0));
	tv_set(d, "dims", l);
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "ind.all"),
	    *req_str(r, "municipality") == '\0'));
	if (r->actor->role == ROLE_CENTRAL_ANALYST &&
	    ref_municipalities(&r->svc, &m, &n) == SVC_OK)
		for (i = 0; i < n; i++) {
			if (r->actor->country != NULL &&
			    strcmp(r->actor->country, m[i].country) != 0)
				continue;
			tv_push(l, page_option(r, m[i].code,
			    r->actor->lang == LANG_SR ? m[i].name_sr :
			    m[i].name_sq, strcmp(req_str(r, "municipality"),
			    m[i].code) == 0));
		}
	tv_set(d, "municipalities", l);
	tv_set_bool(d, "many_munis", r->actor->role == ROLE_CENTRAL_ANALYST);
	tv_set(d, "sexes", value_options(r, DIM_SEX, "sex.",
	    req_str(r, "sex")));
	tv_set(d, "bands", value_options(r, DIM_AGE_BAND, "ind.band.",
	    req_str(r, "age_band")));
	tv_set(d, "communities", value_options(r, DIM_COMMUNITY,
	    "community.", req_str(r, "community")));
	tv_set(d, "disabilities", value_options(r, DIM_DISABILITY,
	    "ind.disability.", req_str(r, "disability")));
	tv_set(d, "risks", value_options(r, DIM_RISK, "risk.",
	    req_str(r, "risk")));
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "ind.all"),
	    *req_str(r, "concern") == '\0'));
	if (ref_concerns(&r->svc, &k, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			tv_push(l, page_option(r, k[i].code,
			    k[i].label[r->actor->lang], strcmp(req_str(r,
			    "concern"), k[i].code) == 0));
	tv_set(d, "concerns", l);
}

static void
indicators_page(struct req *r, int run)
{
	struct tval *d = page_data(r, "ind.page.title");
	struct ind_params p;
	struct ind_query q;
	struct rt_table t;
	enum svc_rc rc;

	form_data(r, d);
	if (run && *req_str(r, "code") != '\0') {
		memset(&p, 0, sizeof(p));
		p.code = req_str(r, "code");
		p.from = req_str(r, "from");
		p.to = req_str(r, "to");
		p.by = req_str(r, "by");
		p.municipality = req_str(r, "municipality");
		p.sex = req_str(r, "sex");
		p.age_band = req_str(r, "age_band");
		p.community = req_str(r, "community");
		p.disability = req_str(r, "disability");
		p.concern = req_str(r, "concern");
		p.risk = req_str(r, "risk");
		rc = indicator_parse(&r->svc, &p, &q);
		if (rc == SVC_OK)
			rc = indicator_run(&r->svc, &q, &t);
		if (rc == SVC_INVALID) {
			r->status = 400;
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		} else if (rc != SVC_OK) {
			page_fail(r, rc, &r->svc.err);
			return;
		} else
			tv_set(d, "table", web_rt_tval(r, &t,
			    t.ncols > 1 ? 1 : 0));
	}
	page_errors(r, d);
	page_render(r, "indicator_view", d);
}

void
web_indicators(struct req *r)
{
	indicators_page(r, 1);
}

void
web_indicators_invalid(struct req *r)
{
	r->status = 400;
	indicators_page(r, 0);
}

/* ---- the workforce norm ---- */

void
web_workforce(struct req *r)
{
	struct tval *d = page_data(r, "workforce.title"), *rows, *o;
	int year = req_has(r, "year") ? (int)req_int(r, "year") : workforce_year_now();
	struct wf_unit *u;
	struct wf_worker *w;
	struct wf_norm *nm;
	size_t n, i;
	int64_t short_units = 0, missing = 0;
	enum svc_rc rc;

	if ((rc = workforce_units(&r->svc, 0, year, &u, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n; i++) {
		o = tv_obj(r->a);
		tv_set_str(o, "name", u[i].name);
		tv_set_str(o, "code", u[i].code);
		tv_set_bool(o, "known", u[i].needed >= 0);
		if (u[i].children >= 0)
			tv_set_str(o, "children", page_num(r, u[i].children));
		tv_set_bool(o, "estimated", u[i].estimated);
		tv_set_str(o, "workers", page_num(r, u[i].workers));
		tv_set_str(o, "fte", arena_printf(r->a, "%lld.%lld",
		    (long long)(u[i].fte / 1000),
		    (long long)(u[i].fte % 1000 / 100)));
		if (u[i].needed >= 0) {
			tv_set_str(o, "needed", arena_printf(r->a, "%lld.%lld",
			    (long long)(u[i].needed / 1000),
			    (long long)(u[i].needed % 1000 / 100)));
			if (u[i].fte > 0)
				tv_set_str(o, "per_fte", page_num(r,
				    u[i].children * 1000 / u[i].fte));
		} else
			missing++;
		tv_set_int(o, "short_by", u[i].short_by);
		short_units += u[i].short_by > 0;
		tv_set_str(o, "open", page_num(r, u[i].open));
		if (u[i].fte > 0)
			tv_set_str(o, "caseload", page_num(r,
			    u[i].open * 1000 / u[i].fte));
		tv_set_str(o, "ratio", page_num(r, u[i].per_worker));
		tv_push(rows, o);
	}
	tv_set(d, "units", rows);
	tv_set_int(d, "short_units", short_units);
	tv_set_int(d, "missing", missing);
	tv_set_int(d, "year", year);
	tv_set_int(d, "prev_year", year - 1);
	tv_set_int(d, "next_year", year + 1);
	if (r->actor->role == ROLE_MUNICIPAL_ADMIN &&
	    workforce_workers(&r->svc, r->actor->municipality_id, &w, &n) ==
	    SVC_OK) {
		rows = tv_list(r->a);
		for (i = 0; i < n; i++) {
			o = tv_obj(r->a);
			tv_set_int(o, "id", w[i].id);
			tv_set_str(o, "name", w[i].full_name);
			tv_set_str(o, "agency", w[i].agency);
			tv_set_str(o, "fte", arena_printf(r->a, "%lld.%03lld",
			    (long long)(w[i].fte / 1000),
			    (long long)(w[i].fte % 1000)));
			tv_set_str(o, "open", page_num(r, w[i].open));
			tv_push(rows, o);
		}
		tv_set(d, "workers", rows);
		tv_set_bool(d, "can_fte", 1);
	}
	if (workforce_norms(&r->svc, &nm, &n) == SVC_OK) {
		rows = tv_list(r->a);
		for (i = 0; i < n; i++) {
			o = tv_obj(r->a);
			tv_set_str(o, "country", nm[i].country);
			tv_set_str(o, "country_name", page_t(r, arena_printf(r->a,
			    "country.%s", nm[i].country)));
			tv_set_int(o, "per_worker", nm[i].per_worker);
			tv_set_str(o, "per_worker_fmt", page_num(r,
			    nm[i].per_worker));
			tv_push(rows, o);
		}
		tv_set(d, "norms", rows);
	}
	tv_set_bool(d, "can_norm", r->actor->role == ROLE_SYSADMIN);
	page_errors(r, d);
	page_render(r, "workforce", d);
}

static void
workforce_done(struct req *r, enum svc_rc rc)
{
	if (rc == SVC_INVALID) {
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_workforce(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, "/workforce", "flash.saved");
}

void
web_workforce_fte(struct req *r)
{
	int64_t fte = workforce_fte_parse(req_str(r, "fte"));

	if (fte < 0) {
		r->svc.err.field = "fte";
		r->svc.err.msg = "workforce.err.fte";
		workforce_done(r, SVC_INVALID);
		return;
	}
	workforce_done(r, workforce_fte_set(&r->svc, req_int(r, "user"), fte));
}

void
web_workforce_norm(struct req *r)
{
	workforce_done(r, workforce_norm_set(&r->svc, req_str(r, "country"),
	    req_int(r, "children_per_worker")));
}
