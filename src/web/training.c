/*
 * training.c — the HTML side of accredited training (web layer): the
 * programmes (training_list.html), a programme with its sessions and the
 * participants by profile and sex (training_view.html), a session with the
 * enrolment forms and the attendance sheet, one form for all rows
 * (training_session.html), the certificates as PDF (doc/pdf.h), and the
 * professionals (training_profs.html, training_prof.html). Thin:
 * validated input -> svc/training.c -> templates.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/pdf.h"
#include "../i18n/i18n.h"
#include "../svc/agency.h"
#include "../svc/training.h"
#include "../util/clock.h"
#include "render.h"
#include "web_children.h"
#include "web_documents.h"
#include "web_training.h"

/* ---------------------------------------------------------------- helpers */

static const char *
label(struct req *r, const char *group, const char *code)
{
	return page_t(r, arena_printf(r->a, "training.%s.%s", group, code));
}



static const char *
num(struct req *r, int64_t v)
{
	return arena_printf(r->a, "%lld", (long long)v);
}

static const char *
muni(struct req *r, const char *sq, const char *sr)
{
	return r->lang == LANG_SR ? sr : sq;
}

/* The options of a closed list labelled training.GROUP.CODE, cur selected,
 * a first "choose" when choose. */
static struct tval *
choices(struct req *r, const char *group, const char *const *set,
    const char *cur, int choose)
{
	struct tval *l = tv_list(r->a);

	if (choose)
		tv_push(l, page_option(r, "", page_t(r, "common.choose"),
		    *cur == '\0'));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, label(r, group, *set),
		    strcmp(cur, *set) == 0));
	return l;
}

/* Codes separated by commas as their labels. */
static const char *
labels(struct req *r, const char *group, const char *codes)
{
	const char *out = "", *p = codes, *e;

	while (p != NULL && *p) {
		e = strchr(p, ',');
		out = arena_printf(r->a, "%s%s%s", out, *out ? ", " : "",
		    label(r, group, e ? arena_strndup(r->a, p, e - p) : p));
		p = e ? e + 1 : NULL;
	}
	return out;
}

static int
writer(struct req *r)
{
	return authz_allows(r->actor, PERM_TRAINING_WRITE, NULL);
}

static const char *
prog_url(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/trainings/%lld", (long long)id);
}

static const char *
session_url(struct req *r, int64_t id, int64_t sid)
{
	return arena_printf(r->a, "/trainings/%lld/sessions/%lld",
	    (long long)id, (long long)sid);
}

/* After a write: the page again with the error (400/409), the failure
 * page, or a redirect with a flash. */
static void
after(struct req *r, enum svc_rc rc, void (*again)(struct req *),
    const char *to, const char *flash)
{
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		again(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, to, flash);
}

static struct tval *
prog_obj(struct req *r, const struct training_programme_info *p)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", p->id);
	tv_set_str(t, "title", p->title);
	tv_set_str(t, "country", p->country);
	tv_set_str(t, "body", p->body);
	tv_set_str(t, "number", p->number);
	tv_set_str(t, "valid_from", page_day(r, p->valid_from));
	tv_set_str(t, "valid_until", page_day(r, p->valid_until));
	tv_set_int(t, "hours", p->hours);
	tv_set_str(t, "profiles", labels(r, "profile", p->profiles));
	tv_set_int(t, "sessions", p->sessions);
	tv_set_int(t, "participants", p->participants);
	return t;
}

static struct tval *
session_obj(struct req *r, const struct training_session_info *x)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", x->id);
	tv_set_int(t, "programme_id", x->programme_id);
	tv_set_str(t, "programme", x->programme_title);
	tv_set_str(t, "start", page_day(r, x->start));
	tv_set_str(t, "end", page_day(r, x->end));
	tv_set_str(t, "municipality", muni(r, x->municipality_sq,
	    x->municipality_sr));
	tv_set_str(t, "venue", x->venue);
	tv_set_str(t, "trainers", x->trainers);
	tv_set_str(t, "status", label(r, "status", x->status));
	tv_set_bool(t, x->status, 1);
	tv_set_int(t, "capacity", x->capacity);
	tv_set_int(t, "enrolled", x->enrolled);
	tv_set_int(t, "version", x->version);
	return t;
}

