/*
 * queries_children.h — the query ids of the children domain (store layer): the child record: editing, caregivers and household, sibling links, merging.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_children.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_children.inc
 * (same parameters and columns), its use in the service and a unit test.
 */
