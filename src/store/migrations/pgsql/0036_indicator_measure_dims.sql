-- PostgreSQL form of ../sqlite/0036_indicator_measure_dims.sql: keep the two in step.
-- 0036 protection measures and emergency placements (indicator 8) by a
-- dimension of the child or the case from counters (issue 6).
-- See the SQLite form. ind_pm_refresh() and ind_ep_refresh() refresh one
-- measure or placement whenever its case is refreshed (ind_dd_refresh(),
-- remade here; neither is ever deleted, 0013).

CREATE VIEW ind_pm_s AS
SELECT pm.id AS measure_id, c.municipality_id AS muni, pm.decision_date AS day,
    substr(pm.decision_date, 1, 7) AS month, pm.case_id AS case_id,
    pm.type AS type,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, c.source AS source
FROM protection_measure pm JOIN case_file c ON c.id = pm.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_pm_state (
	measure_id	BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	day		TEXT NOT NULL,
	month		TEXT NOT NULL,
	case_id		BIGINT NOT NULL,
	type		TEXT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	source		TEXT NOT NULL
);
CREATE INDEX ind_pm_state_day ON ind_pm_state(muni, day);
CREATE TABLE ind_pm_concern (
	measure_id	BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (measure_id, code)
);
CREATE VIEW ind_pm_rows AS
SELECT s.measure_id AS measure_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	WHEN 9 THEN s.risk ELSE s.source END AS key, s.type AS type
FROM ind_pm_state s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.measure_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.type
FROM ind_pm_state s LEFT JOIN ind_pm_concern k
    ON k.measure_id = s.measure_id;
