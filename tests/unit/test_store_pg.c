/*
 * test_store_pg.c — the PostgreSQL backend (src/store/store_pgsql.c,
 * sql_pgsql.c, migrations/pgsql/): the translation of the SQLite text
 * (always), and, on a real server named by RRJETI_TEST_PG (scripts/pg.sh
 * run starts a throw-away one), the migrations, every query id prepared,
 * the mapping of errors to store_rc, transactions, the write lock and the
 * read scope. Without RRJETI_TEST_PG the server tests say "skipped".
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "../../src/store/sql_pgsql.h"
#include "../../src/store/store.h"
#include "../../src/store/store_pgsql.h"
#include "../../src/util/embed.h"

static const char *url;

/* ---- the translation (no server) ---- */

static void
check_tr(const char *in, const char *want, int nparams)
{
	char *out;
	int n = -1;

	out = sql_pgsql_translate(in, &n);
	assert_non_null(out);
	if (strcmp(out, want) != 0)
		fail_msg("translate: %s\n got: %s\nwant: %s", in, out, want);
	assert_int_equal(n, nparams);
	free(out);
}

static void
test_translate_params(void **state)
{
	(void)state;
	check_tr("SELECT ?1, ?2 WHERE a = ?1", "SELECT $1, $2 WHERE a = $1", 2);
	check_tr("SELECT ?, ?", "SELECT $1, $2", 2);
	/* Named ones are numbered in order of first use, as SQLite does. */
	check_tr("SELECT :now, :a, :now", "SELECT $1, $2, $1", 2);
	check_tr("SELECT ?3", "SELECT $3", 3);
	/* Not in literals. */
	check_tr("SELECT '?1 :x', \"?\"", "SELECT '?1 :x', \"?\"", 0);
	check_tr("SELECT 'it''s ?1'", "SELECT 'it''s ?1'", 0);
}

static void
test_translate_words(void **state)
{
	(void)state;
	check_tr("SELECT u.id FROM user u JOIN user_x x ON x.user_id = u.id",
	    "SELECT u.id FROM \"user\" u JOIN user_x x ON x.user_id = u.id", 0);
	check_tr("UPDATE user SET a = 1", "UPDATE \"user\" SET a = 1", 0);
	check_tr("SELECT 'user'", "SELECT 'user'", 0);
	check_tr("WHERE a LIKE ?1 || '%'", "WHERE a ILIKE $1 || '%'", 1);
	check_tr("WHERE a NOT GLOB '*[^a-z]*'",
	    "WHERE a NOT SIMILAR TO '%[^a-z]%'", 0);
	check_tr("WHERE a GLOB '?x*'", "WHERE a SIMILAR TO '_x%'", 0);
	check_tr("SELECT CAST(x AS INTEGER)", "SELECT CAST(x AS BIGINT)", 0);
}

static void
test_translate_functions(void **state)
{
	(void)state;
	check_tr("SELECT group_concat(code, ',') FROM t",
	    "SELECT string_agg(CAST(code AS TEXT), ',') FROM t", 0);
	check_tr("SELECT group_concat(DISTINCT a.id) FROM t",
	    "SELECT string_agg(DISTINCT CAST(a.id AS TEXT), ',') FROM t", 0);
	check_tr("SELECT group_concat(f(a, b), ?1)",
	    "SELECT string_agg(CAST(f(a, b) AS TEXT), $1)", 1);
	check_tr("SET t = max(t, ?2), m = max(id)",
	    "SET t = greatest(t, $2), m = max(id)", 2);
	check_tr("SELECT min(a, b), min(c)", "SELECT least(a, b), min(c)", 0);
	check_tr("INSERT OR IGNORE INTO t (a) VALUES (?1)",
	    "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING", 1);
	check_tr("INSERT OR IGNORE INTO t (a) VALUES (?1) RETURNING id",
	    "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id",
	    1);
	/* Not at the start: refused rather than guessed. */
	assert_null(sql_pgsql_translate("WITH x AS (SELECT 1) "
	    "INSERT OR IGNORE INTO t SELECT * FROM x", NULL));
	assert_null(sql_pgsql_translate("SELECT ?99999", NULL));
}

