/*
 * import.c — imports of training participants, providers and licences
 * from CSV or XLSX files (svc layer; see import.h). The file is read with
 * util/csv.h or util/xlsx.h into one grid of cells, checked the same way
 * whatever its format; each row goes through the domain's own rules inside
 * one transaction, with a scratch arena per row so a file of 100,000 rows
 * stays within memory. Participants take two threads besides the file's
 * digest: the caller's checks and writes, a helper compares, folds, sorts
 * and matches (struct helper); nothing they share is touched but under its
 * mutex or after a hand-over through it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../audit/audit.h"
#include "../store/query.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/csv.h"
#include "../util/log.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../util/xlsx.h"
#include "agency.h"
#include "import.h"
#include "provider.h"
#include "training.h"

#define ROW_ARENA	(4u * 1024 * 1024)
#define MUNI_CACHE	512
#define PROGRESS_EVERY	1000	/* rows between progress calls */
#define PREP_EVERY	256	/* rows the helper prepares between wake-ups */
#define PREP_ARENA	(1024u * 1024 * 1024)	/* the helper's: a limit */
#define PX_ARENA	(1024u * 1024 * 1024)	/* the name index's */
#define ORG_SIMILAR	0.9	/* names_similarity(): the same provider */

const char *const import_kinds[] = { "participants", "licences",
	"providers", NULL };

static const char *const participant_cols[] = { "given_name",
	"family_name", "sex", "profile", "municipality", "organisation",
	"email", "agency", NULL };
static const char *const licence_cols[] = { "provider", "number",
	"services", "municipalities", "issued", "expires", "capacity", NULL };
static const char *const provider_cols[] = { "code", "name",
	"municipality", "legal_form", "registration_no", "address",
	"contact_phone", "contact_email", "description", NULL };

int
import_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && import_kinds[i] != NULL; i++)
		if (strcmp(import_kinds[i], s) == 0)
			return (int)i;
	return -1;
}

const char *const *
import_columns(enum import_kind k, size_t *nrequired)
{
	if (k == IMPORT_LICENCES) {
		if (nrequired != NULL)
			*nrequired = 7;
		return licence_cols;
	}
	if (k == IMPORT_PROVIDERS) {
		if (nrequired != NULL)
			*nrequired = 4;
		return provider_cols;
	}
	if (nrequired != NULL)
		*nrequired = 5;
	return participant_cols;
}

/*
 * The name index of the participants (the register and the rows of this
 * file so far), so each row is matched in constant time instead of a
 * query that reads every professional sharing a given name: a
 * professional is a candidate when their folded family name is the row's,
 * is one edit away from it (both indexed under every one-character
 * deletion: the "symmetric delete" scheme), or is the row's given name
 * (names swapped). The index holds hashes of those keys, not the keys: a
 * collision only adds a candidate, and every candidate is then scored by
 * names_match_score(), as training_prof_candidates() scores them, from
 * NAMES_SCORE_POSSIBLE. Speed: a row's keys are looked up once; the slots
 * found are where the row is added when it passes (no second probe), and
 * the table stays at most three quarters full (8 bytes a slot: 16 MB for
 * the million keys of 100,000 names; half full, it was twice that: 4,000
 * more pages for the kernel to fault in, for probes that are short either
 * way, as a probe's next slots are in the same cache line).
 */
struct pent {
	int64_t		 id;		/* in the register; 0: a row */
	size_t		 line;		/* the row of this file; 0: register */
	const char	*given, *family;
	const char	*fold;		/* names_fold(family) */
	enum names_sex	 sex;
	size_t		 stamp;		/* the last row that looked at it */
};

struct plink {
	uint32_t	 ent;
	int32_t		 next;		/* -1: end */
};

/* A slot: the hash's low bits are its place, tag its high 32 bits. */
struct pslot {
	uint32_t	 tag;
	int32_t		 head;		/* into links; -1: an empty slot */
};

struct pindex {
	struct arena	*a;
	struct pent	*ent;
	size_t		 nent, capent;
	struct plink	*link;
	size_t		 nlink, caplink;
	struct pslot	*slot;
	size_t		 nslot, used;	/* nslot: a power of two */
};

#define PX_KEYS		64	/* keys of one name: itself, its deletions */

/* One data row as read: its line and its cells in column order. */
struct row {
	size_t		 line;
	const char	**cell;		/* by column of the kind; "" absent */
};

struct muni {
	const char	*code;
	int64_t		 id;		/* 0: no such municipality */
	const char	*country;
};

/* A participant checked and matched, to be written once every row has
 * passed (in the order of the name index: see write_participants()). */
struct pend {
	const struct row	*w;
	const char		*fg, *ff;	/* names_fold() */
	int64_t			 agency_id, muni_id;
};

/* A provider of the registry or of the file so far, for the name match. */
struct org {
	int64_t		 id;
	const char	*code, *name, *key;	/* key: names_fold(name) */
};

/*
 * The file's SHA-256 for the audit row, computed on a thread of its own
 * while the rows are read and checked (it is a twelfth of the work, and
 * nothing else waits for it); on this thread when none can be started.
 */
struct digest {
	const unsigned char	*data;
	size_t			 len;
	unsigned char		 h[crypto_hash_sha256_BYTES];
	pthread_t		 t;
	int			 running;
};

/*
 * The work on a participant's row that needs no check of the rows before
 * it, done by the helper (struct helper) as the file is read: the row
 * compared with the rows before it (an identical one is a duplicate), its
 * two names folded, and, once every row is prepared, the rows sorted in
 * the order they are written (write_participants()). The results are
 * what the caller's thread would compute (the same functions on the same
 * input); a row the helper has not prepared in time, or could not (its
 * arena full), is folded there.
 */
struct prep {
	const char	*fg, *ff;	/* names_fold(); NULL: not prepared */
	size_t		 dup;		/* an identical row's line, or 0 */
};

/* What was wrong with a row (msg NULL: nothing), reported in the order
 * of the rows once both passes are over. */
struct rowerr {
	const char	*field, *msg, *arg;
};

/*
 * The helper's thread: prepares every row (struct prep) as the file is
 * read, and sorts them, then matches each row that passed its checks, in
 * order, against the name index (the register and the rows before it),
 * while the caller's thread checks the rows and then writes them. The
 * caller's thread publishes how far the file is read (parsed) and the
 * checks are (checked), the helper how far it is (done, matched), under
 * mu; each waits on the other with cv, and keeps what it last saw
 * (seen_*) so that it takes mu once in PREP_EVERY rows, not once a row.
 * The index is the helper's alone once handed over (pxready).
 */
struct helper {
	const struct row	*rows;	/* [cap]: never moved while it runs */
	size_t			 cap, ncols;
	size_t			 nrows;	/* all read: set once parsed_all */
	size_t			*dup;		/* duplicate()'s table */
	size_t			 ndup;
	struct arena		*a;	/* the helper's own */
	struct prep		*prep;	/* [cap] */
	size_t			*order;	/* rows in the order of the index */
	size_t			 missing;	/* rows not prepared */
	size_t			 ndups;		/* rows with prep.dup */
	struct pindex		*px;	/* the name index */
	struct arena		*pxa;	/* its arena, the helper's to free */
	const struct pend	*pend;	/* [cap]: row k passed its checks
					   when pend[k].w != NULL */
	struct rowerr		*err;	/* [cap] */
	size_t			 parsed;	/* rows read so far */
	int			 parsed_all;	/* nrows is the count */
	size_t			 pxready;	/* 1: px and pxa set */
	size_t			 done;	/* prep[0..done) ready; nrows + 1:
					   order too */
	size_t			 checked;	/* rows through their checks */
	size_t			 matched;	/* rows through the match */
	int			 stop;	/* the caller gave up */
	size_t			 seen_done, seen_matched;	/* caller's */
	size_t			 seen_parsed;			/* helper's */
	size_t			 seen_checked, seen_px;		/* helper's */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 t;
	int			 running;
};

