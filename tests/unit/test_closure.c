/*
 * test_closure.c — reviews, incidents, closure, follow-up, reopening and
 * transfer as services (src/svc/closure.c), negative first: every rule and
 * transition refused with the field and message it names and nothing
 * written, then the happy paths with their rows, statuses, deadlines,
 * timeline events and audit rows. Children are SQL fixtures (as in
 * test_case.c); cases are opened by case_open_in_tx().
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/closure.h"
#include "../../src/svc/deadline.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, tir;	/* XK09, XK13, AL53 */
	int64_t		 t1, t2;
	struct actor	*cw1, *cw2, *sup, *psup, *pcw, *admin, *tsup;
	int64_t		 child;
};

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
}

static void
sql(struct ctx *c, const char *q)
{
	assert_int_equal(fx_raw_exec(c->f, q), SQLITE_OK);
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
	c->tir = fx_agency(f, "NJMF-TIRANE", AGENCY_SOCIAL_WORK, "AL53", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->t2 = fx_team(f, c->hani, "Ekipi 2");
	c->cw1 = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani,
	    c->t1));
	c->cw2 = fx_actor(f, fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani,
	    c->t2));
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->psup = fx_actor(f, fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris,
	    0));
	c->pcw = fx_actor(f, fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris,
	    0));
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->tsup = fx_actor(f, fx_user(f, "sup.tir", ROLE_SUPERVISOR, c->tir,
	    0));
	if (!c->hani || !c->pris || !c->tir || !c->cw1 || !c->cw2 ||
	    !c->sup || !c->psup || !c->pcw || !c->admin || !c->tsup)
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

/* A case of Hani i Elezit, cw1's, concerns NEG (primary) and VIO_PHY. */
static int64_t
open_case(struct ctx *c)
{
	static const char *const k[] = { "NEG", "VIO_PHY" };

	return fx_case(c->f, c->cw1, c->child, "XK09", c->hani, c->cw1->id,
	    c->t1, k, 2);
}

static int64_t
version(struct ctx *c, int64_t id)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM case_file"
	    " WHERE id = %lld", (long long)id));
}

static void
risk(struct ctx *c, int64_t id, const char *level)
{
	struct svc s = fx_svc(c->f, c->cw1);

	assert_int_equal(case_risk_set(&s, id, level, "fixture",
	    version(c, id), NULL), SVC_OK);
}

/* A case with its risk set. */
static int64_t
risked(struct ctx *c, const char *level)
{
	int64_t id = open_case(c);

	risk(c, id, level);
	return id;
}

/* dd.mm.yyyy of today plus days. */
static const char *
day(struct ctx *c, int days)
{
	char b[32];

	clock_format(clock_now() + 86400 * (int64_t)days, 0, b, sizeof(b));
	return arena_strdup(c->f->a, b);
}

static struct review_new
review(struct ctx *c, int64_t id)
{
	struct review_new n;

	memset(&n, 0, sizeof(n));
	n.date = day(c, 0);
	n.progress = "Visits weekly; school attendance back.";
	n.situation = "Calmer at home.";
	n.child_views = "Wants to stay with the grandmother.";
	n.decision = "continue";
	n.version = version(c, id);
	return n;
}

/* The call's field and message. */
#define REFUSED(call, rc_, field_, msg_) do {				\
	struct svc s_ = fx_svc(c->f, actor);				\
	struct svc *sv = &s_;						\
	assert_int_equal((call), (rc_));				\
	if ((field_) != NULL)						\
		assert_string_equal(sv->err.field, (field_));		\
	if ((msg_) != NULL)						\
		assert_string_equal(sv->err.msg, (msg_));		\
} while (0)

/* ---------------------------------------------------------------- reviews */

