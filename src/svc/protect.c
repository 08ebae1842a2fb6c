/*
 * protect.c — protection measures and 72-hour emergency placements of a
 * case, and their reminders (svc layer). See protect.h. Each write: the
 * fields and rules first, then one transaction (svc_tx) with the row, the
 * case version (case_change_in_tx), a timeline event and the audit row
 * (ids and codes only, never a child's name or a place's).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "case.h"
#include "consent.h"
#include "notify.h"
#include "protect.h"

const char *const protect_measure_types[] = { "family_supervision",
	"alternative_care", "emergency_protection", NULL };
const char *const protect_deciders[] = { "unit", "court", NULL };
const char *const protect_end_reasons[] = { "goals_met", "court_revoked",
	"replaced", "moved", "turned_18", "other", NULL };
const char *const protect_place_kinds[] = { "shelter", "alternative_care",
	"relatives", "other", NULL };
const char *const protect_end_hows[] = { "returned_family",
	"court_measure", "longer_care", NULL };

int
protect_offered(const char *country)
{
	return country != NULL && strcmp(country, "AL") == 0;
}

/* ---------------------------------------------------------------- helpers */



static int32_t
today(void)
{
	int32_t d = 0;

	(void)cal_date_of(clock_now(), &d);
	return d;
}

/*
 * A day field: *d gets the day, or 0 when v is empty and not required.
 * SVC_INVALID naming field when missing, not a date, or (past) in the
 * future.
 */
static enum svc_rc
day_field(struct svc *s, const char *field, const char *v, int required,
    int past, int32_t *d)
{
	int64_t t;

	*d = 0;
	if (!cm_filled(v)) {
		if (required)
			return svc_fail(s, SVC_INVALID, field,
			    "error.field.required");
		return SVC_OK;
	}
	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	if (past && *d > today())
		return svc_fail(s, SVC_INVALID, field, "protect.err.future");
	return SVC_OK;
}

/* The moment of a day field and an HH:MM field, not in the future. */
static enum svc_rc
moment(struct svc *s, const char *date, const char *time, int64_t *t)
{
	const char *tm = svc_nz(time);
	int32_t d;
	int64_t mid = 0;
	enum svc_rc rc;
	int h, m;

	if ((rc = day_field(s, "date", date, 1, 1, &d)) != SVC_OK)
		return rc;
	if (!cm_filled(tm))
		return svc_fail(s, SVC_INVALID, "time", "error.field.required");
	if (strlen(tm) != 5 || !isdigit((unsigned char)tm[0]) ||
	    !isdigit((unsigned char)tm[1]) || tm[2] != ':' ||
	    !isdigit((unsigned char)tm[3]) || !isdigit((unsigned char)tm[4]) ||
	    (h = atoi(tm)) > 23 || (m = atoi(tm + 3)) > 59)
		return svc_fail(s, SVC_INVALID, "time", "protect.err.time");
	if (cal_date_midnight(d, &mid) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "date", "error.field.date");
	*t = mid + h * 3600 + m * 60;
	if (*t > clock_now())
		return svc_fail(s, SVC_INVALID, "time", "protect.err.future");
	return SVC_OK;
}

/*
 * The case for a write of this domain: the actor may write it (else
 * SVC_NOTFOUND, audited by case_for_write()), of Albania ("case",
 * "protect.err.country"). The status and version are checked by open()
 * after the fields, so a form's errors come first.
 */
static enum svc_rc
writable(struct svc *s, int64_t id, struct case_info **c)
{
	enum svc_rc rc;

	if ((rc = case_for_write(s, id, 0, 1, c)) != SVC_OK)
		return rc;
	if (!protect_offered((*c)->country))
		return svc_fail(s, SVC_INVALID, "case", "protect.err.country");
	return SVC_OK;
}

static enum svc_rc
open_case(struct svc *s, const struct case_info *c, int64_t version)
{
	if (case_ended(c))
		return svc_fail(s, SVC_INVALID, "case", "case.closed");
	if (version != c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	return SVC_OK;
}

/* Runs a list query into a fresh avec of elements of size. */
static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np, store_cb cb,
    struct avec *l, size_t size)
{
	enum store_rc rc;

