/*
 * consent.h — informed consent (pëlqim i informuar) on a case (svc layer):
 * who consented (parent, guardian, child: name and relation), the scope by
 * agency (chosen ones, or every agency of the network) and by data
 * category, the date, withdrawal (a record is never deleted), and a
 * supervisor's override with a recorded reason (best interest or legal
 * duty), audited and listed for review. consent_allows() is the one rule
 * later features (referrals) ask before sharing.
 */
#ifndef RRJETI_CONSENT_H
#define RRJETI_CONSENT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define CONSENT_NAME_MAX	100	/* characters */
#define CONSENT_REASON_MAX	1000
#define CONSENT_AGENCIES_MAX	50
#define CONSENT_LIST_MAX	200

/* Checklist: the CHECK sets of 0009_community.sql, the consent.relation.*,
 * consent.category.* and consent.override.* labels in po/, and the sets
 * of routes_community_fields.inc. */
extern const char *const consent_relations[];
extern const char *const consent_categories[];
extern const char *const consent_override_codes[];

/* A consent (giver and relation) or an override (code and reason). */
struct consent_new {
	const char		*giver_name, *relation;
	const char		*override_code, *override_reason;
	int			 all_agencies;
	const int64_t		*agencies;
	size_t			 nagencies;
	const char *const	*categories;
	size_t			 ncategories;
	const char		*date;	/* dd.mm.yyyy or yyyy-mm-dd */
};

struct consent_info {
	int64_t		 id, case_id;
	const char	*kind;		/* consent, override */
	const char	*giver_name, *relation;
	const char	*override_code, *override_reason;
	int		 all_agencies;
	const char	*date;		/* yyyy-mm-dd */
	int64_t		 author_id;
	const char	*author;
	int64_t		 created_at;
	const char	*withdrawn_date;	/* "" while in force */
	const char	*withdrawn_reason;
	int64_t		 withdrawn_by, withdrawn_at;
	const char	*categories;	/* codes, comma-separated */
	const char	*agencies;	/* names, ", "-separated */
};

/*
 * Records a consent on case (case_id at version): the case writable by the
 * actor (else SVC_NOTFOUND, audited), giver and relation, at least one
 * agency or all_agencies, at least one category, the date neither in the
 * future nor before the case opened. A new case version and a timeline
 * event; audited (consent.record, ids and codes only).
 */
enum svc_rc	consent_record(struct svc *, int64_t case_id, int64_t version,
		    const struct consent_new *, int64_t *id);
/* The same as a supervisor's override (PERM_CASE_SUPERVISE, else
 * SVC_DENIED): override_code and override_reason instead of the giver;
 * audited as consent.override. */
enum svc_rc	consent_override(struct svc *, int64_t case_id, int64_t version,
		    const struct consent_new *, int64_t *id);
/* Withdraws consent_id of case_id (date not in the future nor before the
 * consent's date, reason required); SVC_INVALID "consent.withdrawn" when
 * it already was. Possible on a closed case too. */
enum svc_rc	consent_withdraw(struct svc *, int64_t case_id,
		    int64_t consent_id, int64_t version, const char *date,
		    const char *reason);
/* The consents of a case the caller has read (case_get()), newest first. */
enum svc_rc	consent_of_case(struct svc *, int64_t case_id,
		    struct consent_info **, size_t *n);

enum consent_answer {
	CONSENT_NONE,		/* none in force covers agency and category */
	CONSENT_GIVEN,		/* a consent in force covers them */
	CONSENT_OVERRIDE	/* only a supervisor's override covers them */
};
/*
 * Whether data of category on case_id may be shared with agency_id: a
 * consent or override not withdrawn whose agencies (or all agencies) and
 * categories cover it. SVC_INVALID "category" for an unknown category. The
 * caller has checked the case is its actor's to share.
 */
enum svc_rc	consent_allows(struct svc *, int64_t case_id, int64_t agency_id,
		    const char *category, enum consent_answer *);

struct consent_override_info {
	int64_t		 id, case_id, created_at;
	const char	*number, *code, *reason, *date, *author;
	const char	*withdrawn_date;
};
/* The overrides for review (PERM_CONSENT_REVIEW): a supervisor those of
 * their unit's cases with the reason; an auditor those of the country, the
 * code only (reason ""). The read is audited (consent.overrides). */
enum svc_rc	consent_overrides(struct svc *,
		    struct consent_override_info **, size_t *n);

/* Shared with svc/community.c (cm_unavailable, cm_dup: svc.h). */
int		 cm_filled(const char *);
enum svc_rc	cm_text(struct svc *, const char *field, const char *v,
		    size_t max, int required, int multi);
/* A day (dd.mm.yyyy or yyyy-mm-dd) of field: required, valid, not after
 * today, not before not_before (a day; 0: no bound). */
enum svc_rc	cm_day(struct svc *, const char *field, const char *v,
		    int32_t not_before, int32_t *d);
const char	*cm_ymd(struct arena *, int32_t d);

#endif
