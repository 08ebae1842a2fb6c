/*
 * authz.h — who may do what (authz layer, below the services).
 *
 * One function, authz_allows(), decides role x scope x relationship. Every
 * route names the permission it needs (http/routes.c); services call
 * authz_allows() again with the object to check scope. The role x route
 * matrix is printed by `rrjeti routes --matrix` and compared with
 * tests/golden/authz_matrix.txt, so any change of access shows in review.
 */
#ifndef RRJETI_AUTHZ_H
#define RRJETI_AUTHZ_H

#include <stdint.h>

#include "../i18n/i18n.h"

/* Checklist: role names in authz.c, the user.role CHECK in the migrations
 * (the last: 0027_donor_user.sql), the role labels (role.*) in po/, and
 * the golden matrix. New roles go at the end (the matrix's columns). */
enum role {
	ROLE_CASEWORKER,
	ROLE_SUPERVISOR,
	ROLE_TABLE_MEMBER,
	ROLE_PROVIDER_USER,
	ROLE_COMMUNITY_MEMBER,
	ROLE_MUNICIPAL_ADMIN,
	ROLE_CENTRAL_ANALYST,
	ROLE_AUDITOR,
	ROLE_SYSADMIN,
	ROLE_DONOR,		/* a donor organisation's user (user.donor_id) */
	ROLE__MAX
};

enum scope {
	SCOPE_OWN,
	SCOPE_TEAM,
	SCOPE_UNIT,
	SCOPE_MUNICIPALITY,
	SCOPE_COUNTRY,
	SCOPE_AGGREGATE,
	SCOPE__MAX
};

/* Checklist: names in authz.c (perm_name), the rule in authz_allows(). */
enum perm {
	PERM_PUBLIC,		/* anyone, logged in or not */
	PERM_LOGIN,		/* any logged-in user: home, own account */
	PERM_REFERENCE_READ,	/* municipalities, concerns */
	PERM_USERS_READ,
	PERM_USERS_WRITE,
	PERM_AGENCIES_READ,
	PERM_AGENCIES_WRITE,
	PERM_POPULATION_READ,
	PERM_POPULATION_WRITE,
	PERM_AUDIT_READ,
	PERM_INTAKE,		/* reports of concern: record, list, decide */
	PERM_CHILD_READ,	/* child search and duplicate check */
	PERM_CASE_READ,		/* cases, limited by authz_case_visible() */
	PERM_CASE_WRITE,
	PERM_CASE_SUPERVISE,	/* validate risk, assign, approve */
	PERM_COMMUNITY_ALERT,	/* a GKK member: its group's alerts, initiatives */
	PERM_CONSENT_REVIEW,	/* the list of consent overrides */
	PERM_CONFERENCE,	/* case conferences: the unit's workers and the
				 * table members (scope in svc/conference.c) */
	PERM_PROVIDERS_READ,	/* the provider registry: licences, inspections */
	PERM_PROVIDERS_WRITE,	/* licensing and inspecting providers */
	PERM_REFERRAL_RECEIVE,	/* a provider's or a public agency's users:
				 * referrals sent to their organisation
				 * (the summary consent allows) */
	PERM_REPORT_IN,		/* police, school, health users: reports of
				 * concern into the Centre's intake */
	PERM_VISITS,		/* systematic visits to schools and homes */
	PERM_GRANTS_READ,	/* donors, grants, services delivered */
	PERM_GRANTS_WRITE,
	PERM_GRANT_REPORT,	/* a grantee's users: services delivered under
				 * their organisation's grants */
	PERM_ACTION_PLANS_READ,	/* municipal action plans for social services */
	PERM_ACTION_PLANS_WRITE,
	PERM_TRAINING_READ,	/* training programmes, sessions, participants */
	PERM_TRAINING_WRITE,
	PERM_INDICATORS_READ,	/* indicators and dashboards: aggregates only,
				 * small cells suppressed (svc/indicator.c) */
	PERM_EXPORT_PERSONAL,	/* exports that carry personal data */
	PERM_WORK,		/* "my work": deadlines of one's cases, tasks
				 * one owns, referrals waiting for an answer */
	PERM_DONOR_READ,	/* a donor's users: their donor's grants and
				 * the projects those grants are linked to, as
				 * aggregates only (svc/grant.c, svc/report.c) */
	PERM__MAX
};

