/*
 * intake.c — reports of concern and their decisions. See intake.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "agency.h"
#include "case.h"
#include "closure.h"
#include "intake.h"
#include "reference.h"

const char *const intake_channels[] = { "phone", "in_person", "email",
	"letter", "online", "visit", NULL };
const char *const intake_referrers[] = { "police", "school", "health",
	"social_work", "ngo", "family", "self", "anonymous",
	"other_municipality", "community", "systematic_visit", "other", NULL };


/* The intake a new report lands in: centre when given (a report in),
 * the actor's agency when it is a social_work agency, else that of the
 * municipality. */
static enum svc_rc
intake_of(struct svc *s, int64_t centre, int64_t muni, int64_t *agency,
    int64_t *out_muni)
{
	struct agency_info *g;
	struct muni_info *m;
	int64_t id = 0;
	enum store_rc rc;
	enum svc_rc src;

	/* A lookup the database did not answer is not bad input. */
	if (centre != 0) {
		if ((src = agency_fetch(s, centre, &g)) == SVC_UNAVAILABLE)
			return src;
		if (src != SVC_OK ||
		    g->type != AGENCY_SOCIAL_WORK || !g->active ||
		    g->municipality_id == 0)
			return svc_fail(s, SVC_INVALID, "centre",
			    "error.field.invalid");
		*agency = g->id;
		*out_muni = g->municipality_id;
		return SVC_OK;
	}
	src = s->actor->agency_id != 0 ?
	    agency_fetch(s, s->actor->agency_id, &g) : SVC_NOTFOUND;
	if (src == SVC_UNAVAILABLE)
		return src;
	if (src == SVC_OK &&
	    g->type == AGENCY_SOCIAL_WORK && g->municipality_id != 0) {
		*agency = g->id;
		*out_muni = g->municipality_id;
		return SVC_OK;
	}
	if (muni == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((src = ref_municipality_field(s, muni, &m, "municipality")) !=
	    SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(muni) };

		if ((rc = store_exec(s->st, Q_INTAKE_AGENCY, p, 1, store_cb_int, &id,
		    NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if (id == 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "intake.err.no_agency");
	*agency = id;
	*out_muni = muni;
	return SVC_OK;
}

struct create_args {
	const struct report_new	*n;
	int64_t			 agency, muni, received;
	const char		*birth;	/* yyyy-mm-dd or NULL */
	const char		**codes;
	size_t			 ncodes;
	int64_t			 id;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *c = arg;
	const struct report_new *n = c->n;
	enum store_rc rc;
	size_t i;
	struct sp p[] = {
		sp_int(c->muni), sp_int(c->agency), sp_int(c->received),
		sp_text(n->channel), sp_text(n->referrer_type),
		sp_text(svc_nz(n->referrer_name)), sp_text(svc_nz(n->referrer_contact)),
		sp_id(n->referrer_agency_id), sp_text(svc_nz(n->given)),
		sp_text(svc_nz(n->family)),
		sp_text(svc_nz(n->parent)), sp_text(n->sex && *n->sex ? n->sex : "u"),
		sp_text(c->birth), n->age >= 0 ? sp_int(n->age) : sp_null(),
		sp_text(svc_nz(n->location)), sp_text(svc_nz(n->narrative)),
		sp_int(n->immediate_danger ? 1 : 0),
		s->actor->id ? sp_int(s->actor->id) : sp_null(),
		sp_int(clock_now()),
	};

	if ((rc = store_exec(s->st, Q_REPORT_INSERT, p, 19, store_cb_int, &c->id,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	for (i = 0; i < c->ncodes; i++) {
		struct sp q[] = { sp_int(c->id), sp_text(c->codes[i]) };

		if ((rc = store_exec(s->st, Q_REPORT_CONCERN_ADD, q, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return svc_fail(s, svc_from_store(rc), NULL,
			    "error.unavailable");
	}
	if ((rc = audit_record(s->st, s->actor, NULL, "report.create", "report",
	    c->id, arena_printf(s->a, "agency=%lld channel=%s referrer=%s "
	    "concerns=%zu danger=%d", (long long)c->agency, n->channel,
	    n->referrer_type, c->ncodes, n->immediate_danger ? 1 : 0))) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

/* Today as yyyy-mm-dd (local). */
static void
today(char out[11])
{
	char b[32];

	clock_format(clock_now(), 0, b, sizeof(b));
	snprintf(out, 11, "%.4s-%.2s-%.2s", b + 6, b + 3, b);
}

/* intake_create(), inside the caller's transaction when in_tx. */
static enum svc_rc
create(struct svc *s, const struct report_new *n, int64_t *id, int in_tx)
{
	static const struct { const char *name; size_t off; size_t max; } t[] = {
		{ "referrer_name", offsetof(struct report_new, referrer_name), CHILD_NAME_MAX },
		{ "referrer_contact", offsetof(struct report_new, referrer_contact), CHILD_NAME_MAX },
		{ "given_name", offsetof(struct report_new, given), CHILD_NAME_MAX },
		{ "family_name", offsetof(struct report_new, family), CHILD_NAME_MAX },
		{ "parent_name", offsetof(struct report_new, parent), CHILD_NAME_MAX },
		{ "location", offsetof(struct report_new, location), INTAKE_TEXT_MAX },
	};
	struct concern_info *ci;
	struct create_args c;
	char iso[11], now[11], bd[11];
	const char *v;
	size_t i, j, nci;
	int64_t t0;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_INTAKE, NULL) &&
	    !(authz_allows(s->actor, PERM_REPORT_IN, NULL) &&
	    n->referrer_agency_id != 0 &&
	    n->referrer_agency_id == s->actor->agency_id))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&c, 0, sizeof(c));
	if (!svc_in_set(intake_channels, n->channel))
		return svc_fail(s, SVC_INVALID, "channel", "error.field.choice");
	if (!svc_in_set(intake_referrers, n->referrer_type))
		return svc_fail(s, SVC_INVALID, "referrer_type",
		    "error.field.choice");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = *(const char *const *)((const char *)n + t[i].off);
		if (!svc_text_ok(v, t[i].max, 0))
			return svc_fail(s, SVC_INVALID, t[i].name,
			    "error.field.toolong");
	}
	if (!svc_text_ok(n->narrative, INTAKE_NARRATIVE_MAX, 1))
		return svc_fail(s, SVC_INVALID, "narrative", "error.field.toolong");
	if (n->sex && *n->sex && strcmp(n->sex, "f") && strcmp(n->sex, "m") &&
	    strcmp(n->sex, "u"))
		return svc_fail(s, SVC_INVALID, "sex", "error.field.choice");
	if (n->age < -1 || n->age > 17)
		return svc_fail(s, SVC_INVALID, "age", "error.field.range");
	today(now);
	c.received = clock_now();
	if (n->received_on && *n->received_on) {
		if (child_iso_date(n->received_on, iso) != 0 ||
		    clock_parse_date(n->received_on, &t0) != 0)
			return svc_fail(s, SVC_INVALID, "received_on",
			    "error.field.date");
		if (strcmp(iso, now) > 0)
			return svc_fail(s, SVC_INVALID, "received_on",
			    "intake.err.received_future");
		if (strcmp(iso, now) < 0)
			c.received = t0 + 12 * 3600;
	}
	if (n->birth_date && *n->birth_date) {
		if (child_iso_date(n->birth_date, bd) != 0)
			return svc_fail(s, SVC_INVALID, "birth_date",
			    "error.field.date");
		if (strcmp(bd, now) > 0)
			return svc_fail(s, SVC_INVALID, "birth_date",
			    "child.err.birth_future");
		c.birth = bd;
	}
	if (n->nconcerns == 0)
		return svc_fail(s, SVC_INVALID, "concerns", "intake.err.no_concern");
	if (n->nconcerns > INTAKE_CONCERNS_MAX)
		return svc_fail(s, SVC_INVALID, "concerns", "error.field.toolong");
	if ((rc = ref_concerns(s, &ci, &nci)) != SVC_OK)
		return rc;
	if ((c.codes = arena_zalloc(s->a, n->nconcerns * sizeof(*c.codes))) ==
	    NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < n->nconcerns; i++) {
		for (j = 0; j < nci && strcmp(ci[j].code, svc_nz(n->concerns[i])); j++)
			;
		if (j == nci) {
			s->err.arg = n->concerns[i];
			return svc_fail(s, SVC_INVALID, "concerns",
			    "intake.err.concern_unknown");
		}
		for (j = 0; j < c.ncodes && strcmp(c.codes[j], n->concerns[i]); j++)
			;
		if (j == c.ncodes)
			c.codes[c.ncodes++] = n->concerns[i];
	}
	if ((rc = intake_of(s, n->agency_id, n->municipality_id, &c.agency,
	    &c.muni)) != SVC_OK)
		return rc;
	c.n = n;
	if ((rc = in_tx ? create_tx(s, &c) : svc_tx(s, create_tx, &c)) !=
	    SVC_OK)
		return rc;
	if (id != NULL)
		*id = c.id;
	return SVC_OK;
}

enum svc_rc
intake_create(struct svc *s, const struct report_new *n, int64_t *id)
{
	return create(s, n, id, 0);
}

enum svc_rc
intake_create_in_tx(struct svc *s, const struct report_new *n, int64_t *id)
{
	return create(s, n, id, 1);
}

struct rlist {
	struct arena		*a;
	struct report_info	*v;
	size_t			 n, cap;
};

static const char *
dup(struct rlist *l, const struct store_row *r, int col)
{
	const char *s = arena_strdup(l->a, srow_text(r, col));

	return s ? s : "";
}

static int
report_cb(void *arg, const struct store_row *r)
{
	struct rlist *l = arg;
	struct report_info *x;

	if (l->n == l->cap)
		return 1;
	x = &l->v[l->n++];
	x->id = srow_int(r, 0);
	x->municipality_id = srow_int(r, 1);
	x->agency_id = srow_int(r, 2);
	x->received_at = srow_int(r, 3);
	x->channel = dup(l, r, 4);
	x->referrer_type = dup(l, r, 5);
	x->referrer_name = dup(l, r, 6);
	x->referrer_contact = dup(l, r, 7);
	x->referrer_agency_id = srow_int(r, 8);
	x->child_id = srow_int(r, 9);
	x->given = dup(l, r, 10);
	x->family = dup(l, r, 11);
	x->parent = dup(l, r, 12);
	x->sex = dup(l, r, 13);
	x->birth_date = dup(l, r, 14);
	x->age = (int)srow_int(r, 15);
	x->location = dup(l, r, 16);
	x->narrative = dup(l, r, 17);
	x->immediate_danger = (int)srow_int(r, 18);
	x->status = dup(l, r, 19);
	x->decision_reason = dup(l, r, 20);
	x->onward_referral = dup(l, r, 21);
	x->case_id = srow_int(r, 22);
	x->created_at = srow_int(r, 23);
	x->version = srow_int(r, 24);
	x->municipality_name = dup(l, r, 25);
	x->country = dup(l, r, 26);
	x->created_by_name = dup(l, r, 27);
	x->case_number = dup(l, r, 28);
	return 0;
}

struct klist {
	struct arena		*a;
	struct report_concern	*v;
	size_t			 n, cap;
};

static int
concern_cb(void *arg, const struct store_row *r)
{
	struct klist *l = arg;
	struct report_concern *c;
	int i;

	if (l->n == l->cap)
		return 1;
	c = &l->v[l->n++];
	c->code = arena_strdup(l->a, srow_text(r, 0));
	for (i = 0; i < 3; i++)
		c->label[i] = arena_strdup(l->a, srow_text(r, 1 + i));
	c->restricted = (int)srow_int(r, 4);
	return 0;
}

static enum svc_rc
concerns_of(struct svc *s, struct report_info *x)
{
	struct klist l = { s->a, NULL, 0, INTAKE_CONCERNS_MAX };
	struct sp p[] = { sp_int(x->id) };
	enum store_rc rc;

	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_REPORT_CONCERNS, p, 1, concern_cb, &l,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	x->concerns = l.v;
	x->nconcerns = l.n;
	return SVC_OK;
}

enum svc_rc
intake_list(struct svc *s, const char *status, int limit, int offset,
    struct report_info **out, size_t *n)
{
	struct rlist l = { s->a, NULL, 0, 0 };
	enum store_rc rc;
	enum svc_rc src;
	size_t i;

	if (!authz_allows(s->actor, PERM_INTAKE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (limit < 1 || limit > 500 || offset < 0)
		return svc_fail(s, SVC_INVALID, "page", "error.field.invalid");
	l.cap = (size_t)limit;
	if ((l.v = arena_zalloc(s->a, l.cap * sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	{
		struct sp p[] = { sp_int(s->actor->agency_id ?
		    s->actor->agency_id : -1), sp_text(status), sp_int(limit),
		    sp_int(offset) };

		rc = store_exec(s->st, Q_REPORT_LIST, p, 4, report_cb, &l, NULL);
	}
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	for (i = 0; i < l.n; i++)
		if ((src = concerns_of(s, &l.v[i])) != SVC_OK)
			return src;
	if (audit_record_tx(s->st, s->actor, NULL, "report.list", "report", 0,
	    arena_printf(s->a, "status=%s rows=%zu", status, l.n)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
intake_waiting(struct svc *s, int64_t *count)
{
	struct sp p[] = { sp_int(s->actor && s->actor->agency_id ?
	    s->actor->agency_id : -1), sp_text("received") };
	enum store_rc rc;

	*count = 0;
	if (!authz_allows(s->actor, PERM_INTAKE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = store_exec(s->st, Q_REPORT_COUNT, p, 2, store_cb_int, count,
	    NULL)) != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

/* The report of the actor's agency, unaudited. */
static enum svc_rc
fetch(struct svc *s, int64_t id, struct report_info **out)
{
	struct rlist l = { s->a, NULL, 0, 1 };
	struct sp p[] = { sp_int(id), sp_int(s->actor && s->actor->agency_id ?
	    s->actor->agency_id : -1) };
	enum store_rc rc;

	if (!authz_allows(s->actor, PERM_INTAKE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((l.v = arena_zalloc(s->a, sizeof(*l.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = store_exec(s->st, Q_REPORT_GET, p, 2, report_cb, &l, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return concerns_of(s, l.v);
}

enum svc_rc
intake_get(struct svc *s, int64_t id, struct report_info **out)
{
	enum svc_rc rc;

	rc = fetch(s, id, out);
	if (rc == SVC_NOTFOUND) {
		if (audit_record_tx(s->st, s->actor, NULL, "report.read.denied",
		    "report", id, "") != STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	if (rc != SVC_OK)
		return rc;
	if (audit_record_tx(s->st, s->actor, NULL, "report.read", "report", id,
	    "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
intake_candidates(struct svc *s, const struct report_info *x,
    struct child_candidate **out, size_t *n)
{
	struct child_query q;

	*out = NULL;
	*n = 0;
	if (*x->given == '\0' && *x->family == '\0')
		return SVC_OK;
	memset(&q, 0, sizeof(q));
	q.given = x->given;
	q.family = x->family;
	q.parent = x->parent;
	q.birth_date = x->birth_date;
	q.age = x->age;
	q.sex = x->sex;
	q.municipality_id = x->municipality_id;
	return child_match(s, &q, out, n);
}

struct decide_args {
	struct report_info		*x;
	int64_t				 version;
	const char			*reason, *onward;
	const struct intake_reg		*reg;
	int64_t				 child_id, case_id;
	const char			*number;
};

/* Marks the report decided; SVC_CONFLICT when someone decided first. */
static enum svc_rc
decide(struct svc *s, struct decide_args *d, const char *status)
{
	int64_t v = 0;
	enum store_rc rc;
	struct sp p[] = {
		sp_int(d->x->id), sp_text(status), sp_text(svc_nz(d->reason)),
		sp_text(svc_nz(d->onward)), sp_id(d->child_id), sp_id(d->case_id),
		s->actor->id ? sp_int(s->actor->id) : sp_null(),
		sp_int(clock_now()), sp_int(d->version),
	};

	rc = store_exec(s->st, Q_REPORT_DECIDE, p, 9, store_cb_int, &v, NULL);
	if (rc == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "intake.err.decided");
	if (rc != STORE_OK)
		return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
	return SVC_OK;
}

static enum svc_rc
not_admitted_tx(struct svc *s, void *arg)
{
	struct decide_args *d = arg;
	enum svc_rc rc;

	if ((rc = decide(s, d, "not_admitted")) != SVC_OK)
		return rc;
	if (audit_record(s->st, s->actor, NULL, "report.not_admitted",
	    "report", d->x->id, "") != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

/* The report to decide on: of the actor's agency, still received, at the
 * version the decision was made on. */
static enum svc_rc
decidable(struct svc *s, int64_t id, int64_t version, struct report_info **x)
{
	enum svc_rc rc;

	if ((rc = fetch(s, id, x)) != SVC_OK)
		return rc;
	if (strcmp((*x)->status, "received") != 0 || (*x)->version != version)
		return svc_fail(s, SVC_CONFLICT, NULL, "intake.err.decided");
	return SVC_OK;
}

enum svc_rc
intake_not_admitted(struct svc *s, int64_t id, int64_t version,
    const char *reason, const char *onward)
{
	struct decide_args d;
	enum svc_rc rc;

	memset(&d, 0, sizeof(d));
	if ((rc = decidable(s, id, version, &d.x)) != SVC_OK)
		return rc;
	if (reason == NULL || utf8_squash(s->a, reason) == NULL ||
	    *utf8_squash(s->a, reason) == '\0')
		return svc_fail(s, SVC_INVALID, "reason", "error.field.required");
	if (!svc_text_ok(reason, INTAKE_TEXT_MAX, 1))
		return svc_fail(s, SVC_INVALID, "reason", "error.field.toolong");
	if (onward == NULL || utf8_squash(s->a, onward) == NULL ||
	    *utf8_squash(s->a, onward) == '\0')
		return svc_fail(s, SVC_INVALID, "onward_referral",
		    "error.field.required");
	if (!svc_text_ok(onward, INTAKE_TEXT_MAX, 1))
		return svc_fail(s, SVC_INVALID, "onward_referral",
		    "error.field.toolong");
	d.version = version;
	d.reason = reason;
	d.onward = onward;
	return svc_tx(s, not_admitted_tx, &d);
}

static enum svc_rc
register_tx(struct svc *s, void *arg)
{
	struct decide_args *d = arg;
	const char **codes;
	struct case_new cn;
	enum svc_rc rc;
	size_t i;

	if (d->reg->child_id == 0 &&
	    (rc = child_create_in_tx(s, d->reg->child, &d->child_id)) != SVC_OK)
		return rc;
	if ((codes = arena_zalloc(s->a, (d->x->nconcerns + 1) *
	    sizeof(*codes))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < d->x->nconcerns; i++)
		codes[i] = d->x->concerns[i].code;
	memset(&cn, 0, sizeof(cn));
	cn.report_id = d->x->id;
	cn.child_id = d->child_id;
	cn.municipality_id = d->x->municipality_id;
	cn.agency_id = d->x->agency_id;
	cn.concerns = codes;
	cn.nconcerns = d->x->nconcerns;
	cn.primary = d->reg->primary;
	cn.emergency = d->x->immediate_danger;
	cn.source = d->x->referrer_type;
	cn.worker_id = s->actor->id;
	cn.team_id = s->actor->team_id;
	if ((rc = case_open_in_tx(s, &cn, &d->case_id, &d->number)) != SVC_OK)
		return rc;
	/* A child whose case closed within 12 months: this is its reopening. */
	if (d->reg->child_id != 0 &&
	    (rc = closure_link_reopened_in_tx(s, d->case_id, d->number,
	    d->child_id, d->x->agency_id, NULL)) != SVC_OK)
		return rc;
	if ((rc = decide(s, d, "registered")) != SVC_OK)
		return rc;
	if (audit_record(s->st, s->actor, NULL, "report.register", "report",
	    d->x->id, arena_printf(s->a, "child=%lld case=%lld new_child=%d",
	    (long long)d->child_id, (long long)d->case_id,
	    d->reg->child_id == 0)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
intake_register(struct svc *s, const struct intake_reg *reg,
    int64_t *case_id, const char **number)
{
	struct decide_args d;
	enum svc_rc rc;
	size_t i;
	int vis;

	memset(&d, 0, sizeof(d));
	if (!authz_allows(s->actor, PERM_CASE_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = decidable(s, reg->report_id, reg->version, &d.x)) != SVC_OK)
		return rc;
	if (reg->primary == NULL || *reg->primary == '\0')
		return svc_fail(s, SVC_INVALID, "primary_concern",
		    "intake.err.primary_required");
	for (i = 0; i < d.x->nconcerns &&
	    strcmp(d.x->concerns[i].code, reg->primary) != 0; i++)
		;
	if (i == d.x->nconcerns)
		return svc_fail(s, SVC_INVALID, "primary_concern",
		    "intake.err.primary_not_reported");
	if (reg->child_id != 0) {
		if ((vis = child_visible(s, reg->child_id)) < 0)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
		if (vis == 0)
			/* Not a child this actor may see: as unknown. */
			return svc_fail(s, SVC_INVALID, "child",
			    "error.field.invalid");
		d.child_id = reg->child_id;
	} else if (reg->child == NULL)
		return svc_fail(s, SVC_INVALID, "given_name",
		    "error.field.required");
	else if ((rc = child_check(s, reg->child)) != SVC_OK)
		return rc;
	d.reg = reg;
	d.version = reg->version;
	if ((rc = svc_tx(s, register_tx, &d)) != SVC_OK)
		return rc;
	if (case_id != NULL)
		*case_id = d.case_id;
	if (number != NULL)
		*number = d.number;
	return SVC_OK;
}
