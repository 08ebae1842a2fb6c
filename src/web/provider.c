/*
 * provider.c — the HTML side of the provider registry (web layer): the
 * providers with filters (templates/provider_list.html), a provider's page
 * with its licences and inspections (provider_view.html), the profile and
 * licence forms (provider_edit.html, provider_licence.html), an inspection
 * with its ratings and follow-up actions (provider_inspection.html) and
 * the minimum standards (provider_standards.html). Thin: validated input
 * -> svc/provider.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/provider.h"
#include "../svc/reference.h"
#include "../util/clock.h"
#include "render.h"
#include "web_provider.h"

/* ---------------------------------------------------------------- helpers */





static const char *
id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

/* The options of a closed list, cur selected, a first empty one. */
static struct tval *
choices(struct req *r, const char *prefix, const char *const *set,
    const char *cur, const char *first)
{
	struct tval *l = tv_list(r->a);

	tv_push(l, page_option(r, "", page_t(r, first), !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_code(r, prefix, *set),
		    strcmp(cur, *set) == 0));
	return l;
}

/* The municipalities of the actor's country as options, cur selected. */
static struct tval *
munis(struct req *r, int64_t cur, const char *first)
{
	struct tval *l = tv_list(r->a);
	struct muni_info *m;
	size_t n, i;

	tv_push(l, page_option(r, "", page_t(r, first), cur == 0));
	if (ref_municipalities(&r->svc, &m, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++)
		if (r->actor->country == NULL ||
		    strcmp(m[i].country, r->actor->country) == 0)
			tv_push(l, page_option(r, id_text(r, m[i].id),
			    r->lang == LANG_SR ? m[i].name_sr : m[i].name_sq,
			    m[i].id == cur));
	return l;
}

/* After a write: the form again with the error, the failure page, or a
 * redirect with a flash. */
static void
after(struct req *r, enum svc_rc rc, void (*again)(struct req *),
    const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		again(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

static const char *
muni_name(struct req *r, const struct provider_info *p)
{
	return r->lang == LANG_SR && *p->municipality_sr ? p->municipality_sr :
	    p->municipality_sq;
}

static struct tval *
provider_obj(struct req *r, const struct provider_info *p)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", p->id);
	tv_set_str(t, "code", p->code);
	tv_set_str(t, "name", p->name);
	tv_set_str(t, "municipality", muni_name(r, p));
	tv_set_str(t, "legal_form", page_code(r, "provider.form", p->legal_form));
	tv_set_str(t, "registration_no", p->registration_no);
	tv_set_str(t, "address", p->address);
	tv_set_str(t, "contact_phone", p->phone);
	tv_set_str(t, "contact_email", p->email);
	tv_set_str(t, "description", p->description);
	tv_set_int(t, "version", p->version);
	tv_set_int(t, "in_force", p->licences_in_force);
	tv_set_str(t, "services", page_codes(r, "provider.service", p->services));
	if (!p->active)
		tv_set_bool(t, "inactive", 1);
	return t;
}

/* ------------------------------------------------------------- providers */

void
web_providers(struct req *r)
{
	struct provider_filter f;
	struct provider_info *p;
	struct tval *d, *l;
	int64_t total, pages;
	size_t n, i;
	enum svc_rc rc;
	const char *q;

	memset(&f, 0, sizeof(f));
	f.service = req_str(r, "service");
	f.status = req_str(r, "status");
	f.municipality_id = req_int(r, "municipality");
	f.page = req_has(r, "page") ? req_int(r, "page") : 1;
	if ((rc = provider_list(&r->svc, &f, &p, &n, &total)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "provider.list.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, provider_obj(r, &p[i]));
	tv_set(d, "providers", l);
	tv_set(d, "services", choices(r, "provider.service", provider_services,
	    f.service, "provider.any"));
	tv_set(d, "statuses", choices(r, "provider.status", licence_statuses,
	    f.status, "provider.any"));
	tv_set(d, "municipalities", munis(r, f.municipality_id,
	    "provider.any"));
	tv_set_str(d, "total", page_num(r, total));
	pages = (total + PROVIDER_PAGE - 1) / PROVIDER_PAGE;
	q = arena_printf(r->a, "service=%s&status=%s&municipality=%s",
	    page_urlenc(r, f.service), page_urlenc(r, f.status),
	    f.municipality_id ? id_text(r, f.municipality_id) : "");
	if (f.page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "/providers?%s&page=%lld",
		    q, (long long)(f.page - 1)));
	if (f.page < pages)
		tv_set_str(d, "next", arena_printf(r->a, "/providers?%s&page=%lld",
		    q, (long long)(f.page + 1)));
	tv_set_str(d, "page", arena_printf(r->a, "%lld / %lld",
	    (long long)f.page, (long long)(pages ? pages : 1)));
	page_render(r, "provider_list", d);
}

static struct tval *
licence_obj(struct req *r, const struct licence_info *l, int write)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", l->id);
	tv_set_str(t, "number", l->number);
	tv_set_str(t, "services", page_codes(r, "provider.service", l->services));
	tv_set_str(t, "municipalities", l->municipalities);
	tv_set_str(t, "issued", page_day(r, l->issued));
	tv_set_str(t, "expires", page_day(r, l->expires));
	tv_set_int(t, "capacity", l->capacity);
	tv_set_str(t, "status_code", l->status);
	tv_set_str(t, "status", page_code(r, "provider.status", l->status));
	tv_set_str(t, "status_reason", l->status_reason);
	tv_set_str(t, "status_date", page_day(r, l->status_date));
	tv_set_int(t, "version", l->version);
	if (l->renews_id)
		tv_set_int(t, "renews", l->renews_id);
	if (l->renewed_by)
		tv_set_int(t, "renewed_by", l->renewed_by);
	if (write && strcmp(l->stored_status, "revoked") != 0) {
		tv_set_bool(t, "can_change", 1);
		if (strcmp(l->stored_status, "suspended") == 0)
			tv_set_bool(t, "can_reinstate", 1);
		else
			tv_set_bool(t, "can_suspend", 1);
		if (!l->renewed_by)
			tv_set_bool(t, "can_renew", 1);
	}
	return t;
}

static struct tval *
inspection_obj(struct req *r, const struct inspection_info *x)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", x->id);
	tv_set_str(t, "date", page_day(r, x->date));
	tv_set_str(t, "inspectors", x->inspectors);
	tv_set_str(t, "licence", x->licence_number);
	tv_set_str(t, "status", page_code(r, "provider.inspection", x->status));
	if (x->score >= 0)
		tv_set_str(t, "score", arena_printf(r->a, "%d%%", x->score));
	tv_set_str(t, "rated", arena_printf(r->a, "%lld / %lld",
	    (long long)x->rated, (long long)x->items));
	tv_set_int(t, "open_actions", x->open_actions);
	tv_set_int(t, "version", x->version);
	return t;
}

void
web_provider_view(struct req *r)
{
	struct provider_info *p;
	struct licence_info *l;
	struct inspection_info *x;
	struct tval *d, *t, *v, *opts;
	int64_t id = req_param_id(r, 0);
	size_t nl, nx, i;
	int write, status = r->status;
	enum svc_rc rc;

	if ((rc = provider_get(&r->svc, id, &p)) != SVC_OK ||
	    (rc = provider_licences(&r->svc, id, &l, &nl)) != SVC_OK ||
	    (rc = inspection_list(&r->svc, id, &x, &nx)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	write = provider_may_write(&r->svc, p);
	d = page_data(r, "provider.view.title");
	tv_set(d, "p", provider_obj(r, p));
	if (write)
		tv_set_bool(d, "write", 1);
	t = tv_list(r->a);
	opts = tv_list(r->a);
	for (i = 0; i < nl; i++) {
		tv_push(t, licence_obj(r, &l[i], write));
		tv_push(opts, page_option(r, id_text(r, l[i].id), l[i].number,
		    req_int(r, "licence") == l[i].id));
	}
	tv_set(d, "licences", t);
	tv_set(d, "licence_options", opts);
	t = tv_list(r->a);
	for (i = 0; i < nx; i++)
		tv_push(t, inspection_obj(r, &x[i]));
	tv_set(d, "inspections", t);
	v = tv_obj(r->a);
	tv_set_str(v, "date", page_posted(r, "date", ""));
	tv_set_str(v, "inspectors", page_posted(r, "inspectors", ""));
	tv_set_str(v, "reason", page_posted(r, "reason", ""));
	tv_set(d, "v", v);
	page_errors(r, d);
	page_render(r, "provider_view", d);
}

void
web_provider_edit(struct req *r)
{
	struct provider_info *p;
	struct tval *d, *v;
	int64_t id = req_param_id(r, 0);
	int status = r->status;
	enum svc_rc rc;

	if ((rc = provider_get(&r->svc, id, &p)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (!provider_may_write(&r->svc, p)) {
		page_fail(r, SVC_DENIED, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "provider.edit.title");
	tv_set(d, "p", provider_obj(r, p));
	v = tv_obj(r->a);
	tv_set_str(v, "registration_no", page_posted(r, "registration_no",
	    p->registration_no));
	tv_set_str(v, "address", page_posted(r, "address", p->address));
	tv_set_str(v, "contact_phone", page_posted(r, "contact_phone", p->phone));
	tv_set_str(v, "contact_email", page_posted(r, "contact_email", p->email));
	tv_set_str(v, "description", page_posted(r, "description", p->description));
	tv_set_int(v, "version", p->version);
	tv_set(d, "v", v);
	tv_set(d, "forms", choices(r, "provider.form", provider_legal_forms,
	    page_posted(r, "legal_form", p->legal_form), "common.choose"));
	page_errors(r, d);
	page_render(r, "provider_edit", d);
}

void
web_provider_profile(struct req *r)
{
	struct provider_profile pp;
	int64_t id = req_param_id(r, 0);

	pp.legal_form = req_str(r, "legal_form");
	pp.registration_no = req_str(r, "registration_no");
	pp.address = req_str(r, "address");
	pp.phone = req_str(r, "contact_phone");
	pp.email = req_str(r, "contact_email");
	pp.description = req_str(r, "description");
	after(r, provider_profile_set(&r->svc, id, req_int(r, "version"), &pp),
	    web_provider_edit, arena_printf(r->a, "/providers/%lld",
	    (long long)id), "flash.provider_saved");
}

/* -------------------------------------------------------------- licences */

void
web_licence_form(struct req *r)
{
	struct provider_info *p;
	struct licence_info *old = NULL;
	struct tval *d, *v, *l, *t;
	int64_t id = req_param_id(r, 0), renews = req_int(r, "renews");
	const char *name;
	size_t i;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = provider_get(&r->svc, id, &p)) != SVC_OK ||
	    (renews && (rc = provider_licence_get(&r->svc, renews, &old)) !=
	    SVC_OK)) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (!provider_may_write(&r->svc, p) || (old && old->agency_id != id)) {
		page_fail(r, old ? SVC_NOTFOUND : SVC_DENIED, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, renews ? "provider.licence.renew" :
	    "provider.licence.new");
	tv_set(d, "p", provider_obj(r, p));
	v = tv_obj(r->a);
	tv_set_str(v, "number", page_posted(r, "licence_number", ""));
	tv_set_str(v, "issued", page_posted(r, "issued", old ? old->expires : ""));
	tv_set_str(v, "expires", page_posted(r, "expires", ""));
	tv_set_str(v, "capacity", page_posted(r, "capacity", old ?
	    id_text(r, old->capacity) : ""));
	if (old) {
		tv_set_int(v, "renews", old->id);
		tv_set_str(v, "renews_number", old->number);
	}
	tv_set(d, "v", v);
	l = tv_list(r->a);
	for (i = 0; provider_services[i] != NULL; i++) {
		name = arena_printf(r->a, "service_%s", provider_services[i]);
		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", page_code(r, "provider.service",
		    provider_services[i]));
		if (r->method == M_POST ? req_bool(r, name) : old != NULL &&
		    strstr(old->services, provider_services[i]) != NULL)
			tv_set_bool(t, "checked", 1);
		tv_push(l, t);
	}
	tv_set(d, "services", l);
	l = tv_list(r->a);
	for (i = 1; i <= PV_MUNI_FIELDS; i++) {
		name = arena_printf(r->a, "municipality_%zu", i);
		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_int(t, "n", (int64_t)i);
		tv_set(t, "options", munis(r, r->method == M_POST ?
		    req_int(r, name) : i == 1 ? p->municipality_id : 0,
		    "common.choose"));
		tv_push(l, t);
	}
	tv_set(d, "munis", l);
	page_errors(r, d);
	page_render(r, "provider_licence", d);
}

void
web_licence_add(struct req *r)
{
	struct licence_new n;
	struct licence_info *old;
	const char **sv;
	int64_t *m, id = req_param_id(r, 0), lid = 0, renews;
	size_t i;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	sv = arena_zalloc(r->a, 16 * sizeof(*sv));
	m = arena_zalloc(r->a, (PV_MUNI_FIELDS + 1) * sizeof(*m));
	if (sv == NULL || m == NULL) {
		page_fail(r, SVC_TOOBIG, &r->svc.err);
		return;
	}
	for (i = 0; provider_services[i] != NULL && n.nservices < 15; i++)
		if (req_bool(r, arena_printf(r->a, "service_%s",
		    provider_services[i])))
			sv[n.nservices++] = provider_services[i];
	for (i = 1; i <= PV_MUNI_FIELDS; i++) {
		int64_t v = req_int(r, arena_printf(r->a, "municipality_%zu", i));
		size_t j;

		for (j = 0; j < n.nmunicipalities && m[j] != v; j++)
			;
		if (v > 0 && j == n.nmunicipalities)
			m[n.nmunicipalities++] = v;
	}
	n.number = req_str(r, "licence_number");
	n.services = sv;
	n.municipalities = m;
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
	after(r, rc, web_licence_form, arena_printf(r->a,
	    "/providers/%lld#licence-%lld", (long long)id, (long long)lid),
	    "flash.licence_saved");
}

void
web_licence_status(struct req *r)
{
	struct licence_info *l;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = provider_licence_get(&r->svc, id, &l)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rc = provider_licence_status(&r->svc, id, req_int(r, "version"),
	    req_str(r, "status"), req_str(r, "reason"), req_str(r, "date"));
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		/* The provider's page again, with the error. */
		r->params[0] = id_text(r, l->agency_id);
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_provider_view(r);
		return;
	}
	after(r, rc, web_provider_view, arena_printf(r->a,
	    "/providers/%lld#licence-%lld", (long long)l->agency_id,
	    (long long)id), "flash.licence_saved");
}

/* ----------------------------------------------------------- inspections */

void
web_inspection_create(struct req *r)
{
	int64_t id = req_param_id(r, 0), iid = 0;
	enum svc_rc rc;

	/* The call first: the redirect names the new inspection. */
	rc = inspection_create(&r->svc, id, req_int(r, "licence"),
	    req_str(r, "date"), req_str(r, "inspectors"), &iid);
	after(r, rc, web_provider_view, arena_printf(r->a, "/inspections/%lld",
	    (long long)iid), "flash.inspection_created");
}

void
web_inspection_view(struct req *r)
{
	struct inspection_info *x;
	struct inspection_item *it;
	struct inspection_action *ac;
	struct provider_info *p;
	struct tval *d, *l, *t, *v;
	int64_t id = req_param_id(r, 0);
	size_t ni, na, i;
	const char *rn, *nn, *title;
	int status = r->status, draft, write;
	enum svc_rc rc;

	if ((rc = inspection_get(&r->svc, id, &x, &it, &ni, &ac, &na)) !=
	    SVC_OK || (rc = provider_get(&r->svc, x->agency_id, &p)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	write = provider_may_write(&r->svc, p);
	draft = strcmp(x->status, "draft") == 0;
	d = page_data(r, "provider.inspection.title");
	tv_set(d, "p", provider_obj(r, p));
	tv_set(d, "x", inspection_obj(r, x));
	if (write && draft)
		tv_set_bool(d, "edit", 1);
	if (write)
		tv_set_bool(d, "write", 1);
	l = tv_list(r->a);
	for (i = 0; i < ni; i++) {
		t = tv_obj(r->a);
		rn = arena_printf(r->a, "r%zu", i + 1);
		nn = arena_printf(r->a, "n%zu", i + 1);
		title = r->lang == LANG_EN ? it[i].title_en : r->lang ==
		    LANG_SR ? it[i].title_sr : it[i].title_sq;
		tv_set_int(t, "num", it[i].num);
		tv_set_str(t, "title", title);
		tv_set_str(t, "rname", rn);
		tv_set_str(t, "nname", nn);
		tv_set_str(t, "rating", *it[i].rating ? page_code(r,
		    "provider.rating", it[i].rating) : "");
		tv_set_str(t, "notes", page_posted(r, nn, it[i].notes));
		tv_set(t, "options", choices(r, "provider.rating",
		    inspection_ratings, page_posted(r, rn, it[i].rating),
		    "provider.unrated"));
		tv_push(l, t);
	}
	tv_set(d, "items", l);
	l = tv_list(r->a);
	for (i = 0; i < na; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", ac[i].id);
		tv_set_str(t, "action", ac[i].action);
		tv_set_str(t, "deadline", page_day(r, ac[i].deadline));
		tv_set_str(t, "done_on", page_day(r, ac[i].done_on));
		tv_push(l, t);
	}
	tv_set(d, "actions", l);
	v = tv_obj(r->a);
	tv_set_str(v, "date", page_posted(r, "date", x->date));
	tv_set_str(v, "inspectors", page_posted(r, "inspectors", x->inspectors));
	tv_set_str(v, "action", page_posted(r, "action", ""));
	tv_set_str(v, "deadline", page_posted(r, "deadline", ""));
	tv_set(d, "v", v);
	page_errors(r, d);
	page_render(r, "provider_inspection", d);
}

void
web_inspection_save(struct req *r)
{
	struct inspection_info *x;
	struct inspection_item *it;
	struct inspection_action *ac;
	struct inspection_rating *rt;
	int64_t id = req_param_id(r, 0);
	size_t ni, na, i, n = 0;
	int complete = req_bool(r, "complete");
	enum svc_rc rc;

	if ((rc = inspection_get(&r->svc, id, &x, &it, &ni, &ac, &na)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if ((rt = arena_zalloc(r->a, (ni + 1) * sizeof(*rt))) == NULL) {
		page_fail(r, SVC_TOOBIG, &r->svc.err);
		return;
	}
	for (i = 0; i < ni && i < PV_RATING_FIELDS; i++) {
		rt[n].standard_id = it[i].standard_id;
		rt[n].rating = req_str(r, arena_printf(r->a, "r%zu", i + 1));
		rt[n].notes = req_str(r, arena_printf(r->a, "n%zu", i + 1));
		n++;
	}
	after(r, inspection_save(&r->svc, id, req_int(r, "version"),
	    req_str(r, "date"), req_str(r, "inspectors"), rt, n, complete),
	    web_inspection_view, arena_printf(r->a, "/inspections/%lld",
	    (long long)id), complete ? "flash.inspection_completed" :
	    "flash.inspection_saved");
}

void
web_inspection_action_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, inspection_action_add(&r->svc, id, req_str(r, "action"),
	    req_str(r, "deadline"), NULL), web_inspection_view,
	    arena_printf(r->a, "/inspections/%lld#actions", (long long)id),
	    "flash.action_added");
}

void
web_inspection_action_done(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, inspection_action_done(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "date")), web_inspection_view,
	    arena_printf(r->a, "/inspections/%lld#actions", (long long)id),
	    "flash.action_done");
}

/* ------------------------------------------------------------- standards */

void
web_standards(struct req *r)
{
	struct standard_info *st;
	struct tval *d, *l, *t, *v;
	static const char *const countries[] = { "XK", "AL", NULL };
	size_t n, i;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = standard_list(&r->svc, NULL, 0, &st, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "provider.standards.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", st[i].id);
		tv_set_int(t, "num", st[i].num);
		tv_set_str(t, "country", st[i].country);
		tv_set_str(t, "title_sq", st[i].title_sq);
		tv_set_str(t, "title_en", st[i].title_en);
		tv_set_str(t, "title_sr", st[i].title_sr);
		tv_set_int(t, "version", st[i].version);
		tv_set_int(t, "used", st[i].used);
		if (st[i].active)
			tv_set_bool(t, "active", 1);
		if (st[i].used == 0)
			tv_set_bool(t, "deletable", 1);
		tv_push(l, t);
	}
	tv_set(d, "standards", l);
	if (authz_municipality_filter(r->actor) == 0)
		tv_set_bool(d, "keeper", 1);
	if (r->actor->country == NULL)
		tv_set(d, "countries", choices(r, "provider.country", countries,
		    page_posted(r, "country", ""), "common.choose"));
	v = tv_obj(r->a);
	tv_set_str(v, "title_sq", page_posted(r, "title_sq", ""));
	tv_set_str(v, "title_en", page_posted(r, "title_en", ""));
	tv_set_str(v, "title_sr", page_posted(r, "title_sr", ""));
	tv_set(d, "v", v);
	page_errors(r, d);
	page_render(r, "provider_standards", d);
}

void
web_standard_add(struct req *r)
{
	const char *c = req_str(r, "country");

	after(r, standard_add(&r->svc, *c ? c : NULL, req_str(r, "title_sq"),
	    req_str(r, "title_en"), req_str(r, "title_sr"), NULL),
	    web_standards, "/admin/standards", "flash.standard_saved");
}

void
web_standard_update(struct req *r)
{
	after(r, standard_update(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "title_sq"),
	    req_str(r, "title_en"), req_str(r, "title_sr"),
	    req_bool(r, "active")), web_standards, "/admin/standards",
	    "flash.standard_saved");
}

void
web_standard_delete(struct req *r)
{
	after(r, standard_delete(&r->svc, req_param_id(r, 0)), web_standards,
	    "/admin/standards", "flash.standard_deleted");
}
