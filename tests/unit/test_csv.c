/*
 * test_csv.c — the strict RFC 4180 reader (src/util/csv.c): the cases of
 * the RFC, every malformed class with the line it is reported on, and the
 * reference files compiled into the binary.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/util/csv.h"
#include "../../src/util/embed.h"

#define MAXREC	16

/* What the callback saw: records as "f1|f2|..." with their line. */
struct seen {
	char	rec[MAXREC][256];
	size_t	line[MAXREC];
	size_t	nf[MAXREC];
	size_t	n;
	size_t	stop_after;	/* 0: never stop */
};

static int
cb(void *arg, size_t line, char **f, size_t n)
{
	struct seen *s = arg;
	size_t i, o = 0;

	if (s->n < MAXREC) {
		s->rec[s->n][0] = '\0';
		for (i = 0; i < n; i++)
			o += (size_t)snprintf(s->rec[s->n] + o,
			    o < 256 ? 256 - o : 0, "%s%s", i ? "|" : "", f[i]);
		s->line[s->n] = line;
		s->nf[s->n] = n;
	}
	s->n++;
	if (s->stop_after && s->n == s->stop_after)
		return 7;
	return 0;
}

static int
parse(const char *text, struct seen *s, size_t *bad)
{
	memset(s, 0, sizeof(*s));
	*bad = 0;
	return csv_parse(text, strlen(text), cb, s, bad);
}

static void
test_simple(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b,c\n1,2,3\n", &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.rec[0], "a|b|c");
	assert_string_equal(s.rec[1], "1|2|3");
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 2);
}

/* The last record needs no line break. */
static void
test_no_final_newline(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b\n1,2", &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.rec[1], "1|2");
}

static void
test_crlf(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b\r\n1,2\r\n\"x\",\"y\"\r\n", &s, &bad), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.rec[0], "a|b");
	assert_string_equal(s.rec[1], "1|2");
	assert_string_equal(s.rec[2], "x|y");
	assert_int_equal(s.line[2], 3);
}

/* A CR on its own is not a line break, and not allowed unquoted. */
static void
test_bare_cr(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b\rc,d\n", &s, &bad), -1);
	assert_int_equal(bad, 1);
	assert_int_equal(parse("a,b\r", &s, &bad), -1);
	/* Quoted, it is data. */
	assert_int_equal(parse("\"a\rb\",c\n", &s, &bad), 0);
	assert_string_equal(s.rec[0], "a\rb|c");
	/* After a closing quote only CRLF counts. */
	assert_int_equal(parse("\"a\"\rb\n", &s, &bad), -1);
}

static void
test_empty_fields(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse(",,\n,\"\",x\n", &s, &bad), 0);
	assert_int_equal(s.nf[0], 3);
	assert_string_equal(s.rec[0], "||");
	assert_int_equal(s.nf[1], 3);
	assert_string_equal(s.rec[1], "||x");
	/* A trailing comma is a last empty field. */
	assert_int_equal(parse("a,", &s, &bad), 0);
	assert_int_equal(s.nf[0], 2);
}

/* Empty input: no record. A blank line: one record of one empty field. */
static void
test_empty_input(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("", &s, &bad), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(parse("a\n\nb\n", &s, &bad), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.nf[1], 1);
	assert_string_equal(s.rec[1], "");
	assert_int_equal(s.line[2], 3);
}

static void
test_quoted(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\n", &s, &bad),
	    0);
	assert_int_equal(s.nf[0], 3);
	assert_string_equal(s.rec[0], "a,b|say \"hi\"|\"");
}

/* A line break inside quotes is data; the next record's line counts it. */
static void
test_quoted_newline(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("\"two\nlines\",x\r\nnext,y\n", &s, &bad), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.rec[0], "two\nlines|x");
	assert_int_equal(s.line[0], 1);
	assert_int_equal(s.line[1], 3);
}

/* UTF-8 passes through untouched. */
static void
test_utf8(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("Ferizaj,Uroševac,\"Đakovica, Gjakovë\"\n", &s,
	    &bad), 0);
	assert_string_equal(s.rec[0], "Ferizaj|Uroševac|Đakovica, Gjakovë");
}

static void
test_unterminated_quote(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b\n\"open,c\n", &s, &bad), -1);
	assert_int_equal(bad, 3);	/* at the end of the input */
	assert_int_equal(s.n, 1);	/* the good record before it */
	assert_int_equal(parse("\"", &s, &bad), -1);
	assert_int_equal(parse("\"\"\"", &s, &bad), -1);
}

static void
test_quote_in_unquoted(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a,b\nc,d\"e\n", &s, &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(parse("x\"\n", &s, &bad), -1);
	assert_int_equal(bad, 1);
	/* A space before a quote makes it unquoted. */
	assert_int_equal(parse("a, \"b\"\n", &s, &bad), -1);
}

