/*
 * grant.c — donors, grant agreements, services delivered and the people
 * served (svc layer). See grant.h. Reads are scoped in SQL (the grant's
 * municipalities and country, or the grantee's own agency); each write:
 * rules first, then one transaction with its audit row (ids and codes
 * only, never a beneficiary's code).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "consent.h"
#include "grant.h"
#include "notify.h"
#include "provider.h"

const char *const grant_donor_kinds[] = { "bilateral", "multilateral",
	"foundation", "government", "other", NULL };
const char *const grant_statuses[] = { "active", "suspended", "closed",
	NULL };
const char *const grant_kinds[] = { "child", "adult", NULL };
const char *const grant_age_bands[] = { "0_5", "6_11", "12_14", "15_17",
	"18_64", "65_plus", NULL };
const char *const grant_categories[] = { "at_risk", "violence_survivor",
	"domestic_violence", "trafficking", "elderly", "disability", NULL };

/* ---------------------------------------------------------------- helpers */



/* Required one-line text of at most max characters. */
static enum svc_rc
line(struct svc *s, const char *field, const char *v, size_t max,
    int required)
{
	const char *p = svc_nz(v);

	while (*p == ' ')
		p++;
	if (required && *p == '\0')
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (!svc_text_ok(v, max, 0))
		return svc_fail(s, SVC_INVALID, field, "error.field.toolong");
	return SVC_OK;
}

const char *
grant_today(struct svc *s)
{
	int32_t d = 0;
	char b[16];

	(void)cal_date_of(clock_now(), &d);
	cal_date_format(d, b, sizeof(b));
	return arena_strdup(s->a, b);
}

