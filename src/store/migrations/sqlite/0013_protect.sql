-- 0013 protection measures and 72-hour emergency placements of a case (the
-- Albanian profile, DOMAIN.md §1, §3, §4), and the systematic visits of a
-- unit to preschools, schools and homes (DOMAIN.md §5). Dates without a
-- time are text yyyy-mm-dd; times Unix seconds (UTC). Every row is written
-- by svc/protect.c or svc/visit.c in the transaction of its audit row.
-- No row is ever deleted.

-- A protection measure: decided by the unit (the NJMF head / supervisor) or
-- the court; submitted to and confirmed by the court; an expiry. Status
-- proposed -> submitted -> confirmed follows the dates; ended with a
-- reason. "Expired" is not stored: a measure not ended whose expiry_date
-- is past. Checklist: the sets mirror svc/protect.c (protect_measure_types,
-- protect_deciders, protect_end_reasons), the protect.* labels in po/ and
-- routes_protect_fields.inc.
CREATE TABLE protection_measure (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	type		TEXT NOT NULL CHECK (type IN ('family_supervision',
			    'alternative_care', 'emergency_protection')),
	decided_by	TEXT NOT NULL CHECK (decided_by IN ('unit', 'court')),
	decision_date	TEXT NOT NULL CHECK (decision_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	submission_date	TEXT NOT NULL DEFAULT '',
	confirmation_date TEXT NOT NULL DEFAULT '',
	expiry_date	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL CHECK (status IN ('proposed', 'submitted',
			    'confirmed', 'ended')),
	end_reason	TEXT NOT NULL DEFAULT '' CHECK (end_reason IN ('',
			    'goals_met', 'court_revoked', 'replaced', 'moved',
			    'turned_18', 'other')),
	end_date	TEXT NOT NULL DEFAULT '',
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (submission_date = '' OR submission_date >= decision_date),
	CHECK (confirmation_date = '' OR (submission_date <> '' AND
	    confirmation_date >= submission_date)),
	CHECK (expiry_date = '' OR expiry_date >= decision_date),
	CHECK ((status = 'ended') = (end_reason <> ''))
);
CREATE INDEX protection_measure_case ON protection_measure(case_id);
-- The scan: measures not ended by expiry.
CREATE INDEX protection_measure_expiry ON protection_measure(status,
    expiry_date);

-- A 72-hour emergency placement: where, from when; ends_at is 72 hours
-- after the start. Ended by return to family, a court-confirmed measure
-- (measure_id) or transfer to longer care, at ended_at.
CREATE TABLE emergency_placement (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	place_kind	TEXT NOT NULL CHECK (place_kind IN ('shelter',
			    'alternative_care', 'relatives', 'other')),
	place_name	TEXT NOT NULL CHECK (place_name <> ''),
	started_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL CHECK (ends_at = started_at + 259200),
	-- An end after ends_at is recorded as it happened: the placement
	-- overran its 72 hours (indicator 8 counts those).
	ended_at	INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),
	end_how		TEXT NOT NULL DEFAULT '' CHECK (end_how IN ('',
			    'returned_family', 'court_measure', 'longer_care')),
	measure_id	INTEGER REFERENCES protection_measure(id),
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	ended_by	INTEGER REFERENCES user(id),
	CHECK ((ended_at IS NULL) = (end_how = '')),
	CHECK ((end_how = 'court_measure') = (measure_id IS NOT NULL))
);
CREATE INDEX emergency_placement_case ON emergency_placement(case_id);
-- Running placements by expiry (the scan, "my work").
CREATE INDEX emergency_placement_running ON emergency_placement(ends_at)
    WHERE ended_at IS NULL;

-- A systematic visit of a unit (agency) in its municipality.
CREATE TABLE visit (
	id		INTEGER PRIMARY KEY,
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	kind		TEXT NOT NULL CHECK (kind IN ('preschool', 'school',
			    'home')),
	visit_date	TEXT NOT NULL CHECK (visit_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	place		TEXT NOT NULL CHECK (place <> ''),
	health_names	TEXT NOT NULL DEFAULT '',
	health_institution TEXT NOT NULL DEFAULT '',
	others		TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
			    ('planned', 'done', 'cancelled')),
	cancel_reason	TEXT NOT NULL DEFAULT '',
	findings	TEXT NOT NULL DEFAULT '',
	seen_f		INTEGER NOT NULL DEFAULT 0 CHECK (seen_f >= 0),
	seen_m		INTEGER NOT NULL DEFAULT 0 CHECK (seen_m >= 0),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'cancelled') = (cancel_reason <> ''))
);
CREATE INDEX visit_agency ON visit(agency_id, visit_date);

CREATE TABLE visit_participant (
	visit_id	INTEGER NOT NULL REFERENCES visit(id),
	user_id		INTEGER NOT NULL REFERENCES user(id),
	PRIMARY KEY (visit_id, user_id)
);

-- The reports of concern made for children identified on a visit.
CREATE TABLE visit_report (
	visit_id	INTEGER NOT NULL REFERENCES visit(id),
	report_id	INTEGER NOT NULL UNIQUE REFERENCES report(id),
	PRIMARY KEY (visit_id, report_id)
);

CREATE TRIGGER protection_measure_no_delete BEFORE DELETE ON
    protection_measure
BEGIN
	SELECT RAISE(ABORT, 'protection measures are never deleted');
END;
CREATE TRIGGER emergency_placement_no_delete BEFORE DELETE ON
    emergency_placement
BEGIN
	SELECT RAISE(ABORT, 'emergency placements are never deleted');
END;
CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit
BEGIN
	SELECT RAISE(ABORT, 'visits are never deleted');
END;
