/*
 * handlers.c — the JSON API (api layer). See api.h and docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/agency.h"
#include "../svc/auditlog.h"
#include "../svc/auth.h"
#include "../svc/reference.h"
#include "../svc/user.h"
#include "../util/clock.h"
#include "api.h"

static const char *
status_code(int status)
{
	switch (status) {
	case 400: return "invalid";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 414: return "uri_too_long";
	case 415: return "unsupported_media_type";
	case 429: return "locked";
	case 503: return "unavailable";
	default: return "error";
	}
}

static void
json_error(struct req *r, int status, const char *msg)
{
	struct jw w;
	enum lang l = r->lang < LANG__MAX ? r->lang : LANG_SQ;

	r->status = status;
	r->out.len = 0;
	r->ctype = "application/json";
	jw_init(&w, &r->out);
	jw_obj_open(&w);
	jw_kstr(&w, "error", status_code(status));
	jw_kstr(&w, "message", i18n_get(l, msg));
	if (r->nerrors > 0 && r->errors[0].field != NULL)
		jw_kstr(&w, "field", r->errors[0].field);
	jw_obj_close(&w);
	if (status == 503)
		req_header(r, "Retry-After", "5");
}

void
api_init(void)
{
	http_error_json = json_error;
}

/*
 * "a, b,c" as its items (arena strings); *n of them. Commas and spaces both
 * separate, and never more items than the array holds (regression: the
 * copy in the intake handler counted commas only, so "A B" wrote past it).
 */
const char **
api_split(struct req *r, const char *s, size_t *n)
{
	const char **v;
	char *copy, *tok, *save = NULL;
	size_t cap = 1;
	const char *p;

	*n = 0;
	if (s == NULL)
		s = "";
	for (p = s; *p; p++)
		if (*p == ',' || *p == ' ')
			cap++;
	if ((v = arena_zalloc(r->a, cap * sizeof(*v))) == NULL ||
	    (copy = arena_strdup(r->a, s)) == NULL)
		return NULL;
	for (tok = strtok_r(copy, ", ", &save); tok != NULL && *n < cap;
	    tok = strtok_r(NULL, ", ", &save))
		v[(*n)++] = tok;
	return v;
}

void
api_fail(struct req *r, enum svc_rc rc)
{
	if (r->svc.err.field != NULL)
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
	json_error(r, http_status_of(rc), r->svc.err.msg ? r->svc.err.msg :
	    "error.unavailable");
}

void
api_begin(struct req *r, struct jw *w, int status)
{
	r->status = status;
	r->ctype = "application/json";
	jw_init(w, &r->out);
}

static void
actor_json(struct jw *w, const struct actor *a)
{
	jw_kint(w, "id", a->id);
	jw_kstr(w, "username", a->username);
	jw_kstr(w, "full_name", a->full_name);
	jw_kstr(w, "role", role_name(a->role));
	jw_kstr(w, "scope", scope_name(a->scope));
	jw_key(w, "agency");
	if (a->agency_id) {
		jw_obj_open(w);
		jw_kint(w, "id", a->agency_id);
		jw_kstr(w, "code", a->agency_code);
		jw_kstr(w, "name", a->agency_name);
		jw_key(w, "municipality_id");
		if (a->municipality_id)
			jw_int(w, a->municipality_id);
		else
			jw_null(w);
		jw_kstr(w, "country", a->country);
		jw_obj_close(w);
	} else
		jw_null(w);
	jw_key(w, "team");
	if (a->team_id) {
		jw_obj_open(w);
		jw_kint(w, "id", a->team_id);
		jw_kstr(w, "name", a->team_name);
		jw_obj_close(w);
	} else
		jw_null(w);
	jw_kstr(w, "lang", lang_code(a->lang));
}

void
api_me(struct req *r)
{
	struct jw w;

	api_begin(r, &w, 200);
	jw_obj_open(&w);
	actor_json(&w, r->actor);
	jw_kbool(&w, "must_change_password", r->actor->must_change_pw);
	jw_obj_close(&w);
}

