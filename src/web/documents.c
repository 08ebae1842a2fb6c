/*
 * documents.c — the case summary and the psycho-social report for court
 * (web layer): svc/document.c gives the data with the permission of reading
 * the case; one model of sections (key/value rows, a paragraph, dated
 * entries, bullets) is built here in the user's language and rendered
 * either as an HTML print view (templates doc_case_summary.html and
 * doc_court_report.html) or as a PDF (doc/pdf.h), so both show the same
 * content. Labels are translated; the data is shown as recorded.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/pdf.h"
#include "../svc/document.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "render.h"
#include "web_documents.h"

#define DOC_ROWS_MAX		24	/* rows of one section */
#define DOC_SECS_MAX		14
#define DOC_EVENTS_MAX		100	/* timeline entries in a document */

struct drow {
	const char	*k, *v;
};

/* A dated entry: a line in bold, a paragraph, a small note. */
struct ditem {
	const char	*head, *body, *note;
};

struct dsec {
	const char	*title;
	struct drow	 rows[DOC_ROWS_MAX];
	size_t		 nrows;
	const char	*text_title, *text;	/* a paragraph after the rows */
	struct ditem	*items;
	size_t		 nitems;
	const char	**bullets;
	size_t		 nbullets;
	const char	*more;		/* "N earlier entries not shown" */
	const char	*empty;		/* shown when the section has nothing */
};

struct dmodel {
	enum doc_kind	 kind;
	const char	*title, *subtitle, *intro, *header, *footer;
	const char	*number, *filename;
	struct dsec	 secs[DOC_SECS_MAX];
	size_t		 nsecs;
	int		 sign;
	const char	*role1, *name1, *role2, *name2, *date_label;
};

/* ---------------------------------------------------------- the values */

static const char *
tr(struct req *r, const char *prefix, const char *code)
{
	const char *k;

	if (code == NULL || *code == '\0')
		return "";
	k = arena_printf(r->a, "%s.%s", prefix, code);
	return k && i18n_has(k) ? page_t(r, k) : code;
}

/* "yyyy-mm-dd" as dd.mm.yyyy; anything else as it is. */
static const char *
iso_date(struct req *r, const char *s)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return s ? s : "";
	return arena_printf(r->a, "%.2s.%.2s.%.4s", s + 8, s + 5, s);
}

static const char *
join2(struct req *r, const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b ? b : "";
	if (b == NULL || *b == '\0')
		return a;
	return arena_printf(r->a, "%s %s", a, b);
}

static struct dsec *
sec(struct dmodel *m, struct req *r, const char *title_key)
{
	struct dsec *s;

	if (m->nsecs == DOC_SECS_MAX)
		return &m->secs[DOC_SECS_MAX - 1];
	s = &m->secs[m->nsecs++];
	memset(s, 0, sizeof(*s));
	s->title = arena_printf(r->a, "%zu. %s", m->nsecs, page_t(r,
	    title_key));
	return s;
}

static void
row(struct dsec *s, struct req *r, const char *key, const char *v)
{
	if (s->nrows == DOC_ROWS_MAX)
		return;
	s->rows[s->nrows].k = page_t(r, key);
	s->rows[s->nrows].v = v && *v ? v : "";
	s->nrows++;
}

/* ---------------------------------------------------------- the model */

static void
case_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct case_info *c = &d->f->c;
	struct dsec *s = sec(m, r, "doc.sec.case");
	const char *risk;

	row(s, r, "case.number", c->number);
	row(s, r, "field.agency", c->agency_name);
	row(s, r, "field.municipality", r->lang == LANG_SR ?
	    c->municipality_sr : c->municipality_sq);
	row(s, r, "case.opened", page_date(r, c->opened_at, 0));
	row(s, r, "field.status", tr(r, "status", c->status));
	risk = tr(r, "risk", *c->risk ? c->risk : "none");
	if (c->risk_pending)
		risk = arena_printf(r->a, "%s (%s)", risk, page_t(r,
		    "case.risk_pending"));
	row(s, r, "case.risk", risk);
	row(s, r, "field.source", tr(r, "referrer", c->source));
	row(s, r, "case.worker", *c->worker_name ? c->worker_name :
	    page_t(r, "case.unassigned"));
	if (m->kind == DOC_SUMMARY)
		row(s, r, "field.team", c->team_name);
	if (c->emergency)
		row(s, r, "case.emergency", page_t(r, "doc.yes"));
	if (c->restricted && m->kind == DOC_SUMMARY)
		row(s, r, "case.restricted", page_t(r, "doc.yes"));
}

