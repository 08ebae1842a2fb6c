/*
 * community.c — the HTML side of consent and of the community advisory
 * groups (web layer): the consent section of the case page
 * (templates/case_consent.html), the consent and override form
 * (consent_new.html), the overrides for review (consent_overrides.html);
 * the municipal administrator's groups (community_groups.html,
 * community_group.html), a member's page, alert and initiative forms
 * (community_home.html, community_alert.html, community_initiative.html)
 * and the Centre's triage of alerts (community_triage.html,
 * community_alert_view.html). Thin: validated input -> svc/consent.c or
 * svc/community.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/plan.h"
#include "../svc/case.h"
#include "../svc/child.h"
#include "../svc/community.h"
#include "../svc/consent.h"
#include "../svc/reference.h"
#include "../svc/user.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_community.h"

#define CN_AGENCY_FIELDS	5	/* agency_1 .. agency_5 */

/* ---------------------------------------------------------------- helpers */





/* Checkboxes { name, label, checked } of a code list: box_CODE. */
static struct tval *
boxes(struct req *r, const char *box, const char *prefix,
    const char *const *set)
{
	struct tval *l = tv_list(r->a), *t;
	const char *name;

	for (; *set != NULL; set++) {
		if (strcmp(*set, "unknown") == 0)
			continue;
		name = arena_printf(r->a, "%s_%s", box, *set);
		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", page_code(r, prefix, *set));
		if (req_bool(r, name))
			tv_set_bool(t, "checked", 1);
		tv_push(l, t);
	}
	return l;
}

/* The codes of the checked boxes (box_CODE) of set, in the arena. */
static const char **
checked(struct req *r, const char *box, const char *const *set, size_t *n)
{
	const char **v;
	size_t i;

	*n = 0;
	for (i = 0; set[i] != NULL; i++)
		;
	if ((v = arena_zalloc(r->a, (i + 1) * sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; set[i] != NULL; i++)
		if (req_bool(r, arena_printf(r->a, "%s_%s", box, set[i])))
			v[(*n)++] = set[i];
	return v;
}

/* The options of a closed list, cur selected, a first "choose". */
static struct tval *
choices(struct req *r, const char *prefix, const char *const *set,
    const char *cur)
{
	struct tval *l = tv_list(r->a);

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_code(r, prefix, *set),
		    strcmp(cur, *set) == 0));
	return l;
}

static const char *
id_text(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%lld", (long long)id);
}

/*
 * After a write: the form again with the error (400/409; a stale case
 * version says who changed what when case_id is given), the failure page,
 * or a redirect with a flash.
 */
static void
after(struct req *r, enum svc_rc rc, int64_t case_id,
    void (*again)(struct req *), const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && case_id > 0 && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0)
			req_add_error(r, NULL, web_case_conflict(r, case_id));
		else
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		again(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

/* ---------------------------------------------------------------- consent */

static struct tval *
consent_obj(struct req *r, const struct consent_info *c, int64_t case_id,
    int can_withdraw)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", c->id);
	tv_set_int(t, "case_id", case_id);
	if (strcmp(c->kind, "override") == 0) {
		tv_set_bool(t, "override", 1);
		tv_set_str(t, "code", page_code(r, "consent.override",
		    c->override_code));
		tv_set_str(t, "reason", c->override_reason);
	} else {
		tv_set_str(t, "giver", c->giver_name);
		tv_set_str(t, "relation", page_code(r, "consent.relation",
		    c->relation));
	}
	tv_set_str(t, "agencies", c->all_agencies ? page_t(r,
	    "consent.all_agencies") : c->agencies);
	tv_set_str(t, "categories", page_codes(r, "consent.category",
	    c->categories));
	tv_set_str(t, "date", page_day(r, c->date));
	tv_set_str(t, "author", c->author);
	if (*c->withdrawn_date) {
		tv_set_str(t, "withdrawn_date", page_day(r, c->withdrawn_date));
		tv_set_str(t, "withdrawn_reason", c->withdrawn_reason);
	} else {
		tv_set_bool(t, "in_force", 1);
		if (can_withdraw)
			tv_set_bool(t, "can_withdraw", 1);
	}
	return t;
}

