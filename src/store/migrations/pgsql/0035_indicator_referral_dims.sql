-- PostgreSQL form of ../sqlite/0035_indicator_referral_dims.sql: keep the two in step.
-- 0035 referrals sent (indicator 9) by a dimension of the child or the case
-- from counters (issue 6; see the SQLite form): ind_rf_state and
-- ind_rf_concern hold what each referral last added; ind_rf_refresh()
-- refreshes one whenever its case is refreshed (ind_dd_refresh(), remade
-- here: a write to the case, its child, concerns, referrals) and when it
-- is deleted.
CREATE VIEW ind_rf_s AS
SELECT r.id AS referral_id, c.municipality_id AS muni, r.created_at AS at,
    ind_month(r.created_at) AS month,
    r.case_id AS case_id, r.to_agency_id AS agency,
    ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', r.created_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- b2i(strftime('%m-%d', r.created_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk, r.status AS status,
    CASE WHEN r.service_start <> ''
	THEN ind_ref_days_of(r.service_start, r.created_at) END AS days
FROM referral r JOIN case_file c ON c.id = r.case_id
JOIN child ch ON ch.id = c.child_id;
CREATE TABLE ind_rf_state (
	referral_id	BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	at		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	case_id		BIGINT NOT NULL,
	agency		BIGINT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	status		TEXT NOT NULL,
	days		BIGINT
);
CREATE INDEX ind_rf_state_at ON ind_rf_state(muni, at);
CREATE TABLE ind_rf_concern (
	referral_id	BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (referral_id, code)
);
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
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	status		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, status)
);
CREATE VIEW ind_ref_dim_recount AS
SELECT muni AS municipality_id, dim, month, key, status, count(*) AS n
FROM ind_rf_rows_s GROUP BY 1, 2, 3, 4, 5;
CREATE TABLE ind_refdays_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	days		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, days)
);
CREATE VIEW ind_refdays_dim_recount AS
SELECT muni AS municipality_id, dim, month, key, days, count(*) AS n
FROM ind_rf_rows_s WHERE days IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

-- Referral rid's rows into the counters, d (1 or -1) times.
CREATE FUNCTION ind_rf_add(rid bigint, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_ref_dim AS x SELECT muni, dim, month, key, status, d
	    FROM ind_rf_rows WHERE referral_id = rid
	    ON CONFLICT (municipality_id, dim, month, key, status) DO UPDATE
	    SET n = x.n + excluded.n;
	INSERT INTO ind_refdays_dim AS x SELECT muni, dim, month, key, days, d
	    FROM ind_rf_rows WHERE referral_id = rid AND days IS NOT NULL
	    ON CONFLICT (municipality_id, dim, month, key, days) DO UPDATE
	    SET n = x.n + excluded.n;
END $$;
CREATE FUNCTION ind_rf_refresh(rid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_rf_add(rid, -1);
	DELETE FROM ind_rf_state WHERE referral_id = rid;
	DELETE FROM ind_rf_concern WHERE referral_id = rid;
	INSERT INTO ind_rf_state SELECT * FROM ind_rf_s WHERE referral_id = rid;
	INSERT INTO ind_rf_concern SELECT s.referral_id, cc.code
	    FROM ind_rf_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.referral_id = rid;
	PERFORM ind_rf_add(rid, 1);
END $$;
CREATE TABLE ind_rf_apply (
	referral_id	BIGINT NOT NULL
);
CREATE FUNCTION ind_rf_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_rf_refresh(NEW.referral_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_rf_apply_do BEFORE INSERT ON ind_rf_apply
	FOR EACH ROW EXECUTE FUNCTION ind_rf_apply_do();
-- A write to a referral refreshes its case (0026), and so it; one deleted
-- is not among its case's.
CREATE FUNCTION ind_rf_referral() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_rf_refresh(OLD.id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_rf_del AFTER DELETE ON referral
	FOR EACH ROW EXECUTE FUNCTION ind_rf_referral();

-- 0034's refresh of case cid, with its referrals' at the end.
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
END $$;

INSERT INTO ind_rf_state SELECT * FROM ind_rf_s;
INSERT INTO ind_rf_concern SELECT s.referral_id, cc.code FROM ind_rf_state s
    JOIN case_concern cc ON cc.case_id = s.case_id;
INSERT INTO ind_ref_dim SELECT muni, dim, month, key, status, count(*)
FROM ind_rf_rows GROUP BY 1, 2, 3, 4, 5;
INSERT INTO ind_refdays_dim SELECT muni, dim, month, key, days, count(*)
FROM ind_rf_rows WHERE days IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
