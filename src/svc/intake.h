/*
 * intake.h — reports of concern (svc layer): a report from any channel
 * lands in the intake of the social_work agency of its municipality; the
 * agency decides "not admitted" (reason and onward referral) or registers
 * it: an existing or new child and a case opened by case_open_in_tx(), in
 * one transaction with the report marked registered (version checked).
 */
#ifndef RRJETI_INTAKE_H
#define RRJETI_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "child.h"
#include "svc.h"

#define INTAKE_NARRATIVE_MAX	20000	/* characters */
#define INTAKE_TEXT_MAX		200	/* location, reason, referral */
#define INTAKE_CONCERNS_MAX	32

/* Checklist: the CHECK sets of report in 0002_cases.sql, these tables, the
 * channel.* and referrer.* labels in po/, the sets in the route fields. */
extern const char *const intake_channels[];
extern const char *const intake_referrers[];

struct report_new {
	int64_t		 municipality_id;	/* 0: the recording user's */
	const char	*received_on;	/* dd.mm.yyyy or yyyy-mm-dd; "": now */
	const char	*channel, *referrer_type;
	const char	*referrer_name, *referrer_contact;
	const char	*given, *family, *parent, *sex;
	const char	*birth_date;	/* "" unknown */
	int		 age;		/* estimated age; -1 unknown */
	const char	*location, *narrative;
	int		 immediate_danger;
	const char	*const *concerns;
	size_t		 nconcerns;
	/* A report in from another agency's user (svc/report_in.c): the
	 * Centre chosen (an active social_work agency; 0: as above) and the
	 * reporting agency (0: none). */
	int64_t		 agency_id;
	int64_t		 referrer_agency_id;
};

struct report_concern {
	const char	*code;
	const char	*label[3];	/* by enum lang */
	int		 restricted;
};

struct report_info {
	int64_t		 id, municipality_id, agency_id, received_at;
	const char	*channel, *referrer_type, *referrer_name;
	const char	*referrer_contact;
	int64_t		 referrer_agency_id, child_id;
	const char	*given, *family, *parent, *sex, *birth_date;
	int		 age;		/* -1 unknown */
	const char	*location, *narrative;
	int		 immediate_danger;
	const char	*status, *decision_reason, *onward_referral;
	int64_t		 case_id, created_at, version;
	const char	*municipality_name, *country, *created_by_name;
	const char	*case_number;
	struct report_concern *concerns;
	size_t		 nconcerns;
};

/* What a registration decides. */
struct intake_reg {
	int64_t				 report_id, version;
	int64_t				 child_id;	/* 0: create child */
	const struct child_fields	*child;		/* when child_id 0 */
	const char			*primary;	/* one of the concerns */
};

/* PERM_INTAKE, or PERM_REPORT_IN for a report whose referrer_agency_id is
 * the actor's agency (svc/report_in.c checks the agency's type). */
enum svc_rc	intake_create(struct svc *, const struct report_new *, int64_t *id);
/* The same inside the caller's write transaction (svc_tx): a community
 * alert triaged into a report (svc/community.c). */
enum svc_rc	intake_create_in_tx(struct svc *, const struct report_new *,
		    int64_t *id);
/* The reports of the actor's agency with status ("received" for the
 * intake), immediate danger first, newest first. */
enum svc_rc	intake_list(struct svc *, const char *status, int limit,
		    int offset, struct report_info **, size_t *n);
/* Reports waiting in the actor's agency intake, counted in SQL. */
enum svc_rc	intake_waiting(struct svc *, int64_t *count);
/* A report of the actor's agency (SVC_NOTFOUND otherwise), audited. */
enum svc_rc	intake_get(struct svc *, int64_t id, struct report_info **);
/* The duplicate candidates for the report's child. */
enum svc_rc	intake_candidates(struct svc *, const struct report_info *,
		    struct child_candidate **, size_t *n);
enum svc_rc	intake_not_admitted(struct svc *, int64_t id, int64_t version,
		    const char *reason, const char *onward);
enum svc_rc	intake_register(struct svc *, const struct intake_reg *,
		    int64_t *case_id, const char **number);

#endif
