/*
 * test_case.c — cases as a service (src/svc/case.c): opening with the
 * number and counter per municipality and year, concerns and the
 * restricted flag, reading within the scope of each role (and the audit of
 * refused reads), the search query's own scope, risk as a history with
 * validation, assignment, and stale versions. Children and reports are SQL
 * fixtures of this file (the intake service is written apart).
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/case.h"
#include "../../src/util/names.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris;		/* QPS-HANI (XK09), QPS-PRISHTINE */
	int64_t		 t1, t2, pt;		/* teams: Hani 1, Hani 2, Prishtinë */
	int64_t		 cw1, cw1b, cw2, sup, psup, pcw, admin, ana;
	struct actor	*a_cw1, *a_cw1b, *a_cw2, *a_sup, *a_psup, *a_pcw,
			*a_admin, *a_ana;
	int64_t		 child;
};

/* A child row as the intake service would write it (folded names and the
 * trigram index filled). */
static int64_t
child(struct fx *f, const char *given, const char *family, const char *pn,
    const char *birth)
{
	char *fg = names_fold(f->a, given), *ff = names_fold(f->a, family);
	char *sql;
	int64_t id;

	sql = sqlite3_mprintf("INSERT INTO child (given_name, family_name,"
	    " personal_number, birth_date, fold_given, fold_family, created_at,"
	    " updated_at) VALUES (%Q, %Q, %Q, %Q, %Q, %Q, 1, 1)", given, family,
	    pn, birth, fg, ff);
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	sqlite3_free(sql);
	id = fx_raw_int(f, "SELECT max(id) FROM child");
	sql = sqlite3_mprintf("INSERT INTO child_name_fts (rowid, names)"
	    " VALUES (%lld, %Q)", (long long)id, arena_printf(f->a,
	    "%s %s %s %s", fg, ff, ff, fg));
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	sqlite3_free(sql);
	return id;
}

static int64_t
report(struct fx *f, int64_t muni, int64_t agency, int64_t child_id)
{
	char *sql = sqlite3_mprintf("INSERT INTO report (municipality_id,"
	    " agency_id, received_at, channel, referrer_type, child_id,"
	    " created_at) VALUES (%lld, %lld, 1, 'phone', 'school', %lld, 1)",
	    (long long)muni, (long long)agency, (long long)child_id);

	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	sqlite3_free(sql);
	return fx_raw_int(f, "SELECT max(id) FROM report");
}

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->t2 = fx_team(f, c->hani, "Ekipi 2");
	c->pt = fx_team(f, c->pris, "Ekipi 1");
	c->cw1 = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, c->t1);
	c->cw1b = fx_user(f, "cw.onebis", ROLE_CASEWORKER, c->hani, c->t1);
	c->cw2 = fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani, c->t2);
	c->sup = fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	c->psup = fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris, 0);
	c->pcw = fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris, c->pt);
	c->admin = fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	c->ana = fx_user(f, "analyst", ROLE_CENTRAL_ANALYST, fx_agency(f,
	    "MPMS-XK", AGENCY_MINISTRY, NULL, "XK"), 0);
	if (!c->cw1 || !c->cw1b || !c->cw2 || !c->sup || !c->psup ||
	    !c->pcw || !c->admin || !c->ana)
		return -1;
	c->a_cw1 = fx_actor(f, c->cw1);
	c->a_cw1b = fx_actor(f, c->cw1b);
	c->a_cw2 = fx_actor(f, c->cw2);
	c->a_sup = fx_actor(f, c->sup);
	c->a_psup = fx_actor(f, c->psup);
	c->a_pcw = fx_actor(f, c->pcw);
	c->a_admin = fx_actor(f, c->admin);
	c->a_ana = fx_actor(f, c->ana);
	c->child = child(f, "Qëndrim", "Bytyçi", "1234567890", "2016-03-01");
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	*state = c->f;
	free(c);
	return fx_teardown(state);
}

