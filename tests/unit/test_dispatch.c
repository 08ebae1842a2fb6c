/*
 * test_dispatch.c — the checks of http_dispatch() (src/http/dispatch.c),
 * driven directly over a small route table of this file, with no network:
 * content type, who is asking, permission, CSRF, must-change-password, and
 * every kind of field in forms, query strings and JSON bodies. The request
 * is built the way server.c's start() builds it; the error renderers are
 * fakes that remember what they were asked to say.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/http/http.h"

/* --- the fake site --- */

static int handled;		/* the handler ran */
static int invalid_ran;		/* the route's invalid handler ran */
static const char *err_msg;	/* what http_error() was asked to say */
static int err_json;		/* ... as JSON */

static void
fake_html(struct req *r, int status, const char *msg)
{
	err_msg = msg;
	err_json = 0;
}

static void
fake_json(struct req *r, int status, const char *msg)
{
	err_msg = msg;
	err_json = 1;
}

static void
h_ok(struct req *r)
{
	handled = 1;
	r->status = 200;
}

/* Writes more than the test arena holds. */
static void
h_big(struct req *r)
{
	size_t i;

	handled = 1;
	for (i = 0; i < 4096; i++)
		buf_puts(&r->out, "0123456789abcdef0123456789abcdef");
}

static void
h_invalid(struct req *r)
{
	invalid_ran = 1;
}

static const char *const colours[] = { "red", "green", NULL };

