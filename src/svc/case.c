/*
 * case.c — cases (svc layer): opening a case from a report with its number,
 * reading it within the actor's scope, lists and search, risk as a history
 * with supervisor validation, assignment, and the timeline of every change.
 * See case.h. Every write runs in one transaction with its timeline event
 * and its audit row; every read of a case is audited, and so is a refused
 * one (case.read.denied).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "case.h"
#include "deadline.h"
#include "reference.h"

/* The result columns of CASE_COLS (sql_sqlite_cases.inc). */
enum case_col {
	CC_ID, CC_NUMBER, CC_MUNI, CC_MUNI_SQ, CC_MUNI_SR, CC_COUNTRY, CC_NUM,
	CC_AGENCY, CC_AGENCY_NAME, CC_TEAM, CC_TEAM_NAME, CC_WORKER,
	CC_WORKER_NAME, CC_CHILD, CC_GIVEN, CC_FAMILY, CC_BIRTH, CC_BIRTH_EST,
	CC_PN, CC_SEX, CC_STATUS, CC_RISK, CC_EMERGENCY, CC_RESTRICTED,
	CC_SOURCE, CC_OPENED, CC_UPDATED, CC_VERSION, CC_PENDING, CC_PARENT,
	CC__MAX
};

static const char *const risk_names[CASE_RISK__MAX] = {
	[CASE_RISK_LOW] = "low",
	[CASE_RISK_MEDIUM] = "medium",
	[CASE_RISK_HIGH] = "high",
};

/* Checklist: the CHECK of case_file.status, the status.* labels in po/,
 * the status options of the routes (routes_cases_fields.inc). */
static const char *const statuses[] = { "registered", "screened",
	"assessment", "conference", "plan_active", "review", "closed",
	"transferred", NULL };

const char *
case_risk_name(int r)
{
	return r >= 0 && r < CASE_RISK__MAX ? risk_names[r] : "?";
}

int
case_risk_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < CASE_RISK__MAX; i++)
		if (strcmp(s, risk_names[i]) == 0)
			return i;
	return -1;
}

int
case_status_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && statuses[i] != NULL; i++)
		if (strcmp(s, statuses[i]) == 0)
			return 1;
	return 0;
}


/* The calendar year in Europe/Belgrade (clock_format() gives dd.mm.yyyy in
 * Central European time). */
static int
local_year(int64_t t)
{
	char b[32];

	clock_format(t, 0, b, sizeof(b));
	return atoi(b + 6);
}

/* Whole years from yyyy-mm-dd to today (local time), -1 when unknown. */
static int
age_of(const char *birth)
{
	char b[32];
	int by, bm, bd, y, m, d, age;

	if (birth == NULL || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3)
		return -1;
	clock_format(clock_now(), 0, b, sizeof(b));
	if (sscanf(b, "%2d.%2d.%4d", &d, &m, &y) != 3)
		return -1;
	age = y - by - (m < bm || (m == bm && d < bd));
	return age < 0 ? -1 : age;
}


static void
case_from_row(struct arena *a, const struct store_row *r, struct case_info *c)
{
	c->id = srow_int(r, CC_ID);
	c->number = cm_dup(a, r, CC_NUMBER);
	c->municipality_id = srow_int(r, CC_MUNI);
	c->municipality_sq = cm_dup(a, r, CC_MUNI_SQ);
	c->municipality_sr = cm_dup(a, r, CC_MUNI_SR);
	c->country = cm_dup(a, r, CC_COUNTRY);
	c->agency_id = srow_int(r, CC_AGENCY);
	c->agency_name = cm_dup(a, r, CC_AGENCY_NAME);
	c->team_id = srow_int(r, CC_TEAM);
	c->team_name = cm_dup(a, r, CC_TEAM_NAME);
	c->worker_id = srow_int(r, CC_WORKER);
	c->worker_name = cm_dup(a, r, CC_WORKER_NAME);
	c->child_id = srow_int(r, CC_CHILD);
	c->child_given = cm_dup(a, r, CC_GIVEN);
	c->child_family = cm_dup(a, r, CC_FAMILY);
	c->child_parent = cm_dup(a, r, CC_PARENT);
	c->child_birth_date = cm_dup(a, r, CC_BIRTH);
	c->birth_estimated = (int)srow_int(r, CC_BIRTH_EST);
	c->child_age = age_of(c->child_birth_date);
	c->child_pn = cm_dup(a, r, CC_PN);
	c->child_sex = cm_dup(a, r, CC_SEX);
	c->status = cm_dup(a, r, CC_STATUS);
	c->risk = cm_dup(a, r, CC_RISK);
	c->emergency = (int)srow_int(r, CC_EMERGENCY);
	c->restricted = (int)srow_int(r, CC_RESTRICTED);
	c->source = cm_dup(a, r, CC_SOURCE);
	c->opened_at = srow_int(r, CC_OPENED);
	c->updated_at = srow_int(r, CC_UPDATED);
	c->version = srow_int(r, CC_VERSION);
	c->risk_pending = (int)srow_int(r, CC_PENDING);
}

