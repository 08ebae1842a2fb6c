/*
 * fuzz_multipart.c — libFuzzer harness for multipart_parse()
 * (src/http/multipart.c). The input's first line is the Content-Type
 * header, the rest the body; both are parsed under a small arena cap so the
 * out-of-memory path is taken too. Every accepted result is checked
 * against the contract in multipart.h, and a broken promise aborts. Built
 * by tests/fuzz/run-libfuzzer.sh; replayed over tests/fuzz/corpus/multipart/
 * by plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/http/multipart.h"
#include "../../src/util/arena.h"
#include "../../src/util/utf8.h"

#define FUZZ_ARENA_CAP	(64 * 1024)
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static void
one(struct arena *a, const char *ct, const char *body, size_t len,
    size_t max)
{
	struct kvlist l;
	struct mp_file f;
	enum mp_rc rc;
	size_t i, klen;

	rc = multipart_parse(a, ct, body, len, max, &l, &f);
	CHECK(multipart_msg(rc) != NULL);
	if (rc != MP_OK) {
		CHECK(l.v == NULL && l.n == 0);
		CHECK(f.name == NULL && f.data == NULL && f.len == 0);
		return;
	}
	CHECK(l.n <= max);
	for (i = 0; i < l.n; i++) {
		klen = strlen(l.v[i].key);
		CHECK(klen >= 1 && klen <= 64);
		CHECK(utf8_valid(l.v[i].key, klen));
		CHECK(strpbrk(l.v[i].key, "\t\n\r") == NULL);
		CHECK(strlen(l.v[i].val) == l.v[i].vlen);
		CHECK(l.v[i].vlen <= MP_VALUE_MAX);
		CHECK(utf8_valid(l.v[i].val, l.v[i].vlen));
	}
	if (f.name != NULL) {
		CHECK(strcmp(f.name, "file") == 0);
		CHECK(f.filename != NULL && strlen(f.filename) <= MP_FILENAME_MAX);
		CHECK(strchr(f.filename, '/') == NULL);
		CHECK(strchr(f.filename, '\\') == NULL);
		CHECK(f.data >= body && f.data + f.len <= body + len);
	} else
		CHECK(f.data == NULL && f.len == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	const char *s = (const char *)data, *nl;
	char *ct, *body;
	size_t clen, blen;

	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	nl = memchr(s, '\n', size);
	clen = nl != NULL ? (size_t)(nl - s) : size;
	if ((ct = malloc(clen + 1)) == NULL)
		abort();
	memcpy(ct, s, clen);
	ct[clen] = '\0';
	blen = nl != NULL ? size - clen - 1 : 0;
	/* A copy of exactly the body, so reads past it are caught. */
	if ((body = malloc(blen ? blen : 1)) == NULL)
		abort();
	if (blen)
		memcpy(body, nl + 1, blen);
	one(a, ct, body, blen, 64);
	arena_reset(a);
	one(a, ct, body, blen, 2);
	arena_reset(a);
	free(body);
	free(ct);
	return 0;
}