static void
test_text_after_quote(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	assert_int_equal(parse("a\n\"b\"c,d\n", &s, &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(parse("\"b\" ,d\n", &s, &bad), -1);
	assert_int_equal(parse("\"b\"\"\n", &s, &bad), -1);
}

static void
test_field_count(void **state)
{
	char b[300];
	struct seen s;
	size_t bad, i, o = 0;

	(void)state;
	/* 64 fields: fine. */
	for (i = 0; i < CSV_MAX_FIELDS; i++)
		o += (size_t)snprintf(b + o, sizeof(b) - o, "%s%zu", i ? "," : "",
		    i % 10);
	b[o] = '\0';
	assert_int_equal(parse(b, &s, &bad), 0);
	assert_int_equal(s.nf[0], CSV_MAX_FIELDS);
	/* 65: malformed. */
	snprintf(b + o, sizeof(b) - o, ",x");
	assert_int_equal(parse(b, &s, &bad), -1);
	assert_int_equal(bad, 1);
	/* 65 empty ones too. */
	memset(b, ',', CSV_MAX_FIELDS);
	b[CSV_MAX_FIELDS] = '\0';
	assert_int_equal(parse(b, &s, &bad), -1);
	b[CSV_MAX_FIELDS - 1] = '\0';
	assert_int_equal(parse(b, &s, &bad), 0);
}

/* A field over 64 KiB is malformed, quoted or not. */
static void
test_field_too_long(void **state)
{
	size_t n = 64 * 1024 + 2, bad;
	char *b = malloc(n + 3);
	struct seen s;

	(void)state;
	assert_non_null(b);
	memset(b, 'a', n);
	b[n] = '\0';
	assert_int_equal(parse(b, &s, &bad), -1);
	b[0] = '"';
	b[n] = '"';
	b[n + 1] = '\0';
	assert_int_equal(parse(b, &s, &bad), -1);
	/* Exactly 64 KiB is fine. */
	memset(b, 'a', 64 * 1024);
	b[64 * 1024] = '\0';
	assert_int_equal(parse(b, &s, &bad), 0);
	free(b);
}

/* The callback's non-zero value stops the parse and is returned. */
static void
test_callback_stops(void **state)
{
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(csv_parse("a\nb\nc\nd\n", 8, cb, &s, NULL), 7);
	assert_int_equal(s.n, 2);
}

/* The length given counts, not the NUL; a NUL inside is data. */
static void
test_length_bound(void **state)
{
	struct seen s;
	size_t bad;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(csv_parse("a,b\nc,d\n", 4, cb, &s, &bad), 0);
	assert_int_equal(s.n, 1);
	memset(&s, 0, sizeof(s));
	assert_int_equal(csv_parse("a,\"b\"", 4, cb, &s, &bad), -1);
	/* Malformed without bad_line wanted. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(csv_parse("\"", 1, cb, &s, NULL), -1);
}

/* The embedded reference files. */
struct counter {
	size_t	records;
	size_t	fields;
	int	same;
};

static int
count_cb(void *arg, size_t line, char **f, size_t n)
{
	struct counter *c = arg;

	if (c->records == 0)
		c->fields = n;
	else if (n != c->fields)
		c->same = 0;
	c->records++;
	return 0;
}

static void
check_file(const char *path, size_t want_rows, size_t want_fields)
{
	const struct embedded_file *f = embed_find(path);
	struct counter c = { 0, 0, 1 };
	size_t bad = 0;

	assert_non_null(f);
	assert_int_equal(csv_parse(f->data, f->len, count_cb, &c, &bad), 0);
	assert_int_equal(c.records, want_rows + 1);	/* and the header */
	assert_int_equal(c.fields, want_fields);
	assert_true(c.same);
}

static void
test_embedded_files(void **state)
{
	(void)state;
	check_file("data/kosovo_municipalities.csv", 38, 6);
	check_file("data/albania_municipalities.csv", 61, 5);
	check_file("data/protection_concerns.csv", 21, 5);
	assert_null(embed_find("data/nothing.csv"));
}

static void
test_reference_loaded(void **state)
{
	struct fx *f = *state;

	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality "
	    "WHERE country = 'XK'"), 38);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality "
	    "WHERE country = 'AL'"), 61);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM concern"), 21);
	/* Codes, numbers and names as the files give them. */
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality "
	    "WHERE code = 'XK09' AND num = '09' AND name_sq = 'Hani i Elezit'"),
	    1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality "
	    "WHERE code = 'XK01' AND name_sr = 'Dečani' AND population = 27756"),
	    1);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM municipality "
	    "WHERE country = 'AL' AND population IS NOT NULL"), 2);
	assert_int_equal(fx_raw_int(f, "SELECT population FROM municipality "
	    "WHERE code = 'AL15'"), 115101);
	assert_int_equal(fx_raw_int(f, "SELECT count(*) FROM concern WHERE "
	    "code = 'VIO_PHY' AND label_en = 'Physical violence' AND "
	    "label_sq = 'Dhunë fizike'"), 1);
	assert_int_equal(fx_raw_int(f, "SELECT count(DISTINCT num) FROM "
	    "municipality WHERE country = 'AL'"), 61);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bare_cr),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_newline),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_quote_in_unquoted),
		cmocka_unit_test(test_text_after_quote),
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_field_too_long),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_length_bound),
		cmocka_unit_test(test_embedded_files),
		cmocka_unit_test_setup_teardown(test_reference_loaded, fx_setup,
		    fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
