/*
 * test_notify.c — the inbox and its e-mail (src/svc/notify.c, mail.c,
 * scan.c): refused input first (nothing written), another user's
 * notification (not found, audited), marking read twice, the order and
 * pages of the inbox, the e-mail setting, the outbox filled in the
 * notification's transaction and drained with retries and backoff when the
 * SMTP server is down, the task_due scan notifying once, and the triggers
 * of conferences and community alerts.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/mail.h"
#include "../../src/svc/notify.h"
#include "../../src/svc/scan.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, cw, cw2, sup;
	struct actor	*a_cw, *a_cw2, *a_sup;
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
	c->sup = fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	if (!c->cw || !c->cw2 || !c->sup)
		return -1;
	c->a_cw = fx_actor(f, c->cw);
	c->a_cw2 = fx_actor(f, c->cw2);
	c->a_sup = fx_actor(f, c->sup);
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

static int64_t
q(struct ctx *c, const char *fmt, int64_t id)
{
	char sql[512];

	snprintf(sql, sizeof(sql), fmt, (long long)id);
	return fx_raw_int(c->f, sql);
}

struct add {
	int64_t		 user;
	const char	*kind, *type, *link;
	int		 once;
};

static enum svc_rc
add_tx(struct svc *s, void *arg)
{
	struct add *a = arg;

	return a->once ? notify_once_in_tx(s, a->user, a->kind, a->type, 7,
	    a->link) : notify_in_tx(s, a->user, a->kind, a->type, 7, a->link);
}

static enum svc_rc
add(struct ctx *c, int64_t user, const char *kind, const char *type,
    const char *link, int once)
{
	struct svc s = fx_svc(c->f, &c->f->root);
	struct add a = { user, kind, type, link, once };

	return svc_tx(&s, add_tx, &a);
}

static int64_t
count(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM notification");
}

/* ---------------------------------------------------------------- refused */

static void
test_bad_input_writes_nothing(void **state)
{
	struct ctx *c = *state;
	char big[NOTIFY_LINK_MAX + 8];

	memset(big, 'a', sizeof(big) - 1);
	big[0] = '/';
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(add(c, c->cw, "no_such_kind", "case", "/cases/1", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, NULL, "case", "/cases/1", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "Case", "/cases/1", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "", "/cases/1", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "case", "cases/1", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "case",
	    "https://evil.example/", 0), SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "case", "/a\nb", 0),
	    SVC_INVALID);
	assert_int_equal(add(c, c->cw, "task_due", "case", big, 0),
	    SVC_INVALID);
	assert_int_equal(add(c, 0, "task_due", "case", "/work", 0),
	    SVC_INVALID);
	assert_int_equal(count(c), 0);
}

static void
test_another_users_notification_is_not_found_and_audited(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw2);
	struct notify_item it;
	int64_t id;

	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	id = fx_raw_int(c->f, "SELECT max(id) FROM notification");
	assert_int_equal(notify_read(&s, id, &it), SVC_NOTFOUND);
	assert_int_equal(q(c, "SELECT count(*) FROM notification WHERE id ="
	    " %lld AND read_at IS NULL", id), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'notification.denied' AND object_id = %lld", id), 1);
	/* Bad ids: the same answer. */
	assert_int_equal(notify_read(&s, 0, &it), SVC_NOTFOUND);
	assert_int_equal(notify_read(&s, -5, &it), SVC_NOTFOUND);
	assert_int_equal(notify_read(&s, INT64_MAX, &it), SVC_NOTFOUND);
	/* Nor is it in their list or count. */
	{
		struct notify_item *v;
		size_t n;
		int more;
		int64_t u;

		assert_int_equal(notify_list(&s, 1, &v, &n, &more), SVC_OK);
		assert_int_equal(n, 0);
		assert_int_equal(notify_unread(&s, &u), SVC_OK);
		assert_int_equal(u, 0);
	}
}