static void
test_review_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = open_case(c), other;
	struct review_new n;
	char *big;

	/* No risk yet: a review needs the risk set. */
	n = review(c, id);
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "risk",
	    "closure.review.no_risk");
	risk(c, id, "high");
	n = review(c, id);
	n.date = "";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "date",
	    "error.field.required");
	n.date = "31.02.2026";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "date",
	    "error.field.date");
	n.date = day(c, 1);
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "date",
	    "closure.date.future");
	n.date = day(c, -2);
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "date",
	    "closure.date.before_open");
	n = review(c, id);
	n.progress = " \n ";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "progress",
	    "error.field.required");
	big = calloc(1, 2 * (CLOSURE_TEXT_MAX + 1) + 1);
	assert_non_null(big);
	for (size_t i = 0; i < CLOSURE_TEXT_MAX + 1; i++)
		memcpy(big + 2 * i, "\xc3\xab", 2);	/* ë */
	n = review(c, id);
	n.situation = big;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID,
	    "situation", "error.field.toolong");
	n = review(c, id);
	n.child_views = big;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID,
	    "views", "error.field.toolong");
	free(big);
	n = review(c, id);
	n.decision = "close_now";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "decision",
	    "error.field.choice");
	n.decision = "continue";
	n.risk = "extreme";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "risk",
	    "error.field.choice");
	n.risk = "low";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "rationale",
	    "error.field.required");
	n.risk = NULL;
	n.next_review = day(c, 0);
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID,
	    "next_review", "closure.review.next_range");
	n.next_review = day(c, 400);
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID,
	    "next_review", "closure.review.next_range");
	n.next_review = NULL;
	/* Revising a plan needs a plan (status plan_active or review). */
	n.decision = "revise_plan";
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_INVALID, "decision",
	    "closure.review.no_plan");
	n.decision = "continue";
	n.version = version(c, id) - 1;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_CONFLICT, NULL,
	    "case.conflict");
	/* Another unit's case: 404, audited; an administrator: denied. */
	n = review(c, id);
	actor = c->psup;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->admin;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_DENIED, NULL, NULL);
	/* Another team's caseworker does not see cw1's case. */
	actor = c->cw2;
	REFUSED(closure_review_add(sv, id, &n, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	assert_true(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.write.denied'") >= 2);
	assert_int_equal(count(c, "SELECT count(*) FROM case_review"), 0);
	/* A closed case. */
	other = risked(c, "low");
	sql(c, arena_printf(c->f->a, "UPDATE case_file SET status = 'closed'"
	    " WHERE id = %lld", (long long)other));
	actor = c->cw1;
	n = review(c, other);
	REFUSED(closure_review_add(sv, other, &n, NULL), SVC_INVALID, "date",
	    "case.closed");
	assert_int_equal(count(c, "SELECT count(*) FROM case_review"), 0);
}

static void
test_review_saved(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	struct review_new n;
	int64_t id = risked(c, "high"), rid = 0, due, v;

	/* continue: the review step done and the next period (high: one
	 * month) from the review date. */
	n = review(c, id);
	n.next_review = day(c, 30);
	v = n.version;
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_review_add(&s, id, &n, &rid), SVC_OK);
	assert_true(rid > 0);
	assert_int_equal(version(c, id), v + 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_review WHERE"
	    " decision = 'continue' AND risk_before = 'high' AND risk_after ="
	    " 'high' AND risk_id IS NULL AND next_review IS NOT NULL"), 1);
	due = count(c, "SELECT due_at FROM deadline WHERE step = 'review' AND"
	    " done_at IS NULL");
	assert_true(due > clock_now() + 27 * 86400);
	assert_true(due < clock_now() + 33 * 86400);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " = 'review' AND after = 'continue'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.review'"), 1);
	/* A new level through the risk history: the period follows it (low:
	 * six months). */
	n = review(c, id);
	n.risk = "low";
	n.rationale = "Father left the household.";
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_review_add(&s, id, &n, NULL), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND risk = 'low'", (long long)id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM risk_assessment WHERE"
	    " level = 'low' AND rationale = 'Father left the household.'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_review WHERE"
	    " risk_before = 'high' AND risk_after = 'low' AND risk_id ="
	    " (SELECT max(id) FROM risk_assessment)"), 1);
	due = count(c, "SELECT due_at FROM deadline WHERE step = 'review' AND"
	    " done_at IS NULL");
	assert_true(due > clock_now() + 170 * 86400);
	/* revise_plan on a case with an active plan: status 'review'. */
	sql(c, arena_printf(c->f->a, "UPDATE case_file SET status ="
	    " 'plan_active' WHERE id = %lld", (long long)id));
	n = review(c, id);
	n.decision = "revise_plan";
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_review_add(&s, id, &n, NULL), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND status = 'review'", (long long)id)),
	    1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " = 'status' AND before = 'plan_active' AND after = 'review'"), 1);
	/* The audit rows hold codes, never the text written. */
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE detail"
	    " LIKE '%Calmer%' OR detail LIKE '%Father%'"), 0);
}

