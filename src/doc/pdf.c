/*
 * pdf.c — the layout layer over libharu (doc layer); see pdf.h. Two passes:
 * the blocks are laid out into positioned lines and rules (measured with the
 * loaded fonts, so wrapping is exact and the page count is known), then each
 * page is drawn with its running header and its footer "... n / N".
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <hpdf.h>

#include "pdf.h"

/* A4 in points, margins and the fixed lines of every page. */
#define PAGE_W		595.276f
#define PAGE_H		841.89f
#define MARGIN_X	56.7f		/* 2 cm */
#define CONTENT_TOP	(PAGE_H - 64.0f)
#define CONTENT_BOTTOM	70.0f
#define HEADER_Y	(PAGE_H - 40.0f)
#define FOOTER_Y	38.0f
#define FOOTER_RULE_Y	52.0f
#define CONTENT_W	(PAGE_W - 2 * MARGIN_X)

enum block_kind {
	B_TITLE,
	B_SUBTITLE,
	B_HEADING,
	B_SUBHEADING,
	B_PARA,
	B_NOTE,
	B_BULLET,
	B_KV,
	B_SIGN,
	B_CHART
};

struct block {
	enum block_kind	 kind;
	const char	*s[5];
	/* B_CHART: its kind and items (labels cleaned). */
	enum pdf_chart_kind	 chart;
	struct pdf_item	*items;
	size_t		 nitems;
	struct block	*next;
};

struct pdf_doc {
	struct arena	*a;
	const char	*title, *header, *footer, *page_word;
	struct block	*head, *tail;
	size_t		 text;		/* bytes of text so far */
	int		 failed;	/* a limit or the arena: PDF_TOOBIG */
};

/* ------------------------------------------------------------- the model */

static void
put_utf8(char *o, size_t *n, uint32_t c)
{
	if (c < 0x80)
		o[(*n)++] = (char)c;
	else if (c < 0x800) {
		o[(*n)++] = (char)(0xC0 | (c >> 6));
		o[(*n)++] = (char)(0x80 | (c & 0x3F));
	} else {
		o[(*n)++] = (char)(0xE0 | (c >> 12));
		o[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (c & 0x3F));
	}
}

/* One code point of s at *i (advanced), or 0xFFFD for an invalid sequence
 * (one byte consumed). */
static uint32_t
next_cp(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char b = s[*i];
	uint32_t c, min;
	size_t k, n;

	if (b < 0x80) {
		(*i)++;
		return b;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		n = 1;
		c = b & 0x1F;
		min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		n = 2;
		c = b & 0x0F;
		min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		n = 3;
		c = b & 0x07;
		min = 0x10000;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (*i + n >= len) {
		(*i)++;
		return 0xFFFD;
	}
	for (k = 1; k <= n; k++)
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
	for (k = 1; k <= n; k++)
		c = (c << 6) | (s[*i + k] & 0x3F);
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += n + 1;
	return c;
}

/*
 * An arena copy of s that libharu's UTF-8 encoder takes safely: valid UTF-8
 * of the Basic Multilingual Plane, no control characters but '\n' (when
 * keep_nl; else a space). NULL (and d->failed) past a limit.
 */
static const char *
clean(struct pdf_doc *d, const char *s, int keep_nl)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)u), i = 0, n = 0;
	uint32_t c;
	char *o;

	if (d->failed)
		return NULL;
	if (len > PDF_MAX_BLOCK || d->text + len > PDF_MAX_TEXT) {
		d->failed = 1;
		return NULL;
	}
	/* A replaced byte grows to at most 3 bytes. */
	if ((o = arena_alloc(d->a, len * 3 + 1)) == NULL) {
		d->failed = 1;
		return NULL;
	}
	while (i < len) {
		c = next_cp(u, len, &i);
		if (c == '\r')
			continue;
		if (c == '\n' && keep_nl)
			;
		else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			c = ' ';
		else if (c > 0xFFFF)
			c = 0xFFFD;
		put_utf8(o, &n, c);
	}
	o[n] = '\0';
	d->text += n;
	return o;
}

struct pdf_doc *
pdf_doc_new(struct arena *a, const char *title, const char *header,
    const char *footer, const char *page_word)
{
	struct pdf_doc *d;

	if ((d = arena_zalloc(a, sizeof(*d))) == NULL)
		return NULL;
	d->a = a;
	d->title = clean(d, title, 0);
	d->header = clean(d, header, 0);
	d->footer = clean(d, footer, 0);
	d->page_word = clean(d, page_word, 0);
	return d;
}

