/*
 * test_referral.c — referrals out (src/svc/referral.c) and reports in
 * (src/svc/report_in.c), negative first: every refused referral names its
 * field and message and writes nothing (unlicensed, suspended, expired,
 * inactive, the own unit, sharing beyond consent, no / withdrawn consent,
 * a past due date, a closed case, a stale version); the receiving
 * organisation sees only its own referrals (another's is 404, audited) and
 * only what consent allows now (withdrawal hides it at once; an override
 * counts); the status transitions; the overdue scan notifies once; a
 * report in lands in the chosen Centre's intake and its reporter sees only
 * received / handled.
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/consent.h"
#include "../../src/svc/deadline.h"
#include "../../src/util/calendar.h"
#include "../../src/svc/intake.h"
#include "../../src/svc/provider.h"
#include "../../src/svc/referral.h"
#include "../../src/svc/report_in.h"
#include "../../src/svc/scan.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, police, school, ngo, ngo2, ngo3, health;
	int64_t		 t1, child, licence;
	struct actor	*cw1, *cw2, *sup, *psup, *pu, *pu2, *tm, *tms, *tmh,
			*mem, *pcw;
};

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
}

static int64_t
licence(struct ctx *c, int64_t agency, const char *number,
    const char *service, int issued_days, int expires_days)
{
	struct svc s = fx_svc(c->f, &c->f->root);
	const char *svcs[] = { service };
	int64_t munis[] = { fx_muni(c->f, "XK09") }, id = 0;
	struct licence_new n;
	char a[32], b[32];

	clock_format(clock_now() + 86400 * (int64_t)issued_days, 0, a,
	    sizeof(a));
	clock_format(clock_now() + 86400 * (int64_t)expires_days, 0, b,
	    sizeof(b));
	memset(&n, 0, sizeof(n));
	n.number = number;
	n.services = svcs;
	n.nservices = 1;
	n.municipalities = munis;
	n.nmunicipalities = 1;
	n.issued = a;
	n.expires = b;
	n.capacity = 10;
	assert_int_equal(provider_licence_add(&s, agency, &n, &id), SVC_OK);
	return id;
}

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t gkk;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13",
	    NULL);
	c->police = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->school = fx_agency(f, "SHK-HANI", AGENCY_SCHOOL, "XK09", NULL);
	c->health = fx_agency(f, "QKMF-HANI", AGENCY_HEALTH, "XK09", NULL);
	c->ngo = fx_agency(f, "OJQ-A", AGENCY_PROVIDER, "XK09", NULL);
	c->ngo2 = fx_agency(f, "OJQ-B", AGENCY_PROVIDER, "XK09", NULL);
	c->ngo3 = fx_agency(f, "OJQ-C", AGENCY_PROVIDER, "XK09", NULL);
	gkk = fx_agency(f, "GKK-HANI", AGENCY_COMMUNITY, "XK09", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->cw1 = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani,
	    c->t1));
	c->cw2 = fx_actor(f, fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani,
	    0));
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->psup = fx_actor(f, fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris,
	    0));
	c->pcw = fx_actor(f, fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris,
	    0));
	c->pu = fx_actor(f, fx_user(f, "pu.a", ROLE_PROVIDER_USER, c->ngo, 0));
	c->pu2 = fx_actor(f, fx_user(f, "pu.b", ROLE_PROVIDER_USER, c->ngo2,
	    0));
	c->tm = fx_actor(f, fx_user(f, "tm.police", ROLE_TABLE_MEMBER,
	    c->police, 0));
	c->tms = fx_actor(f, fx_user(f, "tm.school", ROLE_TABLE_MEMBER,
	    c->school, 0));
	c->tmh = fx_actor(f, fx_user(f, "tm.qps", ROLE_TABLE_MEMBER, c->hani,
	    0));
	c->mem = fx_actor(f, fx_user(f, "gkk.one", ROLE_COMMUNITY_MEMBER, gkk,
	    0));
	if (!c->hani || !c->pris || !c->police || !c->ngo || !c->cw1 ||
	    !c->cw2 || !c->sup || !c->psup || !c->pcw || !c->pu || !c->pu2 ||
	    !c->tm || !c->tms || !c->tmh || !c->mem)
		return -1;
	c->licence = licence(c, c->ngo, "LIC-A-1", "psychosocial_counselling",
	    -30, 300);
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, birth_date, sex, address, fold_given, fold_family,"
	    " created_at, updated_at) VALUES ('Qendrim', 'Bytyci',"
	    " '2016-03-01', 'm', 'Rruga e Dëshmorëve 4', 'qendrim', 'bytyci',"
	    " 1, 1)"), SQLITE_OK);
	c->child = fx_raw_int(f, "SELECT max(id) FROM child");
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

static int64_t
open_case(struct ctx *c)
{
	static const char *const k[] = { "NEG", "VIO_PSY" };
	int64_t id = fx_case(c->f, c->cw1, c->child, "XK09", c->hani,
	    c->cw1->id, c->t1, k, 2);

	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET opened_at = opened_at - 7 * 86400 WHERE id = %lld",
	    (long long)id)), SQLITE_OK);
	return id;
}

static int64_t
version(struct ctx *c, int64_t id)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM case_file"
	    " WHERE id = %lld", (long long)id));
}

static int64_t
rversion(struct ctx *c, int64_t id)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM referral"
	    " WHERE id = %lld", (long long)id));
}

static const char *
day(struct ctx *c, int days)
{
	char b[32];

	clock_format(clock_now() + 86400 * (int64_t)days, 0, b, sizeof(b));
	return arena_strdup(c->f->a, b);
}

/* A consent of case id for agency with the categories; its id. */
static int64_t
consent(struct ctx *c, int64_t id, int64_t agency, const char *const *cats,
    size_t ncats, int override)
{
	struct svc s = fx_svc(c->f, override ? c->sup : c->cw1);
	struct consent_new n;
	int64_t ag[] = { agency }, cid = 0;

	memset(&n, 0, sizeof(n));
	if (override) {
		n.override_code = "best_interest";
		n.override_reason = "Rreziku i lartë";
	} else {
		n.giver_name = "Arta Bytyçi";
		n.relation = "parent";
	}
	n.agencies = ag;
	n.nagencies = 1;
	n.categories = cats;
	n.ncategories = ncats;
	n.date = day(c, 0);
	assert_int_equal(override ? consent_override(&s, id, version(c, id),
	    &n, &cid) : consent_record(&s, id, version(c, id), &n, &cid),
	    SVC_OK);
	return cid;
}

