/*
 * test_auth.c — logins, lockout, sessions, API tokens and passwords
 * (src/svc/auth.c). argon2id runs at its cheapest cost (fast_hash) and time
 * moves with clock_shift(), never by sleeping.
 */
#include "testutil.h"
#include "fixture.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>

#define USER	"arta"

struct ctx {
	struct fx	*f;
	int64_t		 agency;
	int64_t		 uid;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->agency = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->uid = fx_user(f, USER, ROLE_CASEWORKER, c->agency, 0);
	if (c->agency == 0 || c->uid == 0)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	*state = c->f;
	free(c);
	return fx_teardown(state);
}

static enum svc_rc
login(struct ctx *c, const char *user, const char *pw, struct auth_session *out)
{
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session tmp;

	return auth_login(&s, user, pw, out ? out : &tmp);
}

static enum svc_rc
session(struct ctx *c, const char *token, struct actor **a)
{
	struct svc s = fx_svc(c->f, NULL);
	struct actor *x;
	const char *csrf;

	return auth_session(&s, token, a ? a : &x, &csrf);
}

static int64_t
user_int(struct ctx *c, const char *col)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT %s FROM user WHERE username = '"
	    USER "'", col);
	return fx_raw_int(c->f, sql);
}

static int
is_b64url(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void
test_login_ok(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	struct svc s = fx_svc(c->f, NULL);
	struct actor *a;
	const char *csrf;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(strlen(as.token), 43);
	assert_true(is_b64url(as.token));
	assert_int_equal(strlen(as.csrf), 43);
	assert_string_not_equal(as.token, as.csrf);
	assert_int_equal(auth_session(&s, as.token, &a, &csrf), SVC_OK);
	assert_string_equal(a->username, USER);
	assert_int_equal(a->role, ROLE_CASEWORKER);
	assert_int_equal(a->agency_id, c->agency);
	assert_string_equal(a->country, "XK");
	assert_string_equal(csrf, as.csrf);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'login' AND actor = '" USER "'"), 1);
}

/* A new session (new token) on every login. */
static void
test_login_rotates(void **state)
{
	struct ctx *c = *state;
	struct auth_session a, b;

	assert_int_equal(login(c, USER, FX_PASSWORD, &a), SVC_OK);
	assert_int_equal(login(c, USER, FX_PASSWORD, &b), SVC_OK);
	assert_string_not_equal(a.token, b.token);
	assert_string_not_equal(a.csrf, b.csrf);
}

static void
test_login_wrong_password(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;

	assert_int_equal(auth_login(&s, USER, "Correct horse battery 8", &as),
	    SVC_DENIED);
	assert_string_equal(s.err.msg, "error.login.failed");
	assert_null(s.err.field);
	assert_int_equal(user_int(c, "failed_logins"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'login.fail' AND actor = '" USER "'"), 1);
}

/* An unknown user gets exactly the same answer as a wrong password. */
static void
test_login_unknown_user(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL), t = fx_svc(c->f, NULL);
	struct auth_session as;

	assert_int_equal(auth_login(&s, "nobody", FX_PASSWORD, &as), SVC_DENIED);
	assert_int_equal(auth_login(&t, USER, "wrong password!!", &as),
	    SVC_DENIED);
	assert_string_equal(s.err.msg, t.err.msg);
	assert_ptr_equal(s.err.field, t.err.field);
	assert_ptr_equal(s.err.arg, t.err.arg);
	/* The attempt is audited under the name tried. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'login.fail' AND actor = 'nobody'"), 1);
}

/* Case matters in usernames: ARTA is not arta. */
static void
test_login_username_case(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(login(c, "ARTA", FX_PASSWORD, NULL), SVC_DENIED);
}

static void
test_login_empty_and_long(void **state)
{
	struct ctx *c = *state;
	char long_pw[200];

	memset(long_pw, 'a', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	assert_int_equal(login(c, "", FX_PASSWORD, NULL), SVC_DENIED);
	assert_int_equal(login(c, NULL, FX_PASSWORD, NULL), SVC_DENIED);
	assert_int_equal(login(c, USER, NULL, NULL), SVC_DENIED);
	assert_int_equal(login(c, USER, "", NULL), SVC_DENIED);
	assert_int_equal(login(c, USER, long_pw, NULL), SVC_DENIED);
}

/* Five failures lock the account for a minute. */
static void
test_lockout_after_five(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(login(c, USER, "wrong password!!", NULL),
		    SVC_DENIED);
	assert_int_equal(user_int(c, "locked_until"), 0);
	assert_int_equal(login(c, USER, "wrong password!!", NULL), SVC_DENIED);
	assert_int_equal(user_int(c, "failed_logins"), 5);
	assert_in_range(user_int(c, "locked_until") - clock_now(), 58, 60);
}

/* While locked, even the right password is refused, no password is checked
 * and the failure count stays; the answer says how long. */
static void
test_locked_refuses_right_password(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	int i;

	for (i = 0; i < 5; i++)
		login(c, USER, "wrong password!!", NULL);
	assert_int_equal(auth_login(&s, USER, FX_PASSWORD, &as), SVC_LOCKED);
	assert_string_equal(s.err.msg, "error.login.locked");
	assert_non_null(s.err.arg);
	assert_string_equal(s.err.arg, "1");
	assert_int_equal(user_int(c, "failed_logins"), 5);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'login.locked'"), 1);
}

/*
 * A login name that is no account is locked exactly like an account
 * (regression: only existing accounts locked, so a lock told an attacker
 * which usernames exist). Same answers, same message, same duration; the
 * right password of a real account is not affected; old rows are purged.
 */
static void
test_unknown_name_locked_alike(void **state)
{
	struct ctx *c = *state;
	struct svc s, t;
	struct auth_session as;
	char longname[200];
	int i;

	for (i = 0; i < 4; i++) {
		assert_int_equal(login(c, "nobody.here", "wrong password!!",
		    NULL), SVC_DENIED);
		assert_int_equal(login(c, USER, "wrong password!!", NULL),
		    SVC_DENIED);
	}
	assert_int_equal(login(c, "nobody.here", "wrong password!!", NULL),
	    SVC_DENIED);
	assert_int_equal(login(c, USER, "wrong password!!", NULL), SVC_DENIED);
	s = fx_svc(c->f, NULL);
	t = fx_svc(c->f, NULL);
	assert_int_equal(auth_login(&s, "nobody.here", "any password 12", &as),
	    SVC_LOCKED);
	assert_int_equal(auth_login(&t, USER, FX_PASSWORD, &as), SVC_LOCKED);
	assert_string_equal(s.err.msg, t.err.msg);
	assert_string_equal(s.err.arg, t.err.arg);
	assert_int_equal(fx_raw_int(c->f, "SELECT failed FROM login_guard"
	    " WHERE username = 'nobody.here'"), 5);
	/* The lock doubles for both. */
	fx_shift(61);
	assert_int_equal(login(c, "nobody.here", "wrong password!!", NULL),
	    SVC_DENIED);
	assert_int_equal(login(c, USER, "wrong password!!", NULL), SVC_DENIED);
	assert_int_equal(fx_raw_int(c->f, "SELECT locked_until FROM login_guard"
	    " WHERE username = 'nobody.here'"), user_int(c, "locked_until"));
	/* A very long name is kept as its first 64 bytes, and still locks. */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	for (i = 0; i < 5; i++)
		login(c, longname, "wrong password!!", NULL);
	assert_int_equal(login(c, longname, "wrong password!!", NULL),
	    SVC_LOCKED);
	assert_int_equal(fx_raw_int(c->f, "SELECT max(length(username))"
	    " FROM login_guard"), 64);
	/* Purged a day after the longest lock. */
	fx_shift(3600 + 86400 + 10);
	assert_int_equal(auth_purge(c->f->st), STORE_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM login_guard"),
	    0);
}

/* After the lock runs out the right password works and clears the count. */
static void
test_unlock_after_time(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 5; i++)
		login(c, USER, "wrong password!!", NULL);
	fx_shift(30);
	assert_int_equal(login(c, USER, FX_PASSWORD, NULL), SVC_LOCKED);
	fx_shift(31);
	assert_int_equal(login(c, USER, FX_PASSWORD, NULL), SVC_OK);
	assert_int_equal(user_int(c, "failed_logins"), 0);
	assert_int_equal(user_int(c, "locked_until"), 0);
}

/* Each further failure doubles the lock, up to an hour. */
static void
test_backoff_doubles(void **state)
{
	struct ctx *c = *state;
	int64_t want = 60, got;
	int i;

	for (i = 0; i < 5; i++)
		login(c, USER, "wrong password!!", NULL);
	for (i = 0; i < 9; i++) {
		got = user_int(c, "locked_until") - clock_now();
		if (got < want - 2 || got > want)
			fail_msg("failure %d: locked for %lld s, want %lld", i + 5,
			    (long long)got, (long long)want);
		fx_shift(got + 1);
		assert_int_equal(login(c, USER, "wrong password!!", NULL),
		    SVC_DENIED);
		want = want * 2 > 3600 ? 3600 : want * 2;
	}
	assert_int_equal(want, 3600);
	assert_in_range(user_int(c, "locked_until") - clock_now(), 3598, 3600);
}

/*
 * Regression (lockout_parallel): failed attempts made at the same moment
 * each count. The failure count used to be read before the password check
 * and written back after it, so a burst of parallel guesses all counted
 * from the same old value and the lock never came: a hundred guesses in a
 * wave cost one failure. Now the count is read again under the write lock,
 * and an attempt that finds the account locked meanwhile is refused.
 */
#define NPAR	12

struct par {
	struct ctx		*c;
	pthread_barrier_t	*go;
	enum svc_rc		 rc;
};

static void *
par_main(void *arg)
{
	struct par *p = arg;
	struct svc s = fx_svc(p->c->f, NULL);
	struct auth_session as;
	struct arena *a = arena_new(1024 * 1024);

	s.a = a;
	/* Open this thread's connection before the start. */
	(void)store_exec(p->c->f->st, Q_PING, NULL, 0, NULL, NULL, NULL);
	pthread_barrier_wait(p->go);
	p->rc = auth_login(&s, USER, "wrong password!!", &as);
	arena_free(a);
	store_thread_end(p->c->f->st);
	return NULL;
}

static void
test_lockout_parallel(void **state)
{
	struct ctx *c = *state;
	struct par p[NPAR];
	pthread_t th[NPAR];
	pthread_barrier_t go;
	int i, denied = 0, locked = 0;

	pthread_barrier_init(&go, NULL, NPAR);
	for (i = 0; i < NPAR; i++) {
		p[i].c = c;
		p[i].go = &go;
		assert_int_equal(pthread_create(&th[i], NULL, par_main, &p[i]), 0);
	}
	for (i = 0; i < NPAR; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		if (p[i].rc == SVC_DENIED)
			denied++;
		else if (p[i].rc == SVC_LOCKED)
			locked++;
		else
			fail_msg("attempt %d: %s", i, svc_rc_str(p[i].rc));
	}
	pthread_barrier_destroy(&go);
	if (denied != 5)
		fail_msg("%d wrong passwords judged, failed_logins = %lld",
		    denied, (long long)user_int(c, "failed_logins"));
	assert_int_equal(locked, NPAR - 5);
	assert_int_equal(user_int(c, "failed_logins"), 5);
	assert_true(user_int(c, "locked_until") > clock_now());
}

/* A disabled user cannot log in, with the ordinary answer. */
static void
test_disabled_cannot_login(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, &c->f->root);

	assert_int_equal(user_disable(&s, c->uid), SVC_OK);
	s = fx_svc(c->f, NULL);
	{
		struct auth_session as;

		assert_int_equal(auth_login(&s, USER, FX_PASSWORD, &as),
		    SVC_DENIED);
		assert_string_equal(s.err.msg, "error.login.failed");
	}
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'login.fail' AND detail = 'disabled'"), 1);
}

/* Disabling ends the sessions already open. */
static void
test_disable_ends_session(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, &c->f->root);
	struct auth_session as;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(user_disable(&s, c->uid), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
}

static void
test_session_idle_expiry(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	fx_shift(auth_config()->idle - 5);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	/* That use renewed it: another almost-idle period is fine. */
	fx_shift(auth_config()->idle - 5);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	fx_shift(auth_config()->idle + 1);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
}

/* However busy, a session ends at its absolute expiry. */
static void
test_session_absolute_expiry(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	int64_t t = 0, step = 20 * 60, abs = auth_config()->absolute;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	while (t + step < abs) {
		fx_shift(step);
		t += step;
		assert_int_equal(session(c, as.token, NULL), SVC_OK);
	}
	fx_shift(abs - t);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
}

static void
test_logout(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	struct svc s = fx_svc(c->f, NULL);

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(auth_logout(&s, as.token), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
	assert_int_equal(auth_logout(&s, as.token), SVC_OK);
	assert_int_equal(auth_logout(&s, NULL), SVC_OK);
	assert_int_equal(auth_logout(&s, ""), SVC_OK);
}

static void
test_purge(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(login(c, USER, FX_PASSWORD, NULL), SVC_OK);
	assert_int_equal(auth_purge(c->f->st), STORE_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 1);
	fx_shift(auth_config()->idle + 1);
	assert_int_equal(auth_purge(c->f->st), STORE_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 0);
}

/* Tokens of the wrong shape are not looked up at all. */
static void
test_session_token_shape(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	char t[64];
	static const char bad_chars[] = "+/= .%\"';\x7f";
	size_t i;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(session(c, NULL, NULL), SVC_NOTFOUND);
	assert_int_equal(session(c, "", NULL), SVC_NOTFOUND);
	/* One character short, one too many. */
	snprintf(t, sizeof(t), "%.42s", as.token);
	assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	snprintf(t, sizeof(t), "%sA", as.token);
	assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	/* A character outside base64url, in place of a good one. */
	for (i = 0; i < sizeof(bad_chars) - 1; i++) {
		snprintf(t, sizeof(t), "%s", as.token);
		t[10] = bad_chars[i];
		assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	}
	snprintf(t, sizeof(t), "%s", as.token);
	t[0] = (char)0xc3;	/* the first byte of a two-byte character */
	assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	/* The right shape, the wrong token. */
	snprintf(t, sizeof(t), "%s", as.token);
	t[5] = t[5] == 'A' ? 'B' : 'A';
	assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	/* An API token is not a session token, and the reverse. */
	snprintf(t, sizeof(t), "rrj_%s", as.token);
	assert_int_equal(session(c, t, NULL), SVC_NOTFOUND);
	{
		struct svc s = fx_svc(c->f, NULL);
		struct actor *a;

		assert_int_equal(auth_bearer(&s, as.token, &a), SVC_NOTFOUND);
		assert_null(a);
	}
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
}

static void
test_api_token_lifecycle(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN];
	struct actor *a;
	int64_t id = 0;

	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "laptop", tok,
	    &id), SVC_OK);
	assert_true(id > 0);
	assert_int_equal(strlen(tok), 47);
	assert_memory_equal(tok, "rrj_", 4);
	assert_true(is_b64url(tok + 4));
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	assert_string_equal(a->username, USER);
	/* Revoked by its owner: gone; a second revoke finds nothing. */
	s = fx_svc(c->f, a);
	assert_int_equal(auth_token_revoke(&s, id), SVC_OK);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_NOTFOUND);
	s = fx_svc(c->f, fx_actor(c->f, c->uid));
	assert_int_equal(auth_token_revoke(&s, id), SVC_NOTFOUND);
	assert_int_equal(auth_token_revoke(&s, 987654), SVC_NOTFOUND);
}

