/*
 * grant.c — the HTML side of donors, grants and the services grantees
 * deliver (web layer): /donors (donor_list.html, donor_view.html),
 * /grants (grant_list.html, grant_view.html) for readers and writers, and
 * /my-grants (grant_mine.html, grant_view.html with the grantee's forms)
 * for the grantee's users, and /donor (donor_home.html, donor_grant.html,
 * donor_project.html) for a donor's users: their grants and projects as
 * aggregates, with charts (doc/svg.h). Thin: validated input ->
 * svc/grant.c, svc/report.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/svg.h"
#include "../svc/agency.h"
#include "../svc/grant.h"
#include "../svc/provider.h"
#include "../svc/report.h"
#include "render.h"
#include "web_children.h"
#include "web_grant.h"
#include "web_report.h"

#define GR_SERVICE_FIELDS	5
#define GR_MUNI_FIELDS		3
#define GR_REPORT_FIELDS	4

/* ---------------------------------------------------------------- helpers */

const char *
web_gr_money(struct req *r, int64_t cents, int euro)
{
	const char *sep = r->lang == LANG_EN ? "." : ",";

	if (!euro && cents % 100 == 0)
		return page_num(r, cents / 100);
	return arena_printf(r->a, "%s%s%02d%s", page_num(r, cents / 100), sep,
	    (int)(cents % 100), euro ? " €" : "");
}

const char *
web_gr_posted(struct req *r, const char *name)
{
	return r->method == M_POST ? req_str(r, name) : "";
}

static const char *
id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

/* Labels of codes separated by commas (prefix.code), joined by ", ". */
static const char *
code_labels(struct req *r, const char *prefix, const char *codes)
{
	struct buf b;
	const char *p = codes, *e;
	int n = 0;

	buf_init(&b, r->a);
	while (p != NULL && *p) {
		e = strchr(p, ',');
		if (n++)
			buf_puts(&b, ", ");
		buf_puts(&b, page_t(r, arena_printf(r->a, "%s.%.*s", prefix,
		    (int)(e ? e - p : (ptrdiff_t)strlen(p)), p)));
		p = e ? e + 1 : NULL;
	}
	return n == 0 || b.oom ? "" : b.p;
}

/* A stale edit: who changed the grant since the form was read, and when
 * (as a case's conflict says: web_case_conflict()). */
static const char *
conflict_msg(struct req *r)
{
	struct svc s = r->svc;
	const char *who;
	int64_t at;

	if (strcmp(r->svc.err.msg, "grant.err.conflict") != 0 ||
	    grant_last_change(&s, req_param_id(r, 0), &who, &at) != SVC_OK)
		return r->svc.err.msg;
	return arena_printf(r->a, "%s %s, %s. %s", page_t(r,
	    "grant.conflict.by"), who, page_date(r, at, 1), page_t(r,
	    "grant.conflict.again"));
}

void
web_gr_after(struct req *r, enum svc_rc rc, void (*again)(struct req *),
    const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, rc == SVC_CONFLICT ?
		    conflict_msg(r) : r->svc.err.msg);
		again(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

/* A count as shown: "<5" when suppressed for a donor's user. */
static const char *
fig(struct req *r, int64_t v)
{
	return v == GRANT_SUPPRESSED ? "<5" : page_num(r, v);
}

static struct tval *
grant_obj(struct req *r, const struct grant_info *g)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", g->id);
	tv_set_int(t, "donor_id", g->donor_id);
	tv_set_str(t, "donor", g->donor);
	tv_set_str(t, "grantee", g->grantee);
	tv_set_str(t, "number", g->number);
	tv_set_str(t, "title", g->title);
	tv_set_str(t, "amount", web_gr_money(r, g->amount_cents, 1));
	tv_set_str(t, "start", web_child_date(r, g->start));
	tv_set_str(t, "end", web_child_date(r, g->end));
	tv_set_int(t, "version", g->version);
	tv_set_str(t, "status_code", g->status);
	tv_set_str(t, "status", page_t(r, arena_printf(r->a,
	    "grant.status.%s", g->status)));
	tv_set_str(t, "services", code_labels(r, "provider.service",
	    g->services));
	tv_set_str(t, "municipalities", g->municipalities);
	tv_set_str(t, "people", fig(r, g->people));
	tv_set_str(t, "children", fig(r, g->children));
	tv_set_str(t, "adults", fig(r, g->adults));
	if (g->people > 0 && g->cents_per_person > 0)
		tv_set_str(t, "per_person", web_gr_money(r,
		    g->cents_per_person, 1));
	if (g->late > 0)
		tv_set_int(t, "late", g->late);
	return t;
}

