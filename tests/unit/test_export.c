/*
 * test_export.c — report tables as files (doc/export.c): the cell text
 * every format shares, CSV quoting and formula neutralisation, XLSX opened
 * back (the sheet's XML, read with libzip) and compared with the cells, the
 * encrypted zip (refused without its password, equal with it), weak
 * passwords, and a PDF that renders.
 */
#include "testutil.h"

#include <stdio.h>
#include <zip.h>

#include "../../src/doc/export.h"
#include "../../src/util/arena.h"

static const enum rt_kind kinds[] = { RT_TEXT, RT_INT, RT_CENTS,
	RT_PERMILLE, RT_DATE };
static const char *names[] = { "Emri", "Fëmijë", "Shuma (€)", "%",
	"Data" };
static struct rt_cell cells[4 * 5];

static struct rt_table
table(void)
{
	struct rt_table t;

	memset(&t, 0, sizeof(t));
	memset(cells, 0, sizeof(cells));
	t.title = "Raporti \"provë\"";
	t.definition = "Përkufizimi";
	t.note = "2026";
	t.ncols = 5;
	t.nrows = 4;
	t.colnames = names;
	t.colkinds = kinds;
	t.cells = cells;
	t.has_total = 1;
	rt_at(&t, 0, 0)->text = "=HYPERLINK(\"http://x\")";
	rt_at(&t, 0, 1)->v = 12;
	rt_at(&t, 0, 2)->v = 123456;
	rt_at(&t, 0, 3)->v = 125;
	rt_at(&t, 0, 4)->text = "2026-01-31";
	rt_at(&t, 1, 0)->text = "Gjakovë, Pejë";
	rt_at(&t, 1, 1)->v = 3;
	rt_at(&t, 1, 1)->suppressed = 1;
	rt_at(&t, 1, 2)->v = -5;
	rt_at(&t, 1, 3)->missing = 1;
	rt_at(&t, 1, 4)->text = "";
	rt_at(&t, 2, 0)->text = "@SUM(A1)";
	rt_at(&t, 2, 1)->v = 0;
	rt_at(&t, 2, 2)->v = 1;
	rt_at(&t, 2, 3)->v = 1000;
	rt_at(&t, 2, 4)->text = "";
	rt_at(&t, 3, 0)->text = "Gjithsej";
	rt_at(&t, 3, 1)->v = 15;
	rt_at(&t, 3, 2)->v = 123452;
	rt_at(&t, 3, 3)->v = 0;
	rt_at(&t, 3, 4)->text = "";
	return t;
}

static void
test_cell_text(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct rt_table t = table();

	(void)state;
	assert_string_equal(export_cell_text(a, &t, 0, 1), "12");
	assert_string_equal(export_cell_text(a, &t, 0, 2), "1234.56");
	assert_string_equal(export_cell_text(a, &t, 0, 3), "12.5");
	assert_string_equal(export_cell_text(a, &t, 1, 1), "<5");
	assert_string_equal(export_cell_text(a, &t, 1, 2), "-0.05");
	assert_string_equal(export_cell_text(a, &t, 1, 3), "");
	assert_string_equal(export_cell_text(a, &t, 2, 2), "0.01");
	assert_string_equal(export_cell_text(a, &t, 2, 3), "100.0");
	assert_int_equal(export_fmt_parse("xlsx"), EXPORT_XLSX);
	assert_int_equal(export_fmt_parse("XLSX"), -1);
	assert_int_equal(export_fmt_parse(NULL), -1);
	arena_free(a);
}

static void
test_csv_neutralised_and_quoted(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct rt_table t = table();
	struct buf b;

	(void)state;
	buf_init(&b, a);
	assert_int_equal(export_csv(&t, &b), EXPORT_OK);
	/* A byte-order mark, then the heading. */
	assert_memory_equal(b.p, "\xEF\xBB\xBF" "Emri,", 8);
	/* A formula is prefixed with ' and quoted for its quotes. */
	assert_non_null(strstr(b.p,
	    "\"'=HYPERLINK(\"\"http://x\"\")\",12,1234.56,12.5,2026-01-31\r\n"));
	assert_non_null(strstr(b.p, "\r\n'@SUM(A1),0,0.01,100.0,\r\n"));
	/* A comma is quoted; a suppressed cell is <5; a negative number is
	 * a number, not neutralised. */
	assert_non_null(strstr(b.p, "\"Gjakovë, Pejë\",<5,-0.05,,\r\n"));
	assert_null(strstr(b.p, ",3,"));
	assert_string_equal(export_csv_safe(a, "-1+1"), "'-1+1");
	assert_string_equal(export_csv_safe(a, "+1"), "'+1");
	assert_string_equal(export_csv_safe(a, "\tx"), "'\tx");
	assert_string_equal(export_csv_safe(a, "a=b"), "a=b");
	arena_free(a);
}

/* The entry name of the zip in buf, its bytes into out (password may be
 * NULL). -1 when it cannot be read. */
static int
unzip(const struct buf *in, const char *name, const char *password,
    struct buf *out)
{
	zip_source_t *src;
	zip_error_t ze;
	zip_t *z;
	zip_file_t *zf;
	char chunk[8192];
	zip_int64_t n;
	int rc = -1;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(in->p, in->len, 0, &ze)) == NULL)
		return -1;
	if ((z = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		return -1;
	}
	zf = password ? zip_fopen_encrypted(z, name, 0, password) :
	    zip_fopen(z, name, 0);
	if (zf != NULL) {
		while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0)
			buf_add(out, chunk, (size_t)n);
		rc = n < 0 ? -1 : 0;
		zip_fclose(zf);
	}
	zip_discard(z);
	zip_error_fini(&ze);
	return rc;
}