/* Opens a case of Hani i Elezit inside a transaction as the caseworker. */
static enum svc_rc
open_case(struct ctx *c, int64_t worker, int64_t team, const char *const *k,
    size_t nk, const char *primary, int64_t *id, const char **number)
{
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct case_new n;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.child_id = c->child;
	n.municipality_id = fx_muni(c->f, "XK09");
	n.agency_id = c->hani;
	n.report_id = report(c->f, n.municipality_id, c->hani, c->child);
	n.concerns = k;
	n.nconcerns = nk;
	n.primary = primary;
	n.source = "school";
	n.worker_id = worker;
	n.team_id = team;
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	rc = case_open_in_tx(&s, &n, id, number);
	if (rc == SVC_OK)
		assert_int_equal(store_commit(c->f->st), STORE_OK);
	else
		store_rollback(c->f->st);
	return rc;
}

static int64_t
open_simple(struct ctx *c, int64_t worker, int64_t team, const char *code)
{
	const char *k[] = { code };
	int64_t id = 0;

	assert_int_equal(open_case(c, worker, team, k, 1, code, &id, NULL),
	    SVC_OK);
	return id;
}

static int
this_year(void)
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	return atoi(b + 6);
}

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
}

/* ---------------------------------------------------------------- opening */

static void
test_open_number_and_counter(void **state)
{
	struct ctx *c = *state;
	const char *k[] = { "VIO_PHY" };
	const char *num = NULL;
	char want[64];
	int64_t id, id2;
	struct svc s;

	assert_int_equal(open_case(c, c->cw1, c->t1, k, 1, "VIO_PHY", &id,
	    &num), SVC_OK);
	snprintf(want, sizeof(want), "XK-09-%d-000001", this_year());
	assert_string_equal(num, want);
	assert_int_equal(open_case(c, c->cw1, c->t1, k, 1, "VIO_PHY", &id2,
	    &num), SVC_OK);
	snprintf(want, sizeof(want), "XK-09-%d-000002", this_year());
	assert_string_equal(num, want);
	/* Another municipality counts on its own. */
	{
		struct case_new n;

		memset(&n, 0, sizeof(n));
		n.child_id = c->child;
		n.municipality_id = fx_muni(c->f, "XK13");
		n.agency_id = c->pris;
		n.concerns = k;
		n.nconcerns = 1;
		n.primary = "VIO_PHY";
		s = fx_svc(c->f, c->a_pcw);
		assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
		assert_int_equal(case_open_in_tx(&s, &n, &id, &num), SVC_OK);
		assert_int_equal(store_commit(c->f->st), STORE_OK);
		snprintf(want, sizeof(want), "XK-13-%d-000001", this_year());
		assert_string_equal(num, want);
	}
	/* A new year starts at 1 again; the old year's counter stays. */
	fx_shift(366 * 86400);
	assert_int_equal(open_case(c, c->cw1, c->t1, k, 1, "VIO_PHY", &id,
	    &num), SVC_OK);
	snprintf(want, sizeof(want), "XK-09-%d-000001", this_year());
	assert_string_equal(num, want);
	assert_int_equal(count(c, "SELECT count(*) FROM case_counter"), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event"
	    " WHERE kind = 'opened'"), 4);
	assert_int_equal(count(c, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.open'"), 4);
}

static void
test_open_concerns(void **state)
{
	struct ctx *c = *state;
	const char *two[] = { "NEG", "VIO_SEX" };
	const char *bad[] = { "NEG", "NOPE" };
	const char *rep[] = { "NEG", "NEG" };
	struct svc s = fx_svc(c->f, c->a_cw1);
	int64_t id = 0;

	/* Negative first: nothing is written by a refused opening. */
	assert_int_equal(open_case(c, c->cw1, c->t1, two, 0, "NEG", &id, NULL),
	    SVC_INVALID);
	assert_int_equal(open_case(c, c->cw1, c->t1, bad, 2, "NEG", &id, NULL),
	    SVC_INVALID);
	assert_int_equal(open_case(c, c->cw1, c->t1, rep, 2, "NEG", &id, NULL),
	    SVC_INVALID);
	assert_int_equal(open_case(c, c->cw1, c->t1, two, 2, "EDU", &id, NULL),
	    SVC_INVALID);
	assert_int_equal(open_case(c, c->cw1, c->t1, two, 2, NULL, &id, NULL),
	    SVC_INVALID);
	assert_int_equal(count(c, "SELECT count(*) FROM case_file"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM case_counter"), 0);
	/* The field is named. */
	{
		struct case_new n;

		memset(&n, 0, sizeof(n));
		n.child_id = c->child;
		n.municipality_id = fx_muni(c->f, "XK09");
		n.agency_id = c->hani;
		n.concerns = bad;
		n.nconcerns = 2;
		n.primary = "NEG";
		assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
		assert_int_equal(case_open_in_tx(&s, &n, &id, NULL), SVC_INVALID);
		assert_string_equal(s.err.field, "concerns");
		n.concerns = two;
		n.primary = "EDU";
		assert_int_equal(case_open_in_tx(&s, &n, &id, NULL), SVC_INVALID);
		assert_string_equal(s.err.field, "primary");
		store_rollback(c->f->st);
	}
	/* Sexual abuse makes the case restricted; one primary. */
	assert_int_equal(open_case(c, c->cw1, c->t1, two, 2, "VIO_SEX", &id,
	    NULL), SVC_OK);
	assert_int_equal(count(c, "SELECT restricted FROM case_file"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_concern"), 2);
	assert_int_equal(count(c, "SELECT code = 'VIO_SEX' FROM case_concern"
	    " WHERE is_primary = 1"), 1);
	id = open_simple(c, c->cw1, c->t1, "NEG");
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT restricted"
	    " FROM case_file WHERE id = %lld", (long long)id)), 0);
}

/* ---------------------------------------------------------------- visibility */

static enum svc_rc
get_as(struct ctx *c, struct actor *a, int64_t id)
{
	struct svc s = fx_svc(c->f, a);
	struct case_full *f;

	return case_get(&s, id, &f);
}

static void
test_visibility_per_role(void **state)
{
	struct ctx *c = *state;
	int64_t own = open_simple(c, c->cw1, c->t1, "NEG");
	int64_t team = open_simple(c, c->cw1b, c->t1, "NEG");
	int64_t other = open_simple(c, c->cw2, c->t2, "NEG");
	int64_t restr = open_simple(c, c->cw1b, c->t1, "TRF");
	int64_t restr_own = open_simple(c, c->cw1, c->t1, "VIO_SEX");

	/* Caseworker: own, team (not restricted). */
	assert_int_equal(get_as(c, c->a_cw1, own), SVC_OK);
	assert_int_equal(get_as(c, c->a_cw1, team), SVC_OK);
	assert_int_equal(get_as(c, c->a_cw1, other), SVC_NOTFOUND);
	assert_int_equal(get_as(c, c->a_cw1, restr), SVC_NOTFOUND);
	assert_int_equal(get_as(c, c->a_cw1, restr_own), SVC_OK);
	/* Supervisor: the whole unit, restricted included. */
	assert_int_equal(get_as(c, c->a_sup, other), SVC_OK);
	assert_int_equal(get_as(c, c->a_sup, restr), SVC_OK);
	/* Another agency's supervisor and caseworker: nothing. */
	assert_int_equal(get_as(c, c->a_psup, own), SVC_NOTFOUND);
	assert_int_equal(get_as(c, c->a_pcw, own), SVC_NOTFOUND);
	/* Other roles: not even the permission. */
	assert_int_equal(get_as(c, c->a_admin, own), SVC_DENIED);
	assert_int_equal(get_as(c, c->a_ana, own), SVC_DENIED);
	assert_int_equal(get_as(c, NULL, own), SVC_DENIED);
	/* A missing case is just not found, and not audited. */
	assert_int_equal(get_as(c, c->a_cw1, 999999), SVC_NOTFOUND);
	/* Refused reads of existing cases are audited with the case id. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " audit WHERE action = 'case.read.denied' AND object_id = %lld"
	    " AND actor = 'cw.one'", (long long)restr)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.read.denied'"), 4);
	assert_int_equal(count(c, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.read'"), 5);
}

static void
test_get_contents(void **state)
{
	struct ctx *c = *state;
	const char *k[] = { "NEG", "VIO_PHY" };
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct case_full *f;
	int64_t id;

	assert_int_equal(open_case(c, c->cw1, c->t1, k, 2, "VIO_PHY", &id,
	    NULL), SVC_OK);
	assert_int_equal(case_get(&s, id, &f), SVC_OK);
	assert_string_equal(f->c.child_given, "Qëndrim");
	assert_string_equal(f->c.status, "registered");
	assert_string_equal(f->c.risk, "");
	assert_string_equal(f->c.worker_name, "cw.one");
	assert_string_equal(f->c.team_name, "Ekipi 1");
	assert_true(f->c.child_age >= 9);
	assert_int_equal(f->nconcerns, 2);
	assert_string_equal(f->concerns[0].code, "VIO_PHY");
	assert_true(f->concerns[0].primary);
	assert_string_equal(f->concerns[0].label[0], "Dhunë fizike");
	assert_int_equal(f->nevents, 1);
	assert_string_equal(f->events[0].kind, "opened");
	assert_int_equal(f->c.version, 1);
}

/* ---------------------------------------------------------------- search */

static size_t
search_as(struct ctx *c, struct actor *a, struct case_query *q, int64_t *total)
{
	struct svc s = fx_svc(c->f, a);
	struct case_info *v;
	size_t n = 0;
	int64_t t;

	assert_int_equal(case_search(&s, q, &v, &n, &t), SVC_OK);
	if (total)
		*total = t;
	return n;
}

static void
test_search_scope(void **state)
{
	struct ctx *c = *state;
	struct case_query q;

	open_simple(c, c->cw1, c->t1, "NEG");
	open_simple(c, c->cw1b, c->t1, "NEG");
	open_simple(c, c->cw2, c->t2, "NEG");
	open_simple(c, c->cw1b, c->t1, "TRF");
	open_simple(c, c->cw1, c->t1, "VIO_SEX");
	open_simple(c, 0, 0, "NEG");
	memset(&q, 0, sizeof(q));
	/* Caseworker: own 2 (one restricted) + team's 1 unrestricted. */
	assert_int_equal(search_as(c, c->a_cw1, &q, NULL), 3);
	assert_int_equal(search_as(c, c->a_cw2, &q, NULL), 1);
	/* Supervisor: all six of the unit. */
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 6);
	/* Other agency: none. Other roles: denied. */
	assert_int_equal(search_as(c, c->a_psup, &q, NULL), 0);
	assert_int_equal(search_as(c, c->a_pcw, &q, NULL), 0);
	{
		struct svc s = fx_svc(c->f, c->a_admin);
		struct case_info *v;
		size_t n;
		int64_t t;

		assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_DENIED);
		s = fx_svc(c->f, c->a_ana);
		assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_DENIED);
	}
	/* Filters combine with the scope, never widen it. */
	q.concern = "TRF";
	assert_int_equal(search_as(c, c->a_cw1, &q, NULL), 0);
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	q.concern = NULL;
	q.worker_id = c->cw2;
	assert_int_equal(search_as(c, c->a_cw1, &q, NULL), 0);
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
}

