/*
 * cases.c — the JSON API of cases under /api/v1/cases (api layer): list
 * and search, one case with concerns, risk history and timeline, risk,
 * validation and assignment. See api_cases.h and docs/API.md ("Cases").
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "api.h"
#include "../svc/case.h"
#include "api_cases.h"

static void
case_json(struct jw *w, const struct case_info *c)
{
	jw_kint(w, "id", c->id);
	jw_kstr(w, "number", c->number);
	jw_key(w, "child");
	jw_obj_open(w);
	jw_kint(w, "id", c->child_id);
	jw_kstr(w, "given_name", c->child_given);
	jw_kstr(w, "family_name", c->child_family);
	jw_kstr_nz(w, "birth_date", c->child_birth_date);
	jw_kbool(w, "birth_estimated", c->birth_estimated);
	jw_key(w, "age");
	if (c->child_age >= 0)
		jw_int(w, c->child_age);
	else
		jw_null(w);
	jw_kstr_nz(w, "personal_number", c->child_pn);
	jw_obj_close(w);
	jw_key(w, "municipality");
	jw_obj_open(w);
	jw_kint(w, "id", c->municipality_id);
	jw_kstr(w, "name_sq", c->municipality_sq);
	jw_kstr(w, "name_sr", c->municipality_sr);
	jw_kstr(w, "country", c->country);
	jw_obj_close(w);
	jw_kint(w, "agency_id", c->agency_id);
	jw_kstr(w, "status", c->status);
	jw_kstr_nz(w, "risk", c->risk);
	jw_kbool(w, "risk_pending_validation", c->risk_pending);
	jw_key(w, "worker");
	if (c->worker_id) {
		jw_obj_open(w);
		jw_kint(w, "id", c->worker_id);
		jw_kstr(w, "full_name", c->worker_name);
		jw_obj_close(w);
	} else
		jw_null(w);
	jw_key(w, "team");
	if (c->team_id) {
		jw_obj_open(w);
		jw_kint(w, "id", c->team_id);
		jw_kstr(w, "name", c->team_name);
		jw_obj_close(w);
	} else
		jw_null(w);
	jw_kbool(w, "restricted", c->restricted);
	jw_kbool(w, "emergency", c->emergency);
	jw_kstr(w, "source", c->source);
	jw_kint(w, "opened_at", c->opened_at);
	jw_kint(w, "updated_at", c->updated_at);
	jw_kint(w, "version", c->version);
}

static int
sort_of(const char *s)
{
	if (strcmp(s, "number") == 0)
		return 1;
	if (strcmp(s, "risk") == 0)
		return 2;
	return 0;
}

void
api_cases(struct req *r)
{
	struct case_query q;
	struct case_info *v;
	struct jw w;
	size_t n, i;
	int64_t total;
	enum svc_rc rc;

	memset(&q, 0, sizeof(q));
	q.q = req_str(r, "q");
	q.number = req_str(r, "number");
	q.status = req_str(r, "status");
	q.risk = req_str(r, "risk");
	q.concern = req_str(r, "concern");
	q.worker_id = req_int(r, "worker");
	q.municipality_id = req_int(r, "municipality");
	q.pending = req_bool(r, "pending");
	q.overdue = req_bool(r, "overdue");
	q.sort = sort_of(req_str(r, "sort"));
	q.page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	if ((rc = case_search(&r->svc, &q, &v, &n, &total)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "page", q.page);
	jw_kint(&w, "page_size", CASE_PAGE_SIZE);
	jw_kint(&w, "total", total);
	jw_kbool(&w, "more", n > CASE_PAGE_SIZE);
	jw_key(&w, "cases");
	jw_arr_open(&w);
	for (i = 0; i < n && i < CASE_PAGE_SIZE; i++) {
		jw_obj_open(&w);
		case_json(&w, &v[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
full_json(struct req *r, int status, int64_t id)
{
	static const char *const langs[] = { "sq", "en", "sr" };
	struct case_full *f;
	struct jw w;
	size_t i;
	int l;
	enum svc_rc rc;

	if ((rc = case_get(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	case_json(&w, &f->c);
	jw_key(&w, "concerns");
	jw_arr_open(&w);
	for (i = 0; i < f->nconcerns; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "code", f->concerns[i].code);
		jw_kbool(&w, "primary", f->concerns[i].primary);
		jw_key(&w, "label");
		jw_obj_open(&w);
		for (l = 0; l < 3; l++)
			jw_kstr(&w, langs[l], f->concerns[i].label[l]);
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "risks");
	jw_arr_open(&w);
	for (i = 0; i < f->nrisks; i++) {
		const struct case_risk_info *k = &f->risks[i];

		jw_obj_open(&w);
		jw_kint(&w, "id", k->id);
		jw_kstr(&w, "level", k->level);
		jw_kstr(&w, "rationale", k->rationale);
		jw_key(&w, "author");
		jw_obj_open(&w);
		jw_kint(&w, "id", k->author_id);
		jw_kstr(&w, "full_name", k->author);
		jw_obj_close(&w);
		jw_kint(&w, "at", k->at);
		jw_key(&w, "validated_by");
		if (k->validated_by) {
			jw_obj_open(&w);
			jw_kint(&w, "id", k->validated_by);
			jw_kstr(&w, "full_name", k->validator);
			jw_obj_close(&w);
		} else
			jw_null(&w);
		jw_kint_nz(&w, "validated_at", k->validated_at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "timeline");
	jw_arr_open(&w);
	for (i = 0; i < f->nevents; i++) {
		const struct case_event_info *e = &f->events[i];

		jw_obj_open(&w);
		jw_kint(&w, "at", e->at);
		jw_kint_nz(&w, "actor_id", e->actor_id);
		jw_kstr(&w, "actor", e->actor);
		jw_kstr(&w, "kind", e->kind);
		jw_kstr(&w, "field", e->field);
		jw_kstr(&w, "before", e->before);
		jw_kstr(&w, "after", e->after);
		jw_kstr(&w, "note", e->note);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_case_get(struct req *r)
{
	full_json(r, 200, req_param_id(r, 0));
}

/* 409 for a stale version, with who changed what since (also the later
 * steps' handlers: api_cases.h). */
