/*
 * intake.c — the intake pages: the list of reports waiting, the form of a
 * new report, a report with its duplicate candidates and decisions; the
 * child search ("is this child already known?") and a child's record (web
 * layer: validated input -> svc/intake.c, svc/child.c -> templates).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/child.h"
#include "../svc/intake.h"
#include "../svc/reference.h"
#include "render.h"
#include "web_children.h"
#include "web_intake.h"
#include "web_visit.h"

#define PAGE_SIZE 50

static void
report_row(struct req *r, struct tval *t, const struct report_info *x)
{
	struct tval *cl = tv_list(r->a);
	size_t i;

	tv_set_int(t, "id", x->id);
	tv_set_str(t, "received", page_date(r, x->received_at, 1));
	tv_set_str(t, "channel", page_t(r, arena_printf(r->a, "channel.%s",
	    x->channel)));
	tv_set_str(t, "referrer", page_t(r, arena_printf(r->a, "referrer.%s",
	    x->referrer_type)));
	tv_set_str(t, "referrer_name", x->referrer_name);
	tv_set_str(t, "referrer_contact", x->referrer_contact);
	tv_set_str(t, "child", *x->given || *x->family ? arena_printf(r->a,
	    "%s %s", x->given, x->family) : page_t(r, "intake.child_unknown"));
	tv_set_str(t, "given", x->given);
	tv_set_str(t, "family", x->family);
	tv_set_str(t, "parent", x->parent);
	tv_set_str(t, "sex", web_child_sex(r, x->sex));
	tv_set_str(t, "birth_date", web_child_date(r, x->birth_date));
	if (x->age >= 0)
		tv_set_int(t, "age", x->age);
	tv_set_str(t, "location", x->location);
	tv_set_str(t, "narrative", x->narrative);
	tv_set_str(t, "municipality", x->municipality_name);
	tv_set_str(t, "created_by", x->created_by_name);
	if (x->immediate_danger)
		tv_set_bool(t, "danger", 1);
	tv_set_str(t, "status", page_t(r, arena_printf(r->a,
	    "report.status.%s", x->status)));
	tv_set_str(t, "reason", x->decision_reason);
	tv_set_str(t, "onward", x->onward_referral);
	if (x->case_id) {
		tv_set_int(t, "case_id", x->case_id);
		tv_set_str(t, "case_number", x->case_number);
	}
	tv_set_int(t, "version", x->version);
	for (i = 0; i < x->nconcerns; i++) {
		struct tval *c = tv_obj(r->a);

		tv_set_str(c, "code", x->concerns[i].code);
		tv_set_str(c, "label", x->concerns[i].label[r->lang < 3 ?
		    r->lang : 0]);
		tv_push(cl, c);
	}
	tv_set(t, "concerns", cl);
}

void
web_intake_list(struct req *r)
{
	struct tval *d = page_data(r, "intake.title"), *rows, *t;
	struct report_info *x;
	const char *status = req_has(r, "status") ? req_str(r, "status") :
	    "received";
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	size_t n, i;
	enum svc_rc rc;

	rc = intake_list(&r->svc, status, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE,
	    &x, &n);
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n && i < PAGE_SIZE; i++) {
		t = tv_obj(r->a);
		report_row(r, t, &x[i]);
		tv_push(rows, t);
	}
	tv_set(d, "reports", rows);
	tv_set(d, "statuses", web_child_options(r, (const char *const[]){
	    "received", "registered", "not_admitted", NULL }, "report.status",
	    status, NULL));
	if (page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "/intake?status=%s&page=%d",
		    status, page - 1));
	if (n > PAGE_SIZE)
		tv_set_str(d, "next", arena_printf(r->a, "/intake?status=%s&page=%d",
		    status, page + 1));
	page_render(r, "intake_list", d);
}

void
web_intake_new(struct req *r)
{
	struct tval *d = page_data(r, "intake.new"), *v = tv_obj(r->a), *cl;
	struct concern_info *ci;
	size_t n, i;
	static const char *const keep[] = { "received_on", "referrer_name",
		"referrer_contact", "given_name", "family_name", "parent_name",
		"birth_date", "age", "location", "narrative", NULL };
	const char *const *k;

	for (k = keep; *k; k++)
		tv_set_str(v, *k, req_str(r, *k));
	if (req_bool(r, "immediate_danger"))
		tv_set_bool(v, "immediate_danger", 1);
	tv_set(d, "v", v);
	tv_set(d, "municipalities", web_child_munis(r, req_int(r,
	    "municipality")));
	tv_set(d, "channels", web_child_options(r, intake_channels, "channel",
	    req_str(r, "channel"), "common.choose"));
	tv_set(d, "referrers", web_child_options(r, intake_referrers, "referrer",
	    req_str(r, "referrer_type"), "common.choose"));
	tv_set(d, "sexes", web_child_options(r, child_sexes, "sex",
	    req_has(r, "sex") ? req_str(r, "sex") : "u", NULL));
	cl = tv_list(r->a);
	if (ref_concerns(&r->svc, &ci, &n) == SVC_OK)
		for (i = 0; i < n; i++) {
			struct tval *c = tv_obj(r->a);
			const char *name = arena_printf(r->a, "concern_%s",
			    ci[i].code);

			tv_set_str(c, "name", name);
			tv_set_str(c, "label", ci[i].label[r->lang < 3 ?
			    r->lang : 0]);
			if (req_bool(r, name))
				tv_set_bool(c, "checked", 1);
			tv_push(cl, c);
		}
	tv_set(d, "concerns", cl);
	web_child_errors(r, d);
	page_render(r, "intake_new", d);
}

void
web_intake_create(struct req *r)
{
	struct report_new n;
	struct concern_info *ci;
	const char **codes;
	size_t nci = 0, i;
	int64_t id;
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
	if ((rc = ref_concerns(&r->svc, &ci, &nci)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	codes = arena_zalloc(r->a, (nci + 1) * sizeof(*codes));
	for (i = 0; codes != NULL && i < nci; i++)
		if (req_bool(r, arena_printf(r->a, "concern_%s", ci[i].code)))
			codes[n.nconcerns++] = ci[i].code;
	n.concerns = codes;
	rc = intake_create(&r->svc, &n, &id);
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_intake_new(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/intake/%lld", (long long)id),
	    "flash.saved");
}

void
web_intake_view(struct req *r)
{
	struct tval *d = page_data(r, "intake.report"), *t = tv_obj(r->a), *v;
	struct report_info *x;
	struct child_candidate *c;
	size_t n;
	enum svc_rc rc;
	int64_t id = req_param_id(r, 0);
	int posted = r->method == M_POST;

	if ((rc = intake_get(&r->svc, id, &x)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	report_row(r, t, x);
	tv_set(d, "r", t);
	if (strcmp(x->status, "received") == 0) {
		tv_set_bool(d, "open", 1);
		if (intake_candidates(&r->svc, x, &c, &n) == SVC_OK)
			tv_set(d, "candidates", web_child_candidates(r, c, n,
			    req_int(r, "child")));
		if (authz_allows(r->actor, PERM_CASE_WRITE, NULL))
			tv_set_bool(d, "can_register", 1);
		/* The new child's fields, from the report or as posted. */
		v = tv_obj(r->a);
		tv_set_str(v, "given_name", posted ? req_str(r, "given_name") :
		    x->given);
		tv_set_str(v, "family_name", posted ? req_str(r, "family_name") :
		    x->family);
		tv_set_str(v, "parent_name", posted ? req_str(r, "parent_name") :
		    x->parent);
		tv_set_str(v, "birth_date", posted ? req_str(r, "birth_date") :
		    web_child_date(r, x->birth_date));
		tv_set_str(v, "personal_number", req_str(r, "personal_number"));
		tv_set_str(v, "citizenship", req_str(r, "citizenship"));
		tv_set_str(v, "language", req_str(r, "language"));
		tv_set_str(v, "disability_note", req_str(r, "disability_note"));
		tv_set_str(v, "address", posted ? req_str(r, "address") :
		    x->location);
		tv_set_str(v, "admin_unit", req_str(r, "admin_unit"));
		tv_set_str(v, "caregiver_name", req_str(r, "caregiver_name"));
		tv_set_str(v, "caregiver_phone", req_str(r, "caregiver_phone"));
		tv_set_str(v, "reason", req_str(r, "reason"));
		tv_set_str(v, "onward_referral", req_str(r, "onward_referral"));
		if (req_bool(r, "birth_estimated"))
			tv_set_bool(v, "birth_estimated", 1);
		if (req_bool(r, "stateless"))
			tv_set_bool(v, "stateless", 1);
		if (req_bool(r, "caregiver_guardian"))
			tv_set_bool(v, "caregiver_guardian", 1);
		if (!req_has(r, "child"))
			tv_set_bool(v, "new_child", 1);
		tv_set(d, "v", v);
		tv_set(d, "sexes", web_child_options(r, child_sexes, "sex", posted ?
		    req_str(r, "sex") : x->sex, NULL));
		tv_set(d, "communities", web_child_options(r, child_communities,
		    "community", req_has(r, "community") ?
		    req_str(r, "community") : "unknown", NULL));
		tv_set(d, "disabilities", web_child_options(r, child_disabilities,
		    "child.disability", req_has(r, "disability") ?
		    req_str(r, "disability") : "unknown", NULL));
		tv_set(d, "schools", web_child_options(r, child_school_statuses,
		    "school", req_has(r, "school_status") ?
		    req_str(r, "school_status") : "unknown", NULL));
		tv_set(d, "relations", web_child_options(r, child_relations,
		    "child.relation", req_str(r, "caregiver_relation"),
		    "common.none"));
		tv_set(d, "municipalities", web_child_munis(r,
		    req_has(r, "child_municipality") ?
		    req_int(r, "child_municipality") : x->municipality_id));
		{
			struct tval *pl = tv_list(r->a);
			size_t i;
			const char *cur = req_str(r, "primary_concern");

			for (i = 0; i < x->nconcerns; i++)
				tv_push(pl, page_option(r, x->concerns[i].code,
				    x->concerns[i].label[r->lang < 3 ? r->lang :
				    0], strcmp(cur, x->concerns[i].code) == 0 ||
				    (!*cur && x->nconcerns == 1)));
			tv_set(d, "primaries", pl);
		}
	}
	web_visit_of_report(r, d, x->id);	/* the visit it came from */
	web_child_errors(r, d);
	page_render(r, "intake_view", d);
}

