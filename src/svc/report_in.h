/*
 * report_in.h — reports in from police, schools and health centres (svc
 * layer; issue 4 "Reports in"). A table member whose agency is police,
 * school or health (PERM_REPORT_IN) files a short report into the intake
 * of a Centre of their municipality: a report of concern (intake.h) with
 * the agency's type as referrer type, the agency as referrer, channel
 * online; the Centre's supervisors are told (report_received). The
 * reporter sees their agency's reports as "received" or "handled" with the
 * date, never the case, the decision or its reason.
 */
#ifndef RRJETI_REPORT_IN_H
#define RRJETI_REPORT_IN_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define REPORT_IN_TEXT_MAX	4000	/* characters of the narrative */
#define REPORT_IN_LIST_MAX	200

struct report_in_new {
	int64_t			 centre;	/* a social_work agency */
	const char		*given, *family, *sex;	/* what is known */
	int			 age;		/* -1 unknown */
	const char		*location, *narrative;
	int			 immediate_danger;
	const char *const	*concerns;
	size_t			 nconcerns;
};

/* Files the report; SVC_DENIED for anyone but a police, school or health
 * user; SVC_INVALID naming the field (centre not a Centre of the actor's
 * municipality, markup "report_in.err.markup", oversized text, no
 * concern). */
enum svc_rc	report_in_create(struct svc *, const struct report_in_new *,
		    int64_t *id);

struct report_in_centre {
	int64_t		 id;
	const char	*name;
};
/* The Centres of the actor's municipality (SVC_DENIED as above). */
enum svc_rc	report_in_centres(struct svc *, struct report_in_centre **,
		    size_t *n);

struct report_in_info {
	int64_t		 id, received_at;
	const char	*status;	/* received, handled */
	const char	*centre;
};
/* The actor's agency's reports, newest first. */
enum svc_rc	report_in_mine(struct svc *, struct report_in_info **,
		    size_t *n);

#endif
