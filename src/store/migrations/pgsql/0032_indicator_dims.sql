-- PostgreSQL form of ../sqlite/0032_indicator_dims.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0032 each indicator for one municipality by each dimension within 20 ms
-- at 1,000,000 children (issue 6): indicators 2, 5, 6, 7, 10 and 13 by the
-- dimensions of the child and the case from counters (see the SQLite form
-- for what each holds). Kept as 0026 and 0031 keep theirs: ind_dd_state and
-- ind_dd_concern hold what each case last added; ind_dd_refresh(case)
-- takes that out of the counters under the old keys, keeps the case as it
-- is now and puts it in under the new ones. It runs whenever 0026's
-- ind_refresh() runs (redefined here to call it) and when a case's source
-- or reason of closure or its child's administrative unit changes.

-- (Views, not tables: nothing for `rrjeti migrate-store` to copy.)
CREATE VIEW ind_dd_dim AS
SELECT dim FROM (VALUES (2::bigint), (4), (5), (6), (7), (9), (10)) AS v (dim);

-- A case's keys, from the records.
CREATE VIEW ind_dd_keys AS
SELECT c.id AS case_id, ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS bo,
    CASE WHEN c.closed_at IS NOT NULL THEN (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) END AS bc,
    coalesce(ch.birth_date, '') AS birth, ch.community AS comm,
    ch.disability AS dis, coalesce(c.risk, 'none') AS risk,
    c.source AS source, coalesce(c.close_reason, '') AS reason
FROM case_file c JOIN child ch ON ch.id = c.child_id;
-- A case's keys and contribution, from the records (0026's ind_case_s).
CREATE VIEW ind_dd_s AS
SELECT v.case_id AS case_id, v.muni AS muni, v.mo AS mo, v.mc AS mc,
    k.au AS au, k.sex AS sex, k.bo AS bo, k.bc AS bc, k.birth AS birth,
    k.comm AS comm, k.dis AS dis, k.risk AS risk, k.source AS source,
    k.reason AS reason, v.open AS open, v.complete AS complete,
    v.no_birth AS no_birth, v.sex_u AS sex_u, v.comm_u AS comm_u,
    v.dis_u AS dis_u, v.no_concern AS no_concern, v.no_risk AS no_risk,
    v.rv_hour AS rv_hour, v.contacted AS contacted, v.fc_ok AS fc_ok,
    v.assessed AS assessed, v.as_ok AS as_ok, v.medhigh AS medhigh,
    v.met AS met, v.planned AS planned, v.pl_active AS pl_active,
    v.fc_h AS fc_h, v.as_d AS as_d, v.mt_d AS mt_d, v.pl_d AS pl_d,
    v.cl_d AS cl_d, v.reref AS reref
FROM ind_case_s v JOIN ind_dd_keys k ON k.case_id = v.case_id;

CREATE TABLE ind_dd_state (
	case_id		BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	mo		TEXT NOT NULL,
	mc		TEXT,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	bo		TEXT NOT NULL,
	bc		TEXT,
	birth		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	source		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	open		BIGINT NOT NULL,
	complete	BIGINT NOT NULL,
	no_birth	BIGINT NOT NULL,
	sex_u		BIGINT NOT NULL,
	comm_u		BIGINT NOT NULL,
	dis_u		BIGINT NOT NULL,
	no_concern	BIGINT NOT NULL,
	no_risk		BIGINT NOT NULL,
	rv_hour		BIGINT,
	contacted	BIGINT NOT NULL,
	fc_ok		BIGINT NOT NULL,
	assessed	BIGINT NOT NULL,
	as_ok		BIGINT NOT NULL,
	medhigh		BIGINT NOT NULL,
	met		BIGINT NOT NULL,
	planned		BIGINT NOT NULL,
	pl_active	BIGINT NOT NULL,
	fc_h		BIGINT,
	as_d		BIGINT,
	mt_d		BIGINT,
	pl_d		BIGINT,
	cl_d		BIGINT,
	reref		BIGINT NOT NULL
);
CREATE TABLE ind_dd_concern (
	case_id		BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (case_id, code)
);

