/*
 * test_grant.c — donors, grants, services delivered and people served
 * (src/svc/grant.c) and municipal action plans (src/svc/action_plan.c),
 * negative first: every refused input names its field and message and
 * writes nothing; amounts parsed strictly; a grant outside its donor's
 * programme, a reporting date outside the grant, a service the grant does
 * not fund, another grantee's grant (404), roles without the permission
 * (403), a municipal administrator of another municipality (404), a
 * progress value before the plan started; then the counts of people
 * served (once per person, once per category) and per euro, computed in
 * SQL, and the late reports. The donor's users (issue 6): another donor's
 * grant or project 404 and audited, no beneficiary, no write, every count
 * under 5 suppressed with its complement; editing a grant and removing a
 * reporting date under the rules of creation.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/action_plan.h"
#include "../../src/svc/grant.h"
#include "../../src/svc/provider.h"
#include "../../src/svc/report.h"
#include "../../src/svc/scan.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, ngo, ngo2, police, hani_m, pris_m;
	struct actor	*admin, *padmin, *sup, *cw, *prov, *prov2, *root,
			*analyst, *comm;
	int64_t		 donor;
};

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
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
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13",
	    NULL);
	c->ngo = fx_agency(f, "OJQ-HANI", AGENCY_PROVIDER, "XK09", NULL);
	c->ngo2 = fx_agency(f, "OJQ-PRIS", AGENCY_PROVIDER, "XK13", NULL);
	c->police = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->hani_m = fx_muni(f, "XK09");
	c->pris_m = fx_muni(f, "XK13");
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    c->pris, 0));
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->cw = fx_actor(f, fx_user(f, "cw.hani", ROLE_CASEWORKER, c->hani,
	    0));
	c->prov = fx_actor(f, fx_user(f, "ngo.one", ROLE_PROVIDER_USER, c->ngo,
	    0));
	c->prov2 = fx_actor(f, fx_user(f, "ngo.two", ROLE_PROVIDER_USER,
	    c->ngo2, 0));
	c->comm = fx_actor(f, fx_user(f, "gkk.one", ROLE_COMMUNITY_MEMBER,
	    c->hani, 0));
	c->analyst = fx_actor(f, fx_user(f, "analyst", ROLE_CENTRAL_ANALYST,
	    fx_agency(f, "MPMS-XK", AGENCY_MINISTRY, NULL, "XK"), 0));
	c->root = &f->root;
	if (!c->admin || !c->padmin || !c->sup || !c->cw || !c->prov ||
	    !c->prov2 || !c->comm || !c->analyst || !c->ngo || !c->ngo2)
		return -1;
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

#define REFUSED(call, rc_, field_, msg_) do {				\
	struct svc s_ = fx_svc(c->f, actor);				\
	struct svc *sv = &s_;						\
	assert_int_equal((call), (rc_));				\
	if ((field_) != NULL)						\
		assert_string_equal(svc_nz(sv->err.field), (field_));	\
	if ((msg_) != NULL)						\
		assert_string_equal(sv->err.msg, (msg_));		\
} while (0)

#define OK(call) do {							\
	struct svc s_ = fx_svc(c->f, actor);				\
	struct svc *sv = &s_;						\
	enum svc_rc rc_ = (call);					\
	if (rc_ != SVC_OK)						\
		fail_msg("%s: %s %s", #call, svc_nz(sv->err.field),	\
		    svc_nz(sv->err.msg));				\
} while (0)

/* dd.mm.yyyy of today plus days. */
static const char *
day(struct ctx *c, int days)
{
	char b[32];

	clock_format(clock_now() + 86400 * (int64_t)days, 0, b, sizeof(b));
	return arena_strdup(c->f->a, b);
}

static struct donor_new
donor(struct ctx *c, const char *programme)
{
	struct donor_new d;

	memset(&d, 0, sizeof(d));
	d.name = "Swiss Agency for Development";
	d.kind = "bilateral";
	d.country = "CH";
	d.programme = programme;
	d.start = day(c, -400);
	d.end = day(c, 400);
	return d;
}

static int64_t
make_donor(struct ctx *c, const char *programme)
{
	struct actor *actor = c->root;
	struct donor_new d = donor(c, programme);
	int64_t id = 0;

	OK(grant_donor_create(sv, &d, &id));
	return id;
}

static const char *svcs[2];
static int64_t munis[1];
static const char *reports[2];

static struct grant_new
grant(struct ctx *c, int64_t donor_id, const char *number)
{
	struct grant_new g;

	memset(&g, 0, sizeof(g));
	svcs[0] = provider_services[0];
	svcs[1] = provider_services[1];
	munis[0] = c->hani_m;
	reports[0] = day(c, -10);
	reports[1] = day(c, 30);
	g.donor_id = donor_id;
	g.grantee_id = c->ngo;
	g.number = number;
	g.title = "Shelter and day care";
	g.amount = "2.700.000,00";
	g.start = day(c, -100);
	g.end = day(c, 200);
	g.services = svcs;
	g.nservices = 2;
	g.municipalities = munis;
	g.nmunicipalities = 1;
	g.reports = reports;
	g.nreports = 2;
	return g;
}

static int64_t
make_grant(struct ctx *c, const char *number)
{
	struct actor *actor = c->admin;
	int64_t d = make_donor(c, number), id = 0;
	struct grant_new g = grant(c, d, number);

	OK(grant_create(sv, &g, &id));
	return id;
}

/* ---------------------------------------------------------------- amounts */

static void
test_amount_parse(void **state)
{
	static const struct { const char *in; int64_t cents; } good[] = {
		{ "2.700.000,00", 270000000 }, { "2700000.00", 270000000 },
		{ "2,700,000.00", 270000000 }, { "2700000", 270000000 },
		{ "2.700.000", 270000000 }, { "12,5", 1250 }, { "12.50", 1250 },
		{ "0,01", 1 }, { "€ 100", 10000 }, { "100 €", 10000 },
		{ "100 EUR", 10000 }, { "1.234,56", 123456 },
		{ "1000000000,00", 100000000000LL },
	};
	static const struct { const char *in, *msg; } bad[] = {
		{ "-5", "grant.err.amount_negative" },
		{ "-0,01", "grant.err.amount_negative" },
		{ "12,345", "grant.err.amount_ambiguous" },
		{ "12.345", "grant.err.amount_ambiguous" },
		{ "1e5", "grant.err.amount_format" },
		{ "abc", "grant.err.amount_format" },
		{ "12,3456", "grant.err.amount_fraction" },
		{ "0,001", "grant.err.amount_fraction" },
		{ "1.005,555", "grant.err.amount_fraction" },
		{ "1234,567", "grant.err.amount_fraction" },
		{ "100,001", "grant.err.amount_ambiguous" },
		{ "1000000000,01", "grant.err.amount_range" },
		{ "99999999999999999999999", "grant.err.amount_range" },
		{ "9223372036854775807", "grant.err.amount_range" },
		{ "1.2.3", "grant.err.amount_format" },
		{ "12,34.56", "grant.err.amount_format" },
		{ "1.23,45", "grant.err.amount_format" },
		{ "1,2,3", "grant.err.amount_format" },
		{ "12.", "grant.err.amount_format" },
		{ ",5", "grant.err.amount_format" },
		{ "+5", "grant.err.amount_format" },
		{ "5 5", "grant.err.amount_format" },
		{ "0x10", "grant.err.amount_format" },
		{ "", "error.field.required" },
		{ " € ", "error.field.required" },
	};
	int64_t v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *m = grant_amount_parse(good[i].in, GRANT_AMOUNT_MAX,
		    &v);

		if (m != NULL)
			fail_msg("%s: %s", good[i].in, m);
		assert_int_equal(v, good[i].cents);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *m = grant_amount_parse(bad[i].in, GRANT_AMOUNT_MAX,
		    &v);

		if (m == NULL || strcmp(m, bad[i].msg) != 0)
			fail_msg("%s: %s, not %s", bad[i].in, m ? m : "accepted",
			    bad[i].msg);
	}
}

