/*
 * test_provider.c — the provider registry (src/svc/provider.c), negative
 * first: every refused licence names its field and writes nothing
 * (expiry on or before issue, overlapping service, unknown service or
 * municipality, capacity, a municipality outside the actor's scope, a
 * taken number); who sees which provider (a provider's user their own
 * organisation only, a municipal administrator of another municipality
 * nothing, community members and auditors nothing); then
 * provider_licensed_in_tx() and provider_licensed_list() for referrals,
 * status changes and renewal, the renewal reminders (twice: once), the
 * standards and an inspection from draft to its computed score.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/provider.h"
#include "../../src/util/calendar.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, ngo, ngo2, muni_hani, muni_pris;
	int64_t		 tirana_ngo, muni_tirana;
	struct actor	*admin, *padmin, *cw, *puser, *puser2, *comm, *aud;
	struct actor	*analyst;
	int64_t		 puser_id;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t gkk;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13",
	    NULL);
	c->ngo = fx_agency(f, "OJQ-HANI", AGENCY_PROVIDER, "XK09", NULL);
	c->ngo2 = fx_agency(f, "OJQ-PRIS", AGENCY_PROVIDER, "XK13", NULL);
	c->tirana_ngo = fx_agency(f, "OJF-TIR", AGENCY_PROVIDER, "AL53", NULL);
	gkk = fx_agency(f, "GKK-HANI", AGENCY_COMMUNITY, "XK09", NULL);
	c->muni_hani = fx_muni(f, "XK09");
	c->muni_pris = fx_muni(f, "XK13");
	c->muni_tirana = fx_muni(f, "AL53");
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    c->pris, 0));
	c->cw = fx_actor(f, fx_user(f, "cw.hani", ROLE_CASEWORKER, c->hani,
	    fx_team(f, c->hani, "Ekipi 1")));
	c->puser_id = fx_user(f, "ngo.hani", ROLE_PROVIDER_USER, c->ngo, 0);
	c->puser = fx_actor(f, c->puser_id);
	c->puser2 = fx_actor(f, fx_user(f, "ngo.pris", ROLE_PROVIDER_USER,
	    c->ngo2, 0));
	c->comm = fx_actor(f, fx_user(f, "gkk.one", ROLE_COMMUNITY_MEMBER, gkk,
	    0));
	c->aud = fx_actor(f, fx_user(f, "auditor", ROLE_AUDITOR,
	    fx_agency(f, "MPMS-XK", AGENCY_MINISTRY, NULL, "XK"), 0));
	c->analyst = fx_actor(f, fx_user(f, "analyst", ROLE_CENTRAL_ANALYST,
	    fx_agency(f, "ASHMF-XK", AGENCY_MINISTRY, NULL, "XK"), 0));
	if (!c->hani || !c->ngo || !c->ngo2 || !c->tirana_ngo || !c->admin ||
	    !c->padmin || !c->cw || !c->puser || !c->puser2 || !c->comm ||
	    !c->aud || !c->analyst || !c->muni_tirana)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;
	void *f = c->f;

	free(c);
	return fx_teardown(&f);
}

/* yyyy-mm-dd of today + days, in one of a few rotating buffers. */
static const char *
day(int days)
{
	static char b[8][16];
	static int i;
	int32_t d;

	assert_int_equal(cal_date_of(clock_now(), &d), CAL_OK);
	i = (i + 1) % 8;
	cal_date_format(d + days, b[i], sizeof(b[i]));
	return b[i];
}

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
}

static const char *const svc_shelter[] = { "shelter" };
static const char *const svc_two[] = { "day_care", "psychosocial_counselling" };

/* A valid licence of the Hani NGO to change one thing of. */
static struct licence_new
lic(struct ctx *c, const char *number, const int64_t *munis)
{
	struct licence_new n;

	memset(&n, 0, sizeof(n));
	n.number = number;
	n.services = svc_shelter;
	n.nservices = 1;
	n.municipalities = munis;
	n.nmunicipalities = 1;
	n.issued = day(-100);
	n.expires = day(265);
	n.capacity = 12;
	return n;
}

