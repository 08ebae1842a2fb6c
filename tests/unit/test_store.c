/*
 * test_store.c — the store layer (src/store/): migrations, every query id,
 * the mapping of SQLite results to store_rc, transactions, and the
 * connection settings (WAL, foreign keys). Each test opens a fresh store.
 */
#include "testutil.h"
#include "fixture.h"

#include <pthread.h>

#include "../../src/store/sql.h"
#include "../../src/util/embed.h"

/* Every migration compiled in has a number of its own: two files of one
 * number would run only the first (the migrator refuses them, this finds
 * them before a database does). */
static void
test_migration_numbers_unique(void **state)
{
	static const char dir[] = "src/store/migrations/sqlite/";
	int seen[10000] = { 0 }, num, count = 0;
	size_t i;

	(void)state;
	for (i = 0; i < embedded_count; i++) {
		if (strncmp(embedded_files[i].path, dir, sizeof(dir) - 1) != 0)
			continue;
		num = atoi(embedded_files[i].path + sizeof(dir) - 1);
		assert_true(num > 0 && num < 10000);
		if (seen[num])
			fail_msg("two migrations numbered %d", num);
		seen[num] = 1;
		count++;
	}
	assert_true(count >= 10);
}

/* A second migration run changes nothing. */
static void
test_migrate_idempotent(void **state)
{
	struct fx *f = *state;
	char err[256] = "";
	int from = -1, to = -1;

	assert_int_equal(f->migrated_from, 0);
	assert_true(f->migrated_to >= 1);
	assert_int_equal(store_migrate(f->st, &from, &to, err, sizeof(err)),
	    STORE_OK);
	assert_int_equal(from, f->migrated_to);
	assert_int_equal(to, f->migrated_to);
	assert_int_equal(fx_raw_int(f, "PRAGMA user_version"), to);
}

/* Reopening a migrated file and migrating again also changes nothing. */
static void
test_migrate_after_reopen(void **state)
{
	struct fx *f = *state;
	struct store *st;
	char err[256] = "";
	int from = -1, to = -1;

	st = store_open(f->db, err, sizeof(err));
	assert_non_null(st);
	assert_int_equal(store_migrate(st, &from, &to, err, sizeof(err)),
	    STORE_OK);
	assert_int_equal(from, to);
	store_close(st);
}

/* Every query id has SQL and a name. */
static void
test_sql_table_complete(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < Q__MAX; i++) {
		assert_non_null(sql_sqlite[i]);
		assert_true(sql_sqlite[i][0] != '\0');
		assert_string_not_equal(query_name((enum qid)i), "?");
	}
	assert_string_equal(query_name(Q__MAX), "?");
	assert_string_equal(query_name((enum qid)-1), "?");
}

/* The most parameters of a query (the import's many-row INSERT). */
#define QMAXP	(IMPORT_PROF_BATCH * IMPORT_PROF_COLS)

/*
 * Every query id prepares on the migrated schema and runs with as many
 * parameters as it declares (all NULL, then all the integer 1), inside a
 * transaction that is rolled back: the result is OK, NOTFOUND (must-touch)
 * or CONFLICT (a NOT NULL or CHECK), never ERROR. NULL is not allowed in a
 * LIMIT, so queries with one take only the second pass.
 */
static void
test_every_query_runs(void **state)
{
	struct fx *f = *state;
	struct sp p[QMAXP];
	sqlite3 *db;
	sqlite3_stmt *s;
	enum store_rc rc;
	size_t i, k;
	int n;

	db = fx_raw(f);
	assert_non_null(db);
	for (i = 0; i < 2 * (size_t)Q__MAX; i++) {
		for (k = 0; k < QMAXP; k++)
			p[k] = i < Q__MAX ? sp_null() : sp_int(1);
		if (i < Q__MAX && strstr(sql_sqlite[i], "LIMIT ?") != NULL)
			continue;
		s = NULL;
		if (sqlite3_prepare_v2(db, sql_sqlite[i % Q__MAX], -1, &s, NULL)
		    != SQLITE_OK)
			fail_msg("%s does not prepare: %s",
			    query_name((enum qid)(i % Q__MAX)), sqlite3_errmsg(db));
		n = sqlite3_bind_parameter_count(s);
		sqlite3_finalize(s);
		assert_true(n <= QMAXP);
		assert_int_equal(store_begin(f->st, 1), STORE_OK);
		rc = store_exec(f->st, (enum qid)(i % Q__MAX), p, (size_t)n, NULL,
		    NULL, NULL);
		if (rc != STORE_OK && rc != STORE_NOTFOUND && rc != STORE_CONFLICT)
			fail_msg("%s: %s", query_name((enum qid)(i % Q__MAX)),
			    store_rc_str(rc));
		if (rc == STORE_NOTFOUND)
			assert_true(query_must_touch((enum qid)(i % Q__MAX)));
		assert_int_equal(store_rollback(f->st), STORE_OK);
	}
	sqlite3_close(db);
}

