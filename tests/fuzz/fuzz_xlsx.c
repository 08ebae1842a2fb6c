/*
 * fuzz_xlsx.c — libFuzzer harness for src/util/xlsx.c, the reader of the
 * first worksheet of an XLSX file (imports, issue 5): any bytes, as a zip
 * archive or not, must give a result without a crash or a leak, and every
 * row it hands out must keep the reader's promises: increasing row numbers,
 * at most CSV_MAX_FIELDS cells, the last cell not empty, no cell over
 * XLSX_CELL_MAX bytes; a formula cell starts with '='. A broken promise
 * aborts. Built by tests/fuzz/run-libfuzzer.sh; replayed over
 * tests/fuzz/corpus/xlsx/ by plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/xlsx.h"

#define FUZZ_CAP	(8u * 1024 * 1024)	/* bytes inflated */
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

struct seen {
	size_t	 last;
	size_t	 rows;
};

static int
row(void *arg, size_t line, char **f, size_t n)
{
	struct seen *s = arg;
	size_t i;

	CHECK(line > s->last);
	CHECK(n >= 1 && n <= CSV_MAX_FIELDS);
	CHECK(f[n - 1][0] != '\0');
	for (i = 0; i < n; i++)
		CHECK(strlen(f[i]) <= XLSX_CELL_MAX + 1);
	s->last = line;
	/* Stop now and then, as a caller refusing a file does. */
	return ++s->rows == 5000 ? 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s;
	struct xlsx_where w;
	enum xlsx_err e;

	memset(&s, 0, sizeof(s));
	e = xlsx_parse(data, size, FUZZ_CAP, row, &s, &w);
	CHECK(e >= XLSX_OK && e <= XLSX_STOPPED);
	CHECK(xlsx_strerror(e) != NULL);
	if (e == XLSX_STOPPED)
		CHECK(w.cb_rc == 1 && s.rows == 5000);
	return 0;
}
