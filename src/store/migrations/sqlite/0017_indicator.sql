-- 0017 indicators (DOMAIN.md §6, issue 6): the workforce norm and the
-- counters behind the national dashboard. Times are Unix seconds (UTC);
-- months are text yyyy-mm of UTC days.

-- The workforce norm of a country profile: one full-time child protection
-- worker per children_per_worker children (Albania 1:3,000, DOMAIN.md §1;
-- Kosovo has no published norm: the same default, configurable).
CREATE TABLE workforce_norm (
	country		TEXT PRIMARY KEY CHECK (country IN ('XK', 'AL')),
	children_per_worker INTEGER NOT NULL CHECK (children_per_worker
			    BETWEEN 1 AND 1000000),
	updated_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL
);
INSERT INTO workforce_norm (country, children_per_worker, updated_at)
	VALUES ('XK', 3000, 0), ('AL', 3000, 0);

-- A worker's full-time equivalent in thousandths (1000: full time), set
-- by the municipal administrator. A caseworker without a row counts as
-- full time.
CREATE TABLE worker_fte (
	user_id		INTEGER PRIMARY KEY REFERENCES user(id),
	fte_permille	INTEGER NOT NULL CHECK (fte_permille BETWEEN 0 AND 1000),
	updated_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL
);

-- Counters kept exact by the triggers below on every write of case_file,
-- whoever writes it (the services, the demo generator, a restore):
--   ind_open:   open cases (status not closed or transferred) by
--               municipality and current risk ('' for none);
--   ind_new:    cases opened by municipality, month and source;
--   ind_closed: cases closed (closed_at set) by municipality, month of
--               closure and reason, with the sum of their durations in
--               days.
-- `rrjeti indicators check` recounts and compares; `rrjeti indicators
-- rebuild` recounts into them.
CREATE TABLE ind_open (
	municipality_id	INTEGER NOT NULL,
	risk		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, risk)
) WITHOUT ROWID;
CREATE TABLE ind_new (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	source		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	reopened	INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, source)
) WITHOUT ROWID;
CREATE TABLE ind_closed (
	municipality_id	INTEGER NOT NULL,
	month		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, month, reason)
) WITHOUT ROWID;

INSERT INTO ind_open (municipality_id, risk, n)
	SELECT municipality_id, coalesce(risk, ''), count(*) FROM case_file
	WHERE status NOT IN ('closed', 'transferred')
	GROUP BY 1, 2;
INSERT INTO ind_new (municipality_id, month, source, n, reopened)
	SELECT municipality_id, strftime('%Y-%m', opened_at, 'unixepoch'),
	    source, count(*), count(reopened_from) FROM case_file
	GROUP BY 1, 2, 3;
INSERT INTO ind_closed (municipality_id, month, reason, n, days)
	SELECT municipality_id, strftime('%Y-%m', closed_at, 'unixepoch'),
	    coalesce(close_reason, ''), count(*),
	    sum((closed_at - opened_at) / 86400) FROM case_file
	WHERE closed_at IS NOT NULL
	GROUP BY 1, 2, 3;

CREATE TRIGGER ind_case_insert AFTER INSERT ON case_file
BEGIN
	INSERT INTO ind_new (municipality_id, month, source, n, reopened)
	    VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.opened_at, 'unixepoch'), NEW.source, 1,
	    NEW.reopened_from IS NOT NULL)
	    ON CONFLICT DO UPDATE SET n = n + 1,
	    reopened = reopened + excluded.reopened;
	INSERT INTO ind_open (municipality_id, risk, n)
	    SELECT NEW.municipality_id, coalesce(NEW.risk, ''), 1
	    WHERE NEW.status NOT IN ('closed', 'transferred')
	    ON CONFLICT DO UPDATE SET n = n + 1;
	INSERT INTO ind_closed (municipality_id, month, reason, n, days)
	    SELECT NEW.municipality_id,
	    strftime('%Y-%m', NEW.closed_at, 'unixepoch'),
	    coalesce(NEW.close_reason, ''), 1,
	    (NEW.closed_at - NEW.opened_at) / 86400
	    WHERE NEW.closed_at IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + 1, days = days + excluded.days;
