/*
 * fuzz_cookie.c — libFuzzer harness for cookie_get() (src/http/parse.c). The
 * input, NUL-terminated, is a Cookie header looked up under the names the
 * server uses and a few others; whatever comes back must be a cookie value
 * as parse.h describes it (at most 256 cookie-octets), else it aborts.
 * Built by tests/fuzz/run-libfuzzer.sh; replayed over
 * tests/fuzz/corpus/cookie/ by plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/arena.h"
#include "../../src/http/parse.h"

#define FUZZ_ARENA_CAP	(64 * 1024)
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static const char *const names[] = {
	"sid", "csrf", "__Host-sid", "a", "lang", "x-y.z"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	const unsigned char *v;
	char *h;
	size_t i, j, n;

	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	if ((h = malloc(size + 1)) == NULL)
		abort();
	memcpy(h, data, size);
	h[size] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((v = (unsigned char *)cookie_get(a, h, names[i])) == NULL)
			continue;
		n = strlen((const char *)v);
		CHECK(n <= 256);
		CHECK(strstr(h, names[i]) != NULL);
		for (j = 0; j < n; j++)
			CHECK(v[j] > 0x20 && v[j] < 0x7f && v[j] != '"' &&
			    v[j] != ',' && v[j] != ';' && v[j] != '\\');
	}
	arena_reset(a);
	free(h);
	return 0;
}
