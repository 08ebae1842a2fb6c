/*
 * closure.c — reviews, new incidents, closure with supervisor approval and
 * the follow-up check, reopening, and transfer to another municipality
 * (svc layer). See closure.h. Each write: the fields and rules first, then
 * one transaction (svc_tx) with the rows, the case version and status
 * (case_change_in_tx), the deadlines, the timeline events and the audit row
 * (ids and codes only, never a child's name or the text written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "closure.h"
#include "deadline.h"
#include "reference.h"

const char *const closure_decisions[] = { "continue", "revise_plan",
	"propose_closure", NULL };
/* DOMAIN.md §4: goals met, no longer at risk, turned 18, moved, death,
 * family refused and risk low, duplicate. */
const char *const closure_reasons[] = { "goals_met", "no_longer_at_risk",
	"turned_18", "moved", "death", "family_refused_low_risk", "duplicate",
	NULL };
const char *const closure_results[] = { "fine", "concern", NULL };

/* ---------------------------------------------------------------- helpers */




/* 1 when s holds something other than white space. */
static int
filled(const char *s)
{
	for (s = svc_nz(s); *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

/* A text field: required (1..max) or optional (0..max) characters. */
static enum svc_rc
text_ok(struct svc *s, const char *field, const char *v, size_t max,
    int required)
{
	if (required && !filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (!svc_text_ok(v, max, 1))
		return svc_fail(s, SVC_INVALID, field, strlen(svc_nz(v)) > 0 &&
		    svc_text_ok(v, (size_t)-1 / 8, 1) ? "error.field.toolong" :
		    "error.field.invalid");
	return SVC_OK;
}

/* The local day of a date field (dd.mm.yyyy or yyyy-mm-dd); -1 invalid. */
static int
day_of(const char *v, int32_t *d)
{
	int64_t t;

	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, d) != CAL_OK)
		return -1;
	return 0;
}

static int32_t
today(void)
{
	int32_t d = 0;

	(void)cal_date_of(clock_now(), &d);
	return d;
}

static const char *
ymd(struct arena *a, int32_t d)
{
	char b[16];

	cal_date_format(d, b, sizeof(b));
	return arena_strdup(a, b);
}

static int64_t
midnight(int32_t d)
{
	int64_t t = 0;

	(void)cal_date_midnight(d, &t);
	return t;
}

/* d plus n calendar months, the day clamped to the month's end. */
static int32_t
plus_months(int32_t d, int n)
{
	int y, m, day, i;
	int32_t out = d;

	cal_date_to_ymd(d, &y, &m, &day);
	i = y * 12 + (m - 1) + n;
	while (cal_date_from_ymd(i / 12, i % 12 + 1, day, &out) != CAL_OK &&
	    day > 28)
		day--;
	return out;
}

/*
 * A date of the case's life: valid, not after today, not before the day
 * the case opened (field named field).
 */
static enum svc_rc
case_day(struct svc *s, const char *field, const char *v, int64_t opened_at,
    int32_t *d)
{
	int32_t open = 0;

	if (!filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (day_of(v, d) != 0)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	if (*d > today())
		return svc_fail(s, SVC_INVALID, field, "closure.date.future");
	(void)cal_date_of(opened_at, &open);
	if (*d < open)
		return svc_fail(s, SVC_INVALID, field,
		    "closure.date.before_open");
	return SVC_OK;
}


/* The case row the rules need, unchecked (CL_CASE_COLS). */
enum cl_case_col {
	CL_ID, CL_NUMBER, CL_STATUS, CL_RISK, CL_AGENCY, CL_TEAM, CL_WORKER,
	CL_RESTRICTED, CL_CHILD, CL_BIRTH, CL_MUNI, CL_COUNTRY, CL_EMERGENCY,
	CL_SOURCE, CL_OPENED, CL_CLOSED, CL_VERSION, CL_MUNI_NAME, CL_FROM,
	CL_FROM_NUMBER, CL_FROM_STATUS
};

struct cl_case {
	struct arena	*a;
	int		 found;
	int64_t		 id, agency_id, team_id, worker_id, child_id,
			 municipality_id, opened_at, closed_at, version;
	int		 restricted, emergency;
	const char	*number, *status, *risk, *birth, *country, *source,
			*muni_name;
	struct case_link from;	/* reopened from (id 0: none) */
};

static int
cl_case_cb(void *arg, const struct store_row *r)
{
	struct cl_case *c = arg;

	c->found = 1;
	c->id = srow_int(r, CL_ID);
	c->number = cm_dup(c->a, r, CL_NUMBER);
	c->status = cm_dup(c->a, r, CL_STATUS);
	c->risk = cm_dup(c->a, r, CL_RISK);
	c->agency_id = srow_int(r, CL_AGENCY);
	c->team_id = srow_int(r, CL_TEAM);
	c->worker_id = srow_int(r, CL_WORKER);
	c->restricted = (int)srow_int(r, CL_RESTRICTED);
	c->child_id = srow_int(r, CL_CHILD);
	c->birth = cm_dup(c->a, r, CL_BIRTH);
	c->municipality_id = srow_int(r, CL_MUNI);
	c->country = cm_dup(c->a, r, CL_COUNTRY);
	c->emergency = (int)srow_int(r, CL_EMERGENCY);
	c->source = cm_dup(c->a, r, CL_SOURCE);
	c->opened_at = srow_int(r, CL_OPENED);
	c->closed_at = srow_int(r, CL_CLOSED);
	c->version = srow_int(r, CL_VERSION);
	c->muni_name = cm_dup(c->a, r, CL_MUNI_NAME);
	c->from.id = srow_int(r, CL_FROM);
	c->from.number = cm_dup(c->a, r, CL_FROM_NUMBER);
	c->from.status = cm_dup(c->a, r, CL_FROM_STATUS);
	return 1;
}

static enum svc_rc
case_row(struct svc *s, int64_t id, struct cl_case *c)
{
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	memset(c, 0, sizeof(*c));
	c->a = s->a;
	if ((rc = store_exec(s->st, Q_CL_CASE_ROW, p, 1, cl_case_cb, c,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (!c->found)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	return SVC_OK;
}

/* ---------------------------------------------------------------- lists */

static int
review_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct review_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->date = cm_dup(l->a, r, 1);
	v->progress = cm_dup(l->a, r, 2);
	v->situation = cm_dup(l->a, r, 3);
	v->child_views = cm_dup(l->a, r, 4);
	v->risk_before = cm_dup(l->a, r, 5);
	v->risk_after = cm_dup(l->a, r, 6);
	v->risk_id = srow_int(r, 7);
	v->decision = cm_dup(l->a, r, 8);
	v->next_review = cm_dup(l->a, r, 9);
	v->author_id = srow_int(r, 10);
	v->author = cm_dup(l->a, r, 11);
	v->created_at = srow_int(r, 12);
	return 0;
}

static int
incident_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct incident_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->date = cm_dup(l->a, r, 1);
	v->note = cm_dup(l->a, r, 2);
	v->author_id = srow_int(r, 3);
	v->author = cm_dup(l->a, r, 4);
	v->created_at = srow_int(r, 5);
	v->review_id = srow_int(r, 6);
	return 0;
}

static int
closure_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct closure_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->reason = cm_dup(l->a, r, 1);
	v->summary = cm_dup(l->a, r, 2);
	v->date = cm_dup(l->a, r, 3);
	v->follow_up = cm_dup(l->a, r, 4);
	v->status = cm_dup(l->a, r, 5);
	v->requested_by = srow_int(r, 6);
	v->requester = cm_dup(l->a, r, 7);
	v->requested_at = srow_int(r, 8);
	v->decided_by = srow_int(r, 9);
	v->decider = cm_dup(l->a, r, 10);
	v->decided_at = srow_int(r, 11);
	v->decision_note = cm_dup(l->a, r, 12);
	v->result = cm_dup(l->a, r, 13);
	v->result_note = cm_dup(l->a, r, 14);
	v->follow_up_by = srow_int(r, 15);
	v->follow_up_author = cm_dup(l->a, r, 16);
	v->follow_up_at = srow_int(r, 17);
	return 0;
}

static int
transfer_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct transfer_info *v;
	const char *given, *family;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->case_id = srow_int(r, 1);
	v->number = cm_dup(l->a, r, 2);
	given = cm_dup(l->a, r, 3);
	family = cm_dup(l->a, r, 4);
	v->child = *family ? arena_printf(l->a, "%s %s", given, family) : given;
	if (v->child == NULL)
		v->child = "";
	v->from_agency_id = srow_int(r, 5);
	v->from_agency = cm_dup(l->a, r, 6);
	v->from_municipality = cm_dup(l->a, r, 7);
	v->to_municipality_id = srow_int(r, 8);
	v->to_municipality = cm_dup(l->a, r, 9);
	v->to_agency_id = srow_int(r, 10);
	v->to_agency = cm_dup(l->a, r, 11);
	v->reason = cm_dup(l->a, r, 12);
	v->status = cm_dup(l->a, r, 13);
	v->requested_by = srow_int(r, 14);
	v->requester = cm_dup(l->a, r, 15);
	v->requested_at = srow_int(r, 16);
	v->decided_by = srow_int(r, 17);
	v->decider = cm_dup(l->a, r, 18);
	v->decided_at = srow_int(r, 19);
	v->decision_note = cm_dup(l->a, r, 20);
	v->new_case_id = srow_int(r, 21);
	v->new_number = cm_dup(l->a, r, 22);
	v->country = cm_dup(l->a, r, 23);
	return 0;
}

static int
link_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct case_link *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->number = cm_dup(l->a, r, 1);
	v->status = cm_dup(l->a, r, 2);
	return 0;
}