static void
test_mark_read_twice(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	struct notify_item it;
	int64_t id, at;

	assert_int_equal(add(c, c->cw, "meeting_invited", "conference",
	    "/conferences/3", 0), SVC_OK);
	id = fx_raw_int(c->f, "SELECT max(id) FROM notification");
	assert_int_equal(notify_read(&s, id, &it), SVC_OK);
	assert_string_equal(it.link, "/conferences/3");
	assert_true(it.read_at > 0);
	at = q(c, "SELECT read_at FROM notification WHERE id = %lld", id);
	fx_shift(120);
	assert_int_equal(notify_read(&s, id, &it), SVC_OK);
	assert_int_equal(it.read_at, at);
	assert_int_equal(q(c, "SELECT read_at FROM notification WHERE id ="
	    " %lld", id), at);
	assert_int_equal(q(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'notification.read' AND object_id = %lld", id), 1);
	fx_shift(-120);
}

static void
test_list_order_pages_and_read_all(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	struct notify_item *v, it;
	size_t n;
	int more, i;
	int64_t u, first;

	for (i = 0; i < NOTIFY_PAGE + 5; i++) {
		fx_shift(1);
		assert_int_equal(add(c, c->cw, "task_due", "conference_task",
		    "/work", 0), SVC_OK);
	}
	fx_shift(-(NOTIFY_PAGE + 5));
	first = fx_raw_int(c->f, "SELECT min(id) FROM notification");
	/* The oldest read: it goes last. */
	assert_int_equal(notify_read(&s, first, &it), SVC_OK);
	assert_int_equal(notify_unread(&s, &u), SVC_OK);
	assert_int_equal(u, NOTIFY_PAGE + 4);
	assert_int_equal(notify_list(&s, 1, &v, &n, &more), SVC_OK);
	assert_int_equal(n, NOTIFY_PAGE);
	assert_int_equal(more, 1);
	assert_true(v[0].id > v[1].id);
	assert_int_equal(v[0].read_at, 0);
	assert_int_equal(notify_list(&s, 2, &v, &n, &more), SVC_OK);
	assert_int_equal(n, 5);
	assert_int_equal(more, 0);
	assert_int_equal(v[4].id, first);
	assert_true(v[4].read_at > 0);
	assert_int_equal(notify_list(&s, 0, &v, &n, &more), SVC_INVALID);
	assert_int_equal(notify_list(&s, NOTIFY_PAGES + 1, &v, &n, &more),
	    SVC_INVALID);
	assert_int_equal(notify_read_all(&s, &u), SVC_OK);
	assert_int_equal(u, NOTIFY_PAGE + 4);
	assert_int_equal(notify_unread(&s, &u), SVC_OK);
	assert_int_equal(u, 0);
	assert_int_equal(notify_read_all(&s, &u), SVC_OK);
	assert_int_equal(u, 0);
}

static void
test_once_notifies_once(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    1), SVC_OK);
	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    1), SVC_OK);
	assert_int_equal(count(c), 1);
	/* Another user, the same object: their own. */
	assert_int_equal(add(c, c->cw2, "task_due", "conference_task", "/work",
	    1), SVC_OK);
	assert_int_equal(count(c), 2);
}

/* ---------------------------------------------------------------- e-mail */

static void
test_email_setting_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	static const char *const bad[] = { "no-at", "@example.org", "a@",
	    "a b@example.org", "a@@example.org", "<a@example.org>",
	    "a@example.org\r\nBcc: x@y", "a@.org", "a@example.",
	    "ë@example.org", NULL };
	const char *e;
	int on, i;

	for (i = 0; bad[i] != NULL; i++) {
		assert_int_equal(notify_email_set(&s, c->cw, bad[i], 0),
		    SVC_INVALID);
		assert_string_equal(s.err.field, "email");
	}
	/* E-mail wanted without an address. */
	assert_int_equal(notify_email_set(&s, c->cw, "", 1), SVC_INVALID);
	assert_string_equal(s.err.msg, "notify.err.email_required");
	/* Another user's: a caseworker may not. */
	assert_int_equal(notify_email_set(&s, c->cw2, "x@example.org", 1),
	    SVC_DENIED);
	assert_int_equal(notify_email_get(&s, c->cw2, &e, &on), SVC_DENIED);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM user WHERE"
	    " email <> '' OR email_notify <> 0"), 0);
	assert_int_equal(notify_email_set(&s, c->cw, "cw.one@example.org", 1),
	    SVC_OK);
	assert_int_equal(notify_email_get(&s, c->cw, &e, &on), SVC_OK);
	assert_string_equal(e, "cw.one@example.org");
	assert_int_equal(on, 1);
	/* The address is not in the trail. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE detail LIKE '%example.org%'"), 0);
	/* The administrator may. */
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(notify_email_set(&s, c->cw2, "two@example.org", 0),
	    SVC_OK);
}

