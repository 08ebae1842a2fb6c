/*
 * migrate_store.c — rrjeti migrate-store: an SQLite installation copied
 * into PostgreSQL (cli layer).
 *
 * Checks before anything is written: the installation's database is SQLite
 * and at the schema version of this binary, its audit chain is intact, the
 * target URL is a reachable PostgreSQL database, migrated here to the same
 * version and empty. Then store_copy() (store/store_copy.c) copies every
 * table in one transaction; after it, the row counts are compared again
 * through a new connection and the target's audit chain verified as
 * `rrjeti audit verify` does; when either fails the copy is removed. The
 * files of the data directory (rrjeti.conf, reports/) stay where they are:
 * the summary says what the operator copies.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../app/app.h"
#include "../audit/audit.h"
#include "../store/store.h"
#include "../store/store_copy.h"
#include "cli.h"

static int
usage(int status)
{
	printf("usage: rrjeti migrate-store --data DIR --to postgresql://... "
	    "[--quiet]\n\n"
	    "Copies the SQLite database of the installation in DIR into an\n"
	    "empty PostgreSQL database (created, and migrated here if it is\n"
	    "not yet): every table, ids kept, in one transaction, so on any\n"
	    "error nothing is left in the target. Then compares the row\n"
	    "counts table by table and verifies the audit chain there.\n"
	    "The installation itself is not changed; DIR's files (rrjeti.conf,\n"
	    "reports/) are not copied: the summary says what to copy.\n"
	    "--quiet: the summary only, not each table.\n");
	return status;
}

static int
is_pg(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0;
}

static void
progress(void *arg, const struct copy_table *t)
{
	int *quiet = arg;

	if (!*quiet)
		printf("  %-32s %10lld rows\n", t->name, (long long)t->rows);
}

static double
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The source's checks: SQLite, at this binary's version, chain intact. */
static int
check_source(struct app_config *cfg, int *version, int64_t *audit_rows)
{
	struct audit_check ac;
	struct store *st;
	char err[512];
	int cur, latest, r;

	if (is_pg(cfg->database)) {
		fprintf(stderr, "rrjeti: migrate-store: %s already uses "
		    "PostgreSQL (database = %s)\n", cfg->data_dir,
		    cfg->database);
		return -1;
	}
	/* Opening would make an empty file: not in the source. */
	if (access(cfg->database, R_OK) != 0) {
		fprintf(stderr, "rrjeti: migrate-store: %s has no Rrjeti "
		    "database (%s: %s)\n", cfg->data_dir, cfg->database,
		    strerror(errno));
		return -1;
	}
	if ((st = store_open(cfg->database, err, sizeof(err))) == NULL) {
		fprintf(stderr, "rrjeti: migrate-store: %s\n", err);
		return -1;
	}
	if (store_schema_version(st, &cur, &latest) != STORE_OK || cur == 0) {
		fprintf(stderr, "rrjeti: migrate-store: %s has no Rrjeti "
		    "database\n", cfg->data_dir);
		store_close(st);
		return -1;
	}
	if (cur != latest) {
		fprintf(stderr, "rrjeti: migrate-store: the source schema is at "
		    "version %d and this rrjeti is at %d: %s\n", cur, latest,
		    cur < latest ? "run rrjeti migrate --data DIR first" :
		    "use the rrjeti that wrote it");
		store_close(st);
		return -1;
	}
	r = audit_verify(st, &ac);
	store_close(st);
	if (r != 0) {
		if (r < 0)
			fprintf(stderr, "rrjeti: migrate-store: cannot read the "
			    "source's audit trail\n");
		else
			fprintf(stderr, "rrjeti: migrate-store: the source's "
			    "audit trail is BROKEN at row %lld (%s): nothing "
			    "copied\n", (long long)ac.bad_id, ac.reason);
		return -1;
	}
	*version = cur;
	*audit_rows = ac.rows;
	return 0;
}

