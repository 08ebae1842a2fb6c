/*
 * server.c — libmicrohttpd glue (http layer). A request's life:
 *
 *   uri_cb       a struct req from the pool, the raw URI kept (MHD would
 *                decode it; we parse the query ourselves, strictly)
 *   1st call     headers: route, identity, body limit (413 before reading)
 *   upload calls body into the arena, never past the limit
 *   last call    http_dispatch(), then the response with security headers
 *   done_cb      metrics; the arena wiped and the req back to the pool
 *
 * The response is queued on a later call than the first: answering on the
 * first forces Connection: close in libmicrohttpd.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "../util/log.h"
#include "metrics.h"
#include "server.h"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; " \
	"base-uri 'none'"

struct slot {
	struct req	 r;
	struct slot	*next;
	char		*uri;
	int		 started;
	int		 early;		/* status decided before dispatch */
	int		 big;		/* holds one of the LIMIT_BIG_RUNNING */
	int		 late;		/* no body: identity, query and handler
					 * in the last call, in one read scope */
	const char	*query;		/* after '?', parsed late */
	const char	*early_msg;
	char		*body;
	size_t		 blen, bcap, bmax;
	unsigned long long blen_hint;	/* Content-Length; 0: none */
	struct timespec	 t0;
};

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot *pool;
static int big_running;		/* under pool_mu */
static struct http_site *site;

static struct slot *
slot_get(void)
{
	struct slot *s;

	pthread_mutex_lock(&pool_mu);
	if ((s = pool) != NULL)
		pool = s->next;
	pthread_mutex_unlock(&pool_mu);
	if (s == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			return NULL;
		if ((s->r.a = arena_new(LIMIT_ARENA)) == NULL) {
			free(s);
			return NULL;
		}
	}
	return s;
}

/* The one place a request's memory is wiped and reused. */
static void
slot_put(struct slot *s)
{
	struct arena *a = s->r.a;

	arena_reset(a);
	arena_set_cap(a, LIMIT_ARENA);
	pthread_mutex_lock(&pool_mu);
	if (s->big)
		big_running--;
	pthread_mutex_unlock(&pool_mu);
	memset(s, 0, sizeof(*s));
	s->r.a = a;
	pthread_mutex_lock(&pool_mu);
	s->next = pool;
	pool = s;
	pthread_mutex_unlock(&pool_mu);
}

static void *
uri_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct slot *s;
	size_t n;

	if ((s = slot_get()) == NULL)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &s->t0);
	n = strlen(uri);
	if (n > LIMIT_URI) {
		s->early = 414;
		s->early_msg = "error.uri.toolong";
		/* Enough of it for http_error() to answer the API in JSON. */
		s->uri = strncmp(uri, "/api/", 5) == 0 ? "/api/" : "/";
	} else if ((s->uri = arena_strndup(s->r.a, uri, n)) == NULL) {
		s->early = 503;
		s->uri = "/";
	}
	s->r.site = site;
	s->r.app = site->app;
	s->r.route_idx = -1;
	buf_init(&s->r.out, s->r.a);
	return s;
}

static void
done_cb(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct slot *s = *con_cls;
	struct timespec t1;
	int64_t us;

	if (s == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (int64_t)(t1.tv_sec - s->t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - s->t0.tv_nsec) / 1000;
	metrics_observe(s->r.route_idx, s->r.status, us);
	*con_cls = NULL;
	slot_put(s);
}

static int
is_loopback(const struct sockaddr *sa)
{
	if (sa == NULL)
		return 0;
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr)
		    >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(
		    &((const struct sockaddr_in6 *)sa)->sin6_addr);
	return 0;
}

static const char *
client_of(struct req *r, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;
	char b[INET6_ADDRSTRLEN];
	const char *real;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	sa = ci ? ci->client_addr : NULL;
	r->loopback = is_loopback(sa);
	if (r->loopback && site->trust_proxy &&
	    (real = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Real-IP")) != NULL && strlen(real) < INET6_ADDRSTRLEN) {
		r->loopback = 0;	/* the real client is elsewhere */
		return arena_strdup(r->a, real);
	}
	if (sa == NULL)
		return "";
	if (sa->sa_family == AF_INET)
		ipv4_text(ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr),
		    b);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
		    b, sizeof(b));
	else
		return "";
	return arena_strdup(r->a, b);
}

struct framing {
	int	content_length;
	int	transfer_encoding;
};

static enum MHD_Result
count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct framing *f = cls;

	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		f->content_length++;
	else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0)
		f->transfer_encoding++;
	return MHD_YES;
}