static void
test_search_q(void **state)
{
	struct ctx *c = *state;
	struct case_query q;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct case_info *v;
	size_t n;
	int64_t t, other;
	int i;

	open_simple(c, c->cw1, c->t1, "NEG");
	c->child = child(c->f, "Стефан", "Ђорђевић", "J12345678K", NULL);
	other = open_simple(c, c->cw1, c->t1, "STR");
	memset(&q, 0, sizeof(q));
	/* Diacritic-insensitive, across orthographies, part of a name. */
	q.q = "qendrim";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	q.q = "Bytyci Qendrim";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	q.q = "Gjorgjeviq";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	q.q = "Djordjevic stefan";
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, other);
	q.q = "nobody";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 0);
	/* Short words alone match no name (and nothing breaks). */
	q.q = "q";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 0);
	/* Personal number and case number, exactly. */
	q.q = "j12345678k";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	q.q = v[0].number;
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 1);
	/* FTS syntax in q is only text. */
	q.q = "\"a\" OR b* NEAR(";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 0);
	q.q = NULL;
	q.number = "xk-09";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 2);
	q.number = "XK%";
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_INVALID);
	assert_string_equal(s.err.field, "number");
	q.number = NULL;
	q.status = "bogus";
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_INVALID);
	q.status = "registered";
	q.risk = "none";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 2);
	q.risk = "high";
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 0);
	q.risk = "extreme";
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_INVALID);
	/* Pages of 50, total counted, sorted by number. */
	memset(&q, 0, sizeof(q));
	for (i = 0; i < 52; i++)
		open_simple(c, c->cw1, c->t1, "NEG");
	q.sort = 1;
	assert_int_equal(search_as(c, c->a_sup, &q, &t), 51);
	assert_int_equal(t, 54);
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_OK);
	assert_true(strcmp(v[0].number, v[1].number) < 0);
	q.page = 2;
	assert_int_equal(search_as(c, c->a_sup, &q, NULL), 4);
	q.sort = 3;
	assert_int_equal(case_search(&s, &q, &v, &n, &t), SVC_INVALID);
}

