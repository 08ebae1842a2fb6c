/*
 * queries_import.h — the query ids of the imports (store layer): CSV and
 * XLSX files of licences and training participants. An X-macro list
 * Q(id, must_touch); see queries_foundation.h. The SQL is in
 * sql_sqlite_import.inc. The rows themselves are written by the services
 * of their domain (svc/training.c, svc/provider.c).
 */
Q(Q_IM_MUNI, 0)	/* code -> id, country */
Q(Q_IM_PROFS, 0)	/* country|NULL -> id, given, family, fold_given, fold_family, sex (not merged) */
Q(Q_IM_PROVIDERS, 0)	/* country|NULL -> id, code, name of the provider agencies */
#ifndef IMPORT_PROF_BATCH
#define IMPORT_PROF_BATCH	128	/* rows of Q_IM_PROF_INSERT_MANY */
#define IMPORT_PROF_COLS	12	/* parameters of one row */
#endif
Q(Q_IM_PROF_INSERT, 0)	/* given, family, fold_given, fold_family, sex, profile, agency|NULL, organisation, municipality, email, by, now (the bulk path: no RETURNING, whose temporary table costs more than the row) */
Q(Q_IM_PROF_INSERT_MANY, 0)	/* IMPORT_PROF_BATCH times the parameters of Q_IM_PROF_INSERT (the import writes its rows IMPORT_PROF_BATCH a statement) */