/* The person acting: a logged-in user (from a session or an API token) or
 * the command line (id 0, role ROLE_SYSADMIN, username "cli"). */
struct actor {
	int64_t		 id;
	const char	*username;
	const char	*full_name;
	enum role	 role;
	enum scope	 scope;
	int64_t		 agency_id;	/* 0: none */
	int64_t		 team_id;	/* 0: none */
	int64_t		 municipality_id; /* of the agency; 0: none */
	const char	*country;	/* "XK", "AL", or NULL: installation-wide */
	const char	*agency_code;
	const char	*agency_name;
	const char	*team_name;
	enum lang	 lang;
	int		 must_change_pw;
	int64_t		 version;
	const char	*client;	/* client address, for the audit trail */
};

/* What a permission is checked against, when there is an object. Zero
 * fields are "not applicable". */
struct authz_obj {
	int64_t		 municipality_id;
	const char	*country;
	int64_t		 agency_id;
	int64_t		 team_id;
	int64_t		 owner_id;
};

/*
 * 1 when actor may use perm (on obj, when not NULL), else 0. A NULL actor is
 * someone not logged in: only PERM_PUBLIC.
 */
int		 authz_allows(const struct actor *, enum perm, const struct authz_obj *);

/*
 * Which cases an actor sees (DOMAIN.md §2): a caseworker those assigned to
 * them and, unless restricted, their team's cases in their agency; a
 * supervisor every case of their unit (agency), restricted ones included.
 * Everyone else none (table members, providers and others come through
 * relationships of their own, later).
 */
struct case_ref {
	int64_t		 agency_id;
	int64_t		 team_id;
	int64_t		 worker_id;
	int		 restricted;
};
int		 authz_case_visible(const struct actor *, const struct case_ref *);

/* The same rule as query parameters, for lists (the query limits itself):
 * user, team (0: none), agency, and unit = 1 for the whole agency. -1 when
 * the actor sees no case at all. */
struct case_scope {
	int64_t		 user_id;
	int64_t		 team_id;
	int64_t		 agency_id;
	int		 unit;
};
int		 authz_case_scope(const struct actor *, struct case_scope *);

/*
 * A table member's relationship to a case (DOMAIN.md §2): they see its
 * summary only while it is on the agenda of a meeting of their municipality
 * they are invited to, and the case is active (neither closed nor
 * transferred). The caller finds the relationship in SQL
 * (svc/conference.c); this is the rule. 1 when visible.
 */
struct case_member_ref {
	int64_t		 municipality_id;	/* of the meeting */
	int		 invited;	/* the actor is invited to it */
	int		 on_agenda;	/* the case is on its agenda */
	int		 active;
};
int		 authz_case_member_visible(const struct actor *,
		    const struct case_member_ref *);

/* The municipality an actor's lists are limited to (0: not limited), and the
 * country (NULL: not limited). */
int64_t		 authz_municipality_filter(const struct actor *);
const char	*authz_country_filter(const struct actor *);

/* 1 when the actor may grant role to a user (no one creates users above
 * their own reach: a municipal administrator cannot make a sysadmin). */
int		 authz_may_grant(const struct actor *, enum role, enum scope);

const char	*role_name(enum role);
int		 role_parse(const char *);	/* -1 when unknown */
const char	*scope_name(enum scope);
int		 scope_parse(const char *);
enum scope	 role_default_scope(enum role);
const char	*perm_name(enum perm);

#endif
