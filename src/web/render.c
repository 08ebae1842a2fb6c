/*
 * render.c — shared page data, rendering, flash messages, the error page
 * and static assets (web layer). See render.h.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../app/app.h"
#include "../svc/auth.h"
#include "../util/clock.h"
#include "../util/embed.h"
#include "../util/log.h"
#include "render.h"
#include "web.h"
#include "web_notify.h"

struct nav_item {
	const char	*href;
	const char	*label;
	const char	*prefix;	/* current when the path starts so */
	enum perm	 perm;
};

/*
 * In order of use: the first NAV_BAR items the actor may open are in the
 * bar, the rest under "More" (a <details> menu: no script needed), so every
 * role gets a short bar whatever it holds.
 */
#define NAV_BAR	7
static const struct nav_item nav[] = {
	{ "/", "nav.home", "/", PERM_LOGIN },
	{ "/work", "nav.work", "/work", PERM_WORK },
	{ "/cases", "nav.cases", "/cases", PERM_CASE_READ },
	{ "/intake", "nav.intake", "/intake", PERM_INTAKE },
	{ "/conferences", "nav.conferences", "/conferences", PERM_CONFERENCE },
	{ "/referrals", "nav.referrals", "/referrals", PERM_CASE_READ },
	{ "/reports-in", "nav.reports_in", "/reports-in", PERM_REPORT_IN },
	{ "/my-grants", "nav.my_grants", "/my-grants", PERM_GRANT_REPORT },
	{ "/donor", "nav.donor", "/donor", PERM_DONOR_READ },
	{ "/community", "nav.community", "/community", PERM_COMMUNITY_ALERT },
	{ "/visits", "nav.visits", "/visits", PERM_VISITS },
	{ "/community-alerts", "nav.community_alerts", "/community-alerts",
	    PERM_INTAKE },
	{ "/children/match", "nav.children", "/children", PERM_CHILD_READ },
	{ "/referrals/incoming", "nav.referrals_incoming",
	    "/referrals/incoming", PERM_REFERRAL_RECEIVE },
	{ "/dashboard", "nav.dashboard", "/dashboard", PERM_INDICATORS_READ },
	{ "/indicators", "nav.indicators", "/indicators",
	    PERM_INDICATORS_READ },
	{ "/reports", "nav.reports", "/reports", PERM_INDICATORS_READ },
	{ "/providers", "nav.providers", "/providers", PERM_PROVIDERS_READ },
	{ "/admin/users", "nav.users", "/admin/users", PERM_USERS_READ },
	{ "/admin/agencies", "nav.agencies", "/admin/agencies", PERM_AGENCIES_READ },
	{ "/workforce", "nav.workforce", "/workforce", PERM_POPULATION_READ },
	{ "/grants", "nav.grants", "/grants", PERM_GRANTS_READ },
	{ "/donors", "nav.donors", "/donors", PERM_GRANTS_READ },
	{ "/action-plans", "nav.action_plans", "/action-plans",
	    PERM_ACTION_PLANS_READ },
	{ "/trainings", "nav.trainings", "/trainings", PERM_TRAINING_READ },
	{ "/professionals", "nav.professionals", "/professionals",
	    PERM_TRAINING_WRITE },
	{ "/imports", "nav.imports", "/imports", PERM_TRAINING_WRITE },
	{ "/admin/standards", "nav.standards", "/admin/standards",
	    PERM_PROVIDERS_WRITE },
	{ "/admin/holidays", "nav.holidays", "/admin/holidays",
	    PERM_USERS_WRITE },
	{ "/admin/population", "nav.population", "/admin/population",
	    PERM_POPULATION_READ },
	{ "/admin/community-groups", "nav.community_groups",
	    "/admin/community-groups", PERM_AGENCIES_WRITE },
	{ "/consent-overrides", "nav.consent_overrides", "/consent-overrides",
	    PERM_CONSENT_REVIEW },
	{ "/audit", "nav.audit", "/audit", PERM_AUDIT_READ },
	{ "/account", "nav.account", "/account", PERM_LOGIN },
};

/* 1 when path is item's page or below it ("/" only itself; the loop-
 * closure list "/referrals" by its own path, not the incoming ones'). */
static int
nav_current(const char *path, const struct nav_item *it)
{
	size_t n;

	if (strcmp(it->href, "/") == 0 || strcmp(it->href, "/referrals") == 0)
		return strcmp(path, it->href) == 0;
	n = strlen(it->prefix);
	return strncmp(path, it->prefix, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || path[n] == '?');
}

const char *
page_t(struct req *r, const char *key)
{
	return i18n_get(r->lang, key);
}

struct tval *
page_option(struct req *r, const char *value, const char *label, int selected)
{
	struct tval *o = tv_obj(r->a);

	tv_set_str(o, "value", value);
	tv_set_str(o, "label", label);
	if (selected)
		tv_set_bool(o, "selected", 1);
	return o;
}

const char *
page_num(struct req *r, int64_t n)
{
	char digits[24], out[40];
	size_t len, i, o = 0;
	uint64_t u;

	u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)u);
	len = strlen(digits);
	if (n < 0)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = r->lang == LANG_EN ? ',' : '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return arena_strdup(r->a, out);
}

