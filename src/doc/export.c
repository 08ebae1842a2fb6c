/*
 * export.c — report tables as CSV, XLSX, PDF and an encrypted zip (doc
 * layer). See export.h. libxlsxwriter only writes files, so the XLSX is
 * written to a private temporary file (mode 0600, removed at once after
 * reading); libzip works in memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "../util/utf8.h"
#include "export.h"
#include "svg.h"

static const char *const export_fmt_names[EXPORT__MAX] = {
	[EXPORT_CSV] = "csv",
	[EXPORT_XLSX] = "xlsx",
	[EXPORT_PDF] = "pdf",
};

static const char *const export_fmt_mimes[EXPORT__MAX] = {
	[EXPORT_CSV] = "text/csv; charset=utf-8",
	[EXPORT_XLSX] =
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	[EXPORT_PDF] = "application/pdf",
};

int
export_fmt_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < EXPORT__MAX; i++)
		if (strcmp(s, export_fmt_names[i]) == 0)
			return i;
	return -1;
}

const char *
export_fmt_name(enum export_fmt f)
{
	return (unsigned)f < EXPORT__MAX ? export_fmt_names[f] : "?";
}

const char *
export_fmt_mime(enum export_fmt f)
{
	return (unsigned)f < EXPORT__MAX ? export_fmt_mimes[f] :
	    "application/octet-stream";
}

const char *
export_rc_str(enum export_rc rc)
{
	switch (rc) {
	case EXPORT_OK:
		return "ok";
	case EXPORT_TOOBIG:
		return "too big";
	case EXPORT_NOFONT:
		return "no font";
	case EXPORT_WEAKPW:
		return "weak password";
	default:
		return "error";
	}
}

static int
is_numeric(enum rt_kind k)
{
	return k == RT_INT || k == RT_CENTS || k == RT_PERMILLE || k == RT_DAYS;
}

const char *
export_cell_text(struct arena *a, const struct rt_table *t, size_t row,
    size_t col)
{
	const struct rt_cell *c = rt_at(t, row, col);
	int64_t v, m;

	if (c->suppressed)
		return EXPORT_SUPPRESSED;
	if (c->missing)
		return "";
	switch (t->colkinds[col]) {
	case RT_TEXT:
	case RT_DATE:
		return c->text ? c->text : "";
	case RT_CENTS:
		v = c->v;
		m = v < 0 ? -v : v;
		return arena_printf(a, "%s%" PRId64 ".%02" PRId64,
		    v < 0 ? "-" : "", m / 100, m % 100);
	case RT_PERMILLE:
		v = c->v;
		m = v < 0 ? -v : v;
		return arena_printf(a, "%s%" PRId64 ".%" PRId64,
		    v < 0 ? "-" : "", m / 10, m % 10);
	default:
		return arena_printf(a, "%" PRId64, c->v);
	}
}

/* ------------------------------------------------------------------ CSV */

static int
csv_dangerous(const char *s)
{
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	    s[0] == '\t' || s[0] == '\r';
}

const char *
export_csv_safe(struct arena *a, const char *s)
{
	if (s == NULL)
		return "";
	if (!csv_dangerous(s))
		return s;
	return arena_printf(a, "'%s", s);
}

static void
csv_field(struct buf *b, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static enum export_rc
csv_one(const struct rt_table *t, struct buf *out)
{
	size_t i, j;
	const char *s;
	char num[32];

	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			buf_putc(out, ',');
		csv_field(out, export_csv_safe(out->a, t->colnames[j]));
	}
	buf_puts(out, "\r\n");
	for (i = 0; i < t->nrows && !out->oom; i++) {
		for (j = 0; j < t->ncols; j++) {
			const struct rt_cell *c = rt_at(t, i, j);

			if (j > 0)
				buf_putc(out, ',');
			if (!c->suppressed && !c->missing &&
			    (t->colkinds[j] == RT_INT ||
			    t->colkinds[j] == RT_DAYS)) {
				/* The common case, without the arena. */
				snprintf(num, sizeof(num), "%" PRId64, c->v);
				buf_puts(out, num);
				continue;
			}
			s = export_cell_text(out->a, t, i, j);
			if (s == NULL)
				return EXPORT_TOOBIG;
			if (!is_numeric(t->colkinds[j]) && !c->suppressed)
				s = export_csv_safe(out->a, s);
			if (s == NULL)
				return EXPORT_TOOBIG;
			csv_field(out, s);
		}
		buf_puts(out, "\r\n");
	}
	return out->oom ? EXPORT_TOOBIG : EXPORT_OK;
}

