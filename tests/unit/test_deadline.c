/*
 * test_deadline.c — deadlines as a service (src/svc/deadline.c): the
 * arithmetic of DOMAIN §3's rules across weekends and the holidays of each
 * country (Kosovo's two Easter Mondays, Albania's weekend carry-over,
 * Bajram, an administrator's added and cancelled days), the rule version a
 * case keeps, deadlines made at opening and recomputed on risk changes,
 * first contact (refused in the future, before opening, outside the scope,
 * for the wrong role), "my work" with escalation, and the holiday
 * administration. Most tests are negative.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/case.h"
#include "../../src/svc/deadline.h"
#include "../../src/svc/intake.h"
#include "../../src/util/calendar.h"
#include "../../src/util/names.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, tir;
	int64_t		 t1, t2;
	struct actor	*cw1, *cw2, *sup, *psup, *pcw, *admin, *aladmin,
			*tcw;
	int64_t		 child;
};

/*
 * The home page counts everything in one statement (Q_HOME_CASEWORK); it
 * must agree with the services' own counts, which stay its specification.
 */
static void
home_agrees(struct fx *f, const struct actor *a)
{
	struct home_counts h;
	struct work_counts k;
	struct case_attention ca;
	struct svc s;
	int64_t waiting = 0;

	s = fx_svc(f, a);
	assert_int_equal(deadline_home_counts(&s, &h), SVC_OK);
	s = fx_svc(f, a);
	assert_int_equal(deadline_counts(&s, &k), SVC_OK);
	s = fx_svc(f, a);
	assert_int_equal(case_attention(&s, &ca), SVC_OK);
	s = fx_svc(f, a);
	assert_int_equal(intake_waiting(&s, &waiting), SVC_OK);
	assert_int_equal(h.work.overdue, k.overdue);
	assert_int_equal(h.work.today, k.today);
	assert_int_equal(h.work.unit_overdue, k.unit_overdue);
	assert_int_equal(h.own_no_risk, ca.own_no_risk);
	assert_int_equal(h.own_high, ca.own_high);
	assert_int_equal(h.pending, ca.pending);
	assert_int_equal(h.reports_waiting, waiting);
}

/* Unix seconds of local yyyy-mm-dd hh:00 (Central European time). */
static int64_t
at(int y, int m, int d, int h)
{
	int32_t day;
	int64_t t;

	assert_int_equal(cal_date_from_ymd(y, m, d, &day), CAL_OK);
	assert_int_equal(cal_date_midnight(day, &t), CAL_OK);
	return t + 3600 * h;
}

/* Stops the clock at t (undone by fx_teardown): the deadlines count from
 * "now", which must not move while a test runs. */