static const struct field f_all[] = {
	{ "name", F_LINE, 1, 1, 10, NULL },
	{ "count", F_INT, 0, 1, 100, NULL },
	{ "colour", F_ENUM, 0, 0, 0, colours },
	{ "flag", F_BOOL, 0, 0, 0, NULL },
	{ "day", F_DATE, 0, 0, 0, NULL },
	{ "note", F_TEXT, 0, 0, 20, NULL },
	{ "id", F_ID, 0, 0, 0, NULL },
	{ "pw", F_PASSWORD, 0, 0, 0, NULL },
	{ "opt", F_LINE, 0, 2, 5, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_query[] = {
	{ "q", F_LINE, 0, 0, 20, NULL },
	{ "page", F_INT, 0, 1, 9, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};
static const struct field f_small[] = {
	{ "x", F_LINE, 0, 0, 10, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

enum {
	R_PUBLIC, R_FORM, R_CSRF, R_LOGIN, R_ADMIN, R_API, R_API_PUBLIC,
	R_ACCOUNT, R_LOGOUT, R_ITEM, R_LOOP, R_WEBPOST, R_API_GET, R_BIG,
	R_LIMITED, R__MAX
};

static const struct route routes[R__MAX] = {
	[R_PUBLIC] = { M_GET, "/public", "public", PERM_PUBLIC, 0, BODY_NONE, 0,
	    f_query, h_ok, NULL },
	[R_FORM] = { M_POST, "/form", "form", PERM_PUBLIC, 0, BODY_FORM, 0,
	    f_all, h_ok, h_invalid },
	[R_CSRF] = { M_POST, "/csrf", "csrf", PERM_LOGIN, RF_CSRF, BODY_FORM, 0,
	    f_small, h_ok, NULL },
	[R_LOGIN] = { M_GET, "/home", "home", PERM_LOGIN, 0, BODY_NONE, 0, NULL,
	    h_ok, NULL },
	[R_ADMIN] = { M_GET, "/admin", "admin", PERM_USERS_READ, 0, BODY_NONE, 0,
	    NULL, h_ok, NULL },
	[R_API] = { M_POST, "/api/thing", "api.thing", PERM_LOGIN, RF_API,
	    BODY_JSON, 0, f_all, h_ok, NULL },
	[R_API_PUBLIC] = { M_POST, "/api/public", "api.public", PERM_PUBLIC,
	    RF_API, BODY_JSON, 0, f_all, h_ok, NULL },
	[R_ACCOUNT] = { M_GET, "/account", "account", PERM_LOGIN, 0, BODY_NONE,
	    0, NULL, h_ok, NULL },
	[R_LOGOUT] = { M_POST, "/logout", "logout", PERM_LOGIN, RF_CSRF,
	    BODY_FORM, 0, NULL, h_ok, NULL },
	[R_ITEM] = { M_GET, "/items/{id}", "item", PERM_LOGIN, 0, BODY_NONE, 0,
	    NULL, h_ok, NULL },
	[R_LOOP] = { M_GET, "/metrics", "metrics", PERM_PUBLIC,
	    RF_NOSESSION | RF_LOOPBACK, BODY_NONE, 0, NULL, h_ok, NULL },
	[R_WEBPOST] = { M_POST, "/web-post", "web.post", PERM_LOGIN, 0,
	    BODY_FORM, 0, f_small, h_ok, NULL },
	[R_API_GET] = { M_GET, "/api/me", "api.me", PERM_LOGIN, RF_API,
	    BODY_NONE, 0, NULL, h_ok, NULL },
	[R_BIG] = { M_GET, "/big", "big", PERM_PUBLIC, 0, BODY_NONE, 0, NULL,
	    h_big, NULL },
	[R_LIMITED] = { M_POST, "/limited", "limited", PERM_LOGIN, 0, BODY_FORM,
	    100, f_small, h_ok, NULL },
};

struct ctx {
	struct fx		*f;
	struct http_site	 site;
	struct arena		*a;	/* the request arena, reset per call */
	struct req		 r;
	struct actor		*worker;	/* a caseworker */
	struct actor		*admin;		/* a municipal administrator */
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t ag, id;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->site.routes = routes;
	c->site.nroutes = R__MAX;
	c->site.st = f->st;
	/* 64 KiB: the handler that writes 128 KiB runs out. */
	if ((c->a = arena_new(64 * 1024)) == NULL)
		return -1;
	http_error_html = fake_html;
	http_error_json = fake_json;
	ag = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	if ((id = fx_user(f, "arta", ROLE_CASEWORKER, ag, 0)) == 0 ||
	    (c->worker = fx_actor(f, id)) == NULL)
		return -1;
	if ((id = fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN, ag, 0)) == 0 ||
	    (c->admin = fx_actor(f, id)) == NULL)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	arena_free(c->a);
	*state = c->f;
	free(c);
	return fx_teardown(state);
}

/* What a test sends. */
struct call {
	const char	*method;
	const char	*uri;
	const char	*ctype;
	const char	*cookie;
	const char	*auth;
	const char	*body;
	struct actor	*actor;		/* set directly (no session lookup) */
	const char	*csrf;		/* the session's CSRF token */
	int		 identify;	/* resolve the actor from cookie/auth */
	int		 loopback;
};

/*
 * Builds the request as server.c's start() does (method, path and query,
 * route, identity, query fields, body limit) and dispatches it. Returns the
 * request (valid until the next call).
 */
static struct req *
run(struct ctx *c, const struct call *k)
{
	struct req *r = &c->r;
	const char *q;
	size_t blen = k->body ? strlen(k->body) : 0;
	int m, other;

	arena_reset(c->a);
	memset(r, 0, sizeof(*r));
	handled = invalid_ran = 0;
	err_msg = NULL;
	err_json = -1;
	r->site = &c->site;
	r->a = c->a;
	r->route_idx = -1;
	r->client = "127.0.0.1";
	r->loopback = k->loopback;
	buf_init(&r->out, r->a);
	m = method_parse(k->method);
	assert_true(m >= 0);
	r->method = (enum method)m;
	q = strchr(k->uri, '?');
	r->path = q ? arena_strndup(r->a, k->uri, (size_t)(q - k->uri)) : k->uri;
	r->content_type = k->ctype;
	r->cookie_header = k->cookie;
	r->auth_header = k->auth;
	r->route_idx = http_route_find(&c->site, r, r->method, r->path, &other);
	r->route = r->route_idx >= 0 ? &routes[r->route_idx] : NULL;
	if (k->identify)
		http_identify(r);
	else {
		r->svc.st = c->site.st;
		r->svc.a = r->a;
		r->actor = k->actor;
		r->csrf = k->csrf;
		r->svc.actor = r->actor;
	}
	if (r->route != NULL && q != NULL &&
	    form_parse(r->a, q + 1, strlen(q + 1), r->actor ? LIMIT_FIELDS :
	    LIMIT_FIELDS_ANON, &r->query) != PARSE_OK) {
		http_error(r, 400, "error.query.invalid");
		return r;
	}
	if (r->route != NULL && blen > http_body_limit(r)) {
		http_error(r, 413, "error.toobig");
		return r;
	}
	http_dispatch(r, k->body, blen);
	return r;
}

#define FORM_CT	"application/x-www-form-urlencoded"
#define JSON_CT	"application/json"

/* A public form post with body b. */
static struct req *
form(struct ctx *c, const char *b)
{
	struct call k = { .method = "POST", .uri = "/form", .ctype = FORM_CT,
	    .body = b };

	return run(c, &k);
}

static struct req *
json(struct ctx *c, const char *b, struct actor *a)
{
	struct call k = { .method = "POST", .uri = a ? "/api/thing" :
	    "/api/public", .ctype = JSON_CT, .body = b, .actor = a };

	return run(c, &k);
}

/* The request failed on field f with message msg. */
static void
field_error(struct req *r, const char *f, const char *msg)
{
	assert_int_equal(r->status, 400);
	assert_false(handled);
	assert_true(r->nerrors >= 1);
	if (f != NULL)
		assert_string_equal(r->errors[0].field, f);
	assert_string_equal(r->errors[0].msg, msg);
}

static void
form_field_error(struct ctx *c, const char *body, const char *f,
    const char *msg)
{
	struct req *r = form(c, body);

	if (r->status != 400 || r->nerrors < 1 ||
	    strcmp(r->errors[0].msg, msg) != 0)
		fail_msg("%s: status %d, %s", body, r->status,
		    r->nerrors ? r->errors[0].msg : err_msg ? err_msg : "-");
	field_error(r, f, msg);
}

static void
form_ok(struct ctx *c, const char *body)
{
	struct req *r = form(c, body);

	if (r->status != 200 || !handled)
		fail_msg("%s: status %d, %s", body, r->status,
		    r->nerrors ? r->errors[0].msg : err_msg ? err_msg : "-");
}

/* --- routes --- */

static void
test_no_route(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/nowhere" };
	struct req *r = run(c, &k);

	assert_int_equal(r->status, 404);
	assert_string_equal(err_msg, "error.notfound");
	assert_int_equal(err_json, 0);
	k.uri = "/api/nowhere";
	r = run(c, &k);
	assert_int_equal(r->status, 404);
	assert_int_equal(err_json, 1);
}

/* The path exists for another method: the finder says so (405). */
static void
test_other_method(void **state)
{
	struct ctx *c = *state;
	struct req r;
	int other = 0;

	memset(&r, 0, sizeof(r));
	r.a = c->a;
	assert_int_equal(http_route_find(&c->site, &r, M_DELETE, "/form",
	    &other), -1);
	assert_int_equal(other, 1);
	assert_int_equal(http_route_find(&c->site, &r, M_DELETE, "/nowhere",
	    &other), -1);
	assert_int_equal(other, 0);
	assert_int_equal(http_route_find(&c->site, &r, M_GET, "/items/42",
	    &other), R_ITEM);
	assert_int_equal(req_param_id(&r, 0), 42);
	assert_int_equal(http_route_find(&c->site, &r, M_GET, "/items/",
	    &other), -1);
	assert_int_equal(http_route_find(&c->site, &r, M_GET, "/items/4/x",
	    &other), -1);
}

static void
test_param_id(void **state)
{
	struct req r;
	const char *p[] = { "12", "0", "abc", "1234567890123456",
	    "123456789012345", "-1", "" };

	(void)state;
	memset(&r, 0, sizeof(r));
	memcpy(r.params, p, sizeof(r.params));
	r.nparams = 4;
	assert_int_equal(req_param_id(&r, 0), 12);
	assert_int_equal(req_param_id(&r, 1), 0);
	assert_int_equal(req_param_id(&r, 2), 0);
	assert_int_equal(req_param_id(&r, 3), 0);	/* 16 digits */
	assert_int_equal(req_param_id(&r, 4), 0);	/* out of nparams */
	assert_int_equal(req_param_id(&r, -1), 0);
	r.params[0] = p[4];
	assert_int_equal(req_param_id(&r, 0), 123456789012345LL);
	r.params[0] = p[5];
	assert_int_equal(req_param_id(&r, 0), 0);
	r.params[0] = p[6];
	assert_int_equal(req_param_id(&r, 0), 0);
}

/* --- content type --- */

static void
test_content_type(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/form", .body = "name=a" };
	struct req *r;

	k.ctype = JSON_CT;
	r = run(c, &k);
	assert_int_equal(r->status, 415);
	assert_string_equal(err_msg, "error.content_type");
	k.ctype = NULL;
	assert_int_equal(run(c, &k)->status, 415);
	k.ctype = "text/plain";
	assert_int_equal(run(c, &k)->status, 415);
	k.ctype = FORM_CT "x";
	assert_int_equal(run(c, &k)->status, 415);
	k.ctype = "multipart/form-data; boundary=x";
	assert_int_equal(run(c, &k)->status, 415);
	k.ctype = FORM_CT "; charset=UTF-8";
	assert_int_equal(run(c, &k)->status, 200);
	k.ctype = "Application/X-WWW-Form-URLEncoded";
	assert_int_equal(run(c, &k)->status, 200);
	/* JSON routes want JSON. */
	k.uri = "/api/public";
	k.body = "{\"name\":\"a\"}";
	k.ctype = FORM_CT;
	r = run(c, &k);
	assert_int_equal(r->status, 415);
	assert_int_equal(err_json, 1);
	k.ctype = JSON_CT "; charset=utf-8";
	assert_int_equal(run(c, &k)->status, 200);
	k.ctype = JSON_CT "p";
	assert_int_equal(run(c, &k)->status, 415);
}

/* No body, no content type needed (and then required fields are missing). */
static void
test_empty_body_no_ctype(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/form" };
	struct req *r = run(c, &k);

	field_error(r, "name", "error.field.required");
	assert_true(invalid_ran);
}

/* A body route takes no query string. */
static void
test_query_on_body_route(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/form?name=a",
	    .ctype = FORM_CT, .body = "name=b" };
	struct req *r = run(c, &k);

	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.query.unexpected");
	assert_false(handled);
}

static void
test_loopback_only(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/metrics" };

	assert_int_equal(run(c, &k)->status, 404);
	assert_false(handled);
	k.loopback = 1;
	assert_int_equal(run(c, &k)->status, 200);
}

/* --- who is asking, permission --- */

static void
test_logged_out(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/home" };
	struct req *r = run(c, &k);
	int i, www = 0;

	assert_int_equal(r->status, 303);
	assert_string_equal(r->location, "/login");
	assert_false(handled);
	k.method = "HEAD";
	assert_int_equal(run(c, &k)->status, 303);
	/* A web POST: 401, not a redirect that would lose the form. */
	k.method = "POST";
	k.uri = "/web-post";
	k.ctype = FORM_CT;
	k.body = "x=1";
	r = run(c, &k);
	assert_int_equal(r->status, 401);
	assert_null(r->location);
	/* The API: 401 with a challenge. */
	k.uri = "/api/thing";
	k.ctype = JSON_CT;
	k.body = "{\"name\":\"a\"}";
	r = run(c, &k);
	assert_int_equal(r->status, 401);
	assert_int_equal(err_json, 1);
	for (i = 0; i < r->nheaders; i++)
		if (strcmp(r->headers[i][0], "WWW-Authenticate") == 0 &&
		    strcmp(r->headers[i][1], "Bearer") == 0)
			www = 1;
	assert_true(www);
	k.method = "GET";
	k.uri = "/api/me";
	k.body = NULL;
	assert_int_equal(run(c, &k)->status, 401);
}

static void
test_wrong_role(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/admin", .actor = c->worker };
	struct req *r = run(c, &k);

	assert_int_equal(r->status, 403);
	assert_string_equal(err_msg, "error.denied");
	assert_false(handled);
	k.actor = c->admin;
	assert_int_equal(run(c, &k)->status, 200);
	/* An actor whose role is out of range gets nothing. */
	{
		struct actor bad = *c->admin;

		bad.role = ROLE__MAX;
		k.actor = &bad;
		assert_int_equal(run(c, &k)->status, 403);
		k.uri = "/home";
		assert_int_equal(run(c, &k)->status, 403);
	}
}

/* The session cookie identifies on web routes only; the bearer token on
 * API routes only. */
static void
test_identify(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	char cookie[200], auth[100], tok[AUTH_TOKEN_LEN];
	struct call k = { .method = "GET", .uri = "/home", .identify = 1 };
	struct req *r;
	int64_t id;

	assert_int_equal(auth_login(&s, "arta", FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(auth_token_login(&s, "arta", FX_PASSWORD, "t", tok,
	    &id), SVC_OK);
	snprintf(cookie, sizeof(cookie), "rr_lang=en; rr_session=%s; x=y",
	    as.token);
	snprintf(auth, sizeof(auth), "Bearer %s", tok);
	k.cookie = cookie;
	r = run(c, &k);
	assert_int_equal(r->status, 200);
	assert_non_null(r->actor);
	assert_string_equal(r->actor->username, "arta");
	assert_string_equal(r->csrf, as.csrf);
	assert_string_equal(r->session_token, as.token);
	assert_string_equal(r->actor->client, "127.0.0.1");
	assert_ptr_equal(r->svc.actor, r->actor);
	/* A cookie never authorises the API. */
	k.uri = "/api/me";
	assert_int_equal(run(c, &k)->status, 401);
	/* A bearer token does, there only. */
	k.cookie = NULL;
	k.auth = auth;
	r = run(c, &k);
	assert_int_equal(r->status, 200);
	assert_true(r->via_bearer);
	k.uri = "/home";
	assert_int_equal(run(c, &k)->status, 303);
	/* Bad tokens are nobody. */
	k.uri = "/api/me";
	k.auth = "Bearer rrj_short";
	assert_int_equal(run(c, &k)->status, 401);
	k.auth = tok;	/* no "Bearer " */
	assert_int_equal(run(c, &k)->status, 401);
	k.auth = NULL;
	k.uri = "/home";
	k.cookie = "rr_session=nothing-like-a-token";
	assert_int_equal(run(c, &k)->status, 303);
	k.cookie = "rr_session=";
	assert_int_equal(run(c, &k)->status, 303);
}

/* Before login the language comes from rr_lang, then Accept-Language. */
static void
test_identify_language(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/public", .identify = 1,
	    .cookie = "rr_lang=sr" };
	struct req *r = run(c, &k);

	assert_int_equal(r->lang, LANG_SR);
	k.cookie = "rr_lang=xx";
	assert_int_equal(run(c, &k)->lang, LANG_SQ);
	k.cookie = NULL;
	assert_int_equal(run(c, &k)->lang, LANG_SQ);
}

/* --- CSRF --- */

static void
test_csrf(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/csrf", .ctype = FORM_CT,
	    .actor = c->worker, .csrf = "abcdefgh" };
	struct req *r;

	k.body = "x=1";
	r = run(c, &k);
	assert_int_equal(r->status, 403);
	assert_string_equal(err_msg, "error.csrf");
	assert_false(handled);
	k.body = "x=1&csrf=abcdefgX";
	assert_int_equal(run(c, &k)->status, 403);
	k.body = "x=1&csrf=abcdefg";
	assert_int_equal(run(c, &k)->status, 403);
	k.body = "x=1&csrf=abcdefghi";
	assert_int_equal(run(c, &k)->status, 403);
	k.body = "x=1&csrf=";
	assert_int_equal(run(c, &k)->status, 403);
	k.body = "csrf";
	assert_int_equal(run(c, &k)->status, 403);
	/* Regression: a repeated csrf field was accepted (the first one won). */
	k.body = "x=1&csrf=abcdefgh&csrf=abcdefgh";
	r = run(c, &k);
	assert_int_equal(r->status, 403);
	k.body = "x=1&csrf=abcdefgh";
	r = run(c, &k);
	assert_int_equal(r->status, 200);
	assert_true(handled);
	/* The csrf field is not passed on as a field. */
	assert_false(req_has(r, "csrf"));
	assert_string_equal(req_str(r, "x"), "1");
	/* No token on the server side (an API token holder): refused. */
	k.csrf = NULL;
	assert_int_equal(run(c, &k)->status, 403);
	/* CSRF is checked before fields: an unknown field still gets 403. */
	k.csrf = "abcdefgh";
	k.body = "zzz=1";
	assert_int_equal(run(c, &k)->status, 403);
	k.body = "zzz=1&csrf=abcdefgh";
	r = run(c, &k);
	assert_int_equal(r->status, 400);
	assert_string_equal(r->errors[0].msg, "error.field.unknown");
}

/* A route without CSRF does not know a csrf field. */
static void
test_csrf_field_elsewhere(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/web-post", .ctype = FORM_CT,
	    .actor = c->worker, .csrf = "abcdefgh", .body = "csrf=abcdefgh" };
	struct req *r = run(c, &k);

	assert_int_equal(r->status, 400);
	assert_string_equal(r->errors[0].field, "csrf");
	assert_string_equal(r->errors[0].msg, "error.field.unknown");
}

/* --- must change the password --- */

static void
test_must_change_password(void **state)
{
	struct ctx *c = *state;
	struct actor a = *c->worker;
	struct call k = { .method = "GET", .uri = "/home", .actor = &a,
	    .csrf = "abcdefgh" };
	struct req *r;

	a.must_change_pw = 1;
	r = run(c, &k);
	assert_int_equal(r->status, 303);
	assert_string_equal(r->location, "/account");
	assert_false(handled);
	k.uri = "/items/3";
	assert_int_equal(run(c, &k)->status, 303);
	k.uri = "/account";
	assert_int_equal(run(c, &k)->status, 200);
	k.uri = "/public";
	assert_int_equal(run(c, &k)->status, 200);
	k.method = "POST";
	k.uri = "/logout";
	k.ctype = FORM_CT;
	k.body = "csrf=abcdefgh";
	assert_int_equal(run(c, &k)->status, 200);
	k.uri = "/csrf";
	r = run(c, &k);
	assert_int_equal(r->status, 303);
	assert_string_equal(r->location, "/account");
	/* Wrong role first: 403, not a redirect. */
	k.method = "GET";
	k.uri = "/admin";
	k.body = NULL;
	assert_int_equal(run(c, &k)->status, 403);
}

/* --- fields --- */

static void
test_field_unknown(void **state)
{
	struct ctx *c = *state;
	struct req *r = form(c, "name=a&zzz=1");

	field_error(r, "zzz", "error.field.unknown");
	/* Not one of the form's fields: the generic error, not the form. */
	assert_false(invalid_ran);
	assert_string_equal(err_msg, "error.field.unknown");
}

static void
test_field_repeated(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=a&name=b", "name", "error.field.repeated");
	form_field_error(c, "name=a&flag=1&flag=0", "flag",
	    "error.field.repeated");
}

static void
test_field_required(void **state)
{
	struct ctx *c = *state;
	struct req *r;

	form_field_error(c, "count=5", "name", "error.field.required");
	assert_true(invalid_ran);
	form_field_error(c, "name=", "name", "error.field.required");
	form_field_error(c, "name", "name", "error.field.required");
	form_field_error(c, "name=+++", "name", "error.field.required");
	form_field_error(c, "name=%C2%A0", "name", "error.field.required");
	/* All errors are collected, not only the first. */
	r = form(c, "count=0&colour=blue");
	assert_int_equal(r->nerrors, 3);
}

static void
test_field_int(void **state)
{
	static const char *const bad_number[] = {
		"count=abc", "count=1.5", "count=%2B5", "count=+5", "count=5+",
		"count=0x10", "count=1e2", "count=-", "count=--1",
		"count=99999999999999999999", "count=9223372036854775808",
		"count=%205", "count=5%20",
	};
	struct ctx *c = *state;
	char b[64];
	size_t i;

	for (i = 0; i < sizeof(bad_number) / sizeof(bad_number[0]); i++) {
		snprintf(b, sizeof(b), "name=a&%s", bad_number[i]);
		form_field_error(c, b, "count", "error.field.number");
	}
	form_field_error(c, "name=a&count=0", "count", "error.field.range");
	form_field_error(c, "name=a&count=101", "count", "error.field.range");
	form_field_error(c, "name=a&count=-1", "count", "error.field.range");
	form_field_error(c, "name=a&count=-0", "count", "error.field.range");
	form_field_error(c, "name=a&count=9223372036854775807", "count",
	    "error.field.range");
	form_ok(c, "name=a&count=1");
	form_ok(c, "name=a&count=100");
	form_ok(c, "name=a&count=050");
	assert_int_equal(req_int(&c->r, "count"), 50);
	form_ok(c, "name=a&count=");	/* empty: absent */
	assert_false(req_has(&c->r, "count"));
	assert_int_equal(req_int(&c->r, "count"), 0);
}

static void
test_field_id(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=a&id=0", "id", "error.field.number");
	form_field_error(c, "name=a&id=-4", "id", "error.field.number");
	form_field_error(c, "name=a&id=x", "id", "error.field.number");
	form_ok(c, "name=a&id=9223372036854775807");
	assert_int_equal(req_int(&c->r, "id"), INT64_MAX);
}

static void
test_field_enum(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=a&colour=blue", "colour", "error.field.choice");
	form_field_error(c, "name=a&colour=RED", "colour", "error.field.choice");
	form_field_error(c, "name=a&colour=red+", "colour", "error.field.choice");
	form_field_error(c, "name=a&colour=re", "colour", "error.field.choice");
	form_ok(c, "name=a&colour=green");
	assert_string_equal(req_str(&c->r, "colour"), "green");
}

static void
test_field_bool(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=a&flag=yes", "flag", "error.field.invalid");
	form_field_error(c, "name=a&flag=2", "flag", "error.field.invalid");
	form_field_error(c, "name=a&flag=TRUE", "flag", "error.field.invalid");
	form_ok(c, "name=a&flag=on");
	assert_true(req_bool(&c->r, "flag"));
	form_ok(c, "name=a&flag=true");
	assert_true(req_bool(&c->r, "flag"));
	form_ok(c, "name=a&flag=1");
	assert_true(req_bool(&c->r, "flag"));
	form_ok(c, "name=a&flag=false");
	assert_false(req_bool(&c->r, "flag"));
	form_ok(c, "name=a&flag=0");
	assert_string_equal(req_str(&c->r, "flag"), "0");
	form_ok(c, "name=a");	/* an unticked box: false */
	assert_string_equal(req_str(&c->r, "flag"), "0");
	/* An empty value is not "absent" for a checkbox: browsers send "on"
	 * or nothing. */
	form_field_error(c, "name=a&flag=", "flag", "error.field.invalid");
}

static void
test_field_date(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=a&day=31.02.2026", "day", "error.field.date");
	form_field_error(c, "name=a&day=29.02.2025", "day", "error.field.date");
	form_field_error(c, "name=a&day=2026%2F02%2F01", "day",
	    "error.field.date");
	form_field_error(c, "name=a&day=tomorrow", "day", "error.field.date");
	form_ok(c, "name=a&day=29.02.2028");
	form_ok(c, "name=a&day=2026-02-01");
}

/* One line: no line breaks or tabs; control characters are refused by the
 * form parser already. */
static void
test_field_line(void **state)
{
	struct ctx *c = *state;
	struct req *r;

	form_field_error(c, "name=a%0Ab", "name", "error.field.line");
	form_field_error(c, "name=a%0Db", "name", "error.field.line");
	form_field_error(c, "name=a%09b", "name", "error.field.line");
	form_field_error(c, "name=a&opt=x%0Ay", "opt", "error.field.line");
	r = form(c, "name=a%01b");
	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.form.invalid");
	r = form(c, "name=a%00b");
	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.form.invalid");
	r = form(c, "name=a%FFb");	/* not UTF-8 */
	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.form.invalid");
	r = form(c, "name=a%ZZ");
	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.form.invalid");
	/* Text takes line breaks. */
	form_ok(c, "name=a&note=line+1%0D%0Aline+2");
	assert_string_equal(req_str(&c->r, "note"), "line 1\r\nline 2");
}

/* Limits count characters, not bytes. */
static void
test_field_length(void **state)
{
	struct ctx *c = *state;

	form_field_error(c, "name=abcdefghijk", "name", "error.field.toolong");
	form_ok(c, "name=abcdefghij");
	/* Ten two-byte characters are ten. */
	form_ok(c, "name=%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB"
	    "%C3%AB");
	form_field_error(c, "name=%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB%C3%AB"
	    "%C3%AB%C3%AB%C3%AB%C3%AB", "name", "error.field.toolong");
	form_field_error(c, "name=a&opt=x", "opt", "error.field.tooshort");
	form_field_error(c, "name=a&opt=abcdef", "opt", "error.field.toolong");
	form_ok(c, "name=a&opt=ab");
	form_field_error(c, "name=a&note=123456789012345678901", "note",
	    "error.field.toolong");
}

/* Required text is trimmed and inner white space folded. */
static void
test_field_squash(void **state)
{
	struct ctx *c = *state;

	form_ok(c, "name=++a+++b++");
	assert_string_equal(req_str(&c->r, "name"), "a b");
}

static void
test_field_password(void **state)
{
	struct ctx *c = *state;
	char b[300];

	snprintf(b, sizeof(b), "name=a&pw=%0129d", 0);
	form_field_error(c, b, "pw", "error.field.toolong");
	snprintf(b, sizeof(b), "name=a&pw=%0128d", 0);
	form_ok(c, b);
	/* Spaces are kept as they are. */
	form_ok(c, "name=a&pw=+a+b+");
	assert_string_equal(req_str(&c->r, "pw"), " a b ");
}

/* Fewer fields before login: too many is 413. */
static void
test_too_many_fields(void **state)
{
	struct ctx *c = *state;
	struct req *r;

	r = form(c, "name=a&a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8");
	assert_int_equal(r->status, 413);
	assert_string_equal(err_msg, "error.fields.toomany");
	/* Eight is the most: an unknown one then. */
	r = form(c, "name=a&a=1&b=2&c=3&d=4&e=5&f=6&g=7");
	assert_int_equal(r->status, 400);
}

/* A query string on GET is checked like a form. */
static void
test_query_fields(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/public?q=hello&page=3" };
	struct req *r = run(c, &k);

	assert_int_equal(r->status, 200);
	assert_string_equal(req_str(r, "q"), "hello");
	assert_int_equal(req_int(r, "page"), 3);
	k.uri = "/public?page=10";
	r = run(c, &k);
	field_error(r, "page", "error.field.range");
	k.uri = "/public?page=1&page=2";
	field_error(run(c, &k), "page", "error.field.repeated");
	k.uri = "/public?other=1";
	field_error(run(c, &k), "other", "error.field.unknown");
	k.uri = "/public?q=%ZZ";
	r = run(c, &k);
	assert_int_equal(r->status, 400);
	assert_string_equal(err_msg, "error.query.invalid");
}

/* --- bodies and their limits --- */

static void
test_body_limit(void **state)
{
	struct ctx *c = *state;
	struct req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(http_body_limit(&r), 0);
	r.route = &routes[R_PUBLIC];
	assert_int_equal(http_body_limit(&r), 0);
	r.route = &routes[R_FORM];
	assert_int_equal(http_body_limit(&r), LIMIT_BODY_ANON);
	r.actor = c->worker;
	assert_int_equal(http_body_limit(&r), LIMIT_BODY_FORM);
	r.route = &routes[R_API];
	assert_int_equal(http_body_limit(&r), LIMIT_BODY_JSON);
	r.route = &routes[R_LIMITED];
	assert_int_equal(http_body_limit(&r), 100);
	r.actor = NULL;
	assert_int_equal(http_body_limit(&r), 100);
}

/* A handler that writes past the arena gets 413, with nothing half sent. */
static void
test_output_too_big(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "GET", .uri = "/big" };
	struct req *r = run(c, &k);

	assert_true(handled);
	assert_int_equal(r->status, 413);
	assert_int_equal(r->out.len, 0);
	assert_string_equal(err_msg, "error.toobig");
}

/* --- JSON bodies --- */

static void
json_bad(struct ctx *c, const char *body, struct actor *a, const char *msg)
{
	struct req *r = json(c, body, a);

	if (r->status != 400 || err_msg == NULL || strcmp(err_msg, msg) != 0)
		fail_msg("%s: status %d, %s (want %s)", body, r->status,
		    err_msg ? err_msg : r->nerrors ? r->errors[0].msg : "-", msg);
	assert_false(handled);
	assert_int_equal(err_json, 1);
}

static void
test_json_invalid(void **state)
{
	struct ctx *c = *state;

	json_bad(c, "{", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"a\",}", NULL, "error.json.invalid");
	json_bad(c, "{'name':'a'}", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"a\"} x", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"a\xff\"}", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"a\\u0000b\"}", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"a\\u0001b\"}", NULL, "error.json.invalid");
	json_bad(c, "{\"name\":\"\\ud800\"}", NULL, "error.json.invalid");
	json_bad(c, "\xef\xbb\xbf{\"name\":\"a\"}", NULL, "error.json.invalid");
}

static void
test_json_not_object(void **state)
{
	struct ctx *c = *state;

	json_bad(c, "[]", NULL, "error.json.object");
	json_bad(c, "[{\"name\":\"a\"}]", NULL, "error.json.object");
	/* jansson refuses a bare scalar at the top already. */
	json_bad(c, "\"name\"", NULL, "error.json.invalid");
	json_bad(c, "42", NULL, "error.json.invalid");
	json_bad(c, "null", NULL, "error.json.invalid");
}

static void
test_json_nested(void **state)
{
	struct ctx *c = *state;

	json_bad(c, "{\"name\":{\"a\":1}}", NULL, "error.json.scalar");
	json_bad(c, "{\"name\":[\"a\"]}", NULL, "error.json.scalar");
	json_bad(c, "{\"name\":\"a\",\"count\":1.5}", NULL, "error.json.scalar");
	json_bad(c, "{\"name\":\"a\",\"count\":1e2}", NULL, "error.json.scalar");
	{
		char b[4200];
		int i;

		/* Deep, and deeper than jansson's limit (2048). */
		strcpy(b, "{\"name\":");
		for (i = 0; i < 100; i++)
			strcat(b, "[");
		for (i = 0; i < 100; i++)
			strcat(b, "]");
		strcat(b, "}");
		json_bad(c, b, NULL, "error.json.scalar");
		strcpy(b, "{\"name\":");
		for (i = 0; i < 2100; i++)
			strcat(b, "[");
		strcat(b, "}");
		json_bad(c, b, NULL, "error.json.invalid");
	}
}

static void
test_json_duplicate_keys(void **state)
{
	struct ctx *c = *state;

	json_bad(c, "{\"name\":\"a\",\"name\":\"b\"}", NULL, "error.json.invalid");
}

static void
test_json_too_many(void **state)
{
	struct ctx *c = *state;
	char b[2048];
	size_t o;
	int i;

	o = (size_t)snprintf(b, sizeof(b), "{\"name\":\"a\"");
	for (i = 0; i < 8; i++)
		o += (size_t)snprintf(b + o, sizeof(b) - o, ",\"k%d\":1", i);
	snprintf(b + o, sizeof(b) - o, "}");
	json_bad(c, b, NULL, "error.fields.toomany");
	/* Logged in, 64 fields are allowed (then the unknown ones fail). */
	{
		struct req *r = json(c, b, c->worker);

		assert_int_equal(r->status, 400);
		assert_string_equal(r->errors[0].msg, "error.field.unknown");
	}
	o = (size_t)snprintf(b, sizeof(b), "{\"name\":\"a\"");
	for (i = 0; i < 64; i++)
		o += (size_t)snprintf(b + o, sizeof(b) - o, ",\"k%d\":1", i);
	snprintf(b + o, sizeof(b) - o, "}");
	json_bad(c, b, c->worker, "error.fields.toomany");
}

static void
test_json_key_too_long(void **state)
{
	struct ctx *c = *state;
	char b[200];

	snprintf(b, sizeof(b), "{\"%065d\":1}", 0);
	json_bad(c, b, NULL, "error.json.invalid");
}

/* Scalars become the field values; null is absent. */
static void
test_json_scalars(void **state)
{
	struct ctx *c = *state;
	struct req *r;

	r = json(c, "{\"name\":\"ë\",\"count\":7,\"flag\":true,\"note\":null,"
	    "\"id\":9223372036854775807}", NULL);
	assert_int_equal(r->status, 200);
	assert_true(handled);
	assert_string_equal(req_str(r, "name"), "ë");
	assert_int_equal(req_int(r, "count"), 7);
	assert_true(req_bool(r, "flag"));
	assert_false(req_has(r, "note"));
	assert_int_equal(req_int(r, "id"), INT64_MAX);
	r = json(c, "{\"name\":\"a\",\"flag\":false}", NULL);
	assert_int_equal(r->status, 200);
	assert_false(req_bool(r, "flag"));
	/* An integer where text is wanted is its decimal form. */
	r = json(c, "{\"name\":12}", NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(req_str(r, "name"), "12");
	/* The same rules as forms. */
	r = json(c, "{\"name\":\"a\\nb\"}", NULL);
	field_error(r, "name", "error.field.line");
	r = json(c, "{\"name\":\"a\",\"count\":1000}", NULL);
	field_error(r, "count", "error.field.range");
	r = json(c, "{\"name\":\"a\",\"count\":\"7\"}", NULL);
	assert_int_equal(r->status, 200);
	r = json(c, "{\"name\":\"a\",\"colour\":true}", NULL);
	field_error(r, "colour", "error.field.choice");
	r = json(c, "{\"name\":null}", NULL);
	field_error(r, "name", "error.field.required");
	/* Regression: null was "absent" even for an unknown key. */
	r = json(c, "{\"name\":\"a\",\"zzz\":null}", NULL);
	field_error(r, "zzz", "error.field.unknown");
	r = json(c, "{}", NULL);
	field_error(r, "name", "error.field.required");
}

/* An empty JSON body is no fields (then required ones are missing). */
static void
test_json_empty_body(void **state)
{
	struct ctx *c = *state;
	struct call k = { .method = "POST", .uri = "/api/public" };
	struct req *r = run(c, &k);

	field_error(r, "name", "error.field.required");
}

/* --- the small helpers --- */

static void
test_status_of(void **state)
{
	(void)state;
	assert_int_equal(http_status_of(SVC_OK), 200);
	assert_int_equal(http_status_of(SVC_NOTFOUND), 404);
	assert_int_equal(http_status_of(SVC_DENIED), 403);
	assert_int_equal(http_status_of(SVC_INVALID), 400);
	assert_int_equal(http_status_of(SVC_CONFLICT), 409);
	assert_int_equal(http_status_of(SVC_LOCKED), 429);
	assert_int_equal(http_status_of(SVC_TOOBIG), 413);
	assert_int_equal(http_status_of(SVC_UNAVAILABLE), 503);
	assert_int_equal(http_status_of(SVC_ERROR), 500);
	assert_int_equal(http_status_of(SVC__MAX), 500);
}

static void
test_methods(void **state)
{
	(void)state;
	assert_int_equal(method_parse("GET"), M_GET);
	assert_int_equal(method_parse("HEAD"), M_GET);
	assert_int_equal(method_parse("POST"), M_POST);
	assert_int_equal(method_parse("PUT"), M_PUT);
	assert_int_equal(method_parse("DELETE"), M_DELETE);
	assert_int_equal(method_parse("get"), -1);
	assert_int_equal(method_parse("PATCH"), -1);
	assert_int_equal(method_parse("OPTIONS"), -1);
	assert_int_equal(method_parse(""), -1);
	assert_string_equal(method_name(M_PUT), "PUT");
	assert_string_equal(method_name(M__MAX), "?");
}

static void
test_response_helpers(void **state)
{
	struct req r;
	int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < REQ_MAX_HEADERS + 3; i++)
		req_header(&r, "X", "y");
	assert_int_equal(r.nheaders, REQ_MAX_HEADERS);
	for (i = 0; i < REQ_MAX_ERRORS + 3; i++)
		req_add_error(&r, "f", "m");
	assert_int_equal(r.nerrors, REQ_MAX_ERRORS);
	req_redirect(&r, "/x");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/x");
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_no_route),
		T(test_other_method),
		cmocka_unit_test(test_param_id),
		T(test_content_type),
		T(test_empty_body_no_ctype),
		T(test_query_on_body_route),
		T(test_loopback_only),
		T(test_logged_out),
		T(test_wrong_role),
		T(test_identify),
		T(test_identify_language),
		T(test_csrf),
		T(test_csrf_field_elsewhere),
		T(test_must_change_password),
		T(test_field_unknown),
		T(test_field_repeated),
		T(test_field_required),
		T(test_field_int),
		T(test_field_id),
		T(test_field_enum),
		T(test_field_bool),
		T(test_field_date),
		T(test_field_line),
		T(test_field_length),
		T(test_field_squash),
		T(test_field_password),
		T(test_too_many_fields),
		T(test_query_fields),
		T(test_body_limit),
		T(test_output_too_big),
		T(test_json_invalid),
		T(test_json_not_object),
		T(test_json_nested),
		T(test_json_duplicate_keys),
		T(test_json_too_many),
		T(test_json_key_too_long),
		T(test_json_scalars),
		T(test_json_empty_body),
		cmocka_unit_test(test_status_of),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_response_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
