-- 0014 donors and their funding programmes, grant agreements with a
-- grantee organisation (an agency of type 'provider': a licensed provider
-- or an NGO), the services and municipalities each grant funds, its
-- reporting dates, the grantee's pseudonymous beneficiaries and the
-- services delivered to them; municipal action plans for social services
-- with objectives, indicators and progress (DOMAIN.md §5, §6; issue 5).
-- Dates without a time are text yyyy-mm-dd; times Unix seconds (UTC);
-- money in euro cents. Every row is written by svc/grant.c or
-- svc/action_plan.c in the transaction of its audit row; no row is ever
-- deleted. People served are never typed: grant_reach counts them.

CREATE TABLE donor (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('bilateral', 'multilateral',
			    'foundation', 'government', 'other')),
	country		TEXT NOT NULL DEFAULT '',	-- where the donor is from
	programme	TEXT NOT NULL,			-- the funding programme
	programme_start	TEXT NOT NULL CHECK (programme_start GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	programme_end	TEXT NOT NULL CHECK (programme_end GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_by	INTEGER NOT NULL,		-- user id (0: the command line)
	created_at	INTEGER NOT NULL,
	CHECK (programme_end >= programme_start),
	UNIQUE (name, programme)
);

-- Checklist: status mirrors grant_statuses of svc/grant.c, the
-- grant.status.* labels in po/ and routes_grant_fields.inc.
CREATE TABLE grant_agreement (
	id		INTEGER PRIMARY KEY,
	donor_id	INTEGER NOT NULL REFERENCES donor(id),
	grantee_id	INTEGER NOT NULL REFERENCES agency(id),
	number		TEXT NOT NULL,
	title		TEXT NOT NULL,
	amount_cents	INTEGER NOT NULL CHECK (amount_cents > 0),
	start_date	TEXT NOT NULL CHECK (start_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date	TEXT NOT NULL CHECK (end_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN
			    ('active', 'suspended', 'closed')),
	created_by	INTEGER NOT NULL,
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (end_date >= start_date),
	UNIQUE (donor_id, number)
);
CREATE INDEX grant_agreement_grantee ON grant_agreement(grantee_id);

-- The services a grant funds: codes of provider_services (svc/provider.h).
CREATE TABLE grant_service (
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	service		TEXT NOT NULL,
	PRIMARY KEY (grant_id, service)
);

CREATE TABLE grant_municipality (
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	PRIMARY KEY (grant_id, municipality_id)
);
CREATE INDEX grant_municipality_muni ON grant_municipality(municipality_id);

-- A reporting date of a grant; the grantee's delivery report for it is
-- reported_at (NULL: not yet; late once due_date has passed).
CREATE TABLE grant_report (
	id		INTEGER PRIMARY KEY,
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	due_date	TEXT NOT NULL CHECK (due_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	reported_at	INTEGER,
	reported_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (grant_id, due_date)
);

-- A person served by a grantee: a code the grantee uses, never a name.
-- kind 'child' or 'adult'; an age band or a birth year (at least one).
-- child_id: a link to a case's child when the grantee received a referral
-- for it (later; NULL today). Checklist: the sets mirror svc/grant.c
-- (grant_kinds, grant_age_bands, grant_categories) and po/.
CREATE TABLE grant_beneficiary (
	id		INTEGER PRIMARY KEY,
	grantee_id	INTEGER NOT NULL REFERENCES agency(id),
	code		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('child', 'adult')),
	sex		TEXT NOT NULL CHECK (sex IN ('f', 'm', 'u')),
	age_band	TEXT CHECK (age_band IN ('0_5', '6_11', '12_14', '15_17',
			    '18_64', '65_plus')),
	birth_year	INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
	child_id	INTEGER REFERENCES child(id),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	CHECK (age_band IS NOT NULL OR birth_year IS NOT NULL),
	UNIQUE (grantee_id, code)
);

CREATE TABLE grant_beneficiary_category (
	beneficiary_id	INTEGER NOT NULL REFERENCES grant_beneficiary(id),
	category	TEXT NOT NULL CHECK (category IN ('at_risk',
			    'violence_survivor', 'domestic_violence', 'trafficking',
			    'elderly', 'disability')),
	PRIMARY KEY (beneficiary_id, category)
);

-- A service delivered under a grant (a service the grant funds) to one of
-- the grantee's beneficiaries.
CREATE TABLE grant_delivery (
	id		INTEGER PRIMARY KEY,
	grant_id	INTEGER NOT NULL REFERENCES grant_agreement(id),
	service		TEXT NOT NULL,
	beneficiary_id	INTEGER NOT NULL REFERENCES grant_beneficiary(id),
	delivered_on	TEXT NOT NULL CHECK (delivered_on GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	recorded_by	INTEGER NOT NULL REFERENCES user(id),
	recorded_at	INTEGER NOT NULL,
	FOREIGN KEY (grant_id, service) REFERENCES grant_service(grant_id, service)
);
CREATE INDEX grant_delivery_grant ON grant_delivery(grant_id, beneficiary_id);

-- People served per grant: one beneficiary served many times counts
-- once; children and adults; cents per person served (NULL before the
-- first person). For the reports of issue 6.
CREATE VIEW grant_reach AS
SELECT g.id AS grant_id, g.amount_cents,
	count(DISTINCT d.beneficiary_id) AS people,
	count(DISTINCT CASE WHEN b.kind = 'child' THEN b.id END) AS children,
	count(DISTINCT CASE WHEN b.kind = 'adult' THEN b.id END) AS adults,
	CASE WHEN count(DISTINCT d.beneficiary_id) > 0 THEN g.amount_cents /
	    count(DISTINCT d.beneficiary_id) END AS cents_per_person
FROM grant_agreement g
LEFT JOIN grant_delivery d ON d.grant_id = g.id
LEFT JOIN grant_beneficiary b ON b.id = d.beneficiary_id
GROUP BY g.id;

-- People served per grant and category: a person in two categories counts
-- once in each.
CREATE VIEW grant_reach_category AS
SELECT d.grant_id, c.category, count(DISTINCT d.beneficiary_id) AS people
FROM grant_delivery d
JOIN grant_beneficiary_category c ON c.beneficiary_id = d.beneficiary_id
GROUP BY d.grant_id, c.category;

-- A municipal action plan for social services.
CREATE TABLE action_plan (
	id		INTEGER PRIMARY KEY,
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	title		TEXT NOT NULL,
	period_start	TEXT NOT NULL CHECK (period_start GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	period_end	TEXT NOT NULL CHECK (period_end GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	adopted_on	TEXT,
	institution	TEXT NOT NULL,		-- responsible institution
	created_by	INTEGER NOT NULL,
	created_at	INTEGER NOT NULL,
	CHECK (period_end > period_start),
	UNIQUE (municipality_id, title, period_start)
);

CREATE TABLE action_plan_objective (
	id		INTEGER PRIMARY KEY,
	plan_id		INTEGER NOT NULL REFERENCES action_plan(id),
	title		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	UNIQUE (plan_id, title)
);

-- Values in hundredths (12,5 % is 1250).
CREATE TABLE action_plan_indicator (
	id		INTEGER PRIMARY KEY,
	objective_id	INTEGER NOT NULL REFERENCES action_plan_objective(id),
	name		TEXT NOT NULL,
	unit		TEXT NOT NULL,
	baseline	INTEGER NOT NULL CHECK (baseline >= 0),
	target		INTEGER NOT NULL CHECK (target >= 0),
	direction	TEXT NOT NULL CHECK (direction IN ('up', 'down')),
	created_at	INTEGER NOT NULL,
	CHECK ((direction = 'up' AND target > baseline) OR
	    (direction = 'down' AND target < baseline)),
	UNIQUE (objective_id, name)
);

CREATE TABLE action_plan_progress (
	id		INTEGER PRIMARY KEY,
	indicator_id	INTEGER NOT NULL REFERENCES action_plan_indicator(id),
	period_end	TEXT NOT NULL CHECK (period_end GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	value		INTEGER NOT NULL CHECK (value >= 0),
	note		TEXT NOT NULL DEFAULT '',
	recorded_by	INTEGER NOT NULL,
	recorded_at	INTEGER NOT NULL,
	UNIQUE (indicator_id, period_end)
);
