/*
 * queries_documents.h — the query ids of the documents domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_documents.inc.
 */