struct run {
	struct svc		*s;
	struct arena		*a;	/* the report's, the caller's */
	struct arena		*ra;	/* scratch, per row */
	enum import_kind	 kind;
	const char *const	*cols;
	size_t			 ncols, nreq;
	int			 map[CSV_MAX_FIELDS];	/* file col -> kind col */
	size_t			 nfile;
	struct row		*rows;
	size_t			 nrows, cap;
	struct import_report	*rep;
	int			 bad_file;
	/* Exact duplicate rows: an open-addressing table of row indexes. */
	size_t			*dup;
	size_t			 ndup;
	struct muni		 munis[MUNI_CACHE];
	size_t			 nmunis;
	int			 dry;
	int			 xlsx, have_header;
	const struct import_opts *o;
	struct digest		*dg;	/* of the file, for the audit row */
	int64_t			 now;		/* created_at of the rows */
	struct pindex		*px;	/* participants: the name index */
	struct helper		*hp;	/* participants: rows prepared */
	struct arena		*pxa;	/* participants: the index's */
	struct rowerr		*err;	/* participants: [nrows] */
	struct pend		*pend;	/* participants: to be written */
	size_t			 npend;
	struct org		*orgs;	/* providers: the registry and file */
	size_t			 norgs, caporgs;
};

static int	helper_start(struct run *, size_t);
static void	helper_rows(struct helper *, size_t, int);

static void *
digest_run(void *arg)
{
	struct digest *d = arg;

	crypto_hash_sha256(d->h, d->data, d->len);
	return NULL;
}

static void
digest_start(struct digest *d, const char *data, size_t len)
{
	d->data = (const unsigned char *)data;
	d->len = len;
	d->running = pthread_create(&d->t, NULL, digest_run, d) == 0;
	if (!d->running)
		(void)digest_run(d);
}

/* Waits for the digest; its hex in a, or NULL (a is full). */
static const char *
digest_hex(struct digest *d, struct arena *a)
{
	char *hex;

	if (d->running) {
		(void)pthread_join(d->t, NULL);
		d->running = 0;
	}
	if (a == NULL || (hex = arena_alloc(a, sizeof(d->h) * 2 + 1)) == NULL)
		return NULL;
	sodium_bin2hex(hex, sizeof(d->h) * 2 + 1, d->h, sizeof(d->h));
	return hex;
}

static void
report(struct run *r, size_t line, const char *col, const char *msg,
    const char *arg)
{
	struct import_report *p = r->rep;
	struct import_error *e;

	p->nerr_total++;
	if (p->nerr >= IMPORT_ERRORS_MAX)
		return;
	e = &p->err[p->nerr++];
	e->row = line;
	e->column = col;
	e->msg = arena_strdup(r->a, msg ? msg : "error.field.invalid");
	e->arg = arg ? arena_strdup(r->a, arg) : NULL;
}

/* svc_fail() with an argument shown after the message. */
static enum svc_rc
fail_arg(struct svc *s, const char *field, const char *msg, const char *arg)
{
	enum svc_rc rc = svc_fail(s, SVC_INVALID, field, msg);

	s->err.arg = arg;
	return rc;
}

static int
formula(const char *v)
{
	return v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
	    v[0] == '\t' || v[0] == '\r';
}

/* A telephone number in international form (+383 44 123 456): digits,
 * spaces and + ( ) - / only, so no spreadsheet reads a formula in it. */
static int
phone_number(const char *v)
{
	return v[0] == '+' && v[strspn(v, "0123456789 +()-/")] == '\0';
}

static int
header(struct run *r, char **f, size_t n)
{
	size_t i, j;
	int seen[CSV_MAX_FIELDS];

	memset(seen, 0, sizeof(seen));
	r->nfile = n;
	for (i = 0; i < n; i++) {
		char *name = utf8_squash(r->a, f[i]);

		r->map[i] = -1;
		for (j = 0; name != NULL && j < r->ncols; j++)
			if (strcmp(name, r->cols[j]) == 0)
				break;
		if (name == NULL || j == r->ncols) {
			report(r, 1, NULL, "import.err.unknown_column",
			    name ? name : "?");
			r->bad_file = 1;
		} else if (seen[j]) {
			report(r, 1, r->cols[j], "import.err.column_twice",
			    r->cols[j]);
			r->bad_file = 1;
		} else {
			seen[j] = 1;
			r->map[i] = (int)j;
		}
	}
	for (j = 0; j < r->nreq; j++)
		if (!seen[j]) {
			report(r, 1, r->cols[j], "import.err.missing_column",
			    r->cols[j]);
			r->bad_file = 1;
		}
	return 0;
}

static uint64_t
row_hash(const struct row *w, size_t ncols)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	const unsigned char *p;

	for (i = 0; i < ncols; i++) {
		for (p = (const unsigned char *)w->cell[i]; *p; p++)
			h = (h ^ *p) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	return h;
}

static int
row_same(const struct row *a, const struct row *b, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (strcmp(a->cell[i], b->cell[i]) != 0)
			return 0;
	return 1;
}

/* 0, or the line of a row before row k identical to it, in the table
 * dup of ndup slots (a power of two) of the rows before it. */
static size_t
dup_line(const struct row *rows, size_t ncols, size_t *dup, size_t ndup,
    size_t k)
{
	size_t i, m = ndup - 1;

	for (i = row_hash(&rows[k], ncols) & m; dup[i] != 0; i = (i + 1) & m)
		if (row_same(&rows[dup[i] - 1], &rows[k], ncols))
			return rows[dup[i] - 1].line;
	dup[i] = k + 1;
	return 0;
}

static size_t
duplicate(struct run *r, size_t k)
{
	return dup_line(r->rows, r->ncols, r->dup, r->ndup, k);
}

/*
 * The length of cell s when utf8_squash() would give it unchanged, or
 * SIZE_MAX. Most cells are printable ASCII with nothing to squash (no
 * white space at either end, single spaces inside): those are copied as
 * they are, without the per-character decoding.
 */
static size_t
plain_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p > ' ' && *p < 0x7f; p++)
		if (p[1] == ' ' && p[2] > ' ' && p[2] < 0x7f)
			p++;
	return *p == '\0' ? (size_t)(p - (const unsigned char *)s) : SIZE_MAX;
}

static int
record_cb(void *arg, size_t line, char **f, size_t n)
{
	struct run *r = arg;
	struct row *w;
	size_t i, empty, need, len[CSV_MAX_FIELDS];
	char *blk;

	if (!r->have_header) {
		r->have_header = 1;
		return header(r, f, n);
	}
	for (i = 0, empty = 1; i < n; i++)
		if (f[i][0] != '\0')
			empty = 0;
	if (empty)
		return 0;	/* a blank line, as spreadsheets leave at the end */
	r->rep->rows++;
	if (r->rep->rows > IMPORT_ROWS_MAX) {
		report(r, line, NULL, "import.err.too_many_rows", NULL);
		r->bad_file = 1;
		return 1;
	}
	if (r->nrows == r->cap && r->hp != NULL)
		return -2;	/* the helper's rows must not move */
	if (r->nrows == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 256;
		struct row *nr = arena_alloc(r->a, nc * sizeof(*nr));

		if (nr == NULL)
			return -2;
		if (r->nrows)
			memcpy(nr, r->rows, r->nrows * sizeof(*nr));
		r->rows = nr;
		r->cap = nc;
	}
	w = &r->rows[r->nrows];
	w->line = line;
	/* The row's cells and the plain ones' text in one block: a file of
	 * 100,000 rows makes 100,000 allocations, not 700,000. */
	need = r->ncols * sizeof(char *);
	for (i = 0; i < n && n <= r->nfile; i++)
		if (r->map[i] >= 0 && (len[i] = plain_len(f[i])) != SIZE_MAX)
			need += len[i] + 1;
	if ((blk = arena_alloc(r->a, need)) == NULL)
		return -2;
	w->cell = (const char **)(void *)blk;
	blk += r->ncols * sizeof(char *);
	for (i = 0; i < r->ncols; i++)
		w->cell[i] = "";
	/* A spreadsheet leaves out the empty cells at the end of a row. */
	if (n != r->nfile && !(r->xlsx && n < r->nfile)) {
		report(r, line, NULL, "import.err.field_count",
		    arena_printf(r->a, "%zu/%zu", n, r->nfile));
		r->rep->failed++;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (r->map[i] < 0)
			continue;
		if (formula(f[i]) && !(strcmp(r->cols[r->map[i]],
		    "contact_phone") == 0 && phone_number(f[i]))) {
			report(r, line, r->cols[r->map[i]], "import.err.formula",
			    NULL);
			r->rep->failed++;
			return 0;
		}
		if (len[i] != SIZE_MAX) {	/* counted in need */
			memcpy(blk, f[i], len[i]);
			blk[len[i]] = '\0';
			w->cell[r->map[i]] = blk;
			blk += len[i] + 1;
		} else if ((w->cell[r->map[i]] = utf8_squash(r->a, f[i])) ==
		    NULL)
			return -2;
	}
	r->nrows++;
	if (r->nrows % PREP_EVERY == 0)
		helper_rows(r->hp, r->nrows, 0);
	return 0;
}

