-- 0015 e-mail for notifications (issue 4 "Notifications"): a user's
-- address and whether they want e-mail, and the outbox. A notification for
-- a user with email_notify = 1 and an address queues one outbox row in the
-- same transaction (svc/notify.c); the server drains the outbox in the
-- background (svc/mail.c) with retries and backoff. The message is built
-- when it is sent from the notification's kind and link and the user's
-- language and address at that moment: the outbox holds no text at all.
ALTER TABLE user ADD COLUMN email TEXT NOT NULL DEFAULT ''
	CHECK (length(email) <= 254);
ALTER TABLE user ADD COLUMN email_notify INTEGER NOT NULL DEFAULT 0
	CHECK (email_notify IN (0, 1));

CREATE TABLE mail_outbox (
	id		INTEGER PRIMARY KEY,
	notification_id	INTEGER NOT NULL REFERENCES notification(id),
	status		TEXT NOT NULL DEFAULT 'queued' CHECK (status IN
			    ('queued', 'sent', 'failed', 'dropped')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_at		INTEGER NOT NULL,	-- not before (backoff, lease)
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER,
	last_error	TEXT NOT NULL DEFAULT '' CHECK (length(last_error) <= 200)
);
-- The drain: what is queued and due, oldest first.
CREATE INDEX mail_outbox_due ON mail_outbox(next_at) WHERE status = 'queued';
