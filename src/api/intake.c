/*
 * intake.c — the JSON API of intake and children (api layer): reports of
 * concern, their decisions, a child's record and the duplicate check. See
 * api_intake.h and docs/API.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "api.h"
#include "../svc/child.h"
#include "../svc/intake.h"
#include "../web/web_children.h"
#include "api_intake.h"

static void
kstr_or_null(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	if (v && *v)
		jw_str(w, v);
	else
		jw_null(w);
}

static void
report_json(struct jw *w, const struct report_info *x, int full)
{
	size_t i;

	jw_obj_open(w);
	jw_kint(w, "id", x->id);
	jw_kint(w, "municipality_id", x->municipality_id);
	jw_kint(w, "agency_id", x->agency_id);
	jw_kint(w, "received_at", x->received_at);
	jw_kstr(w, "channel", x->channel);
	jw_kstr(w, "referrer_type", x->referrer_type);
	jw_kstr(w, "referrer_name", x->referrer_name);
	jw_kstr(w, "referrer_contact", x->referrer_contact);
	jw_kstr(w, "given_name", x->given);
	jw_kstr(w, "family_name", x->family);
	jw_kstr(w, "parent_name", x->parent);
	jw_kstr(w, "sex", x->sex);
	kstr_or_null(w, "birth_date", x->birth_date);
	jw_key(w, "age");
	if (x->age >= 0)
		jw_int(w, x->age);
	else
		jw_null(w);
	jw_kstr(w, "location", x->location);
	if (full)
		jw_kstr(w, "narrative", x->narrative);
	jw_kbool(w, "immediate_danger", x->immediate_danger);
	jw_kstr(w, "status", x->status);
	jw_key(w, "concerns");
	jw_arr_open(w);
	for (i = 0; i < x->nconcerns; i++)
		jw_str(w, x->concerns[i].code);
	jw_arr_close(w);
	if (full) {
		jw_kstr(w, "decision_reason", x->decision_reason);
		jw_kstr(w, "onward_referral", x->onward_referral);
	}
	jw_kint_nz(w, "child_id", x->child_id);
	jw_kint_nz(w, "case_id", x->case_id);
	kstr_or_null(w, "case_number", x->case_number);
	jw_kint(w, "version", x->version);
	jw_obj_close(w);
}

void
api_report_create(struct req *r)
{
	struct report_new n;
	int64_t id = 0;
	struct jw w;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.municipality_id = req_int(r, "municipality");
	n.received_on = req_str(r, "received_on");
	n.channel = req_str(r, "channel");
	n.referrer_type = req_str(r, "referrer_type");
	n.referrer_name = req_str(r, "referrer_name");
	n.referrer_contact = req_str(r, "referrer_contact");
	n.given = req_str(r, "given_name");
	n.family = req_str(r, "family_name");
	n.parent = req_str(r, "parent_name");
	n.sex = req_str(r, "sex");
	n.birth_date = req_str(r, "birth_date");
	n.age = req_has(r, "age") ? (int)req_int(r, "age") : -1;
	n.location = req_str(r, "location");
	n.narrative = req_str(r, "narrative");
	n.immediate_danger = req_bool(r, "immediate_danger");
	n.concerns = api_split(r, req_str(r, "concerns"), &n.nconcerns);
	if ((rc = intake_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_obj_close(&w);
}

void
api_reports(struct req *r)
{
	struct report_info *x;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	size_t n, i;
	struct jw w;
	enum svc_rc rc;

	rc = intake_list(&r->svc, req_has(r, "status") ? req_str(r, "status") :
	    "received", 50, (page - 1) * 50, &x, &n);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "page", page);
	jw_key(&w, "reports");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		report_json(&w, &x[i], 0);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
candidates_json(struct jw *w, const struct child_candidate *c, size_t n)
{
	size_t i, j;

	jw_key(w, "candidates");
	jw_arr_open(w);
	for (i = 0; i < n; i++) {
		jw_obj_open(w);
		jw_kint(w, "child_id", c[i].child_id);
		jw_kint(w, "score", c[i].score);
		jw_key(w, "reasons");
		jw_arr_open(w);
		for (j = 0; j < c[i].m.nreasons; j++) {
			const char *f = names_field_str(c[i].m.reasons[j].field);

			jw_str(w, f ? arena_printf(w->b->a, "%s:%s",
			    names_reason_str(c[i].m.reasons[j].code), f) :
			    names_reason_str(c[i].m.reasons[j].code));
		}
		jw_arr_close(w);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

void
api_report_get(struct req *r)
{
	struct report_info *x;
	struct child_candidate *c = NULL;
	size_t n = 0;
	struct jw w;
	enum svc_rc rc;

	if ((rc = intake_get(&r->svc, req_param_id(r, 0), &x)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	if (strcmp(x->status, "received") == 0 &&
	    (rc = intake_candidates(&r->svc, x, &c, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "report");
	report_json(&w, x, 1);
	candidates_json(&w, c, n);
	jw_obj_close(&w);
}

void
api_report_not_admitted(struct req *r)
{
	struct jw w;
	enum svc_rc rc;

	rc = intake_not_admitted(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), req_str(r, "reason"),
	    req_str(r, "onward_referral"));
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "id", req_param_id(r, 0));
	jw_kstr(&w, "status", "not_admitted");
	jw_obj_close(&w);
}

void
api_report_register(struct req *r)
{
	struct child_fields c;
	struct intake_reg reg;
	int64_t case_id = 0;
	const char *number = NULL;
	struct jw w;
	enum svc_rc rc;

	web_child_fields(r, &c);
	memset(&reg, 0, sizeof(reg));
	reg.report_id = req_param_id(r, 0);
	reg.version = req_int(r, "version");
	reg.child_id = req_int(r, "child");
	reg.child = &c;
	reg.primary = req_str(r, "primary_concern");
	if ((rc = intake_register(&r->svc, &reg, &case_id, &number)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "case_id", case_id);
	kstr_or_null(&w, "case_number", number);
	jw_obj_close(&w);
}

void
api_child_match(struct req *r)
{
	struct child_candidate *c;
	struct child_query q;
	size_t n;
	struct jw w;
	enum svc_rc rc;

	memset(&q, 0, sizeof(q));
	q.given = req_str(r, "given_name");
	q.family = req_str(r, "family_name");
	q.parent = req_str(r, "parent_name");
	q.birth_date = req_str(r, "birth_date");
	q.sex = req_str(r, "sex");
	q.age = -1;
	q.municipality_id = req_int(r, "municipality");
	if ((rc = child_match(&r->svc, &q, &c, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	candidates_json(&w, c, n);
	jw_obj_close(&w);
}