struct muni_look {
	struct arena	*a;
	struct muni	 m;
};

static int
muni_cb(void *arg, const struct store_row *w)
{
	struct muni_look *l = arg;

	l->m.id = srow_int(w, 0);
	return (l->m.country = arena_strdup(l->a, srow_text(w, 1))) == NULL;
}

/* The id of the municipality of code (0: none; -1: the store failed) and
 * its country into *country (may be NULL), from the run's cache. */
static int64_t
muni_id(struct run *r, const char *code, const char **country)
{
	struct sp p[1];
	struct muni_look l;
	size_t i;

	for (i = 0; i < r->nmunis; i++)
		if (strcmp(r->munis[i].code, code) == 0)
			break;
	if (i == r->nmunis) {
		memset(&l, 0, sizeof(l));
		l.a = r->a;
		p[0] = sp_text(code);
		if (store_exec(r->s->st, Q_IM_MUNI, p, 1, muni_cb, &l, NULL) !=
		    STORE_OK || arena_failed(r->a) ||
		    (l.m.code = arena_strdup(r->a, code)) == NULL)
			return -1;
		if (l.m.country == NULL)
			l.m.country = "";
		if (r->nmunis == MUNI_CACHE)
			i = MUNI_CACHE - 1;	/* the last one replaced */
		else
			r->nmunis++;
		r->munis[i] = l.m;
	}
	if (country != NULL)
		*country = r->munis[i].country;
	return r->munis[i].id;
}

/* Splits a cell on IMPORT_LIST_SEP into trimmed, non-empty parts. */
static const char **
split(struct arena *a, const char *v, size_t *n)
{
	const char **out;
	char *c, *p, *q;
	size_t cap = 1;

	for (p = (char *)v; *p; p++)
		if (*p == IMPORT_LIST_SEP)
			cap++;
	*n = 0;
	if ((out = arena_alloc(a, cap * sizeof(*out))) == NULL ||
	    (c = arena_strdup(a, v)) == NULL)
		return NULL;
	for (p = c; p != NULL; p = q) {
		if ((q = strchr(p, IMPORT_LIST_SEP)) != NULL)
			*q++ = '\0';
		if ((p = utf8_squash(a, p)) != NULL && *p != '\0')
			out[(*n)++] = p;
	}
	return out;
}

/* The column of a service's error field. */
static const char *
column_of(struct run *r, const char *field)
{
	size_t i;

	if (field == NULL)
		return NULL;
	if (strcmp(field, "licence_number") == 0)
		return "number";
	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], field) == 0)
			return r->cols[i];
	return NULL;
}

#define FNV_BASIS	1469598103934665603ULL
#define FNV_PRIME	1099511628211ULL

/*
 * The hashes of folded key k and of each of its one-character deletions
 * (a folded key is ASCII) into h[PX_KEYS]; how many. A key too long for
 * PX_KEYS - 1 deletions is indexed whole.
 */
static size_t
px_hashes(const char *k, uint64_t *h)
{
	uint64_t pre[PX_KEYS], x;
	size_t n = strlen(k), i, j, nh = 0;

	x = FNV_BASIS;
	for (i = 0; i < n; i++) {
		if (i < PX_KEYS)
			pre[i] = x;
		x = (x ^ (unsigned char)k[i]) * FNV_PRIME;
	}
	h[nh++] = x;
	if (n < 3 || n >= PX_KEYS)
		return nh;
	for (i = 0; i < n; i++) {
		if (i > 0 && k[i] == k[i - 1])
			continue;	/* the same deletion as before */
		x = pre[i];
		for (j = i + 1; j < n; j++)
			x = (x ^ (unsigned char)k[j]) * FNV_PRIME;
		h[nh++] = x;
	}
	return nh;
}

/* The hash of the whole key: px_hashes()'s first. */
static uint64_t
px_hash(const char *k)
{
	uint64_t x = FNV_BASIS;

	for (; *k != '\0'; k++)
		x = (x ^ (unsigned char)*k) * FNV_PRIME;
	return x;
}

static struct pslot *
px_find(struct pindex *x, uint64_t h)
{
	size_t i, m = x->nslot - 1;
	uint32_t tag = (uint32_t)(h >> 32);

	for (i = (size_t)h & m; x->slot[i].head >= 0 &&
	    x->slot[i].tag != tag; i = (i + 1) & m)
		;
	return &x->slot[i];
}

/* Links entry e under hash h at slot p (found by px_find() for h since
 * the last insert, or NULL). */
static int
px_put(struct pindex *x, struct pslot *p, uint64_t h, uint32_t e)
{
	uint32_t tag = (uint32_t)(h >> 32);

	if (x->nlink == x->caplink) {
		size_t nc = x->caplink ? x->caplink * 2 : 1u << 16;
		struct plink *nl = arena_alloc(x->a, nc * sizeof(*nl));

		if (nl == NULL)
			return -1;
		if (x->nlink)
			memcpy(nl, x->link, x->nlink * sizeof(*nl));
		x->link = nl;
		x->caplink = nc;
	}
	/* Another key of the same row may have taken the empty slot. */
	if (p == NULL || (p->head >= 0 && p->tag != tag))
		p = px_find(x, h);
	if (p->head < 0) {
		p->tag = tag;
		x->used++;
	}
	x->link[x->nlink].ent = e;
	x->link[x->nlink].next = p->head;
	p->head = (int32_t)x->nlink++;
	return 0;
}

/*
 * Makes room for keys more keys (the table at most 3/4 full). A slot
 * keeps only part of its hash, so a larger table is filled again from
 * the entries' folded names. Called before a row's lookup, never between
 * the lookup and the add that reuses its slots.
 */
static int
px_room(struct pindex *x, size_t keys)
{
	uint64_t h[PX_KEYS];
	size_t i, k, nh, ns;

	for (ns = x->nslot ? x->nslot : 1u << 16; ns - ns / 4 < x->used + keys;
	    ns *= 2)
		;
	if (ns == x->nslot)
		return 0;
	if ((x->slot = arena_alloc(x->a, ns * sizeof(*x->slot))) == NULL)
		return -1;
	x->nslot = ns;
	for (i = 0; i < ns; i++)
		x->slot[i].head = -1;
	x->used = 0;
	x->nlink = 0;
	for (i = 0; i < x->nent; i++) {
		nh = px_hashes(x->ent[i].fold, h);
		for (k = 0; k < nh; k++)
			if (px_put(x, NULL, h[k], (uint32_t)i) != 0)
				return -1;
	}
	return 0;
}

static enum names_sex
sex_of(const char *s)
{
	if (strcmp(s, "female") == 0)
		return NAMES_SEX_FEMALE;
	if (strcmp(s, "male") == 0)
		return NAMES_SEX_MALE;
	return NAMES_SEX_UNKNOWN;
}

/* Adds a professional of the register (id) or a row of the file (line)
 * under the keys h[0..nh) of fold, their folded family name; sl[i] (sl
 * may be NULL) is the slot px_match() found for h[i]. The strings are
 * kept, not copied: they must last as long as the index. */
static int
px_add(struct pindex *x, int64_t id, size_t line, const char *given,
    const char *family, const char *fold, const char *sex,
    const uint64_t *h, size_t nh, struct pslot *const *sl)
{
	struct pent *e;
	size_t i;

	if (x->nent == x->capent) {
		size_t nc = x->capent ? x->capent * 2 : 4096;
		struct pent *ne = arena_alloc(x->a, nc * sizeof(*ne));

		if (ne == NULL)
			return -1;
		if (x->nent)
			memcpy(ne, x->ent, x->nent * sizeof(*ne));
		x->ent = ne;
		x->capent = nc;
	}
	e = &x->ent[x->nent];
	e->id = id;
	e->line = line;
	e->given = given;
	e->family = family;
	e->fold = fold;
	e->sex = sex_of(sex);
	e->stamp = 0;
	for (i = 0; i < nh; i++)
		if (px_put(x, sl ? sl[i] : NULL, h[i], (uint32_t)x->nent) != 0)
			return -1;
	x->nent++;
	return 0;
}

static int
px_load_cb(void *arg, const struct store_row *w)
{
	struct pindex *x = arg;
	const char *given, *family, *fold;

	/* Only kept: the helper indexes them (match_all()). */
	if ((given = arena_strdup(x->a, srow_text(w, 1))) == NULL ||
	    (family = arena_strdup(x->a, srow_text(w, 2))) == NULL ||
	    (fold = arena_strdup(x->a, srow_text(w, 4))) == NULL)
		return 1;
	return px_add(x, srow_int(w, 0), 0, given, family, fold,
	    srow_text(w, 5), NULL, 0, NULL) != 0;
}

