-- 0026 indicators: counters for indicators 5-10 and 13 (DOMAIN.md §6),
-- so that one indicator for one municipality, and the national dashboard,
-- read a few counter rows instead of scanning the cases (issue 6: <= 20 ms
-- over 1,000,000 children). Times are Unix seconds (UTC); a month is the
-- text yyyy-mm of the UTC day of the instant (as 0017), except measures:
-- the month of their decision date.
--
-- One mechanism keeps them exact: every figure here is the sum over cases
-- of a contribution that depends on that case's rows only (the case, its
-- child, concerns, deadlines, meetings, plans, measures, placements and
-- referrals; for re-referral, the other cases of its child). What each
-- case last added is kept (ind_case_state, one row per case, and the
-- ind_snap_* rows of its measures, placements and referrals). A write to
-- any of those rows refreshes the cases it touches (AFTER triggers only:
-- INSERT INTO ind_apply (case)): ind_apply's own trigger takes the case's
-- last contribution out of the counters, computes it again from the rows
-- as they are now, puts that in, and removes its row. So an upsert, an
-- INSERT OR IGNORE or a REPLACE cannot unbalance it. All of it runs
-- inside the writer's transaction. Each counter has a *_recount view of
-- the same columns, computed from the records and not from the kept
-- contributions: `rrjeti indicators check` compares, `rebuild` refills.
--
-- Reports received (indicator 9, received by the referrer's sector) need
-- no case: their counter has plain triggers on report.

-- The contribution of one case (one row per case).
CREATE VIEW ind_case_v AS
SELECT c.id AS case_id, c.municipality_id AS muni, c.child_id AS child_id,
    strftime('%Y-%m', c.opened_at, 'unixepoch') AS mo,
    strftime('%Y-%m', c.closed_at, 'unixepoch') AS mc,
    (c.risk IS NOT NULL AND c.risk IN ('medium', 'high')) AS medhigh,
    c.status NOT IN ('closed', 'transferred') AS open,
    (SELECT d.done_at - c.opened_at FROM deadline d WHERE d.case_id = c.id
	AND d.step = 'first_contact' AND d.done_at IS NOT NULL) AS fc_secs,
    coalesce((SELECT d.due_at IS NULL OR d.done_at <= d.due_at FROM deadline d
	WHERE d.case_id = c.id AND d.step = 'first_contact'
	AND d.done_at IS NOT NULL), 0) AS fc_ok,
    (SELECT d.done_at - c.opened_at FROM deadline d WHERE d.case_id = c.id
	AND d.step = 'assessment' AND d.done_at IS NOT NULL) AS as_secs,
    coalesce((SELECT d.due_at IS NULL OR d.done_at <= d.due_at FROM deadline d
	WHERE d.case_id = c.id AND d.step = 'assessment'
	AND d.done_at IS NOT NULL), 0) AS as_ok,
    (SELECT min(f.held_at) FROM conference_case k
	JOIN conference f ON f.id = k.conference_id
	WHERE k.case_id = c.id AND f.status = 'held') - c.opened_at AS mt_secs,
    (SELECT min(p.decided_at) FROM plan p WHERE p.case_id = c.id
	AND p.status IN ('active', 'superseded')) - c.opened_at AS pl_secs,
    EXISTS (SELECT 1 FROM plan p WHERE p.case_id = c.id
	AND p.status = 'active') AS pl_active,
    c.closed_at - c.opened_at AS cl_secs,
    c.closed_at IS NOT NULL AND EXISTS (SELECT 1 FROM case_file n
	WHERE n.child_id = c.child_id AND n.id <> c.id
	AND n.opened_at > c.closed_at
	AND n.opened_at <= c.closed_at + 365 * 86400) AS reref,
    CASE WHEN c.status NOT IN ('closed', 'transferred') THEN
	(SELECT d.due_at / 3600 FROM deadline d WHERE d.case_id = c.id
	AND d.step = 'review' AND d.done_at IS NULL
	AND d.due_at IS NOT NULL) END AS rv_hour,
    ch.birth_date IS NULL AS no_birth, ch.sex = 'u' AS sex_u,
    ch.community = 'unknown' AS comm_u, ch.disability = 'unknown' AS dis_u,
    NOT EXISTS (SELECT 1 FROM case_concern p WHERE p.case_id = c.id
	AND p.is_primary = 1) AS no_concern,
    c.risk IS NULL AS no_risk
FROM case_file c JOIN child ch ON ch.id = c.child_id;

-- Cases by month of opening (indicators 5, 6, 7): all, first contact made
-- (and in time), assessed (and in time); medium/high risk now, of them
-- with a held meeting, with an approved plan, with an active plan now.
CREATE TABLE ind_cohort (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	cases		INTEGER NOT NULL,
	contacted	INTEGER NOT NULL,
	contact_ok	INTEGER NOT NULL,
	assessed	INTEGER NOT NULL,
	assess_ok	INTEGER NOT NULL,
	medhigh		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	planned		INTEGER NOT NULL,
	plan_active	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month)
) WITHOUT ROWID;
CREATE VIEW ind_cohort_recount AS
SELECT muni, mo, count(*), sum(fc_secs IS NOT NULL), sum(fc_ok),
    sum(as_secs IS NOT NULL), sum(as_ok), sum(medhigh),
    sum(medhigh AND mt_secs IS NOT NULL), sum(medhigh AND pl_secs IS NOT NULL),
    sum(medhigh AND pl_active)
