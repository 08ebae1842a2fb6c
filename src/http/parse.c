/*
 * parse.c — the parsers for what arrives over HTTP (http layer): URL-encoded
 * forms and query strings, the Cookie header and route path templates. They
 * sit between libmicrohttpd and the route table: everything a handler later
 * sees as a field, a session token or a path parameter went through here.
 * Each parser is strict (a malformed input is refused whole, never repaired),
 * bounded by the named limits below, allocates only from the request arena
 * and is fuzzed (tests/fuzz/fuzz_form.c, fuzz_cookie.c, fuzz_path.c).
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/utf8.h"
#include "parse.h"

#define FORM_KEY_MAX	 64	/* decoded bytes; parse.h PARSE_TOOLONG */
#define COOKIE_VAL_MAX	 256	/* bytes of a cookie value, quotes excluded */
#define COOKIE_HDR_MAX	 8192	/* a longer Cookie header is refused */
#define ROUTE_PATH_MAX	 2048	/* bytes of a request path */
#define ROUTE_PARAM_MAX	 64	/* bytes of one {name} value */
#define ROUTE_PARAMS_MAX 8	/* {name} segments in one pattern */

/* Value of a hex digit, or -1. */
static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes the URL-encoded src[0..n) into dst ('+' is a space, %XX a byte)
 * and NUL-terminates it; dst has room for n + 1 bytes. Sets *dlen to the
 * decoded length. Returns 0, or -1 on a '%' not followed by two hex digits.
 */
static int
urldecode(const char *src, size_t n, char *dst, size_t *dlen)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			dst[o++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return -1;
			dst[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			dst[o++] = (char)s[i];
	}
	dst[o] = '\0';
	*dlen = o;
	return 0;
}

/*
 * Parses s[0..len), a URL-encoded body or query string, into out: at most
 * max_fields pairs split on '&', each "key=value" or "key" (empty value). The
 * empty string is zero fields. Refuses the whole input with PARSE_TOOMANY
 * (checked before anything is decoded), PARSE_BAD (an empty pair or key, a
 * bad %-escape, a decoded key or value that fails utf8_valid(): NUL, control
 * characters, overlongs, surrogates; a key may not even hold \t \n \r,
 * which no field name has and no log line should get), PARSE_TOOLONG (a
 * decoded key over FORM_KEY_MAX bytes) or PARSE_OOM (arena full). On any
 * failure out is empty. The keys and values are arena copies; s is not kept.
 */
enum parse_rc
form_parse(struct arena *a, const char *s, size_t len, size_t max_fields,
    struct kvlist *out)
{
	const char *p, *end, *amp, *eq, *val;
	struct kv *v = NULL;
	char *dst;
	size_t n, i, klen, vlen;
	enum parse_rc rc;

	assert(s != NULL || len == 0);
	out->v = NULL;
	out->n = 0;
	if (len == 0)
		return PARSE_OK;

	/* Count the pairs first: a flood of '&' costs no allocation. */
	n = 1;
	for (p = s, end = s + len; (amp = memchr(p, '&', end - p)) != NULL;
	    p = amp + 1)
		n++;
	if (n > max_fields)
		return PARSE_TOOMANY;

	/* One block holds every decoded key and value with their NULs. */
	rc = PARSE_OOM;
	if (n > (SIZE_MAX - len) / 2 || n > SIZE_MAX / sizeof(*v))
		goto out;
	if ((v = arena_alloc(a, n * sizeof(*v))) == NULL ||
	    (dst = arena_alloc(a, len + 2 * n)) == NULL)
		goto out;

