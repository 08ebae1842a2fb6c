/*
 * case.h — cases (svc layer): opening a case from a registered report with
 * its number, reading it within the actor's scope, lists and search, risk
 * as a history, assignment, and the timeline of every change.
 *
 * Contract shared with svc/intake.c: registration of a report calls
 * case_open_in_tx() inside the intake's own write transaction, so the report
 * is marked registered and the case exists, or neither.
 */
#ifndef RRJETI_CASE_H
#define RRJETI_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define CASE_NUMBER_LEN	24	/* "XK-09-2026-000123" + NUL, with room */

struct case_new {
	int64_t		 report_id;	/* the report it is registered from */
	int64_t		 child_id;	/* existing, or created just before */
	int64_t		 municipality_id;
	int64_t		 agency_id;	/* the owning Centre / unit */
	const char	*const *concerns; /* codes of concern (at least one) */
	size_t		 nconcerns;
	const char	*primary;	/* one of concerns */
	int		 emergency;	/* the report's immediate danger */
	const char	*source;	/* the report's referrer type */
	int64_t		 worker_id;	/* 0: unassigned */
	int64_t		 team_id;	/* 0: none */
};

/*
 * Opens a case inside the caller's write transaction: gives the next number
 * of the municipality and year ({country}-{num}-{year}-{seq:06}), records
 * the concerns (restricted when any concern is restricted), the first
 * timeline event, and the audit row. *number (may be NULL) gets an arena
 * copy of the number. SVC_INVALID with the field for a bad concern or
 * primary; never commits or rolls back itself.
 */
enum svc_rc	case_open_in_tx(struct svc *, const struct case_new *,
		    int64_t *case_id, const char **number);

/* Limits. */
#define CASE_RATIONALE_MAX	4000	/* characters */
#define CASE_PAGE_SIZE		50
#define CASE_EVENTS_MAX		500	/* timeline rows shown */
#define CASE_Q_MAX		100	/* characters of a search */

/* Checklist: the CHECK of case_file.risk / risk_assessment.level in the
 * migrations, risk_names in case.c, the risk.* labels in po/. */
enum case_risk {
	CASE_RISK_LOW,
	CASE_RISK_MEDIUM,
	CASE_RISK_HIGH,
	CASE_RISK__MAX
};

const char	*case_risk_name(int);
int		 case_risk_parse(const char *);	/* -1 when unknown */
/* 1 when s is one of the statuses of case_file.status. */
int		 case_status_valid(const char *);

/* A case as lists and the case page show it (arena strings). */
struct case_info {
	int64_t		 id;
	const char	*number;
	int64_t		 municipality_id;
	const char	*municipality_sq, *municipality_sr, *country;
	int64_t		 agency_id;
	const char	*agency_name;
	int64_t		 team_id;	/* 0: none */
	const char	*team_name;
	int64_t		 worker_id;	/* 0: unassigned */
	const char	*worker_name;
	int64_t		 child_id;
	const char	*child_given, *child_family, *child_parent;
	const char	*child_birth_date;	/* yyyy-mm-dd or "" */
	int		 birth_estimated;
	int		 child_age;	/* years, -1 unknown */
	const char	*child_pn;	/* personal number or "" */
	const char	*child_sex;	/* f, m, u */
	const char	*status;
	const char	*risk;		/* "" until screened */
	int		 risk_pending;	/* the latest risk is not validated */
	int		 emergency, restricted;
	const char	*source;
	int64_t		 opened_at, updated_at, version;
};

struct case_concern_info {
	const char	*code;
	const char	*label[3];	/* sq, en, sr (enum lang order) */
	int		 primary, restricted;
};

struct case_risk_info {
	int64_t		 id;
	const char	*level, *rationale;
	int64_t		 author_id;
	const char	*author;
	int64_t		 at;
	int64_t		 validated_by;	/* 0: not yet */
	const char	*validator;
	int64_t		 validated_at;
};

/* One timeline entry: kind (opened, risk, risk.validated, assigned,
 * status), the field changed, before and after as shown then. */
struct case_event_info {
	int64_t		 id, at, actor_id;
	const char	*actor, *kind, *field, *before, *after, *note;
};

struct case_full {
	struct case_info		 c;
	struct case_concern_info	*concerns;
	size_t				 nconcerns;
	struct case_risk_info		*risks;		/* newest first */
	size_t				 nrisks;
	struct case_event_info		*events;	/* newest first */
	size_t				 nevents;
};

/*
 * The case with its concerns (primary first), risk history and timeline.
 * SVC_NOTFOUND when it does not exist or the actor may not see it
 * (authz_case_visible()); the refused attempt is audited
 * (case.read.denied), a read too (case.read).
 */
enum svc_rc	case_get(struct svc *, int64_t id, struct case_full **);

