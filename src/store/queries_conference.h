/*
 * queries_conference.h — the query ids of the conference domain (store layer): case conferences (TMR/GTN): meetings, invitations, agenda, attendance, decisions, tasks, minutes.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_conference.inc.
 */