	avec_init(l, s->a, size, PROTECT_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* ---------------------------------------------------------------- measures */

/* The checked dates of a measure (days; 0: not given). */
struct mdates {
	int32_t		 dec, sub, conf, exp;
};

static enum svc_rc
measure_dates(struct svc *s, const struct measure_new *n, struct mdates *d)
{
	enum svc_rc rc;

	if ((rc = day_field(s, "decision_date", n->decision_date, 1, 1,
	    &d->dec)) != SVC_OK ||
	    (rc = day_field(s, "submission_date", n->submission_date, 0, 1,
	    &d->sub)) != SVC_OK ||
	    (rc = day_field(s, "confirmation_date", n->confirmation_date, 0, 1,
	    &d->conf)) != SVC_OK ||
	    (rc = day_field(s, "expiry_date", n->expiry_date, 0, 0,
	    &d->exp)) != SVC_OK)
		return rc;
	if (d->sub && d->sub < d->dec)
		return svc_fail(s, SVC_INVALID, "submission_date",
		    "protect.err.submission_before_decision");
	if (d->conf && !d->sub)
		return svc_fail(s, SVC_INVALID, "confirmation_date",
		    "protect.err.confirmation_no_submission");
	if (d->conf && d->conf < d->sub)
		return svc_fail(s, SVC_INVALID, "confirmation_date",
		    "protect.err.confirmation_before_submission");
	if (d->exp && d->exp < d->dec)
		return svc_fail(s, SVC_INVALID, "expiry_date",
		    "protect.err.expiry_before_decision");
	return SVC_OK;
}

static const char *
opt_ymd(struct arena *a, int32_t d)
{
	return d ? cm_ymd(a, d) : "";
}

static const char *
measure_status(const struct mdates *d)
{
	return d->conf ? "confirmed" : d->sub ? "submitted" : "proposed";
}

struct measure_args {
	struct case_info		*c;
	const struct measure_new	*n;
	struct mdates			 d;
	const struct measure_info	*m;	/* update, end */
	const char			*reason, *date;
	int64_t				 version, id;
};

/* SVC_INVALID "type" when another active measure of type is on the case. */
static enum svc_rc
same_type(struct svc *s, int64_t case_id, const char *type, int64_t except)
{
	struct sp p[] = { sp_int(case_id), sp_text(type),
		sp_text(cm_ymd(s->a, today())), sp_int(except) };
	int64_t n = 0;
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_PR_MEASURE_SAME, p, 4, store_cb_int, &n,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (n > 0)
		return svc_fail(s, SVC_INVALID, "type",
		    "protect.err.same_type");
	return SVC_OK;
}

static enum svc_rc
measure_add_tx(struct svc *s, void *arg)
{
	struct measure_args *a = arg;
	const char *st = measure_status(&a->d);
	struct sp p[] = { sp_int(a->c->id), sp_text(a->n->type),
		sp_text(a->n->decided_by), sp_text(cm_ymd(s->a, a->d.dec)),
		sp_text(opt_ymd(s->a, a->d.sub)),
		sp_text(opt_ymd(s->a, a->d.conf)),
		sp_text(opt_ymd(s->a, a->d.exp)), sp_text(st),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;
	enum svc_rc src;

	if ((src = same_type(s, a->c->id, a->n->type, 0)) != SVC_OK)
		return src;
	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_PR_MEASURE_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "measure", a->n->type, "",
	    st, "")) != SVC_OK)
		return src;
	return cm_audit(s, "protect.measure.add", "case",
	    a->c->id, arena_printf(s->a,
	    "measure=%lld type=%s status=%s", (long long)a->id, a->n->type, st));
}