/* ---------------------------------------------------------------- donors, grants */

static void
test_donor_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	struct donor_new d;
	int64_t before = count(c, "SELECT count(*) FROM donor");

	d = donor(c, "P1");
	d.kind = "charity";
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_INVALID, "kind",
	    "error.field.choice");
	d = donor(c, "P1");
	d.name = "  ";
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_INVALID, "name",
	    "error.field.required");
	d = donor(c, "P1");
	d.end = day(c, -500);
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_INVALID, "end",
	    "grant.err.end_before");
	d = donor(c, "P1");
	d.start = "31.02.2024";
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_INVALID, "start",
	    "error.field.date");
	actor = c->sup;
	d = donor(c, "P1");
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_DENIED, NULL, NULL);
	actor = c->prov;
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_DENIED, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM donor"), before);
	actor = c->admin;
	OK(grant_donor_create(sv, &d, NULL));
	REFUSED(grant_donor_create(sv, &d, NULL), SVC_CONFLICT, "programme",
	    "grant.err.donor_exists");
	assert_int_equal(count(c, "SELECT count(*) FROM donor"), before + 1);
}

static void
test_grant_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	int64_t d = make_donor(c, "G1"), pm[] = { 0 };
	const char *bad_svc[] = { "haircut" }, *far[] = { NULL };
	struct grant_new g;
	int64_t before = count(c, "SELECT count(*) FROM grant_agreement");

	g = grant(c, d, "N-1");
	g.amount = "-100";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_negative");
	g.amount = "12,345";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_ambiguous");
	g.amount = "1e5";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_format");
	g.amount = "100,0001";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_fraction");
	g.amount = "0,00";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_zero");
	g.amount = "99999999999999999999";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "amount",
	    "grant.err.amount_range");
	/* Outside the donor's programme (it runs -400 .. +400 days). */
	g = grant(c, d, "N-1");
	g.start = day(c, -401);
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "start",
	    "grant.err.outside_programme");
	g = grant(c, d, "N-1");
	g.end = day(c, 401);
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "end",
	    "grant.err.outside_programme");
	g = grant(c, d, "N-1");
	g.end = day(c, -101);
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "end",
	    "grant.err.end_before");
	/* A reporting date outside the grant. */
	g = grant(c, d, "N-1");
	far[0] = day(c, 201);
	g.reports = far;
	g.nreports = 1;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "reports",
	    "grant.err.report_outside");
	g = grant(c, d, "N-1");
	g.services = bad_svc;
	g.nservices = 1;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "services",
	    "error.field.choice");
	g.nservices = 0;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "services",
	    "grant.err.no_service");
	g = grant(c, d, "N-1");
	g.grantee_id = c->police;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "grantee",
	    "grant.err.grantee");
	g.grantee_id = 999999;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "grantee",
	    "grant.err.grantee");
	g = grant(c, d, "N-1");
	g.donor_id = 999999;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "donor",
	    "error.field.choice");
	/* Another municipality than the administrator's. */
	g = grant(c, d, "N-1");
	pm[0] = c->pris_m;
	g.municipalities = pm;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "municipalities",
	    "grant.err.municipality");
	g.nmunicipalities = 0;
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "municipalities",
	    "grant.err.no_municipality");
	g = grant(c, d, "N-1");
	g.status = "paused";
	REFUSED(grant_create(sv, &g, NULL), SVC_INVALID, "status",
	    "error.field.choice");
	g = grant(c, d, "N-1");
	actor = c->sup;
	REFUSED(grant_create(sv, &g, NULL), SVC_DENIED, NULL, NULL);
	actor = c->cw;
	REFUSED(grant_create(sv, &g, NULL), SVC_DENIED, NULL, NULL);
	actor = c->comm;
	REFUSED(grant_create(sv, &g, NULL), SVC_DENIED, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_agreement"),
	    before);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_report"), 0);
	actor = c->admin;
	OK(grant_create(sv, &g, NULL));
	REFUSED(grant_create(sv, &g, NULL), SVC_CONFLICT, "number",
	    "grant.err.number_exists");
	assert_int_equal(count(c, "SELECT count(*) FROM grant_agreement"),
	    before + 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'grant.create'"), 1);
}