enum export_rc
export_csv(const struct rt_table *t, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	return csv_one(t, out);
}

enum export_rc
export_csv_many(const struct rt_table *const *t, size_t n, struct buf *out)
{
	enum export_rc rc;
	size_t k;

	buf_puts(out, "\xEF\xBB\xBF");
	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_puts(out, "\r\n");
		/* Each table after a line with its title. */
		csv_field(out, export_csv_safe(out->a, t[k]->title));
		buf_puts(out, "\r\n");
		if ((rc = csv_one(t[k], out)) != EXPORT_OK)
			return rc;
	}
	return out->oom ? EXPORT_TOOBIG : EXPORT_OK;
}

/* ----------------------------------------------------------------- XLSX */

/* Reads the whole file fd into out. */
static enum export_rc
slurp(int fd, struct buf *out)
{
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return EXPORT_ERROR;
		if (n == 0)
			break;
		buf_add(out, chunk, (size_t)n);
		if (out->oom)
			return EXPORT_TOOBIG;
	}
	return EXPORT_OK;
}

struct xfmt {
	lxw_format	*bold, *money, *pct, *wrap;
};

/* One table on its own sheet. 0, or -1 when the arena is full. */
static int
xlsx_sheet(lxw_workbook *wb, const struct rt_table *t, const char *name,
    const struct xfmt *x, struct arena *a)
{
	lxw_worksheet *ws;
	const char *s;
	size_t i, j;
	lxw_row_t row;

	if ((ws = workbook_add_worksheet(wb, name)) == NULL)
		return -1;
	worksheet_write_string(ws, 0, 0, t->title ? t->title : "", x->bold);
	s = t->definition && *t->definition ? t->definition : "";
	if (t->note && *t->note)
		s = *s ? arena_printf(a, "%s — %s", s, t->note) : t->note;
	if (s == NULL)
		return -1;
	if (*s)
		worksheet_write_string(ws, 1, 0, s, x->wrap);
	for (j = 0; j < t->ncols; j++)
		worksheet_write_string(ws, 3, (lxw_col_t)j, t->colnames[j],
		    x->bold);
	for (i = 0; i < t->nrows; i++) {
		row = (lxw_row_t)(i + 4);
		for (j = 0; j < t->ncols; j++) {
			const struct rt_cell *c = rt_at(t, i, j);
			lxw_col_t col = (lxw_col_t)j;
			lxw_format *f = t->has_total && i + 1 == t->nrows ?
			    x->bold : NULL;

			if (c->suppressed) {
				worksheet_write_string(ws, row, col,
				    EXPORT_SUPPRESSED, f);
				continue;
			}
			if (c->missing)
				continue;
			switch (t->colkinds[j]) {
			case RT_TEXT:
			case RT_DATE:
				worksheet_write_string(ws, row, col,
				    c->text ? c->text : "", f);
				break;
			case RT_CENTS:
				worksheet_write_number(ws, row, col,
				    (double)c->v / 100.0, x->money);
				break;
			case RT_PERMILLE:
				worksheet_write_number(ws, row, col,
				    (double)c->v / 1000.0, x->pct);
				break;
			default:
				worksheet_write_number(ws, row, col,
				    (double)c->v, f);
				break;
			}
		}
	}
	worksheet_set_column(ws, 0, 0, 36, NULL);
	if (t->ncols > 1)
		worksheet_set_column(ws, 1, (lxw_col_t)(t->ncols - 1), 14,
		    NULL);
	return 0;
}

