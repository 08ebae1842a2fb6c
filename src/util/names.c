/*
 * names.c — folding, similarity and duplicate scoring of children's names
 * (util layer; see names.h for the contracts). No allocation but the
 * caller's arena, no globals but constant tables, so it is thread-safe.
 *
 * Folding is a pipeline of three table-driven stages over one pass:
 *
 *  1. Unicode (utf8proc, per code point): compatibility decomposition, case
 *     folding, default-ignorables dropped (NFKD_Casefold). Precomposed
 *     letters come apart into base + combining marks, ligatures and
 *     full-width forms into plain letters, ß into ss, Ǆ into dž.
 *  2. Letters to ASCII (tables cyrillic[], latin_extra[] below): ASCII
 *     letters pass; combining marks are dropped, which is where ë→e, ç→c,
 *     č/ć→c, š→s, ž→z happen; Serbian Cyrillic is transliterated to the
 *     ASCII form of Serbian Latin (Ђ→dj, Ћ→c, Ч→c, Џ→dz, Љ→lj, Њ→nj, Ш→s,
 *     Ж→z; Macedonian Ѓ→dj, Ќ→c, Ѕ→dz); letters without a decomposition
 *     are mapped (đ→dj, ı→i, ł→l, ø→o, æ→ae, ð→dh, þ→th). Apostrophes,
 *     modifier letters and stray accents join (O'Neil→oneil); any other
 *     character, and letters of other scripts, separate words. Parentheses
 *     separate too and mark the words inside them.
 *  3. Orthographies to one spelling (letter_map[], pair_map[]): each letter
 *     is appended to the output and the tail is rewritten while it ends in
 *     a pair of the table or a doubled letter:
 *
 *        gj dj → d     Albanian gj = Serbian đ, and "dj", its ASCII form;
 *                      stripped đ is d, so Dordevic must meet Gjorgjeviq
 *        dz xh → x     Serbian dž stripped is dz = Albanian x; Albanian xh
 *                      = dž (Hoxha, Hodža, Hodza)
 *        sh → s  zh → z  ch → c   Albanian sh/zh = Serbian š/ž, whose
 *                      stripped forms are s/z; ch is English for č
 *        th → t  dh → d   Serbian has no θ or ð and writes Albanian th,
 *                      dh as t, d (Thaçi, Tači; Dhurata, Durata)
 *        q → c         Albanian q = Serbian ć, stripped c; Albanian ç (and
 *                      Serbian č) stripped is c too. Kosovo speech merges
 *                      ç and q (Bytyçi/Bytyqi, Thaçi/Thaqi), so the whole
 *                      class c ç č ć q ch folds to c
 *        y → i  w → v  Albanian y is written i in Serbian records (Syla,
 *                      Sila); w is v in both orthographies
 *        xx → x        every doubled letter is single: ll and rr are
 *                      distinct phonemes in Albanian but hurried records
 *                      write them single (Lleshi/Leshi, Rrahmani/Rahmani),
 *                      and Serbian never doubles
 *
 *     The collapses are chosen so that the ASCII a hurried writer produces
 *     from either orthography (diacritics stripped, or the usual stand-ins
 *     dj, dz, sh, zh, ch) lands on the same key; each costs some precision
 *     (Shala = Sala, Qani = Cani, Gjoni = Doni), which the scorer buys back
 *     with NAME_EXACT for identical spellings, the parent's name and the
 *     birth date. Every replacement is one letter and the tail is rewritten
 *     until no pair or double is left, so the output never contains one and
 *     folding a key again changes nothing (idempotence by construction; the
 *     fuzz harness checks it). What is not folded: h and j dropped or added
 *     (Hasani/Asani, Marija/Maria), vowel changes (Aleksandar/Aleksandër),
 *     final devoicing (Mehmed/Mehmet): those are left to the similarity,
 *     where they are cheap edits.
 *
 * Similarity is a weighted Damerau-Levenshtein distance (optimal string
 * alignment) over folded words, in quarter units: dropping or adding h or j
 * costs 2, a vowel 3, a consonant 4; a↔e, i↔j and a voiced/voiceless pair
 * (b/p d/t g/k v/f z/s x/c) 2, other vowel pairs 3, other letters 4;
 * swapping two neighbours 3. Chosen over Jaro-Winkler because JW rewards a
 * shared prefix, and the names that must not merge are exactly those that
 * share one: twins and siblings (Drilon/Driton, Arben/Arbër) differ in one
 * consonant near the end, while the variations of the same name cost the
 * cheap edits above. The distance is symmetric and in integers, so is the
 * score built on it.
 *
 * Matching pairs the words of two records (given, family, parent) one to
 * one, best pairs first, in both directions (the better result counts, so
 * the score is symmetric), and lets a pair cross fields: surname-first and
 * swapped records, and a parent's name written in the middle of the full
 * name, still meet. Points are kept in thousandths, in integers. Names
 * earn up to 60 (exact 1, folded 0.95, similar at most 0.9 per word), the
 * parent 10, the birth date 25 (equal), 20 (a day off, one digit mistyped,
 * day and month swapped), 10 (same year, or year and month, when one side
 * knows no more) or 8 (an estimated age within a year), the sex 5; see
 * names_match_score() in names.h for the penalties.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "arena.h"
#include "names.h"
#include "utf8.h"

/* Stage 3: the letter substitutions and the pair rewrites (see above). */
static const char letter_map[26] = {
	'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	'n', 'o', 'p', 'c' /* q */, 'r', 's', 't', 'u', 'v', 'v' /* w */,
	'x', 'i' /* y */, 'z'
};

#define L(c)	((c) - 'a')
static const char pair_map[26][26] = {
	[L('c')] = { [L('h')] = 'c' },
	[L('d')] = { [L('h')] = 'd', [L('j')] = 'd', [L('z')] = 'x' },
	[L('g')] = { [L('j')] = 'd' },
	[L('s')] = { [L('h')] = 's' },
	[L('t')] = { [L('h')] = 't' },
	[L('x')] = { [L('h')] = 'x' },
	[L('z')] = { [L('h')] = 'z' },
};

/* Stage 2: Cyrillic U+0430..U+045F (lowercase after stage 1) to ASCII.
 * "" joins (hard and soft signs). г, к and и are held back: followed by a
 * combining acute / breve they are ѓ, ќ, й (see put_cp()). */
