-- 0027 the donor role (issues 5, 6): a user of a donor organisation,
-- donor_id, who sees that donor's grants and the projects they are linked
-- to, as aggregates only (svc/grant.c, svc/report.c). The role CHECK of
-- 0001 gains 'donor'; SQLite cannot alter a CHECK, so the table is rebuilt
-- (rows, ids, the columns of 0015 and the index kept) the way the SQLite
-- manual gives ("Making Other Kinds Of Table Schema Changes"): with
-- foreign keys off, which a transaction cannot switch. So the script ends
-- the runner's transaction (nothing is written yet), rebuilds in its own
-- with foreign keys off (ids kept, so every reference still holds: the
-- unit test checks foreign_key_check) and opens a transaction again for
-- the runner's user_version and COMMIT. Run twice (a crash between the two commits), it does the
-- same again. svc/user.c and svc/grant.c keep donor_id set for a donor
-- and only for a donor.
--
-- And a grant's reporting date removed (only one without a delivery
-- report, with a reason): the row goes, the removal is kept here with the
-- date it had (svc/grant.c, in the transaction of its audit row).
COMMIT;
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE user_new (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE,
	full_name	TEXT NOT NULL,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor',
			    'table_member', 'provider_user', 'community_member',
			    'municipal_admin', 'central_analyst', 'auditor',
			    'sysadmin', 'donor')),
	scope		TEXT NOT NULL CHECK (scope IN ('own', 'team', 'unit',
			    'municipality', 'country', 'aggregate')),
	agency_id	INTEGER REFERENCES agency(id),
	team_id		INTEGER REFERENCES team(id),
	lang		TEXT NOT NULL DEFAULT 'sq' CHECK (lang IN ('sq', 'en', 'sr')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	must_change_pw	INTEGER NOT NULL DEFAULT 0 CHECK (must_change_pw IN (0, 1)),
	failed_logins	INTEGER NOT NULL DEFAULT 0,
	locked_until	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	pw_changed_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	email		TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
	email_notify	INTEGER NOT NULL DEFAULT 0 CHECK (email_notify IN (0, 1)),
	donor_id	INTEGER REFERENCES donor(id),
	CHECK (donor_id IS NULL OR role = 'donor')
);
INSERT INTO user_new (id, username, full_name, pw_hash, role, scope,
    agency_id, team_id, lang, active, must_change_pw, failed_logins,
    locked_until, created_at, pw_changed_at, version, email, email_notify)
    SELECT id, username, full_name, pw_hash, role, scope, agency_id, team_id,
    lang, active, must_change_pw, failed_logins, locked_until, created_at,
    pw_changed_at, version, email, email_notify FROM user;
DROP TABLE user;
ALTER TABLE user_new RENAME TO user;
CREATE INDEX user_agency ON user(agency_id);
CREATE INDEX user_donor ON user(donor_id) WHERE donor_id IS NOT NULL;
COMMIT;
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;

CREATE TABLE IF NOT EXISTS grant_report_removal (
	id		INTEGER PRIMARY KEY,
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	report_id	INTEGER NOT NULL,	-- the grant_report row removed
	due_date	TEXT NOT NULL,
	reason		TEXT NOT NULL CHECK (reason <> ''),
	removed_by	INTEGER NOT NULL,
	removed_at	INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS grant_report_removal_grant ON grant_report_removal(grant_id);
