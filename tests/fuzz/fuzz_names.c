/*
 * fuzz_names.c — libFuzzer harness for src/util/names.c. The input, as a
 * string, is folded: the key must be NULL when the text is invalid or too
 * long (and otherwise only when the key would be), else lowercase ASCII
 * words without q, w, y, doubled letters or the pairs folding rewrites, a
 * fixed point of folding, the same for the NFC form of the input, and the
 * same as names_tokens() joined. The input is then read as two records, one a line, of fields
 * given|family|parent|dd.mm.yyyy|sex|pn|age|dd.mm.yyyy (age at): the
 * similarities and the match score must be symmetric and in range, and the
 * reasons well-formed. A violation aborts. Built by
 * tests/fuzz/run-libfuzzer.sh; replayed over tests/fuzz/corpus/names/ by
 * plain builds with tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/util/arena.h"
#include "../../src/util/names.h"
#include "../../src/util/utf8.h"

#define FUZZ_ARENA_CAP	(4 * 1024 * 1024)
#define FUZZ_MAX_INPUT	4096
#define CHECK(x)	do { if (!(x)) abort(); } while (0)

/* The pairs folding rewrites: none may be left in a key. */
static const char *const folded_pairs[] = {
	"gj", "dj", "dz", "xh", "sh", "zh", "ch", "th", "dh",
};

static void
check_key(const char *k)
{
	size_t i, j, n = strlen(k);

	CHECK(n == 0 || (k[0] != ' ' && k[n - 1] != ' '));
	for (i = 0; i < n; i++) {
		if (k[i] == ' ') {
			CHECK(k[i - 1] != ' ');
			continue;
		}
		CHECK(k[i] >= 'a' && k[i] <= 'z');
		CHECK(k[i] != 'q' && k[i] != 'w' && k[i] != 'y');
		CHECK(i == 0 || k[i] != k[i - 1]);
		for (j = 0; i > 0 && j < sizeof(folded_pairs) /
		    sizeof(folded_pairs[0]); j++)
			CHECK(k[i - 1] != folded_pairs[j][0] ||
			    k[i] != folded_pairs[j][1]);
	}
}

static void
check_fold(struct arena *a, const char *s)
{
	struct name_tokens t;
	size_t len = strlen(s), i, words = 0;
	char *k, *k2, *nfc;
	struct buf b;
	int ok;

	ok = len <= NAMES_MAX_BYTES && utf8_valid(s, len);
	k = names_fold(a, s);
	CHECK(k == NULL || ok);
	CHECK((names_tokens(a, s, &t) == 0) == (k != NULL));
	if (k == NULL) {
		/* Only a key over the limit may refuse valid text. */
		CHECK(!ok || len > NAMES_MAX_BYTES / 2);
		CHECK(t.n == 0);
		return;
	}
	check_key(k);
	CHECK(strlen(k) <= NAMES_MAX_BYTES);
	CHECK((k2 = names_fold(a, k)) != NULL && strcmp(k, k2) == 0);

	/* Tokens are the key's words. */
	for (i = 0; k[i] != '\0'; i++)
		words += (i == 0 || k[i - 1] == ' ') && k[i] != ' ';
	CHECK(t.n == (words < NAMES_MAX_TOKENS ? words : NAMES_MAX_TOKENS));
	CHECK(t.truncated == (words > NAMES_MAX_TOKENS));
	if (!t.truncated) {
		buf_init(&b, a);
		for (i = 0; i < t.n; i++) {
			if (i > 0)
				buf_putc(&b, ' ');
			buf_puts(&b, t.tok[i]);
		}
		CHECK(!b.oom && strcmp(b.len ? b.p : "", k) == 0);
	}

	/* Canonically equivalent text folds the same. */
	if ((nfc = utf8_nfc(a, s, len)) != NULL && strlen(nfc) <= NAMES_MAX_BYTES)
		CHECK((k2 = names_fold(a, nfc)) != NULL && strcmp(k, k2) == 0);
}

