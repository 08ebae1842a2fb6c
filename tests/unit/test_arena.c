/*
 * test_arena.c — the per-request arena: its hard cap, the wipe on reset,
 * the buffer's escaping, and the growing array (avec). Negative first.
 */
#include "testutil.h"

#include "../../src/util/arena.h"

static void
test_cap_refuses(void **state)
{
	struct arena *a = arena_new(1000);

	(void)state;
	assert_non_null(a);
	assert_null(arena_alloc(a, 1001));
	assert_true(arena_failed(a));
	arena_reset(a);
	assert_false(arena_failed(a));
	assert_non_null(arena_alloc(a, 600));
	assert_null(arena_alloc(a, 600));	/* 1,200 > 1,000 in all */
	arena_free(a);
	arena_free(NULL);			/* does nothing */
}

static void
test_reset_wipes_and_reuses(void **state)
{
	struct arena *a = arena_new(1 << 20);
	char *p, *q;

	(void)state;
	p = arena_strdup(a, "Qëndrim Bytyçi");
	assert_string_equal(p, "Qëndrim Bytyçi");
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	/* The first block is kept and was wiped: the bytes are zero. */
	assert_int_equal(p[0], 0);
	q = arena_alloc(a, 16);
	assert_ptr_equal(p, q);
	arena_free(a);
}

static void
test_buf_oom_sticks(void **state)
{
	struct arena *a = arena_new(300);
	struct buf b;
	int i;

	(void)state;
	buf_init(&b, a);
	for (i = 0; i < 100; i++)
		buf_puts(&b, "0123456789");
	assert_true(b.oom);
	buf_puts(&b, "x");			/* stays failed, no crash */
	assert_true(b.oom);
	arena_free(a);
}

static void
test_buf_html_escapes(void **state)
{
	struct arena *a = arena_new(1 << 16);
	struct buf b;
	const char *s = "<a href=\"x\" onclick='y'>&</a>";

	(void)state;
	buf_init(&b, a);
	buf_html(&b, s, strlen(s));
	assert_string_equal(b.p, "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;"
	    "&gt;&amp;&lt;/a&gt;");
	arena_free(a);
}

static void
test_avec_cap_and_oom(void **state)
{
	struct arena *a = arena_new(1 << 16), *tiny = arena_new(64);
	struct avec v;
	int *x, i;

	(void)state;
	avec_init(&v, a, sizeof(int), 20);
	for (i = 0; i < 20; i++) {
		assert_non_null(x = avec_next(&v));
		assert_int_equal(*x, 0);	/* zeroed */
		*x = i;
	}
	assert_null(avec_next(&v));		/* cap reached, not OOM */
	assert_false(v.oom);
	for (i = 0; i < 20; i++)		/* kept across growth */
		assert_int_equal(((int *)v.v)[i], i);
	avec_init(&v, tiny, 32, 100);
	assert_null(avec_next(&v));		/* 8 x 32 bytes > 64 */
	assert_true(v.oom);
	arena_free(a);
	arena_free(tiny);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_refuses),
		cmocka_unit_test(test_reset_wipes_and_reuses),
		cmocka_unit_test(test_buf_oom_sticks),
		cmocka_unit_test(test_buf_html_escapes),
		cmocka_unit_test(test_avec_cap_and_oom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
