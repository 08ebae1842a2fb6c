/*
 * export_bench.c — the XLSX export benchmark of bench/export.sh: a report
 * table of N rows (text, count, money, share, date, count) exported through
 * doc/export.c (export_xlsx, and export_csv), beside the ceiling: the same
 * cells written straight with libxlsxwriter in constant-memory mode, in
 * the same run. Prints "name rows seconds bytes" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "../src/doc/export.h"
#include "../src/util/arena.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const enum rt_kind kinds[] = { RT_TEXT, RT_INT, RT_CENTS, RT_PERMILLE,
	RT_DATE, RT_INT };
static const char *names[] = { "Komuna", "Raste", "Shuma (€)", "%", "Data",
	"Punonjës" };

int
main(int argc, char *argv[])
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000, i;
	struct arena *a = arena_new((size_t)2 << 30);
	struct rt_table t;
	struct buf b;
	char err[256], path[64], **labels;
	double t0, t1;
	lxw_workbook_options o;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *money, *pct;
	FILE *f;
	long sz;

	if (a == NULL)
		return 1;
	memset(&t, 0, sizeof(t));
	t.title = "Bench";
	t.definition = "";
	t.note = "";
	t.ncols = 6;
	t.nrows = n;
	t.colnames = names;
	t.colkinds = kinds;
	t.cells = arena_zalloc(a, n * 6 * sizeof(*t.cells));
	labels = arena_zalloc(a, n * sizeof(*labels));
	if (t.cells == NULL || labels == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		labels[i] = arena_printf(a, "Komuna %zu", i % 999);
		rt_at(&t, i, 0)->text = labels[i];
		rt_at(&t, i, 1)->v = (int64_t)(i % 5000);
		rt_at(&t, i, 2)->v = (int64_t)(i * 137 % 10000000);
		rt_at(&t, i, 3)->v = (int64_t)(i % 1001);
		rt_at(&t, i, 4)->text = "2026-11-25";
		rt_at(&t, i, 5)->v = (int64_t)(i % 7);
		rt_at(&t, i, 5)->suppressed = i % 7 > 0 && i % 7 < 5;
	}

	buf_init(&b, a);
	t0 = now();
	if (export_xlsx(&t, NULL, &b, err, sizeof(err)) != EXPORT_OK) {
		fprintf(stderr, "export_xlsx: %s\n", err);
		return 1;
	}
	t1 = now();
	printf("export_xlsx %zu %.3f %zu\n", n, t1 - t0, b.len);

	buf_init(&b, a);
	t0 = now();
	if (export_csv(&t, &b) != EXPORT_OK)
		return 1;
	t1 = now();
	printf("export_csv %zu %.3f %zu\n", n, t1 - t0, b.len);

	/* The ceiling: the same cells, libxlsxwriter alone. */
	snprintf(path, sizeof(path), "/tmp/rrjeti-bench-%ld.xlsx", (long)getpid());
	memset(&o, 0, sizeof(o));
	o.constant_memory = LXW_TRUE;
	t0 = now();
	if ((wb = workbook_new_opt(path, &o)) == NULL)
		return 1;
	ws = workbook_add_worksheet(wb, "Rrjeti");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	for (i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 4);

		worksheet_write_string(ws, r, 0, labels[i], NULL);
		worksheet_write_number(ws, r, 1, (double)(i % 5000), NULL);
		worksheet_write_number(ws, r, 2, (double)(i * 137 % 10000000) /
		    100.0, money);
		worksheet_write_number(ws, r, 3, (double)(i % 1001) / 1000.0, pct);
		worksheet_write_string(ws, r, 4, "2026-11-25", NULL);
		if (i % 7 > 0 && i % 7 < 5)
			worksheet_write_string(ws, r, 5, "<5", NULL);
		else
			worksheet_write_number(ws, r, 5, (double)(i % 7), NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return 1;
	t1 = now();
	sz = 0;
	if ((f = fopen(path, "rb")) != NULL) {
		fseek(f, 0, SEEK_END);
		sz = ftell(f);
		fclose(f);
	}
	unlink(path);
	printf("libxlsxwriter %zu %.3f %ld\n", n, t1 - t0, sz);
	arena_free(a);
	return 0;
}
