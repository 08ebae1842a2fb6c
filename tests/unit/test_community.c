/*
 * test_community.c — consent (src/svc/consent.c) and the community advisory
 * groups with their alerts and initiatives (src/svc/community.c), negative
 * first: every refused input names its field and message and writes
 * nothing; then consent_allows() on every path (consent, withdrawn, out of
 * scope by agency or category, override), the override's review list, the
 * member who sees only their group's alerts as received / handled, and
 * the triage of an alert into the intake or "not admitted".
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/community.h"
#include "../../src/svc/consent.h"
#include "../../src/svc/intake.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, police, school, gkk_ag;
	int64_t		 t1;
	struct actor	*cw1, *sup, *psup, *admin, *padmin, *aud, *mem, *mem2,
			*loner;
	int64_t		 mem_id, mem2_id, loner_id, cw_id;
	int64_t		 child;
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
	c->police = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->school = fx_agency(f, "SHK-HANI", AGENCY_SCHOOL, "XK09", NULL);
	c->gkk_ag = fx_agency(f, "GKK-HANI", AGENCY_COMMUNITY, "XK09", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->cw_id = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, c->t1);
	c->cw1 = fx_actor(f, c->cw_id);
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->psup = fx_actor(f, fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris,
	    0));
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    c->pris, 0));
	c->aud = fx_actor(f, fx_user(f, "auditor", ROLE_AUDITOR,
	    fx_agency(f, "MPMS-XK", AGENCY_MINISTRY, NULL, "XK"), 0));
	c->mem_id = fx_user(f, "gkk.one", ROLE_COMMUNITY_MEMBER, c->gkk_ag, 0);
	c->mem2_id = fx_user(f, "gkk.two", ROLE_COMMUNITY_MEMBER, c->gkk_ag, 0);
	c->loner_id = fx_user(f, "gkk.none", ROLE_COMMUNITY_MEMBER, c->gkk_ag,
	    0);
	c->mem = fx_actor(f, c->mem_id);
	c->mem2 = fx_actor(f, c->mem2_id);
	c->loner = fx_actor(f, c->loner_id);
	if (!c->hani || !c->pris || !c->police || !c->school || !c->cw1 ||
	    !c->sup || !c->psup || !c->admin || !c->padmin || !c->aud ||
	    !c->mem || !c->mem2 || !c->loner)
		return -1;
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, birth_date, fold_given, fold_family, created_at,"
	    " updated_at) VALUES ('Qendrim', 'Bytyci', '2016-03-01',"
	    " 'qendrim', 'bytyci', 1, 1)"), SQLITE_OK);
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

/* A case of Hani i Elezit, cw1's, opened a week ago. */
static int64_t
open_case(struct ctx *c)
{
	static const char *const k[] = { "NEG" };
	int64_t id = fx_case(c->f, c->cw1, c->child, "XK09", c->hani,
	    c->cw1->id, c->t1, k, 1);

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

/* dd.mm.yyyy of today plus days. */
static const char *
day(struct ctx *c, int days)
{
	char b[32];

	clock_format(clock_now() + 86400 * (int64_t)days, 0, b, sizeof(b));
	return arena_strdup(c->f->a, b);
}

static const char *const cats_summary[] = { "case_summary", "contact" };

/* A parent's consent for the police, case summary and contact. */
static struct consent_new
consent(struct ctx *c, const int64_t *agencies)
{
	struct consent_new n;

	memset(&n, 0, sizeof(n));
	n.giver_name = "Arta Bytyçi";
	n.relation = "parent";
	n.agencies = agencies;
	n.nagencies = 1;
	n.categories = cats_summary;
	n.ncategories = 2;
	n.date = day(c, 0);
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

static enum consent_answer
allows(struct ctx *c, int64_t id, int64_t agency, const char *cat)
{
	struct svc s = fx_svc(c->f, c->cw1);
	enum consent_answer a = CONSENT_GIVEN;

	assert_int_equal(consent_allows(&s, id, agency, cat, &a), SVC_OK);
	return a;
}

/* ---------------------------------------------------------------- consent */

static void
test_consent_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = open_case(c), v = version(c, id);
	int64_t ag[] = { c->police }, bad[] = { 999999 };
	static const char *const badcat[] = { "finances" };
	struct consent_new n;
	char *big;

	n = consent(c, ag);
	n.giver_name = "  ";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID,
	    "giver_name", "error.field.required");
	n = consent(c, ag);
	n.giver_name = "Arta\nBytyçi";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID,
	    "giver_name", "error.field.line");
	n = consent(c, ag);
	n.relation = "neighbour";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "relation",
	    "error.field.choice");
	n = consent(c, ag);
	n.relation = "";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "relation",
	    "error.field.required");
	n = consent(c, ag);
	n.nagencies = 0;
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "agencies",
	    "consent.err.no_agency");
	n = consent(c, bad);
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "agencies",
	    "consent.err.agency_unknown");
	n = consent(c, ag);
	n.ncategories = 0;
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID,
	    "categories", "consent.err.no_category");
	n = consent(c, ag);
	n.categories = badcat;
	n.ncategories = 1;
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID,
	    "categories", "error.field.choice");
	/* Dates: required, valid, not in the future, not before the case. */
	n = consent(c, ag);
	n.date = "";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "date",
	    "error.field.required");
	n.date = "31.02.2026";
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "date",
	    "error.field.date");
	n.date = day(c, 1);
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "date",
	    "consent.err.future");
	n.date = day(c, -30);
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_INVALID, "date",
	    "consent.err.too_early");
	/* A stale version. */
	n = consent(c, ag);
	REFUSED(consent_record(sv, id, v - 1, &n, NULL), SVC_CONFLICT, NULL,
	    "case.conflict");
	/* An override is the supervisor's. */
	n = consent(c, ag);
	n.override_code = "best_interest";
	n.override_reason = "Police must act today.";
	REFUSED(consent_override(sv, id, v, &n, NULL), SVC_DENIED, NULL,
	    "error.denied");
	actor = c->sup;
	n.override_code = "whim";
	REFUSED(consent_override(sv, id, v, &n, NULL), SVC_INVALID,
	    "override_code", "error.field.choice");
	n.override_code = "legal_duty";
	n.override_reason = "";
	REFUSED(consent_override(sv, id, v, &n, NULL), SVC_INVALID,
	    "override_reason", "error.field.required");
	big = arena_alloc(c->f->a, CONSENT_REASON_MAX + 2);
	memset(big, 'x', CONSENT_REASON_MAX + 1);
	big[CONSENT_REASON_MAX + 1] = '\0';
	n.override_reason = big;
	REFUSED(consent_override(sv, id, v, &n, NULL), SVC_INVALID,
	    "override_reason", "error.field.toolong");
	/* Someone who cannot see the case: 404, audited. */
	actor = c->psup;
	n = consent(c, ag);
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	/* A community member holds no case permission at all. */
	actor = c->mem;
	REFUSED(consent_record(sv, id, v, &n, NULL), SVC_DENIED, NULL,
	    "error.denied");
	assert_int_equal(count(c, "SELECT count(*) FROM consent"), 0);
	assert_int_equal(version(c, id), v);
	assert_true(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.write.denied'") >= 1);
}

