/*
 * conference.c — the JSON API of case conferences (api layer):
 * /api/v1/conferences and the writes under /api/v1/conferences/{id}/...
 * Thin: validated input -> svc/conference.c -> JSON. See api_conference.h
 * and docs/API.md.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/conference.h"
#include "api.h"
#include "api_conference.h"

static void
info_json(struct jw *w, const struct conf_info *c)
{
	jw_kint(w, "id", c->id);
	jw_kstr(w, "kind", c->kind);
	jw_kint(w, "municipality_id", c->municipality_id);
	jw_kint(w, "agency_id", c->agency_id);
	jw_kint(w, "starts_at", c->starts_at);
	jw_kstr(w, "place", c->place);
	jw_kstr(w, "admin_unit", c->admin_unit);
	jw_kint(w, "convenor_id", c->convenor_id);
	jw_kstr(w, "convenor", c->convenor);
	jw_kstr(w, "status", c->status);
	jw_kint_nz(w, "held_at", c->held_at);
	jw_kstr_nz(w, "next_on", c->next_on);
	jw_kint(w, "version", c->version);
}

static void
task_json(struct jw *w, const struct conf_task_info *t)
{
	jw_obj_open(w);
	jw_kint(w, "id", t->id);
	jw_kint(w, "agenda_id", t->agenda_id);
	jw_kint(w, "case_id", t->case_id);
	jw_kstr(w, "number", t->number);
	jw_kstr(w, "what", t->what);
	jw_kint(w, "owner_id", t->owner_id);
	jw_kstr(w, "owner", t->owner);
	jw_kstr(w, "due_on", t->due_on);
	jw_kstr(w, "status", t->status);
	jw_kint_nz(w, "done_at", t->done_at);
	jw_kbool(w, "overdue", t->overdue);
	jw_obj_close(w);
}

static void
full_json(struct req *r, int status, const struct conf_full *f)
{
	struct jw w;
	size_t i;

	api_begin(r, &w, status);
	jw_obj_open(&w);
	info_json(&w, &f->c);
	jw_key(&w, "invitees");
	jw_arr_open(&w);
	for (i = 0; i < f->ninvitees; i++) {
		const struct conf_invitee_info *k = &f->invitees[i];

		jw_obj_open(&w);
		jw_kint(&w, "id", k->id);
		jw_kstr(&w, "kind", k->kind);
		jw_kint_nz(&w, "user_id", k->user_id);
		jw_kstr(&w, "name", k->name);
		jw_kstr_nz(&w, "agency", k->agency);
		jw_kstr(&w, "attendance", k->attendance);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "agenda");
	jw_arr_open(&w);
	for (i = 0; i < f->ncases; i++) {
		const struct conf_case_info *k = &f->cases[i];

		jw_obj_open(&w);
		jw_kint(&w, "id", k->id);
		jw_kint(&w, "case_id", k->case_id);
		jw_kstr(&w, "number", k->number);
		jw_kstr(&w, "child", k->child);
		if (k->age >= 0)
			jw_kint(&w, "age", k->age);
		jw_kstr(&w, "concerns", k->concerns);
		jw_kstr_nz(&w, "risk", k->risk);
		jw_kstr(&w, "status", k->status);
		jw_kbool(&w, "proposed", k->proposed);
		if (k->full) {
			jw_kstr(&w, "decisions", k->decisions);
			jw_kstr(&w, "measure", k->measure);
		}
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_kint(&w, "hidden", (int64_t)f->hidden);
	jw_key(&w, "tasks");
	jw_arr_open(&w);
	for (i = 0; i < f->ntasks; i++)
		task_json(&w, &f->tasks[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* The meeting after a write (201 for a creation), or the error. */
static void
after(struct req *r, enum svc_rc rc, int64_t id, int status)
{
	struct conf_full *f;

	if (rc == SVC_OK)
		rc = conference_get(&r->svc, id, &f);
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	full_json(r, status, f);
}

void
api_cf_list(struct req *r)
{
	struct conf_info *c;
	struct conf_task_info *t;
	struct jw w;
	size_t n = 0, nt = 0, i;
	enum svc_rc rc;

	if ((rc = conference_list(&r->svc, &c, &n)) != SVC_OK ||
	    (rc = conference_my_tasks(&r->svc, &t, &nt)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "conferences");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		info_json(&w, &c[i]);
		jw_kint(&w, "cases", c[i].ncases);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_key(&w, "my_tasks");
	jw_arr_open(&w);
	for (i = 0; i < nt; i++)
		task_json(&w, &t[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_cf_create(struct req *r)
{
	struct conf_new n;
	int64_t id = 0;
	enum svc_rc rc;

	n.date = req_str(r, "date");
	n.time = req_str(r, "time");
	n.place = req_str(r, "place");
	n.admin_unit = req_str(r, "admin_unit");
	rc = conference_create(&r->svc, &n, &id);
	after(r, rc, id, 201);
}

void
api_cf_get(struct req *r)
{
	after(r, SVC_OK, req_param_id(r, 0), 200);
}

void
api_cf_invite(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_invite(&r->svc, id, req_int(r, "user")), id, 201);
}

void
api_cf_agenda_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_agenda_add(&r->svc, id, req_str(r, "number")), id,
	    201);
}

void
api_cf_task_add(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_task_add(&r->svc, id, req_param_id(r, 1),
	    req_str(r, "what"), req_int(r, "owner"), req_str(r, "due_on"),
	    NULL), id, 201);
}

void
api_cf_task_done(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_task_done(&r->svc, id, req_param_id(r, 1)), id,
	    200);
}

void
api_cf_hold(struct req *r)
{
	int64_t id = req_param_id(r, 0);

	after(r, conference_hold(&r->svc, id, req_str(r, "next_on"),
	    req_int(r, "version")), id, 200);
}
