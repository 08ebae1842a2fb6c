/*
 * plan.h — the Individual Protection Plan (Plani Individual i Mbrojtjes,
 * PIM) of a case (svc layer, DOMAIN.md §3, §4): goals, actions with the
 * responsible agency or institution, person, service and due date, the
 * protection measure, the proposed review date, the parents' agreement and
 * the child's participation.
 *
 * Versions: v1 is a draft -> submitted -> approved by a supervisor of the
 * unit (PERM_CASE_SUPERVISE) and active, or returned with a note (a draft
 * again). A revision is version n+1, a draft copied from the active one;
 * approving it supersedes the earlier version, which stays readable.
 *
 * Rules: no plan before the screening; for medium and high risk a
 * completed comprehensive assessment before submitting; only a submitted
 * plan is approved or returned; action due dates and the review date not
 * before the case was opened. Approval moves the case to "plan_active",
 * marks the plan deadline done and starts the review deadline from the
 * approval. Every write carries the case version (SVC_CONFLICT
 * "case.conflict" when stale) and runs in one transaction with its
 * timeline event and audit row (ids and codes only).
 */
#ifndef RRJETI_PLAN_H
#define RRJETI_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct case_info;

#define PLAN_GOALS_MAX		20	/* goals of a plan */
#define PLAN_GOAL_MAX		500	/* characters of a goal */
#define PLAN_GOALS_TEXT_MAX	10000	/* characters of the goals' text */
#define PLAN_ACTIONS_MAX	50	/* actions of a plan */
#define PLAN_LINE_MAX		200	/* what, institution, person, service */
#define PLAN_NOTE_MAX		2000	/* reasons and notes */
#define PLAN_DATE_YEARS		5	/* due and review dates: at most this
					 * many years from today */

/* Code lists, NULL-terminated, defined once in plan.c. Checklist: the
 * CHECKs of table plan and plan_action (0004), the plan.*.CODE labels in
 * po/LANG-casework.po, the enums of app/routes_casework_fields.inc and
 * tests/http/routes_casework.spec.mjs. */
extern const char *const plan_measures[];
extern const char *const plan_parents_codes[];
extern const char *const plan_child_codes[];
extern const char *const plan_action_statuses[];

struct plan_goal_info {
	int64_t		 id;
	const char	*text;
};

struct plan_action_info {
	int64_t		 id;
	const char	*what;
	int64_t		 agency_id;	/* 0: a named institution */
	const char	*agency_name, *institution, *person, *service;
	const char	*due_on;	/* yyyy-mm-dd */
	const char	*status;	/* open, done */
	int64_t		 done_at;
};

struct plan_info {
	int64_t			 id;
	int			 number;
	const char		*status;	/* draft submitted active superseded */
	const char		*measure, *review_on;	/* review_on: yyyy-mm-dd or "" */
	const char		*parents, *parents_reason;
	const char		*child_part, *child_note;
	const char		*return_note;	/* "" unless returned */
	const char		*author;
	int64_t			 created_at, updated_at;
	int64_t			 submitted_at;
	const char		*submitted_by;
	int64_t			 decided_at;	/* approved or returned */
	const char		*decided_by;
	int64_t			 superseded_at;
	struct plan_goal_info	*goals;
	size_t			 ngoals;
	struct plan_action_info	*actions;
	size_t			 nactions;
};

/*
 * The versions of the plan of a case the caller has already read
 * (case_get()), newest first, each with its goals and actions.
 */
enum svc_rc	plan_list(struct svc *, int64_t case_id, struct plan_info **,
		    size_t *n);

/*
 * Starts a plan: v1, or a revision copied from the active version.
 * SVC_INVALID (field NULL): no screening yet ("plan.no_screening"), a
 * version already in progress ("plan.in_progress"). *number may be NULL.
 */
enum svc_rc	plan_create(struct svc *, int64_t case_id, int64_t version,
		    int *number);

struct plan_in {
	const char	*goals;		/* one goal a line; blank lines ignored */
	const char	*measure, *review_on;	/* review_on: a date or "" */
	const char	*parents, *parents_reason;
	const char	*child_part, *child_note;
	int64_t		 version;
};

/*
 * Saves the draft in progress (SVC_INVALID "plan.no_draft" when there is
 * none): goals (at most PLAN_GOALS_MAX lines of PLAN_GOAL_MAX characters),
 * measure, review date (a date not before the case opened), the parents'
 * agreement (refused: parents_reason required) and the child's
 * participation with its note. SVC_INVALID names the field.
 */
enum svc_rc	plan_save(struct svc *, int64_t case_id, const struct plan_in *);

struct plan_action_in {
	const char	*what;
	int64_t		 agency_id;	/* 0: institution instead */
	const char	*institution, *person, *service;
	const char	*due_on;	/* a date */
	int64_t		 version;
};

/* Adds an action to the draft in progress: what and due_on required, an
 * agency of the case's place or a named institution (exactly one), due
 * not before the case opened. *id may be NULL. */
enum svc_rc	plan_action_add(struct svc *, int64_t case_id,
		    const struct plan_action_in *, int64_t *id);
/* Removes an action of the draft in progress (SVC_NOTFOUND otherwise). */
enum svc_rc	plan_action_remove(struct svc *, int64_t case_id,
		    int64_t action_id, int64_t version);
/* Marks an action of the draft or the active plan open or done. */
enum svc_rc	plan_action_set(struct svc *, int64_t case_id,
		    int64_t action_id, const char *status, int64_t version);

/* Submits the draft: at least one goal and one action, a review date, and
 * for medium and high risk a completed assessment
 * ("plan.assessment_required"). */
enum svc_rc	plan_submit(struct svc *, int64_t case_id, int64_t version);
/* A supervisor of the unit approves the submitted version
 * ("plan.not_submitted" otherwise): see the head of this file. */
enum svc_rc	plan_approve(struct svc *, int64_t case_id, int64_t version);
/* A supervisor of the unit returns the submitted version with a note
 * (required), a draft again. */
enum svc_rc	plan_return(struct svc *, int64_t case_id, const char *note,
		    int64_t version);

/* The agencies an action may name: the active ones of the case's
 * municipality and the country-wide ones of its country. */
struct plan_agency {
	int64_t		 id;
	const char	*name, *type;
};
enum svc_rc	plan_agencies(struct svc *, const struct case_info *,
		    struct plan_agency **, size_t *n);

#endif
