/*
 * notify.c — the in-app inbox: adding notifications (svc layer). See
 * notify.h.
 */
#include <stdint.h>
#include <string.h>

#include "../audit/audit.h"
#include "../authz/authz.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "deadline.h"
#include "notify.h"
#include "svc.h"
#include "user.h"

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
	"referral_cancelled",	/* the receiving organisation: cancelled or
				 * withdrawn by the sender */
	"grant_report_due",	/* a grantee and the grant's municipal
				 * administrators: a reporting date passed
				 * without a report */
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
	struct sp p[6], q[3];
	enum store_rc rc;
	int64_t id = 0, out = 0;

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
	    store_cb_int, &id, NULL);
	if (rc != STORE_OK || id == 0)
		return svc_from_store(rc);
	/* E-mail, when the user wants it: queued in this transaction, sent
	 * by the server in the background (svc/mail.c). */
	q[0] = sp_int(id);
	q[1] = sp_int(user_id);
	q[2] = p[5];
	rc = store_exec(s->st, Q_NT_OUTBOX_QUEUE, q, 3, store_cb_int, &out,
	    NULL);
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

/* ---------------------------------------------------------------- inbox */

static enum svc_rc
unavailable(struct svc *s, enum store_rc rc)
{
	return svc_fail(s, rc == STORE_BUSY ? SVC_UNAVAILABLE :
	    svc_from_store(rc), NULL, "error.unavailable");
}

enum svc_rc
notify_unread(struct svc *s, int64_t *n)
{
	struct sp p[1];
	enum store_rc rc;

	*n = 0;
	if (s->actor == NULL || s->actor->id <= 0)
		return SVC_OK;
	if (svc_memo_get(s, MEMO_UNREAD, 0, n, sizeof(*n)))
		return SVC_OK;
	p[0] = sp_int(s->actor->id);
	if ((rc = store_exec(s->st, Q_NT_UNREAD, p, 1, store_cb_int, n,
	    NULL)) != STORE_OK)
		return unavailable(s, rc);
	svc_memo_put(s, MEMO_UNREAD, 0, n, sizeof(*n));
	return SVC_OK;
}

struct item_list {
	struct arena	*a;
	struct avec	 l;
};

static void
item_of(struct arena *a, const struct store_row *r, struct notify_item *it)
{
	it->id = srow_int(r, 0);
	it->kind = arena_strdup(a, svc_nz(srow_text(r, 1)));
	it->type = arena_strdup(a, svc_nz(srow_text(r, 2)));
	it->object_id = srow_int(r, 3);
	it->link = arena_strdup(a, svc_nz(srow_text(r, 4)));
	it->created_at = srow_int(r, 5);
	it->read_at = srow_int(r, 6);
}

static int
item_cb(void *arg, const struct store_row *r)
{
	struct item_list *x = arg;
	struct notify_item *it;

	if ((it = avec_next(&x->l)) == NULL)
		return 1;
	item_of(x->a, r, it);
	return 0;
}

