/*
 * test_parse.c — unit tests of src/http/parse.c. Most are negative: every
 * class of malformed form body or query string (bad %-escapes, encoded NUL
 * and controls, invalid UTF-8 after decoding, too many fields, long and empty
 * keys), of Cookie header (bad octets, oversize, bare names, duplicates) and
 * of request path (traversal, empty segments, encoded slashes, long or
 * ill-charactered parameters). The accepted inputs come after.
 */
#include <arpa/inet.h>

#include "testutil.h"

#include "../../src/util/arena.h"
#include "../../src/http/parse.h"

/* form_parse() on a string literal, NUL not included. */
#define FORM(a, lit, max, out)	form_parse((a), (lit), sizeof(lit) - 1, (max), (out))

static int
setup(void **state)
{
	*state = arena_new(1 << 20);
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

/* Asserts that s is refused with rc and that out is left empty. */
static void
form_refused(struct arena *a, const char *s, size_t max, enum parse_rc rc)
{
	struct kvlist l = { (struct kv *)&l, 99 };

	if (form_parse(a, s, strlen(s), max, &l) != rc)
		fail_msg("\"%s\": expected rc %d", s, (int)rc);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
}

static void
form_bad_escapes(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%G1", 10, PARSE_BAD);
	form_refused(a, "a=%1G", 10, PARSE_BAD);
	form_refused(a, "a=%4", 10, PARSE_BAD);
	form_refused(a, "a=%", 10, PARSE_BAD);
	form_refused(a, "a=%%41", 10, PARSE_BAD);
	form_refused(a, "a=1%", 10, PARSE_BAD);
	form_refused(a, "a=%4&b=1", 10, PARSE_BAD);	/* cut by '&' */
	form_refused(a, "a=% 41", 10, PARSE_BAD);
	form_refused(a, "a=%+1", 10, PARSE_BAD);
	form_refused(a, "a=%-1", 10, PARSE_BAD);
	form_refused(a, "a=%u0041", 10, PARSE_BAD);	/* IIS-style */
	form_refused(a, "%ZZ=1", 10, PARSE_BAD);
	form_refused(a, "%=1", 10, PARSE_BAD);
	form_refused(a, "ok=1&b=%x0", 10, PARSE_BAD);
}

static void
form_encoded_nul(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%00", 10, PARSE_BAD);
	form_refused(a, "a=x%00y", 10, PARSE_BAD);
	form_refused(a, "%00=1", 10, PARSE_BAD);
	form_refused(a, "a%00b=1", 10, PARSE_BAD);
}

static void
form_raw_nul(void **state)
{
	struct arena *a = *state;
	struct kvlist l;

	assert_int_equal(FORM(a, "a=b\0c", 10, &l), PARSE_BAD);
	assert_int_equal(FORM(a, "a\0=b", 10, &l), PARSE_BAD);
}

static void
form_controls(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%01", 10, PARSE_BAD);
	form_refused(a, "a=%1B%5B31m", 10, PARSE_BAD);	/* ESC */
	form_refused(a, "a=%0B", 10, PARSE_BAD);	/* VT */
	form_refused(a, "a=%7F", 10, PARSE_BAD);	/* DEL */
	form_refused(a, "a=%C2%85", 10, PARSE_BAD);	/* NEL, C1 */
	form_refused(a, "a=%C2%9F", 10, PARSE_BAD);
	form_refused(a, "a=\x01", 10, PARSE_BAD);	/* raw */
	form_refused(a, "k%0A=1", 10, PARSE_BAD);	/* a key holds no line break */
	form_refused(a, "k%09=1", 10, PARSE_BAD);	/* nor a tab */
	form_refused(a, "k\r=1", 10, PARSE_BAD);
}

static void
form_overlong_utf8(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%C0%AF", 10, PARSE_BAD);
	form_refused(a, "a=%C0%AE%C0%AE%C0%AF", 10, PARSE_BAD);
	form_refused(a, "a=%C0%80", 10, PARSE_BAD);
	form_refused(a, "a=%E0%80%AF", 10, PARSE_BAD);
	form_refused(a, "a=%F0%80%80%AF", 10, PARSE_BAD);
	form_refused(a, "%C1%BF=1", 10, PARSE_BAD);
}

static void
form_surrogates(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%ED%A0%80", 10, PARSE_BAD);
	form_refused(a, "a=%ED%BF%BF", 10, PARSE_BAD);
	form_refused(a, "a=%ED%A0%BD%ED%B8%80", 10, PARSE_BAD);
}

static void
form_invalid_utf8(void **state)
{
	struct arena *a = *state;

	form_refused(a, "a=%F4%90%80%80", 10, PARSE_BAD);	/* > U+10FFFF */
	form_refused(a, "a=%FF", 10, PARSE_BAD);
	form_refused(a, "a=%80", 10, PARSE_BAD);
	form_refused(a, "a=%C3", 10, PARSE_BAD);		/* truncated */
	form_refused(a, "a=%C3&b=%AB", 10, PARSE_BAD);	/* split by '&' */
	form_refused(a, "a=\xff", 10, PARSE_BAD);		/* raw byte */
	form_refused(a, "\xc3=1", 10, PARSE_BAD);
	form_refused(a, "a=%E4%BD", 10, PARSE_BAD);
}

static void
form_too_many_fields(void **state)
{
	struct arena *a = *state;
	size_t before;

	form_refused(a, "a=1&b=2&c=3&d=4", 3, PARSE_TOOMANY);
	form_refused(a, "a=1", 0, PARSE_TOOMANY);
	form_refused(a, "a&a&a&a", 3, PARSE_TOOMANY);
	/* Counted before anything is decoded or allocated. */
	before = arena_used(a);
	form_refused(a, "&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&", 16, PARSE_TOOMANY);
	form_refused(a, "a=%ZZ&b&c&d", 3, PARSE_TOOMANY);
	assert_int_equal(arena_used(a), before);
}

static void
form_long_keys(void **state)
{
	struct arena *a = *state;
	char s[512];
	size_t i;

	/* 65 plain bytes. */
	memset(s, 'k', 65);
	strcpy(s + 65, "=1");
	form_refused(a, s, 10, PARSE_TOOLONG);
	/* 65 bytes, each %-encoded (195 raw bytes). */
	for (i = 0; i < 65; i++)
		memcpy(s + 3 * i, "%41", 3);
	strcpy(s + 195, "=1");
	form_refused(a, s, 10, PARSE_TOOLONG);
	/* 33 two-byte characters: 66 bytes but 33 characters. */
	for (i = 0; i < 33; i++)
		memcpy(s + 2 * i, "ë", 2);
	strcpy(s + 66, "=1");
	form_refused(a, s, 10, PARSE_TOOLONG);
	/* A long key without '='. */
	memset(s, 'k', 300);
	s[300] = '\0';
	form_refused(a, s, 10, PARSE_TOOLONG);
	/* Behind a good field. */
	memcpy(s, "ok=1&", 5);
	memset(s + 5, 'k', 100);
	strcpy(s + 105, "=v");
	form_refused(a, s, 10, PARSE_TOOLONG);
}

static void
form_empty_keys(void **state)
{
	struct arena *a = *state;

	form_refused(a, "=1", 10, PARSE_BAD);
	form_refused(a, "=", 10, PARSE_BAD);
	form_refused(a, "a=1&=2", 10, PARSE_BAD);
	form_refused(a, "&a=1", 10, PARSE_BAD);
	form_refused(a, "a=1&", 10, PARSE_BAD);
	form_refused(a, "a=1&&b=2", 10, PARSE_BAD);
	form_refused(a, "&", 10, PARSE_BAD);
}

static void
form_out_of_memory(void **state)
{
	struct arena *a;
	struct kvlist l;
	char s[1024];

	memset(s, 'v', sizeof(s));
	memcpy(s, "a=", 2);
	assert_non_null(a = arena_new(512));
	assert_int_equal(form_parse(a, s, sizeof(s), 10, &l), PARSE_OOM);
	assert_null(l.v);
	arena_free(a);
}

static void
form_empty_input(void **state)
{
	struct arena *a = *state;
	struct kvlist l = { (struct kv *)&l, 99 };

	assert_int_equal(form_parse(a, "", 0, 10, &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(form_parse(a, NULL, 0, 0, &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "a"));
	assert_int_equal(kv_count(&l, "a"), 0);
	assert_null(kv_get(NULL, "a"));
	assert_int_equal(kv_count(NULL, "a"), 0);
}

static void
form_pairs(void **state)
{
	struct arena *a = *state;
	struct kvlist l;

	assert_int_equal(FORM(a, "name=Arb%C3%ABr&city=Gjakov%c3%ab", 2, &l),
	    PARSE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].key, "name");
	assert_string_equal(l.v[0].val, "Arbër");
	assert_int_equal(l.v[0].vlen, 6);
	assert_string_equal(kv_get(&l, "city"), "Gjakovë");
	assert_null(kv_get(&l, "nope"));
	assert_null(kv_get(&l, "nam"));
}

static void
form_plus_and_escapes(void **state)
{
	struct arena *a = *state;
	struct kvlist l;

	assert_int_equal(FORM(a, "q=a+b%2Bc&amp=%26%3D%25&k%3Dx=1", 10, &l),
	    PARSE_OK);
	assert_string_equal(kv_get(&l, "q"), "a b+c");
	assert_string_equal(kv_get(&l, "amp"), "&=%");
	assert_string_equal(kv_get(&l, "k=x"), "1");
	/* Textarea line breaks and tabs are text. */
	assert_int_equal(FORM(a, "note=a%0D%0Ab%09c", 10, &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "note"), "a\r\nb\tc");
	/* Raw UTF-8 as some clients send it. */
	assert_int_equal(FORM(a, "n=Ђорђе", 10, &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "n"), "Ђорђе");
}

static void
form_missing_and_empty_values(void **state)
{
	struct arena *a = *state;
	struct kvlist l;

	assert_int_equal(FORM(a, "flag&x=&y==z", 10, &l), PARSE_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(kv_get(&l, "flag"), "");
	assert_int_equal(l.v[0].vlen, 0);
	assert_string_equal(kv_get(&l, "x"), "");
	assert_string_equal(kv_get(&l, "y"), "=z");
}

static void
form_repeated_keys(void **state)
{
	struct arena *a = *state;
	struct kvlist l;

	assert_int_equal(FORM(a, "c=1&d=x&c=2&c=3", 4, &l), PARSE_OK);
	assert_int_equal(kv_count(&l, "c"), 3);
	assert_int_equal(kv_count(&l, "d"), 1);
	assert_int_equal(kv_count(&l, "e"), 0);
	assert_string_equal(kv_get(&l, "c"), "1");
	assert_string_equal(l.v[2].val, "2");
	assert_string_equal(l.v[3].val, "3");
}

static void
form_limits_exactly(void **state)
{
	struct arena *a = *state;
	struct kvlist l;
	char s[128];

	memset(s, 'k', 64);
	strcpy(s + 64, "=v");
	assert_int_equal(form_parse(a, s, strlen(s), 1, &l), PARSE_OK);
	assert_int_equal(strlen(l.v[0].key), 64);
	assert_int_equal(FORM(a, "a&b&c", 3, &l), PARSE_OK);
	assert_int_equal(l.n, 3);
}

static void
form_respects_len(void **state)
{
	struct arena *a = *state;
	struct kvlist l;
	const char s[] = "a=1&b=2%ZZ";

	/* Only the first 7 bytes are the input: the bad escape is outside. */
	assert_int_equal(form_parse(a, s, 7, 10, &l), PARSE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "b"), "2");
	/* A '%' at the cut is incomplete even though bytes follow. */
	assert_int_equal(form_parse(a, "a=%41", 4, 10, &l), PARSE_BAD);
}

static void
cookie_missing(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, NULL, "sid"));
	assert_null(cookie_get(a, "", "sid"));
	assert_null(cookie_get(a, "other=1", "sid"));
	assert_null(cookie_get(a, "sidx=1", "sid"));
	assert_null(cookie_get(a, "xsid=1", "sid"));
	assert_null(cookie_get(a, "SID=1", "sid"));
	assert_null(cookie_get(a, "sid =1", "sid"));
	assert_null(cookie_get(a, "; ;", "sid"));
}

