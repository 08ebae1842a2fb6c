/*
 * account.c — the user's own account: password, language, API tokens (web
 * layer).
 */
#include <string.h>

#include "../app/app.h"
#include "../svc/auth.h"
#include "../svc/user.h"
#include "render.h"
#include "web.h"
#include "web_notify.h"

static void
account_page(struct req *r, const char *new_token)
{
	struct tval *d = page_data(r, "account.title"), *list, *t, *langs, *l;
	struct auth_token_info *tok;
	size_t n, i;
	int k;

	tv_set_str(d, "username", r->actor->username);
	tv_set_str(d, "full_name", r->actor->full_name);
	tv_set_str(d, "role", page_t(r, arena_printf(r->a, "role.%s",
	    role_name(r->actor->role))));
	tv_set_str(d, "scope", page_t(r, arena_printf(r->a, "scope.%s",
	    scope_name(r->actor->scope))));
	tv_set_str(d, "agency", r->actor->agency_name);
	tv_set_str(d, "team", r->actor->team_name);
	if (r->actor->must_change_pw)
		tv_set_bool(d, "must_change", 1);
	langs = tv_list(r->a);
	for (k = 0; k < LANG__MAX; k++) {
		l = tv_obj(r->a);
		tv_set_str(l, "code", lang_code((enum lang)k));
		tv_set_str(l, "label", page_t(r, arena_printf(r->a, "lang.%s",
		    lang_code((enum lang)k))));
		if ((int)r->lang == k)
			tv_set_bool(l, "selected", 1);
		tv_push(langs, l);
	}
	tv_set(d, "langs", langs);
	if (new_token != NULL)
		tv_set_str(d, "new_token", new_token);
	list = tv_list(r->a);
	if (auth_token_list(&r->svc, &tok, &n) == SVC_OK) {
		for (i = 0; i < n; i++) {
			t = tv_obj(r->a);
			tv_set_int(t, "id", tok[i].id);
			tv_set_str(t, "name", tok[i].name);
			tv_set_str(t, "created", page_date(r, tok[i].created, 1));
			tv_set_str(t, "expires", page_date(r, tok[i].expires, 0));
			tv_set_str(t, "last_used", tok[i].last_used ?
			    page_date(r, tok[i].last_used, 1) : page_t(r,
			    "account.never"));
			if (tok[i].revoked)
				tv_set_str(t, "revoked", page_date(r,
				    tok[i].revoked, 1));
			tv_push(list, t);
		}
	}
	tv_set(d, "tokens", list);
	tv_set_str(d, "mail_action", "/account/email#email");
	web_notify_email(r, d, r->actor->id);
	page_errors(r, d);
	page_render(r, "account", d);
}

void
web_account(struct req *r)
{
	account_page(r, NULL);
}

void
web_account_invalid(struct req *r)
{
	account_page(r, NULL);
}

void
web_account_password(struct req *r)
{
	enum svc_rc rc;

	rc = auth_password_change(&r->svc, req_str(r, "old_password"),
	    req_str(r, "new_password"), req_str(r, "new_password2"));
	if (rc == SVC_OK) {
		/* Every session ended: log in again with the new password. */
		req_header(r, "Set-Cookie", "rr_session=; Path=/; HttpOnly; "
		    "SameSite=Strict; Max-Age=0");
		page_redirect(r, "/login", "flash.password_changed");
		return;
	}
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		account_page(r, NULL);
		return;
	}
	page_fail(r, rc, &r->svc.err);
}

void
web_account_language(struct req *r)
{
	enum svc_rc rc;

	rc = user_set_lang(&r->svc, lang_parse(req_str(r, "lang")));
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, "/account", "flash.saved");
}

void
web_account_token_create(struct req *r)
{
	char tok[AUTH_TOKEN_LEN];
	int64_t id;
	enum svc_rc rc;

	rc = auth_token_create(&r->svc, req_str(r, "name"), tok, &id);
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	/* Shown once, on this page only (no-store). */
	account_page(r, arena_strdup(r->a, tok));
}

void
web_account_token_revoke(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if (id == 0) {
		page_fail(r, SVC_NOTFOUND, NULL);
		return;
	}
	if ((rc = auth_token_revoke(&r->svc, id)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, "/account", "flash.token_revoked");
}