enum svc_rc
notify_list(struct svc *s, int page, struct notify_item **out, size_t *n,
    int *more)
{
	struct item_list x;
	struct sp p[3];
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	*more = 0;
	if (s->actor == NULL || s->actor->id <= 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (page < 1 || page > NOTIFY_PAGES)
		return svc_fail(s, SVC_INVALID, "page", "error.field.invalid");
	x.a = s->a;
	avec_init(&x.l, s->a, sizeof(**out), NOTIFY_PAGE + 1);
	p[0] = sp_int(s->actor->id);
	p[1] = sp_int(NOTIFY_PAGE + 1);
	p[2] = sp_int((int64_t)(page - 1) * NOTIFY_PAGE);
	if ((rc = store_exec(s->st, Q_NT_LIST, p, 3, item_cb, &x, NULL)) !=
	    STORE_OK)
		return unavailable(s, rc);
	if (x.l.oom)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	if (x.l.n > NOTIFY_PAGE) {
		*more = 1;
		x.l.n = NOTIFY_PAGE;
	}
	*out = x.l.v;
	*n = x.l.n;
	return SVC_OK;
}

struct read_op {
	int64_t	 id;
	int64_t	 n;
};

static enum svc_rc
read_tx(struct svc *s, void *arg)
{
	struct read_op *o = arg;
	struct sp p[3] = { sp_int(o->id), sp_int(s->actor->id),
	    sp_int(clock_now()) };
	int64_t got = 0;
	enum store_rc rc;

	rc = store_exec(s->st, Q_NT_READ, p, 3, store_cb_int, &got, NULL);
	if (rc == STORE_NOTFOUND)	/* read meanwhile: nothing to do */
		return SVC_OK;
	if (rc != STORE_OK)
		return unavailable(s, rc);
	if (audit_record(s->st, s->actor, NULL, "notification.read",
	    "notification", o->id, "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

static int
one_item_cb(void *arg, const struct store_row *r)
{
	struct item_list *x = arg;

	item_of(x->a, r, x->l.v);
	x->l.n = 1;
	return 1;
}

enum svc_rc
notify_read(struct svc *s, int64_t id, struct notify_item *out)
{
	struct item_list x;
	struct read_op o;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src;

	memset(out, 0, sizeof(*out));
	if (s->actor == NULL || s->actor->id <= 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	x.a = s->a;
	x.l.v = out;
	x.l.n = 0;
	p[0] = sp_int(id);
	p[1] = sp_int(s->actor->id);
	if (id > 0 && (rc = store_exec(s->st, Q_NT_GET, p, 2, one_item_cb, &x,
	    NULL)) != STORE_OK)
		return unavailable(s, rc);
	if (x.l.n == 0) {
		/* Someone else's, or none: the same answer, audited. */
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "notification.denied", "notification", id > 0 ? id : 0,
		    "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (out->read_at != 0)
		return SVC_OK;
	o.id = id;
	o.n = 0;
	if ((src = svc_tx(s, read_tx, &o)) != SVC_OK)
		return src;
	out->read_at = clock_now();
	return SVC_OK;
}

static enum svc_rc
read_all_tx(struct svc *s, void *arg)
{
	struct read_op *o = arg;
	struct sp p[2] = { sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_NT_READ_ALL, p, 2, NULL, NULL,
	    &o->n)) != STORE_OK)
		return unavailable(s, rc);
	if (o->n == 0)
		return SVC_OK;
	if (audit_record(s->st, s->actor, NULL, "notification.read_all",
	    "user", s->actor->id, arena_printf(s->a, "n=%lld",
	    (long long)o->n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
notify_read_all(struct svc *s, int64_t *n)
{
	struct read_op o;
	enum svc_rc rc;

	*n = 0;
	if (s->actor == NULL || s->actor->id <= 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&o, 0, sizeof(o));
	if ((rc = svc_tx(s, read_all_tx, &o)) != SVC_OK)
		return rc;
	*n = o.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- triggers */

enum svc_rc
notify_alert_triaged_in_tx(struct svc *s, int64_t alert_id)
{
	struct avec u;
	struct sp p[1];
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	avec_init(&u, s->a, sizeof(int64_t), NOTIFY_AGENCY_MAX);
	p[0] = sp_int(alert_id);
	rc = store_exec(s->st, Q_NT_GROUP_USERS, p, 1, user_cb, &u, NULL);
	if (u.oom)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	if (rc != STORE_OK)
		return svc_from_store(rc);
	for (i = 0; i < u.n; i++)
		if ((src = add(s, ((int64_t *)u.v)[i], "alert_triaged",
		    "community_alert", alert_id, "/community", 0)) != SVC_OK)
			return src;
	return SVC_OK;
}

struct due_task {
	int64_t	 task;
	int64_t	 owner;
};

static int
due_cb(void *arg, const struct store_row *r)
{
	struct due_task *t;

	if ((t = avec_next(arg)) == NULL)
		return 1;
	t->task = srow_int(r, 0);
	t->owner = srow_int(r, 1);
	return 0;
}

struct due_op {
	const struct due_task	*t;
};

static enum svc_rc
due_tx(struct svc *s, void *arg)
{
	const struct due_op *o = arg;

	return notify_once_in_tx(s, o->t->owner, "task_due",
	    "conference_task", o->t->task, "/work");
}

#define NOTIFY_SCAN_MAX	5000	/* tasks notified per run; the next run
				 * takes the rest */

enum svc_rc
notify_task_due_scan(struct svc *s, int64_t now)
{
	static const enum cal_country countries[] = { CAL_XK, CAL_AL };
	struct avec l;
	struct due_op o;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src, first = SVC_OK;
	int32_t today, last;
	char iso[16];
	size_t c, i;

	if (cal_date_of(now, &today) != CAL_OK)
		return svc_fail(s, SVC_ERROR, NULL, "error.internal");
	for (c = 0; c < sizeof(countries) / sizeof(countries[0]); c++) {
		if ((src = deadline_add_working_days(s,
		    cal_country_code(countries[c]), today, NOTIFY_TASK_DAYS,
		    &last)) != SVC_OK) {
			if (first == SVC_OK)
				first = src;
			continue;
		}
		cal_date_format(last, iso, sizeof(iso));
		avec_init(&l, s->a, sizeof(struct due_task), NOTIFY_SCAN_MAX);
		p[0] = sp_text(cal_country_code(countries[c]));
		p[1] = sp_text(iso);
		if ((rc = store_exec(s->st, Q_NT_TASKS_DUE, p, 2, due_cb, &l,
		    NULL)) != STORE_OK)
			return unavailable(s, rc);
		for (i = 0; i < l.n; i++) {
			o.t = &((struct due_task *)l.v)[i];
			if ((src = svc_tx(s, due_tx, &o)) != SVC_OK &&
			    first == SVC_OK)
				first = src;
		}
	}
	return first;
}

/* ---------------------------------------------------------------- e-mail */

int
notify_email_ok(const char *s)
{
	const char *at = NULL;
	size_t i, n;

	if (s == NULL || (n = strlen(s)) < 3 || n > NOTIFY_EMAIL_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c >= 0x7f || strchr("\"<>()[]\\,;:", c))
			return 0;
		if (c == '@') {
			if (at != NULL)
				return 0;
			at = s + i;
		}
	}
	return at != NULL && at != s && at[1] != '\0' && at[1] != '.' &&
	    s[n - 1] != '.';
}

struct email_row {
	struct arena	*a;
	const char	*email;
	int		 on;
};

static int
email_cb(void *arg, const struct store_row *r)
{
	struct email_row *e = arg;

	e->email = arena_strdup(e->a, svc_nz(srow_text(r, 0)));
	e->on = (int)srow_int(r, 1);
	return 1;
}

/* The actor themself, or a user the actor may administer: with check,
 * user_get() decides the scope (and audits the read). */
static enum svc_rc
may_manage(struct svc *s, int64_t user_id, int check)
{
	struct user_info *u;

	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (user_id == s->actor->id && user_id > 0)
		return SVC_OK;
	if (!authz_allows(s->actor, PERM_USERS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return check ? user_get(s, user_id, &u) : SVC_OK;
}

enum svc_rc
notify_email_get(struct svc *s, int64_t user_id, const char **email, int *on)
{
	struct email_row e = { s->a, "", 0 };
	struct sp p[1];
	enum store_rc rc;
	enum svc_rc src;

	*email = "";
	*on = 0;
	if ((src = may_manage(s, user_id, 0)) != SVC_OK)
		return src;
	p[0] = sp_int(user_id);
	if ((rc = store_exec(s->st, Q_NT_EMAIL_GET, p, 1, email_cb, &e,
	    NULL)) != STORE_OK)
		return unavailable(s, rc);
	*email = e.email;
	*on = e.on;
	return SVC_OK;
}

struct email_op {
	int64_t		 user;
	const char	*email;
	int		 on;
};

static enum svc_rc
email_tx(struct svc *s, void *arg)
{
	struct email_op *o = arg;
	struct sp p[3] = { sp_int(o->user), sp_text(o->email),
	    sp_int(o->on) };
	int64_t v = 0;
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_NT_EMAIL_SET, p, 3, store_cb_int, &v,
	    NULL)) != STORE_OK)
		return rc == STORE_NOTFOUND ? svc_fail(s, SVC_NOTFOUND, NULL,
		    "error.notfound") : unavailable(s, rc);
	/* The address is personal data: not in the trail. */
	if (audit_record(s->st, s->actor, NULL, "user.email", "user", o->user,
	    arena_printf(s->a, "address=%s notify=%d", *o->email ? "set" :
	    "none", o->on)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
notify_email_set(struct svc *s, int64_t user_id, const char *email, int on)
{
	struct email_op o;
	enum svc_rc rc;

	if ((rc = may_manage(s, user_id, 1)) != SVC_OK)
		return rc;
	email = svc_nz(email);
	if (*email != '\0' && !notify_email_ok(email))
		return svc_fail(s, SVC_INVALID, "email", "notify.err.email");
	if (on && *email == '\0')
		return svc_fail(s, SVC_INVALID, "email",
		    "notify.err.email_required");
	o.user = user_id;
	o.email = email;
	o.on = on ? 1 : 0;
	return svc_tx(s, email_tx, &o);
}
