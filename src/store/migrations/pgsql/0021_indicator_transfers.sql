-- PostgreSQL form of ../sqlite/0021_indicator_transfers.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0021 indicators: a case transferred to another municipality is a new
-- case_file there (case_transfer.new_case_id), so the sum of "cases opened"
-- over a country counted the child twice. ind_new now also counts, of its
-- cases, those that arrived by transfer (transferred_in); a scope of a
-- whole country (transfers never cross countries) subtracts them, a single
-- municipality keeps them as new to it. Kept exact by triggers on
-- case_transfer and on case_file (moving a case between rows), and
-- compared with a recount by `rrjeti indicators check`.

ALTER TABLE ind_new ADD COLUMN transferred_in BIGINT NOT NULL DEFAULT 0;

UPDATE ind_new SET transferred_in = (SELECT count(*) FROM case_file c
    JOIN case_transfer t ON t.new_case_id = c.id
    WHERE c.municipality_id = ind_new.municipality_id
    AND strftime('%Y-%m', c.opened_at, 'unixepoch') = ind_new.month
    AND c.source = ind_new.source);

-- PostgreSQL: ind_transfer_insert, _update and _delete as one function;
-- 0017's ind_case() already passes a case's own transfer mark, which
-- ind_new_add() now counts.
CREATE FUNCTION ind_transfer_mark(cid bigint, d bigint) RETURNS void
LANGUAGE sql AS $$
	UPDATE ind_new SET transferred_in = transferred_in + d
	    WHERE (municipality_id, month, source) = (SELECT c.municipality_id,
	    strftime('%Y-%m', c.opened_at, 'unixepoch'), c.source
	    FROM case_file c WHERE c.id = cid)
$$;
CREATE FUNCTION ind_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.new_case_id IS NOT NULL AND
	    (TG_OP = 'DELETE' OR OLD.new_case_id IS DISTINCT FROM
	    NEW.new_case_id) THEN
		PERFORM ind_transfer_mark(OLD.new_case_id, -1);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.new_case_id IS NOT NULL AND
	    (TG_OP = 'INSERT' OR OLD.new_case_id IS DISTINCT FROM
	    NEW.new_case_id) THEN
		PERFORM ind_transfer_mark(NEW.new_case_id, 1);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_transfer AFTER INSERT OR UPDATE OF new_case_id OR DELETE
	ON case_transfer FOR EACH ROW EXECUTE FUNCTION ind_transfer();

CREATE OR REPLACE FUNCTION ind_new_add(m bigint, t bigint, src text,
    reo boolean, d bigint, tr bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ind_new AS x (municipality_id, month, source, n, reopened,
	    transferred_in)
	    VALUES (m, strftime('%Y-%m', t, 'unixepoch'), src, d, b2i(reo) * d,
	    tr * d)
	    ON CONFLICT (municipality_id, month, source) DO UPDATE
	    SET n = x.n + excluded.n, reopened = x.reopened + excluded.reopened,
	    transferred_in = x.transferred_in + excluded.transferred_in
$$;

-- The case a transfer came from, for "opened" over several municipalities.
CREATE INDEX IF NOT EXISTS case_transfer_new_from ON case_transfer(new_case_id,
    case_id) WHERE new_case_id IS NOT NULL;
