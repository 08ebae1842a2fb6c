/*
 * community.c — community advisory groups, their members, alerts and
 * initiatives (svc layer). See community.h. A member's reads are limited
 * in SQL to their own group; nothing here reads a case. Each write: rules
 * first, then one transaction with its audit row (ids and codes only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "child.h"
#include "community.h"
#include "consent.h"
#include "intake.h"
#include "notify.h"

const char *const community_initiative_types[] = { "micro_initiative",
	"summer_camp", "awareness", "other", NULL };
const char *const community_bands[] = { "0_5", "6_11", "12_14", "15_17",
	"adult", NULL };



/* Plain text: no markup (no '<' or '>'), within max characters. */
static enum svc_rc
plain(struct svc *s, const char *field, const char *v, size_t max,
    int required, int multi)
{
	enum svc_rc rc;

	if ((rc = cm_text(s, field, v, max, required, multi)) != SVC_OK)
		return rc;
	if (strpbrk(svc_nz(v), "<>") != NULL)
		return svc_fail(s, SVC_INVALID, field, "community.err.markup");
	return SVC_OK;
}

static int
pair_cb(void *arg, const struct store_row *r)
{
	int64_t *v = arg;

	v[0] = srow_int(r, 0);
	v[1] = srow_int(r, 1);
	return 1;
}