enum export_rc
export_xlsx_many(const struct rt_table *const *t, size_t n,
    const char *tmpdir, struct buf *out, char *err, size_t errlen)
{
	lxw_workbook_options opt;
	lxw_workbook *wb = NULL;
	struct xfmt x;
	lxw_error le;
	char path[1024], sheet[32];
	const char *dir;
	enum export_rc rc = EXPORT_ERROR;
	size_t k;
	int fd = -1;

	dir = tmpdir;
	if (dir == NULL || *dir == '\0')
		dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/rrjeti-xlsx-XXXXXX",
	    dir) >= sizeof(path)) {
		snprintf(err, errlen, "temporary path too long");
		return EXPORT_ERROR;
	}
	if ((fd = mkstemp(path)) == -1) {
		snprintf(err, errlen, "mkstemp %s: %s", dir, strerror(errno));
		return EXPORT_ERROR;
	}
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = (char *)dir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		snprintf(err, errlen, "workbook_new failed");
		goto out;
	}
	x.bold = workbook_add_format(wb);
	format_set_bold(x.bold);
	x.wrap = workbook_add_format(wb);
	format_set_italic(x.wrap);
	x.money = workbook_add_format(wb);
	format_set_num_format(x.money, "#,##0.00");
	x.pct = workbook_add_format(wb);
	format_set_num_format(x.pct, "0.0%");
	for (k = 0; k < n; k++) {
		if (n == 1)
			snprintf(sheet, sizeof(sheet), "Rrjeti");
		else
			snprintf(sheet, sizeof(sheet), "%zu", k + 1);
		if (xlsx_sheet(wb, t[k], sheet, &x, out->a) != 0) {
			rc = EXPORT_TOOBIG;
			snprintf(err, errlen, "sheet %zu failed", k + 1);
			goto out;
		}
	}
	le = workbook_close(wb);
	wb = NULL;
	if (le != LXW_NO_ERROR) {
		snprintf(err, errlen, "workbook_close: %s", lxw_strerror(le));
		goto out;
	}
	if (lseek(fd, 0, SEEK_SET) == -1) {
		snprintf(err, errlen, "lseek: %s", strerror(errno));
		goto out;
	}
	if ((rc = slurp(fd, out)) != EXPORT_OK)
		snprintf(err, errlen, "reading the workbook back failed");
out:
	if (wb != NULL)
		workbook_close(wb);
	if (fd != -1) {
		unlink(path);
		close(fd);
	}
	return rc;
}

enum export_rc
export_xlsx(const struct rt_table *t, const char *tmpdir, struct buf *out,
    char *err, size_t errlen)
{
	return export_xlsx_many(&t, 1, tmpdir, out, err, errlen);
}

/* ------------------------------------------------------------------ PDF */

/* A month label "yyyy-mm": a table by month is charted as a line. */
static int
is_month(const char *s)
{
	int i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	return s[7] == '\0';
}

/*
 * Table t's chart of column chart_col, from the same items as its SVG
 * (svg_items_rt()): a line when every row is a month, else bars.
 */
static enum export_rc
pdf_table_chart(struct pdf_doc *d, const struct rt_table *t, size_t chart_col,
    struct arena *a)
{
	struct svg_item *si;
	struct pdf_item *pi;
	size_t i, n;
	int months = 1;

	switch (svg_items_rt(a, t, 0, chart_col, &si, &n)) {
	case SVG_OK:
		break;
	case SVG_NOMEM:
		return EXPORT_TOOBIG;
	default:
		return EXPORT_OK;	/* nothing, or too many to chart */
	}
	if ((pi = arena_zalloc(a, n * sizeof(*pi))) == NULL)
		return EXPORT_TOOBIG;
	for (i = 0; i < n; i++) {
		pi[i].label = si[i].label;
		pi[i].v = si[i].v;
		pi[i].suppressed = si[i].suppressed;
		pi[i].missing = si[i].missing;
		months = months && is_month(si[i].label);
	}
	pdf_chart(d, months && n > 1 ? PDF_LINE : PDF_BARS,
	    t->colnames[chart_col], pi, n);
	return EXPORT_OK;
}

/* Appends table t (and its bar chart) to d. */
static enum export_rc
pdf_table(struct pdf_doc *d, const struct rt_table *t, int chart_col,
    int heading, struct arena *a)
{
	struct buf line;
	size_t i, j;
	const char *s;

	if (heading)
		pdf_heading(d, t->title);
	if (t->definition && *t->definition)
		pdf_para(d, t->definition);
	if (t->note && *t->note)
		pdf_note(d, t->note);
	for (i = 0; i < t->nrows; i++) {
		buf_init(&line, a);
		for (j = 1; j < t->ncols; j++) {
			if ((s = export_cell_text(a, t, i, j)) == NULL)
				return EXPORT_TOOBIG;
			buf_printf(&line, "%s%s: %s", j > 1 ? " · " : "",
			    t->colnames[j], *s ? s : "—");
		}
		if (line.oom)
			return EXPORT_TOOBIG;
		s = t->ncols > 0 ? export_cell_text(a, t, i, 0) : "";
		pdf_kv(d, s ? s : "", line.len ? line.p : "");
	}
	if (chart_col > 0 && (size_t)chart_col < t->ncols &&
	    is_numeric(t->colkinds[chart_col]))
		return pdf_table_chart(d, t, (size_t)chart_col, a);
	return EXPORT_OK;
}

