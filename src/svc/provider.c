/*
 * provider.c — the provider registry (svc layer): provider profiles,
 * licences with their services and municipalities, renewal reminders, the
 * minimum standards per country and inspections against them. See
 * provider.h. Each write: rules first, then one transaction with its audit
 * row (ids and codes only). Reads are limited in SQL to what the actor
 * sees (Q_PV_PROVIDERS with the actor's country, agency and
 * municipality); a provider outside it is SVC_NOTFOUND and the attempt is
 * audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "agency.h"
#include "consent.h"
#include "notify.h"
#include "provider.h"
#include "reference.h"

/* Checklist: the CHECK of licence_service in 0011_provider.sql, the
 * provider.service.* labels in po/, the route field sets and the referral
 * migration's own set. */
const char *const provider_services[] = {
	"shelter",
	"day_care",
	"residential_care",
	"foster_care",
	"psychosocial_counselling",
	"family_support",
	"legal_aid",
	"disability_rehabilitation",
	"reintegration",
	"parenting_programme",
	"street_outreach",
	"helpline",
	NULL
};
const char *const licence_statuses[] = { "active", "suspended", "expired",
	"revoked", NULL };
const char *const provider_legal_forms[] = { "ngo", "public", "private",
	NULL };
const char *const inspection_ratings[] = { "met", "partly", "not_met",
	NULL };

#define STANDARDS_ACTIVE_MAX	28	/* rated on one form */



/* Plain text of field: no markup, within max characters. */
static enum svc_rc
plain(struct svc *s, const char *field, const char *v, size_t max,
    int required, int multi)
{
	enum svc_rc rc;

	if ((rc = cm_text(s, field, v, max, required, multi)) != SVC_OK)
		return rc;
	if (strpbrk(svc_nz(v), "<>") != NULL)
		return svc_fail(s, SVC_INVALID, field, "provider.err.markup");
	return SVC_OK;
}

/* A day of field (dd.mm.yyyy or yyyy-mm-dd), required. */
static enum svc_rc
day(struct svc *s, const char *field, const char *v, int32_t *d)
{
	int64_t t;

	if (!cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	return SVC_OK;
}

static int32_t
today(void)
{
	int32_t d = 0;

	(void)cal_date_of(clock_now(), &d);
	return d;
}

static const char *
ymd(struct svc *s, int32_t d)
{
	return cm_ymd(s->a, d);
}

/* Runs a list query into a fresh avec of elements of size. */
static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np, store_cb cb,
    struct avec *l, size_t size, size_t cap)
{
	enum store_rc rc;

