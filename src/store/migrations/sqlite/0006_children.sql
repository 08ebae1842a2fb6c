-- 0006 the child record (DOMAIN.md §4, §8): the history of every change of
-- a child (edits, caregivers, siblings, merges) with before and after, the
-- other spellings a child is known by (from the records merged into it),
-- and when and by whom a record was merged away. Times are Unix seconds.

-- The child's history, shown on the child page. Values are as shown then
-- (codes for coded fields, the municipality's name); the audit trail holds
-- ids and codes only.
CREATE TABLE child_event (
	id		INTEGER PRIMARY KEY,
	child_id	INTEGER NOT NULL REFERENCES child(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES user(id),
	kind		TEXT NOT NULL,
	field		TEXT NOT NULL DEFAULT '',
	before		TEXT NOT NULL DEFAULT '',
	after		TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX child_event_child ON child_event(child_id, at);

-- The names of a record merged into child_id (never deleted): its trigram
-- row (child_name_fts) carries these folds too, so every spelling finds it.
CREATE TABLE child_alias (
	id		INTEGER PRIMARY KEY,
	child_id	INTEGER NOT NULL REFERENCES child(id),
	from_child	INTEGER NOT NULL REFERENCES child(id),
	given_name	TEXT NOT NULL DEFAULT '',
	family_name	TEXT NOT NULL DEFAULT '',
	parent_name	TEXT NOT NULL DEFAULT '',
	fold_given	TEXT NOT NULL DEFAULT '',
	fold_family	TEXT NOT NULL DEFAULT '',
	fold_parent	TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL
);
CREATE INDEX child_alias_child ON child_alias(child_id);

ALTER TABLE child ADD COLUMN merged_at INTEGER;
ALTER TABLE child ADD COLUMN merged_by INTEGER REFERENCES user(id);
CREATE INDEX child_merged ON child(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX child_link_b ON child_link(child_b);
