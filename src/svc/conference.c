/*
 * conference.c — case conferences, TMR/GTN (svc layer). See conference.h.
 * Each write is one operation inside svc_tx(): the meeting's access checked
 * first (a meeting outside the actor's reach is SVC_NOTFOUND, audited as
 * conference.read.denied or conference.write.denied), the input checked
 * before the transaction, then the rows, the meeting's new version and the
 * audit row (ids and codes only). Holding a meeting moves its cases along
 * through the case service (case_for_write(), case_change_in_tx(),
 * case_event_in_tx()) and the deadline service.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "case.h"
#include "child.h"
#include "conference.h"
#include "deadline.h"
#include "notify.h"
#include "plan.h"

const char *const conf_attendance_codes[] = { "present", "absent",
	"excused", NULL };
const char *const conf_guest_kinds[] = { "parent", "child", NULL };

/* The columns of CF_COLS, CF_CASE_COLS (+ agenda) and CF_TASK_COLS
 * (sql_sqlite_conference.inc). */
enum cf_col {
	CF_ID, CF_MUNI, CF_MUNI_SQ, CF_MUNI_SR, CF_COUNTRY, CF_AGENCY,
	CF_AGENCY_NAME, CF_KIND, CF_STARTS, CF_PLACE, CF_CONVENOR,
	CF_CONVENOR_NAME, CF_STATUS, CF_HELD, CF_NEXT, CF_VERSION, CF_NCASES,
	CF_ADMIN_UNIT
};
enum cc_col {
	CC_AID, CC_CASE, CC_NUMBER, CC_CHILD, CC_AGE, CC_CONCERNS, CC_RISK,
	CC_STATUS, CC_WORKER, CC_WORKER_NAME, CC_AGENCY, CC_TEAM,
	CC_RESTRICTED, CC_PROPOSED, CC_DECISIONS, CC_MEASURE
};
enum ct_col {
	CT_ID, CT_CONF, CT_AGENDA, CT_CASE, CT_NUMBER, CT_WHAT, CT_OWNER,
	CT_OWNER_NAME, CT_DUE, CT_STATUS, CT_DONE, CT_STARTS
};

/* How the actor stands to a meeting, weakest first. */
enum access {
	ACC_NONE,
	ACC_MEMBER,	/* an invited table member of the municipality */
	ACC_WORKER,	/* a caseworker of the unit */
	ACC_CONVENOR	/* a supervisor of the unit */
};

/* A case row with what the scope check needs. */
struct agenda_row {
	struct conf_case_info	 k;
	struct case_ref		 ref;
};

/* Open tasks of a list, and today to tell the overdue ones. */
struct task_list {
	struct avec	 l;
	const char	*today;
};

struct user_row {
	int64_t		 id, agency, muni;
	const char	*role, *type;
	int		 active, agency_active;
};

struct user_arg {
	struct user_row	 u;
	struct arena	*a;
};

struct case_num {
	int64_t		 id, agency;
	const char	*status;
	struct arena	*a;
};

/* ---------------------------------------------------------------- helpers */



/* Today as yyyy-mm-dd (local time). */
static void
today_iso(char out[11])
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	if (child_iso_date(b, out) != 0)
		out[0] = '\0';
}

/* 1 when s holds something a browser would read as markup: "<" before a
 * letter, "/", "!" or "?". */
static int
has_markup(const char *s)
{
	for (; s != NULL && (s = strchr(s, '<')) != NULL; s++)
		if (isalpha((unsigned char)s[1]) || s[1] == '/' ||
		    s[1] == '!' || s[1] == '?')
			return 1;
	return 0;
}

/* A text field: 1..max characters (0..max when optional), one line unless
 * multi, no markup. SVC_INVALID naming field. */
static enum svc_rc
text_check(struct svc *s, const char *field, const char *v, size_t max,
    int multi, int optional)
{
	const char *p;

	for (p = svc_nz(v); *p == ' ' || *p == '\n' || *p == '\r' ||
	    *p == '\t'; p++)
		;
	if (!optional && *p == '\0')
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (!svc_text_ok(v, max, multi))
		return svc_fail(s, SVC_INVALID, field, "conference.err.text");
	if (has_markup(v))
		return svc_fail(s, SVC_INVALID, field, "conference.err.markup");
	return SVC_OK;
}

/*
 * A date (dd.mm.yyyy or yyyy-mm-dd) into iso and *t (local midnight), no
 * earlier than past_days before today and at most CONF_DATE_YEARS years
 * ahead; past_msg when too early. SVC_INVALID naming field.
 */
static enum svc_rc
date_check(struct svc *s, const char *field, const char *v, int past_days,
    const char *past_msg, char iso[11], int64_t *t)
{
	char today[11];
	int64_t t0;

	today_iso(today);
	if (child_iso_date(v, iso) != 0 || clock_parse_date(iso, t) != 0 ||
	    clock_parse_date(today, &t0) != 0)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	if (*t < t0 - (int64_t)past_days * 86400)
		return svc_fail(s, SVC_INVALID, field, past_msg);
	if (*t > clock_now() + (int64_t)CONF_DATE_YEARS * 366 * 86400)
		return svc_fail(s, SVC_INVALID, field, "error.field.range");
	return SVC_OK;
}

