/*
 * queries_deadlines.h — the query ids of the deadlines domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_deadlines.inc.
 */