CREATE VIEW ind_dd_rows AS
SELECT s.case_id AS case_id, s.muni AS muni, s.mo AS mo, s.mc AS mc,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.bo
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS ko,
    CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.bc
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS kc,
    CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.birth
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS kn,
    s.risk AS risk, s.reason AS reason, s.open AS open,
    s.complete AS complete, s.no_birth AS no_birth, s.sex_u AS sex_u,
    s.comm_u AS comm_u, s.dis_u AS dis_u, s.no_concern AS no_concern,
    s.no_risk AS no_risk, s.rv_hour AS rv_hour, s.contacted AS contacted,
    s.fc_ok AS fc_ok, s.assessed AS assessed, s.as_ok AS as_ok,
    s.medhigh AS medhigh, s.met AS met, s.planned AS planned,
    s.pl_active AS pl_active, s.fc_h AS fc_h, s.as_d AS as_d, s.mt_d AS mt_d,
    s.pl_d AS pl_d, s.cl_d AS cl_d, s.reref AS reref
FROM ind_dd_state s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.case_id, s.muni, s.mo, s.mc, 8, coalesce(k.code, 'none'),
    coalesce(k.code, 'none'), coalesce(k.code, 'none'), s.risk, s.reason,
    s.open, s.complete, s.no_birth, s.sex_u, s.comm_u, s.dis_u, s.no_concern,
    s.no_risk, s.rv_hour, s.contacted, s.fc_ok, s.assessed, s.as_ok,
    s.medhigh, s.met, s.planned, s.pl_active, s.fc_h, s.as_d, s.mt_d, s.pl_d,
    s.cl_d, s.reref
FROM ind_dd_state s LEFT JOIN ind_dd_concern k ON k.case_id = s.case_id;
CREATE VIEW ind_dd_rows_s AS
WITH s AS MATERIALIZED (SELECT * FROM ind_dd_s)
SELECT s.case_id AS case_id, s.muni AS muni, s.mo AS mo, s.mc AS mc,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.bo
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS ko,
    CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.bc
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS kc,
    CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex WHEN 5 THEN s.birth
	WHEN 6 THEN s.comm WHEN 7 THEN s.dis WHEN 9 THEN s.risk ELSE s.source END AS kn,
    s.risk AS risk, s.reason AS reason, s.open AS open,
    s.complete AS complete, s.no_birth AS no_birth, s.sex_u AS sex_u,
    s.comm_u AS comm_u, s.dis_u AS dis_u, s.no_concern AS no_concern,
    s.no_risk AS no_risk, s.rv_hour AS rv_hour, s.contacted AS contacted,
    s.fc_ok AS fc_ok, s.assessed AS assessed, s.as_ok AS as_ok,
    s.medhigh AS medhigh, s.met AS met, s.planned AS planned,
    s.pl_active AS pl_active, s.fc_h AS fc_h, s.as_d AS as_d, s.mt_d AS mt_d,
    s.pl_d AS pl_d, s.cl_d AS cl_d, s.reref AS reref
FROM s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.case_id, s.muni, s.mo, s.mc, 8, coalesce(k.code, 'none'),
    coalesce(k.code, 'none'), coalesce(k.code, 'none'), s.risk, s.reason,
    s.open, s.complete, s.no_birth, s.sex_u, s.comm_u, s.dis_u, s.no_concern,
    s.no_risk, s.rv_hour, s.contacted, s.fc_ok, s.assessed, s.as_ok,
    s.medhigh, s.met, s.planned, s.pl_active, s.fc_h, s.as_d, s.mt_d, s.pl_d,
    s.cl_d, s.reref
FROM s LEFT JOIN case_concern k ON k.case_id = s.case_id;

CREATE TABLE ind_open_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	key		TEXT NOT NULL,
	open		BIGINT NOT NULL,
	low		BIGINT NOT NULL,
	medium		BIGINT NOT NULL,
	high		BIGINT NOT NULL,
	complete	BIGINT NOT NULL,
	no_birth	BIGINT NOT NULL,
	sex_u		BIGINT NOT NULL,
	comm_u		BIGINT NOT NULL,
	dis_u		BIGINT NOT NULL,
	no_concern	BIGINT NOT NULL,
	no_risk		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, key)
);
CREATE VIEW ind_open_dim_recount AS
SELECT muni AS municipality_id, dim, kn AS key, count(*) AS open,
    count(*) FILTER (WHERE risk = 'low') AS low,
    count(*) FILTER (WHERE risk = 'medium') AS medium,
    count(*) FILTER (WHERE risk = 'high') AS high,
    sum(complete) AS complete, sum(no_birth) AS no_birth,
    sum(sex_u) AS sex_u, sum(comm_u) AS comm_u, sum(dis_u) AS dis_u,
    sum(no_concern) AS no_concern, sum(no_risk) AS no_risk