void
web_consent_case(struct req *r, struct tval *d, const struct case_full *f)
{
	struct consent_info *c;
	struct tval *o, *l;
	struct case_ref ref;
	struct svc s = r->svc;
	int write = authz_allows(r->actor, PERM_CASE_WRITE, NULL);
	size_t n, i;

	if (consent_of_case(&s, f->c.id, &c, &n) != SVC_OK)
		return;
	ref.agency_id = f->c.agency_id;
	ref.team_id = f->c.team_id;
	ref.worker_id = f->c.worker_id;
	ref.restricted = f->c.restricted;
	if (!authz_case_visible(r->actor, &ref))
		write = 0;
	o = tv_obj(r->a);
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, consent_obj(r, &c[i], f->c.id, write));
	tv_set(o, "list", l);
	if (write && !case_ended(&f->c)) {
		tv_set_bool(o, "can_record", 1);
		if (authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL))
			tv_set_bool(o, "can_override", 1);
	}
	tv_set_str(o, "today", page_date(r, clock_now(), 0));
	tv_set(d, "cn", o);
}

/* The consent form (a consent, or a supervisor's override). */
static void
consent_page(struct req *r, int override)
{
	struct case_full *f;
	struct plan_agency *ag;
	struct tval *d, *v, *l, *sel;
	int status = r->status;
	size_t n = 0, i, k;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, override ? "consent.override.title" :
	    "consent.new.title");
	v = tv_obj(r->a);
	tv_set_int(v, "id", f->c.id);
	tv_set_str(v, "number", f->c.number);
	tv_set_int(v, "version", f->c.version);
	tv_set_str(v, "giver_name", page_posted(r, "giver_name", ""));
	tv_set_str(v, "override_reason", page_posted(r, "override_reason", ""));
	tv_set_str(v, "date", page_posted(r, "date", page_date(r, clock_now(), 0)));
	if (req_bool(r, "all_agencies"))
		tv_set_bool(v, "all_agencies", 1);
	if (override)
		tv_set_bool(v, "override", 1);
	tv_set(d, "v", v);
	tv_set(d, "relations", choices(r, "consent.relation", consent_relations,
	    page_posted(r, "relation", "")));
	tv_set(d, "codes", choices(r, "consent.override",
	    consent_override_codes, page_posted(r, "override_code", "")));
	tv_set(d, "categories", boxes(r, "category", "consent.category",
	    consent_categories));
	/* The agencies of the case's network: its municipality's and the
	 * country-wide ones (as for a plan's actions), for everyone who may
	 * write the case. */
	if (plan_agencies(&r->svc, &f->c, &ag, &n) == SVC_OK)
		tv_set_bool(d, "agency_select", 1);
	else
		n = 0;
	r->svc.err.msg = NULL;
	r->svc.err.field = NULL;
	l = tv_list(r->a);
	for (k = 1; k <= CN_AGENCY_FIELDS; k++) {
		const char *name = arena_printf(r->a, "agency_%zu", k);
		int64_t cur = req_int(r, name);
		struct tval *t = tv_obj(r->a);

		tv_set_str(t, "name", name);
		tv_set_int(t, "n", (int64_t)k);
		tv_set_str(t, "value", cur ? id_text(r, cur) : "");
		sel = tv_list(r->a);
		tv_push(sel, page_option(r, "", "—", cur == 0));
		for (i = 0; i < n; i++)
			tv_push(sel, page_option(r, id_text(r, ag[i].id),
			    ag[i].name, ag[i].id == cur));
		tv_set(t, "options", sel);
		tv_push(l, t);
	}
	tv_set(d, "agencies", l);
	if (case_ended(&f->c))
		tv_set_bool(d, "not_now", 1);
	page_errors(r, d);
	page_render(r, "consent_new", d);
}

