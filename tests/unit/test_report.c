/*
 * test_report.c — donor projects and the beneficiary report
 * (svc/report.c): bad input of every kind first, then the counting rules
 * against a small hand-built data set (a child in two categories, a
 * delivery outside the period, a professional in two sessions, small cells
 * suppressed with their complement), the export audit, and the periods of
 * the scheduled reports.
 */
#include "testutil.h"

#include "fixture.h"

#include "../../src/svc/report.h"

struct rx {
	struct fx	*f;
	int64_t		 ca, sup, admin, analyst, ngo, grant, grant2, prog;
	int64_t		 project;
};

static struct rx X;

/* Grant data (0014) and training data (0016) written directly, as the
 * grant and training services would have. */
static void
seed(struct fx *f)
{
	char sql[8192];
	int n = 0, i;

	n += snprintf(sql + n, sizeof(sql) - n,
	    "INSERT INTO donor (id, name, kind, programme, programme_start,"
	    " programme_end, created_by, created_at) VALUES (1, 'Donor', "
	    "'bilateral', 'Safe Network', '2017-01-01', '2019-12-31', 0, 0);"
	    "INSERT INTO grant_agreement (id, donor_id, grantee_id, number, "
	    "title, amount_cents, start_date, end_date, created_by, created_at)"
	    " VALUES (1, 1, %lld, 'G-1', 'Shelter', 2700000, '2017-01-01', "
	    "'2019-12-31', 0, 0), (2, 1, %lld, 'G-2', 'Day care', 100000, "
	    "'2017-01-01', '2019-12-31', 0, 0);"
	    "INSERT INTO grant_service VALUES (1, 'shelter'), (2, 'day_care');",
	    (long long)X.ngo, (long long)X.ngo);
	/* Children 1..12 (kind child), 13 an adult. Child 1 is at risk and a
	 * trafficking victim; children 2..9 at risk; 10..12 trafficking:
	 * trafficking has 1 + 3 = 4 (suppressed). */
	for (i = 1; i <= 13; i++)
		n += snprintf(sql + n, sizeof(sql) - n,
		    "INSERT INTO grant_beneficiary (id, grantee_id, code, kind, "
		    "sex, age_band, created_by, created_at) VALUES (%d, %lld, "
		    "'B%d', '%s', 'f', '%s', %lld, 0);", i, (long long)X.ngo, i,
		    i == 13 ? "adult" : "child", i == 13 ? "18_64" : "6_11",
		    (long long)X.admin);
	n += snprintf(sql + n, sizeof(sql) - n,
	    "INSERT INTO grant_beneficiary_category VALUES (1, 'at_risk'), "
	    "(1, 'trafficking'), (2, 'at_risk'), (3, 'at_risk'), (4, 'at_risk'),"
	    " (5, 'at_risk'), (6, 'at_risk'), (7, 'at_risk'), (8, 'at_risk'), "
	    "(9, 'at_risk'), (10, 'trafficking'), (11, 'trafficking'), "
	    "(12, 'trafficking'), (13, 'elderly');");
	/* Each served twice under grant 1 (counts once); child 12 only
	 * outside the project's period (does not count). */
	for (i = 1; i <= 13; i++)
		n += snprintf(sql + n, sizeof(sql) - n,
		    "INSERT INTO grant_delivery (grant_id, service, "
		    "beneficiary_id, delivered_on, recorded_by, recorded_at) "
		    "VALUES (1, 'shelter', %d, '%s', %lld, 0), (1, 'shelter', "
		    "%d, '%s', %lld, 0);", i, i == 12 ? "2016-05-01" :
		    "2018-03-01", (long long)X.admin, i, i == 12 ?
		    "2016-06-01" : "2018-04-01", (long long)X.admin);
	assert_int_equal(fx_raw_exec(f, sql), 0);

	n = snprintf(sql, sizeof(sql),
	    "INSERT INTO training_programme (id, country, title, acc_body, "
	    "body_key, acc_number, valid_from, valid_until, hours, created_by,"
	    " created_at) VALUES (1, 'XK', 'Case management', 'Agency', "
	    "'agency', 'A-1', '2017-01-01', '2020-01-01', 20, %lld, 0);"
	    "INSERT INTO training_session (id, programme_id, start_date, "
	    "end_date, municipality_id, venue, trainers, capacity, status, "
	    "created_by, created_at, updated_at) VALUES "
	    "(1, 1, '2018-01-10', '2018-01-12', %lld, 'Hall', 'T', 30, 'held',"
	    " %lld, 0, 0), (2, 1, '2018-02-10', '2018-02-12', %lld, 'Hall', "
	    "'T', 30, 'held', %lld, 0, 0), (3, 1, '2018-03-10', '2018-03-12', "
	    "%lld, 'Hall', 'T', 30, 'planned', %lld, 0, 0);",
	    (long long)X.admin, (long long)fx_muni(f, "XK09"),
	    (long long)X.admin, (long long)fx_muni(f, "XK09"),
	    (long long)X.admin, (long long)fx_muni(f, "XK09"),
	    (long long)X.admin);
	/* Six social workers (one in two sessions: counts once), two police
	 * officers (2: suppressed; its complement is the smallest other). */
	for (i = 1; i <= 8; i++)
		n += snprintf(sql + n, sizeof(sql) - n,
		    "INSERT INTO professional (id, given_name, family_name, "
		    "fold_given, fold_family, sex, profile, organisation, "
		    "municipality_id, created_by, created_at) VALUES (%d, 'P', "
		    "'Q', 'p', 'q', 'female', '%s', 'QPS', %lld, %lld, 0);"
		    "INSERT INTO training_enrolment (session_id, "
		    "professional_id, status, hours, created_by, created_at, "
		    "updated_at) VALUES (1, %d, 'attended', 20, %lld, 0, 0);",
		    i, i <= 6 ? "social_worker" : "police",
		    (long long)fx_muni(f, "XK09"), (long long)X.admin, i,
		    (long long)X.admin);
	n += snprintf(sql + n, sizeof(sql) - n,
	    "INSERT INTO training_enrolment (session_id, professional_id, "
	    "status, hours, created_by, created_at, updated_at) VALUES "
	    "(2, 1, 'partly', 10, %lld, 0, 0), (3, 1, 'enrolled', 0, %lld, 0, "
	    "0), (2, 7, 'absent', 0, %lld, 0, 0);", (long long)X.admin,
	    (long long)X.admin, (long long)X.admin);
	assert_int_equal(fx_raw_exec(f, sql), 0);
}

