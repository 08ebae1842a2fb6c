/*
 * training.c — the JSON API of accredited training (api layer):
 * /api/v1/trainings (programmes, their sessions, enrolment, attendance per
 * enrolment, certificates) and /api/v1/professionals. A new participant
 * whose name matches known professionals answers 409 with the candidates
 * unless confirm_new is true. See api_training.h and docs/API.md.
 */
#include <stdio.h>
#include <string.h>

#include "../app/app.h"
#include "../i18n/i18n.h"
#include "../json/jw.h"
#include "../svc/training.h"
#include "api.h"
#include "api_training.h"

static void
prog_json(struct req *r, struct jw *w, const struct training_programme_info *p)
{
	const char **v;
	size_t i, n;

	jw_obj_open(w);
	jw_kint(w, "id", p->id);
	jw_kstr(w, "country", p->country);
	jw_kstr(w, "title", p->title);
	jw_kstr(w, "body", p->body);
	jw_kstr(w, "number", p->number);
	jw_kstr(w, "valid_from", p->valid_from);
	jw_kstr(w, "valid_until", p->valid_until);
	jw_kint(w, "hours", p->hours);
	jw_key(w, "profiles");
	jw_arr_open(w);
	if ((v = api_split(r, p->profiles, &n)) != NULL)
		for (i = 0; i < n; i++)
			jw_str(w, v[i]);
	jw_arr_close(w);
	jw_kint(w, "sessions", p->sessions);
	jw_kint(w, "participants", p->participants);
	jw_kint(w, "version", p->version);
	jw_obj_close(w);
}

static void
session_json(struct jw *w, const struct training_session_info *x)
{
	jw_obj_open(w);
	jw_kint(w, "id", x->id);
	jw_kint(w, "programme_id", x->programme_id);
	jw_kstr(w, "start", x->start);
	jw_kstr(w, "end", x->end);
	jw_kint(w, "municipality_id", x->municipality_id);
	jw_kstr(w, "venue", x->venue);
	jw_kstr(w, "trainers", x->trainers);
	jw_kstr(w, "status", x->status);
	jw_kint(w, "capacity", x->capacity);
	jw_kint(w, "enrolled", x->enrolled);
	jw_kint(w, "version", x->version);
	jw_obj_close(w);
}

static void
prof_json(struct jw *w, const struct training_prof_info *p)
{
	jw_obj_open(w);
	jw_kint(w, "id", p->id);
	jw_kstr(w, "given_name", p->given);
	jw_kstr(w, "family_name", p->family);
	jw_kstr(w, "sex", p->sex);
	jw_kstr(w, "profile", p->profile);
	jw_kint_nz(w, "agency_id", p->agency_id);
	jw_kstr_nz(w, "agency", p->agency_name);
	jw_kstr_nz(w, "organisation", p->organisation);
	jw_kint(w, "municipality_id", p->municipality_id);
	jw_kstr_nz(w, "email", p->email);
	jw_kint_nz(w, "merged_into", p->merged_into);
	jw_kint(w, "sessions", p->sessions);
	jw_obj_close(w);
}

static void
enrolment_json(struct jw *w, const struct training_enrolment_info *e,
    int with_session)
{
	jw_obj_open(w);
	jw_kint(w, "id", e->id);
	jw_kint(w, "session_id", e->session_id);
	jw_kint(w, "professional_id", e->professional_id);
	if (with_session) {
		jw_kint(w, "programme_id", e->programme_id);
		jw_kstr(w, "programme", e->programme_title);
		jw_kstr(w, "start", e->start);
		jw_kstr(w, "end", e->end);
		jw_kstr(w, "session_status", e->session_status);
	} else {
		jw_kstr(w, "given_name", e->given);
		jw_kstr(w, "family_name", e->family);
		jw_kstr(w, "sex", e->sex);
		jw_kstr(w, "profile", e->profile);
	}
	jw_kstr(w, "status", e->status);
	jw_kint(w, "hours", e->hours);
	jw_kstr_nz(w, "certificate", e->certificate);
	jw_obj_close(w);
}

