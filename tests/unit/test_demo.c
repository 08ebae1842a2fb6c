/*
 * test_demo.c — the synthetic data generator (src/cli/demo.c): counts, the
 * invariants the services keep (one primary concern, case numbers, folded
 * keys, trigram rows, latest risk), determinism for a seed, and variant
 * spellings that the matcher finds; then the casework it writes: every
 * CHECK and foreign key, the rules of the services checked on the rows
 * (screening first, plans, reviews, closure reasons, reopening,
 * transfers), the services reading and writing generated cases, deadlines
 * equal to deadline_due(), the demo users' work never empty, and the
 * Scenario 7 pair. Most are checks a wrong generator fails.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/cli/demo.h"
#include "../../src/svc/assessment.h"
#include "../../src/svc/case.h"
#include "../../src/svc/child.h"
#include "../../src/svc/auth.h"
#include "../../src/svc/closure.h"
#include "../../src/svc/community.h"
#include "../../src/svc/conference.h"
#include "../../src/svc/consent.h"
#include "../../src/svc/deadline.h"
#include "../../src/svc/grant.h"
#include "../../src/svc/indicator.h"
#include "../../src/svc/notify.h"
#include "../../src/svc/plan.h"
#include "../../src/svc/provider.h"
#include "../../src/svc/referral.h"
#include "../../src/svc/training.h"
#include "../../src/util/calendar.h"
#include "../../src/util/names.h"

#define N 600

static int
gen(struct fx *f, uint64_t seed, struct demo_stats *s)
{
	struct demo_opts o;
	char err[256];

	memset(&o, 0, sizeof(o));
	o.children = N;
	o.seed = seed;
	o.years = 3;
	o.quiet = 1;
	if (demo_generate(f->st, f->db, &o, s, err, sizeof(err)) != 0) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	return 0;
}

static void
test_parse_children(void **state)
{
	int64_t v;

	(void)state;
	assert_int_equal(demo_parse_children("0", &v), -1);
	assert_int_equal(demo_parse_children("-5", &v), -1);
	assert_int_equal(demo_parse_children("abc", &v), -1);
	assert_int_equal(demo_parse_children("12x", &v), -1);
	assert_int_equal(demo_parse_children("", &v), -1);
	assert_int_equal(demo_parse_children(NULL, &v), -1);
	assert_int_equal(demo_parse_children("5000001", &v), -1);
	assert_int_equal(demo_parse_children("99999999999", &v), -1);
	assert_int_equal(demo_parse_children("5000000", &v), 0);
	assert_int_equal(v, 5000000);
	assert_int_equal(demo_parse_children("1", &v), 0);
	assert_int_equal(v, 1);
}

static void
test_counts_and_invariants(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;

	assert_int_equal(gen(f, 42, &s), 0);
	assert_int_equal(s.children, N);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM child"), N);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file"),
	    s.cases);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_event"),
	    s.events);
	assert_true(s.cases > N);
	/* About 9 events per case with the casework. */
	assert_true(s.events > 6 * s.cases && s.events < 13 * s.cases);
	/* Every case: exactly one primary concern. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file c WHERE"
	    " (SELECT count(*) FROM case_concern k WHERE k.case_id = c.id"
	    " AND k.is_primary = 1) <> 1"), 0);
	/* Case numbers: unique, well formed, their municipality's, and the
	 * counter holds the last one per municipality and year. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) - count(DISTINCT number)"
	    " FROM case_file"), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file c JOIN"
	    " municipality m ON m.id = c.municipality_id WHERE c.number NOT GLOB"
	    " m.country || '-' || m.num || '-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]"
	    "[0-9][0-9][0-9]'"), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM (SELECT"
	    " c.municipality_id m, substr(c.number, 7, 4) + 0 y,"
	    " max(substr(c.number, 12) + 0) mx FROM case_file c GROUP BY 1, 2)"
	    " x LEFT JOIN case_counter k ON k.municipality_id = x.m"
	    " AND k.year = x.y WHERE k.last IS NOT x.mx"), 0);
	/* Numbers in the order of opening within a municipality and year. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file a JOIN"
	    " case_file b ON a.municipality_id = b.municipality_id AND"
	    " substr(a.number, 1, 10) = substr(b.number, 1, 10) AND"
	    " a.number < b.number AND a.opened_at > b.opened_at"), 0);
	/* Restricted exactly when a concern is. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.restricted <> EXISTS (SELECT 1 FROM case_concern k JOIN concern"
	    " x ON x.code = k.code WHERE k.case_id = c.id AND x.restricted = 1)"),
	    0);
	/* case_file.risk is the latest of the history. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.risk IS NOT (SELECT r.level FROM risk_assessment r WHERE"
	    " r.case_id = c.id ORDER BY r.at DESC, r.id DESC LIMIT 1)"), 0);
	/* Every child has its trigram row; every case its opened event. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM child c WHERE NOT"
	    " EXISTS (SELECT 1 FROM child_name_fts t WHERE t.rowid = c.id)"), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM child_name_fts"),
	    N);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM case_file c WHERE"
	    " NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND"
	    " e.kind = 'opened' AND e.after = c.number)"), 0);
	/* Every report registered points at its case and child. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM report r JOIN"
	    " case_file c ON c.id = r.case_id WHERE c.report_id <> r.id OR"
	    " c.child_id <> r.child_id"), 0);
	/* Risk shares near 50/35/15 (wide bounds at this size). */
	assert_true(fx_raw_int(f, "SELECT count(*) FROM case_file WHERE risk ="
	    " 'low'") * 100 > 38 * s.cases);
	assert_true(fx_raw_int(f, "SELECT count(*) FROM case_file WHERE risk ="
	    " 'high'") * 100 < 25 * s.cases);
	/* Both countries, personal numbers for about 60 %. */
	assert_true(fx_raw_int(f, "SELECT count(DISTINCT m.country) FROM child c"
	    " JOIN municipality m ON m.id = c.municipality_id") == 2);
	{
		int64_t pn = fx_raw_int(f, "SELECT count(*) FROM child WHERE"
		    " personal_number IS NOT NULL");

		assert_true(pn > N * 45 / 100 && pn < N * 75 / 100);
	}
	/* One summary audit row, and the chain still verifies. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE action"
	    " = 'demo.generate'"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE action"
	    " LIKE 'case.%' OR action LIKE 'child.%'"), 0);
	{
		struct audit_check c;

		assert_int_equal(audit_verify(f->st, &c), 0);
		assert_int_equal(c.bad_id, 0);
	}
	/* The journal is back to WAL. */
	{
		sqlite3 *db = fx_raw(f);
		sqlite3_stmt *q;

		assert_non_null(db);
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1,
		    &q, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(q, 0),
		    "wal");
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
}

/* Folded keys equal names_fold() of the names. */
static void
test_folded_keys(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = 0;

	assert_int_equal(gen(f, 7, &s), 0);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT c.given_name,"
	    " c.family_name, c.parent_name, c.fold_given, c.fold_family,"
	    " c.fold_parent, t.names FROM child c JOIN child_name_fts t"
	    " ON t.rowid = c.id", -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *fg = names_fold(f->a, (const char *)
		    sqlite3_column_text(q, 0));
		const char *ff = names_fold(f->a, (const char *)
		    sqlite3_column_text(q, 1));
		const char *fp = names_fold(f->a, (const char *)
		    sqlite3_column_text(q, 2));

		assert_string_equal(fg, sqlite3_column_text(q, 3));
		assert_string_equal(ff, sqlite3_column_text(q, 4));
		assert_string_equal(fp, sqlite3_column_text(q, 5));
		assert_string_equal(arena_printf(f->a, "%s %s %s %s %s", fg, ff,
		    fp, ff, fg), sqlite3_column_text(q, 6));
		n++;
	}
	assert_int_equal(n, N);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

/* The same seed gives the same children, cases and events. */
static void
test_deterministic(void **state)
{
	struct fx *f = *state;
	struct demo_stats s1, s2;
	char *a, *b;
	const char *sig = "SELECT group_concat(x, '|') FROM (SELECT"
	    " c.given_name || c.family_name || coalesce(c.birth_date, '') ||"
	    " coalesce(c.personal_number, '') || k.number || coalesce(k.risk,"
	    " '') || k.status x FROM child c JOIN case_file k ON k.child_id ="
	    " c.id ORDER BY k.id)";
	sqlite3 *db;
	sqlite3_stmt *q;

	assert_int_equal(gen(f, 99, &s1), 0);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, sig, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	a = strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	sqlite3_close(db);
	fx_teardown(state);
	assert_int_equal(fx_setup(state), 0);
	f = *state;
	assert_int_equal(gen(f, 99, &s2), 0);
	assert_int_equal(s1.cases, s2.cases);
	assert_int_equal(s1.events, s2.events);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, sig, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	b = strdup((const char *)sqlite3_column_text(q, 0));
	assert_string_equal(a, b);
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(a);
	free(b);
}

static struct name_date
nd(const char *iso)
{
	struct name_date d = { 0, 0, 0 };

	if (iso != NULL && strlen(iso) == 10) {
		d.y = atoi(iso);
		d.m = atoi(iso + 5);
		d.d = atoi(iso + 8);
	}
	return d;
}

/* Reports of a known child written another way, and second child
 * records: the matcher finds them. */
