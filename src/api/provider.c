/*
 * provider.c — the JSON API of the provider registry (api layer): the
 * providers with their profiles, licences and inspections, licence status
 * changes and renewals, the providers licensed for a service on a date
 * (for referrals), inspections rated one standard at a time, and the
 * minimum standards. Thin: validated input -> svc/provider.c -> JSON. See
 * api_provider.h and docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/provider.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "api.h"
#include "api_provider.h"

/* Codes separated by commas as a JSON array (numbers when ids). */
static void
klist(struct req *r, struct jw *w, const char *k, const char *codes, int ids)
{
	const char **v;
	size_t i, n;

	jw_key(w, k);
	jw_arr_open(w);
	if ((v = api_split(r, codes != NULL ? codes : "", &n)) != NULL)
		for (i = 0; i < n; i++) {
			if (ids)
				jw_int(w, strtoll(v[i], NULL, 10));
			else
				jw_str(w, v[i]);
		}
	jw_arr_close(w);
}

static void
provider_json(struct req *r, struct jw *w, const struct provider_info *p)
{
	jw_kint(w, "id", p->id);
	jw_kstr(w, "code", p->code);
	jw_kstr(w, "name", p->name);
	jw_kint(w, "municipality_id", p->municipality_id);
	jw_kstr(w, "municipality", p->municipality_sq);
	jw_kstr(w, "country", p->country);
	jw_kbool(w, "active", p->active);
	jw_kstr(w, "legal_form", p->legal_form);
	jw_kstr(w, "registration_no", p->registration_no);
	jw_kstr(w, "address", p->address);
	jw_kstr(w, "contact_phone", p->phone);
	jw_kstr(w, "contact_email", p->email);
	jw_kstr(w, "description", p->description);
	jw_kint(w, "version", p->version);
	jw_kint(w, "licences_in_force", p->licences_in_force);
	klist(r, w, "services", p->services, 0);
}

static void
licence_json(struct req *r, struct jw *w, const struct licence_info *l)
{
	jw_obj_open(w);
	jw_kint(w, "id", l->id);
	jw_kint(w, "provider_id", l->agency_id);
	jw_kstr(w, "number", l->number);
	klist(r, w, "services", l->services, 0);
	klist(r, w, "municipalities", l->municipality_ids, 1);
	jw_kstr(w, "issued", l->issued);
	jw_kstr(w, "expires", l->expires);
	jw_kint(w, "capacity", l->capacity);
	jw_kstr(w, "status", l->status);
	jw_kstr_nz(w, "status_reason", l->status_reason);
	jw_kstr_nz(w, "status_date", l->status_date);
	jw_kint_nz(w, "renews", l->renews_id);
	jw_kint_nz(w, "renewed_by", l->renewed_by);
	jw_kint(w, "version", l->version);
	jw_obj_close(w);
}

static void
inspection_head(struct jw *w, const struct inspection_info *x)
{
	jw_kint(w, "id", x->id);
	jw_kint(w, "provider_id", x->agency_id);
	jw_kint(w, "licence_id", x->licence_id);
	jw_kstr(w, "licence_number", x->licence_number);
	jw_kstr(w, "date", x->date);
	jw_kstr(w, "inspectors", x->inspectors);
	jw_kstr(w, "status", x->status);
	jw_key(w, "score");
	if (x->score >= 0)
		jw_int(w, x->score);
	else
		jw_null(w);
	jw_kint(w, "standards", x->items);
	jw_kint(w, "rated", x->rated);
	jw_kint(w, "open_actions", x->open_actions);
	jw_kint(w, "version", x->version);
}