/* ---------------------------------------------------------------- risk */

static void
test_risk_rules(void **state)
{
	struct ctx *c = *state;
	int64_t id = open_simple(c, c->cw1, c->t1, "NEG");
	int64_t other = open_simple(c, c->cw2, c->t2, "NEG");
	struct svc s = fx_svc(c->f, c->a_cw1);
	char *big;
	int64_t rid;

	assert_int_equal(case_risk_set(&s, id, "extreme", "x", 1, &rid),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "level");
	assert_int_equal(case_risk_set(&s, id, NULL, "x", 1, &rid), SVC_INVALID);
	assert_int_equal(case_risk_set(&s, id, "high", "", 1, &rid),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "rationale");
	assert_int_equal(case_risk_set(&s, id, "high", "  \n ", 1, &rid),
	    SVC_INVALID);
	big = calloc(1, 4002 * 2);
	for (int i = 0; i < 4001; i++)
		memcpy(big + 2 * i, "ë", 2);
	assert_int_equal(case_risk_set(&s, id, "high", big, 1, &rid),
	    SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.toolong");
	big[2 * 4000] = '\0';
	assert_int_equal(case_risk_set(&s, id, "high", big, 1, &rid), SVC_OK);
	free(big);
	/* Stale version, a case out of sight (404 + audit), a wrong role. */
	assert_int_equal(case_risk_set(&s, id, "low", "again", 1, &rid),
	    SVC_CONFLICT);
	assert_int_equal(case_risk_set(&s, other, "low", "x", 1, &rid),
	    SVC_NOTFOUND);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*)"
	    " FROM audit WHERE action = 'case.write.denied' AND object_id ="
	    " %lld", (long long)other)), 1);
	s = fx_svc(c->f, c->a_admin);
	assert_int_equal(case_risk_set(&s, id, "low", "x", 2, &rid), SVC_DENIED);
	assert_int_equal(count(c, "SELECT count(*) FROM risk_assessment"), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT risk = 'high'"
	    " AND status = 'screened' AND version = 2 FROM case_file"
	    " WHERE id = %lld", (long long)id)), 1);
	/* The timeline holds before and after. */
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'risk' AND before = '' AND after = 'high'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'status' AND before = 'registered' AND after = 'screened'"),
	    1);
}

