/*
 * pgsql_absent.c — stands in for the PostgreSQL backend until store_pgsql.c
 * exists: store_open() then says plainly that postgresql:// URLs are not
 * supported by this binary. Delete this file when store_pgsql.c lands.
 */
#include <stddef.h>

#include "store_backend.h"

const struct store_ops *
store_pgsql_ops(void)
{
	return NULL;
}
