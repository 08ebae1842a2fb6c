/*
 * referral.c — referrals out from a case to providers and public agencies
 * (svc layer). See referral.h. The sending side goes through
 * case_for_write() / the caller's case_get(); the receiving side is
 * limited to the actor's own agency (a referral of another organisation
 * is SVC_NOTFOUND, audited), and the child's data it sees is re-checked
 * with consent_allows() at every read.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "agency.h"
#include "case.h"
#include "consent.h"
#include "deadline.h"
#include "notify.h"
#include "plan.h"
#include "provider.h"
#include "referral.h"

const char *const referral_urgencies[] = { "emergency", "urgent", "routine",
	NULL };
const int referral_urgency_days[] = { 1, 3, 5 };
const char *const referral_statuses[] = { "sent", "accepted", "declined",
	"waitlisted", "in_service", "closed", "cancelled", NULL };
const char *const referral_outcomes[] = { "completed", "dropped_out",
	"moved", "refused", "other", NULL };
const char *const referral_answers[] = { "accept", "decline", "waitlist",
	NULL };
const char *const referral_open_views[] = { "open", "ended", NULL };



/* Today's local day. */
static int32_t
today(void)
{
	int32_t d = 0;

	(void)cal_date_of(clock_now(), &d);
	return d;
}

/* A day of field (dd.mm.yyyy or yyyy-mm-dd), required, not in the past
 * and at most REFERRAL_DUE_MAX days ahead. */
static enum svc_rc
day_ahead(struct svc *s, const char *field, const char *v, int32_t *d)
{
	int64_t t;

	if (!cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	if (*d < today())
		return svc_fail(s, SVC_INVALID, field, "referral.err.past");
	if (*d > today() + REFERRAL_DUE_MAX)
		return svc_fail(s, SVC_INVALID, field, "referral.err.too_far");
	return SVC_OK;
}

/* 1 when code is one of the comma-separated codes of list. */
static int
in_list(const char *list, const char *code)
{
	size_t n = strlen(code);
	const char *p = list;

	while (p != NULL && *p) {
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p != NULL)
			p++;
	}
	return 0;
}

/* ---------------------------------------------------------------- create */

struct agency_row {
	struct arena	*a;
	const char	*type, *country;
	int		 active, found;
	int64_t		 muni;
};

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct agency_row *g = arg;

	g->type = cm_dup(g->a, r, 0);
	g->active = (int)srow_int(r, 1);
	g->muni = srow_int(r, 2);
	g->country = cm_dup(g->a, r, 3);
	g->found = 1;
	return 1;
}

struct consent_row {
	int	 found, withdrawn, covers;
	char	 categories[256];
};

static int
consent_cb(void *arg, const struct store_row *r)
{
	struct consent_row *c = arg;

	c->found = 1;
	c->withdrawn = (int)srow_int(r, 0);
	c->covers = (int)srow_int(r, 1);
	snprintf(c->categories, sizeof(c->categories), "%s", srow_text(r, 2));
	return 1;
}

struct create_args {
	const struct case_info		*c;
	const struct referral_new	*n;
	int64_t				 version, to, licence, due_at, id;
	const char			*number, *due_date, *categories;
	const char			*type;	/* the receiver's agency type */
	int				 provider;
};

/* The users of the receiving organisation told of a new or ended
 * referral: a provider's users, a Centre's supervisors (who answer and
 * assign), a public agency's users. */
static int
receiving_role(const char *type)
{
	if (strcmp(type, "provider") == 0)
		return ROLE_PROVIDER_USER;
	if (strcmp(type, "social_work") == 0)
		return ROLE_SUPERVISOR;
	return ROLE_TABLE_MEMBER;
}

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *a = arg;
	const struct referral_new *n = a->n;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->c->id), sp_int(a->c->agency_id),
		sp_int(a->to), sp_text(n->service), sp_text(n->reason),
		sp_text(n->urgency), sp_text(a->due_date), sp_int(a->due_at),
		sp_int(n->consent_id), sp_text(a->categories),
		sp_id(a->licence), sp_text(svc_nz(a->number)),
		sp_int(s->actor->id), sp_int(clock_now()) };

	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	a->id = 0;
	if ((rc = store_exec(s->st, Q_RF_INSERT, p, 14, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, "referral", "referral", "",
	    n->service, "")) != SVC_OK)
		return src;
	if ((src = notify_agency_in_tx(s, a->to, receiving_role(a->type), 0,
	    "referral_received",
	    "referral", a->id, arena_printf(s->a, "/referrals/%lld",
	    (long long)a->id))) != SVC_OK)
		return src;
	return cm_audit(s, "referral.create", "referral",
	    a->id, arena_printf(s->a,
	    "case=%lld to=%lld service=%s urgency=%s consent=%lld "
	    "categories=%s licence=%lld", (long long)a->c->id,
	    (long long)a->to, n->service, n->urgency,
	    (long long)n->consent_id, a->categories, (long long)a->licence));
}