static void
add(struct pdf_doc *d, enum block_kind k, const char *s0, const char *s1,
    const char *s2, const char *s3, const char *s4)
{
	const char *in[5] = { s0, s1, s2, s3, s4 };
	struct block *b;
	int i;

	if (d == NULL || d->failed)
		return;
	if ((b = arena_zalloc(d->a, sizeof(*b))) == NULL) {
		d->failed = 1;
		return;
	}
	b->kind = k;
	for (i = 0; i < 5; i++)
		if ((b->s[i] = clean(d, in[i], k == B_PARA || k == B_NOTE ||
		    (k == B_KV && i == 1))) == NULL)
			return;
	if (d->tail)
		d->tail->next = b;
	else
		d->head = b;
	d->tail = b;
}

void
pdf_subtitle(struct pdf_doc *d, const char *t)
{
	add(d, B_SUBTITLE, t, NULL, NULL, NULL, NULL);
}

void
pdf_heading(struct pdf_doc *d, const char *t)
{
	add(d, B_HEADING, t, NULL, NULL, NULL, NULL);
}

void
pdf_subheading(struct pdf_doc *d, const char *t)
{
	add(d, B_SUBHEADING, t, NULL, NULL, NULL, NULL);
}

void
pdf_para(struct pdf_doc *d, const char *t)
{
	add(d, B_PARA, t, NULL, NULL, NULL, NULL);
}

void
pdf_note(struct pdf_doc *d, const char *t)
{
	add(d, B_NOTE, t, NULL, NULL, NULL, NULL);
}

void
pdf_bullet(struct pdf_doc *d, const char *t)
{
	add(d, B_BULLET, t, NULL, NULL, NULL, NULL);
}

void
pdf_kv(struct pdf_doc *d, const char *k, const char *v)
{
	add(d, B_KV, k, v && *v ? v : "—", NULL, NULL, NULL);
}

void
pdf_signatures(struct pdf_doc *d, const char *r1, const char *n1,
    const char *r2, const char *n2, const char *date_label)
{
	add(d, B_SIGN, r1, n1, r2, n2, date_label);
}

void
pdf_chart(struct pdf_doc *d, enum pdf_chart_kind k, const char *title,
    const struct pdf_item *it, size_t n)
{
	struct pdf_item *v;
	size_t i;

	if (d == NULL || d->failed || n == 0)
		return;
	if (n > PDF_MAX_ITEMS || it == NULL ||
	    (v = arena_zalloc(d->a, n * sizeof(*v))) == NULL) {
		d->failed = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		v[i] = it[i];
		if ((v[i].label = clean(d, it[i].label, 0)) == NULL)
			return;
	}
	add(d, B_CHART, title, NULL, NULL, NULL, NULL);
	if (d->failed)
		return;
	d->tail->chart = k;
	d->tail->items = v;
	d->tail->nitems = n;
}

/* ------------------------------------------------------------ the fonts */

static int
readable_file(const char *path)
{
	struct stat sb;
	FILE *f;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < 12)
		return 0;
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	fclose(f);
	return 1;
}

enum pdf_rc
pdf_fonts_find(struct pdf_fonts *f, const char *dir, char *err, size_t errlen)
{
	int n1, n2;

	memset(f, 0, sizeof(*f));
	if (dir == NULL || *dir == '\0')
		dir = PDF_DEFAULT_FONT_DIR;
	n1 = snprintf(f->regular, sizeof(f->regular), "%s/%s", dir,
	    PDF_FONT_REGULAR);
	n2 = snprintf(f->bold, sizeof(f->bold), "%s/%s", dir, PDF_FONT_BOLD);
	if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof(f->regular) ||
	    (size_t)n2 >= sizeof(f->bold)) {
		if (err)
			snprintf(err, errlen, "font directory path too long");
		f->regular[0] = f->bold[0] = '\0';
		return PDF_NOFONT;
	}
	if (!readable_file(f->regular) || !readable_file(f->bold)) {
		if (err)
			snprintf(err, errlen, "%s: cannot read the font (package "
			    "fonts-dejavu-core, or font_dir in rrjeti.conf)",
			    readable_file(f->regular) ? f->bold : f->regular);
		return PDF_NOFONT;
	}
	f->ok = 1;
	return PDF_OK;
}

/* ----------------------------------------------------------- the layout */

/*
 * What a page is drawn from: text at a position, a rule, a rectangle
 * (x, y its lower left, x2, y2 its width and height; filled with rgb,
 * outlined in gray when outline) and a line (x, y to x2, y2, of width size,
 * in rgb).
 */