/* The result columns that the services read by enum match the SQL. */
static void
test_result_columns(void **state)
{
	static const struct {
		enum qid	 q;
		int		 cols;
	} want[] = {
		{ Q_USER_GET, AC__MAX },
		{ Q_USER_LIST, AC__MAX },
		{ Q_USER_BY_NAME, AC__MAX + 3 },
		{ Q_SESSION_GET, AC__MAX + 4 },
		{ Q_TOKEN_GET, AC__MAX + 3 },
		{ Q_AGENCY_GET, AG__MAX },
		{ Q_AGENCY_BY_CODE, AG__MAX },
		{ Q_AGENCY_LIST, AG__MAX },
		{ Q_AUDIT_SCAN, AU__MAX + 2 },
		{ Q_AUDIT_SEARCH, AU__MAX },
		{ Q_MUNI_LIST, 8 },
		{ Q_POP_LIST, 8 },
		{ Q_TOKEN_LIST, 6 },
	};
	struct fx *f = *state;
	sqlite3 *db = fx_raw(f);
	sqlite3_stmt *s;
	size_t i;

	assert_non_null(db);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		s = NULL;
		assert_int_equal(sqlite3_prepare_v2(db, sql_sqlite[want[i].q], -1,
		    &s, NULL), SQLITE_OK);
		if (sqlite3_column_count(s) != want[i].cols)
			fail_msg("%s: %d columns, the enums say %d",
			    query_name(want[i].q), sqlite3_column_count(s),
			    want[i].cols);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
}

