/*
 * i18n.c — message catalogues (i18n layer, above util, below tmpl and web).
 *
 * A strict reader for the small subset of gettext .po that po/ uses: msgid
 * and msgstr with the escapes \" \\ \n \t, strings continued on following
 * lines, comments and blank lines. Plural forms, msgctxt, duplicate msgids,
 * unterminated strings, unknown escapes, control characters and invalid
 * UTF-8 are errors with file:line. A first entry with an empty msgid (the
 * usual .po header) is skipped. After the three catalogues are read they are
 * checked against Albanian, the reference, and merged into one table sorted
 * by key, so that i18n_get() is a binary search over memory that nothing
 * writes until i18n_clear(): any number of threads may call it at once.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* A catalogue longer than this is refused (a bound for size arithmetic). */
#define I18N_MAX_LEN	(64UL * 1024 * 1024)

/* One msgid/msgstr pair as read; strings point into the file's pool. */
struct poent {
	const char	*id;
	const char	*str;
	size_t		 line;	/* of the msgid */
};

/* One catalogue being read. */
struct pofile {
	enum lang	 lang;
	const char	*name;	/* "sq.po", for messages */
	char		*pool;	/* unescaped strings back to back */
	size_t		 used, poolcap;
	struct poent	*ents;	/* in file order */
	size_t		 n, cap;
	struct poent	**sorted; /* by id, then line */
	int		 seen;	/* an entry, the header included, was read */
};

/* One key of the loaded catalogue, with its text in every language. */
struct entry {
	const char	*key;
	const char	*msg[LANG__MAX];
};

static const char *const codes[LANG__MAX] = {
	[LANG_SQ] = "sq",
	[LANG_EN] = "en",
	[LANG_SR] = "sr",
};

static const char *const ponames[LANG__MAX] = {
	[LANG_SQ] = "sq.po",
	[LANG_EN] = "en.po",
	[LANG_SR] = "sr.po",
};

/* The loaded catalogue: written by i18n_load() and i18n_clear() only. */
static struct entry	*cat;
static size_t		 ncat;
static unsigned		 generation;	/* changes with every load and clear */
static char		*catpools[LANG__MAX];

static void	seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/*
 * Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0 when
 * it is not one: overlong forms, surrogates and code points past U+10FFFF are
 * rejected.
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Line number (from 1) of the first byte that is not UTF-8, or 0. */
static size_t
utf8_badline(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k, line = 1;

	while (i < len) {
		if ((k = utf8_seq(s + i, len - i)) == 0)
			return line;
		if (s[i] == '\n')
			line++;
		i += k;
	}
	return 0;
}

static const char *
skipws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * Reads the quoted string at p (a line ending at end) and appends its
 * unescaped bytes to the pool. The pool needs no check for room: every
 * string is shorter than its source, quotes included, and the file's length
 * is the pool's size. Returns 0, or -1 with a message.
 */
static int
readstr(struct pofile *pf, size_t line, const char *p, const char *end,
    char *err, size_t errlen)
{
	unsigned char c;

	if (p == end || *p != '"') {
		seterr(err, errlen, "%s:%zu: expected a quoted string",
		    pf->name, line);
		return -1;
	}
	for (p++; p < end && *p != '"'; p++) {
		c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f) {
			seterr(err, errlen, "%s:%zu: control character in "
			    "string (use \\n or \\t)", pf->name, line);
			return -1;
		}
		if (c == '\\') {
			if (++p == end)
				break;
			switch (*p) {
			case '"':
			case '\\':
				c = (unsigned char)*p;
				break;
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			default:
				seterr(err, errlen, "%s:%zu: unknown escape "
				    "\\%c", pf->name, line,
				    (unsigned char)*p < 0x80 && *p > 0x20 ?
				    *p : '?');
				return -1;
			}
		}
		pf->pool[pf->used++] = (char)c;
	}
	if (p >= end) {
		seterr(err, errlen, "%s:%zu: unterminated string",
		    pf->name, line);
		return -1;
	}
	if (skipws(p + 1, end) != end) {
		seterr(err, errlen, "%s:%zu: text after the closing quote",
		    pf->name, line);
		return -1;
	}
	return 0;
}


/*
 * Ends the entry whose msgid starts at idoff in the pool and whose msgstr
 * starts at stroff. An empty msgid is the header when it comes first, an
 * error otherwise. Returns 0, or -1 with a message.
 */