/* Runs a list query of case id (params: id, limit) into l. */
static enum svc_rc
list(struct svc *s, enum qid q, int64_t id, store_cb cb, struct avec *l,
    size_t size)
{
	struct sp p[] = { sp_int(id), sp_int(CLOSURE_LIST_MAX) };
	enum store_rc rc;

	avec_init(l, s->a, size, CLOSURE_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, 2, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* The last instant a closed case may be reopened (0: never closed). */
static int64_t
reopen_until(int64_t closed_at)
{
	int32_t d;

	if (closed_at <= 0 || cal_date_of(closed_at, &d) != CAL_OK)
		return 0;
	return midnight(plus_months(d, CLOSURE_REOPEN_MONTHS) + 1) - 1;
}

static enum svc_rc
view_of(struct svc *s, int64_t id, struct closure_view **out)
{
	struct closure_view *v;
	struct cl_case c;
	struct avec l;
	enum svc_rc rc;
	size_t i;

	if ((v = arena_zalloc(s->a, sizeof(*v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = case_row(s, id, &c)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_CL_REVIEWS, id, review_cb, &l,
	    sizeof(*v->reviews))) != SVC_OK)
		return rc;
	v->reviews = l.v;
	v->nreviews = l.n;
	if ((rc = list(s, Q_CL_INCIDENTS, id, incident_cb, &l,
	    sizeof(*v->incidents))) != SVC_OK)
		return rc;
	v->incidents = l.v;
	v->nincidents = l.n;
	for (i = 0; i < v->nincidents; i++)
		if (v->incidents[i].review_id == 0)
			v->incidents_open++;
	if ((rc = list(s, Q_CL_CLOSURES, id, closure_cb, &l,
	    sizeof(*v->closures))) != SVC_OK)
		return rc;
	v->closures = l.v;
	v->nclosures = l.n;
	for (i = 0; i < v->nclosures; i++) {
		if (strcmp(v->closures[i].status, "requested") == 0)
			v->waiting = &v->closures[i];
		if (v->approved == NULL &&
		    strcmp(v->closures[i].status, "approved") == 0)
			v->approved = &v->closures[i];
	}
	if ((rc = list(s, Q_CL_TRANSFERS_OF_CASE, id, transfer_cb, &l,
	    sizeof(*v->transfers))) != SVC_OK)
		return rc;
	v->transfers = l.v;
	v->ntransfers = l.n;
	for (i = 0; i < v->ntransfers; i++)
		if (strcmp(v->transfers[i].status, "requested") == 0)
			v->transfer_waiting = &v->transfers[i];
	if ((rc = list(s, Q_CL_TRANSFER_INTO, id, transfer_cb, &l,
	    sizeof(*v->transfers))) != SVC_OK)
		return rc;
	if (l.n > 0)
		v->transferred_from = l.v;
	if ((rc = list(s, Q_CL_REOPENED_INTO, id, link_cb, &l,
	    sizeof(*v->reopened_into))) != SVC_OK)
		return rc;
	v->reopened_into = l.v;
	v->nreopened_into = l.n;
	for (i = 0; i < v->nreopened_into; i++)
		if (strcmp(v->reopened_into[i].status, "closed") != 0 &&
		    strcmp(v->reopened_into[i].status, "transferred") != 0)
			v->reopen_open = 1;
	v->reopened_from = c.from;
	if (strcmp(c.status, "closed") == 0) {
		v->reopen_until = reopen_until(c.closed_at);
		v->reopen_allowed = v->reopen_until >= clock_now() &&
		    !v->reopen_open;
	}
	*out = v;
	return SVC_OK;
}

enum svc_rc
closure_case(struct svc *s, const struct case_info *ci,
    struct closure_view **out)
{
	*out = NULL;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return view_of(s, ci->id, out);
}

/*
 * The case the actor may write (visible, PERM_CASE_WRITE; a refused
 * attempt audited by case_for_write()), whatever its status: the callers
 * check the status after the fields, so a form's errors come first.
 */
static enum svc_rc
writable(struct svc *s, int64_t id, struct case_info **c)
{
	return case_for_write(s, id, 0, 1, c);
}

static enum svc_rc
open_case(struct svc *s, const struct case_info *c, const char *field,
    int64_t version)
{
	if (case_ended(c))
		return svc_fail(s, SVC_INVALID, field, "case.closed");
	if (version != c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	return SVC_OK;
}

/* ---------------------------------------------------------------- reviews */

struct review_args {
	struct case_info		*c;
	const struct review_new		*n;
	const char			*date, *next, *risk;
	int32_t				 day;
	int				 changed;
	int64_t				 id;
};

static enum svc_rc
review_tx(struct svc *s, void *arg)
{
	struct review_args *a = arg;
	const char *status = strcmp(a->n->decision, "revise_plan") == 0 ?
	    "review" : NULL;
	int64_t now = clock_now(), rid = 0, start = midnight(a->day);
	enum store_rc rc;
	enum svc_rc src;

	/* A new level through the risk history (its version check, event,
	 * deadlines and audit row); then the review's own version. */
	if (a->changed && (src = case_risk_set_in_tx(s, a->c, a->risk,
	    a->n->rationale, a->n->version, &rid)) != SVC_OK)
		return src;
	if ((src = case_change_in_tx(s, a->c, status, a->changed ? 0 :
	    a->n->version, NULL)) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(a->c->id), sp_text(a->date),
		    sp_text(a->n->progress), sp_text(a->n->situation),
		    sp_text(svc_nz(a->n->child_views)), sp_text(a->c->risk),
		    sp_text(a->risk), sp_id(rid), sp_text(a->n->decision),
		    sp_text(a->next), sp_int(s->actor->id), sp_int(now) };
		struct sp pi[] = { sp_int(a->c->id), sp_int(0) };

		if ((rc = store_exec(s->st, Q_CL_REVIEW_INSERT, p, 12, store_cb_int,
		    &a->id, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		pi[1] = sp_int(a->id);
		if ((rc = store_exec(s->st, Q_CL_INCIDENTS_ANSWER, pi, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	/* Done on the review date (now when it is today); the next period
	 * from the review date at the case's (new) risk. */
	if ((src = deadline_step_done_in_tx(s, a->c->id, DL_REVIEW,
	    a->day == today() ? now : start)) != SVC_OK ||
	    (src = deadline_step_start_in_tx(s, a->c->id, DL_REVIEW, start)) !=
	    SVC_OK)
		return src;
	if ((src = case_event_in_tx(s, a->c->id, "review", "decision", "",
	    a->n->decision, a->date)) != SVC_OK)
		return src;
	return cm_audit(s, "case.review", "case", a->c->id, arena_printf(s->a,
	    "review=%lld decision=%s risk=%s>%s", (long long)a->id,
	    a->n->decision, a->c->risk, a->risk));
}

enum svc_rc
closure_review_add(struct svc *s, int64_t id, const struct review_new *n,
    int64_t *out)
{
	struct review_args a;
	int32_t next;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.n = n;
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if ((rc = case_day(s, "date", n->date, a.c->opened_at, &a.day)) !=
	    SVC_OK ||
	    (rc = text_ok(s, "progress", n->progress, CLOSURE_TEXT_MAX, 1)) !=
	    SVC_OK ||
	    (rc = text_ok(s, "situation", n->situation, CLOSURE_TEXT_MAX, 1)) !=
	    SVC_OK ||
	    (rc = text_ok(s, "views", n->child_views, CLOSURE_TEXT_MAX,
	    0)) != SVC_OK)
		return rc;
	if (filled(n->risk) && case_risk_parse(n->risk) < 0)
		return svc_fail(s, SVC_INVALID, "risk", "error.field.choice");
	if (!svc_in_set(closure_decisions, n->decision))
		return svc_fail(s, SVC_INVALID, "decision",
		    filled(n->decision) ? "error.field.choice" :
		    "error.field.required");
	if (filled(n->next_review)) {
		if (day_of(n->next_review, &next) != 0)
			return svc_fail(s, SVC_INVALID, "next_review",
			    "error.field.date");
		if (next <= a.day || next > plus_months(a.day, 12))
			return svc_fail(s, SVC_INVALID, "next_review",
			    "closure.review.next_range");
		a.next = ymd(s->a, next);
	}
	if (case_ended(a.c))
		return svc_fail(s, SVC_INVALID, "date", "case.closed");
	if (*a.c->risk == '\0')
		return svc_fail(s, SVC_INVALID, "risk",
		    "closure.review.no_risk");
	a.risk = a.c->risk;
	if (filled(n->risk) && strcmp(n->risk, a.c->risk) != 0) {
		if ((rc = text_ok(s, "rationale", n->rationale,
		    CASE_RATIONALE_MAX, 1)) != SVC_OK)
			return rc;
		a.risk = case_risk_name(case_risk_parse(n->risk));
		a.changed = 1;
	}
	if (strcmp(n->decision, "revise_plan") == 0 &&
	    strcmp(a.c->status, "plan_active") != 0 &&
	    strcmp(a.c->status, "review") != 0)
		return svc_fail(s, SVC_INVALID, "decision",
		    "closure.review.no_plan");
	if (n->version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.date = ymd(s->a, a.day);
	if ((rc = svc_tx(s, review_tx, &a)) != SVC_OK)
		return rc;
	if (out != NULL)
		*out = a.id;
	return SVC_OK;
}

/* ---------------------------------------------------------------- incidents */

struct incident_args {
	struct case_info	*c;
	const char		*date, *note;
	int64_t			 version, id;
};

static enum svc_rc
incident_tx(struct svc *s, void *arg)
{
	struct incident_args *a = arg;
	int64_t now = clock_now();
	int32_t d = today();
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->c->id), sp_text(a->date), sp_text(a->note),
	    sp_int(s->actor->id), sp_int(now) };
	struct sp pd[] = { sp_int(a->c->id), sp_int(now),
	    sp_int(midnight(d + 1)) };

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((rc = store_exec(s->st, Q_CL_INCIDENT_INSERT, p, 5, store_cb_int, &a->id,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_CL_REVIEW_DUE, pd, 3, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "incident", "date", "",
	    a->date, "")) != SVC_OK)
		return src;
	return cm_audit(s, "case.incident", "case", a->c->id, arena_printf(s->a,
	    "incident=%lld", (long long)a->id));
}

enum svc_rc
closure_incident_add(struct svc *s, int64_t id, const char *date,
    const char *note, int64_t version, int64_t *out)
{
	struct incident_args a;
	int32_t day;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if ((rc = case_day(s, "incident_date", date, a.c->opened_at,
	    &day)) != SVC_OK ||
	    (rc = text_ok(s, "description", note, CLOSURE_NOTE_MAX, 1)) !=
	    SVC_OK)
		return rc;
	if (case_ended(a.c))
		return svc_fail(s, SVC_INVALID, "incident_date",
		    "case.closed");
	if (*a.c->risk == '\0')
		return svc_fail(s, SVC_INVALID, "incident_date",
		    "closure.review.no_risk");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.date = ymd(s->a, day);
	a.note = note;
	a.version = version;
	if ((rc = svc_tx(s, incident_tx, &a)) != SVC_OK)
		return rc;
	if (out != NULL)
		*out = a.id;
	return SVC_OK;
}

/* ---------------------------------------------------------------- closure */

/* Whole years from birth (yyyy-mm-dd) to day d; -1 unknown. */
static int
age_on(const char *birth, int32_t d)
{
	int32_t b;
	int by, bm, bd, y, m, dd;

	if (birth == NULL || cal_date_parse(birth, &b) != CAL_OK)
		return -1;
	cal_date_to_ymd(b, &by, &bm, &bd);
	cal_date_to_ymd(d, &y, &m, &dd);
	return y - by - (m < bm || (m == bm && dd < bd));
}

/* The rules of a reason for the case on the closure day. */
static enum svc_rc
reason_ok(struct svc *s, const struct case_info *c, const char *reason,
    int32_t day)
{
	int age;

	if (strcmp(reason, "family_refused_low_risk") == 0 &&
	    strcmp(c->risk, "low") != 0)
		return svc_fail(s, SVC_INVALID, "reason",
		    "closure.reason.low_only");
	if (strcmp(reason, "turned_18") == 0) {
		if ((age = age_on(c->child_birth_date, day)) < 0)
			return svc_fail(s, SVC_INVALID, "reason",
			    "closure.reason.birth_unknown");
		if (age < CLOSURE_ADULT_AGE)
			return svc_fail(s, SVC_INVALID, "reason",
			    "closure.reason.not_18");
	}
	return SVC_OK;
}

struct request_args {
	struct case_info	*c;
	const struct closure_new *n;
	const char		*date, *follow_up;
	int64_t			 id;
};

static enum svc_rc
request_tx(struct svc *s, void *arg)
{
	struct request_args *a = arg;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->c->id), sp_text(a->n->reason),
	    sp_text(a->n->summary), sp_text(a->date), sp_text(a->follow_up),
	    sp_int(s->actor->id), sp_int(clock_now()) };

	if ((src = case_change_in_tx(s, a->c, NULL, a->n->version, NULL)) !=
	    SVC_OK)
		return src;
	rc = store_exec(s->st, Q_CL_CLOSURE_INSERT, p, 7, store_cb_int, &a->id, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_CONFLICT, "reason", "closure.waiting");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "closure.requested",
	    "reason", "", a->n->reason, a->date)) != SVC_OK)
		return src;
	return cm_audit(s, "case.closure.request", "case",
	    a->c->id, arena_printf(s->a,
	    "closure=%lld reason=%s", (long long)a->id, a->n->reason));
}

enum svc_rc
closure_request(struct svc *s, int64_t id, const struct closure_new *n)
{
	struct request_args a;
	struct closure_view *v;
	int32_t day, fu;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.n = n;
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(closure_reasons, n->reason))
		return svc_fail(s, SVC_INVALID, "reason", filled(n->reason) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = text_ok(s, "summary", n->summary, CLOSURE_TEXT_MAX, 1)) !=
	    SVC_OK ||
	    (rc = case_day(s, "date", n->date, a.c->opened_at, &day)) !=
	    SVC_OK)
		return rc;
	fu = plus_months(day, CLOSURE_FOLLOW_UP_MONTHS);
	if (filled(n->follow_up)) {
		if (day_of(n->follow_up, &fu) != 0)
			return svc_fail(s, SVC_INVALID, "follow_up",
			    "error.field.date");
		if (fu < day)
			return svc_fail(s, SVC_INVALID, "follow_up",
			    "closure.follow_up.before_closure");
		if (fu > plus_months(day, CLOSURE_REOPEN_MONTHS))
			return svc_fail(s, SVC_INVALID, "follow_up",
			    "closure.follow_up.too_late");
	}
	if ((rc = open_case(s, a.c, "reason", a.c->version)) != SVC_OK ||
	    (rc = reason_ok(s, a.c, n->reason, day)) != SVC_OK)
		return rc;
	if ((rc = view_of(s, id, &v)) != SVC_OK)
		return rc;
	if (v->waiting != NULL)
		return svc_fail(s, SVC_CONFLICT, "reason", "closure.waiting");
	if (v->transfer_waiting != NULL)
		return svc_fail(s, SVC_CONFLICT, "reason",
		    "closure.transfer.waiting");
	if (n->version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.date = ymd(s->a, day);
	a.follow_up = ymd(s->a, fu);
	if ((rc = svc_tx(s, request_tx, &a)) != SVC_OK)
		return rc;
	return SVC_OK;
}

struct decide_args {
	struct case_info		*c;
	const struct closure_info	*k;
	const char			*note;
	int64_t				 version;
	int				 approve;
};

static enum svc_rc
decide_tx(struct svc *s, void *arg)
{
	struct decide_args *a = arg;
	int64_t now = clock_now();
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->k->id), sp_text(a->approve ? "approved" :
	    "returned"), sp_int(s->actor->id), sp_int(now),
	    sp_text(svc_nz(a->note)) };
	struct sp pc[] = { sp_int(a->c->id), sp_int(now),
	    sp_text(a->k->reason) };

	if ((src = case_change_in_tx(s, a->c, a->approve ? "closed" : NULL,
	    a->version, NULL)) != SVC_OK)
		return src;
	rc = store_exec(s->st, Q_CL_CLOSURE_DECIDE, p, 5, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "closure.none_waiting");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if (a->approve) {
		if ((rc = store_exec(s->st, Q_CL_CASE_CLOSE, pc, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if ((src = deadline_case_ended_in_tx(s, a->c->id)) != SVC_OK)
			return src;
	}
	if ((src = case_event_in_tx(s, a->c->id, a->approve ?
	    "closure.approved" : "closure.returned", "reason", "",
	    a->k->reason, a->k->requested_by == s->actor->id ? "self" : "")) !=
	    SVC_OK)
		return src;
	return cm_audit(s, a->approve ? "case.closure.approve" :
	    "case.closure.return", "case", a->c->id, arena_printf(s->a,
	    "closure=%lld reason=%s self=%d", (long long)a->k->id,
	    a->k->reason, a->k->requested_by == s->actor->id));
}

static enum svc_rc
decide(struct svc *s, int64_t id, int approve, const char *note,
    int64_t version)
{
	struct decide_args a;
	struct closure_view *v;
	int32_t day;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if (!approve && (rc = text_ok(s, "return_reason", note,
	    CLOSURE_NOTE_MAX, 1)) != SVC_OK)
		return rc;
	if (case_ended(a.c))
		return svc_fail(s, SVC_INVALID, NULL, "case.closed");
	if ((rc = view_of(s, id, &v)) != SVC_OK)
		return rc;
	if (v->waiting == NULL)
		return svc_fail(s, SVC_INVALID, NULL, "closure.none_waiting");
	/* The rules again: the risk or the case may have changed since. */
	if (approve && (day_of(v->waiting->date, &day) != 0 ||
	    (rc = reason_ok(s, a.c, v->waiting->reason, day)) != SVC_OK))
		return rc != SVC_OK ? rc : svc_fail(s, SVC_ERROR, NULL,
		    "error.unavailable");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.k = v->waiting;
	a.note = note;
	a.version = version;
	a.approve = approve;
	return svc_tx(s, decide_tx, &a);
}

enum svc_rc
closure_approve(struct svc *s, int64_t id, int64_t version)
{
	return decide(s, id, 1, NULL, version);
}

enum svc_rc
closure_return(struct svc *s, int64_t id, const char *note, int64_t version)
{
	return decide(s, id, 0, note, version);
}

/* ---------------------------------------------------------------- follow-up */

struct follow_args {
	struct case_info		*c;
	const struct closure_info	*k;
	const char			*result, *note;
	int64_t				 version;
};

static enum svc_rc
follow_tx(struct svc *s, void *arg)
{
	struct follow_args *a = arg;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->k->id), sp_text(a->result),
	    sp_text(svc_nz(a->note)), sp_int(s->actor->id),
	    sp_int(clock_now()) };

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	rc = store_exec(s->st, Q_CL_FOLLOW_UP, p, 5, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, "result",
		    "closure.follow_up.done");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "follow_up", "result", "",
	    a->result, "")) != SVC_OK)
		return src;
	return cm_audit(s, "case.follow_up", "case",
	    a->c->id, arena_printf(s->a,
	    "closure=%lld result=%s", (long long)a->k->id, a->result));
}

