/*
 * audit_view.c — the audit trail browser for auditors (web layer).
 */
#include <string.h>

#include "../app/app.h"
#include "../svc/auditlog.h"
#include "../util/clock.h"
#include "render.h"
#include "web.h"

#define PAGE_SIZE 50

void
web_audit(struct req *r)
{
	struct tval *d = page_data(r, "audit.title"), *rows, *t, *f;
	struct audit_entry *e;
	struct audit_filter af;
	size_t n, i;
	int64_t total = 0, to;
	const char *filter;
	int page = req_has(r, "page") ? (int)req_int(r, "page") : 1;
	enum svc_rc rc;

	f = tv_obj(r->a);
	tv_set_str(f, "actor", req_str(r, "actor"));
	tv_set_str(f, "action", req_str(r, "action"));
	tv_set_str(f, "from", req_str(r, "from"));
	tv_set_str(f, "to", req_str(r, "to"));
	tv_set(d, "f", f);
	if (r->nerrors > 0) {
		page_errors(r, d);
		tv_set(d, "rows", tv_list(r->a));
		page_render(r, "audit", d);
		return;
	}
	memset(&af, 0, sizeof(af));
	af.actor = req_str(r, "actor");
	af.action = req_str(r, "action");
	if (req_has(r, "from"))
		clock_parse_date(req_str(r, "from"), &af.from);
	if (req_has(r, "to") && clock_parse_date(req_str(r, "to"), &to) == 0)
		af.to = to + 86400;	/* the whole last day */
	af.limit = PAGE_SIZE;
	af.offset = (page - 1) * PAGE_SIZE;
	rc = auditlog_search(&r->svc, &af, &e, &n, &total);
	if (rc == SVC_INVALID) {
		r->status = 400;
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		page_errors(r, d);
		tv_set(d, "rows", tv_list(r->a));
		page_render(r, "audit", d);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	rows = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", e[i].id);
		tv_set_str(t, "at", page_date(r, e[i].at, 1));
		tv_set_str(t, "actor", e[i].actor);
		tv_set_str(t, "action", e[i].action);
		tv_set_str(t, "object", e[i].object_id ? arena_printf(r->a,
		    "%s #%lld", e[i].object_type, (long long)e[i].object_id) :
		    e[i].object_type);
		tv_set_str(t, "client", e[i].client);
		tv_set_str(t, "detail", e[i].detail);
		tv_push(rows, t);
	}
	tv_set(d, "rows", rows);
	tv_set_int(d, "total", total);
	/* The pager keeps the filter. */
	filter = arena_printf(r->a, "%s%s%s%s%s%s%s%s",
	    req_has(r, "actor") ? "&actor=" : "",
	    req_has(r, "actor") ? page_urlenc(r, req_str(r, "actor")) : "",
	    req_has(r, "action") ? "&action=" : "",
	    req_has(r, "action") ? page_urlenc(r, req_str(r, "action")) : "",
	    req_has(r, "from") ? "&from=" : "",
	    req_has(r, "from") ? page_urlenc(r, req_str(r, "from")) : "",
	    req_has(r, "to") ? "&to=" : "",
	    req_has(r, "to") ? page_urlenc(r, req_str(r, "to")) : "");
	if (page > 1)
		tv_set_str(d, "prev", arena_printf(r->a, "/audit?page=%d%s",
		    page - 1, filter));
	if ((int64_t)page * PAGE_SIZE < total)
		tv_set_str(d, "next", arena_printf(r->a, "/audit?page=%d%s",
		    page + 1, filter));
	page_render(r, "audit", d);
}
