/*
 * svg.c — bar, line and tile-map charts as inline SVG (doc layer). See
 * svg.h. Sizes are in user units with a viewBox, so a chart scales to the
 * width of the page (390 px phones and print alike). Colours come from a
 * small fixed palette with enough contrast on white; the figures are also
 * written as text, so nothing depends on colour alone.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/csv.h"
#include "../util/embed.h"
#include "svg.h"

#define W		640	/* width of a chart, user units */
#define BAR_H		22
#define BAR_GAP		6
#define LABEL_W		220
#define TILE		44
#define TILES_MAX	128
#define TILES_FILE	"data/municipality_tiles.csv"

static const char *const shades[] = { "#deebf7", "#9ecae1", "#4292c6",
	"#2171b5", "#08306b" };

/* XML-escaped text (&, <, >, ", '). */
static void
xml(struct buf *b, const char *s)
{
	buf_html(b, s ? s : "", s ? strlen(s) : 0);
}

static void
open_svg(struct buf *b, const char *id, const char *title, int w, int h,
    const char *desc)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
	    "width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" "
	    "aria-labelledby=\"%s-t %s-d\">", w, h, id, id);
	buf_printf(b, "<title id=\"%s-t\">", id);
	xml(b, title);
	buf_printf(b, "</title><desc id=\"%s-d\">", id);
	xml(b, desc);
	buf_puts(b, "</desc>");
	buf_puts(b, "<defs><pattern id=\"");
	buf_puts(b, id);
	buf_puts(b, "-h\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
	    "fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
	    "stroke=\"#777\" stroke-width=\"2\"/></pattern></defs>");
}

/* A value as chart text: "<5" when suppressed, "—" when missing. */
static const char *
value_text(const struct svg_item *it, char *tmp, size_t len)
{
	if (it->suppressed)
		return "<5";
	if (it->missing)
		return "—";
	snprintf(tmp, len, "%" PRId64, it->v);
	return tmp;
}

/* An id unique enough within one page: the chart's kind and a counter
 * derived from the buffer's position. */
static const char *
chart_id(struct buf *b, const char *kind)
{
	const char *s = arena_printf(b->a, "%s%zu", kind, b->len);

	return s ? s : kind;
}

/* A description listing every item: what a screen reader says. */
static const char *
describe(struct buf *b, const struct svg_item *it, size_t n)
{
	struct buf d;
	char tmp[32];
	size_t i;

	buf_init(&d, b->a);
	for (i = 0; i < n; i++)
		buf_printf(&d, "%s%s: %s", i ? "; " : "", it[i].label ?
		    it[i].label : "", value_text(&it[i], tmp, sizeof(tmp)));
	return d.oom || d.p == NULL ? "" : d.p;
}

static int64_t
max_of(const struct svg_item *it, size_t n)
{
	int64_t m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!it[i].suppressed && !it[i].missing && it[i].v > m)
			m = it[i].v;
	return m;
}

enum svg_rc
svg_bars(struct buf *b, const char *title, const struct svg_item *it,
    size_t n)
{
	const char *id;
	char tmp[32];
	int64_t max;
	size_t i;
	int h, y, w, span = W - LABEL_W - 70;

	if (n == 0)
		return SVG_EMPTY;
	if (n > SVG_MAX_ITEMS)
		return SVG_TOOMANY;
	max = max_of(it, n);
	h = (int)n * (BAR_H + BAR_GAP) + BAR_GAP;
	id = chart_id(b, "bars");
	open_svg(b, id, title, W, h, describe(b, it, n));
	for (i = 0; i < n; i++) {
		y = BAR_GAP + (int)i * (BAR_H + BAR_GAP);
		buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		    "font-size=\"13\" fill=\"#222\">", LABEL_W - 8,
		    y + BAR_H - 6);
		xml(b, it[i].label);
		buf_puts(b, "</text>");
		if (it[i].suppressed) {
			w = 14;
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"url(#%s-h)\" stroke=\"#777\"/>",
			    LABEL_W, y, w, BAR_H, id);
		} else if (it[i].missing || max == 0) {
			w = 0;
		} else {
			w = (int)(it[i].v * span / max);
			if (w < 1 && it[i].v > 0)
				w = 1;
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"/>", LABEL_W, y, w, BAR_H,
			    shades[3]);
		}
		buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\" "
		    "fill=\"#222\">%s</text>", LABEL_W + w + 6, y + BAR_H - 6,
		    it[i].suppressed ? "&lt;5" : value_text(&it[i], tmp,
		    sizeof(tmp)));
	}
	buf_puts(b, "</svg>");
	return b->oom ? SVG_NOMEM : SVG_OK;
}

