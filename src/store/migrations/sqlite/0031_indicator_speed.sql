-- 0031 indicators for one municipality within 20 ms at 1,000,000 children
-- (issue 6).
--
-- Caseload (indicator 4) counted each worker's cases open at the end of
-- the period by walking all the cases the worker ever had (Tiranë: 164,000
-- index entries for 64 workers, 10 ms of the 13). ind_worker_open holds
-- each worker's cases open now (closed_at NULL, not transferred), kept by
-- triggers on case_file; at the end of a period after which none of the
-- worker's cases opened or closed (a period up to today), it is the same
-- count (Q_IND_WORKERS reads it then, else counts live as before).
-- ind_worker_open_recount is its recount (`rrjeti indicators check`,
-- `rebuild`); rows of 0 are left by subtractions.
CREATE TABLE ind_worker_open (
	worker_id	INTEGER PRIMARY KEY,
	n		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIEW ind_worker_open_recount AS
SELECT worker_id, count(*) FROM case_file WHERE worker_id IS NOT NULL
    AND closed_at IS NULL AND status <> 'transferred' GROUP BY 1;
CREATE TRIGGER ind_wo_ins AFTER INSERT ON case_file
WHEN NEW.worker_id IS NOT NULL AND NEW.closed_at IS NULL
    AND NEW.status <> 'transferred'
BEGIN
	INSERT INTO ind_worker_open VALUES (NEW.worker_id, 1)
	    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ind_wo_del AFTER DELETE ON case_file
WHEN OLD.worker_id IS NOT NULL AND OLD.closed_at IS NULL
    AND OLD.status <> 'transferred'
BEGIN
	UPDATE ind_worker_open SET n = n - 1 WHERE worker_id = OLD.worker_id;
END;
CREATE TRIGGER ind_wo_upd AFTER UPDATE OF worker_id, closed_at, status
    ON case_file
WHEN OLD.worker_id IS NOT NEW.worker_id
    OR (OLD.closed_at IS NULL AND OLD.status <> 'transferred') <>
    (NEW.closed_at IS NULL AND NEW.status <> 'transferred')
BEGIN
	UPDATE ind_worker_open SET n = n - 1 WHERE worker_id = OLD.worker_id
	    AND OLD.closed_at IS NULL AND OLD.status <> 'transferred';
	INSERT INTO ind_worker_open SELECT NEW.worker_id, 1
	    WHERE NEW.worker_id IS NOT NULL AND NEW.closed_at IS NULL
	    AND NEW.status <> 'transferred'
	    ON CONFLICT DO UPDATE SET n = n + 1;
END;
INSERT INTO ind_worker_open SELECT * FROM ind_worker_open_recount;

-- New cases (indicators 1 and 11) by the dimensions of the child and the
-- case (issue 6: by sex, age band, ...: 146 ms at 1,000,000 children,
-- counted live over the municipality's cases of the period). The
-- dimension codes are those of enum ind_dim (svc/indicator.h): 2 admin
-- unit, 4 sex, 5 age band (at opening), 6 community, 7 disability, 8
-- concern (a case under each of its concerns, 'none' without), 9 risk
-- ('none' not set), 10 sector (the referrer: case_file.source); the keys
-- are those the live count gives (sql_sqlite_indicator.inc, IND_KEYX,
-- IND_BAND). By month opened (UTC, as ind_new), dimension, key and
-- source: cases, reopened, transferred in.
--
-- Kept as 0026 keeps its counters: what each case last added is kept
-- (ind_dim_state, one row per case with its keys; ind_dim_concern, its
-- concerns), and every refresh of a case (a row into ind_dim_apply, by the
-- triggers below) takes that out of ind_new_dim (ind_dim_rows: a row per
-- dimension value), keeps the case as it is now and puts it in.
-- ind_new_dim_recount counts from the records themselves (ind_dim_s)
-- (`rrjeti indicators check`, `rebuild`); rows of 0 are left by
-- subtractions.
CREATE TABLE ind_new_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	source		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	reopened	INTEGER NOT NULL,
	transferred_in	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, source)
) WITHOUT ROWID;
CREATE TABLE ind_dim_state (
	case_id		INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	source		TEXT NOT NULL,
	reopened	INTEGER NOT NULL,
	transferred_in	INTEGER NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL
);
CREATE TABLE ind_dim_concern (
	case_id		INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (case_id, code)
) WITHOUT ROWID;
-- A case's row of ind_dim_state from the records.
CREATE VIEW ind_dim_state_s AS
SELECT c.id AS case_id, c.municipality_id AS muni,
    strftime('%Y-%m', c.opened_at, 'unixepoch') AS month, c.source AS source,
    c.reopened_from IS NOT NULL AS reopened,
    EXISTS (SELECT 1 FROM case_transfer t WHERE t.new_case_id = c.id)
    AS transferred_in, ch.admin_unit AS au, ch.sex AS sex,
    CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END AS band,
    ch.community AS comm, ch.disability AS dis,
    coalesce(c.risk, 'none') AS risk
