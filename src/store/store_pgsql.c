/*
 * store_pgsql.c — the PostgreSQL backend of the store layer (libpq): one
 * connection per thread (store.c keeps them, as for SQLite), statements
 * prepared by query id on first use, parameters sent as text (blobs in
 * binary), rows read in text format through the same srow_* accessors,
 * numbered migrations from src/store/migrations/pgsql/.
 *
 * The guarantees the services rely on, as SQLite gives them:
 *   - one writer at a time: a write transaction (store_begin(write = 1)),
 *     and a write outside one, takes a transaction-level advisory lock
 *     (WRITE_LOCK) first, so case numbers and the audit hash chain are
 *     computed by one writer at a time across every node; READ COMMITTED
 *     then sees everything committed before, and nobody else writes.
 *   - a read transaction is one snapshot (REPEATABLE READ).
 *   - a failed statement inside a transaction undoes only itself (a
 *     savepoint around each write), as SQLite's statement rollback does.
 *   - error codes: integrity violations (class 23, and the triggers'
 *     refusals) are STORE_CONFLICT, lock and serialisation waits
 *     STORE_BUSY, a lost or refused connection STORE_UNAVAILABLE (the next
 *     call reconnects).
 *   - a connection found lost before anything was changed (outside the
 *     caller's transaction: a read, or the BEGIN of a write) is replaced
 *     and the statement sent again, once: a server restart costs the
 *     callers nothing when it happened between their calls.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>

#include "../util/embed.h"
#include "../util/log.h"
#include "sql.h"
#include "sql_pgsql.h"
#include "store.h"
#include "store_backend.h"
#include "store_pgsql.h"

#define MIGRATION_DIR	"src/store/migrations/pgsql/"
#define WRITE_LOCK	"7364823452300001"	/* pg_advisory_xact_lock key */
#define LOCK_TIMEOUT	"5s"			/* as SQLite's busy timeout */
#define RECONNECT_PAUSE	1	/* seconds between attempts on a thread */

/* Type oids (pg_type.h is server-side). */
#define OID_BOOL	16
#define OID_BYTEA	17
#define OID_INT8	20
#define OID_TEXT	25

/* The PostgreSQL text of every id, and its parameter count: built once. */
static char		*pg_sql[Q__MAX];
static int		 pg_nparams[Q__MAX];
static pthread_once_t	 pg_once = PTHREAD_ONCE_INIT;
static int		 pg_ready;

struct pg_conn {
	PGconn		*db;
	unsigned char	 prepared[Q__MAX];
	int		 own;	/* the caller's transaction is open */
	int		 scope;	/* a read scope is open */
	int		 write;	/* the open transaction holds the write lock */
	time_t		 retry_at; /* no reconnecting before (monotonic s) */
};

/* ---- rows ---- */

int
pgrow_null(const struct store_row *r, int col)
{
	return PQgetisnull(r->res, r->row, col);
}

int64_t
pgrow_int(const struct store_row *r, int col)
{
	const char *v;

	if (PQgetisnull(r->res, r->row, col))
		return 0;
	v = PQgetvalue(r->res, r->row, col);
	if (PQftype(r->res, col) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

const char *
pgrow_text(const struct store_row *r, int col)
{
	if (PQgetisnull(r->res, r->row, col))
		return "";
	if (PQftype(r->res, col) == OID_BOOL)
		return PQgetvalue(r->res, r->row, col)[0] == 't' ? "1" : "0";
	return PQgetvalue(r->res, r->row, col);
}

/* bytea comes in text format as \x...: decoded into aux, valid until the
 * next srow_blob() of these rows or their end. */
const void *
pgrow_blob(const struct store_row *r, int col, size_t *len)
{
	struct store_row *w = (struct store_row *)r;
	const char *v;

	*len = 0;
	if (PQgetisnull(r->res, r->row, col))
		return NULL;
	v = PQgetvalue(r->res, r->row, col);
	if (PQftype(r->res, col) != OID_BYTEA) {
		*len = (size_t)PQgetlength(r->res, r->row, col);
		return v;
	}
	if (w->aux != NULL)
		PQfreemem(w->aux);
	w->aux = PQunescapeBytea((const unsigned char *)v, len);
	return w->aux;
}

int
pgrow_cols(const struct store_row *r)
{
	return PQnfields(r->res);
}

/* ---- errors ---- */

static enum store_rc
map_state(const char *state)
{
	if (state == NULL)
		return STORE_UNAVAILABLE;	/* no answer from the server */
	if (strncmp(state, "23", 2) == 0)
		return STORE_CONFLICT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return STORE_BUSY;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0 ||
	    strcmp(state, "53300") == 0)
		return STORE_UNAVAILABLE;
	return STORE_ERROR;
}

/* The store_rc of a result (OK for commands and rows). */
static enum store_rc
res_rc(PGconn *db, const PGresult *res)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return STORE_OK;
	if (PQstatus(db) == CONNECTION_BAD)
		return STORE_UNAVAILABLE;
	return map_state(res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) :
	    NULL);
}

