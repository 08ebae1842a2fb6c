/*
 * grant.h — donors, grant agreements, the services grantees deliver under
 * them and the people served (svc layer; issue 5, DOMAIN.md §5, §6).
 *
 * A donor has a funding programme with a period; a grant of a donor goes
 * to a grantee organisation (an agency of type 'provider': a licensed
 * provider or an NGO) for an amount in euro cents, a period inside the
 * donor's programme, the services it funds (provider_services), the
 * municipalities it covers and its reporting dates. Readers
 * (PERM_GRANTS_READ) see the grants of their municipality (all for
 * country scope); writers (PERM_GRANTS_WRITE) write those. The grantee's
 * users (PERM_GRANT_REPORT) see only their own organisation's grants (any
 * other is SVC_NOTFOUND) and record pseudonymous beneficiaries (a code,
 * never a name) and the services delivered to them. People served are
 * counted in SQL (view grant_reach), never typed.
 *
 * A donor's users (ROLE_DONOR, PERM_DONOR_READ, user.donor_id) see their
 * own donor and its grants, read only, as aggregates: no beneficiary, and
 * every count of 1..4 given as GRANT_SUPPRESSED (shown "<5"), with
 * complementary suppression (children + adults = people) and the cost per
 * person hidden with the people; any other donor's grant is SVC_NOTFOUND,
 * audited.
 */
#ifndef RRJETI_GRANT_H
#define RRJETI_GRANT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define GRANT_NAME_MAX		200	/* characters: names, titles */
#define GRANT_CODE_MAX		40	/* numbers, beneficiary codes */
#define GRANT_LIST_MAX		500
#define GRANT_AMOUNT_MAX	100000000000LL	/* cents: 1.000.000.000,00 € */
#define GRANT_SUPPRESSED	(-1)	/* a count of 1..4 a donor does not see */

/* Checklist: the CHECK sets of 0014_grant.sql, the labels in po/
 * (grant.donor_kind.*, grant.status.*, grant.kind.*, grant.band.*,
 * grant.category.*) and routes_grant_fields.inc. */
extern const char *const grant_donor_kinds[];
extern const char *const grant_statuses[];
extern const char *const grant_kinds[];		/* child, adult */
extern const char *const grant_age_bands[];
extern const char *const grant_categories[];

/*
 * Parses an amount of euro into cents, strictly: digits with at most one
 * decimal separator ('.' or ',') followed by one or two digits, grouping
 * by threes with the other separator ("2.700.000,00", "2,700,000.00"),
 * an optional "€" or "EUR" before or after, spaces around. Refused, with
 * the message key returned: a sign ("grant.err.amount_negative"), more
 * than two decimals ("grant.err.amount_fraction"), one separator after
 * one to three digits (not starting with 0) followed by exactly three
 * digits ("12,345" or "12.345": thousands or decimals?
 * "grant.err.amount_ambiguous"; "0,345" and "1234,567" are decimals, so
 * fractions of a cent), anything else such as letters or "1e5"
 * ("grant.err.amount_format"), more than max cents
 * ("grant.err.amount_range"). NULL when *cents is set.
 */
const char	*grant_amount_parse(const char *s, int64_t max, int64_t *cents);

struct donor_new {
	const char	*name, *kind, *country, *programme;
	const char	*start, *end;	/* the programme's period */
};
struct donor_info {
	int64_t		 id;
	const char	*name, *kind, *country, *programme, *start, *end;
	int64_t		 grants, amount_cents;
};
enum svc_rc	grant_donor_create(struct svc *, const struct donor_new *,
		    int64_t *id);
enum svc_rc	grant_donors(struct svc *, struct donor_info **, size_t *n);
enum svc_rc	grant_donor_get(struct svc *, int64_t id, struct donor_info **);

struct grant_new {
	int64_t			 donor_id, grantee_id;
	const char		*number, *title, *amount, *start, *end, *status;
	const char *const	*services;
	size_t			 nservices;
	const int64_t		*municipalities;
	size_t			 nmunicipalities;
	const char *const	*reports;	/* reporting dates */
	size_t			 nreports;
};

struct grant_filter {
	int64_t		 donor, grantee, municipality;
	const char	*active_on;	/* a day, or NULL/"" */
};

struct grant_info {
	int64_t		 id, donor_id, grantee_id;
	const char	*donor, *grantee, *number, *title;
	int64_t		 amount_cents;
	const char	*start, *end, *status;
	const char	*services;	/* codes, comma-separated */
	const char	*municipalities;	/* names */
	int64_t		 people, children, adults, cents_per_person;
	int64_t		 version, late;	/* reports late */
	const char	*municipality_ids;	/* ids, comma-separated */
};

struct grant_category {
	const char	*category;
	int64_t		 people;
};
struct grant_report_info {
	int64_t		 id;
	const char	*due;
	int64_t		 reported_at;
	int		 late;
};
struct grant_served {
	int64_t		 id;
	const char	*code, *kind, *sex, *age_band;
	int64_t		 birth_year;
	const char	*categories, *services, *last;
	int64_t		 deliveries;
};
struct grant_full {
	struct grant_info	 g;
	struct grant_category	*categories;	/* every category, 0 too */
	size_t			 ncategories;
	struct grant_report_info *reports;
	size_t			 nreports;
	struct grant_served	*served;	/* none for aggregate scope */
	size_t			 nserved;
};

enum svc_rc	grant_create(struct svc *, const struct grant_new *, int64_t *id);
enum svc_rc	grant_list(struct svc *, const struct grant_filter *,
		    struct grant_info **, size_t *n);
