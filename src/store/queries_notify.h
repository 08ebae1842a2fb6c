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
Q(Q_NT_OUTBOX_QUEUE, 0)	/* notification, user, now -> id (no row: the user wants no e-mail or has no address) */
Q(Q_NT_UNREAD, 0)	/* user -> unread count */
Q(Q_NT_LIST, 0)	/* user, limit, offset -> NT_COLS (unread first, newest first) */
Q(Q_NT_GET, 0)	/* id, user -> NT_COLS */
Q(Q_NT_READ, 1)	/* id, user, now -> id (must touch: unread and the user's) */
Q(Q_NT_READ_ALL, 0)	/* user, now -> (changes) */
Q(Q_NT_GROUP_USERS, 0)	/* community alert -> id (active members of its group) */
Q(Q_NT_TASKS_DUE, 0)	/* country, last due_on (yyyy-mm-dd) -> task id, owner (open tasks of the country's meetings) */
Q(Q_NT_EMAIL_GET, 0)	/* user -> email, email_notify */
Q(Q_NT_EMAIL_SET, 1)	/* user, email, email_notify -> version */
Q(Q_NT_MAIL_DUE, 0)	/* now, limit -> outbox id, email, email_notify, active, lang, kind, link */
Q(Q_NT_MAIL_CLAIM, 1)	/* id, now, lease until -> attempts (must touch: still queued and due) */
Q(Q_NT_MAIL_SET, 1)	/* id, status, now, next_at, error -> id */
Q(Q_NT_MAIL_COUNT, 0)	/* -> queued, sent, failed, dropped */