/* The receiving organisation: active, a provider licensed for service
 * today in the case's municipality, or a public agency. */
static enum svc_rc
check_target(struct svc *s, struct create_args *a)
{
	const struct referral_new *n = a->n;
	struct agency_row g;
	struct sp p[] = { sp_int(n->to_agency_id) };
	enum store_rc rc;
	enum svc_rc src;
	const char *num = NULL;
	char ymd[16];

	memset(&g, 0, sizeof(g));
	g.a = s->a;
	if (n->to_agency_id <= 0)
		return svc_fail(s, SVC_INVALID, "to_agency",
		    "error.field.required");
	if ((rc = store_exec(s->st, Q_RF_AGENCY, p, 1, agency_cb, &g,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (!g.found || g.type == NULL || g.country == NULL)
		return svc_fail(s, g.found ? SVC_TOOBIG : SVC_INVALID,
		    "to_agency", g.found ? "error.toobig" :
		    "error.field.invalid");
	if (!g.active)
		return svc_fail(s, SVC_INVALID, "to_agency",
		    "referral.err.inactive");
	if (n->to_agency_id == a->c->agency_id)
		return svc_fail(s, SVC_INVALID, "to_agency",
		    "referral.err.own_agency");
	if (*g.country && strcmp(g.country, a->c->country) != 0)
		return svc_fail(s, SVC_INVALID, "to_agency",
		    "referral.err.agency_type");
	a->to = n->to_agency_id;
	a->type = g.type;
	if (strcmp(g.type, "provider") == 0) {
		a->provider = 1;
		cal_date_format(today(), ymd, sizeof(ymd));
		if ((src = provider_licensed_in_tx(s, a->to, n->service, ymd,
		    a->c->municipality_id, &a->licence, &num)) != SVC_OK)
			return src;
		if (a->licence == 0)
			return svc_fail(s, SVC_INVALID, "to_agency",
			    "referral.err.unlicensed");
		a->number = num;
		return SVC_OK;
	}
	if (strcmp(g.type, "police") == 0 || strcmp(g.type, "school") == 0 ||
	    strcmp(g.type, "health") == 0)
		return SVC_OK;
	if (strcmp(g.type, "social_work") == 0 && g.muni != 0 &&
	    g.muni != a->c->municipality_id)
		return SVC_OK;
	return svc_fail(s, SVC_INVALID, "to_agency", "referral.err.agency_type");
}

/* The consent: of the case, in force, covering the agency and each
 * category shared. */
static enum svc_rc
check_consent(struct svc *s, struct create_args *a)
{
	const struct referral_new *n = a->n;
	struct consent_row c;
	struct sp p[] = { sp_int(n->consent_id), sp_int(a->c->id),
		sp_int(a->to) };
	struct buf b;
	enum store_rc rc;
	size_t i, j;

	memset(&c, 0, sizeof(c));
	if (n->consent_id <= 0)
		return svc_fail(s, SVC_INVALID, "consent",
		    "referral.err.no_consent");
	if ((rc = store_exec(s->st, Q_RF_CONSENT, p, 3, consent_cb, &c,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (!c.found)
		return svc_fail(s, SVC_INVALID, "consent",
		    "referral.err.no_consent");
	if (c.withdrawn)
		return svc_fail(s, SVC_INVALID, "consent",
		    "referral.err.consent_withdrawn");
	if (!c.covers)
		return svc_fail(s, SVC_INVALID, "consent",
		    "referral.err.consent_agency");
	if (n->ncategories == 0)
		return svc_fail(s, SVC_INVALID, "categories",
		    "error.field.required");
	buf_init(&b, s->a);
	for (i = 0; i < n->ncategories; i++) {
		if (!svc_in_set(consent_categories, n->categories[i]))
			return svc_fail(s, SVC_INVALID, "categories",
			    "error.field.choice");
		if (!in_list(c.categories, n->categories[i])) {
			s->err.arg = n->categories[i];
			return svc_fail(s, SVC_INVALID, "categories",
			    "referral.err.beyond_consent");
		}
		for (j = 0; j < i && strcmp(n->categories[j],
		    n->categories[i]) != 0; j++)
			;
		if (j < i)
			continue;
		if (b.len)
			buf_puts(&b, ",");
		buf_puts(&b, n->categories[i]);
	}
	if (b.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	a->categories = b.p;
	return SVC_OK;
}

/* The answer's due day: given, or the urgency's working days from today
 * in the country's calendar with the administrator's days off. */
static enum svc_rc
check_due(struct svc *s, struct create_args *a)
{
	const struct referral_new *n = a->n;
	int32_t d;
	size_t u;
	enum svc_rc rc;

	for (u = 0; referral_urgencies[u] != NULL &&
	    strcmp(referral_urgencies[u], svc_nz(n->urgency)) != 0; u++)
		;
	if (referral_urgencies[u] == NULL)
		return svc_fail(s, SVC_INVALID, "urgency", cm_filled(n->urgency)
		    ? "error.field.choice" : "error.field.required");
	if (cm_filled(n->due_date)) {
		if ((rc = day_ahead(s, "due_date", n->due_date, &d)) != SVC_OK)
			return rc;
	} else if ((rc = deadline_add_working_days(s, a->c->country, today(),
	    referral_urgency_days[u], &d)) != SVC_OK)
		return rc;
	if (cal_date_midnight(d + 1, &a->due_at) != CAL_OK)
		return svc_fail(s, SVC_INVALID, "due_date", "error.field.date");
	if ((a->due_date = cm_ymd(s->a, d)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

enum svc_rc
referral_create(struct svc *s, int64_t case_id, int64_t version,
    const struct referral_new *n, int64_t *id)
{
	struct case_info *c;
	struct create_args a;
	enum svc_rc rc;

	if ((rc = case_for_write(s, case_id, version, 0, &c)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.c = c;
	a.n = n;
	a.version = version;
	if (!svc_in_set(provider_services, n->service))
		return svc_fail(s, SVC_INVALID, "service", cm_filled(n->service)
		    ? "error.field.choice" : "error.field.required");
	if ((rc = cm_text(s, "reason", n->reason, REFERRAL_REASON_MAX, 1, 1))
	    != SVC_OK ||
	    (rc = check_due(s, &a)) != SVC_OK ||
	    (rc = check_target(s, &a)) != SVC_OK ||
	    (rc = check_consent(s, &a)) != SVC_OK)
		return rc;
	if ((rc = svc_tx(s, create_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

/* ---------------------------------------------------------------- reads */

static int
referral_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct referral_info *v;
	struct arena *a = l->a;
	int64_t now = clock_now();

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->case_id = srow_int(r, 1);
	v->case_number = cm_dup(a, r, 2);
	v->from_agency_id = srow_int(r, 3);
	v->from_agency = cm_dup(a, r, 4);
	v->to_agency_id = srow_int(r, 5);
	v->to_agency = cm_dup(a, r, 6);
	v->to_type = cm_dup(a, r, 7);
	v->service = cm_dup(a, r, 8);
	v->reason = cm_dup(a, r, 9);
	v->urgency = cm_dup(a, r, 10);
	v->due_date = cm_dup(a, r, 11);
	v->due_at = srow_int(r, 12);
	v->consent_id = srow_int(r, 13);
	v->categories = cm_dup(a, r, 14);
	v->licence_id = srow_int(r, 15);
	v->licence_number = cm_dup(a, r, 16);
	v->status = cm_dup(a, r, 17);
	v->answer_reason = cm_dup(a, r, 18);
	v->expected_date = cm_dup(a, r, 19);
	v->answered_at = srow_int(r, 20);
	v->answered_by = cm_dup(a, r, 21);
	v->service_start = cm_dup(a, r, 22);
	v->outcome = cm_dup(a, r, 23);
	v->outcome_note = cm_dup(a, r, 24);
	v->closed_at = srow_int(r, 25);
	v->worker_id = srow_int(r, 26);
	v->worker = cm_dup(a, r, 27);
	v->created_at = srow_int(r, 28);
	v->version = srow_int(r, 29);
	v->sessions = srow_int(r, 30);
	v->cancel_kind = cm_dup(a, r, 31);
	v->cancel_reason = cm_dup(a, r, 32);
	v->cancelled_at = srow_int(r, 33);
	v->cancelled_by = cm_dup(a, r, 34);
	v->overdue = strcmp(v->status, "sent") == 0 && v->due_at <= now;
	return 0;
}

static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np,
    struct referral_info **out, size_t *n)
{
	struct avec l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	avec_init(&l, s->a, sizeof(**out), REFERRAL_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, np, referral_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

static int
session_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct referral_session_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->date = cm_dup(l->a, r, 1);
	v->count = srow_int(r, 2);
	v->note = cm_dup(l->a, r, 3);
	v->author = cm_dup(l->a, r, 4);
	v->created_at = srow_int(r, 5);
	return 0;
}

static int
feedback_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct referral_feedback_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->text = cm_dup(l->a, r, 1);
	v->author = cm_dup(l->a, r, 2);
	v->created_at = srow_int(r, 3);
	return 0;
}

/* The sessions and feedback of v. */
static enum svc_rc
details(struct svc *s, struct referral_info *v)
{
	struct sp p[] = { sp_int(v->id) };
	struct avec ls, lf;
	enum store_rc rc;

	avec_init(&ls, s->a, sizeof(*v->session), REFERRAL_LIST_MAX);
	avec_init(&lf, s->a, sizeof(*v->feedback), REFERRAL_LIST_MAX);
	if ((rc = store_exec(s->st, Q_RF_SESSIONS, p, 1, session_cb, &ls,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_RF_FEEDBACKS, p, 1, feedback_cb, &lf,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (ls.oom || lf.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	v->session = ls.v;
	v->nsession = ls.n;
	v->feedback = lf.v;
	v->nfeedback = lf.n;
	return SVC_OK;
}

enum svc_rc
referral_of_case(struct svc *s, int64_t case_id, struct referral_info **out,
    size_t *n)
{
	struct sp p[] = { sp_int(case_id), sp_int(REFERRAL_LIST_MAX) };
	enum svc_rc rc;
	size_t i;

	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_RF_OF_CASE, p, 2, out, n)) != SVC_OK)
		return rc;
	for (i = 0; i < *n; i++)
		if ((rc = details(s, &(*out)[i])) != SVC_OK)
			return rc;
	return SVC_OK;
}

/* The actor's organisation, when they may receive referrals. */
static enum svc_rc
receiver(struct svc *s)
{
	if (!authz_allows(s->actor, PERM_REFERRAL_RECEIVE, NULL) ||
	    s->actor->agency_id == 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

/* Referral id when it was sent to the actor's organisation; otherwise
 * SVC_NOTFOUND, the attempt audited. */
static enum svc_rc
received(struct svc *s, int64_t id, struct referral_info **out)
{
	struct sp p[] = { sp_int(id) };
	enum svc_rc rc;
	size_t n;

	*out = NULL;
	if ((rc = receiver(s)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_RF_GET, p, 1, out, &n)) != SVC_OK)
		return rc;
	if (n == 0 || (*out)->to_agency_id != s->actor->agency_id) {
		*out = NULL;
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "referral.read.denied", "referral", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	return SVC_OK;
}

struct summary_row {
	const char	*given, *family, *sex, *address, *muni, *risk;
	const char	*concerns;
	int		 age;
	const char	*disability, *disability_note, *school, *as_status;
	const char	*as[9];	/* safety, health, education, family_care,
				 * economic, development, child_views,
				 * strengths, conclusion */
};

static int
summary_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct summary_row *v;
	size_t i;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->given = cm_dup(l->a, r, 0);
	v->family = cm_dup(l->a, r, 1);
	v->sex = cm_dup(l->a, r, 2);
	v->age = (int)srow_int(r, 3);
	v->address = cm_dup(l->a, r, 4);
	v->muni = cm_dup(l->a, r, 5);
	v->risk = cm_dup(l->a, r, 6);
	v->concerns = cm_dup(l->a, r, 7);
	v->disability = cm_dup(l->a, r, 8);
	v->disability_note = cm_dup(l->a, r, 9);
	v->school = cm_dup(l->a, r, 10);
	v->as_status = cm_dup(l->a, r, 11);
	for (i = 0; i < 9; i++)
		v->as[i] = cm_dup(l->a, r, 12 + (int)i);
	return 1;
}

struct plan_number {
	struct referral_summary	*m;
	struct arena		*a;
};

static int
plan_number_cb(void *arg, const struct store_row *r)
{
	struct plan_number *pn = arg;

	pn->m->plan_number = (int)srow_int(r, 0);
	pn->m->plan_review_on = cm_dup(pn->a, r, 1);
	return 1;
}

static int
goal_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	const char **g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	*g = cm_dup(l->a, r, 0);
	return 0;
}

static int
plan_action_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct referral_plan_action *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->what = cm_dup(l->a, r, 0);
	x->service = cm_dup(l->a, r, 1);
	x->due_on = cm_dup(l->a, r, 2);
	x->status = cm_dup(l->a, r, 3);
	return 0;
}

/* The plan category: the active plan's goals and the actions assigned to
 * the receiving organisation. */
static enum svc_rc
summary_plan(struct svc *s, const struct referral_info *v,
    struct referral_summary *m)
{
	struct plan_number pn = { m, s->a };
	struct avec g, x;
	struct sp p[2];
	enum store_rc rc;

	p[0] = sp_int(v->case_id);
	p[1] = sp_int(v->to_agency_id);
	avec_init(&g, s->a, sizeof(const char *), PLAN_GOALS_MAX);
	avec_init(&x, s->a, sizeof(struct referral_plan_action),
	    PLAN_ACTIONS_MAX);
	if ((rc = store_exec(s->st, Q_RF_PLAN_NUMBER, p, 1, plan_number_cb,
	    &pn, NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_RF_PLAN_GOALS, p, 1, goal_cb, &g,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_RF_PLAN_ACTIONS, p, 2, plan_action_cb,
	    &x, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	m->plan_goals = g.v;
	m->nplan_goals = g.n;
	m->plan_actions = x.v;
	m->nplan_actions = x.n;
	return SVC_OK;
}

/* The summary's flag of category code (every consent category has one). */
static int *
summary_flag(struct referral_summary *m, const char *code)
{
	static const struct {
		const char	*code;
		size_t		 off;
	} f[] = {
		{ "identity", offsetof(struct referral_summary, identity) },
		{ "contact", offsetof(struct referral_summary, contact) },
		{ "case_summary", offsetof(struct referral_summary,
		    case_summary) },
		{ "assessment", offsetof(struct referral_summary, assessment) },
		{ "plan", offsetof(struct referral_summary, plan) },
		{ "health", offsetof(struct referral_summary, health) },
		{ "education", offsetof(struct referral_summary, education) },
	};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(f[i].code, code) == 0)
			return (int *)(void *)((char *)m + f[i].off);
	return NULL;
}

/* Copies into m what the flags set in m allow of the case's row. */
static void
summary_fill(struct referral_summary *m, const struct summary_row *row)
{
	if (m->identity) {
		m->given = row->given;
		m->family = row->family;
		m->sex = row->sex;
		m->age = row->age;
	}
	if (m->contact) {
		m->address = row->address;
		m->municipality = row->muni;
	}
	if (m->case_summary) {
		m->risk = row->risk;
		m->concerns = row->concerns;
	}
	if (m->assessment) {
		m->as_status = row->as_status;
		m->as_safety = row->as[0];
		m->as_family_care = row->as[3];
		m->as_economic = row->as[4];
		m->as_development = row->as[5];
		m->as_child_views = row->as[6];
		m->as_strengths = row->as[7];
		m->as_conclusion = row->as[8];
	}
	if (m->health) {
		m->disability = row->disability;
		m->disability_note = row->disability_note;
		m->as_health = row->as[1];
	}
	if (m->education) {
		m->school_status = row->school;
		m->as_education = row->as[2];
	}
}

/* What consent allows now of the categories the referral shares. */
static enum svc_rc
summary(struct svc *s, const struct referral_info *v,
    struct referral_summary **out)
{
	struct referral_summary *m;
	enum consent_answer ans;
	struct avec l;
	struct buf b;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src;
	char ymd[16];
	size_t i;
	int *flag;

	if ((m = arena_zalloc(s->a, sizeof(*m))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	m->age = -1;
	m->given = m->family = m->sex = m->address = m->municipality = "";
	m->risk = m->concerns = "";
	m->as_status = m->as_safety = m->as_family_care = m->as_economic = "";
	m->as_development = m->as_child_views = m->as_strengths = "";
	m->as_conclusion = m->as_health = m->as_education = "";
	m->disability = m->disability_note = m->school_status = "";
	m->plan_review_on = "";
	buf_init(&b, s->a);
	for (i = 0; consent_categories[i] != NULL; i++) {
		if (!in_list(v->categories, consent_categories[i]))
			continue;
		if ((src = consent_allows(s, v->case_id, v->to_agency_id,
		    consent_categories[i], &ans)) != SVC_OK)
			return src;
		if (ans == CONSENT_NONE ||
		    (flag = summary_flag(m, consent_categories[i])) == NULL)
			continue;
		if (b.len)
			buf_puts(&b, ",");
		buf_puts(&b, consent_categories[i]);
		*flag = 1;
	}
	if (b.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	m->shared = b.len ? b.p : "";
	if (m->identity || m->contact || m->case_summary || m->assessment ||
	    m->health || m->education) {
		cal_date_format(today(), ymd, sizeof(ymd));
		p[0] = sp_int(v->case_id);
		p[1] = sp_text(ymd);
		avec_init(&l, s->a, sizeof(struct summary_row), 1);
		if ((rc = store_exec(s->st, Q_RF_SUMMARY, p, 2, summary_cb, &l,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (l.n == 1)
			summary_fill(m, l.v);
	}
	if (m->plan && (src = summary_plan(s, v, m)) != SVC_OK)
		return src;
	*out = m;
	return SVC_OK;
}

enum svc_rc
referral_get(struct svc *s, int64_t id, struct referral_info **out,
    struct referral_summary **sum)
{
	enum svc_rc rc;

	if ((rc = received(s, id, out)) != SVC_OK)
		return rc;
	if ((rc = details(s, *out)) != SVC_OK ||
	    (rc = summary(s, *out, sum)) != SVC_OK)
		return rc;
	if (audit_record_tx(s->st, s->actor, NULL, "referral.read", "referral",
	    id, arena_printf(s->a, "shared=%s", (*sum)->shared)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
referral_incoming(struct svc *s, const char *status,
    struct referral_info **out, size_t *n)
{
	struct sp p[3];
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = receiver(s)) != SVC_OK)
		return rc;
	if (status != NULL && *status && !svc_in_set(referral_statuses,
	    status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	p[0] = sp_int(s->actor->agency_id);
	p[1] = sp_text(status && *status ? status : NULL);
	p[2] = sp_int(REFERRAL_LIST_MAX);
	return list(s, Q_RF_INCOMING, p, 3, out, n);
}

static enum svc_rc
sent_list(struct svc *s, int ended, struct referral_info **out, size_t *n)
{
	struct case_scope cs;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;
	{
		struct sp p[] = { sp_int(cs.user_id), sp_id(cs.team_id),
			sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0),
			sp_int(clock_now()), sp_int(REFERRAL_LIST_MAX),
			sp_int(ended) };

		return list(s, Q_RF_OPEN, p, 7, out, n);
	}
}

enum svc_rc
referral_open(struct svc *s, struct referral_info **out, size_t *n)
{
	return sent_list(s, 0, out, n);
}

enum svc_rc
referral_ended(struct svc *s, struct referral_info **out, size_t *n)
{
	return sent_list(s, 1, out, n);
}

/* ---------------------------------------------------------------- answers */

struct step_args {
	struct referral_info	*v;
	int64_t			 version, count;
	const char		*what;	/* answer, start, session, feedback,
					 * close */
	const char		*status, *text, *date, *code;
};

/* Runs q (must touch) and maps "not touched" to a conflict or a status
 * refusal. */
static enum svc_rc
touch(struct svc *s, struct step_args *a, enum qid q, const struct sp *p,
    size_t np)
{
	enum store_rc rc;
	int64_t v = 0;

	rc = store_exec(s->st, q, p, np, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, a->v->version != a->version ? SVC_CONFLICT :
		    SVC_INVALID, NULL, a->v->version != a->version ?
		    "referral.err.conflict" : "referral.err.status");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

static enum svc_rc
step_tx(struct svc *s, void *arg)
{
	struct step_args *a = arg;
	int64_t id = a->v->id, now = clock_now(), me = s->actor->id, row = 0;
	enum store_rc rc;
	enum svc_rc src;
	const char *detail = "";

	if (strcmp(a->what, "answer") == 0) {
		struct sp p[] = { sp_int(id), sp_text(a->status),
			sp_text(svc_nz(a->text)), sp_text(svc_nz(a->date)),
			sp_int(me), sp_int(now), sp_int(a->version) };

		src = touch(s, a, Q_RF_ANSWER, p, 7);
		detail = arena_printf(s->a, "status=%s", a->status);
	} else if (strcmp(a->what, "start") == 0) {
		struct sp p[] = { sp_int(id), sp_text(a->date),
			sp_int(a->version) };

		src = touch(s, a, Q_RF_START, p, 3);
	} else if (strcmp(a->what, "close") == 0) {
		struct sp p[] = { sp_int(id), sp_text(a->code),
			sp_text(svc_nz(a->text)), sp_int(me), sp_int(now),
			sp_int(a->version) };

		src = touch(s, a, Q_RF_CLOSE, p, 6);
		detail = arena_printf(s->a, "outcome=%s", a->code);
	} else {
		int session = strcmp(a->what, "session") == 0;
		struct sp p[] = { sp_int(id), sp_int(a->version),
			sp_text(session ? "in_service" : "accepted"),
			sp_text("in_service") };

		if ((src = touch(s, a, Q_RF_BUMP, p, 4)) != SVC_OK)
			return src;
		if (session) {
			struct sp q[] = { sp_int(id), sp_text(a->date),
				sp_int(a->count), sp_text(svc_nz(a->text)),
				sp_int(me), sp_int(now) };

			rc = store_exec(s->st, Q_RF_SESSION_INSERT, q, 6,
			    store_cb_int, &row, NULL);
			detail = arena_printf(s->a, "session=%lld count=%lld",
			    (long long)row, (long long)a->count);
		} else {
			struct sp q[] = { sp_int(id), sp_text(a->text),
				sp_int(me), sp_int(now) };

			rc = store_exec(s->st, Q_RF_FEEDBACK_INSERT, q, 4,
			    store_cb_int, &row, NULL);
			detail = arena_printf(s->a, "feedback=%lld",
			    (long long)row);
		}
		if (rc != STORE_OK)
			return cm_unavailable(s, rc);
	}
	if (src != SVC_OK)
		return src;
	if (strcmp(a->what, "session") != 0 &&
	    (src = notify_in_tx(s, a->v->worker_id, "referral_answered",
	    "referral", id, arena_printf(s->a, "/cases/%lld#referrals",
	    (long long)a->v->case_id))) != SVC_OK)
		return src;
	return cm_audit(s, arena_printf(s->a, "referral.%s", a->what),
	    "referral", id, detail);
}

/* The referral for a step of the receiving organisation. */
static enum svc_rc
step(struct svc *s, int64_t id, struct step_args *a)
{
	enum svc_rc rc;

	if ((rc = received(s, id, &a->v)) != SVC_OK)
		return rc;
	if (strcmp(a->what, "answer") == 0 && !referral_may_answer(s, a->v))
		return svc_fail(s, SVC_DENIED, NULL,
		    "referral.err.answer_role");
	if (a->v->version != a->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "referral.err.conflict");
	return svc_tx(s, step_tx, a);
}

int
referral_may_answer(const struct svc *s, const struct referral_info *v)
{
	if (strcmp(v->to_type, "social_work") != 0)
		return 1;
	return s->actor->role == ROLE_SUPERVISOR;
}

/* A day of field, required, not in the future. */
static enum svc_rc
day_past(struct svc *s, const char *field, const char *v, const char **ymd)
{
	enum svc_rc rc;
	int32_t d;

	if ((rc = cm_day(s, field, v, 0, &d)) != SVC_OK)
		return rc;
	if ((*ymd = cm_ymd(s->a, d)) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

enum svc_rc
referral_answer(struct svc *s, int64_t id, int64_t version,
    const char *answer, const char *reason, const char *expected)
{
	struct step_args a;
	enum svc_rc rc;
	int32_t d;

	memset(&a, 0, sizeof(a));
	a.what = "answer";
	a.version = version;
	if ((rc = receiver(s)) != SVC_OK)
		return rc;
	if (!svc_in_set(referral_answers, answer))
		return svc_fail(s, SVC_INVALID, "answer", cm_filled(answer) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = cm_text(s, "reason", reason, REFERRAL_TEXT_MAX,
	    strcmp(answer, "accept") != 0, 1)) != SVC_OK)
		return rc;
	a.text = reason;
	if (strcmp(answer, "waitlist") == 0) {
		if ((rc = day_ahead(s, "expected_date", expected, &d)) !=
		    SVC_OK)
			return rc;
		if ((a.date = cm_ymd(s->a, d)) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	}
	a.status = strcmp(answer, "accept") == 0 ? "accepted" :
	    strcmp(answer, "decline") == 0 ? "declined" : "waitlisted";
	return step(s, id, &a);
}

enum svc_rc
referral_start(struct svc *s, int64_t id, int64_t version, const char *date)
{
	struct step_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.what = "start";
	a.version = version;
	if ((rc = receiver(s)) != SVC_OK ||
	    (rc = day_past(s, "date", date, &a.date)) != SVC_OK)
		return rc;
	return step(s, id, &a);
}

enum svc_rc
referral_session_add(struct svc *s, int64_t id, int64_t version,
    const char *date, int64_t count, const char *note)
{
	struct step_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.what = "session";
	a.version = version;
	if ((rc = receiver(s)) != SVC_OK ||
	    (rc = day_past(s, "date", date, &a.date)) != SVC_OK)
		return rc;
	if (count < 1 || count > REFERRAL_SESSIONS_MAX)
		return svc_fail(s, SVC_INVALID, "count", "error.field.range");
	if ((rc = cm_text(s, "note", note, REFERRAL_TEXT_MAX, 0, 1)) != SVC_OK)
		return rc;
	a.count = count;
	a.text = note;
	return step(s, id, &a);
}

enum svc_rc
referral_feedback_add(struct svc *s, int64_t id, int64_t version,
    const char *text)
{
	struct step_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.what = "feedback";
	a.version = version;
	if ((rc = receiver(s)) != SVC_OK ||
	    (rc = cm_text(s, "text", text, REFERRAL_TEXT_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	a.text = text;
	return step(s, id, &a);
}

enum svc_rc
referral_close(struct svc *s, int64_t id, int64_t version,
    const char *outcome, const char *note)
{
	struct step_args a;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	a.what = "close";
	a.version = version;
	if ((rc = receiver(s)) != SVC_OK)
		return rc;
	if (!svc_in_set(referral_outcomes, outcome))
		return svc_fail(s, SVC_INVALID, "outcome", cm_filled(outcome) ?
		    "error.field.choice" : "error.field.required");
	if ((rc = cm_text(s, "note", note, REFERRAL_TEXT_MAX, 0, 1)) != SVC_OK)
		return rc;
	a.code = outcome;
	a.text = note;
	return step(s, id, &a);
}

/* ---------------------------------------------------------------- cancel */

struct cancel_args {
	const struct referral_info	*v;
	int64_t				 version;
	const char			*kind, *reason;
};

static enum svc_rc
cancel_tx(struct svc *s, void *arg)
{
	struct cancel_args *a = arg;
	const struct referral_info *v = a->v;
	struct sp p[] = { sp_int(v->id), sp_text(a->kind), sp_text(a->reason),
		sp_int(s->actor->id), sp_int(clock_now()), sp_int(a->version) };
	enum store_rc rc;
	enum svc_rc src;
	int64_t nv = 0;

	rc = store_exec(s->st, Q_RF_CANCEL, p, 6, store_cb_int, &nv, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "referral.err.conflict");
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	if ((src = case_event_in_tx(s, v->case_id, "referral", "status",
	    v->status, "cancelled", "")) != SVC_OK ||
	    (src = notify_agency_in_tx(s, v->to_agency_id,
	    receiving_role(v->to_type), 0, "referral_cancelled", "referral",
	    v->id, arena_printf(s->a, "/referrals/%lld", (long long)v->id)))
	    != SVC_OK)
		return src;
	return cm_audit(s, "referral.cancel", "referral",
	    v->id, arena_printf(s->a,
	    "case=%lld kind=%s from=%s", (long long)v->case_id, a->kind,
	    v->status));
}

int
referral_may_cancel(const struct svc *s, const struct referral_info *v)
{
	return v->from_agency_id == s->actor->agency_id &&
	    (v->worker_id == s->actor->id ||
	    authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL));
}

enum svc_rc
referral_sent_get(struct svc *s, int64_t id, struct referral_info **out)
{
	struct sp p[] = { sp_int(id) };
	struct case_info *c;
	enum svc_rc rc;
	size_t n;

	*out = NULL;
	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = list(s, Q_RF_GET, p, 1, out, &n)) != SVC_OK)
		return rc;
	if (n == 0) {
		*out = NULL;
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "referral.write.denied", "referral", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if ((rc = case_for_write(s, (*out)->case_id, 0, 1, &c)) != SVC_OK) {
		*out = NULL;
		return rc;
	}
	return SVC_OK;
}

enum svc_rc
referral_cancel(struct svc *s, int64_t id, int64_t version,
    const char *reason)
{
	struct referral_info *v;
	struct cancel_args a;
	enum svc_rc rc;

	if ((rc = referral_sent_get(s, id, &v)) != SVC_OK)
		return rc;
	if (!referral_may_cancel(s, v))
		return svc_fail(s, SVC_DENIED, NULL, "referral.err.not_sender");
	if ((rc = cm_text(s, "reason", reason, REFERRAL_TEXT_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if (v->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "referral.err.conflict");
	memset(&a, 0, sizeof(a));
	a.v = v;
	a.version = version;
	a.reason = reason;
	if (strcmp(v->status, "sent") == 0)
		a.kind = "cancel";
	else if (strcmp(v->status, "waitlisted") == 0 ||
	    strcmp(v->status, "accepted") == 0 ||
	    strcmp(v->status, "in_service") == 0)
		a.kind = "withdraw";
	else
		return svc_fail(s, SVC_INVALID, NULL, "referral.err.status");
	return svc_tx(s, cancel_tx, &a);
}

/* ---------------------------------------------------------------- targets */

static int
target_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct referral_target *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->name = cm_dup(l->a, r, 1);
	v->type = cm_dup(l->a, r, 2);
	return 0;
}

enum svc_rc
referral_targets(struct svc *s, const struct case_info *c,
    struct referral_target **out, size_t *n)
{
	struct sp p[] = { sp_text(c->country), sp_int(c->municipality_id),
		sp_int(c->agency_id), sp_int(REFERRAL_LIST_MAX) };
	struct avec l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	avec_init(&l, s->a, sizeof(**out), REFERRAL_LIST_MAX);
	if ((rc = store_exec(s->st, Q_RF_TARGETS, p, 4, target_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- scan */

struct overdue {
	int64_t		 id, case_id, worker, agency;
};

static int
overdue_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct overdue *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->case_id = srow_int(r, 1);
	v->worker = srow_int(r, 2);
	v->agency = srow_int(r, 3);
	return 0;
}

static enum svc_rc
escalate_tx(struct svc *s, void *arg)
{
	const struct overdue *o = arg;
	const char *link = arena_printf(s->a, "/cases/%lld#referrals",
	    (long long)o->case_id);
	struct sp p[] = { sp_int(o->id), sp_int(clock_now()) };
	enum store_rc rc;
	enum svc_rc src;

	if ((rc = store_exec(s->st, Q_RF_ESCALATE, p, 2, NULL, NULL, NULL)) !=
	    STORE_OK)
		return rc == STORE_NOTFOUND ? SVC_OK : cm_unavailable(s, rc);
	if ((src = notify_once_in_tx(s, o->worker, "referral_overdue",
	    "referral", o->id, link)) != SVC_OK ||
	    (src = notify_agency_in_tx(s, o->agency, ROLE_SUPERVISOR, 1,
	    "referral_overdue", "referral", o->id, link)) != SVC_OK)
		return src;
	return cm_audit(s, "referral.overdue", "referral", o->id, "");
}

enum svc_rc
referral_scan(struct svc *s, int64_t now)
{
	struct sp p[] = { sp_int(now), sp_int(REFERRAL_LIST_MAX) };
	const struct overdue *o;
	struct avec l;
	enum store_rc rc;
	enum svc_rc src, first = SVC_OK;
	size_t i;

	avec_init(&l, s->a, sizeof(*o), REFERRAL_LIST_MAX);
	if ((rc = store_exec(s->st, Q_RF_OVERDUE, p, 2, overdue_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	for (i = 0; i < l.n; i++) {
		o = (const struct overdue *)l.v + i;
		if ((src = svc_tx(s, escalate_tx, (void *)o)) != SVC_OK &&
		    first == SVC_OK)
			first = src;
	}
	return first;
}