enum { OP_TEXT, OP_RULE, OP_RECT, OP_LINE };

struct op {
	int		 kind, page, bold, outline;
	float		 size, gray, x, y, x2, y2;
	float		 rgb[3];
	const char	*s;
};

struct lay {
	struct arena	*a;
	HPDF_Font	 font[2];	/* regular, bold */
	struct op	*ops;
	size_t		 n, cap;
	int		 page;		/* 0-based */
	float		 y;		/* baseline room: the next line's top */
	int		 failed;	/* PDF_TOOBIG */
};

/* One wrapped line. */
struct wline {
	const char	*s;
	float		 w;
};

static float
text_w(struct lay *l, int bold, float size, const char *s, size_t len)
{
	HPDF_TextWidth tw;

	if (len == 0)
		return 0;
	tw = HPDF_Font_TextWidth(l->font[bold], (const HPDF_BYTE *)s,
	    (HPDF_UINT)len);
	return (float)tw.width * size / 1000.0f;
}

static struct op *
op_new(struct lay *l)
{
	struct op *o;

	if (l->failed)
		return NULL;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;

		if ((o = arena_alloc(l->a, cap * sizeof(*o))) == NULL) {
			l->failed = 1;
			return NULL;
		}
		if (l->n)
			memcpy(o, l->ops, l->n * sizeof(*o));
		l->ops = o;
		l->cap = cap;
	}
	o = &l->ops[l->n++];
	memset(o, 0, sizeof(*o));
	o->page = l->page;
	return o;
}

static void
new_page(struct lay *l)
{
	if (l->page + 1 >= PDF_MAX_PAGES) {
		l->failed = 1;
		return;
	}
	l->page++;
	l->y = CONTENT_TOP;
}

/* Room for h points below y, or a new page. */
static void
need(struct lay *l, float h)
{
	if (l->y - h < CONTENT_BOTTOM && l->y < CONTENT_TOP)
		new_page(l);
}

static void
text_at(struct lay *l, int bold, float size, float gray, float x, float y,
    const char *s)
{
	struct op *o;

	if (*s == '\0' || (o = op_new(l)) == NULL)
		return;
	o->kind = OP_TEXT;
	o->bold = bold;
	o->size = size;
	o->gray = gray;
	o->x = x;
	o->y = y;
	o->s = s;
}

static void
rule_at(struct lay *l, float gray, float x, float y, float x2)
{
	struct op *o;

	if ((o = op_new(l)) == NULL)
		return;
	o->kind = OP_RULE;
	o->gray = gray;
	o->x = x;
	o->y = o->y2 = y;
	o->x2 = x2;
}

static void
rect_at(struct lay *l, const float rgb[3], int outline, float x, float y,
    float w, float h)
{
	struct op *o;

	if ((o = op_new(l)) == NULL)
		return;
	o->kind = OP_RECT;
	memcpy(o->rgb, rgb, sizeof(o->rgb));
	o->outline = outline;
	o->gray = 0.45f;
	o->x = x;
	o->y = y;
	o->x2 = w;
	o->y2 = h;
}

static void
line_at(struct lay *l, const float rgb[3], float width, float x, float y,
    float x2, float y2)
{
	struct op *o;

	if ((o = op_new(l)) == NULL)
		return;
	o->kind = OP_LINE;
	memcpy(o->rgb, rgb, sizeof(o->rgb));
	o->size = width;
	o->x = x;
	o->y = y;
	o->x2 = x2;
	o->y2 = y2;
}

/*
 * Wraps one line of text (no '\n') into lines of at most width: words
 * separated by single spaces; a word wider than a line is cut between
 * characters. *out gets an arena array, *nout its length (at least 1).
 */
