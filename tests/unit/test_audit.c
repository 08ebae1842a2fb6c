/*
 * test_audit.c — the append-only, hash-chained audit trail (src/audit/).
 * The attacks are made as someone with the database file would make them:
 * a raw SQLite connection that first drops the triggers.
 */
#include "testutil.h"
#include "fixture.h"

#include <inttypes.h>
#include <pthread.h>

/* Appends n rows, each in its own write transaction. */
static void
add_rows(struct fx *f, int n)
{
	char d[32];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(d, sizeof(d), "n=%d", i);
		assert_int_equal(audit_record_tx(f->st, &f->root, NULL, "test.row",
		    "thing", i + 1, d), STORE_OK);
	}
}

static int64_t
max_id(struct fx *f)
{
	return fx_raw_int(f, "SELECT max(id) FROM audit");
}

static void
test_chain_intact(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int64_t before = fx_raw_int(f, "SELECT count(*) FROM audit");

	add_rows(f, 30);
	assert_int_equal(audit_verify(f->st, &c), 0);
	assert_int_equal(c.rows, before + 30);
	assert_int_equal(c.bad_id, 0);
}

/* The empty trail (no row ever written) is intact. */
static void
test_empty_intact(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	struct store *st;
	char path[400], err[256];
	int from, to;

	snprintf(path, sizeof(path), "%s/empty.db", f->dir);
	st = store_open(path, err, sizeof(err));
	assert_non_null(st);
	assert_int_equal(store_migrate(st, &from, &to, err, sizeof(err)),
	    STORE_OK);
	assert_int_equal(audit_verify(st, &c), 0);
	assert_int_equal(c.rows, 0);
	store_close(st);
}

/* The stored hash is the documented function of the row. */
static void
test_hash_matches_row(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	sqlite3_stmt *s = NULL;
	char h[65];

	add_rows(f, 2);
	db = fx_raw(f);
	assert_non_null(db);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT prev_hash, at, "
	    "coalesce(actor_id, 0), actor, action, object_type, "
	    "coalesce(object_id, 0), client, detail, hash FROM audit "
	    "ORDER BY id DESC LIMIT 1", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	audit_hash((const char *)sqlite3_column_text(s, 0),
	    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
	    (const char *)sqlite3_column_text(s, 3),
	    (const char *)sqlite3_column_text(s, 4),
	    (const char *)sqlite3_column_text(s, 5),
	    sqlite3_column_int64(s, 6), (const char *)sqlite3_column_text(s, 7),
	    (const char *)sqlite3_column_text(s, 8), h);
	assert_string_equal(h, (const char *)sqlite3_column_text(s, 9));
	assert_string_equal((const char *)sqlite3_column_text(s, 3), "root");
	assert_string_equal((const char *)sqlite3_column_text(s, 7), "test");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* Field boundaries are part of the hash: moving a byte from one field to
 * the next changes it. */
static void
test_hash_field_boundaries(void **state)
{
	char a[65], b[65];

	(void)state;
	audit_hash("0", 1, 2, "ab", "c", "o", 3, "cl", "d", a);
	audit_hash("0", 1, 2, "a", "bc", "o", 3, "cl", "d", b);
	assert_string_not_equal(a, b);
	audit_hash("0", 1, 2, "a", "bc", "o", 3, "cl", "d", a);
	assert_string_equal(a, b);
	audit_hash("0", 12, 2, "a", "bc", "o", 3, "cl", "d", a);
	audit_hash("0", 1, 22, "a", "bc", "o", 3, "cl", "d", b);
	assert_string_not_equal(a, b);
}

/* UPDATE and DELETE through SQL are refused by the triggers. */
static void
test_triggers_refuse(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	struct audit_check c;

	add_rows(f, 3);
	db = fx_raw(f);
	assert_non_null(db);
	assert_int_equal(sqlite3_exec(db, "UPDATE audit SET detail = 'x'",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_equal(sqlite3_exec(db, "DELETE FROM audit WHERE id = 2",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM audit",
	    NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(db);
	assert_int_equal(audit_verify(f->st, &c), 0);
}

/* A changed detail is found at that row. */
static void
test_changed_row_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int64_t target;
	char sql[256];

	add_rows(f, 10);
	target = max_id(f) - 5;
	snprintf(sql, sizeof(sql), "DROP TRIGGER audit_no_update;"
	    "UPDATE audit SET detail = 'nothing happened' WHERE id = %" PRId64,
	    target);
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, target);
	assert_non_null(strstr(c.reason, "changed"));
}

/* Any field counts: the time, the actor, the object id. */
static void
test_changed_fields_detected(void **state)
{
	static const char *const sets[] = {
		"at = at - 3600", "actor = 'someone else'", "actor_id = 77",
		"action = 'test.other'", "object_type = 'other'",
		"object_id = object_id + 1", "client = '10.0.0.1'",
	};
	struct fx *f = *state;
	struct audit_check c;
	char sql[256];
	size_t i;
	int64_t target;

	add_rows(f, 4);
	target = max_id(f) - 1;
	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_update;"
	    "DROP TRIGGER audit_no_delete"), SQLITE_OK);
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS keep AS "
		    "SELECT * FROM audit WHERE id = %" PRId64 ";"
		    "UPDATE audit SET %s WHERE id = %" PRId64, target, sets[i],
		    target);
		assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
		assert_int_equal(audit_verify(f->st, &c), 1);
		if (c.bad_id != target)
			fail_msg("%s: bad id %" PRId64, sets[i], c.bad_id);
		/* Put the row back as it was. */
		snprintf(sql, sizeof(sql), "DELETE FROM audit WHERE id = %" PRId64
		    "; INSERT INTO audit SELECT * FROM keep; DROP TABLE keep",
		    target);
		assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
		assert_int_equal(audit_verify(f->st, &c), 0);
	}
}