static void
test_grant_scope(void **state)
{
	struct ctx *c = *state;
	struct actor *actor;
	int64_t id = make_grant(c, "S-1");
	struct grant_full *f;
	struct grant_info *l;
	struct grant_filter flt;
	size_t n;

	/* Readers of the municipality, the country, the grantee: seen. */
	actor = c->sup;
	OK(grant_get(sv, id, &f));
	actor = c->analyst;
	OK(grant_get(sv, id, &f));
	actor = c->prov;
	OK(grant_get(sv, id, &f));
	assert_string_equal(f->g.number, "S-1");
	/* Another municipality's administrator, another grantee: 404. */
	actor = c->padmin;
	REFUSED(grant_get(sv, id, &f), SVC_NOTFOUND, NULL, "error.notfound");
	REFUSED(grant_report_date_add(sv, id, day(c, 5)), SVC_NOTFOUND, NULL,
	    NULL);
	OK(grant_list(sv, NULL, &l, &n));
	assert_int_equal(n, 0);
	actor = c->prov2;
	REFUSED(grant_get(sv, id, &f), SVC_NOTFOUND, NULL, NULL);
	OK(grant_mine(sv, &l, &n));
	assert_int_equal(n, 0);
	REFUSED(grant_delivery_add(sv, id, day(c, 0), provider_services[0],
	    "B-1", NULL), SVC_NOTFOUND, NULL, NULL);
	assert_true(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'grant.denied'") >= 2);
	/* Roles without the permission: 403. */
	actor = c->cw;
	REFUSED(grant_list(sv, NULL, &l, &n), SVC_DENIED, NULL, NULL);
	REFUSED(grant_get(sv, id, &f), SVC_NOTFOUND, NULL, NULL);
	actor = c->comm;
	REFUSED(grant_list(sv, NULL, &l, &n), SVC_DENIED, NULL, NULL);
	REFUSED(grant_donors(sv, (struct donor_info **)&l, &n), SVC_DENIED,
	    NULL, NULL);
	/* A grantee may not add reporting dates; a reader may not deliver. */
	actor = c->prov;
	REFUSED(grant_report_date_add(sv, id, day(c, 5)), SVC_DENIED, NULL,
	    NULL);
	actor = c->sup;
	REFUSED(grant_delivery_add(sv, id, day(c, 0), provider_services[0],
	    "B-1", NULL), SVC_DENIED, NULL, NULL);
	/* Filters. */
	actor = c->admin;
	memset(&flt, 0, sizeof(flt));
	flt.active_on = day(c, 0);
	OK(grant_list(sv, &flt, &l, &n));
	assert_int_equal(n, 1);
	flt.active_on = day(c, 300);
	OK(grant_list(sv, &flt, &l, &n));
	assert_int_equal(n, 0);
	memset(&flt, 0, sizeof(flt));
	flt.grantee = c->ngo2;
	OK(grant_list(sv, &flt, &l, &n));
	assert_int_equal(n, 0);
	flt.grantee = c->ngo;
	flt.municipality = c->hani_m;
	OK(grant_list(sv, &flt, &l, &n));
	assert_int_equal(n, 1);
	flt.active_on = "2024-02-30";
	REFUSED(grant_list(sv, &flt, &l, &n), SVC_INVALID, "active_on",
	    "error.field.date");
}

static void
test_report_dates(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	int64_t id = make_grant(c, "R-1"), rid;
	struct grant_full *f;

	REFUSED(grant_report_date_add(sv, id, day(c, 201)), SVC_INVALID,
	    "date", "grant.err.report_outside");
	REFUSED(grant_report_date_add(sv, id, day(c, -101)), SVC_INVALID,
	    "date", "grant.err.report_outside");
	REFUSED(grant_report_date_add(sv, id, day(c, 30)), SVC_INVALID,
	    "date", "grant.err.report_exists");
	REFUSED(grant_report_date_add(sv, id, "bogus"), SVC_INVALID, "date",
	    "error.field.date");
	OK(grant_report_date_add(sv, id, day(c, 60)));
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->nreports, 3);
	/* The one ten days ago is late; the others are not yet due. */
	assert_int_equal(f->g.late, 1);
	assert_true(f->reports[0].late);
	assert_false(f->reports[1].late);
	rid = f->reports[0].id;
	actor = c->prov2;
	REFUSED(grant_report_submit(sv, id, rid), SVC_NOTFOUND, NULL, NULL);
	actor = c->prov;
	OK(grant_report_submit(sv, id, rid));
	REFUSED(grant_report_submit(sv, id, rid), SVC_CONFLICT, NULL,
	    "grant.err.report_done");
	REFUSED(grant_report_submit(sv, id, 999999), SVC_CONFLICT, NULL,
	    "grant.err.report_done");
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->g.late, 0);
}

static int64_t
gversion(struct ctx *c, int64_t id)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM"
	    " grant_agreement WHERE id = %lld", (long long)id));
}

static void
test_status(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->padmin;
	int64_t id = make_grant(c, "S-1"), v = gversion(c, id);
	struct grant_full *f;

	/* Another municipality's administrator: 404; a supervisor, the
	 * grantee: no write. */
	REFUSED(grant_status_set(sv, id, v, "suspended", "Audit"),
	    SVC_NOTFOUND, NULL, NULL);
	actor = c->sup;
	REFUSED(grant_status_set(sv, id, v, "suspended", "Audit"), SVC_DENIED,
	    NULL, NULL);
	actor = c->prov;
	REFUSED(grant_status_set(sv, id, v, "suspended", "Audit"), SVC_DENIED,
	    NULL, NULL);
	actor = c->admin;
	REFUSED(grant_status_set(sv, id, v, "paused", "Audit"), SVC_INVALID,
	    "status", "error.field.choice");
	REFUSED(grant_status_set(sv, id, v, "", "Audit"), SVC_INVALID,
	    "status", "error.field.required");
	REFUSED(grant_status_set(sv, id, v, "suspended", ""), SVC_INVALID,
	    "reason", "error.field.required");
	REFUSED(grant_status_set(sv, id, v, "active", "Sërish"), SVC_INVALID,
	    "status", "grant.err.transition");
	REFUSED(grant_status_set(sv, id, v + 1, "suspended", "Audit"),
	    SVC_CONFLICT, NULL, "grant.err.conflict");
	assert_int_equal(gversion(c, id), v);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_status_change"),
	    0);
	/* active -> suspended -> active -> closed; closed stays. */
	OK(grant_status_set(sv, id, v, "suspended", "Auditimi financiar"));
	OK(grant_status_set(sv, id, v + 1, "active", "Auditimi përfundoi"));
	OK(grant_status_set(sv, id, v + 2, "closed", "Periudha mbaroi"));
	REFUSED(grant_status_set(sv, id, v + 3, "active", "Jo"), SVC_INVALID,
	    "status", "grant.err.transition");
	OK(grant_get(sv, id, &f));
	assert_string_equal(f->g.status, "closed");
	assert_int_equal(f->g.version, v + 3);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_status_change"),
	    3);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'grant.status' AND detail NOT LIKE '%Audit%'"), 3);
}

static void
test_report_due_scan(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->root);
	int64_t a = make_grant(c, "D-1"), b = make_grant(c, "D-2");
	int64_t extra = fx_actor(c->f, fx_user(c->f, "ngo.three",
	    ROLE_PROVIDER_USER, c->ngo, 0)) != NULL;
	struct actor *actor = c->admin;

	assert_true(extra);
	/* b suspended: not reminded. Each grant has one date passed (ten
	 * days ago) and one ahead. */
	OK(grant_status_set(sv, b, gversion(c, b), "suspended", "Audit"));
	assert_int_equal(grant_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(grant_scan(&s, clock_now()), SVC_OK);
	/* The grantee's two users and the Hani administrator, once. */
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'grant_report_due'"), 3);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'grant_report_due' AND user_id = %lld",
	    (long long)c->admin->id)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'grant_report_due' AND user_id = %lld",
	    (long long)c->padmin->id)), 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'grant_report_due' AND link ="
	    " '/my-grants/%lld'", (long long)a)), 2);
	/* A submitted report is not reminded. */
	{
		struct grant_full *f;

		actor = c->prov;
		OK(grant_get(sv, b, &f));
		OK(grant_report_submit(sv, b, f->reports[0].id));
		actor = c->admin;
		OK(grant_status_set(sv, b, gversion(c, b), "active", "Rifillim"));
	}
	assert_int_equal(scan_all(&s, clock_now()), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'grant_report_due'"), 3);
}

static struct beneficiary_new
ben(const char *code, const char *kind, const char *band)
{
	struct beneficiary_new b;

	memset(&b, 0, sizeof(b));
	b.code = code;
	b.kind = kind;
	b.sex = "f";
	b.age_band = band;
	return b;
}

