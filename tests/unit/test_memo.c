/*
 * test_memo.c — the memo of the home page's counts (svc/svc.c,
 * svc_memo_*): off unless configured; never outside a request's read scope;
 * never another actor's, key's or size's answer; never after a change
 * committed by this process (the very next count is fresh), nor past its
 * age; a count made while a commit landed is not kept. And through the
 * services: the unread badge and the administrator's counts answer afresh
 * after a write.
 */
#include "testutil.h"
#include "fixture.h"

#include <time.h>

#include "../../src/svc/notify.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, cw, cw2;
	struct actor	*a_cw, *a_cw2;
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
	c->cw = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, 0);
	c->cw2 = fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani, 0);
	if (!c->cw || !c->cw2)
		return -1;
	c->a_cw = fx_actor(f, c->cw);
	c->a_cw2 = fx_actor(f, c->cw2);
	svc_memo_clear();
	svc_memo_config(60000);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	svc_memo_config(0);
	svc_memo_clear();
	store_read_end(c->f->st);
	*state = c->f;
	free(c);
	return fx_teardown(state);
}

/* A change committed by this process, as any service's write. */
static void
commit_something(struct ctx *c)
{
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
}

static void
test_off_outside_a_scope_and_when_not_configured(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw), anon = fx_svc(c->f, NULL);
	int64_t v = 7, out = 0;

	/* No read scope: nothing kept. */
	svc_memo_put(&s, MEMO_UNREAD, 0, &v, sizeof(v));
	store_read_begin(c->f->st);
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, &out, sizeof(out)));
	store_read_end(c->f->st);
	/* In a scope but with the memo off. */
	svc_memo_config(0);
	store_read_begin(c->f->st);
	svc_memo_put(&s, MEMO_UNREAD, 0, &v, sizeof(v));
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, &out, sizeof(out)));
	/* No actor. */
	svc_memo_config(60000);
	svc_memo_put(&anon, MEMO_UNREAD, 0, &v, sizeof(v));
	assert_false(svc_memo_get(&anon, MEMO_UNREAD, 0, &out, sizeof(out)));
	/* Too big to keep. */
	{
		char big[SVC_MEMO_MAX + 1];

		memset(big, 1, sizeof(big));
		svc_memo_put(&s, MEMO_UNREAD, 0, big, sizeof(big));
		assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, big,
		    sizeof(big)));
	}
	assert_int_equal(out, 0);
	store_read_end(c->f->st);
}

static void
test_never_another_actors_key_or_size(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw), s2 = fx_svc(c->f, c->a_cw2);
	int64_t v[2] = { 3, 4 }, out[2] = { 0, 0 };

	store_read_begin(c->f->st);
	svc_memo_put(&s, MEMO_ADMIN_HOME, 2026, v, sizeof(v));
	assert_false(svc_memo_get(&s2, MEMO_ADMIN_HOME, 2026, out,
	    sizeof(out)));
	assert_false(svc_memo_get(&s, MEMO_ADMIN_HOME, 2025, out,
	    sizeof(out)));
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 2026, out, sizeof(out)));
	assert_false(svc_memo_get(&s, MEMO_ADMIN_HOME, 2026, out,
	    sizeof(out[0])));
	assert_int_equal(out[0], 0);
	assert_true(svc_memo_get(&s, MEMO_ADMIN_HOME, 2026, out,
	    sizeof(out)));
	assert_int_equal(out[0], 3);
	assert_int_equal(out[1], 4);
	store_read_end(c->f->st);
	/* The next request's scope still finds it. */
	store_read_begin(c->f->st);
	out[0] = 0;
	assert_true(svc_memo_get(&s, MEMO_ADMIN_HOME, 2026, out,
	    sizeof(out)));
	assert_int_equal(out[0], 3);
	store_read_end(c->f->st);
}

static void
test_a_commit_here_ends_it(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t v = 5, out = 0;

	store_read_begin(c->f->st);
	svc_memo_put(&s, MEMO_UNREAD, 0, &v, sizeof(v));
	store_read_end(c->f->st);
	commit_something(c);
	store_read_begin(c->f->st);
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, &out, sizeof(out)));
	store_read_end(c->f->st);
}