/* ---------------------------------------------------------------- opening */

static enum svc_rc
event(struct svc *s, int64_t case_id, int64_t at, const char *kind,
    const char *field, const char *before, const char *after, const char *note)
{
	enum store_rc rc;
	struct sp p[] = {
		sp_int(case_id), sp_int(at), sp_id(s->actor ? s->actor->id : 0),
		sp_text(kind), sp_text(field ? field : ""),
		sp_text(before ? before : ""), sp_text(after ? after : ""),
		sp_text(note ? note : ""),
	};

	if ((rc = store_exec(s->st, Q_CASE_EVENT_INSERT, p, 8, NULL, NULL,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
case_open_in_tx(struct svc *s, const struct case_new *n, int64_t *case_id,
    const char **number)
{
	struct concern_info *ci;
	struct muni_info *m;
	size_t nc, i, j;
	int restricted = 0, primary_found = 0, found;
	int64_t seq = 0, id = 0, now = clock_now();
	const char *num;
	enum store_rc rc;
	enum svc_rc src;

	if (n->nconcerns == 0 || n->concerns == NULL)
		return svc_fail(s, SVC_INVALID, "concerns", "error.field.required");
	if (n->primary == NULL || *n->primary == '\0')
		return svc_fail(s, SVC_INVALID, "primary", "error.field.required");
	if ((src = ref_concerns(s, &ci, &nc)) != SVC_OK)
		return src;
	for (i = 0; i < n->nconcerns; i++) {
		if (n->concerns[i] == NULL)
			return svc_fail(s, SVC_INVALID, "concerns",
			    "error.field.invalid");
		for (j = 0; j < i; j++)
			if (strcmp(n->concerns[j], n->concerns[i]) == 0)
				return svc_fail(s, SVC_INVALID, "concerns",
				    "error.field.repeated");
		for (j = 0, found = 0; j < nc && !found; j++)
			if (strcmp(ci[j].code, n->concerns[i]) == 0) {
				found = 1;
				restricted |= ci[j].restricted != 0;
			}
		if (!found)
			return svc_fail(s, SVC_INVALID, "concerns",
			    "error.field.invalid");
		if (strcmp(n->concerns[i], n->primary) == 0)
			primary_found = 1;
	}
	if (!primary_found)
		return svc_fail(s, SVC_INVALID, "primary", "error.field.invalid");
	if (n->child_id <= 0)
		return svc_fail(s, SVC_INVALID, "child", "error.field.required");
	if (n->agency_id <= 0)
		return svc_fail(s, SVC_INVALID, "agency", "error.field.required");
	if ((src = ref_municipality_field(s, n->municipality_id, &m,
	    "municipality")) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(n->municipality_id),
		    sp_int(local_year(now)) };

		if ((rc = store_exec(s->st, Q_CASE_COUNTER_NEXT, p, 2, store_cb_int,
		    &seq, NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if (seq < 1 || seq > 999999)
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	if ((num = arena_printf(s->a, "%s-%s-%04d-%06lld", m->country, m->num,
	    local_year(now), (long long)seq)) == NULL ||
	    strlen(num) >= CASE_NUMBER_LEN)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = {
			sp_text(num), sp_int(n->municipality_id),
			sp_int(n->agency_id), sp_id(n->team_id),
			sp_id(n->worker_id), sp_int(n->child_id),
			sp_id(n->report_id), sp_int(n->emergency ? 1 : 0),
			sp_int(restricted), sp_text(n->source ? n->source :
			    "other"), sp_id(s->actor ? s->actor->id : 0),
			sp_int(now),
		};

		rc = store_exec(s->st, Q_CASE_INSERT, p, 12, store_cb_int, &id, NULL);
	}
	if (rc == STORE_CONFLICT)
		return svc_fail(s, SVC_INVALID, NULL, "error.field.invalid");
	if (rc != STORE_OK || id == 0)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	for (i = 0; i < n->nconcerns; i++) {
		struct sp p[] = { sp_int(id), sp_text(n->concerns[i]),
		    sp_int(strcmp(n->concerns[i], n->primary) == 0) };

		if ((rc = store_exec(s->st, Q_CASE_CONCERN_INSERT, p, 3, NULL,
		    NULL, NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((src = event(s, id, now, "opened", "number", "", num,
	    n->emergency ? "emergency" : "")) != SVC_OK)
		return src;
	if ((src = deadline_case_opened_in_tx(s, id, m->country, n->report_id,
	    now)) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "case.open", "case", id,
	    arena_printf(s->a, "report=%lld restricted=%d emergency=%d",
	    (long long)n->report_id, restricted, n->emergency ? 1 : 0))) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (case_id != NULL)
		*case_id = id;
	if (number != NULL)
		*number = num;
	return SVC_OK;
}

/* ---------------------------------------------------------------- reading */

struct one_case {
	struct arena		*a;
	struct case_info	*c;
};

static int
one_cb(void *arg, const struct store_row *r)
{
	struct one_case *o = arg;

	if ((o->c = arena_zalloc(o->a, sizeof(*o->c))) == NULL)
		return 1;
	case_from_row(o->a, r, o->c);
	return 1;
}

/* The case row, unchecked. */
static enum svc_rc
fetch(struct svc *s, int64_t id, struct case_info **out)
{
	struct one_case o = { s->a, NULL };
	struct sp p[] = { sp_int(id) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_CASE_GET, p, 1, one_cb, &o, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (o.c == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = o.c;
	return SVC_OK;
}

static int
visible(struct svc *s, const struct case_info *c)
{
	struct case_ref ref;

	ref.agency_id = c->agency_id;
	ref.team_id = c->team_id;
	ref.worker_id = c->worker_id;
	ref.restricted = c->restricted;
	return authz_case_visible(s->actor, &ref);
}

/*
 * A transferred case is readable (never writable) by whoever sees the case
 * its accepted transfer opened: the receiving unit reads the earlier
 * history through the link (svc/closure.c, Q_CL_TRANSFERRED_TO).
 */
static int
read_through_transfer(struct svc *s, const struct case_info *c)
{
	struct case_info *to;
	int64_t to_id = 0;
	struct sp p[] = { sp_int(c->id) };

	return strcmp(c->status, "transferred") == 0 &&
	    store_exec(s->st, Q_CL_TRANSFERRED_TO, p, 1, store_cb_int, &to_id, NULL) ==
	    STORE_OK && to_id > 0 && to_id != c->id &&
	    fetch(s, to_id, &to) == SVC_OK && visible(s, to);
}

/*
 * The case, when the actor may see it (for reading, action
 * "case.read.denied": also through a transfer link); else SVC_NOTFOUND,
 * and an attempt on a case that exists is audited as action (in its own
 * transaction when in_tx is 0).
 */
static enum svc_rc
fetch_visible(struct svc *s, int64_t id, const char *action, int in_tx,
    struct case_info **out)
{
	enum svc_rc rc;

	if (id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((rc = fetch(s, id, out)) != SVC_OK)
		return rc;
	if (!visible(s, *out) && !(strcmp(action, "case.read.denied") == 0 &&
	    read_through_transfer(s, *out))) {
		if (!in_tx)
			(void)audit_record_tx(s->st, s->actor, NULL, action,
			    "case", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	return SVC_OK;
}

static int
concern_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct case_concern_info *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->code = cm_dup(l->a, r, 0);
	k->label[0] = cm_dup(l->a, r, 1);
	k->label[1] = cm_dup(l->a, r, 2);
	k->label[2] = cm_dup(l->a, r, 3);
	k->primary = (int)srow_int(r, 4);
	k->restricted = (int)srow_int(r, 5);
	return 0;
}

static int
risk_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct case_risk_info *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->id = srow_int(r, 0);
	k->level = cm_dup(l->a, r, 1);
	k->rationale = cm_dup(l->a, r, 2);
	k->author_id = srow_int(r, 3);
	k->author = cm_dup(l->a, r, 4);
	k->at = srow_int(r, 5);
	k->validated_by = srow_int(r, 6);
	k->validator = cm_dup(l->a, r, 7);
	k->validated_at = srow_int(r, 8);
	return 0;
}

static int
event_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct case_event_info *e;

	if ((e = avec_next(l)) == NULL)
		return 1;
	e->id = srow_int(r, 0);
	e->at = srow_int(r, 1);
	e->actor_id = srow_int(r, 2);
	e->actor = cm_dup(l->a, r, 3);
	e->kind = cm_dup(l->a, r, 4);
	e->field = cm_dup(l->a, r, 5);
	e->before = cm_dup(l->a, r, 6);
	e->after = cm_dup(l->a, r, 7);
	e->note = cm_dup(l->a, r, 8);
	return 0;
}

enum svc_rc
case_get(struct svc *s, int64_t id, struct case_full **out)
{
	struct case_full *f;
	struct case_info *c;
	struct avec l;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(id) };
	struct sp pe[] = { sp_int(id), sp_int(CASE_EVENTS_MAX) };

	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((src = fetch_visible(s, id, "case.read.denied", 0, &c)) != SVC_OK)
		return src;
	if ((f = arena_zalloc(s->a, sizeof(*f))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	f->c = *c;
	avec_init(&l, s->a, sizeof(*f->concerns), 100);
	if ((rc = store_exec(s->st, Q_CASE_CONCERNS, p, 1, concern_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	f->concerns = l.v;
	f->nconcerns = l.n;
	avec_init(&l, s->a, sizeof(*f->risks), 1000);
	if ((rc = store_exec(s->st, Q_CASE_RISKS, p, 1, risk_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	f->risks = l.v;
	f->nrisks = l.n;
	avec_init(&l, s->a, sizeof(*f->events), CASE_EVENTS_MAX);
	if ((rc = store_exec(s->st, Q_CASE_EVENTS, pe, 2, event_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	f->events = l.v;
	f->nevents = l.n;
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (audit_record_tx(s->st, s->actor, NULL, "case.read", "case", id,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = f;
	return SVC_OK;
}

enum svc_rc
case_last_change(struct svc *s, int64_t id, struct case_event_info **out)
{
	struct case_info *c;
	struct avec l;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(id), sp_int(1) };

	if ((src = fetch_visible(s, id, "case.read.denied", 0, &c)) != SVC_OK)
		return src;
	avec_init(&l, s->a, sizeof(**out), 1);
	if ((rc = store_exec(s->st, Q_CASE_EVENTS, p, 2, event_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

/* ---------------------------------------------------------------- search */

/* Upper-case ASCII copy of s, trimmed; NULL when empty. */
static char *
upper_trim(struct arena *a, const char *s)
{
	char *u, *e;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	if (*s == '\0' || (u = arena_strdup(a, s)) == NULL)
		return NULL;
	for (e = u; *e; e++)
		if (*e >= 'a' && *e <= 'z')
			*e = (char)(*e - 'a' + 'A');
	while (e > u && e[-1] == ' ')
		*--e = '\0';
	return u;
}

/*
 * The FTS5 trigram expression of a search's name words: each folded word
 * of 3 letters or more must appear ("word" AND "word"); NULL when none.
 * Folded keys hold only a-z and spaces, so quoting them is safe.
 */
static const char *
name_match(struct arena *a, const char *q)
{
	struct buf b;
	char *f, *w, *save = NULL;
	int n = 0;

	if ((f = names_fold(a, q)) == NULL || *f == '\0')
		return NULL;
	buf_init(&b, a);
	for (w = strtok_r(f, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (strlen(w) < 3)
			continue;
		buf_puts(&b, n++ ? " AND \"" : "\"");
		buf_puts(&b, w);
		buf_putc(&b, '"');
	}
	return n == 0 || b.oom ? NULL : b.p;
}

/* Case-number text: A-Z 0-9 and '-' only. */
static int
number_text(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

struct list {
	struct avec	 v;
	int64_t		 total;	/* count(*) OVER (): all the rows, not the page */
};

static int
list_cb(void *arg, const struct store_row *r)
{
	struct list *l = arg;
	struct case_info *c;

	l->total = srow_int(r, srow_cols(r) - 1);
	if ((c = avec_next(&l->v)) == NULL)
		return 1;
	case_from_row(l->v.a, r, c);
	return 0;
}

enum svc_rc
case_search(struct svc *s, const struct case_query *q, struct case_info **out,
    size_t *n, int64_t *total)
{
	struct case_scope cs;
	const char *exact = NULL, *match = NULL;
	char *number = NULL;
	int page = q->page > 0 ? q->page : 1;
	struct list l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (q->q != NULL && *q->q != '\0') {
		if (!utf8_valid(q->q, strlen(q->q)) ||
		    utf8_chars(q->q, strlen(q->q)) > CASE_Q_MAX)
			return svc_fail(s, SVC_INVALID, "q", "error.field.toolong");
		exact = upper_trim(s->a, q->q);
		match = name_match(s->a, q->q);
	}
	if (q->number != NULL && *q->number != '\0' &&
	    (number = upper_trim(s->a, q->number)) != NULL &&
	    !number_text(number))
		return svc_fail(s, SVC_INVALID, "number", "error.field.invalid");
	if (q->status != NULL && *q->status && !case_status_valid(q->status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	if (q->risk != NULL && *q->risk && strcmp(q->risk, "none") != 0 &&
	    case_risk_parse(q->risk) < 0)
		return svc_fail(s, SVC_INVALID, "risk", "error.field.choice");
	if (q->sort < 0 || q->sort > 2)
		return svc_fail(s, SVC_INVALID, "sort", "error.field.choice");
	if (page > 100000)
		return svc_fail(s, SVC_INVALID, "page", "error.field.range");
	if (authz_case_scope(s->actor, &cs) != 0)
		return SVC_OK;	/* sees no case at all: an empty list */
	avec_init(&l.v, s->a, sizeof(**out), CASE_PAGE_SIZE + 1);
	l.total = 0;
	{
		struct sp p[] = {
			sp_int(cs.user_id), sp_id(cs.team_id),
			sp_int(cs.agency_id), sp_int(cs.unit ? 1 : 0),
			sp_text(exact), sp_text(match), sp_text(number),
			sp_text(q->status && *q->status ? q->status : NULL),
			sp_text(q->risk && *q->risk ? q->risk : NULL),
			sp_text(q->concern && *q->concern ? q->concern : NULL),
			sp_id(q->worker_id), sp_id(q->municipality_id),
			sp_int(q->pending ? 1 : 0),
			q->overdue ? sp_int(clock_now()) : sp_null(),
			sp_int(q->sort),
			sp_int(CASE_PAGE_SIZE + 1),
			sp_int((int64_t)(page - 1) * CASE_PAGE_SIZE),
		};

		int with_q = exact != NULL;

		/* The page carries the total (a window count); only a page
		 * past the end needs the count on its own. */
		if ((rc = store_exec(s->st, with_q ? Q_CASE_SEARCH_Q :
		    Q_CASE_SEARCH, p, 17, list_cb, &l, NULL)) == STORE_OK) {
			*total = l.total;
			if (l.v.n == 0 && page > 1)
				rc = store_exec(s->st, with_q ? Q_CASE_COUNT_Q :
				    Q_CASE_COUNT, p, 14, store_cb_int, total,
				    NULL);
		}
		if (rc != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if (l.v.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (audit_record_tx(s->st, s->actor, NULL, "case.list", "case", 0,
	    arena_printf(s->a, "rows=%zu", l.v.n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = l.v.v;
	*n = l.v.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- risk */

static int
closed(const struct case_info *c)
{
	return strcmp(c->status, "closed") == 0 ||
	    strcmp(c->status, "transferred") == 0;
}

int
case_ended(const struct case_info *c)
{
	return closed(c);
}

enum svc_rc
case_for_write(struct svc *s, int64_t id, int64_t version, int allow_ended,
    struct case_info **out)
{
	enum svc_rc rc;

	*out = NULL;
	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = fetch_visible(s, id, "case.write.denied", 0, out)) != SVC_OK)
		return rc;
	if (!allow_ended && closed(*out))
		return svc_fail(s, SVC_INVALID, "case", "case.closed");
	if (version != 0 && version != (*out)->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	return SVC_OK;
}

enum svc_rc
case_change_in_tx(struct svc *s, const struct case_info *c,
    const char *status, int64_t version, int64_t *nv)
{
	const char *to = status != NULL ? status : c->status;
	int64_t now = clock_now(), v = 0;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(c->id), sp_text(to), sp_int(version),
	    sp_int(now) };

	if (!case_status_valid(to))
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	rc = store_exec(s->st, Q_CASE_SET_STATUS, p, 4, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (strcmp(to, c->status) != 0 &&
	    (src = event(s, c->id, now, "status", "status", c->status, to,
	    "")) != SVC_OK)
		return src;
	if (nv != NULL)
		*nv = v;
	return SVC_OK;
}

enum svc_rc
case_event_in_tx(struct svc *s, int64_t case_id, const char *kind,
    const char *field, const char *before, const char *after,
    const char *note)
{
	return event(s, case_id, clock_now(), kind, field, before, after,
	    note);
}

struct risk_args {
	struct case_info	*c;
	const char		*level, *rationale;
	int64_t			 version, rid;
};

/* The level and rationale of a risk assessment: SVC_INVALID naming them. */
static enum svc_rc
risk_input(struct svc *s, const char *level, const char *rationale)
{
	const char *t;
	size_t len;

	if (case_risk_parse(level) < 0)
		return svc_fail(s, SVC_INVALID, "level", "error.field.choice");
	if (rationale == NULL || (len = strlen(rationale)) == 0 ||
	    (t = utf8_squash(s->a, rationale)) == NULL || *t == '\0')
		return svc_fail(s, SVC_INVALID, "rationale",
		    "error.field.required");
	if (!utf8_valid(rationale, len))
		return svc_fail(s, SVC_INVALID, "rationale",
		    "error.field.invalid");
	if (utf8_chars(rationale, len) > CASE_RATIONALE_MAX)
		return svc_fail(s, SVC_INVALID, "rationale",
		    "error.field.toolong");
	return SVC_OK;
}

/* The writes of a risk assessment, inside the caller's transaction. */
static enum svc_rc
risk_write(struct svc *s, const struct case_info *c, const char *level,
    const char *rationale, int64_t version, int64_t *rid)
{
	const char *status = strcmp(c->status, "registered") == 0 ?
	    "screened" : c->status;
	int64_t now = clock_now(), v = 0;
	enum store_rc rc;
	enum svc_rc src;
	struct sp pr[] = { sp_int(c->id), sp_text(level),
	    sp_text(rationale), sp_int(s->actor->id), sp_int(now) };
	struct sp pc[] = { sp_int(c->id), sp_text(level),
	    sp_text(status), sp_int(version), sp_int(now) };

	rc = store_exec(s->st, Q_CASE_SET_RISK, pc, 5, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	if (rc != STORE_OK ||
	    (rc = store_exec(s->st, Q_CASE_RISK_INSERT, pr, 5, store_cb_int, rid,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((src = event(s, c->id, now, "risk", "risk", c->risk,
	    level, "")) != SVC_OK)
		return src;
	if ((src = deadline_risk_in_tx(s, c->id, level, now)) != SVC_OK)
		return src;
	if (strcmp(status, c->status) != 0 &&
	    (src = event(s, c->id, now, "status", "status", c->status,
	    status, "")) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "case.risk", "case",
	    c->id, arena_printf(s->a, "level=%s before=%s", level,
	    *c->risk ? c->risk : "none"))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

static enum svc_rc
risk_tx(struct svc *s, void *arg)
{
	struct risk_args *a = arg;

	return risk_write(s, a->c, a->level, a->rationale, a->version,
	    &a->rid);
}

enum svc_rc
case_risk_set(struct svc *s, int64_t id, const char *level,
    const char *rationale, int64_t version, int64_t *rid)
{
	struct risk_args a;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = fetch_visible(s, id, "case.write.denied", 0, &a.c)) != SVC_OK)
		return rc;
	if ((rc = risk_input(s, level, rationale)) != SVC_OK)
		return rc;
	if (closed(a.c))
		return svc_fail(s, SVC_INVALID, "level", "case.closed");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.level = risk_names[case_risk_parse(level)];
	a.rationale = rationale;
	a.version = version;
	a.rid = 0;
	if ((rc = svc_tx(s, risk_tx, &a)) != SVC_OK)
		return rc;
	if (rid != NULL)
		*rid = a.rid;
	return SVC_OK;
}

enum svc_rc
case_risk_set_in_tx(struct svc *s, const struct case_info *c,
    const char *level, const char *rationale, int64_t version, int64_t *rid)
{
	int64_t id = 0;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = risk_input(s, level, rationale)) != SVC_OK)
		return rc;
	if (closed(c))
		return svc_fail(s, SVC_INVALID, "level", "case.closed");
	if ((rc = risk_write(s, c, risk_names[case_risk_parse(level)],
	    rationale, version, &id)) != SVC_OK)
		return rc;
	if (rid != NULL)
		*rid = id;
	return SVC_OK;
}

struct risk_row {
	int64_t		 id, case_id, author_id, validated_by;
	int		 latest, found;
	char		 level[16];
};

static int
risk_row_cb(void *arg, const struct store_row *r)
{
	struct risk_row *k = arg;

	k->found = 1;
	k->id = srow_int(r, 0);
	k->case_id = srow_int(r, 1);
	snprintf(k->level, sizeof(k->level), "%s", srow_text(r, 2));
	k->author_id = srow_int(r, 3);
	k->validated_by = srow_null(r, 4) ? 0 : srow_int(r, 4);
	k->latest = (int)srow_int(r, 5);
	return 1;
}

struct validate_args {
	struct case_info	*c;
	struct risk_row		 k;
};

static enum svc_rc
validate_tx(struct svc *s, void *arg)
{
	struct validate_args *a = arg;
	int self = a->k.author_id == s->actor->id;
	int64_t now = clock_now(), v = 0;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->k.id), sp_int(s->actor->id), sp_int(now) };
	struct sp pt[] = { sp_int(a->c->id), sp_int(now) };

	rc = store_exec(s->st, Q_CASE_RISK_VALIDATE, p, 3, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, "risk", "case.risk.validated");
	if (rc != STORE_OK ||
	    (rc = store_exec(s->st, Q_CASE_TOUCH, pt, 2, store_cb_int, &v, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if ((src = event(s, a->c->id, now, "risk.validated", "risk",
	    a->k.level, a->k.level, self ? "self" : "")) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "case.risk.validate",
	    "case", a->c->id, arena_printf(s->a, "risk=%lld level=%s self=%d",
	    (long long)a->k.id, a->k.level, self))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
case_risk_validate(struct svc *s, int64_t id, int64_t rid)
{
	struct validate_args a;
	struct sp p[] = { sp_int(rid) };
	enum store_rc rc;
	enum svc_rc src;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((src = fetch_visible(s, id, "case.write.denied", 0, &a.c)) !=
	    SVC_OK)
		return src;
	memset(&a.k, 0, sizeof(a.k));
	if (rid <= 0 || (rc = store_exec(s->st, Q_CASE_RISK_GET, p, 1,
	    risk_row_cb, &a.k, NULL)) != STORE_OK || !a.k.found ||
	    a.k.case_id != id)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (a.k.validated_by != 0)
		return svc_fail(s, SVC_CONFLICT, "risk", "case.risk.validated");
	if (!a.k.latest)
		return svc_fail(s, SVC_INVALID, "risk", "case.risk.superseded");
	return svc_tx(s, validate_tx, &a);
}

/* ---------------------------------------------------------------- assignment */

struct worker_row {
	int64_t		 id, agency_id, team_id;
	int		 active, found;
	const char	*full_name, *role, *team_name;
};

static int
worker_cb(void *arg, const struct store_row *r)
{
	struct { struct arena *a; struct worker_row *w; } *x = arg;

	x->w->found = 1;
	x->w->id = srow_int(r, 0);
	x->w->full_name = cm_dup(x->a, r, 1);
	x->w->role = cm_dup(x->a, r, 2);
	x->w->agency_id = srow_int(r, 3);
	x->w->team_id = srow_int(r, 4);
	x->w->active = (int)srow_int(r, 5);
	x->w->team_name = cm_dup(x->a, r, 6);
	return 1;
}

struct team_row {
	int64_t		 id, agency_id;
	const char	*name;
	struct arena	*a;
};

static int
team_cb(void *arg, const struct store_row *r)
{
	struct team_row *t = arg;

	t->id = srow_int(r, 0);
	t->agency_id = srow_int(r, 1);
	t->name = cm_dup(t->a, r, 2);
	return 1;
}

struct assign_args {
	struct case_info	*c;
	struct worker_row	 w;
	int64_t			 team_id;
	const char		*team_name;
	int64_t			 version;
};

static enum svc_rc
assign_tx(struct svc *s, void *arg)
{
	struct assign_args *a = arg;
	int64_t now = clock_now(), v = 0;
	enum store_rc rc;
	enum svc_rc src;
	struct sp p[] = { sp_int(a->c->id), sp_int(a->w.id), sp_id(a->team_id),
	    sp_int(a->version), sp_int(now) };

	rc = store_exec(s->st, Q_CASE_ASSIGN, p, 5, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (a->w.id != a->c->worker_id &&
	    (src = event(s, a->c->id, now, "assigned", "worker",
	    a->c->worker_name, a->w.full_name, "")) != SVC_OK)
		return src;
	if (a->team_id != a->c->team_id &&
	    (src = event(s, a->c->id, now, "assigned", "team",
	    a->c->team_name, a->team_name, "")) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "case.assign", "case",
	    a->c->id, arena_printf(s->a, "worker=%lld team=%lld",
	    (long long)a->w.id, (long long)a->team_id))) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
case_assign(struct svc *s, int64_t id, int64_t worker_id, int64_t team_id,
    int64_t version)
{
	struct assign_args a;
	struct { struct arena *a; struct worker_row *w; } x;
	struct team_row t;
	enum store_rc rc;
	enum svc_rc src;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((src = fetch_visible(s, id, "case.write.denied", 0, &a.c)) !=
	    SVC_OK)
		return src;
	memset(&a.w, 0, sizeof(a.w));
	x.a = s->a;
	x.w = &a.w;
	{
		struct sp p[] = { sp_int(worker_id) };

		if (worker_id <= 0 || (rc = store_exec(s->st,
		    Q_CASE_WORKER_GET, p, 1, worker_cb, &x, NULL)) != STORE_OK ||
		    !a.w.found)
			return svc_fail(s, SVC_INVALID, "worker",
			    "error.field.invalid");
	}
	/* Someone of another agency is "not a choice", whoever they are. */
	if (a.w.agency_id != a.c->agency_id || !a.w.active)
		return svc_fail(s, SVC_INVALID, "worker", "error.field.invalid");
	if (strcmp(a.w.role, "caseworker") != 0)
		return svc_fail(s, SVC_INVALID, "worker", "case.assign.role");
	a.team_id = team_id ? team_id : a.w.team_id;
	a.team_name = team_id ? NULL : a.w.team_name;
	if (team_id != 0) {
		struct sp p[] = { sp_int(team_id) };

		memset(&t, 0, sizeof(t));
		t.a = s->a;
		if ((rc = store_exec(s->st, Q_CASE_TEAM_GET, p, 1, team_cb, &t,
		    NULL)) != STORE_OK || t.id == 0 ||
		    t.agency_id != a.c->agency_id)
			return svc_fail(s, SVC_INVALID, "team",
			    "error.field.invalid");
		a.team_name = t.name;
	}
	if (closed(a.c))
		return svc_fail(s, SVC_INVALID, "worker", "case.closed");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.version = version;
	return svc_tx(s, assign_tx, &a);
}

static int
workers_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct case_worker *w;

	if ((w = avec_next(l)) == NULL)
		return 1;
	w->id = srow_int(r, 0);
	w->full_name = cm_dup(l->a, r, 1);
	w->team_id = srow_int(r, 2);
	w->team_name = cm_dup(l->a, r, 3);
	return 0;
}

enum svc_rc
case_workers(struct svc *s, struct case_worker **out, size_t *n)
{
	struct avec l;
	enum store_rc rc;
	struct sp p[] = { sp_int(s->actor ? s->actor->agency_id : 0) };

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL) ||
	    s->actor->agency_id == 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	avec_init(&l, s->a, sizeof(**out), 1000);
	if ((rc = store_exec(s->st, Q_CASE_WORKERS, p, 1, workers_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

static int
attention_cb(void *arg, const struct store_row *r)
{
	struct case_attention *a = arg;

	a->own_no_risk = srow_int(r, 0);
	a->own_high = srow_int(r, 1);
	a->pending = srow_int(r, 2);
	return 1;
}

enum svc_rc
case_attention(struct svc *s, struct case_attention *a)
{
	enum store_rc rc;
	struct sp p[2];

	memset(a, 0, sizeof(*a));
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL) ||
	    s->actor->agency_id == 0)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	p[0] = sp_int(s->actor->id);
	/* Only a supervisor counts the unit's pending validations. */
	p[1] = authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL) ?
	    sp_int(s->actor->agency_id) : sp_int(-1);
	if ((rc = store_exec(s->st, Q_CASE_ATTENTION, p, 2, attention_cb, a,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}
