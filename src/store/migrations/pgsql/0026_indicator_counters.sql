-- PostgreSQL form of ../sqlite/0026_indicator_counters.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0026 indicators: counters for indicators 5-10 and 13 (DOMAIN.md §6),
-- so that one indicator for one municipality, and the national dashboard,
-- read a few counter rows instead of scanning the cases (issue 6). Times
-- are Unix seconds (UTC); a month is the text yyyy-mm of the UTC day of the
-- instant (as 0017), except measures: the month of their decision date.
--
-- The same mechanism as on SQLite keeps them exact: every figure is the
-- sum over cases of a contribution that depends on that case's rows only
-- (the case, its child, concerns, deadlines, meetings, plans, measures,
-- placements and referrals; for re-referral, the other cases of its
-- child). What each case last added is kept (ind_case_state, one row per
-- case, and the ind_snap_* rows of its measures, placements and
-- referrals). A write to any of those rows refreshes the cases it touches
-- (AFTER ROW triggers, which PostgreSQL runs at the end of the statement):
-- ind_refresh(case) takes the case's last contribution out of the
-- counters, computes it again from the rows as they are now, and puts that
-- in; when the case's own row of ind_case_state comes out the same it
-- leaves the counters alone (subtracting and adding it back would give the
-- same rows). All of it runs inside the writer's transaction. Each counter
-- has a *_recount view of the same columns, computed from the records and
-- not from the kept contributions: `rrjeti indicators check` compares,
-- `rebuild` refills.
--
-- PostgreSQL: the flags of ind_case_v are booleans (SQLite's are
-- integers), counted with count(*) FILTER; ind_case_s and the counters
-- hold them as 0 and 1. The SQLite trigger bodies that repeat themselves
-- per table are functions here: ind_state_add() (a case's row of
-- ind_case_state into the counters, with a sign), ind_snap_refresh() (its
-- measures, placements and referrals), ind_refresh() (both), and one
-- trigger function per kind of row. ind_apply exists as on SQLite (a row
-- inserted refreshes that case) but stays empty.
--
-- Reports received (indicator 9, received by the referrer's sector) need
-- no case: their counter has plain triggers on report.

-- The month (yyyy-mm, UTC) of Unix seconds t; NULL for NULL. The same as
-- strftime('%Y-%m', t, 'unixepoch') of 0001, without its modifiers.
CREATE FUNCTION ind_month(t bigint) RETURNS text LANGUAGE sql STABLE AS $$
	SELECT to_char(to_timestamp(t) AT TIME ZONE 'UTC', 'YYYY-MM')
$$;

-- Days from the UTC day of created_at to service_start (a date text), as
-- SQLite's CAST(julianday(s) - julianday(date(t, 'unixepoch')) AS
-- INTEGER): truncated.
CREATE FUNCTION ind_ref_days_of(s text, t bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT CAST(trunc(julianday(s) - julianday(date(t, 'unixepoch')))
	    AS bigint)
$$;

-- The contribution of one case (one row per case). (PostgreSQL: what
-- SQLite's scalar subqueries give, as joins: a view over ind_case_v would
-- run a subquery again at each use, and a recount reads each table once;
-- for one case, its id reaches into each join.)
CREATE VIEW ind_case_v AS
SELECT c.id AS case_id, c.municipality_id AS muni, c.child_id AS child_id,
    ind_month(c.opened_at) AS mo, ind_month(c.closed_at) AS mc,
    coalesce(c.risk IN ('medium', 'high'), false) AS medhigh,
    c.status NOT IN ('closed', 'transferred') AS open,
    fc.done_at - c.opened_at AS fc_secs,
    (fc.id IS NOT NULL AND (fc.due_at IS NULL OR fc.done_at <= fc.due_at))
	AS fc_ok,
    ad.done_at - c.opened_at AS as_secs,
    (ad.id IS NOT NULL AND (ad.due_at IS NULL OR ad.done_at <= ad.due_at))
	AS as_ok,
    mt.held_at - c.opened_at AS mt_secs,
    pl.decided_at - c.opened_at AS pl_secs,
    coalesce(pl.active, false) AS pl_active,
    c.closed_at - c.opened_at AS cl_secs,
    c.closed_at IS NOT NULL AND EXISTS (SELECT 1 FROM case_file n
	WHERE n.child_id = c.child_id AND n.id <> c.id
	AND n.opened_at > c.closed_at
	AND n.opened_at <= c.closed_at + 365 * 86400) AS reref,
    CASE WHEN c.status NOT IN ('closed', 'transferred') THEN
	rv.due_at / 3600 END AS rv_hour,
    ch.birth_date IS NULL AS no_birth, ch.sex = 'u' AS sex_u,
    ch.community = 'unknown' AS comm_u, ch.disability = 'unknown' AS dis_u,
    cc.case_id IS NULL AS no_concern,
    c.risk IS NULL AS no_risk
FROM case_file c JOIN child ch ON ch.id = c.child_id
LEFT JOIN deadline fc ON fc.case_id = c.id AND fc.step = 'first_contact'
    AND fc.done_at IS NOT NULL
LEFT JOIN deadline ad ON ad.case_id = c.id AND ad.step = 'assessment'
    AND ad.done_at IS NOT NULL
LEFT JOIN deadline rv ON rv.case_id = c.id AND rv.step = 'review'
    AND rv.done_at IS NULL AND rv.due_at IS NOT NULL
LEFT JOIN (SELECT k.case_id AS case_id, min(f.held_at) AS held_at
    FROM conference_case k JOIN conference f ON f.id = k.conference_id
    WHERE f.status = 'held' GROUP BY k.case_id) mt ON mt.case_id = c.id
LEFT JOIN (SELECT p.case_id AS case_id, min(p.decided_at) AS decided_at,
    bool_or(p.status = 'active') AS active FROM plan p
    WHERE p.status IN ('active', 'superseded') GROUP BY p.case_id) pl
    ON pl.case_id = c.id
LEFT JOIN (SELECT DISTINCT p.case_id AS case_id FROM case_concern p
    WHERE p.is_primary = 1) cc ON cc.case_id = c.id;

-- Cases by month of opening (indicators 5, 6, 7): all, first contact made
-- (and in time), assessed (and in time); medium/high risk now, of them
-- with a held meeting, with an approved plan, with an active plan now.
CREATE TABLE ind_cohort (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	cases		BIGINT NOT NULL,
	contacted	BIGINT NOT NULL,
	contact_ok	BIGINT NOT NULL,
	assessed	BIGINT NOT NULL,
	assess_ok	BIGINT NOT NULL,
	medhigh		BIGINT NOT NULL,
	met		BIGINT NOT NULL,
	planned		BIGINT NOT NULL,
	plan_active	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month)
);
CREATE VIEW ind_cohort_recount AS
SELECT muni AS municipality_id, mo AS month, count(*) AS cases,
    count(*) FILTER (WHERE fc_secs IS NOT NULL) AS contacted,
    count(*) FILTER (WHERE fc_ok) AS contact_ok,
    count(*) FILTER (WHERE as_secs IS NOT NULL) AS assessed,
    count(*) FILTER (WHERE as_ok) AS assess_ok,
    count(*) FILTER (WHERE medhigh) AS medhigh,
    count(*) FILTER (WHERE medhigh AND mt_secs IS NOT NULL) AS met,
    count(*) FILTER (WHERE medhigh AND pl_secs IS NOT NULL) AS planned,
    count(*) FILTER (WHERE medhigh AND pl_active) AS plan_active