/* Every query id has PostgreSQL text. */
static void
test_every_query_has_text(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < Q__MAX; i++)
		if (store_pgsql_sql((enum qid)i) == NULL)
			fail_msg("%s has no PostgreSQL text",
			    query_name((enum qid)i));
}

/* Every SQLite migration has its PostgreSQL form of the same number, and
 * no PostgreSQL one is left without its SQLite original. */
static void
test_migrations_paired(void **state)
{
	static const char sq[] = "src/store/migrations/sqlite/";
	static const char pg[] = "src/store/migrations/pgsql/";
	char seen[10000] = { 0 };
	size_t i;
	int num, missing = 0;

	(void)state;
	for (i = 0; i < embedded_count; i++) {
		if (strncmp(embedded_files[i].path, sq, sizeof(sq) - 1) == 0)
			seen[atoi(embedded_files[i].path + sizeof(sq) - 1)] |= 1;
		if (strncmp(embedded_files[i].path, pg, sizeof(pg) - 1) == 0)
			seen[atoi(embedded_files[i].path + sizeof(pg) - 1)] |= 2;
	}
	for (num = 1; num < 10000; num++) {
		if (seen[num] == 0 || seen[num] == 3)
			continue;
		printf("migration %04d: %s\n", num, seen[num] == 1 ?
		    "no PostgreSQL form" : "no SQLite original");
		missing++;
	}
	assert_int_equal(missing, 0);
}

/* ---- on a server ---- */

static int
skip_without_server(void)
{
	if (url != NULL)
		return 0;
	skip();
	return 1;
}

/* A clean database: the public schema dropped and made again. */
static int
reset_db(void)
{
	PGconn *db = PQconnectdb(url);
	PGresult *r;
	int ok;

	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(db));
		PQfinish(db);
		return -1;
	}
	r = PQexec(db, "SET client_min_messages = warning;"
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "%s", PQerrorMessage(db));
	PQclear(r);
	PQfinish(db);
	return ok ? 0 : -1;
}

/* One value from a separate connection (another node, say). */
static int64_t
raw_int(const char *sql)
{
	PGconn *db = PQconnectdb(url);
	PGresult *r = PQexec(db, sql);
	int64_t v = -1;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(db));
	PQclear(r);
	PQfinish(db);
	return v;
}

struct pf {
	struct store	*st;
	int		 from, to;
};