static void
test_consent_allows_paths(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = open_case(c), other = open_case(c), cid = 0, oid = 0;
	int64_t ag[] = { c->police };
	struct consent_new n;
	enum consent_answer a;
	struct consent_info *l;
	size_t nl;

	/* No consent yet. */
	assert_int_equal(allows(c, id, c->police, "case_summary"),
	    CONSENT_NONE);
	REFUSED(consent_allows(sv, id, c->police, "finances", &a),
	    SVC_INVALID, "category", "error.field.choice");
	/* A parent's consent: police, case summary and contact. */
	n = consent(c, ag);
	REFUSED(consent_record(sv, id, version(c, id), &n, &cid), SVC_OK,
	    NULL, NULL);
	assert_true(cid > 0);
	assert_int_equal(allows(c, id, c->police, "case_summary"),
	    CONSENT_GIVEN);
	assert_int_equal(allows(c, id, c->police, "contact"), CONSENT_GIVEN);
	/* Out of scope: another agency, another category, another case. */
	assert_int_equal(allows(c, id, c->school, "case_summary"),
	    CONSENT_NONE);
	assert_int_equal(allows(c, id, c->police, "health"), CONSENT_NONE);
	assert_int_equal(allows(c, other, c->police, "case_summary"),
	    CONSENT_NONE);
	/* The timeline and the audit: codes, not the name. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_event WHERE case_id = %lld AND kind = 'consent'",
	    (long long)id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'consent.record' AND detail LIKE '%relation=parent%'"
	    " AND detail NOT LIKE '%Arta%'"), 1);
	/* Withdrawal: refused inputs first. */
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, 1),
	    "Mother changed her mind"), SVC_INVALID, "date",
	    "consent.err.future");
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, -1),
	    "Mother changed her mind"), SVC_INVALID, "date",
	    "consent.err.too_early");
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, 0),
	    " "), SVC_INVALID, "reason", "error.field.required");
	REFUSED(consent_withdraw(sv, other, cid, version(c, other), day(c, 0),
	    "x"), SVC_NOTFOUND, NULL, NULL);
	REFUSED(consent_withdraw(sv, id, cid, version(c, id) - 1, day(c, 0),
	    "x"), SVC_CONFLICT, NULL, "case.conflict");
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, 0),
	    "Mother changed her mind"), SVC_OK, NULL, NULL);
	assert_int_equal(allows(c, id, c->police, "case_summary"),
	    CONSENT_NONE);
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, 0),
	    "again"), SVC_INVALID, "date", "consent.err.withdrawn");
	/* Never deleted. */
	assert_int_equal(count(c, "SELECT count(*) FROM consent WHERE"
	    " withdrawn_at IS NOT NULL"), 1);
	assert_int_not_equal(fx_raw_exec(c->f, "DELETE FROM consent"),
	    SQLITE_OK);
	/* All agencies. */
	n = consent(c, ag);
	n.nagencies = 0;
	n.all_agencies = 1;
	n.relation = "child";
	n.giver_name = "Qendrim";
	REFUSED(consent_record(sv, id, version(c, id), &n, NULL), SVC_OK,
	    NULL, NULL);
	assert_int_equal(allows(c, id, c->school, "contact"), CONSENT_GIVEN);
	assert_int_equal(allows(c, id, c->school, "health"), CONSENT_NONE);
	/* A supervisor's override covers health for the police. */
	actor = c->sup;
	n = consent(c, ag);
	n.giver_name = n.relation = NULL;
	n.override_code = "legal_duty";
	n.override_reason = "Court order 12/2026.";
	n.categories = (const char *const[]){ "health" };
	n.ncategories = 1;
	REFUSED(consent_override(sv, id, version(c, id), &n, &oid), SVC_OK,
	    NULL, NULL);
	assert_int_equal(allows(c, id, c->police, "health"),
	    CONSENT_OVERRIDE);
	assert_int_equal(allows(c, id, c->school, "health"), CONSENT_NONE);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'consent.override' AND detail LIKE '%code=legal_duty%'"
	    " AND detail NOT LIKE '%Court%'"), 1);
	/* The case's list, newest first. */
	{
		struct svc s = fx_svc(c->f, c->cw1);

		assert_int_equal(consent_of_case(&s, id, &l, &nl), SVC_OK);
		assert_int_equal(nl, 3);
		assert_string_equal(l[0].kind, "override");
		assert_string_equal(l[2].withdrawn_reason,
		    "Mother changed her mind");
		assert_string_equal(l[2].categories, "case_summary,contact");
		assert_string_equal(l[2].agencies, "POL-HANI");
	}
}

