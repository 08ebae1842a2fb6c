/*
 * notify.h — the in-app inbox (svc layer; issue 4 "Notifications"). A
 * service that does something worth a user's attention calls
 * notify_in_tx() inside its own transaction, so the notification exists
 * exactly when the write does. A notification names its object (type, id)
 * and the path that opens it, never a child's name: the inbox and any
 * e-mail built from it carry no personal data. Whether the user may still
 * open the object is decided when they follow the link, by the object's
 * own service.
 */
#ifndef RRJETI_NOTIFY_H
#define RRJETI_NOTIFY_H

#include <stdint.h>

#include "svc.h"

#define NOTIFY_LINK_MAX	200	/* bytes of the path */
#define NOTIFY_AGENCY_MAX 1000	/* users of one agency notified */

/* The kinds (notify.kind.* labels in po/): checklist, the set in notify.c. */
extern const char *const notify_kinds[];

/*
 * Adds a notification of kind about (type, object_id) for user_id, with
 * link, a path of this application ("/referrals/12"). SVC_INVALID when
 * kind is not one of notify_kinds, type is not lower-case letters and
 * underscores, or link does not start with '/'. Call it inside svc_tx().
 */
enum svc_rc	notify_in_tx(struct svc *, int64_t user_id, const char *kind,
		    const char *type, int64_t object_id, const char *link);
/* The same, but nothing when user_id already has a notification of kind
 * about (type, object_id): for reminders found by a periodic scan (a task
 * due, a placement about to expire), which must not repeat. */
enum svc_rc	notify_once_in_tx(struct svc *, int64_t user_id,
		    const char *kind, const char *type, int64_t object_id,
		    const char *link);
/* notify_in_tx() (once: notify_once_in_tx()) for every active user of
 * agency_id, or only those of role when role >= 0. */
enum svc_rc	notify_agency_in_tx(struct svc *, int64_t agency_id, int role,
		    int once, const char *kind, const char *type,
		    int64_t object_id, const char *link);

/* ---------------------------------------------------------------- inbox */

#define NOTIFY_PAGE	50	/* rows of one inbox page */
#define NOTIFY_PAGES	200	/* pages one may ask for */
#define NOTIFY_EMAIL_MAX 254	/* bytes of an address (RFC 5321) */

struct notify_item {
	int64_t		 id;
	const char	*kind;		/* one of notify_kinds */
	const char	*type;		/* the object's type and id */
	int64_t		 object_id;
	const char	*link;		/* a path of this application */
	int64_t		 created_at;
	int64_t		 read_at;	/* 0: unread */
};

/* The actor's unread count (the badge in every page's header: one indexed
 * count). *n = 0 for no actor. */
enum svc_rc	notify_unread(struct svc *, int64_t *n);
/* Page page (1..NOTIFY_PAGES) of the actor's inbox, unread first, newest
 * first; *more = 1 when a next page exists. SVC_INVALID for a bad page. */
enum svc_rc	notify_list(struct svc *, int page, struct notify_item **out,
		    size_t *n, int *more);
/* Marks the actor's notification id read (audited) and gives it. Another
 * user's, or none: SVC_NOTFOUND (audited as notification.denied). Already
 * read: SVC_OK, nothing written. */
enum svc_rc	notify_read(struct svc *, int64_t id, struct notify_item *out);
/* Marks all the actor's notifications read; *n how many were unread. */
enum svc_rc	notify_read_all(struct svc *, int64_t *n);

/* ---------------------------------------------------------------- triggers */

/* alert_triaged for every active member of community alert alert_id's
 * group (the link opens their group's page: no case data). In svc_tx(). */
enum svc_rc	notify_alert_triaged_in_tx(struct svc *, int64_t alert_id);
/* The task_due scan (scans[]): task_due, once, to the owner of every open
 * conference task due within NOTIFY_TASK_DAYS working days of now. */
#define NOTIFY_TASK_DAYS 2
enum svc_rc	notify_task_due_scan(struct svc *, int64_t now);

/* ---------------------------------------------------------------- e-mail */

/* user_id's address ("" none) and whether they want e-mail: the actor's
 * own, or (PERM_USERS_WRITE, else SVC_DENIED) a user the caller has just
 * shown through user_get(), which checked the scope and audited the read:
 * not again here. */
enum svc_rc	notify_email_get(struct svc *, int64_t user_id,
		    const char **email, int *on);
/* Sets them for user_id: the actor themself, or a user the actor may
 * administer (PERM_USERS_WRITE and user_get(): else SVC_DENIED or
 * SVC_NOTFOUND). SVC_INVALID "email" for a malformed address or e-mail
 * wanted without one. Audited (no address in the detail). */
enum svc_rc	notify_email_set(struct svc *, int64_t user_id,
		    const char *email, int on);
/* 1 when s is a plausible address: local@domain, printable ASCII without
 * spaces, quotes or angle brackets, at most NOTIFY_EMAIL_MAX bytes. */
int		notify_email_ok(const char *s);

#endif
