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
/* The network around the case (demo.c network()): table members and their
 * agencies, conferences (svc/conference.c), consent (svc/consent.c),
 * community advisory groups (svc/community.c). Written after the bulk
 * load, with every CHECK enforced, so not in Q_DEMO_INDEXES. */
Q(Q_DEMO_AGENCY_OF_TYPE, 0)
Q(Q_DEMO_ADMIN_OF, 0)
Q(Q_DEMO_NET_DONE, 0)
Q(Q_DEMO_CF_INSERT, 0)
Q(Q_DEMO_CF_INVITEE, 0)
Q(Q_DEMO_CF_CASE, 0)
Q(Q_DEMO_CF_TASK, 0)
Q(Q_DEMO_CF_HELD_CANDIDATES, 0)
Q(Q_DEMO_CF_DUE, 0)
Q(Q_DEMO_WORKER_STATUS_COUNT, 0)
Q(Q_DEMO_CASE_MOVE, 0)
Q(Q_DEMO_CASE_TOUCH, 0)
Q(Q_DEMO_DL_DONE, 0)
Q(Q_DEMO_DL_HAS, 0)
Q(Q_DEMO_DL_RESTART, 0)
Q(Q_DEMO_CONSENT_CASES, 0)
Q(Q_DEMO_CONSENT_INSERT, 0)
Q(Q_DEMO_CONSENT_AGENCY, 0)
Q(Q_DEMO_CONSENT_CATEGORY, 0)
Q(Q_DEMO_GROUP_INSERT, 0)
Q(Q_DEMO_GROUP_COMMUNITY, 0)
Q(Q_DEMO_MEMBER_INSERT, 0)
Q(Q_DEMO_COMMUNITY_REPORT, 0)
Q(Q_DEMO_ALERT_INSERT, 0)
Q(Q_DEMO_INITIATIVE_INSERT, 0)
/* The network of the first-wave domains (demo_network.c). */
#include "queries_demo2.h"
