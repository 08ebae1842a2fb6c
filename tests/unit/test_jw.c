/*
 * test_jw.c — unit tests of src/json/jw.c. First the misuse the writer must
 * catch (values without keys, keys outside objects, mismatched or missing
 * closes, nesting past JW_DEPTH, two top-level values, arena exhaustion),
 * then output checked byte for byte and read back with jansson: control
 * characters, quotes, backslashes, </script>, U+2028, NUL and non-ASCII text
 * must all survive the round trip, and nothing HTML-active may appear raw.
 */
#include "testutil.h"

#include <jansson.h>

#include "../../src/util/arena.h"
#include "../../src/json/jw.h"

struct fix {
	struct arena	*a;
	struct buf	 b;
	struct jw	 w;
};

static int
setup(void **state)
{
	struct fix *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	if ((f->a = arena_new(1 << 20)) == NULL) {
		free(f);
		return -1;
	}
	buf_init(&f->b, f->a);
	jw_init(&f->w, &f->b);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	arena_free(f->a);
	free(f);
	return 0;
}

/* The buffer's text; "" before anything was written. */
static const char *
out(const struct fix *f)
{
	return f->b.p == NULL ? "" : f->b.p;
}

static void
value_without_key(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_str(&f->w, "x");
	assert_int_not_equal(jw_done(&f->w), 0);
	assert_true(f->w.err);
}

