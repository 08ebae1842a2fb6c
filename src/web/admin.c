/*
 * admin.c — administration pages: users, agencies and teams, child
 * population (web layer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/agency.h"
#include "../svc/reference.h"
#include "../svc/user.h"
#include "../util/clock.h"
#include "render.h"
#include "web_grant.h"
#include "web.h"
#include "web_notify.h"

#define PAGE_SIZE 50

static struct tval *
role_options(struct req *r, const char *cur)
{
	struct tval *l = tv_list(r->a);
	int i;

	for (i = 0; i < ROLE__MAX; i++) {
		if (!authz_may_grant(r->actor, (enum role)i,
		    role_default_scope((enum role)i)))
			continue;
		tv_push(l, page_option(r, role_name((enum role)i), page_t(r,
		    arena_printf(r->a, "role.%s", role_name((enum role)i))),
		    cur && strcmp(cur, role_name((enum role)i)) == 0));
	}
	return l;
}

static struct tval *
scope_options(struct req *r, const char *cur)
{
	struct tval *l = tv_list(r->a);
	int i;

	tv_push(l, page_option(r, "", page_t(r, "scope.default"), cur == NULL ||
	    *cur == '\0'));
	for (i = 0; i < SCOPE__MAX; i++)
		tv_push(l, page_option(r, scope_name((enum scope)i), page_t(r,
		    arena_printf(r->a, "scope.%s", scope_name((enum scope)i))),
		    cur && strcmp(cur, scope_name((enum scope)i)) == 0));
	return l;
}

static struct tval *
lang_options(struct req *r, const char *cur)
{
	struct tval *l = tv_list(r->a);
	int i;

	for (i = 0; i < LANG__MAX; i++)
		tv_push(l, page_option(r, lang_code((enum lang)i), page_t(r,
		    arena_printf(r->a, "lang.%s", lang_code((enum lang)i))),
		    cur && strcmp(cur, lang_code((enum lang)i)) == 0));
	return l;
}

static struct tval *
agency_options(struct req *r, int64_t cur, int with_none)
{
	struct tval *l = tv_list(r->a);
	struct agency_info *ag;
	size_t n, i;

	/* An administrator must choose: no agency is picked for them. */
	tv_push(l, page_option(r, "", page_t(r, with_none ? "common.none" :
	    "common.choose"), cur == 0));
	if (agency_list(&r->svc, &ag, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++)
		if (ag[i].active || ag[i].id == cur)
			tv_push(l, page_option(r, arena_printf(r->a, "%lld",
			    (long long)ag[i].id), arena_printf(r->a, "%s — %s",
			    ag[i].code, ag[i].name), ag[i].id == cur));
	return l;
}

static void
user_row(struct req *r, struct tval *t, const struct user_info *u)
{
	tv_set_int(t, "id", u->a.id);
	tv_set_str(t, "username", u->a.username);
	tv_set_str(t, "full_name", u->a.full_name);
	tv_set_str(t, "role", page_t(r, arena_printf(r->a, "role.%s",
	    role_name(u->a.role))));
	tv_set_str(t, "scope", page_t(r, arena_printf(r->a, "scope.%s",
	    scope_name(u->a.scope))));
	tv_set_str(t, "agency", u->a.agency_name);
	tv_set_str(t, "team", u->a.team_name);
	if (u->active)
		tv_set_bool(t, "active", 1);
}

void
web_users(struct req *r)
{
	struct tval *d = page_data(r, "users.title"), *rows, *t;
	struct user_info *u;
	size_t n, i;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	enum svc_rc rc;

	rc = user_list(&r->svc, req_int(r, "agency"), PAGE_SIZE + 1,
	    (page - 1) * PAGE_SIZE, &u, &n);
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n && i < PAGE_SIZE; i++) {
		t = tv_obj(r->a);
		user_row(r, t, &u[i]);
		tv_push(rows, t);
	}
	tv_set(d, "users", rows);
	if (page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "/admin/users?page=%d",
		    page - 1));
	if (n > PAGE_SIZE)
		tv_set_str(d, "next", arena_printf(r->a, "/admin/users?page=%d",
		    page + 1));
	if (authz_allows(r->actor, PERM_USERS_WRITE, NULL))
		tv_set_bool(d, "can_write", 1);
	page_render(r, "users", d);
}

