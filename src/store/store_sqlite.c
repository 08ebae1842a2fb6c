/*
 * store_sqlite.c — the SQLite backend of the store layer: one connection per
 * thread (WAL, foreign keys, busy timeout, synchronous=NORMAL), statements
 * prepared on first use and cached per connection, numbered migrations from
 * src/store/migrations/sqlite/ compiled into the binary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../util/embed.h"
#include "../util/log.h"
#include "sql.h"
#include "store.h"
#include "store_backend.h"

#define BUSY_TIMEOUT_MS	5000
#define MIGRATION_DIR	"src/store/migrations/sqlite/"

/* Transaction control statements, prepared once per connection. */
enum tcl { T_BEGIN, T_BEGIN_IMMEDIATE, T_COMMIT, T_ROLLBACK, T__MAX };

static const char *const tcl_sql[T__MAX] = {
	[T_BEGIN] = "BEGIN",
	[T_BEGIN_IMMEDIATE] = "BEGIN IMMEDIATE",
	[T_COMMIT] = "COMMIT",
	[T_ROLLBACK] = "ROLLBACK",
};

struct sqlite_conn {
	sqlite3		*db;
	sqlite3_stmt	*stmt[Q__MAX];
	sqlite3_stmt	*tcl[T__MAX];
	int		 scope;	/* a read scope is open (store_read_begin) */
	int		 own;	/* the caller's transaction is open */
};

static enum store_rc	tcl(struct sqlite_conn *, enum tcl);

/* A row without a statement is PostgreSQL's (store_backend.h). */
int
srow_null(const struct store_row *r, int col)
{
	if (r->stmt == NULL)
		return pgrow_null(r, col);
	return sqlite3_column_type(r->stmt, col) == SQLITE_NULL;
}

int64_t
srow_int(const struct store_row *r, int col)
{
	if (r->stmt == NULL)
		return pgrow_int(r, col);
	return sqlite3_column_int64(r->stmt, col);
}

const char *
srow_text(const struct store_row *r, int col)
{
	const unsigned char *t;

	if (r->stmt == NULL)
		return pgrow_text(r, col);
	t = sqlite3_column_text(r->stmt, col);
	return t ? (const char *)t : "";
}

const void *
srow_blob(const struct store_row *r, int col, size_t *len)
{
	const void *p;

	if (r->stmt == NULL)
		return pgrow_blob(r, col, len);
	p = sqlite3_column_blob(r->stmt, col);
	*len = (size_t)sqlite3_column_bytes(r->stmt, col);
	return p;
}

int
srow_cols(const struct store_row *r)
{
	if (r->stmt == NULL)
		return pgrow_cols(r);
	return sqlite3_column_count(r->stmt);
}

static enum store_rc
map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return STORE_OK;
	case SQLITE_CONSTRAINT:
		return STORE_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_CANTOPEN:
		return STORE_UNAVAILABLE;
	default:
		return STORE_ERROR;
	}
}

static void
sq_close(void *p)
{
	struct sqlite_conn *c = p;
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < Q__MAX; i++)
		sqlite3_finalize(c->stmt[i]);
	for (i = 0; i < T__MAX; i++)
		sqlite3_finalize(c->tcl[i]);
	sqlite3_close(c->db);
	free(c);
}

static void *
sq_open(struct store *st, char *err, size_t errlen)
{
	struct sqlite_conn *c;
	char *msg = NULL;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	rc = sqlite3_open_v2(store_url(st), &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", store_url(st),
		    c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		sq_close(c);
		return NULL;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->db, 1);
	rc = sqlite3_exec(c->db, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA temp_store = MEMORY;"
	    "PRAGMA cache_size = -8000;", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", store_url(st),
		    msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sq_close(c);
		return NULL;
	}
	return c;
}