FROM ind_case_v GROUP BY 1, 2;

-- Distributions for the medians, by month and measure: contact_h (hours
-- to first contact), assess_d (days to assessment), meeting_d and plan_d
-- (days, medium/high cases; negative counted as 0) by month of opening;
-- closed_d (days open) and reref (1: re-referred within 12 months, 0:
-- not) by month of closure.
CREATE TABLE ind_hist (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	measure		TEXT NOT NULL,
	value		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, measure, month, value)
);
-- (PostgreSQL: the six measures of a case from one reading of ind_case_v;
-- greatest() passes over a NULL where SQLite's max() gives NULL, hence the
-- CASEs.)
CREATE VIEW ind_hist_recount AS
SELECT v.muni AS municipality_id, x.month AS month, x.measure AS measure,
    x.value AS value, count(*) AS n
FROM ind_case_v v CROSS JOIN LATERAL (VALUES
    (v.mo, 'contact_h', v.fc_secs / 3600),
    (v.mo, 'assess_d', v.as_secs / 86400),
    (v.mo, 'meeting_d', CASE WHEN v.medhigh AND v.mt_secs IS NOT NULL
	THEN greatest(v.mt_secs, 0) / 86400 END),
    (v.mo, 'plan_d', CASE WHEN v.medhigh AND v.pl_secs IS NOT NULL
	THEN greatest(v.pl_secs, 0) / 86400 END),
    (v.mc, 'closed_d', CASE WHEN v.mc IS NOT NULL
	THEN greatest(v.cl_secs, 0) / 86400 END),
    (v.mc, 'reref', CASE WHEN v.mc IS NOT NULL THEN b2i(v.reref) END))
    AS x (month, measure, value)