void
web_user_new(struct req *r)
{
	struct tval *d = page_data(r, "users.new"), *v = tv_obj(r->a);

	tv_set_str(v, "username", req_str(r, "username"));
	tv_set_str(v, "full_name", req_str(r, "full_name"));
	tv_set(d, "v", v);
	tv_set(d, "roles", role_options(r, req_str(r, "role")));
	tv_set(d, "scopes", scope_options(r, req_str(r, "scope")));
	tv_set(d, "langs", lang_options(r, req_has(r, "lang") ?
	    req_str(r, "lang") : "sq"));
	tv_set(d, "agencies", agency_options(r, req_int(r, "agency"),
	    r->actor->role == ROLE_SYSADMIN));
	if (r->actor->role == ROLE_SYSADMIN)
		tv_set(d, "donors", web_gr_donor_options(r,
		    req_int(r, "donor")));
	page_errors(r, d);
	page_render(r, "user_new", d);
}

void
web_user_create(struct req *r)
{
	struct user_new u;
	int64_t id;
	enum svc_rc rc;

	memset(&u, 0, sizeof(u));
	u.username = req_str(r, "username");
	u.full_name = req_str(r, "full_name");
	u.password = req_str(r, "password");
	u.role = role_parse(req_str(r, "role"));
	u.scope = req_has(r, "scope") ? scope_parse(req_str(r, "scope")) : -1;
	u.agency_id = req_int(r, "agency");
	u.team_id = req_int(r, "team");
	u.lang = req_has(r, "lang") ? lang_parse(req_str(r, "lang")) : LANG_SQ;
	u.donor_id = req_int(r, "donor");	/* a donor user's donor */
	u.must_change = 1;
	rc = user_create(&r->svc, &u, &id);
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_user_new(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/users/%lld", (long long)id),
	    "flash.user_created");
}

void
web_user_view(struct req *r)
{
	struct tval *d = page_data(r, "users.view"), *t, *teams;
	struct team_info *tm;
	struct user_info *u;
	size_t n, i;
	enum svc_rc rc;
	int64_t id = req_param_id(r, 0);

	if ((rc = user_get(&r->svc, id, &u)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	t = tv_obj(r->a);
	user_row(r, t, u);
	tv_set_int(t, "version", u->a.version);
	tv_set(d, "u", t);
	if (authz_allows(r->actor, PERM_USERS_WRITE, NULL) &&
	    r->actor->id != u->a.id)
		tv_set_bool(d, "can_write", 1);
	tv_set(d, "roles", role_options(r, role_name(u->a.role)));
	tv_set(d, "scopes", scope_options(r, scope_name(u->a.scope)));
	tv_set(d, "agencies", agency_options(r, u->a.agency_id,
	    r->actor->role == ROLE_SYSADMIN));
	teams = tv_list(r->a);
	tv_push(teams, page_option(r, "", page_t(r, "common.none"),
	    u->a.team_id == 0));
	if (u->a.agency_id && team_list(&r->svc, u->a.agency_id, &tm, &n) ==
	    SVC_OK)
		for (i = 0; i < n; i++)
			tv_push(teams, page_option(r, arena_printf(r->a, "%lld",
			    (long long)tm[i].id), tm[i].name,
			    tm[i].id == u->a.team_id));
	tv_set(d, "teams", teams);
	if (authz_allows(r->actor, PERM_USERS_WRITE, NULL) &&
	    r->actor->id != u->a.id) {
		tv_set_str(d, "mail_action", arena_printf(r->a,
		    "/admin/users/%lld/email#email", (long long)id));
		web_notify_email(r, d, id);
	}
	page_errors(r, d);
	page_render(r, "user_view", d);
}

void
web_user_update(struct req *r)
{
	struct user_edit e;
	enum svc_rc rc;

	memset(&e, 0, sizeof(e));
	e.id = req_param_id(r, 0);
	e.full_name = req_str(r, "full_name");
	e.role = role_parse(req_str(r, "role"));
	e.scope = scope_parse(req_str(r, "scope"));
	e.agency_id = req_int(r, "agency");
	e.team_id = req_int(r, "team");
	e.active = req_bool(r, "active");
	e.version = req_int(r, "version");
	rc = user_update(&r->svc, &e);
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = rc == SVC_CONFLICT ? 409 : 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_user_view(r);
		if (r->status == 200)
			r->status = rc == SVC_CONFLICT ? 409 : 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/users/%lld",
	    (long long)e.id), "flash.saved");
}