struct px_look {
	struct pindex		*x;
	size_t			 stamp;
	const struct name_query	*q;
	int			 best;
	const struct pent	*found;
};

/* Scores the entries under hash h; the slot found (or where h would go). */
static struct pslot *
px_look_key(struct px_look *l, uint64_t h)
{
	struct pindex *x = l->x;
	struct pslot *p = px_find(x, h);
	struct name_candidate b;
	struct match_result m;
	struct pent *e;
	int32_t i;
	int sc;

	for (i = p->head; i >= 0; i = x->link[i].next) {
		e = &x->ent[x->link[i].ent];
		if (e->stamp == l->stamp)
			continue;
		e->stamp = l->stamp;
		/* Of another sex (both known: a participant's always is),
		 * names_match_score() gives at most 60 for the names and
		 * takes 20 for the sex: below NAMES_SCORE_POSSIBLE, never a
		 * match, so it is not scored (test_import's test_sex holds
		 * names.c to that). */
		if (e->sex != l->q->sex && e->sex != NAMES_SEX_UNKNOWN &&
		    l->q->sex != NAMES_SEX_UNKNOWN)
			continue;
		memset(&b, 0, sizeof(b));
		b.child_id = e->id;
		b.person.given = e->given;
		b.person.family = e->family;
		b.person.sex = e->sex;
		sc = names_match_score(l->q, &b, &m);
		if (sc >= NAMES_SCORE_POSSIBLE && (l->found == NULL ||
		    sc > l->best || (sc == l->best && e < l->found))) {
			l->best = sc;
			l->found = e;
		}
	}
	return p;
}

/* The best match of a row's names (keys h[0..nh) of the family name,
 * hg of the given name), or NULL; sl[i] gets the slot of h[i]. */
static const struct pent *
px_match(struct pindex *x, const char *given, const char *family,
    const char *sex, size_t stamp, const uint64_t *h, size_t nh, uint64_t hg,
    struct pslot **sl)
{
	struct name_query q;
	struct px_look l;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.given = given;
	q.family = family;
	q.sex = sex_of(sex);
	memset(&l, 0, sizeof(l));
	l.x = x;
	l.stamp = stamp;
	l.q = &q;
	for (i = 0; i < nh; i++)
		sl[i] = px_look_key(&l, h[i]);
	(void)px_look_key(&l, hg);	/* names swapped */
	return l.found;
}

static enum svc_rc
px_load(struct run *r)
{
	struct sp p[1];

	/* An arena of its own: the helper's thread grows the index while
	 * this one allocates from the run's. */
	if ((r->px = arena_zalloc(r->a, sizeof(*r->px))) == NULL ||
	    (r->pxa = arena_new(PX_ARENA)) == NULL)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	r->px->a = r->pxa;
	/* About eleven keys a name: sized once for the file's rows (the
	 * register's grow them), so the arrays are not copied as they grow:
	 * memory touched is time. The table of keys is the helper's to make
	 * (match_all()). */
	if ((r->px->link = arena_alloc(r->pxa, r->nrows * 11 *
	    sizeof(*r->px->link))) == NULL ||
	    (r->px->ent = arena_alloc(r->pxa, r->nrows *
	    sizeof(*r->px->ent))) == NULL)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	r->px->caplink = r->nrows * 11;
	r->px->capent = r->nrows;
	p[0] = sp_text(authz_country_filter(r->s->actor));
	if (store_exec(r->s->st, Q_IM_PROFS, p, 1, px_load_cb, r->px, NULL) !=
	    STORE_OK || arena_failed(r->pxa))
		return svc_fail(r->s, SVC_UNAVAILABLE, NULL,
		    "error.unavailable");
	return SVC_OK;
}

/* Keeps row k, checked, for the match and the write. */
static void
pend_set(struct run *r, size_t k, const char *fg, const char *ff,
    int64_t agency_id, int64_t muni_id)
{
	struct pend *p = &r->pend[k];

	p->w = &r->rows[k];
	p->fg = fg;		/* they last the run: see participant() */
	p->ff = ff;
	p->agency_id = agency_id;
	p->muni_id = muni_id;
}

/* Prepares row k (see struct prep). */
static void
prep_row(struct helper *hp, size_t k)
{
	struct prep *p = &hp->prep[k];
	const struct row *w = &hp->rows[k];

	if ((p->dup = dup_line(hp->rows, hp->ncols, hp->dup, hp->ndup, k)) !=
	    0)
		hp->ndups++;
	if ((p->fg = names_fold(hp->a, w->cell[0])) == NULL ||
	    (p->ff = names_fold(hp->a, w->cell[1])) == NULL) {
		p->fg = p->ff = NULL;
		hp->missing++;		/* the caller's thread says why */
	}
}

/* A row to sort: the first eight bytes of its folded family name, in
 * the order of strcmp(), its two folded names and its index. */
struct skey {
	uint64_t	 key;
	const char	*fg, *ff;
	size_t		 k;
};

static uint64_t
prefix_key(const char *s)
{
	uint64_t k = 0;
	size_t i;

	for (i = 0; i < sizeof(k); i++) {
		k <<= 8;
		if (*s != '\0')
			k |= (unsigned char)*s++;
	}
	return k;
}

/* The order of professional_fold_family (folded family, given name),
 * then the file's. */
static int
skey_cmp(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int c;

	if ((c = strcmp(x->ff, y->ff)) != 0 || (c = strcmp(x->fg, y->fg)) != 0)
		return c;
	return x->k < y->k ? -1 : x->k > y->k;
}

/*
 * The indexes of the n rows of a (fg, ff and k set; a is used up) in the
 * order of skey_cmp(), into order: a radix sort on the keys, which is
 * stable, so rows of equal keys stay in the file's order, then each run
 * of equal keys sorted by skey_cmp(). qsort() of the rows took as long as
 * folding them. -1 when memory is short.
 */
static int
sort_rows(struct arena *ar, struct skey *a, size_t n, size_t *order)
{
	struct skey *b, *t;
	size_t cnt[256], pos, c, i, k;
	unsigned sh;

	if (n == 0)
		return 0;
	if ((b = arena_alloc(ar, n * sizeof(*b))) == NULL)
		return -1;
	for (k = 0; k < n; k++)
		a[k].key = prefix_key(a[k].ff);
	for (sh = 0; sh < 64; sh += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (k = 0; k < n; k++)
			cnt[(a[k].key >> sh) & 0xff]++;
		if (cnt[(a[0].key >> sh) & 0xff] == n)
			continue;	/* one byte for all: nothing to move */
		for (i = 0, pos = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = pos;
			pos += c;
		}
		for (k = 0; k < n; k++)
			b[cnt[(a[k].key >> sh) & 0xff]++] = a[k];
		t = a;
		a = b;
		b = t;
	}
	for (k = 0; k < n; k = i) {
		for (i = k + 1; i < n && a[i].key == a[k].key; i++)
			;
		if (i - k > 1)
			qsort(a + k, i - k, sizeof(*a), skey_cmp);
	}
	for (k = 0; k < n; k++)
		order[k] = a[k].k;
	return 0;
}

/* The helper's sort of the rows it prepared, into hp->order (left NULL
 * when memory is short). */
static void
prep_sort(struct helper *hp)
{
	struct skey *a;
	size_t k;

	if ((a = arena_alloc(hp->a, hp->nrows * sizeof(*a))) == NULL ||
	    (hp->order = arena_alloc(hp->a, hp->nrows *
	    sizeof(*hp->order))) == NULL) {
		hp->order = NULL;
		return;
	}
	for (k = 0; k < hp->nrows; k++) {
		a[k].fg = hp->prep[k].fg;
		a[k].ff = hp->prep[k].ff;
		a[k].k = k;
	}
	if (sort_rows(hp->a, a, hp->nrows, hp->order) != 0)
		hp->order = NULL;
}

/* Sets *v to n and wakes the other thread: 1 when the caller gave up. */
static int
hp_set(struct helper *hp, size_t *v, size_t n)
{
	int stop;

	(void)pthread_mutex_lock(&hp->mu);
	*v = n;
	stop = hp->stop;
	(void)pthread_cond_broadcast(&hp->cv);
	(void)pthread_mutex_unlock(&hp->mu);
	return stop;
}

/* Waits until *v is at least n (*seen: what this thread last saw of it):
 * 0, or -1 when the caller gave up. */