WHERE x.value IS NOT NULL GROUP BY 1, 2, 3, 4;

-- Open cases now (indicator 13): complete records and what is missing.
CREATE TABLE ind_quality (
	municipality_id	BIGINT PRIMARY KEY,
	open		BIGINT NOT NULL,
	complete	BIGINT NOT NULL,
	no_birth	BIGINT NOT NULL,
	sex_u		BIGINT NOT NULL,
	comm_u		BIGINT NOT NULL,
	dis_u		BIGINT NOT NULL,
	no_concern	BIGINT NOT NULL,
	no_risk		BIGINT NOT NULL
);
CREATE VIEW ind_quality_recount AS
SELECT muni AS municipality_id, count(*) AS open,
    count(*) FILTER (WHERE NOT (no_birth OR sex_u OR comm_u OR dis_u OR
    no_concern OR no_risk)) AS complete,
    count(*) FILTER (WHERE no_birth) AS no_birth,
    count(*) FILTER (WHERE sex_u) AS sex_u,
    count(*) FILTER (WHERE comm_u) AS comm_u,
    count(*) FILTER (WHERE dis_u) AS dis_u,
    count(*) FILTER (WHERE no_concern) AS no_concern,
    count(*) FILTER (WHERE no_risk) AS no_risk
FROM ind_case_v WHERE open GROUP BY 1;

-- Reviews not done of open cases, by the UTC hour they are due (local
-- midnights fall on whole hours): overdue at T is the sum below T / 3600.
CREATE TABLE ind_review (
	municipality_id	BIGINT NOT NULL,
	hour		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, hour)
);
CREATE VIEW ind_review_recount AS
SELECT muni AS municipality_id, rv_hour AS hour, count(*) AS n
    FROM ind_case_v WHERE rv_hour IS NOT NULL
    GROUP BY 1, 2;

-- Protection measures by month of their decision date and type; emergency
-- placements by month started, and those ended within their 72 hours
-- (indicator 8).
CREATE TABLE ind_measure (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, type)
);
CREATE VIEW ind_measure_recount AS
SELECT c.municipality_id, substr(pm.decision_date, 1, 7) AS month,
    pm.type, count(*) AS n
    FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id
    GROUP BY 1, 2, 3;
CREATE TABLE ind_placement (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	ended_72h	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month)
);
CREATE VIEW ind_placement_recount AS
SELECT c.municipality_id, ind_month(ep.started_at) AS month, count(*) AS n,
    count(*) FILTER (WHERE ep.ended_at IS NOT NULL
    AND ep.ended_at <= ep.ends_at) AS ended_72h
    FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id
    GROUP BY 1, 2;

-- Referrals sent from cases by month sent, receiving agency and status;
-- days to the start of the service (indicator 9).
CREATE TABLE ind_referral (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	BIGINT NOT NULL,
	status		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, to_agency_id, status)
);
CREATE VIEW ind_referral_recount AS
SELECT c.municipality_id, ind_month(r.created_at) AS month, r.to_agency_id,
    r.status, count(*) AS n
    FROM case_file c JOIN referral r ON r.case_id = c.id GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_ref_days (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	BIGINT NOT NULL,
	days		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, to_agency_id, days)
);
CREATE VIEW ind_ref_days_recount AS
SELECT c.municipality_id, ind_month(r.created_at) AS month, r.to_agency_id,
    ind_ref_days_of(r.service_start, r.created_at) AS days, count(*) AS n
    FROM case_file c JOIN referral r ON r.case_id = c.id
    WHERE r.service_start <> '' GROUP BY 1, 2, 3, 4;