FROM case_file c JOIN child ch ON ch.id = c.child_id;
-- The rows a kept case adds, one per dimension value (per concern for 8).
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
-- The same from the records (the recount).
CREATE VIEW ind_dim_s AS
SELECT c.id AS case_id, c.municipality_id AS muni, strftime('%Y-%m', c.opened_at, 'unixepoch') AS month, 2 AS dim,
    ch.admin_unit AS key, c.source AS source, c.reopened_from IS NOT NULL AS reopened,
    EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) AS transferred_in FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 4, ch.sex, c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 5, (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', c.opened_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END), c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 6, ch.community, c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 7, ch.disability, c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 9, coalesce(c.risk, 'none'), c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 10, c.source, c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
UNION ALL SELECT c.id, c.municipality_id, strftime('%Y-%m', c.opened_at, 'unixepoch'), 8, coalesce(cc.code, 'none'), c.source,
    c.reopened_from IS NOT NULL, EXISTS (SELECT 1 FROM case_transfer t
    WHERE t.new_case_id = c.id) FROM case_file c JOIN child ch ON ch.id = c.child_id
    LEFT JOIN case_concern cc ON cc.case_id = c.id;
CREATE VIEW ind_new_dim_recount AS
SELECT muni, dim, month, key, source, count(*), sum(reopened),
    sum(transferred_in) FROM ind_dim_s GROUP BY 1, 2, 3, 4, 5;

-- A row (case) refreshes the case's rows, and goes. Its own queue, not
-- 0026's ind_apply: the keys depend on fewer writes than 0026's counters
-- (not on deadlines, meetings, plans, measures, placements, referrals).
CREATE TABLE ind_dim_apply (
	case_id		INTEGER NOT NULL
);
CREATE TRIGGER ind_dim_apply_do AFTER INSERT ON ind_dim_apply
BEGIN
	INSERT INTO ind_new_dim SELECT muni, dim, month, key, source, -1,
	    -reopened, -transferred_in FROM ind_dim_rows
	    WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    reopened = reopened + excluded.reopened,
	    transferred_in = transferred_in + excluded.transferred_in;
	DELETE FROM ind_dim_state WHERE case_id = NEW.case_id;
	DELETE FROM ind_dim_concern WHERE case_id = NEW.case_id;
	INSERT INTO ind_dim_state SELECT * FROM ind_dim_state_s
	    WHERE case_id = NEW.case_id;
	INSERT INTO ind_dim_concern SELECT cc.case_id, cc.code
	    FROM ind_dim_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.case_id = NEW.case_id;
	INSERT INTO ind_new_dim SELECT muni, dim, month, key, source, 1,
	    reopened, transferred_in FROM ind_dim_rows
	    WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    reopened = reopened + excluded.reopened,
	    transferred_in = transferred_in + excluded.transferred_in;
	DELETE FROM ind_dim_apply WHERE rowid = NEW.rowid;
END;
-- The writes that change a case's keys: the case (its municipality,
-- child, opening, source, reopening, risk), its child (birth date, sex,
-- community, disability, unit), its concerns, a transfer into it.
CREATE TRIGGER ind_dim_case_ins AFTER INSERT ON case_file
BEGIN
	INSERT INTO ind_dim_apply VALUES (NEW.id);
