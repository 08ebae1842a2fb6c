/*
 * test_i18n.c — unit tests of the .po reader and language choice (i18n/).
 * Most are negative: each class of malformed catalogue must fail i18n_load()
 * with "file:line: message"; then the key rules against Albanian; then the
 * lookups and Accept-Language.
 */
#include "testutil.h"

#include <stdio.h>

#include "../../src/i18n/i18n.h"

#define EN_OK	"msgid \"a.b\"\nmsgstr \"AB\"\n\nmsgid \"c\"\nmsgstr \"C\"\n"
#define SR_OK	"msgid \"a.b\"\nmsgstr \"AB-sr\"\n\nmsgid \"c\"\nmsgstr \"C-sr\"\n"
#define SQ_OK	"msgid \"a.b\"\nmsgstr \"AB-sq\"\n\nmsgid \"c\"\nmsgstr \"C-sq\"\n"

static char err[256];

/* Loads the three catalogues; returns i18n_load()'s result. */
static int
load3(const char *sq, const char *en, const char *sr)
{
	struct i18n_src src[3] = {
		{ LANG_SQ, sq, strlen(sq) },
		{ LANG_EN, en, strlen(en) },
		{ LANG_SR, sr, strlen(sr) },
	};

	err[0] = '\0';
	return i18n_load(src, 3, err, sizeof(err));
}

/* Expects sq (with en and sr fine) to fail with a message containing want. */
static void
sq_fails(const char *sq, const char *want)
{
	i18n_clear();
	assert_int_equal(load3(sq, EN_OK, SR_OK), -1);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, want);
	assert_int_equal(i18n_count(), 0);
}

static int
teardown(void **state)
{
	i18n_clear();
	return 0;
}

/* ---- syntax ---- */

static void
unterminated_string(void **state)
{
	sq_fails("msgid \"a.b\nmsgstr \"x\"\n", "sq.po:1: unterminated string");
	sq_fails(SQ_OK "msgid \"q\"\nmsgstr \"x\\\"\n", "sq.po:7: unterminated");
	sq_fails("msgid \"a.b\"\nmsgstr \"x\"\n\"abc\\", "sq.po:3: unterminated");
	sq_fails("msgid \"", "sq.po:1: unterminated");
}

static void
unknown_escape(void **state)
{
	sq_fails("msgid \"a.b\"\nmsgstr \"x\\ry\"\n", "sq.po:2: unknown escape \\r");
	sq_fails("msgid \"a\\x41\"\nmsgstr \"x\"\n", "sq.po:1: unknown escape \\x");
	sq_fails("msgid \"a\\101\"\nmsgstr \"x\"\n", "unknown escape \\1");
	sq_fails("msgid \"a\\\xc3\xab\"\nmsgstr \"x\"\n", "unknown escape \\?");
}

static void
text_after_string(void **state)
{
	sq_fails("msgid \"a.b\" x\nmsgstr \"x\"\n", "sq.po:1: text after");
	sq_fails("msgid \"a.b\" \"c\"\nmsgstr \"x\"\n", "sq.po:1: text after");
}

static void
plural_rejected(void **state)
{
	sq_fails("msgid \"a.b\"\nmsgid_plural \"a.bs\"\nmsgstr[0] \"x\"\n",
	    "sq.po:2: plural forms are not supported");
	sq_fails("msgid \"a.b\"\nmsgstr[0] \"x\"\n",
	    "sq.po:2: plural forms are not supported");
}

static void
msgctxt_rejected(void **state)
{
	sq_fails("msgctxt \"menu\"\nmsgid \"a.b\"\nmsgstr \"x\"\n",
	    "sq.po:1: msgctxt is not supported");
}

