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

#endif
