/*
 * test_casework.c — screening, the comprehensive assessment and the
 * Individual Protection Plan as services (src/svc/assessment.c, plan.c):
 * every rule and transition, refused input first (nothing written), the
 * risk set through the risk history in the screening's transaction, the
 * deadlines each step starts and ends, versions of the plan, stale case
 * versions, and the scope (another unit's case is not found).
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/assessment.h"
#include "../../src/svc/case.h"
#include "../../src/svc/plan.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, police_hani, police_pris;
	int64_t		 cw, sup, pcw, admin;
	struct actor	*a_cw, *a_sup, *a_pcw, *a_admin;
	int64_t		 child;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t t;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->police_hani = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->police_pris = fx_agency(f, "POL-PRIS", AGENCY_POLICE, "XK13", NULL);
	t = fx_team(f, c->hani, "Ekipi 1");
	c->cw = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, t);
	c->sup = fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	c->pcw = fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris,
	    fx_team(f, c->pris, "Ekipi 1"));
	c->admin = fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	if (!c->cw || !c->sup || !c->pcw || !c->admin || !c->police_hani ||
	    !c->police_pris)
		return -1;
	c->a_cw = fx_actor(f, c->cw);
	c->a_sup = fx_actor(f, c->sup);
	c->a_pcw = fx_actor(f, c->pcw);
	c->a_admin = fx_actor(f, c->admin);
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, fold_given, fold_family, created_at, updated_at)"
	    " VALUES ('Drita', 'Morina', 'drita', 'morina', 1, 1)"), SQLITE_OK);
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

/* A case of Hani i Elezit assigned to the caseworker; its id. */
static int64_t
open_case(struct ctx *c)
{
	static const char *const k[] = { "NEG" };

	return fx_case(c->f, c->a_cw, c->child, "XK09", c->hani, c->cw, 0, k,
	    1);
}

static int64_t
q(struct ctx *c, const char *fmt, int64_t id)
{
	char sql[512];

	snprintf(sql, sizeof(sql), fmt, (long long)id);
	return fx_raw_int(c->f, sql);
}

static int64_t
version(struct ctx *c, int64_t id)
{
	return q(c, "SELECT version FROM case_file WHERE id = %lld", id);
}

static struct screening_new
scr(const char *level, int64_t v)
{
	struct screening_new n;

	memset(&n, 0, sizeof(n));
	n.risk_factors = "violence_at_home,injury";
	n.protective_factors = "attends_school";
	n.sources = "home_visit, child_interview";
	n.level = level;
	n.rationale = "Bruises seen by the teacher";
	n.version = v;
	return n;
}

/* A screening at level by the caseworker. */
static void
screen(struct ctx *c, int64_t id, const char *level)
{
	struct svc s = fx_svc(c->f, c->a_cw);
	struct screening_new n = scr(level, version(c, id));

	n.emergency = strcmp(level, "high") == 0;
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_OK);
}

static struct assessment_in
asm_in(int complete, int64_t v)
{
	struct assessment_in in;

	memset(&in, 0, sizeof(in));
	in.text[ASM_SAFETY] = "Safe at the grandmother's";
	in.text[ASM_FAMILY_CARE] = "Mother cares, father absent";
	in.text[ASM_CHILD_VIEWS] = "Wants to stay at school";
	in.text[ASM_CONCLUSION] = "Family support and school follow-up";
	in.sources = "home_visit";
	in.complete = complete;
	in.version = v;
	return in;
}

static struct plan_in
plan_in(int64_t v)
{
	struct plan_in in;

	memset(&in, 0, sizeof(in));
	in.goals = "Safe at home\n\n  Back at school every day  \n";
	in.measure = "family_supervision";
	in.review_on = "";
	in.parents = "agreed";
	in.child_part = "participated";
	in.version = v;
	return in;
}

/* A date n days from today as dd.mm.yyyy (static buffer). */
static const char *
days_from_now(int n)
{
	static char b[32];

	clock_format(clock_now() + (int64_t)n * 86400, 0, b, sizeof(b));
	return b;
}

static struct plan_action_in
action_in(int64_t agency, const char *institution, const char *due,
    int64_t v)
{
	struct plan_action_in in;

	memset(&in, 0, sizeof(in));
	in.what = "Weekly home visit";
	in.agency_id = agency;
	in.institution = institution;
	in.person = "Arta";
	in.service = "Family support (NGO)";
	in.due_on = due;
	in.version = v;
	return in;
}