void
web_consent_form(struct req *r)
{
	consent_page(r, 0);
}

void
web_consent_override_form(struct req *r)
{
	consent_page(r, 1);
}

static void
consent_again(struct req *r)
{
	consent_page(r, 0);
}

static void
override_again(struct req *r)
{
	consent_page(r, 1);
}

/* The scope of the web form: the chosen agencies and categories. */
static void
form_scope(struct req *r, struct consent_new *n)
{
	int64_t *ids;
	size_t k, j;

	n->all_agencies = req_bool(r, "all_agencies");
	n->categories = checked(r, "category", consent_categories,
	    &n->ncategories);
	n->date = req_str(r, "date");
	if ((ids = arena_zalloc(r->a, CN_AGENCY_FIELDS * sizeof(*ids))) ==
	    NULL)
		return;
	for (k = 1; k <= CN_AGENCY_FIELDS; k++) {
		int64_t id = req_int(r, arena_printf(r->a, "agency_%zu", k));

		for (j = 0; id > 0 && j < n->nagencies; j++)
			if (ids[j] == id)
				id = 0;
		if (id > 0)
			ids[n->nagencies++] = id;
	}
	n->agencies = ids;
}

/* A consent, or a supervisor's override, from the web form. */
static void
consent_write(struct req *r, int override)
{
	struct consent_new n;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	form_scope(r, &n);
	n.giver_name = req_str(r, "giver_name");
	n.relation = req_str(r, "relation");
	n.override_code = req_str(r, "override_code");
	n.override_reason = req_str(r, "override_reason");
	rc = override ? consent_override(&r->svc, id, req_int(r, "version"),
	    &n, NULL) : consent_record(&r->svc, id, req_int(r, "version"), &n,
	    NULL);
	after(r, rc, id, override ? override_again : consent_again,
	    arena_printf(r->a, "/cases/%lld#consent", (long long)id), override ?
	    "flash.consent_override" : "flash.consent_recorded");
}

void
web_consent_record(struct req *r)
{
	consent_write(r, 0);
}

void
web_consent_override(struct req *r)
{
	consent_write(r, 1);
}

void
web_consent_withdraw(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, consent_withdraw(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "date"), req_str(r, "reason")),
	    id, web_case_view, arena_printf(r->a, "/cases/%lld#consent",
	    (long long)id), "flash.consent_withdrawn");
}

void
web_consent_overrides(struct req *r)
{
	struct consent_override_info *o;
	struct tval *d, *l, *t;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = consent_overrides(&r->svc, &o, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "consent.overrides.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "case_id", o[i].case_id);
		tv_set_str(t, "number", o[i].number);
		tv_set_str(t, "code", page_code(r, "consent.override", o[i].code));
		tv_set_str(t, "reason", o[i].reason);
		tv_set_str(t, "date", page_day(r, o[i].date));
		tv_set_str(t, "author", o[i].author);
		tv_set_str(t, "withdrawn", page_day(r, o[i].withdrawn_date));
		tv_push(l, t);
	}
	tv_set(d, "overrides", l);
	if (r->actor->role == ROLE_SUPERVISOR)
		tv_set_bool(d, "links", 1);
	page_render(r, "consent_overrides", d);
}

/* ---------------------------------------------------------------- groups */

static struct tval *
group_obj(struct req *r, const struct community_group_info *g)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", g->id);
	tv_set_str(t, "name", g->name);
	tv_set_str(t, "municipality", r->lang == LANG_SR ? g->municipality_sr :
	    g->municipality_sq);
	tv_set_str(t, "communities", page_codes(r, "community", g->communities));
	tv_set_str(t, "members", page_num(r, g->members));
	return t;
}