static void
test_override_review(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->sup;
	int64_t id = open_case(c), ag[] = { c->police };
	struct consent_override_info *o;
	struct consent_new n;
	size_t no;

	n = consent(c, ag);
	n.giver_name = n.relation = NULL;
	n.override_code = "best_interest";
	n.override_reason = "Immediate danger at home.";
	REFUSED(consent_override(sv, id, version(c, id), &n, NULL), SVC_OK,
	    NULL, NULL);
	/* Who may review: supervisors and auditors only. */
	actor = c->cw1;
	REFUSED(consent_overrides(sv, &o, &no), SVC_DENIED, NULL,
	    "error.denied");
	actor = c->admin;
	REFUSED(consent_overrides(sv, &o, &no), SVC_DENIED, NULL, NULL);
	actor = c->mem;
	REFUSED(consent_overrides(sv, &o, &no), SVC_DENIED, NULL, NULL);
	/* The supervisor of another unit sees none of this unit's. */
	actor = c->psup;
	REFUSED(consent_overrides(sv, &o, &no), SVC_OK, NULL, NULL);
	assert_int_equal(no, 0);
	actor = c->sup;
	REFUSED(consent_overrides(sv, &o, &no), SVC_OK, NULL, NULL);
	assert_int_equal(no, 1);
	assert_string_equal(o[0].code, "best_interest");
	assert_string_equal(o[0].reason, "Immediate danger at home.");
	/* The auditor: who and which code, not the text. */
	actor = c->aud;
	REFUSED(consent_overrides(sv, &o, &no), SVC_OK, NULL, NULL);
	assert_int_equal(no, 1);
	assert_string_equal(o[0].reason, "");
	assert_true(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'consent.overrides'") >= 3);
}

static void
test_consent_closed_case(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = open_case(c), cid = 0, ag[] = { c->police };
	struct consent_new n = consent(c, ag);

	REFUSED(consent_record(sv, id, version(c, id), &n, &cid), SVC_OK,
	    NULL, NULL);
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET status = 'closed' WHERE id = %lld",
	    (long long)id)), SQLITE_OK);
	REFUSED(consent_record(sv, id, version(c, id), &n, NULL),
	    SVC_INVALID, "date", "case.closed");
	/* Withdrawal stays possible after closure. */
	REFUSED(consent_withdraw(sv, id, cid, version(c, id), day(c, 0),
	    "Family asked"), SVC_OK, NULL, NULL);
}

