/*
 * test_indicator.c — the indicators (src/svc/indicator.c) and the workforce
 * norm (src/svc/workforce.c): bad input and scope first, then each
 * indicator against a small data set computed by hand (reopened cases, a
 * transfer, several concerns, cases closed and reopened within the
 * period, small cells), small-cell suppression with its complements, and
 * the counters staying equal to a recount through open, risk change,
 * close, reopen and transfer done by the services.
 *
 * The data set (2025, Hani i Elezit XK09 unless said; times 10:00 UTC):
 *   c1 f 2015-05-01 albanian none  unit 'Qendra'
 *   c2 m 2010-01-01 roma     yes
 *   c3 f (no birth) unknown  unknown
 *   c4 m 2008-06-30 serb     none
 *   k1 c1 02-10 high   police NEG*,VIO_PHY  open        cw1
 *   k2 c2 03-05 medium school VIO_PHY*      closed 04-04 goals_met  cw1
 *   k3 c2 05-01 medium school VIO_PHY*      open, reopened from k2  cw1
 *   k4 c3 06-01 none   self   (none)        transferred 06-10 -> k5 cw2
 *   k5 c3 06-10 none   self   (none)        open in Prishtinë XK13
 *   k6 c4 2024-12-20 low health NEG*        closed 01-15 no_longer_at_risk
 *   k7 c1 07-01 low    police NEG*          closed 07-11 duplicate  cw1
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/closure.h"
#include "../../src/svc/indicator.h"
#include "../../src/svc/workforce.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, min, prov, pol;
	struct actor	*cw1, *cw2, *sup, *psup, *admin, *padmin, *analyst;
	struct actor	*table;
	int64_t		 k[8];
};

static void
sql(struct ctx *c, const char *q)
{
	if (fx_raw_exec(c->f, q) != SQLITE_OK)
		fail_msg("sql: %s", q);
}

static int64_t
count(struct ctx *c, const char *q)
{
	return fx_raw_int(c->f, q);
}

/* The Unix time of yyyy-mm-dd at 10:00 UTC, as SQL. */
#define T(d)	"CAST(strftime('%s', '" d " 10:00') AS INTEGER)"
/* The same inside a printf format. */
#define TF(d)	"CAST(strftime('%%s', '" d " 10:00') AS INTEGER)"

static int64_t
mkcase(struct ctx *c, int64_t child, const char *muni, int64_t agency,
    int64_t worker, const char *status, const char *risk, const char *src,
    const char *opened, const char *closed, const char *reason,
    int64_t from)
{
	static int seq;
	char *q;

	seq++;
	q = arena_printf(c->f->a, "INSERT INTO case_file (number,"
	    " municipality_id, agency_id, worker_id, child_id, status, risk,"
	    " source, opened_at, closed_at, close_reason, reopened_from,"
	    " updated_at) VALUES ('T-%d', (SELECT id FROM municipality WHERE"
	    " code = '%s'), %lld, %s, %lld, '%s', %s, '%s', %s, %s, %s, %s, 1)",
	    seq, muni, (long long)agency, worker ? arena_printf(c->f->a, "%lld",
	    (long long)worker) : "NULL", (long long)child, status,
	    risk ? arena_printf(c->f->a, "'%s'", risk) : "NULL", src, opened,
	    closed ? closed : "NULL", reason ? arena_printf(c->f->a, "'%s'",
	    reason) : "NULL", from ? arena_printf(c->f->a, "%lld",
	    (long long)from) : "NULL");
	sql(c, q);
	return count(c, "SELECT max(id) FROM case_file");
}

static void
concern(struct ctx *c, int64_t k, const char *code, int primary)
{
	sql(c, arena_printf(c->f->a, "INSERT INTO case_concern (case_id, code,"
	    " is_primary) VALUES (%lld, '%s', %d)", (long long)k, code,
	    primary));
}

static int64_t
child(struct ctx *c, const char *sex, const char *birth, const char *comm,
    const char *dis, const char *unit)
{
	sql(c, arena_printf(c->f->a, "INSERT INTO child (given_name, sex,"
	    " birth_date, community, disability, admin_unit, created_at,"
	    " updated_at) VALUES ('X', '%s', %s, '%s', '%s', '%s', 1, 1)", sex,
	    birth ? arena_printf(c->f->a, "'%s'", birth) : "NULL", comm, dis,
	    unit));
	return count(c, "SELECT max(id) FROM child");
}

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t c1, c2, c3, c4, *k;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	k = c->k;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13",
	    NULL);
	c->min = fx_agency(f, "MPMS", AGENCY_MINISTRY, NULL, "XK");
	c->prov = fx_agency(f, "OJQ-SHELTER", AGENCY_PROVIDER, "XK09", NULL);
	c->pol = fx_agency(f, "POLICE-HANI", AGENCY_POLICE, "XK09", NULL);
	c->cw1 = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, 0));
	c->cw2 = fx_actor(f, fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani, 0));
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->psup = fx_actor(f, fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris,
	    0));
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    c->pris, 0));
	c->analyst = fx_actor(f, fx_user(f, "analyst", ROLE_CENTRAL_ANALYST,
	    c->min, 0));
	c->table = fx_actor(f, fx_user(f, "police.one", ROLE_TABLE_MEMBER,
	    c->pol, 0));
	if (!c->hani || !c->pris || !c->cw1 || !c->cw2 || !c->sup ||
	    !c->psup || !c->admin || !c->padmin || !c->analyst || !c->table)
		return -1;
	c1 = child(c, "f", "2015-05-01", "albanian", "none", "Qendra");
	c2 = child(c, "m", "2010-01-01", "roma", "yes", "");
	c3 = child(c, "f", NULL, "unknown", "unknown", "");
	c4 = child(c, "m", "2008-06-30", "serb", "none", "");
	k[1] = mkcase(c, c1, "XK09", c->hani, c->cw1->id, "screened", "high",
	    "police", T("2025-02-10"), NULL, NULL, 0);
	concern(c, k[1], "NEG", 1);
	concern(c, k[1], "VIO_PHY", 0);
	k[2] = mkcase(c, c2, "XK09", c->hani, c->cw1->id, "closed", "medium",
	    "school", T("2025-03-05"), T("2025-04-04"), "goals_met", 0);
	concern(c, k[2], "VIO_PHY", 1);
	k[3] = mkcase(c, c2, "XK09", c->hani, c->cw1->id, "plan_active",
	    "medium", "school", T("2025-05-01"), NULL, NULL, k[2]);
	concern(c, k[3], "VIO_PHY", 1);
	k[4] = mkcase(c, c3, "XK09", c->hani, c->cw2->id, "transferred", NULL,
	    "self", T("2025-06-01"), NULL, NULL, 0);
	k[5] = mkcase(c, c3, "XK13", c->pris, 0, "registered", NULL, "self",
	    T("2025-06-10"), NULL, NULL, 0);
	sql(c, arena_printf(f->a, "INSERT INTO case_transfer (case_id,"
	    " from_agency_id, to_municipality_id, to_agency_id, reason, status,"
	    " requested_by, requested_at, decided_at, new_case_id) VALUES"
	    " (%lld, %lld, (SELECT id FROM municipality WHERE code = 'XK13'),"
	    " %lld, 'moved', 'accepted', %lld, " TF("2025-06-05") ", "
	    TF("2025-06-10") ", %lld)", (long long)k[4], (long long)c->hani,
	    (long long)c->pris, (long long)c->cw2->id, (long long)k[5]));
	k[6] = mkcase(c, c4, "XK09", c->hani, c->cw1->id, "closed", "low",
	    "health", T("2024-12-20"), T("2025-01-15"), "no_longer_at_risk", 0);
	concern(c, k[6], "NEG", 1);
	k[7] = mkcase(c, c1, "XK09", c->hani, c->cw1->id, "closed", "low",
	    "police", T("2025-07-01"), T("2025-07-11"), "duplicate", 0);
	concern(c, k[7], "NEG", 1);
	/* Deadlines: k1 contact 10 h (due 24 h), assessment 12 days (due
	 * 14); k2 contact 80 h (due 72 h: late); k7 contact 48 h (due 168). */
	sql(c, arena_printf(f->a, "INSERT INTO deadline (case_id, step,"
	    " start_at, due_at, done_at, rule_version) VALUES"
	    " (%lld, 'first_contact', " TF("2025-02-10") ", " TF("2025-02-10")
	    " + 86400, " TF("2025-02-10") " + 36000, 1),"
	    " (%lld, 'assessment', " TF("2025-02-10") ", " TF("2025-02-10")
	    " + 14 * 86400, " TF("2025-02-10") " + 12 * 86400, 1),"
	    " (%lld, 'first_contact', " TF("2025-03-05") ", " TF("2025-03-05")
	    " + 72 * 3600, " TF("2025-03-05") " + 80 * 3600, 1),"
	    " (%lld, 'first_contact', " TF("2025-07-01") ", " TF("2025-07-01")
	    " + 168 * 3600, " TF("2025-07-01") " + 48 * 3600, 1)",
	    (long long)k[1], (long long)k[1], (long long)k[2],
	    (long long)k[7]));
	/* A meeting on k1 5 days after opening. */
	sql(c, arena_printf(f->a, "INSERT INTO conference (municipality_id,"
	    " agency_id, kind, starts_at, place, convenor_id, status, held_at,"
	    " created_at, updated_at) VALUES ((SELECT id FROM municipality"
	    " WHERE code = 'XK09'), %lld, 'tmr', " TF("2025-02-15") ", 'P',"
	    " %lld, 'held', " TF("2025-02-15") ", 1, 1)", (long long)c->hani,
	    (long long)c->sup->id));
	sql(c, arena_printf(f->a, "INSERT INTO conference_case (conference_id,"
	    " case_id, added_at) VALUES ((SELECT max(id) FROM conference),"
	    " %lld, 1)",
	    (long long)k[1]));
	/* Plans: k1 active after 8 days, k2 superseded after 20. */
	sql(c, arena_printf(f->a, "INSERT INTO plan (case_id, number, status,"
	    " created_by, created_at, updated_at, decided_at) VALUES"
	    " (%lld, 1, 'active', %lld, 1, 1, " TF("2025-02-10") " + 8 * 86400),"
	    " (%lld, 1, 'superseded', %lld, 1, 1, " TF("2025-03-05")
	    " + 20 * 86400)", (long long)k[1], (long long)c->cw1->id,
	    (long long)k[2], (long long)c->cw1->id));
	/* Measures: k1 alternative care, k3 family supervision; one
	 * emergency placement of k1 ended after 48 h. */
	sql(c, arena_printf(f->a, "INSERT INTO protection_measure (case_id,"
	    " type, decided_by, decision_date, status, author_id, created_at,"
	    " updated_at) VALUES (%lld, 'alternative_care', 'unit', '2025-02-15',"
	    " 'confirmed', %lld, 1, 1), (%lld, 'family_supervision', 'unit',"
	    " '2025-05-10', 'proposed', %lld, 1, 1)", (long long)k[1],
	    (long long)c->sup->id, (long long)k[3], (long long)c->sup->id));
	sql(c, arena_printf(f->a, "INSERT INTO emergency_placement (case_id,"
	    " place_kind, place_name, started_at, ends_at, ended_at, end_how,"
	    " author_id, created_at) VALUES (%lld, 'shelter', 'S', "
	    TF("2025-02-10") ", " TF("2025-02-10") " + 259200, " TF("2025-02-10")
	    " + 172800, 'returned_family', %lld, 1)", (long long)k[1],
	    (long long)c->sup->id));
	/* Referrals: k1 to the shelter, accepted, service 8 days after;
	 * k3 to the police, declined. */
	sql(c, arena_printf(f->a, "INSERT INTO referral (case_id,"
	    " from_agency_id, to_agency_id, service, reason, urgency, due_date,"
	    " due_at, consent_id, status, service_start, worker_id, created_at)"
	    " VALUES (%lld, %lld, %lld, 'shelter', 'r', 'urgent', '2025-02-19',"
	    " 1, 1, 'accepted', '2025-02-20', %lld, " TF("2025-02-12") "),"
	    " (%lld, %lld, %lld, 'police', 'r', 'routine', '2025-05-10', 1, 1,"
	    " 'declined', '', %lld, " TF("2025-05-03") ")", (long long)k[1],
	    (long long)c->hani, (long long)c->prov, (long long)c->cw1->id,
	    (long long)k[3], (long long)c->hani, (long long)c->pol,
	    (long long)c->cw1->id));
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

/* Runs an indicator for actor; asserts rc. */
static struct rt_table	runf(struct ctx *, const struct actor *,
			    const char *, const char *, const char *,
			    const char *, const char *, const char *,
			    enum svc_rc);

static struct rt_table
run(struct ctx *c, const struct actor *a, const char *code, const char *by,
    const char *from, const char *to, enum svc_rc want)
{
	return runf(c, a, code, by, NULL, NULL, from, to, want);
}

/* The value of the row with key (NULL: the total) in column col. */
static int64_t
cell(const struct rt_table *t, const char *key, size_t col)
{
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if ((key == NULL && r == t->nrows - 1) || (key != NULL &&
		    r < t->nrows - 1 && strcmp(t->rowkeys[r], key) == 0)) {
			const struct rt_cell *e = rt_at(t, r, col);

			if (e->suppressed)
				return -5;
			if (e->missing)
				return -1;
			return e->v;
		}
	return -99;
}

#define Y25	"2025-01-01", "2025-12-31"

/* ---- bad input and scope ---- */

static void
test_bad_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->sup);
	struct ind_params p;
	struct ind_query q;

