/*
 * queries_indicator.h — the query ids of the indicator domain (store layer): the indicators of DOMAIN.md §6, the workforce norm, their counters.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_indicator.inc.
 */