FROM ind_case_v GROUP BY 1, 2;

-- Distributions for the medians, by month and measure: contact_h (hours
-- to first contact), assess_d (days to assessment), meeting_d and plan_d
-- (days, medium/high cases; negative counted as 0) by month of opening;
-- closed_d (days open) and reref (1: re-referred within 12 months, 0:
-- not) by month of closure.
CREATE TABLE ind_hist (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	measure		TEXT NOT NULL,
	value		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, measure, month, value)
) WITHOUT ROWID;
CREATE VIEW ind_hist_recount AS
SELECT muni, mo, 'contact_h', fc_secs / 3600, count(*) FROM ind_case_v
    WHERE fc_secs IS NOT NULL GROUP BY 1, 2, 4
UNION ALL SELECT muni, mo, 'assess_d', as_secs / 86400, count(*)
    FROM ind_case_v WHERE as_secs IS NOT NULL GROUP BY 1, 2, 4
UNION ALL SELECT muni, mo, 'meeting_d', max(mt_secs, 0) / 86400, count(*)
    FROM ind_case_v WHERE medhigh AND mt_secs IS NOT NULL GROUP BY 1, 2, 4
UNION ALL SELECT muni, mo, 'plan_d', max(pl_secs, 0) / 86400, count(*)
    FROM ind_case_v WHERE medhigh AND pl_secs IS NOT NULL GROUP BY 1, 2, 4
UNION ALL SELECT muni, mc, 'closed_d', max(cl_secs, 0) / 86400, count(*)
    FROM ind_case_v WHERE mc IS NOT NULL GROUP BY 1, 2, 4
UNION ALL SELECT muni, mc, 'reref', reref, count(*)
    FROM ind_case_v WHERE mc IS NOT NULL GROUP BY 1, 2, 4;

-- Open cases now (indicator 13): complete records and what is missing.
CREATE TABLE ind_quality (
	municipality_id	INTEGER PRIMARY KEY,
	open		INTEGER NOT NULL,
	complete	INTEGER NOT NULL,
	no_birth	INTEGER NOT NULL,
	sex_u		INTEGER NOT NULL,
	comm_u		INTEGER NOT NULL,
	dis_u		INTEGER NOT NULL,
	no_concern	INTEGER NOT NULL,
	no_risk		INTEGER NOT NULL
) WITHOUT ROWID;
CREATE VIEW ind_quality_recount AS
SELECT muni, count(*), sum(NOT (no_birth OR sex_u OR comm_u OR dis_u OR
    no_concern OR no_risk)), sum(no_birth), sum(sex_u), sum(comm_u),
    sum(dis_u), sum(no_concern), sum(no_risk)
