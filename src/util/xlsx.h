/*
 * xlsx.h — a reader of the first worksheet of an XLSX (Office Open XML)
 * workbook held in memory (util layer; libzip and expat), for imports: it
 * hands the rows to a callback as a grid of text cells, the same shape as
 * csv.h, so the checks after it are the CSV path's.
 *
 * Cells: shared strings and inline strings as their text (rich text runs
 * joined); numbers as written in the file; booleans as TRUE / FALSE;
 * numbers with a date style (built-in or custom format) as yyyy-mm-dd (the
 * 1900 and 1904 date systems; the time of day dropped); errors (#N/A) as
 * written; a cell with a formula (<f>) as "=" followed by the formula,
 * never its cached value, so that a caller refusing formulas refuses it.
 * Missing cells (gaps in the references, A1 then C1) are "", trailing
 * empty cells of a row are dropped, and rows that are absent or empty are
 * skipped.
 *
 * Limits: the bytes decompressed from all parts together are capped (a
 * zip bomb stops at the cap, never fills memory: parts are inflated and
 * parsed in chunks), as are the columns of a row (CSV_MAX_FIELDS) and the
 * bytes of a cell. A document type declaration is refused (no entities).
 */
#ifndef RRJETI_XLSX_H
#define RRJETI_XLSX_H

#include <stddef.h>

#include "csv.h"

#define XLSX_CELL_MAX	(64u * 1024)		/* bytes of one cell */
#define XLSX_STRINGS_MAX	2000000		/* shared strings */

enum xlsx_err {
	XLSX_OK,
	XLSX_NOT_ZIP,		/* not a zip archive */
	XLSX_NO_SHEET,		/* no workbook or no worksheet in it */
	XLSX_BAD_XML,		/* a part is not well-formed XML */
	XLSX_TOO_BIG,		/* over the decompression cap */
	XLSX_TOO_WIDE,		/* a row or cell over the limits */
	XLSX_NOMEM,
	XLSX_STOPPED		/* the callback returned non-zero */
};

/* Where a failure was: the part (e.g. "xl/worksheets/sheet1.xml") and the
 * line in it (0: unknown), or the sheet's row. */
struct xlsx_where {
	const char	*part;		/* static or "" */
	size_t		 line;		/* in the part's XML */
	size_t		 row;		/* of the sheet, 1-based; 0: none */
	int		 cb_rc;		/* XLSX_STOPPED: the callback's value */
};

/*
 * Reads the first worksheet of data[0..len) and calls cb per non-empty row
 * with its cells (valid until cb returns) and its row number in the sheet
 * (as the spreadsheet shows it). At most max_bytes are decompressed in all.
 * Returns XLSX_OK or the first failure, with *w set (w may be NULL).
 */
enum xlsx_err	xlsx_parse(const void *data, size_t len, size_t max_bytes,
		    csv_cb cb, void *arg, struct xlsx_where *w);

const char	*xlsx_strerror(enum xlsx_err);

#endif