/* Nobody revokes someone else's token. */
static void
test_api_token_revoke_other(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN];
	struct actor *a;
	int64_t id = 0, other;

	other = fx_user(c->f, "besim", ROLE_SUPERVISOR, c->agency, 0);
	assert_true(other > 0);
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, NULL, tok,
	    &id), SVC_OK);
	s = fx_svc(c->f, fx_actor(c->f, other));
	assert_int_equal(auth_token_revoke(&s, id), SVC_NOTFOUND);
	s = fx_svc(c->f, NULL);
	assert_int_equal(auth_token_revoke(&s, id), SVC_DENIED);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
}

static void
test_api_token_expiry(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN];
	struct actor *a;
	int64_t id;

	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "x", tok, &id),
	    SVC_OK);
	fx_shift(auth_config()->token_life - 10);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	fx_shift(11);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_NOTFOUND);
}

static void
test_api_token_bad_login(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN] = "", name[80];
	int64_t id = 0;

	assert_int_equal(auth_token_login(&s, USER, "wrong password!!", "x", tok,
	    &id), SVC_DENIED);
	assert_int_equal(id, 0);
	memset(name, 'n', 65);
	name[65] = '\0';
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, name, tok,
	    &id), SVC_INVALID);
	assert_string_equal(s.err.field, "name");
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "bad\xff", tok,
	    &id), SVC_INVALID);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM api_token"), 0);
}

