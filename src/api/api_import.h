/*
 * api_import.h — the JSON side of imports (api/import.c): a file as the raw
 * body, checked (dry_run=1) or imported, answered with the per-row report.
 */
#ifndef RRJETI_API_IMPORT_H
#define RRJETI_API_IMPORT_H

struct req;

void	api_import(struct req *);	/* POST /api/v1/imports/{kind} */

#endif
