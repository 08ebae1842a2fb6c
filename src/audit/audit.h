/*
 * audit.h — the audit trail (audit layer, beside authz; below the
 * services). Every read of personal data and every write is recorded with
 * actor, action, object, time and client address, in the same transaction as
 * the write. Rows are append-only and hash-chained: each row's hash covers
 * the previous row's hash and its own fields, so `rrjeti audit verify` finds
 * a changed or deleted row.
 */
#ifndef RRJETI_AUDIT_H
#define RRJETI_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"

struct actor;

/*
 * Appends one row. Must run inside a write transaction (store_begin(st, 1)):
 * reading the chain's head and appending must not interleave with another
 * writer. actor may be NULL (an anonymous attempt); then who names it (e.g.
 * the username tried), else the actor's username is used. detail is short
 * text with no children's personal data (field names, counts, codes).
 */
enum store_rc	audit_record(struct store *, const struct actor *, const char *who,
		    const char *action, const char *object_type, int64_t object_id,
		    const char *detail);

/* Convenience: its own write transaction around one audit_record(). */
enum store_rc	audit_record_tx(struct store *, const struct actor *, const char *who,
		    const char *action, const char *object_type, int64_t object_id,
		    const char *detail);

struct audit_check {
	int64_t	rows;		/* rows checked */
	int64_t	bad_id;		/* first bad row, 0 when intact */
	char	reason[160];
};

/* 0 when the chain is intact, 1 when broken (see out), -1 on a store error. */
int		audit_verify(struct store *, struct audit_check *out);

/* The hash of a row (hex, 64 chars + NUL into out[65]). Exposed for tests. */
void		audit_hash(const char *prev_hex, int64_t at, int64_t actor_id,
		    const char *actor, const char *action, const char *otype,
		    int64_t oid, const char *client, const char *detail, char out[65]);

#endif