static void
test_variants_found(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;
	struct name_query a;
	struct name_candidate b;
	struct match_result r;
	sqlite3 *db;
	sqlite3_stmt *q;
	int variants = 0, found = 0, kinds_strip = 0, kinds_swap = 0;

	assert_int_equal(gen(f, 3, &s), 0);
	assert_true(s.reused > 0);
	assert_true(s.duplicates > 0);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT r.child_given,"
	    " r.child_family, r.child_parent, coalesce(r.child_birth_date, ''),"
	    " c.given_name, c.family_name, c.parent_name,"
	    " coalesce(c.birth_date, ''), c.sex FROM report r JOIN child c"
	    " ON c.id = r.child_id WHERE r.child_given <> c.given_name"
	    " OR r.child_family <> c.family_name", -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(q, 0);
		const char *fa = (const char *)sqlite3_column_text(q, 1);

		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.given = g;
		a.family = fa;
		a.parent = (const char *)sqlite3_column_text(q, 2);
		a.dob = nd((const char *)sqlite3_column_text(q, 3));
		b.child_id = 1;
		b.person.given = (const char *)sqlite3_column_text(q, 4);
		b.person.family = (const char *)sqlite3_column_text(q, 5);
		b.person.parent = (const char *)sqlite3_column_text(q, 6);
		b.person.dob = nd((const char *)sqlite3_column_text(q, 7));
		variants++;
		if (strcmp(g, b.person.family) == 0)
			kinds_swap++;
		else
			kinds_strip++;
		if (names_match_score(&a, &b, &r) >= NAMES_SCORE_POSSIBLE)
			found++;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(variants > 10);
	assert_true(kinds_swap > 0 && kinds_strip > 0);
	/* Every variant spelling is at least a possible match. */
	assert_int_equal(found, variants);
	/* Second records share the folded family name of a known child. */
	assert_true(fx_raw_int(f, "SELECT count(*) FROM child a JOIN child b"
	    " ON a.id < b.id AND a.fold_family = b.fold_family AND a.fold_given"
	    " = b.fold_given AND a.birth_date = b.birth_date") > 0);
}

/* ---------------------------------------------------------------- casework */

/* The users of `rrjeti init --demo` the showcase is for: QPS-HANI (XK09)
 * with arta (caseworker, Ekipi 1) and besim (supervisor), NJMF-TIRANE
 * (AL53) with pmf.tirane. */
struct demo_users {
	int64_t		 hani, tir, arta, besim, pmf;
	struct actor	*a_arta, *a_besim, *a_pmf;
};

static void
demo_users(struct fx *f, struct demo_users *u)
{
	int64_t t;

	u->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	u->tir = fx_agency(f, "NJMF-TIRANE", AGENCY_SOCIAL_WORK, "AL53", NULL);
	assert_true(u->hani > 0 && u->tir > 0);
	t = fx_team(f, u->hani, "Ekipi 1");
	u->arta = fx_user(f, "arta", ROLE_CASEWORKER, u->hani, t);
	u->besim = fx_user(f, "besim", ROLE_SUPERVISOR, u->hani, 0);
	t = fx_team(f, u->tir, "Njësia 1");
	u->pmf = fx_user(f, "pmf.tirane", ROLE_CASEWORKER, u->tir, t);
	assert_true(u->arta > 0 && u->besim > 0 && u->pmf > 0);
}

/* The actors again after the load (fx_actor's copies live in f->a). */
static void
demo_actors(struct fx *f, struct demo_users *u)
{
	assert_non_null(u->a_arta = fx_actor(f, u->arta));
	assert_non_null(u->a_besim = fx_actor(f, u->besim));
	assert_non_null(u->a_pmf = fx_actor(f, u->pmf));
}

static int
gen_n(struct fx *f, uint64_t seed, int64_t n, struct demo_stats *s)
{
	struct demo_opts o;
	char err[256];

	memset(&o, 0, sizeof(o));
	o.children = n;
	o.seed = seed;
	o.years = 3;
	o.quiet = 1;
	if (demo_generate(f->st, f->db, &o, s, err, sizeof(err)) != 0) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	return 0;
}

static int64_t
q1(struct fx *f, const char *sql)
{
	int64_t v = fx_raw_int(f, sql);

	if (v < 0)
		fprintf(stderr, "query failed: %s\n", sql);
	return v;
}

/* One integer of SQL built with one integer argument. */
static int64_t
qf(struct fx *f, const char *fmt, int64_t a)
{
	char *sql = sqlite3_mprintf(fmt, (long long)a);
	int64_t v = q1(f, sql);

	sqlite3_free(sql);
	return v;
}

/* Every foreign key and CHECK of the database holds. */
static void
db_sound(struct fx *f)
{
	sqlite3 *db = fx_raw(f);
	sqlite3_stmt *q;
	int bad = 0;

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1,
	    &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW)
		if (bad++ < 5)
			fprintf(stderr, "foreign key: %s row %lld\n",
			    sqlite3_column_text(q, 0),
			    (long long)sqlite3_column_int64(q, 1));
	sqlite3_finalize(q);
	assert_int_equal(bad, 0);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1,
	    &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	sqlite3_close(db);
}

/* Every CHECK and foreign key holds, every UNIQUE index too (small loads
 * keep their indexes and their CHECKs while loading); the counts add up. */
static void
test_integrity(void **state)
{
	struct fx *f = *state;
	struct demo_users u;
	struct demo_stats s;

	demo_users(f, &u);
	assert_int_equal(gen_n(f, 5, 1500, &s), 0);
	db_sound(f);
	assert_int_equal(q1(f, "SELECT count(*) FROM screening"), s.screenings);
	assert_int_equal(q1(f, "SELECT count(*) FROM assessment"),
	    s.assessments);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan"), s.plans);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_review"), s.reviews);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_incident"),
	    s.incidents);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure"), s.closures);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_transfer"),
	    s.transfers);
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline"), s.deadlines);
	assert_int_equal(q1(f, "SELECT count(*) FROM caregiver"), s.caregivers);
	assert_int_equal(q1(f, "SELECT count(*) FROM child_link"), s.siblings);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file WHERE"
	    " reopened_from IS NOT NULL"), s.reopened);
	/* Something of each, at this size. */
	assert_true(s.screenings > 0 && s.assessments > 0 && s.plans > 0 &&
	    s.reviews > 0 && s.incidents > 0 && s.closures > 0 &&
	    s.transfers > 0 && s.deadlines > 0 && s.caregivers > 0 &&
	    s.siblings > 0 && s.showcase > 0);
}

/* A user's id by name, 0 when none. */
static int64_t
user_id(struct fx *f, const char *name)
{
	char *sql = sqlite3_mprintf("SELECT coalesce((SELECT id FROM user"
	    " WHERE username = %Q), 0)", name);
	int64_t v = q1(f, sql);

	sqlite3_free(sql);
	return v;
}

/* The load of the network tests (400 children, seed 3, the demo
 * password), every foreign key and CHECK holding, every event counted. */
static void
net_load(struct fx *f, struct demo_users *u, struct demo_opts *o,
    struct demo_stats *st)
{
	char err[256];

	demo_users(f, u);
	memset(o, 0, sizeof(*o));
	o->children = 400;
	o->seed = 3;
	o->years = 3;
	o->quiet = 1;
	o->password = FX_PASSWORD;
	assert_int_equal(demo_generate(f->st, f->db, o, st, err,
	    sizeof(err)), 0);
	demo_actors(f, u);
	db_sound(f);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_event"), st->events);
}

/* Each user exists and logs in with the demo password. */
static void
log_in(struct fx *f, const char *const *users)
{
	struct auth_session as;
	struct svc s;
	size_t i;

	for (i = 0; users[i] != NULL; i++) {
		s = fx_svc(f, NULL);
		assert_true(user_id(f, users[i]) > 0);
		if (auth_login(&s, users[i], FX_PASSWORD, &as) != SVC_OK)
			fail_msg("%s cannot log in", users[i]);
	}
}

/* The network around the case (demo.c network()): table members, the
 * held and the planned conference, consent, the community group; every
 * CHECK and foreign key; the services read the rows; the new users log in
 * with the demo password; a second load adds none of it again. */