static void
test_a_count_made_while_a_commit_landed_is_not_kept(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	int64_t v = 5, out = 0;

	/* The scope began before the commit: its snapshot may not hold it. */
	store_read_begin(c->f->st);
	commit_something(c);
	svc_memo_put(&s, MEMO_UNREAD, 0, &v, sizeof(v));
	store_read_end(c->f->st);
	store_read_begin(c->f->st);
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, &out, sizeof(out)));
	store_read_end(c->f->st);
}

static void
test_past_its_age(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	struct timespec ts = { 0, 20 * 1000000 };
	int64_t v = 5, out = 0;

	svc_memo_config(5);
	store_read_begin(c->f->st);
	svc_memo_put(&s, MEMO_UNREAD, 0, &v, sizeof(v));
	nanosleep(&ts, NULL);	/* 20 ms: well past 5 */
	assert_false(svc_memo_get(&s, MEMO_UNREAD, 0, &out, sizeof(out)));
	store_read_end(c->f->st);
}

struct add {
	int64_t	user;
};

static enum svc_rc
add_tx(struct svc *s, void *arg)
{
	struct add *a = arg;

	return notify_in_tx(s, a->user, "task_assigned", "task", 7, "/cases/7");
}

static void
test_unread_badge_is_fresh_after_a_notification(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw), root = fx_svc(c->f, &c->f->root);
	struct add a = { c->cw };
	uint64_t hits, misses, hits2, misses2;
	int64_t n = -1;

	store_read_begin(c->f->st);
	assert_int_equal(notify_unread(&s, &n), SVC_OK);
	assert_int_equal(n, 0);
	store_read_end(c->f->st);
	assert_int_equal(svc_tx(&root, add_tx, &a), SVC_OK);
	store_read_begin(c->f->st);
	assert_int_equal(notify_unread(&s, &n), SVC_OK);
	assert_int_equal(n, 1);
	store_read_end(c->f->st);
	/* A second look, nothing changed: the memo's answer, the same. */
	svc_memo_stats(&hits, &misses);
	store_read_begin(c->f->st);
	n = -1;
	assert_int_equal(notify_unread(&s, &n), SVC_OK);
	assert_int_equal(n, 1);
	store_read_end(c->f->st);
	svc_memo_stats(&hits2, &misses2);
	assert_int_equal(hits2, hits + 1);
	assert_int_equal(misses2, misses);
}

static void
test_admin_counts_are_fresh_after_an_agency(void **state)
{
	struct ctx *c = *state;
	int64_t uid = fx_user(c->f, "admin.hani", ROLE_MUNICIPAL_ADMIN, c->hani, 0);
	struct actor *ad = fx_actor(c->f, uid);
	struct svc s = fx_svc(c->f, ad);
	int64_t missing, agencies, unstaffed, before;

	store_read_begin(c->f->st);
	assert_int_equal(admin_home_counts(&s, 2026, &missing, &agencies,
	    &unstaffed), SVC_OK);
	store_read_end(c->f->st);
	before = agencies;
	(void)fx_agency(c->f, "QPS-HANI-2", AGENCY_SOCIAL_WORK, "XK09", NULL);
	store_read_begin(c->f->st);
	assert_int_equal(admin_home_counts(&s, 2026, &missing, &agencies,
	    &unstaffed), SVC_OK);
	assert_int_equal(agencies, before + 1);
	/* Bad input is refused before the memo is asked. */
	assert_int_equal(admin_home_counts(&s, 1800, &missing, &agencies,
	    &unstaffed), SVC_INVALID);
	store_read_end(c->f->st);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_off_outside_a_scope_and_when_not_configured),
		T(test_never_another_actors_key_or_size),
		T(test_a_commit_here_ends_it),
		T(test_a_count_made_while_a_commit_landed_is_not_kept),
		T(test_past_its_age),
		T(test_unread_badge_is_fresh_after_a_notification),
		T(test_admin_counts_are_fresh_after_an_agency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