static void
duplicate_msgid(void **state)
{
	sq_fails(SQ_OK "\nmsgid \"a.b\"\nmsgstr \"again\"\n",
	    "sq.po:7: duplicate msgid \"a.b\" (first at line 1)");
	/* The earliest second definition is named. */
	sq_fails(SQ_OK "\nmsgid \"c\"\nmsgstr \"1\"\n\nmsgid \"a.b\"\nmsgstr \"2\"\n",
	    "sq.po:7: duplicate msgid \"c\" (first at line 4)");
	/* Concatenation makes the same key. */
	sq_fails(SQ_OK "\nmsgid \"a\"\n\".b\"\nmsgstr \"x\"\n",
	    "sq.po:7: duplicate msgid \"a.b\"");
}

static void
invalid_utf8(void **state)
{
	/* Lone continuation byte, overlong, surrogate, past U+10FFFF,
	 * truncated at the end, invalid lead byte; also in a comment. */
	sq_fails(SQ_OK "msgid \"x\x80\"\nmsgstr \"y\"\n", "sq.po:6: invalid UTF-8");
	sq_fails("msgid \"\xc0\x80\"\nmsgstr \"y\"\n", "sq.po:1: invalid UTF-8");
	sq_fails("msgid \"\xe0\x80\x80\"\nmsgstr \"y\"\n", "sq.po:1: invalid UTF-8");
	sq_fails("msgid \"a\"\nmsgstr \"\xed\xa0\x80\"\n", "sq.po:2: invalid UTF-8");
	sq_fails("msgid \"a\"\nmsgstr \"\xf4\x90\x80\x80\"\n", "sq.po:2: invalid UTF-8");
	sq_fails("msgid \"a\"\nmsgstr \"b\"\n\xc3", "sq.po:3: invalid UTF-8");
	sq_fails("msgid \"a\"\nmsgstr \"\xff\"\n", "sq.po:2: invalid UTF-8");
	sq_fails("# \xfe comment\n", "sq.po:1: invalid UTF-8");
}

static void
control_character(void **state)
{
	sq_fails("msgid \"a\tb\"\nmsgstr \"x\"\n", "sq.po:1: control character");
	sq_fails("msgid \"ab\"\nmsgstr \"x\ry\"\n", "sq.po:2: control character");
	sq_fails("msgid \"ab\"\nmsgstr \"x\x7f\"\n", "sq.po:2: control character");
}

static void
nul_byte(void **state)
{
	static const char po[] = "msgid \"a\0b\"\nmsgstr \"x\"\n";
	struct i18n_src src[3] = {
		{ LANG_SQ, po, sizeof(po) - 1 },
		{ LANG_EN, EN_OK, strlen(EN_OK) },
		{ LANG_SR, SR_OK, strlen(SR_OK) },
	};

	assert_int_equal(i18n_load(src, 3, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "sq.po:1: control character"));
}

static void
msgid_without_msgstr(void **state)
{
	sq_fails("msgid \"a.b\"\nmsgid \"c\"\nmsgstr \"x\"\n",
	    "sq.po:1: msgid without msgstr");
	sq_fails(SQ_OK "\nmsgid \"d\"\n", "sq.po:7: msgid without msgstr");
	sq_fails("msgid \"a.b\"\n\nmsgstr \"x\"\n", "sq.po:1: msgid without msgstr");
	sq_fails("msgid \"a.b\"\n# note\nmsgstr \"x\"\n",
	    "sq.po:1: msgid without msgstr");
}

static void
msgstr_without_msgid(void **state)
{
	sq_fails("msgstr \"x\"\n", "sq.po:1: msgstr without msgid");
	sq_fails("msgid \"a\"\nmsgstr \"x\"\nmsgstr \"y\"\n",
	    "sq.po:3: msgstr without msgid");
}

static void
string_outside_entry(void **state)
{
	sq_fails("\"x\"\n", "sq.po:1: string outside an entry");
	sq_fails("msgid \"a\"\nmsgstr \"x\"\n\n\"more\"\n",
	    "sq.po:4: string outside an entry");
}

static void
syntax_errors(void **state)
{
	sq_fails("msgfoo \"a\"\n", "sq.po:1: syntax error");
	sq_fails("hello\n", "sq.po:1: syntax error");
	sq_fails("msgid\"a\"\nmsgstr \"x\"\n", "sq.po:1: expected a space");
	sq_fails("msgid\nmsgstr \"x\"\n", "sq.po:1: expected a space");
	sq_fails("msgid a\nmsgstr \"x\"\n", "sq.po:1: expected a quoted string");
	sq_fails("MSGID \"a\"\nmsgstr \"x\"\n", "sq.po:1: syntax error");
}

