/*
 * xlsx.c — the first worksheet of an XLSX workbook as rows of text cells
 * (util layer; see xlsx.h). The archive is opened from memory with libzip;
 * each part is inflated in chunks and fed to expat, counting every byte
 * against the caller's cap. Parts read, in order: xl/workbook.xml (the
 * first sheet's relationship, the date system), its relationships (the
 * sheet's, shared strings' and styles' parts), the styles (which cell
 * styles are dates), the shared strings, then the sheet, row by row.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "calendar.h"
#include "xlsx.h"

#define CHUNK		(64u * 1024)
#define PATH_MAX_X	512
#define XF_MAX		65536	/* cell styles */
#define FMT_MAX		1024	/* custom number formats */

struct buf {
	char	*p;
	size_t	 n, cap;
};

enum part { P_WORKBOOK, P_RELS, P_STYLES, P_STRINGS, P_SHEET };

struct rd {
	zip_t		*z;
	XML_Parser	 xp;
	size_t		 budget;	/* bytes still allowed */
	enum xlsx_err	 err;
	struct xlsx_where *w;
	enum part	 part;
	int		 depth;
	/* workbook and relationships */
	char		 sheet_rid[128];
	int		 date1904, in_sheets;
	char		 sheet[PATH_MAX_X], strings[PATH_MAX_X],
			 styles[PATH_MAX_X];
	/* styles: the number format of each cell style, and which custom
	 * formats are dates */
	int		 in_xfs;
	unsigned char	*xf_date;
	size_t		 nxf;
	unsigned	 fmt_id[FMT_MAX];
	unsigned char	 fmt_date[FMT_MAX];
	size_t		 nfmt;
	/* shared strings */
	char		**ss;
	size_t		 nss, capss;
	/* text being collected (<t>, <v>, <f>) */
	int		 in_si, in_t, in_rph, in_v, in_f, in_is, in_c;
	struct buf	 txt, ftxt;
	/* the sheet */
	size_t		 row, prevrow;
	size_t		 col, ncell;
	int		 ctype;		/* 's' 'b' 'e' 'i'nline 'd' 'n' 'S'tr */
	int		 cdate, has_f;
	struct buf	 cells;		/* cell texts, NUL-separated */
	size_t		 off[CSV_MAX_FIELDS];
	int		 used[CSV_MAX_FIELDS];
	csv_cb		 cb;
	void		*arg;
};

static char empty[1];

static const char *
part_name(struct rd *r)
{
	switch (r->part) {
	case P_WORKBOOK:
		return "xl/workbook.xml";
	case P_RELS:
		return "xl/_rels/workbook.xml.rels";
	case P_STYLES:
		return "styles";
	case P_STRINGS:
		return "sharedStrings";
	default:
		return "worksheet";
	}
}

/* Records the first failure and stops the parser. */
static void
stop(struct rd *r, enum xlsx_err e)
{
	if (r->err != XLSX_OK)
		return;
	r->err = e;
	if (r->w != NULL) {
		r->w->part = part_name(r);
		r->w->line = r->xp ? XML_GetCurrentLineNumber(r->xp) : 0;
		r->w->row = r->row;
	}
	if (r->xp != NULL)
		(void)XML_StopParser(r->xp, XML_FALSE);
}

static int
buf_add(struct rd *r, struct buf *b, const char *s, size_t n, size_t max)
{
	if (b->n + n + 1 > max) {
		stop(r, XLSX_TOO_WIDE);
		return -1;
	}
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 256;
		char *np;

		while (nc < b->n + n + 1)
			nc *= 2;
		if ((np = realloc(b->p, nc)) == NULL) {
			stop(r, XLSX_NOMEM);
			return -1;
		}
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

static void
buf_clear(struct buf *b)
{
	b->n = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

static const char *
local(const char *name)
{
	const char *p = strrchr(name, '|');

	return p ? p + 1 : name;
}

/* The value of the attribute with local name k (any namespace when ns). */
static const char *
attr(const char **a, const char *k, int ns)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(local(a[0]), k) == 0 &&
		    (ns || strchr(a[0], '|') == NULL))
			return a[1];
	return NULL;
}

static void
set_path(char *dst, const char *target)
{
	if (target[0] == '/')
		snprintf(dst, PATH_MAX_X, "%s", target + 1);
	else
		snprintf(dst, PATH_MAX_X, "xl/%s", target);
}