void
web_cm_groups(struct req *r)
{
	struct community_group_info *g;
	struct muni_info *m;
	struct tval *d, *l, *v;
	int status = r->status;
	int64_t cur = req_int(r, "municipality");
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_groups(&r->svc, &g, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "community.groups.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, group_obj(r, &g[i]));
	tv_set(d, "groups", l);
	v = tv_obj(r->a);
	tv_set_str(v, "name", page_posted(r, "name", ""));
	tv_set(d, "v", v);
	tv_set(d, "communities", boxes(r, "community", "community",
	    child_communities));
	/* Country-wide administrators choose the municipality. */
	if (r->actor->municipality_id == 0 && ref_municipalities(&r->svc, &m,
	    &n) == SVC_OK) {
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "common.choose"),
		    cur == 0));
		for (i = 0; i < n; i++)
			if (r->actor->country == NULL ||
			    strcmp(m[i].country, r->actor->country) == 0)
				tv_push(l, page_option(r, id_text(r, m[i].id),
				    r->lang == LANG_SR ? m[i].name_sr :
				    m[i].name_sq, m[i].id == cur));
		tv_set(d, "municipalities", l);
	}
	page_errors(r, d);
	page_render(r, "community_groups", d);
}

void
web_cm_group_create(struct req *r)
{
	const char **c;
	size_t n;
	int64_t id = 0;
	enum svc_rc rc;

	c = checked(r, "community", child_communities, &n);
	rc = c == NULL ? svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig") :
	    community_group_create(&r->svc, req_int(r, "municipality"),
	    req_str(r, "name"), c, n, &id);
	after(r, rc, 0, web_cm_groups, arena_printf(r->a,
	    "/admin/community-groups/%lld", (long long)id),
	    "flash.community_group");
}

static struct tval *
initiatives_list(struct req *r, const struct community_initiative_info *x,
    size_t n)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "title", x[i].title);
		tv_set_str(t, "type", page_code(r, "community.type", x[i].type));
		tv_set_str(t, "start", page_day(r, x[i].start));
		tv_set_str(t, "end", page_day(r, x[i].end));
		tv_set_str(t, "place", x[i].place);
		tv_set_str(t, "total", page_num(r, x[i].total));
		tv_push(l, t);
	}
	return l;
}

void
web_cm_group(struct req *r)
{
	struct community_group_info *g;
	struct community_member_info *m;
	struct community_initiative_info *x;
	struct user_info *u;
	struct tval *d, *l, *t;
	int status = r->status;
	int64_t id = req_param_id(r, 0), cur = req_int(r, "user");
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_group_get(&r->svc, id, &g)) != SVC_OK ||
	    (rc = community_members(&r->svc, id, &m, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "community.group.title");
	tv_set(d, "g", group_obj(r, g));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", m[i].id);
		tv_set_str(t, "username", m[i].username);
		tv_set_str(t, "full_name", m[i].full_name);
		tv_push(l, t);
	}
	tv_set(d, "members", l);
	/* The users who may join: active community members in scope. */
	l = tv_list(r->a);
	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (user_list(&r->svc, 0, 500, 0, &u, &n) == SVC_OK)
		for (i = 0; i < n; i++)
			if (u[i].active && u[i].a.role == ROLE_COMMUNITY_MEMBER)
				tv_push(l, page_option(r, id_text(r, u[i].a.id),
				    arena_printf(r->a, "%s (%s)",
				    u[i].a.full_name, u[i].a.username),
				    u[i].a.id == cur));
	tv_set(d, "users", l);
	if (community_initiatives(&r->svc, id, &x, &n) == SVC_OK)
		tv_set(d, "initiatives", initiatives_list(r, x, n));
	page_errors(r, d);
	page_render(r, "community_group", d);
}

void
web_cm_member_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, community_member_add(&r->svc, id, req_int(r, "user")), 0,
	    web_cm_group, arena_printf(r->a, "/admin/community-groups/%lld",
	    (long long)id), "flash.community_member");
}

void
web_cm_member_remove(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, community_member_remove(&r->svc, id, req_param_id(r, 1)), 0,
	    web_cm_group, arena_printf(r->a, "/admin/community-groups/%lld",
	    (long long)id), "flash.community_member_removed");
}

