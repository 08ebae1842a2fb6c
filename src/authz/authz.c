/*
 * authz.c — the one decision function for access (authz layer). See
 * authz.h. Roles and what they may see come from DOMAIN.md §2: case roles see
 * no administration; administrators and auditors see no case contents;
 * central analysts see aggregates only; a donor's users see their own
 * donor's grants and projects, as aggregates, and nothing else.
 */
#include <string.h>

#include "authz.h"

static const char *const role_names[ROLE__MAX] = {
	[ROLE_CASEWORKER] = "caseworker",
	[ROLE_SUPERVISOR] = "supervisor",
	[ROLE_TABLE_MEMBER] = "table_member",
	[ROLE_PROVIDER_USER] = "provider_user",
	[ROLE_COMMUNITY_MEMBER] = "community_member",
	[ROLE_MUNICIPAL_ADMIN] = "municipal_admin",
	[ROLE_CENTRAL_ANALYST] = "central_analyst",
	[ROLE_AUDITOR] = "auditor",
	[ROLE_SYSADMIN] = "sysadmin",
	[ROLE_DONOR] = "donor",
};

static const char *const scope_names[SCOPE__MAX] = {
	[SCOPE_OWN] = "own",
	[SCOPE_TEAM] = "team",
	[SCOPE_UNIT] = "unit",
	[SCOPE_MUNICIPALITY] = "municipality",
	[SCOPE_COUNTRY] = "country",
	[SCOPE_AGGREGATE] = "aggregate",
};

static const char *const perm_names[PERM__MAX] = {
	[PERM_PUBLIC] = "public",
	[PERM_LOGIN] = "login",
	[PERM_REFERENCE_READ] = "reference.read",
	[PERM_USERS_READ] = "users.read",
	[PERM_USERS_WRITE] = "users.write",
	[PERM_AGENCIES_READ] = "agencies.read",
	[PERM_AGENCIES_WRITE] = "agencies.write",
	[PERM_POPULATION_READ] = "population.read",
	[PERM_POPULATION_WRITE] = "population.write",
	[PERM_AUDIT_READ] = "audit.read",
	[PERM_INTAKE] = "intake",
	[PERM_CHILD_READ] = "child.read",
	[PERM_CASE_READ] = "case.read",
	[PERM_CASE_WRITE] = "case.write",
	[PERM_CASE_SUPERVISE] = "case.supervise",
	[PERM_COMMUNITY_ALERT] = "community.alert",
	[PERM_CONSENT_REVIEW] = "consent.review",
	[PERM_CONFERENCE] = "conference",
	[PERM_PROVIDERS_READ] = "providers.read",
	[PERM_PROVIDERS_WRITE] = "providers.write",
	[PERM_REFERRAL_RECEIVE] = "referral.receive",
	[PERM_REPORT_IN] = "report.in",
	[PERM_VISITS] = "visits",
	[PERM_GRANTS_READ] = "grants.read",
	[PERM_GRANTS_WRITE] = "grants.write",
	[PERM_GRANT_REPORT] = "grant.report",
	[PERM_ACTION_PLANS_READ] = "action_plans.read",
	[PERM_ACTION_PLANS_WRITE] = "action_plans.write",
	[PERM_TRAINING_READ] = "training.read",
	[PERM_TRAINING_WRITE] = "training.write",
	[PERM_INDICATORS_READ] = "indicators.read",
	[PERM_EXPORT_PERSONAL] = "export.personal",
	[PERM_WORK] = "work",
	[PERM_DONOR_READ] = "donor.read",
};

const char *
role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

int
role_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

const char *
scope_name(enum scope s)
{
	return (unsigned)s < SCOPE__MAX ? scope_names[s] : "?";
}

int
scope_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < SCOPE__MAX; i++)
		if (strcmp(s, scope_names[i]) == 0)
			return i;
	return -1;
}

const char *
perm_name(enum perm p)
{
	return (unsigned)p < PERM__MAX ? perm_names[p] : "?";
}

enum scope
role_default_scope(enum role r)
{
	switch (r) {
	case ROLE_CASEWORKER:
		return SCOPE_TEAM;
	case ROLE_SUPERVISOR:
		return SCOPE_UNIT;
	case ROLE_MUNICIPAL_ADMIN:
		return SCOPE_MUNICIPALITY;
	case ROLE_CENTRAL_ANALYST:
	case ROLE_DONOR:
		return SCOPE_AGGREGATE;
	case ROLE_AUDITOR:
	case ROLE_SYSADMIN:
		return SCOPE_COUNTRY;
	default:
		return SCOPE_OWN;
	}
}

