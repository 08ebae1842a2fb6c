-- PostgreSQL form of ../sqlite/0001_foundation.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0001 foundation: reference data, agencies, teams, users, sessions, API
-- tokens, child population, audit trail. Times are Unix seconds (UTC).

-- PostgreSQL only: the extensions of the name search, the refusing
-- trigger, and SQLite's date and time functions as the queries use them
-- (UTC), so the queries' SQLite text runs through them unchanged.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- SQLite's RAISE(ABORT, msg) in a trigger: a constraint error (conflict).
CREATE FUNCTION rrjeti_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
	    MESSAGE = TG_ARGV[0];
END $$;

-- 1 or 0 for a truth value (SQLite's comparisons are integers).
CREATE FUNCTION b2i(b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN b THEN 1 WHEN NOT b THEN 0 END
$$;

-- The modifiers of SQLite's date(): 'start of year|month|day',
-- '+N days|months|years|hours|minutes|seconds'; NULL for any other, as
-- SQLite answers. (A month added to the 31st ends on the month's last day
-- here; SQLite runs over into the next month.)
CREATE FUNCTION sqlite_modify(t timestamp, mods text[]) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	m text;
BEGIN
	IF t IS NULL OR mods IS NULL THEN
		RETURN t;
	END IF;
	FOREACH m IN ARRAY mods LOOP
		IF m IS NULL THEN
			RETURN NULL;
		END IF;
		m := lower(btrim(m));
		IF m = 'start of year' THEN
			t := date_trunc('year', t);
		ELSIF m = 'start of month' THEN
			t := date_trunc('month', t);
		ELSIF m = 'start of day' THEN
			t := date_trunc('day', t);
		ELSIF m ~ '^[+-]?[0-9]+(\.[0-9]+)? (day|month|year|hour|minute|second)s?$' THEN
			t := t + CAST(m AS interval);
		ELSE
			RETURN NULL;
		END IF;
	END LOOP;
	RETURN t;
END $$;

-- A time value as SQLite reads one: 'now', or a date or date-time text;
-- NULL for anything else.
CREATE FUNCTION sqlite_time(v text) RETURNS timestamp
LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF v IS NULL THEN
		RETURN NULL;
	ELSIF v = 'now' THEN
		RETURN now() AT TIME ZONE 'UTC';
	END IF;
	RETURN CAST(v AS timestamp);
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- strftime's %Y %m %d %H %M %S, and %s (Unix seconds).
CREATE FUNCTION sqlite_format(fmt text, t timestamp) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN t IS NULL THEN NULL
	    WHEN fmt = '%s' THEN CAST(CAST(extract(epoch FROM t) AS bigint) AS text)
	    ELSE to_char(t, replace(replace(replace(replace(replace(replace(fmt,
	    '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'), '%M', 'MI'),
	    '%S', 'SS')) END
$$;

-- date(unix seconds, 'unixepoch', modifiers...) and date(): yyyy-mm-dd.
CREATE FUNCTION date(v bigint, VARIADIC mods text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN mods[1] = 'unixepoch' THEN to_char(sqlite_modify(
	    to_timestamp(v) AT TIME ZONE 'UTC', mods[2:]), 'YYYY-MM-DD') END
$$;
CREATE FUNCTION date() RETURNS text LANGUAGE sql STABLE AS $$
	SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')
$$;

-- strftime(fmt, unix seconds, 'unixepoch', modifiers...) and
-- strftime(fmt, 'now' or a date text).
CREATE FUNCTION strftime(fmt text, v bigint, VARIADIC mods text[])
RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN mods[1] = 'unixepoch' THEN sqlite_format(fmt,
	    sqlite_modify(to_timestamp(v) AT TIME ZONE 'UTC', mods[2:])) END
$$;
CREATE FUNCTION strftime(fmt text, v text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT sqlite_format(fmt, sqlite_time(v))
$$;

-- julianday(date text): days since noon, 24 November 4714 BC.
CREATE FUNCTION julianday(v text) RETURNS double precision
LANGUAGE sql STABLE AS $$
	SELECT extract(epoch FROM sqlite_time(v)) / 86400.0 + 2440587.5
$$;

-- SQLite's truth values are integers: sum(), max() and min() of one, and
-- arithmetic and comparison of one with a number.
CREATE FUNCTION rrjeti_sum_b(s bigint, b boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN b IS NULL THEN s ELSE coalesce(s, 0) + b2i(b) END
$$;
CREATE FUNCTION rrjeti_max_b(s bigint, b boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN b IS NULL THEN s ELSE greatest(coalesce(s, 0), b2i(b)) END
$$;
CREATE FUNCTION rrjeti_min_b(s bigint, b boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN b IS NULL THEN s ELSE least(coalesce(s, 1), b2i(b)) END
$$;
CREATE AGGREGATE sum(boolean) (SFUNC = rrjeti_sum_b, STYPE = bigint);
CREATE AGGREGATE max(boolean) (SFUNC = rrjeti_max_b, STYPE = bigint);
CREATE AGGREGATE min(boolean) (SFUNC = rrjeti_min_b, STYPE = bigint);
CREATE FUNCTION rrjeti_int_minus_b(a bigint, b boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT a - b2i(b) $$;
CREATE FUNCTION rrjeti_int_plus_b(a bigint, b boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT a + b2i(b) $$;
CREATE FUNCTION rrjeti_b_eq_int(b boolean, a bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT b2i(b) = a $$;
CREATE FUNCTION rrjeti_b_ne_int(b boolean, a bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT b2i(b) <> a $$;
CREATE OPERATOR - (LEFTARG = bigint, RIGHTARG = boolean,
    FUNCTION = rrjeti_int_minus_b);
CREATE OPERATOR + (LEFTARG = bigint, RIGHTARG = boolean,
    FUNCTION = rrjeti_int_plus_b);
CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = bigint,
    FUNCTION = rrjeti_b_eq_int);
CREATE OPERATOR <> (LEFTARG = boolean, RIGHTARG = bigint,
    FUNCTION = rrjeti_b_ne_int);

-- SQLite's printf() for whole numbers: %d, %ld, %lld with a width and a
-- 0 flag (and %% for itself).
CREATE FUNCTION printf(fmt text, VARIADIC a bigint[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	out text := '';
	k int := 0;
	m text[];
	rest text := fmt;
	v text;
BEGIN
	LOOP
		m := regexp_match(rest, '^(.*?)%(0?)([0-9]*)(l{0,2})([d%])');
		EXIT WHEN m IS NULL;
		out := out || m[1];
		rest := substr(rest, length(m[1]) + length(m[2]) + length(m[3]) +
		    length(m[4]) + 3);
		IF m[5] = '%' THEN
			out := out || '%';
			CONTINUE;
		END IF;
		k := k + 1;
		v := CAST(a[k] AS text);
		IF m[3] <> '' AND length(v) < CAST(m[3] AS int) THEN
			v := lpad(v, CAST(m[3] AS int), CASE WHEN m[2] = '0' THEN '0'
			    ELSE ' ' END);
		END IF;
		out := out || coalesce(v, '');
	END LOOP;
	RETURN out || rest;
END $$;

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
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,		-- XK09, AL52
	country		TEXT NOT NULL REFERENCES country(code),
	num		TEXT NOT NULL,			-- '09': the case-number part
	name_sq		TEXT NOT NULL,
	name_sr		TEXT NOT NULL,
	region		TEXT NOT NULL,			-- district (XK) or qark (AL)
	population	BIGINT,			-- census total, when known
	population_note	TEXT NOT NULL DEFAULT '',
	UNIQUE (country, num)
);

CREATE TABLE concern (
	rowid		BIGINT GENERATED ALWAYS AS IDENTITY,	-- SQLite's insertion order
	code		TEXT PRIMARY KEY,
	label_sq	TEXT NOT NULL,
	label_en	TEXT NOT NULL,
	label_sr	TEXT NOT NULL,
	restricted	BIGINT NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1))
);

CREATE TABLE agency (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	type		TEXT NOT NULL CHECK (type IN ('social_work', 'police',
			    'school', 'health', 'provider', 'ministry', 'community')),
	municipality_id	BIGINT REFERENCES municipality(id),
	country		TEXT REFERENCES country(code),	-- NULL: the whole installation
	active		BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	BIGINT NOT NULL
);
CREATE INDEX agency_municipality ON agency(municipality_id);

CREATE TABLE team (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	agency_id	BIGINT NOT NULL REFERENCES agency(id),
	name		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	UNIQUE (agency_id, name)
);

CREATE TABLE "user" (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE,
	full_name	TEXT NOT NULL,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor',
			    'table_member', 'provider_user', 'community_member',
			    'municipal_admin', 'central_analyst', 'auditor',
			    'sysadmin')),
	scope		TEXT NOT NULL CHECK (scope IN ('own', 'team', 'unit',
			    'municipality', 'country', 'aggregate')),
	agency_id	BIGINT REFERENCES agency(id),
	team_id		BIGINT REFERENCES team(id),
	lang		TEXT NOT NULL DEFAULT 'sq' CHECK (lang IN ('sq', 'en', 'sr')),
	active		BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	must_change_pw	BIGINT NOT NULL DEFAULT 0 CHECK (must_change_pw IN (0, 1)),
	failed_logins	BIGINT NOT NULL DEFAULT 0,
	locked_until	BIGINT NOT NULL DEFAULT 0,
	created_at	BIGINT NOT NULL,
	pw_changed_at	BIGINT NOT NULL,
	version		BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX user_agency ON "user"(agency_id);

CREATE TABLE session (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	token_hash	TEXT NOT NULL UNIQUE,	-- hex BLAKE2b-256 of the token
	user_id		BIGINT NOT NULL REFERENCES "user"(id),
	csrf		TEXT NOT NULL,
	created_at	BIGINT NOT NULL,
	last_seen	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL	-- absolute expiry
);
CREATE INDEX session_user_id ON session(user_id);
CREATE INDEX session_expiry ON session(expires_at);

CREATE TABLE api_token (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	user_id		BIGINT NOT NULL REFERENCES "user"(id),
	name		TEXT NOT NULL,
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	BIGINT NOT NULL,
	expires_at	BIGINT NOT NULL,
	last_used	BIGINT NOT NULL DEFAULT 0,
	revoked_at	BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_token_user ON api_token(user_id);

CREATE TABLE child_population (
	municipality_id	BIGINT NOT NULL REFERENCES municipality(id),
	year		BIGINT NOT NULL CHECK (year BETWEEN 1990 AND 2100),
	children	BIGINT NOT NULL CHECK (children >= 0),
	estimated	BIGINT NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
	source		TEXT NOT NULL DEFAULT '',
	updated_by	BIGINT REFERENCES "user"(id),
	updated_at	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, year)
);

-- Append-only, hash-chained: hash = BLAKE2b-256 over prev_hash and the
-- row's fields (audit.c). Triggers refuse UPDATE and DELETE through SQL;
-- `rrjeti audit verify` detects changes made around them.
CREATE TABLE audit (
	id		BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	at		BIGINT NOT NULL,
	actor_id	BIGINT,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	object_type	TEXT NOT NULL,
	object_id	BIGINT,
	client		TEXT NOT NULL,
	detail		TEXT NOT NULL,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor_id, at);
CREATE INDEX audit_object ON audit(object_type, object_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	FOR EACH ROW
	EXECUTE FUNCTION rrjeti_refuse('audit is append-only');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	FOR EACH ROW
	EXECUTE FUNCTION rrjeti_refuse('audit is append-only');
