/*
 * store_pgsql.h — what the PostgreSQL backend offers beyond struct
 * store_ops, for its tests and tools (store layer).
 */
#ifndef RRJETI_STORE_PGSQL_H
#define RRJETI_STORE_PGSQL_H

#include "store.h"

/* The PostgreSQL text of id as prepared; NULL when there is none. */
const char	*store_pgsql_sql(enum qid);

/*
 * Prepares every query id on a new connection of st (a postgresql://
 * store on a migrated database), calling bad (may be NULL) with each id
 * that does not prepare and PostgreSQL's reason. Returns how many do not;
 * -1 when st is not a PostgreSQL store or cannot be reached (why in err).
 */
int		 store_pgsql_prepare_all(struct store *,
		    void (*bad)(void *, enum qid, const char *), void *arg,
		    char *err, size_t errlen);

#endif