/* A decision's failure: the form again (400), or the error page. */
static void
decision_failed(struct req *r, enum svc_rc rc)
{
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_intake_view(r);
		if (r->status == 200)
			r->status = 400;
		return;
	}
	page_fail(r, rc, &r->svc.err);
}

void
web_intake_not_admitted(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	rc = intake_not_admitted(&r->svc, id, req_int(r, "version"),
	    req_str(r, "reason"), req_str(r, "onward_referral"));
	if (rc != SVC_OK) {
		decision_failed(r, rc);
		return;
	}
	page_redirect(r, "/intake", "flash.saved");
}

void
web_intake_register(struct req *r)
{
	struct child_fields cf;
	struct intake_reg reg;
	int64_t case_id = 0;
	const char *number = NULL;
	enum svc_rc rc;

	web_child_fields(r, &cf);
	memset(&reg, 0, sizeof(reg));
	reg.report_id = req_param_id(r, 0);
	reg.version = req_int(r, "version");
	reg.child_id = req_int(r, "child");
	reg.child = &cf;
	reg.primary = req_str(r, "primary_concern");
	rc = intake_register(&r->svc, &reg, &case_id, &number);
	if (rc != SVC_OK) {
		decision_failed(r, rc);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/cases/%lld", (long long)case_id),
	    "flash.saved");
}