static int
hp_wait(struct helper *hp, const size_t *v, size_t n, size_t *seen)
{
	int rc = 0;

	if (*seen >= n)
		return 0;
	(void)pthread_mutex_lock(&hp->mu);
	while (*v < n && !hp->stop)
		(void)pthread_cond_wait(&hp->cv, &hp->mu);
	if (*v < n)
		rc = -1;
	*seen = *v;
	(void)pthread_mutex_unlock(&hp->mu);
	return rc;
}

/* The caller's thread gives up: the helper stops at its next hand-over. */
static void
hp_stop(struct helper *hp)
{
	(void)pthread_mutex_lock(&hp->mu);
	hp->stop = 1;
	(void)pthread_cond_broadcast(&hp->cv);
	(void)pthread_mutex_unlock(&hp->mu);
}

static void
rowerr_set(struct rowerr *e, const char *field, const char *msg,
    const char *arg)
{
	e->field = field;
	e->msg = msg;
	e->arg = arg;
}

/*
 * The name match of row k, which passed its checks: a professional of
 * the register or a row before it with a score of NAMES_SCORE_POSSIBLE or
 * more is the same person (the best such one is named); otherwise the
 * row joins the index. On the helper's thread.
 */
static void
match_row(struct helper *hp, size_t k)
{
	const struct row *w = &hp->rows[k];
	const struct prep *pp = &hp->prep[k];
	const struct pent *e;
	struct pslot *sl[PX_KEYS];
	uint64_t h[PX_KEYS], hg;
	const char *fg = pp->fg, *ff = pp->ff;
	size_t nh;

	if (ff == NULL && ((fg = names_fold(hp->a, w->cell[0])) == NULL ||
	    (ff = names_fold(hp->a, w->cell[1])) == NULL)) {
		rowerr_set(&hp->err[k], NULL, "error.toobig", NULL);
		return;
	}
	nh = px_hashes(ff, h);
	hg = px_hash(fg);
	if (px_room(hp->px, nh) != 0) {
		rowerr_set(&hp->err[k], NULL, "error.toobig", NULL);
		return;
	}
	if ((e = px_match(hp->px, w->cell[0], w->cell[1], w->cell[2], k + 1,
	    h, nh, hg, sl)) != NULL) {
		if (e->line != 0)
			rowerr_set(&hp->err[k], "family_name",
			    "import.err.same_person_row", arena_printf(hp->a,
			    "%zu", e->line));
		else
			rowerr_set(&hp->err[k], "family_name",
			    "import.err.same_person", arena_printf(hp->a,
			    "#%lld %s %s", (long long)e->id, e->given,
			    e->family));
		return;
	}
	if (px_add(hp->px, 0, w->line, w->cell[0], w->cell[1], ff,
	    w->cell[2], h, nh, sl) != 0)
		rowerr_set(&hp->err[k], NULL, "error.toobig", NULL);
}

/* Waits until row k is read: 0; 1 when the file has no row k; -1 when
 * the caller gave up. Sets hp->nrows once every row is read. */
static int
hp_row(struct helper *hp, size_t k)
{
	int rc;

	if (k < hp->seen_parsed)
		return 0;
	(void)pthread_mutex_lock(&hp->mu);
	while (hp->parsed <= k && !hp->parsed_all && !hp->stop)
		(void)pthread_cond_wait(&hp->cv, &hp->mu);
	hp->seen_parsed = hp->parsed;
	rc = hp->parsed > k ? 0 : hp->stop ? -1 : 1;
	(void)pthread_mutex_unlock(&hp->mu);
	return rc;
}

/* Prepares every row as it is read, then sorts them in the order of the
 * write. */
static void
prep_all(struct helper *hp)
{
	size_t k;
	int rc;

	for (k = 0; (rc = hp_row(hp, k)) == 0; k++) {
		prep_row(hp, k);
		if ((k + 1) % PREP_EVERY == 0 &&
		    hp_set(hp, &hp->done, k + 1) != 0)
			return;
	}
	if (rc < 0 || hp_set(hp, &hp->done, hp->nrows) != 0)
		return;
	/* The order of the write, while the rows are checked. */
	if (hp->missing == 0)
		prep_sort(hp);
	(void)hp_set(hp, &hp->done, hp->nrows + 1);
}

/* Indexes the register's professionals (loaded by px_load()), then
 * matches the rows as their checks pass, in order; then frees the index
 * (a row that failed has its message in the helper's arena). */
static void
match_all(struct helper *hp)
{
	size_t k;

	if (hp_wait(hp, &hp->pxready, 1, &hp->seen_px) != 0)
		return;
	/* Room for the keys of all: about eleven a name. A failure here is
	 * each row's px_room() failure, reported by match_row(). */
	(void)px_room(hp->px, (hp->nrows + hp->px->nent) * 11);
	for (k = 0; k < hp->nrows; k++) {
		if (hp_wait(hp, &hp->checked, k + 1, &hp->seen_checked) != 0)
			return;
		if (hp->pend[k].w != NULL && hp->err[k].msg == NULL &&
		    hp->prep[k].dup == 0)
			match_row(hp, k);
		if ((k + 1) % PREP_EVERY == 0 &&
		    hp_set(hp, &hp->matched, k + 1) != 0)
			return;
	}
	arena_free(hp->pxa);
	hp->pxa = NULL;
	hp->px = NULL;
	(void)hp_set(hp, &hp->matched, hp->nrows);
}

static void *
helper_run(void *arg)
{
	struct helper *hp = arg;

	prep_all(hp);
	match_all(hp);
	return NULL;
}

/* Row k as the helper prepared it, or NULL when the helper is not there
 * yet: the caller's thread does not wait for it (looking again once in
 * 16 rows). */
static const struct prep *
prep_ready(struct helper *hp, size_t k)
{
	if (k >= hp->seen_done && k % 16 == 0) {
		(void)pthread_mutex_lock(&hp->mu);
		hp->seen_done = hp->done;
		(void)pthread_mutex_unlock(&hp->mu);
	}
	return k < hp->seen_done ? &hp->prep[k] : NULL;
}

/*
 * Starts the helper on r->rows, which hold room for cap rows and are not
 * moved from now on (the rows read so far are announced by
 * helper_rows()), and makes the arrays of the two passes (pend, err) and
 * duplicate()'s table. -1 when memory is short. When no thread can be
 * started, participants_tx() does the helper's work on this one.
 */
static int
helper_start(struct run *r, size_t cap)
{
	struct helper *hp;
	size_t nd;

	for (nd = 16; nd < cap * 2; nd *= 2)
		;
	if ((hp = arena_zalloc(r->a, sizeof(*hp))) == NULL ||
	    (hp->prep = arena_alloc(r->a, cap * sizeof(*hp->prep))) == NULL ||
	    (r->pend = arena_zalloc(r->a, cap * sizeof(*r->pend))) == NULL ||
	    (r->err = arena_zalloc(r->a, cap * sizeof(*r->err))) == NULL ||
	    (r->dup = arena_zalloc(r->a, nd * sizeof(*r->dup))) == NULL)
		return -1;
	r->ndup = nd;
	if (pthread_mutex_init(&hp->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&hp->cv, NULL) != 0 ||
	    (hp->a = arena_new(PREP_ARENA)) == NULL) {
		(void)pthread_mutex_destroy(&hp->mu);
		return -1;
	}
	hp->rows = r->rows;
	hp->cap = cap;
	hp->ncols = r->ncols;
	hp->dup = r->dup;
	hp->ndup = r->ndup;
	hp->pend = r->pend;
	hp->err = r->err;
	r->hp = hp;
	hp->running = pthread_create(&hp->t, NULL, helper_run, hp) == 0;
	return 0;
}

/* The rows read so far (all: every row of the file is read). */
static void
helper_rows(struct helper *hp, size_t n, int all)
{
	if (hp == NULL)
		return;
	(void)pthread_mutex_lock(&hp->mu);
	hp->parsed = n;
	if (all) {
		hp->nrows = n;
		hp->parsed_all = 1;
	}
	(void)pthread_cond_broadcast(&hp->cv);
	(void)pthread_mutex_unlock(&hp->mu);
}

/* Hands the name index (px_load()) to the helper. */
static void
helper_index(struct run *r)
{
	struct helper *hp = r->hp;

	(void)pthread_mutex_lock(&hp->mu);
	hp->px = r->px;
	hp->pxa = r->pxa;
	r->pxa = NULL;
	hp->pxready = 1;
	(void)pthread_cond_broadcast(&hp->cv);
	(void)pthread_mutex_unlock(&hp->mu);
}

