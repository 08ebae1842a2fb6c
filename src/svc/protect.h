/*
 * protect.h — protection measures and 72-hour emergency placements of a
 * case (svc layer; the Albanian profile, DOMAIN.md §1, §3, §4). A step
 * service over case_for_write() / case_change_in_tx() / case_event_in_tx():
 * every write carries the case version, moves it, writes a timeline event
 * and the audit row (ids and codes only) in one transaction. On a case of
 * another country than AL every write is refused ("protect.err.country").
 * protect_scan() is the periodic reminder of scans[] (svc/scan.c).
 */
#ifndef RRJETI_PROTECT_H
#define RRJETI_PROTECT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct case_info;

#define PROTECT_PLACE_MAX	200	/* characters of a place's name */
#define PROTECT_LIST_MAX	100	/* measures or placements of a case */
#define PROTECT_HOURS		72	/* an emergency placement */
#define PROTECT_WARN_EARLY	(24 * 3600)	/* first reminder before expiry */
#define PROTECT_WARN_LATE	(6 * 3600)	/* second reminder */
#define PROTECT_RED		(12 * 3600)	/* the countdown turns red */
#define PROTECT_MEASURE_WARN_DAYS 30

/* Checklist: the CHECK sets of 0013_protect.sql, the protect.* labels in
 * po/ and routes_protect_fields.inc. */
extern const char *const protect_measure_types[];
extern const char *const protect_deciders[];		/* unit, court */
extern const char *const protect_end_reasons[];
extern const char *const protect_place_kinds[];
extern const char *const protect_end_hows[];

/* 1 when a case of country may have measures and placements. */
int		 protect_offered(const char *country);

struct measure_new {
	const char	*type, *decided_by;
	/* dd.mm.yyyy or yyyy-mm-dd; "" not (yet) */
	const char	*decision_date, *submission_date, *confirmation_date;
	const char	*expiry_date;
};

struct measure_info {
	int64_t		 id, case_id;
	const char	*type, *decided_by;
	const char	*decision_date, *submission_date, *confirmation_date;
	const char	*expiry_date;	/* yyyy-mm-dd or "" */
	const char	*status;	/* proposed, submitted, confirmed, expired,
					 * ended */
	const char	*end_reason, *end_date, *author;
	int64_t		 created_at, updated_at;
};

struct placement_new {
	const char	*place_kind, *place_name;
	const char	*date;		/* of the start: dd.mm.yyyy / yyyy-mm-dd */
	const char	*time;		/* HH:MM */
};

struct placement_info {
	int64_t		 id, case_id;
	const char	*place_kind, *place_name;
	int64_t		 started_at, ends_at, ended_at;	/* ended_at 0: running */
	const char	*end_how;
	int64_t		 measure_id;
	const char	*author;
};

/*
 * A measure on case_id (version: the case's). Rules, each SVC_INVALID
 * naming the field: type and decided_by of their sets; the decision date
 * required and not in the future; submission not before the decision and
 * not in the future; confirmation needs a submission, not before it, not
 * in the future; expiry not before the decision; no second active
 * (not ended, not expired) measure of the same type ("type"); the case
 * open and of Albania ("case"). The status follows the dates.
 */
enum svc_rc	protect_measure_add(struct svc *, int64_t case_id,
		    int64_t version, const struct measure_new *, int64_t *id);
/* New court dates of a measure not ended (type and decided_by of n are
 * ignored; "" keeps a date not yet given empty); the same rules. */
enum svc_rc	protect_measure_update(struct svc *, int64_t case_id,
		    int64_t measure_id, int64_t version,
		    const struct measure_new *);
/* Ends a measure with a reason and a date (not before its decision, not in
 * the future); SVC_CONFLICT "protect.err.ended" when already ended. */
enum svc_rc	protect_measure_end(struct svc *, int64_t case_id,
		    int64_t measure_id, int64_t version, const char *reason,
		    const char *date);

/*
 * An emergency placement from date and time (not in the future), running
 * until 72 hours later. SVC_INVALID "place_kind", "place_name", "date",
 * "time"; a case already with a running placement ("date",
 * "protect.err.running").
 */
enum svc_rc	protect_placement_start(struct svc *, int64_t case_id,
		    int64_t version, const struct placement_new *, int64_t *id);
/* Ends a running placement: how (returned_family, court_measure with a
 * confirmed measure of the case, longer_care) at date and time, not before
 * the start and not in the future. An end after the 72 hours is recorded
 * as it happened (the placement overran; the case page and indicator 8
 * show it). SVC_CONFLICT "protect.err.ended" when it has ended already. */
enum svc_rc	protect_placement_end(struct svc *, int64_t case_id,
		    int64_t placement_id, int64_t version, const char *how,
		    int64_t measure_id, const char *date, const char *time);

/* The measures (newest first) and placements (newest first) of a case the
 * caller has read with case_get(). */
struct protect_view {
	struct measure_info	*measures;
	size_t			 nmeasures;
	struct placement_info	*placements;
	size_t			 nplacements;
};
enum svc_rc	protect_case(struct svc *, const struct case_info *,
		    struct protect_view **);

/* A running placement of the actor's cases (authz_case_scope()). */
struct placement_due {
	int64_t		 id, case_id, ends_at;
	const char	*number, *place_kind, *place_name;
};
/* The running placements of the cases the actor sees, soonest expiry
 * first, at most PROTECT_LIST_MAX. */
enum svc_rc	protect_running(struct svc *, struct placement_due **,
		    size_t *n);

/*
 * The reminders at now: each running placement 24 hours before it ends
 * (object type placement_day) and 6 hours before (placement_hours), kind
 * placement_expiring, to the case's worker and the active supervisors of
 * its unit; each measure not ended whose expiry is within 30 days (kind
 * measure_expiring). notify_once_in_tx(), so a second run adds nothing;
 * each placement or measure in its own transaction.
 */
enum svc_rc	protect_scan(struct svc *, int64_t now);

#endif