static void
test_outbox_in_the_same_transaction(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);

	assert_int_equal(notify_email_set(&s, c->cw, "cw.one@example.org", 1),
	    SVC_OK);
	/* cw2: an address, but no e-mail wanted; sup: nothing. */
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(notify_email_set(&s, c->cw2, "two@example.org", 0),
	    SVC_OK);
	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	assert_int_equal(add(c, c->cw2, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	assert_int_equal(add(c, c->sup, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"),
	    1);
	assert_int_equal(q(c, "SELECT n.user_id FROM mail_outbox o JOIN"
	    " notification n ON n.id = o.notification_id WHERE o.id = %lld",
	    1), c->cw);
	/* A refused notification queues nothing. */
	assert_int_equal(add(c, c->cw, "bogus", "x", "/", 0), SVC_INVALID);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"),
	    1);
	/* once: one message. */
	assert_int_equal(add(c, c->cw, "task_due", "conference", "/work", 1),
	    SVC_OK);
	assert_int_equal(add(c, c->cw, "task_due", "conference", "/work", 1),
	    SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"),
	    2);
}

static void
test_backoff(void **state)
{
	(void)state;
	assert_int_equal(mail_backoff(1), 60);
	assert_int_equal(mail_backoff(2), 120);
	assert_int_equal(mail_backoff(3), 240);
	assert_int_equal(mail_backoff(20), MAIL_BACKOFF_MAX);
	assert_int_equal(mail_backoff(1000), MAIL_BACKOFF_MAX);
}

static void
test_smtp_down_stays_queued_then_fails(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	/* Port 1 on loopback: refused at once. */
	struct mail_config m = { "smtp://127.0.0.1:1", "rrjeti@example.org",
	    "https://rrjeti.example.org", 5 };
	int sent, failed, i;
	int64_t now;

	assert_int_equal(mail_init(), 0);
	assert_int_equal(notify_email_set(&s, c->cw, "cw.one@example.org", 1),
	    SVC_OK);
	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	s = fx_svc(c->f, &c->f->root);
	now = clock_now();
	assert_int_equal(mail_send_due(&s, &m, now, &sent, &failed), SVC_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(failed, 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"
	    " WHERE status = 'queued' AND attempts = 1"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT next_at FROM mail_outbox") -
	    now, 60);
	/* Not due again before the backoff. */
	assert_int_equal(mail_send_due(&s, &m, now + 59, &sent, &failed),
	    SVC_OK);
	assert_int_equal(failed, 0);
	/* Each retry later, until MAIL_ATTEMPTS: failed, not retried. */
	for (i = 1; i < MAIL_ATTEMPTS; i++) {
		now = fx_raw_int(c->f, "SELECT next_at FROM mail_outbox");
		assert_int_equal(mail_send_due(&s, &m, now, &sent, &failed),
		    SVC_OK);
		assert_int_equal(failed, 1);
	}
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"
	    " WHERE status = 'failed' AND attempts = 8"), 1);
	assert_int_equal(mail_send_due(&s, &m, now + 86400 * 30, &sent,
	    &failed), SVC_OK);
	assert_int_equal(failed, 0);
	/* Each attempt audited, ids and codes only. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE action IN ('mail.queued', 'mail.failed')"), MAIL_ATTEMPTS);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit"
	    " WHERE detail LIKE '%@%'"), 0);
}

static void
test_user_without_address_dropped(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw);
	struct mail_config m = { "smtp://127.0.0.1:1", "rrjeti@example.org",
	    "https://rrjeti.example.org", 5 };
	int sent, failed;

	assert_int_equal(notify_email_set(&s, c->cw, "cw.one@example.org", 1),
	    SVC_OK);
	assert_int_equal(add(c, c->cw, "task_due", "conference_task", "/work",
	    0), SVC_OK);
	/* The user removes the address before it is sent. */
	assert_int_equal(notify_email_set(&s, c->cw, "", 0), SVC_OK);
	s = fx_svc(c->f, &c->f->root);
	assert_int_equal(mail_send_due(&s, &m, clock_now(), &sent, &failed),
	    SVC_OK);
	assert_int_equal(sent + failed, 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM mail_outbox"
	    " WHERE status = 'dropped'"), 1);
	/* Not configured: nothing happens. */
	m.url = "";
	assert_int_equal(mail_send_due(&s, &m, clock_now(), &sent, &failed),
	    SVC_OK);
}