void
web_user_reset(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	rc = user_reset_password(&r->svc, id, req_str(r, "password"));
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_user_view(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/users/%lld", (long long)id),
	    "flash.password_reset");
}

static struct tval *
type_options(struct req *r, const char *cur)
{
	struct tval *l = tv_list(r->a);
	int i;

	for (i = 0; i < AGENCY__MAX; i++)
		tv_push(l, page_option(r, agency_type_name(i), page_t(r,
		    arena_printf(r->a, "agency.type.%s", agency_type_name(i))),
		    cur && strcmp(cur, agency_type_name(i)) == 0));
	return l;
}

static struct tval *
municipality_options(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct muni_info *m;
	int64_t only = authz_municipality_filter(r->actor);
	const char *country = authz_country_filter(r->actor);
	size_t n, i;

	if (ref_municipalities(&r->svc, &m, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++) {
		if (only != 0 && m[i].id != only)
			continue;
		if (country != NULL && strcmp(country, m[i].country) != 0)
			continue;
		tv_push(l, page_option(r, arena_printf(r->a, "%lld",
		    (long long)m[i].id), arena_printf(r->a, "%s (%s)",
		    r->lang == LANG_SR ? m[i].name_sr : m[i].name_sq,
		    m[i].country), m[i].id == cur));
	}
	return l;
}

void
web_agencies(struct req *r)
{
	struct tval *d = page_data(r, "agencies.title"), *rows, *t, *v;
	struct agency_info *ag;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = agency_list(&r->svc, &ag, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", ag[i].id);
		tv_set_str(t, "code", ag[i].code);
		tv_set_str(t, "name", ag[i].name);
		tv_set_str(t, "type", page_t(r, arena_printf(r->a,
		    "agency.type.%s", agency_type_name(ag[i].type))));
		tv_set_str(t, "municipality", ag[i].municipality_id ?
		    ag[i].municipality_name : ag[i].country ? ag[i].country : "");
		tv_set_int(t, "users", ag[i].users);
		if (ag[i].active)
			tv_set_bool(t, "active", 1);
		tv_push(rows, t);
	}
	tv_set(d, "agencies", rows);
	if (authz_allows(r->actor, PERM_AGENCIES_WRITE, NULL)) {
		tv_set_bool(d, "can_write", 1);
		v = tv_obj(r->a);
		tv_set_str(v, "code", req_str(r, "code"));
		tv_set_str(v, "name", req_str(r, "name"));
		tv_set(d, "v", v);
		tv_set(d, "types", type_options(r, req_str(r, "type")));
		tv_set(d, "municipalities", municipality_options(r,
		    req_int(r, "municipality")));
		if (r->actor->role == ROLE_SYSADMIN)
			tv_set_bool(d, "can_country", 1);
	}
	page_errors(r, d);
	page_render(r, "agencies", d);
}

void
web_agency_create(struct req *r)
{
	int64_t id;
	enum svc_rc rc;
	const char *country = req_has(r, "country") ? req_str(r, "country") : NULL;

	rc = agency_create(&r->svc, req_str(r, "code"), req_str(r, "name"),
	    agency_type_parse(req_str(r, "type")), req_int(r, "municipality"),
	    country, &id);
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_agencies(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/agencies/%lld",
	    (long long)id), "flash.agency_created");
}

