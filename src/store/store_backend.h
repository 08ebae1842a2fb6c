/*
 * store_backend.h — how store.c finds its backends (store layer, private).
 */
#ifndef RRJETI_STORE_BACKEND_H
#define RRJETI_STORE_BACKEND_H

#include "store.h"

/*
 * A row handed to a store_cb. The SQLite backend sets stmt; the PostgreSQL
 * backend leaves it NULL and sets res and row, and the srow_* accessors
 * (store_sqlite.c) pass such a row to pgrow_*() (store_pgsql.c).
 */
struct store_row {
	void		*stmt;	/* sqlite3_stmt */
	void		*res;	/* PGresult */
	int		 row;
	void		*aux;	/* PostgreSQL: decoded bytea of this row */
};

int		 pgrow_null(const struct store_row *, int col);
int64_t		 pgrow_int(const struct store_row *, int col);
const char	*pgrow_text(const struct store_row *, int col);
const void	*pgrow_blob(const struct store_row *, int col, size_t *len);
int		 pgrow_cols(const struct store_row *);

struct embedded_file;

/* The most migrations one backend has. */
#define STORE_MIGRATIONS_MAX	256

/*
 * The migrations compiled in under dir ("src/store/migrations/NAME/",
 * files NNNN_name.sql) in files[], by number, and their numbers in nums[].
 * Returns how many; -1 with a message in err when one has no number or two
 * share one (the second would be skipped silently).
 */
int		 store_migrations(const char *dir,
		    const struct embedded_file **files, int *nums, char *err,
		    size_t errlen);

const struct store_ops	*store_sqlite_ops(void);
/* NULL when this binary has no PostgreSQL backend. */
const struct store_ops	*store_pgsql_ops(void);

#endif
