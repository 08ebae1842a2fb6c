/*
 * store_backend.h — how store.c finds its backends (store layer, private).
 */
#ifndef RRJETI_STORE_BACKEND_H
#define RRJETI_STORE_BACKEND_H

#include "store.h"

const struct store_ops	*store_sqlite_ops(void);
/* NULL when this binary has no PostgreSQL backend. */
const struct store_ops	*store_pgsql_ops(void);

#endif