static int
ends_with(const char *s, const char *t)
{
	size_t n = strlen(s), m = strlen(t);

	return n >= m && strcmp(s + n - m, t) == 0;
}

/* Whether a number format code shows a date: d or y outside quotes,
 * brackets and escapes (m alone may be minutes). */
static int
code_is_date(const char *c)
{
	int q = 0, b = 0;

	for (; *c; c++) {
		if (*c == '\\' && c[1] != '\0') {
			c++;
			continue;
		}
		if (*c == '"')
			q = !q;
		else if (!q && *c == '[')
			b = 1;
		else if (!q && *c == ']')
			b = 0;
		else if (!q && !b && strchr("dDyY", *c) != NULL)
			return 1;
	}
	return 0;
}

/* Built-in date formats: 14-17, 22, and the East Asian 27-36, 50-58. */
static int
fmt_is_date(struct rd *r, unsigned id)
{
	size_t i;

	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return 1;
	for (i = 0; i < r->nfmt; i++)
		if (r->fmt_id[i] == id)
			return r->fmt_date[i];
	return 0;
}

static unsigned long
num(const char *v, unsigned long max, int *ok)
{
	char *end;
	unsigned long x;

	*ok = 0;
	if (v == NULL || *v < '0' || *v > '9')
		return 0;
	x = strtoul(v, &end, 10);
	if (*end != '\0' || x > max)
		return 0;
	*ok = 1;
	return x;
}

/* "AB12" -> column 27 (0-based: 27), row 12. -1 when malformed. */
static int
cell_ref(const char *v, size_t *col, size_t *row)
{
	size_t c = 0, k = 0;
	int ok;

	for (; *v >= 'A' && *v <= 'Z'; v++, k++) {
		c = c * 26 + (size_t)(*v - 'A' + 1);
		if (k >= 3)
			return -1;
	}
	if (k == 0)
		return -1;
	*col = c - 1;
	*row = num(v, 1048576, &ok);
	return ok && *row > 0 ? 0 : -1;
}

static void XMLCALL
on_start(void *ud, const char *name, const char **a)
{
	struct rd *r = ud;
	const char *n = local(name), *v;
	int ok;

	r->depth++;
	switch (r->part) {
	case P_WORKBOOK:
		if (strcmp(n, "workbookPr") == 0 && (v = attr(a, "date1904",
		    0)) != NULL)
			r->date1904 = strcmp(v, "1") == 0 ||
			    strcmp(v, "true") == 0;
		else if (strcmp(n, "sheets") == 0)
			r->in_sheets = 1;
		else if (r->in_sheets && strcmp(n, "sheet") == 0 &&
		    r->sheet_rid[0] == '\0' && (v = attr(a, "id", 1)) != NULL)
			snprintf(r->sheet_rid, sizeof(r->sheet_rid), "%s", v);
		break;
	case P_RELS:
		if (strcmp(n, "Relationship") == 0) {
			const char *id = attr(a, "Id", 0);
			const char *ty = attr(a, "Type", 0);
			const char *tg = attr(a, "Target", 0);

			if (id == NULL || ty == NULL || tg == NULL)
				break;
			if (strcmp(id, r->sheet_rid) == 0)
				set_path(r->sheet, tg);
			else if (ends_with(ty, "/sharedStrings"))
				set_path(r->strings, tg);
			else if (ends_with(ty, "/styles"))
				set_path(r->styles, tg);
		}
		break;
	case P_STYLES:
		if (strcmp(n, "numFmt") == 0 && r->nfmt < FMT_MAX) {
			unsigned id = (unsigned)num(attr(a, "numFmtId", 0),
			    100000, &ok);

			if (ok && (v = attr(a, "formatCode", 0)) != NULL) {
				r->fmt_id[r->nfmt] = id;
				r->fmt_date[r->nfmt++] = (unsigned char)
				    code_is_date(v);
			}
		} else if (strcmp(n, "cellXfs") == 0)
			r->in_xfs = 1;
		else if (r->in_xfs && strcmp(n, "xf") == 0) {
			unsigned id = (unsigned)num(attr(a, "numFmtId", 0),
			    100000, &ok);

			if (r->nxf >= XF_MAX) {
				stop(r, XLSX_TOO_WIDE);
				break;
			}
			r->xf_date[r->nxf++] = (unsigned char)(ok &&
			    fmt_is_date(r, id));
		}
		break;
	case P_STRINGS:
		if (strcmp(n, "si") == 0) {
			r->in_si = 1;
			buf_clear(&r->txt);
		} else if (strcmp(n, "rPh") == 0)
			r->in_rph = 1;
		else if (r->in_si && !r->in_rph && strcmp(n, "t") == 0)
			r->in_t = 1;
		break;
	case P_SHEET:
		if (strcmp(n, "row") == 0) {
			size_t rn = num(attr(a, "r", 0), 1048576, &ok);

			r->row = ok && rn > 0 ? rn : r->prevrow + 1;
			if (r->row <= r->prevrow) {
				stop(r, XLSX_BAD_XML);
				break;
			}
			r->ncell = 0;
			r->col = 0;
			buf_clear(&r->cells);
		} else if (strcmp(n, "c") == 0) {
			size_t c, rr;

			r->in_c = 1;
			r->has_f = 0;
			buf_clear(&r->txt);
			buf_clear(&r->ftxt);
			if ((v = attr(a, "r", 0)) != NULL) {
				if (cell_ref(v, &c, &rr) != 0 ||
				    rr != r->row || c < r->col) {
					stop(r, XLSX_BAD_XML);
					break;
				}
				r->col = c;
			}
			if (r->col >= CSV_MAX_FIELDS) {
				stop(r, XLSX_TOO_WIDE);
				break;
			}
			v = attr(a, "t", 0);
			r->ctype = v == NULL || strcmp(v, "n") == 0 ? 'n' :
			    strcmp(v, "s") == 0 ? 's' : strcmp(v, "b") == 0 ?
			    'b' : strcmp(v, "inlineStr") == 0 ? 'i' :
			    strcmp(v, "d") == 0 ? 'd' : strcmp(v, "e") == 0 ?
			    'e' : 'S';
			c = num(attr(a, "s", 0), XF_MAX, &ok);
			r->cdate = ok && c < r->nxf && r->xf_date[c];
		} else if (r->in_c && strcmp(n, "v") == 0)
			r->in_v = 1;
		else if (r->in_c && strcmp(n, "f") == 0) {
			r->in_f = 1;
			r->has_f = 1;
		} else if (r->in_c && strcmp(n, "is") == 0)
			r->in_is = 1;
		else if (r->in_is && strcmp(n, "rPh") == 0)
			r->in_rph = 1;
		else if (r->in_is && !r->in_rph && strcmp(n, "t") == 0)
			r->in_t = 1;
		break;
	}
}

