/*
 * export.h — a report table (svc/rtable.h) as a file (doc layer, beside
 * pdf.h): CSV, XLSX (libxlsxwriter), PDF (pdf.h, with the table's bar
 * chart drawn in text), and the password-protected AES-256 zip (libzip)
 * that carries any export with personal data. Every format reads the same
 * cells through export_cell_text(), so the screen and each file agree.
 *
 * Nothing here checks permissions or audits: the caller (web/report.c,
 * cli/report.c) decides who may have which file and writes the audit row.
 * Output bytes are appended to a struct buf in the caller's arena.
 */
#ifndef RRJETI_EXPORT_H
#define RRJETI_EXPORT_H

#include <stddef.h>

#include "../svc/rtable.h"
#include "../util/arena.h"
#include "pdf.h"

/* Checklist: export_fmt_names in export.c, the "format" enums of
 * routes_report_fields.inc and the export.fmt.* labels in po/. */
enum export_fmt {
	EXPORT_CSV,
	EXPORT_XLSX,
	EXPORT_PDF,
	EXPORT__MAX
};

enum export_rc {
	EXPORT_OK = 0,
	EXPORT_TOOBIG,		/* the arena is full */
	EXPORT_NOFONT,		/* PDF: the fonts cannot be loaded */
	EXPORT_WEAKPW,		/* zip: the password is too short */
	EXPORT_ERROR		/* the library failed (err says how) */
};

/* The shortest password the encrypted zip accepts (characters). */
#define EXPORT_PW_MIN		12
#define EXPORT_PW_MAX		128
/* How a suppressed cell reads in every format. */
#define EXPORT_SUPPRESSED	"<5"

/* "csv", "xlsx", "pdf"; -1 when unknown. */
int		 export_fmt_parse(const char *);
const char	*export_fmt_name(enum export_fmt);
const char	*export_fmt_mime(enum export_fmt);

/*
 * A cell as text, the same on the screen and in CSV and PDF: RT_INT and
 * RT_DAYS as digits, RT_CENTS as euros with two decimals ("1234.50"),
 * RT_PERMILLE as a percentage with one decimal ("12.5"), a suppressed cell
 * as EXPORT_SUPPRESSED, a missing one as "". In a (NULL past the cap).
 */
const char	*export_cell_text(struct arena *a, const struct rt_table *t,
		    size_t row, size_t col);

/*
 * CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark for spreadsheets): a
 * heading row and the rows. A text cell that begins with = + - @, a tab or
 * a carriage return is prefixed with ' so a spreadsheet does not run it as
 * a formula.
 */
enum export_rc	 export_csv(const struct rt_table *, struct buf *out);
/* Returns s (in a) neutralised as above; s itself when nothing to do. */
const char	*export_csv_safe(struct arena *a, const char *s);

/*
 * XLSX: one sheet; row 1 the title, row 2 the definition and note, row 4
 * the headings, the rows from row 5, numbers as numbers (money with two
 * decimals, shares as percentages), suppressed cells as text. Written in
 * libxlsxwriter's constant-memory mode to a temporary file under tmpdir
 * (NULL: $TMPDIR or /tmp), read into out, and removed.
 */
enum export_rc	 export_xlsx(const struct rt_table *, const char *tmpdir,
		    struct buf *out, char *err, size_t errlen);

/*
 * PDF: the title, definition and note, the rows as key/value lines, and,
 * when chart_col is a numeric column (> 0), its chart drawn from the same
 * items as the SVG (pdf_chart(): a line when every row is a month
 * "yyyy-mm", else bars; none past SVG_MAX_ITEMS rows). labels: page_word ("Faqja") and footer, translated.
 */
enum export_rc	 export_pdf(const struct rt_table *, int chart_col,
		    const struct pdf_fonts *, const char *page_word,
		    const char *footer, struct buf *out, char *err,
		    size_t errlen);

/* Several tables in one file: CSV sections (a title line, the table, a
 * blank line), one XLSX sheet per table ("1", "2", ...), one PDF with a
 * heading per table (chart_col may be NULL). */
enum export_rc	 export_csv_many(const struct rt_table *const *, size_t n,
		    struct buf *out);
enum export_rc	 export_xlsx_many(const struct rt_table *const *, size_t n,
		    const char *tmpdir, struct buf *out, char *err,
		    size_t errlen);
enum export_rc	 export_pdf_many(const struct rt_table *const *, size_t n,
		    const int *chart_col, const char *title,
		    const struct pdf_fonts *, const char *page_word,
		    const char *footer, struct buf *out, char *err,
		    size_t errlen);

/*
 * Wraps the file (name, data, len) in a zip whose entry is encrypted with
 * AES-256 under password (EXPORT_WEAKPW when shorter than EXPORT_PW_MIN
 * characters or longer than EXPORT_PW_MAX bytes), appended to out.
 */
enum export_rc	 export_zip(const char *name, const void *data, size_t len,
		    const char *password, struct buf *out, char *err,
		    size_t errlen);

const char	*export_rc_str(enum export_rc);

#endif