	rc = PARSE_BAD;
	for (i = 0, p = s; i < n; i++) {
		if ((end = memchr(p, '&', s + len - p)) == NULL)
			end = s + len;
		if ((eq = memchr(p, '=', end - p)) == NULL)
			eq = end;
		if (eq == p)
			goto out;		/* empty pair or empty key */
		/* Each decoded byte takes 1..3 raw ones. */
		if ((size_t)(eq - p) > 3 * FORM_KEY_MAX) {
			rc = PARSE_TOOLONG;
			goto out;
		}
		if (urldecode(p, eq - p, dst, &klen) == -1)
			goto out;
		if (klen > FORM_KEY_MAX) {
			rc = PARSE_TOOLONG;
			goto out;
		}
		if (!utf8_valid(dst, klen) || strpbrk(dst, "\t\n\r") != NULL)
			goto out;
		v[i].key = dst;
		dst += klen + 1;
		/* The value is what follows '=', or empty without one. */
		val = eq < end ? eq + 1 : end;
		if (urldecode(val, end - val, dst, &vlen) == -1 ||
		    !utf8_valid(dst, vlen))
			goto out;
		v[i].val = dst;
		v[i].vlen = vlen;
		dst += vlen + 1;
		if (end < s + len)
			p = end + 1;
	}
	out->v = v;
	out->n = n;
	rc = PARSE_OK;
out:
	return rc;
}

/* First value of key in l, or NULL when it is absent (or l is NULL). */
const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t i;

	if (l == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

/* Number of entries of l with that key; 0 when l is NULL. */
size_t
kv_count(const struct kvlist *l, const char *key)
{
	size_t i, c = 0;

	if (l == NULL)
		return 0;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			c++;
	return c;
}

/* 1 for an RFC 7230 tchar, the characters of a cookie name. */
static int
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* 1 for an RFC 6265 cookie-octet: visible ASCII but " , ; and \. */
static int
is_cookie_octet(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' &&
	    c != '\\';
}

/*
 * Value of the cookie called name (a non-empty token) in the Cookie header,
 * as an arena copy without its optional double quotes. NULL when the header
 * is NULL, longer than COOKIE_HDR_MAX, holds a control character other than
 * HTAB, or has no such cookie; NULL too when that cookie is malformed (no
 * '=', a byte that is not a cookie-octet, unbalanced quotes, a value over
 * COOKIE_VAL_MAX) or appears more than once: a duplicate is ambiguous, and
 * picking one would let a cookie planted from a sibling domain win. Other
 * cookies, which may belong to other applications on the host, are skipped
 * unread. Separators are ';' with optional SP/HTAB around pairs.
 */
char *
cookie_get(struct arena *a, const char *header, const char *name)
{
	const char *p, *end, *pe, *eq, *val, *found = NULL;
	size_t hlen, nlen, vlen, flen = 0, i;

	assert(name != NULL && name[0] != '\0');
	for (i = 0; name[i] != '\0'; i++)
		assert(is_tchar((unsigned char)name[i]));
	if (header == NULL)
		return NULL;
	if ((hlen = strnlen(header, COOKIE_HDR_MAX + 1)) > COOKIE_HDR_MAX)
		return NULL;
	for (i = 0; i < hlen; i++)
		if (((unsigned char)header[i] < 0x20 && header[i] != '\t') ||
		    header[i] == 0x7f)
			return NULL;
	nlen = strlen(name);

	for (p = header; p < header + hlen; p = end + 1) {
		if ((end = strchr(p, ';')) == NULL)
			end = header + hlen;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		pe = end;
		while (pe > p && (pe[-1] == ' ' || pe[-1] == '\t'))
			pe--;
		eq = memchr(p, '=', pe - p);
		if ((eq == NULL ? (size_t)(pe - p) : (size_t)(eq - p)) != nlen ||
		    memcmp(p, name, nlen) != 0)
			continue;		/* someone else's cookie */
		if (eq == NULL || found != NULL)
			return NULL;		/* bare name, or duplicate */
		val = eq + 1;
		vlen = pe - val;
		if (vlen > 0 && val[0] == '"') {
			if (vlen < 2 || val[vlen - 1] != '"')
				return NULL;
			val++;
			vlen -= 2;
		}
		if (vlen > COOKIE_VAL_MAX)
			return NULL;
		for (i = 0; i < vlen; i++)
			if (!is_cookie_octet((unsigned char)val[i]))
				return NULL;
		found = val;
		flen = vlen;
	}
	if (found == NULL)
		return NULL;
	return arena_strndup(a, found, flen);
}

/* 1 for a character of a {name} value: [A-Za-z0-9_.-]. */
static int
is_param_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
}

