/*
 * test_conference.c — case conferences (src/svc/conference.c): refused
 * input first (nothing written), meetings of another unit (not found,
 * audited), invitations limited to the municipality's table members and
 * the unit's workers, the proposed agenda, tasks with owner and deadline,
 * what an invited table member sees (the summary of active agenda cases
 * only), and holding the meeting: the conference step done, the status
 * moved, the plan deadline started, with timeline events.
 */
#include "testutil.h"
#include "fixture.h"
#include "fixture_case.h"

#include "../../src/svc/case.h"
#include "../../src/svc/conference.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, pol_hani, pol_pris, school_hani, gkk;
	int64_t		 cw, sup, psup, tm, tm_pris, tm_school, cm, pcw;
	struct actor	*a_cw, *a_sup, *a_psup, *a_tm, *a_tm_pris;
	struct actor	*a_tm_school, *a_cm;
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
	c->pris = fx_agency(f, "QPS-PRIS", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->pol_hani = fx_agency(f, "POL-HANI", AGENCY_POLICE, "XK09", NULL);
	c->pol_pris = fx_agency(f, "POL-PRIS", AGENCY_POLICE, "XK13", NULL);
	c->school_hani = fx_agency(f, "SHK-HANI", AGENCY_SCHOOL, "XK09", NULL);
	c->gkk = fx_agency(f, "GKK-HANI", AGENCY_COMMUNITY, "XK09", NULL);
	t = fx_team(f, c->hani, "Ekipi 1");
	c->cw = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, t);
	c->sup = fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	c->psup = fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris, 0);
	c->pcw = fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris,
	    fx_team(f, c->pris, "Ekipi 1"));
	c->tm = fx_user(f, "pol.hani", ROLE_TABLE_MEMBER, c->pol_hani, 0);
	c->tm_pris = fx_user(f, "pol.pris", ROLE_TABLE_MEMBER, c->pol_pris, 0);
	c->tm_school = fx_user(f, "shk.hani", ROLE_TABLE_MEMBER,
	    c->school_hani, 0);
	c->cm = fx_user(f, "gkk.hani", ROLE_COMMUNITY_MEMBER, c->gkk, 0);
	if (!c->cw || !c->sup || !c->psup || !c->tm || !c->tm_pris ||
	    !c->tm_school || !c->cm || !c->pcw)
		return -1;
	c->a_cw = fx_actor(f, c->cw);
	c->a_sup = fx_actor(f, c->sup);
	c->a_psup = fx_actor(f, c->psup);
	c->a_tm = fx_actor(f, c->tm);
	c->a_tm_pris = fx_actor(f, c->tm_pris);
	c->a_tm_school = fx_actor(f, c->tm_school);
	c->a_cm = fx_actor(f, c->cm);
	assert_int_equal(fx_raw_exec(f, "INSERT INTO child (given_name,"
	    " family_name, fold_given, fold_family, birth_date, created_at,"
	    " updated_at) VALUES ('Drita', 'Morina', 'drita', 'morina',"
	    " '2016-05-01', 1, 1)"), SQLITE_OK);
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

/* A case of Hani i Elezit for the caseworker, screened at level (NULL:
 * not screened); its id. */
static int64_t
open_case(struct ctx *c, const char *level)
{
	static const char *const k[] = { "NEG" };
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t id = fx_case(c->f, c->a_cw, c->child, "XK09", c->hani, c->cw,
	    0, k, 1);

	if (level != NULL)
		assert_int_equal(case_risk_set(&s, id, level, "Arsyetim",
		    version(c, id), NULL), SVC_OK);
	return id;
}

/* Today (or days from today) as dd.mm.yyyy. */
static const char *
day(struct ctx *c, int days)
{
	char b[32];

	clock_format(clock_now() + days * 86400, 0, b, sizeof(b));
	return arena_strdup(c->f->a, b);
}

static int64_t
meeting(struct ctx *c, int days)
{
	struct svc s = fx_svc(c->f, c->a_sup);
	struct conf_new n = { day(c, days), "10:00", "QPS, salla e mbledhjeve",
	    NULL };
	int64_t id = 0;

	assert_int_equal(conference_create(&s, &n, &id), SVC_OK);
	assert_true(id > 0);
	return id;
}

static int64_t
count(struct ctx *c, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return fx_raw_int(c->f, sql);
}

static int64_t
audits(struct ctx *c, const char *action)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE action ="
	    " '%s'", action);
	return fx_raw_int(c->f, sql);
}

/* ---------------------------------------------------------------- refused */