/* Which roles hold which permission, before scope. */
static int
role_has(enum role r, enum perm p)
{
	switch (p) {
	case PERM_PUBLIC:
	case PERM_LOGIN:
		return 1;
	case PERM_REFERENCE_READ:
		return r != ROLE_COMMUNITY_MEMBER && r != ROLE_DONOR;
	case PERM_USERS_READ:
	case PERM_USERS_WRITE:
	case PERM_AGENCIES_WRITE:
	case PERM_POPULATION_WRITE:
		return r == ROLE_MUNICIPAL_ADMIN || r == ROLE_SYSADMIN;
	case PERM_AGENCIES_READ:
		return r == ROLE_MUNICIPAL_ADMIN || r == ROLE_SYSADMIN ||
		    r == ROLE_SUPERVISOR;
	case PERM_POPULATION_READ:
		return r == ROLE_MUNICIPAL_ADMIN || r == ROLE_SYSADMIN ||
		    r == ROLE_SUPERVISOR || r == ROLE_CENTRAL_ANALYST;
	case PERM_AUDIT_READ:
		return r == ROLE_AUDITOR;
	case PERM_INTAKE:
	case PERM_CHILD_READ:
	case PERM_CASE_READ:
	case PERM_CASE_WRITE:
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR;
	case PERM_CASE_SUPERVISE:
		return r == ROLE_SUPERVISOR;
	case PERM_COMMUNITY_ALERT:
		/* Its own group's alerts and initiatives; nothing of a case. */
		return r == ROLE_COMMUNITY_MEMBER;
	case PERM_CONSENT_REVIEW:
		return r == ROLE_SUPERVISOR || r == ROLE_AUDITOR;
	case PERM_CONFERENCE:
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR ||
		    r == ROLE_TABLE_MEMBER;
	case PERM_PROVIDERS_READ:
		/* Workers choose providers for referrals; a provider's users
		 * see their own organisation's licences (svc/provider.c). */
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR ||
		    r == ROLE_PROVIDER_USER || r == ROLE_MUNICIPAL_ADMIN ||
		    r == ROLE_CENTRAL_ANALYST || r == ROLE_SYSADMIN;
	case PERM_PROVIDERS_WRITE:
	case PERM_GRANTS_WRITE:
	case PERM_ACTION_PLANS_WRITE:
	case PERM_TRAINING_WRITE:
		return r == ROLE_MUNICIPAL_ADMIN || r == ROLE_SYSADMIN;
	case PERM_REFERRAL_RECEIVE:
		/* Their own organisation's referrals (svc/referral.c): a
		 * provider, a public agency, or another municipality's
		 * Centre. */
		return r == ROLE_PROVIDER_USER || r == ROLE_TABLE_MEMBER ||
		    r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR;
	case PERM_GRANT_REPORT:
		return r == ROLE_PROVIDER_USER;
	case PERM_REPORT_IN:
		/* Police, school and health users: their agency's type is
		 * checked by the service. */
		return r == ROLE_TABLE_MEMBER;
	case PERM_VISITS:
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR;
	case PERM_INDICATORS_READ:
		/* Scope limits what is counted: a worker their own cases, a
		 * supervisor the unit, a municipal admin the municipality,
		 * a central analyst the country. */
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR ||
		    r == ROLE_MUNICIPAL_ADMIN || r == ROLE_CENTRAL_ANALYST;
	case PERM_EXPORT_PERSONAL:
		return r == ROLE_SUPERVISOR;
	case PERM_WORK:
		/* Each sees the parts they hold: case deadlines need
		 * case.read, tasks conference, answers referral.receive. */
		return r == ROLE_CASEWORKER || r == ROLE_SUPERVISOR ||
		    r == ROLE_TABLE_MEMBER || r == ROLE_PROVIDER_USER;
	case PERM_DONOR_READ:
		/* Their own donor's grants and projects only: the donor is
		 * the user's (svc/grant.c), never a parameter. */
		return r == ROLE_DONOR;
	case PERM_GRANTS_READ:
	case PERM_ACTION_PLANS_READ:
	case PERM_TRAINING_READ:
		return r == ROLE_MUNICIPAL_ADMIN || r == ROLE_SYSADMIN ||
		    r == ROLE_SUPERVISOR || r == ROLE_CENTRAL_ANALYST;
	default:
		return 0;
	}
}

