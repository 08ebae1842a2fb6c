/*
 * import.c — imports over the JSON API (api layer): POST
 * /api/v1/imports/{kind}[?dry_run=1] with the file as the raw body
 * (text/csv, or the XLSX type; the format is read from the content). The
 * whole file is checked, and written unless dry_run or a row fails; the
 * answer is the per-row report. See api_import.h and docs/API.md.
 */
#include <string.h>
#include <strings.h>

#include "../app/app.h"
#include "../i18n/i18n.h"
#include "../json/jw.h"
#include "../svc/importjob.h"
#include "api.h"
#include "api_import.h"

#define XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

struct answer {
	struct req	*r;
	int		 dry;
};

static int
type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static void
report_json(struct req *r, struct jw *w, const struct import_report *rep)
{
	const struct import_error *e;
	size_t i;

	jw_key(w, "report");
	jw_obj_open(w);
	jw_kstr(w, "kind", import_kinds[rep->kind]);
	jw_kint(w, "rows", (int64_t)rep->rows);
	jw_kint(w, "ok", (int64_t)rep->ok);
	jw_kint(w, "failed", (int64_t)rep->failed);
	jw_kint(w, "written", (int64_t)rep->written);
	jw_kbool(w, "committed", rep->committed);
	jw_kint(w, "errors_total", (int64_t)rep->nerr_total);
	jw_key(w, "errors");
	jw_arr_open(w);
	for (i = 0; i < rep->nerr; i++) {
		e = &rep->err[i];
		jw_obj_open(w);
		jw_kint(w, "row", (int64_t)e->row);
		jw_kstr(w, "column", e->column);
		jw_kstr(w, "code", e->msg);
		jw_kstr(w, "message", i18n_get(r->lang, e->msg));
		jw_kstr(w, "arg", e->arg);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_obj_close(w);
}

/* Called while the report lives (svc/importjob.c). */
static void
answer(void *arg, enum svc_rc rc, const struct import_report *rep)
{
	struct answer *x = arg;
	struct req *r = x->r;
	struct jw w;

	if (rep == NULL || (rc != SVC_OK && rc != SVC_INVALID))
		return;		/* api_fail() answers */
	api_begin(r, &w, rc == SVC_OK ? (x->dry ? 200 : 201) : 400);
	jw_obj_open(&w);
	if (rc != SVC_OK) {
		jw_kstr(&w, "error", "invalid");
		jw_kstr(&w, "message", i18n_get(r->lang, r->svc.err.msg ?
		    r->svc.err.msg : "import.err.rows"));
		if (r->svc.err.field != NULL)
			jw_kstr(&w, "field", r->svc.err.field);
	}
	jw_kbool(&w, "dry_run", x->dry);
	report_json(r, &w, rep);
	jw_obj_close(&w);
}

void
api_import(struct req *r)
{
	struct answer x;
	enum svc_rc rc;
	int kind = import_kind_parse(r->nparams > 0 ? r->params[0] : NULL);

	if (kind < 0) {
		http_error(r, 404, "error.notfound");
		return;
	}
	if (r->upload.len > 0 && !type_is(r->upload.ctype, "text/csv") &&
	    !type_is(r->upload.ctype, XLSX_TYPE)) {
		http_error(r, 415, "webimport.err.content_type");
		return;
	}
	x.r = r;
	x.dry = req_bool(r, "dry_run");
	r->status = 0;
	rc = importjob_direct(&r->svc, (enum import_kind)kind, r->upload.data,
	    r->upload.len, x.dry, answer, &x);
	if (r->status == 0 || r->out.oom) {
		r->out.len = 0;
		r->out.oom = 0;
		api_fail(r, rc);
	}
}
