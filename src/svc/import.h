/*
 * import.h — imports of existing registers (svc layer; issue 5): CSV or
 * XLSX files of training participants, of providers (organisations of the
 * provider registry) and of providers' licences. The file is read into one
 * grid of text cells whatever its format (an XLSX file: its first
 * worksheet, util/xlsx.h), then checked (CSV: UTF-8, a BOM accepted; the
 * header: every required column, no unknown one; every cell: no formula),
 * then every row goes through the rules of its domain inside ONE
 * transaction (training_prof_check, provider_create_in_tx,
 * provider_licence_add_in_tx), so the rules are exactly those of the forms
 * and rows of the same file see each other (a duplicate row, the same
 * person or organisation spelled differently, overlapping licences). Every
 * failing row is reported (row = line of the file or row of the sheet,
 * column, message key, argument); when any row fails, or on a dry run,
 * the transaction is rolled back: nothing is written.
 *
 * Audit: one row "import.<kind>" for the whole file, with the counts, the
 * format and the file's SHA-256 (no names). Participants take the bulk
 * path: their rows get NO audit row each (training_prof_insert_in_tx).
 * That is right because the audit row names the import (who, when, which
 * file by its digest, how many rows), every professional written carries
 * created_by and created_at, and the import is all or nothing, so each row
 * is attributable to that one audited act; 100,000 hash-chained audit rows
 * would add nothing but a third of the time and 100,000 more rows to the
 * chain. Providers and licences (registers of tens to hundreds) keep the
 * audit rows of their forms beside the file's row.
 *
 * Participants are written once every row has passed its checks, many
 * rows an INSERT (IMPORT_PROF_BATCH), in the order of the register's name
 * index (folded family name, given name), not the file's: their ids follow
 * it. A second thread finds duplicates and matches the rows against the
 * register meanwhile; when it refuses a row the write is rolled back, so
 * the file is still written whole or not at all, with no audit row.
 *
 * Cells starting with = + - @ (or a tab or CR) are refused in every
 * column, never neutralised: the file is to be corrected at its source. An
 * XLSX cell holding a formula is read as "=" and its formula, so it is
 * refused the same way, never imported as its cached value.
 */
#ifndef RRJETI_IMPORT_H
#define RRJETI_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define IMPORT_ROWS_MAX		200000	/* data rows of one file */
#define IMPORT_ERRORS_MAX	1000	/* reported; counted beyond */
#define IMPORT_LIST_SEP		';'	/* inside a cell: services, municipalities */
#define IMPORT_XLSX_MAX		(256u * 1024 * 1024)	/* bytes inflated from
						 * one XLSX file: a zip bomb
						 * stops here */

enum import_kind {
	IMPORT_PARTICIPANTS,
	IMPORT_LICENCES,
	IMPORT_PROVIDERS,	/* code, name, municipality, legal_form, ... */
	IMPORT__MAX
};

/* "participants", "licences", "providers"; import_kind_parse: -1 when
 * unknown. */
extern const char *const import_kinds[];
int		import_kind_parse(const char *);

/* The columns of kind (NULL-terminated), required ones first;
 * *nrequired gets how many are required. */
const char *const *import_columns(enum import_kind, size_t *nrequired);

struct import_error {
	size_t		 row;		/* line in the file, the header is 1;
					 * 0: the whole file */
	const char	*column;	/* NULL: the whole row or file */
	const char	*msg;		/* a message key */
	const char	*arg;		/* NULL or shown after the message */
};

struct import_report {
	enum import_kind	 kind;
	size_t			 rows;		/* data rows read */
	size_t			 ok;		/* rows that passed */
	size_t			 failed;	/* rows with an error */
	size_t			 written;	/* rows written (0 unless committed) */
	int			 committed;
	struct import_error	*err;
	size_t			 nerr;		/* at most IMPORT_ERRORS_MAX */
	size_t			 nerr_total;
};

/*
 * Checks text[0..len) as a file of kind and, unless dry_run, writes it.
 * SVC_OK when every row passed (written unless dry_run); SVC_INVALID when
 * the file or any row failed (the report says where; nothing written);
 * SVC_DENIED without the permission of the kind (PERM_TRAINING_WRITE;
 * PERM_PROVIDERS_WRITE; for providers PERM_AGENCIES_WRITE too);
 * SVC_UNAVAILABLE. *out is set whenever the file was looked at. A CSV file.
 */
enum svc_rc	import_run(struct svc *, enum import_kind, const char *text,
		    size_t len, int dry_run, struct import_report **out);

/*
 * The same with options: the file's format (CSV, or XLSX: the first sheet,
 * read as the same grid of cells; file-level defects: import.err.xlsx_zip,
 * _sheet, _xml (argument part:line), _big, _wide) and a progress callback,
 * called from the calling thread as rows are checked: (done, total) every
 * 1,000 rows and once at the end with done == total (total: the data rows
 * read; known once the file is parsed), also when the file is refused.
 */
enum import_format {
	IMPORT_CSV,
	IMPORT_XLSX
};

struct import_opts {
	enum import_format	 format;
	int			 dry_run;
	void			(*progress)(void *arg, size_t done,
				    size_t total);
	void			*progress_arg;
};

enum svc_rc	import_run_opts(struct svc *, enum import_kind,
		    const char *data, size_t len, const struct import_opts *,
		    struct import_report **out);

#endif