static void
test_network(void **state)
{
	static const char *const members[] = { "pol.hani", "shk.hani",
		"shd.hani", "ojq.hani", "gkk.hani", "pol.tirane", "shk.tirane",
		"shd.tirane", "ojq.tirane", "gkk.tirane", NULL };
	struct fx *f = *state;
	struct demo_users u;
	struct demo_stats st;
	struct demo_opts o;
	struct auth_session as;
	struct conf_info *cl;
	struct conf_full *cf;
	struct consent_info *ci;
	struct community_alert_info *al;
	enum consent_answer ans;
	struct actor *a;
	struct svc s;
	size_t n, i, k;
	int64_t id, cid, pol, held = 0, planned = 0;
	char err[256];

	/* Every CHECK (integrity_check) and foreign key. */
	net_load(f, &u, &o, &st);
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline"), st.deadlines);
	/* Table members of the four kinds, the community members; all log
	 * in, and so do the users of init --demo. */
	log_in(f, members);
	for (i = 0; i < 3; i++) {
		s = fx_svc(f, NULL);
		assert_int_equal(auth_login(&s, i == 0 ? "arta" : i == 1 ?
		    "besim" : "pmf.tirane", FX_PASSWORD, &as), SVC_OK);
	}
	assert_int_equal(q1(f, "SELECT count(*) FROM user u JOIN agency g"
	    " ON g.id = u.agency_id WHERE u.role = 'table_member'"
	    " AND g.type IN ('police', 'school', 'health', 'provider')"
	    " AND g.municipality_id IN (SELECT municipality_id FROM agency"
	    " WHERE code IN ('QPS-HANI', 'NJMF-TIRANE'))"), 8);
	/* Two meetings of each unit, one held and one planned, TMR and
	 * GTN; nowhere else. */
	assert_int_equal(q1(f, "SELECT count(*) FROM conference"), 4);
	assert_int_equal(q1(f, "SELECT count(*) FROM conference f JOIN agency g"
	    " ON g.id = f.agency_id WHERE (g.code = 'QPS-HANI' AND f.kind ="
	    " 'tmr') OR (g.code = 'NJMF-TIRANE' AND f.kind = 'gtn')"), 4);
	/* besim sees both of his unit; the held one moved its cases. */
	s = fx_svc(f, u.a_besim);
	assert_int_equal(conference_list(&s, &cl, &n), SVC_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		assert_int_equal(conference_get(&s, cl[i].id, &cf), SVC_OK);
		if (strcmp(cf->c.status, "held") == 0) {
			held++;
			assert_true(cf->c.held_at > 0 && cf->c.next_on[0]);
			assert_true(cf->ncases > 0 && cf->ntasks > 0);
			assert_true(cf->ninvitees >= 5);
			for (k = 0; k < cf->ncases; k++) {
				assert_string_equal(cf->cases[k].status,
				    "conference");
				assert_true(qf(f, "SELECT count(*) FROM"
				    " case_event WHERE case_id = %lld AND kind ="
				    " 'conference.held'", cf->cases[k].case_id) ==
				    1);
				assert_true(qf(f, "SELECT count(*) FROM deadline"
				    " WHERE case_id = %lld AND step = 'plan' AND"
				    " done_at IS NULL", cf->cases[k].case_id) ==
				    1);
			}
		} else {
			planned++;
			assert_string_equal(cf->c.status, "planned");
			assert_true(cf->ninvitees >= 4);
		}
	}
	assert_int_equal(held, 1);
	assert_int_equal(planned, 1);
	/* Tirana's held meeting moved cases too. */
	assert_true(q1(f, "SELECT count(*) FROM conference_case a JOIN"
	    " conference f ON f.id = a.conference_id JOIN agency g ON g.id ="
	    " f.agency_id WHERE f.status = 'held' AND g.code ="
	    " 'NJMF-TIRANE'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM conference_task WHERE"
	    " status = 'done'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM conference_task WHERE"
	    " status = 'open'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM conference_case a JOIN"
	    " conference f ON f.id = a.conference_id WHERE f.status ="
	    " 'planned'") > 0);
	/* The police member of Hani sees the meetings he is invited to. */
	pol = user_id(f, "pol.hani");
	assert_non_null(a = fx_actor(f, pol));
	s = fx_svc(f, a);
	assert_int_equal(conference_list(&s, &cl, &n), SVC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(conference_get(&s, cl[0].id, &cf), SVC_OK);
	/* Consent: four records a unit, one withdrawn, one override (and
	 * those of the referrals, demo_network.c). */
	assert_int_equal(q1(f, "SELECT count(*) FROM consent WHERE id NOT IN"
	    " (SELECT consent_id FROM referral)"), 8);
	assert_int_equal(q1(f, "SELECT count(*) FROM consent WHERE kind ="
	    " 'override'"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM consent WHERE"
	    " withdrawn_date IS NOT NULL"), 2);
	cid = q1(f, "SELECT c.case_id FROM consent c JOIN consent_agency g"
	    " ON g.consent_id = c.id JOIN agency a ON a.id = g.agency_id"
	    " WHERE c.kind = 'consent' AND c.withdrawn_date IS NULL AND"
	    " a.code = 'POL-HANI' ORDER BY c.id LIMIT 1");
	assert_true(cid > 0);
	id = q1(f, "SELECT id FROM agency WHERE code = 'POL-HANI'");
	s = fx_svc(f, u.a_besim);
	assert_int_equal(consent_of_case(&s, cid, &ci, &n), SVC_OK);
	assert_true(n >= 1);
	assert_int_equal(consent_allows(&s, cid, id, "identity", &ans),
	    SVC_OK);
	assert_int_equal(ans, CONSENT_GIVEN);
	assert_int_equal(consent_allows(&s, cid, id, "health", &ans), SVC_OK);
	assert_int_equal(ans, CONSENT_NONE);
	cid = q1(f, "SELECT c.case_id FROM consent c JOIN case_file f ON"
	    " f.id = c.case_id JOIN agency a ON a.id = f.agency_id WHERE"
	    " c.kind = 'override' AND a.code = 'QPS-HANI'");
	assert_true(cid > 0);
	assert_int_equal(consent_allows(&s, cid, id, "case_summary", &ans),
	    SVC_OK);
	assert_true(ans == CONSENT_OVERRIDE || ans == CONSENT_GIVEN);
	cid = q1(f, "SELECT c.case_id FROM consent c JOIN case_file f ON"
	    " f.id = c.case_id JOIN agency a ON a.id = f.agency_id WHERE"
	    " c.withdrawn_date IS NOT NULL AND a.code = 'QPS-HANI'");
	assert_true(cid > 0);
	assert_int_equal(consent_allows(&s, cid, q1(f, "SELECT a.agency_id FROM"
	    " consent_agency a JOIN consent c ON c.id = a.consent_id WHERE"
	    " c.withdrawn_date IS NOT NULL ORDER BY c.id LIMIT 1"), "health",
	    &ans), SVC_OK);
	assert_int_equal(ans, CONSENT_NONE);
	/* Community: a group a municipality, its member sees the alerts
	 * filed; the intake sees them with their decisions. */
	assert_int_equal(q1(f, "SELECT count(*) FROM community_group"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM community_group_community"
	    " c JOIN community_group g ON g.id = c.group_id JOIN municipality m"
	    " ON m.id = g.municipality_id WHERE m.country = 'XK' AND"
	    " c.community IN ('roma', 'ashkali', 'egyptian')"), 3);
	assert_int_equal(q1(f, "SELECT count(*) FROM community_initiative"
	    " WHERE type = 'summer_camp' AND f_6_11 > 0"), 2);
	assert_true(q1(f, "SELECT count(*) FROM community_alert WHERE"
	    " status = 'admitted' AND report_id IS NOT NULL") >= 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM community_alert WHERE"
	    " status = 'not_admitted'"), 2);
	assert_non_null(a = fx_actor(f, user_id(f, "gkk.hani")));
	s = fx_svc(f, a);
	assert_int_equal(community_alerts_mine(&s, &al, &n), SVC_OK);
	assert_true(n >= 3);
	s = fx_svc(f, u.a_arta);
	assert_int_equal(community_alerts(&s, NULL, &al, &n), SVC_OK);
	assert_true(n >= 3);
	/* A second load adds no second network. */
	o.seed = 4;
	o.children = 50;
	assert_int_equal(demo_generate(f->st, f->db, &o, &st, err,
	    sizeof(err)), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM conference"), 4);
	assert_int_equal(q1(f, "SELECT count(*) FROM community_group"), 2);
}

/* The network of the first-wave domains (demo_network.c): providers with
 * licences in every state and inspections, referrals in every status,
 * reports in, measures and placements, visits, the inbox, a grant, an
 * action plan, training, FTE, population and the project; the services
 * read them; the new users log in; a second load adds none of it. */
static void
test_network_more(void **state)
{
	static const char *const users[] = { "ofruesi.hani", "ofruesi2.hani",
		"ofruesi3.hani", "ofruesi.tirane", "ofruesi2.tirane", NULL };
	static const char *const statuses[] = { "sent", "waitlisted",
		"accepted", "in_service", "closed", "declined", NULL };
	struct fx *f = *state;
	struct demo_users u;
	struct demo_stats st;
	struct demo_opts o;
	struct provider_info *pi;
	struct referral_info *ri;
	struct notify_item *ni;
	struct grant_full *gf;
	struct training_count *tc;
	struct ind_query iq;
	struct rt_table rt;
	struct actor *a, *adm;
	struct svc s;
	size_t n, i;
	int64_t id, unread, overdue = 0, fem = 0, mal = 0;
	int more = 0;
	char err[256];

	net_load(f, &u, &o, &st);
	/* The provider users log in with the demo password. */
	log_in(f, users);
	assert_int_equal(q1(f, "SELECT count(*) FROM user WHERE email <> ''"
	    " AND email_notify = 1"), 2);
	/* Licences: valid, expiring in under 90 days, expired, suspended. */
	assert_int_equal(q1(f, "SELECT count(*) FROM agency WHERE type ="
	    " 'provider' AND code LIKE 'OFR_-%'"), 5);
	assert_int_equal(q1(f, "SELECT count(*) FROM licence WHERE status ="
	    " 'active' AND expires > date('now') AND expires < date('now',"
	    " '+90 days')"), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM licence WHERE status ="
	    " 'active' AND expires <= date('now')"), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM licence WHERE status ="
	    " 'suspended'"), 1);
	id = q1(f, "SELECT id FROM agency WHERE code = 'OFR1-HANI'");
	s = fx_svc(f, u.a_besim);
	assert_int_equal(provider_get(&s, id, &pi), SVC_OK);
	assert_int_equal(pi->licences_in_force, 1);
	assert_non_null(strstr(pi->services, "shelter"));
	assert_true(pi->version >= 1);
	/* Inspections: one completed with every standard rated and its
	 * score, two actions (one done); one draft. */
	assert_int_equal(q1(f, "SELECT count(*) FROM inspection WHERE status"
	    " = 'completed'"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM inspection WHERE status"
	    " = 'draft'"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM inspection i WHERE"
	    " status = 'completed' AND score <> (SELECT (sum(CASE rating WHEN"
	    " 'met' THEN 2 WHEN 'partly' THEN 1 ELSE 0 END) * 100 + count(*))"
	    " / (2 * count(*)) FROM inspection_item WHERE inspection_id ="
	    " i.id)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM inspection_item t JOIN"
	    " inspection i ON i.id = t.inspection_id WHERE i.status ="
	    " 'completed' AND t.rating IS NULL"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM inspection_action WHERE"
	    " done_on IS NOT NULL"), 2);
	/* Referrals: every status in both municipalities, each on a
	 * consent that covers the provider and its categories. */
	for (i = 0; statuses[i] != NULL; i++) {
		char *sql = sqlite3_mprintf("SELECT count(DISTINCT"
		    " from_agency_id) FROM referral WHERE status = %Q",
		    statuses[i]);

		if (q1(f, sql) != 2)
			fail_msg("referrals %s: not in both", statuses[i]);
		sqlite3_free(sql);
	}
	assert_int_equal(q1(f, "SELECT count(*) FROM referral r WHERE NOT"
	    " EXISTS (SELECT 1 FROM consent_agency WHERE consent_id ="
	    " r.consent_id AND agency_id = r.to_agency_id)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM referral r JOIN"
	    " licence l ON l.id = r.licence_id WHERE l.agency_id <>"
	    " r.to_agency_id OR NOT EXISTS (SELECT 1 FROM licence_service WHERE"
	    " licence_id = l.id AND service = r.service)"), 0);
	assert_true(q1(f, "SELECT count(*) FROM referral_session") >= 5);
	assert_int_equal(q1(f, "SELECT count(*) FROM referral_feedback"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM referral r WHERE"
	    " (SELECT count(*) FROM case_event WHERE case_id = r.case_id AND"
	    " kind = 'referral') = 0"), 0);
	/* The provider's user sees its referrals, one overdue. */
	assert_non_null(a = fx_actor(f, user_id(f, "ofruesi.hani")));
	s = fx_svc(f, a);
	assert_int_equal(referral_incoming(&s, NULL, &ri, &n), SVC_OK);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		overdue += ri[i].overdue;
	assert_int_equal(overdue, 1);
	/* The inbox: arta's and the provider user's, read and unread. */
	s = fx_svc(f, u.a_arta);
	assert_int_equal(notify_list(&s, 1, &ni, &n, &more), SVC_OK);
	assert_true(n >= 4);
	assert_int_equal(notify_unread(&s, &unread), SVC_OK);
	assert_true(unread >= 2 && unread < (int64_t)n);
	s = fx_svc(f, u.a_pmf);
	assert_int_equal(notify_unread(&s, &unread), SVC_OK);
	assert_true(unread >= 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM notification n JOIN"
	    " user u ON u.id = n.user_id WHERE u.username = 'ofruesi.hani'"
	    " AND n.kind = 'referral_received'"), 4);
	/* Reports in: the police and the school of both municipalities. */
	assert_true(q1(f, "SELECT count(*) FROM report r JOIN user u ON"
	    " u.id = r.created_by WHERE r.referrer_agency_id = u.agency_id"
	    " AND u.role = 'table_member'") >= 4);
	assert_int_equal(q1(f, "SELECT count(*) FROM report r WHERE"
	    " referrer_agency_id IS NOT NULL AND status NOT IN ('received',"
	    " 'registered')"), 0);
	/* Albania: placements ending in about 10 and 30 hours, two ended;
	 * measures in every status, the confirmed one expiring in 20 days;
	 * nothing of it in Kosovo. */
	assert_int_equal(qf(f, "SELECT count(*) FROM emergency_placement"
	    " WHERE ended_at IS NULL AND ends_at > %lld AND ends_at < %lld +"
	    " 12 * 3600", clock_now()), 1);
	assert_int_equal(qf(f, "SELECT count(*) FROM emergency_placement"
	    " WHERE ended_at IS NULL AND ends_at > %lld + 24 * 3600 AND"
	    " ends_at < %lld + 36 * 3600", clock_now()), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM emergency_placement"
	    " WHERE ended_at IS NOT NULL"), 2);
	assert_int_equal(q1(f, "SELECT count(DISTINCT status) FROM"
	    " protection_measure"), 4);
	assert_int_equal(q1(f, "SELECT count(*) FROM protection_measure WHERE"
	    " status = 'confirmed' AND expiry_date = date('now', '+20 days')"),
	    1);
	assert_int_equal(q1(f, "SELECT count(*) FROM protection_measure m"
	    " JOIN case_file c ON c.id = m.case_id JOIN municipality x ON"
	    " x.id = c.municipality_id WHERE x.country <> 'AL'"), 0);
	/* Visits: every status in both; one identified a child. */
	assert_int_equal(q1(f, "SELECT count(*) FROM visit"), 8);
	assert_int_equal(q1(f, "SELECT count(DISTINCT status) FROM visit"), 3);
	assert_int_equal(q1(f, "SELECT count(*) FROM visit_report"), 2);
	/* The grant: its figures as the grantee's user reads them. */
	id = q1(f, "SELECT id FROM grant_agreement");
	assert_non_null(a = fx_actor(f, user_id(f, "ofruesi.hani")));
	s = fx_svc(f, a);
	assert_int_equal(grant_get(&s, id, &gf), SVC_OK);
	assert_int_equal(gf->g.amount_cents, 270000000);
	assert_int_equal(gf->g.children, 8);
	assert_int_equal(gf->g.adults, 4);
	assert_int_equal(gf->g.people, 12);
	assert_int_equal(gf->g.late, 1);
	assert_int_equal(gf->nreports, 3);
	assert_int_equal(q1(f, "SELECT count(*) FROM action_plan_indicator"
	    " WHERE direction = 'down'"), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM action_plan_progress"),
	    6);
	/* Training: three programmes, 30 professionals of every profile and
	 * both sexes, one name in two spellings; certificates issued to
	 * those who attended. */
	assert_int_equal(q1(f, "SELECT count(*) FROM training_programme"), 3);
	assert_int_equal(q1(f, "SELECT count(DISTINCT body_key) FROM"
	    " training_programme"), 3);
	assert_int_equal(q1(f, "SELECT count(*) FROM professional"), 30);
	assert_int_equal(q1(f, "SELECT count(DISTINCT profile) FROM"
	    " professional"), 9);
	assert_int_equal(q1(f, "SELECT count(*) FROM (SELECT 1 FROM"
	    " professional GROUP BY fold_given, fold_family HAVING count(*)"
	    " > 1)"), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM training_enrolment e"
	    " WHERE status = 'attended' AND NOT EXISTS (SELECT 1 FROM"
	    " training_certificate WHERE session_id = e.session_id AND"
	    " professional_id = e.professional_id)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM training_certificate c"
	    " JOIN training_enrolment e ON e.session_id = c.session_id AND"
	    " e.professional_id = c.professional_id WHERE e.status <>"
	    " 'attended'"), 0);
	adm = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    u.hani, 0));
	assert_non_null(adm);
	s = fx_svc(f, adm);
	id = q1(f, "SELECT id FROM training_programme WHERE country = 'XK'"
	    " ORDER BY id LIMIT 1");
	assert_int_equal(training_programme_counts(&s, id, &tc, &n), SVC_OK);
	for (i = 0; i < n; i++) {
		fem += tc[i].female;
		mal += tc[i].male;
	}
	assert_true(fem > 0 && mal > 0);
	/* Indicators: FTE, the population of the year, referrals and the
	 * workforce of Hani for its administrator. */
	assert_true(q1(f, "SELECT count(*) FROM worker_fte WHERE fte_permille"
	    " < 1000") >= 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM child_population p JOIN"
	    " agency a ON a.municipality_id = p.municipality_id WHERE a.code"
	    " IN ('QPS-HANI', 'NJMF-TIRANE') AND p.year = CAST(strftime('%Y',"
	    " 'now') AS INTEGER)"), 2);
	memset(&iq, 0, sizeof(iq));
	iq.code = IND_REFERRALS;
	memset(&rt, 0, sizeof(rt));
	assert_int_equal(indicator_run(&s, &iq, &rt), SVC_OK);
	assert_true(rt.nrows > 0);
	iq.code = IND_WORKFORCE;
	memset(&rt, 0, sizeof(rt));
	assert_int_equal(indicator_run(&s, &iq, &rt), SVC_OK);
	assert_true(rt.nrows > 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM project p JOIN"
	    " project_target t ON t.project_id = p.id WHERE p.name = 'Safe"
	    " Network – Phase III' AND ((t.kind = 'children' AND t.target ="
	    " 6080) OR (t.kind = 'professionals' AND t.target = 603))"), 2);
	assert_int_equal(q1(f, "SELECT count(*) FROM project_grant"), 1);
	assert_int_equal(q1(f, "SELECT count(*) FROM project_programme"), 1);
	/* A second load adds none of it again. */
	o.seed = 4;
	o.children = 50;
	assert_int_equal(demo_generate(f->st, f->db, &o, &st, err,
	    sizeof(err)), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM agency WHERE code LIKE"
	    " 'OFR_-%'"), 5);
	assert_int_equal(q1(f, "SELECT count(*) FROM referral"), 14);
	db_sound(f);
}

