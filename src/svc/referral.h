/*
 * referral.h — referrals out from a case (svc layer; issue 4 "Referrals
 * out"): to a licensed provider (checked with provider_licensed_in_tx(),
 * the licence kept) or a public agency (police, school, health, the Centre
 * of another municipality), with service, reason, urgency and the answer's
 * due date (working days of the country's calendar), the consent it rests
 * on and the data categories shared. The receiving organisation's users
 * (PERM_REFERRAL_RECEIVE, their agency the referral's) see only the summary
 * consent allows, checked again at every view, and answer, start the
 * service, record sessions and feedback, and close it with an outcome.
 * Every write: rules first, then one transaction with its audit row (ids
 * and codes only) and its notifications.
 */
#ifndef RRJETI_REFERRAL_H
#define RRJETI_REFERRAL_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct case_info;

#define REFERRAL_REASON_MAX	2000	/* characters */
#define REFERRAL_TEXT_MAX	2000	/* answer reason, note, feedback */
#define REFERRAL_LIST_MAX	500
#define REFERRAL_SESSIONS_MAX	100	/* sessions in one entry */
#define REFERRAL_DUE_MAX	365	/* days ahead a due date may be */

/* Checklist: the CHECK sets of 0012_referral.sql, the referral.urgency.*,
 * referral.status.*, referral.outcome.* and referral.answer.* labels in
 * po/, and the sets of routes_referral_fields.inc. */
extern const char *const referral_urgencies[];	/* emergency urgent routine */
extern const char *const referral_statuses[];
extern const char *const referral_outcomes[];
extern const char *const referral_answers[];	/* accept decline waitlist */
extern const char *const referral_open_views[];	/* open ended */

/* Working days to answer, by urgency (the order of referral_urgencies). */
extern const int referral_urgency_days[];

struct referral_new {
	int64_t			 to_agency_id;
	const char		*service;	/* one of provider_services */
	const char		*reason;
	const char		*urgency;
	const char		*due_date;	/* "": by urgency; else a day */
	int64_t			 consent_id;	/* a consent of the case */
	const char *const	*categories;	/* consent_categories */
	size_t			 ncategories;
};

/*
 * Refers case_id (at version; case_for_write()) to new->to_agency_id.
 * SVC_INVALID naming the field: to_agency (unknown, inactive, not a
 * provider nor a public agency, the case's own Centre, a provider not
 * licensed for service today in the case's municipality), service, reason,
 * urgency, due_date (invalid or in the past), consent (not of the case,
 * withdrawn, not covering the agency), categories (one the consent does
 * not cover: "referral.err.beyond_consent"). A new case version, a
 * timeline event, referral_received to the receiving organisation's users.
 */
enum svc_rc	referral_create(struct svc *, int64_t case_id, int64_t version,
		    const struct referral_new *, int64_t *id);

struct referral_session_info {
	int64_t		 id, count, created_at;
	const char	*date, *note, *author;
};
struct referral_feedback_info {
	int64_t		 id, created_at;
	const char	*text, *author;
};

struct referral_info {
	int64_t		 id, case_id, from_agency_id, to_agency_id;
	const char	*case_number, *from_agency, *to_agency, *to_type;
	const char	*service, *reason, *urgency, *due_date;
	int64_t		 due_at, consent_id;
	const char	*categories;	/* codes, comma-separated */
	int64_t		 licence_id;
	const char	*licence_number;
	const char	*status, *answer_reason, *expected_date;
	int64_t		 answered_at;
	const char	*answered_by, *service_start, *outcome, *outcome_note;
	int64_t		 closed_at, worker_id;
	const char	*worker;
	int64_t		 created_at, version, sessions;
	const char	*cancel_kind;	/* "", cancel, withdraw */
	const char	*cancel_reason;
	int64_t		 cancelled_at;
	const char	*cancelled_by;
	int		 overdue;	/* unanswered past due_at */
	struct referral_session_info	*session;	/* oldest first */
	size_t				 nsession;
	struct referral_feedback_info	*feedback;	/* oldest first */
	size_t				 nfeedback;
};

/* What the receiving organisation may see of the child and the case: each
 * category only when consent_allows() it now. */
/* An action of the case's active plan assigned to the receiving
 * organisation (the plan category). */
struct referral_plan_action {
	const char	*what, *service, *due_on, *status;	/* open, done */
};

struct referral_summary {
	int		 identity, contact, case_summary;
	int		 assessment, plan, health, education;
	const char	*given, *family, *sex;	/* identity */
	int		 age;			/* -1 unknown */
	const char	*address, *municipality;	/* contact */
	const char	*risk, *concerns;	/* case_summary; codes */
	/*
	 * assessment: the comprehensive assessment once completed (its
	 * domains and conclusion); as_status "" (none), "draft" (the texts
	 * are then "": a draft is not shared) or "completed".
	 */
	const char	*as_status;
	const char	*as_safety, *as_family_care, *as_economic;
	const char	*as_development, *as_child_views, *as_strengths;
	const char	*as_conclusion;
	/* health: the child's disability (code, note) and the completed
	 * assessment's health domain; education: the school status (code)
	 * and its education domain. */
	const char	*disability, *disability_note, *as_health;
	const char	*school_status, *as_education;
	/* plan: the active plan (number 0: none), its goals in order and
	 * the actions assigned to the receiving organisation. */
	int		 plan_number;
	const char	*plan_review_on;	/* "" when none */
	const char	**plan_goals;
	size_t		 nplan_goals;
	struct referral_plan_action *plan_actions;
	size_t		 nplan_actions;
	const char	*shared;	/* the categories allowed now, codes */
};