/* ---------------------------------------------------------------- scans */

static int64_t
task(struct ctx *c, const char *due_expr, const char *status)
{
	char sql[1024];

	if (fx_raw_int(c->f, "SELECT count(*) FROM conference") == 0) {
		snprintf(sql, sizeof(sql), "INSERT INTO conference"
		    " (municipality_id, agency_id, kind, starts_at, place,"
		    " convenor_id, created_at, updated_at) VALUES ((SELECT"
		    " municipality_id FROM agency WHERE id = %lld), %lld,"
		    " 'tmr', 1, 'Salla', %lld, 1, 1)", (long long)c->hani,
		    (long long)c->hani, (long long)c->sup);
		assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
		assert_int_equal(fx_raw_exec(c->f, "INSERT INTO child"
		    " (given_name, family_name, fold_given, fold_family,"
		    " birth_date, created_at, updated_at) VALUES ('Drita',"
		    " 'Morina', 'drita', 'morina', '2016-05-01', 1, 1)"),
		    SQLITE_OK);
	}
	(void)status;
	snprintf(sql, sizeof(sql), "INSERT INTO conference_task"
	    " (conference_id, agenda_id, what, owner_id, due_on, status,"
	    " created_at) SELECT 1, 1, 'Ndjekje', %lld, %s, '%s', 1",
	    (long long)c->cw, due_expr, status);
	/* The agenda row is not needed by the scan: foreign keys off. */
	assert_int_equal(fx_raw_exec(c->f, "PRAGMA foreign_keys = OFF"),
	    SQLITE_OK);
	assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
	return fx_raw_int(c->f, "SELECT max(id) FROM conference_task");
}

static void
test_task_due_scan_notifies_once(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, &c->f->root);
	const struct scan *sc;
	int64_t soon, later, done, late;

	soon = task(c, "date('now')", "open");
	late = task(c, "date('now', '-3 days')", "open");
	later = task(c, "date('now', '+20 days')", "open");
	done = task(c, "date('now')", "done");
	/* In the table the server and `rrjeti scan` run. */
	for (sc = scans; sc->fn != NULL && sc->fn != notify_task_due_scan; sc++)
		;
	assert_non_null(sc->fn);
	assert_int_equal(notify_task_due_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(notify_task_due_scan(&s, clock_now()), SVC_OK);
	assert_int_equal(q(c, "SELECT count(*) FROM notification WHERE kind ="
	    " 'task_due' AND object_id = %lld", soon), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM notification WHERE kind ="
	    " 'task_due' AND object_id = %lld", late), 1);
	assert_int_equal(q(c, "SELECT count(*) FROM notification WHERE kind ="
	    " 'task_due' AND object_id = %lld", later), 0);
	assert_int_equal(q(c, "SELECT count(*) FROM notification WHERE kind ="
	    " 'task_due' AND object_id = %lld", done), 0);
	assert_int_equal(q(c, "SELECT user_id FROM notification WHERE"
	    " object_id = %lld", soon), c->cw);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_bad_input_writes_nothing),
		T(test_another_users_notification_is_not_found_and_audited),
		T(test_mark_read_twice),
		T(test_list_order_pages_and_read_all),
		T(test_once_notifies_once),
		T(test_email_setting_refused),
		T(test_outbox_in_the_same_transaction),
		cmocka_unit_test(test_backoff),
		T(test_smtp_down_stays_queued_then_fails),
		T(test_user_without_address_dropped),
		T(test_task_due_scan_notifies_once),
	};

	log_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
#undef T
}