/* The rules of the screening and assessment services on the rows. */
static void
test_screening_first(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;
	struct svc v;
	sqlite3 *db;
	sqlite3_stmt *q;
	const char *canon;
	int n = 0;

	assert_int_equal(gen_n(f, 11, 900, &s), 0);
	/* A screening for each risk row, except the row an accepted
	 * transfer copies; its risk row of its own case, its emergency the
	 * case's flag, high_confirmed for high without it. */
	assert_int_equal(q1(f, "SELECT count(*) FROM risk_assessment r WHERE"
	    " NOT EXISTS (SELECT 1 FROM screening s WHERE s.risk_id = r.id)"),
	    q1(f, "SELECT count(*) FROM case_transfer WHERE status ="
	    " 'accepted'"));
	assert_int_equal(q1(f, "SELECT count(*) FROM screening s JOIN"
	    " risk_assessment r ON r.id = s.risk_id JOIN case_file c ON c.id ="
	    " s.case_id WHERE r.case_id <> s.case_id OR s.at <> r.at OR"
	    " s.emergency <> c.emergency OR s.author_id <> r.author_id OR"
	    " s.high_confirmed <> (r.level = 'high' AND s.emergency = 0)"), 0);
	/* Screening first: no assessment, plan, review or closure before
	 * the case's first screening. */
	assert_int_equal(q1(f, "SELECT count(*) FROM assessment a WHERE NOT"
	    " EXISTS (SELECT 1 FROM screening s WHERE s.case_id = a.case_id"
	    " AND s.at <= a.created_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan p WHERE NOT EXISTS"
	    " (SELECT 1 FROM screening s WHERE s.case_id = p.case_id AND s.at"
	    " <= p.created_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_review r WHERE NOT"
	    " EXISTS (SELECT 1 FROM risk_assessment s WHERE s.case_id ="
	    " r.case_id)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure k JOIN"
	    " case_file c ON c.id = k.case_id WHERE c.risk IS NULL"), 0);
	/* Medium and high risk: a completed assessment before a plan is
	 * submitted; a draft only while the case is in assessment (or was
	 * transferred from there). */
	assert_int_equal(q1(f, "SELECT count(*) FROM plan p JOIN case_file c"
	    " ON c.id = p.case_id WHERE p.submitted_at IS NOT NULL AND c.risk IN"
	    " ('medium', 'high') AND NOT EXISTS (SELECT 1 FROM assessment a"
	    " WHERE a.case_id = p.case_id AND a.status = 'completed' AND"
	    " a.completed_at <= p.submitted_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM assessment a JOIN"
	    " case_file c ON c.id = a.case_id WHERE a.status = 'draft' AND"
	    " c.status NOT IN ('assessment', 'transferred')"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM assessment WHERE status ="
	    " 'completed' AND (safety = '' OR family_care = '' OR child_views ="
	    " '' OR conclusion = '' OR completed_at < created_at)"), 0);
	/* Every case past the assessment has one. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status IN ('assessment', 'conference', 'plan_active', 'review')"
	    " AND NOT EXISTS (SELECT 1 FROM assessment a WHERE a.case_id ="
	    " c.id)"), 0);
	/* The checklists parse as the service parses them, in its order. */
	v = fx_svc(f, &f->root);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT risk_factors,"
	    " protective_factors, sources FROM screening UNION ALL SELECT '',"
	    " '', sources FROM assessment", -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *rf = (const char *)sqlite3_column_text(q, 0);
		const char *pf = (const char *)sqlite3_column_text(q, 1);
		const char *so = (const char *)sqlite3_column_text(q, 2);

		assert_int_equal(cw_codes_parse(&v, cw_risk_factors, "r", rf,
		    &canon, NULL), SVC_OK);
		assert_string_equal(canon, rf);
		assert_int_equal(cw_codes_parse(&v, cw_protective_factors, "p",
		    pf, &canon, NULL), SVC_OK);
		assert_string_equal(canon, pf);
		assert_int_equal(cw_codes_parse(&v, cw_sources, "s", so, &canon,
		    NULL), SVC_OK);
		assert_string_equal(canon, so);
		assert_true(*so != '\0');
		if (++n % 200 == 0)
			arena_reset(f->a);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(n > 900);
}

