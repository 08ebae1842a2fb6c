/*
 * queries_conference.h — the query ids of the conference domain (store
 * layer): case conferences (TMR/GTN): meetings, invitations, agenda,
 * attendance, decisions, tasks, minutes. An X-macro list Q(id, must_touch);
 * see queries_foundation.h. The SQL is in sql_sqlite_conference.inc; the
 * columns of a meeting are CF_COLS there, in the order of enum cf_col
 * (svc/conference.c), those of an agenda row CF_CASE_COLS (enum cc_col),
 * those of a task CF_TASK_COLS (enum ct_col).
 *
 * No query relies on must_touch: a write that must touch a row returns
 * it (RETURNING) and the service checks that it did.
 *
 * Checklist when adding one: the id here, its SQL in
 * sql_sqlite_conference.inc (same parameters and columns), its use in
 * svc/conference.c and a unit test in tests/unit/test_conference.c.
 */
Q(Q_CF_INSERT, 0)	/* muni, agency, kind, starts_at, place, convenor, now, admin_unit -> id */
Q(Q_CF_PROPOSE, 0)	/* conference, agency, by, now, limit: the due cases onto the agenda */
Q(Q_CF_CANDIDATES, 0)	/* conference, agency, limit -> CF_CASE_COLS (due, not on a planned agenda) */
Q(Q_CF_GET, 0)	/* id -> CF_COLS */
Q(Q_CF_LIST_UNIT, 0)	/* agency, limit -> CF_COLS (newest first) */
Q(Q_CF_LIST_MEMBER, 0)	/* user, municipality, limit -> CF_COLS (invited to) */
Q(Q_CF_INVITEES, 0)	/* conference -> id, kind, user_id, name, agency, attendance */
Q(Q_CF_INVITEE_OF, 0)	/* conference, user -> invitee id */
Q(Q_CF_INVITEE_GET, 0)	/* id, conference -> id, kind, user_id */
Q(Q_CF_USER_GET, 0)	/* user -> id, role, active, agency, agency type, agency municipality, agency active */
Q(Q_CF_USERS, 0)	/* municipality, agency, conference -> id, full_name, agency name, role (invitable, not invited) */
Q(Q_CF_INVITE_USER, 0)	/* conference, user, now -> id */
Q(Q_CF_INVITE_GUEST, 0)	/* conference, kind, name, now -> id */
Q(Q_CF_INVITEE_DELETE, 0)	/* id, conference -> id (none: no such row) */
Q(Q_CF_ATTENDANCE, 0)	/* id, conference, attendance -> id (none: no such row) */
Q(Q_CF_CASES, 0)	/* conference -> CF_CASE_COLS (agenda order) */
Q(Q_CF_CASE_BY_NUMBER, 0)	/* number -> case id, agency, status */
Q(Q_CF_AGENDA_ADD, 0)	/* conference, case, by, now -> id */
Q(Q_CF_AGENDA_GET, 0)	/* agenda id, conference -> id, case_id, worker_id */
Q(Q_CF_AGENDA_TASKS_DELETE, 0)	/* agenda id */
Q(Q_CF_AGENDA_DELETE, 0)	/* agenda id, conference -> id (none: no such row) */
Q(Q_CF_DECISION, 0)	/* agenda id, conference, decisions, measure -> id (none: no such row) */
Q(Q_CF_TASK_INSERT, 0)	/* conference, agenda, what, owner, due_on, by, now -> id */
Q(Q_CF_TASK_GET, 0)	/* task id, conference -> id, owner_id, status */
Q(Q_CF_TASK_DONE, 0)	/* task id, by, now -> id (none: not open) */
Q(Q_CF_TASKS, 0)	/* conference -> CF_TASK_COLS */
Q(Q_CF_MY_TASKS, 0)	/* user, limit -> CF_TASK_COLS (open, by deadline) */
Q(Q_CF_TOUCH, 0)	/* id, now -> version -> id (none: no such row) */
Q(Q_CF_HOLD, 0)	/* id, version, now, next_on -> version (none: held, or another version) */
Q(Q_CF_UNITS, 0)	/* agency, limit -> admin_unit (of the children of its open cases) */
