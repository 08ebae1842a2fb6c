/*
 * test_job.c — the leases of the scheduled jobs (src/svc/job.c): refused
 * input first (nothing written), two nodes (two stores on one database,
 * as two processes) contending for a lease, a renewal, expiry handing the
 * lease over, a crash (no renewal) freeing it, giving it back, the audit of
 * takes (not of renewals), and a job the migration did not list.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/job.h"

#define NODE_A	"alpha:1:0001"
#define NODE_B	"beta:2:0002"

struct ctx {
	struct fx	*f;
	struct store	*st2;	/* the second node's own connection */
};

static int
setup(void **state)
{
	struct ctx *c;
	char err[256];

	if (fx_setup(state) != 0)
		return -1;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = *state;
	if ((c->st2 = store_open(c->f->db, err, sizeof(err))) == NULL)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	store_close(c->st2);
	*state = c->f;
	free(c);
	return fx_teardown(state);
}

static struct svc
node(struct ctx *c, int second)
{
	struct svc s = fx_svc(c->f, &c->f->root);

	if (second)
		s.st = c->st2;
	return s;
}

static int64_t
count(struct store *st, const char *action)
{
	struct svc s;
	int64_t n = 0;
	struct sp p[4] = { sp_null(), sp_text(action), sp_null(), sp_null() };

	memset(&s, 0, sizeof(s));
	assert_int_equal(store_exec(st, Q_AUDIT_COUNT, p, 4, store_cb_int, &n,
	    NULL), STORE_OK);
	return n;
}

static void
holder(struct ctx *c, const char *job, char *out, size_t len, int64_t *exp)
{
	struct svc s = node(c, 0);

	assert_int_equal(job_lease_holder(&s, job, out, len, exp), SVC_OK);
}

static void
test_bad_input_writes_nothing(void **state)
{
	struct ctx *c = *state;
	struct svc s = node(c, 0);
	char h[64];
	int64_t exp, before = count(c->f->st, "job.lease.take");
	int held = 7;

	assert_int_equal(job_lease_take(&s, "", NODE_A, 1000, 60, &held),
	    SVC_INVALID);
	assert_int_equal(held, 0);
	assert_string_equal(s.err.field, "job");
	assert_int_equal(job_lease_take(&s, NULL, NODE_A, 1000, 60, &held),
	    SVC_INVALID);
	assert_int_equal(job_lease_take(&s, JOB_SCAN, "", 1000, 60, &held),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "holder");
	assert_int_equal(job_lease_take(&s, JOB_SCAN, NODE_A, 1000, 0, &held),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "ttl");
	assert_int_equal(job_lease_take(&s, JOB_SCAN, NODE_A, 1000, -5,
	    &held), SVC_INVALID);
	assert_int_equal(job_lease_take(&s, JOB_SCAN, "a\nb", 1000, 60,
	    &held), SVC_INVALID);
	assert_int_equal(job_lease_take(&s, "x\x01y", NODE_A, 1000, 60,
	    &held), SVC_INVALID);
	assert_int_equal(job_lease_take(&s, JOB_SCAN, "0123456789012345678901"
	    "234567890123456789012345678901234567890123", 1000, 60, &held),
	    SVC_INVALID);
	assert_int_equal(job_lease_free(&s, "", NODE_A), SVC_INVALID);
	assert_int_equal(job_lease_free(&s, JOB_SCAN, NULL), SVC_INVALID);
	assert_int_equal(job_lease_holder(&s, "", h, sizeof(h), &exp),
	    SVC_INVALID);
	holder(c, JOB_SCAN, h, sizeof(h), &exp);
	assert_string_equal(h, "");
	assert_int_equal(exp, 0);
	assert_int_equal(count(c->f->st, "job.lease.take"), before);
}