static void
test_api_token_shape(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN], t[64];
	struct actor *a;
	int64_t id;

	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "x", tok, &id),
	    SVC_OK);
	assert_int_equal(auth_bearer(&s, NULL, &a), SVC_NOTFOUND);
	assert_int_equal(auth_bearer(&s, "rrj_", &a), SVC_NOTFOUND);
	assert_int_equal(auth_bearer(&s, tok + 4, &a), SVC_NOTFOUND);
	snprintf(t, sizeof(t), "RRJ_%s", tok + 4);
	assert_int_equal(auth_bearer(&s, t, &a), SVC_NOTFOUND);
	snprintf(t, sizeof(t), "%s=", tok);
	assert_int_equal(auth_bearer(&s, t, &a), SVC_NOTFOUND);
	snprintf(t, sizeof(t), "%s", tok);
	t[20] = '/';
	assert_int_equal(auth_bearer(&s, t, &a), SVC_NOTFOUND);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
}

/* A token created by a logged-in actor. */
static void
test_api_token_create(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN];
	struct auth_token_info *l;
	size_t n;
	int64_t id;

	assert_int_equal(auth_token_create(&s, "x", tok, &id), SVC_DENIED);
	s = fx_svc(c->f, fx_actor(c->f, c->uid));
	assert_int_equal(auth_token_create(&s, NULL, tok, &id), SVC_OK);
	assert_int_equal(auth_token_list(&s, &l, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].name, "api");
	assert_int_equal(l[0].id, id);
}