#define BAD(f_, m_) do { \
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_INVALID); \
	assert_string_equal(s.err.field, f_); \
	assert_string_equal(s.err.msg, m_); \
	memset(&s.err, 0, sizeof(s.err)); \
} while (0)
	memset(&p, 0, sizeof(p));
	BAD("code", "ind.err.code");
	p.code = "happiness";
	BAD("code", "ind.err.code");
	p.code = "new_cases";
	p.by = "shoe_size";
	BAD("by", "ind.err.dim");
	p.code = "caseload";
	p.by = "sex";
	BAD("by", "ind.err.dim_workers");
	p.code = "open_by_risk";
	p.by = "risk";
	BAD("by", "ind.err.dim_columns");
	p.code = "new_cases";
	p.by = "provider";
	BAD("by", "ind.err.dim_provider");
	p.by = "sex";
	p.from = "2025-13-01";
	BAD("from", "ind.err.date");
	p.from = "2025-02-01";
	p.to = "yesterday";
	BAD("to", "ind.err.date");
	p.to = "2025-01-31";
	BAD("to", "ind.err.period");
	p.to = "2025-02-01";
	p.sex = "x";
	BAD("sex", "ind.err.value");
	p.sex = "f";
	p.age_band = "18-99";
	BAD("age_band", "ind.err.value");
	p.age_band = NULL;
	p.risk = "extreme";
	BAD("risk", "ind.err.value");
	p.risk = NULL;
	p.concern = "NOPE";
	BAD("concern", "ind.err.value");
	p.concern = NULL;
	p.country = "RS";
	BAD("country", "ind.err.value");
	p.country = NULL;
	p.municipality = "XK99";
	BAD("municipality", "ind.err.municipality");
	p.municipality = "'; DROP TABLE case_file; --";
	BAD("municipality", "ind.err.municipality");
	p.municipality = NULL;
	p.provider = "12";
	BAD("provider", "ind.err.value");
	p.provider = NULL;
	p.sector = "astrology";
	BAD("sector", "ind.err.value");
	p.sector = NULL;
	/* One day is a period. */
	p.to = "2025-02-01";
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
#undef BAD
}

static void
test_scope_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	struct ind_params p;
	struct ind_query q;
	struct rt_table t;
	int64_t audits = count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'indicator.denied'");

	memset(&p, 0, sizeof(p));
	p.code = "new_cases";
	p.municipality = "XK13";
	/* Another municipality: not found, audited. */
	s = fx_svc(c->f, c->sup);
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_NOTFOUND);
	assert_string_equal(s.err.msg, "ind.err.scope");
	s = fx_svc(c->f, c->admin);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_NOTFOUND);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'indicator.denied'"), audits + 3);
	/* Another country for a Kosovo analyst. */
	p.municipality = "AL53";
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_NOTFOUND);
	p.municipality = NULL;
	p.country = "AL";
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_NOTFOUND);
	/* No permission at all. */
	p.country = NULL;
	s = fx_svc(c->f, c->table);
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_DENIED);
	s = fx_svc(c->f, NULL);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_DENIED);
	/* The same analyst may ask for a Kosovo municipality. */
	p.municipality = "XK13";
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	assert_int_equal(indicator_run(&s, &q, &t), SVC_OK);
}

/* ---- each indicator by hand ---- */

static void
test_new_cases(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	/* k1 k2 k3 k4 k7 opened in 2025 in Hani; k3 reopened. */
	t = run(c, c->sup, "new_cases", NULL, Y25, SVC_OK);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(cell(&t, NULL, 1), 5);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 0);
	assert_non_null(t.definition);
	assert_string_equal(t.definition, i18n_get(LANG_SQ,
	    "ind.new_cases.def"));
	/* Several concerns: each case under each of its concerns, once in
	 * the total. */
	t = run(c, c->sup, "new_cases", "concern", Y25, SVC_OK);
	assert_int_equal(cell(&t, "NEG", 1), 2);
	assert_int_equal(cell(&t, "VIO_PHY", 1), 3);
	assert_int_equal(cell(&t, "none", 1), 1);
	assert_int_equal(cell(&t, NULL, 1), 5);
	t = run(c, c->sup, "new_cases", "sex", Y25, SVC_OK);
	assert_int_equal(cell(&t, "f", 1), 3);
	assert_int_equal(cell(&t, "m", 1), 2);
	assert_int_equal(cell(&t, NULL, 1), 5);
	assert_string_equal(t.rowkeys[0], "f");
	t = run(c, c->sup, "new_cases", "age_band", Y25, SVC_OK);
	assert_int_equal(cell(&t, "6-11", 1), 2);
	assert_int_equal(cell(&t, "15-17", 1), 2);
	assert_int_equal(cell(&t, "unknown", 1), 1);
	t = run(c, c->sup, "new_cases", "month", Y25, SVC_OK);
	assert_int_equal(t.nrows, 6);
	assert_string_equal(t.rowkeys[0], "2025-02");
	assert_int_equal(cell(&t, "2025-05", 2), 1);
	t = run(c, c->sup, "new_cases", "community", Y25, SVC_OK);
	assert_int_equal(cell(&t, "roma", 1), 2);
	t = run(c, c->sup, "new_cases", "admin_unit", Y25, SVC_OK);
	assert_int_equal(cell(&t, "Qendra", 1), 2);
	/* The transfer: a new case in Prishtinë, counted as transferred in. */
	t = run(c, c->psup, "new_cases", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);
	assert_int_equal(cell(&t, NULL, 3), 1);
	/* The caseworker: their own (k4 is cw2's). */
	t = run(c, c->cw1, "new_cases", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 4);
	/* A period that holds only k1. */
	t = run(c, c->sup, "new_cases", NULL, "2025-02-10", "2025-02-10",
	    SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);
}

static void	check_counters(struct ctx *);

/*
 * A transfer is one child, not two new cases: over the country (the
 * analyst) k5, transferred in from Hani, is not counted as opened again —
 * in the live count, by source, and on the dashboard from the counters —
 * while Prishtinë alone still counts it as new to it (test_new_cases).
 */
static void
test_transfer_not_twice(void **state)
{
	struct ctx *c = *state;
	struct rt_table t, *d;
	struct svc s;
	size_t nd;

	/* Kosovo in 2025: k1 k2 k3 k4 k7 in Hani, k5 a transfer: 5. */
	t = run(c, c->analyst, "new_cases", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 5);
	t = run(c, c->analyst, "sources", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 10), 5);
	/* Prishtinë's own row still shows its transfer in. */
	t = run(c, c->padmin, "sources", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 10), -5);
	t = run(c, c->psup, "sources", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 10), 1);
	/* The counters hold the transfer mark; the dashboard subtracts it
	 * over the country. */
	assert_int_equal(count(c, "SELECT sum(transferred_in) FROM ind_new"),
	    1);
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(indicator_dashboard(&s, "2025-01-01", "2025-12-31",
	    &d, &nd), SVC_OK);
	assert_true(nd >= 1);
	assert_int_equal(cell(&d[IND_NEW_CASES - 1], NULL, 1), 5);
	check_counters(c);
}

static void
test_open_by_risk(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	/* At the end of 2025: k1 high, k3 medium (k4 transferred, the
	 * others closed). */
	t = run(c, c->sup, "open_by_risk", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 0);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 1);
	assert_int_equal(cell(&t, NULL, 4), 0);
	assert_int_equal(cell(&t, NULL, 5), 2);
	/* At 31 May 2025: k1, k3 and k4 (not yet transferred). */
	t = run(c, c->sup, "open_by_risk", NULL, NULL, "2025-05-31", SVC_OK);
	assert_int_equal(cell(&t, NULL, 5), 2);
	t = run(c, c->sup, "open_by_risk", NULL, NULL, "2025-06-05", SVC_OK);
	assert_int_equal(cell(&t, NULL, 4), 1);
	assert_int_equal(cell(&t, NULL, 5), 3);
	/* At 1 January 2025: k6 only. */
	t = run(c, c->sup, "open_by_risk", NULL, NULL, "2025-01-01", SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);
	assert_int_equal(cell(&t, NULL, 5), 1);
}

static void
test_time_conference_plan(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	t = run(c, c->sup, "time_to_contact", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 5);	/* cases */
	assert_int_equal(cell(&t, NULL, 2), 3);	/* contacted */
	assert_int_equal(cell(&t, NULL, 3), 48);	/* median of 10 48 80 h */
	assert_int_equal(cell(&t, NULL, 4), 666);	/* 2 of 3 in time */
	assert_int_equal(cell(&t, NULL, 5), 1);
	assert_int_equal(cell(&t, NULL, 6), 12);
	assert_int_equal(cell(&t, NULL, 7), 1000);
	t = run(c, c->sup, "time_to_contact", "risk", Y25, SVC_OK);
	assert_int_equal(cell(&t, "medium", 3), 80);
	assert_int_equal(cell(&t, "medium", 4), 0);
	assert_int_equal(cell(&t, "none", 3), -1);	/* no contact */
	/* Medium/high opened in 2025: k1 k2 k3; a meeting for k1 after 5
	 * days. */
	t = run(c, c->sup, "conference", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 3);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 333);
	assert_int_equal(cell(&t, NULL, 4), 5);
	/* Active plan now: k1; days to a plan: 8 and 20, median 14. */
	t = run(c, c->sup, "plan", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 3);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 333);
	assert_int_equal(cell(&t, NULL, 4), 14);
}

static void
test_measures_referrals(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	t = run(c, c->sup, "measures", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);	/* family supervision */
	assert_int_equal(cell(&t, NULL, 2), 1);	/* alternative care */
	assert_int_equal(cell(&t, NULL, 3), 0);
	assert_int_equal(cell(&t, NULL, 4), 2);
	assert_int_equal(cell(&t, NULL, 5), 1);	/* placements */
	assert_int_equal(cell(&t, NULL, 6), 1);	/* ended within 72 h */
	assert_int_equal(cell(&t, NULL, 7), 0);
	t = run(c, c->sup, "referrals", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 2);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 1);
	assert_int_equal(cell(&t, NULL, 4), 0);
	assert_int_equal(cell(&t, NULL, 5), 500);
	assert_int_equal(cell(&t, NULL, 6), 8);
	t = run(c, c->sup, "referrals", "sector", Y25, SVC_OK);
	assert_int_equal(cell(&t, "provider", 1), 1);
	assert_int_equal(cell(&t, "police", 3), 1);
	t = run(c, c->sup, "referrals", "provider", Y25, SVC_OK);
	assert_int_equal(cell(&t, arena_printf(c->f->a, "%lld",
	    (long long)c->prov), 2), 1);
	assert_string_equal(rt_at(&t, 0, 0)->text, "OJQ-SHELTER");
}

static void
test_closures_sources(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	/* Closed in 2025: k6 (26 days), k2 (30, re-referred by k3), k7
	 * (10, a duplicate). */
	t = run(c, c->sup, "closures", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);	/* goals met */
	assert_int_equal(cell(&t, NULL, 2), 1);	/* no longer at risk */
	assert_int_equal(cell(&t, NULL, 7), 1);	/* duplicate */
	assert_int_equal(cell(&t, NULL, 8), 3);
	assert_int_equal(cell(&t, NULL, 9), 26);
	assert_int_equal(cell(&t, NULL, 10), 1);
	assert_int_equal(cell(&t, NULL, 11), 333);
	t = run(c, c->sup, "sources", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 2);	/* police */
	assert_int_equal(cell(&t, NULL, 2), 2);	/* school */
	assert_int_equal(cell(&t, NULL, 3), 0);
	assert_int_equal(cell(&t, NULL, 6), 1);	/* self */
	assert_int_equal(cell(&t, NULL, 10), 5);
}

static void
test_workers_quality(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;

	/* cw1: k1 k3 open at the end; new k1 k2 k3 k7; cw2: k4. */
	t = run(c, c->sup, "caseload", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 2);
	assert_string_equal(rt_at(&t, 0, 2)->text, "2.0");
	assert_int_equal(cell(&t, NULL, 3), 2);
	assert_int_equal(cell(&t, NULL, 4), 1);
	assert_int_equal(cell(&t, NULL, 5), 5);
	assert_int_equal(cell(&t, NULL, 6), 2);
	/* In January 2025 cw2 had no case; in the year, both had. */
	t = run(c, c->sup, "idle_workers", NULL, "2025-01-01", "2025-01-31",
	    SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 2);
	assert_int_equal(cell(&t, NULL, 2), 1);
	assert_int_equal(cell(&t, NULL, 3), 500);
	t = run(c, c->sup, "idle_workers", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 2), 0);
	/* Open now: k1 and k3, both complete; k5 in Prishtinë has no birth
	 * date, no concern and no risk. */
	t = run(c, c->sup, "data_quality", NULL, NULL, NULL, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 2);
	assert_int_equal(cell(&t, NULL, 2), 2);
	assert_int_equal(cell(&t, NULL, 3), 1000);
	t = run(c, c->psup, "data_quality", NULL, NULL, NULL, SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 1);
	assert_int_equal(cell(&t, NULL, 2), 0);
	assert_int_equal(cell(&t, NULL, 4), 1);	/* no birth date */
	assert_int_equal(cell(&t, NULL, 8), 1);	/* no primary concern */
	assert_int_equal(cell(&t, NULL, 9), 1);	/* no risk */
}

