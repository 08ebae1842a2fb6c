/*
 * plan.c — the Individual Protection Plan of a case (svc layer): versions,
 * goals and actions, submission, approval and return. See plan.h. Each
 * write runs as one operation (struct op) inside svc_tx(): the case's
 * plans are read in the transaction, the rule checked, the case version
 * moved (case_change_in_tx()), then the plan's rows, the timeline event
 * and the audit row.
 */
#include <stdio.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "assessment.h"
#include "case.h"
#include "child.h"
#include "deadline.h"
#include "plan.h"

const char *const plan_measures[] = { "none", "family_supervision",
	"alternative_care", "emergency_placement", NULL };
const char *const plan_parents_codes[] = { "agreed", "refused", "not_asked",
	NULL };
const char *const plan_child_codes[] = { "participated", "views_recorded",
	"not_appropriate", NULL };
const char *const plan_action_statuses[] = { "open", "done", NULL };

/* ---------------------------------------------------------------- reading */

struct plan_row {
	struct plan_info	 p;
	int64_t			 submitted_by;
};

static int
plan_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct plan_row *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->p.id = srow_int(r, 0);
	k->p.number = (int)srow_int(r, 1);
	k->p.status = cw_dup(l->a, r, 2);
	k->p.measure = cw_dup(l->a, r, 3);
	k->p.review_on = cw_dup(l->a, r, 4);
	k->p.parents = cw_dup(l->a, r, 5);
	k->p.parents_reason = cw_dup(l->a, r, 6);
	k->p.child_part = cw_dup(l->a, r, 7);
	k->p.child_note = cw_dup(l->a, r, 8);
	k->p.return_note = cw_dup(l->a, r, 9);
	k->p.author = cw_dup(l->a, r, 10);
	k->p.created_at = srow_int(r, 11);
	k->p.updated_at = srow_int(r, 12);
	k->p.submitted_at = srow_int(r, 13);
	k->p.submitted_by = cw_dup(l->a, r, 14);
	k->p.decided_at = srow_int(r, 15);
	k->p.decided_by = cw_dup(l->a, r, 16);
	k->p.superseded_at = srow_int(r, 17);
	k->submitted_by = srow_int(r, 18);
	return 0;
}

static int
goal_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct plan_goal_info *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->text = cw_dup(l->a, r, 2);
	return 0;
}

static int
action_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct plan_action_info *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->what = cw_dup(l->a, r, 1);
	x->agency_id = srow_int(r, 2);
	x->agency_name = cw_dup(l->a, r, 3);
	x->institution = cw_dup(l->a, r, 4);
	x->person = cw_dup(l->a, r, 5);
	x->service = cw_dup(l->a, r, 6);
	x->due_on = cw_dup(l->a, r, 7);
	x->status = cw_dup(l->a, r, 8);
	x->done_at = srow_int(r, 9);
	return 0;
}

