/*
 * import.c — CSV imports of training participants and licences (svc
 * layer; see import.h). The file is read with util/csv.h; each row goes
 * through the domain's own service inside one transaction, with a scratch
 * arena per row so a file of 100,000 rows stays within memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../store/query.h"
#include "../util/arena.h"
#include "../util/csv.h"
#include "../util/log.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "agency.h"
#include "import.h"
#include "provider.h"
#include "training.h"

#define ROW_ARENA	(4u * 1024 * 1024)
#define MUNI_CACHE	512

const char *const import_kinds[] = { "participants", "licences", NULL };

static const char *const participant_cols[] = { "given_name",
	"family_name", "sex", "profile", "municipality", "organisation",
	"email", "agency", NULL };
static const char *const licence_cols[] = { "provider", "number",
	"services", "municipalities", "issued", "expires", "capacity", NULL };

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
	if (nrequired != NULL)
		*nrequired = 5;
	return participant_cols;
}

/*
 * The name index of the participants (the register and the rows written
 * so far in this transaction), so each row is matched in constant time
 * instead of a query that reads every professional sharing a given name:
 * a professional is a candidate when their folded family name is the
 * row's, is one edit away from it (both indexed under every one-character
 * deletion: the "symmetric delete" scheme), or is the row's given name
 * (names swapped). Candidates are then scored by names_match_score(), as
 * training_prof_candidates() scores them, from NAMES_SCORE_POSSIBLE.
 */
struct pent {
	int64_t		 id;
	const char	*given, *family;
	enum names_sex	 sex;
	size_t		 stamp;		/* the last row that looked at it */
};

struct plink {
	uint32_t	 ent;
	int32_t		 next;		/* -1: end */
};

