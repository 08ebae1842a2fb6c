-- 0030 the register of professionals written faster (issue 5: 100,000
-- training participants imported within 3x `sqlite3 .import`).
--
-- The profile CHECK of 0016 was `profile IN (nine values)`. SQLite codes
-- an IN list of more than two constants as a temporary b-tree, and inside
-- a CHECK it builds that b-tree again for every row written (it cannot
-- keep it across rows there): it was most of the cost of writing a
-- professional. The same rule written as `profile = 'a' OR profile = 'b'
-- ...` is nine comparisons. SQLite cannot alter a CHECK, so the table is
-- rebuilt as 0027 rebuilt user (the manual's "Making Other Kinds Of Table
-- Schema Changes"): the runner's transaction ended, foreign keys off, the
-- rows copied with their ids (every reference to them still holds), the
-- old table dropped, the new one renamed, and a transaction opened again
-- for the runner's user_version and COMMIT. Run twice (a crash between the
-- two commits), it does the same again.
--
-- And the indexes: of the three of 0016 no query used two
-- (EXPLAIN QUERY PLAN of every query that reads the table, docs/
-- PERFORMANCE.md): professional_fold_given (the candidate search scans,
-- its OR holds a substr() no index serves) and professional_municipality
-- (the list's municipality filter is `?2 = 0 OR municipality_id = ?2`).
-- Every index is written with every row, so both go. The list is ordered
-- by folded family name, given name and id: professional_fold_family now
-- holds (fold_family, fold_given), so it gives that order whole (the id is
-- the rowid, at the end of every index entry) with no sort.
COMMIT;
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TABLE IF EXISTS professional_new;
CREATE TABLE professional_new (
	id		INTEGER PRIMARY KEY,
	given_name	TEXT NOT NULL CHECK (given_name <> ''),
	family_name	TEXT NOT NULL CHECK (family_name <> ''),
	fold_given	TEXT NOT NULL,
	fold_family	TEXT NOT NULL,
	sex		TEXT NOT NULL CHECK (sex IN ('female', 'male')),
	profile		TEXT NOT NULL CHECK (profile = 'social_worker' OR
			    profile = 'head_social_services' OR
			    profile = 'child_protection_worker' OR
			    profile = 'health' OR profile = 'education' OR
			    profile = 'police' OR profile = 'ngo' OR
			    profile = 'ministry' OR profile = 'local_staff'),
	agency_id	INTEGER REFERENCES agency(id),
	organisation	TEXT NOT NULL DEFAULT '',
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	email		TEXT NOT NULL DEFAULT '',
	merged_into	INTEGER REFERENCES professional(id),
	created_by	INTEGER NOT NULL REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK (agency_id IS NOT NULL OR organisation <> '')
);
INSERT INTO professional_new (id, given_name, family_name, fold_given,
    fold_family, sex, profile, agency_id, organisation, municipality_id,
    email, merged_into, created_by, created_at, version)
    SELECT id, given_name, family_name, fold_given, fold_family, sex,
    profile, agency_id, organisation, municipality_id, email, merged_into,
    created_by, created_at, version FROM professional;
DROP TABLE professional;
ALTER TABLE professional_new RENAME TO professional;
CREATE INDEX IF NOT EXISTS professional_fold_family ON
    professional(fold_family, fold_given);
COMMIT;
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