static void
now_is(int64_t t)
{
	clock_freeze(t);
}

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t id;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->tir = fx_agency(f, "NJMF-TIRANE", AGENCY_SOCIAL_WORK, "AL53", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->t2 = fx_team(f, c->hani, "Ekipi 2");
	if (!c->hani || !c->pris || !c->tir)
		return -1;
#define U(v, name, role, ag, team) \
	if ((id = fx_user(f, name, role, ag, team)) == 0 || \
	    (c->v = fx_actor(f, id)) == NULL) \
		return -1;
	U(cw1, "cw.one", ROLE_CASEWORKER, c->hani, c->t1);
	U(cw2, "cw.two", ROLE_CASEWORKER, c->hani, c->t2);
	U(sup, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	U(psup, "sup.pris", ROLE_SUPERVISOR, c->pris, 0);
	U(pcw, "cw.pris", ROLE_CASEWORKER, c->pris, 0);
	U(admin, "admin.hani", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	U(aladmin, "admin.tirane", ROLE_MUNICIPAL_ADMIN, c->tir, 0);
	U(tcw, "cw.tirane", ROLE_CASEWORKER, c->tir, 0);
#undef U
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, created_at, updated_at) VALUES ('Arta', 'Gashi',"
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

/* Opens a case now as actor (a caseworker of agency in muni), from a
 * report received at received (0: now). */
static int64_t
open_as(struct ctx *c, struct actor *who, int64_t agency, const char *muni,
    int64_t received)
{
	struct svc s = fx_svc(c->f, who);
	const char *k[] = { "NEG" };
	struct case_new n;
	char *sql;
	int64_t id = 0;

	memset(&n, 0, sizeof(n));
	n.child_id = c->child;
	n.municipality_id = fx_muni(c->f, muni);
	n.agency_id = agency;
	sql = sqlite3_mprintf("INSERT INTO report (municipality_id, agency_id,"
	    " received_at, channel, referrer_type, child_id, created_at)"
	    " VALUES (%lld, %lld, %lld, 'phone', 'school', %lld, 1)",
	    (long long)n.municipality_id, (long long)agency,
	    (long long)(received ? received : clock_now()), (long long)c->child);
	assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
	sqlite3_free(sql);
	n.report_id = fx_raw_int(c->f, "SELECT max(id) FROM report");
	n.concerns = k;
	n.nconcerns = 1;
	n.primary = "NEG";
	n.source = "school";
	n.worker_id = who->id;
	n.team_id = who->team_id;
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(case_open_in_tx(&s, &n, &id, NULL), SVC_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
	return id;
}

static int64_t
version_of(struct ctx *c, int64_t id)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT version FROM case_file WHERE id = %lld",
	    (long long)id);
	return fx_raw_int(c->f, sql);
}

static void
risk(struct ctx *c, struct actor *who, int64_t id, const char *level)
{
	struct svc s = fx_svc(c->f, who);

	assert_int_equal(case_risk_set(&s, id, level, "test", version_of(c, id),
	    NULL), SVC_OK);
}

/* due_at of a step (-1: no row, 0: NULL). */
static int64_t
due_of(struct ctx *c, int64_t id, const char *step)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT coalesce((SELECT coalesce(due_at, 0)"
	    " FROM deadline WHERE case_id = %lld AND step = '%s'), -1)",
	    (long long)id, step);
	return fx_raw_int(c->f, sql);
}

static int64_t
due(struct ctx *c, const char *country, int step, const char *level,
    int64_t start)
{
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t d = -1;

	assert_int_equal(deadline_due(&s, country, 1, step, level, start, &d),
	    SVC_OK);
	return d;
}

/* ---------------------------------------------------------------- arithmetic */

static void
test_kosovo_both_easter_mondays(void **state)
{
	struct ctx *c = *state;

	/* 2026: Catholic Easter 5 April, Orthodox 12 April; 9 April is
	 * Constitution Day. High conference, 3 working days. */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 4, 2, 10)),
	    at(2026, 4, 9, 0));	/* 3, 7, 8 (6 off) */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 4, 10, 9)),
	    at(2026, 4, 17, 0));	/* 14, 15, 16 (13 off) */
	/* Albania: its Easter Sundays are carried to the Mondays, 6 and 13
	 * April; 9 April works there. */
	assert_int_equal(due(c, "AL", DL_CONFERENCE, "high", at(2026, 4, 10, 9)),
	    at(2026, 4, 17, 0));
	assert_int_equal(due(c, "AL", DL_CONFERENCE, "high", at(2026, 4, 2, 10)),
	    at(2026, 4, 9, 0));	/* 3, 7, 8 (6 off) */
	/* Assessment high, 10 working days, across all three days off. */
	assert_int_equal(due(c, "XK", DL_ASSESSMENT, "high", at(2026, 4, 2, 10)),
	    at(2026, 4, 22, 0));
}

static void
test_albania_weekend_carry_over(void **state)
{
	struct ctx *c = *state;

	/* Summer Day Saturday 14.03.2026 -> Monday 16.03 off. */
	assert_int_equal(due(c, "AL", DL_CONFERENCE, "high", at(2026, 3, 13, 9)),
	    at(2026, 3, 20, 0));	/* 17, 18, 19 */
	/* Kosovo keeps 16.03 as a working day. */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 3, 13, 9)),
	    at(2026, 3, 19, 0));
	/* Registration "same working day": a report of Saturday 7.03 is due
	 * by the end of Monday 9.03. */
	assert_int_equal(due(c, "AL", DL_REGISTRATION, NULL, at(2026, 3, 7, 11)),
	    at(2026, 3, 10, 0));
}

