/*
 * queries_closure.h — the query ids of the closure domain (store layer): reviews, closure, reopening and transfer.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_closure.inc.
 *
 * Checklist when adding one: the id here, its SQL in sql_sqlite_closure.inc
 * (same parameters and columns), its use in the service and a unit test.
 */
Q(Q_CL_CASE_ROW, 0)	/* case -> CL_CASE_COLS (the row the rules need, unchecked) */
Q(Q_CL_SET_RISK, 1)	/* case, risk (must touch; version by case_change_in_tx) */
Q(Q_CL_REVIEW_INSERT, 0)	/* case, date, progress, situation, views, before, after, risk_id|NULL, decision, next|NULL, author, now -> id */
Q(Q_CL_INCIDENTS_ANSWER, 0)	/* case, review: the incidents waiting for a review */
Q(Q_CL_REVIEWS, 0)	/* case, limit -> REVIEW_COLS (newest first) */
Q(Q_CL_INCIDENT_INSERT, 0)	/* case, date, note, author, now -> id */
Q(Q_CL_INCIDENTS, 0)	/* case, limit -> id, date, note, author_id, author, created_at, review|0 */
Q(Q_CL_REVIEW_DUE, 0)	/* case, start, due: the review step open and due by due (an earlier due kept) */
Q(Q_CL_CLOSURE_INSERT, 0)	/* case, reason, summary, date, follow_up, by, now -> id */
Q(Q_CL_CLOSURE_DECIDE, 1)	/* id, status, by, now, note (must touch: requested) */
Q(Q_CL_CASE_CLOSE, 1)	/* case, closed_at, reason (must touch) */
Q(Q_CL_FOLLOW_UP, 1)	/* closure, result, note, by, now (must touch: approved, none yet) */
Q(Q_CL_CLOSURES, 0)	/* case, limit -> CLOSURE_COLS (newest first) */
Q(Q_CL_REOPENED_OPEN, 0)	/* case -> open cases reopened from it */
Q(Q_CL_SET_REOPENED_FROM, 1)	/* new case, earlier case (must touch) */
Q(Q_CL_REOPEN_CANDIDATE, 0)	/* child, agency, closed since, new case -> id, number, closed_at (newest closed case with no open successor) */
Q(Q_CL_REOPENED_INTO, 0)	/* case, limit -> id, number, status (cases reopened from it) */
Q(Q_CL_OWNING_AGENCY, 0)	/* municipality -> id, name: its active social-work agency */
Q(Q_CL_TRANSFER_INSERT, 0)	/* case, from agency, to municipality, to agency, reason, by, now -> id */
Q(Q_CL_TRANSFER_GET, 0)	/* transfer, limit -> TRANSFER_COLS */
Q(Q_CL_TRANSFER_DECIDE, 1)	/* id, status, by, now, note, new case|NULL (must touch: requested) */
Q(Q_CL_TRANSFERS_OF_CASE, 0)	/* case, limit -> TRANSFER_COLS (newest first) */
Q(Q_CL_TRANSFER_INTO, 0)	/* new case, limit -> TRANSFER_COLS of the accepted transfer that opened it */
Q(Q_CL_TRANSFERS_IN, 0)	/* agency, limit -> TRANSFER_COLS waiting for it */
Q(Q_CL_TRANSFERS_OUT, 0)	/* agency, limit -> TRANSFER_COLS waiting, sent from it */
Q(Q_CL_TRANSFERS_WAITING, 0)	/* agency -> count waiting for it */
Q(Q_CL_RISK_COPY, 0)	/* new case, earlier case -> id (the latest risk row copied) */
Q(Q_CL_FOLLOW_UPS_OWN, 0)	/* the same for an actor who is not a unit: by case_worker */
Q(Q_CL_FOLLOW_UPS, 0)	/* user, team|NULL, agency, unit, end of today (yyyy-mm-dd), limit -> case, number, given, family, worker, worker_id, follow_up_date */
Q(Q_CL_TRANSFERRED_TO, 0)	/* case -> the case an accepted transfer of it opened (svc/case.c: reading through the link) */