enum svc_rc
closure_follow_up(struct svc *s, int64_t id, const char *result,
    const char *note, int64_t version)
{
	struct follow_args a;
	struct closure_view *v;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if (!svc_in_set(closure_results, result))
		return svc_fail(s, SVC_INVALID, "result", filled(result) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = text_ok(s, "follow_up_note", note, CLOSURE_NOTE_MAX,
	    strcmp(result, "concern") == 0)) != SVC_OK)
		return rc;
	if ((rc = view_of(s, id, &v)) != SVC_OK)
		return rc;
	if (strcmp(a.c->status, "closed") != 0 || v->approved == NULL)
		return svc_fail(s, SVC_INVALID, "result",
		    "closure.follow_up.not_closed");
	if (*v->approved->result != '\0')
		return svc_fail(s, SVC_CONFLICT, "result",
		    "closure.follow_up.done");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.k = v->approved;
	a.result = result;
	a.note = note;
	a.version = version;
	return svc_tx(s, follow_tx, &a);
}

/* ---------------------------------------------------------------- reopening */

struct concern_list {
	struct arena	*a;
	const char	*codes[64];
	const char	*primary;
	size_t		 n;
};

static int
concern_cb(void *arg, const struct store_row *r)
{
	struct concern_list *l = arg;

	if (l->n >= sizeof(l->codes) / sizeof(l->codes[0]))
		return 1;
	if ((l->codes[l->n] = arena_strdup(l->a, srow_text(r, 0))) == NULL)
		return 1;
	if (srow_int(r, 4))
		l->primary = l->codes[l->n];
	l->n++;
	return 0;
}

