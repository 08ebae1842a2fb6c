/*
 * auth.h — logging in and out, sessions, API tokens and passwords (svc
 * layer). Passwords are argon2id (libsodium); session and API tokens are 256
 * random bits of which only a BLAKE2b hash is stored.
 */
#ifndef RRJETI_AUTH_H
#define RRJETI_AUTH_H

#include <stdint.h>

#include "svc.h"

#define AUTH_TOKEN_LEN	48	/* buffer for a token: 43 chars + prefix + NUL */
#define PASSWORD_MIN	10	/* characters */
#define PASSWORD_MAX	128	/* bytes */

struct auth_config {
	int64_t	idle;		/* seconds a session lives unused */
	int64_t	absolute;	/* seconds a session lives at most */
	int64_t	token_life;	/* seconds an API token lives */
	int	max_hashes;	/* argon2id hashes running at once */
	int	fast_hash;	/* tests only: the smallest argon2id cost */
	int	cache_ms;	/* identity cache per thread (auth.c); 0: off */
};

/* Sets the configuration (once, before serving). */
void		auth_init(const struct auth_config *);
const struct auth_config *auth_config(void);

struct auth_session {
	char	token[AUTH_TOKEN_LEN];	/* for the cookie */
	char	csrf[AUTH_TOKEN_LEN];
};

/*
 * Checks username and password; on success creates a new session (a new
 * token every time: rotation at login) and sets *out. SVC_DENIED for a wrong
 * username or password (the same answer for both), SVC_LOCKED while locked
 * out (err.arg: minutes left), SVC_UNAVAILABLE when too many hashes run.
 * Failed and successful attempts are audited.
 */
enum svc_rc	auth_login(struct svc *, const char *username, const char *password,
		    struct auth_session *out);
/* Deletes the session of token (no error when there is none). */
enum svc_rc	auth_logout(struct svc *, const char *token);
/* The actor of a live session token, and its CSRF token (arena copies). */
enum svc_rc	auth_session(struct svc *, const char *token, struct actor **,
		    const char **csrf);
/* The actor of a live API token. */
enum svc_rc	auth_bearer(struct svc *, const char *token, struct actor **);
/* The identity cache of auth_session() and auth_bearer(): its hits and
 * misses since start, and forgetting this thread's entries. */
void		auth_cache_stats(uint64_t *hits, uint64_t *misses);
void		auth_cache_clear(void);

/* A new API token for username/password (POST /api/v1/tokens). The token
 * is written to out (shown once); *id gets its id. */
enum svc_rc	auth_token_login(struct svc *, const char *username,
		    const char *password, const char *name, char out[AUTH_TOKEN_LEN],
		    int64_t *id);
/* A new API token for the logged-in actor. */
enum svc_rc	auth_token_create(struct svc *, const char *name,
		    char out[AUTH_TOKEN_LEN], int64_t *id);
/* Revokes one of the actor's own tokens. */
enum svc_rc	auth_token_revoke(struct svc *, int64_t id);

struct auth_token_info {
	int64_t		 id;
	const char	*name;
	int64_t		 created, expires, last_used, revoked;
};
enum svc_rc	auth_token_list(struct svc *, struct auth_token_info **, size_t *n);

/* Changes the actor's password; ends their sessions and revokes their
 * API tokens. */
enum svc_rc	auth_password_change(struct svc *, const char *old,
		    const char *new1, const char *new2);

/* Password policy: NULL when acceptable, else a message key. */
const char	*auth_password_weak(const char *password, const char *username);
/* argon2id hash into out (crypto_pwhash_STRBYTES); 0 or -1. */
int		auth_password_hash(const char *password, char *out, size_t outlen);

/* Removes expired sessions; returns STORE_OK or the error. */
enum store_rc	auth_purge(struct store *);

/* Copies a user row (ACTOR_COLS) into an arena actor. */
struct actor	*auth_actor_from_row(struct arena *, const struct store_row *);

#endif
