/*
 * fuzz_request.c — libFuzzer harness for the whole request path behind the
 * network: route and method, identity (session cookie, bearer token), body
 * limits, content type, permission, CSRF, every field, then the real web and
 * API handlers with their services, store and templates (src/http/
 * dispatch.c and everything it calls). The request is built as server.c's
 * start() builds it.
 *
 * On the first call it makes an installation in a temporary directory
 * (app_config_load, app_open with migrate, ref_load, app_load_ui, web_init,
 * api_init), with an agency and four users. Before every input it puts back
 * what an input may have changed that later inputs rely on: fixed session
 * tokens and an API token, the users active and unlocked. Each input gets the
 * same arena, reset after it.
 *
 * Input framing: five lines, then the body (any bytes, to the end):
 *
 *	METHOD[ L]	"GET", "POST", ...; " L": from a loopback address
 *	URI		path and query
 *	COOKIE		the Cookie header (empty line: none)
 *	CONTENT-TYPE	(empty line: none)
 *	AUTHORIZATION	(empty line: none)
 *	BODY...
 *
 * In the URI, headers and body these stand for live credentials:
 *	@S@ a sysadmin's session token    @M@ a municipal admin's session token
 *	@A@ an auditor's session token    @W@ a caseworker's session token
 *	@C@ the CSRF token of all four    @T@ the sysadmin's API token (rrj_...)
 *	@P@ the users' password
 *
 * After each request it checks what must hold whatever the input: a status
 * in 100..599, a Location on 303, no 2xx from a route the actor may not use,
 * no 2xx on a CSRF route without the session's token; else it aborts.
 *
 * Built by tests/fuzz/run-libfuzzer.sh; replayed over
 * tests/fuzz/corpus/request/ by plain builds with tests/fuzz/replay.c.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "../../src/api/api.h"
#include "../../src/app/app.h"
#include "../../src/http/http.h"
#include "../../src/http/metrics.h"
#include "../../src/svc/agency.h"
#include "../../src/svc/auth.h"
#include "../../src/svc/reference.h"
#include "../../src/svc/user.h"
#include "../../src/util/arena.h"
#include "../../src/util/clock.h"
#include "../../src/util/log.h"
#include "../../src/web/web.h"

#define CHECK(x)	do { if (!(x)) { fprintf(stderr, "fuzz_request: %s:%d: " \
			    "%s\n", __FILE__, __LINE__, #x); abort(); } } while (0)
#define PASSWORD	"Fuzz password 1"
#define CSRF		"FuzzCsrfToken0123456789abcdefghijklmnopqrst"
#define NHDR		5

static const struct {
	const char	*mark;
	const char	*user;
	enum role	 role;
	const char	*token;		/* 43 characters of base64url */
} sessions[] = {
	{ "@S@", "fuzz.admin", ROLE_SYSADMIN,
	    "FuzzSessionSysadmin0123456789abcdefghijklm" "n" },
	{ "@M@", "fuzz.muni", ROLE_MUNICIPAL_ADMIN,
	    "FuzzSessionMunicipal0123456789abcdefghijkl" "m" },
	{ "@A@", "fuzz.auditor", ROLE_AUDITOR,
	    "FuzzSessionAuditor0123456789abcdefghijklmn" "o" },
	{ "@W@", "fuzz.worker", ROLE_CASEWORKER,
	    "FuzzSessionWorker0123456789abcdefghijklmno" "p" },
};
#define NSESS		(sizeof(sessions) / sizeof(sessions[0]))
#define API_TOKEN	"rrj_FuzzApiToken0123456789abcdefghijklmnopqrstu"

static struct app app;
static struct arena *arena;
static sqlite3 *raw;
static char dir[256];
static int ready;
static int verbose;	/* FUZZ_REQUEST_VERBOSE=1: one line per request */

