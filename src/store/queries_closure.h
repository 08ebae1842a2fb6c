/*
 * queries_closure.h — the query ids of the closure domain (store layer): reviews, closure, reopening and transfer.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_closure.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_closure.inc
 * (same parameters and columns), its use in the service and a unit test.
 */
