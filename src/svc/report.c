/*
 * report.c — donor projects, beneficiary reports, periodic report
 * schedules and the audit of exports (svc layer). See report.h. The
 * figures come from the grants (0014_grant.sql) and training
 * (0016_training.sql) records through the queries of queries_report.h;
 * nothing here knows HTML or HTTP.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../i18n/i18n.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "consent.h"
#include "grant.h"
#include "report.h"
#include "training.h"

const char *const report_target_kinds[] = { "children", "child_category",
	"professionals", "profile", "organisations", "amount", NULL };
const char *const report_kinds[] = { "monthly", "quarterly", NULL };
static const char *const report_formats[] = { "csv", "xlsx", "pdf", NULL };
static const char *const countries[] = { "XK", "AL", NULL };

#define PROJECTS_MAX	500
#define TARGETS_MAX	64
#define GRANTS_MAX	500
#define SCHEDS_MAX	200
#define MUNIS_MAX	128

/* ---------------------------------------------------------------- helpers */



static const char *
t(struct svc *s, const char *key)
{
	return i18n_get(s->actor ? s->actor->lang : LANG_SQ, key);
}

/* The label of code under prefix ("rpt.cat"), or the code itself. */
static const char *
label(struct svc *s, const char *prefix, const char *code)
{
	const char *k = arena_printf(s->a, "%s.%s", prefix, code);

	return k && i18n_has(k) ? t(s, k) : code;
}

static int
may_read(const struct actor *a)
{
	return authz_allows(a, PERM_INDICATORS_READ, NULL) ||
	    authz_allows(a, PERM_GRANTS_WRITE, NULL) ||
	    authz_allows(a, PERM_DONOR_READ, NULL);
}

static int
country_ok(const struct actor *a, const char *country)
{
	return a->country == NULL || strcmp(a->country, country) == 0;
}

/* ---------------------------------------------------------------- projects */

static int
project_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct project_info *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->country = cm_dup(l->a, r, 1);
	p->name = cm_dup(l->a, r, 2);
	p->donor_id = srow_int(r, 3);
	p->donor = cm_dup(l->a, r, 4);
	p->start = cm_dup(l->a, r, 5);
	p->end = cm_dup(l->a, r, 6);
	p->version = srow_int(r, 7);
	p->ngrants = srow_int(r, 8);
	p->nprogrammes = srow_int(r, 9);
	return 0;
}

struct project_args {
	const struct project_new	*n;
	const char			*start, *end;
	int64_t				 donor, id;
};

static enum svc_rc
project_tx(struct svc *s, void *arg)
{
	struct project_args *a = arg;
	struct sp p[] = { sp_text(a->n->country), sp_text(a->n->name),
		sp_id(a->donor), sp_text(a->start), sp_text(a->end),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_RP_PROJECT_INSERT, p, 7, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "name",
			    "rpt.err.project_exists");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "report.project.create", "project", a->id,
	    arena_printf(s->a, "country=%s", a->n->country));
}

/* A positive decimal id in text ("" and NULL: 0). -1 when malformed. */
static int64_t
parse_id(const char *v)
{
	char *end;
	long long x;

	if (v == NULL || *v == '\0')
		return 0;
	if (*v < '1' || *v > '9' || strlen(v) > 18)
		return -1;
	x = strtoll(v, &end, 10);
	return *end == '\0' && x > 0 ? x : -1;
}