static void
test_workforce(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;
	struct svc s;
	struct wf_unit *u;
	size_t n;

	/* No population for the year: a clear message, no division. */
	t = run(c, c->admin, "workforce", NULL, NULL, "2025-12-31",
	    SVC_INVALID);
	sql(c, "INSERT INTO child_population (municipality_id, year, children,"
	    " updated_at) VALUES ((SELECT id FROM municipality WHERE code ="
	    " 'XK09'), 2025, 9000, 1), ((SELECT id FROM municipality WHERE"
	    " code = 'XK13'), 2025, 0, 1)");
	t = run(c, c->padmin, "workforce", NULL, NULL, "2025-12-31",
	    SVC_INVALID);
	/* 9,000 children at 1:3,000 need 3.0 workers; Hani has 2.0. */
	t = run(c, c->admin, "workforce", NULL, NULL, "2025-12-31", SVC_OK);
	assert_int_equal(cell(&t, NULL, 1), 9000);
	assert_int_equal(cell(&t, NULL, 2), 2);
	assert_string_equal(rt_at(&t, 0, 3)->text, "2.0");
	assert_int_equal(cell(&t, NULL, 4), 4500);
	assert_string_equal(rt_at(&t, 0, 5)->text, "3.0");
	assert_int_equal(cell(&t, NULL, 6), 1);
	/* Part-time: refused values, then cw2 at half time. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(workforce_fte_set(&s, c->cw2->id, 1001), SVC_INVALID);
	assert_int_equal(workforce_fte_set(&s, c->sup->id, 500), SVC_INVALID);
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(workforce_fte_set(&s, c->cw2->id, 500), SVC_NOTFOUND);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(workforce_fte_set(&s, c->cw2->id, 500), SVC_DENIED);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(workforce_fte_set(&s, c->cw2->id, 500), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'workforce.fte'"), 1);
	assert_int_equal(workforce_fte_parse("0,5"), 500);
	assert_int_equal(workforce_fte_parse("1"), 1000);
	assert_int_equal(workforce_fte_parse("1.5"), -1);
	assert_int_equal(workforce_fte_parse("-1"), -1);
	assert_int_equal(workforce_fte_parse("0."), -1);
	assert_int_equal(workforce_fte_parse(""), -1);
	/* 1.5 FTE: short by 2 (3.0 - 1.5, rounded up). */
	t = run(c, c->admin, "workforce", NULL, NULL, "2025-12-31", SVC_OK);
	assert_string_equal(rt_at(&t, 0, 3)->text, "1.5");
	assert_int_equal(cell(&t, NULL, 4), 6000);
	assert_int_equal(cell(&t, NULL, 6), 2);
	/* The ratio: the system administrator only, in range. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(workforce_norm_set(&s, "XK", 2000), SVC_DENIED);
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(workforce_norm_set(&s, "XK", 0), SVC_INVALID);
	assert_int_equal(workforce_norm_set(&s, "RS", 2000), SVC_INVALID);
	assert_int_equal(workforce_norm_set(&s, "XK", 1500), SVC_OK);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(workforce_units(&s, 0, 2025, &u, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(u[0].needed, 6000);
	assert_int_equal(u[0].short_by, 5);	/* 6.0 - 1.5 -> 5 */
	assert_int_equal(workforce_units(&s, fx_muni(c->f, "XK13"), 2025, &u,
	    &n), SVC_NOTFOUND);
	/* The analyst: by municipality, the country. */
	t = run(c, c->analyst, "workforce", "municipality", NULL, "2025-12-31",
	    SVC_OK);
	assert_int_equal(cell(&t, "XK09", 1), 9000);
	assert_int_equal(cell(&t, "XK13", 4), -1);	/* population 0 */
}

/* ---- suppression ---- */

static void
test_suppress_rules(void **state)
{
	struct rt_cell cells[5 * 4];
	struct rt_table t;
	/* label | a (part) | b (part) | total (row) | rate of total */
	int count[4] = { 0, 2, 2, 3 }, base[4] = { -1, -1, -1, -1 };
	int64_t v[5][3] = { { 10, 3, 13 }, { 8, 12, 20 }, { 6, 7, 13 },
	    { 9, 9, 18 }, { 33, 31, 64 } };
	size_t r, k;

	(void)state;
	memset(&t, 0, sizeof(t));
	memset(cells, 0, sizeof(cells));
	t.ncols = 4;
	t.nrows = 5;
	t.cells = cells;
	t.has_total = 1;
	for (r = 0; r < 5; r++)
		for (k = 0; k < 3; k++)
			rt_at(&t, r, k + 1)->v = v[r][k];
	ind_suppress(&t, count, base);
	/* The 3 is hidden; so is another cell of its row (its total could
	 * be subtracted) and another of its column. */
	assert_true(rt_at(&t, 0, 2)->suppressed);
	{
		size_t hidden_row = 0, hidden_col = 0;

		for (k = 1; k < 4; k++)
			hidden_row += rt_at(&t, 0, k)->suppressed;
		for (r = 0; r < 5; r++)
			hidden_col += rt_at(&t, r, 2)->suppressed;
		assert_true(hidden_row >= 2);
		assert_true(hidden_col >= 2);
	}
	/* No row or column relation is left with exactly one hidden cell. */
	for (r = 0; r < 5; r++) {
		size_t h = 0;

		for (k = 1; k < 4; k++)
			h += rt_at(&t, r, k)->suppressed;
		assert_true(h != 1);
	}
	for (k = 1; k < 4; k++) {
		size_t h = 0;

		for (r = 0; r < 5; r++)
			h += rt_at(&t, r, k)->suppressed;
		assert_true(h != 1);
	}
	/* Zero is not a small cell; 5 is not. */
	memset(cells, 0, sizeof(cells));
	for (r = 0; r < 5; r++)
		for (k = 0; k < 3; k++)
			rt_at(&t, r, k + 1)->v = r == 4 ? 15 : 5;
	rt_at(&t, 1, 1)->v = 0;
	rt_at(&t, 1, 3)->v = 5;
	ind_suppress(&t, count, base);
	for (r = 0; r < 5; r++)
		for (k = 1; k < 4; k++)
			assert_false(rt_at(&t, r, k)->suppressed);
}

static void
test_analyst_suppressed(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;
	size_t r, k;

	/* The analyst sees Kosovo: three open cases (k1 k3 k5), each cell
	 * under 5 hidden, none shown that would give one away. */
	t = run(c, c->analyst, "open_by_risk", "municipality", Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 5), -5);
	assert_int_equal(cell(&t, "XK09", 2), -5);
	assert_int_equal(cell(&t, "XK09", 1), 0);
	for (r = 0; r < t.nrows; r++)
		for (k = 1; k < t.ncols; k++) {
			const struct rt_cell *e = rt_at(&t, r, k);

			assert_true(e->suppressed || e->v == 0 || e->v >= 5);
		}
	assert_non_null(strstr(t.note, "5"));
	/* The municipal administrator too (aggregates only). */
	t = run(c, c->admin, "new_cases", "sex", Y25, SVC_OK);
	assert_int_equal(cell(&t, "f", 1), -5);
	assert_int_equal(cell(&t, "m", 1), -5);
	assert_int_equal(cell(&t, NULL, 1), 5);
	/* Rates on a small base are hidden with it. */
	t = run(c, c->admin, "conference", NULL, Y25, SVC_OK);
	assert_int_equal(cell(&t, NULL, 3), -5);
	assert_int_equal(cell(&t, NULL, 4), -5);
	/* No name anywhere in a table. */
	t = run(c, c->analyst, "referrals", "provider", Y25, SVC_OK);
	for (r = 0; r < t.nrows; r++)
		assert_null(strstr(rt_at(&t, r, 0)->text, "X"));
}

/* ---- counters ---- */

static void
check_counters(struct ctx *c)
{
	struct svc s = fx_svc(c->f, &c->f->root);
	static const char *const tabs[] = { "ind_cohort", "ind_hist",
	    "ind_quality", "ind_review", "ind_measure", "ind_placement",
	    "ind_referral", "ind_ref_days", "ind_received", "ind_worker_open",
	    "ind_new_dim", "ind_open_dim", "ind_review_dim", "ind_cohort_dim",
	    "ind_hist_dim", "ind_closed_dim", "ind_open_mo", "ind_ref_dim",
	    "ind_refdays_dim", "ind_measure_dim", "ind_placement_dim", NULL };
	size_t i;

	if (indicator_counters_check(&s) == SVC_OK)
		return;
	for (i = 0; tabs[i] != NULL; i++)
		if (count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
		    " (SELECT * FROM %s_recount EXCEPT SELECT * FROM %s)",
		    tabs[i], tabs[i])) != 0)
			fail_msg("counter %s differs from its recount",
			    tabs[i]);
	fail_msg("counters differ from a recount");
}

static int64_t
version(struct ctx *c, int64_t id)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM case_file"
	    " WHERE id = %lld", (long long)id));
}

static void
test_counters_exact(void **state)
{
	struct ctx *c = *state;
	static const char *const k[] = { "NEG", "VIO_PHY" };
	struct svc s;
	struct closure_new n;
	int64_t id, id2, nid = 0, tid = 0, child;
	char b[32];
	struct rt_table *d;
	size_t nd;

	check_counters(c);
	child = count(c, "SELECT min(id) FROM child");
	/* Open. */
	id = fx_case(c->f, c->cw1, child, "XK09", c->hani, c->cw1->id, 0, k, 2);
	id2 = fx_case(c->f, c->cw1, child, "XK09", c->hani, c->cw1->id, 0, k,
	    2);
	check_counters(c);
	assert_int_equal(count(c, "SELECT sum(n) FROM ind_open o JOIN"
	    " municipality m ON m.id = o.municipality_id WHERE m.code = 'XK09'"),
	    4);
	/* Risk change. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(case_risk_set(&s, id, "low", "r", version(c, id),
	    NULL), SVC_OK);
	assert_int_equal(case_risk_set(&s, id2, "medium", "r", version(c, id2),
	    NULL), SVC_OK);
	check_counters(c);
	/* Close. */
	memset(&n, 0, sizeof(n));
	clock_format(clock_now(), 0, b, sizeof(b));
	n.reason = "goals_met";
	n.summary = "Goals met.";
	n.date = b;
	n.version = version(c, id);
	assert_int_equal(closure_request(&s, id, &n), SVC_OK);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(closure_approve(&s, id, version(c, id)), SVC_OK);
	check_counters(c);
	/* Reopen. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_reopen(&s, id, "New report", version(c, id),
	    &nid), SVC_OK);
	check_counters(c);
	/* Transfer. */
	assert_int_equal(closure_transfer_request(&s, id2, fx_muni(c->f,
	    "XK13"), "Moved", version(c, id2), &tid), SVC_OK);
	s = fx_svc(c->f, c->psup);
	assert_int_equal(closure_transfer_accept(&s, tid, &nid), SVC_OK);
	check_counters(c);
	/* A write around the services (a restore, a fix in SQL) too. */
	sql(c, "UPDATE case_file SET risk = 'high' WHERE risk IS NULL");
	sql(c, "UPDATE case_file SET municipality_id = (SELECT id FROM"
	    " municipality WHERE code = 'XK13') WHERE id = (SELECT min(id) FROM"
	    " case_file)");
	check_counters(c);
	/* A referral's start of service, receiving agency or creation
	 * moved alone (0035), and one deleted. */
	sql(c, "UPDATE referral SET service_start = '2025-02-27' WHERE"
	    " service_start <> ''");
	check_counters(c);
	sql(c, arena_printf(c->f->a, "UPDATE referral SET to_agency_id = %lld,"
	    " created_at = created_at - 40 * 86400", (long long)c->pol));
	check_counters(c);
	sql(c, "DELETE FROM referral WHERE id = (SELECT min(id) FROM referral)");
	check_counters(c);
	/* A measure's decision moved and its type changed, a placement
	 * ended (0036). */
	sql(c, "UPDATE protection_measure SET decision_date = '2025-03-02',"
	    " type = 'emergency_protection' WHERE id = (SELECT max(id)"
	    " FROM protection_measure)");
	sql(c, "UPDATE emergency_placement SET ended_at = started_at + 3600,"
	    " end_how = 'returned_family' WHERE ended_at IS NULL");
	check_counters(c);
	/* A counter spoiled by hand is found, and rebuilt. */
	sql(c, "UPDATE ind_open SET n = n + 1 WHERE (municipality_id, risk)"
	    " IN (SELECT municipality_id, risk FROM ind_open LIMIT 1)");
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(indicator_counters_check(&s), SVC_CONFLICT);
	assert_int_equal(indicator_counters_rebuild(&s), SVC_OK);
	check_counters(c);
	sql(c, "UPDATE ind_ref_dim SET n = n + 1 WHERE (municipality_id,"
	    " dim, month, key, status) IN (SELECT municipality_id, dim, month,"
	    " key, status FROM ind_ref_dim WHERE n <> 0 LIMIT 1)");
	assert_int_equal(indicator_counters_check(&s), SVC_CONFLICT);
	assert_int_equal(indicator_counters_rebuild(&s), SVC_OK);
	check_counters(c);
	sql(c, "UPDATE ind_measure_dim SET n = n + 1 WHERE (municipality_id,"
	    " dim, month, key, type) IN (SELECT municipality_id, dim, month,"
	    " key, type FROM ind_measure_dim WHERE n <> 0 LIMIT 1)");
	assert_int_equal(indicator_counters_check(&s), SVC_CONFLICT);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(indicator_counters_rebuild(&s), SVC_DENIED);
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(indicator_counters_rebuild(&s), SVC_OK);
	check_counters(c);
	/* Open cases by risk now, for whole municipalities, come from the
	 * counters: the same figures as a count of the cases. */
	{
		struct rt_table o = run(c, c->analyst, "open_by_risk",
		    "municipality", NULL, NULL, SVC_OK);
		size_t r;

		assert_true(o.nrows >= 2);
		for (r = 0; r + 1 < o.nrows; r++) {
			const struct rt_cell *e = rt_at(&o, r, 5);

			if (e->suppressed)
				continue;
			assert_int_equal(e->v, count(c, arena_printf(c->f->a,
			    "SELECT count(*) FROM case_file c JOIN municipality"
			    " m ON m.id = c.municipality_id WHERE m.code = '%s'"
			    " AND c.status NOT IN ('closed', 'transferred')",
			    o.rowkeys[r])));
		}
		/* The unit's figure is counted live (the counters are per
		 * municipality): the same count, in its municipality. */
		o = run(c, c->sup, "open_by_risk", NULL, NULL, NULL, SVC_OK);
		assert_int_equal(cell(&o, NULL, 5), count(c, arena_printf(
		    c->f->a, "SELECT count(*) FROM case_file WHERE agency_id ="
		    " %lld AND municipality_id = %lld AND status NOT IN"
		    " ('closed', 'transferred')", (long long)c->hani,
		    (long long)fx_muni(c->f, "XK09"))));
	}
	/* The dashboard reads them. */
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(indicator_dashboard(&s, "2025-01-01", NULL, &d, &nd),
	    SVC_OK);
	assert_true(nd >= 4);
	assert_int_equal(count(c, "SELECT sum(n) FROM ind_open"),
	    count(c, "SELECT count(*) FROM case_file WHERE status NOT IN"
	    " ('closed', 'transferred')"));
}


/* ---- scope and dimensions (round 12) ---- */

/* The value of a cell as counted, suppressed or not (the tests may see
 * what the screen hides): -1 missing, -99 no such row. */