enum svc_rc
protect_measure_add(struct svc *s, int64_t case_id, int64_t version,
    const struct measure_new *n, int64_t *id)
{
	struct measure_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, case_id, &a.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(protect_measure_types, n->type))
		return svc_fail(s, SVC_INVALID, "type", cm_filled(n->type) ?
		    "error.field.choice" : "error.field.required");
	if (!svc_in_set(protect_deciders, n->decided_by))
		return svc_fail(s, SVC_INVALID, "decided_by",
		    cm_filled(n->decided_by) ? "error.field.choice" :
		    "error.field.required");
	if ((rc = measure_dates(s, n, &a.d)) != SVC_OK ||
	    (rc = open_case(s, a.c, version)) != SVC_OK)
		return rc;
	a.n = n;
	a.version = version;
	if ((rc = svc_tx(s, measure_add_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
measure_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct measure_info *m;

	if ((m = avec_next(l)) == NULL)
		return 1;
	m->id = srow_int(r, 0);
	m->case_id = srow_int(r, 1);
	m->type = cm_dup(l->a, r, 2);
	m->decided_by = cm_dup(l->a, r, 3);
	m->decision_date = cm_dup(l->a, r, 4);
	m->submission_date = cm_dup(l->a, r, 5);
	m->confirmation_date = cm_dup(l->a, r, 6);
	m->expiry_date = cm_dup(l->a, r, 7);
	m->status = cm_dup(l->a, r, 8);
	m->end_reason = cm_dup(l->a, r, 9);
	m->end_date = cm_dup(l->a, r, 10);
	m->author = cm_dup(l->a, r, 11);
	m->created_at = srow_int(r, 12);
	m->updated_at = srow_int(r, 13);
	return 0;
}

/* Measure id of case c; SVC_NOTFOUND when it is not one of the case's. */
static enum svc_rc
measure_get(struct svc *s, int64_t case_id, int64_t id,
    struct measure_info **m)
{
	struct sp p[] = { sp_int(id), sp_int(case_id),
		sp_text(cm_ymd(s->a, today())) };
	struct avec l;
	enum svc_rc rc;

	if ((rc = list(s, Q_PR_MEASURE_GET, p, 3, measure_cb, &l,
	    sizeof(**m))) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*m = l.v;
	return SVC_OK;
}

static enum svc_rc
measure_update_tx(struct svc *s, void *arg)
{
	struct measure_args *a = arg;
	const char *st = measure_status(&a->d);
	struct sp p[] = { sp_int(a->m->id), sp_text(opt_ymd(s->a, a->d.sub)),
		sp_text(opt_ymd(s->a, a->d.conf)),
		sp_text(opt_ymd(s->a, a->d.exp)), sp_text(st),
		sp_int(clock_now()) };
	enum store_rc rc;
	enum svc_rc src;

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_PR_MEASURE_UPDATE, p, 6, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "protect.err.ended");
		return cm_unavailable(s, rc);
	}
	if ((src = case_event_in_tx(s, a->c->id, "measure", a->m->type,
	    a->m->status, st, "")) != SVC_OK)
		return src;
	return cm_audit(s, "protect.measure.update", "case",
	    a->c->id, arena_printf(s->a,
	    "measure=%lld status=%s", (long long)a->m->id, st));
}

enum svc_rc
protect_measure_update(struct svc *s, int64_t case_id, int64_t mid,
    int64_t version, const struct measure_new *n)
{
	struct measure_args a;
	struct measure_info *m;
	struct measure_new k;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, case_id, &a.c)) != SVC_OK ||
	    (rc = measure_get(s, case_id, mid, &m)) != SVC_OK)
		return rc;
	k = *n;
	k.decision_date = m->decision_date;
	if ((rc = measure_dates(s, &k, &a.d)) != SVC_OK ||
	    (rc = open_case(s, a.c, version)) != SVC_OK)
		return rc;
	if (strcmp(m->status, "ended") == 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "protect.err.ended");
	a.m = m;
	a.version = version;
	return svc_tx(s, measure_update_tx, &a);
}