static int
pg_setup(void **state)
{
	struct pf *f;
	char err[512] = "";

	if (url == NULL) {
		*state = NULL;
		return 0;
	}
	if (reset_db() != 0 || (f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	if ((f->st = store_open(url, err, sizeof(err))) == NULL) {
		fprintf(stderr, "store_open: %s\n", err);
		free(f);
		return -1;
	}
	if (store_migrate(f->st, &f->from, &f->to, err, sizeof(err)) !=
	    STORE_OK) {
		fprintf(stderr, "migrate: %s\n", err);
		store_close(f->st);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
pg_teardown(void **state)
{
	struct pf *f = *state;

	if (f != NULL) {
		store_close(f->st);
		free(f);
	}
	return 0;
}

static void
test_migrate(void **state)
{
	struct pf *f = *state;
	char err[256] = "";
	int from = -1, to = -1, cur = -1, latest = -1;

	if (skip_without_server())
		return;
	assert_int_equal(f->from, 0);
	assert_true(f->to >= 19);
	assert_int_equal(store_migrate(f->st, &from, &to, err, sizeof(err)),
	    STORE_OK);
	assert_int_equal(from, f->to);
	assert_int_equal(to, f->to);
	assert_int_equal(store_schema_version(f->st, &cur, &latest), STORE_OK);
	assert_int_equal(cur, latest);
	assert_int_equal(raw_int("SELECT count(*) FROM municipality"), 0);
	assert_int_equal(raw_int("SELECT count(*) FROM pg_extension"
	    " WHERE extname IN ('pg_trgm', 'unaccent')"), 2);
}

static void
bad_query(void *arg, enum qid id, const char *msg)
{
	int *bad = arg;

	(*bad)++;
	printf("%s does not prepare on PostgreSQL: %s\n", query_name(id), msg);
}

/* Every query id prepares on the migrated schema. */
static void
test_every_query_prepares(void **state)
{
	struct pf *f = *state;
	char err[256] = "";
	int n, bad = 0;

	if (skip_without_server())
		return;
	n = store_pgsql_prepare_all(f->st, bad_query, &bad, err, sizeof(err));
	if (n < 0)
		fail_msg("%s", err);
	assert_int_equal(bad, 0);
	assert_int_equal(n, 0);
}

/*
 * Every query id runs with as many parameters as it takes (all NULL, then
 * all the integer 1), inside a transaction that is rolled back: OK,
 * NOTFOUND (must-touch) or CONFLICT (NOT NULL, CHECK), never ERROR, as on
 * SQLite (test_store.c). Queries with a LIMIT take only the second pass.
 */
/* The number of parameters of PostgreSQL text: its highest $N. */
static size_t
nparams_of(const char *sql)
{
	int n = 0, k;

	for (; (sql = strchr(sql, '$')) != NULL; sql++)
		if ((k = atoi(sql + 1)) > n)
			n = k;
	return (size_t)n;
}

static void
test_every_query_runs(void **state)
{
	struct pf *f = *state;
	char err[256] = "";
	struct sp *p;
	enum store_rc rc;
	const char *sql;
	size_t i, k, n;
	int bad = 0;

	if (skip_without_server())
		return;
	assert_int_equal(store_pgsql_prepare_all(f->st, NULL, NULL, err,
	    sizeof(err)), 0);
	p = calloc(SQL_PGSQL_MAXPARAM, sizeof(*p));
	assert_non_null(p);
	for (i = 0; i < 2 * (size_t)Q__MAX; i++) {
		sql = store_pgsql_sql((enum qid)(i % Q__MAX));
		if (i < Q__MAX && strstr(sql, "LIMIT $") != NULL)
			continue;
		n = nparams_of(sql);
		for (k = 0; k < n; k++)
			p[k] = i < Q__MAX ? sp_null() : sp_int(1);
		assert_int_equal(store_begin(f->st, 1), STORE_OK);
		rc = store_exec(f->st, (enum qid)(i % Q__MAX), p, n, NULL,
		    NULL, NULL);
		if (rc != STORE_OK && rc != STORE_NOTFOUND &&
		    rc != STORE_CONFLICT) {
			printf("%s (%s): %s\n", query_name((enum qid)(i %
			    Q__MAX)), i < Q__MAX ? "NULLs" : "1s",
			    store_rc_str(rc));
			bad++;
		}
		if (rc == STORE_NOTFOUND)
			assert_true(query_must_touch((enum qid)(i % Q__MAX)));
		assert_int_equal(store_rollback(f->st), STORE_OK);
	}
	free(p);
	assert_int_equal(bad, 0);
}

static void
test_unique_and_check_conflict(void **state)
{
	struct pf *f = *state;
	struct sp p[] = { sp_text("X1"), sp_text("n"), sp_text("police"),
	    sp_null(), sp_null(), sp_int(1) };
	struct sp bad[] = { sp_text("X2"), sp_text("n"), sp_text("bakery"),
	    sp_null(), sp_null(), sp_int(1) };
	struct sp team[] = { sp_int(999999), sp_text("t"), sp_int(1) };
	int64_t id = 0;

	if (skip_without_server())
		return;
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, store_cb_int,
	    &id, NULL), STORE_OK);
	assert_true(id > 0);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, bad, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(store_exec(f->st, Q_TEAM_INSERT, team, 3, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(raw_int("SELECT count(*) FROM agency"), 1);
}

static void
test_must_touch(void **state)
{
	struct pf *f = *state;
	struct sp up[] = { sp_int(424242), sp_text("x"), sp_text("police"),
	    sp_null(), sp_int(1) };
	struct sp p[] = { sp_text("X1"), sp_text("n"), sp_text("police"),
	    sp_null(), sp_null(), sp_int(1) };
	int64_t ch = -1, id = 0;

	if (skip_without_server())
		return;
	assert_int_equal(store_exec(f->st, Q_AGENCY_UPDATE, up, 5, NULL, NULL,
	    &ch), STORE_NOTFOUND);
	assert_int_equal(ch, 0);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, store_cb_int,
	    &id, &ch), STORE_OK);
	assert_int_equal(ch, 1);
	up[0] = sp_int(id);
	assert_int_equal(store_exec(f->st, Q_AGENCY_UPDATE, up, 5, NULL, NULL,
	    &ch), STORE_OK);
	assert_int_equal(ch, 1);
	/* A read changes nothing. */
	assert_int_equal(store_exec(f->st, Q_PING, NULL, 0, NULL, NULL, &ch),
	    STORE_OK);
	assert_int_equal(ch, 0);
}

static void
test_param_count_and_id(void **state)
{
	struct pf *f = *state;
	struct sp p[] = { sp_text("k") };

	if (skip_without_server())
		return;
	assert_int_equal(store_exec(f->st, Q_META_GET, p, 0, NULL, NULL, NULL),
	    STORE_ERROR);
	assert_int_equal(store_exec(f->st, Q__MAX, NULL, 0, NULL, NULL, NULL),
	    STORE_ERROR);
	/* The connection is still good. */
	assert_int_equal(store_exec(f->st, Q_META_GET, p, 1, NULL, NULL, NULL),
	    STORE_OK);
}

static int
text_cb(void *arg, const struct store_row *r)
{
	snprintf(arg, 64, "%s", srow_text(r, 0));
	return 0;
}

static const char *
meta_of(struct pf *f, const char *key, char *v)
{
	struct sp get[] = { sp_text(key) };

	v[0] = '\0';
	assert_int_equal(store_exec(f->st, Q_META_GET, get, 1, text_cb, v,
	    NULL), STORE_OK);
	return v;
}

static void
test_rollback_and_commit(void **state)
{
	struct pf *f = *state;
	struct sp set[] = { sp_text("k"), sp_text("v") };
	struct sp set2[] = { sp_text("k2"), sp_text("w") };
	char v[64];

	if (skip_without_server())
		return;
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_not_equal(store_begin(f->st, 1), STORE_OK);	/* not nested */
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_string_equal(meta_of(f, "k", v), "v");
	assert_int_equal(store_rollback(f->st), STORE_OK);
	assert_string_equal(meta_of(f, "k", v), "");
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_not_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);	/* harmless */
	assert_int_equal(raw_int("SELECT count(*) FROM meta"), 1);
}

/* A failed statement inside a transaction undoes itself only, as on
 * SQLite: the transaction goes on and commits what came before. */
static void
test_failed_statement_keeps_transaction(void **state)
{
	struct pf *f = *state;
	struct sp p[] = { sp_text("X1"), sp_text("n"), sp_text("police"),
	    sp_null(), sp_null(), sp_int(1) };
	struct sp set[] = { sp_text("k"), sp_text("v") };

	if (skip_without_server())
		return;
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_AGENCY_INSERT, p, 6, NULL, NULL,
	    NULL), STORE_CONFLICT);
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(raw_int("SELECT count(*) FROM agency"), 1);
	assert_int_equal(raw_int("SELECT count(*) FROM meta"), 1);
}