static void
child_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct case_info *c = &d->f->c;
	const struct child_info *ch = d->child;
	struct dsec *s = sec(m, r, "doc.sec.child");
	const char *birth, *muni;
	size_t i;

	row(s, r, "doc.child_name", join2(r, c->child_given, c->child_family));
	row(s, r, "field.parent_name", c->child_parent);
	birth = iso_date(r, c->child_birth_date);
	if (*birth && c->birth_estimated)
		birth = arena_printf(r->a, "%s (%s)", birth, page_t(r,
		    "case.estimated"));
	if (c->child_age >= 0)
		birth = arena_printf(r->a, "%s%s%d %s", birth, *birth ? " · " :
		    "", c->child_age, page_t(r, "case.years"));
	row(s, r, "field.birth_date", birth);
	row(s, r, "field.sex", tr(r, "sex", c->child_sex));
	if (m->kind == DOC_SUMMARY)
		row(s, r, "field.personal_number", c->child_pn);
	if (ch == NULL)
		return;
	row(s, r, "field.address", ch->address);
	muni = ch->municipality_id == c->municipality_id ? (r->lang == LANG_SR ?
	    c->municipality_sr : c->municipality_sq) : ch->municipality_name;
	if (ch->admin_unit && *ch->admin_unit)
		muni = arena_printf(r->a, "%s, %s", muni, ch->admin_unit);
	row(s, r, "field.municipality", muni);
	row(s, r, "field.community", tr(r, "community", ch->community));
	row(s, r, "field.school_status", tr(r, "school", ch->school_status));
	if (m->kind == DOC_SUMMARY) {
		row(s, r, "field.language", ch->language);
		row(s, r, "field.disability", join2(r, tr(r,
		    "child.disability", ch->disability), ch->disability_note));
		for (i = 0; i < ch->ncaregivers; i++)
			row(s, r, "child.caregivers", arena_printf(r->a,
			    "%s (%s)%s", ch->caregivers[i].name, tr(r,
			    "child.relation", ch->caregivers[i].relation),
			    ch->caregivers[i].is_guardian ? arena_printf(r->a,
			    ", %s", page_t(r, "field.caregiver_guardian")) :
			    ""));
	}
}

static void
report_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct doc_report *x = &d->report;
	struct dsec *s = sec(m, r, "doc.sec.report");

	if (!x->present) {
		s->empty = page_t(r, "doc.no_report");
		return;
	}
	row(s, r, "field.received_on", page_date(r, x->received_at, 1));
	row(s, r, "field.channel", tr(r, "channel", x->channel));
	row(s, r, "field.referrer_type", tr(r, "referrer", x->referrer_type));
	if (m->kind == DOC_SUMMARY)
		row(s, r, "field.referrer_name", x->referrer_name);
	row(s, r, "field.location", x->location);
	row(s, r, "field.immediate_danger", page_t(r, x->immediate_danger ?
	    "doc.yes" : "doc.no"));
	s->text_title = page_t(r, "field.narrative");
	s->text = *x->narrative ? x->narrative : "—";
}

static void
concern_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	struct dsec *s = sec(m, r, "case.concerns");
	int lang = r->lang < LANG__MAX ? (int)r->lang : 0;
	size_t i;

	s->bullets = arena_zalloc(r->a, (d->f->nconcerns + 1) *
	    sizeof(*s->bullets));
	if (s->bullets == NULL)
		return;
	for (i = 0; i < d->f->nconcerns; i++)
		s->bullets[s->nbullets++] = d->f->concerns[i].primary ?
		    arena_printf(r->a, "%s (%s)", d->f->concerns[i].label[lang],
		    page_t(r, "case.primary")) : d->f->concerns[i].label[lang];
	if (s->nbullets == 0)
		s->empty = page_t(r, "common.none");
}