/* Too few or too many parameters: an error, not a silent NULL. */
static void
test_param_count_mismatch(void **state)
{
	struct fx *f = *state;
	struct sp p[] = { sp_text("a"), sp_text("b"), sp_text("c") };

	assert_int_equal(store_exec(f->st, Q_META_SET, p, 1, NULL, NULL, NULL),
	    STORE_ERROR);
	assert_int_equal(store_exec(f->st, Q_META_SET, p, 3, NULL, NULL, NULL),
	    STORE_ERROR);
	assert_int_equal(store_exec(f->st, Q_PING, p, 1, NULL, NULL, NULL),
	    STORE_ERROR);
	/* Nothing was written by the failed calls. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM meta"), 0);
}

static void
test_unknown_query_id(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_exec(f->st, Q__MAX, NULL, 0, NULL, NULL, NULL),
	    STORE_ERROR);
}

/* A unique constraint is a conflict. */
static void
test_unique_conflict(void **state)
{
	struct fx *f = *state;
	struct sp p[] = { sp_text("X1"), sp_text("n"), sp_text("police"),
	    sp_null(), sp_text("XK"), sp_int(1) };

	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
}

/* A CHECK constraint is a conflict too. */
static void
test_check_conflict(void **state)
{
	struct fx *f = *state;
	struct sp p[] = { sp_text("X2"), sp_text("n"), sp_text("bakery"),
	    sp_null(), sp_text("XK"), sp_int(1) };

	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
}

/* Foreign keys are enforced on the store's connections. */
static void
test_foreign_keys_on(void **state)
{
	struct fx *f = *state;
	struct sp p[] = { sp_int(999999), sp_text("t"), sp_int(1) };
	struct sp q[] = { sp_text("X3"), sp_text("n"), sp_text("police"),
	    sp_int(999999), sp_text("XK"), sp_int(1) };

	assert_int_equal(store_exec(f->st, Q_TEAM_INSERT, p, 3, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, q, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM team"), 0);
}

/* The file is in WAL mode. */
static void
test_wal_mode(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = fx_raw(f);
	sqlite3_stmt *s = NULL;

	assert_non_null(db);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* A must-touch update of a missing row is NOTFOUND; one that is not
 * must-touch is OK with no change. */
static void
test_must_touch(void **state)
{
	struct fx *f = *state;
	struct sp up[] = { sp_int(424242), sp_text("x"), sp_text("police"),
	    sp_null(), sp_int(1) };
	struct sp lang[] = { sp_int(424242), sp_text("en") };
	struct sp rev[] = { sp_int(424242), sp_int(1), sp_int(1) };
	struct sp fail[] = { sp_int(424242), sp_int(1), sp_int(0) };
	int64_t ch = -1;

	assert_int_equal(store_exec(f->st, Q_AGENCY_UPDATE, up, 5, NULL, NULL,
	    &ch), STORE_NOTFOUND);
	assert_int_equal(ch, 0);
	assert_int_equal(store_exec(f->st, Q_USER_SET_LANG, lang, 2, NULL, NULL,
	    NULL), STORE_NOTFOUND);
	assert_int_equal(store_exec(f->st, Q_TOKEN_REVOKE, rev, 3, NULL, NULL,
	    NULL), STORE_NOTFOUND);
	assert_int_equal(store_exec(f->st, Q_USER_LOGIN_FAIL, fail, 3, NULL,
	    NULL, NULL), STORE_OK);
	assert_true(query_must_touch(Q_USER_UPDATE));
	assert_true(query_must_touch(Q_USER_SET_PW));
	assert_false(query_must_touch(Q_PING));
}

/* A must-touch update that does touch a row is OK and counts it. */
static void
test_must_touch_found(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_agency(f, "QPS-X", AGENCY_SOCIAL_WORK, "XK09", NULL);
	struct sp up[] = { sp_int(id), sp_text("new"), sp_text("police"),
	    sp_int(fx_muni(f, "XK09")), sp_int(1) };
	int64_t ch = 0;

	assert_true(id > 0);
	assert_int_equal(store_exec(f->st, Q_AGENCY_UPDATE, up, 5, NULL, NULL,
	    &ch), STORE_OK);
	assert_int_equal(ch, 1);
}

static int
meta_cb(void *arg, const struct store_row *r)
{
	snprintf(arg, 64, "%s", srow_text(r, 0));
	return 0;
}

/* A rolled-back transaction leaves nothing. */
static void
test_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct sp set[] = { sp_text("k"), sp_text("v") };
	struct sp get[] = { sp_text("k") };
	char v[64] = "";

	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_GET, get, 1, meta_cb, v,
	    NULL), STORE_OK);
	assert_string_equal(v, "v");	/* visible inside */
	assert_int_equal(store_rollback(f->st), STORE_OK);
	v[0] = '\0';
	assert_int_equal(store_exec(f->st, Q_META_GET, get, 1, meta_cb, v,
	    NULL), STORE_OK);
	assert_string_equal(v, "");
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM meta"), 0);
}

/* A committed one stays; rollback outside a transaction is harmless. */
static void
test_commit_keeps(void **state)
{
	struct fx *f = *state;
	struct sp set[] = { sp_text("k"), sp_text("v") };

	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM meta"), 1);
}

/*
 * A read scope (store_read_begin): its reads share one snapshot; a write in
 * it, in the caller's transaction or a bare writing statement, works even
 * when another connection wrote after the snapshot was taken (no upgrade
 * of a stale read transaction), and later reads see the newest data.
 */
/* The value of key as this thread's connection reads it ("" when none). */
static const char *
meta_of(struct fx *f, const char *key, char *v)
{
	struct sp get[] = { sp_text(key) };

	v[0] = '\0';
	assert_int_equal(store_exec(f->st, Q_META_GET, get, 1, meta_cb, v,
	    NULL), STORE_OK);
	return v;
}

static void
test_read_scope(void **state)
{
	struct fx *f = *state;
	struct sp set[] = { sp_text("a"), sp_text("1") };
	struct sp set2[] = { sp_text("b"), sp_text("2") };
	char v[64];

	assert_int_equal(fx_raw_exec(f, "INSERT INTO meta VALUES ('x', 'y')"),
	    SQLITE_OK);
	store_read_begin(f->st);
	assert_string_equal(meta_of(f, "x", v), "y");
	/* Another connection writes: the scope still reads its snapshot. */
	assert_int_equal(fx_raw_exec(f, "INSERT INTO meta VALUES ('z', 'y')"),
	    SQLITE_OK);
	assert_string_equal(meta_of(f, "z", v), "");
	/* A bare write on a stale snapshot: no BUSY, and then the newest. */
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_string_equal(meta_of(f, "z", v), "y");
	assert_string_equal(meta_of(f, "a", v), "1");
	/* The caller's own transaction inside the scope, on a stale
	 * snapshot again; nesting refused without harm to it; commit and
	 * rollback keep their meaning. */
	assert_int_equal(fx_raw_exec(f, "DELETE FROM meta WHERE key = 'x'"),
	    SQLITE_OK);
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_not_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_not_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	assert_string_equal(meta_of(f, "b", v), "2");
	assert_string_equal(meta_of(f, "x", v), "");
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM meta"), 3);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	store_read_end(f->st);
	store_read_end(f->st);	/* twice: harmless */
	/* Out of the scope nothing is left open: another connection can
	 * take the write lock at once. */
	assert_int_equal(fx_raw_exec(f, "BEGIN IMMEDIATE; DELETE FROM meta;"
	    " COMMIT"), SQLITE_OK);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM meta"), 0);
	assert_string_equal(meta_of(f, "a", v), "");
}

/*
 * The must-touch flag of every domain's queries (regression: store.c built
 * its table from the first six domains' lists only, so the later domains'
 * version-checked writes never answered NOTFOUND on a stale version).
 */
static void
test_must_touch_every_domain(void **state)
{
	struct fx *f = *state;
	static const unsigned char want[Q__MAX] = {
#define Q(id, must_touch) [id] = must_touch,
#include "../../src/store/queries_all.h"
#undef Q
	};
	struct sp p[] = { sp_int(999999), sp_int(999998) };
	size_t i, n = 0;

	for (i = 0; i < Q__MAX; i++) {
		assert_int_equal(query_must_touch((enum qid)i), want[i]);
		n += want[i];
	}
	assert_true(n > 20);
	assert_int_equal(query_must_touch(Q_CL_SET_REOPENED_FROM), 1);
	/* And through store_exec(): a write that touches nothing. */
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_CL_SET_REOPENED_FROM, p, 2, NULL,
	    NULL, NULL), STORE_NOTFOUND);
	assert_int_equal(store_rollback(f->st), STORE_OK);
}