static void
test_incident(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct svc s;
	struct review_new n;
	int64_t id = open_case(c), iid = 0, due;

	REFUSED(closure_incident_add(sv, id, day(c, 0), "Hit at school",
	    version(c, id), NULL), SVC_INVALID, "incident_date",
	    "closure.review.no_risk");
	risk(c, id, "low");
	REFUSED(closure_incident_add(sv, id, day(c, 1), "x", version(c, id),
	    NULL), SVC_INVALID, "incident_date", "closure.date.future");
	REFUSED(closure_incident_add(sv, id, day(c, 0), "  ", version(c, id),
	    NULL), SVC_INVALID, "description", "error.field.required");
	REFUSED(closure_incident_add(sv, id, day(c, 0), "x", version(c, id) +
	    1, NULL), SVC_CONFLICT, NULL, "case.conflict");
	actor = c->psup;
	REFUSED(closure_incident_add(sv, id, day(c, 0), "x", version(c, id),
	    NULL), SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_incident"), 0);
	/* A review due by the end of today. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_incident_add(&s, id, day(c, 0),
	    "Hit at school", version(c, id), &iid), SVC_OK);
	assert_true(iid > 0);
	due = count(c, "SELECT due_at FROM deadline WHERE step = 'review' AND"
	    " done_at IS NULL");
	assert_true(due > clock_now());
	assert_true(due <= clock_now() + 86400);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " = 'incident'"), 1);
	/* The review answers it. */
	n = review(c, id);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_review_add(&s, id, &n, NULL), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM case_incident WHERE"
	    " reviewed_by IS NULL"), 0);
	assert_true(count(c, "SELECT due_at FROM deadline WHERE step ="
	    " 'review' AND done_at IS NULL") > clock_now() + 150 * 86400);
}

/* ---------------------------------------------------------------- closure */

static struct closure_new
closing(struct ctx *c, int64_t id, const char *reason)
{
	struct closure_new n;

	memset(&n, 0, sizeof(n));
	n.reason = reason;
	n.summary = "Goals of the plan met; school daily.";
	n.date = day(c, 0);
	n.version = version(c, id);
	return n;
}

static void
test_close_request_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct closure_new n;
	int64_t id = risked(c, "medium");

	n = closing(c, id, "bored");
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "reason",
	    "error.field.choice");
	n = closing(c, id, "goals_met");
	n.summary = "";
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "summary",
	    "error.field.required");
	n = closing(c, id, "goals_met");
	n.date = day(c, 2);
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "date",
	    "closure.date.future");
	n.date = day(c, -3);
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "date",
	    "closure.date.before_open");
	n = closing(c, id, "goals_met");
	n.follow_up = day(c, -1);
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "follow_up",
	    "closure.follow_up.before_closure");
	n.follow_up = "2026-13-01";
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "follow_up",
	    "error.field.date");
	/* Reasons and the case: family refusal only at low risk. */
	n = closing(c, id, "family_refused_low_risk");
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "reason",
	    "closure.reason.low_only");
	/* Turned 18: the child is 10; without a birth date: refused. */
	n = closing(c, id, "turned_18");
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "reason",
	    "closure.reason.not_18");
	sql(c, "UPDATE child SET birth_date = NULL");
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "reason",
	    "closure.reason.birth_unknown");
	n = closing(c, id, "goals_met");
	n.version--;
	REFUSED(closure_request(sv, id, &n), SVC_CONFLICT, NULL,
	    "case.conflict");
	actor = c->psup;
	n = closing(c, id, "goals_met");
	REFUSED(closure_request(sv, id, &n), SVC_NOTFOUND, NULL, NULL);
	actor = c->admin;
	REFUSED(closure_request(sv, id, &n), SVC_DENIED, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure"), 0);
	/* 18 on the closure date: allowed. */
	sql(c, arena_printf(c->f->a, "UPDATE child SET birth_date ="
	    " date('now', '-18 years', '-2 days')"));
	actor = c->cw1;
	n = closing(c, id, "turned_18");
	REFUSED(closure_request(sv, id, &n), SVC_OK, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure WHERE"
	    " status = 'requested' AND reason = 'turned_18'"), 1);
	/* The default follow-up: three months after the closure date. */
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure WHERE"
	    " follow_up_date = date(closure_date, '+3 months')"), 1);
	/* One request at a time. */
	n = closing(c, id, "goals_met");
	REFUSED(closure_request(sv, id, &n), SVC_CONFLICT, "reason",
	    "closure.waiting");
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure"), 1);
}

