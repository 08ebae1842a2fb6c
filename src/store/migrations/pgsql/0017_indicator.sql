-- PostgreSQL form of ../sqlite/0017_indicator.sql: keep the two in step (same number,
-- same tables, columns, CHECKs and indexes).
-- 0017 indicators (DOMAIN.md §6, issue 6): the workforce norm and the
-- counters behind the national dashboard. Times are Unix seconds (UTC);
-- months are text yyyy-mm of UTC days.

-- The workforce norm of a country profile: one full-time child protection
-- worker per children_per_worker children (Albania 1:3,000, DOMAIN.md §1;
-- Kosovo has no published norm: the same default, configurable).
CREATE TABLE workforce_norm (
	country		TEXT PRIMARY KEY CHECK (country IN ('XK', 'AL')),
	children_per_worker BIGINT NOT NULL CHECK (children_per_worker
			    BETWEEN 1 AND 1000000),
	updated_by	BIGINT REFERENCES "user"(id),
	updated_at	BIGINT NOT NULL
);
INSERT INTO workforce_norm (country, children_per_worker, updated_at)
	VALUES ('XK', 3000, 0), ('AL', 3000, 0);

-- A worker's full-time equivalent in thousandths (1000: full time), set
-- by the municipal administrator. A caseworker without a row counts as
-- full time.
CREATE TABLE worker_fte (
	user_id		BIGINT PRIMARY KEY REFERENCES "user"(id),
	fte_permille	BIGINT NOT NULL CHECK (fte_permille BETWEEN 0 AND 1000),
	updated_by	BIGINT REFERENCES "user"(id),
	updated_at	BIGINT NOT NULL
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
	municipality_id	BIGINT NOT NULL,
	risk		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, risk)
);
CREATE TABLE ind_new (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	source		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	reopened	BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, source)
);
CREATE TABLE ind_closed (
	municipality_id	BIGINT NOT NULL,
	month		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	n		BIGINT NOT NULL,
	days		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, month, reason)
);

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

-- PostgreSQL: the triggers as plpgsql functions doing the same counting
-- (the transfer mark, tr, counts from 0021 on).
CREATE FUNCTION ind_new_add(m bigint, t bigint, src text, reo boolean,
    d bigint, tr bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ind_new AS x (municipality_id, month, source, n, reopened)
	    VALUES (m, strftime('%Y-%m', t, 'unixepoch'), src, d, b2i(reo) * d)
	    ON CONFLICT (municipality_id, month, source) DO UPDATE
	    SET n = x.n + excluded.n, reopened = x.reopened + excluded.reopened
$$;
-- 1 when case cid arrived by transfer.
CREATE FUNCTION ind_case_transferred(cid bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT b2i(EXISTS (SELECT 1 FROM case_transfer t
	    WHERE t.new_case_id = cid))
$$;
CREATE FUNCTION ind_open_add(m bigint, r text, st text, d bigint)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO ind_open AS x (municipality_id, risk, n)
	    SELECT m, coalesce(r, ''), d WHERE st NOT IN ('closed', 'transferred')
	    ON CONFLICT (municipality_id, risk) DO UPDATE SET n = x.n + excluded.n
$$;
CREATE FUNCTION ind_closed_add(m bigint, o bigint, c bigint, r text, d bigint)
RETURNS void LANGUAGE sql AS $$
	INSERT INTO ind_closed AS x (municipality_id, month, reason, n, days)
	    SELECT m, strftime('%Y-%m', c, 'unixepoch'), coalesce(r, ''), d,
	    d * ((c - o) / 86400) WHERE c IS NOT NULL
	    ON CONFLICT (municipality_id, month, reason) DO UPDATE
	    SET n = x.n + excluded.n, days = x.days + excluded.days
$$;

-- ind_case_insert, ind_case_new_update, ind_case_open_update,
-- ind_case_closed_update and ind_case_delete of the SQLite schema.
CREATE FUNCTION ind_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM ind_new_add(NEW.municipality_id, NEW.opened_at,
		    NEW.source, NEW.reopened_from IS NOT NULL, 1,
		    ind_case_transferred(NEW.id));
		PERFORM ind_open_add(NEW.municipality_id, NEW.risk, NEW.status, 1);
		PERFORM ind_closed_add(NEW.municipality_id, NEW.opened_at,
		    NEW.closed_at, NEW.close_reason, 1);
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' OR OLD.municipality_id IS DISTINCT FROM
	    NEW.municipality_id OR OLD.opened_at IS DISTINCT FROM
	    NEW.opened_at OR OLD.source IS DISTINCT FROM NEW.source OR
	    (OLD.reopened_from IS NULL) <> (NEW.reopened_from IS NULL) THEN
		PERFORM ind_new_add(OLD.municipality_id, OLD.opened_at,
		    OLD.source, OLD.reopened_from IS NOT NULL, -1,
		    ind_case_transferred(OLD.id));
		IF TG_OP = 'UPDATE' THEN
			PERFORM ind_new_add(NEW.municipality_id, NEW.opened_at,
			    NEW.source, NEW.reopened_from IS NOT NULL, 1,
			    ind_case_transferred(NEW.id));
		END IF;
	END IF;
	IF TG_OP = 'DELETE' OR OLD.municipality_id IS DISTINCT FROM
	    NEW.municipality_id OR OLD.risk IS DISTINCT FROM NEW.risk OR
	    (OLD.status IN ('closed', 'transferred')) <>
	    (NEW.status IN ('closed', 'transferred')) THEN
		PERFORM ind_open_add(OLD.municipality_id, OLD.risk, OLD.status, -1);
		IF TG_OP = 'UPDATE' THEN
			PERFORM ind_open_add(NEW.municipality_id, NEW.risk,
			    NEW.status, 1);
		END IF;
	END IF;
	IF TG_OP = 'DELETE' OR OLD.municipality_id IS DISTINCT FROM
	    NEW.municipality_id OR OLD.opened_at IS DISTINCT FROM
	    NEW.opened_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR
	    OLD.close_reason IS DISTINCT FROM NEW.close_reason THEN
		PERFORM ind_closed_add(OLD.municipality_id, OLD.opened_at,
		    OLD.closed_at, OLD.close_reason, -1);
		IF TG_OP = 'UPDATE' THEN
			PERFORM ind_closed_add(NEW.municipality_id,
			    NEW.opened_at, NEW.closed_at, NEW.close_reason, 1);
		END IF;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER ind_case AFTER INSERT OR UPDATE OR DELETE ON case_file
	FOR EACH ROW EXECUTE FUNCTION ind_case();

-- Indicator reads by period: cases opened and closed in a period.
CREATE INDEX ind_case_opened ON case_file(opened_at);
CREATE INDEX ind_case_closed ON case_file(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX ind_case_muni_opened ON case_file(municipality_id, opened_at);