static void
empty_msgid_not_first(void **state)
{
	sq_fails(SQ_OK "\nmsgid \"\"\nmsgstr \"x\"\n", "sq.po:7: empty msgid");
}

/* ---- the rules against Albanian ---- */

static void
key_missing_in_en(void **state)
{
	assert_int_equal(load3(SQ_OK "\nmsgid \"only.sq\"\nmsgstr \"x\"\n",
	    EN_OK, SR_OK), -1);
	assert_string_equal(err, "en.po: missing key \"only.sq\" (sq.po:7)");
}

static void
key_missing_in_sr(void **state)
{
	assert_int_equal(load3(SQ_OK "\nmsgid \"only.sq\"\nmsgstr \"x\"\n",
	    EN_OK "\nmsgid \"only.sq\"\nmsgstr \"x\"\n", SR_OK), -1);
	assert_string_equal(err, "sr.po: missing key \"only.sq\" (sq.po:7)");
}

static void
first_missing_key_named(void **state)
{
	assert_int_equal(load3(
	    "msgid \"z\"\nmsgstr \"1\"\nmsgid \"a\"\nmsgstr \"2\"\n",
	    "msgid \"q\"\nmsgstr \"1\"\n", SR_OK), -1);
	/* Extra keys elsewhere are named before missing ones. */
	assert_string_equal(err, "en.po:1: key \"q\" is missing from sq.po");
	assert_int_equal(load3(
	    "msgid \"z\"\nmsgstr \"1\"\nmsgid \"a\"\nmsgstr \"2\"\n",
	    "", ""), -1);
	assert_string_equal(err, "en.po: missing key \"z\" (sq.po:1)");
}

static void
key_not_in_sq(void **state)
{
	assert_int_equal(load3(SQ_OK, EN_OK,
	    SR_OK "\nmsgid \"extra\"\nmsgstr \"x\"\n"), -1);
	assert_string_equal(err, "sr.po:7: key \"extra\" is missing from sq.po");
}

static void
empty_msgstr(void **state)
{
	assert_int_equal(load3(SQ_OK, EN_OK "\nmsgid \"x\"\nmsgstr \"\"\n",
	    SR_OK), -1);
	assert_non_null(strstr(err, "key \"x\" is missing from sq.po"));
	assert_int_equal(load3(SQ_OK,
	    "msgid \"a.b\"\nmsgstr \"\"\n\nmsgid \"c\"\nmsgstr \"C\"\n",
	    SR_OK), -1);
	assert_string_equal(err, "en.po:1: empty msgstr for \"a.b\"");
	assert_int_equal(load3(
	    "msgid \"a.b\"\nmsgstr \"x\"\n\nmsgid \"c\"\nmsgstr \"\"\n",
	    EN_OK, SR_OK), -1);
	assert_string_equal(err, "sq.po:4: empty msgstr for \"c\"");
}

static void
catalogue_missing(void **state)
{
	struct i18n_src src[2] = {
		{ LANG_SQ, SQ_OK, strlen(SQ_OK) },
		{ LANG_EN, EN_OK, strlen(EN_OK) },
	};

	assert_int_equal(i18n_load(src, 2, err, sizeof(err)), -1);
	assert_string_equal(err, "sr.po: catalogue missing");
	assert_int_equal(i18n_load(src, 0, err, sizeof(err)), -1);
	assert_string_equal(err, "sq.po: catalogue missing");
}

static void
catalogue_twice(void **state)
{
	struct i18n_src src[4] = {
		{ LANG_SQ, SQ_OK, strlen(SQ_OK) },
		{ LANG_EN, EN_OK, strlen(EN_OK) },
		{ LANG_SR, SR_OK, strlen(SR_OK) },
		{ LANG_EN, EN_OK, strlen(EN_OK) },
	};

	assert_int_equal(i18n_load(src, 4, err, sizeof(err)), -1);
	assert_string_equal(err, "en.po: given twice");
}