static void XMLCALL
on_text(void *ud, const char *s, int len)
{
	struct rd *r = ud;

	if (r->in_f)
		(void)buf_add(r, &r->ftxt, s, (size_t)len, XLSX_CELL_MAX);
	else if (r->in_t || r->in_v)
		(void)buf_add(r, &r->txt, s, (size_t)len, XLSX_CELL_MAX);
}

/* A serial day number of the workbook's date system as yyyy-mm-dd into
 * out; -1 when it is not a day in the calendar's range. */
static int
serial_date(struct rd *r, const char *v, char *out, size_t outlen)
{
	int32_t lo, hi, d;
	double x;
	char *end;

	x = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(x) || x < 0 ||
	    x > 2958466.0)
		return -1;
	x = floor(x);
	if (r->date1904)
		d = (int32_t)x - 24107;
	else if (x >= 61)
		d = (int32_t)x - 25569;
	else if (x == 60)
		return -1;	/* 1900-02-29, a day that never was */
	else
		d = (int32_t)x - 25568;
	if (cal_date_from_ymd(CAL_YEAR_MIN, 1, 1, &lo) != CAL_OK ||
	    cal_date_from_ymd(CAL_YEAR_MAX, 12, 31, &hi) != CAL_OK ||
	    d < lo || d > hi)
		return -1;
	cal_date_format(d, out, outlen);
	return 0;
}