static int64_t
rawc(const struct rt_table *t, const char *key, size_t col)
{
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if ((key == NULL && r == t->nrows - 1) || (key != NULL &&
		    r < t->nrows - 1 && strcmp(t->rowkeys[r], key) == 0))
			return rt_at(t, r, col)->missing ? -1 :
			    rt_at(t, r, col)->v;
	return -99;
}

/* Runs with the municipality and admin_unit filters. */
static struct rt_table
runf(struct ctx *c, const struct actor *a, const char *code, const char *by,
    const char *muni, const char *unit, const char *from, const char *to,
    enum svc_rc want)
{
	struct svc s = fx_svc(c->f, a);
	struct ind_params p;
	struct ind_query q;
	struct rt_table t;
	enum svc_rc rc;

	memset(&p, 0, sizeof(p));
	memset(&t, 0, sizeof(t));
	p.code = code;
	p.by = by;
	p.municipality = muni;
	p.admin_unit = unit;
	p.from = from;
	p.to = to;
	rc = indicator_parse(&s, &p, &q);
	if (rc == SVC_OK)
		rc = indicator_run(&s, &q, &t);
	if (rc != want)
		fail_msg("%s by %s: rc %d, want %d (%s)", code, by ? by : "-",
		    rc, want, s.err.msg ? s.err.msg : "");
	return t;
}

/* Reports received in 2025: Hani 2 from the police station, 1 from a
 * school, 1 self-referral; Prishtinë 1 from health. */
static void
reports(struct ctx *c)
{
	sql(c, arena_printf(c->f->a, "INSERT INTO report (municipality_id,"
	    " agency_id, received_at, channel, referrer_type,"
	    " referrer_agency_id, created_at) VALUES"
	    " ((SELECT id FROM municipality WHERE code = 'XK09'), %lld, "
	    TF("2025-03-03") ", 'phone', 'police', %lld, 1),"
	    " ((SELECT id FROM municipality WHERE code = 'XK09'), %lld, "
	    TF("2025-08-03") ", 'phone', 'police', %lld, 1),"
	    " ((SELECT id FROM municipality WHERE code = 'XK09'), %lld, "
	    TF("2025-04-03") ", 'email', 'school', NULL, 1),"
	    " ((SELECT id FROM municipality WHERE code = 'XK09'), %lld, "
	    TF("2025-09-03") ", 'in_person', 'self', NULL, 1),"
	    " ((SELECT id FROM municipality WHERE code = 'XK13'), %lld, "
	    TF("2025-05-03") ", 'phone', 'health', NULL, 1)",
	    (long long)c->hani, (long long)c->pol, (long long)c->hani,
	    (long long)c->pol, (long long)c->hani, (long long)c->hani,
	    (long long)c->pris));
}

/*
 * Each dimension the issue names, for every indicator: allowed where it
 * means something, refused with a message that says why where not.
 */
static void
test_dims_refused(void **state)
{
	struct ctx *c = *state;
	static const struct {
		const char	*code, *by, *msg;
	} no[] = {
		{ "workforce", "sex", "ind.err.dim_workers" },
		{ "workforce", "admin_unit", "ind.err.dim_workers" },
		{ "workforce", "provider", "ind.err.dim_workers" },
		{ "caseload", "age_band", "ind.err.dim_workers" },
		{ "caseload", "sector", "ind.err.dim_workers" },
		{ "idle_workers", "concern", "ind.err.dim_workers" },
		{ "idle_workers", "month", "ind.err.dim_workers" },
		{ "open_by_risk", "risk", "ind.err.dim_columns" },
		{ "sources", "sector", "ind.err.dim_columns" },
		{ "open_by_risk", "month", "ind.err.dim_as_at" },
		{ "data_quality", "month", "ind.err.dim_as_at" },
		{ "new_cases", "provider", "ind.err.dim_provider" },
		{ "closures", "provider", "ind.err.dim_provider" },
		{ "data_quality", "provider", "ind.err.dim_provider" },
		{ "new_cases", "district", "ind.err.dim" },
		{ "new_cases", "SEX", "ind.err.dim" },
	};
	static const char *const dims[] = { "municipality", "admin_unit",
	    "country", "sex", "age_band", "community", "disability",
	    "concern", "risk", "sector", "month", NULL };
	static const char *const cases[] = { "new_cases", "time_to_contact",
	    "conference", "plan", "measures", "referrals", "closures", NULL };
	struct svc s;
	struct ind_params p;
	struct ind_query q;
	size_t i, j;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		s = fx_svc(c->f, c->sup);
		memset(&p, 0, sizeof(p));
		p.code = no[i].code;
		p.by = no[i].by;
		if (indicator_parse(&s, &p, &q) != SVC_INVALID)
			fail_msg("%s by %s accepted", no[i].code, no[i].by);
		assert_string_equal(s.err.field, "by");
		assert_string_equal(s.err.msg, no[i].msg);
	}
	/* Every named dimension of every case indicator works. */
	for (i = 0; cases[i] != NULL; i++)
		for (j = 0; dims[j] != NULL; j++)
			(void)run(c, c->sup, cases[i], dims[j], Y25, SVC_OK);
	(void)run(c, c->sup, "referrals", "provider", Y25, SVC_OK);
	/* Workers: by municipality and country. */
	for (j = 0; j < 3; j += 2) {
		(void)run(c, c->sup, "caseload", dims[j], Y25, SVC_OK);
		(void)run(c, c->sup, "idle_workers", dims[j], Y25, SVC_OK);
	}
	/* A provider filter means something for referrals only. */
	s = fx_svc(c->f, c->sup);
	memset(&p, 0, sizeof(p));
	p.code = "new_cases";
	p.provider = "1";
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_INVALID);
	assert_string_equal(s.err.field, "provider");
	/* A sector of referrals: an agency type or a referrer type. */
	p.code = "referrals";
	p.provider = NULL;
	p.sector = "ngo";
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_OK);
	p.sector = "bank";
	assert_int_equal(indicator_parse(&s, &p, &q), SVC_INVALID);
	assert_string_equal(s.err.field, "sector");
}

/*
 * Indicators 5-9, 12 and 13 at the scope of a municipality, of the
 * country and of an administrative unit, against the data set by hand
 * (k5 in Prishtinë: opened 06-10 by transfer, no risk, no contact; its
 * child c3 has no birth date, community and disability unknown).
 */
static void
test_scopes_by_hand(void **state)
{
	struct ctx *c = *state;
	struct rt_table t;
	struct rt_table *d;
	size_t nd, i;
	struct svc s;
	static const struct {
		const char	*code;
		size_t		 col;
		int64_t		 muni, country, qendra, rest;
	} want[] = {
		/* 5: cases, contacted, median hours, in time, assessed,
		 * median days, in time */
		{ "time_to_contact", 1, 5, 6, 2, 4 },
		{ "time_to_contact", 2, 3, 3, 2, 1 },
		{ "time_to_contact", 3, 48, 48, 29, 80 },
		{ "time_to_contact", 4, 666, 666, 1000, 0 },
		{ "time_to_contact", 5, 1, 1, 1, 0 },
		{ "time_to_contact", 6, 12, 12, 12, -1 },
		/* 6: medium/high, with a meeting, share, median days */
		{ "conference", 1, 3, 3, 1, 2 },
		{ "conference", 2, 1, 1, 1, 0 },
		{ "conference", 3, 333, 333, 1000, 0 },
		{ "conference", 4, 5, 5, 5, -1 },
		/* 7: medium/high, active plan, share, median days */
		{ "plan", 1, 3, 3, 1, 2 },
		{ "plan", 2, 1, 1, 1, 0 },
		{ "plan", 4, 14, 14, 8, 20 },
		/* 8: supervision, alternative care, emergency, measures,
		 * placements, ended in 72 h, past 72 h */
		{ "measures", 1, 1, 1, 0, 1 },
		{ "measures", 2, 1, 1, 1, 0 },
		{ "measures", 4, 2, 2, 1, 1 },
		{ "measures", 5, 1, 1, 1, 0 },
		{ "measures", 6, 1, 1, 1, 0 },
		{ "measures", 7, 0, 0, 0, 0 },
		/* 9: sent, accepted, declined, waitlisted, rate, days,
		 * received (reports: no child, so no unit) */
		{ "referrals", 1, 2, 2, 1, 1 },
		{ "referrals", 2, 1, 1, 1, 0 },
		{ "referrals", 3, 1, 1, 0, 1 },
		{ "referrals", 5, 500, 500, 1000, 0 },
		{ "referrals", 6, 8, 8, 8, -1 },
		{ "referrals", 7, 4, 5, 0, 0 },
		/* 13: open, complete, share, no birth, sex, community,
		 * disability, concern, risk, overdue */
		{ "data_quality", 1, 2, 3, 1, 2 },
		{ "data_quality", 2, 2, 2, 1, 1 },
		{ "data_quality", 4, 0, 1, 0, 1 },
		{ "data_quality", 6, 0, 1, 0, 1 },
		{ "data_quality", 8, 0, 1, 0, 1 },
		{ "data_quality", 9, 0, 1, 0, 1 },
	};

	reports(c);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *code = want[i].code;
		size_t col = want[i].col;
		const char *from = strcmp(code, "data_quality") ? "2025-01-01" :
		    NULL, *to = strcmp(code, "data_quality") ? "2025-12-31" :
		    NULL;

		/* A municipality: its administrator (counters), the
		 * analyst asking for it, and its supervisor (live). */
		t = runf(c, c->admin, code, NULL, NULL, NULL, from, to, SVC_OK);
		if (rawc(&t, NULL, col) != want[i].muni)
			fail_msg("%s col %zu municipality: %lld", code, col,
			    (long long)rawc(&t, NULL, col));
		t = runf(c, c->analyst, code, NULL, "XK09", NULL, from, to,
		    SVC_OK);
		assert_int_equal(rawc(&t, NULL, col), want[i].muni);
		t = runf(c, c->sup, code, NULL, NULL, NULL, from, to, SVC_OK);
		assert_int_equal(rawc(&t, NULL, col), want[i].muni);
		/* The country: the total, and its row by country. */
		t = runf(c, c->analyst, code, NULL, NULL, NULL, from, to,
		    SVC_OK);
		if (rawc(&t, NULL, col) != want[i].country)
			fail_msg("%s col %zu country: %lld", code, col,
			    (long long)rawc(&t, NULL, col));
		t = runf(c, c->analyst, code, "country", NULL, NULL, from, to,
		    SVC_OK);
		assert_int_equal(rawc(&t, "XK", col), want[i].country);
		assert_int_equal(rawc(&t, NULL, col), want[i].country);
		/* An administrative unit: Qendra (c1) as a row and as a
		 * filter; the rest ('') over the country. Reports have no
		 * child, so no unit. */
		t = runf(c, c->admin, code, "admin_unit", NULL, NULL, from, to,
		    SVC_OK);
		if (rawc(&t, "Qendra", col) != want[i].qendra)
			fail_msg("%s col %zu Qendra: %lld", code, col,
			    (long long)rawc(&t, "Qendra", col));
		t = runf(c, c->admin, code, NULL, NULL, "Qendra", from, to,
		    SVC_OK);
		assert_int_equal(rawc(&t, NULL, col), want[i].qendra);
		if (strcmp(code, "referrals") == 0 && col == 7)
			continue;
		t = runf(c, c->analyst, code, "admin_unit", NULL, NULL, from,
		    to, SVC_OK);
		if (rawc(&t, "", col) != want[i].rest)
			fail_msg("%s col %zu other units: %lld", code, col,
			    (long long)rawc(&t, "", col));
	}
	/* 12: two caseworkers in the country, both with cases in 2025,
	 * one without in January. */
	t = runf(c, c->analyst, "idle_workers", NULL, NULL, NULL, Y25, SVC_OK);
	assert_int_equal(rawc(&t, NULL, 1), 2);
	assert_int_equal(rawc(&t, NULL, 2), 0);
	t = runf(c, c->analyst, "idle_workers", "country", NULL, NULL,
	    "2025-01-01", "2025-01-31", SVC_OK);
	assert_int_equal(rawc(&t, "XK", 2), 1);
	t = runf(c, c->analyst, "idle_workers", NULL, "XK13", NULL, Y25,
	    SVC_OK);
	assert_int_equal(rawc(&t, NULL, 1), 0);
	/* Received referrals by the referrer's sector; sent by the
	 * receiving sector. */
	t = run(c, c->sup, "referrals", "sector", Y25, SVC_OK);
	assert_int_equal(rawc(&t, "police", 1), 1);	/* sent, declined */
	assert_int_equal(rawc(&t, "police", 7), 2);	/* received */
	assert_int_equal(rawc(&t, "school", 7), 1);
	assert_int_equal(rawc(&t, "self", 7), 1);
	assert_int_equal(rawc(&t, "provider", 1), 1);
	assert_int_equal(rawc(&t, NULL, 7), 4);
	assert_string_equal(rt_at(&t, 0, 0)->text, i18n_get(LANG_SQ,
	    "agency.type.police"));
	t = runf(c, c->analyst, "referrals", "sector", NULL, NULL, Y25,
	    SVC_OK);
	assert_int_equal(rawc(&t, "health", 7), 1);
	assert_int_equal(rawc(&t, "police", 7), 2);
	assert_int_equal(rawc(&t, NULL, 7), 5);
	t = run(c, c->sup, "referrals", "provider", Y25, SVC_OK);
	assert_int_equal(rawc(&t, arena_printf(c->f->a, "%lld",
	    (long long)c->pol), 7), 2);
	assert_int_equal(rawc(&t, arena_printf(c->f->a, "%lld",
	    (long long)c->pol), 3), 1);
	/* The national dashboard shows 5-9, 12 and 13, not "see its page". */
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(indicator_dashboard(&s, "2025-01-01", "2025-12-31",
	    &d, &nd), SVC_OK);
	for (i = IND_TIME_TO_CONTACT; i <= IND_DATA_QUALITY; i++) {
		if (i == IND_CLOSURES || i == IND_SOURCES)
			continue;
		if (d[i - 1].nrows == 0)
			fail_msg("dashboard: indicator %zu empty", i);
	}
	assert_int_equal(rawc(&d[IND_TIME_TO_CONTACT - 1], NULL, 1), 6);
	assert_int_equal(rawc(&d[IND_CONFERENCE - 1], NULL, 2), 1);
	assert_int_equal(rawc(&d[IND_PLAN - 1], NULL, 4), 14);
	assert_int_equal(rawc(&d[IND_MEASURES - 1], NULL, 4), 2);
	assert_int_equal(rawc(&d[IND_REFERRALS - 1], NULL, 7), 5);
	assert_int_equal(rawc(&d[IND_IDLE_WORKERS - 1], NULL, 1), 2);
	assert_int_equal(rawc(&d[IND_DATA_QUALITY - 1], NULL, 1), 3);
}