static void
cookie_bad_octets(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, "sid=a b", "sid"));
	assert_null(cookie_get(a, "sid=a,b", "sid"));
	assert_null(cookie_get(a, "sid=a\\b", "sid"));
	assert_null(cookie_get(a, "sid=a\"b", "sid"));
	assert_null(cookie_get(a, "sid=abc\"", "sid"));
	assert_null(cookie_get(a, "sid=\xc3\xab", "sid"));
	assert_null(cookie_get(a, "sid=a\x01", "sid"));
	assert_null(cookie_get(a, "sid=a\x7f", "sid"));
	assert_null(cookie_get(a, "sid=\"a b\"", "sid"));
}

static void
cookie_control_anywhere(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, "x=\x01; sid=abc", "sid"));
	assert_null(cookie_get(a, "sid=abc; x=\x1b", "sid"));
	assert_null(cookie_get(a, "sid=abc\r\nSet-Cookie: x=1", "sid"));
}

static void
cookie_unbalanced_quotes(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, "sid=\"abc", "sid"));
	assert_null(cookie_get(a, "sid=\"", "sid"));
	assert_null(cookie_get(a, "sid=\"\"\"", "sid"));
	assert_null(cookie_get(a, "sid=\"abc\"x", "sid"));
}

static void
cookie_bare_name(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, "sid", "sid"));
	assert_null(cookie_get(a, "sid; x=1", "sid"));
	assert_null(cookie_get(a, "x=1; sid ", "sid"));
}

