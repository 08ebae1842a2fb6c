/*
 * provider.h — the provider registry (svc layer; issue 5): licensed
 * organisations (agencies of type 'provider', and public providers) with
 * their licences — number, the services licensed, issue and expiry dates,
 * the municipalities covered, capacity, status — and inspections against
 * the minimum standards. Referrals (svc/referral.c) ask
 * provider_licensed_in_tx() before a referral may go out.
 *
 * This header is the contract between the registry and the referrals: the
 * declarations below are implemented in provider.c.
 */
#ifndef RRJETI_PROVIDER_H
#define RRJETI_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

/* The services a licence names and a referral asks for (DOMAIN.md §5;
 * provider.service.* labels in po/). Checklist: the CHECK sets of the
 * provider and referral migrations and the route field sets. */
extern const char *const provider_services[];

/* A licence's status. */
extern const char *const licence_statuses[];	/* active, suspended,
						 * expired, revoked */

struct licence_new {
	const char		*number;	/* unique per country */
	const char *const	*services;
	size_t			 nservices;
	const int64_t		*municipalities;	/* covered */
	size_t			 nmunicipalities;
	const char		*issued;	/* dd.mm.yyyy or yyyy-mm-dd */
	const char		*expires;	/* after issued */
	int64_t			 capacity;	/* children at once; > 0 */
};

/* Adds a licence to provider agency_id (an agency of type 'provider',
 * in the actor's scope; PERM_PROVIDERS_WRITE). SVC_INVALID with the field
 * for every rule: unknown service, expiry before issue, a licence of the
 * same provider for the same service overlapping in time, ... Audited. */
enum svc_rc	provider_licence_add(struct svc *, int64_t agency_id,
		    const struct licence_new *, int64_t *id);
/* The same inside the caller's transaction (imports: in a loop inside one
 * svc_tx()). */
enum svc_rc	provider_licence_add_in_tx(struct svc *, int64_t agency_id,
		    const struct licence_new *, int64_t *id);

/*
 * Whether provider agency_id may receive a referral for service on date
 * (yyyy-mm-dd) for a child of municipality_id (0: any): it holds a licence
 * with status active, issued on or before date and expiring after it,
 * naming service and covering municipality_id. *licence_id (0 when not)
 * and *number (may be NULL; "" when not) name that licence. Reads only:
 * callable inside or outside a transaction. SVC_OK either way; the answer
 * is *licence_id != 0.
 */
enum svc_rc	provider_licensed_in_tx(struct svc *, int64_t agency_id,
		    const char *service, const char *date,
		    int64_t municipality_id, int64_t *licence_id,
		    const char **number);

/* A provider licensed as above, for choosing one in a referral form. */
struct provider_choice {
	int64_t		 agency_id, licence_id;
	const char	*name, *licence_number, *expires;	/* yyyy-mm-dd */
	int64_t		 capacity;
};
/* The providers licensed for service (NULL: any service) on date
 * (yyyy-mm-dd) in municipality_id (0: any), by name. */
enum svc_rc	provider_licensed_list(struct svc *, const char *service,
		    const char *date, int64_t municipality_id,
		    struct provider_choice **out, size_t *n);

/* ------------------------------------------------------------------
 * The registry itself (provider.c): profiles, licences, renewal
 * reminders, minimum standards and inspections. Readers: PERM_PROVIDERS_READ
 * limited to the actor's country; a provider's user sees only their own
 * organisation, a municipal administrator the providers seated in their
 * municipality or licensed to work in it; anything else is SVC_NOTFOUND.
 * Writers: PERM_PROVIDERS_WRITE over the provider's seat municipality.
 */
