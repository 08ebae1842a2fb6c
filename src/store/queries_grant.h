/*
 * queries_grant.h — the query ids of the grant domain (store layer): donors,
 * grants, services delivered, municipal action plans.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_grant.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_grant.inc
 * (same parameters and columns), its use in svc/grant.c or
 * svc/action_plan.c and a unit test in tests/unit/test_grant.c.
 */
Q(Q_GR_DONOR_INSERT, 0)	/* name, kind, country, programme, start, end, by, now -> id */
Q(Q_GR_DONORS, 0)	/* donor|0, limit -> GR_DONOR_COLS (by name) */
Q(Q_GR_AGENCY, 0)	/* agency -> type, active, name */
Q(Q_GR_MUNI, 0)	/* municipality -> country */
Q(Q_GR_INSERT, 0)	/* donor, grantee, number, title, cents, start, end, status, by, now -> id */
Q(Q_GR_SERVICE_ADD, 0)	/* grant, service */
Q(Q_GR_MUNI_ADD, 0)	/* grant, municipality */
Q(Q_GR_REPORT_ADD, 0)	/* grant, due, now -> id */
Q(Q_GR_LIST, 0)	/* muni|0, country|NULL, grantee scope|0, donor|0, grantee|0, municipality|0, active on|NULL, limit, today, donor scope|0 -> GR_COLS */
Q(Q_GR_GET, 0)	/* id, muni|0, country|NULL, grantee scope|0, today, donor scope|0 -> GR_COLS */
Q(Q_GR_CATEGORIES, 0)	/* grant -> category, people */
Q(Q_GR_REPORTS, 0)	/* grant, today -> id, due, reported_at, late (0/1) */
Q(Q_GR_REPORT_DONE, 1)	/* report, grant, by, now (must touch: not yet reported) */
Q(Q_GR_BEN_INSERT, 0)	/* grantee, code, kind, sex, band|NULL, year|NULL, by, now -> id */
Q(Q_GR_BEN_CATEGORY_ADD, 0)	/* beneficiary, category */
Q(Q_GR_BEN_BY_CODE, 0)	/* grantee, code -> id */
Q(Q_GR_FUNDS, 0)	/* grant, service -> 1 when funded */
Q(Q_GR_DELIVERY_INSERT, 0)	/* grant, service, beneficiary, date, by, now -> id */
Q(Q_GR_STATUS, 1)	/* id, to, version, from -> version (must touch: in from, at version) */
Q(Q_GR_STATUS_LOG, 0)	/* grant, from, to, reason, by, now */
Q(Q_GR_LAST_CHANGE, 0)	/* grant -> actor, at of its last audited change */
Q(Q_GR_REPORTS_DUE, 0)	/* today, limit -> report, grant, grantee (active grants, reporting dates passed without a report) */
Q(Q_GR_MUNI_ADMINS, 0)	/* grant -> user (active municipal administrators of its municipalities) */
Q(Q_GR_SERVED, 0)	/* grant, limit -> GR_BEN_COLS of the people served, with their services */
Q(Q_GR_USER_DONOR, 0)	/* user -> donor|0 (a donor's user) */
Q(Q_GR_USER_DONOR_SET, 1)	/* user, donor (must touch: a donor user) */
Q(Q_GR_DONOR_PROJECT, 0)	/* project, donor -> 1 when the project is the donor's or one of its grants is linked to it */
Q(Q_GR_UPDATE, 1)	/* id, version, title, cents, start, end -> version (must touch: at version) */
Q(Q_GR_SERVICES_TRIM, 0)	/* grant (its services without deliveries go) */
Q(Q_GR_MUNIS_CLEAR, 0)	/* grant */
Q(Q_GR_DELIVERED, 0)	/* grant -> service, first day, last day (of its deliveries) */
Q(Q_GR_REPORT_REMOVE, 1)	/* report, grant (must touch: not yet reported) */
Q(Q_GR_REPORT_REMOVAL_LOG, 0)	/* grant, report, due, reason, by, now */
Q(Q_AP_INSERT, 0)	/* municipality, title, start, end, adopted|NULL, institution, by, now -> id */
Q(Q_AP_LIST, 0)	/* muni|0, country|NULL, limit -> AP_COLS */
Q(Q_AP_GET, 0)	/* id, muni|0, country|NULL -> AP_COLS */
Q(Q_AP_OBJECTIVE_INSERT, 0)	/* plan, title, now -> id */
Q(Q_AP_OBJECTIVES, 0)	/* plan -> id, title */
Q(Q_AP_INDICATOR_INSERT, 0)	/* objective, name, unit, baseline, target, direction, now -> id */
Q(Q_AP_INDICATOR_PLAN, 0)	/* indicator -> plan */
Q(Q_AP_INDICATORS, 0)	/* plan -> AP_IND_COLS */
Q(Q_AP_PROGRESS_INSERT, 0)	/* indicator, period end, value, note, by, now -> id */
Q(Q_AP_PROGRESS, 0)	/* plan -> indicator, period end, value, note (oldest first) */
