/*
 * test_protect.c — protection measures and 72-hour emergency placements
 * (src/svc/protect.c) and systematic visits (src/svc/visit.c), negative
 * first: every refused input names its field and message and writes
 * nothing (the case version and the row counts stay); then the status of
 * a measure through its dates, the end of a placement, the scan's
 * reminders (twice run, once notified), and a visit from planning to a
 * report in the intake.
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/intake.h"
#include "../../src/svc/protect.h"
#include "../../src/svc/visit.h"

struct ctx {
	struct fx	*f;
	int64_t		 tir, dur, hani, t1;
	struct actor	*cw, *sup, *dsup, *kcw, *tm, *pu, *cm, *aud;
	int64_t		 cw_id, sup_id, cw2_id;
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
	c->tir = fx_agency(f, "NJMF-TIR", AGENCY_SOCIAL_WORK, "AL53", NULL);
	c->dur = fx_agency(f, "NJMF-DUR", AGENCY_SOCIAL_WORK, "AL10", NULL);
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->t1 = fx_team(f, c->tir, "Ekipi 1");
	c->cw_id = fx_user(f, "pmf.one", ROLE_CASEWORKER, c->tir, c->t1);
	c->cw2_id = fx_user(f, "pmf.two", ROLE_CASEWORKER, c->tir, c->t1);
	c->sup_id = fx_user(f, "sup.tir", ROLE_SUPERVISOR, c->tir, 0);
	c->cw = fx_actor(f, c->cw_id);
	c->sup = fx_actor(f, c->sup_id);
	c->dsup = fx_actor(f, fx_user(f, "sup.dur", ROLE_SUPERVISOR, c->dur,
	    0));
	c->kcw = fx_actor(f, fx_user(f, "cw.hani", ROLE_CASEWORKER, c->hani,
	    0));
	c->tm = fx_actor(f, fx_user(f, "tm.tir", ROLE_TABLE_MEMBER, fx_agency(f,
	    "POL-TIR", AGENCY_POLICE, "AL53", NULL), 0));
	c->pu = fx_actor(f, fx_user(f, "ngo.tir", ROLE_PROVIDER_USER,
	    fx_agency(f, "OJF-TIR", AGENCY_PROVIDER, "AL53", NULL), 0));
	c->cm = fx_actor(f, fx_user(f, "gkk.tir", ROLE_COMMUNITY_MEMBER,
	    fx_agency(f, "GKK-TIR", AGENCY_COMMUNITY, "AL53", NULL), 0));
	c->aud = fx_actor(f, fx_user(f, "auditor", ROLE_AUDITOR, fx_agency(f,
	    "MSHMS-AL", AGENCY_MINISTRY, NULL, "AL"), 0));
	if (!c->tir || !c->dur || !c->hani || !c->cw || !c->sup || !c->dsup ||
	    !c->kcw || !c->tm || !c->pu || !c->cm || !c->aud || !c->cw2_id)
		return -1;
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, birth_date, fold_given, fold_family, created_at,"
	    " updated_at) VALUES ('Ardit', 'Hoxha', '2014-05-02',"
	    " 'ardit', 'hoxha', 1, 1)"), SQLITE_OK);
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

/* A case of Tiranë, cw's, opened 30 days ago. */
static int64_t
al_case(struct ctx *c)
{
	static const char *const k[] = { "NEG" };
	int64_t id = fx_case(c->f, c->cw, c->child, "AL53", c->tir, c->cw_id,
	    c->t1, k, 1);

	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET opened_at = opened_at - 30 * 86400 WHERE id = %lld",
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

/* The local day and HH:MM of now plus seconds. */
static void
moment(struct ctx *c, int64_t plus, const char **d, const char **t)
{
	char b[32];

	clock_format(clock_now() + plus, 1, b, sizeof(b));
	b[10] = '\0';
	*d = arena_strdup(c->f->a, b);
	*t = arena_strdup(c->f->a, b + 11);
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

#define OK(call) do {							\
	struct svc s_ = fx_svc(c->f, actor);				\
	struct svc *sv = &s_;						\
	enum svc_rc rc_ = (call);					\
	if (rc_ != SVC_OK)						\
		fail_msg("%s: %s %s", #call, svc_nz(sv->err.field),	\
		    svc_nz(sv->err.msg));				\
} while (0)

static struct measure_new
measure(const char *type, const char *dec, const char *sub, const char *conf,
    const char *exp)
{
	struct measure_new n;

	memset(&n, 0, sizeof(n));
	n.type = type;
	n.decided_by = "unit";
	n.decision_date = dec;
	n.submission_date = sub;
	n.confirmation_date = conf;
	n.expiry_date = exp;
	return n;
}

static int64_t
measures(struct ctx *c)
{
	return count(c, "SELECT count(*) FROM protection_measure");
}

/* ---------------------------------------------------------------- measures */

static void
test_measure_refused(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	static const char *const k[] = { "NEG" };
	int64_t id = al_case(c), v = version(c, id), kid;
	struct measure_new n;

	/* A Kosovo case: not offered. */
	kid = fx_case(c->f, c->kcw, c->child, "XK09", c->hani, c->kcw->id, 0,
	    k, 1);
	actor = c->kcw;
	n = measure("alternative_care", day(c, -5), "", "", "");
	REFUSED(protect_measure_add(sv, kid, version(c, kid), &n, NULL),
	    SVC_INVALID, "case", "protect.err.country");
	actor = c->cw;
	/* Each date rule names its field. */
	n = measure("alternative_care", day(c, -5), day(c, -6), "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "submission_date", "protect.err.submission_before_decision");
	n = measure("alternative_care", day(c, -5), day(c, -3), day(c, -4), "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "confirmation_date", "protect.err.confirmation_before_submission");
	n = measure("alternative_care", day(c, -5), "", day(c, -4), "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "confirmation_date", "protect.err.confirmation_no_submission");
	n = measure("alternative_care", day(c, -5), "", "", day(c, -6));
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "expiry_date", "protect.err.expiry_before_decision");
	n = measure("alternative_care", day(c, 1), "", "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "decision_date", "protect.err.future");
	n = measure("alternative_care", day(c, -5), day(c, 2), "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "submission_date", "protect.err.future");
	n = measure("alternative_care", day(c, -5), day(c, -4), day(c, 1), "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "confirmation_date", "protect.err.future");
	n = measure("alternative_care", "31.02.2026", "", "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "decision_date", "error.field.date");
	n = measure("alternative_care", "", "", "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "decision_date", "error.field.required");
	n = measure("adoption", day(c, -5), "", "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "type", "error.field.choice");
	n = measure("alternative_care", day(c, -5), "", "", "");
	n.decided_by = "police";
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID,
	    "decided_by", "error.field.choice");
	/* A stale version. */
	n = measure("alternative_care", day(c, -5), "", "", "");
	REFUSED(protect_measure_add(sv, id, v - 1, &n, NULL), SVC_CONFLICT,
	    NULL, "case.conflict");
	/* Another unit, a table member, a provider's and a community member:
	 * not found (audited) or not allowed; nothing written. */
	actor = c->dsup;
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	assert_true(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.write.denied'") >= 1);
	actor = c->tm;
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_DENIED, NULL,
	    NULL);
	actor = c->pu;
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_DENIED, NULL,
	    NULL);
	actor = c->cm;
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_DENIED, NULL,
	    NULL);
	assert_int_equal(measures(c), 0);
	assert_int_equal(version(c, id), v);
	/* A closed case. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET status = 'closed' WHERE id = %lld",
	    (long long)id)), SQLITE_OK);
	actor = c->cw;
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID, "case",
	    "case.closed");
	assert_int_equal(measures(c), 0);
}

static void
test_measure_lifecycle(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	int64_t id = al_case(c), v, mid = 0, m2 = 0;
	struct protect_view *pv;
	struct case_full *cf;
	struct measure_new n;

	v = version(c, id);
	n = measure("family_supervision", day(c, -10), "", "", day(c, 170));
	OK(protect_measure_add(sv, id, v, &n, &mid));
	assert_true(version(c, id) > v);
	/* A second active measure of the same type. */
	v = version(c, id);
	n = measure("family_supervision", day(c, -2), "", "", "");
	REFUSED(protect_measure_add(sv, id, v, &n, NULL), SVC_INVALID, "type",
	    "protect.err.same_type");
	assert_int_equal(measures(c), 1);
	/* Another type is fine. */
	n = measure("alternative_care", day(c, -3), day(c, -2), day(c, -1), "");
	n.decided_by = "court";
	OK(protect_measure_add(sv, id, v, &n, &m2));
	/* Submitted, then confirmed: the status follows the dates. */
	v = version(c, id);
	n = measure("", "", day(c, -12), "", day(c, 170));
	REFUSED(protect_measure_update(sv, id, mid, v, &n), SVC_INVALID,
	    "submission_date", "protect.err.submission_before_decision");
	n = measure("", "", day(c, -8), "", day(c, 170));
	OK(protect_measure_update(sv, id, mid, v, &n));
	{
		struct svc s = fx_svc(c->f, actor);

		assert_int_equal(case_get(&s, id, &cf), SVC_OK);
		assert_int_equal(protect_case(&s, &cf->c, &pv), SVC_OK);
	}
	assert_int_equal(pv->nmeasures, 2);
	assert_string_equal(pv->measures[1].status, "submitted");
	assert_string_equal(pv->measures[0].status, "confirmed");
	v = version(c, id);
	n = measure("", "", day(c, -8), day(c, -7), day(c, 170));
	OK(protect_measure_update(sv, id, mid, v, &n));
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " protection_measure WHERE id = %lld AND status = 'confirmed'",
	    (long long)mid)), 1);
	/* Ended with a reason; ending twice is a conflict. */
	v = version(c, id);
	REFUSED(protect_measure_end(sv, id, mid, v, "", day(c, 0)),
	    SVC_INVALID, "end_reason", "error.field.required");
	REFUSED(protect_measure_end(sv, id, mid, v, "goals_met", day(c, -11)),
	    SVC_INVALID, "end_date", "protect.err.end_before_decision");
	OK(protect_measure_end(sv, id, mid, v, "goals_met", day(c, 0)));
	v = version(c, id);
	REFUSED(protect_measure_end(sv, id, mid, v, "goals_met", day(c, 0)),
	    SVC_CONFLICT, NULL, "protect.err.ended");
	REFUSED(protect_measure_update(sv, id, mid, v, &n), SVC_CONFLICT, NULL,
	    "protect.err.ended");
	/* The type is free again. */
	n = measure("family_supervision", day(c, -1), "", "", "");
	OK(protect_measure_add(sv, id, v, &n, NULL));
	/* An expired measure is shown expired and frees its type. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " protection_measure SET expiry_date = '2000-01-01',"
	    " decision_date = '1999-01-01', submission_date = '1999-01-02',"
	    " confirmation_date = '1999-01-03' WHERE id = %lld",
	    (long long)m2)), SQLITE_OK);
	{
		struct svc s = fx_svc(c->f, actor);

		assert_int_equal(protect_case(&s, &cf->c, &pv), SVC_OK);
		assert_string_equal(pv->measures[pv->nmeasures - 1].status,
		    "expired");
	}
	n = measure("alternative_care", day(c, -1), "", "", "");
	OK(protect_measure_add(sv, id, version(c, id), &n, NULL));
	/* Every write audited with codes, a timeline event each. */
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action"
	    " LIKE 'protect.measure.%'"), 7);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action"
	    " LIKE 'protect.%' AND detail LIKE '%Ardit%'"), 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_event WHERE case_id = %lld AND kind = 'measure'",
	    (long long)id)), 7);
}

