-- PostgreSQL form of ../sqlite/0031_indicator_speed.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0031 indicators for one municipality within 20 ms at 1,000,000 children
-- (issue 6).
--
-- Caseload (indicator 4) counted each worker's cases open at the end of
-- the period by walking all the cases the worker ever had. ind_worker_open
-- holds each worker's cases open now (closed_at NULL, not transferred),
-- kept by a trigger on case_file; at the end of a period after which none
-- of the worker's cases opened or closed (a period up to today), it is the
-- same count (Q_IND_WORKERS reads it then, else counts live as before).
-- ind_worker_open_recount is its recount (`rrjeti indicators check`,
-- `rebuild`); rows of 0 are left by subtractions.
CREATE TABLE ind_worker_open (
	worker_id	BIGINT PRIMARY KEY,
	n		BIGINT NOT NULL
);
CREATE VIEW ind_worker_open_recount AS
SELECT worker_id, count(*) AS n FROM case_file WHERE worker_id IS NOT NULL
    AND closed_at IS NULL AND status <> 'transferred' GROUP BY 1;

-- The SQLite triggers ind_wo_ins, ind_wo_del and ind_wo_upd as one
-- function: the old row's open case out, the new row's in.
CREATE FUNCTION ind_wo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.worker_id IS NOT NULL
	    AND OLD.closed_at IS NULL AND OLD.status <> 'transferred' THEN
		UPDATE ind_worker_open SET n = n - 1
		    WHERE worker_id = OLD.worker_id;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.worker_id IS NOT NULL
	    AND NEW.closed_at IS NULL AND NEW.status <> 'transferred' THEN
		INSERT INTO ind_worker_open AS x VALUES (NEW.worker_id, 1)
		    ON CONFLICT (worker_id) DO UPDATE SET n = x.n + 1;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_wo_ins AFTER INSERT ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_wo();
CREATE TRIGGER ind_wo_del AFTER DELETE ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_wo();
CREATE TRIGGER ind_wo_upd AFTER UPDATE OF worker_id, closed_at, status
    ON case_file FOR EACH ROW
    WHEN (OLD.worker_id IS DISTINCT FROM NEW.worker_id
    OR (OLD.closed_at IS NULL AND OLD.status <> 'transferred') <>
    (NEW.closed_at IS NULL AND NEW.status <> 'transferred'))
    EXECUTE FUNCTION ind_wo();
INSERT INTO ind_worker_open SELECT * FROM ind_worker_open_recount;

-- New cases (indicators 1 and 11) by the dimensions of the child and the
-- case: see the SQLite form. Kept as there: ind_dim_state and
-- ind_dim_concern hold what each case last added; ind_dim_refresh(case)
-- takes that out of ind_new_dim, keeps the case as it is now and puts it
-- in; the triggers below call it for the writes that change a case's
-- keys.
CREATE TABLE ind_new_dim (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	source		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	reopened	BIGINT NOT NULL,
	transferred_in	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, source)
);
CREATE TABLE ind_dim_state (
	case_id		BIGINT PRIMARY KEY,
	muni		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	source		TEXT NOT NULL,
	reopened	BIGINT NOT NULL,
	transferred_in	BIGINT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL
);
CREATE TABLE ind_dim_concern (
	case_id		BIGINT NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (case_id, code)
);
CREATE VIEW ind_dim_state_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    ind_month(c.opened_at) AS month, c.source AS source,
    b2i(c.reopened_from IS NOT NULL) AS reopened,
    b2i(EXISTS (SELECT 1 FROM case_transfer t WHERE t.new_case_id = c.id))
    AS transferred_in, ch.admin_unit AS au, ch.sex AS sex,
    CASE WHEN ch.birth_date IS NULL THEN 'unknown'
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
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk
FROM case_file c JOIN child ch ON ch.id = c.child_id;
CREATE VIEW ind_dim_rows AS
SELECT s.case_id AS case_id, s.muni AS muni, s.month AS month, 2 AS dim,
    s.au AS key, s.source AS source, s.reopened AS reopened,
    s.transferred_in AS transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 4, s.sex, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 5, s.band, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 6, s.comm, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 7, s.dis, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 9, s.risk, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 10, s.source, s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
UNION ALL SELECT s.case_id, s.muni, s.month, 8, coalesce(k.code, 'none'), s.source,
    s.reopened, s.transferred_in FROM ind_dim_state s
    LEFT JOIN ind_dim_concern k ON k.case_id = s.case_id;
CREATE VIEW ind_dim_s AS
SELECT c.id AS case_id, c.municipality_id AS muni, ind_month(c.opened_at) AS month, 2 AS dim,
    ch.admin_unit AS key, c.source AS source, b2i(c.reopened_from IS NOT NULL) AS reopened,
    b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) AS transferred_in FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 4, ch.sex, c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 5, (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
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
	- b2i(strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END), c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 6, ch.community, c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 7, ch.disability, c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 9, coalesce(c.risk, 'none'), c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 10, c.source, c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, ind_month(c.opened_at), 8, coalesce(cc.code, 'none'), c.source,
    b2i(c.reopened_from IS NOT NULL), b2i(EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id)) FROM case_file c JOIN child ch ON ch.id = c.child_id
    LEFT JOIN case_concern cc ON cc.case_id = c.id;
CREATE VIEW ind_new_dim_recount AS
SELECT muni, dim, month, key, source, count(*) AS n, sum(reopened) AS reopened,
    sum(transferred_in) AS transferred_in FROM ind_dim_s GROUP BY 1, 2, 3, 4, 5;

