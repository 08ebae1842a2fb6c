/*
 * auth.c — logins, sessions, API tokens and passwords. See auth.h.
 *
 * Lockout: after LOCK_AFTER failed logins a user is locked for one minute,
 * doubling with every further failure up to an hour; a successful login or
 * a password reset clears it. While locked no password is checked at all.
 * A login name that is no account is counted and locked the same way
 * (table login_guard), so the lock does not reveal which names exist.
 * An unknown username costs one hash too, so timing tells nothing.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "auth.h"

#define LOCK_AFTER	5
#define LOCK_MAX	3600
#define TOUCH_EVERY	60	/* seconds between last_seen updates */
#define HASH_WAIT	10	/* seconds to wait for a hashing slot */

static struct auth_config cfg = {
	.idle = 30 * 60,
	.absolute = 12 * 3600,
	.token_life = 90 * 86400,
	.max_hashes = 2,
	.fast_hash = 0,
	.cache_ms = 1000,
};
static sem_t hash_slots;
static int hash_slots_ready;
static char dummy_hash[crypto_pwhash_STRBYTES];

void
auth_init(const struct auth_config *c)
{
	if (c != NULL)
		cfg = *c;
	if (cfg.max_hashes < 1)
		cfg.max_hashes = 1;
	if (hash_slots_ready)
		sem_destroy(&hash_slots);
	sem_init(&hash_slots, 0, (unsigned)cfg.max_hashes);
	hash_slots_ready = 1;
	dummy_hash[0] = '\0';
}

const struct auth_config *
auth_config(void)
{
	return &cfg;
}

