/*
 * queries_protect.h — the query ids of the protect domain (store layer): protection measures, emergency placements, systematic visits.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_protect.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in sql_sqlite_protect.inc
 * (same parameters and columns), its use in svc/protect.c or svc/visit.c
 * and a unit test in test_protect.c.
 */
Q(Q_PR_MEASURE_INSERT, 0)	/* case, type, by, decision, submission, confirmation, expiry, status, author, now -> id */
Q(Q_PR_MEASURE_SAME, 0)	/* case, type, today, except -> count of active measures of the type */
Q(Q_PR_MEASURES, 0)	/* case, today, limit -> PR_MEASURE_COLS (newest first) */
Q(Q_PR_MEASURE_GET, 0)	/* id, case, today -> PR_MEASURE_COLS */
Q(Q_PR_MEASURE_UPDATE, 1)	/* id, submission, confirmation, expiry, status, now (must touch: not ended) */
Q(Q_PR_MEASURE_END, 1)	/* id, reason, date, now (must touch: not ended) */
Q(Q_PR_PLACEMENT_INSERT, 0)	/* case, kind, name, started, ends, author, now -> id */
Q(Q_PR_PLACEMENT_RUNNING, 0)	/* case -> id of the running placement */
Q(Q_PR_PLACEMENTS, 0)	/* case, limit -> PR_PLACEMENT_COLS (newest first) */
Q(Q_PR_PLACEMENT_GET, 0)	/* id, case -> PR_PLACEMENT_COLS */
Q(Q_PR_PLACEMENT_END, 1)	/* id, ended_at, how, measure|NULL, by (must touch: running) */
Q(Q_PR_RUNNING, 0)	/* user, team|NULL, agency, unit, limit -> id, case, ends_at, number, kind, name */
Q(Q_PR_SCAN_PLACEMENTS, 0)	/* now, until -> id, case, ends_at, worker|0, agency (running, open cases) */
Q(Q_PR_SCAN_MEASURES, 0)	/* today, until day -> id, case, worker|0, agency */
Q(Q_VI_INSERT, 0)	/* agency, municipality, kind, date, place, health names, institution, others, by, now -> id */
Q(Q_VI_WORKER, 0)	/* user, agency -> id (an active caseworker or supervisor of it) */
Q(Q_VI_WORKERS, 0)	/* agency, limit -> id, full name (active caseworkers and supervisors) */
Q(Q_VI_PARTICIPANT_ADD, 0)	/* visit, user */
Q(Q_VI_LIST, 0)	/* agency, kind|NULL, status|NULL, from|NULL, to|NULL, today, limit, offset -> VI_COLS */
Q(Q_VI_COUNT, 0)	/* agency, kind|NULL, status|NULL, from|NULL, to|NULL -> count */
Q(Q_VI_GET, 0)	/* id -> VI_COLS */
Q(Q_VI_PARTICIPANTS, 0)	/* visit -> user id, full name */
Q(Q_VI_DONE, 1)	/* id, findings, seen f, seen m, now, version (must touch: planned, version) */
Q(Q_VI_CANCEL, 1)	/* id, reason, now, version (must touch: planned, version) */
Q(Q_VI_TOUCH, 1)	/* id, version, now (must touch: version) */
Q(Q_VI_REPORT_ADD, 0)	/* visit, report */
Q(Q_VI_REPORTS, 0)	/* visit -> report id, status, case number|'' , received_at */
Q(Q_VI_OF_REPORT, 0)	/* report -> visit id, kind, date */