static void
test_risk_history_and_conflict(void **state)
{
	struct ctx *c = *state;
	int64_t id = open_simple(c, c->cw1, c->t1, "NEG");
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct svc t = fx_svc(c->f, c->a_sup);
	struct case_event_info *e;
	struct case_full *f;
	int64_t r1, r2;

	assert_int_equal(case_risk_set(&s, id, "low", "first", 1, &r1), SVC_OK);
	/* The supervisor saved in between: the caseworker's save is refused
	 * and the last change says who and what. */
	assert_int_equal(case_risk_set(&t, id, "high", "second", 2, &r2),
	    SVC_OK);
	assert_int_equal(case_risk_set(&s, id, "medium", "late", 2, NULL),
	    SVC_CONFLICT);
	assert_string_equal(s.err.msg, "case.conflict");
	assert_int_equal(case_last_change(&s, id, &e), SVC_OK);
	assert_string_equal(e->actor, "sup.hani");
	assert_string_equal(e->before, "low");
	assert_string_equal(e->after, "high");
	assert_int_equal(case_get(&s, id, &f), SVC_OK);
	assert_int_equal(f->nrisks, 2);
	assert_string_equal(f->risks[0].level, "high");
	assert_string_equal(f->risks[1].rationale, "first");
	assert_string_equal(f->c.risk, "high");
	assert_true(f->c.risk_pending);
}

