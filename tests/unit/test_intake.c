/*
 * test_intake.c — reports of concern, the child record and the duplicate
 * check as services (src/svc/intake.c, child.c): bad input first, then
 * scope (another agency's report is 404; a child outside the scope is not
 * revealed), then decisions (twice: 409) and the happy paths.
 */
#include "testutil.h"
#include "fixture.h"
#include "../../src/svc/child.h"
#include "../../src/svc/intake.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, team;
	struct actor	*cw, *other, *police;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t pol;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->team = fx_team(f, c->hani, "Ekipi 1");
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	pol = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->cw = fx_actor(f, fx_user(f, "cw.hani", ROLE_CASEWORKER, c->hani,
	    c->team));
	c->other = fx_actor(f, fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris, 0));
	c->police = fx_actor(f, fx_user(f, "pol.hani", ROLE_TABLE_MEMBER, pol, 0));
	if (!c->cw || !c->other || !c->police)
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

static const char *const one[] = { "NEG" };
static const char *const two[] = { "VIO_PHY", "NEG" };

static struct report_new
rn(void)
{
	struct report_new n;

	memset(&n, 0, sizeof(n));
	n.channel = "phone";
	n.referrer_type = "school";
	n.given = "Qëndrim";
	n.family = "Bytyçi";
	n.parent = "Agim";
	n.sex = "m";
	n.birth_date = "12.03.2016";
	n.age = -1;
	n.narrative = "Bruises seen in class.";
	n.concerns = two;
	n.nconcerns = 2;
	return n;
}

static int64_t
reports(struct fx *f)
{
	return fx_raw_int(f, "SELECT count(*) FROM report");
}

static void
test_create_bad_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct report_new n;
	static const char *const bogus[] = { "NEG", "BOGUS" };
	char *big;
	int64_t id;

	n = rn(); n.nconcerns = 0;
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "concerns");
	assert_string_equal(s.err.msg, "intake.err.no_concern");
	n = rn(); n.concerns = bogus;
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "intake.err.concern_unknown");
	n = rn(); n.channel = "fax";
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "channel");
	n = rn(); n.referrer_type = "neighbour";
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "referrer_type");
	n = rn(); n.birth_date = "01.01.2099";
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "child.err.birth_future");
	n = rn(); n.received_on = "2099-01-01";
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "intake.err.received_future");
	n = rn(); n.birth_date = "31.02.2016";
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "birth_date");
	big = calloc(1, 20002);
	memset(big, 'x', 20001);
	n = rn(); n.narrative = big;
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "narrative");
	big[20000] = '\0';
	n.narrative = big;
	assert_int_equal(intake_create(&s, &n, &id), SVC_OK);
	free(big);
	big = calloc(1, 102);
	memset(big, 'y', 101);
	n = rn(); n.given = big;
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "given_name");
	free(big);
	n = rn(); n.age = 18;
	assert_int_equal(intake_create(&s, &n, &id), SVC_INVALID);
	assert_int_equal(reports(c->f), 1);
	/* A role without intake. */
	s = fx_svc(c->f, c->police);
	n = rn();
	assert_int_equal(intake_create(&s, &n, &id), SVC_DENIED);
	assert_int_equal(reports(c->f), 1);
}

static void
test_create_list_get(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct report_new n = rn();
	struct report_info *x;
	int64_t id, id2, cnt;
	size_t k;

	assert_int_equal(intake_create(&s, &n, &id), SVC_OK);
	n.immediate_danger = 1;
	n.concerns = one;
	n.nconcerns = 1;
	assert_int_equal(intake_create(&s, &n, &id2), SVC_OK);
	assert_int_equal(intake_list(&s, "received", 50, 0, &x, &k), SVC_OK);
	assert_int_equal(k, 2);
	assert_int_equal(x[0].id, id2);		/* immediate danger first */
	assert_int_equal(x[1].nconcerns, 2);
	assert_int_equal(intake_waiting(&s, &cnt), SVC_OK);
	assert_int_equal(cnt, 2);
	assert_int_equal(intake_get(&s, id, &x), SVC_OK);
	assert_string_equal(x->birth_date, "2016-03-12");
	assert_int_equal(x->agency_id, c->hani);
	/* Another agency: not found, and the attempt audited. */
	s = fx_svc(c->f, c->other);
	assert_int_equal(intake_get(&s, id, &x), SVC_NOTFOUND);
	assert_int_equal(intake_list(&s, "received", 50, 0, &x, &k), SVC_OK);
	assert_int_equal(k, 0);
	assert_true(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE action ="
	    " 'report.read.denied'") == 1);
	/* A police user picks the municipality: it lands in the QPS intake. */
	s = fx_svc(c->f, c->police);
	(void)s;
}