static void
test_password_policy(void **state)
{
	char b[200];

	(void)state;
	assert_string_equal(auth_password_weak(NULL, "u"), "error.password.empty");
	assert_string_equal(auth_password_weak("", "u"), "error.password.empty");
	assert_string_equal(auth_password_weak("short", "u"),
	    "error.password.short");
	assert_string_equal(auth_password_weak("123456789", "u"),
	    "error.password.short");
	assert_null(auth_password_weak("1234567890", "u"));
	/* Ten characters of two bytes each: counted in characters. */
	assert_null(auth_password_weak("ëëëëëëëëëë", "u"));
	assert_string_equal(auth_password_weak("ëëëëëëëëë", "u"),
	    "error.password.short");
	/* Equal to the username, in any case. */
	assert_string_equal(auth_password_weak("administrator", "administrator"),
	    "error.password.username");
	assert_string_equal(auth_password_weak("Administrator", "administrator"),
	    "error.password.username");
	/* Over 128 bytes. */
	memset(b, 'a', 128);
	b[128] = '\0';
	assert_null(auth_password_weak(b, "u"));
	b[128] = 'a';
	b[129] = '\0';
	assert_string_equal(auth_password_weak(b, "u"), "error.password.invalid");
	/* Invalid UTF-8, overlong, control characters. */
	assert_string_equal(auth_password_weak("abcdefghij\xff", "u"),
	    "error.password.invalid");
	assert_string_equal(auth_password_weak("abcdefghij\xc0\xaf", "u"),
	    "error.password.invalid");
	assert_string_equal(auth_password_weak("abcdefghij\xed\xa0\x80", "u"),
	    "error.password.invalid");
	assert_string_equal(auth_password_weak("abcdefghij\x01", "u"),
	    "error.password.invalid");
	assert_null(auth_password_weak("with spaces in it", NULL));
}