static int
conf_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct conf_info *c;

	if ((c = avec_next(l)) == NULL)
		return 1;
	c->id = srow_int(r, CF_ID);
	c->municipality_id = srow_int(r, CF_MUNI);
	c->municipality_sq = cm_dup(l->a, r, CF_MUNI_SQ);
	c->municipality_sr = cm_dup(l->a, r, CF_MUNI_SR);
	c->country = cm_dup(l->a, r, CF_COUNTRY);
	c->agency_id = srow_int(r, CF_AGENCY);
	c->agency_name = cm_dup(l->a, r, CF_AGENCY_NAME);
	c->kind = cm_dup(l->a, r, CF_KIND);
	c->starts_at = srow_int(r, CF_STARTS);
	c->place = cm_dup(l->a, r, CF_PLACE);
	c->convenor_id = srow_int(r, CF_CONVENOR);
	c->convenor = cm_dup(l->a, r, CF_CONVENOR_NAME);
	c->status = cm_dup(l->a, r, CF_STATUS);
	c->held_at = srow_int(r, CF_HELD);
	c->next_on = cm_dup(l->a, r, CF_NEXT);
	c->version = srow_int(r, CF_VERSION);
	c->ncases = srow_int(r, CF_NCASES);
	c->admin_unit = cm_dup(l->a, r, CF_ADMIN_UNIT);
	return 0;
}

static int
case_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct agenda_row *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->k.id = srow_int(r, CC_AID);
	x->k.case_id = srow_int(r, CC_CASE);
	x->k.number = cm_dup(l->a, r, CC_NUMBER);
	x->k.child = cm_dup(l->a, r, CC_CHILD);
	x->k.age = (int)srow_int(r, CC_AGE);
	x->k.concerns = cm_dup(l->a, r, CC_CONCERNS);
	x->k.risk = cm_dup(l->a, r, CC_RISK);
	x->k.status = cm_dup(l->a, r, CC_STATUS);
	x->k.worker_id = srow_int(r, CC_WORKER);
	x->k.worker = cm_dup(l->a, r, CC_WORKER_NAME);
	x->k.active = strcmp(x->k.status, "closed") != 0 &&
	    strcmp(x->k.status, "transferred") != 0;
	x->ref.agency_id = srow_int(r, CC_AGENCY);
	x->ref.team_id = srow_int(r, CC_TEAM);
	x->ref.worker_id = x->k.worker_id;
	x->ref.restricted = (int)srow_int(r, CC_RESTRICTED);
	if (srow_cols(r) > CC_MEASURE) {
		x->k.proposed = (int)srow_int(r, CC_PROPOSED);
		x->k.decisions = cm_dup(l->a, r, CC_DECISIONS);
		x->k.measure = cm_dup(l->a, r, CC_MEASURE);
	} else {
		x->k.decisions = "";
		x->k.measure = "none";
	}
	return 0;
}

static int
task_cb(void *arg, const struct store_row *r)
{
	struct task_list *x = arg;
	struct conf_task_info *t;

	if ((t = avec_next(&x->l)) == NULL)
		return 1;
	t->id = srow_int(r, CT_ID);
	t->conference_id = srow_int(r, CT_CONF);
	t->agenda_id = srow_int(r, CT_AGENDA);
	t->case_id = srow_int(r, CT_CASE);
	t->number = cm_dup(x->l.a, r, CT_NUMBER);
	t->what = cm_dup(x->l.a, r, CT_WHAT);
	t->owner_id = srow_int(r, CT_OWNER);
	t->owner = cm_dup(x->l.a, r, CT_OWNER_NAME);
	t->due_on = cm_dup(x->l.a, r, CT_DUE);
	t->status = cm_dup(x->l.a, r, CT_STATUS);
	t->done_at = srow_int(r, CT_DONE);
	t->starts_at = srow_int(r, CT_STARTS);
	t->overdue = strcmp(t->status, "open") == 0 &&
	    strcmp(t->due_on, x->today) < 0;
	return 0;
}

