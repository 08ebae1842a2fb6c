-- 0018 reports (issue 6): donor projects with their targets, the grants
-- and training programmes they report on (the beneficiary report of
-- DOMAIN.md §5), and the schedules and runs of the periodic reports
-- (`rrjeti report`). Dates without a time are text yyyy-mm-dd; times Unix
-- seconds (UTC); money in euro cents. Every row is written by
-- svc/report.c in the transaction of its audit row; no row is deleted
-- except a project's link to a grant or programme.

-- A project such as "Safe Network for Child Protection – Phase III".
CREATE TABLE project (
	id		INTEGER PRIMARY KEY,
	country		TEXT NOT NULL REFERENCES country(code),
	name		TEXT NOT NULL CHECK (name <> ''),
	donor_id	INTEGER REFERENCES donor(id),
	start_date	TEXT NOT NULL CHECK (start_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date	TEXT NOT NULL CHECK (end_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by	INTEGER NOT NULL,		-- user id (0: the command line)
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (end_date >= start_date),
	UNIQUE (country, name)
);

-- A target of a project. kind: 'children' (unique children, key ''),
-- 'child_category' (key: a category of grant_beneficiary_category),
-- 'professionals' (key ''), 'profile' (key: a training profile),
-- 'organisations' (key ''), 'amount' (cents, key ''). Checklist: the
-- kinds mirror report_target_kinds in svc/report.c and po/.
CREATE TABLE project_target (
	project_id	INTEGER NOT NULL REFERENCES project(id),
	kind		TEXT NOT NULL CHECK (kind IN ('children',
			    'child_category', 'professionals', 'profile',
			    'organisations', 'amount')),
	key		TEXT NOT NULL DEFAULT '',
	target		INTEGER NOT NULL CHECK (target >= 0),
	updated_by	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	PRIMARY KEY (project_id, kind, key)
) WITHOUT ROWID;

-- The grants whose people served count for the project.
CREATE TABLE project_grant (
	project_id	INTEGER NOT NULL REFERENCES project(id),
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	PRIMARY KEY (project_id, grant_id)
) WITHOUT ROWID;
CREATE INDEX project_grant_grant ON project_grant(grant_id);

-- The training programmes whose participants count for the project.
CREATE TABLE project_programme (
	project_id	INTEGER NOT NULL REFERENCES project(id),
	programme_id	INTEGER NOT NULL REFERENCES training_programme(id),
	PRIMARY KEY (project_id, programme_id)
) WITHOUT ROWID;

-- A periodic report: the monthly municipal extract ('monthly', one
-- municipality or, NULL, each of the country's) or the quarterly report
-- ('quarterly'). last_period: the last period produced ('' none), yyyy-mm
-- or yyyy-Qn. Checklist: kinds and formats mirror svc/report.c.
CREATE TABLE report_schedule (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
	country		TEXT NOT NULL REFERENCES country(code),
	municipality_id	INTEGER REFERENCES municipality(id),
	format		TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	last_period	TEXT NOT NULL DEFAULT '',
	created_by	INTEGER NOT NULL,
	created_at	INTEGER NOT NULL
);

-- One produced report (from a schedule or by hand): where it was written
-- and how big it is. The file itself is not kept in the database.
CREATE TABLE report_run (
	id		INTEGER PRIMARY KEY,
	schedule_id	INTEGER REFERENCES report_schedule(id),
	kind		TEXT NOT NULL,
	period		TEXT NOT NULL,
	municipality_id	INTEGER,
	format		TEXT NOT NULL,
	path		TEXT NOT NULL,
	rows		INTEGER NOT NULL,
	bytes		INTEGER NOT NULL,
	ran_by		INTEGER NOT NULL,
	ran_at		INTEGER NOT NULL
);
CREATE INDEX report_run_schedule ON report_run(schedule_id, period);
