/*
 * dispatch.c — the one place where a request is checked before a handler
 * runs (http layer). The order is fixed, as in Redis' processCommand():
 *
 *   1. route and method          404 / 405
 *   2. body size                 413 (checked while reading, in server.c)
 *   3. content type              415
 *   4. who is asking             session cookie or bearer token
 *   5. permission                web: 303 to /login; API: 401; wrong role 403
 *   6. CSRF token                403 (web forms that change state)
 *   7. every field               400 naming the field; unknown fields too
 *
 * Then the handler, which sees validated values only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "../audit/audit.h"
#include "../svc/auth.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "http.h"

void (*http_error_html)(struct req *, int, const char *);
void (*http_error_json)(struct req *, int, const char *);

static const char *const method_names[M__MAX] = {
	[M_GET] = "GET", [M_POST] = "POST", [M_PUT] = "PUT",
	[M_DELETE] = "DELETE",
};

const char *
method_name(enum method m)
{
	return (unsigned)m < M__MAX ? method_names[m] : "?";
}

int
method_parse(const char *s)
{
	int i;

	for (i = 0; i < M__MAX; i++)
		if (strcmp(s, method_names[i]) == 0)
			return i;
	if (strcmp(s, "HEAD") == 0)
		return M_GET;
	return -1;
}

int
http_status_of(enum svc_rc rc)
{
	switch (rc) {
	case SVC_OK:
		return 200;
	case SVC_NOTFOUND:
		return 404;
	case SVC_DENIED:
		return 403;
	case SVC_INVALID:
		return 400;
	case SVC_CONFLICT:
		return 409;
	case SVC_LOCKED:
		return 429;
	case SVC_TOOBIG:
		return 413;
	case SVC_UNAVAILABLE:
		return 503;
	default:
		return 500;
	}
}

const char *
req_str(const struct req *r, const char *name)
{
	const char *v = kv_get(&r->fields, name);

	return v ? v : "";
}

int
req_has(const struct req *r, const char *name)
{
	const char *v = kv_get(&r->fields, name);

	return v != NULL && *v != '\0';
}

int64_t
req_int(const struct req *r, const char *name)
{
	const char *v = kv_get(&r->fields, name);

	return v && *v ? strtoll(v, NULL, 10) : 0;
}

int
req_bool(const struct req *r, const char *name)
{
	const char *v = kv_get(&r->fields, name);

	return v != NULL && strcmp(v, "1") == 0;
}

int64_t
req_param_id(const struct req *r, int i)
{
	const char *s;
	int64_t v = 0;

	if (i < 0 || i >= r->nparams || (s = r->params[i]) == NULL || !*s ||
	    strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

void
req_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == REQ_MAX_HEADERS)
		return;
	r->headers[r->nheaders][0] = name;
	r->headers[r->nheaders][1] = value;
	r->nheaders++;
}

void
req_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->location = location;
}

void
req_add_error(struct req *r, const char *field, const char *msg)
{
	if (r->nerrors == REQ_MAX_ERRORS)
		return;
	r->errors[r->nerrors].field = field;
	r->errors[r->nerrors].msg = msg;
	r->nerrors++;
}

void
http_error(struct req *r, int status, const char *msg)
{
	r->status = status;
	if (r->route != NULL && (r->route->flags & RF_API)) {
		if (http_error_json)
			http_error_json(r, status, msg);
	} else if (r->route == NULL && strncmp(r->path ? r->path : "", "/api/",
	    5) == 0) {
		if (http_error_json)
			http_error_json(r, status, msg);
	} else if (http_error_html)
		http_error_html(r, status, msg);
}

/*
 * Whether path begins with pattern's text before its first {param}, which
 * path_match() requires of a match: a cheap test that spares most routes
 * path_match(), which checks the whole path on every call. A NULL path is
 * left to path_match().
 */
static int
prefix_ok(const char *pattern, const char *path)
{
	if (path == NULL)
		return 1;
	for (; *pattern != '\0' && *pattern != '{'; pattern++, path++)
		if (*pattern != *path)
			return 0;
	return 1;
}

