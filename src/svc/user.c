/*
 * user.c — user accounts. See user.h. Every write is audited in its own
 * transaction; reads of a user's record are audited too (staff data is
 * personal data).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "agency.h"
#include "auth.h"
#include "grant.h"
#include "user.h"

int
user_name_valid(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) < USERNAME_MIN || n > USERNAME_MAX)
		return 0;
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int
full_name_valid(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 4 * FULLNAME_MAX)
		return 0;
	return utf8_valid(s, n) && utf8_chars(s, n) <= FULLNAME_MAX &&
	    strchr(s, '\n') == NULL && strchr(s, '\t') == NULL &&
	    strchr(s, '\r') == NULL;
}

/* The authz object of a user of that agency (0: no agency). */
static enum svc_rc
agency_obj(struct svc *s, int64_t agency_id, struct authz_obj *o,
    struct agency_info **ag)
{
	enum svc_rc rc;

	memset(o, 0, sizeof(*o));
	*ag = NULL;
	if (agency_id == 0)
		return SVC_OK;
	if ((rc = agency_fetch(s, agency_id, ag)) != SVC_OK)
		return rc;
	o->agency_id = agency_id;
	o->municipality_id = (*ag)->municipality_id;
	o->country = (*ag)->country;
	return SVC_OK;
}

/* Checks role, scope, agency and team of a new or edited user. */
static enum svc_rc
check_placement(struct svc *s, int role, int *scope, int64_t agency_id,
    int64_t team_id)
{
	struct agency_info *ag;
	struct authz_obj o;
	struct team_info *t;
	enum svc_rc rc;

	if (role < 0 || role >= ROLE__MAX)
		return svc_fail(s, SVC_INVALID, "role", "error.field.invalid");
	if (*scope < 0)
		*scope = role_default_scope((enum role)role);
	if (*scope >= SCOPE__MAX)
		return svc_fail(s, SVC_INVALID, "scope", "error.field.invalid");
	if (!authz_may_grant(s->actor, (enum role)role, (enum scope)*scope))
		return svc_fail(s, SVC_INVALID, "role", "error.role.grant");
	/* A donor's user belongs to the donor (user_create), no agency. */
	if (role == ROLE_DONOR && (agency_id != 0 || team_id != 0))
		return svc_fail(s, SVC_INVALID, "agency", "error.field.invalid");
	if (agency_id == 0 && role != ROLE_SYSADMIN && role != ROLE_DONOR)
		return svc_fail(s, SVC_INVALID, "agency", "error.field.required");
	if ((rc = agency_obj(s, agency_id, &o, &ag)) != SVC_OK) {
		if (rc == SVC_NOTFOUND)
			return svc_fail(s, SVC_INVALID, "agency",
			    "error.field.invalid");
		return rc;
	}
	if (agency_id != 0 && !authz_allows(s->actor, PERM_USERS_WRITE, &o))
		return svc_fail(s, SVC_INVALID, "agency", "error.field.invalid");
	if (ag != NULL && ag->municipality_id == 0 &&
	    *scope < SCOPE_COUNTRY && role != ROLE_SYSADMIN)
		return svc_fail(s, SVC_INVALID, "scope", "error.scope.agency");
	if (team_id != 0) {
		if (team_fetch(s, team_id, &t) != SVC_OK ||
		    t->agency_id != agency_id)
			return svc_fail(s, SVC_INVALID, "team",
			    "error.field.invalid");
	}
	return SVC_OK;
}

struct create_args {
	const struct user_new	*u;
	const char		*hash;
	int			 scope;
	int64_t			 id;
};