-- Reports of concern received, by month, the referrer's sector and agency
-- (0: none) (indicator 9, received).
CREATE TABLE ind_received (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	sector		TEXT NOT NULL,
	agency_id	BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, sector, agency_id)
);
CREATE VIEW ind_received_recount AS
SELECT municipality_id, ind_month(received_at) AS month,
    referrer_type AS sector, coalesce(referrer_agency_id, 0) AS agency_id,
    count(*) AS n FROM report
    GROUP BY 1, 2, 3, 4;

-- What each case last added to the counters (see above).
CREATE TABLE ind_case_state (
	case_id		BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	mo		TEXT NOT NULL,		-- month opened
	mc		TEXT,			-- month closed
	contacted	BIGINT NOT NULL,
	fc_ok		BIGINT NOT NULL,
	assessed	BIGINT NOT NULL,
	as_ok		BIGINT NOT NULL,
	medhigh		BIGINT NOT NULL,
	met		BIGINT NOT NULL,
	planned		BIGINT NOT NULL,
	pl_active	BIGINT NOT NULL,
	fc_h		BIGINT,			-- hours to first contact
	as_d		BIGINT,			-- days to assessment
	mt_d		BIGINT,			-- days to a meeting (medium/high)
	pl_d		BIGINT,			-- days to a plan (medium/high)
	cl_d		BIGINT,			-- days open (closed)
	reref		BIGINT NOT NULL,
	open		BIGINT NOT NULL,
	complete	BIGINT NOT NULL,
	no_birth	BIGINT NOT NULL,
	sex_u		BIGINT NOT NULL,
	comm_u		BIGINT NOT NULL,
	dis_u		BIGINT NOT NULL,
	no_concern	BIGINT NOT NULL,
	no_risk		BIGINT NOT NULL,
	rv_hour		BIGINT			-- a review due, not done (open)
);
CREATE VIEW ind_case_s AS
SELECT case_id, muni, mo, mc, b2i(fc_secs IS NOT NULL) AS contacted,
    b2i(fc_ok) AS fc_ok, b2i(as_secs IS NOT NULL) AS assessed,
    b2i(as_ok) AS as_ok, b2i(medhigh) AS medhigh,
    b2i(medhigh AND mt_secs IS NOT NULL) AS met,
    b2i(medhigh AND pl_secs IS NOT NULL) AS planned,
    b2i(medhigh AND pl_active) AS pl_active,
    fc_secs / 3600 AS fc_h, as_secs / 86400 AS as_d,
    CASE WHEN medhigh AND mt_secs IS NOT NULL THEN
	greatest(mt_secs, 0) / 86400 END AS mt_d,
    CASE WHEN medhigh AND pl_secs IS NOT NULL THEN
	greatest(pl_secs, 0) / 86400 END AS pl_d,
    CASE WHEN mc IS NOT NULL THEN greatest(cl_secs, 0) / 86400 END AS cl_d,
    b2i(reref) AS reref, b2i(open) AS open,
    b2i(NOT (no_birth OR sex_u OR comm_u OR dis_u OR no_concern OR no_risk))
	AS complete,
    b2i(no_birth) AS no_birth, b2i(sex_u) AS sex_u, b2i(comm_u) AS comm_u,
    b2i(dis_u) AS dis_u, b2i(no_concern) AS no_concern,
    b2i(no_risk) AS no_risk, rv_hour
FROM ind_case_v;
CREATE TABLE ind_snap_measure (
	case_id		BIGINT NOT NULL,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (case_id, month, type)
);
CREATE TABLE ind_snap_placement (
	case_id		BIGINT NOT NULL,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	ended_72h	BIGINT NOT NULL,
	PRIMARY KEY (case_id, month)
);
CREATE TABLE ind_snap_referral (
	case_id		BIGINT NOT NULL,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	BIGINT NOT NULL,
	status		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (case_id, month, to_agency_id, status)
);
CREATE TABLE ind_snap_ref_days (
	case_id		BIGINT NOT NULL,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	BIGINT NOT NULL,
	days		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (case_id, month, to_agency_id, days)
);

-- PostgreSQL: what a case's measures, placements and referrals add now
-- (the rows of the ind_snap_* tables), per case; the SQLite trigger and
-- the rebuild repeat these SELECTs.
CREATE VIEW ind_snap_measure_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    substr(pm.decision_date, 1, 7) AS month, pm.type AS type, count(*) AS n
    FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id
    GROUP BY 1, 2, 3, 4;