static void
test_beneficiary_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->prov;
	int64_t id = make_grant(c, "B-1");
	const char *elderly[] = { "elderly" }, *bogus[] = { "rich" };
	struct beneficiary_new b;

	b = ben("Arben Kelmendi", "child", "6_11");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID, "code",
	    "grant.err.code");
	b = ben("ARBEN", "child", "6_11");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID, "code",
	    "grant.err.code");
	b = ben("", "child", "6_11");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID, "code",
	    "error.field.required");
	b = ben("K-1", "pet", "6_11");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID, "kind",
	    "error.field.choice");
	b = ben("K-1", "child", "18_64");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "age_band", "grant.err.band_kind");
	b = ben("K-1", "adult", "0_5");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "age_band", "grant.err.band_kind");
	b = ben("K-1", "child", "");
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "age_band", "grant.err.age_required");
	b.birth_year = 1950;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "birth_year", "grant.err.band_kind");
	b.birth_year = 2999;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "birth_year", "error.field.range");
	b = ben("K-1", "child", "6_11");
	b.categories = elderly;
	b.ncategories = 1;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "categories", "grant.err.elderly_child");
	b.categories = bogus;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID,
	    "categories", "error.field.choice");
	b = ben("K-1", "child", "6_11");
	b.sex = "x";
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_INVALID, "sex",
	    "error.field.choice");
	b = ben("K-1", "child", "6_11");
	actor = c->prov2;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->admin;
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_DENIED, NULL,
	    NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_beneficiary"), 0);
	actor = c->prov;
	OK(grant_beneficiary_add(sv, id, &b, NULL));
	REFUSED(grant_beneficiary_add(sv, id, &b, NULL), SVC_CONFLICT, "code",
	    "grant.err.beneficiary_exists");
	assert_int_equal(count(c, "SELECT count(*) FROM grant_beneficiary"), 1);
	/* The audit names no code. */
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " detail LIKE '%K-1%'"), 0);
}

static void
test_delivery_and_counts(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->prov;
	int64_t id = make_grant(c, "D-1");
	static const char *const both[] = { "at_risk", "violence_survivor" };
	static const char *const one[] = { "at_risk" };
	static const char *const old[] = { "elderly", "disability" };
	const char *unfunded = provider_services[2];
	struct beneficiary_new b;
	struct grant_full *f;
	size_t i;

	b = ben("K-1", "child", "6_11");
	b.categories = both;
	b.ncategories = 2;
	OK(grant_beneficiary_add(sv, id, &b, NULL));
	b = ben("K-2", "child", "");
	b.birth_year = atoi(day(c, 0) + 6) - 10;
	b.categories = one;
	b.ncategories = 1;
	OK(grant_beneficiary_add(sv, id, &b, NULL));
	b = ben("A-1", "adult", "65_plus");
	b.categories = old;
	b.ncategories = 2;
	OK(grant_beneficiary_add(sv, id, &b, NULL));
	/* Refused deliveries. */
	REFUSED(grant_delivery_add(sv, id, day(c, 0), unfunded, "K-1", NULL),
	    SVC_INVALID, "service", "grant.err.not_funded");
	REFUSED(grant_delivery_add(sv, id, day(c, 1), provider_services[0],
	    "K-1", NULL), SVC_INVALID, "date", "grant.err.future");
	REFUSED(grant_delivery_add(sv, id, day(c, -101), provider_services[0],
	    "K-1", NULL), SVC_INVALID, "date", "grant.err.delivery_outside");
	REFUSED(grant_delivery_add(sv, id, day(c, 0), provider_services[0],
	    "K-9", NULL), SVC_INVALID, "beneficiary",
	    "grant.err.beneficiary_unknown");
	REFUSED(grant_delivery_add(sv, id, "", provider_services[0], "K-1",
	    NULL), SVC_INVALID, "date", "error.field.required");
	assert_int_equal(count(c, "SELECT count(*) FROM grant_delivery"), 0);
	/* K-1 three times, K-2 once, A-1 twice. */
	for (i = 0; i < 3; i++)
		OK(grant_delivery_add(sv, id, day(c, -(int)i),
		    provider_services[i % 2], "K-1", NULL));
	OK(grant_delivery_add(sv, id, day(c, -5), provider_services[1], "K-2",
	    NULL));
	OK(grant_delivery_add(sv, id, day(c, -5), provider_services[0], "A-1",
	    NULL));
	OK(grant_delivery_add(sv, id, day(c, -6), provider_services[0], "A-1",
	    NULL));
	actor = c->admin;
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->g.people, 3);
	assert_int_equal(f->g.children, 2);
	assert_int_equal(f->g.adults, 1);
	assert_int_equal(f->g.cents_per_person, 270000000 / 3);
	assert_int_equal(f->nserved, 3);
	/* A central analyst: the counts, not the people. */
	actor = c->analyst;
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->g.people, 3);
	assert_int_equal(f->nserved, 0);
	actor = c->admin;
	OK(grant_get(sv, id, &f));
	for (i = 0; i < f->ncategories; i++) {
		const char *k = f->categories[i].category;
		int64_t want = strcmp(k, "at_risk") == 0 ? 2 :
		    strcmp(k, "trafficking") == 0 ||
		    strcmp(k, "domestic_violence") == 0 ? 0 : 1;

		if (f->categories[i].people != want)
			fail_msg("%s: %lld", k,
			    (long long)f->categories[i].people);
	}
	/* The same beneficiary under a second grant of the grantee. */
	assert_int_equal(count(c, "SELECT people FROM grant_reach WHERE"
	    " grant_id = (SELECT id FROM grant_agreement WHERE number ="
	    " 'D-1')"), 3);
	/* A closed grant takes no deliveries. */
	assert_int_equal(fx_raw_exec(c->f, "UPDATE grant_agreement SET"
	    " status = 'closed'"), SQLITE_OK);
	actor = c->prov;
	REFUSED(grant_delivery_add(sv, id, day(c, 0), provider_services[0],
	    "K-1", NULL), SVC_INVALID, NULL, "grant.err.not_active");
}

/* ---------------------------------------------------------------- edits */

static struct grant_edit
edit_of(struct ctx *c, int64_t id)
{
	struct grant_new g = grant(c, 0, "");
	struct grant_edit e;

	/* The terms of grant(), a new title, amount and end. */
	memset(&e, 0, sizeof(e));
	e.version = gversion(c, id);
	e.title = "Shelter, day care and outreach";
	e.amount = "2.800.000,00";
	e.start = g.start;
	e.end = day(c, 250);
	e.services = g.services;
	e.nservices = g.nservices;
	e.municipalities = g.municipalities;
	e.nmunicipalities = g.nmunicipalities;
	return e;
}