static void
test_two_nodes_contend(void **state)
{
	struct ctx *c = *state;
	struct svc a = node(c, 0), b = node(c, 1);
	char h[64];
	int64_t exp;
	int held;

	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1000, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
	/* B sees it held, at any time before it expires. */
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1000, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 0);
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1059, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 0);
	holder(c, JOB_SCAN, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_A);
	assert_int_equal(exp, 1060);
	/* Another job's lease is free for B meanwhile. */
	assert_int_equal(job_lease_take(&b, JOB_MAIL, NODE_B, 1000, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
	assert_int_equal(job_lease_take(&a, JOB_MAIL, NODE_A, 1001, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 0);
}

static void
test_renewal_keeps_it(void **state)
{
	struct ctx *c = *state;
	struct svc a = node(c, 0), b = node(c, 1);
	char h[64];
	int64_t exp, takes;
	int held, t;

	assert_int_equal(job_lease_take(&a, JOB_REPORTS, NODE_A, 1000, 60,
	    &held), SVC_OK);
	takes = count(c->f->st, "job.lease.take");
	/* Renewed every 15 s for ten minutes: B never gets it. */
	for (t = 1015; t < 1600; t += 15) {
		assert_int_equal(job_lease_take(&a, JOB_REPORTS, NODE_A, t, 60,
		    &held), SVC_OK);
		assert_int_equal(held, 1);
		assert_int_equal(job_lease_take(&b, JOB_REPORTS, NODE_B, t + 1,
		    60, &held), SVC_OK);
		assert_int_equal(held, 0);
	}
	holder(c, JOB_REPORTS, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_A);
	/* Renewals are not audited. */
	assert_int_equal(count(c->f->st, "job.lease.take"), takes);
}

static void
test_expiry_hands_over(void **state)
{
	struct ctx *c = *state;
	struct svc a = node(c, 0), b = node(c, 1);
	char h[64];
	int64_t exp, takes;
	int held;

	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1000, 60,
	    &held), SVC_OK);
	takes = count(c->f->st, "job.lease.take");
	/* A crashed: no renewal. At expiry B takes it over. */
	assert_int_equal(job_lease_take(&b, JOB_SCAN, NODE_B, 1060, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
	holder(c, JOB_SCAN, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_B);
	assert_int_equal(exp, 1120);
	assert_int_equal(count(c->f->st, "job.lease.take"), takes + 1);
	/* A comes back late: it does not get it back, and must stop. */
	assert_int_equal(job_lease_take(&a, JOB_SCAN, NODE_A, 1061, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 0);
	holder(c, JOB_SCAN, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_B);
}

static void
test_free_gives_it_back(void **state)
{
	struct ctx *c = *state;
	struct svc a = node(c, 0), b = node(c, 1);
	char h[64];
	int64_t exp, frees;
	int held;

	assert_int_equal(job_lease_take(&a, JOB_MAIL, NODE_A, 1000, 60,
	    &held), SVC_OK);
	frees = count(c->f->st, "job.lease.free");
	/* B cannot give back A's lease. */
	assert_int_equal(job_lease_free(&b, JOB_MAIL, NODE_B), SVC_OK);
	holder(c, JOB_MAIL, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_A);
	assert_int_equal(count(c->f->st, "job.lease.free"), frees);
	/* A stops: B takes it at once, not after 60 s. */
	assert_int_equal(job_lease_free(&a, JOB_MAIL, NODE_A), SVC_OK);
	assert_int_equal(count(c->f->st, "job.lease.free"), frees + 1);
	assert_int_equal(job_lease_take(&b, JOB_MAIL, NODE_B, 1001, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
	/* Giving back twice is harmless. */
	assert_int_equal(job_lease_free(&a, JOB_MAIL, NODE_A), SVC_OK);
	holder(c, JOB_MAIL, h, sizeof(h), &exp);
	assert_string_equal(h, NODE_B);
}

static void
test_unlisted_job_gets_a_row(void **state)
{
	struct ctx *c = *state;
	struct svc a = node(c, 0), b = node(c, 1);
	int held;

	assert_int_equal(job_lease_take(&a, "nightly", NODE_A, 1000, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 1);
	assert_int_equal(job_lease_take(&b, "nightly", NODE_B, 1000, 60,
	    &held), SVC_OK);
	assert_int_equal(held, 0);
}

static void
test_node_id(void **state)
{
	const char *id = job_node_id();

	(void)state;
	assert_non_null(id);
	assert_true(strlen(id) > 10 && strlen(id) < 64);
	assert_ptr_equal(id, job_node_id());
	assert_non_null(strchr(id, ':'));
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_bad_input_writes_nothing),
		T(test_two_nodes_contend),
		T(test_renewal_keeps_it),
		T(test_expiry_hands_over),
		T(test_free_gives_it_back),
		T(test_unlisted_job_gets_a_row),
		T(test_node_id),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
