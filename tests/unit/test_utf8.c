/*
 * test_utf8.c — unit tests of src/util/utf8.c: first every class of input
 * utf8_valid() must refuse (overlongs, surrogates, values past U+10FFFF,
 * stray and truncated sequences, NUL, C0 controls, DEL, C1 controls), then a
 * byte-for-byte cross-check against utf8proc's decoder, then the accepted
 * inputs, counting, NFC and white-space squashing.
 */
#include "testutil.h"

#include <utf8proc.h>

#include "../../src/util/arena.h"
#include "../../src/util/utf8.h"

#define V(lit)	utf8_valid((lit), sizeof(lit) - 1)

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

static void
overlong_two_byte(void **state)
{
	assert_false(V("\xc0\xaf"));		/* '/' */
	assert_false(V("\xc0\x80"));		/* NUL, "modified UTF-8" */
	assert_false(V("\xc1\xbf"));
	assert_false(V("a\xc0\xae" "b"));	/* '.' */
}

static void
overlong_three_byte(void **state)
{
	assert_false(V("\xe0\x80\xaf"));
	assert_false(V("\xe0\x9f\xbf"));	/* U+07FF in three bytes */
	assert_false(V("\xe0\x80\x80"));
}

static void
overlong_four_byte(void **state)
{
	assert_false(V("\xf0\x80\x80\xaf"));
	assert_false(V("\xf0\x8f\xbf\xbf"));	/* U+FFFF in four bytes */
}

static void
surrogates(void **state)
{
	assert_false(V("\xed\xa0\x80"));	/* U+D800 */
	assert_false(V("\xed\xbf\xbf"));	/* U+DFFF */
	assert_false(V("\xed\xb0\x80"));	/* U+DC00 */
	/* CESU-8 pair for U+1F600. */
	assert_false(V("\xed\xa0\xbd\xed\xb8\x80"));
}

static void
past_max_code_point(void **state)
{
	assert_false(V("\xf4\x90\x80\x80"));	/* U+110000 */
	assert_false(V("\xf5\x80\x80\x80"));
	assert_false(V("\xf7\xbf\xbf\xbf"));
	assert_false(V("\xf8\x88\x80\x80\x80"));	/* five-byte form */
	assert_false(V("\xfc\x84\x80\x80\x80\x80"));	/* six-byte form */
	assert_false(V("\xfe"));
	assert_false(V("\xff"));
}

static void
stray_continuation(void **state)
{
	assert_false(V("\x80"));
	assert_false(V("\xbf"));
	assert_false(V("abc\x80"));
	assert_false(V("\xc3\xab\xab"));	/* ë plus one extra */
}

static void
truncated(void **state)
{
	assert_false(V("\xc3"));
	assert_false(V("\xe2\x82"));
	assert_false(V("\xf0\x9f\x98"));
	assert_false(V("\xc3" "A"));		/* lead then ASCII */
	assert_false(V("\xe2\x82" "A"));
	assert_false(V("\xf0\x9f" "AB"));
	/* A length that cuts a valid string in the middle of a sequence. */
	assert_false(utf8_valid("\xc3\xab", 1));
	assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
}

static void
nul_inside(void **state)
{
	assert_false(V("a\0b"));
	assert_false(V("\0"));
}

static void
c0_controls(void **state)
{
	char s[2] = { 0, 'x' };
	int c;

	for (c = 1; c < 0x20; c++) {
		s[0] = (char)c;
		if (c == '\t' || c == '\n' || c == '\r')
			assert_true(utf8_valid(s, 2));
		else
			assert_false(utf8_valid(s, 2));
	}
	assert_false(V("name\x1b[31m"));	/* terminal escape */
	assert_false(V("\x0b"));
	assert_false(V("\x0c"));
}

static void
del(void **state)
{
	assert_false(V("\x7f"));
	assert_false(V("ab\x7f" "cd"));
}