static void
test_close_approve(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->sup;
	struct closure_new n;
	struct svc s;
	int64_t id = risked(c, "low");

	/* Nothing closes a case without a request approved. */
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_INVALID, NULL,
	    "closure.none_waiting");
	n = closing(c, id, "family_refused_low_risk");
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_request(&s, id, &n), SVC_OK);
	/* A caseworker cannot approve; another unit cannot see it. */
	actor = c->cw1;
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_DENIED, NULL,
	    NULL);
	actor = c->psup;
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_NOTFOUND, NULL,
	    NULL);
	actor = c->sup;
	REFUSED(closure_approve(sv, id, version(c, id) - 1), SVC_CONFLICT,
	    NULL, "case.conflict");
	REFUSED(closure_return(sv, id, "", version(c, id)), SVC_INVALID,
	    "return_reason", "error.field.required");
	/* The rules again at approval: the risk rose since the request. */
	risk(c, id, "high");
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_INVALID,
	    "reason", "closure.reason.low_only");
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND status = 'screened'",
	    (long long)id)), 1);
	/* Returned with a note: the case stays open. */
	REFUSED(closure_return(sv, id, "Risk is high again", version(c, id)),
	    SVC_OK, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure WHERE"
	    " status = 'returned' AND decision_note = 'Risk is high again'"),
	    1);
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_INVALID, NULL,
	    "closure.none_waiting");
	/* Asked again, approved: closed, reason, deadlines dropped. */
	n = closing(c, id, "goals_met");
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_request(&s, id, &n), SVC_OK);
	assert_true(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " deadline WHERE case_id = %lld AND done_at IS NULL",
	    (long long)id)) > 0);
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_OK, NULL, NULL);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND status = 'closed' AND closed_at >"
	    " 0 AND close_reason = 'goals_met'", (long long)id)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " deadline WHERE case_id = %lld AND done_at IS NULL",
	    (long long)id)), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " = 'closure.approved' AND after = 'goals_met'"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.closure.approve'"), 1);
	/* Closing twice. */
	REFUSED(closure_approve(sv, id, version(c, id)), SVC_INVALID, NULL,
	    "case.closed");
	actor = c->cw1;
	n = closing(c, id, "goals_met");
	REFUSED(closure_request(sv, id, &n), SVC_INVALID, "reason",
	    "case.closed");
}

static void
close_now(struct ctx *c, int64_t id)
{
	struct closure_new n = closing(c, id, "no_longer_at_risk");
	struct svc s = fx_svc(c->f, c->cw1);

	assert_int_equal(closure_request(&s, id, &n), SVC_OK);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(closure_approve(&s, id, version(c, id)), SVC_OK);
}