static struct tval *
prof_obj(struct req *r, const struct training_prof_info *p)
{
	struct tval *t = tv_obj(r->a);

	tv_set_int(t, "id", p->id);
	tv_set_str(t, "name", arena_printf(r->a, "%s %s", p->given,
	    p->family));
	tv_set_str(t, "sex", label(r, "sex", p->sex));
	tv_set_str(t, "profile", label(r, "profile", p->profile));
	tv_set_str(t, "organisation", *p->agency_name ? p->agency_name :
	    p->organisation);
	tv_set_str(t, "municipality", muni(r, p->municipality_sq,
	    p->municipality_sr));
	tv_set_str(t, "email", p->email);
	tv_set_int(t, "sessions", p->sessions);
	tv_set_int(t, "merged_into", p->merged_into);
	return t;
}

/* The field errors as page_errors() gives them, the first one named by its
 * label and, for the fields of this domain without a shared label, by its
 * name: "Orët (hours_2): ...". */
static void
errors(struct req *r, struct tval *d)
{
	const char *f, *base, *u, *lbl;

	page_errors(r, d);
	if (r->nerrors == 0 || (f = r->errors[0].field) == NULL ||
	    i18n_has(arena_printf(r->a, "field.%s", f)))
		return;
	base = f;
	if (strncmp(f, "status_", 7) == 0)
		base = "attendance";
	else if (strncmp(f, "hours_", 6) == 0)
		base = "hours_attended";
	else if (strncmp(f, "profile_", 8) == 0)
		base = "profiles";
	u = arena_printf(r->a, "training.field.%s", base);
	lbl = i18n_has(u) ? page_t(r, u) : f;
	tv_set_str(d, "error", arena_printf(r->a, "%s (%s): %s", lbl, f,
	    page_t(r, r->errors[0].msg)));
}

/* ------------------------------------------------------------ programmes */

static struct tval *
profile_boxes(struct req *r)
{
	struct tval *l = tv_list(r->a), *t;
	const char *const *p;

	for (p = training_profiles; *p != NULL; p++) {
		const char *name = arena_printf(r->a, "profile_%s", *p);

		t = tv_obj(r->a);
		tv_set_str(t, "name", name);
		tv_set_str(t, "label", label(r, "profile", *p));
		tv_set_bool(t, "checked", r->method == M_POST &&
		    req_bool(r, name));
		tv_push(l, t);
	}
	return l;
}