/* A plan ready to submit: started, saved with a review date, one action. */
static void
plan_ready(struct ctx *c, int64_t id)
{
	struct svc s = fx_svc(c->f, c->a_cw);
	struct plan_in p;
	struct plan_action_in a;

	assert_int_equal(plan_create(&s, id, version(c, id), NULL), SVC_OK);
	p = plan_in(version(c, id));
	p.review_on = days_from_now(60);
	assert_int_equal(plan_save(&s, id, &p), SVC_OK);
	a = action_in(c->police_hani, "", days_from_now(10), version(c, id));
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_OK);
}

/* ---------------------------------------------------------------- codes */

static void
test_codes_parse(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	struct cw_codes l;
	const char *canon;

	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources", "nope",
	    &canon, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "sources");
	assert_string_equal(s.err.msg, "error.field.choice");
	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources",
	    "police,police", &canon, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.repeated");
	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources",
	    "police,,records", &canon, NULL), SVC_INVALID);
	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources",
	    "Police", &canon, NULL), SVC_INVALID);
	/* The set's order, whatever the input's. */
	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources",
	    " police , home_visit", &canon, &l), SVC_OK);
	assert_string_equal(canon, "home_visit,police");
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1], "police");
	assert_int_equal(cw_codes_parse(&s, cw_sources, "sources", "  ",
	    &canon, &l), SVC_OK);
	assert_string_equal(canon, "");
	assert_int_equal(l.n, 0);
}

/* ---------------------------------------------------------------- screening */

static void
test_screening_refused_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v = version(c, id);
	char *big = calloc(1, 4 * 4001 + 1);
	struct screening_new n;
	size_t i;
	struct {
		const char	*field;
		int		 what;
	} bad[] = {
		{ "risk_factors", 0 }, { "risk_factors", 1 },
		{ "protective_factors", 2 }, { "sources", 3 }, { "level", 4 },
		{ "rationale", 5 }, { "rationale", 6 }, { "rationale", 7 },
		{ "confirm_high", 8 },
	};

	assert_non_null(big);
	for (i = 0; i < 4001; i++)
		big[i] = 'x';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = scr("medium", v);
		switch (bad[i].what) {
		case 0: n.risk_factors = "injury,beaten"; break;
		case 1: n.risk_factors = "injury,injury"; break;
		case 2: n.protective_factors = "injury"; break;
		case 3: n.sources = "neighbour"; break;
		case 4: n.level = "extreme"; break;
		case 5: n.rationale = " \n\t "; break;
		case 6: n.rationale = big; break;
		case 7: n.rationale = "bad \xff byte"; break;
		case 8: n.level = "high"; break;
		}
		assert_int_equal(screening_add(&s, id, &n, NULL), SVC_INVALID);
		assert_string_equal(s.err.field, bad[i].field);
	}
	assert_string_equal(s.err.msg, "screening.high_confirm");
	free(big);
	/* Nothing written: no screening, no risk, the same version. */
	assert_int_equal(q(c, "SELECT count(*) FROM screening WHERE case_id ="
	    " %lld", id), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM risk_assessment WHERE"
	    " case_id = %lld", id), 0);
	assert_int_equal(version(c, id), v);
	/* A stale version: conflict, nothing written. */
	n = scr("low", v + 1);
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_CONFLICT);
	assert_string_equal(s.err.msg, "case.conflict");
	assert_int_equal(q(c, "SELECT count(*) FROM screening WHERE case_id ="
	    " %lld", id), 0);
}

static void
test_screening_scope(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_pcw);
	int64_t id = open_case(c);
	struct screening_new n = scr("low", version(c, id));
	struct screening_info *k;
	size_t nk;

	/* Another unit's case is not found, and the attempt audited. */
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_NOTFOUND);
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'case.write.denied' AND object_id = %lld", id), 1);
	s = fx_svc(c->f, c->a_admin);
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_DENIED);
	s = fx_svc(c->f, NULL);
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_DENIED);
	assert_int_equal(q(c, "SELECT count(*) FROM screening WHERE case_id ="
	    " %lld", id), 0);
	s = fx_svc(c->f, c->a_cw);
	assert_int_equal(screening_add(&s, 999999, &n, NULL), SVC_NOTFOUND);
	assert_int_equal(screening_list(&s, id, 10, &k, &nk), SVC_OK);
	assert_int_equal(nk, 0);
}