static int
stop_cb(void *arg, const struct store_row *r)
{
	(*(int *)arg)++;
	assert_int_equal(srow_cols(r), 1);
	return 1;
}

struct cell {
	int		 isnull;
	int64_t		 i;
	char		 t[64];
};

static int
cells_cb(void *arg, const struct store_row *r)
{
	struct cell *c = arg;
	int k;

	for (k = 0; k < srow_cols(r) && k < 4; k++) {
		c[k].isnull = srow_null(r, k);
		c[k].i = srow_int(r, k);
		snprintf(c[k].t, sizeof(c[k].t), "%s", srow_text(r, k));
	}
	return 0;
}

/* Rows: early stop, NULL as "" and 0, booleans as 1 and 0 (as SQLite
 * gives them), text taken as a parameter only. */
static void
test_rows(void **state)
{
	struct pf *f = *state;
	struct sp set[] = { sp_text("a"), sp_text("x'); DROP TABLE meta; --") };
	struct sp set2[] = { sp_text("b"), sp_textn("yes-and-more", 3) };
	struct cell c[4];
	char v[64];
	int n = 0;

	if (skip_without_server())
		return;
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_string_equal(meta_of(f, "a", v), "x'); DROP TABLE meta; --");
	assert_string_equal(meta_of(f, "b", v), "yes");
	assert_int_equal(store_exec(f->st, Q_PING, NULL, 0, stop_cb, &n, NULL),
	    STORE_OK);
	assert_int_equal(n, 1);
	memset(c, 0, sizeof(c));
	/* Q_CM_CONSENT_ALLOWS style: a boolean aggregate read as an int. */
	assert_int_equal(store_exec(f->st, Q_META_GET,
	    (struct sp[]){ sp_text("nope") }, 1, cells_cb, c, NULL), STORE_OK);
	assert_false(c[0].isnull);	/* no row: untouched */
}