/* The methods path answers to, for the Allow header of a 405. */
static const char *
allowed_methods(struct req *r, const char *path)
{
	struct buf b;
	const char *params[LIMIT_PARAMS];
	size_t i;
	int seen[M__MAX] = { 0 };

	buf_init(&b, r->a);
	for (i = 0; i < site->nroutes; i++) {
		if (seen[site->routes[i].method] || path_match(r->a,
		    site->routes[i].pattern, path, params, LIMIT_PARAMS) < 0)
			continue;
		seen[site->routes[i].method] = 1;
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, method_name(site->routes[i].method));
		if (site->routes[i].method == M_GET)
			buf_puts(&b, ", HEAD");
	}
	return b.len && !b.oom ? b.p : NULL;
}

static int	parse_query(struct slot *, const char *);

/* A big request: an upload or a route marked RF_BIG, by someone logged in
 * (anonymous requests never get the larger memory, so they cannot hold the
 * places either). */
static int
is_big(const struct req *r)
{
	return r->actor != NULL && r->route != NULL &&
	    ((r->route->flags & RF_BIG) || r->route->body == BODY_MULTIPART ||
	    r->route->body == BODY_RAW);
}

/* A big request takes one of LIMIT_BIG_RUNNING places and the larger
 * memory cap; 0, or -1 when all are taken (the early answer is 503). */
static int
big_take(struct slot *s)
{
	int ok;

	pthread_mutex_lock(&pool_mu);
	if ((ok = big_running < LIMIT_BIG_RUNNING) != 0)
		big_running++;
	pthread_mutex_unlock(&pool_mu);
	if (!ok) {
		s->early = 503;
		s->early_msg = "error.busy";
		req_header(&s->r, "Retry-After", "5");
		return -1;
	}
	s->big = 1;
	arena_set_cap(s->r.a, LIMIT_ARENA_BIG);
	return 0;
}

/* Headers arrived: find the route, who is asking, and the body limit. */
static void
start(struct slot *s, struct MHD_Connection *c, const char *method)
{
	struct req *r = &s->r;
	struct framing fr = { 0, 0 };
	const char *q, *cl, *allow;
	char *path;
	int m, other = 0;

	r->client = client_of(r, c);
	if (s->early) {
		r->path = s->uri;
		return;
	}
	q = strchr(s->uri, '?');
	path = q ? arena_strndup(r->a, s->uri, (size_t)(q - s->uri)) : s->uri;
	r->path = path;
	if ((m = method_parse(method)) < 0) {
		s->early = 405;
		s->early_msg = "error.method";
		if ((allow = allowed_methods(r, path)) != NULL)
			req_header(r, "Allow", allow);
		return;
	}
	r->method = (enum method)m;
	r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	r->cookie_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_COOKIE);
	r->auth_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	r->accept_lang = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	r->if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	r->route_idx = http_route_find(site, r, r->method, path, &other);
	r->route = r->route_idx >= 0 ? &site->routes[r->route_idx] : NULL;
	if (r->route == NULL) {
		http_identify(r);	/* the error page's language */
		s->early = other ? 405 : 404;
		s->early_msg = other ? "error.method" : "error.notfound";
		if (other && (allow = allowed_methods(r, path)) != NULL)
			req_header(r, "Allow", allow);
		return;
	}
	/* Two lengths, or a length and chunking, are how requests get
	 * smuggled past a proxy that reads them differently: refuse. */
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &fr);
	if (fr.content_length > 1 || (fr.content_length && fr.transfer_encoding)) {
		http_identify(r);
		s->early = 400;
		s->early_msg = "error.framing";
		return;
	}
	cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	/* A route without a body (every GET): who is asking, the query and
	 * the handler wait for the last call, where they share one read
	 * transaction (finish()). Its body limit is 0 whoever asks. */
	if (r->route->body == BODY_NONE) {
		s->late = 1;
		s->query = q != NULL ? q + 1 : NULL;
		s->bmax = 0;
		if (cl != NULL && strtoull(cl, NULL, 10) > 0) {
			s->early = 413;
			s->early_msg = "error.toobig";
		}
		return;
	}
	http_identify(r);
	if (q != NULL && parse_query(s, q + 1) != 0)
		return;
	if (is_big(r) && big_take(s) != 0)
		return;
	s->bmax = http_body_limit(r);
	s->blen_hint = cl != NULL ? strtoull(cl, NULL, 10) : 0;
	if (s->blen_hint > s->bmax) {
		s->early = 413;
		s->early_msg = "error.toobig";
	}
}

/* The query string into r->query (limits by who is asking); -1 with the
 * early error set when it is malformed. */
static int
parse_query(struct slot *s, const char *q)
{
	struct req *r = &s->r;

	if (form_parse(r->a, q, strlen(q), r->actor ? LIMIT_FIELDS :
	    LIMIT_FIELDS_ANON, &r->query) != PARSE_OK) {
		s->early = 400;
		s->early_msg = "error.query.invalid";
		return -1;
	}
	return 0;
}

/*
 * The last call: the response. For a request without a body, identity,
 * query and handler run here inside one read scope of the store, so the
 * session lookup and the page's reads share a read transaction.
 */
