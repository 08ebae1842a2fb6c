/*
 * casework.c — the HTML side of screening, the comprehensive assessment and
 * the Individual Protection Plan (web layer): the casework section of the
 * case page (templates/case_casework.html), the screening page with its
 * history (case_screening.html), the assessment (case_assessment.html) and
 * the plan with its versions (case_plan.html), and their forms. Thin:
 * validated input -> svc/assessment.c, svc/plan.c -> templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/assessment.h"
#include "../svc/case.h"
#include "../svc/plan.h"
#include "../util/clock.h"
#include "render.h"
#include "web_cases.h"
#include "web_casework.h"

/* ---------------------------------------------------------------- helpers */

static const char *
label(struct req *r, const char *prefix, const char *code)
{
	return page_t(r, arena_printf(r->a, "%s.%s", prefix, code));
}

/* A stored yyyy-mm-dd as dd.mm.yyyy ("" stays ""). */
static const char *
day(struct req *r, const char *iso)
{
	int64_t t;

	if (iso == NULL || *iso == '\0' || clock_parse_date(iso, &t) != 0)
		return "";
	return page_date(r, t, 0);
}

/* The labels of codes, joined by ", ". */
static const char *
labels(struct req *r, const char *prefix, const struct cw_codes *c)
{
	struct buf b;
	size_t i;

	if (c->n == 0)
		return "";
	buf_init(&b, r->a);
	for (i = 0; i < c->n; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_puts(&b, label(r, prefix, c->v[i]));
	}
	return b.oom ? "" : b.p;
}

/* The value of a form field: what was posted when the form comes back
 * with an error, else the stored one. */
static const char *
val(struct req *r, const char *name, const char *stored)
{
	return r->method == M_POST ? req_str(r, name) : svc_nz(stored);
}

/* Checkboxes of a code list: { name, label, checked } with names
 * {box}_CODE and labels {prefix}.CODE; checked as posted, or in stored. */
static struct tval *
boxes(struct req *r, const char *box, const char *prefix,
    const char *const *set, const struct cw_codes *stored)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i, j;
	int on;

	for (i = 0; set[i] != NULL; i++) {
		const char *name = arena_printf(r->a, "%s_%s", box, set[i]);

		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", label(r, prefix, set[i]));
		if (r->method == M_POST)
			on = req_bool(r, name);
		else
			for (j = 0, on = 0; stored != NULL && j < stored->n; j++)
				on |= strcmp(stored->v[j], set[i]) == 0;
		if (on)
			tv_set_bool(t, "checked", 1);
		tv_push(l, t);
	}
	return l;
}

/* The checked boxes of a form as codes separated by commas. */
static const char *
checked(struct req *r, const char *box, const char *const *set)
{
	struct buf b;
	size_t i, n = 0;

	buf_init(&b, r->a);
	for (i = 0; set[i] != NULL; i++)
		if (req_bool(r, arena_printf(r->a, "%s_%s", box, set[i]))) {
			if (n++)
				buf_putc(&b, ',');
			buf_puts(&b, set[i]);
		}
	return n == 0 || b.oom ? "" : b.p;
}

/* Options of a code list, one selected. */
static struct tval *
options(struct req *r, const char *prefix, const char *const *set,
    const char *cur)
{
	struct tval *l = tv_list(r->a);
	size_t i;

	for (i = 0; set[i] != NULL; i++)
		tv_push(l, page_option(r, set[i], label(r, prefix, set[i]),
		    cur != NULL && strcmp(cur, set[i]) == 0));
	return l;
}

/* The message of a field's error, or NULL. */
static const char *
field_error(struct req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nerrors; i++)
		if (r->errors[i].field != NULL &&
		    strcmp(r->errors[i].field, name) == 0)
			return page_t(r, r->errors[i].msg);
	return NULL;
}

static int
can_write(struct req *r, const struct case_info *c)
{
	return authz_allows(r->actor, PERM_CASE_WRITE, NULL) && !case_ended(c);
}

/* The case fields every casework page shows. */
static struct tval *
case_head(struct req *r, const struct case_info *c)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", c->id);
	tv_set_str(t, "number", c->number);
	tv_set_str(t, "child", *c->child_family ? arena_printf(r->a, "%s %s",
	    c->child_given, c->child_family) : c->child_given);
	tv_set_str(t, "risk", label(r, "risk", *c->risk ? c->risk : "none"));
	if (strcmp(c->risk, "high") == 0)
		tv_set_bool(t, "risk_high", 1);
	tv_set_str(t, "status", label(r, "status", c->status));
	tv_set_int(t, "version", c->version);
	return t;
}

