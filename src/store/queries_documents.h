/*
 * queries_documents.h — the query ids of the documents domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_documents.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_documents.inc,
 * its use in svc/document.c (only after case_get() has checked the case is
 * visible) and a test in tests/http/documents.test.mjs.
 */
Q(Q_DOC_CASE_REPORT, 0)	/* case -> received_at, channel, referrer_type, referrer_name, location, narrative, immediate_danger */
