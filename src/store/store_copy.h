/*
 * store_copy.h — copying an SQLite installation's database into an empty
 * PostgreSQL database (store layer; used by `rrjeti migrate-store`).
 *
 * The tables are read from the SQLite schema itself (every ordinary and
 * virtual table, the full-text index of names included, which PostgreSQL
 * holds as a plain table under a trigram index; not SQLite's own tables
 * nor the index's shadow tables), never from a list kept by hand, so a
 * table a migration adds is copied without a change here. The
 * target must be migrated to the same schema version (the caller checks)
 * and hold no data: only the rows its own migrations put in (rule sets,
 * deadline rules, ...), which the copy replaces with the source's.
 *
 * The copy is one PostgreSQL transaction under the store's write lock:
 * user triggers off while the rows go in (the indicator counters are
 * copied, not counted again), tables in the order of their foreign keys
 * (a key to the same table, or in a cycle, is dropped for the copy and
 * added back, which checks it), ids kept, each identity sequence set past
 * the highest id, the row counts compared table by table before COMMIT.
 * On any error it rolls back: the target is left as it was.
 */
#ifndef RRJETI_STORE_COPY_H
#define RRJETI_STORE_COPY_H

#include <stddef.h>
#include <stdint.h>

#define COPY_NAME_MAX	64

struct copy_table {
	char	 name[COPY_NAME_MAX];
	int64_t	 rows;		/* in the source */
};

struct copy_report {
	struct copy_table	*t;	/* in the order copied */
	size_t			 n;
	int64_t			 rows;	/* all tables */
	char			 err[768];
};

/*
 * The tables of the SQLite database at path that a copy moves, with their
 * row counts (a read transaction: one snapshot), in out->t by name. 0, or
 * -1 with out->err.
 */
int	store_copy_tables(const char *path, struct copy_report *out);

/*
 * Copies the SQLite database at path into the PostgreSQL database at url
 * (see above). progress (may be NULL) is called after each table. 0, or
 * -1 with out->err saying why (a target that is not empty names a table
 * that has rows); out->t lists what was copied in either case.
 */
int	store_copy(const char *path, const char *url,
	    void (*progress)(void *, const struct copy_table *), void *arg,
	    struct copy_report *out);

/* The row counts of the target, through a new connection, against rep:
 * 0 when every table matches, else -1 with the first difference in err. */
int	store_copy_verify(const char *url, const struct copy_report *rep,
	    char *err, size_t errlen);

/* Empties the tables of rep in the target again (after a verification
 * failed). 0 or -1 with err. */
int	store_copy_undo(const char *url, const struct copy_report *rep,
	    char *err, size_t errlen);

void	store_copy_free(struct copy_report *);

#endif