static void
expect(struct svc *s, enum svc_rc got, enum svc_rc want, const char *field,
    const char *msg)
{
	assert_int_equal(got, want);
	if (field != NULL)
		assert_string_equal(svc_nz(s->err.field), field);
	if (msg != NULL)
		assert_string_equal(svc_nz(s->err.msg), msg);
}

static void
test_licence_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	const char *const bad_service[] = { "astrology" };
	int64_t munis[] = { c->muni_hani }, pris[] = { c->muni_pris };
	int64_t none[] = { 999999 }, tir[] = { c->muni_tirana };
	struct licence_new n;
	int64_t id = 0;

	n = lic(c, "", munis);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "licence_number", "error.field.required");
	n = lic(c, "L<b>1", munis);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "licence_number", "provider.err.markup");
	n = lic(c, "L-1", munis);
	n.nservices = 0;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "services", "provider.err.no_service");
	n.services = bad_service;
	n.nservices = 1;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "services", "provider.err.service");
	n = lic(c, "L-1", munis);
	n.nmunicipalities = 0;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "municipalities", "provider.err.no_municipality");
	n = lic(c, "L-1", none);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "municipalities", "provider.err.municipality");
	n = lic(c, "L-1", pris);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "municipalities", "provider.err.municipality_scope");
	n = lic(c, "L-1", tir);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "municipalities", "provider.err.municipality_country");
	n = lic(c, "L-1", munis);
	n.expires = n.issued;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "expires", "provider.err.expiry_before_issue");
	n.expires = day(-200);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "expires", "provider.err.expiry_before_issue");
	n = lic(c, "L-1", munis);
	n.issued = "31.02.2026";
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "issued", "error.field.date");
	n = lic(c, "L-1", munis);
	n.capacity = 0;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "capacity", "provider.err.capacity");
	n.capacity = -3;
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "capacity", "provider.err.capacity");
	/* Not a provider, or one of another municipality. */
	n = lic(c, "L-1", munis);
	expect(&s, provider_licence_add(&s, c->hani, &n, &id), SVC_NOTFOUND,
	    NULL, NULL);
	expect(&s, provider_licence_add(&s, c->ngo2, &n, &id), SVC_NOTFOUND,
	    NULL, NULL);
	/* Readers may not write. */
	s = fx_svc(c->f, c->cw);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_DENIED,
	    NULL, NULL);
	s = fx_svc(c->f, c->puser);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_DENIED,
	    NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM licence"), 0);

	/* The first one; then a second for an overlapping period naming the
	 * same service, and a number taken in the country. */
	s = fx_svc(c->f, c->admin);
	n = lic(c, "L-1", munis);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
	n = lic(c, "L-1", munis);
	n.issued = day(300);
	n.expires = day(600);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "licence_number", "provider.err.number_taken");
	n = lic(c, "L-2", munis);
	n.issued = day(200);
	n.expires = day(500);
	expect(&s, provider_licence_add(&s, c->ngo, &n, &id), SVC_INVALID,
	    "services", "provider.err.overlap");
	/* The message names the overlapping service (regression: the
	 * argument was set before svc_fail() cleared it). */
	assert_non_null(s.err.arg);
	assert_string_equal(s.err.arg, n.services[0]);
	/* Another service in the same period is fine, and so is the same
	 * service once the first has expired. */
	n.services = svc_two;
	n.nservices = 2;
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
	n = lic(c, "L-3", munis);
	n.issued = day(265);
	n.expires = day(600);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM licence"), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'licence.add'"), 3);
}