static int
setup(void **state)
{
	struct fx *f;
	int64_t qps, team, min;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	memset(&X, 0, sizeof(X));
	X.f = f;
	qps = fx_agency(f, "QPS-09", AGENCY_SOCIAL_WORK, "XK09", NULL);
	team = fx_team(f, qps, "A");
	min = fx_agency(f, "MIN-XK", AGENCY_MINISTRY, NULL, "XK");
	X.ngo = fx_agency(f, "NGO-1", AGENCY_PROVIDER, "XK09", NULL);
	X.ca = fx_user(f, "cw.one", ROLE_CASEWORKER, qps, team);
	X.sup = fx_user(f, "sup.one", ROLE_SUPERVISOR, qps, team);
	X.admin = fx_user(f, "admin.one", ROLE_MUNICIPAL_ADMIN, qps, 0);
	X.analyst = fx_user(f, "analyst", ROLE_CENTRAL_ANALYST, min, 0);
	assert_true(X.ca && X.sup && X.admin && X.analyst && X.ngo);
	seed(f);
	return 0;
}

static int64_t
mkproject(struct svc *s, const char *name, const char *start, const char *end)
{
	struct project_new n = { "XK", name, "1", start, end };
	int64_t id = 0;

	assert_int_equal(report_project_create(s, &n, &id), SVC_OK);
	return id;
}

/* ---------------------------------------------------------- bad input */