/* The counters and the live count agree, whatever the period: whole
 * months, parts of months on either side (the month that holds the start
 * read whole and the days before taken out, or those days counted live),
 * no whole month at all (the month read whole and the days outside taken
 * out, or the period counted live), by nothing, by month and by each
 * dimension of the child and the case. */
static void
test_counters_equal_live(void **state)
{
	struct ctx *c = *state;
	static const char *const codes[] = { "new_cases", "time_to_contact",
	    "conference", "plan", "measures", "referrals", "closures",
	    "sources", NULL };
	static const char *const periods[][2] = {
		{ "2025-01-01", "2025-12-31" }, { "2025-02-12", "2025-07-05" },
		{ "2025-03-01", "2025-03-31" }, { "2025-06-03", "2025-06-20" },
		{ "2024-12-15", "2025-02-14" }, { "2025-02-10", "2025-02-10" },
		{ "2025-02-03", "2025-05-20" }, { "2025-05-03", "2025-05-31" },
		{ "2025-06-10", "2025-06-25" }, { "2025-02-20", "2025-04-10" },
		{ "2025-06-02", "2025-06-29" },
	};
	static const char *const bys[] = { NULL, "month", "sex", "age_band",
	    "concern", "risk", "sector", "admin_unit" };
	/* Cases whose first contact and assessment were late, opened in
	 * the days outside a period of a month read whole and in the days
	 * counted live. */
	static const char *const late[] = { "2025-02-05", "2025-07-02",
	    "2025-05-30", "2025-06-11" };
	size_t i, j, k, r, col;
	struct arena *keep;
	int64_t id;

	reports(c);
	for (i = 0; i < sizeof(late) / sizeof(late[0]); i++) {
		id = mkcase(c, child(c, i % 2 ? "m" : "f", "2013-08-09",
		    "roma", "none", "U1"), "XK09", c->hani, c->cw1->id,
		    "assessment", "high", "school", arena_printf(c->f->a,
		    "CAST(strftime('%%s', '%s 10:00') AS INTEGER)", late[i]),
		    NULL, NULL, 0);
		sql(c, arena_printf(c->f->a, "INSERT INTO deadline (case_id,"
		    " step, start_at, due_at, done_at, rule_version) SELECT id,"
		    " 'first_contact', opened_at, opened_at + 3600, opened_at +"
		    " 50 * 3600, 1 FROM case_file WHERE id = %lld; INSERT INTO"
		    " deadline (case_id, step, start_at, due_at, done_at,"
		    " rule_version) SELECT id, 'assessment', opened_at,"
		    " opened_at + 86400, opened_at + 9 * 86400, 1 FROM case_file"
		    " WHERE id = %lld", (long long)id, (long long)id));
		/* Two concerns, and a report of the case received as it
		 * opened: each counted once in the totals by concern. */
		concern(c, id, "NEG", 1);
		concern(c, id, "VIO_PHY", 0);
		sql(c, arena_printf(c->f->a, "INSERT INTO report"
		    " (municipality_id, agency_id, received_at, channel,"
		    " referrer_type, case_id, child_id, created_at) SELECT"
		    " municipality_id, agency_id, opened_at, 'phone', 'health',"
		    " id, child_id, 1 FROM case_file WHERE id = %lld",
		    (long long)id));
		/* A referral two hours after the opening: in the days
		 * outside whole months or inside them; accepted with the
		 * service 3 days later, or declined. */
		sql(c, arena_printf(c->f->a, "INSERT INTO referral (case_id,"
		    " from_agency_id, to_agency_id, service, reason, urgency,"
		    " due_date, due_at, consent_id, status, service_start,"
		    " worker_id, created_at) SELECT id, agency_id, %lld,"
		    " 'shelter', 'r', 'routine', '2025-12-31', 1, 1, '%s', %s,"
		    " worker_id, opened_at + 7200 FROM case_file WHERE id = %lld",
		    (long long)(i % 2 ? c->prov : c->pol),
		    i % 2 ? "accepted" : "declined", i % 2 ?
		    "date(opened_at + 3 * 86400, 'unixepoch')" : "''",
		    (long long)id));
		/* A measure decided that day and a placement started two
		 * hours after the opening, ended in time or still
		 * running. */
		sql(c, arena_printf(c->f->a, "INSERT INTO protection_measure"
		    " (case_id, type, decided_by, decision_date, status,"
		    " author_id, created_at, updated_at) SELECT id, '%s',"
		    " 'unit', date(opened_at, 'unixepoch'), 'confirmed', %lld,"
		    " 1, 1 FROM case_file WHERE id = %lld", i % 2 ?
		    "alternative_care" : "emergency_protection",
		    (long long)c->sup->id, (long long)id));
		sql(c, arena_printf(c->f->a, "INSERT INTO emergency_placement"
		    " (case_id, place_kind, place_name, started_at, ends_at,"
		    " ended_at, end_how, author_id, created_at) SELECT id,"
		    " 'shelter', 'S', opened_at + 7200, opened_at + 266400, %s,"
		    " '%s', %lld, 1 FROM case_file WHERE id = %lld", i % 2 ?
		    "opened_at + 86400" : "NULL", i % 2 ? "returned_family" :
		    "", (long long)c->sup->id, (long long)id));
	}
	keep = c->f->a;
	for (i = 0; codes[i] != NULL; i++)
		for (j = 0; j < sizeof(periods) / sizeof(periods[0]); j++)
			for (k = 0; k < sizeof(bys) / sizeof(bys[0]); k++) {
				if (c->f->a != keep)
					arena_free(c->f->a);
				assert_non_null(c->f->a =
				    arena_new(4 * 1024 * 1024));
				if (bys[k] != NULL &&
				    strcmp(bys[k], "sector") == 0 &&
				    strcmp(codes[i], "sources") == 0)
					continue;
				struct rt_table a = runf(c, c->admin, codes[i],
				    bys[k], NULL, NULL, periods[j][0],
				    periods[j][1], SVC_OK);
				struct rt_table b = runf(c, c->sup, codes[i],
				    bys[k], NULL, NULL, periods[j][0],
				    periods[j][1], SVC_OK);

				if (a.nrows != b.nrows)
					fail_msg("%s %s..%s: %zu rows, live %zu",
					    codes[i], periods[j][0],
					    periods[j][1], a.nrows, b.nrows);
				for (r = 0; r < a.nrows; r++)
					for (col = 1; col < a.ncols; col++) {
						const struct rt_cell *x =
						    rt_at(&a, r, col);
						const struct rt_cell *y =
						    rt_at(&b, r, col);

						if (x->v == y->v &&
						    x->missing == y->missing &&
						    strcmp(x->text ? x->text :
						    "", y->text ? y->text : "")
						    == 0)
							continue;
						fail_msg("%s %s..%s row %zu col"
						    " %zu: %lld, live %lld",
						    codes[i], periods[j][0],
						    periods[j][1], r, col,
						    (long long)x->v,
						    (long long)y->v);
					}
			}
	if (c->f->a != keep)
		arena_free(c->f->a);
	c->f->a = keep;
}

/* The month that holds the end of a period is read from its counter only
 * when nothing of the municipality is dated in it after the period: a
 * case opened, a case closed, a referral sent, a report received or a
 * placement started after `to` in that month is not counted, whichever
 * way the figures are read (the municipality's counters, the unit's live
 * count). */
static void
test_tail_month(void **state)
{
	struct ctx *c = *state;
	static const char *const codes[] = { "new_cases", "time_to_contact",
	    "conference", "plan", "measures", "referrals", "closures",
	    "sources", NULL };
	static const char *const later[] = {
		/* opened after `to`, in the same month */
		"UPDATE case_file SET opened_at = " TF("2025-06-25")
		" WHERE id = %lld",
		/* closed after it */
		"UPDATE case_file SET opened_at = " TF("2025-06-02") ","
		" status = 'closed', close_reason = 'moved', closed_at = "
		TF("2025-06-26") " WHERE id = %lld",
		/* a referral sent after it */
		"INSERT INTO referral (case_id, from_agency_id, to_agency_id,"
		" service, reason, urgency, due_date, due_at, consent_id,"
		" status, service_start, worker_id, created_at) SELECT id,"
		" agency_id, agency_id, 'shelter', 'r', 'routine',"
		" '2025-06-30', 1, 1, 'sent', '', worker_id, " TF("2025-06-27")
		" FROM case_file WHERE id = %lld",
		/* a placement started after it */
		"INSERT INTO emergency_placement (case_id, place_kind,"
		" place_name, started_at, ends_at, author_id, created_at)"
		" SELECT id, 'shelter', 'S', " TF("2025-06-28") ", "
		TF("2025-07-01") ", worker_id, 1 FROM case_file WHERE id = %lld",
	};
	size_t i, j, r, col;
	int64_t k;

	reports(c);
	k = mkcase(c, child(c, "f", "2015-01-01", "roma", "none", "U1"),
	    "XK09", c->hani, c->cw1->id, "assessment", "high", "police",
	    T("2025-06-10"), NULL, NULL, 0);
	for (j = 0; j <= sizeof(later) / sizeof(later[0]); j++) {
		if (j > 0)
			sql(c, arena_printf(c->f->a, later[j - 1],
			    (long long)k));
		for (i = 0; codes[i] != NULL; i++) {
			struct rt_table a = runf(c, c->admin, codes[i], NULL,
			    NULL, NULL, "2025-06-01", "2025-06-20", SVC_OK);
			struct rt_table b = runf(c, c->sup, codes[i], NULL,
			    NULL, NULL, "2025-06-01", "2025-06-20", SVC_OK);

			assert_int_equal(a.nrows, b.nrows);
			for (r = 0; r < a.nrows; r++)
				for (col = 1; col < a.ncols; col++)
					if (rt_at(&a, r, col)->v !=
					    rt_at(&b, r, col)->v)
						fail_msg("%s, later %zu: row %zu"
						    " col %zu: %lld, live %lld",
						    codes[i], j, r, col,
						    (long long)rt_at(&a, r,
						    col)->v, (long long)rt_at(&b,
						    r, col)->v);
		}
	}
	/* The case opened on 25 June (after the period) was not counted;
	 * moved back to 2 June, it is. */
	sql(c, arena_printf(c->f->a, "UPDATE case_file SET opened_at = "
	    TF("2025-06-25") " WHERE id = %lld", (long long)k));
	{
		struct rt_table a = runf(c, c->admin, "new_cases", NULL, NULL,
		    NULL, "2025-06-01", "2025-06-20", SVC_OK);
		struct rt_table b = runf(c, c->admin, "new_cases", NULL, NULL,
		    NULL, "2025-06-01", "2025-06-30", SVC_OK);

		assert_int_equal(rawc(&b, NULL, 1), rawc(&a, NULL, 1) + 1);
	}
}

/* A period ending on a month's last local day ends an hour or two before
 * the UTC month does (Europe/Belgrade: UTC+1, +2 in summer). With rows in
 * those hours the month is read from its counter and the hours after the
 * period are taken out again, counted live with the sign -1
 * (tail_month()): the same figures as the unit's live count, totals,
 * medians and every dimension, and a case opened in those hours is not
 * counted while one opened before them is. */
static void
test_tail_taken_out(void **state)
{
	struct ctx *c = *state;
	static const char *const codes[] = { "new_cases", "time_to_contact",
	    "conference", "plan", "measures", "referrals", "closures",
	    "sources", NULL };
	static const char *const bys[] = { NULL, "sex", "age_band",
	    "concern", "risk", "sector", "admin_unit" };
	size_t i, j, r, col;
	int64_t k, n0, n1;

	reports(c);
	{
		struct rt_table t = runf(c, c->admin, "new_cases", NULL, NULL,
		    NULL, "2025-06-01", "2025-06-30", SVC_OK);

		n0 = rawc(&t, NULL, 1);
	}
	/* 30 June 2025 22:30 UTC: 1 July, 00:30 local, after the period. */
	k = mkcase(c, child(c, "m", "2012-03-01", "ashkali", "none", "U1"),
	    "XK09", c->hani, c->cw1->id, "assessment", "medium", "school",
	    "1751322600", NULL, NULL, 0);
	concern(c, k, "VIO_PHY", 1);
	sql(c, arena_printf(c->f->a, "INSERT INTO deadline (case_id, step,"
	    " start_at, due_at, done_at, rule_version) VALUES (%lld,"
	    " 'first_contact', 1751322600, 1751400000, 1751330000, 1)",
	    (long long)k));
	/* Closed on 30 June 23:10 UTC, after the period too. */
	(void)mkcase(c, child(c, "f", "2016-05-05", "albanian", "none", "U2"),
	    "XK09", c->hani, c->cw1->id, "closed", "low", "police",
	    T("2025-03-02"), "1751325000", "moved", 0);
	{
		struct rt_table t = runf(c, c->admin, "new_cases", NULL, NULL,
		    NULL, "2025-06-01", "2025-06-30", SVC_OK);

		n1 = rawc(&t, NULL, 1);
		assert_int_equal(n1, n0);
	}
	/* 30 June 21:00 UTC: 23:00 local, inside. */
	(void)mkcase(c, child(c, "f", "2014-01-01", "roma", "none", "U1"),
	    "XK09", c->hani, c->cw1->id, "assessment", "high", "police",
	    "1751317200", NULL, NULL, 0);
	{
		struct rt_table t = runf(c, c->admin, "new_cases", NULL, NULL,
		    NULL, "2025-06-01", "2025-06-30", SVC_OK);

		assert_int_equal(rawc(&t, NULL, 1), n0 + 1);
	}
	for (i = 0; codes[i] != NULL; i++)
		for (j = 0; j < sizeof(bys) / sizeof(bys[0]); j++) {
			/* (Sources are not shown by sector: their columns.) */
			if (bys[j] != NULL && strcmp(bys[j], "sector") == 0 &&
			    strcmp(codes[i], "sources") == 0)
				continue;
			struct rt_table a = runf(c, c->admin, codes[i], bys[j],
			    NULL, NULL, "2025-04-01", "2025-06-30", SVC_OK);
			struct rt_table b = runf(c, c->sup, codes[i], bys[j],
			    NULL, NULL, "2025-04-01", "2025-06-30", SVC_OK);

			if (a.nrows != b.nrows)
				fail_msg("%s by %s: %zu rows, live %zu",
				    codes[i], bys[j] ? bys[j] : "-", a.nrows,
				    b.nrows);
			for (r = 0; r < a.nrows; r++)
				for (col = 1; col < a.ncols; col++)
					if (rt_at(&a, r, col)->v !=
					    rt_at(&b, r, col)->v ||
					    rt_at(&a, r, col)->missing !=
					    rt_at(&b, r, col)->missing)
						fail_msg("%s by %s: row %zu col"
						    " %zu: %lld, live %lld",
						    codes[i], bys[j] ? bys[j] :
						    "-", r, col, (long long)rt_at(
						    &a, r, col)->v, (long long)
						    rt_at(&b, r, col)->v);
		}
}

