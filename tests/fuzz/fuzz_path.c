/*
 * fuzz_path.c — libFuzzer harness for path_match() (src/http/parse.c). The
 * input, NUL-terminated, is a request path matched against route patterns of
 * the shapes the route table uses; when it holds a newline, the part before
 * it is also tried as a pattern against the part after (patterns come from
 * our code, but a bad one must not crash either). Every match is checked:
 * parameter count and values as parse.h promises, and no traversal, empty
 * segment or escape in the path; a broken promise aborts. Built by
 * tests/fuzz/run-libfuzzer.sh; replayed over tests/fuzz/corpus/path/ by plain
 * builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/arena.h"
#include "../../src/http/parse.h"

#define FUZZ_ARENA_CAP	(16 * 1024)
#define NPARAMS		4
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

static const char *const patterns[] = {
	"/",
	"/login",
	"/users/{id}/edit",
	"/api/v1/tokens/{id}",
	"/cases/{case}/notes/{note}",
	"/{a}/{b}/{c}",
	"/assets/{file}",
	"/{a}",
};

/* Matches path against pattern and checks a match. */
static void
one(struct arena *a, const char *pattern, const char *path)
{
	const char *p[NPARAMS];
	size_t i, j, n;
	int rc;

	rc = path_match(a, pattern, path, p, NPARAMS);
	if (rc == -1)
		return;
	CHECK(rc >= 0 && rc <= NPARAMS);
	CHECK(path[0] == '/');
	CHECK(strlen(path) <= 2048);
	CHECK(strstr(path, "//") == NULL);
	CHECK(strstr(path, "/../") == NULL && strstr(path, "/./") == NULL);
	CHECK(strchr(path, '%') == NULL && strchr(path, '\\') == NULL);
	n = strlen(path);
	CHECK(n < 3 || strcmp(path + n - 3, "/..") != 0);
	CHECK(n < 2 || strcmp(path + n - 2, "/.") != 0);
	for (i = 0; i < (size_t)rc; i++) {
		n = strlen(p[i]);
		CHECK(n >= 1 && n <= 64);
		CHECK(strcmp(p[i], ".") != 0 && strcmp(p[i], "..") != 0);
		for (j = 0; j < n; j++)
			CHECK(strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
			    p[i][j]) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	char *s, *nl;
	size_t i;

	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		one(a, patterns[i], s);
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		one(a, s, nl + 1);
	}
	arena_reset(a);
	free(s);
	return 0;
}
