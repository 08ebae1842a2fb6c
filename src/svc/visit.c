/*
 * visit.c — systematic visits to preschools, schools and homes (svc
 * layer). See visit.h. Reads are limited to the actor's unit (agency);
 * each write: the fields and rules first, then one transaction with its
 * rows, notifications and the audit row (ids and codes only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "consent.h"
#include "intake.h"
#include "notify.h"
#include "visit.h"

const char *const visit_kinds[] = { "preschool", "school", "home", NULL };
const char *const visit_statuses[] = { "planned", "done", "cancelled",
	NULL };

/* ---------------------------------------------------------------- helpers */



/* Plain text: no markup, within max characters. */
static enum svc_rc
plain(struct svc *s, const char *field, const char *v, size_t max,
    int required, int multi)
{
	enum svc_rc rc;

	if ((rc = cm_text(s, field, v, max, required, multi)) != SVC_OK)
		return rc;
	if (strpbrk(svc_nz(v), "<>") != NULL)
		return svc_fail(s, SVC_INVALID, field, "visit.err.markup");
	return SVC_OK;
}

static int32_t
today(void)
{
	int32_t d = 0;

	(void)cal_date_of(clock_now(), &d);
	return d;
}

/* The actor's unit; SVC_DENIED without PERM_VISITS or a unit. */
static enum svc_rc
unit(struct svc *s)
{
	if (!authz_allows(s->actor, PERM_VISITS, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (s->actor->agency_id == 0 || s->actor->municipality_id == 0)
		return svc_fail(s, SVC_DENIED, NULL, "visit.err.no_unit");
	return SVC_OK;
}

static int
visit_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct visit_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->agency_id = srow_int(r, 1);
	v->municipality_id = srow_int(r, 2);
	v->municipality_sq = cm_dup(l->a, r, 3);
	v->municipality_sr = cm_dup(l->a, r, 4);
	v->kind = cm_dup(l->a, r, 5);
	v->date = cm_dup(l->a, r, 6);
	v->place = cm_dup(l->a, r, 7);
	v->health_names = cm_dup(l->a, r, 8);
	v->health_institution = cm_dup(l->a, r, 9);
	v->others = cm_dup(l->a, r, 10);
	v->status = cm_dup(l->a, r, 11);
	v->cancel_reason = cm_dup(l->a, r, 12);
	v->findings = cm_dup(l->a, r, 13);
	v->seen_f = srow_int(r, 14);
	v->seen_m = srow_int(r, 15);
	v->author = cm_dup(l->a, r, 16);
	v->created_at = srow_int(r, 17);
	v->version = srow_int(r, 18);
	v->nreports = srow_int(r, 19);
	return 0;
}

static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np, store_cb cb,
    struct avec *l, size_t size, size_t cap)
{
	enum store_rc rc;

