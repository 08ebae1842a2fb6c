/*
 * deadline.h — the deadlines of DOMAIN.md §3 (svc layer): the versioned rule
 * sets of each country profile, the deadline of each step of a case counted
 * in hours or in working days of the case's country (util/calendar.h, with
 * the administrator's added and cancelled days off), first contact, the
 * "my work" list with escalation of overdue steps to the unit's supervisor,
 * and the holiday administration.
 *
 * Contract with svc/case.c: case_open_in_tx() calls deadline_case_opened_in_tx()
 * and the risk change calls deadline_risk_in_tx(), both inside the caller's
 * write transaction, so a case never exists without its deadlines.
 *
 * Every step except registration is counted from the opening of the case
 * (its registration); registration from the report's receipt, plan and
 * review from the event that starts them (deadline_step_start_in_tx()). A
 * risk change recomputes the open steps only; a step the new level does not
 * require (assessment and conference of a low-risk case) is dropped while
 * open, and an open plan or review keeps its start with the new level's
 * period.
 */
#ifndef RRJETI_DEADLINE_H
#define RRJETI_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define DEADLINE_WORK_MAX	500	/* rows of "my work" */
#define DEADLINE_NAME_MAX	120	/* characters of a holiday's name */

/* Checklist: the CHECK of deadline.step and deadline_rule.step in 0003,
 * step_names in deadline.c, the deadline.step.* labels in po/. */
enum deadline_step {
	DL_REGISTRATION,
	DL_FIRST_CONTACT,
	DL_ASSESSMENT,
	DL_CONFERENCE,
	DL_PLAN,
	DL_REVIEW,
	DL_STEP__MAX
};

const char	*deadline_step_name(int);
int		 deadline_step_parse(const char *);	/* -1 when unknown */

/* The rule version of country in force at t (0 when none). */
enum svc_rc	deadline_rule_version(struct svc *, const char *country,
		    int64_t t, int64_t *version);

/*
 * The instant a step started at start is overdue by the rule (country,
 * version, step, risk): *due = 0 with SVC_OK when the rule set has no rule
 * for it (the step is not required at that level).
 */
enum svc_rc	deadline_due(struct svc *, const char *country, int64_t version,
		    int step, const char *risk, int64_t start, int64_t *due);

/* *out = the day that ends n working days counted from date (as
 * cal_add_working_days()) in country's calendar with the administrator's
 * extra days off and cancelled holidays. For other domains' due dates
 * (referral answers, conference tasks). */
enum svc_rc	deadline_add_working_days(struct svc *, const char *country,
		    int32_t date, int n, int32_t *out);

/* Inside the caller's write transaction (see the head of this file). */
enum svc_rc	deadline_case_opened_in_tx(struct svc *, int64_t case_id,
		    const char *country, int64_t report_id, int64_t opened_at);
enum svc_rc	deadline_risk_in_tx(struct svc *, int64_t case_id,
		    const char *risk, int64_t at);

/*
 * The steps after screening, each inside the caller's write transaction
 * (the services of assessment, plan, review and closure call them):
 * deadline_step_done_in_tx() marks a step done at `at` (a done row when
 * none was open; nothing when it is done already);
 * deadline_step_start_in_tx() starts a period of a step at start with the
 * due instant of the case's country, rule version and current risk,
 * replacing an earlier period (a review after a review): no deadline when
 * the rule does not require the step at that risk;
 * deadline_case_ended_in_tx() drops every open step (closed, transferred).
 */
enum svc_rc	deadline_step_done_in_tx(struct svc *, int64_t case_id,
		    int step, int64_t at);
enum svc_rc	deadline_step_start_in_tx(struct svc *, int64_t case_id,
		    int step, int64_t start);
enum svc_rc	deadline_case_ended_in_tx(struct svc *, int64_t case_id);

/* A deadline of a case (times 0: none). */
struct deadline_info {
	const char	*step;
	int64_t		 start_at, due_at, done_at, escalated_at;
	int64_t		 rule_version;
	int		 overdue;	/* open and past due now */
	int		 late;		/* done after due */
};

/* The deadlines of a case the caller has already read (case_get()). */
enum svc_rc	deadline_case_list(struct svc *, int64_t case_id,
		    struct deadline_info **, size_t *n);

/*
 * Records the first contact with the child at the instant at (not in the
 * future, not before the case was opened: SVC_INVALID with field "date"),
 * closing the first-contact step, with a timeline event and an audit row.
 * SVC_NOTFOUND for a case the actor may not see; SVC_CONFLICT when already
 * recorded; SVC_INVALID "case.closed" for a closed case.
 */
enum svc_rc	deadline_contact(struct svc *, int64_t case_id, int64_t at);

/* One row of "my work". */
struct work_item {
	int64_t		 case_id;
	const char	*number, *child, *risk, *worker;
	int64_t		 worker_id;
	const char	*step;
	int64_t		 due_at, escalated_at;
	int		 overdue, today, mine;
};

/*
 * The actor's open steps by due date and, for a supervisor, every overdue
 * step of the unit; overdue steps of the unit listed for the first time are
 * marked escalated (in the same call, audited). Scoped like case lists.
 */
enum svc_rc	deadline_work(struct svc *, struct work_item **, size_t *n);

struct work_counts {
	int64_t		 overdue, today, unit_overdue;
};
enum svc_rc	deadline_counts(struct svc *, struct work_counts *);

/* Everything the home page of a case worker or supervisor counts, in one
 * query: deadlines (as deadline_counts()), cases (as case_attention()) and
 * the reports waiting in the agency's intake (as intake_waiting()). */
struct home_counts {
	struct work_counts	work;
	int64_t			own_no_risk, own_high, pending;
	int64_t			reports_waiting;
};
enum svc_rc	deadline_home_counts(struct svc *, struct home_counts *);

/* Holidays of a country and year as counted (data/holidays.csv and the
 * administrator's extras). */
struct holiday_day {
	int32_t		 date, holiday;
	const char	*name;		/* in the actor's language; "" for an extra */
	int		 extra;		/* an administrator's addition */
};
struct holiday_extra_info {
	int64_t		 id;
	const char	*date, *name, *author;
	int		 cancel, shift;
	int64_t		 at;
};
enum svc_rc	deadline_holidays(struct svc *, const char *country, int year,
		    struct holiday_day **, size_t *n,
		    struct holiday_extra_info **, size_t *nx);
/*
 * An administrator (PERM_USERS_WRITE; a country-bound one for their own
 * country only) adds a day off (cancel 0) or cancels one (cancel 1) of
 * date (yyyy-mm-dd). SVC_CONFLICT when the same entry exists.
 */
enum svc_rc	deadline_holiday_add(struct svc *, const char *country,
		    const char *date, int cancel, int shift, const char *name);

/* The countries the actor may administer: its own, or both (NULL). */
const char	*deadline_admin_country(const struct actor *);

#endif
