/*
 * test_pdf.c — unit tests of src/doc/pdf.c: the negative cases first (a
 * missing or broken font, oversized input, too many pages, invalid UTF-8),
 * then a document in Albanian, Serbian Latin and Cyrillic that wraps over
 * several pages: the bytes are a PDF (%PDF- ... %%EOF), the page count is
 * the layout's, the fonts are embedded, and when pdftotext (poppler-utils)
 * is installed the text comes back with its diacritics. Charts: too many
 * items refused; bars and a line opened back (pdftotext for the labels,
 * values and "<5", pdftoppm for the bars' pixels in proportion). Prints the
 * time of a 20-page document.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../../src/doc/pdf.h"
#include "../../src/util/arena.h"

#define FONT_DIR	PDF_DEFAULT_FONT_DIR

static const char *const sq_text = "Fëmija u identifikua gjatë vizitës "
    "sistematike në shkollë. Mësuesja raportoi mungesa të shpeshta dhe "
    "shenja lodhjeje; familja u kontaktua përmes Qendrës për Punë Sociale. "
    "Çështja u diskutua në tryezën për menaxhimin e rasteve.";
static const char *const sr_text = "Dečak živi sa bakom u Štrpcu; otac "
    "Đorđe je radio u inostranstvu. Socijalni radnik je obavio kućnu posetu "
    "i ćaskao sa učiteljicom o izostancima.";
static const char *const cy_text = "Ђорђевић Милица, ученица четвртог "
    "разреда, живи са мајком у Грачаници. Центар за социјални рад је "
    "обавештен о ризику.";

static int
setup(void **state)
{
	*state = arena_new(64 << 20);
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static struct pdf_fonts *
fonts(struct arena *a)
{
	struct pdf_fonts *f = arena_zalloc(a, sizeof(*f));
	char err[256];

	assert_non_null(f);
	assert_int_equal(pdf_fonts_find(f, FONT_DIR, err, sizeof(err)), PDF_OK);
	assert_int_equal(f->ok, 1);
	return f;
}

/* Occurrences of needle in the len bytes of hay. */
static int
count(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;
	int c = 0;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			c++;
	return c;
}

static int
page_objects(const struct buf *b)
{
	return count(b->p, b->len, "/Type /Page\n") +
	    count(b->p, b->len, "/Type /Page ") +
	    count(b->p, b->len, "/Type /Page/") +
	    count(b->p, b->len, "/Type /Page>");
}

static void
assert_pdf(const struct buf *b)
{
	const char *end;

	assert_true(b->len > 100);
	assert_memory_equal(b->p, "%PDF-", 5);
	end = b->p + b->len;
	while (end > b->p && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	assert_true(end - b->p >= 5);
	assert_memory_equal(end - 5, "%%EOF", 5);
}

static struct pdf_doc *
mixed_doc(struct arena *a, int paragraphs)
{
	struct pdf_doc *d = pdf_doc_new(a, "Raport psiko-social për gjykatën",
	    "XK-09-2026-000123 — Raport", "Konfidencial — XK-09-2026-000123",
	    "Faqja");
	int i;

	assert_non_null(d);
	pdf_subtitle(d, "Qendra për Punë Sociale Gjilan · 24.11.2026");
	pdf_heading(d, "Fëmija");
	pdf_kv(d, "Emri", "Qëndrim Bytyçi");
	pdf_kv(d, "Emri i prindit", "Xhevdet");
	pdf_kv(d, "Ime (sr)", "Đorđe Šćekić Žarko Čolić");
	pdf_kv(d, "Име", "Ђорђевић Милица");
	pdf_kv(d, "Adresa", "");
	pdf_heading(d, "Narrativa");
	for (i = 0; i < paragraphs; i++) {
		pdf_para(d, sq_text);
		pdf_para(d, sr_text);
		pdf_para(d, cy_text);
		pdf_bullet(d, "Pika: ë ç š đ ž č ć Ђ");
	}
	pdf_signatures(d, "Menaxheri i rastit", "Arta Krasniqi", "Mbikëqyrësi",
	    "Dragan Đorđević", "Data:");
	return d;
}

/* ------------------------------------------------------------ negatives */

static void
missing_font_dir(void **state)
{
	struct pdf_fonts f;
	char err[256] = "";

	(void)state;
	assert_int_equal(pdf_fonts_find(&f, "/nonexistent/fonts", err,
	    sizeof(err)), PDF_NOFONT);
	assert_int_equal(f.ok, 0);
	assert_non_null(strstr(err, "DejaVuSans"));
}

static void
missing_font_at_render(void **state)
{
	struct arena *a = *state;
	struct pdf_fonts f;
	struct pdf_doc *d = mixed_doc(a, 1);
	struct buf b;

	memset(&f, 0, sizeof(f));
	snprintf(f.regular, sizeof(f.regular), "/nonexistent/DejaVuSans.ttf");
	snprintf(f.bold, sizeof(f.bold), "/nonexistent/DejaVuSans-Bold.ttf");
	f.ok = 1;	/* found at start-up, gone since */
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, &f, &b, NULL, NULL, 0), PDF_NOFONT);
	assert_int_equal(b.len, 0);
	assert_int_equal(pdf_render(d, NULL, &b, NULL, NULL, 0), PDF_NOFONT);
}