FROM ind_case_v WHERE open GROUP BY 1;

-- Reviews not done of open cases, by the UTC hour they are due (local
-- midnights fall on whole hours): overdue at T is the sum below T / 3600.
CREATE TABLE ind_review (
	municipality_id	INTEGER NOT NULL,
	hour		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, hour)
) WITHOUT ROWID;
CREATE VIEW ind_review_recount AS
SELECT muni, rv_hour, count(*) FROM ind_case_v WHERE rv_hour IS NOT NULL
    GROUP BY 1, 2;

-- Protection measures by month of their decision date and type; emergency
-- placements by month started, and those ended within their 72 hours
-- (indicator 8).
CREATE TABLE ind_measure (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, type)
) WITHOUT ROWID;
CREATE VIEW ind_measure_recount AS
SELECT c.municipality_id, substr(pm.decision_date, 1, 7), pm.type, count(*)
    FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id
    GROUP BY 1, 2, 3;
CREATE TABLE ind_placement (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	ended_72h	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month)
) WITHOUT ROWID;
CREATE VIEW ind_placement_recount AS
SELECT c.municipality_id, strftime('%Y-%m', ep.started_at, 'unixepoch'),
    count(*), sum(ep.ended_at IS NOT NULL AND ep.ended_at <= ep.ends_at)
    FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id
    GROUP BY 1, 2;

-- Referrals sent from cases by month sent, receiving agency and status;
-- days to the start of the service (indicator 9).
CREATE TABLE ind_referral (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	INTEGER NOT NULL,
	status		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, to_agency_id, status)
) WITHOUT ROWID;
CREATE VIEW ind_referral_recount AS
SELECT c.municipality_id, strftime('%Y-%m', r.created_at, 'unixepoch'),
    r.to_agency_id, r.status, count(*)
    FROM case_file c JOIN referral r ON r.case_id = c.id GROUP BY 1, 2, 3, 4;
CREATE TABLE ind_ref_days (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, to_agency_id, days)
) WITHOUT ROWID;
CREATE VIEW ind_ref_days_recount AS
SELECT c.municipality_id, strftime('%Y-%m', r.created_at, 'unixepoch'),
    r.to_agency_id, CAST(julianday(r.service_start)
    - julianday(date(r.created_at, 'unixepoch')) AS INTEGER), count(*)
    FROM case_file c JOIN referral r ON r.case_id = c.id
    WHERE r.service_start <> '' GROUP BY 1, 2, 3, 4;

-- Reports of concern received, by month, the referrer's sector and agency
-- (0: none) (indicator 9, received).
CREATE TABLE ind_received (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	sector		TEXT NOT NULL,
	agency_id	INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, sector, agency_id)
) WITHOUT ROWID;
CREATE VIEW ind_received_recount AS
SELECT municipality_id, strftime('%Y-%m', received_at, 'unixepoch'),
    referrer_type, coalesce(referrer_agency_id, 0), count(*) FROM report
    GROUP BY 1, 2, 3, 4;