static int
endent(struct pofile *pf, size_t idoff, size_t stroff, size_t line,
    char *err, size_t errlen)
{
	struct poent *np;
	size_t ncap;
	int first;

	pf->pool[pf->used++] = '\0';
	first = !pf->seen;
	pf->seen = 1;
	if (pf->pool[idoff] == '\0') {
		if (first)
			return 0;
		seterr(err, errlen, "%s:%zu: empty msgid (only the header, "
		    "first, may have one)", pf->name, line);
		return -1;
	}
	if (pf->n == pf->cap) {
		ncap = pf->cap ? pf->cap * 2 : 64;
		if ((np = reallocarray(pf->ents, ncap, sizeof(*np))) == NULL) {
			seterr(err, errlen, "%s: out of memory", pf->name);
			return -1;
		}
		pf->ents = np;
		pf->cap = ncap;
	}
	pf->ents[pf->n].id = pf->pool + idoff;
	pf->ents[pf->n].str = pf->pool + stroff;
	pf->ents[pf->n].line = line;
	pf->n++;
	return 0;
}

/* The keyword at the start of [p, end): its length, 0 when none. */
static size_t
keyword(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && ((*q >= 'a' && *q <= 'z') || *q == '_' ||
	    *q == '['))
		q++;
	return (size_t)(q - p);
}

static int
iskw(const char *p, size_t len, const char *kw)
{
	return strlen(kw) == len && memcmp(p, kw, len) == 0;
}

/*
 * Reads one .po file into pf (entries in file order, strings in pf->pool).
 * Returns 0, or -1 with "file:line: message" in err.
 */
static int
po_read(struct pofile *pf, const char *text, size_t len, char *err,
    size_t errlen)
{
	enum { S_IDLE, S_ID, S_STR } st = S_IDLE;
	const char *p, *end, *nl, *le, *q;
	size_t line, idline = 0, idoff = 0, stroff = 0, kl;

	if ((line = utf8_badline(text, len)) != 0) {
		seterr(err, errlen, "%s:%zu: invalid UTF-8", pf->name, line);
		return -1;
	}
	if (len > I18N_MAX_LEN) {
		seterr(err, errlen, "%s: longer than %lu bytes", pf->name,
		    I18N_MAX_LEN);
		return -1;
	}
	pf->poolcap = len + 1;
	if ((pf->pool = malloc(pf->poolcap)) == NULL) {
		seterr(err, errlen, "%s: out of memory", pf->name);
		return -1;
	}
	p = text;
	end = text + len;
	for (line = 1; p < end; line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		le = nl != NULL ? nl : end;
		if (le > p && le[-1] == '\r')
			le--;
		q = skipws(p, le);
		p = nl != NULL ? nl + 1 : end;

		if (q == le || *q == '#') {
			/* A blank line or a comment ends an entry. */
			if (st == S_ID)
				goto nostr;
			if (st == S_STR && endent(pf, idoff, stroff, idline,
			    err, errlen) == -1)
				return -1;
			st = S_IDLE;
			continue;
		}
		if (*q == '"') {
			if (st == S_IDLE) {
				seterr(err, errlen, "%s:%zu: string outside "
				    "an entry", pf->name, line);
				return -1;
			}
			if (readstr(pf, line, q, le, err, errlen) == -1)
				return -1;
			continue;
		}
		kl = keyword(q, le);
		if (iskw(q, kl, "msgid")) {
			if (st == S_ID)
				goto nostr;
			if (st == S_STR && endent(pf, idoff, stroff, idline,
			    err, errlen) == -1)
				return -1;
			st = S_ID;
			idline = line;
			idoff = pf->used;
		} else if (iskw(q, kl, "msgstr")) {
			if (st != S_ID) {
				seterr(err, errlen, "%s:%zu: msgstr without "
				    "msgid", pf->name, line);
				return -1;
			}
			pf->pool[pf->used++] = '\0';
			st = S_STR;
			stroff = pf->used;
		} else if (iskw(q, kl, "msgctxt")) {
			seterr(err, errlen, "%s:%zu: msgctxt is not supported",
			    pf->name, line);
			return -1;
		} else if (iskw(q, kl, "msgid_plural") ||
		    (kl >= 7 && memcmp(q, "msgstr[", 7) == 0)) {
			seterr(err, errlen, "%s:%zu: plural forms are not "
			    "supported", pf->name, line);
			return -1;
		} else {
			seterr(err, errlen, "%s:%zu: syntax error (expected "
			    "msgid, msgstr, a string or a comment)",
			    pf->name, line);
			return -1;
		}
		if (q + kl == le || (q[kl] != ' ' && q[kl] != '\t')) {
			seterr(err, errlen, "%s:%zu: expected a space and a "
			    "quoted string after %.*s", pf->name, line,
			    (int)(kl > 20 ? 20 : kl), q);
			return -1;
		}
		if (readstr(pf, line, skipws(q + kl, le), le, err,
		    errlen) == -1)
			return -1;
	}
	if (st == S_ID)
		goto nostr;
	if (st == S_STR && endent(pf, idoff, stroff, idline, err,
	    errlen) == -1)
		return -1;
	return 0;
nostr:
	seterr(err, errlen, "%s:%zu: msgid without msgstr", pf->name, idline);
	return -1;
}