void
web_tr_list(struct req *r)
{
	struct training_programme_info *p;
	struct tval *d, *l, *v;
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_programmes(&r->svc, &p, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "training.list.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, prog_obj(r, &p[i]));
	tv_set(d, "programmes", l);
	if (writer(r)) {
		static const char *const countries[] = { "XK", "AL", NULL };

		tv_set_bool(d, "can_write", 1);
		v = tv_obj(r->a);
		tv_set_str(v, "title", page_posted(r, "title", ""));
		tv_set_str(v, "body", page_posted(r, "body", ""));
		tv_set_str(v, "number", page_posted(r, "number", ""));
		tv_set_str(v, "valid_from", page_posted(r, "valid_from", ""));
		tv_set_str(v, "valid_until", page_posted(r, "valid_until", ""));
		tv_set_str(v, "hours", page_posted(r, "hours", ""));
		tv_set(d, "v", v);
		tv_set(d, "profiles", profile_boxes(r));
		if (r->actor->country == NULL)
			tv_set(d, "countries", choices(r, "country", countries,
			    page_posted(r, "country", ""), 1));
	}
	errors(r, d);
	page_render(r, "training_list", d);
}

void
web_tr_create(struct req *r)
{
	struct training_programme_new n;
	const char *prof[16];
	const char *const *p;
	size_t k = 0;
	int64_t id = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.title = req_str(r, "title");
	n.country = req_str(r, "country");
	n.body = req_str(r, "body");
	n.number = req_str(r, "number");
	n.valid_from = req_str(r, "valid_from");
	n.valid_until = req_str(r, "valid_until");
	n.hours = req_int(r, "hours");
	for (p = training_profiles; *p != NULL && k < 16; p++)
		if (req_bool(r, arena_printf(r->a, "profile_%s", *p)))
			prof[k++] = *p;
	n.profiles = prof;
	n.nprofiles = k;
	rc = training_programme_create(&r->svc, &n, &id);
	after(r, rc, web_tr_list, prog_url(r, id), "training.flash.created");
}

void
web_tr_view(struct req *r)
{
	struct training_programme_info *p;
	struct training_session_info *x;
	struct training_count *c;
	struct tval *d, *l, *t, *v;
	int64_t id = req_param_id(r, 0), tf = 0, tm = 0;
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_programme_get(&r->svc, id, &p)) != SVC_OK ||
	    (rc = training_programme_counts(&r->svc, id, &c, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "training.view.title");
	tv_set(d, "p", prog_obj(r, p));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_str(t, "profile", label(r, "profile", c[i].profile));
		tv_set_int(t, "female", c[i].female);
		tv_set_int(t, "male", c[i].male);
		tv_set_int(t, "total", c[i].female + c[i].male);
		tf += c[i].female;
		tm += c[i].male;
		tv_push(l, t);
	}
	tv_set(d, "counts", l);
	tv_set_int(d, "total_female", tf);
	tv_set_int(d, "total_male", tm);
	tv_set_int(d, "total", tf + tm);
	if ((rc = training_sessions(&r->svc, id, &x, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, session_obj(r, &x[i]));
	tv_set(d, "sessions", l);
	if (writer(r)) {
		tv_set_bool(d, "can_write", 1);
		v = tv_obj(r->a);
		tv_set_str(v, "start", page_posted(r, "start", ""));
		tv_set_str(v, "end", page_posted(r, "end", ""));
		tv_set_str(v, "venue", page_posted(r, "venue", ""));
		tv_set_str(v, "trainers", page_posted(r, "trainers", ""));
		tv_set_str(v, "capacity", page_posted(r, "capacity", "20"));
		tv_set(d, "v", v);
		tv_set(d, "municipalities", web_child_munis(r,
		    r->method == M_POST ? req_int(r, "municipality") :
		    r->actor->municipality_id));
	}
	errors(r, d);
	page_render(r, "training_view", d);
}

void
web_tr_session_create(struct req *r)
{
	struct training_session_new n;
	int64_t id = req_param_id(r, 0), sid = 0;
	enum svc_rc rc;

	memset(&n, 0, sizeof(n));
	n.start = req_str(r, "start");
	n.end = req_str(r, "end");
	n.venue = req_str(r, "venue");
	n.trainers = req_str(r, "trainers");
	n.municipality_id = req_int(r, "municipality");
	n.capacity = req_int(r, "capacity");
	rc = training_session_create(&r->svc, id, &n, &sid);
	after(r, rc, web_tr_view, session_url(r, id, sid),
	    "training.flash.session");
}

/* -------------------------------------------------------------- sessions */

static struct tval *
agency_options(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct agency_info *g;
	struct svc s = r->svc;
	size_t n = 0, i;

	tv_push(l, page_option(r, "", "—", cur == 0));
	if (agency_list(&s, &g, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++)
		if (g[i].active)
			tv_push(l, page_option(r, num(r, g[i].id), g[i].name,
			    g[i].id == cur));
	return l;
}

/* The new-participant form's values, options and (after a name match)
 * the candidates. */
static void
participant_form(struct req *r, struct tval *d,
    const struct training_candidate *k, size_t nk)
{
	struct tval *v = tv_obj(r->a), *l, *t;
	size_t i;

	tv_set_str(v, "given_name", page_posted(r, "given_name", ""));
	tv_set_str(v, "family_name", page_posted(r, "family_name", ""));
	tv_set_str(v, "organisation", page_posted(r, "organisation", ""));
	tv_set_str(v, "email", page_posted(r, "email", ""));
	tv_set(d, "v", v);
	tv_set(d, "sexes", choices(r, "sex", training_sexes,
	    page_posted(r, "sex", ""), 1));
	tv_set(d, "profiles", choices(r, "profile", training_profiles,
	    page_posted(r, "profile", ""), 1));
	tv_set(d, "municipalities", web_child_munis(r, r->method == M_POST ?
	    req_int(r, "municipality") : r->actor->municipality_id));
	tv_set(d, "agencies", agency_options(r, r->method == M_POST ?
	    req_int(r, "agency") : 0));
	if (nk == 0)
		return;
	l = tv_list(r->a);
	for (i = 0; i < nk; i++) {
		t = prof_obj(r, k[i].p);
		tv_set_int(t, "score", k[i].score);
		tv_push(l, t);
	}
	tv_set(d, "candidates", l);
}

/* The field error of a row of the sheet, on the row. */
static void
row_error(struct req *r, struct tval *t, const char *sf, const char *hf)
{
	int i;

	for (i = 0; i < r->nerrors; i++)
		if (r->errors[i].field != NULL &&
		    (strcmp(r->errors[i].field, sf) == 0 ||
		    strcmp(r->errors[i].field, hf) == 0))
			tv_set_str(t, "err", page_t(r, r->errors[i].msg));
}

static void
session_page(struct req *r, const struct training_candidate *k, size_t nk)
{
	struct training_programme_info *p;
	struct training_session_info *x;
	struct training_enrolment_info *e;
	struct training_prof_info *f;
	struct tval *d, *l, *t;
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	int status = r->status, can, held;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_programme_get(&r->svc, id, &p)) != SVC_OK ||
	    (rc = training_session_get(&r->svc, id, sid, &x)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	/* A central analyst sees the session without its attendance sheet
	 * (names are personal data). */
	e = NULL;
	n = 0;
	if ((rc = training_enrolments(&r->svc, sid, &e, &n)) != SVC_OK &&
	    rc != SVC_DENIED) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "training.session.title");
	tv_set(d, "p", prog_obj(r, p));
	tv_set(d, "x", session_obj(r, x));
	can = writer(r) && training_session_writable(&r->svc, x);
	held = strcmp(x->status, "held") == 0;
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		const char *sf = arena_printf(r->a, "status_%zu", i + 1);
		const char *hf = arena_printf(r->a, "hours_%zu", i + 1);

		t = tv_obj(r->a);
		tv_set_int(t, "n", (int64_t)i + 1);
		tv_set_int(t, "professional_id", e[i].professional_id);
		tv_set_str(t, "name", arena_printf(r->a, "%s %s", e[i].given,
		    e[i].family));
		tv_set_str(t, "profile", label(r, "profile", e[i].profile));
		tv_set_str(t, "sex", label(r, "sex", e[i].sex));
		tv_set_str(t, "status", label(r, "mark", e[i].status));
		tv_set_int(t, "hours", e[i].hours);
		tv_set_str(t, "sf", sf);
		tv_set_str(t, "hf", hf);
		tv_set(t, "choices", choices(r, "mark",
		    training_attendance_codes, r->method == M_POST &&
		    req_has(r, sf) ? req_str(r, sf) : e[i].status, 0));
		tv_set_str(t, "hours_v", r->method == M_POST && req_has(r, hf) ?
		    req_str(r, hf) : e[i].hours > 0 ? num(r, e[i].hours) : "");
		tv_set_str(t, "certificate", e[i].certificate);
		row_error(r, t, sf, hf);
		tv_push(l, t);
	}
	tv_set(d, "rows", l);
	if (can && held && n > 0)
		tv_set_bool(d, "can_mark", 1);
	if (can && strcmp(x->status, "planned") == 0)
		tv_set_bool(d, "can_status", 1);
	if (can && held)
		tv_set_bool(d, "can_issue", 1);
	if (can && strcmp(x->status, "cancelled") != 0 &&
	    x->enrolled < x->capacity) {
		const char *q = req_str(r, "q");

		tv_set_bool(d, "can_enrol", 1);
		tv_set_str(d, "q", r->method == M_GET ? q : "");
		if (r->method == M_GET && *q && training_profs(&r->svc, q, NULL,
		    0, &f, &n) == SVC_OK) {
			l = tv_list(r->a);
			for (i = 0; i < n && i < 20; i++)
				tv_push(l, prof_obj(r, &f[i]));
			tv_set(d, "found", l);
			if (n == 0)
				tv_set_bool(d, "none_found", 1);
		}
		participant_form(r, d, k, nk);
	}
	errors(r, d);
	page_render(r, "training_session", d);
}

void
web_tr_session(struct req *r)
{
	session_page(r, NULL, 0);
}

void
web_tr_session_status(struct req *r)
{
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);

	after(r, training_session_status(&r->svc, id, sid,
	    req_int(r, "version"), req_str(r, "status")), web_tr_session,
	    session_url(r, id, sid), "training.flash.status");
}