-- What each case last added to the counters (see above).
CREATE TABLE ind_case_state (
	case_id		INTEGER PRIMARY KEY,
	muni		INTEGER NOT NULL,
	mo		TEXT NOT NULL,		-- month opened
	mc		TEXT,			-- month closed
	contacted	INTEGER NOT NULL,
	fc_ok		INTEGER NOT NULL,
	assessed	INTEGER NOT NULL,
	as_ok		INTEGER NOT NULL,
	medhigh		INTEGER NOT NULL,
	met		INTEGER NOT NULL,
	planned		INTEGER NOT NULL,
	pl_active	INTEGER NOT NULL,
	fc_h		INTEGER,		-- hours to first contact
	as_d		INTEGER,		-- days to assessment
	mt_d		INTEGER,		-- days to a meeting (medium/high)
	pl_d		INTEGER,		-- days to a plan (medium/high)
	cl_d		INTEGER,		-- days open (closed)
	reref		INTEGER NOT NULL,
	open		INTEGER NOT NULL,
	complete	INTEGER NOT NULL,
	no_birth	INTEGER NOT NULL,
	sex_u		INTEGER NOT NULL,
	comm_u		INTEGER NOT NULL,
	dis_u		INTEGER NOT NULL,
	no_concern	INTEGER NOT NULL,
	no_risk		INTEGER NOT NULL,
	rv_hour		INTEGER			-- a review due, not done (open)
);
CREATE VIEW ind_case_s AS
SELECT case_id, muni, mo, mc, fc_secs IS NOT NULL, fc_ok,
    as_secs IS NOT NULL, as_ok, medhigh, medhigh AND mt_secs IS NOT NULL,
    medhigh AND pl_secs IS NOT NULL, medhigh AND pl_active,
    fc_secs / 3600, as_secs / 86400,
    CASE WHEN medhigh AND mt_secs IS NOT NULL THEN max(mt_secs, 0) / 86400 END,
    CASE WHEN medhigh AND pl_secs IS NOT NULL THEN max(pl_secs, 0) / 86400 END,
    CASE WHEN mc IS NOT NULL THEN max(cl_secs, 0) / 86400 END, reref, open,
    NOT (no_birth OR sex_u OR comm_u OR dis_u OR no_concern OR no_risk),
    no_birth, sex_u, comm_u, dis_u, no_concern, no_risk, rv_hour
FROM ind_case_v;
CREATE TABLE ind_snap_measure (
	case_id		INTEGER NOT NULL,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	type		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (case_id, month, type)
) WITHOUT ROWID;
CREATE TABLE ind_snap_placement (
	case_id		INTEGER NOT NULL,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	ended_72h	INTEGER NOT NULL,
	PRIMARY KEY (case_id, month)
) WITHOUT ROWID;
CREATE TABLE ind_snap_referral (
	case_id		INTEGER NOT NULL,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	INTEGER NOT NULL,
	status		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (case_id, month, to_agency_id, status)
) WITHOUT ROWID;
CREATE TABLE ind_snap_ref_days (
	case_id		INTEGER NOT NULL,
	muni		INTEGER NOT NULL,
	month		TEXT NOT NULL,
	to_agency_id	INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (case_id, month, to_agency_id, days)
) WITHOUT ROWID;