/* The target's checks: reachable, migrated to version. */
static int
check_target(const char *url, int version)
{
	struct store *st;
	char err[512];
	int from, to, cur, latest;

	if (!is_pg(url)) {
		fprintf(stderr, "rrjeti: migrate-store: --to must be a "
		    "postgresql:// URL\n");
		return -1;
	}
	if ((st = store_open(url, err, sizeof(err))) == NULL) {
		fprintf(stderr, "rrjeti: migrate-store: %s\n", err);
		return -1;
	}
	if (store_migrate(st, &from, &to, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "rrjeti: migrate-store: migrating the target: "
		    "%s\n", err);
		store_close(st);
		return -1;
	}
	if (store_schema_version(st, &cur, &latest) != STORE_OK) {
		fprintf(stderr, "rrjeti: migrate-store: cannot read the "
		    "target's schema version\n");
		store_close(st);
		return -1;
	}
	store_close(st);
	if (from != to)
		printf("target schema migrated from version %d to %d\n", from,
		    to);
	if (cur != version) {
		fprintf(stderr, "rrjeti: migrate-store: the target schema is at "
		    "version %d, the source at %d\n", cur, version);
		return -1;
	}
	return 0;
}

/* The target's audit chain, as `rrjeti audit verify`: rows as the
 * source's. */
static int
check_chain(const char *url, int64_t rows, char *err, size_t errlen)
{
	struct audit_check ac;
	struct store *st;
	int r;

	if ((st = store_open(url, err, errlen)) == NULL)
		return -1;
	r = audit_verify(st, &ac);
	store_close(st);
	if (r < 0) {
		snprintf(err, errlen, "cannot read the target's audit trail");
		return -1;
	}
	if (r > 0) {
		snprintf(err, errlen, "the target's audit trail is BROKEN at "
		    "row %lld: %s", (long long)ac.bad_id, ac.reason);
		return -1;
	}
	if (ac.rows != rows) {
		snprintf(err, errlen, "the target's audit trail has %lld rows, "
		    "the source's %lld", (long long)ac.rows, (long long)rows);
		return -1;
	}
	return 0;
}

int
cli_migrate_store(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *url = cli_opt(argc, argv, "--to");
	struct app_config cfg;
	struct copy_report rep;
	struct timespec t0;
	char err[768], undo[512];
	int64_t audit_rows = 0;
	int version = 0, quiet = cli_flag(argc, argv, "--quiet");

	if (cli_wants_help(argc, argv))
		return usage(0);
	if (dir == NULL || url == NULL)
		return usage(2);
	if (sodium_init() < 0) {
		fprintf(stderr, "rrjeti: libsodium cannot start\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (app_config_load(&cfg, dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: %s\n", err);
		return 1;
	}
	if (check_source(&cfg, &version, &audit_rows) != 0 ||
	    check_target(url, version) != 0)
		return 1;
	if (!quiet)
		printf("copying %s (schema version %d) into PostgreSQL\n",
		    cfg.database, version);
	if (store_copy(cfg.database, url, progress, &quiet, &rep) != 0) {
		fprintf(stderr, "rrjeti: migrate-store: %s\nnothing was "
		    "copied: the target is as it was\n", rep.err);
		store_copy_free(&rep);
		return 1;
	}
	if (store_copy_verify(url, &rep, err, sizeof(err)) != 0 ||
	    check_chain(url, audit_rows, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: migrate-store: verification failed: "
		    "%s\n", err);
		if (store_copy_undo(url, &rep, undo, sizeof(undo)) != 0)
			fprintf(stderr, "rrjeti: migrate-store: the copy could "
			    "not be removed (%s): drop and create the database "
			    "again\n", undo);
		else
			fprintf(stderr, "the copy was removed: the target is "
			    "empty\n");
		store_copy_free(&rep);
		return 1;
	}
	printf("migrated: %zu tables, %lld rows in %.1f s; row counts equal "
	    "table by table; audit trail intact (%lld rows)\n", rep.n,
	    (long long)rep.rows, since(&t0), (long long)audit_rows);
	printf("next: set \"database = \" to the --to URL in %s/rrjeti.conf\n"
	    "(or RRJETI_DATABASE) on every node, and copy %s/rrjeti.conf\n"
	    "and %s/reports/ (the produced reports) to each node's data\n"
	    "directory; the SQLite file %s is left as it was.\n",
	    cfg.data_dir, cfg.data_dir, cfg.data_dir, cfg.database);
	store_copy_free(&rep);
	return 0;
}