static struct tval *
grants_list(struct req *r, const struct grant_info *g, size_t n)
{
	struct tval *l = tv_list(r->a);
	size_t i;

	for (i = 0; i < n; i++)
		tv_push(l, grant_obj(r, &g[i]));
	return l;
}

static struct tval *
donor_obj(struct req *r, const struct donor_info *d)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", d->id);
	tv_set_str(t, "name", d->name);
	tv_set_str(t, "kind", page_t(r, arena_printf(r->a,
	    "grant.donor_kind.%s", d->kind)));
	tv_set_str(t, "country", d->country);
	tv_set_str(t, "programme", d->programme);
	tv_set_str(t, "start", web_child_date(r, d->start));
	tv_set_str(t, "end", web_child_date(r, d->end));
	tv_set_str(t, "grants", page_num(r, d->grants));
	tv_set_str(t, "amount", web_gr_money(r, d->amount_cents, 1));
	return t;
}

/* The donors as options, cur selected. */
struct tval *
web_gr_donor_options(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct donor_info *d;
	size_t n, i;

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (grant_donors(&r->svc, &d, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			tv_push(l, page_option(r, id_text(r, d[i].id),
			    arena_printf(r->a, "%s — %s", d[i].name,
			    d[i].programme), d[i].id == cur));
	return l;
}

/* The provider agencies the actor sees, as options. */
static struct tval *
grantee_options(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct agency_info *a;
	size_t n, i;

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (agency_list(&r->svc, &a, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			if (a[i].type == AGENCY_PROVIDER && a[i].active)
				tv_push(l, page_option(r, id_text(r, a[i].id),
				    a[i].name, a[i].id == cur));
	return l;
}

/* ---------------------------------------------------------------- donors */

void
web_gr_donors(struct req *r)
{
	struct donor_info *d;
	struct tval *data, *l, *v;
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = grant_donors(&r->svc, &d, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	data = page_data(r, "grant.donors.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, donor_obj(r, &d[i]));
	tv_set(data, "donors", l);
	if (authz_allows(r->actor, PERM_GRANTS_WRITE, NULL)) {
		tv_set_bool(data, "can_write", 1);
		v = tv_obj(r->a);
		tv_set_str(v, "name", web_gr_posted(r, "name"));
		tv_set_str(v, "country", web_gr_posted(r, "country"));
		tv_set_str(v, "programme", web_gr_posted(r, "programme"));
		tv_set_str(v, "start", web_gr_posted(r, "start"));
		tv_set_str(v, "end", web_gr_posted(r, "end"));
		tv_set(data, "v", v);
		tv_set(data, "kinds", web_child_options(r, grant_donor_kinds,
		    "grant.donor_kind", web_gr_posted(r, "kind"), "common.choose"));
	}
	web_child_errors(r, data);
	page_render(r, "donor_list", data);
}

void
web_gr_donor_create(struct req *r)
{
	struct donor_new n;
	int64_t id = 0;

	memset(&n, 0, sizeof(n));
	n.name = req_str(r, "name");
	n.kind = req_str(r, "kind");
	n.country = req_str(r, "country");
	n.programme = req_str(r, "programme");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	web_gr_after(r, grant_donor_create(&r->svc, &n, &id), web_gr_donors,
	    arena_printf(r->a, "/donors/%lld", (long long)id),
	    "flash.grant_donor");
}

void
web_gr_donor(struct req *r)
{
	struct donor_info *d;
	struct grant_info *g;
	struct grant_filter f;
	struct tval *data;
	size_t n;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	f.donor = req_param_id(r, 0);
	if ((rc = grant_donor_get(&r->svc, f.donor, &d)) != SVC_OK ||
	    (rc = grant_list(&r->svc, &f, &g, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	data = page_data(r, "grant.donor.title");
	tv_set(data, "d", donor_obj(r, d));
	tv_set(data, "grants", grants_list(r, g, n));
	page_render(r, "donor_view", data);
}

/* ---------------------------------------------------------------- grants */

void
web_gr_grants(struct req *r)
{
	struct grant_filter f;
	struct grant_info *g;
	struct tval *data, *v, *l;
	int status = r->status, i;
	const char *k;
	size_t n;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	if (r->method == M_GET) {
		f.donor = req_int(r, "donor");
		f.grantee = req_int(r, "grantee");
		f.municipality = req_int(r, "municipality");
		f.active_on = req_str(r, "active_on");
	}
	if ((rc = grant_list(&r->svc, &f, &g, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	data = page_data(r, "grant.grants.title");
	tv_set(data, "grants", grants_list(r, g, n));
	tv_set_int(data, "count", (int64_t)n);
	/* The filters. */
	v = tv_obj(r->a);
	tv_set(v, "donors", web_gr_donor_options(r, f.donor));
	tv_set(v, "grantees", grantee_options(r, f.grantee));
	tv_set(v, "municipalities", web_child_munis(r, f.municipality));
	tv_set_str(v, "active_on", f.active_on ? f.active_on : "");
	tv_set(data, "f", v);
	if (authz_allows(r->actor, PERM_GRANTS_WRITE, NULL)) {
		tv_set_bool(data, "can_write", 1);
		v = tv_obj(r->a);
		tv_set(v, "donors", web_gr_donor_options(r, r->method == M_POST ?
		    req_int(r, "donor") : 0));
		tv_set(v, "grantees", grantee_options(r, r->method == M_POST ?
		    req_int(r, "grantee") : 0));
		tv_set_str(v, "number", web_gr_posted(r, "number"));
		tv_set_str(v, "title", web_gr_posted(r, "title"));
		tv_set_str(v, "amount", web_gr_posted(r, "amount"));
		tv_set_str(v, "start", web_gr_posted(r, "start"));
		tv_set_str(v, "end", web_gr_posted(r, "end"));
		tv_set(v, "statuses", web_child_options(r, grant_statuses,
		    "grant.status", *web_gr_posted(r, "status") ? web_gr_posted(r,
		    "status") : "active", NULL));
		l = tv_list(r->a);
		for (i = 1; i <= GR_MUNI_FIELDS; i++) {
			struct tval *t = tv_obj(r->a);

			k = arena_printf(r->a, "municipality_%d", i);
			tv_set_str(t, "name", k);
			tv_set_int(t, "n", i);
			tv_set(t, "options", web_child_munis(r,
			    r->method == M_POST ? req_int(r, k) : i == 1 ?
			    r->actor->municipality_id : 0));
			tv_push(l, t);
		}
		tv_set(v, "munis", l);
		l = tv_list(r->a);
		for (i = 1; i <= GR_SERVICE_FIELDS; i++) {
			struct tval *t = tv_obj(r->a);

			k = arena_printf(r->a, "service_%d", i);
			tv_set_str(t, "name", k);
			tv_set_int(t, "n", i);
			tv_set(t, "options", web_child_options(r,
			    provider_services, "provider.service",
			    web_gr_posted(r, k), "common.choose"));
			tv_push(l, t);
		}
		tv_set(v, "services", l);
		l = tv_list(r->a);
		for (i = 1; i <= GR_REPORT_FIELDS; i++) {
			struct tval *t = tv_obj(r->a);

			k = arena_printf(r->a, "report_%d", i);
			tv_set_str(t, "name", k);
			tv_set_int(t, "n", i);
			tv_set_str(t, "value", web_gr_posted(r, k));
			tv_push(l, t);
		}
		tv_set(v, "reports", l);
		tv_set(data, "v", v);
	}
	web_child_errors(r, data);
	page_render(r, "grant_list", data);
}

void
web_gr_grant_create(struct req *r)
{
	const char *services[GR_SERVICE_FIELDS], *reports[GR_REPORT_FIELDS];
	int64_t munis[GR_MUNI_FIELDS], id = 0;
	struct grant_new n;
	const char *k;
	int i;

	memset(&n, 0, sizeof(n));
	n.donor_id = req_int(r, "donor");
	n.grantee_id = req_int(r, "grantee");
	n.number = req_str(r, "number");
	n.title = req_str(r, "title");
	n.amount = req_str(r, "amount");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.status = req_str(r, "status");
	for (i = 1; i <= GR_MUNI_FIELDS; i++) {
		k = arena_printf(r->a, "municipality_%d", i);
		if (req_int(r, k) > 0)
			munis[n.nmunicipalities++] = req_int(r, k);
	}
	/* A municipal administrator's own municipality when none chosen. */
	if (n.nmunicipalities == 0 && r->actor->municipality_id != 0)
		munis[n.nmunicipalities++] = r->actor->municipality_id;
	for (i = 1; i <= GR_SERVICE_FIELDS; i++) {
		k = req_str(r, arena_printf(r->a, "service_%d", i));
		if (*k)
			services[n.nservices++] = k;
	}
	for (i = 1; i <= GR_REPORT_FIELDS; i++) {
		k = req_str(r, arena_printf(r->a, "report_%d", i));
		if (*k)
			reports[n.nreports++] = k;
	}
	n.municipalities = munis;
	n.services = services;
	n.reports = reports;
	web_gr_after(r, grant_create(&r->svc, &n, &id), web_gr_grants,
	    arena_printf(r->a, "/grants/%lld", (long long)id),
	    "flash.grant_created");
}

/* The n-th code of a list separated by commas ("" past the end). */
static const char *
nth_code(struct req *r, const char *list, int n)
{
	const char *p = list, *e;

	while (p != NULL && *p) {
		e = strchr(p, ',');
		if (n-- == 0)
			return arena_strndup(r->a, p, e ? (size_t)(e - p) :
			    strlen(p));
		p = e ? e + 1 : NULL;
	}
	return "";
}

/* The edit form of grant g: posted values after an error, else g's. */
static struct tval *
edit_form(struct req *r, const struct grant_info *g)
{
	struct tval *v = tv_obj(r->a), *l, *t;
	int post = r->method == M_POST && req_has(r, "title"), i;
	const char *k;

	tv_set_int(v, "version", post ? req_int(r, "version") : g->version);
	tv_set_str(v, "title", post ? req_str(r, "title") : g->title);
	tv_set_str(v, "amount", post ? req_str(r, "amount") :
	    arena_printf(r->a, "%lld,%02d", (long long)(g->amount_cents / 100),
	    (int)(g->amount_cents % 100)));
	tv_set_str(v, "start", post ? req_str(r, "start") :
	    web_child_date(r, g->start));
	tv_set_str(v, "end", post ? req_str(r, "end") :
	    web_child_date(r, g->end));
	l = tv_list(r->a);
	for (i = 1; i <= GR_MUNI_FIELDS; i++) {
		t = tv_obj(r->a);
		k = arena_printf(r->a, "municipality_%d", i);
		tv_set_str(t, "name", k);
		tv_set_int(t, "n", i);
		tv_set(t, "options", web_child_munis(r, post ? req_int(r, k) :
		    atoll(nth_code(r, g->municipality_ids, i - 1))));
		tv_push(l, t);
	}
	tv_set(v, "munis", l);
	l = tv_list(r->a);
	for (i = 1; i <= GR_SERVICE_FIELDS; i++) {
		t = tv_obj(r->a);
		k = arena_printf(r->a, "service_%d", i);
		tv_set_str(t, "name", k);
		tv_set_int(t, "n", i);
		tv_set(t, "options", web_child_options(r, provider_services,
		    "provider.service", post ? req_str(r, k) :
		    nth_code(r, g->services, i - 1), "common.none"));
		tv_push(l, t);
	}
	tv_set(v, "services", l);
	return v;
}

/* The grant page for readers (grantee = 0) and the grantee's users. */
/* The statuses a grant may move to from status (grant_status_set()). */
static const char *const *
next_status(const char *status)
{
	static const char *const from_active[] = { "suspended", "closed",
		NULL };
	static const char *const from_suspended[] = { "active", "closed",
		NULL };

	return strcmp(status, "suspended") == 0 ? from_suspended : from_active;
}

static void
grant_page(struct req *r, int grantee)
{
	struct grant_full *f;
	struct tval *data, *l, *t, *v;
	int status = r->status;
	size_t i;
	enum svc_rc rc;

	if ((rc = grant_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	data = page_data(r, "grant.grant.title");
	tv_set(data, "g", grant_obj(r, &f->g));
	if (grantee)
		tv_set_bool(data, "grantee", 1);
	else if (authz_allows(r->actor, PERM_GRANTS_WRITE, NULL)) {
		tv_set_bool(data, "can_write", 1);
		if (strcmp(f->g.status, "closed") != 0)
			tv_set(data, "next_statuses", web_child_options(r,
			    next_status(f->g.status), "grant.status",
			    req_str(r, "status"), NULL));
		tv_set_str(data, "status_reason", req_str(r, "reason"));
		if (strcmp(f->g.status, "closed") != 0)
			tv_set(data, "e", edit_form(r, &f->g));
	}
	l = tv_list(r->a);
	for (i = 0; i < f->ncategories; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "label", page_t(r, arena_printf(r->a,
		    "grant.category.%s", f->categories[i].category)));
		tv_set_str(t, "people", fig(r, f->categories[i].people));
		tv_push(l, t);
	}
	tv_set(data, "categories", l);
	l = tv_list(r->a);
	for (i = 0; i < f->nreports; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", f->reports[i].id);
		tv_set_str(t, "due", web_child_date(r, f->reports[i].due));
		if (f->reports[i].reported_at)
			tv_set_str(t, "reported", page_date(r,
			    f->reports[i].reported_at, 0));
		else if (grantee)
			tv_set_bool(t, "can_submit", 1);
		else if (authz_allows(r->actor, PERM_GRANTS_WRITE, NULL))
			tv_set_bool(t, "can_remove", 1);
		if (f->reports[i].late)
			tv_set_bool(t, "late", 1);
		tv_push(l, t);
	}
	tv_set(data, "reports", l);
	l = tv_list(r->a);
	for (i = 0; i < f->nserved; i++) {
		const struct grant_served *b = &f->served[i];

		t = tv_obj(r->a);
		tv_set_str(t, "code", b->code);
		tv_set_str(t, "kind", page_t(r, arena_printf(r->a,
		    "grant.kind.%s", b->kind)));
		tv_set_str(t, "sex", web_child_sex(r, b->sex));
		tv_set_str(t, "age", *b->age_band ? page_t(r, arena_printf(r->a,
		    "grant.band.%s", b->age_band)) : id_text(r, b->birth_year));
		tv_set_str(t, "categories", code_labels(r, "grant.category",
		    b->categories));
		tv_set_str(t, "services", code_labels(r, "provider.service",
		    b->services));
		tv_set_str(t, "deliveries", page_num(r, b->deliveries));
		tv_set_str(t, "last", web_child_date(r, b->last));
		tv_push(l, t);
	}
	tv_set(data, "served", l);
	if (grantee) {
		const char *cur = web_gr_posted(r, "service");
		const char *svc = f->g.services, *e;
		char *code;

		v = tv_obj(r->a);
		tv_set_str(v, "code", web_gr_posted(r, "code"));
		tv_set_str(v, "birth_year", web_gr_posted(r, "birth_year"));
		tv_set_str(v, "date", web_gr_posted(r, "date"));
		tv_set_str(v, "beneficiary", web_gr_posted(r, "beneficiary"));
		tv_set(v, "kinds", web_child_options(r, grant_kinds,
		    "grant.kind", web_gr_posted(r, "kind"), "common.choose"));
		tv_set(v, "sexes", web_child_options(r,
		    (const char *const[]){ "f", "m", "u", NULL }, "sex",
		    web_gr_posted(r, "sex"), "common.choose"));
		tv_set(v, "bands", web_child_options(r, grant_age_bands,
		    "grant.band", web_gr_posted(r, "age_band"), "common.none"));
		l = tv_list(r->a);
		for (i = 0; grant_categories[i] != NULL; i++) {
			const char *name = arena_printf(r->a, "category_%s",
			    grant_categories[i]);

			t = tv_obj(r->a);
			tv_set_str(t, "name", name);
			tv_set_str(t, "label", page_t(r, arena_printf(r->a,
			    "grant.category.%s", grant_categories[i])));
			if (r->method == M_POST && req_bool(r, name))
				tv_set_bool(t, "checked", 1);
			tv_push(l, t);
		}
		tv_set(v, "categories", l);
		/* The services the grant funds. */
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "common.choose"),
		    !*cur));
		while (svc != NULL && *svc) {
			e = strchr(svc, ',');
			code = arena_strndup(r->a, svc, e ? (size_t)(e - svc) :
			    strlen(svc));
			tv_push(l, page_option(r, code, page_t(r,
			    arena_printf(r->a, "provider.service.%s", code)),
			    strcmp(cur, code) == 0));
			svc = e ? e + 1 : NULL;
		}
		tv_set(v, "services", l);
		tv_set(data, "v", v);
	} else
		tv_set_str(data, "date", web_gr_posted(r, "date"));
	web_child_errors(r, data);
	page_render(r, "grant_view", data);
}

void
web_gr_grant(struct req *r)
{
	grant_page(r, 0);
}

void
web_gr_mine_grant(struct req *r)
{
	grant_page(r, 1);
}

void
web_gr_report_date_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	web_gr_after(r, grant_report_date_add(&r->svc, id, req_str(r, "date")),
	    web_gr_grant, arena_printf(r->a, "/grants/%lld", (long long)id),
	    "flash.grant_report_date");
}

void
web_gr_update(struct req *r)
{
	const char *services[GR_SERVICE_FIELDS];
	int64_t munis[GR_MUNI_FIELDS], id = req_param_id(r, 0);
	struct grant_edit e;
	const char *k;
	int i;

	memset(&e, 0, sizeof(e));
	e.version = req_int(r, "version");
	e.title = req_str(r, "title");
	e.amount = req_str(r, "amount");
	e.start = req_str(r, "start");
	e.end = req_str(r, "end");
	for (i = 1; i <= GR_MUNI_FIELDS; i++) {
		k = arena_printf(r->a, "municipality_%d", i);
		if (req_int(r, k) > 0)
			munis[e.nmunicipalities++] = req_int(r, k);
	}
	for (i = 1; i <= GR_SERVICE_FIELDS; i++) {
		k = req_str(r, arena_printf(r->a, "service_%d", i));
		if (*k)
			services[e.nservices++] = k;
	}
	e.municipalities = munis;
	e.services = services;
	web_gr_after(r, grant_update(&r->svc, id, &e), web_gr_grant,
	    arena_printf(r->a, "/grants/%lld", (long long)id),
	    "flash.grant_saved");
}

void
web_gr_report_date_remove(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	web_gr_after(r, grant_report_date_remove(&r->svc, id,
	    req_param_id(r, 1), req_str(r, "reason")), web_gr_grant,
	    arena_printf(r->a, "/grants/%lld", (long long)id),
	    "flash.grant_report_date_removed");
}

void
web_gr_status(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	web_gr_after(r, grant_status_set(&r->svc, id, req_int(r, "version"),
	    req_str(r, "status"), req_str(r, "reason")), web_gr_grant,
	    arena_printf(r->a, "/grants/%lld", (long long)id),
	    "flash.grant_status");
}

void
web_gr_mine(struct req *r)
{
	struct grant_info *g;
	struct tval *data;
	size_t n;
	enum svc_rc rc;

	if ((rc = grant_mine(&r->svc, &g, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	data = page_data(r, "grant.mine.title");
	tv_set_bool(data, "grantee_view", 1);
	tv_set(data, "grants", grants_list(r, g, n));
	page_render(r, "grant_mine", data);
}

void
web_gr_beneficiary_add(struct req *r)
{
	const char *cats[8];
	struct beneficiary_new n;
	int64_t id = req_param_id(r, 0);
	size_t i;

	memset(&n, 0, sizeof(n));
	n.code = req_str(r, "code");
	n.kind = req_str(r, "kind");
	n.sex = req_str(r, "sex");
	n.age_band = req_str(r, "age_band");
	n.birth_year = req_int(r, "birth_year");
	for (i = 0; grant_categories[i] != NULL && n.ncategories < 8; i++)
		if (req_bool(r, arena_printf(r->a, "category_%s",
		    grant_categories[i])))
			cats[n.ncategories++] = grant_categories[i];
	n.categories = cats;
	web_gr_after(r, grant_beneficiary_add(&r->svc, id, &n, NULL),
	    web_gr_mine_grant, arena_printf(r->a, "/my-grants/%lld",
	    (long long)id), "flash.grant_beneficiary");
}

void
web_gr_delivery_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	web_gr_after(r, grant_delivery_add(&r->svc, id, req_str(r, "date"),
	    req_str(r, "service"), req_str(r, "beneficiary"), NULL),
	    web_gr_mine_grant, arena_printf(r->a, "/my-grants/%lld",
	    (long long)id), "flash.grant_delivery");
}

void
web_gr_report_submit(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	rc = grant_report_submit(&r->svc, id, req_param_id(r, 1));
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/my-grants/%lld", (long long)id),
	    "flash.grant_report");
}

/* ---------------------------------------------------------------- donors' users */

/* A bar chart of the grants: v(g) each; NULL when nothing to draw. */
static const char *
grants_chart(struct req *r, const char *title, const struct grant_info *g,
    size_t n, int per_person)
{
	struct svg_item *it;
	struct buf b;
	size_t i;

	if (n == 0 || n > SVG_MAX_ITEMS ||
	    (it = arena_zalloc(r->a, n * sizeof(*it))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		int64_t v = per_person ? g[i].cents_per_person : g[i].people;

		it[i].label = g[i].number;
		it[i].suppressed = v == GRANT_SUPPRESSED;
		it[i].missing = v == 0 && per_person;
		/* Whole euros per person. */
		it[i].v = v < 0 ? 0 : per_person ? (v + 50) / 100 : v;
	}
	buf_init(&b, r->a);
	return svg_bars(&b, title, it, n) == SVG_OK ? b.p : NULL;
}

void
web_donor_home(struct req *r)
{
	struct project_info *p;
	struct donor_info *d;
	struct grant_info *g;
	struct tval *data, *l, *t;
	const char *svg;
	size_t n, np, i;
	enum svc_rc rc;

	data = page_data(r, "donor.home.title");
	rc = grant_donor_mine(&r->svc, &d);
	if (rc == SVC_NOTFOUND) {
		/* A donor user not (or no longer) tied to a donor. */
		tv_set_bool(data, "no_donor", 1);
		page_render(r, "donor_home", data);
		return;
	}
	if (rc != SVC_OK || (rc = grant_list(&r->svc, NULL, &g, &n)) !=
	    SVC_OK || (rc = report_projects(&r->svc, &p, &np)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	tv_set(data, "d", donor_obj(r, d));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = grant_obj(r, &g[i]);
		tv_set_str(t, "grantee_name", g[i].grantee);
		tv_push(l, t);
	}
	tv_set(data, "grants", l);
	if ((svg = grants_chart(r, page_t(r, "donor.chart.people"), g, n,
	    0)) != NULL)
		tv_set_str(data, "chart_people", svg);
	if ((svg = grants_chart(r, page_t(r, "donor.chart.per_person"), g, n,
	    1)) != NULL)
		tv_set_str(data, "chart_per_person", svg);
	l = tv_list(r->a);
	for (i = 0; i < np; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", p[i].id);
		tv_set_str(t, "name", p[i].name);
		tv_set_str(t, "start", web_child_date(r, p[i].start));
		tv_set_str(t, "end", web_child_date(r, p[i].end));
		tv_push(l, t);
	}
	tv_set(data, "projects", l);
	page_render(r, "donor_home", data);
}

void
web_donor_grant(struct req *r)
{
	struct grant_full *f;
	struct svg_item *it;
	struct tval *data, *l, *t;
	struct buf b;
	size_t i, done = 0, late = 0;
	enum svc_rc rc;

	if ((rc = grant_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	data = page_data(r, "donor.grant.title");
	tv_set(data, "g", grant_obj(r, &f->g));
	l = tv_list(r->a);
	if ((it = arena_zalloc(r->a, (f->ncategories + 1) * sizeof(*it))) ==
	    NULL) {
		page_fail(r, SVC_TOOBIG, &r->svc.err);
		return;
	}
	for (i = 0; i < f->ncategories; i++) {
		t = tv_obj(r->a);
		it[i].label = page_t(r, arena_printf(r->a, "grant.category.%s",
		    f->categories[i].category));
		it[i].suppressed = f->categories[i].people == GRANT_SUPPRESSED;
		it[i].v = it[i].suppressed ? 0 : f->categories[i].people;
		tv_set_str(t, "label", it[i].label);
		tv_set_str(t, "people", fig(r, f->categories[i].people));
		tv_push(l, t);
	}
	tv_set(data, "categories", l);
	buf_init(&b, r->a);
	if (svg_bars(&b, page_t(r, "grant.by_category"), it,
	    f->ncategories) == SVG_OK)
		tv_set_str(data, "chart", b.p);
	l = tv_list(r->a);
	for (i = 0; i < f->nreports; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "due", web_child_date(r, f->reports[i].due));
		if (f->reports[i].reported_at) {
			tv_set_str(t, "reported", page_date(r,
			    f->reports[i].reported_at, 0));
			done++;
		}
		if (f->reports[i].late) {
			tv_set_bool(t, "late", 1);
			late++;
		}
		tv_push(l, t);
	}
	tv_set(data, "reports", l);
	tv_set_str(data, "reports_done", page_num(r, (int64_t)done));
	tv_set_str(data, "reports_late", page_num(r, (int64_t)late));
	tv_set_str(data, "reports_total", page_num(r, (int64_t)f->nreports));
	page_render(r, "donor_grant", data);
}

void
web_donor_project(struct req *r)
{
	struct report_benef *b;
	struct tval *data, *tabs;
	enum svc_rc rc;

	if ((rc = report_beneficiaries(&r->svc, req_param_id(r, 0), &b)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	data = page_data(r, "donor.project.title");
	tv_set_str(data, "name", b->p->name);
	tv_set_str(data, "start", web_child_date(r, b->p->start));
	tv_set_str(data, "end", web_child_date(r, b->p->end));
	tv_set_str(data, "summary", b->summary);
	tabs = tv_list(r->a);
	tv_push(tabs, web_rt_tval(r, &b->children, 1));
	tv_push(tabs, web_rt_tval(r, &b->professionals, 1));
	tv_push(tabs, web_rt_tval(r, &b->grants, 3));
	tv_set(data, "tables", tabs);
	page_render(r, "donor_project", data);
}
