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
#include "web_intake.h"

#define PAGE_SIZE 50

/* Options of a closed set with labels prefix.value; an empty first option
 * (label key empty_key) when empty_key is not NULL. */
static struct tval *
set_options(struct req *r, const char *const *set, const char *prefix,
    const char *cur, const char *empty_key)
{
	struct tval *l = tv_list(r->a);

	if (empty_key != NULL)
		tv_push(l, page_option(r, "", page_t(r, empty_key), !cur || !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_t(r, arena_printf(r->a, "%s.%s",
		    prefix, *set)), cur && strcmp(cur, *set) == 0));
	return l;
}

static struct tval *
muni_options(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct muni_info *m;
	size_t n, i;

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (ref_municipalities(&r->svc, &m, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++) {
		if (r->actor->country && strcmp(r->actor->country,
		    m[i].country) != 0)
			continue;
		tv_push(l, page_option(r, arena_printf(r->a, "%lld",
		    (long long)m[i].id), r->lang == LANG_SR ? m[i].name_sr :
		    m[i].name_sq, m[i].id == cur));
	}
	return l;
}

/* Field errors as page_errors(), with the concern checkboxes named by
 * their concern and the field (the raw name) in the alert. */
static void
errors(struct req *r, struct tval *d)
{
	const char *f, *label;

	page_errors(r, d);
	if (r->nerrors == 0 || (f = r->errors[0].field) == NULL)
		return;
	label = i18n_has(arena_printf(r->a, "field.%s", f)) ?
	    page_t(r, arena_printf(r->a, "field.%s", f)) : f;
	tv_set_str(d, "error", arena_printf(r->a, "%s: %s (%s)", label,
	    page_t(r, r->errors[0].msg), f));
}

static const char *
sex_label(struct req *r, const char *s)
{
	return page_t(r, arena_printf(r->a, "sex.%s", *s ? s : "u"));
}

static const char *
iso_to_local(struct req *r, const char *iso)
{
	if (iso == NULL || strlen(iso) != 10)
		return "";
	return arena_printf(r->a, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

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
	tv_set_str(t, "sex", sex_label(r, x->sex));
	tv_set_str(t, "birth_date", iso_to_local(r, x->birth_date));
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
	tv_set(d, "statuses", set_options(r, (const char *const[]){ "received",
	    "registered", "not_admitted", NULL }, "report.status", status,
	    NULL));
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
	tv_set(d, "municipalities", muni_options(r, req_int(r, "municipality")));
	tv_set(d, "channels", set_options(r, intake_channels, "channel",
	    req_str(r, "channel"), "common.choose"));
	tv_set(d, "referrers", set_options(r, intake_referrers, "referrer",
	    req_str(r, "referrer_type"), "common.choose"));
	tv_set(d, "sexes", set_options(r, child_sexes, "sex",
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
	errors(r, d);
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

static struct tval *
reasons(struct req *r, const struct match_result *m)
{
	struct tval *l = tv_list(r->a);
	const char *f;
	size_t i;

	for (i = 0; i < m->nreasons; i++) {
		f = names_field_str(m->reasons[i].field);
		tv_push(l, tv_str(r->a, f ? arena_printf(r->a, "%s (%s)",
		    page_t(r, arena_printf(r->a, "child.reason.%s",
		    names_reason_str(m->reasons[i].code))),
		    page_t(r, arena_printf(r->a, "field.%s", f))) :
		    page_t(r, arena_printf(r->a, "child.reason.%s",
		    names_reason_str(m->reasons[i].code)))));
	}
	return l;
}

static struct tval *
candidates(struct req *r, const struct child_candidate *c, size_t n,
    int64_t chosen)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", c[i].child_id);
		tv_set_int(t, "score", c[i].score);
		if (c[i].score >= NAMES_SCORE_LIKELY)
			tv_set_bool(t, "likely", 1);
		tv_set_str(t, "name", arena_printf(r->a, "%s %s",
		    c[i].child->given, c[i].child->family));
		tv_set_str(t, "parent", c[i].child->parent);
		tv_set_str(t, "birth_date", iso_to_local(r,
		    c[i].child->birth_date));
		tv_set_str(t, "sex", sex_label(r, c[i].child->sex));
		tv_set_str(t, "municipality", c[i].child->municipality_name);
		tv_set(t, "reasons", reasons(r, &c[i].m));
		if (chosen == c[i].child_id)
			tv_set_bool(t, "selected", 1);
		tv_push(l, t);
	}
	return l;
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
			tv_set(d, "candidates", candidates(r, c, n,
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
		    iso_to_local(r, x->birth_date));
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
		tv_set(d, "sexes", set_options(r, child_sexes, "sex", posted ?
		    req_str(r, "sex") : x->sex, NULL));
		tv_set(d, "communities", set_options(r, child_communities,
		    "community", req_has(r, "community") ?
		    req_str(r, "community") : "unknown", NULL));
		tv_set(d, "disabilities", set_options(r, child_disabilities,
		    "child.disability", req_has(r, "disability") ?
		    req_str(r, "disability") : "unknown", NULL));
		tv_set(d, "schools", set_options(r, child_school_statuses,
		    "school", req_has(r, "school_status") ?
		    req_str(r, "school_status") : "unknown", NULL));
		tv_set(d, "relations", set_options(r, child_relations,
		    "child.relation", req_str(r, "caregiver_relation"),
		    "common.none"));
		tv_set(d, "municipalities", muni_options(r,
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
	errors(r, d);
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

/* The child fields of a registration form or JSON body. */
static void
child_from_req(struct req *r, struct child_fields *c)
{
	memset(c, 0, sizeof(*c));
	c->given = req_str(r, "given_name");
	c->family = req_str(r, "family_name");
	c->parent = req_str(r, "parent_name");
	c->sex = req_str(r, "sex");
	c->birth_date = req_str(r, "birth_date");
	c->birth_estimated = req_bool(r, "birth_estimated");
	c->pn = req_str(r, "personal_number");
	c->citizenship = req_str(r, "citizenship");
	c->stateless = req_bool(r, "stateless");
	c->community = req_str(r, "community");
	c->language = req_str(r, "language");
	c->disability = req_str(r, "disability");
	c->disability_note = req_str(r, "disability_note");
	c->school_status = req_str(r, "school_status");
	c->address = req_str(r, "address");
	c->municipality_id = req_int(r, "child_municipality");
	c->admin_unit = req_str(r, "admin_unit");
	c->caregiver_name = req_str(r, "caregiver_name");
	c->caregiver_relation = req_str(r, "caregiver_relation");
	c->caregiver_phone = req_str(r, "caregiver_phone");
	c->caregiver_guardian = req_bool(r, "caregiver_guardian");
}

void
web_intake_register(struct req *r)
{
	struct child_fields cf;
	struct intake_reg reg;
	int64_t case_id = 0;
	const char *number = NULL;
	enum svc_rc rc;

	child_from_req(r, &cf);
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
	tv_set(d, "sexes", set_options(r, child_sexes, "sex",
	    req_str(r, "sex"), "child.any"));
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
			tv_set(d, "candidates", candidates(r, c, n, 0));
		}
	}
	errors(r, d);
	page_render(r, "child_match", d);
}

void
web_child_view(struct req *r)
{
	struct tval *d = page_data(r, "child.title"), *t = tv_obj(r->a), *gl;
	struct child_info *c;
	size_t i;
	enum svc_rc rc;

	if ((rc = child_get(&r->svc, req_param_id(r, 0), &c)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	tv_set_int(t, "id", c->id);
	tv_set_str(t, "given", c->given);
	tv_set_str(t, "family", c->family);
	tv_set_str(t, "parent", c->parent);
	tv_set_str(t, "sex", sex_label(r, c->sex));
	tv_set_str(t, "birth_date", iso_to_local(r, c->birth_date));
	if (c->birth_estimated)
		tv_set_bool(t, "birth_estimated", 1);
	tv_set_str(t, "pn", c->pn);
	tv_set_str(t, "citizenship", c->citizenship);
	if (c->stateless)
		tv_set_bool(t, "stateless", 1);
	tv_set_str(t, "community", page_t(r, arena_printf(r->a,
	    "community.%s", c->community)));
	tv_set_str(t, "language", c->language);
	tv_set_str(t, "disability", page_t(r, arena_printf(r->a,
	    "child.disability.%s", c->disability)));
	tv_set_str(t, "disability_note", c->disability_note);
	tv_set_str(t, "school", page_t(r, arena_printf(r->a, "school.%s",
	    c->school_status)));
	tv_set_str(t, "address", c->address);
	tv_set_str(t, "municipality", c->municipality_name);
	tv_set_str(t, "admin_unit", c->admin_unit);
	gl = tv_list(r->a);
	for (i = 0; i < c->ncaregivers; i++) {
		struct tval *g = tv_obj(r->a);

		tv_set_str(g, "name", c->caregivers[i].name);
		tv_set_str(g, "relation", page_t(r, arena_printf(r->a,
		    "child.relation.%s", c->caregivers[i].relation)));
		tv_set_str(g, "phone", c->caregivers[i].phone);
		if (c->caregivers[i].is_guardian)
			tv_set_bool(g, "guardian", 1);
		tv_push(gl, g);
	}
	tv_set(t, "caregivers", gl);
	tv_set(d, "c", t);
	page_render(r, "child_view", d);
}