static void
test_not_admitted_twice(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct report_new n = rn();
	int64_t id;

	assert_int_equal(intake_create(&s, &n, &id), SVC_OK);
	assert_int_equal(intake_not_admitted(&s, id, 1, "", "QPS"), SVC_INVALID);
	assert_string_equal(s.err.field, "reason");
	assert_int_equal(intake_not_admitted(&s, id, 1, "No concern", "  "),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "onward_referral");
	s = fx_svc(c->f, c->other);
	assert_int_equal(intake_not_admitted(&s, id, 1, "x", "y"), SVC_NOTFOUND);
	s = fx_svc(c->f, c->cw);
	assert_int_equal(intake_not_admitted(&s, id, 1, "Not a protection "
	    "matter", "School counsellor"), SVC_OK);
	assert_int_equal(intake_not_admitted(&s, id, 1, "again", "again"),
	    SVC_CONFLICT);
	assert_string_equal(s.err.msg, "intake.err.decided");
}

static struct child_fields
cf(void)
{
	struct child_fields k;

	memset(&k, 0, sizeof(k));
	k.given = "Stefan";
	k.family = "Đorđević";
	k.parent = "Dragan";
	k.sex = "m";
	k.birth_date = "2015-05-04";
	return k;
}

static void
test_child_check(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct child_fields k;

	k = cf(); k.pn = "12345";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	assert_string_equal(s.err.field, "personal_number");
	k = cf(); k.pn = "1111111111";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	k = cf(); k.community = "martian";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	assert_string_equal(s.err.field, "community");
	k = cf(); k.school_status = "home";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	k = cf(); k.birth_date = "2099-01-01";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	assert_string_equal(s.err.msg, "child.err.birth_future");
	k = cf(); k.given = " ";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	k = cf(); k.caregiver_name = "Vesna"; k.caregiver_relation = "aunt";
	assert_int_equal(child_check(&s, &k), SVC_INVALID);
	k = cf(); k.pn = "1234567891";
	assert_int_equal(child_check(&s, &k), SVC_OK);
}

/* Registers report id with a new child (or child_id); the rc. */
static enum svc_rc
reg(struct svc *s, int64_t id, int64_t version, int64_t child,
    const struct child_fields *k, const char *primary, int64_t *case_id)
{
	struct intake_reg r;

	memset(&r, 0, sizeof(r));
	r.report_id = id;
	r.version = version;
	r.child_id = child;
	r.child = k;
	r.primary = primary;
	return intake_register(s, &r, case_id, NULL);
}