static int
entcmp(const void *a, const void *b)
{
	const struct poent *x = *(const struct poent *const *)a;
	const struct poent *y = *(const struct poent *const *)b;
	int c;

	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * Sorts pf's entries by id into pf->sorted and rejects a duplicate msgid,
 * naming the earliest second definition. Returns 0, or -1 with a message.
 */
static int
po_sort(struct pofile *pf, char *err, size_t errlen)
{
	const struct poent *dup = NULL, *orig = NULL;
	size_t i;

	if ((pf->sorted = calloc(pf->n + 1, sizeof(*pf->sorted))) == NULL) {
		seterr(err, errlen, "%s: out of memory", pf->name);
		return -1;
	}
	for (i = 0; i < pf->n; i++)
		pf->sorted[i] = &pf->ents[i];
	qsort(pf->sorted, pf->n, sizeof(*pf->sorted), entcmp);
	for (i = 1; i < pf->n; i++) {
		if (strcmp(pf->sorted[i - 1]->id, pf->sorted[i]->id) != 0)
			continue;
		if (dup == NULL || pf->sorted[i]->line < dup->line) {
			dup = pf->sorted[i];
			orig = pf->sorted[i - 1];
		}
	}
	if (dup != NULL) {
		seterr(err, errlen, "%s:%zu: duplicate msgid \"%s\" (first at "
		    "line %zu)", pf->name, dup->line, dup->id, orig->line);
		return -1;
	}
	return 0;
}

static int
keycmp(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct poent *const *)elem)->id);
}

/* The entry of pf with that msgid, or NULL. */
static const struct poent *
po_find(const struct pofile *pf, const char *id)
{
	struct poent *const *e;

	if (pf->n == 0)
		return NULL;
	e = bsearch(id, pf->sorted, pf->n, sizeof(*pf->sorted), keycmp);
	return e != NULL ? *e : NULL;
}

/*
 * Checks the catalogues against Albanian: no key elsewhere that sq lacks,
 * every sq key present and non-empty everywhere. Keys are checked in file
 * order so the message names the first problem. Returns 0, or -1.
 */
static int
po_check(const struct pofile *pf, char *err, size_t errlen)
{
	const struct pofile *sq = &pf[LANG_SQ];
	const struct poent *e, *o;
	size_t i, l;

	for (l = 0; l < LANG__MAX; l++) {
		if (l == LANG_SQ)
			continue;
		for (i = 0; i < pf[l].n; i++) {
			e = &pf[l].ents[i];
			if (po_find(sq, e->id) == NULL) {
				seterr(err, errlen, "%s:%zu: key \"%s\" is "
				    "missing from %s", pf[l].name, e->line,
				    e->id, sq->name);
				return -1;
			}
		}
	}
	for (i = 0; i < sq->n; i++) {
		e = &sq->ents[i];
		for (l = 0; l < LANG__MAX; l++) {
			o = l == LANG_SQ ? e : po_find(&pf[l], e->id);
			if (o == NULL) {
				seterr(err, errlen, "%s: missing key \"%s\" "
				    "(%s:%zu)", pf[l].name, e->id, sq->name,
				    e->line);
				return -1;
			}
			if (o->str[0] == '\0') {
				seterr(err, errlen, "%s:%zu: empty msgstr for "
				    "\"%s\"", pf[l].name, o->line, o->id);
				return -1;
			}
		}
	}
	return 0;
}

/*
 * Reads the catalogues, one per language, checks them against Albanian and
 * replaces the loaded catalogue with them. On failure the loaded catalogue
 * is left as it was. Strings live in malloc'd pools, one per language, kept
 * until i18n_clear(). Not thread-safe: call before any thread reads.
 */