static void
hash_hex(const char *token, char out[65])
{
	unsigned char d[32];

	crypto_generichash(d, sizeof(d), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static void
cleanup(void)
{
	struct dirent *de;
	char path[600];
	DIR *d;

	if (!ready)
		return;
	ready = 0;
	sqlite3_close(raw);
	app_close(&app);
	arena_free(arena);
	i18n_clear();
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* The users and the agency they belong to, made as the command line. */
static void
populate(void)
{
	struct actor root;
	struct svc s;
	struct user_new u;
	struct muni_info *m;
	int64_t ag = 0, id;
	size_t i;

	memset(&root, 0, sizeof(root));
	root.username = "fuzz";
	root.role = ROLE_SYSADMIN;
	root.scope = SCOPE_COUNTRY;
	root.agency_code = root.agency_name = root.team_name = "";
	root.client = "fuzz";
	memset(&s, 0, sizeof(s));
	s.st = app.st;
	s.a = arena;
	s.actor = &root;
	CHECK(ref_municipality_by_code(&s, "XK09", &m) == SVC_OK);
	CHECK(agency_create(&s, "QPS-FUZZ", "Qendra", AGENCY_SOCIAL_WORK, m->id,
	    NULL, &ag) == SVC_OK);
	CHECK(agency_create(&s, "MIN-FUZZ", "Ministria", AGENCY_MINISTRY, 0,
	    "XK", NULL) == SVC_OK);
	CHECK(team_create(&s, ag, "Ekipi", NULL) == SVC_OK);
	for (i = 0; i < NSESS; i++) {
		memset(&u, 0, sizeof(u));
		u.username = sessions[i].user;
		u.full_name = sessions[i].user;
		u.password = PASSWORD;
		u.role = (int)sessions[i].role;
		u.scope = -1;
		u.agency_id = sessions[i].role == ROLE_SYSADMIN ? 0 : ag;
		u.lang = LANG_SQ;
		CHECK(user_create(&s, &u, &id) == SVC_OK);
	}
	arena_reset(arena);
}

static void
setup(void)
{
	char err[512];

	size_t i;

	CHECK(sodium_init() >= 0);
	for (i = 0; i < NSESS; i++)
		CHECK(strlen(sessions[i].token) == 43);
	CHECK(strlen(API_TOKEN) == 4 + 43);
	verbose = getenv("FUZZ_REQUEST_VERBOSE") != NULL;
	log_quiet(!verbose);
	snprintf(dir, sizeof(dir), "%s/rrjeti-fuzz-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	if (app_config_load(&app.cfg, dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_request: %s\n", err);
		abort();
	}
	/* Whatever the environment says: this directory, cheap hashes. */
	snprintf(app.cfg.database, sizeof(app.cfg.database), "%s/rrjeti.db", dir);
	app.cfg.fast_hash = 1;
	if (app_open(&app, 1, err, sizeof(err)) != 0 ||
	    ref_load(app.st, err, sizeof(err)) != 0 ||
	    app_load_ui(&app, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_request: %s\n", err);
		abort();
	}
	web_init();
	api_init();
	CHECK(metrics_init(app_nroutes) == 0);
	CHECK((arena = arena_new(LIMIT_ARENA)) != NULL);
	populate();
	CHECK(sqlite3_open(app.cfg.database, &raw) == SQLITE_OK);
	sqlite3_busy_timeout(raw, 5000);
	ready = 1;
	atexit(cleanup);
}

/* Puts back the state the inputs rely on. */
static void
reset_state(void)
{
	char h[65], *q;
	int64_t now = clock_now();
	size_t i;

	CHECK(sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK);
	for (i = 0; i < NSESS; i++) {
		hash_hex(sessions[i].token, h);
		q = sqlite3_mprintf("UPDATE user SET active = 1, "
		    "failed_logins = 0, locked_until = 0, must_change_pw = 0, "
		    "role = '%q', scope = '%q' WHERE username = '%q';"
		    "DELETE FROM session WHERE token_hash = '%q';"
		    "INSERT INTO session (token_hash, user_id, csrf, created_at, "
		    "last_seen, expires_at) SELECT '%q', id, '%q', %lld, %lld, "
		    "%lld FROM user WHERE username = '%q'",
		    role_name(sessions[i].role),
		    scope_name(role_default_scope(sessions[i].role)),
		    sessions[i].user, h, h, CSRF, (long long)now, (long long)now,
		    (long long)now + 3600, sessions[i].user);
		CHECK(q != NULL);
		CHECK(sqlite3_exec(raw, q, NULL, NULL, NULL) == SQLITE_OK);
		sqlite3_free(q);
	}
	hash_hex(API_TOKEN, h);
	q = sqlite3_mprintf("DELETE FROM api_token WHERE token_hash = '%q';"
	    "INSERT INTO api_token (user_id, name, token_hash, created_at, "
	    "expires_at) SELECT id, 'fuzz', '%q', %lld, %lld FROM user WHERE "
	    "username = 'fuzz.admin'", h, h, (long long)now,
	    (long long)now + 3600);
	CHECK(q != NULL);
	CHECK(sqlite3_exec(raw, q, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_free(q);
	CHECK(sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
}

/* s[0..n) with the marks replaced, NUL-terminated, in the arena; *outlen
 * gets its length (it may hold NULs: the body). */
static char *
subst(const char *s, size_t n, size_t *outlen)
{
	struct buf b;
	size_t i, k;

	buf_init(&b, arena);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '@' && i + 2 < n && s[i + 2] == '@') {
			const char *rep = NULL;

			for (k = 0; k < NSESS; k++)
				if (s[i + 1] == sessions[k].mark[1])
					rep = sessions[k].token;
			if (s[i + 1] == 'C')
				rep = CSRF;
			else if (s[i + 1] == 'T')
				rep = API_TOKEN;
			else if (s[i + 1] == 'P')
				rep = PASSWORD;
			if (rep != NULL) {
				buf_puts(&b, rep);
				i += 2;
				continue;
			}
		}
		buf_putc(&b, s[i]);
	}
	if (b.oom)
		return NULL;
	if (outlen)
		*outlen = b.len;
	return b.p;
}

/* A header line: NULL when empty; cut at a NUL as a C string would be. */
static const char *
header(const char *s, size_t n)
{
	char *v;

	if (n == 0)
		return NULL;
	if ((v = subst(s, n, NULL)) == NULL)
		return NULL;
	return v;
}

/* The checks that must hold after any request. */
static void
check_response(const struct req *r, size_t blen)
{
	const struct route *rt = r->route;

	CHECK(r->status >= 100 && r->status <= 599);
	if (r->status == 303)
		CHECK(r->location != NULL && r->location[0] == '/');
	CHECK(r->nheaders <= REQ_MAX_HEADERS);
	CHECK(r->out.len == 0 || (r->out.p != NULL &&
	    r->out.p[r->out.len] == '\0'));
	if (rt == NULL || r->status < 200 || r->status > 299)
		return;
	/* A success: the actor may use the route. */
	CHECK(authz_allows(r->actor, rt->perm, NULL));
	if (rt->perm != PERM_PUBLIC)
		CHECK(r->actor != NULL);
	if (rt->flags & RF_CSRF)
		CHECK(r->actor != NULL && r->csrf != NULL &&
		    strcmp(r->csrf, CSRF) == 0);
	if (rt->flags & RF_LOOPBACK)
		CHECK(r->loopback);
	CHECK(blen <= http_body_limit(r));
}

static void
one_request(const char *data, size_t size)
{
	const char *line[NHDR], *p = data, *end = data + size, *nl, *q;
	size_t llen[NHDR], blen = 0, ulen;
	struct req r;
	const char *method, *body;
	char *uri, *mline, *path;
	int i, m, other = 0;
	enum parse_rc prc;

	for (i = 0; i < NHDR; i++) {
		if (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			line[i] = p;
			llen[i] = (size_t)(nl - p);
			p = nl + 1;
		} else {
			line[i] = p;
			llen[i] = (size_t)(end - p);
			p = end;
		}
	}
	body = subst(p, (size_t)(end - p), &blen);
	if (body == NULL)
		return;

	memset(&r, 0, sizeof(r));
	r.a = arena;
	r.site = &app.site;
	r.app = &app;
	r.route_idx = -1;
	r.client = "203.0.113.7";
	buf_init(&r.out, arena);

	/* The method line: METHOD, optionally " L" for loopback. */
	if ((mline = arena_strndup(arena, line[0], llen[0])) == NULL)
		return;
	if (strlen(mline) > 2 && strcmp(mline + strlen(mline) - 2, " L") == 0) {
		mline[strlen(mline) - 2] = '\0';
		r.loopback = 1;
		r.client = "127.0.0.1";
	}
	method = mline;
	if ((uri = subst(line[1], llen[1], NULL)) == NULL)
		return;
	ulen = strlen(uri);	/* a URI from libmicrohttpd has no NUL */
	r.cookie_header = header(line[2], llen[2]);
	r.content_type = header(line[3], llen[3]);
	r.auth_header = header(line[4], llen[4]);

	/* As server.c: uri_cb, then start(), then the body, then dispatch. */
	if (ulen > LIMIT_URI) {
		r.path = "/";
		http_error(&r, 414, "error.uri.toolong");
		goto out;
	}
	if ((m = method_parse(method)) < 0) {
		r.path = "/";
		http_error(&r, 405, "error.method");
		goto out;
	}
	r.method = (enum method)m;
	q = strchr(uri, '?');
	path = q ? arena_strndup(arena, uri, (size_t)(q - uri)) : uri;
	if (path == NULL)
		return;
	r.path = path;
	r.route_idx = http_route_find(&app.site, &r, r.method, path, &other);
	r.route = r.route_idx >= 0 ? &app.site.routes[r.route_idx] : NULL;
	http_identify(&r);
	if (r.route == NULL) {
		http_error(&r, other ? 405 : 404, other ? "error.method" :
		    "error.notfound");
		goto out;
	}
	if (q != NULL) {
		prc = form_parse(arena, q + 1, strlen(q + 1),
		    r.actor ? LIMIT_FIELDS : LIMIT_FIELDS_ANON, &r.query);
		if (prc != PARSE_OK) {
			http_error(&r, 400, "error.query.invalid");
			goto out;
		}
	}
	if (blen > http_body_limit(&r)) {
		http_error(&r, 413, "error.toobig");
		goto out;
	}
	http_dispatch(&r, blen ? body : NULL, blen);
	check_response(&r, blen);
	if (verbose)
		fprintf(stderr, "fuzz_request: %s %s -> %d %s\n", method, uri,
		    r.status, r.location ? r.location : "");
	return;
out:
	CHECK(r.status >= 400 && r.status <= 599);
	if (verbose)
		fprintf(stderr, "fuzz_request: %s %s -> %d (early)\n", method,
		    uri, r.status);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready)
		setup();
	reset_state();
	one_request((const char *)data, size);
	arena_reset(arena);
	return 0;
}
