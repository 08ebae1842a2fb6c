/*
 * queries_training.h — the query ids of the training domain (store layer): accredited training programmes, sessions, participants, certificates.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_training.inc.
 */
/*
 * Checklist when adding one: the id here, its SQL in
 * sql_sqlite_training.inc (same parameters and columns), its use in
 * svc/training.c and a unit test in test_training.c.
 */
Q(Q_TR_PROG_INSERT, 0)	/* country, title, body, body_key, number, from, until, hours, by, now -> id */
Q(Q_TR_PROG_PROFILE_ADD, 0)	/* programme, profile */
Q(Q_TR_PROGS, 0)	/* country|NULL, limit -> TR_PROG_COLS (newest first) */
Q(Q_TR_PROG_GET, 0)	/* programme -> TR_PROG_COLS */
Q(Q_TR_PROG_COUNTS, 0)	/* programme -> profile, sex, professionals (attended or partly) */
Q(Q_TR_MUNI_COUNTRY, 0)	/* municipality -> country */
Q(Q_TR_AGENCY, 0)	/* agency -> municipality|0, country|'' (an active agency) */
Q(Q_TR_SESSION_INSERT, 0)	/* programme, start, end, municipality, venue, trainers, capacity, by, now -> id */
Q(Q_TR_SESSIONS, 0)	/* programme, limit -> TR_SESSION_COLS */
Q(Q_TR_SESSION_GET, 0)	/* session -> TR_SESSION_COLS */
Q(Q_TR_SESSION_STATUS, 1)	/* id, status, now, version (must touch: planned, version) */
Q(Q_TR_SESSION_BUMP, 1)	/* id, version, now (must touch: version) */
Q(Q_TR_SESSION_TOUCH, 1)	/* id, now: a new version (an enrolment changes the sheet) */
Q(Q_TR_PROF_INSERT, 0)	/* given, family, fold_given, fold_family, sex, profile, agency|NULL, organisation, municipality, email, by, now -> id */
Q(Q_TR_PROF_CANDIDATES, 0)	/* fold_family, fold_given, country|NULL, limit -> TR_PROF_COLS */
Q(Q_TR_PROFS, 0)	/* profile|NULL, municipality|0, country|NULL, limit, word|NULL, word|NULL (folded prefixes) -> TR_PROF_COLS */
Q(Q_TR_PROF_GET, 0)	/* professional -> TR_PROF_COLS */
Q(Q_TR_ENROL_COUNT, 0)	/* session -> enrolments */
Q(Q_TR_ENROL_INSERT, 0)	/* session, professional, by, now -> id (conflict: enrolled already) */
Q(Q_TR_ENROLMENTS, 0)	/* session -> TR_ENROL_COLS (in enrolment order) */
Q(Q_TR_PROF_SESSIONS, 0)	/* professional -> TR_ENROL_COLS (newest session first) */
Q(Q_TR_MARK, 1)	/* enrolment, session, status, hours, now (must touch: of the session) */
Q(Q_TR_CERT_DUE, 0)	/* session -> professional, hours (attended, no certificate yet) */
Q(Q_TR_CERT_NEXT, 0)	/* programme, year -> the next sequence number */
Q(Q_TR_CERT_INSERT, 0)	/* programme, session, professional, year, seq, number, hours, by, now -> id */
Q(Q_TR_CERT_GET, 0)	/* session, professional -> TR_CERT_COLS */
Q(Q_TR_MERGE_BEST, 0)	/* into, from: the better attendance where both were in one session */
Q(Q_TR_MERGE_DROP, 0)	/* into, from: from's enrolments in those sessions */
Q(Q_TR_MERGE_MOVE, 0)	/* into, from: the remaining enrolments */
Q(Q_TR_MERGE_CERTS, 0)	/* into, from: the certificates (conflict: both hold one of a session) */
Q(Q_TR_MERGE_MARK, 1)	/* from, into (must touch: from not merged yet) */