#define PROVIDER_TEXT_MAX	200	/* characters: registration, address */
#define PROVIDER_NAME_MAX	120	/* an agency's name */
#define PROVIDER_DESC_MAX	4000	/* the description of the services */
#define LICENCE_NUMBER_MAX	40
#define LICENCE_REASON_MAX	1000
#define LICENCE_CAPACITY_MAX	100000
#define LICENCE_MUNIS_MAX	100
#define STANDARD_TITLE_MAX	300
#define INSPECTORS_MAX		300
#define INSPECTION_NOTES_MAX	2000
#define INSPECTION_ACTION_MAX	1000
#define PROVIDER_PAGE		25	/* providers per page */
#define PROVIDER_LIST_MAX	500

/* Checklist: the CHECK sets of 0011_provider.sql, the provider.* labels
 * in po/ and routes_provider_fields.inc. */
extern const char *const provider_legal_forms[];	/* ngo public private */
extern const char *const inspection_ratings[];	/* met partly not_met */

struct provider_info {
	int64_t		 id;		/* the agency */
	const char	*code, *name;
	int64_t		 municipality_id;	/* the seat */
	const char	*municipality_sq, *municipality_sr, *country;
	int		 active;
	const char	*legal_form, *registration_no, *address, *phone;
	const char	*email, *description;
	int64_t		 version;	/* of the profile; 0: none yet */
	int64_t		 licences_in_force;
	const char	*services;	/* in force today, comma-separated */
};

struct provider_filter {
	const char	*service;	/* NULL: any */
	int64_t		 municipality_id;	/* seat or covered; 0: any */
	const char	*status;	/* a licence in this status; NULL: any */
	int64_t		 page;		/* from 1 */
};

/* The providers the actor sees, by name, one page of PROVIDER_PAGE;
 * *total counts all pages. */
enum svc_rc	provider_list(struct svc *, const struct provider_filter *,
		    struct provider_info **, size_t *n, int64_t *total);
/* One provider; SVC_NOTFOUND (audited) outside the actor's view. */
enum svc_rc	provider_get(struct svc *, int64_t id, struct provider_info **);
/* Whether the actor may change provider p (its seat in their scope). */
int		provider_may_write(struct svc *, const struct provider_info *);

struct provider_profile {
	const char	*legal_form, *registration_no, *address, *phone;
	const char	*email, *description;
};
/* Sets the profile of provider id at version (0 when it has none yet);
 * SVC_CONFLICT when stale. */
enum svc_rc	provider_profile_set(struct svc *, int64_t id, int64_t version,
		    const struct provider_profile *);

/*
 * A new provider inside the caller's transaction (imports, svc/import.c):
 * an agency of type provider with code (agency_code_valid(); taken:
 * SVC_INVALID "code" "error.code.taken"), name (plain text, at most
 * PROVIDER_NAME_MAX characters), seated in municipality_id (in the actor's
 * scope for PERM_PROVIDERS_WRITE and PERM_AGENCIES_WRITE), and its profile
 * under the rules of provider_profile_set(). Audited as the forms audit
 * them (agency.create, provider.profile).
 */
enum svc_rc	provider_create_in_tx(struct svc *, const char *code,
		    const char *name, int64_t municipality_id,
		    const struct provider_profile *, int64_t *id);

struct licence_info {
	int64_t		 id, agency_id, capacity, renews_id, renewed_by, version;
	const char	*country, *number, *issued, *expires;	/* yyyy-mm-dd */
	const char	*status;	/* effective: expired when past expiry */
	const char	*stored_status, *status_reason, *status_date;
	const char	*services;	/* comma-separated codes */
	const char	*municipality_ids, *municipalities;	/* , and ", " */
	const char	*provider_name;
};
enum svc_rc	provider_licences(struct svc *, int64_t agency_id,
		    struct licence_info **, size_t *n);
enum svc_rc	provider_licence_get(struct svc *, int64_t licence_id,
		    struct licence_info **);
/* A new licence whose period follows licence_id's (issued on or after its
 * expiry); the old one gets no more reminders. */
