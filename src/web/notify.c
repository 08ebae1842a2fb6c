/*
 * notify.c — the inbox pages and the e-mail setting (web layer): /inbox,
 * following a notification's link, marking read, the unread badge of
 * every page's header, and the e-mail part of the account page and of the
 * administrator's user page. Thin: validated input -> svc/notify.c ->
 * templates inbox.html, account_email.html, user_email.html, head.html.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/notify.h"
#include "render.h"
#include "web.h"
#include "web_notify.h"

void
web_notify_badge(struct req *r, struct tval *d)
{
	struct svc s = r->svc;
	int64_t n = 0;

	if (notify_unread(&s, &n) != SVC_OK || n <= 0)
		return;
	tv_set_str(d, "unread", n > 99 ? "99+" : page_num(r, n));
}

static const char *
kind_label(struct req *r, const char *kind)
{
	return page_t(r, arena_printf(r->a, "notify.kind.%s", kind));
}

void
web_inbox(struct req *r)
{
	struct tval *d = page_data(r, "inbox.title"), *l = tv_list(r->a), *t;
	struct notify_item *v;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	int more = 0;
	size_t n = 0, i;
	enum svc_rc rc;

	if ((rc = notify_list(&r->svc, page, &v, &n, &more)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", v[i].id);
		tv_set_str(t, "label", kind_label(r, v[i].kind));
		tv_set_str(t, "when", page_date(r, v[i].created_at, 1));
		/* Always set: a missing key would be looked up in the page's
		 * scope, where "unread" is the header's count. */
		tv_set_bool(t, "unread", v[i].read_at == 0);
		tv_push(l, t);
	}
	tv_set(d, "items", l);
	tv_set_int(d, "page", page);
	if (page > 1)
		tv_set_int(d, "prev", page - 1);
	if (more)
		tv_set_int(d, "next", page + 1);
	page_render(r, "inbox", d);
}

void
web_inbox_open(struct req *r)
{
	struct notify_item it;
	enum svc_rc rc;

	if ((rc = notify_read(&r->svc, req_param_id(r, 0), &it)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	req_redirect(r, it.link);
}

void
web_inbox_read(struct req *r)
{
	struct notify_item it;
	enum svc_rc rc;

	if ((rc = notify_read(&r->svc, req_param_id(r, 0), &it)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, req_has(r, "page") ? arena_printf(r->a,
	    "/inbox?page=%lld", (long long)req_int(r, "page")) : "/inbox",
	    "flash.inbox_read");
}

void
web_inbox_read_all(struct req *r)
{
	enum svc_rc rc;
	int64_t n;

	if ((rc = notify_read_all(&r->svc, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, "/inbox", "flash.inbox_read");
}

/* ---------------------------------------------------------------- e-mail */

void
web_notify_email(struct req *r, struct tval *d, int64_t user_id)
{
	struct tval *m = tv_obj(r->a);
	struct svc s = r->svc;
	const char *email;
	int on;

	if (notify_email_get(&s, user_id, &email, &on) != SVC_OK)
		return;
	/* Shown again after a field error: what was typed. */
	if (r->method == M_POST && r->nerrors > 0) {
		email = req_str(r, "email");
		on = req_bool(r, "email_notify");
	}
	tv_set_str(m, "email", email);
	if (on)
		tv_set_bool(m, "on", 1);
	tv_set(d, "mail", m);
}

static int
email_save(struct req *r, int64_t user_id)
{
	enum svc_rc rc;

	if (r->nerrors > 0)	/* the dispatcher refused a field */
		return 0;
	rc = notify_email_set(&r->svc, user_id, req_str(r, "email"),
	    req_bool(r, "email_notify"));
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		return 0;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return -1;
	}
	return 1;
}

void
web_account_email(struct req *r)
{
	int rc;

	if ((rc = email_save(r, r->actor->id)) == 1)
		page_redirect(r, "/account#email", "flash.saved");
	else if (rc == 0)
		web_account_invalid(r);
}

void
web_user_email(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	int rc;

	if ((rc = email_save(r, id)) == 1)
		page_redirect(r, arena_printf(r->a, "/admin/users/%lld#email",
		    (long long)id), "flash.saved");
	else if (rc == 0)
		web_user_view(r);
}
