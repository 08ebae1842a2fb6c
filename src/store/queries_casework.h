/*
 * queries_casework.h — the query ids of the casework domain (store layer): screening, comprehensive assessment and the Individual Protection Plan.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_casework.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_casework.inc
 * (same parameters and columns), its use in the service and a unit test.
 */
