/*
 * test_users.c — user accounts, agencies and child population as services
 * (src/svc/user.c, agency.c, reference.c): the rules, the scope of a
 * municipal administrator, versions, and what each write leaves behind.
 */
#include "testutil.h"
#include "fixture.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani;		/* QPS-HANI, XK09 */
	int64_t		 team;		/* its team */
	int64_t		 pris;		/* QPS-PRISHTINE, XK13 */
	int64_t		 pris_team;
	int64_t		 tirana;	/* NJMF-TIRANE, AL53 */
	int64_t		 ministry;	/* MPMS-XK, country-wide */
	int64_t		 admin_id;	/* municipal admin of Hani i Elezit */
	struct actor	*admin;
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
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->team = fx_team(f, c->hani, "Ekipi 1");
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->pris_team = fx_team(f, c->pris, "Ekipi 1");
	c->tirana = fx_agency(f, "NJMF-TIRANE", AGENCY_SOCIAL_WORK, "AL53", NULL);
	c->ministry = fx_agency(f, "MPMS-XK", AGENCY_MINISTRY, NULL, "XK");
	c->admin_id = fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	if (!c->hani || !c->team || !c->pris || !c->pris_team || !c->tirana ||
	    !c->ministry || !c->admin_id)
		return -1;
	c->admin = fx_actor(f, c->admin_id);
	if (c->admin == NULL || c->admin->municipality_id != fx_muni(f, "XK09"))
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

static struct user_new
nu(const char *username, enum role r, int64_t agency)
{
	struct user_new u;

	memset(&u, 0, sizeof(u));
	u.username = username;
	u.full_name = "Arta Berisha";
	u.password = FX_PASSWORD;
	u.role = (int)r;
	u.scope = -1;
	u.agency_id = agency;
	u.lang = LANG_SQ;
	return u;
}

/* Creates as actor a; the result code, with the error in *err. */
static enum svc_rc
create_as(struct ctx *c, const struct actor *a, const struct user_new *u,
    struct svc_err *err, int64_t *id)
{
	struct svc s = fx_svc(c->f, a);
	enum svc_rc rc;

	rc = user_create(&s, u, id);
	if (err != NULL)
		*err = s.err;
	return rc;
}

#define EXPECT_INVALID(c, a, u, fld, key) do {				\
	struct svc_err e_;						\
	assert_int_equal(create_as(c, a, u, &e_, NULL), SVC_INVALID);	\
	assert_string_equal(e_.field, fld);				\
	if (key != NULL)						\
		assert_string_equal(e_.msg, key);			\
} while (0)

static int64_t
users(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM user");
}

static void
test_create_ok(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->hani);
	struct svc s = fx_svc(c->f, c->admin);
	struct user_info *ui;
	int64_t id = 0;

	u.team_id = c->team;
	u.must_change = 1;
	assert_int_equal(create_as(c, c->admin, &u, NULL, &id), SVC_OK);
	assert_true(id > 0);
	assert_int_equal(user_get(&s, id, &ui), SVC_OK);
	assert_string_equal(ui->a.username, "arta");
	assert_int_equal(ui->a.role, ROLE_CASEWORKER);
	assert_int_equal(ui->a.scope, SCOPE_TEAM);	/* the role's default */
	assert_int_equal(ui->a.team_id, c->team);
	assert_int_equal(ui->a.must_change_pw, 1);
	assert_int_equal(ui->active, 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'user.create' AND actor = 'admin.hani' AND "
	    "detail = 'role=caseworker'"), 1);
}

static void
test_username_rules(void **state)
{
	static const char *const bad[] = {
		"", "ab", "Arta", "1arta", "_arta", ".arta", "-arta", "arta berisha",
		"arta@x", "artë", "arta\n", "arta/x", "abcdefghijklmnopqrstuvwxyz1234567",
	};
	static const char *const good[] = {
		"abc", "arta.berisha", "a_b-c.9", "abcdefghijklmnopqrstuvwxyz123456",
	};
	struct ctx *c = *state;
	struct user_new u;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		u = nu(bad[i], ROLE_CASEWORKER, c->hani);
		EXPECT_INVALID(c, &c->f->root, &u, "username",
		    "error.username.invalid");
		assert_false(user_name_valid(bad[i]));
	}
	u = nu(NULL, ROLE_CASEWORKER, c->hani);
	EXPECT_INVALID(c, &c->f->root, &u, "username", "error.username.invalid");
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(user_name_valid(good[i]));
	u = nu(good[3], ROLE_CASEWORKER, c->hani);
	assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL), SVC_OK);
}