/* A file that is there but is not a TrueType font: libharu's error comes
 * back as a code, nothing crashes, nothing leaks (valgrind/ASan builds). */
static void
broken_font(void **state)
{
	struct arena *a = *state;
	struct pdf_fonts f = *fonts(a);
	struct pdf_doc *d = mixed_doc(a, 1);
	char path[] = "/tmp/rrjeti-test-fontXXXXXX", err[128] = "";
	struct buf b;
	FILE *fp;
	int fd, i;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	for (i = 0; i < 4096; i++)
		fputc("not a font "[i % 11], fp);
	fclose(fp);
	snprintf(f.bold, sizeof(f.bold), "%s", path);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, &f, &b, NULL, err, sizeof(err)),
	    PDF_NOFONT);
	assert_int_equal(b.len, 0);
	assert_non_null(strstr(err, "libharu error"));
	unlink(path);
}

static void
oversized_block(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = pdf_doc_new(a, "T", "", "F", "");
	char *big = arena_alloc(a, PDF_MAX_BLOCK + 2);
	struct buf b;

	assert_non_null(big);
	memset(big, 'a', PDF_MAX_BLOCK + 1);
	big[PDF_MAX_BLOCK + 1] = '\0';
	pdf_para(d, big);
	pdf_para(d, "after the failure: ignored");
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0),
	    PDF_TOOBIG);
	assert_int_equal(b.len, 0);
}

static void
oversized_total(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = pdf_doc_new(a, "T", "", "F", "");
	char *blk = arena_alloc(a, PDF_MAX_BLOCK / 2 + 1);
	struct buf b;
	int i;

	assert_non_null(blk);
	memset(blk, 'b', PDF_MAX_BLOCK / 2);
	blk[PDF_MAX_BLOCK / 2] = '\0';
	for (i = 0; i < 2 * PDF_MAX_TEXT / PDF_MAX_BLOCK + 2; i++)
		pdf_note(d, blk);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0),
	    PDF_TOOBIG);
}

/* Many short lines: the layout stops at PDF_MAX_PAGES. */
static void
too_many_pages(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = pdf_doc_new(a, "T", "", "F", "");
	struct buf b;
	int i;

	for (i = 0; i < PDF_MAX_PAGES * 60; i++)
		pdf_para(d, "x");
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0),
	    PDF_TOOBIG);
	assert_int_equal(b.len, 0);
}

/* Invalid UTF-8, controls, characters past U+FFFF and a word longer than a
 * line still give a PDF. */