CREATE VIEW ind_snap_placement_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    ind_month(ep.started_at) AS month, count(*) AS n,
    count(*) FILTER (WHERE ep.ended_at IS NOT NULL
    AND ep.ended_at <= ep.ends_at) AS ended_72h
    FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id
    GROUP BY 1, 2, 3;
CREATE VIEW ind_snap_referral_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    ind_month(r.created_at) AS month, r.to_agency_id AS to_agency_id,
    r.status AS status, count(*) AS n
    FROM case_file c JOIN referral r ON r.case_id = c.id
    GROUP BY 1, 2, 3, 4, 5;
CREATE VIEW ind_snap_ref_days_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    ind_month(r.created_at) AS month, r.to_agency_id AS to_agency_id,
    ind_ref_days_of(r.service_start, r.created_at) AS days, count(*) AS n
    FROM case_file c JOIN referral r ON r.case_id = c.id
    WHERE r.service_start <> '' GROUP BY 1, 2, 3, 4, 5;

-- A row (case) refreshes the case's contribution, and goes (here: is
-- never stored; the triggers below call ind_refresh() themselves).
CREATE TABLE ind_apply (
	case_id		BIGINT NOT NULL
);

-- A case's row of ind_case_state into the cohort, distributions, quality
-- and reviews, d (1 or -1) times. (PL/pgSQL keeps its plans; the six
-- values of the distributions go in one statement, each to its own row.)
CREATE FUNCTION ind_state_add(s ind_case_state, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_cohort AS x VALUES (s.muni, s.mo, d, d * s.contacted,
	    d * s.fc_ok, d * s.assessed, d * s.as_ok, d * s.medhigh,
	    d * s.met, d * s.planned, d * s.pl_active)
	    ON CONFLICT (municipality_id, month) DO UPDATE
	    SET cases = x.cases + excluded.cases,
	    contacted = x.contacted + excluded.contacted,
	    contact_ok = x.contact_ok + excluded.contact_ok,
	    assessed = x.assessed + excluded.assessed,
	    assess_ok = x.assess_ok + excluded.assess_ok,
	    medhigh = x.medhigh + excluded.medhigh, met = x.met + excluded.met,
	    planned = x.planned + excluded.planned,
	    plan_active = x.plan_active + excluded.plan_active;
	INSERT INTO ind_hist AS x SELECT s.muni, v.mon, v.meas, v.val, d
	    FROM (VALUES (s.mo, 'contact_h', s.fc_h), (s.mo, 'assess_d', s.as_d),
	    (s.mo, 'meeting_d', s.mt_d), (s.mo, 'plan_d', s.pl_d),
	    (s.mc, 'closed_d', s.cl_d),
	    (s.mc, 'reref', CASE WHEN s.mc IS NOT NULL THEN s.reref END))
	    AS v (mon, meas, val) WHERE v.val IS NOT NULL
	    ON CONFLICT (municipality_id, measure, month, value) DO UPDATE
	    SET n = x.n + excluded.n;
	IF s.open <> 0 THEN
		INSERT INTO ind_quality AS x VALUES (s.muni, d, d * s.complete,
		    d * s.no_birth, d * s.sex_u, d * s.comm_u, d * s.dis_u,
		    d * s.no_concern, d * s.no_risk)
		    ON CONFLICT (municipality_id) DO UPDATE
		    SET open = x.open + excluded.open,
		    complete = x.complete + excluded.complete,
		    no_birth = x.no_birth + excluded.no_birth,
		    sex_u = x.sex_u + excluded.sex_u,
		    comm_u = x.comm_u + excluded.comm_u,
		    dis_u = x.dis_u + excluded.dis_u,
		    no_concern = x.no_concern + excluded.no_concern,
		    no_risk = x.no_risk + excluded.no_risk;
	END IF;
	IF s.rv_hour IS NOT NULL THEN
		INSERT INTO ind_review AS x VALUES (s.muni, s.rv_hour, d)
		    ON CONFLICT (municipality_id, hour) DO UPDATE
		    SET n = x.n + excluded.n;
	END IF;
END $$;

-- A case's measures, placements and referrals: what they last added out
-- of the counters, what they add now in (nothing to do for a kind the
-- case has no rows of, then or now).
CREATE FUNCTION ind_snap_refresh(cid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM ind_snap_measure WHERE case_id = cid) OR
	    EXISTS (SELECT 1 FROM protection_measure WHERE case_id = cid) THEN
		WITH o AS (DELETE FROM ind_snap_measure WHERE case_id = cid
		    RETURNING muni, month, type, n)
		INSERT INTO ind_measure AS x SELECT muni, month, type, -n
		    FROM o ON CONFLICT (municipality_id, month, type)
		    DO UPDATE SET n = x.n + excluded.n;
		WITH o AS (INSERT INTO ind_snap_measure SELECT * FROM
		    ind_snap_measure_s WHERE case_id = cid
		    RETURNING muni, month, type, n)
		INSERT INTO ind_measure AS x SELECT * FROM o
		    ON CONFLICT (municipality_id, month, type)
		    DO UPDATE SET n = x.n + excluded.n;
	END IF;

	IF EXISTS (SELECT 1 FROM ind_snap_placement WHERE case_id = cid) OR
	    EXISTS (SELECT 1 FROM emergency_placement WHERE case_id = cid) THEN
		WITH o AS (DELETE FROM ind_snap_placement WHERE case_id = cid
		    RETURNING muni, month, n, ended_72h)
		INSERT INTO ind_placement AS x SELECT muni, month, -n,
		    -ended_72h FROM o ON CONFLICT (municipality_id, month)
		    DO UPDATE SET n = x.n + excluded.n,
		    ended_72h = x.ended_72h + excluded.ended_72h;
		WITH o AS (INSERT INTO ind_snap_placement SELECT * FROM
		    ind_snap_placement_s WHERE case_id = cid
		    RETURNING muni, month, n, ended_72h)
		INSERT INTO ind_placement AS x SELECT * FROM o
		    ON CONFLICT (municipality_id, month)
		    DO UPDATE SET n = x.n + excluded.n,
		    ended_72h = x.ended_72h + excluded.ended_72h;
	END IF;

	IF EXISTS (SELECT 1 FROM ind_snap_referral WHERE case_id = cid) OR
	    EXISTS (SELECT 1 FROM referral WHERE case_id = cid) THEN
		WITH o AS (DELETE FROM ind_snap_referral WHERE case_id = cid
		    RETURNING muni, month, to_agency_id, status, n)
		INSERT INTO ind_referral AS x SELECT muni, month,
		    to_agency_id, status, -n FROM o
		    ON CONFLICT (municipality_id, month, to_agency_id, status)
		    DO UPDATE SET n = x.n + excluded.n;
		WITH o AS (INSERT INTO ind_snap_referral SELECT * FROM
		    ind_snap_referral_s WHERE case_id = cid
		    RETURNING muni, month, to_agency_id, status, n)
		INSERT INTO ind_referral AS x SELECT * FROM o
		    ON CONFLICT (municipality_id, month, to_agency_id, status)
		    DO UPDATE SET n = x.n + excluded.n;

		WITH o AS (DELETE FROM ind_snap_ref_days WHERE case_id = cid
		    RETURNING muni, month, to_agency_id, days, n)
		INSERT INTO ind_ref_days AS x SELECT muni, month,
		    to_agency_id, days, -n FROM o
		    ON CONFLICT (municipality_id, month, to_agency_id, days)
		    DO UPDATE SET n = x.n + excluded.n;
		WITH o AS (INSERT INTO ind_snap_ref_days SELECT * FROM
		    ind_snap_ref_days_s WHERE case_id = cid
		    RETURNING muni, month, to_agency_id, days, n)
		INSERT INTO ind_ref_days AS x SELECT * FROM o
		    ON CONFLICT (municipality_id, month, to_agency_id, days)
		    DO UPDATE SET n = x.n + excluded.n;
	END IF;
END $$;

-- The body of SQLite's ind_apply_do: case cid's contribution refreshed.
CREATE FUNCTION ind_refresh(cid bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	o ind_case_state;
	n ind_case_state;
	had boolean;
	has boolean;
BEGIN
	SELECT * INTO o FROM ind_case_state WHERE case_id = cid;
	had := FOUND;
	SELECT * INTO n FROM ind_case_s WHERE case_id = cid;
	has := FOUND;
	IF had <> has OR (had AND o IS DISTINCT FROM n) THEN
		IF had THEN
			PERFORM ind_state_add(o, -1);
			DELETE FROM ind_case_state WHERE case_id = cid;
		END IF;
		IF has THEN
			INSERT INTO ind_case_state SELECT (n).*;
			PERFORM ind_state_add(n, 1);
		END IF;
	END IF;
	PERFORM ind_snap_refresh(cid);
END $$;

CREATE FUNCTION ind_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_refresh(NEW.case_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_apply_do BEFORE INSERT ON ind_apply
	FOR EACH ROW EXECUTE FUNCTION ind_apply_do();

-- The cases a write touches. A case: itself and the other cases of its
-- child (their re-referral depends on its opening and closing).
CREATE FUNCTION ind_c_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM ind_refresh(id) FROM case_file
		    WHERE child_id = NEW.child_id;
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM ind_refresh(OLD.id);
		PERFORM ind_refresh(id) FROM case_file
		    WHERE child_id = OLD.child_id;
	ELSE
		PERFORM ind_refresh(id) FROM case_file
		    WHERE child_id IN (OLD.child_id, NEW.child_id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_c_case_ins AFTER INSERT ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_c_case();
CREATE TRIGGER ind_c_case_del AFTER DELETE ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_c_case();
CREATE TRIGGER ind_c_case_upd AFTER UPDATE OF municipality_id, child_id,
    opened_at, closed_at, risk, status ON case_file FOR EACH ROW
    WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id
    OR OLD.child_id IS DISTINCT FROM NEW.child_id
    OR OLD.opened_at IS DISTINCT FROM NEW.opened_at
    OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
    OR OLD.risk IS DISTINCT FROM NEW.risk
    OR (OLD.status IN ('closed', 'transferred')) <>
    (NEW.status IN ('closed', 'transferred')))
    EXECUTE FUNCTION ind_c_case();

-- A child's record: each of its cases.
CREATE FUNCTION ind_c_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_refresh(id) FROM case_file WHERE child_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_c_child_upd AFTER UPDATE OF birth_date, sex, community,
    disability ON child FOR EACH ROW
    WHEN (OLD.birth_date IS DISTINCT FROM NEW.birth_date
    OR OLD.sex IS DISTINCT FROM NEW.sex
    OR OLD.community IS DISTINCT FROM NEW.community
    OR OLD.disability IS DISTINCT FROM NEW.disability)
    EXECUTE FUNCTION ind_c_child();

-- The other rows of a case (concerns, deadlines of the steps counted,
-- meeting agendas, plans, measures, placements, referrals): the case they
-- belong to, before and after.
CREATE FUNCTION ind_c_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM ind_refresh(NEW.case_id);
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM ind_refresh(OLD.case_id);
	ELSE
		PERFORM ind_refresh(OLD.case_id);
		IF NEW.case_id IS DISTINCT FROM OLD.case_id THEN
			PERFORM ind_refresh(NEW.case_id);
		END IF;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_c_cc AFTER INSERT OR DELETE OR UPDATE OF case_id, code,
    is_primary ON case_concern FOR EACH ROW EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_dl_ins AFTER INSERT ON deadline FOR EACH ROW
    WHEN (NEW.step IN ('first_contact', 'assessment', 'review'))
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_dl_del AFTER DELETE ON deadline FOR EACH ROW
    WHEN (OLD.step IN ('first_contact', 'assessment', 'review'))
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_dl_upd AFTER UPDATE OF case_id, step, due_at, done_at
    ON deadline FOR EACH ROW
    WHEN (OLD.step IN ('first_contact', 'assessment', 'review')
    OR NEW.step IN ('first_contact', 'assessment', 'review'))
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_cf AFTER INSERT OR DELETE OR UPDATE OF case_id,
    conference_id ON conference_case FOR EACH ROW
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_pl AFTER INSERT OR DELETE OR UPDATE OF case_id, status,
    decided_at ON plan FOR EACH ROW EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_pm AFTER INSERT OR DELETE OR UPDATE OF case_id, type,
    decision_date ON protection_measure FOR EACH ROW
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_ep AFTER INSERT OR DELETE OR UPDATE OF case_id,
    started_at, ends_at, ended_at ON emergency_placement FOR EACH ROW
    EXECUTE FUNCTION ind_c_row();
CREATE TRIGGER ind_c_rf AFTER INSERT OR DELETE OR UPDATE OF case_id, status,
    service_start, created_at, to_agency_id ON referral FOR EACH ROW
    EXECUTE FUNCTION ind_c_row();

-- A meeting held (or its date changed): each case on its agenda.
CREATE FUNCTION ind_c_conf() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_refresh(case_id) FROM conference_case
	    WHERE conference_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_c_conf_upd AFTER UPDATE OF status, held_at ON conference
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
    OR OLD.held_at IS DISTINCT FROM NEW.held_at)
    EXECUTE FUNCTION ind_c_conf();

-- Reports received: plain counts (a report taken out only lowers a row
-- that is there, as on SQLite).
CREATE FUNCTION ind_received_add(m bigint, t bigint, sec text, ag bigint,
    d bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF d < 0 THEN
		UPDATE ind_received SET n = n + d WHERE municipality_id = m
		    AND month = ind_month(t) AND sector = sec
		    AND agency_id = coalesce(ag, 0);
	ELSE
		INSERT INTO ind_received AS x VALUES (m, ind_month(t), sec,
		    coalesce(ag, 0), d)
		    ON CONFLICT (municipality_id, month, sector, agency_id)
		    DO UPDATE SET n = x.n + excluded.n;
	END IF;
END $$;
CREATE FUNCTION ind_c_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		PERFORM ind_received_add(OLD.municipality_id, OLD.received_at,
		    OLD.referrer_type, OLD.referrer_agency_id, -1);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM ind_received_add(NEW.municipality_id, NEW.received_at,
		    NEW.referrer_type, NEW.referrer_agency_id, 1);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_c_report_ins AFTER INSERT ON report FOR EACH ROW
    EXECUTE FUNCTION ind_c_report();
CREATE TRIGGER ind_c_report_del AFTER DELETE ON report FOR EACH ROW
    EXECUTE FUNCTION ind_c_report();
CREATE TRIGGER ind_c_report_upd AFTER UPDATE OF municipality_id, received_at,
    referrer_type, referrer_agency_id ON report FOR EACH ROW
    WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id
    OR OLD.received_at IS DISTINCT FROM NEW.received_at
    OR OLD.referrer_type IS DISTINCT FROM NEW.referrer_type
    OR OLD.referrer_agency_id IS DISTINCT FROM NEW.referrer_agency_id)
    EXECUTE FUNCTION ind_c_report();

-- The counts of the data already there.
INSERT INTO ind_case_state SELECT * FROM ind_case_s;
INSERT INTO ind_snap_measure SELECT * FROM ind_snap_measure_s;
INSERT INTO ind_snap_placement SELECT * FROM ind_snap_placement_s;
INSERT INTO ind_snap_referral SELECT * FROM ind_snap_referral_s;
INSERT INTO ind_snap_ref_days SELECT * FROM ind_snap_ref_days_s;
INSERT INTO ind_cohort SELECT * FROM ind_cohort_recount;
INSERT INTO ind_hist SELECT * FROM ind_hist_recount;
INSERT INTO ind_quality SELECT * FROM ind_quality_recount;
INSERT INTO ind_review SELECT * FROM ind_review_recount;
INSERT INTO ind_measure SELECT * FROM ind_measure_recount;
INSERT INTO ind_placement SELECT * FROM ind_placement_recount;
INSERT INTO ind_referral SELECT * FROM ind_referral_recount;
INSERT INTO ind_ref_days SELECT * FROM ind_ref_days_recount;
INSERT INTO ind_received SELECT * FROM ind_received_recount;

-- Caseload and idle workers (indicators 4, 12): a worker's cases by the
-- dates they opened and closed.
CREATE INDEX ind_case_worker_opened ON case_file(worker_id, opened_at,
    closed_at, status);
CREATE INDEX ind_case_worker_closed ON case_file(worker_id, closed_at)
    WHERE closed_at IS NOT NULL;

-- The rows of a period counted live (the days around the whole months, or
-- with filters): measures, placements, referrals and reports by their
-- dates, closures of a municipality by their date.
CREATE INDEX ind_measure_date ON protection_measure(decision_date);
CREATE INDEX ind_placement_started ON emergency_placement(started_at);
CREATE INDEX ind_referral_created ON referral(created_at);
CREATE INDEX ind_report_received ON report(municipality_id, received_at);
CREATE INDEX ind_case_muni_closed ON case_file(municipality_id, closed_at)
    WHERE closed_at IS NOT NULL;
