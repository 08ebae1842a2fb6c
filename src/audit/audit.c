/*
 * audit.c — append-only, hash-chained audit trail. See audit.h.
 *
 * hash = hex(BLAKE2b-256(prev_hash || for each field: 8-byte length, bytes)),
 * integers as decimal text; the first row's prev_hash is 64 zeros. Deleting
 * the last rows is found by comparing the highest id with the id sequence
 * (SQLite keeps it in sqlite_sequence for AUTOINCREMENT tables).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../authz/authz.h"
#include "../util/clock.h"
#include "audit.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void
feed(crypto_generichash_state *h, const char *s)
{
	unsigned char len[8];
	uint64_t n = strlen(s);
	int i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	crypto_generichash_update(h, len, sizeof(len));
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void
feed_int(crypto_generichash_state *h, int64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "%" PRId64, v);
	feed(h, b);
}

void
audit_hash(const char *prev, int64_t at, int64_t actor_id, const char *actor,
    const char *action, const char *otype, int64_t oid, const char *client,
    const char *detail, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];

	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	feed(&h, prev);
	feed_int(&h, at);
	feed_int(&h, actor_id);
	feed(&h, actor);
	feed(&h, action);
	feed(&h, otype);
	feed_int(&h, oid);
	feed(&h, client);
	feed(&h, detail);
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

struct last {
	int64_t	id;
	char	hash[65];
};

static int
last_cb(void *arg, const struct store_row *r)
{
	struct last *l = arg;

	l->id = srow_int(r, 0);
	snprintf(l->hash, sizeof(l->hash), "%s", srow_text(r, 1));
	return 1;
}

enum store_rc
audit_record(struct store *st, const struct actor *a, const char *who,
    const char *action, const char *otype, int64_t oid, const char *detail)
{
	struct last l = { 0, GENESIS };
	char hash[65];
	const char *name, *client;
	int64_t now = clock_now(), aid;
	enum store_rc rc;

	name = a ? a->username : (who ? who : "");
	client = a && a->client ? a->client : "";
	aid = a ? a->id : 0;
	detail = detail ? detail : "";
	if ((rc = store_exec(st, Q_AUDIT_LAST, NULL, 0, last_cb, &l, NULL)) !=
	    STORE_OK)
		return rc;
	audit_hash(l.hash, now, aid, name, action, otype, oid, client, detail,
	    hash);
	{
		struct sp p[] = {
			sp_int(now), sp_id(aid), sp_text(name), sp_text(action),
			sp_text(otype), sp_id(oid), sp_text(client),
			sp_text(detail), sp_text(l.hash), sp_text(hash),
		};

		return store_exec(st, Q_AUDIT_INSERT, p, 10, NULL, NULL, NULL);
	}
}

enum store_rc
audit_record_tx(struct store *st, const struct actor *a, const char *who,
    const char *action, const char *otype, int64_t oid, const char *detail)
{
	enum store_rc rc;

	if ((rc = store_begin(st, 1)) != STORE_OK)
		return rc;
	if ((rc = audit_record(st, a, who, action, otype, oid, detail)) !=
	    STORE_OK) {
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st)) != STORE_OK)
		store_rollback(st);
	return rc;
}

struct scan {
	struct audit_check	*out;
	int64_t			 last_id;
	char			 prev[65];
	int			 broken;
	int64_t			 n;
};

static int
scan_cb(void *arg, const struct store_row *r)
{
	struct scan *s = arg;
	char h[65];
	int64_t id = srow_int(r, AU_ID);

	s->n++;
	s->out->rows++;
	if (strcmp(srow_text(r, AU__MAX), s->prev) != 0) {
		s->out->bad_id = id;
		snprintf(s->out->reason, sizeof(s->out->reason),
		    "row %" PRId64 " does not follow row %" PRId64
		    " (a row before it was deleted or changed)", id, s->last_id);
		s->broken = 1;
		return 1;
	}
	audit_hash(s->prev, srow_int(r, AU_AT), srow_int(r, AU_ACTOR_ID),
	    srow_text(r, AU_ACTOR), srow_text(r, AU_ACTION),
	    srow_text(r, AU_OTYPE), srow_int(r, AU_OID),
	    srow_text(r, AU_CLIENT), srow_text(r, AU_DETAIL), h);
	if (strcmp(h, srow_text(r, AU__MAX + 1)) != 0) {
		s->out->bad_id = id;
		snprintf(s->out->reason, sizeof(s->out->reason),
		    "row %" PRId64 " was changed (its hash does not match)", id);
		s->broken = 1;
		return 1;
	}
	snprintf(s->prev, sizeof(s->prev), "%s", h);
	s->last_id = id;
	return 0;
}

int
audit_verify(struct store *st, struct audit_check *out)
{
	struct scan s;
	int64_t seq = 0;

	memset(out, 0, sizeof(*out));
	memset(&s, 0, sizeof(s));
	s.out = out;
	snprintf(s.prev, sizeof(s.prev), "%s", GENESIS);
	for (;;) {
		struct sp p[] = { sp_int(s.last_id), sp_int(10000) };

		s.n = 0;
		if (store_exec(st, Q_AUDIT_SCAN, p, 2, scan_cb, &s, NULL) !=
		    STORE_OK)
			return -1;
		if (s.broken)
			return 1;
		if (s.n < 10000)
			break;
	}
	if (store_exec(st, Q_AUDIT_SEQ, NULL, 0, store_cb_int, &seq, NULL) !=
	    STORE_OK)
		return -1;
	if (seq > s.last_id) {
		out->bad_id = s.last_id + 1;
		snprintf(out->reason, sizeof(out->reason), "rows after %" PRId64
		    " up to %" PRId64 " were deleted", s.last_id, seq);
		return 1;
	}
	return 0;
}