void
api_providers(struct req *r)
{
	struct provider_filter f;
	struct provider_info *p;
	struct jw w;
	int64_t total;
	size_t n, i;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	f.service = req_str(r, "service");
	f.status = req_str(r, "status");
	f.municipality_id = req_int(r, "municipality");
	f.page = req_has(r, "page") ? req_int(r, "page") : 1;
	if ((rc = provider_list(&r->svc, &f, &p, &n, &total)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "page", f.page);
	jw_kint(&w, "per_page", PROVIDER_PAGE);
	jw_kint(&w, "total", total);
	jw_key(&w, "providers");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		provider_json(r, &w, &p[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
provider_out(struct req *r, int status, int64_t id)
{
	struct provider_info *p;
	struct licence_info *l;
	struct inspection_info *x;
	struct jw w;
	size_t nl, nx, i;
	enum svc_rc rc;

	if ((rc = provider_get(&r->svc, id, &p)) != SVC_OK ||
	    (rc = provider_licences(&r->svc, id, &l, &nl)) != SVC_OK ||
	    (rc = inspection_list(&r->svc, id, &x, &nx)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	provider_json(r, &w, p);
	jw_key(&w, "licences");
	jw_arr_open(&w);
	for (i = 0; i < nl; i++)
		licence_json(r, &w, &l[i]);
	jw_arr_close(&w);
	jw_key(&w, "inspections");
	jw_arr_open(&w);
	for (i = 0; i < nx; i++) {
		jw_obj_open(&w);
		inspection_head(&w, &x[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_provider(struct req *r)
{
	provider_out(r, 200, req_param_id(r, 0));
}

void
api_provider_profile(struct req *r)
{
	struct provider_profile pp;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	pp.legal_form = req_str(r, "legal_form");
	pp.registration_no = req_str(r, "registration_no");
	pp.address = req_str(r, "address");
	pp.phone = req_str(r, "contact_phone");
	pp.email = req_str(r, "contact_email");
	pp.description = req_str(r, "description");
	if ((rc = provider_profile_set(&r->svc, id, req_int(r, "version"),
	    &pp)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	provider_out(r, 200, id);
}

static void
licence_out(struct req *r, int status, int64_t id)
{
	struct licence_info *l;
	struct jw w;
	enum svc_rc rc;

	if ((rc = provider_licence_get(&r->svc, id, &l)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	licence_json(r, &w, l);
}

void
api_licence_add(struct req *r)
{
	struct licence_new n;
	struct licence_info *old;
	const char **v;
	int64_t *m, id = req_param_id(r, 0), lid = 0, renews;
	size_t k, i;
	char *end;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.services = api_split(r, req_str(r, "services"), &n.nservices);
	v = api_split(r, req_str(r, "municipalities"), &k);
	if (n.services == NULL || v == NULL ||
	    (m = arena_zalloc(r->a, (k + 1) * sizeof(*m))) == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return;
	}
	for (i = 0; i < k; i++) {
		m[i] = strtoll(v[i], &end, 10);
		if (*end != '\0' || m[i] <= 0 || strlen(v[i]) > 15) {
			api_fail(r, svc_fail(&r->svc, SVC_INVALID,
			    "municipalities", "provider.err.municipality"));
			return;
		}
	}
	n.municipalities = m;
	n.nmunicipalities = k;
	n.number = req_str(r, "number");
	n.issued = req_str(r, "issued");
	n.expires = req_str(r, "expires");
	n.capacity = req_int(r, "capacity");
	if ((renews = req_int(r, "renews")) != 0) {
		if ((rc = provider_licence_get(&r->svc, renews, &old)) ==
		    SVC_OK && old->agency_id != id)
			rc = svc_fail(&r->svc, SVC_INVALID, "renews",
			    "provider.err.licence");
		if (rc == SVC_OK)
			rc = provider_licence_renew(&r->svc, renews, &n, &lid);
	} else
		rc = provider_licence_add(&r->svc, id, &n, &lid);
	if (rc != SVC_OK) {
		/* The service names the web form's field; here it is "number". */
		if (r->svc.err.field != NULL &&
		    strcmp(r->svc.err.field, "licence_number") == 0)
			r->svc.err.field = "number";
		api_fail(r, rc);
		return;
	}
	licence_out(r, 201, lid);
}

void
api_licence_status(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = provider_licence_status(&r->svc, id, req_int(r, "version"),
	    req_str(r, "status"), req_str(r, "reason"),
	    req_str(r, "date"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	licence_out(r, 200, id);
}

void
api_licensed(struct req *r)
{
	struct provider_choice *c;
	struct jw w;
	const char *service = req_str(r, "service");
	int64_t t;
	int32_t d;
	char date[16];
	size_t n, i;
	enum svc_rc rc;

	/* dd.mm.yyyy or yyyy-mm-dd (checked by the route) as yyyy-mm-dd. */
	if (clock_parse_date(req_str(r, "date"), &t) != 0 ||
	    cal_date_of(t, &d) != CAL_OK) {
		api_fail(r, svc_fail(&r->svc, SVC_INVALID, "date",
		    "error.field.date"));
		return;
	}
	cal_date_format(d, date, sizeof(date));
	if ((rc = provider_licensed_list(&r->svc, *service ? service : NULL,
	    date, req_int(r, "municipality"), &c, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kstr(&w, "date", date);
	jw_key(&w, "providers");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "provider_id", c[i].agency_id);
		jw_kstr(&w, "name", c[i].name);
		jw_kint(&w, "licence_id", c[i].licence_id);
		jw_kstr(&w, "licence_number", c[i].licence_number);
		jw_kstr(&w, "expires", c[i].expires);
		jw_kint(&w, "capacity", c[i].capacity);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
inspection_out(struct req *r, int status, int64_t id)
{
	struct inspection_info *x;
	struct inspection_item *it;
	struct inspection_action *ac;
	struct jw w;
	size_t ni, na, i;
	enum svc_rc rc;

	if ((rc = inspection_get(&r->svc, id, &x, &it, &ni, &ac, &na)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	inspection_head(&w, x);
	jw_key(&w, "ratings");
	jw_arr_open(&w);
	for (i = 0; i < ni; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "standard", it[i].standard_id);
		jw_kint(&w, "num", it[i].num);
		jw_kstr(&w, "title_sq", it[i].title_sq);
		jw_kstr(&w, "title_en", it[i].title_en);
		jw_kstr(&w, "title_sr", it[i].title_sr);
		jw_key(&w, "rating");
		jw_str(&w, *it[i].rating ? it[i].rating : NULL);
		jw_kstr(&w, "notes", it[i].notes);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "actions");
	jw_arr_open(&w);
	for (i = 0; i < na; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", ac[i].id);
		jw_kstr(&w, "action", ac[i].action);
		jw_kstr(&w, "deadline", ac[i].deadline);
		jw_kstr_nz(&w, "done_on", ac[i].done_on);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_inspection_create(struct req *r)
{
	int64_t iid = 0;
	enum svc_rc rc;

	if ((rc = inspection_create(&r->svc, req_param_id(r, 0),
	    req_int(r, "licence"), req_str(r, "date"),
	    req_str(r, "inspectors"), &iid)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	inspection_out(r, 201, iid);
}

void
api_inspection(struct req *r)
{
	inspection_out(r, 200, req_param_id(r, 0));
}

/* Saves the draft at version with ratings (n of them; complete: and
 * completes it), keeping its date and inspectors. */
static void
save(struct req *r, const struct inspection_rating *rt, size_t n,
    int complete)
{
	struct inspection_info *x;
	struct inspection_item *it;
	struct inspection_action *ac;
	int64_t id = req_param_id(r, 0);
	size_t ni, na;
	enum svc_rc rc;

	if ((rc = inspection_get(&r->svc, id, &x, &it, &ni, &ac, &na)) !=
	    SVC_OK || (rc = inspection_save(&r->svc, id, req_int(r, "version"),
	    x->date, x->inspectors, rt, n, complete)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	inspection_out(r, 200, id);
}

void
api_inspection_rate(struct req *r)
{
	struct inspection_rating rt;

	rt.standard_id = req_int(r, "standard");
	rt.rating = req_str(r, "rating");
	rt.notes = req_str(r, "notes");
	save(r, &rt, 1, 0);
}

void
api_inspection_complete(struct req *r)
{
	save(r, NULL, 0, 1);
}

void
api_inspection_action_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = inspection_action_add(&r->svc, id, req_str(r, "action"),
	    req_str(r, "deadline"), NULL)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	inspection_out(r, 201, id);
}

void
api_standards(struct req *r)
{
	struct standard_info *st;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = standard_list(&r->svc, NULL, 0, &st, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "standards");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", st[i].id);
		jw_kstr(&w, "country", st[i].country);
		jw_kint(&w, "num", st[i].num);
		jw_kstr(&w, "title_sq", st[i].title_sq);
		jw_kstr(&w, "title_en", st[i].title_en);
		jw_kstr(&w, "title_sr", st[i].title_sr);
		jw_kbool(&w, "active", st[i].active);
		jw_kint(&w, "used", st[i].used);
		jw_kint(&w, "version", st[i].version);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}