static void
test_full_name_rules(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->hani);
	char b[512];
	int64_t before = users(c);
	size_t i;

	u.full_name = "";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = NULL;
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = "Arta\nBerisha";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = "Arta\tBerisha";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = "Arta\rBerisha";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = "Arta \xff";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	u.full_name = "Arta \x01";
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	/* 101 characters: too many; 100 two-byte characters: fine. */
	memset(b, 'a', 101);
	b[101] = '\0';
	u.full_name = b;
	EXPECT_INVALID(c, &c->f->root, &u, "full_name", NULL);
	assert_int_equal(users(c), before);
	for (i = 0; i < 100; i++)
		memcpy(b + 2 * i, "ë", 2);
	b[200] = '\0';
	u.full_name = b;
	assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL), SVC_OK);
}

static void
test_password_rules(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta.berisha.1", ROLE_CASEWORKER, c->hani);

	u.password = "short";
	EXPECT_INVALID(c, &c->f->root, &u, "password", "error.password.short");
	u.password = "arta.berisha.1";
	EXPECT_INVALID(c, &c->f->root, &u, "password", "error.password.username");
	u.password = NULL;
	EXPECT_INVALID(c, &c->f->root, &u, "password", "error.password.empty");
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM user WHERE "
	    "username = 'arta.berisha.1'"), 0);
}

static void
test_role_scope_lang_range(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->hani);

	u.role = ROLE__MAX;
	EXPECT_INVALID(c, &c->f->root, &u, "role", "error.field.invalid");
	u.role = -1;
	EXPECT_INVALID(c, &c->f->root, &u, "role", "error.field.invalid");
	u.role = ROLE_CASEWORKER;
	u.scope = SCOPE__MAX;
	EXPECT_INVALID(c, &c->f->root, &u, "scope", "error.field.invalid");
	u.scope = -1;
	u.lang = LANG__MAX;
	EXPECT_INVALID(c, &c->f->root, &u, "lang", "error.field.invalid");
	u.lang = -1;
	EXPECT_INVALID(c, &c->f->root, &u, "lang", "error.field.invalid");
}

/* A municipal administrator does not make sysadmins, auditors, analysts or
 * country-wide users. */
static void
test_grant_limits(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("newuser", ROLE_SYSADMIN, c->hani);

	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
	u.role = ROLE_AUDITOR;
	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
	u.role = ROLE_CENTRAL_ANALYST;
	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
	u.role = ROLE_CASEWORKER;
	u.scope = SCOPE_COUNTRY;
	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
	u.scope = SCOPE_AGGREGATE;
	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
	u.scope = SCOPE_MUNICIPALITY;
	assert_int_equal(create_as(c, c->admin, &u, NULL, NULL), SVC_OK);
}

/* Nobody but administrators creates users. */
static void
test_create_denied_roles(void **state)
{
	struct ctx *c = *state;
	int64_t sup = fx_user(c->f, "besim", ROLE_SUPERVISOR, c->hani, 0);
	struct user_new u = nu("newuser", ROLE_CASEWORKER, c->hani);

	assert_true(sup > 0);
	EXPECT_INVALID(c, fx_actor(c->f, sup), &u, "role", "error.role.grant");
	EXPECT_INVALID(c, NULL, &u, "role", "error.role.grant");
}

/* Every role but the system administrator needs an agency. */
static void
test_agency_required(void **state)
{
	struct ctx *c = *state;
	struct user_new u;
	int r;

	for (r = 0; r < ROLE__MAX; r++) {
		u = nu("noagency", (enum role)r, 0);
		if (r == ROLE_SYSADMIN) {
			assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL),
			    SVC_OK);
			continue;
		}
		/* A donor's user has no agency: their donor is required
		 * (test_grant.c). */
		if (r == ROLE_DONOR) {
			EXPECT_INVALID(c, &c->f->root, &u, "donor",
			    "error.field.required");
			continue;
		}
		EXPECT_INVALID(c, &c->f->root, &u, "agency",
		    "error.field.required");
	}
	/* A municipal administrator cannot make an agency-less sysadmin. */
	u = nu("noagency2", ROLE_SYSADMIN, 0);
	EXPECT_INVALID(c, c->admin, &u, "role", "error.role.grant");
}

static void
test_agency_unknown(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, 999999);

	EXPECT_INVALID(c, &c->f->root, &u, "agency", "error.field.invalid");
}

/* A municipal administrator places users only in their municipality. */
static void
test_agency_outside_scope(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->pris);

	EXPECT_INVALID(c, c->admin, &u, "agency", "error.field.invalid");
	u.agency_id = c->tirana;
	EXPECT_INVALID(c, c->admin, &u, "agency", "error.field.invalid");
	u.agency_id = c->ministry;
	EXPECT_INVALID(c, c->admin, &u, "agency", "error.field.invalid");
}

/* A country-wide agency takes country-wide users only. */
static void
test_country_agency_scope(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("analist", ROLE_CENTRAL_ANALYST, c->ministry);

	u.scope = SCOPE_MUNICIPALITY;
	EXPECT_INVALID(c, &c->f->root, &u, "scope", "error.scope.agency");
	u.scope = -1;	/* aggregate */
	assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL), SVC_OK);
}

