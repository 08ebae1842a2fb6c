-- 0032 each indicator for one municipality by each dimension within 20 ms
-- at 1,000,000 children (issue 6).
--
-- 0031 gave new cases and sources counters by the dimensions of the child
-- and the case; the other indicators by those dimensions were counted live
-- over the municipality's cases (Tiranë: open cases by sex 350 ms, data
-- quality by concern 8 s). Here, by the same dimensions (enum ind_dim of
-- svc/indicator.h: 2 admin unit, 4 sex, 5 age band, 6 community, 7
-- disability, 8 concern: a case under each of its concerns, 'none'
-- without, 9 risk: 'none' not set, 10 sector: the referrer, case_file.source;
-- the keys as the live count gives them, sql_sqlite_indicator.inc IND_KEY):
--
--   ind_open_dim    open cases now (indicators 2 and 13): by risk level
--                   and what their records miss; the age band is the one
--                   at the end of the period asked, so dimension 5 is
--                   keyed by the birth date ('' unknown) and the service
--                   makes the band of each row
--   ind_review_dim  their reviews not done, by the UTC hour due (13)
--   ind_cohort_dim  cases by month opened (5, 6, 7), as ind_cohort
--   ind_hist_dim    the distributions for their medians by month opened
--                   (contact_h, assess_d, meeting_d, plan_d), and of
--                   closures by month closed (closed_d, reref), as ind_hist
--   ind_closed_dim  closures by month closed and reason (10)
--   ind_received_dim reports received by month (9, received; below)
--
-- The age band of 5, 6, 7 is the one at opening, of 10 at closing.
--
-- Kept exact as 0026 and 0031 keep theirs: what each case last added is
-- kept with the keys it was added under (ind_dd_state, one row per case;
-- ind_dd_concern, its concerns), and every refresh of a case (a row into
-- ind_dd_apply) takes that out under the old keys, keeps the case as it is
-- now (ind_dd_s, from the records) and puts it in under the new ones. A
-- case is refreshed whenever 0026 refreshes it (a row into ind_apply: a
-- write to the case, its child, concerns, deadlines, meetings, plans) and
-- when its source, its reason of closure or its child's administrative
-- unit changes. Each counter has a *_recount view from the records; rows
-- of 0 are left by subtractions.
--
-- Still counted live: measures (8) and referrals sent (9) by these
-- dimensions (each a count of the rows of the period, few), every filter
-- on the child or the case, a worker's or a unit's figures.

-- The dimensions of one key per case (8, concern, apart). (Views, not
-- tables: nothing for `rrjeti migrate-store` to copy.)
CREATE VIEW ind_dd_dim AS
SELECT 2 AS dim UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6
UNION ALL SELECT 7 UNION ALL SELECT 9 UNION ALL SELECT 10;