/* ---------------------------------------------------------------- a member */

void
web_cm_home(struct req *r)
{
	struct community_group_info *g;
	struct community_alert_info *a;
	struct community_initiative_info *x;
	struct tval *d, *l, *t;
	size_t n, i;
	enum svc_rc rc;

	rc = community_groups(&r->svc, &g, &n);
	if (rc == SVC_DENIED && r->svc.err.msg != NULL &&
	    strcmp(r->svc.err.msg, "community.err.no_group") == 0) {
		d = page_data(r, "community.home.title");
		tv_set_bool(d, "no_group", 1);
		page_render(r, "community_home", d);
		return;
	}
	if (rc == SVC_OK && n == 0)
		rc = svc_fail(&r->svc, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != SVC_OK || (rc = community_alerts_mine(&r->svc, &a, &n)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "community.home.title");
	tv_set(d, "g", group_obj(r, &g[0]));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "filed_at", page_date(r, a[i].filed_at, 1));
		tv_set_str(t, "location", a[i].location);
		tv_set_str(t, "status", page_code(r, "community.status",
		    a[i].status));
		if (strcmp(a[i].status, "handled") == 0)
			tv_set_bool(t, "handled", 1);
		tv_push(l, t);
	}
	tv_set(d, "alerts", l);
	if (community_initiatives(&r->svc, 0, &x, &n) == SVC_OK)
		tv_set(d, "initiatives", initiatives_list(r, x, n));
	page_render(r, "community_home", d);
}

void
web_cm_alert_form(struct req *r)
{
	struct tval *d = page_data(r, "community.alert.title"), *v;

	v = tv_obj(r->a);
	tv_set_str(v, "location", req_str(r, "location"));
	tv_set_str(v, "seen", req_str(r, "seen"));
	tv_set_str(v, "child", req_str(r, "child"));
	if (req_bool(r, "immediate_danger"))
		tv_set_bool(v, "immediate_danger", 1);
	tv_set(d, "v", v);
	page_errors(r, d);
	page_render(r, "community_alert", d);
}

void
web_cm_alert_file(struct req *r)
{
	struct community_alert_new n;

	memset(&n, 0, sizeof(n));
	n.location = req_str(r, "location");
	n.seen = req_str(r, "seen");
	n.child = req_str(r, "child");
	n.immediate_danger = req_bool(r, "immediate_danger");
	after(r, community_alert_file(&r->svc, &n, NULL), 0, web_cm_alert_form,
	    "/community", "flash.community_alert");
}

void
web_cm_initiative_form(struct req *r)
{
	struct tval *d = page_data(r, "community.initiative.title"), *v, *l, *t;
	size_t b;

	v = tv_obj(r->a);
	tv_set_str(v, "title", req_str(r, "title"));
	tv_set_str(v, "start", req_str(r, "start"));
	tv_set_str(v, "end", req_str(r, "end"));
	tv_set_str(v, "place", req_str(r, "place"));
	tv_set(d, "v", v);
	tv_set(d, "types", choices(r, "community.type",
	    community_initiative_types, req_str(r, "type")));
	l = tv_list(r->a);
	for (b = 0; b < COMMUNITY_BANDS; b++) {
		const char *f = arena_printf(r->a, "f_%s", community_bands[b]);
		const char *m = arena_printf(r->a, "m_%s", community_bands[b]);

		t = tv_obj(r->a);
		tv_set_str(t, "band", page_code(r, "community.band",
		    community_bands[b]));
		tv_set_str(t, "f", f);
		tv_set_str(t, "m", m);
		tv_set_str(t, "fv", req_has(r, f) ? req_str(r, f) : "0");
		tv_set_str(t, "mv", req_has(r, m) ? req_str(r, m) : "0");
		tv_push(l, t);
	}
	tv_set(d, "bands", l);
	page_errors(r, d);
	page_render(r, "community_initiative", d);
}