static void
catalogue_bad_lang(void **state)
{
	struct i18n_src src[1] = {
		{ (enum lang)7, SQ_OK, strlen(SQ_OK) },
	};

	assert_int_equal(i18n_load(src, 1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown language 7"));
	src[0].lang = LANG__MAX;
	assert_int_equal(i18n_load(src, 1, err, sizeof(err)), -1);
}

static void
failed_load_keeps_previous(void **state)
{
	assert_int_equal(load3(SQ_OK, EN_OK, SR_OK), 0);
	assert_int_equal(load3("msgid \"broken", EN_OK, SR_OK), -1);
	assert_int_equal(i18n_count(), 2);
	assert_string_equal(i18n_get(LANG_EN, "c"), "C");
}

static void
small_or_no_error_buffer(void **state)
{
	struct i18n_src src[1] = { { LANG_SQ, "x", 1 } };
	char small[8];

	memset(small, 'Z', sizeof(small));
	assert_int_equal(i18n_load(src, 1, small, sizeof(small)), -1);
	assert_int_equal(small[7], '\0');
	assert_string_equal(small, "sq.po:1");
	assert_int_equal(i18n_load(src, 1, NULL, 0), -1);
}

/* ---- what a good catalogue gives ---- */

static void
escapes_and_concatenation(void **state)
{
	assert_int_equal(load3(
	    "# Albanian\n"
	    "msgid \"\"\n"
	    "msgstr \"\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\n"
	    "#: templates/login.html:3\n"
	    "#, fuzzy\n"
	    "msgid \"a.b\"\n"
	    "msgstr \"\"\n"
	    "\"Hyr \\\"n\\u00eb\\\" \"\n"
	    "  \"\\\\ sistem\\n\\të\"\n"
	    "\n\n"
	    "msgid \"c\"\r\n"
	    "msgstr \"Çka\"   \r\n",
	    EN_OK, SR_OK), -1);
	/* \u is not one of ours. */
	assert_non_null(strstr(err, "sq.po:10: unknown escape \\u"));

	assert_int_equal(load3(
	    "# Albanian\n"
	    "msgid \"\"\n"
	    "msgstr \"\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\n"
	    "#: templates/login.html:3\n"
	    "#, fuzzy\n"
	    "msgid \"a.b\"\n"
	    "msgstr \"\"\n"
	    "\"Hyr \\\"n\\\" \"\n"
	    "  \"\\\\ sistem\\n\\të\"\n"
	    "\n\n"
	    "msgid \"c\"\r\n"
	    "msgstr \"Çka\"   \r\n",
	    EN_OK, SR_OK), 0);
	assert_int_equal(i18n_count(), 2);
	assert_string_equal(i18n_get(LANG_SQ, "a.b"), "Hyr \"n\" \\ sistem\n\të");
	assert_string_equal(i18n_get(LANG_SQ, "c"), "Çka");
	assert_false(i18n_has(""));
}

static void
lookups(void **state)
{
	assert_int_equal(load3(SQ_OK, EN_OK, SR_OK), 0);
	assert_string_equal(i18n_get(LANG_SQ, "a.b"), "AB-sq");
	assert_string_equal(i18n_get(LANG_EN, "a.b"), "AB");
	assert_string_equal(i18n_get(LANG_SR, "c"), "C-sr");
	assert_string_equal(i18n_get(LANG_EN, "nope"), "nope");
	assert_string_equal(i18n_get(LANG_EN, NULL), "");
	assert_string_equal(i18n_get(LANG__MAX, "c"), "C-sq");
	assert_true(i18n_has("a.b"));
	assert_false(i18n_has("a"));
	assert_false(i18n_has(NULL));
	assert_int_equal(i18n_count(), 2);
	assert_string_equal(i18n_key(0), "a.b");
	assert_string_equal(i18n_key(1), "c");
	assert_null(i18n_key(2));
	i18n_clear();
	assert_int_equal(i18n_count(), 0);
	assert_string_equal(i18n_get(LANG_EN, "a.b"), "a.b");
	assert_false(i18n_has("a.b"));
	i18n_clear();
}

static void
many_keys_sorted(void **state)
{
	char *po[3], *p;
	size_t i, l, cap = 200000;
	char key[32];

	for (l = 0; l < 3; l++) {
		assert_non_null(po[l] = malloc(cap));
		p = po[l];
		for (i = 0; i < 2000; i++)
			p += sprintf(p, "msgid \"k.%zu\"\nmsgstr \"%zu-%zu\"\n\n",
			    (i * 7919) % 2000, l, (i * 7919) % 2000);
	}
	assert_int_equal(load3(po[0], po[1], po[2]), 0);
	assert_int_equal(i18n_count(), 2000);
	for (i = 1; i < 2000; i++)
		assert_true(strcmp(i18n_key(i - 1), i18n_key(i)) < 0);
	for (i = 0; i < 2000; i++) {
		snprintf(key, sizeof(key), "k.%zu", i);
		for (l = 0; l < 3; l++) {
			char want[32];

			snprintf(want, sizeof(want), "%zu-%zu", l, i);
			assert_string_equal(i18n_get((enum lang)l, key), want);
		}
	}
	for (l = 0; l < 3; l++)
		free(po[l]);
}

static void
empty_files_load(void **state)
{
	/* No keys at all is consistent. */
	assert_int_equal(load3("", "# nothing\n", "\n"), 0);
	assert_int_equal(i18n_count(), 0);
}

static void
lang_codes(void **state)
{
	assert_string_equal(lang_code(LANG_SQ), "sq");
	assert_string_equal(lang_code(LANG_EN), "en");
	assert_string_equal(lang_code(LANG_SR), "sr");
	assert_string_equal(lang_code(LANG__MAX), "sq");
	assert_int_equal(lang_parse("sq"), LANG_SQ);
	assert_int_equal(lang_parse("en"), LANG_EN);
	assert_int_equal(lang_parse("SR"), LANG_SR);
	assert_int_equal(lang_parse("de"), -1);
	assert_int_equal(lang_parse("e"), -1);
	assert_int_equal(lang_parse("enn"), -1);
	assert_int_equal(lang_parse(""), -1);
	assert_int_equal(lang_parse(NULL), -1);
}

static void
accept_language(void **state)
{
	/* Defaults. */
	assert_int_equal(lang_from_accept(NULL), LANG_SQ);
	assert_int_equal(lang_from_accept(""), LANG_SQ);
	assert_int_equal(lang_from_accept("de, fr;q=0.9"), LANG_SQ);
	assert_int_equal(lang_from_accept("english"), LANG_SQ);
	assert_int_equal(lang_from_accept(",,, ;;"), LANG_SQ);
	assert_int_equal(lang_from_accept("sq;q=0"), LANG_SQ);
	/* Plain and regional tags. */
	assert_int_equal(lang_from_accept("en"), LANG_EN);
	assert_int_equal(lang_from_accept("en-GB,en;q=0.9"), LANG_EN);
	assert_int_equal(lang_from_accept("sr-Latn"), LANG_SR);
	assert_int_equal(lang_from_accept("sr-Latn-RS;q=0.8, de"), LANG_SR);
	assert_int_equal(lang_from_accept("sq-XK"), LANG_SQ);
	assert_int_equal(lang_from_accept("sq-AL, en"), LANG_SQ);
	assert_int_equal(lang_from_accept("EN-us"), LANG_EN);
	/* q-values. */
	assert_int_equal(lang_from_accept("fr, en;q=0.5"), LANG_EN);
	assert_int_equal(lang_from_accept("en;q=0.8, sr;q=0.9"), LANG_SR);
	assert_int_equal(lang_from_accept("en;q=0, sr"), LANG_SR);
	assert_int_equal(lang_from_accept("sq;q=0, en;q=0.1"), LANG_EN);
	assert_int_equal(lang_from_accept("en ; Q=0.7 , sr;q=0.701"), LANG_SR);
	assert_int_equal(lang_from_accept("en;q=1.000, sr;q=1"), LANG_EN);
	assert_int_equal(lang_from_accept("sr, en"), LANG_SR);
	assert_int_equal(lang_from_accept("en;level=1;q=0.4, sq;q=0.3"), LANG_EN);
	/* Malformed elements are skipped, the rest still counts. */
	assert_int_equal(lang_from_accept("en;q=2, sr;q=0.1"), LANG_SR);
	assert_int_equal(lang_from_accept("en;q=abc, sr;q=0.1"), LANG_SR);
	assert_int_equal(lang_from_accept("en;q=0.1234, sr;q=0.1"), LANG_SR);
	assert_int_equal(lang_from_accept("en;q=1.5"), LANG_SQ);
	assert_int_equal(lang_from_accept("en/us, sr;q=0.2"), LANG_SR);
	assert_int_equal(lang_from_accept("e*n, sr;q=0.2"), LANG_SR);
	/* The wildcard stands for what is not named. */
	assert_int_equal(lang_from_accept("*"), LANG_SQ);
	assert_int_equal(lang_from_accept("en;q=0.5, *;q=0.9"), LANG_SQ);
	assert_int_equal(lang_from_accept("sq;q=0, *"), LANG_EN);
	assert_int_equal(lang_from_accept("sq;q=0, en;q=0, *;q=0.5"), LANG_SR);
	assert_int_equal(lang_from_accept("*;q=0, en;q=0.1"), LANG_EN);
}

static void
accept_language_long(void **state)
{
	char *h, *p;
	size_t i, n = 10000;

	assert_non_null(h = malloc(n * 6 + 16));
	for (p = h, i = 0; i < n; i++, p += 6)
		memcpy(p, "de-DE,", 6);
	strcpy(p, "sr;q=0.001");
	assert_int_equal(lang_from_accept(h), LANG_SR);
	free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(unterminated_string, teardown),
		cmocka_unit_test_teardown(unknown_escape, teardown),
		cmocka_unit_test_teardown(text_after_string, teardown),
		cmocka_unit_test_teardown(plural_rejected, teardown),
		cmocka_unit_test_teardown(msgctxt_rejected, teardown),
		cmocka_unit_test_teardown(duplicate_msgid, teardown),
		cmocka_unit_test_teardown(invalid_utf8, teardown),
		cmocka_unit_test_teardown(control_character, teardown),
		cmocka_unit_test_teardown(nul_byte, teardown),
		cmocka_unit_test_teardown(msgid_without_msgstr, teardown),
		cmocka_unit_test_teardown(msgstr_without_msgid, teardown),
		cmocka_unit_test_teardown(string_outside_entry, teardown),
		cmocka_unit_test_teardown(syntax_errors, teardown),
		cmocka_unit_test_teardown(empty_msgid_not_first, teardown),
		cmocka_unit_test_teardown(key_missing_in_en, teardown),
		cmocka_unit_test_teardown(key_missing_in_sr, teardown),
		cmocka_unit_test_teardown(first_missing_key_named, teardown),
		cmocka_unit_test_teardown(key_not_in_sq, teardown),
		cmocka_unit_test_teardown(empty_msgstr, teardown),
		cmocka_unit_test_teardown(catalogue_missing, teardown),
		cmocka_unit_test_teardown(catalogue_twice, teardown),
		cmocka_unit_test_teardown(catalogue_bad_lang, teardown),
		cmocka_unit_test_teardown(failed_load_keeps_previous, teardown),
		cmocka_unit_test_teardown(small_or_no_error_buffer, teardown),
		cmocka_unit_test_teardown(escapes_and_concatenation, teardown),
		cmocka_unit_test_teardown(lookups, teardown),
		cmocka_unit_test_teardown(many_keys_sorted, teardown),
		cmocka_unit_test_teardown(empty_files_load, teardown),
		cmocka_unit_test(lang_codes),
		cmocka_unit_test(accept_language),
		cmocka_unit_test(accept_language_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
