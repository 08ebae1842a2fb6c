/*
 * svc.c — shared service helpers: error codes and the write transaction.
 */
#include "../util/log.h"
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