#define CYR_FIRST	0x430
static const char *const cyrillic[0x460 - CYR_FIRST] = {
	"a", "b", "v", "g", "d", "e", "z", "z",		/* а б в г д е ж з */
	"i", "j", "k", "l", "m", "n", "o", "p",		/* и й к л м н о п */
	"r", "s", "t", "u", "f", "h", "c", "c",		/* р с т у ф х ц ч */
	"s", "sc", "", "i", "", "e", "ju", "ja",	/* ш щ ъ ы ь э ю я */
	"e", "e", "dj", "dj", "je", "dz", "i", "ji",	/* ѐ ё ђ ѓ є ѕ і ї */
	"j", "lj", "nj", "c", "c", "i", "u", "dz",	/* ј љ њ ћ ќ ѝ ў џ */
};

/* Lowercase letters with no decomposition (Latin, and Ukrainian ґ). */
static const struct {
	uint32_t	 cp;
	const char	*to;
} latin_extra[] = {
	{ 0x00e6, "ae" },	/* æ */
	{ 0x00f0, "dh" },	/* ð, Albanian dh */
	{ 0x00f8, "o" },	/* ø */
	{ 0x00fe, "th" },	/* þ, Albanian th */
	{ 0x0111, "dj" },	/* đ */
	{ 0x0127, "h" },	/* ħ */
	{ 0x0131, "i" },	/* ı (Turkish dotless i) */
	{ 0x0142, "l" },	/* ł */
	{ 0x014b, "n" },	/* ŋ */
	{ 0x0153, "oe" },	/* œ */
	{ 0x0167, "t" },	/* ŧ */
	{ 0x01b6, "z" },	/* ƶ */
	{ 0x0237, "j" },	/* ȷ */
	{ 0x0491, "g" },	/* ґ */
};

/* Apostrophe-like characters that join rather than separate. */
static const uint32_t joiners[] = {
	0x00b4, 0x02b9, 0x02bb, 0x02bc, 0x02bd, 0x2018, 0x2019, 0x201b,
	0x2032, 0xff07,
};

/* The streaming folder of stages 2 and 3. */
struct span {
	size_t	off;		/* first letter in out */
	size_t	raw0, raw1;	/* bytes of the input it came from */
	int	paren;
};

struct folder {
	char		*out;
	size_t		 len, cap;
	int		 sep;		/* a word break is pending */
	int		 depth;		/* ( [ { nesting */
	int		 overflow;
	struct span	*tok;		/* optional word records */
	size_t		 maxtok, ntok;
	int		 truncated;
	int		 recording;	/* the current word is recorded */
	size_t		 cur0, cur1;	/* input bytes of the current code point */
	uint32_t	 held;		/* г к и waiting for a combining mark */
	size_t		 held0, held1;
};

static void
folder_init(struct folder *f, char *out, size_t cap, struct span *tok,
    size_t maxtok)
{
	memset(f, 0, sizeof(*f));
	f->out = out;
	f->cap = cap;
	f->tok = tok;
	f->maxtok = maxtok;
	out[0] = '\0';
}

/* Appends letter c (a-z) and rewrites the tail (stage 3). */
static void
push_letter(struct folder *f, char c)
{
	char a, b, r;

	assert(c >= 'a' && c <= 'z');
	if (f->len + 3 > f->cap) {	/* space, letter, NUL */
		f->overflow = 1;
		return;
	}
	if (f->len == 0 || f->sep) {
		if (f->len > 0)
			f->out[f->len++] = ' ';
		f->sep = 0;
		f->recording = 0;
		if (f->ntok < f->maxtok) {
			f->tok[f->ntok].off = f->len;
			f->tok[f->ntok].raw0 = f->cur0;
			f->tok[f->ntok].paren = f->depth > 0;
			f->recording = 1;
		} else if (f->tok != NULL)
			f->truncated = 1;
		f->ntok++;
	}
	if (f->recording)
		f->tok[f->ntok - 1].raw1 = f->cur1;
	f->out[f->len++] = letter_map[L(c)];
	while (f->len >= 2) {
		a = f->out[f->len - 2];
		b = f->out[f->len - 1];
		if (a == ' ')
			break;
		if (a == b)
			r = a;
		else if ((r = pair_map[L(a)][L(b)]) == '\0')
			break;
		f->out[f->len - 2] = r;
		f->len--;
	}
	f->out[f->len] = '\0';
}

static void
push_str(struct folder *f, const char *s)
{
	for (; *s != '\0'; s++)
		push_letter(f, *s);
}

static void
word_break(struct folder *f)
{
	if (f->len > 0)
		f->sep = 1;
}

static void
put_ascii(struct folder *f, unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (c >= 'a' && c <= 'z')
		push_letter(f, (char)c);
	else if (c == '\'' || c == '`')
		;		/* joins: O'Neil */
	else if (c == '(' || c == '[' || c == '{') {
		f->depth++;
		word_break(f);
	} else if (c == ')' || c == ']' || c == '}') {
		if (f->depth > 0)
			f->depth--;
		word_break(f);
	} else
		word_break(f);
}

/* Writes the held letter as s, with the input span of the letter. */
static void
emit_held(struct folder *f, const char *s)
{
	size_t c0 = f->cur0, c1 = f->cur1;

	f->held = 0;
	f->cur0 = f->held0;
	f->cur1 = f->held1;
	push_str(f, s);
	f->cur0 = c0;
	f->cur1 = c1;
}

static void
flush_held(struct folder *f)
{
	if (f->held != 0)
		emit_held(f, cyrillic[f->held - CYR_FIRST]);
}

static int
is_mark(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	    c == UTF8PROC_CATEGORY_ME;
}