	avec_init(l, s->a, size, cap);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* ---------------------------------------------------------------- create */

struct create_args {
	const struct visit_new	*n;
	const char		*date;
	int64_t			 id;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *a = arg;
	const struct visit_new *n = a->n;
	int home = strcmp(n->kind, "home") == 0;
	struct sp p[] = { sp_int(s->actor->agency_id),
		sp_int(s->actor->municipality_id), sp_text(n->kind),
		sp_text(a->date), sp_text(n->place),
		sp_text(home ? svc_nz(n->health_names) : ""),
		sp_text(home ? svc_nz(n->health_institution) : ""),
		sp_text(svc_nz(n->others)), sp_int(s->actor->id),
		sp_int(clock_now()) };
	const char *link;
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	if ((rc = store_exec(s->st, Q_VI_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((link = arena_printf(s->a, "/visits/%lld", (long long)a->id)) ==
	    NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < n->nparticipants; i++) {
		struct sp q[] = { sp_int(a->id), sp_int(n->participants[i]) };

		if ((rc = store_exec(s->st, Q_VI_PARTICIPANT_ADD, q, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (n->participants[i] != s->actor->id &&
		    (src = notify_once_in_tx(s, n->participants[i],
		    "visit_planned", "visit", a->id, link)) != SVC_OK)
			return src;
	}
	return cm_audit(s, "visit.create", "visit", a->id, arena_printf(s->a,
	    "kind=%s participants=%zu", n->kind, n->nparticipants));
}

enum svc_rc
visit_create(struct svc *s, const struct visit_new *n, int64_t *id)
{
	struct create_args a;
	int32_t d;
	int64_t t, w;
	enum store_rc src;
	enum svc_rc rc;
	size_t i;

	if ((rc = unit(s)) != SVC_OK)
		return rc;
	if (!svc_in_set(visit_kinds, n->kind))
		return svc_fail(s, SVC_INVALID, "kind", cm_filled(n->kind) ?
		    "error.field.choice" : "error.field.required");
	if (!cm_filled(n->date))
		return svc_fail(s, SVC_INVALID, "date", "error.field.required");
	if (clock_parse_date(n->date, &t) != 0 || cal_date_of(t, &d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "date", "error.field.date");
	if (d < today())
		return svc_fail(s, SVC_INVALID, "date", "visit.err.past");
	if ((rc = plain(s, "place", n->place, VISIT_PLACE_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	if (strcmp(n->kind, "home") == 0) {
		if ((rc = plain(s, "health_names", n->health_names,
		    VISIT_NAMES_MAX, 0, 0)) != SVC_OK ||
		    (rc = plain(s, "health_institution", n->health_institution,
		    VISIT_PLACE_MAX, 0, 0)) != SVC_OK)
			return rc;
		if (!cm_filled(n->health_names))
			return svc_fail(s, SVC_INVALID, "health_names",
			    "visit.err.health_required");
		if (!cm_filled(n->health_institution))
			return svc_fail(s, SVC_INVALID, "health_institution",
			    "visit.err.health_required");
	}
	if ((rc = plain(s, "others", n->others, VISIT_NAMES_MAX, 0, 0)) !=
	    SVC_OK)
		return rc;
	if (n->nparticipants > VISIT_PARTICIPANTS_MAX)
		return svc_fail(s, SVC_INVALID, "participants",
		    "visit.err.too_many");
	for (i = 0; i < n->nparticipants; i++) {
		struct sp p[] = { sp_int(n->participants[i]),
			sp_int(s->actor->agency_id) };

		w = 0;
		if ((src = store_exec(s->st, Q_VI_WORKER, p, 2, store_cb_int, &w,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, src);
		if (w == 0)
			return svc_fail(s, SVC_INVALID, "participants",
			    "visit.err.participant");
	}
	memset(&a, 0, sizeof(a));
	a.n = n;
	a.date = cm_ymd(s->a, d);
	if ((rc = svc_tx(s, create_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

/* ---------------------------------------------------------------- reads */

enum svc_rc
visit_list(struct svc *s, const struct visit_query *q,
    struct visit_info **out, size_t *n, int64_t *total)
{
	const char *from = NULL, *to = NULL;
	int page = q->page > 0 ? q->page : 1;
	struct avec l;
	int32_t d;
	int y, m;
	enum store_rc src;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if ((rc = unit(s)) != SVC_OK)
		return rc;
	if (q->kind && *q->kind && !svc_in_set(visit_kinds, q->kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (q->status && *q->status && !svc_in_set(visit_statuses, q->status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	if (q->month && *q->month) {
		if (strlen(q->month) != 7 || sscanf(q->month, "%4d-%2d", &y,
		    &m) != 2 || cal_date_from_ymd(y, m, 1, &d) != CAL_OK)
			return svc_fail(s, SVC_INVALID, "month",
			    "visit.err.month");
		from = arena_printf(s->a, "%04d-%02d-01", y, m);
		to = m == 12 ? arena_printf(s->a, "%04d-01-01", y + 1) :
		    arena_printf(s->a, "%04d-%02d-01", y, m + 1);
	}
	{
		struct sp p[] = { sp_int(s->actor->agency_id),
			sp_text(q->kind && *q->kind ? q->kind : NULL),
			sp_text(q->status && *q->status ? q->status : NULL),
			sp_text(from), sp_text(to),
			sp_text(cm_ymd(s->a, today())),
			sp_int(VISIT_PAGE_SIZE),
			sp_int((int64_t)(page - 1) * VISIT_PAGE_SIZE) };

		if ((src = store_exec(s->st, Q_VI_COUNT, p, 5, store_cb_int, total,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, src);
		if ((rc = list(s, Q_VI_LIST, p, 8, visit_cb, &l,
		    sizeof(**out), VISIT_PAGE_SIZE)) != SVC_OK)
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

static int
person_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct visit_person *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->name = cm_dup(l->a, r, 1);
	return 0;
}

static int
report_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct visit_report *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->status = cm_dup(l->a, r, 1);
	p->case_number = cm_dup(l->a, r, 2);
	p->received_at = srow_int(r, 3);
	return 0;
}

enum svc_rc
visit_workers(struct svc *s, struct visit_person **out, size_t *n)
{
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = unit(s)) != SVC_OK)
		return rc;
	{
		struct sp p[] = { sp_int(s->actor->agency_id), sp_int(200) };

		if ((rc = list(s, Q_VI_WORKERS, p, 2, person_cb, &l,
		    sizeof(**out), 200)) != SVC_OK)
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* The visit row, when it is of the actor's unit (else SVC_NOTFOUND, the
 * attempt audited). */
static enum svc_rc
fetch(struct svc *s, int64_t id, struct visit_info **v)
{
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	if ((rc = unit(s)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_VI_GET, p, 1, visit_cb, &l, sizeof(**v), 1)) !=
	    SVC_OK)
		return rc;
	if (l.n == 0 || ((struct visit_info *)l.v)->agency_id !=
	    s->actor->agency_id) {
		if (l.n != 0)
			(void)audit_record_tx(s->st, s->actor, NULL,
			    "visit.read.denied", "visit", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	*v = l.v;
	return SVC_OK;
}

enum svc_rc
visit_get(struct svc *s, int64_t id, struct visit_full **out)
{
	struct visit_full *f;
	struct visit_info *v;
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if ((rc = fetch(s, id, &v)) != SVC_OK)
		return rc;
	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->v = *v;
	if ((rc = list(s, Q_VI_PARTICIPANTS, p, 1, person_cb, &l,
	    sizeof(struct visit_person), VISIT_PARTICIPANTS_MAX + 1)) !=
	    SVC_OK)
		return rc;
	f->participants = l.v;
	f->nparticipants = l.n;
	if ((rc = list(s, Q_VI_REPORTS, p, 1, report_cb, &l,
	    sizeof(struct visit_report), 500)) != SVC_OK)
		return rc;
	f->reports = l.v;
	f->nreports = l.n;
	*out = f;
	return SVC_OK;
}

/* ---------------------------------------------------------------- after */

struct change_args {
	int64_t			 id, version, f, m, report;
	const char		*text;
	int			 cancel;
	const struct report_new	*rn;
};

static enum svc_rc
change_tx(struct svc *s, void *arg)
{
	struct change_args *a = arg;
	struct sp pd[] = { sp_int(a->id), sp_text(a->text), sp_int(a->f),
		sp_int(a->m), sp_int(clock_now()), sp_int(a->version) };
	struct sp pc[] = { sp_int(a->id), sp_text(a->text),
		sp_int(clock_now()), sp_int(a->version) };
	enum store_rc rc;

	if (a->cancel)
		rc = store_exec(s->st, Q_VI_CANCEL, pc, 4, NULL, NULL, NULL);
	else
		rc = store_exec(s->st, Q_VI_DONE, pd, 6, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "visit.err.changed");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, a->cancel ? "visit.cancel" : "visit.done", "visit",
	    a->id,
	    a->cancel ? "" : arena_printf(s->a, "seen_f=%lld seen_m=%lld",
	    (long long)a->f, (long long)a->m));
}

/* The visit, planned and at version. */
static enum svc_rc
planned(struct svc *s, int64_t id, int64_t version, struct visit_info **v)
{
	enum svc_rc rc;

	if ((rc = fetch(s, id, v)) != SVC_OK)
		return rc;
	if (strcmp((*v)->status, "planned") != 0 || (*v)->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "visit.err.changed");
	return SVC_OK;
}

/* 1 when the visit's day has come. */
static int
begun(const struct visit_info *v)
{
	int32_t d = 0;

	return cal_date_parse(v->date, &d) == CAL_OK && d <= today();
}

enum svc_rc
visit_done(struct svc *s, int64_t id, int64_t version, const char *findings,
    int64_t f, int64_t m)
{
	struct change_args a;
	struct visit_info *v;
	enum svc_rc rc;

	if ((rc = planned(s, id, version, &v)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "findings", findings, VISIT_FINDINGS_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if (f < 0 || f > VISIT_COUNT_MAX)
		return svc_fail(s, SVC_INVALID, "seen_f", "error.field.range");
	if (m < 0 || m > VISIT_COUNT_MAX)
		return svc_fail(s, SVC_INVALID, "seen_m", "error.field.range");
	if (!begun(v))
		return svc_fail(s, SVC_INVALID, "findings", "visit.err.not_yet");
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.text = findings;
	a.f = f;
	a.m = m;
	return svc_tx(s, change_tx, &a);
}

enum svc_rc
visit_cancel(struct svc *s, int64_t id, int64_t version, const char *reason)
{
	struct change_args a;
	struct visit_info *v;
	enum svc_rc rc;

	if ((rc = planned(s, id, version, &v)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "cancel_reason", reason, VISIT_REASON_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.text = reason;
	a.cancel = 1;
	return svc_tx(s, change_tx, &a);
}

static enum svc_rc
identify_tx(struct svc *s, void *arg)
{
	struct change_args *a = arg;
	struct sp pt[] = { sp_int(a->id), sp_int(a->version),
		sp_int(clock_now()) };
	struct sp pl[2];
	enum store_rc rc;
	enum svc_rc src;

	if ((rc = store_exec(s->st, Q_VI_TOUCH, pt, 3, NULL, NULL, NULL)) ==
	    STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "visit.err.changed");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = intake_create_in_tx(s, a->rn, &a->report)) != SVC_OK)
		return src;
	pl[0] = sp_int(a->id);
	pl[1] = sp_int(a->report);
	if ((rc = store_exec(s->st, Q_VI_REPORT_ADD, pl, 2, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "visit.identify", "visit", a->id, arena_printf(s->a,
	    "report=%lld", (long long)a->report));
}

enum svc_rc
visit_identify(struct svc *s, int64_t id, int64_t version,
    const struct visit_child *c, int64_t *report_id)
{
	struct change_args a;
	struct visit_info *v;
	struct report_new rn;
	enum svc_rc rc;

	if ((rc = fetch(s, id, &v)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "given_name", c->given, CHILD_NAME_MAX, 0, 0)) != SVC_OK ||
	    (rc = plain(s, "family_name", c->family, CHILD_NAME_MAX, 0, 0)) != SVC_OK ||
	    (rc = plain(s, "parent_name", c->parent, CHILD_NAME_MAX, 0, 0)) != SVC_OK ||
	    (rc = plain(s, "narrative", c->narrative, VISIT_NARRATIVE_MAX, 1,
	    1)) != SVC_OK)
		return rc;
	if (strcmp(v->status, "cancelled") == 0 || v->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "visit.err.changed");
	if (!begun(v))
		return svc_fail(s, SVC_INVALID, "narrative", "visit.err.not_yet");
	memset(&rn, 0, sizeof(rn));
	rn.municipality_id = v->municipality_id;
	rn.received_on = "";
	rn.channel = "visit";
	rn.referrer_type = "systematic_visit";
	rn.referrer_name = s->actor->agency_name ? s->actor->agency_name : "";
	rn.referrer_contact = "";
	rn.given = svc_nz(c->given);
	rn.family = svc_nz(c->family);
	rn.parent = svc_nz(c->parent);
	rn.sex = cm_filled(c->sex) ? c->sex : "u";
	rn.birth_date = svc_nz(c->birth_date);
	rn.age = c->age;
	rn.location = v->place;
	rn.narrative = c->narrative;
	rn.immediate_danger = c->immediate_danger;
	rn.concerns = c->concerns;
	rn.nconcerns = c->nconcerns;
	memset(&a, 0, sizeof(a));
	a.id = id;
	a.version = version;
	a.rn = &rn;
	if ((rc = svc_tx(s, identify_tx, &a)) != SVC_OK)
		return rc;
	if (report_id != NULL)
		*report_id = a.report;
	return SVC_OK;
}

struct of_report {
	struct arena	*a;
	int64_t		 id;
	const char	*kind, *date;
};

static int
of_report_cb(void *arg, const struct store_row *r)
{
	struct of_report *o = arg;

	o->id = srow_int(r, 0);
	o->kind = cm_dup(o->a, r, 1);
	o->date = cm_dup(o->a, r, 2);
	return 1;
}

enum svc_rc
visit_of_report(struct svc *s, int64_t report_id, int64_t *visit_id,
    const char **kind, const char **date)
{
	struct of_report o = { s->a, 0, "", "" };
	struct sp p[] = { sp_int(report_id) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_VI_OF_REPORT, p, 1, of_report_cb, &o,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	*visit_id = o.id;
	*kind = o.kind;
	*date = o.date;
	return SVC_OK;
}
