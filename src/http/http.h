/*
 * http.h — a request as the handlers see it, and the route table's shape
 * (http layer). The dispatcher (dispatch.c) checks, in this order, before
 * any handler runs: route and method, body size, content type, who is
 * asking (session cookie or bearer token), the route's permission, the CSRF
 * token of state-changing web forms, and every declared field. A handler
 * reads typed, validated values only, and writes a response through
 * web/render.h (HTML) or api/respond.h (JSON).
 */
#ifndef RRJETI_HTTP_H
#define RRJETI_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "../authz/authz.h"
#include "../i18n/i18n.h"
#include "../svc/svc.h"
#include "../util/arena.h"
#include "limits.h"
#include "multipart.h"
#include "parse.h"

struct app;

enum method {
	M_GET,
	M_POST,
	M_PUT,
	M_DELETE,
	M__MAX
};

enum body_kind {
	BODY_NONE,	/* fields from the query string */
	BODY_FORM,	/* application/x-www-form-urlencoded */
	BODY_JSON,	/* application/json, an object of scalars */
	BODY_MULTIPART,	/* multipart/form-data: fields and one file (r->upload) */
	BODY_RAW	/* any bytes as r->upload; fields from the query string */
};

enum field_type {
	F_LINE,		/* one line of text: no control characters */
	F_TEXT,		/* text with line breaks */
	F_INT,		/* decimal integer in [min, max] */
	F_ID,		/* integer >= 1 */
	F_ENUM,		/* one of set */
	F_BOOL,		/* checkbox: absent is false; 1/0, on, true/false */
	F_PASSWORD,	/* any printable text up to 128 bytes, never echoed */
	F_DATE,		/* dd.mm.yyyy or yyyy-mm-dd */
	F__MAX
};

/* A declared input field. min/max count characters for text and bound the
 * value for integers. */
struct field {
	const char		*name;
	enum field_type		 type;
	int			 required;
	int64_t			 min;
	int64_t			 max;
	const char *const	*set;	/* F_ENUM: NULL-terminated */
};

struct req;
typedef void (*handler_fn)(struct req *);

/* Route flags. */
#define RF_CSRF		0x01	/* a state-changing web form: CSRF token required */
#define RF_API		0x02	/* JSON in and out; bearer tokens accepted */
#define RF_LOOPBACK	0x04	/* only for clients on 127.0.0.0/8 or ::1 */
#define RF_NOSESSION	0x08	/* do not look up the session (static, health) */
#define RF_BIG		0x10	/* may use LIMIT_ARENA_BIG (an export); uploads
				 * (multipart, raw bodies) are big anyway */

struct route {
	enum method		 method;
	const char		*pattern;	/* "/admin/users/{id}" */
	const char		*name;		/* metrics label */
	enum perm		 perm;
	int			 flags;
	enum body_kind		 body;
	size_t			 body_max;	/* 0: the default of its kind */
	const struct field	*fields;	/* ends with a NULL name; NULL: none */
	handler_fn		 fn;
	/* Web forms: re-renders the form with the field errors (status 400);
	 * NULL gives the generic error page. */
	handler_fn		 invalid;
};

struct field_error {
	const char	*field;
	const char	*msg;	/* catalogue key */
};

#define REQ_MAX_ERRORS	16
#define REQ_MAX_HEADERS	8

/* What the http layer needs of the application. */
struct http_site {
	const struct route	*routes;
	size_t			 nroutes;
	struct store		*st;
	int			 secure_cookies;	/* behind TLS: add Secure */
	int			 trust_proxy;	/* take X-Real-IP from a loopback proxy */
	struct app		*app;		/* for the handlers */
};

struct req {
	struct http_site	*site;
	struct app		*app;
	struct arena		*a;
	const struct route	*route;
	int			 route_idx;	/* -1: none matched */
	enum method		 method;
	const char		*path;
	const char		*params[LIMIT_PARAMS];
	int			 nparams;
	struct kvlist		 query;
	struct kvlist		 fields;	/* validated input */
	struct mp_file		 upload;	/* BODY_MULTIPART, BODY_RAW: the
						 * file (upload.name NULL: none) */
	struct field_error	 errors[REQ_MAX_ERRORS];
	int			 nerrors;

	struct actor		*actor;		/* NULL: not logged in */
	const char		*csrf;		/* the session's CSRF token */
	const char		*session_token;
	int			 via_bearer;
	int			 ident_unavailable; /* the store could not say who */
	enum lang		 lang;
	const char		*client;	/* client address */
	int			 loopback;
	const char		*accept_lang;
	const char		*if_none_match;
	const char		*content_type;
	const char		*cookie_header;
	const char		*auth_header;
	const char		*forwarded_for;
	struct svc		 svc;		/* store, arena, actor for services */

	/* The response. */
	int			 status;
	struct buf		 out;
	const char		*ctype;
	const char		*location;
	const char		*headers[REQ_MAX_HEADERS][2];
	int			 nheaders;
	int			 cache;		/* 1: static, cacheable */
};

/* Typed field access (fields the route declared and the dispatcher checked). */
const char	*req_str(const struct req *, const char *name);	/* "" when absent */
int		 req_has(const struct req *, const char *name);
int64_t		 req_int(const struct req *, const char *name);	/* 0 when absent */
int		 req_bool(const struct req *, const char *name);
/* Path parameter i as an id (> 0), or 0 when it is not one. */
int64_t		 req_param_id(const struct req *, int i);

/* Response helpers. */
void		 req_header(struct req *, const char *name, const char *value);
void		 req_redirect(struct req *, const char *location);	/* 303 */
void		 req_add_error(struct req *, const char *field, const char *msg);

/* The HTTP status of a service result, in one place. */
int		 http_status_of(enum svc_rc);

const char	*method_name(enum method);
int		 method_parse(const char *);

/*
 * dispatch.c: runs every check of the route table, then the handler; fills
 * the response fields of r. The server calls it once the body is in.
 */
void		 http_dispatch(struct req *, const char *body, size_t len);
/* The route matching method and path: index, or -1 (and *allow_other set
 * when the path exists for another method, for 405). */
int		 http_route_find(const struct http_site *, struct req *,
		    enum method, const char *path, int *other_method);
/* Resolves who is asking from the cookie or the bearer token. */
void		 http_identify(struct req *);
/* The most body the route accepts from this requester. */
size_t		 http_body_limit(const struct req *);
/* Fills an error response (HTML page or JSON) for status with message key. */
void		 http_error(struct req *, int status, const char *msg);
/* The error renderers: set by the web and api layers at start-up. */
extern void	(*http_error_html)(struct req *, int status, const char *msg);
extern void	(*http_error_json)(struct req *, int status, const char *msg);

#endif
