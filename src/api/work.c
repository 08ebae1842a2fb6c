/*
 * work.c — the JSON API of deadlines (api layer): GET /api/v1/work, the
 * actor's open steps and (supervisors) the unit's overdue ones, and
 * POST /api/v1/cases/{id}/contact. See api_work.h and docs/API.md
 * ("Deadlines and my work").
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "api.h"
#include "../svc/deadline.h"
#include "../util/clock.h"
#include "api_work.h"

void
api_work(struct req *r)
{
	struct work_item *v;
	struct jw w;
	size_t n = 0, i;
	int64_t now = clock_now();
	enum svc_rc rc;

	/* Without case.read (a table member, a provider's user) there are
	 * no case deadlines: an empty list; their tasks and referrals have
	 * their own endpoints. */
	if (authz_allows(r->actor, PERM_CASE_READ, NULL) &&
	    (rc = deadline_work(&r->svc, &v, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "now", now);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "case_id", v[i].case_id);
		jw_kstr(&w, "number", v[i].number);
		jw_kstr(&w, "child", v[i].child);
		jw_kstr(&w, "risk", *v[i].risk ? v[i].risk : NULL);
		jw_kstr(&w, "step", v[i].step);
		jw_kint(&w, "due_at", v[i].due_at);
		jw_kbool(&w, "overdue", v[i].overdue);
		jw_kbool(&w, "due_today", v[i].today);
		jw_kint(&w, "late_seconds", v[i].overdue ? now - v[i].due_at :
		    0);
		jw_key(&w, "escalated_at");
		if (v[i].escalated_at)
			jw_int(&w, v[i].escalated_at);
		else
			jw_null(&w);
		jw_key(&w, "worker");
		if (v[i].worker_id) {
			jw_obj_open(&w);
			jw_kint(&w, "id", v[i].worker_id);
			jw_kstr(&w, "name", v[i].worker);
			jw_obj_close(&w);
		} else
			jw_null(&w);
		jw_kbool(&w, "mine", v[i].mine);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_case_contact(struct req *r)
{
	int64_t id = req_param_id(r, 0), t;
	const char *time = req_str(r, "time");
	int h = 0, m = 0;
	enum svc_rc rc;
	struct jw w;

	if (clock_parse_date(req_str(r, "date"), &t) != 0 ||
	    (*time && (strlen(time) != 5 || time[2] != ':' ||
	    sscanf(time, "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 ||
	    m < 0 || m > 59))) {
		req_add_error(r, "time", "error.field.invalid");
		http_error(r, 400, "error.field.invalid");
		return;
	}
	t += 3600 * h + 60 * m;
	if ((rc = deadline_contact(&r->svc, id, t)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 201);
	jw_obj_open(&w);
	jw_kint(&w, "case_id", id);
	jw_kstr(&w, "step", "first_contact");
	jw_kint(&w, "done_at", t);
	jw_obj_close(&w);
}
