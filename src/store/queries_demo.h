/*
 * queries_demo.h — the query ids of the demo domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_demo.inc. These are the bulk queries of `rrjeti demo`
 * (src/cli/demo.c): the same rows the services write, with the ids given
 * by the generator so one batch needs no RETURNING round trip.
 */
Q(Q_DEMO_MUNIS, 0)
Q(Q_DEMO_CONCERNS, 0)
Q(Q_DEMO_SW_AGENCY, 0)
Q(Q_DEMO_AGENCY_BY_CODE, 0)
Q(Q_DEMO_AGENCY_INSERT, 0)
Q(Q_DEMO_TEAM_FIRST, 0)
Q(Q_DEMO_TEAM_INSERT, 0)
Q(Q_DEMO_AGENCY_USERS, 0)
Q(Q_DEMO_USER_BY_NAME, 0)
Q(Q_DEMO_USER_INSERT, 0)
Q(Q_DEMO_MAX_IDS, 0)
Q(Q_DEMO_COUNTERS, 0)
Q(Q_DEMO_COUNTER_PUT, 0)
Q(Q_DEMO_CHILD_INSERT, 0)
Q(Q_DEMO_FTS_INSERT, 0)
Q(Q_DEMO_REPORT_INSERT, 0)
Q(Q_DEMO_REPORT_CONCERN, 0)
Q(Q_DEMO_CASE_INSERT, 0)
Q(Q_DEMO_CASE_CONCERN, 0)
Q(Q_DEMO_RISK_INSERT, 0)
Q(Q_DEMO_EVENT_INSERT, 0)
Q(Q_DEMO_INDEXES, 0)
