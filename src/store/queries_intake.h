/*
 * queries_intake.h — the query ids of the intake domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_intake.inc. Checklist: the id here, its SQL there, a unit test
 * in tests/unit/test_intake.c or test_child.c that runs it.
 *
 * Child visibility (VIS) is four parameters, in this order wherever it
 * appears: agency, user, team|NULL, unit (authz_case_scope()); a child is
 * visible when a case of it lies in that scope or a report of it is in the
 * agency's intake. Agency -1 sees nothing.
 */
Q(Q_INTAKE_AGENCY, 0)	/* municipality -> id of its active social_work agency */
Q(Q_REPORT_INSERT, 0)	/* muni, agency, received, channel, referrer_type, r_name, r_contact, r_agency, given, family, parent, sex, birth, age, location, narrative, danger, by, now -> id */
Q(Q_REPORT_CONCERN_ADD, 0)	/* report, code */
Q(Q_REPORT_GET, 0)	/* id, agency -> REPORT_COLS */
Q(Q_REPORT_LIST, 0)	/* agency, status, limit, offset -> REPORT_COLS */
Q(Q_REPORT_COUNT, 0)	/* agency, status -> count */
Q(Q_REPORT_CONCERNS, 0)	/* report -> code, label_sq, label_en, label_sr, restricted */
Q(Q_REPORT_DECIDE, 1)	/* id, status, reason, onward, child, case, by, now, version -> version (must touch) */
Q(Q_CHILD_INSERT, 0)	/* CHILD_PARAMS(1..18), fold_given, fold_family, fold_parent, by, now -> id */
Q(Q_CHILD_UPDATE, 1)	/* id, CHILD_PARAMS(2..19), folds(20..22), now, version -> version (must touch) */
Q(Q_CHILD_FTS_PUT, 0)	/* id, names */
Q(Q_CHILD_FTS_DEL, 0)	/* id */
Q(Q_CHILD_GET, 0)	/* id, VIS(2..5) -> CHILD_COLS */
Q(Q_CHILD_FETCH, 0)	/* id -> CHILD_COLS (unchecked: for rules inside a write) */
Q(Q_CHILD_CANDIDATES, 0)	/* pn|NULL, fts query, fold_family, fold_given, VIS(5..8), limit -> CHILD_COLS */
