/*
 * indicator.c — the indicator JSON API (api layer). See api_indicator.h
 * and the section "Indicators" of docs/API.md. The same struct rt_table as
 * the pages: a suppressed cell is null with "suppressed": true, never its
 * value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/indicator.h"
#include "../svc/workforce.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "api.h"
#include "api_indicator.h"

static const char *const kinds[] = { "text", "int", "cents", "permille",
	"days", "date" };

static void
table_json(struct jw *w, const struct rt_table *t)
{
	size_t i, c;

	jw_obj_open(w);
	jw_kstr(w, "title", t->title);
	jw_kstr(w, "definition", t->definition ? t->definition : "");
	jw_kstr(w, "note", t->note ? t->note : "");
	jw_key(w, "columns");
	jw_arr_open(w);
	for (c = 0; c < t->ncols && t->colnames != NULL; c++) {
		jw_obj_open(w);
		jw_kstr(w, "name", t->colnames[c]);
		jw_kstr(w, "kind", (unsigned)t->colkinds[c] < sizeof(kinds) /
		    sizeof(kinds[0]) ? kinds[t->colkinds[c]] : "text");
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "rows");
	jw_arr_open(w);
	for (i = 0; i < t->nrows && t->colnames != NULL; i++) {
		jw_obj_open(w);
		jw_kstr(w, "key", t->rowkeys ? t->rowkeys[i] : "");
		jw_kstr(w, "label", rt_at(t, i, 0)->text);
		jw_kbool(w, "total", t->has_total && i == t->nrows - 1);
		jw_key(w, "cells");
		jw_arr_open(w);
		for (c = 1; c < t->ncols; c++) {
			const struct rt_cell *e = rt_at(t, i, c);

			jw_obj_open(w);
			jw_key(w, "v");
			if (e->suppressed || e->missing)
				jw_null(w);
			else if (t->colkinds[c] == RT_TEXT ||
			    t->colkinds[c] == RT_DATE)
				jw_str(w, e->text ? e->text : "");
			else
				jw_int(w, e->v);
			if (e->suppressed)
				jw_kbool(w, "suppressed", 1);
			jw_obj_close(w);
		}
		jw_arr_close(w);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}

void
api_indicators(struct req *r)
{
	struct jw w;
	const struct ind_def *d;
	int e, k;

	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "indicators");
	jw_arr_open(&w);
	for (e = 1; e < IND__MAX; e++) {
		d = indicator_def((enum ind_code)e);
		jw_obj_open(&w);
		jw_kint(&w, "n", e);
		jw_kstr(&w, "code", d->name);
		jw_kstr(&w, "title", i18n_get(r->actor->lang, d->title_key));
		jw_kstr(&w, "definition", i18n_get(r->actor->lang, d->def_key));
		jw_key(&w, "by");
		jw_arr_open(&w);
		for (k = 1; k < DIM__MAX; k++)
			if (d->dims & (1u << k))
				jw_str(&w, ind_dim_name((enum ind_dim)k));
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_indicator(struct req *r)
{
	struct ind_params p;
	struct ind_query q;
	struct rt_table t;
	struct jw w;
	enum svc_rc rc;

	memset(&p, 0, sizeof(p));
	p.code = r->nparams > 0 ? r->params[0] : "";
	p.from = req_str(r, "from");
	p.to = req_str(r, "to");
	p.by = req_str(r, "by");
	p.municipality = req_str(r, "municipality");
	p.admin_unit = req_str(r, "admin_unit");
	p.country = req_str(r, "country");
	p.sex = req_str(r, "sex");
	p.age_band = req_str(r, "age_band");
	p.community = req_str(r, "community");
	p.disability = req_str(r, "disability");
	p.concern = req_str(r, "concern");
	p.risk = req_str(r, "risk");
	p.sector = req_str(r, "sector");
	p.provider = req_str(r, "provider");
	rc = indicator_parse(&r->svc, &p, &q);
	/* An unknown indicator in the path is a resource that is not there. */
	if (rc == SVC_INVALID && strcmp(r->svc.err.field, "code") == 0)
		rc = SVC_NOTFOUND;
	if (rc == SVC_OK)
		rc = indicator_run(&r->svc, &q, &t);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kstr(&w, "code", indicator_def(q.code)->name);
	jw_kstr(&w, "by", ind_dim_name(q.by));
	jw_key(&w, "table");
	table_json(&w, &t);
	jw_obj_close(&w);
}

void
api_indicator_dashboard(struct req *r)
{
	struct rt_table *t;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	rc = indicator_dashboard(&r->svc, req_str(r, "from"), req_str(r, "to"),
	    &t, &n);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "tables");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		table_json(&w, &t[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_workforce(struct req *r)
{
	struct wf_unit *u;
	struct jw w;
	size_t n, i;
	int year;
	enum svc_rc rc;

	year = req_has(r, "year") ? (int)req_int(r, "year") :
	    workforce_year_now();
	rc = workforce_units(&r->svc, req_int(r, "municipality"), year, &u, &n);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "municipalities");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "municipality_id", u[i].id);
		jw_kstr(&w, "code", u[i].code);
		jw_kstr(&w, "name", u[i].name);
		jw_key(&w, "children");
		if (u[i].children >= 0)
			jw_int(&w, u[i].children);
		else
			jw_null(&w);
		jw_kint(&w, "children_per_worker_norm", u[i].per_worker);
		jw_kint(&w, "workers", u[i].workers);
		jw_kint(&w, "fte_permille", u[i].fte);
		jw_key(&w, "needed_permille");
		if (u[i].needed >= 0)
			jw_int(&w, u[i].needed);
		else
			jw_null(&w);
		jw_kint(&w, "short_by", u[i].short_by);
		jw_kint(&w, "open_cases", u[i].open);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}
