/*
 * queries_foundation.h — the foundation's query ids (store layer), as an
 * X-macro list: Q(id, must_touch). must_touch 1: an UPDATE/DELETE that must
 * change a row, else store_exec() returns STORE_NOTFOUND. Included by
 * query.h and store.c only. The SQL is in sql_sqlite_foundation.inc.
 */
Q(Q_PING, 0)
Q(Q_META_GET, 0)	/* key -> value */
Q(Q_META_SET, 0)	/* key, value */
Q(Q_COUNTRY_PUT, 0)	/* code, name_sq, name_en, name_sr */
Q(Q_MUNI_PUT, 0)	/* code, country, num, name_sq, name_sr, region, population, note */
Q(Q_MUNI_LIST, 0)	/* -> id, code, country, num, name_sq, name_sr, region, population */
Q(Q_MUNI_GET, 0)	/* id -> as MUNI_LIST */
Q(Q_MUNI_BY_CODE, 0)	/* code -> as MUNI_LIST */
Q(Q_CONCERN_PUT, 0)	/* code, sq, en, sr, restricted */
Q(Q_CONCERN_LIST, 0)	/* -> code, sq, en, sr, restricted */
Q(Q_COUNT_REF, 0)	/* -> municipalities, concerns, agencies, users */

Q(Q_AGENCY_INSERT, 0)	/* code, name, type, municipality, country, now -> id */
Q(Q_AGENCY_UPDATE, 1)	/* id, name, type, municipality, active (must touch) */
Q(Q_AGENCY_GET, 0)	/* id -> AGENCY_COLS */
Q(Q_AGENCY_BY_CODE, 0)	/* code -> AGENCY_COLS */
Q(Q_AGENCY_LIST, 0)	/* country|NULL, municipality|NULL -> AGENCY_COLS */
Q(Q_AGENCY_COUNT, 0)	/* country|NULL, municipality|NULL -> agencies, active ones without users */
Q(Q_TEAM_INSERT, 0)	/* agency, name, now -> id */
Q(Q_TEAM_GET, 0)	/* id -> id, agency_id, name */
Q(Q_TEAM_LIST, 0)	/* agency -> id, agency_id, name, members */

Q(Q_USER_INSERT, 0)	/* username, full, hash, role, scope, agency, team, lang, must_change, now -> id */
Q(Q_USER_GET, 0)	/* id -> ACTOR_COLS */
Q(Q_USER_BY_NAME, 0)	/* username -> ACTOR_COLS, pw_hash, failed, locked_until */
Q(Q_USER_LIST, 0)	/* country|NULL, municipality|NULL, agency|NULL, limit, offset -> ACTOR_COLS */
Q(Q_USER_UPDATE, 1)	/* id, full, role, scope, agency, team, active, version -> version (must touch) */
Q(Q_USER_SET_PW, 1)	/* id, hash, must_change, now (must touch) */
Q(Q_USER_LOGIN_FAIL, 0)	/* id, failed, locked_until */
Q(Q_USER_LOGIN_OK, 0)	/* id */
Q(Q_USER_SET_LANG, 1)	/* id, lang (must touch) */

Q(Q_SESSION_INSERT, 0)	/* hash, user, csrf, now, expires */
Q(Q_SESSION_GET, 0)	/* hash, idle_cutoff, now -> ACTOR_COLS, session id, csrf, last_seen, expires */
Q(Q_SESSION_TOUCH, 0)	/* id, now */
Q(Q_SESSION_DELETE, 0)	/* hash */
Q(Q_SESSION_DELETE_USER, 0)	/* user */
Q(Q_SESSION_PURGE, 0)	/* idle_cutoff, now */
Q(Q_GUARD_GET, 0)	/* username -> failed, locked_until (no row: none) */
Q(Q_GUARD_FAIL, 0)	/* username, failed, locked_until, now */
Q(Q_GUARD_PURGE, 0)	/* before: rows not touched since */
Q(Q_SESSION_COUNT, 0)	/* idle_cutoff, now -> count */

Q(Q_TOKEN_INSERT, 0)	/* user, name, hash, now, expires -> id */
Q(Q_TOKEN_GET, 0)	/* hash, now -> ACTOR_COLS, token id, last_used, expires */
Q(Q_TOKEN_TOUCH, 0)	/* id, now */
Q(Q_TOKEN_LIST, 0)	/* user, now -> id, name, created, expires, last_used, revoked */
Q(Q_TOKEN_REVOKE, 1)	/* id, user, now (must touch) */
Q(Q_TOKEN_REVOKE_USER, 0)	/* user, now */

Q(Q_POP_LIST, 0)	/* year, country|NULL, municipality|NULL -> muni id, code, name_sq, country, children|NULL, estimated, source, updated_at */
Q(Q_POP_PUT, 0)	/* municipality, year, children, estimated, source, by, now */
Q(Q_POP_MISSING, 0)	/* year, country|NULL, municipality|NULL -> municipalities without a figure */
Q(Q_ADMIN_HOME, 0)	/* year, country|NULL, municipality|NULL -> as Q_POP_MISSING, then as Q_AGENCY_COUNT */

Q(Q_AUDIT_LAST, 0)	/* -> id, hash */
Q(Q_AUDIT_INSERT, 0)	/* at, actor_id, actor, action, otype, oid, client, detail, prev, hash -> id */
Q(Q_AUDIT_SCAN, 0)	/* after_id, limit -> AUDIT_COLS, prev_hash, hash */
Q(Q_AUDIT_SEQ, 0)	/* -> highest id ever given */
Q(Q_AUDIT_SEARCH, 0)	/* actor, action prefix, from, to, limit, offset -> AUDIT_COLS */
Q(Q_AUDIT_COUNT, 0)	/* actor, action prefix, from, to -> count */
