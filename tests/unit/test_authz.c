/*
 * test_authz.c — who may do what (src/authz/). The role x permission table
 * below is DOMAIN.md §2 written out: case roles see no administration,
 * administrators and auditors see no case contents and only the auditor
 * reads the trail, central analysts see aggregates (population) only, the
 * community member sees nothing beyond their own account. Then scope (own,
 * team, unit, municipality, country), the NULL actor, values out of range,
 * and who may grant which role.
 */
#include "testutil.h"

#include "../../src/authz/authz.h"

/* want[role][perm] */
static const int want[ROLE__MAX][PERM__MAX] = {
	/* pub log ref u.r u.w a.r a.w p.r p.w aud | int chi c.r c.w c.s cal cre cnf | pr.r pr.w ref.rcv rep.in vis g.r g.w g.rep ap.r ap.w t.r t.w ind exp wrk don */
	[ROLE_CASEWORKER]     = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0 },
	[ROLE_SUPERVISOR]     = { 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0 },
	[ROLE_TABLE_MEMBER]   = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 },
	[ROLE_PROVIDER_USER]  = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0 },
	[ROLE_COMMUNITY_MEMBER] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	/* Administrators, analysts and auditors see no case contents. */
	[ROLE_MUNICIPAL_ADMIN] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0 },
	[ROLE_CENTRAL_ANALYST] = { 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0 },
	[ROLE_AUDITOR]        = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	/* A donor's users: their donor's grants and projects, as aggregates
	 * (svc/grant.c, svc/report.c); nothing else, not even reference
	 * lists. */
	[ROLE_DONOR]          = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	[ROLE_SYSADMIN]       = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0 },
};

static struct actor
mk(enum role r, enum scope s)
{
	struct actor a;

	memset(&a, 0, sizeof(a));
	a.id = 10;
	a.username = "x";
	a.role = r;
	a.scope = s;
	a.agency_id = 3;
	a.team_id = 4;
	a.municipality_id = 5;
	a.country = "XK";
	return a;
}

/* DOMAIN.md §2: caseworkers their own and their team's cases (restricted
 * ones only when assigned), supervisors their whole unit. */
static void
test_case_visibility(void **state)
{
	struct actor cw = mk(ROLE_CASEWORKER, SCOPE_TEAM);
	struct actor own = mk(ROLE_CASEWORKER, SCOPE_OWN);
	struct actor sup = mk(ROLE_SUPERVISOR, SCOPE_UNIT);
	struct actor adm = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);
	struct case_ref mine = { 3, 4, 10, 0 }, team = { 3, 4, 99, 0 };
	struct case_ref team_r = { 3, 4, 99, 1 }, mine_r = { 3, 9, 10, 1 };
	struct case_ref other_team = { 3, 8, 99, 0 }, other_agency = { 7, 4, 10, 0 };
	struct case_scope cs;

	(void)state;
	assert_true(authz_case_visible(&cw, &mine));
	assert_true(authz_case_visible(&cw, &team));
	assert_false(authz_case_visible(&cw, &team_r));
	assert_true(authz_case_visible(&cw, &mine_r));
	assert_false(authz_case_visible(&cw, &other_team));
	assert_false(authz_case_visible(&cw, &other_agency));
	assert_true(authz_case_visible(&own, &mine));
	assert_false(authz_case_visible(&own, &team));
	assert_true(authz_case_visible(&sup, &team_r));
	assert_true(authz_case_visible(&sup, &other_team));
	assert_false(authz_case_visible(&sup, &other_agency));
	assert_false(authz_case_visible(&adm, &mine));
	assert_false(authz_case_visible(NULL, &mine));
	assert_false(authz_case_visible(&cw, NULL));
	assert_int_equal(authz_case_scope(&adm, &cs), -1);
	assert_int_equal(authz_case_scope(&sup, &cs), 0);
	assert_true(cs.unit);
	assert_int_equal(authz_case_scope(&cw, &cs), 0);
	assert_false(cs.unit);
	assert_int_equal(cs.team_id, 4);
	cw.agency_id = 0;
	assert_int_equal(authz_case_scope(&cw, &cs), -1);
}