int
i18n_load(const struct i18n_src *src, size_t n, char *err, size_t errlen)
{
	struct pofile pf[LANG__MAX];
	struct entry *ncat_ents = NULL;
	const struct poent *e;
	size_t i, l;
	int rc = -1;

	memset(pf, 0, sizeof(pf));
	for (l = 0; l < LANG__MAX; l++) {
		pf[l].lang = (enum lang)l;
		pf[l].name = ponames[l];
	}
	for (i = 0; i < n; i++) {
		if ((unsigned)src[i].lang >= LANG__MAX) {
			seterr(err, errlen, "catalogue %zu: unknown language "
			    "%d", i, (int)src[i].lang);
			goto out;
		}
		l = src[i].lang;
		if (pf[l].pool != NULL) {
			seterr(err, errlen, "%s: given twice", pf[l].name);
			goto out;
		}
		if (src[i].text == NULL && src[i].len > 0) {
			seterr(err, errlen, "%s: no text", pf[l].name);
			goto out;
		}
		if (po_read(&pf[l], src[i].text != NULL ? src[i].text : "",
		    src[i].len, err, errlen) == -1 ||
		    po_sort(&pf[l], err, errlen) == -1)
			goto out;
	}
	for (l = 0; l < LANG__MAX; l++) {
		if (pf[l].pool == NULL) {
			seterr(err, errlen, "%s: catalogue missing",
			    pf[l].name);
			goto out;
		}
	}
	if (po_check(pf, err, errlen) == -1)
		goto out;

	if ((ncat_ents = calloc(pf[LANG_SQ].n + 1, sizeof(*ncat_ents))) ==
	    NULL) {
		seterr(err, errlen, "i18n: out of memory");
		goto out;
	}
	for (i = 0; i < pf[LANG_SQ].n; i++) {
		ncat_ents[i].key = pf[LANG_SQ].sorted[i]->id;
		for (l = 0; l < LANG__MAX; l++) {
			e = po_find(&pf[l], ncat_ents[i].key);
			ncat_ents[i].msg[l] = e->str;
		}
	}

	i18n_clear();
	cat = ncat_ents;
	ncat = pf[LANG_SQ].n;
	for (l = 0; l < LANG__MAX; l++) {
		catpools[l] = pf[l].pool;
		pf[l].pool = NULL;
	}
	rc = 0;
out:
	for (l = 0; l < LANG__MAX; l++) {
		free(pf[l].pool);
		free(pf[l].ents);
		free(pf[l].sorted);
	}
	return rc;
}

/* Frees the loaded catalogue; i18n_get() then returns keys. */
void
i18n_clear(void)
{
	size_t l;

	free(cat);
	cat = NULL;
	ncat = 0;
	generation++;
	for (l = 0; l < LANG__MAX; l++) {
		free(catpools[l]);
		catpools[l] = NULL;
	}
}

static int
catcmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entry *)elem)->key);
}

static const struct entry *
cat_find(const char *key)
{
	if (ncat == 0 || key == NULL)
		return NULL;
	return bsearch(key, cat, ncat, sizeof(*cat), catcmp);
}

/*
 * The message for key in lang; the key itself when it is missing ("" for a
 * NULL key). An unknown lang reads as Albanian. Read-only: safe from any
 * number of threads once i18n_load() has returned.
 */
const char *
i18n_get(enum lang lang, const char *key)
{
	const struct entry *e;

	if ((e = cat_find(key)) == NULL)
		return key != NULL ? key : "";
	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_SQ;
	return e->msg[lang];
}

long
i18n_index(const char *key)
{
	const struct entry *e = cat_find(key);

	return e != NULL ? (long)(e - cat) : -1;
}

unsigned
i18n_generation(void)
{
	return generation;
}

const char *
i18n_at(long idx, enum lang lang)
{
	if (idx < 0 || (size_t)idx >= ncat)
		return "";
	if ((unsigned)lang >= LANG__MAX)
		lang = LANG_SQ;
	return cat[idx].msg[lang];
}

/* 1 when key is in the catalogue. */
int
i18n_has(const char *key)
{
	return cat_find(key) != NULL;
}

size_t
i18n_count(void)
{
	return ncat;
}

/* The i-th key in byte order, or NULL past the end. */
const char *
i18n_key(size_t i)
{
	return i < ncat ? cat[i].key : NULL;
}