void
web_agency_view(struct req *r)
{
	struct tval *d = page_data(r, "agencies.view"), *t, *teams, *tt;
	struct agency_info *ag;
	struct team_info *tm;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = agency_get(&r->svc, req_param_id(r, 0), &ag)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	t = tv_obj(r->a);
	tv_set_int(t, "id", ag->id);
	tv_set_str(t, "code", ag->code);
	tv_set_str(t, "name", ag->name);
	tv_set_str(t, "type_label", page_t(r, arena_printf(r->a,
	    "agency.type.%s", agency_type_name(ag->type))));
	tv_set_str(t, "municipality", ag->municipality_id ?
	    ag->municipality_name : ag->country ? ag->country : "");
	tv_set_int(t, "users", ag->users);
	if (ag->active)
		tv_set_bool(t, "active", 1);
	tv_set(d, "ag", t);
	tv_set(d, "types", type_options(r, agency_type_name(ag->type)));
	teams = tv_list(r->a);
	if (team_list(&r->svc, ag->id, &tm, &n) == SVC_OK)
		for (i = 0; i < n; i++) {
			tt = tv_obj(r->a);
			tv_set_str(tt, "name", tm[i].name);
			tv_set_int(tt, "members", tm[i].members);
			tv_push(teams, tt);
		}
	tv_set(d, "teams", teams);
	if (authz_allows(r->actor, PERM_AGENCIES_WRITE, NULL))
		tv_set_bool(d, "can_write", 1);
	page_errors(r, d);
	page_render(r, "agency_view", d);
}

static void
agency_result(struct req *r, enum svc_rc rc, const char *flash)
{
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_agency_view(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/agencies/%lld",
	    (long long)req_param_id(r, 0)), flash);
}

void
web_agency_update(struct req *r)
{
	agency_result(r, agency_update(&r->svc, req_param_id(r, 0),
	    req_str(r, "name"), agency_type_parse(req_str(r, "type")),
	    req_bool(r, "active")), "flash.saved");
}

void
web_team_create(struct req *r)
{
	agency_result(r, team_create(&r->svc, req_param_id(r, 0),
	    req_str(r, "name"), NULL), "flash.team_created");
}

static int
current_year(void)
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	return atoi(b + 6);
}

void
web_population(struct req *r)
{
	struct tval *d = page_data(r, "population.title"), *rows, *t;
	struct population_row *p;
	size_t n, i;
	int year = req_has(r, "year") ? (int)req_int(r, "year") : current_year();
	int64_t total = 0, known = 0;
	enum svc_rc rc;

	if ((rc = population_list(&r->svc, year, &p, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", p[i].municipality_id);
		tv_set_str(t, "code", p[i].code);
		tv_set_str(t, "name", p[i].name);
		tv_set_str(t, "country", p[i].country);
		/* Set either way: a missing key would be looked up in the
		 * page's scope, where "known" is the count of known rows. */
		tv_set_bool(t, "known", p[i].children >= 0);
		if (p[i].children >= 0) {
			tv_set_int(t, "children", p[i].children);
			tv_set_str(t, "children_fmt", page_num(r, p[i].children));
			total += p[i].children;
			known++;
		}
		if (p[i].estimated)
			tv_set_bool(t, "estimated", 1);
		tv_set_str(t, "source", p[i].source);
		tv_set_str(t, "updated", page_date(r, p[i].updated_at, 0));
		tv_set_int(t, "year", year);
		tv_push(rows, t);
	}
	tv_set(d, "rows", rows);
	tv_set_int(d, "year", year);
	tv_set_int(d, "prev_year", year - 1);
	tv_set_int(d, "next_year", year + 1);
	tv_set_str(d, "total", page_num(r, total));
	tv_set_int(d, "known", known);
	tv_set_int(d, "count", (int64_t)n);
	if (authz_allows(r->actor, PERM_POPULATION_WRITE, NULL))
		tv_set_bool(d, "can_write", 1);
	page_errors(r, d);
	page_render(r, "population", d);
}

void
web_population_set(struct req *r)
{
	enum svc_rc rc;
	int year = (int)req_int(r, "year");

	rc = population_set(&r->svc, req_int(r, "municipality"), year,
	    req_int(r, "children"), req_bool(r, "estimated"),
	    req_str(r, "source"));
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_population(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/admin/population?year=%d", year),
	    "flash.saved");
}