static void
test_password_change(void **state)
{
	struct ctx *c = *state;
	struct auth_session one, two;
	struct svc s;
	struct actor *a;
	const char *np = "A new password 42";
	char tok[AUTH_TOKEN_LEN];
	int64_t tid = 0;

	s = fx_svc(c->f, NULL);
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, NULL, tok,
	    &tid), SVC_OK);
	assert_int_equal(login(c, USER, FX_PASSWORD, &one), SVC_OK);
	assert_int_equal(login(c, USER, FX_PASSWORD, &two), SVC_OK);
	assert_int_equal(session(c, one.token, &a), SVC_OK);
	s = fx_svc(c->f, a);
	assert_int_equal(auth_password_change(&s, FX_PASSWORD, np, np), SVC_OK);
	/* Every session of the user ended, and the API token is revoked
	 * (regression: a token outlived the password change). */
	assert_int_equal(session(c, one.token, NULL), SVC_NOTFOUND);
	assert_int_equal(session(c, two.token, NULL), SVC_NOTFOUND);
	s = fx_svc(c->f, NULL);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_NOTFOUND);
	assert_int_equal(login(c, USER, FX_PASSWORD, NULL), SVC_DENIED);
	assert_int_equal(login(c, USER, np, NULL), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'password.change'"), 1);
}