static sqlite3_stmt *
prepare(struct sqlite_conn *c, enum qid id)
{
	int rc;

	if (c->stmt[id] != NULL)
		return c->stmt[id];
	rc = sqlite3_prepare_v3(c->db, sql_sqlite[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &c->stmt[id], NULL);
	if (rc != SQLITE_OK) {
		log_warnx("store: prepare %s: %s", query_name(id),
		    sqlite3_errmsg(c->db));
		c->stmt[id] = NULL;
	}
	return c->stmt[id];
}

static enum store_rc
sq_exec(void *p, enum qid id, const struct sp *params, size_t n,
    store_cb cb, void *arg, int64_t *changes)
{
	struct sqlite_conn *c = p;
	struct store_row row;
	sqlite3_stmt *s;
	enum store_rc out = STORE_OK;
	size_t i;
	int rc, stop = 0;

	if ((unsigned)id >= Q__MAX || (s = prepare(c, id)) == NULL)
		return STORE_ERROR;
	if ((int)n != sqlite3_bind_parameter_count(s)) {
		log_warnx("store: %s takes %d parameters, given %zu",
		    query_name(id), sqlite3_bind_parameter_count(s), n);
		return STORE_ERROR;
	}
	for (i = 0; i < n; i++) {
		int k = (int)i + 1;

		switch (params[i].t) {
		case SP_NULL:
			rc = sqlite3_bind_null(s, k);
			break;
		case SP_INT:
			rc = sqlite3_bind_int64(s, k, params[i].i);
			break;
		case SP_TEXT:
			rc = sqlite3_bind_text(s, k, params[i].p,
			    (int)params[i].n, SQLITE_STATIC);
			break;
		case SP_BLOB:
			rc = sqlite3_bind_blob(s, k, params[i].p,
			    (int)params[i].n, SQLITE_STATIC);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
		if (rc != SQLITE_OK) {
			out = STORE_ERROR;
			goto out;
		}
	}
	/* A write outside the caller's transaction inside a read scope:
	 * out of the read transaction first (it could not upgrade safely),
	 * into a new one after. */
	if (c->scope && !c->own && !sqlite3_get_autocommit(c->db) &&
	    !sqlite3_stmt_readonly(s))
		(void)tcl(c, T_COMMIT);
	memset(&row, 0, sizeof(row));
	row.stmt = s;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (stop || cb == NULL)
			continue;	/* RETURNING rows must still be stepped */
		if (cb(arg, &row) != 0)
			stop = 1;
	}
	if (rc != SQLITE_DONE) {
		out = map_rc(rc);
		if (out == STORE_ERROR)
			log_warnx("store: %s: %s", query_name(id),
			    sqlite3_errmsg(c->db));
	}
	if (changes != NULL)
		*changes = sqlite3_stmt_readonly(s) ? 0 : sqlite3_changes(c->db);
out:
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (c->scope && !c->own && sqlite3_get_autocommit(c->db))
		(void)tcl(c, T_BEGIN);
	return out;
}

static enum store_rc
simple(struct sqlite_conn *c, const char *sql)
{
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK && map_rc(rc) == STORE_ERROR)
		log_warnx("store: %s: %s", sql, sqlite3_errmsg(c->db));
	return map_rc(rc);
}

/* Runs a transaction control statement (prepared on first use). */
static enum store_rc
tcl(struct sqlite_conn *c, enum tcl t)
{
	int rc;

	if (c->tcl[t] == NULL && sqlite3_prepare_v3(c->db, tcl_sql[t], -1,
	    SQLITE_PREPARE_PERSISTENT, &c->tcl[t], NULL) != SQLITE_OK) {
		log_warnx("store: %s: %s", tcl_sql[t], sqlite3_errmsg(c->db));
		c->tcl[t] = NULL;
		return STORE_ERROR;
	}
	rc = sqlite3_step(c->tcl[t]);
	sqlite3_reset(c->tcl[t]);
	if (rc != SQLITE_DONE && map_rc(rc) == STORE_ERROR)
		log_warnx("store: %s: %s", tcl_sql[t], sqlite3_errmsg(c->db));
	return rc == SQLITE_DONE ? STORE_OK : map_rc(rc);
}

/* After the caller's transaction: back into the read scope's own. */
static void
rescope(struct sqlite_conn *c)
{
	c->own = 0;
	if (c->scope && sqlite3_get_autocommit(c->db))
		(void)tcl(c, T_BEGIN);
}

static enum store_rc
sq_begin(void *p, int write)
{
	struct sqlite_conn *c = p;
	enum store_rc rc;

	if (c->own)	/* not nested: SQLite refuses, nothing changes */
		return tcl(c, write ? T_BEGIN_IMMEDIATE : T_BEGIN);
	/* The read scope's transaction gives way to the caller's. */
	if (c->scope && !sqlite3_get_autocommit(c->db))
		(void)tcl(c, T_COMMIT);
	if ((rc = tcl(c, write ? T_BEGIN_IMMEDIATE : T_BEGIN)) == STORE_OK)
		c->own = 1;
	else
		rescope(c);
	return rc;
}

static enum store_rc
sq_commit(void *p)
{
	struct sqlite_conn *c = p;
	enum store_rc rc;

	if (c->scope && !c->own)	/* the caller has no transaction */
		return STORE_ERROR;
	rc = tcl(c, T_COMMIT);
	/* A failed COMMIT leaves the transaction open for the ROLLBACK
	 * the caller sends. */
	if (rc == STORE_OK)
		rescope(c);
	return rc;
}

