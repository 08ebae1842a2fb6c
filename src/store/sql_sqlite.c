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
	[Q_PING] = "SELECT 1",
	[Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[Q_META_SET] = "INSERT INTO meta (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[Q_COUNTRY_PUT] = "INSERT INTO country (code, name_sq, name_en, name_sr)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (code) DO UPDATE SET"
	    " name_sq = excluded.name_sq, name_en = excluded.name_en,"
	    " name_sr = excluded.name_sr",
	[Q_MUNI_PUT] = "INSERT INTO municipality (code, country, num, name_sq,"
	    " name_sr, region, population, population_note)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (code) DO UPDATE"
	    " SET name_sq = excluded.name_sq, name_sr = excluded.name_sr,"
	    " region = excluded.region, population = excluded.population,"
	    " population_note = excluded.population_note",
	[Q_MUNI_LIST] = "SELECT " MUNI_COLS " FROM municipality"
	    " ORDER BY country DESC, name_sq",
	[Q_MUNI_GET] = "SELECT " MUNI_COLS " FROM municipality WHERE id = ?1",
	[Q_MUNI_BY_CODE] = "SELECT " MUNI_COLS " FROM municipality WHERE code = ?1",
	[Q_CONCERN_PUT] = "INSERT INTO concern (code, label_sq, label_en, label_sr,"
	    " restricted) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO UPDATE"
	    " SET label_sq = excluded.label_sq, label_en = excluded.label_en,"
	    " label_sr = excluded.label_sr, restricted = excluded.restricted",
	[Q_CONCERN_LIST] = "SELECT code, label_sq, label_en, label_sr, restricted"
	    " FROM concern ORDER BY rowid",
	[Q_COUNT_REF] = "SELECT (SELECT count(*) FROM municipality),"
	    " (SELECT count(*) FROM concern), (SELECT count(*) FROM agency),"
	    " (SELECT count(*) FROM user)",

	[Q_AGENCY_INSERT] = "INSERT INTO agency (code, name, type, municipality_id,"
	    " country, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
	[Q_AGENCY_UPDATE] = "UPDATE agency SET name = ?2, type = ?3,"
	    " municipality_id = ?4, active = ?5 WHERE id = ?1",
	[Q_AGENCY_GET] = "SELECT " AGENCY_COLS AGENCY_FROM " WHERE g.id = ?1",
	[Q_AGENCY_BY_CODE] = "SELECT " AGENCY_COLS AGENCY_FROM " WHERE g.code = ?1",
	[Q_AGENCY_LIST] = "SELECT " AGENCY_COLS AGENCY_FROM
	    " WHERE (?1 IS NULL OR g.country = ?1)"
	    " AND (?2 IS NULL OR g.municipality_id = ?2) ORDER BY g.name",
	/* The rows of Q_AGENCY_LIST, counted. The municipality filter is a
	 * branch of its own so that it can use its index (the planner cannot
	 * through "?2 IS NULL OR ..."); the other branch runs only without. */
	[Q_AGENCY_COUNT] = "SELECT count(*), coalesce(sum(g.active <> 0 AND"
	    " NOT EXISTS (SELECT 1 FROM user x WHERE x.agency_id = g.id)), 0)"
	    " FROM (SELECT id, active FROM agency WHERE municipality_id = ?2"
	    " AND (?1 IS NULL OR country = ?1) UNION ALL SELECT id, active"
	    " FROM agency WHERE ?2 IS NULL AND (?1 IS NULL OR country = ?1)) g",
	[Q_TEAM_INSERT] = "INSERT INTO team (agency_id, name, created_at)"
	    " VALUES (?1, ?2, ?3) RETURNING id",
	[Q_TEAM_GET] = "SELECT id, agency_id, name FROM team WHERE id = ?1",
	[Q_TEAM_LIST] = "SELECT t.id, t.agency_id, t.name,"
	    " (SELECT count(*) FROM user x WHERE x.team_id = t.id)"
	    " FROM team t WHERE t.agency_id = ?1 ORDER BY t.name",

	[Q_USER_INSERT] = "INSERT INTO user (username, full_name, pw_hash, role,"
	    " scope, agency_id, team_id, lang, must_change_pw, created_at,"
	    " pw_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"
	    " RETURNING id",
	[Q_USER_GET] = "SELECT " ACTOR_COLS ACTOR_FROM " WHERE u.id = ?1",
	[Q_USER_BY_NAME] = "SELECT " ACTOR_COLS ", u.pw_hash, u.failed_logins,"
	    " u.locked_until" ACTOR_FROM " WHERE u.username = ?1",
	[Q_USER_LIST] = "SELECT " ACTOR_COLS ACTOR_FROM
	    " WHERE (?1 IS NULL OR a.country = ?1)"
	    " AND (?2 IS NULL OR a.municipality_id = ?2)"
	    " AND (?3 IS NULL OR u.agency_id = ?3)"
	    " ORDER BY u.username LIMIT ?4 OFFSET ?5",
	[Q_USER_UPDATE] = "UPDATE user SET full_name = ?2, role = ?3, scope = ?4,"
	    " agency_id = ?5, team_id = ?6, active = ?7, version = version + 1"
	    " WHERE id = ?1 AND version = ?8 RETURNING version",
	[Q_USER_SET_PW] = "UPDATE user SET pw_hash = ?2, must_change_pw = ?3,"
	    " pw_changed_at = ?4, failed_logins = 0, locked_until = 0,"
	    " version = version + 1 WHERE id = ?1",
	[Q_USER_LOGIN_FAIL] = "UPDATE user SET failed_logins = ?2,"
	    " locked_until = ?3 WHERE id = ?1",
	[Q_USER_LOGIN_OK] = "UPDATE user SET failed_logins = 0, locked_until = 0"
	    " WHERE id = ?1 AND (failed_logins <> 0 OR locked_until <> 0)",
	[Q_USER_SET_LANG] = "UPDATE user SET lang = ?2 WHERE id = ?1",

	[Q_SESSION_INSERT] = "INSERT INTO session (token_hash, user_id, csrf,"
	    " created_at, last_seen, expires_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
	[Q_SESSION_GET] = "SELECT " ACTOR_COLS ", s.id, s.csrf, s.last_seen"
	    " FROM session s JOIN user u ON u.id = s.user_id"
	    " LEFT JOIN agency a ON a.id = u.agency_id"
	    " LEFT JOIN team t ON t.id = u.team_id"
	    " WHERE s.token_hash = ?1 AND s.last_seen >= ?2 AND s.expires_at > ?3"
	    " AND u.active = 1",
	[Q_SESSION_TOUCH] = "UPDATE session SET last_seen = ?2 WHERE id = ?1",
	[Q_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
	[Q_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = ?1",
	[Q_SESSION_PURGE] = "DELETE FROM session WHERE last_seen < ?1"
	    " OR expires_at <= ?2",
	[Q_SESSION_COUNT] = "SELECT count(*) FROM session WHERE last_seen >= ?1"
	    " AND expires_at > ?2",

	[Q_TOKEN_INSERT] = "INSERT INTO api_token (user_id, name, token_hash,"
	    " created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
	[Q_TOKEN_GET] = "SELECT " ACTOR_COLS ", k.id, k.last_used"
	    " FROM api_token k JOIN user u ON u.id = k.user_id"
	    " LEFT JOIN agency a ON a.id = u.agency_id"
	    " LEFT JOIN team t ON t.id = u.team_id"
	    " WHERE k.token_hash = ?1 AND k.revoked_at = 0 AND k.expires_at > ?2"
	    " AND u.active = 1",
	[Q_TOKEN_TOUCH] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1",
	[Q_TOKEN_LIST] = "SELECT id, name, created_at, expires_at, last_used,"
	    " revoked_at FROM api_token WHERE user_id = ?1"
	    " AND (revoked_at = 0 AND expires_at > ?2 OR revoked_at > ?2 - 2592000)"
	    " ORDER BY id DESC LIMIT 50",
	[Q_TOKEN_REVOKE] = "UPDATE api_token SET revoked_at = ?3 WHERE id = ?1"
	    " AND user_id = ?2 AND revoked_at = 0",
	[Q_TOKEN_REVOKE_USER] = "UPDATE api_token SET revoked_at = ?2"
	    " WHERE user_id = ?1 AND revoked_at = 0",

	[Q_POP_LIST] = "SELECT m.id, m.code, m.name_sq, m.country, p.children,"
	    " coalesce(p.estimated, 0), coalesce(p.source, ''),"
	    " coalesce(p.updated_at, 0) FROM municipality m"
	    " LEFT JOIN child_population p ON p.municipality_id = m.id"
	    " AND p.year = ?1 WHERE (?2 IS NULL OR m.country = ?2)"
	    " AND (?3 IS NULL OR m.id = ?3)"
	    " ORDER BY m.country DESC, m.name_sq",
	[Q_POP_PUT] = "INSERT INTO child_population (municipality_id, year,"
	    " children, estimated, source, updated_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	    " ON CONFLICT (municipality_id, year) DO UPDATE SET"
	    " children = excluded.children, estimated = excluded.estimated,"
	    " source = excluded.source, updated_by = excluded.updated_by,"
	    " updated_at = excluded.updated_at",
	/* The rows of Q_POP_LIST without a figure, counted; one municipality
	 * (?3) by its key, all of them (?3 NULL) in the other branch. */
	[Q_POP_MISSING] = "SELECT (SELECT count(*) FROM municipality m"
	    " WHERE m.id = ?3 AND (?2 IS NULL OR m.country = ?2)"
	    " AND NOT EXISTS (SELECT 1 FROM child_population p"
	    " WHERE p.municipality_id = m.id AND p.year = ?1))"
	    " + (SELECT count(*) FROM municipality m"
	    " WHERE ?3 IS NULL AND (?2 IS NULL OR m.country = ?2)"
	    " AND NOT EXISTS (SELECT 1 FROM child_population p"
	    " WHERE p.municipality_id = m.id AND p.year = ?1))",

	[Q_AUDIT_LAST] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
	[Q_AUDIT_INSERT] = "INSERT INTO audit (at, actor_id, actor, action,"
	    " object_type, object_id, client, detail, prev_hash, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
	[Q_AUDIT_SCAN] = "SELECT " AUDIT_COLS ", prev_hash, hash FROM audit"
	    " WHERE id > ?1 ORDER BY id LIMIT ?2",
	[Q_AUDIT_SEQ] = "SELECT coalesce((SELECT seq FROM sqlite_sequence"
	    " WHERE name = 'audit'), 0)",
	[Q_AUDIT_SEARCH] = "SELECT " AUDIT_COLS " FROM audit" AUDIT_FILTER
	    " ORDER BY id DESC LIMIT ?5 OFFSET ?6",
	[Q_AUDIT_COUNT] = "SELECT count(*) FROM audit" AUDIT_FILTER,
};
