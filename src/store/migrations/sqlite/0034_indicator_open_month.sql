-- 0034 open cases by risk at a past period end: the cases opened since
-- (issue 6). 0033 corrected the open cases now (ind_open, ind_open_dim) to
-- the end T of a past period case by case over every case that can
-- differ; most of them are the cases opened at or after T and still open
-- (Tiranë at 1,000,000 children, T three months back: 7,110 of 8,400).
-- Those come from here instead: the open cases now by the UTC month they
-- were opened in, by each dimension of 0032 (the key kn: the age band by
-- birth date, a case under each of its concerns; dimension 9, the risk,
-- one row per case, gives the totals) and by risk level (unset: none set).
-- The service subtracts the months from the first whole UTC month at or
-- after T and leaves to Q_IND_OPEN_DELTA only the cases opened before
-- that month's start.
--
-- Kept as 0032 keeps ind_open_dim, from what each case last added
-- (ind_dd_rows over ind_dd_state): taken out before a refresh of the case
-- (a row into ind_dd_apply, whose trigger ind_dd_apply_do remakes the
-- state) and put in again when that trigger deletes its row, the state
-- then the new one.
CREATE TABLE ind_open_mo (
	municipality_id	INTEGER NOT NULL,
	dim		INTEGER NOT NULL,
	month		TEXT NOT NULL,		-- opened, UTC 'yyyy-mm'
	key		TEXT NOT NULL,
	low		INTEGER NOT NULL,
	medium		INTEGER NOT NULL,
	high		INTEGER NOT NULL,
	unset		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, dim, month, key)
) WITHOUT ROWID;
CREATE VIEW ind_open_mo_recount AS
SELECT muni, dim, mo, kn, sum(risk = 'low'), sum(risk = 'medium'),
    sum(risk = 'high'), sum(risk = 'none')
FROM ind_dd_rows_s WHERE open GROUP BY 1, 2, 3, 4;

CREATE TRIGGER ind_om_out BEFORE INSERT ON ind_dd_apply
BEGIN
	INSERT INTO ind_open_mo SELECT muni, dim, mo, kn, -(risk = 'low'),
	    -(risk = 'medium'), -(risk = 'high'), -(risk = 'none')
	    FROM ind_dd_rows WHERE case_id = NEW.case_id AND open
	    ON CONFLICT DO UPDATE SET low = low + excluded.low,
	    medium = medium + excluded.medium, high = high + excluded.high,
	    unset = unset + excluded.unset;
END;
CREATE TRIGGER ind_om_in AFTER DELETE ON ind_dd_apply
BEGIN
	INSERT INTO ind_open_mo SELECT muni, dim, mo, kn, (risk = 'low'),
	    (risk = 'medium'), (risk = 'high'), (risk = 'none')
	    FROM ind_dd_rows WHERE case_id = OLD.case_id AND open
	    ON CONFLICT DO UPDATE SET low = low + excluded.low,
	    medium = medium + excluded.medium, high = high + excluded.high,
	    unset = unset + excluded.unset;
END;

INSERT INTO ind_open_mo SELECT muni, dim, mo, kn, sum(risk = 'low'),
    sum(risk = 'medium'), sum(risk = 'high'), sum(risk = 'none')
FROM ind_dd_rows WHERE open GROUP BY 1, 2, 3, 4;