static void
cell_end(struct rd *r)
{
	const char *v = r->txt.p ? r->txt.p : "";
	char date[16];
	unsigned long i;
	size_t start = r->cells.n;
	int ok;

	r->in_c = 0;
	if (r->has_f) {
		if (buf_add(r, &r->cells, "=", 1, SIZE_MAX) != 0 ||
		    buf_add(r, &r->cells, r->ftxt.p ? r->ftxt.p : "",
		    r->ftxt.n, SIZE_MAX) != 0)
			return;
	} else {
		switch (r->ctype) {
		case 's':
			i = num(v, SIZE_MAX, &ok);
			if (!ok || i >= r->nss) {
				stop(r, XLSX_BAD_XML);
				return;
			}
			v = r->ss[i];
			break;
		case 'b':
			v = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
			break;
		case 'd':
			if (strlen(v) > 10 && v[10] == 'T') {
				snprintf(date, sizeof(date), "%.10s", v);
				v = date;
			}
			break;
		case 'n':
			if (r->cdate && *v != '\0' &&
			    serial_date(r, v, date, sizeof(date)) == 0)
				v = date;
			break;
		default:
			break;
		}
		if (buf_add(r, &r->cells, v, strlen(v), SIZE_MAX) != 0)
			return;
	}
	/* Each cell's text is followed by its NUL: step past it. */
	r->off[r->col] = start;
	r->used[r->col] = 1;
	r->cells.n++;
	if (r->col + 1 > r->ncell)
		r->ncell = r->col + 1;
	r->col++;
}

static void
row_end(struct rd *r)
{
	char *f[CSV_MAX_FIELDS];
	size_t i, n = r->ncell;
	int rc;

	for (i = 0; i < n; i++)
		f[i] = r->used[i] ? r->cells.p + r->off[i] : empty;
	while (n > 0 && f[n - 1][0] == '\0')
		n--;
	for (i = 0; i < r->ncell; i++)
		r->used[i] = 0;
	r->prevrow = r->row;
	if (n == 0)
		return;
	if ((rc = r->cb(r->arg, r->row, f, n)) != 0) {
		if (r->w != NULL)
			r->w->cb_rc = rc;
		stop(r, XLSX_STOPPED);
	}
}

static void XMLCALL
on_end(void *ud, const char *name)
{
	struct rd *r = ud;
	const char *n = local(name);

	r->depth--;
	if (r->err != XLSX_OK)
		return;
	switch (r->part) {
	case P_WORKBOOK:
		if (strcmp(n, "sheets") == 0)
			r->in_sheets = 0;
		break;
	case P_STYLES:
		if (strcmp(n, "cellXfs") == 0)
			r->in_xfs = 0;
		break;
	case P_STRINGS:
		if (strcmp(n, "t") == 0)
			r->in_t = 0;
		else if (strcmp(n, "rPh") == 0)
			r->in_rph = 0;
		else if (strcmp(n, "si") == 0) {
			r->in_si = 0;
			if (r->nss >= XLSX_STRINGS_MAX) {
				stop(r, XLSX_TOO_WIDE);
				break;
			}
			if (r->nss == r->capss) {
				size_t nc = r->capss ? r->capss * 2 : 1024;
				char **np = realloc(r->ss, nc * sizeof(*np));

				if (np == NULL) {
					stop(r, XLSX_NOMEM);
					break;
				}
				r->ss = np;
				r->capss = nc;
			}
			if ((r->ss[r->nss] = strdup(r->txt.p ? r->txt.p :
			    "")) == NULL) {
				stop(r, XLSX_NOMEM);
				break;
			}
			r->nss++;
		}
		break;
	case P_SHEET:
		if (strcmp(n, "v") == 0)
			r->in_v = 0;
		else if (strcmp(n, "f") == 0)
			r->in_f = 0;
		else if (strcmp(n, "t") == 0)
			r->in_t = 0;
		else if (strcmp(n, "rPh") == 0)
			r->in_rph = 0;
		else if (strcmp(n, "is") == 0)
			r->in_is = 0;
		else if (strcmp(n, "c") == 0)
			cell_end(r);
		else if (strcmp(n, "row") == 0)
			row_end(r);
		break;
	default:
		break;
	}
}

/* No document type declarations: no entities to expand. */
static void XMLCALL
on_doctype(void *ud, const char *name, const char *sysid, const char *pubid,
    int has_internal)
{
	stop(ud, XLSX_BAD_XML);
}

/* Inflates part path of the archive through expat with the handlers of
 * part. A missing part: XLSX_NO_SHEET when required, else nothing. */
