/*
 * queries_notify.h — the query ids of the notify domain (store layer): the
 * in-app inbox. An X-macro list Q(id, must_touch); see
 * queries_foundation.h. The SQL is in sql_sqlite_notify.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in sql_sqlite_notify.inc
 * (same parameters and columns), its use in svc/notify.c and a unit test in
 * test_notify.c.
 */
Q(Q_NT_INSERT, 0)	/* user, kind, type, object, link, now -> id */
Q(Q_NT_INSERT_ONCE, 0)	/* user, kind, type, object, link, now -> id (no row when the user has one for kind and object) */
Q(Q_NT_AGENCY_USERS, 0)	/* agency, role|NULL -> id (active users) */
