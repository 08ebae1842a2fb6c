/*
 * queries_deadlines.h — the query ids of the deadlines domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_deadlines.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_deadlines.inc
 * (same parameters and columns), its use in svc/deadline.c and a unit test
 * in tests/unit/test_deadline.c.
 */
Q(Q_DL_RULE_VERSION, 0)	/* country, now -> the newest version in force (0: none) */
Q(Q_DL_RULE_GET, 0)	/* country, version, step, risk -> amount, unit (the risk's own row before 'any') */
Q(Q_DL_RULE_SET_INSERT, 0)	/* country, version, effective_from, note */
Q(Q_DL_RULE_INSERT, 0)	/* country, version, step, risk, amount, unit */
Q(Q_DL_CASE_SET_VERSION, 1)	/* case, version (must touch) */
Q(Q_DL_REPORT_RECEIVED, 0)	/* report -> received_at */
Q(Q_DL_CASE_INFO, 0)	/* case -> agency, team, worker, restricted, country, rule_version, opened_at, risk, status, version */
Q(Q_DL_UPSERT, 0)	/* case, step, start, due|NULL, done|NULL, rule_version, now, by|NULL (an open step only) */
Q(Q_DL_DROP_OPEN, 0)	/* case, step (an open step no longer required) */
Q(Q_DL_INSERT_DONE, 0)	/* case, step, start, done, by, rule_version (nothing when the step exists) */
Q(Q_DL_DONE, 1)	/* case, step, at, by (must touch: open) */
Q(Q_DL_RESTART, 0)	/* case, step, start, due|NULL, rule_version: a new period (open again, not escalated) */
Q(Q_DL_OPEN_START, 0)	/* case, step -> start of the open step (no row: none open) */
Q(Q_DL_DROP_ALL_OPEN, 0)	/* case: every open step (the case ended) */
Q(Q_DL_CASE_LIST, 0)	/* case -> step, start, due|0, done|0, escalated|0, rule_version */
Q(Q_DL_ESCALATE, 0)	/* DL_SCOPE (?1..?4), now: overdue steps of the unit, first listing */
Q(Q_DL_WORK, 0)	/* DL_SCOPE (?1..?4), now, limit -> WORK_COLS */
Q(Q_DL_WORK_OWN, 0)	/* the same for an actor who is not a unit (?4 = 0): only their own cases, by case_worker */
Q(Q_DL_COUNTS, 0)	/* DL_SCOPE (?1..?4), now, end of today -> own overdue, own due today, unit overdue */
Q(Q_DL_EXTRAS, 0)	/* country -> date, cancel, shift */
Q(Q_DL_EXTRA_LIST, 0)	/* country, year -> id, date, cancel, shift, name, author, at */
Q(Q_DL_EXTRA_INSERT, 0)	/* country, date, cancel, shift, name, by, at */
Q(Q_HOME_CASEWORK, 0)	/* user, team|NULL, agency, unit, now, end of today, supervisor agency|-1 -> overdue, today, unit_overdue, own_no_risk, own_high, pending, reports waiting */