static enum xlsx_err
read_part(struct rd *r, const char *path, enum part part, int required)
{
	zip_file_t *f;
	zip_stat_t st;
	zip_int64_t got;
	char *chunk;

	r->part = part;
	if (path[0] == '\0' || zip_name_locate(r->z, path, 0) < 0 ||
	    (f = zip_fopen(r->z, path, 0)) == NULL) {
		if (required)
			stop(r, XLSX_NO_SHEET);
		return r->err;
	}
	/* What the archive claims first; what is inflated is counted too. */
	if (zip_stat(r->z, path, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > r->budget) {
		zip_fclose(f);
		stop(r, XLSX_TOO_BIG);
		return r->err;
	}
	if ((r->xp = XML_ParserCreateNS(NULL, '|')) == NULL ||
	    (chunk = malloc(CHUNK)) == NULL) {
		if (r->xp != NULL)
			XML_ParserFree(r->xp);
		r->xp = NULL;
		zip_fclose(f);
		stop(r, XLSX_NOMEM);
		return r->err;
	}
	XML_SetUserData(r->xp, r);
	XML_SetElementHandler(r->xp, on_start, on_end);
	XML_SetCharacterDataHandler(r->xp, on_text);
	XML_SetStartDoctypeDeclHandler(r->xp, on_doctype);
	r->depth = 0;
	for (;;) {
		got = zip_fread(f, chunk, CHUNK);
		if (got < 0) {
			stop(r, XLSX_NOT_ZIP);
			break;
		}
		if ((size_t)got > r->budget) {
			stop(r, XLSX_TOO_BIG);
			break;
		}
		r->budget -= (size_t)got;
		if (XML_Parse(r->xp, chunk, (int)got, got == 0) !=
		    XML_STATUS_OK) {
			if (r->err == XLSX_OK)
				stop(r, XLSX_BAD_XML);
			break;
		}
		if (r->err != XLSX_OK || got == 0)
			break;
	}
	free(chunk);
	XML_ParserFree(r->xp);
	r->xp = NULL;
	zip_fclose(f);
	return r->err;
}

enum xlsx_err
xlsx_parse(const void *data, size_t len, size_t max_bytes, csv_cb cb,
    void *arg, struct xlsx_where *w)
{
	struct rd r;
	zip_source_t *src;
	zip_error_t ze;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.budget = max_bytes;
	r.cb = cb;
	r.arg = arg;
	r.w = w;
	if (w != NULL)
		memset(w, 0, sizeof(*w));
	zip_error_init(&ze);
	if (len == 0 || (src = zip_source_buffer_create(data, len, 0,
	    &ze)) == NULL) {
		zip_error_fini(&ze);
		return XLSX_NOT_ZIP;
	}
	if ((r.z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		if (w != NULL)
			w->part = "";
		return XLSX_NOT_ZIP;
	}
	zip_error_fini(&ze);
	if ((r.xf_date = calloc(XF_MAX, 1)) == NULL) {
		zip_discard(r.z);
		return XLSX_NOMEM;
	}
	if (read_part(&r, "xl/workbook.xml", P_WORKBOOK, 1) != XLSX_OK)
		goto out;
	if (r.sheet_rid[0] == '\0') {
		stop(&r, XLSX_NO_SHEET);
		goto out;
	}
	if (read_part(&r, "xl/_rels/workbook.xml.rels", P_RELS, 1) !=
	    XLSX_OK)
		goto out;
	if (r.styles[0] == '\0')
		snprintf(r.styles, sizeof(r.styles), "xl/styles.xml");
	if (r.strings[0] == '\0')
		snprintf(r.strings, sizeof(r.strings), "xl/sharedStrings.xml");
	if (read_part(&r, r.styles, P_STYLES, 0) != XLSX_OK ||
	    read_part(&r, r.strings, P_STRINGS, 0) != XLSX_OK)
		goto out;
	(void)read_part(&r, r.sheet, P_SHEET, 1);
out:
	for (i = 0; i < r.nss; i++)
		free(r.ss[i]);
	free(r.ss);
	free(r.xf_date);
	free(r.txt.p);
	free(r.ftxt.p);
	free(r.cells.p);
	zip_discard(r.z);
	return r.err;
}

const char *
xlsx_strerror(enum xlsx_err e)
{
	switch (e) {
	case XLSX_OK:
		return "ok";
	case XLSX_NOT_ZIP:
		return "not a zip archive";
	case XLSX_NO_SHEET:
		return "no worksheet";
	case XLSX_BAD_XML:
		return "not well-formed XML";
	case XLSX_TOO_BIG:
		return "over the decompression cap";
	case XLSX_TOO_WIDE:
		return "a row or cell over the limits";
	case XLSX_NOMEM:
		return "out of memory";
	case XLSX_STOPPED:
		return "stopped";
	}
	return "?";
}
