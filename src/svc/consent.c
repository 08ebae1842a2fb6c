/*
 * consent.c — informed consent on a case, its withdrawal and the
 * supervisor's override (svc layer). See consent.h. Each write: the fields
 * and rules first, then one transaction (svc_tx) with the rows, a new case
 * version (case_change_in_tx), the timeline event and the audit row (ids
 * and codes only, never a name or the text written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "case.h"
#include "consent.h"

const char *const consent_relations[] = { "parent", "guardian", "child",
	NULL };
const char *const consent_categories[] = { "identity", "contact",
	"case_summary", "assessment", "plan", "health", "education", NULL };
const char *const consent_override_codes[] = { "best_interest", "legal_duty",
	NULL };

/* ---------------------------------------------------------------- helpers */

int
cm_filled(const char *s)
{
	for (s = svc_nz(s); *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

enum svc_rc
cm_text(struct svc *s, const char *field, const char *v, size_t max,
    int required, int multi)
{
	if (required && !cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (svc_text_ok(v, max, multi))
		return SVC_OK;
	if (!svc_text_ok(v, (size_t)-1 / 8, 1))
		return svc_fail(s, SVC_INVALID, field, "error.field.invalid");
	return svc_fail(s, SVC_INVALID, field, svc_text_ok(v, max, 1) ?
	    "error.field.line" : "error.field.toolong");
}

enum svc_rc
cm_day(struct svc *s, const char *field, const char *v, int32_t not_before,
    int32_t *d)
{
	int32_t today = 0;
	int64_t t;

	if (!cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (clock_parse_date(v, &t) != 0 || cal_date_of(t, d) != CAL_OK)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	(void)cal_date_of(clock_now(), &today);
	if (*d > today)
		return svc_fail(s, SVC_INVALID, field, "consent.err.future");
	if (not_before != 0 && *d < not_before)
		return svc_fail(s, SVC_INVALID, field, "consent.err.too_early");
	return SVC_OK;
}

const char *
cm_ymd(struct arena *a, int32_t d)
{
	char b[16];

	cal_date_format(d, b, sizeof(b));
	return arena_strdup(a, b);
}


/* ---------------------------------------------------------------- record */

struct record_args {
	const struct case_info		*c;
	const struct consent_new	*n;
	int				 override;
	const char			*date;
	int64_t				 version, id;
};

static enum svc_rc
record_tx(struct svc *s, void *arg)
{
	struct record_args *a = arg;
	const struct consent_new *n = a->n;
	struct sp p[10];
	enum store_rc rc;
	size_t i;

	p[0] = sp_int(a->c->id);
	p[1] = sp_text(a->override ? "override" : "consent");
	p[2] = sp_text(a->override ? "" : n->giver_name);
	p[3] = sp_text(a->override ? "" : n->relation);
	p[4] = sp_text(a->override ? n->override_code : "");
	p[5] = sp_text(a->override ? n->override_reason : "");
	p[6] = sp_int(n->all_agencies ? 1 : 0);
	p[7] = sp_text(a->date);
	p[8] = sp_int(s->actor->id);
	p[9] = sp_int(clock_now());
	a->id = 0;
	if ((rc = store_exec(s->st, Q_CM_CONSENT_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK || a->id == 0)
		return cm_unavailable(s, rc != STORE_OK ? rc : STORE_ERROR);
	for (i = 0; !n->all_agencies && i < n->nagencies; i++) {
		struct sp q[] = { sp_int(a->id), sp_int(n->agencies[i]) };

		if ((rc = store_exec(s->st, Q_CM_CONSENT_AGENCY_ADD, q, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->ncategories; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(n->categories[i]) };

		if ((rc = store_exec(s->st, Q_CM_CONSENT_CATEGORY_ADD, q, 2,
		    NULL, NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	{
		enum svc_rc src;

		if ((src = case_change_in_tx(s, a->c, NULL, a->version,
		    NULL)) != SVC_OK)
			return src;
		if ((src = case_event_in_tx(s, a->c->id, a->override ?
		    "consent.override" : "consent", "consent", NULL,
		    a->override ? n->override_code : n->relation, NULL)) !=
		    SVC_OK)
			return src;
	}
	if ((rc = audit_record(s->st, s->actor, NULL, a->override ?
	    "consent.override" : "consent.record", "case", a->c->id,
	    arena_printf(s->a, "consent=%lld %s=%s agencies=%s categories=%zu",
	    (long long)a->id, a->override ? "code" : "relation",
	    a->override ? n->override_code : n->relation,
	    n->all_agencies ? "all" : arena_printf(s->a, "%zu", n->nagencies),
	    n->ncategories))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

/* The scope: agencies (active, no repeats needed) or all, categories. */
static enum svc_rc
scope_ok(struct svc *s, const struct consent_new *n)
{
	size_t i;
	int64_t id;
	enum store_rc rc;

	if (!n->all_agencies && n->nagencies == 0)
		return svc_fail(s, SVC_INVALID, "agencies",
		    "consent.err.no_agency");
	if (n->nagencies > CONSENT_AGENCIES_MAX)
		return svc_fail(s, SVC_INVALID, "agencies",
		    "error.field.toolong");
	for (i = 0; !n->all_agencies && i < n->nagencies; i++) {
		struct sp p[] = { sp_int(n->agencies[i]) };

		id = 0;
		if ((rc = store_exec(s->st, Q_CM_AGENCY_ACTIVE, p, 1, store_cb_int,
		    &id, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		if (id == 0)
			return svc_fail(s, SVC_INVALID, "agencies",
			    "consent.err.agency_unknown");
	}
	if (n->ncategories == 0)
		return svc_fail(s, SVC_INVALID, "categories",
		    "consent.err.no_category");
	for (i = 0; i < n->ncategories; i++)
		if (!svc_in_set(consent_categories, n->categories[i]))
			return svc_fail(s, SVC_INVALID, "categories",
			    "error.field.choice");
	return SVC_OK;
}

static enum svc_rc
record(struct svc *s, int64_t case_id, int64_t version,
    const struct consent_new *n, int override, int64_t *id)
{
	struct record_args a;
	struct case_info *c;
	int32_t open = 0, d;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if (override && !authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = case_for_write(s, case_id, 0, 1, &c)) != SVC_OK)
		return rc;
	a.c = c;
	if (override) {
		if (!svc_in_set(consent_override_codes, n->override_code))
			return svc_fail(s, SVC_INVALID, "override_code",
			    cm_filled(n->override_code) ?
			    "error.field.choice" : "error.field.required");
		if ((rc = cm_text(s, "override_reason", n->override_reason,
		    CONSENT_REASON_MAX, 1, 1)) != SVC_OK)
			return rc;
	} else {
		if ((rc = cm_text(s, "giver_name", n->giver_name,
		    CONSENT_NAME_MAX, 1, 0)) != SVC_OK)
			return rc;
		if (!svc_in_set(consent_relations, n->relation))
			return svc_fail(s, SVC_INVALID, "relation",
			    cm_filled(n->relation) ? "error.field.choice" :
			    "error.field.required");
	}
	if ((rc = scope_ok(s, n)) != SVC_OK)
		return rc;
	(void)cal_date_of(a.c->opened_at, &open);
	if ((rc = cm_day(s, "date", n->date, open, &d)) != SVC_OK)
		return rc;
	if (case_ended(a.c))
		return svc_fail(s, SVC_INVALID, "date", "case.closed");
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.n = n;
	a.override = override;
	a.date = cm_ymd(s->a, d);
	a.version = version;
	if ((rc = svc_tx(s, record_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
consent_record(struct svc *s, int64_t case_id, int64_t version,
    const struct consent_new *n, int64_t *id)
{
	return record(s, case_id, version, n, 0, id);
}

enum svc_rc
consent_override(struct svc *s, int64_t case_id, int64_t version,
    const struct consent_new *n, int64_t *id)
{
	return record(s, case_id, version, n, 1, id);
}

/* ---------------------------------------------------------------- withdraw */

struct withdraw_args {
	const struct case_info	*c;
	int64_t			 consent_id, version;
	const char		*date, *reason;
};

static enum svc_rc
withdraw_tx(struct svc *s, void *arg)
{
	struct withdraw_args *a = arg;
	struct sp p[] = { sp_int(a->consent_id), sp_int(a->c->id),
		sp_text(a->date), sp_text(a->reason), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;
	enum svc_rc src;

	if ((rc = store_exec(s->st, Q_CM_CONSENT_WITHDRAW, p, 6, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "consent.err.withdrawn");
		return cm_unavailable(s, rc);
	}
	if ((src = case_change_in_tx(s, a->c, NULL, a->version, NULL)) !=
	    SVC_OK)
		return src;
	if ((src = case_event_in_tx(s, a->c->id, "consent.withdrawn",
	    "consent", NULL, NULL, NULL)) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "consent.withdraw",
	    "case", a->c->id, arena_printf(s->a, "consent=%lld",
	    (long long)a->consent_id))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

struct consent_row {
	int64_t		 case_id;
	int		 withdrawn;
};

static int
consent_row_cb(void *arg, const struct store_row *r)
{
	struct consent_row *c = arg;

	c->case_id = srow_int(r, 0);
	c->withdrawn = (int)srow_int(r, 1);
	return 1;
}

enum svc_rc
consent_withdraw(struct svc *s, int64_t case_id, int64_t consent_id,
    int64_t version, const char *date, const char *reason)
{
	struct withdraw_args a;
	struct case_info *c;
	struct consent_row row = { 0, 0 };
	struct consent_info *l;
	struct sp p[] = { sp_int(consent_id) };
	int32_t d, given = 0;
	size_t i, n;
	enum store_rc src;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = case_for_write(s, case_id, 0, 1, &c)) != SVC_OK)
		return rc;
	a.c = c;
	if ((src = store_exec(s->st, Q_CM_CONSENT_CASE, p, 1, consent_row_cb,
	    &row, NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (row.case_id != case_id)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (row.withdrawn)
		return svc_fail(s, SVC_INVALID, "date", "consent.err.withdrawn");
	if ((rc = consent_of_case(s, case_id, &l, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (l[i].id == consent_id)
			(void)cal_date_parse(l[i].date, &given);
	if ((rc = cm_day(s, "date", date, given, &d)) != SVC_OK ||
	    (rc = cm_text(s, "reason", reason, CONSENT_REASON_MAX, 1, 1)) !=
	    SVC_OK)
		return rc;
	if (version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.consent_id = consent_id;
	a.version = version;
	a.date = cm_ymd(s->a, d);
	a.reason = reason;
	return svc_tx(s, withdraw_tx, &a);
}

/* ---------------------------------------------------------------- reads */

static int
consent_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct consent_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->case_id = srow_int(r, 1);
	v->kind = cm_dup(l->a, r, 2);
	v->giver_name = cm_dup(l->a, r, 3);
	v->relation = cm_dup(l->a, r, 4);
	v->override_code = cm_dup(l->a, r, 5);
	v->override_reason = cm_dup(l->a, r, 6);
	v->all_agencies = (int)srow_int(r, 7);
	v->date = cm_dup(l->a, r, 8);
	v->author_id = srow_int(r, 9);
	v->author = cm_dup(l->a, r, 10);
	v->created_at = srow_int(r, 11);
	v->withdrawn_date = cm_dup(l->a, r, 12);
	v->withdrawn_reason = cm_dup(l->a, r, 13);
	v->withdrawn_by = srow_int(r, 14);
	v->withdrawn_at = srow_int(r, 15);
	v->categories = cm_dup(l->a, r, 16);
	v->agencies = cm_dup(l->a, r, 17);
	return 0;
}

enum svc_rc
consent_of_case(struct svc *s, int64_t case_id, struct consent_info **out,
    size_t *n)
{
	struct sp p[] = { sp_int(case_id), sp_int(CONSENT_LIST_MAX) };
	struct avec l;
	enum store_rc rc;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CASE_READ, NULL))
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	avec_init(&l, s->a, sizeof(**out), CONSENT_LIST_MAX);
	if ((rc = store_exec(s->st, Q_CM_CONSENTS, p, 2, consent_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct allows_row {
	int	consent, override;
};

static int
allows_cb(void *arg, const struct store_row *r)
{
	struct allows_row *a = arg;

	a->consent = (int)srow_int(r, 0);
	a->override = (int)srow_int(r, 1);
	return 1;
}

enum svc_rc
consent_allows(struct svc *s, int64_t case_id, int64_t agency_id,
    const char *category, enum consent_answer *out)
{
	struct allows_row a = { 0, 0 };
	struct sp p[] = { sp_int(case_id), sp_int(agency_id),
		sp_text(category) };
	enum store_rc rc;

	*out = CONSENT_NONE;
	if (!svc_in_set(consent_categories, category))
		return svc_fail(s, SVC_INVALID, "category", "error.field.choice");
	if ((rc = store_exec(s->st, Q_CM_CONSENT_ALLOWS, p, 3, allows_cb, &a,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	*out = a.consent ? CONSENT_GIVEN : a.override ? CONSENT_OVERRIDE :
	    CONSENT_NONE;
	return SVC_OK;
}

static int
override_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct consent_override_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->case_id = srow_int(r, 1);
	v->number = cm_dup(l->a, r, 2);
	v->code = cm_dup(l->a, r, 3);
	v->reason = cm_dup(l->a, r, 4);
	v->date = cm_dup(l->a, r, 5);
	v->author = cm_dup(l->a, r, 6);
	v->created_at = srow_int(r, 7);
	v->withdrawn_date = cm_dup(l->a, r, 8);
	return 0;
}

enum svc_rc
consent_overrides(struct svc *s, struct consent_override_info **out,
    size_t *n)
{
	int sup = s->actor != NULL && s->actor->role == ROLE_SUPERVISOR;
	struct sp p[3];
	struct avec l;
	enum store_rc rc;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!authz_allows(s->actor, PERM_CONSENT_REVIEW, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (sup && s->actor->agency_id == 0)
		return SVC_OK;
	p[0] = sp_int(sup ? s->actor->agency_id : 0);
	p[1] = sp_text(authz_country_filter(s->actor));
	p[2] = sp_int(CONSENT_LIST_MAX);
	avec_init(&l, s->a, sizeof(**out), CONSENT_LIST_MAX);
	if ((rc = store_exec(s->st, Q_CM_OVERRIDES, p, 3, override_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	/* An auditor sees who did what, not the case's contents. */
	for (i = 0; !sup && i < l.n; i++)
		(*out)[i].reason = "";
	if ((rc = audit_record_tx(s->st, s->actor, NULL, "consent.overrides",
	    "consent", 0, arena_printf(s->a, "rows=%zu", l.n))) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}