static int
wrap_line(struct lay *l, int bold, float size, float width, const char *s,
    size_t len, struct wline **out, size_t *nout)
{
	struct wline *v = NULL;
	size_t n = 0, cap = 0, i = 0, ws, we, k;
	float space = text_w(l, bold, size, " ", 1), lw = 0, ww;
	char *cur;
	size_t clen = 0;

	if ((cur = arena_alloc(l->a, len + 1)) == NULL)
		return -1;
#define EMIT() do {							\
		if (n == cap) {						\
			struct wline *nv;				\
			cap = cap ? cap * 2 : 8;			\
			if ((nv = arena_alloc(l->a, cap * sizeof(*nv))) == NULL) \
				return -1;				\
			if (n)						\
				memcpy(nv, v, n * sizeof(*nv));		\
			v = nv;						\
		}							\
		if ((v[n].s = arena_strndup(l->a, cur, clen)) == NULL)	\
			return -1;					\
		v[n++].w = lw;						\
		clen = 0;						\
		lw = 0;							\
	} while (0)
	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		ws = i;
		while (i < len && s[i] != ' ')
			i++;
		we = i;
		ww = text_w(l, bold, size, s + ws, we - ws);
		if (clen > 0 && lw + space + ww <= width) {
			cur[clen++] = ' ';
			memcpy(cur + clen, s + ws, we - ws);
			clen += we - ws;
			lw += space + ww;
			continue;
		}
		if (clen > 0)
			EMIT();
		if (ww <= width) {
			memcpy(cur, s + ws, we - ws);
			clen = we - ws;
			lw = ww;
			continue;
		}
		/* A word wider than the line: cut between characters. */
		for (k = ws; k < we;) {
			size_t e = k + 1;
			float cw;

			while (e < we && ((unsigned char)s[e] & 0xC0) == 0x80)
				e++;
			cw = text_w(l, bold, size, s + k, e - k);
			if (clen > 0 && lw + cw > width)
				EMIT();
			memcpy(cur + clen, s + k, e - k);
			clen += e - k;
			lw += cw;
			k = e;
		}
	}
	if (clen > 0 || n == 0)
		EMIT();
#undef EMIT
	*out = v;
	*nout = n;
	return 0;
}

/* Lays out text (lines kept when it has '\n') at x within width, one line
 * per leading, breaking pages as needed. */
static void
flow(struct lay *l, int bold, float size, float gray, float leading,
    float x, float width, const char *s)
{
	struct wline *v;
	size_t n, i, len;
	const char *e;

	while (!l->failed) {
		e = strchr(s, '\n');
		len = e ? (size_t)(e - s) : strlen(s);
		if (wrap_line(l, bold, size, width, s, len, &v, &n) != 0) {
			l->failed = 1;
			return;
		}
		for (i = 0; i < n && !l->failed; i++) {
			need(l, leading);
			text_at(l, bold, size, gray, x, l->y - size, v[i].s);
			l->y -= leading;
		}
		if (e == NULL)
			break;
		s = e + 1;
	}
}

static void
lay_kv(struct lay *l, const struct block *b)
{
	const float kw = CONTENT_W * 0.34f, gap = 10, size = 9.5f,
	    leading = 12.5f;
	struct wline *kl = NULL, *vl = NULL, *t;
	size_t nk = 0, nv = 0, n, i, m;
	const char *s, *e;
	float x2 = MARGIN_X + kw + gap, w2 = CONTENT_W - kw - gap;

	if (wrap_line(l, 1, size, kw, b->s[0], strlen(b->s[0]), &kl, &nk) !=
	    0) {
		l->failed = 1;
		return;
	}
	/* The value keeps its line breaks: wrap each and concatenate. */
	for (s = b->s[1];;) {
		e = strchr(s, '\n');
		if (wrap_line(l, 0, size, w2, s, e ? (size_t)(e - s) :
		    strlen(s), &t, &m) != 0) {
			l->failed = 1;
			return;
		}
		if (nv == 0)
			vl = t;
		else {
			struct wline *j;

			if ((j = arena_alloc(l->a, (nv + m) * sizeof(*j))) ==
			    NULL) {
				l->failed = 1;
				return;
			}
			memcpy(j, vl, nv * sizeof(*j));
			memcpy(j + nv, t, m * sizeof(*j));
			vl = j;
		}
		nv += m;
		if (e == NULL)
			break;
		s = e + 1;
	}
	n = nk > nv ? nk : nv;
	/* Keep a short row together. */
	if (n <= 6)
		need(l, n * leading + 6);
	l->y -= 3;
	for (i = 0; i < n && !l->failed; i++) {
		need(l, leading);
		if (i < nk)
			text_at(l, 1, size, 0.25f, MARGIN_X, l->y - size,
			    kl[i].s);
		if (i < nv)
			text_at(l, 0, size, 0, x2, l->y - size, vl[i].s);
		l->y -= leading;
	}
	l->y -= 2;
	rule_at(l, 0.85f, MARGIN_X, l->y, MARGIN_X + CONTENT_W);
}

