-- PostgreSQL form of ../sqlite/0007_login_guard.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0007 the lockout of login names that are no account (svc/auth.c): the
-- same counting and lock as an account's (user.failed_logins,
-- user.locked_until), so that a lock never tells whether a username
-- exists. Rows older than the longest lock are purged with the idle
-- sessions (auth_purge()).
CREATE TABLE login_guard (
	username	TEXT PRIMARY KEY,	-- as typed, at most 64 bytes
	failed		BIGINT NOT NULL DEFAULT 0,
	locked_until	BIGINT NOT NULL DEFAULT 0,
	updated_at	BIGINT NOT NULL
);
CREATE INDEX login_guard_updated ON login_guard(updated_at);