/* New cases and their sources by each dimension of the child and the
 * case: from ind_new_dim (0031) for the municipality, counted live for
 * the unit, the same figures, whatever the period, before and after
 * writes to what the rows are keyed by (the child's sex, unit, birth
 * date; the case's concerns, risk, source, reopening; a transfer). */
static void
test_dims_counted(void **state)
{
	struct ctx *c = *state;
	/* Every indicator shown by a dimension of the child or the case:
	 * 1, 11 (0031), 2, 5, 6, 7, 10, 13 (0032) from the counters for
	 * the municipality; 8, 9 counted live both ways. */
	static const char *const codes[] = { "new_cases", "sources",
	    "open_by_risk", "time_to_contact", "conference", "plan",
	    "measures", "referrals", "closures", "data_quality", NULL };
	static const char *const dims[] = { "admin_unit", "sex", "age_band",
	    "community", "disability", "concern", "risk", "sector",
	    "country", NULL };
	/* The last: up to today (open cases now from the counters). */
	static const char *const periods[][2] = {
		{ "2025-01-01", "2025-12-31" }, { "2024-12-15", "2025-02-14" },
		{ "2025-01-01", NULL },
	};
	static const char *const writes[] = {
		"UPDATE child SET sex = 'm', admin_unit = 'U9', birth_date ="
		" '2010-06-30' WHERE id = (SELECT child_id FROM case_file"
		" WHERE id = %lld)",
		"INSERT OR IGNORE INTO case_concern (case_id, code, is_primary)"
		" VALUES (%lld, 'VIO_PHY', 0)",
		"UPDATE case_file SET risk = NULL, source = 'health' WHERE id ="
		" %lld",
		"UPDATE case_file SET reopened_from = (SELECT min(id) FROM"
		" case_file) WHERE id = %lld",
		/* a transfer from Prishtinë into the case */
		"INSERT INTO case_transfer (case_id, from_agency_id,"
		" to_municipality_id, to_agency_id, reason, status,"
		" requested_by, requested_at, new_case_id) SELECT p.id,"
		" p.agency_id, c.municipality_id, c.agency_id, 'r', 'accepted',"
		" (SELECT min(id) FROM user), 1, c.id FROM case_file p,"
		" case_file c WHERE c.id = %lld AND p.id = (SELECT min(id)"
		" FROM case_file WHERE municipality_id = (SELECT id FROM"
		" municipality WHERE code = 'XK13'))",
		"DELETE FROM case_concern WHERE case_id = %lld",
		/* 0032: the reason of a closure, a closure, a reopening of
		 * the child's record, its deadlines, plans, meetings */
		"UPDATE case_file SET status = 'closed', closed_at = opened_at"
		" + 86400 * 40, close_reason = 'moved' WHERE id = %lld",
		"UPDATE case_file SET close_reason = 'goals_met' WHERE id = %lld",
		"UPDATE child SET birth_date = NULL, community = 'unknown',"
		" disability = 'unknown', sex = 'u' WHERE id = (SELECT child_id"
		" FROM case_file WHERE id = %lld)",
		"UPDATE case_file SET status = 'registered', closed_at = NULL,"
		" close_reason = NULL, risk = 'high' WHERE id = %lld",
		"INSERT INTO deadline (case_id, step, start_at, due_at, done_at,"
		" rule_version) SELECT id, 'review', opened_at, opened_at + 86400"
		" * 3 - (opened_at + 86400 * 3) % 3600, NULL, 1 FROM case_file"
		" WHERE id = %lld ON CONFLICT DO UPDATE SET due_at ="
		" excluded.due_at, done_at = NULL",
		"INSERT OR IGNORE INTO plan (case_id, number, status, created_by,"
		" created_at, updated_at, decided_at) SELECT id, 77, 'active',"
		" worker_id, 1, 1, opened_at + 86400 * 9 FROM case_file"
		" WHERE id = %lld",
		/* a report of the child, not of a case; moved in time */
		"UPDATE report SET child_id = (SELECT child_id FROM case_file"
		" WHERE id = %lld), received_at = received_at - 86400 * 31"
		" WHERE id = (SELECT max(id) FROM report WHERE municipality_id ="
		" (SELECT id FROM municipality WHERE code = 'XK09'))",
		"UPDATE child SET sex = 'f', birth_date = '2009-01-31' WHERE id ="
		" (SELECT child_id FROM case_file WHERE id = %lld)",
	};
	size_t i, j, k, w, r, col;
	/* A case of Hani (k[0] is not one: the writes would touch
	 * nothing). */
	int64_t kid = c->k[1];
	struct arena *keep;

	/* The unit's live count is the municipality's: every case of Hani
	 * in the unit (open cases now count whatever their dates). */
	sql(c, arena_printf(c->f->a, "UPDATE case_file SET agency_id = %lld"
	    " WHERE municipality_id = (SELECT id FROM municipality WHERE code"
	    " = 'XK09')", (long long)c->hani));
	/* Reports received (referrals): one of the case, one of nothing. */
	reports(c);
	sql(c, arena_printf(c->f->a, "UPDATE report SET agency_id = %lld"
	    " WHERE municipality_id = (SELECT id FROM municipality WHERE code"
	    " = 'XK09')", (long long)c->hani));
	sql(c, arena_printf(c->f->a, "UPDATE report SET case_id = %lld WHERE"
	    " id = (SELECT min(id) FROM report)", (long long)kid));
	keep = c->f->a;
	for (w = 0; w <= sizeof(writes) / sizeof(writes[0]); w++) {
		/* The tables of each write in an arena of their own. */
		if (c->f->a != keep)
			arena_free(c->f->a);
		assert_non_null(c->f->a = arena_new(64 * 1024 * 1024));
		if (w > 0)
			sql(c, arena_printf(c->f->a, writes[w - 1],
			    (long long)kid));
		for (i = 0; codes[i] != NULL; i++)
			for (k = 0; dims[k] != NULL; k++)
				for (j = 0; j < sizeof(periods) /
				    sizeof(periods[0]); j++) {
					struct rt_table a, b;

					if (!(indicator_by_name(codes[i])->dims &
					    (1u << ind_dim_by_name(dims[k]))))
						continue;
					a = runf(c, c->admin, codes[i], dims[k],
					    NULL, NULL, periods[j][0],
					    periods[j][1], SVC_OK);
					b = runf(c, c->sup, codes[i], dims[k],
					    NULL, NULL, periods[j][0],
					    periods[j][1], SVC_OK);
					if (a.nrows != b.nrows)
						fail_msg("%s by %s %s, write %zu:"
						    " %zu rows, live %zu",
						    codes[i], dims[k],
						    periods[j][0], w, a.nrows,
						    b.nrows);
					for (r = 0; r < a.nrows; r++) {
						if (r + 1 < a.nrows &&
						    strcmp(a.rowkeys[r],
						    b.rowkeys[r]) != 0)
							fail_msg("%s by %s: row"
							    " %zu %s, live %s",
							    codes[i], dims[k],
							    r, a.rowkeys[r],
							    b.rowkeys[r]);
						for (col = 1; col < a.ncols;
						    col++)
							if (rt_at(&a, r, col)->v
							    != rt_at(&b, r,
							    col)->v)
								fail_msg("%s by"
								    " %s %s,"
								    " write %zu:"
								    " row %zu"
								    " (%s) col"
								    " %zu: %lld,"
								    " live %lld",
								    codes[i],
								    dims[k],
								    periods[j][0],
								    w, r,
								    a.rowkeys[r],
								    col,
								    (long long)
								    rt_at(&a, r,
								    col)->v,
								    (long long)
								    rt_at(&b, r,
								    col)->v);
					}
				}
		check_counters(c);
	}
	arena_free(c->f->a);
	c->f->a = keep;
	/* By sex, in numbers: every case of the year under its sex. */
	{
		struct rt_table a = runf(c, c->admin, "new_cases", "sex", NULL,
		    NULL, "2025-01-01", "2025-12-31", SVC_OK);

		assert_true(a.nrows >= 2);
		assert_int_equal(rawc(&a, NULL, 1), count(c, "SELECT count(*)"
		    " FROM case_file c WHERE c.municipality_id = (SELECT id FROM"
		    " municipality WHERE code = 'XK09') AND c.opened_at >= "
		    T("2024-12-31") " - 36000 + 82800 AND c.opened_at < "
		    T("2026-01-01") " - 36000 - 3600"));
	}
}

/* Caseload's open cases at the end of the period: from the open cases
 * per worker (0031) when none of a worker's cases opened or closed after
 * it, else counted: always the cases open at that instant, counted by
 * hand here, through reassignments, closures and a transfer. */
static void
test_caseload_open(void **state)
{
	struct ctx *c = *state;
	static const char *const writes[] = {
		"UPDATE case_file SET worker_id = %lld WHERE id = (SELECT"
		" min(id) FROM case_file WHERE worker_id IS NOT NULL AND"
		" closed_at IS NULL)",
		"UPDATE case_file SET status = 'closed', closed_at = "
		TF("2025-05-05") " WHERE id = (SELECT max(id) FROM case_file"
		" WHERE closed_at IS NULL AND worker_id = %lld)",
		"UPDATE case_file SET status = 'transferred' WHERE id ="
		" (SELECT max(id) FROM case_file WHERE closed_at IS NULL AND"
		" status <> 'transferred' AND worker_id = %lld)",
		/* one opened after the first period's end */
		"UPDATE case_file SET opened_at = " TF("2025-09-09")
		" WHERE id = (SELECT min(id) FROM case_file WHERE worker_id"
		" = %lld)",
		"DELETE FROM case_file WHERE id = (SELECT max(id) FROM"
		" case_file WHERE worker_id = %lld AND id NOT IN (SELECT"
		" case_id FROM case_event) AND id NOT IN (SELECT case_id FROM"
		" deadline) AND id NOT IN (SELECT case_id FROM case_concern))",
	};
	static const char *const ends[][2] = { { "2025-06-30",
	    "2025-07-01" }, { NULL, NULL } };
	size_t i, j;

	for (i = 0; i <= sizeof(writes) / sizeof(writes[0]); i++) {
		if (i > 0)
			sql(c, arena_printf(c->f->a, writes[i - 1],
			    (long long)(i % 2 ? c->cw2->id : c->cw1->id)));
		for (j = 0; j < sizeof(ends) / sizeof(ends[0]); j++) {
			struct rt_table t = runf(c, c->admin, "caseload", NULL,
			    NULL, NULL, "2025-01-01", ends[j][0], SVC_OK);
			const char *at = ends[j][1] ? arena_printf(c->f->a,
			    "CAST(strftime('%%s', '%s') AS INTEGER) - 7200",
			    ends[j][1]) : "strftime('%s', 'now', '+1 day')";
			int64_t want = count(c, arena_printf(c->f->a,
			    "SELECT count(*) FROM case_file c JOIN user u ON"
			    " u.id = c.worker_id JOIN agency g ON g.id ="
			    " u.agency_id WHERE g.municipality_id = (SELECT id"
			    " FROM municipality WHERE code = 'XK09') AND"
			    " u.role = 'caseworker' AND u.active = 1 AND"
			    " c.opened_at < %s AND (c.closed_at IS NULL OR"
			    " c.closed_at >= %s) AND c.status <> 'transferred'",
			    at, at));

			if (rawc(&t, NULL, 3) != want)
				fail_msg("write %zu, end %s: open %lld, by hand"
				    " %lld", i, ends[j][0] ? ends[j][0] : "now",
				    (long long)rawc(&t, NULL, 3),
				    (long long)want);
		}
	}
	check_counters(c);
}

/* Many random writes, through the services and around them: the
 * counters stay equal to a recount after each batch. */