int
http_route_find(const struct http_site *site, struct req *r, enum method m,
    const char *path, int *other)
{
	size_t i;
	int n;

	*other = 0;
	for (i = 0; i < site->nroutes; i++) {
		if (!prefix_ok(site->routes[i].pattern, path))
			continue;
		n = path_match(r->a, site->routes[i].pattern, path, r->params,
		    LIMIT_PARAMS);
		if (n < 0)
			continue;
		if (site->routes[i].method != m) {
			*other = 1;
			continue;
		}
		r->nparams = n;
		return (int)i;
	}
	return -1;
}

size_t
http_body_limit(const struct req *r)
{
	size_t max;

	if (r->route == NULL || r->route->body == BODY_NONE)
		return 0;
	max = r->route->body_max;
	if (max == 0)
		max = r->route->body == BODY_JSON ? LIMIT_BODY_JSON :
		    r->route->body == BODY_MULTIPART ||
		    r->route->body == BODY_RAW ? LIMIT_BODY_UPLOAD :
		    LIMIT_BODY_FORM;
	if (r->actor == NULL && max > LIMIT_BODY_ANON)
		max = LIMIT_BODY_ANON;
	return max;
}

void
http_identify(struct req *r)
{
	const char *tok, *csrf = NULL;
	struct actor *a = NULL;
	enum svc_rc rc = SVC_NOTFOUND;
	int lang;

	if (r->route != NULL && (r->route->flags & RF_NOSESSION))
		return;
	r->svc.st = r->site->st;
	r->svc.a = r->a;
	r->svc.client = r->client;
	/* The JSON API takes bearer tokens only, the web interface the
	 * session cookie only: a cookie never authorises an API write. */
	if (r->route != NULL && (r->route->flags & RF_API)) {
		if (r->auth_header != NULL &&
		    strncmp(r->auth_header, "Bearer ", 7) == 0) {
			rc = auth_bearer(&r->svc, r->auth_header + 7, &a);
			if (rc == SVC_OK) {
				r->via_bearer = 1;
				r->actor = a;
			}
		}
	} else if (r->cookie_header != NULL &&
	    (tok = cookie_get(r->a, r->cookie_header, "rr_session")) != NULL) {
		if ((rc = auth_session(&r->svc, tok, &a, &csrf)) == SVC_OK) {
			r->actor = a;
			r->csrf = csrf;
			r->session_token = tok;
		}
	}
	/* The database did not answer: not "logged out" but 503 (step 5). */
	r->ident_unavailable = rc == SVC_UNAVAILABLE;
	if (r->actor != NULL) {
		r->actor->client = r->client;
		r->lang = r->actor->lang;
	} else if (r->cookie_header != NULL &&
	    (tok = cookie_get(r->a, r->cookie_header, "rr_lang")) != NULL &&
	    (lang = lang_parse(tok)) >= 0)
		r->lang = (enum lang)lang;
	else
		r->lang = lang_from_accept(r->accept_lang);
	r->svc.actor = r->actor;
}