static void
test_follow_up(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct follow_up_item *w;
	size_t nw;
	int64_t id = risked(c, "medium"), tw;
	struct svc s;

	REFUSED(closure_follow_up(sv, id, "fine", "", version(c, id)),
	    SVC_INVALID, "result", "closure.follow_up.not_closed");
	close_now(c, id);
	REFUSED(closure_follow_up(sv, id, "great", "", version(c, id)),
	    SVC_INVALID, "result", "error.field.choice");
	REFUSED(closure_follow_up(sv, id, "concern", " ", version(c, id)),
	    SVC_INVALID, "follow_up_note", "error.field.required");
	REFUSED(closure_follow_up(sv, id, "fine", "", version(c, id) - 1),
	    SVC_CONFLICT, NULL, "case.conflict");
	/* Not due yet: not on "my work"; three months later it is. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(nw, 0);
	fx_shift(93 * 86400);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(nw, 1);
	assert_int_equal(w[0].case_id, id);
	assert_true(w[0].mine);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(nw, 1);
	s = fx_svc(c->f, c->cw2);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(nw, 0);
	REFUSED(closure_follow_up(sv, id, "concern", "Mother worried",
	    version(c, id)), SVC_OK, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_closure WHERE"
	    " follow_up_result = 'concern' AND follow_up_at > 0"), 1);
	REFUSED(closure_follow_up(sv, id, "fine", "", version(c, id)),
	    SVC_CONFLICT, "result", "closure.follow_up.done");
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(nw, 0);
}

/* ---------------------------------------------------------------- reopening */

static void
test_reopen(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct svc s;
	int64_t id = risked(c, "medium"), nid = 0, nid2 = 0;

	REFUSED(closure_reopen(sv, id, "New report", version(c, id), NULL),
	    SVC_INVALID, "reopen_reason", "closure.reopen.not_closed");
	close_now(c, id);
	REFUSED(closure_reopen(sv, id, "", version(c, id), NULL), SVC_INVALID,
	    "reopen_reason", "error.field.required");
	REFUSED(closure_reopen(sv, id, "x", version(c, id) - 1, NULL),
	    SVC_CONFLICT, NULL, "case.conflict");
	actor = c->psup;
	REFUSED(closure_reopen(sv, id, "x", version(c, id), NULL),
	    SVC_NOTFOUND, NULL, NULL);
	/* Within 12 months: a new case linked to the earlier one. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_reopen(&s, id, "Neighbours report neglect",
	    version(c, id), &nid), SVC_OK);
	assert_true(nid > id);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file n JOIN case_file o ON o.id = n.reopened_from WHERE"
	    " n.id = %lld AND o.id = %lld AND n.child_id = o.child_id AND"
	    " n.municipality_id = o.municipality_id AND n.agency_id ="
	    " o.agency_id AND n.number <> o.number AND n.status ="
	    " 'registered' AND n.worker_id = o.worker_id", (long long)nid,
	    (long long)id)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_concern WHERE case_id = %lld AND ((code = 'NEG' AND"
	    " is_primary = 1) OR (code = 'VIO_PHY' AND is_primary = 0))",
	    (long long)nid)), 2);
	assert_true(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " deadline WHERE case_id = %lld", (long long)nid)) >= 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " IN ('reopened', 'reopened_from')"), 2);
	/* Once at a time. */
	actor = c->cw1;
	REFUSED(closure_reopen(sv, id, "again", version(c, id), NULL),
	    SVC_CONFLICT, NULL, "closure.reopen.open");
	/* The reopened case closed again: the earlier one may be reopened
	 * again; after 12 months not. */
	risk(c, nid, "low");
	close_now(c, nid);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(closure_reopen(&s, nid, "third report",
	    version(c, nid), &nid2), SVC_OK);
	fx_shift(366 * 86400);
	REFUSED(closure_reopen(sv, id, "late", version(c, id), NULL),
	    SVC_INVALID, "reopen_reason", "closure.reopen.too_late");
}

/* A new case of the same child registered from a report: linked as the
 * reopening of a case closed within 12 months, not of an older one, not of
 * another agency's, not when an open case already follows it. */
static enum svc_rc
link_tx(struct ctx *c, int64_t nid, int64_t agency, int64_t *from)
{
	struct svc s = fx_svc(c->f, c->cw1);
	enum svc_rc rc;

	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	rc = closure_link_reopened_in_tx(&s, nid, "XK-09-2026-999999",
	    c->child, agency, from);
	if (rc == SVC_OK)
		assert_int_equal(store_commit(c->f->st), STORE_OK);
	else
		assert_int_equal(store_rollback(c->f->st), STORE_OK);
	return rc;
}

static void
test_reopen_from_report(void **state)
{
	struct ctx *c = *state;
	int64_t id = risked(c, "medium"), nid, nid2, from = -1;

	/* Nothing closed yet: no link. */
	nid = open_case(c);
	assert_int_equal(link_tx(c, nid, c->hani, &from), SVC_OK);
	assert_int_equal(from, 0);
	/* Closed: the new case is its reopening; another agency's case
	 * (or a case of another agency's child) is not. */
	close_now(c, id);
	assert_int_equal(link_tx(c, nid, c->pris, &from), SVC_OK);
	assert_int_equal(from, 0);
	assert_int_equal(link_tx(c, nid, c->hani, &from), SVC_OK);
	assert_int_equal(from, id);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT reopened_from"
	    " FROM case_file WHERE id = %lld", (long long)nid)), id);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_event WHERE (case_id = %lld AND kind = 'reopened' AND"
	    " after = 'XK-09-2026-999999') OR (case_id = %lld AND kind ="
	    " 'reopened_from')", (long long)id, (long long)nid)), 2);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.reopen' AND detail LIKE '%source=report'"), 1);
	/* Followed by an open case already: a second new case is not
	 * linked to it. */
	nid2 = open_case(c);
	assert_int_equal(link_tx(c, nid2, c->hani, &from), SVC_OK);
	assert_int_equal(from, 0);
	/* Past the window: not linked. */
	sql(c, arena_printf(c->f->a, "UPDATE case_file SET reopened_from ="
	    " NULL WHERE id = %lld", (long long)nid));
	fx_shift(366 * 86400);
	assert_int_equal(link_tx(c, nid2, c->hani, &from), SVC_OK);
	assert_int_equal(from, 0);
}