/* A new case of the child of c with c's concerns (open_case_in_tx()). */
static enum svc_rc
open_from(struct svc *s, const struct cl_case *c, int64_t muni,
    int64_t agency, int64_t worker, int64_t team, const char *source,
    int64_t *id, const char **number)
{
	struct concern_list l;
	struct case_new n;
	struct sp p[] = { sp_int(c->id) };
	enum store_rc rc;

	memset(&l, 0, sizeof(l));
	l.a = s->a;
	if ((rc = store_exec(s->st, Q_CASE_CONCERNS, p, 1, concern_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	memset(&n, 0, sizeof(n));
	n.child_id = c->child_id;
	n.municipality_id = muni;
	n.agency_id = agency;
	n.concerns = l.codes;
	n.nconcerns = l.n;
	n.primary = l.primary;
	n.emergency = c->emergency;
	n.source = source;
	n.worker_id = worker;
	n.team_id = team;
	return case_open_in_tx(s, &n, id, number);
}

struct reopen_candidate {
	struct arena	*a;
	int64_t		 id, closed_at;
	const char	*number;
};

static int
candidate_cb(void *arg, const struct store_row *r)
{
	struct reopen_candidate *c = arg;

	c->id = srow_int(r, 0);
	c->number = arena_strdup(c->a, srow_text(r, 1));
	c->closed_at = srow_int(r, 2);
	return 1;
}

enum svc_rc
closure_link_reopened_in_tx(struct svc *s, int64_t new_id,
    const char *number, int64_t child, int64_t agency, int64_t *from)
{
	struct reopen_candidate c;
	enum store_rc rc;
	enum svc_rc src;
	/* Closed within the last 13 months; the exact window below. */
	struct sp p[] = { sp_int(child), sp_int(agency),
	    sp_int(clock_now() - 400 * 86400), sp_int(new_id) };

	if (from != NULL)
		*from = 0;
	memset(&c, 0, sizeof(c));
	c.a = s->a;
	if ((rc = store_exec(s->st, Q_CL_REOPEN_CANDIDATE, p, 4, candidate_cb,
	    &c, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (c.id == 0 || clock_now() > reopen_until(c.closed_at))
		return SVC_OK;
	{
		struct sp u[] = { sp_int(new_id), sp_int(c.id) };

		if ((rc = store_exec(s->st, Q_CL_SET_REOPENED_FROM, u, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if ((src = case_event_in_tx(s, c.id, "reopened", "case", "",
	    number != NULL ? number : "", "")) != SVC_OK ||
	    (src = case_event_in_tx(s, new_id, "reopened_from", "case",
	    c.number, "", "")) != SVC_OK)
		return src;
	if (from != NULL)
		*from = c.id;
	return cm_audit(s, "case.reopen", "case", c.id, arena_printf(s->a,
	    "new=%lld source=report", (long long)new_id));
}

struct reopen_args {
	struct case_info	*c;
	struct cl_case		 row;
	const char		*note, *number;
	int64_t			 version, id;
};

static enum svc_rc
reopen_tx(struct svc *s, void *arg)
{
	struct reopen_args *a = arg;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK ||
	    (src = open_from(s, &a->row, a->row.municipality_id,
	    a->row.agency_id, a->row.worker_id, a->row.team_id, a->row.source,
	    &a->id, &a->number)) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(a->id), sp_int(a->c->id) };

		rc = store_exec(s->st, Q_CL_SET_REOPENED_FROM, p, 2, NULL, NULL,
		    NULL);
	}
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_CONFLICT, NULL, "closure.reopen.open");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "reopened", "case", "",
	    a->number, a->note)) != SVC_OK ||
	    (src = case_event_in_tx(s, a->id, "reopened_from", "case",
	    a->row.number, "", a->note)) != SVC_OK)
		return src;
	return cm_audit(s, "case.reopen", "case", a->c->id, arena_printf(s->a,
	    "new=%lld", (long long)a->id));
}

enum svc_rc
closure_reopen(struct svc *s, int64_t id, const char *note, int64_t version,
    int64_t *new_id)
{
	struct reopen_args a;
	int64_t n = 0;
	enum svc_rc rc;
	enum store_rc src;
	struct sp p[] = { sp_int(id) };

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if ((rc = text_ok(s, "reopen_reason", note, CLOSURE_NOTE_MAX, 1)) !=
	    SVC_OK)
		return rc;
	if (strcmp(a.c->status, "transferred") == 0)
		return svc_fail(s, SVC_INVALID, "reopen_reason",
		    "closure.reopen.transferred");
	if (strcmp(a.c->status, "closed") != 0)
		return svc_fail(s, SVC_INVALID, "reopen_reason",
		    "closure.reopen.not_closed");
	if ((rc = case_row(s, id, &a.row)) != SVC_OK)
		return rc;
	if (clock_now() > reopen_until(a.row.closed_at))
		return svc_fail(s, SVC_INVALID, "reopen_reason",
		    "closure.reopen.too_late");
	if ((src = store_exec(s->st, Q_CL_REOPENED_OPEN, p, 1, store_cb_int, &n,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (n > 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "closure.reopen.open");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.note = note;
	a.version = version;
	if ((rc = svc_tx(s, reopen_tx, &a)) != SVC_OK)
		return rc;
	if (new_id != NULL)
		*new_id = a.id;
	return SVC_OK;
}

/* ---------------------------------------------------------------- transfer */

struct agency_row {
	struct arena	*a;
	int64_t		 id;
	const char	*name;
};

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct agency_row *g = arg;

	g->id = srow_int(r, 0);
	g->name = cm_dup(g->a, r, 1);
	return 1;
}

struct transfer_args {
	struct case_info	*c;
	struct muni_info	*m;
	struct agency_row	 g;
	const char		*reason;
	int64_t			 version, id;
};

static enum svc_rc
transfer_tx(struct svc *s, void *arg)
{
	struct transfer_args *a = arg;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->c->id), sp_int(a->c->agency_id),
	    sp_int(a->m->id), sp_int(a->g.id), sp_text(a->reason),
	    sp_int(s->actor->id), sp_int(clock_now()) };

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	rc = store_exec(s->st, Q_CL_TRANSFER_INSERT, p, 7, store_cb_int, &a->id, NULL);
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_CONFLICT, "municipality",
		    "closure.transfer.waiting");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "transfer.requested",
	    "municipality", a->c->municipality_sq, a->m->name_sq, "")) !=
	    SVC_OK)
		return src;
	return cm_audit(s, "case.transfer.request", "case",
	    a->c->id, arena_printf(s->a,
	    "transfer=%lld municipality=%lld agency=%lld", (long long)a->id,
	    (long long)a->m->id, (long long)a->g.id));
}