static const struct field *
field_find(const struct route *rt, const char *name)
{
	const struct field *f;

	for (f = rt->fields; f != NULL && f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Bounded decimal parser: 0 and *out, or -1. */
static int
parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (*s == '\0' || strlen(s) > 19 || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

static int
in_set(const char *const *set, const char *v)
{
	for (; set != NULL && *set != NULL; set++)
		if (strcmp(*set, v) == 0)
			return 1;
	return 0;
}

/* Checks one value; NULL when good, else a message key. May rewrite *v to
 * its canonical form. */
static const char *
check_value(struct req *r, const struct field *f, const char **v)
{
	const char *s = *v;
	size_t len = strlen(s), chars, i;
	int64_t n, t;

	switch (f->type) {
	case F_LINE:
	case F_TEXT:
		for (i = 0; i < len; i++)
			if (f->type == F_LINE && (s[i] == '\n' || s[i] == '\r' ||
			    s[i] == '\t'))
				return "error.field.line";
		chars = utf8_chars(s, len);
		if (f->max > 0 && (int64_t)chars > f->max)
			return "error.field.toolong";
		if ((int64_t)chars < f->min)
			return "error.field.tooshort";
		if (f->required) {
			/* Blank is empty. A one-line value is kept squashed;
			 * text keeps its line breaks. */
			const char *q = utf8_squash(r->a, s);

			if (q != NULL && *q == '\0')
				return "error.field.required";
			if (f->type == F_LINE && q != NULL)
				*v = q;
		}
		return NULL;
	case F_PASSWORD:
		return len > 128 ? "error.field.toolong" : NULL;
	case F_INT:
	case F_ID:
		if (parse_int(s, &n) != 0)
			return "error.field.number";
		if (f->type == F_ID && n < 1)
			return "error.field.number";
		if (f->type == F_INT && (n < f->min || n > f->max))
			return "error.field.range";
		return NULL;
	case F_ENUM:
		return in_set(f->set, s) ? NULL : "error.field.choice";
	case F_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
		    strcmp(s, "true") == 0)
			*v = "1";
		else if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
			*v = "0";
		else
			return "error.field.invalid";
		return NULL;
	case F_DATE:
		return clock_parse_date(s, &t) == 0 ? NULL : "error.field.date";
	default:
		return "error.field.invalid";
	}
}

/*
 * Checks the raw key/values against the route's fields: no unknown or
 * repeated field, every required one present, every value valid. Valid
 * values go to r->fields; errors to r->errors.
 */
static void
validate(struct req *r, const struct kvlist *raw)
{
	const struct route *rt = r->route;
	const struct field *f;
	const char *v, *msg;
	size_t i, nf = 0;

	for (f = rt->fields; f != NULL && f->name != NULL; f++)
		nf++;
	r->fields.v = arena_zalloc(r->a, (nf + 1) * sizeof(struct kv));
	r->fields.n = 0;
	if (r->fields.v == NULL) {
		req_add_error(r, NULL, "error.toobig");
		return;
	}
	for (i = 0; i < raw->n; i++) {
		if ((rt->flags & RF_CSRF) && strcmp(raw->v[i].key, "csrf") == 0)
			continue;
		if (field_find(rt, raw->v[i].key) == NULL) {
			req_add_error(r, arena_strdup(r->a, raw->v[i].key),
			    "error.field.unknown");
			return;
		}
		if (kv_count(raw, raw->v[i].key) > 1) {
			req_add_error(r, raw->v[i].key, "error.field.repeated");
			return;
		}
	}
	for (f = rt->fields; f != NULL && f->name != NULL; f++) {
		v = kv_get(raw, f->name);
		if (v == NULL || (*v == '\0' && f->type != F_BOOL)) {
			if (f->required)
				req_add_error(r, f->name, "error.field.required");
			else if (f->type == F_BOOL) {
				r->fields.v[r->fields.n].key = f->name;
				r->fields.v[r->fields.n].val = "0";
				r->fields.n++;
			}
			continue;
		}
		if ((msg = check_value(r, f, &v)) != NULL) {
			req_add_error(r, f->name, msg);
			continue;
		}
		r->fields.v[r->fields.n].key = f->name;
		r->fields.v[r->fields.n].val = v;
		r->fields.v[r->fields.n].vlen = strlen(v);
		r->fields.n++;
	}
}

/* A JSON object of scalars to key/values (numbers as decimal, booleans as
 * 1/0, null as absent). 0, or -1 with a message. */
static int
json_fields(struct req *r, const char *body, size_t len, struct kvlist *out,
    const char **msg)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *k;
	size_t n = 0, max;

	*msg = "error.json.invalid";
	if (len == 0) {
		out->v = NULL;
		out->n = 0;
		return 0;
	}
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return -1;
	if (!json_is_object(root)) {
		json_decref(root);
		*msg = "error.json.object";
		return -1;
	}
	max = r->actor ? LIMIT_FIELDS : LIMIT_FIELDS_ANON;
	if (json_object_size(root) > max) {
		json_decref(root);
		*msg = "error.fields.toomany";
		return -1;
	}
	out->v = arena_zalloc(r->a, (json_object_size(root) + 1) *
	    sizeof(struct kv));
	if (out->v == NULL) {
		json_decref(root);
		return -1;
	}
	json_object_foreach(root, k, v) {
		const char *s;

		if (strlen(k) > 64 || !utf8_valid(k, strlen(k))) {
			json_decref(root);
			return -1;
		}
		if (json_is_string(v)) {
			s = arena_strndup(r->a, json_string_value(v),
			    json_string_length(v));
			if (s == NULL || strlen(s) != json_string_length(v) ||
			    !utf8_valid(s, strlen(s))) {
				json_decref(root);
				return -1;
			}
		} else if (json_is_integer(v))
			s = arena_printf(r->a, "%lld",
			    (long long)json_integer_value(v));
		else if (json_is_true(v))
			s = "1";
		else if (json_is_false(v))
			s = "0";
		else if (json_is_null(v)) {
			/* null is "absent", but only for a field the route
			 * knows: an unknown key is refused even when null. */
			if (field_find(r->route, k) == NULL) {
				req_add_error(r, arena_strdup(r->a, k),
				    "error.field.unknown");
				json_decref(root);
				*msg = "error.field.unknown";
				return -1;
			}
			continue;
		}
		else {
			/* A wrong type: name the field (k lives in root). */
			req_add_error(r, arena_strdup(r->a, k), "error.json.scalar");
			json_decref(root);
			*msg = "error.json.scalar";
			return -1;
		}
		out->v[n].key = arena_strdup(r->a, k);
		out->v[n].val = s;
		out->v[n].vlen = s ? strlen(s) : 0;
		if (out->v[n].key == NULL || s == NULL) {
			json_decref(root);
			return -1;
		}
		n++;
	}
	out->n = n;
	json_decref(root);
	return 0;
}

static int
content_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	if (ct == NULL || strncasecmp(ct, want, n) != 0)
		return 0;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/*
 * A community group member or a provider user asking for a case, child or
 * intake URL learns nothing, not even that the URL exists for others: 404,
 * and the attempt is audited as case.read.denied with the object's type
 * (from the path) and id (when the path has one). 1 when answered so.
 */
static int
probe_hidden(struct req *r)
{
	static const struct {
		const char	*segment, *type;
	} types[] = {
		{ "cases", "case" }, { "children", "child" },
		{ "intake", "report" }, { "reports", "report" },
	};
	const struct route *rt = r->route;
	const char *p = rt->pattern, *type = NULL;
	int64_t id = 0;
	size_t i, n;

	if (r->actor == NULL || (r->actor->role != ROLE_COMMUNITY_MEMBER &&
	    r->actor->role != ROLE_PROVIDER_USER))
		return 0;
	if (rt->perm != PERM_CASE_READ && rt->perm != PERM_CASE_WRITE &&
	    rt->perm != PERM_CASE_SUPERVISE && rt->perm != PERM_CHILD_READ &&
	    rt->perm != PERM_INTAKE)
		return 0;
	if (strncmp(p, "/api/v1/", 8) == 0)
		p += 7;
	p++;
	n = strcspn(p, "/");
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i].segment) == n &&
		    strncmp(p, types[i].segment, n) == 0)
			type = types[i].type;
	if (type == NULL)
		type = arena_strndup(r->a, p, n);
	if (strncmp(p + n, "/{id}", 5) == 0)
		id = req_param_id(r, 0);
	if (audit_record_tx(r->site->st, r->actor, NULL, "case.read.denied",
	    type != NULL ? type : "route", id, rt->name) != STORE_OK)
		log_warnx("audit: case.read.denied not recorded");
	return 1;
}

