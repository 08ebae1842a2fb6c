/*
 * auditlog.c — audit trail search for auditors. See auditlog.h.
 */
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/utf8.h"
#include "auditlog.h"

struct list {
	struct arena		*a;
	struct audit_entry	*v;
	size_t			 n, cap;
};

static int
entry_cb(void *arg, const struct store_row *r)
{
	struct list *l = arg;
	struct audit_entry *e;

	if (l->n == l->cap)
		return 1;
	e = &l->v[l->n++];
	e->id = srow_int(r, AU_ID);
	e->at = srow_int(r, AU_AT);
	e->actor_id = srow_int(r, AU_ACTOR_ID);
	e->actor = arena_strdup(l->a, srow_text(r, AU_ACTOR));
	e->action = arena_strdup(l->a, srow_text(r, AU_ACTION));
	e->object_type = arena_strdup(l->a, srow_text(r, AU_OTYPE));
	e->object_id = srow_int(r, AU_OID);
	e->client = arena_strdup(l->a, srow_text(r, AU_CLIENT));
	e->detail = arena_strdup(l->a, srow_text(r, AU_DETAIL));
	return 0;
}

static int
short_text(const char *s)
{
	size_t n;

	if (s == NULL)
		return 1;
	n = strlen(s);
	return n <= 64 && utf8_valid(s, n);
}

enum svc_rc
auditlog_search(struct svc *s, const struct audit_filter *f,
    struct audit_entry **out, size_t *n, int64_t *total)
{
	struct list l = { s->a, NULL, 0, 0 };
	enum store_rc rc;
	const char *actor = f->actor && *f->actor ? f->actor : NULL;
	const char *action = f->action && *f->action ? f->action : NULL;

	if (!authz_allows(s->actor, PERM_AUDIT_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (!short_text(actor))
		return svc_fail(s, SVC_INVALID, "actor", "error.field.invalid");
	if (!short_text(action))
		return svc_fail(s, SVC_INVALID, "action", "error.field.invalid");
	if (f->from < 0 || f->to < 0 || (f->from && f->to && f->to <= f->from))
		return svc_fail(s, SVC_INVALID, "to", "error.period.order");
	if (f->limit < 1 || f->limit > 200 || f->offset < 0 ||
	    f->offset > 10000000)
		return svc_fail(s, SVC_INVALID, "page", "error.field.invalid");
	l.cap = (size_t)f->limit;
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = { sp_text(actor), sp_text(action),
		    f->from ? sp_int(f->from) : sp_null(),
		    f->to ? sp_int(f->to) : sp_null(), sp_int(f->limit),
		    sp_int(f->offset) };

		rc = store_exec(s->st, Q_AUDIT_SEARCH, p, 6, entry_cb, &l, NULL);
		if (rc == STORE_OK)
			rc = store_exec(s->st, Q_AUDIT_COUNT, p, 4, store_cb_int,
			    total, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (audit_record_tx(s->st, s->actor, NULL, "audit.search", "audit", 0,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}
