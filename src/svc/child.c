/*
 * child.c — the child record: checks, creation at registration, reading,
 * editing with its history, caregivers, sibling links, merging two
 * records, and the duplicate check. See child.h. Every write runs in one
 * transaction (svc_tx()) with its history rows and its audit row; the
 * audit detail holds ids and codes, never a child's personal text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "case.h"
#include "child.h"
#include "reference.h"

const char *const child_communities[] = { "albanian", "serb", "bosniak",
	"turkish", "roma", "ashkali", "egyptian", "gorani", "other", "unknown",
	NULL };
const char *const child_school_statuses[] = { "preschool", "enrolled",
	"irregular", "dropped_out", "never_enrolled", "not_school_age",
	"unknown", NULL };
const char *const child_disabilities[] = { "none", "yes", "unknown", NULL };
const char *const child_relations[] = { "mother", "father", "grandparent",
	"sibling", "other_relative", "foster", "guardian", "other", NULL };
const char *const child_sexes[] = { "f", "m", "u", NULL };
const char *const child_link_relations[] = { "sibling", "half_sibling",
	NULL };

int
child_iso_date(const char *s, char out[11])
{
	int64_t t;

	if (s == NULL || clock_parse_date(s, &t) != 0)
		return -1;
	if (s[2] == '.')
		snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	else
		snprintf(out, 11, "%.10s", s);
	return 0;
}

/* Today as yyyy-mm-dd in local time. */
static void
today(char out[11])
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	snprintf(out, 11, "%.4s-%.2s-%.2s", b + 6, b + 3, b);
}

/* The personal number in its stored form (upper case), or NULL. */
static const char *
pn_norm(struct svc *s, const char *pn)
{
	char *p;
	size_t i;

	if (pn == NULL || *pn == '\0')
		return NULL;
	if ((p = arena_strdup(s->a, pn)) == NULL)
		return NULL;
	for (i = 0; p[i]; i++)
		p[i] = (char)toupper((unsigned char)p[i]);
	return p;
}

/* The country a personal number is checked against: the municipality's,
 * else the actor's; NULL when neither is known. */
static const char *
pn_country(struct svc *s, int64_t muni)
{
	struct muni_info *m;

	if (muni != 0 && ref_municipality(s, muni, &m) == SVC_OK)
		return m->country;
	return s->actor ? s->actor->country : NULL;
}

static int
pn_ok(const char *country, const char *pn)
{
	if (country != NULL && strcmp(country, "XK") == 0)
		return names_pn_valid(NAMES_XK, pn);
	if (country != NULL && strcmp(country, "AL") == 0)
		return names_pn_valid(NAMES_AL, pn);
	return names_pn_valid(NAMES_XK, pn) || names_pn_valid(NAMES_AL, pn);
}

/* A phone number: digits, spaces and + - ( ) / only, at least one digit. */
static int
phone_ok(const char *p)
{
	int digits = 0;

	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" +-()/", *p) == NULL)
			return 0;
	}
	return digits > 0;
}

/* 1 when v holds more than white space. */
static int
filled(struct svc *s, const char *v)
{
	const char *t;

	return v != NULL && (t = utf8_squash(s->a, v)) != NULL && *t != '\0';
}

enum svc_rc
child_caregiver_check(struct svc *s, const struct caregiver_fields *g)
{
	if (!svc_text_ok(g->name, CHILD_NAME_MAX, 0))
		return svc_fail(s, SVC_INVALID, "name", "error.field.toolong");
	if (!filled(s, g->name))
		return svc_fail(s, SVC_INVALID, "name", "error.field.required");
	if (g->relation == NULL || *g->relation == '\0')
		return svc_fail(s, SVC_INVALID, "relation",
		    "error.field.required");
	if (!svc_in_set(child_relations, g->relation))
		return svc_fail(s, SVC_INVALID, "relation", "error.field.choice");
	if (!svc_text_ok(g->phone, CHILD_PHONE_MAX, 0))
		return svc_fail(s, SVC_INVALID, "phone", "error.field.toolong");
	if (filled(s, g->phone) && !phone_ok(utf8_squash(s->a, g->phone)))
		return svc_fail(s, SVC_INVALID, "phone", "child.err.phone");
	if (!svc_text_ok(g->note, CHILD_NOTE_MAX, 1))
		return svc_fail(s, SVC_INVALID, "note", "error.field.toolong");
	return SVC_OK;
}

enum svc_rc
child_check(struct svc *s, const struct child_fields *c)
{
	static const struct { const char *name; size_t off; size_t max; } t[] = {
		{ "given_name", offsetof(struct child_fields, given), CHILD_NAME_MAX },
		{ "family_name", offsetof(struct child_fields, family), CHILD_NAME_MAX },
		{ "parent_name", offsetof(struct child_fields, parent), CHILD_NAME_MAX },
		{ "citizenship", offsetof(struct child_fields, citizenship), CHILD_NAME_MAX },
		{ "language", offsetof(struct child_fields, language), CHILD_NAME_MAX },
		{ "disability_note", offsetof(struct child_fields, disability_note), CHILD_TEXT_MAX },
		{ "address", offsetof(struct child_fields, address), CHILD_TEXT_MAX },
		{ "admin_unit", offsetof(struct child_fields, admin_unit), CHILD_NAME_MAX },
		{ "caregiver_name", offsetof(struct child_fields, caregiver_name), CHILD_NAME_MAX },
		{ "caregiver_phone", offsetof(struct child_fields, caregiver_phone), CHILD_PHONE_MAX },
	};
	struct caregiver_fields g;
	struct muni_info *m;
	enum svc_rc rc;
	char iso[11], now[11];
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = *(const char *const *)((const char *)c + t[i].off);
		if (v != NULL && !svc_text_ok(v, t[i].max, 0))
			return svc_fail(s, SVC_INVALID, t[i].name,
			    "error.field.toolong");
	}
	if (!filled(s, c->given))
		return svc_fail(s, SVC_INVALID, "given_name",
		    "error.field.required");
	if (c->sex && *c->sex && !svc_in_set(child_sexes, c->sex))
		return svc_fail(s, SVC_INVALID, "sex", "error.field.choice");
	if (c->birth_date && *c->birth_date) {
		if (child_iso_date(c->birth_date, iso) != 0)
			return svc_fail(s, SVC_INVALID, "birth_date",
			    "error.field.date");
		today(now);
		if (strcmp(iso, now) > 0)
			return svc_fail(s, SVC_INVALID, "birth_date",
			    "child.err.birth_future");
	}
	if (c->community && *c->community &&
	    !svc_in_set(child_communities, c->community))
		return svc_fail(s, SVC_INVALID, "community", "error.field.choice");
	if (c->disability && *c->disability &&
	    !svc_in_set(child_disabilities, c->disability))
		return svc_fail(s, SVC_INVALID, "disability", "error.field.choice");
	if (c->school_status && *c->school_status &&
	    !svc_in_set(child_school_statuses, c->school_status))
		return svc_fail(s, SVC_INVALID, "school_status",
		    "error.field.choice");
	if (c->municipality_id != 0 &&
	    (rc = ref_municipality_field(s, c->municipality_id, &m,
	    "municipality")) != SVC_OK)
		return rc;
	if (c->pn && *c->pn && !pn_ok(pn_country(s, c->municipality_id),
	    pn_norm(s, c->pn)))
		return svc_fail(s, SVC_INVALID, "personal_number",
		    "child.err.pn_invalid");
	if (c->caregiver_name && *c->caregiver_name) {
		memset(&g, 0, sizeof(g));
		g.name = c->caregiver_name;
		g.relation = c->caregiver_relation;
		g.phone = c->caregiver_phone;
		if (child_caregiver_check(s, &g) != SVC_OK)
			return svc_fail(s, SVC_INVALID, arena_printf(s->a,
			    "caregiver_%s", s->err.field), s->err.msg);
	}
	return SVC_OK;
}


static const char *
or_default(const char *v, const char *d)
{
	return v && *v ? v : d;
}

static const char *
squash(struct svc *s, const char *v)
{
	const char *t = utf8_squash(s->a, svc_nz(v));

	return t ? t : "";
}