/* The meeting row, unchecked. */
static enum svc_rc
fetch(struct svc *s, int64_t id, struct conf_info **out)
{
	struct avec l;
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	avec_init(&l, s->a, sizeof(**out), 1);
	if (id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((rc = store_exec(s->st, Q_CF_GET, p, 1, conf_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

/* The invitation of user to meeting id (0: none). */
static int64_t
invitee_of(struct svc *s, int64_t id, int64_t user)
{
	int64_t iid = 0;
	struct sp p[] = { sp_int(id), sp_int(user) };

	if (store_exec(s->st, Q_CF_INVITEE_OF, p, 2, store_cb_int, &iid,
	    NULL) != STORE_OK)
		return 0;
	return iid;
}

static enum access
access_of(struct svc *s, const struct conf_info *c, int64_t *invitee)
{
	const struct actor *a = s->actor;

	*invitee = 0;
	if (a == NULL)
		return ACC_NONE;
	if (a->agency_id != 0)
		*invitee = invitee_of(s, c->id, a->id);
	switch (a->role) {
	case ROLE_SUPERVISOR:
		return a->agency_id == c->agency_id ? ACC_CONVENOR : ACC_NONE;
	case ROLE_CASEWORKER:
		return a->agency_id == c->agency_id ? ACC_WORKER : ACC_NONE;
	case ROLE_TABLE_MEMBER:
		return a->municipality_id != 0 &&
		    a->municipality_id == c->municipality_id && *invitee ?
		    ACC_MEMBER : ACC_NONE;
	default:
		return ACC_NONE;
	}
}

/*
 * The meeting when the actor stands at least at need to it; else
 * SVC_NOTFOUND, and an attempt on a meeting that exists audited as action
 * (its own transaction: call outside one).
 */
static enum svc_rc
seen(struct svc *s, int64_t id, enum access need, const char *action,
    struct conf_info **c, enum access *acc, int64_t *invitee)
{
	enum svc_rc rc;
	int64_t iid;

	if ((rc = fetch(s, id, c)) != SVC_OK)
		return rc;
	if ((*acc = access_of(s, *c, &iid)) < need) {
		(void)audit_record_tx(s->st, s->actor, NULL, action,
		    "conference", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (invitee != NULL)
		*invitee = iid;
	return SVC_OK;
}

/* A convenor's write: the meeting of the actor's unit (planned when
 * planned is 1). */
static enum svc_rc
convenor(struct svc *s, int64_t id, int planned, struct conf_info **c)
{
	enum access acc;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = seen(s, id, ACC_CONVENOR, "conference.write.denied", c,
	    &acc, NULL)) != SVC_OK)
		return rc;
	if (planned && strcmp((*c)->status, "planned") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "conference.err.held");
	return SVC_OK;
}

/* A write that must touch one row (it returns its id): STORE_NOTFOUND when
 * it touched none. */
static enum store_rc
one(struct svc *s, enum qid q, const struct sp *p, size_t n)
{
	int64_t id = 0;
	enum store_rc rc;

	if ((rc = store_exec(s->st, q, p, n, store_cb_int, &id, NULL)) !=
	    STORE_OK)
		return rc;
	return id > 0 ? STORE_OK : STORE_NOTFOUND;
}

/* The meeting's new version and the audit row, at the end of a write. */
static enum svc_rc
finish(struct svc *s, int64_t id, const char *action, const char *detail)
{
	enum store_rc rc;
	int64_t v = 0;
	struct sp p[] = { sp_int(id), sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_CF_TOUCH, p, 2, store_cb_int, &v,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((rc = audit_record(s->st, s->actor, NULL, action, "conference", id,
	    detail)) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

/* One write: fn inside svc_tx() with the checked meeting. */
struct op {
	struct conf_info	*c;
	int64_t			 a, b, out;
	const char		*s1, *s2, *unit;
	char			 iso[11];
	struct agenda_row	*rows;
	struct case_info	**cases;
	size_t			 n;
};

/* ---------------------------------------------------------------- create */

static int
unit_cb(void *arg, const struct store_row *r)
{
	const char **v;

	if ((v = avec_next(arg)) == NULL)
		return 1;
	*v = cm_dup(((struct avec *)arg)->a, r, 0);
	return 0;
}

enum svc_rc
conference_units(struct svc *s, const char ***out, size_t *n)
{
	struct sp p[] = { sp_int(s->actor ? s->actor->agency_id : 0),
	    sp_int(CONF_UNITS_MAX) };
	struct avec l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	avec_init(&l, s->a, sizeof(const char *), CONF_UNITS_MAX);
	if ((rc = store_exec(s->st, Q_CF_UNITS, p, 2, unit_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* unit is one of conference_units(): the meeting's agenda is proposed
 * from the children recorded in it. */
static enum svc_rc
unit_check(struct svc *s, const char *unit)
{
	const char **u;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = conference_units(s, &u, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(u[i], unit) == 0)
			return SVC_OK;
	return svc_fail(s, SVC_INVALID, "admin_unit",
	    "conference.err.admin_unit");
}

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	const struct actor *a = s->actor;
	int64_t now = clock_now(), proposed = 0;
	enum store_rc rc;
	struct sp p[] = { sp_int(a->municipality_id), sp_int(a->agency_id),
	    sp_text(o->s1), sp_int(o->a), sp_text(o->s2), sp_int(a->id),
	    sp_int(now), sp_text(o->unit) };

	if ((rc = store_exec(s->st, Q_CF_INSERT, p, 8, store_cb_int, &o->out,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	{
		struct sp pp[] = { sp_int(o->out), sp_int(a->agency_id),
		    sp_int(a->id), sp_int(now), sp_int(CONF_AGENDA_MAX) };

		if ((rc = store_exec(s->st, Q_CF_PROPOSE, pp, 5, NULL, NULL,
		    &proposed)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if ((rc = audit_record(s->st, a, NULL, "conference.create",
	    "conference", o->out, arena_printf(s->a, "kind=%s proposed=%lld",
	    o->s1, (long long)proposed))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
conference_create(struct svc *s, const struct conf_new *n, int64_t *id)
{
	const struct actor *a = s->actor;
	struct op o;
	const char *tm = svc_nz(n->time);
	enum svc_rc rc;
	int64_t day;
	int h, m;

	memset(&o, 0, sizeof(o));
	if (!authz_allows(a, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (a->agency_id == 0 || a->municipality_id == 0 || a->country == NULL)
		return svc_fail(s, SVC_INVALID, NULL, "conference.err.no_unit");
	if ((rc = date_check(s, "date", n->date, CONF_PAST_DAYS,
	    "conference.err.date_past", o.iso, &day)) != SVC_OK)
		return rc;
	if (strlen(tm) != 5 || !isdigit((unsigned char)tm[0]) ||
	    !isdigit((unsigned char)tm[1]) || tm[2] != ':' ||
	    !isdigit((unsigned char)tm[3]) || !isdigit((unsigned char)tm[4]) ||
	    (h = atoi(tm)) > 23 || (m = atoi(tm + 3)) > 59)
		return svc_fail(s, SVC_INVALID, "time", "conference.err.time");
	if ((rc = text_check(s, "place", n->place, CONF_PLACE_MAX, 0, 0)) !=
	    SVC_OK)
		return rc;
	o.unit = svc_nz(n->admin_unit);
	if (*o.unit != '\0' && (rc = unit_check(s, o.unit)) != SVC_OK)
		return rc;
	o.a = day + h * 3600 + m * 60;
	o.s1 = strcmp(a->country, "AL") == 0 ? "gtn" : "tmr";
	o.s2 = n->place;
	if ((rc = svc_tx(s, create_tx, &o)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = o.out;
	return SVC_OK;
}

/* ---------------------------------------------------------------- reading */

enum svc_rc
conference_list(struct svc *s, struct conf_info **out, size_t *n)
{
	const struct actor *a = s->actor;
	struct avec l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(a, PERM_CONFERENCE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	avec_init(&l, s->a, sizeof(**out), CONF_LIST_MAX);
	if (a->role == ROLE_TABLE_MEMBER) {
		struct sp p[] = { sp_int(a->id), sp_int(a->municipality_id),
		    sp_int(CONF_LIST_MAX) };

		rc = store_exec(s->st, Q_CF_LIST_MEMBER, p, 3, conf_cb, &l,
		    NULL);
	} else {
		struct sp p[] = { sp_int(a->agency_id), sp_int(CONF_LIST_MAX) };

		rc = store_exec(s->st, Q_CF_LIST_UNIT, p, 2, conf_cb, &l, NULL);
	}
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (audit_record_tx(s->st, a, NULL, "conference.list", "conference", 0,
	    arena_printf(s->a, "rows=%zu", l.n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

static int
invitee_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct conf_invitee_info *i;

	if ((i = avec_next(l)) == NULL)
		return 1;
	i->id = srow_int(r, 0);
	i->kind = cm_dup(l->a, r, 1);
	i->user_id = srow_int(r, 2);
	i->name = cm_dup(l->a, r, 3);
	i->agency = cm_dup(l->a, r, 4);
	i->attendance = cm_dup(l->a, r, 5);
	return 0;
}

static int
user_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct conf_user *u;

	if ((u = avec_next(l)) == NULL)
		return 1;
	u->id = srow_int(r, 0);
	u->name = cm_dup(l->a, r, 1);
	u->agency = cm_dup(l->a, r, 2);
	u->role = cm_dup(l->a, r, 3);
	return 0;
}

/* 1 when the actor (of access acc) sees the agenda row's summary; *full
 * gets whether they may read the case itself. */
static int
row_visible(struct svc *s, const struct conf_info *c, enum access acc,
    const struct agenda_row *x, int *full)
{
	struct case_member_ref m;

	*full = 0;
	switch (acc) {
	case ACC_CONVENOR:
	case ACC_WORKER:
		return (*full = authz_case_visible(s->actor, &x->ref));
	case ACC_MEMBER:
		m.municipality_id = c->municipality_id;
		m.invited = 1;
		m.on_agenda = 1;
		m.active = x->k.active;
		return authz_case_member_visible(s->actor, &m);
	default:
		return 0;
	}
}

/* The meeting as the actor sees it; detail for the audit row (NULL: the
 * read is conference.read). */
static enum svc_rc
assemble(struct svc *s, int64_t id, enum access need, const char *action,
    const char *detail, struct conf_full **out)
{
	struct conf_full *f;
	struct conf_info *c;
	struct agenda_row *rows;
	struct avec l;
	enum access acc;
	enum store_rc rc;
	enum svc_rc src;
	size_t i, j;
	int full;
	struct sp p[] = { sp_int(id) };
	struct task_list t;
	char today[11];

	if ((src = seen(s, id, need, "conference.read.denied", &c, &acc,
	    NULL)) != SVC_OK)
		return src;
	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->c = *c;
	f->convene = acc == ACC_CONVENOR;
	f->member = acc == ACC_MEMBER;
	f->invitee_id = invitee_of(s, id, s->actor->id);
	avec_init(&l, s->a, sizeof(*f->invitees), CONF_INVITEES_MAX + 10);
	if ((rc = store_exec(s->st, Q_CF_INVITEES, p, 1, invitee_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	f->invitees = l.v;
	/* A member sees who else of the network is invited, not the
	 * family's names. */
	for (i = j = 0; i < l.n; i++)
		if (!f->member || strcmp(f->invitees[i].kind, "member") == 0)
			f->invitees[j++] = f->invitees[i];
	f->ninvitees = j;
	avec_init(&l, s->a, sizeof(*rows), CONF_AGENDA_MAX + 10);
	if ((rc = store_exec(s->st, Q_CF_CASES, p, 1, case_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	rows = l.v;
	if ((f->cases = arena_zalloc(s->a, (l.n + 1) * sizeof(*f->cases))) ==
	    NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < l.n; i++) {
		if (!row_visible(s, c, acc, &rows[i], &full)) {
			f->hidden++;
			continue;
		}
		f->cases[f->ncases] = rows[i].k;
		f->cases[f->ncases].full = full;
		if (!full) {
			/* The summary only. */
			f->cases[f->ncases].decisions = "";
			f->cases[f->ncases].measure = "";
		}
		f->ncases++;
	}
	today_iso(today);
	t.today = today;
	avec_init(&t.l, s->a, sizeof(*f->tasks), CONF_TASKS_MAX);
	if ((rc = store_exec(s->st, Q_CF_TASKS, p, 1, task_cb, &t, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	f->tasks = t.l.v;
	for (i = j = 0; i < t.l.n; i++) {
		const struct conf_task_info *k = &f->tasks[i];
		size_t x;
		int keep = 0;

		if (f->member)
			keep = k->owner_id == s->actor->id;
		else
			for (x = 0; x < f->ncases; x++)
				if (f->cases[x].id == k->agenda_id &&
				    f->cases[x].full)
					keep = 1;
		if (keep)
			f->tasks[j++] = *k;
	}
	f->ntasks = j;
	if (f->convene && strcmp(c->status, "planned") == 0) {
		struct sp pc[] = { sp_int(id), sp_int(c->agency_id),
		    sp_int(CONF_AGENDA_MAX) };
		struct sp pu[] = { sp_int(c->municipality_id),
		    sp_int(c->agency_id), sp_int(id) };

		avec_init(&l, s->a, sizeof(*rows), CONF_AGENDA_MAX);
		if ((rc = store_exec(s->st, Q_CF_CANDIDATES, pc, 3, case_cb, &l,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		rows = l.v;
		if ((f->candidates = arena_zalloc(s->a, (l.n + 1) *
		    sizeof(*f->candidates))) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		for (i = 0; i < l.n; i++)
			f->candidates[f->ncandidates++] = rows[i].k;
		avec_init(&l, s->a, sizeof(*f->users), 500);
		if ((rc = store_exec(s->st, Q_CF_USERS, pu, 3, user_cb, &l,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		f->users = l.v;
		f->nusers = l.n;
	}
	if (audit_record_tx(s->st, s->actor, NULL, action, "conference", id,
	    detail != NULL ? detail : arena_printf(s->a, "cases=%zu hidden=%zu",
	    f->ncases, f->hidden)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = f;
	return SVC_OK;
}

enum svc_rc
conference_get(struct svc *s, int64_t id, struct conf_full **out)
{
	if (!authz_allows(s->actor, PERM_CONFERENCE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return assemble(s, id, ACC_MEMBER, "conference.read", NULL, out);
}

enum svc_rc
conference_minutes(struct svc *s, int64_t id, const char *format,
    struct conf_full **out)
{
	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return assemble(s, id, ACC_CONVENOR, "conference.minutes",
	    arena_printf(s->a, "format=%s", svc_nz(format)), out);
}

/* ------------------------------------------------------------ invitations */

static enum svc_rc
invite_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(o->c->id), sp_int(o->a), sp_int(clock_now()) };

	rc = store_exec(s->st, Q_CF_INVITE_USER, p, 3, store_cb_int, &o->out,
	    NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "user",
		    "conference.err.invited");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = notify_in_tx(s, o->a, "meeting_invited", "conference",
	    o->c->id, arena_printf(s->a, "/conferences/%lld",
	    (long long)o->c->id))) != SVC_OK)
		return src;
	return finish(s, o->c->id, "conference.invite", arena_printf(s->a,
	    "invitee=%lld user=%lld", (long long)o->out, (long long)o->a));
}


static int
user_row_cb(void *arg, const struct store_row *r)
{
	struct user_arg *x = arg;

	x->u.id = srow_int(r, 0);
	x->u.role = cm_dup(x->a, r, 1);
	x->u.active = (int)srow_int(r, 2);
	x->u.agency = srow_int(r, 3);
	x->u.type = cm_dup(x->a, r, 4);
	x->u.muni = srow_int(r, 5);
	x->u.agency_active = (int)srow_int(r, 6);
	return 1;
}

enum svc_rc
conference_invite(struct svc *s, int64_t id, int64_t user_id)
{
	static const char *const member_types[] = { "police", "school",
		"health", "provider", NULL };
	struct user_arg x;
	struct sp p[] = { sp_int(user_id) };
	struct op o;
	enum store_rc src;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	x.a = s->a;
	if ((rc = convenor(s, id, 1, &o.c)) != SVC_OK)
		return rc;
	if (user_id <= 0)
		return svc_fail(s, SVC_INVALID, "user", "error.field.required");
	if ((src = store_exec(s->st, Q_CF_USER_GET, p, 1, user_row_cb, &x,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (x.u.id == 0)
		return svc_fail(s, SVC_INVALID, "user",
		    "conference.err.user_unknown");
	if (!x.u.active || !x.u.agency_active)
		return svc_fail(s, SVC_INVALID, "user",
		    "conference.err.user_inactive");
	if (strcmp(x.u.role, "table_member") == 0) {
		if (x.u.muni != o.c->municipality_id)
			return svc_fail(s, SVC_INVALID, "user",
			    "conference.err.member_municipality");
		if (!svc_in_set(member_types, x.u.type))
			return svc_fail(s, SVC_INVALID, "user",
			    "conference.err.member_agency");
	} else if (strcmp(x.u.role, "caseworker") == 0 ||
	    strcmp(x.u.role, "supervisor") == 0) {
		if (x.u.agency != o.c->agency_id)
			return svc_fail(s, SVC_INVALID, "user",
			    "conference.err.member_municipality");
	} else
		return svc_fail(s, SVC_INVALID, "user",
		    "conference.err.member_role");
	o.a = user_id;
	return svc_tx(s, invite_tx, &o);
}

static enum svc_rc
guest_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->c->id), sp_text(o->s1), sp_text(o->s2),
	    sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_CF_INVITE_GUEST, p, 4, store_cb_int,
	    &o->out, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.guest", arena_printf(s->a,
	    "invitee=%lld kind=%s", (long long)o->out, o->s1));
}

enum svc_rc
conference_guest(struct svc *s, int64_t id, const char *kind,
    const char *name)
{
	struct op o;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 1, &o.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(conf_guest_kinds, kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if ((rc = text_check(s, "name", name, CONF_NAME_MAX, 0, 0)) != SVC_OK)
		return rc;
	o.s1 = kind;
	o.s2 = name;
	return svc_tx(s, guest_tx, &o);
}

static enum svc_rc
uninvite_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->a), sp_int(o->c->id) };

	rc = one(s, Q_CF_INVITEE_DELETE, p, 2);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.uninvite", arena_printf(s->a,
	    "invitee=%lld", (long long)o->a));
}

enum svc_rc
conference_uninvite(struct svc *s, int64_t id, int64_t invitee)
{
	struct op o;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 1, &o.c)) != SVC_OK)
		return rc;
	o.a = invitee;
	return svc_tx(s, uninvite_tx, &o);
}

static enum svc_rc
attendance_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->a), sp_int(o->c->id), sp_text(o->s1) };

	rc = one(s, Q_CF_ATTENDANCE, p, 3);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.attendance", arena_printf(s->a,
	    "invitee=%lld attendance=%s", (long long)o->a, o->s1));
}

enum svc_rc
conference_attendance(struct svc *s, int64_t id, int64_t invitee,
    const char *attendance)
{
	struct op o;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 0, &o.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(conf_attendance_codes, attendance))
		return svc_fail(s, SVC_INVALID, "attendance",
		    "error.field.choice");
	o.a = invitee;
	o.s1 = attendance;
	return svc_tx(s, attendance_tx, &o);
}

/* ---------------------------------------------------------------- agenda */

static int
case_num_cb(void *arg, const struct store_row *r)
{
	struct case_num *x = arg;

	x->id = srow_int(r, 0);
	x->agency = srow_int(r, 1);
	x->status = cm_dup(x->a, r, 2);
	return 1;
}

static enum svc_rc
agenda_add_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->c->id), sp_int(o->a), sp_int(s->actor->id),
	    sp_int(clock_now()) };

	rc = store_exec(s->st, Q_CF_AGENDA_ADD, p, 4, store_cb_int, &o->out,
	    NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, "number",
		    "conference.err.on_agenda");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.agenda.add", arena_printf(s->a,
	    "agenda=%lld case=%lld", (long long)o->out, (long long)o->a));
}

enum svc_rc
conference_agenda_add(struct svc *s, int64_t id, const char *number)
{
	struct case_num x;
	struct op o;
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	x.a = s->a;
	if ((rc = convenor(s, id, 1, &o.c)) != SVC_OK)
		return rc;
	if ((rc = text_check(s, "number", number, CASE_NUMBER_LEN, 0, 0)) !=
	    SVC_OK)
		return rc;
	p[0] = sp_text(number);
	if ((src = store_exec(s->st, Q_CF_CASE_BY_NUMBER, p, 1, case_num_cb,
	    &x, NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	/* Another unit's case is as unknown as a wrong number. */
	if (x.id == 0 || x.agency != o.c->agency_id)
		return svc_fail(s, SVC_INVALID, "number",
		    "conference.err.case_unknown");
	if (strcmp(x.status, "closed") == 0 ||
	    strcmp(x.status, "transferred") == 0)
		return svc_fail(s, SVC_INVALID, "number", "case.closed");
	if (o.c->ncases >= CONF_AGENDA_MAX)
		return svc_fail(s, SVC_INVALID, "number",
		    "conference.err.agenda_full");
	o.a = x.id;
	return svc_tx(s, agenda_add_tx, &o);
}

static enum svc_rc
agenda_remove_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->a), sp_int(o->c->id) };

	if ((rc = store_exec(s->st, Q_CF_AGENDA_TASKS_DELETE, p, 1, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	rc = one(s, Q_CF_AGENDA_DELETE, p, 2);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.agenda.remove",
	    arena_printf(s->a, "agenda=%lld", (long long)o->a));
}

enum svc_rc
conference_agenda_remove(struct svc *s, int64_t id, int64_t agenda_id)
{
	struct op o;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 1, &o.c)) != SVC_OK)
		return rc;
	o.a = agenda_id;
	return svc_tx(s, agenda_remove_tx, &o);
}

static int
ints_cb(void *arg, const struct store_row *r)
{
	int64_t *v = arg;
	int i;

	for (i = 0; i < 3 && i < srow_cols(r); i++)
		v[i] = srow_int(r, i);
	return 1;
}

/* The agenda row aid of meeting id: its case and the case's worker;
 * SVC_NOTFOUND when it is not on this agenda. */
static enum svc_rc
agenda_get(struct svc *s, int64_t id, int64_t aid, int64_t *case_id,
    int64_t *worker)
{
	int64_t v[3] = { 0, 0, 0 };
	enum store_rc rc;
	struct sp p[] = { sp_int(aid), sp_int(id) };

	if ((rc = store_exec(s->st, Q_CF_AGENDA_GET, p, 2, ints_cb, v,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (v[0] == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*case_id = v[1];
	*worker = v[2];
	return SVC_OK;
}

static enum svc_rc
decision_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->a), sp_int(o->c->id), sp_text(o->s1),
	    sp_text(o->s2) };

	rc = one(s, Q_CF_DECISION, p, 4);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.decision", arena_printf(s->a,
	    "agenda=%lld measure=%s", (long long)o->a, o->s2));
}

enum svc_rc
conference_decision(struct svc *s, int64_t id, int64_t agenda_id,
    const char *decisions, const char *measure)
{
	struct op o;
	enum svc_rc rc;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 0, &o.c)) != SVC_OK)
		return rc;
	if ((rc = text_check(s, "decisions", decisions, CONF_TEXT_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if (!svc_in_set(plan_measures, measure))
		return svc_fail(s, SVC_INVALID, "measure", "error.field.choice");
	o.a = agenda_id;
	o.s1 = svc_nz(decisions);
	o.s2 = measure;
	return svc_tx(s, decision_tx, &o);
}

/* ---------------------------------------------------------------- tasks */

static enum svc_rc
task_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(o->c->id), sp_int(o->a), sp_text(o->s1),
	    sp_int(o->b), sp_text(o->iso), sp_int(s->actor->id),
	    sp_int(clock_now()) };

	if ((rc = store_exec(s->st, Q_CF_TASK_INSERT, p, 7, store_cb_int,
	    &o->out, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = notify_in_tx(s, o->b, "task_assigned", "conference_task",
	    o->out, "/work")) != SVC_OK)
		return src;
	return finish(s, o->c->id, "conference.task.add", arena_printf(s->a,
	    "task=%lld agenda=%lld owner=%lld", (long long)o->out,
	    (long long)o->a, (long long)o->b));
}

enum svc_rc
conference_task_add(struct svc *s, int64_t id, int64_t agenda_id,
    const char *what, int64_t owner_id, const char *due_on, int64_t *task_id)
{
	struct op o;
	enum svc_rc rc;
	int64_t case_id = 0, worker = 0, t;

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 0, &o.c)) != SVC_OK)
		return rc;
	if ((rc = agenda_get(s, id, agenda_id, &case_id, &worker)) != SVC_OK)
		return rc;
	if ((rc = text_check(s, "what", what, CONF_TASK_MAX, 0, 0)) != SVC_OK)
		return rc;
	if (owner_id <= 0)
		return svc_fail(s, SVC_INVALID, "owner",
		    "conference.err.owner_required");
	if (owner_id != worker && invitee_of(s, id, owner_id) == 0)
		return svc_fail(s, SVC_INVALID, "owner", "conference.err.owner");
	if (svc_nz(due_on)[0] == '\0')
		return svc_fail(s, SVC_INVALID, "due_on",
		    "error.field.required");
	if ((rc = date_check(s, "due_on", due_on, 0, "conference.err.due_past",
	    o.iso, &t)) != SVC_OK)
		return rc;
	o.a = agenda_id;
	o.b = owner_id;
	o.s1 = what;
	if ((rc = svc_tx(s, task_tx, &o)) != SVC_OK)
		return rc;
	if (task_id != NULL)
		*task_id = o.out;
	return SVC_OK;
}

static enum svc_rc
done_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum store_rc rc;
	struct sp p[] = { sp_int(o->a), sp_int(s->actor->id),
	    sp_int(clock_now()) };

	rc = one(s, Q_CF_TASK_DONE, p, 3);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "conference.err.task_done");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return finish(s, o->c->id, "conference.task.done", arena_printf(s->a,
	    "task=%lld", (long long)o->a));
}

enum svc_rc
conference_task_done(struct svc *s, int64_t id, int64_t task_id)
{
	int64_t v[3] = { 0, 0, 0 };
	struct sp p[] = { sp_int(task_id), sp_int(id) };
	enum access acc;
	enum store_rc src;
	enum svc_rc rc;
	struct op o;

	memset(&o, 0, sizeof(o));
	if (!authz_allows(s->actor, PERM_CONFERENCE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = seen(s, id, ACC_MEMBER, "conference.write.denied", &o.c,
	    &acc, NULL)) != SVC_OK)
		return rc;
	if ((src = store_exec(s->st, Q_CF_TASK_GET, p, 2, ints_cb, v, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, src);
	/* Only the owner or a convenor of the unit; anyone else is told
	 * nothing about the task. */
	if (v[0] == 0 || (v[1] != s->actor->id && acc != ACC_CONVENOR)) {
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "conference.write.denied", "conference", id,
		    arena_printf(s->a, "task=%lld", (long long)task_id));
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	o.a = task_id;
	return svc_tx(s, done_tx, &o);
}

enum svc_rc
conference_my_tasks(struct svc *s, struct conf_task_info **out, size_t *n)
{
	struct task_list t;
	char today[11];
	enum store_rc rc;
	struct sp p[2];

	*out = NULL;
	*n = 0;
	if (s->actor == NULL || !authz_allows(s->actor, PERM_CONFERENCE, NULL))
		return SVC_OK;
	today_iso(today);
	t.today = today;
	p[0] = sp_int(s->actor->id);
	p[1] = sp_int(CONF_MY_TASKS_MAX);
	avec_init(&t.l, s->a, sizeof(**out), CONF_MY_TASKS_MAX);
	if ((rc = store_exec(s->st, Q_CF_MY_TASKS, p, 2, task_cb, &t, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	*out = t.l.v;
	*n = t.l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- holding */

static enum svc_rc
hold_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	int64_t now = clock_now(), v = 0;
	enum store_rc rc;
	enum svc_rc src;
	size_t i, moved = 0;
	struct sp p[] = { sp_int(o->c->id), sp_int(o->a), sp_int(now),
	    sp_text(o->iso) };

	rc = store_exec(s->st, Q_CF_HOLD, p, 4, store_cb_int, &v, NULL);
	if (rc == STORE_OK && v == 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "conference.conflict");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	for (i = 0; i < o->n; i++) {
		const struct case_info *c = o->cases[i];
		const char *to = NULL;
		int due;

		if (c == NULL)
			continue;
		due = strcmp(c->risk, "medium") == 0 ||
		    strcmp(c->risk, "high") == 0;
		if (strcmp(c->status, "screened") == 0 ||
		    strcmp(c->status, "assessment") == 0)
			to = "conference";
		/* The conference step is done; the plan is due from here
		 * (medium and high risk; a low risk's plan has been due since
		 * its screening, an active plan is not due again). */
		if (due && (src = deadline_step_done_in_tx(s, c->id,
		    DL_CONFERENCE, now)) != SVC_OK)
			return src;
		if (due && strcmp(c->status, "plan_active") != 0 &&
		    (src = deadline_step_start_in_tx(s, c->id, DL_PLAN, now)) !=
		    SVC_OK)
			return src;
		if ((src = case_change_in_tx(s, c, to, c->version, NULL)) !=
		    SVC_OK)
			return src;
		if ((src = case_event_in_tx(s, c->id, "conference.held",
		    "conference", "", arena_printf(s->a, "%lld",
		    (long long)o->c->id), "")) != SVC_OK)
			return src;
		moved++;
	}
	if ((rc = audit_record(s->st, s->actor, NULL, "conference.hold",
	    "conference", o->c->id, arena_printf(s->a, "cases=%zu next=%s",
	    moved, o->iso))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
conference_hold(struct svc *s, int64_t id, const char *next_on,
    int64_t version)
{
	struct avec l;
	struct agenda_row *rows;
	struct op o;
	char today[11], day[32], iso[11];
	int64_t t;
	enum store_rc src;
	enum svc_rc rc;
	size_t i;
	struct sp p[] = { sp_int(id) };

	memset(&o, 0, sizeof(o));
	if ((rc = convenor(s, id, 0, &o.c)) != SVC_OK)
		return rc;
	if (strcmp(o.c->status, "planned") != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "conference.err.held");
	if (version != o.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "conference.conflict");
	today_iso(today);
	clock_format(o.c->starts_at, 0, day, sizeof(day));
	if (child_iso_date(day, iso) != 0 || strcmp(iso, today) > 0)
		return svc_fail(s, SVC_INVALID, NULL, "conference.err.not_yet");
	if (o.c->ncases == 0)
		return svc_fail(s, SVC_INVALID, NULL,
		    "conference.err.no_cases");
	if (svc_nz(next_on)[0] != '\0' && (rc = date_check(s, "next_on",
	    next_on, 0, "conference.err.next_past", o.iso, &t)) != SVC_OK)
		return rc;
	avec_init(&l, s->a, sizeof(*rows), CONF_AGENDA_MAX + 10);
	if ((src = store_exec(s->st, Q_CF_CASES, p, 1, case_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, src);
	rows = l.v;
	if ((o.cases = arena_zalloc(s->a, (l.n + 1) * sizeof(*o.cases))) ==
	    NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	/* Each case as the case service gives it for writing; an ended case
	 * stays on the minutes but is not moved. */
	for (i = 0; i < l.n; i++) {
		if ((rc = case_for_write(s, rows[i].k.case_id, 0, 1,
		    &o.cases[i])) != SVC_OK)
			return rc;
		if (case_ended(o.cases[i]))
			o.cases[i] = NULL;
	}
	o.n = l.n;
	o.a = version;
	return svc_tx(s, hold_tx, &o);
}