static void
test_screening_sets_risk(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v = version(c, id), sid = 0;
	struct screening_new n = scr("medium", v);
	struct screening_info *k;
	size_t nk;

	n.emergency = 1;
	assert_int_equal(screening_add(&s, id, &n, &sid), SVC_OK);
	/* One transaction: screening -> its risk row, the case screened. */
	assert_int_equal(q(c, "SELECT count(*) FROM screening s JOIN"
	    " risk_assessment r ON r.id = s.risk_id WHERE s.case_id = %lld"
	    " AND r.level = 'medium'", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM case_file WHERE id = %lld"
	    " AND risk = 'medium' AND status = 'screened' AND emergency = 1",
	    id), 1);
	assert_int_equal(version(c, id), v + 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'assessment' AND done_at IS NULL", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan'", id), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM case_event WHERE case_id ="
	    " %lld AND kind = 'screening' AND note = 'emergency'", id), 1);
	/* Audited with ids and codes, never the rationale. */
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'screening.create' AND object_id = %lld AND detail NOT LIKE"
	    " '%%Bruises%%'", id), 1);
	assert_int_equal(screening_list(&s, id, 10, &k, &nk), SVC_OK);
	assert_int_equal(nk, 1);
	assert_int_equal(k[0].id, sid);
	assert_string_equal(k[0].level, "medium");
	assert_int_equal(k[0].risk_factors.n, 2);
	assert_string_equal(k[0].risk_factors.v[0], "injury");
	assert_string_equal(k[0].risk_factors.v[1], "violence_at_home");
	assert_int_equal(k[0].sources.n, 2);
	assert_int_equal(k[0].emergency, 1);
	/* A second screening later: a history, newest first; the emergency
	 * flag follows the latest. */
	n = scr("high", version(c, id));
	n.confirm_high = 1;
	assert_int_equal(screening_add(&s, id, &n, NULL), SVC_OK);
	assert_int_equal(screening_list(&s, id, 10, &k, &nk), SVC_OK);
	assert_int_equal(nk, 2);
	assert_string_equal(k[0].level, "high");
	assert_int_equal(k[0].high_confirmed, 1);
	assert_int_equal(q(c, "SELECT emergency FROM case_file WHERE id = %lld",
	    id), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM risk_assessment WHERE"
	    " case_id = %lld", id), 2);
}

static void
test_screening_low_starts_plan_deadline(void **state)
{
	struct ctx *c = *state;
	int64_t id = open_case(c), start;

	screen(c, id, "low");
	start = q(c, "SELECT start_at FROM deadline WHERE case_id = %lld AND"
	    " step = 'plan' AND done_at IS NULL AND due_at IS NOT NULL", id);
	assert_true(start > 0);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'assessment' AND done_at IS NULL", id), 0);
	/* Once: a later low screening keeps its start. */
	fx_shift(3600);
	screen(c, id, "low");
	assert_int_equal(q(c, "SELECT start_at FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan'", id), start);
}

/* ---------------------------------------------------------------- assessment */

static void
test_assessment_before_screening(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v = version(c, id);
	struct assessment_in in = asm_in(0, v);

	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_null(s.err.field);
	assert_string_equal(s.err.msg, "assessment.no_screening");
	assert_int_equal(q(c, "SELECT count(*) FROM assessment WHERE case_id ="
	    " %lld", id), 0);
	assert_int_equal(version(c, id), v);
}

static void
test_assessment_refused_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v;
	char *big = calloc(1, 4002);
	struct assessment_in in;

	assert_non_null(big);
	memset(big, 'y', 4001);
	screen(c, id, "medium");
	v = version(c, id);
	in = asm_in(0, v);
	in.text[ASM_HEALTH] = big;
	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "health");
	assert_string_equal(s.err.msg, "error.field.toolong");
	in = asm_in(0, v);
	in.sources = "home_visit,gossip";
	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "sources");
	/* Completing needs safety, family and care, the child's views and the
	 * conclusion: the first missing one is named. */
	in = asm_in(1, v);
	in.text[ASM_CHILD_VIEWS] = "  ";
	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "child_views");
	assert_string_equal(s.err.msg, "assessment.required");
	in = asm_in(1, v);
	in.text[ASM_SAFETY] = NULL;
	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "safety");
	in = asm_in(0, v + 7);
	assert_int_equal(assessment_save(&s, id, &in), SVC_CONFLICT);
	free(big);
	assert_int_equal(q(c, "SELECT count(*) FROM assessment WHERE case_id ="
	    " %lld", id), 0);
	assert_int_equal(version(c, id), v);
}