static void
test_role_perm_table(void **state)
{
	int r, p;
	struct actor a;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		for (p = 0; p < PERM__MAX; p++) {
			a = mk((enum role)r, role_default_scope((enum role)r));
			if (authz_allows(&a, (enum perm)p, NULL) != want[r][p])
				fail_msg("%s x %s: got %d, DOMAIN.md says %d",
				    role_name((enum role)r), perm_name((enum perm)p),
				    !want[r][p], want[r][p]);
		}
}

/* The same table holds whatever the scope of the user. */
static void
test_role_perm_any_scope(void **state)
{
	int r, p, s;
	struct actor a;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		for (s = 0; s < SCOPE__MAX; s++)
			for (p = 0; p < PERM__MAX; p++) {
				a = mk((enum role)r, (enum scope)s);
				assert_int_equal(authz_allows(&a, (enum perm)p,
				    NULL), want[r][p]);
			}
}

/* Only the auditor reads the audit trail; the auditor changes nothing. */
static void
test_audit_only_auditor(void **state)
{
	struct actor a;
	int r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++) {
		a = mk((enum role)r, SCOPE_COUNTRY);
		assert_int_equal(authz_allows(&a, PERM_AUDIT_READ, NULL),
		    r == ROLE_AUDITOR);
	}
	a = mk(ROLE_AUDITOR, SCOPE_COUNTRY);
	assert_false(authz_allows(&a, PERM_USERS_WRITE, NULL));
	assert_false(authz_allows(&a, PERM_AGENCIES_WRITE, NULL));
	assert_false(authz_allows(&a, PERM_POPULATION_WRITE, NULL));
	assert_false(authz_allows(&a, PERM_USERS_READ, NULL));
}

/* Central analysts: aggregates only, no people. */
static void
test_analyst_no_people(void **state)
{
	struct actor a = mk(ROLE_CENTRAL_ANALYST, SCOPE_AGGREGATE);

	(void)state;
	assert_false(authz_allows(&a, PERM_USERS_READ, NULL));
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, NULL));
	assert_false(authz_allows(&a, PERM_POPULATION_WRITE, NULL));
	assert_true(authz_allows(&a, PERM_POPULATION_READ, NULL));
}

/* Not logged in: public only, with or without an object. */
static void
test_null_actor(void **state)
{
	struct authz_obj o = { 5, "XK", 3, 4, 10 };
	int p;

	(void)state;
	for (p = 0; p < PERM__MAX; p++) {
		assert_int_equal(authz_allows(NULL, (enum perm)p, NULL),
		    p == PERM_PUBLIC);
		assert_int_equal(authz_allows(NULL, (enum perm)p, &o),
		    p == PERM_PUBLIC);
	}
	assert_int_equal(authz_municipality_filter(NULL), -1);
	assert_null(authz_country_filter(NULL));
	assert_false(authz_may_grant(NULL, ROLE_CASEWORKER, SCOPE_TEAM));
}

static void
test_out_of_range(void **state)
{
	struct actor a = mk(ROLE_SYSADMIN, SCOPE_COUNTRY);

	(void)state;
	assert_false(authz_allows(&a, PERM__MAX, NULL));
	assert_false(authz_allows(&a, (enum perm)-1, NULL));
	assert_false(authz_allows(&a, (enum perm)1000, NULL));
	a.role = ROLE__MAX;
	assert_false(authz_allows(&a, PERM_LOGIN, NULL));
	a.role = (enum role)-1;
	assert_false(authz_allows(&a, PERM_LOGIN, NULL));
	/* A role out of range still gets public pages, like anyone. */
	assert_true(authz_allows(&a, PERM_PUBLIC, NULL));
	/* A scope out of range is no wider than "own". */
	a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE__MAX);
	{
		struct authz_obj o = { 5, "XK", 3, 4, 0 };

		assert_false(authz_allows(&a, PERM_USERS_READ, &o));
		a.scope = (enum scope)-1;
		assert_false(authz_allows(&a, PERM_USERS_READ, &o));
		o.owner_id = a.id;
		a.scope = SCOPE__MAX;
		assert_true(authz_allows(&a, PERM_USERS_READ, &o));
	}
}

/* Municipality scope: the same municipality, or the own agency when the
 * object has no municipality; nothing installation-wide. */