END;

CREATE TRIGGER ind_case_new_update AFTER UPDATE OF municipality_id,
    opened_at, source, reopened_from ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.opened_at IS NOT NEW.opened_at OR OLD.source IS NOT NEW.source
    OR (OLD.reopened_from IS NULL) <> (NEW.reopened_from IS NULL)
BEGIN
	UPDATE ind_new SET n = n - 1,
	    reopened = reopened - (OLD.reopened_from IS NOT NULL)
	    WHERE municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.opened_at, 'unixepoch')
	    AND source = OLD.source;
	INSERT INTO ind_new (municipality_id, month, source, n, reopened)
	    VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.opened_at, 'unixepoch'), NEW.source, 1,
	    NEW.reopened_from IS NOT NULL)
	    ON CONFLICT DO UPDATE SET n = n + 1,
	    reopened = reopened + excluded.reopened;
END;

CREATE TRIGGER ind_case_open_update AFTER UPDATE OF municipality_id,
    status, risk ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.risk IS NOT NEW.risk
    OR (OLD.status IN ('closed', 'transferred')) <>
    (NEW.status IN ('closed', 'transferred'))
BEGIN
	UPDATE ind_open SET n = n - 1
	    WHERE municipality_id = OLD.municipality_id
	    AND risk = coalesce(OLD.risk, '')
	    AND OLD.status NOT IN ('closed', 'transferred');
	INSERT INTO ind_open (municipality_id, risk, n)
	    SELECT NEW.municipality_id, coalesce(NEW.risk, ''), 1
	    WHERE NEW.status NOT IN ('closed', 'transferred')
	    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ind_case_closed_update AFTER UPDATE OF municipality_id,
    opened_at, closed_at, close_reason ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.opened_at IS NOT NEW.opened_at
    OR OLD.closed_at IS NOT NEW.closed_at
    OR OLD.close_reason IS NOT NEW.close_reason
BEGIN
	UPDATE ind_closed SET n = n - 1,
	    days = days - (OLD.closed_at - OLD.opened_at) / 86400
	    WHERE OLD.closed_at IS NOT NULL
	    AND municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.closed_at, 'unixepoch')
	    AND reason = coalesce(OLD.close_reason, '');
	INSERT INTO ind_closed (municipality_id, month, reason, n, days)
	    SELECT NEW.municipality_id,
	    strftime('%Y-%m', NEW.closed_at, 'unixepoch'),
	    coalesce(NEW.close_reason, ''), 1,
	    (NEW.closed_at - NEW.opened_at) / 86400
	    WHERE NEW.closed_at IS NOT NULL
	    ON CONFLICT DO UPDATE SET n = n + 1, days = days + excluded.days;
END;

CREATE TRIGGER ind_case_delete AFTER DELETE ON case_file
BEGIN
	UPDATE ind_new SET n = n - 1,
	    reopened = reopened - (OLD.reopened_from IS NOT NULL)
	    WHERE municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.opened_at, 'unixepoch')
	    AND source = OLD.source;
	UPDATE ind_open SET n = n - 1
	    WHERE municipality_id = OLD.municipality_id
	    AND risk = coalesce(OLD.risk, '')
	    AND OLD.status NOT IN ('closed', 'transferred');
	UPDATE ind_closed SET n = n - 1,
	    days = days - (OLD.closed_at - OLD.opened_at) / 86400
	    WHERE OLD.closed_at IS NOT NULL
	    AND municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.closed_at, 'unixepoch')
	    AND reason = coalesce(OLD.close_reason, '');
END;

-- Indicator reads by period: cases opened and closed in a period.
CREATE INDEX ind_case_opened ON case_file(opened_at);
CREATE INDEX ind_case_closed ON case_file(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ind_case_muni_opened ON case_file(municipality_id, opened_at);
