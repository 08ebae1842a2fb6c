/*
 * fuzz_tmpl.c — libFuzzer harness for the template engine (tmpl/). The input
 * is split on NUL bytes into up to four templates, "main", "p1", "p2" and
 * "p3", so that partials can name each other; the set is loaded against a
 * small fixed catalogue and, when it loads, "main" is rendered (the others
 * through it) with a small fixed data tree into an arena capped at 64 KB, in
 * a language taken from the input's length. Besides crashes,
 * leaks and hangs it checks one property of escaping: when the input has no
 * '<' and no "raw", no '<' may reach the output, although the data and a
 * message hold some. Replayed by `make test` through tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/i18n/i18n.h"
#include "../../src/tmpl/tmpl.h"
#include "../../src/util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NTMPL	4

static const char po_sq[] =
    "msgid \"a\"\nmsgstr \"A <b>&amp;</b> 'sq'\"\n"
    "msgid \"login.title\"\nmsgstr \"Hyrja\"\n"
    "msgid \"x-y_z.1\"\nmsgstr \"xyz\"\n";
static const char po_en[] =
    "msgid \"a\"\nmsgstr \"A en\"\n"
    "msgid \"login.title\"\nmsgstr \"Sign in\"\n"
    "msgid \"x-y_z.1\"\nmsgstr \"xyz\"\n";
static const char po_sr[] =
    "msgid \"a\"\nmsgstr \"A sr\"\n"
    "msgid \"login.title\"\nmsgstr \"Prijava\"\n"
    "msgid \"x-y_z.1\"\nmsgstr \"xyz\"\n";

static struct arena	*data_arena, *out_arena;
static struct tval	*data;

/* The catalogue and the data, once; aborts when they cannot be made. */
static void
init(void)
{
	struct i18n_src src[3] = {
		{ LANG_SQ, po_sq, sizeof(po_sq) - 1 },
		{ LANG_EN, po_en, sizeof(po_en) - 1 },
		{ LANG_SR, po_sr, sizeof(po_sr) - 1 },
	};
	struct tval *rows, *row, *tags, *o;
	char err[256];
	int i, rc = 0;

	if (i18n_load(src, 3, err, sizeof(err)) == -1)
		abort();
	if ((data_arena = arena_new(1 << 20)) == NULL ||
	    (out_arena = arena_new(64 * 1024)) == NULL ||
	    (data = tv_obj(data_arena)) == NULL ||
	    (rows = tv_list(data_arena)) == NULL ||
	    (o = tv_obj(data_arena)) == NULL)
		abort();
	rc |= tv_set_str(data, "name", "<Ana & \"Besa\" 'x'>");
	rc |= tv_set_str(data, "empty", "");
	rc |= tv_set_int(data, "n", -7);
	rc |= tv_set_int(data, "zero", 0);
	rc |= tv_set_bool(data, "yes", 1);
	rc |= tv_set_bool(data, "no", 0);
	rc |= tv_set(data, "nil", tv_str(data_arena, NULL));
	rc |= tv_set_str(o, "name", "<o>");
	rc |= tv_set(o, "self", o);
	rc |= tv_set(data, "o", o);
	for (i = 0; i < 3; i++) {
		if ((row = tv_obj(data_arena)) == NULL ||
		    (tags = tv_list(data_arena)) == NULL)
			abort();
		if (i != 1)
			rc |= tv_set_int(row, "name", i);
		rc |= tv_push(tags, tv_str(data_arena, "<t>"));
		rc |= tv_push(tags, tv_int(data_arena, i));
		rc |= tv_push(tags, row);
		rc |= tv_set(row, "tags", tags);
		rc |= tv_push(rows, row);
	}
	rc |= tv_set(data, "rows", rows);
	rc |= tv_set(data, "list", rows);
	if (rc != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t len)
{
	static const char *const names[NTMPL] = { "main", "p1", "p2", "p3" };
	struct tmpl_src src[NTMPL];
	struct tmpl_set *set;
	const char *p, *end, *nul;
	struct buf b;
	char err[256];
	size_t n;
	int check;

	if (data == NULL)
		init();
	if (in == NULL)
		len = 0;
	p = len > 0 ? (const char *)in : "";
	end = p + len;
	for (n = 0; n < NTMPL; n++) {
		nul = n + 1 < NTMPL ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		src[n].name = names[n];
		src[n].text = p;
		src[n].len = (size_t)((nul != NULL ? nul : end) - p);
		if (nul == NULL) {
			n++;
			break;
		}
		p = nul + 1;
	}
	check = len == 0 || (memchr(in, '<', len) == NULL &&
	    memmem(in, len, "raw", 3) == NULL);

	if ((set = tmpl_load(src, n, err, sizeof(err))) == NULL)
		return 0;
	arena_reset(out_arena);
	buf_init(&b, out_arena);
	if (tmpl_render(set, "main", data, (enum lang)(len % LANG__MAX),
	    &b) == 0 && check && b.len > 0 && memchr(b.p, '<', b.len) != NULL)
		abort();
	tmpl_free(set);
	return 0;
}