static void
test_assessment_draft_to_completed(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v;
	struct assessment_in in;
	struct assessment_info *x;

	screen(c, id, "medium");
	v = version(c, id);
	in = asm_in(0, v);
	in.text[ASM_CONCLUSION] = "";
	assert_int_equal(assessment_save(&s, id, &in), SVC_OK);
	/* Started: screened -> assessment, a draft. */
	assert_int_equal(q(c, "SELECT count(*) FROM case_file WHERE id = %lld"
	    " AND status = 'assessment'", id), 1);
	assert_int_equal(version(c, id), v + 1);
	assert_int_equal(assessment_get(&s, id, &x), SVC_OK);
	assert_non_null(x);
	assert_string_equal(x->status, "draft");
	assert_string_equal(x->text[ASM_FAMILY_CARE],
	    "Mother cares, father absent");
	/* The old version is stale now. */
	in = asm_in(1, v);
	assert_int_equal(assessment_save(&s, id, &in), SVC_CONFLICT);
	in = asm_in(1, v + 1);
	assert_int_equal(assessment_save(&s, id, &in), SVC_OK);
	assert_int_equal(assessment_get(&s, id, &x), SVC_OK);
	assert_string_equal(x->status, "completed");
	assert_true(x->completed_at > 0);
	/* The assessment deadline done; the plan one not started: for
	 * medium risk it starts at the case conference (test_conference.c). */
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'assessment' AND done_at IS NOT NULL", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan'", id), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM case_event WHERE case_id ="
	    " %lld AND kind IN ('assessment.started', 'assessment.saved',"
	    " 'assessment.completed')", id), 3);
	/* Read-only once completed. */
	in = asm_in(0, version(c, id));
	assert_int_equal(assessment_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.msg, "assessment.completed");
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action IN"
	    " ('assessment.save', 'assessment.complete') AND object_id = %lld"
	    " AND detail NOT LIKE '%%Mother%%'", id), 2);
}

/* ---------------------------------------------------------------- plan */

