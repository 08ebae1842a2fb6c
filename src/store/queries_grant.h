/*
 * queries_grant.h — the query ids of the grant domain (store layer): donors, grants, services delivered, municipal action plans.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_grant.inc.
 */
