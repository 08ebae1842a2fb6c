/*
 * rtable.h — a report table (svc layer, data only): a titled grid of
 * labelled rows and typed columns, with the cells suppressed for privacy
 * marked. Indicators, beneficiary reports and lists build one in the
 * request's arena; the exporters (CSV, XLSX, PDF, the encrypted zip) and
 * the charts (SVG) read it, so a figure on the screen and in every export
 * comes from the same cells.
 */
#ifndef RRJETI_RTABLE_H
#define RRJETI_RTABLE_H

#include <stddef.h>
#include <stdint.h>

enum rt_kind {
	RT_TEXT,	/* text: a label, a name, a code's label */
	RT_INT,		/* a count */
	RT_CENTS,	/* money in euro cents */
	RT_PERMILLE,	/* a share, 0..1000 (shown as a percentage) */
	RT_DAYS,	/* a duration in days */
	RT_DATE		/* text yyyy-mm-dd */
};

struct rt_cell {
	const char	*text;		/* RT_TEXT, RT_DATE ("" when none) */
	int64_t		 v;		/* the numeric kinds */
	int		 suppressed;	/* a small cell (or its complement)
					 * hidden: shown as "<5" / "x" */
	int		 missing;	/* no value (e.g. a median of nothing) */
};

struct rt_table {
	const char	 *title;	/* translated */
	const char	 *definition;	/* translated; "" when none */
	const char	 *note;		/* translated: period, scope; "" */
	size_t		  ncols, nrows;
	const char	**colnames;	/* translated headings, ncols */
	const enum rt_kind *colkinds;	/* ncols */
	struct rt_cell	 *cells;	/* nrows * ncols, row-major */
	int		  personal;	/* carries personal data: exported only
					 * for PERM_EXPORT_PERSONAL, and only as
					 * an encrypted zip */
	int		  has_total;	/* the last row is a total */
	const char	**rowkeys;	/* NULL, or nrows codes of the rows
					 * (a municipality code "XK09", a sex
					 * "f", a month "2026-03"; "" for the
					 * total): for maps and lookups */
};

static inline struct rt_cell *
rt_at(const struct rt_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

#endif
