/*
 * closure.h — the last steps of a case (svc layer, DOMAIN.md §3, §4):
 * reviews and new incidents, closure requested by the worker and approved
 * or returned by a supervisor of the unit, the follow-up check three
 * months later, reopening within twelve months, and transfer to another
 * municipality, accepted there.
 *
 * Every write checks the rules and the case version before its one
 * transaction, moves the case along with case_change_in_tx(), writes its
 * timeline events (case_event_in_tx(), kinds "review", "incident",
 * "closure.requested", "closure.returned", "closure.approved",
 * "follow_up", "reopened", "reopened_from", "transfer.requested",
 * "transfer.accepted", "transfer.declined", "transferred_from") and an
 * audit row with ids and codes only. Deadlines: a review marks DL_REVIEW
 * done and starts the next period from the review date; an incident makes
 * a review due by the end of the day it is recorded; closure and transfer
 * drop every open step.
 */
#ifndef RRJETI_CLOSURE_H
#define RRJETI_CLOSURE_H

#include <stddef.h>
#include <stdint.h>

#include "case.h"

/* Limits (characters). */
#define CLOSURE_TEXT_MAX	4000	/* progress, situation, views, summary */
#define CLOSURE_NOTE_MAX	1000	/* incident, return, decline, follow-up,
					 * reopening and transfer reason */
#define CLOSURE_FOLLOW_UP_MONTHS 3	/* default follow-up after closure */
#define CLOSURE_REOPEN_MONTHS	12	/* reopening window (DOMAIN.md §3) */
#define CLOSURE_LIST_MAX	200	/* rows of a case's lists, of "my work" */
#define CLOSURE_ADULT_AGE	18

/* The closed code lists, NULL-terminated. Checklist: the CHECKs of 0005,
 * the closure.* labels in po/, the F_ENUM sets of routes_closure_fields.inc,
 * the demo's close reasons (src/cli/demo.c). */
extern const char *const closure_decisions[];	/* continue, revise_plan,
						 * propose_closure */
extern const char *const closure_reasons[];	/* goals_met ... duplicate */
extern const char *const closure_results[];	/* fine, concern */

/* A review as recorded (dates yyyy-mm-dd; risk_id 0: risk unchanged). */
struct review_new {
	const char	*date;		/* dd.mm.yyyy or yyyy-mm-dd */
	const char	*progress, *situation, *child_views;
	const char	*risk;		/* NULL or "": unchanged */
	const char	*rationale;	/* required when the risk changes */
	const char	*decision;
	const char	*next_review;	/* NULL or "": none proposed */
	int64_t		 version;
};

/*
 * Records a review of an open case with its risk set (SVC_INVALID "risk",
 * "closure.review.no_risk" otherwise): date not in the future and not
 * before the case opened, progress and situation required, a new risk
 * level with its rationale written to the risk history, the decision
 * (revise_plan moves the case to 'review'), the next review proposed
 * after the review date. Answers the incidents waiting for a review.
 * *id (may be NULL) gets the review's id.
 */
enum svc_rc	closure_review_add(struct svc *, int64_t case_id,
		    const struct review_new *, int64_t *id);

/*
 * Records a new incident (date as for a review, a note of
 * 1..CLOSURE_NOTE_MAX characters) on an open case with its risk set: a
 * review becomes due by the end of today (an earlier open due date is
 * kept).
 */
enum svc_rc	closure_incident_add(struct svc *, int64_t case_id,
		    const char *date, const char *note, int64_t version,
		    int64_t *id);

struct closure_new {
	const char	*reason;	/* one of closure_reasons */
	const char	*summary;
	const char	*date;		/* the closure date */
	const char	*follow_up;	/* NULL or "": date + 3 months */
	int64_t		 version;
};

/*
 * The worker (or a supervisor) asks to close an open case: reason,
 * summary, closure date (not in the future, not before the opening),
 * follow-up date (not before the closure). 'family_refused_low_risk' only
 * when the current risk is low; 'turned_18' only when the child is 18 or
 * older on the closure date (a child without a birth date: refused, field
 * "reason"). SVC_CONFLICT when a request or a transfer is waiting.
 */
enum svc_rc	closure_request(struct svc *, int64_t case_id,
		    const struct closure_new *);

/*
 * A supervisor of the unit (PERM_CASE_SUPERVISE) approves the waiting
 * request (its rules checked again): the case is 'closed' with closed_at
 * and close_reason, every open deadline dropped. Or returns it with a note
 * (1..CLOSURE_NOTE_MAX). SVC_INVALID "closure.none_waiting" without a
 * request: nothing closes a case without approval.
 */
enum svc_rc	closure_approve(struct svc *, int64_t case_id, int64_t version);
enum svc_rc	closure_return(struct svc *, int64_t case_id, const char *note,
		    int64_t version);

/*
 * The follow-up check of a closed case (its approved closure): result
 * "fine" or "concern" (then a note is required; the case page offers
 * reopening). SVC_CONFLICT when recorded already.
 */
enum svc_rc	closure_follow_up(struct svc *, int64_t case_id,
		    const char *result, const char *note, int64_t version);