static void
test_risk_validate(void **state)
{
	struct ctx *c = *state;
	int64_t id = open_simple(c, c->cw1, c->t1, "NEG");
	int64_t pid = open_simple(c, c->cw1, c->t1, "NEG");
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct svc t = fx_svc(c->f, c->a_sup);
	struct svc p = fx_svc(c->f, c->a_psup);
	struct case_attention at;
	struct case_full *f;
	int64_t r1, r2, r3;

	assert_int_equal(case_risk_set(&s, id, "low", "first", 1, &r1), SVC_OK);
	assert_int_equal(case_risk_set(&s, id, "high", "worse", 2, &r2), SVC_OK);
	assert_int_equal(case_attention(&t, &at), SVC_OK);
	assert_int_equal(at.pending, 1);
	/* A caseworker cannot; another unit's supervisor does not see it. */
	assert_int_equal(case_risk_validate(&s, id, r2), SVC_DENIED);
	assert_int_equal(case_risk_validate(&p, id, r2), SVC_NOTFOUND);
	/* Superseded, of another case, unknown. */
	assert_int_equal(case_risk_validate(&t, id, r1), SVC_INVALID);
	assert_int_equal(case_risk_validate(&t, pid, r2), SVC_NOTFOUND);
	assert_int_equal(case_risk_validate(&t, id, 99999), SVC_NOTFOUND);
	assert_int_equal(case_risk_validate(&t, id, r2), SVC_OK);
	/* Not twice. */
	assert_int_equal(case_risk_validate(&t, id, r2), SVC_CONFLICT);
	assert_int_equal(case_get(&t, id, &f), SVC_OK);
	assert_int_equal(f->risks[0].validated_by, c->sup);
	assert_string_equal(f->risks[0].validator, "sup.hani");
	assert_false(f->c.risk_pending);
	assert_int_equal(f->c.version, 4);
	assert_int_equal(case_attention(&t, &at), SVC_OK);
	assert_int_equal(at.pending, 0);
	/* A supervisor's own entry: allowed and recorded as such. */
	assert_int_equal(case_risk_set(&t, pid, "medium", "own", 1, &r3), SVC_OK);
	assert_int_equal(case_risk_validate(&t, pid, r3), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'risk.validated' AND note = 'self'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'case.risk.validate' AND detail LIKE '%self=1'"), 1);
}

/* ---------------------------------------------------------------- assignment */

static void
test_assign(void **state)
{
	struct ctx *c = *state;
	int64_t id = open_simple(c, 0, 0, "NEG");
	struct svc s = fx_svc(c->f, c->a_sup);
	struct svc w = fx_svc(c->f, c->a_cw1);
	struct svc p = fx_svc(c->f, c->a_psup);
	struct case_attention at;

	/* Negative first. */
	assert_int_equal(case_assign(&w, id, c->cw1, 0, 1), SVC_DENIED);
	assert_int_equal(case_assign(&p, id, c->pcw, 0, 1), SVC_NOTFOUND);
	assert_int_equal(case_assign(&s, id, c->pcw, 0, 1), SVC_INVALID);
	assert_string_equal(s.err.field, "worker");
	assert_int_equal(case_assign(&s, id, c->sup, 0, 1), SVC_INVALID);
	assert_string_equal(s.err.msg, "case.assign.role");
	assert_int_equal(case_assign(&s, id, c->admin, 0, 1), SVC_INVALID);
	assert_int_equal(case_assign(&s, id, 99999, 0, 1), SVC_INVALID);
	assert_int_equal(case_assign(&s, id, c->cw1, c->pt, 1), SVC_INVALID);
	assert_string_equal(s.err.field, "team");
	assert_int_equal(case_assign(&s, id, c->cw1, 0, 7), SVC_CONFLICT);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event"
	    " WHERE kind = 'assigned'"), 0);
	/* The worker's team by default. */
	assert_int_equal(case_assign(&s, id, c->cw1, 0, 1), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT worker_id ="
	    " %lld AND team_id = %lld AND version = 2 FROM case_file WHERE id ="
	    " %lld", (long long)c->cw1, (long long)c->t1, (long long)id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind ="
	    " 'assigned' AND field = 'worker' AND before = '' AND after ="
	    " 'cw.one'"), 1);
	assert_int_equal(case_attention(&w, &at), SVC_OK);
	assert_int_equal(at.own_no_risk, 1);
	/* Another worker and an explicit team. */
	assert_int_equal(case_assign(&s, id, c->cw2, c->t1, 2), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind ="
	    " 'assigned' AND field = 'worker' AND before = 'cw.one' AND after ="
	    " 'cw.two'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.assign'"), 2);
	/* The old worker lost sight of it only if not in the team: cw.one is
	 * in team 1, so still sees it. */
	assert_int_equal(get_as(c, c->a_cw1, id), SVC_OK);
	assert_int_equal(case_assign(&s, id, c->cw2, c->t2, 3), SVC_OK);
	assert_int_equal(get_as(c, c->a_cw1, id), SVC_NOTFOUND);
}

