-- 0035 referrals sent (indicator 9) by a dimension of the child or the case
-- from counters (issue 6).
--
-- 0032 left referrals sent by these dimensions counted live, each a row of
-- the period: with a referral for one case of Tiranë in four (41,203 over
-- the three years of the 1,000,000-child demo, 12,245 in the year to date)
-- one request by sex for the year took 36-52 ms. Here, by
-- the dimensions of 0032 but the sector (referrals have theirs, the
-- receiving agency's type, in 0026's ind_referral: 2 admin unit, 4 sex,
-- 5 age band at the referral's creation, 6 community, 7 disability,
-- 8 concern: the case's, 'none' without, 9 risk: the case's, 'none' not
-- set; the keys as the live count gives them, IND_KEYX of
-- sql_sqlite_indicator.inc), by the UTC month the referral was created:
--
--   ind_ref_dim      referrals by status (sent, accepted, ... as
--                    ind_referral)
--   ind_refdays_dim  the days from creation to the start of the service
--                    (for the median), as ind_ref_days
--
-- Kept exact as 0032 keeps ind_received_dim: ind_rf_state (one row per
-- referral, with its creation instant, indexed by municipality and
-- instant: the days of a period outside whole months read from it) and
-- ind_rf_concern hold what each referral last added; a row into
-- ind_rf_apply takes that out under the old keys and puts the referral in
-- again as it is now. A referral is refreshed whenever its case is (a row
-- into 0032's ind_dd_apply: a write to the case, its child, its concerns,
-- its referrals) and when it is deleted. Each counter has a *_recount view from the records; rows
-- of 0 are left by subtractions.
CREATE VIEW ind_rf_s AS
SELECT r.id AS referral_id, c.municipality_id AS muni, r.created_at AS at,
    strftime('%Y-%m', r.created_at, 'unixepoch') AS month,
    r.case_id AS case_id, r.to_agency_id AS agency,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, r.status AS status,
    CASE WHEN r.service_start <> '' THEN CAST(julianday(r.service_start)
	- julianday(date(r.created_at, 'unixepoch')) AS INTEGER) END AS days
FROM referral r JOIN case_file c ON c.id = r.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_rf_state (
	referral_id	INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	at		INTEGER NOT NULL,	-- created_at
	month		TEXT NOT NULL,
	case_id		INTEGER NOT NULL,
	agency		INTEGER NOT NULL,	-- to_agency_id
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	status		TEXT NOT NULL,
	days		INTEGER			-- NULL: no service start
);
CREATE INDEX ind_rf_state_at ON ind_rf_state(muni, at);
CREATE TABLE ind_rf_concern (
	referral_id	INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (referral_id, code)
) WITHOUT ROWID;
CREATE VIEW ind_rf_rows AS
SELECT s.referral_id AS referral_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	ELSE s.risk END AS key, s.status AS status, s.days AS days
FROM ind_rf_state s CROSS JOIN ind_dd_dim d WHERE d.dim <> 10
UNION ALL SELECT s.referral_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.status, s.days
FROM ind_rf_state s LEFT JOIN ind_rf_concern k
    ON k.referral_id = s.referral_id;
CREATE VIEW ind_rf_rows_s AS
WITH s AS MATERIALIZED (SELECT * FROM ind_rf_s)
SELECT s.referral_id AS referral_id, s.muni AS muni, s.month AS month,
    d.dim AS dim, CASE d.dim WHEN 2 THEN s.au WHEN 4 THEN s.sex
	WHEN 5 THEN s.band WHEN 6 THEN s.comm WHEN 7 THEN s.dis
	ELSE s.risk END AS key, s.status AS status, s.days AS days
FROM s CROSS JOIN ind_dd_dim d WHERE d.dim <> 10
UNION ALL SELECT s.referral_id, s.muni, s.month, 8, coalesce(k.code, 'none'),
    s.status, s.days
FROM s LEFT JOIN case_concern k ON k.case_id = s.case_id;
CREATE TABLE ind_ref_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	status		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, status)
) WITHOUT ROWID;
CREATE VIEW ind_ref_dim_recount AS
SELECT muni, dim, month, key, status, count(*) FROM ind_rf_rows_s
    GROUP BY 1, 2, 3, 4, 5;
CREATE TABLE ind_refdays_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, days)
) WITHOUT ROWID;
CREATE VIEW ind_refdays_dim_recount AS
SELECT muni, dim, month, key, days, count(*) FROM ind_rf_rows_s
    WHERE days IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
CREATE TABLE ind_rf_apply (
	referral_id	INTEGER NOT NULL
);
CREATE TRIGGER ind_rf_apply_do AFTER INSERT ON ind_rf_apply
BEGIN
	INSERT INTO ind_ref_dim SELECT muni, dim, month, key, status, -1
	    FROM ind_rf_rows WHERE referral_id = NEW.referral_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_refdays_dim SELECT muni, dim, month, key, days, -1
	    FROM ind_rf_rows WHERE referral_id = NEW.referral_id
	    AND days IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_rf_state WHERE referral_id = NEW.referral_id;
	DELETE FROM ind_rf_concern WHERE referral_id = NEW.referral_id;
	INSERT INTO ind_rf_state SELECT * FROM ind_rf_s
	    WHERE referral_id = NEW.referral_id;
	INSERT INTO ind_rf_concern SELECT s.referral_id, cc.code
	    FROM ind_rf_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.referral_id = NEW.referral_id;
	INSERT INTO ind_ref_dim SELECT muni, dim, month, key, status, 1
	    FROM ind_rf_rows WHERE referral_id = NEW.referral_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_refdays_dim SELECT muni, dim, month, key, days, 1
	    FROM ind_rf_rows WHERE referral_id = NEW.referral_id
	    AND days IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_rf_apply WHERE rowid = NEW.rowid;
END;
-- A write to a referral refreshes its case (0026's ind_c_rf_*: its
-- insertion, a change of its case, status, start of service, creation or
-- receiving agency), and so it; one deleted is not among its case's.
CREATE TRIGGER ind_rf_case AFTER INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_rf_apply SELECT id FROM referral
	    WHERE case_id = NEW.case_id;
END;
CREATE TRIGGER ind_rf_del AFTER DELETE ON referral
BEGIN
	INSERT INTO ind_rf_apply VALUES (OLD.id);
END;

-- The counts of the referrals already there (and `rrjeti indicators
-- rebuild`).
INSERT INTO ind_rf_state SELECT * FROM ind_rf_s;
INSERT INTO ind_rf_concern SELECT s.referral_id, cc.code FROM ind_rf_state s
    JOIN case_concern cc ON cc.case_id = s.case_id;
INSERT INTO ind_ref_dim SELECT muni, dim, month, key, status, count(*)
FROM ind_rf_rows GROUP BY 1, 2, 3, 4, 5;
INSERT INTO ind_refdays_dim SELECT muni, dim, month, key, days, count(*)
FROM ind_rf_rows WHERE days IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