static void
cookie_duplicate(void **state)
{
	struct arena *a = *state;

	assert_null(cookie_get(a, "sid=1; sid=2", "sid"));
	assert_null(cookie_get(a, "sid=1; x=y; sid=1", "sid"));
	assert_null(cookie_get(a, "sid=1; sid", "sid"));
}

static void
cookie_oversize(void **state)
{
	struct arena *a = *state;
	char h[9000];
	char *v;

	/* A value of 257 bytes. */
	memcpy(h, "sid=", 4);
	memset(h + 4, 'a', 257);
	h[4 + 257] = '\0';
	assert_null(cookie_get(a, h, "sid"));
	/* 256 is the limit, quoted or not. */
	h[4 + 256] = '\0';
	assert_non_null(v = cookie_get(a, h, "sid"));
	assert_int_equal(strlen(v), 256);
	h[4] = '"';
	memset(h + 5, 'a', 256);
	h[5 + 256] = '"';
	h[5 + 257] = '\0';
	assert_non_null(v = cookie_get(a, h, "sid"));
	assert_int_equal(strlen(v), 256);
	/* A header over 8192 bytes, the cookie in front. */
	memcpy(h, "sid=abc; x=", 11);
	memset(h + 11, 'x', sizeof(h) - 12);
	h[sizeof(h) - 1] = '\0';
	assert_null(cookie_get(a, h, "sid"));
}