static void
test_password_change_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	struct actor *a = fx_actor(c->f, c->uid);
	const char *np = "A new password 42";
	int64_t v = user_int(c, "version");

	assert_int_equal(auth_password_change(&s, FX_PASSWORD, np, np),
	    SVC_DENIED);
	s = fx_svc(c->f, a);
	assert_int_equal(auth_password_change(&s, "not the password", np, np),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "old_password");
	assert_int_equal(auth_password_change(&s, FX_PASSWORD, np,
	    "A new password 43"), SVC_INVALID);
	assert_string_equal(s.err.field, "new_password2");
	assert_int_equal(auth_password_change(&s, FX_PASSWORD, "short", "short"),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "new_password");
	assert_string_equal(s.err.msg, "error.password.short");
	assert_int_equal(auth_password_change(&s, FX_PASSWORD, NULL, NULL),
	    SVC_INVALID);
	assert_int_equal(user_int(c, "version"), v);
	assert_int_equal(login(c, USER, FX_PASSWORD, NULL), SVC_OK);
}

/* 1 when needle occurs in p[0..n) (memmem, which needs _GNU_SOURCE). */
static int
bytes_have(const char *p, size_t n, const char *needle)
{
	size_t i, k = strlen(needle);

	for (i = 0; i + k <= n; i++)
		if (memcmp(p + i, needle, k) == 0)
			return 1;
	return 0;
}

/* Reading the whole file (and its WAL) as bytes. */
static int
file_has(const char *path, const char *needle)
{
	struct stat sb;
	char *p;
	int fd, found = 0;

	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	if (fstat(fd, &sb) == 0 && sb.st_size > 0 &&
	    (p = malloc((size_t)sb.st_size)) != NULL) {
		if (read(fd, p, (size_t)sb.st_size) == sb.st_size)
			found = bytes_have(p, (size_t)sb.st_size, needle);
		free(p);
	}
	close(fd);
	return found;
}

static int
db_has(struct ctx *c, const char *needle)
{
	char path[400];

	snprintf(path, sizeof(path), "%s-wal", c->f->db);
	return file_has(c->f->db, needle) || file_has(path, needle);
}