static void
test_visibility(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	struct provider_info *p, *v;
	struct provider_filter flt;
	size_t n;
	int64_t total;

	memset(&flt, 0, sizeof(flt));
	/* A caseworker sees the providers of the country, not Albania's. */
	s = fx_svc(c->f, c->cw);
	assert_int_equal(provider_list(&s, &flt, &v, &n, &total), SVC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_int_equal(provider_get(&s, c->ngo2, &p), SVC_OK);
	assert_int_equal(provider_get(&s, c->tirana_ngo, &p), SVC_NOTFOUND);
	assert_int_equal(provider_get(&s, c->hani, &p), SVC_NOTFOUND);
	/* A provider's user: their own organisation only; another's is 404
	 * and audited. */
	s = fx_svc(c->f, c->puser);
	assert_int_equal(provider_list(&s, &flt, &v, &n, &total), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, c->ngo);
	assert_int_equal(provider_get(&s, c->ngo, &p), SVC_OK);
	assert_int_equal(provider_get(&s, c->ngo2, &p), SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'provider.read.denied'"), 2);
	/* A municipal administrator of another municipality: 404. */
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(provider_get(&s, c->ngo, &p), SVC_NOTFOUND);
	assert_int_equal(provider_get(&s, c->ngo2, &p), SVC_OK);
	/* Community members and auditors: nothing. */
	s = fx_svc(c->f, c->comm);
	assert_int_equal(provider_list(&s, &flt, &v, &n, &total), SVC_DENIED);
	assert_int_equal(provider_get(&s, c->ngo, &p), SVC_DENIED);
	s = fx_svc(c->f, c->aud);
	assert_int_equal(provider_list(&s, &flt, &v, &n, &total), SVC_DENIED);
	/* Bad filters name their field. */
	s = fx_svc(c->f, c->cw);
	flt.service = "astrology";
	expect(&s, provider_list(&s, &flt, &v, &n, &total), SVC_INVALID,
	    "service", NULL);
	flt.service = NULL;
	flt.status = "lost";
	expect(&s, provider_list(&s, &flt, &v, &n, &total), SVC_INVALID,
	    "status", NULL);
}

static void
test_profile(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct provider_profile pp;
	struct provider_info *p;

	memset(&pp, 0, sizeof(pp));
	pp.legal_form = "cooperative";
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_INVALID,
	    "legal_form", NULL);
	pp.legal_form = "ngo";
	pp.email = "not-an-address";
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_INVALID,
	    "contact_email", "provider.err.email");
	pp.email = "info@ojq.org";
	pp.phone = "call me";
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_INVALID,
	    "contact_phone", "provider.err.phone");
	pp.phone = "+383 44 123 456";
	pp.address = "Rruga 1\nHani";
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_INVALID,
	    "address", "error.field.line");
	pp.address = "Rruga Dëshmorët 12, Hani i Elezit";
	pp.registration_no = "5110001-1";
	pp.description = "Strehimore dhe këshillim.\nDitë pune.";
	expect(&s, provider_profile_set(&s, c->ngo, 3, &pp), SVC_CONFLICT,
	    NULL, "provider.err.conflict");
	s = fx_svc(c->f, c->padmin);
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_NOTFOUND,
	    NULL, NULL);
	s = fx_svc(c->f, c->puser);
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_DENIED,
	    NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM provider_profile"), 0);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(provider_profile_set(&s, c->ngo, 0, &pp), SVC_OK);
	assert_int_equal(provider_get(&s, c->ngo, &p), SVC_OK);
	assert_int_equal(p->version, 1);
	assert_string_equal(p->email, "info@ojq.org");
	/* A second edit at the old version is stale. */
	expect(&s, provider_profile_set(&s, c->ngo, 0, &pp), SVC_CONFLICT,
	    NULL, "provider.err.conflict");
	pp.legal_form = "private";
	assert_int_equal(provider_profile_set(&s, c->ngo, 1, &pp), SVC_OK);
	assert_int_equal(provider_get(&s, c->ngo, &p), SVC_OK);
	assert_int_equal(p->version, 2);
	assert_string_equal(p->legal_form, "private");
}

