/*
 * queries_provider.h — the query ids of the provider domain (store layer): the provider registry: licences, inspections.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_provider.inc.
 */
