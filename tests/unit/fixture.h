/*
 * fixture.h — a fresh installation per test for the store, audit, auth,
 * users and dispatch suites (header-only, static helpers). fx_setup() makes a
 * temporary directory with an SQLite store in it, migrated, with the
 * reference data loaded and argon2id at its cheapest cost; fx_teardown()
 * closes it and removes the files. Helpers create agencies and users as the
 * command line would (a sysadmin actor), and give a struct svc for any actor.
 *
 * Use as cmocka group or per-test setup/teardown:
 *
 *	cmocka_unit_test_setup_teardown(test_x, fx_setup, fx_teardown)
 *
 * and get the fixture with `struct fx *f = *state;`.
 */
#ifndef RRJETI_FIXTURE_H
#define RRJETI_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "../../src/audit/audit.h"
#include "../../src/authz/authz.h"
#include "../../src/store/store.h"
#include "../../src/svc/agency.h"
#include "../../src/svc/auth.h"
#include "../../src/svc/reference.h"
#include "../../src/svc/svc.h"
#include "../../src/svc/user.h"
#include "../../src/util/arena.h"
#include "../../src/util/clock.h"
#include "../../src/util/log.h"

#define FX_PASSWORD	"Correct horse battery 7"

struct fx {
	char		 dir[256];
	char		 db[300];
	struct store	*st;
	struct arena	*a;
	struct actor	 root;	/* a sysadmin (id 0, like the command line) */
	int		 migrated_from, migrated_to;
};

/* The clock is shifted by tests; each test undoes its own shifts through
 * this so the next one starts at real time. */
static int64_t fx_shifted;

static inline void
fx_shift(int64_t s)
{
	clock_shift(s);
	fx_shifted += s;
}

static inline void
fx_auth_fast(void)
{
	struct auth_config c;

	memset(&c, 0, sizeof(c));
	c.idle = 30 * 60;
	c.absolute = 12 * 3600;
	c.token_life = 90 * 86400;
	c.max_hashes = 2;
	c.fast_hash = 1;
	c.cache_ms = 1000;	/* as served: the identity cache on */
	auth_init(&c);
}

static inline int
fx_setup(void **state)
{
	struct fx *f;
	char err[512];

	if (sodium_init() < 0)
		return -1;
	log_quiet(1);
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/rrjeti-test-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->db, sizeof(f->db), "%s/rrjeti.db", f->dir);
	if ((f->st = store_open(f->db, err, sizeof(err))) == NULL) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	if (store_migrate(f->st, &f->migrated_from, &f->migrated_to, err,
	    sizeof(err)) != STORE_OK) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	if (ref_load(f->st, err, sizeof(err)) != 0) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	if ((f->a = arena_new(16 * 1024 * 1024)) == NULL)
		return -1;
	fx_auth_fast();
	f->root.id = 0;
	f->root.username = "root";
	f->root.full_name = "test";
	f->root.role = ROLE_SYSADMIN;
	f->root.scope = SCOPE_COUNTRY;
	f->root.agency_code = f->root.agency_name = f->root.team_name = "";
	f->root.client = "test";
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;
	struct dirent *de;
	char path[600];
	DIR *d;

	if (fx_shifted != 0) {
		clock_shift(-fx_shifted);
		fx_shifted = 0;
	}
	clock_freeze(0);
	if (f == NULL)
		return 0;
	store_close(f->st);
	arena_free(f->a);
	if ((d = opendir(f->dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", f->dir, de->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(f->dir);
	free(f);
	*state = NULL;
	return 0;
}

/* A service context for actor (NULL: not logged in), with cleared errors. */
static inline struct svc
fx_svc(struct fx *f, const struct actor *a)
{
	struct svc s;

	memset(&s, 0, sizeof(s));
	s.st = f->st;
	s.a = f->a;
	s.actor = a;
	return s;
}

/* The id of a municipality by code (XK09 Hani i Elezit, AL53 Tiranë...). */
static inline int64_t
fx_muni(struct fx *f, const char *code)
{
	struct svc s = fx_svc(f, &f->root);
	struct muni_info *m;

	if (ref_municipality_by_code(&s, code, &m) != SVC_OK)
		return 0;
	return m->id;
}

/* An agency made by the sysadmin; muni_code NULL makes it country-wide. */
static inline int64_t
fx_agency(struct fx *f, const char *code, int type, const char *muni_code,
    const char *country)
{
	struct svc s = fx_svc(f, &f->root);
	int64_t id = 0;

	if (agency_create(&s, code, code, type, muni_code ? fx_muni(f,
	    muni_code) : 0, country, &id) != SVC_OK)
		return 0;
	return id;
}

static inline int64_t
fx_team(struct fx *f, int64_t agency, const char *name)
{
	struct svc s = fx_svc(f, &f->root);
	int64_t id = 0;

	if (team_create(&s, agency, name, &id) != SVC_OK)
		return 0;
	return id;
}

/* A user made by the sysadmin with FX_PASSWORD; 0 on failure. */
static inline int64_t
fx_user(struct fx *f, const char *username, enum role role, int64_t agency,
    int64_t team)
{
	struct svc s = fx_svc(f, &f->root);
	struct user_new u;
	int64_t id = 0;

	memset(&u, 0, sizeof(u));
	u.username = username;
	u.full_name = username;
	u.password = FX_PASSWORD;
	u.role = (int)role;
	u.scope = -1;
	u.agency_id = agency;
	u.team_id = team;
	u.lang = LANG_SQ;
	if (user_create(&s, &u, &id) != SVC_OK)
		return 0;
	return id;
}

/* The user as an actor (arena copy), as a session would give it. */
static inline struct actor *
fx_actor(struct fx *f, int64_t id)
{
	struct svc s = fx_svc(f, &f->root);
	struct user_info *u;

	if (user_get(&s, id, &u) != SVC_OK)
		return NULL;
	u->a.client = "test";
	return &u->a;
}

/* A raw SQLite connection to the test database (as someone with access to
 * the file would have). */
static inline sqlite3 *
fx_raw(struct fx *f)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(f->db, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* One integer from a raw SQL query (-1 on error). */
static inline int64_t
fx_raw_int(struct fx *f, const char *sql)
{
	sqlite3 *db = fx_raw(f);
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	if (db == NULL)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Runs raw SQL; the SQLite result code. */
static inline int
fx_raw_exec(struct fx *f, const char *sql)
{
	sqlite3 *db = fx_raw(f);
	int rc;

	if (db == NULL)
		return SQLITE_CANTOPEN;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

#endif
