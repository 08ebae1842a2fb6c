-- 0005 reviews, new incidents, closure with supervisor approval and the
-- follow-up check, reopening and transfer to another municipality
-- (DOMAIN.md §3, §4). Times are Unix seconds (UTC); dates without a time
-- are text yyyy-mm-dd (local, Europe/Belgrade). Every row is written by
-- svc/closure.c in the transaction of its timeline event and audit row.

-- A review of a case: what was done on the plan, the child's situation and
-- views, the risk kept or changed (a change is a row of risk_assessment,
-- risk_id), the decision and the next review proposed.
CREATE TABLE case_review (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	review_date	TEXT NOT NULL CHECK (review_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	progress	TEXT NOT NULL,
	situation	TEXT NOT NULL,
	child_views	TEXT NOT NULL DEFAULT '',
	risk_before	TEXT NOT NULL CHECK (risk_before IN ('low', 'medium', 'high')),
	risk_after	TEXT NOT NULL CHECK (risk_after IN ('low', 'medium', 'high')),
	risk_id		INTEGER REFERENCES risk_assessment(id),
	decision	TEXT NOT NULL CHECK (decision IN ('continue', 'revise_plan',
			    'propose_closure')),
	next_review	TEXT CHECK (next_review IS NULL OR next_review GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX case_review_case ON case_review(case_id, review_date);

-- A new incident: a short note; it makes a review due at once. reviewed_by
-- is the review that answered it.
CREATE TABLE case_incident (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	incident_date	TEXT NOT NULL CHECK (incident_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note		TEXT NOT NULL,
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	reviewed_by	INTEGER REFERENCES case_review(id)
);
CREATE INDEX case_incident_case ON case_incident(case_id, created_at);

-- A closure: requested by the worker, approved (the case is closed) or
-- returned with a note by a supervisor of the unit; then the follow-up
-- check. Checklist: the reasons mirror svc/closure.c (close_reasons), the
-- closure.reason.* labels in po/ and routes_closure_fields.inc.
CREATE TABLE case_closure (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	reason		TEXT NOT NULL CHECK (reason IN ('goals_met',
			    'no_longer_at_risk', 'turned_18', 'moved', 'death',
			    'family_refused_low_risk', 'duplicate')),
	summary		TEXT NOT NULL,
	closure_date	TEXT NOT NULL CHECK (closure_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	follow_up_date	TEXT NOT NULL CHECK (follow_up_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status		TEXT NOT NULL DEFAULT 'requested' CHECK (status IN
			    ('requested', 'returned', 'approved')),
	requested_by	INTEGER NOT NULL REFERENCES user(id),
	requested_at	INTEGER NOT NULL,
	decided_by	INTEGER REFERENCES user(id),
	decided_at	INTEGER,
	decision_note	TEXT NOT NULL DEFAULT '',
	follow_up_result TEXT CHECK (follow_up_result IS NULL OR
			    follow_up_result IN ('fine', 'concern')),
	follow_up_note	TEXT NOT NULL DEFAULT '',
	follow_up_by	INTEGER REFERENCES user(id),
	follow_up_at	INTEGER
);
CREATE INDEX case_closure_case ON case_closure(case_id, requested_at);
-- One request waiting per case.
CREATE UNIQUE INDEX case_closure_waiting ON case_closure(case_id)
	WHERE status = 'requested';
-- The follow-up checks still to do (the "my work" list).
CREATE INDEX case_closure_follow_up ON case_closure(follow_up_date)
	WHERE status = 'approved' AND follow_up_result IS NULL;

-- A transfer to another municipality: requested by the sending unit,
-- accepted (a new case opens there, new_case_id) or declined by a
-- supervisor of the receiving municipality's owning agency.
CREATE TABLE case_transfer (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	from_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	to_municipality_id INTEGER NOT NULL REFERENCES municipality(id),
	to_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	reason		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'requested' CHECK (status IN
			    ('requested', 'accepted', 'declined')),
	requested_by	INTEGER NOT NULL REFERENCES user(id),
	requested_at	INTEGER NOT NULL,
	decided_by	INTEGER REFERENCES user(id),
	decided_at	INTEGER,
	decision_note	TEXT NOT NULL DEFAULT '',
	new_case_id	INTEGER REFERENCES case_file(id)
);
CREATE INDEX case_transfer_case ON case_transfer(case_id, requested_at);
CREATE INDEX case_transfer_to ON case_transfer(to_agency_id, status);
CREATE INDEX case_transfer_from ON case_transfer(from_agency_id, status);
CREATE INDEX case_transfer_new ON case_transfer(new_case_id);
CREATE UNIQUE INDEX case_transfer_waiting ON case_transfer(case_id)
	WHERE status = 'requested';

-- A closed case is reopened once at a time: at most one open case comes
-- from it (case_file.reopened_from, DOMAIN.md §3).
CREATE UNIQUE INDEX case_reopened_open ON case_file(reopened_from)
	WHERE reopened_from IS NOT NULL AND status NOT IN ('closed',
	    'transferred');
CREATE INDEX case_reopened_from ON case_file(reopened_from)
	WHERE reopened_from IS NOT NULL;