const char *
page_urlenc(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	const unsigned char *p;

	buf_init(&b, r->a);
	buf_puts(&b, "");
	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~')
			buf_putc(&b, (char)*p);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	return b.oom ? "" : b.p;
}

const char *
page_date(struct req *r, int64_t t, int with_time)
{
	char b[32];

	if (t == 0)
		return "";
	clock_format(t, with_time, b, sizeof(b));
	return arena_strdup(r->a, b);
}

const char *
page_day(struct req *r, const char *ymd)
{
	int64_t t;

	return ymd != NULL && *ymd && clock_parse_date(ymd, &t) == 0 ?
	    page_date(r, t, 0) : "";
}

const char *
page_code(struct req *r, const char *prefix, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	return page_t(r, arena_printf(r->a, "%s.%s", prefix, code));
}

const char *
page_codes(struct req *r, const char *prefix, const char *codes)
{
	struct buf b;
	const char *p = codes, *e;

	buf_init(&b, r->a);
	while (p != NULL && *p) {
		e = strchr(p, ',');
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, page_code(r, prefix, arena_strndup(r->a, p, e ?
		    (size_t)(e - p) : strlen(p))));
		p = e ? e + 1 : NULL;
	}
	return b.len == 0 || b.oom ? "" : b.p;
}

const char *
page_posted(struct req *r, const char *name, const char *def)
{
	return r->method == M_POST ? req_str(r, name) : def;
}

static int
flash_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 48)
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '.' ||
		    s[i] == '_'))
			return 0;
	return strncmp(s, "flash.", 6) == 0 && i18n_has(s);
}

/*
 * The label of nav[i] in the request's language. Every page builds the
 * navigation, so each thread resolves the keys to catalogue indices once
 * per catalogue generation instead of searching the catalogue each time.
 */
static const char *
nav_label(struct req *r, size_t i)
{
	static __thread long idx[sizeof(nav) / sizeof(nav[0])];
	static __thread unsigned gen;
	static __thread int ready;
	size_t k;

	if (!ready || gen != i18n_generation()) {
		gen = i18n_generation();
		for (k = 0; k < sizeof(nav) / sizeof(nav[0]); k++)
			idx[k] = i18n_index(nav[k].label);
		ready = 1;
	}
	return idx[i] >= 0 ? i18n_at(idx[i], r->lang) : nav[i].label;
}

/* The name of the actor's role ("role.NAME"), resolved like nav_label(). */
static const char *
role_label(struct req *r)
{
	static __thread long idx[ROLE__MAX];
	static __thread unsigned gen;
	static __thread int ready;
	int k;

	if ((unsigned)r->actor->role >= ROLE__MAX)
		return "";
	if (!ready || gen != i18n_generation()) {
		gen = i18n_generation();
		for (k = 0; k < ROLE__MAX; k++)
			idx[k] = i18n_index(arena_printf(r->a, "role.%s",
			    role_name((enum role)k)));
		ready = 1;
	}
	return idx[r->actor->role] >= 0 ?
	    i18n_at(idx[r->actor->role], r->lang) : role_name(r->actor->role);
}

struct tval *
page_data(struct req *r, const char *title_key)
{
	struct tval *d, *u, *items, *more, *it;
	const char *flash;
	size_t i, shown;
	int l;

	d = tv_obj(r->a);
	tv_set_str(d, "lang", lang_code(r->lang));
	tv_set_str(d, "title", title_key ? page_t(r, title_key) : "");
	for (l = 0; l < LANG__MAX; l++)
		if ((int)r->lang == l)
			tv_set_bool(d, l == LANG_SQ ? "lang_sq" : l == LANG_EN ?
			    "lang_en" : "lang_sr", 1);
	if (r->actor != NULL) {
		u = tv_obj(r->a);
		tv_set_str(u, "username", r->actor->username);
		tv_set_str(u, "full_name", r->actor->full_name);
		tv_set_str(u, "role", role_label(r));
		tv_set_str(u, "agency", r->actor->agency_name);
		tv_set(d, "user", u);
		tv_set_str(d, "csrf", r->csrf ? r->csrf : "");
		/* Lists with personal data offer their export (an encrypted
		 * zip) only to those who may take it. */
		if (authz_allows(r->actor, PERM_EXPORT_PERSONAL, NULL))
			tv_set_bool(d, "may_export_personal", 1);
		items = tv_list(r->a);
		more = tv_list(r->a);
		for (i = 0, shown = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
			if (!authz_allows(r->actor, nav[i].perm, NULL))
				continue;
			it = tv_obj(r->a);
			tv_set_str(it, "href", nav[i].href);
			tv_set_str(it, "label", nav_label(r, i));
			if (nav_current(r->path, &nav[i])) {
				tv_set_bool(it, "current", 1);
				if (shown >= NAV_BAR)
					tv_set_bool(d, "nav_more_current", 1);
			}
			tv_push(shown++ < NAV_BAR ? items : more, it);
		}
		tv_set(d, "nav", items);
		if (shown > NAV_BAR)
			tv_set(d, "nav_more", more);
		web_notify_badge(r, d);
	}
	if (r->cookie_header != NULL &&
	    (flash = cookie_get(r->a, r->cookie_header, "rr_flash")) != NULL) {
		if (flash_ok(flash))
			tv_set_str(d, "flash", page_t(r, flash));
		req_header(r, "Set-Cookie", "rr_flash=; Path=/; HttpOnly; "
		    "SameSite=Strict; Max-Age=0");
	}
	return d;
}