/* Two writers: the second waits for the first (one write lock across
 * every connection and node, as SQLite's BEGIN IMMEDIATE). */
struct writer {
	struct store	*st;
	int		 rc;
	volatile int	 done;
};

static void *
second_writer(void *arg)
{
	struct writer *w = arg;
	struct sp set[] = { sp_text("second"), sp_text("2") };

	w->rc = store_begin(w->st, 1);
	if (w->rc == STORE_OK) {
		w->rc = store_exec(w->st, Q_META_SET, set, 2, NULL, NULL, NULL);
		if (w->rc == STORE_OK)
			w->rc = store_commit(w->st);
		else
			(void)store_rollback(w->st);
	}
	w->done = 1;
	store_thread_end(w->st);
	return NULL;
}

static void
test_write_lock(void **state)
{
	struct pf *f = *state;
	struct writer w = { NULL, -1, 0 };
	struct sp set[] = { sp_text("first"), sp_text("1") };
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	pthread_t t;

	if (skip_without_server())
		return;
	w.st = f->st;
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(pthread_create(&t, NULL, second_writer, &w), 0);
	nanosleep(&ts, NULL);
	assert_int_equal(w.done, 0);		/* waiting for the lock */
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(w.rc, STORE_OK);
	assert_int_equal(raw_int("SELECT count(*) FROM meta"), 2);
}

/* A read scope reads one snapshot; a write in it sees the newest and
 * later reads see it. */
static void
test_read_scope(void **state)
{
	struct pf *f = *state;
	struct sp set[] = { sp_text("a"), sp_text("1") };
	char v[64];

	if (skip_without_server())
		return;
	assert_int_equal(raw_int("INSERT INTO meta VALUES ('x', 'y')"), -1);
	store_read_begin(f->st);
	assert_string_equal(meta_of(f, "x", v), "y");
	assert_int_equal(raw_int("INSERT INTO meta VALUES ('z', 'y')"), -1);
	assert_string_equal(meta_of(f, "z", v), "");	/* the snapshot */
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_string_equal(meta_of(f, "z", v), "y");
	assert_string_equal(meta_of(f, "a", v), "1");
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	store_read_end(f->st);
	store_read_end(f->st);
	assert_int_equal(raw_int("SELECT count(*) FROM meta"), 3);
}

/* Ends the store's connections from the server's side, and waits until
 * they are gone. */
static void
kill_connections(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int i;

	assert_int_equal(raw_int("SELECT count(pg_terminate_backend(pid))"
	    " FROM pg_stat_activity WHERE application_name = 'rrjeti'"), 1);
	for (i = 0; i < 250 && raw_int("SELECT count(*) FROM pg_stat_activity"
	    " WHERE application_name = 'rrjeti'") != 0; i++)
		nanosleep(&ts, NULL);
}

/* The server ends the connection (a restart, a failover): the call that
 * finds it out is STORE_UNAVAILABLE, the next reconnects and works, inside
 * a transaction too (after the caller's rollback). Nothing acknowledged is
 * lost. */