/*
 * A checked child_fields as the record stores it: names and text squashed,
 * codes defaulted, the date as yyyy-mm-dd, the personal number upper case,
 * the municipality's name. Into *o (arena strings).
 */
static void
normalize(struct svc *s, const struct child_fields *c, struct child_info *o)
{
	struct muni_info *m;
	char iso[11];

	memset(o, 0, sizeof(*o));
	o->given = squash(s, c->given);
	o->family = squash(s, c->family);
	o->parent = squash(s, c->parent);
	o->sex = or_default(c->sex, "u");
	o->birth_date = c->birth_date && *c->birth_date &&
	    child_iso_date(c->birth_date, iso) == 0 ? arena_strdup(s->a, iso) :
	    "";
	if (o->birth_date == NULL)
		o->birth_date = "";
	o->birth_estimated = c->birth_estimated ? 1 : 0;
	o->pn = svc_nz(pn_norm(s, c->pn));
	o->citizenship = squash(s, c->citizenship);
	o->stateless = c->stateless ? 1 : 0;
	o->community = or_default(c->community, "unknown");
	o->language = squash(s, c->language);
	o->disability = or_default(c->disability, "unknown");
	o->disability_note = squash(s, c->disability_note);
	o->school_status = or_default(c->school_status, "unknown");
	o->address = squash(s, c->address);
	o->municipality_id = c->municipality_id;
	o->municipality_name = "";
	if (c->municipality_id != 0 &&
	    ref_municipality(s, c->municipality_id, &m) == SVC_OK)
		o->municipality_name = m->name_sq;
	o->admin_unit = squash(s, c->admin_unit);
}

/* ---------------------------------------------------------------- names */

/* The folded keys of a child's names ("" for none). */
struct folds {
	const char	*given, *family, *parent;
};

static int
fold3(struct svc *s, const char *g, const char *f, const char *p,
    struct folds *o)
{
	o->given = names_fold(s->a, svc_nz(g));
	o->family = names_fold(s->a, svc_nz(f));
	o->parent = names_fold(s->a, svc_nz(p));
	return o->given && o->family && o->parent ? 0 : -1;
}

/* The trigram row's text of one spelling: given family parent, and
 * family given (the surname-first order). */
static void
fts_put(struct buf *b, const struct folds *f)
{
	buf_printf(b, "%s%s %s %s %s %s", b->len ? " " : "", f->given,
	    f->family, f->parent, f->family, f->given);
}

struct alist {
	struct avec	 v;	/* struct child_alias_info */
	struct avec	 f;	/* struct folds, same order */
};

static const char *
dupcol(struct arena *a, const struct store_row *r, int col)
{
	const char *s = arena_strdup(a, srow_text(r, col));

	return s ? s : "";
}

static int
alias_cb(void *arg, const struct store_row *r)
{
	struct alist *l = arg;
	struct child_alias_info *x;
	struct folds *f;

	if ((x = avec_next(&l->v)) == NULL || (f = avec_next(&l->f)) == NULL)
		return 1;
	x->given = dupcol(l->v.a, r, 0);
	x->family = dupcol(l->v.a, r, 1);
	x->parent = dupcol(l->v.a, r, 2);
	f->given = dupcol(l->v.a, r, 3);
	f->family = dupcol(l->v.a, r, 4);
	f->parent = dupcol(l->v.a, r, 5);
	x->from_child = srow_int(r, 6);
	return 0;
}

