/*
 * child.c — the child record and the duplicate check. See child.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
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
		{ "caregiver_phone", offsetof(struct child_fields, caregiver_phone), 40 },
	};
	struct muni_info *m;
	char iso[11], now[11];
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = *(const char *const *)((const char *)c + t[i].off);
		if (v != NULL && !svc_text_ok(v, t[i].max, 0))
			return svc_fail(s, SVC_INVALID, t[i].name,
			    "error.field.toolong");
	}
	if (c->given == NULL || utf8_squash(s->a, c->given) == NULL ||
	    *utf8_squash(s->a, c->given) == '\0')
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
	    ref_municipality(s, c->municipality_id, &m) != SVC_OK)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.invalid");
	if (c->pn && *c->pn && !pn_ok(pn_country(s, c->municipality_id),
	    pn_norm(s, c->pn)))
		return svc_fail(s, SVC_INVALID, "personal_number",
		    "child.err.pn_invalid");
	if (c->caregiver_name && *c->caregiver_name &&
	    (c->caregiver_relation == NULL ||
	    !svc_in_set(child_relations, c->caregiver_relation)))
		return svc_fail(s, SVC_INVALID, "caregiver_relation",
		    "error.field.choice");
	return SVC_OK;
}

/* The folded keys of a child's names ("" for none). */
struct folds {
	const char	*given, *family, *parent, *fts;
};

static int
fold3(struct svc *s, const char *g, const char *f, const char *p,
    struct folds *o)
{
	o->given = names_fold(s->a, svc_nz(g));
	o->family = names_fold(s->a, svc_nz(f));
	o->parent = names_fold(s->a, svc_nz(p));
	if (o->given == NULL || o->family == NULL || o->parent == NULL)
		return -1;
	/* The trigram row: given family parent, and family given. */
	o->fts = arena_printf(s->a, "%s %s %s %s %s", o->given, o->family,
	    o->parent, o->family, o->given);
	return o->fts ? 0 : -1;
}

static int
id_cb(void *arg, const struct store_row *r)
{
	*(int64_t *)arg = srow_int(r, 0);
	return 1;
}

static const char *
or_default(const char *v, const char *d)
{
	return v && *v ? v : d;
}

