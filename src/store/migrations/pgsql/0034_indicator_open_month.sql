-- PostgreSQL form of ../sqlite/0034_indicator_open_month.sql: keep the two in step.
-- 0034 open cases by risk at a past period end: the cases opened since,
-- from the open cases now by the UTC month they were opened in (issue 6;
-- see the SQLite form). Kept by ind_dd_refresh() of 0032, remade here
-- with ind_om_add() around the state's refresh.
CREATE TABLE ind_open_mo (
	municipality_id	BIGINT NOT NULL,
	dim		BIGINT NOT NULL,
	month		TEXT NOT NULL,
	key		TEXT NOT NULL,
	low		BIGINT NOT NULL,
	medium		BIGINT NOT NULL,
	high		BIGINT NOT NULL,
	unset		BIGINT NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
);
CREATE VIEW ind_open_mo_recount AS
SELECT muni AS municipality_id, dim, mo AS month, kn AS key,
    count(*) FILTER (WHERE risk = 'low') AS low,
    count(*) FILTER (WHERE risk = 'medium') AS medium,
    count(*) FILTER (WHERE risk = 'high') AS high,
    count(*) FILTER (WHERE risk = 'none') AS unset
FROM ind_dd_rows_s WHERE open <> 0 GROUP BY 1, 2, 3, 4;

-- Case cid's open rows into ind_open_mo, d (1 or -1) times.
CREATE FUNCTION ind_om_add(cid bigint, d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO ind_open_mo AS x SELECT muni, dim, mo, kn,
	    d * (CASE WHEN risk = 'low' THEN 1 ELSE 0 END),
	    d * (CASE WHEN risk = 'medium' THEN 1 ELSE 0 END),
	    d * (CASE WHEN risk = 'high' THEN 1 ELSE 0 END),
	    d * (CASE WHEN risk = 'none' THEN 1 ELSE 0 END)
	    FROM ind_dd_rows WHERE case_id = cid AND open <> 0
	    ON CONFLICT (municipality_id, dim, month, key) DO UPDATE
	    SET low = x.low + excluded.low, medium = x.medium + excluded.medium,
	    high = x.high + excluded.high, unset = x.unset + excluded.unset;
END $$;

-- 0032's refresh of case cid, with ind_om_add() on either side.
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
END $$;

INSERT INTO ind_open_mo SELECT muni, dim, mo, kn,
    count(*) FILTER (WHERE risk = 'low'),
    count(*) FILTER (WHERE risk = 'medium'),
    count(*) FILTER (WHERE risk = 'high'),
    count(*) FILTER (WHERE risk = 'none')
FROM ind_dd_rows WHERE open <> 0 GROUP BY 1, 2, 3, 4;