-- A case's keys, from the records.
CREATE VIEW ind_dd_keys AS
SELECT c.id AS case_id, ch.admin_unit AS au, ch.sex AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
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
	- (strftime('%m-%d', c.opened_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS bo,
    CASE WHEN c.closed_at IS NOT NULL THEN (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', c.closed_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', c.closed_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) END AS bc,
    coalesce(ch.birth_date, '') AS birth, ch.community AS comm,
    ch.disability AS dis, coalesce(c.risk, 'none') AS risk,
    c.source AS source, coalesce(c.close_reason, '') AS reason
FROM case_file c JOIN child ch ON ch.id = c.child_id;
-- A case's keys and contribution, from the records.
CREATE VIEW ind_dd_s AS
SELECT v.case_id AS case_id, v.muni AS muni, v.mo AS mo, v.mc AS mc,
    k.au AS au, k.sex AS sex, k.bo AS bo, k.bc AS bc, k.birth AS birth,
    k.comm AS comm, k.dis AS dis, k.risk AS risk, k.source AS source,
    k.reason AS reason, v.open AS open,
    NOT (v.no_birth OR v.sex_u OR v.comm_u OR v.dis_u OR v.no_concern OR
    v.no_risk) AS complete,
    v.no_birth AS no_birth, v.sex_u AS sex_u, v.comm_u AS comm_u,
    v.dis_u AS dis_u, v.no_concern AS no_concern, v.no_risk AS no_risk,
    v.rv_hour AS rv_hour,
    v.fc_secs IS NOT NULL AS contacted, v.fc_ok AS fc_ok,
    v.as_secs IS NOT NULL AS assessed, v.as_ok AS as_ok,
    v.medhigh AS medhigh, v.medhigh AND v.mt_secs IS NOT NULL AS met,
    v.medhigh AND v.pl_secs IS NOT NULL AS planned,
    v.medhigh AND v.pl_active AS pl_active,
    v.fc_secs / 3600 AS fc_h, v.as_secs / 86400 AS as_d,
    CASE WHEN v.medhigh AND v.mt_secs IS NOT NULL THEN
	max(v.mt_secs, 0) / 86400 END AS mt_d,
    CASE WHEN v.medhigh AND v.pl_secs IS NOT NULL THEN
	max(v.pl_secs, 0) / 86400 END AS pl_d,
    CASE WHEN v.mc IS NOT NULL THEN max(v.cl_secs, 0) / 86400 END AS cl_d,
    v.reref AS reref
FROM ind_case_v v JOIN ind_dd_keys k ON k.case_id = v.case_id;

-- What each case last added: ind_dd_s as it was.
CREATE TABLE ind_dd_state (
	case_id		INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	mo		TEXT NOT NULL,		-- month opened
	mc		TEXT,			-- month closed
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	bo		TEXT NOT NULL,		-- age band at opening
	bc		TEXT,			-- at closing
	birth		TEXT NOT NULL,		-- birth date, '' unknown
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL,
	source		TEXT NOT NULL,
	reason		TEXT NOT NULL,		-- of closure, '' none
	open		INTEGER NOT NULL,
	complete	INTEGER NOT NULL,
	no_birth	INTEGER NOT NULL,
	sex_u		INTEGER NOT NULL,
	comm_u		INTEGER NOT NULL,
	dis_u		INTEGER NOT NULL,
	no_concern	INTEGER NOT NULL,
	no_risk		INTEGER NOT NULL,
	rv_hour		INTEGER,
	contacted	INTEGER NOT NULL,
	fc_ok		INTEGER NOT NULL,
	assessed	INTEGER NOT NULL,
	as_ok		INTEGER NOT NULL,
	medhigh		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	planned		INTEGER NOT NULL,
	pl_active	INTEGER NOT NULL,
	fc_h		INTEGER,
	as_d		INTEGER,
	mt_d		INTEGER,
	pl_d		INTEGER,
	cl_d		INTEGER,
	reref		INTEGER NOT NULL
);
CREATE TABLE ind_dd_concern (
	case_id		INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

-- The rows a kept case adds, one per dimension (per concern for 8): ko its
-- key by month opened, kc by month closed, kn now (5: the birth date).
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
-- The same from the records (the recounts; each case's row of ind_dd_s
-- made once).
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
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	key		TEXT NOT NULL,
	open		INTEGER NOT NULL,
	low		INTEGER NOT NULL,
	medium		INTEGER NOT NULL,
	high		INTEGER NOT NULL,
	complete	INTEGER NOT NULL,
	no_birth	INTEGER NOT NULL,
	sex_u		INTEGER NOT NULL,
	comm_u		INTEGER NOT NULL,
	dis_u		INTEGER NOT NULL,
	no_concern	INTEGER NOT NULL,
	no_risk		INTEGER NOT NULL,	-- also: risk level none
	PRIMARY KEY (municipality_id, dim, key)
) WITHOUT ROWID;
CREATE VIEW ind_open_dim_recount AS
SELECT muni, dim, kn, count(*), sum(risk = 'low'), sum(risk = 'medium'),
    sum(risk = 'high'), sum(complete), sum(no_birth), sum(sex_u),
    sum(comm_u), sum(dis_u), sum(no_concern), sum(no_risk)
FROM ind_dd_rows_s WHERE open GROUP BY 1, 2, 3;
CREATE TABLE ind_review_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	key		TEXT NOT NULL,
	hour		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, key, hour)
) WITHOUT ROWID;
CREATE VIEW ind_review_dim_recount AS
SELECT muni, dim, kn, rv_hour, count(*) FROM ind_dd_rows_s
    WHERE rv_hour IS NOT NULL GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_cohort_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	cases		INTEGER NOT NULL,
	contacted	INTEGER NOT NULL,
	contact_ok	INTEGER NOT NULL,
	assessed	INTEGER NOT NULL,
	assess_ok	INTEGER NOT NULL,
	medhigh		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	planned		INTEGER NOT NULL,
	plan_active	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
) WITHOUT ROWID;
CREATE VIEW ind_cohort_dim_recount AS
SELECT muni, dim, mo, ko, count(*), sum(contacted), sum(fc_ok),
    sum(assessed), sum(as_ok), sum(medhigh), sum(met), sum(planned),
    sum(pl_active)