static void
test_reconnect(void **state)
{
	struct pf *f = *state;
	struct sp set[] = { sp_text("k"), sp_text("v") };
	struct sp set2[] = { sp_text("k2"), sp_text("w") };
	char v[64];

	if (skip_without_server())
		return;
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	kill_connections();
	/* Outside a transaction the lost connection is replaced and the
	 * statement sent again: the caller does not see it. */
	assert_int_equal(store_exec(f->st, Q_META_GET,
	    (struct sp[]){ sp_text("k") }, 1, NULL, NULL, NULL), STORE_OK);
	kill_connections();
	assert_int_equal(store_exec(f->st, Q_META_SET, set, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_string_equal(meta_of(f, "k", v), "v");
	/* In a transaction: its write is gone, the rollback is fine. */
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	kill_connections();
	assert_int_equal(store_exec(f->st, Q_META_GET,
	    (struct sp[]){ sp_text("k2") }, 1, NULL, NULL, NULL),
	    STORE_UNAVAILABLE);
	assert_int_not_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(store_rollback(f->st), STORE_OK);
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(store_exec(f->st, Q_META_SET, set2, 2, NULL, NULL,
	    NULL), STORE_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	assert_int_equal(raw_int("SELECT count(*) FROM meta"), 2);
}

/* The append-only audit table refuses UPDATE and DELETE: a conflict. */
static void
test_audit_append_only(void **state)
{
	if (skip_without_server())
		return;
	(void)state;
	assert_int_equal(raw_int("INSERT INTO audit (at, actor, action,"
	    " object_type, client, detail, prev_hash, hash) VALUES"
	    " (1, 'a', 'b', 'c', 'd', 'e', 'f', 'g')"), -1);
	assert_int_equal(raw_int("SELECT count(*) FROM audit"), 1);
	assert_int_equal(raw_int("DELETE FROM audit"), -1);
	assert_int_equal(raw_int("SELECT count(*) FROM audit"), 1);
}

/* SQLite's date functions, as the queries use them. */
static void
test_date_functions(void **state)
{
	PGconn *db;
	PGresult *r;

	if (skip_without_server())
		return;
	(void)state;
	db = PQconnectdb(url);
	r = PQexec(db, "SELECT date(1700000000, 'unixepoch'),"
	    " date(1700000000, 'unixepoch', 'start of month', '+1 months',"
	    " '-1 days'), strftime('%Y-%m', 1700000000, 'unixepoch'),"
	    " strftime('%s', '2024-01-02'), CAST(julianday('2024-03-01') -"
	    " julianday('2024-02-01') AS bigint),"
	    " date(1700000000, 'unixepoch', 'bogus'),"
	    " fts_match('ana berisha', '\"ana\" AND \"ber\"'),"
	    " fts_match('ana berisha', '\"ana\" AND \"xyz\"'),"
	    " fts_match('ana berisha', '\"xyz\" OR \"ish\"')");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0), "2023-11-14");
	assert_string_equal(PQgetvalue(r, 0, 1), "2023-11-30");
	assert_string_equal(PQgetvalue(r, 0, 2), "2023-11");
	assert_string_equal(PQgetvalue(r, 0, 3), "1704153600");
	assert_string_equal(PQgetvalue(r, 0, 4), "29");
	assert_true(PQgetisnull(r, 0, 5));
	assert_string_equal(PQgetvalue(r, 0, 6), "t");
	assert_string_equal(PQgetvalue(r, 0, 7), "f");
	assert_string_equal(PQgetvalue(r, 0, 8), "t");
	PQclear(r);
	PQfinish(db);
}

/* A server that is not there: store_open says PostgreSQL and why. */
static void
test_open_unreachable(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(store_open("postgresql://nobody@127.0.0.1:1/none", err,
	    sizeof(err)));
	assert_non_null(strstr(err, "PostgreSQL"));
}

/*
 * The two schemas hold the same tables with the same columns in the same
 * order (what a migration's PostgreSQL form promises; rrjeti migrate-store
 * copies by them): "table column" lines of each, SQLite's FTS5 tables
 * aside, compared.
 */
static char *
sqlite_columns(void)
{
	char dir[] = "/tmp/rrjeti-cols-XXXXXX", path[64], err[256] = "";
	struct store *st;
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char *out = NULL;
	size_t len = 0;
	FILE *m;
	int from, to;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rrjeti.db", dir);
	assert_non_null(st = store_open(path, err, sizeof(err)));
	assert_int_equal(store_migrate(st, &from, &to, err, sizeof(err)),
	    STORE_OK);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT m.name, p.name FROM"
	    " sqlite_master m, pragma_table_info(m.name) p WHERE m.type ="
	    " 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	    " AND m.name NOT LIKE '%\\_fts%' ESCAPE '\\'"
	    " ORDER BY m.name, p.cid", -1, &q, NULL), SQLITE_OK);
	assert_non_null(m = open_memstream(&out, &len));
	while (sqlite3_step(q) == SQLITE_ROW)
		fprintf(m, "%s %s\n", sqlite3_column_text(q, 0),
		    sqlite3_column_text(q, 1));
	fclose(m);
	sqlite3_finalize(q);
	sqlite3_close(db);
	unlink(path);
	rmdir(dir);
	return out;
}

