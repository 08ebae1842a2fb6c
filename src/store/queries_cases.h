/*
 * queries_cases.h — the query ids of the cases domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_cases.inc; the result columns of a case row are CASE_COLS
 * there, in the order of enum case_col (svc/case.c).
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_cases.inc
 * (same parameters and columns), its use in svc/case.c and a unit test in
 * tests/unit/test_case.c.
 */
Q(Q_CASE_COUNTER_NEXT, 0)	/* municipality, year -> last (the new sequence) */
Q(Q_CASE_INSERT, 0)	/* number, muni, agency, team, worker, child, report, emergency, restricted, source, by, now -> id */
Q(Q_CASE_CONCERN_INSERT, 0)	/* case, code, primary */
Q(Q_CASE_EVENT_INSERT, 0)	/* case, at, actor, kind, field, before, after, note */
Q(Q_CASE_GET, 0)	/* id -> CASE_COLS */
Q(Q_CASE_CONCERNS, 0)	/* case -> code, label_sq, label_en, label_sr, primary, restricted */
Q(Q_CASE_RISKS, 0)	/* case -> id, level, rationale, author_id, author, at, validated_by, validator, validated_at */
Q(Q_CASE_EVENTS, 0)	/* case, limit -> id, at, actor_id, actor, kind, field, before, after, note (newest first) */
Q(Q_CASE_RISK_INSERT, 0)	/* case, level, rationale, author, at -> id */
Q(Q_CASE_SET_RISK, 1)	/* id, risk, status, version, now -> version (must touch) */
Q(Q_CASE_RISK_GET, 0)	/* rid -> id, case_id, level, author_id, validated_by|NULL, latest (0/1) */
Q(Q_CASE_RISK_VALIDATE, 1)	/* rid, by, at (must touch: not yet validated) */
Q(Q_CASE_TOUCH, 1)	/* id, now -> version (must touch) */
Q(Q_CASE_SET_STATUS, 1)	/* id, status, version|0 (0: unchecked), now -> version (must touch) */
Q(Q_CASE_ASSIGN, 1)	/* id, worker, team|NULL, version, now -> version (must touch) */
Q(Q_CASE_WORKERS, 0)	/* agency -> id, full_name, team_id, team name (active caseworkers) */
Q(Q_CASE_WORKER_GET, 0)	/* user id -> id, full_name, role, agency_id, team_id, active, team name */
Q(Q_CASE_TEAM_GET, 0)	/* team id -> id, agency_id, name */
Q(Q_CASE_SEARCH, 0)	/* CASE_FILTER params (?1..?14), sort, limit, offset -> CASE_COLS, total rows */
Q(Q_CASE_COUNT, 0)	/* CASE_FILTER params (?1..?14) -> count */
Q(Q_CASE_SEARCH_Q, 0)	/* as Q_CASE_SEARCH, with a search text ?5/?6 */
Q(Q_CASE_COUNT_Q, 0)	/* as Q_CASE_COUNT, with a search text ?5/?6 */
Q(Q_CASE_ATTENTION, 0)	/* user, agency -> own open without risk, own open high, unit's latest risks not validated */
