/*
 * store.h — the one storage interface (store layer, the only home of SQL).
 *
 * Services name a query by its id (query.h) and pass typed parameters; rows
 * come back through a callback. No SQL string is ever built from values, and
 * row-level scoping is a parameter of the query. The interface is
 * message-shaped so the store could move into its own process later.
 *
 * Each thread gets its own connection and prepared statements, opened on
 * first use. A backend (store_sqlite.c; store_pgsql.c later) fills in
 * struct store_ops.
 */
#ifndef RRJETI_STORE_H
#define RRJETI_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "query.h"

enum store_rc {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* a query that must touch a row touched none */
	STORE_CONFLICT,		/* unique or foreign-key constraint, stale version */
	STORE_BUSY,		/* locked longer than the busy timeout */
	STORE_UNAVAILABLE,	/* the database cannot be reached */
	STORE_ERROR,		/* anything else: logged */
	STORE__MAX
};

enum sp_type {
	SP_NULL,
	SP_INT,
	SP_TEXT,
	SP_BLOB
};

/* A typed parameter. Text and blobs are not copied: they must live until
 * store_exec() returns. */
struct sp {
	enum sp_type	 t;
	int64_t		 i;
	const void	*p;
	size_t		 n;
};

static inline struct sp
sp_int(int64_t v)
{
	struct sp s = { SP_INT, v, NULL, 0 };
	return s;
}

/* NULL text binds SQL NULL. */
static inline struct sp
sp_text(const char *v)
{
	struct sp s = { v ? SP_TEXT : SP_NULL, 0, v, v ? strlen(v) : 0 };
	return s;
}

/* The first n bytes of v as text. */
static inline struct sp
sp_textn(const char *v, size_t n)
{
	struct sp s = { SP_TEXT, 0, v, n };
	return s;
}

static inline struct sp
sp_blob(const void *p, size_t n)
{
	struct sp s = { SP_BLOB, 0, p, n };
	return s;
}

static inline struct sp
sp_null(void)
{
	struct sp s = { SP_NULL, 0, NULL, 0 };
	return s;
}

/* A 0 value binds NULL (for optional foreign keys). */
static inline struct sp
sp_id(int64_t v)
{
	return v ? sp_int(v) : sp_null();
}

struct store_row;

/* Column accessors, valid only during the callback. Text is NUL-terminated
 * ("" for NULL); copy what must outlive the call. */
int		 srow_null(const struct store_row *, int col);
int64_t		 srow_int(const struct store_row *, int col);
const char	*srow_text(const struct store_row *, int col);
const void	*srow_blob(const struct store_row *, int col, size_t *len);
int		 srow_cols(const struct store_row *);

/* Return 0 to go on, non-zero to stop early (not an error). */
typedef int (*store_cb)(void *arg, const struct store_row *);

struct store;

/* Backend table: one per database engine. */
struct store_ops {
	const char	*name;
	void		*(*conn_open)(struct store *, char *err, size_t errlen);
	void		 (*conn_close)(void *conn);
	enum store_rc	 (*exec)(void *conn, enum qid, const struct sp *, size_t n,
			    store_cb, void *arg, int64_t *changes);
	enum store_rc	 (*begin)(void *conn, int write);
	enum store_rc	 (*commit)(void *conn);
	enum store_rc	 (*rollback)(void *conn);
	enum store_rc	 (*migrate)(void *conn, int *from, int *to, char *err, size_t errlen);
	/* The schema version of the database, and the newest this binary
	 * knows (its highest migration). */
	enum store_rc	 (*version)(void *conn, int *current, int *latest);
	/* Raw script execution for migrations and tools only (not for values). */
	enum store_rc	 (*script)(void *conn, const char *sql, char *err, size_t errlen);
	/* A read scope (store_read_begin()); NULL: the backend has none. */
	void		 (*read_scope)(void *conn, int on);
};

/*
 * Opens the store named by url: a path to an SQLite file, or (when that
 * backend is built) postgresql://... Checks that every query id has SQL.
 * NULL with a message in err on failure.
 */
struct store	*store_open(const char *url, char *err, size_t errlen);
void		 store_close(struct store *);
const char	*store_url(const struct store *);
const struct store_ops *store_ops(const struct store *);

/*
 * Runs query id with params on this thread's connection; calls cb for each
 * row (cb may be NULL). *changes (may be NULL) gets the rows changed by a
 * write. A query marked "must touch" in query.h returns STORE_NOTFOUND when
 * it touched no row.
 */
enum store_rc	 store_exec(struct store *, enum qid, const struct sp *, size_t n,
		    store_cb, void *arg, int64_t *changes);

/*
 * A number that grows with every change this process commits (whatever the
 * store): what was read under one value may be stale under another. Changes
 * by other processes or nodes are not counted.
 */
uint64_t	 store_generation(void);
/* store_generation() when this thread's read scope (store_read_begin) began;
 * 0 outside one. */
uint64_t	 store_scope_generation(void);
/* Transactions on this thread's connection. begin(write=1) takes the write
 * lock at once (SQLite BEGIN IMMEDIATE). Not nested. */
enum store_rc	 store_begin(struct store *, int write);
enum store_rc	 store_commit(struct store *);
enum store_rc	 store_rollback(struct store *);

/*
 * A read scope around one request: the reads in it share one read
 * transaction (one snapshot, and with SQLite one WAL read lock instead of
 * one per statement). A write inside it (store_begin(write = 1), or a
 * writing statement outside a transaction) ends the read transaction
 * first and starts a new one after, so it takes the write lock as usual
 * and later reads see it. Not nested; end it on the same thread before
 * anything else runs on this connection.
 */
void		 store_read_begin(struct store *);
void		 store_read_end(struct store *);

/* Brings the schema up to date; from/to get the versions. */
enum store_rc	 store_migrate(struct store *, int *from, int *to, char *err, size_t errlen);

/* The database's schema version and the one this binary expects. */
enum store_rc	 store_schema_version(struct store *, int *current, int *latest);

/* Closes this thread's connection (call when a worker thread ends). */
void		 store_thread_end(struct store *);

const char	*store_rc_str(enum store_rc);

/* Helpers for the common single-value queries. */
int		 store_cb_int(void *arg, const struct store_row *); /* arg: int64_t*, first col */

#endif