static void
test_scope_municipality(void **state)
{
	struct actor a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.municipality_id = 5;
	assert_true(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.municipality_id = 6;
	assert_false(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.agency_id = 3;	/* the municipality decides, not the agency */
	assert_false(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.municipality_id = 0;	/* a country-wide agency: only its own */
	assert_true(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.agency_id = 9;
	assert_false(authz_allows(&a, PERM_USERS_WRITE, &o));
	memset(&o, 0, sizeof(o));	/* installation-wide */
	assert_false(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.country = "XK";
	assert_false(authz_allows(&a, PERM_AGENCIES_WRITE, &o));
}

/* Unit scope behaves as municipality scope for these objects. */
static void
test_scope_unit(void **state)
{
	struct actor a = mk(ROLE_SUPERVISOR, SCOPE_UNIT);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.municipality_id = 5;
	assert_true(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.municipality_id = 7;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	/* In scope, but the role lacks the permission. */
	o.municipality_id = 5;
	assert_false(authz_allows(&a, PERM_AGENCIES_WRITE, &o));
}

/* A municipal scope without a municipality sees nothing by municipality. */
static void
test_scope_municipality_unset(void **state)
{
	struct actor a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);
	struct authz_obj o;

	(void)state;
	a.municipality_id = 0;
	memset(&o, 0, sizeof(o));
	o.municipality_id = 5;
	assert_false(authz_allows(&a, PERM_USERS_READ, &o));
	assert_int_equal(authz_municipality_filter(&a), -1);
}

/* Country scope: the own country only; installation-wide when the actor
 * has no country. */
static void
test_scope_country(void **state)
{
	struct actor a = mk(ROLE_SYSADMIN, SCOPE_COUNTRY);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.municipality_id = 77;
	o.country = "XK";
	assert_true(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.country = "AL";
	assert_false(authz_allows(&a, PERM_USERS_WRITE, &o));
	o.country = NULL;
	assert_true(authz_allows(&a, PERM_USERS_WRITE, &o));
	a.country = NULL;
	o.country = "AL";
	assert_true(authz_allows(&a, PERM_USERS_WRITE, &o));
	assert_int_equal(authz_municipality_filter(&a), 0);
	assert_null(authz_country_filter(&a));
	a.country = "AL";
	assert_string_equal(authz_country_filter(&a), "AL");
}

/* The country check applies to municipal scope too (a municipality id of
 * the other country never matches, but the rule does not rely on it). */
static void
test_scope_other_country(void **state)
{
	struct actor a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.municipality_id = 5;
	o.country = "AL";
	assert_false(authz_allows(&a, PERM_USERS_READ, &o));
}

/* Team scope: the same team, else what the actor owns. */
static void
test_scope_team(void **state)
{
	struct actor a = mk(ROLE_SUPERVISOR, SCOPE_TEAM);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.team_id = 4;
	assert_true(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.team_id = 8;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.owner_id = a.id;	/* another team's object is not the actor's */
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.team_id = 0;
	assert_true(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.owner_id = 11;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	/* No team on either side is not "the same team". */
	a.team_id = 0;
	memset(&o, 0, sizeof(o));
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	/* Municipality matters not for team scope. */
	o.municipality_id = 5;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
}

/* Own scope: only what the actor owns; an unowned object (owner 0) is not
 * owned by an actor of id 0 (the command line). */
static void
test_scope_own(void **state)
{
	struct actor a = mk(ROLE_SUPERVISOR, SCOPE_OWN);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.owner_id = a.id;
	assert_true(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.owner_id = a.id + 1;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	o.owner_id = 0;
	o.team_id = 4;
	o.municipality_id = 5;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
	a.id = 0;
	o.team_id = 0;
	o.municipality_id = 0;
	assert_false(authz_allows(&a, PERM_AGENCIES_READ, &o));
}

/* PERM_LOGIN ignores the object; an object never adds a permission. */
static void
test_object_never_widens(void **state)
{
	struct actor a = mk(ROLE_CASEWORKER, SCOPE_OWN);
	struct authz_obj o;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.owner_id = 999;
	assert_true(authz_allows(&a, PERM_LOGIN, &o));
	o.owner_id = a.id;
	assert_false(authz_allows(&a, PERM_USERS_READ, &o));
	assert_false(authz_allows(&a, PERM_AUDIT_READ, &o));
}

static void
test_municipality_filter(void **state)
{
	struct actor a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);

	(void)state;
	assert_int_equal(authz_municipality_filter(&a), 5);
	a.scope = SCOPE_TEAM;
	assert_int_equal(authz_municipality_filter(&a), 5);
	a.scope = SCOPE_AGGREGATE;
	assert_int_equal(authz_municipality_filter(&a), 0);
	a.scope = SCOPE_COUNTRY;
	assert_int_equal(authz_municipality_filter(&a), 0);
}

/* The system administrator grants anything (in range). */
static void
test_grant_sysadmin(void **state)
{
	struct actor a = mk(ROLE_SYSADMIN, SCOPE_COUNTRY);
	int r, s;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		for (s = 0; s < SCOPE__MAX; s++)
			assert_true(authz_may_grant(&a, (enum role)r,
			    (enum scope)s));
	assert_false(authz_may_grant(&a, ROLE__MAX, SCOPE_OWN));
	assert_false(authz_may_grant(&a, (enum role)-1, SCOPE_OWN));
	assert_false(authz_may_grant(&a, ROLE_CASEWORKER, SCOPE__MAX));
	assert_false(authz_may_grant(&a, ROLE_CASEWORKER, (enum scope)-1));
}

/* A municipal administrator staffs the municipality, nothing above it. */
static void
test_grant_municipal_admin(void **state)
{
	struct actor a = mk(ROLE_MUNICIPAL_ADMIN, SCOPE_MUNICIPALITY);
	int s;

	(void)state;
	assert_false(authz_may_grant(&a, ROLE_SYSADMIN, SCOPE_MUNICIPALITY));
	assert_false(authz_may_grant(&a, ROLE_AUDITOR, SCOPE_MUNICIPALITY));
	assert_false(authz_may_grant(&a, ROLE_CENTRAL_ANALYST,
	    SCOPE_MUNICIPALITY));
	assert_false(authz_may_grant(&a, ROLE_CENTRAL_ANALYST, SCOPE_AGGREGATE));
	for (s = 0; s < SCOPE__MAX; s++) {
		int ok = s != SCOPE_COUNTRY && s != SCOPE_AGGREGATE;

		assert_int_equal(authz_may_grant(&a, ROLE_CASEWORKER,
		    (enum scope)s), ok);
		assert_int_equal(authz_may_grant(&a, ROLE_SUPERVISOR,
		    (enum scope)s), ok);
		assert_int_equal(authz_may_grant(&a, ROLE_MUNICIPAL_ADMIN,
		    (enum scope)s), ok);
	}
	/* A donor's users are the installation's: not a municipality's. */
	assert_false(authz_may_grant(&a, ROLE_DONOR, SCOPE_AGGREGATE));
	assert_false(authz_may_grant(&a, ROLE_DONOR, SCOPE_OWN));
	assert_true(authz_may_grant(&a, ROLE_TABLE_MEMBER, SCOPE_OWN));
	assert_true(authz_may_grant(&a, ROLE_PROVIDER_USER, SCOPE_OWN));
	assert_true(authz_may_grant(&a, ROLE_COMMUNITY_MEMBER, SCOPE_OWN));
}

/* Nobody else grants anything, whatever their scope. */
static void
test_grant_others(void **state)
{
	int r, g;
	struct actor a;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++) {
		if (r == ROLE_SYSADMIN || r == ROLE_MUNICIPAL_ADMIN)
			continue;
		a = mk((enum role)r, SCOPE_COUNTRY);
		for (g = 0; g < ROLE__MAX; g++)
			assert_false(authz_may_grant(&a, (enum role)g, SCOPE_OWN));
	}
	a = mk(ROLE__MAX, SCOPE_COUNTRY);
	assert_false(authz_may_grant(&a, ROLE_CASEWORKER, SCOPE_OWN));
}

static void
test_names_round_trip(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < ROLE__MAX; i++)
		assert_int_equal(role_parse(role_name((enum role)i)), i);
	for (i = 0; i < SCOPE__MAX; i++)
		assert_int_equal(scope_parse(scope_name((enum scope)i)), i);
	for (i = 0; i < PERM__MAX; i++)
		assert_string_not_equal(perm_name((enum perm)i), "?");
	assert_int_equal(role_parse(NULL), -1);
	assert_int_equal(role_parse(""), -1);
	assert_int_equal(role_parse("Sysadmin"), -1);
	assert_int_equal(role_parse("sysadmin "), -1);
	assert_int_equal(scope_parse(NULL), -1);
	assert_int_equal(scope_parse("world"), -1);
	assert_string_equal(role_name(ROLE__MAX), "?");
	assert_string_equal(role_name((enum role)-1), "?");
	assert_string_equal(scope_name(SCOPE__MAX), "?");
	assert_string_equal(perm_name(PERM__MAX), "?");
}

static void
test_default_scopes(void **state)
{
	(void)state;
	assert_int_equal(role_default_scope(ROLE_CASEWORKER), SCOPE_TEAM);
	assert_int_equal(role_default_scope(ROLE_SUPERVISOR), SCOPE_UNIT);
	assert_int_equal(role_default_scope(ROLE_TABLE_MEMBER), SCOPE_OWN);
	assert_int_equal(role_default_scope(ROLE_PROVIDER_USER), SCOPE_OWN);
	assert_int_equal(role_default_scope(ROLE_COMMUNITY_MEMBER), SCOPE_OWN);
	assert_int_equal(role_default_scope(ROLE_MUNICIPAL_ADMIN),
	    SCOPE_MUNICIPALITY);
	assert_int_equal(role_default_scope(ROLE_CENTRAL_ANALYST),
	    SCOPE_AGGREGATE);
	assert_int_equal(role_default_scope(ROLE_AUDITOR), SCOPE_COUNTRY);
	assert_int_equal(role_default_scope(ROLE_SYSADMIN), SCOPE_COUNTRY);
	assert_int_equal(role_default_scope(ROLE_DONOR), SCOPE_AGGREGATE);
}

/* DOMAIN.md §2: a table member sees a case's summary only while it is on
 * the agenda of a meeting of their municipality they are invited to, and
 * the case is active; nobody else through this relationship. */
static void
test_case_member_visibility(void **state)
{
	struct actor tm = mk(ROLE_TABLE_MEMBER, SCOPE_OWN);
	struct actor cw = mk(ROLE_CASEWORKER, SCOPE_TEAM);
	struct actor pu = mk(ROLE_PROVIDER_USER, SCOPE_OWN);
	struct actor nomuni = mk(ROLE_TABLE_MEMBER, SCOPE_OWN);
	struct case_member_ref ok = { 5, 1, 1, 1 };
	struct case_member_ref not_invited = { 5, 0, 1, 1 };
	struct case_member_ref off_agenda = { 5, 1, 0, 1 };
	struct case_member_ref ended = { 5, 1, 1, 0 };
	struct case_member_ref other_muni = { 6, 1, 1, 1 };
	struct case_ref any = { 3, 4, 10, 0 };

	(void)state;
	nomuni.municipality_id = 0;
	assert_false(authz_case_member_visible(&tm, &not_invited));
	assert_false(authz_case_member_visible(&tm, &off_agenda));
	assert_false(authz_case_member_visible(&tm, &ended));
	assert_false(authz_case_member_visible(&tm, &other_muni));
	assert_false(authz_case_member_visible(&nomuni, &ok));
	assert_false(authz_case_member_visible(&cw, &ok));
	assert_false(authz_case_member_visible(&pu, &ok));
	assert_false(authz_case_member_visible(NULL, &ok));
	assert_false(authz_case_member_visible(&tm, NULL));
	/* Never the case itself, nor a list of cases. */
	assert_false(authz_case_visible(&tm, &any));
	assert_false(authz_allows(&tm, PERM_CASE_READ, NULL));
	assert_true(authz_allows(&tm, PERM_CONFERENCE, NULL));
	assert_true(authz_case_member_visible(&tm, &ok));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_perm_table),
		cmocka_unit_test(test_case_visibility),
		cmocka_unit_test(test_role_perm_any_scope),
		cmocka_unit_test(test_audit_only_auditor),
		cmocka_unit_test(test_analyst_no_people),
		cmocka_unit_test(test_null_actor),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_scope_municipality),
		cmocka_unit_test(test_scope_unit),
		cmocka_unit_test(test_scope_municipality_unset),
		cmocka_unit_test(test_scope_country),
		cmocka_unit_test(test_scope_other_country),
		cmocka_unit_test(test_scope_team),
		cmocka_unit_test(test_scope_own),
		cmocka_unit_test(test_object_never_widens),
		cmocka_unit_test(test_municipality_filter),
		cmocka_unit_test(test_grant_sysadmin),
		cmocka_unit_test(test_grant_municipal_admin),
		cmocka_unit_test(test_grant_others),
		cmocka_unit_test(test_case_member_visibility),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_default_scopes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