static const char *const cats_id_sum[] = { "identity", "case_summary" };

static struct referral_new
rnew(int64_t to, int64_t consent_id)
{
	struct referral_new n;

	memset(&n, 0, sizeof(n));
	n.to_agency_id = to;
	n.service = "psychosocial_counselling";
	n.reason = "Mbështetje psikologjike pas dhunës në familje";
	n.urgency = "routine";
	n.due_date = "";
	n.consent_id = consent_id;
	n.categories = cats_id_sum;
	n.ncategories = 2;
	return n;
}

#define REFUSED(call, rc_, field_, msg_) do {				\
	struct svc s_ = fx_svc(c->f, actor);				\
	struct svc *sv = &s_;						\
	assert_int_equal((call), (rc_));				\
	if ((field_) != NULL)						\
		assert_string_equal(sv->err.field, (field_));		\
	if ((msg_) != NULL)						\
		assert_string_equal(sv->err.msg, (msg_));		\
} while (0)

/* ---------------------------------------------------------------- create */

static void
test_create_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = open_case(c), other = open_case(c), cid, ocid, pcid, v;
	static const char *const beyond[] = { "identity", "health" };
	static const char *const bogus[] = { "finances" };
	struct referral_new n;

	cid = consent(c, id, c->ngo, cats_id_sum, 2, 0);
	ocid = consent(c, other, c->ngo, cats_id_sum, 2, 0);
	pcid = consent(c, id, c->police, cats_id_sum, 2, 0);
	v = version(c, id);

	n = rnew(c->ngo, cid);
	n.service = "astrology";
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "service",
	    "error.field.choice");
	n = rnew(c->ngo, cid);
	n.reason = "";
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "reason",
	    "error.field.required");
	n = rnew(c->ngo, cid);
	n.urgency = "whenever";
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "urgency",
	    "error.field.choice");
	n = rnew(c->ngo, cid);
	n.due_date = day(c, -1);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "due_date",
	    "referral.err.past");
	n.due_date = "31.02.2027";
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "due_date",
	    "error.field.date");
	/* Organisations. */
	n = rnew(999999, cid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "error.field.invalid");
	n = rnew(c->hani, cid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.own_agency");
	n = rnew(c->ngo2, cid);	/* no licence at all */
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.unlicensed");
	n = rnew(c->ngo, cid);	/* licensed, but not for this service */
	n.service = "shelter";
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.unlicensed");
	/* Expired: issued a year ago, expired yesterday. */
	(void)licence(c, c->ngo3, "LIC-C-1", "psychosocial_counselling", -400,
	    -1);
	n = rnew(c->ngo3, cid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.unlicensed");
	/* Suspended. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " licence SET status = 'suspended' WHERE id = %lld",
	    (long long)c->licence)), SQLITE_OK);
	n = rnew(c->ngo, cid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.unlicensed");
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " licence SET status = 'revoked' WHERE id = %lld",
	    (long long)c->licence)), SQLITE_OK);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.unlicensed");
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " licence SET status = 'active' WHERE id = %lld",
	    (long long)c->licence)), SQLITE_OK);
	/* Inactive police. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " agency SET active = 0 WHERE id = %lld", (long long)c->police)),
	    SQLITE_OK);
	n = rnew(c->police, pcid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.inactive");
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " agency SET active = 1 WHERE id = %lld", (long long)c->police)),
	    SQLITE_OK);
	/* A community group is no receiving organisation. */
	n = rnew(count(c, "SELECT id FROM agency WHERE code = 'GKK-HANI'"),
	    cid);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "to_agency", "referral.err.agency_type");
	/* Consent. */
	n = rnew(c->ngo, 0);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "consent",
	    "referral.err.no_consent");
	n = rnew(c->ngo, ocid);	/* another case's */
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "consent",
	    "referral.err.no_consent");
	n = rnew(c->ngo, pcid);	/* covers the police, not the provider */
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "consent",
	    "referral.err.consent_agency");
	n = rnew(c->ngo, cid);
	n.categories = beyond;
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "categories", "referral.err.beyond_consent");
	n.categories = bogus;
	n.ncategories = 1;
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "categories", "error.field.choice");
	n.ncategories = 0;
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID,
	    "categories", "error.field.required");
	/* Stale version; another unit's caseworker; a provider user. */
	n = rnew(c->ngo, cid);
	REFUSED(referral_create(sv, id, v - 1, &n, NULL), SVC_CONFLICT, NULL,
	    "case.conflict");
	actor = c->pcw;
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->pu;
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_DENIED, NULL, NULL);
	/* Withdrawn consent. */
	actor = c->cw1;
	{
		struct svc s = fx_svc(c->f, c->cw1);

		assert_int_equal(consent_withdraw(&s, id, cid, version(c, id),
		    day(c, 0), "Prindi e tërhoqi"), SVC_OK);
	}
	v = version(c, id);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "consent",
	    "referral.err.consent_withdrawn");
	/* Closed case. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET status = 'closed' WHERE id = %lld", (long long)id)),
	    SQLITE_OK);
	REFUSED(referral_create(sv, id, v, &n, NULL), SVC_INVALID, "case",
	    "case.closed");
	assert_int_equal(count(c, "SELECT count(*) FROM referral"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'referral_received'"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.write.denied'"), 1);
}

static void
test_create_provider(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	struct referral_info *l;
	int64_t id = open_case(c), cid, v, rid = 0;
	struct referral_new n;
	size_t nl;

	cid = consent(c, id, c->ngo, cats_id_sum, 2, 0);
	v = version(c, id);
	n = rnew(c->ngo, cid);
	assert_int_equal(referral_create(&s, id, v, &n, &rid), SVC_OK);
	assert_true(rid > 0);
	assert_int_equal(version(c, id), v + 1);
	/* The licence it was checked against is kept. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT licence_id"
	    " FROM referral WHERE id = %lld", (long long)rid)), c->licence);
	assert_int_equal(count(c, "SELECT count(*) FROM referral WHERE"
	    " licence_number = 'LIC-A-1' AND status = 'sent'"
	    " AND categories = 'identity,case_summary'"), 1);
	/* Routine: due in 5 working days, at least 5 days ahead. */
	assert_true(count(c, "SELECT due_at FROM referral") >= clock_now() +
	    5 * 86400 - 86400);
	/* The provider's users are told; nobody else. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_received' AND user_id = %lld"
	    " AND link = '/referrals/%lld'", (long long)c->pu->id,
	    (long long)rid)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'referral_received'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'referral.create'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'referral'"), 1);
	/* No name in the audit detail. */
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE detail"
	    " LIKE '%Qendrim%' OR detail LIKE '%Bytyci%'"), 0);
	assert_int_equal(referral_of_case(&s, id, &l, &nl), SVC_OK);
	assert_int_equal(nl, 1);
	assert_string_equal(l[0].service, "psychosocial_counselling");
	/* A given due date. */
	n.due_date = day(c, 2);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, NULL),
	    SVC_OK);
}