static int
slot_take(void)
{
	struct timespec ts;

	if (!hash_slots_ready)
		auth_init(NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += HASH_WAIT;
	while (sem_timedwait(&hash_slots, &ts) != 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

static void
slot_give(void)
{
	sem_post(&hash_slots);
}

int
auth_password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned long long ops;
	size_t mem;
	int rc;

	if (outlen < crypto_pwhash_STRBYTES)
		return -1;
	ops = cfg.fast_hash ? crypto_pwhash_OPSLIMIT_MIN :
	    crypto_pwhash_OPSLIMIT_INTERACTIVE;
	mem = cfg.fast_hash ? crypto_pwhash_MEMLIMIT_MIN :
	    crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (slot_take() != 0)
		return -1;
	rc = crypto_pwhash_str(out, pw, strlen(pw), ops, mem);
	slot_give();
	return rc == 0 ? 0 : -1;
}

/* 1 match, 0 no match, -1 no slot. */
static int
password_check(const char *hash, const char *pw)
{
	int rc;

	if (slot_take() != 0)
		return -1;
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	slot_give();
	return rc == 0;
}

const char *
auth_password_weak(const char *pw, const char *username)
{
	size_t len;

	if (pw == NULL || (len = strlen(pw)) == 0)
		return "error.password.empty";
	if (len > PASSWORD_MAX || !utf8_valid(pw, len))
		return "error.password.invalid";
	if (utf8_chars(pw, len) < PASSWORD_MIN)
		return "error.password.short";
	if (username != NULL && strcasecmp(pw, username) == 0)
		return "error.password.username";
	return NULL;
}

/* A token: 32 random bytes as base64url, after prefix. */
static void
token_new(const char *prefix, char out[AUTH_TOKEN_LEN])
{
	unsigned char r[32];
	size_t plen = strlen(prefix);

	randombytes_buf(r, sizeof(r));
	memcpy(out, prefix, plen);
	sodium_bin2base64(out + plen, AUTH_TOKEN_LEN - plen, r, sizeof(r),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(r, sizeof(r));
}

/* Hex BLAKE2b-256 of a token, as stored. */
static void
token_hash(const char *token, char out[65])
{
	unsigned char d[32];

	crypto_generichash(d, sizeof(d), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

struct actor *
auth_actor_from_row(struct arena *a, const struct store_row *r)
{
	struct actor *x;
	int lang;

	if ((x = arena_zalloc(a, sizeof(*x))) == NULL)
		return NULL;
	x->id = srow_int(r, AC_ID);
	x->username = arena_strdup(a, srow_text(r, AC_USERNAME));
	x->full_name = arena_strdup(a, srow_text(r, AC_FULL_NAME));
	x->role = (enum role)role_parse(srow_text(r, AC_ROLE));
	x->scope = (enum scope)scope_parse(srow_text(r, AC_SCOPE));
	x->agency_id = srow_int(r, AC_AGENCY_ID);
	x->team_id = srow_int(r, AC_TEAM_ID);
	lang = lang_parse(srow_text(r, AC_LANG));
	x->lang = lang < 0 ? LANG_SQ : (enum lang)lang;
	x->must_change_pw = (int)srow_int(r, AC_MUST_CHANGE);
	x->agency_code = arena_strdup(a, srow_text(r, AC_AGENCY_CODE));
	x->agency_name = arena_strdup(a, srow_text(r, AC_AGENCY_NAME));
	x->municipality_id = srow_int(r, AC_MUNICIPALITY_ID);
	x->team_name = arena_strdup(a, srow_text(r, AC_TEAM_NAME));
	x->version = srow_int(r, AC_VERSION);
	x->country = srow_null(r, AC_COUNTRY) ? NULL :
	    arena_strdup(a, srow_text(r, AC_COUNTRY));
	if ((int)x->role < 0 || (int)x->scope < 0 || x->username == NULL ||
	    arena_failed(a))
		return NULL;
	return x;
}

struct login_row {
	struct arena	*a;
	struct actor	*actor;
	char		 hash[crypto_pwhash_STRBYTES];
	int64_t		 failed;
	int64_t		 locked_until;
	int		 active;
};

static int
login_cb(void *arg, const struct store_row *r)
{
	struct login_row *l = arg;

	l->actor = auth_actor_from_row(l->a, r);
	l->active = (int)srow_int(r, AC_ACTIVE);
	snprintf(l->hash, sizeof(l->hash), "%s", srow_text(r, AC__MAX));
	l->failed = srow_int(r, AC__MAX + 1);
	l->locked_until = srow_int(r, AC__MAX + 2);
	return 1;
}

/* Who an attempt before login is recorded as: the username tried, from the
 * client's address, with no user id (it may not be that user). */
static void
anon_actor(struct svc *s, const char *username, struct actor *out)
{
	memset(out, 0, sizeof(*out));
	out->username = username;
	out->client = s->client;
	out->role = ROLE__MAX;
}

struct login_args {
	const char		*username;
	const char		*password;
	struct login_row	 row;
	int			 ok;
	int			 locked;	/* locked by a parallel attempt */
};

/* The counters alone, read again under the write lock. */
static int
counters_cb(void *arg, const struct store_row *r)
{
	struct login_row *l = arg;

	l->failed = srow_int(r, AC__MAX + 1);
	l->locked_until = srow_int(r, AC__MAX + 2);
	return 1;
}

/* The counters of a login name that is no account (table login_guard). */
static int
guard_cb(void *arg, const struct store_row *r)
{
	struct login_row *l = arg;

	l->failed = srow_int(r, 0);
	l->locked_until = srow_int(r, 1);
	return 1;
}

#define GUARD_KEY_MAX	64	/* bytes of a login name kept in login_guard */

/*
 * The failure counters of the attempt: the account's, or for a name that is
 * no account those of login_guard, so that the lock is the same whether the
 * name exists or not (it tells nothing).
 */
static enum store_rc
counters(struct svc *s, struct login_args *la)
{
	struct login_row *l = &la->row;

	if (l->actor != NULL) {
		struct sp p[] = { sp_text(la->username) };

		return store_exec(s->st, Q_USER_BY_NAME, p, 1, counters_cb, l,
		    NULL);
	} else {
		struct sp p[] = { sp_textn(la->username,
		    strnlen(la->username, GUARD_KEY_MAX)) };

		l->failed = l->locked_until = 0;
		return store_exec(s->st, Q_GUARD_GET, p, 1, guard_cb, l, NULL);
	}
}

/* The end of the lock after failed failures (0: not locked). */
static int64_t
lock_until(int64_t failed, int64_t now)
{
	int shift;

	if (failed < LOCK_AFTER)
		return 0;
	shift = (int)(failed - LOCK_AFTER);
	return now + (shift >= 6 ? LOCK_MAX : (60 << shift) > LOCK_MAX ?
	    LOCK_MAX : 60 << shift);
}

/*
 * Checks the password and records the outcome (counters and audit) in one
 * write transaction. Hashing happens before the transaction so the write
 * lock is not held for 100 ms.
 */
static enum svc_rc
login_check(struct svc *s, struct login_args *la)
{
	struct login_row *l = &la->row;
	struct actor anon;
	int64_t now = clock_now();
	enum store_rc rc;
	int m;

	memset(l, 0, sizeof(*l));
	l->a = s->a;
	{
		struct sp p[] = { sp_text(la->username) };

		rc = store_exec(s->st, Q_USER_BY_NAME, p, 1, login_cb, l, NULL);
	}
	if (rc == STORE_OK && l->actor == NULL)
		rc = counters(s, la);
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l->locked_until > now) {
		svc_fail(s, SVC_LOCKED, NULL, "error.login.locked");
		s->err.arg = arena_printf(s->a, "%d",
		    (int)((l->locked_until - now + 59) / 60));
		anon_actor(s, la->username, &anon);
		audit_record_tx(s->st, &anon, NULL, "login.locked", "user",
		    l->actor ? l->actor->id : 0, "");
		return SVC_LOCKED;
	}
	if (l->actor == NULL) {
		/* Same cost as a real check. */
		if (dummy_hash[0] == '\0' &&
		    auth_password_hash("not a password at all", dummy_hash,
		    sizeof(dummy_hash)) != 0)
			return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
		if (password_check(dummy_hash, la->password) < 0)
			return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
		la->ok = 0;
	} else {
		m = password_check(l->hash, la->password);
		if (m < 0)
			return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
		la->ok = m == 1 && l->active;
	}
	return SVC_OK;
}

static enum svc_rc
login_record(struct svc *s, void *arg)
{
	struct login_args *la = arg;
	struct login_row *l = &la->row;
	struct actor anon;
	struct actor *a = l->actor;
	int64_t now = clock_now(), failed, until = 0;
	enum store_rc rc;

	/* Attempts running in parallel read the same counters before their
	 * hash: read them again now, so each failure counts and an attempt
	 * that finds the account locked meanwhile is refused. */
	if ((rc = counters(s, la)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL,
		    "error.unavailable");
	if (l->locked_until > now) {
		la->ok = 0;
		la->locked = 1;
		anon_actor(s, la->username, &anon);
		if ((rc = audit_record(s->st, &anon, NULL, "login.locked",
		    "user", a ? a->id : 0, "")) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		return SVC_OK;
	}
	if (!la->ok) {
		failed = l->failed + 1;
		until = lock_until(failed, now);
		if (a != NULL) {
			struct sp p[] = { sp_int(a->id), sp_int(failed),
			    sp_int(until) };

			rc = store_exec(s->st, Q_USER_LOGIN_FAIL, p, 3, NULL,
			    NULL, NULL);
		} else {
			struct sp p[] = { sp_textn(la->username,
			    strnlen(la->username, GUARD_KEY_MAX)),
			    sp_int(failed), sp_int(until), sp_int(now) };

			rc = store_exec(s->st, Q_GUARD_FAIL, p, 4, NULL, NULL,
			    NULL);
		}
		if (rc != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		anon_actor(s, la->username, &anon);
		if ((rc = audit_record(s->st, &anon, NULL, "login.fail",
		    "user", a ? a->id : 0, a && !l->active ? "disabled" : "")) !=
		    STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
		return SVC_OK;
	}
	{
		struct sp p[] = { sp_int(a->id) };

		if ((rc = store_exec(s->st, Q_USER_LOGIN_OK, p, 1, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	return SVC_OK;
}

static enum svc_rc
login(struct svc *s, const char *username, const char *password,
    struct login_args *la)
{
	enum svc_rc rc;

	memset(la, 0, sizeof(*la));
	la->username = username;
	la->password = password;
	if (username == NULL || password == NULL || *username == '\0' ||
	    strlen(password) > PASSWORD_MAX)
		return svc_fail(s, SVC_DENIED, NULL, "error.login.failed");
	if ((rc = login_check(s, la)) != SVC_OK)
		return rc;
	if ((rc = svc_tx(s, login_record, la)) != SVC_OK)
		return rc;
	if (la->locked) {
		svc_fail(s, SVC_LOCKED, NULL, "error.login.locked");
		s->err.arg = arena_printf(s->a, "%d", (int)((la->row.locked_until -
		    clock_now() + 59) / 60));
		return SVC_LOCKED;
	}
	if (!la->ok)
		return svc_fail(s, SVC_DENIED, NULL, "error.login.failed");
	return SVC_OK;
}

struct session_new {
	struct actor		*actor;
	struct auth_session	*out;
};

static enum svc_rc
session_create(struct svc *s, void *arg)
{
	struct session_new *sn = arg;
	char h[65];
	int64_t now = clock_now();
	enum store_rc rc;

	token_new("", sn->out->token);
	token_new("", sn->out->csrf);
	token_hash(sn->out->token, h);
	{
		struct sp p[] = { sp_text(h), sp_int(sn->actor->id),
		    sp_text(sn->out->csrf), sp_int(now),
		    sp_int(now + cfg.absolute) };

		if ((rc = store_exec(s->st, Q_SESSION_INSERT, p, 5, NULL, NULL,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((rc = audit_record(s->st, sn->actor, NULL, "login", "user",
	    sn->actor->id, "session")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
auth_login(struct svc *s, const char *username, const char *password,
    struct auth_session *out)
{
	struct login_args la;
	struct session_new sn;
	struct actor *a;
	enum svc_rc rc;

	if ((rc = login(s, username, password, &la)) != SVC_OK)
		return rc;
	a = la.row.actor;
	a->client = s->client;
	sn.actor = a;
	sn.out = out;
	return svc_tx(s, session_create, &sn);
}

enum svc_rc
auth_logout(struct svc *s, const char *token)
{
	char h[65];
	enum store_rc rc;

	if (token == NULL || *token == '\0')
		return SVC_OK;
	token_hash(token, h);
	if ((rc = store_begin(s->st, 1)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	{
		struct sp p[] = { sp_text(h) };

		rc = store_exec(s->st, Q_SESSION_DELETE, p, 1, NULL, NULL, NULL);
	}
	if (rc == STORE_OK && s->actor != NULL)
		rc = audit_record(s->st, s->actor, NULL, "logout", "user",
		    s->actor->id, "");
	if (rc == STORE_OK)
		rc = store_commit(s->st);
	if (rc != STORE_OK) {
		store_rollback(s->st);
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	}
	return SVC_OK;
}

struct sess_row {
	struct arena	*a;
	struct actor	*actor;
	int64_t		 id;
	const char	*csrf;
	int64_t		 last;
	int64_t		 expires;
};

static int
sess_cb(void *arg, const struct store_row *r)
{
	struct sess_row *x = arg;

	x->actor = auth_actor_from_row(x->a, r);
	x->id = srow_int(r, AC__MAX);
	x->csrf = arena_strdup(x->a, srow_text(r, AC__MAX + 1));
	x->last = srow_int(r, AC__MAX + 2);
	x->expires = srow_int(r, AC__MAX + 3);
	return 1;
}

static int
tok_cb(void *arg, const struct store_row *r)
{
	struct sess_row *x = arg;

	x->actor = auth_actor_from_row(x->a, r);
	x->id = srow_int(r, AC__MAX);
	x->last = srow_int(r, AC__MAX + 1);
	x->expires = srow_int(r, AC__MAX + 2);
	return 1;
}

/*
 * The identity cache: every request names its session or API token, and
 * most requests of a user come in bursts (a page, its form posts, a client's
 * API calls). Each server thread keeps the actors it looked up last, by the
 * token's hash, for at most cfg.cache_ms milliseconds, and only while this
 * process has committed no change since the lookup (store_generation():
 * a logout, a revoked token, a changed or deactivated user here are seen by
 * the very next request). A change made by another node is seen within
 * cache_ms. An entry is never used past the session's or token's expiry,
 * nor once last_seen is due to be touched (so idle expiry and the touch
 * work as without it). cache_ms 0 turns it off.
 */
#define IDC_SLOTS	64
#define IDC_TEXT	768

struct idc_entry {
	char		 hash[65];	/* "" when free */
	char		 kind;		/* 's' session, 'b' API token */
	uint64_t	 gen;
	int64_t		 born_ms;
	int64_t		 last;		/* last_seen / last_used */
	int64_t		 expires;
	struct actor	 actor;		/* strings point into text */
	const char	*csrf;		/* into text */
	char		 text[IDC_TEXT];
};

static __thread struct idc_entry *idc;
static atomic_uint_fast64_t idc_hits, idc_misses;
static pthread_key_t idc_key;	/* frees a thread's entries at its end */
static pthread_once_t idc_once = PTHREAD_ONCE_INIT;

static void
idc_key_make(void)
{
	(void)pthread_key_create(&idc_key, free);
}

static struct idc_entry *
idc_slot(const char *h)
{
	unsigned v = 0;
	int i;

	if (idc == NULL) {
		(void)pthread_once(&idc_once, idc_key_make);
		if ((idc = calloc(IDC_SLOTS, sizeof(*idc))) == NULL)
			return NULL;
		(void)pthread_setspecific(idc_key, idc);
	}
	for (i = 0; i < 4; i++)		/* the hash is hex: any 4 digits do */
		v = v << 4 | (unsigned)(h[i] <= '9' ? h[i] - '0' : h[i] - 'a' + 10);
	return &idc[v % IDC_SLOTS];
}

/* Copies s into the entry's text at *off; NULL stays NULL. -1: full. */
static int
idc_put(struct idc_entry *e, size_t *off, const char **dst, const char *s)
{
	size_t n;

	if (s == NULL) {
		*dst = NULL;
		return 0;
	}
	n = strlen(s) + 1;
	if (*off + n > sizeof(e->text))
		return -1;
	memcpy(e->text + *off, s, n);
	*dst = e->text + *off;
	*off += n;
	return 0;
}

static void
idc_store(const char *h, char kind, uint64_t gen, int64_t born,
    const struct sess_row *x)
{
	struct idc_entry *e;
	size_t off = 0;

	if (cfg.cache_ms <= 0 || (e = idc_slot(h)) == NULL)
		return;
	e->hash[0] = '\0';
	e->actor = *x->actor;
	e->actor.client = NULL;
	if (idc_put(e, &off, &e->actor.username, x->actor->username) == -1 ||
	    idc_put(e, &off, &e->actor.full_name, x->actor->full_name) == -1 ||
	    idc_put(e, &off, &e->actor.country, x->actor->country) == -1 ||
	    idc_put(e, &off, &e->actor.agency_code, x->actor->agency_code) == -1 ||
	    idc_put(e, &off, &e->actor.agency_name, x->actor->agency_name) == -1 ||
	    idc_put(e, &off, &e->actor.team_name, x->actor->team_name) == -1 ||
	    idc_put(e, &off, &e->csrf, x->csrf) == -1)
		return;		/* too long to keep: looked up every time */
	e->kind = kind;
	e->gen = gen;
	e->born_ms = born;
	e->last = x->last;
	e->expires = x->expires;
	memcpy(e->hash, h, sizeof(e->hash));
}

/* An arena copy of a cached string; NULL stays NULL. */
static const char *
idc_dup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* The cached actor of hash h as an arena copy, or NULL. */
static struct actor *
idc_find(struct arena *a, const char *h, char kind, int64_t now,
    const char **csrf)
{
	struct idc_entry *e;
	struct actor *x;

	if (cfg.cache_ms <= 0 || (e = idc_slot(h)) == NULL ||
	    e->kind != kind || strcmp(e->hash, h) != 0)
		goto miss;
	if (e->gen != store_generation() ||
	    clock_mono_ms() - e->born_ms >= cfg.cache_ms ||
	    now >= e->expires || now - e->last >= TOUCH_EVERY) {
		e->hash[0] = '\0';
		goto miss;
	}
	if ((x = arena_alloc(a, sizeof(*x))) == NULL)
		return NULL;
	*x = e->actor;
	x->username = idc_dup(a, e->actor.username);
	x->full_name = idc_dup(a, e->actor.full_name);
	x->country = idc_dup(a, e->actor.country);
	x->agency_code = idc_dup(a, e->actor.agency_code);
	x->agency_name = idc_dup(a, e->actor.agency_name);
	x->team_name = idc_dup(a, e->actor.team_name);
	if (csrf != NULL)
		*csrf = idc_dup(a, e->csrf);
	if (arena_failed(a))
		return NULL;
	atomic_fetch_add_explicit(&idc_hits, 1, memory_order_relaxed);
	return x;
miss:
	atomic_fetch_add_explicit(&idc_misses, 1, memory_order_relaxed);
	return NULL;
}

void
auth_cache_stats(uint64_t *hits, uint64_t *misses)
{
	*hits = atomic_load_explicit(&idc_hits, memory_order_relaxed);
	*misses = atomic_load_explicit(&idc_misses, memory_order_relaxed);
}

/* Forgets this thread's cached identities (tests, and a thread's end). */
void
auth_cache_clear(void)
{
	if (idc == NULL)
		return;
	(void)pthread_setspecific(idc_key, NULL);
	free(idc);
	idc = NULL;
}

/* Tokens are base64url of 32 bytes (43 characters) after a prefix. */
static int
token_shape(const char *t, const char *prefix)
{
	size_t i, plen = strlen(prefix);

	if (t == NULL || strncmp(t, prefix, plen) != 0 ||
	    strlen(t) != plen + 43)
		return 0;
	for (i = plen; t[i] != '\0'; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' &&
		    t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') ||
		    t[i] == '-' || t[i] == '_'))
			return 0;
	return 1;
}

enum svc_rc
auth_session(struct svc *s, const char *token, struct actor **out,
    const char **csrf)
{
	struct sess_row x;
	char h[65];
	int64_t now = clock_now(), born;
	uint64_t gen;
	enum store_rc rc;

	*out = NULL;
	if (!token_shape(token, ""))
		return SVC_NOTFOUND;
	token_hash(token, h);
	if ((*out = idc_find(s->a, h, 's', now, csrf)) != NULL)
		return SVC_OK;
	memset(&x, 0, sizeof(x));
	x.a = s->a;
	gen = store_generation();
	born = clock_mono_ms();
	{
		struct sp p[] = { sp_text(h), sp_int(now - cfg.idle),
		    sp_int(now) };

		rc = store_exec(s->st, Q_SESSION_GET, p, 3, sess_cb, &x, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (x.actor == NULL)
		return SVC_NOTFOUND;
	if (now - x.last < TOUCH_EVERY)
		idc_store(h, 's', gen, born, &x);
	else {
		struct sp p[] = { sp_int(x.id), sp_int(now) };

		/* Best effort: a busy database does not end the request. */
		(void)store_exec(s->st, Q_SESSION_TOUCH, p, 2, NULL, NULL, NULL);
	}
	*out = x.actor;
	*csrf = x.csrf;
	return SVC_OK;
}

enum svc_rc
auth_bearer(struct svc *s, const char *token, struct actor **out)
{
	struct sess_row x;
	char h[65];
	int64_t now = clock_now(), born;
	uint64_t gen;
	enum store_rc rc;

	*out = NULL;
	if (!token_shape(token, "rrj_"))
		return SVC_NOTFOUND;
	token_hash(token, h);
	if ((*out = idc_find(s->a, h, 'b', now, NULL)) != NULL)
		return SVC_OK;
	memset(&x, 0, sizeof(x));
	x.a = s->a;
	gen = store_generation();
	born = clock_mono_ms();
	{
		struct sp p[] = { sp_text(h), sp_int(now) };

		rc = store_exec(s->st, Q_TOKEN_GET, p, 2, tok_cb, &x, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (x.actor == NULL)
		return SVC_NOTFOUND;
	if (now - x.last < TOUCH_EVERY)
		idc_store(h, 'b', gen, born, &x);
	else {
		struct sp p[] = { sp_int(x.id), sp_int(now) };

		(void)store_exec(s->st, Q_TOKEN_TOUCH, p, 2, NULL, NULL, NULL);
	}
	*out = x.actor;
	return SVC_OK;
}

struct token_new {
	struct actor	*actor;
	const char	*name;
	char		*out;
	int64_t		 id;
};


static enum svc_rc
token_create(struct svc *s, void *arg)
{
	struct token_new *tn = arg;
	char h[65];
	int64_t now = clock_now();
	enum store_rc rc;

	token_new("rrj_", tn->out);
	token_hash(tn->out, h);
	{
		struct sp p[] = { sp_int(tn->actor->id), sp_text(tn->name),
		    sp_text(h), sp_int(now), sp_int(now + cfg.token_life) };

		if ((rc = store_exec(s->st, Q_TOKEN_INSERT, p, 5, store_cb_int, &tn->id,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((rc = audit_record(s->st, tn->actor, NULL, "token.create",
	    "api_token", tn->id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

static const char *
token_name_ok(const char *name)
{
	size_t n;

	if (name == NULL || *name == '\0')
		return "api";
	n = strlen(name);
	if (n > 64 || !utf8_valid(name, n))
		return NULL;
	return name;
}

enum svc_rc
auth_token_login(struct svc *s, const char *username, const char *password,
    const char *name, char out[AUTH_TOKEN_LEN], int64_t *id)
{
	struct login_args la;
	struct token_new tn;
	enum svc_rc rc;

	if ((name = token_name_ok(name)) == NULL)
		return svc_fail(s, SVC_INVALID, "name", "error.field.invalid");
	if ((rc = login(s, username, password, &la)) != SVC_OK)
		return rc;
	/* A password an administrator set is changed on the web first: an API
	 * token must not let its holder skip that. */
	if (la.row.actor->must_change_pw)
		return svc_fail(s, SVC_DENIED, "password",
		    "error.password.must_change");
	la.row.actor->client = s->client;
	tn.actor = la.row.actor;
	tn.name = name;
	tn.out = out;
	tn.id = 0;
	if ((rc = svc_tx(s, token_create, &tn)) != SVC_OK)
		return rc;
	*id = tn.id;
	return SVC_OK;
}

enum svc_rc
auth_token_create(struct svc *s, const char *name, char out[AUTH_TOKEN_LEN],
    int64_t *id)
{
	struct token_new tn;
	enum svc_rc rc;

	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((name = token_name_ok(name)) == NULL)
		return svc_fail(s, SVC_INVALID, "name", "error.field.invalid");
	tn.actor = (struct actor *)s->actor;
	tn.name = name;
	tn.out = out;
	tn.id = 0;
	if ((rc = svc_tx(s, token_create, &tn)) != SVC_OK)
		return rc;
	*id = tn.id;
	return SVC_OK;
}

static enum svc_rc
token_revoke(struct svc *s, void *arg)
{
	int64_t id = *(int64_t *)arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(id), sp_int(s->actor->id),
	    sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_TOKEN_REVOKE, p, 3, NULL, NULL, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL,
		    rc == STORE_NOTFOUND ? "error.notfound" : "error.unavailable");
	if ((rc = audit_record(s->st, s->actor, NULL, "token.revoke",
	    "api_token", id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
auth_token_revoke(struct svc *s, int64_t id)
{
	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return svc_tx(s, token_revoke, &id);
}

struct token_list {
	struct arena		*a;
	struct auth_token_info	*v;
	size_t			 n, cap;
};

static int
token_list_cb(void *arg, const struct store_row *r)
{
	struct token_list *l = arg;
	struct auth_token_info *t;

	if (l->n == l->cap)
		return 1;
	t = &l->v[l->n++];
	t->id = srow_int(r, 0);
	t->name = arena_strdup(l->a, srow_text(r, 1));
	t->created = srow_int(r, 2);
	t->expires = srow_int(r, 3);
	t->last_used = srow_int(r, 4);
	t->revoked = srow_int(r, 5);
	return 0;
}

enum svc_rc
auth_token_list(struct svc *s, struct auth_token_info **out, size_t *n)
{
	struct token_list l;
	enum store_rc rc;
	struct sp p[] = { sp_int(s->actor->id), sp_int(clock_now()) };

	l.a = s->a;
	l.cap = 50;
	l.n = 0;
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_TOKEN_LIST, p, 2, token_list_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct pw_change {
	const char	*hash;
};

static enum svc_rc
pw_store(struct svc *s, void *arg)
{
	struct pw_change *pc = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(s->actor->id), sp_text(pc->hash), sp_int(0),
	    sp_int(clock_now()) };
	struct sp q[] = { sp_int(s->actor->id) };
	struct sp t[] = { sp_int(s->actor->id), sp_int(clock_now()) };

	/* A new password ends every session and API token of the user: a
	 * change is often the answer to a password someone else learnt. */
	if ((rc = store_exec(s->st, Q_USER_SET_PW, p, 4, NULL, NULL, NULL)) !=
	    STORE_OK ||
	    (rc = store_exec(s->st, Q_SESSION_DELETE_USER, q, 1, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_TOKEN_REVOKE_USER, t, 2, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "password.change", "user",
	    s->actor->id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
auth_password_change(struct svc *s, const char *old, const char *new1,
    const char *new2)
{
	struct login_args la;
	struct pw_change pc;
	char hash[crypto_pwhash_STRBYTES];
	const char *weak;
	enum svc_rc rc;

	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (new1 == NULL || new2 == NULL || strcmp(new1, new2) != 0)
		return svc_fail(s, SVC_INVALID, "new_password2",
		    "error.password.mismatch");
	if ((weak = auth_password_weak(new1, s->actor->username)) != NULL)
		return svc_fail(s, SVC_INVALID, "new_password", weak);
	if ((rc = login(s, s->actor->username, old, &la)) != SVC_OK) {
		if (rc == SVC_DENIED)
			return svc_fail(s, SVC_INVALID, "old_password",
			    "error.password.wrong");
		return rc;
	}
	if (auth_password_hash(new1, hash, sizeof(hash)) != 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
	pc.hash = hash;
	return svc_tx(s, pw_store, &pc);
}

enum store_rc
auth_purge(struct store *st)
{
	int64_t now = clock_now();
	struct sp p[] = { sp_int(now - cfg.idle), sp_int(now) };
	struct sp g[] = { sp_int(now - LOCK_MAX - 86400) };
	enum store_rc rc;

	if ((rc = store_exec(st, Q_SESSION_PURGE, p, 2, NULL, NULL, NULL)) !=
	    STORE_OK)
		return rc;
	return store_exec(st, Q_GUARD_PURGE, g, 1, NULL, NULL, NULL);
}