	avec_init(l, s->a, size, cap);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* ------------------------------------------------------------- providers */

struct plist {
	struct avec	 v;
	int64_t		 total;
};

static int
provider_cb(void *arg, const struct store_row *r)
{
	struct plist *l = arg;
	struct provider_info *p;
	struct arena *a = l->v.a;

	if ((p = avec_next(&l->v)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->code = cm_dup(a, r, 1);
	p->name = cm_dup(a, r, 2);
	p->municipality_id = srow_int(r, 3);
	p->municipality_sq = cm_dup(a, r, 4);
	p->municipality_sr = cm_dup(a, r, 5);
	p->country = cm_dup(a, r, 6);
	p->active = (int)srow_int(r, 7);
	p->legal_form = cm_dup(a, r, 8);
	p->registration_no = cm_dup(a, r, 9);
	p->address = cm_dup(a, r, 10);
	p->phone = cm_dup(a, r, 11);
	p->email = cm_dup(a, r, 12);
	p->description = cm_dup(a, r, 13);
	p->version = srow_int(r, 14);
	p->licences_in_force = srow_int(r, 15);
	p->services = cm_dup(a, r, 16);
	if (srow_cols(r) > 17)
		l->total = srow_int(r, 17);
	return 0;
}

/*
 * The scope parameters of Q_PV_PROVIDERS for the actor: country, own
 * agency (a provider's user), municipality (a municipal administrator).
 * -1 when the actor sees no provider; SVC_DENIED without the permission.
 */
static int
view_scope(struct svc *s, const char **country, int64_t *own, int64_t *muni)
{
	const struct actor *a = s->actor;

	*country = authz_country_filter(a);
	*own = 0;
	*muni = 0;
	if (a->role == ROLE_PROVIDER_USER) {
		if (a->agency_id == 0)
			return -1;
		*own = a->agency_id;
	}
	if (a->role == ROLE_MUNICIPAL_ADMIN &&
	    (*muni = authz_municipality_filter(a)) < 0)
		return -1;
	return 0;
}

enum svc_rc
provider_list(struct svc *s, const struct provider_filter *f,
    struct provider_info **out, size_t *n, int64_t *total)
{
	struct plist l;
	struct sp p[9];
	const char *country;
	int64_t own, muni, page;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (!authz_allows(s->actor, PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (f->service != NULL && f->service[0] != '\0' &&
	    !svc_in_set(provider_services, f->service))
		return svc_fail(s, SVC_INVALID, "service", "error.field.choice");
	if (f->status != NULL && f->status[0] != '\0' &&
	    !svc_in_set(licence_statuses, f->status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	page = f->page < 1 ? 1 : f->page;
	if (page > 100000)
		return svc_fail(s, SVC_INVALID, "page", "error.field.range");
	if (view_scope(s, &country, &own, &muni) != 0)
		return SVC_OK;
	p[0] = sp_text(country);
	p[1] = sp_int(own);
	p[2] = sp_int(muni);
	p[3] = sp_text(f->service && f->service[0] ? f->service : NULL);
	p[4] = sp_int(f->municipality_id);
	p[5] = sp_text(f->status && f->status[0] ? f->status : NULL);
	p[6] = sp_text(ymd(s, today()));
	p[7] = sp_int(PROVIDER_PAGE);
	p[8] = sp_int((page - 1) * PROVIDER_PAGE);
	memset(&l, 0, sizeof(l));
	avec_init(&l.v, s->a, sizeof(**out), PROVIDER_PAGE);
	if ((rc = store_exec(s->st, Q_PV_PROVIDERS, p, 9, provider_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.v.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v.v;
	*n = l.v.n;
	*total = l.total;
	return SVC_OK;
}

/* Provider id when the actor sees it; else SVC_NOTFOUND, audited (in its
 * own transaction) when the provider exists. */
static enum svc_rc
fetch_visible(struct svc *s, int64_t id, struct provider_info **out)
{
	struct plist l;
	struct sp p[9];
	const char *country;
	int64_t own, muni;
	enum store_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	memset(&l, 0, sizeof(l));
	avec_init(&l.v, s->a, sizeof(**out), 1);
	if (view_scope(s, &country, &own, &muni) == 0 &&
	    (own == 0 || own == id)) {
		p[0] = sp_text(country);
		p[1] = sp_int(id);
		p[2] = sp_int(muni);
		p[3] = sp_null();
		p[4] = sp_int(0);
		p[5] = sp_null();
		p[6] = sp_text(ymd(s, today()));
		p[7] = sp_int(1);
		p[8] = sp_int(0);
		if ((rc = store_exec(s->st, Q_PV_PROVIDERS, p, 9, provider_cb,
		    &l, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (l.v.n == 1) {
		*out = l.v.v;
		return SVC_OK;
	}
	/* Is there such a provider at all? Only then is it worth a row. */
	p[0] = sp_int(id);
	p[1] = sp_text(ymd(s, today()));
	avec_init(&l.v, s->a, sizeof(**out), 1);
	if (store_exec(s->st, Q_PV_PROVIDER_GET, p, 2, provider_cb, &l,
	    NULL) == STORE_OK && l.v.n == 1)
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "provider.read.denied", "agency", id, "");
	return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
}

enum svc_rc
provider_get(struct svc *s, int64_t id, struct provider_info **out)
{
	return fetch_visible(s, id, out);
}

int
provider_may_write(struct svc *s, const struct provider_info *p)
{
	struct authz_obj o;

	memset(&o, 0, sizeof(o));
	o.municipality_id = p->municipality_id;
	o.agency_id = p->id;
	o.country = p->country[0] ? p->country : NULL;
	return authz_allows(s->actor, PERM_PROVIDERS_WRITE, &o);
}

/* Provider id for a write: visible (else SVC_NOTFOUND) and writable (else
 * SVC_DENIED). */
static enum svc_rc
fetch_writable(struct svc *s, int64_t id, struct provider_info **out)
{
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = fetch_visible(s, id, out)) != SVC_OK)
		return rc;
	if (!provider_may_write(s, *out))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

struct profile_args {
	int64_t				 id, version;
	const struct provider_profile	*p;
};

static enum svc_rc
profile_tx(struct svc *s, void *arg)
{
	struct profile_args *a = arg;
	const struct provider_profile *pp = a->p;
	struct sp p[] = { sp_int(a->id), sp_text(pp->legal_form),
		sp_text(svc_nz(pp->registration_no)), sp_text(svc_nz(pp->address)),
		sp_text(svc_nz(pp->phone)), sp_text(svc_nz(pp->email)),
		sp_text(svc_nz(pp->description)), sp_id(s->actor->id),
		sp_int(clock_now()), sp_int(a->version) };
	enum store_rc rc;

	rc = store_exec(s->st, a->version == 0 ? Q_PV_PROFILE_INSERT :
	    Q_PV_PROFILE_UPDATE, p, a->version == 0 ? 9 : 10, NULL, NULL, NULL);
	if (rc == STORE_CONFLICT || rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.conflict");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "provider.profile", "agency", a->id,
	    arena_printf(s->a, "form=%s", pp->legal_form));
}

/* An e-mail address: one @ with text either side, no spaces. */
static int
email_ok(const char *e)
{
	const char *at;

	if (e == NULL || e[0] == '\0')
		return 1;
	if ((at = strchr(e, '@')) == NULL || at == e || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strchr(at + 1, '.') == NULL)
		return 0;
	return strpbrk(e, " \t,;\"'") == NULL;
}

/* A telephone number: digits, spaces and + ( ) - /, at least 6 digits. */
static int
phone_ok(const char *t)
{
	int digits = 0;

	if (t == NULL || t[0] == '\0')
		return 1;
	for (; *t; t++) {
		if (*t >= '0' && *t <= '9')
			digits++;
		else if (strchr(" +()-/", *t) == NULL)
			return 0;
	}
	return digits >= 6;
}

/* The rules of a provider's profile (the form's and the import's). */
static enum svc_rc
profile_check(struct svc *s, const struct provider_profile *pp)
{
	enum svc_rc rc;

	if (!svc_in_set(provider_legal_forms, pp->legal_form))
		return svc_fail(s, SVC_INVALID, "legal_form",
		    cm_filled(pp->legal_form) ? "error.field.choice" :
		    "error.field.required");
	if ((rc = plain(s, "registration_no", pp->registration_no, 40, 0,
	    0)) != SVC_OK ||
	    (rc = plain(s, "address", pp->address, PROVIDER_TEXT_MAX, 0,
	    0)) != SVC_OK ||
	    (rc = plain(s, "contact_phone", pp->phone, 40, 0, 0)) != SVC_OK)
		return rc;
	if (!phone_ok(pp->phone))
		return svc_fail(s, SVC_INVALID, "contact_phone", "provider.err.phone");
	if ((rc = plain(s, "contact_email", pp->email, 120, 0, 0)) != SVC_OK)
		return rc;
	if (!email_ok(pp->email))
		return svc_fail(s, SVC_INVALID, "contact_email", "provider.err.email");
	return plain(s, "description", pp->description, PROVIDER_DESC_MAX, 0,
	    1);
}

enum svc_rc
provider_profile_set(struct svc *s, int64_t id, int64_t version,
    const struct provider_profile *pp)
{
	struct provider_info *p;
	struct profile_args a;
	enum svc_rc rc;

	if ((rc = fetch_writable(s, id, &p)) != SVC_OK)
		return rc;
	if ((rc = profile_check(s, pp)) != SVC_OK)
		return rc;
	if (version < 0)
		return svc_fail(s, SVC_INVALID, "version", "error.field.range");
	if (version != p->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.conflict");
	a.id = id;
	a.version = version;
	a.p = pp;
	return svc_tx(s, profile_tx, &a);
}

enum svc_rc
provider_create_in_tx(struct svc *s, const char *code, const char *name,
    int64_t municipality_id, const struct provider_profile *pp, int64_t *id)
{
	struct muni_info *m;
	struct profile_args a;
	struct authz_obj o;
	enum store_rc src;
	enum svc_rc rc;
	int64_t aid = 0;

	if (!agency_code_valid(svc_nz(code)))
		return svc_fail(s, SVC_INVALID, "code", cm_filled(code) ?
		    "error.code.invalid" : "error.field.required");
	if ((rc = plain(s, "name", name, PROVIDER_NAME_MAX, 1, 0)) != SVC_OK)
		return rc;
	if (municipality_id <= 0 || ref_municipality(s, municipality_id,
	    &m) != SVC_OK)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	memset(&o, 0, sizeof(o));
	o.municipality_id = municipality_id;
	o.country = m->country;
	if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, &o) ||
	    !authz_allows(s->actor, PERM_AGENCIES_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.invalid");
	if ((rc = profile_check(s, pp)) != SVC_OK)
		return rc;
	{
		struct sp p[] = { sp_text(code), sp_text(name),
			sp_text(agency_type_name(AGENCY_PROVIDER)),
			sp_int(municipality_id), sp_text(m->country),
			sp_int(clock_now()) };

		src = store_exec(s->st, Q_AGENCY_INSERT, p, 6, store_cb_int, &aid,
		    NULL);
	}
	if (src == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "code", "error.code.taken");
	if (src != STORE_OK)
		return cm_unavailable(s, src);
	if ((rc = cm_audit(s, "agency.create", "agency", aid, code)) != SVC_OK)
		return rc;
	a.id = aid;
	a.version = 0;
	a.p = pp;
	if ((rc = profile_tx(s, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = aid;
	return SVC_OK;
}

/* -------------------------------------------------------------- licences */

static int
licence_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct licence_info *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->agency_id = srow_int(r, 1);
	x->country = cm_dup(l->a, r, 2);
	x->number = cm_dup(l->a, r, 3);
	x->issued = cm_dup(l->a, r, 4);
	x->expires = cm_dup(l->a, r, 5);
	x->capacity = srow_int(r, 6);
	x->status = cm_dup(l->a, r, 7);
	x->stored_status = cm_dup(l->a, r, 8);
	x->status_reason = cm_dup(l->a, r, 9);
	x->status_date = cm_dup(l->a, r, 10);
	x->renews_id = srow_int(r, 11);
	x->renewed_by = srow_int(r, 12);
	x->version = srow_int(r, 13);
	x->services = cm_dup(l->a, r, 14);
	x->municipality_ids = cm_dup(l->a, r, 15);
	x->municipalities = cm_dup(l->a, r, 16);
	x->provider_name = cm_dup(l->a, r, 17);
	return 0;
}

enum svc_rc
provider_licences(struct svc *s, int64_t agency_id,
    struct licence_info **out, size_t *n)
{
	struct provider_info *p;
	struct sp q[2];
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = fetch_visible(s, agency_id, &p)) != SVC_OK)
		return rc;
	q[0] = sp_int(agency_id);
	q[1] = sp_text(ymd(s, today()));
	if ((rc = list(s, Q_PV_LICENCES, q, 2, licence_cb, &l, sizeof(**out),
	    PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* The licence row, unchecked. */
static enum svc_rc
licence_fetch(struct svc *s, int64_t id, struct licence_info **out)
{
	struct sp q[2];
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	q[0] = sp_int(id);
	q[1] = sp_text(ymd(s, today()));
	if ((rc = list(s, Q_PV_LICENCE_GET, q, 2, licence_cb, &l,
	    sizeof(**out), 1)) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

enum svc_rc
provider_licence_get(struct svc *s, int64_t id, struct licence_info **out)
{
	struct provider_info *p;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = licence_fetch(s, id, out)) != SVC_OK)
		return rc;
	return fetch_visible(s, (*out)->agency_id, &p);
}

struct licence_args {
	const struct provider_info	*p;
	const struct licence_new	*n;
	const char			*issued, *expires;
	int64_t				 renews, id;
};

static enum svc_rc
licence_tx(struct svc *s, void *arg)
{
	struct licence_args *a = arg;
	const struct licence_new *n = a->n;
	struct sp p[9];
	enum store_rc rc;
	int64_t other = 0;
	size_t i;

	p[0] = sp_text(a->p->country);
	p[1] = sp_text(n->number);
	if ((rc = store_exec(s->st, Q_PV_LICENCE_NUMBER, p, 2, store_cb_int, &other,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (other != 0)
		return svc_fail(s, SVC_INVALID, "licence_number",
		    "provider.err.number_taken");
	for (i = 0; i < n->nservices; i++) {
		p[0] = sp_int(a->p->id);
		p[1] = sp_text(n->services[i]);
		p[2] = sp_text(a->issued);
		p[3] = sp_text(a->expires);
		if ((rc = store_exec(s->st, Q_PV_LICENCE_OVERLAP, p, 4, store_cb_int,
		    &other, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (other != 0) {
			/* After svc_fail(), which clears the argument. */
			svc_fail(s, SVC_INVALID, "services",
			    "provider.err.overlap");
			s->err.arg = n->services[i];
			return SVC_INVALID;
		}
	}
	p[0] = sp_int(a->p->id);
	p[1] = sp_text(a->p->country);
	p[2] = sp_text(n->number);
	p[3] = sp_text(a->issued);
	p[4] = sp_text(a->expires);
	p[5] = sp_int(n->capacity);
	p[6] = sp_id(a->renews);
	p[7] = sp_id(s->actor->id);
	p[8] = sp_int(clock_now());
	a->id = 0;
	if ((rc = store_exec(s->st, Q_PV_LICENCE_INSERT, p, 9, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_INVALID, a->renews ? "issued" :
			    "licence_number", a->renews ? "provider.err.renewed" :
			    "provider.err.number_taken");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nservices; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(n->services[i]) };

		if ((rc = store_exec(s->st, Q_PV_LICENCE_SERVICE_ADD, q, 2,
		    NULL, NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nmunicipalities; i++) {
		struct sp q[] = { sp_int(a->id), sp_int(n->municipalities[i]) };

		if ((rc = store_exec(s->st, Q_PV_LICENCE_MUNI_ADD, q, 2,
		    NULL, NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, a->renews ? "licence.renew" : "licence.add", "licence",
	    a->id, arena_printf(s->a, "agency=%lld renews=%lld services=%zu"
	    " municipalities=%zu capacity=%lld", (long long)a->p->id,
	    (long long)a->renews, n->nservices, n->nmunicipalities,
	    (long long)n->capacity));
}

static int
text_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	const char **v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	*v = cm_dup(l->a, r, 0);
	return 1;
}

/* Checks a new licence of provider p (visible and writable) and adds it;
 * renews: the licence it renews (0: none), whose expiry the new issue
 * date may not precede. */
static enum svc_rc
licence_add(struct svc *s, const struct provider_info *p,
    const struct licence_new *n, const struct licence_info *old, int in_tx,
    int64_t *id)
{
	struct licence_args a;
	struct authz_obj o;
	struct avec l;
	int32_t issued, expires, old_expires;
	enum svc_rc rc;
	size_t i, j;

	if ((rc = plain(s, "licence_number", n->number, LICENCE_NUMBER_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	if (n->nservices == 0)
		return svc_fail(s, SVC_INVALID, "services",
		    "provider.err.no_service");
	for (i = 0; i < n->nservices; i++) {
		if (!svc_in_set(provider_services, n->services[i]))
			return svc_fail(s, SVC_INVALID, "services",
			    "provider.err.service");
		for (j = 0; j < i; j++)
			if (strcmp(n->services[i], n->services[j]) == 0)
				return svc_fail(s, SVC_INVALID, "services",
				    "provider.err.service");
	}
	if (n->nmunicipalities == 0)
		return svc_fail(s, SVC_INVALID, "municipalities",
		    "provider.err.no_municipality");
	if (n->nmunicipalities > LICENCE_MUNIS_MAX)
		return svc_fail(s, SVC_INVALID, "municipalities",
		    "error.field.range");
	for (i = 0; i < n->nmunicipalities; i++) {
		struct sp q[] = { sp_int(n->municipalities[i]) };
		const char *country;

		if ((rc = list(s, Q_PV_MUNI_COUNTRY, q, 1, text_cb, &l,
		    sizeof(char *), 1)) != SVC_OK)
			return rc;
		if (l.n == 0)
			return svc_fail(s, SVC_INVALID, "municipalities",
			    "provider.err.municipality");
		country = *(const char **)l.v;
		if (strcmp(country, p->country) != 0)
			return svc_fail(s, SVC_INVALID, "municipalities",
			    "provider.err.municipality_country");
		memset(&o, 0, sizeof(o));
		o.municipality_id = n->municipalities[i];
		o.country = country;
		if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, &o))
			return svc_fail(s, SVC_INVALID, "municipalities",
			    "provider.err.municipality_scope");
	}
	if ((rc = day(s, "issued", n->issued, &issued)) != SVC_OK ||
	    (rc = day(s, "expires", n->expires, &expires)) != SVC_OK)
		return rc;
	if (expires <= issued)
		return svc_fail(s, SVC_INVALID, "expires",
		    "provider.err.expiry_before_issue");
	if (n->capacity <= 0 || n->capacity > LICENCE_CAPACITY_MAX)
		return svc_fail(s, SVC_INVALID, "capacity",
		    "provider.err.capacity");
	if (old != NULL) {
		if (cal_date_parse(old->expires, &old_expires) != CAL_OK)
			return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
		if (issued < old_expires)
			return svc_fail(s, SVC_INVALID, "issued",
			    "provider.err.renewal_period");
	}
	memset(&a, 0, sizeof(a));
	a.p = p;
	a.n = n;
	a.issued = ymd(s, issued);
	a.expires = ymd(s, expires);
	a.renews = old ? old->id : 0;
	if ((rc = in_tx ? licence_tx(s, &a) : svc_tx(s, licence_tx, &a)) !=
	    SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
provider_licence_add(struct svc *s, int64_t agency_id,
    const struct licence_new *n, int64_t *id)
{
	struct provider_info *p;
	enum svc_rc rc;

	if ((rc = fetch_writable(s, agency_id, &p)) != SVC_OK)
		return rc;
	return licence_add(s, p, n, NULL, 0, id);
}

enum svc_rc
provider_licence_add_in_tx(struct svc *s, int64_t agency_id,
    const struct licence_new *n, int64_t *id)
{
	struct provider_info *p;
	enum svc_rc rc;

	if ((rc = fetch_writable(s, agency_id, &p)) != SVC_OK)
		return rc;
	return licence_add(s, p, n, NULL, 1, id);
}

enum svc_rc
provider_licence_renew(struct svc *s, int64_t licence_id,
    const struct licence_new *n, int64_t *id)
{
	struct licence_info *old;
	struct provider_info *p;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = licence_fetch(s, licence_id, &old)) != SVC_OK)
		return rc;
	if ((rc = fetch_writable(s, old->agency_id, &p)) != SVC_OK)
		return rc;
	if (strcmp(old->stored_status, "revoked") == 0)
		return svc_fail(s, SVC_INVALID, NULL, "provider.err.revoked");
	if (old->renewed_by != 0)
		return svc_fail(s, SVC_INVALID, NULL, "provider.err.renewed");
	return licence_add(s, p, n, old, 0, id);
}

struct status_args {
	int64_t		 id, version;
	const char	*from, *status, *reason, *date;
};

static enum svc_rc
status_tx(struct svc *s, void *arg)
{
	struct status_args *a = arg;
	struct sp p[] = { sp_int(a->id), sp_text(a->status),
		sp_text(svc_nz(a->reason)), sp_text(a->date), sp_int(clock_now()),
		sp_int(a->version) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_PV_LICENCE_STATUS, p, 6, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "provider.err.conflict");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "licence.status", "licence", a->id,
	    arena_printf(s->a, "from=%s to=%s", a->from, a->status));
}

enum svc_rc
provider_licence_status(struct svc *s, int64_t licence_id, int64_t version,
    const char *status, const char *reason, const char *date)
{
	struct licence_info *l;
	struct provider_info *p;
	struct status_args a;
	int32_t d;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_PROVIDERS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = licence_fetch(s, licence_id, &l)) != SVC_OK)
		return rc;
	if ((rc = fetch_writable(s, l->agency_id, &p)) != SVC_OK)
		return rc;
	if (status == NULL || (strcmp(status, "active") != 0 &&
	    strcmp(status, "suspended") != 0 && strcmp(status, "revoked") != 0))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	if (strcmp(l->stored_status, "revoked") == 0)
		return svc_fail(s, SVC_INVALID, "status", "provider.err.revoked");
	if (strcmp(l->stored_status, status) == 0 ||
	    (strcmp(status, "active") == 0 &&
	    strcmp(l->stored_status, "suspended") != 0))
		return svc_fail(s, SVC_INVALID, "status",
		    "provider.err.transition");
	if ((rc = plain(s, "reason", reason, LICENCE_REASON_MAX,
	    strcmp(status, "active") != 0, 1)) != SVC_OK)
		return rc;
	if ((rc = day(s, "date", date, &d)) != SVC_OK)
		return rc;
	if (d > today())
		return svc_fail(s, SVC_INVALID, "date", "provider.err.future");
	if (version != l->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.conflict");
	a.id = licence_id;
	a.version = version;
	a.from = l->stored_status;
	a.status = status;
	a.reason = reason;
	a.date = ymd(s, d);
	return svc_tx(s, status_tx, &a);
}

/* --------------------------------------------------- for the referrals */

struct licensed_row {
	int64_t		 id;
	const char	*number;
	struct arena	*a;
};

static int
licensed_cb(void *arg, const struct store_row *r)
{
	struct licensed_row *x = arg;

	x->id = srow_int(r, 0);
	x->number = cm_dup(x->a, r, 1);
	return 1;
}

enum svc_rc
provider_licensed_in_tx(struct svc *s, int64_t agency_id,
    const char *service, const char *date, int64_t municipality_id,
    int64_t *licence_id, const char **number)
{
	struct licensed_row x;
	struct sp p[4];
	int32_t d;
	enum store_rc rc;

	*licence_id = 0;
	if (number != NULL)
		*number = "";
	if (agency_id <= 0 || !svc_in_set(provider_services, service) ||
	    date == NULL || cal_date_parse(date, &d) != CAL_OK)
		return SVC_OK;
	memset(&x, 0, sizeof(x));
	x.a = s->a;
	p[0] = sp_int(agency_id);
	p[1] = sp_text(service);
	p[2] = sp_text(date);
	p[3] = sp_int(municipality_id > 0 ? municipality_id : 0);
	if ((rc = store_exec(s->st, Q_PV_LICENSED, p, 4, licensed_cb, &x,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	*licence_id = x.id;
	if (number != NULL && x.id != 0)
		*number = x.number;
	return SVC_OK;
}

static int
choice_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct provider_choice *c, *prev;

	/* One row per provider: its licence expiring last comes first. */
	if (l->n > 0) {
		prev = (struct provider_choice *)l->v + (l->n - 1);
		if (prev->agency_id == srow_int(r, 0))
			return 0;
	}
	if ((c = avec_next(l)) == NULL)
		return 1;
	c->agency_id = srow_int(r, 0);
	c->licence_id = srow_int(r, 1);
	c->name = cm_dup(l->a, r, 2);
	c->licence_number = cm_dup(l->a, r, 3);
	c->expires = cm_dup(l->a, r, 4);
	c->capacity = srow_int(r, 5);
	return 0;
}

enum svc_rc
provider_licensed_list(struct svc *s, const char *service, const char *date,
    int64_t municipality_id, struct provider_choice **out, size_t *n)
{
	struct sp p[5];
	struct avec l;
	int32_t d;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if (service != NULL && !svc_in_set(provider_services, service))
		return svc_fail(s, SVC_INVALID, "service", "error.field.choice");
	if (date == NULL || cal_date_parse(date, &d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "date", "error.field.date");
	p[0] = sp_text(service);
	p[1] = sp_text(date);
	p[2] = sp_int(municipality_id > 0 ? municipality_id : 0);
	p[3] = sp_text(s->actor ? authz_country_filter(s->actor) : NULL);
	p[4] = sp_int(PROVIDER_LIST_MAX * 4);
	if ((rc = list(s, Q_PV_LICENSED_LIST, p, 5, choice_cb, &l,
	    sizeof(**out), PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ------------------------------------------------------------- reminders */

struct expiring {
	int64_t		 licence, agency, muni;
	int32_t		 expires;
};

static int
expiring_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct expiring *e;

	if ((e = avec_next(l)) == NULL)
		return 1;
	e->licence = srow_int(r, 0);
	e->agency = srow_int(r, 1);
	if (cal_date_parse(srow_text(r, 2), &e->expires) != CAL_OK)
		e->expires = 0;
	e->muni = srow_int(r, 3);
	return 0;
}

static int
ids_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	int64_t *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	*v = srow_int(r, 0);
	return 0;
}

struct remind_args {
	const struct expiring	*e;
	const char		*type;
};

static enum svc_rc
remind_tx(struct svc *s, void *arg)
{
	struct remind_args *a = arg;
	struct sp p[] = { sp_int(a->e->muni) };
	const char *link;
	struct avec l;
	enum svc_rc rc;
	size_t i;

	link = arena_printf(s->a, "/providers/%lld", (long long)a->e->agency);
	if (link == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = notify_agency_in_tx(s, a->e->agency, -1, 1,
	    "licence_expiring", a->type, a->e->licence, link)) != SVC_OK)
		return rc;
	if (a->e->muni == 0)
		return SVC_OK;
	if ((rc = list(s, Q_PV_MUNI_ADMINS, p, 1, ids_cb, &l, sizeof(int64_t),
	    NOTIFY_AGENCY_MAX)) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++)
		if ((rc = notify_once_in_tx(s, ((int64_t *)l.v)[i],
		    "licence_expiring", a->type, a->e->licence, link)) !=
		    SVC_OK)
			return rc;
	return SVC_OK;
}

enum svc_rc
provider_scan(struct svc *s, int64_t now)
{
	struct remind_args a;
	struct sp p[2];
	struct avec l;
	int32_t d;
	enum svc_rc rc, first = SVC_OK;
	size_t i;

	if (cal_date_of(now, &d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, NULL, "error.field.date");
	p[0] = sp_text(ymd(s, d));
	p[1] = sp_text(ymd(s, d + 90));
	if ((rc = list(s, Q_PV_EXPIRING, p, 2, expiring_cb, &l,
	    sizeof(struct expiring), 100000)) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++) {
		a.e = (const struct expiring *)l.v + i;
		if (a.e->expires == 0)
			continue;
		/* Two reminders, told apart by the object type: the first
		 * at 90 days, the final one at 30. */
		a.type = a.e->expires - d <= 30 ? "licence_final" : "licence";
		if ((rc = svc_tx(s, remind_tx, &a)) != SVC_OK &&
		    first == SVC_OK)
			first = rc;
	}
	return first;
}

/* ------------------------------------------------------------- standards */

static int
standard_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct standard_info *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->country = cm_dup(l->a, r, 1);
	x->num = srow_int(r, 2);
	x->title_sq = cm_dup(l->a, r, 3);
	x->title_en = cm_dup(l->a, r, 4);
	x->title_sr = cm_dup(l->a, r, 5);
	x->active = (int)srow_int(r, 6);
	x->version = srow_int(r, 7);
	x->used = srow_int(r, 8);
	return 0;
}

enum svc_rc
standard_list(struct svc *s, const char *country, int active_only,
    struct standard_info **out, size_t *n)
{
	struct sp p[2];
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_country_filter(s->actor) != NULL)
		country = authz_country_filter(s->actor);
	if (country != NULL && country[0] == '\0')
		country = NULL;
	p[0] = sp_text(country);
	p[1] = sp_int(active_only ? 1 : 0);
	if ((rc = list(s, Q_PV_STANDARDS, p, 2, standard_cb, &l,
	    sizeof(**out), PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
standard_get(struct svc *s, int64_t id, struct standard_info **out)
{
	struct sp p[] = { sp_int(id) };
	const char *c;
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_PV_STANDARD_GET, p, 1, standard_cb, &l,
	    sizeof(**out), 1)) != SVC_OK)
		return rc;
	c = authz_country_filter(s->actor);
	if (l.n == 0 || (c != NULL &&
	    strcmp(c, ((struct standard_info *)l.v)->country) != 0))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

/* Country-wide administrators keep the standards. */
static int
keeps_standards(struct svc *s)
{
	return authz_allows(s->actor, PERM_PROVIDERS_WRITE, NULL) &&
	    authz_municipality_filter(s->actor) == 0;
}

static enum svc_rc
titles(struct svc *s, const char *sq, const char *en, const char *sr)
{
	enum svc_rc rc;

	if ((rc = plain(s, "title_sq", sq, STANDARD_TITLE_MAX, 1, 0)) !=
	    SVC_OK ||
	    (rc = plain(s, "title_en", en, STANDARD_TITLE_MAX, 1, 0)) !=
	    SVC_OK ||
	    (rc = plain(s, "title_sr", sr, STANDARD_TITLE_MAX, 1, 0)) != SVC_OK)
		return rc;
	return SVC_OK;
}

/* The number of active standards of country. */
static enum svc_rc
active_count(struct svc *s, const char *country, size_t *n)
{
	struct standard_info *v;
	enum svc_rc rc;

	if ((rc = standard_list(s, country, 1, &v, n)) != SVC_OK)
		return rc;
	return SVC_OK;
}

struct standard_args {
	int64_t		 id, version;
	const char	*country, *sq, *en, *sr;
	int		 active;
	const char	*action;
};

static enum svc_rc
standard_tx(struct svc *s, void *arg)
{
	struct standard_args *a = arg;
	enum store_rc rc;

	if (strcmp(a->action, "standard.add") == 0) {
		struct sp p[] = { sp_text(a->country), sp_text(a->sq),
			sp_text(a->en), sp_text(a->sr), sp_int(clock_now()) };

		if ((rc = store_exec(s->st, Q_PV_STANDARD_INSERT, p, 5, store_cb_int,
		    &a->id, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	} else if (strcmp(a->action, "standard.update") == 0) {
		struct sp p[] = { sp_int(a->id), sp_text(a->sq), sp_text(a->en),
			sp_text(a->sr), sp_int(a->active), sp_int(clock_now()),
			sp_int(a->version) };

		if ((rc = store_exec(s->st, Q_PV_STANDARD_UPDATE, p, 7, NULL,
		    NULL, NULL)) != STORE_OK) {
			if (rc == STORE_NOTFOUND)
				return svc_fail(s, SVC_CONFLICT, NULL,
				    "provider.err.conflict");
			return cm_unavailable(s, rc);
		}
	} else {
		struct sp p[] = { sp_int(a->id) };

		if ((rc = store_exec(s->st, Q_PV_STANDARD_DELETE, p, 1, NULL,
		    NULL, NULL)) != STORE_OK) {
			if (rc == STORE_NOTFOUND || rc == STORE_CONFLICT)
				return svc_fail(s, SVC_CONFLICT, NULL,
				    "provider.err.standard_used");
			return cm_unavailable(s, rc);
		}
	}
	return cm_audit(s, a->action, "min_standard", a->id,
	    arena_printf(s->a, "country=%s active=%d", a->country, a->active));
}

enum svc_rc
standard_add(struct svc *s, const char *country, const char *sq,
    const char *en, const char *sr, int64_t *id)
{
	struct standard_args a;
	enum svc_rc rc;
	size_t n;

	if (!keeps_standards(s))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (s->actor->country != NULL)
		country = s->actor->country;
	if (country == NULL || (strcmp(country, "XK") != 0 &&
	    strcmp(country, "AL") != 0))
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if ((rc = titles(s, sq, en, sr)) != SVC_OK)
		return rc;
	if ((rc = active_count(s, country, &n)) != SVC_OK)
		return rc;
	if (n >= STANDARDS_ACTIVE_MAX)
		return svc_fail(s, SVC_INVALID, NULL, "provider.err.standards_max");
	memset(&a, 0, sizeof(a));
	a.country = country;
	a.sq = sq;
	a.en = en;
	a.sr = sr;
	a.active = 1;
	a.action = "standard.add";
	if ((rc = svc_tx(s, standard_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
standard_update(struct svc *s, int64_t id, int64_t version, const char *sq,
    const char *en, const char *sr, int active)
{
	struct standard_info *st;
	struct standard_args a;
	enum svc_rc rc;
	size_t n;

	if (!keeps_standards(s))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = standard_get(s, id, &st)) != SVC_OK)
		return rc;
	if ((rc = titles(s, sq, en, sr)) != SVC_OK)
		return rc;
	if (active && !st->active) {
		if ((rc = active_count(s, st->country, &n)) != SVC_OK)
			return rc;
		if (n >= STANDARDS_ACTIVE_MAX)
			return svc_fail(s, SVC_INVALID, "active",
			    "provider.err.standards_max");
	}
	if (version != st->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.conflict");
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.country = st->country;
	a.sq = sq;
	a.en = en;
	a.sr = sr;
	a.active = active ? 1 : 0;
	a.action = "standard.update";
	return svc_tx(s, standard_tx, &a);
}

enum svc_rc
standard_delete(struct svc *s, int64_t id)
{
	struct standard_info *st;
	struct standard_args a;
	enum svc_rc rc;

	if (!keeps_standards(s))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = standard_get(s, id, &st)) != SVC_OK)
		return rc;
	if (st->used > 0)
		return svc_fail(s, SVC_CONFLICT, NULL,
		    "provider.err.standard_used");
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.country = st->country;
	a.action = "standard.delete";
	return svc_tx(s, standard_tx, &a);
}

/* ----------------------------------------------------------- inspections */

int
inspection_score(int64_t points, int64_t n)
{
	if (n <= 0 || points < 0 || points > 2 * n)
		return -1;
	return (int)((points * 100 + n) / (2 * n));
}

static int
inspection_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct inspection_info *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->agency_id = srow_int(r, 1);
	x->licence_id = srow_int(r, 2);
	x->licence_number = cm_dup(l->a, r, 3);
	x->country = cm_dup(l->a, r, 4);
	x->date = cm_dup(l->a, r, 5);
	x->inspectors = cm_dup(l->a, r, 6);
	x->status = cm_dup(l->a, r, 7);
	x->score = (int)srow_int(r, 8);
	x->created_at = srow_int(r, 9);
	x->completed_at = srow_int(r, 10);
	x->version = srow_int(r, 11);
	x->items = srow_int(r, 12);
	x->rated = srow_int(r, 13);
	x->points = srow_int(r, 14);
	x->open_actions = srow_int(r, 15);
	return 0;
}

static int
item_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct inspection_item *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->standard_id = srow_int(r, 0);
	x->num = srow_int(r, 1);
	x->title_sq = cm_dup(l->a, r, 2);
	x->title_en = cm_dup(l->a, r, 3);
	x->title_sr = cm_dup(l->a, r, 4);
	x->rating = cm_dup(l->a, r, 5);
	x->notes = cm_dup(l->a, r, 6);
	return 0;
}

static int
action_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct inspection_action *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->action = cm_dup(l->a, r, 1);
	x->deadline = cm_dup(l->a, r, 2);
	x->done_on = cm_dup(l->a, r, 3);
	x->created_at = srow_int(r, 4);
	return 0;
}

/* The inspection row, when its provider is visible (write: writable). */
static enum svc_rc
inspection_fetch(struct svc *s, int64_t id, int write,
    struct inspection_info **out, struct provider_info **p)
{
	struct sp q[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, write ? PERM_PROVIDERS_WRITE :
	    PERM_PROVIDERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_PV_INSPECTION_GET, q, 1, inspection_cb, &l,
	    sizeof(**out), 1)) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	rc = write ? fetch_writable(s, (*out)->agency_id, p) :
	    fetch_visible(s, (*out)->agency_id, p);
	return rc;
}

struct insp_args {
	int64_t				 agency, licence, id, version;
	const char			*country, *date, *inspectors;
	const struct inspection_rating	*r;
	size_t				 n;
	int				 complete;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct insp_args *a = arg;
	struct sp p[] = { sp_int(a->agency), sp_int(a->licence),
		sp_text(a->country), sp_text(a->date), sp_text(a->inspectors),
		sp_id(s->actor->id), sp_int(clock_now()) };
	struct sp q[2];
	enum store_rc rc;
	int64_t changes = 0;

	a->id = 0;
	if ((rc = store_exec(s->st, Q_PV_INSPECTION_INSERT, p, 7, store_cb_int,
	    &a->id, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	q[0] = sp_int(a->id);
	q[1] = sp_text(a->country);
	if ((rc = store_exec(s->st, Q_PV_INSPECTION_SEED, q, 2, NULL, NULL,
	    &changes)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (changes == 0)
		return svc_fail(s, SVC_INVALID, NULL,
		    "provider.err.no_standards");
	return cm_audit(s, "inspection.create", "inspection", a->id,
	    arena_printf(s->a, "agency=%lld licence=%lld standards=%lld",
	    (long long)a->agency, (long long)a->licence, (long long)changes));
}

/* The inspection's date (not in the future) and inspectors. */
static enum svc_rc
inspection_head(struct svc *s, const char *date, const char *inspectors,
    const char **ymd_out)
{
	int32_t d;
	enum svc_rc rc;

	if ((rc = day(s, "date", date, &d)) != SVC_OK)
		return rc;
	if (d > today())
		return svc_fail(s, SVC_INVALID, "date", "provider.err.future");
	if ((rc = plain(s, "inspectors", inspectors, INSPECTORS_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	*ymd_out = ymd(s, d);
	return SVC_OK;
}

enum svc_rc
inspection_create(struct svc *s, int64_t agency_id, int64_t licence_id,
    const char *date, const char *inspectors, int64_t *id)
{
	struct provider_info *p;
	struct licence_info *l;
	struct insp_args a;
	enum svc_rc rc;

	if ((rc = fetch_writable(s, agency_id, &p)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	if (licence_id <= 0)
		return svc_fail(s, SVC_INVALID, "licence",
		    "error.field.required");
	if (licence_fetch(s, licence_id, &l) != SVC_OK ||
	    l->agency_id != agency_id)
		return svc_fail(s, SVC_INVALID, "licence",
		    "provider.err.licence");
	if ((rc = inspection_head(s, date, inspectors, &a.date)) != SVC_OK)
		return rc;
	a.agency = agency_id;
	a.licence = licence_id;
	a.country = p->country;
	a.inspectors = inspectors;
	if ((rc = svc_tx(s, create_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static enum svc_rc
save_tx(struct svc *s, void *arg)
{
	struct insp_args *a = arg;
	struct inspection_info *x;
	struct sp p[4];
	struct avec l;
	enum store_rc rc;
	enum svc_rc src;
	int64_t v = 0;
	size_t i;
	int score = -1;

	p[0] = sp_int(a->id);
	p[1] = sp_text(a->date);
	p[2] = sp_text(a->inspectors);
	p[3] = sp_int(a->version);
	if ((rc = store_exec(s->st, Q_PV_INSPECTION_TOUCH, p, 4, store_cb_int, &v,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "provider.err.conflict");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < a->n; i++) {
		const char *r = a->r[i].rating;

		p[0] = sp_int(a->id);
		p[1] = sp_int(a->r[i].standard_id);
		p[2] = sp_text(r != NULL && r[0] != '\0' ? r : NULL);
		p[3] = sp_text(svc_nz(a->r[i].notes));
		if ((rc = store_exec(s->st, Q_PV_ITEM_SET, p, 4, NULL, NULL,
		    NULL)) != STORE_OK) {
			if (rc == STORE_NOTFOUND)
				return svc_fail(s, SVC_INVALID, "ratings",
				    "provider.err.standard");
			return cm_unavailable(s, rc);
		}
	}
	if (a->complete) {
		p[0] = sp_int(a->id);
		if ((src = list(s, Q_PV_INSPECTION_GET, p, 1, inspection_cb, &l,
		    sizeof(*x), 1)) != SVC_OK)
			return src;
		if (l.n == 0)
			return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
		x = l.v;
		if (x->rated < x->items)
			return svc_fail(s, SVC_INVALID, "ratings",
			    "provider.err.unrated");
		score = inspection_score(x->points, x->items);
		p[0] = sp_int(a->id);
		p[1] = sp_int(score);
		p[2] = sp_id(s->actor->id);
		p[3] = sp_int(clock_now());
		if ((rc = store_exec(s->st, Q_PV_INSPECTION_COMPLETE, p, 4,
		    NULL, NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, a->complete ? "inspection.complete" :
	    "inspection.save", "inspection", a->id,
	    arena_printf(s->a, "ratings=%zu score=%d", a->n, score));
}

enum svc_rc
inspection_save(struct svc *s, int64_t id, int64_t version, const char *date,
    const char *inspectors, const struct inspection_rating *r, size_t n,
    int complete)
{
	struct inspection_info *x;
	struct provider_info *p;
	struct insp_args a;
	enum svc_rc rc;
	size_t i;

	if ((rc = inspection_fetch(s, id, 1, &x, &p)) != SVC_OK)
		return rc;
	if (strcmp(x->status, "draft") != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.completed");
	memset(&a, 0, sizeof(a));
	if ((rc = inspection_head(s, date, inspectors, &a.date)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if (r[i].rating != NULL && r[i].rating[0] != '\0' &&
		    !svc_in_set(inspection_ratings, r[i].rating))
			return svc_fail(s, SVC_INVALID, "ratings",
			    "error.field.choice");
		if ((rc = plain(s, "ratings", r[i].notes, INSPECTION_NOTES_MAX,
		    0, 1)) != SVC_OK)
			return rc;
	}
	if (version != x->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "provider.err.conflict");
	a.id = id;
	a.version = version;
	a.inspectors = inspectors;
	a.r = r;
	a.n = n;
	a.complete = complete;
	return svc_tx(s, save_tx, &a);
}

enum svc_rc
inspection_get(struct svc *s, int64_t id, struct inspection_info **out,
    struct inspection_item **items, size_t *nitems,
    struct inspection_action **actions, size_t *nactions)
{
	struct provider_info *p;
	struct sp q[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*items = NULL;
	*actions = NULL;
	*nitems = *nactions = 0;
	if ((rc = inspection_fetch(s, id, 0, out, &p)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_PV_INSPECTION_ITEMS, q, 1, item_cb, &l,
	    sizeof(**items), PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*items = l.v;
	*nitems = l.n;
	if ((rc = list(s, Q_PV_ACTIONS, q, 1, action_cb, &l,
	    sizeof(**actions), PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*actions = l.v;
	*nactions = l.n;
	return SVC_OK;
}

enum svc_rc
inspection_list(struct svc *s, int64_t agency_id,
    struct inspection_info **out, size_t *n)
{
	struct provider_info *p;
	struct sp q[] = { sp_int(agency_id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = fetch_visible(s, agency_id, &p)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_PV_INSPECTIONS, q, 1, inspection_cb, &l,
	    sizeof(**out), PROVIDER_LIST_MAX)) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct action_args {
	int64_t		 inspection, id;
	const char	*action, *date;
};

static enum svc_rc
action_tx(struct svc *s, void *arg)
{
	struct action_args *a = arg;
	struct sp p[] = { sp_int(a->inspection), sp_text(a->action),
		sp_text(a->date), sp_id(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_PV_ACTION_INSERT, p, 5, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "inspection.action.add", "inspection", a->inspection,
	    arena_printf(s->a, "action=%lld", (long long)a->id));
}

enum svc_rc
inspection_action_add(struct svc *s, int64_t inspection_id,
    const char *action, const char *deadline, int64_t *id)
{
	struct inspection_info *x;
	struct provider_info *p;
	struct action_args a;
	int32_t d;
	enum svc_rc rc;

	if ((rc = inspection_fetch(s, inspection_id, 1, &x, &p)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "action", action, INSPECTION_ACTION_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if ((rc = day(s, "deadline", deadline, &d)) != SVC_OK)
		return rc;
	if (d < today())
		return svc_fail(s, SVC_INVALID, "deadline",
		    "provider.err.deadline_past");
	memset(&a, 0, sizeof(a));
	a.inspection = inspection_id;
	a.action = action;
	a.date = ymd(s, d);
	if ((rc = svc_tx(s, action_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static enum svc_rc
done_tx(struct svc *s, void *arg)
{
	struct action_args *a = arg;
	struct sp p[] = { sp_int(a->id), sp_int(a->inspection),
		sp_text(a->date), sp_id(s->actor->id) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_PV_ACTION_DONE, p, 4, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_INVALID, "action",
			    "provider.err.action_done");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "inspection.action.done", "inspection", a->inspection,
	    arena_printf(s->a, "action=%lld", (long long)a->id));
}

enum svc_rc
inspection_action_done(struct svc *s, int64_t inspection_id,
    int64_t action_id, const char *date)
{
	struct inspection_info *x;
	struct provider_info *p;
	struct action_args a;
	int32_t d;
	enum svc_rc rc;

	if ((rc = inspection_fetch(s, inspection_id, 1, &x, &p)) != SVC_OK)
		return rc;
	if ((rc = day(s, "date", date, &d)) != SVC_OK)
		return rc;
	if (d > today())
		return svc_fail(s, SVC_INVALID, "date", "provider.err.future");
	memset(&a, 0, sizeof(a));
	a.inspection = inspection_id;
	a.id = action_id;
	a.date = ymd(s, d);
	return svc_tx(s, done_tx, &a);
}