static void
key_outside_object(void **state)
{
	struct fix *f = *state;

	jw_key(&f->w, "k");
	assert_true(f->w.err);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
key_in_array(void **state)
{
	struct fix *f = *state;

	jw_arr_open(&f->w);
	jw_key(&f->w, "k");
	jw_arr_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
two_keys_in_a_row(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_key(&f->w, "a");
	jw_key(&f->w, "b");
	jw_int(&f->w, 1);
	jw_obj_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
null_key(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_kstr(&f->w, NULL, "v");
	jw_obj_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
mismatched_close(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_arr_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
mismatched_close_array(void **state)
{
	struct fix *f = *state;

	jw_arr_open(&f->w);
	jw_obj_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
close_with_key_pending(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_key(&f->w, "k");
	jw_obj_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
close_at_top(void **state)
{
	struct fix *f = *state;

	jw_obj_close(&f->w);
	assert_true(f->w.err);
	assert_int_not_equal(jw_done(&f->w), 0);
	assert_string_equal(out(f), "");
}

static void
close_too_many(void **state)
{
	struct fix *f = *state;

	jw_arr_open(&f->w);
	jw_arr_close(&f->w);
	jw_arr_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
unclosed(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_kint(&f->w, "a", 1);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
nothing_written(void **state)
{
	struct fix *f = *state;

	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
two_top_level_values(void **state)
{
	struct fix *f = *state;

	jw_obj_open(&f->w);
	jw_obj_close(&f->w);
	jw_obj_open(&f->w);
	jw_obj_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
	assert_string_equal(out(f), "{}");
}

static void
too_deep(void **state)
{
	struct fix *f = *state;
	int i;

	for (i = 0; i < JW_DEPTH; i++)
		jw_arr_open(&f->w);
	assert_true(f->w.err);
	for (i = 0; i < JW_DEPTH; i++)
		jw_arr_close(&f->w);
	assert_int_not_equal(jw_done(&f->w), 0);
	assert_int_equal(strlen(out(f)), JW_DEPTH - 1);
}

static void
error_is_sticky(void **state)
{
	struct fix *f = *state;
	size_t len;

	jw_arr_open(&f->w);
	jw_key(&f->w, "k");
	len = f->b.len;
	jw_str(&f->w, "more");
	jw_int(&f->w, 1);
	jw_arr_close(&f->w);
	assert_int_equal(f->b.len, len);
	assert_int_not_equal(jw_done(&f->w), 0);
}

static void
out_of_memory(void **state)
{
	struct arena *a;
	struct buf b;
	struct jw w;
	int i;

	assert_non_null(a = arena_new(600));
	buf_init(&b, a);
	jw_init(&w, &b);
	jw_arr_open(&w);
	for (i = 0; i < 100; i++)
		jw_str(&w, "0123456789");
	jw_arr_close(&w);
	assert_false(w.err);
	assert_int_not_equal(jw_done(&w), 0);
	arena_free(a);
}

/* Parses f's output with jansson (any top-level value, NUL allowed). */
static json_t *
load(const struct fix *f)
{
	json_error_t e;
	json_t *j;

	assert_int_equal(jw_done(&f->w), 0);
	j = json_loads(out(f), JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (j == NULL)
		fail_msg("jansson: %s in %s", e.text, out(f));
	return j;
}

/* Writes s[0..n) as the only value and checks it reads back the same. */
static void
round_trip(void **state, const char *s, size_t n)
{
	struct fix *f = *state;
	json_t *j;

	buf_init(&f->b, f->a);
	jw_init(&f->w, &f->b);
	jw_strn(&f->w, s, n);
	j = load(f);
	assert_true(json_is_string(j));
	assert_int_equal(json_string_length(j), n);
	assert_memory_equal(json_string_value(j), s, n);
	json_decref(j);
}

static void
every_ascii_byte(void **state)
{
	struct fix *f = *state;
	char c[1];
	int i;

	for (i = 0; i < 0x80; i++) {
		c[0] = (char)i;
		round_trip(state, c, 1);
		/* Control characters and DEL never appear raw. */
		if (i < 0x20 || i == 0x7f)
			assert_null(memchr(out(f) + 1, i, strlen(out(f)) - 2));
	}
}

static void
control_characters(void **state)
{
	struct fix *f = *state;
	const char s[] = "a\x01" "b\x1f" "c\b\f\n\r\t\x7f";

	round_trip(state, s, sizeof(s) - 1);
	assert_string_equal(out(f),
	    "\"a\\u0001b\\u001fc\\b\\f\\n\\r\\t\\u007f\"");
}

static void
quotes_and_backslashes(void **state)
{
	struct fix *f = *state;
	const char s[] = "say \"hi\" \\ \\\" \\u0041 \"";

	round_trip(state, s, sizeof(s) - 1);
	assert_string_equal(out(f),
	    "\"say \\\"hi\\\" \\\\ \\\\\\\" \\\\u0041 \\\"\"");
}

static void
html_active_characters(void **state)
{
	struct fix *f = *state;
	const char s[] = "</script><script>alert(1)</script><!-- & -->";

	round_trip(state, s, sizeof(s) - 1);
	assert_null(strchr(out(f), '<'));
	assert_null(strchr(out(f), '>'));
	assert_null(strchr(out(f), '&'));
	assert_non_null(strstr(out(f), "\\u003c/script\\u003e"));
	assert_non_null(strstr(out(f), "\\u0026"));
}

static void
line_separators(void **state)
{
	struct fix *f = *state;
	const char s[] = "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c";

	round_trip(state, s, sizeof(s) - 1);
	assert_string_equal(out(f), "\"a\\u2028b\\u2029c\"");
}

static void
nul_in_string(void **state)
{
	struct fix *f = *state;

	round_trip(state, "a\0b", 3);
	assert_string_equal(out(f), "\"a\\u0000b\"");
}

static void
unicode_text(void **state)
{
	struct fix *f = *state;
	const char *s[] = {
		"Arbër Çeliku, Gjakovë",
		"Ђорђе Јовановић",
		"Đorđe Šćepanović",
		"\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf \xef\xbf\xbf \xee\x80\x80",
		"\xe2\x80\xa7\xe2\x80\xaa",	/* neighbours of U+2028/9 */
	};
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		round_trip(state, s[i], strlen(s[i]));
		/* Multibyte text is written as it is, not escaped. */
		assert_memory_equal(out(f) + 1, s[i], strlen(s[i]));
	}
}

static void
invalid_utf8_stays_valid_json(void **state)
{
	struct fix *f = *state;
	const char *bad[] = {
		"\xff", "a\x80\x62", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xc3", "ok\xe2\x82", "\xf0\x9f\x98",
	};
	json_t *j;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		buf_init(&f->b, f->a);
		jw_init(&f->w, &f->b);
		jw_str(&f->w, bad[i]);
		j = load(f);
		assert_non_null(strstr(json_string_value(j), "\xef\xbf\xbd"));
		json_decref(j);
	}
}

static void
document(void **state)
{
	struct fix *f = *state;
	json_t *j;

	jw_obj_open(&f->w);
	jw_kint(&f->w, "id", 42);
	jw_kstr(&f->w, "name", "Arbër");
	jw_kstr(&f->w, "none", NULL);
	jw_kbool(&f->w, "open", 1);
	jw_key(&f->w, "tags");
	jw_arr_open(&f->w);
	jw_str(&f->w, "a");
	jw_bool(&f->w, 0);
	jw_null(&f->w);
	jw_obj_open(&f->w);
	jw_obj_close(&f->w);
	jw_arr_open(&f->w);
	jw_arr_close(&f->w);
	jw_arr_close(&f->w);
	jw_key(&f->w, "k\"<");
	jw_obj_open(&f->w);
	jw_kint(&f->w, "n", -1);
	jw_obj_close(&f->w);
	jw_obj_close(&f->w);
	assert_string_equal(out(f),
	    "{\"id\":42,\"name\":\"Arbër\",\"none\":null,\"open\":true,"
	    "\"tags\":[\"a\",false,null,{},[]],\"k\\\"\\u003c\":{\"n\":-1}}");
	j = load(f);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 42);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    "Arbër");
	assert_true(json_is_null(json_object_get(j, "none")));
	assert_int_equal(json_array_size(json_object_get(j, "tags")), 5);
	assert_non_null(json_object_get(j, "k\"<"));
	json_decref(j);
}

static void
integers(void **state)
{
	struct fix *f = *state;
	json_t *j;

	jw_arr_open(&f->w);
	jw_int(&f->w, 0);
	jw_int(&f->w, -1);
	jw_int(&f->w, INT64_MAX);
	jw_int(&f->w, INT64_MIN);
	jw_arr_close(&f->w);
	assert_string_equal(out(f),
	    "[0,-1,9223372036854775807,-9223372036854775808]");
	j = load(f);
	assert_true(json_integer_value(json_array_get(j, 2)) == INT64_MAX);
	assert_true(json_integer_value(json_array_get(j, 3)) == INT64_MIN);
	json_decref(j);
}

static void
top_level_scalar(void **state)
{
	struct fix *f = *state;

	jw_str(&f->w, NULL);
	assert_int_equal(jw_done(&f->w), 0);
	assert_string_equal(out(f), "null");
}

static void
deepest_nesting(void **state)
{
	struct fix *f = *state;
	json_t *j;
	int i;

	for (i = 0; i < JW_DEPTH - 1; i++)
		jw_arr_open(&f->w);
	for (i = 0; i < JW_DEPTH - 1; i++)
		jw_arr_close(&f->w);
	j = load(f);
	json_decref(j);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(value_without_key),
		T(key_outside_object),
		T(key_in_array),
		T(two_keys_in_a_row),
		T(null_key),
		T(mismatched_close),
		T(mismatched_close_array),
		T(close_with_key_pending),
		T(close_at_top),
		T(close_too_many),
		T(unclosed),
		T(nothing_written),
		T(two_top_level_values),
		T(too_deep),
		T(error_is_sticky),
		T(out_of_memory),
		T(every_ascii_byte),
		T(control_characters),
		T(quotes_and_backslashes),
		T(html_active_characters),
		T(line_separators),
		T(nul_in_string),
		T(unicode_text),
		T(invalid_utf8_stays_valid_json),
		T(document),
		T(integers),
		T(top_level_scalar),
		T(deepest_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
