/*
 * deadline.c — the deadlines of DOMAIN.md §3 (svc layer): rule sets per
 * country and version, the deadline of each step of a case, first contact,
 * "my work" with escalation, and the administrator's holidays. See
 * deadline.h. Working days come from util/calendar.h with the rows of
 * holiday_extra as the struct cal_extra of the country.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "deadline.h"

static const char *const step_names[DL_STEP__MAX] = {
	[DL_REGISTRATION] = "registration",
	[DL_FIRST_CONTACT] = "first_contact",
	[DL_ASSESSMENT] = "assessment",
	[DL_CONFERENCE] = "conference",
	[DL_PLAN] = "plan",
	[DL_REVIEW] = "review",
};

/* The steps a risk level (re)computes; the others wait for their event
 * (plan after the conference, review after the plan). */
static const int risk_steps[] = { DL_FIRST_CONTACT, DL_ASSESSMENT,
	DL_CONFERENCE };
/* The steps an event starts; a risk change recomputes them when open. */
static const int event_steps[] = { DL_PLAN, DL_REVIEW };

const char *
deadline_step_name(int s)
{
	return s >= 0 && s < DL_STEP__MAX ? step_names[s] : "?";
}

int
deadline_step_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < DL_STEP__MAX; i++)
		if (strcmp(s, step_names[i]) == 0)
			return i;
	return -1;
}



/* ---------------------------------------------------------------- rules */