static void
test_create_agency_override(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t id = open_case(c), cid, rid = 0, cw_pris;
	struct referral_new n;

	/* An override covers the police. */
	cid = consent(c, id, c->police, cats_id_sum, 2, 1);
	n = rnew(c->police, cid);
	n.service = "family_support";
	n.urgency = "emergency";
	assert_int_equal(referral_create(&s, id, version(c, id), &n, &rid),
	    SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM referral WHERE"
	    " licence_id IS NULL AND urgency = 'emergency'"), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_received' AND user_id = %lld",
	    (long long)c->tm->id)), 1);
	/* The Centre of another municipality, but not of the same one. */
	cw_pris = consent(c, id, c->pris, cats_id_sum, 2, 0);
	n = rnew(c->pris, cw_pris);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, NULL),
	    SVC_OK);
}

/* ---------------------------------------------------------------- receiving */

static int64_t
sent(struct ctx *c, int64_t *case_id, int64_t *consent_id)
{
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t id = open_case(c), cid, rid = 0;
	struct referral_new n;

	cid = consent(c, id, c->ngo, cats_id_sum, 2, 0);
	n = rnew(c->ngo, cid);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, &rid),
	    SVC_OK);
	if (case_id != NULL)
		*case_id = id;
	if (consent_id != NULL)
		*consent_id = cid;
	return rid;
}