/* 409 with the candidates of a name match. */
static void
candidates_fail(struct req *r, const struct training_candidate *k, size_t n)
{
	struct jw w;
	size_t i, j;

	api_begin(r, &w, 409);
	jw_obj_open(&w);
	jw_kstr(&w, "error", "conflict");
	jw_kstr(&w, "message", i18n_get(r->lang, "training.err.candidates"));
	jw_kstr(&w, "field", "family_name");
	jw_key(&w, "candidates");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_kint(&w, "score", k[i].score);
		jw_key(&w, "reasons");
		jw_arr_open(&w);
		for (j = 0; j < k[i].m.nreasons; j++)
			jw_str(&w, names_reason_str(k[i].m.reasons[j].code));
		jw_arr_close(&w);
		jw_key(&w, "professional");
		prof_json(&w, k[i].p);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* The error of a sheet row ("status_1", "hours_1") as its field name. */
static void
mark_fail(struct req *r, enum svc_rc rc)
{
	const char *f = r->svc.err.field;

	if (f != NULL && strcmp(f, "status_1") == 0)
		r->svc.err.field = "status";
	else if (f != NULL && strcmp(f, "hours_1") == 0)
		r->svc.err.field = "hours";
	api_fail(r, rc);
}

/* ------------------------------------------------------------ programmes */

void
api_tr_list(struct req *r)
{
	struct training_programme_info *p;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_programmes(&r->svc, &p, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "programmes");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		prog_json(r, &w, &p[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
prog_answer(struct req *r, int status, int64_t id)
{
	struct training_programme_info *p;
	struct training_session_info *x;
	struct training_count *c;
	size_t n, nc, i;
	struct jw w;
	enum svc_rc rc;

	if ((rc = training_programme_get(&r->svc, id, &p)) != SVC_OK ||
	    (rc = training_sessions(&r->svc, id, &x, &n)) != SVC_OK ||
	    (rc = training_programme_counts(&r->svc, id, &c, &nc)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_key(&w, "programme");
	prog_json(r, &w, p);
	jw_key(&w, "sessions");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		session_json(&w, &x[i]);
	jw_arr_close(&w);
	jw_key(&w, "participants_by_profile");
	jw_arr_open(&w);
	for (i = 0; i < nc; i++) {
		jw_obj_open(&w);
		jw_kstr(&w, "profile", c[i].profile);
		jw_kint(&w, "female", c[i].female);
		jw_kint(&w, "male", c[i].male);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_tr_create(struct req *r)
{
	struct training_programme_new n;
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
	if ((n.profiles = api_split(r, req_str(r, "profiles"),
	    &n.nprofiles)) == NULL) {
		api_fail(r, svc_fail(&r->svc, SVC_TOOBIG, NULL,
		    "error.toobig"));
		return;
	}
	if ((rc = training_programme_create(&r->svc, &n, &id)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	prog_answer(r, 201, id);
}

void
api_tr_get(struct req *r)
{
	prog_answer(r, 200, req_param_id(r, 0));
}

/* -------------------------------------------------------------- sessions */

static void
session_answer(struct req *r, int status, int64_t id, int64_t sid)
{
	struct training_session_info *x;
	struct training_enrolment_info *e;
	size_t n, i;
	struct jw w;
	enum svc_rc rc;

	int people;

	if ((rc = training_session_get(&r->svc, id, sid, &x)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	/* A central analyst gets the session without its enrolments
	 * (names are personal data): "enrolments" is null. */
	e = NULL;
	n = 0;
	if ((rc = training_enrolments(&r->svc, sid, &e, &n)) != SVC_OK &&
	    rc != SVC_DENIED) {
		api_fail(r, rc);
		return;
	}
	people = rc == SVC_OK;
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_key(&w, "session");
	session_json(&w, x);
	jw_key(&w, "enrolments");
	if (people) {
		jw_arr_open(&w);
		for (i = 0; i < n; i++)
			enrolment_json(&w, &e[i], 0);
		jw_arr_close(&w);
	} else
		jw_null(&w);
	jw_obj_close(&w);
}

void
api_tr_session_create(struct req *r)
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
	if ((rc = training_session_create(&r->svc, id, &n, &sid)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	session_answer(r, 201, id, sid);
}

void
api_tr_session(struct req *r)
{
	session_answer(r, 200, req_param_id(r, 0), req_param_id(r, 1));
}

void
api_tr_session_status(struct req *r)
{
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	enum svc_rc rc;

	if ((rc = training_session_status(&r->svc, id, sid, req_int(r,
	    "version"), req_str(r, "status"))) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	session_answer(r, 200, id, sid);
}

static void
prof_fields(struct req *r, struct training_prof_new *n)
{
	memset(n, 0, sizeof(*n));
	n->given = req_str(r, "given_name");
	n->family = req_str(r, "family_name");
	n->sex = req_str(r, "sex");
	n->profile = req_str(r, "profile");
	n->agency_id = req_int(r, "agency");
	n->organisation = req_str(r, "organisation");
	n->municipality_id = req_int(r, "municipality");
	n->email = req_str(r, "email");
}

void
api_tr_enrol(struct req *r)
{
	struct training_prof_new n;
	struct training_candidate *k = NULL;
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1), pid;
	size_t nk = 0;
	enum svc_rc rc;

	if (req_has(r, "professional"))
		rc = training_enrol(&r->svc, id, sid, req_int(r,
		    "professional"), NULL);
	else {
		prof_fields(r, &n);
		rc = training_enrol_new(&r->svc, id, sid, &n, req_bool(r,
		    "confirm_new"), &k, &nk, &pid);
	}
	if (rc == SVC_CONFLICT && nk > 0) {
		candidates_fail(r, k, nk);
		return;
	}
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	session_answer(r, 201, id, sid);
}

void
api_tr_attendance(struct req *r)
{
	struct training_mark m;
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	enum svc_rc rc;

	m.enrolment_id = req_param_id(r, 2);
	m.status = req_str(r, "status");
	m.hours = req_has(r, "hours") ? req_int(r, "hours") : -1;
	if ((rc = training_attendance(&r->svc, id, sid, req_int(r,
	    "version"), &m, 1)) != SVC_OK) {
		mark_fail(r, rc);
		return;
	}
	session_answer(r, 200, id, sid);
}

void
api_tr_certificates(struct req *r)
{
	int64_t id = req_param_id(r, 0), sid = req_param_id(r, 1);
	size_t issued = 0;
	struct jw w;
	enum svc_rc rc;

	if ((rc = training_certificates_issue(&r->svc, id, sid, &issued)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_kint(&w, "issued", (int64_t)issued);
	jw_obj_close(&w);
}

/* --------------------------------------------------------- professionals */

void
api_tr_profs(struct req *r)
{
	struct training_prof_info *f;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_profs(&r->svc, req_str(r, "q"), req_str(r,
	    "profile"), req_int(r, "municipality"), &f, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, 200);
	jw_obj_open(&w);
	jw_key(&w, "professionals");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		prof_json(&w, &f[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

static void
prof_answer(struct req *r, int status, int64_t id)
{
	struct training_prof_info *f;
	struct training_enrolment_info *e;
	struct jw w;
	size_t n, i;
	enum svc_rc rc;

	if ((rc = training_prof_get(&r->svc, id, &f)) != SVC_OK ||
	    (rc = training_prof_sessions(&r->svc, id, &e, &n)) != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	api_begin(r, &w, status);
	jw_obj_open(&w);
	jw_key(&w, "professional");
	prof_json(&w, f);
	jw_key(&w, "sessions");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		enrolment_json(&w, &e[i], 1);
	jw_arr_close(&w);
	jw_obj_close(&w);
}

void
api_tr_prof_create(struct req *r)
{
	struct training_prof_new n;
	struct training_candidate *k = NULL;
	size_t nk = 0;
	int64_t id = 0;
	enum svc_rc rc;

	prof_fields(r, &n);
	rc = training_prof_add(&r->svc, &n, req_bool(r, "confirm_new"), &k,
	    &nk, &id);
	if (rc == SVC_CONFLICT && nk > 0) {
		candidates_fail(r, k, nk);
		return;
	}
	if (rc != SVC_OK) {
		api_fail(r, rc);
		return;
	}
	prof_answer(r, 201, id);
}

void
api_tr_prof(struct req *r)
{
	prof_answer(r, 200, req_param_id(r, 0));
}

void
api_tr_merge(struct req *r)
{
	int64_t into = req_int(r, "into");
	enum svc_rc rc;

	if ((rc = training_prof_merge(&r->svc, req_param_id(r, 0), into)) !=
	    SVC_OK) {
		api_fail(r, rc);
		return;
	}
	prof_answer(r, 200, into);
}