enum svc_rc
closure_transfer_request(struct svc *s, int64_t id, int64_t muni,
    const char *reason, int64_t version, int64_t *out)
{
	struct transfer_args a;
	struct closure_view *v;
	enum store_rc src;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = writable(s, id, &a.c)) != SVC_OK)
		return rc;
	if (muni <= 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((rc = ref_municipality_field(s, muni, &a.m, "municipality")) !=
	    SVC_OK)
		return rc;
	if ((rc = text_ok(s, "reason", reason, CLOSURE_NOTE_MAX, 1)) !=
	    SVC_OK ||
	    (rc = open_case(s, a.c, "municipality", a.c->version)) != SVC_OK)
		return rc;
	if (muni == a.c->municipality_id)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "closure.transfer.same");
	if (strcmp(a.m->country, a.c->country) != 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "closure.transfer.country");
	a.g.a = s->a;
	{
		struct sp p[] = { sp_int(muni) };

		if ((src = store_exec(s->st, Q_CL_OWNING_AGENCY, p, 1,
		    agency_cb, &a.g, NULL)) != STORE_OK)
			return cm_unavailable(s, src);
	}
	if (a.g.id == 0 || a.g.id == a.c->agency_id)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "closure.transfer.no_agency");
	if ((rc = view_of(s, id, &v)) != SVC_OK)
		return rc;
	if (v->transfer_waiting != NULL)
		return svc_fail(s, SVC_CONFLICT, "municipality",
		    "closure.transfer.waiting");
	if (v->waiting != NULL)
		return svc_fail(s, SVC_CONFLICT, "municipality",
		    "closure.waiting");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.reason = reason;
	a.version = version;
	if ((rc = svc_tx(s, transfer_tx, &a)) != SVC_OK)
		return rc;
	if (out != NULL)
		*out = a.id;
	return SVC_OK;
}