static void
test_register_and_match(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct report_new n = rn();
	struct child_fields k = cf();
	struct child_candidate *cand;
	struct child_query q;
	struct child_info *ci;
	struct report_info *x;
	int64_t id, id2, case_id = 0, child;
	size_t nc;

	assert_int_equal(intake_create(&s, &n, &id), SVC_OK);
	/* No primary, a primary not reported: nothing saved. */
	assert_int_equal(reg(&s, id, 1, 0, &k, "", &case_id), SVC_INVALID);
	assert_string_equal(s.err.field, "primary_concern");
	assert_int_equal(reg(&s, id, 1, 0, &k, "TRF", &case_id), SVC_INVALID);
	k.pn = "123";
	assert_int_equal(reg(&s, id, 1, 0, &k, "NEG", &case_id), SVC_INVALID);
	assert_string_equal(s.err.field, "personal_number");
	k.pn = NULL;
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child"), 0);
	/* A stale version. */
	assert_int_equal(reg(&s, id, 7, 0, &k, "NEG", &case_id), SVC_CONFLICT);
	assert_int_equal(reg(&s, id, 1, 0, &k, "NEG", &case_id), SVC_OK);
	assert_true(case_id > 0);
	assert_int_equal(intake_get(&s, id, &x), SVC_OK);
	assert_string_equal(x->status, "registered");
	child = x->child_id;
	assert_true(child > 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child_name_fts"),
	    1);
	/* Deciding twice: 409. */
	assert_int_equal(reg(&s, id, 1, 0, &k, "NEG", &case_id), SVC_CONFLICT);
	/* The same child in another spelling is proposed first. */
	memset(&q, 0, sizeof(q));
	q.given = "Стефан";
	q.family = "Gjorgjeviq";
	q.birth_date = "04.05.2015";
	q.age = -1;
	assert_int_equal(child_match(&s, &q, &cand, &nc), SVC_OK);
	assert_true(nc >= 1);
	assert_int_equal(cand[0].child_id, child);
	assert_true(cand[0].score >= NAMES_SCORE_LIKELY);
	/* A typo in the family name: the whole-word pass finds nothing, the
	 * trigram pass still proposes the child. */
	q.given = "Stefan";
	q.family = "Djordjevc";
	assert_int_equal(child_match(&s, &q, &cand, &nc), SVC_OK);
	assert_true(nc >= 1);
	assert_int_equal(cand[0].child_id, child);
	/* Not a name at all. */
	q.given = "";
	q.family = "";
	assert_int_equal(child_match(&s, &q, &cand, &nc), SVC_INVALID);
	/* Outside the scope: the other agency sees no candidate, and the
	 * child's record is 404 (audited as denied). */
	s = fx_svc(c->f, c->other);
	q.given = "Stefan";
	q.family = "Djordjevic";
	assert_int_equal(child_match(&s, &q, &cand, &nc), SVC_OK);
	assert_int_equal(nc, 0);
	assert_int_equal(child_get(&s, child, &ci), SVC_NOTFOUND);
	assert_true(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE action ="
	    " 'child.read.denied'") == 1);
	/* In scope: read and audited. */
	s = fx_svc(c->f, c->cw);
	assert_int_equal(child_get(&s, child, &ci), SVC_OK);
	assert_string_equal(ci->family, "Đorđević");
	/* A second report registered on the existing child. */
	assert_int_equal(intake_create(&s, &n, &id2), SVC_OK);
	assert_int_equal(reg(&s, id2, 1, child, NULL, "VIO_PHY", &case_id),
	    SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child"), 1);
	/* The first case open: the second is no reopening of it. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM case_file"
	    " WHERE reopened_from IS NOT NULL"), 0);
	/* Both closed a month ago: a third report is the reopening of the
	 * newest closed case. */
	assert_int_equal(fx_raw_exec(c->f, "UPDATE case_file SET status ="
	    " 'closed', closed_at = strftime('%s') - 30 * 86400"), SQLITE_OK);
	assert_int_equal(intake_create(&s, &n, &id2), SVC_OK);
	{
		int64_t third = 0;

		assert_int_equal(reg(&s, id2, 1, child, NULL, "NEG", &third),
		    SVC_OK);
		assert_int_equal(fx_raw_int(c->f, "SELECT reopened_from FROM"
		    " case_file ORDER BY id DESC LIMIT 1"), case_id);
		assert_true(third > case_id);
	}
	/* Update: version checked, folds and trigram row rewritten. */
	k = cf();
	k.given = "Stefani";
	assert_int_equal(child_update(&s, child, 9, &k), SVC_CONFLICT);
	assert_int_equal(child_update(&s, child, 1, &k), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child_name_fts"
	    " WHERE names LIKE 'stefani%'"), 1);
	assert_int_equal(child_update(&s, child, 1, &k), SVC_CONFLICT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_list_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_admitted_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_child_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_and_match, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