static void
test_workers(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct case_worker *w;
	size_t n;

	assert_int_equal(case_workers(&s, &w, &n), SVC_OK);
	assert_int_equal(n, 3);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_workers(&s, &w, &n), SVC_DENIED);
}

/* The overdue filter: cases with an open step past its due instant, within
 * the scope like every other filter. */
static void
test_search_overdue(void **state)
{
	struct ctx *c = *state;
	struct case_query q;
	struct case_info *v;
	struct svc s;
	size_t n;
	int64_t total, a = open_simple(c, c->cw1, c->t1, "NEG");
	int64_t b = open_simple(c, c->cw1, c->t1, "NEG");
	int64_t other = open_simple(c, c->pcw, c->pt, "NEG");
	char sql[256];

	(void)b;
	/* Past due for a and for the other unit's case; b is due later,
	 * and a done step never counts. */
	snprintf(sql, sizeof(sql), "INSERT INTO deadline (case_id, step,"
	    " start_at, due_at, rule_version) VALUES (%lld, 'assessment', 1,"
	    " 2, 1), (%lld, 'assessment', 1, %lld, 1), (%lld, 'assessment',"
	    " 1, 2, 1)", (long long)a, (long long)b,
	    (long long)(clock_now() + 86400), (long long)other);
	assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO deadline (case_id, step,"
	    " start_at, due_at, done_at, rule_version) VALUES (%lld, 'plan',"
	    " 1, 2, 3, 1)", (long long)b);
	assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
	memset(&q, 0, sizeof(q));
	q.overdue = 1;
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_search(&s, &q, &v, &n, &total), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(v[0].id, a);
	/* Past the end of the list: the count on its own agrees. */
	q.page = 2;
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_search(&s, &q, &v, &n, &total), SVC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(total, 1);
	/* With a search text too. */
	q.page = 1;
	q.q = "Qendrim";
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_search(&s, &q, &v, &n, &total), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a);
	/* Without the filter, both of the unit's cases. */
	memset(&q, 0, sizeof(q));
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_search(&s, &q, &v, &n, &total), SVC_OK);
	assert_int_equal(total, 2);
}