/*
 * Reopens a closed case (not a transferred one) within 12 months of its
 * closure: a new case of the same child, municipality, agency, worker and
 * team, with the earlier case's concerns and a new number, linked by
 * case_file.reopened_from, deadlines from case_open_in_tx(). Refused after
 * 12 months ("closure.reopen.too_late": a new report goes through intake)
 * and while a case reopened from it is open (SVC_CONFLICT). note: why
 * (1..CLOSURE_NOTE_MAX). *new_id gets the new case.
 */
enum svc_rc	closure_reopen(struct svc *, int64_t case_id, const char *note,
		    int64_t version, int64_t *new_id);

/*
 * The worker or supervisor asks to transfer an open case to another
 * municipality of the same country (reason 1..CLOSURE_NOTE_MAX); the
 * request waits for the owning agency (Centre for Social Work / Child
 * Protection Unit) of that municipality. Refused: the same municipality,
 * another country, no owning agency there, a transfer or a closure
 * waiting.
 */
enum svc_rc	closure_transfer_request(struct svc *, int64_t case_id,
		    int64_t municipality_id, const char *reason,
		    int64_t version, int64_t *id);

/*
 * A supervisor of the receiving agency accepts (the sending case ends
 * 'transferred', its deadlines dropped; a new unassigned case opens in the
 * receiving municipality with the child, the concerns and the current risk,
 * linked to the earlier one) or declines with a reason. A transfer of
 * another agency is SVC_NOTFOUND (audited); a decided one SVC_CONFLICT.
 */
enum svc_rc	closure_transfer_accept(struct svc *, int64_t transfer_id,
		    int64_t *new_id);
enum svc_rc	closure_transfer_decline(struct svc *, int64_t transfer_id,
		    const char *reason);

/* ---------------------------------------------------------------- reading */

struct review_info {
	int64_t		 id, author_id, created_at, risk_id;
	const char	*date, *progress, *situation, *child_views;
	const char	*risk_before, *risk_after, *decision, *next_review;
	const char	*author;
};

struct incident_info {
	int64_t		 id, author_id, created_at, review_id;
	const char	*date, *note, *author;
};

struct closure_info {
	int64_t		 id, requested_by, requested_at, decided_by,
			 decided_at, follow_up_by, follow_up_at;
	const char	*reason, *summary, *date, *follow_up, *status;
	const char	*requester, *decider, *decision_note;
	const char	*result, *result_note, *follow_up_author; /* "" none */
};

struct transfer_info {
	int64_t		 id, case_id, to_municipality_id, to_agency_id,
			 from_agency_id, requested_by, requested_at,
			 decided_by, decided_at, new_case_id;
	const char	*number, *child, *from_municipality, *to_municipality,
			*to_agency, *from_agency, *reason, *status,
			*requester, *decider, *decision_note, *new_number;
	const char	*country;
};

/* A case linked to another (reopened from or into, transferred from). */
struct case_link {
	int64_t		 id;
	const char	*number, *status;
};

/* What the case page and the API show of the closure domain. */
struct closure_view {
	struct review_info	*reviews;	/* newest first */
	size_t			 nreviews;
	struct incident_info	*incidents;	/* newest first */
	size_t			 nincidents;
	size_t			 incidents_open;	/* waiting for a review */
	struct closure_info	*closures;	/* newest first */
	size_t			 nclosures;
	struct transfer_info	*transfers;	/* out of this case, newest first */
	size_t			 ntransfers;
	struct case_link	 reopened_from;	/* id 0: none */
	struct case_link	*reopened_into;
	size_t			 nreopened_into;
	struct transfer_info	*transferred_from; /* NULL: none */
	/* States the forms follow. */
	const struct closure_info *waiting;	/* a request waiting */
	const struct transfer_info *transfer_waiting;
	const struct closure_info *approved;	/* the closure of a closed case */
	int			 reopen_open;	/* a case reopened from it is open */
	int			 reopen_allowed; /* closed, within 12 months */
	int64_t			 reopen_until;	/* last instant of the window */
};

/*
 * Inside the intake's write transaction, after case_open_in_tx(): when the
 * child has a case of the same agency closed within the reopening window
 * (CLOSURE_REOPEN_MONTHS) and not already followed by an open case, the new
 * case (number new_number) is its reopening (reopened_from, a timeline
 * event on both, audited case.reopen). *from
 * (may be NULL) gets the earlier case's id, 0 when none.
 */
enum svc_rc	closure_link_reopened_in_tx(struct svc *, int64_t new_case_id,
		    const char *new_number, int64_t child_id, int64_t agency_id,
		    int64_t *from);

/*
 * The closure domain of a case the caller has read (case_get(): scope
 * checked and audited there).
 */
enum svc_rc	closure_case(struct svc *, const struct case_info *,
		    struct closure_view **);

/* The transfers waiting for the actor's agency (in) and sent from it
 * (out): supervisors (PERM_CASE_SUPERVISE) only. */
enum svc_rc	closure_transfers(struct svc *, struct transfer_info **in,
		    size_t *nin, struct transfer_info **out, size_t *nout);

/* A follow-up check due (by the end of today) or overdue. */
struct follow_up_item {
	int64_t		 case_id, worker_id;
	const char	*number, *child, *worker, *date;
	int		 overdue, mine;
};

/* The follow-ups due of the cases the actor sees as "my work" (own cases;
 * a supervisor's whole unit) and, for supervisors, the number of transfers
 * waiting for their agency. */
enum svc_rc	closure_work(struct svc *, struct follow_up_item **, size_t *n,
		    int64_t *transfers_waiting);

#endif