/* "Exports opened back and compared with the screen": every cell of the
 * sheet is the cell the screen shows (export_cell_text). */
static void
test_xlsx_read_back(void **state)
{
	struct arena *a = arena_new(8 << 20);
	struct rt_table t = table();
	struct buf b, x;
	char err[256], want[256];
	size_t i;

	(void)state;
	buf_init(&b, a);
	buf_init(&x, a);
	assert_int_equal(export_xlsx(&t, NULL, &b, err, sizeof(err)),
	    EXPORT_OK);
	assert_memory_equal(b.p, "PK", 2);
	assert_int_equal(unzip(&b, "xl/worksheets/sheet1.xml", NULL, &x), 0);
	buf_putc(&x, '\0');
	/* Headings and text cells as text. */
	for (i = 0; i < t.ncols; i++)
		assert_non_null(strstr(x.p, names[i]));
	assert_non_null(strstr(x.p, "<t>=HYPERLINK(\"http://x\")</t>"));
	assert_null(strstr(x.p, "<f>"));	/* never a formula */
	/* Numbers as numbers: the count, money in euros, a share. */
	assert_non_null(strstr(x.p, "<v>12</v>"));
	assert_non_null(strstr(x.p, "<v>1234.56</v>"));
	assert_non_null(strstr(x.p, "<v>0.125</v>"));
	/* The suppressed cell is "<5", never its value. */
	assert_non_null(strstr(x.p, "&lt;5"));
	assert_null(strstr(x.p, "<v>3</v>"));
	snprintf(want, sizeof(want), "<v>15</v>");
	assert_non_null(strstr(x.p, want));
	arena_free(a);
}

static void
test_zip_encrypted(void **state)
{
	struct arena *a = arena_new(8 << 20);
	struct rt_table t = table();
	struct buf csv, z, back, none, wrong;
	char err[256];

	(void)state;
	buf_init(&csv, a);
	buf_init(&z, a);
	buf_init(&back, a);
	buf_init(&none, a);
	buf_init(&wrong, a);
	t.personal = 1;
	assert_int_equal(export_csv(&t, &csv), EXPORT_OK);
	assert_int_equal(export_zip("rastet.csv", csv.p, csv.len, "short",
	    &z, err, sizeof(err)), EXPORT_WEAKPW);
	assert_int_equal(z.len, 0);
	assert_int_equal(export_zip("rastet.csv", csv.p, csv.len, NULL, &z,
	    err, sizeof(err)), EXPORT_WEAKPW);
	assert_int_equal(export_zip("rastet.csv", csv.p, csv.len,
	    "ëëëëëëëëëëë", &z, err, sizeof(err)), EXPORT_WEAKPW);
	assert_int_equal(export_zip("rastet.csv", csv.p, csv.len,
	    "a long enough secret", &z, err, sizeof(err)), EXPORT_OK);
	assert_memory_equal(z.p, "PK", 2);
	/* The names are not in the archive in clear. */
	assert_null(memmem(z.p, z.len, "Gjakov", 6));
	assert_int_not_equal(unzip(&z, "rastet.csv", NULL, &none), 0);
	assert_int_not_equal(unzip(&z, "rastet.csv", "wrong password!",
	    &wrong), 0);
	assert_int_equal(unzip(&z, "rastet.csv", "a long enough secret",
	    &back), 0);
	assert_int_equal(back.len, csv.len);
	assert_memory_equal(back.p, csv.p, csv.len);
	arena_free(a);
}

static void
test_pdf_renders(void **state)
{
	struct arena *a = arena_new(32 << 20);
	struct rt_table t = table();
	struct pdf_fonts f;
	struct buf b;
	char err[256];

	(void)state;
	buf_init(&b, a);
	memset(&f, 0, sizeof(f));
	assert_int_equal(export_pdf(&t, 1, &f, "Faqja", "Rrjeti", &b, err,
	    sizeof(err)), EXPORT_NOFONT);
	if (pdf_fonts_find(&f, NULL, err, sizeof(err)) != PDF_OK)
		skip();
	assert_int_equal(export_pdf(&t, 1, &f, "Faqja", "Rrjeti", &b, err,
	    sizeof(err)), EXPORT_OK);
	assert_memory_equal(b.p, "%PDF", 4);
	arena_free(a);
}

static void
test_many(void **state)
{
	struct arena *a = arena_new(8 << 20);
	struct rt_table t1 = table(), t2;
	const struct rt_table *ts[2];
	struct buf b, x;
	char err[256];

	(void)state;
	t2 = t1;
	t2.title = "Second";
	ts[0] = &t1;
	ts[1] = &t2;
	buf_init(&b, a);
	assert_int_equal(export_csv_many(ts, 2, &b), EXPORT_OK);
	assert_non_null(strstr(b.p, "\r\n\r\nSecond\r\nEmri,"));
	buf_init(&b, a);
	buf_init(&x, a);
	assert_int_equal(export_xlsx_many(ts, 2, NULL, &b, err, sizeof(err)),
	    EXPORT_OK);
	assert_int_equal(unzip(&b, "xl/worksheets/sheet2.xml", NULL, &x), 0);
	buf_putc(&x, '\0');
	assert_non_null(strstr(x.p, "Second"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_text),
		cmocka_unit_test(test_csv_neutralised_and_quoted),
		cmocka_unit_test(test_xlsx_read_back),
		cmocka_unit_test(test_zip_encrypted),
		cmocka_unit_test(test_pdf_renders),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