static void
lay_sign(struct lay *l, const struct block *b)
{
	const float colw = (CONTENT_W - 30) / 2;
	float x, y0;
	int c;

	need(l, 120);
	l->y -= 14;
	y0 = l->y;
	for (c = 0; c < 2; c++) {
		x = MARGIN_X + c * (colw + 30);
		l->y = y0;
		flow(l, 1, 10, 0, 13, x, colw, b->s[c * 2]);
		l->y -= 40;
		rule_at(l, 0, x, l->y, x + colw);
		l->y -= 3;
		flow(l, 0, 9.5f, 0, 12.5f, x, colw, b->s[c * 2 + 1]);
		l->y -= 20;
		text_at(l, 0, 9.5f, 0, x, l->y - 9.5f, b->s[4]);
		rule_at(l, 0, x + text_w(l, 0, 9.5f, b->s[4],
		    strlen(b->s[4])) + 6, l->y - 9.5f, x + colw * 0.7f);
		l->y -= 14;
	}
	l->y -= 8;
}

static const char *fit(struct lay *, int, float, const char *, float);

/* The chart colours: the bars and the line, a suppressed stub, the axes. */
static const float C_BAR[3] = { 0.16f, 0.42f, 0.56f };
static const float C_SUPP[3] = { 0.88f, 0.88f, 0.88f };
static const float C_AXIS[3] = { 0.45f, 0.45f, 0.45f };

/* A value's text: the number, "<5" when suppressed, "—" when missing. */
static const char *
item_text(struct lay *l, const struct pdf_item *it)
{
	const char *s;

	if (it->suppressed)
		return "<5";
	if (it->missing)
		return "—";
	s = arena_printf(l->a, "%lld", (long long)it->v);
	return s ? s : "";
}

static int64_t
items_max(const struct pdf_item *it, size_t n)
{
	int64_t max = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!it[i].suppressed && !it[i].missing && it[i].v > max)
			max = it[i].v;
	return max;
}

/* One row per item: the label, a bar in proportion to the largest value,
 * the value at its end. Rows break across pages; a short chart is kept
 * on one. */
static void
lay_bars(struct lay *l, const struct block *b)
{
	const float row = 15, size = 8.5f, lw = CONTENT_W * 0.30f,
	    vw = 48, bx = MARGIN_X + lw + 6, bw = CONTENT_W - lw - 6 - vw;
	int64_t max = items_max(b->items, b->nitems);
	const struct pdf_item *it;
	const char *t;
	float w, y;
	size_t i;

	if (b->nitems <= 20)
		need(l, 20 + b->nitems * row);
	else
		need(l, 20 + 3 * row);
	flow(l, 1, 10, 0, 14, MARGIN_X, CONTENT_W, b->s[0]);
	l->y -= 4;
	for (i = 0; i < b->nitems && !l->failed; i++) {
		it = &b->items[i];
		need(l, row);
		y = l->y - row + 3;
		text_at(l, 0, size, 0.2f, MARGIN_X, y + 2,
		    fit(l, 0, size, it->label, lw));
		t = item_text(l, it);
		if (it->suppressed) {
			rect_at(l, C_SUPP, 1, bx, y, 10, row - 5);
			w = 10;
		} else if (it->missing || max <= 0)
			w = 0;
		else {
			w = (float)((double)it->v / (double)max * bw);
			if (w < 0.5f && it->v > 0)
				w = 0.5f;
			if (w > 0)
				rect_at(l, C_BAR, 0, bx, y, w, row - 5);
		}
		text_at(l, 0, size, 0, bx + w + 4, y + 2, t);
		l->y -= row;
	}
	l->y -= 8;
}

/* A line over the items in order in a box kept on one page: the values
 * scaled to the largest, a point at each, the line broken at a suppressed
 * or missing value (a grey stub "<5" at the axis for a suppressed one);
 * labels under the axis, thinned so they do not overlap. */