static void
test_counters_random(void **state)
{
	struct ctx *c = *state;
	static const char *const k[] = { "NEG", "VIO_PHY" };
	static const char *const rk[] = { "low", "medium", "high" };
	struct svc s;
	struct closure_new n;
	int64_t id, nid, tid, child, kid;
	char b[32];
	unsigned seed = 12;
	int i, op;

	check_counters(c);
	reports(c);
	clock_format(clock_now(), 0, b, sizeof(b));
	for (i = 0; i < 240; i++) {
		op = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 19;
		child = count(c, "SELECT id FROM child ORDER BY random()"
		    " LIMIT 1");
		kid = count(c, "SELECT id FROM case_file WHERE municipality_id"
		    " = (SELECT id FROM municipality WHERE code = 'XK09')"
		    " ORDER BY random() LIMIT 1");
		s = fx_svc(c->f, c->cw1);
		switch (op) {
		case 0:
		case 1:
			id = fx_case(c->f, c->cw1, child, "XK09", c->hani,
			    c->cw1->id, 0, k, 1 + (size_t)(i % 2));
			(void)id;
			break;
		case 2:
			(void)case_risk_set(&s, kid, rk[i % 3], "r",
			    version(c, kid), NULL);
			sql(c, arena_printf(c->f->a, "UPDATE case_file SET"
			    " worker_id = %s WHERE id = %lld", i % 3 == 0 ?
			    "NULL" : arena_printf(c->f->a, "%lld", (long long)
			    (i % 2 ? c->cw2->id : c->cw1->id)),
			    (long long)kid));
			break;
		case 3:
			memset(&n, 0, sizeof(n));
			n.reason = i % 2 ? "goals_met" : "moved";
			n.summary = "Done.";
			n.date = b;
			n.version = version(c, kid);
			if (closure_request(&s, kid, &n) == SVC_OK) {
				s = fx_svc(c->f, c->sup);
				(void)closure_approve(&s, kid,
				    version(c, kid));
			}
			break;
		case 4:
			(void)closure_reopen(&s, kid, "Again", version(c, kid),
			    &nid);
			break;
		case 5:
			if (closure_transfer_request(&s, kid, fx_muni(c->f,
			    "XK13"), "Moved", version(c, kid), &tid) ==
			    SVC_OK) {
				s = fx_svc(c->f, c->psup);
				(void)closure_transfer_accept(&s, tid, &nid);
			}
			break;
		case 6:
			sql(c, arena_printf(c->f->a, "INSERT INTO deadline"
			    " (case_id, step, start_at, due_at, done_at,"
			    " rule_version) VALUES (%lld, '%s', %d, %d, %s, 1)"
			    " ON CONFLICT DO UPDATE SET due_at ="
			    " excluded.due_at, done_at = excluded.done_at",
			    (long long)kid, i % 3 == 0 ?
			    "first_contact" : i % 3 == 1 ? "assessment" :
			    "review", 1740000000 + i * 3600, 1740086400 +
			    i * 7200, i % 2 ? "NULL" :
			    arena_printf(c->f->a, "%d", 1740050000 + i * 5000)));
			break;
		case 7:
			sql(c, arena_printf(c->f->a, "UPDATE deadline SET done_at"
			    " = %s WHERE case_id = %lld", i % 2 ? "NULL" :
			    "start_at + 7200", (long long)kid));
			break;
		case 8:
			sql(c, arena_printf(c->f->a, "INSERT OR IGNORE INTO"
			    " conference_case (conference_id, case_id, added_at)"
			    " VALUES ((SELECT max(id) FROM conference), %lld, 1)",
			    (long long)kid));
			sql(c, arena_printf(c->f->a, "UPDATE conference SET"
			    " status = '%s', held_at = %s", i % 2 ? "held" :
			    "planned", i % 2 ? arena_printf(c->f->a, "%d",
			    1740000000 + i * 86400) : "NULL"));
			break;
		case 9:
			sql(c, arena_printf(c->f->a, "INSERT OR IGNORE INTO plan (case_id,"
			    " number, status, created_by, created_at,"
			    " updated_at, decided_at) VALUES (%lld, %d, '%s',"
			    " %lld, 1, 1, %d)", (long long)kid, 100 + i,
			    i % 2 ? "active" : "draft", (long long)c->cw1->id,
			    1740000000 + i * 86400));
			sql(c, "UPDATE plan SET status = 'superseded' WHERE id ="
			    " (SELECT min(id) FROM plan WHERE status = 'active')");
			break;
		case 10:
			sql(c, arena_printf(c->f->a, "INSERT INTO"
			    " protection_measure (case_id, type, decided_by,"
			    " decision_date, status, author_id, created_at,"
			    " updated_at) VALUES (%lld, 'family_supervision',"
			    " 'unit', '2025-%02d-%02d', 'proposed', %lld, 1, 1)",
			    (long long)kid, 1 + i % 12, 1 + i % 28,
			    (long long)c->sup->id));
			if (i % 3 == 0)
				sql(c, "UPDATE protection_measure SET"
				    " decision_date = '2024-12-31', type ="
				    " 'alternative_care' WHERE id = (SELECT min(id)"
				    " FROM protection_measure)");
			break;
		case 11:
			sql(c, arena_printf(c->f->a, "INSERT INTO"
			    " emergency_placement (case_id, place_kind,"
			    " place_name, started_at, ends_at, author_id,"
			    " created_at) VALUES (%lld, 'shelter', 'S', %d,"
			    " %d + 259200, %lld, 1)", (long long)kid,
			    1740000000 + i * 86400, 1740000000 + i * 86400,
			    (long long)c->sup->id));
			sql(c, arena_printf(c->f->a, "UPDATE emergency_placement"
			    " SET ended_at = started_at + %d, end_how ="
			    " 'returned_family' WHERE id = (SELECT min(id) FROM"
			    " emergency_placement WHERE ended_at IS NULL)",
			    i % 2 ? 3600 : 400000));
			break;
		case 12:
			sql(c, arena_printf(c->f->a, "INSERT INTO referral"
			    " (case_id, from_agency_id, to_agency_id, service,"
			    " reason, urgency, due_date, due_at, consent_id,"
			    " status, service_start, worker_id, created_at)"
			    " VALUES (%lld, %lld, %lld, 'shelter', 'r',"
			    " 'routine', '2025-03-01', 1, 1, '%s', '%s', %lld,"
			    " %d)", (long long)kid, (long long)c->hani,
			    (long long)(i % 2 ? c->prov : c->pol),
			    i % 2 ? "accepted" : "sent", i % 2 ? "2025-03-09" :
			    "", (long long)c->cw1->id, 1740000000 + i * 86400));
			sql(c, "UPDATE referral SET status = 'declined' WHERE id ="
			    " (SELECT min(id) FROM referral WHERE status ="
			    " 'sent')");
			/* The start of a service moved, nothing else. */
			sql(c, "UPDATE referral SET service_start = '2025-03-12'"
			    " WHERE id = (SELECT max(id) FROM referral"
			    " WHERE service_start <> '')");
			break;
		case 13:
			sql(c, arena_printf(c->f->a, "UPDATE child SET sex = '%s',"
			    " birth_date = %s, community = '%s' WHERE id = %lld",
			    i % 2 ? "u" : "f", i % 3 ? "NULL" : "'2012-02-02'",
			    i % 2 ? "unknown" : "roma", (long long)child));
			break;
		case 14:
			sql(c, arena_printf(c->f->a, "DELETE FROM case_concern"
			    " WHERE case_id = %lld AND code = 'NEG'",
			    (long long)kid));
			sql(c, arena_printf(c->f->a, "INSERT OR IGNORE INTO"
			    " case_concern (case_id, code, is_primary) VALUES"
			    " (%lld, 'VIO_PHY', %d)", (long long)kid, i % 2));
			break;
		case 15:	/* the keys of 0031 and 0032 */
			sql(c, arena_printf(c->f->a, "UPDATE child SET"
			    " admin_unit = '%s', disability = '%s' WHERE id ="
			    " %lld", i % 2 ? "U1" : "U7", i % 3 ? "yes" :
			    "unknown", (long long)child));
			sql(c, arena_printf(c->f->a, "UPDATE report SET"
			    " case_id = %s, child_id = %s WHERE id = (SELECT id"
			    " FROM report ORDER BY random() LIMIT 1)", i % 2 ?
			    arena_printf(c->f->a, "%lld", (long long)kid) :
			    "NULL", i % 3 ? arena_printf(c->f->a, "%lld",
			    (long long)child) : "NULL"));
			break;
		case 16:
			sql(c, arena_printf(c->f->a, "UPDATE case_file SET"
			    " source = '%s', close_reason = CASE WHEN closed_at"
			    " IS NOT NULL THEN '%s' END WHERE id = %lld",
			    i % 2 ? "school" : "police", i % 2 ? "moved" :
			    "goals_met", (long long)kid));
			break;
		case 17:
			sql(c, arena_printf(c->f->a, "UPDATE case_file SET"
			    " status = 'closed', closed_at = opened_at + %d,"
			    " close_reason = 'moved' WHERE id = %lld",
			    86400 * (1 + i % 50), (long long)kid));
			break;
		default:
			sql(c, arena_printf(c->f->a, "UPDATE report SET"
			    " referrer_type = '%s', received_at = received_at"
			    " + 86400 * 20 WHERE id = (SELECT id FROM report"
			    " ORDER BY random() LIMIT 1)", i % 2 ? "health" :
			    "police"));
			if (i % 5 == 0)
				sql(c, "DELETE FROM report WHERE id = (SELECT"
				    " max(id) FROM report WHERE case_id IS NULL)");
			break;
		}
		if (i % 20 == 19)
			check_counters(c);
	}
	check_counters(c);
	assert_true(count(c, "SELECT count(*) FROM ind_apply") == 0);
	assert_true(count(c, "SELECT sum(n) FROM ind_hist") > 0);
}

/* Open cases by risk at the end of a period already past, for the whole
 * municipality: the counters of open cases now (0017, 0032) corrected
 * over the cases opened, closed or transferred since (Q_IND_OPEN_DELTA),
 * the same rows and figures as the live count of the unit (every case of
 * Hani in it), by every dimension, for period ends before, between and
 * after the writes: a risk changed, a closure, a reopening, a transfer
 * asked, accepted and declined, a case opened in the future, and a
 * status and a closing date that disagree. */
static void
test_open_past(void **state)
{
	struct ctx *c = *state;
	static const char *const dims[] = { "none", "municipality",
	    "country", "admin_unit", "sex", "age_band", "community",
	    "disability", "concern", "risk", "sector", NULL };
	static const char *const periods[][2] = {
		{ "2024-01-01", "2024-12-31" }, { "2025-01-01", "2025-01-31" },
		{ "2025-01-01", "2025-03-31" }, { "2025-04-01", "2025-06-30" },
		{ "2025-06-01", "2025-06-10" }, { "2025-07-01", "2025-09-30" },
		{ "2025-01-01", "2025-12-31" }, { "2026-01-01", "2026-06-30" },
	};
	/* Each on the case of its index into c->k. */
	static const struct { int k; const char *q; } writes[] = {
		{ 1, "UPDATE case_file SET risk = 'low' WHERE id = %lld" },
		{ 1, "UPDATE case_file SET status = 'closed', closed_at = "
		    TF("2025-05-05") ", close_reason = 'moved' WHERE id = %lld" },
		{ 1, "INSERT INTO case_file (number, municipality_id,"
		    " agency_id, worker_id, child_id, status, risk, source,"
		    " opened_at, reopened_from, updated_at) SELECT 'T-R',"
		    " municipality_id, agency_id, worker_id, child_id,"
		    " 'assessment', 'medium', source, " TF("2025-08-20") ", id,"
		    " 1 FROM case_file WHERE id = %lld" },
		{ 3, "INSERT INTO case_transfer (case_id, from_agency_id,"
		    " to_municipality_id, to_agency_id, reason, status,"
		    " requested_by, requested_at) SELECT id, agency_id, (SELECT"
		    " id FROM municipality WHERE code = 'XK13'), agency_id, 'r',"
		    " 'requested', (SELECT min(id) FROM user), " TF("2025-09-01")
		    " FROM case_file WHERE id = %lld" },
		{ 3, "UPDATE case_transfer SET status = 'accepted', decided_at"
		    " = " TF("2025-09-03") " WHERE case_id = %lld" },
		{ 3, "UPDATE case_file SET status = 'transferred' WHERE id ="
		    " %lld" },
		{ 6, "INSERT INTO case_file (number, municipality_id,"
		    " agency_id, worker_id, child_id, status, risk, source,"
		    " opened_at, updated_at) SELECT 'T-F', municipality_id,"
		    " agency_id, worker_id, child_id, 'screened', 'high', source,"
		    " " TF("2099-01-01") ", 1 FROM case_file WHERE id = %lld" },
		/* status and closed_at disagree */
		{ 6, "UPDATE case_file SET status = 'assessment' WHERE id ="
		    " %lld" },
		{ 7, "UPDATE case_file SET closed_at = NULL WHERE id = %lld" },
		{ 4, "UPDATE case_transfer SET status = 'declined' WHERE"
		    " case_id = %lld" },
		{ 1, "UPDATE case_file SET status = 'registered', closed_at ="
		    " NULL, close_reason = NULL, risk = NULL WHERE id = %lld" },
		{ 2, "UPDATE case_file SET risk = 'high', closed_at = "
		    TF("2026-02-01") " WHERE id = %lld" },
	};
	size_t i, j, w, r, col;
	struct arena *keep;

	sql(c, arena_printf(c->f->a, "UPDATE case_file SET agency_id = %lld"
	    " WHERE municipality_id = (SELECT id FROM municipality WHERE code"
	    " = 'XK09')", (long long)c->hani));
	keep = c->f->a;
	for (w = 0; w <= sizeof(writes) / sizeof(writes[0]); w++) {
		if (c->f->a != keep)
			arena_free(c->f->a);
		assert_non_null(c->f->a = arena_new(16 * 1024 * 1024));
		if (w > 0)
			sql(c, arena_printf(c->f->a, writes[w - 1].q,
			    (long long)c->k[writes[w - 1].k]));
		for (i = 0; dims[i] != NULL; i++)
			for (j = 0; j < sizeof(periods) / sizeof(periods[0]);
			    j++) {
				const char *by = strcmp(dims[i], "none") == 0 ?
				    NULL : dims[i];
				struct rt_table a, b;

				if (by != NULL && !(indicator_by_name(
				    "open_by_risk")->dims &
				    (1u << ind_dim_by_name(by))))
					continue;
				a = runf(c, c->admin, "open_by_risk", by, NULL,
				    NULL, periods[j][0], periods[j][1], SVC_OK);
				b = runf(c, c->sup, "open_by_risk", by, NULL,
				    NULL, periods[j][0], periods[j][1], SVC_OK);
				if (a.nrows != b.nrows)
					fail_msg("by %s to %s, write %zu: %zu"
					    " rows, live %zu", dims[i],
					    periods[j][1], w, a.nrows, b.nrows);
				for (r = 0; r < a.nrows; r++) {
					if (strcmp(a.rowkeys[r], b.rowkeys[r]))
						fail_msg("by %s to %s, write"
						    " %zu: row %zu %s, live %s",
						    dims[i], periods[j][1], w,
						    r, a.rowkeys[r],
						    b.rowkeys[r]);
					for (col = 1; col < a.ncols; col++)
						if (rt_at(&a, r, col)->v !=
						    rt_at(&b, r, col)->v)
							fail_msg("by %s to %s,"
							    " write %zu: row"
							    " %zu (%s) col %zu:"
							    " %lld, live %lld",
							    dims[i],
							    periods[j][1], w, r,
							    a.rowkeys[r], col,
							    (long long)rt_at(&a,
							    r, col)->v,
							    (long long)rt_at(&b,
							    r, col)->v);
				}
			}
	}
	arena_free(c->f->a);
	c->f->a = keep;
	/* By hand, after the writes, at the end of June 2025: k1 (open
	 * again, no risk), k2 (high, closed in 2026), k3 (medium, transferred
	 * in September), k4 (no risk, its transfer declined); not k6 (its
	 * status open, closed in January), k7, the reopening, the case of
	 * 2099 (opened after). */
	{
		struct rt_table a = runf(c, c->admin, "open_by_risk", NULL,
		    NULL, NULL, "2025-04-01", "2025-06-30", SVC_OK);

		assert_int_equal(rawc(&a, NULL, 5), 4);
		assert_int_equal(rawc(&a, NULL, 4), 2);
		assert_int_equal(rawc(&a, NULL, 3), 1);
		assert_int_equal(rawc(&a, NULL, 2), 1);
	}
}