/* ---------------------------------------------------------------- placements */

static void
test_placement(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	int64_t id = al_case(c), v, pid = 0, mid = 0;
	struct placement_new p;
	struct measure_new n;
	struct placement_due *due;
	size_t ndue;
	const char *d, *t, *d2, *t2;

	memset(&p, 0, sizeof(p));
	p.place_kind = "shelter";
	p.place_name = "Qendra e Emergjencës";
	v = version(c, id);
	/* A start in the future, a bad time, markup, an unknown kind. */
	moment(c, 3600, &d, &t);
	p.date = d;
	p.time = t;
	REFUSED(protect_placement_start(sv, id, v, &p, NULL), SVC_INVALID,
	    NULL, "protect.err.future");
	moment(c, -3600, &d, &t);
	p.date = d;
	p.time = "25:00";
	REFUSED(protect_placement_start(sv, id, v, &p, NULL), SVC_INVALID,
	    "time", "protect.err.time");
	p.time = t;
	p.place_name = "<b>x</b>";
	REFUSED(protect_placement_start(sv, id, v, &p, NULL), SVC_INVALID,
	    "place_name", "protect.err.markup");
	p.place_name = "Qendra";
	p.place_kind = "hotel";
	REFUSED(protect_placement_start(sv, id, v, &p, NULL), SVC_INVALID,
	    "place_kind", "error.field.choice");
	p.place_kind = "shelter";
	assert_int_equal(count(c, "SELECT count(*) FROM emergency_placement"),
	    0);
	/* Started 50 hours ago. */
	moment(c, -50 * 3600, &d, &t);
	p.date = d;
	p.time = t;
	OK(protect_placement_start(sv, id, v, &p, &pid));
	/* A second one while it runs. */
	v = version(c, id);
	REFUSED(protect_placement_start(sv, id, v, &p, NULL), SVC_INVALID,
	    "date", "protect.err.running");
	/* The running list of the worker and the supervisor. */
	{
		struct svc s = fx_svc(c->f, c->sup);

		assert_int_equal(protect_running(&s, &due, &ndue), SVC_OK);
		assert_int_equal(ndue, 1);
		assert_int_equal(due[0].case_id, id);
		s = fx_svc(c->f, c->dsup);
		assert_int_equal(protect_running(&s, &due, &ndue), SVC_OK);
		assert_int_equal(ndue, 0);
	}
	/* Ending: before the start, in the future, by a measure not
	 * confirmed or missing. */
	moment(c, -51 * 3600, &d2, &t2);
	REFUSED(protect_placement_end(sv, id, pid, v, "returned_family", 0,
	    d2, t2), SVC_INVALID, "time", "protect.err.end_before_start");
	moment(c, 2 * 3600, &d2, &t2);
	REFUSED(protect_placement_end(sv, id, pid, v, "returned_family", 0,
	    d2, t2), SVC_INVALID, NULL, "protect.err.future");
	moment(c, -3600, &d2, &t2);
	REFUSED(protect_placement_end(sv, id, pid, v, "court_measure", 0, d2,
	    t2), SVC_INVALID, "measure", "protect.err.measure_required");
	n = measure("emergency_protection", day(c, -2), "", "", "");
	OK(protect_measure_add(sv, id, v, &n, &mid));
	v = version(c, id);
	REFUSED(protect_placement_end(sv, id, pid, v, "court_measure", mid, d2,
	    t2), SVC_INVALID, "measure", "protect.err.measure_confirmed");
	REFUSED(protect_placement_end(sv, id, pid, v, "court_measure", 999999,
	    d2, t2), SVC_INVALID, "measure", "protect.err.measure_confirmed");
	REFUSED(protect_placement_end(sv, id, pid, v - 1, "returned_family", 0,
	    d2, t2), SVC_CONFLICT, NULL, "case.conflict");
	n = measure("", "", day(c, -1), day(c, 0), "");
	OK(protect_measure_update(sv, id, mid, v, &n));
	v = version(c, id);
	OK(protect_placement_end(sv, id, pid, v, "court_measure", mid, d2, t2));
	v = version(c, id);
	REFUSED(protect_placement_end(sv, id, pid, v, "returned_family", 0,
	    d2, t2), SVC_CONFLICT, NULL, "protect.err.ended");
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " emergency_placement WHERE id = %lld AND measure_id = %lld"
	    " AND end_how = 'court_measure'", (long long)pid, (long long)mid)),
	    1);
	/* Beyond 72 hours: a placement started 80 hours ago that ended an
	 * hour ago overran; the end is recorded as it happened (indicator 8
	 * counts it as not ended within 72 h), never moved into the 72
	 * hours. */
	moment(c, -80 * 3600, &d, &t);
	p.date = d;
	p.time = t;
	OK(protect_placement_start(sv, id, v, &p, &pid));
	v = version(c, id);
	moment(c, -3600, &d2, &t2);
	OK(protect_placement_end(sv, id, pid, v, "longer_care", 0, d2, t2));
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " emergency_placement WHERE id = %lld AND ended_at > ends_at",
	    (long long)pid)), 1);
	/* Another unit's supervisor: not found. */
	actor = c->dsup;
	REFUSED(protect_placement_start(sv, id, version(c, id), &p, NULL),
	    SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action"
	    " LIKE 'protect.placement.%'"), 4);
}