/* The team must belong to the agency. */
static void
test_team_of_agency(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->hani);

	u.team_id = c->pris_team;
	EXPECT_INVALID(c, &c->f->root, &u, "team", "error.field.invalid");
	u.team_id = 999999;
	EXPECT_INVALID(c, &c->f->root, &u, "team", "error.field.invalid");
	u.team_id = c->team;
	assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL), SVC_OK);
}

static void
test_duplicate_username(void **state)
{
	struct ctx *c = *state;
	struct user_new u = nu("arta", ROLE_CASEWORKER, c->hani);
	int64_t before;

	assert_int_equal(create_as(c, &c->f->root, &u, NULL, NULL), SVC_OK);
	before = fx_raw_int(c->f, "SELECT count(*) FROM audit");
	EXPECT_INVALID(c, c->admin, &u, "username", "error.username.taken");
	/* Nothing of the failed attempt stays, not even its audit row. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"), before);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM user WHERE "
	    "username = 'arta'"), 1);
}

/* Users of another municipality do not exist for a municipal admin. */
static void
test_admin_scope_read(void **state)
{
	struct ctx *c = *state;
	int64_t other = fx_user(c->f, "pris.worker", ROLE_CASEWORKER, c->pris, 0);
	int64_t al = fx_user(c->f, "al.worker", ROLE_CASEWORKER, c->tirana, 0);
	int64_t min = fx_user(c->f, "analist", ROLE_CENTRAL_ANALYST, c->ministry, 0);
	int64_t mine = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, c->admin);
	struct user_info *ui;
	size_t n, i;

	assert_true(other && al && min && mine);
	assert_int_equal(user_get(&s, other, &ui), SVC_NOTFOUND);
	assert_int_equal(user_get(&s, al, &ui), SVC_NOTFOUND);
	assert_int_equal(user_get(&s, min, &ui), SVC_NOTFOUND);
	assert_int_equal(user_get(&s, 999999, &ui), SVC_NOTFOUND);
	/* A sysadmin without an agency is invisible too. */
	{
		int64_t sa = fx_user(c->f, "root2", ROLE_SYSADMIN, 0, 0);

		assert_true(sa > 0);
		assert_int_equal(user_get(&s, sa, &ui), SVC_NOTFOUND);
		assert_int_equal(user_by_name(&s, "root2", &ui), SVC_NOTFOUND);
	}
	assert_int_equal(user_by_name(&s, "pris.worker", &ui), SVC_NOTFOUND);
	assert_int_equal(user_get(&s, mine, &ui), SVC_OK);
	/* The list holds only their municipality. */
	assert_int_equal(user_list(&s, 0, 500, 0, &ui, &n), SVC_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_int_equal(ui[i].a.municipality_id, c->admin->municipality_id);
	/* Asking for another agency's users gives none. */
	assert_int_equal(user_list(&s, c->pris, 500, 0, &ui, &n), SVC_OK);
	assert_int_equal(n, 0);
}

/* ... and cannot be changed, reset or disabled by them. */
static void
test_admin_scope_write(void **state)
{
	struct ctx *c = *state;
	int64_t other = fx_user(c->f, "pris.worker", ROLE_CASEWORKER, c->pris, 0);
	struct svc s = fx_svc(c->f, c->admin);
	struct user_edit e;

	assert_true(other > 0);
	assert_int_equal(user_disable(&s, other), SVC_NOTFOUND);
	assert_int_equal(user_reset_password(&s, other, "Another pass 77"),
	    SVC_NOTFOUND);
	memset(&e, 0, sizeof(e));
	e.id = other;
	e.full_name = "x";
	e.role = ROLE_CASEWORKER;
	e.scope = SCOPE_TEAM;
	e.agency_id = c->hani;	/* "moving" them in */
	e.active = 1;
	e.version = 1;
	assert_int_equal(user_update(&s, &e), SVC_NOTFOUND);
	assert_int_equal(fx_raw_int(c->f, "SELECT active FROM user WHERE "
	    "username = 'pris.worker'"), 1);
}

static struct user_edit
edit_of(const struct user_info *ui)
{
	struct user_edit e;

	memset(&e, 0, sizeof(e));
	e.id = ui->a.id;
	e.full_name = ui->a.full_name;
	e.role = (int)ui->a.role;
	e.scope = (int)ui->a.scope;
	e.agency_id = ui->a.agency_id;
	e.team_id = ui->a.team_id;
	e.active = ui->active;
	e.version = ui->a.version;
	return e;
}

/*
 * Regression (reset_superior): a municipal administrator acts only on users
 * whose role and scope they could grant. A system administrator, auditor or
 * central analyst placed in an agency of the municipality is visible to
 * them, and resetting that user's password (then logging in with it) was a
 * way up to the installation's administration; editing could demote them.
 */
static void
test_admin_cannot_touch_superiors(void **state)
{
	static const enum role above[] = {
		ROLE_SYSADMIN, ROLE_AUDITOR, ROLE_CENTRAL_ANALYST,
	};
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct auth_session as;
	struct user_info *ui;
	struct user_edit e;
	char name[32];
	size_t i;
	int64_t id;

	for (i = 0; i < sizeof(above) / sizeof(above[0]); i++) {
		snprintf(name, sizeof(name), "boss%zu", i);
		id = fx_user(c->f, name, above[i], c->hani, 0);
		assert_true(id > 0);
		/* Visible: the same municipality. */
		s = fx_svc(c->f, c->admin);
		assert_int_equal(user_get(&s, id, &ui), SVC_OK);
		e = edit_of(ui);
		assert_int_equal(user_reset_password(&s, id, "Taken over 12345"),
		    SVC_DENIED);
		assert_int_equal(user_disable(&s, id), SVC_DENIED);
		e.role = ROLE_CASEWORKER;
		e.scope = SCOPE_TEAM;
		assert_int_equal(user_update(&s, &e), SVC_DENIED);
		e = edit_of(ui);
		e.full_name = "Renamed";
		assert_int_equal(user_update(&s, &e), SVC_DENIED);
		/* Nothing changed: the old password still works. */
		s = fx_svc(c->f, NULL);
		assert_int_equal(auth_login(&s, name, "Taken over 12345", &as),
		    SVC_DENIED);
		assert_int_equal(auth_login(&s, name, FX_PASSWORD, &as), SVC_OK);
	}
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM user WHERE "
	    "username LIKE 'boss%' AND role IN ('sysadmin', 'auditor', "
	    "'central_analyst') AND active = 1 AND must_change_pw = 0 AND "
	    "full_name LIKE 'boss%'"), 3);
	/* A peer municipal administrator of the municipality is fine. */
	id = fx_user(c->f, "admin.hani2", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(user_reset_password(&s, id, "Temporary pass 1"), SVC_OK);
	/* The system administrator may do all of it. */
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(user_reset_password(&s, fx_user(c->f, "boss9",
	    ROLE_SYSADMIN, c->hani, 0), "Temporary pass 1"), SVC_OK);
}

