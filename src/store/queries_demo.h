/*
 * queries_demo.h — the query ids of the demo domain (store layer), as an
 * X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_demo.inc. These are the bulk queries of `rrjeti demo`
 * (src/cli/demo.c): the same rows the services write, with the ids given
 * by the generator so one batch needs no RETURNING round trip.
 * Checklist when a service's table changes: its INSERT here, the binding
 * in demo.c, and the table in Q_DEMO_INDEXES when it has indexes.
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
Q(Q_DEMO_CAREGIVER_INSERT, 0)
Q(Q_DEMO_LINK_INSERT, 0)
Q(Q_DEMO_CHILD_EVENT_INSERT, 0)
Q(Q_DEMO_SCREENING_INSERT, 0)
Q(Q_DEMO_ASSESSMENT_INSERT, 0)
Q(Q_DEMO_PLAN_INSERT, 0)
Q(Q_DEMO_GOAL_INSERT, 0)
Q(Q_DEMO_ACTION_INSERT, 0)
Q(Q_DEMO_REVIEW_INSERT, 0)
Q(Q_DEMO_INCIDENT_INSERT, 0)
Q(Q_DEMO_CLOSURE_INSERT, 0)
Q(Q_DEMO_TRANSFER_INSERT, 0)
Q(Q_DEMO_DEADLINE_INSERT, 0)
Q(Q_DEMO_RULE_SETS, 0)
Q(Q_DEMO_RULES, 0)
Q(Q_DEMO_HOLIDAY_EXTRAS, 0)