static void
test_bajram(void **state)
{
	struct ctx *c = *state;

	/* Fitër Bajram Friday 20.03.2026 in both; in Albania Nevruz Sunday
	 * 22.03 is carried to Monday 23.03. */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 3, 19, 9)),
	    at(2026, 3, 26, 0));	/* 23, 24, 25 */
	assert_int_equal(due(c, "AL", DL_CONFERENCE, "high", at(2026, 3, 19, 9)),
	    at(2026, 3, 27, 0));	/* 24, 25, 26 */
	/* A report of Bajram day itself is due on the next working day. */
	assert_int_equal(due(c, "XK", DL_REGISTRATION, NULL, at(2026, 3, 20, 9)),
	    at(2026, 3, 24, 0));
}

static void
test_hours_and_months(void **state)
{
	struct ctx *c = *state;
	int64_t t = at(2026, 3, 28, 22);	/* Saturday, the eve of summer time */

	/* Hours are elapsed hours: no weekend or holiday skipped. */
	assert_int_equal(due(c, "XK", DL_FIRST_CONTACT, "high", t), t + 24 * 3600);
	assert_int_equal(due(c, "XK", DL_FIRST_CONTACT, "medium", t), t + 72 * 3600);
	assert_int_equal(due(c, "AL", DL_FIRST_CONTACT, "low", t), t + 7 * 86400);
	/* No assessment or conference for low risk. */
	assert_int_equal(due(c, "XK", DL_ASSESSMENT, "low", t), 0);
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "low", t), 0);
	/* Reviews in months, day clamped: 31.01 + 1 month = 28.02. */
	assert_int_equal(due(c, "XK", DL_REVIEW, "high", at(2026, 1, 31, 9)),
	    at(2026, 3, 1, 0));
	assert_int_equal(due(c, "XK", DL_REVIEW, "low", at(2026, 1, 31, 9)),
	    at(2026, 8, 1, 0));
	/* Plan: 5 working days, Bajram 20.03 skipped. */
	assert_int_equal(due(c, "XK", DL_PLAN, "medium", at(2026, 3, 13, 9)),
	    at(2026, 3, 24, 0));
}

static void
test_unknown_country_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t d;

	assert_int_equal(deadline_due(&s, "RS", 1, DL_CONFERENCE, "high",
	    at(2026, 3, 2, 9), &d), SVC_INVALID);
	assert_int_equal(deadline_due(&s, "xk", 1, DL_CONFERENCE, "high",
	    at(2026, 3, 2, 9), &d), SVC_INVALID);
	/* A version with no rules: no deadline rather than a wrong one. */
	assert_int_equal(deadline_due(&s, "XK", 99, DL_CONFERENCE, "high",
	    at(2026, 3, 2, 9), &d), SVC_OK);
	assert_int_equal(d, 0);
}

static void
test_admin_days_added_and_cancelled(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);

	/* Without extras: Monday 9.03 + 3 = Thursday 12.03. */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 3, 9, 9)),
	    at(2026, 3, 13, 0));
	assert_int_equal(deadline_holiday_add(&s, "XK", "11.03.2026", 0, 0,
	    "Dita e zisë"), SVC_OK);
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 3, 9, 9)),
	    at(2026, 3, 14, 0));
	/* Albania is not touched by Kosovo's extra. */
	assert_int_equal(due(c, "AL", DL_CONFERENCE, "high", at(2026, 3, 9, 9)),
	    at(2026, 3, 13, 0));
	/* Cancelling Constitution Day 9.04.2026 gives it back:
	 * from 7.04, 8, 10, 14 (13 off) before; 8, 9, 10 after. */
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 4, 7, 10)),
	    at(2026, 4, 15, 0));
	assert_int_equal(deadline_holiday_add(&s, "XK", "2026-04-09", 1, 0, ""),
	    SVC_OK);
	assert_int_equal(due(c, "XK", DL_CONFERENCE, "high", at(2026, 4, 7, 10)),
	    at(2026, 4, 11, 0));
}