/* The referrals of a case the caller has read (case_get()), newest first,
 * with their sessions and feedback. */
enum svc_rc	referral_of_case(struct svc *, int64_t case_id,
		    struct referral_info **, size_t *n);

/* A referral to the actor's organisation (PERM_REFERRAL_RECEIVE) with its
 * sessions, feedback and the summary consent allows now. SVC_NOTFOUND for
 * any other (audited: referral.read.denied); the read is audited. */
enum svc_rc	referral_get(struct svc *, int64_t id, struct referral_info **,
		    struct referral_summary **);

/* The referrals to the actor's organisation (status NULL: all), those
 * waiting for an answer first. */
enum svc_rc	referral_incoming(struct svc *, const char *status,
		    struct referral_info **, size_t *n);

/* Loop closure: the referrals of the cases the actor sees (their unit for
 * a supervisor) without an outcome (not closed nor declined), overdue
 * first, then by due date. */
enum svc_rc	referral_open(struct svc *, struct referral_info **, size_t *n);
/* The same cases' referrals that ended without service (declined or
 * cancelled), newest due first. */
enum svc_rc	referral_ended(struct svc *, struct referral_info **,
		    size_t *n);

/*
 * The sending side ends a referral, at the referral's version
 * (SVC_CONFLICT "referral.err.conflict"), with a reason (required): the
 * worker who sent it or a supervisor (PERM_CASE_SUPERVISE) who may write
 * the case (case_for_write(), closed cases allowed: otherwise
 * SVC_NOTFOUND, audited); anyone else SVC_DENIED
 * "referral.err.not_sender". Status sent: cancelled (kind "cancel");
 * waitlisted, accepted, in_service: withdrawn (kind "withdraw"); any other
 * SVC_INVALID "referral.err.status". Status "cancelled"; a timeline event;
 * referral_cancelled to the receiving organisation's users.
 */
enum svc_rc	referral_cancel(struct svc *, int64_t id, int64_t version,
		    const char *reason);
/* 1 when the actor is the sending side who may cancel or withdraw v (its
 * worker, or a supervisor of the sending Centre); the case's visibility is
 * checked apart. */
int		referral_may_cancel(const struct svc *,
		    const struct referral_info *);
/* A referral as its sending side sees it (the case writable by the actor,
 * closed cases allowed; otherwise SVC_NOTFOUND, audited), without the
 * sessions and feedback. */
enum svc_rc	referral_sent_get(struct svc *, int64_t id,
		    struct referral_info **);

/* 1 when the actor may answer referrals sent to their organisation: a
 * provider's or public agency's users; of a Centre, its supervisors (its
 * caseworkers see the referral, start the service, record sessions and
 * feedback and close it, but do not accept, decline or wait-list). */
int		referral_may_answer(const struct svc *,
		    const struct referral_info *);

/*
 * The receiving organisation's steps, each at the referral's version
 * (SVC_CONFLICT "referral.err.conflict" when stale) and from the statuses
 * it is allowed in (SVC_INVALID "referral.err.status" otherwise):
 * answer (sent or waitlisted; referral_may_answer(), else SVC_DENIED
 * "referral.err.answer_role"): accept; decline with a reason; waitlist
 * with a reason and an expected date (not in the past);
 * start (accepted): the day the service started (not in the future);
 * session (in_service): date (not in the future), count, note;
 * feedback (accepted or in_service): text;
 * close (accepted or in_service): an outcome and a note.
 * Each tells the sending worker (referral_answered).
 */
enum svc_rc	referral_answer(struct svc *, int64_t id, int64_t version,
		    const char *answer, const char *reason,
		    const char *expected_date);
enum svc_rc	referral_start(struct svc *, int64_t id, int64_t version,
		    const char *date);
enum svc_rc	referral_session_add(struct svc *, int64_t id,
		    int64_t version, const char *date, int64_t count,
		    const char *note);
enum svc_rc	referral_feedback_add(struct svc *, int64_t id,
		    int64_t version, const char *text);
enum svc_rc	referral_close(struct svc *, int64_t id, int64_t version,
		    const char *outcome, const char *note);

/* A public agency a case may be referred to. */
struct referral_target {
	int64_t		 id;
	const char	*name, *type;
};
/* The active police, school, health agencies of the case's country and the
 * Centres of its other municipalities, by type and name. */
enum svc_rc	referral_targets(struct svc *, const struct case_info *,
		    struct referral_target **, size_t *n);

/* The periodic scan (scan.h): referrals unanswered past their due date
 * notify the sending worker and their unit's supervisors once
 * (referral_overdue). */
enum svc_rc	referral_scan(struct svc *, int64_t now);

#endif
