/*
 * store_copy.c — an SQLite database copied into PostgreSQL (store layer).
 * See store_copy.h. The SQLite side is read with the sqlite3 API (a read
 * transaction: one snapshot), the PostgreSQL side written with COPY FROM
 * STDIN in text format through libpq. Identifiers come from the two
 * schemas only, quoted; no value is ever put into SQL text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "../util/embed.h"
#include "store.h"
#include "store_backend.h"
#include "store_copy.h"

/* The key of the store's write lock (store_pgsql.c, WRITE_LOCK): running
 * nodes wait while the copy runs. */
#define COPY_WRITE_LOCK	"7364823452300001"
#define COPY_FLUSH	(256u * 1024)	/* bytes per PQputCopyData() */
#define PG_MIGRATIONS	"src/store/migrations/pgsql/"

struct col {
	char	 name[COPY_NAME_MAX];
	int	 bytea;		/* the target column is bytea */
	int	 rowid;		/* read SQLite's rowid (no such source column) */
};

struct tbl {
	char		 name[COPY_NAME_MAX];
	int64_t		 rows;
	int		 wr;		/* WITHOUT ROWID */
	struct col	*cols;
	size_t		 ncols;
	int		 placed;	/* in the copy order already */
};

struct fk {
	char	 name[COPY_NAME_MAX];
	size_t	 child, parent;	/* indices into the tables */
	char	*def;		/* pg_get_constraintdef() */
	int	 dropped;	/* for the copy, added back after */
};

struct copy {
	sqlite3			*src;
	PGconn			*db;
	struct tbl		*t;
	size_t			 n;
	struct fk		*fk;
	size_t			 nfk;
	size_t			*order;
	struct copy_report	*rep;
	char			*buf;	/* the COPY data being sent */
	size_t			 blen, bcap;
	int			 oom;
};

static int
fail(struct copy_report *rep, const char *fmt, const char *a, const char *b)
{
	char *nl;

	snprintf(rep->err, sizeof(rep->err), fmt, a ? a : "", b ? b : "");
	/* PostgreSQL's messages end with a newline; keep one line. */
	while ((nl = strchr(rep->err, '\n')) != NULL && nl[1] == '\0')
		*nl = '\0';
	for (nl = rep->err; (nl = strchr(nl, '\n')) != NULL; )
		*nl = ' ';
	return -1;
}

/* ---------------------------------------------------------------- SQLite */

static int
src_open(const char *path, sqlite3 **db, struct copy_report *rep)
{
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fail(rep, "%s: %s", path, *db ? sqlite3_errmsg(*db) :
		    "cannot open");
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(*db, 5000);
	/* One snapshot for the list, the counts and every row. */
	if (sqlite3_exec(*db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return fail(rep, "%s: %s", path, sqlite3_errmsg(*db));
	return 0;
}

static int
src_count(struct copy *c, struct tbl *t)
{
	sqlite3_stmt *s;
	char sql[200];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", t->name);
	if (sqlite3_prepare_v2(c->src, sql, -1, &s, NULL) != SQLITE_OK)
		return fail(c->rep, "source table %s: %s", t->name,
		    sqlite3_errmsg(c->src));
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		t->rows = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return fail(c->rep, "source table %s: %s", t->name,
		    sqlite3_errmsg(c->src));
	return 0;
}

/* The tables of the source, by name, with their counts: ordinary and
 * virtual ones (the full-text index: on PostgreSQL a table of the same
 * name and columns), not SQLite's own nor a virtual table's shadow
 * tables. */
static int
src_tables(struct copy *c)
{
	sqlite3_stmt *s;
	const char *name;
	struct tbl *nt;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(c->src, "SELECT name, wr FROM pragma_table_list"
	    " WHERE schema = 'main' AND type IN ('table', 'virtual') AND name"
	    " NOT LIKE"
	    " 'sqlite\\_%' ESCAPE '\\' ORDER BY name", -1, &s, NULL) !=
	    SQLITE_OK)
		return fail(c->rep, "the source schema: %s",
		    sqlite3_errmsg(c->src), NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(s, 0);
		if (name == NULL || strlen(name) >= COPY_NAME_MAX ||
		    strchr(name, '"') != NULL) {
			sqlite3_finalize(s);
			return fail(c->rep, "the source has a table named %s, "
			    "which cannot be copied", name, NULL);
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nt = realloc(c->t, cap * sizeof(*nt))) == NULL) {
				sqlite3_finalize(s);
				return fail(c->rep, "out of memory", NULL, NULL);
			}
			c->t = nt;
		}
		memset(&c->t[c->n], 0, sizeof(c->t[c->n]));
		snprintf(c->t[c->n].name, COPY_NAME_MAX, "%s", name);
		c->t[c->n].wr = sqlite3_column_int(s, 1);
		c->n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fail(c->rep, "the source schema: %s",
		    sqlite3_errmsg(c->src), NULL);
	if (c->n == 0)
		return fail(c->rep, "the source database has no tables",
		    NULL, NULL);
	return 0;
}