/*
 * A transfer the actor may decide: a supervisor of its receiving agency;
 * another's is SVC_NOTFOUND, and the attempt audited.
 */
static enum svc_rc
transfer_for_decision(struct svc *s, int64_t tid, struct transfer_info **out)
{
	struct avec l;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (tid <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((rc = list(s, Q_CL_TRANSFER_GET, tid, transfer_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	if ((*out)->to_agency_id != s->actor->agency_id) {
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "case.transfer.denied", "case", (*out)->case_id,
		    arena_printf(s->a, "transfer=%lld", (long long)tid));
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (strcmp((*out)->status, "requested") != 0)
		return svc_fail(s, SVC_CONFLICT, NULL,
		    "closure.transfer.decided");
	return SVC_OK;
}

struct accept_args {
	struct transfer_info	*t;
	struct cl_case		 row;
	const char		*reason, *number;
	int64_t			 id;
	int			 accept;
};

static enum svc_rc
accept_tx(struct svc *s, void *arg)
{
	struct accept_args *a = arg;
	struct case_info from, to;
	int64_t now = clock_now();
	enum store_rc rc;
	enum svc_rc src;

	memset(&from, 0, sizeof(from));
	from.id = a->row.id;
	from.status = a->row.status;
	if (a->accept) {
		if ((src = case_change_in_tx(s, &from, "transferred", 0,
		    NULL)) != SVC_OK ||
		    (src = deadline_case_ended_in_tx(s, from.id)) != SVC_OK ||
		    (src = open_from(s, &a->row, a->t->to_municipality_id,
		    a->t->to_agency_id, 0, 0, "other_municipality", &a->id,
		    &a->number)) != SVC_OK)
			return src;
		/* The current risk goes with the child: the latest row of the
		 * history (author, rationale, validation) copied. */
		if (*a->row.risk) {
			struct sp pc[] = { sp_int(a->id), sp_int(from.id) };
			struct sp pr[] = { sp_int(a->id),
			    sp_text(a->row.risk) };
			int64_t rid = 0;

			if ((rc = store_exec(s->st, Q_CL_RISK_COPY, pc, 2,
			    store_cb_int, &rid, NULL)) != STORE_OK ||
			    (rc = store_exec(s->st, Q_CL_SET_RISK, pr, 2, NULL,
			    NULL, NULL)) != STORE_OK)
				return cm_unavailable(s, rc);
			memset(&to, 0, sizeof(to));
			to.id = a->id;
			to.status = "registered";
			if ((src = case_event_in_tx(s, a->id, "risk", "risk",
			    "", a->row.risk, "transfer")) != SVC_OK ||
			    (src = case_change_in_tx(s, &to, "screened", 0,
			    NULL)) != SVC_OK ||
			    (src = deadline_risk_in_tx(s, a->id, a->row.risk,
			    now)) != SVC_OK)
				return src;
		}
	} else if ((src = case_change_in_tx(s, &from, NULL, 0, NULL)) !=
	    SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(a->t->id), sp_text(a->accept ?
		    "accepted" : "declined"), sp_int(s->actor->id),
		    sp_int(now), sp_text(svc_nz(a->reason)), sp_id(a->id) };

		rc = store_exec(s->st, Q_CL_TRANSFER_DECIDE, p, 6, NULL, NULL,
		    NULL);
	}
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL,
		    "closure.transfer.decided");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if (a->accept) {
		if ((src = case_event_in_tx(s, from.id, "transfer.accepted",
		    "case", "", a->number, "")) != SVC_OK ||
		    (src = case_event_in_tx(s, a->id, "transferred_from",
		    "case", a->row.number, "", "")) != SVC_OK)
			return src;
	} else if ((src = case_event_in_tx(s, from.id, "transfer.declined",
	    "municipality", "", a->t->to_municipality, "")) != SVC_OK)
		return src;
	return cm_audit(s, a->accept ? "case.transfer.accept" :
	    "case.transfer.decline", "case", from.id, arena_printf(s->a,
	    "transfer=%lld new=%lld", (long long)a->t->id, (long long)a->id));
}

static enum svc_rc
transfer_decide(struct svc *s, int64_t tid, int accept, const char *reason,
    int64_t *new_id)
{
	struct accept_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = transfer_for_decision(s, tid, &a.t)) != SVC_OK)
		return rc;
	if (!accept && (rc = text_ok(s, "decline_reason", reason,
	    CLOSURE_NOTE_MAX, 1)) != SVC_OK)
		return rc;
	if ((rc = case_row(s, a.t->case_id, &a.row)) != SVC_OK)
		return rc;
	if (strcmp(a.row.status, "closed") == 0 ||
	    strcmp(a.row.status, "transferred") == 0)
		return svc_fail(s, SVC_INVALID, NULL, "case.closed");
	a.reason = reason;
	a.accept = accept;
	if ((rc = svc_tx(s, accept_tx, &a)) != SVC_OK)
		return rc;
	if (new_id != NULL)
		*new_id = a.id;
	return SVC_OK;
}

