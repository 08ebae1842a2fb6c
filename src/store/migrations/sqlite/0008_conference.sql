-- 0008 case conferences (DOMAIN.md §2-§4): the meetings of the Case
-- Management Table (TMR, Kosovo) and of the Intersectoral Technical Group
-- (GTN, Albania), convened by a supervisor of the unit, with the invited
-- members (users), parents and the child (names only), attendance, the
-- agenda of cases with the decisions and protection measure of each, the
-- tasks with owner and deadline, and the next meeting. Times are Unix
-- seconds (UTC); dates without a time are text yyyy-mm-dd.

CREATE TABLE conference (
	id		INTEGER PRIMARY KEY,
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	kind		TEXT NOT NULL CHECK (kind IN ('tmr', 'gtn')),
	starts_at	INTEGER NOT NULL,
	place		TEXT NOT NULL,
	convenor_id	INTEGER NOT NULL REFERENCES user(id),
	status		TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
			    ('planned', 'held')),
	held_at		INTEGER,
	next_on		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX conference_agency ON conference(agency_id, starts_at);

-- An invitee: a user (kind 'member': a table member of the municipality or
-- a worker of the unit), or a parent or the child by name (no account).
CREATE TABLE conference_invitee (
	id		INTEGER PRIMARY KEY,
	conference_id	INTEGER NOT NULL REFERENCES conference(id),
	kind		TEXT NOT NULL CHECK (kind IN ('member', 'parent',
			    'child')),
	user_id		INTEGER REFERENCES user(id),
	name		TEXT NOT NULL DEFAULT '',
	attendance	TEXT NOT NULL DEFAULT 'unknown' CHECK (attendance IN
			    ('unknown', 'present', 'absent', 'excused')),
	created_at	INTEGER NOT NULL,
	CHECK ((kind = 'member') = (user_id IS NOT NULL)),
	UNIQUE (conference_id, user_id)
);
CREATE INDEX conference_invitee_user ON conference_invitee(user_id);

-- A case on the agenda (proposed = 1 when the proposal put it there), the
-- decisions taken and the protection measure chosen (svc/plan.c codes).
CREATE TABLE conference_case (
	id		INTEGER PRIMARY KEY,
	conference_id	INTEGER NOT NULL REFERENCES conference(id),
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	proposed	INTEGER NOT NULL DEFAULT 0 CHECK (proposed IN (0, 1)),
	decisions	TEXT NOT NULL DEFAULT '',
	measure		TEXT NOT NULL DEFAULT 'none' CHECK (measure IN ('none',
			    'family_supervision', 'alternative_care',
			    'emergency_placement')),
	added_by	INTEGER REFERENCES user(id),
	added_at	INTEGER NOT NULL,
	UNIQUE (conference_id, case_id)
);
CREATE INDEX conference_case_case ON conference_case(case_id);

-- A task decided for a case: owner (an invited user or the case's worker)
-- and deadline; it shows on the owner's "my work" until done.
CREATE TABLE conference_task (
	id		INTEGER PRIMARY KEY,
	conference_id	INTEGER NOT NULL REFERENCES conference(id),
	agenda_id	INTEGER NOT NULL REFERENCES conference_case(id),
	what		TEXT NOT NULL,
	owner_id	INTEGER NOT NULL REFERENCES user(id),
	due_on		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
			    'done')),
	done_at		INTEGER,
	done_by		INTEGER REFERENCES user(id),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX conference_task_owner ON conference_task(owner_id, due_on)
	WHERE status = 'open';
CREATE INDEX conference_task_agenda ON conference_task(agenda_id);
