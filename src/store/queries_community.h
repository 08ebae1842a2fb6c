/*
 * queries_community.h — the query ids of the community domain (store layer): consent, community advisory groups, their alerts and initiatives.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_community.inc.
 */