/* Stage 2 for one code point out of stage 1. */
static void
put_cp(struct folder *f, uint32_t cp)
{
	utf8proc_category_t cat;
	const char *to = NULL;
	size_t i;

	if (f->held != 0) {
		if (cp >= 0x80 && is_mark(cp)) {
			if (cp == 0x301 && f->held == 0x433)
				to = "dj";		/* ѓ */
			else if (cp == 0x301 && f->held == 0x43a)
				to = "c";		/* ќ */
			else if (cp == 0x306 && f->held == 0x438)
				to = "j";		/* й */
			if (to != NULL)
				emit_held(f, to);
			return;		/* other marks: dropped, letter still held */
		}
		flush_held(f);
	}
	if (cp < 0x80) {
		put_ascii(f, (unsigned char)cp);
		return;
	}
	if (cp == 0x433 || cp == 0x43a || cp == 0x438) {
		f->held = cp;
		f->held0 = f->cur0;
		f->held1 = f->cur1;
		return;
	}
	if (cp >= CYR_FIRST &&
	    cp < CYR_FIRST + sizeof(cyrillic) / sizeof(cyrillic[0])) {
		push_str(f, cyrillic[cp - CYR_FIRST]);
		return;
	}
	for (i = 0; i < sizeof(latin_extra) / sizeof(latin_extra[0]); i++)
		if (latin_extra[i].cp == cp) {
			push_str(f, latin_extra[i].to);
			return;
		}
	for (i = 0; i < sizeof(joiners) / sizeof(joiners[0]); i++)
		if (joiners[i] == cp)
			return;
	cat = utf8proc_category((utf8proc_int32_t)cp);
	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_LM ||
	    cat == UTF8PROC_CATEGORY_SK || cat == UTF8PROC_CATEGORY_CF)
		return;		/* marks, modifier letters, format: join */
	word_break(f);
}

/*
 * Runs the pipeline over s[0..len), which the caller has checked with
 * utf8_valid(). 0, or -1 when the output did not fit.
 */
