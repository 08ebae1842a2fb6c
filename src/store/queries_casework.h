/*
 * queries_casework.h — the query ids of the casework domain (store layer): screening, comprehensive assessment and the Individual Protection Plan.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_casework.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_casework.inc
 * (same parameters and columns), its use in the service and a unit test.
 */

/* Screening. */
Q(Q_SCR_INSERT, 0)	/* case, risk_id, risk_factors, protective, sources, emergency, high_confirmed, author, at -> id */
Q(Q_SCR_LIST, 0)	/* case, limit -> SCR_COLS, newest first */
Q(Q_SCR_COUNT, 0)	/* case -> screenings */
Q(Q_CW_CASE_EMERGENCY, 1)	/* case, emergency (must touch) */
Q(Q_CW_DL_EXISTS, 0)	/* case, step -> rows of the step (open or done) */

/* Comprehensive assessment. */
Q(Q_ASM_GET, 0)	/* case -> ASM_COLS */
Q(Q_ASM_INSERT, 0)	/* case, safety, health, education, family_care, economic, development, child_views, strengths, sources, conclusion, by, now -> id */
Q(Q_ASM_UPDATE, 1)	/* case, (the 10 fields as INSERT), by, now (must touch: a draft) */
Q(Q_ASM_COMPLETE, 1)	/* case, by, now (must touch: a draft) */

/* The Individual Protection Plan. */
Q(Q_PLAN_LIST, 0)	/* case -> PLAN_COLS, newest version first */
Q(Q_PLAN_INSERT, 0)	/* case, number, measure, review_on|NULL, parents, parents_reason, child_part, child_note, by, now -> id */
Q(Q_PLAN_UPDATE, 1)	/* id, measure, review_on|NULL, parents, parents_reason, child_part, child_note, now (must touch: a draft) */
Q(Q_PLAN_SUBMIT, 1)	/* id, by, now (must touch: a draft) */
Q(Q_PLAN_SUPERSEDE, 0)	/* case, now: the active version, superseded */
Q(Q_PLAN_APPROVE, 1)	/* id, by, now (must touch: submitted) */
Q(Q_PLAN_RETURN, 1)	/* id, by, now, note (must touch: submitted) */
Q(Q_PLAN_GOALS, 0)	/* plan -> id, pos, text */
Q(Q_PLAN_GOALS_DELETE, 0)	/* plan */
Q(Q_PLAN_GOAL_INSERT, 0)	/* plan, pos, text */
Q(Q_PLAN_GOALS_COPY, 0)	/* from plan, to plan */
Q(Q_PLAN_ACTIONS, 0)	/* plan -> ACTION_COLS */
Q(Q_PLAN_ACTION_INSERT, 0)	/* plan, what, agency|NULL, institution, person, service, due_on, now -> id */
Q(Q_PLAN_ACTION_DELETE, 1)	/* id, plan (must touch) */
Q(Q_PLAN_ACTION_STATUS, 1)	/* id, plan, status, done_at|NULL (must touch) */
Q(Q_PLAN_ACTIONS_COPY, 0)	/* from plan, to plan, now */
Q(Q_CW_AGENCIES, 0)	/* municipality, country -> id, name, type (active agencies of the case's place) */