/* A deleted middle row is found at the next id. */
static void
test_deleted_middle_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int64_t target;
	char sql[256];

	add_rows(f, 10);
	target = max_id(f) - 4;
	snprintf(sql, sizeof(sql), "DROP TRIGGER audit_no_delete;"
	    "DELETE FROM audit WHERE id = %" PRId64, target);
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, target + 1);
}

/* The first row deleted: the second no longer follows the genesis. */
static void
test_deleted_first_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;

	add_rows(f, 3);
	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_delete;"
	    "DELETE FROM audit WHERE id = (SELECT min(id) FROM audit)"),
	    SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, 2);
}

/* The last rows deleted are found through the id sequence. */
static void
test_deleted_tail_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int64_t last;
	char sql[256];

	add_rows(f, 10);
	last = max_id(f);
	snprintf(sql, sizeof(sql), "DROP TRIGGER audit_no_delete;"
	    "DELETE FROM audit WHERE id > %" PRId64, last - 3);
	assert_int_equal(fx_raw_exec(f, sql), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, last - 2);
	assert_non_null(strstr(c.reason, "deleted"));
}

/* Everything deleted is found too. */
static void
test_deleted_all_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;

	add_rows(f, 3);
	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_delete;"
	    "DELETE FROM audit"), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, 1);
}

/* A row inserted in the middle of the chain (a forged entry with a free
 * id) is found. */
static void
test_inserted_row_detected(void **state)
{
	struct fx *f = *state;
	struct audit_check c;

	add_rows(f, 3);
	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_update;"
	    "UPDATE audit SET id = id + 100 WHERE id = (SELECT max(id) FROM audit);"
	    "INSERT INTO audit (id, at, actor_id, actor, action, object_type,"
	    " object_id, client, detail, prev_hash, hash) SELECT max(id) + 1, 0,"
	    " 0, 'x', 'x', 'x', 0, '', '', hash, hash FROM audit WHERE id < 100"),
	    SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
}

/* Rows written without a transaction still chain (each statement is its
 * own transaction). */
static void
test_record_outside_tx(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(audit_record(f->st, NULL, "anon", "test.loose",
		    "thing", 0, NULL), STORE_OK);
	assert_int_equal(audit_verify(f->st, &c), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE "
	    "actor = 'anon' AND detail = '' AND object_id IS NULL"), 5);
}

/* A rolled-back transaction takes its audit rows with it, and the chain
 * goes on from the last committed row. */
static void
test_rollback_takes_rows(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int64_t before = fx_raw_int(f, "SELECT count(*) FROM audit");

	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(audit_record(f->st, &f->root, NULL, "test.gone",
	    "thing", 1, ""), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	add_rows(f, 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit"), before + 1);
	assert_int_equal(audit_verify(f->st, &c), 0);
}

/* Two threads appending at once (each its own connection) keep one chain. */
struct writer {
	struct store	*st;
	const struct actor *a;
	int		 fails;
};

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	int i;

	for (i = 0; i < 40; i++)
		if (audit_record_tx(w->st, w->a, NULL, "test.thread", "thing",
		    i + 1, "") != STORE_OK)
			w->fails++;
	store_thread_end(w->st);
	return NULL;
}

static void
test_concurrent_writers(void **state)
{
	struct fx *f = *state;
	struct writer w[3];
	pthread_t th[3];
	struct audit_check c;
	int i;

	for (i = 0; i < 3; i++) {
		w[i].st = f->st;
		w[i].a = &f->root;
		w[i].fails = 0;
		assert_int_equal(pthread_create(&th[i], NULL, writer_main, &w[i]),
		    0);
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(w[i].fails, 0);
	}
	assert_int_equal(audit_verify(f->st, &c), 0);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM audit WHERE "
	    "action = 'test.thread'"), 120);
}

/* More rows than one page of the verifier (10,000): intact, and a change
 * on the second page is found. */
static void
test_verify_pages(void **state)
{
	struct fx *f = *state;
	struct audit_check c;
	int i;

	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	for (i = 0; i < 10050; i++)
		assert_int_equal(audit_record(f->st, NULL, "bulk", "test.bulk",
		    "thing", i, ""), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(audit_verify(f->st, &c), 0);
	assert_true(c.rows > 10050);
	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_update;"
	    "UPDATE audit SET detail = 'x' WHERE id = 10020"), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), 1);
	assert_int_equal(c.bad_id, 10020);
}

/* A store error is -1, not "intact". */
static void
test_verify_store_error(void **state)
{
	struct fx *f = *state;
	struct audit_check c;

	assert_int_equal(fx_raw_exec(f, "DROP TRIGGER audit_no_update;"
	    "DROP TRIGGER audit_no_delete; DROP TABLE audit"), SQLITE_OK);
	assert_int_equal(audit_verify(f->st, &c), -1);
}

#define T(x) cmocka_unit_test_setup_teardown(x, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chain_intact),
		T(test_empty_intact),
		T(test_hash_matches_row),
		cmocka_unit_test(test_hash_field_boundaries),
		T(test_triggers_refuse),
		T(test_changed_row_detected),
		T(test_changed_fields_detected),
		T(test_deleted_middle_detected),
		T(test_deleted_first_detected),
		T(test_deleted_tail_detected),
		T(test_deleted_all_detected),
		T(test_inserted_row_detected),
		T(test_record_outside_tx),
		T(test_rollback_takes_rows),
		T(test_concurrent_writers),
		T(test_verify_pages),
		T(test_verify_store_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