/* ---- the queries from what each case last added (*_S) ---- */

/* A query's rows summed per key (and the columns it groups by), each
 * duration first made whole hours or days as case_cb() makes it. */
struct qsum {
	enum qid	 id;
	int		 n;
	char		 key[24][64];
	int64_t		 v[24][8];
};

static int
qsum_cb(void *arg, const struct store_row *row)
{
	struct qsum *q = arg;
	char k[64];
	int64_t x[8] = { 0 }, d;
	int i;

	switch (q->id) {
	case Q_IND_NEW:
	case Q_IND_NEW_S:
		snprintf(k, sizeof(k), "%s|%lld", srow_text(row, 0),
		    (long long)srow_int(row, 4));
		for (i = 0; i < 3; i++)
			x[i] = srow_int(row, i + 1);
		break;
	case Q_IND_SOURCES:
	case Q_IND_SOURCES_S:
		snprintf(k, sizeof(k), "%s|%s|%lld", srow_text(row, 0),
		    srow_text(row, 1), (long long)srow_int(row, 3));
		x[0] = srow_int(row, 2);
		break;
	case Q_IND_CONTACT:
	case Q_IND_CONTACT_S:
		snprintf(k, sizeof(k), "%s", srow_text(row, 0));
		x[0] = 1;
		if (!srow_null(row, 2)) {
			x[1] = 1;
			x[2] = srow_int(row, 2) / 3600;
			x[3] = srow_int(row, 3) != 0;
		}
		if (!srow_null(row, 4)) {
			x[4] = 1;
			x[5] = srow_int(row, 4) / 86400;
			x[6] = srow_int(row, 5) != 0;
		}
		break;
	case Q_IND_CONF:
	case Q_IND_CONF_S:
	case Q_IND_PLAN:
	case Q_IND_PLAN_S:
		snprintf(k, sizeof(k), "%s", srow_text(row, 0));
		x[0] = 1;
		if (!srow_null(row, 1)) {
			d = srow_int(row, 1);
			x[1] = 1;
			x[2] = d < 0 ? 0 : d / 86400;
		}
		if (q->id == Q_IND_PLAN || q->id == Q_IND_PLAN_S)
			x[3] = srow_int(row, 2) != 0;
		break;
	case Q_IND_MEASURES:
	case Q_IND_MEASURES_S:
		snprintf(k, sizeof(k), "%s|%s", srow_text(row, 0),
		    srow_text(row, 1));
		x[0] = srow_int(row, 2);
		break;
	case Q_IND_PLACEMENTS:
	case Q_IND_PLACEMENTS_S:
		snprintf(k, sizeof(k), "%s", srow_text(row, 0));
		for (i = 0; i < 3; i++)
			x[i] = srow_int(row, i + 1);
		break;
	case Q_IND_REFERRALS:
	case Q_IND_REFERRALS_S:
		snprintf(k, sizeof(k), "%s|%s", srow_text(row, 0),
		    srow_text(row, 1));
		x[0] = 1;
		if (!srow_null(row, 2)) {
			x[1] = 1;
			x[2] = srow_int(row, 2);
		}
		break;
	default:	/* received */
		snprintf(k, sizeof(k), "%s", srow_text(row, 0));
		x[0] = srow_int(row, 1);
		break;
	}
	for (i = 0; i < q->n && strcmp(q->key[i], k) != 0; i++)
		;
	if (i == q->n) {
		if (q->n == 24)
			return 1;
		snprintf(q->key[q->n++], sizeof(q->key[0]), "%s", k);
	}
	for (d = 0; d < 8; d++)
		q->v[i][d] += x[d];
	return 0;
}

static int
qsum_cmp(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* The rows of q summed per key, as text in a canonical order (to free). */
static char *
qsum_run(struct ctx *c, enum qid id, const struct sp *p)
{
	struct qsum q;
	char rows[24][256], *out;
	size_t len = 0;
	int i;

	memset(&q, 0, sizeof(q));
	q.id = id;
	assert_int_equal(store_exec(c->f->st, id, p, 16, qsum_cb, &q, NULL),
	    STORE_OK);
	for (i = 0; i < q.n; i++)
		snprintf(rows[i], sizeof(rows[i]), "%s=%lld,%lld,%lld,%lld,"
		    "%lld,%lld,%lld", q.key[i], (long long)q.v[i][0],
		    (long long)q.v[i][1], (long long)q.v[i][2],
		    (long long)q.v[i][3], (long long)q.v[i][4],
		    (long long)q.v[i][5], (long long)q.v[i][6]);
	qsort(rows, (size_t)q.n, sizeof(rows[0]), qsum_cmp);
	assert_non_null(out = malloc(24 * 256 + 1));
	out[0] = '\0';
	for (i = 0; i < q.n; i++)
		len += (size_t)snprintf(out + len, 24 * 256 + 1 - len, "%s;",
		    rows[i]);
	return out;
}

/* Each query from what each case or report last added gives what its
 * live query gives, with every filter and by several dimensions (the
 * counters path never filters: this is their only test). */
static void
test_state_queries(void **state)
{
	struct ctx *c = *state;
	static const enum qid pairs[][2] = {
		{ Q_IND_NEW, Q_IND_NEW_S }, { Q_IND_SOURCES, Q_IND_SOURCES_S },
		{ Q_IND_CONTACT, Q_IND_CONTACT_S }, { Q_IND_CONF, Q_IND_CONF_S },
		{ Q_IND_PLAN, Q_IND_PLAN_S },
		{ Q_IND_RECEIVED, Q_IND_RECEIVED_S },
		{ Q_IND_REFERRALS, Q_IND_REFERRALS_S },
		{ Q_IND_MEASURES, Q_IND_MEASURES_S },
		{ Q_IND_PLACEMENTS, Q_IND_PLACEMENTS_S },
	};
	static const int bys[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	int64_t muni = count(c, "SELECT id FROM municipality WHERE code ="
	    " 'XK09'"), from = count(c, "SELECT " T("2024-01-01")),
	    to = count(c, "SELECT " T("2026-12-31"));
	/* Filters: none, then each alone (worker, agency, country, admin
	 * unit, sex, age band, community, disability, concern, risk, sector,
	 * provider). */
	const struct { int64_t worker, agency; const char *t[9];
	    int64_t prov; } fl[] = {
		{ 0, 0, { "", "", "", "", "", "", "", "", "" }, 0 },
		{ c->cw1->id, 0, { "", "", "", "", "", "", "", "", "" }, 0 },
		{ 0, c->hani, { "", "", "", "", "", "", "", "", "" }, 0 },
		{ 0, 0, { "XK", "", "", "", "", "", "", "", "" }, 0 },
		{ 0, 0, { "", "U1", "", "", "", "", "", "", "" }, 0 },
		{ 0, 0, { "", "", "f", "", "", "", "", "", "" }, 0 },
		{ 0, 0, { "", "", "", "6-11", "", "", "", "", "" }, 0 },
		{ 0, 0, { "", "", "", "", "roma", "", "", "", "" }, 0 },
		{ 0, 0, { "", "", "", "", "", "none", "", "", "" }, 0 },
		{ 0, 0, { "", "", "", "", "", "", "NEG", "", "" }, 0 },
		{ 0, 0, { "", "", "", "", "", "", "", "high", "" }, 0 },
		{ 0, 0, { "", "", "", "", "", "", "", "", "police" }, 0 },
		{ 0, 0, { "", "", "", "", "", "", "", "", "" }, c->prov },
		{ 0, 0, { "", "", "", "", "", "", "", "", "" }, c->pol },
	};
	size_t i, j, k;
	int nonempty = 0;

	reports(c);
	sql(c, arena_printf(c->f->a, "INSERT INTO report (municipality_id,"
	    " agency_id, received_at, channel, referrer_type,"
	    " referrer_agency_id, case_id, child_id, created_at) SELECT"
	    " municipality_id, agency_id, opened_at, 'phone', 'police', %lld,"
	    " id, child_id, 1 FROM case_file WHERE municipality_id = %lld",
	    (long long)c->pol, (long long)muni));
	sql(c, arena_printf(c->f->a, "INSERT INTO referral (case_id,"
	    " from_agency_id, to_agency_id, service, reason, urgency,"
	    " due_date, due_at, consent_id, status, service_start, worker_id,"
	    " created_at) SELECT id, agency_id, %lld, 'shelter', 'r',"
	    " 'routine', '2025-06-30', 1, 1, 'sent', '', %lld, opened_at"
	    " FROM case_file WHERE id = %lld", (long long)c->prov,
	    (long long)c->cw1->id, (long long)c->k[1]));
	/* A referral of every case of the municipality, to the police,
	 * accepted, the service 4 days later. */
	sql(c, arena_printf(c->f->a, "INSERT INTO referral (case_id,"
	    " from_agency_id, to_agency_id, service, reason, urgency,"
	    " due_date, due_at, consent_id, status, service_start, worker_id,"
	    " created_at) SELECT id, agency_id, %lld, 'police', 'r',"
	    " 'routine', '2025-06-30', 1, 1, 'accepted',"
	    " date(opened_at + 4 * 86400, 'unixepoch'), %lld, opened_at + 60"
	    " FROM case_file WHERE municipality_id = %lld", (long long)c->pol,
	    (long long)c->cw1->id, (long long)muni));
	/* A measure of every case of the municipality (three days after
	 * the opening) and a placement (running for every other one, its
	 * 72 hours over before the end of the period). */
	sql(c, arena_printf(c->f->a, "INSERT INTO protection_measure (case_id,"
	    " type, decided_by, decision_date, status, author_id, created_at,"
	    " updated_at) SELECT id, CASE id %% 2 WHEN 0 THEN"
	    " 'family_supervision' ELSE 'alternative_care' END, 'unit',"
	    " date(opened_at + 3 * 86400, 'unixepoch'), 'confirmed', %lld, 1,"
	    " 1 FROM case_file WHERE municipality_id = %lld",
	    (long long)c->sup->id, (long long)muni));
	sql(c, arena_printf(c->f->a, "INSERT INTO emergency_placement (case_id,"
	    " place_kind, place_name, started_at, ends_at, ended_at, end_how,"
	    " author_id, created_at) SELECT id, 'shelter', 'S', opened_at + 60,"
	    " opened_at + 60 + 259200, CASE id %% 2 WHEN 0 THEN opened_at +"
	    " 3600 END, CASE id %% 2 WHEN 0 THEN 'returned_family' ELSE '' END,"
	    " %lld, 1 FROM case_file WHERE municipality_id = %lld",
	    (long long)c->sup->id, (long long)muni));
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		for (j = 0; j < sizeof(fl) / sizeof(fl[0]); j++)
			for (k = 0; k < sizeof(bys) / sizeof(bys[0]); k++) {
				struct sp p[16] = { sp_int(from), sp_int(to),
				    sp_int(fl[j].worker), sp_int(fl[j].agency),
				    sp_int(muni), sp_text(fl[j].t[0]),
				    sp_text(fl[j].t[1]), sp_text(fl[j].t[2]),
				    sp_text(fl[j].t[3]), sp_text(fl[j].t[4]),
				    sp_text(fl[j].t[5]), sp_text(fl[j].t[6]),
				    sp_text(fl[j].t[7]), sp_int(bys[k]),
				    sp_text(fl[j].t[8]), sp_int(fl[j].prov) };
				char *a = qsum_run(c, pairs[i][0], p);
				char *b = qsum_run(c, pairs[i][1], p);

				if (strcmp(a, b) != 0)
					fail_msg("pair %zu, filter %zu, by %d:"
					    " live %s, kept %s", i, j, bys[k], a,
					    b);
				nonempty += *a != '\0';
				free(a);
				free(b);
			}
	/* Not a comparison of nothing with nothing. */
	assert_true(nonempty > 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define U(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		U(test_bad_input),
		U(test_scope_refused),
		U(test_new_cases),
		U(test_transfer_not_twice),
		U(test_open_by_risk),
		U(test_time_conference_plan),
		U(test_measures_referrals),
		U(test_closures_sources),
		U(test_workers_quality),
		U(test_workforce),
		cmocka_unit_test(test_suppress_rules),
		U(test_analyst_suppressed),
		U(test_counters_exact),
		U(test_dims_refused),
		U(test_scopes_by_hand),
		U(test_counters_equal_live),
		U(test_counters_random),
		U(test_tail_month),
		U(test_tail_taken_out),
		U(test_caseload_open),
		U(test_dims_counted),
		U(test_open_past),
		U(test_state_queries),
#undef U
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