/* The case for a casework page (its read audited), or the error page. */
static struct case_full *
read_case(struct req *r)
{
	struct case_full *f;
	enum svc_rc rc;
	int status = r->status;

	if ((rc = case_get(&r->svc, req_param_id(r, 0), &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return NULL;
	}
	r->status = status;
	return f;
}

/* A page's data with the case and the error: conflict gives the text of
 * who changed the case. */
static struct tval *
page_of(struct req *r, const char *title, const struct case_full *f,
    const char *error)
{
	struct tval *d = page_data(r, title);

	tv_set_str(d, "title", arena_printf(r->a, "%s — %s",
	    page_t(r, title), f->c.number));
	tv_set(d, "c", case_head(r, &f->c));
	page_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	return d;
}

/*
 * After a write: the page again with the error (400, or 409 with who
 * changed the case), the failure page, or a redirect to where the form
 * came from.
 */
static void
after_write(struct req *r, enum svc_rc rc, void (*page)(struct req *,
    const char *), const char *where, const char *flash)
{
	int64_t id = req_param_id(r, 0);

	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
		    strcmp(r->svc.err.msg, "case.conflict") == 0) {
			page(r, web_case_conflict(r, id));
			return;
		}
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		page(r, NULL);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/cases/%lld%s", (long long)id,
	    where), flash);
}

/* ---------------------------------------------------------------- case page */

static void
screening_row(struct req *r, struct tval *t, const struct screening_info *k)
{
	tv_set_str(t, "at", page_date(r, k->at, 1));
	tv_set_str(t, "level", label(r, "risk", k->level));
	if (strcmp(k->level, "high") == 0)
		tv_set_bool(t, "high", 1);
	if (k->emergency)
		tv_set_bool(t, "emergency", 1);
	if (k->high_confirmed)
		tv_set_bool(t, "high_confirmed", 1);
	tv_set_str(t, "risk_factors", labels(r, "screening.risk",
	    &k->risk_factors));
	tv_set_str(t, "protective_factors", labels(r, "screening.protective",
	    &k->protective_factors));
	tv_set_str(t, "sources", labels(r, "cw.source", &k->sources));
	tv_set_str(t, "rationale", k->rationale);
	tv_set_str(t, "author", k->author);
	tv_set_str(t, "validator", k->validator);
}

/* The plan to show: the one in progress, else the active one, else the
 * newest (versions newest first). */
static const struct plan_info *
plan_current(const struct plan_info *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].status, "draft") == 0 ||
		    strcmp(v[i].status, "submitted") == 0)
			return &v[i];
	for (i = 0; i < n; i++)
		if (strcmp(v[i].status, "active") == 0)
			return &v[i];
	return n > 0 ? &v[0] : NULL;
}

/* 1 when the parents' refusal of plan p must be shown prominently: a
 * medium risk, where it triggers another measure (DOMAIN.md §3). */
static int
refusal_alert(const struct case_info *c, const struct plan_info *p)
{
	return p != NULL && strcmp(p->parents, "refused") == 0 &&
	    strcmp(c->risk, "medium") == 0 &&
	    strcmp(p->status, "superseded") != 0;
}