int64_t
authz_municipality_filter(const struct actor *a)
{
	if (a == NULL)
		return -1;
	switch (a->scope) {
	case SCOPE_COUNTRY:
	case SCOPE_AGGREGATE:
		return 0;
	default:
		/* A user of municipal scope without a municipality sees none. */
		return a->municipality_id ? a->municipality_id : -1;
	}
}

const char *
authz_country_filter(const struct actor *a)
{
	return a ? a->country : NULL;
}

/* 1 when obj lies inside the actor's scope. */
static int
in_scope(const struct actor *a, const struct authz_obj *o)
{
	if (o->country != NULL && a->country != NULL &&
	    strcmp(o->country, a->country) != 0)
		return 0;
	switch (a->scope) {
	case SCOPE_COUNTRY:
	case SCOPE_AGGREGATE:
		return 1;
	case SCOPE_MUNICIPALITY:
	case SCOPE_UNIT:
		if (o->municipality_id != 0)
			return o->municipality_id == a->municipality_id;
		if (o->agency_id != 0)
			return o->agency_id == a->agency_id;
		/* No municipality on the object: installation-wide things
		 * belong to country scope. */
		return 0;
	case SCOPE_TEAM:
		if (o->team_id != 0)
			return o->team_id == a->team_id;
		return o->owner_id != 0 && o->owner_id == a->id;
	case SCOPE_OWN:
	default:
		return o->owner_id != 0 && o->owner_id == a->id;
	}
}

int
authz_allows(const struct actor *a, enum perm p, const struct authz_obj *o)
{
	if ((unsigned)p >= PERM__MAX)
		return 0;
	if (p == PERM_PUBLIC)
		return 1;
	if (a == NULL || (unsigned)a->role >= ROLE__MAX)
		return 0;
	if (!role_has(a->role, p))
		return 0;
	if (o == NULL || p == PERM_LOGIN)
		return 1;
	return in_scope(a, o);
}

int
authz_case_scope(const struct actor *a, struct case_scope *cs)
{
	memset(cs, 0, sizeof(*cs));
	if (a == NULL || a->agency_id == 0 ||
	    !role_has(a->role, PERM_CASE_READ))
		return -1;
	cs->user_id = a->id;
	cs->agency_id = a->agency_id;
	switch (a->scope) {
	case SCOPE_OWN:
		break;
	case SCOPE_TEAM:
		cs->team_id = a->team_id;
		break;
	case SCOPE_UNIT:
	case SCOPE_MUNICIPALITY:
		/* A supervisor's unit is their agency; a case role with a
		 * wider scope still sees only its own agency's cases. */
		cs->team_id = a->team_id;
		cs->unit = a->role == ROLE_SUPERVISOR;
		break;
	default:
		return -1;
	}
	return 0;
}

int
authz_case_visible(const struct actor *a, const struct case_ref *c)
{
	struct case_scope cs;

	if (c == NULL || authz_case_scope(a, &cs) != 0 ||
	    c->agency_id != cs.agency_id)
		return 0;
	if (c->worker_id != 0 && c->worker_id == cs.user_id)
		return 1;
	if (cs.unit)
		return 1;
	return !c->restricted && cs.team_id != 0 && c->team_id == cs.team_id;
}

int
authz_case_member_visible(const struct actor *a,
    const struct case_member_ref *m)
{
	if (a == NULL || m == NULL || a->role != ROLE_TABLE_MEMBER ||
	    a->municipality_id == 0)
		return 0;
	return m->municipality_id == a->municipality_id && m->invited &&
	    m->on_agenda && m->active;
}

int
authz_may_grant(const struct actor *a, enum role r, enum scope s)
{
	if (a == NULL || (unsigned)r >= ROLE__MAX || (unsigned)s >= SCOPE__MAX)
		return 0;
	if (a->role == ROLE_SYSADMIN)
		return 1;
	if (a->role != ROLE_MUNICIPAL_ADMIN)
		return 0;
	/* A municipal administrator staffs the municipality: not the
	 * installation's administrators, auditors or central analysts. */
	switch (r) {
	case ROLE_SYSADMIN:
	case ROLE_AUDITOR:
	case ROLE_CENTRAL_ANALYST:
	case ROLE_DONOR:
		return 0;
	default:
		return s != SCOPE_COUNTRY && s != SCOPE_AGGREGATE;
	}
}