/* Roles without the permission: no list. */
static void
test_list_denied(void **state)
{
	struct ctx *c = *state;
	int64_t cw = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	int64_t au = fx_user(c->f, "auditor", ROLE_AUDITOR, c->ministry, 0);
	struct svc s = fx_svc(c->f, fx_actor(c->f, cw));
	struct user_info *ui;
	size_t n;

	assert_int_equal(user_list(&s, 0, 10, 0, &ui, &n), SVC_DENIED);
	s = fx_svc(c->f, fx_actor(c->f, au));
	assert_int_equal(user_list(&s, 0, 10, 0, &ui, &n), SVC_DENIED);
	assert_int_equal(user_get(&s, cw, &ui), SVC_NOTFOUND);
	s = fx_svc(c->f, NULL);
	assert_int_equal(user_list(&s, 0, 10, 0, &ui, &n), SVC_DENIED);
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(user_list(&s, 0, 0, 0, &ui, &n), SVC_INVALID);
	assert_int_equal(user_list(&s, 0, 501, 0, &ui, &n), SVC_INVALID);
	assert_int_equal(user_list(&s, 0, 10, -1, &ui, &n), SVC_INVALID);
}

/* Two editors: the second one's save is a conflict. */
static void
test_update_version_conflict(void **state)
{
	struct ctx *c = *state;
	int64_t id = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, c->admin);
	struct user_info *ui;
	struct user_edit one, two;

	assert_int_equal(user_get(&s, id, &ui), SVC_OK);
	one = two = edit_of(ui);
	one.full_name = "Arta B.";
	two.full_name = "Arta Berisha-Gashi";
	assert_int_equal(user_update(&s, &one), SVC_OK);
	assert_int_equal(user_update(&s, &two), SVC_CONFLICT);
	assert_int_equal(user_get(&s, id, &ui), SVC_OK);
	assert_string_equal(ui->a.full_name, "Arta B.");
	assert_int_equal(ui->a.version, one.version + 1);
	/* An old version number from long ago too. */
	two.version = 0;
	assert_int_equal(user_update(&s, &two), SVC_CONFLICT);
}

/* The update obeys the creation rules too. */
static void
test_update_rules(void **state)
{
	struct ctx *c = *state;
	int64_t id = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, c->admin);
	struct user_info *ui;
	struct user_edit e;

	assert_int_equal(user_get(&s, id, &ui), SVC_OK);
	e = edit_of(ui);
	e.role = ROLE_SYSADMIN;
	assert_int_equal(user_update(&s, &e), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.role.grant");
	e = edit_of(ui);
	e.agency_id = c->pris;	/* out of their municipality */
	assert_int_equal(user_update(&s, &e), SVC_INVALID);
	assert_string_equal(s.err.field, "agency");
	e = edit_of(ui);
	e.team_id = c->pris_team;
	assert_int_equal(user_update(&s, &e), SVC_INVALID);
	assert_string_equal(s.err.field, "team");
	e = edit_of(ui);
	e.full_name = "";
	assert_int_equal(user_update(&s, &e), SVC_INVALID);
	assert_string_equal(s.err.field, "full_name");
	e = edit_of(ui);
	e.id = 999999;
	assert_int_equal(user_update(&s, &e), SVC_NOTFOUND);
}