/* The plans of a case with their goals and actions, newest first. */
static enum svc_rc
load(struct svc *s, int64_t case_id, struct plan_row **out, size_t *n)
{
	struct avec l, lg, la;
	struct plan_row *v;
	enum store_rc rc;
	size_t i;
	struct sp p[] = { sp_int(case_id) };

	avec_init(&l, s->a, sizeof(*v), 1000);
	if ((rc = store_exec(s->st, Q_PLAN_LIST, p, 1, plan_cb, &l, NULL)) !=
	    STORE_OK)
		return cw_unavailable(s, rc);
	v = l.v;
	for (i = 0; i < l.n; i++) {
		struct sp pp[] = { sp_int(v[i].p.id) };

		avec_init(&lg, s->a, sizeof(*v[i].p.goals), PLAN_GOALS_MAX * 2);
		avec_init(&la, s->a, sizeof(*v[i].p.actions),
		    PLAN_ACTIONS_MAX * 2);
		if ((rc = store_exec(s->st, Q_PLAN_GOALS, pp, 1, goal_cb, &lg,
		    NULL)) != STORE_OK ||
		    (rc = store_exec(s->st, Q_PLAN_ACTIONS, pp, 1, action_cb,
		    &la, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
		if (lg.oom || la.oom)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
		v[i].p.goals = lg.v;
		v[i].p.ngoals = lg.n;
		v[i].p.actions = la.v;
		v[i].p.nactions = la.n;
	}
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
plan_list(struct svc *s, int64_t case_id, struct plan_info **out, size_t *n)
{
	struct plan_row *v;
	struct plan_info *p;
	size_t i, nv;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = load(s, case_id, &v, &nv)) != SVC_OK)
		return rc;
	if (nv == 0)
		return SVC_OK;
	if ((p = arena_zalloc(s->a, nv * sizeof(*p))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < nv; i++)
		p[i] = v[i].p;
	*out = p;
	*n = nv;
	return SVC_OK;
}

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct plan_agency *g;

	if ((g = avec_next(l)) == NULL)
		return 1;
	g->id = srow_int(r, 0);
	g->name = cw_dup(l->a, r, 1);
	g->type = cw_dup(l->a, r, 2);
	return 0;
}

enum svc_rc
plan_agencies(struct svc *s, const struct case_info *c,
    struct plan_agency **out, size_t *n)
{
	struct avec l;
	enum store_rc rc;
	struct sp p[] = { sp_int(c->municipality_id), sp_text(c->country) };

	avec_init(&l, s->a, sizeof(**out), 2000);
	if ((rc = store_exec(s->st, Q_CW_AGENCIES, p, 2, agency_cb, &l,
	    NULL)) != STORE_OK)
		return cw_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- checks */

/*
 * A date of a plan (dd.mm.yyyy or yyyy-mm-dd) into iso: SVC_INVALID naming
 * field when it is no date, before the day the case was opened, or more
 * than PLAN_DATE_YEARS years from today.
 */
static enum svc_rc
plan_date(struct svc *s, const struct case_info *c, const char *field,
    const char *d, char iso[11])
{
	char b[32];
	int64_t t, opened;

	if (child_iso_date(d, iso) != 0 || clock_parse_date(iso, &t) != 0)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	clock_format(c->opened_at, 0, b, sizeof(b));
	if (clock_parse_date(b, &opened) != 0)
		return svc_fail(s, SVC_ERROR, NULL, "error.unavailable");
	if (t < opened)
		return svc_fail(s, SVC_INVALID, field, "plan.date_before_opening");
	if (t > clock_now() + (int64_t)PLAN_DATE_YEARS * 366 * 86400)
		return svc_fail(s, SVC_INVALID, field, "error.field.range");
	return SVC_OK;
}

/* The goals of a text, one a line, blank lines skipped. */
static enum svc_rc
goals_of(struct svc *s, const char *text, const char ***out, size_t *n)
{
	char *copy, *line, *next, *e;
	const char **v;
	enum svc_rc rc;

	*n = 0;
	if ((rc = cw_text(s, "goals", text, PLAN_GOALS_TEXT_MAX, 1)) != SVC_OK)
		return rc;
	if ((copy = arena_strdup(s->a, svc_nz(text))) == NULL ||
	    (v = arena_zalloc(s->a, (PLAN_GOALS_MAX + 1) * sizeof(*v))) ==
	    NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		for (e = line + strlen(line); e > line && (e[-1] == ' ' ||
		    e[-1] == '\t' || e[-1] == '\r'); )
			*--e = '\0';
		if (*line == '\0')
			continue;
		if (*n == PLAN_GOALS_MAX)
			return svc_fail(s, SVC_INVALID, "goals",
			    "plan.goals_toomany");
		if ((rc = cw_text(s, "goals", line, PLAN_GOAL_MAX, 0)) !=
		    SVC_OK)
			return rc;
		v[(*n)++] = line;
	}
	*out = v;
	return SVC_OK;
}

/* ---------------------------------------------------------------- operations */

struct op;
typedef enum svc_rc (*op_fn)(struct svc *, struct op *);

struct op {
	struct case_info		*c;
	int64_t				 version;
	op_fn				 fn;
	/* Read in the transaction. */
	struct plan_row			*v;
	size_t				 n;
	struct plan_row			*work;	/* draft or submitted */
	struct plan_row			*active;
	/* Input of the operation. */
	const struct plan_in		*in;
	const char			**goals;
	size_t				 ngoals;
	char				 review[11];
	const struct plan_action_in	*ain;
	char				 due[11];
	int64_t				 action_id;
	const char			*status, *note;
	/* Output. */
	int64_t				 id;
	int				 number;
};

static enum svc_rc
op_tx(struct svc *s, void *arg)
{
	struct op *o = arg;
	enum svc_rc rc;
	size_t i;

	if ((rc = load(s, o->c->id, &o->v, &o->n)) != SVC_OK)
		return rc;
	o->work = o->active = NULL;
	for (i = 0; i < o->n; i++) {
		if (strcmp(o->v[i].p.status, "draft") == 0 ||
		    strcmp(o->v[i].p.status, "submitted") == 0)
			o->work = &o->v[i];
		else if (strcmp(o->v[i].p.status, "active") == 0)
			o->active = &o->v[i];
	}
	return o->fn(s, o);
}

/* The case, then the operation in its transaction: validation of the
 * input is done by the caller between op_case() and op_run(). */
static enum svc_rc
op_case(struct svc *s, struct op *o, int64_t case_id, int64_t version,
    op_fn fn)
{
	memset(o, 0, sizeof(*o));
	o->version = version;
	o->fn = fn;
	return case_for_write(s, case_id, 0, 0, &o->c);
}

static enum svc_rc
op_run(struct svc *s, struct op *o)
{
	if (o->version != o->c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	return svc_tx(s, op_tx, o);
}

/* The draft in progress, or SVC_INVALID "plan.no_draft". */
static enum svc_rc
need_draft(struct svc *s, struct op *o)
{
	if (o->work == NULL || strcmp(o->work->p.status, "draft") != 0)
		return svc_fail(s, SVC_INVALID, NULL, o->work == NULL ?
		    "plan.no_draft" : "plan.submitted");
	return SVC_OK;
}

static enum svc_rc
audit(struct svc *s, struct op *o, const char *action, const char *detail)
{
	enum store_rc rc;

	if ((rc = audit_record(s->st, s->actor, NULL, action, "case", o->c->id,
	    detail)) != STORE_OK)
		return cw_unavailable(s, rc);
	return SVC_OK;
}

/* The version moved (status may be NULL), and the timeline entry. */
static enum svc_rc
touch(struct svc *s, struct op *o, const char *status, const char *kind,
    const char *after, const char *note)
{
	enum svc_rc rc;

	if ((rc = case_change_in_tx(s, o->c, status, o->version, NULL)) !=
	    SVC_OK)
		return rc;
	return case_event_in_tx(s, o->c->id, kind, "plan", "", after, note);
}

static const char *
vnum(struct svc *s, int n)
{
	return arena_printf(s->a, "v%d", n);
}

static enum svc_rc
create_fn(struct svc *s, struct op *o)
{
	int64_t nscr = 0;
	enum store_rc rc;
	enum svc_rc src;
	const struct plan_info *from = o->active ? &o->active->p : NULL;

	if ((src = screening_count(s, o->c->id, &nscr)) != SVC_OK)
		return src;
	if (nscr == 0)
		return svc_fail(s, SVC_INVALID, NULL, "plan.no_screening");
	if (o->work != NULL)
		return svc_fail(s, SVC_INVALID, NULL, "plan.in_progress");
	o->number = o->n > 0 ? o->v[0].p.number + 1 : 1;
	if ((src = touch(s, o, NULL, from ? "plan.revision" : "plan.created",
	    vnum(s, o->number), "")) != SVC_OK)
		return src;
	{
		int64_t now = clock_now();
		struct sp p[] = { sp_int(o->c->id), sp_int(o->number),
		    sp_text(from ? from->measure : "none"),
		    sp_text(from && *from->review_on ? from->review_on : NULL),
		    sp_text(from ? from->parents : "not_asked"),
		    sp_text(from ? from->parents_reason : ""),
		    sp_text(from ? from->child_part : "not_appropriate"),
		    sp_text(from ? from->child_note : ""),
		    sp_int(s->actor->id), sp_int(now) };

		if ((rc = store_exec(s->st, Q_PLAN_INSERT, p, 10, store_cb_int,
		    &o->id, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
		if (from != NULL) {
			struct sp pg[] = { sp_int(from->id), sp_int(o->id) };
			struct sp pa[] = { sp_int(from->id), sp_int(o->id),
			    sp_int(now) };

			if ((rc = store_exec(s->st, Q_PLAN_GOALS_COPY, pg, 2,
			    NULL, NULL, NULL)) != STORE_OK ||
			    (rc = store_exec(s->st, Q_PLAN_ACTIONS_COPY, pa, 3,
			    NULL, NULL, NULL)) != STORE_OK)
				return cw_unavailable(s, rc);
		}
	}
	return audit(s, o, "plan.create", arena_printf(s->a,
	    "plan=%lld number=%d from=%lld", (long long)o->id, o->number,
	    (long long)(from ? from->id : 0)));
}

enum svc_rc
plan_create(struct svc *s, int64_t case_id, int64_t version, int *number)
{
	struct op o;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, version, create_fn)) != SVC_OK ||
	    (rc = op_run(s, &o)) != SVC_OK)
		return rc;
	if (number != NULL)
		*number = o.number;
	return SVC_OK;
}

static enum svc_rc
save_fn(struct svc *s, struct op *o)
{
	const struct plan_in *in = o->in;
	const struct plan_info *w;
	int64_t now = clock_now();
	enum store_rc rc;
	enum svc_rc src;
	size_t i;
	int refused;

	if ((src = need_draft(s, o)) != SVC_OK)
		return src;
	w = &o->work->p;
	refused = strcmp(in->parents, "refused") == 0 &&
	    strcmp(w->parents, "refused") != 0;
	if ((src = touch(s, o, NULL, "plan.saved", vnum(s, w->number), "")) !=
	    SVC_OK)
		return src;
	if (refused && (src = case_event_in_tx(s, o->c->id,
	    "plan.parents_refused", "plan", "", vnum(s, w->number), "")) !=
	    SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(w->id), sp_text(in->measure),
		    sp_text(*o->review ? o->review : NULL), sp_text(in->parents),
		    sp_text(strcmp(in->parents, "refused") == 0 ?
		    svc_nz(in->parents_reason) : ""), sp_text(in->child_part),
		    sp_text(svc_nz(in->child_note)), sp_int(now) };
		struct sp pd[] = { sp_int(w->id) };

		if ((rc = store_exec(s->st, Q_PLAN_UPDATE, p, 8, NULL, NULL,
		    NULL)) != STORE_OK ||
		    (rc = store_exec(s->st, Q_PLAN_GOALS_DELETE, pd, 1, NULL,
		    NULL, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	for (i = 0; i < o->ngoals; i++) {
		struct sp p[] = { sp_int(w->id), sp_int((int64_t)i + 1),
		    sp_text(o->goals[i]) };

		if ((rc = store_exec(s->st, Q_PLAN_GOAL_INSERT, p, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.save", arena_printf(s->a,
	    "plan=%lld goals=%zu measure=%s parents=%s child=%s",
	    (long long)w->id, o->ngoals, in->measure, in->parents,
	    in->child_part));
}

enum svc_rc
plan_save(struct svc *s, int64_t case_id, const struct plan_in *in)
{
	struct op o;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, in->version, save_fn)) != SVC_OK)
		return rc;
	if ((rc = goals_of(s, in->goals, &o.goals, &o.ngoals)) != SVC_OK)
		return rc;
	if (!svc_in_set(plan_measures, in->measure))
		return svc_fail(s, SVC_INVALID, "measure", "error.field.choice");
	if (in->review_on != NULL && *in->review_on != '\0' &&
	    (rc = plan_date(s, o.c, "review_on", in->review_on, o.review)) !=
	    SVC_OK)
		return rc;
	if (!svc_in_set(plan_parents_codes, in->parents))
		return svc_fail(s, SVC_INVALID, "parents", "error.field.choice");
	if ((rc = cw_text(s, "parents_reason", in->parents_reason,
	    PLAN_NOTE_MAX, 1)) != SVC_OK)
		return rc;
	if (strcmp(in->parents, "refused") == 0 && cw_blank(in->parents_reason))
		return svc_fail(s, SVC_INVALID, "parents_reason",
		    "plan.refusal_reason");
	if (!svc_in_set(plan_child_codes, in->child_part))
		return svc_fail(s, SVC_INVALID, "child_part",
		    "error.field.choice");
	if ((rc = cw_text(s, "child_note", in->child_note, PLAN_NOTE_MAX,
	    1)) != SVC_OK)
		return rc;
	o.in = in;
	return op_run(s, &o);
}

static enum svc_rc
action_add_fn(struct svc *s, struct op *o)
{
	const struct plan_action_in *in = o->ain;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = need_draft(s, o)) != SVC_OK)
		return src;
	if (o->work->p.nactions >= PLAN_ACTIONS_MAX)
		return svc_fail(s, SVC_INVALID, NULL, "plan.actions_toomany");
	if ((src = touch(s, o, NULL, "plan.action_added",
	    vnum(s, o->work->p.number), "")) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(o->work->p.id), sp_text(in->what),
		    sp_id(in->agency_id), sp_text(in->agency_id ? "" :
		    in->institution), sp_text(svc_nz(in->person)),
		    sp_text(svc_nz(in->service)), sp_text(o->due),
		    sp_int(clock_now()) };

		if ((rc = store_exec(s->st, Q_PLAN_ACTION_INSERT, p, 8,
		    store_cb_int, &o->id, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.action.add", arena_printf(s->a,
	    "plan=%lld action=%lld agency=%lld", (long long)o->work->p.id,
	    (long long)o->id, (long long)in->agency_id));
}

enum svc_rc
plan_action_add(struct svc *s, int64_t case_id, const struct plan_action_in *in,
    int64_t *id)
{
	struct plan_agency *g;
	struct op o;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, in->version, action_add_fn)) !=
	    SVC_OK)
		return rc;
	if (cw_blank(in->what))
		return svc_fail(s, SVC_INVALID, "what", "error.field.required");
	if ((rc = cw_text(s, "what", in->what, PLAN_LINE_MAX, 0)) != SVC_OK ||
	    (rc = cw_text(s, "institution", in->institution, PLAN_LINE_MAX,
	    0)) != SVC_OK ||
	    (rc = cw_text(s, "person", in->person, PLAN_LINE_MAX, 0)) !=
	    SVC_OK ||
	    (rc = cw_text(s, "service", in->service, PLAN_LINE_MAX, 0)) !=
	    SVC_OK)
		return rc;
	if (in->agency_id == 0 && cw_blank(in->institution))
		return svc_fail(s, SVC_INVALID, "agency",
		    "plan.responsible_required");
	if (in->agency_id != 0 && !cw_blank(in->institution))
		return svc_fail(s, SVC_INVALID, "institution",
		    "plan.responsible_one");
	if (in->agency_id != 0) {
		if ((rc = plan_agencies(s, o.c, &g, &n)) != SVC_OK)
			return rc;
		for (i = 0; i < n && g[i].id != in->agency_id; i++)
			;
		if (i == n)
			return svc_fail(s, SVC_INVALID, "agency",
			    "error.field.invalid");
	}
	if (in->due_on == NULL || *in->due_on == '\0')
		return svc_fail(s, SVC_INVALID, "due_on", "error.field.required");
	if ((rc = plan_date(s, o.c, "due_on", in->due_on, o.due)) != SVC_OK)
		return rc;
	o.ain = in;
	if ((rc = op_run(s, &o)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = o.id;
	return SVC_OK;
}

/* The action of the plan in progress (or also the active one). */
static struct plan_row *
action_plan(struct op *o, int active_too)
{
	struct plan_row *p[2] = { o->work, active_too ? o->active : NULL };
	size_t i, j;

	for (j = 0; j < 2; j++)
		for (i = 0; p[j] != NULL && i < p[j]->p.nactions; i++)
			if (p[j]->p.actions[i].id == o->action_id)
				return p[j];
	return NULL;
}

static enum svc_rc
action_remove_fn(struct svc *s, struct op *o)
{
	struct plan_row *p;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = need_draft(s, o)) != SVC_OK)
		return src;
	if ((p = action_plan(o, 0)) == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if ((src = touch(s, o, NULL, "plan.action_removed",
	    vnum(s, p->p.number), "")) != SVC_OK)
		return src;
	{
		struct sp pd[] = { sp_int(o->action_id), sp_int(p->p.id) };

		if ((rc = store_exec(s->st, Q_PLAN_ACTION_DELETE, pd, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.action.remove", arena_printf(s->a,
	    "plan=%lld action=%lld", (long long)p->p.id,
	    (long long)o->action_id));
}

enum svc_rc
plan_action_remove(struct svc *s, int64_t case_id, int64_t action_id,
    int64_t version)
{
	struct op o;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, version, action_remove_fn)) !=
	    SVC_OK)
		return rc;
	if (action_id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	o.action_id = action_id;
	return op_run(s, &o);
}

static enum svc_rc
action_set_fn(struct svc *s, struct op *o)
{
	struct plan_row *p;
	enum store_rc rc;
	enum svc_rc src;
	int done = strcmp(o->status, "done") == 0;

	if ((p = action_plan(o, 1)) == NULL)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (strcmp(p->p.status, "submitted") == 0)
		return svc_fail(s, SVC_INVALID, NULL, "plan.submitted");
	if ((src = touch(s, o, NULL, done ? "plan.action_done" :
	    "plan.action_open", vnum(s, p->p.number), "")) != SVC_OK)
		return src;
	{
		struct sp pu[] = { sp_int(o->action_id), sp_int(p->p.id),
		    sp_text(o->status), done ? sp_int(clock_now()) : sp_null() };

		if ((rc = store_exec(s->st, Q_PLAN_ACTION_STATUS, pu, 4, NULL,
		    NULL, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.action.status", arena_printf(s->a,
	    "plan=%lld action=%lld status=%s", (long long)p->p.id,
	    (long long)o->action_id, o->status));
}

enum svc_rc
plan_action_set(struct svc *s, int64_t case_id, int64_t action_id,
    const char *status, int64_t version)
{
	struct op o;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, version, action_set_fn)) != SVC_OK)
		return rc;
	if (action_id <= 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (!svc_in_set(plan_action_statuses, status))
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	o.action_id = action_id;
	o.status = status;
	return op_run(s, &o);
}

static enum svc_rc
submit_fn(struct svc *s, struct op *o)
{
	struct assessment_info *x;
	const struct plan_info *w;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = need_draft(s, o)) != SVC_OK)
		return src;
	w = &o->work->p;
	if (w->ngoals == 0)
		return svc_fail(s, SVC_INVALID, "goals", "plan.goals_required");
	if (w->nactions == 0)
		return svc_fail(s, SVC_INVALID, NULL, "plan.actions_required");
	if (*w->review_on == '\0')
		return svc_fail(s, SVC_INVALID, "review_on",
		    "plan.review_required");
	if (strcmp(o->c->risk, "medium") == 0 ||
	    strcmp(o->c->risk, "high") == 0) {
		if ((src = assessment_get(s, o->c->id, &x)) != SVC_OK)
			return src;
		if (x == NULL || strcmp(x->status, "completed") != 0)
			return svc_fail(s, SVC_INVALID, NULL,
			    "plan.assessment_required");
	}
	if ((src = touch(s, o, NULL, "plan.submitted", vnum(s, w->number),
	    "")) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(w->id), sp_int(s->actor->id),
		    sp_int(clock_now()) };

		if ((rc = store_exec(s->st, Q_PLAN_SUBMIT, p, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.submit", arena_printf(s->a,
	    "plan=%lld number=%d", (long long)w->id, w->number));
}

enum svc_rc
plan_submit(struct svc *s, int64_t case_id, int64_t version)
{
	struct op o;
	enum svc_rc rc;

	if ((rc = op_case(s, &o, case_id, version, submit_fn)) != SVC_OK)
		return rc;
	return op_run(s, &o);
}

/* The submitted version, or SVC_INVALID "plan.not_submitted". */
static enum svc_rc
need_submitted(struct svc *s, struct op *o)
{
	if (o->work == NULL || strcmp(o->work->p.status, "submitted") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "plan.not_submitted");
	return SVC_OK;
}

static enum svc_rc
approve_fn(struct svc *s, struct op *o)
{
	const struct plan_info *w;
	int64_t now = clock_now();
	enum store_rc rc;
	enum svc_rc src;
	int self;

	if ((src = need_submitted(s, o)) != SVC_OK)
		return src;
	w = &o->work->p;
	self = o->work->submitted_by == s->actor->id;
	if ((src = touch(s, o, "plan_active", "plan.approved",
	    vnum(s, w->number), self ? "self" : "")) != SVC_OK)
		return src;
	{
		struct sp ps[] = { sp_int(o->c->id), sp_int(now) };
		struct sp pa[] = { sp_int(w->id), sp_int(s->actor->id),
		    sp_int(now) };

		if ((rc = store_exec(s->st, Q_PLAN_SUPERSEDE, ps, 2, NULL, NULL,
		    NULL)) != STORE_OK ||
		    (rc = store_exec(s->st, Q_PLAN_APPROVE, pa, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	if ((src = deadline_step_done_in_tx(s, o->c->id, DL_PLAN, now)) !=
	    SVC_OK ||
	    (src = deadline_step_start_in_tx(s, o->c->id, DL_REVIEW, now)) !=
	    SVC_OK)
		return src;
	return audit(s, o, "plan.approve", arena_printf(s->a,
	    "plan=%lld number=%d superseded=%lld self=%d", (long long)w->id,
	    w->number, (long long)(o->active ? o->active->p.id : 0), self));
}

enum svc_rc
plan_approve(struct svc *s, int64_t case_id, int64_t version)
{
	struct op o;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = op_case(s, &o, case_id, version, approve_fn)) != SVC_OK)
		return rc;
	return op_run(s, &o);
}

static enum svc_rc
return_fn(struct svc *s, struct op *o)
{
	const struct plan_info *w;
	enum store_rc rc;
	enum svc_rc src;

	if ((src = need_submitted(s, o)) != SVC_OK)
		return src;
	w = &o->work->p;
	if ((src = touch(s, o, NULL, "plan.returned", vnum(s, w->number),
	    "")) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(w->id), sp_int(s->actor->id),
		    sp_int(clock_now()), sp_text(o->note) };

		if ((rc = store_exec(s->st, Q_PLAN_RETURN, p, 4, NULL, NULL,
		    NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	return audit(s, o, "plan.return", arena_printf(s->a,
	    "plan=%lld number=%d", (long long)w->id, w->number));
}

enum svc_rc
plan_return(struct svc *s, int64_t case_id, const char *note,
    int64_t version)
{
	struct op o;
	enum svc_rc rc;

	if (!authz_allows(s->actor, PERM_CASE_SUPERVISE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if ((rc = op_case(s, &o, case_id, version, return_fn)) != SVC_OK)
		return rc;
	if (cw_blank(note))
		return svc_fail(s, SVC_INVALID, "return_note",
		    "error.field.required");
	if ((rc = cw_text(s, "return_note", note, PLAN_NOTE_MAX, 1)) !=
	    SVC_OK)
		return rc;
	o.note = note;
	return op_run(s, &o);
}