/* One grant the actor may see (reader in scope, or the grantee's user);
 * else SVC_NOTFOUND. */
enum svc_rc	grant_get(struct svc *, int64_t id, struct grant_full **);
/* A reporting date inside the grant's period. */
enum svc_rc	grant_report_date_add(struct svc *, int64_t id, const char *due);

/*
 * A new status of grant id (PERM_GRANTS_WRITE, in scope; else
 * SVC_NOTFOUND, audited) at its version (SVC_CONFLICT
 * "grant.err.conflict"): active -> suspended | closed, suspended -> active
 * | closed; a closed grant stays closed and the same status is no change
 * (SVC_INVALID "grant.err.transition"); status one of grant_statuses
 * (field "status"), reason required (field "reason", at most
 * GRANT_REASON_MAX). The change and its reason are kept
 * (grant_status_change); the audit row holds the codes.
 */
#define GRANT_REASON_MAX	2000
enum svc_rc	grant_status_set(struct svc *, int64_t id, int64_t version,
		    const char *status, const char *reason);

/*
 * Edits grant id (PERM_GRANTS_WRITE, in scope; else SVC_NOTFOUND, audited)
 * at version (SVC_CONFLICT "grant.err.conflict"): title, amount, period,
 * services and municipalities under the rules of grant_create() (the
 * period inside the donor's programme: "grant.err.outside_programme").
 * Refused besides: a closed grant ("grant.err.closed"); a reporting date
 * or a delivery left outside the new period (field "start" or "end",
 * "grant.err.reports_outside", "grant.err.deliveries_outside"); a service
 * with deliveries left out (field "services", "grant.err.service_delivered").
 * The number, donor and grantee do not change.
 */
struct grant_edit {
	int64_t			 version;
	const char		*title, *amount, *start, *end;
	const char *const	*services;
	size_t			 nservices;
	const int64_t		*municipalities;
	size_t			 nmunicipalities;
};
enum svc_rc	grant_update(struct svc *, int64_t id, const struct grant_edit *);

/*
 * Removes reporting date report of grant id (PERM_GRANTS_WRITE, in scope):
 * only one without a delivery report (else SVC_INVALID
 * "grant.err.report_has_report"; not the grant's: SVC_NOTFOUND), with a
 * reason (field "reason", at most GRANT_REASON_MAX). The removal and its
 * reason are kept (grant_report_removal); the audit row holds the ids.
 */
enum svc_rc	grant_report_date_remove(struct svc *, int64_t id,
		    int64_t report, const char *reason);

/* ---------------------------------------------------------------- donors' users */

/* The donor of the acting user: user.donor_id of a ROLE_DONOR actor, 0 for
 * anyone else (or a donor user not tied to a donor: they see nothing). */
int64_t		grant_actor_donor(struct svc *);
/* Who made the grant's last audited change, and when (what a stale edit
 * is told: grant.err.conflict). */
enum svc_rc	grant_last_change(struct svc *, int64_t id, const char **who,
		    int64_t *at);
/* The acting donor user's donor (SVC_NOTFOUND when none). */
enum svc_rc	grant_donor_mine(struct svc *, struct donor_info **);
/* 1 when the acting donor user may see project (the project is their
 * donor's or one of their donor's grants is linked to it), else 0; an
 * error of the store is 0. */
int		grant_donor_sees_project(struct svc *, int64_t project);
/* Ties donor user user to donor, in the caller's transaction (svc/user.c,
 * when an administrator creates a donor user). */
enum svc_rc	grant_user_donor_in_tx(struct svc *, int64_t user,
		    int64_t donor);

/* The periodic scan (scan.h): each reporting date of an active grant
 * passed without a report notifies the grantee's provider users and the
 * grant's municipalities' administrators once (grant_report_due). */
enum svc_rc	grant_scan(struct svc *, int64_t now);

/* The grantee's side (PERM_GRANT_REPORT). */
enum svc_rc	grant_mine(struct svc *, struct grant_info **, size_t *n);
/* Marks the delivery report of reporting date report_id as submitted. */
enum svc_rc	grant_report_submit(struct svc *, int64_t id, int64_t report_id);

struct beneficiary_new {
	const char		*code, *kind, *sex, *age_band;
	int64_t			 birth_year;	/* 0: not given */
	const char *const	*categories;
	size_t			 ncategories;
};
/* A beneficiary of the grantee of grant id. The code: 1 to 40 letters,
 * digits, '-', '_', '.', '/' with at least one digit (a code, not a
 * name); unique per grantee. */
enum svc_rc	grant_beneficiary_add(struct svc *, int64_t id,
		    const struct beneficiary_new *, int64_t *ben_id);
/* A service (one the grant funds) delivered on date (inside the grant,
 * not in the future) to the grantee's beneficiary with code. */
enum svc_rc	grant_delivery_add(struct svc *, int64_t id, const char *date,
		    const char *service, const char *code, int64_t *out);

/* Shared with svc/action_plan.c: runs list query q into a fresh avec l of
 * elements of size (at most GRANT_LIST_MAX; SVC_TOOBIG past the arena). */
struct avec;
enum svc_rc	grant_rows(struct svc *, enum qid, const struct sp *, size_t np,
		    store_cb, struct avec *, size_t size);
/* Shared with svc/action_plan.c: a day of field (dd.mm.yyyy or
 * yyyy-mm-dd) as yyyy-mm-dd in the arena, required; today's date. */
enum svc_rc	grant_day(struct svc *, const char *field, const char *v,
		    const char **ymd);
const char	*grant_today(struct svc *);

#endif