static enum svc_rc
measure_end_tx(struct svc *s, void *arg)
{
	struct measure_args *a = arg;
	struct sp p[] = { sp_int(a->m->id), sp_text(a->reason),
		sp_text(a->date), sp_int(clock_now()) };
	enum store_rc rc;
	enum svc_rc src;

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_PR_MEASURE_END, p, 4, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "protect.err.ended");
		return cm_unavailable(s, rc);
	}
	if ((src = case_event_in_tx(s, a->c->id, "measure", a->m->type,
	    a->m->status, "ended", a->reason)) != SVC_OK)
		return src;
	return cm_audit(s, "protect.measure.end", "case",
	    a->c->id, arena_printf(s->a,
	    "measure=%lld reason=%s", (long long)a->m->id, a->reason));
}

enum svc_rc
protect_measure_end(struct svc *s, int64_t case_id, int64_t mid,
    int64_t version, const char *reason, const char *date)
{
	struct measure_args a;
	struct measure_info *m;
	int32_t d, dec = 0;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, case_id, &a.c)) != SVC_OK ||
	    (rc = measure_get(s, case_id, mid, &m)) != SVC_OK)
		return rc;
	if (!svc_in_set(protect_end_reasons, reason))
		return svc_fail(s, SVC_INVALID, "end_reason", cm_filled(reason) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = day_field(s, "end_date", date, 1, 1, &d)) != SVC_OK)
		return rc;
	(void)cal_date_parse(m->decision_date, &dec);
	if (d < dec)
		return svc_fail(s, SVC_INVALID, "end_date",
		    "protect.err.end_before_decision");
	if ((rc = open_case(s, a.c, version)) != SVC_OK)
		return rc;
	if (strcmp(m->status, "ended") == 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "protect.err.ended");
	a.m = m;
	a.reason = reason;
	a.date = cm_ymd(s->a, d);
	a.version = version;
	return svc_tx(s, measure_end_tx, &a);
}

/* ---------------------------------------------------------------- placements */

struct placement_args {
	struct case_info		*c;
	const struct placement_new	*n;
	const struct placement_info	*p;
	const char			*how;
	int64_t				 at, measure, version, id;
};

static enum svc_rc
placement_start_tx(struct svc *s, void *arg)
{
	struct placement_args *a = arg;
	struct sp q[] = { sp_int(a->c->id) };
	struct sp p[] = { sp_int(a->c->id), sp_text(a->n->place_kind),
		sp_text(a->n->place_name), sp_int(a->at),
		sp_int(a->at + PROTECT_HOURS * 3600), sp_int(s->actor->id),
		sp_int(clock_now()) };
	int64_t running = 0;
	enum store_rc rc;
	enum svc_rc src;

	if ((rc = store_exec(s->st, Q_PR_PLACEMENT_RUNNING, q, 1, store_cb_int,
	    &running, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (running != 0)
		return svc_fail(s, SVC_INVALID, "date", "protect.err.running");
	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_PR_PLACEMENT_INSERT, p, 7, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "placement", "place_kind", "",
	    a->n->place_kind, "")) != SVC_OK)
		return src;
	return cm_audit(s, "protect.placement.start", "case",
	    a->c->id, arena_printf(s->a,
	    "placement=%lld kind=%s", (long long)a->id, a->n->place_kind));
}