/* ---------------------------------------------------------------- step services */

static enum svc_rc
change(struct ctx *c, struct actor *who, const struct case_info *ci,
    const char *status, int64_t version)
{
	struct svc s = fx_svc(c->f, who);
	enum svc_rc rc;

	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	rc = case_change_in_tx(&s, ci, status, version, NULL);
	if (rc == SVC_OK)
		rc = case_event_in_tx(&s, ci->id, "test", "note", NULL, "x",
		    NULL);
	if (rc == SVC_OK)
		assert_int_equal(store_commit(c->f->st), STORE_OK);
	else
		assert_int_equal(store_rollback(c->f->st), STORE_OK);
	return rc;
}

static void
test_for_write_and_change(void **state)
{
	struct ctx *c = *state;
	struct case_info *ci;
	struct svc s;
	int64_t id = open_simple(c, c->cw1, c->t1, "NEG"), v;
	char sql[200];

	/* Refusals first: no write permission, another team's or unit's
	 * case (404, audited), a stale version. */
	s = fx_svc(c->f, c->a_admin);
	assert_int_equal(case_for_write(&s, id, 0, 0, &ci), SVC_DENIED);
	s = fx_svc(c->f, c->a_pcw);
	assert_int_equal(case_for_write(&s, id, 0, 0, &ci), SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.write.denied'"), 1);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id + 1000, 0, 0, &ci),
	    SVC_NOTFOUND);
	assert_int_equal(case_for_write(&s, -1, 0, 0, &ci), SVC_NOTFOUND);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id, 99, 0, &ci), SVC_CONFLICT);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id, 1, 0, &ci), SVC_OK);
	assert_int_equal(ci->version, 1);

	/* An unknown status is a programming error, and changes nothing. */
	assert_int_equal(change(c, c->a_cw1, ci, "nonsense", 1), SVC_ERROR);
	assert_int_equal(count(c, "SELECT version FROM case_file"), 1);
	/* Stale inside the transaction (someone saved in between). */
	assert_int_equal(change(c, c->a_cw1, ci, "screened", 7), SVC_CONFLICT);
	/* The change: version, status, its timeline event and ours. */
	assert_int_equal(change(c, c->a_cw1, ci, "screened", 1), SVC_OK);
	snprintf(sql, sizeof(sql), "SELECT version FROM case_file WHERE id ="
	    " %lld", (long long)id);
	v = count(c, sql);
	assert_int_equal(v, 2);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'status' AND before = 'registered' AND after = 'screened'"),
	    1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'test' AND field = 'note' AND after = 'x'"), 1);
	/* Unchecked version (0), same status: a new version, no event. */
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id, 0, 0, &ci), SVC_OK);
	assert_int_equal(change(c, c->a_cw1, ci, NULL, 0), SVC_OK);
	assert_int_equal(count(c, sql), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'status'"), 1);
	/* An ended case is refused unless asked for. */
	assert_int_equal(change(c, c->a_cw1, ci, "closed", 3), SVC_OK);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id, 0, 0, &ci), SVC_INVALID);
	assert_string_equal(s.err.msg, "case.closed");
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(case_for_write(&s, id, 0, 1, &ci), SVC_OK);
	assert_true(case_ended(ci));
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_number_and_counter),
		T(test_open_concerns),
		T(test_visibility_per_role),
		T(test_get_contents),
		T(test_search_scope),
		T(test_search_q),
		T(test_risk_rules),
		T(test_risk_history_and_conflict),
		T(test_risk_validate),
		T(test_assign),
		T(test_workers),
		T(test_for_write_and_change),
		T(test_search_overdue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