static void
cookie_found(void **state)
{
	struct arena *a = *state;

	assert_string_equal(cookie_get(a, "sid=abc", "sid"), "abc");
	assert_string_equal(cookie_get(a, "a=1; sid=abc; b=2", "sid"), "abc");
	assert_string_equal(cookie_get(a, "a=1;sid=abc;b=2", "sid"), "abc");
	assert_string_equal(cookie_get(a, "a=1;\t sid=abc \t;b=2", "sid"),
	    "abc");
	assert_string_equal(cookie_get(a, "sid=abc;", "sid"), "abc");
	assert_string_equal(cookie_get(a, "sid=\"abc\"", "sid"), "abc");
	assert_string_equal(cookie_get(a, "sid=", "sid"), "");
	assert_string_equal(cookie_get(a, "sid=\"\"", "sid"), "");
	assert_string_equal(cookie_get(a, "sid=a=b", "sid"), "a=b");
	assert_string_equal(cookie_get(a,
	    "sid=AZaz09-_~!#$%&'()*+./:<=>?@[]^`{|}", "sid"),
	    "AZaz09-_~!#$%&'()*+./:<=>?@[]^`{|}");
	assert_string_equal(cookie_get(a, "__Host-sid=t0k3n", "__Host-sid"),
	    "t0k3n");
}

static void
cookie_other_cookies_ignored(void **state)
{
	struct arena *a = *state;

	/* Another application's cookies may break the grammar. */
	assert_string_equal(cookie_get(a,
	    "prefs={\"a\": \"b c\", \"ë\": 1}; sid=abc; junk", "sid"), "abc");
	assert_string_equal(cookie_get(a, "=x; ==; sid=abc", "sid"), "abc");
	assert_string_equal(cookie_get(a, "csrf=1; sid=2", "csrf"), "1");
}

/* Asserts that path does not match pattern and that params is untouched. */
static void
no_match(struct arena *a, const char *pattern, const char *path)
{
	const char *p[4] = { "u0", "u1", "u2", "u3" };
	size_t before = arena_used(a);

	if (path_match(a, pattern, path, p, 4) != -1)
		fail_msg("\"%s\" should not match \"%s\"", path, pattern);
	assert_string_equal(p[0], "u0");
	assert_string_equal(p[1], "u1");
	assert_int_equal(arena_used(a), before);
}