static void
test_receive_scope(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->pu2;
	struct referral_info *v, *l;
	struct referral_summary *m;
	int64_t rid = sent(c, NULL, NULL);
	size_t n;

	/* Another provider, the police, a community member: 404 or 403,
	 * the 404s audited. */
	REFUSED(referral_get(sv, rid, &v, &m), SVC_NOTFOUND, NULL,
	    "error.notfound");
	actor = c->tm;
	REFUSED(referral_get(sv, rid, &v, &m), SVC_NOTFOUND, NULL, NULL);
	REFUSED(referral_answer(sv, rid, 1, "accept", "", ""), SVC_NOTFOUND,
	    NULL, NULL);
	actor = c->mem;
	REFUSED(referral_get(sv, rid, &v, &m), SVC_DENIED, NULL, NULL);
	/* The sending Centre's worker receives referrals too, but only
	 * those sent to their own Centre: 404, audited. */
	actor = c->cw1;
	REFUSED(referral_get(sv, rid, &v, &m), SVC_NOTFOUND, NULL, NULL);
	REFUSED(referral_incoming(sv, NULL, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 0);
	actor = c->pu2;
	REFUSED(referral_incoming(sv, NULL, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 0);
	REFUSED(referral_get(sv, 999999, &v, &m), SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'referral.read.denied'"), 5);
	assert_int_equal(count(c, "SELECT version FROM referral"), 1);
	/* Its own. */
	actor = c->pu;
	REFUSED(referral_incoming(sv, NULL, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 1);
	REFUSED(referral_incoming(sv, "bogus", &l, &n), SVC_INVALID, "status",
	    NULL);
	REFUSED(referral_get(sv, rid, &v, &m), SVC_OK, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'referral.read'"), 1);
}

static void
test_receive_consent(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->pu), w = fx_svc(c->f, c->cw1);
	struct referral_info *v;
	struct referral_summary *m;
	static const char *const only_sum[] = { "case_summary" };
	int64_t case_id, cid, rid = sent(c, &case_id, &cid), oid;

	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_true(m->identity);
	assert_false(m->contact);	/* not shared by the referral */
	assert_true(m->case_summary);
	assert_string_equal(m->given, "Qendrim");
	assert_string_equal(m->sex, "m");
	assert_true(m->age >= 9);
	assert_string_equal(m->address, "");
	assert_string_equal(m->concerns, "NEG,VIO_PSY");
	assert_string_equal(m->shared, "identity,case_summary");
	/* Withdrawn: hidden at once. */
	assert_int_equal(consent_withdraw(&w, case_id, cid, version(c, case_id),
	    day(c, 0), "Prindi e tërhoqi"), SVC_OK);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_false(m->identity);
	assert_false(m->case_summary);
	assert_string_equal(m->given, "");
	assert_string_equal(m->concerns, "");
	assert_string_equal(m->shared, "");
	/* A partial consent: only the case summary. */
	(void)consent(c, case_id, c->ngo, only_sum, 1, 0);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_false(m->identity);
	assert_true(m->case_summary);
	assert_string_equal(m->given, "");
	assert_string_equal(m->shared, "case_summary");
	/* An override counts. */
	oid = consent(c, case_id, c->ngo, cats_id_sum, 2, 1);
	assert_true(oid > 0);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_true(m->identity);
	assert_string_equal(m->family, "Bytyci");
}

static void
test_transitions(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->pu;
	struct referral_info *v;
	struct referral_summary *m;
	int64_t case_id, rid = sent(c, &case_id, NULL), rv;

	rv = rversion(c, rid);
	/* Nothing before an answer. */
	REFUSED(referral_feedback_add(sv, rid, rv, "Mirë"), SVC_INVALID, NULL,
	    "referral.err.status");
	REFUSED(referral_start(sv, rid, rv, day(c, 0)), SVC_INVALID, NULL,
	    "referral.err.status");
	REFUSED(referral_session_add(sv, rid, rv, day(c, 0), 1, ""),
	    SVC_INVALID, NULL, "referral.err.status");
	REFUSED(referral_close(sv, rid, rv, "completed", ""), SVC_INVALID,
	    NULL, "referral.err.status");
	/* Bad answers. */
	REFUSED(referral_answer(sv, rid, rv, "maybe", "", ""), SVC_INVALID,
	    "answer", "error.field.choice");
	REFUSED(referral_answer(sv, rid, rv, "decline", "", ""), SVC_INVALID,
	    "reason", "error.field.required");
	REFUSED(referral_answer(sv, rid, rv, "waitlist", "Plot", ""),
	    SVC_INVALID, "expected_date", "error.field.required");
	REFUSED(referral_answer(sv, rid, rv, "waitlist", "Plot", day(c, -2)),
	    SVC_INVALID, "expected_date", "referral.err.past");
	REFUSED(referral_answer(sv, rid, rv + 1, "accept", "", ""),
	    SVC_CONFLICT, NULL, "referral.err.conflict");
	assert_int_equal(rversion(c, rid), rv);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'referral_answered'"), 0);
	/* Wait list, then accept. */
	REFUSED(referral_answer(sv, rid, rv, "waitlist", "Plot", day(c, 10)),
	    SVC_OK, NULL, NULL);
	REFUSED(referral_answer(sv, rid, rv + 1, "accept", "", ""), SVC_OK,
	    NULL, NULL);
	rv += 2;
	/* No second answer. */
	REFUSED(referral_answer(sv, rid, rv, "decline", "Jo", ""), SVC_INVALID,
	    NULL, "referral.err.status");
	REFUSED(referral_session_add(sv, rid, rv, day(c, 0), 1, ""),
	    SVC_INVALID, NULL, "referral.err.status");
	REFUSED(referral_start(sv, rid, rv, day(c, 1)), SVC_INVALID, "date",
	    "consent.err.future");
	REFUSED(referral_start(sv, rid, rv, day(c, 0)), SVC_OK, NULL, NULL);
	rv++;
	REFUSED(referral_session_add(sv, rid, rv, day(c, 0), 0, ""),
	    SVC_INVALID, "count", "error.field.range");
	REFUSED(referral_session_add(sv, rid, rv, day(c, 0), 2,
	    "Dy seanca këshillimi"), SVC_OK, NULL, NULL);
	rv++;
	REFUSED(referral_feedback_add(sv, rid, rv, ""), SVC_INVALID, "text",
	    "error.field.required");
	REFUSED(referral_feedback_add(sv, rid, rv,
	    "Fëmija merr pjesë rregullisht"), SVC_OK, NULL, NULL);
	rv++;
	REFUSED(referral_close(sv, rid, rv, "vanished", ""), SVC_INVALID,
	    "outcome", "error.field.choice");
	REFUSED(referral_close(sv, rid, rv, "completed", "Objektivat u arritën"),
	    SVC_OK, NULL, NULL);
	rv++;
	REFUSED(referral_feedback_add(sv, rid, rv, "Pas mbylljes"),
	    SVC_INVALID, NULL, "referral.err.status");
	REFUSED(referral_get(sv, rid, &v, &m), SVC_OK, NULL, NULL);
	assert_string_equal(v->status, "closed");
	assert_string_equal(v->outcome, "completed");
	assert_int_equal(v->sessions, 2);
	assert_int_equal(v->nsession, 1);
	assert_int_equal(v->nfeedback, 1);
	/* The worker was told of each answer but the session. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_answered' AND user_id = %lld",
	    (long long)c->cw1->id)), 5);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action"
	    " LIKE 'referral.%' AND action NOT LIKE 'referral.read%'"), 7);
}

static void
test_open_and_scan(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct referral_info *l;
	int64_t a = sent(c, NULL, NULL), b = sent(c, NULL, NULL);
	size_t n;

	/* b is overdue. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " referral SET due_at = 1000 WHERE id = %lld", (long long)b)),
	    SQLITE_OK);
	REFUSED(referral_open(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].id, b);
	assert_true(l[0].overdue);
	assert_int_equal(l[1].id, a);
	actor = c->sup;
	REFUSED(referral_open(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 2);
	actor = c->cw2;	/* not their case, not their team */
	REFUSED(referral_open(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 0);
	actor = c->psup;
	REFUSED(referral_open(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 0);
	actor = c->pu;
	REFUSED(referral_open(sv, &l, &n), SVC_DENIED, NULL, NULL);
	/* The scan: the worker and the unit's supervisor, once. */
	{
		struct svc s = fx_svc(c->f, &c->f->root);

		assert_int_equal(referral_scan(&s, clock_now()), SVC_OK);
		assert_int_equal(scan_all(&s, clock_now()), SVC_OK);
	}
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'referral_overdue'"), 2);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_overdue' AND user_id = %lld",
	    (long long)c->sup->id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM referral WHERE"
	    " escalated_at IS NOT NULL"), 1);
}

/* ---------------------------------------------------------------- cancel */

static void
test_cancel_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->pu;
	struct referral_info *v;
	int64_t case_id, rid = sent(c, &case_id, NULL), rv = rversion(c, rid);

	/* The receiving side cannot cancel; nor a worker of another Centre
	 * or one who does not see the case (404, audited). */
	REFUSED(referral_cancel(sv, rid, rv, "Nuk duhet më"), SVC_DENIED, NULL,
	    NULL);
	actor = c->psup;
	REFUSED(referral_cancel(sv, rid, rv, "Nuk duhet më"), SVC_NOTFOUND,
	    NULL, NULL);
	actor = c->cw2;
	REFUSED(referral_cancel(sv, rid, rv, "Nuk duhet më"), SVC_NOTFOUND,
	    NULL, NULL);
	REFUSED(referral_sent_get(sv, rid, &v), SVC_NOTFOUND, NULL, NULL);
	REFUSED(referral_cancel(sv, 999999, rv, "Nuk duhet më"), SVC_NOTFOUND,
	    NULL, NULL);
	/* The worker: a reason, the version. */
	actor = c->cw1;
	REFUSED(referral_cancel(sv, rid, rv, ""), SVC_INVALID, "reason",
	    "error.field.required");
	{
		char big[REFERRAL_TEXT_MAX + 10];

		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		REFUSED(referral_cancel(sv, rid, rv, big), SVC_INVALID,
		    "reason", NULL);
	}
	REFUSED(referral_cancel(sv, rid, rv + 1, "Nuk duhet më"), SVC_CONFLICT,
	    NULL, "referral.err.conflict");
	assert_int_equal(rversion(c, rid), rv);
	assert_int_equal(count(c, "SELECT count(*) FROM referral WHERE status"
	    " = 'cancelled'"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'referral_cancelled'"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'referral.cancel'"), 0);
	/* Declined: ended, nothing to cancel. */
	actor = c->pu;
	REFUSED(referral_answer(sv, rid, rv, "decline", "Pa vend", ""), SVC_OK,
	    NULL, NULL);
	actor = c->cw1;
	REFUSED(referral_cancel(sv, rid, rv + 1, "Nuk duhet më"), SVC_INVALID,
	    NULL, "referral.err.status");
}

static void
test_cancel_and_withdraw(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct referral_info *l;
	int64_t a = sent(c, NULL, NULL), b = sent(c, NULL, NULL), rv;
	size_t n;

	/* The worker cancels a, unanswered. */
	rv = rversion(c, a);
	REFUSED(referral_cancel(sv, a, rv, "Familja u zhvendos"), SVC_OK, NULL,
	    NULL);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " referral WHERE id = %lld AND status = 'cancelled' AND cancel_kind"
	    " = 'cancel' AND cancelled_by = %lld AND version = %lld",
	    (long long)a, (long long)c->cw1->id, (long long)rv + 1)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_cancelled' AND user_id ="
	    " %lld", (long long)c->pu->id)), 1);
	REFUSED(referral_cancel(sv, a, rv + 1, "Sërish"), SVC_INVALID, NULL,
	    "referral.err.status");
	/* The provider can no longer answer it. */
	actor = c->pu;
	REFUSED(referral_answer(sv, a, rv + 1, "accept", "", ""), SVC_INVALID,
	    NULL, "referral.err.status");
	/* b accepted and started; the supervisor withdraws it. */
	rv = rversion(c, b);
	REFUSED(referral_answer(sv, b, rv, "accept", "", ""), SVC_OK, NULL,
	    NULL);
	REFUSED(referral_start(sv, b, rv + 1, day(c, 0)), SVC_OK, NULL, NULL);
	actor = c->cw2;	/* neither the sender nor a supervisor */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET worker_id = %lld WHERE id = (SELECT case_id FROM"
	    " referral WHERE id = %lld)", (long long)c->cw2->id, (long long)b)),
	    SQLITE_OK);
	REFUSED(referral_cancel(sv, b, rv + 2, "Jo"), SVC_DENIED, NULL,
	    "referral.err.not_sender");
	actor = c->sup;
	REFUSED(referral_cancel(sv, b, rv + 2, "Shërbimi nuk ndihmon"), SVC_OK,
	    NULL, NULL);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " referral WHERE id = %lld AND status = 'cancelled' AND cancel_kind"
	    " = 'withdraw'", (long long)b)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'referral.cancel'"), 2);
	/* Ended without service: listed apart, not among the open. */
	actor = c->sup;
	REFUSED(referral_open(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 0);
	REFUSED(referral_ended(sv, &l, &n), SVC_OK, NULL, NULL);
	assert_int_equal(n, 2);
	assert_string_equal(l[0].status, "cancelled");
	assert_string_equal(l[0].cancel_reason, *l[0].cancel_kind == 'c' ?
	    "Familja u zhvendos" : "Shërbimi nuk ndihmon");
	/* Still on the case. */
	actor = c->cw1;
	REFUSED(referral_of_case(sv, l[0].case_id, &l, &n), SVC_OK, NULL,
	    NULL);
	assert_int_equal(n, 1);
	assert_true(l[0].cancelled_at > 0);
}