-- A row (case) refreshes the case's contribution, and goes.
CREATE TABLE ind_apply (
	case_id		INTEGER NOT NULL
);
CREATE TRIGGER ind_apply_do AFTER INSERT ON ind_apply
BEGIN
	INSERT INTO ind_cohort SELECT muni, mo, -1, -contacted, -fc_ok,
	    -assessed, -as_ok, -medhigh, -met, -planned, -pl_active
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET cases = cases + excluded.cases,
	    contacted = contacted + excluded.contacted,
	    contact_ok = contact_ok + excluded.contact_ok,
	    assessed = assessed + excluded.assessed,
	    assess_ok = assess_ok + excluded.assess_ok,
	    medhigh = medhigh + excluded.medhigh, met = met + excluded.met,
	    planned = planned + excluded.planned,
	    plan_active = plan_active + excluded.plan_active;
	INSERT INTO ind_hist SELECT muni, mo, 'contact_h', fc_h, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND fc_h IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'assess_d', as_d, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND as_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'meeting_d', mt_d, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND mt_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'plan_d', pl_d, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND pl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mc, 'closed_d', cl_d, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND cl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mc, 'reref', reref, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_quality SELECT muni, -1, -complete, -no_birth,
	    -sex_u, -comm_u, -dis_u, -no_concern, -no_risk
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND open
	    ON CONFLICT DO UPDATE SET open = open + excluded.open,
	    complete = complete + excluded.complete,
	    no_birth = no_birth + excluded.no_birth,
	    sex_u = sex_u + excluded.sex_u, comm_u = comm_u + excluded.comm_u,
	    dis_u = dis_u + excluded.dis_u,
	    no_concern = no_concern + excluded.no_concern,
	    no_risk = no_risk + excluded.no_risk;
	INSERT INTO ind_review SELECT muni, rv_hour, -1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND rv_hour IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_measure SELECT muni, month, type, -n
	    FROM ind_snap_measure WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_placement SELECT muni, month, -n, -ended_72h
	    FROM ind_snap_placement WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    ended_72h = ended_72h + excluded.ended_72h;
	INSERT INTO ind_referral SELECT muni, month, to_agency_id, status, -n
	    FROM ind_snap_referral WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_ref_days SELECT muni, month, to_agency_id, days, -n
	    FROM ind_snap_ref_days WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_case_state WHERE case_id = NEW.case_id;
	DELETE FROM ind_snap_measure WHERE case_id = NEW.case_id;
	DELETE FROM ind_snap_placement WHERE case_id = NEW.case_id;
	DELETE FROM ind_snap_referral WHERE case_id = NEW.case_id;
	DELETE FROM ind_snap_ref_days WHERE case_id = NEW.case_id;
	INSERT INTO ind_case_state SELECT * FROM ind_case_s
	    WHERE case_id = NEW.case_id;
	INSERT INTO ind_snap_measure SELECT c.id, c.municipality_id,
	    substr(pm.decision_date, 1, 7), pm.type, count(*)
	    FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id
	    WHERE c.id = NEW.case_id GROUP BY 1, 2, 3, 4;
	INSERT INTO ind_snap_placement SELECT c.id, c.municipality_id,
	    strftime('%Y-%m', ep.started_at, 'unixepoch'), count(*),
	    sum(ep.ended_at IS NOT NULL AND ep.ended_at <= ep.ends_at)
	    FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id
	    WHERE c.id = NEW.case_id GROUP BY 1, 2, 3;
	INSERT INTO ind_snap_referral SELECT c.id, c.municipality_id,
	    strftime('%Y-%m', r.created_at, 'unixepoch'), r.to_agency_id,
	    r.status, count(*)
	    FROM case_file c JOIN referral r ON r.case_id = c.id
	    WHERE c.id = NEW.case_id GROUP BY 1, 2, 3, 4, 5;
	INSERT INTO ind_snap_ref_days SELECT c.id, c.municipality_id,
	    strftime('%Y-%m', r.created_at, 'unixepoch'), r.to_agency_id,
	    CAST(julianday(r.service_start)
	    - julianday(date(r.created_at, 'unixepoch')) AS INTEGER), count(*)
	    FROM case_file c JOIN referral r ON r.case_id = c.id
	    WHERE c.id = NEW.case_id AND r.service_start <> ''
	    GROUP BY 1, 2, 3, 4, 5;
	INSERT INTO ind_cohort SELECT muni, mo, 1, contacted, fc_ok,
	    assessed, as_ok, medhigh, met, planned, pl_active
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET cases = cases + excluded.cases,
	    contacted = contacted + excluded.contacted,
	    contact_ok = contact_ok + excluded.contact_ok,
	    assessed = assessed + excluded.assessed,
	    assess_ok = assess_ok + excluded.assess_ok,
	    medhigh = medhigh + excluded.medhigh, met = met + excluded.met,
	    planned = planned + excluded.planned,
	    plan_active = plan_active + excluded.plan_active;
	INSERT INTO ind_hist SELECT muni, mo, 'contact_h', fc_h, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND fc_h IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'assess_d', as_d, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND as_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'meeting_d', mt_d, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND mt_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mo, 'plan_d', pl_d, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND pl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mc, 'closed_d', cl_d, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND cl_d IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_hist SELECT muni, mc, 'reref', reref, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND mc IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_quality SELECT muni, 1, complete, no_birth,
	    sex_u, comm_u, dis_u, no_concern, no_risk
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND open
	    ON CONFLICT DO UPDATE SET open = open + excluded.open,
	    complete = complete + excluded.complete,
	    no_birth = no_birth + excluded.no_birth,
	    sex_u = sex_u + excluded.sex_u, comm_u = comm_u + excluded.comm_u,
	    dis_u = dis_u + excluded.dis_u,
	    no_concern = no_concern + excluded.no_concern,
	    no_risk = no_risk + excluded.no_risk;
	INSERT INTO ind_review SELECT muni, rv_hour, 1
	    FROM ind_case_state s WHERE s.case_id = NEW.case_id AND rv_hour IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_measure SELECT muni, month, type, n
	    FROM ind_snap_measure WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_placement SELECT muni, month, n, ended_72h
	    FROM ind_snap_placement WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n,
	    ended_72h = ended_72h + excluded.ended_72h;
	INSERT INTO ind_referral SELECT muni, month, to_agency_id, status, n
	    FROM ind_snap_referral WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	INSERT INTO ind_ref_days SELECT muni, month, to_agency_id, days, n
	    FROM ind_snap_ref_days WHERE case_id = NEW.case_id
	    ON CONFLICT DO UPDATE SET n = n + excluded.n;
	DELETE FROM ind_apply WHERE rowid = NEW.rowid;