enum svg_rc
svg_line(struct buf *b, const char *title, const struct svg_item *it,
    size_t n)
{
	const char *id;
	char tmp[32];
	int64_t max;
	size_t i;
	int h = 240, top = 20, base = 190, left = 50, right = W - 20;
	int x, y, started = 0;

	if (n == 0)
		return SVG_EMPTY;
	if (n > SVG_MAX_ITEMS)
		return SVG_TOOMANY;
	max = max_of(it, n);
	id = chart_id(b, "line");
	open_svg(b, id, title, W, h, describe(b, it, n));
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/>", left, base, right, base);
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#444\"/>", left, top, left, base);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"12\" fill=\"#222\">%" PRId64 "</text>", left - 4,
	    top + 4, max);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"12\" fill=\"#222\">0</text>", left - 4, base + 4);
	buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" "
	    "stroke-width=\"2.5\" points=\"", shades[3]);
	for (i = 0; i < n; i++) {
		if (it[i].suppressed || it[i].missing)
			continue;
		x = n == 1 ? (left + right) / 2 :
		    left + 10 + (int)i * (right - left - 20) / (int)(n - 1);
		y = max == 0 ? base : base - (int)(it[i].v * (base - top) / max);
		buf_printf(b, "%s%d,%d", started ? " " : "", x, y);
		started = 1;
	}
	buf_puts(b, "\"/>");
	for (i = 0; i < n; i++) {
		x = n == 1 ? (left + right) / 2 :
		    left + 10 + (int)i * (right - left - 20) / (int)(n - 1);
		if (!it[i].suppressed && !it[i].missing) {
			y = max == 0 ? base : base -
			    (int)(it[i].v * (base - top) / max);
			buf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"3.5\" "
			    "fill=\"%s\"><title>", x, y, shades[4]);
			xml(b, it[i].label);
			buf_printf(b, ": %s</title></circle>", value_text(&it[i],
			    tmp, sizeof(tmp)));
		}
		buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"11\" fill=\"#222\">", x, base + 16);
		xml(b, it[i].label);
		buf_printf(b, "</text><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"11\" fill=\"#222\">",
		    x, base + 32);
		xml(b, value_text(&it[i], tmp, sizeof(tmp)));
		buf_puts(b, "</text>");
	}
	buf_puts(b, "</svg>");
	return b->oom ? SVG_NOMEM : SVG_OK;
}

/* ------------------------------------------------------------ tile map */

struct tile {
	char	code[8];
	int	row, col;
};

static struct tile	tiles[TILES_MAX];
static size_t		ntiles;
static int		tiles_loaded;	/* 1 ok, -1 failed */

static int
tile_cb(void *arg, size_t line, char **f, size_t n)
{
	struct tile *t;
	char *end;
	long r, c;

	(void)arg;
	if (line == 1)
		return 0;
	if (n != 3 || strlen(f[0]) >= sizeof(t->code) || ntiles == TILES_MAX)
		return -1;
	r = strtol(f[1], &end, 10);
	if (*end != '\0' || r < 0 || r > 40)
		return -1;
	c = strtol(f[2], &end, 10);
	if (*end != '\0' || c < 0 || c > 40)
		return -1;
	t = &tiles[ntiles++];
	snprintf(t->code, sizeof(t->code), "%s", f[0]);
	t->row = (int)r;
	t->col = (int)c;
	return 0;
}

/* Loaded once; the first call happens at start-up (svg_tile_pos from
 * app_load_ui's checks) or in a single-threaded test. */
static int
tiles_load(void)
{
	const struct embedded_file *ef;
	size_t bad = 0;

	if (tiles_loaded != 0)
		return tiles_loaded;
	tiles_loaded = -1;
	if ((ef = embed_find(TILES_FILE)) == NULL)
		return -1;
	if (csv_parse(ef->data, ef->len, tile_cb, NULL, &bad) != 0) {
		ntiles = 0;
		return -1;
	}
	tiles_loaded = 1;
	return 1;
}