enum svc_rc
report_project_create(struct svc *s, const struct project_new *n,
    int64_t *id)
{
	struct project_args a;
	struct sp p[1];
	int64_t found = 0;
	enum store_rc src;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_GRANTS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	memset(&a, 0, sizeof(a));
	if ((rc = cm_text(s, "name", n->name, REPORT_NAME_MAX, 1, 0)) !=
	    SVC_OK)
		return rc;
	if (!svc_in_set(countries, n->country))
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if (!country_ok(s->actor, n->country))
		return svc_fail(s, SVC_INVALID, "country", "rpt.err.country");
	if ((rc = grant_day(s, "start", n->start, &a.start)) != SVC_OK ||
	    (rc = grant_day(s, "end", n->end, &a.end)) != SVC_OK)
		return rc;
	if (strcmp(a.end, a.start) < 0)
		return svc_fail(s, SVC_INVALID, "end", "rpt.err.end_before");
	if ((a.donor = parse_id(n->donor)) < 0)
		return svc_fail(s, SVC_INVALID, "donor", "error.field.choice");
	if (a.donor > 0) {
		p[0] = sp_int(a.donor);
		if ((src = store_exec(s->st, Q_RP_DONOR_GET, p, 1, store_cb_int,
		    &found, NULL)) != STORE_OK)
			return cm_unavailable(s, src);
		if (found == 0)
			return svc_fail(s, SVC_INVALID, "donor",
			    "rpt.err.no_donor");
	}
	a.n = n;
	if ((rc = svc_tx(s, project_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
report_projects(struct svc *s, struct project_info **out, size_t *n)
{
	struct avec l;
	struct sp p[1];
	enum store_rc rc;

	if (!may_read(s->actor))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	avec_init(&l, s->a, sizeof(struct project_info), PROJECTS_MAX);
	p[0] = sp_text(s->actor->country);
	if ((rc = store_exec(s->st, Q_RP_PROJECTS, p, 1, project_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	/* A donor's user: the projects of their donor's grants only. */
	if (authz_allows(s->actor, PERM_DONOR_READ, NULL)) {
		size_t i, k = 0;

		for (i = 0; i < l.n; i++)
			if (grant_donor_sees_project(s, (*out)[i].id))
				(*out)[k++] = (*out)[i];
		*n = k;
	}
	return SVC_OK;
}

enum svc_rc
report_project_get(struct svc *s, int64_t id, struct project_info **out)
{
	struct avec l;
	struct sp p[1];
	enum store_rc rc;
	struct project_info *pi;

	if (!may_read(s->actor))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	avec_init(&l, s->a, sizeof(struct project_info), 1);
	p[0] = sp_int(id);
	if ((rc = store_exec(s->st, Q_RP_PROJECT_GET, p, 1, project_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	pi = l.v;
	if (!country_ok(s->actor, pi->country) ||
	    (authz_allows(s->actor, PERM_DONOR_READ, NULL) &&
	    !grant_donor_sees_project(s, id))) {
		(void)audit_record_tx(s->st, s->actor, NULL,
		    "report.project.denied", "project", id, "");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	*out = pi;
	return SVC_OK;
}

/* The project id for a write: it exists, in the actor's country. */
static enum svc_rc
project_for_write(struct svc *s, int64_t id, struct project_info **p)
{
	if (!authz_allows(s->actor, PERM_GRANTS_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return report_project_get(s, id, p);
}

struct target_args {
	int64_t		 project, target;
	const char	*kind, *key;
};

static enum svc_rc
target_tx(struct svc *s, void *arg)
{
	struct target_args *a = arg;
	struct sp p[] = { sp_int(a->project), sp_text(a->kind),
		sp_text(a->key), sp_int(a->target), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_RP_TARGET_PUT, p, 6, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "report.target.set", "project", a->project,
	    arena_printf(s->a, "kind=%s key=%s target=%" PRId64, a->kind,
	    a->key, a->target));
}

/* A whole number of at most 12 digits, or -1. */
static int64_t
parse_count(const char *v)
{
	char *end;
	long long x;

	if (v == NULL || *v == '\0' || strlen(v) > 12 || *v == '-' ||
	    *v == '+' || *v == ' ')
		return -1;
	x = strtoll(v, &end, 10);
	return *end == '\0' && x >= 0 ? x : -1;
}

enum svc_rc
report_target_set(struct svc *s, int64_t project, const char *kind,
    const char *key, const char *target)
{
	struct target_args a;
	struct project_info *p;
	const char *e;
	enum svc_rc rc;

	if ((rc = project_for_write(s, project, &p)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.project = project;
	if (!svc_in_set(report_target_kinds, kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	a.kind = kind;
	a.key = svc_nz(key);
	if (strcmp(kind, "child_category") == 0) {
		if (!svc_in_set(grant_categories, a.key))
			return svc_fail(s, SVC_INVALID, "key",
			    "rpt.err.key_category");
	} else if (strcmp(kind, "profile") == 0) {
		if (!svc_in_set(training_profiles, a.key))
			return svc_fail(s, SVC_INVALID, "key",
			    "rpt.err.key_profile");
	} else if (*a.key != '\0')
		return svc_fail(s, SVC_INVALID, "key", "rpt.err.key_none");
	if (strcmp(kind, "amount") == 0) {
		if ((e = grant_amount_parse(target, REPORT_TARGET_MAX,
		    &a.target)) != NULL)
			return svc_fail(s, SVC_INVALID, "target", e);
	} else if ((a.target = parse_count(target)) < 0)
		return svc_fail(s, SVC_INVALID, "target", "rpt.err.target");
	return svc_tx(s, target_tx, &a);
}

struct link_args {
	int64_t		 project, other;
	enum qid	 q;
	const char	*action;
};

static enum svc_rc
link_tx(struct svc *s, void *arg)
{
	struct link_args *a = arg;
	struct sp p[] = { sp_int(a->project), sp_int(a->other) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, a->q, p, 2, NULL, NULL, NULL)) !=
	    STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, NULL,
			    "rpt.err.linked");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, a->action, "project", a->project,
	    arena_printf(s->a, "id=%" PRId64, a->other));
}

struct country_row {
	int64_t		 id;
	const char	*country;
	struct arena	*a;
};

static int
country_cb(void *arg, const struct store_row *r)
{
	struct country_row *c = arg;

	c->id = srow_int(r, 0);
	c->country = cm_dup(c->a, r, srow_cols(r) - 1);
	return 1;
}

static enum svc_rc
link(struct svc *s, int64_t project, int64_t other, enum qid get,
    enum qid ins, const char *field, const char *action)
{
	struct project_info *p;
	struct country_row c = { 0, NULL, s->a };
	struct link_args a = { project, other, ins, action };
	struct sp q[1];
	enum store_rc src;
	enum svc_rc rc;

	if ((rc = project_for_write(s, project, &p)) != SVC_OK)
		return rc;
	q[0] = sp_int(other);
	if ((src = store_exec(s->st, get, q, 1, country_cb, &c, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, src);
	if (c.id == 0)
		return svc_fail(s, SVC_INVALID, field, "rpt.err.unknown");
	/* A grantee or programme of another country is not the project's. */
	if (c.country != NULL && *c.country != '\0' &&
	    strcmp(c.country, p->country) != 0)
		return svc_fail(s, SVC_INVALID, field, "rpt.err.other_country");
	return svc_tx(s, link_tx, &a);
}

enum svc_rc
report_grant_link(struct svc *s, int64_t project, int64_t grant)
{
	return link(s, project, grant, Q_RP_GRANT_GET, Q_RP_GRANT_LINK,
	    "grant", "report.project.grant");
}

enum svc_rc
report_programme_link(struct svc *s, int64_t project, int64_t programme)
{
	return link(s, project, programme, Q_RP_PROGRAMME_GET,
	    Q_RP_PROGRAMME_LINK, "programme", "report.project.programme");
}

/* ------------------------------------------------------------ suppression */

void
report_suppress(struct rt_table *tb, const int *count_cols, int sums)
{
	size_t i, j, rows, k, nsup;
	ssize_t best;

	rows = tb->has_total && tb->nrows > 0 ? tb->nrows - 1 : tb->nrows;
	for (j = 0; j < tb->ncols; j++) {
		if (!count_cols[j])
			continue;
		nsup = 0;
		for (i = 0; i < tb->nrows; i++) {
			struct rt_cell *c = rt_at(tb, i, j);

			if (!c->missing && c->v >= 1 && c->v <= 4) {
				c->suppressed = 1;
				if (i < rows)
					nsup++;
			}
		}
		if (!sums || nsup != 1)
			continue;
		/* One suppressed cell could be recovered from the total:
		 * hide the smallest other non-zero cell of the column. */
		best = -1;
		for (k = 0; k < rows; k++) {
			struct rt_cell *c = rt_at(tb, k, j);

			if (c->suppressed || c->missing || c->v == 0)
				continue;
			if (best < 0 || c->v < rt_at(tb, (size_t)best, j)->v)
				best = (ssize_t)k;
		}
		if (best >= 0)
			rt_at(tb, (size_t)best, j)->suppressed = 1;
		else if (tb->has_total)
			rt_at(tb, rows, j)->suppressed = 1;
	}
	/* Shares computed from a suppressed count. */
	for (i = 0; i < tb->nrows; i++) {
		int hidden = 0;

		for (j = 0; j < tb->ncols; j++)
			if (count_cols[j] && rt_at(tb, i, j)->suppressed)
				hidden = 1;
		for (j = 0; hidden && j < tb->ncols; j++)
			if (tb->colkinds[j] == RT_PERMILLE)
				rt_at(tb, i, j)->suppressed = 1;
	}
}

/* ---------------------------------------------------- beneficiary report */

struct kv {
	const char	*key;
	int64_t		 v;
};

struct kvl {
	struct arena	*a;
	struct kv	 v[64];
	size_t		 n;
};

static int
kv_cb(void *arg, const struct store_row *r)
{
	struct kvl *l = arg;

	if (l->n == sizeof(l->v) / sizeof(l->v[0]))
		return 1;
	l->v[l->n].key = cm_dup(l->a, r, 0);
	l->v[l->n].v = srow_int(r, srow_cols(r) - 1);
	l->n++;
	return 0;
}

static int64_t
kv_get(const struct kvl *l, const char *key, int *found)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0) {
			if (found)
				*found = 1;
			return l->v[i].v;
		}
	if (found)
		*found = 0;
	return 0;
}

/* The target key for kind/key in targets ("kind/key"). */
static int64_t
target_of(const struct kvl *tg, struct arena *a, const char *kind,
    const char *key, int *found)
{
	const char *k = arena_printf(a, "%s/%s", kind, key);

	return k ? kv_get(tg, k, found) : (*found = 0, 0);
}

struct target_list {
	struct kvl	*l;
};

static int
targets_cb(void *arg, const struct store_row *r)
{
	struct kvl *l = arg;

	if (l->n == sizeof(l->v) / sizeof(l->v[0]))
		return 1;
	l->v[l->n].key = arena_printf(l->a, "%s/%s", srow_text(r, 0),
	    srow_text(r, 1));
	l->v[l->n].v = srow_int(r, 2);
	l->n++;
	return 0;
}

static enum svc_rc
table_init(struct svc *s, struct rt_table *tb, size_t ncols, size_t nrows,
    const char *title_key, const char *const *col_keys,
    const enum rt_kind *kinds)
{
	const char **names;
	size_t j;

	memset(tb, 0, sizeof(*tb));
	if ((names = arena_zalloc(s->a, ncols * sizeof(*names))) == NULL ||
	    (tb->cells = arena_zalloc(s->a, (nrows ? nrows : 1) * ncols *
	    sizeof(*tb->cells))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (j = 0; j < ncols; j++)
		names[j] = t(s, col_keys[j]);
	tb->title = t(s, title_key);
	tb->definition = "";
	tb->note = "";
	tb->ncols = ncols;
	tb->nrows = nrows;
	tb->colnames = names;
	tb->colkinds = kinds;
	return SVC_OK;
}

/* count / target as permille, or missing without a target. */
static void
share(struct rt_cell *c, int64_t count, int64_t target, int has_target)
{
	if (!has_target || target <= 0) {
		c->missing = 1;
		return;
	}
	c->v = count * 1000 / target;
}

static void
target_cell(struct rt_cell *c, int64_t target, int has)
{
	c->v = target;
	c->missing = !has;
}

static const enum rt_kind count_kinds[] = { RT_TEXT, RT_INT, RT_INT,
	RT_PERMILLE };
static const enum rt_kind grant_kinds_rt[] = { RT_TEXT, RT_TEXT, RT_CENTS,
	RT_INT, RT_INT };

static enum svc_rc
count_table(struct svc *s, struct rt_table *tb, int64_t project,
    const char *title_key, const char *count_key, enum qid total_q,
    enum qid by_q, const char *const *codes, const char *label_prefix,
    const char *total_kind, const char *kind, const struct kvl *tg,
    int sums)
{
	static const char *cols_children[] = { "rpt.col.category",
		"rpt.col.children", "rpt.col.target", "rpt.col.share" };
	static const char *cols_prof[] = { "rpt.col.profile",
		"rpt.col.professionals", "rpt.col.target", "rpt.col.share" };
	static const int counts[] = { 0, 1, 0, 0 };
	struct kvl by = { s->a, { { NULL, 0 } }, 0 };
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;
	int64_t total = 0, v, tv;
	size_t i, n;
	int has;

	for (n = 0; codes[n] != NULL; n++)
		;
	if ((rc = table_init(s, tb, 4, n + 1, title_key, strcmp(count_key,
	    "children") == 0 ? cols_children : cols_prof, count_kinds)) !=
	    SVC_OK)
		return rc;
	p[0] = sp_int(project);
	if ((src = store_exec(s->st, total_q, p, 1, store_cb_int, &total,
	    NULL)) != STORE_OK ||
	    (src = store_exec(s->st, by_q, p, 1, kv_cb, &by, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, src);
	for (i = 0; i < n; i++) {
		v = kv_get(&by, codes[i], NULL);
		tv = target_of(tg, s->a, kind, codes[i], &has);
		rt_at(tb, i, 0)->text = label(s, label_prefix, codes[i]);
		rt_at(tb, i, 1)->v = v;
		target_cell(rt_at(tb, i, 2), tv, has);
		share(rt_at(tb, i, 3), v, tv, has);
	}
	tv = target_of(tg, s->a, total_kind, "", &has);
	rt_at(tb, n, 0)->text = t(s, "rpt.total_unique");
	rt_at(tb, n, 1)->v = total;
	target_cell(rt_at(tb, n, 2), tv, has);
	share(rt_at(tb, n, 3), total, tv, has);
	tb->has_total = 1;
	report_suppress(tb, counts, sums);
	return SVC_OK;
}

struct grant_row {
	const char	*number, *grantee;
	int64_t		 amount, people, children, donor;
};

static int
grant_row_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct grant_row *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->number = cm_dup(l->a, r, 1);
	g->grantee = cm_dup(l->a, r, 2);
	g->amount = srow_int(r, 3);
	g->people = srow_int(r, 4);
	g->children = srow_int(r, 5);
	g->donor = srow_int(r, 6);
	return 0;
}

static enum svc_rc
grant_table(struct svc *s, struct rt_table *tb, int64_t project,
    const struct kvl *tg, int64_t *norgs, int64_t *amount)
{
	static const char *cols[] = { "rpt.col.organisation", "rpt.col.grant",
		"rpt.col.amount", "rpt.col.people", "rpt.col.children" };
	static const int counts[] = { 0, 0, 0, 1, 1 };
	struct grant_row *g;
	struct avec l;
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;
	int64_t sum_amount = 0, sum_people = 0, sum_children = 0, mine;
	size_t i, k, orgs = 0;
	int has;

	avec_init(&l, s->a, sizeof(struct grant_row), GRANTS_MAX);
	p[0] = sp_int(project);
	if ((src = store_exec(s->st, Q_RP_GRANTS, p, 1, grant_row_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	g = l.v;
	for (i = 0; i < l.n; i++) {	/* the organisations, before merging */
		for (k = 0; k < i; k++)
			if (strcmp(g[k].grantee, g[i].grantee) == 0)
				break;
		if (k == i)
			orgs++;
	}
	/* A donor's user sees their donor's grants one by one, and the other
	 * donors' grants in the project as one row: who else funds whom, and
	 * with how much, is not theirs to see. The totals stay whole. */
	if ((mine = grant_actor_donor(s)) > 0) {
		struct grant_row others;
		size_t nothers = 0;

		memset(&others, 0, sizeof(others));
		for (i = 0, k = 0; i < l.n; i++) {
			if (g[i].donor == mine) {
				g[k++] = g[i];
				continue;
			}
			nothers++;
			others.amount += g[i].amount;
			others.people += g[i].people;
			others.children += g[i].children;
		}
		if (nothers > 0) {
			others.grantee = arena_printf(s->a, "%s (%zu)",
			    t(s, "rpt.other_donors"), nothers);
			others.number = "";
			g[k++] = others;
		}
		l.n = k;
	}
	if ((rc = table_init(s, tb, 5, l.n + 1, "rpt.grants.title", cols,
	    grant_kinds_rt)) != SVC_OK)
		return rc;
	for (i = 0; i < l.n; i++) {
		rt_at(tb, i, 0)->text = g[i].grantee;
		rt_at(tb, i, 1)->text = g[i].number;
		rt_at(tb, i, 2)->v = g[i].amount;
		rt_at(tb, i, 3)->v = g[i].people;
		rt_at(tb, i, 4)->v = g[i].children;
		sum_amount += g[i].amount;
		/* People may be served under two grants: the sum is the
		 * sum of the grants' figures, as in the grantees' reports. */
		sum_people += g[i].people;
		sum_children += g[i].children;
	}
	rt_at(tb, l.n, 0)->text = arena_printf(s->a, "%s (%zu)",
	    t(s, "rpt.total_orgs"), orgs);
	rt_at(tb, l.n, 1)->text = "";
	rt_at(tb, l.n, 2)->v = sum_amount;
	rt_at(tb, l.n, 3)->v = sum_people;
	rt_at(tb, l.n, 4)->v = sum_children;
	tb->has_total = 1;
	report_suppress(tb, counts, 1);
	(void)target_of(tg, s->a, "organisations", "", &has);
	*norgs = (int64_t)orgs;
	*amount = sum_amount;
	return SVC_OK;
}

/* A count cell as the summary shows it. */
static const char *
fig(struct svc *s, const struct rt_cell *c)
{
	if (c->suppressed)
		return "<5";
	return arena_printf(s->a, "%" PRId64, c->v);
}

enum svc_rc
report_beneficiaries(struct svc *s, int64_t project, struct report_benef **out)
{
	struct report_benef *b;
	struct kvl tg = { s->a, { { NULL, 0 } }, 0 };
	struct sp p[1];
	enum store_rc src;
	enum svc_rc rc;
	int64_t norgs = 0, amount = 0, tv;
	const char *targets;
	int has1, has2;

	if (!authz_allows(s->actor, PERM_INDICATORS_READ, NULL) &&
	    !authz_allows(s->actor, PERM_DONOR_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((b = arena_zalloc(s->a, sizeof(*b))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if ((rc = report_project_get(s, project, &b->p)) != SVC_OK)
		return rc;
	p[0] = sp_int(project);
	if ((src = store_exec(s->st, Q_RP_TARGETS, p, 1, targets_cb, &tg,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	if ((rc = count_table(s, &b->children, project, "rpt.children.title",
	    "children", Q_RP_CHILDREN, Q_RP_CHILD_CATEGORIES,
	    grant_categories, "rpt.cat", "children", "child_category", &tg,
	    0)) != SVC_OK ||
	    (rc = count_table(s, &b->professionals, project,
	    "rpt.professionals.title", "professionals", Q_RP_PROFESSIONALS,
	    Q_RP_PROFILES, training_profiles, "rpt.prof", "professionals",
	    "profile", &tg, 1)) != SVC_OK ||
	    (rc = grant_table(s, &b->grants, project, &tg, &norgs, &amount)) !=
	    SVC_OK)
		return rc;
	b->children.note = b->professionals.note = b->grants.note =
	    arena_printf(s->a, "%s · %s – %s · %s", b->p->name, b->p->start,
	    b->p->end, t(s, "rpt.suppressed_note"));
	b->children.definition = t(s, "rpt.children.def");
	b->professionals.definition = t(s, "rpt.professionals.def");
	b->grants.definition = t(s, "rpt.grants.def");
	tv = target_of(&tg, s->a, "organisations", "", &has1);
	targets = has1 ? arena_printf(s->a, " (%s %" PRId64 ")",
	    t(s, "rpt.col.target"), tv) : "";
	(void)target_of(&tg, s->a, "amount", "", &has2);
	b->summary = arena_printf(s->a, "%s: %s %s, %s %s; %" PRId64 " %s%s.",
	    b->p->name,
	    fig(s, rt_at(&b->children, b->children.nrows - 1, 1)),
	    t(s, "rpt.summary.children"),
	    fig(s, rt_at(&b->professionals, b->professionals.nrows - 1, 1)),
	    t(s, "rpt.summary.professionals"), norgs,
	    t(s, "rpt.summary.organisations"), targets);
	if (b->summary == NULL || b->children.note == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	(void)amount;
	*out = b;
	return SVC_OK;
}

/* ---------------------------------------------------------------- exports */

enum svc_rc
report_export_audit(struct svc *s, const char *what, int64_t object_id,
    const char *format, int personal, size_t rows)
{
	const char *d;
	enum store_rc rc;

	d = arena_printf(s->a, "what=%s rows=%zu personal=%d", what, rows,
	    personal);
	if (personal && !authz_allows(s->actor, PERM_EXPORT_PERSONAL, NULL)) {
		(void)audit_record_tx(s->st, s->actor, NULL, "export.denied",
		    what, object_id, d ? d : "");
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	}
	if ((rc = audit_record_tx(s->st, s->actor, NULL, arena_printf(s->a,
	    "export.%s", format), what, object_id, d ? d : "")) != STORE_OK)
		return cm_unavailable(s, rc);
	return SVC_OK;
}

/* ------------------------------------------------------- periodic reports */

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int
report_period_days(struct arena *a, const char *kind, const char *period,
    const char **from, const char **to)
{
	int y, m, q, n = 0;

	if (kind == NULL || period == NULL)
		return -1;
	if (strcmp(kind, "monthly") == 0) {
		if (strlen(period) != 7 || sscanf(period, "%4d-%2d%n", &y, &m,
		    &n) != 2 || n != 7 || period[4] != '-' || y < 1990 ||
		    y > 2100 || m < 1 || m > 12)
			return -1;
		*from = arena_printf(a, "%04d-%02d-01", y, m);
		*to = arena_printf(a, "%04d-%02d-%02d", y, m,
		    days_in_month(y, m));
	} else if (strcmp(kind, "quarterly") == 0) {
		if (strlen(period) != 7 || sscanf(period, "%4d-Q%1d%n", &y, &q,
		    &n) != 2 || n != 7 || y < 1990 || y > 2100 || q < 1 ||
		    q > 4)
			return -1;
		*from = arena_printf(a, "%04d-%02d-01", y, q * 3 - 2);
		*to = arena_printf(a, "%04d-%02d-%02d", y, q * 3,
		    days_in_month(y, q * 3));
	} else
		return -1;
	return *from && *to ? 0 : -1;
}

const char *
report_period_last(struct arena *a, const char *kind, const char *today)
{
	int y, m, q;

	if (today == NULL || sscanf(today, "%4d-%2d", &y, &m) != 2)
		return NULL;
	if (strcmp(kind, "monthly") == 0) {
		if (--m == 0) {
			m = 12;
			y--;
		}
		return arena_printf(a, "%04d-%02d", y, m);
	}
	q = (m - 1) / 3;	/* the current quarter, 0-based */
	if (q == 0) {
		q = 4;
		y--;
	}
	return arena_printf(a, "%04d-Q%d", y, q);
}

static int
muni_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct report_muni *m;

	if ((m = avec_next(l)) == NULL)
		return 1;
	m->id = srow_int(r, 0);
	m->code = cm_dup(l->a, r, 1);
	m->name = cm_dup(l->a, r, 2);
	return 0;
}

enum svc_rc
report_municipalities(struct svc *s, const char *country,
    struct report_muni **out, size_t *n)
{
	struct avec l;
	struct sp p[1];
	enum store_rc rc;

	avec_init(&l, s->a, sizeof(struct report_muni), MUNIS_MAX);
	p[0] = sp_text(country);
	if ((rc = store_exec(s->st, Q_RP_MUNIS, p, 1, muni_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct muni_one {
	struct report_muni	*m;
	const char		*country;
	struct arena		*a;
	int			 found;
};

static int
muni_one_cb(void *arg, const struct store_row *r)
{
	struct muni_one *o = arg;

	o->m->id = srow_int(r, 0);
	o->m->code = cm_dup(o->a, r, 1);
	o->m->name = cm_dup(o->a, r, 2);
	o->country = cm_dup(o->a, r, 3);
	o->found = 1;
	return 1;
}

enum svc_rc
report_municipality(struct svc *s, const char *code, struct report_muni *m,
    const char **country)
{
	struct muni_one o = { m, NULL, s->a, 0 };
	struct sp p[1];
	enum store_rc rc;

	p[0] = sp_text(code);
	if ((rc = store_exec(s->st, Q_RP_MUNI_BY_CODE, p, 1, muni_one_cb, &o,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (!o.found)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "rpt.err.municipality");
	if (country)
		*country = o.country;
	return SVC_OK;
}

struct sched_args {
	const char	*kind, *country, *format;
	int64_t		 muni, id;
};

static enum svc_rc
sched_tx(struct svc *s, void *arg)
{
	struct sched_args *a = arg;
	struct sp p[] = { sp_text(a->kind), sp_text(a->country),
		sp_id(a->muni), sp_text(a->format), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_RP_SCHED_INSERT, p, 6, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "report.schedule.add", "report_schedule", a->id,
	    arena_printf(s->a, "kind=%s format=%s", a->kind, a->format));
}

enum svc_rc
report_schedule_add(struct svc *s, const char *kind, const char *country,
    const char *municipality_code, const char *format, int64_t *id)
{
	struct sched_args a;
	struct report_muni m;
	const char *mc = NULL;
	enum svc_rc rc;

	memset(&a, 0, sizeof(a));
	if (!svc_in_set(report_kinds, kind))
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (!svc_in_set(report_formats, format))
		return svc_fail(s, SVC_INVALID, "format", "error.field.choice");
	if (municipality_code != NULL && *municipality_code != '\0') {
		if ((rc = report_municipality(s, municipality_code, &m, &mc)) !=
		    SVC_OK)
			return rc;
		a.muni = m.id;
		if (country == NULL || *country == '\0')
			country = mc;
		else if (strcmp(country, mc) != 0)
			return svc_fail(s, SVC_INVALID, "municipality",
			    "rpt.err.other_country");
	}
	if (!svc_in_set(countries, country))
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if (strcmp(kind, "quarterly") == 0 && a.muni != 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "rpt.err.quarterly_country");
	a.kind = kind;
	a.country = country;
	a.format = format;
	if ((rc = svc_tx(s, sched_tx, &a)) != SVC_OK)
		return rc;
	if (id)
		*id = a.id;
	return SVC_OK;
}

static int
sched_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct report_sched *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->kind = cm_dup(l->a, r, 1);
	x->country = cm_dup(l->a, r, 2);
	x->municipality_id = srow_null(r, 3) ? 0 : srow_int(r, 3);
	x->municipality = cm_dup(l->a, r, 4);
	x->format = cm_dup(l->a, r, 5);
	x->active = (int)srow_int(r, 6);
	x->last_period = cm_dup(l->a, r, 7);
	return 0;
}

enum svc_rc
report_schedules(struct svc *s, struct report_sched **out, size_t *n)
{
	struct avec l;
	enum store_rc rc;

	avec_init(&l, s->a, sizeof(struct report_sched), SCHEDS_MAX);
	if ((rc = store_exec(s->st, Q_RP_SCHEDS, NULL, 0, sched_cb, &l,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct run_args {
	int64_t		 schedule, muni, id;
	const char	*kind, *period, *format, *path;
	size_t		 rows, bytes;
};

static enum svc_rc
run_tx(struct svc *s, void *arg)
{
	struct run_args *a = arg;
	struct sp p[] = { sp_id(a->schedule), sp_text(a->kind),
		sp_text(a->period), sp_id(a->muni), sp_text(a->format),
		sp_text(a->path), sp_int((int64_t)a->rows),
		sp_int((int64_t)a->bytes), sp_int(s->actor->id),
		sp_int(clock_now()) };
	struct sp q[] = { sp_int(a->schedule), sp_text(a->period) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_RP_RUN_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (a->schedule > 0 && (rc = store_exec(s->st, Q_RP_SCHED_DONE, q, 2,
	    NULL, NULL, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "report.run", "report_run", a->id,
	    arena_printf(s->a, "kind=%s period=%s format=%s rows=%zu",
	    a->kind, a->period, a->format, a->rows));
}

enum svc_rc
report_run_record(struct svc *s, int64_t schedule, const char *kind,
    const char *period, int64_t municipality_id, const char *format,
    const char *path, size_t rows, size_t bytes)
{
	struct run_args a = { schedule, municipality_id, 0, kind, period,
		format, path, rows, bytes };

	return svc_tx(s, run_tx, &a);
}
