-- 0021 indicators: a case transferred to another municipality is a new
-- case_file there (case_transfer.new_case_id), so the sum of "cases opened"
-- over a country counted the child twice. ind_new now also counts, of its
-- cases, those that arrived by transfer (transferred_in); a scope of a
-- whole country (transfers never cross countries) subtracts them, a single
-- municipality keeps them as new to it. Kept exact by triggers on
-- case_transfer and on case_file (moving a case between rows), and
-- compared with a recount by `rrjeti indicators check`.

ALTER TABLE ind_new ADD COLUMN transferred_in INTEGER NOT NULL DEFAULT 0;

UPDATE ind_new SET transferred_in = (SELECT count(*) FROM case_file c
    JOIN case_transfer t ON t.new_case_id = c.id
    WHERE c.municipality_id = ind_new.municipality_id
    AND strftime('%Y-%m', c.opened_at, 'unixepoch') = ind_new.month
    AND c.source = ind_new.source);

CREATE TRIGGER ind_transfer_insert AFTER INSERT ON case_transfer
WHEN NEW.new_case_id IS NOT NULL
BEGIN
	UPDATE ind_new SET transferred_in = transferred_in + 1
	    WHERE (municipality_id, month, source) = (SELECT c.municipality_id,
	    strftime('%Y-%m', c.opened_at, 'unixepoch'), c.source
	    FROM case_file c WHERE c.id = NEW.new_case_id);
END;

CREATE TRIGGER ind_transfer_update AFTER UPDATE OF new_case_id
    ON case_transfer
WHEN OLD.new_case_id IS NOT NEW.new_case_id
BEGIN
	UPDATE ind_new SET transferred_in = transferred_in - 1
	    WHERE OLD.new_case_id IS NOT NULL
	    AND (municipality_id, month, source) = (SELECT c.municipality_id,
	    strftime('%Y-%m', c.opened_at, 'unixepoch'), c.source
	    FROM case_file c WHERE c.id = OLD.new_case_id);
	UPDATE ind_new SET transferred_in = transferred_in + 1
	    WHERE NEW.new_case_id IS NOT NULL
	    AND (municipality_id, month, source) = (SELECT c.municipality_id,
	    strftime('%Y-%m', c.opened_at, 'unixepoch'), c.source
	    FROM case_file c WHERE c.id = NEW.new_case_id);
END;

CREATE TRIGGER ind_transfer_delete AFTER DELETE ON case_transfer
WHEN OLD.new_case_id IS NOT NULL
BEGIN
	UPDATE ind_new SET transferred_in = transferred_in - 1
	    WHERE (municipality_id, month, source) = (SELECT c.municipality_id,
	    strftime('%Y-%m', c.opened_at, 'unixepoch'), c.source
	    FROM case_file c WHERE c.id = OLD.new_case_id);
END;

-- A case inserted after its transfer row (the transfer's trigger found no
-- case then) counts its mark itself.
DROP TRIGGER ind_case_insert;
CREATE TRIGGER ind_case_insert AFTER INSERT ON case_file
BEGIN
	INSERT INTO ind_new (municipality_id, month, source, n, reopened,
	    transferred_in)
	    VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.opened_at, 'unixepoch'), NEW.source, 1,
	    NEW.reopened_from IS NOT NULL, EXISTS (SELECT 1
	    FROM case_transfer t WHERE t.new_case_id = NEW.id))
	    ON CONFLICT DO UPDATE SET n = n + 1,
	    reopened = reopened + excluded.reopened,
	    transferred_in = transferred_in + excluded.transferred_in;
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

-- A case moving between rows of ind_new takes its transfer mark along.
DROP TRIGGER ind_case_new_update;
CREATE TRIGGER ind_case_new_update AFTER UPDATE OF municipality_id,
    opened_at, source, reopened_from ON case_file
WHEN OLD.municipality_id IS NOT NEW.municipality_id
    OR OLD.opened_at IS NOT NEW.opened_at OR OLD.source IS NOT NEW.source
    OR (OLD.reopened_from IS NULL) <> (NEW.reopened_from IS NULL)
BEGIN
	UPDATE ind_new SET n = n - 1,
	    reopened = reopened - (OLD.reopened_from IS NOT NULL),
	    transferred_in = transferred_in - EXISTS (SELECT 1
	    FROM case_transfer t WHERE t.new_case_id = OLD.id)
	    WHERE municipality_id = OLD.municipality_id
	    AND month = strftime('%Y-%m', OLD.opened_at, 'unixepoch')
	    AND source = OLD.source;
	INSERT INTO ind_new (municipality_id, month, source, n, reopened,
	    transferred_in)
	    VALUES (NEW.municipality_id,
	    strftime('%Y-%m', NEW.opened_at, 'unixepoch'), NEW.source, 1,
	    NEW.reopened_from IS NOT NULL, EXISTS (SELECT 1
	    FROM case_transfer t WHERE t.new_case_id = NEW.id))
	    ON CONFLICT DO UPDATE SET n = n + 1,
	    reopened = reopened + excluded.reopened,
	    transferred_in = transferred_in + excluded.transferred_in;
END;

DROP TRIGGER ind_case_delete;
CREATE TRIGGER ind_case_delete AFTER DELETE ON case_file
BEGIN
	UPDATE ind_new SET n = n - 1,
	    reopened = reopened - (OLD.reopened_from IS NOT NULL),
	    transferred_in = transferred_in - EXISTS (SELECT 1
	    FROM case_transfer t WHERE t.new_case_id = OLD.id)
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

-- The case a transfer came from, for "opened" over several municipalities.
CREATE INDEX IF NOT EXISTS case_transfer_new_from ON case_transfer(new_case_id,
    case_id) WHERE new_case_id IS NOT NULL;
