/*
 * visit.h — systematic visits of a unit to preschools, schools and homes
 * in its municipality (svc layer; DOMAIN.md §5). Users with PERM_VISITS
 * plan a visit (a home visit with health professionals), name the workers
 * of their unit who take part (notified visit_planned), record it done
 * (findings, children seen by sex) or cancel it with a reason, and turn a
 * child identified on it into a report of concern in the Centre's intake
 * (intake_create_in_tx(): channel visit, referrer type systematic_visit),
 * linked to the visit. A visit of another unit is SVC_NOTFOUND, audited
 * (visit.read.denied). Writes audited with ids and codes only.
 */
#ifndef RRJETI_VISIT_H
#define RRJETI_VISIT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define VISIT_PLACE_MAX		200	/* characters */
#define VISIT_NAMES_MAX		300	/* health professionals, others */
#define VISIT_FINDINGS_MAX	4000
#define VISIT_REASON_MAX	1000
#define VISIT_COUNT_MAX		10000	/* children seen of one sex */
#define VISIT_PAGE_SIZE		25
#define VISIT_PARTICIPANTS_MAX	10
#define VISIT_NARRATIVE_MAX	4000	/* of an identified child */

/* Checklist: the CHECK sets of visit in 0013_protect.sql, the visit.kind.*
 * and visit.status.* labels in po/ and routes_protect_fields.inc. */
extern const char *const visit_kinds[];		/* preschool, school, home */
extern const char *const visit_statuses[];	/* planned, done, cancelled */

struct visit_new {
	const char	*kind, *date, *place;
	const char	*health_names, *health_institution; /* home visits */
	const char	*others;	/* other participants, by name */
	const int64_t	*participants;	/* users of the unit */
	size_t		 nparticipants;
};

struct visit_info {
	int64_t		 id, agency_id, municipality_id;
	const char	*municipality_sq, *municipality_sr;
	const char	*kind, *date, *place;	/* date yyyy-mm-dd */
	const char	*health_names, *health_institution, *others;
	const char	*status, *cancel_reason, *findings;
	int64_t		 seen_f, seen_m;
	const char	*author;
	int64_t		 created_at, version, nreports;
};

struct visit_person {
	int64_t		 id;
	const char	*name;
};

struct visit_report {
	int64_t		 id, received_at;
	const char	*status, *case_number;	/* "" before registration */
};

struct visit_full {
	struct visit_info	 v;
	struct visit_person	*participants;
	size_t			 nparticipants;
	struct visit_report	*reports;
	size_t			 nreports;
};

/*
 * Plans a visit of the actor's unit. SVC_INVALID naming the field: kind of
 * its set; date required and not in the past ("visit.err.past"); place
 * required, one line, no markup; for a home visit the health
 * professionals' names and institution required; participants active
 * caseworkers or supervisors of the unit (at most
 * VISIT_PARTICIPANTS_MAX). Each participant other than the actor is
 * notified (visit_planned).
 */
enum svc_rc	visit_create(struct svc *, const struct visit_new *, int64_t *id);

struct visit_query {
	const char	*kind, *status;	/* NULL/"": any */
	const char	*month;		/* yyyy-mm, NULL/"": any */
	int		 page;		/* from 1 */
};
/* The visits of the actor's unit, upcoming first (soonest first), then
 * past ones newest first; VISIT_PAGE_SIZE a page; *total all matching.
 * SVC_INVALID "month" for a month not yyyy-mm. */
enum svc_rc	visit_list(struct svc *, const struct visit_query *,
		    struct visit_info **, size_t *n, int64_t *total);
/* A visit of the actor's unit with its participants and reports. */
enum svc_rc	visit_get(struct svc *, int64_t id, struct visit_full **);
/*
 * Records a planned visit done (its date not in the future:
 * "visit.err.not_yet"): findings (1..VISIT_FINDINGS_MAX characters, no
 * markup), children seen by sex (0..VISIT_COUNT_MAX). version: the
 * visit's (SVC_CONFLICT "visit.err.changed" when stale or not planned).
 */
enum svc_rc	visit_done(struct svc *, int64_t id, int64_t version,
		    const char *findings, int64_t seen_f, int64_t seen_m);
enum svc_rc	visit_cancel(struct svc *, int64_t id, int64_t version,
		    const char *reason);

/* A child identified on a visit. */
struct visit_child {
	const char	*given, *family, *parent, *sex, *birth_date;
	int		 age;		/* -1 unknown */
	const char	*narrative;	/* what was seen */
	int		 immediate_danger;
	const char	*const *concerns;
	size_t		 nconcerns;
};
/* A report of concern in the intake of the visit's municipality, linked
 * to the visit, in one transaction; the visit not cancelled and its date
 * not in the future ("visit.err.not_yet"). */
enum svc_rc	visit_identify(struct svc *, int64_t id, int64_t version,
		    const struct visit_child *, int64_t *report_id);

/* The active caseworkers and supervisors of the actor's unit, who may
 * take part in a visit (at most 200). */
enum svc_rc	visit_workers(struct svc *, struct visit_person **, size_t *n);

/* The visit a report came from (0: none), for the report's page. */
enum svc_rc	visit_of_report(struct svc *, int64_t report_id,
		    int64_t *visit_id, const char **kind, const char **date);

#endif