END;

-- The cases a write touches. A case: itself and the other cases of its
-- child (their re-referral depends on its opening and closing).
CREATE TRIGGER ind_c_case_ins AFTER INSERT ON case_file
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE child_id = NEW.child_id;
END;
CREATE TRIGGER ind_c_case_del AFTER DELETE ON case_file
BEGIN
	INSERT INTO ind_apply VALUES (OLD.id);
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE child_id = OLD.child_id;
END;
CREATE TRIGGER ind_c_case_upd AFTER UPDATE OF municipality_id, child_id,
    opened_at, closed_at, risk, status ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.child_id IS NOT NEW.child_id OR OLD.opened_at IS NOT NEW.opened_at
    OR OLD.closed_at IS NOT NEW.closed_at OR OLD.risk IS NOT NEW.risk
    OR (OLD.status IN ('closed', 'transferred')) <>
    (NEW.status IN ('closed', 'transferred'))
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE child_id IN (OLD.child_id, NEW.child_id);
END;

-- A child's record: each of its cases.
CREATE TRIGGER ind_c_child_upd AFTER UPDATE OF birth_date, sex, community,
    disability ON child
WHEN OLD.birth_date IS NOT NEW.birth_date OR OLD.sex IS NOT NEW.sex
    OR OLD.community IS NOT NEW.community
    OR OLD.disability IS NOT NEW.disability
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file WHERE child_id = NEW.id;
END;

-- The other rows of a case: the case they belong to.
CREATE TRIGGER ind_c_cc_ins AFTER INSERT ON case_concern
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_cc_del AFTER DELETE ON case_concern
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_cc_upd AFTER UPDATE OF case_id, code, is_primary
    ON case_concern
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_dl_ins AFTER INSERT ON deadline
WHEN NEW.step IN ('first_contact', 'assessment', 'review')
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_dl_del AFTER DELETE ON deadline
WHEN OLD.step IN ('first_contact', 'assessment', 'review')
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_dl_upd AFTER UPDATE OF case_id, step, due_at, done_at
    ON deadline
WHEN OLD.step IN ('first_contact', 'assessment', 'review')
    OR NEW.step IN ('first_contact', 'assessment', 'review')
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_cf_ins AFTER INSERT ON conference_case
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_cf_del AFTER DELETE ON conference_case
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_cf_upd AFTER UPDATE OF case_id, conference_id
    ON conference_case
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_pl_ins AFTER INSERT ON plan
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_pl_del AFTER DELETE ON plan
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_pl_upd AFTER UPDATE OF case_id, status, decided_at
    ON plan
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_pm_ins AFTER INSERT ON protection_measure
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_pm_del AFTER DELETE ON protection_measure
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_pm_upd AFTER UPDATE OF case_id, type, decision_date
    ON protection_measure
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_ep_ins AFTER INSERT ON emergency_placement
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_ep_del AFTER DELETE ON emergency_placement
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_ep_upd AFTER UPDATE OF case_id, started_at, ends_at, ended_at
    ON emergency_placement
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
CREATE TRIGGER ind_c_rf_ins AFTER INSERT ON referral
BEGIN
	INSERT INTO ind_apply VALUES (NEW.case_id);