static void
test_create_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct svc w = fx_svc(c->f, c->a_cw);
	struct svc t = fx_svc(c->f, c->a_tm);
	char big[CONF_PLACE_MAX + 2];
	struct conf_new n;
	int64_t id = 0;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n.date = day(c, 1);
	n.time = "10:00";
	n.place = "Salla";
	assert_int_equal(conference_create(&w, &n, &id), SVC_DENIED);
	assert_int_equal(conference_create(&t, &n, &id), SVC_DENIED);
	n.date = "31.02.2026";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "date");
	n.date = day(c, -CONF_PAST_DAYS - 2);
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.date_past");
	n.date = day(c, 4 * 366);
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "date");
	n.date = day(c, 1);
	n.time = "25:00";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "time");
	n.time = "9";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	n.time = "10:00";
	n.place = "  ";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "place");
	n.place = "<script>alert(1)</script>";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.markup");
	n.place = big;
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "place");
	assert_int_equal(count(c, "conference"), 0);
	assert_int_equal(count(c, "conference_case"), 0);
}

static void
test_invite_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	int64_t id = meeting(c, 1);

	/* A table member of another municipality, a community member, a
	 * worker of another unit, nobody. */
	assert_int_equal(conference_invite(&s, id, c->tm_pris), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.member_municipality");
	assert_string_equal(s.err.field, "user");
	assert_int_equal(conference_invite(&s, id, c->cm), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.member_role");
	assert_int_equal(conference_invite(&s, id, c->pcw), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.member_municipality");
	assert_int_equal(conference_invite(&s, id, 999999), SVC_INVALID);
	assert_int_equal(conference_invite(&s, id, 0), SVC_INVALID);
	/* Guests: a kind and a plain name. */
	assert_int_equal(conference_guest(&s, id, "uncle", "Arben"),
	    SVC_INVALID);
	assert_int_equal(conference_guest(&s, id, "parent", ""), SVC_INVALID);
	assert_string_equal(s.err.field, "name");
	assert_int_equal(conference_guest(&s, id, "parent", "<b>Arben</b>"),
	    SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.markup");
	assert_int_equal(count(c, "conference_invitee"), 0);
	/* Once each. */
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_OK);
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.invited");
	assert_int_equal(count(c, "conference_invitee"), 1);
}

/* A supervisor of another unit: not found, audited, nothing written. */
static void
test_other_unit(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_psup);
	struct svc w = fx_svc(c->f, c->a_cw);
	struct conf_full *f;
	int64_t id = meeting(c, 1), before = audits(c, "conference.write.denied");

	assert_int_equal(conference_get(&s, id, &f), SVC_NOTFOUND);
	assert_int_equal(audits(c, "conference.read.denied"), 1);
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_NOTFOUND);
	assert_int_equal(conference_guest(&s, id, "parent", "Arben"),
	    SVC_NOTFOUND);
	assert_int_equal(conference_hold(&s, id, "", 1), SVC_NOTFOUND);
	assert_int_equal(conference_minutes(&s, id, "pdf", &f), SVC_NOTFOUND);
	assert_int_equal(audits(c, "conference.write.denied"), before + 3);
	assert_int_equal(count(c, "conference_invitee"), 0);
	/* A caseworker reads the unit's meeting but convenes nothing. */
	assert_int_equal(conference_get(&w, id, &f), SVC_OK);
	assert_false(f->convene);
	assert_int_equal(conference_invite(&w, id, c->tm), SVC_DENIED);
	assert_int_equal(conference_minutes(&w, id, "html", &f), SVC_DENIED);
	/* No such meeting. */
	assert_int_equal(conference_get(&w, 999999, &f), SVC_NOTFOUND);
}