static void
test_licensed(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	int64_t munis[] = { c->muni_hani };
	struct provider_choice *ch;
	struct licence_info *l;
	struct licence_new n;
	const char *number;
	int64_t id, lid;
	size_t k;

	n = lic(c, "XK-SH-1", munis);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
	/* Licensed for the service, on a date inside the period, in Hani. */
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), c->muni_hani, &lid, &number), SVC_OK);
	assert_int_equal(lid, id);
	assert_string_equal(number, "XK-SH-1");
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, id);
	/* Not: another service, municipality, date before or at expiry,
	 * an unknown service, a bad date, another agency. */
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "day_care",
	    day(0), 0, &lid, &number), SVC_OK);
	assert_int_equal(lid, 0);
	assert_string_equal(number, "");
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), c->muni_pris, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(-101), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(265), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(264), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, id);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "astrology",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    "25.11.2026", 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo2, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);

	/* The list for a referral form. */
	s = fx_svc(c->f, c->cw);
	assert_int_equal(provider_licensed_list(&s, "shelter", day(0),
	    c->muni_hani, &ch, &k), SVC_OK);
	assert_int_equal(k, 1);
	assert_int_equal(ch[0].agency_id, c->ngo);
	assert_int_equal(ch[0].licence_id, id);
	assert_int_equal(ch[0].capacity, 12);
	assert_string_equal(ch[0].expires, day(265));
	assert_int_equal(provider_licensed_list(&s, NULL, day(0), 0, &ch, &k),
	    SVC_OK);
	assert_int_equal(k, 1);
	assert_int_equal(provider_licensed_list(&s, "day_care", day(0), 0, &ch,
	    &k), SVC_OK);
	assert_int_equal(k, 0);
	assert_int_equal(provider_licensed_list(&s, "astrology", day(0), 0,
	    &ch, &k), SVC_INVALID);

	/* Suspended: not licensed; reinstated: again; revoked: for good. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	expect(&s, provider_licence_status(&s, id, l->version, "suspended", "",
	    day(0)), SVC_INVALID, "reason", "error.field.required");
	expect(&s, provider_licence_status(&s, id, l->version, "expired", "x",
	    day(0)), SVC_INVALID, "status", NULL);
	expect(&s, provider_licence_status(&s, id, l->version, "active", "",
	    day(0)), SVC_INVALID, "status", "provider.err.transition");
	expect(&s, provider_licence_status(&s, id, l->version, "suspended",
	    "Mungesë stafi", day(5)), SVC_INVALID, "date",
	    "provider.err.future");
	expect(&s, provider_licence_status(&s, id, l->version + 1, "suspended",
	    "Mungesë stafi", day(0)), SVC_CONFLICT, NULL, NULL);
	assert_int_equal(provider_licence_status(&s, id, l->version,
	    "suspended", "Mungesë stafi", day(0)), SVC_OK);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	assert_string_equal(l->status, "suspended");
	assert_int_equal(provider_licence_status(&s, id, l->version, "active",
	    "", day(0)), SVC_OK);
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, id);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	assert_int_equal(provider_licence_status(&s, id, l->version, "revoked",
	    "Shkelje e standardeve", day(0)), SVC_OK);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	assert_string_equal(l->status, "revoked");
	expect(&s, provider_licence_status(&s, id, l->version, "active", "",
	    day(0)), SVC_INVALID, "status", "provider.err.revoked");
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	/* A revoked licence no longer blocks a new one for its service. */
	n = lic(c, "XK-SH-2", munis);
	n.issued = day(0);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
}

static void
test_expired_and_renewal(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	int64_t munis[] = { c->muni_hani };
	struct licence_info *l;
	struct licence_new n;
	struct provider_filter flt;
	struct provider_info *v;
	int64_t id, rid, lid, total;
	size_t k;

	n = lic(c, "XK-OLD", munis);
	n.issued = day(-400);
	n.expires = day(-10);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id), SVC_OK);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	assert_string_equal(l->status, "expired");
	assert_string_equal(l->stored_status, "active");
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), 0, &lid, NULL), SVC_OK);
	assert_int_equal(lid, 0);
	memset(&flt, 0, sizeof(flt));
	flt.status = "expired";
	assert_int_equal(provider_list(&s, &flt, &v, &k, &total), SVC_OK);
	assert_int_equal(k, 1);
	flt.status = "active";
	assert_int_equal(provider_list(&s, &flt, &v, &k, &total), SVC_OK);
	assert_int_equal(k, 0);

	/* Renewal: the new period follows the old one. */
	n = lic(c, "XK-NEW", munis);
	n.issued = day(-20);
	n.expires = day(700);
	expect(&s, provider_licence_renew(&s, id, &n, &rid), SVC_INVALID,
	    "issued", "provider.err.renewal_period");
	n.issued = day(-10);
	assert_int_equal(provider_licence_renew(&s, id, &n, &rid), SVC_OK);
	assert_int_equal(provider_licence_get(&s, rid, &l), SVC_OK);
	assert_int_equal(l->renews_id, id);
	assert_int_equal(provider_licence_get(&s, id, &l), SVC_OK);
	assert_int_equal(l->renewed_by, rid);
	n.number = "XK-NEWER";
	n.issued = day(700);
	n.expires = day(900);
	expect(&s, provider_licence_renew(&s, id, &n, &rid), SVC_INVALID, NULL,
	    "provider.err.renewed");
	assert_int_equal(provider_licensed_in_tx(&s, c->ngo, "shelter",
	    day(0), c->muni_hani, &lid, NULL), SVC_OK);
	assert_int_equal(lid, rid);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'licence.renew'"), 1);
}

