/*
 * import.c — imports on the web (web layer): the upload form with the
 * columns of every kind the user may import (import_upload.html), and a
 * job's page (import_job.html): while it is checked or imported a progress
 * bar that refreshes itself (a Refresh header, no JavaScript); then the
 * first rows as read, the mapping of the file's columns, the per-row
 * report (paginated) and the confirmation, or the rows written. Thin:
 * validated input -> svc/importjob.c -> templates.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/importjob.h"
#include "render.h"
#include "web_import.h"

#define IMPORT_PAGE	50	/* report rows per page */
#define IMPORT_RECENT	10	/* jobs listed on the form */

static const char *
kind_label(struct req *r, const char *kind)
{
	return page_t(r, arena_printf(r->a, "webimport.kind.%s", kind));
}

/* The form: the kinds the user may import, each with its columns. */
static void
form(struct req *r)
{
	struct tval *d = page_data(r, "webimport.title"), *kinds, *k, *cols, *c;
	const char *const *col, *cur = req_str(r, "register");
	struct importjob *jobs;
	size_t nreq, i, n;
	int first = 1;

	kinds = tv_list(r->a);
	for (i = 0; import_kinds[i] != NULL; i++) {
		if (!authz_allows(r->actor, importjob_perm(import_kinds[i]), NULL))
			continue;
		k = page_option(r, import_kinds[i], kind_label(r,
		    import_kinds[i]), *cur ? strcmp(cur, import_kinds[i]) == 0 :
		    first);
		first = 0;
		cols = tv_list(r->a);
		col = import_columns((enum import_kind)i, &nreq);
		for (n = 0; col[n] != NULL; n++) {
			c = tv_obj(r->a);
			tv_set_str(c, "name", col[n]);
			tv_set_bool(c, "required", n < nreq);
			tv_push(cols, c);
		}
		tv_set(k, "columns", cols);
		tv_push(kinds, k);
	}
	tv_set(d, "kinds", kinds);
	if (importjob_mine(&r->svc, IMPORT_RECENT, &jobs, &n) == SVC_OK) {
		struct tval *l = tv_list(r->a), *j;

		for (i = 0; i < n; i++) {
			j = tv_obj(r->a);
			tv_set_int(j, "id", jobs[i].id);
			tv_set_str(j, "kind", kind_label(r, jobs[i].kind));
			tv_set_str(j, "filename", jobs[i].filename);
			tv_set_str(j, "status", page_t(r, arena_printf(r->a,
			    "webimport.status.%s", jobs[i].status)));
			tv_set_str(j, "rows", page_num(r, jobs[i].rows));
			tv_set_str(j, "written", page_num(r, jobs[i].written));
			tv_set_str(j, "created", page_date(r, jobs[i].created,
			    1));
			tv_push(l, j);
		}
		tv_set(d, "jobs", l);
	}
	page_errors(r, d);
	page_render(r, "import_upload", d);
}

void
web_import_form(struct req *r)
{
	form(r);
}

void
web_import_upload(struct req *r)
{
	int64_t id;
	int kind;
	enum svc_rc rc;

	kind = import_kind_parse(req_str(r, "register"));
	if (r->upload.name == NULL || r->upload.len == 0) {
		r->status = 400;
		req_add_error(r, "file", "webimport.err.nofile");
		form(r);
		return;
	}
	rc = importjob_create(&r->svc, (enum import_kind)kind,
	    r->upload.filename, r->upload.data, r->upload.len, &id);
	if (rc == SVC_INVALID && r->svc.err.field != NULL) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		form(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	req_redirect(r, arena_printf(r->a, "/imports/%lld", (long long)id));
}

/* The mapping: each column of the kind, and where the file has it. */
static struct tval *
mapping(struct req *r, const struct importjob *j)
{
	struct tval *l = tv_list(r->a), *m;
	const char *const *col;
	size_t nreq, n, c;
	int kind = import_kind_parse(j->kind);

	if (kind < 0)
		return l;
	col = import_columns((enum import_kind)kind, &nreq);
	for (n = 0; col[n] != NULL; n++) {
		m = tv_obj(r->a);
		tv_set_str(m, "name", col[n]);
		tv_set_bool(m, "required", n < nreq);
		for (c = 0; j->nprev > 0 && c < j->ncells[0]; c++)
			if (strcmp(j->prev[0][c], col[n]) == 0) {
				tv_set_int(m, "at", (int64_t)c + 1);
				break;
			}
		if (j->nprev > 0 && c == j->ncells[0] && n < nreq)
			tv_set_bool(m, "missing", 1);
		tv_push(l, m);
	}
	/* Columns of the file the kind does not know. */
	for (c = 0; j->nprev > 0 && c < j->ncells[0]; c++) {
		for (n = 0; col[n] != NULL; n++)
			if (strcmp(j->prev[0][c], col[n]) == 0)
				break;
		if (col[n] != NULL)
			continue;
		m = tv_obj(r->a);
		tv_set_str(m, "name", j->prev[0][c]);
		tv_set_int(m, "at", (int64_t)c + 1);
		tv_set_bool(m, "unknown", 1);
		tv_push(l, m);
	}
	return l;
}

/* The first rows as read: the header, then data rows, cells padded. */
static void
preview(struct req *r, const struct importjob *j, struct tval *d)
{
	struct tval *head = tv_list(r->a), *rows = tv_list(r->a), *row;
	size_t i, c, w = 0;

	for (i = 0; i < j->nprev; i++)
		if (j->ncells[i] > w)
			w = j->ncells[i];
	for (c = 0; j->nprev > 0 && c < w; c++)
		tv_push(head, tv_str(r->a, c < j->ncells[0] ? j->prev[0][c] :
		    ""));
	for (i = 1; i < j->nprev; i++) {
		row = tv_obj(r->a);
		tv_set_int(row, "line", (int64_t)i + 1);
		tv_set(row, "cells", tv_list(r->a));
		for (c = 0; c < w; c++)
			tv_push((struct tval *)tv_get(row, "cells"), tv_str(r->a,
			    c < j->ncells[i] ? j->prev[i][c] : ""));
		tv_push(rows, row);
	}
	tv_set(d, "head", head);
	tv_set(d, "rows", rows);
	tv_set_bool(d, "has_preview", j->nprev > 0);
}

static void
report(struct req *r, const struct importjob *j, struct tval *d)
{
	struct importjob_error *e;
	struct tval *l = tv_list(r->a), *x;
	int64_t page = req_has(r, "page") ? req_int(r, "page") : 1;
	int64_t stored = j->nerr_total < IMPORT_ERRORS_MAX ? j->nerr_total :
	    IMPORT_ERRORS_MAX, pages = (stored + IMPORT_PAGE - 1) / IMPORT_PAGE;
	size_t n, i;

	if (page > pages && pages > 0)
		page = pages;
	if (importjob_errors(&r->svc, j->id, IMPORT_PAGE,
	    (size_t)(page - 1) * IMPORT_PAGE, &e, &n) != SVC_OK)
		n = 0;
	for (i = 0; i < n; i++) {
		x = tv_obj(r->a);
		if (e[i].row > 0)
			tv_set_str(x, "row", page_num(r, e[i].row));
		tv_set_str(x, "column", e[i].col ? e[i].col : "");
		tv_set_str(x, "message", page_t(r, e[i].msg));
		tv_set_str(x, "arg", e[i].arg ? e[i].arg : "");
		tv_push(l, x);
	}
	tv_set(d, "errors_list", l);
	tv_set_str(d, "nerr", page_num(r, j->nerr_total));
	if (j->nerr_total > IMPORT_ERRORS_MAX)
		tv_set_str(d, "nerr_more", page_num(r, j->nerr_total -
		    IMPORT_ERRORS_MAX));
	if (page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "/imports/%lld?page="
		    "%lld", (long long)j->id, (long long)(page - 1)));
	if (page < pages)
		tv_set_str(d, "next", arena_printf(r->a, "/imports/%lld?page="
		    "%lld", (long long)j->id, (long long)(page + 1)));
	if (pages > 1)
		tv_set_str(d, "page_of", arena_printf(r->a, "%lld / %lld",
		    (long long)page, (long long)pages));
}

