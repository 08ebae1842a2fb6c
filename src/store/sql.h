/*
 * sql.h — the per-backend SQL tables (store layer, private to store/).
 */
#ifndef RRJETI_SQL_H
#define RRJETI_SQL_H

#include "query.h"

extern const char *const sql_sqlite[Q__MAX];

#endif