void
web_cm_initiative_add(struct req *r)
{
	struct community_initiative_new n;
	size_t b;

	memset(&n, 0, sizeof(n));
	n.title = req_str(r, "title");
	n.type = req_str(r, "type");
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.place = req_str(r, "place");
	for (b = 0; b < COMMUNITY_BANDS; b++) {
		n.female[b] = req_int(r, arena_printf(r->a, "f_%s",
		    community_bands[b]));
		n.male[b] = req_int(r, arena_printf(r->a, "m_%s",
		    community_bands[b]));
	}
	after(r, community_initiative_add(&r->svc, &n, NULL), 0,
	    web_cm_initiative_form, "/community", "flash.community_initiative");
}

/* ---------------------------------------------------------------- triage */

static struct tval *
alert_obj(struct req *r, const struct community_alert_info *a)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", a->id);
	tv_set_str(t, "group", a->group_name);
	tv_set_str(t, "location", a->location);
	tv_set_str(t, "seen", a->seen);
	tv_set_str(t, "child", a->child);
	if (a->immediate_danger)
		tv_set_bool(t, "danger", 1);
	tv_set_str(t, "filed_at", page_date(r, a->filed_at, 1));
	tv_set_str(t, "status", page_code(r, "community.status", a->status));
	tv_set_str(t, "reason", a->reason);
	tv_set_int(t, "report_id", a->report_id);
	tv_set_int(t, "version", a->version);
	if (strcmp(a->status, "received") == 0)
		tv_set_bool(t, "waiting", 1);
	return t;
}

void
web_cm_triage(struct req *r)
{
	struct community_alert_info *a;
	struct tval *d, *l;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_alerts(&r->svc, "received", &a, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "community.triage.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, alert_obj(r, &a[i]));
	tv_set(d, "alerts", l);
	page_render(r, "community_triage", d);
}

void
web_cm_triage_view(struct req *r)
{
	struct community_alert_info *a;
	struct concern_info *ci;
	struct tval *d, *l, *c;
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_alert_get(&r->svc, req_param_id(r, 0), &a)) !=
	    SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "community.triage.view");
	tv_set(d, "a", alert_obj(r, a));
	l = tv_list(r->a);
	if (ref_concerns(&r->svc, &ci, &n) == SVC_OK)
		for (i = 0; i < n; i++) {
			const char *name = arena_printf(r->a, "concern_%s",
			    ci[i].code);

			c = tv_obj(r->a);
			tv_set_str(c, "name", name);
			tv_set_str(c, "label", ci[i].label[r->lang < 3 ?
			    r->lang : 0]);
			if (req_bool(r, name))
				tv_set_bool(c, "checked", 1);
			tv_push(l, c);
		}
	tv_set(d, "concerns", l);
	tv_set_str(d, "reason", page_posted(r, "reason", ""));
	page_errors(r, d);
	page_render(r, "community_alert_view", d);
}

void
web_cm_triage_admit(struct req *r)
{
	struct concern_info *ci;
	const char **codes;
	size_t n, i, k = 0;
	int64_t report = 0;
	enum svc_rc rc;

	if ((rc = ref_concerns(&r->svc, &ci, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if ((codes = arena_zalloc(r->a, (n + 1) * sizeof(*codes))) == NULL) {
		page_fail(r, SVC_TOOBIG, NULL);
		return;
	}
	for (i = 0; i < n; i++)
		if (req_bool(r, arena_printf(r->a, "concern_%s", ci[i].code)))
			codes[k++] = ci[i].code;
	rc = community_alert_admit(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), codes, k, &report);
	after(r, rc, 0, web_cm_triage_view, arena_printf(r->a,
	    "/intake/%lld", (long long)report), "flash.community_admitted");
}

void
web_cm_triage_reject(struct req *r)
{
	after(r, community_alert_reject(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "reason")), 0,
	    web_cm_triage_view, "/community-alerts",
	    "flash.community_not_admitted");
}