/* Stops the helper, waits for it and frees what it made (after the last
 * use of its strings: the report, the rows written). */
static void
helper_end(struct helper *hp)
{
	if (hp == NULL)
		return;
	hp_stop(hp);
	if (hp->running)
		(void)pthread_join(hp->t, NULL);
	(void)pthread_cond_destroy(&hp->cv);
	(void)pthread_mutex_destroy(&hp->mu);
	arena_free(hp->pxa);
	arena_free(hp->a);
}

/* The 12 parameters of one professional of Q_IM_PROF_INSERT(_MANY). */
static void
pend_params(struct run *r, const struct pend *p, struct sp *o)
{
	const char *const *c = p->w->cell;

	o[0] = sp_text(c[0]);
	o[1] = sp_text(c[1]);
	o[2] = sp_text(p->fg);
	o[3] = sp_text(p->ff);
	o[4] = sp_text(c[2]);
	o[5] = sp_text(c[3]);
	o[6] = sp_id(p->agency_id);
	o[7] = sp_text(c[5]);
	o[8] = sp_int(p->muni_id);
	o[9] = sp_text(c[6]);
	o[10] = sp_int(r->s->actor->id);
	o[11] = sp_int(r->now);
}

/*
 * Writes the participants kept by participant(), every row of the file
 * having passed its checks (the helper may still refuse one as a
 * duplicate or the same person: the transaction is then rolled back, see
 * participants_tx()): no audit row of their own (the file's one row
 * covers them; see import.h). In the order of the name index, so that
 * index grows at its end instead of at a random place for every row (ids
 * follow that order, not the file's: rows written in the file's order
 * cost half as much again), IMPORT_PROF_BATCH rows a statement, the rest
 * one by one.
 */
