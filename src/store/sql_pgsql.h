/*
 * sql_pgsql.h — the PostgreSQL SQL of the query ids (store layer, private to
 * store/ and its tests): hand-written overrides and the translation of the
 * SQLite text (sql_pgsql.c).
 */
#ifndef RRJETI_SQL_PGSQL_H
#define RRJETI_SQL_PGSQL_H

#include "query.h"

/* As SQLite's highest ?N; named parameters, at most SQL_PGSQL_MAXNAMED. */
#define SQL_PGSQL_MAXPARAM	32766
#define SQL_PGSQL_MAXNAMED	256

/* Hand-written text for the ids the translation cannot do; NULL elsewhere. */
extern const char *const sql_pgsql_override[Q__MAX];

/*
 * The PostgreSQL form of one SQLite statement (see sql_pgsql.c), malloc'd;
 * *nparams (may be NULL) gets the number of parameters. NULL when it
 * cannot be translated (or out of memory).
 */
char	*sql_pgsql_translate(const char *sqlite, int *nparams);

#endif