/* Runs a command without parameters; logs an unexpected error. */
static enum store_rc
simple(struct pg_conn *c, const char *sql)
{
	PGresult *res = PQexec(c->db, sql);
	enum store_rc rc = res_rc(c->db, res);

	if (rc == STORE_ERROR)
		log_warnx("store: %s: %s", sql, PQerrorMessage(c->db));
	PQclear(res);
	return rc;
}

/* ---- connections ---- */

static void
pg_close(void *p)
{
	struct pg_conn *c = p;

	if (c == NULL)
		return;
	PQfinish(c->db);
	free(c);
}

static void
notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;	/* NOTICEs (IF NOT EXISTS, ...) are not news */
}

static int
session_setup(struct pg_conn *c)
{
	PQsetNoticeProcessor(c->db, notice, NULL);
	return simple(c, "SET lock_timeout = '" LOCK_TIMEOUT "';"
	    "SET TIME ZONE 'UTC'; SET client_min_messages = warning") ==
	    STORE_OK ? 0 : -1;
}

/*
 * The connection's settings: libpq takes them in order, the last one of a
 * key wins, and the URL (dbname, expanded) comes after the defaults, so its
 * own connect_timeout, keepalives_* or tcp_user_timeout win over them; the
 * encoding comes after it. The defaults bound how long a request waits for
 * a database that has gone: 5 s to connect; a connection whose server
 * stops answering (the machine gone, the network cut) is found dead by TCP
 * keepalives after about 10 + 3 x 5 s idle, or when data sent is not
 * acknowledged within 15 s (tcp_user_timeout).
 */
static void *
pg_open(struct store *st, char *err, size_t errlen)
{
	struct pg_conn *c;
	const char *keys[] = { "application_name", "connect_timeout",
	    "keepalives", "keepalives_idle", "keepalives_interval",
	    "keepalives_count", "tcp_user_timeout", "dbname",
	    "client_encoding", NULL };
	const char *vals[] = { "rrjeti", "5", "1", "10", "5", "3", "15000",
	    store_url(st), "UTF8", NULL };
	char *nl;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->db = PQconnectdbParams(keys, vals, 1);
	if (c->db == NULL || PQstatus(c->db) != CONNECTION_OK) {
		snprintf(err, errlen, "PostgreSQL: %s",
		    c->db ? PQerrorMessage(c->db) : "out of memory");
		if ((nl = strchr(err, '\n')) != NULL)
			*nl = '\0';
		pg_close(c);
		return NULL;
	}
	if (session_setup(c) != 0) {
		snprintf(err, errlen, "PostgreSQL: %s", PQerrorMessage(c->db));
		pg_close(c);
		return NULL;
	}
	return c;
}

static time_t
now_mono(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return ts.tv_sec;
}

/*
 * A lost connection is re-opened on the next call outside a transaction:
 * its prepared statements are gone with it. 0 when connected. While the
 * server is down, a thread tries once per RECONNECT_PAUSE and fails at once
 * in between (the request answers 503 without waiting for a connect).
 */