static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *c = arg;
	const struct user_new *u = c->u;
	enum store_rc rc;
	struct sp p[] = {
		sp_text(u->username), sp_text(u->full_name), sp_text(c->hash),
		sp_text(role_name((enum role)u->role)),
		sp_text(scope_name((enum scope)c->scope)), sp_id(u->agency_id),
		sp_id(u->team_id), sp_text(lang_code((enum lang)u->lang)),
		sp_int(u->must_change ? 1 : 0), sp_int(clock_now()),
	};

	rc = store_exec(s->st, Q_USER_INSERT, p, 10, store_cb_int, &c->id, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "username", "error.username.taken");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (u->donor_id != 0 && grant_user_donor_in_tx(s, c->id, u->donor_id) !=
	    SVC_OK)
		return SVC_INVALID;
	if ((rc = audit_record(s->st, s->actor, NULL, "user.create", "user",
	    c->id, arena_printf(s->a, "role=%s", role_name((enum role)u->role)))) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
user_create(struct svc *s, const struct user_new *u, int64_t *id)
{
	char hash[crypto_pwhash_STRBYTES];
	struct create_args c;
	const char *weak;
	enum svc_rc rc;

	if (!user_name_valid(u->username))
		return svc_fail(s, SVC_INVALID, "username", "error.username.invalid");
	if (!full_name_valid(u->full_name))
		return svc_fail(s, SVC_INVALID, "full_name", "error.field.invalid");
	if ((unsigned)u->lang >= LANG__MAX)
		return svc_fail(s, SVC_INVALID, "lang", "error.field.invalid");
	c.scope = u->scope;
	if ((rc = check_placement(s, u->role, &c.scope, u->agency_id,
	    u->team_id)) != SVC_OK)
		return rc;
	if (u->role == ROLE_DONOR) {
		struct donor_info *d;

		if (u->donor_id <= 0)
			return svc_fail(s, SVC_INVALID, "donor",
			    "error.field.required");
		if (grant_donor_get(s, u->donor_id, &d) != SVC_OK)
			return svc_fail(s, SVC_INVALID, "donor",
			    "error.field.invalid");
	} else if (u->donor_id != 0)
		return svc_fail(s, SVC_INVALID, "donor", "error.field.invalid");
	if ((weak = auth_password_weak(u->password, u->username)) != NULL)
		return svc_fail(s, SVC_INVALID, "password", weak);
	if (auth_password_hash(u->password, hash, sizeof(hash)) != 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
	c.u = u;
	c.hash = hash;
	c.id = 0;
	if ((rc = svc_tx(s, create_tx, &c)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = c.id;
	return SVC_OK;
}

struct one_user {
	struct arena		*a;
	struct user_info	*u;
};

static int
one_cb(void *arg, const struct store_row *r)
{
	struct one_user *o = arg;
	struct actor *x;

	if ((x = auth_actor_from_row(o->a, r)) == NULL)
		return 1;
	if ((o->u = arena_zalloc(o->a, sizeof(*o->u))) == NULL)
		return 1;
	o->u->a = *x;
	o->u->active = (int)srow_int(r, AC_ACTIVE);
	return 1;
}

/* 1 when the actor may see user u (users of no agency: sysadmins only). */
static int
visible(struct svc *s, const struct user_info *u, enum perm p)
{
	struct authz_obj o;

	memset(&o, 0, sizeof(o));
	o.agency_id = u->a.agency_id;
	o.municipality_id = u->a.municipality_id;
	o.country = u->a.country;
	if (u->a.agency_id == 0)
		return s->actor && s->actor->role == ROLE_SYSADMIN;
	return authz_allows(s->actor, p, &o);
}

static enum svc_rc
fetch(struct svc *s, enum qid q, struct sp *p, struct user_info **out)
{
	struct one_user o = { s->a, NULL };
	enum store_rc rc;

	if ((rc = store_exec(s->st, q, p, 1, one_cb, &o, NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (o.u == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = o.u;
	return SVC_OK;
}

enum svc_rc
user_get(struct svc *s, int64_t id, struct user_info **out)
{
	struct sp p[] = { sp_int(id) };
	enum svc_rc rc;

	if ((rc = fetch(s, Q_USER_GET, p, out)) != SVC_OK)
		return rc;
	if (!visible(s, *out, PERM_USERS_READ))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (audit_record_tx(s->st, s->actor, NULL, "user.read", "user", id,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
user_by_name(struct svc *s, const char *username, struct user_info **out)
{
	struct sp p[] = { sp_text(username) };
	enum svc_rc rc;

	if ((rc = fetch(s, Q_USER_BY_NAME, p, out)) != SVC_OK)
		return rc;
	if (!visible(s, *out, PERM_USERS_READ))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	return SVC_OK;
}

struct list {
	struct arena		*a;
	struct user_info	*v;
	size_t			 n, cap;
};

static int
list_cb(void *arg, const struct store_row *r)
{
	struct list *l = arg;
	struct actor *x;

	if (l->n == l->cap || (x = auth_actor_from_row(l->a, r)) == NULL)
		return 1;
	l->v[l->n].a = *x;
	l->v[l->n].active = (int)srow_int(r, AC_ACTIVE);
	l->n++;
	return 0;
}

enum svc_rc
user_list(struct svc *s, int64_t agency_id, int limit, int offset,
    struct user_info **out, size_t *n)
{
	struct list l;
	int64_t muni;
	enum store_rc rc;

	if (!authz_allows(s->actor, PERM_USERS_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (limit < 1 || limit > 500 || offset < 0)
		return svc_fail(s, SVC_INVALID, "page", "error.field.invalid");
	muni = authz_municipality_filter(s->actor);
	l.a = s->a;
	l.cap = (size_t)limit;
	l.n = 0;
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = {
			sp_text(authz_country_filter(s->actor)),
			muni == 0 ? sp_null() : sp_int(muni),
			sp_id(agency_id), sp_int(limit), sp_int(offset),
		};

		rc = store_exec(s->st, Q_USER_LIST, p, 5, list_cb, &l, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (audit_record_tx(s->st, s->actor, NULL, "user.list", "user", 0,
	    arena_printf(s->a, "rows=%zu", l.n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct update_args {
	const struct user_edit	*e;
	int			 scope;
};

static enum svc_rc
update_tx(struct svc *s, void *arg)
{
	struct update_args *ua = arg;
	const struct user_edit *e = ua->e;
	enum store_rc rc;
	int64_t v = 0;
	struct sp p[] = {
		sp_int(e->id), sp_text(e->full_name),
		sp_text(role_name((enum role)e->role)),
		sp_text(scope_name((enum scope)ua->scope)), sp_id(e->agency_id),
		sp_id(e->team_id), sp_int(e->active ? 1 : 0), sp_int(e->version),
	};
	struct sp q[] = { sp_int(e->id) };
	struct sp t[] = { sp_int(e->id), sp_int(clock_now()) };

	rc = store_exec(s->st, Q_USER_UPDATE, p, 8, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "error.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (!e->active &&
	    ((rc = store_exec(s->st, Q_SESSION_DELETE_USER, q, 1, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_TOKEN_REVOKE_USER, t, 2, NULL, NULL,
	    NULL)) != STORE_OK))
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((rc = audit_record(s->st, s->actor, NULL, "user.update", "user",
	    e->id, arena_printf(s->a, "role=%s active=%d",
	    role_name((enum role)e->role), e->active ? 1 : 0))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
user_update(struct svc *s, const struct user_edit *e)
{
	struct update_args ua;
	struct user_info *cur;
	struct sp p[] = { sp_int(e->id) };
	enum svc_rc rc;

	if ((rc = fetch(s, Q_USER_GET, p, &cur)) != SVC_OK)
		return rc;
	if (!visible(s, cur, PERM_USERS_WRITE))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	/* Only users whose role the actor could grant (not a superior). */
	if (!authz_may_grant(s->actor, cur->a.role, cur->a.scope))
		return svc_fail(s, SVC_DENIED, "role", "error.role.grant");
	if (!full_name_valid(e->full_name))
		return svc_fail(s, SVC_INVALID, "full_name", "error.field.invalid");
	if (s->actor && e->id == s->actor->id &&
	    (!e->active || e->role != (int)s->actor->role))
		return svc_fail(s, SVC_INVALID, "role", "error.user.self");
	/* A donor's user stays one (their donor is set at creation). */
	if ((e->role == ROLE_DONOR) != (cur->a.role == ROLE_DONOR))
		return svc_fail(s, SVC_INVALID, "role", "error.field.invalid");
	ua.e = e;
	ua.scope = e->scope;
	if ((rc = check_placement(s, e->role, &ua.scope, e->agency_id,
	    e->team_id)) != SVC_OK)
		return rc;
	if (cur->a.version != e->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "error.conflict");
	return svc_tx(s, update_tx, &ua);
}

struct reset_args {
	int64_t		 id;
	const char	*hash;
};

static enum svc_rc
reset_tx(struct svc *s, void *arg)
{
	struct reset_args *r = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(r->id), sp_text(r->hash), sp_int(1),
	    sp_int(clock_now()) };
	struct sp q[] = { sp_int(r->id) };
	struct sp t[] = { sp_int(r->id), sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_USER_SET_PW, p, 4, NULL, NULL, NULL)) !=
	    STORE_OK ||
	    (rc = store_exec(s->st, Q_SESSION_DELETE_USER, q, 1, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_TOKEN_REVOKE_USER, t, 2, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "user.password_reset",
	    "user", r->id, "")) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
user_reset_password(struct svc *s, int64_t id, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	struct reset_args r;
	struct user_info *cur;
	struct sp p[] = { sp_int(id) };
	const char *weak;
	enum svc_rc rc;

	if ((rc = fetch(s, Q_USER_GET, p, &cur)) != SVC_OK)
		return rc;
	if (!visible(s, cur, PERM_USERS_WRITE))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (!authz_may_grant(s->actor, cur->a.role, cur->a.scope))
		return svc_fail(s, SVC_DENIED, "role", "error.role.grant");
	if ((weak = auth_password_weak(password, cur->a.username)) != NULL)
		return svc_fail(s, SVC_INVALID, "password", weak);
	if (auth_password_hash(password, hash, sizeof(hash)) != 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.busy");
	r.id = id;
	r.hash = hash;
	return svc_tx(s, reset_tx, &r);
}

enum svc_rc
user_disable(struct svc *s, int64_t id)
{
	struct user_edit e;
	struct user_info *cur;
	struct sp p[] = { sp_int(id) };
	enum svc_rc rc;

	if ((rc = fetch(s, Q_USER_GET, p, &cur)) != SVC_OK)
		return rc;
	if (!visible(s, cur, PERM_USERS_WRITE))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	memset(&e, 0, sizeof(e));
	e.id = id;
	e.full_name = cur->a.full_name;
	e.role = (int)cur->a.role;
	e.scope = (int)cur->a.scope;
	e.agency_id = cur->a.agency_id;
	e.team_id = cur->a.team_id;
	e.active = 0;
	e.version = cur->a.version;
	return user_update(s, &e);
}

static enum svc_rc
lang_tx(struct svc *s, void *arg)
{
	int lang = *(int *)arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(s->actor->id),
	    sp_text(lang_code((enum lang)lang)) };

	if ((rc = store_exec(s->st, Q_USER_SET_LANG, p, 2, NULL, NULL, NULL)) !=
	    STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, "user.language", "user",
	    s->actor->id, lang_code((enum lang)lang))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
user_set_lang(struct svc *s, int lang)
{
	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (lang < 0 || lang >= LANG__MAX)
		return svc_fail(s, SVC_INVALID, "lang", "error.field.invalid");
	return svc_tx(s, lang_tx, &lang);
}