FROM ind_dd_rows_s WHERE open <> 0 GROUP BY 1, 2, 3;
CREATE TABLE ind_review_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	key		TEXT NOT NULL,
	hour		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, key, hour)
);
CREATE VIEW ind_review_dim_recount AS
SELECT muni AS municipality_id, dim, kn AS key, rv_hour AS hour,
    count(*) AS n FROM ind_dd_rows_s WHERE rv_hour IS NOT NULL
    GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_cohort_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	cases		BIGINT NOT NULL,
	contacted	BIGINT NOT NULL,
	contact_ok	BIGINT NOT NULL,
	assessed	BIGINT NOT NULL,
	assess_ok	BIGINT NOT NULL,
	medhigh		BIGINT NOT NULL,
	met		BIGINT NOT NULL,
	planned		BIGINT NOT NULL,
	plan_active	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
);
CREATE VIEW ind_cohort_dim_recount AS
SELECT muni AS municipality_id, dim, mo AS month, ko AS key,
    count(*) AS cases, sum(contacted) AS contacted, sum(fc_ok) AS contact_ok,
    sum(assessed) AS assessed, sum(as_ok) AS assess_ok,
    sum(medhigh) AS medhigh, sum(met) AS met, sum(planned) AS planned,
    sum(pl_active) AS plan_active
FROM ind_dd_rows_s GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_hist_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	measure		TEXT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	value		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, measure, month, key, value)
);
CREATE VIEW ind_dd_measure AS
SELECT measure FROM (VALUES ('contact_h'::text), ('assess_d'), ('meeting_d'),
    ('plan_d'), ('closed_d'), ('reref')) AS v (measure);
CREATE VIEW ind_hist_dim_recount AS
SELECT muni AS municipality_id, dim, measure, month, key, value,
    count(*) AS n FROM (SELECT r.muni AS muni, r.dim AS dim,
    m.measure AS measure,
    CASE WHEN m.measure IN ('closed_d', 'reref') THEN r.mc ELSE r.mo END
    AS month,
    CASE WHEN m.measure IN ('closed_d', 'reref') THEN r.kc ELSE r.ko END
    AS key,
    CASE m.measure WHEN 'contact_h' THEN r.fc_h WHEN 'assess_d' THEN r.as_d
	WHEN 'meeting_d' THEN r.mt_d WHEN 'plan_d' THEN r.pl_d
	WHEN 'closed_d' THEN r.cl_d
	ELSE CASE WHEN r.mc IS NOT NULL THEN r.reref END END AS value
    FROM ind_dd_rows_s r CROSS JOIN ind_dd_measure m) x
WHERE value IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
CREATE TABLE ind_closed_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, reason)
);
CREATE VIEW ind_closed_dim_recount AS
SELECT muni AS municipality_id, dim, mc AS month, kc AS key, reason,
    count(*) AS n FROM ind_dd_rows_s WHERE mc IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5;