static enum svc_rc
write_participants(struct run *r)
{
	struct sp p[IMPORT_PROF_BATCH * IMPORT_PROF_COLS];
	struct helper *hp = r->hp;
	const struct pend **o;
	const size_t *order;
	struct skey *sk;
	size_t i, k, *own;

	/* Called when every row has passed its checks: pend[k] is row k's,
	 * with its folded names (participant()). */
	r->npend = r->nrows;
	if (r->npend == 0)
		return SVC_OK;
	if ((o = arena_alloc(r->a, r->npend * sizeof(*o))) == NULL)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	/* The helper's order when it has sorted the rows; this thread's
	 * own rather than waiting for it (a busy machine). */
	(void)pthread_mutex_lock(&hp->mu);
	hp->seen_done = hp->done;
	(void)pthread_mutex_unlock(&hp->mu);
	if (hp->seen_done > r->nrows && hp->order != NULL)
		order = hp->order;
	else {
		if ((sk = arena_alloc(r->a, r->npend * sizeof(*sk))) == NULL ||
		    (own = arena_alloc(r->a, r->npend * sizeof(*own))) == NULL)
			return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
		for (i = 0; i < r->npend; i++) {
			sk[i].fg = r->pend[i].fg;
			sk[i].ff = r->pend[i].ff;
			sk[i].k = i;
		}
		if (sort_rows(r->a, sk, r->npend, own) != 0)
			return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
		order = own;
	}
	for (i = 0; i < r->npend; i++)
		o[i] = &r->pend[order[i]];
	for (i = 0; i + IMPORT_PROF_BATCH <= r->npend;
	    i += IMPORT_PROF_BATCH) {
		for (k = 0; k < IMPORT_PROF_BATCH; k++)
			pend_params(r, o[i + k], p + k * IMPORT_PROF_COLS);
		if (store_exec(r->s->st, Q_IM_PROF_INSERT_MANY, p,
		    IMPORT_PROF_BATCH * IMPORT_PROF_COLS, NULL, NULL, NULL) !=
		    STORE_OK)
			return svc_fail(r->s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
	}
	for (; i < r->npend; i++) {
		pend_params(r, o[i], p);
		if (store_exec(r->s->st, Q_IM_PROF_INSERT, p,
		    IMPORT_PROF_COLS, NULL, NULL, NULL) != STORE_OK)
			return svc_fail(r->s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
	}
	return SVC_OK;
}

static void
progress(struct run *r, size_t done)
{
	if (r->o->progress != NULL)
		r->o->progress(r->o->progress_arg, done, r->rep->rows);
}

/*
 * The checks of participant row k (the form's rules, the municipality and
 * its scope, the agency); the name match comes after, on the helper's
 * thread (match_row()). Kept for it and for the write: pend[k].
 */
static enum svc_rc
participant(struct run *r, const struct row *w, size_t k)
{
	struct svc *s = r->s;
	struct training_prof_new n;
	const struct prep *pp;
	struct agency_info *ag;
	struct authz_obj o;
	const char *fg, *ff;
	enum svc_rc rc;
	int64_t m;

	memset(&n, 0, sizeof(n));
	n.given = w->cell[0];
	n.family = w->cell[1];
	n.sex = w->cell[2];
	n.profile = w->cell[3];
	n.organisation = w->cell[5];
	n.email = w->cell[6];
	if (w->cell[4][0] == '\0')
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((m = muni_id(r, w->cell[4], &n.country)) < 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	if (m == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "import.err.municipality");
	n.municipality_id = m;
	/* A municipal administrator imports within their scope only. */
	memset(&o, 0, sizeof(o));
	o.municipality_id = m;
	if (!authz_allows(s->actor, PERM_TRAINING_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "import.err.scope");
	if (w->cell[7][0] != '\0') {
		if (agency_by_code(s, w->cell[7], &ag) != SVC_OK)
			return svc_fail(s, SVC_INVALID, "agency",
			    "import.err.agency");
		n.agency_id = ag->id;
	}
	/* Folded once, for the check and the write: by the helper when it
	 * has (struct prep), or here, in the run's arena (they must last
	 * until the write), rather than waiting for it. */
	if ((pp = prep_ready(r->hp, k)) != NULL && pp->ff != NULL) {
		fg = pp->fg;
		ff = pp->ff;
	} else {
		fg = names_fold(r->a, n.given);
		ff = names_fold(r->a, n.family);
	}
	n.fold_given = fg != NULL && *fg != '\0' ? fg : NULL;
	n.fold_family = ff != NULL && *ff != '\0' ? ff : NULL;
	if ((rc = training_prof_check(s, &n)) != SVC_OK)
		return rc;
	if (fg == NULL || ff == NULL)
		return svc_fail(s, SVC_INVALID, "family_name",
		    "training.err.name");
	pend_set(r, k, fg, ff, n.agency_id, n.municipality_id);
	return SVC_OK;
}

/*
 * The participants' rows: each checked here, in order (participant()),
 * while the helper prepares them and then matches each one that passed
 * (match_row()). When every row has passed its checks and this is not a
 * dry run, they are written while the helper is still matching; a row the
 * match refuses then rolls the whole write back with the transaction, so
 * a file with a failing row still writes nothing. The rows' errors are
 * reported in the order of the rows once both passes are over.
 */
static enum svc_rc
participants_tx(struct run *r)
{
	struct svc *s = r->s;
	struct arena *keep = s->a;
	struct helper *hp;
	enum svc_rc rc;
	size_t k, dl, bad = 0, base = r->rep->rows - r->nrows;

	/* Started as the file was read (read_csv()), or now. */
	if (r->hp == NULL) {
		if (helper_start(r, r->nrows) != 0)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		helper_rows(r->hp, r->nrows, 1);
	}
	hp = r->hp;
	if ((rc = px_load(r)) != SVC_OK)
		return rc;
	helper_index(r);
	if (!hp->running)
		prep_all(hp);
	for (k = 0; k < r->nrows; k++) {
		const struct row *w = &r->rows[k];

		if (k % PROGRESS_EVERY == 0 && k > 0)
			progress(r, base + k);
		if (k % PREP_EVERY == 0 && k > 0)
			(void)hp_set(hp, &hp->checked, k);
		arena_reset(r->ra);
		s->a = r->ra;
		memset(&s->err, 0, sizeof(s->err));
		rc = participant(r, w, k);
		s->a = keep;
		if (rc == SVC_OK)
			continue;
		if (rc == SVC_UNAVAILABLE || rc == SVC_ERROR)
			return rc;
		if (rc == SVC_DENIED && s->err.field == NULL)
			return svc_fail(s, SVC_DENIED, NULL, "error.denied");
		/* The row's arena is reset at the next row: the argument is
		 * kept in the run's. */
		rowerr_set(&r->err[k], s->err.field, s->err.msg,
		    s->err.arg != NULL ? arena_strdup(r->a, s->err.arg) : NULL);
		bad++;
	}
	(void)hp_set(hp, &hp->checked, r->nrows);
	if (!hp->running)
		match_all(hp);
	/* Written while the helper still compares the rows (a duplicate)
	 * and matches them: a row refused by either rolls it back. */
	if (bad == 0 && r->rep->failed == 0 && !r->dry &&
	    (rc = write_participants(r)) != SVC_OK)
		return rc;
	(void)hp_wait(hp, &hp->done, r->nrows + 1, &hp->seen_done);
	(void)hp_wait(hp, &hp->matched, r->nrows, &hp->seen_matched);
	for (k = 0; k < r->nrows; k++) {
		const struct rowerr *e = &r->err[k];

		/* A duplicate row is that first, whatever else it is. */
		if ((dl = hp->prep[k].dup) != 0) {
			report(r, r->rows[k].line, NULL,
			    "import.err.duplicate_row", arena_printf(r->a,
			    "%zu", dl));
			r->rep->failed++;
			continue;
		}
		if (e->msg == NULL) {
			r->rep->ok++;
			continue;
		}
		report(r, r->rows[k].line, column_of(r, e->field), e->msg,
		    e->arg);
		r->rep->failed++;
	}
	return SVC_OK;
}

static int
number(const char *v, int64_t *out)
{
	char *end;
	long long x;

	if (*v < '0' || *v > '9')
		return -1;
	x = strtoll(v, &end, 10);
	if (*end != '\0' || x > INT32_MAX)
		return -1;
	*out = x;
	return 0;
}

static enum svc_rc
licence(struct run *r, const struct row *w)
{
	struct svc *s = r->s;
	struct licence_new n;
	struct agency_info *ag;
	struct authz_obj o;
	const char **munis;
	int64_t *ids;
	size_t i, nm;

	memset(&n, 0, sizeof(n));
	if (w->cell[0][0] == '\0')
		return svc_fail(s, SVC_INVALID, "provider",
		    "error.field.required");
	if (agency_by_code(s, w->cell[0], &ag) != SVC_OK ||
	    ag->type != AGENCY_PROVIDER)
		return svc_fail(s, SVC_INVALID, "provider",
		    "import.err.provider");
	/* A municipal administrator imports within their scope only (and
	 * the registry's own refusal would audit outside our transaction). */
	memset(&o, 0, sizeof(o));
	o.municipality_id = ag->municipality_id;
	o.country = ag->country;
	if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "provider", "import.err.scope");
	n.number = w->cell[1];
	if ((n.services = split(s->a, w->cell[2], &n.nservices)) == NULL ||
	    (munis = split(s->a, w->cell[3], &nm)) == NULL ||
	    (ids = arena_alloc(s->a, (nm + 1) * sizeof(*ids))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < nm; i++) {
		if ((ids[i] = muni_id(r, munis[i], NULL)) < 0)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		if (ids[i] == 0)
			return fail_arg(s, "municipalities",
			    "import.err.municipality", munis[i]);
	}
	n.municipalities = ids;
	n.nmunicipalities = nm;
	n.issued = w->cell[4];
	n.expires = w->cell[5];
	if (number(w->cell[6], &n.capacity) != 0)
		return svc_fail(s, SVC_INVALID, "capacity",
		    "provider.err.capacity");
	return provider_licence_add_in_tx(s, ag->id, &n, NULL);
}

static int
org_add(struct run *r, int64_t id, const char *code, const char *name,
    const char *key)
{
	struct org *o;

	if (r->norgs == r->caporgs) {
		size_t nc = r->caporgs ? r->caporgs * 2 : 256;
		struct org *no = arena_alloc(r->a, nc * sizeof(*no));

		if (no == NULL)
			return -1;
		if (r->norgs)
			memcpy(no, r->orgs, r->norgs * sizeof(*no));
		r->orgs = no;
		r->caporgs = nc;
	}
	o = &r->orgs[r->norgs];
	o->id = id;
	o->code = arena_strdup(r->a, code);
	o->name = arena_strdup(r->a, name);
	o->key = arena_strdup(r->a, key);
	if (o->code == NULL || o->name == NULL || o->key == NULL)
		return -1;
	r->norgs++;
	return 0;
}

static int
org_load_cb(void *arg, const struct store_row *w)
{
	struct run *r = arg;
	const char *key = names_fold(r->ra, srow_text(w, 2));

	return org_add(r, srow_int(w, 0), srow_text(w, 1), srow_text(w, 2),
	    key ? key : "") != 0;
}

/* The providers of the registry in the actor's country, for the name
 * match. */
static enum svc_rc
org_load(struct run *r)
{
	struct sp p[1];

	p[0] = sp_text(authz_country_filter(r->s->actor));
	if (store_exec(r->s->st, Q_IM_PROVIDERS, p, 1, org_load_cb, r,
	    NULL) != STORE_OK || arena_failed(r->a))
		return svc_fail(r->s, SVC_UNAVAILABLE, NULL,
		    "error.unavailable");
	arena_reset(r->ra);
	return SVC_OK;
}

/* The provider whose folded name is key's or close to it, or NULL. The
 * registry of one country holds hundreds, not millions: a scan. */
static const struct org *
org_match(struct run *r, const char *key)
{
	size_t i, n = strlen(key), m;

	for (i = 0; i < r->norgs; i++) {
		const struct org *o = &r->orgs[i];

		if (strcmp(o->key, key) == 0)
			return o;
		m = strlen(o->key);
		if ((m > n ? m - n : n - m) <= 3 && n > 0 &&
		    names_similarity(o->key, key) >= ORG_SIMILAR)
			return o;
	}
	return NULL;
}

static enum svc_rc
provider(struct run *r, const struct row *w)
{
	struct svc *s = r->s;
	struct provider_profile pp;
	const struct org *o;
	const char *key;
	enum svc_rc rc;
	int64_t m, id = 0;

	if (w->cell[2][0] == '\0')
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((m = muni_id(r, w->cell[2], NULL)) < 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	if (m == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "import.err.municipality");
	memset(&pp, 0, sizeof(pp));
	pp.legal_form = w->cell[3];
	pp.registration_no = w->cell[4];
	pp.address = w->cell[5];
	pp.phone = w->cell[6];
	pp.email = w->cell[7];
	pp.description = w->cell[8];
	if ((key = names_fold(s->a, w->cell[1])) != NULL && *key != '\0' &&
	    (o = org_match(r, key)) != NULL)
		return fail_arg(s, "name", "import.err.same_provider",
		    arena_printf(s->a, "%s %s", o->code, o->name));
	if ((rc = provider_create_in_tx(s, w->cell[0], w->cell[1], m, &pp,
	    &id)) != SVC_OK) {
		/* The scope of a municipal administrator, said plainly. */
		if (rc == SVC_INVALID && s->err.field != NULL &&
		    strcmp(s->err.field, "municipality") == 0 &&
		    strcmp(s->err.msg, "error.field.invalid") == 0)
			return svc_fail(s, SVC_INVALID, "municipality",
			    "import.err.scope");
		return rc;
	}
	if (key != NULL && *key != '\0' &&
	    org_add(r, id, w->cell[0], w->cell[1], key) != 0)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

static enum svc_rc
rows_tx(struct svc *s, void *arg)
{
	struct run *r = arg;
	struct arena *keep = s->a;
	const char *sha;
	enum svc_rc rc;
	size_t k, dl, base = r->rep->rows - r->nrows;

	if (r->kind == IMPORT_PARTICIPANTS && (rc = participants_tx(r)) !=
	    SVC_OK)
		return rc;
	if (r->kind == IMPORT_PROVIDERS && (rc = org_load(r)) != SVC_OK)
		return rc;

	for (k = 0; r->kind != IMPORT_PARTICIPANTS && k < r->nrows; k++) {
		const struct row *w = &r->rows[k];

		if (k % PROGRESS_EVERY == 0 && k > 0)
			progress(r, base + k);
		if ((dl = duplicate(r, k)) != 0) {
			report(r, w->line, NULL, "import.err.duplicate_row",
			    arena_printf(r->a, "%zu", dl));
			r->rep->failed++;
			continue;
		}
		arena_reset(r->ra);
		s->a = r->ra;
		memset(&s->err, 0, sizeof(s->err));
		switch (r->kind) {
		case IMPORT_LICENCES:
			rc = licence(r, w);
			break;
		default:
			rc = provider(r, w);
			break;
		}
		s->a = keep;
		if (rc == SVC_OK) {
			r->rep->ok++;
			continue;
		}
		if (rc == SVC_UNAVAILABLE || rc == SVC_ERROR)
			return rc;
		if (rc == SVC_DENIED && s->err.field == NULL)
			return svc_fail(s, SVC_DENIED, NULL, "error.denied");
		report(r, w->line, column_of(r, s->err.field), s->err.msg,
		    s->err.arg);
		r->rep->failed++;
	}
	if (r->rep->failed > 0)
		return svc_fail(s, SVC_INVALID, NULL, "import.err.rows");
	if (r->dry)
		return SVC_CONFLICT;	/* rolls back; reported as OK */
	/* The one audit row of the file: counts and the file's digest, never
	 * a name (see import.h). */
	if ((sha = digest_hex(r->dg, s->a)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (audit_record(s->st, s->actor, NULL, arena_printf(s->a, "import.%s",
	    import_kinds[r->kind]), "import", 0, arena_printf(s->a,
	    "rows=%zu format=%s sha256=%s", r->rep->ok, r->xlsx ? "xlsx" :
	    "csv", sha)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

/* The line of the first byte that is not UTF-8 text. */
static size_t
bad_line(const char *t, size_t len)
{
	size_t lo = 0, line = 1, i, end;

	for (i = 0; i <= len; i++) {
		if (i < len && t[i] != '\n')
			continue;
		end = i < len ? i + 1 : i;
		if (!utf8_valid(t + lo, end - lo))
			return line;
		line++;
		lo = end;
	}
	return 0;
}

/* Reads a CSV file into r. SVC_OK or the file's failure, reported. */
static enum svc_rc
read_csv(struct run *r, const char *text, size_t len)
{
	struct svc *s = r->s;
	const char *p;
	size_t bl = 0, nl;
	int prc;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len == 0) {
		report(r, 0, NULL, "import.err.empty", NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.empty");
	}
	if (!utf8_valid(text, len)) {
		report(r, bad_line(text, len), NULL, "import.err.encoding",
		    NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.encoding");
	}
	/* Room for a row a line (no more: a quoted cell may hold a line
	 * break), so the rows are not copied as they grow. */
	for (p = text, nl = 1; nl <= IMPORT_ROWS_MAX && (p = memchr(p, '\n',
	    len - (size_t)(p - text))) != NULL; p++)
		nl++;
	if ((r->rows = arena_alloc(r->a, nl * sizeof(*r->rows))) != NULL)
		r->cap = nl;
	/* The participants' helper prepares the rows as they are read. */
	if (r->kind == IMPORT_PARTICIPANTS && r->rows != NULL &&
	    helper_start(r, nl) != 0)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	prc = csv_parse(text, len, record_cb, r, &bl);
	helper_rows(r->hp, r->nrows, 1);
	if (prc == -2 || arena_failed(s->a))
		return svc_fail(s, SVC_TOOBIG, "file", "error.toobig");
	if (prc == -1) {
		report(r, bl, NULL, "import.err.malformed", NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.malformed");
	}
	return SVC_OK;
}

/* Reads the first sheet of an XLSX file into r, as read_csv(). */
static enum svc_rc
read_xlsx(struct run *r, const char *data, size_t len)
{
	struct svc *s = r->s;
	struct xlsx_where w;
	enum xlsx_err e;
	const char *msg;

	e = xlsx_parse(data, len, IMPORT_XLSX_MAX, record_cb, r, &w);
	if (e == XLSX_OK)
		return SVC_OK;
	if (e == XLSX_NOMEM || arena_failed(s->a) ||
	    (e == XLSX_STOPPED && w.cb_rc == -2))
		return svc_fail(s, SVC_TOOBIG, "file", "error.toobig");
	if (e == XLSX_STOPPED)
		return SVC_OK;		/* too many rows: reported */
	switch (e) {
	case XLSX_NOT_ZIP:
		msg = "import.err.xlsx_zip";
		break;
	case XLSX_NO_SHEET:
		msg = "import.err.xlsx_sheet";
		break;
	case XLSX_TOO_BIG:
		msg = "import.err.xlsx_big";
		break;
	case XLSX_TOO_WIDE:
		msg = "import.err.xlsx_wide";
		break;
	default:
		msg = "import.err.xlsx_xml";
		break;
	}
	report(r, w.row, NULL, msg, e == XLSX_BAD_XML ? arena_printf(r->a,
	    "%s:%zu", w.part, w.line) : NULL);
	return svc_fail(s, SVC_INVALID, "file", msg);
}

static enum svc_rc
run_file(struct svc *s, enum import_kind kind, const char *data,
    size_t len, const struct import_opts *o, struct digest *dg,
    struct import_report **out)
{
	struct run r;
	size_t nd;
	enum svc_rc rc;

	*out = NULL;
	if (kind < 0 || kind >= IMPORT__MAX)
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (o->format != IMPORT_CSV && o->format != IMPORT_XLSX)
		return svc_fail(s, SVC_INVALID, "format", "error.field.choice");
	if (!authz_allows(s->actor, kind == IMPORT_PARTICIPANTS ?
	    PERM_TRAINING_WRITE : PERM_PROVIDERS_WRITE, NULL) ||
	    (kind == IMPORT_PROVIDERS && !authz_allows(s->actor,
	    PERM_AGENCIES_WRITE, NULL)))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.a = s->a;
	r.o = o;
	r.kind = kind;
	r.xlsx = o->format == IMPORT_XLSX;
	r.now = clock_now();
	r.cols = import_columns(kind, &r.nreq);
	for (r.ncols = 0; r.cols[r.ncols] != NULL; r.ncols++)
		;
	r.dg = dg;
	if ((r.rep = arena_zalloc(s->a, sizeof(*r.rep))) == NULL ||
	    (r.rep->err = arena_alloc(s->a, IMPORT_ERRORS_MAX *
	    sizeof(*r.rep->err))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	r.rep->kind = kind;
	*out = r.rep;
	rc = r.xlsx ? read_xlsx(&r, data, len) : read_csv(&r, data, len);
	if (rc == SVC_OK && r.bad_file)
		rc = svc_fail(s, SVC_INVALID, "file", "import.err.file");
	if (rc == SVC_OK && r.rep->rows == 0) {
		report(&r, 0, NULL, "import.err.empty", NULL);
		rc = svc_fail(s, SVC_INVALID, "file", "import.err.empty");
	}
	if (rc == SVC_OK && r.dup == NULL && kind != IMPORT_PARTICIPANTS) {
		for (nd = 16; nd < r.nrows * 2; nd *= 2)
			;
		r.ndup = nd;
		if ((r.dup = arena_zalloc(s->a, nd * sizeof(*r.dup))) == NULL)
			rc = svc_fail(s, SVC_TOOBIG, "file", "error.toobig");
	}
	if (rc == SVC_OK && (r.ra = arena_new(ROW_ARENA)) == NULL)
		rc = svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (rc != SVC_OK) {
		helper_end(r.hp);
		progress(&r, r.rep->rows);
		return rc;
	}
	r.dry = o->dry_run;
	rc = svc_tx(s, rows_tx, &r);
	helper_end(r.hp);
	arena_free(r.pxa);
	arena_free(r.ra);
	progress(&r, r.rep->rows);
	if (rc == SVC_CONFLICT && r.dry && r.rep->failed == 0) {
		memset(&s->err, 0, sizeof(s->err));
		return SVC_OK;
	}
	if (rc != SVC_OK)
		return rc;
	r.rep->committed = 1;
	r.rep->written = r.rep->ok;
	log_info("import: %s rows=%zu", import_kinds[kind], r.rep->ok);
	return SVC_OK;
}

enum svc_rc
import_run_opts(struct svc *s, enum import_kind kind, const char *data,
    size_t len, const struct import_opts *o, struct import_report **out)
{
	struct digest dg;
	enum svc_rc rc;

	memset(&dg, 0, sizeof(dg));
	digest_start(&dg, data, len);
	rc = run_file(s, kind, data, len, o, &dg, out);
	(void)digest_hex(&dg, NULL);	/* the thread ends before data may */
	return rc;
}

enum svc_rc
import_run(struct svc *s, enum import_kind kind, const char *text,
    size_t len, int dry_run, struct import_report **out)
{
	struct import_opts o;

	memset(&o, 0, sizeof(o));
	o.format = IMPORT_CSV;
	o.dry_run = dry_run;
	return import_run_opts(s, kind, text, len, &o, out);
}