/* Nobody disables themselves or changes their own role. */
static void
test_cannot_disable_self(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct user_info *ui;
	struct user_edit e;

	assert_int_equal(user_disable(&s, c->admin_id), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.user.self");
	assert_int_equal(user_get(&s, c->admin_id, &ui), SVC_OK);
	e = edit_of(ui);
	e.role = ROLE_CASEWORKER;
	assert_int_equal(user_update(&s, &e), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.user.self");
	assert_int_equal(fx_raw_int(c->f, "SELECT active FROM user WHERE "
	    "username = 'admin.hani'"), 1);
}

/* Disabling ends sessions and revokes tokens. */
static void
test_disable(void **state)
{
	struct ctx *c = *state;
	int64_t id = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	char tok[AUTH_TOKEN_LEN];
	int64_t tid;

	assert_int_equal(auth_login(&s, "arta", FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(auth_token_login(&s, "arta", FX_PASSWORD, "x", tok,
	    &tid), SVC_OK);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(user_disable(&s, id), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM api_token "
	    "WHERE revoked_at = 0"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT active FROM user WHERE "
	    "username = 'arta'"), 0);
	assert_int_equal(user_disable(&s, 999999), SVC_NOTFOUND);
}

/* A reset password must be changed, and ends the user's sessions and API
 * tokens. */
static void
test_reset_password(void **state)
{
	struct ctx *c = *state;
	int64_t id = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	struct actor *a;
	char tok[AUTH_TOKEN_LEN];
	int64_t tid;

	assert_int_equal(auth_login(&s, "arta", FX_PASSWORD, &as), SVC_OK);
	assert_int_equal(auth_token_login(&s, "arta", FX_PASSWORD, "x", tok,
	    &tid), SVC_OK);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(user_reset_password(&s, id, "short"), SVC_INVALID);
	assert_string_equal(s.err.field, "password");
	assert_int_equal(user_reset_password(&s, id, "arta"), SVC_INVALID);
	assert_int_equal(user_reset_password(&s, id, "Temporary pass 1"),
	    SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT must_change_pw FROM user "
	    "WHERE username = 'arta'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM session"), 0);
	s = fx_svc(c->f, NULL);
	assert_int_equal(auth_bearer(&s, tok, &a), SVC_NOTFOUND);
	assert_int_equal(auth_login(&s, "arta", FX_PASSWORD, &as), SVC_DENIED);
	assert_int_equal(auth_login(&s, "arta", "Temporary pass 1", &as), SVC_OK);
	assert_int_equal(user_reset_password(&s, 999999, "Temporary pass 1"),
	    SVC_NOTFOUND);
}

/* A reset clears a lockout. */
static void
test_reset_clears_lock(void **state)
{
	struct ctx *c = *state;
	int64_t id = fx_user(c->f, "arta", ROLE_CASEWORKER, c->hani, 0);
	struct svc s = fx_svc(c->f, NULL);
	struct auth_session as;
	int i;

	for (i = 0; i < 5; i++)
		auth_login(&s, "arta", "wrong password!!", &as);
	assert_int_equal(auth_login(&s, "arta", FX_PASSWORD, &as), SVC_LOCKED);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(user_reset_password(&s, id, "Temporary pass 1"), SVC_OK);
	s = fx_svc(c->f, NULL);
	assert_int_equal(auth_login(&s, "arta", "Temporary pass 1", &as), SVC_OK);
}

static void
test_set_lang(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);

	assert_int_equal(user_set_lang(&s, LANG_EN), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT lang = 'en' FROM user WHERE "
	    "username = 'admin.hani'"), 1);
	assert_int_equal(user_set_lang(&s, LANG__MAX), SVC_INVALID);
	assert_int_equal(user_set_lang(&s, -1), SVC_INVALID);
	s = fx_svc(c->f, NULL);
	assert_int_equal(user_set_lang(&s, LANG_EN), SVC_DENIED);
}

/* --- agencies --- */

static enum svc_rc
agency_as(struct ctx *c, const struct actor *a, const char *code, int type,
    const char *muni, const char *country, struct svc_err *err)
{
	struct svc s = fx_svc(c->f, a);
	enum svc_rc rc;

	rc = agency_create(&s, code, "Agjencia", type, muni ? fx_muni(c->f,
	    muni) : 0, country, NULL);
	if (err)
		*err = s.err;
	return rc;
}

