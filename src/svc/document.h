/*
 * document.h — the documents generated from a case (svc layer): the
 * printable case summary and the psycho-social report for court. The
 * service gathers what a document shows (the case as case_get() gives it,
 * the child record, the report of concern it was registered from) with the
 * permission of reading the case, and audits every document generated;
 * the web layer (web/documents.c) lays it out as an HTML print view or a
 * PDF (doc/pdf.h).
 */
#ifndef RRJETI_DOCUMENT_H
#define RRJETI_DOCUMENT_H

#include <stdint.h>

#include "assessment.h"
#include "case.h"
#include "child.h"
#include "closure.h"
#include "plan.h"
#include "svc.h"

/* Checklist: doc_kind_names in document.c (the audit action
 * "document.<name>"), the routes in app/routes_documents.inc. */
enum doc_kind {
	DOC_SUMMARY,
	DOC_COURT_REPORT,
	DOC__MAX
};

/* The report of concern (present 0 when the case has none). */
struct doc_report {
	int		 present;
	int64_t		 received_at;
	const char	*channel, *referrer_type, *referrer_name, *location;
	const char	*narrative;
	int		 immediate_danger;
};

struct doc_case {
	struct case_full	*f;
	struct child_info	*child;		/* NULL when not visible */
	struct doc_report	 report;
	const char		*supervisor;	/* the latest validator, or "" */
	struct screening_info	*screening;	/* the latest, or NULL */
	struct assessment_info	*assessment;	/* NULL: none */
	struct plan_info	*plan;		/* the active, else the newest
						 * version; NULL: none */
	struct closure_view	*closure;	/* reviews, closures, links */
};

/*
 * What document kind of case id shows, for format ("html" or "pdf", kept in
 * the audit detail). SVC_NOTFOUND (audited case.read.denied by case_get())
 * when the actor may not see the case; on success the generation is audited
 * as document.summary / document.court_report with the case id.
 */
enum svc_rc	document_case(struct svc *, int64_t id, enum doc_kind,
		    const char *format, struct doc_case **);

const char	*document_kind_name(enum doc_kind);

#endif
