/*
 * report.c — the report pages and exports (web layer): the donor
 * projects (/reports), a project's beneficiary report with its charts and
 * forms, the export of any report table as CSV, XLSX or PDF, and the
 * export of the case list (personal data: an AES-encrypted zip for those
 * holding PERM_EXPORT_PERSONAL). Thin: validated input -> svc/report.c ->
 * templates report_*.html, or doc/export.c for files. Every export is
 * audited (report_export_audit) before its bytes are sent.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/export.h"
#include "../doc/svg.h"
#include "../svc/case.h"
#include "../svc/provider.h"
#include "../svc/report.h"
#include "../util/log.h"
#include "render.h"
#include "web_report.h"

#define CASES_EXPORT_MAX	20000	/* rows of one case-list export */

/* ---------------------------------------------------------------- helpers */

static int
is_num(enum rt_kind k)
{
	return k != RT_TEXT && k != RT_DATE;
}

struct tval *
web_rt_tval(struct req *r, const struct rt_table *t, size_t chart_col)
{
	struct tval *d, *cols, *rows, *row, *cells, *c;
	struct buf svg;
	size_t i, j;

	d = tv_obj(r->a);
	tv_set_str(d, "title", t->title);
	tv_set_str(d, "definition", t->definition ? t->definition : "");
	tv_set_str(d, "note", t->note ? t->note : "");
	cols = tv_list(r->a);
	for (j = 0; j < t->ncols; j++) {
		c = tv_obj(r->a);
		tv_set_str(c, "name", t->colnames[j]);
		tv_set_bool(c, "num", is_num(t->colkinds[j]));
		tv_push(cols, c);
	}
	tv_set(d, "cols", cols);
	rows = tv_list(r->a);
	for (i = 0; i < t->nrows; i++) {
		row = tv_obj(r->a);
		cells = tv_list(r->a);
		for (j = 0; j < t->ncols; j++) {
			const struct rt_cell *x = rt_at(t, i, j);

			c = tv_obj(r->a);
			tv_set_str(c, "text", export_cell_text(r->a, t, i, j));
			tv_set_bool(c, "num", is_num(t->colkinds[j]));
			tv_set_bool(c, "head", j == 0);
			tv_set_bool(c, "suppressed", x->suppressed);
			tv_push(cells, c);
		}
		tv_set(row, "cells", cells);
		tv_set_bool(row, "total", t->has_total && i + 1 == t->nrows);
		tv_push(rows, row);
	}
	tv_set(d, "rows", rows);
	if (chart_col > 0 && chart_col < t->ncols &&
	    is_num(t->colkinds[chart_col])) {
		buf_init(&svg, r->a);
		if (svg_bars_rt(&svg, t, 0, chart_col) == SVG_OK)
			tv_set_str(d, "chart", svg.p);
	}
	return d;
}

/* A file name part: letters, digits and - only. */
static const char *
safe_name(struct req *r, const char *s)
{
	char *p, *q;

	if ((p = arena_strdup(r->a, s ? s : "report")) == NULL)
		return "report";
	for (q = p; *q; q++)
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '-'))
			*q = '-';
	return p;
}

static void
file_answer(struct req *r, struct buf *b, const char *mime,
    const char *filename)
{
	r->status = 200;
	r->ctype = mime;
	r->out = *b;
	req_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s\"", filename));
	req_header(r, "Cache-Control", "no-store");
}

static void
export_fail(struct req *r, enum export_rc rc, const char *err)
{
	switch (rc) {
	case EXPORT_TOOBIG:
		/* The file outgrew the request's memory: too many rows. */
		http_error(r, 413, "rpt.err.too_many");
		return;
	case EXPORT_NOFONT:
		log_warnx("export: the fonts cannot be loaded (%s)", err);
		http_error(r, 503, "doc.err.font");
		return;
	default:
		log_warnx("export: %s", err);
		http_error(r, 500, "error.unavailable");
		return;
	}
}