static void
lay_line(struct lay *l, const struct block *b)
{
	const float h = 150, size = 7.5f, ax = MARGIN_X + 40,
	    aw = CONTENT_W - 50;
	int64_t max = items_max(b->items, b->nitems);
	const struct pdf_item *it;
	float x, y, px = 0, py = 0, base, step, lwid;
	size_t i, every;
	int have = 0;
	const char *t;

	need(l, 20 + h + 30);
	flow(l, 1, 10, 0, 14, MARGIN_X, CONTENT_W, b->s[0]);
	l->y -= 6;
	base = l->y - h;
	step = b->nitems > 1 ? aw / (float)(b->nitems - 1) : 0;
	/* The axes and the largest value. */
	line_at(l, C_AXIS, 0.5f, ax, base, ax + aw, base);
	line_at(l, C_AXIS, 0.5f, ax, base, ax, base + h);
	t = arena_printf(l->a, "%lld", (long long)max);
	text_at(l, 0, size, 0.35f, MARGIN_X, base + h - size, t ? t : "");
	text_at(l, 0, size, 0.35f, MARGIN_X, base, "0");
	lwid = 0;
	for (i = 0; i < b->nitems; i++) {
		float tw = text_w(l, 0, size, b->items[i].label,
		    strlen(b->items[i].label));

		if (tw > lwid)
			lwid = tw;
	}
	every = 1;
	if (step > 0)
		while (every < b->nitems && (float)every * step < lwid + 4)
			every++;
	for (i = 0; i < b->nitems && !l->failed; i++) {
		it = &b->items[i];
		x = b->nitems > 1 ? ax + step * (float)i : ax + aw / 2;
		if (i % every == 0 || i + 1 == b->nitems)
			text_at(l, 0, size, 0.25f, x - text_w(l, 0, size,
			    it->label, strlen(it->label)) / 2, base - 11,
			    it->label);
		if (it->suppressed || it->missing) {
			if (it->suppressed) {
				rect_at(l, C_SUPP, 1, x - 4, base, 8, 8);
				text_at(l, 0, size, 0.35f, x - 5, base + 11,
				    "<5");
			}
			have = 0;
			continue;
		}
		y = base + (max > 0 ? (float)((double)it->v / (double)max *
		    h) : 0);
		if (have)
			line_at(l, C_BAR, 1.5f, px, py, x, y);
		rect_at(l, C_BAR, 0, x - 2, y - 2, 4, 4);
		px = x;
		py = y;
		have = 1;
	}
	l->y = base - 22;
}

static void
layout(struct lay *l, const struct pdf_doc *d)
{
	const struct block *b, *prev = NULL;

	l->y = CONTENT_TOP;
	flow(l, 1, 17, 0, 21, MARGIN_X, CONTENT_W, d->title);
	l->y -= 4;
	for (b = d->head; b != NULL && !l->failed; prev = b, b = b->next) {
		if (prev && prev->kind == B_KV && b->kind != B_KV)
			l->y -= 8;
		switch (b->kind) {
		case B_TITLE:
			break;
		case B_SUBTITLE:
			flow(l, 0, 10.5f, 0.35f, 14, MARGIN_X, CONTENT_W,
			    b->s[0]);
			l->y -= 6;
			break;
		case B_HEADING:
			l->y -= 12;
			need(l, 18 + 3 * 13.5f);
			flow(l, 1, 12.5f, 0.1f, 16, MARGIN_X, CONTENT_W,
			    b->s[0]);
			l->y += 1;
			rule_at(l, 0.6f, MARGIN_X, l->y, MARGIN_X + CONTENT_W);
			l->y -= 6;
			break;
		case B_SUBHEADING:
			l->y -= 6;
			need(l, 14 + 2 * 13.5f);
			flow(l, 1, 10, 0, 13.5f, MARGIN_X, CONTENT_W, b->s[0]);
			break;
		case B_PARA:
			flow(l, 0, 10, 0, 13.5f, MARGIN_X, CONTENT_W, b->s[0]);
			l->y -= 4;
			break;
		case B_NOTE:
			flow(l, 0, 8.5f, 0.35f, 11.5f, MARGIN_X, CONTENT_W,
			    b->s[0]);
			l->y -= 3;
			break;
		case B_BULLET:
			need(l, 13.5f);
			text_at(l, 0, 10, 0, MARGIN_X + 2, l->y - 10, "•");
			flow(l, 0, 10, 0, 13.5f, MARGIN_X + 14, CONTENT_W - 14,
			    b->s[0]);
			l->y -= 1.5f;
			break;
		case B_KV:
			if (prev == NULL || prev->kind != B_KV) {
				need(l, 30);
				rule_at(l, 0.85f, MARGIN_X, l->y,
				    MARGIN_X + CONTENT_W);
			}
			lay_kv(l, b);
			break;
		case B_SIGN:
			lay_sign(l, b);
			break;
		case B_CHART:
			l->y -= 6;
			if (b->chart == PDF_LINE)
				lay_line(l, b);
			else
				lay_bars(l, b);
			break;
		}
	}
}

/* ----------------------------------------------------------- rendering */

struct herr {
	HPDF_STATUS	no, detail;
};

