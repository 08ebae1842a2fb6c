-- 0028 import jobs (issue 5): a file uploaded on the web, kept between its
-- preview and its confirmation. The file stays in the database (not in a
-- node's memory or disk), tied to its user, with its BLAKE2b hash checked
-- again before it is written, and it expires. Its check (a dry run) and its
-- import run in a background thread; the job row says where it is. The
-- per-row report is import_job_error (at most IMPORT_ERRORS_MAX rows; the
-- total is nerr_total). Written by svc/importjob.c only.
CREATE TABLE import_job (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind <> ''),
	format		TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
	filename	TEXT NOT NULL,
	size		INTEGER NOT NULL CHECK (size >= 0),
	hash		TEXT NOT NULL CHECK (length(hash) = 64),
	data		BLOB,		-- NULL once imported or expired
	-- checking: the dry run runs; checked: every row passed (may be
	-- confirmed); rejected: rows or the file failed; running: the import
	-- runs; done: written; failed: the import failed (nothing written)
	status		TEXT NOT NULL CHECK (status IN ('checking', 'checked',
			    'rejected', 'running', 'done', 'failed')),
	rows		INTEGER NOT NULL DEFAULT 0,
	ok		INTEGER NOT NULL DEFAULT 0,
	failed		INTEGER NOT NULL DEFAULT 0,
	written		INTEGER NOT NULL DEFAULT 0,
	nerr_total	INTEGER NOT NULL DEFAULT 0,
	msg		TEXT,		-- a message key for the whole file
	preview		TEXT,		-- JSON: the first rows as read
	created		INTEGER NOT NULL,
	updated		INTEGER NOT NULL,
	expires		INTEGER NOT NULL
);
CREATE INDEX import_job_user ON import_job(user_id, id);
CREATE INDEX import_job_expires ON import_job(expires);

CREATE TABLE import_job_error (
	job_id		INTEGER NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
	seq		INTEGER NOT NULL,
	row		INTEGER NOT NULL,
	col		TEXT,
	msg		TEXT NOT NULL,
	arg		TEXT,
	PRIMARY KEY (job_id, seq)
);