/* A search; NULL/0 fields do not filter. */
struct case_query {
	const char	*q;		/* number, personal number or name */
	const char	*number;	/* prefix of the case number */
	const char	*status;
	const char	*risk;		/* low, medium, high, none */
	const char	*concern;
	int64_t		 worker_id;
	int64_t		 municipality_id;
	int		 pending;	/* latest risk awaiting validation */
	int		 overdue;	/* an open step past its deadline */
	int		 sort;		/* 0 opened (newest), 1 number, 2 risk */
	int		 page;		/* from 1 */
};

/*
 * The cases the actor may see that match q, CASE_PAGE_SIZE per page; the
 * visibility rule is part of the query. *total gets the count of all
 * matching rows. Audited (case.list) with the row count.
 */
enum svc_rc	case_search(struct svc *, const struct case_query *,
		    struct case_info **, size_t *n, int64_t *total);

/*
 * Appends a risk assessment (level, rationale of 1..CASE_RATIONALE_MAX
 * characters) to a case the actor may see and write; sets the case's risk,
 * moves "registered" to "screened", writes the timeline event. version is
 * the case version the author saw: SVC_CONFLICT when stale (then
 * case_last_change() tells what changed). *rid (may be NULL) gets the id.
 */
enum svc_rc	case_risk_set(struct svc *, int64_t case_id, const char *level,
		    const char *rationale, int64_t version, int64_t *rid);
/*
 * case_risk_set() inside the caller's write transaction (the screening of
 * svc/assessment.c): c as case_for_write() gave it; the same checks of
 * level and rationale, the version check, the risk row, "registered" to
 * "screened", the deadlines, the timeline events and the audit row.
 */
enum svc_rc	case_risk_set_in_tx(struct svc *, const struct case_info *c,
		    const char *level, const char *rationale, int64_t version,
		    int64_t *rid);

/*
 * A supervisor of the case's unit (PERM_CASE_SUPERVISE) validates the
 * latest risk assessment. A supervisor may validate an assessment they
 * wrote themselves: allowed, and recorded as such (audit detail self=1,
 * timeline note "self"). SVC_CONFLICT when already validated, SVC_INVALID
 * (field "risk") when a newer assessment supersedes it.
 */
enum svc_rc	case_risk_validate(struct svc *, int64_t case_id, int64_t rid);

/*
 * A supervisor of the unit assigns the case to a caseworker of the same
 * agency (active, role caseworker) and a team of that agency (0: the
 * worker's own team). version as for case_risk_set().
 */
enum svc_rc	case_assign(struct svc *, int64_t case_id, int64_t worker_id,
		    int64_t team_id, int64_t version);

/* The newest timeline entry of a case the actor may see (for the conflict
 * message: who changed what). */
enum svc_rc	case_last_change(struct svc *, int64_t case_id,
		    struct case_event_info **);

/*
 * For the services of the later steps (assessment, plan, review, closure,
 * transfer), which keep their own records and move the case along:
 *
 * case_for_write(): the case, when the actor may write it (PERM_CASE_WRITE
 * and visible; a refused attempt audited as case.write.denied and answered
 * SVC_NOTFOUND); SVC_INVALID (field "case", message "case.closed") when it
 * is closed or transferred and allow_ended is 0; SVC_CONFLICT
 * ("case.conflict") when version is not 0 and not the case's version.
 *
 * case_change_in_tx(), inside the caller's write transaction: a new case
 * version (checked against version unless 0: SVC_CONFLICT "case.conflict"),
 * and, when status is not NULL and differs from c->status, the new status
 * with its "status" timeline event. *nv (may be NULL) gets the new version.
 *
 * case_event_in_tx(): one timeline entry (kind, field, before, after, note;
 * NULL as ""), shown by case_get() and the case page; the kinds each
 * service writes need a case.event.KIND label in po/.
 */
enum svc_rc	case_for_write(struct svc *, int64_t id, int64_t version,
		    int allow_ended, struct case_info **);
enum svc_rc	case_change_in_tx(struct svc *, const struct case_info *,
		    const char *status, int64_t version, int64_t *nv);
enum svc_rc	case_event_in_tx(struct svc *, int64_t case_id,
		    const char *kind, const char *field, const char *before,
		    const char *after, const char *note);
/* 1 when the case is closed or transferred. */
int		 case_ended(const struct case_info *);

/* A caseworker the case may be assigned to. */
struct case_worker {
	int64_t		 id;
	const char	*full_name;
	int64_t		 team_id;
	const char	*team_name;
};

/* The active caseworkers of the actor's agency (supervisors only). */
enum svc_rc	case_workers(struct svc *, struct case_worker **, size_t *n);

/* What needs the actor's attention (home page), counted in SQL. */
struct case_attention {
	int64_t		 own_no_risk;	/* own open cases not yet screened */
	int64_t		 own_high;	/* own open high-risk cases */
	int64_t		 pending;	/* unit: latest risk not validated
					 * (supervisors) */
};
enum svc_rc	case_attention(struct svc *, struct case_attention *);

#endif