FROM ind_dd_rows_s GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_hist_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	measure		TEXT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	value		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, measure, month, key, value)
) WITHOUT ROWID;
-- The measures of ind_hist_dim (the recount: one pass over the cases).
CREATE VIEW ind_dd_measure AS
SELECT 'contact_h' AS measure UNION ALL SELECT 'assess_d'
UNION ALL SELECT 'meeting_d' UNION ALL SELECT 'plan_d'
UNION ALL SELECT 'closed_d' UNION ALL SELECT 'reref';
CREATE VIEW ind_hist_dim_recount AS
SELECT muni, dim, measure, month, key, value, count(*) FROM (SELECT r.muni AS muni,
    r.dim AS dim, m.measure AS measure,
    CASE WHEN m.measure IN ('closed_d', 'reref') THEN r.mc ELSE r.mo END
    AS month,
    CASE WHEN m.measure IN ('closed_d', 'reref') THEN r.kc ELSE r.ko END
    AS key,
    CASE m.measure WHEN 'contact_h' THEN r.fc_h WHEN 'assess_d' THEN r.as_d
	WHEN 'meeting_d' THEN r.mt_d WHEN 'plan_d' THEN r.pl_d
	WHEN 'closed_d' THEN r.cl_d
	ELSE CASE WHEN r.mc IS NOT NULL THEN r.reref END END AS value
    FROM ind_dd_rows_s r CROSS JOIN ind_dd_measure m)
WHERE value IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
CREATE TABLE ind_closed_dim (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key, reason)
) WITHOUT ROWID;
CREATE VIEW ind_closed_dim_recount AS
SELECT muni, dim, mc, kc, reason, count(*) FROM ind_dd_rows_s
    WHERE mc IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