/* The plan service's rules on the rows. */
static void
test_plans(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;

	assert_int_equal(gen_n(f, 13, 1500, &s), 0);
	assert_true(q1(f, "SELECT count(*) FROM plan WHERE status ="
	    " 'superseded'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM plan WHERE status ="
	    " 'submitted'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM plan WHERE parents ="
	    " 'refused'") > 0);
	/* An active plan for every case in plan_active or review; active
	 * plans only on cases that reached it. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status IN ('plan_active', 'review') AND NOT EXISTS (SELECT 1"
	    " FROM plan p WHERE p.case_id = c.id AND p.status = 'active')"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan p JOIN case_file c"
	    " ON c.id = p.case_id WHERE p.status = 'active' AND c.status NOT IN"
	    " ('plan_active', 'review', 'closed', 'transferred')"), 0);
	/* Approved by a supervisor of the case's agency, after submission;
	 * v2 supersedes v1 at its approval. */
	assert_int_equal(q1(f, "SELECT count(*) FROM plan p JOIN case_file c"
	    " ON c.id = p.case_id LEFT JOIN user u ON u.id = p.decided_by WHERE"
	    " p.status IN ('active', 'superseded') AND (u.role IS NOT"
	    " 'supervisor' OR u.agency_id <> c.agency_id OR p.submitted_at IS"
	    " NULL OR p.decided_at < p.submitted_at OR p.submitted_at <"
	    " p.created_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan a JOIN plan b ON"
	    " b.case_id = a.case_id AND b.number = 2 AND b.status = 'active'"
	    " WHERE a.number = 1 AND (a.status <> 'superseded' OR"
	    " a.superseded_at <> b.decided_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan WHERE status IN"
	    " ('draft', 'submitted') AND decided_at IS NOT NULL"), 0);
	/* 1-3 goals, 2-4 actions; a v2 is v1's copy. */
	assert_int_equal(q1(f, "SELECT count(*) FROM plan p WHERE (SELECT"
	    " count(*) FROM plan_goal g WHERE g.plan_id = p.id) NOT BETWEEN 1"
	    " AND 3 OR (SELECT count(*) FROM plan_action x WHERE x.plan_id ="
	    " p.id) NOT BETWEEN 2 AND 4"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM plan a JOIN plan b ON"
	    " b.case_id = a.case_id AND b.number = 2 WHERE a.number = 1 AND"
	    " (SELECT group_concat(text, '|') FROM (SELECT text FROM plan_goal"
	    " WHERE plan_id = a.id ORDER BY pos)) IS NOT (SELECT"
	    " group_concat(text, '|') FROM (SELECT text FROM plan_goal WHERE"
	    " plan_id = b.id ORDER BY pos))"), 0);
	/* Actions: the case's own agency or an institution; due not before
	 * the case opened; done only on an approved version, before now. */
	assert_int_equal(q1(f, "SELECT count(*) FROM plan_action x JOIN plan p"
	    " ON p.id = x.plan_id JOIN case_file c ON c.id = p.case_id WHERE"
	    " (x.agency_id IS NOT NULL AND x.agency_id <> c.agency_id) OR"
	    " x.due_on < date(c.opened_at, 'unixepoch') OR (x.status = 'done'"
	    " AND (p.decided_at IS NULL OR x.done_at < p.decided_at OR"
	    " x.done_at > unixepoch()))"), 0);
	assert_true(q1(f, "SELECT count(*) FROM plan_action WHERE status ="
	    " 'done'") > 0);
	assert_true(q1(f, "SELECT count(*) FROM plan_action WHERE agency_id"
	    " IS NULL") > 0);
	/* The review date of the plan: after its approval (or creation). */
	assert_int_equal(q1(f, "SELECT count(*) FROM plan WHERE review_on IS"
	    " NULL OR review_on <= date(coalesce(decided_at, created_at),"
	    " 'unixepoch')"), 0);
}

/* Days since 1970 of yyyy-mm-dd, -1 when not a date. */
static int32_t
day(const char *s)
{
	int32_t d;

	return s != NULL && cal_date_parse(s, &d) == CAL_OK ? d : -1;
}

/* Reviews, incidents, closures with follow-ups, reopenings, transfers:
 * the closure service's rules on the rows. */
static void
test_closure_rules(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = 0;

	assert_int_equal(gen_n(f, 17, 2500, &s), 0);
	/* Reviews: only after an approved plan, dated between the opening
	 * and today, the next one after the review; 'review' cases have
	 * their revise_plan review. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_review r WHERE NOT"
	    " EXISTS (SELECT 1 FROM plan p WHERE p.case_id = r.case_id AND"
	    " p.decided_at <= r.created_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_review r JOIN"
	    " case_file c ON c.id = r.case_id WHERE r.review_date <"
	    " date(c.opened_at, 'unixepoch') OR r.created_at > unixepoch() OR"
	    " r.next_review <= r.review_date OR r.risk_before <> r.risk_after"),
	    0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status = 'review' AND NOT EXISTS (SELECT 1 FROM case_review r"
	    " WHERE r.case_id = c.id AND r.decision = 'revise_plan')"), 0);
	assert_true(q1(f, "SELECT count(*) FROM case_review WHERE decision ="
	    " 'continue'") > q1(f, "SELECT count(*) FROM case_review WHERE"
	    " decision <> 'continue'"));
	/* Incidents answered by a later review of the same case. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_incident i JOIN"
	    " case_review r ON r.id = i.reviewed_by WHERE r.case_id <> i.case_id"
	    " OR r.created_at < i.created_at"), 0);
	/* Every closed case: one approved closure, decided when it closed,
	 * by a supervisor of its agency, with its reason; requests waiting
	 * only on open cases, never with a transfer waiting. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status = 'closed' AND (SELECT count(*) FROM case_closure k"
	    " WHERE k.case_id = c.id AND k.status = 'approved') <> 1"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure k JOIN"
	    " case_file c ON c.id = k.case_id JOIN user u ON u.id ="
	    " k.decided_by WHERE k.status = 'approved' AND (c.status <> 'closed'"
	    " OR c.closed_at <> k.decided_at OR c.close_reason <> k.reason OR"
	    " u.role <> 'supervisor' OR u.agency_id <> c.agency_id OR"
	    " k.requested_at >= k.decided_at)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure k JOIN"
	    " case_file c ON c.id = k.case_id WHERE k.status = 'requested' AND"
	    " (c.status IN ('closed', 'transferred') OR EXISTS (SELECT 1 FROM"
	    " case_transfer t WHERE t.case_id = c.id AND t.status ="
	    " 'requested'))"), 0);
	assert_true(q1(f, "SELECT count(*) FROM case_closure WHERE status ="
	    " 'requested'") > 0);
	/* The reason rules (closure.c reason_ok) and the code list. */
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure k JOIN"
	    " case_file c ON c.id = k.case_id JOIN child ch ON ch.id ="
	    " c.child_id WHERE k.reason = 'turned_18' AND (ch.birth_date IS NULL"
	    " OR date(ch.birth_date, '+18 years') > k.closure_date)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_closure k JOIN"
	    " case_file c ON c.id = k.case_id WHERE k.reason ="
	    " 'family_refused_low_risk' AND c.risk <> 'low'"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file WHERE"
	    " close_reason = 'family_refused'"), 0);
	assert_true(q1(f, "SELECT count(DISTINCT reason) FROM case_closure") >=
	    4);
	/* Follow-up three months after the closure date (clamped), a result
	 * only once that day has come. */
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT closure_date,"
	    " follow_up_date, coalesce(follow_up_at, 0), follow_up_result IS NOT"
	    " NULL FROM case_closure", -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		int32_t cd = day((const char *)sqlite3_column_text(q, 0));
		int32_t fu = day((const char *)sqlite3_column_text(q, 1));
		int y, m, d, i;
		int32_t want;

		assert_true(cd > 0 && fu > cd);
		cal_date_to_ymd(cd, &y, &m, &d);
		i = y * 12 + (m - 1) + CLOSURE_FOLLOW_UP_MONTHS;
		while (cal_date_from_ymd(i / 12, i % 12 + 1, d, &want) != CAL_OK)
			d--;
		assert_int_equal(fu, want);
		if (sqlite3_column_int(q, 3)) {
			int32_t at;

			assert_int_equal(cal_date_of(sqlite3_column_int64(q, 2),
			    &at), CAL_OK);
			assert_true(at >= fu);
		}
		n++;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(n > 20);
	assert_true(q1(f, "SELECT count(*) FROM case_closure WHERE"
	    " follow_up_result = 'fine'") > 0);
	/* Reopened (by the worker, or by a new report of the child): a new
	 * case of the same child and place, opened within twelve months of
	 * the closure, with the events on both; at most one open from each. */
	assert_true(s.reopened > 0);
	assert_true(q1(f, "SELECT count(*) FROM case_file WHERE reopened_from"
	    " IS NOT NULL AND report_id IS NOT NULL") > 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file n JOIN case_file"
	    " o ON o.id = n.reopened_from WHERE o.status <> 'closed' OR"
	    " n.child_id <> o.child_id OR n.municipality_id <> o.municipality_id"
	    " OR n.agency_id <> o.agency_id OR n.opened_at <= o.closed_at OR"
	    " date(n.opened_at, 'unixepoch') > date(o.closed_at, 'unixepoch',"
	    " '+12 months') OR NOT EXISTS (SELECT 1 FROM case_event e WHERE"
	    " e.case_id = o.id AND e.kind = 'reopened' AND e.after = n.number)"
	    " OR NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = n.id"
	    " AND e.kind = 'reopened_from' AND e.before = o.number)"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM (SELECT reopened_from"
	    " FROM case_file WHERE reopened_from IS NOT NULL AND status NOT IN"
	    " ('closed', 'transferred') GROUP BY 1 HAVING count(*) > 1)"), 0);
	/* Transfers: accepted -> the sending case 'transferred', a new
	 * unassigned-at-first case of the child in the receiving place and
	 * agency, opened at the decision, the latest risk row copied;
	 * waiting -> the sending case open. Same country, another place,
	 * the place's owning agency. */
	assert_true(q1(f, "SELECT count(*) FROM case_transfer WHERE status ="
	    " 'accepted'") > 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_transfer t JOIN"
	    " case_file o ON o.id = t.case_id JOIN case_file n ON n.id ="
	    " t.new_case_id WHERE t.status = 'accepted' AND (o.status <>"
	    " 'transferred' OR n.child_id <> o.child_id OR n.municipality_id <>"
	    " t.to_municipality_id OR n.agency_id <> t.to_agency_id OR"
	    " n.opened_at <> t.decided_at OR n.source <> 'other_municipality' OR"
	    " t.decided_at <= t.requested_at OR (SELECT r.level FROM"
	    " risk_assessment r WHERE r.case_id = n.id ORDER BY r.id LIMIT 1) IS"
	    " NOT (SELECT r.level FROM risk_assessment r WHERE r.case_id = o.id"
	    " ORDER BY r.at DESC, r.id DESC LIMIT 1))"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_transfer t JOIN"
	    " case_file o ON o.id = t.case_id JOIN municipality a ON a.id ="
	    " o.municipality_id JOIN municipality b ON b.id ="
	    " t.to_municipality_id WHERE a.id = b.id OR a.country <> b.country"
	    " OR t.from_agency_id <> o.agency_id OR t.to_agency_id <> (SELECT"
	    " g.id FROM agency g WHERE g.municipality_id = b.id AND g.type ="
	    " 'social_work' AND g.active = 1 ORDER BY g.id LIMIT 1) OR"
	    " (t.status = 'requested' AND (o.status IN ('closed', 'transferred')"
	    " OR t.new_case_id IS NOT NULL))"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status = 'transferred' AND NOT EXISTS (SELECT 1 FROM"
	    " case_transfer t WHERE t.case_id = c.id AND t.status ="
	    " 'accepted')"), 0);
}

