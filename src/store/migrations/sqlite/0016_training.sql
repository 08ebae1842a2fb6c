-- 0016 accredited training for social-service professionals (DOMAIN.md §5,
-- issue 5): programmes with their accreditation, sessions of a programme,
-- professionals (one record per person, however many sessions they
-- attend), enrolment and attendance per session, and certificates. Dates
-- without a time are text yyyy-mm-dd; times Unix seconds (UTC). Every row
-- is written by svc/training.c in the transaction of its audit row.
-- Checklist: the sets mirror svc/training.c (training_profiles,
-- training_session_statuses, training_attendance_codes), the training.*
-- labels in po/ and routes_training_fields.inc.

-- A programme and its accreditation. body_key is the accrediting body's
-- name folded (util/names.h), so "Agjencia" and "AGJENCIA " are one body
-- and a number is unique per body.
CREATE TABLE training_programme (
	id		INTEGER PRIMARY KEY,
	country		TEXT NOT NULL REFERENCES country(code),
	title		TEXT NOT NULL CHECK (title <> ''),
	acc_body	TEXT NOT NULL CHECK (acc_body <> ''),
	body_key	TEXT NOT NULL,
	acc_number	TEXT NOT NULL CHECK (acc_number <> ''),
	valid_from	TEXT NOT NULL CHECK (valid_from GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	valid_until	TEXT NOT NULL CHECK (valid_until GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	hours		INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 1000),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (valid_until >= valid_from),
	UNIQUE (body_key, acc_number)
);

-- The professional profiles a programme is for.
CREATE TABLE training_programme_profile (
	programme_id	INTEGER NOT NULL REFERENCES training_programme(id),
	profile		TEXT NOT NULL CHECK (profile IN ('social_worker',
			    'head_social_services', 'child_protection_worker',
			    'health', 'education', 'police', 'ngo', 'ministry',
			    'local_staff')),
	PRIMARY KEY (programme_id, profile)
);

CREATE TABLE training_session (
	id		INTEGER PRIMARY KEY,
	programme_id	INTEGER NOT NULL REFERENCES training_programme(id),
	start_date	TEXT NOT NULL CHECK (start_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date	TEXT NOT NULL CHECK (end_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	venue		TEXT NOT NULL CHECK (venue <> ''),
	trainers	TEXT NOT NULL CHECK (trainers <> ''),
	capacity	INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 30),
	status		TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
			    ('planned', 'held', 'cancelled')),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (end_date >= start_date)
);
CREATE INDEX training_session_programme ON training_session(programme_id,
    start_date);
CREATE INDEX training_session_municipality ON training_session(
    municipality_id, start_date);

-- A professional: one person. fold_given / fold_family are names_fold()
-- keys (the same across Albanian and Serbian spellings and Cyrillic) for
-- the candidate search. merged_into: merged by an administrator into
-- another record (their attendance moved there); such a row is kept for
-- the audit trail and no longer listed.
CREATE TABLE professional (
	id		INTEGER PRIMARY KEY,
	given_name	TEXT NOT NULL CHECK (given_name <> ''),
	family_name	TEXT NOT NULL CHECK (family_name <> ''),
	fold_given	TEXT NOT NULL,
	fold_family	TEXT NOT NULL,
	sex		TEXT NOT NULL CHECK (sex IN ('female', 'male')),
	profile		TEXT NOT NULL CHECK (profile IN ('social_worker',
			    'head_social_services', 'child_protection_worker',
			    'health', 'education', 'police', 'ngo', 'ministry',
			    'local_staff')),
	agency_id	INTEGER REFERENCES agency(id),
	organisation	TEXT NOT NULL DEFAULT '',
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	email		TEXT NOT NULL DEFAULT '',
	merged_into	INTEGER REFERENCES professional(id),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (agency_id IS NOT NULL OR organisation <> '')
);
CREATE INDEX professional_fold_family ON professional(fold_family);
CREATE INDEX professional_fold_given ON professional(fold_given);
CREATE INDEX professional_municipality ON professional(municipality_id);

-- Enrolment and attendance: one row per professional and session.
CREATE TABLE training_enrolment (
	id		INTEGER PRIMARY KEY,
	session_id	INTEGER NOT NULL REFERENCES training_session(id),
	professional_id	INTEGER NOT NULL REFERENCES professional(id),
	status		TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN
			    ('enrolled', 'attended', 'partly', 'absent')),
	hours		INTEGER NOT NULL DEFAULT 0 CHECK (hours BETWEEN 0 AND 1000),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	UNIQUE (session_id, professional_id)
);
CREATE INDEX training_enrolment_professional ON training_enrolment(
    professional_id);

-- A certificate for an attended, held session: number
-- TR-{programme}-{year}-{seq}, seq sequential per programme and year (the
-- year of the session's end).
CREATE TABLE training_certificate (
	id		INTEGER PRIMARY KEY,
	programme_id	INTEGER NOT NULL REFERENCES training_programme(id),
	session_id	INTEGER NOT NULL REFERENCES training_session(id),
	professional_id	INTEGER NOT NULL REFERENCES professional(id),
	year		INTEGER NOT NULL,
	seq		INTEGER NOT NULL CHECK (seq >= 1),
	number		TEXT NOT NULL UNIQUE,
	hours		INTEGER NOT NULL,
	issued_by	INTEGER NOT NULL REFERENCES user(id),
	issued_at	INTEGER NOT NULL,
	UNIQUE (programme_id, year, seq),
	UNIQUE (session_id, professional_id)
);

CREATE TRIGGER training_certificate_no_delete BEFORE DELETE ON
    training_certificate
BEGIN
	SELECT RAISE(ABORT, 'certificates are never deleted');
END;