/* Splits line at '|' into up to n fields (NULL past the last). */
static void
split(char *line, char **f, size_t n)
{
	size_t i;
	char *p;

	for (i = 0; i < n; i++) {
		f[i] = line;
		if (line != NULL && (p = strchr(line, '|')) != NULL) {
			*p = '\0';
			line = p + 1;
		} else
			line = NULL;
	}
}

static void
record(struct name_query *q, char *line)
{
	char *f[8];

	memset(q, 0, sizeof(*q));
	split(line, f, 8);
	q->given = f[0];
	q->family = f[1];
	q->parent = f[2];
	if (f[3] != NULL)
		sscanf(f[3], "%d.%d.%d", &q->dob.d, &q->dob.m, &q->dob.y);
	if (f[4] != NULL)
		q->sex = f[4][0] == 'M' ? NAMES_SEX_MALE :
		    f[4][0] == 'F' ? NAMES_SEX_FEMALE : NAMES_SEX_UNKNOWN;
	q->pn = f[5];
	if (f[6] != NULL)
		q->age = atoi(f[6]);
	if (f[7] != NULL)
		sscanf(f[7], "%d.%d.%d", &q->age_at.d, &q->age_at.m,
		    &q->age_at.y);
}

static void
check_result(const struct match_result *r)
{
	size_t i;

	CHECK(r->score >= 0 && r->score <= 100);
	CHECK(r->nreasons <= NAMES_MAX_REASONS);
	for (i = 0; i < r->nreasons; i++) {
		CHECK(names_reason_str(r->reasons[i].code) != NULL);
		CHECK(r->reasons[i].field < NAMES_FIELD__MAX);
	}
}

static void
check_pair(struct arena *a, char *la, char *lb)
{
	struct name_candidate ca = { .child_id = 1 }, cb = { .child_id = 2 };
	struct match_result r1, r2;
	struct name_tokens ta, tb;
	struct name_date d;
	enum names_sex sex;
	char *fa, *fb;
	double s1, s2;

	/* Similarities of the two lines, whole. */
	fa = names_fold(a, la);
	fb = names_fold(a, lb);
	if (fa != NULL && fb != NULL) {
		s1 = names_similarity(fa, fb);
		s2 = names_similarity(fb, fa);
		CHECK(s1 == s2 && s1 >= 0.0 && s1 <= 1.0);
		CHECK(*fa == '\0' || names_similarity(fa, fa) == 1.0);
	}
	if (names_tokens(a, la, &ta) == 0 && names_tokens(a, lb, &tb) == 0) {
		s1 = names_tokens_similarity(&ta, &tb);
		s2 = names_tokens_similarity(&tb, &ta);
		CHECK(s1 == s2 && s1 >= 0.0 && s1 <= 1.0);
	}

	/* The records, both ways. */
	record(&ca.person, la);
	record(&cb.person, lb);
	CHECK(names_match_score(&ca.person, &cb, &r1) == r1.score);
	CHECK(names_match_score(&cb.person, &ca, &r2) == r2.score);
	check_result(&r1);
	check_result(&r2);
	CHECK(r1.score == r2.score);
	CHECK(r1.child_id == 2 && r2.child_id == 1);

	if (ca.person.pn != NULL) {
		(void)names_pn_valid(NAMES_XK, ca.person.pn);
		CHECK(names_pn_valid(NAMES_AL, ca.person.pn) ==
		    (names_pn_al_decode(ca.person.pn, &d, &sex) == 0));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena *a;
	char *s, *la, *lb, *nl;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (a == NULL && (a = arena_new(FUZZ_ARENA_CAP)) == NULL)
		abort();
	if ((s = arena_strndup(a, (const char *)data, size)) == NULL)
		abort();
	check_fold(a, s);

	/* Two records: the first line and the rest. */
	if ((la = arena_strdup(a, s)) == NULL)
		abort();
	lb = "";
	if ((nl = strchr(la, '\n')) != NULL) {
		*nl = '\0';
		lb = nl + 1;
	}
	check_pair(a, la, lb);
	arena_reset(a);
	return 0;
}