static void
test_task_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	char big[CONF_TASK_MAX + 2];
	int64_t k = open_case(c, "medium"), id = meeting(c, 0), aid, tid;

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	aid = q(c, "SELECT id FROM conference_case WHERE case_id = %lld", k);
	assert_true(aid > 0);
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_OK);
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje", 0,
	    day(c, 7), &tid), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.owner_required");
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje",
	    c->tm_school, day(c, 7), &tid), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.owner");
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje", c->tm,
	    day(c, -1), &tid), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.due_past");
	assert_string_equal(s.err.field, "due_on");
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje", c->tm,
	    "", &tid), SVC_INVALID);
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje", c->tm,
	    "32.01.2027", &tid), SVC_INVALID);
	assert_int_equal(conference_task_add(&s, id, aid, "<img src=x>", c->tm,
	    day(c, 7), &tid), SVC_INVALID);
	assert_int_equal(conference_task_add(&s, id, aid, big, c->tm,
	    day(c, 7), &tid), SVC_INVALID);
	assert_string_equal(s.err.field, "what");
	assert_int_equal(conference_task_add(&s, id, aid + 1000, "Ndjekje",
	    c->tm, day(c, 7), &tid), SVC_NOTFOUND);
	assert_int_equal(count(c, "conference_task"), 0);
	/* Today is not past; the case's worker may own a task uninvited. */
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje", c->tm,
	    day(c, 0), &tid), SVC_OK);
	assert_int_equal(conference_task_add(&s, id, aid, "Vizitë", c->cw,
	    day(c, 3), &tid), SVC_OK);
	assert_int_equal(count(c, "conference_task"), 2);
	/* Decisions: a measure of the plan's list, no markup. */
	assert_int_equal(conference_decision(&s, id, aid, "Plan", "prison"),
	    SVC_INVALID);
	assert_int_equal(conference_decision(&s, id, aid, "<a href=x>x</a>",
	    "none"), SVC_INVALID);
	assert_int_equal(conference_decision(&s, id, aid, "Mbikëqyrje\nnë"
	    " familje", "family_supervision"), SVC_OK);
}

/* ---------------------------------------------------------------- agenda */

static void
test_agenda_proposed(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct conf_full *f;
	int64_t med = open_case(c, "medium"), high = open_case(c, "high");
	int64_t low = open_case(c, "low"), none = open_case(c, NULL), id, id2;
	const char *num;

	id = meeting(c, 1);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld AND proposed = 1", id), 2);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " case_id = %lld", med), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " case_id = %lld", high), 1);
	assert_int_equal(q(c, "SELECT kind = 'tmr' FROM conference WHERE id ="
	    " %lld", id), 1);
	/* A second planned meeting does not propose them again. */
	id2 = meeting(c, 2);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld", id2), 0);
	/* The convenor adds a case of the unit by number, once. */
	num = arena_strdup(c->f->a, "XK-00-0000-000000");
	assert_int_equal(conference_agenda_add(&s, id, num), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.case_unknown");
	assert_int_equal(conference_agenda_add(&s, id, "<b>"), SVC_INVALID);
	{
		struct svc r = fx_svc(c->f, c->a_cw);
		struct case_full *cf;

		assert_int_equal(case_get(&r, low, &cf), SVC_OK);
		assert_int_equal(conference_agenda_add(&s, id, cf->c.number),
		    SVC_OK);
		assert_int_equal(conference_agenda_add(&s, id, cf->c.number),
		    SVC_INVALID);
		assert_string_equal(s.err.msg, "conference.err.on_agenda");
		assert_int_equal(case_get(&r, none, &cf), SVC_OK);
		num = cf->c.number;
	}
	assert_int_equal(conference_get(&s, id, &f), SVC_OK);
	assert_true(f->convene);
	assert_int_equal(f->ncases, 3);
	assert_true(f->nusers >= 2);	/* table members of Hani, the cw */
	/* Removing one (and its tasks). */
	assert_int_equal(conference_agenda_remove(&s, id, f->cases[2].id),
	    SVC_OK);
	assert_int_equal(conference_agenda_remove(&s, id, f->cases[2].id),
	    SVC_NOTFOUND);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld", id), 2);
	(void)num;
}

/* A meeting for one administrative unit proposes only the cases of the
 * children recorded in it; a unit not among the unit's children is
 * refused, nothing written. */
static void
test_agenda_admin_unit(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct conf_new n = { day(c, 1), "10:00", "Zyra e njësisë",
	    "Njësia Administrative 1" };
	const char **u;
	size_t nu;
	int64_t in, out, id = 0, other;

	in = open_case(c, "high");
	assert_int_equal(fx_raw_exec(c->f, "INSERT INTO child (given_name,"
	    " family_name, fold_given, fold_family, birth_date, admin_unit,"
	    " created_at, updated_at) VALUES ('Besa', 'Krasniqi', 'besa',"
	    " 'krasniqi', '2015-03-01', 'Njësia Administrative 2', 1, 1)"),
	    SQLITE_OK);
	other = fx_raw_int(c->f, "SELECT max(id) FROM child");
	{
		static const char *const k[] = { "NEG" };
		struct svc w = fx_svc(c->f, c->a_cw);

		out = fx_case(c->f, c->a_cw, other, "XK09", c->hani, c->cw, 0,
		    k, 1);
		assert_int_equal(case_risk_set(&w, out, "high", "Arsyetim",
		    version(c, out), NULL), SVC_OK);
	}
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a, "UPDATE"
	    " child SET admin_unit = 'Njësia Administrative 1' WHERE id ="
	    " %lld", (long long)c->child)), SQLITE_OK);
	assert_int_equal(conference_units(&s, &u, &nu), SVC_OK);
	assert_int_equal(nu, 2);
	assert_string_equal(u[0], "Njësia Administrative 1");
	/* Not one of them: refused, nothing written. */
	n.admin_unit = "Njësia Administrative 9";
	assert_int_equal(conference_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "admin_unit");
	assert_string_equal(s.err.msg, "conference.err.admin_unit");
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM conference"),
	    0);
	n.admin_unit = "Njësia Administrative 1";
	assert_int_equal(conference_create(&s, &n, &id), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld AND case_id = %lld", (long long)id, (long long)in)), 1);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld AND case_id = %lld", (long long)id, (long long)out)), 0);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " conference WHERE id = %lld AND admin_unit = 'Njësia"
	    " Administrative 1'", (long long)id)), 1);
	/* A meeting for the whole municipality proposes the other. */
	n.admin_unit = "";
	assert_int_equal(conference_create(&s, &n, &id), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld AND case_id = %lld", (long long)id, (long long)out)), 1);
}