-- A row (case) refreshes the case's rows, and goes.
CREATE TABLE ind_dd_apply (
	case_id		INTEGER NOT NULL
);
CREATE TRIGGER ind_dd_apply_do AFTER INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_open_dim SELECT muni, dim, kn, -1, -(risk = 'low'),
	    -(risk = 'medium'), -(risk = 'high'), -complete, -no_birth,
	    -sex_u, -comm_u, -dis_u, -no_concern, -no_risk
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND open
	    ON CONFLICT DO UPDATE SET open = open + excluded.open,
	    low = low + excluded.low, medium = medium + excluded.medium,
	    high = high + excluded.high, complete = complete + excluded.complete,
	    no_birth = no_birth + excluded.no_birth,
	    sex_u = sex_u + excluded.sex_u, comm_u = comm_u + excluded.comm_u,
	    dis_u = dis_u + excluded.dis_u,
	    no_concern = no_concern + excluded.no_concern,
	    no_risk = no_risk + excluded.no_risk;
	INSERT INTO ind_review_dim SELECT muni, dim, kn, rv_hour, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND rv_hour IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_cohort_dim SELECT muni, dim, mo, ko, -1, -contacted,
	    -fc_ok, -assessed, -as_ok, -medhigh, -met, -planned,
	    -pl_active FROM ind_dd_rows WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET cases = cases + excluded.cases,
	    contacted = contacted + excluded.contacted,
	    contact_ok = contact_ok + excluded.contact_ok,
	    assessed = assessed + excluded.assessed,
	    assess_ok = assess_ok + excluded.assess_ok,
	    medhigh = medhigh + excluded.medhigh, met = met + excluded.met,
	    planned = planned + excluded.planned,
	    plan_active = plan_active + excluded.plan_active;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'contact_h', mo, ko, fc_h, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND fc_h IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'assess_d', mo, ko, as_d, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND as_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'meeting_d', mo, ko, mt_d, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mt_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'plan_d', mo, ko, pl_d, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND pl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'closed_d', mc, kc, cl_d, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND cl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'reref', mc, kc, reref, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_closed_dim SELECT muni, dim, mc, kc, reason, -1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_dd_state WHERE case_id = NEW.case_id;
	DELETE FROM ind_dd_concern WHERE case_id = NEW.case_id;
	INSERT INTO ind_dd_state SELECT * FROM ind_dd_s
	    WHERE case_id = NEW.case_id;
	INSERT INTO ind_dd_concern SELECT cc.case_id, cc.code
	    FROM ind_dd_state s JOIN case_concern cc ON cc.case_id = s.case_id
	    WHERE s.case_id = NEW.case_id;
	INSERT INTO ind_open_dim SELECT muni, dim, kn, 1, (risk = 'low'),
	    (risk = 'medium'), (risk = 'high'), complete, no_birth,
	    sex_u, comm_u, dis_u, no_concern, no_risk
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND open
	    ON CONFLICT DO UPDATE SET open = open + excluded.open,
	    low = low + excluded.low, medium = medium + excluded.medium,
	    high = high + excluded.high, complete = complete + excluded.complete,
	    no_birth = no_birth + excluded.no_birth,
	    sex_u = sex_u + excluded.sex_u, comm_u = comm_u + excluded.comm_u,
	    dis_u = dis_u + excluded.dis_u,
	    no_concern = no_concern + excluded.no_concern,
	    no_risk = no_risk + excluded.no_risk;
	INSERT INTO ind_review_dim SELECT muni, dim, kn, rv_hour, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND rv_hour IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_cohort_dim SELECT muni, dim, mo, ko, 1, contacted,
	    fc_ok, assessed, as_ok, medhigh, met, planned,
	    pl_active FROM ind_dd_rows WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET cases = cases + excluded.cases,
	    contacted = contacted + excluded.contacted,
	    contact_ok = contact_ok + excluded.contact_ok,
	    assessed = assessed + excluded.assessed,
	    assess_ok = assess_ok + excluded.assess_ok,
	    medhigh = medhigh + excluded.medhigh, met = met + excluded.met,
	    planned = planned + excluded.planned,
	    plan_active = plan_active + excluded.plan_active;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'contact_h', mo, ko, fc_h, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND fc_h IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'assess_d', mo, ko, as_d, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND as_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'meeting_d', mo, ko, mt_d, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mt_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'plan_d', mo, ko, pl_d, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND pl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'closed_d', mc, kc, cl_d, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND cl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist_dim SELECT muni, dim, 'reref', mc, kc, reref, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_closed_dim SELECT muni, dim, mc, kc, reason, 1
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_dd_apply WHERE rowid = NEW.rowid;
END;
-- Whenever 0026 refreshes a case (between its triggers every write to
-- what the contributions and most keys depend on), and for the keys it
-- does not hold: the case's source (sector) and reason of closure, the
-- child's administrative unit.
CREATE TRIGGER ind_dd_hook_apply AFTER INSERT ON ind_apply
BEGIN
	INSERT INTO ind_dd_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_dd_case_upd AFTER UPDATE OF source, close_reason
    ON case_file
WHEN OLD.source IS NOT NEW.source OR OLD.close_reason IS NOT NEW.close_reason
BEGIN
	INSERT INTO ind_dd_apply VALUES (NEW.id);
END;
CREATE TRIGGER ind_dd_child_upd AFTER UPDATE OF admin_unit ON child
WHEN OLD.admin_unit IS NOT NEW.admin_unit
BEGIN
	INSERT INTO ind_dd_apply SELECT id FROM case_file
	    WHERE child_id = NEW.id;
END;

-- Reports of concern received (indicator 9, received) by the same
-- dimensions but the sector (theirs: the referrer's, in 0026's
-- ind_received): the child (the report's, else its case's; '' none), the
-- age band at receipt, the case's risk ('none' without) and concerns
-- ('none' without). Kept as above, per report: ind_rcv_state and
-- ind_rcv_concern hold what each report last added; a row into
-- ind_rcv_apply refreshes it. A report is refreshed by a write to it or to
-- its child, and whenever its case is (a row into ind_dd_apply).
CREATE VIEW ind_rcv_s AS
SELECT r.id AS report_id, r.municipality_id AS muni,
    strftime('%Y-%m', r.received_at, 'unixepoch') AS month,
    coalesce(ch.admin_unit, '') AS au, coalesce(ch.sex, '') AS sex,
    (CASE WHEN ch.birth_date IS NULL THEN 'unknown'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 6 THEN '0-5'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 12 THEN '6-11'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 15 THEN '12-14'
	WHEN (CAST(strftime('%Y', r.received_at, 'unixepoch') AS INTEGER)
	- CAST(substr(ch.birth_date, 1, 4) AS INTEGER)
	- (strftime('%m-%d', r.received_at, 'unixepoch') < substr(ch.birth_date, 6, 5))) < 18 THEN '15-17' ELSE 'unknown' END) AS band,
    coalesce(ch.community, '') AS comm, coalesce(ch.disability, '') AS dis,
    coalesce(c.risk, 'none') AS risk