enum svc_rc
closure_transfer_accept(struct svc *s, int64_t tid, int64_t *new_id)
{
	return transfer_decide(s, tid, 1, NULL, new_id);
}

enum svc_rc
closure_transfer_decline(struct svc *s, int64_t tid, const char *reason)
{
	return transfer_decide(s, tid, 0, reason, NULL);
}

/* ---------------------------------------------------------------- lists */

enum svc_rc
closure_transfers(struct svc *s, struct transfer_info **in, size_t *nin,
    struct transfer_info **out, size_t *nout)
{
	struct avec l;
	enum svc_rc rc;

	*in = *out = NULL;
	*nin = *nout = 0;
	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL) ||
	    s->actor->agency_id == 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_CL_TRANSFERS_IN, s->actor->agency_id, transfer_cb,
	    &l, sizeof(**in))) != SVC_OK)
		return rc;
	*in = l.v;
	*nin = l.n;
	if ((rc = list(s, Q_CL_TRANSFERS_OUT, s->actor->agency_id, transfer_cb,
	    &l, sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*nout = l.n;
	/* A list of cases, audited as the case lists are. */
	if (audit_record_tx(s->st, s->actor, NULL, "case.list", "case", 0,
	    arena_printf(s->a, "transfers in=%zu out=%zu", *nin, *nout)) !=
	    STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

static int
follow_cb(void *arg, const struct store_row *r)
{
	struct { struct avec l; int64_t me; const char *today; } *x = arg;
	struct follow_up_item *v;
	const char *given, *family;

	if ((v = avec_next(&x->l)) == NULL)
		return 1;
	v->case_id = srow_int(r, 0);
	v->number = cm_dup(x->l.a, r, 1);
	given = cm_dup(x->l.a, r, 2);
	family = cm_dup(x->l.a, r, 3);
	v->child = *family ? arena_printf(x->l.a, "%s %s", given, family) :
	    given;
	if (v->child == NULL)
		v->child = "";
	v->worker = cm_dup(x->l.a, r, 4);
	v->worker_id = srow_int(r, 5);
	v->date = cm_dup(x->l.a, r, 6);
	v->overdue = strcmp(v->date, x->today) < 0;
	v->mine = v->worker_id == x->me;
	return 0;
}

enum svc_rc
closure_work(struct svc *s, struct follow_up_item **out, size_t *n,
    int64_t *transfers)
{
	struct { struct avec l; int64_t me; const char *today; } x;
	struct case_scope cs;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	*transfers = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	avec_init(&x.l, s->a, sizeof(**out), CLOSURE_LIST_MAX);
	x.me = s->actor->id;
	x.today = ymd(s->a, today());
	{
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
		    sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0),
		    sp_text(x.today), sp_int(CLOSURE_LIST_MAX) };

		if ((rc = store_exec(s->st, cs.unit ? Q_CL_FOLLOW_UPS :
		    Q_CL_FOLLOW_UPS_OWN, p, 6, follow_cb,
		    &x, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL)) {
		struct sp p[] = { sp_int(cs.agency_id) };

		if ((rc = store_exec(s->st, Q_CL_TRANSFERS_WAITING, p, 1,
		    store_cb_int, transfers, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	*out = x.l.v;
	*n = x.l.n;
	return SVC_OK;
}
