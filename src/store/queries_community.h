/*
 * queries_community.h — the query ids of the community domain (store layer): consent, community advisory groups, their alerts and initiatives.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_community.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in
 * sql_sqlite_community.inc (same parameters and columns), its use in
 * svc/consent.c or svc/community.c and a unit test in test_community.c.
 */
Q(Q_CM_AGENCY_ACTIVE, 0)	/* agency -> id (an active agency) */
Q(Q_CM_CONSENT_INSERT, 0)	/* case, kind, giver, relation, ocode, oreason, all, date, author, now -> id */
Q(Q_CM_CONSENT_AGENCY_ADD, 0)	/* consent, agency */
Q(Q_CM_CONSENT_CATEGORY_ADD, 0)	/* consent, category */
Q(Q_CM_CONSENTS, 0)	/* case, limit -> CM_CONSENT_COLS (newest first) */
Q(Q_CM_CONSENT_CASE, 0)	/* consent -> case, withdrawn (0/1) */
Q(Q_CM_CONSENT_WITHDRAW, 1)	/* id, case, date, reason, by, now (must touch: not withdrawn) */
Q(Q_CM_CONSENT_ALLOWS, 0)	/* case, agency, category -> consent (0/1), override (0/1) */
Q(Q_CM_OVERRIDES, 0)	/* agency|0, country|NULL, limit -> id, case, number, code, reason, date, author, created_at, withdrawn_date */
Q(Q_CM_GROUP_INSERT, 0)	/* municipality, name, by, now -> id */
Q(Q_CM_GROUP_COMMUNITY_ADD, 0)	/* group, community */
Q(Q_CM_GROUPS, 0)	/* municipality|0, limit -> CM_GROUP_COLS */
Q(Q_CM_GROUP_GET, 0)	/* group -> CM_GROUP_COLS */
Q(Q_CM_USER_ROW, 0)	/* user -> role, active */
Q(Q_CM_MEMBER_SET, 0)	/* user, group, by, now */
Q(Q_CM_MEMBER_REMOVE, 1)	/* user, group (must touch: a member of it) */
Q(Q_CM_MEMBER_GROUP, 0)	/* user -> group, municipality (an active group) */
Q(Q_CM_MEMBERS, 0)	/* group, limit -> user id, username, full name */
Q(Q_CM_ALERT_INSERT, 0)	/* group, municipality, location, seen, description, danger, by, now -> id */
Q(Q_CM_ALERTS_OF_GROUP, 0)	/* group, limit -> CM_ALERT_COLS (newest first) */
Q(Q_CM_ALERTS_OF_MUNI, 0)	/* municipality, status|NULL, limit -> CM_ALERT_COLS */
Q(Q_CM_ALERT_GET, 0)	/* alert -> CM_ALERT_COLS */
Q(Q_CM_ALERT_DECIDE, 1)	/* id, status, reason, report|NULL, by, now, version (must touch: received, version) */
Q(Q_CM_INITIATIVE_INSERT, 0)	/* group, title, type, start, end, place, 10 counts, author, now -> id */
Q(Q_CM_INITIATIVES, 0)	/* group|0, municipality|0, limit -> CM_INITIATIVE_COLS */