static void
risk_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	struct dsec *s = sec(m, r, "case.risk_history");
	const struct case_risk_info *k;
	size_t i, n = d->f->nrisks;

	if (n == 0) {
		s->empty = page_t(r, "case.no_risk");
		return;
	}
	if ((s->items = arena_zalloc(r->a, n * sizeof(*s->items))) == NULL)
		return;
	/* Oldest first: the history as it happened. */
	for (i = 0; i < n; i++) {
		k = &d->f->risks[n - 1 - i];
		s->items[i].head = arena_printf(r->a, "%s — %s",
		    page_date(r, k->at, 1), tr(r, "risk", k->level));
		s->items[i].body = k->rationale;
		s->items[i].note = k->validated_by ? arena_printf(r->a,
		    "%s: %s · %s: %s, %s", page_t(r, "case.author"), k->author,
		    page_t(r, "case.validated"), k->validator, page_date(r,
		    k->validated_at, 1)) : arena_printf(r->a, "%s: %s · %s",
		    page_t(r, "case.author"), k->author, page_t(r,
		    "case.risk_pending"));
	}
	s->nitems = n;
}

/* Codes as their labels, joined by ", " ("" for none). */
static const char *
codes(struct req *r, const char *prefix, const struct cw_codes *c)
{
	struct buf b;
	size_t i;

	buf_init(&b, r->a);
	for (i = 0; i < c->n; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, tr(r, prefix, c->v[i]));
	}
	return b.oom || b.p == NULL ? "" : b.p;
}

static void
screening_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct screening_info *k = d->screening;
	struct dsec *s = sec(m, r, "doc.sec.screening");

	if (k == NULL) {
		s->empty = page_t(r, "screening.none");
		return;
	}
	row(s, r, "case.date", page_date(r, k->at, 1));
	row(s, r, "case.risk", tr(r, "risk", k->level));
	row(s, r, "field.risk_factors", codes(r, "screening.risk",
	    &k->risk_factors));
	row(s, r, "field.protective_factors", codes(r, "screening.protective",
	    &k->protective_factors));
	row(s, r, "field.sources", codes(r, "cw.source", &k->sources));
	if (k->emergency)
		row(s, r, "case.emergency", page_t(r, "doc.yes"));
	row(s, r, "case.author", k->author);
	s->text_title = page_t(r, "case.rationale");
	s->text = k->rationale;
}

/* The domains with a finding, each a paragraph; the conclusion last. */
static void
assessment_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct assessment_info *k = d->assessment;
	struct dsec *s = sec(m, r, "doc.sec.assessment");
	size_t i, n = 0;

	if (k == NULL) {
		s->empty = page_t(r, "doc.no_assessment");
		return;
	}
	row(s, r, "field.status", tr(r, "assessment.status", k->status));
	if (k->completed_at)
		row(s, r, "assessment.completed_at", arena_printf(r->a,
		    "%s, %s", page_date(r, k->completed_at, 0),
		    k->completed_by));
	row(s, r, "field.sources", codes(r, "cw.source", &k->sources));
	if ((s->items = arena_zalloc(r->a, ASM__MAX * sizeof(*s->items))) ==
	    NULL)
		return;
	for (i = 0; i < ASM__MAX; i++) {
		if (k->text[i] == NULL || *k->text[i] == '\0')
			continue;
		s->items[n].head = page_t(r, arena_printf(r->a, "field.%s",
		    assessment_fields[i]));
		s->items[n].body = k->text[i];
		s->items[n].note = "";
		n++;
	}
	s->nitems = n;
}

static void
plan_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct plan_info *p = d->plan;
	const struct plan_action_info *a;
	struct dsec *s = sec(m, r, "plan.title");
	size_t i;

	if (p == NULL) {
		s->empty = page_t(r, "plan.none");
		return;
	}
	row(s, r, "plan.version", arena_printf(r->a, "v%d · %s", p->number,
	    tr(r, "plan.status", p->status)));
	if (p->decided_at && strcmp(p->status, "active") == 0)
		row(s, r, "plan.approved_at", arena_printf(r->a, "%s, %s",
		    page_date(r, p->decided_at, 0), p->decided_by));
	row(s, r, "field.measure", tr(r, "plan.measure", p->measure));
	row(s, r, "field.review_on", iso_date(r, p->review_on));
	row(s, r, "field.parents", join2(r, tr(r, "plan.parents", p->parents),
	    *p->parents_reason ? arena_printf(r->a, "— %s", p->parents_reason) :
	    ""));
	row(s, r, "field.child_part", join2(r, tr(r, "plan.child",
	    p->child_part), *p->child_note ? arena_printf(r->a, "— %s",
	    p->child_note) : ""));
	if (p->ngoals > 0 && (s->bullets = arena_zalloc(r->a, p->ngoals *
	    sizeof(*s->bullets))) != NULL) {
		for (i = 0; i < p->ngoals; i++)
			s->bullets[i] = p->goals[i].text;
		s->nbullets = p->ngoals;
	}
	if (p->nactions == 0 || (s->items = arena_zalloc(r->a, p->nactions *
	    sizeof(*s->items))) == NULL)
		return;
	for (i = 0; i < p->nactions; i++) {
		a = &p->actions[i];
		s->items[i].head = arena_printf(r->a, "%s — %s", iso_date(r,
		    a->due_on), a->what);
		s->items[i].body = join2(r, *a->agency_name ? a->agency_name :
		    a->institution, *a->person ? arena_printf(r->a, "(%s)",
		    a->person) : "");
		s->items[i].note = join2(r, a->service, tr(r,
		    "plan.action.status", a->status));
	}
	s->nitems = p->nactions;
}