/* 1 when table t of the source has a column named name. */
static int
src_has_col(struct copy *c, const struct tbl *t, const char *name)
{
	sqlite3_stmt *s;
	int found = 0;

	if (sqlite3_prepare_v2(c->src, "SELECT 1 FROM pragma_table_info(?1)"
	    " WHERE name = ?2", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

/* ------------------------------------------------------------ PostgreSQL */

static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static PGconn *
pg_connect(const char *url, struct copy_report *rep)
{
	const char *keys[] = { "dbname", "application_name",
	    "client_encoding", "connect_timeout", NULL };
	const char *vals[] = { url, "rrjeti-migrate-store", "UTF8", "5", NULL };
	PGconn *db;
	PGresult *r;

	db = PQconnectdbParams(keys, vals, 1);
	if (db == NULL || PQstatus(db) != CONNECTION_OK) {
		fail(rep, "PostgreSQL: %s", db ? PQerrorMessage(db) :
		    "out of memory", NULL);
		PQfinish(db);
		return NULL;
	}
	PQsetNoticeProcessor(db, quiet, NULL);
	r = PQexec(db, "SET lock_timeout = '30s'; SET TIME ZONE 'UTC';"
	    " SET client_min_messages = warning");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fail(rep, "PostgreSQL: %s", PQerrorMessage(db), NULL);
		PQclear(r);
		PQfinish(db);
		return NULL;
	}
	PQclear(r);
	return db;
}

/* Runs a command; -1 with the error (what names the step). */
static int
pg_do(PGconn *db, const char *sql, const char *what, struct copy_report *rep)
{
	PGresult *r = PQexec(db, sql);
	ExecStatusType st = PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		fail(rep, "%s: %s", what, PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

/* The rows of a query; NULL with the error (what names the step). */
static PGresult *
pg_select(PGconn *db, const char *sql, const char *what,
    struct copy_report *rep)
{
	PGresult *r = PQexec(db, sql);

	if (PQresultStatus(r) == PGRES_TUPLES_OK)
		return r;
	fail(rep, "%s: %s", what, PQresultErrorMessage(r));
	PQclear(r);
	return NULL;
}

/* A quoted identifier in the arena-less way: malloc'd, NULL when out of
 * memory. */
static char *
ident(PGconn *db, const char *name)
{
	return PQescapeIdentifier(db, name, strlen(name));
}

static struct tbl *
tbl_find(struct copy *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->t[i].name, name) == 0)
			return &c->t[i];
	return NULL;
}

/* The target's columns of each source table, in the target's order; every
 * source column must be there. */
static int
pg_columns(struct copy *c)
{
	PGresult *r;
	struct tbl *t;
	struct col *nc;
	const char *tn, *cn;
	size_t i;
	int k, rows, has;

	if ((r = pg_select(c->db, "SELECT table_name, column_name, data_type"
	    " FROM information_schema.columns WHERE table_schema ="
	    " current_schema() ORDER BY table_name, ordinal_position",
	    "the target schema", c->rep)) == NULL)
		return -1;
	rows = PQntuples(r);
	for (k = 0; k < rows; k++) {
		tn = PQgetvalue(r, k, 0);
		cn = PQgetvalue(r, k, 1);
		if ((t = tbl_find(c, tn)) == NULL)
			continue;	/* PostgreSQL's own (schema_version) */
		if (strlen(cn) >= COPY_NAME_MAX)
			continue;
		has = src_has_col(c, t, cn);
		if (has < 0) {
			PQclear(r);
			return fail(c->rep, "source table %s: %s", t->name,
			    sqlite3_errmsg(c->src));
		}
		if (!has && strcmp(cn, "rowid") != 0)
			continue;	/* the target's default */
		if ((nc = realloc(t->cols, (t->ncols + 1) * sizeof(*nc))) ==
		    NULL) {
			PQclear(r);
			return fail(c->rep, "out of memory", NULL, NULL);
		}
		t->cols = nc;
		memset(&nc[t->ncols], 0, sizeof(nc[0]));
		snprintf(nc[t->ncols].name, COPY_NAME_MAX, "%s", cn);
		nc[t->ncols].bytea = strcmp(PQgetvalue(r, k, 2), "bytea") == 0;
		nc[t->ncols].rowid = !has;
		t->ncols++;
	}
	PQclear(r);
	for (i = 0; i < c->n; i++) {
		sqlite3_stmt *s;
		const char *name;
		size_t j;
		int found;

		t = &c->t[i];
		if (t->ncols == 0)
			return fail(c->rep, "table %s is not in the target "
			    "database (is its schema migrated to the same "
			    "version?)", t->name, NULL);
		if (sqlite3_prepare_v2(c->src, "SELECT name FROM"
		    " pragma_table_info(?1)", -1, &s, NULL) != SQLITE_OK)
			return fail(c->rep, "source table %s: %s", t->name,
			    sqlite3_errmsg(c->src));
		sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			name = (const char *)sqlite3_column_text(s, 0);
			for (j = 0, found = 0; name && j < t->ncols; j++)
				found |= strcmp(t->cols[j].name, name) == 0;
			if (!found) {
				fail(c->rep, "column %s.%s is not in the target "
				    "database", t->name, name);
				sqlite3_finalize(s);
				return -1;
			}
		}
		sqlite3_finalize(s);
	}
	return 0;
}

/*
 * The tables the PostgreSQL migrations fill themselves (INSERT INTO name
 * in their text): the only ones an empty target may have rows in.
 */
static int
seeded(const char *table)
{
	const struct embedded_file *files[STORE_MIGRATIONS_MAX];
	int nums[STORE_MIGRATIONS_MAX], n, i;
	const char *p;
	char err[8];
	size_t len = strlen(table);

	n = store_migrations(PG_MIGRATIONS, files, nums, err, sizeof(err));
	for (i = 0; i < n; i++)
		for (p = files[i]->data; (p = strcasestr(p, "INSERT INTO ")) !=
		    NULL; p++) {
			p += 12;
			while (*p == ' ' || *p == '"')
				p++;
			if (strncmp(p, table, len) == 0 && (p[len] == ' ' ||
			    p[len] == '"' || p[len] == '(' || p[len] == '\n' ||
			    p[len] == '\t'))
				return 1;
		}
	return 0;
}

/* Refuses a target with rows beyond what its migrations put in. */
static int
pg_empty(struct copy *c)
{
	PGresult *r;
	char sql[200], *q;
	size_t i;
	int has;

	for (i = 0; i < c->n; i++) {
		if (seeded(c->t[i].name))
			continue;
		if ((q = ident(c->db, c->t[i].name)) == NULL)
			return fail(c->rep, "out of memory", NULL, NULL);
		snprintf(sql, sizeof(sql), "SELECT 1 FROM %s LIMIT 1", q);
		PQfreemem(q);
		if ((r = pg_select(c->db, sql, c->t[i].name, c->rep)) == NULL)
			return -1;
		has = PQntuples(r) > 0;
		PQclear(r);
		if (has)
			return fail(c->rep, "the target database is not empty "
			    "(table %s has rows): migrate-store copies into a "
			    "new database, created and migrated only", c->t[i].name,
			    NULL);
	}
	return 0;
}

/* The foreign keys between the copied tables. */
static int
pg_fks(struct copy *c)
{
	PGresult *r;
	struct tbl *ch, *pa;
	int k, rows;

	if ((r = pg_select(c->db, "SELECT k.conname, a.relname, b.relname,"
	    " pg_get_constraintdef(k.oid) FROM pg_constraint k"
	    " JOIN pg_class a ON a.oid = k.conrelid"
	    " JOIN pg_class b ON b.oid = k.confrelid"
	    " JOIN pg_namespace n ON n.oid = a.relnamespace"
	    " WHERE k.contype = 'f' AND n.nspname = current_schema()"
	    " ORDER BY a.relname, k.conname", "the target's foreign keys",
	    c->rep)) == NULL)
		return -1;
	rows = PQntuples(r);
	if ((c->fk = calloc((size_t)rows + 1, sizeof(*c->fk))) == NULL) {
		PQclear(r);
		return fail(c->rep, "out of memory", NULL, NULL);
	}
	for (k = 0; k < rows; k++) {
		if ((ch = tbl_find(c, PQgetvalue(r, k, 1))) == NULL ||
		    (pa = tbl_find(c, PQgetvalue(r, k, 2))) == NULL ||
		    strlen(PQgetvalue(r, k, 0)) >= COPY_NAME_MAX)
			continue;
		snprintf(c->fk[c->nfk].name, COPY_NAME_MAX, "%s",
		    PQgetvalue(r, k, 0));
		c->fk[c->nfk].child = (size_t)(ch - c->t);
		c->fk[c->nfk].parent = (size_t)(pa - c->t);
		if ((c->fk[c->nfk].def = strdup(PQgetvalue(r, k, 3))) == NULL) {
			PQclear(r);
			return fail(c->rep, "out of memory", NULL, NULL);
		}
		c->nfk++;
	}
	PQclear(r);
	return 0;
}

/*
 * The copy order: a table after every table its foreign keys name. A key
 * to the same table, or one that closes a cycle, is marked dropped: taken
 * off for the copy and added back after (which checks every row).
 */
static int
order(struct copy *c)
{
	size_t i, k, placed = 0;
	int ready, progress;

	if ((c->order = calloc(c->n, sizeof(*c->order))) == NULL)
		return fail(c->rep, "out of memory", NULL, NULL);
	for (k = 0; k < c->nfk; k++)
		if (c->fk[k].child == c->fk[k].parent)
			c->fk[k].dropped = 1;
	while (placed < c->n) {
		progress = 0;
		for (i = 0; i < c->n; i++) {
			if (c->t[i].placed)
				continue;
			ready = 1;
			for (k = 0; k < c->nfk && ready; k++)
				if (c->fk[k].child == i && !c->fk[k].dropped &&
				    !c->t[c->fk[k].parent].placed)
					ready = 0;
			if (!ready)
				continue;
			c->t[i].placed = 1;
			c->order[placed++] = i;
			progress = 1;
		}
		if (progress)
			continue;
		/* A cycle: the first table left goes next, its keys to
		 * tables not yet copied dropped for the copy. */
		for (i = 0; i < c->n && c->t[i].placed; i++)
			;
		for (k = 0; k < c->nfk; k++)
			if (c->fk[k].child == i &&
			    !c->t[c->fk[k].parent].placed)
				c->fk[k].dropped = 1;
	}
	return 0;
}

/* ALTER TABLE t <what> for each table (or each dropped key). */
static int
alter_all(struct copy *c, const char *what)
{
	char sql[300], *q;
	size_t i;

	for (i = 0; i < c->n; i++) {
		if ((q = ident(c->db, c->t[i].name)) == NULL)
			return fail(c->rep, "out of memory", NULL, NULL);
		snprintf(sql, sizeof(sql), "ALTER TABLE %s %s", q, what);
		PQfreemem(q);
		if (pg_do(c->db, sql, c->t[i].name, c->rep) != 0)
			return -1;
	}
	return 0;
}

static int
fks_drop(struct copy *c, int add)
{
	char *sql, *q, *qn;
	size_t k, len;
	int rc;

	for (k = 0; k < c->nfk; k++) {
		if (!c->fk[k].dropped)
			continue;
		q = ident(c->db, c->t[c->fk[k].child].name);
		qn = ident(c->db, c->fk[k].name);
		len = 64 + strlen(c->fk[k].def) + (q ? strlen(q) : 0) +
		    (qn ? strlen(qn) : 0);
		if (q == NULL || qn == NULL || (sql = malloc(len)) == NULL) {
			PQfreemem(q);
			PQfreemem(qn);
			return fail(c->rep, "out of memory", NULL, NULL);
		}
		if (add)
			snprintf(sql, len, "ALTER TABLE %s ADD CONSTRAINT %s %s",
			    q, qn, c->fk[k].def);
		else
			snprintf(sql, len, "ALTER TABLE %s DROP CONSTRAINT %s",
			    q, qn);
		rc = pg_do(c->db, sql, c->t[c->fk[k].child].name, c->rep);
		free(sql);
		PQfreemem(q);
		PQfreemem(qn);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* TRUNCATE of every copied table, in one statement. */
static int
truncate_all(PGconn *db, const struct copy_report *rep, struct copy_report *e)
{
	char *sql, *q;
	size_t i, len = 64, at;
	int rc;

	for (i = 0; i < rep->n; i++)
		len += 2 * strlen(rep->t[i].name) + 4;
	if ((sql = malloc(len)) == NULL)
		return fail(e, "out of memory", NULL, NULL);
	at = (size_t)snprintf(sql, len, "TRUNCATE ");
	for (i = 0; i < rep->n; i++) {
		if ((q = ident(db, rep->t[i].name)) == NULL) {
			free(sql);
			return fail(e, "out of memory", NULL, NULL);
		}
		at += (size_t)snprintf(sql + at, len - at, "%s%s", i ? ", " : "",
		    q);
		PQfreemem(q);
	}
	snprintf(sql + at, len - at, " RESTART IDENTITY");
	rc = pg_do(db, sql, "emptying the target", e);
	free(sql);
	return rc;
}

/* ------------------------------------------------------------ the rows */

static void
put(struct copy *c, const char *p, size_t n)
{
	char *nb;
	size_t cap;

	if (c->oom)
		return;
	if (c->blen + n > c->bcap) {
		for (cap = c->bcap ? c->bcap : 2 * COPY_FLUSH; cap < c->blen + n;
		    cap *= 2)
			;
		if ((nb = realloc(c->buf, cap)) == NULL) {
			c->oom = 1;
			return;
		}
		c->buf = nb;
		c->bcap = cap;
	}
	memcpy(c->buf + c->blen, p, n);
	c->blen += n;
}

/* Text for COPY's text format: backslash, tab, newline, CR escaped. */
static void
put_text(struct copy *c, const unsigned char *s, size_t n)
{
	size_t i, from = 0;
	const char *esc;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default: continue;
		}
		put(c, (const char *)s + from, i - from);
		put(c, esc, 2);
		from = i + 1;
	}
	put(c, (const char *)s + from, n - from);
}

/* bytea in COPY text: \\x and hex digits. */
static void
put_hex(struct copy *c, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char two[2];
	size_t i;

	put(c, "\\\\x", 3);
	for (i = 0; i < n; i++) {
		two[0] = hex[s[i] >> 4];
		two[1] = hex[s[i] & 15];
		put(c, two, 2);
	}
}

static void
put_value(struct copy *c, sqlite3_stmt *s, int k, const struct col *col)
{
	const unsigned char *v;
	char num[40];
	int n;

	switch (sqlite3_column_type(s, k)) {
	case SQLITE_NULL:
		put(c, "\\N", 2);
		return;
	case SQLITE_FLOAT:
		n = snprintf(num, sizeof(num), "%.17g",
		    sqlite3_column_double(s, k));
		put(c, num, (size_t)n);
		return;
	case SQLITE_BLOB:
		v = sqlite3_column_blob(s, k);
		break;
	default:
		v = sqlite3_column_text(s, k);
		break;
	}
	n = sqlite3_column_bytes(s, k);
	if (col->bytea)
		put_hex(c, v ? v : (const unsigned char *)"", (size_t)n);
	else
		put_text(c, v ? v : (const unsigned char *)"", (size_t)n);
}

static int
flush(struct copy *c, const char *table)
{
	if (c->oom)
		return fail(c->rep, "table %s: out of memory", table, NULL);
	if (c->blen > 0 && PQputCopyData(c->db, c->buf, (int)c->blen) != 1)
		return fail(c->rep, "table %s: %s", table,
		    PQerrorMessage(c->db));
	c->blen = 0;
	return 0;
}

/* The COPY's result: 0 when it went in. */
static int
copy_end(struct copy *c, const char *table, const char *abort_msg)
{
	PGresult *r;
	const char *ctx;
	int rc = 0;

	if (PQputCopyEnd(c->db, abort_msg) != 1)
		return fail(c->rep, "table %s: %s", table,
		    PQerrorMessage(c->db));
	while ((r = PQgetResult(c->db)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0) {
			ctx = PQresultErrorField(r, PG_DIAG_CONTEXT);
			fail(c->rep, "%s (%s)", PQresultErrorField(r,
			    PG_DIAG_MESSAGE_PRIMARY), ctx ? ctx : table);
			rc = -1;
		}
		PQclear(r);
	}
	return rc;
}

static int
copy_table(struct copy *c, struct tbl *t)
{
	sqlite3_stmt *s = NULL;
	PGresult *r;
	char *sql = NULL, *pgsql = NULL, *q;
	size_t i, len, at, pat;
	int64_t n = 0;
	int rc, k;

	len = 4 * COPY_NAME_MAX + 64 + t->ncols * (2 * COPY_NAME_MAX + 8);
	if ((sql = malloc(len)) == NULL || (pgsql = malloc(len)) == NULL) {
		free(sql);
		return fail(c->rep, "out of memory", NULL, NULL);
	}
	if ((q = ident(c->db, t->name)) == NULL) {
		rc = fail(c->rep, "out of memory", NULL, NULL);
		goto out;
	}
	at = (size_t)snprintf(sql, len, "SELECT ");
	pat = (size_t)snprintf(pgsql, len, "COPY %s (", q);
	PQfreemem(q);
	for (i = 0; i < t->ncols; i++) {
		if (t->cols[i].rowid)
			at += (size_t)snprintf(sql + at, len - at, "%srowid",
			    i ? ", " : "");
		else
			at += (size_t)snprintf(sql + at, len - at, "%s\"%s\"",
			    i ? ", " : "", t->cols[i].name);
		if ((q = ident(c->db, t->cols[i].name)) == NULL) {
			rc = fail(c->rep, "out of memory", NULL, NULL);
			goto out;
		}
		pat += (size_t)snprintf(pgsql + pat, len - pat, "%s%s",
		    i ? ", " : "", q);
		PQfreemem(q);
	}
	snprintf(sql + at, len - at, " FROM \"%s\"%s", t->name,
	    t->wr ? "" : " ORDER BY rowid");
	snprintf(pgsql + pat, len - pat, ") FROM STDIN");
	if (sqlite3_prepare_v2(c->src, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = fail(c->rep, "source table %s: %s", t->name,
		    sqlite3_errmsg(c->src));
		goto out;
	}
	r = PQexec(c->db, pgsql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		rc = fail(c->rep, "table %s: %s", t->name,
		    PQresultErrorMessage(r));
		PQclear(r);
		goto out;
	}
	PQclear(r);
	c->blen = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (k = 0; k < (int)t->ncols; k++) {
			if (k > 0)
				put(c, "\t", 1);
			put_value(c, s, k, &t->cols[k]);
		}
		put(c, "\n", 1);
		n++;
		if (c->blen >= COPY_FLUSH && flush(c, t->name) != 0) {
			(void)copy_end(c, t->name, "abandoned");
			rc = -1;
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		fail(c->rep, "source table %s: %s", t->name,
		    sqlite3_errmsg(c->src));
		(void)copy_end(c, t->name, "abandoned");
		rc = -1;
		goto out;
	}
	if (flush(c, t->name) != 0) {
		(void)copy_end(c, t->name, "abandoned");
		rc = -1;
		goto out;
	}
	if ((rc = copy_end(c, t->name, NULL)) != 0)
		goto out;
	if (n != t->rows) {
		char a[64];

		snprintf(a, sizeof(a), "%lld of %lld", (long long)n,
		    (long long)t->rows);
		rc = fail(c->rep, "table %s: %s rows read", t->name, a);
	}
out:
	sqlite3_finalize(s);
	free(sql);
	free(pgsql);
	return rc;
}

/* Every identity (or serial) column's sequence set past its highest id. */
static int
sequences(struct copy *c)
{
	PGresult *r, *x;
	const char *vals[2];
	int k, rows, rc = 0;

	if ((r = pg_select(c->db, "SELECT table_name, column_name FROM"
	    " information_schema.columns WHERE table_schema = current_schema()"
	    " AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
	    "the target's sequences", c->rep)) == NULL)
		return -1;
	rows = PQntuples(r);
	for (k = 0; k < rows && rc == 0; k++) {
		char *qt, *qc, sql[400];

		if (tbl_find(c, PQgetvalue(r, k, 0)) == NULL)
			continue;
		qt = ident(c->db, PQgetvalue(r, k, 0));
		qc = ident(c->db, PQgetvalue(r, k, 1));
		if (qt == NULL || qc == NULL) {
			PQfreemem(qt);
			PQfreemem(qc);
			rc = fail(c->rep, "out of memory", NULL, NULL);
			break;
		}
		/* pg_get_serial_sequence() takes the table as SQL text. */
		snprintf(sql, sizeof(sql), "SELECT setval(pg_get_serial_sequence"
		    "($1, $2), coalesce(max(%s), 0) + 1, false) FROM %s", qc, qt);
		vals[0] = qt;
		vals[1] = PQgetvalue(r, k, 1);
		x = PQexecParams(c->db, sql, 2, NULL, vals, NULL, NULL, 0);
		if (PQresultStatus(x) != PGRES_TUPLES_OK)
			rc = fail(c->rep, "the sequence of %s: %s",
			    PQgetvalue(r, k, 0), PQresultErrorMessage(x));
		PQclear(x);
		PQfreemem(qt);
		PQfreemem(qc);
	}
	PQclear(r);
	return rc;
}

/* The target's count of each table against the source's: 0 or -1. */
static int
counts(PGconn *db, const struct copy_report *rep, struct copy_report *e)
{
	PGresult *r;
	char sql[200], *q, a[80];
	size_t i;
	int64_t n;

	for (i = 0; i < rep->n; i++) {
		if ((q = ident(db, rep->t[i].name)) == NULL)
			return fail(e, "out of memory", NULL, NULL);
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", q);
		PQfreemem(q);
		if ((r = pg_select(db, sql, rep->t[i].name, e)) == NULL)
			return -1;
		n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
		if (n != rep->t[i].rows) {
			snprintf(a, sizeof(a), "%lld rows, the source %lld",
			    (long long)n, (long long)rep->t[i].rows);
			return fail(e, "table %s differs: the target has %s",
			    rep->t[i].name, a);
		}
	}
	return 0;
}

/* ------------------------------------------------------------ interface */

static void
copy_free(struct copy *c)
{
	size_t i;

	if (c->db != NULL)
		PQfinish(c->db);
	if (c->src != NULL) {
		(void)sqlite3_exec(c->src, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(c->src);
	}
	for (i = 0; i < c->n; i++)
		free(c->t[i].cols);
	free(c->t);
	for (i = 0; i < c->nfk; i++)
		free(c->fk[i].def);
	free(c->fk);
	free(c->order);
	free(c->buf);
}

/* The report's table list from c (in the copy order when there is one). */
static int
report_fill(struct copy *c)
{
	struct copy_report *rep = c->rep;
	size_t i, j;

	free(rep->t);
	rep->n = 0;
	rep->rows = 0;
	if ((rep->t = calloc(c->n + 1, sizeof(*rep->t))) == NULL)
		return fail(rep, "out of memory", NULL, NULL);
	for (i = 0; i < c->n; i++) {
		j = c->order ? c->order[i] : i;
		snprintf(rep->t[i].name, COPY_NAME_MAX, "%s", c->t[j].name);
		rep->t[i].rows = c->t[j].rows;
		rep->rows += c->t[j].rows;
	}
	rep->n = c->n;
	return 0;
}

static int
load_source(struct copy *c, const char *path)
{
	size_t i;

	if (src_open(path, &c->src, c->rep) != 0 || src_tables(c) != 0)
		return -1;
	for (i = 0; i < c->n; i++)
		if (src_count(c, &c->t[i]) != 0)
			return -1;
	return 0;
}

int
store_copy_tables(const char *path, struct copy_report *out)
{
	struct copy c;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.rep = out;
	rc = load_source(&c, path) == 0 && report_fill(&c) == 0 ? 0 : -1;
	copy_free(&c);
	return rc;
}

int
store_copy(const char *path, const char *url,
    void (*progress)(void *, const struct copy_table *), void *arg,
    struct copy_report *out)
{
	struct copy c;
	struct copy_table ct;
	size_t i;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	c.rep = out;
	if (load_source(&c, path) != 0)
		goto done;
	if ((c.db = pg_connect(url, out)) == NULL)
		goto done;
	if (pg_do(c.db, "BEGIN ISOLATION LEVEL READ COMMITTED", "BEGIN",
	    out) != 0 || pg_do(c.db, "SELECT pg_advisory_xact_lock("
	    COPY_WRITE_LOCK ")", "waiting for the running nodes", out) != 0)
		goto done;
	if (pg_columns(&c) != 0 || pg_empty(&c) != 0 || pg_fks(&c) != 0 ||
	    order(&c) != 0 || report_fill(&c) != 0)
		goto rollback;
	if (alter_all(&c, "DISABLE TRIGGER USER") != 0 ||
	    fks_drop(&c, 0) != 0 || truncate_all(c.db, out, out) != 0)
		goto rollback;
	for (i = 0; i < c.n; i++) {
		if (copy_table(&c, &c.t[c.order[i]]) != 0)
			goto rollback;
		if (progress != NULL) {
			memset(&ct, 0, sizeof(ct));
			snprintf(ct.name, sizeof(ct.name), "%s",
			    c.t[c.order[i]].name);
			ct.rows = c.t[c.order[i]].rows;
			progress(arg, &ct);
		}
	}
	if (fks_drop(&c, 1) != 0 || alter_all(&c, "ENABLE TRIGGER USER") != 0 ||
	    sequences(&c) != 0 || counts(c.db, out, out) != 0)
		goto rollback;
	if (pg_do(c.db, "COMMIT", "COMMIT", out) != 0)
		goto rollback;
	rc = 0;
	goto done;
rollback:
	if (PQstatus(c.db) == CONNECTION_OK)
		PQclear(PQexec(c.db, "ROLLBACK"));
done:
	copy_free(&c);
	return rc;
}

int
store_copy_verify(const char *url, const struct copy_report *rep, char *err,
    size_t errlen)
{
	struct copy_report e;
	PGconn *db;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((db = pg_connect(url, &e)) == NULL)
		rc = -1;
	else
		rc = counts(db, rep, &e);
	PQfinish(db);
	snprintf(err, errlen, "%s", e.err);
	return rc;
}

int
store_copy_undo(const char *url, const struct copy_report *rep, char *err,
    size_t errlen)
{
	struct copy_report e;
	PGconn *db;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	if ((db = pg_connect(url, &e)) != NULL &&
	    pg_do(db, "BEGIN", "BEGIN", &e) == 0 &&
	    pg_do(db, "SELECT pg_advisory_xact_lock(" COPY_WRITE_LOCK ")",
	    "the write lock", &e) == 0 && truncate_all(db, rep, &e) == 0 &&
	    pg_do(db, "COMMIT", "COMMIT", &e) == 0)
		rc = 0;
	PQfinish(db);
	snprintf(err, errlen, "%s", e.err);
	return rc;
}

void
store_copy_free(struct copy_report *rep)
{
	free(rep->t);
	rep->t = NULL;
	rep->n = 0;
}