/* Transactions do not nest. */
static void
test_no_nested_begin(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_not_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	assert_int_not_equal(store_commit(f->st), STORE_OK);
}

/* While another connection holds the write lock, the store waits its busy
 * timeout (5 s) and then reports BUSY, not an error. */
static void
test_locked_is_busy(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = fx_raw(f);

	assert_non_null(db);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(store_begin(f->st, 1), STORE_BUSY);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
}

/* Early stop from the callback is not an error, and the statement is
 * reset so the next call works. */
static int
stop_cb(void *arg, const struct store_row *r)
{
	(*(int *)arg)++;
	return 1;
}

static void
test_callback_stop(void **state)
{
	struct fx *f = *state;
	int n = 0;

	assert_int_equal(store_exec(f->st, Q_MUNI_LIST, NULL, 0, stop_cb, &n,
	    NULL), STORE_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_exec(f->st, Q_MUNI_LIST, NULL, 0, stop_cb, &n,
	    NULL), STORE_OK);
	assert_int_equal(n, 1);
}

/* Text with an embedded quote or SQL is stored as it is (parameters). */
static void
test_text_is_parameter(void **state)
{
	struct fx *f = *state;
	const char *v = "x'); DROP TABLE meta; --";
	struct sp set[] = { sp_text("k"), sp_text(v) };
	struct sp get[] = { sp_text("k") };
	char out[64] = "";

	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_GET, get, 1, meta_cb, out,
	    NULL), STORE_OK);
	assert_string_equal(out, v);
}