-- Case cid's rows into the counters, d (1 or -1) times.
CREATE FUNCTION ind_dd_add(cid bigint, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_open_dim AS x SELECT muni, dim, kn, d,
	    d * (CASE WHEN risk = 'low' THEN 1 ELSE 0 END),
	    d * (CASE WHEN risk = 'medium' THEN 1 ELSE 0 END),
	    d * (CASE WHEN risk = 'high' THEN 1 ELSE 0 END), d * complete,
	    d * no_birth, d * sex_u, d * comm_u, d * dis_u, d * no_concern,
	    d * no_risk FROM ind_dd_rows WHERE case_id = cid AND open <> 0
	    ON CONFLICT (municipality_id, dim, key) DO UPDATE
	    SET open = x.open + excluded.open, low = x.low + excluded.low,
	    medium = x.medium + excluded.medium, high = x.high + excluded.high,
	    complete = x.complete + excluded.complete,
	    no_birth = x.no_birth + excluded.no_birth,
	    sex_u = x.sex_u + excluded.sex_u, comm_u = x.comm_u + excluded.comm_u,
	    dis_u = x.dis_u + excluded.dis_u,
	    no_concern = x.no_concern + excluded.no_concern,
	    no_risk = x.no_risk + excluded.no_risk;
	INSERT INTO ind_review_dim AS x SELECT muni, dim, kn, rv_hour, d
	    FROM ind_dd_rows WHERE case_id = cid AND rv_hour IS NOT NULL
	    ON CONFLICT (municipality_id, dim, key, hour) DO UPDATE
	    SET n = x.n + excluded.n;
	INSERT INTO ind_cohort_dim AS x SELECT muni, dim, mo, ko, d,
	    d * contacted, d * fc_ok, d * assessed, d * as_ok, d * medhigh,
	    d * met, d * planned, d * pl_active FROM ind_dd_rows WHERE case_id = cid
	    ON CONFLICT (municipality_id, dim, month, key) DO UPDATE
	    SET cases = x.cases + excluded.cases,
	    contacted = x.contacted + excluded.contacted,
	    contact_ok = x.contact_ok + excluded.contact_ok,
	    assessed = x.assessed + excluded.assessed,
	    assess_ok = x.assess_ok + excluded.assess_ok,
	    medhigh = x.medhigh + excluded.medhigh, met = x.met + excluded.met,
	    planned = x.planned + excluded.planned,
	    plan_active = x.plan_active + excluded.plan_active;
	INSERT INTO ind_hist_dim AS x SELECT r.muni, r.dim, v.meas, v.mon,
	    v.k, v.val, d FROM ind_dd_rows r CROSS JOIN LATERAL (VALUES
	    ('contact_h', r.mo, r.ko, r.fc_h), ('assess_d', r.mo, r.ko, r.as_d),
	    ('meeting_d', r.mo, r.ko, r.mt_d), ('plan_d', r.mo, r.ko, r.pl_d),
	    ('closed_d', r.mc, r.kc, r.cl_d),
	    ('reref', r.mc, r.kc, CASE WHEN r.mc IS NOT NULL THEN r.reref END))
	    AS v (meas, mon, k, val) WHERE r.case_id = cid AND v.val IS NOT NULL
	    ON CONFLICT (municipality_id, dim, measure, month, key, value)
	    DO UPDATE SET n = x.n + excluded.n;
	INSERT INTO ind_closed_dim AS x SELECT muni, dim, mc, kc, reason, d
	    FROM ind_dd_rows WHERE case_id = cid AND mc IS NOT NULL
	    ON CONFLICT (municipality_id, dim, month, key, reason) DO UPDATE
	    SET n = x.n + excluded.n;
END $$;

-- The body of SQLite's ind_dd_apply_do: case cid refreshed.
CREATE FUNCTION ind_dd_refresh(cid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dd_add(cid, -1);
	DELETE FROM ind_dd_state WHERE case_id = cid;
	DELETE FROM ind_dd_concern WHERE case_id = cid;
	INSERT INTO ind_dd_state SELECT * FROM ind_dd_s WHERE case_id = cid;
	INSERT INTO ind_dd_concern SELECT cc.case_id, cc.code
	    FROM ind_dd_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.case_id = cid;
	PERFORM ind_dd_add(cid, 1);
	PERFORM ind_rcv_refresh(id) FROM report WHERE case_id = cid;
END $$;
-- As ind_apply of 0026: the table exists as on SQLite but stays empty.
CREATE TABLE ind_dd_apply (
	case_id		BIGINT NOT NULL
);
CREATE FUNCTION ind_dd_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dd_refresh(NEW.case_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dd_apply_do BEFORE INSERT ON ind_dd_apply
	FOR EACH ROW EXECUTE FUNCTION ind_dd_apply_do();

-- Whenever 0026 refreshes a case (its function as it was, and this one's
-- refresh at the end), and for the keys it does not hold (see the SQLite
-- form).
CREATE OR REPLACE FUNCTION ind_refresh(cid bigint) RETURNS void
LANGUAGE plpgsql AS $$
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
	PERFORM ind_dd_refresh(cid);
END $$;
CREATE FUNCTION ind_dd_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dd_refresh(NEW.id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dd_case_upd AFTER UPDATE OF source, close_reason
    ON case_file FOR EACH ROW
    WHEN (OLD.source IS DISTINCT FROM NEW.source
    OR OLD.close_reason IS DISTINCT FROM NEW.close_reason)
    EXECUTE FUNCTION ind_dd_case();
CREATE FUNCTION ind_dd_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dd_refresh(id) FROM case_file WHERE child_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dd_child_upd AFTER UPDATE OF admin_unit ON child
    FOR EACH ROW WHEN (OLD.admin_unit IS DISTINCT FROM NEW.admin_unit)
    EXECUTE FUNCTION ind_dd_child();

-- Reports of concern received (indicator 9, received) by the same
-- dimensions but the sector (see the SQLite form): ind_rcv_state and
-- ind_rcv_concern hold what each report last added; ind_rcv_refresh()
-- refreshes one, on a write to it or to its child and whenever its case is
-- refreshed (ind_dd_refresh()).
CREATE VIEW ind_rcv_s AS
SELECT r.id AS report_id, r.municipality_id AS muni,
    ind_month(r.received_at) AS month,
    coalesce(ch.admin_unit, '') AS au, coalesce(ch.sex, '') AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    coalesce(ch.community, '') AS comm, coalesce(ch.disability, '') AS dis,
    coalesce(c.risk, 'none') AS risk
FROM report r LEFT JOIN case_file c ON c.id = r.case_id
LEFT JOIN child ch ON ch.id = coalesce(r.child_id, c.child_id);
CREATE TABLE ind_rcv_state (
	report_id	BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL
);
CREATE TABLE ind_rcv_concern (
	report_id	BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (report_id, code)
);
CREATE VIEW ind_rcv_rows AS
SELECT s.report_id AS report_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	ELSE s.risk END AS key
FROM ind_rcv_state s CROSS JOIN ind_dd_dim d WHERE d.dim <> 10
UNION ALL SELECT s.report_id, s.muni, s.month, 8, coalesce(k.code, 'none')
FROM ind_rcv_state s LEFT JOIN ind_rcv_concern k
    ON k.report_id = s.report_id;
CREATE VIEW ind_rcv_rows_s AS
WITH s AS MATERIALIZED (SELECT * FROM ind_rcv_s)
SELECT s.report_id AS report_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	ELSE s.risk END AS key
FROM s CROSS JOIN ind_dd_dim d WHERE d.dim <> 10
UNION ALL SELECT s.report_id, s.muni, s.month, 8, coalesce(k.code, 'none')
FROM s JOIN report r ON r.id = s.report_id
LEFT JOIN case_file c ON c.id = r.case_id
LEFT JOIN case_concern k ON k.case_id = c.id;
CREATE TABLE ind_received_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
);
CREATE VIEW ind_received_dim_recount AS
SELECT muni AS municipality_id, dim, month, key, count(*) AS n
FROM ind_rcv_rows_s GROUP BY 1, 2, 3, 4;
CREATE FUNCTION ind_rcv_refresh(rid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_received_dim AS x SELECT muni, dim, month, key, -1
	    FROM ind_rcv_rows WHERE report_id = rid
	    ON CONFLICT (municipality_id, dim, month, key) DO UPDATE
	    SET n = x.n + excluded.n;
	DELETE FROM ind_rcv_state WHERE report_id = rid;
	DELETE FROM ind_rcv_concern WHERE report_id = rid;
	INSERT INTO ind_rcv_state SELECT * FROM ind_rcv_s WHERE report_id = rid;
	INSERT INTO ind_rcv_concern SELECT s.report_id, cc.code
	    FROM ind_rcv_state s JOIN report r ON r.id = s.report_id
	    JOIN case_file c ON c.id = r.case_id
	    JOIN case_concern cc ON cc.case_id = c.id
	    WHERE s.report_id = rid;
	INSERT INTO ind_received_dim AS x SELECT muni, dim, month, key, 1
	    FROM ind_rcv_rows WHERE report_id = rid
	    ON CONFLICT (municipality_id, dim, month, key) DO UPDATE
	    SET n = x.n + excluded.n;
END $$;
CREATE TABLE ind_rcv_apply (
	report_id	BIGINT NOT NULL
);
CREATE FUNCTION ind_rcv_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_rcv_refresh(NEW.report_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_rcv_apply_do BEFORE INSERT ON ind_rcv_apply
	FOR EACH ROW EXECUTE FUNCTION ind_rcv_apply_do();
CREATE INDEX ind_report_case ON report(case_id) WHERE case_id IS NOT NULL;
CREATE FUNCTION ind_rcv_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM ind_rcv_refresh(OLD.id);
	ELSE
		PERFORM ind_rcv_refresh(NEW.id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_rcv_ins AFTER INSERT ON report
	FOR EACH ROW EXECUTE FUNCTION ind_rcv_report();
CREATE TRIGGER ind_rcv_del AFTER DELETE ON report
	FOR EACH ROW EXECUTE FUNCTION ind_rcv_report();
CREATE TRIGGER ind_rcv_upd AFTER UPDATE OF municipality_id, received_at,
    child_id, case_id ON report FOR EACH ROW
    WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id
    OR OLD.received_at IS DISTINCT FROM NEW.received_at
    OR OLD.child_id IS DISTINCT FROM NEW.child_id
    OR OLD.case_id IS DISTINCT FROM NEW.case_id)
    EXECUTE FUNCTION ind_rcv_report();
CREATE FUNCTION ind_rcv_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_rcv_refresh(id) FROM report WHERE child_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_rcv_child AFTER UPDATE OF birth_date, sex, community,
    disability, admin_unit ON child FOR EACH ROW
    WHEN (OLD.birth_date IS DISTINCT FROM NEW.birth_date
    OR OLD.sex IS DISTINCT FROM NEW.sex
    OR OLD.community IS DISTINCT FROM NEW.community
    OR OLD.disability IS DISTINCT FROM NEW.disability
    OR OLD.admin_unit IS DISTINCT FROM NEW.admin_unit)
    EXECUTE FUNCTION ind_rcv_child();

-- The counts of the data already there (see the SQLite form).
CREATE VIEW ind_dd_fill AS
SELECT s.case_id, s.muni, s.mo, s.mc, k.au, k.sex, k.bo, k.bc, k.birth,
    k.comm, k.dis, k.risk, k.source, k.reason,
    s.open, s.complete, s.no_birth, s.sex_u, s.comm_u, s.dis_u, s.no_concern,
    s.no_risk, s.rv_hour, s.contacted, s.fc_ok, s.assessed, s.as_ok,
    s.medhigh, s.met, s.planned, s.pl_active, s.fc_h, s.as_d, s.mt_d, s.pl_d,
    s.cl_d, s.reref
FROM ind_case_state s JOIN ind_dd_keys k ON k.case_id = s.case_id;
INSERT INTO ind_dd_state SELECT * FROM ind_dd_fill;
INSERT INTO ind_dd_concern SELECT case_id, code FROM case_concern;
INSERT INTO ind_open_dim SELECT muni, dim, kn, count(*),
    count(*) FILTER (WHERE risk = 'low'),
    count(*) FILTER (WHERE risk = 'medium'),
    count(*) FILTER (WHERE risk = 'high'), sum(complete), sum(no_birth),
    sum(sex_u), sum(comm_u), sum(dis_u), sum(no_concern), sum(no_risk)
FROM ind_dd_rows WHERE open <> 0 GROUP BY 1, 2, 3;
INSERT INTO ind_review_dim SELECT muni, dim, kn, rv_hour, count(*)
FROM ind_dd_rows WHERE rv_hour IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO ind_cohort_dim SELECT muni, dim, mo, ko, count(*),
    sum(contacted), sum(fc_ok), sum(assessed), sum(as_ok), sum(medhigh),
    sum(met), sum(planned), sum(pl_active)
FROM ind_dd_rows GROUP BY 1, 2, 3, 4;
INSERT INTO ind_hist_dim SELECT muni, dim, 'contact_h', mo, ko, fc_h, count(*)
    FROM ind_dd_rows WHERE fc_h IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_hist_dim SELECT muni, dim, 'assess_d', mo, ko, as_d, count(*)
    FROM ind_dd_rows WHERE as_d IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_hist_dim SELECT muni, dim, 'meeting_d', mo, ko, mt_d, count(*)
    FROM ind_dd_rows WHERE mt_d IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_hist_dim SELECT muni, dim, 'plan_d', mo, ko, pl_d, count(*)
    FROM ind_dd_rows WHERE pl_d IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_hist_dim SELECT muni, dim, 'closed_d', mc, kc, cl_d, count(*)
    FROM ind_dd_rows WHERE cl_d IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_hist_dim SELECT muni, dim, 'reref', mc, kc, reref, count(*)
    FROM ind_dd_rows WHERE mc IS NOT NULL GROUP BY 1, 2, 4, 5, 6;
INSERT INTO ind_closed_dim SELECT muni, dim, mc, kc, reason, count(*)
FROM ind_dd_rows WHERE mc IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
INSERT INTO ind_rcv_state SELECT * FROM ind_rcv_s;
INSERT INTO ind_rcv_concern SELECT r.id, cc.code FROM report r
    JOIN case_file c ON c.id = r.case_id
    JOIN case_concern cc ON cc.case_id = c.id;
INSERT INTO ind_received_dim SELECT muni, dim, month, key, count(*)
FROM ind_rcv_rows GROUP BY 1, 2, 3, 4;