static void
test_scan_once(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	int64_t munis[] = { c->muni_hani };
	struct licence_new n;
	int64_t id90, id30, idfar, rid;

	n = lic(c, "XK-90", munis);
	n.expires = day(80);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id90), SVC_OK);
	n = lic(c, "XK-30", munis);
	n.services = svc_two;
	n.nservices = 2;
	n.expires = day(20);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &id30), SVC_OK);
	n = lic(c, "XK-FAR", munis);
	n.services = (const char *const[]){ "legal_aid" };
	n.expires = day(200);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &idfar), SVC_OK);

	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(provider_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(provider_scan(&s, clock_now()), SVC_OK);
	/* The provider's user and Hani's administrator, once each, about
	 * each licence; none for the far one. */
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " kind = 'licence_expiring'"), 4);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " object_type = 'licence_final'"), 2);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM notification"
	    " n JOIN user u ON u.id = n.user_id WHERE u.username ="
	    " 'admin.pris'"), 0);
	/* Sixty days later the 90-day one is due its final reminder, once. */
	fx_shift(60 * 86400);
	assert_int_equal(provider_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(provider_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " object_type = 'licence_final'"), 4);
	/* A renewed licence gets no more reminders. */
	s = fx_svc(c->f, c->admin);
	n = lic(c, "XK-FAR-2", munis);
	n.services = (const char *const[]){ "legal_aid" };
	n.issued = day(140);
	n.expires = day(900);
	assert_int_equal(provider_licence_renew(&s, idfar, &n, &rid), SVC_OK);
	s = fx_svc(c->f, &c->f->root);
	fx_shift(60 * 86400);
	assert_int_equal(provider_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM notification WHERE"
	    " object_id = " "(SELECT id FROM licence WHERE number = 'XK-FAR')"),
	    0);
}