enum svc_rc	provider_licence_renew(struct svc *, int64_t licence_id,
		    const struct licence_new *, int64_t *id);
/* Moves licence_id (at version) to status suspended, revoked or active
 * (from suspended), with the reason (required but for active) and the date
 * (dd.mm.yyyy or yyyy-mm-dd, not in the future). A revoked licence stays
 * revoked. */
enum svc_rc	provider_licence_status(struct svc *, int64_t licence_id,
		    int64_t version, const char *status, const char *reason,
		    const char *date);

/* The renewal reminders (scans[] of scan.c): for each active licence not
 * yet renewed that expires within 90 days, the provider's users and the
 * municipal administrators of its seat municipality get notification kind
 * licence_expiring once about object type "licence" (90 days) and once
 * more about "licence_final" (30 days). */
enum svc_rc	provider_scan(struct svc *, int64_t now);

struct standard_info {
	int64_t		 id, num, version, used;	/* used: ratings */
	const char	*country, *title_sq, *title_en, *title_sr;
	int		 active;
};
/* The standards of country (NULL: the actor's; all for an installation
 * administrator), retired ones too unless active_only. */
enum svc_rc	standard_list(struct svc *, const char *country, int active_only,
		    struct standard_info **, size_t *n);
enum svc_rc	standard_get(struct svc *, int64_t id, struct standard_info **);
/* Country-wide administrators only (PERM_PROVIDERS_WRITE, country
 * scope). */
enum svc_rc	standard_add(struct svc *, const char *country, const char *sq,
		    const char *en, const char *sr, int64_t *id);
enum svc_rc	standard_update(struct svc *, int64_t id, int64_t version,
		    const char *sq, const char *en, const char *sr, int active);
/* Only a standard never rated; SVC_CONFLICT "provider.err.standard_used"
 * otherwise (retire it instead). */
enum svc_rc	standard_delete(struct svc *, int64_t id);

struct inspection_info {
	int64_t		 id, agency_id, licence_id, created_at, completed_at;
	int64_t		 version, items, rated, points, open_actions;
	int		 score;		/* percentage; -1 while a draft */
	const char	*licence_number, *country, *date, *inspectors, *status;
};
struct inspection_item {
	int64_t		 standard_id, num;
	const char	*title_sq, *title_en, *title_sr, *rating, *notes;
};
struct inspection_action {
	int64_t		 id, created_at;
	const char	*action, *deadline, *done_on;	/* "" when open */
};
struct inspection_rating {
	int64_t		 standard_id;
	const char	*rating;	/* NULL or "": not yet rated */
	const char	*notes;
};

/* A draft inspection of provider agency_id on date by inspectors, of its
 * licence licence_id, with one unrated item per active standard. */
enum svc_rc	inspection_create(struct svc *, int64_t agency_id,
		    int64_t licence_id, const char *date, const char *inspectors,
		    int64_t *id);
/* Saves a draft (at version): date, inspectors and the ratings given; with
 * complete, every standard must be rated and the score is computed. */
enum svc_rc	inspection_save(struct svc *, int64_t id, int64_t version,
		    const char *date, const char *inspectors,
		    const struct inspection_rating *, size_t n, int complete);
enum svc_rc	inspection_get(struct svc *, int64_t id,
		    struct inspection_info **, struct inspection_item **,
		    size_t *nitems, struct inspection_action **,
		    size_t *nactions);
enum svc_rc	inspection_list(struct svc *, int64_t agency_id,
		    struct inspection_info **, size_t *n);
/* A follow-up action with its deadline (today or later). */
enum svc_rc	inspection_action_add(struct svc *, int64_t inspection_id,
		    const char *action, const char *deadline, int64_t *id);
enum svc_rc	inspection_action_done(struct svc *, int64_t inspection_id,
		    int64_t action_id, const char *date);
/* The score of points over n rated standards: a percentage of 2n. */
int		inspection_score(int64_t points, int64_t n);

#endif
