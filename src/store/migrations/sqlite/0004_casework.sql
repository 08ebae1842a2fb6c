-- 0004 casework (DOMAIN.md §3, §4): the screening of a case with its risk
-- and protective factor checklists, the comprehensive assessment, and the
-- Individual Protection Plan (PIM) in versions with its goals and actions.
-- Times are Unix seconds (UTC); dates without a time are text yyyy-mm-dd.
-- Code lists (factors, sources, measures, agreement, participation) are
-- defined once in svc/assessment.c and svc/plan.c; lists of codes are
-- stored as text in the service's order, separated by commas.

-- A screening: several over the life of a case, each pointing at the risk
-- assessment row it wrote (risk stays a history in risk_assessment: the
-- level and the rationale are there). high_confirmed: the worker confirmed
-- a high risk without the emergency flag.
CREATE TABLE screening (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	risk_id		INTEGER NOT NULL UNIQUE REFERENCES risk_assessment(id),
	risk_factors	TEXT NOT NULL DEFAULT '' CHECK (risk_factors NOT GLOB '*[^a-z_,]*'),
	protective_factors TEXT NOT NULL DEFAULT '' CHECK (protective_factors NOT GLOB '*[^a-z_,]*'),
	sources		TEXT NOT NULL DEFAULT '' CHECK (sources NOT GLOB '*[^a-z_,]*'),
	emergency	INTEGER NOT NULL CHECK (emergency IN (0, 1)),
	high_confirmed	INTEGER NOT NULL DEFAULT 0 CHECK (high_confirmed IN (0, 1)),
	author_id	INTEGER NOT NULL REFERENCES user(id),
	at		INTEGER NOT NULL
);
CREATE INDEX screening_case ON screening(case_id, at);

-- The comprehensive assessment of a case: one per case (a later
-- reassessment belongs to the review), a finding per domain, draft until
-- completed, then read-only.
CREATE TABLE assessment (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL UNIQUE REFERENCES case_file(id),
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
			    'completed')),
	safety		TEXT NOT NULL DEFAULT '',
	health		TEXT NOT NULL DEFAULT '',
	education	TEXT NOT NULL DEFAULT '',
	family_care	TEXT NOT NULL DEFAULT '',
	economic	TEXT NOT NULL DEFAULT '',
	development	TEXT NOT NULL DEFAULT '',
	child_views	TEXT NOT NULL DEFAULT '',
	strengths	TEXT NOT NULL DEFAULT '',
	sources		TEXT NOT NULL DEFAULT '' CHECK (sources NOT GLOB '*[^a-z_,]*'),
	conclusion	TEXT NOT NULL DEFAULT '',
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_by	INTEGER NOT NULL REFERENCES user(id),
	updated_at	INTEGER NOT NULL,
	completed_by	INTEGER REFERENCES user(id),
	completed_at	INTEGER,
	CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

-- A version of the Individual Protection Plan: v1 draft -> submitted ->
-- active (approved by a supervisor) -> superseded by an approved revision
-- (version n+1, a draft copied from the active one). A returned plan is a
-- draft again with the supervisor's note. At most one version in progress
-- (draft or submitted) and one active per case.
CREATE TABLE plan (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	number		INTEGER NOT NULL CHECK (number >= 1),
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
			    'submitted', 'active', 'superseded')),
	measure		TEXT NOT NULL DEFAULT 'none' CHECK (measure IN ('none',
			    'family_supervision', 'alternative_care',
			    'emergency_placement')),
	review_on	TEXT CHECK (review_on IS NULL OR
			    review_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	parents		TEXT NOT NULL DEFAULT 'not_asked' CHECK (parents IN
			    ('agreed', 'refused', 'not_asked')),
	parents_reason	TEXT NOT NULL DEFAULT '',
	child_part	TEXT NOT NULL DEFAULT 'not_appropriate' CHECK (child_part IN
			    ('participated', 'views_recorded', 'not_appropriate')),
	child_note	TEXT NOT NULL DEFAULT '',
	return_note	TEXT NOT NULL DEFAULT '',
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	submitted_by	INTEGER REFERENCES user(id),
	submitted_at	INTEGER,
	decided_by	INTEGER REFERENCES user(id),	-- approved or returned
	decided_at	INTEGER,
	superseded_at	INTEGER,
	UNIQUE (case_id, number),
	CHECK (parents <> 'refused' OR parents_reason <> '')
);
CREATE UNIQUE INDEX plan_in_progress ON plan(case_id)
	WHERE status IN ('draft', 'submitted');
CREATE UNIQUE INDEX plan_active ON plan(case_id) WHERE status = 'active';

CREATE TABLE plan_goal (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id),
	pos		INTEGER NOT NULL,
	text		TEXT NOT NULL CHECK (text <> ''),
	UNIQUE (plan_id, pos)
);

-- An action of a plan: responsible is an agency of the system or a named
-- institution (exactly one), with a person, the service or provider and a
-- due date.
CREATE TABLE plan_action (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES plan(id),
	what		TEXT NOT NULL CHECK (what <> ''),
	agency_id	INTEGER REFERENCES agency(id),
	institution	TEXT NOT NULL DEFAULT '',
	person		TEXT NOT NULL DEFAULT '',
	service		TEXT NOT NULL DEFAULT '',
	due_on		TEXT NOT NULL CHECK (due_on GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open',
			    'done')),
	done_at		INTEGER,
	created_at	INTEGER NOT NULL,
	CHECK ((agency_id IS NULL) <> (institution = ''))
);
CREATE INDEX plan_goal_plan ON plan_goal(plan_id);
CREATE INDEX plan_action_plan ON plan_action(plan_id);