/* ---------------------------------------------------------------- Centre */

static void
test_centre_receives(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	struct actor *actor = c->pcw;
	struct referral_info *v, *l;
	struct referral_summary *m;
	int64_t id = open_case(c), cid, rid = 0, rv;
	struct referral_new n;
	size_t nl;

	cid = consent(c, id, c->pris, cats_id_sum, 2, 0);
	n = rnew(c->pris, cid);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, &rid),
	    SVC_OK);
	/* The receiving Centre's supervisor is told, not its workers. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_received' AND user_id ="
	    " %lld", (long long)c->psup->id)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'referral_received' AND user_id ="
	    " %lld", (long long)c->pcw->id)), 0);
	/* Its caseworker sees it, with the summary consent allows, but the
	 * supervisor answers. */
	REFUSED(referral_incoming(sv, NULL, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 1);
	REFUSED(referral_get(sv, rid, &v, &m), SVC_OK, NULL, NULL);
	assert_string_equal(m->given, "Qendrim");
	{
		struct svc w = fx_svc(c->f, c->pcw), u = fx_svc(c->f, c->psup);

		assert_false(referral_may_answer(&w, v));
		assert_true(referral_may_answer(&u, v));
	}
	rv = v->version;
	REFUSED(referral_answer(sv, rid, rv, "accept", "", ""), SVC_DENIED,
	    NULL, "referral.err.answer_role");
	assert_int_equal(rversion(c, rid), rv);
	/* A worker of the sending Centre: not theirs. */
	actor = c->cw2;
	REFUSED(referral_get(sv, rid, &v, &m), SVC_NOTFOUND, NULL, NULL);
	actor = c->psup;
	REFUSED(referral_answer(sv, rid, rv, "accept", "", ""), SVC_OK, NULL,
	    NULL);
	/* The caseworker takes it on. */
	actor = c->pcw;
	REFUSED(referral_start(sv, rid, rv + 1, day(c, 0)), SVC_OK, NULL, NULL);
	REFUSED(referral_feedback_add(sv, rid, rv + 2, "Takimi i parë u mbajt"),
	    SVC_OK, NULL, NULL);
	REFUSED(referral_close(sv, rid, rv + 3, "completed", ""), SVC_OK, NULL,
	    NULL);
}