void
api_case_conflict(struct req *r, int64_t id)
{
	struct case_event_info *e;
	struct svc s = r->svc;
	struct jw w;

	api_begin(r, &w, 409);
	jw_obj_open(&w);
	jw_kstr(&w, "error", "conflict");
	jw_kstr(&w, "message", i18n_get(r->lang, "case.conflict"));
	if (case_last_change(&s, id, &e) == SVC_OK) {
		jw_key(&w, "changed");
		jw_obj_open(&w);
		jw_kstr(&w, "by", e->actor);
		jw_kint(&w, "at", e->at);
		jw_kstr(&w, "kind", e->kind);
		jw_kstr(&w, "field", e->field);
		jw_kstr(&w, "before", e->before);
		jw_kstr(&w, "after", e->after);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
}

/* A case write's answer: 409 with who changed what for a stale version,
 * the error, or show(r, status, id) (also the later steps: api_cases.h). */
void
api_case_answer(struct req *r, enum svc_rc rc, int64_t id, int status,
    void (*show)(struct req *, int, int64_t))
{
	if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
	    strcmp(r->svc.err.msg, "case.conflict") == 0) {
		api_case_conflict(r, id);
		return;
	}
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	show(r, status, id);
}

static void
after_write(struct req *r, enum svc_rc rc, int64_t id, int status)
{
	api_case_answer(r, rc, id, status, full_json);
}

void
api_case_risk(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_risk_set(&r->svc, id, req_str(r, "level"),
	    req_str(r, "rationale"), req_int(r, "version"), NULL), id, 201);
}

void
api_case_risk_validate(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_risk_validate(&r->svc, id, req_param_id(r, 1)), id,
	    200);
}

void
api_case_assign(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after_write(r, case_assign(&r->svc, id, req_int(r, "worker"),
	    req_int(r, "team"), req_int(r, "version")), id, 200);
}