static void
test_agency_code_rules(void **state)
{
	static const char *const bad[] = {
		"", "A", "qps-hani", "QPS HANI", "QPS_HANI", "QPS.HANI",
		"ABCDEFGHIJKLMNOPQ", "QPS-HANË", "QPS\nX",
	};
	struct ctx *c = *state;
	struct svc_err e;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(agency_as(c, &c->f->root, bad[i],
		    AGENCY_POLICE, "XK09", NULL, &e), SVC_INVALID);
		assert_string_equal(e.field, "code");
		assert_false(agency_code_valid(bad[i]));
	}
	assert_false(agency_code_valid(NULL));
	assert_true(agency_code_valid("AB"));
	assert_true(agency_code_valid("ABCDEFGHIJKLMNOP"));
	assert_int_equal(agency_as(c, &c->f->root, "POL-HANI", AGENCY_POLICE,
	    "XK09", NULL, NULL), SVC_OK);
	/* Taken. */
	assert_int_equal(agency_as(c, &c->f->root, "POL-HANI", AGENCY_POLICE,
	    "XK09", NULL, &e), SVC_INVALID);
	assert_string_equal(e.msg, "error.code.taken");
}

static void
test_agency_name_and_type(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, &c->f->root);
	char b[200];

	assert_int_equal(agency_create(&s, "X1", "", AGENCY_POLICE,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "name");
	memset(b, 'a', 121);
	b[121] = '\0';
	assert_int_equal(agency_create(&s, "X1", b, AGENCY_POLICE,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_int_equal(agency_create(&s, "X1", "a\nb", AGENCY_POLICE,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_int_equal(agency_create(&s, "X1", "a\rb", AGENCY_POLICE,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_int_equal(agency_create(&s, "X1", "Stacioni", AGENCY__MAX,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "type");
	assert_int_equal(agency_create(&s, "X1", "Stacioni", -1,
	    fx_muni(c->f, "XK09"), NULL, NULL), SVC_INVALID);
	assert_int_equal(agency_create(&s, "X1", "Stacioni", AGENCY_POLICE,
	    999999, NULL, NULL), SVC_INVALID);
	assert_string_equal(s.err.field, "municipality");
	assert_int_equal(agency_type_parse("bakery"), -1);
	assert_int_equal(agency_type_parse(NULL), -1);
	assert_string_equal(agency_type_name(AGENCY__MAX), "?");
	assert_int_equal(agency_type_parse(agency_type_name(AGENCY_SCHOOL)),
	    AGENCY_SCHOOL);
}

/* A country-wide agency needs a country; only a sysadmin makes one. */
static void
test_agency_country_wide(void **state)
{
	struct ctx *c = *state;
	struct svc_err e;

	assert_int_equal(agency_as(c, &c->f->root, "ASHDMF", AGENCY_MINISTRY,
	    NULL, NULL, &e), SVC_INVALID);
	assert_string_equal(e.field, "municipality");
	assert_int_equal(agency_as(c, &c->f->root, "ASHDMF", AGENCY_MINISTRY,
	    NULL, "RS", &e), SVC_INVALID);
	assert_int_equal(agency_as(c, &c->f->root, "ASHDMF", AGENCY_MINISTRY,
	    NULL, "al", &e), SVC_INVALID);
	assert_int_equal(agency_as(c, c->admin, "ASHDMF", AGENCY_MINISTRY,
	    NULL, "XK", &e), SVC_INVALID);
	assert_int_equal(agency_as(c, &c->f->root, "ASHDMF", AGENCY_MINISTRY,
	    NULL, "AL", &e), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM agency WHERE "
	    "code = 'ASHDMF' AND country = 'AL' AND municipality_id IS NULL"), 1);
}

/* A municipal administrator makes agencies in their municipality only; the
 * country always comes from the municipality. */
static void
test_agency_admin_scope(void **state)
{
	struct ctx *c = *state;
	struct svc_err e;

	assert_int_equal(agency_as(c, c->admin, "POL-PRISHTINE", AGENCY_POLICE,
	    "XK13", NULL, &e), SVC_INVALID);
	assert_string_equal(e.field, "municipality");
	assert_int_equal(agency_as(c, c->admin, "POL-TIRANE", AGENCY_POLICE,
	    "AL53", NULL, &e), SVC_INVALID);
	assert_int_equal(agency_as(c, c->admin, "POL-HANI", AGENCY_POLICE,
	    "XK09", "AL", NULL), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM agency WHERE "
	    "code = 'POL-HANI' AND country = 'XK'"), 1);
	/* Roles without the permission. */
	{
		int64_t sup = fx_user(c->f, "besim", ROLE_SUPERVISOR, c->hani, 0);

		assert_int_equal(agency_as(c, fx_actor(c->f, sup), "SCH-HANI",
		    AGENCY_SCHOOL, "XK09", NULL, NULL), SVC_INVALID);
		assert_int_equal(agency_as(c, NULL, "SCH-HANI", AGENCY_SCHOOL,
		    "XK09", NULL, NULL), SVC_INVALID);
	}
}

static void
test_agency_read_update_scope(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct agency_info *g, *l;
	size_t n, i;
	int64_t tid;

	assert_int_equal(agency_get(&s, c->pris, &g), SVC_NOTFOUND);
	assert_int_equal(agency_get(&s, c->ministry, &g), SVC_NOTFOUND);
	assert_int_equal(agency_get(&s, c->hani, &g), SVC_OK);
	assert_int_equal(agency_update(&s, c->pris, "x", AGENCY_POLICE, 1),
	    SVC_NOTFOUND);
	assert_int_equal(team_create(&s, c->pris, "Ekipi 2", &tid), SVC_NOTFOUND);
	assert_int_equal(agency_update(&s, c->hani, "", AGENCY_POLICE, 1),
	    SVC_INVALID);
	assert_int_equal(agency_update(&s, c->hani, "QPS", AGENCY__MAX, 1),
	    SVC_INVALID);
	assert_int_equal(agency_update(&s, c->hani, "QPS Hani", AGENCY_SOCIAL_WORK,
	    1), SVC_OK);
	assert_int_equal(agency_update(&s, 999999, "x", AGENCY_POLICE, 1),
	    SVC_NOTFOUND);
	/* Teams: unique name per agency. */
	assert_int_equal(team_create(&s, c->hani, "Ekipi 1", &tid), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.team.taken");
	assert_int_equal(team_create(&s, c->hani, "", &tid), SVC_INVALID);
	assert_int_equal(agency_list(&s, &l, &n), SVC_OK);
	assert_int_equal(n, 1);
	for (i = 0; i < n; i++)
		assert_int_equal(l[i].municipality_id, c->admin->municipality_id);
}

/* --- child population --- */

static enum svc_rc
pop_as(struct ctx *c, const struct actor *a, const char *muni, int year,
    int64_t children, const char *source, struct svc_err *err)
{
	struct svc s = fx_svc(c->f, a);
	enum svc_rc rc;

	rc = population_set(&s, muni ? fx_muni(c->f, muni) : 424242, year,
	    children, 0, source);
	if (err)
		*err = s.err;
	return rc;
}

static void
test_population_ranges(void **state)
{
	struct ctx *c = *state;
	struct svc_err e;
	char b[500];

	assert_int_equal(pop_as(c, c->admin, "XK09", 1989, 100, NULL, &e),
	    SVC_INVALID);
	assert_string_equal(e.field, "year");
	assert_int_equal(pop_as(c, c->admin, "XK09", 2101, 100, NULL, &e),
	    SVC_INVALID);
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, -1, NULL, &e),
	    SVC_INVALID);
	assert_string_equal(e.field, "children");
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 2000001, NULL, &e),
	    SVC_INVALID);
	memset(b, 'a', 101);
	b[101] = '\0';
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 5, b, &e),
	    SVC_INVALID);
	assert_string_equal(e.field, "source");
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 5, "x\xff", &e),
	    SVC_INVALID);
	assert_int_equal(pop_as(c, c->admin, NULL, 2026, 5, NULL, &e),
	    SVC_INVALID);
	assert_string_equal(e.field, "municipality");
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM "
	    "child_population"), 0);
	/* The edges are fine. */
	assert_int_equal(pop_as(c, c->admin, "XK09", 1990, 0, "", NULL), SVC_OK);
	assert_int_equal(pop_as(c, c->admin, "XK09", 2100, 2000000, NULL, NULL),
	    SVC_OK);
}