/* ---------------------------------------------------------------- groups */

static const char *const rae[] = { "roma", "ashkali", "egyptian" };

static int64_t
group(struct ctx *c)
{
	struct svc s = fx_svc(c->f, c->admin);
	int64_t g = 0;

	assert_int_equal(community_group_create(&s, 0, "GKK Hani RAE", rae, 3,
	    &g), SVC_OK);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(community_member_add(&s, g, c->mem_id), SVC_OK);
	return g;
}

static void
test_group_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	static const char *const bad[] = { "martian" };
	static const char *const unk[] = { "unknown" };
	int64_t g;
	struct community_group_info *gi;

	REFUSED(community_group_create(sv, 0, "G", rae, 3, NULL), SVC_DENIED,
	    NULL, "error.denied");
	actor = c->mem;
	REFUSED(community_group_create(sv, 0, "G", rae, 3, NULL), SVC_DENIED,
	    NULL, "error.denied");
	actor = c->admin;
	REFUSED(community_group_create(sv, 0, "", rae, 3, NULL), SVC_INVALID,
	    "name", "error.field.required");
	REFUSED(community_group_create(sv, 0, "<b>G</b>", rae, 3, NULL),
	    SVC_INVALID, "name", "community.err.markup");
	REFUSED(community_group_create(sv, 0, "G", rae, 0, NULL), SVC_INVALID,
	    "communities", "community.err.no_community");
	REFUSED(community_group_create(sv, 0, "G", bad, 1, NULL), SVC_INVALID,
	    "communities", "error.field.choice");
	REFUSED(community_group_create(sv, 0, "G", unk, 1, NULL), SVC_INVALID,
	    "communities", "error.field.choice");
	/* Another municipality is not the administrator's. */
	REFUSED(community_group_create(sv, fx_muni(c->f, "XK13"), "G", rae, 3,
	    NULL), SVC_INVALID, "municipality", "community.err.municipality");
	assert_int_equal(count(c, "SELECT count(*) FROM community_group"), 0);
	g = group(c);
	REFUSED(community_group_create(sv, 0, "GKK Hani RAE", rae, 3, NULL),
	    SVC_CONFLICT, "name", "community.err.group_exists");
	/* Members: only users of the role. */
	REFUSED(community_member_add(sv, g, c->cw_id), SVC_INVALID, "user",
	    "community.err.not_member_role");
	/* Another municipality's administrator does not see the group. */
	actor = c->padmin;
	REFUSED(community_group_get(sv, g, &gi), SVC_NOTFOUND, NULL, NULL);
	REFUSED(community_member_add(sv, g, c->mem2_id), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->admin;
	REFUSED(community_group_get(sv, g, &gi), SVC_OK, NULL, NULL);
	assert_string_equal(gi->communities, "ashkali,egyptian,roma");
	assert_int_equal(gi->members, 1);
}

/* ---------------------------------------------------------------- alerts */

static struct community_alert_new
alert(void)
{
	struct community_alert_new n;

	memset(&n, 0, sizeof(n));
	n.location = "Lagjja e Romëve, afër shkollës";
	n.seen = "Two siblings stopped going to school a month ago.";
	n.child = "A girl of about 10 and her brother of about 8.";
	return n;
}

