/*
 * sql_sqlite.c — the SQL of every query id for the SQLite backend (store
 * layer). Parameters are ?1, ?2, ... in the order query.h gives; result
 * columns follow the enums of query.h. Nothing here is built at run time.
 */
#include "query.h"
#include "sql.h"

#define ACTOR_COLS \
	"u.id, u.username, u.full_name, u.role, u.scope, u.agency_id, " \
	"u.team_id, u.lang, u.active, u.must_change_pw, " \
	"coalesce(a.code, ''), coalesce(a.name, ''), a.municipality_id, " \
	"coalesce(t.name, ''), u.version, a.country"
#define ACTOR_FROM \
	" FROM user u LEFT JOIN agency a ON a.id = u.agency_id" \
	" LEFT JOIN team t ON t.id = u.team_id"
#define AGENCY_COLS \
	"g.id, g.code, g.name, g.type, g.municipality_id, " \
	"coalesce(m.name_sq, ''), g.active, " \
	"(SELECT count(*) FROM user x WHERE x.agency_id = g.id), g.country"
#define AGENCY_FROM \
	" FROM agency g LEFT JOIN municipality m ON m.id = g.municipality_id"
#define AUDIT_COLS \
	"id, at, actor_id, actor, action, object_type, object_id, client, detail"
#define AUDIT_FILTER \
	" WHERE (?1 IS NULL OR actor = ?1)" \
	" AND (?2 IS NULL OR action = ?2 OR action LIKE ?2 || '.%')" \
	" AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4)"
#define MUNI_COLS \
	"id, code, country, num, name_sq, name_sr, region, population"

const char *const sql_sqlite[Q__MAX] = {
#include "sql_sqlite_foundation.inc"
#include "sql_sqlite_intake.inc"
#include "sql_sqlite_cases.inc"
#include "sql_sqlite_deadlines.inc"
#include "sql_sqlite_demo.inc"
#include "sql_sqlite_documents.inc"
#include "sql_sqlite_casework.inc"
#include "sql_sqlite_closure.inc"
#include "sql_sqlite_children.inc"
#include "sql_sqlite_conference.inc"
#include "sql_sqlite_community.inc"
#include "sql_sqlite_notify.inc"
#include "sql_sqlite_provider.inc"
#include "sql_sqlite_referral.inc"
#include "sql_sqlite_protect.inc"
#include "sql_sqlite_grant.inc"
#include "sql_sqlite_training.inc"
#include "sql_sqlite_indicator.inc"
#include "sql_sqlite_report.inc"
#include "sql_sqlite_import.inc"
#include "sql_sqlite_importjob.inc"
#include "sql_sqlite_job.inc"
};
