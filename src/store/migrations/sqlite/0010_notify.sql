-- 0010 the in-app inbox (DOMAIN.md §2, issue 4 "Notifications"): one row
-- per user and event worth their attention (a referral received or
-- answered, a task due, a meeting invitation, an emergency placement
-- expiring, an alert triaged, a licence to renew). A row names its object
-- by type and id and carries the path to open it; never a child's name or
-- any other personal data, so that an inbox or an e-mail built from it
-- leaks nothing. Written by svc/notify.c only, in the transaction of the
-- write that caused it. The kinds are the set notify_kinds of svc/notify.c.
CREATE TABLE notification (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user(id),
	kind		TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND
			    length(kind) <= 40),
	object_type	TEXT NOT NULL CHECK (object_type GLOB '[a-z]*' AND
			    length(object_type) <= 40),
	object_id	INTEGER NOT NULL,
	link		TEXT NOT NULL CHECK (link GLOB '/*' AND length(link) <= 200),
	created_at	INTEGER NOT NULL,
	read_at		INTEGER
);
-- The inbox: a user's unread first, newest first.
CREATE INDEX notification_inbox ON notification(user_id, read_at, created_at);
-- notify_once_in_tx(): at most one row per user, kind and object.
CREATE INDEX notification_object ON notification(object_type, object_id, kind);
