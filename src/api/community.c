/*
 * community.c — the JSON API of consent and of the community advisory
 * groups (api layer): /api/v1/cases/{id}/consents and the overrides,
 * /api/v1/community-groups (the municipal administrator),
 * /api/v1/community/... (a group member's alerts and initiatives) and
 * /api/v1/community-alerts (the Centre's triage). See api_community.h and
 * docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/case.h"
#include "../svc/community.h"
#include "../svc/consent.h"
#include "api.h"
#include "api_cases.h"
#include "api_community.h"

/* Codes separated by commas as a JSON array. */
static void
kcodes(struct req *r, struct jw *w, const char *k, const char *codes)
{
	const char **v;
	size_t i, n;

	jw_key(w, k);
	jw_arr_open(w);
	if ((v = api_split(r, codes != NULL ? codes : "", &n)) != NULL)
		for (i = 0; i < n; i++)
			jw_str(w, v[i]);
	jw_arr_close(w);
}

/* ---------------------------------------------------------------- consent */

static void
consent_json(struct req *r, struct jw *w, const struct consent_info *c)
{
	jw_obj_open(w);
	jw_kint(w, "id", c->id);
	jw_kstr(w, "kind", c->kind);
	jw_kstr_nz(w, "giver_name", c->giver_name);
	jw_kstr_nz(w, "relation", c->relation);
	jw_kstr_nz(w, "override_code", c->override_code);
	jw_kstr_nz(w, "override_reason", c->override_reason);
	jw_kbool(w, "all_agencies", c->all_agencies);
	jw_kstr(w, "agencies", c->agencies);
	kcodes(r, w, "categories", c->categories);
	jw_kstr(w, "date", c->date);
	jw_kint(w, "author_id", c->author_id);
	jw_kstr(w, "author", c->author);
	jw_kint(w, "created_at", c->created_at);
	jw_kbool(w, "in_force", *c->withdrawn_date == '\0');
	jw_kstr_nz(w, "withdrawn_date", c->withdrawn_date);
	jw_kstr_nz(w, "withdrawn_reason", c->withdrawn_reason);
	jw_kint_nz(w, "withdrawn_by", c->withdrawn_by);
	jw_kint_nz(w, "withdrawn_at", c->withdrawn_at);
	jw_obj_close(w);
}