/* "sq", "en" or "sr"; "sq" for a value outside the enum. */
const char *
lang_code(enum lang lang)
{
	if ((unsigned)lang >= LANG__MAX)
		return codes[LANG_SQ];
	return codes[lang];
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The language whose code is the n bytes at s (any case), or -1. */
static int
code_match(const char *s, size_t n)
{
	size_t l;

	if (n != 2)
		return -1;
	for (l = 0; l < LANG__MAX; l++)
		if (lower((unsigned char)s[0]) == codes[l][0] &&
		    lower((unsigned char)s[1]) == codes[l][1])
			return (int)l;
	return -1;
}

/* A language from its code ("sq", "en", "sr", any case), or -1. */
int
lang_parse(const char *code)
{
	if (code == NULL)
		return -1;
	return code_match(code, strlen(code));
}

static int
isalpha_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
isdigit_ascii(int c)
{
	return c >= '0' && c <= '9';
}

static const char *
skipows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * Parses an RFC 9110 qvalue at p ("0", "0.5", "1.000"), storing it in
 * thousandths. Returns the end of it, or NULL when malformed.
 */
static const char *
qvalue(const char *p, int *q)
{
	int v, i, scale = 100;

	if (*p != '0' && *p != '1')
		return NULL;
	v = (*p++ - '0') * 1000;
	if (*p == '.') {
		p++;
		for (i = 0; i < 3 && isdigit_ascii((unsigned char)*p); i++) {
			v += (*p++ - '0') * scale;
			scale /= 10;
		}
	}
	if (v > 1000 || isdigit_ascii((unsigned char)*p))
		return NULL;
	*q = v;
	return p;
}

/*
 * Picks the language from an Accept-Language header: each element is a
 * language range ("sq", "sq-AL", "sr-Latn", "en-GB", "*") with an optional
 * q; a range matches one of ours by its primary subtag. The highest q above
 * zero wins, the earlier element on a tie; "*" stands for every language not
 * named; malformed elements are skipped. LANG_SQ when nothing matches.
 */
enum lang
lang_from_accept(const char *h)
{
	int qs[LANG__MAX], pos[LANG__MAX], qstar = -1, posstar = 0;
	int idx, q, l, best = LANG_SQ, bq = 0, bpos = 0, lq, lpos, ok;
	const char *p, *np, *tag, *prim;
	size_t taglen, primlen;

	for (l = 0; l < LANG__MAX; l++)
		qs[l] = -1, pos[l] = 0;
	if (h == NULL)
		return LANG_SQ;
	for (p = h, idx = 0; *p != '\0'; idx++) {
		p = skipows(p);
		tag = p;
		while (isalpha_ascii((unsigned char)*p) ||
		    isdigit_ascii((unsigned char)*p) || *p == '-' || *p == '*')
			p++;
		taglen = (size_t)(p - tag);
		q = 1000;
		ok = taglen > 0;
		p = skipows(p);
		while (*p == ';') {
			p = skipows(p + 1);
			if ((*p == 'q' || *p == 'Q') && p[1] == '=') {
				if ((np = qvalue(p + 2, &q)) == NULL) {
					ok = 0;
					break;
				}
				p = np;
			} else
				while (*p != '\0' && *p != ';' && *p != ',')
					p++;
			p = skipows(p);
		}
		if (*p != ',' && *p != '\0') {
			/* Junk in the element: skip to the next one. */
			ok = 0;
			while (*p != '\0' && *p != ',')
				p++;
		}
		if (*p == ',')
			p++;
		if (!ok)
			continue;
		if (taglen == 1 && tag[0] == '*') {
			if (q > qstar) {
				qstar = q;
				posstar = idx;
			}
			continue;
		}
		prim = tag;
		for (primlen = 0; primlen < taglen && tag[primlen] != '-';
		    primlen++)
			if (!isalpha_ascii((unsigned char)tag[primlen]))
				break;
		if (primlen < taglen && tag[primlen] != '-')
			continue;
		if ((l = code_match(prim, primlen)) == -1)
			continue;
		if (q > qs[l]) {
			qs[l] = q;
			pos[l] = idx;
		}
	}
	for (l = 0; l < LANG__MAX; l++) {
		lq = qs[l] >= 0 ? qs[l] : qstar;
		lpos = qs[l] >= 0 ? pos[l] : posstar;
		if (lq <= 0)
			continue;
		if (lq > bq || (lq == bq && lpos < bpos)) {
			best = l;
			bq = lq;
			bpos = lpos;
		}
	}
	return (enum lang)best;
}