END;
CREATE TRIGGER ind_dim_case_del AFTER DELETE ON case_file
BEGIN
	INSERT INTO ind_dim_apply VALUES (OLD.id);
END;
CREATE TRIGGER ind_dim_case_upd AFTER UPDATE OF municipality_id, child_id,
    opened_at, source, reopened_from, risk ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.child_id IS NOT NEW.child_id OR OLD.opened_at IS NOT NEW.opened_at
    OR OLD.source IS NOT NEW.source OR OLD.risk IS NOT NEW.risk
    OR (OLD.reopened_from IS NULL) <> (NEW.reopened_from IS NULL)
BEGIN
	INSERT INTO ind_dim_apply VALUES (NEW.id);
END;
CREATE TRIGGER ind_dim_child_upd AFTER UPDATE OF birth_date, sex, community,
    disability, admin_unit ON child
WHEN OLD.birth_date IS NOT NEW.birth_date OR OLD.sex IS NOT NEW.sex
    OR OLD.community IS NOT NEW.community
    OR OLD.disability IS NOT NEW.disability
    OR OLD.admin_unit IS NOT NEW.admin_unit
BEGIN
	INSERT INTO ind_dim_apply SELECT id FROM case_file
	    WHERE child_id = NEW.id;
END;
CREATE TRIGGER ind_dim_cc_ins AFTER INSERT ON case_concern
BEGIN
	INSERT INTO ind_dim_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_dim_cc_del AFTER DELETE ON case_concern
BEGIN
	INSERT INTO ind_dim_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_dim_cc_upd AFTER UPDATE OF case_id, code ON case_concern
WHEN OLD.case_id IS NOT NEW.case_id OR OLD.code IS NOT NEW.code
BEGIN
	INSERT INTO ind_dim_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_dim_tr_ins AFTER INSERT ON case_transfer
WHEN NEW.new_case_id IS NOT NULL
BEGIN
	INSERT INTO ind_dim_apply VALUES (NEW.new_case_id);
END;
CREATE TRIGGER ind_dim_tr_upd AFTER UPDATE OF new_case_id ON case_transfer
WHEN OLD.new_case_id IS NOT NEW.new_case_id
BEGIN
	INSERT INTO ind_dim_apply SELECT id FROM case_file
	    WHERE id IN (OLD.new_case_id, NEW.new_case_id);
END;
CREATE TRIGGER ind_dim_tr_del AFTER DELETE ON case_transfer
WHEN OLD.new_case_id IS NOT NULL
BEGIN
	INSERT INTO ind_dim_apply VALUES (OLD.new_case_id);
END;
INSERT INTO ind_dim_state SELECT * FROM ind_dim_state_s;
INSERT INTO ind_dim_concern SELECT case_id, code FROM case_concern;
INSERT INTO ind_new_dim SELECT muni, dim, month, key, source, count(*),
    sum(reopened), sum(transferred_in) FROM ind_dim_rows
    GROUP BY 1, 2, 3, 4, 5;

-- Emergency placements still running (ended_at NULL), for indicator 8's
-- "still placed past 72 hours" (Q_IND_PLACE_OVER), read from the
-- placements themselves and not from every case of the municipality
-- (Tiranë: 9 ms). They are few at any time, whatever the history holds.
CREATE INDEX ind_placement_running ON emergency_placement(started_at)
    WHERE ended_at IS NULL;