enum svc_rc
child_create_in_tx(struct svc *s, const struct child_fields *c, int64_t *id)
{
	struct folds fo;
	char iso[11];
	int have_date;
	enum store_rc rc;

	if (fold3(s, c->given, c->family, c->parent, &fo) != 0)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	have_date = c->birth_date && *c->birth_date &&
	    child_iso_date(c->birth_date, iso) == 0;
	{
		struct sp p[] = {
			sp_text(utf8_squash(s->a, c->given)),
			sp_text(svc_nz(utf8_squash(s->a, svc_nz(c->family)))),
			sp_text(svc_nz(utf8_squash(s->a, svc_nz(c->parent)))),
			sp_text(or_default(c->sex, "u")),
			have_date ? sp_text(iso) : sp_null(),
			sp_int(c->birth_estimated ? 1 : 0),
			sp_text(pn_norm(s, c->pn)), sp_text(svc_nz(c->citizenship)),
			sp_int(c->stateless ? 1 : 0),
			sp_text(or_default(c->community, "unknown")),
			sp_text(svc_nz(c->language)),
			sp_text(or_default(c->disability, "unknown")),
			sp_text(svc_nz(c->disability_note)),
			sp_text(or_default(c->school_status, "unknown")),
			sp_text(svc_nz(c->address)), sp_id(c->municipality_id),
			sp_text(svc_nz(c->admin_unit)), sp_text(fo.given),
			sp_text(fo.family), sp_text(fo.parent),
			s->actor && s->actor->id ? sp_int(s->actor->id) : sp_null(),
			sp_int(clock_now()),
		};

		rc = store_exec(s->st, Q_CHILD_INSERT, p, 22, id_cb, id, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	{
		struct sp f[] = { sp_int(*id), sp_text(fo.fts) };

		if ((rc = store_exec(s->st, Q_CHILD_FTS_PUT, f, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if (c->caregiver_name && *c->caregiver_name) {
		struct sp g[] = {
			sp_int(*id), sp_text(c->caregiver_name),
			sp_text(c->caregiver_relation),
			sp_int(c->caregiver_guardian ? 1 : 0), sp_int(1),
			sp_text(svc_nz(c->caregiver_phone)), sp_int(clock_now()),
		};

		if ((rc = store_exec(s->st, Q_CAREGIVER_ADD, g, 7, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((rc = audit_record(s->st, s->actor, NULL, "child.create", "child",
	    *id, c->caregiver_name && *c->caregiver_name ? "caregivers=1" :
	    "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

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
	return 0;
}

struct glist {
	struct arena		*a;
	struct caregiver_info	*v;
	size_t			 n, cap;
};

static int
caregiver_cb(void *arg, const struct store_row *r)
{
	struct glist *l = arg;
	struct caregiver_info *g;

	if (l->n == l->cap)
		return 1;
	g = &l->v[l->n++];
	g->name = arena_strdup(l->a, srow_text(r, 0));
	g->relation = arena_strdup(l->a, srow_text(r, 1));
	g->is_guardian = (int)srow_int(r, 2);
	g->lives_with = (int)srow_int(r, 3);
	g->phone = arena_strdup(l->a, srow_text(r, 4));
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

int
child_visible(struct svc *s, int64_t id)
{
	struct child_info *c;
	struct sp p[5];
	enum svc_rc rc;

	p[0] = sp_int(id);
	vis_params(s, p + 1);
	rc = fetch(s, Q_CHILD_GET, p, 5, &c);
	return rc == SVC_OK ? 1 : rc == SVC_NOTFOUND ? 0 : -1;
}

enum svc_rc
child_get(struct svc *s, int64_t id, struct child_info **out)
{
	struct glist g = { s->a, NULL, 0, 50 };
	struct sp p[5], q[1];
	enum store_rc src;
	enum svc_rc rc;

	p[0] = sp_int(id);
	vis_params(s, p + 1);
	rc = fetch(s, Q_CHILD_GET, p, 5, out);
	if (rc == SVC_NOTFOUND) {
		if (audit_record_tx(s->st, s->actor, NULL, "child.read.denied",
		    "child", id, "") != STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (rc != SVC_OK)
		return rc;
	q[0] = sp_int(id);
	if ((g.v = arena_zalloc(s->a, g.cap * sizeof(*g.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((src = store_exec(s->st, Q_CAREGIVER_LIST, q, 1, caregiver_cb, &g,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(src), NULL, "error.unavailable");
	(*out)->caregivers = g.v;
	(*out)->ncaregivers = g.n;
	if (audit_record_tx(s->st, s->actor, NULL, "child.read", "child", id,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

struct update_args {
	int64_t				 id, version;
	const struct child_fields	*c;
	const struct child_info		*cur;
};

/* Appends "field:before>after" (coded fields) or "field" (personal text)
 * to b when the value changed. */
static void
diff(struct buf *b, const char *field, const char *before, const char *after,
    int coded)
{
	if (strcmp(svc_nz(before), svc_nz(after)) == 0)
		return;
	if (b->len > 0)
		buf_putc(b, ' ');
	if (coded)
		buf_printf(b, "%s:%s>%s", field, svc_nz(before), svc_nz(after));
	else
		buf_puts(b, field);
}

static enum svc_rc
update_tx(struct svc *s, void *arg)
{
	struct update_args *u = arg;
	const struct child_fields *c = u->c;
	const struct child_info *o = u->cur;
	struct folds fo;
	struct buf d;
	char iso[11];
	int have_date;
	int64_t v = 0;
	enum store_rc rc;

	if (fold3(s, c->given, c->family, c->parent, &fo) != 0)
		return svc_fail(s, SVC_INVALID, "given_name", "error.field.invalid");
	have_date = c->birth_date && *c->birth_date &&
	    child_iso_date(c->birth_date, iso) == 0;
	{
		struct sp p[] = {
			sp_int(u->id), sp_text(utf8_squash(s->a, c->given)),
			sp_text(svc_nz(c->family)), sp_text(svc_nz(c->parent)),
			sp_text(or_default(c->sex, "u")),
			have_date ? sp_text(iso) : sp_null(),
			sp_int(c->birth_estimated ? 1 : 0),
			sp_text(pn_norm(s, c->pn)), sp_text(svc_nz(c->citizenship)),
			sp_int(c->stateless ? 1 : 0),
			sp_text(or_default(c->community, "unknown")),
			sp_text(svc_nz(c->language)),
			sp_text(or_default(c->disability, "unknown")),
			sp_text(svc_nz(c->disability_note)),
			sp_text(or_default(c->school_status, "unknown")),
			sp_text(svc_nz(c->address)), sp_id(c->municipality_id),
			sp_text(svc_nz(c->admin_unit)), sp_text(fo.given),
			sp_text(fo.family), sp_text(fo.parent),
			sp_int(clock_now()), sp_int(u->version),
		};

		rc = store_exec(s->st, Q_CHILD_UPDATE, p, 23, id_cb, &v, NULL);
	}
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "error.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	{
		struct sp del[] = { sp_int(u->id) };
		struct sp put[] = { sp_int(u->id), sp_text(fo.fts) };

		if ((rc = store_exec(s->st, Q_CHILD_FTS_DEL, del, 1, NULL, NULL,
		    NULL)) != STORE_OK ||
		    (rc = store_exec(s->st, Q_CHILD_FTS_PUT, put, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	/* Before and after: codes in full; of personal text only which
	 * field changed (the audit trail holds no child's personal data). */
	buf_init(&d, s->a);
	buf_puts(&d, "");
	diff(&d, "given_name", o->given, c->given, 0);
	diff(&d, "family_name", o->family, c->family, 0);
	diff(&d, "parent_name", o->parent, c->parent, 0);
	diff(&d, "sex", o->sex, or_default(c->sex, "u"), 1);
	diff(&d, "birth_date", o->birth_date, have_date ? iso : "", 0);
	diff(&d, "personal_number", o->pn, svc_nz(pn_norm(s, c->pn)), 0);
	diff(&d, "community", o->community, or_default(c->community,
	    "unknown"), 1);
	diff(&d, "disability", o->disability, or_default(c->disability,
	    "unknown"), 1);
	diff(&d, "school_status", o->school_status,
	    or_default(c->school_status, "unknown"), 1);
	diff(&d, "address", o->address, c->address, 0);
	diff(&d, "municipality", arena_printf(s->a, "%lld",
	    (long long)o->municipality_id), arena_printf(s->a, "%lld",
	    (long long)c->municipality_id), 1);
	diff(&d, "admin_unit", o->admin_unit, c->admin_unit, 0);
	if ((rc = audit_record(s->st, s->actor, NULL, "child.update", "child",
	    u->id, d.oom ? "" : arena_printf(s->a, "v%lld>%lld %s",
	    (long long)u->version, (long long)v, d.p))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
child_update(struct svc *s, int64_t id, int64_t version,
    const struct child_fields *c)
{
	struct update_args u;
	struct child_info *cur;
	struct sp p[5];
	enum svc_rc rc;

	p[0] = sp_int(id);
	vis_params(s, p + 1);
	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = fetch(s, Q_CHILD_GET, p, 5, &cur)) != SVC_OK)
		return rc;
	if ((rc = child_check(s, c)) != SVC_OK)
		return rc;
	if (cur->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "error.conflict");
	u.id = id;
	u.version = version;
	u.c = c;
	u.cur = cur;
	return svc_tx(s, update_tx, &u);
}

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

enum svc_rc
child_match(struct svc *s, const struct child_query *q,
    struct child_candidate **out, size_t *nout)
{
	struct clist l = { s->a, NULL, 0, 500, 0 };
	struct child_candidate *c;
	struct name_query nq;
	struct name_candidate nc;
	const char *keys[3], *fg, *ff, *fq, *pn;
	char iso[11], now[11];
	struct sp p[9];
	size_t i, n = 0;
	enum store_rc rc;

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
	for (i = 0; i < l.n; i++) {
		memset(&nc, 0, sizeof(nc));
		nc.child_id = l.v[i].id;
		nc.person.given = l.v[i].given;
		nc.person.family = l.v[i].family;
		nc.person.parent = l.v[i].parent;
		nc.person.dob = ndate(l.v[i].birth_date);
		nc.person.sex = nsex(l.v[i].sex);
		nc.person.pn = *l.v[i].pn ? l.v[i].pn : NULL;
		if (names_match_score(&nq, &nc, &c[n].m) <= 0)
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