static void
test_update_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	int64_t id = make_grant(c, "U-1"), v = gversion(c, id);
	int64_t pris[1];
	const char *bogus[] = { "massage" };
	struct grant_edit e;

	/* Who: another municipality's administrator 404, readers and the
	 * grantee no write. */
	e = edit_of(c, id);
	actor = c->padmin;
	REFUSED(grant_update(sv, id, &e), SVC_NOTFOUND, NULL, NULL);
	actor = c->sup;
	REFUSED(grant_update(sv, id, &e), SVC_DENIED, NULL, NULL);
	actor = c->prov;
	REFUSED(grant_update(sv, id, &e), SVC_DENIED, NULL, NULL);
	actor = c->analyst;
	REFUSED(grant_update(sv, id, &e), SVC_DENIED, NULL, NULL);
	actor = c->admin;
	REFUSED(grant_update(sv, 999999, &e), SVC_NOTFOUND, NULL, NULL);
	/* The version. */
	e.version = v + 1;
	REFUSED(grant_update(sv, id, &e), SVC_CONFLICT, NULL,
	    "grant.err.conflict");
	/* The rules of creation. */
	e = edit_of(c, id);
	e.title = "  ";
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "title",
	    "error.field.required");
	e = edit_of(c, id);
	e.amount = "-5";
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "amount",
	    "grant.err.amount_negative");
	e.amount = "12,345";
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "amount",
	    "grant.err.amount_ambiguous");
	e.amount = "0";
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "amount",
	    "grant.err.amount_zero");
	e = edit_of(c, id);
	e.end = day(c, -200);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "end",
	    "grant.err.end_before");
	/* Outside the donor's programme (day -400 .. day 400). */
	e = edit_of(c, id);
	e.start = day(c, -401);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "start",
	    "grant.err.outside_programme");
	e = edit_of(c, id);
	e.end = day(c, 401);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "end",
	    "grant.err.outside_programme");
	e = edit_of(c, id);
	e.start = "31.02.2026";
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "start",
	    "error.field.date");
	e = edit_of(c, id);
	e.nservices = 0;
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "services",
	    "grant.err.no_service");
	e.services = bogus;
	e.nservices = 1;
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "services",
	    "error.field.choice");
	e = edit_of(c, id);
	e.nmunicipalities = 0;
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "municipalities",
	    "grant.err.no_municipality");
	pris[0] = c->pris_m;
	e.municipalities = pris;
	e.nmunicipalities = 1;
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "municipalities",
	    "grant.err.municipality");
	/* A reporting date (day -10, day 30) left outside. */
	e = edit_of(c, id);
	e.end = day(c, 20);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "end",
	    "grant.err.reports_outside");
	e = edit_of(c, id);
	e.start = day(c, -5);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "start",
	    "grant.err.reports_outside");
	/* Nothing written. */
	assert_int_equal(gversion(c, id), v);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'grant.update'"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_agreement WHERE"
	    " title = 'Shelter and day care' AND amount_cents = 270000000"),
	    1);
}

static void
test_update(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->prov;
	int64_t id = make_grant(c, "U-2"), v;
	struct beneficiary_new b = ben("K-7", "child", "6_11");
	const char *one[1], *three[3];
	struct grant_full *f;
	struct grant_edit e;

	/* A delivery of the first service forty days ago. */
	OK(grant_beneficiary_add(sv, id, &b, NULL));
	OK(grant_delivery_add(sv, id, day(c, -40), provider_services[0],
	    "K-7", NULL));
	actor = c->admin;
	v = gversion(c, id);
	e = edit_of(c, id);
	e.start = day(c, -30);
	e.end = day(c, 250);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "start",
	    "grant.err.deliveries_outside");
	/* The delivered service cannot go; the other can. */
	e = edit_of(c, id);
	one[0] = provider_services[1];
	e.services = one;
	e.nservices = 1;
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, "services",
	    "grant.err.service_delivered");
	assert_int_equal(gversion(c, id), v);
	e = edit_of(c, id);
	three[0] = provider_services[0];
	three[1] = provider_services[2];
	three[2] = provider_services[3];
	e.services = three;
	e.nservices = 3;
	OK(grant_update(sv, id, &e));
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->g.version, v + 1);
	assert_int_equal(f->g.amount_cents, 280000000);
	assert_string_equal(f->g.title, "Shelter, day care and outreach");
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " grant_service WHERE grant_id = %lld", (long long)id)), 3);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " grant_service WHERE grant_id = %lld AND service = '%s'",
	    (long long)id, provider_services[1])), 0);
	assert_int_equal(f->g.people, 1);
	/* The same edit again: the version moved on. */
	REFUSED(grant_update(sv, id, &e), SVC_CONFLICT, NULL,
	    "grant.err.conflict");
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'grant.update'"), 1);
	/* A closed grant is not edited. */
	e = edit_of(c, id);
	OK(grant_status_set(sv, id, e.version, "closed", "Mbaroi"));
	e = edit_of(c, id);
	REFUSED(grant_update(sv, id, &e), SVC_INVALID, NULL,
	    "grant.err.closed");
}

static void
test_report_date_remove(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	int64_t id = make_grant(c, "RR-1"), other = make_grant(c, "RR-2");
	int64_t done, open, foreign;
	struct grant_full *f;

	OK(grant_get(sv, other, &f));
	foreign = f->reports[0].id;
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->nreports, 2);
	done = f->reports[0].id;
	open = f->reports[1].id;
	actor = c->prov;
	OK(grant_report_submit(sv, id, done));
	/* Who. */
	REFUSED(grant_report_date_remove(sv, id, open, "Gabim"), SVC_DENIED,
	    NULL, NULL);
	actor = c->sup;
	REFUSED(grant_report_date_remove(sv, id, open, "Gabim"), SVC_DENIED,
	    NULL, NULL);
	actor = c->padmin;
	REFUSED(grant_report_date_remove(sv, id, open, "Gabim"),
	    SVC_NOTFOUND, NULL, NULL);
	/* What: one with its report, another grant's, none, no reason. */
	actor = c->admin;
	REFUSED(grant_report_date_remove(sv, id, done, "Gabim"), SVC_INVALID,
	    NULL, "grant.err.report_has_report");
	REFUSED(grant_report_date_remove(sv, id, foreign, "Gabim"),
	    SVC_NOTFOUND, NULL, NULL);
	REFUSED(grant_report_date_remove(sv, id, 999999, "Gabim"),
	    SVC_NOTFOUND, NULL, NULL);
	REFUSED(grant_report_date_remove(sv, id, open, " "), SVC_INVALID,
	    "reason", "error.field.required");
	assert_int_equal(count(c, "SELECT count(*) FROM grant_report"), 4);
	assert_int_equal(count(c, "SELECT count(*) FROM"
	    " grant_report_removal"), 0);
	OK(grant_report_date_remove(sv, id, open, "Data e dyfishtë"));
	assert_int_equal(count(c, "SELECT count(*) FROM grant_report"), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM grant_report_removal"
	    " WHERE reason = 'Data e dyfishtë'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'grant.report_date.remove' AND detail NOT LIKE '%dyfisht%'"), 1);
	REFUSED(grant_report_date_remove(sv, id, open, "Sërish"),
	    SVC_NOTFOUND, NULL, NULL);
	/* The date may be added again. */
	OK(grant_get(sv, id, &f));
	assert_int_equal(f->nreports, 1);
}