static void
test_population_scope(void **state)
{
	struct ctx *c = *state;
	int64_t sup = fx_user(c->f, "besim", ROLE_SUPERVISOR, c->hani, 0);
	int64_t an = fx_user(c->f, "analist", ROLE_CENTRAL_ANALYST, c->ministry, 0);
	struct svc s;
	struct population_row *rows;
	size_t n;

	assert_int_equal(pop_as(c, c->admin, "XK13", 2026, 5, NULL, NULL),
	    SVC_NOTFOUND);
	assert_int_equal(pop_as(c, c->admin, "AL53", 2026, 5, NULL, NULL),
	    SVC_NOTFOUND);
	assert_int_equal(pop_as(c, fx_actor(c->f, sup), "XK09", 2026, 5, NULL,
	    NULL), SVC_NOTFOUND);
	assert_int_equal(pop_as(c, fx_actor(c->f, an), "XK09", 2026, 5, NULL,
	    NULL), SVC_NOTFOUND);
	assert_int_equal(pop_as(c, NULL, "XK09", 2026, 5, NULL, NULL),
	    SVC_NOTFOUND);
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 5, "vlerësim", NULL),
	    SVC_OK);
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 6, NULL, NULL),
	    SVC_OK);	/* replaces */
	assert_int_equal(fx_raw_int(c->f, "SELECT children FROM "
	    "child_population"), 6);
	/* Reading: the admin sees their municipality; the analyst (country
	 * XK, aggregate) all of Kosovo's 38. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(population_list(&s, 2026, &rows, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].children, 6);
	s = fx_svc(c->f, fx_actor(c->f, an));
	assert_int_equal(population_list(&s, 2026, &rows, &n), SVC_OK);
	assert_int_equal(n, 38);
	assert_int_equal(population_list(&s, 1900, &rows, &n), SVC_INVALID);
	s = fx_svc(c->f, NULL);
	assert_int_equal(population_list(&s, 2026, &rows, &n), SVC_DENIED);
}

/* The administrator's home page counts both in one statement; it must agree
 * with population_missing() and agency_count(), its specification. */
