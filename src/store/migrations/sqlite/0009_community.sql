-- 0009 informed consent (pëlqim i informuar) on a case with its scope by
-- agency and data category, withdrawal and the supervisor's override; the
-- community advisory groups (GKK) of a municipality with their members,
-- early-identification alerts and community initiatives (DOMAIN.md §2, §4,
-- §5). Dates without a time are text yyyy-mm-dd; times Unix seconds (UTC).
-- Every row is written by svc/consent.c or svc/community.c in the
-- transaction of its audit row. No row is ever deleted.

-- A consent (kind 'consent': who gave it and their relation) or a
-- supervisor's override (kind 'override': the code and the reason). The
-- scope: all_agencies = 1 (every agency of the network), or the agencies of
-- consent_agency; the data categories of consent_category. Checklist: the
-- sets mirror svc/consent.c (consent_relations, consent_categories,
-- consent_override_codes), the consent.* labels in po/ and
-- routes_community_fields.inc.
CREATE TABLE consent (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES case_file(id),
	kind		TEXT NOT NULL CHECK (kind IN ('consent', 'override')),
	giver_name	TEXT NOT NULL DEFAULT '',
	relation	TEXT NOT NULL DEFAULT '' CHECK (relation IN ('', 'parent',
			    'guardian', 'child')),
	override_code	TEXT NOT NULL DEFAULT '' CHECK (override_code IN ('',
			    'best_interest', 'legal_duty')),
	override_reason	TEXT NOT NULL DEFAULT '',
	all_agencies	INTEGER NOT NULL DEFAULT 0 CHECK (all_agencies IN (0, 1)),
	consent_date	TEXT NOT NULL CHECK (consent_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	withdrawn_date	TEXT CHECK (withdrawn_date IS NULL OR withdrawn_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	withdrawn_reason TEXT NOT NULL DEFAULT '',
	withdrawn_by	INTEGER REFERENCES user(id),
	withdrawn_at	INTEGER,
	CHECK ((kind = 'consent' AND relation <> '' AND giver_name <> '') OR
	    (kind = 'override' AND override_code <> '' AND override_reason <> ''))
);
CREATE INDEX consent_case ON consent(case_id, created_at);
CREATE INDEX consent_override ON consent(kind, created_at);

CREATE TABLE consent_agency (
	consent_id	INTEGER NOT NULL REFERENCES consent(id),
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	PRIMARY KEY (consent_id, agency_id)
);

CREATE TABLE consent_category (
	consent_id	INTEGER NOT NULL REFERENCES consent(id),
	category	TEXT NOT NULL CHECK (category IN ('identity', 'contact',
			    'case_summary', 'assessment', 'plan', 'health',
			    'education')),
	PRIMARY KEY (consent_id, category)
);

CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN
	SELECT RAISE(ABORT, 'consent records are never deleted');
END;

-- A community advisory group (grupi këshillimor i komunitetit, GKK) of a
-- municipality and the communities it represents (the community codes of
-- child.community).
CREATE TABLE community_group (
	id		INTEGER PRIMARY KEY,
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	name		TEXT NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (municipality_id, name)
);

CREATE TABLE community_group_community (
	group_id	INTEGER NOT NULL REFERENCES community_group(id),
	community	TEXT NOT NULL CHECK (community IN ('albanian', 'serb',
			    'bosniak', 'turkish', 'roma', 'ashkali', 'egyptian',
			    'gorani', 'other')),
	PRIMARY KEY (group_id, community)
);

-- A user of role community_member belongs to one group.
CREATE TABLE community_member (
	user_id		INTEGER PRIMARY KEY REFERENCES user(id),
	group_id	INTEGER NOT NULL REFERENCES community_group(id),
	added_by	INTEGER NOT NULL REFERENCES user(id),
	added_at	INTEGER NOT NULL
);
CREATE INDEX community_member_group ON community_member(group_id);

-- An early-identification alert: where, what was seen, a description of
-- the child (no name needed), immediate danger. The Centre triages it into
-- a report of concern (report_id) or "not admitted" with a reason; the
-- group sees only received / handled.
CREATE TABLE community_alert (
	id		INTEGER PRIMARY KEY,
	group_id	INTEGER NOT NULL REFERENCES community_group(id),
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	location	TEXT NOT NULL,
	seen		TEXT NOT NULL,
	child_description TEXT NOT NULL DEFAULT '',
	immediate_danger INTEGER NOT NULL DEFAULT 0 CHECK (immediate_danger IN (0, 1)),
	filed_by	INTEGER NOT NULL REFERENCES user(id),
	filed_at	INTEGER NOT NULL,
	status		TEXT NOT NULL DEFAULT 'received' CHECK (status IN
			    ('received', 'admitted', 'not_admitted')),
	decision_reason	TEXT NOT NULL DEFAULT '',
	report_id	INTEGER REFERENCES report(id),
	decided_by	INTEGER REFERENCES user(id),
	decided_at	INTEGER,
	version		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX community_alert_group ON community_alert(group_id, filed_at);
CREATE INDEX community_alert_muni ON community_alert(municipality_id, status);

-- A community initiative (micro-initiative, summer camp, ...) of a group:
-- participants counted by sex and age band, no names.
CREATE TABLE community_initiative (
	id		INTEGER PRIMARY KEY,
	group_id	INTEGER NOT NULL REFERENCES community_group(id),
	title		TEXT NOT NULL,
	type		TEXT NOT NULL CHECK (type IN ('micro_initiative',
			    'summer_camp', 'awareness', 'other')),
	start_date	TEXT NOT NULL,
	end_date	TEXT NOT NULL,
	place		TEXT NOT NULL,
	f_0_5 INTEGER NOT NULL DEFAULT 0, m_0_5 INTEGER NOT NULL DEFAULT 0,
	f_6_11 INTEGER NOT NULL DEFAULT 0, m_6_11 INTEGER NOT NULL DEFAULT 0,
	f_12_14 INTEGER NOT NULL DEFAULT 0, m_12_14 INTEGER NOT NULL DEFAULT 0,
	f_15_17 INTEGER NOT NULL DEFAULT 0, m_15_17 INTEGER NOT NULL DEFAULT 0,
	f_adult INTEGER NOT NULL DEFAULT 0, m_adult INTEGER NOT NULL DEFAULT 0,
	author_id	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	CHECK (end_date >= start_date)
);
CREATE INDEX community_initiative_group ON community_initiative(group_id, start_date);
