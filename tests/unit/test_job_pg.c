/*
 * test_job_pg.c — the jobs across nodes on PostgreSQL, on a real server
 * named by RRJETI_TEST_PG (scripts/pg.sh run starts a throw-away one;
 * without it every test says "skipped"): two nodes (two stores, two
 * connections, as two processes) contend for a lease, a renewal keeps it,
 * expiry hands it over and a node that crashed (no renewal) loses it; and a
 * running import's progress is written to its row through a second
 * connection while another connection holds the write transaction (as the
 * import does), without waiting for it, and is read back by a third.
 */
#include "testutil.h"

#include <stdio.h>
#include <time.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "../../src/store/store.h"
#include "../../src/svc/job.h"
#include "../../src/svc/svc.h"
#include "../../src/util/arena.h"
#include "../../src/util/log.h"

#define NODE_A	"alpha:1:0001"
#define NODE_B	"beta:2:0002"

static const char *url;

struct pf {
	struct store	*a, *b;		/* two nodes */
	struct arena	*ar;
	struct actor	 root;
};

/* A clean database: the public schema dropped and made again; then sql. */
static int
raw(const char *sql)
{
	PGconn *db = PQconnectdb(url);
	PGresult *r;
	int ok;

	if (PQstatus(db) != CONNECTION_OK) {
		fprintf(stderr, "%s", PQerrorMessage(db));
		PQfinish(db);
		return -1;
	}
	r = PQexec(db, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(db));
	PQclear(r);
	PQfinish(db);
	return ok ? 0 : -1;
}

static int
setup(void **state)
{
	struct pf *f;
	char err[512] = "";
	int from, to;

	*state = NULL;
	if (url == NULL)
		return 0;
	if (raw("SET client_min_messages = warning;"
	    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public") != 0 ||
	    (f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	if ((f->a = store_open(url, err, sizeof(err))) == NULL ||
	    store_migrate(f->a, &from, &to, err, sizeof(err)) != STORE_OK ||
	    (f->b = store_open(url, err, sizeof(err))) == NULL ||
	    (f->ar = arena_new(1u << 20)) == NULL) {
		fprintf(stderr, "setup: %s\n", err);
		return -1;
	}
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

static int
teardown(void **state)
{
	struct pf *f = *state;

	if (f != NULL) {
		store_close(f->a);
		store_close(f->b);
		arena_free(f->ar);
		free(f);
	}
	return 0;
}

static struct svc
node(struct pf *f, int second)
{
	struct svc s;

	memset(&s, 0, sizeof(s));
	s.st = second ? f->b : f->a;
	s.a = f->ar;
	s.actor = &f->root;
	return s;
}

static int
skipped(void **state)
{
	if (*state != NULL)
		return 0;
	skip();
	return 1;
}

static void
test_leases_contend_and_hand_over(void **state)
{
	struct pf *f = *state;
	struct svc a, b;
	char h[64];
	int64_t exp;
	int held;

	if (skipped(state))
		return;
	a = node(f, 0);
	b = node(f, 1);
	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1000, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 1);
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1030, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 0);
	/* A renews; B still waits. */
	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1045, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 1);
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1100, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 0);
	/* A crashed: no renewal after 1045; at 1105 B takes it over. */
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1105, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 1);
	assert_int_equal(job_lease_holder(&a, JOB_SCAN, h, sizeof(h), &exp),
	    SVC_OK);
	assert_string_equal(h, NODE_B);
	assert_int_equal(exp, 1165);
	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1106, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 0);
	/* Given back: A at once. */
	assert_int_equal(job_lease_free(&b, JOB_SCAN, NODE_B), SVC_OK);
	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1107, 60, &held),
	    SVC_OK);
	assert_int_equal(held, 1);
	/* A job the migration did not list. */
	assert_int_equal(job_lease_take(&b, "nightly", NODE_B, 1107, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
}

struct prog {
	int64_t	done, total, at;
	char	node[64];
};

static int
prog_cb(void *arg, const struct store_row *r)
{
	struct prog *p = arg;

	p->done = srow_int(r, 0);
	p->total = srow_int(r, 1);
	p->at = srow_int(r, 2);
	snprintf(p->node, sizeof(p->node), "%s", srow_text(r, 3));
	return 1;
}

static void
test_progress_written_while_a_write_runs(void **state)
{
	struct pf *f = *state;
	struct store *third;
	struct prog pr;
	struct sp p[5];
	struct timespec t0, t1;
	char err[256];
	double secs;
	int64_t n = 0;

	if (skipped(state))
		return;
	assert_int_equal(raw("INSERT INTO \"user\" (id, username, full_name,"
	    " role, scope, pw_hash, created_at, pw_changed_at) VALUES (500,"
	    " 'imp', 'Imp', 'sysadmin', 'country', 'x', 0, 0);"
	    "INSERT INTO import_job (id, user_id, kind, format, filename,"
	    " size, hash, status, created, updated, expires) VALUES (7, 500,"
	    " 'licences', 'csv', 'f.csv', 1, repeat('a', 64), 'running', 0,"
	    " 0, 9999999999)"), 0);
	/* The import's write transaction holds the write lock ... */
	assert_int_equal(store_begin(f->a, 1), STORE_OK);
	p[0] = sp_text("held");
	assert_int_equal(store_exec(f->a, Q_JOB_LEASE_ADD, p, 1, NULL, NULL,
	    NULL), STORE_OK);
	/* ... and the progress goes in beside it, without waiting. */
	p[0] = sp_int(7);
	p[1] = sp_int(3000);
	p[2] = sp_int(10000);
	p[3] = sp_int(1234);
	p[4] = sp_text(NODE_B);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(store_exec(f->b, Q_IJ_PROGRESS, p, 5, NULL, NULL, &n),
	    STORE_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 2.0);
	assert_int_equal(n, 1);
	/* Another node reads it while the transaction still runs. */
	assert_non_null(third = store_open(url, err, sizeof(err)));
	memset(&pr, 0, sizeof(pr));
	p[0] = sp_int(7);
	assert_int_equal(store_exec(third, Q_IJ_PROGRESS_GET, p, 1, prog_cb,
	    &pr, NULL), STORE_OK);
	assert_int_equal(pr.done, 3000);
	assert_int_equal(pr.total, 10000);
	assert_int_equal(pr.at, 1234);
	assert_string_equal(pr.node, NODE_B);
	assert_int_equal(store_rollback(f->a), STORE_OK);
	/* A job that is not running takes no progress. */
	assert_int_equal(raw("UPDATE import_job SET status = 'done'"), 0);
	p[0] = sp_int(7);
	p[1] = sp_int(5000);
	p[2] = sp_int(10000);
	p[3] = sp_int(1300);
	p[4] = sp_text(NODE_B);
	assert_int_equal(store_exec(f->b, Q_IJ_PROGRESS, p, 5, NULL, NULL, &n),
	    STORE_OK);
	assert_int_equal(n, 0);
	store_close(third);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_leases_contend_and_hand_over, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_progress_written_while_a_write_runs, setup, teardown),
	};

	url = getenv("RRJETI_TEST_PG");
	if (url != NULL && *url == '\0')
		url = NULL;
	if (sodium_init() < 0)
		return 1;
	log_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
