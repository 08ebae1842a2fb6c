-- 0036 protection measures and emergency placements (indicator 8) by a
-- dimension of the child or the case from counters (issue 6).
--
-- Measures and placements by these dimensions were counted live, each a
-- row of the period: with a measure for one case in twenty and a
-- placement for one in forty (55,791 and 27,898 at 1,000,000 children),
-- measures by concern for the year to date took 74 ms. Here, as 0035 for
-- referrals, by the dimensions of 0032 (2 admin unit, 4 sex, 5 age band at
-- the decision or the start of the placement, 6 community, 7 disability,
-- 8 concern: the case's, 'none' without, 9 risk: 'none' not set, 10 sector:
-- the case's referrer, case_file.source; the keys as IND_KEY of
-- sql_sqlite_indicator.inc gives them):
--
--   ind_measure_dim   measures by the month of their decision date (a local
--                     date) and type, as 0026's ind_measure
--   ind_placement_dim placements by the UTC month they started: all, and
--                     those ended within their 72 hours, as ind_placement
--
-- Kept as 0035 keeps referrals: ind_pm_state and ind_ep_state (one row per
-- measure or placement, its keys, its date or instant and, for a
-- placement, whether it ended in time or is still running and when its
-- 72 hours end: the days outside whole months, and the placements still
-- running past their 72 hours at a period's end, read from them) with
-- ind_pm_concern and ind_ep_concern; a row into ind_pm_apply or
-- ind_ep_apply refreshes one. A measure or placement is refreshed
-- whenever its case is (0032's ind_dd_apply: a write to the case, its
-- child, its concerns, its measures and placements, 0026's ind_c_pm_*,
-- ind_c_ep_*; neither is ever deleted, 0013).

CREATE VIEW ind_pm_s AS
SELECT pm.id AS measure_id, c.municipality_id AS muni, pm.decision_date AS day,
    substr(pm.decision_date, 1, 7) AS month, pm.case_id AS case_id,
    pm.type AS type,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', CAST(strftime('%s', pm.decision_date) AS INTEGER), 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, c.source AS source
FROM protection_measure pm JOIN case_file c ON c.id = pm.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_pm_state (
	measure_id	INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	day		TEXT NOT NULL,
	month		TEXT NOT NULL,
	case_id		INTEGER NOT NULL,
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
	measure_id	INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (measure_id, code)
) WITHOUT ROWID;
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
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, type)
) WITHOUT ROWID;
CREATE VIEW ind_measure_dim_recount AS
SELECT muni, dim, month, key, type, count(*)
FROM ind_pm_rows_s GROUP BY 1, 2, 3, 4, 5;
CREATE TABLE ind_pm_apply (
	measure_id	INTEGER NOT NULL
);
CREATE TRIGGER ind_pm_apply_do AFTER INSERT ON ind_pm_apply
BEGIN
	INSERT INTO ind_measure_dim SELECT muni, dim, month, key, type, -1
	    FROM ind_pm_rows WHERE measure_id = NEW.measure_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_pm_state WHERE measure_id = NEW.measure_id;
	DELETE FROM ind_pm_concern WHERE measure_id = NEW.measure_id;
	INSERT INTO ind_pm_state SELECT * FROM ind_pm_s
	    WHERE measure_id = NEW.measure_id;
	INSERT INTO ind_pm_concern SELECT s.measure_id, cc.code
	    FROM ind_pm_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.measure_id = NEW.measure_id;
	INSERT INTO ind_measure_dim SELECT muni, dim, month, key, type, 1
	    FROM ind_pm_rows WHERE measure_id = NEW.measure_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_pm_apply WHERE rowid = NEW.rowid;
END;
-- A write to it refreshes its case (0026's ind_c_pm_*), and so it (none
-- is ever deleted, 0013).
CREATE TRIGGER ind_pm_case AFTER INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_pm_apply SELECT id FROM protection_measure
	    WHERE case_id = NEW.case_id;
END;

CREATE VIEW ind_ep_s AS
SELECT ep.id AS placement_id, c.municipality_id AS muni, ep.started_at AS at,
    strftime('%Y-%m', ep.started_at, 'unixepoch') AS month, ep.case_id AS case_id,
    (ep.ended_at IS NOT NULL AND ep.ended_at <= ep.ends_at) AS ended72,
    (ep.ended_at IS NULL) AS running, ep.ends_at AS ends_at,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', ep.started_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', ep.started_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, c.source AS source
FROM emergency_placement ep JOIN case_file c ON c.id = ep.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_ep_state (
	placement_id	INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	at		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	case_id		INTEGER NOT NULL,
	ended72		INTEGER NOT NULL,
	running		INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL,
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
	placement_id	INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (placement_id, code)
) WITHOUT ROWID;
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
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	ended_72h	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
) WITHOUT ROWID;
CREATE VIEW ind_placement_dim_recount AS
SELECT muni, dim, month, key, count(*), sum(ended72)
FROM ind_ep_rows_s GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_ep_apply (
	placement_id	INTEGER NOT NULL
);
CREATE TRIGGER ind_ep_apply_do AFTER INSERT ON ind_ep_apply
BEGIN
	INSERT INTO ind_placement_dim SELECT muni, dim, month, key, -1, -ended72
	    FROM ind_ep_rows WHERE placement_id = NEW.placement_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    ended_72h = ended_72h + excluded.ended_72h;
	DELETE FROM ind_ep_state WHERE placement_id = NEW.placement_id;
	DELETE FROM ind_ep_concern WHERE placement_id = NEW.placement_id;
	INSERT INTO ind_ep_state SELECT * FROM ind_ep_s
	    WHERE placement_id = NEW.placement_id;
	INSERT INTO ind_ep_concern SELECT s.placement_id, cc.code
	    FROM ind_ep_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.placement_id = NEW.placement_id;
	INSERT INTO ind_placement_dim SELECT muni, dim, month, key, 1, ended72
	    FROM ind_ep_rows WHERE placement_id = NEW.placement_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    ended_72h = ended_72h + excluded.ended_72h;
	DELETE FROM ind_ep_apply WHERE rowid = NEW.rowid;
END;
-- A write to it refreshes its case (0026's ind_c_ep_*), and so it (none
-- is ever deleted, 0013).
CREATE TRIGGER ind_ep_case AFTER INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_ep_apply SELECT id FROM emergency_placement
	    WHERE case_id = NEW.case_id;
END;

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