void
page_errors(struct req *r, struct tval *d)
{
	struct tval *e;
	int i;

	if (r->nerrors == 0)
		return;
	e = tv_obj(r->a);
	for (i = 0; i < r->nerrors; i++)
		if (r->errors[i].field != NULL)
			tv_set_str(e, r->errors[i].field, page_t(r,
			    r->errors[i].msg));
	tv_set(d, "errors", e);
	tv_set_str(d, "error", r->errors[0].field ?
	    arena_printf(r->a, "%s: %s", page_t(r, arena_printf(r->a,
	    "field.%s", r->errors[0].field)), page_t(r, r->errors[0].msg)) :
	    page_t(r, r->errors[0].msg));
}

void
page_render(struct req *r, const char *name, struct tval *d)
{
	r->ctype = "text/html; charset=utf-8";
	if (tmpl_render(r->app->tmpl, name, d, r->lang, &r->out) != 0) {
		log_warnx("render %s failed", name);
		r->out.len = 0;
		r->status = 500;
		r->ctype = "text/plain; charset=utf-8";
		buf_puts(&r->out, "500\n");
	}
}

void
page_redirect(struct req *r, const char *location, const char *flash)
{
	req_redirect(r, location);
	if (flash != NULL)
		req_header(r, "Set-Cookie", arena_printf(r->a, "rr_flash=%s; "
		    "Path=/; HttpOnly; SameSite=Strict; Max-Age=60", flash));
}

static void
error_page(struct req *r, int status, const char *msg)
{
	struct tval *d;

	r->status = status;
	r->out.len = 0;
	if (r->app == NULL || r->app->tmpl == NULL) {
		r->ctype = "text/plain; charset=utf-8";
		buf_printf(&r->out, "%d\n", status);
		return;
	}
	if (r->lang >= LANG__MAX)
		r->lang = LANG_SQ;
	d = page_data(r, "error.title");
	tv_set_int(d, "status", status);
	if (r->nerrors > 0 && r->errors[0].field != NULL)
		tv_set_str(d, "message", arena_printf(r->a, "%s (%s)",
		    page_t(r, msg), r->errors[0].field));
	else
		tv_set_str(d, "message", page_t(r, msg));
	if (status == 401)
		tv_set_bool(d, "login", 1);
	page_render(r, "error", d);
	r->status = status;
}

void
page_fail(struct req *r, enum svc_rc rc, const struct svc_err *e)
{
	int status = http_status_of(rc);

	if (e != NULL && e->field != NULL)
		req_add_error(r, e->field, e->msg);
	error_page(r, status, e && e->msg ? e->msg : "error.unavailable");
	if (rc == SVC_UNAVAILABLE)
		req_header(r, "Retry-After", "5");
}

/* Static assets: assets/NAME compiled in, with a content hash as ETag. */
#define MAX_ASSETS 16
static struct {
	const struct embedded_file	*f;
	const char			*name;
	char				 etag[24];
} assets[MAX_ASSETS];
static size_t nassets;

void
web_init(void)
{
	unsigned char h[8];
	size_t i;

	http_error_html = error_page;
	nassets = 0;
	for (i = 0; i < embedded_count && nassets < MAX_ASSETS; i++) {
		if (strncmp(embedded_files[i].path, "assets/", 7) != 0)
			continue;
		assets[nassets].f = &embedded_files[i];
		assets[nassets].name = embedded_files[i].path + 7;
		crypto_generichash(h, sizeof(h),
		    (const unsigned char *)embedded_files[i].data,
		    embedded_files[i].len, NULL, 0);
		assets[nassets].etag[0] = '"';
		sodium_bin2hex(assets[nassets].etag + 1, 17, h, sizeof(h));
		strcat(assets[nassets].etag, "\"");
		nassets++;
	}
}

static const char *
ctype_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

void
web_static(struct req *r)
{
	size_t i;

	for (i = 0; i < nassets; i++) {
		if (strcmp(assets[i].name, r->params[0]) != 0)
			continue;
		r->cache = 1;
		req_header(r, "Cache-Control", "public, max-age=86400");
		req_header(r, "ETag", assets[i].etag);
		if (r->if_none_match != NULL &&
		    strcmp(r->if_none_match, assets[i].etag) == 0) {
			r->status = 304;
			return;
		}
		r->ctype = ctype_of(assets[i].name);
		buf_add(&r->out, assets[i].f->data, assets[i].f->len);
		r->status = 200;
		return;
	}
	http_error(r, 404, "error.notfound");
}