static enum store_rc
sq_rollback(void *p)
{
	struct sqlite_conn *c = p;
	enum store_rc rc = STORE_OK;

	if (c->scope && !c->own)	/* none of the caller's: harmless */
		return STORE_OK;
	if (!sqlite3_get_autocommit(c->db))
		rc = tcl(c, T_ROLLBACK);
	rescope(c);
	return rc;
}

static void
sq_read_scope(void *p, int on)
{
	struct sqlite_conn *c = p;

	if (on && !c->scope) {
		c->scope = 1;
		if (!c->own && sqlite3_get_autocommit(c->db))
			(void)tcl(c, T_BEGIN);
	} else if (!on && c->scope) {
		c->scope = 0;
		if (!c->own && !sqlite3_get_autocommit(c->db))
			(void)tcl(c, T_COMMIT);
	}
}

static enum store_rc
sq_script(void *p, const char *sql, char *err, size_t errlen)
{
	struct sqlite_conn *c = p;
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
	}
	return map_rc(rc);
}

/* The highest migration number compiled in (0 when they are not sound:
 * migrate says why). */
static int
latest_migration(void)
{
	const struct embedded_file *files[STORE_MIGRATIONS_MAX];
	int nums[STORE_MIGRATIONS_MAX], n;
	char err[8];

	n = store_migrations(MIGRATION_DIR, files, nums, err, sizeof(err));
	return n > 0 ? nums[n - 1] : 0;
}

static enum store_rc
sq_version(void *p, int *current, int *latest)
{
	struct sqlite_conn *c = p;
	sqlite3_stmt *s;
	int rc;

	*latest = latest_migration();
	*current = 0;
	if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return map_rc(sqlite3_errcode(c->db));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*current = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? STORE_OK : map_rc(rc);
}

/*
 * Runs each migration whose number is above PRAGMA user_version, each in its
 * own transaction that also sets user_version. Files are NNNN_name.sql.
 */
static enum store_rc
sq_migrate(void *p, int *from, int *to, char *err, size_t errlen)
{
	struct sqlite_conn *c = p;
	const struct embedded_file *files[STORE_MIGRATIONS_MAX];
	int nums[STORE_MIGRATIONS_MAX], i, n;
	sqlite3_stmt *s;
	char pragma[64];
	int cur = 0, num;
	enum store_rc rc;

	if (sqlite3_prepare_v2(c->db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW) {
		snprintf(err, errlen, "cannot read the schema version: %s",
		    sqlite3_errmsg(c->db));
		sqlite3_finalize(s);
		return STORE_ERROR;
	}
	cur = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	*from = *to = cur;
	if ((n = store_migrations(MIGRATION_DIR, files, nums, err, errlen)) < 0)
		return STORE_ERROR;
	for (i = 0; i < n; i++) {
		num = nums[i];
		if (num <= cur)
			continue;
		if ((rc = simple(c, "BEGIN IMMEDIATE")) != STORE_OK) {
			snprintf(err, errlen, "cannot lock the database: %s",
			    store_rc_str(rc));
			return rc;
		}
		if ((rc = sq_script(c, files[i]->data, err, errlen)) != STORE_OK) {
			char msg[512];

			snprintf(msg, sizeof(msg), "%s", err);
			snprintf(err, errlen, "%s: %s", files[i]->path, msg);
			simple(c, "ROLLBACK");
			return rc;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", num);
		if ((rc = simple(c, pragma)) != STORE_OK ||
		    (rc = simple(c, "COMMIT")) != STORE_OK) {
			snprintf(err, errlen, "%s: cannot commit", files[i]->path);
			simple(c, "ROLLBACK");
			return rc;
		}
		cur = num;
		*to = cur;
	}
	return STORE_OK;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.conn_open = sq_open,
	.conn_close = sq_close,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.migrate = sq_migrate,
	.version = sq_version,
	.script = sq_script,
	.read_scope = sq_read_scope,
};

const struct store_ops *
store_sqlite_ops(void)
{
	size_t i;

	/* No process-wide allocation statistics (unused here): without them
	 * SQLite takes no global mutex on every malloc and free. Only
	 * possible before SQLite initialises; a later call fails harmlessly. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	for (i = 0; i < Q__MAX; i++)
		if (sql_sqlite[i] == NULL || sql_sqlite[i][0] == '\0') {
			log_warnx("store: query %s has no SQLite SQL",
			    query_name((enum qid)i));
			return NULL;
		}
	return &sqlite_ops;
}
