/*
 * notify.c — the JSON API of the inbox (api layer): GET /api/v1/inbox,
 * POST /api/v1/inbox/{id}/read, POST /api/v1/inbox/read-all. See
 * api_notify.h and docs/API.md ("Notifications").
 */
#include <string.h>

#include "../app/app.h"
#include "../json/jw.h"
#include "../svc/notify.h"
#include "api.h"
#include "api_notify.h"

static void
item(struct jw *w, const struct notify_item *v)
{
	jw_obj_open(w);
	jw_kint(w, "id", v->id);
	jw_kstr(w, "kind", v->kind);
	jw_kstr(w, "object_type", v->type);
	jw_kint(w, "object_id", v->object_id);
	jw_kstr(w, "link", v->link);
	jw_kint(w, "created_at", v->created_at);
	jw_key(w, "read_at");
	if (v->read_at)
		jw_int(w, v->read_at);
	else
		jw_null(w);
	jw_obj_close(w);
}

void
api_inbox(struct req *r)
{
	struct notify_item *v;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	int more = 0;
	int64_t unread = 0;
	size_t n = 0, i;
	enum svc_rc rc;
	struct jw w;

	if ((rc = notify_list(&r->svc, page, &v, &n, &more)) != SVC_OK ||
	    (rc = notify_unread(&r->svc, &unread)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "unread", unread);
	jw_kint(&w, "page", page);
	jw_kbool(&w, "more", more);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		item(&w, &v[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_inbox_read(struct req *r)
{
	struct notify_item it;
	enum svc_rc rc;
	struct jw w;

	if ((rc = notify_read(&r->svc, req_param_id(r, 0), &it)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	item(&w, &it);
}

void
api_inbox_read_all(struct req *r)
{
	enum svc_rc rc;
	int64_t n = 0;
	struct jw w;

	if ((rc = notify_read_all(&r->svc, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "marked", n);
	jw_obj_close(&w);
}