/* libharu calls this on an error and then returns the error code to the
 * caller; the document refuses further work until reset. Only the first
 * error is kept. No longjmp: every call returns normally. */
static void
on_error(HPDF_STATUS no, HPDF_STATUS detail, void *user)
{
	struct herr *e = user;

	if (e->no == HPDF_OK) {
		e->no = no;
		e->detail = detail;
	}
}

/* s cut (at a character boundary) to fit width, with "…" when cut. */
static const char *
fit(struct lay *l, int bold, float size, const char *s, float width)
{
	size_t len = strlen(s), k = 0, e, last = 0;
	float w = 0, ell = text_w(l, bold, size, "…", strlen("…"));
	char *o;

	if (text_w(l, bold, size, s, len) <= width)
		return s;
	while (k < len) {
		e = k + 1;
		while (e < len && ((unsigned char)s[e] & 0xC0) == 0x80)
			e++;
		w += text_w(l, bold, size, s + k, e - k);
		if (w + ell > width)
			break;
		last = e;
		k = e;
	}
	if ((o = arena_printf(l->a, "%.*s…", (int)last, s)) == NULL)
		return "";
	return o;
}

static void
draw_page(HPDF_Page pg, struct lay *l, const struct pdf_doc *d, int p,
    size_t *from, int npages)
{
	size_t i, end;
	int cur_bold = -1;
	float cur_size = -1, cur_gray = -1, pw;
	const char *pn, *hd;

	for (end = *from; end < l->n && l->ops[end].page == p; end++)
		;
	/* Rules: content, header, footer. */
	HPDF_Page_SetLineWidth(pg, 0.5f);
	for (i = *from; i < end; i++)
		if (l->ops[i].kind == OP_RULE) {
			HPDF_Page_SetGrayStroke(pg, l->ops[i].gray);
			HPDF_Page_MoveTo(pg, l->ops[i].x, l->ops[i].y);
			HPDF_Page_LineTo(pg, l->ops[i].x2, l->ops[i].y2);
			HPDF_Page_Stroke(pg);
		}
	/* Rectangles (filled, some outlined), then lines over them. */
	for (i = *from; i < end; i++) {
		const struct op *o = &l->ops[i];

		if (o->kind != OP_RECT)
			continue;
		HPDF_Page_SetRGBFill(pg, o->rgb[0], o->rgb[1], o->rgb[2]);
		HPDF_Page_SetGrayStroke(pg, o->gray);
		HPDF_Page_Rectangle(pg, o->x, o->y, o->x2, o->y2);
		if (o->outline)
			HPDF_Page_FillStroke(pg);
		else
			HPDF_Page_Fill(pg);
	}
	for (i = *from; i < end; i++) {
		const struct op *o = &l->ops[i];

		if (o->kind != OP_LINE)
			continue;
		HPDF_Page_SetLineWidth(pg, o->size);
		HPDF_Page_SetRGBStroke(pg, o->rgb[0], o->rgb[1], o->rgb[2]);
		HPDF_Page_MoveTo(pg, o->x, o->y);
		HPDF_Page_LineTo(pg, o->x2, o->y2);
		HPDF_Page_Stroke(pg);
	}
	HPDF_Page_SetLineWidth(pg, 0.5f);
	HPDF_Page_SetGrayStroke(pg, 0.6f);
	HPDF_Page_MoveTo(pg, MARGIN_X, FOOTER_RULE_Y);
	HPDF_Page_LineTo(pg, MARGIN_X + CONTENT_W, FOOTER_RULE_Y);
	HPDF_Page_Stroke(pg);
	if (p > 0 && *d->header) {
		HPDF_Page_MoveTo(pg, MARGIN_X, HEADER_Y - 6);
		HPDF_Page_LineTo(pg, MARGIN_X + CONTENT_W, HEADER_Y - 6);
		HPDF_Page_Stroke(pg);
	}
	HPDF_Page_BeginText(pg);
	for (i = *from; i < end; i++) {
		const struct op *o = &l->ops[i];

		if (o->kind != OP_TEXT)
			continue;
		if (o->bold != cur_bold || o->size != cur_size) {
			HPDF_Page_SetFontAndSize(pg, l->font[o->bold], o->size);
			cur_bold = o->bold;
			cur_size = o->size;
		}
		if (o->gray != cur_gray) {
			HPDF_Page_SetGrayFill(pg, o->gray);
			cur_gray = o->gray;
		}
		HPDF_Page_TextOut(pg, o->x, o->y, o->s);
	}
	/* Header (after the first page) and footer. */
	HPDF_Page_SetFontAndSize(pg, l->font[0], 8);
	HPDF_Page_SetGrayFill(pg, 0.35f);
	pn = arena_printf(l->a, "%s%s%d / %d", d->page_word, *d->page_word ?
	    " " : "", p + 1, npages);
	if (pn == NULL)
		pn = "";
	pw = text_w(l, 0, 8, pn, strlen(pn));
	HPDF_Page_TextOut(pg, MARGIN_X + CONTENT_W - pw, FOOTER_Y, pn);
	HPDF_Page_TextOut(pg, MARGIN_X, FOOTER_Y, fit(l, 0, 8, d->footer,
	    CONTENT_W - pw - 16));
	if (p > 0 && *d->header) {
		hd = fit(l, 0, 8, d->header, CONTENT_W);
		HPDF_Page_TextOut(pg, MARGIN_X, HEADER_Y, hd);
	}
	HPDF_Page_EndText(pg);
	*from = end;
}