static int64_t
notes(struct ctx *c, const char *kind, const char *type)
{
	return count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = '%s' AND object_type = '%s'", kind,
	    type));
}

static void
test_scan_once(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	int64_t id = al_case(c), pid = 0;
	struct placement_new p;
	struct measure_new n;
	struct svc s = fx_svc(c->f, &c->f->root);
	const char *d, *t;

	memset(&p, 0, sizeof(p));
	p.place_kind = "relatives";
	p.place_name = "Te gjyshja";
	moment(c, -60 * 3600, &d, &t);	/* 12 hours left */
	p.date = d;
	p.time = t;
	OK(protect_placement_start(sv, id, version(c, id), &p, &pid));
	n = measure("family_supervision", day(c, -100), "", "", day(c, 20));
	OK(protect_measure_add(sv, id, version(c, id), &n, NULL));
	n = measure("alternative_care", day(c, -100), "", "", day(c, 60));
	OK(protect_measure_add(sv, id, version(c, id), &n, NULL));
	assert_int_equal(protect_scan(&s, clock_now()), SVC_OK);
	/* The worker and the unit's supervisor, once each. */
	assert_int_equal(notes(c, "placement_expiring", "placement_day"), 2);
	assert_int_equal(notes(c, "placement_expiring", "placement_hours"), 0);
	assert_int_equal(notes(c, "measure_expiring", "measure"), 2);
	assert_int_equal(protect_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(protect_scan(&s, clock_now() + 3600), SVC_OK);
	assert_int_equal(notes(c, "placement_expiring", "placement_day"), 2);
	assert_int_equal(notes(c, "measure_expiring", "measure"), 2);
	/* Six hours before: the second reminder, told apart. */
	assert_int_equal(protect_scan(&s, clock_now() + 7 * 3600), SVC_OK);
	assert_int_equal(protect_scan(&s, clock_now() + 8 * 3600), SVC_OK);
	assert_int_equal(notes(c, "placement_expiring", "placement_hours"), 2);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE user_id = %lld", (long long)c->cw2_id)), 0);
	/* Past expiry: nothing more. */
	assert_int_equal(protect_scan(&s, clock_now() + 13 * 3600), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM notification"), 6);
	/* No personal data in the links. */
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " link NOT LIKE '/cases/%'"), 0);
}