enum svc_rc
protect_placement_start(struct svc *s, int64_t case_id, int64_t version,
    const struct placement_new *n, int64_t *id)
{
	struct placement_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, case_id, &a.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(protect_place_kinds, n->place_kind))
		return svc_fail(s, SVC_INVALID, "place_kind",
		    cm_filled(n->place_kind) ? "error.field.choice" :
		    "error.field.required");
	if ((rc = cm_text(s, "place_name", n->place_name, PROTECT_PLACE_MAX, 1,
	    0)) != SVC_OK)
		return rc;
	if (strpbrk(n->place_name, "<>") != NULL)
		return svc_fail(s, SVC_INVALID, "place_name",
		    "protect.err.markup");
	if ((rc = moment(s, n->date, n->time, &a.at)) != SVC_OK ||
	    (rc = open_case(s, a.c, version)) != SVC_OK)
		return rc;
	a.n = n;
	a.version = version;
	if ((rc = svc_tx(s, placement_start_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
placement_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct placement_info *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->case_id = srow_int(r, 1);
	p->place_kind = cm_dup(l->a, r, 2);
	p->place_name = cm_dup(l->a, r, 3);
	p->started_at = srow_int(r, 4);
	p->ends_at = srow_int(r, 5);
	p->ended_at = srow_int(r, 6);
	p->end_how = cm_dup(l->a, r, 7);
	p->measure_id = srow_int(r, 8);
	p->author = cm_dup(l->a, r, 9);
	return 0;
}

static enum svc_rc
placement_end_tx(struct svc *s, void *arg)
{
	struct placement_args *a = arg;
	struct sp p[] = { sp_int(a->p->id), sp_int(a->at), sp_text(a->how),
		sp_id(a->measure), sp_int(s->actor->id) };
	enum store_rc rc;
	enum svc_rc src;

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_PR_PLACEMENT_END, p, 5, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "protect.err.ended");
		return cm_unavailable(s, rc);
	}
	if ((src = case_event_in_tx(s, a->c->id, "placement", "end_how",
	    a->p->place_kind, a->how, "")) != SVC_OK)
		return src;
	return cm_audit(s, "protect.placement.end", "case",
	    a->c->id, arena_printf(s->a,
	    "placement=%lld how=%s measure=%lld", (long long)a->p->id, a->how,
	    (long long)a->measure));
}

enum svc_rc
protect_placement_end(struct svc *s, int64_t case_id, int64_t pid,
    int64_t version, const char *how, int64_t measure_id, const char *date,
    const char *time)
{
	struct sp p[] = { sp_int(pid), sp_int(case_id) };
	struct placement_args a;
	struct measure_info *m;
	struct avec l;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, case_id, &a.c)) != SVC_OK ||
	    (rc = list(s, Q_PR_PLACEMENT_GET, p, 2, placement_cb, &l,
	    sizeof(struct placement_info))) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	a.p = l.v;
	if (!svc_in_set(protect_end_hows, how))
		return svc_fail(s, SVC_INVALID, "end_how", cm_filled(how) ?
		    "error.field.choice" : "error.field.required");
	if (strcmp(how, "court_measure") == 0) {
		if (measure_id <= 0)
			return svc_fail(s, SVC_INVALID, "measure",
			    "protect.err.measure_required");
		if ((rc = measure_get(s, case_id, measure_id, &m)) != SVC_OK)
			return svc_fail(s, rc == SVC_NOTFOUND ? SVC_INVALID :
			    rc, "measure", "protect.err.measure_confirmed");
		if (strcmp(m->status, "confirmed") != 0)
			return svc_fail(s, SVC_INVALID, "measure",
			    "protect.err.measure_confirmed");
		a.measure = measure_id;
	}
	if ((rc = moment(s, date, time, &a.at)) != SVC_OK)
		return rc;
	if (a.at < a.p->started_at)
		return svc_fail(s, SVC_INVALID, "time",
		    "protect.err.end_before_start");
	if ((rc = open_case(s, a.c, version)) != SVC_OK)
		return rc;
	if (a.p->ended_at != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "protect.err.ended");
	a.how = how;
	a.version = version;
	return svc_tx(s, placement_end_tx, &a);
}

/* ---------------------------------------------------------------- reads */

enum svc_rc
protect_case(struct svc *s, const struct case_info *c,
    struct protect_view **out)
{
	struct protect_view *v;
	struct sp p[] = { sp_int(c->id), sp_text(cm_ymd(s->a, today())),
		sp_int(PROTECT_LIST_MAX) };
	struct sp q[] = { sp_int(c->id), sp_int(PROTECT_LIST_MAX) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if ((v = arena_zalloc(s->a, sizeof(*v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = list(s, Q_PR_MEASURES, p, 3, measure_cb, &l,
	    sizeof(struct measure_info))) != SVC_OK)
		return rc;
	v->measures = l.v;
	v->nmeasures = l.n;
	if ((rc = list(s, Q_PR_PLACEMENTS, q, 2, placement_cb, &l,
	    sizeof(struct placement_info))) != SVC_OK)
		return rc;
	v->placements = l.v;
	v->nplacements = l.n;
	*out = v;
	return SVC_OK;
}

static int
due_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct placement_due *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->case_id = srow_int(r, 1);
	p->ends_at = srow_int(r, 2);
	p->number = cm_dup(l->a, r, 3);
	p->place_kind = cm_dup(l->a, r, 4);
	p->place_name = cm_dup(l->a, r, 5);
	return 0;
}

enum svc_rc
protect_running(struct svc *s, struct placement_due **out, size_t *n)
{
	struct case_scope cs;
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	{
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
			sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0),
			sp_int(PROTECT_LIST_MAX) };

