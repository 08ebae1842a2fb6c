/*
 * queries_referral.h — the query ids of the referral domain (store layer): referrals out to providers and agencies, reports in from police, schools and health centres.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_referral.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in
 * sql_sqlite_referral.inc (same parameters and columns), its use in
 * svc/referral.c or svc/report_in.c and a unit test in test_referral.c.
 */
Q(Q_RF_AGENCY, 0)	/* agency -> type, active, municipality|0, country|'', name */
Q(Q_RF_CONSENT, 0)	/* consent, case, agency -> withdrawn, covers agency, categories */
Q(Q_RF_INSERT, 0)	/* case, from, to, service, reason, urgency, due date, due at, consent, categories, licence|NULL, number, worker, now -> id */
Q(Q_RF_OF_CASE, 0)	/* case, limit -> RF_COLS (newest first) */
Q(Q_RF_GET, 0)	/* referral -> RF_COLS */
Q(Q_RF_INCOMING, 0)	/* agency, status|NULL, limit -> RF_COLS (waiting first) */
Q(Q_RF_OPEN, 0)	/* user, team|NULL, agency, unit, now, limit, ended (1: declined or cancelled; 0: without an outcome) -> RF_COLS (overdue first) */
Q(Q_RF_SESSIONS, 0)	/* referral -> id, date, count, note, author, created_at */
Q(Q_RF_FEEDBACKS, 0)	/* referral -> id, text, author, created_at */
Q(Q_RF_ANSWER, 1)	/* id, status, reason, expected, by, now, version -> version (must touch: sent or waitlisted, at version) */
Q(Q_RF_START, 1)	/* id, date, version -> version (must touch: accepted, at version) */
Q(Q_RF_BUMP, 1)	/* id, version, status a, status b -> version (must touch: in a or b, at version) */
Q(Q_RF_CLOSE, 1)	/* id, outcome, note, by, now, version -> version (must touch: accepted or in_service, at version) */
Q(Q_RF_CANCEL, 1)	/* id, kind, reason, by, now, version -> version (must touch: open, at version) */
Q(Q_RF_SESSION_INSERT, 0)	/* referral, date, count, note, by, now -> id */
Q(Q_RF_FEEDBACK_INSERT, 0)	/* referral, text, by, now -> id */
Q(Q_RF_SUMMARY, 0)	/* case, today -> given, family, sex, age|-1, address, municipality, risk, concerns,
			 * disability, disability_note, school_status, assessment status|"",
			 * safety, health, education, family_care, economic, development,
			 * child_views, strengths, conclusion (the assessment's texts "" unless completed) */
Q(Q_RF_PLAN_GOALS, 0)	/* case -> text of the active plan's goals in order */
Q(Q_RF_PLAN_ACTIONS, 0)	/* case, agency -> what, service, due_on, status of the active plan's actions for agency */
Q(Q_RF_PLAN_NUMBER, 0)	/* case -> number, review_on|"" of the active plan */
Q(Q_RF_TARGETS, 0)	/* country, municipality, own agency, limit -> id, name, type */
Q(Q_RF_OVERDUE, 0)	/* now, limit -> id, case, worker, from agency */
Q(Q_RF_ESCALATE, 1)	/* id, now (must touch: not yet escalated) */
Q(Q_RI_CENTRES, 0)	/* municipality -> id, name (active social_work agencies) */
Q(Q_RI_MINE, 0)	/* agency, limit -> id, received_at, status, centre */