/* The password is stored as argon2id; no password or token in clear. */
static void
test_nothing_in_clear(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	struct svc s = fx_svc(c->f, NULL);
	char tok[AUTH_TOKEN_LEN], hex[65];
	unsigned char d[32];
	int64_t id;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "x", tok, &id),
	    SVC_OK);
	db = fx_raw(c->f);
	assert_non_null(db);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pw_hash FROM user "
	    "WHERE username = '" USER "'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_memory_equal(sqlite3_column_text(st, 0), "$argon2id$", 10);
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* The session row holds the BLAKE2b-256 of the token. */
	crypto_generichash(d, sizeof(d), (const unsigned char *)as.token,
	    strlen(as.token), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
	{
		char sql[200];

		snprintf(sql, sizeof(sql), "SELECT count(*) FROM session WHERE "
		    "token_hash = '%s'", hex);
		assert_int_equal(fx_raw_int(c->f, sql), 1);
	}
	assert_false(db_has(c, as.token));
	assert_false(db_has(c, tok));
	assert_false(db_has(c, tok + 4));
	assert_false(db_has(c, FX_PASSWORD));
}

/* A password the administrator reset: must_change on the next session. */
static void
test_reset_sets_must_change(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, &c->f->root);
	struct auth_session as;
	struct actor *a;

	assert_int_equal(user_reset_password(&s, c->uid, "Temporary pass 1"),
	    SVC_OK);
	assert_int_equal(login(c, USER, "Temporary pass 1", &as), SVC_OK);
	assert_int_equal(session(c, as.token, &a), SVC_OK);
	assert_int_equal(a->must_change_pw, 1);
	s = fx_svc(c->f, a);
	assert_int_equal(auth_password_change(&s, "Temporary pass 1",
	    "My own password 9", "My own password 9"), SVC_OK);
	assert_int_equal(user_int(c, "must_change_pw"), 0);
}

/* The session's last_seen is written at most once a minute. */
static void
test_session_touch_rate(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	int64_t first;

	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	first = fx_raw_int(c->f, "SELECT last_seen FROM session");
	fx_shift(30);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT last_seen FROM session"),
	    first);
	fx_shift(31);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_true(fx_raw_int(c->f, "SELECT last_seen FROM session") > first);
}

/*
 * The identity cache (auth.c). Every test here runs with it on, as the
 * server does; these check what it must never do: serve a session or token
 * that this process has ended, serve one past its expiry, or hide a change
 * for longer than cache_ms when another process or node made it.
 */
static uint64_t
cache_hits(void)
{
	uint64_t h, m;

	auth_cache_stats(&h, &m);
	return h;
}

static void
cache_ttl(int ms)
{
	struct auth_config cf = *auth_config();

	cf.cache_ms = ms;
	auth_init(&cf);
	auth_cache_clear();
}

/* A second lookup of the same session or token is served from it. */
static void
test_cache_hits(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	char tok[AUTH_TOKEN_LEN];
	struct actor *a, *b;
	const char *csrf;
	int64_t id;
	uint64_t h0;

	cache_ttl(60000);
	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	h0 = cache_hits();
	assert_int_equal(auth_session(&s, as.token, &a, &csrf), SVC_OK);
	assert_int_equal(cache_hits(), h0);
	assert_int_equal(auth_session(&s, as.token, &b, &csrf), SVC_OK);
	assert_int_equal(cache_hits(), h0 + 1);
	/* The same actor and CSRF token, copied for this request. */
	assert_ptr_not_equal(a, b);
	assert_string_equal(b->username, USER);
	assert_string_equal(b->country, "XK");
	assert_int_equal(b->agency_id, c->agency);
	assert_int_equal(b->role, ROLE_CASEWORKER);
	assert_string_equal(csrf, as.csrf);
	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "t", tok, &id),
	    SVC_OK);
	/* Its first use touches last_used (not cached), the second reads it
	 * back (cached), the third is served from the cache. */
	h0 = cache_hits();
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	assert_int_equal(cache_hits(), h0);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	assert_int_equal(cache_hits(), h0 + 1);
	/* A session token is not an API token, cached or not. */
	assert_int_equal(auth_bearer(&s, as.token, &a), SVC_NOTFOUND);
	assert_int_equal(session(c, tok, NULL), SVC_NOTFOUND);
	/* Off: every lookup reads the database. */
	cache_ttl(0);
	h0 = cache_hits();
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(cache_hits(), h0);
}

/* A logout, a revoked token, a disabled user, a password change in this
 * process: the very next lookup fails, however long the cache keeps. */