void
web_casework_case(struct req *r, struct tval *d, const struct case_full *f)
{
	struct svc s = r->svc;
	struct screening_info *k;
	struct assessment_info *x;
	struct plan_info *pv;
	const struct plan_info *p;
	struct tval *cw = tv_obj(r->a), *t;
	size_t n = 0, np = 0;

	if (screening_list(&s, f->c.id, 1, &k, &n) == SVC_OK && n > 0) {
		t = tv_obj(r->a);
		screening_row(r, t, &k[0]);
		tv_set(cw, "screening", t);
	}
	if (assessment_get(&s, f->c.id, &x) == SVC_OK && x != NULL) {
		t = tv_obj(r->a);
		tv_set_str(t, "status", label(r, "assessment.status",
		    x->status));
		tv_set_str(t, "updated", page_date(r, x->updated_at, 1));
		if (x->completed_at)
			tv_set_str(t, "completed", page_date(r,
			    x->completed_at, 1));
		tv_set(cw, "assessment", t);
	}
	if (strcmp(f->c.risk, "medium") == 0 || strcmp(f->c.risk, "high") == 0)
		tv_set_bool(cw, "assessment_needed", 1);
	if (plan_list(&s, f->c.id, &pv, &np) == SVC_OK &&
	    (p = plan_current(pv, np)) != NULL) {
		t = tv_obj(r->a);
		tv_set_int(t, "number", p->number);
		tv_set_str(t, "status", label(r, "plan.status", p->status));
		tv_set_str(t, "measure", label(r, "plan.measure", p->measure));
		tv_set_str(t, "review_on", day(r, p->review_on));
		tv_set_str(t, "parents", label(r, "plan.parents", p->parents));
		if (refusal_alert(&f->c, p))
			tv_set_bool(t, "refusal_alert", 1);
		tv_set(cw, "plan", t);
	}
	if (can_write(r, &f->c))
		tv_set_bool(cw, "can_write", 1);
	tv_set(d, "cw", cw);
}

/* ---------------------------------------------------------------- screening */

