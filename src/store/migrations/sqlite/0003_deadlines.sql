-- 0003 deadlines (DOMAIN.md §3): the versioned rule sets per country
-- profile, the deadlines of each case, and the administrator's additions to
-- and cancellations of the public holidays of data/holidays.csv. Times are
-- Unix seconds (UTC); dates without a time are text yyyy-mm-dd.

-- A version of a country's rules. A case keeps the version in force when it
-- was opened (case_file.rule_version); a new version (a later
-- effective_from) changes new cases only.
CREATE TABLE rule_set (
	country		TEXT NOT NULL CHECK (country IN ('XK', 'AL')),
	version		INTEGER NOT NULL CHECK (version >= 1),
	effective_from	INTEGER NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (country, version)
);

-- One deadline rule: the step, the risk level it applies to ('any': every
-- level without a row of its own) and the period. Units: hours (elapsed),
-- working days (the country's calendar), months (calendar months).
-- Checklist: steps and units mirror svc/deadline.c (step_names, unit).
CREATE TABLE deadline_rule (
	country		TEXT NOT NULL,
	version		INTEGER NOT NULL,
	step		TEXT NOT NULL CHECK (step IN ('registration',
			    'first_contact', 'assessment', 'conference', 'plan',
			    'review')),
	risk		TEXT NOT NULL CHECK (risk IN ('any', 'low', 'medium',
			    'high')),
	amount		INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 3660),
	unit		TEXT NOT NULL CHECK (unit IN ('hours', 'working_days',
			    'months')),
	PRIMARY KEY (country, version, step, risk),
	FOREIGN KEY (country, version) REFERENCES rule_set(country, version)
);

INSERT INTO rule_set (country, version, effective_from, note) VALUES
	('XK', 1, 0, 'DOMAIN.md §3 defaults'),
	('AL', 1, 0, 'DOMAIN.md §3 defaults');
INSERT INTO deadline_rule (country, version, step, risk, amount, unit)
SELECT k.country, 1, r.step, r.risk, r.amount, r.unit
FROM (SELECT 'XK' AS country UNION ALL SELECT 'AL') k,
(SELECT 'registration' AS step, 'any' AS risk, 0 AS amount, 'working_days' AS unit
 UNION ALL SELECT 'first_contact', 'high', 24, 'hours'
 UNION ALL SELECT 'first_contact', 'medium', 72, 'hours'
 UNION ALL SELECT 'first_contact', 'low', 168, 'hours'
 UNION ALL SELECT 'assessment', 'high', 10, 'working_days'
 UNION ALL SELECT 'assessment', 'medium', 15, 'working_days'
 UNION ALL SELECT 'conference', 'high', 3, 'working_days'
 UNION ALL SELECT 'conference', 'medium', 10, 'working_days'
 UNION ALL SELECT 'plan', 'any', 5, 'working_days'
 UNION ALL SELECT 'review', 'high', 1, 'months'
 UNION ALL SELECT 'review', 'medium', 3, 'months'
 UNION ALL SELECT 'review', 'low', 6, 'months') r;

-- The deadlines of a case, one row per step. due_at is the instant the step
-- becomes overdue (NULL: no deadline applies yet, e.g. a contact recorded
-- before screening); escalated_at is when an overdue step was first listed
-- to the unit's supervisor.
CREATE TABLE deadline (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	step		TEXT NOT NULL CHECK (step IN ('registration',
			    'first_contact', 'assessment', 'conference', 'plan',
			    'review')),
	start_at	INTEGER NOT NULL,
	due_at		INTEGER,
	done_at		INTEGER,
	done_by		INTEGER REFERENCES user(id),
	escalated_at	INTEGER,
	rule_version	INTEGER NOT NULL,
	UNIQUE (case_id, step)
);
CREATE INDEX deadline_open ON deadline(due_at) WHERE done_at IS NULL;

-- An administrator's dates on top of data/holidays.csv (struct
-- cal_extra_day): a day off added (cancel = 0) or a day off cancelled
-- (cancel = 1).
CREATE TABLE holiday_extra (
	id		INTEGER PRIMARY KEY,
	country		TEXT NOT NULL CHECK (country IN ('XK', 'AL')),
	date		TEXT NOT NULL CHECK (date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	cancel		INTEGER NOT NULL CHECK (cancel IN (0, 1)),
	shift		INTEGER NOT NULL DEFAULT 0 CHECK (shift IN (0, 1)),
	name		TEXT NOT NULL DEFAULT '',
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (country, date, cancel)
);