/* ---------------------------------------------------------------- due dates */

/* The due day of referral rid of case_id. */
static void
due_of(struct ctx *c, int64_t case_id, int64_t rid, char *out, size_t len)
{
	struct svc s = fx_svc(c->f, c->cw1);
	struct referral_info *l;
	size_t n, i;

	assert_int_equal(referral_of_case(&s, case_id, &l, &n), SVC_OK);
	for (i = 0; i < n && l[i].id != rid; i++)
		;
	assert_true(i < n);
	snprintf(out, len, "%s", l[i].due_date);
}

static void
test_due_days_off(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t id = open_case(c), cid, a = 0, b = 0;
	struct referral_new n;
	char da[16], db[16];
	int32_t d0, d1, d2;

	assert_int_equal(cal_date_of(clock_now(), &d0), CAL_OK);
	assert_int_equal(deadline_add_working_days(&s, "XK", d0, 1, &d1),
	    SVC_OK);
	assert_int_equal(deadline_add_working_days(&s, "ZZ", d0, 1, &d2),
	    SVC_INVALID);
	cid = consent(c, id, c->ngo, cats_id_sum, 2, 0);
	n = rnew(c->ngo, cid);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, &a),
	    SVC_OK);
	due_of(c, id, a, da, sizeof(da));
	/* The administrator makes the due day and the next working day
	 * days off: a new referral is due later. */
	cal_date_format(d1, db, sizeof(db));
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "INSERT INTO"
	    " holiday_extra (country, date, cancel, name, created_at) VALUES"
	    " ('XK', '%s', 0, 'Ditë pushimi', 1), ('XK', '%s', 0, 'Ditë"
	    " pushimi', 1)", da, db)), SQLITE_OK);
	assert_int_equal(deadline_add_working_days(&s, "XK", d0, 1, &d2),
	    SVC_OK);
	assert_true(d2 > d1);
	assert_int_equal(referral_create(&s, id, version(c, id), &n, &b),
	    SVC_OK);
	due_of(c, id, b, db, sizeof(db));
	assert_true(strcmp(db, da) > 0);
}