static enum svc_rc
aliases(struct svc *s, int64_t id, struct alist *l)
{
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	avec_init(&l->v, s->a, sizeof(struct child_alias_info),
	    CHILD_ALIASES_MAX);
	avec_init(&l->f, s->a, sizeof(struct folds), CHILD_ALIASES_MAX);
	if ((rc = store_exec(s->st, Q_CHILD_ALIASES, p, 1, alias_cb, l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l->v.oom || l->f.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* Rewrites the trigram row of child id: its own folds and those of its
 * other spellings. Inside the caller's transaction. */
static enum svc_rc
fts_rewrite(struct svc *s, int64_t id, const struct folds *own)
{
	struct alist l;
	struct buf b;
	size_t i;
	enum store_rc rc;
	enum svc_rc src;
	struct sp del[] = { sp_int(id) };

	if ((src = aliases(s, id, &l)) != SVC_OK)
		return src;
	buf_init(&b, s->a);
	buf_puts(&b, "");
	fts_put(&b, own);
	for (i = 0; i < l.f.n; i++)
		fts_put(&b, &((struct folds *)l.f.v)[i]);
	if (b.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp put[] = { sp_int(id), sp_text(b.p) };

		if ((rc = store_exec(s->st, Q_CHILD_FTS_DEL, del, 1, NULL, NULL,
		    NULL)) != STORE_OK ||
		    (rc = store_exec(s->st, Q_CHILD_FTS_PUT, put, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	return SVC_OK;
}

/* ---------------------------------------------------------------- history */

static enum svc_rc
event(struct svc *s, int64_t child, const char *kind, const char *field,
    const char *before, const char *after, const char *note)
{
	enum store_rc rc;
	struct sp p[] = {
		sp_int(child), sp_int(clock_now()),
		sp_id(s->actor ? s->actor->id : 0), sp_text(kind),
		sp_text(svc_nz(field)), sp_text(svc_nz(before)),
		sp_text(svc_nz(after)), sp_text(svc_nz(note)),
	};

	if ((rc = store_exec(s->st, Q_CHILD_EVENT_ADD, p, 8, NULL, NULL,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}


/* ---------------------------------------------------------------- creation */

enum svc_rc
child_create_in_tx(struct svc *s, const struct child_fields *c, int64_t *id)
{
	struct child_info n;
	struct folds fo;
	enum store_rc rc;
	enum svc_rc src;

	normalize(s, c, &n);
	if (fold3(s, n.given, n.family, n.parent, &fo) != 0)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	{
		struct sp p[] = {
			sp_text(n.given), sp_text(n.family), sp_text(n.parent),
			sp_text(n.sex),
			*n.birth_date ? sp_text(n.birth_date) : sp_null(),
			sp_int(n.birth_estimated), sp_text(*n.pn ? n.pn : NULL),
			sp_text(n.citizenship), sp_int(n.stateless),
			sp_text(n.community), sp_text(n.language),
			sp_text(n.disability), sp_text(n.disability_note),
			sp_text(n.school_status), sp_text(n.address),
			sp_id(n.municipality_id), sp_text(n.admin_unit),
			sp_text(fo.given), sp_text(fo.family), sp_text(fo.parent),
			s->actor && s->actor->id ? sp_int(s->actor->id) : sp_null(),
			sp_int(clock_now()),
		};

		rc = store_exec(s->st, Q_CHILD_INSERT, p, 22, store_cb_int, id, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((src = fts_rewrite(s, *id, &fo)) != SVC_OK)
		return src;
	if (c->caregiver_name && *c->caregiver_name) {
		int64_t gid = 0;
		struct sp g[] = {
			sp_int(*id), sp_text(squash(s, c->caregiver_name)),
			sp_text(c->caregiver_relation),
			sp_int(c->caregiver_guardian ? 1 : 0), sp_int(1),
			sp_text(squash(s, c->caregiver_phone)), sp_text(""),
			sp_int(clock_now()),
		};

		if ((rc = store_exec(s->st, Q_CAREGIVER_ADD, g, 8, store_cb_int, &gid,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	return cm_audit(s, "child.create", "child", *id, c->caregiver_name &&
	    *c->caregiver_name ? "caregivers=1" : "");
}

/* ---------------------------------------------------------------- reading */

/* The visibility parameters of the actor (agency -1: none). */
static void
vis_params(struct svc *s, struct sp p[4])
{
	struct case_scope cs;

	if (authz_case_scope(s->actor, &cs) != 0 ||
	    !authz_allows(s->actor, PERM_CHILD_READ, NULL)) {
		p[0] = sp_int(-1);
		p[1] = sp_int(-1);
		p[2] = sp_null();
		p[3] = sp_int(0);
		return;
	}
	p[0] = sp_int(cs.agency_id);
	p[1] = sp_int(cs.user_id);
	p[2] = sp_id(cs.team_id);
	p[3] = sp_int(cs.unit ? 1 : 0);
}

struct clist {
	struct arena		*a;
	struct child_info	*v;
	size_t			 n, cap;
	int			 oom;
};

static const char *
dup(struct clist *l, const struct store_row *r, int col)
{
	const char *s = arena_strdup(l->a, srow_text(r, col));

	if (s == NULL)
		l->oom = 1;
	return s ? s : "";
}

/* A row of CHILD_COLS (and merged_into, when the query gives it). */
static int
child_cb(void *arg, const struct store_row *r)
{
	struct clist *l = arg;
	struct child_info *c;

	if (l->n == l->cap)
		return 1;
	c = &l->v[l->n++];
	c->id = srow_int(r, 0);
	c->given = dup(l, r, 1);
	c->family = dup(l, r, 2);
	c->parent = dup(l, r, 3);
	c->sex = dup(l, r, 4);
	c->birth_date = dup(l, r, 5);
	c->birth_estimated = (int)srow_int(r, 6);
	c->pn = dup(l, r, 7);
	c->citizenship = dup(l, r, 8);
	c->stateless = (int)srow_int(r, 9);
	c->community = dup(l, r, 10);
	c->language = dup(l, r, 11);
	c->disability = dup(l, r, 12);
	c->disability_note = dup(l, r, 13);
	c->school_status = dup(l, r, 14);
	c->address = dup(l, r, 15);
	c->municipality_id = srow_int(r, 16);
	c->admin_unit = dup(l, r, 17);
	c->created_at = srow_int(r, 18);
	c->updated_at = srow_int(r, 19);
	c->version = srow_int(r, 20);
	c->municipality_name = dup(l, r, 21);
	c->country = dup(l, r, 22);
	c->merged_into = srow_cols(r) > 23 ? srow_int(r, 23) : 0;
	return 0;
}

static int
caregiver_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct caregiver_info *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->name = dupcol(l->a, r, 1);
	g->relation = dupcol(l->a, r, 2);
	g->is_guardian = (int)srow_int(r, 3);
	g->lives_with = (int)srow_int(r, 4);
	g->phone = dupcol(l->a, r, 5);
	g->note = dupcol(l->a, r, 6);
	return 0;
}

static enum svc_rc
fetch(struct svc *s, enum qid q, struct sp *p, size_t np,
    struct child_info **out)
{
	struct clist l = { s->a, NULL, 0, 1, 0 };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, q, p, np, child_cb, &l, NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

/* The child with the read rule (q Q_CHILD_GET) or the write rule
 * (Q_CHILD_WRITABLE). */
static enum svc_rc
fetch_vis(struct svc *s, enum qid q, int64_t id, struct child_info **out)
{
	struct sp p[5];

	if (id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	p[0] = sp_int(id);
	vis_params(s, p + 1);
	return fetch(s, q, p, 5, out);
}

static enum svc_rc
caregivers(struct svc *s, struct child_info *c)
{
	struct avec g;
	struct sp q[] = { sp_int(c->id) };
	enum store_rc rc;

	avec_init(&g, s->a, sizeof(struct caregiver_info),
	    CHILD_CAREGIVERS_MAX);
	if ((rc = store_exec(s->st, Q_CAREGIVER_LIST, q, 1, caregiver_cb, &g,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (g.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	c->caregivers = g.v;
	c->ncaregivers = g.n;
	return SVC_OK;
}

int
child_visible(struct svc *s, int64_t id)
{
	struct child_info *c;
	enum svc_rc rc;

	rc = fetch_vis(s, Q_CHILD_GET, id, &c);
	return rc == SVC_OK ? 1 : rc == SVC_NOTFOUND ? 0 : -1;
}

/* The record child id was merged into (0: none; -1 on error). */
static int64_t
merged_into(struct svc *s, int64_t id)
{
	int64_t m = 0;
	struct sp p[] = { sp_int(id) };

	if (store_exec(s->st, Q_CHILD_MERGED_INTO, p, 1, store_cb_int, &m, NULL) !=
	    STORE_OK)
		return -1;
	return m;
}

enum svc_rc
child_get(struct svc *s, int64_t id, struct child_info **out)
{
	struct child_info *c;
	int64_t m;
	enum svc_rc rc;

	rc = fetch_vis(s, Q_CHILD_GET, id, out);
	if (rc == SVC_NOTFOUND && id > 0 && (m = merged_into(s, id)) > 0 &&
	    child_visible(s, m) == 1) {
		/* Merged away: the kept record, which the actor may see. */
		if ((c = arena_zalloc(s->a, sizeof(*c))) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		c->id = id;
		c->merged_into = m;
		c->given = c->family = c->parent = c->sex = c->birth_date = "";
		if (audit_record_tx(s->st, s->actor, NULL, "child.read", "child",
		    id, arena_printf(s->a, "merged_into=%lld", (long long)m)) !=
		    STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		*out = c;
		return SVC_OK;
	}
	if (rc == SVC_NOTFOUND) {
		if (audit_record_tx(s->st, s->actor, NULL, "child.read.denied",
		    "child", id, "") != STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (rc != SVC_OK)
		return rc;
	if ((rc = caregivers(s, *out)) != SVC_OK)
		return rc;
	if (audit_record_tx(s->st, s->actor, NULL, "child.read", "child", id,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

static int
case_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct child_case *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->id = srow_int(r, 0);
	k->number = dupcol(l->a, r, 1);
	k->status = dupcol(l->a, r, 2);
	k->risk = dupcol(l->a, r, 3);
	k->opened_at = srow_int(r, 4);
	k->municipality = dupcol(l->a, r, 5);
	k->worker = dupcol(l->a, r, 6);
	return 0;
}

/* The cases of child id in the actor's scope. */
static enum svc_rc
cases(struct svc *s, int64_t id, struct child_case **out, size_t *n)
{
	struct avec l;
	struct sp p[6];
	enum store_rc rc;

	p[0] = sp_int(id);
	vis_params(s, p + 1);
	p[5] = sp_int(CHILD_CASES_MAX);
	avec_init(&l, s->a, sizeof(struct child_case), CHILD_CASES_MAX);
	if ((rc = store_exec(s->st, Q_CHILD_CASES, p, 6, case_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

static int
sibling_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct child_sibling *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->relation = dupcol(l->a, r, 1);
	k->visible = srow_int(r, 2) != 0;
	if (k->visible) {
		k->child_id = srow_int(r, 0);
		k->given = dupcol(l->a, r, 3);
		k->family = dupcol(l->a, r, 4);
		k->birth_date = dupcol(l->a, r, 5);
	} else
		k->given = k->family = k->birth_date = "";
	return 0;
}

static int
event_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct child_event_info *e;

	if ((e = avec_next(l)) == NULL)
		return 1;
	e->id = srow_int(r, 0);
	e->at = srow_int(r, 1);
	e->actor = dupcol(l->a, r, 2);
	e->kind = dupcol(l->a, r, 3);
	e->field = dupcol(l->a, r, 4);
	e->before = dupcol(l->a, r, 5);
	e->after = dupcol(l->a, r, 6);
	e->note = dupcol(l->a, r, 7);
	e->child_id = srow_int(r, 8);
	return 0;
}

/* The parts of a child's page after the record itself. */
static enum svc_rc
record_parts(struct svc *s, struct child_full *f)
{
	struct avec l;
	struct alist al;
	struct sp p[5];
	struct sp pe[] = { sp_int(f->c->id), sp_int(CHILD_EVENTS_MAX) };
	struct child_info *w;
	size_t i;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = cases(s, f->c->id, &f->cases, &f->ncases)) != SVC_OK)
		return src;
	p[0] = sp_int(f->c->id);
	vis_params(s, p + 1);
	avec_init(&l, s->a, sizeof(struct child_sibling), CHILD_SIBLINGS_MAX);
	if ((rc = store_exec(s->st, Q_CHILD_SIBLINGS, p, 5, sibling_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	f->siblings = l.v;
	f->nsiblings = l.n;
	for (i = 0; i < f->nsiblings; i++)
		if (f->siblings[i].visible && (src = cases(s,
		    f->siblings[i].child_id, &f->siblings[i].cases,
		    &f->siblings[i].ncases)) != SVC_OK)
			return src;
	avec_init(&l, s->a, sizeof(struct child_event_info), CHILD_EVENTS_MAX);
	if ((rc = store_exec(s->st, Q_CHILD_EVENTS, pe, 2, event_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->events = l.v;
	f->nevents = l.n;
	if ((src = aliases(s, f->c->id, &al)) != SVC_OK)
		return src;
	f->aliases = al.v.v;
	f->naliases = al.v.n;
	f->may_write = authz_allows(s->actor, PERM_CASE_WRITE, NULL) &&
	    fetch_vis(s, Q_CHILD_WRITABLE, f->c->id, &w) == SVC_OK;
	return SVC_OK;
}

enum svc_rc
child_record(struct svc *s, int64_t id, struct child_full **out)
{
	struct child_full *f;
	enum svc_rc rc;

	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = child_get(s, id, &f->c)) != SVC_OK)
		return rc;
	if (f->c->merged_into == 0 && (rc = record_parts(s, f)) != SVC_OK)
		return rc;
	*out = f;
	return SVC_OK;
}

/* ---------------------------------------------------------------- writing */

/*
 * The child, when the actor may write it (PERM_CASE_WRITE: SVC_DENIED; a
 * case of it in scope: else SVC_NOTFOUND, audited as child.write.denied)
 * and version is 0 or its version (else SVC_CONFLICT "child.conflict").
 */
static enum svc_rc
writable(struct svc *s, int64_t id, int64_t version, struct child_info **out)
{
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	rc = fetch_vis(s, Q_CHILD_WRITABLE, id, out);
	if (rc == SVC_NOTFOUND) {
		if (id > 0 && audit_record_tx(s->st, s->actor, NULL,
		    "child.write.denied", "child", id, "") != STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (rc != SVC_OK)
		return rc;
	if (version != 0 && version != (*out)->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	return SVC_OK;
}

/* A new version of the child (version checked), for the writes that do
 * not rewrite the record itself. */
static enum svc_rc
touch(struct svc *s, int64_t id, int64_t version, int64_t *nv)
{
	int64_t v = 0;
	enum store_rc rc;
	struct sp p[] = { sp_int(id), sp_int(version), sp_int(clock_now()) };

	rc = store_exec(s->st, Q_CHILD_TOUCH, p, 3, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (nv != NULL)
		*nv = v;
	return SVC_OK;
}

/* The fields of a record, in the order of the form. kind: T text, C code,
 * F flag (int), M municipality (shown by name). Checklist: struct
 * child_info, normalize(), the edit form (templates/child_edit.html). */
enum fkind { FK_T, FK_C, FK_F, FK_M };
static const struct cfield {
	const char	*name;
	size_t		 off;
	enum fkind	 kind;
} cfields[] = {
	{ "given_name", offsetof(struct child_info, given), FK_T },
	{ "family_name", offsetof(struct child_info, family), FK_T },
	{ "parent_name", offsetof(struct child_info, parent), FK_T },
	{ "sex", offsetof(struct child_info, sex), FK_C },
	{ "birth_date", offsetof(struct child_info, birth_date), FK_T },
	{ "birth_estimated", offsetof(struct child_info, birth_estimated), FK_F },
	{ "personal_number", offsetof(struct child_info, pn), FK_T },
	{ "citizenship", offsetof(struct child_info, citizenship), FK_T },
	{ "stateless", offsetof(struct child_info, stateless), FK_F },
	{ "community", offsetof(struct child_info, community), FK_C },
	{ "language", offsetof(struct child_info, language), FK_T },
	{ "disability", offsetof(struct child_info, disability), FK_C },
	{ "disability_note", offsetof(struct child_info, disability_note), FK_T },
	{ "school_status", offsetof(struct child_info, school_status), FK_C },
	{ "address", offsetof(struct child_info, address), FK_T },
	{ "child_municipality", offsetof(struct child_info, municipality_id), FK_M },
	{ "admin_unit", offsetof(struct child_info, admin_unit), FK_T },
};
#define NCFIELDS (sizeof(cfields) / sizeof(cfields[0]))

#define FSTR(c, f) (*(const char **)((char *)(c) + (f)->off))
#define FINT(c, f) (*(int *)((char *)(c) + (f)->off))
#define FI64(c, f) (*(int64_t *)((char *)(c) + (f)->off))

/* The value of a field as the history shows it. */
static const char *
fvalue(struct svc *s, const struct child_info *c, const struct cfield *f)
{
	switch (f->kind) {
	case FK_F:
		return FINT(c, f) ? "1" : "0";
	case FK_M:
		return FI64(c, f) ? svc_nz(c->municipality_name) : "";
	default:
		return svc_nz(FSTR(c, f));
	}
}

/* The value as the audit detail may hold it: codes, flags and ids only. */
static const char *
fcode(struct svc *s, const struct child_info *c, const struct cfield *f)
{
	if (f->kind == FK_M)
		return arena_printf(s->a, "%lld", (long long)FI64(c, f));
	return fvalue(s, c, f);
}

static int
fempty(const struct child_info *c, const struct cfield *f)
{
	const char *v;

	switch (f->kind) {
	case FK_F:
		return FINT(c, f) == 0;
	case FK_M:
		return FI64(c, f) == 0;
	case FK_C:
		v = FSTR(c, f);
		return v == NULL || *v == '\0' || strcmp(v, "unknown") == 0 ||
		    strcmp(v, "u") == 0;
	default:
		v = FSTR(c, f);
		return v == NULL || *v == '\0';
	}
}

static int
fsame(const struct child_info *a, const struct child_info *b,
    const struct cfield *f)
{
	switch (f->kind) {
	case FK_F:
		return FINT(a, f) == FINT(b, f);
	case FK_M:
		return FI64(a, f) == FI64(b, f);
	default:
		return strcmp(svc_nz(FSTR(a, f)), svc_nz(FSTR(b, f))) == 0;
	}
}

/* Copies field f of from into to (with the municipality's name). */
static void
fcopy(struct child_info *to, const struct child_info *from,
    const struct cfield *f)
{
	switch (f->kind) {
	case FK_F:
		FINT(to, f) = FINT(from, f);
		break;
	case FK_M:
		FI64(to, f) = FI64(from, f);
		to->municipality_name = from->municipality_name;
		break;
	default:
		FSTR(to, f) = FSTR(from, f);
		break;
	}
}

/* Writes the record n over child id (version checked): Q_CHILD_UPDATE,
 * its folds and its trigram row. *nv gets the new version. */
static enum svc_rc
write_record(struct svc *s, int64_t id, int64_t version,
    const struct child_info *n, int64_t *nv)
{
	struct folds fo;
	enum store_rc rc;

	if (fold3(s, n->given, n->family, n->parent, &fo) != 0)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	{
		struct sp p[] = {
			sp_int(id), sp_text(n->given), sp_text(n->family),
			sp_text(n->parent), sp_text(n->sex),
			*n->birth_date ? sp_text(n->birth_date) : sp_null(),
			sp_int(n->birth_estimated),
			sp_text(*n->pn ? n->pn : NULL), sp_text(n->citizenship),
			sp_int(n->stateless), sp_text(n->community),
			sp_text(n->language), sp_text(n->disability),
			sp_text(n->disability_note), sp_text(n->school_status),
			sp_text(n->address), sp_id(n->municipality_id),
			sp_text(n->admin_unit), sp_text(fo.given),
			sp_text(fo.family), sp_text(fo.parent),
			sp_int(clock_now()), sp_int(version),
		};

		rc = store_exec(s->st, Q_CHILD_UPDATE, p, 23, store_cb_int, nv, NULL);
	}
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return fts_rewrite(s, id, &fo);
}

struct update_args {
	int64_t			 id, version;
	struct child_info	 n;
	const struct child_info	*cur;
};

static enum svc_rc
update_tx(struct svc *s, void *arg)
{
	struct update_args *u = arg;
	const struct cfield *f;
	struct buf d;
	int64_t v = 0;
	size_t i;
	enum svc_rc rc;

	if ((rc = write_record(s, u->id, u->version, &u->n, &v)) != SVC_OK)
		return rc;
	/* The history: every changed field with before and after. The
	 * audit: codes in full, of personal text only the field's name. */
	buf_init(&d, s->a);
	buf_printf(&d, "v%lld>%lld", (long long)u->version, (long long)v);
	for (i = 0; i < NCFIELDS; i++) {
		f = &cfields[i];
		if (fsame(u->cur, &u->n, f))
			continue;
		if ((rc = event(s, u->id, "updated", f->name,
		    fvalue(s, u->cur, f), fvalue(s, &u->n, f), "")) != SVC_OK)
			return rc;
		if (f->kind == FK_T)
			buf_printf(&d, " %s", f->name);
		else
			buf_printf(&d, " %s:%s>%s", f->name, fcode(s, u->cur, f),
			    fcode(s, &u->n, f));
	}
	return cm_audit(s, "child.update", "child", u->id, d.oom ? "" : d.p);
}

enum svc_rc
child_update(struct svc *s, int64_t id, int64_t version,
    const struct child_fields *c)
{
	struct update_args u;
	struct child_info *cur;
	enum svc_rc rc;

	if ((rc = writable(s, id, 0, &cur)) != SVC_OK)
		return rc;
	if ((rc = child_check(s, c)) != SVC_OK)
		return rc;
	if (cur->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	u.id = id;
	u.version = version;
	u.cur = cur;
	normalize(s, c, &u.n);
	return svc_tx(s, update_tx, &u);
}

/* ---------------------------------------------------------------- caregivers */

enum cg_op { CG_ADD, CG_UPDATE, CG_REMOVE };

struct cg_args {
	enum cg_op		 op;
	struct child_info	*c;
	int64_t			 version, id, nv;
	struct caregiver_fields	 g;
	const struct caregiver_info *cur;
};

/* A caregiver in the history: name|relation|guardian|lives_with|phone
 * (the page translates the codes; a phone holds no '|'). */
static const char *
cg_summary(struct svc *s, const char *name, const char *relation,
    int guardian, int lives_with, const char *phone)
{
	return arena_printf(s->a, "%s|%s|%d|%d|%s", name, relation,
	    guardian ? 1 : 0, lives_with ? 1 : 0, phone);
}

static enum svc_rc
cg_tx(struct svc *s, void *arg)
{
	struct cg_args *a = arg;
	const struct caregiver_fields *g = &a->g;
	const char *before = "", *after = "", *kind;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = touch(s, a->c->id, a->version, &a->nv)) != SVC_OK)
		return src;
	if (a->cur != NULL)
		before = cg_summary(s, a->cur->name, a->cur->relation,
		    a->cur->is_guardian, a->cur->lives_with, a->cur->phone);
	if (a->op != CG_REMOVE)
		after = cg_summary(s, g->name, g->relation, g->is_guardian,
		    g->lives_with, g->phone);
	if (a->op == CG_REMOVE) {
		struct sp p[] = { sp_int(a->id), sp_int(a->c->id) };

		kind = "caregiver.removed";
		rc = store_exec(s->st, Q_CAREGIVER_DELETE, p, 2, NULL, NULL,
		    NULL);
	} else if (a->op == CG_UPDATE) {
		struct sp p[] = {
			sp_int(a->id), sp_int(a->c->id), sp_text(g->name),
			sp_text(g->relation), sp_int(g->is_guardian),
			sp_int(g->lives_with), sp_text(g->phone),
			sp_text(g->note),
		};

		kind = "caregiver.updated";
		rc = store_exec(s->st, Q_CAREGIVER_UPDATE, p, 8, NULL, NULL,
		    NULL);
	} else {
		struct sp p[] = {
			sp_int(a->c->id), sp_text(g->name), sp_text(g->relation),
			sp_int(g->is_guardian), sp_int(g->lives_with),
			sp_text(g->phone), sp_text(g->note), sp_int(clock_now()),
		};

		kind = "caregiver.added";
		rc = store_exec(s->st, Q_CAREGIVER_ADD, p, 8, store_cb_int, &a->id,
		    NULL);
	}
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((src = event(s, a->c->id, kind, "caregiver", before, after,
	    a->op != CG_REMOVE && strcmp(svc_nz(a->cur ? a->cur->note : ""),
	    g->note) != 0 ? "note" : "")) != SVC_OK)
		return src;
	return cm_audit(s, arena_printf(s->a, "child.%s", kind), "child",
	    a->c->id,
	    arena_printf(s->a, "caregiver=%lld relation=%s guardian=%d"
	    " lives_with=%d", (long long)a->id, a->op == CG_REMOVE ?
	    a->cur->relation : g->relation, a->op == CG_REMOVE ?
	    a->cur->is_guardian : g->is_guardian, a->op == CG_REMOVE ?
	    a->cur->lives_with : g->lives_with));
}

/* The checks shared by the caregiver writes; a->cur for an existing one. */
static enum svc_rc
cg_run(struct svc *s, struct cg_args *a, int64_t child,
    const struct caregiver_fields *g)
{
	enum svc_rc rc;
	size_t i;

	if ((rc = writable(s, child, 0, &a->c)) != SVC_OK)
		return rc;
	if (a->op != CG_REMOVE) {
		if ((rc = child_caregiver_check(s, g)) != SVC_OK)
			return rc;
		a->g.name = squash(s, g->name);
		a->g.relation = g->relation;
		a->g.phone = squash(s, g->phone);
		a->g.note = svc_nz(g->note);
		a->g.is_guardian = g->is_guardian ? 1 : 0;
		a->g.lives_with = g->lives_with ? 1 : 0;
	}
	a->cur = NULL;
	if (a->op != CG_ADD) {
		if ((rc = caregivers(s, a->c)) != SVC_OK)
			return rc;
		for (i = 0; i < a->c->ncaregivers; i++)
			if (a->c->caregivers[i].id == a->id)
				a->cur = &a->c->caregivers[i];
		if (a->cur == NULL)
			return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (a->version != a->c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	return svc_tx(s, cg_tx, a);
}

/* One caregiver write (op) of caregiver id (add: 0) of child; *idp and
 * *nv (may be NULL) get the caregiver's id and the child's new version. */
static enum svc_rc
cg_write(struct svc *s, enum cg_op op, int64_t child, int64_t id,
    int64_t version, const struct caregiver_fields *g, int64_t *idp,
    int64_t *nv)
{
	struct cg_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.op = op;
	a.id = id;
	a.version = version;
	if ((rc = cg_run(s, &a, child, g)) != SVC_OK)
		return rc;
	if (idp != NULL)
		*idp = a.id;
	if (nv != NULL)
		*nv = a.nv;
	return SVC_OK;
}

enum svc_rc
child_caregiver_add(struct svc *s, int64_t child, int64_t version,
    const struct caregiver_fields *g, int64_t *id, int64_t *nv)
{
	return cg_write(s, CG_ADD, child, 0, version, g, id, nv);
}

enum svc_rc
child_caregiver_update(struct svc *s, int64_t child, int64_t id,
    int64_t version, const struct caregiver_fields *g, int64_t *nv)
{
	return cg_write(s, CG_UPDATE, child, id, version, g, NULL, nv);
}

enum svc_rc
child_caregiver_remove(struct svc *s, int64_t child, int64_t id,
    int64_t version, int64_t *nv)
{
	return cg_write(s, CG_REMOVE, child, id, version, NULL, NULL, nv);
}

/* ---------------------------------------------------------------- siblings */

struct link {
	int64_t		 other;
	char		 relation[16];
};

static int
link_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct link *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->other = srow_int(r, 0);
	snprintf(k->relation, sizeof(k->relation), "%s", srow_text(r, 1));
	return 0;
}

/* The sibling links of child id (unchecked). */
static enum svc_rc
links(struct svc *s, int64_t id, struct avec *l)
{
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	avec_init(l, s->a, sizeof(struct link), 10000);
	if ((rc = store_exec(s->st, Q_CHILD_LINKS, p, 1, link_cb, l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

static const char *
ref(struct svc *s, int64_t id)
{
	return arena_printf(s->a, "#%lld", (long long)id);
}

struct link_args {
	int64_t		 a, b;
	const char	*relation;	/* NULL: unlink */
	const char	*old;		/* unlink: the relation it had */
};

static enum svc_rc
link_tx(struct svc *s, void *arg)
{
	struct link_args *k = arg;
	int64_t lo = k->a < k->b ? k->a : k->b, hi = k->a < k->b ? k->b : k->a;
	enum store_rc rc;
	enum svc_rc src;

	if (k->relation != NULL) {
		struct sp p[] = { sp_int(lo), sp_int(hi), sp_text(k->relation),
		    sp_int(clock_now()) };

		rc = store_exec(s->st, Q_CHILD_LINK_ADD, p, 4, NULL, NULL, NULL);
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "other",
			    "child.sibling.exists");
	} else {
		struct sp p[] = { sp_int(lo), sp_int(hi) };

		rc = store_exec(s->st, Q_CHILD_LINK_DEL, p, 2, NULL, NULL, NULL);
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((src = event(s, k->a, k->relation ? "sibling.linked" :
	    "sibling.unlinked", "sibling", k->relation ? "" : ref(s, k->b),
	    k->relation ? ref(s, k->b) : "", k->relation ? k->relation :
	    k->old)) != SVC_OK ||
	    (src = event(s, k->b, k->relation ? "sibling.linked" :
	    "sibling.unlinked", "sibling", k->relation ? "" : ref(s, k->a),
	    k->relation ? ref(s, k->a) : "", k->relation ? k->relation :
	    k->old)) != SVC_OK)
		return src;
	return cm_audit(s, k->relation ? "child.sibling.link" :
	    "child.sibling.unlink", "child", k->a, arena_printf(s->a,
	    "other=%lld relation=%s", (long long)k->b, k->relation ?
	    k->relation : k->old));
}

enum svc_rc
child_sibling_link(struct svc *s, int64_t child, int64_t other,
    const char *relation)
{
	struct link_args k;
	struct child_info *a, *b;
	struct avec l;
	size_t i;
	enum svc_rc rc;

	if ((rc = writable(s, child, 0, &a)) != SVC_OK)
		return rc;
	if (relation == NULL || !svc_in_set(child_link_relations, relation))
		return svc_fail(s, SVC_INVALID, "relation", "error.field.choice");
	if (other == child)
		return svc_fail(s, SVC_INVALID, "other", "child.sibling.self");
	if (other <= 0)
		return svc_fail(s, SVC_INVALID, "other", "error.field.invalid");
	if ((rc = writable(s, other, 0, &b)) != SVC_OK)
		return rc;
	if ((rc = links(s, child, &l)) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++)
		if (((struct link *)l.v)[i].other == other)
			return svc_fail(s, SVC_CONFLICT, "other",
			    "child.sibling.exists");
	k.a = child;
	k.b = other;
	k.relation = relation;
	k.old = NULL;
	return svc_tx(s, link_tx, &k);
}

enum svc_rc
child_sibling_unlink(struct svc *s, int64_t child, int64_t other)
{
	struct link_args k;
	struct child_info *a, *b;
	struct avec l;
	size_t i;
	enum svc_rc rc;

	if ((rc = writable(s, child, 0, &a)) != SVC_OK)
		return rc;
	if ((rc = writable(s, other, 0, &b)) != SVC_OK)
		return rc;
	if ((rc = links(s, child, &l)) != SVC_OK)
		return rc;
	k.old = NULL;
	for (i = 0; i < l.n; i++)
		if (((struct link *)l.v)[i].other == other)
			k.old = arena_strdup(s->a,
			    ((struct link *)l.v)[i].relation);
	if (k.old == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	k.a = child;
	k.b = other;
	k.relation = NULL;
	return svc_tx(s, link_tx, &k);
}

/* ---------------------------------------------------------------- merging */

/* The plan of a merge: one entry per field, and the merged record. */
static enum svc_rc
plan(struct svc *s, const struct child_info *keep, const struct child_info *dupc,
    struct child_info *merged, struct child_merge_field **out, size_t *n)
{
	struct child_merge_field *m;
	const struct cfield *f;
	size_t i;

	if ((m = arena_zalloc(s->a, NCFIELDS * sizeof(*m))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*merged = *keep;
	for (i = 0; i < NCFIELDS; i++) {
		f = &cfields[i];
		m[i].field = f->name;
		m[i].coded = f->kind == FK_C || f->kind == FK_F;
		m[i].keep = fvalue(s, keep, f);
		m[i].dup = fvalue(s, dupc, f);
		if (fsame(keep, dupc, f))
			m[i].choice = CHILD_MERGE_SAME;
		else if (fempty(dupc, f))
			m[i].choice = CHILD_MERGE_KEEP;
		else if (fempty(keep, f) && f->kind != FK_F)
			m[i].choice = CHILD_MERGE_FILL;
		else
			m[i].choice = CHILD_MERGE_DIFFER;
	}
	/* The flags go with their field: an estimated date with the date
	 * taken, statelessness with the citizenship taken (each flag follows
	 * its field in cfields). */
	for (i = 0; i < NCFIELDS; i++) {
		f = &cfields[i];
		if (f->kind == FK_F && !fsame(keep, dupc, f))
			m[i].choice = m[i - 1].choice == CHILD_MERGE_FILL ?
			    CHILD_MERGE_FILL : CHILD_MERGE_DIFFER;
		if (m[i].choice == CHILD_MERGE_FILL)
			fcopy(merged, dupc, f);
	}
	*out = m;
	*n = NCFIELDS;
	return SVC_OK;
}

/* One side of a merge (field "keep" or "duplicate"): writable, and not
 * merged away. A record merged away has no case left, so it is not
 * writable: when its kept record is the supervisor's, say so. */
static enum svc_rc
merge_side(struct svc *s, int64_t id, const char *field,
    struct child_info **out)
{
	int64_t m;
	enum svc_rc rc;

	if ((rc = writable(s, id, 0, out)) == SVC_NOTFOUND && id > 0 &&
	    (m = merged_into(s, id)) > 0 && child_visible(s, m) == 1)
		return svc_fail(s, SVC_INVALID, field, "child.merge.merged");
	if (rc != SVC_OK)
		return rc;
	if ((*out)->merged_into != 0)
		return svc_fail(s, SVC_INVALID, field, "child.merge.merged");
	return SVC_OK;
}

/* The checks of a merge: the supervisor, not the same record, both
 * records writable and not merged away. */
static enum svc_rc
merge_check(struct svc *s, int64_t keep, int64_t dupid, struct child_info **k,
    struct child_info **d)
{
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (keep == dupid)
		return svc_fail(s, SVC_INVALID, "duplicate", "child.merge.self");
	if ((rc = merge_side(s, keep, "keep", k)) != SVC_OK)
		return rc;
	return merge_side(s, dupid, "duplicate", d);
}

enum svc_rc
child_merge_preview(struct svc *s, int64_t keep, int64_t dupid,
    struct child_merge_plan **out)
{
	struct child_merge_plan *p;
	struct child_info *k, *d, merged;
	enum svc_rc rc;

	if ((rc = merge_check(s, keep, dupid, &k, &d)) != SVC_OK)
		return rc;
	if ((p = arena_zalloc(s->a, sizeof(*p))) == NULL ||
	    (p->keep = arena_zalloc(s->a, sizeof(*p->keep))) == NULL ||
	    (p->dup = arena_zalloc(s->a, sizeof(*p->dup))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	p->keep->c = k;
	p->dup->c = d;
	if ((rc = caregivers(s, k)) != SVC_OK ||
	    (rc = caregivers(s, d)) != SVC_OK ||
	    (rc = record_parts(s, p->keep)) != SVC_OK ||
	    (rc = record_parts(s, p->dup)) != SVC_OK)
		return rc;
	if ((rc = plan(s, k, d, &merged, &p->fields, &p->nfields)) != SVC_OK)
		return rc;
	if (audit_record_tx(s->st, s->actor, NULL, "child.merge.preview",
	    "child", keep, arena_printf(s->a, "duplicate=%lld",
	    (long long)dupid)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = p;
	return SVC_OK;
}

static int
ids_cb(void *arg, const struct store_row *r)
{
	int64_t *v;

	if ((v = avec_next(arg)) == NULL)
		return 1;
	*v = srow_int(r, 0);
	return 0;
}

struct merge_args {
	struct child_info	*k, *d;
	int64_t			 kv, dv;
};

static const char *
label(struct svc *s, const struct child_info *c)
{
	return arena_printf(s->a, "%s%s%s (#%lld)", c->given, *c->family ?
	    " " : "", c->family, (long long)c->id);
}

static enum svc_rc
merge_tx(struct svc *s, void *arg)
{
	struct merge_args *m = arg;
	struct child_merge_field *pf;
	struct child_info merged;
	struct folds fd, fk;
	struct avec ids, dl, kl;
	struct buf d;
	size_t npf, i, j, nlinks = 0, ndropped = 0;
	int64_t v = 0, now = clock_now(), ncare = 0, nrep = 0;
	int known;
	enum store_rc rc;
	enum svc_rc src;
	struct sp from_to[] = { sp_int(m->d->id), sp_int(m->k->id) };

	buf_init(&d, s->a);
	buf_printf(&d, "duplicate=%lld", (long long)m->d->id);
	/* The duplicate first: merged_into, checked against its version
	 * and "not merged yet" in the same statement. */
	{
		struct sp p[] = { sp_int(m->d->id), sp_int(m->k->id),
		    sp_int(m->dv), sp_id(s->actor ? s->actor->id : 0),
		    sp_int(now) };

		rc = store_exec(s->st, Q_CHILD_SET_MERGED, p, 5, store_cb_int, &v, NULL);
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
		if (rc != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	/* The cases: a timeline event each, then moved (new versions). */
	avec_init(&ids, s->a, sizeof(int64_t), 100000);
	if ((rc = store_exec(s->st, Q_CHILD_CASE_IDS, from_to, 1, ids_cb, &ids,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	for (i = 0; i < ids.n; i++)
		if ((src = case_event_in_tx(s, ((int64_t *)ids.v)[i],
		    "child.merged", "child", label(s, m->d), label(s, m->k),
		    "")) != SVC_OK)
			return src;
	{
		struct sp p[] = { sp_int(m->d->id), sp_int(m->k->id),
		    sp_int(now) };

		if ((rc = store_exec(s->st, Q_CHILD_MOVE_CASES, p, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((rc = store_exec(s->st, Q_CHILD_MOVE_REPORTS, from_to, 2, NULL,
	    NULL, &nrep)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_CAREGIVER_MOVE, from_to, 2, NULL, NULL,
	    &ncare)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_CHILD_ALIAS_MOVE, from_to, 2, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_CHILD_REPOINT_MERGED, from_to, 2, NULL,
	    NULL, NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	buf_printf(&d, " cases=%zu reports=%lld caregivers=%lld", ids.n,
	    (long long)nrep, (long long)ncare);
	/* The sibling links: moved, unless they would link the kept record
	 * to itself or repeat one it has (then recorded and dropped). */
	if ((src = links(s, m->d->id, &dl)) != SVC_OK ||
	    (src = links(s, m->k->id, &kl)) != SVC_OK)
		return src;
	for (i = 0; i < dl.n; i++) {
		struct link *x = &((struct link *)dl.v)[i];
		int64_t o = x->other;
		struct sp del[] = { sp_int(o < m->d->id ? o : m->d->id),
		    sp_int(o < m->d->id ? m->d->id : o) };

		if ((rc = store_exec(s->st, Q_CHILD_LINK_DEL, del, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		for (j = 0, known = o == m->k->id; j < kl.n && !known; j++)
			known = ((struct link *)kl.v)[j].other == o;
		if (known) {
			ndropped++;
			if ((src = event(s, m->k->id, "merge.link_dropped",
			    "sibling", ref(s, o), "", x->relation)) != SVC_OK)
				return src;
			continue;
		}
		{
			struct sp add[] = { sp_int(o < m->k->id ? o : m->k->id),
			    sp_int(o < m->k->id ? m->k->id : o),
			    sp_text(x->relation), sp_int(now) };

			if ((rc = store_exec(s->st, Q_CHILD_LINK_ADD, add, 4,
			    NULL, NULL, NULL)) != STORE_OK)
				return svc_fail(s, svc_from_store(rc), NULL,
				    "error.unavailable");
		}
		nlinks++;
		if ((src = event(s, m->k->id, "sibling.linked", "sibling", "",
		    ref(s, o), x->relation)) != SVC_OK ||
		    (src = event(s, o, "merged", "sibling", ref(s, m->d->id),
		    ref(s, m->k->id), x->relation)) != SVC_OK)
			return src;
	}
	buf_printf(&d, " links=%zu dropped=%zu", nlinks, ndropped);
	/* The duplicate's names: another spelling of the kept record,
	 * unless they fold to its own. */
	if (fold3(s, m->d->given, m->d->family, m->d->parent, &fd) != 0 ||
	    fold3(s, m->k->given, m->k->family, m->k->parent, &fk) != 0)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	if (strcmp(fd.given, fk.given) != 0 ||
	    strcmp(fd.family, fk.family) != 0 ||
	    strcmp(fd.parent, fk.parent) != 0) {
		struct sp p[] = { sp_int(m->k->id), sp_int(m->d->id),
		    sp_text(m->d->given), sp_text(m->d->family),
		    sp_text(m->d->parent), sp_text(fd.given),
		    sp_text(fd.family), sp_text(fd.parent), sp_int(now) };

		if ((rc = store_exec(s->st, Q_CHILD_ALIAS_ADD, p, 9, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		buf_puts(&d, " spelling=1");
	}
	/* The fields: empty ones of the kept record filled; every choice in
	 * the history (values) and the audit (field names). */
	if ((src = plan(s, m->k, m->d, &merged, &pf, &npf)) != SVC_OK)
		return src;
	for (i = 0; i < npf; i++) {
		if (pf[i].choice == CHILD_MERGE_FILL) {
			if ((src = event(s, m->k->id, "merge.filled",
			    pf[i].field, pf[i].keep, pf[i].dup,
			    ref(s, m->d->id))) != SVC_OK)
				return src;
			buf_printf(&d, " filled=%s", pf[i].field);
		} else if (pf[i].choice == CHILD_MERGE_DIFFER) {
			if ((src = event(s, m->k->id, "merge.kept",
			    pf[i].field, pf[i].dup, pf[i].keep,
			    ref(s, m->d->id))) != SVC_OK)
				return src;
			buf_printf(&d, " kept=%s", pf[i].field);
		}
	}
	/* The kept record (its version checked) and its trigram row, which
	 * now carries the duplicate's spelling; the duplicate's row goes. */
	if ((src = write_record(s, m->k->id, m->kv, &merged, &v)) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(m->d->id) };

		if ((rc = store_exec(s->st, Q_CHILD_FTS_DEL, p, 1, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((src = event(s, m->k->id, "merged", "child", label(s, m->d),
	    label(s, m->k), "")) != SVC_OK ||
	    (src = event(s, m->d->id, "merged_away", "child", label(s, m->d),
	    label(s, m->k), "")) != SVC_OK)
		return src;
	return cm_audit(s, "child.merge", "child", m->k->id, d.oom ? "" : d.p);
}

enum svc_rc
child_merge(struct svc *s, int64_t keep, int64_t dupid, int64_t keep_version,
    int64_t dup_version)
{
	struct merge_args m;
	enum svc_rc rc;

	if ((rc = merge_check(s, keep, dupid, &m.k, &m.d)) != SVC_OK)
		return rc;
	if (m.k->version != keep_version || m.d->version != dup_version)
		return svc_fail(s, SVC_CONFLICT, NULL, "child.conflict");
	m.kv = keep_version;
	m.dv = dup_version;
	return svc_tx(s, merge_tx, &m);
}

/* ---------------------------------------------------------------- matching */

/* A date of the matcher from yyyy-mm-dd. */
static struct name_date
ndate(const char *iso)
{
	struct name_date d = { 0, 0, 0 };

	if (iso != NULL && strlen(iso) == 10) {
		d.y = atoi(iso);
		d.m = atoi(iso + 5);
		d.d = atoi(iso + 8);
	}
	return d;
}

static enum names_sex
nsex(const char *s)
{
	if (s != NULL && strcmp(s, "m") == 0)
		return NAMES_SEX_MALE;
	if (s != NULL && strcmp(s, "f") == 0)
		return NAMES_SEX_FEMALE;
	return NAMES_SEX_UNKNOWN;
}

/*
 * The FTS5 query over the folded names. words = 2: every folded word of 3
 * letters or more as a phrase, AND-ed (the trigram tokenizer matches each as
 * a substring: all names equal once folded, the usual duplicate); words = 1:
 * the same OR-ed; words = 0: every
 * trigram of every word, OR-ed (typos too, but it matches a large share of
 * all children and must be ranked: the slow fallback). A phrase that never
 * matches (folded keys hold no q) when there is nothing to search.
 */
static const char *
fts_query(struct svc *s, const char *const *keys, size_t nkeys, int words)
{
	struct buf b;
	const char *k, *w;
	size_t i, j, len, n = 0;

	buf_init(&b, s->a);
	buf_puts(&b, "");
	for (i = 0; i < nkeys; i++) {
		for (k = keys[i]; k != NULL && *k; k = *w ? w + 1 : w) {
			w = strchr(k, ' ');
			if (w == NULL)
				w = k + strlen(k);
			len = (size_t)(w - k);
			if (words) {
				if (len >= 3 && n < 16) {
					buf_printf(&b, "%s\"%.*s\"", n ? (words == 2 ?
					    " AND " : " OR ") : "", (int)len, k);
					n++;
				}
				continue;
			}
			for (j = 0; len >= 3 && j + 3 <= len && n < 64; j++, n++)
				buf_printf(&b, "%s\"%.3s\"", n ? " OR " : "",
				    k + j);
		}
	}
	if (n == 0)
		return "\"qqq\"";
	return b.oom ? NULL : b.p;
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct child_candidate *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	return x->child_id < y->child_id ? -1 : x->child_id > y->child_id;
}

struct spelling {
	int64_t		 child_id;
	const char	*given, *family, *parent;
};

static int
spelling_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct spelling *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->child_id = srow_int(r, 0);
	x->given = dupcol(l->a, r, 1);
	x->family = dupcol(l->a, r, 2);
	x->parent = dupcol(l->a, r, 3);
	return 0;
}

/* The other spellings of the candidates (from merges), by child id. */
static enum svc_rc
spellings(struct svc *s, const struct child_info *v, size_t n, struct avec *out)
{
	struct buf b;
	size_t i;
	enum store_rc rc;

	avec_init(out, s->a, sizeof(struct spelling), 4 * CHILD_ALIASES_MAX);
	if (n == 0)
		return SVC_OK;
	buf_init(&b, s->a);
	buf_putc(&b, '[');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)v[i].id);
	buf_putc(&b, ']');
	if (b.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = { sp_text(b.p) };

		if ((rc = store_exec(s->st, Q_CHILD_ALIASES_OF, p, 1,
		    spelling_cb, out, NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	return SVC_OK;
}

enum svc_rc
child_match(struct svc *s, const struct child_query *q,
    struct child_candidate **out, size_t *nout)
{
	struct clist l = { s->a, NULL, 0, 500, 0 };
	struct child_candidate *c;
	struct name_query nq;
	struct name_candidate nc;
	struct match_result mr;
	struct avec sv;
	struct spelling *sp;
	const char *keys[3], *fg, *ff, *fq, *pn;
	char iso[11], now[11];
	struct sp p[9];
	size_t i, j, n = 0;
	int best;
	enum store_rc rc;
	enum svc_rc src;

	*out = NULL;
	*nout = 0;
	if (!authz_allows(s->actor, PERM_CHILD_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (!svc_text_ok(svc_nz(q->given), CHILD_NAME_MAX, 0))
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.toolong");
	if (!svc_text_ok(svc_nz(q->family), CHILD_NAME_MAX, 0))
		return svc_fail(s, SVC_INVALID, "family_name", "error.field.toolong");
	if (!svc_text_ok(svc_nz(q->parent), CHILD_NAME_MAX, 0))
		return svc_fail(s, SVC_INVALID, "parent_name", "error.field.toolong");
	fg = names_fold(s->a, svc_nz(q->given));
	ff = names_fold(s->a, svc_nz(q->family));
	keys[2] = names_fold(s->a, svc_nz(q->parent));
	if (fg == NULL || ff == NULL || keys[2] == NULL)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	if (*fg == '\0' && *ff == '\0')
		return svc_fail(s, SVC_INVALID, "given_name", "child.err.name_needed");
	iso[0] = '\0';
	if (q->birth_date && *q->birth_date &&
	    child_iso_date(q->birth_date, iso) != 0)
		return svc_fail(s, SVC_INVALID, "birth_date", "error.field.date");
	if (q->sex && *q->sex && !svc_in_set(child_sexes, q->sex))
		return svc_fail(s, SVC_INVALID, "sex", "error.field.choice");
	pn = q->pn && *q->pn ? pn_norm(s, q->pn) : NULL;
	keys[0] = fg;
	keys[1] = ff;
	/* All the folded words first (the usual duplicate: every name equal
	 * once folded), and the trigrams only when that finds few (a typo in a
	 * name): the first pass is much cheaper. Any-word matching is not a
	 * pass of its own: a common given name would fill it and hide the
	 * child whose family name has a typo. */
	if ((fq = fts_query(s, keys, 2, 2)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	p[0] = sp_text(pn);
	p[1] = sp_text(fq);
	p[2] = sp_text(ff);
	p[3] = sp_text(fg);
	vis_params(s, p + 4);
	p[8] = sp_int((int64_t)l.cap);
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_CHILD_CANDIDATES, p, 9, child_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.n < CHILD_MATCH_FEW) {
		if ((fq = fts_query(s, keys, 2, 0)) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		p[1] = sp_text(fq);
		l.n = 0;
		if ((rc = store_exec(s->st, Q_CHILD_CANDIDATES, p, 9, child_cb,
		    &l, NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if (l.oom || (c = arena_zalloc(s->a, (l.n ? l.n : 1) *
	    sizeof(*c))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((src = spellings(s, l.v, l.n, &sv)) != SVC_OK)
		return src;
	memset(&nq, 0, sizeof(nq));
	nq.given = q->given;
	nq.family = q->family;
	nq.parent = q->parent;
	nq.dob = ndate(iso);
	nq.sex = nsex(q->sex);
	nq.pn = pn;
	if (q->age >= 0 && !*iso) {
		today(now);
		nq.age = q->age;
		nq.age_at = ndate(now);
	}
	sp = sv.v;
	for (i = 0; i < l.n; i++) {
		memset(&nc, 0, sizeof(nc));
		nc.child_id = l.v[i].id;
		nc.person.given = l.v[i].given;
		nc.person.family = l.v[i].family;
		nc.person.parent = l.v[i].parent;
		nc.person.dob = ndate(l.v[i].birth_date);
		nc.person.sex = nsex(l.v[i].sex);
		nc.person.pn = *l.v[i].pn ? l.v[i].pn : NULL;
		best = names_match_score(&nq, &nc, &c[n].m);
		/* The record's other spellings: the best score counts. */
		for (j = 0; j < sv.n; j++) {
			if (sp[j].child_id != l.v[i].id)
				continue;
			nc.person.given = sp[j].given;
			nc.person.family = sp[j].family;
			nc.person.parent = sp[j].parent;
			if (names_match_score(&nq, &nc, &mr) > best) {
				best = mr.score;
				c[n].m = mr;
			}
		}
		if (best <= 0)
			continue;
		c[n].child_id = l.v[i].id;
		c[n].score = c[n].m.score;
		c[n].child = &l.v[i];
		n++;
	}
	qsort(c, n, sizeof(*c), cand_cmp);
	if (n > CHILD_MATCH_LIMIT)
		n = CHILD_MATCH_LIMIT;
	if (audit_record_tx(s->st, s->actor, NULL, "child.match", "child", 0,
	    arena_printf(s->a, "candidates=%zu", n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = c;
	*nout = n;
	return SVC_OK;
}
