/*
 * svg.h — charts as server-side SVG (doc layer, beside export.h): bars,
 * a line, and a tile map of the municipalities. The output is a complete
 * inline <svg> element, appended to a struct buf, that a template inserts
 * with {{raw}}: every text it carries (titles, labels) is XML-escaped here,
 * the figures are drawn as numbers, and each chart has a <title> and
 * <desc> so it reads without JavaScript, prints, and is announced by a
 * screen reader. A suppressed value is drawn as a hatched stub labelled
 * "<5" and never as its number.
 */
#ifndef RRJETI_SVG_H
#define RRJETI_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "../svc/rtable.h"
#include "../util/arena.h"

/* The most bars, points or tiles one chart draws (more: SVG_TOOMANY). */
#define SVG_MAX_ITEMS	200

enum svg_rc {
	SVG_OK = 0,
	SVG_EMPTY,	/* nothing to draw: the caller shows "no data" */
	SVG_TOOMANY,
	SVG_NOMEM
};

/* One bar, point or tile. */
struct svg_item {
	const char	*label;
	int64_t		 v;
	int		 suppressed;
	int		 missing;
};

/* Horizontal bars, one per item, with its label and value. */
enum svg_rc	svg_bars(struct buf *, const char *title,
		    const struct svg_item *, size_t n);
/* A line over the items in order (e.g. months), labels under the axis. */
enum svg_rc	svg_line(struct buf *, const char *title,
		    const struct svg_item *, size_t n);

/*
 * A tile map: one square per municipality at its grid position (the
 * data file data/municipality_tiles.csv: code,row,col), shaded by value.
 * codes[i] names the municipality of items[i]; a municipality without a
 * position is left out (and counted in *skipped, may be NULL).
 */
enum svg_rc	svg_tilemap(struct buf *, const char *title,
		    const char *const *codes, const struct svg_item *,
		    size_t n, size_t *skipped);

/* The grid position of municipality code ("XK09"): 0, or -1 when the data
 * file has none. */
int		svg_tile_pos(const char *code, int *row, int *col);

/*
 * The items of a chart of a report table, the same for the SVG and the PDF
 * charts: column label_col labels, value_col values (numeric); the total
 * row is left out. *out an arena array of *n items.
 */
enum svg_rc	svg_items_rt(struct arena *, const struct rt_table *,
		    size_t label_col, size_t value_col, struct svg_item **out,
		    size_t *n);

/*
 * Bars from a report table: column label_col labels, value_col values
 * (numeric); the total row is left out.
 */
enum svg_rc	svg_bars_rt(struct buf *, const struct rt_table *,
		    size_t label_col, size_t value_col);

#endif