static void
test_alert_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->mem;
	struct community_alert_new n;
	struct community_alert_info *l;
	size_t nl;
	char *big;

	/* Without a group: refused. */
	n = alert();
	REFUSED(community_alert_file(sv, &n, NULL), SVC_DENIED, NULL,
	    "community.err.no_group");
	(void)group(c);
	/* Other roles file no alert. */
	actor = c->cw1;
	REFUSED(community_alert_file(sv, &n, NULL), SVC_DENIED, NULL,
	    "error.denied");
	actor = c->mem;
	n.location = "";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "location",
	    "error.field.required");
	n = alert();
	n.seen = " \n ";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "seen",
	    "error.field.required");
	/* Markup anywhere. */
	n = alert();
	n.seen = "<script>alert(1)</script>";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "seen",
	    "community.err.markup");
	n = alert();
	n.child = "a <b>boy</b>";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "child",
	    "community.err.markup");
	n = alert();
	n.location = "<img src=x>";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "location",
	    "community.err.markup");
	/* Oversized. */
	big = arena_alloc(c->f->a, COMMUNITY_TEXT_MAX + 2);
	memset(big, 'x', COMMUNITY_TEXT_MAX + 1);
	big[COMMUNITY_TEXT_MAX + 1] = '\0';
	n = alert();
	n.seen = big;
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "seen",
	    "error.field.toolong");
	n = alert();
	n.location = "a\tb";
	REFUSED(community_alert_file(sv, &n, NULL), SVC_INVALID, "location",
	    "error.field.line");
	assert_int_equal(count(c, "SELECT count(*) FROM community_alert"), 0);
	/* A member of no group sees nothing. */
	actor = c->loner;
	REFUSED(community_alerts_mine(sv, &l, &nl), SVC_DENIED, NULL,
	    "community.err.no_group");
}

static void
test_alert_triage(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->mem;
	static const char *const k[] = { "NEG" };
	static const char *const bad[] = { "NOPE" };
	int64_t a1 = 0, a2 = 0, rep = 0, g2 = 0;
	struct community_alert_new n = alert();
	struct community_alert_info *l, *one;
	size_t nl;

	(void)group(c);
	REFUSED(community_alert_file(sv, &n, &a1), SVC_OK, NULL, NULL);
	n.immediate_danger = 1;
	REFUSED(community_alert_file(sv, &n, &a2), SVC_OK, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'community.alert.file' AND detail NOT LIKE '%siblings%'"), 2);
	/* Another group's member sees none of them. */
	{
		struct svc s = fx_svc(c->f, c->admin);

		assert_int_equal(community_group_create(&s, 0, "GKK Hani 2",
		    rae, 1, &g2), SVC_OK);
		s = fx_svc(c->f, c->admin);
		assert_int_equal(community_member_add(&s, g2, c->mem2_id),
		    SVC_OK);
	}
	actor = c->mem2;
	REFUSED(community_alerts_mine(sv, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 0);
	/* Neither the member nor the administrator triages. */
	actor = c->mem;
	REFUSED(community_alert_get(sv, a1, &one), SVC_DENIED, NULL, NULL);
	REFUSED(community_alert_admit(sv, a1, 1, k, 1, NULL), SVC_DENIED,
	    NULL, NULL);
	actor = c->admin;
	REFUSED(community_alert_reject(sv, a1, 1, "no"), SVC_DENIED, NULL,
	    NULL);
	/* Another municipality's intake does not see it. */
	actor = c->psup;
	REFUSED(community_alert_get(sv, a1, &one), SVC_NOTFOUND, NULL, NULL);
	REFUSED(community_alerts(sv, NULL, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 0);
	/* The Centre: danger first. */
	actor = c->cw1;
	REFUSED(community_alerts(sv, "received", &l, &nl), SVC_OK, NULL,
	    NULL);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].id, a2);
	/* Admit: concerns required and known; stale version refused. */
	REFUSED(community_alert_admit(sv, a1, 1, k, 0, NULL), SVC_INVALID,
	    "concerns", "intake.err.no_concern");
	REFUSED(community_alert_admit(sv, a1, 1, bad, 1, NULL), SVC_INVALID,
	    "concerns", "intake.err.concern_unknown");
	REFUSED(community_alert_admit(sv, a1, 2, k, 1, NULL), SVC_CONFLICT,
	    NULL, "community.err.decided");
	assert_int_equal(count(c, "SELECT count(*) FROM report"), 0);
	REFUSED(community_alert_admit(sv, a1, 1, k, 1, &rep), SVC_OK, NULL,
	    NULL);
	assert_true(rep > 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " report WHERE id = %lld AND referrer_type = 'community' AND"
	    " status = 'received' AND agency_id = %lld AND referrer_name ="
	    " 'GKK Hani RAE'", (long long)rep, (long long)c->hani)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " community_alert WHERE id = %lld AND status = 'admitted' AND"
	    " report_id = %lld", (long long)a1, (long long)rep)), 1);
	/* Decided once only. */
	REFUSED(community_alert_reject(sv, a1, 2, "dup"), SVC_CONFLICT, NULL,
	    "community.err.decided");
	/* Not admitted: a reason. */
	REFUSED(community_alert_reject(sv, a2, 1, ""), SVC_INVALID, "reason",
	    "error.field.required");
	REFUSED(community_alert_reject(sv, a2, 1, "Family already followed"
	    " by the school."), SVC_OK, NULL, NULL);
	/* The group: both handled, nothing of the decision. */
	actor = c->mem;
	REFUSED(community_alerts_mine(sv, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 2);
	assert_string_equal(l[0].status, "handled");
	assert_string_equal(l[1].status, "handled");
	assert_string_equal(l[0].reason, "");
	assert_int_equal(l[0].report_id + l[1].report_id, 0);
}