void
api_token_create(struct req *r)
{
	char tok[AUTH_TOKEN_LEN];
	int64_t id = 0;
	struct jw w;
	enum svc_rc rc;

	rc = auth_token_login(&r->svc, req_str(r, "username"),
	    req_str(r, "password"), req_str(r, "name"), tok, &id);
	if (rc == SVC_DENIED && r->svc.err.msg != NULL &&
	    strcmp(r->svc.err.msg, "error.password.must_change") == 0) {
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		json_error(r, 403, r->svc.err.msg);
		return;
	}
	if (rc == SVC_DENIED) {
		json_error(r, 401, "error.login.failed");
		return;
	}
	if (rc == SVC_LOCKED) {
		req_header(r, "Retry-After", arena_printf(r->a, "%d", 60 *
		    (r->svc.err.arg ? atoi(r->svc.err.arg) : 1)));
		json_error(r, 429, "error.login.locked");
		return;
	}
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kstr(&w, "token", tok);
	jw_kint(&w, "id", id);
	jw_kint(&w, "expires_in", auth_config()->token_life);
	jw_obj_close(&w);
}

void
api_token_list(struct req *r)
{
	struct auth_token_info *t;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = auth_token_list(&r->svc, &t, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "tokens");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", t[i].id);
		jw_kstr(&w, "name", t[i].name);
		jw_kint(&w, "created_at", t[i].created);
		jw_kint(&w, "expires_at", t[i].expires);
		jw_kint(&w, "last_used_at", t[i].last_used);
		jw_kint(&w, "revoked_at", t[i].revoked);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_token_revoke(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if (id == 0) {
		json_error(r, 404, "error.notfound");
		return;
	}
	if ((rc = auth_token_revoke(&r->svc, id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	r->status = 204;
}

void
api_municipalities(struct req *r)
{
	struct muni_info *m;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = ref_municipalities(&r->svc, &m, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "municipalities");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", m[i].id);
		jw_kstr(&w, "code", m[i].code);
		jw_kstr(&w, "country", m[i].country);
		jw_kstr(&w, "number", m[i].num);
		jw_kstr(&w, "name_sq", m[i].name_sq);
		jw_kstr(&w, "name_sr", m[i].name_sr);
		jw_kstr(&w, "region", m[i].region);
		jw_key(&w, "population");
		if (m[i].population >= 0)
			jw_int(&w, m[i].population);
		else
			jw_null(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_concerns(struct req *r)
{
	struct concern_info *c;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = ref_concerns(&r->svc, &c, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "concerns");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "code", c[i].code);
		jw_kstr(&w, "label_sq", c[i].label[LANG_SQ]);
		jw_kstr(&w, "label_en", c[i].label[LANG_EN]);
		jw_kstr(&w, "label_sr", c[i].label[LANG_SR]);
		jw_kbool(&w, "restricted", c[i].restricted);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
agency_json(struct jw *w, const struct agency_info *g)
{
	jw_obj_open(w);
	jw_kint(w, "id", g->id);
	jw_kstr(w, "code", g->code);
	jw_kstr(w, "name", g->name);
	jw_kstr(w, "type", agency_type_name(g->type));
	jw_key(w, "municipality_id");
	if (g->municipality_id)
		jw_int(w, g->municipality_id);
	else
		jw_null(w);
	jw_kstr(w, "country", g->country);
	jw_kbool(w, "active", g->active);
	jw_kint(w, "users", g->users);
	jw_obj_close(w);
}

void
api_agencies(struct req *r)
{
	struct agency_info *g;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = agency_list(&r->svc, &g, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "agencies");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		agency_json(&w, &g[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_agency_create(struct req *r)
{
	struct agency_info *g;
	int64_t id;
	struct jw w;
	enum svc_rc rc;

	rc = agency_create(&r->svc, req_str(r, "code"), req_str(r, "name"),
	    agency_type_parse(req_str(r, "type")), req_int(r, "municipality"),
	    req_has(r, "country") ? req_str(r, "country") : NULL, &id);
	if (rc == SVC_OK)
		rc = agency_get(&r->svc, id, &g);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	agency_json(&w, g);
}

static void
user_json(struct jw *w, const struct user_info *u)
{
	jw_obj_open(w);
	actor_json(w, &u->a);
	jw_kbool(w, "active", u->active);
	jw_kint(w, "version", u->a.version);
	jw_obj_close(w);
}

void
api_users(struct req *r)
{
	struct user_info *u;
	struct jw w;
	size_t n, i;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	enum svc_rc rc;

	if ((rc = user_list(&r->svc, req_int(r, "agency"), 100,
	    (page - 1) * 100, &u, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "page", page);
	jw_key(&w, "users");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		user_json(&w, &u[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_user_create(struct req *r)
{
	struct user_new nu;
	struct user_info *u;
	int64_t id;
	struct jw w;
	enum svc_rc rc;

	memset(&nu, 0, sizeof(nu));
	nu.username = req_str(r, "username");
	nu.full_name = req_str(r, "full_name");
	nu.password = req_str(r, "password");
	nu.role = role_parse(req_str(r, "role"));
	nu.scope = req_has(r, "scope") ? scope_parse(req_str(r, "scope")) : -1;
	nu.agency_id = req_int(r, "agency");
	nu.team_id = req_int(r, "team");
	nu.lang = req_has(r, "lang") ? lang_parse(req_str(r, "lang")) : LANG_SQ;
	nu.donor_id = req_int(r, "donor");	/* a donor user's donor */
	nu.must_change = 1;
	rc = user_create(&r->svc, &nu, &id);
	if (rc == SVC_OK)
		rc = user_get(&r->svc, id, &u);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	user_json(&w, u);
}

void
api_user_get(struct req *r)
{
	struct user_info *u;
	struct jw w;
	enum svc_rc rc;

	if ((rc = user_get(&r->svc, req_param_id(r, 0), &u)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	user_json(&w, u);
}

static int
year_now(void)
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	return atoi(b + 6);
}

void
api_population(struct req *r)
{
	struct population_row *p;
	struct jw w;
	size_t n, i;
	int year = req_has(r, "year") ? (int)req_int(r, "year") : year_now();
	enum svc_rc rc;

	if ((rc = population_list(&r->svc, year, &p, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "year", year);
	jw_key(&w, "municipalities");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "municipality_id", p[i].municipality_id);
		jw_kstr(&w, "code", p[i].code);
		jw_kstr(&w, "name", p[i].name);
		jw_key(&w, "children");
		if (p[i].children >= 0)
			jw_int(&w, p[i].children);
		else
			jw_null(&w);
		jw_kbool(&w, "estimated", p[i].estimated);
		jw_kstr(&w, "source", p[i].source);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_population_set(struct req *r)
{
	enum svc_rc rc;

	rc = population_set(&r->svc, req_int(r, "municipality"),
	    (int)req_int(r, "year"), req_int(r, "children"),
	    req_bool(r, "estimated"), req_str(r, "source"));
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	r->status = 204;
}

void
api_audit(struct req *r)
{
	struct audit_entry *e;
	struct audit_filter af;
	struct jw w;
	size_t n, i;
	int64_t total = 0, to;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	enum svc_rc rc;

	memset(&af, 0, sizeof(af));
	af.actor = req_str(r, "actor");
	af.action = req_str(r, "action");
	if (req_has(r, "from"))
		clock_parse_date(req_str(r, "from"), &af.from);
	if (req_has(r, "to") && clock_parse_date(req_str(r, "to"), &to) == 0)
		af.to = to + 86400;
	af.limit = 100;
	af.offset = (page - 1) * 100;
	if ((rc = auditlog_search(&r->svc, &af, &e, &n, &total)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "total", total);
	jw_kint(&w, "page", page);
	jw_key(&w, "entries");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", e[i].id);
		jw_kint(&w, "at", e[i].at);
		jw_kstr(&w, "actor", e[i].actor);
		jw_kstr(&w, "action", e[i].action);
		jw_kstr(&w, "object_type", e[i].object_type);
		jw_kint(&w, "object_id", e[i].object_id);
		jw_kstr(&w, "client", e[i].client);
		jw_kstr(&w, "detail", e[i].detail);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}
