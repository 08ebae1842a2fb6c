/*
 * queries_report.h — the query ids of the report domain (store layer):
 * projects, their targets, grants and programmes, the beneficiary report,
 * report schedules. An X-macro list Q(id, must_touch); see
 * queries_foundation.h. The SQL is in sql_sqlite_report.inc; the services
 * in svc/report.c; tests in tests/unit/test_report.c.
 */
Q(Q_RP_PROJECT_INSERT, 0)	/* country, name, donor|NULL, start, end, by, now -> id */
Q(Q_RP_PROJECT_GET, 0)	/* id -> PROJECT_COLS */
Q(Q_RP_PROJECTS, 0)	/* country|NULL -> PROJECT_COLS (newest first) */
Q(Q_RP_DONOR_GET, 0)	/* donor id -> id */
Q(Q_RP_TARGET_PUT, 0)	/* project, kind, key, target, by, now (insert or replace) */
Q(Q_RP_TARGETS, 0)	/* project -> kind, key, target */
Q(Q_RP_GRANT_GET, 0)	/* grant id -> id, number, grantee country|'' */
Q(Q_RP_GRANT_LINK, 0)	/* project, grant */
Q(Q_RP_PROGRAMME_GET, 0)	/* programme id -> id, country */
Q(Q_RP_PROGRAMME_LINK, 0)	/* project, programme */
Q(Q_RP_PROGRAMMES, 0)	/* project -> id, title, acc_number */
Q(Q_RP_CHILDREN, 0)	/* project -> unique children served in the period */
Q(Q_RP_CHILD_CATEGORIES, 0)	/* project -> category, unique children */
Q(Q_RP_PROFESSIONALS, 0)	/* project -> unique professionals trained */
Q(Q_RP_PROFILES, 0)	/* project -> profile, unique professionals */
Q(Q_RP_GRANTS, 0)	/* project -> grant id, number, grantee, amount_cents, people, children (in the period), donor */
Q(Q_RP_SCHED_INSERT, 0)	/* kind, country, muni|NULL, format, by, now -> id */
Q(Q_RP_SCHEDS, 0)	/* -> id, kind, country, muni id|NULL, muni code|'', format, active, last_period */
Q(Q_RP_SCHED_DONE, 1)	/* id, period (must touch) */
Q(Q_RP_RUN_INSERT, 0)	/* schedule|NULL, kind, period, muni|NULL, format, path, rows, bytes, by, now -> id */
Q(Q_RP_MUNIS, 0)	/* country -> id, code, name_sq */
Q(Q_RP_MUNI_BY_CODE, 0)	/* code -> id, code, name_sq, country */
