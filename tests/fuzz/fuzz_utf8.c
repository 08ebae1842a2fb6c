/*
 * fuzz_utf8.c — libFuzzer harness for src/util/utf8.c and the string
 * escaping of src/json/jw.c. utf8_valid(), written by hand for speed, is
 * checked against a decoder built on utf8proc_iterate(); NFC and squashing
 * must give valid text back; and any input written with jw_strn() must read
 * back through jansson, byte for byte when it was well-formed UTF-8. A
 * disagreement aborts. Built by tests/fuzz/run-libfuzzer.sh; replayed over
 * tests/fuzz/corpus/utf8/ by plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "../../src/util/arena.h"
#include "../../src/util/utf8.h"
#include "../../src/json/jw.h"

#define FUZZ_ARENA_CAP	(1024 * 1024)
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

/*
 * Whether s[0..len) is well-formed UTF-8 by utf8proc, and (in *text)
 * whether it is also free of the controls utf8_valid() refuses.
 */
static int
reference(const uint8_t *s, size_t len, int *text)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0;

	*text = 1;
	while (i < len) {
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			*text = 0;
			return 0;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (cp >= 0x7f && cp <= 0x9f))
			*text = 0;
		i += (size_t)k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	const char *s = (const char *)data;
	char *nfc, *sq, *z;
	struct buf b;
	struct jw w;
	json_t *j;
	size_t n;
	int wellformed, text, valid;

	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	wellformed = reference(data, size, &text);
	valid = utf8_valid(s, size);
	CHECK(valid == text);

	if (valid) {
		CHECK(utf8_chars(s, size) <= size);
		nfc = utf8_nfc(a, s, size);
		CHECK(nfc != NULL || arena_failed(a));
		if (nfc != NULL)
			CHECK(utf8_valid(nfc, strlen(nfc)));
		if ((z = arena_strndup(a, s, size)) != NULL &&
		    (sq = utf8_squash(a, z)) != NULL) {
			n = strlen(sq);
			CHECK(n <= size && utf8_valid(sq, n));
			CHECK(n == 0 || (sq[0] != ' ' && sq[n - 1] != ' '));
			CHECK(strstr(sq, "  ") == NULL);
			CHECK(strpbrk(sq, "\t\n\r") == NULL);
		}
	} else
		CHECK(utf8_nfc(a, s, size) == NULL);

	buf_init(&b, a);
	jw_init(&w, &b);
	jw_strn(&w, s, size);
	if (jw_done(&w) == 0) {
		j = json_loads(b.p, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		CHECK(j != NULL && json_is_string(j));
		CHECK(strpbrk(b.p, "<>&") == NULL);
		if (wellformed)
			CHECK(json_string_length(j) == size &&
			    memcmp(json_string_value(j), s, size) == 0);
		json_decref(j);
	} else
		CHECK(b.oom);
	arena_reset(a);
	return 0;
}