/* Reviews (oldest first) and the closure with its follow-up. */
static void
review_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	const struct closure_view *v = d->closure;
	const struct closure_info *k;
	const struct review_info *w;
	struct dsec *s = sec(m, r, "doc.sec.reviews");
	size_t i, n;

	if (v == NULL || (v->nreviews == 0 && v->approved == NULL)) {
		s->empty = page_t(r, "doc.no_reviews");
		return;
	}
	if ((k = v->approved) != NULL) {
		row(s, r, "closure.date", iso_date(r, k->date));
		row(s, r, "field.reason", tr(r, "closure.reason", k->reason));
		row(s, r, "field.follow_up", iso_date(r, k->follow_up));
		if (*k->result)
			row(s, r, "field.follow_up_note", join2(r, tr(r,
			    "closure.result", k->result), k->result_note));
		s->text_title = page_t(r, "field.summary");
		s->text = k->summary;
	}
	n = v->nreviews;
	if (n == 0 || (s->items = arena_zalloc(r->a, n * sizeof(*s->items))) ==
	    NULL)
		return;
	for (i = 0; i < n; i++) {
		w = &v->reviews[n - 1 - i];
		s->items[i].head = arena_printf(r->a, "%s — %s", iso_date(r,
		    w->date), tr(r, "closure.decision", w->decision));
		s->items[i].body = join2(r, w->progress, w->situation);
		s->items[i].note = arena_printf(r->a, "%s: %s", page_t(r,
		    "case.author"), w->author);
	}
	s->nitems = n;
}

static const char *
event_value(struct req *r, const char *field, const char *v)
{
	if (v == NULL || *v == '\0')
		return "";
	if (strcmp(field, "risk") == 0)
		return tr(r, "risk", v);
	if (strcmp(field, "status") == 0)
		return tr(r, "status", v);
	return v;
}

static void
timeline_section(struct dmodel *m, struct req *r, const struct doc_case *d)
{
	struct dsec *s = sec(m, r, "doc.sec.timeline");
	const struct case_event_info *e;
	size_t i, n = d->f->nevents, shown = n, j;
	const char *what, *bf, *af;
	char *k, *p;

	if (shown > DOC_EVENTS_MAX)
		shown = DOC_EVENTS_MAX;
	if (n == 0) {
		s->empty = page_t(r, "common.none");
		return;
	}
	if ((s->bullets = arena_zalloc(r->a, shown * sizeof(*s->bullets))) ==
	    NULL)
		return;
	/* Oldest first, the newest DOC_EVENTS_MAX. */
	for (j = 0; j < shown; j++) {
		i = shown - 1 - j;
		e = &d->f->events[i];
		k = arena_printf(r->a, "case.event.%s", e->kind);
		if (k == NULL)
			return;
		for (p = k + 11; *p; p++)
			if (*p == '.')
				*p = '_';
		what = i18n_has(k) ? page_t(r, k) : e->kind;
		bf = event_value(r, e->field, e->before);
		af = event_value(r, e->field, e->after);
		/* (before → after), or (after) for a first value. */
		s->bullets[s->nbullets++] = arena_printf(r->a,
		    "%s — %s — %s%s%s%s%s%s", page_date(r, e->at, 1), e->actor,
		    what, *bf || *af ? " (" : "", bf, *bf && *af ? " → " : "",
		    af, *bf || *af ? ")" : "");
	}
	if (n > shown || n == CASE_EVENTS_MAX)
		s->more = page_t(r, "doc.timeline_more");
}

