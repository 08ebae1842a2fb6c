/*
 * parse.h — parsers for what arrives over HTTP (http layer): URL-encoded
 * forms and query strings, Cookie headers, and path templates. All are
 * strict, bounded and fuzzed (tests/fuzz/).
 */
#ifndef RRJETI_PARSE_H
#define RRJETI_PARSE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct kv {
	const char	*key;	/* NUL-terminated, valid UTF-8 */
	const char	*val;	/* NUL-terminated, valid UTF-8 */
	size_t		 vlen;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

enum parse_rc {
	PARSE_OK = 0,
	PARSE_BAD,	/* malformed: bad %-escape, invalid UTF-8, NUL, empty key */
	PARSE_TOOMANY,	/* more than max fields */
	PARSE_TOOLONG,	/* a key longer than 64 bytes */
	PARSE_OOM
};

/*
 * application/x-www-form-urlencoded (also a query string): '+' is a space,
 * %XX decoded, pairs split on '&', a pair without '=' has an empty value.
 * Decoded keys and values must be valid UTF-8 (utf8_valid()). Arena in, arena
 * out. A repeated key is kept as many entries, in order.
 */
enum parse_rc	 form_parse(struct arena *, const char *s, size_t len,
		    size_t max_fields, struct kvlist *out);
/* First value of key, or NULL. */
const char	*kv_get(const struct kvlist *, const char *key);
/* Number of entries with that key. */
size_t		 kv_count(const struct kvlist *, const char *key);

/*
 * Value of cookie name in a Cookie header ("a=1; b=2"), copied into the
 * arena, or NULL when absent or malformed. Values are RFC 6265 cookie-octets
 * (optionally quoted); at most 256 bytes.
 */
char		*cookie_get(struct arena *, const char *header, const char *name);

/*
 * Matches path against a route pattern such as "/users/{id}/edit". A {name}
 * segment matches one non-empty segment of [A-Za-z0-9_.-] characters, at most
 * 64; its value is stored in params[i] (arena copies), in order. Returns the
 * number of parameters (>= 0) on a match, -1 otherwise. At most nparams.
 */
void		 ipv4_text(uint32_t host_order, char *out16);
int		 path_match(struct arena *, const char *pattern, const char *path,
		    const char **params, int nparams);

#endif