static void
hostile_text(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = pdf_doc_new(a, "T\x01\xff", "h", "F\xc3", "p");
	struct pdf_stats st;
	struct buf b;
	char *word = arena_alloc(a, 3001);

	assert_non_null(word);
	memset(word, 'W', 3000);
	word[3000] = '\0';
	pdf_para(d, "bad \xc0\xaf \xed\xa0\x80 \xf0\x9f\x98\x80 \x7f\x1b[0m "
	    "trunc \xe2\x82");
	pdf_para(d, word);
	pdf_kv(d, "\xff", NULL);
	pdf_signatures(d, NULL, NULL, NULL, NULL, NULL);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, &st, NULL, 0), PDF_OK);
	assert_pdf(&b);
	assert_int_equal(page_objects(&b), st.pages);
}

/* ------------------------------------------------------------ positives */

static void
one_page(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = mixed_doc(a, 1);
	struct pdf_stats st;
	struct buf b;

	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, &st, NULL, 0), PDF_OK);
	assert_pdf(&b);
	assert_int_equal(st.pages, 1);
	assert_int_equal(page_objects(&b), 1);
	assert_int_equal(st.bytes, b.len);
}

static void
run(const char *cmd)
{
	int rc = system(cmd);

	assert_int_equal(rc, 0);
}

static void
several_pages_and_text(void **state)
{
	struct arena *a = *state;
	struct pdf_doc *d = mixed_doc(a, 30);
	struct pdf_stats st;
	struct buf b;
	char path[] = "/tmp/rrjeti-test-pdfXXXXXX", cmd[512], *txt;
	FILE *fp;
	long n;
	int fd;

	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, &st, NULL, 0), PDF_OK);
	assert_pdf(&b);
	assert_true(st.pages >= 3);
	assert_int_equal(page_objects(&b), st.pages);
	/* Both fonts embedded (TrueType font programs), as CID fonts. */
	assert_int_equal(count(b.p, b.len, "/FontFile2"), 2);
	assert_true(count(b.p, b.len, "DejaVuSans") >= 2);
	assert_true(count(b.p, b.len, "DejaVuSans-Bold") >= 1);
	if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_pdf: pdftotext not installed; text not "
		    "checked\n");
		return;
	}
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(b.p, 1, b.len, fp), b.len);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 %s %s.txt", path,
	    path);
	run(cmd);
	snprintf(cmd, sizeof(cmd), "%s.txt", path);
	assert_non_null(fp = fopen(cmd, "rb"));
	txt = arena_alloc(a, 1 << 20);
	assert_non_null(txt);
	n = (long)fread(txt, 1, (1 << 20) - 1, fp);
	fclose(fp);
	txt[n] = '\0';
	unlink(cmd);
	unlink(path);
	assert_non_null(strstr(txt, "Raport psiko-social për gjykatën"));
	assert_non_null(strstr(txt, "Qëndrim Bytyçi"));
	assert_non_null(strstr(txt, "Đorđe Šćekić Žarko Čolić"));
	assert_non_null(strstr(txt, "Ђорђевић Милица"));
	assert_non_null(strstr(txt, "Konfidencial — XK-09-2026-000123"));
	assert_non_null(strstr(txt, "Faqja 2 /"));
}

/* ---------------------------------------------------------------- charts */

/* Past PDF_MAX_ITEMS the model fails; no items add nothing. */
static void
chart_too_many(void **state)
{
	struct arena *a = *state;
	struct pdf_item *it = arena_zalloc(a, (PDF_MAX_ITEMS + 1) *
	    sizeof(*it));
	struct pdf_doc *d = pdf_doc_new(a, "T", "", "", "");
	struct buf b;
	size_t i;

	assert_non_null(it);
	for (i = 0; i <= PDF_MAX_ITEMS; i++)
		it[i].label = "x";
	pdf_chart(d, PDF_BARS, "empty", it, 0);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0), PDF_OK);
	pdf_chart(d, PDF_BARS, "many", it, PDF_MAX_ITEMS + 1);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0),
	    PDF_TOOBIG);
	assert_int_equal(b.len, 0);
}