/* ---------------------------------------------------------------- cases */

static void
test_open_makes_registration_done(void **state)
{
	struct ctx *c = *state;
	int64_t id, opened;

	/* Report on Saturday, registered Monday 9:00: on time (same
	 * working day as the first one after the report). */
	now_is(at(2026, 3, 9, 9));
	opened = clock_now();
	id = open_as(c, c->cw1, c->hani, "XK09", at(2026, 3, 7, 11));
	assert_int_equal(due_of(c, id, "registration"), at(2026, 3, 10, 0));
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM deadline"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT done_at FROM deadline"
	    " WHERE step = 'registration'"), opened);
	assert_int_equal(fx_raw_int(c->f, "SELECT rule_version FROM case_file"),
	    1);
	/* No first contact before the risk is set. */
	assert_int_equal(due_of(c, id, "first_contact"), -1);
}

static void
test_risk_makes_and_recomputes(void **state)
{
	struct ctx *c = *state;
	int64_t id, t0 = at(2026, 3, 2, 9);	/* Monday */

	now_is(t0);
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "medium");
	assert_int_equal(due_of(c, id, "first_contact"), t0 + 72 * 3600);
	/* 15 working days, Bajram 20.03 skipped. */
	assert_int_equal(due_of(c, id, "assessment"), at(2026, 3, 25, 0));
	assert_int_equal(due_of(c, id, "conference"), at(2026, 3, 17, 0));
	/* High: shorter, counted from the opening again. */
	risk(c, c->cw1, id, "high");
	assert_int_equal(due_of(c, id, "first_contact"), t0 + 24 * 3600);
	assert_int_equal(due_of(c, id, "conference"), at(2026, 3, 6, 0));
	/* Low: no assessment or conference while they are open. */
	risk(c, c->cw1, id, "low");
	assert_int_equal(due_of(c, id, "assessment"), -1);
	assert_int_equal(due_of(c, id, "conference"), -1);
	assert_int_equal(due_of(c, id, "first_contact"), t0 + 168 * 3600);
}

static void
test_done_step_not_recomputed(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw1);
	int64_t id, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "low");
	now_is(t0 + 3600);
	assert_int_equal(deadline_contact(&s, id, t0 + 1800), SVC_OK);
	risk(c, c->cw1, id, "high");
	/* The done step keeps its deadline and its done time. */
	assert_int_equal(due_of(c, id, "first_contact"), t0 + 168 * 3600);
	assert_int_equal(fx_raw_int(c->f, "SELECT done_at FROM deadline"
	    " WHERE step = 'first_contact'"), t0 + 1800);
}

static void
test_rule_version_kept(void **state)
{
	struct ctx *c = *state;
	int64_t old, neu, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	old = open_as(c, c->cw1, c->hani, "XK09", 0);
	/* Version 2 of Kosovo's rules from now: first contact high 48 h. */
	assert_int_equal(fx_raw_exec(c->f, "INSERT INTO rule_set (country,"
	    " version, effective_from) VALUES ('XK', 2, 0);"
	    " INSERT INTO deadline_rule SELECT country, 2, step, risk, amount,"
	    " unit FROM deadline_rule WHERE country = 'XK' AND version = 1;"
	    " UPDATE deadline_rule SET amount = 48 WHERE country = 'XK'"
	    " AND version = 2 AND step = 'first_contact' AND risk = 'high'"),
	    SQLITE_OK);
	neu = open_as(c, c->cw1, c->hani, "XK09", 0);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT"
	    " rule_version FROM case_file WHERE id = %lld", (long long)old)), 1);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT"
	    " rule_version FROM case_file WHERE id = %lld", (long long)neu)), 2);
	risk(c, c->cw1, old, "high");
	risk(c, c->cw1, neu, "high");
	assert_int_equal(due_of(c, old, "first_contact"), t0 + 24 * 3600);
	assert_int_equal(due_of(c, neu, "first_contact"), t0 + 48 * 3600);
	/* Albania's cases stay on Albania's version 1. */
	neu = open_as(c, c->tcw, c->tir, "AL53", 0);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT"
	    " rule_version FROM case_file WHERE id = %lld", (long long)neu)), 1);
	/* A version effective later changes nothing yet. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "INSERT INTO"
	    " rule_set (country, version, effective_from) VALUES ('XK', 3,"
	    " %lld)", (long long)(t0 + 86400))), SQLITE_OK);
	neu = open_as(c, c->cw1, c->hani, "XK09", 0);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT"
	    " rule_version FROM case_file WHERE id = %lld", (long long)neu)), 2);
}

/* ---------------------------------------------------------------- contact */

