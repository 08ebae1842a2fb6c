/*
 * queries_intake.h — the query ids of the intake domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_intake.inc.
 */
