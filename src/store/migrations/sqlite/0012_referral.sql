-- 0012 referrals out from a case to a licensed provider or a public agency
-- (police, school, health, the Centre of another municipality), their
-- answers, the services delivered and the feedback (DOMAIN.md §4 "Referral
-- out", issue 4). Reports in from police, schools and health centres are
-- rows of report (0002) with referrer_agency_id set: no table of their own.
-- Dates without a time are text yyyy-mm-dd; times Unix seconds (UTC).
-- Every row is written by svc/referral.c in the transaction of its audit
-- row. No row is ever deleted.
--
-- Status: sent -> accepted | declined | waitlisted; waitlisted -> accepted
-- | declined; accepted -> in_service (service started); accepted or
-- in_service -> closed (with an outcome). The licence a provider referral
-- was checked against is kept (id and number) as it was then. Checklist:
-- referral_statuses, referral_urgencies, referral_outcomes in
-- svc/referral.c, the referral.* labels in po/, the route field sets.
CREATE TABLE referral (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	from_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	to_agency_id	INTEGER NOT NULL REFERENCES agency(id),
	service		TEXT NOT NULL CHECK (service GLOB '[a-z]*' AND
			    length(service) <= 40),
	reason		TEXT NOT NULL,
	urgency		TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent',
			    'routine')),
	due_date	TEXT NOT NULL,		-- the answer is due by this day
	due_at		INTEGER NOT NULL,	-- overdue from this instant
	consent_id	INTEGER NOT NULL REFERENCES consent(id),
	categories	TEXT NOT NULL DEFAULT '',	-- codes, comma-separated
	licence_id	INTEGER,		-- NULL for a public agency
	licence_number	TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent',
			    'accepted', 'declined', 'waitlisted', 'in_service',
			    'closed')),
	answer_reason	TEXT NOT NULL DEFAULT '',
	expected_date	TEXT NOT NULL DEFAULT '',	-- wait list
	answered_at	INTEGER,
	answered_by	INTEGER REFERENCES user(id),
	service_start	TEXT NOT NULL DEFAULT '',
	outcome		TEXT CHECK (outcome IS NULL OR outcome IN ('completed',
			    'dropped_out', 'moved', 'refused', 'other')),
	outcome_note	TEXT NOT NULL DEFAULT '',
	closed_at	INTEGER,
	closed_by	INTEGER REFERENCES user(id),
	worker_id	INTEGER NOT NULL REFERENCES user(id),	-- who sent it
	created_at	INTEGER NOT NULL,
	escalated_at	INTEGER,		-- referral_scan(): overdue, told
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX referral_case ON referral(case_id, created_at);
CREATE INDEX referral_to ON referral(to_agency_id, status, created_at);
CREATE INDEX referral_from ON referral(from_agency_id, status, due_at);
CREATE INDEX referral_due ON referral(status, due_at) WHERE escalated_at IS NULL;

-- Sessions delivered: a date, how many, a note.
CREATE TABLE referral_session (
	id		INTEGER PRIMARY KEY,
	referral_id	INTEGER NOT NULL REFERENCES referral(id),
	session_date	TEXT NOT NULL,
	count		INTEGER NOT NULL CHECK (count BETWEEN 1 AND 100),
	note		TEXT NOT NULL DEFAULT '',
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX referral_session_ref ON referral_session(referral_id, session_date);

-- Feedback from the receiving organisation to the sending worker.
CREATE TABLE referral_feedback (
	id		INTEGER PRIMARY KEY,
	referral_id	INTEGER NOT NULL REFERENCES referral(id),
	text		TEXT NOT NULL,
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX referral_feedback_ref ON referral_feedback(referral_id, created_at);

-- The reports an agency filed (reports in): its list.
CREATE INDEX report_referrer ON report(referrer_agency_id, received_at)
    WHERE referrer_agency_id IS NOT NULL;