void
http_dispatch(struct req *r, const char *body, size_t len)
{
	const struct route *rt = r->route;
	struct kvlist raw = { NULL, 0 };
	enum parse_rc prc;
	const char *msg, *sent;
	size_t max_fields;

	if (rt == NULL) {
		http_error(r, 404, "error.notfound");
		return;
	}
	/* 3. content type */
	if (rt->body != BODY_NONE && len > 0) {
		if (rt->body == BODY_FORM && !content_type_is(r->content_type,
		    "application/x-www-form-urlencoded")) {
			http_error(r, 415, "error.content_type");
			return;
		}
		if (rt->body == BODY_JSON && !content_type_is(r->content_type,
		    "application/json")) {
			http_error(r, 415, "error.content_type");
			return;
		}
		if (rt->body == BODY_MULTIPART && !content_type_is(
		    r->content_type, "multipart/form-data")) {
			http_error(r, 415, "error.content_type");
			return;
		}
	}
	if ((rt->flags & RF_LOOPBACK) && !r->loopback) {
		http_error(r, 404, "error.notfound");
		return;
	}
	/* 4. identity was resolved when the headers arrived (server.c). */
	/* 5. permission */
	if (rt->perm != PERM_PUBLIC && r->actor == NULL) {
		if (r->ident_unavailable) {
			if (!(rt->flags & RF_API))	/* json_error adds it */
				req_header(r, "Retry-After", "5");
			http_error(r, 503, "error.unavailable");
		} else if (rt->flags & RF_API) {
			req_header(r, "WWW-Authenticate", "Bearer");
			http_error(r, 401, "error.login.required");
		} else if (r->method == M_GET)
			req_redirect(r, "/login");
		else
			http_error(r, 401, "error.login.required");
		return;
	}
	if (!authz_allows(r->actor, rt->perm, NULL)) {
		if (probe_hidden(r)) {
			http_error(r, 404, "error.notfound");
			return;
		}
		http_error(r, 403, "error.denied");
		return;
	}
	/* A password the administrator set must be changed before anything
	 * else than the account page and logging out. */
	if (r->actor != NULL && r->actor->must_change_pw &&
	    rt->perm != PERM_PUBLIC && !(rt->flags & RF_API) &&
	    strcmp(rt->name, "account") != 0 &&
	    strcmp(rt->name, "account.password") != 0 &&
	    strcmp(rt->name, "logout") != 0) {
		req_redirect(r, "/account");
		return;
	}
	/* Fields: from the body, or the query string for GET. */
	max_fields = r->actor ? LIMIT_FIELDS : LIMIT_FIELDS_ANON;
	if (rt->body == BODY_FORM) {
		prc = form_parse(r->a, body ? body : "", len, max_fields, &raw);
		if (prc != PARSE_OK) {
			http_error(r, prc == PARSE_TOOMANY ? 413 : 400,
			    prc == PARSE_TOOMANY ? "error.fields.toomany" :
			    "error.form.invalid");
			return;
		}
	} else if (rt->body == BODY_JSON) {
		if (json_fields(r, body, len, &raw, &msg) != 0) {
			http_error(r, 400, msg);
			return;
		}
	} else if (rt->body == BODY_MULTIPART) {
		enum mp_rc mrc;

		/* An empty body is no fields and no file. */
		if (len > 0 && (mrc = multipart_parse(r->a, r->content_type,
		    body, len, max_fields, &raw, &r->upload)) != MP_OK) {
			http_error(r, mrc == MP_TOOMANY || mrc == MP_OOM ? 413 :
			    400, multipart_msg(mrc));
			return;
		}
	} else {
		raw = r->query;
		if (rt->body == BODY_RAW && len > 0) {
			r->upload.name = "file";
			r->upload.filename = "";
			r->upload.ctype = r->content_type ? r->content_type : "";
			r->upload.data = body;
			r->upload.len = len;
		}
	}
	if (rt->body != BODY_NONE && rt->body != BODY_RAW && r->query.n > 0) {
		http_error(r, 400, "error.query.unexpected");
		return;
	}
	/* 6. CSRF */
	if (rt->flags & RF_CSRF) {
		sent = kv_get(&raw, "csrf");
		if (r->csrf == NULL || sent == NULL || kv_count(&raw, "csrf") != 1 ||
		    strlen(sent) != strlen(r->csrf) ||
		    sodium_memcmp(sent, r->csrf, strlen(sent)) != 0) {
			http_error(r, 403, "error.csrf");
			return;
		}
	}
	/* 7. fields */
	validate(r, &raw);
	if (r->nerrors > 0) {
		if (rt->invalid != NULL && r->errors[0].field != NULL &&
		    field_find(rt, r->errors[0].field) != NULL) {
			r->status = 400;
			rt->invalid(r);
		} else
			http_error(r, 400, r->errors[0].msg);
		return;
	}
	r->status = 200;
	rt->fn(r);
	if (r->out.oom) {
		r->out.len = 0;
		r->out.oom = 0;
		http_error(r, 413, "error.toobig");
	}
}