static void
path_traversal(void **state)
{
	struct arena *a = *state;

	no_match(a, "/users/{id}/edit", "/users/../edit");
	no_match(a, "/users/{id}/edit", "/users/./edit");
	no_match(a, "/users/{id}/edit", "/users/1/../edit");
	no_match(a, "/users/{id}/edit", "/users/1/edit/..");
	no_match(a, "/users/{id}/edit", "/../users/1/edit");
	no_match(a, "/users/{id}", "/users/..");
	no_match(a, "/users/{id}", "/users/.");
	no_match(a, "/{a}/{b}", "/../..");
	no_match(a, "/files/{id}", "/files/..\\..\\etc");
	no_match(a, "/users/{id}/edit", "/users/..;/edit");
}

static void
path_empty_segments(void **state)
{
	struct arena *a = *state;

	no_match(a, "/users/{id}/edit", "/users//edit");
	no_match(a, "/users/{id}/edit", "//users/1/edit");
	no_match(a, "/users/{id}/edit", "/users/1//edit");
	no_match(a, "/users/{id}/edit", "/users/1/edit/");
	no_match(a, "/users/{id}", "/users/");
	no_match(a, "/users", "/users/");
	no_match(a, "/", "//");
}

static void
path_encoded(void **state)
{
	struct arena *a = *state;

	no_match(a, "/users/{id}/edit", "/users/1%2F2/edit");
	no_match(a, "/users/{id}/edit", "/users/1%2f2/edit");
	no_match(a, "/users/{id}/edit", "/users/%2e%2e/edit");
	no_match(a, "/users/{id}/edit", "/users/%2E%2E/edit");
	no_match(a, "/users/{id}/edit", "/users/%00/edit");
	no_match(a, "/users/{id}/edit", "/users/1%00/edit");
	no_match(a, "/login", "/log%69n");
}

static void
path_param_too_long(void **state)
{
	struct arena *a = *state;
	const char *p[1];
	char path[256];

	memcpy(path, "/api/v1/tokens/", 15);
	memset(path + 15, '7', 65);
	path[15 + 65] = '\0';
	no_match(a, "/api/v1/tokens/{id}", path);
	path[15 + 64] = '\0';
	assert_int_equal(path_match(a, "/api/v1/tokens/{id}", path, p, 1), 1);
	assert_int_equal(strlen(p[0]), 64);
}

static void
path_too_long(void **state)
{
	struct arena *a = *state;
	char path[4096];
	size_t i;

	for (i = 0; i + 2 < sizeof(path); i += 2)
		memcpy(path + i, "/a", 2);
	path[i] = '\0';
	no_match(a, "/a", path);
	no_match(a, "/a/{x}", path);
}

static void
path_param_characters(void **state)
{
	struct arena *a = *state;

	no_match(a, "/users/{id}/edit", "/users/a b/edit");
	no_match(a, "/users/{id}/edit", "/users/a;b/edit");
	no_match(a, "/users/{id}/edit", "/users/\xc3\xab/edit");
	no_match(a, "/users/{id}/edit", "/users/1?x=2/edit");
	no_match(a, "/users/{id}/edit", "/users/<script>/edit");
	no_match(a, "/users/{id}/edit", "/users/1'--/edit");
	no_match(a, "/users/{id}/edit", "/users/a\tb/edit");
	no_match(a, "/users/{id}/edit", "/users/a\x7f/edit");
	no_match(a, "/users/{id}", "/users/1?x=1");
	no_match(a, "/users/{id}", "/users/1#frag");
	no_match(a, "/users/{id}", "/users/~root");
}

static void
path_shape_mismatch(void **state)
{
	struct arena *a = *state;

	no_match(a, "/users/{id}/edit", "/users/1");
	no_match(a, "/users/{id}/edit", "/users/1/edit/x");
	no_match(a, "/users/{id}/edit", "/Users/1/edit");
	no_match(a, "/users/{id}/edit", "/users/1/Edit");
	no_match(a, "/users/{id}/edit", "/user/1/edit");
	no_match(a, "/users/{id}/edit", "users/1/edit");
	no_match(a, "/users/{id}/edit", "");
	no_match(a, "/", "/users");
	no_match(a, "/users", "/");
	no_match(a, "/login", "/login.php");
	assert_int_equal(path_match(a, "/x", NULL, NULL, 0), -1);
}

