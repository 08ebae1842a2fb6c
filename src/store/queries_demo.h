/*
 * queries_demo.h — the query ids of the demo domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_demo.inc.
 */