enum svc_rc
grant_day(struct svc *s, const char *field, const char *v, const char **ymd)
{
	int64_t t;
	int32_t d;
	char b[16];

	if (v == NULL || *v == '\0')
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, &d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	cal_date_format(d, b, sizeof(b));
	if ((*ymd = arena_strdup(s->a, b)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* ---------------------------------------------------------------- amounts */

/* Skips "€", "EUR" and spaces at p; the new position. */
static const char *
skip_currency(const char *p)
{
	for (;;) {
		if (*p == ' ')
			p++;
		else if (strncmp(p, "\xe2\x82\xac", 3) == 0)
			p += 3;
		else if (strncmp(p, "EUR", 3) == 0)
			p += 3;
		else
			return p;
	}
}

const char *
grant_amount_parse(const char *s, int64_t max, int64_t *cents)
{
	const char *p, *end, *dec = NULL;
	char digits[32], sep_group = 0;
	size_t nd = 0, i, group = 0, ngroups = 0, len;
	int64_t v = 0;
	int frac = 0, nfrac = 0, seen_digit = 0;

	*cents = 0;
	if (s == NULL)
		return "error.field.required";
	p = skip_currency(s);
	len = strlen(p);
	end = p + len;
	/* Trailing currency and spaces. */
	while (end > p) {
		if (end[-1] == ' ')
			end--;
		else if (end - p >= 3 && strncmp(end - 3, "\xe2\x82\xac", 3) == 0)
			end -= 3;
		else if (end - p >= 3 && strncmp(end - 3, "EUR", 3) == 0)
			end -= 3;
		else
			break;
	}
	if (p == end)
		return "error.field.required";
	if (*p == '-' || *p == '+' || *p == '(')
		return *p == '+' ? "grant.err.amount_format" :
		    "grant.err.amount_negative";
	for (const char *q = p; q < end; q++)
		if (!isdigit((unsigned char)*q) && *q != '.' && *q != ',')
			return "grant.err.amount_format";
	/* The decimal separator: the last separator when both kinds occur,
	 * else a single separator not followed by exactly three digits. */
	{
		const char *lastdot = NULL, *lastcomma = NULL;
		int ndots = 0, ncommas = 0;

		for (const char *q = p; q < end; q++) {
			if (*q == '.') {
				lastdot = q;
				ndots++;
			} else if (*q == ',') {
				lastcomma = q;
				ncommas++;
			}
		}
		if (ndots && ncommas) {
			dec = lastdot > lastcomma ? lastdot : lastcomma;
			if ((*dec == '.' && ndots > 1) ||
			    (*dec == ',' && ncommas > 1))
				return "grant.err.amount_format";
			sep_group = *dec == '.' ? ',' : '.';
		} else if (ndots + ncommas == 1) {
			const char *q = lastdot ? lastdot : lastcomma;

			/* "12,345": a valid first group of thousands, or
			 * decimals? Refused; "0,345" and "1234,567" are
			 * decimals (and too many of them). */
			if (end - q - 1 == 3 && q - p >= 1 && q - p <= 3 &&
			    *p != '0')
				return "grant.err.amount_ambiguous";
			dec = q;
		} else if (ndots + ncommas > 1)
			sep_group = ndots ? '.' : ',';
	}
	/* The integer part, with grouping by threes when sep_group. */
	for (const char *q = p; q < (dec ? dec : end); q++) {
		if (*q == sep_group) {
			if ((ngroups == 0 && (group == 0 || group > 3)) ||
			    (ngroups > 0 && group != 3))
				return "grant.err.amount_format";
			ngroups++;
			group = 0;
			continue;
		}
		if (*q == '.' || *q == ',')
			return "grant.err.amount_format";
		if (nd >= sizeof(digits) - 1)
			return "grant.err.amount_range";
		digits[nd++] = *q;
		group++;
		seen_digit = 1;
	}
	if (ngroups > 0 && group != 3)
		return "grant.err.amount_format";
	if (!seen_digit)
		return "grant.err.amount_format";
	if (dec != NULL) {
		for (const char *q = dec + 1; q < end; q++) {
			if (!isdigit((unsigned char)*q))
				return "grant.err.amount_format";
			if (++nfrac > 2) {
				return "grant.err.amount_fraction";
			}
			frac = frac * 10 + (*q - '0');
		}
		if (nfrac == 0)
			return "grant.err.amount_format";
		if (nfrac == 1)
			frac *= 10;
	}
	for (i = 0; i < nd; i++) {
		if (v > (max / 100) + 1)
			return "grant.err.amount_range";
		v = v * 10 + (digits[i] - '0');
	}
	if (v > max / 100 || v * 100 + frac > max)
		return "grant.err.amount_range";
	*cents = v * 100 + frac;
	return NULL;
}

/* ---------------------------------------------------------------- donors */

struct donor_args {
	const struct donor_new	*n;
	const char		*start, *end;
	int64_t			 id;
};

static enum svc_rc
donor_tx(struct svc *s, void *arg)
{
	struct donor_args *a = arg;
	struct sp p[] = { sp_text(a->n->name), sp_text(a->n->kind),
		sp_text(svc_nz(a->n->country)), sp_text(a->n->programme),
		sp_text(a->start), sp_text(a->end), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_DONOR_INSERT, p, 8, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "programme",
			    "grant.err.donor_exists");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "grant.donor.create", "donor", a->id,
	    arena_printf(s->a, "kind=%s", a->n->kind));
}

enum svc_rc
grant_donor_create(struct svc *s, const struct donor_new *n, int64_t *id)
{
	struct donor_args a;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_GRANTS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&a, 0, sizeof(a));
	if ((rc = line(s, "name", n->name, GRANT_NAME_MAX, 1)) != SVC_OK ||
	    (rc = line(s, "country", n->country, 60, 0)) != SVC_OK ||
	    (rc = line(s, "programme", n->programme, GRANT_NAME_MAX, 1)) !=
	    SVC_OK)
		return rc;
	if (!svc_in_set(grant_donor_kinds, n->kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if ((rc = grant_day(s, "start", n->start, &a.start)) != SVC_OK ||
	    (rc = grant_day(s, "end", n->end, &a.end)) != SVC_OK)
		return rc;
	if (strcmp(a.end, a.start) < 0)
		return svc_fail(s, SVC_INVALID, "end", "grant.err.end_before");
	a.n = n;
	if ((rc = svc_tx(s, donor_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
donor_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct donor_info *d;

	if ((d = avec_next(l)) == NULL)
		return 1;
	d->id = srow_int(r, 0);
	d->name = cm_dup(l->a, r, 1);
	d->kind = cm_dup(l->a, r, 2);
	d->country = cm_dup(l->a, r, 3);
	d->programme = cm_dup(l->a, r, 4);
	d->start = cm_dup(l->a, r, 5);
	d->end = cm_dup(l->a, r, 6);
	d->grants = srow_int(r, 7);
	d->amount_cents = srow_int(r, 8);
	return 0;
}

enum svc_rc
grant_rows(struct svc *s, enum qid q, const struct sp *p, size_t np,
    store_cb cb, struct avec *l, size_t size)
{
	enum store_rc rc;

	avec_init(l, s->a, size, GRANT_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

static enum svc_rc
donors(struct svc *s, int64_t id, struct donor_info **out, size_t *n)
{
	struct sp p[] = { sp_int(id), sp_int(GRANT_LIST_MAX) };
	struct avec l;
	enum svc_rc rc;
	int64_t mine;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_GRANTS_READ, NULL)) {
		if (!authz_allows(s->actor, PERM_DONOR_READ, NULL))
			return svc_fail(s, SVC_DENIED, NULL, "error.denied");
		/* A donor's user: their own donor, whatever was asked. */
		mine = grant_actor_donor(s);
		if (mine <= 0 || (id != 0 && id != mine))
			return SVC_OK;
		p[0] = sp_int(mine);
	}
	if ((rc = grant_rows(s, Q_GR_DONORS, p, 2, donor_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
grant_donors(struct svc *s, struct donor_info **out, size_t *n)
{
	return donors(s, 0, out, n);
}

enum svc_rc
grant_donor_get(struct svc *s, int64_t id, struct donor_info **out)
{
	size_t n;
	enum svc_rc rc;

	if (id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((rc = donors(s, id, out, &n)) != SVC_OK)
		return rc;
	if (n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	return SVC_OK;
}

/* ---------------------------------------------------------------- grants */

struct agency_row {
	char	type[24], name[8];
	int	active, found;
};

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct agency_row *g = arg;

	snprintf(g->type, sizeof(g->type), "%s", srow_text(r, 0));
	g->active = (int)srow_int(r, 1);
	g->found = 1;
	return 1;
}

static int
text_cb(void *arg, const struct store_row *r)
{
	char *b = arg;

	snprintf(b, 16, "%s", srow_text(r, 0));
	return 1;
}

/* The actor may write grants covering municipality muni. */
static enum svc_rc
muni_ok(struct svc *s, int64_t muni)
{
	struct authz_obj o;
	struct sp p[] = { sp_int(muni) };
	char country[16] = "";
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_MUNI, p, 1, text_cb, country,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (*country == '\0')
		return svc_fail(s, SVC_INVALID, "municipalities",
		    "error.field.choice");
	memset(&o, 0, sizeof(o));
	o.municipality_id = muni;
	o.country = country;
	if (!authz_allows(s->actor, PERM_GRANTS_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "municipalities",
		    "grant.err.municipality");
	return SVC_OK;
}

struct grant_args {
	const struct grant_new	*n;
	int64_t			 cents, id;
	const char		*start, *end, **reports;
};

static enum svc_rc
grant_tx(struct svc *s, void *arg)
{
	struct grant_args *a = arg;
	const struct grant_new *n = a->n;
	struct sp p[] = { sp_int(n->donor_id), sp_int(n->grantee_id),
		sp_text(n->number), sp_text(n->title), sp_int(a->cents),
		sp_text(a->start), sp_text(a->end),
		sp_text(n->status && *n->status ? n->status : "active"),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;
	int64_t rid;
	size_t i;

	if ((rc = store_exec(s->st, Q_GR_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "number",
			    "grant.err.number_exists");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nservices; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(n->services[i]) };

		if ((rc = store_exec(s->st, Q_GR_SERVICE_ADD, q, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nmunicipalities; i++) {
		struct sp q[] = { sp_int(a->id), sp_int(n->municipalities[i]) };

		if ((rc = store_exec(s->st, Q_GR_MUNI_ADD, q, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nreports; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(a->reports[i]),
			sp_int(clock_now()) };

		if ((rc = store_exec(s->st, Q_GR_REPORT_ADD, q, 3, store_cb_int, &rid,
		    NULL)) != STORE_OK) {
			if (rc == STORE_CONFLICT)
				return svc_fail(s, SVC_INVALID, "reports",
				    "grant.err.report_exists");
			return cm_unavailable(s, rc);
		}
	}
	return cm_audit(s, "grant.create", "grant", a->id, arena_printf(s->a,
	    "donor=%lld grantee=%lld cents=%lld services=%zu"
	    " municipalities=%zu reports=%zu", (long long)n->donor_id,
	    (long long)n->grantee_id, (long long)a->cents, n->nservices,
	    n->nmunicipalities, n->nreports));
}

/*
 * The terms a grant's creation and its edit check alike (t->version
 * unused): title; amount (cents, not zero); the period, inside donor d's
 * programme (yyyy-mm-dd into *start, *end); services of provider_services;
 * municipalities the actor writes grants for.
 */
static enum svc_rc
terms(struct svc *s, const struct donor_info *d, const struct grant_edit *t,
    int64_t *cents, const char **start, const char **end)
{
	const char *msg;
	enum svc_rc rc;
	size_t i;

	if ((rc = line(s, "title", t->title, GRANT_NAME_MAX, 1)) != SVC_OK)
		return rc;
	if ((msg = grant_amount_parse(t->amount, GRANT_AMOUNT_MAX,
	    cents)) != NULL)
		return svc_fail(s, SVC_INVALID, "amount", msg);
	if (*cents == 0)
		return svc_fail(s, SVC_INVALID, "amount", "grant.err.amount_zero");
	if ((rc = grant_day(s, "start", t->start, start)) != SVC_OK ||
	    (rc = grant_day(s, "end", t->end, end)) != SVC_OK)
		return rc;
	if (strcmp(*end, *start) < 0)
		return svc_fail(s, SVC_INVALID, "end", "grant.err.end_before");
	if (strcmp(*start, d->start) < 0)
		return svc_fail(s, SVC_INVALID, "start",
		    "grant.err.outside_programme");
	if (strcmp(*end, d->end) > 0)
		return svc_fail(s, SVC_INVALID, "end",
		    "grant.err.outside_programme");
	if (t->nservices == 0)
		return svc_fail(s, SVC_INVALID, "services",
		    "grant.err.no_service");
	for (i = 0; i < t->nservices; i++)
		if (!svc_in_set(provider_services, t->services[i]))
			return svc_fail(s, SVC_INVALID, "services",
			    "error.field.choice");
	if (t->nmunicipalities == 0)
		return svc_fail(s, SVC_INVALID, "municipalities",
		    "grant.err.no_municipality");
	for (i = 0; i < t->nmunicipalities; i++)
		if ((rc = muni_ok(s, t->municipalities[i])) != SVC_OK)
			return rc;
	return SVC_OK;
}

enum svc_rc
grant_create(struct svc *s, const struct grant_new *n, int64_t *id)
{
	struct grant_edit t;
	struct grant_args a;
	struct donor_info *d;
	struct agency_row ag;
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;
	size_t i, j;

	if (!authz_allows(s->actor, PERM_GRANTS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&a, 0, sizeof(a));
	memset(&t, 0, sizeof(t));
	if (n->donor_id <= 0)
		return svc_fail(s, SVC_INVALID, "donor", "error.field.required");
	if ((rc = grant_donor_get(s, n->donor_id, &d)) != SVC_OK) {
		if (rc == SVC_NOTFOUND)
			return svc_fail(s, SVC_INVALID, "donor",
			    "error.field.choice");
		return rc;
	}
	if (n->grantee_id <= 0)
		return svc_fail(s, SVC_INVALID, "grantee",
		    "error.field.required");
	memset(&ag, 0, sizeof(ag));
	p[0] = sp_int(n->grantee_id);
	if ((src = store_exec(s->st, Q_GR_AGENCY, p, 1, agency_cb, &ag,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (!ag.found || !ag.active || strcmp(ag.type, "provider") != 0)
		return svc_fail(s, SVC_INVALID, "grantee",
		    "grant.err.grantee");
	if ((rc = line(s, "number", n->number, GRANT_CODE_MAX, 1)) != SVC_OK)
		return rc;
	if (n->status != NULL && *n->status &&
	    !svc_in_set(grant_statuses, n->status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	t.title = n->title;
	t.amount = n->amount;
	t.start = n->start;
	t.end = n->end;
	t.services = n->services;
	t.nservices = n->nservices;
	t.municipalities = n->municipalities;
	t.nmunicipalities = n->nmunicipalities;
	if ((rc = terms(s, d, &t, &a.cents, &a.start, &a.end)) != SVC_OK)
		return rc;
	if (n->nreports > 0 && (a.reports = arena_zalloc(s->a, n->nreports *
	    sizeof(*a.reports))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < n->nreports; i++) {
		if ((rc = grant_day(s, "reports", n->reports[i],
		    &a.reports[i])) != SVC_OK)
			return rc;
		if (strcmp(a.reports[i], a.start) < 0 ||
		    strcmp(a.reports[i], a.end) > 0)
			return svc_fail(s, SVC_INVALID, "reports",
			    "grant.err.report_outside");
		for (j = 0; j < i; j++)
			if (strcmp(a.reports[i], a.reports[j]) == 0)
				return svc_fail(s, SVC_INVALID, "reports",
				    "grant.err.report_exists");
	}
	a.n = n;
	if ((rc = svc_tx(s, grant_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
grant_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct grant_info *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->donor_id = srow_int(r, 1);
	g->donor = cm_dup(l->a, r, 2);
	g->grantee_id = srow_int(r, 3);
	g->grantee = cm_dup(l->a, r, 4);
	g->number = cm_dup(l->a, r, 5);
	g->title = cm_dup(l->a, r, 6);
	g->amount_cents = srow_int(r, 7);
	g->start = cm_dup(l->a, r, 8);
	g->end = cm_dup(l->a, r, 9);
	g->status = cm_dup(l->a, r, 10);
	g->services = cm_dup(l->a, r, 11);
	g->municipalities = cm_dup(l->a, r, 12);
	g->people = srow_int(r, 13);
	g->children = srow_int(r, 14);
	g->adults = srow_int(r, 15);
	g->cents_per_person = srow_int(r, 16);
	g->version = srow_int(r, 17);
	g->late = srow_int(r, 18);
	g->municipality_ids = cm_dup(l->a, r, 19);
	return 0;
}

/* The scope parameters of the actor: municipality (0: any), country
 * (NULL: any), the grantee's agency (0: not a grantee); *donor the donor
 * of a donor's user (0: not one). -1: sees none. */
static int
scope(struct svc *s, struct sp *p, int64_t *donor)
{
	int64_t m;

	*donor = 0;
	if (authz_allows(s->actor, PERM_GRANTS_READ, NULL)) {
		if ((m = authz_municipality_filter(s->actor)) < 0)
			return -1;
		p[0] = sp_int(m);
		p[1] = sp_text(authz_country_filter(s->actor));
		p[2] = sp_int(0);
		return 0;
	}
	if (authz_allows(s->actor, PERM_GRANT_REPORT, NULL) &&
	    s->actor->agency_id != 0) {
		p[0] = sp_int(0);
		p[1] = sp_null();
		p[2] = sp_int(s->actor->agency_id);
		return 0;
	}
	if (authz_allows(s->actor, PERM_DONOR_READ, NULL) &&
	    (*donor = grant_actor_donor(s)) > 0) {
		p[0] = sp_int(0);
		p[1] = sp_null();
		p[2] = sp_int(0);
		return 0;
	}
	return -1;
}

/* A count as a donor's user may see it: 1..4 suppressed. */
static int64_t
small(int64_t v)
{
	return v > 0 && v < 5 ? GRANT_SUPPRESSED : v;
}

/* The figures of g as a donor's user sees them (grant.h). */
static void
donor_figures(struct grant_info *g)
{
	g->people = small(g->people);
	g->children = small(g->children);
	g->adults = small(g->adults);
	/* children + adults = people: one hidden, the other follows. */
	if (g->people != GRANT_SUPPRESSED &&
	    (g->children == GRANT_SUPPRESSED) !=
	    (g->adults == GRANT_SUPPRESSED))
		g->children = g->adults = GRANT_SUPPRESSED;
	/* The amount is shown: the cost per person would give the people. */
	if (g->people == GRANT_SUPPRESSED)
		g->cents_per_person = GRANT_SUPPRESSED;
}

enum svc_rc
grant_list(struct svc *s, const struct grant_filter *f,
    struct grant_info **out, size_t *n)
{
	struct sp p[10];
	struct avec l;
	const char *on = NULL;
	int64_t donor;
	enum svc_rc rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_GRANTS_READ, NULL) &&
	    !authz_allows(s->actor, PERM_GRANT_REPORT, NULL) &&
	    !authz_allows(s->actor, PERM_DONOR_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (f != NULL && f->active_on != NULL && *f->active_on &&
	    (rc = grant_day(s, "active_on", f->active_on, &on)) != SVC_OK)
		return rc;
	if (scope(s, p, &donor) != 0)
		return SVC_OK;
	p[3] = sp_int(f ? f->donor : 0);
	p[4] = sp_int(f ? f->grantee : 0);
	p[5] = sp_int(f ? f->municipality : 0);
	p[6] = sp_text(on);
	p[7] = sp_int(GRANT_LIST_MAX);
	p[8] = sp_text(grant_today(s));
	p[9] = sp_int(donor);
	if ((rc = grant_rows(s, Q_GR_LIST, p, 10, grant_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	for (i = 0; donor > 0 && i < l.n; i++)
		donor_figures(&(*out)[i]);
	return SVC_OK;
}

enum svc_rc
grant_mine(struct svc *s, struct grant_info **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_GRANT_REPORT, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return grant_list(s, NULL, out, n);
}

/* The grant row, when visible to the actor. */
static enum svc_rc
grant_row(struct svc *s, int64_t id, struct grant_info **out)
{
	struct sp p[6];
	struct avec l;
	int64_t donor;
	enum svc_rc rc;

	*out = NULL;
	if (id <= 0 || scope(s, p + 1, &donor) != 0) {
		(void)audit_record_tx(s->st, s->actor, NULL, "grant.denied",
		    "grant", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	p[0] = sp_int(id);
	p[4] = sp_text(grant_today(s));
	p[5] = sp_int(donor);
	if ((rc = grant_rows(s, Q_GR_GET, p, 6, grant_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	if (l.n == 0) {
		(void)audit_record_tx(s->st, s->actor, NULL, "grant.denied",
		    "grant", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	*out = l.v;
	if (donor > 0)
		donor_figures(*out);
	return SVC_OK;
}

static int
category_cb(void *arg, const struct store_row *r)
{
	struct grant_full *f = arg;
	size_t i;

	for (i = 0; i < f->ncategories; i++)
		if (strcmp(f->categories[i].category, srow_text(r, 0)) == 0)
			f->categories[i].people = srow_int(r, 1);
	return 0;
}

static int
report_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct grant_report_info *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->due = cm_dup(l->a, r, 1);
	g->reported_at = srow_int(r, 2);
	g->late = (int)srow_int(r, 3);
	return 0;
}

static int
served_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct grant_served *b;

	if ((b = avec_next(l)) == NULL)
		return 1;
	b->id = srow_int(r, 0);
	b->code = cm_dup(l->a, r, 1);
	b->kind = cm_dup(l->a, r, 2);
	b->sex = cm_dup(l->a, r, 3);
	b->age_band = cm_dup(l->a, r, 4);
	b->birth_year = srow_int(r, 5);
	b->categories = cm_dup(l->a, r, 6);
	b->deliveries = srow_int(r, 7);
	b->last = cm_dup(l->a, r, 8);
	b->services = cm_dup(l->a, r, 9);
	return 0;
}

enum svc_rc
grant_get(struct svc *s, int64_t id, struct grant_full **out)
{
	struct grant_full *f;
	struct grant_info *g;
	struct sp p[2];
	struct avec l;
	enum store_rc src;
	enum svc_rc rc;
	size_t i;

	*out = NULL;
	if ((rc = grant_row(s, id, &g)) != SVC_OK)
		return rc;
	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->g = *g;
	for (i = 0; grant_categories[i] != NULL; i++)
		;
	if ((f->categories = arena_zalloc(s->a, i *
	    sizeof(*f->categories))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->ncategories = i;
	for (i = 0; i < f->ncategories; i++)
		f->categories[i].category = grant_categories[i];
	p[0] = sp_int(id);
	if ((src = store_exec(s->st, Q_GR_CATEGORIES, p, 1, category_cb, f,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	p[1] = sp_text(grant_today(s));
	if ((rc = grant_rows(s, Q_GR_REPORTS, p, 2, report_cb, &l,
	    sizeof(*f->reports))) != SVC_OK)
		return rc;
	f->reports = l.v;
	f->nreports = l.n;
	if (authz_allows(s->actor, PERM_DONOR_READ, NULL))
		for (i = 0; i < f->ncategories; i++)
			f->categories[i].people = small(f->categories[i].people);
	/* Person by person (codes, sex, age, categories) only for the
	 * grantee and the municipality's readers: a central analyst and a
	 * donor's user see aggregates only (DOMAIN.md §2). */
	if (s->actor->scope == SCOPE_AGGREGATE ||
	    authz_allows(s->actor, PERM_DONOR_READ, NULL)) {
		*out = f;
		return SVC_OK;
	}
	p[1] = sp_int(GRANT_LIST_MAX);
	if ((rc = grant_rows(s, Q_GR_SERVED, p, 2, served_cb, &l,
	    sizeof(*f->served))) != SVC_OK)
		return rc;
	f->served = l.v;
	f->nserved = l.n;
	*out = f;
	return SVC_OK;
}

/* A grant the actor may write: a reader's in scope with PERM_GRANTS_WRITE,
 * or (grantee) the grantee's own. */
static enum svc_rc
grant_for(struct svc *s, int64_t id, enum perm perm, struct grant_info **g)
{
	if (!authz_allows(s->actor, perm, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return grant_row(s, id, g);
}

struct last_change {
	struct arena	*a;
	const char	*who;
	int64_t		 at;
};

static int
last_change_cb(void *arg, const struct store_row *r)
{
	struct last_change *lc = arg;

	lc->who = cm_dup(lc->a, r, 0);
	lc->at = srow_int(r, 1);
	return 1;
}

enum svc_rc
grant_last_change(struct svc *s, int64_t id, const char **who, int64_t *at)
{
	struct grant_info *g;
	struct last_change lc = { s->a, NULL, 0 };
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;

	if ((rc = grant_for(s, id, PERM_GRANTS_READ, &g)) != SVC_OK)
		return rc;
	p[0] = sp_int(id);
	if ((src = store_exec(s->st, Q_GR_LAST_CHANGE, p, 1, last_change_cb,
	    &lc, NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (lc.who == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*who = lc.who;
	*at = lc.at;
	return SVC_OK;
}

struct report_args {
	int64_t		 grant, id;
	const char	*due;
};

static enum svc_rc
report_add_tx(struct svc *s, void *arg)
{
	struct report_args *a = arg;
	struct sp p[] = { sp_int(a->grant), sp_text(a->due),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_REPORT_ADD, p, 3, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_INVALID, "date",
			    "grant.err.report_exists");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "grant.report_date.add", "grant", a->grant,
	    arena_printf(s->a, "report=%lld", (long long)a->id));
}

enum svc_rc
grant_report_date_add(struct svc *s, int64_t id, const char *due)
{
	struct grant_info *g;
	struct report_args a;
	enum svc_rc rc;

	if ((rc = grant_for(s, id, PERM_GRANTS_WRITE, &g)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if ((rc = grant_day(s, "date", due, &a.due)) != SVC_OK)
		return rc;
	if (strcmp(a.due, g->start) < 0 || strcmp(a.due, g->end) > 0)
		return svc_fail(s, SVC_INVALID, "date",
		    "grant.err.report_outside");
	a.grant = id;
	return svc_tx(s, report_add_tx, &a);
}

struct submit_args {
	int64_t	grant, report;
};

static enum svc_rc
submit_tx(struct svc *s, void *arg)
{
	struct submit_args *a = arg;
	struct sp p[] = { sp_int(a->report), sp_int(a->grant),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_REPORT_DONE, p, 4, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "grant.err.report_done");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "grant.report.submit", "grant", a->grant,
	    arena_printf(s->a, "report=%lld", (long long)a->report));
}

enum svc_rc
grant_report_submit(struct svc *s, int64_t id, int64_t report)
{
	struct grant_info *g;
	struct submit_args a;
	enum svc_rc rc;

	if ((rc = grant_for(s, id, PERM_GRANT_REPORT, &g)) != SVC_OK)
		return rc;
	if (report <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	a.grant = id;
	a.report = report;
	return svc_tx(s, submit_tx, &a);
}

/* ---------------------------------------------------------------- status */

struct status_args {
	const struct grant_info	*g;
	int64_t			 version;
	const char		*to, *reason;
};

static enum svc_rc
status_tx(struct svc *s, void *arg)
{
	struct status_args *a = arg;
	struct sp p[] = { sp_int(a->g->id), sp_text(a->to),
		sp_int(a->version), sp_text(a->g->status) };
	struct sp q[] = { sp_int(a->g->id), sp_text(a->g->status),
		sp_text(a->to), sp_text(a->reason), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;
	int64_t v = 0;

	rc = store_exec(s->st, Q_GR_STATUS, p, 4, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "grant.err.conflict");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((rc = store_exec(s->st, Q_GR_STATUS_LOG, q, 6, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "grant.status", "grant", a->g->id, arena_printf(s->a,
	    "from=%s to=%s", a->g->status, a->to));
}

enum svc_rc
grant_status_set(struct svc *s, int64_t id, int64_t version,
    const char *status, const char *reason)
{
	struct grant_info *g;
	struct status_args a;
	enum svc_rc rc;

	if ((rc = grant_for(s, id, PERM_GRANTS_WRITE, &g)) != SVC_OK)
		return rc;
	if (!svc_in_set(grant_statuses, status))
		return svc_fail(s, SVC_INVALID, "status", cm_filled(status) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = cm_text(s, "reason", reason, GRANT_REASON_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if (g->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "grant.err.conflict");
	if (strcmp(g->status, "closed") == 0 || strcmp(g->status, status) == 0)
		return svc_fail(s, SVC_INVALID, "status",
		    "grant.err.transition");
	memset(&a, 0, sizeof(a));
	a.g = g;
	a.version = version;
	a.to = status;
	a.reason = reason;
	return svc_tx(s, status_tx, &a);
}

/* ---------------------------------------------------------------- edits */

struct update_args {
	const struct grant_info	*g;
	const struct grant_edit	*e;
	int64_t			 cents;
	const char		*start, *end;
};

static enum svc_rc
update_tx(struct svc *s, void *arg)
{
	struct update_args *a = arg;
	const struct grant_edit *e = a->e;
	struct sp p[] = { sp_int(a->g->id), sp_int(e->version),
		sp_text(e->title), sp_int(a->cents), sp_text(a->start),
		sp_text(a->end) };
	struct sp q[2];
	enum store_rc rc;
	int64_t v = 0;
	size_t i;

	rc = store_exec(s->st, Q_GR_UPDATE, p, 6, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "grant.err.conflict");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	q[0] = sp_int(a->g->id);
	/* The services with deliveries stay (checked: all of them are in
	 * the new list); the others go and the new list is added. */
	if ((rc = store_exec(s->st, Q_GR_SERVICES_TRIM, q, 1, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_GR_MUNIS_CLEAR, q, 1, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	for (i = 0; i < e->nservices; i++) {
		q[1] = sp_text(e->services[i]);
		if ((rc = store_exec(s->st, Q_GR_SERVICE_ADD, q, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	for (i = 0; i < e->nmunicipalities; i++) {
		q[1] = sp_int(e->municipalities[i]);
		if ((rc = store_exec(s->st, Q_GR_MUNI_ADD, q, 2, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, "grant.update", "grant", a->g->id, arena_printf(s->a,
	    "version=%lld cents=%lld services=%zu municipalities=%zu",
	    (long long)v, (long long)a->cents, e->nservices,
	    e->nmunicipalities));
}

struct delivered {
	const struct grant_edit	*e;
	const char		*start, *end;
	const char		*missing;	/* a delivered service left out */
	int			 outside_start, outside_end;
};

static int
delivered_cb(void *arg, const struct store_row *r)
{
	struct delivered *d = arg;
	const char *svc = srow_text(r, 0);
	size_t i;

	for (i = 0; i < d->e->nservices; i++)
		if (strcmp(d->e->services[i], svc) == 0)
			break;
	if (i == d->e->nservices)
		d->missing = svc;
	if (strcmp(srow_text(r, 1), d->start) < 0)
		d->outside_start = 1;
	if (strcmp(srow_text(r, 2), d->end) > 0)
		d->outside_end = 1;
	return 0;
}

enum svc_rc
grant_update(struct svc *s, int64_t id, const struct grant_edit *e)
{
	struct update_args a;
	struct delivered dl;
	struct grant_info *g;
	struct donor_info *d;
	struct avec l;
	struct sp p[2];
	enum store_rc src;
	enum svc_rc rc;
	size_t i;

	if ((rc = grant_for(s, id, PERM_GRANTS_WRITE, &g)) != SVC_OK)
		return rc;
	if (g->version != e->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "grant.err.conflict");
	if (strcmp(g->status, "closed") == 0)
		return svc_fail(s, SVC_INVALID, NULL, "grant.err.closed");
	if ((rc = grant_donor_get(s, g->donor_id, &d)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if ((rc = terms(s, d, e, &a.cents, &a.start, &a.end)) != SVC_OK)
		return rc;
	/* The reporting dates and the deliveries stay inside the period. */
	p[0] = sp_int(id);
	p[1] = sp_text(grant_today(s));
	if ((rc = grant_rows(s, Q_GR_REPORTS, p, 2, report_cb, &l,
	    sizeof(struct grant_report_info))) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++) {
		const char *due = ((struct grant_report_info *)l.v)[i].due;

		if (strcmp(due, a.start) < 0)
			return svc_fail(s, SVC_INVALID, "start",
			    "grant.err.reports_outside");
		if (strcmp(due, a.end) > 0)
			return svc_fail(s, SVC_INVALID, "end",
			    "grant.err.reports_outside");
	}
	memset(&dl, 0, sizeof(dl));
	dl.e = e;
	dl.start = a.start;
	dl.end = a.end;
	if ((src = store_exec(s->st, Q_GR_DELIVERED, p, 1, delivered_cb, &dl,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (dl.outside_start || dl.outside_end)
		return svc_fail(s, SVC_INVALID, dl.outside_start ? "start" :
		    "end", "grant.err.deliveries_outside");
	if (dl.missing != NULL)
		return svc_fail(s, SVC_INVALID, "services",
		    "grant.err.service_delivered");
	a.g = g;
	a.e = e;
	return svc_tx(s, update_tx, &a);
}

struct remove_args {
	int64_t		 grant, report;
	const char	*due, *reason;
};

static enum svc_rc
remove_tx(struct svc *s, void *arg)
{
	struct remove_args *a = arg;
	struct sp p[] = { sp_int(a->report), sp_int(a->grant) };
	struct sp q[] = { sp_int(a->grant), sp_int(a->report), sp_text(a->due),
		sp_text(a->reason), sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	rc = store_exec(s->st, Q_GR_REPORT_REMOVE, p, 2, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL,
		    "grant.err.report_has_report");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((rc = store_exec(s->st, Q_GR_REPORT_REMOVAL_LOG, q, 6, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "grant.report_date.remove", "grant", a->grant,
	    arena_printf(s->a, "report=%lld", (long long)a->report));
}

enum svc_rc
grant_report_date_remove(struct svc *s, int64_t id, int64_t report,
    const char *reason)
{
	struct grant_report_info *ri = NULL;
	struct remove_args a;
	struct grant_info *g;
	struct avec l;
	struct sp p[2];
	enum svc_rc rc;
	size_t i;

	if ((rc = grant_for(s, id, PERM_GRANTS_WRITE, &g)) != SVC_OK)
		return rc;
	p[0] = sp_int(id);
	p[1] = sp_text(grant_today(s));
	if ((rc = grant_rows(s, Q_GR_REPORTS, p, 2, report_cb, &l,
	    sizeof(*ri))) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++)
		if (((struct grant_report_info *)l.v)[i].id == report)
			ri = (struct grant_report_info *)l.v + i;
	if (ri == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (ri->reported_at != 0)
		return svc_fail(s, SVC_INVALID, NULL,
		    "grant.err.report_has_report");
	if ((rc = cm_text(s, "reason", reason, GRANT_REASON_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	a.grant = id;
	a.report = report;
	a.due = ri->due;
	a.reason = reason;
	return svc_tx(s, remove_tx, &a);
}

/* ---------------------------------------------------------------- donors' users */

int64_t
grant_actor_donor(struct svc *s)
{
	struct sp p[1];
	int64_t d = 0;

	if (s->actor == NULL || s->actor->role != ROLE_DONOR)
		return 0;
	p[0] = sp_int(s->actor->id);
	if (store_exec(s->st, Q_GR_USER_DONOR, p, 1, store_cb_int, &d, NULL) !=
	    STORE_OK)
		return 0;
	return d;
}

enum svc_rc
grant_donor_mine(struct svc *s, struct donor_info **out)
{
	*out = NULL;
	if (!authz_allows(s->actor, PERM_DONOR_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return grant_donor_get(s, grant_actor_donor(s), out);
}

int
grant_donor_sees_project(struct svc *s, int64_t project)
{
	struct sp p[2];
	int64_t d, found = 0;

	if (!authz_allows(s->actor, PERM_DONOR_READ, NULL) ||
	    (d = grant_actor_donor(s)) <= 0)
		return 0;
	p[0] = sp_int(project);
	p[1] = sp_int(d);
	if (store_exec(s->st, Q_GR_DONOR_PROJECT, p, 2, store_cb_int, &found,
	    NULL) != STORE_OK)
		return 0;
	return found != 0;
}

enum svc_rc
grant_user_donor_in_tx(struct svc *s, int64_t user, int64_t donor)
{
	struct sp p[] = { sp_int(user), sp_int(donor) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_USER_DONOR_SET, p, 2, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND || rc == STORE_CONFLICT)
			return svc_fail(s, SVC_INVALID, "donor",
			    "error.field.choice");
		return cm_unavailable(s, rc);
	}
	return SVC_OK;
}

/* ---------------------------------------------------------------- scan */

struct due_report {
	int64_t		 id, grant, grantee;
};

static int
due_report_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct due_report *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->grant = srow_int(r, 1);
	v->grantee = srow_int(r, 2);
	return 0;
}

static int
admin_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	int64_t *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	*v = srow_int(r, 0);
	return 0;
}

static enum svc_rc
report_due_tx(struct svc *s, void *arg)
{
	const struct due_report *o = arg;
	struct sp p[] = { sp_int(o->grant) };
	struct avec l;
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	if ((src = notify_agency_in_tx(s, o->grantee, ROLE_PROVIDER_USER, 1,
	    "grant_report_due", "grant_report", o->id, arena_printf(s->a,
	    "/my-grants/%lld", (long long)o->grant))) != SVC_OK)
		return src;
	avec_init(&l, s->a, sizeof(int64_t), GRANT_LIST_MAX);
	if ((rc = store_exec(s->st, Q_GR_MUNI_ADMINS, p, 1, admin_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	for (i = 0; i < l.n; i++)
		if ((src = notify_once_in_tx(s, ((int64_t *)l.v)[i],
		    "grant_report_due", "grant_report", o->id,
		    arena_printf(s->a, "/grants/%lld", (long long)o->grant))) !=
		    SVC_OK)
			return src;
	return cm_audit(s, "grant.report.due", "grant", o->grant,
	    arena_printf(s->a, "report=%lld", (long long)o->id));
}

enum svc_rc
grant_scan(struct svc *s, int64_t now)
{
	struct sp p[2];
	struct avec l;
	enum store_rc rc;
	enum svc_rc src, first = SVC_OK;
	int32_t d;
	char ymd[16];
	size_t i;

	if (cal_date_of(now, &d) != CAL_OK)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	cal_date_format(d, ymd, sizeof(ymd));
	p[0] = sp_text(ymd);
	p[1] = sp_int(GRANT_LIST_MAX);
	avec_init(&l, s->a, sizeof(struct due_report), GRANT_LIST_MAX);
	if ((rc = store_exec(s->st, Q_GR_REPORTS_DUE, p, 2, due_report_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	for (i = 0; i < l.n; i++)
		if ((src = svc_tx(s, report_due_tx,
		    (struct due_report *)l.v + i)) != SVC_OK &&
		    first == SVC_OK)
			first = src;
	return first;
}

/* ---------------------------------------------------------------- beneficiaries */

/* A code, not a name: [A-Za-z0-9._/-], at least one digit. */
static int
code_ok(const char *c)
{
	int digit = 0;

	for (; *c; c++) {
		if (isdigit((unsigned char)*c))
			digit = 1;
		else if (!isalpha((unsigned char)*c) && !strchr("._/-", *c))
			return 0;
	}
	return digit;
}

struct ben_args {
	const struct beneficiary_new	*n;
	int64_t				 grantee, id;
};

static enum svc_rc
ben_tx(struct svc *s, void *arg)
{
	struct ben_args *a = arg;
	const struct beneficiary_new *n = a->n;
	struct sp p[] = { sp_int(a->grantee), sp_text(n->code),
		sp_text(n->kind), sp_text(n->sex),
		sp_text(n->age_band && *n->age_band ? n->age_band : NULL),
		n->birth_year ? sp_int(n->birth_year) : sp_null(),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;
	size_t i;

	if ((rc = store_exec(s->st, Q_GR_BEN_INSERT, p, 8, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "code",
			    "grant.err.beneficiary_exists");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->ncategories; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(n->categories[i]) };

		if ((rc = store_exec(s->st, Q_GR_BEN_CATEGORY_ADD, q, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, "grant.beneficiary.add", "grant_beneficiary", a->id,
	    arena_printf(s->a, "kind=%s categories=%zu", n->kind,
	    n->ncategories));
}

enum svc_rc
grant_beneficiary_add(struct svc *s, int64_t id,
    const struct beneficiary_new *n, int64_t *ben_id)
{
	struct grant_info *g;
	struct ben_args a;
	enum svc_rc rc;
	int year, child, age;
	size_t i;

	if ((rc = grant_for(s, id, PERM_GRANT_REPORT, &g)) != SVC_OK)
		return rc;
	if ((rc = line(s, "code", n->code, GRANT_CODE_MAX, 1)) != SVC_OK)
		return rc;
	if (!code_ok(n->code))
		return svc_fail(s, SVC_INVALID, "code", "grant.err.code");
	if (!svc_in_set(grant_kinds, n->kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (!svc_in_set((const char *const[]){ "f", "m", "u", NULL }, n->sex))
		return svc_fail(s, SVC_INVALID, "sex", "error.field.choice");
	child = strcmp(n->kind, "child") == 0;
	if (n->age_band != NULL && *n->age_band) {
		if (!svc_in_set(grant_age_bands, n->age_band))
			return svc_fail(s, SVC_INVALID, "age_band",
			    "error.field.choice");
		/* The first four bands are children's. */
		if (child != (strcmp(n->age_band, "18_64") != 0 &&
		    strcmp(n->age_band, "65_plus") != 0))
			return svc_fail(s, SVC_INVALID, "age_band",
			    "grant.err.band_kind");
	} else if (n->birth_year == 0)
		return svc_fail(s, SVC_INVALID, "age_band",
		    "grant.err.age_required");
	if (n->birth_year != 0) {
		year = atoi(grant_today(s));
		age = year - (int)n->birth_year;
		if (n->birth_year < 1900 || age < 0)
			return svc_fail(s, SVC_INVALID, "birth_year",
			    "error.field.range");
		if ((child && age > 18) || (!child && age < 17))
			return svc_fail(s, SVC_INVALID, "birth_year",
			    "grant.err.band_kind");
	}
	for (i = 0; i < n->ncategories; i++) {
		if (!svc_in_set(grant_categories, n->categories[i]))
			return svc_fail(s, SVC_INVALID, "categories",
			    "error.field.choice");
		if (child && strcmp(n->categories[i], "elderly") == 0)
			return svc_fail(s, SVC_INVALID, "categories",
			    "grant.err.elderly_child");
	}
	memset(&a, 0, sizeof(a));
	a.n = n;
	a.grantee = g->grantee_id;
	if ((rc = svc_tx(s, ben_tx, &a)) != SVC_OK)
		return rc;
	if (ben_id != NULL)
		*ben_id = a.id;
	return SVC_OK;
}

struct delivery_args {
	int64_t		 grant, ben, id;
	const char	*service, *date;
};

static enum svc_rc
delivery_tx(struct svc *s, void *arg)
{
	struct delivery_args *a = arg;
	struct sp p[] = { sp_int(a->grant), sp_text(a->service),
		sp_int(a->ben), sp_text(a->date), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_GR_DELIVERY_INSERT, p, 6, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "grant.delivery.add", "grant", a->grant,
	    arena_printf(s->a, "delivery=%lld beneficiary=%lld service=%s",
	    (long long)a->id, (long long)a->ben, a->service));
}

enum svc_rc
grant_delivery_add(struct svc *s, int64_t id, const char *date,
    const char *service, const char *code, int64_t *out)
{
	struct grant_info *g;
	struct delivery_args a;
	struct sp p[2];
	enum store_rc src;
	enum svc_rc rc;
	int64_t funded = 0;

	if ((rc = grant_for(s, id, PERM_GRANT_REPORT, &g)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if (strcmp(g->status, "active") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "grant.err.not_active");
	if ((rc = grant_day(s, "date", date, &a.date)) != SVC_OK)
		return rc;
	if (strcmp(a.date, g->start) < 0 || strcmp(a.date, g->end) > 0)
		return svc_fail(s, SVC_INVALID, "date",
		    "grant.err.delivery_outside");
	if (strcmp(a.date, grant_today(s)) > 0)
		return svc_fail(s, SVC_INVALID, "date", "grant.err.future");
	if (service == NULL || *service == '\0')
		return svc_fail(s, SVC_INVALID, "service",
		    "error.field.required");
	p[0] = sp_int(id);
	p[1] = sp_text(service);
	if ((src = store_exec(s->st, Q_GR_FUNDS, p, 2, store_cb_int, &funded,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (!funded)
		return svc_fail(s, SVC_INVALID, "service",
		    "grant.err.not_funded");
	if ((rc = line(s, "beneficiary", code, GRANT_CODE_MAX, 1)) != SVC_OK)
		return rc;
	p[0] = sp_int(g->grantee_id);
	p[1] = sp_text(code);
	if ((src = store_exec(s->st, Q_GR_BEN_BY_CODE, p, 2, store_cb_int, &a.ben,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (a.ben == 0)
		return svc_fail(s, SVC_INVALID, "beneficiary",
		    "grant.err.beneficiary_unknown");
	a.grant = id;
	a.service = service;
	if ((rc = svc_tx(s, delivery_tx, &a)) != SVC_OK)
		return rc;
	if (out != NULL)
		*out = a.id;
	return SVC_OK;
}