/* The consents of case id (read and audited through case_get()). */
static void
consents_json(struct req *r, int status, int64_t id)
{
	struct case_full *f;
	struct consent_info *c;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK ||
	    (rc = consent_of_case(&r->svc, id, &c, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_kint(&w, "case_id", f->c.id);
	jw_kstr(&w, "number", f->c.number);
	jw_kint(&w, "version", f->c.version);
	jw_key(&w, "consents");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		consent_json(r, &w, &c[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_consents(struct req *r)
{
	consents_json(r, 200, req_param_id(r, 0));
}

/* The scope of a consent from the API's fields; 0 on a bad agency id. */
static int
scope(struct req *r, struct consent_new *n)
{
	const char **v;
	int64_t *ids;
	size_t k, i;
	char *end;

	n->all_agencies = req_bool(r, "all_agencies");
	n->categories = api_split(r, req_str(r, "categories"),
	    &n->ncategories);
	n->date = req_str(r, "date");
	v = api_split(r, req_str(r, "agencies"), &k);
	if (v == NULL || n->categories == NULL ||
	    (ids = arena_zalloc(r->a, (k + 1) * sizeof(*ids))) == NULL)
		return 0;
	for (i = 0; i < k; i++) {
		ids[i] = strtoll(v[i], &end, 10);
		if (*end != '\0' || ids[i] <= 0 || strlen(v[i]) > 15)
			return 0;
	}
	n->agencies = ids;
	n->nagencies = k;
	return 1;
}

static void
bad_agencies(struct req *r)
{
	(void)svc_fail(&r->svc, SVC_INVALID, "agencies", "error.field.id");
	api_fail(r, SVC_INVALID);
}

/* A consent, or a supervisor's override, from the API's fields. */
static void
consent_write(struct req *r, int override)
{
	struct consent_new n;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	if (!scope(r, &n)) {
		bad_agencies(r);
		return;
	}
	n.giver_name = req_str(r, "giver_name");
	n.relation = req_str(r, "relation");
	n.override_code = req_str(r, "override_code");
	n.override_reason = req_str(r, "override_reason");
	rc = override ? consent_override(&r->svc, id, req_int(r, "version"),
	    &n, NULL) : consent_record(&r->svc, id, req_int(r, "version"), &n,
	    NULL);
	api_case_answer(r, rc, id, 201, consents_json);
}

void
api_consent_record(struct req *r)
{
	consent_write(r, 0);
}

void
api_consent_override(struct req *r)
{
	consent_write(r, 1);
}

void
api_consent_withdraw(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	api_case_answer(r, consent_withdraw(&r->svc, id, req_param_id(r, 1),
	    req_int(r, "version"), req_str(r, "date"), req_str(r, "reason")),
	    id, 200, consents_json);
}

void
api_consent_overrides(struct req *r)
{
	struct consent_override_info *o;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = consent_overrides(&r->svc, &o, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "overrides");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", o[i].id);
		jw_kint(&w, "case_id", o[i].case_id);
		jw_kstr(&w, "number", o[i].number);
		jw_kstr(&w, "code", o[i].code);
		jw_kstr_nz(&w, "reason", o[i].reason);
		jw_kstr(&w, "date", o[i].date);
		jw_kstr(&w, "author", o[i].author);
		jw_kint(&w, "created_at", o[i].created_at);
		jw_kstr_nz(&w, "withdrawn_date", o[i].withdrawn_date);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* ---------------------------------------------------------------- groups */

static void
group_json(struct req *r, struct jw *w, const struct community_group_info *g)
{
	jw_kint(w, "id", g->id);
	jw_kint(w, "municipality_id", g->municipality_id);
	jw_kstr(w, "municipality", g->municipality_sq);
	jw_kstr(w, "country", g->country);
	jw_kstr(w, "name", g->name);
	jw_kbool(w, "active", g->active);
	kcodes(r, w, "communities", g->communities);
	jw_kint(w, "members", g->members);
}

void
api_cm_groups(struct req *r)
{
	struct community_group_info *g;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_groups(&r->svc, &g, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "groups");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		group_json(r, &w, &g[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
group_answer(struct req *r, int status, int64_t id)
{
	struct community_group_info *g;
	struct community_member_info *m;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = community_group_get(&r->svc, id, &g)) != SVC_OK ||
	    (rc = community_members(&r->svc, id, &m, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	group_json(r, &w, g);
	jw_key(&w, "member_list");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", m[i].id);
		jw_kstr(&w, "username", m[i].username);
		jw_kstr(&w, "full_name", m[i].full_name);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_cm_group(struct req *r)
{
	group_answer(r, 200, req_param_id(r, 0));
}

void
api_cm_group_create(struct req *r)
{
	const char **c;
	size_t n;
	int64_t id = 0;
	enum svc_rc rc;

	c = api_split(r, req_str(r, "communities"), &n);
	if (c == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return;
	}
	if ((rc = community_group_create(&r->svc, req_int(r, "municipality"),
	    req_str(r, "name"), c, n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	group_answer(r, 201, id);
}

void
api_cm_member_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = community_member_add(&r->svc, id, req_int(r, "user"))) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	group_answer(r, 200, id);
}

void
api_cm_member_remove(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = community_member_remove(&r->svc, id, req_param_id(r, 1))) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	group_answer(r, 200, id);
}

/* ---------------------------------------------------------------- alerts */

/* An alert; full: the Centre's view (the text, the decision). */
static void
alert_json(struct jw *w, const struct community_alert_info *a, int full)
{
	jw_obj_open(w);
	jw_kint(w, "id", a->id);
	jw_kint(w, "group_id", a->group_id);
	jw_kstr(w, "group", a->group_name);
	jw_kstr(w, "location", a->location);
	jw_kstr(w, "seen", a->seen);
	jw_kstr(w, "child", a->child);
	jw_kbool(w, "immediate_danger", a->immediate_danger);
	jw_kint(w, "filed_at", a->filed_at);
	jw_kstr(w, "status", a->status);
	if (full) {
		jw_kint(w, "municipality_id", a->municipality_id);
		jw_kstr_nz(w, "reason", a->reason);
		jw_kint_nz(w, "report_id", a->report_id);
		jw_kint_nz(w, "decided_at", a->decided_at);
		jw_kint(w, "version", a->version);
	}
	jw_obj_close(w);
}

static void
alerts_answer(struct req *r, enum svc_rc rc,
    const struct community_alert_info *a, size_t n, int full)
{
	struct jw w;
	size_t i;

	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "alerts");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		alert_json(&w, &a[i], full);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_cm_alerts_mine(struct req *r)
{
	struct community_alert_info *a;
	size_t n;
	enum svc_rc rc;

	rc = community_alerts_mine(&r->svc, &a, &n);
	alerts_answer(r, rc, a, n, 0);
}

void
api_cm_alert_file(struct req *r)
{
	struct community_alert_new n;
	int64_t id = 0;
	struct jw w;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.location = req_str(r, "location");
	n.seen = req_str(r, "seen");
	n.child = req_str(r, "child");
	n.immediate_danger = req_bool(r, "immediate_danger");
	if ((rc = community_alert_file(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_kstr(&w, "status", "received");
	jw_obj_close(&w);
}

void
api_cm_triage(struct req *r)
{
	struct community_alert_info *a;
	size_t n;
	enum svc_rc rc;

	rc = community_alerts(&r->svc, req_has(r, "status") ? req_str(r,
	    "status") : "received", &a, &n);
	alerts_answer(r, rc, a, n, 1);
}

static void
alert_answer(struct req *r, int64_t id)
{
	struct community_alert_info *a;
	struct jw w;
	enum svc_rc rc;

	if ((rc = community_alert_get(&r->svc, id, &a)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	alert_json(&w, a, 1);
}

void
api_cm_triage_get(struct req *r)
{
	alert_answer(r, req_param_id(r, 0));
}

void
api_cm_triage_admit(struct req *r)
{
	const char **c;
	size_t n;
	int64_t id = req_param_id(r, 0), report = 0;
	enum svc_rc rc;

	c = api_split(r, req_str(r, "concerns"), &n);
	if (c == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL, "error.toobig"));
		return;
	}
	if ((rc = community_alert_admit(&r->svc, id, req_int(r, "version"), c,
	    n, &report)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	alert_answer(r, id);
}

void
api_cm_triage_reject(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	if ((rc = community_alert_reject(&r->svc, id, req_int(r, "version"),
	    req_str(r, "reason"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	alert_answer(r, id);
}

/* ---------------------------------------------------------------- initiatives */

void
api_cm_initiatives(struct req *r)
{
	struct community_initiative_info *x;
	struct jw w;
	size_t n, i, b;
	enum svc_rc rc;

	if ((rc = community_initiatives(&r->svc, 0, &x, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "initiatives");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "id", x[i].id);
		jw_kint(&w, "group_id", x[i].group_id);
		jw_kstr(&w, "title", x[i].title);
		jw_kstr(&w, "type", x[i].type);
		jw_kstr(&w, "start", x[i].start);
		jw_kstr(&w, "end", x[i].end);
		jw_kstr(&w, "place", x[i].place);
		for (b = 0; b < COMMUNITY_BANDS; b++) {
			jw_kint(&w, arena_printf(r->a, "f_%s",
			    community_bands[b]), x[i].female[b]);
			jw_kint(&w, arena_printf(r->a, "m_%s",
			    community_bands[b]), x[i].male[b]);
		}
		jw_kint(&w, "total", x[i].total);
		jw_kint(&w, "created_at", x[i].created_at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_cm_initiative_add(struct req *r)
{
	struct community_initiative_new n;
	int64_t id = 0;
	struct jw w;
	size_t b;
	enum svc_rc rc;

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
	if ((rc = community_initiative_add(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_obj_close(&w);
}
