/*
 * test_pdf.c — unit tests of src/doc/pdf.c: the negative cases first (a
 * missing or broken font, oversized input, too many pages, invalid UTF-8),
 * then a document in Albanian, Serbian Latin and Cyrillic that wraps over
 * several pages: the bytes are a PDF (%PDF- ... %%EOF), the page count is
 * the layout's, the fonts are embedded, and when pdftotext (poppler-utils)
 * is installed the text comes back with its diacritics. Prints the time of a
 * 20-page document.
 */
#include "testutil.h"

#include <stdio.h>
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
		cmocka_unit_test_setup_teardown(several_pages_and_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(twenty_pages_timed, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