static void
screening_page(struct req *r, const char *error)
{
	struct case_full *f;
	struct screening_info *k = NULL;
	struct tval *d, *l, *t, *v;
	size_t n = 0, i;
	enum svc_rc rc;

	if ((f = read_case(r)) == NULL)
		return;
	d = page_of(r, "screening.title", f, error);
	if ((rc = screening_list(&r->svc, f->c.id, CW_SCREENINGS_MAX, &k,
	    &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		screening_row(r, t, &k[i]);
		tv_push(l, t);
	}
	tv_set(d, "screenings", l);
	if (can_write(r, &f->c)) {
		/* A new screening starts from the latest one's checklists. */
		const struct screening_info *last = n > 0 ? &k[0] : NULL;

		tv_set_bool(d, "can_write", 1);
		tv_set(d, "risk_boxes", boxes(r, "risk", "screening.risk",
		    cw_risk_factors, last ? &last->risk_factors : NULL));
		tv_set(d, "protective_boxes", boxes(r, "protective",
		    "screening.protective", cw_protective_factors,
		    last ? &last->protective_factors : NULL));
		tv_set(d, "source_boxes", boxes(r, "source", "cw.source",
		    cw_sources, last ? &last->sources : NULL));
		{
			static const char *const levels[] = { "low", "medium",
			    "high", NULL };

			tv_set(d, "levels", options(r, "risk", levels,
			    req_str(r, "level")));
		}
		v = tv_obj(r->a);
		tv_set_str(v, "rationale", req_str(r, "rationale"));
		if (req_bool(r, "emergency"))
			tv_set_bool(v, "emergency", 1);
		if (req_bool(r, "confirm_high"))
			tv_set_bool(v, "confirm_high", 1);
		tv_set(d, "v", v);
	}
	page_render(r, "case_screening", d);
}

void
web_cw_screening(struct req *r)
{
	screening_page(r, NULL);
}

void
web_cw_screening_create(struct req *r)
{
	struct screening_new n;

	memset(&n, 0, sizeof(n));
	n.risk_factors = checked(r, "risk", cw_risk_factors);
	n.protective_factors = checked(r, "protective", cw_protective_factors);
	n.sources = checked(r, "source", cw_sources);
	n.emergency = req_bool(r, "emergency");
	n.level = req_str(r, "level");
	n.rationale = req_str(r, "rationale");
	n.confirm_high = req_bool(r, "confirm_high");
	n.version = req_int(r, "version");
	after_write(r, screening_add(&r->svc, req_param_id(r, 0), &n, NULL),
	    screening_page, "", "flash.screening_saved");
}

/* ---------------------------------------------------------------- assessment */

static void
assessment_page(struct req *r, const char *error)
{
	struct case_full *f;
	struct assessment_info *x = NULL;
	struct tval *d, *l, *t;
	const char *e;
	int64_t nscr = 0;
	size_t i;
	enum svc_rc rc;

	if ((f = read_case(r)) == NULL)
		return;
	d = page_of(r, "assessment.title", f, error);
	if ((rc = assessment_get(&r->svc, f->c.id, &x)) != SVC_OK ||
	    (rc = screening_count(&r->svc, f->c.id, &nscr)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (nscr == 0)
		tv_set_bool(d, "no_screening", 1);
	if (strcmp(f->c.risk, "medium") == 0 || strcmp(f->c.risk, "high") == 0)
		tv_set_bool(d, "needed", 1);
	if (x != NULL) {
		t = tv_obj(r->a);
		tv_set_str(t, "status", label(r, "assessment.status",
		    x->status));
		tv_set_str(t, "updated", page_date(r, x->updated_at, 1));
		tv_set_str(t, "updated_by", x->updated_by);
		if (x->completed_at) {
			tv_set_str(t, "completed", page_date(r, x->completed_at,
			    1));
			tv_set_str(t, "completed_by", x->completed_by);
		}
		tv_set_str(t, "sources", labels(r, "cw.source", &x->sources));
		tv_set(d, "a", t);
	}
	/* The domains, each with its label, help and value. */
	l = tv_list(r->a);
	for (i = 0; i < ASM__MAX; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "name", assessment_fields[i]);
		tv_set_str(t, "label", label(r, "field", assessment_fields[i]));
		tv_set_str(t, "help", label(r, "assessment.help",
		    assessment_fields[i]));
		tv_set_str(t, "value", val(r, assessment_fields[i], x ?
		    x->text[i] : ""));
		if (i == ASM_SAFETY || i == ASM_FAMILY_CARE ||
		    i == ASM_CHILD_VIEWS || i == ASM_CONCLUSION)
			tv_set_bool(t, "required", 1);
		if ((e = field_error(r, assessment_fields[i])) != NULL)
			tv_set_str(t, "error", e);
		tv_push(l, t);
	}
	tv_set(d, "domains", l);
	if (can_write(r, &f->c) && nscr > 0 && (x == NULL ||
	    strcmp(x->status, "draft") == 0)) {
		tv_set_bool(d, "can_write", 1);
		tv_set(d, "source_boxes", boxes(r, "source", "cw.source",
		    cw_sources, x ? &x->sources : NULL));
	}
	page_render(r, "case_assessment", d);
}

void
web_cw_assessment(struct req *r)
{
	assessment_page(r, NULL);
}

void
web_cw_assessment_save(struct req *r)
{
	struct assessment_in in;
	size_t i;
	int complete = req_bool(r, "complete");

	memset(&in, 0, sizeof(in));
	for (i = 0; i < ASM__MAX; i++)
		in.text[i] = req_str(r, assessment_fields[i]);
	in.sources = checked(r, "source", cw_sources);
	in.complete = complete;
	in.version = req_int(r, "version");
	after_write(r, assessment_save(&r->svc, req_param_id(r, 0), &in),
	    assessment_page, complete ? "" : "/assessment", complete ?
	    "flash.assessment_completed" : "flash.saved");
}

/* ---------------------------------------------------------------- plan */

/* The goals of a plan, one a line, for the form. */
static const char *
goals_text(struct req *r, const struct plan_info *p)
{
	struct buf b;
	size_t i;

	if (p->ngoals == 0)
		return "";
	buf_init(&b, r->a);
	for (i = 0; i < p->ngoals; i++) {
		buf_puts(&b, p->goals[i].text);
		buf_putc(&b, '\n');
	}
	return b.oom ? "" : b.p;
}

static struct tval *
plan_tval(struct req *r, const struct case_info *c, const struct plan_info *p,
    int edit, int track)
{
	struct tval *t = tv_obj(r->a), *l, *it;
	size_t i;

	tv_set_int(t, "number", p->number);
	tv_set_str(t, "status_code", p->status);
	tv_set_str(t, "status", label(r, "plan.status", p->status));
	tv_set_str(t, "measure", label(r, "plan.measure", p->measure));
	tv_set_str(t, "review_on", day(r, p->review_on));
	tv_set_str(t, "parents", label(r, "plan.parents", p->parents));
	tv_set_str(t, "parents_reason", p->parents_reason);
	tv_set_str(t, "child_part", label(r, "plan.child", p->child_part));
	tv_set_str(t, "child_note", p->child_note);
	tv_set_str(t, "return_note", p->return_note);
	tv_set_str(t, "author", p->author);
	tv_set_str(t, "created", page_date(r, p->created_at, 1));
	if (p->submitted_at) {
		tv_set_str(t, "submitted", page_date(r, p->submitted_at, 1));
		tv_set_str(t, "submitted_by", p->submitted_by);
	}
	if (p->decided_at) {
		tv_set_str(t, "decided", page_date(r, p->decided_at, 1));
		tv_set_str(t, "decided_by", p->decided_by);
	}
	if (p->superseded_at)
		tv_set_str(t, "superseded", page_date(r, p->superseded_at, 1));
	if (strcmp(p->parents, "refused") == 0)
		tv_set_bool(t, "refused", 1);
	if (refusal_alert(c, p))
		tv_set_bool(t, "refusal_alert", 1);
	l = tv_list(r->a);
	for (i = 0; i < p->ngoals; i++)
		tv_push(l, tv_str(r->a, p->goals[i].text));
	tv_set(t, "goals", l);
	l = tv_list(r->a);
	for (i = 0; i < p->nactions; i++) {
		const struct plan_action_info *a = &p->actions[i];

		it = tv_obj(r->a);
		tv_set_int(it, "id", a->id);
		tv_set_str(it, "what", a->what);
		tv_set_str(it, "responsible", a->agency_id ? a->agency_name :
		    a->institution);
		tv_set_str(it, "person", a->person);
		tv_set_str(it, "service", a->service);
		tv_set_str(it, "due", day(r, a->due_on));
		tv_set_str(it, "status", label(r, "plan.action.status",
		    a->status));
		if (strcmp(a->status, "done") == 0)
			tv_set_bool(it, "done", 1);
		if (edit)
			tv_set_bool(it, "can_remove", 1);
		if (track)
			tv_set_bool(it, "can_track", 1);
		tv_push(l, it);
	}
	tv_set(t, "actions", l);
	return t;
}

static void
plan_page(struct req *r, const char *error)
{
	struct case_full *f;
	struct plan_info *v = NULL;
	const struct plan_info *p = NULL, *work = NULL;
	struct plan_agency *g;
	struct tval *d, *l, *t, *e;
	size_t n = 0, i, ng;
	int64_t nscr = 0, want = req_has(r, "n") ? req_int(r, "n") : 0;
	int write, supervise, edit = 0, track = 0;
	enum svc_rc rc;

	if ((f = read_case(r)) == NULL)
		return;
	d = page_of(r, "plan.title", f, error);
	if ((rc = plan_list(&r->svc, f->c.id, &v, &n)) != SVC_OK ||
	    (rc = screening_count(&r->svc, f->c.id, &nscr)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].status, "draft") == 0 ||
		    strcmp(v[i].status, "submitted") == 0)
			work = &v[i];
		if (want != 0 && v[i].number == want)
			p = &v[i];
	}
	if (want != 0 && p == NULL) {
		page_fail(r, SVC_NOTFOUND, NULL);
		return;
	}
	if (p == NULL)
		p = plan_current(v, n);
	write = can_write(r, &f->c);
	supervise = authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL) &&
	    !case_ended(&f->c);
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "number", v[i].number);
		tv_set_str(t, "status", label(r, "plan.status", v[i].status));
		if (&v[i] == p)
			tv_set_bool(t, "current", 1);
		tv_push(l, t);
	}
	tv_set(d, "versions", l);
	if (nscr == 0)
		tv_set_bool(d, "no_screening", 1);
	if (p != NULL) {
		edit = write && p == work && strcmp(p->status, "draft") == 0;
		track = write && (edit || strcmp(p->status, "active") == 0);
		tv_set(d, "p", plan_tval(r, &f->c, p, edit, track));
		if (track)
			tv_set_bool(d, "can_track", 1);
		if (edit)
			tv_set_bool(d, "can_edit", 1);
		if (supervise && p == work && strcmp(p->status, "submitted") ==
		    0)
			tv_set_bool(d, "can_decide", 1);
	}
	t = tv_obj(r->a);
	tv_set_str(t, "return_note", req_str(r, "return_note"));
	tv_set(d, "v", t);
	if (write && nscr > 0 && work == NULL)
		tv_set_bool(d, n > 0 ? "can_revise" : "can_start", 1);
	if (edit) {
		/* The forms: the stored values, or the posted ones. */
		e = tv_obj(r->a);
		tv_set_str(e, "goals", val(r, "goals", goals_text(r, p)));
		tv_set_str(e, "review_on", val(r, "review_on",
		    day(r, p->review_on)));
		tv_set_str(e, "parents_reason", val(r, "parents_reason",
		    p->parents_reason));
		tv_set_str(e, "child_note", val(r, "child_note", p->child_note));
		tv_set_str(e, "what", req_str(r, "what"));
		tv_set_str(e, "institution", req_str(r, "institution"));
		tv_set_str(e, "person", req_str(r, "person"));
		tv_set_str(e, "service", req_str(r, "service"));
		tv_set_str(e, "due_on", req_str(r, "due_on"));
		tv_set(d, "f", e);
		tv_set(d, "measures", options(r, "plan.measure", plan_measures,
		    r->method == M_POST && req_has(r, "measure") ?
		    req_str(r, "measure") : p->measure));
		tv_set(d, "parents", options(r, "plan.parents",
		    plan_parents_codes, r->method == M_POST && req_has(r,
		    "parents") ? req_str(r, "parents") : p->parents));
		tv_set(d, "child_parts", options(r, "plan.child",
		    plan_child_codes, r->method == M_POST && req_has(r,
		    "child_part") ? req_str(r, "child_part") : p->child_part));
		l = tv_list(r->a);
		tv_push(l, page_option(r, "", page_t(r, "plan.institution_named"),
		    req_int(r, "agency") == 0));
		if (plan_agencies(&r->svc, &f->c, &g, &ng) == SVC_OK)
			for (i = 0; i < ng; i++)
				tv_push(l, page_option(r, arena_printf(r->a,
				    "%lld", (long long)g[i].id), arena_printf(
				    r->a, "%s (%s)", g[i].name, label(r,
				    "agency.type", g[i].type)),
				    req_int(r, "agency") == g[i].id));
		tv_set(d, "agencies", l);
	}
	page_render(r, "case_plan", d);
}

