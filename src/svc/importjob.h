/*
 * importjob.h — imports from the web (svc layer; issue 5): a file is
 * uploaded, checked (a dry run of svc/import.h), shown as a preview with
 * its per-row report, and, once confirmed, imported. Between the steps the
 * file is kept in the database (import_job), tied to its user, with its
 * BLAKE2b-256 hash, and it expires: the file written is the file that was
 * checked, whichever node serves the confirmation. The check and the
 * import run in a background thread of the node that was asked; the job
 * row carries the state. Progress (rows done of total) is kept in the
 * running node's memory and, on PostgreSQL, written to the row as it goes
 * (at most every 250 ms, through a connection of the run's own, since the
 * import holds the write transaction for the whole file), so every node
 * shows it; SQLite (one node) cannot take that write while the import
 * runs, and keeps it in memory only.
 *
 * A job is its owner's only: another user's job id is SVC_NOTFOUND (the
 * attempt audited as import.read.denied), as is a job whose kind the user
 * may no longer import.
 */
#ifndef RRJETI_IMPORTJOB_H
#define RRJETI_IMPORTJOB_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"
#include "svc.h"

#define IJ_TTL		(60 * 60)	/* a checked file waits an hour */
#define IJ_RUN_TTL	(15 * 60)	/* a check or import that has not
					 * ended by then is lost */
#define IJ_THREADS	2		/* checks and imports at once, per node */
#define IJ_PREVIEW_ROWS	8		/* rows of the preview, the header too */
#define IJ_PREVIEW_CELL	80		/* bytes of a cell in the preview */
#define IJ_ARENA	(1024u * 1024 * 1024)	/* memory cap of one run */

struct importjob {
	int64_t		 id;
	const char	*kind;		/* import_kinds[] */
	const char	*format;	/* "csv", "xlsx" */
	const char	*filename;
	int64_t		 size;
	const char	*hash;		/* hex */
	const char	*status;	/* checking checked rejected running
					 * done failed, or "expired", "lost" */
	int64_t		 rows, ok, failed, written, nerr_total;
	const char	*msg;		/* a message key for the whole file */
	int64_t		 created, updated, expires;
	/* The first rows as read: nprev rows of ncells[i] cells. */
	const char	***prev;
	size_t		*ncells;
	size_t		 nprev;
	/* While it runs: rows done of total (0 of 0: unknown). */
	size_t		 done, total;
};

struct importjob_error {
	int64_t		 row;
	const char	*col;		/* NULL: the whole row or file */
	const char	*msg;
	const char	*arg;
};

/* The permission a kind needs (import_kinds[] name): PERM_TRAINING_WRITE
 * for participants, PERM_PROVIDERS_WRITE for the others. */
enum perm	importjob_perm(const char *kind);

/* The format of a file from its content: XLSX (a zip: "PK") or CSV. */
enum import_format importjob_format(const char *data, size_t len);

/*
 * Keeps data[0..len) as a new job of kind for the actor and starts its
 * check. SVC_DENIED without the kind's permission; SVC_INVALID for an
 * empty file ("file"); SVC_UNAVAILABLE when IJ_THREADS runs are busy
 * (webimport.err.busy: nothing kept).
 */
enum svc_rc	importjob_create(struct svc *, enum import_kind,
		    const char *filename, const char *data, size_t len,
		    int64_t *id);
enum svc_rc	importjob_get(struct svc *, int64_t id, struct importjob **);
/* Rows [offset, offset + limit) of the job's report. */
enum svc_rc	importjob_errors(struct svc *, int64_t id, size_t limit,
		    size_t offset, struct importjob_error **, size_t *n);
/*
 * Imports the checked file of job id. hash is the one the preview showed:
 * SVC_CONFLICT (webimport.err.stale) when it is not the job's, the job is not
 * checked (rejected, already confirmed, expired) or the kept file no
 * longer has that hash; SVC_UNAVAILABLE when busy.
 */
enum svc_rc	importjob_confirm(struct svc *, int64_t id, const char *hash);
/* The actor's recent jobs, newest first (no preview). */
enum svc_rc	importjob_mine(struct svc *, size_t limit, struct importjob **,
		    size_t *n);
/*
 * Runs import_run_opts() at once, in the calling thread (the API), with a
 * run slot and an arena of its own (IJ_ARENA cap) so that a large file
 * neither exhausts the request's memory nor runs beside IJ_THREADS others
 * (SVC_UNAVAILABLE, webimport.err.busy). answer() is called with the
 * result while the report lives; the return is the import's.
 */
enum svc_rc	importjob_direct(struct svc *, enum import_kind,
		    const char *data, size_t len, int dry_run,
		    void (*answer)(void *, enum svc_rc,
		    const struct import_report *), void *arg);
/* Waits until no run of this process is busy (tests, shutdown). */
void		importjob_wait(void);

#endif