/* Caregivers for most children, sibling links within a family of a
 * place, their history on both children. */
static void
test_children_records(void **state)
{
	struct fx *f = *state;
	struct demo_stats s;

	assert_int_equal(gen_n(f, 19, 1500, &s), 0);
	assert_true(q1(f, "SELECT count(*) FROM child c WHERE EXISTS (SELECT 1"
	    " FROM caregiver g WHERE g.child_id = c.id)") * 100 > 85 * 1500);
	assert_true(q1(f, "SELECT count(*) FROM caregiver WHERE relation ="
	    " 'mother' AND is_guardian = 1") > 1000);
	assert_true(q1(f, "SELECT count(*) FROM caregiver WHERE relation ="
	    " 'father'") > 800);
	assert_true(q1(f, "SELECT count(*) FROM caregiver WHERE phone <> ''") >
	    0);
	/* A caregiver's family name is the child's. */
	assert_int_equal(q1(f, "SELECT count(*) FROM caregiver g JOIN child c"
	    " ON c.id = g.child_id WHERE g.name NOT LIKE '% ' ||"
	    " c.family_name"), 0);
	assert_true(s.siblings > 30);
	assert_int_equal(q1(f, "SELECT count(*) FROM child_link l JOIN child a"
	    " ON a.id = l.child_a JOIN child b ON b.id = l.child_b WHERE"
	    " a.fold_family <> b.fold_family OR a.municipality_id <>"
	    " b.municipality_id OR a.parent_name <> b.parent_name OR"
	    " l.child_a >= l.child_b"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM child_event WHERE kind ="
	    " 'sibling.linked'"), 2 * s.siblings);
	assert_int_equal(q1(f, "SELECT count(*) FROM child_link l WHERE NOT"
	    " EXISTS (SELECT 1 FROM child_event e WHERE e.child_id = l.child_a"
	    " AND e.after = '#' || l.child_b AND e.note = l.relation) OR NOT"
	    " EXISTS (SELECT 1 FROM child_event e WHERE e.child_id = l.child_b"
	    " AND e.after = '#' || l.child_a)"), 0);
	/* Second records of a known child stay for a supervisor to merge. */
	assert_true(s.duplicates > 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM child WHERE merged_into IS"
	    " NOT NULL"), 0);
}

/* For a sample of generated cases, the services read everything back:
 * case_get, screenings, assessment, plans, the closure view, deadlines. */