enum export_rc
export_pdf_many(const struct rt_table *const *t, size_t n,
    const int *chart_col, const char *title, const struct pdf_fonts *f,
    const char *page_word, const char *footer, struct buf *out, char *err,
    size_t errlen)
{
	struct pdf_doc *d;
	enum export_rc rc;
	size_t k;

	if (f == NULL || !f->ok) {
		snprintf(err, errlen, "no fonts");
		return EXPORT_NOFONT;
	}
	if ((d = pdf_doc_new(out->a, title, title, footer,
	    page_word)) == NULL)
		return EXPORT_TOOBIG;
	for (k = 0; k < n; k++)
		if ((rc = pdf_table(d, t[k], chart_col ? chart_col[k] : 0,
		    n > 1, out->a)) != EXPORT_OK)
			return rc;
	switch (pdf_render(d, f, out, NULL, err, errlen)) {
	case PDF_OK:
		return EXPORT_OK;
	case PDF_NOFONT:
		return EXPORT_NOFONT;
	case PDF_TOOBIG:
		return EXPORT_TOOBIG;
	default:
		return EXPORT_ERROR;
	}
}

enum export_rc
export_pdf(const struct rt_table *t, int chart_col, const struct pdf_fonts *f,
    const char *page_word, const char *footer, struct buf *out, char *err,
    size_t errlen)
{
	return export_pdf_many(&t, 1, &chart_col, t->title, f, page_word,
	    footer, out, err, errlen);
}

/* ------------------------------------------------------------------ zip */

enum export_rc
export_zip(const char *name, const void *data, size_t len,
    const char *password, struct buf *out, char *err, size_t errlen)
{
	zip_source_t *src = NULL, *file;
	zip_error_t ze;
	zip_t *z = NULL;
	zip_stat_t zs;
	zip_int64_t idx, n;
	enum export_rc rc = EXPORT_ERROR;
	char chunk[65536];

	if (password == NULL || strlen(password) > EXPORT_PW_MAX ||
	    !utf8_valid(password, strlen(password)) ||
	    utf8_chars(password, strlen(password)) < EXPORT_PW_MIN)
		return EXPORT_WEAKPW;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto lib;
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto lib;
	if ((file = zip_source_buffer(z, data, len, 0)) == NULL) {
		snprintf(err, errlen, "zip: %s", zip_strerror(z));
		goto out;
	}
	if ((idx = zip_file_add(z, name, file, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(file);
		snprintf(err, errlen, "zip: %s", zip_strerror(z));
		goto out;
	}
	if (zip_file_set_encryption(z, (zip_uint64_t)idx, ZIP_EM_AES_256,
	    password) != 0) {
		snprintf(err, errlen, "zip: %s", zip_strerror(z));
		goto out;
	}
	if (zip_close(z) != 0) {
		snprintf(err, errlen, "zip: %s", zip_strerror(z));
		zip_discard(z);
		z = NULL;
		goto out;
	}
	z = NULL;
	if (zip_source_stat(src, &zs) != 0 || zip_source_open(src) != 0) {
		snprintf(err, errlen, "zip: cannot read the archive back");
		goto out;
	}
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0) {
		buf_add(out, chunk, (size_t)n);
		if (out->oom)
			break;
	}
	zip_source_close(src);
	if (out->oom)
		rc = EXPORT_TOOBIG;
	else if (n < 0)
		snprintf(err, errlen, "zip: read failed");
	else
		rc = EXPORT_OK;
	goto out;
lib:
	snprintf(err, errlen, "zip: %s", zip_error_strerror(&ze));
out:
	if (z != NULL)
		zip_discard(z);
	if (src != NULL)
		zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}
