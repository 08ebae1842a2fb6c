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

#endif