/*
 * Matches path against pattern, both starting with '/' and split on '/'
 * into segments. A literal pattern segment matches the same bytes; a {name}
 * segment matches 1..ROUTE_PARAM_MAX characters of [A-Za-z0-9_.-]. The path
 * is refused outright (-1) when longer than ROUTE_PATH_MAX, when it has a
 * byte outside visible ASCII, a '%' (an escape, encoded slash or dot the
 * server did not decode) or a '\', an empty segment ("//", a trailing '/'
 * other than the root "/") or a "." or ".." segment. A pattern that is
 * malformed or has more than nparams (or ROUTE_PARAMS_MAX) parameters never
 * matches. On a match, params[0..n) are arena copies of the values in order
 * and n is returned; on -1 params is untouched. -1 too when the arena is
 * full (arena_failed() tells the two apart). a may be NULL for a pattern
 * without parameters.
 */
int
path_match(struct arena *a, const char *pattern, const char *path,
    const char **params, int nparams)
{
	const char *start[ROUTE_PARAMS_MAX];
	size_t len[ROUTE_PARAMS_MAX];
	const char *pp, *qp, *pe, *qe;
	const char *cp[ROUTE_PARAMS_MAX];
	size_t plen, seg, i, n;
	int np = 0, k;

	assert(pattern != NULL);
	if (path == NULL || pattern[0] != '/' || path[0] != '/')
		return -1;
	if ((plen = strnlen(path, ROUTE_PATH_MAX + 1)) > ROUTE_PATH_MAX)
		return -1;
	for (i = 0; i < plen; i++)
		if ((unsigned char)path[i] <= 0x20 ||
		    (unsigned char)path[i] >= 0x7f ||
		    path[i] == '%' || path[i] == '\\')
			return -1;

	pp = pattern + 1;
	qp = path + 1;
	if (*pp == '\0' || *qp == '\0')
		return (*pp == '\0' && *qp == '\0') ? 0 : -1;
	for (;;) {
		if ((pe = strchr(pp, '/')) == NULL)
			pe = pp + strlen(pp);
		if ((qe = strchr(qp, '/')) == NULL)
			qe = qp + strlen(qp);
		seg = qe - qp;
		if (seg == 0 || (qp[0] == '.' &&
		    (seg == 1 || (seg == 2 && qp[1] == '.'))))
			return -1;
		if (*pp == '{') {
			n = pe - pp;
			if (n < 3 || pp[n - 1] != '}' ||
			    memchr(pp + 1, '{', n - 2) != NULL ||
			    memchr(pp + 1, '}', n - 2) != NULL)
				return -1;	/* malformed pattern */
			if (np >= ROUTE_PARAMS_MAX || np >= nparams)
				return -1;
			if (seg > ROUTE_PARAM_MAX)
				return -1;
			for (i = 0; i < seg; i++)
				if (!is_param_char((unsigned char)qp[i]))
					return -1;
			start[np] = qp;
			len[np] = seg;
			np++;
		} else {
			n = pe - pp;
			if (memchr(pp, '{', n) != NULL || memchr(pp, '}', n) != NULL)
				return -1;	/* malformed pattern */
			if (n != seg || memcmp(pp, qp, seg) != 0)
				return -1;
		}
		if (*pe == '\0' || *qe == '\0')
			break;
		pp = pe + 1;
		qp = qe + 1;
	}
	if (*pe != '\0' || *qe != '\0')
		return -1;		/* one has more segments than the other */

	/* Copy only now: a failed match costs the arena nothing. */
	for (k = 0; k < np; k++)
		if ((cp[k] = arena_strndup(a, start[k], len[k])) == NULL)
			return -1;
	for (k = 0; k < np; k++)
		params[k] = cp[k];
	return np;
}

/*
 * The dotted quad of an IPv4 address into b (at least 16 bytes): the same
 * text as inet_ntop(), without its printf, on every request.
 */
void
ipv4_text(uint32_t a, char *b)
{
	int i, v;

	for (i = 3; i >= 0; i--) {
		v = (int)((a >> (i * 8)) & 0xff);
		if (v >= 100)
			*b++ = (char)('0' + v / 100);
		if (v >= 10)
			*b++ = (char)('0' + v / 10 % 10);
		*b++ = (char)('0' + v % 10);
		if (i > 0)
			*b++ = '.';
	}
	*b = '\0';
}