static void
path_bad_patterns(void **state)
{
	struct arena *a = *state;
	const char *p[1];

	no_match(a, "/users/{id", "/users/1");
	no_match(a, "/users/{}", "/users/1");
	no_match(a, "/users/x{id}", "/users/x1");
	no_match(a, "/users/{i{d}", "/users/1");
	no_match(a, "/users/{id}x", "/users/1x");
	no_match(a, "users/{id}", "/users/1");
	/* More parameters than room for them. */
	assert_int_equal(path_match(a, "/a/{x}/{y}", "/a/1/2", p, 1), -1);
	assert_int_equal(path_match(a, "/a/{x}", "/a/1", NULL, 0), -1);
}

static void
path_out_of_memory(void **state)
{
	struct arena *a;
	const char *p[1];
	char path[80];

	assert_non_null(a = arena_new(16));
	memcpy(path, "/t/", 3);
	memset(path + 3, 'x', 40);
	path[43] = '\0';
	assert_int_equal(path_match(a, "/t/{id}", path, p, 1), -1);
	assert_true(arena_failed(a));
	arena_free(a);
}

static void
path_matches(void **state)
{
	struct arena *a = *state;
	const char *p[4] = { NULL };

	assert_int_equal(path_match(a, "/users/{id}/edit", "/users/42/edit",
	    p, 4), 1);
	assert_string_equal(p[0], "42");
	assert_int_equal(path_match(a, "/api/v1/tokens/{id}",
	    "/api/v1/tokens/tok_A-9.z", p, 1), 1);
	assert_string_equal(p[0], "tok_A-9.z");
	assert_int_equal(path_match(a, "/cases/{case}/notes/{note}",
	    "/cases/KS-2026-17/notes/3", p, 4), 2);
	assert_string_equal(p[0], "KS-2026-17");
	assert_string_equal(p[1], "3");
	assert_int_equal(path_match(a, "/{a}/{b}/{c}", "/x/y/z", p, 3), 3);
	assert_string_equal(p[2], "z");
	assert_int_equal(path_match(a, "/login", "/login", NULL, 0), 0);
	assert_int_equal(path_match(NULL, "/", "/", NULL, 0), 0);
	assert_int_equal(path_match(a, "/assets/{file}", "/assets/app.css",
	    p, 1), 1);
	assert_string_equal(p[0], "app.css");
	assert_int_equal(path_match(a, "/x/{id}", "/x/...", p, 1), 1);
}

/* The request's client address: the same text as inet_ntop() for edge
 * values of every octet. */
static void
ipv4_same_as_inet_ntop(void **state)
{
	static const uint32_t v[] = { 0, 0x7f000001, 0xffffffff, 0x0a000a64,
	    0x01020304, 0xc0a80109, 0x636465ff, 0x0909090a };
	char ours[16], theirs[INET_ADDRSTRLEN];
	struct in_addr in;
	uint32_t x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		in.s_addr = htonl(v[i]);
		assert_non_null(inet_ntop(AF_INET, &in, theirs, sizeof(theirs)));
		ipv4_text(v[i], ours);
		assert_string_equal(ours, theirs);
	}
	for (x = 0; x < 256; x++) {	/* every octet value, in each place */
		in.s_addr = htonl(x << 24 | x << 8 | (255 - x));
		assert_non_null(inet_ntop(AF_INET, &in, theirs, sizeof(theirs)));
		ipv4_text(x << 24 | x << 8 | (255 - x), ours);
		assert_string_equal(ours, theirs);
	}
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(form_bad_escapes),
		T(form_encoded_nul),
		T(form_raw_nul),
		T(form_controls),
		T(form_overlong_utf8),
		T(form_surrogates),
		T(form_invalid_utf8),
		T(form_too_many_fields),
		T(form_long_keys),
		T(form_empty_keys),
		T(form_out_of_memory),
		T(cookie_missing),
		T(cookie_bad_octets),
		T(cookie_control_anywhere),
		T(cookie_unbalanced_quotes),
		T(cookie_bare_name),
		T(cookie_duplicate),
		T(cookie_oversize),
		T(path_traversal),
		T(path_empty_segments),
		T(path_encoded),
		T(path_param_too_long),
		T(path_too_long),
		T(path_param_characters),
		T(path_shape_mismatch),
		T(path_bad_patterns),
		T(path_out_of_memory),
		T(form_empty_input),
		T(form_pairs),
		T(form_plus_and_escapes),
		T(form_missing_and_empty_values),
		T(form_repeated_keys),
		T(form_limits_exactly),
		T(form_respects_len),
		T(cookie_found),
		T(cookie_other_cookies_ignored),
		T(path_matches),
		T(ipv4_same_as_inet_ntop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