static void
test_cache_ends_here(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, NULL), r = fx_svc(c->f, &c->f->root);
	struct auth_session as, as2;
	char tok[AUTH_TOKEN_LEN];
	struct actor *a;
	int64_t id;

	cache_ttl(60000);
	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(auth_logout(&s, as.token), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);

	assert_int_equal(auth_token_login(&s, USER, FX_PASSWORD, "t", tok, &id),
	    SVC_OK);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_OK);
	s = fx_svc(c->f, a);
	assert_int_equal(auth_token_revoke(&s, id), SVC_OK);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_NOTFOUND);

	assert_int_equal(login(c, USER, FX_PASSWORD, &as2), SVC_OK);
	assert_int_equal(session(c, as2.token, NULL), SVC_OK);
	assert_int_equal(session(c, as2.token, NULL), SVC_OK);
	assert_int_equal(user_disable(&r, c->uid), SVC_OK);
	assert_int_equal(session(c, as2.token, NULL), SVC_NOTFOUND);
}

/* A change made by another process (another node, or the command line) is
 * seen once cache_ms has passed; with the cache off, at once. */
static void
test_cache_other_process(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	struct timespec ts = { 0, 30 * 1000000 };

	cache_ttl(60000);
	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(fx_raw_exec(c->f, "UPDATE user SET active = 0"),
	    SQLITE_OK);
	/* Within cache_ms, this process has not seen it (documented). */
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	cache_ttl(20);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
	assert_int_equal(fx_raw_exec(c->f, "UPDATE user SET active = 1"),
	    SQLITE_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(fx_raw_exec(c->f, "DELETE FROM session"), SQLITE_OK);
	nanosleep(&ts, NULL);	/* past the 20 ms */
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
}

/* An entry is never used past the session's absolute expiry, nor once the
 * session is due a touch (so idle expiry works as without the cache). */
static void
test_cache_expiry(void **state)
{
	struct ctx *c = *state;
	struct auth_session as;
	int64_t t = 0, step = 20 * 60, abs = auth_config()->absolute;

	cache_ttl(60000);
	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	while (t + step < abs - 30) {	/* used, never idle */
		fx_shift(step);
		t += step;
		assert_int_equal(session(c, as.token, NULL), SVC_OK);
	}
	fx_shift(abs - 30 - t);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);	/* touched */
	assert_int_equal(session(c, as.token, NULL), SVC_OK);	/* cached */
	fx_shift(31);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
	/* Idle: a cached session is touched in the database before the idle
	 * limit could pass, because entries go stale at TOUCH_EVERY. */
	assert_int_equal(login(c, USER, FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	fx_shift(61);
	assert_int_equal(session(c, as.token, NULL), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT last_seen - created_at FROM"
	    " session ORDER BY id DESC LIMIT 1") >= 61, 1);
	fx_shift(auth_config()->idle + 1);
	assert_int_equal(session(c, as.token, NULL), SVC_NOTFOUND);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_login_ok),
		T(test_login_rotates),
		T(test_login_wrong_password),
		T(test_login_unknown_user),
		T(test_login_username_case),
		T(test_login_empty_and_long),
		T(test_lockout_after_five),
		T(test_locked_refuses_right_password),
		T(test_unknown_name_locked_alike),
		T(test_unlock_after_time),
		T(test_backoff_doubles),
		T(test_lockout_parallel),
		T(test_disabled_cannot_login),
		T(test_disable_ends_session),
		T(test_session_idle_expiry),
		T(test_session_absolute_expiry),
		T(test_logout),
		T(test_purge),
		T(test_session_token_shape),
		T(test_api_token_lifecycle),
		T(test_api_token_revoke_other),
		T(test_api_token_expiry),
		T(test_api_token_bad_login),
		T(test_api_token_shape),
		T(test_api_token_create),
		cmocka_unit_test(test_password_policy),
		T(test_password_change),
		T(test_password_change_refused),
		T(test_nothing_in_clear),
		T(test_reset_sets_must_change),
		T(test_session_touch_rate),
		T(test_cache_hits),
		T(test_cache_ends_here),
		T(test_cache_other_process),
		T(test_cache_expiry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
