/*
 * query.h — every query the system runs, by id (store layer).
 *
 * Checklist when adding a query: its id in the domain's queries_DOMAIN.h
 * (with must_touch 1 if an UPDATE/DELETE must touch a row), its SQL in the
 * domain's sql_sqlite_DOMAIN.inc (and in
 * sql_pgsql.c once that backend exists) with the same parameters and result
 * columns in the same order, and a test that runs it (tests/unit/test_store.c
 * runs every id through prepare at least). store_open() refuses to start if
 * any id lacks SQL.
 */
#ifndef RRJETI_QUERY_H
#define RRJETI_QUERY_H

/*
 * The ids are listed per domain in queries_DOMAIN.h as Q(id, must_touch),
 * so that work on different domains touches different files.
 */
enum qid {
#define Q(id, must_touch) id,
#include "queries_all.h"
#undef Q
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