/* ---------------------------------------------------------------- donors' users */

/* A donor user of donor d (made by the sysadmin); 0 on failure. */
static int64_t
donor_user(struct ctx *c, const char *username, int64_t d)
{
	struct svc s = fx_svc(c->f, c->root);
	struct user_new u;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	u.username = username;
	u.full_name = username;
	u.password = FX_PASSWORD;
	u.role = ROLE_DONOR;
	u.scope = -1;
	u.lang = LANG_SQ;
	u.donor_id = d;
	if (user_create(&s, &u, &id) != SVC_OK)
		return 0;
	return id;
}

static void
test_donor_user_create(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->root;
	int64_t d = make_donor(c, "DU-1"), id;
	struct user_new u;
	struct actor *x;

	memset(&u, 0, sizeof(u));
	u.username = "donor.one";
	u.full_name = "Donor One";
	u.password = FX_PASSWORD;
	u.role = ROLE_DONOR;
	u.scope = -1;
	u.lang = LANG_SQ;
	REFUSED(user_create(sv, &u, NULL), SVC_INVALID, "donor",
	    "error.field.required");
	u.donor_id = 999999;
	REFUSED(user_create(sv, &u, NULL), SVC_INVALID, "donor",
	    "error.field.invalid");
	u.donor_id = d;
	u.agency_id = c->ngo;
	REFUSED(user_create(sv, &u, NULL), SVC_INVALID, "agency",
	    "error.field.invalid");
	u.agency_id = 0;
	/* A municipal administrator makes no donor user. */
	actor = c->admin;
	REFUSED(user_create(sv, &u, NULL), SVC_INVALID, "role",
	    "error.role.grant");
	/* Another role has no donor. */
	actor = c->root;
	u.role = ROLE_CASEWORKER;
	u.agency_id = c->hani;
	REFUSED(user_create(sv, &u, NULL), SVC_INVALID, "donor",
	    "error.field.invalid");
	assert_int_equal(count(c, "SELECT count(*) FROM user WHERE"
	    " username = 'donor.one'"), 0);
	id = donor_user(c, "donor.one", d);
	assert_true(id > 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT donor_id FROM"
	    " user WHERE id = %lld AND role = 'donor' AND scope ="
	    " 'aggregate'", (long long)id)), d);
	x = fx_actor(c->f, id);
	assert_non_null(x);
	assert_int_equal(x->role, ROLE_DONOR);
	/* The schema refuses a donor on another role's user. */
	assert_int_not_equal(fx_raw_exec(c->f, "UPDATE user SET donor_id ="
	    " (SELECT min(id) FROM donor) WHERE username = 'cw.hani'"),
	    SQLITE_OK);
	/* The rebuilt user table (0027) keeps every reference. */
	assert_int_equal(count(c, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
}

static void
test_donor_scope(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	int64_t mine = make_grant(c, "DS-1"), theirs = make_grant(c, "DS-2");
	int64_t d = count(c, "SELECT donor_id FROM grant_agreement WHERE"
	    " number = 'DS-1'"), other_d = count(c, "SELECT donor_id FROM"
	    " grant_agreement WHERE number = 'DS-2'");
	int64_t denied, p_mine, p_theirs, p_linked, v;
	struct project_info *pi;
	struct report_benef *rb;
	struct donor_info *di;
	struct grant_info *gl;
	struct grant_full *f;
	struct grant_edit e;
	struct project_new pn;
	size_t n;

	actor = fx_actor(c->f, donor_user(c, "donor.ds", d));
	assert_non_null(actor);
	/* Their donor's grants only; another's is 404 and audited. */
	OK(grant_list(sv, NULL, &gl, &n));
	assert_int_equal(n, 1);
	assert_int_equal(gl[0].id, mine);
	denied = count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'grant.denied'");
	REFUSED(grant_get(sv, theirs, &f), SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'grant.denied'"), denied + 1);
	OK(grant_get(sv, mine, &f));
	assert_int_equal(f->nserved, 0);
	assert_int_equal(f->nreports, 2);
	/* The donor: their own only. */
	OK(grant_donors(sv, &di, &n));
	assert_int_equal(n, 1);
	assert_int_equal(di[0].id, d);
	REFUSED(grant_donor_get(sv, other_d, &di), SVC_NOTFOUND, NULL, NULL);
	OK(grant_donor_mine(sv, &di));
	assert_int_equal(di->id, d);
	/* Read only. */
	v = gversion(c, mine);
	e = edit_of(c, mine);
	REFUSED(grant_update(sv, mine, &e), SVC_DENIED, NULL, NULL);
	REFUSED(grant_status_set(sv, mine, v, "suspended", "X"), SVC_DENIED,
	    NULL, NULL);
	REFUSED(grant_report_date_add(sv, mine, day(c, 50)), SVC_DENIED,
	    NULL, NULL);
	REFUSED(grant_report_date_remove(sv, mine, f->reports[1].id, "X"),
	    SVC_DENIED, NULL, NULL);
	REFUSED(grant_mine(sv, &gl, &n), SVC_DENIED, NULL, NULL);
	{
		struct beneficiary_new b = ben("K-1", "child", "6_11");

		REFUSED(grant_beneficiary_add(sv, mine, &b, NULL), SVC_DENIED,
		    NULL, NULL);
	}
	/* A donor user without a donor sees nothing. */
	assert_int_equal(fx_raw_exec(c->f, "UPDATE user SET donor_id = NULL"
	    " WHERE username = 'donor.ds'"), SQLITE_OK);
	OK(grant_list(sv, NULL, &gl, &n));
	assert_int_equal(n, 0);
	REFUSED(grant_get(sv, mine, &f), SVC_NOTFOUND, NULL, NULL);
	REFUSED(grant_donor_mine(sv, &di), SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE user"
	    " SET donor_id = %lld WHERE username = 'donor.ds'",
	    (long long)d)), SQLITE_OK);
	/* Projects: the donor's own, one linked to its grant; not
	 * another's. */
	memset(&pn, 0, sizeof(pn));
	pn.country = "XK";
	pn.start = day(c, -300);
	pn.end = day(c, 300);
	{
		struct actor *saved = actor;

		actor = c->root;
		pn.name = "Mine";
		pn.donor = arena_printf(c->f->a, "%lld", (long long)d);
		OK(report_project_create(sv, &pn, &p_mine));
		pn.name = "Theirs";
		pn.donor = arena_printf(c->f->a, "%lld", (long long)other_d);
		OK(report_project_create(sv, &pn, &p_theirs));
		OK(report_grant_link(sv, p_theirs, theirs));
		pn.name = "Linked";
		pn.donor = "";
		OK(report_project_create(sv, &pn, &p_linked));
		OK(report_grant_link(sv, p_linked, mine));
		actor = saved;
	}
	OK(report_projects(sv, &pi, &n));
	assert_int_equal(n, 2);
	assert_true((pi[0].id == p_mine && pi[1].id == p_linked) ||
	    (pi[1].id == p_mine && pi[0].id == p_linked));
	denied = count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'report.project.denied'");
	REFUSED(report_beneficiaries(sv, p_theirs, &rb), SVC_NOTFOUND, NULL,
	    NULL);
	REFUSED(report_project_get(sv, p_theirs, &pi), SVC_NOTFOUND, NULL,
	    NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'report.project.denied'"), denied + 2);
	OK(report_beneficiaries(sv, p_linked, &rb));
	/* Another donor's grant in the same project: in one row of "other
	 * donors", its amount in the total, its number and grantee unseen. */
	{
		struct actor *saved = actor;
		int64_t total_all, theirs_amount = count(c, "SELECT amount_cents"
		    " FROM grant_agreement WHERE number = 'DS-2'");
		size_t i;
		int seen_mine = 0, seen_others = 0;

		actor = c->root;
		OK(report_grant_link(sv, p_linked, theirs));
		actor = c->admin;	/* the municipality's reader: all */
		OK(report_beneficiaries(sv, p_linked, &rb));
		assert_int_equal(rb->grants.nrows, 3);
		total_all = rt_at(&rb->grants, 2, 2)->v;
		actor = saved;
		OK(report_beneficiaries(sv, p_linked, &rb));
		assert_int_equal(rb->grants.nrows, 3);	/* mine, others, total */
		for (i = 0; i + 1 < rb->grants.nrows; i++) {
			const char *num = rt_at(&rb->grants, i, 1)->text;

			assert_string_not_equal(num, "DS-2");
			if (strcmp(num, "DS-1") == 0)
				seen_mine = 1;
			else {
				assert_string_equal(num, "");
				assert_non_null(strstr(rt_at(&rb->grants, i,
				    0)->text, "(1)"));
				assert_int_equal(rt_at(&rb->grants, i, 2)->v,
				    theirs_amount);
				seen_others = 1;
			}
		}
		assert_true(seen_mine && seen_others);
		assert_int_equal(rt_at(&rb->grants, 2, 2)->v, total_all);
	}
	REFUSED(report_target_set(sv, p_linked, "children", "", "100"),
	    SVC_DENIED, NULL, NULL);
	REFUSED(report_grant_link(sv, p_mine, theirs), SVC_DENIED, NULL,
	    NULL);
}

/* Serves n children (codes prefix-1..n, at risk) and m adults under grant
 * id, once each. */
static void
serve(struct ctx *c, int64_t id, const char *prefix, int n, int m)
{
	static const char *const risk[] = { "at_risk" };
	struct actor *actor = c->prov;
	struct beneficiary_new b;
	const char *code;
	int i;

	for (i = 0; i < n + m; i++) {
		code = arena_printf(c->f->a, "%s-%d", prefix, i + 1);
		b = ben(code, i < n ? "child" : "adult", i < n ? "6_11" :
		    "18_64");
		b.categories = risk;
		b.ncategories = 1;
		OK(grant_beneficiary_add(sv, id, &b, NULL));
		OK(grant_delivery_add(sv, id, day(c, -1), provider_services[0],
		    code, NULL));
	}
}

static void
test_donor_suppressed(void **state)
{
	struct ctx *c = *state;
	struct actor *actor;
	int64_t small = make_grant(c, "SM-1"), mixed, big, d;
	struct grant_full *f;
	struct grant_info *gl;
	struct report_benef *rb;
	struct project_new pn;
	int64_t proj;
	size_t n, i, k;

	/* The second and third grants of the same donor. */
	d = count(c, "SELECT donor_id FROM grant_agreement WHERE"
	    " number = 'SM-1'");
	actor = c->admin;
	{
		struct grant_new g = grant(c, d, "SM-2");

		OK(grant_create(sv, &g, &mixed));
		g = grant(c, d, "SM-3");
		OK(grant_create(sv, &g, &big));
	}
	serve(c, small, "S", 3, 0);	/* 3 people: all under 5 */
	serve(c, mixed, "M", 6, 2);	/* 8 people, 2 adults */
	serve(c, big, "B", 7, 5);	/* 12 people, nothing small */
	actor = fx_actor(c->f, donor_user(c, "donor.sm", d));
	assert_non_null(actor);
	OK(grant_get(sv, small, &f));
	assert_int_equal(f->g.people, GRANT_SUPPRESSED);
	assert_int_equal(f->g.children, GRANT_SUPPRESSED);
	assert_int_equal(f->g.adults, 0);
	assert_int_equal(f->g.cents_per_person, GRANT_SUPPRESSED);
	assert_int_equal(f->g.amount_cents, 270000000);
	for (i = 0; i < f->ncategories; i++)
		if (strcmp(f->categories[i].category, "at_risk") == 0)
			assert_int_equal(f->categories[i].people,
			    GRANT_SUPPRESSED);
		else
			assert_int_equal(f->categories[i].people, 0);
	/* 2 adults hidden, and the 6 children with them (8 - 6 = 2). */
	OK(grant_get(sv, mixed, &f));
	assert_int_equal(f->g.people, 8);
	assert_int_equal(f->g.adults, GRANT_SUPPRESSED);
	assert_int_equal(f->g.children, GRANT_SUPPRESSED);
	assert_int_equal(f->g.cents_per_person, 270000000 / 8);
	OK(grant_get(sv, big, &f));
	assert_int_equal(f->g.people, 12);
	assert_int_equal(f->g.children, 7);
	assert_int_equal(f->g.adults, 5);
	/* The list the same. */
	OK(grant_list(sv, NULL, &gl, &n));
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		if (gl[i].id == small)
			assert_int_equal(gl[i].people, GRANT_SUPPRESSED);
	/* The reader of the municipality sees the figures. */
	actor = c->admin;
	OK(grant_get(sv, small, &f));
	assert_int_equal(f->g.people, 3);
	/* The project's beneficiary report: a cell under 5 is "<5". */
	memset(&pn, 0, sizeof(pn));
	pn.country = "XK";
	pn.name = "Small cells";
	pn.donor = arena_printf(c->f->a, "%lld", (long long)d);
	pn.start = day(c, -300);
	pn.end = day(c, 300);
	actor = c->root;
	OK(report_project_create(sv, &pn, &proj));
	OK(report_grant_link(sv, proj, small));
	actor = fx_actor(c->f, count(c, "SELECT id FROM user WHERE"
	    " username = 'donor.sm'"));
	OK(report_beneficiaries(sv, proj, &rb));
	k = 0;
	for (i = 0; i < rb->children.nrows; i++)
		if (rt_at(&rb->children, i, 1)->v > 0) {
			assert_true(rt_at(&rb->children, i, 1)->suppressed);
			k++;
		}
	assert_true(k > 0);
	assert_non_null(strstr(rb->summary, "<5"));
}

/* ---------------------------------------------------------------- action plans */

static struct ap_new
plan(struct ctx *c, const char *title)
{
	struct ap_new p;

	memset(&p, 0, sizeof(p));
	p.title = title;
	p.start = day(c, -60);
	p.end = day(c, 300);
	p.adopted = day(c, -70);
	p.institution = "DSHMS Hani i Elezit";
	return p;
}

static void
test_plan_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	struct ap_new p;
	struct ap_full *f;
	struct ap_info *l;
	int64_t id = 0;
	size_t n;

	p = plan(c, "");
	REFUSED(ap_create(sv, &p, NULL), SVC_INVALID, "title",
	    "error.field.required");
	p = plan(c, "Plan 2026");
	p.end = day(c, -60);
	REFUSED(ap_create(sv, &p, NULL), SVC_INVALID, "end",
	    "grant.err.end_before");
	p = plan(c, "Plan 2026");
	p.adopted = day(c, 3);
	REFUSED(ap_create(sv, &p, NULL), SVC_INVALID, "adopted",
	    "grant.err.future");
	p = plan(c, "Plan 2026");
	p.institution = "";
	REFUSED(ap_create(sv, &p, NULL), SVC_INVALID, "institution",
	    "error.field.required");
	p = plan(c, "Plan 2026");
	p.municipality_id = c->pris_m;
	REFUSED(ap_create(sv, &p, NULL), SVC_INVALID, "municipality",
	    "grant.err.municipality");
	p = plan(c, "Plan 2026");
	actor = c->sup;
	REFUSED(ap_create(sv, &p, NULL), SVC_DENIED, NULL, NULL);
	actor = c->cw;
	REFUSED(ap_list(sv, &l, &n), SVC_DENIED, NULL, NULL);
	actor = c->comm;
	REFUSED(ap_list(sv, &l, &n), SVC_DENIED, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM action_plan"), 0);
	actor = c->admin;
	OK(ap_create(sv, &p, &id));
	REFUSED(ap_create(sv, &p, NULL), SVC_CONFLICT, "title",
	    "ap.err.exists");
	/* Another municipality's administrator: 404; a supervisor reads. */
	actor = c->padmin;
	REFUSED(ap_get(sv, id, &f), SVC_NOTFOUND, NULL, "error.notfound");
	REFUSED(ap_objective_add(sv, id, "x", NULL), SVC_NOTFOUND, NULL,
	    NULL);
	OK(ap_list(sv, &l, &n));
	assert_int_equal(n, 0);
	actor = c->sup;
	OK(ap_get(sv, id, &f));
	REFUSED(ap_objective_add(sv, id, "x", NULL), SVC_DENIED, NULL, NULL);
	actor = c->root;
	OK(ap_list(sv, &l, &n));
	assert_int_equal(n, 1);
}

static void
test_plan_progress(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->admin;
	struct ap_new p = plan(c, "Plan 2026");
	struct ap_indicator_new in;
	struct ap_full *f;
	int64_t id = 0, obj = 0, ind = 0, ind2 = 0;

	OK(ap_create(sv, &p, &id));
	REFUSED(ap_objective_add(sv, id, "", NULL), SVC_INVALID, "title",
	    "error.field.required");
	OK(ap_objective_add(sv, id, "Fewer children in institutions", &obj));
	memset(&in, 0, sizeof(in));
	in.objective_id = obj;
	in.name = "Children in foster care";
	in.unit = "children";
	in.baseline = "10";
	in.target = "5";
	in.direction = "up";
	REFUSED(ap_indicator_add(sv, id, &in, NULL), SVC_INVALID, "target",
	    "ap.err.target_up");
	in.direction = "sideways";
	REFUSED(ap_indicator_add(sv, id, &in, NULL), SVC_INVALID, "direction",
	    "error.field.choice");
	in.direction = "up";
	in.baseline = "-1";
	REFUSED(ap_indicator_add(sv, id, &in, NULL), SVC_INVALID, "baseline",
	    "ap.err.value_negative");
	in.baseline = "1,234";
	REFUSED(ap_indicator_add(sv, id, &in, NULL), SVC_INVALID, "baseline",
	    "ap.err.value_ambiguous");
	in.baseline = "10";
	in.objective_id = 999999;
	REFUSED(ap_indicator_add(sv, id, &in, NULL), SVC_INVALID, "objective",
	    "error.field.choice");
	in.objective_id = obj;
	in.target = "30";
	OK(ap_indicator_add(sv, id, &in, &ind));
	in.name = "Children in institutions";
	in.baseline = "40";
	in.target = "20";
	in.direction = "down";
	OK(ap_indicator_add(sv, id, &in, &ind2));
	/* Progress: before the plan started, in the future, bad value. */
	REFUSED(ap_progress_add(sv, id, ind, day(c, -61), "12", "", NULL),
	    SVC_INVALID, "period_end", "ap.err.before_start");
	REFUSED(ap_progress_add(sv, id, ind, day(c, 1), "12", "", NULL),
	    SVC_INVALID, "period_end", "grant.err.future");
	REFUSED(ap_progress_add(sv, id, ind, day(c, -30), "1e2", "", NULL),
	    SVC_INVALID, "value", "ap.err.value_format");
	REFUSED(ap_progress_add(sv, id, 999999, day(c, -30), "12", "", NULL),
	    SVC_INVALID, "indicator", "error.field.choice");
	assert_int_equal(count(c, "SELECT count(*) FROM action_plan_progress"),
	    0);
	OK(ap_progress_add(sv, id, ind, day(c, -30), "15", "first quarter",
	    NULL));
	REFUSED(ap_progress_add(sv, id, ind, day(c, -30), "16", "", NULL),
	    SVC_CONFLICT, "period_end", "ap.err.progress_exists");
	OK(ap_progress_add(sv, id, ind, day(c, 0), "20", "", NULL));
	OK(ap_progress_add(sv, id, ind2, day(c, 0), "35", "", NULL));
	OK(ap_get(sv, id, &f));
	assert_int_equal(f->nobjectives, 1);
	assert_int_equal(f->objectives[0].nindicators, 2);
	assert_int_equal(f->objectives[0].indicators[0].latest, 2000);
	assert_int_equal(f->objectives[0].indicators[0].percent, 50);
	assert_int_equal(f->objectives[0].indicators[0].nprogress, 2);
	assert_int_equal(f->objectives[0].indicators[1].percent, 25);
	assert_int_equal(ap_percent(1000, 3000, 500), 0);
	assert_int_equal(ap_percent(1000, 3000, 9000), 100);
	assert_int_equal(ap_percent(4000, 2000, 5000), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action LIKE 'action_plan.%'"), 7);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount_parse),
		T(test_donor_refused),
		T(test_grant_refused),
		T(test_grant_scope),
		T(test_report_dates),
		T(test_status),
		T(test_report_due_scan),
		T(test_beneficiary_refused),
		T(test_delivery_and_counts),
		T(test_update_refused),
		T(test_update),
		T(test_report_date_remove),
		T(test_donor_user_create),
		T(test_donor_scope),
		T(test_donor_suppressed),
		T(test_plan_refused),
		T(test_plan_progress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