/* ---------------------------------------------------------------- transfer */

static void
test_transfer_refused(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = risked(c, "medium"), pris = fx_muni(c->f, "XK13");

	REFUSED(closure_transfer_request(sv, id, fx_muni(c->f, "XK09"),
	    "moved", version(c, id), NULL), SVC_INVALID, "municipality",
	    "closure.transfer.same");
	REFUSED(closure_transfer_request(sv, id, 999999, "moved",
	    version(c, id), NULL), SVC_INVALID, "municipality",
	    "error.field.invalid");
	REFUSED(closure_transfer_request(sv, id, fx_muni(c->f, "AL53"),
	    "moved", version(c, id), NULL), SVC_INVALID, "municipality",
	    "closure.transfer.country");
	REFUSED(closure_transfer_request(sv, id, fx_muni(c->f, "XK01"),
	    "moved", version(c, id), NULL), SVC_INVALID, "municipality",
	    "closure.transfer.no_agency");
	REFUSED(closure_transfer_request(sv, id, pris, "", version(c, id),
	    NULL), SVC_INVALID, "reason", "error.field.required");
	REFUSED(closure_transfer_request(sv, id, pris, "moved",
	    version(c, id) + 1, NULL), SVC_CONFLICT, NULL, "case.conflict");
	actor = c->psup;
	REFUSED(closure_transfer_request(sv, id, pris, "moved",
	    version(c, id), NULL), SVC_NOTFOUND, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM case_transfer"), 0);
}

static void
test_transfer_accept(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	struct transfer_info *in, *out;
	size_t nin, nout;
	struct closure_new n;
	struct case_full *full;
	struct case_info *ci;
	struct svc s;
	int64_t id = risked(c, "high"), pris = fx_muni(c->f, "XK13"), tid = 0,
	    nid = 0, tw = 0;
	struct follow_up_item *w;
	size_t nw;

	REFUSED(closure_transfer_request(sv, id, pris, "Family moved",
	    version(c, id), &tid), SVC_OK, NULL, NULL);
	assert_true(tid > 0);
	/* While it waits: no second transfer, no closure. */
	REFUSED(closure_transfer_request(sv, id, pris, "again", version(c, id),
	    NULL), SVC_CONFLICT, "municipality", "closure.transfer.waiting");
	n = closing(c, id, "moved");
	REFUSED(closure_request(sv, id, &n), SVC_CONFLICT, "reason",
	    "closure.transfer.waiting");
	/* Waiting for Prishtinë's supervisors, sent from Hani. */
	s = fx_svc(c->f, c->psup);
	assert_int_equal(closure_transfers(&s, &in, &nin, &out, &nout), SVC_OK);
	assert_int_equal(nin, 1);
	assert_int_equal(in[0].id, tid);
	assert_int_equal(nout, 0);
	assert_int_equal(closure_work(&s, &w, &nw, &tw), SVC_OK);
	assert_int_equal(tw, 1);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(closure_transfers(&s, &in, &nin, &out, &nout), SVC_OK);
	assert_int_equal(nin, 0);
	assert_int_equal(nout, 1);
	/* The wrong unit: 404 and audited; a caseworker: denied. */
	actor = c->sup;
	REFUSED(closure_transfer_accept(sv, tid, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.transfer.denied'"), 1);
	actor = c->pcw;
	REFUSED(closure_transfer_accept(sv, tid, NULL), SVC_DENIED, NULL,
	    NULL);
	actor = c->psup;
	REFUSED(closure_transfer_decline(sv, tid, ""), SVC_INVALID,
	    "decline_reason", "error.field.required");
	REFUSED(closure_transfer_accept(sv, 999999, NULL), SVC_NOTFOUND, NULL,
	    NULL);
	/* Accepted: the earlier case ends, a new one opens there. */
	s = fx_svc(c->f, c->psup);
	assert_int_equal(closure_transfer_accept(&s, tid, &nid), SVC_OK);
	assert_true(nid > id);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND status = 'transferred'",
	    (long long)id)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " deadline WHERE case_id = %lld AND done_at IS NULL",
	    (long long)id)), 0);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND agency_id = %lld AND worker_id IS"
	    " NULL AND team_id IS NULL AND risk = 'high' AND status ="
	    " 'screened' AND number LIKE 'XK-13-%%' AND child_id = %lld",
	    (long long)nid, (long long)c->pris, (long long)c->child)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_concern WHERE case_id = %lld", (long long)nid)), 2);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " risk_assessment WHERE case_id = %lld AND level = 'high'",
	    (long long)nid)), 1);
	assert_true(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " deadline WHERE case_id = %lld AND step = 'first_contact' AND"
	    " done_at IS NULL", (long long)nid)) == 1);
	/* Decided once. */
	REFUSED(closure_transfer_accept(sv, tid, NULL), SVC_CONFLICT, NULL,
	    "closure.transfer.decided");
	/* The receiving supervisor reads the earlier case through the link,
	 * never writes it; the sending unit keeps reading its own. */
	s = fx_svc(c->f, c->psup);
	assert_int_equal(case_get(&s, id, &full), SVC_OK);
	assert_string_equal(full->c.status, "transferred");
	s = fx_svc(c->f, c->psup);
	assert_int_equal(case_for_write(&s, id, 0, 1, &ci), SVC_NOTFOUND);
	s = fx_svc(c->f, c->pcw);
	assert_int_equal(case_get(&s, id, &full), SVC_NOTFOUND);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(case_get(&s, nid, &full), SVC_NOTFOUND);
	assert_int_equal(case_get(&s, id, &full), SVC_OK);
	/* A transferred case is never reopened. */
	actor = c->sup;
	REFUSED(closure_reopen(sv, id, "x", version(c, id), NULL), SVC_INVALID,
	    "reopen_reason", "closure.reopen.transferred");
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE kind"
	    " IN ('transfer.requested', 'transfer.accepted',"
	    " 'transferred_from')"), 3);
}