static int
fold_run(struct folder *f, const char *s, size_t len)
{
	const utf8proc_option_t opt = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	    UTF8PROC_DECOMPOSE | UTF8PROC_IGNORE;
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t cp, buf[32];
	utf8proc_ssize_t n, m, k;
	size_t i = 0;
	int bc = 0;

	while (i < len && !f->overflow) {
		if (p[i] < 0x80) {
			f->cur0 = i;
			f->cur1 = i + 1;
			if (f->held != 0)
				put_cp(f, p[i]);
			else
				put_ascii(f, p[i]);
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		assert(n > 0);
		if (n <= 0)
			return -1;
		f->cur0 = i;
		f->cur1 = i + (size_t)n;
		m = utf8proc_decompose_char(cp, buf, 32, opt, &bc);
		if (m < 0 || m > 32) {
			put_cp(f, ' ');
		} else {
			for (k = 0; k < m; k++)
				put_cp(f, (uint32_t)buf[k]);
		}
		i += (size_t)n;
	}
	flush_held(f);
	return f->overflow ? -1 : 0;
}

/* Room for the folded form of len input bytes: never more than two output
 * bytes per input byte (the widest compatibility forms, like U+33AF
 * "rad∕s²", give five from three). fold_run() checks it anyway. */
#define FOLD_CAP(len)	(2 * (len) + 8)

char *
names_fold(struct arena *a, const char *s)
{
	struct folder f;
	size_t len;
	char *out;

	len = strlen(s);
	if (len > NAMES_MAX_BYTES || !utf8_valid(s, len))
		return NULL;
	if ((out = arena_alloc(a, FOLD_CAP(len))) == NULL)
		return NULL;
	folder_init(&f, out, FOLD_CAP(len), NULL, 0);
	if (fold_run(&f, s, len) != 0 || f.len > NAMES_MAX_BYTES)
		return NULL;
	return out;
}

int
names_tokens(struct arena *a, const char *s, struct name_tokens *out)
{
	struct span tok[NAMES_MAX_TOKENS];
	struct folder f;
	size_t len, i;
	char *buf;

	memset(out, 0, sizeof(*out));
	len = strlen(s);
	if (len > NAMES_MAX_BYTES || !utf8_valid(s, len))
		return -1;
	if ((buf = arena_alloc(a, FOLD_CAP(len))) == NULL)
		return -1;
	folder_init(&f, buf, FOLD_CAP(len), tok, NAMES_MAX_TOKENS);
	if (fold_run(&f, s, len) != 0 || f.len > NAMES_MAX_BYTES)
		return -1;
	for (i = 0; i < f.len; i++)
		if (buf[i] == ' ')
			buf[i] = '\0';
	out->n = f.ntok < NAMES_MAX_TOKENS ? f.ntok : NAMES_MAX_TOKENS;
	for (i = 0; i < out->n; i++) {
		out->tok[i] = buf + tok[i].off;
		if (tok[i].paren)
			out->paren |= 1u << i;
	}
	out->truncated = f.truncated;
	return 0;
}

/*
 * Similarity. Costs in quarter units (Q); strings longer than DL_MAX are
 * compared on their first DL_MAX letters.
 */
#define Q		4
#define DL_MAX		64

/*
 * Per-letter classes of the cost model: indel[] is the cost of dropping or
 * adding the letter; letters with the same nonzero pair[] value cost 2 to
 * exchange (a/e, i/j, b/p, d/t, g/k, v/f, z/s, x/c); two vowels cost 3.
 * Index 26 stands for anything not a-z (the space between words).
 */
#define CL(c)	((c) >= 'a' && (c) <= 'z' ? (c) - 'a' : 26)

static const unsigned char indel[27] = {
	[L('a')] = 3, [L('b')] = Q, [L('c')] = Q, [L('d')] = Q, [L('e')] = 3,
	[L('f')] = Q, [L('g')] = Q, [L('h')] = 2, [L('i')] = 3, [L('j')] = 2,
	[L('k')] = Q, [L('l')] = Q, [L('m')] = Q, [L('n')] = Q, [L('o')] = 3,
	[L('p')] = Q, [L('q')] = Q, [L('r')] = Q, [L('s')] = Q, [L('t')] = Q,
	[L('u')] = 3, [L('v')] = Q, [L('w')] = Q, [L('x')] = Q, [L('y')] = Q,
	[L('z')] = Q, [26] = Q,
};

#define INDEL_MIN	2	/* the least of indel[] */

static const unsigned char pair_class[27] = {
	[L('a')] = 1, [L('e')] = 1, [L('i')] = 2, [L('j')] = 2,
	[L('b')] = 3, [L('p')] = 3, [L('d')] = 4, [L('t')] = 4,
	[L('g')] = 5, [L('k')] = 5, [L('v')] = 6, [L('f')] = 6,
	[L('z')] = 7, [L('s')] = 7, [L('x')] = 8, [L('c')] = 8,
};

static const unsigned char vowel[27] = {
	[L('a')] = 1, [L('e')] = 1, [L('i')] = 1, [L('o')] = 1, [L('u')] = 1,
};

static int
sub_cost(int x, int y)
{
	if (x == y)
		return 0;
	if (pair_class[x] != 0 && pair_class[x] == pair_class[y])
		return 2;
	if (vowel[x] && vowel[y])
		return 3;
	return Q;
}

static int
min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Weighted optimal-string-alignment distance of a[0..la), b[0..lb)
 * (la, lb <= DL_MAX), or some value above limit once every alignment
 * costs more than limit: every alignment passes through one of any two
 * consecutive rows (a transposition skips one), so two rows whose
 * cheapest cells are over the limit end it.
 */
static int
dl_cost(const char *a, size_t la, const char *b, size_t lb, int limit)
{
	int rows[3][DL_MAX + 1], ca[DL_MAX], cb[DL_MAX];
	int *pp, *p, *c, *t;
	size_t i, j;
	int v, best, prev = 0;

	assert(la <= DL_MAX && lb <= DL_MAX);
	for (i = 0; i < la; i++)
		ca[i] = CL(a[i]);
	for (j = 0; j < lb; j++)
		cb[j] = CL(b[j]);
	pp = rows[0];
	p = rows[1];
	c = rows[2];
	p[0] = 0;
	for (j = 1; j <= lb; j++)
		p[j] = p[j - 1] + indel[cb[j - 1]];
	for (i = 1; i <= la; i++) {
		c[0] = best = p[0] + indel[ca[i - 1]];
		for (j = 1; j <= lb; j++) {
			v = min3(p[j] + indel[ca[i - 1]],
			    c[j - 1] + indel[cb[j - 1]],
			    p[j - 1] + sub_cost(ca[i - 1], cb[j - 1]));
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] &&
			    ca[i - 2] == cb[j - 1] && ca[i - 1] != cb[j - 1] &&
			    pp[j - 2] + 3 < v)
				v = pp[j - 2] + 3;
			c[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit && prev > limit)
			return best;
		prev = best;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}

/* The sum over the letters (CL() classes) of the difference of their
 * counts in a[0..la) and b[0..lb): a lower bound of dl_cost(). */
static long
letters_apart(const char *a, size_t la, const char *b, size_t lb)
{
	int cnt[27] = { 0 };
	long sum = 0;
	size_t i;

	for (i = 0; i < la; i++)
		cnt[CL(a[i])]++;
	for (i = 0; i < lb; i++)
		cnt[CL(b[i])]--;
	for (i = 0; i < 27; i++)
		sum += cnt[i] < 0 ? -cnt[i] : cnt[i];
	return sum;
}

/*
 * Similarity in thousandths, 1000 - 1000 d / (Q max(la, lb)), or 0 when it
 * is at most floor (the distance is then not worked out to the end).
 */
static int
sim_permille(const char *a, size_t la, const char *b, size_t lb, int floor)
{
	long d, limit, mx;

	if (la > DL_MAX)
		la = DL_MAX;
	if (lb > DL_MAX)
		lb = DL_MAX;
	if (la == 0 || lb == 0)
		return 0;
	mx = (long)(la > lb ? la : lb);
	/* d must stay below (1000 - floor) Q mx / 1000 for sim > floor. */
	limit = ((1000 - floor) * Q * mx) / 1000;
	/* Bounds that spare the table when they alone put the pair at or
	 * below floor. Each letter of the longer word left over costs at
	 * least the cheapest drop (h or j). And every edit but a swap of
	 * neighbours (which changes no count) changes the counts of the
	 * letters by at most one per quarter unit it costs: a drop or an
	 * addition (2 at least) one count, an exchange (2 at least) two. */
	if (floor > 0 && ((mx - (long)(la < lb ? la : lb)) * INDEL_MIN >
	    limit || letters_apart(a, la, b, lb) > limit))
		return 0;
	d = dl_cost(a, la, b, lb, (int)limit);
	d = 1000 - (1000 * d) / (Q * mx);
	return d <= floor ? 0 : (int)d;
}

double
names_similarity(const char *fa, const char *fb)
{
	if (fa == NULL || fb == NULL || *fa == '\0' || *fb == '\0')
		return 0.0;
	if (strcmp(fa, fb) == 0)
		return 1.0;
	return sim_permille(fa, strlen(fa), fb, strlen(fb), 0) / 1000.0;
}

/*
 * The value of pairing two different folded words, in thousandths: 0 up
 * to similarity 0.8, then rising to at most 900 (below FOLDED's 950: a
 * close spelling never counts as much as the same name).
 */
#define SIM_FLOOR	800

static int
pair_value(int sim)
{
	int v = (sim - SIM_FLOOR) * 5;

	return v < 0 ? 0 : v > 900 ? 900 : v;
}

#define V_EXACT		1000
#define V_FOLDED	950

/*
 * Greedy one-to-one pairing of n row words with m column words: cells
 * (the pairs allowed, with their values) best first, then those pairing
 * words of the same role, then by row and column. The order depends on
 * which side is rows, so callers run it both ways and keep the better.
 */
#define MAXW	(3 * NAMES_FIELD_TOKENS)

struct cell {
	int	v, i, j, pref;
};

static int
cell_cmp(const void *x, const void *y)
{
	const struct cell *a = x, *b = y;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	if (a->pref != b->pref)
		return a->pref > b->pref ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/*
 * Sorts cells and fills match[0..n) with a column or -1. An insertion
 * sort: there are a handful of cells (at most MAXW * MAXW), and qsort()
 * cost more than the rest of a score. cell_cmp() is a total order (no two
 * cells share i and j), so any sort gives the same pairing.
 */
static void
pair_greedy(struct cell *cells, size_t nc, size_t n, size_t m, int *match)
{
	struct cell t;
	int used[MAXW] = { 0 };
	size_t k, j;

	assert(n <= MAXW && m <= MAXW);
	for (k = 1; k < nc; k++) {
		t = cells[k];
		for (j = k; j > 0 && cell_cmp(&cells[j - 1], &t) > 0; j--)
			cells[j] = cells[j - 1];
		cells[j] = t;
	}
	for (k = 0; k < n; k++)
		match[k] = -1;
	for (k = 0; k < nc; k++)
		if (match[cells[k].i] < 0 && !used[cells[k].j]) {
			match[cells[k].i] = cells[k].j;
			used[cells[k].j] = 1;
		}
	(void)m;
}

/* Sum of paired values (thousandths) of a token pairing in one direction. */
static long
tokens_pairing(const struct name_tokens *a, const struct name_tokens *b,
    int swap)
{
	struct cell cells[NAMES_MAX_TOKENS * NAMES_MAX_TOKENS];
	int match[MAXW], v[NAMES_MAX_TOKENS][NAMES_MAX_TOKENS];
	const struct name_tokens *x = swap ? b : a, *y = swap ? a : b;
	size_t i, j, nc = 0;
	long sum = 0;

	for (i = 0; i < x->n; i++)
		for (j = 0; j < y->n; j++) {
			if (strcmp(x->tok[i], y->tok[j]) == 0)
				v[i][j] = V_EXACT;
			else
				v[i][j] = pair_value(sim_permille(x->tok[i],
				    strlen(x->tok[i]), y->tok[j],
				    strlen(y->tok[j]), SIM_FLOOR));
			if (v[i][j] > 0)
				cells[nc++] = (struct cell){ v[i][j], (int)i,
				    (int)j, 0 };
		}
	pair_greedy(cells, nc, x->n, y->n, match);
	for (i = 0; i < x->n; i++)
		if (match[i] >= 0)
			sum += v[i][match[i]];
	return sum;
}

double
names_tokens_similarity(const struct name_tokens *a,
    const struct name_tokens *b)
{
	size_t n = a->n > b->n ? a->n : b->n;
	long s1, s2;

	if (a->n == 0 || b->n == 0)
		return 0.0;
	s1 = tokens_pairing(a, b, 0);
	s2 = tokens_pairing(a, b, 1);
	return (double)(s1 > s2 ? s1 : s2) / (1000.0 * (double)n);
}

/*
 * Matching two records. Each side's fields are folded into words with a
 * role: given, family, or parent (the parent field, and words written in
 * parentheses in a name field).
 */
enum role { R_GIVEN, R_FAMILY, R_PARENT, R__MAX };

struct word {
	const char	*s;		/* folded, NUL-terminated */
	size_t		 len;
	const char	*raw;		/* its bytes in the input */
	size_t		 rawlen;
	enum role	 role;
};

struct side {
	char		 key[R__MAX][FOLD_CAP(NAMES_MAX_BYTES)];
	struct word	 w[MAXW];
	size_t		 n;
	size_t		 count[R__MAX];
};

static void
side_field(struct side *sd, const char *s, enum role role)
{
	struct span tok[NAMES_FIELD_TOKENS];
	struct folder f;
	struct word *w;
	char *buf = sd->key[role];
	size_t len, i, k;

	if (s == NULL || (len = strlen(s)) == 0 || len > NAMES_MAX_BYTES ||
	    !utf8_valid(s, len))
		return;
	folder_init(&f, buf, sizeof(sd->key[role]), tok, NAMES_FIELD_TOKENS);
	if (fold_run(&f, s, len) != 0 || f.len > NAMES_MAX_BYTES)
		return;
	for (i = 0; i < f.len; i++)
		if (buf[i] == ' ')
			buf[i] = '\0';
	for (k = 0; k < f.ntok && k < NAMES_FIELD_TOKENS; k++) {
		assert(sd->n < MAXW);
		w = &sd->w[sd->n++];
		w->s = buf + tok[k].off;
		w->len = strlen(w->s);
		w->raw = s + tok[k].raw0;
		w->rawlen = tok[k].raw1 - tok[k].raw0;
		w->role = tok[k].paren ? R_PARENT : role;
	}
}

static int
is_name(enum role r)
{
	return r == R_GIVEN || r == R_FAMILY;
}

/* 1 when a word of role r other than w[skip] is s. */
static int
side_has(const struct side *sd, enum role r, const char *s, size_t skip)
{
	size_t j;

	for (j = 0; j < sd->n; j++)
		if (j != skip && sd->w[j].role == r && strcmp(sd->w[j].s, s) == 0)
			return 1;
	return 0;
}

/*
 * Folds the three name fields of q and drops the words that repeat
 * another field: when the name fields hold three words or more, one equal
 * to a parent's word is the parent's name written in the middle ("Qëndrim
 * Agim Bytyçi", parent Agim); when the parent field holds two words or
 * more, one equal to a family word is the family name written with the
 * parent's ("Agim Bytyçi").
 */
static void
side_init(struct side *sd, const struct name_query *q)
{
	size_t i, k, names = 0, parents = 0;
	int drop[MAXW];

	sd->n = 0;
	side_field(sd, q->given, R_GIVEN);
	side_field(sd, q->family, R_FAMILY);
	side_field(sd, q->parent, R_PARENT);
	for (i = 0; i < sd->n; i++) {
		names += is_name(sd->w[i].role) ? 1 : 0;
		parents += sd->w[i].role == R_PARENT ? 1 : 0;
	}
	for (i = 0; i < sd->n; i++)
		drop[i] = (names >= 3 && is_name(sd->w[i].role) &&
		    side_has(sd, R_PARENT, sd->w[i].s, i)) ||
		    (parents >= 2 && sd->w[i].role == R_PARENT &&
		    side_has(sd, R_FAMILY, sd->w[i].s, i));
	for (i = k = 0; i < sd->n; i++)
		if (!drop[i])
			sd->w[k++] = sd->w[i];
	sd->n = k;
	memset(sd->count, 0, sizeof(sd->count));
	for (i = 0; i < sd->n; i++)
		sd->count[sd->w[i].role]++;
}

/* Case-insensitive equality of two UTF-8 spans (both valid). */
static int
raw_equal(const char *a, size_t la, const char *b, size_t lb)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a;
	const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)b;
	utf8proc_int32_t ca, cb;
	utf8proc_ssize_t n, m;
	size_t i = 0, j = 0;

	while (i < la && j < lb) {
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(la - i), &ca);
		m = utf8proc_iterate(q + j, (utf8proc_ssize_t)(lb - j), &cb);
		if (n <= 0 || m <= 0)
			return 0;
		if (ca != cb && utf8proc_tolower(ca) != utf8proc_tolower(cb))
			return 0;
		i += (size_t)n;
		j += (size_t)m;
	}
	return i == la && j == lb;
}