static void
test_standards(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct standard_info *v, *st;
	size_t n;
	int64_t id;

	assert_int_equal(standard_list(&s, NULL, 1, &v, &n), SVC_OK);
	assert_int_equal(n, 22);
	s = fx_svc(c->f, c->puser);
	assert_int_equal(standard_list(&s, "AL", 1, &v, &n), SVC_OK);
	assert_int_equal(n, 22);	/* the actor's country wins */
	/* Only a country-wide administrator keeps them. */
	s = fx_svc(c->f, c->admin);
	expect(&s, standard_add(&s, "XK", "a", "b", "c", &id), SVC_DENIED,
	    NULL, NULL);
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(standard_list(&s, "AL", 0, &v, &n), SVC_OK);
	assert_int_equal(n, 10);
	expect(&s, standard_add(&s, "FR", "a", "b", "c", &id), SVC_INVALID,
	    "country", NULL);
	expect(&s, standard_add(&s, "XK", "", "b", "c", &id), SVC_INVALID,
	    "title_sq", "error.field.required");
	expect(&s, standard_add(&s, "XK", "a", "b<script>", "c", &id),
	    SVC_INVALID, "title_en", "provider.err.markup");
	assert_int_equal(standard_add(&s, "XK", "Transporti i sigurt",
	    "Safe transport", "Bezbedan prevoz", &id), SVC_OK);
	assert_int_equal(standard_get(&s, id, &st), SVC_OK);
	assert_int_equal(st->num, 23);
	expect(&s, standard_update(&s, id, st->version + 1, "a", "b", "c", 1),
	    SVC_CONFLICT, NULL, NULL);
	assert_int_equal(standard_update(&s, id, st->version, st->title_sq,
	    st->title_en, st->title_sr, 0), SVC_OK);
	assert_int_equal(standard_get(&s, id, &st), SVC_OK);
	assert_int_equal(st->active, 0);
	assert_int_equal(standard_delete(&s, id), SVC_OK);
	assert_int_equal(standard_get(&s, id, &st), SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action LIKE 'standard.%'"), 3);
}

static void
test_inspection(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	int64_t munis[] = { c->muni_hani };
	struct inspection_rating r[22];
	struct inspection_info *x, *hist;
	struct inspection_item *items;
	struct inspection_action *acts;
	struct standard_info *st;
	struct licence_new n;
	int64_t lid, lid2, iid, aid;
	size_t ni, na, i, nh;

	assert_int_equal(inspection_score(0, 0), -1);
	assert_int_equal(inspection_score(44, 22), 100);
	assert_int_equal(inspection_score(0, 22), 0);
	assert_int_equal(inspection_score(1, 2), 25);
	assert_int_equal(inspection_score(2, 3), 33);

	n = lic(c, "XK-I-1", munis);
	assert_int_equal(provider_licence_add(&s, c->ngo, &n, &lid), SVC_OK);
	s = fx_svc(c->f, c->padmin);
	n = lic(c, "XK-I-2", (int64_t[]){ c->muni_pris });
	assert_int_equal(provider_licence_add(&s, c->ngo2, &n, &lid2), SVC_OK);

	s = fx_svc(c->f, c->admin);
	expect(&s, inspection_create(&s, c->ngo, 0, day(0), "A. Krasniqi",
	    &iid), SVC_INVALID, "licence", NULL);
	expect(&s, inspection_create(&s, c->ngo, lid2, day(0), "A. Krasniqi",
	    &iid), SVC_INVALID, "licence", "provider.err.licence");
	expect(&s, inspection_create(&s, c->ngo, lid, day(1), "A. Krasniqi",
	    &iid), SVC_INVALID, "date", "provider.err.future");
	expect(&s, inspection_create(&s, c->ngo, lid, day(0), "", &iid),
	    SVC_INVALID, "inspectors", "error.field.required");
	expect(&s, inspection_create(&s, c->ngo2, lid2, day(0), "B", &iid),
	    SVC_NOTFOUND, NULL, NULL);
	s = fx_svc(c->f, c->cw);
	expect(&s, inspection_create(&s, c->ngo, lid, day(0), "B", &iid),
	    SVC_DENIED, NULL, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM inspection"), 0);

	s = fx_svc(c->f, c->admin);
	assert_int_equal(inspection_create(&s, c->ngo, lid, day(-1),
	    "A. Krasniqi, B. Gashi", &iid), SVC_OK);
	assert_int_equal(inspection_get(&s, iid, &x, &items, &ni, &acts, &na),
	    SVC_OK);
	assert_int_equal(ni, 22);
	assert_string_equal(x->status, "draft");
	assert_int_equal(x->score, -1);

	/* A draft saved with some ratings; completing it needs all. */
	memset(r, 0, sizeof(r));
	for (i = 0; i < 22; i++) {
		r[i].standard_id = items[i].standard_id;
		r[i].rating = i < 20 ? "met" : i == 20 ? "partly" : "not_met";
		r[i].notes = "";
	}
	r[0].rating = "excellent";
	expect(&s, inspection_save(&s, iid, x->version, day(-1), "A. K", r, 22,
	    0), SVC_INVALID, "ratings", "error.field.choice");
	r[0].rating = "met";
	r[1].notes = "<img>";
	expect(&s, inspection_save(&s, iid, x->version, day(-1), "A. K", r, 22,
	    0), SVC_INVALID, "ratings", "provider.err.markup");
	r[1].notes = "Dosjet në rregull.";
	expect(&s, inspection_save(&s, iid, x->version + 1, day(-1), "A. K", r,
	    10, 0), SVC_CONFLICT, NULL, "provider.err.conflict");
	assert_int_equal(inspection_save(&s, iid, x->version, day(-1), "A. K",
	    r, 10, 0), SVC_OK);
	assert_int_equal(inspection_get(&s, iid, &x, &items, &ni, &acts, &na),
	    SVC_OK);
	assert_int_equal(x->rated, 10);
	expect(&s, inspection_save(&s, iid, x->version, day(-1), "A. K", r, 10,
	    1), SVC_INVALID, "ratings", "provider.err.unrated");
	assert_int_equal(count(c, "SELECT count(*) FROM inspection WHERE"
	    " status = 'completed'"), 0);
	/* A standard not of this inspection. */
	r[21].standard_id = 999999;
	expect(&s, inspection_save(&s, iid, x->version, day(-1), "A. K", r, 22,
	    1), SVC_INVALID, "ratings", "provider.err.standard");
	r[21].standard_id = items[21].standard_id;
	assert_int_equal(inspection_save(&s, iid, x->version, day(-1), "A. K",
	    r, 22, 1), SVC_OK);
	assert_int_equal(inspection_get(&s, iid, &x, &items, &ni, &acts, &na),
	    SVC_OK);
	assert_string_equal(x->status, "completed");
	assert_int_equal(x->score, 93);	/* (40 + 1) / 44 */
	/* Completed: not edited, even through SQL. */
	expect(&s, inspection_save(&s, iid, x->version, day(-1), "A. K", r, 22,
	    0), SVC_CONFLICT, NULL, "provider.err.completed");
	assert_int_not_equal(fx_raw_exec(c->f, "UPDATE inspection_item SET"
	    " rating = 'met'"), SQLITE_OK);
	/* A standard in use is retired, never deleted. */
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(standard_get(&s, items[0].standard_id, &st), SVC_OK);
	expect(&s, standard_delete(&s, st->id), SVC_CONFLICT, NULL,
	    "provider.err.standard_used");
	assert_int_not_equal(fx_raw_exec(c->f, "DELETE FROM min_standard"),
	    SQLITE_OK);

	/* Follow-up actions: a deadline in the past is refused. */
	s = fx_svc(c->f, c->admin);
	expect(&s, inspection_action_add(&s, iid, "Trajnim i stafit", day(-1),
	    &aid), SVC_INVALID, "deadline", "provider.err.deadline_past");
	expect(&s, inspection_action_add(&s, iid, "", day(10), &aid),
	    SVC_INVALID, "action", "error.field.required");
	assert_int_equal(inspection_action_add(&s, iid, "Trajnim i stafit",
	    day(30), &aid), SVC_OK);
	expect(&s, inspection_action_done(&s, iid, aid, day(3)), SVC_INVALID,
	    "date", "provider.err.future");
	assert_int_equal(inspection_action_done(&s, iid, aid, day(0)), SVC_OK);
	expect(&s, inspection_action_done(&s, iid, aid, day(0)), SVC_INVALID,
	    "action", "provider.err.action_done");
	assert_int_equal(inspection_get(&s, iid, &x, &items, &ni, &acts, &na),
	    SVC_OK);
	assert_int_equal(na, 1);
	assert_string_equal(acts[0].done_on, day(0));

	/* The history: the provider's user sees their own; another
	 * municipality's administrator nothing. */
	s = fx_svc(c->f, c->puser);
	assert_int_equal(inspection_list(&s, c->ngo, &hist, &nh), SVC_OK);
	assert_int_equal(nh, 1);
	assert_int_equal(hist[0].score, 93);
	s = fx_svc(c->f, c->puser2);
	assert_int_equal(inspection_get(&s, iid, &x, &items, &ni, &acts, &na),
	    SVC_NOTFOUND);
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(inspection_list(&s, c->ngo, &hist, &nh),
	    SVC_NOTFOUND);
	expect(&s, inspection_action_add(&s, iid, "x", day(3), &aid),
	    SVC_NOTFOUND, NULL, NULL);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_licence_refused),
		T(test_visibility),
		T(test_profile),
		T(test_licensed),
		T(test_expired_and_renewal),
		T(test_scan_once),
		T(test_standards),
		T(test_inspection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