static void
admin_home_agrees(struct ctx *c, struct actor *a, int64_t want_missing)
{
	struct svc s = fx_svc(c->f, a);
	int64_t m1 = -1, ag1 = -1, u1 = -1, m2 = -1, ag2 = -1, u2 = -1;

	assert_int_equal(admin_home_counts(&s, 2026, &m1, &ag1, &u1), SVC_OK);
	s = fx_svc(c->f, a);
	assert_int_equal(population_missing(&s, 2026, &m2), SVC_OK);
	s = fx_svc(c->f, a);
	assert_int_equal(agency_count(&s, &ag2, &u2), SVC_OK);
	assert_int_equal(m1, m2);
	assert_int_equal(ag1, ag2);
	assert_int_equal(u1, u2);
	assert_int_equal(m1, want_missing);
}

static void
test_admin_home_counts(void **state)
{
	struct ctx *c = *state;
	int64_t sys = fx_user(c->f, "sys.admin", ROLE_SYSADMIN, 0, 0);
	int64_t gkk = fx_user(c->f, "gkk.member", ROLE_COMMUNITY_MEMBER,
	    c->hani, 0);
	int64_t m = 0, ag = 0, u = 0;
	struct svc s;

	/* Refusals: roles without both permissions, an impossible year. */
	s = fx_svc(c->f, fx_actor(c->f, gkk));
	assert_int_equal(admin_home_counts(&s, 2026, &m, &ag, &u), SVC_DENIED);
	s = fx_svc(c->f, NULL);
	assert_int_equal(admin_home_counts(&s, 2026, &m, &ag, &u), SVC_DENIED);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(admin_home_counts(&s, 1900, &m, &ag, &u),
	    SVC_INVALID);
	/* The municipal administrator: their one municipality. */
	admin_home_agrees(c, c->admin, 1);
	assert_int_equal(pop_as(c, c->admin, "XK09", 2026, 5, NULL, NULL),
	    SVC_OK);
	admin_home_agrees(c, c->admin, 0);
	/* The system administrator, when allowed both: every municipality. */
	{
		struct actor *a = fx_actor(c->f, sys);

		s = fx_svc(c->f, a);
		if (admin_home_counts(&s, 2026, &m, &ag, &u) == SVC_OK)
			admin_home_agrees(c, a, m);
		else
			assert_int_equal(s.err.msg != NULL, 1);
	}
}

/* A municipality a form names: one that does not exist is bad input naming
 * the field (400), never a 404 or a 500. */
static void
test_municipality_field(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct muni_info *m = NULL;

	assert_int_equal(ref_municipality_field(&s, fx_muni(c->f, "XK09"), &m,
	    "municipality"), SVC_OK);
	assert_non_null(m);
	assert_string_equal(m->country, "XK");
	assert_int_equal(ref_municipality_field(&s, 987654, &m,
	    "municipality"), SVC_INVALID);
	assert_string_equal(s.err.field, "municipality");
	assert_string_equal(s.err.msg, "error.field.invalid");
	assert_int_equal(ref_municipality_field(&s, -1, &m, "where"),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "where");
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_create_ok),
		T(test_username_rules),
		T(test_full_name_rules),
		T(test_password_rules),
		T(test_role_scope_lang_range),
		T(test_grant_limits),
		T(test_create_denied_roles),
		T(test_agency_required),
		T(test_agency_unknown),
		T(test_agency_outside_scope),
		T(test_country_agency_scope),
		T(test_team_of_agency),
		T(test_duplicate_username),
		T(test_admin_scope_read),
		T(test_admin_scope_write),
		T(test_admin_cannot_touch_superiors),
		T(test_list_denied),
		T(test_update_version_conflict),
		T(test_update_rules),
		T(test_cannot_disable_self),
		T(test_disable),
		T(test_reset_password),
		T(test_reset_clears_lock),
		T(test_set_lang),
		T(test_agency_code_rules),
		T(test_agency_name_and_type),
		T(test_agency_country_wide),
		T(test_agency_admin_scope),
		T(test_agency_read_update_scope),
		T(test_population_ranges),
		T(test_population_scope),
		T(test_admin_home_counts),
		T(test_municipality_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