/* ---------------------------------------------------------------- members */

static void
test_member_sees_summary_only(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct svc t = fx_svc(c->f, c->a_tm);
	struct svc o = fx_svc(c->f, c->a_tm_school);
	struct svc p = fx_svc(c->f, c->a_tm_pris);
	struct conf_full *f;
	struct conf_info *l;
	size_t n;
	int64_t k = open_case(c, "high"), k2 = open_case(c, "medium");
	int64_t id = meeting(c, 0), aid, tid;

	(void)k2;
	aid = q(c, "SELECT id FROM conference_case WHERE case_id = %lld", k);
	assert_int_equal(conference_decision(&s, id, aid, "Vendim i fshehtë",
	    "none"), SVC_OK);
	assert_int_equal(conference_guest(&s, id, "parent", "Arben Morina"),
	    SVC_OK);
	/* Not invited: nothing, audited. */
	assert_int_equal(conference_get(&t, id, &f), SVC_NOTFOUND);
	assert_int_equal(conference_list(&t, &l, &n), SVC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_OK);
	assert_int_equal(conference_task_add(&s, id, aid, "Ndjekje e raportit",
	    c->tm, day(c, 5), &tid), SVC_OK);
	assert_int_equal(conference_task_add(&s, id, aid, "Vizitë", c->cw,
	    day(c, 5), NULL), SVC_OK);
	/* Invited: the summary of the agenda cases, own tasks, no decisions,
	 * no family names. */
	assert_int_equal(conference_list(&t, &l, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(conference_get(&t, id, &f), SVC_OK);
	assert_true(f->member);
	assert_false(f->convene);
	assert_int_equal(f->ncases, 2);
	assert_int_equal(f->cases[0].full, 0);
	assert_string_equal(f->cases[0].decisions, "");
	assert_string_equal(f->cases[0].child, "Drita Morina");
	assert_true(f->cases[0].age >= 9);
	assert_int_equal(f->ntasks, 1);
	assert_int_equal(f->tasks[0].owner_id, c->tm);
	assert_int_equal(f->ninvitees, 1);
	assert_int_equal(f->ncandidates, 0);
	/* Never the minutes, never the case. */
	assert_int_equal(conference_minutes(&t, id, "pdf", &f), SVC_DENIED);
	{
		struct case_full *cf;

		assert_int_equal(case_get(&t, k, &cf), SVC_DENIED);
	}
	/* Other members: not invited, or another municipality. */
	assert_int_equal(conference_get(&o, id, &f), SVC_NOTFOUND);
	assert_int_equal(conference_get(&p, id, &f), SVC_NOTFOUND);
	assert_true(audits(c, "conference.read.denied") >= 3);
	/* Only while the case is active. */
	assert_int_equal(fx_raw_exec(c->f, "UPDATE case_file SET status ="
	    " 'closed'"), SQLITE_OK);
	assert_int_equal(conference_get(&t, id, &f), SVC_OK);
	assert_int_equal(f->ncases, 0);
	assert_int_equal(f->hidden, 2);
	/* Someone else's task is not theirs to close; their own is. */
	{
		int64_t other = q(c, "SELECT id FROM conference_task WHERE"
		    " owner_id = %lld", c->cw);

		assert_int_equal(conference_task_done(&t, id, other),
		    SVC_NOTFOUND);
	}
	assert_int_equal(conference_task_done(&t, id, tid), SVC_OK);
	assert_int_equal(conference_task_done(&t, id, tid), SVC_CONFLICT);
}

/* ---------------------------------------------------------------- holding */

static void
test_hold(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct svc w = fx_svc(c->f, c->a_cw);
	struct conf_task_info *tasks;
	size_t n;
	int64_t k = open_case(c, "medium"), low = open_case(c, "low");
	int64_t later = meeting(c, 3), empty, id, v, cv, tid;

	/* Not before its day; not without cases; not with a stale version. */
	(void)low;
	assert_int_equal(conference_hold(&s, later, "", q(c, "SELECT version"
	    " FROM conference WHERE id = %lld", later)), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.not_yet");
	empty = meeting(c, 0);
	assert_int_equal(conference_hold(&s, empty, "", q(c, "SELECT version"
	    " FROM conference WHERE id = %lld", empty)), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.no_cases");
	/* Move the case from the later meeting to today's. */
	assert_int_equal(conference_agenda_remove(&s, later, q(c, "SELECT id"
	    " FROM conference_case WHERE case_id = %lld", k)), SVC_OK);
	id = meeting(c, 0);
	assert_int_equal(q(c, "SELECT count(*) FROM conference_case WHERE"
	    " conference_id = %lld", id), 1);
	v = q(c, "SELECT version FROM conference WHERE id = %lld", id);
	assert_int_equal(conference_hold(&s, id, "", v - 1), SVC_CONFLICT);
	assert_int_equal(conference_hold(&s, id, day(c, -1), v), SVC_INVALID);
	assert_string_equal(s.err.field, "next_on");
	assert_int_equal(conference_hold(&w, id, "", v), SVC_DENIED);
	assert_int_equal(q(c, "SELECT count(*) FROM conference WHERE status ="
	    " 'held'", 0), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan'", k), 0);
	cv = version(c, k);
	assert_int_equal(conference_hold(&s, id, day(c, 30), v), SVC_OK);
	assert_int_equal(q(c, "SELECT count(*) FROM conference WHERE id = %lld"
	    " AND status = 'held' AND next_on <> ''", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM case_file WHERE id = %lld"
	    " AND status = 'conference'", k), 1);
	assert_true(version(c, k) > cv);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'conference' AND done_at IS NOT NULL", k), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM deadline WHERE case_id ="
	    " %lld AND step = 'plan' AND done_at IS NULL AND due_at IS NOT"
	    " NULL", k), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM case_event WHERE case_id ="
	    " %lld AND kind = 'conference.held'", k), 1);
	assert_int_equal(audits(c, "conference.hold"), 1);
	/* Held: the agenda and invitations are fixed, the minutes not. */
	assert_int_equal(conference_hold(&s, id, "", v + 1), SVC_CONFLICT);
	assert_int_equal(conference_invite(&s, id, c->tm), SVC_INVALID);
	assert_string_equal(s.err.msg, "conference.err.held");
	assert_int_equal(conference_task_add(&s, id, q(c, "SELECT id FROM"
	    " conference_case WHERE conference_id = %lld", id), "Vizitë",
	    c->cw, day(c, 2), &tid), SVC_OK);
	/* The task is on the worker's "my work" until done. */
	assert_int_equal(conference_my_tasks(&w, &tasks, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tasks[0].id, tid);
	assert_int_equal(conference_task_done(&w, id, tid), SVC_OK);
	assert_int_equal(conference_my_tasks(&w, &tasks, &n), SVC_OK);
	assert_int_equal(n, 0);
}

/* A task due yesterday is overdue on "my work". */
static void
test_task_overdue(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_sup);
	struct svc w = fx_svc(c->f, c->a_cw);
	struct conf_task_info *tasks;
	size_t n;
	int64_t k = open_case(c, "high"), id = meeting(c, 0), aid;

	aid = q(c, "SELECT id FROM conference_case WHERE case_id = %lld", k);
	assert_int_equal(conference_task_add(&s, id, aid, "Vizitë", c->cw,
	    day(c, 1), NULL), SVC_OK);
	assert_int_equal(conference_my_tasks(&w, &tasks, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_false(tasks[0].overdue);
	fx_shift(3 * 86400);
	assert_int_equal(conference_my_tasks(&w, &tasks, &n), SVC_OK);
	assert_true(tasks[0].overdue);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_create_refused),
		T(test_invite_refused),
		T(test_other_unit),
		T(test_task_refused),
		T(test_agenda_proposed),
		T(test_agenda_admin_unit),
		T(test_member_sees_summary_only),
		T(test_hold),
		T(test_task_overdue),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