static void
test_same_columns(void **state)
{
	PGconn *db;
	PGresult *r;
	char *lite, *pg = NULL, *a, *b, *ea, *eb;
	size_t len = 0;
	FILE *m;
	int i, bad = 0;

	(void)state;
	if (skip_without_server())
		return;
	lite = sqlite_columns();
	db = PQconnectdb(url);
	r = PQexec(db, "SELECT c.table_name, c.column_name FROM"
	    " information_schema.columns c JOIN information_schema.tables t"
	    " ON t.table_schema = c.table_schema AND t.table_name ="
	    " c.table_name WHERE c.table_schema = current_schema()"
	    " AND t.table_type = 'BASE TABLE'"
	    " AND c.table_name NOT LIKE '%\\_fts%'"
	    " AND c.table_name <> 'schema_version'"
	    " AND c.column_name <> 'rowid'"
	    " ORDER BY c.table_name COLLATE \"C\", c.ordinal_position");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_non_null(m = open_memstream(&pg, &len));
	for (i = 0; i < PQntuples(r); i++)
		fprintf(m, "%s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
	fclose(m);
	PQclear(r);
	PQfinish(db);
	/* Line by line, the first differences named. */
	for (a = lite, b = pg; (*a != '\0' || *b != '\0') && bad < 10; ) {
		ea = strchr(a, '\n');
		eb = strchr(b, '\n');
		if (ea == NULL || eb == NULL || ea - a != eb - b ||
		    strncmp(a, b, (size_t)(ea - a)) != 0) {
			printf("columns differ: SQLite %.*s, PostgreSQL %.*s\n",
			    ea ? (int)(ea - a) : 5, ea ? a : "(end)",
			    eb ? (int)(eb - b) : 5, eb ? b : "(end)");
			bad++;
			break;
		}
		a = ea + 1;
		b = eb + 1;
	}
	free(lite);
	free(pg);
	assert_int_equal(bad, 0);
}

#define T(x) cmocka_unit_test_setup_teardown(x, pg_setup, pg_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate_params),
		cmocka_unit_test(test_translate_words),
		cmocka_unit_test(test_translate_functions),
		cmocka_unit_test(test_every_query_has_text),
		cmocka_unit_test(test_migrations_paired),
		cmocka_unit_test(test_open_unreachable),
		T(test_migrate),
		T(test_same_columns),
		T(test_every_query_prepares),
		T(test_every_query_runs),
		T(test_unique_and_check_conflict),
		T(test_must_touch),
		T(test_param_count_and_id),
		T(test_rollback_and_commit),
		T(test_failed_statement_keeps_transaction),
		T(test_rows),
		T(test_write_lock),
		T(test_read_scope),
		T(test_reconnect),
		T(test_audit_append_only),
		T(test_date_functions),
	};

	url = getenv("RRJETI_TEST_PG");
	if (url != NULL && *url == '\0')
		url = NULL;
	if (url == NULL)
		printf("skipped: PostgreSQL server tests (RRJETI_TEST_PG is not "
		    "set; scripts/pg.sh run sets it)\n");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