static void
issue_section(struct dmodel *m, struct req *r, const struct doc_case *d,
    const char *issued)
{
	struct dsec *s = sec(m, r, "doc.sec.issue");

	row(s, r, "doc.issued_on", issued);
	row(s, r, "case.worker", d->f->c.worker_name);
	row(s, r, "field.agency", d->f->c.agency_name);
	row(s, r, "doc.prepared_by", r->actor ? r->actor->full_name : "");
}

static void
build(struct dmodel *m, struct req *r, const struct doc_case *d,
    enum doc_kind kind)
{
	const char *issued = page_date(r, clock_now(), 0);
	const char *num = d->f->c.number, *p;
	char *fn;
	size_t i;

	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->number = num;
	m->title = page_t(r, kind == DOC_SUMMARY ? "doc.summary" :
	    "doc.court_report");
	m->subtitle = arena_printf(r->a, "%s · %s · %s %s",
	    d->f->c.agency_name, num, page_t(r, "doc.issued_on"), issued);
	if (kind == DOC_COURT_REPORT)
		m->intro = page_t(r, "doc.court_intro");
	m->header = arena_printf(r->a, "%s — %s", num, m->title);
	m->footer = arena_printf(r->a, "%s — %s — %s — %s", page_t(r,
	    "doc.confidential"), num, m->title, issued);
	/* The file name: the case number's safe characters only. */
	fn = arena_printf(r->a, "%s-%s.pdf", num, kind == DOC_SUMMARY ?
	    "permbledhje" : "raport-gjykata");
	if (fn != NULL)
		for (i = 0, p = fn; p[i]; i++)
			if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' &&
			    p[i] <= 'z') || (p[i] >= '0' && p[i] <= '9') ||
			    p[i] == '-' || p[i] == '.'))
				fn[i] = '_';
	m->filename = fn ? fn : "document.pdf";
	case_section(m, r, d);
	child_section(m, r, d);
	report_section(m, r, d);
	concern_section(m, r, d);
	risk_section(m, r, d);
	screening_section(m, r, d);
	assessment_section(m, r, d);
	plan_section(m, r, d);
	review_section(m, r, d);
	timeline_section(m, r, d);
	if (kind == DOC_COURT_REPORT) {
		issue_section(m, r, d, issued);
		m->sign = 1;
		m->role1 = page_t(r, "doc.sign_worker");
		m->name1 = d->f->c.worker_name;
		m->role2 = page_t(r, "doc.sign_supervisor");
		m->name2 = d->supervisor;
		m->date_label = page_t(r, "doc.sign_date");
	}
}

/* ---------------------------------------------------------- the views */

static void
html(struct req *r, const struct dmodel *m, const char *tmpl)
{
	struct tval *d = page_data(r, NULL), *secs, *t, *l, *it;
	size_t i, j;

	tv_set_str(d, "title", m->title);
	tv_set_str(d, "subtitle", m->subtitle);
	tv_set_str(d, "intro", m->intro);
	tv_set_str(d, "footer", m->footer);
	tv_set_int(d, "id", req_param_id(r, 0));
	tv_set_str(d, "number", m->number);
	secs = tv_list(r->a);
	for (i = 0; i < m->nsecs; i++) {
		const struct dsec *s = &m->secs[i];

		t = tv_obj(r->a);
		tv_set_str(t, "title", s->title);
		if (s->nrows) {
			l = tv_list(r->a);
			for (j = 0; j < s->nrows; j++) {
				it = tv_obj(r->a);
				tv_set_str(it, "k", s->rows[j].k);
				tv_set_str(it, "v", *s->rows[j].v ?
				    s->rows[j].v : "—");
				tv_push(l, it);
			}
			tv_set(t, "rows", l);
		}
		if (s->text) {
			tv_set_str(t, "text_title", s->text_title);
			tv_set_str(t, "text", s->text);
		}
		if (s->nitems) {
			l = tv_list(r->a);
			for (j = 0; j < s->nitems; j++) {
				it = tv_obj(r->a);
				tv_set_str(it, "head", s->items[j].head);
				tv_set_str(it, "body", s->items[j].body);
				tv_set_str(it, "note", s->items[j].note);
				tv_push(l, it);
			}
			tv_set(t, "items", l);
		}
		if (s->nbullets) {
			l = tv_list(r->a);
			for (j = 0; j < s->nbullets; j++) {
				it = tv_obj(r->a);
				tv_set_str(it, "text", s->bullets[j]);
				tv_push(l, it);
			}
			tv_set(t, "bullets", l);
		}
		tv_set_str(t, "more", s->more);
		tv_set_str(t, "empty", s->empty);
		tv_push(secs, t);
	}
	tv_set(d, "sections", secs);
	if (m->sign) {
		t = tv_obj(r->a);
		tv_set_str(t, "role1", m->role1);
		tv_set_str(t, "name1", m->name1);
		tv_set_str(t, "role2", m->role2);
		tv_set_str(t, "name2", m->name2);
		tv_set_str(t, "date", m->date_label);
		tv_set(d, "sign", t);
	}
	page_render(r, tmpl, d);
}