/* Pairing levels, ordered. */
enum level { LV_NONE, LV_SIMILAR, LV_FOLDED, LV_EXACT };

struct pairing {
	int	 v[MAXW][MAXW];		/* thousandths, 0: may not pair */
	int	 match[MAXW];		/* a's word -> b's word, or -1 */
};

static enum level
level_of(int v)
{
	return v >= V_EXACT ? LV_EXACT : v >= V_FOLDED ? LV_FOLDED :
	    v > 0 ? LV_SIMILAR : LV_NONE;
}

/* The value matrix, with the rule that a name word may pair with a
 * parent's word only on a side holding three name words or more. */
static void
pairing_values(struct pairing *pg, const struct side *a, const struct side *b)
{
	const struct word *x, *y;
	size_t i, j;
	int v;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			x = &a->w[i];
			y = &b->w[j];
			if ((is_name(x->role) && y->role == R_PARENT &&
			    a->count[R_GIVEN] + a->count[R_FAMILY] < 3) ||
			    (x->role == R_PARENT && is_name(y->role) &&
			    b->count[R_GIVEN] + b->count[R_FAMILY] < 3))
				v = 0;
			else if (x->len == y->len && strcmp(x->s, y->s) == 0)
				v = raw_equal(x->raw, x->rawlen, y->raw,
				    y->rawlen) ? V_EXACT : V_FOLDED;
			else
				v = pair_value(sim_permille(x->s, x->len,
				    y->s, y->len, SIM_FLOOR));
			pg->v[i][j] = v;
		}
}