/* ---------------------------------------------------------------- initiatives */

static struct community_initiative_new
camp(struct ctx *c)
{
	struct community_initiative_new n;

	memset(&n, 0, sizeof(n));
	n.title = "Kampi veror 2026";
	n.type = "summer_camp";
	n.start = day(c, -10);
	n.end = day(c, -3);
	n.place = "Shkolla Ismail Qemali";
	n.female[1] = 12;
	n.male[1] = 15;
	n.female[2] = 9;
	n.male[2] = 9;
	return n;
}

static void
test_initiatives(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->mem;
	struct community_initiative_new n;
	struct community_initiative_info *l;
	size_t nl;
	int64_t g;

	n = camp(c);
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_DENIED, NULL,
	    "community.err.no_group");
	g = group(c);
	n.title = "";
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "title",
	    "error.field.required");
	n = camp(c);
	n.type = "party";
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "type",
	    "error.field.choice");
	n = camp(c);
	n.end = day(c, -11);
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "end",
	    "community.err.end_before_start");
	n = camp(c);
	n.start = "2026-13-01";
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "start",
	    "error.field.date");
	n = camp(c);
	n.male[4] = -1;
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID,
	    "m_adult", "error.field.range");
	n = camp(c);
	memset(n.female, 0, sizeof(n.female));
	memset(n.male, 0, sizeof(n.male));
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "f_0_5",
	    "community.err.no_participants");
	n = camp(c);
	n.place = "<i>x</i>";
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_INVALID, "place",
	    "community.err.markup");
	actor = c->cw1;
	n = camp(c);
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_DENIED, NULL,
	    NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM community_initiative"),
	    0);
	/* The scenario's camp: 45 children. */
	actor = c->mem;
	REFUSED(community_initiative_add(sv, &n, NULL), SVC_OK, NULL, NULL);
	REFUSED(community_initiatives(sv, 0, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 1);
	assert_int_equal(l[0].total, 45);
	/* The municipality's administrator lists it; another does not. */
	actor = c->admin;
	REFUSED(community_initiatives(sv, 0, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 1);
	REFUSED(community_initiatives(sv, g, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 1);
	actor = c->padmin;
	REFUSED(community_initiatives(sv, 0, &l, &nl), SVC_OK, NULL, NULL);
	assert_int_equal(nl, 0);
	REFUSED(community_initiatives(sv, g, &l, &nl), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->cw1;
	REFUSED(community_initiatives(sv, 0, &l, &nl), SVC_DENIED, NULL,
	    NULL);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_consent_refused),
		T(test_consent_allows_paths),
		T(test_override_review),
		T(test_consent_closed_case),
		T(test_group_refused),
		T(test_alert_refused),
		T(test_alert_triage),
		T(test_initiatives),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