static void
test_services_read(void **state)
{
	struct fx *f = *state;
	struct demo_stats st;
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = 0;

	assert_int_equal(gen_n(f, 23, 1200, &st), 0);
	db = fx_raw(f);
	/* Every 5th case with the supervisor of its agency. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT c.id, (SELECT u.id FROM"
	    " user u WHERE u.agency_id = c.agency_id AND u.role = 'supervisor'"
	    " ORDER BY u.id LIMIT 1), (SELECT count(*) FROM screening s WHERE"
	    " s.case_id = c.id), (SELECT count(*) FROM assessment a WHERE"
	    " a.case_id = c.id), (SELECT count(*) FROM plan p WHERE p.case_id ="
	    " c.id), (SELECT count(*) FROM case_review r WHERE r.case_id ="
	    " c.id), (SELECT count(*) FROM case_closure k WHERE k.case_id ="
	    " c.id), (SELECT count(*) FROM deadline d WHERE d.case_id = c.id),"
	    " c.status FROM case_file c WHERE c.id % 5 = 0 ORDER BY c.id", -1,
	    &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		struct actor *a = fx_actor(f, sqlite3_column_int64(q, 1));
		struct svc s;
		struct case_full *cf;
		struct screening_info *si;
		struct assessment_info *ai;
		struct plan_info *pi;
		struct closure_view *cv;
		struct deadline_info *di;
		size_t k;
		int64_t id = sqlite3_column_int64(q, 0);

		assert_non_null(a);
		s = fx_svc(f, a);
		assert_int_equal(case_get(&s, id, &cf), SVC_OK);
		assert_string_equal(cf->c.status,
		    (const char *)sqlite3_column_text(q, 8));
		assert_int_equal(screening_list(&s, id, 0, &si, &k), SVC_OK);
		assert_int_equal(k, sqlite3_column_int64(q, 2));
		assert_int_equal(assessment_get(&s, id, &ai), SVC_OK);
		assert_int_equal(ai != NULL, sqlite3_column_int64(q, 3));
		assert_int_equal(plan_list(&s, id, &pi, &k), SVC_OK);
		assert_int_equal(k, sqlite3_column_int64(q, 4));
		assert_int_equal(closure_case(&s, &cf->c, &cv), SVC_OK);
		assert_int_equal(cv->nreviews, sqlite3_column_int64(q, 5));
		assert_int_equal(cv->nclosures, sqlite3_column_int64(q, 6));
		if (strcmp(cf->c.status, "closed") == 0)
			assert_non_null(cv->approved);
		assert_int_equal(deadline_case_list(&s, id, &di, &k), SVC_OK);
		assert_int_equal(k, sqlite3_column_int64(q, 7));
		arena_reset(f->a);
		n++;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(n > 200);
}

/* Every open deadline is the one deadline_due() computes from its start
 * at the case's country, rule version and risk (a review made due by an
 * incident: by the end of that day), with an administrator's extra day
 * off counted; only open cases of the last 400 days have them. */
static void
test_deadlines_agree(void **state)
{
	struct fx *f = *state;
	struct demo_stats st;
	struct svc s;
	sqlite3 *db;
	sqlite3_stmt *q;
	int32_t today, d;
	int n = 0, k;
	char date[11], *sql;

	/* A day off added by an administrator: a weekday of the last
	 * month, in both countries. */
	assert_int_equal(cal_date_of(clock_now(), &today), CAL_OK);
	for (d = today - 30; cal_weekday(d) > 5; d++)
		;
	cal_date_format(d, date, sizeof(date));
	sql = sqlite3_mprintf("INSERT INTO holiday_extra (country, date,"
	    " cancel, shift, name, created_at) VALUES ('XK', '%s', 0, 0,"
	    " 'test', 1), ('AL', '%s', 0, 0, 'test', 1)", date, date);
	assert_non_null(sql);
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	sqlite3_free(sql);
	assert_int_equal(gen_n(f, 29, 2000, &st), 0);
	s = fx_svc(f, &f->root);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT m.country,"
	    " d.rule_version, d.step, coalesce(c.risk, ''), d.start_at, d.due_at,"
	    " EXISTS (SELECT 1 FROM case_incident i WHERE i.case_id = c.id AND"
	    " i.reviewed_by IS NULL) FROM deadline d JOIN case_file c ON c.id ="
	    " d.case_id JOIN municipality m ON m.id = c.municipality_id WHERE"
	    " d.due_at IS NOT NULL AND (d.done_at IS NULL OR d.step ="
	    " 'registration')", -1, &q, NULL), SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *step = (const char *)sqlite3_column_text(q, 2);
		const char *risk = (const char *)sqlite3_column_text(q, 3);
		int64_t due = 0, start = sqlite3_column_int64(q, 4);
		int64_t have = sqlite3_column_int64(q, 5);

		k = deadline_step_parse(step);
		assert_true(k >= 0);
		assert_int_equal(deadline_due(&s, (const char *)
		    sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1), k,
		    k == DL_REGISTRATION ? NULL : risk, start, &due), SVC_OK);
		if (k == DL_REVIEW && sqlite3_column_int(q, 6)) {
			int32_t sd;
			int64_t eod;

			assert_int_equal(cal_date_of(start, &sd), CAL_OK);
			assert_int_equal(cal_date_midnight(sd + 1, &eod), CAL_OK);
			assert_true(have == due || have == eod);
		} else
			assert_int_equal(have, due);
		arena_reset(f->a);	/* deadline_due() takes 48 KiB a call */
		n++;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(n > 300);
	/* Every step kind present; deadlines on open cases only, of the
	 * last 400 days, each with its registration done at the opening. */
	assert_int_equal(q1(f, "SELECT count(DISTINCT step) FROM deadline"),
	    DL_STEP__MAX);
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline d JOIN case_file"
	    " c ON c.id = d.case_id WHERE c.status IN ('closed', 'transferred')"
	    " OR c.opened_at < unixepoch() - 400 * 86400"), 0);
	assert_int_equal(q1(f, "SELECT count(*) FROM case_file c WHERE"
	    " c.status NOT IN ('closed', 'transferred') AND c.opened_at >="
	    " unixepoch() - 399 * 86400 AND NOT EXISTS (SELECT 1 FROM deadline"
	    " d WHERE d.case_id = c.id AND d.step = 'registration' AND"
	    " d.done_at = c.opened_at)"), 0);
	/* Some overdue, some due within the week, some done late. */
	assert_true(q1(f, "SELECT count(*) FROM deadline WHERE done_at IS NULL"
	    " AND due_at < unixepoch()") > 0);
	assert_true(q1(f, "SELECT count(*) FROM deadline WHERE done_at IS NULL"
	    " AND due_at BETWEEN unixepoch() AND unixepoch() + 7 * 86400") > 0);
	assert_true(q1(f, "SELECT count(*) FROM deadline WHERE done_at >="
	    " due_at") > 0);
	/* When the plan step started: at the first low-risk screening
	 * (assessment.c), or at the conference of a medium or high risk
	 * (conference.c); the review at the plan's approval or at the last
	 * review's date. */
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline d JOIN case_file"
	    " c ON c.id = d.case_id WHERE d.step = 'plan' AND d.done_at IS NULL"
	    " AND d.start_at IS NOT coalesce((SELECT e.at FROM case_event e"
	    " WHERE e.case_id = c.id AND e.kind = 'status' AND e.after ="
	    " 'conference' AND c.risk <> 'low'), (SELECT min(s.at) FROM"
	    " screening s JOIN risk_assessment r ON r.id = s.risk_id WHERE"
	    " s.case_id = c.id AND r.level = 'low'))"), 0);
	/* The conference step done when the case went to conference. */
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline d JOIN case_event"
	    " e ON e.case_id = d.case_id AND e.kind = 'status' AND e.after ="
	    " 'conference' WHERE d.step = 'conference' AND d.done_at IS NOT"
	    " e.at"), 0);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT d.start_at,"
	    " (SELECT max(p.decided_at) FROM plan p WHERE p.case_id ="
	    " d.case_id), (SELECT max(r.review_date) FROM case_review r WHERE"
	    " r.case_id = d.case_id) FROM deadline d WHERE d.step = 'review' AND"
	    " d.done_at IS NULL AND NOT EXISTS (SELECT 1 FROM case_incident i"
	    " WHERE i.case_id = d.case_id AND i.reviewed_by IS NULL)", -1, &q,
	    NULL), SQLITE_OK);
	for (k = 0; sqlite3_step(q) == SQLITE_ROW; k++) {
		int64_t want = sqlite3_column_int64(q, 1), m = 0;
		int32_t rd = day((const char *)sqlite3_column_text(q, 2));

		if (rd > 0 && cal_date_midnight(rd, &m) == CAL_OK && m > want)
			want = m;
		assert_int_equal(sqlite3_column_int64(q, 0), want);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(k > 10);
	/* Overdue for more than a day: escalated since (the supervisor's
	 * "my work" has listed it); overdue since today: not yet. */
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline WHERE done_at IS"
	    " NULL AND due_at IS NOT NULL AND ((escalated_at IS NULL AND"
	    " due_at + 86400 < unixepoch() - 300) OR (escalated_at IS NOT NULL"
	    " AND (escalated_at < due_at OR escalated_at > unixepoch() OR"
	    " due_at + 86400 > unixepoch())))"), 0);
	assert_true(q1(f, "SELECT count(*) FROM deadline WHERE escalated_at IS"
	    " NOT NULL") > 0);
	/* A first contact done: its event on the timeline. */
	assert_int_equal(q1(f, "SELECT count(*) FROM deadline d WHERE d.step ="
	    " 'first_contact' AND d.done_at IS NOT NULL AND NOT EXISTS (SELECT 1"
	    " FROM case_event e WHERE e.case_id = d.case_id AND e.kind ="
	    " 'contact' AND e.at = d.done_at)"), 0);
}

/* The demo users see a living system, and the services take the next
 * step on generated cases: approve the plan waiting, approve the closure
 * waiting, record the follow-up due, accept the transfer waiting, save an
 * assessment of a screened case, record a review. */
static void
test_demo_users_work(void **state)
{
	struct fx *f = *state;
	struct demo_users u;
	struct demo_stats st;
	struct work_item *w;
	struct follow_up_item *fu;
	struct home_counts hc;
	struct svc s;
	size_t n, i;
	int64_t id, tw, over = 0;
	static const char *const statuses[] = { "registered", "screened",
		"assessment", "conference", "plan_active", "review", "closed",
		"transferred", NULL };

	demo_users(f, &u);
	assert_int_equal(gen_n(f, 31, 300, &st), 0);
	demo_actors(f, &u);
	assert_true(st.showcase >= 22);
	/* Cases of their own in every state. */
	for (i = 0; statuses[i] != NULL; i++) {
		char *sql = sqlite3_mprintf("SELECT count(*) FROM case_file WHERE"
		    " worker_id = %%lld AND status = '%s'", statuses[i]);

		assert_true(qf(f, sql, u.arta) > 0);
		assert_true(qf(f, sql, u.pmf) > 0);
		sqlite3_free(sql);
	}
	/* arta's work: something overdue, something due today; the home
	 * counts agree. */
	s = fx_svc(f, u.a_arta);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		assert_true(w[i].mine);
		over += w[i].overdue;
	}
	assert_true(over > 0);
	assert_int_equal(deadline_home_counts(&s, &hc), SVC_OK);
	assert_int_equal(hc.work.overdue, over);
	assert_true(hc.work.today > 0);
	assert_int_equal(closure_work(&s, &fu, &n, &tw), SVC_OK);
	assert_true(n > 0 && fu[0].mine);
	s = fx_svc(f, u.a_pmf);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_true(n > 0);
	/* besim: the unit's overdue steps, a transfer waiting. */
	s = fx_svc(f, u.a_besim);
	assert_int_equal(deadline_work(&s, &w, &n), SVC_OK);
	assert_true(n > 0);
	assert_int_equal(closure_work(&s, &fu, &n, &tw), SVC_OK);
	assert_true(tw > 0);
	arena_reset(f->a);
	demo_actors(f, &u);

	/* The plan waiting for besim: approved. */
	id = qf(f, "SELECT p.case_id FROM plan p JOIN case_file c ON c.id ="
	    " p.case_id WHERE p.status = 'submitted' AND c.agency_id = %lld"
	    " ORDER BY p.id LIMIT 1", u.hani);
	assert_true(id > 0);
	s = fx_svc(f, u.a_besim);
	assert_int_equal(plan_approve(&s, id, qf(f, "SELECT version FROM"
	    " case_file WHERE id = %lld", id)), SVC_OK);
	assert_int_equal(qf(f, "SELECT count(*) FROM case_file WHERE id = %lld"
	    " AND status = 'plan_active'", id), 1);
	/* The closure request waiting: approved (its reason checked again). */
	id = qf(f, "SELECT k.case_id FROM case_closure k JOIN case_file c ON"
	    " c.id = k.case_id WHERE k.status = 'requested' AND c.agency_id ="
	    " %lld ORDER BY k.id LIMIT 1", u.hani);
	assert_true(id > 0);
	assert_int_equal(closure_approve(&s, id, qf(f, "SELECT version FROM"
	    " case_file WHERE id = %lld", id)), SVC_OK);
	/* The transfer waiting for QPS-HANI: accepted. */
	id = qf(f, "SELECT id FROM case_transfer WHERE status = 'requested'"
	    " AND to_agency_id = %lld ORDER BY id LIMIT 1", u.hani);
	assert_true(id > 0);
	assert_int_equal(closure_transfer_accept(&s, id, NULL), SVC_OK);
	arena_reset(f->a);
	demo_actors(f, &u);
	/* arta: the follow-up due, an assessment of a screened case, a
	 * review of an active plan. */
	s = fx_svc(f, u.a_arta);
	id = qf(f, "SELECT k.case_id FROM case_closure k JOIN case_file c ON"
	    " c.id = k.case_id WHERE k.status = 'approved' AND"
	    " k.follow_up_result IS NULL AND k.follow_up_date <= date('now')"
	    " AND c.worker_id = %lld ORDER BY k.id LIMIT 1", u.arta);
	assert_true(id > 0);
	assert_int_equal(closure_follow_up(&s, id, "fine", "", qf(f, "SELECT"
	    " version FROM case_file WHERE id = %lld", id)), SVC_OK);
	id = qf(f, "SELECT c.id FROM case_file c WHERE c.status = 'screened'"
	    " AND c.worker_id = %lld AND NOT EXISTS (SELECT 1 FROM assessment a"
	    " WHERE a.case_id = c.id) ORDER BY c.id LIMIT 1", u.arta);
	assert_true(id > 0);
	{
		struct assessment_in in;

		memset(&in, 0, sizeof(in));
		in.text[ASM_SAFETY] = "I sigurt.";
		in.sources = "home_visit";
		in.version = qf(f, "SELECT version FROM case_file WHERE id ="
		    " %lld", id);
		assert_int_equal(assessment_save(&s, id, &in), SVC_OK);
	}
	id = qf(f, "SELECT c.id FROM case_file c WHERE c.status ="
	    " 'plan_active' AND c.worker_id = %lld AND NOT EXISTS (SELECT 1"
	    " FROM case_closure k WHERE k.case_id = c.id AND k.status ="
	    " 'requested') ORDER BY c.id LIMIT 1", u.arta);
	assert_true(id > 0);
	{
		struct review_new r;
		char d[11];
		int32_t t;

		assert_int_equal(cal_date_of(clock_now(), &t), CAL_OK);
		cal_date_format(t, d, sizeof(d));
		memset(&r, 0, sizeof(r));
		r.date = d;
		r.progress = "Mirë.";
		r.situation = "E qetë.";
		r.decision = "continue";
		r.version = qf(f, "SELECT version FROM case_file WHERE id = %lld",
		    id);
		assert_int_equal(closure_review_add(&s, id, &r, NULL), SVC_OK);
	}
}