/* Greedy pairing from a's side (swap 0) or b's (swap 1), as a -> b. */
static void
pairing_run(struct pairing *pg, const struct side *a, const struct side *b,
    int swap)
{
	struct cell cells[MAXW * MAXW];
	int back[MAXW];
	size_t i, j, nc = 0;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			if (pg->v[i][j] <= 0)
				continue;
			cells[nc].v = pg->v[i][j];
			cells[nc].pref = a->w[i].role == b->w[j].role;
			cells[nc].i = (int)(swap ? j : i);
			cells[nc].j = (int)(swap ? i : j);
			nc++;
		}
	if (!swap) {
		pair_greedy(cells, nc, a->n, b->n, pg->match);
		return;
	}
	pair_greedy(cells, nc, b->n, a->n, back);
	for (i = 0; i < a->n; i++)
		pg->match[i] = -1;
	for (j = 0; j < b->n; j++)
		if (back[j] >= 0)
			pg->match[back[j]] = (int)j;
}

struct verdict {
	long		 points;	/* thousandths */
	enum level	 field[R__MAX];	/* a's given/family, parents */
	int		 swapped;
	int		 in_name;
	int		 parent_mismatch;
};

/*
 * Points of one pairing: names 60 x (paired value / the longer side's
 * name words), parents 10 x (paired value / the longer side's parent
 * words), a different parent -5. Symmetric in a and b for a given set of
 * pairs: sums of integers and maxima only.
 */
static void
pairing_eval(const struct pairing *pg, const struct side *a,
    const struct side *b, struct verdict *vd)
{
	long nsum = 0, psum = 0;
	size_t i, na, nb, pa, pb, mx;
	int cross_gf = 0, cross_fg = 0, j, v;
	enum role ra, rb;
	enum level lv;

	memset(vd, 0, sizeof(*vd));
	na = a->count[R_GIVEN] + a->count[R_FAMILY];
	nb = b->count[R_GIVEN] + b->count[R_FAMILY];
	pa = a->count[R_PARENT];
	pb = b->count[R_PARENT];
	for (i = 0; i < a->n; i++) {
		if ((j = pg->match[i]) < 0)
			continue;
		v = pg->v[i][j];
		lv = level_of(v);
		ra = a->w[i].role;
		rb = b->w[j].role;
		if (is_name(ra) && is_name(rb)) {
			nsum += v;
			if (vd->field[ra] == LV_NONE || lv < vd->field[ra])
				vd->field[ra] = lv;
			cross_gf |= ra == R_GIVEN && rb == R_FAMILY;
			cross_fg |= ra == R_FAMILY && rb == R_GIVEN;
		} else if (ra == R_PARENT && rb == R_PARENT) {
			psum += v;
			if (vd->field[R_PARENT] == LV_NONE ||
			    lv < vd->field[R_PARENT])
				vd->field[R_PARENT] = lv;
		} else {
			/* The parent's name inside the other side's name. */
			psum += v;
			vd->in_name = 1;
			if (is_name(ra))
				na--;
			else
				nb--;
		}
	}
	vd->swapped = cross_gf && cross_fg;
	mx = na > nb ? na : nb;
	if (mx > 0)
		vd->points += 60 * nsum / (long)mx;
	mx = pa > pb ? pa : pb;
	if (mx > 0)
		vd->points += 10 * psum / (long)mx;
	if (pa > 0 && pb > 0 && psum == 0) {
		vd->parent_mismatch = 1;
		vd->points -= 5000;
	}
}

/* Birth dates. */
enum precision { P_NONE, P_YEAR, P_MONTH, P_DAY };

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : dim[m - 1];
}

