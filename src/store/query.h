/*
 * query.h — every query the system runs, by id (store layer).
 *
 * Checklist when adding a query: its id here (and in query_must_touch() if an
 * UPDATE/DELETE must touch a row), its SQL in sql_sqlite.c (and in
 * sql_pgsql.c once that backend exists) with the same parameters and result
 * columns in the same order, and a test that runs it (tests/unit/test_store.c
 * runs every id through prepare at least). store_open() refuses to start if
 * any id lacks SQL.
 */
#ifndef RRJETI_QUERY_H
#define RRJETI_QUERY_H

enum qid {
	Q_PING,
	Q_META_GET,		/* key -> value */
	Q_META_SET,		/* key, value */
	Q_COUNTRY_PUT,		/* code, name_sq, name_en, name_sr */
	Q_MUNI_PUT,		/* code, country, num, name_sq, name_sr, region, population, note */
	Q_MUNI_LIST,		/* -> id, code, country, num, name_sq, name_sr, region, population */
	Q_MUNI_GET,		/* id -> as MUNI_LIST */
	Q_MUNI_BY_CODE,		/* code -> as MUNI_LIST */
	Q_CONCERN_PUT,		/* code, sq, en, sr, restricted */
	Q_CONCERN_LIST,		/* -> code, sq, en, sr, restricted */
	Q_COUNT_REF,		/* -> municipalities, concerns, agencies, users */

	Q_AGENCY_INSERT,	/* code, name, type, municipality, country, now -> id */
	Q_AGENCY_UPDATE,	/* id, name, type, municipality, active (must touch) */
	Q_AGENCY_GET,		/* id -> AGENCY_COLS */
	Q_AGENCY_BY_CODE,	/* code -> AGENCY_COLS */
	Q_AGENCY_LIST,		/* country|NULL, municipality|NULL -> AGENCY_COLS */
	Q_AGENCY_COUNT,		/* country|NULL, municipality|NULL -> agencies, active ones without users */
	Q_TEAM_INSERT,		/* agency, name, now -> id */
	Q_TEAM_GET,		/* id -> id, agency_id, name */
	Q_TEAM_LIST,		/* agency -> id, agency_id, name, members */

	Q_USER_INSERT,		/* username, full, hash, role, scope, agency, team, lang, must_change, now -> id */
	Q_USER_GET,		/* id -> ACTOR_COLS */
	Q_USER_BY_NAME,		/* username -> ACTOR_COLS, pw_hash, failed, locked_until */
	Q_USER_LIST,		/* country|NULL, municipality|NULL, agency|NULL, limit, offset -> ACTOR_COLS */
	Q_USER_UPDATE,		/* id, full, role, scope, agency, team, active, version -> version (must touch) */
	Q_USER_SET_PW,		/* id, hash, must_change, now (must touch) */
	Q_USER_LOGIN_FAIL,	/* id, failed, locked_until */
	Q_USER_LOGIN_OK,	/* id */
	Q_USER_SET_LANG,	/* id, lang (must touch) */

	Q_SESSION_INSERT,	/* hash, user, csrf, now, expires */
	Q_SESSION_GET,		/* hash, idle_cutoff, now -> ACTOR_COLS, session id, csrf, last_seen */
	Q_SESSION_TOUCH,	/* id, now */
	Q_SESSION_DELETE,	/* hash */
	Q_SESSION_DELETE_USER,	/* user */
	Q_SESSION_PURGE,	/* idle_cutoff, now */
	Q_SESSION_COUNT,	/* idle_cutoff, now -> count */

	Q_TOKEN_INSERT,		/* user, name, hash, now, expires -> id */
	Q_TOKEN_GET,		/* hash, now -> ACTOR_COLS, token id, last_used */
	Q_TOKEN_TOUCH,		/* id, now */
	Q_TOKEN_LIST,		/* user, now -> id, name, created, expires, last_used, revoked */
	Q_TOKEN_REVOKE,		/* id, user, now (must touch) */
	Q_TOKEN_REVOKE_USER,	/* user, now */

	Q_POP_LIST,		/* year, country|NULL, municipality|NULL -> muni id, code, name_sq, country, children|NULL, estimated, source, updated_at */
	Q_POP_PUT,		/* municipality, year, children, estimated, source, by, now */
	Q_POP_MISSING,		/* year, country|NULL, municipality|NULL -> municipalities without a figure */

	Q_AUDIT_LAST,		/* -> id, hash */
	Q_AUDIT_INSERT,		/* at, actor_id, actor, action, otype, oid, client, detail, prev, hash -> id */
	Q_AUDIT_SCAN,		/* after_id, limit -> AUDIT_COLS, prev_hash, hash */
	Q_AUDIT_SEQ,		/* -> highest id ever given */
	Q_AUDIT_SEARCH,		/* actor, action prefix, from, to, limit, offset -> AUDIT_COLS */
	Q_AUDIT_COUNT,		/* actor, action prefix, from, to -> count */

	Q__MAX
};

/* The result columns shared by the user, session and token lookups. */
enum actor_col {
	AC_ID,
	AC_USERNAME,
	AC_FULL_NAME,
	AC_ROLE,
	AC_SCOPE,
	AC_AGENCY_ID,
	AC_TEAM_ID,
	AC_LANG,
	AC_ACTIVE,
	AC_MUST_CHANGE,
	AC_AGENCY_CODE,
	AC_AGENCY_NAME,
	AC_MUNICIPALITY_ID,
	AC_TEAM_NAME,
	AC_VERSION,
	AC_COUNTRY,
	AC__MAX
};

enum agency_col {
	AG_ID,
	AG_CODE,
	AG_NAME,
	AG_TYPE,
	AG_MUNICIPALITY_ID,
	AG_MUNICIPALITY_NAME,
	AG_ACTIVE,
	AG_USERS,
	AG_COUNTRY,
	AG__MAX
};

enum audit_col {
	AU_ID,
	AU_AT,
	AU_ACTOR_ID,
	AU_ACTOR,
	AU_ACTION,
	AU_OTYPE,
	AU_OID,
	AU_CLIENT,
	AU_DETAIL,
	AU__MAX
};

/* 1 when the query must change at least one row (else STORE_NOTFOUND). */
int	query_must_touch(enum qid);
/* Name of the id, for logs and tests. */
const char *query_name(enum qid);

#endif