/* b written to a temporary file; its path in path (PATH_MAX). */
static void
to_file(const struct buf *b, char *path)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/rrjeti-test-chartXXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(b->p, 1, b->len, fp), b->len);
	fclose(fp);
}

/* The text of pdf file path (pdftotext), in a. */
static char *
pdf_text(struct arena *a, const char *path)
{
	char cmd[512], *txt;
	FILE *fp;
	long n;

	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 %s %s.txt", path,
	    path);
	run(cmd);
	snprintf(cmd, sizeof(cmd), "%s.txt", path);
	assert_non_null(fp = fopen(cmd, "rb"));
	assert_non_null(txt = arena_alloc(a, 1 << 20));
	n = (long)fread(txt, 1, (1 << 20) - 1, fp);
	fclose(fp);
	txt[n] = '\0';
	unlink(cmd);
	return txt;
}

/*
 * The page rendered at 72 dpi (pdftoppm, binary PPM): for each pixel row,
 * the count of pixels in the bar colour (0.16, 0.42, 0.56). rows gets up
 * to max rows; returns the number of rows.
 */
static int
bar_pixels(struct arena *a, const char *path, int *rows, int max)
{
	char cmd[512], magic[3];
	unsigned char *px;
	int w, h, mx, y, x, n = 0;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "pdftoppm -r 72 -f 1 -l 1 %s %s.img "
	    ">/dev/null 2>&1 && mv %s.img-1.ppm %s.ppm 2>/dev/null || "
	    "mv %s.img-01.ppm %s.ppm", path, path, path, path, path, path);
	run(cmd);
	snprintf(cmd, sizeof(cmd), "%s.ppm", path);
	assert_non_null(fp = fopen(cmd, "rb"));
	assert_int_equal(fscanf(fp, "%2s %d %d %d", magic, &w, &h, &mx), 4);
	assert_string_equal(magic, "P6");
	fgetc(fp);
	assert_non_null(px = arena_alloc(a, (size_t)w * h * 3));
	assert_int_equal(fread(px, 3, (size_t)w * h, fp), (size_t)w * h);
	fclose(fp);
	unlink(cmd);
	for (y = 0; y < h && n < max; y++) {
		int c = 0;

		for (x = 0; x < w; x++) {
			const unsigned char *p = px + ((size_t)y * w + x) * 3;

			if (abs(p[0] - 41) < 12 && abs(p[1] - 107) < 12 &&
			    abs(p[2] - 143) < 12)
				c++;
		}
		if (c > 0)
			rows[n++] = c;
	}
	return n;
}

/*
 * Bars drawn, not typed: labels and values come back as text, the
 * suppressed value only as "<5", and on the rendered page the bars are in
 * the bar colour with widths in proportion to the values (100 : 50).
 */
static void
chart_bars_drawn(void **state)
{
	struct arena *a = *state;
	struct pdf_item it[] = {
		{ "Prishtinë", 100, 0, 0 },
		{ "Gjilan", 50, 0, 0 },
		{ "Štrpce", 3, 1, 0 },
		{ "Graçanicë", 0, 0, 1 },
	};
	struct pdf_doc *d = pdf_doc_new(a, "Raste të hapura", "", "F", "Faqja");
	struct buf b;
	char path[64], *txt;
	int rows[900], n, i, wide = 0, half = 0;

	pdf_chart(d, PDF_BARS, "Raste sipas komunës", it, 4);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0), PDF_OK);
	assert_pdf(&b);
	if (system("command -v pdftotext >/dev/null 2>&1 && "
	    "command -v pdftoppm >/dev/null 2>&1") != 0) {
		fprintf(stderr, "test_pdf: poppler-utils not installed; chart "
		    "not checked\n");
		return;
	}
	to_file(&b, path);
	txt = pdf_text(a, path);
	assert_non_null(strstr(txt, "Raste sipas komunës"));
	assert_non_null(strstr(txt, "Prishtinë"));
	assert_non_null(strstr(txt, "Štrpce"));
	assert_non_null(strstr(txt, "100"));
	assert_non_null(strstr(txt, "50"));
	assert_non_null(strstr(txt, "<5"));
	assert_non_null(strstr(txt, "—"));
	assert_null(strstr(txt, "3\n"));
	n = bar_pixels(a, path, rows, 900);
	unlink(path);
	assert_true(n > 0);
	/* Two widths: the long bar's rows and the short bar's, 2:1. */
	for (i = 0; i < n; i++)
		if (rows[i] > wide)
			wide = rows[i];
	for (i = 0; i < n; i++)
		if (rows[i] < wide * 3 / 4 && rows[i] > half)
			half = rows[i];
	assert_true(wide > 20);
	assert_true(half * 2 >= wide - 2 && half * 2 <= wide + 2);
}