static enum precision
precision(const struct name_date *d)
{
	if (d->y < 1900 || d->y > 2100)
		return P_NONE;
	if (d->m < 1 || d->m > 12)
		return P_YEAR;
	if (d->d < 1 || d->d > days_in_month(d->y, d->m))
		return P_MONTH;
	return P_DAY;
}

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long
day_number(const struct name_date *d)
{
	long y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (d->m + (d->m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* 1 when dd.mm.yyyy of a and b differ in exactly one digit. */
static int
one_digit_apart(const struct name_date *a, const struct name_date *b)
{
	int x[8], y[8], k, n = 0;

	x[0] = a->d / 10; x[1] = a->d % 10; x[2] = a->m / 10; x[3] = a->m % 10;
	y[0] = b->d / 10; y[1] = b->d % 10; y[2] = b->m / 10; y[3] = b->m % 10;
	x[4] = a->y / 1000; x[5] = a->y / 100 % 10;
	x[6] = a->y / 10 % 10; x[7] = a->y % 10;
	y[4] = b->y / 1000; y[5] = b->y / 100 % 10;
	y[6] = b->y / 10 % 10; y[7] = b->y % 10;
	for (k = 0; k < 8; k++)
		n += x[k] != y[k];
	return n == 1;
}

/* The birth years a record allows: its date's, or those of its estimate
 * (about A at date D: born in D.y - A - 1 or D.y - A). 0 when none. */
static int
birth_years(const struct name_query *q, int *lo, int *hi, int *estimated)
{
	*estimated = 0;
	if (precision(&q->dob) != P_NONE) {
		*lo = *hi = q->dob.y;
		return 1;
	}
	if (precision(&q->age_at) == P_DAY && q->age >= 0 && q->age <= 120) {
		*hi = q->age_at.y - q->age;
		*lo = *hi - 1;
		*estimated = 1;
		return 1;
	}
	return 0;
}

static long
dob_points(const struct name_query *a, const struct name_query *b,
    enum names_reason *why)
{
	enum precision pa = precision(&a->dob), pb = precision(&b->dob);
	int alo, ahi, bhi, blo, ea, eb, gap;
	long days;

	*why = NAMES_REASON__MAX;
	if (pa == P_DAY && pb == P_DAY) {
		days = day_number(&a->dob) - day_number(&b->dob);
		if (days == 0) {
			*why = NAMES_DOB_EXACT;
			return 25000;
		}
		if (days == 1 || days == -1 || one_digit_apart(&a->dob, &b->dob)) {
			*why = NAMES_DOB_NEAR;
			return 20000;
		}
		if (a->dob.y == b->dob.y && a->dob.d == b->dob.m &&
		    a->dob.m == b->dob.d) {
			*why = NAMES_DOB_SWAPPED;
			return 20000;
		}
		*why = NAMES_DOB_MISMATCH;
		return -10000;
	}
	if (pa != P_NONE && pb != P_NONE) {
		gap = abs(a->dob.y - b->dob.y);
		if (gap >= 2) {
			*why = NAMES_DOB_MISMATCH;
			return -10000;
		}
		if (gap == 1 || (pa >= P_MONTH && pb >= P_MONTH &&
		    a->dob.m != b->dob.m))
			return 0;
		*why = NAMES_DOB_YEAR;
		return 10000;
	}
	if (!birth_years(a, &alo, &ahi, &ea) || !birth_years(b, &blo, &bhi, &eb))
		return 0;
	gap = alo > bhi ? alo - bhi : blo > ahi ? blo - ahi : 0;
	if (gap <= 1) {
		*why = NAMES_AGE_NEAR;
		return 8000;
	}
	if (gap > 3) {
		*why = NAMES_DOB_MISMATCH;
		return -10000;
	}
	return 0;
}

static void
add_reason(struct match_result *out, enum names_reason code,
    enum names_field field)
{
	assert(out->nreasons < NAMES_MAX_REASONS);
	if (out->nreasons >= NAMES_MAX_REASONS)
		return;
	out->reasons[out->nreasons].code = code;
	out->reasons[out->nreasons].field = field;
	out->nreasons++;
}

static const enum names_reason name_reason[] = {
	[LV_EXACT] = NAMES_NAME_EXACT,
	[LV_FOLDED] = NAMES_NAME_FOLDED,
	[LV_SIMILAR] = NAMES_NAME_SIMILAR,
};

/* 1 when a and b are valid personal numbers of the same country; *same
 * then says whether they are equal. */
static int
pn_comparable(const char *a, const char *b, int *same)
{
	enum names_country c;

	if (a == NULL || b == NULL)
		return 0;
	for (c = 0; c < NAMES_COUNTRY__MAX; c++)
		if (names_pn_valid(c, a) && names_pn_valid(c, b)) {
			*same = strcasecmp(a, b) == 0;
			return 1;
		}
	return 0;
}

int
names_match_score(const struct name_query *a, const struct name_candidate *cb,
    struct match_result *out)
{
	const struct name_query *b = &cb->person;
	struct side sa, sb;
	struct pairing p1, p2;
	struct verdict v1, v2, *vd;
	enum names_reason why;
	long total;
	int same = 0, pn;

	memset(out, 0, sizeof(*out));
	out->child_id = cb->child_id;

	side_init(&sa, a);
	side_init(&sb, b);
	memset(&p1, 0, sizeof(p1));
	pairing_values(&p1, &sa, &sb);
	memcpy(p2.v, p1.v, sizeof(p1.v));
	pairing_run(&p1, &sa, &sb, 0);
	pairing_run(&p2, &sa, &sb, 1);
	pairing_eval(&p1, &sa, &sb, &v1);
	pairing_eval(&p2, &sa, &sb, &v2);
	vd = v2.points > v1.points ? &v2 : &v1;
	total = vd->points;

	pn = pn_comparable(a->pn, b->pn, &same);
	if (pn && same)
		add_reason(out, NAMES_PN_MATCH, NAMES_FIELD_NONE);
	else if (pn) {
		add_reason(out, NAMES_PN_MISMATCH, NAMES_FIELD_NONE);
		total -= 25000;
	}
	if (vd->field[R_GIVEN] != LV_NONE)
		add_reason(out, name_reason[vd->field[R_GIVEN]],
		    NAMES_FIELD_GIVEN);
	if (vd->field[R_FAMILY] != LV_NONE)
		add_reason(out, name_reason[vd->field[R_FAMILY]],
		    NAMES_FIELD_FAMILY);
	if (vd->swapped)
		add_reason(out, NAMES_NAMES_SWAPPED, NAMES_FIELD_NONE);
	if (vd->field[R_PARENT] >= LV_FOLDED)
		add_reason(out, NAMES_PARENT_MATCH, NAMES_FIELD_NONE);
	else if (vd->field[R_PARENT] == LV_SIMILAR)
		add_reason(out, NAMES_PARENT_SIMILAR, NAMES_FIELD_NONE);
	if (vd->in_name)
		add_reason(out, NAMES_PARENT_IN_NAME, NAMES_FIELD_NONE);
	if (vd->parent_mismatch)
		add_reason(out, NAMES_PARENT_MISMATCH, NAMES_FIELD_NONE);

	total += dob_points(a, b, &why);
	if (why != NAMES_REASON__MAX)
		add_reason(out, why, NAMES_FIELD_NONE);

	if (a->sex != NAMES_SEX_UNKNOWN && b->sex != NAMES_SEX_UNKNOWN &&
	    a->sex < NAMES_SEX__MAX && b->sex < NAMES_SEX__MAX) {
		if (a->sex == b->sex)
			total += 5000;
		else {
			total -= 20000;
			add_reason(out, NAMES_SEX_MISMATCH, NAMES_FIELD_NONE);
		}
	}

	if (total < 0)
		total = 0;
	if (total > 100000)
		total = 100000;
	if (pn && same)
		total = 90000 + total / 10;
	out->score = (int)((total + 500) / 1000);
	return out->score;
}

static const char *const reason_names[NAMES_REASON__MAX] = {
	[NAMES_PN_MATCH] = "PN_MATCH",
	[NAMES_PN_MISMATCH] = "PN_MISMATCH",
	[NAMES_NAME_EXACT] = "NAME_EXACT",
	[NAMES_NAME_FOLDED] = "NAME_FOLDED",
	[NAMES_NAME_SIMILAR] = "NAME_SIMILAR",
	[NAMES_NAMES_SWAPPED] = "NAMES_SWAPPED",
	[NAMES_PARENT_MATCH] = "PARENT_MATCH",
	[NAMES_PARENT_SIMILAR] = "PARENT_SIMILAR",
	[NAMES_PARENT_IN_NAME] = "PARENT_IN_NAME",
	[NAMES_PARENT_MISMATCH] = "PARENT_MISMATCH",
	[NAMES_DOB_EXACT] = "DOB_EXACT",
	[NAMES_DOB_NEAR] = "DOB_NEAR",
	[NAMES_DOB_SWAPPED] = "DOB_SWAPPED",
	[NAMES_DOB_YEAR] = "DOB_YEAR",
	[NAMES_AGE_NEAR] = "AGE_NEAR",
	[NAMES_DOB_MISMATCH] = "DOB_MISMATCH",
	[NAMES_SEX_MISMATCH] = "SEX_MISMATCH",
};

const char *
names_reason_str(enum names_reason r)
{
	if ((unsigned)r >= NAMES_REASON__MAX)
		return NULL;
	return reason_names[r];
}

const char *
names_field_str(enum names_field f)
{
	switch (f) {
	case NAMES_FIELD_GIVEN:
		return "given_name";
	case NAMES_FIELD_FAMILY:
		return "family_name";
	default:
		return NULL;
	}
}

/*
 * Personal numbers. The Albanian NID's check letter: the first nine
 * characters weighted 1, 1, 2, 3, ..., 8 (letters by their place in the
 * alphabet below, digits by value), the sum modulo 23 indexing the
 * alphabet. Not published by the civil registry as far as I could find; it
 * is the rule of an open-source validator (nidx), and the two NIPT examples
 * in python-stdnum's documentation (J91402501L, K22218003V: organisations'
 * numbers, same format) satisfy it, as a wrong rule would in 1 case of 529.
 */
static const char al_alphabet[] = "WABCDEFGHIJKLMNOPQRSTUV";

static int
al_value(char c)
{
	const char *p;

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c == '\0' || (p = strchr(al_alphabet, c)) == NULL)
		return -1;
	return (int)(p - al_alphabet);
}

static int
al_parse(const char *s, struct name_date *dob, enum names_sex *sex)
{
	char u[11];
	int k, sum = 0, v, mm;

	for (k = 0; k < 10; k++) {
		if (s[k] == '\0')
			return -1;
		u[k] = (s[k] >= 'a' && s[k] <= 'z') ? s[k] - 'a' + 'A' : s[k];
	}
	if (s[10] != '\0')
		return -1;
	u[10] = '\0';
	if (u[0] < 'A' || u[0] > 'T')
		return -1;
	for (k = 1; k <= 8; k++)
		if (u[k] < '0' || u[k] > '9')
			return -1;
	for (k = 0; k < 9; k++) {
		if ((v = al_value(u[k])) < 0)
			return -1;
		sum += (k == 0 ? 1 : k) * v;
	}
	if (u[9] != al_alphabet[sum % 23])
		return -1;
	dob->y = 1900 + (u[0] - 'A') * 10 + (u[1] - '0');
	mm = (u[2] - '0') * 10 + (u[3] - '0');
	dob->d = (u[4] - '0') * 10 + (u[5] - '0');
	/* Month codes: +0 male, +50 female, +30 / +80 foreign residents. */
	*sex = mm > 50 ? NAMES_SEX_FEMALE : NAMES_SEX_MALE;
	if (mm > 80)
		mm -= 80;
	else if (mm > 50)
		mm -= 50;
	else if (mm > 30)
		mm -= 30;
	if (mm < 1 || mm > 12)
		return -1;
	dob->m = mm;
	return precision(dob) == P_DAY ? 0 : -1;
}

int
names_pn_al_decode(const char *s, struct name_date *dob, enum names_sex *sex)
{
	struct name_date d;
	enum names_sex x;

	if (s == NULL || al_parse(s, &d, &x) != 0)
		return -1;
	*dob = d;
	*sex = x;
	return 0;
}

static int
xk_valid(const char *s)
{
	static const char *const placeholders[] = {
		"0123456789", "1234567890", "9876543210",
	};
	size_t k, same = 0;

	for (k = 0; k < 10; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		same += s[k] == s[0];
	}
	if (s[10] != '\0' || same == 10)
		return 0;
	for (k = 0; k < sizeof(placeholders) / sizeof(placeholders[0]); k++)
		if (strcmp(s, placeholders[k]) == 0)
			return 0;
	return 1;
}

int
names_pn_valid(enum names_country c, const char *s)
{
	struct name_date d;
	enum names_sex x;

	if (s == NULL)
		return 0;
	switch (c) {
	case NAMES_XK:
		return xk_valid(s);
	case NAMES_AL:
		return al_parse(s, &d, &x) == 0;
	default:
		return 0;
	}
}
