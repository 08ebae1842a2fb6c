/*
 * test_svg.c — charts as SVG (doc/svg.c): text is escaped, a suppressed
 * value is never drawn as its number, empty and oversized inputs are
 * refused, every municipality of both reference files has a tile and no
 * two share one, and a chart carries its title and description.
 */
#include "testutil.h"

#include <stdio.h>

#include "../../src/doc/svg.h"
#include "../../src/util/arena.h"
#include "../../src/util/csv.h"
#include "../../src/util/embed.h"

static void
test_bars_escaped_and_suppressed(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct svg_item it[] = {
		{ "<script>alert(1)</script>", 40, 0, 0 },
		{ "Hani i Elezit & Ferizaj", 3, 1, 0 },
		{ "\"quoted\"", 0, 0, 1 },
	};
	struct buf b;

	(void)state;
	buf_init(&b, a);
	assert_int_equal(svg_bars(&b, "Title <b>", it, 3), SVG_OK);
	assert_memory_equal(b.p, "<svg ", 5);
	assert_null(strstr(b.p, "<script>"));
	assert_null(strstr(b.p, "<b>"));
	assert_non_null(strstr(b.p, "&lt;script&gt;"));
	assert_non_null(strstr(b.p, "Hani i Elezit &amp; Ferizaj"));
	assert_non_null(strstr(b.p, "<title id="));
	assert_non_null(strstr(b.p, "role=\"img\""));
	/* The suppressed 3 is drawn as <5 and hatched, never as 3. */
	assert_non_null(strstr(b.p, "&lt;5"));
	assert_null(strstr(b.p, ">3<"));
	assert_null(strstr(b.p, ": 3"));
	assert_non_null(strstr(b.p, "-h)"));
	assert_string_equal(b.p + b.len - 6, "</svg>");
	arena_free(a);
}

static void
test_refused(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct svg_item many[SVG_MAX_ITEMS + 1];
	struct buf b;

	(void)state;
	memset(many, 0, sizeof(many));
	buf_init(&b, a);
	assert_int_equal(svg_bars(&b, "t", many, 0), SVG_EMPTY);
	assert_int_equal(svg_line(&b, "t", many, 0), SVG_EMPTY);
	assert_int_equal(svg_bars(&b, "t", many, SVG_MAX_ITEMS + 1),
	    SVG_TOOMANY);
	assert_int_equal(b.len, 0);
	arena_free(a);
}

static void
test_line(void **state)
{
	struct arena *a = arena_new(1 << 20);
	struct svg_item it[] = { { "2026-01", 5, 0, 0 },
		{ "2026-02", 2, 1, 0 }, { "2026-03", 9, 0, 0 } };
	struct buf b;

	(void)state;
	buf_init(&b, a);
	assert_int_equal(svg_line(&b, "Raste", it, 3), SVG_OK);
	assert_non_null(strstr(b.p, "<polyline"));
	assert_non_null(strstr(b.p, "2026-03"));
	assert_null(strstr(b.p, "2026-02: 2"));
	/* One item only still draws. */
	buf_init(&b, a);
	assert_int_equal(svg_line(&b, "Raste", it, 1), SVG_OK);
	arena_free(a);
}

struct seen {
	int	 pos[2][20][20];
	int	 missing, count;
};

static int
muni_cb(void *arg, size_t line, char **f, size_t n)
{
	struct seen *s = arg;
	int r, c;

	if (line == 1)
		return 0;
	s->count++;
	if (svg_tile_pos(f[0], &r, &c) != 0) {
		fprintf(stderr, "no tile: %s\n", f[0]);
		s->missing++;
		return 0;
	}
	assert_true(r >= 0 && r < 20 && c >= 0 && c < 20);
	/* No two municipalities of one country on one tile. */
	assert_int_equal(s->pos[f[0][0] == 'A'][r][c]++, 0);
	return 0;
}

static void
test_every_municipality_has_a_tile(void **state)
{
	const char *files[] = { "data/kosovo_municipalities.csv",
		"data/albania_municipalities.csv" };
	const struct embedded_file *ef;
	struct seen s;
	size_t i, bad;
	int r, c;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < 2; i++) {
		assert_non_null(ef = embed_find(files[i]));
		assert_int_equal(csv_parse(ef->data, ef->len, muni_cb, &s,
		    &bad), 0);
	}
	assert_int_equal(s.count, 38 + 61);
	assert_int_equal(s.missing, 0);
	assert_int_equal(svg_tile_pos("XK99", &r, &c), -1);
	assert_int_equal(svg_tile_pos(NULL, &r, &c), -1);
}

static void
test_tilemap(void **state)
{
	struct arena *a = arena_new(1 << 20);
	const char *codes[] = { "XK09", "XK27", "ZZ01" };
	struct svg_item it[] = { { "Hani i Elezit", 12, 0, 0 },
		{ "Prishtinë", 2, 1, 0 }, { "Nowhere", 5, 0, 0 } };
	struct buf b;
	size_t skipped;

	(void)state;
	buf_init(&b, a);
	assert_int_equal(svg_tilemap(&b, "Harta", codes, it, 3, &skipped),
	    SVG_OK);
	assert_int_equal(skipped, 1);
	assert_non_null(strstr(b.p, "XK09"));
	assert_non_null(strstr(b.p, "Hani i Elezit: 12"));
	assert_non_null(strstr(b.p, "Prishtinë: &lt;5"));
	assert_null(strstr(b.p, "Nowhere"  "</title>"));
	buf_init(&b, a);
	assert_int_equal(svg_tilemap(&b, "Harta", codes + 2, it + 2, 1,
	    &skipped), SVG_EMPTY);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars_escaped_and_suppressed),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_every_municipality_has_a_tile),
		cmocka_unit_test(test_tilemap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