static void
c1_controls(void **state)
{
	char s[2] = { (char)0xc2, 0 };
	int c;

	for (c = 0x80; c <= 0x9f; c++) {
		s[1] = (char)c;
		assert_false(utf8_valid(s, 2));
	}
	assert_false(V("\xc2\x85"));		/* NEL */
	assert_true(V("\xc2\xa0"));		/* NO-BREAK SPACE follows */
}

/* What utf8_valid() should say, from utf8proc's decoder. */
static int
reference(const unsigned char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0;

	while (i < len) {
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return 0;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (cp >= 0x7f && cp <= 0x9f))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static void
agrees_with_utf8proc_on_short_strings(void **state)
{
	unsigned char s[3];
	unsigned a, b, c;

	for (a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		assert_int_equal(utf8_valid((char *)s, 1), reference(s, 1));
		for (b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			assert_int_equal(utf8_valid((char *)s, 2),
			    reference(s, 2));
			if (a < 0xe0 || a > 0xf4)
				continue;
			for (c = 0; c < 256; c++) {
				s[2] = (unsigned char)c;
				assert_int_equal(utf8_valid((char *)s, 3),
				    reference(s, 3));
			}
		}
	}
}

static void
every_code_point(void **state)
{
	unsigned char s[4];
	uint32_t cp;
	size_t n;
	int want;

	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp < 0x80) {
			s[0] = (unsigned char)cp;
			n = 1;
		} else if (cp < 0x800) {
			s[0] = (unsigned char)(0xc0 | cp >> 6);
			s[1] = (unsigned char)(0x80 | (cp & 0x3f));
			n = 2;
		} else if (cp < 0x10000) {
			s[0] = (unsigned char)(0xe0 | cp >> 12);
			s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
			s[2] = (unsigned char)(0x80 | (cp & 0x3f));
			n = 3;
		} else {
			s[0] = (unsigned char)(0xf0 | cp >> 18);
			s[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
			s[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
			s[3] = (unsigned char)(0x80 | (cp & 0x3f));
			n = 4;
		}
		want = !(cp >= 0xd800 && cp <= 0xdfff) &&
		    !(cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') &&
		    !(cp >= 0x7f && cp <= 0x9f);
		if (utf8_valid((char *)s, n) != want)
			fail_msg("U+%04X: expected %d", (unsigned)cp, want);
	}
}

static void
valid_text(void **state)
{
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid(NULL, 0));
	assert_true(V("Hello, world"));
	assert_true(V("line\none\r\n\ttab"));
	assert_true(V("Arbër Çeliku, Gjakovë"));
	assert_true(V("Ђорђе Јовановић, Шабац"));
	assert_true(V("Đorđe Šćepanović, Žabalj"));
	assert_true(V("\xf0\x9f\x98\x80"));	/* U+1F600 */
	/* Boundaries on both sides of each length. */
	assert_true(V("\xdf\xbf"));		/* U+07FF */
	assert_true(V("\xe0\xa0\x80"));		/* U+0800 */
	assert_true(V("\xed\x9f\xbf"));		/* U+D7FF */
	assert_true(V("\xee\x80\x80"));		/* U+E000 */
	assert_true(V("\xef\xbf\xbf"));		/* U+FFFF */
	assert_true(V("\xf0\x90\x80\x80"));	/* U+10000 */
	assert_true(V("\xf4\x8f\xbf\xbf"));	/* U+10FFFF */
}

static void
chars_counts_code_points(void **state)
{
	assert_int_equal(utf8_chars("", 0), 0);
	assert_int_equal(utf8_chars("abc", 3), 3);
	assert_int_equal(utf8_chars("ë", 2), 1);
	assert_int_equal(utf8_chars("aëЂ\xf0\x9f\x98\x80", 9), 4);
	assert_int_equal(utf8_chars("Gjakovë", strlen("Gjakovë")), 7);
}

static void
nfc_refuses_invalid(void **state)
{
	struct arena *a = *state;

	assert_null(utf8_nfc(a, "\xc0\xaf", 2));
	assert_null(utf8_nfc(a, "\xed\xa0\x80", 3));
	assert_null(utf8_nfc(a, "a\0b", 3));
	assert_null(utf8_nfc(a, "\x1b", 1));
	assert_null(utf8_nfc(a, "\xc2\x85", 2));
}

static void
nfc_out_of_memory(void **state)
{
	struct arena *a;
	char big[512];

	memset(big, 'x', sizeof(big));
	assert_non_null(a = arena_new(256));
	assert_null(utf8_nfc(a, big, sizeof(big)));
	assert_true(arena_failed(a));
	arena_free(a);
}

static void
nfc_composes(void **state)
{
	struct arena *a = *state;

	/* e + COMBINING DIAERESIS, c + COMBINING CEDILLA. */
	assert_string_equal(utf8_nfc(a, "Arbe\xcc\x88r", 7), "Arbër");
	assert_string_equal(utf8_nfc(a, "c\xcc\xa7", 3), "ç");
	/* Cyrillic Й decomposed: И + COMBINING BREVE. */
	assert_string_equal(utf8_nfc(a, "\xd0\x98\xcc\x86", 4), "Й");
	/* ANGSTROM SIGN is a singleton: NFC gives Å. */
	assert_string_equal(utf8_nfc(a, "\xe2\x84\xab", 3), "\xc3\x85");
	/* Combining marks are reordered and composed where they can be. */
	assert_string_equal(utf8_nfc(a, "s\xcc\xa3\xcc\x87", 5),
	    "\xe1\xb9\xa9");			/* U+1E69 */
}

static void
nfc_keeps_composed(void **state)
{
	struct arena *a = *state;
	const char *s = "Çeliku Arbër, Ђорђе, line\n\ttab";

	assert_string_equal(utf8_nfc(a, s, strlen(s)), s);
	assert_string_equal(utf8_nfc(a, "", 0), "");
	assert_string_equal(utf8_nfc(a, "abc", 2), "ab");
	/* Compatibility forms are not NFKC-folded. */
	assert_string_equal(utf8_nfc(a, "\xef\xac\x81", 3), "\xef\xac\x81");
}

static void
squash_refuses_invalid(void **state)
{
	struct arena *a = *state;

	assert_null(utf8_squash(a, "a\xc0\xaf" "b"));
	assert_null(utf8_squash(a, "a\x0b" "b"));	/* VT is a control */
	assert_null(utf8_squash(a, "a\xc2\x85" "b"));	/* NEL is C1 */
	assert_null(utf8_squash(a, "\xed\xa0\x80"));
}

static void
squash_folds_white_space(void **state)
{
	struct arena *a = *state;

	assert_string_equal(utf8_squash(a, ""), "");
	assert_string_equal(utf8_squash(a, "   \t\r\n "), "");
	assert_string_equal(utf8_squash(a, "abc"), "abc");
	assert_string_equal(utf8_squash(a, "  Arbër \t\n  Çeliku  "),
	    "Arbër Çeliku");
	/* NO-BREAK SPACE, IDEOGRAPHIC SPACE, EN QUAD, LINE SEPARATOR. */
	assert_string_equal(utf8_squash(a,
	    "\xc2\xa0" "a\xe3\x80\x80\xe2\x80\x80" "b\xe2\x80\xa8"), "a b");
	assert_string_equal(utf8_squash(a, "a \xe2\x80\xaf b"), "a b");
	/* ZERO WIDTH SPACE is not White_Space: left alone. */
	assert_string_equal(utf8_squash(a, "a\xe2\x80\x8b" "b"),
	    "a\xe2\x80\x8b" "b");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(overlong_two_byte),
		T(overlong_three_byte),
		T(overlong_four_byte),
		T(surrogates),
		T(past_max_code_point),
		T(stray_continuation),
		T(truncated),
		T(nul_inside),
		T(c0_controls),
		T(del),
		T(c1_controls),
		T(nfc_refuses_invalid),
		T(nfc_out_of_memory),
		T(squash_refuses_invalid),
		T(agrees_with_utf8proc_on_short_strings),
		T(every_code_point),
		T(valid_text),
		T(chars_counts_code_points),
		T(nfc_composes),
		T(nfc_keeps_composed),
		T(squash_folds_white_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