int
svg_tile_pos(const char *code, int *row, int *col)
{
	size_t i;

	if (code == NULL || tiles_load() != 1)
		return -1;
	for (i = 0; i < ntiles; i++)
		if (strcmp(tiles[i].code, code) == 0) {
			*row = tiles[i].row;
			*col = tiles[i].col;
			return 0;
		}
	return -1;
}

enum svg_rc
svg_tilemap(struct buf *b, const char *title, const char *const *codes,
    const struct svg_item *it, size_t n, size_t *skipped)
{
	const char *id, *fill;
	char tmp[32];
	int64_t max;
	size_t i, skip = 0;
	int r, c, maxr = -1, maxc = -1, k, x, y;

	if (skipped)
		*skipped = 0;
	if (n == 0)
		return SVG_EMPTY;
	if (n > SVG_MAX_ITEMS)
		return SVG_TOOMANY;
	for (i = 0; i < n; i++) {
		if (svg_tile_pos(codes[i], &r, &c) != 0) {
			skip++;
			continue;
		}
		if (r > maxr)
			maxr = r;
		if (c > maxc)
			maxc = c;
	}
	if (skipped)
		*skipped = skip;
	if (maxr < 0)
		return SVG_EMPTY;
	max = max_of(it, n);
	id = chart_id(b, "tiles");
	open_svg(b, id, title, (maxc + 1) * TILE + 4, (maxr + 1) * TILE + 4,
	    describe(b, it, n));
	for (i = 0; i < n; i++) {
		if (svg_tile_pos(codes[i], &r, &c) != 0)
			continue;
		x = 2 + c * TILE;
		y = 2 + r * TILE;
		if (it[i].suppressed)
			fill = arena_printf(b->a, "url(#%s-h)", id);
		else if (it[i].missing || max == 0)
			fill = "#f4f4f4";
		else {
			k = (int)(it[i].v * 4 / max);
			fill = shades[k < 0 ? 0 : k > 4 ? 4 : k];
		}
		buf_printf(b, "<g><title>");
		xml(b, it[i].label);
		buf_printf(b, ": %s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"%s\" stroke=\"#fff\" "
		    "stroke-width=\"2\"/>", value_text(&it[i], tmp, sizeof(tmp)),
		    x, y, TILE, TILE, fill ? fill : "#f4f4f4");
		k = !it[i].suppressed && !it[i].missing && max > 0 &&
		    it[i].v * 4 / max >= 2;
		buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"10\" fill=\"%s\">", x + TILE / 2, y + 17,
		    k ? "#fff" : "#222");
		xml(b, codes[i]);
		buf_printf(b, "</text><text x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"12\" "
		    "font-weight=\"bold\" fill=\"%s\">", x + TILE / 2, y + 33,
		    k ? "#fff" : "#222");
		xml(b, value_text(&it[i], tmp, sizeof(tmp)));
		buf_puts(b, "</text></g>");
	}
	buf_puts(b, "</svg>");
	return b->oom ? SVG_NOMEM : SVG_OK;
}

enum svg_rc
svg_items_rt(struct arena *a, const struct rt_table *t, size_t label_col,
    size_t value_col, struct svg_item **out, size_t *np)
{
	struct svg_item *it;
	size_t i, n;

	*out = NULL;
	*np = 0;
	if (label_col >= t->ncols || value_col >= t->ncols)
		return SVG_EMPTY;
	n = t->has_total && t->nrows > 0 ? t->nrows - 1 : t->nrows;
	if (n == 0)
		return SVG_EMPTY;
	if (n > SVG_MAX_ITEMS)
		return SVG_TOOMANY;
	if ((it = arena_zalloc(a, n * sizeof(*it))) == NULL)
		return SVG_NOMEM;
	for (i = 0; i < n; i++) {
		const struct rt_cell *l = rt_at(t, i, label_col);
		const struct rt_cell *v = rt_at(t, i, value_col);

		it[i].label = l->text ? l->text : "";
		it[i].v = v->v;
		it[i].suppressed = v->suppressed;
		it[i].missing = v->missing;
	}
	*out = it;
	*np = n;
	return SVG_OK;
}

enum svg_rc
svg_bars_rt(struct buf *b, const struct rt_table *t, size_t label_col,
    size_t value_col)
{
	struct svg_item *it;
	enum svg_rc rc;
	size_t n;

	if ((rc = svg_items_rt(b->a, t, label_col, value_col, &it, &n)) !=
	    SVG_OK)
		return rc;
	return svg_bars(b, t->colnames[value_col], it, n);
}