void
web_cw_plan(struct req *r)
{
	plan_page(r, NULL);
}

void
web_cw_plan_create(struct req *r)
{
	after_write(r, plan_create(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), NULL), plan_page, "/plan",
	    "flash.plan_created");
}

void
web_cw_plan_save(struct req *r)
{
	struct plan_in in;

	memset(&in, 0, sizeof(in));
	in.goals = req_str(r, "goals");
	in.measure = req_str(r, "measure");
	in.review_on = req_str(r, "review_on");
	in.parents = req_str(r, "parents");
	in.parents_reason = req_str(r, "parents_reason");
	in.child_part = req_str(r, "child_part");
	in.child_note = req_str(r, "child_note");
	in.version = req_int(r, "version");
	after_write(r, plan_save(&r->svc, req_param_id(r, 0), &in), plan_page,
	    "/plan", "flash.saved");
}

void
web_cw_plan_action_add(struct req *r)
{
	struct plan_action_in in;

	memset(&in, 0, sizeof(in));
	in.what = req_str(r, "what");
	in.agency_id = req_int(r, "agency");
	in.institution = req_str(r, "institution");
	in.person = req_str(r, "person");
	in.service = req_str(r, "service");
	in.due_on = req_str(r, "due_on");
	in.version = req_int(r, "version");
	after_write(r, plan_action_add(&r->svc, req_param_id(r, 0), &in, NULL),
	    plan_page, "/plan", "flash.plan_action_added");
}

void
web_cw_plan_action_status(struct req *r)
{
	after_write(r, plan_action_set(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_str(r, "status"), req_int(r, "version")),
	    plan_page, "/plan", "flash.saved");
}

void
web_cw_plan_action_remove(struct req *r)
{
	after_write(r, plan_action_remove(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version")), plan_page, "/plan",
	    "flash.plan_action_removed");
}

void
web_cw_plan_submit(struct req *r)
{
	after_write(r, plan_submit(&r->svc, req_param_id(r, 0),
	    req_int(r, "version")), plan_page, "/plan", "flash.plan_submitted");
}

void
web_cw_plan_approve(struct req *r)
{
	after_write(r, plan_approve(&r->svc, req_param_id(r, 0),
	    req_int(r, "version")), plan_page, "/plan", "flash.plan_approved");
}

void
web_cw_plan_return(struct req *r)
{
	after_write(r, plan_return(&r->svc, req_param_id(r, 0),
	    req_str(r, "return_note"), req_int(r, "version")), plan_page, "/plan",
	    "flash.plan_returned");
}