static int
ensure(struct pg_conn *c)
{
	time_t now;

	if (PQstatus(c->db) == CONNECTION_OK)
		return 0;
	if (c->own)
		return -1;	/* the transaction is lost: the caller rolls back */
	if ((now = now_mono()) < c->retry_at)
		return -1;
	PQreset(c->db);
	if (PQstatus(c->db) != CONNECTION_OK) {
		c->retry_at = now_mono() + RECONNECT_PAUSE;
		return -1;
	}
	c->retry_at = 0;
	memset(c->prepared, 0, sizeof(c->prepared));
	c->write = 0;
	if (session_setup(c) != 0)
		return -1;
	log_info("store: reconnected to PostgreSQL");
	return 0;
}

static int
in_tx(struct pg_conn *c)
{
	return PQtransactionStatus(c->db) != PQTRANS_IDLE;
}

/* ---- statements ---- */

/* "could not determine data type of parameter $N" (42P18, or 42P08 when
 * the parameter is used more than once) or "inconsistent types deduced for
 * parameter $N" (42P08): N, else 0. */
static int
untyped_param(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *d;

	if (state == NULL || (strcmp(state, "42P18") != 0 &&
	    strcmp(state, "42P08") != 0) || msg == NULL ||
	    (strstr(msg, "could not determine data type") == NULL &&
	    strstr(msg, "inconsistent types deduced") == NULL) ||
	    (d = strchr(msg, '$')) == NULL)
		return 0;
	return atoi(d + 1);
}

/* An operator or function that does not take the types given (42883), a
 * value of the wrong type for its column (42804), or a literal that is not
 * of the type guessed for a parameter compared with it (22P02). */
static int
type_error(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "42883") == 0 ||
	    strcmp(state, "42804") == 0 || strcmp(state, "22P02") == 0);
}

/*
 * The parameter (0-based) written nearest the position PostgreSQL gives
 * for a type error (1-based, in characters; the text is ASCII), of those
 * not yet flipped: one forced to a type, or one PostgreSQL typed text by
 * itself (CASE $N WHEN 1). Without a position, the last forced one. -1
 * when none is left.
 */
static int
culprit(const PGresult *res, const char *sql, int np, const int *forced,
    int nforced, const unsigned char *flipped, const Oid *types)
{
	const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	const char *s;
	long at, d, best = -1;
	int k, j, pick = -1;

	if (pos == NULL) {
		for (k = nforced - 1; k >= 0; k--)
			if (!flipped[forced[k]] && types[forced[k]] != OID_BYTEA)
				return forced[k];
		return -1;
	}
	at = atol(pos) - 1;
	for (s = sql; (s = strchr(s, '$')) != NULL; s++) {
		j = atoi(s + 1) - 1;
		if (j < 0 || j >= np || flipped[j] || types[j] == OID_BYTEA)
			continue;
		d = (long)(s - sql) - at;
		if (d < 0)
			d = -d;
		if (best < 0 || d < best) {
			best = d;
			pick = j;
		}
	}
	return pick;
}

/*
 * "column ... is of type bigint but expression is of type text" (42804)
 * for a CASE whose result is a bare parameter (THEN $N, ELSE $N), which
 * PostgreSQL types as text: that parameter (0-based) from the error's
 * position on; -1 when there is none.
 */
static int
case_result_param(const PGresult *res, const char *sql)
{
	const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *s, *end;

	if (pos == NULL || msg == NULL || strstr(msg, "is of type bigint but "
	    "expression is of type text") == NULL || atol(pos) < 1 ||
	    (size_t)atol(pos) > strlen(sql))
		return -1;
	s = sql + atol(pos) - 1;
	end = s + strlen(s);
	if (end - s > 300)
		end = s + 300;
	for (; s < end; s++)
		if ((strncmp(s, "THEN $", 6) == 0 || strncmp(s, "ELSE $", 6) ==
		    0) && atoi(s + 6) > 0)
			return atoi(s + 6) - 1;
	return -1;
}