static void
test_plan_before_screening(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v = version(c, id);

	assert_int_equal(plan_create(&s, id, v, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.no_screening");
	assert_int_equal(q(c, "SELECT count(*) FROM plan WHERE case_id = %lld",
	    id), 0);
	assert_int_equal(version(c, id), v);
	/* Nothing to save, submit or approve either. */
	{
		struct plan_in in = plan_in(v);

		assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
		assert_string_equal(s.err.msg, "plan.no_draft");
	}
	assert_int_equal(plan_submit(&s, id, v), SVC_INVALID);
	s = fx_svc(c->f, c->a_sup);
	assert_int_equal(plan_approve(&s, id, v), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.not_submitted");
}

static void
test_plan_refused_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v;
	struct plan_in in;
	struct plan_action_in a;
	char goals[30 * 4], *long_goal = calloc(1, 502);
	size_t i;

	assert_non_null(long_goal);
	memset(long_goal, 'g', 501);
	screen(c, id, "low");
	assert_int_equal(plan_create(&s, id, version(c, id), NULL), SVC_OK);
	v = version(c, id);
	/* A second version while one is in progress: refused. */
	assert_int_equal(plan_create(&s, id, v, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.in_progress");
	in = plan_in(v);
	in.measure = "jail";
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "measure");
	in = plan_in(v);
	in.parents = "refused";
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "parents_reason");
	assert_string_equal(s.err.msg, "plan.refusal_reason");
	in = plan_in(v);
	in.child_part = "maybe";
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "child_part");
	in = plan_in(v);
	in.goals = long_goal;
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "goals");
	for (i = 0; i < 21; i++)
		memcpy(goals + 3 * i, "g\n\n", 3);
	goals[63] = '\0';
	in = plan_in(v);
	in.goals = goals;
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.goals_toomany");
	free(long_goal);
	/* Impossible and out-of-range dates. */
	in = plan_in(v);
	in.review_on = "31.02.2030";
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.field, "review_on");
	assert_string_equal(s.err.msg, "error.field.date");
	in.review_on = "01.01.2001";
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.date_before_opening");
	in.review_on = days_from_now(10 * 366);
	assert_int_equal(plan_save(&s, id, &in), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.range");
	/* Actions: responsible exactly one, an agency of the case's place. */
	a = action_in(0, "", days_from_now(5), v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "agency");
	a = action_in(c->police_hani, "Shkolla", days_from_now(5), v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "institution");
	a = action_in(c->police_pris, "", days_from_now(5), v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "agency");
	a = action_in(c->police_hani, "", "", v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "due_on");
	a = action_in(c->police_hani, "", "2020-02-30", v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.date");
	a = action_in(0, "Shkolla", days_from_now(-400), v);
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.date_before_opening");
	a = action_in(0, "Shkolla", days_from_now(5), v);
	a.what = " ";
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "what");
	/* Nothing written by any of them. */
	assert_int_equal(version(c, id), v);
	assert_int_equal(q(c, "SELECT count(*) FROM plan_action", 0), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM plan_goal", 0), 0);
	/* Submitting an empty plan: goals first. */
	assert_int_equal(plan_submit(&s, id, v), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.goals_required");
	in = plan_in(v);
	assert_int_equal(plan_save(&s, id, &in), SVC_OK);
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.actions_required");
	a = action_in(0, "Shkolla Fillore", days_from_now(5), version(c, id));
	assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_OK);
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.review_required");
}

static void
test_plan_medium_needs_assessment(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), v;
	struct assessment_in in;

	screen(c, id, "medium");
	plan_ready(c, id);
	v = version(c, id);
	assert_int_equal(plan_submit(&s, id, v), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.assessment_required");
	/* A draft assessment is not enough. */
	in = asm_in(0, v);
	assert_int_equal(assessment_save(&s, id, &in), SVC_OK);
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_INVALID);
	assert_string_equal(s.err.msg, "plan.assessment_required");
	in = asm_in(1, version(c, id));
	assert_int_equal(assessment_save(&s, id, &in), SVC_OK);
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_OK);
	assert_int_equal(q(c, "SELECT count(*) FROM plan WHERE case_id = %lld"
	    " AND status = 'submitted'", id), 1);
	/* Submitted: no more edits. */
	{
		struct plan_in p = plan_in(version(c, id));

		assert_int_equal(plan_save(&s, id, &p), SVC_INVALID);
		assert_string_equal(s.err.msg, "plan.submitted");
	}
}