/* ---------------------------------------------------------------- visits */

static struct visit_new
visit(const char *kind, const char *date, const char *place)
{
	struct visit_new n;

	memset(&n, 0, sizeof(n));
	n.kind = kind;
	n.date = date;
	n.place = place;
	return n;
}

static void
test_visit_refused(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	struct visit_new n;
	int64_t other[] = { 0 };
	struct visit_info *l;
	size_t nl;
	int64_t total;
	struct visit_query q;

	n = visit("school", day(c, -1), "Shkolla 'Naim Frashëri'");
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "date",
	    "visit.err.past");
	n = visit("market", day(c, 3), "Tregu");
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "kind",
	    "error.field.choice");
	n = visit("school", day(c, 3), "<script>x</script>");
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "place",
	    "visit.err.markup");
	n = visit("school", day(c, 3), "");
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "place",
	    "error.field.required");
	n = visit("home", day(c, 3), "Rruga e Kavajës 12");
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "health_names",
	    "visit.err.health_required");
	n.health_names = "Dr. Elira Shehu";
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "health_institution",
	    "visit.err.health_required");
	n = visit("school", day(c, 3), "Shkolla 9");
	other[0] = c->dsup->id;
	n.participants = other;
	n.nparticipants = 1;
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "participants",
	    "visit.err.participant");
	other[0] = c->tm->id;
	REFUSED(visit_create(sv, &n, NULL), SVC_INVALID, "participants",
	    "visit.err.participant");
	/* Roles without PERM_VISITS. */
	n.nparticipants = 0;
	actor = c->tm;
	REFUSED(visit_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	actor = c->pu;
	REFUSED(visit_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	actor = c->cm;
	REFUSED(visit_create(sv, &n, NULL), SVC_DENIED, NULL, NULL);
	memset(&q, 0, sizeof(q));
	REFUSED(visit_list(sv, &q, &l, &nl, &total), SVC_DENIED, NULL, NULL);
	actor = c->cw;
	q.month = "2026-13";
	REFUSED(visit_list(sv, &q, &l, &nl, &total), SVC_INVALID, "month",
	    "visit.err.month");
	assert_int_equal(count(c, "SELECT count(*) FROM visit"), 0);
}

static void
test_visit_flow(void **state)
{
	struct ctx *c = *state;
	const struct actor *actor = c->cw;
	static const char *const k[] = { "EDU" };
	struct visit_new n;
	struct visit_full *vf;
	struct visit_info *l;
	struct visit_query q;
	struct visit_child ch;
	int64_t who[] = { 0, 0 }, id = 0, id2 = 0, rep = 0, total, vid;
	const char *kind, *date;
	char *big;
	size_t nl;

	who[0] = c->cw_id;
	who[1] = c->cw2_id;
	n = visit("home", day(c, 2), "Rruga e Kavajës 12");
	n.health_names = "Dr. Elira Shehu";
	n.health_institution = "QSH Nr. 3";
	n.others = "Mësuesja Drita";
	n.participants = who;
	n.nparticipants = 2;
	OK(visit_create(sv, &n, &id));
	/* The other participant is notified, the author not. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " notification WHERE kind = 'visit_planned' AND user_id = %lld",
	    (long long)c->cw2_id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM notification"), 1);
	n = visit("school", day(c, 0), "Shkolla 9");
	OK(visit_create(sv, &n, &id2));
	/* Upcoming first, soonest first; filters. */
	memset(&q, 0, sizeof(q));
	OK(visit_list(sv, &q, &l, &nl, &total));
	assert_int_equal(total, 2);
	assert_int_equal(l[0].id, id2);
	q.kind = "home";
	OK(visit_list(sv, &q, &l, &nl, &total));
	assert_int_equal(total, 1);
	assert_int_equal(l[0].id, id);
	/* Another unit: not found, audited. */
	actor = c->dsup;
	REFUSED(visit_get(sv, id, &vf), SVC_NOTFOUND, NULL, NULL);
	REFUSED(visit_done(sv, id, 1, "Gjetje", 1, 1), SVC_NOTFOUND, NULL,
	    NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'visit.read.denied'"), 2);
	memset(&q, 0, sizeof(q));
	OK(visit_list(sv, &q, &l, &nl, &total));
	assert_int_equal(total, 0);
	actor = c->sup;
	OK(visit_get(sv, id, &vf));
	assert_int_equal(vf->nparticipants, 2);
	/* Done: not before its day, findings plain and bounded. */
	REFUSED(visit_done(sv, id, vf->v.version, "Gjetje", 1, 1), SVC_INVALID,
	    "findings", "visit.err.not_yet");
	REFUSED(visit_done(sv, id2, 1, "<img src=x>", 1, 1), SVC_INVALID,
	    "findings", "visit.err.markup");
	big = arena_alloc(c->f->a, VISIT_FINDINGS_MAX + 2);
	memset(big, 'a', VISIT_FINDINGS_MAX + 1);
	big[VISIT_FINDINGS_MAX + 1] = '\0';
	REFUSED(visit_done(sv, id2, 1, big, 1, 1), SVC_INVALID, "findings",
	    "error.field.toolong");
	REFUSED(visit_done(sv, id2, 1, "Gjetje", -1, 1), SVC_INVALID, "seen_f",
	    "error.field.range");
	REFUSED(visit_done(sv, id2, 2, "Gjetje", 1, 1), SVC_CONFLICT, NULL,
	    "visit.err.changed");
	OK(visit_done(sv, id2, 1, "Dy fëmijë pa dokumente", 12, 14));
	REFUSED(visit_done(sv, id2, 2, "Gjetje", 1, 1), SVC_CONFLICT, NULL,
	    "visit.err.changed");
	REFUSED(visit_cancel(sv, id, 1, ""), SVC_INVALID, "cancel_reason",
	    "error.field.required");
	/* Identify a child: a report in the intake, linked. */
	memset(&ch, 0, sizeof(ch));
	ch.given = "Blerta";
	ch.sex = "f";
	ch.age = 9;
	ch.narrative = "<b>";
	ch.concerns = k;
	ch.nconcerns = 1;
	REFUSED(visit_identify(sv, id2, 2, &ch, &rep), SVC_INVALID,
	    "narrative", "visit.err.markup");
	ch.narrative = "Nuk ndjek shkollën.";
	ch.nconcerns = 0;
	REFUSED(visit_identify(sv, id2, 2, &ch, &rep), SVC_INVALID,
	    "concerns", NULL);
	ch.nconcerns = 1;
	REFUSED(visit_identify(sv, id, 1, &ch, &rep), SVC_INVALID, "narrative",
	    "visit.err.not_yet");
	assert_int_equal(count(c, "SELECT count(*) FROM report"), 0);
	OK(visit_identify(sv, id2, 2, &ch, &rep));
	assert_true(rep > 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " report WHERE id = %lld AND channel = 'visit' AND referrer_type ="
	    " 'systematic_visit'", (long long)rep)), 1);
	OK(visit_get(sv, id2, &vf));
	assert_int_equal(vf->nreports, 1);
	assert_int_equal(vf->reports[0].id, rep);
	OK(visit_of_report(sv, rep, &vid, &kind, &date));
	assert_int_equal(vid, id2);
	assert_string_equal(kind, "school");
	/* Cancelled with a reason; then nothing more. */
	OK(visit_cancel(sv, id, 1, "Familja nuk ishte në shtëpi"));
	REFUSED(visit_cancel(sv, id, 2, "x"), SVC_CONFLICT, NULL,
	    "visit.err.changed");
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action LIKE"
	    " 'visit.%' AND action <> 'visit.read.denied'"), 5);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action LIKE"
	    " 'visit.%' AND (detail LIKE '%Blerta%' OR detail LIKE '%Rruga%')"),
	    0);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_measure_refused),
		T(test_measure_lifecycle),
		T(test_placement),
		T(test_scan_once),
		T(test_visit_refused),
		T(test_visit_flow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
