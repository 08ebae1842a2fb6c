/*
 * children.c — the JSON API of a child's record under /api/v1/children
 * (api layer): the record with its cases, caregivers, siblings, other
 * spellings and history; editing; caregivers; sibling links; the merge
 * preview and the merge. See api_children.h and docs/API.md ("Children:
 * the record, caregivers, siblings, merging"). The child fields are read
 * as the web forms read them (web_child_fields()).
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/child.h"
#include "../web/web_children.h"
#include "api.h"
#include "api_children.h"

static void
cases_json(struct jw *w, const struct child_case *k, size_t n)
{
	size_t i;

	jw_key(w, "cases");
	jw_arr_open(w);
	for (i = 0; i < n; i++) {
		jw_obj_open(w);
		jw_kint(w, "id", k[i].id);
		jw_kstr(w, "number", k[i].number);
		jw_kstr(w, "status", k[i].status);
		jw_kstr_nz(w, "risk", k[i].risk);
		jw_kint(w, "opened_at", k[i].opened_at);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* The record: its fields, caregivers and, for a full record, cases,
 * siblings, other spellings and history. */
static void
child_json(struct jw *w, const struct child_info *c, const struct child_full *f)
{
	size_t i;

	jw_kint(w, "id", c->id);
	jw_kstr(w, "given_name", c->given);
	jw_kstr(w, "family_name", c->family);
	jw_kstr(w, "parent_name", c->parent);
	jw_kstr(w, "sex", c->sex);
	jw_kstr_nz(w, "birth_date", c->birth_date);
	jw_kbool(w, "birth_estimated", c->birth_estimated);
	jw_kstr_nz(w, "personal_number", c->pn);
	jw_kstr(w, "citizenship", c->citizenship);
	jw_kbool(w, "stateless", c->stateless);
	jw_kstr(w, "community", c->community);
	jw_kstr(w, "language", c->language);
	jw_kstr(w, "disability", c->disability);
	jw_kstr(w, "disability_note", c->disability_note);
	jw_kstr(w, "school_status", c->school_status);
	jw_kstr(w, "address", c->address);
	jw_kint_nz(w, "municipality_id", c->municipality_id);
	jw_kstr(w, "admin_unit", c->admin_unit);
	jw_key(w, "merged_into");
	jw_null(w);
	jw_kint(w, "version", c->version);
	jw_key(w, "caregivers");
	jw_arr_open(w);
	for (i = 0; i < c->ncaregivers; i++) {
		jw_obj_open(w);
		jw_kint(w, "id", c->caregivers[i].id);
		jw_kstr(w, "name", c->caregivers[i].name);
		jw_kstr(w, "relation", c->caregivers[i].relation);
		jw_kbool(w, "guardian", c->caregivers[i].is_guardian);
		jw_kbool(w, "lives_with", c->caregivers[i].lives_with);
		jw_kstr(w, "phone", c->caregivers[i].phone);
		jw_kstr(w, "note", c->caregivers[i].note);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	if (f == NULL)
		return;
	jw_kbool(w, "may_write", f->may_write);
	cases_json(w, f->cases, f->ncases);
	jw_key(w, "siblings");
	jw_arr_open(w);
	for (i = 0; i < f->nsiblings; i++) {
		const struct child_sibling *x = &f->siblings[i];

		jw_obj_open(w);
		jw_kstr(w, "relation", x->relation);
		jw_kbool(w, "visible", x->visible);
		jw_kint_nz(w, "child_id", x->child_id);
		if (x->visible) {
			jw_kstr(w, "given_name", x->given);
			jw_kstr(w, "family_name", x->family);
			jw_kstr_nz(w, "birth_date", x->birth_date);
			cases_json(w, x->cases, x->ncases);
		}
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "other_spellings");
	jw_arr_open(w);
	for (i = 0; i < f->naliases; i++) {
		jw_obj_open(w);
		jw_kstr(w, "given_name", f->aliases[i].given);
		jw_kstr(w, "family_name", f->aliases[i].family);
		jw_kstr(w, "parent_name", f->aliases[i].parent);
		jw_kint(w, "from_child", f->aliases[i].from_child);
		jw_obj_close(w);
	}
	jw_arr_close(w);
	jw_key(w, "history");
	jw_arr_open(w);
	for (i = 0; i < f->nevents; i++) {
		const struct child_event_info *e = &f->events[i];

		jw_obj_open(w);
		jw_kint(w, "at", e->at);
		jw_kstr(w, "actor", e->actor);
		jw_kstr(w, "kind", e->kind);
		jw_kstr(w, "field", e->field);
		jw_kstr(w, "before", e->before);
		jw_kstr(w, "after", e->after);
		jw_kstr(w, "note", e->note);
		jw_kint(w, "child_id", e->child_id);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

/* The full record of child id as the answer (status). */
static void
answer_record(struct req *r, int64_t id, int status)
{
	struct child_full *f;
	struct jw w;
	enum svc_rc rc;

	if ((rc = child_record(&r->svc, id, &f)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	if (f->c->merged_into != 0) {
		/* Merged away: where the child is now. */
		jw_kint(&w, "id", f->c->id);
		jw_kint(&w, "merged_into", f->c->merged_into);
	} else
		child_json(&w, f->c, f);
	jw_obj_close(&w);
}

void
api_child_get(struct req *r)
{
	answer_record(r, req_param_id(r, 0), 200);
}

void
api_child_update(struct req *r)
{
	struct child_fields c;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	web_child_fields(r, &c);
	if ((rc = child_update(&r->svc, id, req_int(r, "version"), &c)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	answer_record(r, id, 200);
}

/* { id, version }: the caregiver and the child's new version. */
static void
answer_caregiver(struct req *r, enum svc_rc rc, int status, int64_t id,
    int64_t nv)
{
	struct jw w;

	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_kint(&w, "id", id);
	jw_kint(&w, "child_id", req_param_id(r, 0));
	jw_kint(&w, "version", nv);
	jw_obj_close(&w);
}

void
api_child_caregiver_add(struct req *r)
{
	struct caregiver_fields g;
	int64_t id = 0, nv = 0;
	enum svc_rc rc;

	web_child_caregiver_fields(r, &g);
	rc = child_caregiver_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), &g, &id, &nv);
	answer_caregiver(r, rc, 201, id, nv);
}

void
api_child_caregiver_update(struct req *r)
{
	struct caregiver_fields g;
	int64_t nv = 0;
	enum svc_rc rc;

	web_child_caregiver_fields(r, &g);
	rc = child_caregiver_update(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version"), &g, &nv);
	answer_caregiver(r, rc, 200, req_param_id(r, 1), nv);
}

void
api_child_caregiver_remove(struct req *r)
{
	int64_t nv = 0;
	enum svc_rc rc;

	rc = child_caregiver_remove(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version"), &nv);
	answer_caregiver(r, rc, 200, req_param_id(r, 1), nv);
}

static void
answer_link(struct req *r, enum svc_rc rc, int status, int64_t other,
    const char *relation)
{
	struct jw w;

	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_kint(&w, "child_id", req_param_id(r, 0));
	jw_kint(&w, "other", other);
	jw_kstr_nz(&w, "relation", relation);
	jw_obj_close(&w);
}

void
api_child_sibling_link(struct req *r)
{
	answer_link(r, child_sibling_link(&r->svc, req_param_id(r, 0),
	    req_int(r, "other"), req_str(r, "relation")), 201,
	    req_int(r, "other"), req_str(r, "relation"));
}

void
api_child_sibling_unlink(struct req *r)
{
	answer_link(r, child_sibling_unlink(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1)), 200, req_param_id(r, 1), NULL);
}

void
api_child_merge_preview(struct req *r)
{
	static const char *const choices[] = {
		[CHILD_MERGE_SAME] = "same",
		[CHILD_MERGE_KEEP] = "keep",
		[CHILD_MERGE_FILL] = "fill",
		[CHILD_MERGE_DIFFER] = "differ",
	};
	struct child_merge_plan *p;
	struct jw w;
	size_t i;
	enum svc_rc rc;

	if ((rc = child_merge_preview(&r->svc, req_int(r, "keep"),
	    req_int(r, "duplicate"), &p)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "keep");
	jw_obj_open(&w);
	child_json(&w, p->keep->c, p->keep);
	jw_obj_close(&w);
	jw_key(&w, "duplicate");
	jw_obj_open(&w);
	child_json(&w, p->dup->c, p->dup);
	jw_obj_close(&w);
	jw_key(&w, "fields");
	jw_arr_open(&w);
	for (i = 0; i < p->nfields; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "field", p->fields[i].field);
		jw_kstr(&w, "keep", p->fields[i].keep);
		jw_kstr(&w, "duplicate", p->fields[i].dup);
		jw_kstr(&w, "choice", choices[p->fields[i].choice]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_child_merge(struct req *r)
{
	enum svc_rc rc;

	if ((rc = child_merge(&r->svc, req_int(r, "keep"),
	    req_int(r, "duplicate"), req_int(r, "keep_version"),
	    req_int(r, "duplicate_version"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	answer_record(r, req_int(r, "keep"), 200);
}