/* The file bytes of t in format f (into b). */
static enum export_rc
render_file(struct req *r, const struct rt_table *t, enum export_fmt f,
    size_t chart_col, struct buf *b, char *err, size_t errlen)
{
	switch (f) {
	case EXPORT_CSV:
		return export_csv(t, b);
	case EXPORT_XLSX:
		return export_xlsx(t, NULL, b, err, errlen);
	default:
		return export_pdf(t, (int)chart_col, &r->app->fonts,
		    page_t(r, "doc.page"), page_t(r, "rpt.pdf_footer"), b, err,
		    errlen);
	}
}

void
web_rt_export(struct req *r, const struct rt_table *t, const char *fmt,
    const char *base, const char *what, int64_t object_id, size_t chart_col)
{
	struct buf b;
	enum export_rc rc;
	enum svc_rc src;
	char err[256] = "";
	int f;

	if ((f = export_fmt_parse(fmt)) < 0) {
		http_error(r, 400, "error.field.choice");
		return;
	}
	if (t->personal) {
		/* Personal data leaves only inside the encrypted zip. */
		(void)report_export_audit(&r->svc, what, object_id, fmt, 1, 0);
		http_error(r, 403, "error.denied");
		return;
	}
	if (f == EXPORT_PDF && !r->app->fonts.ok) {
		http_error(r, 503, "doc.err.font");
		return;
	}
	buf_init(&b, r->a);
	if ((rc = render_file(r, t, (enum export_fmt)f, chart_col, &b, err,
	    sizeof(err))) != EXPORT_OK) {
		export_fail(r, rc, err);
		return;
	}
	if ((src = report_export_audit(&r->svc, what, object_id, fmt, 0,
	    t->nrows)) != SVC_OK) {
		page_fail(r, src, &r->svc.err);
		return;
	}
	file_answer(r, &b, export_fmt_mime((enum export_fmt)f),
	    arena_printf(r->a, "%s.%s", safe_name(r, base), fmt));
}

/* ---------------------------------------------------------------- projects */

static void
projects_page(struct req *r)
{
	struct svc s = r->svc;
	struct project_info *p;
	struct tval *d, *list, *it;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = report_projects(&s, &p, &n)) != SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	d = page_data(r, "rpt.projects.title");
	list = tv_list(r->a);
	for (i = 0; i < n; i++) {
		it = tv_obj(r->a);
		tv_set_int(it, "id", p[i].id);
		tv_set_str(it, "name", p[i].name);
		tv_set_str(it, "country", p[i].country);
		tv_set_str(it, "donor", p[i].donor);
		tv_set_str(it, "start", p[i].start);
		tv_set_str(it, "end", p[i].end);
		tv_set_int(it, "ngrants", p[i].ngrants);
		tv_set_int(it, "nprogrammes", p[i].nprogrammes);
		tv_push(list, it);
	}
	tv_set(d, "projects", list);
	tv_set_bool(d, "can_write", authz_allows(r->actor, PERM_GRANTS_WRITE,
	    NULL));
	tv_set_bool(d, "can_dashboard", authz_allows(r->actor,
	    PERM_INDICATORS_READ, NULL));
	tv_set_str(d, "f_name", req_str(r, "name"));
	tv_set_str(d, "f_start", req_str(r, "start"));
	tv_set_str(d, "f_end", req_str(r, "end"));
	tv_set_str(d, "f_donor", req_str(r, "donor"));
	it = tv_list(r->a);
	if (r->actor->country == NULL || strcmp(r->actor->country, "XK") == 0)
		tv_push(it, page_option(r, "XK", page_t(r, "rpt.country.XK"),
		    strcmp(req_str(r, "country"), "XK") == 0));
	if (r->actor->country == NULL || strcmp(r->actor->country, "AL") == 0)
		tv_push(it, page_option(r, "AL", page_t(r, "rpt.country.AL"),
		    strcmp(req_str(r, "country"), "AL") == 0));
	tv_set(d, "countries", it);
	page_errors(r, d);
	page_render(r, "report_projects", d);
}

