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

#endif
