-- 0002 children, reports of concern (intake) and cases: the core of case
-- management (DOMAIN.md §3, §4). Times are Unix seconds (UTC); dates without
-- a time are text yyyy-mm-dd. Later steps (assessment, plan, review,
-- closure, transfer, deadlines) come in their own migrations and refer to
-- case_file.

-- A child, once, however many reports and cases. Names are kept as written;
-- fold_* hold the folded keys of src/util/names.c for matching and search.
CREATE TABLE child (
	id		INTEGER PRIMARY KEY,
	given_name	TEXT NOT NULL,
	family_name	TEXT NOT NULL DEFAULT '',
	parent_name	TEXT NOT NULL DEFAULT '',	-- emri i prindit
	sex		TEXT NOT NULL DEFAULT 'u' CHECK (sex IN ('f', 'm', 'u')),
	birth_date	TEXT CHECK (birth_date IS NULL OR
			    birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	birth_estimated	INTEGER NOT NULL DEFAULT 0 CHECK (birth_estimated IN (0, 1)),
	personal_number	TEXT,
	citizenship	TEXT NOT NULL DEFAULT '',
	stateless	INTEGER NOT NULL DEFAULT 0 CHECK (stateless IN (0, 1)),
	community	TEXT NOT NULL DEFAULT 'unknown' CHECK (community IN
			    ('albanian', 'serb', 'bosniak', 'turkish', 'roma',
			    'ashkali', 'egyptian', 'gorani', 'other', 'unknown')),
	language	TEXT NOT NULL DEFAULT '',
	disability	TEXT NOT NULL DEFAULT 'unknown' CHECK (disability IN
			    ('none', 'yes', 'unknown')),
	disability_note	TEXT NOT NULL DEFAULT '',
	school_status	TEXT NOT NULL DEFAULT 'unknown' CHECK (school_status IN
			    ('preschool', 'enrolled', 'irregular', 'dropped_out',
			    'never_enrolled', 'not_school_age', 'unknown')),
	address		TEXT NOT NULL DEFAULT '',
	municipality_id	INTEGER REFERENCES municipality(id),
	admin_unit	TEXT NOT NULL DEFAULT '',
	fold_given	TEXT NOT NULL DEFAULT '',
	fold_family	TEXT NOT NULL DEFAULT '',
	fold_parent	TEXT NOT NULL DEFAULT '',
	merged_into	INTEGER REFERENCES child(id),	-- set when merged away
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX child_pn ON child(personal_number) WHERE personal_number IS NOT NULL;
CREATE INDEX child_family ON child(fold_family, fold_given);
CREATE INDEX child_given ON child(fold_given);
CREATE INDEX child_birth ON child(birth_date);
CREATE INDEX child_municipality ON child(municipality_id);

-- Folded names (given, family, parent, in both orders) for fuzzy search;
-- rowid = child.id, kept by the child service in the same transaction.
CREATE VIRTUAL TABLE child_name_fts USING fts5(names, tokenize = 'trigram');

CREATE TABLE caregiver (
	id		INTEGER PRIMARY KEY,
	child_id	INTEGER NOT NULL REFERENCES child(id),
	name		TEXT NOT NULL,
	relation	TEXT NOT NULL CHECK (relation IN ('mother', 'father',
			    'grandparent', 'sibling', 'other_relative', 'foster',
			    'guardian', 'other')),
	is_guardian	INTEGER NOT NULL DEFAULT 0 CHECK (is_guardian IN (0, 1)),
	lives_with	INTEGER NOT NULL DEFAULT 1 CHECK (lives_with IN (0, 1)),
	phone		TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL
);
CREATE INDEX caregiver_child ON caregiver(child_id);

-- Siblings, linked across cases: one row per pair, lower id first.
CREATE TABLE child_link (
	child_a		INTEGER NOT NULL REFERENCES child(id),
	child_b		INTEGER NOT NULL REFERENCES child(id),
	relation	TEXT NOT NULL DEFAULT 'sibling' CHECK (relation IN
			    ('sibling', 'half_sibling')),
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (child_a, child_b),
	CHECK (child_a < child_b)
);

-- A report of concern from any channel: what is known of the child, as
-- reported. It lands in the intake of the owning agency of its
-- municipality, and becomes a case (registered) or is not admitted.
CREATE TABLE report (
	id		INTEGER PRIMARY KEY,
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	agency_id	INTEGER NOT NULL REFERENCES agency(id),	-- whose intake
	received_at	INTEGER NOT NULL,
	channel		TEXT NOT NULL CHECK (channel IN ('phone', 'in_person',
			    'email', 'letter', 'online', 'visit')),
	referrer_type	TEXT NOT NULL CHECK (referrer_type IN ('police', 'school',
			    'health', 'social_work', 'ngo', 'family', 'self',
			    'anonymous', 'other_municipality', 'community',
			    'systematic_visit', 'other')),
	referrer_name	TEXT NOT NULL DEFAULT '',
	referrer_contact TEXT NOT NULL DEFAULT '',
	referrer_agency_id INTEGER REFERENCES agency(id),
	child_id	INTEGER REFERENCES child(id),
	child_given	TEXT NOT NULL DEFAULT '',
	child_family	TEXT NOT NULL DEFAULT '',
	child_parent	TEXT NOT NULL DEFAULT '',
	child_sex	TEXT NOT NULL DEFAULT 'u' CHECK (child_sex IN ('f', 'm', 'u')),
	child_birth_date TEXT,
	child_age	INTEGER CHECK (child_age IS NULL OR child_age BETWEEN 0 AND 17),
	location	TEXT NOT NULL DEFAULT '',
	narrative	TEXT NOT NULL DEFAULT '',
	immediate_danger INTEGER NOT NULL DEFAULT 0 CHECK (immediate_danger IN (0, 1)),
	status		TEXT NOT NULL DEFAULT 'received' CHECK (status IN
			    ('received', 'registered', 'not_admitted')),
	decision_reason	TEXT NOT NULL DEFAULT '',
	onward_referral	TEXT NOT NULL DEFAULT '',
	case_id		INTEGER REFERENCES case_file(id),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	decided_by	INTEGER REFERENCES user(id),
	decided_at	INTEGER,
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX report_intake ON report(agency_id, status, received_at);
CREATE INDEX report_child ON report(child_id);

CREATE TABLE report_concern (
	report_id	INTEGER NOT NULL REFERENCES report(id),
	code		TEXT NOT NULL REFERENCES concern(code),
	PRIMARY KEY (report_id, code)
);

-- The last case number given per municipality and year.
CREATE TABLE case_counter (
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	year		INTEGER NOT NULL,
	last		INTEGER NOT NULL,
	PRIMARY KEY (municipality_id, year)
);

-- A case: number {country}-{municipality}-{year}-{seq}, e.g.
-- XK-09-2026-000123. Owned by an agency (the Centre for Social Work or the
-- Child Protection Unit), worked by a team and an assigned worker. Risk is
-- the latest validated-or-not level of risk_assessment, kept here for lists.
CREATE TABLE case_file (
	id		INTEGER PRIMARY KEY,
	number		TEXT NOT NULL UNIQUE,
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	team_id		INTEGER REFERENCES team(id),
	worker_id	INTEGER REFERENCES user(id),
	child_id	INTEGER NOT NULL REFERENCES child(id),
	report_id	INTEGER REFERENCES report(id),
	status		TEXT NOT NULL DEFAULT 'registered' CHECK (status IN
			    ('registered', 'screened', 'assessment', 'conference',
			    'plan_active', 'review', 'closed', 'transferred')),
	risk		TEXT CHECK (risk IS NULL OR risk IN ('low', 'medium', 'high')),
	emergency	INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
	restricted	INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
	source		TEXT NOT NULL,		-- the referrer type it came from
	rule_version	INTEGER NOT NULL DEFAULT 1,
	opened_at	INTEGER NOT NULL,
	closed_at	INTEGER,
	close_reason	TEXT,
	reopened_from	INTEGER REFERENCES case_file(id),
	created_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_child ON case_file(child_id);
CREATE INDEX case_worker ON case_file(worker_id, status);
CREATE INDEX case_team ON case_file(team_id, status);
CREATE INDEX case_agency ON case_file(agency_id, status);
CREATE INDEX case_municipality ON case_file(municipality_id, status);

-- Concerns of a case: several, exactly one primary.
CREATE TABLE case_concern (
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	code		TEXT NOT NULL REFERENCES concern(code),
	is_primary	INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
	PRIMARY KEY (case_id, code)
);
CREATE UNIQUE INDEX case_concern_primary ON case_concern(case_id)
	WHERE is_primary = 1;

-- Risk is a history, never an overwritten field.
CREATE TABLE risk_assessment (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	level		TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
	rationale	TEXT NOT NULL,
	author_id	INTEGER NOT NULL REFERENCES user(id),
	at		INTEGER NOT NULL,
	validated_by	INTEGER REFERENCES user(id),
	validated_at	INTEGER
);
CREATE INDEX risk_case ON risk_assessment(case_id, at);

-- The case timeline: every change with before and after, who and when.
CREATE TABLE case_event (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES user(id),
	kind		TEXT NOT NULL,
	field		TEXT NOT NULL DEFAULT '',
	before		TEXT NOT NULL DEFAULT '',
	after		TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_event_case ON case_event(case_id, at);