static void
test_contact_refusals(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	int64_t id, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "high");
	now_is(t0 + 7200);
	s = fx_svc(c->f, c->cw1);
	/* In the future. */
	assert_int_equal(deadline_contact(&s, id, clock_now() + 60), SVC_INVALID);
	assert_string_equal(s.err.field, "date");
	assert_string_equal(s.err.msg, "deadline.contact.future");
	/* Before the case was opened. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_contact(&s, id, t0 - 1), SVC_INVALID);
	assert_string_equal(s.err.msg, "deadline.contact.before_open");
	/* Another agency's case: not found, and audited. */
	s = fx_svc(c->f, c->pcw);
	assert_int_equal(deadline_contact(&s, id, t0 + 60), SVC_NOTFOUND);
	s = fx_svc(c->f, c->psup);
	assert_int_equal(deadline_contact(&s, id, t0 + 60), SVC_NOTFOUND);
	assert_true(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'case.write.denied'") >= 2);
	/* Another team's caseworker of the same agency: not found. */
	s = fx_svc(c->f, c->cw2);
	assert_int_equal(deadline_contact(&s, id, t0 + 60), SVC_NOTFOUND);
	/* Wrong role. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_contact(&s, id, t0 + 60), SVC_DENIED);
	s = fx_svc(c->f, NULL);
	assert_int_equal(deadline_contact(&s, id, t0 + 60), SVC_DENIED);
	/* Not a case. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_contact(&s, 99999, t0 + 60), SVC_NOTFOUND);
	assert_int_equal(deadline_contact(&s, 0, t0 + 60), SVC_NOTFOUND);
	/* Nothing written by any of these. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM deadline WHERE"
	    " done_at IS NOT NULL AND step = 'first_contact'"), 0);
}

static void
test_contact_closes_step(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	int64_t id, v, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "high");
	now_is(t0 + 30 * 3600);	/* late: 24 h passed */
	v = version_of(c, id);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_contact(&s, id, t0 + 26 * 3600), SVC_OK);
	assert_int_equal(version_of(c, id), v + 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT done_at FROM deadline WHERE"
	    " step = 'first_contact'"), t0 + 26 * 3600);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM case_event"
	    " WHERE kind = 'contact' AND field = 'first_contact'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE action = 'case.contact'"), 1);
	/* Twice: a conflict, nothing changed. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_contact(&s, id, t0 + 27 * 3600), SVC_CONFLICT);
	assert_int_equal(fx_raw_int(c->f, "SELECT done_at FROM deadline WHERE"
	    " step = 'first_contact'"), t0 + 26 * 3600);
	/* The case list of the case shows it done, late. */
	{
		struct deadline_info *d;
		size_t n, i;
		int seen = 0;

		s = fx_svc(c->f, c->cw1);
		assert_int_equal(deadline_case_list(&s, id, &d, &n), SVC_OK);
		for (i = 0; i < n; i++)
			if (strcmp(d[i].step, "first_contact") == 0) {
				seen = 1;
				assert_true(d[i].late);
				assert_false(d[i].overdue);
			}
		assert_true(seen);
	}
}

static void
test_contact_before_risk_and_closed(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	int64_t id, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	now_is(t0 + 600);
	s = fx_svc(c->f, c->cw1);
	/* Before screening: recorded, no deadline. */
	assert_int_equal(deadline_contact(&s, id, t0 + 300), SVC_OK);
	assert_int_equal(due_of(c, id, "first_contact"), 0);
	risk(c, c->cw1, id, "high");
	assert_int_equal(due_of(c, id, "first_contact"), 0);	/* done: kept */
	/* A closed case refuses. */
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET status = 'closed' WHERE id = %lld", (long long)id)),
	    SQLITE_OK);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_contact(&s, id, t0 + 610), SVC_INVALID);
	assert_string_equal(s.err.msg, "case.closed");
}

