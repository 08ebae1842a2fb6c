/*
 * svc.c — shared service helpers: error codes and the write transaction.
 */
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "svc.h"

enum svc_rc
svc_fail(struct svc *s, enum svc_rc rc, const char *field, const char *msg)
{
	s->err.field = field;
	s->err.msg = msg;
	s->err.arg = NULL;
	return rc;
}

enum svc_rc
svc_from_store(enum store_rc rc)
{
	switch (rc) {
	case STORE_OK:
		return SVC_OK;
	case STORE_NOTFOUND:
		return SVC_NOTFOUND;
	case STORE_CONFLICT:
		return SVC_CONFLICT;
	case STORE_BUSY:
	case STORE_UNAVAILABLE:
		return SVC_UNAVAILABLE;
	default:
		return SVC_ERROR;
	}
}

const char *
svc_rc_str(enum svc_rc rc)
{
	static const char *const n[SVC__MAX] = {
		[SVC_OK] = "ok", [SVC_NOTFOUND] = "notfound",
		[SVC_DENIED] = "denied", [SVC_INVALID] = "invalid",
		[SVC_CONFLICT] = "conflict", [SVC_LOCKED] = "locked",
		[SVC_TOOBIG] = "toobig", [SVC_UNAVAILABLE] = "unavailable",
		[SVC_ERROR] = "error",
	};

	return (unsigned)rc < SVC__MAX ? n[rc] : "?";
}

enum svc_rc
svc_tx(struct svc *s, enum svc_rc (*fn)(struct svc *, void *), void *arg)
{
	enum store_rc src;
	enum svc_rc rc;

	if ((src = store_begin(s->st, 1)) != STORE_OK)
		return svc_fail(s, svc_from_store(src), NULL, "error.unavailable");
	rc = fn(s, arg);
	if (rc != SVC_OK) {
		store_rollback(s->st);
		return rc;
	}
	if ((src = store_commit(s->st)) != STORE_OK) {
		store_rollback(s->st);
		log_warnx("svc: commit failed: %s", store_rc_str(src));
		return svc_fail(s, svc_from_store(src), NULL, "error.unavailable");
	}
	return SVC_OK;
}

const char *
svc_nz(const char *s)
{
	return s ? s : "";
}

int
svc_in_set(const char *const *set, const char *v)
{
	for (; v != NULL && *set != NULL; set++)
		if (strcmp(*set, v) == 0)
			return 1;
	return 0;
}

int
svc_text_ok(const char *s, size_t max, int multi)
{
	size_t n;

	s = svc_nz(s);
	n = strlen(s);
	if (n > 4 * max || !utf8_valid(s, n) || utf8_chars(s, n) > max)
		return 0;
	return multi || (strchr(s, '\n') == NULL && strchr(s, '\r') == NULL &&
	    strchr(s, '\t') == NULL);
}

enum svc_rc
cm_unavailable(struct svc *s, enum store_rc rc)
{
	return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
}

const char *
cm_dup(struct arena *a, const struct store_row *r, int col)
{
	const char *v = arena_strdup(a, srow_text(r, col));

	return v ? v : "";
}

enum svc_rc
cm_audit(struct svc *s, const char *action, const char *type, int64_t id,
    const char *detail)
{
	enum store_rc rc;

	if ((rc = audit_record(s->st, s->actor, NULL, action, type, id,
	    detail ? detail : "")) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}
