/*
 * indicator.c — the 13 indicators of DOMAIN.md §6 (svc layer). See
 * indicator.h. A request is checked (indicator_parse()), its scope fixed
 * from the actor (never from the request), then one query per
 * municipality in scope fills accumulators keyed by the row key of the
 * dimension; the table is built from them with the rows in a stable order,
 * the total last, and the small cells suppressed for the aggregate roles.
 * Refused reads are audited (ids and codes only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "agency.h"
#include "indicator.h"
#include "reference.h"
#include "workforce.h"

#define IND_NP		16	/* the case queries' parameters */
#define IND_NV		16	/* sums per row */
#define IND_ND		3	/* value lists (medians) per row */
#define DAY		86400

/* Bits of enum ind_dim. */
#define B(d)		(1u << (d))
#define DIMS_CASE	(B(DIM_NONE) | B(DIM_MUNICIPALITY) | B(DIM_ADMIN_UNIT) | \
	B(DIM_COUNTRY) | B(DIM_SEX) | B(DIM_AGE_BAND) | B(DIM_COMMUNITY) | \
	B(DIM_DISABILITY) | B(DIM_CONCERN) | B(DIM_RISK) | B(DIM_SECTOR) | \
	B(DIM_MONTH))
#define DIMS_UNIT	(B(DIM_NONE) | B(DIM_MUNICIPALITY) | B(DIM_COUNTRY))

static const struct ind_def defs[] = {
	{ IND_NEW_CASES, "new_cases", "ind.new_cases.title",
	    "ind.new_cases.def", DIMS_CASE },
	{ IND_OPEN_BY_RISK, "open_by_risk", "ind.open_by_risk.title",
	    "ind.open_by_risk.def", DIMS_CASE & ~(B(DIM_RISK) | B(DIM_MONTH)) },
	{ IND_WORKFORCE, "workforce", "ind.workforce.title",
	    "ind.workforce.def", DIMS_UNIT },
	{ IND_CASELOAD, "caseload", "ind.caseload.title",
	    "ind.caseload.def", DIMS_UNIT },
	{ IND_TIME_TO_CONTACT, "time_to_contact", "ind.time_to_contact.title",
	    "ind.time_to_contact.def", DIMS_CASE },
	{ IND_CONFERENCE, "conference", "ind.conference.title",
	    "ind.conference.def", DIMS_CASE },
	{ IND_PLAN, "plan", "ind.plan.title", "ind.plan.def", DIMS_CASE },
	{ IND_MEASURES, "measures", "ind.measures.title", "ind.measures.def",
	    DIMS_CASE },
	{ IND_REFERRALS, "referrals", "ind.referrals.title",
	    "ind.referrals.def", DIMS_CASE | B(DIM_PROVIDER) },
	{ IND_CLOSURES, "closures", "ind.closures.title", "ind.closures.def",
	    DIMS_CASE },
	{ IND_SOURCES, "sources", "ind.sources.title", "ind.sources.def",
	    DIMS_CASE & ~B(DIM_SECTOR) },
	{ IND_IDLE_WORKERS, "idle_workers", "ind.idle_workers.title",
	    "ind.idle_workers.def", DIMS_UNIT },
	{ IND_DATA_QUALITY, "data_quality", "ind.data_quality.title",
	    "ind.data_quality.def", DIMS_CASE & ~B(DIM_MONTH) },
};

static const char *const dim_names[DIM__MAX] = {
	[DIM_NONE] = "none", [DIM_MUNICIPALITY] = "municipality",
	[DIM_ADMIN_UNIT] = "admin_unit", [DIM_COUNTRY] = "country",
	[DIM_SEX] = "sex", [DIM_AGE_BAND] = "age_band",
	[DIM_COMMUNITY] = "community", [DIM_DISABILITY] = "disability",
	[DIM_CONCERN] = "concern", [DIM_RISK] = "risk", [DIM_SECTOR] = "sector",
	[DIM_PROVIDER] = "provider", [DIM_MONTH] = "month",
};

/* Values of the coded filters, in the order rows are shown. */
static const char *const sexes[] = { "f", "m", "u", NULL };
static const char *const bands[] = { "0-5", "6-11", "12-14", "15-17",
	"unknown", NULL };
static const char *const communities[] = { "albanian", "serb", "bosniak",
	"turkish", "roma", "ashkali", "egyptian", "gorani", "other", "unknown",
	NULL };
static const char *const disabilities[] = { "none", "yes", "unknown", NULL };
static const char *const risks[] = { "low", "medium", "high", "none", NULL };
/* Referrer types (case_file.source) and, for referrals, agency types. */
static const char *const sources[] = { "police", "school", "health",
	"social_work", "ngo", "family", "self", "anonymous",
	"other_municipality", "community", "systematic_visit", "other", NULL };
static const char *const agency_types[] = { "social_work", "police",
	"school", "health", "provider", "ministry", "community", NULL };
/* Sectors of referrals (indicator 9): sent, by the receiving agency's
 * type; received, by the referrer's type (report.referrer_type). */
static const char *const ref_sectors[] = { "police", "school", "health",
	"social_work", "provider", "ngo", "community", "ministry", "family",
	"self", "anonymous", "other_municipality", "systematic_visit", "other",
	NULL };
static const char *const reasons[] = { "goals_met", "no_longer_at_risk",
	"turned_18", "moved", "death", "family_refused_low_risk", "duplicate",
	NULL };
static const char *const measure_types[] = { "family_supervision",
	"alternative_care", "emergency_protection", NULL };
/* The source columns of IND_SOURCES: DOMAIN.md §6 11, the rest "other". */
static const char *const source_cols[] = { "police", "school", "health",
	"ngo", "community", "self", "family", "social_work", NULL };

const struct ind_def *
indicator_def(enum ind_code c)
{
	size_t i;

	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (defs[i].code == c)
			return &defs[i];
	return NULL;
}

const struct ind_def *
indicator_by_name(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(defs) / sizeof(defs[0]); i++)
		if (strcmp(defs[i].name, s) == 0)
			return &defs[i];
	return NULL;
}

enum ind_dim
ind_dim_by_name(const char *s)
{
	int i;

	if (s == NULL || *s == '\0')
		return DIM_NONE;
	for (i = 0; i < DIM__MAX; i++)
		if (strcmp(dim_names[i], s) == 0)
			return (enum ind_dim)i;
	return DIM__MAX;
}

const char *
ind_dim_name(enum ind_dim d)
{
	return (unsigned)d < DIM__MAX ? dim_names[d] : "?";
}

static const char *const dim_keys[DIM__MAX] = {
	[DIM_NONE] = "ind.dim.none", [DIM_MUNICIPALITY] = "ind.dim.municipality",
	[DIM_ADMIN_UNIT] = "ind.dim.admin_unit", [DIM_COUNTRY] = "ind.dim.country",
	[DIM_SEX] = "ind.dim.sex", [DIM_AGE_BAND] = "ind.dim.age_band",
	[DIM_COMMUNITY] = "ind.dim.community",
	[DIM_DISABILITY] = "ind.dim.disability",
	[DIM_CONCERN] = "ind.dim.concern", [DIM_RISK] = "ind.dim.risk",
	[DIM_SECTOR] = "ind.dim.sector", [DIM_PROVIDER] = "ind.dim.provider",
	[DIM_MONTH] = "ind.dim.month",
};

const char *
ind_dim_key(enum ind_dim d)
{
	return (unsigned)d < DIM__MAX ? dim_keys[d] : "ind.dim.none";
}

const char *const *
ind_dim_values(enum ind_dim d)
{
	switch (d) {
	case DIM_SEX: return sexes;
	case DIM_AGE_BAND: return bands;
	case DIM_COMMUNITY: return communities;
	case DIM_DISABILITY: return disabilities;
	case DIM_RISK: return risks;
	case DIM_SECTOR: return sources;
	default: return NULL;
	}
}

static int
set_index(const char *const *set, const char *v)
{
	int i;

	for (i = 0; v != NULL && set[i] != NULL; i++)
		if (strcmp(set[i], v) == 0)
			return i;
	return -1;
}

/* "" for absent. */
static const char *
opt(const char *s)
{
	return s == NULL ? "" : s;
}

static enum svc_rc
bad(struct svc *s, const char *field, const char *msg)
{
	return svc_fail(s, SVC_INVALID, field, msg);
}

/* A coded filter: absent, or one of set. */
static enum svc_rc
coded(struct svc *s, const char *field, const char *v,
    const char *const *set, const char **out)
{
	*out = opt(v);
	if (**out != '\0' && set_index(set, *out) < 0)
		return bad(s, field, "ind.err.value");
	return SVC_OK;
}

/* Why an indicator is not shown by a dimension: workers are counted by
 * municipality only; open cases and data quality are as at one day; the
 * columns already break some down (risk, referrer); providers receive
 * referrals only. */
static const char *
dim_refusal(const struct ind_def *d, enum ind_dim by)
{
	if (d->code == IND_WORKFORCE || d->code == IND_CASELOAD ||
	    d->code == IND_IDLE_WORKERS)
		return "ind.err.dim_workers";
	if (by == DIM_PROVIDER)
		return "ind.err.dim_provider";
	if (by == DIM_MONTH)
		return "ind.err.dim_as_at";
	return "ind.err.dim_columns";
}

/* A yyyy-mm-dd (or dd.mm.yyyy) date: the local midnight that starts it. */
static int
day_start(const char *v, int64_t *t)
{
	return v != NULL && *v != '\0' && strlen(v) <= 10 &&
	    clock_parse_date(v, t) == 0;
}

enum svc_rc
indicator_parse(struct svc *s, const struct ind_params *p,
    struct ind_query *q)
{
	const struct ind_def *d;
	int64_t a, b;
	enum svc_rc rc;

	memset(q, 0, sizeof(*q));
	if (p->code == NULL || *p->code == '\0')
		return bad(s, "code", "ind.err.code");
	if ((d = indicator_by_name(p->code)) == NULL)
		return bad(s, "code", "ind.err.code");
	q->code = d->code;
	q->by = ind_dim_by_name(p->by);
	if (q->by == DIM__MAX)
		return bad(s, "by", "ind.err.dim");
	if (!(d->dims & B(q->by)))
		return bad(s, "by", dim_refusal(d, q->by));
	if (p->from != NULL && *p->from != '\0' && !day_start(p->from, &a))
		return bad(s, "from", "ind.err.date");
	if (p->to != NULL && *p->to != '\0' && !day_start(p->to, &b))
		return bad(s, "to", "ind.err.date");
	if (p->from != NULL && *p->from != '\0' && p->to != NULL &&
	    *p->to != '\0' && b < a)
		return bad(s, "to", "ind.err.period");
	q->from = p->from != NULL && *p->from != '\0' ? p->from : NULL;
	q->to = p->to != NULL && *p->to != '\0' ? p->to : NULL;
	if (p->municipality != NULL && *p->municipality != '\0') {
		struct muni_info *m;
		char *end;
		long long id = strtoll(p->municipality, &end, 10);

		if (*end == '\0' && id > 0)
			rc = ref_municipality(s, id, &m);
		else if (strlen(p->municipality) <= 8)
			rc = ref_municipality_by_code(s, p->municipality, &m);
		else
			rc = SVC_NOTFOUND;
		if (rc != SVC_OK)
			return bad(s, "municipality", "ind.err.municipality");
		q->municipality_id = m->id;
	}
	q->admin_unit = opt(p->admin_unit);
	if (!svc_text_ok(q->admin_unit, 100, 0))
		return bad(s, "admin_unit", "ind.err.value");
	q->country = opt(p->country);
	if (*q->country != '\0' && strcmp(q->country, "XK") != 0 &&
	    strcmp(q->country, "AL") != 0)
		return bad(s, "country", "ind.err.value");
	if ((rc = coded(s, "sex", p->sex, sexes, &q->sex)) != SVC_OK ||
	    (rc = coded(s, "age_band", p->age_band, bands, &q->age_band)) !=
	    SVC_OK ||
	    (rc = coded(s, "community", p->community, communities,
	    &q->community)) != SVC_OK ||
	    (rc = coded(s, "disability", p->disability, disabilities,
	    &q->disability)) != SVC_OK ||
	    (rc = coded(s, "risk", p->risk, risks, &q->risk)) != SVC_OK ||
	    (rc = coded(s, "sector", p->sector,
	    q->code == IND_REFERRALS ? ref_sectors : sources, &q->sector)) !=
	    SVC_OK)
		return rc;
	q->concern = opt(p->concern);
	if (*q->concern != '\0') {
		struct concern_info *c;
		size_t n, i;

		if ((rc = ref_concerns(s, &c, &n)) != SVC_OK)
			return rc;
		for (i = 0; i < n; i++)
			if (strcmp(c[i].code, q->concern) == 0)
				break;
		if (i == n)
			return bad(s, "concern", "ind.err.value");
	}
	if (p->provider != NULL && *p->provider != '\0') {
		char *end;
		long long id = strtoll(p->provider, &end, 10);

		if (*end != '\0' || id <= 0 || q->code != IND_REFERRALS)
			return bad(s, "provider", "ind.err.value");
		q->provider_id = id;
	}
	return SVC_OK;
}

/* ---- scope ---- */

struct iscope {
	int64_t		 worker;	/* 0: all */
	int64_t		 agency;	/* 0: all */
	int64_t		*munis;		/* the municipalities counted */
	const char	**codes;
	const char	**countries;
	size_t		 n;
	int		 suppress;
};

/* Refused: audited with ids and codes only, answered as not found. */
static enum svc_rc
refuse(struct svc *s, const char *what, int64_t id)
{
	(void)audit_record_tx(s->st, s->actor, NULL, "indicator.denied",
	    what, id, "");
	return svc_fail(s, SVC_NOTFOUND, "municipality", "ind.err.scope");
}

