/*
 * fuzz_form.c — libFuzzer harness for form_parse() (src/http/parse.c). The
 * input is parsed whole as a request body, then, like a URL, the part after
 * its first '?' as a query string; both under a small arena cap so the
 * out-of-memory path is taken too. Every accepted result is checked against
 * the contract in parse.h, and a broken promise aborts. Built by
 * tests/fuzz/run-libfuzzer.sh; replayed over tests/fuzz/corpus/form/ by
 * plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/arena.h"
#include "../../src/util/utf8.h"
#include "../../src/http/parse.h"

#define FUZZ_ARENA_CAP	(48 * 1024)
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

/* Parses s[0..len) and checks what form_parse() promised. */
static void
one(struct arena *a, const char *s, size_t len, size_t max)
{
	struct kvlist l;
	enum parse_rc rc;
	size_t i, klen;

	rc = form_parse(a, s, len, max, &l);
	if (rc != PARSE_OK) {
		CHECK(rc == PARSE_BAD || rc == PARSE_TOOMANY ||
		    rc == PARSE_TOOLONG || rc == PARSE_OOM);
		CHECK(l.v == NULL && l.n == 0);
		return;
	}
	CHECK(l.n <= max);
	CHECK(len == 0 || l.n >= 1);
	for (i = 0; i < l.n; i++) {
		klen = strlen(l.v[i].key);
		CHECK(klen >= 1 && klen <= 64);
		CHECK(utf8_valid(l.v[i].key, klen));
		CHECK(strpbrk(l.v[i].key, "\t\n\r") == NULL);
		CHECK(strlen(l.v[i].val) == l.v[i].vlen);
		CHECK(utf8_valid(l.v[i].val, l.v[i].vlen));
		CHECK(kv_get(&l, l.v[i].key) != NULL);
		CHECK(kv_count(&l, l.v[i].key) >= 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	const char *s = (const char *)data, *q;

	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	one(a, s, size, 64);
	arena_reset(a);
	one(a, s, size, 100000);
	arena_reset(a);
	if ((q = memchr(s, '?', size)) != NULL) {
		one(a, q + 1, size - (size_t)(q + 1 - s), 32);
		arena_reset(a);
	}
	return 0;
}