/* Each thread has its own connection; store_thread_end closes it. */
struct thr {
	struct store	*st;
	enum store_rc	 rc;
	int64_t		 one;
};

static void *
thr_main(void *arg)
{
	struct thr *t = arg;

	t->rc = store_exec(t->st, Q_PING, NULL, 0, store_cb_int, &t->one, NULL);
	store_thread_end(t->st);
	return NULL;
}

static void
test_thread_connection(void **state)
{
	struct fx *f = *state;
	struct thr t = { f->st, STORE_ERROR, 0 };
	pthread_t th;

	assert_int_equal(pthread_create(&th, NULL, thr_main, &t), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(t.rc, STORE_OK);
	assert_int_equal(t.one, 1);
}

/* An unwritable place fails at open, with a message naming it. */
static void
test_open_unwritable(void **state)
{
	char err[256] = "";

	(void)state;
	log_quiet(1);
	assert_null(store_open("/nonexistent-rrjeti-dir/sub/x.db", err,
	    sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent-rrjeti-dir/sub/x.db"));
}

/* A directory is not a database. */
static void
test_open_directory(void **state)
{
	struct fx *f = *state;
	char err[256] = "";

	assert_null(store_open(f->dir, err, sizeof(err)));
	assert_true(err[0] != '\0');
}

/* A file that is not SQLite fails at open (the pragmas read it). */
static void
test_open_garbage_file(void **state)
{
	struct fx *f = *state;
	char path[400], err[256] = "";
	FILE *fp;

	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("this is not an SQLite database, not even a little bit: "
	    "................................................................."
	    ".................................................................",
	    fp);
	fclose(fp);
	assert_null(store_open(path, err, sizeof(err)));
	assert_true(err[0] != '\0');
}

/* postgresql:// is refused plainly while that backend is absent. */
static void
test_open_postgresql_absent(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(store_open("postgresql://app@localhost/rrjeti", err,
	    sizeof(err)));
	assert_non_null(strstr(err, "PostgreSQL"));
	err[0] = '\0';
	assert_null(store_open("postgres://app@localhost/rrjeti", err,
	    sizeof(err)));
	assert_non_null(strstr(err, "PostgreSQL"));
}

static void
test_rc_names(void **state)
{
	(void)state;
	assert_string_equal(store_rc_str(STORE_OK), "ok");
	assert_string_equal(store_rc_str(STORE_CONFLICT), "conflict");
	assert_string_equal(store_rc_str(STORE__MAX), "?");
	assert_string_equal(store_rc_str((enum store_rc)-1), "?");
}

/* store_close(NULL) does nothing. */
static void
test_close_null(void **state)
{
	(void)state;
	store_close(NULL);
}

/* The reference data is loaded once: loading again keeps the counts. */
static void
test_ref_load_twice(void **state)
{
	struct fx *f = *state;
	char err[256];

	assert_int_equal(ref_load(f->st, err, sizeof(err)), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality"), 99);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM concern"), 21);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM country"), 2);
}

#define T(x) cmocka_unit_test_setup_teardown(x, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_migrate_idempotent),
		T(test_migrate_after_reopen),
		cmocka_unit_test(test_sql_table_complete),
		cmocka_unit_test(test_migration_numbers_unique),
		T(test_every_query_runs),
		T(test_result_columns),
		T(test_param_count_mismatch),
		T(test_unknown_query_id),
		T(test_unique_conflict),
		T(test_check_conflict),
		T(test_foreign_keys_on),
		T(test_wal_mode),
		T(test_must_touch),
		T(test_must_touch_found),
		T(test_rollback_leaves_nothing),
		T(test_commit_keeps),
		T(test_no_nested_begin),
		T(test_locked_is_busy),
		T(test_callback_stop),
		T(test_text_is_parameter),
		T(test_thread_connection),
		cmocka_unit_test(test_open_unwritable),
		T(test_open_directory),
		T(test_open_garbage_file),
		cmocka_unit_test(test_open_postgresql_absent),
		cmocka_unit_test(test_rc_names),
		cmocka_unit_test(test_close_null),
		T(test_ref_load_twice),
		T(test_read_scope),
		T(test_must_touch_every_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