/*
 * Prepares id as statement "qN". A parameter PostgreSQL cannot type from
 * its context (only tested for NULL, say), or types two ways, gets the type
 * of the value bound now (text when none); when that type then does not
 * fit (bigint = text), the other one (bigint or text) is tried. Inside a
 * transaction the attempts run under a savepoint, so a failure does not
 * end the caller's transaction.
 */
static enum store_rc
prepare(struct pg_conn *c, enum qid id, const struct sp *params, size_t n,
    char *err, size_t errlen)
{
	Oid *types = NULL;
	unsigned char *flipped = NULL;
	int *forced = NULL;
	char name[16];
	PGresult *res;
	enum store_rc rc = STORE_ERROR;
	int j, k, nforced = 0, tries, np = pg_nparams[id], tx = in_tx(c);

	if (c->prepared[id])
		return STORE_OK;
	snprintf(name, sizeof(name), "q%d", (int)id);
	if ((types = calloc((size_t)np + 1, sizeof(*types))) == NULL ||
	    (flipped = calloc((size_t)np + 1, 1)) == NULL ||
	    (forced = calloc((size_t)np + 1, sizeof(*forced))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (tx && simple(c, "SAVEPOINT rrjeti_prepare") != STORE_OK)
		goto out;
	for (tries = 0; tries < 2 * np + 2; tries++) {
		res = PQprepare(c->db, name, pg_sql[id], np, types);
		rc = res_rc(c->db, res);
		if (rc == STORE_OK) {
			PQclear(res);
			c->prepared[id] = 1;
			break;
		}
		k = untyped_param(res);
		j = -1;
		if (rc != STORE_ERROR)
			;	/* unavailable, busy: no retry */
		else if (k >= 1 && k <= np && types[k - 1] == 0) {
			j = k - 1;
			types[j] = (size_t)j < n && params[j].t == SP_INT ?
			    OID_INT8 : (size_t)j < n && params[j].t == SP_BLOB ?
			    OID_BYTEA : OID_TEXT;
			forced[nforced++] = j;
		} else if ((k = case_result_param(res, pg_sql[id])) >= 0 &&
		    k < np && !flipped[k]) {
			j = k;
			types[j] = OID_INT8;
			flipped[j] = 1;
		} else if (type_error(res) && (k = culprit(res, pg_sql[id], np,
		    forced, nforced, flipped, types)) >= 0) {
			j = k;
			types[j] = types[j] == OID_INT8 ? OID_TEXT : OID_INT8;
			flipped[j] = 1;
		}
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		PQclear(res);
		if (j < 0)
			break;
		if (tx && simple(c, "ROLLBACK TO SAVEPOINT rrjeti_prepare") !=
		    STORE_OK)
			break;
	}
	if (!c->prepared[id] && rc == STORE_OK)
		rc = STORE_ERROR;
	if (tx) {
		if (rc != STORE_OK)
			(void)simple(c, "ROLLBACK TO SAVEPOINT rrjeti_prepare");
		(void)simple(c, "RELEASE SAVEPOINT rrjeti_prepare");
	}
out:
	free(types);
	free(flipped);
	free(forced);
	return rc;
}

/* Whether id changes data: only SELECTs (and WITH ... SELECT) do not. */
static int
is_write(enum qid id)
{
	const char *s = pg_sql[id];

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '(')
		s++;
	if (strncasecmp(s, "SELECT", 6) == 0 || strncasecmp(s, "VALUES", 6) == 0)
		return 0;
	if (strncasecmp(s, "WITH", 4) == 0)
		return strcasestr(s, "INSERT ") != NULL ||
		    strcasestr(s, "UPDATE ") != NULL ||
		    strcasestr(s, "DELETE ") != NULL;
	return 1;
}

/*
 * Writes outside a transaction that need no order among writers, so they
 * take no write lock and go on while a long write transaction holds it:
 * a running import's progress (svc/importjob.c, written from a connection
 * of its own while the import's transaction runs).
 */
static int
unlocked(enum qid id)
{
	return id == Q_IJ_PROGRESS;
}

/* Takes the write lock in the open transaction (once). */
static enum store_rc
write_lock(struct pg_conn *c)
{
	enum store_rc rc;

	if (c->write)
		return STORE_OK;
	if ((rc = simple(c, "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")")) ==
	    STORE_OK)
		c->write = 1;
	return rc;
}

static enum store_rc
run(struct pg_conn *c, enum qid id, const struct sp *params, size_t n,
    store_cb cb, void *arg, int64_t *changes)
{
	const char **vals = NULL;
	int *lens = NULL, *fmts = NULL;
	char *ints = NULL, name[16], *text = NULL, *t;
	struct store_row row;
	PGresult *res;
	enum store_rc rc;
	size_t i, tlen = 1;
	int r, rows;

	/* Text goes in text format (PostgreSQL converts it to the
	 * parameter's type, as SQLite's affinity does), NUL-terminated. */
	for (i = 0; i < n; i++)
		if (params[i].t == SP_TEXT)
			tlen += params[i].n + 1;
	if ((vals = calloc(n + 1, sizeof(*vals))) == NULL ||
	    (lens = calloc(n + 1, sizeof(*lens))) == NULL ||
	    (fmts = calloc(n + 1, sizeof(*fmts))) == NULL ||
	    (ints = calloc(n + 1, 24)) == NULL ||
	    (text = malloc(tlen)) == NULL) {
		rc = STORE_ERROR;
		goto out;
	}
	t = text;
	for (i = 0; i < n; i++) {
		switch (params[i].t) {
		case SP_NULL:
			vals[i] = NULL;
			break;
		case SP_INT:
			snprintf(ints + 24 * i, 24, "%lld",
			    (long long)params[i].i);
			vals[i] = ints + 24 * i;
			break;
		case SP_TEXT:
			/* PostgreSQL text cannot hold NUL. */
			if (params[i].n > 0 &&
			    memchr(params[i].p, '\0', params[i].n) != NULL) {
				rc = STORE_CONFLICT;
				goto out;
			}
			if (params[i].n > 0)
				memcpy(t, params[i].p, params[i].n);
			t[params[i].n] = '\0';
			vals[i] = t;
			t += params[i].n + 1;
			break;
		case SP_BLOB:
			vals[i] = params[i].p ? params[i].p : "";
			lens[i] = (int)params[i].n;
			fmts[i] = 1;
			break;
		default:
			rc = STORE_ERROR;
			goto out;
		}
	}
	snprintf(name, sizeof(name), "q%d", (int)id);
	res = PQexecPrepared(c->db, name, (int)n, vals, lens, fmts, 0);
	rc = res_rc(c->db, res);
	if (rc == STORE_ERROR)
		log_warnx("store: %s: %s", query_name(id),
		    PQresultErrorMessage(res));
	if (rc == STORE_OK && PQresultStatus(res) == PGRES_TUPLES_OK && cb) {
		memset(&row, 0, sizeof(row));
		row.res = res;
		rows = PQntuples(res);
		for (r = 0; r < rows; r++) {
			row.row = r;
			if (cb(arg, &row) != 0)
				break;
		}
		if (row.aux != NULL)
			PQfreemem(row.aux);
	}
	if (changes != NULL)
		*changes = rc == STORE_OK && is_write(id) ?
		    strtoll(PQcmdTuples(res), NULL, 10) : 0;
	PQclear(res);
out:
	free(vals);
	free(lens);
	free(fmts);
	free(ints);
	free(text);
	return rc;
}

/* Whether rc says the connection was lost, outside the caller's
 * transaction: nothing of the caller's is gone with it. */
static int
lost(struct pg_conn *c, enum store_rc rc)
{
	return rc == STORE_UNAVAILABLE && !c->own &&
	    PQstatus(c->db) == CONNECTION_BAD;
}

/*
 * One attempt of pg_exec(). *again is set when it failed because the
 * connection was lost before anything could have been changed (while
 * preparing, reading, or at the BEGIN of a write of its own): then it may
 * run once more on a new connection. A connection is found lost only when
 * used, so the first call after the server restarted meets it.
 */
static enum store_rc
exec_once(struct pg_conn *c, enum qid id, const struct sp *params, size_t n,
    store_cb cb, void *arg, int64_t *changes, int *again)
{
	enum store_rc rc;
	char err[512] = "";
	int w, tx;

	*again = 0;
	if (ensure(c) != 0)
		return STORE_UNAVAILABLE;
	if ((int)n != pg_nparams[id]) {
		log_warnx("store: %s takes %d parameters, given %zu",
		    query_name(id), pg_nparams[id], n);
		return STORE_ERROR;
	}
	w = is_write(id);
	/* A write inside a read scope's transaction: out of it first. */
	if (w && c->scope && !c->own && in_tx(c))
		(void)simple(c, "COMMIT");
	if ((rc = prepare(c, id, params, n, err, sizeof(err))) != STORE_OK) {
		if (rc == STORE_ERROR)
			log_warnx("store: prepare %s: %s", query_name(id), err);
		*again = lost(c, rc);
		goto out;
	}
	tx = in_tx(c);
	if (!w) {
		rc = run(c, id, params, n, cb, arg, changes);
		*again = lost(c, rc);
	} else if (!tx) {
		/* A write of its own: under the write lock, as SQLite. */
		if ((rc = simple(c, "BEGIN")) != STORE_OK) {
			*again = lost(c, rc);
			goto out;
		}
		if ((unlocked(id) || (rc = write_lock(c)) == STORE_OK) &&
		    (rc = run(c, id, params, n, cb, arg, changes)) == STORE_OK)
			rc = simple(c, "COMMIT");
		if (rc != STORE_OK && in_tx(c))
			(void)simple(c, "ROLLBACK");
		c->write = 0;
	} else {
		if ((rc = write_lock(c)) != STORE_OK)
			goto out;
		if ((rc = simple(c, "SAVEPOINT rrjeti_stmt")) != STORE_OK)
			goto out;
		rc = run(c, id, params, n, cb, arg, changes);
		if (rc != STORE_OK && rc != STORE_UNAVAILABLE)
			(void)simple(c, "ROLLBACK TO SAVEPOINT rrjeti_stmt");
		if (rc != STORE_UNAVAILABLE)
			(void)simple(c, "RELEASE SAVEPOINT rrjeti_stmt");
	}
out:
	if (c->scope && !c->own && !in_tx(c) &&
	    PQstatus(c->db) == CONNECTION_OK)
		(void)simple(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	return rc;
}

static enum store_rc
pg_exec(void *p, enum qid id, const struct sp *params, size_t n,
    store_cb cb, void *arg, int64_t *changes)
{
	struct pg_conn *c = p;
	enum store_rc rc;
	int again;

	if (changes != NULL)
		*changes = 0;
	if ((unsigned)id >= Q__MAX)
		return STORE_ERROR;
	rc = exec_once(c, id, params, n, cb, arg, changes, &again);
	if (rc == STORE_UNAVAILABLE && again)
		rc = exec_once(c, id, params, n, cb, arg, changes, &again);
	return rc;
}

/* ---- transactions ---- */

static void
rescope(struct pg_conn *c)
{
	c->own = 0;
	c->write = 0;
	if (c->scope && !in_tx(c) && PQstatus(c->db) == CONNECTION_OK)
		(void)simple(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

static enum store_rc
pg_begin(void *p, int write)
{
	struct pg_conn *c = p;
	enum store_rc rc = STORE_UNAVAILABLE;
	int tries;

	if (c->own)		/* not nested: refused, nothing changes */
		return STORE_ERROR;
	/* Nothing is changed before the caller's first statement: a
	 * connection found lost here is replaced and BEGIN sent again. */
	for (tries = 0; tries < 2; tries++) {
		if (ensure(c) != 0)
			return STORE_UNAVAILABLE;
		if (c->scope && in_tx(c))
			(void)simple(c, "COMMIT");
		c->write = 0;
		rc = simple(c, write ? "BEGIN ISOLATION LEVEL READ COMMITTED" :
		    "BEGIN ISOLATION LEVEL REPEATABLE READ");
		if (rc == STORE_OK && write && (rc = write_lock(c)) != STORE_OK &&
		    PQstatus(c->db) == CONNECTION_OK)
			(void)simple(c, "ROLLBACK");
		if (PQstatus(c->db) == CONNECTION_OK)
			break;
	}
	if (rc == STORE_OK)
		c->own = 1;
	else
		rescope(c);
	return rc;
}

static enum store_rc
pg_commit(void *p)
{
	struct pg_conn *c = p;
	PGresult *res;
	enum store_rc rc;

	if (!c->own)
		return STORE_ERROR;
	res = PQexec(c->db, "COMMIT");
	rc = res_rc(c->db, res);
	/* COMMIT of a failed transaction answers ROLLBACK: not a success. */
	if (rc == STORE_OK && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
		rc = STORE_ERROR;
	PQclear(res);
	if (rc != STORE_OK && in_tx(c))
		return rc;	/* still open: the caller rolls back */
	rescope(c);
	return rc;
}

static enum store_rc
pg_rollback(void *p)
{
	struct pg_conn *c = p;
	enum store_rc rc = STORE_OK;

	if (!c->own)		/* none of the caller's: harmless */
		return STORE_OK;
	if (in_tx(c))
		rc = simple(c, "ROLLBACK");
	if (PQstatus(c->db) != CONNECTION_OK)
		rc = STORE_OK;	/* gone with the connection */
	rescope(c);
	return rc;
}

static void
pg_read_scope(void *p, int on)
{
	struct pg_conn *c = p;

	if (on && !c->scope) {
		c->scope = 1;
		if (!c->own && ensure(c) == 0 && !in_tx(c))
			(void)simple(c, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	} else if (!on && c->scope) {
		c->scope = 0;
		if (!c->own && in_tx(c))
			(void)simple(c, "COMMIT");
	}
}

/* ---- migrations ---- */

static enum store_rc
pg_script(void *p, const char *sql, char *err, size_t errlen)
{
	struct pg_conn *c = p;
	PGresult *res;
	enum store_rc rc;

	if (ensure(c) != 0) {
		snprintf(err, errlen, "the database cannot be reached");
		return STORE_UNAVAILABLE;
	}
	res = PQexec(c->db, sql);
	if ((rc = res_rc(c->db, res)) != STORE_OK)
		snprintf(err, errlen, "%s", PQresultErrorMessage(res));
	PQclear(res);
	return rc;
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

/* The schema version: 0 before the first migration. */
static enum store_rc
read_version(struct pg_conn *c, int *v)
{
	PGresult *res;
	enum store_rc rc;
	int exists = 0;

	*v = 0;
	res = PQexec(c->db, "SELECT to_regclass('schema_version') IS NOT NULL");
	if ((rc = res_rc(c->db, res)) == STORE_OK && PQntuples(res) == 1)
		exists = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (rc != STORE_OK || !exists)
		return rc;
	res = PQexec(c->db, "SELECT max(version) FROM schema_version");
	if ((rc = res_rc(c->db, res)) == STORE_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0))
		*v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return rc;
}

static enum store_rc
pg_version(void *p, int *current, int *latest)
{
	struct pg_conn *c = p;

	*latest = latest_migration();
	*current = 0;
	if (ensure(c) != 0)
		return STORE_UNAVAILABLE;
	return read_version(c, current);
}

/*
 * Runs each migration above the schema version, each in its own
 * transaction under the write lock (two nodes starting at once migrate
 * once), recording its number in schema_version.
 */
static enum store_rc
pg_migrate(void *p, int *from, int *to, char *err, size_t errlen)
{
	struct pg_conn *c = p;
	const struct embedded_file *files[STORE_MIGRATIONS_MAX];
	int nums[STORE_MIGRATIONS_MAX], i, n;
	char sql[128], msg[512];
	int cur = 0, num;
	enum store_rc rc;

	if (ensure(c) != 0) {
		snprintf(err, errlen, "the database cannot be reached");
		return STORE_UNAVAILABLE;
	}
	if ((rc = read_version(c, &cur)) != STORE_OK) {
		snprintf(err, errlen, "cannot read the schema version: %s",
		    PQerrorMessage(c->db));
		return rc;
	}
	*from = *to = cur;
	if ((n = store_migrations(MIGRATION_DIR, files, nums, err, errlen)) < 0)
		return STORE_ERROR;
	for (i = 0; i < n; i++) {
		num = nums[i];
		if (num <= cur)
			continue;
		c->write = 0;
		if ((rc = simple(c, "BEGIN")) != STORE_OK ||
		    (rc = write_lock(c)) != STORE_OK) {
			snprintf(err, errlen, "cannot lock the database: %s",
			    store_rc_str(rc));
			(void)simple(c, "ROLLBACK");
			c->write = 0;
			return rc;
		}
		/* Another node may have run it while we waited. */
		if ((rc = read_version(c, &cur)) != STORE_OK || num <= cur) {
			(void)simple(c, "ROLLBACK");
			c->write = 0;
			if (rc != STORE_OK)
				return rc;
			continue;
		}
		if ((rc = pg_script(c, files[i]->data, msg, sizeof(msg))) !=
		    STORE_OK) {
			snprintf(err, errlen, "%s: %s", files[i]->path, msg);
			(void)simple(c, "ROLLBACK");
			c->write = 0;
			return rc == STORE_OK ? STORE_ERROR : rc;
		}
		snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS "
		    "schema_version (version INTEGER NOT NULL);"
		    "INSERT INTO schema_version VALUES (%d)", num);
		if ((rc = simple(c, sql)) != STORE_OK ||
		    (rc = simple(c, "COMMIT")) != STORE_OK) {
			snprintf(err, errlen, "%s: cannot commit", files[i]->path);
			(void)simple(c, "ROLLBACK");
			c->write = 0;
			return rc;
		}
		c->write = 0;
		cur = num;
		*to = cur;
	}
	return STORE_OK;
}

/* ---- the table ---- */

static const struct store_ops pgsql_ops = {
	.name = "postgresql",
	.conn_open = pg_open,
	.conn_close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.migrate = pg_migrate,
	.version = pg_version,
	.script = pg_script,
	.read_scope = pg_read_scope,
};

static void
build_sql(void)
{
	size_t i;
	int n;

	for (i = 0; i < Q__MAX; i++) {
		if (sql_pgsql_override[i] != NULL)
			pg_sql[i] = sql_pgsql_translate(sql_pgsql_override[i],
			    &n);
		else if (sql_sqlite[i] != NULL)
			pg_sql[i] = sql_pgsql_translate(sql_sqlite[i], &n);
		else
			pg_sql[i] = NULL;
		if (pg_sql[i] == NULL || pg_sql[i][0] == '\0') {
			log_warnx("store: query %s has no PostgreSQL SQL",
			    query_name((enum qid)i));
			return;
		}
		pg_nparams[i] = n;
	}
	pg_ready = 1;
}

const struct store_ops *
store_pgsql_ops(void)
{
	(void)pthread_once(&pg_once, build_sql);
	return pg_ready ? &pgsql_ops : NULL;
}

const char *
store_pgsql_sql(enum qid id)
{
	if (store_pgsql_ops() == NULL || (unsigned)id >= Q__MAX)
		return NULL;
	return pg_sql[id];
}

int
store_pgsql_prepare_all(struct store *st,
    void (*bad)(void *, enum qid, const char *), void *arg, char *err,
    size_t errlen)
{
	struct pg_conn *c;
	char one[1024];
	size_t i;
	int nbad = 0;

	if (store_ops(st) != &pgsql_ops) {
		snprintf(err, errlen, "not a PostgreSQL store");
		return -1;
	}
	if ((c = pg_open(st, err, errlen)) == NULL)
		return -1;
	for (i = 0; i < Q__MAX; i++) {
		one[0] = '\0';
		if (prepare(c, (enum qid)i, NULL, 0, one, sizeof(one)) ==
		    STORE_OK)
			continue;
		nbad++;
		if (bad != NULL)
			bad(arg, (enum qid)i, one);
	}
	pg_close(c);
	return nbad;
}