static enum svc_rc
scope_fix(struct svc *s, const char *country, int64_t muni, struct iscope *sc)
{
	const struct actor *a = s->actor;
	struct muni_info *m;
	size_t n, i;
	enum svc_rc rc;

	memset(sc, 0, sizeof(*sc));
	if (a == NULL || !authz_allows(a, PERM_INDICATORS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	sc->suppress = a->role != ROLE_CASEWORKER && a->role != ROLE_SUPERVISOR;
	if (country != NULL && *country != '\0' && a->country != NULL &&
	    strcmp(country, a->country) != 0)
		return refuse(s, "country", 0);
	if ((rc = ref_municipalities(s, &m, &n)) != SVC_OK)
		return rc;
	sc->munis = arena_alloc(s->a, (n + 1) * sizeof(*sc->munis));
	sc->codes = arena_alloc(s->a, (n + 1) * sizeof(*sc->codes));
	sc->countries = arena_alloc(s->a, (n + 1) * sizeof(*sc->countries));
	if (sc->munis == NULL || sc->codes == NULL || sc->countries == NULL)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	switch (a->role) {
	case ROLE_CASEWORKER:
		sc->worker = a->id;
		break;
	case ROLE_SUPERVISOR:
		sc->agency = a->agency_id ? a->agency_id : -1;
		break;
	default:
		break;
	}
	for (i = 0; i < n; i++) {
		if (a->country != NULL && strcmp(m[i].country, a->country) != 0)
			continue;
		if (country != NULL && *country != '\0' &&
		    strcmp(m[i].country, country) != 0)
			continue;
		if (a->role != ROLE_CENTRAL_ANALYST &&
		    m[i].id != a->municipality_id)
			continue;
		if (muni != 0 && m[i].id != muni)
			continue;
		sc->munis[sc->n] = m[i].id;
		sc->countries[sc->n] = m[i].country;
		sc->codes[sc->n++] = m[i].code;
	}
	if (muni != 0 && sc->n == 0)
		return refuse(s, "municipality", muni);
	return SVC_OK;
}

/* ---- accumulators ---- */

/* Values for a median, each with its weight (a count of a histogram). */
struct ivec {
	int64_t		*v, *w;
	size_t		 n, have;
	int64_t		 total;
	int		 compacted;	/* just now */
};

struct acc {
	const char	*key;
	int64_t		 v[IND_NV];
	struct ivec	 d[IND_ND];
	int		 out;	/* something was taken out (tail_month()) */
};

struct accs {
	struct arena	*a;
	struct acc	**slot;		/* open addressing */
	size_t		 nslot, n;
	struct acc	**list;		/* in arrival order */
	size_t		 have;
	struct acc	 total;
	int		 oom;
};

static void
accs_init(struct accs *x, struct arena *a)
{
	memset(x, 0, sizeof(*x));
	x->a = a;
	x->total.key = "";
}

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct acc *
accs_get(struct accs *x, const char *key)
{
	size_t i, j;
	struct acc *e;

	if (x->oom)
		return NULL;
	if (x->n * 2 >= x->nslot) {
		size_t ns = x->nslot ? x->nslot * 2 : 64;
		struct acc **s = arena_zalloc(x->a, ns * sizeof(*s));

		if (s == NULL)
			goto oom;
		for (i = 0; i < x->nslot; i++) {
			if (x->slot[i] == NULL)
				continue;
			j = hash(x->slot[i]->key) & (ns - 1);
			while (s[j] != NULL)
				j = (j + 1) & (ns - 1);
			s[j] = x->slot[i];
		}
		x->slot = s;
		x->nslot = ns;
	}
	j = hash(key) & (x->nslot - 1);
	while (x->slot[j] != NULL) {
		if (strcmp(x->slot[j]->key, key) == 0)
			return x->slot[j];
		j = (j + 1) & (x->nslot - 1);
	}
	if ((e = arena_zalloc(x->a, sizeof(*e))) == NULL ||
	    (e->key = arena_strdup(x->a, key)) == NULL)
		goto oom;
	if (x->n == x->have) {
		size_t nh = x->have ? x->have * 2 : 32;
		struct acc **l = arena_alloc(x->a, nh * sizeof(*l));

		if (l == NULL)
			goto oom;
		if (x->n)
			memcpy(l, x->list, x->n * sizeof(*l));
		x->list = l;
		x->have = nh;
	}
	x->list[x->n++] = e;
	x->slot[j] = e;
	return e;
oom:
	x->oom = 1;
	return NULL;
}

struct vw {
	int64_t	v, w;
};

static int
cmpvw(const void *a, const void *b)
{
	int64_t x = ((const struct vw *)a)->v, y = ((const struct vw *)b)->v;

	return x < y ? -1 : x > y;
}

/* Equal values into one with their weights added: the lists stay as long
 * as the distinct values (hours, days), not the cases. */
static void
ivec_compact(struct accs *x, struct ivec *v)
{
	struct vw *p;
	size_t i, k = 0;

	if (v->n < 2 || (p = arena_alloc(x->a, v->n * sizeof(*p))) == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		p[i].v = v->v[i];
		p[i].w = v->w[i];
	}
	qsort(p, v->n, sizeof(*p), cmpvw);
	for (i = 0; i < v->n; i++) {
		if (k > 0 && v->v[k - 1] == p[i].v) {
			v->w[k - 1] += p[i].w;
			continue;
		}
		v->v[k] = p[i].v;
		v->w[k++] = p[i].w;
	}
	v->n = k;
	v->compacted = 1;
}

/* weight < 0 takes cases out again (a part of a month counted by its
 * counter, see tail_month()): median() merges equal values first. */
static void
ivec_addw(struct accs *x, struct ivec *v, int64_t val, int64_t weight)
{
	if (weight == 0)
		return;
	/* Full: compact long lists; grow if still more than half full. */
	if (v->n == v->have && v->have >= 256)
		ivec_compact(x, v);
	if (v->n == v->have || (v->have >= 256 && v->n > v->have / 2 &&
	    v->compacted)) {
		size_t nh = v->have ? v->have * 2 : 16;
		int64_t *p = arena_alloc(x->a, nh * sizeof(*p));
		int64_t *q = arena_alloc(x->a, nh * sizeof(*q));

		if (p == NULL || q == NULL) {
			x->oom = 1;
			return;
		}
		if (v->n) {
			memcpy(p, v->v, v->n * sizeof(*p));
			memcpy(q, v->w, v->n * sizeof(*q));
		}
		v->v = p;
		v->w = q;
		v->have = nh;
	}
	v->compacted = 0;
	v->v[v->n] = val;
	v->w[v->n++] = weight;
	v->total += weight;
}

/* The value at 0-based position k of the sorted values counted with
 * their weights. */
static int64_t
vw_at(const struct vw *p, size_t n, int64_t k)
{
	size_t i;

	for (i = 0; i + 1 < n && k >= p[i].w; i++)
		k -= p[i].w;
	return p[i].v;
}

/* The median (mean of the two middle values of an even count, rounded
 * down): -1 if none. */
static int64_t
median(struct arena *a, struct ivec *v)
{
	struct vw *p;
	size_t i, k, n;

	if (v->n == 0 || v->total <= 0)
		return -1;
	if ((p = arena_alloc(a, v->n * sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < v->n; i++) {
		p[i].v = v->v[i];
		p[i].w = v->w[i];
	}
	qsort(p, v->n, sizeof(*p), cmpvw);
	/* Equal values into one: the weights taken out (negative) cancel
	 * those put in; none is left below zero. */
	for (i = 0, k = 0; i < v->n; i++) {
		if (k > 0 && p[k - 1].v == p[i].v)
			p[k - 1].w += p[i].w;
		else
			p[k++] = p[i];
	}
	for (i = 0, n = 0; i < k; i++)
		if (p[i].w > 0)
			p[n++] = p[i];
	if (n == 0)
		return -1;
	if (v->total % 2)
		return vw_at(p, n, v->total / 2);
	return (vw_at(p, n, v->total / 2 - 1) +
	    vw_at(p, n, v->total / 2)) / 2;
}

/* ---- running the case queries ---- */

/*
 * The age band at an instant of a child born on birth (yyyy-mm-dd, ''
 * unknown): IND_BAND of sql_sqlite_indicator.inc, the age in UTC years.
 * The open cases by dimension (0032, 0034) are kept by birth date for it;
 * the instant is taken apart once (band_ref()) for the many rows.
 */
struct bref {
	int	year;
	char	md[8];		/* mm-dd */
};

static void
band_ref(int64_t t, struct bref *b)
{
	struct tm tm;
	time_t tt = (time_t)t;

	memset(b, 0, sizeof(*b));
	if (gmtime_r(&tt, &tm) == NULL)
		return;
	b->year = tm.tm_year + 1900;
	snprintf(b->md, sizeof(b->md), "%02d-%02d", (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100);
}

static const char *
band_at(const char *birth, const struct bref *b)
{
	char bm[8];
	int age, y = 0, k;

	if (*birth == '\0' || b->year == 0)
		return "unknown";
	for (k = 0; k < 4 && birth[k] >= '0' && birth[k] <= '9'; k++)
		y = y * 10 + (birth[k] - '0');
	snprintf(bm, sizeof(bm), "%.5s", strlen(birth) > 5 ? birth + 5 : "");
	age = b->year - y - (strcmp(b->md, bm) < 0);
	if (age < 6)
		return "0-5";
	if (age < 12)
		return "6-11";
	if (age < 15)
		return "12-14";
	if (age < 18)
		return "15-17";
	return "unknown";
}

struct run {
	struct svc		*s;
	const struct ind_query	*q;
	struct accs		 x;
	int			 pass2;	/* totals only (rows by concern) */
	int			 edge;	/* a part of the period */
	int			 sign;	/* 1; -1: a part taken out (tail_month(),
					 * head_month()) */
	int			 first;	/* > 0: the column that marks a row to
					 * add to the totals by concern too
					 * (the queries *_S) */
	int			 birthkey; /* by age band: rows keyed by the
					 * birth date, the band at `band` */
	struct bref		 band;	/* `to` taken apart (band_ref()) */
	int			 by;
	int64_t			 to;
	enum qid		 qid;
	const struct iscope	*sc;	/* of the query running */
};

/*
 * A transfer into a case of the scope from municipality from (0: not a
 * transfer) that is itself in the scope: the child was counted when the
 * case opened there, so over several municipalities (a country) it is not
 * a new case (DOMAIN.md §6: a transfer is not a new case nationally).
 */
static int
internal_transfer(const struct run *r, int64_t from)
{
	size_t i;

	if (from == 0 || r->sc == NULL)
		return 0;
	for (i = 0; i < r->sc->n; i++)
		if (r->sc->munis[i] == from)
			return 1;
	return 0;
}

/* The rows to add a query row to: its key's and the total; rows by
 * concern: the total only in the second pass, or (r->first) with the row
 * that marks it. n: 1 or 2. */
static size_t
targets(struct run *r, const struct store_row *row, struct acc **t)
{
	const char *key;

	if (r->pass2 || r->by == DIM_NONE) {
		t[0] = &r->x.total;
		return 1;
	}
	key = srow_text(row, 0);
	if (r->birthkey && r->by == DIM_AGE_BAND)
		key = band_at(key, &r->band);
	if ((t[0] = accs_get(&r->x, key)) == NULL)
		return 0;
	if (r->by == DIM_CONCERN &&
	    (r->first == 0 || srow_int(row, r->first) == 0))
		return 1;
	t[1] = &r->x.total;
	return 2;
}

static int
case_cb(void *arg, const struct store_row *row)
{
	struct run *r = arg;
	struct acc *t[2];
	size_t n, i;
	int k;
	int64_t v, sg = r->sign < 0 ? -1 : 1;
	const char *str;

	n = targets(r, row, t);
	for (i = 0; i < n; i++) {
		struct acc *e = t[i];

		if (sg < 0)
			e->out = 1;

		switch (r->qid) {
		case Q_IND_NEW:
		case Q_IND_NEW_S:
			if (!internal_transfer(r, srow_int(row, 4)))
				e->v[0] += sg * srow_int(row, 1);
			e->v[1] += sg * srow_int(row, 2);
			e->v[2] += sg * srow_int(row, 3);
			break;
		case Q_IND_OPEN:
		case Q_IND_OPEN_DELTA:
		case Q_IND_OPEN_SINCE:
			for (k = 0; k < 4; k++)
				e->v[k] += sg * srow_int(row, k + 1);
			e->v[4] += sg * (srow_int(row, 1) + srow_int(row, 2) +
			    srow_int(row, 3) + srow_int(row, 4));
			break;
		case Q_IND_CONTACT:
		case Q_IND_CONTACT_S:
			e->v[0] += sg;
			if (!srow_null(row, 2)) {
				e->v[1] += sg;
				ivec_addw(&r->x, &e->d[0], srow_int(row, 2) / 3600, sg);
				e->v[2] += sg * (srow_int(row, 3) != 0);
			}
			if (!srow_null(row, 4)) {
				e->v[3] += sg;
				ivec_addw(&r->x, &e->d[1], srow_int(row, 4) / DAY, sg);
				e->v[4] += sg * (srow_int(row, 5) != 0);
			}
			break;
		case Q_IND_CONF:
		case Q_IND_CONF_S:
			e->v[0] += sg;
			if (!srow_null(row, 1)) {
				e->v[1] += sg;
				v = srow_int(row, 1);
				ivec_addw(&r->x, &e->d[0], v < 0 ? 0 : v / DAY, sg);
			}
			break;
		case Q_IND_PLAN:
		case Q_IND_PLAN_S:
			e->v[0] += sg;
			e->v[1] += sg * (srow_int(row, 2) != 0);
			if (!srow_null(row, 1)) {
				e->v[2] += sg;
				v = srow_int(row, 1);
				ivec_addw(&r->x, &e->d[0], v < 0 ? 0 : v / DAY, sg);
			}
			break;
		case Q_IND_MEASURES:
		case Q_IND_MEASURES_S:
			k = set_index(measure_types, srow_text(row, 1));
			if (k >= 0) {
				e->v[k] += sg * srow_int(row, 2);
				e->v[3] += sg * srow_int(row, 2);
			}
			break;
		case Q_IND_PLACEMENTS:
		case Q_IND_PLACEMENTS_S:
			e->v[4] += sg * srow_int(row, 1);
			e->v[5] += sg * srow_int(row, 2);
			if (!r->edge)
				e->v[6] += sg * srow_int(row, 3);
			break;
		case Q_IND_REFERRALS:
		case Q_IND_REFERRALS_S:
			str = srow_text(row, 1);
			e->v[0] += sg;
			if (strcmp(str, "accepted") == 0 ||
			    strcmp(str, "in_service") == 0 ||
			    strcmp(str, "closed") == 0)
				e->v[1] += sg;
			else if (strcmp(str, "declined") == 0)
				e->v[2] += sg;
			else if (strcmp(str, "waitlisted") == 0)
				e->v[3] += sg;
			if (!srow_null(row, 2))
				ivec_addw(&r->x, &e->d[0], srow_int(row, 2), sg);
			break;
		case Q_IND_CLOSED:
			k = set_index(reasons, srow_text(row, 1));
			if (k >= 0)
				e->v[k] += sg;
			e->v[7] += sg;
			v = srow_int(row, 2);
			ivec_addw(&r->x, &e->d[0], v < 0 ? 0 : v / DAY, sg);
			e->v[8] += sg * (srow_int(row, 3) != 0);
			break;
		case Q_IND_SOURCES:
		case Q_IND_SOURCES_S:
			if (internal_transfer(r, srow_int(row, 3)))
				break;
			str = srow_text(row, 1);
			if (strcmp(str, "systematic_visit") == 0)
				str = "community";
			k = set_index(source_cols, str);
			e->v[k < 0 ? 8 : k] += sg * srow_int(row, 2);
			e->v[9] += sg * srow_int(row, 2);
			break;
		case Q_IND_QUALITY:
			for (k = 0; k < 9; k++)
				e->v[k] += sg * srow_int(row, k + 1);
			break;
		case Q_IND_RECEIVED:
		case Q_IND_RECEIVED_S:
			e->v[4] += sg * srow_int(row, 1);
			break;
		case Q_IND_WORKERS:
			e->v[0] += sg;
			e->v[1] += sg * srow_int(row, 4);
			e->v[2] += sg * srow_int(row, 1);
			e->v[3] += sg * srow_int(row, 2);
			e->v[4] += sg * (srow_int(row, 3) == 0);
			break;
		default:
			break;
		}
	}
	return r->x.oom;
}

/* Runs qid once per municipality of the scope. */
static enum svc_rc
run_query(struct run *r, enum qid qid, const struct iscope *sc, int64_t from,
    int64_t to)
{
	const struct ind_query *q = r->q;
	enum store_rc rc;
	size_t i;

	r->qid = qid;
	r->sc = sc;
	for (i = 0; i < sc->n; i++) {
		if (qid == Q_IND_WORKERS) {
			struct sp p[] = { sp_int(from), sp_int(to),
			    sp_int(sc->worker), sp_int(sc->agency),
			    sp_int(sc->munis[i]), sp_int(r->pass2 ? 0 : r->by),
			    sp_int(q->code == IND_IDLE_WORKERS) };

			rc = store_exec(r->s->st, qid, p, 7, case_cb, r, NULL);
		} else {
			struct sp p[IND_NP] = { sp_int(from), sp_int(to),
			    sp_int(sc->worker), sp_int(sc->agency),
			    sp_int(sc->munis[i]), sp_text(opt(q->country)),
			    sp_text(opt(q->admin_unit)), sp_text(opt(q->sex)),
			    sp_text(opt(q->age_band)),
			    sp_text(opt(q->community)),
			    sp_text(opt(q->disability)),
			    sp_text(opt(q->concern)), sp_text(opt(q->risk)),
			    sp_int(r->pass2 ? 0 : r->by),
			    sp_text(opt(q->sector)), sp_int(q->provider_id) };

			rc = store_exec(r->s->st, qid, p, IND_NP, case_cb, r,
			    NULL);
		}
		if (rc != STORE_OK && !r->x.oom)
			return svc_fail(r->s, svc_from_store(rc), NULL,
			    "error.unavailable");
		if (r->x.oom)
			return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	}
	return SVC_OK;
}

/* ---- the table ---- */

struct colspec {
	const char	*key;		/* message key of the heading */
	enum rt_kind	 kind;
	int		 count;		/* see ind_suppress() */
	int		 base;		/* -1, or the column a rate rests on */
};

static const char *
tr(struct svc *s, const char *key)
{
	return i18n_get(s->actor != NULL ? s->actor->lang : LANG_SQ, key);
}

/* Order of a key among the dimension's fixed values; -1: none. */
static int
key_rank(int by, int code, const char *k)
{
	switch (by) {
	case DIM_SEX:
		return set_index(sexes, k);
	case DIM_AGE_BAND:
		return set_index(bands, k);
	case DIM_COMMUNITY:
		return set_index(communities, k);
	case DIM_DISABILITY:
		return set_index(disabilities, k);
	case DIM_RISK:
		return set_index(risks, k);
	case DIM_SECTOR:
		return set_index(code == IND_REFERRALS ? ref_sectors : sources,
		    k);
	default:
		return -1;
	}
}

struct rowref {
	struct acc	*e;
	const char	*label;
	int		 rank;
};

static int
row_cmp(const void *a, const void *b)
{
	const struct rowref *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->label, y->label);
}

/* The label of a row key. */
static const char *
row_label(struct svc *s, int by, int code, const char *k)
{
	enum lang l = s->actor != NULL ? s->actor->lang : LANG_SQ;

	if (*k == '\0')
		return tr(s, "ind.unknown");
	switch (by) {
	case DIM_MUNICIPALITY: {
		struct muni_info *m;

		if (ref_municipality_by_code(s, k, &m) == SVC_OK)
			return l == LANG_SR ? m->name_sr : m->name_sq;
		return k;
	}
	case DIM_COUNTRY:
		return tr(s, arena_printf(s->a, "country.%s", k));
	case DIM_SEX:
		return tr(s, arena_printf(s->a, "sex.%s", k));
	case DIM_AGE_BAND:
		return strcmp(k, "unknown") == 0 ? tr(s, "ind.unknown") : k;
	case DIM_COMMUNITY:
		return tr(s, arena_printf(s->a, "community.%s", k));
	case DIM_DISABILITY:
		return tr(s, arena_printf(s->a, "ind.disability.%s", k));
	case DIM_RISK:
		return tr(s, arena_printf(s->a, "risk.%s", k));
	case DIM_SECTOR:
		if (code == IND_REFERRALS && set_index(agency_types, k) >= 0)
			return tr(s, arena_printf(s->a, "agency.type.%s", k));
		return tr(s, arena_printf(s->a, "referrer.%s", k));
	case DIM_CONCERN: {
		struct concern_info *c;
		size_t n, i;

		if (strcmp(k, "none") == 0)
			return tr(s, "ind.unknown");
		if (ref_concerns(s, &c, &n) == SVC_OK)
			for (i = 0; i < n; i++)
				if (strcmp(c[i].code, k) == 0)
					return c[i].label[l];
		return k;
	}
	case DIM_PROVIDER: {
		struct agency_info *g;

		if (agency_fetch(s, strtoll(k, NULL, 10), &g) == SVC_OK)
			return g->name;
		return k;
	}
	default:
		return k;
	}
}

static const char *
fte_text(struct arena *a, int64_t permille)
{
	return arena_printf(a, "%lld.%lld", (long long)(permille / 1000),
	    (long long)(permille % 1000 / 100));
}

/* One cell from a row's sums and value lists, for column c of code. */
static void
fill_cell(int code, int c, struct acc *e, struct rt_cell *cell,
    struct arena *a, int64_t days)
{
	int64_t *v = e->v;

#define SHARE(num, den) do { if ((den) > 0) cell->v = (num) * 1000 / (den); \
	else cell->missing = 1; } while (0)
#define MEDIAN(i) do { cell->v = median(a, &e->d[i]); \
	if (cell->v < 0) { cell->v = 0; cell->missing = 1; } } while (0)
	switch (code) {
	case IND_NEW_CASES:
	case IND_OPEN_BY_RISK:
		cell->v = v[c];
		break;
	case IND_CASELOAD:
		/* workers, fte, open, open per fte, new, new per fte-year */
		switch (c) {
		case 0: cell->v = v[0]; break;
		case 1: cell->text = fte_text(a, v[1]); break;
		case 2: cell->v = v[2]; break;
		case 3:
			if (v[1] > 0)
				cell->v = v[2] * 1000 / v[1];
			else
				cell->missing = 1;
			break;
		case 4: cell->v = v[3]; break;
		case 5:
			if (v[1] > 0 && days > 0)
				cell->v = v[3] * 1000 * 365 / (v[1] * days);
			else
				cell->missing = 1;
			break;
		}
		break;
	case IND_TIME_TO_CONTACT:
		switch (c) {
		case 0: cell->v = v[0]; break;
		case 1: cell->v = v[1]; break;
		case 2: MEDIAN(0); break;
		case 3: SHARE(v[2], v[1]); break;
		case 4: cell->v = v[3]; break;
		case 5: MEDIAN(1); break;
		case 6: SHARE(v[4], v[3]); break;
		}
		break;
	case IND_CONFERENCE:
	case IND_PLAN:
		/* cases, with a meeting / an active plan, share, median days */
		switch (c) {
		case 0: cell->v = v[0]; break;
		case 1: cell->v = v[1]; break;
		case 2: SHARE(v[1], v[0]); break;
		case 3: MEDIAN(0); break;
		}
		break;
	case IND_MEASURES:
		cell->v = v[c];
		break;
	case IND_REFERRALS:
		switch (c) {
		case 0: case 1: case 2: case 3: cell->v = v[c]; break;
		case 4: SHARE(v[1], v[1] + v[2]); break;
		case 5: MEDIAN(0); break;
		case 6: cell->v = v[4]; break;
		}
		break;
	case IND_CLOSURES:
		if (c <= 7)
			cell->v = v[c];
		else if (c == 8)
			MEDIAN(0);
		else if (c == 9)
			cell->v = v[8];
		else
			SHARE(v[8], v[7]);
		break;
	case IND_SOURCES:
		cell->v = v[c];
		break;
	case IND_IDLE_WORKERS:
		if (c == 0)
			cell->v = v[0];
		else if (c == 1)
			cell->v = v[4];
		else
			SHARE(v[4], v[0]);
		break;
	case IND_DATA_QUALITY:
		if (c < 2)
			cell->v = v[c];
		else if (c == 2)
			SHARE(v[1], v[0]);
		else
			cell->v = v[c - 1];
		break;
	default:
		break;
	}
#undef SHARE
#undef MEDIAN
}

/* The columns of each indicator (the label column first). */
#define C_INT(k)	{ k, RT_INT, 1, -1 }
#define C_PART(k)	{ k, RT_INT, 2, -1 }
#define C_ROWT(k)	{ k, RT_INT, 3, -1 }
#define C_RATE(k, b)	{ k, RT_PERMILLE, 0, b }
#define C_DAYS(k, b)	{ k, RT_DAYS, 0, b }
#define C_NUM(k, b)	{ k, RT_INT, 0, b }
#define C_TEXT(k, b)	{ k, RT_TEXT, 0, b }

static const struct colspec cols_new[] = { C_INT("ind.col.opened"),
	C_INT("ind.col.reopened"), C_INT("ind.col.transferred_in") };
static const struct colspec cols_open[] = { C_PART("risk.low"),
	C_PART("risk.medium"), C_PART("risk.high"), C_PART("risk.none"),
	C_ROWT("ind.col.total") };
static const struct colspec cols_caseload[] = { C_INT("ind.col.workers"),
	C_TEXT("ind.col.fte", -1), C_INT("ind.col.open"),
	C_NUM("ind.col.open_per_worker", 2), C_INT("ind.col.opened"),
	C_NUM("ind.col.new_per_worker_year", 4) };
static const struct colspec cols_contact[] = { C_INT("ind.col.cases"),
	C_INT("ind.col.contacted"), C_NUM("ind.col.median_hours_contact", 1),
	C_RATE("ind.col.contact_in_time", 1), C_INT("ind.col.assessed"),
	C_DAYS("ind.col.median_days_assessment", 4),
	C_RATE("ind.col.assessment_in_time", 4) };
static const struct colspec cols_conf[] = { C_INT("ind.col.medhigh"),
	C_INT("ind.col.with_meeting"), C_RATE("ind.col.share", 0),
	C_DAYS("ind.col.median_days_meeting", 1) };
static const struct colspec cols_plan[] = { C_INT("ind.col.medhigh"),
	C_INT("ind.col.with_plan"), C_RATE("ind.col.share", 0),
	C_DAYS("ind.col.median_days_plan", 0) };
static const struct colspec cols_measures[] = {
	C_PART("ind.measure.family_supervision"),
	C_PART("ind.measure.alternative_care"),
	C_PART("ind.measure.emergency_protection"),
	C_ROWT("ind.col.measures"), C_INT("ind.col.placements"),
	C_INT("ind.col.ended_72h"), C_INT("ind.col.past_72h") };
static const struct colspec cols_referrals[] = { C_INT("ind.col.sent"),
	C_INT("ind.col.accepted"), C_INT("ind.col.declined"),
	C_INT("ind.col.waitlisted"), C_RATE("ind.col.acceptance", 0),
	C_DAYS("ind.col.median_days_start", 1), C_INT("ind.col.received") };
static const struct colspec cols_closures[] = {
	C_PART("closure.reason.goals_met"),
	C_PART("closure.reason.no_longer_at_risk"),
	C_PART("closure.reason.turned_18"), C_PART("closure.reason.moved"),
	C_PART("closure.reason.death"),
	C_PART("closure.reason.family_refused_low_risk"),
	C_PART("closure.reason.duplicate"), C_ROWT("ind.col.closed"),
	C_DAYS("ind.col.median_duration", 7), C_INT("ind.col.rereferred"),
	C_RATE("ind.col.share", 7) };
static const struct colspec cols_sources[] = { C_PART("referrer.police"),
	C_PART("referrer.school"), C_PART("referrer.health"),
	C_PART("referrer.ngo"), C_PART("referrer.community"),
	C_PART("referrer.self"), C_PART("referrer.family"),
	C_PART("referrer.social_work"), C_PART("referrer.other"),
	C_ROWT("ind.col.total") };
static const struct colspec cols_idle[] = { C_INT("ind.col.workers"),
	C_INT("ind.col.idle"), C_RATE("ind.col.share", 0) };
static const struct colspec cols_quality[] = { C_INT("ind.col.open"),
	C_INT("ind.col.complete"), C_RATE("ind.col.share", 0),
	C_INT("ind.col.no_birth"), C_INT("ind.col.sex_unknown"),
	C_INT("ind.col.community_unknown"),
	C_INT("ind.col.disability_unknown"), C_INT("ind.col.no_concern"),
	C_INT("ind.col.no_risk"), C_INT("ind.col.overdue_reviews") };

static const struct colspec *
colspecs(int code, size_t *n)
{
#define R(a) do { *n = sizeof(a) / sizeof(a[0]); return a; } while (0)
	switch (code) {
	case IND_NEW_CASES: R(cols_new);
	case IND_OPEN_BY_RISK: R(cols_open);
	case IND_CASELOAD: R(cols_caseload);
	case IND_TIME_TO_CONTACT: R(cols_contact);
	case IND_CONFERENCE: R(cols_conf);
	case IND_PLAN: R(cols_plan);
	case IND_MEASURES: R(cols_measures);
	case IND_REFERRALS: R(cols_referrals);
	case IND_CLOSURES: R(cols_closures);
	case IND_SOURCES: R(cols_sources);
	case IND_IDLE_WORKERS: R(cols_idle);
	case IND_DATA_QUALITY: R(cols_quality);
	default: *n = 0; return NULL;
	}
#undef R
}

void
ind_suppress(struct rt_table *t, const int *count, const int *base)
{
	size_t r, c, k, nr = t->nrows, body = t->has_total && nr > 0 ? nr - 1 :
	    nr;
	int changed;

	for (r = 0; r < nr; r++)
		for (c = 1; c < t->ncols; c++) {
			struct rt_cell *e = rt_at(t, r, c);

			if (count[c] && !e->missing && e->v >= 1 && e->v <= 4)
				e->suppressed = 1;
		}
	do {
		changed = 0;
		/* Down each count column: parts and the total row. */
		for (c = 1; c < t->ncols && t->has_total; c++) {
			size_t hidden = 0;
			struct rt_cell *pick = NULL;

			if (!count[c])
				continue;
			for (r = 0; r < nr; r++)
				hidden += rt_at(t, r, c)->suppressed != 0;
			if (hidden != 1)
				continue;
			for (r = 0; r < body; r++) {
				struct rt_cell *e = rt_at(t, r, c);

				if (e->suppressed)
					continue;
				if (pick == NULL || (pick->v == 0 && e->v > 0) ||
				    (e->v > 0 && e->v < pick->v))
					pick = e;
			}
			if (pick == NULL && !rt_at(t, nr - 1, c)->suppressed)
				pick = rt_at(t, nr - 1, c);
			if (pick != NULL) {
				pick->suppressed = 1;
				changed = 1;
			}
		}
		/* Across each row: the parts (2) and their row total (3). */
		for (r = 0; r < nr; r++) {
			size_t hidden = 0, tot = 0;
			struct rt_cell *pick = NULL;

			for (c = 1; c < t->ncols; c++) {
				if (count[c] == 3)
					tot = c;
				if (count[c] >= 2)
					hidden += rt_at(t, r, c)->suppressed != 0;
			}
			if (tot == 0 || hidden != 1)
				continue;
			for (c = 1; c < t->ncols; c++) {
				struct rt_cell *e = rt_at(t, r, c);

				if (count[c] != 2 || e->suppressed)
					continue;
				if (pick == NULL || (pick->v == 0 && e->v > 0) ||
				    (e->v > 0 && e->v < pick->v))
					pick = e;
			}
			if (pick == NULL && !rt_at(t, r, tot)->suppressed)
				pick = rt_at(t, r, tot);
			if (pick != NULL) {
				pick->suppressed = 1;
				changed = 1;
			}
		}
	} while (changed);
	/* A rate, median or ratio resting on a hidden or small base. */
	for (r = 0; r < nr; r++)
		for (c = 1; c < t->ncols; c++) {
			struct rt_cell *e = rt_at(t, r, c);
			const struct rt_cell *b;

			if (base[c] < 0 || count[c])
				continue;
			k = (size_t)base[c];
			b = rt_at(t, r, k);
			if (b->suppressed || (b->v >= 1 && b->v <= 4))
				e->suppressed = 1;
		}
}

/* A row that had something taken out and is left with nothing. */
static int
acc_empty(const struct acc *e)
{
	size_t k;

	if (!e->out)
		return 0;
	for (k = 0; k < IND_NV; k++)
		if (e->v[k] != 0)
			return 0;
	for (k = 0; k < IND_ND; k++)
		if (e->d[k].total != 0)
			return 0;
	return 1;
}

static enum svc_rc
build(struct svc *s, const struct ind_query *q, struct run *r,
    struct rt_table *t, int suppress, int64_t days)
{
	const struct colspec *cs;
	size_t nc, nr, i, c;
	struct rowref *rows;
	int *count, *base;

	/* A row whose every figure was taken out again (its cases all
	 * after the period, in the month read from its counter) is not
	 * one of the period's. */
	for (i = 0, c = 0; i < r->x.n; i++)
		if (!acc_empty(r->x.list[i]))
			r->x.list[c++] = r->x.list[i];
	r->x.n = c;
	cs = colspecs(q->code, &nc);
	nr = q->by == DIM_NONE ? 0 : r->x.n;
	rows = arena_alloc(s->a, (nr + 1) * sizeof(*rows));
	t->ncols = nc + 1;
	t->nrows = nr + 1;
	t->has_total = 1;
	t->colnames = arena_alloc(s->a, t->ncols * sizeof(*t->colnames));
	t->colkinds = NULL;
	t->cells = arena_zalloc(s->a, t->ncols * t->nrows * sizeof(*t->cells));
	t->rowkeys = arena_alloc(s->a, t->nrows * sizeof(*t->rowkeys));
	count = arena_zalloc(s->a, t->ncols * sizeof(*count));
	base = arena_alloc(s->a, t->ncols * sizeof(*base));
	{
		enum rt_kind *k = arena_alloc(s->a, t->ncols * sizeof(*k));

		if (rows == NULL || t->colnames == NULL || t->cells == NULL ||
		    t->rowkeys == NULL || count == NULL || base == NULL ||
		    k == NULL)
			return svc_fail(s, SVC_ERROR, NULL, "error.internal");
		k[0] = RT_TEXT;
		t->colnames[0] = tr(s, ind_dim_key(q->by));
		base[0] = -1;
		for (c = 0; c < nc; c++) {
			k[c + 1] = cs[c].kind;
			t->colnames[c + 1] = tr(s, cs[c].key);
			count[c + 1] = cs[c].count;
			base[c + 1] = cs[c].base < 0 ? -1 : cs[c].base + 1;
		}
		t->colkinds = k;
	}
	for (i = 0; i < nr; i++) {
		rows[i].e = r->x.list[i];
		rows[i].label = row_label(s, q->by, q->code, rows[i].e->key);
		rows[i].rank = key_rank(q->by, q->code, rows[i].e->key);
		if (q->by == DIM_MONTH)
			rows[i].label = rows[i].e->key;
	}
	if (nr > 1)
		qsort(rows, nr, sizeof(*rows), row_cmp);
	rows[nr].e = &r->x.total;
	rows[nr].label = tr(s, "ind.total");
	for (i = 0; i <= nr; i++) {
		struct rt_cell *l = rt_at(t, i, 0);

		l->text = rows[i].label;
		t->rowkeys[i] = i == nr ? "" : rows[i].e->key;
		for (c = 0; c < nc; c++) {
			struct rt_cell *e = rt_at(t, i, c + 1);

			e->text = "";
			fill_cell(q->code, (int)c, rows[i].e, e, s->a, days);
		}
	}
	if (suppress)
		ind_suppress(t, count, base);
	return SVC_OK;
}

/* The period in instants, [*from, *to): absent to, today; absent from,
 * 1 January of the year of to. *year: the year of to. */
static void
period(const struct ind_query *q, int64_t *from, int64_t *to, int *year)
{
	char b[32];
	int64_t t;

	if (q->to == NULL || clock_parse_date(q->to, &t) != 0) {
		clock_format(clock_now(), 0, b, sizeof(b));
		(void)clock_parse_date(b, &t);
	}
	/* The next local midnight, days of 23 or 25 hours included. */
	clock_format(t + DAY + 3 * 3600, 0, b, sizeof(b));
	(void)clock_parse_date(b, to);
	clock_format(t + 3 * 3600, 0, b, sizeof(b));
	*year = atoi(b + 6);
	if (q->from != NULL && clock_parse_date(q->from, from) == 0)
		return;
	memcpy(b, "01.01.", 6);
	(void)clock_parse_date(b, from);
}

static const struct colspec cols_workforce[] = { C_INT("ind.col.children"),
	C_INT("ind.col.workers"), C_TEXT("ind.col.fte", -1),
	C_NUM("ind.col.children_per_fte", -1), C_TEXT("ind.col.needed", -1),
	C_INT("ind.col.short_by"), C_INT("ind.col.open"),
	C_NUM("ind.col.open_per_worker", -1) };

/* Indicator 3 from the workforce units: rows are municipalities (or one
 * row per country, or the total). */
static enum svc_rc
workforce_ind(struct svc *s, const struct ind_query *q,
    const struct iscope *sc, int year, struct rt_table *t, int *missing)
{
	struct wf_unit *u;
	size_t n, i, j, c, nr = 0, nc = sizeof(cols_workforce) /
	    sizeof(cols_workforce[0]);
	struct accs x;
	enum svc_rc rc;
	enum rt_kind *k;
	int *count, *base;
	struct rowref *rows;

	if ((rc = workforce_units_raw(s, q->country, 0, year, &u, &n)) !=
	    SVC_OK)
		return rc;
	accs_init(&x, s->a);
	*missing = 0;
	for (i = 0; i < n; i++) {
		struct acc *e[2];
		const char *key;

		for (j = 0; j < sc->n && sc->munis[j] != u[i].id; j++)
			;
		if (j == sc->n)
			continue;
		key = q->by == DIM_MUNICIPALITY ? u[i].code :
		    q->by == DIM_COUNTRY ? u[i].country : NULL;
		e[0] = &x.total;
		e[1] = key ? accs_get(&x, key) : NULL;
		if (key != NULL && e[1] == NULL)
			return svc_fail(s, SVC_ERROR, NULL, "error.internal");
		if (u[i].needed < 0)
			(*missing)++;
		for (j = 0; j < 2; j++) {
			if (e[j] == NULL)
				continue;
			/* 0 children, 1 workers, 2 fte, 3 needed, 4 short,
			 * 5 open, 6 units without a population */
			e[j]->v[0] += u[i].children > 0 ? u[i].children : 0;
			e[j]->v[1] += u[i].workers;
			e[j]->v[2] += u[i].fte;
			e[j]->v[3] += u[i].needed > 0 ? u[i].needed : 0;
			e[j]->v[4] += u[i].short_by;
			e[j]->v[5] += u[i].open;
			e[j]->v[6] += u[i].needed < 0;
		}
	}
	if (x.oom)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	if (*missing > 0 && (size_t)*missing == sc->n)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "workforce.err.no_population");
	nr = q->by == DIM_NONE ? 0 : x.n;
	t->ncols = nc + 1;
	t->nrows = nr + 1;
	t->has_total = 1;
	t->colnames = arena_alloc(s->a, t->ncols * sizeof(*t->colnames));
	t->cells = arena_zalloc(s->a, t->ncols * t->nrows * sizeof(*t->cells));
	t->rowkeys = arena_alloc(s->a, t->nrows * sizeof(*t->rowkeys));
	k = arena_alloc(s->a, t->ncols * sizeof(*k));
	count = arena_zalloc(s->a, t->ncols * sizeof(*count));
	base = arena_alloc(s->a, t->ncols * sizeof(*base));
	rows = arena_alloc(s->a, (nr + 1) * sizeof(*rows));
	if (t->colnames == NULL || t->cells == NULL || t->rowkeys == NULL ||
	    k == NULL || count == NULL || base == NULL || rows == NULL)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	k[0] = RT_TEXT;
	base[0] = -1;
	t->colnames[0] = tr(s, ind_dim_key(q->by));
	for (c = 0; c < nc; c++) {
		k[c + 1] = cols_workforce[c].kind;
		t->colnames[c + 1] = tr(s, cols_workforce[c].key);
		base[c + 1] = -1;
	}
	/* Only the open cases are counts of children's cases. */
	count[7] = 1;
	base[8] = 7;
	t->colkinds = k;
	for (i = 0; i < nr; i++) {
		rows[i].e = x.list[i];
		rows[i].label = row_label(s, q->by, q->code, x.list[i]->key);
		rows[i].rank = -1;
	}
	if (nr > 1)
		qsort(rows, nr, sizeof(*rows), row_cmp);
	rows[nr].e = &x.total;
	rows[nr].label = tr(s, "ind.total");
	for (i = 0; i <= nr; i++) {
		int64_t *v = rows[i].e->v;
		struct rt_cell *e;

		rt_at(t, i, 0)->text = rows[i].label;
		t->rowkeys[i] = i == nr ? "" : rows[i].e->key;
		for (c = 1; c <= nc; c++)
			rt_at(t, i, c)->text = "";
		rt_at(t, i, 1)->v = v[0];
		rt_at(t, i, 2)->v = v[1];
		rt_at(t, i, 3)->text = fte_text(s->a, v[2]);
		e = rt_at(t, i, 4);
		if (v[2] > 0 && v[0] > 0 && v[6] == 0)
			e->v = v[0] * 1000 / v[2];
		else
			e->missing = 1;
		e = rt_at(t, i, 5);
		if (v[6] == 0)
			e->text = fte_text(s->a, v[3]);
		else
			e->missing = 1;
		rt_at(t, i, 6)->v = v[4];
		rt_at(t, i, 7)->v = v[5];
		e = rt_at(t, i, 8);
		if (v[2] > 0)
			e->v = v[5] * 1000 / v[2];
		else
			e->missing = 1;
	}
	if (sc->suppress)
		ind_suppress(t, count, base);
	return SVC_OK;
}

static const char *
scope_note(struct svc *s, const struct iscope *sc)
{
	const struct actor *a = s->actor;

	if (a->role == ROLE_CASEWORKER)
		return tr(s, "ind.scope.own");
	if (a->role == ROLE_SUPERVISOR)
		return tr(s, "ind.scope.unit");
	if (a->role == ROLE_MUNICIPAL_ADMIN || sc->n == 1)
		return tr(s, "ind.scope.municipality");
	return tr(s, "ind.scope.country");
}

struct dash;
static size_t		dash_size(void);
static void		dash_accs(const struct dash *, struct accs *);
static enum svc_rc	dash_read(struct svc *, struct dash *, enum qid, int,
			    const char *, int64_t, const char *, const char *);

/* Open cases by risk as at the end of a period, for a whole municipality
 * or country and no filter on the child: read from the counters
 * (0017_indicator.sql) instead of scanning the cases, open now, then
 * corrected by open_past() to the period's end: the same count as the
 * live query. */
static int
open_from_counters(const struct ind_query *q, const struct iscope *sc)
{
	return q->code == IND_OPEN_BY_RISK &&
	    sc->worker == 0 && sc->agency == 0 &&
	    (q->by == DIM_NONE || q->by == DIM_MUNICIPALITY) &&
	    *opt(q->admin_unit) == '\0' && *opt(q->sex) == '\0' &&
	    *opt(q->age_band) == '\0' && *opt(q->community) == '\0' &&
	    *opt(q->disability) == '\0' && *opt(q->concern) == '\0' &&
	    *opt(q->risk) == '\0' && *opt(q->sector) == '\0' &&
	    q->provider_id == 0;
}

/* ---- the counters: whole months from them, the rest from each case ---- */

static int	by_dim(enum ind_dim);
static int64_t	month_start(int, int, int);
static void	month_name(int, int, char *);

/* The same by country or a dimension of the child or the case, from
 * ind_open and ind_open_dim (0032). */
static int
open_dims_from_counters(const struct ind_query *q, const struct iscope *sc)
{
	struct ind_query q2 = *q;

	q2.by = DIM_NONE;
	return open_from_counters(&q2, sc) &&
	    (q->by == DIM_COUNTRY || by_dim(q->by));
}

/* The rows a counter row of open cases goes to: kind 0 the total and
 * (row not NULL) the municipality's or country's row; else the row of its
 * key, by age band the band at r->band of the birth date it holds. n,
 * 0 out of memory. */
static size_t
open_targets(struct run *r, int kind, const char *row,
    const struct store_row *srow, struct acc **t)
{
	const char *key;
	size_t n = 0;

	if (kind == 0) {
		t[n++] = &r->x.total;
		if (row != NULL && (t[n++] = accs_get(&r->x, row)) == NULL)
			return 0;
		return n;
	}
	key = srow_text(srow, 0);
	if (r->by == DIM_AGE_BAND)
		key = band_at(key, &r->band);
	return (t[0] = accs_get(&r->x, key)) == NULL ? 0 : 1;
}

/* The end of a counter read: out of memory, the store's error, or OK. */
static enum svc_rc
read_end(struct run *r, enum store_rc rc)
{
	if (r->x.oom)
		return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	if (rc != STORE_OK)
		return svc_fail(r->s, svc_from_store(rc), NULL,
		    "error.unavailable");
	return SVC_OK;
}

/* The open cases now opened in a month or after (0034), taken out of
 * municipality i's rows: kind 0 from dimension 9 (a row per case) the
 * total and, by municipality or country, its row; 1 the rows of the
 * dimension r->by. */
struct osince {
	struct run	*r;
	const char	*row;	/* kind 0: the municipality's or country's */
	int		 kind;
};

static int
osince_cb(void *arg, const struct store_row *row)
{
	struct osince *o = arg;
	struct run *r = o->r;
	struct acc *t[2];
	size_t n, j;
	int k;

	if ((n = open_targets(r, o->kind, o->row, row, t)) == 0)
		return 1;
	for (j = 0; j < n; j++)
		for (k = 0; k < 4; k++) {
			t[j]->v[k] -= srow_int(row, k + 1);
			t[j]->v[4] -= srow_int(row, k + 1);
		}
	return 0;
}

static enum svc_rc
open_since(struct run *r, const struct iscope *sc, size_t i,
    const char *month)
{
	struct osince o;
	enum store_rc rc;
	struct sp p[] = { sp_int(sc->munis[i]), sp_int(DIM_RISK),
	    sp_text(month) };

	memset(&o, 0, sizeof(o));
	o.r = r;
	o.row = r->by == DIM_MUNICIPALITY ? sc->codes[i] :
	    r->by == DIM_COUNTRY ? sc->countries[i] : NULL;
	rc = store_exec(r->s->st, Q_IND_C_OPENMO, p, 3, osince_cb, &o, NULL);
	if (rc == STORE_OK && by_dim(r->by)) {
		o.kind = 1;
		p[1] = sp_int(r->by);
		rc = store_exec(r->s->st, Q_IND_C_OPENMO, p, 3, osince_cb, &o,
		    NULL);
	}
	return read_end(r, rc);
}

/*
 * The open cases now read from the counters into r->x, made the open
 * cases at a `to` already past (issue 6). From a UTC month's start X, the
 * one at or before `to` or the one after, whichever is nearer: the cases
 * opened from X on taken out by their counter (open_since()), those of
 * them opened before `to` that were open at `to` put back
 * (Q_IND_OPEN_SINCE, X before `to` only); then per case open at `to` less
 * open now over the few cases opened before X where the two can differ
 * (Q_IND_OPEN_DELTA). Both as the live query counts, rows by concern with
 * their totals in the same pass, by age band keyed by the birth date (the
 * band made here); the rows left with no case dropped, as the live query
 * has none.
 */
static enum svc_rc
open_past(struct run *r, const struct iscope *sc, int64_t to)
{
	enum svc_rc rc = SVC_OK;
	size_t i, n;
	int64_t lo, hi, since;
	char mlo[16], mhi[16];
	struct tm tm;
	time_t t = (time_t)to;

	if (to > clock_now())
		return SVC_OK;
	r->to = to;
	band_ref(to, &r->band);
	if (gmtime_r(&t, &tm) == NULL)
		return svc_fail(r->s, SVC_INVALID, "to", "ind.err.period");
	lo = month_start(tm.tm_year + 1900, tm.tm_mon + 1, 0);
	month_name(tm.tm_year + 1900, tm.tm_mon + 1, mlo);
	hi = month_start(tm.tm_year + 1900, tm.tm_mon + 2, 0);
	month_name(tm.tm_year + 1900, tm.tm_mon + 2, mhi);
	since = to - lo < hi - to ? lo : hi;
	for (i = 0; i < sc->n && rc == SVC_OK; i++)
		rc = open_since(r, sc, i, since == lo ? mlo : mhi);
	r->first = 5;
	r->birthkey = 1;
	if (rc == SVC_OK && since < to)
		rc = run_query(r, Q_IND_OPEN_SINCE, sc, since, to);
	if (rc == SVC_OK)
		rc = run_query(r, Q_IND_OPEN_DELTA, sc, since, to);
	r->first = 0;
	r->birthkey = 0;
	for (i = n = 0; i < r->x.n && rc == SVC_OK; i++)
		if (r->x.list[i]->v[4] != 0)
			r->x.list[n++] = r->x.list[i];
	if (rc == SVC_OK)
		r->x.n = n;
	return rc;
}

/* A dimension of the child or the case that new cases are counted by in
 * ind_new_dim (0031). */
static int
by_dim(enum ind_dim d)
{
	switch (d) {
	case DIM_ADMIN_UNIT:
	case DIM_SEX:
	case DIM_AGE_BAND:
	case DIM_COMMUNITY:
	case DIM_DISABILITY:
	case DIM_CONCERN:
	case DIM_RISK:
	case DIM_SECTOR:
		return 1;
	default:
		return 0;
	}
}

/*
 * Whether q can be read from the counters: the whole of each municipality
 * (not a worker's or a unit's cases), no filter on the child or the case,
 * rows by nothing, municipality, country or month (referrals: also by
 * sector and provider; new cases and sources: also by the dimensions of
 * by_dim()). Everything else is counted live.
 */
static int
countable(const struct ind_query *q, const struct iscope *sc)
{
	if (sc->worker != 0 || sc->agency != 0 ||
	    *opt(q->admin_unit) != '\0' || *opt(q->sex) != '\0' ||
	    *opt(q->age_band) != '\0' || *opt(q->community) != '\0' ||
	    *opt(q->disability) != '\0' || *opt(q->concern) != '\0' ||
	    *opt(q->risk) != '\0' || *opt(q->sector) != '\0' ||
	    q->provider_id != 0)
		return 0;
	switch (q->code) {
	case IND_NEW_CASES:
	case IND_SOURCES:
	case IND_TIME_TO_CONTACT:	/* 0032 */
	case IND_CONFERENCE:
	case IND_PLAN:
	case IND_CLOSURES:
	case IND_DATA_QUALITY:
	case IND_REFERRALS:
	case IND_MEASURES:		/* 0036 */
		if (by_dim(q->by))
			return 1;
		break;
	default:
		break;
	}
	switch (q->code) {
	case IND_REFERRALS:
		if (q->by == DIM_SECTOR || q->by == DIM_PROVIDER)
			return 1;
		/* FALLTHROUGH */
	case IND_NEW_CASES:
	case IND_TIME_TO_CONTACT:
	case IND_CONFERENCE:
	case IND_PLAN:
	case IND_MEASURES:
	case IND_CLOSURES:
	case IND_SOURCES:
	case IND_DATA_QUALITY:
		return q->by == DIM_NONE || q->by == DIM_MUNICIPALITY ||
		    q->by == DIM_COUNTRY || q->by == DIM_MONTH;
	default:
		return 0;
	}
}

/* The first instant of month m of year y (m may run over): the UTC
 * midnight, or (local) the local one. */
static int64_t
month_start(int y, int m, int local)
{
	struct tm tm;
	char b[16];
	int64_t t;

	while (m > 12) {
		m -= 12;
		y++;
	}
	while (m < 1) {
		m += 12;
		y--;
	}
	if (local) {
		snprintf(b, sizeof(b), "%04d-%02d-01", y, m);
		return clock_parse_date(b, &t) == 0 ? t : 0;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

static void
month_name(int y, int m, char *out)
{
	while (m > 12) {
		m -= 12;
		y++;
	}
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(out, 16, "%04d-%02d", y % 10000, m % 100);
}

/* The whole months inside [from, to): [lo, hi), named m1..m2; none: lo =
 * hi = to and m1 = "". Months of UTC days, or (local) of local days. */
struct months {
	int64_t	lo, hi;
	char	m1[16], m2[16];
};

static void
months_of(int64_t from, int64_t to, int local, struct months *mo)
{
	struct tm tm;
	time_t t;
	int y1, n1, y2, n2;

	memset(mo, 0, sizeof(*mo));
	mo->lo = mo->hi = to;
	t = (time_t)(from + 3 * 3600);
	if (gmtime_r(&t, &tm) == NULL)
		return;
	y1 = tm.tm_year + 1900;
	n1 = tm.tm_mon + 1;
	if (month_start(y1, n1, local) < from)
		n1++;
	t = (time_t)(to + 3 * 3600);
	if (gmtime_r(&t, &tm) == NULL)
		return;
	y2 = tm.tm_year + 1900;
	n2 = tm.tm_mon + 1;
	if (month_start(y2, n2, local) > to)
		n2--;
	if (month_start(y1, n1, local) >= month_start(y2, n2, local))
		return;
	mo->lo = month_start(y1, n1, local);
	mo->hi = month_start(y2, n2, local);
	month_name(y1, n1, mo->m1);
	month_name(y2, n2 - 1, mo->m2);
}

struct cread {
	struct run		*r;
	const struct iscope	*sc;
	size_t			 i;	/* the municipality */
	enum qid		 id;
	int			 di;	/* histograms: the value list */
	int			 reref;	/* re-referrals */
	int			 keycol; /* by dimension (0032): the key's
					 * column, its row only; 0 none */
};

/* The rows a counter row of municipality i goes to: the total and, by
 * the dimension, the municipality's, its country's, the month's or (for
 * referrals) the sector's or provider's. */
static size_t
ctargets(struct cread *c, const char *month, const char *sector,
    const char *prov, struct acc **t)
{
	const char *key = NULL;

	switch (c->r->by) {
	case DIM_MUNICIPALITY:
		key = c->sc->codes[c->i];
		break;
	case DIM_COUNTRY:
		key = c->sc->countries[c->i];
		break;
	case DIM_MONTH:
		key = month;
		break;
	case DIM_SECTOR:
		key = sector;
		break;
	case DIM_PROVIDER:
		key = prov;
		break;
	default:
		break;
	}
	t[0] = &c->r->x.total;
	if (key == NULL)
		return 1;
	if ((t[1] = accs_get(&c->r->x, key)) == NULL)
		return 0;
	return 2;
}

static int
cread_cb(void *arg, const struct store_row *row)
{
	struct cread *c = arg;
	struct run *r = c->r;
	struct acc *t[2];
	const char *str, *prov = NULL, *sector = NULL;
	size_t n, j;
	int k, code = r->q->code;
	int64_t sub;

	/* A counter row of zeros (left by subtractions, or of cases this
	 * indicator does not count) makes no row, as counting live. */
	switch (c->id) {
	case Q_IND_C_NEW:
	case Q_IND_C_NEWDIM:
		if (srow_int(row, 2) == 0 && srow_int(row, 3) == 0 &&
		    srow_int(row, 4) == 0)
			return 0;
		break;
	case Q_IND_C_COHORT:
		if (srow_int(row, code == IND_TIME_TO_CONTACT ? 1 : 6) == 0)
			return 0;
		break;
	case Q_IND_C_CLOSED:
	case Q_IND_C_MEASURE:
		if (srow_int(row, 2) == 0)
			return 0;
		break;
	case Q_IND_C_PLACE:
	case Q_IND_PLACE_OVER:
		if (srow_int(row, 1) == 0)
			return 0;
		break;
	case Q_IND_C_REF:
	case Q_IND_C_REFDAYS:
	case Q_IND_C_RECEIVED:
		if (srow_int(row, c->id == Q_IND_C_REF ? 4 : 3 +
		    (c->id == Q_IND_C_REFDAYS)) == 0)
			return 0;
		break;
	default:
		break;
	}
	switch (c->id) {
	case Q_IND_C_REF:
	case Q_IND_C_REFDAYS:
		prov = arena_printf(r->x.a, "%lld",
		    (long long)srow_int(row, 1));
		sector = srow_text(row, 2);
		break;
	case Q_IND_C_RECEIVED:
		prov = srow_int(row, 1) ? arena_printf(r->x.a, "%lld",
		    (long long)srow_int(row, 1)) : "";
		sector = srow_text(row, 2);
		break;
	default:
		break;
	}
	if (c->id == Q_IND_C_NEWDIM) {
		/* The dimension's row only: the total is read from ind_new
		 * (a case counted once whatever its concerns). */
		if ((t[0] = accs_get(&r->x, srow_text(row, 5))) == NULL) {
			r->x.oom = 1;
			return 1;
		}
		n = 1;
	} else if (c->keycol > 0) {
		/* 0032: the same, from the counters by dimension. */
		if ((t[0] = accs_get(&r->x, srow_text(row, c->keycol))) ==
		    NULL)
			return 1;
		n = 1;
	} else if ((prov == NULL && (c->id == Q_IND_C_REF ||
	    c->id == Q_IND_C_REFDAYS)) ||
	    (n = ctargets(c, srow_text(row, 0), sector, prov, t)) == 0) {
		r->x.oom = 1;
		return 1;
	}
	for (j = 0; j < n; j++) {
		int64_t *v = t[j]->v;

		switch (c->id) {
		case Q_IND_C_NEW:
		case Q_IND_C_NEWDIM:
			/* Over several municipalities (a whole country:
			 * transfers stay in it) a transfer is not new. */
			sub = c->sc->n > 1 ? srow_int(row, 4) : 0;
			if (code == IND_NEW_CASES) {
				v[0] += srow_int(row, 2) - sub;
				v[1] += srow_int(row, 3);
				v[2] += srow_int(row, 4);
				break;
			}
			str = srow_text(row, 1);
			if (strcmp(str, "systematic_visit") == 0)
				str = "community";
			k = set_index(source_cols, str);
			v[k < 0 ? 8 : k] += srow_int(row, 2) - sub;
			v[9] += srow_int(row, 2) - sub;
			break;
		case Q_IND_C_COHORT:
			if (code == IND_TIME_TO_CONTACT) {
				for (k = 0; k < 5; k++)
					v[k] += srow_int(row, k + 1);
			} else if (code == IND_CONFERENCE) {
				v[0] += srow_int(row, 6);
				v[1] += srow_int(row, 7);
			} else {
				v[0] += srow_int(row, 6);
				v[1] += srow_int(row, 9);
				v[2] += srow_int(row, 8);
			}
			break;
		case Q_IND_C_HIST:
			if (c->reref) {
				if (srow_int(row, 1) != 0)
					v[8] += srow_int(row, 2);
				break;
			}
			ivec_addw(&r->x, &t[j]->d[c->di], srow_int(row, 1),
			    srow_int(row, 2));
			break;
		case Q_IND_C_CLOSED:
			k = set_index(reasons, srow_text(row, 1));
			if (k >= 0)
				v[k] += srow_int(row, 2);
			v[7] += srow_int(row, 2);
			break;
		case Q_IND_C_MEASURE:
			k = set_index(measure_types, srow_text(row, 1));
			if (k >= 0) {
				v[k] += srow_int(row, 2);
				v[3] += srow_int(row, 2);
			}
			break;
		case Q_IND_C_PLACE:
			v[4] += srow_int(row, 1);
			v[5] += srow_int(row, 2);
			break;
		case Q_IND_C_REF:
			str = srow_text(row, 3);
			v[0] += srow_int(row, 4);
			if (strcmp(str, "accepted") == 0 ||
			    strcmp(str, "in_service") == 0 ||
			    strcmp(str, "closed") == 0)
				v[1] += srow_int(row, 4);
			else if (strcmp(str, "declined") == 0)
				v[2] += srow_int(row, 4);
			else if (strcmp(str, "waitlisted") == 0)
				v[3] += srow_int(row, 4);
			break;
		case Q_IND_C_REFDAYS:
			ivec_addw(&r->x, &t[j]->d[0], srow_int(row, 3),
			    srow_int(row, 4));
			break;
		case Q_IND_C_RECEIVED:
			v[4] += srow_int(row, 3);
			break;
		case Q_IND_PLACE_OVER:
			v[6] += srow_int(row, 1);
			break;
		default:
			break;
		}
	}
	return r->x.oom;
}

/* Counter query id for municipality i and the months m1..m2 (histograms:
 * measure into the value list di). dim: from the counters by the
 * dimension r->by (0032) of Q_IND_C_COHORT, _HIST, _CLOSED instead, into
 * the dimension's rows only. */
static enum svc_rc
cread(struct run *r, const struct iscope *sc, size_t i, enum qid id,
    const char *m1, const char *m2, const char *measure, int di, int dim)
{
	struct cread c;
	struct sp p[] = { sp_int(sc->munis[i]), sp_text(m1), sp_text(m2),
	    id == Q_IND_C_NEWDIM || dim ? sp_int(r->by) :
	    sp_text(measure != NULL ? measure : ""),
	    sp_text(measure != NULL ? measure : "") };
	/* The same by a dimension (0032): the query, the key's column and
	 * the parameters (the months', the dimension, a measure). */
	static const struct {
		enum qid	id, dimid;
		int		keycol;
		size_t		np;
	} bydim[] = {
		{ Q_IND_C_COHORT, Q_IND_C_COHORTDIM, 10, 4 },
		{ Q_IND_C_HIST, Q_IND_C_HISTDIM, 3, 5 },
		{ Q_IND_C_CLOSED, Q_IND_C_CLOSEDDIM, 3, 4 },
		{ Q_IND_C_RECEIVED, Q_IND_C_RECEIVEDDIM, 4, 4 },
		{ Q_IND_C_REF, Q_IND_C_REFDIM, 5, 4 },
		{ Q_IND_C_REFDAYS, Q_IND_C_REFDAYSDIM, 5, 4 },
		{ Q_IND_C_MEASURE, Q_IND_C_MEASUREDIM, 3, 4 },
		{ Q_IND_C_PLACE, Q_IND_C_PLACEDIM, 3, 4 },
	};
	enum qid run = id;
	size_t np = id == Q_IND_C_HIST || id == Q_IND_C_NEWDIM ? 4 : 3, k;
	enum store_rc rc;

	if (*m1 == '\0')
		return SVC_OK;
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.sc = sc;
	c.i = i;
	c.id = id;
	c.di = di;
	c.reref = measure != NULL && strcmp(measure, "reref") == 0;
	if (dim) {
		for (k = 0; k < sizeof(bydim) / sizeof(bydim[0]) &&
		    bydim[k].id != id; k++)
			;
		if (k == sizeof(bydim) / sizeof(bydim[0]))
			return svc_fail(r->s, SVC_ERROR, NULL,
			    "error.internal");
		run = bydim[k].dimid;
		c.keycol = bydim[k].keycol;
		np = bydim[k].np;
	}
	rc = store_exec(r->s->st, run, p, np, cread_cb, &c, NULL);
	return read_end(r, rc);
}

struct sums {
	int64_t	v[8];
	int	n;		/* the columns */
};

static int
sum_cb(void *arg, const struct store_row *row)
{
	struct sums *x = arg;
	int k;

	for (k = 0; k < x->n; k++)
		x->v[k] += srow_int(row, k);
	return 0;
}

/* Open cases now into rows (0017's ind_open, 0032's ind_open_dim and
 * ind_review_dim): kind 0 ind_open into the total and (by country) the
 * country's row, 1 ind_open_dim and 2 ind_review_dim into the rows of
 * the dimension; quality: indicator 13's columns, else 2's. */
struct oread {
	struct run	*r;
	const char	*country;	/* by country: the municipality's */
	int		 kind, quality;
};

static int
oread_cb(void *arg, const struct store_row *row)
{
	static const int qcol[] = { 1, 5, 6, 7, 8, 9, 10, 11 };
	struct oread *o = arg;
	struct run *r = o->r;
	struct acc *t[2];
	size_t n, j;
	int k;

	if ((n = open_targets(r, o->kind != 0, o->country, row, t)) == 0)
		return 1;
	for (j = 0; j < n; j++) {
		int64_t *v = t[j]->v;

		if (o->kind == 0) {
			k = set_index(risks, *srow_text(row, 0) ?
			    srow_text(row, 0) : "none");
			if (k >= 0) {
				v[k] += srow_int(row, 1);
				v[4] += srow_int(row, 1);
			}
		} else if (o->kind == 2) {
			v[8] += srow_int(row, 1);
		} else if (o->quality) {
			for (k = 0; k < 8; k++)
				v[k] += srow_int(row, qcol[k]);
		} else {
			for (k = 0; k < 3; k++)
				v[k] += srow_int(row, k + 2);
			v[3] += srow_int(row, 11);
			v[4] += srow_int(row, 1);
		}
	}
	return 0;
}

/* Municipality i's open cases now by the dimension r->by (0032): into
 * its rows (indicator 13: and its reviews overdue at `to`); indicator 2
 * also the total from ind_open (0017), and by country its row. */
static enum svc_rc
oread(struct run *r, const struct iscope *sc, size_t i, int64_t to)
{
	struct oread o;
	enum store_rc rc = STORE_OK;
	struct sp p[] = { sp_int(sc->munis[i]), sp_int(r->by) };
	struct sp p2[] = { sp_int(sc->munis[i]), sp_int(to), sp_int(r->by) };

	memset(&o, 0, sizeof(o));
	o.r = r;
	band_ref(to, &r->band);
	o.quality = r->q->code == IND_DATA_QUALITY;
	if (!o.quality) {
		o.country = r->by == DIM_COUNTRY ? sc->countries[i] : NULL;
		rc = store_exec(r->s->st, Q_IND_C_OPEN, p, 1, oread_cb, &o,
		    NULL);
	}
	if (rc == STORE_OK && by_dim(r->by)) {
		o.kind = 1;
		rc = store_exec(r->s->st, Q_IND_C_OPENDIM, p, 2, oread_cb, &o,
		    NULL);
		o.kind = 2;
		if (rc == STORE_OK && o.quality)
			rc = store_exec(r->s->st, Q_IND_C_REVIEWDIM, p2, 3,
			    oread_cb, &o, NULL);
	}
	return read_end(r, rc);
}

/* Open cases now and overdue reviews at `to` (indicator 13), and
 * placements of [from, to) still running past 72 hours at `to`
 * (indicator 8): per municipality, into its rows. */
static enum svc_rc
cread_now(struct run *r, const struct iscope *sc, size_t i, int64_t from,
    int64_t to)
{
	struct cread c;
	struct acc *t[2];
	struct sums x;
	size_t n, j;
	int k;
	enum store_rc rc = STORE_OK;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.sc = sc;
	c.i = i;
	memset(&x, 0, sizeof(x));
	if (r->q->code == IND_DATA_QUALITY) {
		/* By a dimension of 0032: the total here, the rows from
		 * oread() below. */
		if (by_dim(r->by)) {
			t[0] = &r->x.total;
			n = 1;
		} else
			n = ctargets(&c, "", "", "", t);
		if (n == 0)
			return svc_fail(r->s, SVC_TOOBIG, NULL,
			    "error.toobig");
		struct sp p[] = { sp_int(sc->munis[i]) };
		struct sp p2[] = { sp_int(sc->munis[i]), sp_int(to) };

		x.n = 8;
		rc = store_exec(r->s->st, Q_IND_C_QUALITY, p, 1, sum_cb, &x,
		    NULL);
		for (j = 0; j < n && rc == STORE_OK; j++)
			for (k = 0; k < 8; k++)
				t[j]->v[k] += x.v[k];
		memset(&x, 0, sizeof(x));
		x.n = 1;
		if (rc == STORE_OK)
			rc = store_exec(r->s->st, Q_IND_C_REVIEW, p2, 2, sum_cb,
			    &x, NULL);
		for (j = 0; j < n && rc == STORE_OK; j++)
			t[j]->v[8] += x.v[0];
		if (rc == STORE_OK && by_dim(r->by))
			return oread(r, sc, i, to);
	} else {
		struct sp p[] = { sp_int(from), sp_int(to),
		    sp_int(sc->munis[i]) };

		c.id = Q_IND_PLACE_OVER;
		rc = store_exec(r->s->st, Q_IND_PLACE_OVER, p, 3, cread_cb, &c,
		    NULL);
		if (r->x.oom)
			return svc_fail(r->s, SVC_TOOBIG, NULL, "error.toobig");
	}
	if (rc != STORE_OK)
		return svc_fail(r->s, svc_from_store(rc), NULL,
		    "error.unavailable");
	return SVC_OK;
}

/* Municipality i's placements started in [from, to) and still running
 * past their 72 hours at `to`, into the rows of the dimension r->by
 * (0036's kept rows). */
static enum svc_rc
place_over_dim(struct run *r, const struct iscope *sc, size_t i,
    int64_t from, int64_t to)
{
	struct cread c;
	struct sp p[] = { sp_int(from), sp_int(to), sp_int(sc->munis[i]),
	    sp_int(r->by) };

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.sc = sc;
	c.i = i;
	c.id = Q_IND_PLACE_OVER;
	c.keycol = 2;
	return read_end(r, store_exec(r->s->st, Q_IND_PLACE_OVERDIM, p, 4,
	    cread_cb, &c, NULL));
}

/* The query id (live, or a *_S one from what each record last added)
 * over [a, b), a part of the period. */
static enum svc_rc
live_part(struct run *r, enum qid id, const struct iscope *sc, int64_t a,
    int64_t b)
{
	enum svc_rc rc;

	if (a >= b)
		return SVC_OK;
	r->edge = 1;
	rc = run_query(r, id, sc, a, b);
	r->edge = 0;
	return rc;
}

/*
 * The month that holds the end of [from, to) (a UTC month, or (local) a
 * local one: measures count by their local decision dates), read from its
 * counter for the period's days of it: when the month starts inside the
 * period and no row of a municipality of the scope is dated in it after
 * `to` (Q_IND_C_AFTER; a period up to today: none, dates are never in the
 * future), its counter counts exactly [month start, to). Then *mo ends at
 * `to` and takes that month, so nothing after the whole months is counted
 * live. When rows are dated after `to` but the rest of the month is
 * shorter than its part in the period (a period ending on a month's last
 * local day: the hour or two to the end of the UTC month), *mo ends at the
 * month's end and counters_run() takes [to, month end) out again, counted
 * live with the sign -1 (case_cb(); median() merges the weights). 0: mo
 * unchanged (a probe failing too: counted live as before).
 */
static int
tail_month(struct run *r, const struct iscope *sc, int64_t from, int64_t to,
    int local, struct months *mo)
{
	struct tm tm;
	/* An instant of the last day (UTC or local) of the period. */
	time_t t = (time_t)(local ? to - 12 * 3600 : to - 1);
	int64_t ms, me, after, end;
	size_t i;

	if ((*mo->m1 != '\0' && mo->hi >= to) || gmtime_r(&t, &tm) == NULL)
		return 0;
	ms = month_start(tm.tm_year + 1900, tm.tm_mon + 1, local);
	me = month_start(tm.tm_year + 1900, tm.tm_mon + 2, local);
	if (ms == 0 || me == 0 || ms < from ||
	    (*mo->m1 != '\0' && mo->hi != ms))
		return 0;
	for (i = 0, end = to; i < sc->n && end == to; i++) {
		struct sp p[] = { sp_int(sc->munis[i]), sp_int(to),
		    sp_int(me) };

		after = 1;
		if (store_exec(r->s->st, Q_IND_C_AFTER, p, 3, store_cb_int,
		    &after, NULL) != STORE_OK)
			return 0;
		/* Rows after `to`: the counter less them, when they are
		 * fewer days than those before (a period ending on the
		 * last day of a month, local: the hours to the UTC month's
		 * end); else the days before counted live. */
		if (after != 0) {
			if (me - to >= to - ms)
				return 0;
			end = me;
		}
	}
	if (*mo->m1 == '\0') {
		mo->lo = ms;
		month_name(tm.tm_year + 1900, tm.tm_mon + 1, mo->m1);
	}
	month_name(tm.tm_year + 1900, tm.tm_mon + 1, mo->m2);
	mo->hi = end;
	return 1;
}

/*
 * The month that holds the start of [from, to) (UTC, or local as
 * tail_month()), read whole from its counter when what lies outside the
 * period of it (the days before `from`; with no whole month in the
 * period, also those after `to`) is shorter than what lies inside: then
 * *mo starts at the month's start (and with no whole month, ends at its
 * end) and counters_run() takes [month start, from) (and [to, month end))
 * out again, counted live with the sign -1. 0: mo unchanged.
 */
static int
head_month(int64_t from, int64_t to, int local, struct months *mo)
{
	struct tm tm;
	time_t t = (time_t)(from + 3 * 3600);
	int64_t ms, me, out, in;

	if (gmtime_r(&t, &tm) == NULL)
		return 0;
	ms = month_start(tm.tm_year + 1900, tm.tm_mon + 1, local);
	me = month_start(tm.tm_year + 1900, tm.tm_mon + 2, local);
	if (ms == 0 || me == 0 || ms >= from ||
	    (*mo->m1 != '\0' && mo->lo != me))
		return 0;
	out = (from - ms) + (me > to ? me - to : 0);
	in = (me < to ? me : to) - from;
	if (out >= in)
		return 0;
	month_name(tm.tm_year + 1900, tm.tm_mon + 1, mo->m1);
	if (mo->lo == mo->hi) {
		/* No whole month: this one only. */
		month_name(tm.tm_year + 1900, tm.tm_mon + 1, mo->m2);
		mo->hi = me;
	}
	mo->lo = ms;
	return 1;
}

/*
 * The counter reads of indicators 5, 6, 7 and 10 for municipality i over
 * the months of u: into the total and the rows of the dimension (dim 0),
 * or (dim 1) into the rows of the dimension r->by only, from the counters
 * by dimension of 0032.
 */
static enum svc_rc
month_reads(struct run *r, const struct iscope *sc, size_t i,
    const struct months *u, int dim)
{
	static const struct {
		int		 code;
		enum qid	 id;
		const char	*measure;	/* histograms */
		int		 di;		/* their value list */
	} reads[] = {
		{ IND_TIME_TO_CONTACT, Q_IND_C_COHORT, NULL, 0 },
		{ IND_TIME_TO_CONTACT, Q_IND_C_HIST, "contact_h", 0 },
		{ IND_TIME_TO_CONTACT, Q_IND_C_HIST, "assess_d", 1 },
		{ IND_CONFERENCE, Q_IND_C_COHORT, NULL, 0 },
		{ IND_CONFERENCE, Q_IND_C_HIST, "meeting_d", 0 },
		{ IND_PLAN, Q_IND_C_COHORT, NULL, 0 },
		{ IND_PLAN, Q_IND_C_HIST, "plan_d", 0 },
		{ IND_CLOSURES, Q_IND_C_CLOSED, NULL, 0 },
		{ IND_CLOSURES, Q_IND_C_HIST, "closed_d", 0 },
		{ IND_CLOSURES, Q_IND_C_HIST, "reref", 0 },
	};
	enum svc_rc rc = SVC_OK;
	size_t k;

	for (k = 0; k < sizeof(reads) / sizeof(reads[0]) && rc == SVC_OK; k++)
		if (reads[k].code == (int)r->q->code)
			rc = cread(r, sc, i, reads[k].id, u->m1, u->m2,
			    reads[k].measure, reads[k].di, dim);
	return rc;
}

/*
 * The counter reads of a countable() indicator for municipality i over
 * the whole months of u (measures' decisions: of l): into the total and
 * the rows of r->by (dim 0), or (dim 1) into the rows of the dimension
 * r->by only, from the counters by dimension (0031, 0032, 0035, 0036).
 */
static enum svc_rc
month_counters(struct run *r, const struct iscope *sc, size_t i,
    const struct months *u, const struct months *l, int64_t from,
    int64_t to, int dim)
{
	enum svc_rc rc = SVC_OK;

	switch (r->q->code) {
	case IND_NEW_CASES:
	case IND_SOURCES:
		return cread(r, sc, i, dim ? Q_IND_C_NEWDIM : Q_IND_C_NEW,
		    u->m1, u->m2, NULL, 0, 0);
	case IND_TIME_TO_CONTACT:
	case IND_CONFERENCE:
	case IND_PLAN:
	case IND_CLOSURES:
		return month_reads(r, sc, i, u, dim);
	case IND_MEASURES:
		if ((rc = cread(r, sc, i, Q_IND_C_MEASURE, l->m1, l->m2, NULL,
		    0, dim)) != SVC_OK ||
		    (rc = cread(r, sc, i, Q_IND_C_PLACE, u->m1, u->m2, NULL, 0,
		    dim)) != SVC_OK)
			return rc;
		return dim ? place_over_dim(r, sc, i, from, to) :
		    cread_now(r, sc, i, from, to);
	case IND_REFERRALS:
		if ((rc = cread(r, sc, i, Q_IND_C_REF, u->m1, u->m2, NULL, 0,
		    dim)) != SVC_OK ||
		    (rc = cread(r, sc, i, Q_IND_C_REFDAYS, u->m1, u->m2, NULL,
		    0, dim)) != SVC_OK)
			return rc;
		return cread(r, sc, i, Q_IND_C_RECEIVED, u->m1, u->m2, NULL, 0,
		    dim);
	case IND_DATA_QUALITY:
		return cread_now(r, sc, i, from, to);
	default:
		return SVC_OK;
	}
}

/*
 * A countable() indicator over [from, to): the whole months from the
 * counters, and the month holding `to` when tail_month() allows; the days
 * before and after them counted live with the same queries as without
 * counters. dm1, dm2 (the dashboard): read the months dm1..dm2 only,
 * nothing live.
 */
static enum svc_rc
counters_run(struct run *r, const struct iscope *sc, int64_t from,
    int64_t to, const char *dm1, const char *dm2)
{
	/* The query of each part, whether its months are of local days
	 * (measures: by their decision dates) and the column of its rows
	 * to add to the totals by concern (0: a second pass). From what
	 * each case last added to the counters where that holds it (*_S),
	 * else live. */
	static const struct {
		int		code;
		enum qid	id;
		int		local;
		int		first;
	} edges[] = {
		{ IND_NEW_CASES, Q_IND_NEW_S, 0, 5 },
		{ IND_SOURCES, Q_IND_SOURCES_S, 0, 4 },
		{ IND_TIME_TO_CONTACT, Q_IND_CONTACT_S, 0, 6 },
		{ IND_CONFERENCE, Q_IND_CONF_S, 0, 2 },
		{ IND_PLAN, Q_IND_PLAN_S, 0, 3 },
		{ IND_MEASURES, Q_IND_MEASURES_S, 1, 3 },
		{ IND_MEASURES, Q_IND_PLACEMENTS_S, 0, 4 },
		{ IND_REFERRALS, Q_IND_REFERRALS_S, 0, 3 },
		{ IND_REFERRALS, Q_IND_RECEIVED_S, 0, 2 },
		{ IND_CLOSURES, Q_IND_CLOSED, 0, 0 },
	};
	struct months u, l;
	size_t i, k;
	int code = r->q->code, by, pass, rows;
	enum svc_rc rc = SVC_OK;

	if (dm1 != NULL) {
		memset(&u, 0, sizeof(u));
		snprintf(u.m1, sizeof(u.m1), "%s", dm1);
		snprintf(u.m2, sizeof(u.m2), "%s", dm2);
		u.lo = from;
		u.hi = to;
		l = u;
	} else {
		months_of(from, to, 0, &u);
		months_of(from, to, 1, &l);
		if (code != IND_DATA_QUALITY) {
			(void)tail_month(r, sc, from, to, 0, &u);
			(void)head_month(from, to, 0, &u);
		}
		if (code == IND_MEASURES) {
			(void)tail_month(r, sc, from, to, 1, &l);
			(void)head_month(from, to, 1, &l);
		}
	}
	/* By a dimension of the child or the case (not the referrals'
	 * sector: the agencies' types, in their counters by nothing): the
	 * totals read as by nothing, then the rows from the counters by
	 * dimension. Data quality reads both in cread_now(). */
	rows = by_dim(r->by) && code != IND_DATA_QUALITY &&
	    !(code == IND_REFERRALS && r->by == DIM_SECTOR);
	by = r->by;
	for (i = 0; i < sc->n && rc == SVC_OK; i++) {
		if (rows)
			r->by = DIM_NONE;
		rc = month_counters(r, sc, i, &u, &l, from, to, 0);
		r->by = by;
		if (rc == SVC_OK && rows)
			rc = month_counters(r, sc, i, &u, &l, from, to, 1);
	}
	if (rc != SVC_OK || dm1 != NULL)
		return rc;
	/* The days before and after the whole months: from what each case
	 * last added, or live. */
	for (k = 0; k < sizeof(edges) / sizeof(edges[0]) && rc == SVC_OK;
	    k++) {
		const struct months *mo = edges[k].local ? &l : &u;

		if (edges[k].code != code)
			continue;
		/* Rows by concern: the totals with the rows marked, or in a
		 * second pass, as live. */
		r->first = edges[k].first;
		for (pass = 0; pass < (r->by == DIM_CONCERN &&
		    edges[k].first == 0 ? 2 : 1) && rc == SVC_OK; pass++) {
			r->pass2 = pass;
			if ((rc = live_part(r, edges[k].id, sc, from,
			    mo->lo)) == SVC_OK)
				rc = live_part(r, edges[k].id, sc, mo->hi, to);
			/* The months past `to` and before `from` read from
			 * their counters: the parts outside taken out again. */
			r->sign = -1;
			if (rc == SVC_OK && mo->hi > to)
				rc = live_part(r, edges[k].id, sc, to, mo->hi);
			if (rc == SVC_OK && mo->lo < from)
				rc = live_part(r, edges[k].id, sc, mo->lo,
				    from);
			r->sign = 1;
		}
		r->pass2 = 0;
		r->first = 0;
	}
	return rc;
}

/* indicator_run(); dm1, dm2: the dashboard's months, read from the
 * counters only (NULL: the period as asked). */
static enum svc_rc
ind_run(struct svc *s, const struct ind_query *q, struct rt_table *t,
    const char *dm1, const char *dm2)
{
	const struct ind_def *d = indicator_def(q->code);
	struct iscope sc;
	struct run r;
	int64_t from, to;
	int year, missing = 0, asat;
	enum svc_rc rc;
	char b1[32], b2[32];
	static const enum qid qids[IND__MAX][2] = {
		[IND_NEW_CASES] = { Q_IND_NEW, Q__MAX },
		[IND_OPEN_BY_RISK] = { Q_IND_OPEN, Q__MAX },
		[IND_CASELOAD] = { Q_IND_WORKERS, Q__MAX },
		[IND_TIME_TO_CONTACT] = { Q_IND_CONTACT, Q__MAX },
		[IND_CONFERENCE] = { Q_IND_CONF, Q__MAX },
		[IND_PLAN] = { Q_IND_PLAN, Q__MAX },
		[IND_MEASURES] = { Q_IND_MEASURES, Q_IND_PLACEMENTS },
		[IND_REFERRALS] = { Q_IND_REFERRALS, Q_IND_RECEIVED },
		[IND_CLOSURES] = { Q_IND_CLOSED, Q__MAX },
		[IND_SOURCES] = { Q_IND_SOURCES, Q__MAX },
		[IND_IDLE_WORKERS] = { Q_IND_WORKERS, Q__MAX },
		[IND_DATA_QUALITY] = { Q_IND_QUALITY, Q__MAX },
	};
	int pass, i;

	memset(t, 0, sizeof(*t));
	if (d == NULL)
		return bad(s, "code", "ind.err.code");
	if ((unsigned)q->by >= DIM__MAX)
		return bad(s, "by", "ind.err.dim");
	if (!(d->dims & B(q->by)))
		return bad(s, "by", dim_refusal(d, q->by));
	if ((rc = scope_fix(s, q->country, q->municipality_id, &sc)) != SVC_OK)
		return rc;
	period(q, &from, &to, &year);
	if (to <= from)
		return bad(s, "to", "ind.err.period");
	t->title = tr(s, d->title_key);
	t->definition = tr(s, d->def_key);
	if (q->code == IND_WORKFORCE) {
		if ((rc = workforce_ind(s, q, &sc, year, t, &missing)) !=
		    SVC_OK)
			return rc;
	} else if (open_from_counters(q, &sc)) {
		struct dash *dd = arena_zalloc(s->a, dash_size());
		const char *country = *opt(q->country) ? q->country :
		    s->actor->country ? s->actor->country : "";
		int64_t muni = q->municipality_id ? q->municipality_id :
		    s->actor->role == ROLE_CENTRAL_ANALYST ? 0 :
		    (sc.n == 1 ? sc.munis[0] : -1);

		if (dd == NULL)
			return svc_fail(s, SVC_ERROR, NULL, "error.internal");
		memset(&r, 0, sizeof(r));
		r.s = s;
		r.q = q;
		r.by = q->by;
		if ((rc = dash_read(s, dd, Q_IND_DASH_OPEN, 0, country, muni, "",
		    "")) != SVC_OK)
			return rc;
		dash_accs(dd, &r.x);
		if ((rc = open_past(&r, &sc, to)) != SVC_OK ||
		    (rc = build(s, q, &r, t, sc.suppress, 0)) != SVC_OK)
			return rc;
	} else if (open_dims_from_counters(q, &sc)) {
		memset(&r, 0, sizeof(r));
		r.s = s;
		r.q = q;
		r.by = q->by;
		r.to = to;
		accs_init(&r.x, s->a);
		for (i = 0; i < (int)sc.n; i++)
			if ((rc = oread(&r, &sc, (size_t)i, to)) != SVC_OK)
				return rc;
		if ((rc = open_past(&r, &sc, to)) != SVC_OK ||
		    (rc = build(s, q, &r, t, sc.suppress, 0)) != SVC_OK)
			return rc;
	} else if (countable(q, &sc)) {
		memset(&r, 0, sizeof(r));
		r.s = s;
		r.q = q;
		r.by = q->by;
		r.to = to;
		accs_init(&r.x, s->a);
		if ((rc = counters_run(&r, &sc, from, to, dm1, dm2)) !=
		    SVC_OK ||
		    (rc = build(s, q, &r, t, sc.suppress, (to - from) / DAY)) !=
		    SVC_OK)
			return rc;
	} else {
		memset(&r, 0, sizeof(r));
		r.s = s;
		r.q = q;
		r.by = q->by;
		r.to = to;
		accs_init(&r.x, s->a);
		for (pass = 0; pass < (q->by == DIM_CONCERN ? 2 : 1); pass++) {
			r.pass2 = pass;
			for (i = 0; i < 2; i++) {
				if (qids[q->code][i] == Q__MAX)
					continue;
				if ((rc = run_query(&r, qids[q->code][i], &sc,
				    from, to)) != SVC_OK)
					return rc;
			}
		}
		if ((rc = build(s, q, &r, t, sc.suppress, (to - from) / DAY)) !=
		    SVC_OK)
			return rc;
	}
	clock_format(from, 0, b1, sizeof(b1));
	clock_format(to - 3 * 3600, 0, b2, sizeof(b2));
	asat = q->code == IND_OPEN_BY_RISK || q->code == IND_DATA_QUALITY ||
	    q->code == IND_WORKFORCE;
	t->note = arena_printf(s->a, "%s %s%s%s · %s%s%s%s%s",
	    tr(s, asat ? "ind.note.as_at" : "ind.note.period"),
	    asat ? "" : b1, asat ? "" : " – ", b2, scope_note(s, &sc),
	    sc.suppress ? " · " : "",
	    sc.suppress ? tr(s, "ind.note.suppressed") : "",
	    missing ? " · " : "",
	    missing ? arena_printf(s->a, "%s: %d", tr(s,
	    "workforce.no_population"), missing) : "");
	if (t->note == NULL || t->cells == NULL)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	return SVC_OK;
}

enum svc_rc
indicator_run(struct svc *s, const struct ind_query *q, struct rt_table *t)
{
	return ind_run(s, q, t, NULL, NULL);
}

/* ---- the dashboard, from the counters ---- */

struct dash {
	struct svc	*s;
	struct accs	 x;
	int		 kind;
};

static size_t
dash_size(void)
{
	return sizeof(struct dash);
}

static void
dash_accs(const struct dash *d, struct accs *x)
{
	*x = d->x;
}

static int
dash_cb(void *arg, const struct store_row *row)
{
	struct dash *d = arg;
	struct acc *e = accs_get(&d->x, srow_text(row, 0));
	int k;

	if (e == NULL)
		return 1;
	switch (d->kind) {
	case 0:	/* open: code, risk, n */
		k = set_index(risks, *srow_text(row, 1) ? srow_text(row, 1) :
		    "none");
		if (k >= 0) {
			e->v[k] += srow_int(row, 2);
			e->v[4] += srow_int(row, 2);
			d->x.total.v[k] += srow_int(row, 2);
			d->x.total.v[4] += srow_int(row, 2);
		}
		break;
	default:	/* month|source|reason, n, reopened|days */
		e->v[0] += srow_int(row, 1);
		e->v[1] += srow_int(row, 2);
		d->x.total.v[0] += srow_int(row, 1);
		d->x.total.v[1] += srow_int(row, 2);
		break;
	}
	return 0;
}

/* What the counters do not hold (transfers in; durations and
 * re-referrals of closures): the columns from c on, shown as missing. */
static void
dash_missing(struct rt_table *t, size_t c)
{
	size_t r, k;

	for (r = 0; r < t->nrows; r++)
		for (k = c; k < t->ncols; k++) {
			rt_at(t, r, k)->missing = 1;
			rt_at(t, r, k)->suppressed = 0;
			rt_at(t, r, k)->v = 0;
		}
}

/* A table from the dashboard accumulators: cols of spec, cell c from
 * v[c]; rows sorted by label or (months) by key. */
static enum svc_rc
dash_table(struct svc *s, struct dash *d, int by, int code,
    const char *title, const char *defn, struct rt_table *t, int suppress)
{
	struct run r;
	struct ind_query q;

	memset(&r, 0, sizeof(r));
	memset(&q, 0, sizeof(q));
	r.x = d->x;
	q.by = by;
	q.code = code;
	memset(t, 0, sizeof(*t));
	t->title = tr(s, title);
	t->definition = tr(s, defn);
	return build(s, &q, &r, t, suppress, 0);
}

/* Indicators the dashboard runs as their own page does (ind_run()), for
 * the months of the dashboard: 5-9 and 13 from the counters of 0026, 12
 * per worker. */
static int
live_only(int code)
{
	switch (code) {
	case IND_TIME_TO_CONTACT:
	case IND_CONFERENCE:
	case IND_PLAN:
	case IND_MEASURES:
	case IND_REFERRALS:
	case IND_IDLE_WORKERS:
	case IND_DATA_QUALITY:
		return 1;
	default:
		return 0;
	}
}

/* One of the counter reads into d (kind 0: open; else month|source|reason
 * rows). */
static enum svc_rc
dash_read(struct svc *s, struct dash *d, enum qid id, int kind,
    const char *country, int64_t muni, const char *m1, const char *m2)
{
	struct sp p[] = { sp_text(country), sp_int(muni), sp_text(m1),
	    sp_text(m2) };
	enum store_rc rc;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->kind = kind;
	accs_init(&d->x, s->a);
	rc = store_exec(s->st, id, p, kind == 0 ? 2 : 4, dash_cb, d, NULL);
	if (rc != STORE_OK || d->x.oom)
		return svc_fail(s, rc == STORE_OK ? SVC_ERROR :
		    svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

/* The yyyy-mm of the local day of t. */
static void
month_of(int64_t t, char *out, size_t len)
{
	char b[32];
	int y = 1970, mo = 1, dd = 1;

	clock_format(t, 0, b, sizeof(b));
	if (sscanf(b, "%d.%d.%d", &dd, &mo, &y) != 3)
		y = 1970, mo = 1;
	snprintf(out, len, "%04d-%02d", y, mo);
}

enum svc_rc
indicator_dashboard(struct svc *s, const char *from, const char *to,
    struct rt_table **out, size_t *n)
{
	struct ind_query q;
	struct iscope sc;
	struct rt_table *t;
	struct dash d;
	struct accs x;
	int64_t f, e, muni;
	int year, k, j;
	size_t i;
	enum svc_rc rc;
	char m1[16], m2[16];
	const char *country, *note;

	*out = NULL;
	*n = 0;
	memset(&q, 0, sizeof(q));
	q.from = from != NULL && *from != '\0' ? from : NULL;
	q.to = to != NULL && *to != '\0' ? to : NULL;
	if (q.from != NULL && !day_start(q.from, &f))
		return bad(s, "from", "ind.err.date");
	if (q.to != NULL && !day_start(q.to, &e))
		return bad(s, "to", "ind.err.date");
	if ((rc = scope_fix(s, NULL, 0, &sc)) != SVC_OK)
		return rc;
	period(&q, &f, &e, &year);
	if (e <= f)
		return bad(s, "to", "ind.err.period");
	if ((t = arena_zalloc(s->a, (IND__MAX - 1) * sizeof(*t))) == NULL)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	/* A worker's or a unit's dashboard: every indicator counted live
	 * (small); the counters are per municipality. */
	if (s->actor->role == ROLE_CASEWORKER ||
	    s->actor->role == ROLE_SUPERVISOR) {
		for (k = 1; k < IND__MAX; k++) {
			q.code = (enum ind_code)k;
			q.by = k == IND_NEW_CASES ? DIM_MONTH : DIM_NONE;
			if (k == IND_WORKFORCE) {
				t[k - 1].title = tr(s, "ind.workforce.title");
				t[k - 1].definition = tr(s, "ind.workforce.def");
				t[k - 1].note = tr(s, "ind.note.not_on_dashboard");
				continue;
			}
			if ((rc = indicator_run(s, &q, &t[k - 1])) != SVC_OK)
				return rc;
		}
		*out = t;
		*n = IND__MAX - 1;
		return SVC_OK;
	}
	month_of(f, m1, sizeof(m1));
	month_of(e - 1, m2, sizeof(m2));
	country = s->actor->country != NULL ? s->actor->country : "";
	muni = s->actor->role == ROLE_CENTRAL_ANALYST ? 0 :
	    (s->actor->municipality_id ? s->actor->municipality_id : -1);
	note = arena_printf(s->a, "%s %s – %s · %s%s%s",
	    tr(s, "ind.note.months"), m1, m2, scope_note(s, &sc),
	    sc.suppress ? " · " : "",
	    sc.suppress ? tr(s, "ind.note.suppressed") : "");
	for (k = 1; k < IND__MAX; k++) {
		struct rt_table *tk = &t[k - 1];
		const struct ind_def *def = indicator_def((enum ind_code)k);

		memset(&q, 0, sizeof(q));
		q.code = (enum ind_code)k;
		q.from = from;
		q.to = to;
		switch (k) {
		case IND_NEW_CASES:
			if ((rc = dash_read(s, &d, Q_IND_DASH_NEW, 1, country,
			    muni, m1, m2)) != SVC_OK ||
			    (rc = dash_table(s, &d, DIM_MONTH, k, def->title_key,
			    "ind.dash.new_cases.def", tk, sc.suppress)) !=
			    SVC_OK)
				return rc;
			dash_missing(tk, 3);
			tk->note = note;
			break;
		case IND_OPEN_BY_RISK:
			if ((rc = dash_read(s, &d, Q_IND_DASH_OPEN, 0, country,
			    muni, m1, m2)) != SVC_OK ||
			    (rc = dash_table(s, &d, muni == 0 ?
			    DIM_MUNICIPALITY : DIM_NONE, k, def->title_key,
			    def->def_key, tk, sc.suppress)) != SVC_OK)
				return rc;
			tk->note = arena_printf(s->a, "%s · %s%s%s",
			    tr(s, "ind.note.now"), scope_note(s, &sc),
			    sc.suppress ? " · " : "",
			    sc.suppress ? tr(s, "ind.note.suppressed") : "");
			break;
		case IND_WORKFORCE:
			q.by = muni == 0 ? DIM_MUNICIPALITY : DIM_NONE;
			rc = indicator_run(s, &q, tk);
			if (rc == SVC_INVALID) {
				/* No population for the year: said, not
				 * divided by. */
				memset(tk, 0, sizeof(*tk));
				tk->title = tr(s, def->title_key);
				tk->definition = tr(s, def->def_key);
				tk->note = tr(s, "workforce.err.no_population");
				memset(&s->err, 0, sizeof(s->err));
			} else if (rc != SVC_OK)
				return rc;
			break;
		case IND_CASELOAD: {
			struct wf_unit *u;
			size_t nu;

			/* Workers and open cases from the units (the open
			 * counter), new cases from the monthly counter. */
			if ((rc = workforce_units_raw(s, country, muni > 0 ?
			    muni : 0, year, &u, &nu)) != SVC_OK ||
			    (rc = dash_read(s, &d, Q_IND_DASH_NEW, 1, country,
			    muni, m1, m2)) != SVC_OK)
				return rc;
			accs_init(&x, s->a);
			for (i = 0; i < nu; i++) {
				x.total.v[0] += u[i].workers;
				x.total.v[1] += u[i].fte;
				x.total.v[2] += u[i].open;
			}
			x.total.v[3] = d.x.total.v[0];
			d.x = x;
			if ((rc = dash_table(s, &d, DIM_NONE, k,
			    def->title_key, def->def_key, tk, sc.suppress)) !=
			    SVC_OK)
				return rc;
			/* Whole months: the per-year figure over them. */
			{
				struct rt_cell *c = rt_at(tk, 0, 6);
				int64_t days = (e - f) / DAY;

				if (x.total.v[1] > 0 && days > 0 &&
				    !c->suppressed) {
					c->missing = 0;
					c->v = x.total.v[3] * 1000 * 365 /
					    (x.total.v[1] * days);
				}
			}
			tk->note = note;
			break;
		}
		case IND_CLOSURES:
			if ((rc = dash_read(s, &d, Q_IND_DASH_CLOSED, 3, country,
			    muni, m1, m2)) != SVC_OK)
				return rc;
			accs_init(&x, s->a);
			for (i = 0; i < d.x.n; i++) {
				j = set_index(reasons, d.x.list[i]->key);
				if (j >= 0)
					x.total.v[j] += d.x.list[i]->v[0];
				x.total.v[7] += d.x.list[i]->v[0];
			}
			d.x = x;
			if ((rc = dash_table(s, &d, DIM_NONE, k,
			    def->title_key, "ind.dash.closures.def", tk,
			    sc.suppress)) != SVC_OK)
				return rc;
			dash_missing(tk, 9);
			tk->note = note;
			break;
		case IND_SOURCES:
			if ((rc = dash_read(s, &d, Q_IND_DASH_SOURCES, 2,
			    country, muni, m1, m2)) != SVC_OK)
				return rc;
			accs_init(&x, s->a);
			for (i = 0; i < d.x.n; i++) {
				const char *src = d.x.list[i]->key;

				if (strcmp(src, "systematic_visit") == 0)
					src = "community";
				j = set_index(source_cols, src);
				x.total.v[j < 0 ? 8 : j] += d.x.list[i]->v[0];
				x.total.v[9] += d.x.list[i]->v[0];
			}
			d.x = x;
			if ((rc = dash_table(s, &d, DIM_NONE, k,
			    def->title_key, "ind.dash.sources.def", tk,
			    sc.suppress)) != SVC_OK)
				return rc;
			tk->note = note;
			break;
		default:
			/* The months of the dashboard from the counters of
			 * 0026 (idle workers: counted per worker). */
			if (live_only(k)) {
				if ((rc = ind_run(s, &q, tk, m1, m2)) != SVC_OK)
					return rc;
				if (k != IND_IDLE_WORKERS &&
				    k != IND_DATA_QUALITY)
					tk->note = note;
				break;
			}
			tk->title = tr(s, def->title_key);
			tk->definition = tr(s, def->def_key);
			tk->note = tr(s, "ind.note.not_on_dashboard");
			break;
		}
	}
	*out = t;
	*n = IND__MAX - 1;
	return SVC_OK;
}

/* ---- the counters ---- */

static int
int_cb(void *arg, const struct store_row *r)
{
	*(int64_t *)arg = srow_int(r, 0);
	return 1;
}

enum svc_rc
indicator_counters_check(struct svc *s)
{
	/* Each the count of the counters' rows that differ from a recount:
	 * 0026 and 0031 (DIFF, DIFF2), 0032 and 0034 (DIFF3), 0035, 0036. */
	static const enum qid q[] = { Q_IND_CNT_DIFF, Q_IND_CNT_DIFF2,
	    Q_IND_CNT_DIFF3, Q_IND_CNT_DIFF4, Q_IND_CNT_DIFF5 };
	int64_t diff = 0;
	enum store_rc rc = STORE_OK;
	size_t i;

	for (i = 0; i < sizeof(q) / sizeof(q[0]) && rc == STORE_OK &&
	    diff == 0; i++) {
		diff = -1;
		rc = store_exec(s->st, q[i], NULL, 0, int_cb, &diff, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (diff != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "ind.err.counters");
	return SVC_OK;
}

static enum svc_rc
rebuild_tx(struct svc *s, void *arg)
{
	static const enum qid q[] = { Q_IND_CNT_CLEAR_OPEN, Q_IND_CNT_CLEAR_NEW,
	    Q_IND_CNT_CLEAR_CLOSED, Q_IND_CNT_FILL_OPEN, Q_IND_CNT_FILL_NEW,
	    Q_IND_CNT_FILL_CLOSED,
	    Q_IND_CNT_CLR_COHORT, Q_IND_CNT_FILL_COHORT,
	    Q_IND_CNT_CLR_HIST, Q_IND_CNT_FILL_HIST,
	    Q_IND_CNT_CLR_QUALITY, Q_IND_CNT_FILL_QUALITY,
	    Q_IND_CNT_CLR_REVIEW, Q_IND_CNT_FILL_REVIEW,
	    Q_IND_CNT_CLR_MEASURE, Q_IND_CNT_FILL_MEASURE,
	    Q_IND_CNT_CLR_PLACEMENT, Q_IND_CNT_FILL_PLACEMENT,
	    Q_IND_CNT_CLR_REFERRAL, Q_IND_CNT_FILL_REFERRAL,
	    Q_IND_CNT_CLR_REFDAYS, Q_IND_CNT_FILL_REFDAYS,
	    Q_IND_CNT_CLR_RECEIVED, Q_IND_CNT_FILL_RECEIVED,
	    Q_IND_CNT_CLR_WORKER, Q_IND_CNT_FILL_WORKER,
	    Q_IND_CNT_CLR_DIM, Q_IND_CNT_CLR_DIM_STATE,
	    Q_IND_CNT_CLR_DIM_CONCERN, Q_IND_CNT_FILL_DIM_STATE,
	    Q_IND_CNT_FILL_DIM_CONCERN, Q_IND_CNT_FILL_DIM,
	    Q_IND_CNT_CLR_STATE, Q_IND_CNT_FILL_STATE,
	    Q_IND_CNT_CLR_SNAP_MEASURE, Q_IND_CNT_FILL_SNAP_MEASURE,
	    Q_IND_CNT_CLR_SNAP_PLACEMENT, Q_IND_CNT_FILL_SNAP_PLACEMENT,
	    Q_IND_CNT_CLR_SNAP_REFERRAL, Q_IND_CNT_FILL_SNAP_REFERRAL,
	    Q_IND_CNT_CLR_SNAP_REFDAYS, Q_IND_CNT_FILL_SNAP_REFDAYS,
	    IND_REBUILD_0032, IND_REBUILD_0035,
	    IND_REBUILD_0036 };
	enum store_rc rc = STORE_OK;
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(q) / sizeof(q[0]) && rc == STORE_OK; i++)
		rc = store_exec(s->st, q[i], NULL, 0, NULL, NULL, NULL);
	if (rc == STORE_OK)
		rc = audit_record(s->st, s->actor, "cli", "indicator.rebuild",
		    "indicator", 0, "");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
indicator_counters_rebuild(struct svc *s)
{
	if (s->actor != NULL && s->actor->role != ROLE_SYSADMIN)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return svc_tx(s, rebuild_tx, NULL);
}
