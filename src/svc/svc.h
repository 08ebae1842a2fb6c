/*
 * svc.h — what every service shares (svc layer: rules, no SQL, HTML or
 * HTTP). A service gets a context (store, arena, actor), checks the rules,
 * calls the store and the audit trail, and returns one of a few codes; the
 * http layer maps the codes to statuses in one place.
 */
#ifndef RRJETI_SVC_H
#define RRJETI_SVC_H

#include <stddef.h>
#include <stdint.h>

#include "../authz/authz.h"
#include "../store/store.h"

struct arena;

enum svc_rc {
	SVC_OK = 0,
	SVC_NOTFOUND,		/* also: exists but the actor may not see it */
	SVC_DENIED,		/* seen, but not allowed (403) */
	SVC_INVALID,		/* a field or rule; see err */
	SVC_CONFLICT,		/* stale version, duplicate */
	SVC_LOCKED,		/* too many failed logins */
	SVC_TOOBIG,
	SVC_UNAVAILABLE,	/* the database cannot be reached */
	SVC_ERROR,
	SVC__MAX
};

/* Why a call failed: the field (NULL for the whole form) and a message key
 * of the catalogues, with an optional argument shown after it. */
struct svc_err {
	const char	*field;
	const char	*msg;
	const char	*arg;
};

struct svc {
	struct store		*st;
	struct arena		*a;
	const struct actor	*actor;	/* NULL before login */
	const char		*client;	/* client address, for the audit
						 * rows of anonymous attempts */
	struct svc_err		 err;
};

/* Sets err and returns rc. */
enum svc_rc	svc_fail(struct svc *, enum svc_rc, const char *field, const char *msg);
/* STORE_* to SVC_*. */
enum svc_rc	svc_from_store(enum store_rc);
const char	*svc_rc_str(enum svc_rc);

/* Small checks the services share. svc_nz: s, or "" for NULL. svc_in_set:
 * v (NULL: no) is one of the NULL-terminated set. svc_text_ok: s (NULL is
 * "") is valid UTF-8 of at most max characters, and one line (no CR, LF or
 * tab) unless multi. */
const char	*svc_nz(const char *s);
int		 svc_in_set(const char *const *set, const char *v);
int		 svc_text_ok(const char *s, size_t max, int multi);

/*
 * Runs fn inside a write transaction: commit when it returns SVC_OK, roll
 * back otherwise. The audit rows a service writes in fn are therefore in the
 * same transaction as its writes.
 */
enum svc_rc	svc_tx(struct svc *, enum svc_rc (*fn)(struct svc *, void *), void *arg);

/*
 * Helpers every service shares. cm_unavailable: a store failure as the
 * service's answer ("error.unavailable"). cm_dup: column col of a row
 * copied into a (NULL as ""). cm_audit: an audit row by the actor inside
 * the current transaction (detail NULL: ""); never names or narrative in
 * detail, ids and codes only.
 */
enum svc_rc	cm_unavailable(struct svc *, enum store_rc);
const char	*cm_dup(struct arena *, const struct store_row *, int col);
enum svc_rc	cm_audit(struct svc *, const char *action, const char *type,
		    int64_t id, const char *detail);

/*
 * The memo: the small answers a page asks for on every view (the home
 * page's counts, the unread notifications badge), kept per server thread
 * by kind, actor and key (a year, ...), for at most ms milliseconds and
 * only while this process has committed no change since they were counted
 * (store_generation(): the answer after a write made here is always
 * counted afresh; a change made by another process or node is seen within
 * ms). svc_memo_config(0) (the default) turns it off; the server sets it
 * to auth_cache_ms. svc_memo_get copies len bytes into out and returns 1
 * on a hit, 0 otherwise; svc_memo_put keeps v (len at most SVC_MEMO_MAX).
 * Both do nothing without an actor.
 */
enum svc_memo {
	MEMO_ADMIN_HOME = 1,	/* reference.c: admin_home_counts */
	MEMO_HOME_CASEWORK,	/* deadline.c: deadline_home_counts */
	MEMO_UNREAD		/* notify.c: notify_unread */
};
#define SVC_MEMO_MAX	96

void		 svc_memo_config(int ms);
int		 svc_memo_get(struct svc *, enum svc_memo, int64_t key, void *out,
		    size_t len);
void		 svc_memo_put(struct svc *, enum svc_memo, int64_t key,
		    const void *v, size_t len);
/* Forgets this thread's memo (tests). */
void		 svc_memo_clear(void);
void		 svc_memo_stats(uint64_t *hits, uint64_t *misses);

#endif
