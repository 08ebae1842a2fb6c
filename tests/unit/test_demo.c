/*
 * test_demo.c — the synthetic data generator (src/cli/demo.c): counts, the
 * invariants the services keep (one primary concern, case numbers, folded
 * keys, trigram rows, latest risk), determinism for a seed, and variant
 * spellings that the matcher finds.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/cli/demo.h"
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
	/* About 5 events per child, 4-5 per case. */
	assert_true(s.events > 4 * N && s.events < 7 * N);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