struct pslot {
	const char	*key;
	uint64_t	 hash;		/* key_hash(key) */
	int32_t		 head;		/* into links; -1: empty */
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

/* One data row as read: its line and its cells in column order. */
struct row {
	size_t		 line;
	const char	**cell;		/* by column of the kind; "" absent */
};

struct muni {
	const char	*code;
	int64_t		 id;
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
	struct pindex		*px;	/* participants: the name index */
};

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

/* 0, or the line of an earlier identical row. */
static size_t
duplicate(struct run *r, size_t k)
{
	size_t i, m = r->ndup - 1;

	for (i = row_hash(&r->rows[k], r->ncols) & m; r->dup[i] != 0;
	    i = (i + 1) & m)
		if (row_same(&r->rows[r->dup[i] - 1], &r->rows[k], r->ncols))
			return r->rows[r->dup[i] - 1].line;
	r->dup[i] = k + 1;
	return 0;
}

static int
record_cb(void *arg, size_t line, char **f, size_t n)
{
	struct run *r = arg;
	struct row *w;
	size_t i, empty;

	if (line == 1 && r->nrows == 0 && r->nfile == 0)
		return header(r, f, n);
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
	if ((w->cell = arena_zalloc(r->a, r->ncols * sizeof(char *))) == NULL)
		return -2;
	for (i = 0; i < r->ncols; i++)
		w->cell[i] = "";
	if (n != r->nfile) {
		report(r, line, NULL, "import.err.field_count",
		    arena_printf(r->a, "%zu/%zu", n, r->nfile));
		r->rep->failed++;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (r->map[i] < 0)
			continue;
		if (formula(f[i])) {
			report(r, line, r->cols[r->map[i]], "import.err.formula",
			    NULL);
			r->rep->failed++;
			return 0;
		}
		if ((w->cell[r->map[i]] = utf8_squash(r->a, f[i])) == NULL)
			return -2;
	}
	r->nrows++;
	return 0;
}

static int64_t
muni_id(struct run *r, const char *code)
{
	struct sp p[1];
	int64_t id = 0;
	size_t i;

	for (i = 0; i < r->nmunis; i++)
		if (strcmp(r->munis[i].code, code) == 0)
			return r->munis[i].id;
	p[0] = sp_text(code);
	if (store_exec(r->s->st, Q_IM_MUNI, p, 1, store_cb_int, &id, NULL) !=
	    STORE_OK)
		return -1;
	if (r->nmunis < MUNI_CACHE) {
		r->munis[r->nmunis].code = arena_strdup(r->a, code);
		r->munis[r->nmunis++].id = id;
	}
	return id;
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

static uint64_t
key_hash(const char *k)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ULL;
	return h;
}

static struct pslot *
px_find(struct pindex *x, const char *k, uint64_t h)
{
	size_t i, m = x->nslot - 1;

	for (i = h & m; x->slot[i].key != NULL; i = (i + 1) & m)
		if (x->slot[i].hash == h && strcmp(x->slot[i].key, k) == 0)
			break;
	return &x->slot[i];
}

static struct pslot *
px_slot(struct pindex *x, const char *k)
{
	return px_find(x, k, key_hash(k));
}

static int
px_grow(struct pindex *x)
{
	struct pslot *old = x->slot, *p;
	size_t i, n = x->nslot;

	x->nslot = n ? n * 2 : 1u << 16;
	if ((x->slot = arena_alloc(x->a, x->nslot * sizeof(*x->slot))) ==
	    NULL)
		return -1;
	for (i = 0; i < x->nslot; i++) {
		x->slot[i].key = NULL;
		x->slot[i].head = -1;
	}
	for (i = 0; i < n; i++)
		if (old[i].key != NULL) {
			p = px_find(x, old[i].key, old[i].hash);
			*p = old[i];
		}
	return 0;
}

static int
px_put(struct pindex *x, const char *k, uint32_t e)
{
	struct pslot *p;

	if ((x->used + 1) * 2 > x->nslot && px_grow(x) != 0)
		return -1;
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
	p = px_slot(x, k);
	if (p->key == NULL) {
		if ((p->key = arena_strdup(x->a, k)) == NULL)
			return -1;
		p->hash = key_hash(k);
		p->head = -1;
		x->used++;
	}
	x->link[x->nlink].ent = e;
	x->link[x->nlink].next = p->head;
	p->head = (int32_t)x->nlink++;
	return 0;
}

/* Calls fn for the key k and each of its one-character deletions (whole
 * UTF-8 characters). */
static int
px_keys(struct arena *a, const char *k, int (*fn)(void *, const char *),
    void *arg)
{
	size_t n = strlen(k), i, l;
	char *d;

	if (fn(arg, k) != 0)
		return -1;
	if (n < 3 || (d = arena_alloc(a, n + 1)) == NULL)
		return n < 3 ? 0 : -1;
	for (i = 0; i < n; i += l) {
		for (l = 1; i + l < n && ((unsigned char)k[i + l] & 0xc0) ==
		    0x80; l++)
			;
		memcpy(d, k, i);
		memcpy(d + i, k + i + l, n - i - l + 1);
		if (fn(arg, d) != 0)
			return -1;
	}
	return 0;
}

struct px_add {
	struct pindex	*x;
	uint32_t	 e;
};

static int
px_add_key(void *arg, const char *k)
{
	struct px_add *p = arg;

	return px_put(p->x, k, p->e);
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

static int
px_add(struct pindex *x, int64_t id, const char *given, const char *family,
    const char *fold_family, const char *sex)
{
	struct px_add p;
	struct pent *e;

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
	e->given = arena_strdup(x->a, given);
	e->family = arena_strdup(x->a, family);
	e->sex = sex_of(sex);
	e->stamp = 0;
	if (e->given == NULL || e->family == NULL)
		return -1;
	p.x = x;
	p.e = (uint32_t)x->nent++;
	return px_keys(x->a, fold_family, px_add_key, &p);
}

static int
px_load_cb(void *arg, const struct store_row *w)
{
	struct pindex *x = arg;

	return px_add(x, srow_int(w, 0), srow_text(w, 1), srow_text(w, 2),
	    srow_text(w, 4), srow_text(w, 5)) != 0;
}

struct px_look {
	struct pindex		*x;
	size_t			 stamp;
	const struct name_query	*q;
	int			 best;
	const struct pent	*found;
};

static int
px_look_key(void *arg, const char *k)
{
	struct px_look *l = arg;
	struct pindex *x = l->x;
	struct pslot *p = px_slot(x, k);
	struct name_candidate b;
	struct match_result m;
	struct pent *e;
	int32_t i;
	int sc;

	if (p->key == NULL)
		return 0;
	for (i = p->head; i >= 0; i = x->link[i].next) {
		e = &x->ent[x->link[i].ent];
		if (e->stamp == l->stamp)
			continue;
		e->stamp = l->stamp;
		memset(&b, 0, sizeof(b));
		b.child_id = e->id;
		b.person.given = e->given;
		b.person.family = e->family;
		b.person.sex = e->sex;
		sc = names_match_score(l->q, &b, &m);
		if (sc >= NAMES_SCORE_POSSIBLE && (l->found == NULL ||
		    sc > l->best || (sc == l->best && e->id < l->found->id))) {
			l->best = sc;
			l->found = e;
		}
	}
	return 0;
}

/* The best match of the row's names, or NULL. */
static const struct pent *
px_match(struct run *r, struct arena *a, const struct training_prof_new *n,
    size_t stamp, const char *fg, const char *ff)
{
	struct name_query q;
	struct px_look l;

	memset(&q, 0, sizeof(q));
	q.given = n->given;
	q.family = n->family;
	q.sex = sex_of(n->sex);
	memset(&l, 0, sizeof(l));
	l.x = r->px;
	l.stamp = stamp;
	l.q = &q;
	if (px_keys(a, ff, px_look_key, &l) != 0)
		return NULL;
	if (*fg != '\0')
		(void)px_look_key(&l, fg);	/* names swapped */
	return l.found;
}

static enum svc_rc
px_load(struct run *r)
{
	struct sp p[1];

	if ((r->px = arena_zalloc(r->a, sizeof(*r->px))) == NULL)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	r->px->a = r->a;
	if (px_grow(r->px) != 0)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	p[0] = sp_text(authz_country_filter(r->s->actor));
	if (store_exec(r->s->st, Q_IM_PROFS, p, 1, px_load_cb, r->px, NULL) !=
	    STORE_OK || arena_failed(r->a))
		return svc_fail(r->s, SVC_UNAVAILABLE, NULL,
		    "error.unavailable");
	return SVC_OK;
}

static enum svc_rc
participant(struct run *r, const struct row *w, size_t stamp)
{
	struct svc *s = r->s;
	struct training_prof_new n;
	const struct pent *e;
	struct agency_info *ag;
	struct authz_obj o;
	const char *fg, *ff;
	enum svc_rc rc;
	int64_t m, id = 0;

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
	if ((m = muni_id(r, w->cell[4])) < 0)
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
	if ((rc = training_prof_check(s, &n)) != SVC_OK)
		return rc;
	fg = names_fold(s->a, n.given);
	ff = names_fold(s->a, n.family);
	if (fg == NULL || ff == NULL)
		return svc_fail(s, SVC_INVALID, "family_name",
		    "training.err.name");
	if ((e = px_match(r, s->a, &n, stamp, fg, ff)) != NULL)
		return fail_arg(s, "family_name", "import.err.same_person",
		    arena_printf(s->a, "#%lld %s %s", (long long)e->id,
		    e->given, e->family));
	/* Checked and matched above: confirm_new skips the slow search. */
	if ((rc = training_prof_add_in_tx(s, &n, 1, NULL, NULL, &id)) !=
	    SVC_OK)
		return rc;
	if (px_add(r->px, id, n.given, n.family, ff, n.sex) != 0)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
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
		if ((ids[i] = muni_id(r, munis[i])) < 0)
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

static enum svc_rc
rows_tx(struct svc *s, void *arg)
{
	struct run *r = arg;
	struct arena *keep = s->a;
	enum svc_rc rc;
	size_t k, dl;

	if (r->kind == IMPORT_PARTICIPANTS && (rc = px_load(r)) != SVC_OK)
		return rc;

	for (k = 0; k < r->nrows; k++) {
		const struct row *w = &r->rows[k];

		if ((dl = duplicate(r, k)) != 0) {
			report(r, w->line, NULL, "import.err.duplicate_row",
			    arena_printf(r->a, "%zu", dl));
			r->rep->failed++;
			continue;
		}
		arena_reset(r->ra);
		s->a = r->ra;
		memset(&s->err, 0, sizeof(s->err));
		rc = r->kind == IMPORT_LICENCES ? licence(r, w) :
		    participant(r, w, k + 1);
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
	if (audit_record(s->st, s->actor, NULL, r->kind == IMPORT_LICENCES ?
	    "import.licences" : "import.participants", "import", 0,
	    arena_printf(s->a, "rows=%zu", r->rep->ok)) != STORE_OK)
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

enum svc_rc
import_run(struct svc *s, enum import_kind kind, const char *text,
    size_t len, int dry_run, struct import_report **out)
{
	struct run r;
	size_t bl = 0, nd;
	enum svc_rc rc;
	int prc;

	*out = NULL;
	if (kind < 0 || kind >= IMPORT__MAX)
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (!authz_allows(s->actor, kind == IMPORT_LICENCES ?
	    PERM_PROVIDERS_WRITE : PERM_TRAINING_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.a = s->a;
	r.kind = kind;
	r.cols = import_columns(kind, &r.nreq);
	for (r.ncols = 0; r.cols[r.ncols] != NULL; r.ncols++)
		;
	if ((r.rep = arena_zalloc(s->a, sizeof(*r.rep))) == NULL ||
	    (r.rep->err = arena_alloc(s->a, IMPORT_ERRORS_MAX *
	    sizeof(*r.rep->err))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	r.rep->kind = kind;
	*out = r.rep;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len == 0) {
		report(&r, 0, NULL, "import.err.empty", NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.empty");
	}
	if (!utf8_valid(text, len)) {
		report(&r, bad_line(text, len), NULL, "import.err.encoding",
		    NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.encoding");
	}
	prc = csv_parse(text, len, record_cb, &r, &bl);
	if (prc == -2 || arena_failed(s->a))
		return svc_fail(s, SVC_TOOBIG, "file", "error.toobig");
	if (prc == -1) {
		report(&r, bl, NULL, "import.err.malformed", NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.malformed");
	}
	if (r.bad_file)
		return svc_fail(s, SVC_INVALID, "file", "import.err.file");
	if (r.rep->rows == 0) {
		report(&r, 0, NULL, "import.err.empty", NULL);
		return svc_fail(s, SVC_INVALID, "file", "import.err.empty");
	}
	for (nd = 16; nd < r.nrows * 2; nd *= 2)
		;
	r.ndup = nd;
	if ((r.dup = arena_zalloc(s->a, nd * sizeof(*r.dup))) == NULL)
		return svc_fail(s, SVC_TOOBIG, "file", "error.toobig");
	if ((r.ra = arena_new(ROW_ARENA)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	r.dry = dry_run;
	rc = svc_tx(s, rows_tx, &r);
	arena_free(r.ra);
	if (rc == SVC_CONFLICT && dry_run && r.rep->failed == 0) {
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

/* Until the XLSX reader and the progress calls land: CSV only. */
enum svc_rc
import_run_opts(struct svc *s, enum import_kind kind, const char *data,
    size_t len, const struct import_opts *o, struct import_report **out)
{
	*out = NULL;
	if (o->format != IMPORT_CSV)
		return svc_fail(s, SVC_INVALID, "format", "error.field.choice");
	return import_run(s, kind, data, len, o->dry_run, out);
}