static void
finish(struct slot *s)
{
	struct req *r = &s->r;
	int scope = s->late && !(r->route->flags & RF_NOSESSION);

	if (scope)
		store_read_begin(site->st);
	if (s->late) {
		http_identify(r);
		if (!s->early && s->query != NULL)
			(void)parse_query(s, s->query);
		if (!s->early && is_big(r))
			(void)big_take(s);
	}
	if (s->early) {
		if (s->early == 405 && r->route == NULL && r->path == NULL)
			r->path = "/";
		http_error(r, s->early, s->early_msg ? s->early_msg :
		    "error.unavailable");
	} else
		http_dispatch(r, s->body, s->blen);
	if (scope)
		store_read_end(site->st);
}

static void
add_headers(struct MHD_Response *resp, struct req *r)
{
	int i;

	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=()");
	if (site->secure_cookies)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
	if (!r->cache)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	for (i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
}

static enum MHD_Result
respond(struct MHD_Connection *c, struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (r->status == 0)
		r->status = 500;
	resp = MHD_create_response_from_buffer(r->out.len,
	    r->out.len ? r->out.p : (void *)"", MHD_RESPMEM_PERSISTENT);
	if (resp == NULL)
		return MHD_NO;
	add_headers(resp, r);
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct slot *s = *con_cls;
	struct req *r;
	const char *ex;
	size_t ncap;
	char *nb;

	if (s == NULL)
		return MHD_NO;
	r = &s->r;
	if (!s->started) {
		s->started = 1;
		start(s, c, method);
		/* A client waiting for "100 Continue" before it sends a body
		 * past the limit gets the 413 at once (and the connection
		 * closed) instead. Others have sent the body already: it is
		 * read and thrown away so that they see the answer. */
		if (s->early == 413 && (ex = MHD_lookup_connection_value(c,
		    MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT)) != NULL &&
		    strcasecmp(ex, "100-continue") == 0) {
			http_error(r, s->early, s->early_msg);
			return respond(c, r);
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (s->early) {
			*upload_size = 0;	/* discard */
			return MHD_YES;
		}
		if (s->blen + *upload_size > s->bmax) {
			s->early = 413;
			s->early_msg = "error.toobig";
			*upload_size = 0;
			return MHD_YES;
		}
		if (s->blen + *upload_size + 1 > s->bcap) {
			/* The whole body at once when its length is known
			 * (an upload: no copies left behind in the arena). */
			ncap = s->bcap ? s->bcap * 2 : s->blen_hint >=
			    *upload_size ? (size_t)s->blen_hint + 1 : 1024;
			while (ncap < s->blen + *upload_size + 1)
				ncap *= 2;
			if ((nb = arena_alloc(r->a, ncap)) == NULL) {
				s->early = 413;
				s->early_msg = "error.toobig";
				*upload_size = 0;
				return MHD_YES;
			}
			if (s->blen)
				memcpy(nb, s->body, s->blen);
			s->body = nb;
			s->bcap = ncap;
		}
		memcpy(s->body + s->blen, upload, *upload_size);
		s->blen += *upload_size;
		s->body[s->blen] = '\0';
		*upload_size = 0;
		return MHD_YES;
	}
	finish(s);
	return respond(c, r);
}

static int
parse_listen(const char *l, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon;
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	long port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if ((colon = strrchr(l, ':')) == NULL)
		return -1;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535 ||
	    (size_t)(colon - l) >= sizeof(host))
		return -1;
	memcpy(host, l, (size_t)(colon - l));
	host[colon - l] = '\0';
	if (host[0] == '[') {
		size_t n = strlen(host);

		if (n < 2 || host[n - 1] != ']')
			return -1;
		host[n - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1)
			return -1;
		*len = sizeof(*in6);
		return AF_INET6;
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	if (host[0] == '\0')
		in4->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, host, &in4->sin_addr) != 1)
		return -1;
	*len = sizeof(*in4);
	return AF_INET;
}

int
server_run(struct http_site *s, const struct server_config *cfg)
{
	struct MHD_Daemon *d;
	struct sockaddr_storage ss;
	socklen_t sl;
	sigset_t set;
	unsigned flags;
	int fam, sig, threads;

	site = s;
	if ((fam = parse_listen(cfg->listen, &ss, &sl)) < 0) {
		log_warnx("listen: cannot use %s (host:port expected)",
		    cfg->listen);
		return -1;
	}
	threads = cfg->threads < 2 ? 2 : cfg->threads;
	if (metrics_init(s->nroutes) != 0)
		return -1;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	if (fam == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)LIMIT_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)LIMIT_CONN_PER_IP,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_CONN_MEMORY,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_cb, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, done_cb, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		log_warnx("listen: cannot serve on %s (address in use?)",
		    cfg->listen);
		return -1;
	}
	log_info("serving http://%s with %d threads", cfg->listen, threads);
	for (;;) {
		if (sigwait(&set, &sig) == 0 && (sig == SIGINT || sig == SIGTERM))
			break;
	}
	log_info("stopping");
	MHD_stop_daemon(d);
	return 0;
}
