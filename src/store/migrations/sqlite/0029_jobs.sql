-- 0029 jobs across nodes (issue 7). Several `rrjeti serve` processes on one
-- database run each scheduled job (the reminder scans, the e-mail outbox,
-- the report schedules) once: a node runs a job only while it holds the
-- job's lease, a row here taken with one conditional UPDATE in a write
-- transaction (free, expired, or already its own), renewed while the node
-- lives, and taken over by another node when it expires (a node that
-- stopped or crashed renews no more). Written by svc/job.c only.
CREATE TABLE job_lease (
	name		TEXT PRIMARY KEY CHECK (name <> ''),
	holder		TEXT NOT NULL DEFAULT '',	-- node id, '' when free
	expires		INTEGER NOT NULL DEFAULT 0,	-- Unix seconds
	taken		INTEGER NOT NULL DEFAULT 0	-- when the holder took it
);
INSERT INTO job_lease (name) VALUES ('scan');
INSERT INTO job_lease (name) VALUES ('mail');
INSERT INTO job_lease (name) VALUES ('reports');

-- A running import's progress, written by the node that runs it, so any
-- node's /imports page shows it: rows checked (done) of the rows read
-- (total), when it was last written, and the node.
ALTER TABLE import_job ADD COLUMN done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN progress_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN node TEXT;