/* The member's group (and its municipality); SVC_DENIED without one. */
static enum svc_rc
my_group(struct svc *s, int64_t *group, int64_t *muni)
{
	int64_t row[2] = { 0, 0 };
	struct sp p[1];
	enum store_rc rc;

	if (!authz_allows(s->actor, PERM_COMMUNITY_ALERT, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	p[0] = sp_int(s->actor->id);
	if ((rc = store_exec(s->st, Q_CM_MEMBER_GROUP, p, 1, pair_cb, row,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (row[0] == 0)
		return svc_fail(s, SVC_DENIED, NULL, "community.err.no_group");
	*group = row[0];
	if (muni != NULL)
		*muni = row[1];
	return SVC_OK;
}

/* 1 when the actor administers groups of municipality muni. */
static int
administers(struct svc *s, int64_t muni)
{
	struct authz_obj o;

	memset(&o, 0, sizeof(o));
	o.municipality_id = muni;
	return authz_allows(s->actor, PERM_AGENCIES_WRITE, &o);
}

/* ---------------------------------------------------------------- groups */

struct group_args {
	int64_t			 muni, id;
	const char		*name;
	const char *const	*communities;
	size_t			 n;
};

static enum svc_rc
group_tx(struct svc *s, void *arg)
{
	struct group_args *a = arg;
	struct sp p[] = { sp_int(a->muni), sp_text(a->name),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;
	size_t i;

	a->id = 0;
	if ((rc = store_exec(s->st, Q_CM_GROUP_INSERT, p, 4, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "name",
			    "community.err.group_exists");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < a->n; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(a->communities[i]) };

		if ((rc = store_exec(s->st, Q_CM_GROUP_COMMUNITY_ADD, q, 2,
		    NULL, NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, "community.group.create", "community_group", a->id,
	    arena_printf(s->a, "municipality=%lld communities=%zu",
	    (long long)a->muni, a->n));
}

enum svc_rc
community_group_create(struct svc *s, int64_t muni, const char *name,
    const char *const *communities, size_t n, int64_t *id)
{
	struct group_args a;
	enum svc_rc rc;
	size_t i;

	if (!authz_allows(s->actor, PERM_AGENCIES_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (muni == 0)
		muni = s->actor->municipality_id;
	if (muni == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if (!administers(s, muni))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "community.err.municipality");
	if ((rc = plain(s, "name", name, COMMUNITY_NAME_MAX, 1, 0)) != SVC_OK)
		return rc;
	if (n == 0)
		return svc_fail(s, SVC_INVALID, "communities",
		    "community.err.no_community");
	for (i = 0; i < n; i++)
		if (!svc_in_set(child_communities, communities[i]) ||
		    strcmp(communities[i], "unknown") == 0)
			return svc_fail(s, SVC_INVALID, "communities",
			    "error.field.choice");
	memset(&a, 0, sizeof(a));
	a.muni = muni;
	a.name = name;
	a.communities = communities;
	a.n = n;
	if ((rc = svc_tx(s, group_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
group_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct community_group_info *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->municipality_id = srow_int(r, 1);
	g->municipality_sq = cm_dup(l->a, r, 2);
	g->municipality_sr = cm_dup(l->a, r, 3);
	g->country = cm_dup(l->a, r, 4);
	g->name = cm_dup(l->a, r, 5);
	g->active = (int)srow_int(r, 6);
	g->communities = cm_dup(l->a, r, 7);
	g->members = srow_int(r, 8);
	g->version = srow_int(r, 9);
	return 0;
}

/* Runs a list query into a fresh avec of elements of size. */
static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np, store_cb cb,
    struct avec *l, size_t size)
{
	enum store_rc rc;

	avec_init(l, s->a, size, COMMUNITY_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

enum svc_rc
community_groups(struct svc *s, struct community_group_info **out,
    size_t *n)
{
	struct sp p[2];
	struct avec l;
	enum svc_rc rc;
	int64_t muni, group;

	*out = NULL;
	*n = 0;
	if (authz_allows(s->actor, PERM_COMMUNITY_ALERT, NULL)) {
		if ((rc = my_group(s, &group, NULL)) != SVC_OK)
			return rc;
		p[0] = sp_int(group);
		if ((rc = list(s, Q_CM_GROUP_GET, p, 1, group_cb, &l,
		    sizeof(**out))) != SVC_OK)
			return rc;
	} else {
		if (!authz_allows(s->actor, PERM_AGENCIES_WRITE, NULL))
			return svc_fail(s, SVC_DENIED, NULL, "error.denied");
		if ((muni = authz_municipality_filter(s->actor)) < 0)
			return SVC_OK;
		p[0] = sp_int(muni);
		p[1] = sp_int(COMMUNITY_LIST_MAX);
		if ((rc = list(s, Q_CM_GROUPS, p, 2, group_cb, &l,
		    sizeof(**out))) != SVC_OK)
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
community_group_get(struct svc *s, int64_t id,
    struct community_group_info **out)
{
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, PERM_AGENCIES_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_CM_GROUP_GET, p, 1, group_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	if (l.n == 0 || !administers(s, ((struct community_group_info *)
	    l.v)->municipality_id))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

struct member_args {
	int64_t	group, user;
};

static enum svc_rc
member_tx(struct svc *s, void *arg)
{
	struct member_args *a = arg;
	struct sp p[] = { sp_int(a->user), sp_int(a->group),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_CM_MEMBER_SET, p, 4, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "community.member.add", "community_group", a->group,
	    arena_printf(s->a, "user=%lld", (long long)a->user));
}

static enum svc_rc
member_remove_tx(struct svc *s, void *arg)
{
	struct member_args *a = arg;
	struct sp p[] = { sp_int(a->user), sp_int(a->group) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_CM_MEMBER_REMOVE, p, 2, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_INVALID, "user",
			    "community.err.not_in_group");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "community.member.remove", "community_group",
	    a->group, arena_printf(s->a, "user=%lld", (long long)a->user));
}

enum svc_rc
community_member_remove(struct svc *s, int64_t group, int64_t user)
{
	struct community_group_info *g;
	struct member_args a;
	enum svc_rc rc;

	if ((rc = community_group_get(s, group, &g)) != SVC_OK)
		return rc;
	a.group = group;
	a.user = user;
	return svc_tx(s, member_remove_tx, &a);
}

struct user_row {
	char	role[32];
	int	active, found;
};

static int
user_cb(void *arg, const struct store_row *r)
{
	struct user_row *u = arg;

	snprintf(u->role, sizeof(u->role), "%s", srow_text(r, 0));
	u->active = (int)srow_int(r, 1);
	u->found = 1;
	return 1;
}

enum svc_rc
community_member_add(struct svc *s, int64_t group, int64_t user)
{
	struct community_group_info *g;
	struct member_args a;
	struct user_row u;
	struct sp p[] = { sp_int(user) };
	enum store_rc src;
	enum svc_rc rc;

	if ((rc = community_group_get(s, group, &g)) != SVC_OK)
		return rc;
	memset(&u, 0, sizeof(u));
	if ((src = store_exec(s->st, Q_CM_USER_ROW, p, 1, user_cb, &u,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (!u.found)
		return svc_fail(s, SVC_INVALID, "user", "error.notfound");
	if (strcmp(u.role, "community_member") != 0 || !u.active)
		return svc_fail(s, SVC_INVALID, "user",
		    "community.err.not_member_role");
	a.group = group;
	a.user = user;
	return svc_tx(s, member_tx, &a);
}

static int
member_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct community_member_info *m;

	if ((m = avec_next(l)) == NULL)
		return 1;
	m->id = srow_int(r, 0);
	m->username = cm_dup(l->a, r, 1);
	m->full_name = cm_dup(l->a, r, 2);
	return 0;
}

enum svc_rc
community_members(struct svc *s, int64_t group,
    struct community_member_info **out, size_t *n)
{
	struct community_group_info *g;
	struct sp p[] = { sp_int(group), sp_int(COMMUNITY_LIST_MAX) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = community_group_get(s, group, &g)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_CM_MEMBERS, p, 2, member_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- alerts */

struct alert_args {
	int64_t					 group, muni, id, version;
	const struct community_alert_new	*n;
	const struct report_new			*report;
	const char				*reason;
};

static enum svc_rc
alert_tx(struct svc *s, void *arg)
{
	struct alert_args *a = arg;
	struct sp p[] = { sp_int(a->group), sp_int(a->muni),
		sp_text(a->n->location), sp_text(a->n->seen),
		sp_text(svc_nz(a->n->child)),
		sp_int(a->n->immediate_danger ? 1 : 0), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	a->id = 0;
	if ((rc = store_exec(s->st, Q_CM_ALERT_INSERT, p, 8, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "community.alert.file", "community_alert", a->id,
	    arena_printf(s->a, "group=%lld danger=%d", (long long)a->group,
	    a->n->immediate_danger ? 1 : 0));
}

enum svc_rc
community_alert_file(struct svc *s, const struct community_alert_new *n,
    int64_t *id)
{
	struct alert_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = my_group(s, &a.group, &a.muni)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "location", n->location, COMMUNITY_PLACE_MAX, 1,
	    0)) != SVC_OK ||
	    (rc = plain(s, "seen", n->seen, COMMUNITY_TEXT_MAX, 1, 1)) !=
	    SVC_OK ||
	    (rc = plain(s, "child", n->child, COMMUNITY_TEXT_MAX, 0, 1)) !=
	    SVC_OK)
		return rc;
	a.n = n;
	if ((rc = svc_tx(s, alert_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
alert_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct community_alert_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->group_id = srow_int(r, 1);
	v->group_name = cm_dup(l->a, r, 2);
	v->municipality_id = srow_int(r, 3);
	v->location = cm_dup(l->a, r, 4);
	v->seen = cm_dup(l->a, r, 5);
	v->child = cm_dup(l->a, r, 6);
	v->immediate_danger = (int)srow_int(r, 7);
	v->filed_at = srow_int(r, 8);
	v->status = cm_dup(l->a, r, 9);
	v->reason = cm_dup(l->a, r, 10);
	v->report_id = srow_int(r, 11);
	v->decided_at = srow_int(r, 12);
	v->version = srow_int(r, 13);
	return 0;
}

enum svc_rc
community_alerts_mine(struct svc *s, struct community_alert_info **out,
    size_t *n)
{
	struct sp p[2];
	struct avec l;
	enum svc_rc rc;
	int64_t group;
	size_t i;

	*out = NULL;
	*n = 0;
	if ((rc = my_group(s, &group, NULL)) != SVC_OK)
		return rc;
	p[0] = sp_int(group);
	p[1] = sp_int(COMMUNITY_LIST_MAX);
	if ((rc = list(s, Q_CM_ALERTS_OF_GROUP, p, 2, alert_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	/* The group learns only that its alert was handled. */
	for (i = 0; i < l.n; i++) {
		if (strcmp((*out)[i].status, "received") != 0)
			(*out)[i].status = "handled";
		(*out)[i].reason = "";
		(*out)[i].report_id = 0;
	}
	return SVC_OK;
}

/* The municipality of the actor's intake; SVC_DENIED without one. */
static enum svc_rc
intake_muni(struct svc *s, int64_t *muni)
{
	if (!authz_allows(s->actor, PERM_INTAKE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((*muni = s->actor->municipality_id) == 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

enum svc_rc
community_alerts(struct svc *s, const char *status,
    struct community_alert_info **out, size_t *n)
{
	struct sp p[3];
	struct avec l;
	enum svc_rc rc;
	int64_t muni;

	*out = NULL;
	*n = 0;
	if ((rc = intake_muni(s, &muni)) != SVC_OK)
		return rc;
	p[0] = sp_int(muni);
	p[1] = sp_text(status && *status ? status : NULL);
	p[2] = sp_int(COMMUNITY_LIST_MAX);
	if ((rc = list(s, Q_CM_ALERTS_OF_MUNI, p, 3, alert_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
community_alert_get(struct svc *s, int64_t id,
    struct community_alert_info **out)
{
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;
	int64_t muni;

	*out = NULL;
	if ((rc = intake_muni(s, &muni)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_CM_ALERT_GET, p, 1, alert_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	if (l.n == 0 || ((struct community_alert_info *)l.v)->municipality_id
	    != muni)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

static enum svc_rc
decide_tx(struct svc *s, void *arg)
{
	struct alert_args *a = arg;
	struct sp p[7];
	enum store_rc rc;
	enum svc_rc src;
	int64_t report = 0;

	if (a->report != NULL &&
	    (src = intake_create_in_tx(s, a->report, &report)) != SVC_OK)
		return src;
	p[0] = sp_int(a->id);
	p[1] = sp_text(a->report ? "admitted" : "not_admitted");
	p[2] = sp_text(a->report ? "" : a->reason);
	p[3] = sp_id(report);
	p[4] = sp_int(s->actor->id);
	p[5] = sp_int(clock_now());
	p[6] = sp_int(a->version);
	if ((rc = store_exec(s->st, Q_CM_ALERT_DECIDE, p, 7, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "community.err.decided");
		return cm_unavailable(s, rc);
	}
	a->group = report;
	if ((src = notify_alert_triaged_in_tx(s, a->id)) != SVC_OK)
		return src;
	return cm_audit(s, a->report ? "community.alert.admit" :
	    "community.alert.reject", "community_alert", a->id,
	    a->report ? arena_printf(s->a, "report=%lld", (long long)report) :
	    "");
}

/* The alert, still waiting, at version. */
static enum svc_rc
waiting(struct svc *s, int64_t id, int64_t version,
    struct community_alert_info **al)
{
	enum svc_rc rc;

	if ((rc = community_alert_get(s, id, al)) != SVC_OK)
		return rc;
	if (strcmp((*al)->status, "received") != 0 ||
	    (*al)->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "community.err.decided");
	return SVC_OK;
}

enum svc_rc
community_alert_admit(struct svc *s, int64_t id, int64_t version,
    const char *const *concerns, size_t nconcerns, int64_t *report_id)
{
	struct community_alert_info *al;
	struct community_group_info g;
	struct report_new rn;
	struct alert_args a;
	enum svc_rc rc;

	if ((rc = waiting(s, id, version, &al)) != SVC_OK)
		return rc;
	memset(&g, 0, sizeof(g));
	memset(&rn, 0, sizeof(rn));
	rn.municipality_id = al->municipality_id;
	rn.received_on = "";
	rn.channel = "in_person";
	rn.referrer_type = "community";
	rn.referrer_name = al->group_name;
	rn.referrer_contact = "";
	rn.given = rn.family = rn.parent = "";
	rn.sex = "u";
	rn.birth_date = "";
	rn.age = -1;
	rn.location = al->location;
	rn.narrative = *al->child ? arena_printf(s->a, "%s\n\n%s", al->seen,
	    al->child) : al->seen;
	if (rn.narrative == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	rn.immediate_danger = al->immediate_danger;
	rn.concerns = concerns;
	rn.nconcerns = nconcerns;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.report = &rn;
	if ((rc = svc_tx(s, decide_tx, &a)) != SVC_OK)
		return rc;
	if (report_id != NULL)
		*report_id = a.group;
	return SVC_OK;
}

enum svc_rc
community_alert_reject(struct svc *s, int64_t id, int64_t version,
    const char *reason)
{
	struct community_alert_info *al;
	struct alert_args a;
	enum svc_rc rc;

	if ((rc = waiting(s, id, version, &al)) != SVC_OK)
		return rc;
	if ((rc = cm_text(s, "reason", reason, COMMUNITY_REASON_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.reason = reason;
	return svc_tx(s, decide_tx, &a);
}

/* ---------------------------------------------------------------- initiatives */

struct initiative_args {
	int64_t					 group, id;
	const struct community_initiative_new	*n;
	const char				*start, *end;
};

static enum svc_rc
initiative_tx(struct svc *s, void *arg)
{
	struct initiative_args *a = arg;
	struct sp p[18];
	enum store_rc rc;
	int i;

	p[0] = sp_int(a->group);
	p[1] = sp_text(a->n->title);
	p[2] = sp_text(a->n->type);
	p[3] = sp_text(a->start);
	p[4] = sp_text(a->end);
	p[5] = sp_text(a->n->place);
	for (i = 0; i < COMMUNITY_BANDS; i++) {
		p[6 + 2 * i] = sp_int(a->n->female[i]);
		p[7 + 2 * i] = sp_int(a->n->male[i]);
	}
	p[16] = sp_int(s->actor->id);
	p[17] = sp_int(clock_now());
	a->id = 0;
	if ((rc = store_exec(s->st, Q_CM_INITIATIVE_INSERT, p, 18, store_cb_int,
	    &a->id, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "community.initiative.add", "community_initiative",
	    a->id, arena_printf(s->a, "group=%lld type=%s",
	    (long long)a->group, a->n->type));
}

enum svc_rc
community_initiative_add(struct svc *s,
    const struct community_initiative_new *n, int64_t *id)
{
	struct initiative_args a;
	int32_t ds, de;
	int64_t total = 0, t;
	enum svc_rc rc;
	int i;

	memset(&a, 0, sizeof(a));
	if ((rc = my_group(s, &a.group, NULL)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "title", n->title, COMMUNITY_NAME_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	if (!svc_in_set(community_initiative_types, n->type))
		return svc_fail(s, SVC_INVALID, "type", cm_filled(n->type) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = plain(s, "place", n->place, COMMUNITY_PLACE_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	if (!cm_filled(n->start))
		return svc_fail(s, SVC_INVALID, "start", "error.field.required");
	if (clock_parse_date(n->start, &t) != 0 || cal_date_of(t, &ds) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "start", "error.field.date");
	if (!cm_filled(n->end))
		return svc_fail(s, SVC_INVALID, "end", "error.field.required");
	if (clock_parse_date(n->end, &t) != 0 || cal_date_of(t, &de) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "end", "error.field.date");
	if (de < ds)
		return svc_fail(s, SVC_INVALID, "end",
		    "community.err.end_before_start");
	for (i = 0; i < COMMUNITY_BANDS; i++) {
		if (n->female[i] < 0 || n->female[i] > COMMUNITY_COUNT_MAX)
			return svc_fail(s, SVC_INVALID, arena_printf(s->a,
			    "f_%s", community_bands[i]), "error.field.range");
		if (n->male[i] < 0 || n->male[i] > COMMUNITY_COUNT_MAX)
			return svc_fail(s, SVC_INVALID, arena_printf(s->a,
			    "m_%s", community_bands[i]), "error.field.range");
		total += n->female[i] + n->male[i];
	}
	if (total == 0)
		return svc_fail(s, SVC_INVALID, "f_0_5",
		    "community.err.no_participants");
	a.n = n;
	a.start = cm_ymd(s->a, ds);
	a.end = cm_ymd(s->a, de);
	if ((rc = svc_tx(s, initiative_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
initiative_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct community_initiative_info *v;
	int i;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->group_id = srow_int(r, 1);
	v->group_name = cm_dup(l->a, r, 2);
	v->title = cm_dup(l->a, r, 3);
	v->type = cm_dup(l->a, r, 4);
	v->start = cm_dup(l->a, r, 5);
	v->end = cm_dup(l->a, r, 6);
	v->place = cm_dup(l->a, r, 7);
	for (i = 0; i < COMMUNITY_BANDS; i++) {
		v->female[i] = srow_int(r, 8 + 2 * i);
		v->male[i] = srow_int(r, 9 + 2 * i);
		v->total += v->female[i] + v->male[i];
	}
	v->created_at = srow_int(r, 18);
	return 0;
}

enum svc_rc
community_initiatives(struct svc *s, int64_t group,
    struct community_initiative_info **out, size_t *n)
{
	struct community_group_info *g;
	struct sp p[3];
	struct avec l;
	enum svc_rc rc;
	int64_t muni = 0;

	*out = NULL;
	*n = 0;
	if (authz_allows(s->actor, PERM_COMMUNITY_ALERT, NULL)) {
		if ((rc = my_group(s, &group, NULL)) != SVC_OK)
			return rc;
	} else if (group != 0) {
		if ((rc = community_group_get(s, group, &g)) != SVC_OK)
			return rc;
	} else {
		if (!authz_allows(s->actor, PERM_AGENCIES_WRITE, NULL))
			return svc_fail(s, SVC_DENIED, NULL, "error.denied");
		if ((muni = authz_municipality_filter(s->actor)) < 0)
			return SVC_OK;
	}
	p[0] = sp_int(group);
	p[1] = sp_int(muni);
	p[2] = sp_int(COMMUNITY_LIST_MAX);
	if ((rc = list(s, Q_CM_INITIATIVES, p, 3, initiative_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}
