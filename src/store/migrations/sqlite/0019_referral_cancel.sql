-- 0019 a referral cancelled (no answer yet) or withdrawn (any open status)
-- by the sending side, with a reason (issue 4, second wave). The status
-- CHECK of 0012 gains 'cancelled'; SQLite cannot alter a CHECK, so the
-- table is rebuilt (rows, ids and indexes kept; the foreign keys of
-- referral_session and referral_feedback name the table and are checked
-- at commit). cancel_kind: 'cancel' (was sent or wait-listed) or
-- 'withdraw' (was accepted or in service).
PRAGMA defer_foreign_keys = ON;
CREATE TABLE referral_new (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	from_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	to_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	service		TEXT NOT NULL CHECK (service GLOB '[a-z]*' AND
			    length(service) <= 40),
	reason		TEXT NOT NULL,
	urgency		TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent',
			    'routine')),
	due_date	TEXT NOT NULL,
	due_at		INTEGER NOT NULL,
	consent_id	INTEGER NOT NULL REFERENCES consent(id),
	categories	TEXT NOT NULL DEFAULT '',
	licence_id	INTEGER,
	licence_number	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent',
			    'accepted', 'declined', 'waitlisted', 'in_service',
			    'closed', 'cancelled')),
	answer_reason	TEXT NOT NULL DEFAULT '',
	expected_date	TEXT NOT NULL DEFAULT '',
	answered_at	INTEGER,
	answered_by	INTEGER REFERENCES user(id),
	service_start	TEXT NOT NULL DEFAULT '',
	outcome		TEXT CHECK (outcome IS NULL OR outcome IN ('completed',
			    'dropped_out', 'moved', 'refused', 'other')),
	outcome_note	TEXT NOT NULL DEFAULT '',
	closed_at	INTEGER,
	closed_by	INTEGER REFERENCES user(id),
	worker_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	escalated_at	INTEGER,
	version		INTEGER NOT NULL DEFAULT 1,
	cancel_kind	TEXT NOT NULL DEFAULT '' CHECK (cancel_kind IN ('',
			    'cancel', 'withdraw')),
	cancel_reason	TEXT NOT NULL DEFAULT '',
	cancelled_at	INTEGER,
	cancelled_by	INTEGER REFERENCES user(id)
);
INSERT INTO referral_new (id, case_id, from_agency_id, to_agency_id, service,
    reason, urgency, due_date, due_at, consent_id, categories, licence_id,
    licence_number, status, answer_reason, expected_date, answered_at,
    answered_by, service_start, outcome, outcome_note, closed_at, closed_by,
    worker_id, created_at, escalated_at, version)
    SELECT id, case_id, from_agency_id, to_agency_id, service, reason, urgency,
    due_date, due_at, consent_id, categories, licence_id, licence_number,
    status, answer_reason, expected_date, answered_at, answered_by,
    service_start, outcome, outcome_note, closed_at, closed_by, worker_id,
    created_at, escalated_at, version FROM referral;
DROP TABLE referral;
ALTER TABLE referral_new RENAME TO referral;
CREATE INDEX referral_case ON referral(case_id, created_at);
CREATE INDEX referral_to ON referral(to_agency_id, status, created_at);
CREATE INDEX referral_from ON referral(from_agency_id, status, due_at);
CREATE INDEX referral_due ON referral(status, due_at) WHERE escalated_at IS NULL;

-- A grant's status changes (svc/grant.c grant_status_set(): active <->
-- suspended, either -> closed), each with its reason; the audit row has
-- the codes only.
CREATE TABLE grant_status_change (
	id		INTEGER PRIMARY KEY,
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	from_status	TEXT NOT NULL,
	to_status	TEXT NOT NULL CHECK (to_status IN ('active', 'suspended',
			    'closed')),
	reason		TEXT NOT NULL,
	changed_by	INTEGER NOT NULL REFERENCES user(id),
	changed_at	INTEGER NOT NULL
);
CREATE INDEX grant_status_change_grant ON grant_status_change(grant_id,
    changed_at);
