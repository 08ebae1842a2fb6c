/*
 * test_indicator_pg.c — the indicator suite of test_indicator.c on
 * PostgreSQL: the same file (each indicator against its hand-computed data
 * set, scope, suppression, the counters of 0017, 0021 and 0026 against a
 * recount, and 240 random writes through the services and around them with
 * a recount every 20 and `indicators check`), with its installation on the
 * server named by RRJETI_TEST_PG (sh scripts/pg.sh run ...) instead of an
 * SQLite file. Its raw SQL, written for SQLite, is translated as the store
 * translates its queries (sql_pgsql_translate()). Without RRJETI_TEST_PG
 * it says "skipped".
 */
#include "testutil.h"
#include "fixture.h"

#include <libpq-fe.h>

#include "../../src/store/sql_pgsql.h"

static int	pg_fx_setup(void **);
static int	pg_raw_exec(struct fx *, const char *);
static int64_t	pg_raw_int(struct fx *, const char *);

#define fx_setup	pg_fx_setup
#define fx_raw_exec	pg_raw_exec
#define fx_raw_int	pg_raw_int
#define main		indicator_main
#include "test_indicator.c"
#undef main
#undef fx_setup
#undef fx_raw_exec
#undef fx_raw_int

static const char *pg_url;
static PGconn *pg_raw;		/* the raw connection, kept */

/* A clean database: the public schema dropped and made again. */
static int
pg_reset(void)
{
	PGresult *r;
	int ok;

	if (pg_raw == NULL || PQstatus(pg_raw) != CONNECTION_OK) {
		PQfinish(pg_raw);
		pg_raw = PQconnectdb(pg_url);
		if (PQstatus(pg_raw) != CONNECTION_OK) {
			fprintf(stderr, "%s", PQerrorMessage(pg_raw));
			return -1;
		}
	}
	r = PQexec(pg_raw, "SET client_min_messages = warning;"
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "%s", PQerrorMessage(pg_raw));
	PQclear(r);
	return ok ? 0 : -1;
}

/* fx_setup() with the store on the server instead of its SQLite file. */
static int
pg_fx_setup(void **state)
{
	struct fx *f;
	PGresult *r;
	char err[512] = "";

	if (pg_reset() != 0 || fx_setup(state) != 0)
		return -1;
	f = *state;
	store_close(f->st);
	if ((f->st = store_open(pg_url, err, sizeof(err))) == NULL ||
	    store_migrate(f->st, &f->migrated_from, &f->migrated_to, err,
	    sizeof(err)) != STORE_OK || ref_load(f->st, err, sizeof(err)) !=
	    0) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	/* As SQLite's raw connection: triggers run, foreign keys are not
	 * checked (the data set's referrals have no consent record, a case
	 * with a transfer is deleted). The raw connection is a replica
	 * session, which skips the foreign keys' triggers; every trigger of
	 * the schema fires there too. */
	if (PQresultStatus(r = PQexec(pg_raw, "DO $$ DECLARE t record; BEGIN"
	    " FOR t IN SELECT tgrelid::regclass AS rel, tgname FROM pg_trigger"
	    " WHERE NOT tgisinternal LOOP EXECUTE format('ALTER TABLE %s"
	    " ENABLE ALWAYS TRIGGER %I', t.rel, t.tgname); END LOOP; END $$;"
	    "SET session_replication_role = replica")) != PGRES_COMMAND_OK) {
		fprintf(stderr, "%s", PQerrorMessage(pg_raw));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

/*
 * The SQLite text of a raw statement as PostgreSQL text: translated, and
 * the conflict target SQLite lets an upsert leave out (only deadline's is
 * left out here) put in, and tomorrow at this time in Unix seconds
 * written out.
 */
static char *
pg_text(struct fx *f, const char *sql)
{
	static const char up[] = " ON CONFLICT DO UPDATE";
	static const char now1[] = "strftime('%s', 'now', '+1 day')";
	const char *p;
	char *out;

	if (strncmp(sql, "INSERT INTO deadline", 20) == 0 &&
	    (p = strstr(sql, up)) != NULL)
		sql = arena_printf(f->a, "%.*s ON CONFLICT (case_id, step)"
		    " DO UPDATE%s", (int)(p - sql), sql, p + sizeof(up) - 1);
	/* strftime() with modifiers after 'now' is not among 0001's. */
	while ((p = strstr(sql, now1)) != NULL)
		sql = arena_printf(f->a, "%.*s(CAST(strftime('%%s', 'now') AS"
		    " INTEGER) + 86400)%s", (int)(p - sql), sql,
		    p + sizeof(now1) - 1);
	if ((out = sql_pgsql_translate(sql, NULL)) == NULL)
		fail_msg("does not translate: %s", sql);
	return out;
}

static PGresult *
pg_run(struct fx *f, const char *sql)
{
	PGresult *r;
	char *t = pg_text(f, sql);

	r = PQexec(pg_raw, t);
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		fprintf(stderr, "%s\n%s", t, PQerrorMessage(pg_raw));
	free(t);
	return r;
}

/* fx_raw_exec(): SQLITE_OK or SQLITE_ERROR. */
static int
pg_raw_exec(struct fx *f, const char *sql)
{
	PGresult *r = pg_run(f, sql);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK ? SQLITE_OK : SQLITE_ERROR;

	PQclear(r);
	return rc;
}

/* fx_raw_int(): the first column of the first row; -1 on error (and 0
 * for NULL, as sqlite3_column_int64() gives). */
static int64_t
pg_raw_int(struct fx *f, const char *sql)
{
	PGresult *r = pg_run(f, sql);
	int64_t v = -1;

	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) >= 1)
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return v;
}

int
main(void)
{
	int rc;

	if ((pg_url = getenv("RRJETI_TEST_PG")) == NULL || *pg_url == '\0') {
		printf("skipped: the indicators on PostgreSQL (RRJETI_TEST_PG is"
		    " not set; scripts/pg.sh run sets it)\n");
		return 0;
	}
	rc = indicator_main();
	PQfinish(pg_raw);
	return rc;
}