/* A line: the axis labels, the largest value, "<5" for a suppressed
 * month, and line pixels in the bar colour. */
static void
chart_line_drawn(void **state)
{
	struct arena *a = *state;
	struct pdf_item it[] = {
		{ "2026-01", 10, 0, 0 },
		{ "2026-02", 40, 0, 0 },
		{ "2026-03", 2, 1, 0 },
		{ "2026-04", 25, 0, 0 },
	};
	struct pdf_doc *d = pdf_doc_new(a, "Prirja", "", "F", "Faqja");
	struct buf b;
	char path[64], *txt;
	int rows[900], n;

	pdf_chart(d, PDF_LINE, "Raste sipas muajit", it, 4);
	buf_init(&b, a);
	assert_int_equal(pdf_render(d, fonts(a), &b, NULL, NULL, 0), PDF_OK);
	if (system("command -v pdftotext >/dev/null 2>&1 && "
	    "command -v pdftoppm >/dev/null 2>&1") != 0)
		return;
	to_file(&b, path);
	txt = pdf_text(a, path);
	assert_non_null(strstr(txt, "Raste sipas muajit"));
	assert_non_null(strstr(txt, "2026-01"));
	assert_non_null(strstr(txt, "2026-04"));
	assert_non_null(strstr(txt, "40"));
	assert_non_null(strstr(txt, "<5"));
	n = bar_pixels(a, path, rows, 900);
	unlink(path);
	assert_true(n > 10);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The time of a 20-page document (reported, bounded loosely). */
static void
twenty_pages_timed(void **state)
{
	struct arena *a = *state;
	struct pdf_fonts *f = fonts(a);
	struct pdf_doc *d;
	struct pdf_stats st;
	struct buf b;
	double t0, best = 1e9, t;
	int paras, i;

	/* Find the paragraph count that gives 20 pages. */
	for (paras = 20; paras < 200; paras++) {
		arena_reset(a);
		f = fonts(a);
		d = mixed_doc(a, paras);
		buf_init(&b, a);
		assert_int_equal(pdf_render(d, f, &b, &st, NULL, 0), PDF_OK);
		if (st.pages >= 20)
			break;
	}
	assert_int_equal(st.pages, 20);
	for (i = 0; i < 5; i++) {
		arena_reset(a);
		f = fonts(a);
		d = mixed_doc(a, paras);
		buf_init(&b, a);
		t0 = now_ms();
		assert_int_equal(pdf_render(d, f, &b, &st, NULL, 0), PDF_OK);
		t = now_ms() - t0;
		if (t < best)
			best = t;
	}
	fprintf(stderr, "test_pdf: 20 pages, %zu bytes: best of 5 %.1f ms\n",
	    st.bytes, best);
	assert_true(best < 2000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(missing_font_dir, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(missing_font_at_render, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(broken_font, setup, teardown),
		cmocka_unit_test_setup_teardown(oversized_block, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(oversized_total, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(too_many_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(hostile_text, setup, teardown),
		cmocka_unit_test_setup_teardown(one_page, setup, teardown),
		cmocka_unit_test_setup_teardown(chart_too_many, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(chart_bars_drawn, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(chart_line_drawn, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(several_pages_and_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(twenty_pages_timed, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