/* ---------------------------------------------------------------- reports in */

static struct report_in_new
rin(struct ctx *c, int64_t centre)
{
	static const char *const k[] = { "VIO_PHY" };
	struct report_in_new n;

	memset(&n, 0, sizeof(n));
	n.centre = centre;
	n.given = "Drita";
	n.family = "";
	n.sex = "f";
	n.age = 9;
	n.location = "Shkolla fillore, Hani i Elezit";
	n.narrative = "Vjen me mavijosje në shkollë.";
	n.immediate_danger = 1;
	n.concerns = k;
	n.nconcerns = 1;
	return n;
}

static void
test_report_in(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct report_in_new n = rin(c, c->hani);
	struct report_in_info *l;
	struct report_in_centre *ce;
	char *big;
	int64_t id = 0;
	size_t nl;

	/* Only police, school and health users. */
	REFUSED(report_in_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	actor = c->pu;
	REFUSED(report_in_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	actor = c->mem;
	REFUSED(report_in_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	actor = c->tmh;	/* a table member of the Centre itself */
	REFUSED(report_in_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	REFUSED(report_in_mine(sv, &l, &nl), SVC_DENIED, NULL, NULL);
	actor = c->tms;
	n.centre = c->pris;	/* another municipality's Centre */
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "centre", NULL);
	n.centre = c->police;
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "centre", NULL);
	n = rin(c, c->hani);
	n.narrative = "<script>alert(1)</script>";
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "narrative",
	    "report_in.err.markup");
	n = rin(c, c->hani);
	n.location = "<b>";
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "location",
	    "report_in.err.markup");
	n = rin(c, c->hani);
	big = calloc(1, REPORT_IN_TEXT_MAX + 2);
	assert_non_null(big);
	memset(big, 'a', REPORT_IN_TEXT_MAX + 1);
	n.narrative = big;
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "narrative",
	    "error.field.toolong");
	free(big);
	n = rin(c, c->hani);
	n.nconcerns = 0;
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "concerns", NULL);
	n = rin(c, c->hani);
	n.age = 30;
	REFUSED(report_in_create(sv, &n, NULL), SVC_INVALID, "age", NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM report"), 0);
	/* Filed. */
	n = rin(c, c->hani);
	REFUSED(report_in_centres(sv, &ce, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 1);
	REFUSED(report_in_create(sv, &n, &id), SVC_OK, NULL, NULL);
	{
		struct svc s = fx_svc(c->f, actor);

		assert_int_equal(report_in_create(&s, &n, &id), SVC_OK);
	}
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " report WHERE id = %lld AND agency_id = %lld AND referrer_type ="
	    " 'school' AND channel = 'online' AND referrer_agency_id = %lld"
	    " AND status = 'received'", (long long)id, (long long)c->hani,
	    (long long)c->school)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'report_received' AND user_id = %lld",
	    (long long)c->sup->id)), 2);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'report_received'"), 2);
	/* The Centre handles one; the school sees "handled" and nothing
	 * else; the police see none of the school's. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " report SET status = 'not_admitted', decision_reason = 'x'"
	    " WHERE id = %lld", (long long)id)), SQLITE_OK);
	REFUSED(report_in_mine(sv, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 2);
	assert_string_equal(l[0].status, "handled");
	assert_string_equal(l[1].status, "received");
	actor = c->tm;
	REFUSED(report_in_mine(sv, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 0);
}

/* The categories beyond identity, contact and case summary carry their
 * data only when the referral shares them and consent allows them now; a
 * draft assessment is named, never shown; the plan shows only the actions
 * assigned to the receiving organisation. */