void
web_child_match(struct req *r)
{
	struct tval *d = page_data(r, "child.match.title"), *v = tv_obj(r->a);
	struct child_candidate *c;
	struct child_query q;
	size_t n;
	enum svc_rc rc;

	tv_set_str(v, "given_name", req_str(r, "given_name"));
	tv_set_str(v, "family_name", req_str(r, "family_name"));
	tv_set_str(v, "parent_name", req_str(r, "parent_name"));
	tv_set_str(v, "birth_date", req_str(r, "birth_date"));
	tv_set(d, "v", v);
	tv_set(d, "sexes", web_child_options(r, child_sexes, "sex",
	    req_str(r, "sex"), "child.any"));
	/* A supervisor picks two candidates to compare and merge. */
	if (authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL))
		tv_set_bool(d, "can_merge", 1);
	if (r->nerrors == 0 && (req_has(r, "given_name") ||
	    req_has(r, "family_name"))) {
		memset(&q, 0, sizeof(q));
		q.given = req_str(r, "given_name");
		q.family = req_str(r, "family_name");
		q.parent = req_str(r, "parent_name");
		q.birth_date = req_str(r, "birth_date");
		q.sex = req_str(r, "sex");
		q.age = -1;
		q.municipality_id = req_int(r, "municipality");
		rc = child_match(&r->svc, &q, &c, &n);
		if (rc == SVC_INVALID) {
			r->status = 400;
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		} else if (rc != SVC_OK) {
			page_fail(r, rc, &r->svc.err);
			return;
		} else {
			tv_set_bool(d, "searched", 1);
			tv_set(d, "candidates", web_child_candidates(r, c, n, 0));
		}
	}
	web_child_errors(r, d);
	page_render(r, "child_match", d);
}