/* ---------------------------------------------------------------- my work */

static void
test_work_scope_and_escalation(void **state)
{
	struct ctx *c = *state;
	struct work_item *w;
	struct work_counts k;
	struct svc s;
	size_t n, i;
	int64_t a, b, p, t0 = at(2026, 3, 2, 9);

	now_is(t0);
	a = open_as(c, c->cw1, c->hani, "XK09", 0);
	b = open_as(c, c->cw2, c->hani, "XK09", 0);
	p = open_as(c, c->pcw, c->pris, "XK13", 0);
	risk(c, c->cw1, a, "high");
	risk(c, c->cw2, b, "medium");
	risk(c, c->pcw, p, "high");
	/* Two days later: a's first contact (24 h) overdue, b's (72 h) due
	 * today... at 9:00 of Wednesday b's is due Thursday 9:00. */
	now_is(t0 + 48 * 3600);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_int_equal(n, 3);	/* a: contact, conference, assessment */
	for (i = 0; i < n; i++)
		assert_int_equal(w[i].case_id, a);
	assert_string_equal(w[0].step, "first_contact");
	assert_true(w[0].overdue);
	assert_true(w[0].due_at <= w[1].due_at && w[1].due_at <= w[2].due_at);
	/* A caseworker's listing escalates nothing. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM deadline"
	    " WHERE escalated_at IS NOT NULL"), 0);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_counts(&s, &k), SVC_OK);
	assert_int_equal(k.overdue, 1);
	assert_int_equal(k.today, 0);
	assert_int_equal(k.unit_overdue, 0);
	home_agrees(c->f, c->cw1);
	/* The other team's caseworker sees only b. */
	s = fx_svc(c->f, c->cw2);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(w[i].case_id, b);
	assert_int_equal(n, 3);
	/* The supervisor: every overdue step of the unit (a's contact),
	 * none of Prishtinë's; listed once -> escalated. */
	s = fx_svc(c->f, c->sup);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].case_id, a);
	assert_true(w[0].overdue);
	assert_false(w[0].mine);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM deadline"
	    " WHERE escalated_at IS NOT NULL"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE action = 'deadline.escalate'"), 1);
	/* Listed again: the first escalation time stays. */
	now_is(t0 + 49 * 3600);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_int_equal(w[0].escalated_at, t0 + 48 * 3600);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE action = 'deadline.escalate'"), 1);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(deadline_counts(&s, &k), SVC_OK);
	assert_int_equal(k.unit_overdue, 1);
	home_agrees(c->f, c->sup);
	/* Prishtinë's supervisor: only Prishtinë's overdue step. */
	s = fx_svc(c->f, c->psup);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].case_id, p);
	/* Roles without cases: denied. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_DENIED);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_counts(&s, &k), SVC_DENIED);
	s = fx_svc(c->f, c->admin);
	{
		struct home_counts h;

		assert_int_equal(deadline_home_counts(&s, &h), SVC_DENIED);
	}
	/* Due today: b's contact on Thursday morning at 8:00. */
	now_is(t0 + 71 * 3600);
	s = fx_svc(c->f, c->cw2);
	assert_int_equal(deadline_counts(&s, &k), SVC_OK);
	assert_int_equal(k.today, 1);
	assert_int_equal(k.overdue, 0);
	/* A closed case leaves the list. */
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " case_file SET status = 'closed' WHERE id = %lld", (long long)a)),
	    SQLITE_OK);
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_int_equal(n, 0);
}

/* ---------------------------------------------------------------- holidays */