static void
view(struct req *r, int64_t id)
{
	struct importjob *j;
	struct tval *d;
	const char *st;
	enum svc_rc rc;
	int status = r->status;

	if ((rc = importjob_get(&r->svc, id, &j)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	st = j->status;
	d = page_data(r, "webimport.job.title");
	tv_set_int(d, "id", j->id);
	tv_set_str(d, "kind", kind_label(r, j->kind));
	tv_set_str(d, "filename", j->filename);
	tv_set_str(d, "format", strcmp(j->format, "xlsx") == 0 ? "XLSX" : "CSV");
	tv_set_str(d, "size", page_num(r, j->size));
	tv_set_str(d, "hash", j->hash);
	tv_set_str(d, "status", page_t(r, arena_printf(r->a,
	    "webimport.status.%s", st)));
	tv_set_str(d, "nrows", page_num(r, j->rows));
	tv_set_str(d, "ok", page_num(r, j->ok));
	tv_set_str(d, "failed", page_num(r, j->failed));
	tv_set_str(d, "written", page_num(r, j->written));
	if (j->msg != NULL)
		tv_set_str(d, "file_error", page_t(r, j->msg));
	if (strcmp(st, "checking") == 0 || strcmp(st, "running") == 0) {
		/* Without JavaScript: the browser asks again in a second. */
		req_header(r, "Refresh", "1");
		tv_set_bool(d, "busy", 1);
		tv_set_bool(d, "importing", strcmp(st, "running") == 0);
		if (j->total > 0) {
			tv_set_int(d, "done", (int64_t)j->done);
			tv_set_int(d, "total", (int64_t)j->total);
			tv_set_str(d, "progress", arena_printf(r->a, "%s / %s",
			    page_num(r, (int64_t)j->done),
			    page_num(r, (int64_t)j->total)));
		}
	} else if (strcmp(st, "checked") == 0) {
		tv_set_bool(d, "can_confirm", 1);
		tv_set_str(d, "expires", page_date(r, j->expires, 1));
	} else if (strcmp(st, "done") == 0) {
		tv_set_bool(d, "done_ok", 1);
		tv_set_str(d, "register", strcmp(j->kind, "participants") == 0 ?
		    "/professionals" : "/providers");
	} else if (strcmp(st, "expired") == 0 || strcmp(st, "lost") == 0)
		tv_set_bool(d, "gone", 1);
	else
		tv_set_bool(d, "refused", 1);
	if (strcmp(st, "done") != 0) {
		preview(r, j, d);
		tv_set(d, "mapping", mapping(r, j));
	}
	if (j->nerr_total > 0)
		report(r, j, d);
	page_errors(r, d);
	page_render(r, "import_job", d);
}

void
web_import_view(struct req *r)
{
	view(r, req_param_id(r, 0));
}

void
web_import_confirm(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	rc = importjob_confirm(&r->svc, id, req_str(r, "hash"));
	if (rc == SVC_CONFLICT || rc == SVC_UNAVAILABLE) {
		r->status = http_status_of(rc);
		req_add_error(r, NULL, r->svc.err.msg);
		view(r, id);
		if (rc == SVC_UNAVAILABLE)
			req_header(r, "Retry-After", "5");
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/imports/%lld", (long long)id),
	    "webimport.flash.confirmed");
}