static void
test_transfer_decline(void **state)
{
	struct ctx *c = *state;
	struct actor *actor = c->cw1;
	int64_t id = risked(c, "low"), pris = fx_muni(c->f, "XK13"), tid = 0;
	struct svc s;

	REFUSED(closure_transfer_request(sv, id, pris, "Family moved",
	    version(c, id), &tid), SVC_OK, NULL, NULL);
	s = fx_svc(c->f, c->psup);
	assert_int_equal(closure_transfer_decline(&s, tid,
	    "Family still lives in Hani"), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " case_file WHERE id = %lld AND status = 'screened'",
	    (long long)id)), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_transfer WHERE"
	    " status = 'declined' AND new_case_id IS NULL"), 1);
	actor = c->psup;
	REFUSED(closure_transfer_accept(sv, tid, NULL), SVC_CONFLICT, NULL,
	    "closure.transfer.decided");
	/* Asked again after a decline: allowed. */
	actor = c->cw1;
	REFUSED(closure_transfer_request(sv, id, pris, "Moved now",
	    version(c, id), NULL), SVC_OK, NULL, NULL);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_review_refused),
		T(test_review_saved),
		T(test_incident),
		T(test_close_request_refused),
		T(test_close_approve),
		T(test_follow_up),
		T(test_reopen),
		T(test_reopen_from_report),
		T(test_transfer_refused),
		T(test_transfer_accept),
		T(test_transfer_decline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