CREATE FUNCTION ind_dim_refresh(cid bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_new_dim AS x SELECT muni, dim, month, key, source, -1,
	    -reopened, -transferred_in FROM ind_dim_rows WHERE case_id = cid
	    ON CONFLICT (municipality_id, dim, month, key, source) DO UPDATE
	    SET n = x.n + excluded.n, reopened = x.reopened + excluded.reopened,
	    transferred_in = x.transferred_in + excluded.transferred_in;
	DELETE FROM ind_dim_state WHERE case_id = cid;
	DELETE FROM ind_dim_concern WHERE case_id = cid;
	INSERT INTO ind_dim_state SELECT * FROM ind_dim_state_s
	    WHERE case_id = cid;
	INSERT INTO ind_dim_concern SELECT cc.case_id, cc.code
	    FROM ind_dim_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.case_id = cid;
	INSERT INTO ind_new_dim AS x SELECT muni, dim, month, key, source, 1,
	    reopened, transferred_in FROM ind_dim_rows WHERE case_id = cid
	    ON CONFLICT (municipality_id, dim, month, key, source) DO UPDATE
	    SET n = x.n + excluded.n, reopened = x.reopened + excluded.reopened,
	    transferred_in = x.transferred_in + excluded.transferred_in;
END $$;
-- As ind_apply of 0026: the table exists as on SQLite (a row inserted
-- refreshes that case) but stays empty; the triggers call
-- ind_dim_refresh() themselves.
CREATE TABLE ind_dim_apply (
	case_id		BIGINT NOT NULL
);
CREATE FUNCTION ind_dim_apply_do() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dim_refresh(NEW.case_id);
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dim_apply_do BEFORE INSERT ON ind_dim_apply
	FOR EACH ROW EXECUTE FUNCTION ind_dim_apply_do();

-- The writes that change a case's keys (see the SQLite form).
CREATE FUNCTION ind_dim_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM ind_dim_refresh(OLD.id);
	ELSE
		PERFORM ind_dim_refresh(NEW.id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dim_case_ins AFTER INSERT ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_dim_case();
CREATE TRIGGER ind_dim_case_del AFTER DELETE ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_dim_case();
CREATE TRIGGER ind_dim_case_upd AFTER UPDATE OF municipality_id, child_id,
    opened_at, source, reopened_from, risk ON case_file FOR EACH ROW
    WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id
    OR OLD.child_id IS DISTINCT FROM NEW.child_id
    OR OLD.opened_at IS DISTINCT FROM NEW.opened_at
    OR OLD.source IS DISTINCT FROM NEW.source
    OR OLD.risk IS DISTINCT FROM NEW.risk
    OR (OLD.reopened_from IS NULL) <> (NEW.reopened_from IS NULL))
    EXECUTE FUNCTION ind_dim_case();
CREATE FUNCTION ind_dim_child() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM ind_dim_refresh(id) FROM case_file WHERE child_id = NEW.id;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dim_child_upd AFTER UPDATE OF birth_date, sex, community,
    disability, admin_unit ON child FOR EACH ROW
    WHEN (OLD.birth_date IS DISTINCT FROM NEW.birth_date
    OR OLD.sex IS DISTINCT FROM NEW.sex
    OR OLD.community IS DISTINCT FROM NEW.community
    OR OLD.disability IS DISTINCT FROM NEW.disability
    OR OLD.admin_unit IS DISTINCT FROM NEW.admin_unit)
    EXECUTE FUNCTION ind_dim_child();
CREATE FUNCTION ind_dim_cc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		PERFORM ind_dim_refresh(OLD.case_id);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT'
	    OR NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
		PERFORM ind_dim_refresh(NEW.case_id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dim_cc_ins AFTER INSERT ON case_concern
	FOR EACH ROW EXECUTE FUNCTION ind_dim_cc();
CREATE TRIGGER ind_dim_cc_del AFTER DELETE ON case_concern
	FOR EACH ROW EXECUTE FUNCTION ind_dim_cc();
CREATE TRIGGER ind_dim_cc_upd AFTER UPDATE OF case_id, code ON case_concern
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id
    OR OLD.code IS DISTINCT FROM NEW.code)
    EXECUTE FUNCTION ind_dim_cc();
CREATE FUNCTION ind_dim_tr() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.new_case_id IS NOT NULL THEN
		PERFORM ind_dim_refresh(OLD.new_case_id);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.new_case_id IS NOT NULL THEN
		PERFORM ind_dim_refresh(NEW.new_case_id);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_dim_tr_ins AFTER INSERT ON case_transfer
    FOR EACH ROW WHEN (NEW.new_case_id IS NOT NULL)
    EXECUTE FUNCTION ind_dim_tr();
CREATE TRIGGER ind_dim_tr_upd AFTER UPDATE OF new_case_id ON case_transfer
    FOR EACH ROW WHEN (OLD.new_case_id IS DISTINCT FROM NEW.new_case_id)
    EXECUTE FUNCTION ind_dim_tr();
CREATE TRIGGER ind_dim_tr_del AFTER DELETE ON case_transfer
    FOR EACH ROW WHEN (OLD.new_case_id IS NOT NULL)
    EXECUTE FUNCTION ind_dim_tr();
INSERT INTO ind_dim_state SELECT * FROM ind_dim_state_s;
INSERT INTO ind_dim_concern SELECT case_id, code FROM case_concern;
INSERT INTO ind_new_dim SELECT muni, dim, month, key, source, count(*),
    sum(reopened), sum(transferred_in) FROM ind_dim_rows
    GROUP BY 1, 2, 3, 4, 5;

-- Emergency placements still running (ended_at NULL), for indicator 8's
-- "still placed past 72 hours" (Q_IND_PLACE_OVER), read from the
-- placements themselves and not from every case of the municipality.
-- They are few at any time, whatever the history holds.
CREATE INDEX ind_placement_running ON emergency_placement(started_at)
    WHERE ended_at IS NULL;