void
web_rp_projects(struct req *r)
{
	projects_page(r);
}

void
web_rp_projects_invalid(struct req *r)
{
	/* After a service conflict the status is already 409. */
	if (r->status < 400)
		r->status = 400;
	projects_page(r);
}

/* After a form: the page again with the error, or a redirect. */
static void
after(struct req *r, enum svc_rc rc, void (*again)(struct req *),
    const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
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

void
web_rp_project_create(struct req *r)
{
	struct project_new n;
	int64_t id = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.country = req_str(r, "country");
	n.name = req_str(r, "name");
	n.donor = req_str(r, "donor");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	rc = report_project_create(&r->svc, &n, &id);
	after(r, rc, web_rp_projects_invalid, arena_printf(r->a,
	    "/reports/projects/%" PRId64, id), "flash.rpt_saved");
}

static void
options(struct req *r, struct tval *d, const char *name,
    const char *const *codes, const char *prefix, const char *cur)
{
	struct tval *l = tv_list(r->a);
	size_t i;

	for (i = 0; codes[i] != NULL; i++)
		tv_push(l, page_option(r, codes[i], page_t(r,
		    arena_printf(r->a, "%s.%s", prefix, codes[i])),
		    strcmp(cur, codes[i]) == 0));
	tv_set(d, name, l);
}

/* A table of the project page with its export link. */
static struct tval *
tab(struct req *r, int64_t id, const char *which, const struct rt_table *t,
    size_t chart)
{
	struct tval *v = web_rt_tval(r, t, chart);

	tv_set_str(v, "export", arena_printf(r->a,
	    "/reports/projects/%" PRId64 "/export?table=%s", id, which));
	return v;
}

static void
project_page(struct req *r)
{
	struct report_benef *b;
	struct tval *d, *tabs;
	struct svc s = r->svc;
	enum svc_rc rc;
	int64_t id = req_param_id(r, 0);

	if ((rc = report_beneficiaries(&s, id, &b)) != SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	d = page_data(r, "rpt.project.title");
	tv_set_int(d, "id", b->p->id);
	tv_set_str(d, "name", b->p->name);
	tv_set_str(d, "country", b->p->country);
	tv_set_str(d, "donor", b->p->donor);
	tv_set_str(d, "start", b->p->start);
	tv_set_str(d, "end", b->p->end);
	tv_set_str(d, "summary", b->summary);
	tabs = tv_list(r->a);
	tv_push(tabs, tab(r, b->p->id, "children", &b->children, 1));
	tv_push(tabs, tab(r, b->p->id, "professionals", &b->professionals,
	    1));
	tv_push(tabs, tab(r, b->p->id, "grants", &b->grants, 3));
	tv_set(d, "tables", tabs);
	tv_set_bool(d, "can_write", authz_allows(r->actor, PERM_GRANTS_WRITE,
	    NULL));
	options(r, d, "kinds", report_target_kinds, "rpt.target",
	    req_str(r, "kind"));
	tv_set_str(d, "f_key", req_str(r, "key"));
	tv_set_str(d, "f_target", req_str(r, "target"));
	tv_set_str(d, "f_grant", req_str(r, "grant"));
	tv_set_str(d, "f_programme", req_str(r, "programme"));
	page_errors(r, d);
	page_render(r, "report_project", d);
}

void
web_rp_project(struct req *r)
{
	project_page(r);
}

void
web_rp_project_invalid(struct req *r)
{
	/* After a service conflict the status is already 409. */
	if (r->status < 400)
		r->status = 400;
	project_page(r);
}

static const char *
project_url(struct req *r)
{
	return arena_printf(r->a, "/reports/projects/%" PRId64,
	    req_param_id(r, 0));
}

void
web_rp_target_set(struct req *r)
{
	enum svc_rc rc;

	rc = report_target_set(&r->svc, req_param_id(r, 0), req_str(r, "kind"),
	    req_str(r, "key"), req_str(r, "target"));
	after(r, rc, web_rp_project_invalid, project_url(r), "flash.rpt_saved");
}

void
web_rp_grant_link(struct req *r)
{
	enum svc_rc rc;

	rc = report_grant_link(&r->svc, req_param_id(r, 0), req_int(r,
	    "grant"));
	after(r, rc, web_rp_project_invalid, project_url(r), "flash.rpt_saved");
}

void
web_rp_programme_link(struct req *r)
{
	enum svc_rc rc;

	rc = report_programme_link(&r->svc, req_param_id(r, 0), req_int(r,
	    "programme"));
	after(r, rc, web_rp_project_invalid, project_url(r), "flash.rpt_saved");
}

void
web_rp_project_export(struct req *r)
{
	struct report_benef *b;
	struct svc s = r->svc;
	const char *which = req_str(r, "table");
	const struct rt_table *t;
	enum svc_rc rc;
	size_t chart = 1;

	if ((rc = report_beneficiaries(&s, req_param_id(r, 0), &b)) !=
	    SVC_OK) {
		page_fail(r, rc, &s.err);
		return;
	}
	if (strcmp(which, "professionals") == 0)
		t = &b->professionals;
	else if (strcmp(which, "grants") == 0) {
		t = &b->grants;
		chart = 3;
	} else {
		which = "children";
		t = &b->children;
	}
	web_rt_export(r, t, req_str(r, "format"), arena_printf(r->a,
	    "project-%" PRId64 "-%s", b->p->id, which), "project", b->p->id,
	    chart);
}

/* ------------------------------------------------------ the case list */

static const char *const case_cols[] = { "rpt.case.number",
	"rpt.case.child", "rpt.case.birth", "rpt.case.sex",
	"rpt.case.municipality", "rpt.case.status", "rpt.case.risk",
	"rpt.case.worker", "rpt.case.opened" };
static const enum rt_kind case_kinds[] = { RT_TEXT, RT_TEXT, RT_DATE,
	RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT, RT_DATE };
#define NCASECOLS	(sizeof(case_cols) / sizeof(case_cols[0]))

static void
cases_form(struct req *r)
{
	struct tval *d = page_data(r, "rpt.cases_export.title");

	tv_set_str(d, "f_status", req_str(r, "status"));
	tv_set_str(d, "f_risk", req_str(r, "risk"));
	tv_set_int(d, "pw_min", EXPORT_PW_MIN);
	page_errors(r, d);
	page_render(r, "report_cases_export", d);
}

void
web_rp_cases_export_form(struct req *r)
{
	cases_form(r);
}

void
web_rp_cases_export_invalid(struct req *r)
{
	/* After a service conflict the status is already 409. */
	if (r->status < 400)
		r->status = 400;
	cases_form(r);
}

/* The cases the actor sees (as the list shows them) as a table. */
static enum svc_rc
cases_table(struct req *r, struct rt_table *t)
{
	struct case_query q;
	struct case_info *c;
	struct avec rows;
	struct rt_cell *cells;
	const char **names;
	size_t i, j, n;
	int64_t total = 0;
	enum svc_rc rc;
	int page;

	memset(&q, 0, sizeof(q));
	memset(t, 0, sizeof(*t));
	q.status = *req_str(r, "status") ? req_str(r, "status") : NULL;
	q.risk = *req_str(r, "risk") ? req_str(r, "risk") : NULL;
	avec_init(&rows, r->a, NCASECOLS * sizeof(struct rt_cell),
	    CASES_EXPORT_MAX);
	for (page = 1;; page++) {
		q.page = page;
		if ((rc = case_search(&r->svc, &q, &c, &n, &total)) != SVC_OK)
			return rc;
		for (i = 0; i < n; i++) {
			if ((cells = avec_next(&rows)) == NULL)
				return svc_fail(&r->svc, SVC_TOOBIG, NULL,
				    "rpt.err.too_many");
			cells[0].text = c[i].number;
			cells[1].text = *c[i].child_family ? arena_printf(r->a,
			    "%s %s", c[i].child_given, c[i].child_family) :
			    c[i].child_given;
			cells[2].text = c[i].child_birth_date;
			cells[3].text = c[i].child_sex;
			cells[4].text = r->lang == LANG_SR ?
			    c[i].municipality_sr : c[i].municipality_sq;
			cells[5].text = page_t(r, arena_printf(r->a,
			    "status.%s", c[i].status));
			cells[6].text = page_t(r, arena_printf(r->a, "risk.%s",
			    *c[i].risk ? c[i].risk : "none"));
			cells[7].text = c[i].worker_name;
			cells[8].text = page_date(r, c[i].opened_at, 0);
		}
		if (n == 0 || (int64_t)rows.n >= total)
			break;
	}
	if ((names = arena_zalloc(r->a, NCASECOLS * sizeof(*names))) == NULL)
		return svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig");
	for (j = 0; j < NCASECOLS; j++)
		names[j] = page_t(r, case_cols[j]);
	t->title = page_t(r, "rpt.cases_export.title");
	t->definition = "";
	t->note = "";
	t->ncols = NCASECOLS;
	t->nrows = rows.n;
	t->colnames = names;
	t->colkinds = case_kinds;
	t->cells = rows.n ? rows.v : arena_zalloc(r->a, sizeof(struct rt_cell) *
	    NCASECOLS);
	t->personal = 1;
	return SVC_OK;
}

void
web_rp_cases_export(struct req *r)
{
	struct rt_table t;
	const char *fmt = req_str(r, "format");
	enum svc_rc rc;

	/* The permission is the route's; the service audits a refusal. */
	if (!authz_allows(r->actor, PERM_EXPORT_PERSONAL, NULL)) {
		(void)report_export_audit(&r->svc, "cases", 0, fmt, 1, 0);
		http_error(r, 403, "error.denied");
		return;
	}
	if (strcmp(fmt, "pdf") == 0) {
		req_add_error(r, "format", "error.field.choice");
		web_rp_cases_export_invalid(r);
		return;
	}
	if ((rc = cases_table(r, &t)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (web_rt_export_zip(r, &t, fmt, "cases", req_str(r, "password")) ==
	    EXPORT_WEAKPW) {
		req_add_error(r, "password", "rpt.err.password");
		web_rp_cases_export_invalid(r);
	}
}

enum export_rc
web_rt_export_zip(struct req *r, const struct rt_table *t, const char *fmt,
    const char *what, const char *password)
{
	struct buf file, zip;
	const char *name;
	char err[256] = "";
	enum export_rc erc;
	enum svc_rc rc;
	int f;

	if ((f = export_fmt_parse(fmt)) < 0) {
		http_error(r, 400, "error.field.choice");
		return EXPORT_ERROR;
	}
	if (f == EXPORT_PDF && !r->app->fonts.ok) {
		http_error(r, 503, "doc.err.font");
		return EXPORT_NOFONT;
	}
	buf_init(&file, r->a);
	buf_init(&zip, r->a);
	if ((erc = render_file(r, t, (enum export_fmt)f, 0, &file, err,
	    sizeof(err))) != EXPORT_OK) {
		export_fail(r, erc, err);
		return erc;
	}
	name = strcmp(what, "cases") == 0 ? arena_printf(r->a, "rasti-%s.%s",
	    safe_name(r, r->actor->agency_code), fmt) : arena_printf(r->a,
	    "%s-%s.%s", safe_name(r, what), safe_name(r,
	    r->actor->agency_code), fmt);
	if ((erc = export_zip(name, file.p, file.len, password, &zip, err,
	    sizeof(err))) != EXPORT_OK) {
		if (erc != EXPORT_WEAKPW)
			export_fail(r, erc, err);
		return erc;
	}
	if ((rc = report_export_audit(&r->svc, what, 0, fmt, 1, t->nrows)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return EXPORT_ERROR;
	}
	file_answer(r, &zip, "application/zip", arena_printf(r->a,
	    "%s.zip", name));
	return EXPORT_OK;
}

/* ------------------------------------------------------- the other lists */

/*
 * Exports of the lists of other domains, built from their list services
 * (the actor's scope, the page's filters, every page), never their SQL.
 * A list without children's personal data is a GET like the page with
 * format=csv|xlsx; the cells are the page's text.
 */

/* A table of ncols text columns named by message keys cols (the last
 * kinds[] as given), rows from v. */
void
list_table(struct req *r, struct rt_table *t, const char *title_key,
    const char *const *cols, const enum rt_kind *kinds, size_t ncols,
    struct avec *v)
{
	const char **names;
	size_t j;

	memset(t, 0, sizeof(*t));
	if ((names = arena_zalloc(r->a, ncols * sizeof(*names))) == NULL)
		return;
	for (j = 0; j < ncols; j++)
		names[j] = page_t(r, cols[j]);
	t->title = page_t(r, title_key);
	t->definition = "";
	t->note = "";
	t->ncols = ncols;
	t->nrows = v->n;
	t->colnames = names;
	t->colkinds = kinds;
	t->cells = v->n ? v->v : arena_zalloc(r->a, sizeof(struct rt_cell) *
	    ncols);
}

/* Labels of comma-separated codes, joined with ", " (as the pages). */
static const char *
code_labels(struct req *r, const char *prefix, const char *codes)
{
	struct buf b;
	const char *p = codes, *e;
	int n = 0;

	buf_init(&b, r->a);
	while (p != NULL && *p) {
		e = strchr(p, ',');
		if (n++)
			buf_puts(&b, ", ");
		buf_puts(&b, page_t(r, arena_printf(r->a, "%s.%.*s", prefix,
		    (int)(e ? (size_t)(e - p) : strlen(p)), p)));
		p = e ? e + 1 : NULL;
	}
	return n == 0 || b.oom ? "" : b.p;
}

static const char *const provider_cols[] = { "field.name",
	"field.legal_form", "provider.seat", "provider.services_in_force",
	"provider.in_force" };
static const enum rt_kind provider_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_INT };
#define NPROVCOLS	(sizeof(provider_cols) / sizeof(provider_cols[0]))

void
web_rp_providers_export(struct req *r)
{
	struct provider_filter f;
	struct provider_info *p;
	struct rt_table t;
	struct rt_cell *c;
	struct avec rows;
	int64_t total = 0;
	size_t i, n;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	f.service = req_str(r, "service");
	f.status = req_str(r, "status");
	f.municipality_id = req_int(r, "municipality");
	avec_init(&rows, r->a, NPROVCOLS * sizeof(struct rt_cell),
	    LIST_EXPORT_MAX);
	for (f.page = 1;; f.page++) {
		if ((rc = provider_list(&r->svc, &f, &p, &n, &total)) !=
		    SVC_OK) {
			page_fail(r, rc, &r->svc.err);
			return;
		}
		for (i = 0; i < n; i++) {
			if ((c = avec_next(&rows)) == NULL) {
				http_error(r, 413, "rpt.err.too_many");
				return;
			}
			c[0].text = p[i].name;
			c[1].text = page_t(r, arena_printf(r->a,
			    "provider.form.%s", p[i].legal_form));
			c[2].text = r->lang == LANG_SR && *p[i].municipality_sr ?
			    p[i].municipality_sr : p[i].municipality_sq;
			c[3].text = *p[i].services ? code_labels(r,
			    "provider.service", p[i].services) :
			    page_t(r, "provider.unlicensed");
			c[4].v = p[i].licences_in_force;
		}
		if (n == 0 || (int64_t)rows.n >= total)
			break;
	}
	list_table(r, &t, "provider.list.title", provider_cols,
	    provider_kinds, NPROVCOLS, &rows);
	if (t.colnames == NULL) {
		http_error(r, 500, "error.internal");
		return;
	}
	web_rt_export(r, &t, req_str(r, "format"), "ofruesit", "providers", 0,
	    0);
}
