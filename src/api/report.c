/*
 * report.c — the JSON API of the reports (api layer): GET
 * /api/v1/reports/projects and GET /api/v1/reports/beneficiaries?project=ID
 * (svc/report.c), each table written from the same cells as the screen
 * and the exports.
 */
#include <string.h>

#include "../doc/export.h"
#include "../http/http.h"
#include "../json/jw.h"
#include "../svc/report.h"
#include "api.h"
#include "api_report.h"

static const char *const kind_names[] = {
	[RT_TEXT] = "text", [RT_INT] = "count", [RT_CENTS] = "cents",
	[RT_PERMILLE] = "permille", [RT_DAYS] = "days", [RT_DATE] = "date",
};

void
api_rt_table(struct jw *w, const struct rt_table *t)
{
	size_t i, j;

	jw_obj_open(w);
	jw_kstr(w, "title", t->title);
	jw_kstr(w, "definition", t->definition ? t->definition : "");
	jw_kstr(w, "note", t->note ? t->note : "");
	jw_key(w, "columns");
	jw_arr_open(w);
	for (j = 0; j < t->ncols; j++) {
		jw_obj_open(w);
		jw_kstr(w, "name", t->colnames[j]);
		jw_kstr(w, "kind", kind_names[t->colkinds[j]]);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "rows");
	jw_arr_open(w);
	for (i = 0; i < t->nrows; i++) {
		jw_arr_open(w);
		for (j = 0; j < t->ncols; j++) {
			const struct rt_cell *c = rt_at(t, i, j);

			if (c->suppressed)
				jw_str(w, EXPORT_SUPPRESSED);
			else if (c->missing)
				jw_null(w);
			else if (t->colkinds[j] == RT_TEXT ||
			    t->colkinds[j] == RT_DATE)
				jw_str(w, c->text ? c->text : "");
			else
				jw_int(w, c->v);
		}
		jw_arr_close(w);
	}
	jw_arr_close(w);
	jw_kbool(w, "total", t->has_total);
	jw_obj_close(w);
}

static void
project_json(struct jw *w, const struct project_info *p)
{
	jw_kint(w, "id", p->id);
	jw_kstr(w, "name", p->name);
	jw_kstr(w, "country", p->country);
	jw_key(w, "donor_id");
	if (p->donor_id)
		jw_int(w, p->donor_id);
	else
		jw_null(w);
	jw_kstr(w, "donor", p->donor);
	jw_kstr(w, "start", p->start);
	jw_kstr(w, "end", p->end);
	jw_kint(w, "grants", p->ngrants);
	jw_kint(w, "programmes", p->nprogrammes);
}

void
api_rp_projects(struct req *r)
{
	struct project_info *p;
	struct jw w;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = report_projects(&r->svc, &p, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "projects");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		project_json(&w, &p[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_rp_beneficiaries(struct req *r)
{
	struct report_benef *b;
	struct jw w;
	enum svc_rc rc;

	if ((rc = report_beneficiaries(&r->svc, req_int(r, "project"), &b)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "project");
	jw_obj_open(&w);
	project_json(&w, b->p);
	jw_obj_close(&w);
	jw_kstr(&w, "summary", b->summary);
	jw_key(&w, "children");
	api_rt_table(&w, &b->children);
	jw_key(&w, "professionals");
	api_rt_table(&w, &b->professionals);
	jw_key(&w, "grants");
	api_rt_table(&w, &b->grants);
	jw_obj_close(&w);
}