CREATE VIEW ind_pm_rows_s AS
WITH s AS MATERIALIZED (SELECT * FROM ind_pm_s)
SELECT s.measure_id AS measure_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	WHEN 9 THEN s.risk ELSE s.source END AS key, s.type AS type
FROM s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.measure_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.type
FROM s LEFT JOIN case_concern k ON k.case_id = s.case_id;
CREATE TABLE ind_measure_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, type)
);
CREATE VIEW ind_measure_dim_recount AS
SELECT muni AS municipality_id, dim, month, key, type, count(*) AS n
FROM ind_pm_rows_s GROUP BY 1, 2, 3, 4, 5;
CREATE TABLE ind_pm_apply (
	measure_id	BIGINT NOT NULL
);
-- Measure rid's rows into the counter, d (1 or -1) times.
CREATE FUNCTION ind_pm_add(rid bigint, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_measure_dim AS x SELECT muni, dim, month, key, type, d
	    FROM ind_pm_rows WHERE measure_id = rid
	    ON CONFLICT (municipality_id, dim, month, key, type) DO UPDATE
	    SET n = x.n + excluded.n;
END $$;
CREATE FUNCTION ind_pm_refresh(rid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_pm_add(rid, -1);
	DELETE FROM ind_pm_state WHERE measure_id = rid;
	DELETE FROM ind_pm_concern WHERE measure_id = rid;
	INSERT INTO ind_pm_state SELECT * FROM ind_pm_s WHERE measure_id = rid;
	INSERT INTO ind_pm_concern SELECT s.measure_id, cc.code
	    FROM ind_pm_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.measure_id = rid;
	PERFORM ind_pm_add(rid, 1);
END $$;
CREATE FUNCTION ind_pm_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_pm_refresh(NEW.measure_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_pm_apply_do BEFORE INSERT ON ind_pm_apply
	FOR EACH ROW EXECUTE FUNCTION ind_pm_apply_do();
-- A write to a measure refreshes its case (0026), and so it (none is
-- ever deleted, 0013).

CREATE VIEW ind_ep_s AS
SELECT ep.id AS placement_id, c.municipality_id AS muni, ep.started_at AS at,
    ind_month(ep.started_at) AS month, ep.case_id AS case_id,
    b2i(ep.ended_at IS NOT NULL AND ep.ended_at <= ep.ends_at) AS ended72,
    b2i(ep.ended_at IS NULL) AS running, ep.ends_at AS ends_at,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, c.source AS source
FROM emergency_placement ep JOIN case_file c ON c.id = ep.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_ep_state (
	placement_id	BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	at		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	case_id		BIGINT NOT NULL,
	ended72		BIGINT NOT NULL,
	running		BIGINT NOT NULL,
	ends_at		BIGINT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	source		TEXT NOT NULL
);
CREATE INDEX ind_ep_state_at ON ind_ep_state(muni, at);
CREATE TABLE ind_ep_concern (
	placement_id	BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (placement_id, code)
);
CREATE VIEW ind_ep_rows AS
SELECT s.placement_id AS placement_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	WHEN 9 THEN s.risk ELSE s.source END AS key, s.ended72 AS ended72
FROM ind_ep_state s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.placement_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.ended72
FROM ind_ep_state s LEFT JOIN ind_ep_concern k
    ON k.placement_id = s.placement_id;
CREATE VIEW ind_ep_rows_s AS
WITH s AS MATERIALIZED (SELECT * FROM ind_ep_s)
SELECT s.placement_id AS placement_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	WHEN 9 THEN s.risk ELSE s.source END AS key, s.ended72 AS ended72
FROM s CROSS JOIN ind_dd_dim d
UNION ALL SELECT s.placement_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.ended72
FROM s LEFT JOIN case_concern k ON k.case_id = s.case_id;
CREATE TABLE ind_placement_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	ended_72h	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
);
CREATE VIEW ind_placement_dim_recount AS
SELECT muni AS municipality_id, dim, month, key, count(*) AS n, sum(ended72) AS ended_72h
FROM ind_ep_rows_s GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_ep_apply (
	placement_id	BIGINT NOT NULL
);
-- Placement rid's rows into the counter, d (1 or -1) times.
CREATE FUNCTION ind_ep_add(rid bigint, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_placement_dim AS x SELECT muni, dim, month, key, d, d * ended72
	    FROM ind_ep_rows WHERE placement_id = rid
	    ON CONFLICT (municipality_id, dim, month, key) DO UPDATE
	    SET n = x.n + excluded.n,
	    ended_72h = x.ended_72h + excluded.ended_72h;
END $$;
CREATE FUNCTION ind_ep_refresh(rid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_ep_add(rid, -1);
	DELETE FROM ind_ep_state WHERE placement_id = rid;
	DELETE FROM ind_ep_concern WHERE placement_id = rid;
	INSERT INTO ind_ep_state SELECT * FROM ind_ep_s WHERE placement_id = rid;
	INSERT INTO ind_ep_concern SELECT s.placement_id, cc.code
	    FROM ind_ep_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.placement_id = rid;
	PERFORM ind_ep_add(rid, 1);
END $$;
CREATE FUNCTION ind_ep_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_ep_refresh(NEW.placement_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_ep_apply_do BEFORE INSERT ON ind_ep_apply
	FOR EACH ROW EXECUTE FUNCTION ind_ep_apply_do();
-- A write to a placement refreshes its case (0026), and so it (none is
-- ever deleted, 0013).

-- 0035's refresh of case cid, with its measures' and placements' at the
-- end.
CREATE OR REPLACE FUNCTION ind_dd_refresh(cid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dd_add(cid, -1);
	PERFORM ind_om_add(cid, -1);
	DELETE FROM ind_dd_state WHERE case_id = cid;
	DELETE FROM ind_dd_concern WHERE case_id = cid;
	INSERT INTO ind_dd_state SELECT * FROM ind_dd_s WHERE case_id = cid;
	INSERT INTO ind_dd_concern SELECT cc.case_id, cc.code
	    FROM ind_dd_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.case_id = cid;
	PERFORM ind_dd_add(cid, 1);
	PERFORM ind_om_add(cid, 1);
	PERFORM ind_rcv_refresh(id) FROM report WHERE case_id = cid;
	PERFORM ind_rf_refresh(id) FROM referral WHERE case_id = cid;
	PERFORM ind_pm_refresh(id) FROM protection_measure WHERE case_id = cid;
	PERFORM ind_ep_refresh(id) FROM emergency_placement WHERE case_id = cid;
END $$;

-- The counts of the measures and placements already there (and `rrjeti
-- indicators rebuild`).
INSERT INTO ind_pm_state SELECT * FROM ind_pm_s;
INSERT INTO ind_pm_concern SELECT s.measure_id, cc.code FROM ind_pm_state s
    JOIN case_concern cc ON cc.case_id = s.case_id;
INSERT INTO ind_measure_dim SELECT muni, dim, month, key, type, count(*)
FROM ind_pm_rows GROUP BY 1, 2, 3, 4, 5;
INSERT INTO ind_ep_state SELECT * FROM ind_ep_s;
INSERT INTO ind_ep_concern SELECT s.placement_id, cc.code FROM ind_ep_state s
    JOIN case_concern cc ON cc.case_id = s.case_id;
INSERT INTO ind_placement_dim SELECT muni, dim, month, key, count(*),
    sum(ended72) FROM ind_ep_rows GROUP BY 1, 2, 3, 4;