static void
test_plan_approval(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw), ss = fx_svc(c->f, c->a_sup);
	struct svc sp = fx_svc(c->f, c->a_pcw);
	int64_t id = open_case(c), v, aid;
	struct plan_info *p;
	size_t n;
	int number = 0;

	screen(c, id, "low");
	plan_ready(c, id);
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_OK);
	v = version(c, id);
	/* A caseworker cannot approve or return; another unit: not found. */
	assert_int_equal(plan_approve(&s, id, v), SVC_DENIED);
	assert_int_equal(plan_return(&s, id, "no", v), SVC_DENIED);
	assert_int_equal(plan_approve(&sp, id, v), SVC_DENIED);
	assert_int_equal(q(c, "SELECT count(*) FROM plan WHERE case_id = %lld"
	    " AND status = 'submitted'", id), 1);
	/* Stale: conflict. */
	assert_int_equal(plan_approve(&ss, id, v - 1), SVC_CONFLICT);
	/* Returned with a note (required): a draft again. */
	assert_int_equal(plan_return(&ss, id, "  ", v), SVC_INVALID);
	assert_string_equal(ss.err.field, "return_note");
	assert_int_equal(plan_return(&ss, id, "Add the school", v), SVC_OK);
	assert_int_equal(q(c, "SELECT count(*) FROM plan WHERE case_id = %lld"
	    " AND status = 'draft' AND return_note = 'Add the school'", id), 1);
	assert_int_equal(plan_approve(&ss, id, version(c, id)), SVC_INVALID);
	assert_string_equal(ss.err.msg, "plan.not_submitted");
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_OK);
	assert_int_equal(plan_approve(&ss, id, version(c, id)), SVC_OK);
	/* Active: the case too; plan deadline done, review started. */
	assert_int_equal(q(c, "SELECT count(*) FROM case_file WHERE id = %lld"
	    " AND status = 'plan_active'", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan' AND done_at IS NOT NULL", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'review' AND done_at IS NULL AND due_at >"
	    " start_at", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'plan.approve' AND object_id = %lld", id), 1);
	/* An action of the active plan is tracked. */
	aid = q(c, "SELECT max(id) FROM plan_action", 0);
	assert_int_equal(plan_action_set(&s, id, aid, "done", version(c, id)),
	    SVC_OK);
	assert_int_equal(plan_action_set(&s, id, aid, "later", version(c, id)),
	    SVC_INVALID);
	/* ... but not removed: only a draft's actions are. */
	assert_int_equal(plan_action_remove(&s, id, aid, version(c, id)),
	    SVC_INVALID);
	/* A revision: v2 copied from v1; approving it supersedes v1. */
	assert_int_equal(plan_create(&s, id, version(c, id), &number), SVC_OK);
	assert_int_equal(number, 2);
	assert_int_equal(plan_list(&s, id, &p, &n), SVC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].number, 2);
	assert_string_equal(p[0].status, "draft");
	assert_int_equal(p[0].ngoals, 2);
	assert_string_equal(p[0].goals[1].text, "Back at school every day");
	assert_int_equal(p[0].nactions, 1);
	assert_string_equal(p[0].actions[0].status, "done");
	assert_string_equal(p[1].status, "active");
	assert_int_equal(plan_action_remove(&s, id, p[0].actions[0].id,
	    version(c, id)), SVC_OK);
	{
		struct plan_action_in a = action_in(0, "Qendra e Shëndetit",
		    days_from_now(20), version(c, id));

		assert_int_equal(plan_action_add(&s, id, &a, NULL), SVC_OK);
	}
	assert_int_equal(plan_submit(&s, id, version(c, id)), SVC_OK);
	assert_int_equal(plan_approve(&ss, id, version(c, id)), SVC_OK);
	assert_int_equal(plan_list(&s, id, &p, &n), SVC_OK);
	assert_string_equal(p[0].status, "active");
	assert_string_equal(p[1].status, "superseded");
	assert_true(p[1].superseded_at > 0);
	assert_int_equal(p[1].nactions, 1);	/* v1 stays readable */
	assert_int_equal(q(c, "SELECT count(*) FROM case_event WHERE case_id ="
	    " %lld AND kind LIKE 'plan.%%'", id), 13);
}

static void
test_plan_refusal_and_unknown_action(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = open_case(c), other = open_case(c), aid;
	struct plan_in in;

	screen(c, id, "medium");
	screen(c, other, "low");
	plan_ready(c, id);
	in = plan_in(version(c, id));
	in.parents = "refused";
	in.parents_reason = "The father refuses any visit";
	assert_int_equal(plan_save(&s, id, &in), SVC_OK);
	assert_int_equal(q(c, "SELECT count(*) FROM case_event WHERE case_id ="
	    " %lld AND kind = 'plan.parents_refused'", id), 1);
	/* An action of another case's plan is not found here. */
	aid = q(c, "SELECT max(id) FROM plan_action", 0);
	assert_int_equal(plan_create(&s, other, version(c, other), NULL),
	    SVC_OK);
	assert_int_equal(plan_action_remove(&s, other, aid, version(c, other)),
	    SVC_NOTFOUND);
	assert_int_equal(plan_action_set(&s, other, aid, "done",
	    version(c, other)), SVC_NOTFOUND);
	assert_int_equal(plan_action_remove(&s, id, 0, version(c, id)),
	    SVC_NOTFOUND);
	assert_int_equal(q(c, "SELECT count(*) FROM plan_action WHERE id ="
	    " %lld AND status = 'open'", aid), 1);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_codes_parse),
		T(test_screening_refused_input),
		T(test_screening_scope),
		T(test_screening_sets_risk),
		T(test_screening_low_starts_plan_deadline),
		T(test_assessment_before_screening),
		T(test_assessment_refused_input),
		T(test_assessment_draft_to_completed),
		T(test_plan_before_screening),
		T(test_plan_refused_input),
		T(test_plan_medium_needs_assessment),
		T(test_plan_approval),
		T(test_plan_refusal_and_unknown_action),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