static void
test_holiday_admin(void **state)
{
	struct ctx *c = *state;
	struct holiday_day *h;
	struct holiday_extra_info *x;
	struct svc s;
	size_t n, nx, i;
	int found = 0;

	/* Caseworkers and supervisors: denied. */
	s = fx_svc(c->f, c->cw1);
	assert_int_equal(deadline_holiday_add(&s, "XK", "2026-06-12", 0, 0, ""),
	    SVC_DENIED);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(deadline_holidays(&s, "XK", 2026, &h, &n, &x, &nx),
	    SVC_DENIED);
	/* Kosovo's administrator: not Albania's calendar. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_holiday_add(&s, "AL", "2026-06-12", 0, 0, ""),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "country");
	s = fx_svc(c->f, c->aladmin);
	assert_int_equal(deadline_holidays(&s, "XK", 2026, &h, &n, &x, &nx),
	    SVC_DENIED);
	/* Bad input. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_holiday_add(&s, "XK", "31.02.2026", 0, 0, ""),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "date");
	assert_int_equal(deadline_holiday_add(&s, "RS", "2026-06-12", 0, 0, ""),
	    SVC_INVALID);
	assert_int_equal(deadline_holidays(&s, "XK", 1800, &h, &n, &x, &nx),
	    SVC_INVALID);
	/* Added once; twice is a conflict. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(deadline_holiday_add(&s, "XK", "12.06.2026", 0, 0,
	    "Dita e Paqes"), SVC_OK);
	assert_int_equal(deadline_holiday_add(&s, "XK", "2026-06-12", 0, 0, ""),
	    SVC_CONFLICT);
	assert_int_equal(deadline_holidays(&s, "XK", 2026, &h, &n, &x, &nx),
	    SVC_OK);
	assert_int_equal(nx, 1);
	assert_string_equal(x[0].date, "2026-06-12");
	assert_string_equal(x[0].name, "Dita e Paqes");
	for (i = 0; i < n; i++)
		if (h[i].date == (int32_t)(at(2026, 6, 12, 12) / 86400))
			found = h[i].extra;
	assert_true(found);
	/* Both Easter Mondays of 2026 are listed for Kosovo. */
	found = 0;
	for (i = 0; i < n; i++)
		if (h[i].date == (int32_t)(at(2026, 4, 6, 12) / 86400) ||
		    h[i].date == (int32_t)(at(2026, 4, 13, 12) / 86400))
			found++;
	assert_int_equal(found, 2);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE action = 'holiday.add'"), 1);
}

/* ---------------------------------------------------------------- later steps */

/* Runs one of the *_in_tx step functions as who inside a transaction. */
enum step_op { OP_START, OP_DONE, OP_ENDED };

static enum svc_rc
step_tx(struct ctx *c, struct actor *who, enum step_op op, int64_t id,
    int step, int64_t t)
{
	struct svc s = fx_svc(c->f, who);
	enum svc_rc rc;

	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	rc = op == OP_START ? deadline_step_start_in_tx(&s, id, step, t) :
	    op == OP_DONE ? deadline_step_done_in_tx(&s, id, step, t) :
	    deadline_case_ended_in_tx(&s, id);
	if (rc == SVC_OK)
		assert_int_equal(store_commit(c->f->st), STORE_OK);
	else
		assert_int_equal(store_rollback(c->f->st), STORE_OK);
	return rc;
}

static int64_t
done_of(struct ctx *c, int64_t id, const char *step)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "SELECT coalesce((SELECT coalesce(done_at, 0)"
	    " FROM deadline WHERE case_id = %lld AND step = '%s'), -1)",
	    (long long)id, step);
	return fx_raw_int(c->f, sql);
}

static void
test_step_start_refusals(void **state)
{
	struct ctx *c = *state;
	int64_t id;

	now_is(at(2026, 3, 2, 9));
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	/* Registration is never restarted; unknown steps are refused. */
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_REGISTRATION,
	    clock_now()), SVC_ERROR);
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_STEP__MAX,
	    clock_now()), SVC_ERROR);
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, -1, clock_now()),
	    SVC_ERROR);
	/* A case that does not exist. */
	assert_int_equal(step_tx(c, c->cw1, OP_START, id + 100, DL_PLAN,
	    clock_now()), SVC_NOTFOUND);
	/* Review before any risk: the rule has no 'any' row, so no
	 * deadline is made (and nothing is left behind). */
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_REVIEW,
	    clock_now()), SVC_OK);
	assert_int_equal(due_of(c, id, "review"), -1);
	/* A step done with no open row is recorded done at once. */
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_ASSESSMENT,
	    at(2026, 3, 3, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "assessment"), at(2026, 3, 3, 9));
}

