/*
 * document.c — the data of the documents generated from a case (svc
 * layer); see document.h. Reads through case_get() (scope, restricted flag,
 * the case.read audit row) and child_get(), then the report of concern by
 * the case id, and records the generation in the audit trail.
 */
#include <string.h>

#include "../audit/audit.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "document.h"

static const char *const doc_kind_names[DOC__MAX] = {
	[DOC_SUMMARY] = "summary",
	[DOC_COURT_REPORT] = "court_report",
};

const char *
document_kind_name(enum doc_kind k)
{
	return k < DOC__MAX ? doc_kind_names[k] : "unknown";
}


struct report_arg {
	struct arena		*a;
	struct doc_report	*r;
};

static int
report_cb(void *arg, const struct store_row *row)
{
	struct report_arg *x = arg;
	struct doc_report *r = x->r;

	r->present = 1;
	r->received_at = srow_int(row, 0);
	r->channel = cm_dup(x->a, row, 1);
	r->referrer_type = cm_dup(x->a, row, 2);
	r->referrer_name = cm_dup(x->a, row, 3);
	r->location = cm_dup(x->a, row, 4);
	r->narrative = cm_dup(x->a, row, 5);
	r->immediate_danger = (int)srow_int(row, 6);
	return 1;	/* one row */
}

enum svc_rc
document_case(struct svc *s, int64_t id, enum doc_kind kind,
    const char *format, struct doc_case **out)
{
	struct doc_case *d;
	struct report_arg ra;
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	if (kind >= DOC__MAX)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((d = arena_zalloc(s->a, sizeof(*d))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((src = case_get(s, id, &d->f)) != SVC_OK)
		return src;
	/* The child of a visible case is visible; a failure here leaves the
	 * document with the case's copy of the names. */
	if (child_get(s, d->f->c.child_id, &d->child) != SVC_OK) {
		d->child = NULL;
		s->err.field = s->err.msg = s->err.arg = NULL;
	}
	ra.a = s->a;
	ra.r = &d->report;
	rc = store_exec(s->st, Q_DOC_CASE_REPORT, p, 1, report_cb, &ra, NULL);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	/* The later steps: what is missing stays NULL (a fresh case). */
	{
		struct screening_info *sv = NULL;
		struct plan_info *pv = NULL;
		size_t n = 0;

		if ((src = screening_list(s, id, 1, &sv, &n)) != SVC_OK)
			return src;
		d->screening = n > 0 ? &sv[0] : NULL;
		if ((src = assessment_get(s, id, &d->assessment)) != SVC_OK)
			return src;
		if ((src = plan_list(s, id, &pv, &n)) != SVC_OK)
			return src;
		for (i = 0; i < n && d->plan == NULL; i++)
			if (strcmp(pv[i].status, "active") == 0)
				d->plan = &pv[i];
		if (d->plan == NULL && n > 0)
			d->plan = &pv[0];
		if ((src = closure_case(s, &d->f->c, &d->closure)) != SVC_OK)
			return src;
	}
	d->supervisor = "";
	for (i = 0; i < d->f->nrisks; i++)
		if (d->f->risks[i].validated_by) {
			d->supervisor = d->f->risks[i].validator;
			break;
		}
	if (audit_record_tx(s->st, s->actor, NULL, arena_printf(s->a,
	    "document.%s", doc_kind_names[kind]), "case", id, arena_printf(s->a,
	    "format=%s", format ? format : "")) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = d;
	return SVC_OK;
}