void
web_tr_enrol(struct req *r)
{
	struct training_prof_new n;
	struct training_candidate *k = NULL;
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1), pid;
	size_t nk = 0;
	enum svc_rc rc;

	if (req_has(r, "professional")) {
		after(r, training_enrol(&r->svc, id, sid,
		    req_int(r, "professional"), NULL), web_tr_session,
		    session_url(r, id, sid), "training.flash.enrolled");
		return;
	}
	memset(&n, 0, sizeof(n));
	n.given = req_str(r, "given_name");
	n.family = req_str(r, "family_name");
	n.sex = req_str(r, "sex");
	n.profile = req_str(r, "profile");
	n.agency_id = req_int(r, "agency");
	n.organisation = req_str(r, "organisation");
	n.municipality_id = req_int(r, "municipality");
	n.email = req_str(r, "email");
	rc = training_enrol_new(&r->svc, id, sid, &n, req_bool(r,
	    "confirm_new"), &k, &nk, &pid);
	if (rc == SVC_CONFLICT && nk > 0) {
		r->status = 409;
		req_add_error(r, NULL, "training.err.candidates");
		session_page(r, k, nk);
		return;
	}
	after(r, rc, web_tr_session, session_url(r, id, sid),
	    "training.flash.enrolled");
}

void
web_tr_attendance(struct req *r)
{
	struct training_enrolment_info *e;
	struct training_mark *m;
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_enrolments(&r->svc, sid, &e, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	/* A row past the sheet: the list changed since it was shown. */
	if (req_has(r, arena_printf(r->a, "status_%zu", n + 1))) {
		r->status = 409;
		req_add_error(r, NULL, "training.err.conflict");
		session_page(r, NULL, 0);
		return;
	}
	if ((m = arena_zalloc(r->a, (n + 1) * sizeof(*m))) == NULL) {
		http_error(r, 413, "error.toobig");
		return;
	}
	for (i = 0; i < n; i++) {
		const char *sf = arena_printf(r->a, "status_%zu", i + 1);
		const char *hf = arena_printf(r->a, "hours_%zu", i + 1);

		if (!req_has(r, sf)) {
			r->status = 400;
			req_add_error(r, sf, "error.field.required");
			session_page(r, NULL, 0);
			return;
		}
		m[i].enrolment_id = e[i].id;
		m[i].status = req_str(r, sf);
		m[i].hours = req_has(r, hf) ? req_int(r, hf) : -1;
	}
	after(r, training_attendance(&r->svc, id, sid, req_int(r, "version"),
	    m, n), web_tr_session, session_url(r, id, sid),
	    "training.flash.attendance");
}

void
web_tr_certificates(struct req *r)
{
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	size_t issued = 0;
	enum svc_rc rc;

	rc = training_certificates_issue(&r->svc, id, sid, &issued);
	after(r, rc, web_tr_session, session_url(r, id, sid), issued > 0 ?
	    "training.flash.issued" : "training.flash.none_issued");
}

void
web_tr_certificate(struct req *r)
{
	struct training_cert_info *c;
	struct pdf_doc *p;
	const char *title;
	enum svc_rc rc;

	if ((rc = training_certificate_get(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_param_id(r, 2), &c)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (!r->app->fonts.ok) {
		http_error(r, 503, "doc.err.font");
		return;
	}
	title = arena_printf(r->a, "%s %s", page_t(r,
	    "training.cert.title"), c->number);
	if ((p = pdf_doc_new(r->a, title, title, page_t(r,
	    "training.cert.footer"), page_t(r, "doc.page"))) == NULL) {
		http_error(r, 413, "error.toobig");
		return;
	}
	pdf_subtitle(p, arena_printf(r->a, "%s %s", c->given, c->family));
	pdf_para(p, page_t(r, "training.cert.text"));
	pdf_heading(p, c->title);
	pdf_kv(p, page_t(r, "training.field.body"), c->body);
	pdf_kv(p, page_t(r, "training.field.number"), c->acc_number);
	pdf_kv(p, page_t(r, "training.cert.dates"), arena_printf(r->a,
	    "%s – %s", page_day(r, c->start), page_day(r, c->end)));
	pdf_kv(p, page_t(r, "training.field.venue"), arena_printf(r->a,
	    "%s, %s", c->venue, muni(r, c->municipality_sq,
	    c->municipality_sr)));
	pdf_kv(p, page_t(r, "training.cert.hours"), arena_printf(r->a,
	    "%lld / %lld", (long long)c->hours, (long long)c->programme_hours));
	pdf_kv(p, page_t(r, "training.cert.number"), c->number);
	pdf_kv(p, page_t(r, "training.cert.issued"), page_date(r,
	    c->issued_at, 0));
	pdf_signatures(p, page_t(r, "training.cert.sign_body"), "",
	    page_t(r, "training.cert.sign_trainer"), "",
	    page_t(r, "doc.sign_date"));
	web_pdf_answer(r, p, arena_printf(r->a, "certificate-%s.pdf",
	    c->number));
}

/* --------------------------------------------------------- professionals */

void
web_tr_profs(struct req *r)
{
	struct training_prof_info *f;
	struct tval *d, *l;
	const char *q = req_str(r, "q"), *profile = req_str(r, "profile");
	int64_t m = req_int(r, "municipality");
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_profs(&r->svc, q, profile, m, &f, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	d = page_data(r, "training.profs.title");
	l = tv_list(r->a);
	for (i = 0; i < n; i++)
		tv_push(l, prof_obj(r, &f[i]));
	tv_set(d, "profs", l);
	tv_set_str(d, "q", q);
	tv_set(d, "profiles", choices(r, "profile", training_profiles,
	    profile, 1));
	tv_set(d, "municipalities", web_child_munis(r, m));
	page_render(r, "training_profs", d);
}

void
web_tr_prof(struct req *r)
{
	struct training_prof_info *f;
	struct training_enrolment_info *e;
	struct training_candidate *k;
	struct training_prof_new q;
	struct tval *d, *l, *t;
	int64_t id = req_param_id(r, 0);
	int status = r->status;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_prof_get(&r->svc, id, &f)) != SVC_OK ||
	    (rc = training_prof_sessions(&r->svc, id, &e, &n)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "training.prof.title");
	tv_set(d, "f", prof_obj(r, f));
	l = tv_list(r->a);
	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "programme_id", e[i].programme_id);
		tv_set_int(t, "session_id", e[i].session_id);
		tv_set_int(t, "professional_id", e[i].professional_id);
		tv_set_str(t, "programme", e[i].programme_title);
		tv_set_str(t, "dates", arena_printf(r->a, "%s – %s",
		    page_day(r, e[i].start), page_day(r, e[i].end)));
		tv_set_str(t, "status", label(r, "mark", e[i].status));
		tv_set_int(t, "hours", e[i].hours);
		tv_set_str(t, "certificate", e[i].certificate);
		tv_push(l, t);
	}
	tv_set(d, "sessions", l);
	if (writer(r) && f->merged_into == 0) {
		tv_set_bool(d, "can_merge", 1);
		memset(&q, 0, sizeof(q));
		q.given = f->given;
		q.family = f->family;
		q.sex = f->sex;
		if (training_prof_candidates(&r->svc, &q, &k, &n) == SVC_OK) {
			l = tv_list(r->a);
			for (i = 0; i < n; i++)
				if (k[i].p->id != id)
					tv_push(l, prof_obj(r, k[i].p));
			tv_set(d, "similar", l);
		}
	}
	errors(r, d);
	page_render(r, "training_prof", d);
}

void
web_tr_merge(struct req *r)
{
	int64_t id = req_param_id(r, 0), into = req_int(r, "into");

	after(r, training_prof_merge(&r->svc, id, into), web_tr_prof,
	    arena_printf(r->a, "/professionals/%lld", (long long)into),
	    "training.flash.merged");
}