enum svc_rc
deadline_rule_version(struct svc *s, const char *country, int64_t t,
    int64_t *version)
{
	struct sp p[] = { sp_text(country), sp_int(t) };
	enum store_rc rc;

	*version = 0;
	if ((rc = store_exec(s->st, Q_DL_RULE_VERSION, p, 2, store_cb_int,
	    version, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

struct extra_list {
	struct arena		*a;
	struct cal_extra_day	*d;
	size_t			 n;
	int			 oom;
};

static int
extra_cb(void *arg, const struct store_row *r)
{
	struct extra_list *l = arg;
	int32_t date;

	if (l->n >= CAL_EXTRA_MAX)
		return 1;
	if (cal_date_parse(srow_text(r, 0), &date) != CAL_OK)
		return 0;	/* the CHECK makes this unreachable */
	l->d[l->n].date = date;
	l->d[l->n].cancel = (int)srow_int(r, 1) != 0;
	l->d[l->n].shift = (int)srow_int(r, 2) != 0;
	l->n++;
	return 0;
}

/* The administrator's days of country as a struct cal_extra (arena). */
static enum svc_rc
extras(struct svc *s, const char *country, struct cal_extra *x)
{
	struct extra_list l;
	struct sp p[] = { sp_text(country) };
	enum store_rc rc;

	memset(x, 0, sizeof(*x));
	memset(&l, 0, sizeof(l));
	l.a = s->a;
	if ((l.d = arena_zalloc(s->a, CAL_EXTRA_MAX * sizeof(*l.d))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_DL_EXTRAS, p, 1, extra_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	x->days = l.d;
	x->ndays = l.n;
	return SVC_OK;
}

struct rule {
	int64_t		 amount;
	char		 unit[16];
	int		 found;
};

static int
rule_cb(void *arg, const struct store_row *r)
{
	struct rule *k = arg;

	k->amount = srow_int(r, 0);
	snprintf(k->unit, sizeof(k->unit), "%s", srow_text(r, 1));
	k->found = 1;
	return 1;
}

/* local date of start plus months (day clamped to the month's end). */
static enum cal_err
add_months(int64_t start, int64_t months, int32_t *out)
{
	int32_t d, probe;
	int y, m, day, mi;
	enum cal_err e;

	if ((e = cal_date_of(start, &d)) != CAL_OK)
		return e;
	cal_date_to_ymd(d, &y, &m, &day);
	mi = (y * 12 + (m - 1)) + (int)months;
	y = mi / 12;
	m = mi % 12 + 1;
	while (day > 28 && cal_date_from_ymd(y, m, day, &probe) != CAL_OK)
		day--;
	return cal_date_from_ymd(y, m, day, out);
}

enum svc_rc
deadline_due(struct svc *s, const char *country, int64_t version, int step,
    const char *risk, int64_t start, int64_t *due)
{
	struct rule k;
	struct cal_extra x;
	enum cal_country cc;
	enum store_rc rc;
	enum svc_rc src;
	enum cal_err e;
	int32_t d;
	struct sp p[] = { sp_text(country), sp_int(version),
	    sp_text(deadline_step_name(step)), sp_text(risk && *risk ? risk :
	    "any") };

	*due = 0;
	if (cal_country_parse(country, &cc) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "country", "error.field.invalid");
	memset(&k, 0, sizeof(k));
	if ((rc = store_exec(s->st, Q_DL_RULE_GET, p, 4, rule_cb, &k, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (!k.found)
		return SVC_OK;
	if (strcmp(k.unit, "hours") == 0) {
		*due = start + 3600 * k.amount;
		return SVC_OK;
	}
	if (strcmp(k.unit, "months") == 0) {
		if (add_months(start, k.amount, &d) != CAL_OK ||
		    cal_date_midnight(d + 1, due) != CAL_OK)
			return svc_fail(s, SVC_INVALID, NULL,
			    "error.field.date");
		return SVC_OK;
	}
	if ((src = extras(s, country, &x)) != SVC_OK)
		return src;
	if ((e = cal_init(NULL, NULL, 0)) != CAL_OK ||
	    (e = cal_deadline(cc, start, (int)k.amount, &x, due)) != CAL_OK)
		return svc_fail(s, e == CAL_EDATE ? SVC_INVALID : SVC_ERROR,
		    NULL, e == CAL_EDATE ? "error.field.date" :
		    "error.unavailable");
	return SVC_OK;
}

enum svc_rc
deadline_add_working_days(struct svc *s, const char *country, int32_t date,
    int n, int32_t *out)
{
	struct cal_extra x;
	enum cal_country cc;
	enum svc_rc src;
	enum cal_err e;

	*out = 0;
	if (cal_country_parse(country, &cc) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "country", "error.field.invalid");
	if ((src = extras(s, country, &x)) != SVC_OK)
		return src;
	if ((e = cal_init(NULL, NULL, 0)) != CAL_OK ||
	    (e = cal_add_working_days(cc, date, n, &x, out)) != CAL_OK)
		return svc_fail(s, e == CAL_EDATE ? SVC_INVALID : SVC_ERROR,
		    NULL, e == CAL_EDATE ? "error.field.date" :
		    "error.unavailable");
	return SVC_OK;
}

/* ---------------------------------------------------------------- a case */

static int
int_cb(void *arg, const struct store_row *r)
{
	*(int64_t *)arg = srow_int(r, 0);
	return 1;
}

static enum svc_rc
upsert(struct svc *s, int64_t case_id, int step, int64_t start, int64_t due,
    int64_t done, int64_t version, int64_t now)
{
	enum store_rc rc;
	struct sp p[] = { sp_int(case_id), sp_text(deadline_step_name(step)),
	    sp_int(start), due ? sp_int(due) : sp_null(),
	    done ? sp_int(done) : sp_null(), sp_int(version), sp_int(now),
	    done ? sp_id(s->actor ? s->actor->id : 0) : sp_null() };

	if ((rc = store_exec(s->st, Q_DL_UPSERT, p, 8, NULL, NULL, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
deadline_case_opened_in_tx(struct svc *s, int64_t case_id,
    const char *country, int64_t report_id, int64_t opened_at)
{
	int64_t version = 0, received = 0, due = 0;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = deadline_rule_version(s, country, opened_at, &version)) !=
	    SVC_OK)
		return src;
	if (version == 0)
		return svc_fail(s, SVC_ERROR, NULL, "deadline.no_rules");
	{
		struct sp p[] = { sp_int(case_id), sp_int(version) };

		if ((rc = store_exec(s->st, Q_DL_CASE_SET_VERSION, p, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (report_id > 0) {
		struct sp p[] = { sp_int(report_id) };

		if ((rc = store_exec(s->st, Q_DL_REPORT_RECEIVED, p, 1, int_cb,
		    &received, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (received <= 0 || received > opened_at)
		received = opened_at;
	if ((src = deadline_due(s, country, version, DL_REGISTRATION, NULL,
	    received, &due)) != SVC_OK)
		return src;
	/* Registered now: the step is done at once (late when the report
	 * waited past its working day). */
	return upsert(s, case_id, DL_REGISTRATION, received, due, opened_at,
	    version, opened_at);
}

struct case_row;
static enum svc_rc restart(struct svc *, const struct case_row *, int64_t,
		    int, const char *, int64_t);

struct case_row {
	int64_t		 agency_id, team_id, worker_id, version, opened_at,
			 rule_version;
	int		 restricted, found;
	char		 country[4], risk[16], status[24];
};

static int
case_cb(void *arg, const struct store_row *r)
{
	struct case_row *c = arg;

	c->found = 1;
	c->agency_id = srow_int(r, 0);
	c->team_id = srow_int(r, 1);
	c->worker_id = srow_int(r, 2);
	c->restricted = (int)srow_int(r, 3);
	snprintf(c->country, sizeof(c->country), "%s", srow_text(r, 4));
	c->rule_version = srow_int(r, 5);
	c->opened_at = srow_int(r, 6);
	snprintf(c->risk, sizeof(c->risk), "%s", srow_text(r, 7));
	snprintf(c->status, sizeof(c->status), "%s", srow_text(r, 8));
	c->version = srow_int(r, 9);
	return 1;
}

static enum svc_rc
case_fetch(struct svc *s, int64_t id, struct case_row *c)
{
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = store_exec(s->st, Q_DL_CASE_INFO, p, 1, case_cb, c, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (!c->found)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	return SVC_OK;
}

enum svc_rc
deadline_risk_in_tx(struct svc *s, int64_t case_id, const char *risk,
    int64_t at)
{
	struct case_row c;
	enum store_rc rc;
	enum svc_rc src;
	int64_t due;
	size_t i;

	if ((src = case_fetch(s, case_id, &c)) != SVC_OK)
		return src;
	for (i = 0; i < sizeof(risk_steps) / sizeof(risk_steps[0]); i++) {
		if ((src = deadline_due(s, c.country, c.rule_version,
		    risk_steps[i], risk, c.opened_at, &due)) != SVC_OK)
			return src;
		if (due != 0)
			src = upsert(s, case_id, risk_steps[i], c.opened_at,
			    due, 0, c.rule_version, at);
		else {
			struct sp p[] = { sp_int(case_id),
			    sp_text(deadline_step_name(risk_steps[i])) };

			if ((rc = store_exec(s->st, Q_DL_DROP_OPEN, p, 2, NULL,
			    NULL, NULL)) != STORE_OK)
				return cm_unavailable(s, rc);
		}
		if (src != SVC_OK)
			return src;
	}
	/* An open plan or review: the new level's period from its start. */
	for (i = 0; i < sizeof(event_steps) / sizeof(event_steps[0]); i++) {
		int64_t start = 0;
		struct sp p[] = { sp_int(case_id),
		    sp_text(deadline_step_name(event_steps[i])) };

		if ((rc = store_exec(s->st, Q_DL_OPEN_START, p, 2, int_cb,
		    &start, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (start == 0)
			continue;
		if ((src = restart(s, &c, case_id, event_steps[i], risk,
		    start)) != SVC_OK)
			return src;
	}
	return SVC_OK;
}

/* A new period of step from start at the case's rules and risk level. */
static enum svc_rc
restart(struct svc *s, const struct case_row *c, int64_t case_id, int step,
    const char *risk, int64_t start)
{
	enum store_rc rc;
	enum svc_rc src;
	int64_t due = 0;

	if ((src = deadline_due(s, c->country, c->rule_version, step, risk,
	    start, &due)) != SVC_OK)
		return src;
	if (due == 0) {
		struct sp p[] = { sp_int(case_id),
		    sp_text(deadline_step_name(step)) };

		rc = store_exec(s->st, Q_DL_DROP_OPEN, p, 2, NULL, NULL, NULL);
	} else {
		struct sp p[] = { sp_int(case_id),
		    sp_text(deadline_step_name(step)), sp_int(start),
		    sp_int(due), sp_int(c->rule_version) };

		rc = store_exec(s->st, Q_DL_RESTART, p, 5, NULL, NULL, NULL);
	}
	return rc == STORE_OK ? SVC_OK : cm_unavailable(s, rc);
}

enum svc_rc
deadline_step_start_in_tx(struct svc *s, int64_t case_id, int step,
    int64_t start)
{
	struct case_row c;
	enum svc_rc src;

	if (step <= DL_REGISTRATION || step >= DL_STEP__MAX)
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	if ((src = case_fetch(s, case_id, &c)) != SVC_OK)
		return src;
	return restart(s, &c, case_id, step, c.risk[0] ? c.risk : NULL,
	    start);
}

enum svc_rc
deadline_step_done_in_tx(struct svc *s, int64_t case_id, int step,
    int64_t at)
{
	struct case_row c;
	enum store_rc rc;
	enum svc_rc src;
	struct sp pd[] = { sp_int(case_id), sp_text(deadline_step_name(step)),
	    sp_int(at), sp_id(s->actor ? s->actor->id : 0) };

	if (step < DL_REGISTRATION || step >= DL_STEP__MAX)
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	rc = store_exec(s->st, Q_DL_DONE, pd, 4, NULL, NULL, NULL);
	if (rc == STORE_OK)
		return SVC_OK;
	if (rc != STORE_NOTFOUND)
		return cm_unavailable(s, rc);
	/* None open: done without a deadline (or done already: kept). */
	if ((src = case_fetch(s, case_id, &c)) != SVC_OK)
		return src;
	{
		struct sp pi[] = { sp_int(case_id),
		    sp_text(deadline_step_name(step)), sp_int(at), sp_int(at),
		    sp_id(s->actor ? s->actor->id : 0),
		    sp_int(c.rule_version) };

		if ((rc = store_exec(s->st, Q_DL_INSERT_DONE, pi, 6, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return SVC_OK;
}

enum svc_rc
deadline_case_ended_in_tx(struct svc *s, int64_t case_id)
{
	struct sp p[] = { sp_int(case_id) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_DL_DROP_ALL_OPEN, p, 1, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

struct dl_vec {
	struct avec	 l;
	int64_t		 now;
};

static int
dl_cb(void *arg, const struct store_row *r)
{
	struct dl_vec *x = arg;
	struct deadline_info *d;

	if ((d = avec_next(&x->l)) == NULL)
		return 1;
	d->step = cm_dup(x->l.a, r, 0);
	d->start_at = srow_int(r, 1);
	d->due_at = srow_int(r, 2);
	d->done_at = srow_int(r, 3);
	d->escalated_at = srow_int(r, 4);
	d->rule_version = srow_int(r, 5);
	d->overdue = d->done_at == 0 && d->due_at != 0 && x->now >= d->due_at;
	d->late = d->done_at != 0 && d->due_at != 0 && d->done_at >= d->due_at;
	return 0;
}

enum svc_rc
deadline_case_list(struct svc *s, int64_t case_id, struct deadline_info **out,
    size_t *n)
{
	struct dl_vec x;
	struct sp p[] = { sp_int(case_id) };
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	avec_init(&x.l, s->a, sizeof(**out), DL_STEP__MAX);
	x.now = clock_now();
	if ((rc = store_exec(s->st, Q_DL_CASE_LIST, p, 1, dl_cb, &x, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (x.l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = x.l.v;
	*n = x.l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- contact */

struct contact_args {
	int64_t		 case_id, at, due;
	struct case_row	 c;
};

static enum svc_rc
contact_tx(struct svc *s, void *arg)
{
	struct contact_args *a = arg;
	int64_t now = clock_now(), v = 0;
	char when[32];
	enum store_rc rc;
	struct sp pd[] = { sp_int(a->case_id),
	    sp_text(step_names[DL_FIRST_CONTACT]), sp_int(a->at),
	    sp_int(s->actor->id) };
	struct sp pt[] = { sp_int(a->case_id), sp_int(now) };

	rc = store_exec(s->st, Q_DL_DONE, pd, 4, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND) {
		/* No open step: not yet a deadline (risk not set), so the
		 * step is recorded done; or it is done already. */
		int64_t changes = 0;
		struct sp pi[] = { sp_int(a->case_id),
		    sp_text(step_names[DL_FIRST_CONTACT]),
		    sp_int(a->c.opened_at), sp_int(a->at),
		    sp_int(s->actor->id), sp_int(a->c.rule_version) };

		if ((rc = store_exec(s->st, Q_DL_INSERT_DONE, pi, 6, NULL,
		    NULL, &changes)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (changes == 0)
			return svc_fail(s, SVC_CONFLICT, "date",
			    "deadline.contact.done");
	}
	if (rc != STORE_OK ||
	    (rc = store_exec(s->st, Q_CASE_TOUCH, pt, 2, int_cb, &v, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	clock_format(a->at, 1, when, sizeof(when));
	{
		struct sp p[] = { sp_int(a->case_id), sp_int(now),
		    sp_id(s->actor->id), sp_text("contact"),
		    sp_text("first_contact"), sp_text(""), sp_text(when),
		    sp_text("") };

		if ((rc = store_exec(s->st, Q_CASE_EVENT_INSERT, p, 8, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if ((rc = audit_record(s->st, s->actor, NULL, "case.contact", "case",
	    a->case_id, arena_printf(s->a, "at=%lld", (long long)a->at))) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

static int
visible(struct svc *s, const struct case_row *c)
{
	struct case_ref ref;

	ref.agency_id = c->agency_id;
	ref.team_id = c->team_id;
	ref.worker_id = c->worker_id;
	ref.restricted = c->restricted;
	return authz_case_visible(s->actor, &ref);
}

enum svc_rc
deadline_contact(struct svc *s, int64_t case_id, int64_t at)
{
	struct contact_args a;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (case_id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	memset(&a, 0, sizeof(a));
	if ((rc = case_fetch(s, case_id, &a.c)) != SVC_OK)
		return rc;
	if (!visible(s, &a.c)) {
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "case.write.denied", "case", case_id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (strcmp(a.c.status, "closed") == 0 ||
	    strcmp(a.c.status, "transferred") == 0)
		return svc_fail(s, SVC_INVALID, "date", "case.closed");
	if (at > clock_now())
		return svc_fail(s, SVC_INVALID, "date", "deadline.contact.future");
	if (at < a.c.opened_at)
		return svc_fail(s, SVC_INVALID, "date",
		    "deadline.contact.before_open");
	a.case_id = case_id;
	a.at = at;
	return svc_tx(s, contact_tx, &a);
}

/* ---------------------------------------------------------------- my work */

/* Local midnight ending the day of t. */
static int64_t
end_of_day(int64_t t)
{
	int32_t d;
	int64_t e;

	if (cal_date_of(t, &d) != CAL_OK || cal_date_midnight(d + 1, &e) !=
	    CAL_OK)
		return t;
	return e;
}

struct work_vec {
	struct avec	 l;
	int64_t		 now, eod, me;
};

static int
work_cb(void *arg, const struct store_row *r)
{
	struct work_vec *x = arg;
	struct work_item *w;
	const char *fam;

	if ((w = avec_next(&x->l)) == NULL)
		return 1;
	w->case_id = srow_int(r, 0);
	w->number = cm_dup(x->l.a, r, 1);
	fam = srow_text(r, 3);
	w->child = fam && *fam ? arena_printf(x->l.a, "%s %s", srow_text(r, 2),
	    fam) : cm_dup(x->l.a, r, 2);
	if (w->child == NULL)
		w->child = "";
	w->risk = cm_dup(x->l.a, r, 4);
	w->worker = cm_dup(x->l.a, r, 5);
	w->worker_id = srow_int(r, 6);
	w->step = cm_dup(x->l.a, r, 7);
	w->due_at = srow_int(r, 8);
	w->escalated_at = srow_int(r, 9);
	w->overdue = x->now >= w->due_at;
	w->today = !w->overdue && w->due_at <= x->eod;
	w->mine = w->worker_id == x->me;
	return 0;
}

enum svc_rc
deadline_work(struct svc *s, struct work_item **out, size_t *n)
{
	struct case_scope cs;
	struct work_vec x;
	int64_t now = clock_now();
	int64_t changes = 0;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	{
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
		    sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0), sp_int(now),
		    sp_int(DEADLINE_WORK_MAX) };

		if (cs.unit) {
			/* First listing of an overdue step to the unit's
			 * supervisor: the escalation, with its audit row. */
			if ((rc = store_begin(s->st, 1)) != STORE_OK)
				return cm_unavailable(s, rc);
			rc = store_exec(s->st, Q_DL_ESCALATE, p, 5, NULL, NULL,
			    &changes);
			if (rc == STORE_OK && changes > 0)
				rc = audit_record(s->st, s->actor, NULL,
				    "deadline.escalate", "case", 0,
				    arena_printf(s->a, "steps=%lld",
				    (long long)changes));
			if (rc == STORE_OK)
				rc = store_commit(s->st);
			else
				store_rollback(s->st);
			if (rc != STORE_OK)
				return cm_unavailable(s, rc);
		}
		avec_init(&x.l, s->a, sizeof(**out), DEADLINE_WORK_MAX);
		x.now = now;
		x.eod = end_of_day(now);
		x.me = s->actor->id;
		if ((rc = store_exec(s->st, cs.unit ? Q_DL_WORK :
		    Q_DL_WORK_OWN, p, 6, work_cb, &x, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (x.l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = x.l.v;
	*n = x.l.n;
	return SVC_OK;
}

static int
counts_cb(void *arg, const struct store_row *r)
{
	struct work_counts *c = arg;

	c->overdue = srow_int(r, 0);
	c->today = srow_int(r, 1);
	c->unit_overdue = srow_int(r, 2);
	return 1;
}

enum svc_rc
deadline_counts(struct svc *s, struct work_counts *c)
{
	struct case_scope cs;
	int64_t now = clock_now();
	enum store_rc rc;

	memset(c, 0, sizeof(*c));
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	{
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
		    sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0), sp_int(now),
		    sp_int(end_of_day(now)) };

		if ((rc = store_exec(s->st, Q_DL_COUNTS, p, 6, counts_cb, c,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return SVC_OK;
}

static int
home_cb(void *arg, const struct store_row *r)
{
	struct home_counts *h = arg;

	h->work.overdue = srow_int(r, 0);
	h->work.today = srow_int(r, 1);
	h->work.unit_overdue = srow_int(r, 2);
	h->own_no_risk = srow_int(r, 3);
	h->own_high = srow_int(r, 4);
	h->pending = srow_int(r, 5);
	h->reports_waiting = srow_int(r, 6);
	return 1;
}

enum svc_rc
deadline_home_counts(struct svc *s, struct home_counts *h)
{
	struct case_scope cs;
	int64_t now = clock_now();
	enum store_rc rc;

	memset(h, 0, sizeof(*h));
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL) ||
	    !authz_allows(s->actor, PERM_INTAKE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	if (svc_memo_get(s, MEMO_HOME_CASEWORK, 0, h, sizeof(*h)))
		return SVC_OK;
	{
		/* Only a supervisor counts the unit's pending validations. */
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
		    sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0), sp_int(now),
		    sp_int(end_of_day(now)), sp_int(authz_allows(s->actor,
		    PERM_CASE_SUPERVISE, NULL) ? cs.agency_id : -1) };

		if ((rc = store_exec(s->st, Q_HOME_CASEWORK, p, 7, home_cb, h,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	svc_memo_put(s, MEMO_HOME_CASEWORK, 0, h, sizeof(*h));
	return SVC_OK;
}

/* ---------------------------------------------------------------- holidays */

const char *
deadline_admin_country(const struct actor *a)
{
	return a != NULL ? a->country : NULL;
}

/* The actor administers country's holidays. */
static int
may_admin(struct svc *s, const char *country)
{
	const char *own = deadline_admin_country(s->actor);

	return authz_allows(s->actor, PERM_USERS_WRITE, NULL) &&
	    (own == NULL || strcmp(own, country) == 0);
}

static int
xinfo_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct holiday_extra_info *h;

	if ((h = avec_next(l)) == NULL)
		return 1;
	h->id = srow_int(r, 0);
	h->date = cm_dup(l->a, r, 1);
	h->cancel = (int)srow_int(r, 2);
	h->shift = (int)srow_int(r, 3);
	h->name = cm_dup(l->a, r, 4);
	h->author = cm_dup(l->a, r, 5);
	h->at = srow_int(r, 6);
	return 0;
}

enum svc_rc
deadline_holidays(struct svc *s, const char *country, int year,
    struct holiday_day **out, size_t *n, struct holiday_extra_info **xout,
    size_t *nx)
{
	struct cal_day_off days[400];
	struct holiday_day *h;
	struct cal_extra x;
	enum cal_country cc;
	struct avec l;
	size_t i, k = 0;
	int lang = s->actor ? (int)s->actor->lang : 0;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_text(country), sp_int(year) };

	*out = NULL;
	*xout = NULL;
	*n = *nx = 0;
	if (country == NULL || cal_country_parse(country, &cc) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if (!may_admin(s, country))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return svc_fail(s, SVC_INVALID, "year", "error.field.range");
	if ((src = extras(s, country, &x)) != SVC_OK)
		return src;
	if (cal_init(NULL, NULL, 0) != CAL_OK || cal_days_off(cc, year, &x,
	    days, sizeof(days) / sizeof(days[0]), &k) != CAL_OK)
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	if (k > sizeof(days) / sizeof(days[0]))
		k = sizeof(days) / sizeof(days[0]);
	if ((h = arena_zalloc(s->a, (k + 1) * sizeof(*h))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < k; i++) {
		h[i].date = days[i].date;
		h[i].holiday = days[i].holiday;
		h[i].extra = days[i].row == NULL;
		h[i].name = days[i].row == NULL ? "" : lang == LANG_EN ?
		    days[i].row->name_en : lang == LANG_SR ?
		    days[i].row->name_sr : days[i].row->name_sq;
	}
	avec_init(&l, s->a, sizeof(**xout), CAL_EXTRA_MAX);
	if ((rc = store_exec(s->st, Q_DL_EXTRA_LIST, p, 2, xinfo_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = h;
	*n = k;
	*xout = l.v;
	*nx = l.n;
	return SVC_OK;
}

struct holiday_args {
	const char	*country, *date, *name;
	int		 cancel, shift;
};

static enum svc_rc
holiday_tx(struct svc *s, void *arg)
{
	struct holiday_args *a = arg;
	enum store_rc rc;
	struct sp p[] = { sp_text(a->country), sp_text(a->date),
	    sp_int(a->cancel), sp_int(a->shift), sp_text(a->name),
	    sp_id(s->actor ? s->actor->id : 0), sp_int(clock_now()) };

	rc = store_exec(s->st, Q_DL_EXTRA_INSERT, p, 7, NULL, NULL, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_CONFLICT, "date", "holiday.exists");
	if (rc != STORE_OK ||
	    (rc = audit_record(s->st, s->actor, NULL, a->cancel ?
	    "holiday.cancel" : "holiday.add", "holiday", 0,
	    arena_printf(s->a, "country=%s date=%s shift=%d", a->country,
	    a->date, a->shift))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
deadline_holiday_add(struct svc *s, const char *country, const char *date,
    int cancel, int shift, const char *name)
{
	struct holiday_args a;
	enum cal_country cc;
	int32_t d;
	int64_t t;
	char iso[16];

	if (!authz_allows(s->actor, PERM_USERS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (country == NULL || cal_country_parse(country, &cc) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if (!may_admin(s, country))
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	/* dd.mm.yyyy or yyyy-mm-dd, as the form's field accepts. */
	if (date == NULL || clock_parse_date(date, &t) != 0 ||
	    cal_date_of(t, &d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "date", "error.field.date");
	cal_date_format(d, iso, sizeof(iso));
	if (name == NULL)
		name = "";
	if (!utf8_valid(name, strlen(name)) ||
	    utf8_chars(name, strlen(name)) > DEADLINE_NAME_MAX)
		return svc_fail(s, SVC_INVALID, "name", "error.field.toolong");
	a.country = cal_country_code(cc);
	a.date = iso;
	a.name = name;
	a.cancel = cancel ? 1 : 0;
	a.shift = shift && !cancel ? 1 : 0;
	return svc_tx(s, holiday_tx, &a);
}