static void
test_project_bad_input(void **state)
{
	struct fx *f = *state;
	struct svc s = fx_svc(f, fx_actor(f, X.admin));
	struct svc c = fx_svc(f, fx_actor(f, X.ca));
	struct project_new n;
	int64_t before = fx_raw_int(f, "SELECT count(*) FROM project");

	memset(&n, 0, sizeof(n));
	n = (struct project_new){ "XK", "", NULL, "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "name");
	n = (struct project_new){ "RS", "P", NULL, "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "country");
	n = (struct project_new){ "AL", "P", NULL, "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "rpt.err.country");
	n = (struct project_new){ "XK", "P", NULL, "2019-01-01", "2017-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "end");
	n = (struct project_new){ "XK", "P", NULL, "31.02.2019", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "start");
	n = (struct project_new){ "XK", "P", "99", "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "rpt.err.no_donor");
	n = (struct project_new){ "XK", "P", "x1", "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "donor");
	n = (struct project_new){ "XK", "P", NULL, "2017-01-01", "2019-12-31" };
	assert_int_equal(report_project_create(&c, &n, NULL), SVC_DENIED);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM project"), before);
	/* The same name twice in a country: a conflict. */
	(void)mkproject(&s, "Twice", "2017-01-01", "2019-12-31");
	n = (struct project_new){ "XK", "Twice", NULL, "2017-01-01",
	    "2019-12-31" };
	assert_int_equal(report_project_create(&s, &n, NULL), SVC_CONFLICT);
}

static void
test_target_bad_input(void **state)
{
	struct fx *f = *state;
	struct svc s = fx_svc(f, fx_actor(f, X.admin));
	struct svc a = fx_svc(f, fx_actor(f, X.analyst));
	int64_t p = mkproject(&s, "Targets", "2017-01-01", "2019-12-31");

	assert_int_equal(report_target_set(&s, p, "nope", "", "5"),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "kind");
	assert_int_equal(report_target_set(&s, p, "child_category", "pets",
	    "5"), SVC_INVALID);
	assert_string_equal(s.err.field, "key");
	assert_int_equal(report_target_set(&s, p, "profile", "at_risk", "5"),
	    SVC_INVALID);
	assert_int_equal(report_target_set(&s, p, "children", "at_risk",
	    "5"), SVC_INVALID);
	assert_string_equal(s.err.msg, "rpt.err.key_none");
	assert_int_equal(report_target_set(&s, p, "children", "", "-5"),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "target");
	assert_int_equal(report_target_set(&s, p, "children", "", "5x"),
	    SVC_INVALID);
	assert_int_equal(report_target_set(&s, p, "children", "", ""),
	    SVC_INVALID);
	assert_int_equal(report_target_set(&s, p, "amount", "", "1,2,3"),
	    SVC_INVALID);
	assert_int_equal(report_target_set(&s, 9999, "children", "", "5"),
	    SVC_NOTFOUND);
	assert_int_equal(report_target_set(&a, p, "children", "", "5"),
	    SVC_DENIED);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM project_target"),
	    0);
	assert_int_equal(report_target_set(&s, p, "children", "", "6080"),
	    SVC_OK);
	assert_int_equal(report_target_set(&s, p, "children", "", "6000"),
	    SVC_OK);
	assert_int_equal(fx_raw_int(f, "SELECT target FROM project_target"),
	    6000);
}

static void
test_link_bad_input(void **state)
{
	struct fx *f = *state;
	struct svc s = fx_svc(f, fx_actor(f, X.admin));
	int64_t p = mkproject(&s, "Links", "2017-01-01", "2019-12-31");

	assert_int_equal(report_grant_link(&s, p, 77), SVC_INVALID);
	assert_string_equal(s.err.field, "grant");
	assert_int_equal(report_programme_link(&s, p, 77), SVC_INVALID);
	assert_string_equal(s.err.field, "programme");
	assert_int_equal(report_grant_link(&s, p, 1), SVC_OK);
	assert_int_equal(report_grant_link(&s, p, 1), SVC_CONFLICT);
	assert_int_equal(report_grant_link(&s, 4242, 1), SVC_NOTFOUND);
	assert_int_equal(fx_raw_int(f,
	    "SELECT count(*) FROM project_grant"), 1);
}

/* A project of another country is not found for an actor of this one,
 * and the attempt is audited. */
static void
test_other_country_notfound(void **state)
{
	struct fx *f = *state;
	struct svc a = fx_svc(f, fx_actor(f, X.analyst));
	struct report_benef *b;

	assert_int_equal(fx_raw_exec(f, "INSERT INTO project (id, country, "
	    "name, start_date, end_date, created_by, created_at) VALUES "
	    "(900, 'AL', 'Albanian', '2017-01-01', '2018-01-01', 0, 0)"), 0);
	assert_int_equal(report_beneficiaries(&a, 900, &b), SVC_NOTFOUND);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'report.project.denied' AND object_id = 900"), 1);
	assert_int_equal(report_beneficiaries(&a, 901, &b), SVC_NOTFOUND);
}

static void
test_beneficiaries_denied_without_permission(void **state)
{
	struct fx *f = *state;
	struct svc r = fx_svc(f, &f->root);
	struct report_benef *b;

	assert_int_equal(report_beneficiaries(&r, 1, &b), SVC_DENIED);
}

/* ------------------------------------------------------ the counting */

static void
test_beneficiaries_counts(void **state)
{
	struct fx *f = *state;
	struct svc s = fx_svc(f, fx_actor(f, X.admin));
	struct svc a = fx_svc(f, fx_actor(f, X.analyst));
	struct report_benef *b;
	const struct rt_table *c, *pr, *g;
	int64_t p = mkproject(&s, "Safe Network – Phase III", "2017-01-01",
	    "2019-12-31");

	assert_int_equal(report_grant_link(&s, p, 1), SVC_OK);
	assert_int_equal(report_grant_link(&s, p, 2), SVC_OK);
	assert_int_equal(report_programme_link(&s, p, 1), SVC_OK);
	assert_int_equal(report_target_set(&s, p, "children", "", "20"),
	    SVC_OK);
	assert_int_equal(report_target_set(&s, p, "child_category", "at_risk",
	    "10"), SVC_OK);
	assert_int_equal(report_beneficiaries(&a, p, &b), SVC_OK);
	c = &b->children;
	/* Rows: the six categories in grant_categories order, then total. */
	assert_int_equal(c->nrows, 7);
	assert_true(c->has_total);
	/* at_risk: children 1..9 = 9; target 10: 90.0 %. */
	assert_int_equal(rt_at(c, 0, 1)->v, 9);
	assert_false(rt_at(c, 0, 1)->suppressed);
	assert_int_equal(rt_at(c, 0, 2)->v, 10);
	assert_int_equal(rt_at(c, 0, 3)->v, 900);
	/* trafficking: 1, 10, 11 (12 was served outside the period) = 3:
	 * suppressed, and its share with it. */
	assert_int_equal(rt_at(c, 3, 1)->v, 3);
	assert_true(rt_at(c, 3, 1)->suppressed);
	/* elderly: only an adult: 0 children, shown. */
	assert_int_equal(rt_at(c, 4, 1)->v, 0);
	assert_false(rt_at(c, 4, 1)->suppressed);
	/* The total counts child 1 once: 1..11 = 11 children. */
	assert_int_equal(rt_at(c, 6, 1)->v, 11);
	assert_false(rt_at(c, 6, 1)->suppressed);
	assert_int_equal(rt_at(c, 6, 3)->v, 550);
	/* No target for a category: the share is missing, not 0. */
	assert_true(rt_at(c, 1, 3)->missing);

	pr = &b->professionals;
	assert_int_equal(pr->nrows, 10);
	/* social_worker: 6 (one in two sessions, once); police 2 attended
	 * (suppressed); the planned session and the absence do not count. */
	assert_int_equal(rt_at(pr, 0, 1)->v, 6);
	assert_int_equal(rt_at(pr, 5, 1)->v, 2);
	assert_true(rt_at(pr, 5, 1)->suppressed);
	/* Its complement: the column adds up to the total, so the smallest
	 * other non-zero cell is hidden too. */
	assert_true(rt_at(pr, 0, 1)->suppressed);
	assert_int_equal(rt_at(pr, 9, 1)->v, 8);
	assert_false(rt_at(pr, 9, 1)->suppressed);

	g = &b->grants;
	assert_int_equal(g->nrows, 3);
	/* G-1: 12 people in the period (11 children and the adult). */
	assert_string_equal(rt_at(g, 0, 1)->text, "G-1");
	assert_int_equal(rt_at(g, 0, 2)->v, 2700000);
	assert_int_equal(rt_at(g, 0, 3)->v, 12);
	assert_int_equal(rt_at(g, 0, 4)->v, 11);
	/* G-2: nobody served: 0, shown. */
	assert_int_equal(rt_at(g, 1, 3)->v, 0);
	assert_int_equal(rt_at(g, 2, 2)->v, 2800000);
	assert_non_null(strstr(b->summary, "11"));
	assert_null(strstr(b->summary, "B1"));
}

static void
test_suppress_complement(void **state)
{
	static const enum rt_kind k[] = { RT_TEXT, RT_INT, RT_PERMILLE };
	static const int counts[] = { 0, 1, 0 };
	struct rt_cell cells[4 * 3];
	struct rt_table t;

	(void)state;
	memset(&t, 0, sizeof(t));
	memset(cells, 0, sizeof(cells));
	t.ncols = 3;
	t.nrows = 4;
	t.colkinds = k;
	t.cells = cells;
	t.has_total = 1;
	rt_at(&t, 0, 1)->v = 3;
	rt_at(&t, 1, 1)->v = 20;
	rt_at(&t, 2, 1)->v = 7;
	rt_at(&t, 3, 1)->v = 30;
	report_suppress(&t, counts, 1);
	assert_true(rt_at(&t, 0, 1)->suppressed);
	assert_true(rt_at(&t, 2, 1)->suppressed);	/* the complement */
	assert_false(rt_at(&t, 1, 1)->suppressed);
	assert_false(rt_at(&t, 3, 1)->suppressed);
	assert_true(rt_at(&t, 0, 2)->suppressed);	/* its share */
	/* Zero is not a small cell. */
	memset(cells, 0, sizeof(cells));
	rt_at(&t, 1, 1)->v = 9;
	rt_at(&t, 3, 1)->v = 9;
	report_suppress(&t, counts, 1);
	assert_false(rt_at(&t, 0, 1)->suppressed);
	assert_false(rt_at(&t, 1, 1)->suppressed);
}

/* ------------------------------------------------------- export audit */

static void
test_export_audit(void **state)
{
	struct fx *f = *state;
	struct svc a = fx_svc(f, fx_actor(f, X.analyst));
	struct svc s = fx_svc(f, fx_actor(f, X.sup));

	assert_int_equal(report_export_audit(&a, "project", 3, "xlsx", 0, 7),
	    SVC_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'export.xlsx' AND detail LIKE '%rows=7%'"), 1);
	/* Personal data: only PERM_EXPORT_PERSONAL; a refusal is audited. */
	assert_int_equal(report_export_audit(&a, "cases", 0, "csv", 1, 7),
	    SVC_DENIED);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'export.denied'"), 1);
	assert_int_equal(report_export_audit(&s, "cases", 0, "csv", 1, 7),
	    SVC_OK);
}

/* ------------------------------------------------------------ periods */

static void
test_periods(void **state)
{
	struct fx *f = *state;
	const char *from, *to;

	assert_int_equal(report_period_days(f->a, "monthly", "2024-02", &from,
	    &to), 0);
	assert_string_equal(from, "2024-02-01");
	assert_string_equal(to, "2024-02-29");
	assert_int_equal(report_period_days(f->a, "quarterly", "2026-Q4",
	    &from, &to), 0);
	assert_string_equal(from, "2026-10-01");
	assert_string_equal(to, "2026-12-31");
	assert_int_equal(report_period_days(f->a, "monthly", "2024-13", &from,
	    &to), -1);
	assert_int_equal(report_period_days(f->a, "monthly", "2024-1", &from,
	    &to), -1);
	assert_int_equal(report_period_days(f->a, "quarterly", "2024-Q5",
	    &from, &to), -1);
	assert_int_equal(report_period_days(f->a, "weekly", "2024-01", &from,
	    &to), -1);
	assert_string_equal(report_period_last(f->a, "monthly", "2026-01-15"),
	    "2025-12");
	assert_string_equal(report_period_last(f->a, "quarterly",
	    "2026-02-01"), "2025-Q4");
	assert_string_equal(report_period_last(f->a, "quarterly",
	    "2026-11-25"), "2026-Q3");
}

static void
test_schedule_bad_input(void **state)
{
	struct fx *f = *state;
	struct svc r = fx_svc(f, &f->root);
	struct report_sched *sc;
	size_t n;
	int64_t id;

	assert_int_equal(report_schedule_add(&r, "weekly", "XK", NULL, "csv",
	    &id), SVC_INVALID);
	assert_int_equal(report_schedule_add(&r, "monthly", "XK", NULL, "doc",
	    &id), SVC_INVALID);
	assert_int_equal(report_schedule_add(&r, "monthly", "XK", "XK99",
	    "csv", &id), SVC_INVALID);
	assert_string_equal(r.err.field, "municipality");
	assert_int_equal(report_schedule_add(&r, "monthly", "AL", "XK09",
	    "csv", &id), SVC_INVALID);
	assert_int_equal(report_schedule_add(&r, "quarterly", "XK", "XK09",
	    "csv", &id), SVC_INVALID);
	assert_int_equal(report_schedule_add(&r, "monthly", NULL, NULL,
	    "csv", &id), SVC_INVALID);
	assert_int_equal(fx_raw_int(f,
	    "SELECT count(*) FROM report_schedule"), 0);
	assert_int_equal(report_schedule_add(&r, "monthly", NULL, "XK09",
	    "xlsx", &id), SVC_OK);
	assert_int_equal(report_run_record(&r, id, "monthly", "2026-10",
	    fx_muni(f, "XK09"), "xlsx", "/tmp/x.xlsx", 10, 100), SVC_OK);
	assert_int_equal(report_schedules(&r, &sc, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(sc[0].last_period, "2026-10");
	assert_string_equal(sc[0].country, "XK");
	assert_string_equal(sc[0].municipality, "XK09");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_project_bad_input, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_target_bad_input, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_link_bad_input, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_other_country_notfound,
		    setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_beneficiaries_denied_without_permission, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_beneficiaries_counts, setup,
		    fx_teardown),
		cmocka_unit_test(test_suppress_complement),
		cmocka_unit_test_setup_teardown(test_export_audit, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_periods, setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_schedule_bad_input, setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