const char *
pdf_rc_str(enum pdf_rc rc)
{
	switch (rc) {
	case PDF_OK:
		return "ok";
	case PDF_NOFONT:
		return "nofont";
	case PDF_TOOBIG:
		return "toobig";
	case PDF_ERROR:
		break;
	}
	return "error";
}

enum pdf_rc
pdf_render(const struct pdf_doc *d, const struct pdf_fonts *f, struct buf *out,
    struct pdf_stats *st, char *err, size_t errlen)
{
	struct herr e = { HPDF_OK, 0 };
	struct lay l;
	HPDF_Doc pdf = NULL;
	HPDF_Page pg;
	const char *name;
	enum pdf_rc rc = PDF_ERROR;
	HPDF_BYTE chunk[16384];
	HPDF_UINT32 got;
	HPDF_STATUS s;
	size_t from = 0, before = out->len;
	int p, npages;

	if (err && errlen)
		*err = '\0';
	if (st)
		memset(st, 0, sizeof(*st));
	if (d == NULL || d->failed)
		return PDF_TOOBIG;
	if (f == NULL || !readable_file(f->regular) || !readable_file(f->bold))
		return PDF_NOFONT;
	memset(&l, 0, sizeof(l));
	l.a = d->a;
	if ((pdf = HPDF_New(on_error, &e)) == NULL)
		return PDF_ERROR;
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if (e.no != HPDF_OK)
		goto out;
	/* The fonts: a failure here is the font's. */
	if ((name = HPDF_LoadTTFontFromFile(pdf, f->regular, HPDF_TRUE)) ==
	    NULL || (l.font[0] = HPDF_GetFont(pdf, name, "UTF-8")) == NULL ||
	    (name = HPDF_LoadTTFontFromFile(pdf, f->bold, HPDF_TRUE)) == NULL ||
	    (l.font[1] = HPDF_GetFont(pdf, name, "UTF-8")) == NULL ||
	    e.no != HPDF_OK) {
		rc = PDF_NOFONT;
		goto out;
	}
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Rrjeti");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, d->title);
	layout(&l, d);
	if (l.failed) {
		rc = PDF_TOOBIG;
		goto out;
	}
	if (e.no != HPDF_OK)
		goto out;
	npages = l.page + 1;
	for (p = 0; p < npages && e.no == HPDF_OK; p++) {
		if ((pg = HPDF_AddPage(pdf)) == NULL)
			break;
		HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
		draw_page(pg, &l, d, p, &from, npages);
	}
	if (e.no != HPDF_OK || HPDF_SaveToStream(pdf) != HPDF_OK)
		goto out;
	for (;;) {
		got = sizeof(chunk);
		s = HPDF_ReadFromStream(pdf, chunk, &got);
		if (got > 0)
			buf_add(out, chunk, got);
		if (s == HPDF_STREAM_EOF || got == 0)
			break;
		if (s != HPDF_OK)
			goto out;
	}
	if (out->oom) {
		rc = PDF_TOOBIG;
		goto out;
	}
	if (e.no != HPDF_OK)
		goto out;
	if (st) {
		st->pages = npages;
		st->bytes = out->len - before;
	}
	rc = PDF_OK;
out:
	if (rc != PDF_OK && err && errlen && e.no != HPDF_OK)
		snprintf(err, errlen, "libharu error 0x%04X, detail %u",
		    (unsigned)e.no, (unsigned)e.detail);
	if (rc != PDF_OK && !out->oom)
		out->len = before;
	HPDF_Free(pdf);
	return rc;
}
