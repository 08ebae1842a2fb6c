/*
 * notify.c — the in-app inbox: adding notifications (svc layer). See
 * notify.h.
 */
#include <stdint.h>
#include <string.h>

#include "../authz/authz.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "notify.h"
#include "svc.h"

/* Checklist: the notify.kind.* labels in po/. */
const char *const notify_kinds[] = {
	"referral_received",	/* a provider's users: a new referral */
	"referral_answered",	/* the sending worker: accepted, declined,
				 * wait-listed, service started, feedback */
	"referral_overdue",	/* the sending worker: no answer in time */
	"report_received",	/* the Centre: a report from police, school,
				 * health */
	"task_assigned",	/* a conference task's owner */
	"task_due",		/* the same, when the deadline is near */
	"meeting_invited",	/* an invitee of a conference */
	"placement_expiring",	/* a 72-hour emergency placement */
	"measure_expiring",	/* a protection measure near its expiry */
	"alert_triaged",	/* a community group: its alert was handled */
	"licence_expiring",	/* a provider's licence: 90 and 30 days */
	"visit_planned",	/* a systematic visit's participants */
	NULL
};

static int
type_ok(const char *t)
{
	size_t i;

	if (t == NULL || t[0] == '\0' || strlen(t) > 40)
		return 0;
	for (i = 0; t[i] != '\0'; i++)
		if (!((t[i] >= 'a' && t[i] <= 'z') || t[i] == '_'))
			return 0;
	return 1;
}

static enum svc_rc
add(struct svc *s, int64_t user_id, const char *kind, const char *type,
    int64_t object_id, const char *link, int once)
{
	struct sp p[6];
	enum store_rc rc;

	if (user_id <= 0 || !svc_in_set(notify_kinds, kind) || !type_ok(type) ||
	    link == NULL || link[0] != '/' || strlen(link) > NOTIFY_LINK_MAX ||
	    !svc_text_ok(link, NOTIFY_LINK_MAX, 0))
		return svc_fail(s, SVC_INVALID, NULL, "error.invalid");
	p[0] = sp_int(user_id);
	p[1] = sp_text(kind);
	p[2] = sp_text(type);
	p[3] = sp_int(object_id);
	p[4] = sp_text(link);
	p[5] = sp_int(clock_now());
	rc = store_exec(s->st, once ? Q_NT_INSERT_ONCE : Q_NT_INSERT, p, 6,
	    NULL, NULL, NULL);
	return svc_from_store(rc);
}

enum svc_rc
notify_in_tx(struct svc *s, int64_t user_id, const char *kind,
    const char *type, int64_t object_id, const char *link)
{
	return add(s, user_id, kind, type, object_id, link, 0);
}

enum svc_rc
notify_once_in_tx(struct svc *s, int64_t user_id, const char *kind,
    const char *type, int64_t object_id, const char *link)
{
	return add(s, user_id, kind, type, object_id, link, 1);
}

static int
user_cb(void *arg, const struct store_row *r)
{
	int64_t *id;

	if ((id = avec_next(arg)) == NULL)
		return 1;
	*id = srow_int(r, 0);
	return 0;
}

enum svc_rc
notify_agency_in_tx(struct svc *s, int64_t agency_id, int role, int once,
    const char *kind, const char *type, int64_t object_id, const char *link)
{
	struct avec u;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	avec_init(&u, s->a, sizeof(int64_t), NOTIFY_AGENCY_MAX);
	p[0] = sp_int(agency_id);
	p[1] = role >= 0 ? sp_text(role_name((enum role)role)) : sp_null();
	rc = store_exec(s->st, Q_NT_AGENCY_USERS, p, 2, user_cb, &u, NULL);
	if (u.oom)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	if (rc != STORE_OK)
		return svc_from_store(rc);
	for (i = 0; i < u.n; i++)
		if ((src = add(s, ((int64_t *)u.v)[i], kind, type, object_id, link, once)) !=
		    SVC_OK)
			return src;
	return SVC_OK;
}
