-- 0001 foundation: reference data, agencies, teams, users, sessions, API
-- tokens, child population, audit trail. Times are Unix seconds (UTC).

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
);

CREATE TABLE country (
	code		TEXT PRIMARY KEY CHECK (code IN ('XK', 'AL')),
	name_sq		TEXT NOT NULL,
	name_en		TEXT NOT NULL,
	name_sr		TEXT NOT NULL
);

CREATE TABLE municipality (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,		-- XK09, AL52
	country		TEXT NOT NULL REFERENCES country(code),
	num		TEXT NOT NULL,			-- '09': the case-number part
	name_sq		TEXT NOT NULL,
	name_sr		TEXT NOT NULL,
	region		TEXT NOT NULL,			-- district (XK) or qark (AL)
	population	INTEGER,			-- census total, when known
	population_note	TEXT NOT NULL DEFAULT '',
	UNIQUE (country, num)
);

CREATE TABLE concern (
	code		TEXT PRIMARY KEY,
	label_sq	TEXT NOT NULL,
	label_en	TEXT NOT NULL,
	label_sr	TEXT NOT NULL,
	restricted	INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1))
);

CREATE TABLE agency (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	type		TEXT NOT NULL CHECK (type IN ('social_work', 'police',
			    'school', 'health', 'provider', 'ministry', 'community')),
	municipality_id	INTEGER REFERENCES municipality(id),
	country		TEXT REFERENCES country(code),	-- NULL: the whole installation
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL
);
CREATE INDEX agency_municipality ON agency(municipality_id);

CREATE TABLE team (
	id		INTEGER PRIMARY KEY,
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	name		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (agency_id, name)
);

CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE,
	full_name	TEXT NOT NULL,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor',
			    'table_member', 'provider_user', 'community_member',
			    'municipal_admin', 'central_analyst', 'auditor',
			    'sysadmin')),
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
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX user_agency ON user(agency_id);

CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,	-- hex BLAKE2b-256 of the token
	user_id		INTEGER NOT NULL REFERENCES user(id),
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL	-- absolute expiry
);
CREATE INDEX session_user ON session(user_id);
CREATE INDEX session_expiry ON session(expires_at);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	name		TEXT NOT NULL,
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	last_used	INTEGER NOT NULL DEFAULT 0,
	revoked_at	INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_token_user ON api_token(user_id);

CREATE TABLE child_population (
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	year		INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	children	INTEGER NOT NULL CHECK (children >= 0),
	estimated	INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
	source		TEXT NOT NULL DEFAULT '',
	updated_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, year)
);

-- Append-only, hash-chained: hash = BLAKE2b-256 over prev_hash and the
-- row's fields (audit.c). Triggers refuse UPDATE and DELETE through SQL;
-- `rrjeti audit verify` detects changes made around them.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	at		INTEGER NOT NULL,
	actor_id	INTEGER,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	object_type	TEXT NOT NULL,
	object_id	INTEGER,
	client		TEXT NOT NULL,
	detail		TEXT NOT NULL,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor_id, at);
CREATE INDEX audit_object ON audit(object_type, object_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
