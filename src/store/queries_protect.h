/*
 * queries_protect.h — the query ids of the protect domain (store layer): protection measures, emergency placements, systematic visits.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_protect.inc.
 */