FROM report r LEFT JOIN case_file c ON c.id = r.case_id
LEFT JOIN child ch ON ch.id = coalesce(r.child_id, c.child_id);
CREATE TABLE ind_rcv_state (
	report_id	INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	au		TEXT NOT NULL,
	sex		TEXT NOT NULL,
	band		TEXT NOT NULL,
	comm		TEXT NOT NULL,
	dis		TEXT NOT NULL,
	risk		TEXT NOT NULL
);
CREATE TABLE ind_rcv_concern (
	report_id	INTEGER NOT NULL,
	code		TEXT NOT NULL,
	PRIMARY KEY (report_id, code)
) WITHOUT ROWID;
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
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
) WITHOUT ROWID;
CREATE VIEW ind_received_dim_recount AS
SELECT muni, dim, month, key, count(*) FROM ind_rcv_rows_s
    GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_rcv_apply (
	report_id	INTEGER NOT NULL
);
CREATE TRIGGER ind_rcv_apply_do AFTER INSERT ON ind_rcv_apply
BEGIN
	INSERT INTO ind_received_dim SELECT muni, dim, month, key, -1
	    FROM ind_rcv_rows WHERE report_id = NEW.report_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_rcv_state WHERE report_id = NEW.report_id;
	DELETE FROM ind_rcv_concern WHERE report_id = NEW.report_id;
	INSERT INTO ind_rcv_state SELECT * FROM ind_rcv_s
	    WHERE report_id = NEW.report_id;
	INSERT INTO ind_rcv_concern SELECT s.report_id, cc.code
	    FROM ind_rcv_state s JOIN report r ON r.id = s.report_id
	    JOIN case_file c ON c.id = r.case_id
	    JOIN case_concern cc ON cc.case_id = c.id
	    WHERE s.report_id = NEW.report_id;
	INSERT INTO ind_received_dim SELECT muni, dim, month, key, 1
	    FROM ind_rcv_rows WHERE report_id = NEW.report_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_rcv_apply WHERE rowid = NEW.rowid;
END;
CREATE INDEX ind_report_case ON report(case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER ind_rcv_ins AFTER INSERT ON report
BEGIN
	INSERT INTO ind_rcv_apply VALUES (NEW.id);
END;
CREATE TRIGGER ind_rcv_del AFTER DELETE ON report
BEGIN
	INSERT INTO ind_rcv_apply VALUES (OLD.id);
END;
CREATE TRIGGER ind_rcv_upd AFTER UPDATE OF municipality_id, received_at,
    child_id, case_id ON report
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.received_at IS NOT NEW.received_at
    OR OLD.child_id IS NOT NEW.child_id OR OLD.case_id IS NOT NEW.case_id
BEGIN
	INSERT INTO ind_rcv_apply VALUES (NEW.id);
END;
CREATE TRIGGER ind_rcv_child AFTER UPDATE OF birth_date, sex, community,
    disability, admin_unit ON child
WHEN OLD.birth_date IS NOT NEW.birth_date OR OLD.sex IS NOT NEW.sex
    OR OLD.community IS NOT NEW.community
    OR OLD.disability IS NOT NEW.disability
    OR OLD.admin_unit IS NOT NEW.admin_unit
BEGIN
	INSERT INTO ind_rcv_apply SELECT id FROM report WHERE child_id = NEW.id;
END;
CREATE TRIGGER ind_rcv_case AFTER INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_rcv_apply SELECT id FROM report
	    WHERE case_id = NEW.case_id;
END;

-- The counts of the data already there (and `rrjeti indicators rebuild`):
-- the contributions from 0026's ind_case_state (exact, and one pass
-- instead of ind_case_v's subqueries per case), the keys from the case
-- and the child.
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
INSERT INTO ind_open_dim SELECT muni, dim, kn, count(*), sum(risk = 'low'),
    sum(risk = 'medium'), sum(risk = 'high'), sum(complete), sum(no_birth),
    sum(sex_u), sum(comm_u), sum(dis_u), sum(no_concern), sum(no_risk)
FROM ind_dd_rows WHERE open GROUP BY 1, 2, 3;
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
