/*
 * svc.c — shared service helpers: error codes and the write transaction.
 */
#include <stdatomic.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
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

/* ------------------------------------------------------------------ memo */

#define MEMO_SLOTS	16

struct memo_entry {
	int		 kind;		/* 0: free */
	int64_t		 actor;
	int64_t		 key;
	uint64_t	 gen;
	int64_t		 born_ms;
	size_t		 len;
	unsigned char	 v[SVC_MEMO_MAX];
};

static atomic_int memo_ms;
static __thread struct memo_entry memo[MEMO_SLOTS];
static atomic_uint_fast64_t memo_hits, memo_misses;

void
svc_memo_config(int ms)
{
	atomic_store(&memo_ms, ms > 0 ? ms : 0);
}

static struct memo_entry *
memo_slot(int kind, int64_t actor, int64_t key)
{
	uint64_t h = (uint64_t)actor * 31 + (uint64_t)kind * 7 + (uint64_t)key;

	return &memo[h % MEMO_SLOTS];
}

int
svc_memo_get(struct svc *s, enum svc_memo kind, int64_t key, void *out,
    size_t len)
{
	struct memo_entry *e;
	int ms = atomic_load(&memo_ms);

	if (ms <= 0 || s->actor == NULL || len > SVC_MEMO_MAX ||
	    store_scope_generation() == 0)
		return 0;
	e = memo_slot(kind, s->actor->id, key);
	if (e->kind != (int)kind || e->actor != s->actor->id ||
	    e->key != key || e->len != len ||
	    e->gen != store_generation() ||
	    clock_mono_ms() - e->born_ms >= ms) {
		atomic_fetch_add_explicit(&memo_misses, 1,
		    memory_order_relaxed);
		return 0;
	}
	memcpy(out, e->v, len);
	atomic_fetch_add_explicit(&memo_hits, 1, memory_order_relaxed);
	return 1;
}

void
svc_memo_put(struct svc *s, enum svc_memo kind, int64_t key, const void *v,
    size_t len)
{
	struct memo_entry *e;
	uint64_t gen = store_scope_generation();

	/* Only inside a request's read scope, and only when nothing was
	 * committed here since it began: then the answer is that of the
	 * generation the scope began in. */
	if (atomic_load(&memo_ms) <= 0 || s->actor == NULL ||
	    len > SVC_MEMO_MAX || gen == 0 || gen != store_generation())
		return;
	e = memo_slot(kind, s->actor->id, key);
	e->kind = (int)kind;
	e->actor = s->actor->id;
	e->key = key;
	e->gen = gen;
	e->born_ms = clock_mono_ms();
	e->len = len;
	memcpy(e->v, v, len);
}

void
svc_memo_clear(void)
{
	memset(memo, 0, sizeof(memo));
}

void
svc_memo_stats(uint64_t *hits, uint64_t *misses)
{
	*hits = atomic_load_explicit(&memo_hits, memory_order_relaxed);
	*misses = atomic_load_explicit(&memo_misses, memory_order_relaxed);
}
