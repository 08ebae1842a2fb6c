/*
 * queries_training.h — the query ids of the training domain (store layer): accredited training programmes, sessions, participants, certificates.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_training.inc.
 */