static void
test_plan_and_review_periods(void **state)
{
	struct ctx *c = *state;
	int64_t id, start;

	now_is(at(2026, 3, 2, 9));	/* Monday */
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "medium");
	/* The plan: 5 working days from its start, whatever the risk. */
	start = at(2026, 3, 4, 10);
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_PLAN, start),
	    SVC_OK);
	/* 5, 6, 9, 10, 11 March */
	assert_int_equal(due_of(c, id, "plan"), at(2026, 3, 12, 0));
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_PLAN,
	    at(2026, 3, 5, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "plan"), at(2026, 3, 5, 9));
	/* Done twice: the first stays. */
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_PLAN,
	    at(2026, 3, 6, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "plan"), at(2026, 3, 5, 9));
	/* Review: medium every 3 months from the approval. */
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_REVIEW,
	    at(2026, 3, 5, 9)), SVC_OK);
	assert_true(due_of(c, id, "review") > at(2026, 6, 4, 0));
	assert_true(due_of(c, id, "review") <= at(2026, 6, 6, 0));
	/* Risk raised to high: the open review keeps its start, with the
	 * monthly period. */
	now_is(at(2026, 3, 20, 9));
	risk(c, c->cw1, id, "high");
	assert_true(due_of(c, id, "review") > at(2026, 4, 4, 0));
	assert_true(due_of(c, id, "review") <= at(2026, 4, 6, 0));
	/* Review done, then the next period starts from it: open again. */
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_REVIEW,
	    at(2026, 4, 1, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "review"), at(2026, 4, 1, 9));
	assert_int_equal(step_tx(c, c->cw1, OP_START, id, DL_REVIEW,
	    at(2026, 4, 1, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "review"), 0);
	assert_true(due_of(c, id, "review") > at(2026, 4, 30, 0));
	/* The open conference step is closed by its event. */
	assert_true(due_of(c, id, "conference") > 0);
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_CONFERENCE,
	    at(2026, 3, 21, 9)), SVC_OK);
	assert_int_equal(done_of(c, id, "conference"), at(2026, 3, 21, 9));
}

static void
test_case_ended_drops_open_steps(void **state)
{
	struct ctx *c = *state;
	int64_t id;

	now_is(at(2026, 3, 2, 9));
	id = open_as(c, c->cw1, c->hani, "XK09", 0);
	risk(c, c->cw1, id, "high");
	assert_true(due_of(c, id, "assessment") > 0);
	assert_int_equal(step_tx(c, c->cw1, OP_DONE, id, DL_FIRST_CONTACT,
	    at(2026, 3, 2, 12)), SVC_OK);
	assert_int_equal(step_tx(c, c->cw1, OP_ENDED, id, 0, 0), SVC_OK);
	/* Open steps are gone; done ones (registration, first contact)
	 * stay as the record of what was done. */
	assert_int_equal(due_of(c, id, "assessment"), -1);
	assert_int_equal(due_of(c, id, "conference"), -1);
	assert_int_equal(done_of(c, id, "first_contact"), at(2026, 3, 2, 12));
	assert_true(done_of(c, id, "registration") > 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM deadline"
	    " WHERE done_at IS NULL"), 0);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_kosovo_both_easter_mondays),
		T(test_albania_weekend_carry_over),
		T(test_bajram),
		T(test_hours_and_months),
		T(test_unknown_country_refused),
		T(test_admin_days_added_and_cancelled),
		T(test_open_makes_registration_done),
		T(test_risk_makes_and_recomputes),
		T(test_done_step_not_recomputed),
		T(test_rule_version_kept),
		T(test_contact_refusals),
		T(test_contact_closes_step),
		T(test_contact_before_risk_and_closed),
		T(test_work_scope_and_escalation),
		T(test_holiday_admin),
		T(test_step_start_refusals),
		T(test_plan_and_review_periods),
		T(test_case_ended_drops_open_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