/* Scenario 7: a boy of Graçanicë with two records (Đorđević Stefan,
 * Stefan Gjorgjeviq), same birth date and parent's name; the matcher
 * proposes one for the other and the unit's supervisor may merge them. */
static void
test_scenario7(void **state)
{
	struct fx *f = *state;
	struct demo_stats st;
	struct name_query a;
	struct name_candidate b;
	struct match_result r;
	struct child_merge_plan *plan;
	struct svc s;
	struct actor *sup;
	int64_t x, y;
	sqlite3 *db;
	sqlite3_stmt *q;

	assert_int_equal(gen_n(f, 37, 400, &st), 0);
	x = q1(f, "SELECT c.id FROM child c JOIN municipality m ON m.id ="
	    " c.municipality_id WHERE m.code = 'XK08' AND c.given_name ="
	    " 'Stefan' AND c.family_name = 'Đorđević'");
	y = q1(f, "SELECT c.id FROM child c JOIN municipality m ON m.id ="
	    " c.municipality_id WHERE m.code = 'XK08' AND c.given_name ="
	    " 'Stefan' AND c.family_name = 'Gjorgjeviq'");
	assert_true(x > 0 && y > x);
	assert_int_equal(qf(f, "SELECT count(*) FROM child a JOIN child b ON"
	    " b.id = %lld WHERE a.given_name = 'Stefan' AND a.family_name ="
	    " 'Đorđević' AND a.birth_date = b.birth_date AND a.parent_name ="
	    " b.parent_name AND a.sex = 'm'", y), 1);
	/* The first record's report copied from Serbian documents. */
	assert_int_equal(qf(f, "SELECT count(*) FROM report WHERE child_id ="
	    " %lld AND child_given = 'Стефан' AND child_family = 'Ђорђевић'",
	    x), 1);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT given_name,"
	    " family_name, parent_name, birth_date FROM child WHERE id IN (?1,"
	    " ?2) ORDER BY id", -1, &q, NULL), SQLITE_OK);
	sqlite3_bind_int64(q, 1, x);
	sqlite3_bind_int64(q, 2, y);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	a.given = arena_strdup(f->a, (const char *)sqlite3_column_text(q, 0));
	a.family = arena_strdup(f->a, (const char *)sqlite3_column_text(q, 1));
	a.parent = arena_strdup(f->a, (const char *)sqlite3_column_text(q, 2));
	a.dob = nd((const char *)sqlite3_column_text(q, 3));
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	b.child_id = y;
	b.person.given = arena_strdup(f->a, (const char *)
	    sqlite3_column_text(q, 0));
	b.person.family = arena_strdup(f->a, (const char *)
	    sqlite3_column_text(q, 1));
	b.person.parent = arena_strdup(f->a, (const char *)
	    sqlite3_column_text(q, 2));
	b.person.dob = nd((const char *)sqlite3_column_text(q, 3));
	sqlite3_finalize(q);
	sqlite3_close(db);
	assert_true(names_match_score(&a, &b, &r) >= NAMES_SCORE_LIKELY);
	/* Both with a case of QPS-XK08: its supervisor may merge them. */
	sup = fx_actor(f, q1(f, "SELECT id FROM user WHERE username ="
	    " 'sup.xk08'"));
	assert_non_null(sup);
	s = fx_svc(f, sup);
	assert_int_equal(child_merge_preview(&s, x, y, &plan), SVC_OK);
}

/* The same seed gives the same casework (codes, not instants: the clock
 * moves between the two runs). */
static void
test_deterministic_casework(void **state)
{
	struct fx *f = *state;
	struct demo_stats s1, s2;
	char *a, *b;
	const char *sig = "SELECT (SELECT group_concat(x, '|') FROM (SELECT"
	    " risk_factors || protective_factors || sources x FROM screening"
	    " ORDER BY id)) || (SELECT group_concat(x, '|') FROM (SELECT"
	    " status || measure || parents || child_part x FROM plan ORDER BY"
	    " id)) || (SELECT group_concat(x, '|') FROM (SELECT reason || status"
	    " x FROM case_closure ORDER BY id)) || (SELECT group_concat(x, '|')"
	    " FROM (SELECT name || relation x FROM caregiver ORDER BY id)) ||"
	    " (SELECT group_concat(x, '|') FROM (SELECT child_a || '-' ||"
	    " child_b x FROM child_link ORDER BY 1)) || (SELECT group_concat(x,"
	    " '|') FROM (SELECT case_id || step x FROM deadline ORDER BY id))";
	sqlite3 *db;
	sqlite3_stmt *q;

	assert_int_equal(gen(f, 41, &s1), 0);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, sig, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	a = strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	sqlite3_close(db);
	fx_teardown(state);
	assert_int_equal(fx_setup(state), 0);
	f = *state;
	assert_int_equal(gen(f, 41, &s2), 0);
	assert_int_equal(s1.plans, s2.plans);
	assert_int_equal(s1.reviews, s2.reviews);
	assert_int_equal(s1.deadlines, s2.deadlines);
	db = fx_raw(f);
	assert_int_equal(sqlite3_prepare_v2(db, sig, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	b = strdup((const char *)sqlite3_column_text(q, 0));
	assert_string_equal(a, b);
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(a);
	free(b);
}

/* Loads too small for the showcase still work. */
static void
test_small(void **state)
{
	struct fx *f = *state;
	struct demo_users u;
	struct demo_stats s;

	demo_users(f, &u);
	assert_int_equal(gen_n(f, 3, 1, &s), 0);
	assert_int_equal(s.children, 1);
	assert_int_equal(s.showcase, 0);
	assert_int_equal(gen_n(f, 4, 60, &s), 0);
	assert_int_equal(s.children, 60);
	assert_int_equal(q1(f, "SELECT count(*) FROM child"), 61);
}

/*
 * The load drops the triggers of the indicator counters and fills the
 * counters once from the tables at its end: every counter table (0017,
 * 0021, 0026) equals its recount (`rrjeti indicators check`), after a
 * first load and after a second one on top of it, and the triggers are
 * all back, so a later write keeps them exact.
 */
static void
test_counters_recount(void **state)
{
	struct fx *f = *state;
	struct demo_stats st;
	struct svc s;
	int64_t ntrg, cases;
	const char *trg = "SELECT count(*) FROM sqlite_master WHERE type ="
	    " 'trigger' AND name LIKE 'ind\\_%' ESCAPE '\\'";

	ntrg = q1(f, trg);
	assert_true(ntrg > 0);
	assert_int_equal(gen_n(f, 11, 2500, &st), 0);
	s = fx_svc(f, &f->root);
	assert_int_equal(indicator_counters_check(&s), SVC_OK);
	assert_int_equal(q1(f, trg), ntrg);
	cases = q1(f, "SELECT count(*) FROM case_file");
	assert_true(cases >= 2500);
	assert_int_equal(q1(f, "SELECT sum(n) FROM ind_new"), cases);
	assert_int_equal(q1(f, "SELECT sum(cases) FROM ind_cohort"), cases);
	assert_int_equal(q1(f, "SELECT count(*) FROM ind_case_state"), cases);
	assert_int_equal(q1(f, "SELECT count(*) FROM ind_received") > 0, 1);
	/* A counter gone wrong before a load is right after it. */
	assert_int_equal(fx_raw_exec(f, "UPDATE ind_open SET n = n + 7"), 0);
	assert_int_equal(indicator_counters_check(&s), SVC_CONFLICT);
	assert_int_equal(gen_n(f, 12, 400, &st), 0);
	assert_int_equal(indicator_counters_check(&s), SVC_OK);
	assert_int_equal(q1(f, trg), ntrg);
	/* The triggers work again: a case written afterwards is counted. */
	assert_int_equal(fx_raw_exec(f, "UPDATE case_file SET risk = 'high'"
	    " WHERE id = (SELECT min(id) FROM case_file WHERE risk = 'low'"
	    " AND status NOT IN ('closed', 'transferred'))"), 0);
	assert_int_equal(indicator_counters_check(&s), SVC_OK);
	assert_int_equal(q1(f, "SELECT sum(n) FROM ind_new"),
	    q1(f, "SELECT count(*) FROM case_file"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_children),
		cmocka_unit_test_setup_teardown(test_counts_and_invariants,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_folded_keys, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_variants_found, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_integrity, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_screening_first, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_plans, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_closure_rules, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_children_records, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_services_read, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_deadlines_agree, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_demo_users_work, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_scenario7, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_deterministic_casework,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_small, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_network_more, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_network, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_counters_recount,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