		if ((rc = list(s, Q_PR_RUNNING, p, 5, due_cb, &l,
		    sizeof(**out))) != SVC_OK)
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- scan */

/* One reminder: its kind, object and the people of a case. */
struct remind {
	const char	*kind, *type;
	int64_t		 id, case_id, worker, agency;
};

static enum svc_rc
remind_tx(struct svc *s, void *arg)
{
	struct remind *r = arg;
	const char *link = arena_printf(s->a, "/cases/%lld#protect",
	    (long long)r->case_id);
	enum svc_rc rc;

	if (link == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (r->worker > 0 && (rc = notify_once_in_tx(s, r->worker, r->kind,
	    r->type, r->id, link)) != SVC_OK)
		return rc;
	return notify_agency_in_tx(s, r->agency, ROLE_SUPERVISOR, 1, r->kind,
	    r->type, r->id, link);
}

struct scan_rows {
	struct remind	*v;
	size_t		 n, cap;
	struct arena	*a;
	int		 measures;	/* the row shape of Q_PR_SCAN_MEASURES */
	int64_t		 now;
};

static int
scan_cb(void *arg, const struct store_row *row)
{
	struct scan_rows *l = arg;
	struct remind *r;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct remind *v;

		if ((v = arena_alloc(l->a, cap * sizeof(*v))) == NULL)
			return 1;
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->id = srow_int(row, 0);
	r->case_id = srow_int(row, 1);
	if (l->measures) {
		r->kind = "measure_expiring";
		r->type = "measure";
		r->worker = srow_int(row, 2);
		r->agency = srow_int(row, 3);
	} else {
		r->kind = "placement_expiring";
		r->type = srow_int(row, 2) - l->now <= PROTECT_WARN_LATE ?
		    "placement_hours" : "placement_day";
		r->worker = srow_int(row, 3);
		r->agency = srow_int(row, 4);
	}
	return 0;
}

/* Runs q into rows, then one transaction per row. */
static enum svc_rc
scan_run(struct svc *s, enum qid q, const struct sp *p, size_t np,
    struct scan_rows *rows)
{
	enum store_rc src;
	enum svc_rc rc, first = SVC_OK;
	size_t i;

	if ((src = store_exec(s->st, q, p, np, scan_cb, rows, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, src);
	for (i = 0; i < rows->n; i++)
		if ((rc = svc_tx(s, remind_tx, &rows->v[i])) != SVC_OK &&
		    first == SVC_OK)
			first = rc;
	return first;
}

enum svc_rc
protect_scan(struct svc *s, int64_t now)
{
	struct scan_rows rows;
	int32_t d = 0;
	enum svc_rc rc, rc2;

	memset(&rows, 0, sizeof(rows));
	rows.a = s->a;
	rows.now = now;
	{
		struct sp p[] = { sp_int(now), sp_int(now + PROTECT_WARN_EARLY) };

		rc = scan_run(s, Q_PR_SCAN_PLACEMENTS, p, 2, &rows);
	}
	(void)cal_date_of(now, &d);
	memset(&rows, 0, sizeof(rows));
	rows.a = s->a;
	rows.measures = 1;
	{
		struct sp p[] = { sp_text(cm_ymd(s->a, d)),
			sp_text(cm_ymd(s->a, d + PROTECT_MEASURE_WARN_DAYS)) };

		rc2 = scan_run(s, Q_PR_SCAN_MEASURES, p, 2, &rows);
	}
	return rc != SVC_OK ? rc : rc2;
}