/*
 * Lays out p and answers with it as a PDF attachment named filename: 503
 * when the fonts cannot be loaded, 413 past the document's limits (also the
 * conference minutes: web_documents.h).
 */
void
web_pdf_answer(struct req *r, struct pdf_doc *p, const char *filename)
{
	struct pdf_stats st;
	struct buf b;
	char err[128];

	buf_init(&b, r->a);
	switch (pdf_render(p, &r->app->fonts, &b, &st, err, sizeof(err))) {
	case PDF_OK:
		break;
	case PDF_NOFONT:
		log_warnx("pdf: the fonts cannot be loaded (%s)", err);
		http_error(r, 503, "doc.err.font");
		return;
	case PDF_TOOBIG:
		http_error(r, 413, "error.toobig");
		return;
	default:
		log_warnx("pdf: %s", err);
		http_error(r, 500, "error.unavailable");
		return;
	}
	r->status = 200;
	r->ctype = "application/pdf";
	r->out = b;
	req_header(r, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"%s\"", filename));
}

static void
pdf(struct req *r, const struct dmodel *m)
{
	struct pdf_doc *p;
	size_t i, j;

	if (!r->app->fonts.ok) {
		http_error(r, 503, "doc.err.font");
		return;
	}
	if ((p = pdf_doc_new(r->a, m->title, m->header, m->footer, page_t(r,
	    "doc.page"))) == NULL) {
		http_error(r, 413, "error.toobig");
		return;
	}
	pdf_subtitle(p, m->subtitle);
	if (m->intro)
		pdf_para(p, m->intro);
	for (i = 0; i < m->nsecs; i++) {
		const struct dsec *s = &m->secs[i];

		pdf_heading(p, s->title);
		for (j = 0; j < s->nrows; j++)
			pdf_kv(p, s->rows[j].k, s->rows[j].v);
		if (s->text) {
			pdf_subheading(p, s->text_title);
			pdf_para(p, s->text);
		}
		for (j = 0; j < s->nitems; j++) {
			pdf_subheading(p, s->items[j].head);
			pdf_para(p, s->items[j].body);
			pdf_note(p, s->items[j].note);
		}
		for (j = 0; j < s->nbullets; j++)
			pdf_bullet(p, s->bullets[j]);
		if (s->more)
			pdf_note(p, s->more);
		if (s->empty)
			pdf_para(p, s->empty);
	}
	if (m->sign)
		pdf_signatures(p, m->role1, m->name1, m->role2, m->name2,
		    m->date_label);
	web_pdf_answer(r, p, m->filename);
}

static void
serve(struct req *r, enum doc_kind kind, int as_pdf)
{
	struct doc_case *d;
	struct dmodel *m;
	enum svc_rc rc;

	if ((rc = document_case(&r->svc, req_param_id(r, 0), kind, as_pdf ?
	    "pdf" : "html", &d)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if ((m = arena_alloc(r->a, sizeof(*m))) == NULL) {
		http_error(r, 413, "error.toobig");
		return;
	}
	build(m, r, d, kind);
	if (as_pdf)
		pdf(r, m);
	else
		html(r, m, kind == DOC_SUMMARY ? "doc_case_summary" :
		    "doc_court_report");
}

void
web_doc_summary(struct req *r)
{
	serve(r, DOC_SUMMARY, 0);
}

void
web_doc_summary_pdf(struct req *r)
{
	serve(r, DOC_SUMMARY, 1);
}

void
web_doc_court_report(struct req *r)
{
	serve(r, DOC_COURT_REPORT, 0);
}

void
web_doc_court_report_pdf(struct req *r)
{
	serve(r, DOC_COURT_REPORT, 1);
}