END;
CREATE TRIGGER ind_c_rf_del AFTER DELETE ON referral
BEGIN
	INSERT INTO ind_apply VALUES (OLD.case_id);
END;
CREATE TRIGGER ind_c_rf_upd AFTER UPDATE OF case_id, status, service_start, created_at, to_agency_id
    ON referral
BEGIN
	INSERT INTO ind_apply SELECT id FROM case_file
	    WHERE id IN (OLD.case_id, NEW.case_id);
END;
-- A meeting held (or its date changed): each case on its agenda.
CREATE TRIGGER ind_c_conf_upd AFTER UPDATE OF status, held_at ON conference
WHEN OLD.status IS NOT NEW.status OR OLD.held_at IS NOT NEW.held_at
BEGIN
	INSERT INTO ind_apply SELECT case_id FROM conference_case
	    WHERE conference_id = NEW.id;
END;

-- Reports received: plain counts.
CREATE TRIGGER ind_c_report_ins AFTER INSERT ON report
BEGIN
	INSERT INTO ind_received VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.received_at, 'unixepoch'), NEW.referrer_type,
	    coalesce(NEW.referrer_agency_id, 0), 1)
	    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ind_c_report_del AFTER DELETE ON report
BEGIN
	UPDATE ind_received SET n = n - 1
	    WHERE municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.received_at, 'unixepoch')
	    AND sector = OLD.referrer_type
	    AND agency_id = coalesce(OLD.referrer_agency_id, 0);
END;
CREATE TRIGGER ind_c_report_upd AFTER UPDATE OF municipality_id, received_at,
    referrer_type, referrer_agency_id ON report
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.received_at IS NOT NEW.received_at
    OR OLD.referrer_type IS NOT NEW.referrer_type
    OR OLD.referrer_agency_id IS NOT NEW.referrer_agency_id
BEGIN
	UPDATE ind_received SET n = n - 1
	    WHERE municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.received_at, 'unixepoch')
	    AND sector = OLD.referrer_type
	    AND agency_id = coalesce(OLD.referrer_agency_id, 0);
	INSERT INTO ind_received VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.received_at, 'unixepoch'), NEW.referrer_type,
	    coalesce(NEW.referrer_agency_id, 0), 1)
	    ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The counts of the data already there.
INSERT INTO ind_case_state SELECT * FROM ind_case_s;
INSERT INTO ind_snap_measure SELECT c.id, c.municipality_id,
    substr(pm.decision_date, 1, 7), pm.type, count(*)
    FROM case_file c JOIN protection_measure pm ON pm.case_id = c.id
    GROUP BY 1, 2, 3, 4;
INSERT INTO ind_snap_placement SELECT c.id, c.municipality_id,
    strftime('%Y-%m', ep.started_at, 'unixepoch'), count(*),
    sum(ep.ended_at IS NOT NULL AND ep.ended_at <= ep.ends_at)
    FROM case_file c JOIN emergency_placement ep ON ep.case_id = c.id
    GROUP BY 1, 2, 3;
INSERT INTO ind_snap_referral SELECT c.id, c.municipality_id,
    strftime('%Y-%m', r.created_at, 'unixepoch'), r.to_agency_id,
    r.status, count(*) FROM case_file c JOIN referral r ON r.case_id = c.id
    GROUP BY 1, 2, 3, 4, 5;
INSERT INTO ind_snap_ref_days SELECT c.id, c.municipality_id,
    strftime('%Y-%m', r.created_at, 'unixepoch'), r.to_agency_id,
    CAST(julianday(r.service_start)
    - julianday(date(r.created_at, 'unixepoch')) AS INTEGER), count(*)
    FROM case_file c JOIN referral r ON r.case_id = c.id
    WHERE r.service_start <> '' GROUP BY 1, 2, 3, 4, 5;
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