static void
test_receive_more_categories(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->pu), w = fx_svc(c->f, c->cw1);
	struct referral_info *v;
	struct referral_summary *m;
	struct referral_new n;
	static const char *const all[] = { "assessment", "plan", "health",
	    "education" };
	static const char *const some[] = { "health", "education" };
	int64_t id = open_case(c), cid, cid2, rid = 0;
	char sql[2048];

	/* Nothing shared yet: a referral of identity and summary. */
	(void)snprintf(sql, sizeof(sql), "UPDATE child SET disability = 'yes',"
	    " disability_note = 'Dëgjim i dobët', school_status = 'irregular'"
	    " WHERE id = (SELECT child_id FROM case_file WHERE id = %lld);"
	    "INSERT INTO assessment (case_id, status, safety, health,"
	    " education, strengths, conclusion, created_by, created_at,"
	    " updated_by, updated_at) VALUES (%lld, 'draft', 'S', 'H', 'E',"
	    " 'Forca', 'Përfundim', %lld, 1, %lld, 1);",
	    (long long)id, (long long)id, (long long)c->cw1->id,
	    (long long)c->cw1->id);
	assert_int_equal(fx_raw_exec(c->f, sql), 0);
	cid = consent(c, id, c->ngo, all, 4, 0);
	n = rnew(c->ngo, cid);
	n.categories = all;
	n.ncategories = 4;
	assert_int_equal(referral_create(&w, id, version(c, id), &n, &rid),
	    SVC_OK);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_false(m->identity);
	assert_string_equal(m->given, "");
	assert_true(m->assessment && m->plan && m->health && m->education);
	assert_string_equal(m->shared, "assessment,plan,health,education");
	assert_string_equal(m->disability, "yes");
	assert_string_equal(m->disability_note, "Dëgjim i dobët");
	assert_string_equal(m->school_status, "irregular");
	/* A draft assessment: its status only. */
	assert_string_equal(m->as_status, "draft");
	assert_string_equal(m->as_conclusion, "");
	assert_string_equal(m->as_health, "");
	assert_string_equal(m->as_education, "");
	/* No active plan. */
	assert_int_equal(m->plan_number, 0);
	assert_int_equal(m->nplan_goals, 0);
	assert_int_equal(m->nplan_actions, 0);
	/* Completed, with an active plan: two goals, an action for the NGO
	 * and one for another organisation. */
	(void)snprintf(sql, sizeof(sql), "UPDATE assessment SET status ="
	    " 'completed', completed_by = %lld, completed_at = 2 WHERE"
	    " case_id = %lld;"
	    "INSERT INTO plan (case_id, number, status, review_on, created_by,"
	    " created_at, updated_at) VALUES (%lld, 1, 'active', '2027-01-15',"
	    " %lld, 1, 1);"
	    "INSERT INTO plan_goal (plan_id, pos, text) SELECT id, 2, 'Shkollë'"
	    " FROM plan WHERE case_id = %lld;"
	    "INSERT INTO plan_goal (plan_id, pos, text) SELECT id, 1, 'Siguri'"
	    " FROM plan WHERE case_id = %lld;"
	    "INSERT INTO plan_action (plan_id, what, agency_id, service,"
	    " due_on, created_at) SELECT id, 'Këshillim', %lld, 'psiko',"
	    " '2026-12-20', 1 FROM plan WHERE case_id = %lld;"
	    "INSERT INTO plan_action (plan_id, what, agency_id, due_on,"
	    " created_at) SELECT id, 'Tjetër', %lld, '2026-12-01', 1 FROM plan"
	    " WHERE case_id = %lld;",
	    (long long)c->cw1->id, (long long)id, (long long)id,
	    (long long)c->cw1->id, (long long)id, (long long)id,
	    (long long)c->ngo, (long long)id, (long long)c->ngo2,
	    (long long)id);
	assert_int_equal(fx_raw_exec(c->f, sql), 0);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_string_equal(m->as_status, "completed");
	assert_string_equal(m->as_conclusion, "Përfundim");
	assert_string_equal(m->as_strengths, "Forca");
	assert_string_equal(m->as_safety, "S");
	assert_string_equal(m->as_health, "H");
	assert_string_equal(m->as_education, "E");
	assert_int_equal(m->plan_number, 1);
	assert_string_equal(m->plan_review_on, "2027-01-15");
	assert_int_equal(m->nplan_goals, 2);
	assert_string_equal(m->plan_goals[0], "Siguri");
	assert_string_equal(m->plan_goals[1], "Shkollë");
	assert_int_equal(m->nplan_actions, 1);
	assert_string_equal(m->plan_actions[0].what, "Këshillim");
	assert_string_equal(m->plan_actions[0].status, "open");
	/* Consent narrowed to health and education: the assessment's other
	 * domains and the plan go at once; health and education keep their
	 * assessment domains. */
	assert_int_equal(consent_withdraw(&w, id, cid, version(c, id),
	    day(c, 0), "Prindi e ngushtoi"), SVC_OK);
	cid2 = consent(c, id, c->ngo, some, 2, 0);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_false(m->assessment);
	assert_false(m->plan);
	assert_string_equal(m->shared, "health,education");
	assert_string_equal(m->as_conclusion, "");
	assert_string_equal(m->as_status, "");
	assert_int_equal(m->nplan_goals, 0);
	assert_string_equal(m->as_health, "H");
	assert_string_equal(m->school_status, "irregular");
	/* Withdrawn entirely: nothing. */
	assert_int_equal(consent_withdraw(&w, id, cid2, version(c, id),
	    day(c, 0), "Prindi e tërhoqi"), SVC_OK);
	assert_int_equal(referral_get(&s, rid, &v, &m), SVC_OK);
	assert_false(m->health || m->education);
	assert_string_equal(m->shared, "");
	assert_string_equal(m->disability, "");
	assert_string_equal(m->as_health, "");
	assert_string_equal(m->school_status, "");
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_create_refused),
		T(test_create_provider),
		T(test_create_agency_override),
		T(test_receive_scope),
		T(test_receive_consent),
		T(test_receive_more_categories),
		T(test_transitions),
		T(test_open_and_scan),
		T(test_cancel_refused),
		T(test_cancel_and_withdraw),
		T(test_centre_receives),
		T(test_due_days_off),
		T(test_report_in),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
