-- 0007 the lockout of login names that are no account (svc/auth.c): the
-- same counting and lock as an account's (user.failed_logins,
-- user.locked_until), so that a lock never tells whether a username
-- exists. Rows older than the longest lock are purged with the idle
-- sessions (auth_purge()).
CREATE TABLE login_guard (
	username	TEXT PRIMARY KEY,	-- as typed, at most 64 bytes
	failed		INTEGER NOT NULL DEFAULT 0,
	locked_until	INTEGER NOT NULL DEFAULT 0,
	updated_at	INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_guard_updated ON login_guard(updated_at);
