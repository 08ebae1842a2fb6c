/*
 * training.c — accredited training: programmes, sessions, professionals,
 * enrolment, attendance and certificates (svc layer). See training.h.
 * Rules first, then one transaction with its audit row (ids and codes
 * only: no professional's name ever goes into the trail). A professional
 * is found again across spellings with names_fold() keys from SQL and the
 * score of names_match_score().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/calendar.h"
#include "child.h"
#include "consent.h"
#include "notify.h"
#include "training.h"

const char *const training_profiles[] = { "social_worker",
	"head_social_services", "child_protection_worker", "health",
	"education", "police", "ngo", "ministry", "local_staff", NULL };
const char *const training_session_statuses[] = { "planned", "held",
	"cancelled", NULL };
const char *const training_attendance_codes[] = { "enrolled", "attended",
	"partly", "absent", NULL };
const char *const training_sexes[] = { "female", "male", NULL };

/* ---------------------------------------------------------------- helpers */


/* A refused write of an object out of the actor's scope: audited, 404. */
static enum svc_rc
refused(struct svc *s, const char *type, int64_t id)
{
	(void)audit_record_tx(s->st, s->actor, NULL, "training.refused", type,
	    id, "scope");
	return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
}

static enum svc_rc
may_read(struct svc *s)
{
	if (!authz_allows(s->actor, PERM_TRAINING_READ, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

/* Professionals' names, agencies and attendance are personal data: not for
 * an actor of aggregate scope (a central analyst, DOMAIN.md §2), who reads
 * programmes, sessions and the counts. */
static enum svc_rc
may_read_people(struct svc *s)
{
	enum svc_rc rc;

	if ((rc = may_read(s)) != SVC_OK)
		return rc;
	if (s->actor->scope == SCOPE_AGGREGATE)
		return svc_fail(s, SVC_DENIED, NULL, "training.err.people");
	return SVC_OK;
}

static enum svc_rc
may_write(struct svc *s)
{
	if (!authz_allows(s->actor, PERM_TRAINING_WRITE, NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

/* 1 when country c is visible to the actor. */
static int
country_ok(struct svc *s, const char *c)
{
	const char *f = authz_country_filter(s->actor);

	return f == NULL || (c != NULL && strcmp(f, c) == 0);
}

/* Runs a list query into a fresh avec of elements of size. */
static enum svc_rc
list(struct svc *s, enum qid q, const struct sp *p, size_t np, store_cb cb,
    struct avec *l, size_t size)
{
	enum store_rc rc;

	avec_init(l, s->a, size, TRAINING_LIST_MAX);
	if ((rc = store_exec(s->st, q, p, np, cb, l, NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (l->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	return SVC_OK;
}

/* A required date of field as yyyy-mm-dd into out. */
static enum svc_rc
day(struct svc *s, const char *field, const char *v, char out[11])
{
	if (!cm_filled(v))
		return svc_fail(s, SVC_INVALID, field, "error.field.required");
	if (child_iso_date(v, out) != 0)
		return svc_fail(s, SVC_INVALID, field, "error.field.date");
	return SVC_OK;
}

/* Today as yyyy-mm-dd. */
static void
today(char out[11])
{
	int32_t d;

	if (cal_date_of(clock_now(), &d) != CAL_OK)
		d = 0;
	cal_date_format(d, out, 11);
}

struct text_arg {
	struct arena	*a;
	const char	*v;
};

static int
text_cb(void *arg, const struct store_row *r)
{
	struct text_arg *t = arg;

	t->v = cm_dup(t->a, r, 0);
	return 1;
}

/* The country of municipality muni, or NULL when there is none. */
static const char *
muni_country(struct svc *s, int64_t muni, enum svc_rc *rc)
{
	struct text_arg t = { s->a, NULL };
	struct sp p[] = { sp_int(muni) };
	enum store_rc src;

	*rc = SVC_OK;
	if (muni <= 0)
		return NULL;
	if ((src = store_exec(s->st, Q_TR_MUNI_COUNTRY, p, 1, text_cb, &t,
	    NULL)) != STORE_OK) {
		*rc = cm_unavailable(s, src);
		return NULL;
	}
	return t.v;
}

/* Plain text: no markup (no '<' or '>'), within max characters. */
static enum svc_rc
plain(struct svc *s, const char *field, const char *v, size_t max,
    int required)
{
	enum svc_rc rc;

	if ((rc = cm_text(s, field, v, max, required, 0)) != SVC_OK)
		return rc;
	if (strpbrk(svc_nz(v), "<>") != NULL)
		return svc_fail(s, SVC_INVALID, field, "training.err.markup");
	return SVC_OK;
}

/* ------------------------------------------------------------ programmes */

struct prog_args {
	const struct training_programme_new	*n;
	const char				*country, *key;
	char					 from[11], until[11];
	int64_t					 id;
};

static enum svc_rc
prog_tx(struct svc *s, void *arg)
{
	struct prog_args *a = arg;
	const struct training_programme_new *n = a->n;
	struct sp p[] = { sp_text(a->country), sp_text(n->title),
		sp_text(n->body), sp_text(a->key), sp_text(n->number),
		sp_text(a->from), sp_text(a->until), sp_int(n->hours),
		sp_int(s->actor->id), sp_int(clock_now()) };
	enum store_rc rc;
	size_t i;

	a->id = 0;
	if ((rc = store_exec(s->st, Q_TR_PROG_INSERT, p, 10, store_cb_int, &a->id,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "number",
			    "training.err.duplicate_number");
		return cm_unavailable(s, rc);
	}
	for (i = 0; i < n->nprofiles; i++) {
		struct sp q[] = { sp_int(a->id), sp_text(n->profiles[i]) };

		if ((rc = store_exec(s->st, Q_TR_PROG_PROFILE_ADD, q, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	return cm_audit(s, "training.programme.create", "training_programme",
	    a->id, arena_printf(s->a, "country=%s hours=%lld profiles=%zu",
	    a->country, (long long)n->hours, n->nprofiles));
}

enum svc_rc
training_programme_create(struct svc *s,
    const struct training_programme_new *n, int64_t *id)
{
	struct prog_args a;
	enum svc_rc rc;
	size_t i;

	if ((rc = may_write(s)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.n = n;
	a.country = cm_filled(n->country) ? n->country : s->actor->country;
	if (a.country == NULL)
		return svc_fail(s, SVC_INVALID, "country",
		    "error.field.required");
	if (strcmp(a.country, "XK") != 0 && strcmp(a.country, "AL") != 0)
		return svc_fail(s, SVC_INVALID, "country", "error.field.choice");
	if (!country_ok(s, a.country))
		return svc_fail(s, SVC_INVALID, "country",
		    "training.err.country");
	if ((rc = plain(s, "title", n->title, TRAINING_TITLE_MAX, 1)) !=
	    SVC_OK ||
	    (rc = plain(s, "body", n->body, TRAINING_BODY_MAX, 1)) != SVC_OK ||
	    (rc = plain(s, "number", n->number, TRAINING_NUMBER_MAX, 1)) !=
	    SVC_OK)
		return rc;
	if ((rc = day(s, "valid_from", n->valid_from, a.from)) != SVC_OK ||
	    (rc = day(s, "valid_until", n->valid_until, a.until)) != SVC_OK)
		return rc;
	if (strcmp(a.until, a.from) < 0)
		return svc_fail(s, SVC_INVALID, "valid_until",
		    "training.err.validity");
	if (n->hours <= 0)
		return svc_fail(s, SVC_INVALID, "hours", "training.err.hours");
	if (n->hours > TRAINING_HOURS_MAX)
		return svc_fail(s, SVC_INVALID, "hours",
		    "training.err.hours_absurd");
	if (n->nprofiles == 0)
		return svc_fail(s, SVC_INVALID, "profiles",
		    "training.err.no_profile");
	for (i = 0; i < n->nprofiles; i++)
		if (!svc_in_set(training_profiles, n->profiles[i]))
			return svc_fail(s, SVC_INVALID, "profiles",
			    "error.field.choice");
	if ((a.key = names_fold(s->a, n->body)) == NULL || *a.key == '\0')
		a.key = n->body;
	if ((rc = svc_tx(s, prog_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
prog_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct training_programme_info *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->country = cm_dup(l->a, r, 1);
	p->title = cm_dup(l->a, r, 2);
	p->body = cm_dup(l->a, r, 3);
	p->number = cm_dup(l->a, r, 4);
	p->valid_from = cm_dup(l->a, r, 5);
	p->valid_until = cm_dup(l->a, r, 6);
	p->hours = srow_int(r, 7);
	p->profiles = cm_dup(l->a, r, 8);
	p->sessions = srow_int(r, 9);
	p->participants = srow_int(r, 10);
	p->version = srow_int(r, 11);
	return 0;
}

enum svc_rc
training_programmes(struct svc *s, struct training_programme_info **out,
    size_t *n)
{
	struct sp p[] = { sp_text(authz_country_filter(s->actor)),
		sp_int(TRAINING_LIST_MAX) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = may_read(s)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_PROGS, p, 2, prog_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
training_programme_get(struct svc *s, int64_t id,
    struct training_programme_info **out)
{
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if ((rc = may_read(s)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_PROG_GET, p, 1, prog_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	if (!country_ok(s, ((struct training_programme_info *)l.v)->country))
		return refused(s, "training_programme", id);
	*out = l.v;
	return SVC_OK;
}

static int
count_cb(void *arg, const struct store_row *r)
{
	struct training_count *c = arg;
	const char *profile = srow_text(r, 0), *sex = srow_text(r, 1);
	size_t i;

	for (i = 0; training_profiles[i] != NULL; i++) {
		if (strcmp(training_profiles[i], profile) != 0)
			continue;
		if (strcmp(sex, "female") == 0)
			c[i].female += srow_int(r, 2);
		else
			c[i].male += srow_int(r, 2);
	}
	return 0;
}

enum svc_rc
training_programme_counts(struct svc *s, int64_t id,
    struct training_count **out, size_t *n)
{
	struct training_programme_info *pi;
	struct training_count *c;
	struct sp p[] = { sp_int(id) };
	enum store_rc src;
	enum svc_rc rc;
	size_t i, k;

	*out = NULL;
	*n = 0;
	if ((rc = training_programme_get(s, id, &pi)) != SVC_OK)
		return rc;
	for (k = 0; training_profiles[k] != NULL; k++)
		continue;
	if ((c = arena_zalloc(s->a, k * sizeof(*c))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (i = 0; i < k; i++)
		c[i].profile = training_profiles[i];
	if ((src = store_exec(s->st, Q_TR_PROG_COUNTS, p, 1, count_cb, c,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, src);
	*out = c;
	*n = k;
	return SVC_OK;
}

/* -------------------------------------------------------------- sessions */

static int
session_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct training_session_info *x;

	if ((x = avec_next(l)) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->programme_id = srow_int(r, 1);
	x->programme_title = cm_dup(l->a, r, 2);
	x->start = cm_dup(l->a, r, 3);
	x->end = cm_dup(l->a, r, 4);
	x->municipality_id = srow_int(r, 5);
	x->municipality_sq = cm_dup(l->a, r, 6);
	x->municipality_sr = cm_dup(l->a, r, 7);
	x->venue = cm_dup(l->a, r, 8);
	x->trainers = cm_dup(l->a, r, 9);
	x->status = cm_dup(l->a, r, 10);
	x->capacity = srow_int(r, 11);
	x->enrolled = srow_int(r, 12);
	x->version = srow_int(r, 13);
	return 0;
}

struct session_args {
	int64_t					 programme_id, id;
	const struct training_session_new	*n;
	char					 start[11], end[11];
};

static enum svc_rc
session_tx(struct svc *s, void *arg)
{
	struct session_args *a = arg;
	struct sp p[] = { sp_int(a->programme_id), sp_text(a->start),
		sp_text(a->end), sp_int(a->n->municipality_id),
		sp_text(a->n->venue), sp_text(a->n->trainers),
		sp_int(a->n->capacity), sp_int(s->actor->id),
		sp_int(clock_now()) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_TR_SESSION_INSERT, p, 9, store_cb_int, &a->id,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "training.session.create", "training_session", a->id,
	    arena_printf(s->a, "programme=%lld municipality=%lld capacity=%lld",
	    (long long)a->programme_id, (long long)a->n->municipality_id,
	    (long long)a->n->capacity));
}

/* 1 when the actor may write sessions of municipality muni (country c). */
static int
writes_muni(struct svc *s, int64_t muni, const char *c)
{
	struct authz_obj o;

	memset(&o, 0, sizeof(o));
	o.municipality_id = muni;
	o.country = c;
	return authz_allows(s->actor, PERM_TRAINING_WRITE, &o);
}

enum svc_rc
training_session_create(struct svc *s, int64_t programme_id,
    const struct training_session_new *n, int64_t *id)
{
	struct training_programme_info *pi;
	struct session_args a;
	const char *c;
	enum svc_rc rc;

	if ((rc = may_write(s)) != SVC_OK ||
	    (rc = training_programme_get(s, programme_id, &pi)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.programme_id = programme_id;
	a.n = n;
	if ((rc = day(s, "start", n->start, a.start)) != SVC_OK ||
	    (rc = day(s, "end", n->end, a.end)) != SVC_OK)
		return rc;
	if (strcmp(a.end, a.start) < 0)
		return svc_fail(s, SVC_INVALID, "end", "training.err.end");
	if (strcmp(a.start, pi->valid_from) < 0 ||
	    strcmp(a.start, pi->valid_until) > 0)
		return svc_fail(s, SVC_INVALID, "start",
		    "training.err.outside_validity");
	if (strcmp(a.end, pi->valid_until) > 0)
		return svc_fail(s, SVC_INVALID, "end",
		    "training.err.outside_validity");
	if (n->municipality_id <= 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((c = muni_country(s, n->municipality_id, &rc)) == NULL)
		return rc != SVC_OK ? rc : svc_fail(s, SVC_INVALID,
		    "municipality", "error.field.choice");
	if (strcmp(c, pi->country) != 0 ||
	    !writes_muni(s, n->municipality_id, c))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "training.err.municipality");
	if ((rc = plain(s, "venue", n->venue, TRAINING_VENUE_MAX, 1)) !=
	    SVC_OK ||
	    (rc = plain(s, "trainers", n->trainers, TRAINING_TRAINERS_MAX,
	    1)) != SVC_OK)
		return rc;
	if (n->capacity < 1 || n->capacity > TRAINING_CAPACITY_MAX)
		return svc_fail(s, SVC_INVALID, "capacity",
		    "training.err.capacity");
	if ((rc = svc_tx(s, session_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
training_sessions(struct svc *s, int64_t programme_id,
    struct training_session_info **out, size_t *n)
{
	struct training_programme_info *pi;
	struct sp p[] = { sp_int(programme_id), sp_int(TRAINING_LIST_MAX) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = training_programme_get(s, programme_id, &pi)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_SESSIONS, p, 2, session_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

enum svc_rc
training_session_get(struct svc *s, int64_t programme_id, int64_t id,
    struct training_session_info **out)
{
	struct training_programme_info *pi;
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if ((rc = training_programme_get(s, programme_id, &pi)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_SESSION_GET, p, 1, session_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	if (l.n == 0 || ((struct training_session_info *)l.v)->programme_id !=
	    programme_id)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	return SVC_OK;
}

int
training_session_writable(struct svc *s,
    const struct training_session_info *x)
{
	enum svc_rc rc;
	const char *c = muni_country(s, x->municipality_id, &rc);

	return c != NULL && writes_muni(s, x->municipality_id, c);
}

/* The session for a write: SVC_DENIED without the permission, and
 * SVC_NOTFOUND (audited) outside the actor's municipality. */
static enum svc_rc
session_for_write(struct svc *s, int64_t programme_id, int64_t id,
    struct training_session_info **x)
{
	enum svc_rc rc;

	if ((rc = may_write(s)) != SVC_OK ||
	    (rc = training_session_get(s, programme_id, id, x)) != SVC_OK)
		return rc;
	if (!training_session_writable(s, *x))
		return refused(s, "training_session", id);
	return SVC_OK;
}

struct status_args {
	int64_t		 id, version;
	const char	*status;
};

static enum svc_rc
status_tx(struct svc *s, void *arg)
{
	struct status_args *a = arg;
	struct sp p[] = { sp_int(a->id), sp_text(a->status),
		sp_int(clock_now()), sp_int(a->version) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_TR_SESSION_STATUS, p, 4, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, "version",
			    "training.err.conflict");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "training.session.status", "training_session", a->id,
	    arena_printf(s->a, "status=%s", a->status));
}

enum svc_rc
training_session_status(struct svc *s, int64_t programme_id, int64_t id,
    int64_t version, const char *status)
{
	struct training_session_info *x;
	struct status_args a;
	char now[11];
	enum svc_rc rc;

	if ((rc = session_for_write(s, programme_id, id, &x)) != SVC_OK)
		return rc;
	if (!svc_in_set(training_session_statuses, status) ||
	    strcmp(status, "planned") == 0)
		return svc_fail(s, SVC_INVALID, "status", "error.field.choice");
	if (strcmp(x->status, "planned") != 0)
		return svc_fail(s, SVC_INVALID, "status",
		    "training.err.status_final");
	if (x->version != version)
		return svc_fail(s, SVC_CONFLICT, "version",
		    "training.err.conflict");
	today(now);
	if (strcmp(status, "held") == 0 && strcmp(x->start, now) > 0)
		return svc_fail(s, SVC_INVALID, "status",
		    "training.err.not_started");
	a.id = id;
	a.version = version;
	a.status = status;
	return svc_tx(s, status_tx, &a);
}

/* --------------------------------------------------------- professionals */

static int
prof_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct training_prof_info *p;

	if ((p = avec_next(l)) == NULL)
		return 1;
	p->id = srow_int(r, 0);
	p->given = cm_dup(l->a, r, 1);
	p->family = cm_dup(l->a, r, 2);
	p->sex = cm_dup(l->a, r, 3);
	p->profile = cm_dup(l->a, r, 4);
	p->agency_id = srow_int(r, 5);
	p->agency_name = cm_dup(l->a, r, 6);
	p->organisation = cm_dup(l->a, r, 7);
	p->municipality_id = srow_int(r, 8);
	p->municipality_sq = cm_dup(l->a, r, 9);
	p->municipality_sr = cm_dup(l->a, r, 10);
	p->email = cm_dup(l->a, r, 11);
	p->merged_into = srow_int(r, 12);
	p->sessions = srow_int(r, 13);
	p->version = srow_int(r, 14);
	return 0;
}

struct agency_row {
	int64_t	muni;
	char	country[3];
	int	found;
};

static int
agency_cb(void *arg, const struct store_row *r)
{
	struct agency_row *g = arg;

	g->muni = srow_int(r, 0);
	snprintf(g->country, sizeof(g->country), "%s", srow_text(r, 1));
	g->found = 1;
	return 1;
}

enum svc_rc
training_prof_check(struct svc *s, const struct training_prof_new *n)
{
	struct agency_row g;
	struct sp p[1];
	const char *c, *fg, *ff;
	enum store_rc src;
	enum svc_rc rc;

	if ((rc = may_write(s)) != SVC_OK)
		return rc;
	if ((rc = plain(s, "given_name", n->given, TRAINING_NAME_MAX, 1)) !=
	    SVC_OK ||
	    (rc = plain(s, "family_name", n->family, TRAINING_NAME_MAX, 1)) !=
	    SVC_OK)
		return rc;
	if ((fg = n->fold_given) == NULL)
		fg = names_fold(s->a, n->given);
	if (fg == NULL || *fg == '\0')
		return svc_fail(s, SVC_INVALID, "given_name",
		    "training.err.name");
	if ((ff = n->fold_family) == NULL)
		ff = names_fold(s->a, n->family);
	if (ff == NULL || *ff == '\0')
		return svc_fail(s, SVC_INVALID, "family_name",
		    "training.err.name");
	if (!svc_in_set(training_sexes, n->sex))
		return svc_fail(s, SVC_INVALID, "sex", cm_filled(n->sex) ?
		    "error.field.choice" : "error.field.required");
	if (!svc_in_set(training_profiles, n->profile))
		return svc_fail(s, SVC_INVALID, "profile", cm_filled(n->profile) ?
		    "error.field.choice" : "error.field.required");
	if (n->municipality_id <= 0)
		return svc_fail(s, SVC_INVALID, "municipality",
		    "error.field.required");
	if ((c = n->country) == NULL &&
	    (c = muni_country(s, n->municipality_id, &rc)) == NULL)
		return rc != SVC_OK ? rc : svc_fail(s, SVC_INVALID,
		    "municipality", "error.field.choice");
	if (!country_ok(s, c))
		return svc_fail(s, SVC_INVALID, "municipality",
		    "training.err.country");
	if ((rc = plain(s, "organisation", n->organisation, TRAINING_ORG_MAX,
	    0)) != SVC_OK)
		return rc;
	if (n->agency_id != 0) {
		memset(&g, 0, sizeof(g));
		p[0] = sp_int(n->agency_id);
		if ((src = store_exec(s->st, Q_TR_AGENCY, p, 1, agency_cb, &g,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, src);
		if (!g.found || (g.country[0] != '\0' && strcmp(g.country, c)
		    != 0))
			return svc_fail(s, SVC_INVALID, "agency",
			    "error.field.choice");
	} else if (!cm_filled(n->organisation))
		return svc_fail(s, SVC_INVALID, "organisation",
		    "training.err.agency_or_org");
	if (cm_filled(n->email) && (!svc_text_ok(n->email,
	    TRAINING_EMAIL_MAX, 0) || !notify_email_ok(n->email)))
		return svc_fail(s, SVC_INVALID, "email", "training.err.email");
	return SVC_OK;
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct training_candidate *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->p->id < y->p->id ? -1 : x->p->id > y->p->id;
}

static enum names_sex
sex_of(const char *v)
{
	if (v != NULL && strcmp(v, "female") == 0)
		return NAMES_SEX_FEMALE;
	if (v != NULL && strcmp(v, "male") == 0)
		return NAMES_SEX_MALE;
	return NAMES_SEX_UNKNOWN;
}

enum svc_rc
training_prof_candidates(struct svc *s, const struct training_prof_new *n,
    struct training_candidate **out, size_t *nout)
{
	struct training_prof_info *p;
	struct training_candidate *c;
	struct name_query q;
	struct name_candidate b;
	struct match_result m;
	const char *fg, *ff;
	struct avec l;
	enum svc_rc rc;
	size_t i, k = 0;

	*out = NULL;
	*nout = 0;
	fg = names_fold(s->a, svc_nz(n->given));
	ff = names_fold(s->a, svc_nz(n->family));
	if (fg == NULL || ff == NULL || (*fg == '\0' && *ff == '\0'))
		return SVC_OK;
	{
		struct sp pp[] = { sp_text(ff), sp_text(fg),
			sp_text(authz_country_filter(s->actor)),
			sp_int(TRAINING_LIST_MAX) };

		if ((rc = list(s, Q_TR_PROF_CANDIDATES, pp, 4, prof_cb, &l,
		    sizeof(*p))) != SVC_OK)
			return rc;
	}
	p = l.v;
	if ((c = arena_zalloc(s->a, (l.n + 1) * sizeof(*c))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	memset(&q, 0, sizeof(q));
	q.given = n->given;
	q.family = n->family;
	q.sex = sex_of(n->sex);
	for (i = 0; i < l.n; i++) {
		memset(&b, 0, sizeof(b));
		b.child_id = p[i].id;
		b.person.given = p[i].given;
		b.person.family = p[i].family;
		b.person.sex = sex_of(p[i].sex);
		if (names_match_score(&q, &b, &m) < NAMES_SCORE_POSSIBLE)
			continue;
		c[k].score = m.score;
		c[k].m = m;
		c[k].p = &p[i];
		k++;
	}
	qsort(c, k, sizeof(*c), cand_cmp);
	*out = c;
	*nout = k < TRAINING_CANDIDATES_MAX ? k : TRAINING_CANDIDATES_MAX;
	return SVC_OK;
}

enum svc_rc
training_prof_add_in_tx(struct svc *s, const struct training_prof_new *n,
    int confirm_new, struct training_candidate **cand, size_t *ncand,
    int64_t *id)
{
	struct training_candidate *c = NULL;
	size_t nc = 0;
	const char *fg, *ff;
	enum store_rc src;
	enum svc_rc rc;
	int64_t pid = 0;

	if (cand != NULL)
		*cand = NULL;
	if (ncand != NULL)
		*ncand = 0;
	if ((rc = training_prof_check(s, n)) != SVC_OK)
		return rc;
	if (!confirm_new) {
		if ((rc = training_prof_candidates(s, n, &c, &nc)) != SVC_OK)
			return rc;
		if (nc > 0) {
			if (cand != NULL)
				*cand = c;
			if (ncand != NULL)
				*ncand = nc;
			return svc_fail(s, SVC_CONFLICT, "family_name",
			    "training.err.candidates");
		}
	}
	fg = names_fold(s->a, n->given);
	ff = names_fold(s->a, n->family);
	{
		struct sp p[] = { sp_text(n->given), sp_text(n->family),
			sp_text(fg), sp_text(ff), sp_text(n->sex),
			sp_text(n->profile), sp_id(n->agency_id),
			sp_text(svc_nz(n->organisation)),
			sp_int(n->municipality_id), sp_text(svc_nz(n->email)),
			sp_int(s->actor->id), sp_int(clock_now()) };

		if ((src = store_exec(s->st, Q_TR_PROF_INSERT, p, 12, store_cb_int,
		    &pid, NULL)) != STORE_OK)
			return cm_unavailable(s, src);
	}
	if ((rc = cm_audit(s, "training.professional.create", "professional",
	    pid, arena_printf(s->a, "profile=%s municipality=%lld%s",
	    n->profile, (long long)n->municipality_id, confirm_new ?
	    " confirm_new=1" : ""))) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = pid;
	return SVC_OK;
}

struct prof_args {
	const struct training_prof_new	 *n;
	int				  confirm_new;
	struct training_candidate	**cand;
	size_t				 *ncand;
	int64_t				  id;
	/* For an enrolment in the same transaction. */
	int64_t				  session_id, capacity, eid;
};

static enum svc_rc
prof_tx(struct svc *s, void *arg)
{
	struct prof_args *a = arg;

	return training_prof_add_in_tx(s, a->n, a->confirm_new, a->cand,
	    a->ncand, &a->id);
}

enum svc_rc
training_prof_add(struct svc *s, const struct training_prof_new *n,
    int confirm_new, struct training_candidate **cand, size_t *ncand,
    int64_t *id)
{
	struct prof_args a;
	enum svc_rc rc;

	if ((rc = training_prof_check(s, n)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.n = n;
	a.confirm_new = confirm_new;
	a.cand = cand;
	a.ncand = ncand;
	if ((rc = svc_tx(s, prof_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

enum svc_rc
training_profs(struct svc *s, const char *q, const char *profile,
    int64_t muni, struct training_prof_info **out, size_t *n)
{
	struct name_tokens t;
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = may_read_people(s)) != SVC_OK)
		return rc;
	memset(&t, 0, sizeof(t));
	if (cm_filled(q) && names_tokens(s->a, q, &t) != 0)
		return svc_fail(s, SVC_INVALID, "q", "error.field.invalid");
	if (profile != NULL && *profile != '\0' &&
	    !svc_in_set(training_profiles, profile))
		return svc_fail(s, SVC_INVALID, "profile", "error.field.choice");
	{
		struct sp p[] = { sp_text(profile && *profile ? profile : NULL),
			sp_int(muni), sp_text(authz_country_filter(s->actor)),
			sp_int(TRAINING_LIST_MAX),
			sp_text(t.n > 0 ? t.tok[0] : NULL),
			sp_text(t.n > 1 ? t.tok[t.n - 1] : NULL) };

		if ((rc = list(s, Q_TR_PROFS, p, 6, prof_cb, &l,
		    sizeof(**out))) != SVC_OK)
			return rc;
	}
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* Professional id as the actor may see it (any record, merged too). */
static enum svc_rc
prof_get(struct svc *s, int64_t id, struct training_prof_info **out)
{
	struct sp p[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;
	const char *c;

	*out = NULL;
	if ((rc = may_read_people(s)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_PROF_GET, p, 1, prof_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	*out = l.v;
	if ((c = muni_country(s, (*out)->municipality_id, &rc)) == NULL ||
	    !country_ok(s, c)) {
		*out = NULL;
		return refused(s, "professional", id);
	}
	return SVC_OK;
}

enum svc_rc
training_prof_get(struct svc *s, int64_t id, struct training_prof_info **out)
{
	return prof_get(s, id, out);
}

static int
enrol_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct training_enrolment_info *e;

	if ((e = avec_next(l)) == NULL)
		return 1;
	e->id = srow_int(r, 0);
	e->session_id = srow_int(r, 1);
	e->professional_id = srow_int(r, 2);
	e->given = cm_dup(l->a, r, 3);
	e->family = cm_dup(l->a, r, 4);
	e->sex = cm_dup(l->a, r, 5);
	e->profile = cm_dup(l->a, r, 6);
	e->status = cm_dup(l->a, r, 7);
	e->hours = srow_int(r, 8);
	e->certificate = cm_dup(l->a, r, 9);
	e->programme_id = srow_int(r, 10);
	e->programme_title = cm_dup(l->a, r, 11);
	e->start = cm_dup(l->a, r, 12);
	e->end = cm_dup(l->a, r, 13);
	e->session_status = cm_dup(l->a, r, 14);
	return 0;
}

enum svc_rc
training_prof_sessions(struct svc *s, int64_t id,
    struct training_enrolment_info **out, size_t *n)
{
	struct training_prof_info *p;
	struct sp q[] = { sp_int(id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = prof_get(s, id, &p)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_PROF_SESSIONS, q, 1, enrol_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

struct merge_args {
	int64_t	id, into;
};

static enum svc_rc
merge_tx(struct svc *s, void *arg)
{
	struct merge_args *a = arg;
	struct sp p[] = { sp_int(a->into), sp_int(a->id) };
	struct sp m[] = { sp_int(a->id), sp_int(a->into) };
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_TR_MERGE_BEST, p, 2, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_TR_MERGE_DROP, p, 2, NULL, NULL,
	    NULL)) != STORE_OK ||
	    (rc = store_exec(s->st, Q_TR_MERGE_MOVE, p, 2, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if ((rc = store_exec(s->st, Q_TR_MERGE_CERTS, p, 2, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "into",
			    "training.err.merge_certificates");
		return cm_unavailable(s, rc);
	}
	if ((rc = store_exec(s->st, Q_TR_MERGE_MARK, m, 2, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, "into",
			    "training.err.merged");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "training.professional.merge", "professional", a->id,
	    arena_printf(s->a, "into=%lld", (long long)a->into));
}

enum svc_rc
training_prof_merge(struct svc *s, int64_t id, int64_t into)
{
	struct training_prof_info *a, *b;
	struct merge_args m;
	enum svc_rc rc;

	if ((rc = may_write(s)) != SVC_OK)
		return rc;
	if ((rc = prof_get(s, id, &a)) != SVC_OK)
		return rc;
	if (!writes_muni(s, a->municipality_id, NULL))
		return refused(s, "professional", id);
	if (into == id)
		return svc_fail(s, SVC_INVALID, "into", "training.err.merge_self");
	if ((rc = prof_get(s, into, &b)) != SVC_OK) {
		if (rc != SVC_NOTFOUND)
			return rc;
		return svc_fail(s, SVC_INVALID, "into", "error.notfound");
	}
	if (!writes_muni(s, b->municipality_id, NULL))
		return svc_fail(s, SVC_INVALID, "into", "error.notfound");
	if (a->merged_into != 0 || b->merged_into != 0)
		return svc_fail(s, SVC_INVALID, "into", "training.err.merged");
	m.id = id;
	m.into = into;
	return svc_tx(s, merge_tx, &m);
}

/* ------------------------------------------------------------ enrolment */

/* Enrols professional pid in session a->session_id (inside a transaction):
 * the capacity, then the unique pair. */
static enum svc_rc
enrol_in_tx(struct svc *s, struct prof_args *a, int64_t pid)
{
	struct sp c[] = { sp_int(a->session_id) };
	struct sp p[] = { sp_int(a->session_id), sp_int(pid),
		sp_int(s->actor->id), sp_int(clock_now()) };
	struct sp t[] = { sp_int(a->session_id), sp_int(clock_now()) };
	int64_t n = 0;
	enum store_rc rc;

	if ((rc = store_exec(s->st, Q_TR_ENROL_COUNT, c, 1, store_cb_int, &n,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (n >= a->capacity)
		return svc_fail(s, SVC_CONFLICT, "professional",
		    "training.err.full");
	if ((rc = store_exec(s->st, Q_TR_ENROL_INSERT, p, 4, store_cb_int, &a->eid,
	    NULL)) != STORE_OK) {
		if (rc == STORE_CONFLICT)
			return svc_fail(s, SVC_CONFLICT, "professional",
			    "training.err.enrolled_twice");
		return cm_unavailable(s, rc);
	}
	if ((rc = store_exec(s->st, Q_TR_SESSION_TOUCH, t, 2, NULL, NULL,
	    NULL)) != STORE_OK)
		return cm_unavailable(s, rc);
	return cm_audit(s, "training.enrol", "training_session", a->session_id,
	    arena_printf(s->a, "professional=%lld enrolment=%lld",
	    (long long)pid, (long long)a->eid));
}

static enum svc_rc
enrol_tx(struct svc *s, void *arg)
{
	struct prof_args *a = arg;

	return enrol_in_tx(s, a, a->id);
}

static enum svc_rc
enrol_new_tx(struct svc *s, void *arg)
{
	struct prof_args *a = arg;
	enum svc_rc rc;

	if ((rc = training_prof_add_in_tx(s, a->n, a->confirm_new, a->cand,
	    a->ncand, &a->id)) != SVC_OK)
		return rc;
	return enrol_in_tx(s, a, a->id);
}

/* The session open for enrolment, for a write. */
static enum svc_rc
session_for_enrol(struct svc *s, int64_t programme_id, int64_t session_id,
    struct training_session_info **x)
{
	enum svc_rc rc;

	if ((rc = session_for_write(s, programme_id, session_id, x)) !=
	    SVC_OK)
		return rc;
	if (strcmp((*x)->status, "cancelled") == 0)
		return svc_fail(s, SVC_INVALID, "professional",
		    "training.err.cancelled");
	if ((*x)->enrolled >= (*x)->capacity)
		return svc_fail(s, SVC_CONFLICT, "professional",
		    "training.err.full");
	return SVC_OK;
}

enum svc_rc
training_enrol(struct svc *s, int64_t programme_id, int64_t session_id,
    int64_t pid, int64_t *id)
{
	struct training_session_info *x;
	struct training_prof_info *p;
	struct prof_args a;
	enum svc_rc rc;

	if ((rc = session_for_enrol(s, programme_id, session_id, &x)) !=
	    SVC_OK)
		return rc;
	if ((rc = prof_get(s, pid, &p)) != SVC_OK) {
		if (rc != SVC_NOTFOUND)
			return rc;
		return svc_fail(s, SVC_INVALID, "professional",
		    "error.notfound");
	}
	if (p->merged_into != 0)
		return svc_fail(s, SVC_INVALID, "professional",
		    "training.err.merged");
	memset(&a, 0, sizeof(a));
	a.session_id = session_id;
	a.capacity = x->capacity;
	a.id = pid;
	if ((rc = svc_tx(s, enrol_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.eid;
	return SVC_OK;
}

enum svc_rc
training_enrol_new(struct svc *s, int64_t programme_id, int64_t session_id,
    const struct training_prof_new *n, int confirm_new,
    struct training_candidate **cand, size_t *ncand, int64_t *pid)
{
	struct training_session_info *x;
	struct prof_args a;
	enum svc_rc rc;

	if (cand != NULL)
		*cand = NULL;
	if (ncand != NULL)
		*ncand = 0;
	if ((rc = session_for_enrol(s, programme_id, session_id, &x)) !=
	    SVC_OK)
		return rc;
	if ((rc = training_prof_check(s, n)) != SVC_OK)
		return rc;
	memset(&a, 0, sizeof(a));
	a.n = n;
	a.confirm_new = confirm_new;
	a.cand = cand;
	a.ncand = ncand;
	a.session_id = session_id;
	a.capacity = x->capacity;
	if ((rc = svc_tx(s, enrol_new_tx, &a)) != SVC_OK)
		return rc;
	if (pid != NULL)
		*pid = a.id;
	return SVC_OK;
}

enum svc_rc
training_enrolments(struct svc *s, int64_t session_id,
    struct training_enrolment_info **out, size_t *n)
{
	struct training_programme_info *pi;
	struct training_session_info *x;
	struct sp p[] = { sp_int(session_id) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = may_read_people(s)) != SVC_OK)
		return rc;
	/* The session's programme must be visible to the actor. */
	if ((rc = list(s, Q_TR_SESSION_GET, p, 1, session_cb, &l,
	    sizeof(*x))) != SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	x = l.v;
	if ((rc = training_programme_get(s, x->programme_id, &pi)) != SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_ENROLMENTS, p, 1, enrol_cb, &l,
	    sizeof(**out))) != SVC_OK)
		return rc;
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ----------------------------------------------------------- attendance */

struct mark_args {
	int64_t				 session_id, version;
	const struct training_mark	*m;
	size_t				 n;
	int64_t				*hours;
	size_t				 attended, partly, absent;
};

static enum svc_rc
mark_tx(struct svc *s, void *arg)
{
	struct mark_args *a = arg;
	struct sp b[] = { sp_int(a->session_id), sp_int(a->version),
		sp_int(clock_now()) };
	enum store_rc rc;
	size_t i;

	for (i = 0; i < a->n; i++) {
		struct sp p[] = { sp_int(a->m[i].enrolment_id),
			sp_int(a->session_id), sp_text(a->m[i].status),
			sp_int(a->hours[i]), sp_int(clock_now()) };

		if ((rc = store_exec(s->st, Q_TR_MARK, p, 5, NULL, NULL,
		    NULL)) != STORE_OK) {
			if (rc == STORE_NOTFOUND)
				return svc_fail(s, SVC_INVALID,
				    arena_printf(s->a, "status_%zu", i + 1),
				    "error.notfound");
			return cm_unavailable(s, rc);
		}
	}
	if ((rc = store_exec(s->st, Q_TR_SESSION_BUMP, b, 3, NULL, NULL,
	    NULL)) != STORE_OK) {
		if (rc == STORE_NOTFOUND)
			return svc_fail(s, SVC_CONFLICT, "version",
			    "training.err.conflict");
		return cm_unavailable(s, rc);
	}
	return cm_audit(s, "training.attendance", "training_session",
	    a->session_id, arena_printf(s->a,
	    "rows=%zu attended=%zu partly=%zu absent=%zu", a->n, a->attended,
	    a->partly, a->absent));
}

enum svc_rc
training_attendance(struct svc *s, int64_t programme_id, int64_t session_id,
    int64_t version, const struct training_mark *m, size_t n)
{
	struct training_programme_info *pi;
	struct training_session_info *x;
	struct mark_args a;
	const char *sf, *hf;
	enum svc_rc rc;
	int64_t h, max;
	size_t i;

	if ((rc = session_for_write(s, programme_id, session_id, &x)) !=
	    SVC_OK ||
	    (rc = training_programme_get(s, programme_id, &pi)) != SVC_OK)
		return rc;
	if (strcmp(x->status, "held") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "training.err.not_held");
	if (x->version != version)
		return svc_fail(s, SVC_CONFLICT, "version",
		    "training.err.conflict");
	if (n == 0)
		return svc_fail(s, SVC_INVALID, NULL,
		    "training.err.no_participants");
	memset(&a, 0, sizeof(a));
	if ((a.hours = arena_zalloc(s->a, n * sizeof(*a.hours))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	max = pi->hours;
	for (i = 0; i < n; i++) {
		sf = arena_printf(s->a, "status_%zu", i + 1);
		hf = arena_printf(s->a, "hours_%zu", i + 1);
		h = m[i].hours;
		if (!svc_in_set(training_attendance_codes, m[i].status))
			return svc_fail(s, SVC_INVALID, sf,
			    "error.field.choice");
		if (strcmp(m[i].status, "attended") == 0) {
			if (h < 0)
				h = max;
			if (h < 1 || h > max)
				return svc_fail(s, SVC_INVALID, hf,
				    "training.err.hours_attended");
			a.attended++;
		} else if (strcmp(m[i].status, "partly") == 0) {
			if (h < 1 || h >= max)
				return svc_fail(s, SVC_INVALID, hf,
				    "training.err.hours_partly");
			a.partly++;
		} else {
			if (h > 0)
				return svc_fail(s, SVC_INVALID, hf,
				    "training.err.hours_absent");
			h = 0;
			if (strcmp(m[i].status, "absent") == 0)
				a.absent++;
		}
		a.hours[i] = h;
	}
	a.session_id = session_id;
	a.version = version;
	a.m = m;
	a.n = n;
	return svc_tx(s, mark_tx, &a);
}

/* ---------------------------------------------------------- certificates */

struct due {
	int64_t	prof, hours;
};

static int
due_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct due *d;

	if ((d = avec_next(l)) == NULL)
		return 1;
	d->prof = srow_int(r, 0);
	d->hours = srow_int(r, 1);
	return 0;
}

struct cert_args {
	int64_t	programme_id, session_id;
	int	year;
	size_t	issued;
};

static enum svc_rc
cert_tx(struct svc *s, void *arg)
{
	struct cert_args *a = arg;
	struct sp p[] = { sp_int(a->session_id) };
	struct sp q[] = { sp_int(a->programme_id), sp_int(a->year) };
	struct avec l;
	struct due *d;
	enum store_rc rc;
	enum svc_rc src;
	int64_t seq, cid;
	size_t i;

	if ((src = list(s, Q_TR_CERT_DUE, p, 1, due_cb, &l, sizeof(*d))) !=
	    SVC_OK)
		return src;
	d = l.v;
	for (i = 0; i < l.n; i++) {
		const char *number;

		seq = 0;
		if ((rc = store_exec(s->st, Q_TR_CERT_NEXT, q, 2, store_cb_int, &seq,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
		number = arena_printf(s->a, "TR-%lld-%d-%04lld",
		    (long long)a->programme_id, a->year, (long long)seq);
		{
			struct sp c[] = { sp_int(a->programme_id),
				sp_int(a->session_id), sp_int(d[i].prof),
				sp_int(a->year), sp_int(seq), sp_text(number),
				sp_int(d[i].hours), sp_int(s->actor->id),
				sp_int(clock_now()) };

			if ((rc = store_exec(s->st, Q_TR_CERT_INSERT, c, 9,
			    store_cb_int, &cid, NULL)) != STORE_OK)
				return cm_unavailable(s, rc);
		}
	}
	a->issued = l.n;
	return cm_audit(s, "training.certificates", "training_session",
	    a->session_id, arena_printf(s->a, "issued=%zu year=%d", l.n,
	    a->year));
}

enum svc_rc
training_certificates_issue(struct svc *s, int64_t programme_id,
    int64_t session_id, size_t *issued)
{
	struct training_session_info *x;
	struct cert_args a;
	enum svc_rc rc;

	if (issued != NULL)
		*issued = 0;
	if ((rc = session_for_write(s, programme_id, session_id, &x)) !=
	    SVC_OK)
		return rc;
	if (strcmp(x->status, "held") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "training.err.not_held");
	memset(&a, 0, sizeof(a));
	a.programme_id = programme_id;
	a.session_id = session_id;
	a.year = atoi(x->end);
	if ((rc = svc_tx(s, cert_tx, &a)) != SVC_OK)
		return rc;
	if (issued != NULL)
		*issued = a.issued;
	return SVC_OK;
}

static int
cert_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct training_cert_info *c;

	if ((c = avec_next(l)) == NULL)
		return 1;
	c->id = srow_int(r, 0);
	c->programme_id = srow_int(r, 1);
	c->session_id = srow_int(r, 2);
	c->professional_id = srow_int(r, 3);
	c->number = cm_dup(l->a, r, 4);
	c->year = srow_int(r, 5);
	c->hours = srow_int(r, 6);
	c->issued_at = srow_int(r, 7);
	c->given = cm_dup(l->a, r, 8);
	c->family = cm_dup(l->a, r, 9);
	c->title = cm_dup(l->a, r, 10);
	c->body = cm_dup(l->a, r, 11);
	c->acc_number = cm_dup(l->a, r, 12);
	c->start = cm_dup(l->a, r, 13);
	c->end = cm_dup(l->a, r, 14);
	c->venue = cm_dup(l->a, r, 15);
	c->municipality_sq = cm_dup(l->a, r, 16);
	c->municipality_sr = cm_dup(l->a, r, 17);
	c->programme_hours = srow_int(r, 18);
	return 0;
}

enum svc_rc
training_certificate_get(struct svc *s, int64_t programme_id,
    int64_t session_id, int64_t pid, struct training_cert_info **out)
{
	struct training_session_info *x;
	struct sp p[] = { sp_int(session_id), sp_int(pid) };
	struct avec l;
	enum svc_rc rc;

	*out = NULL;
	if ((rc = training_session_get(s, programme_id, session_id, &x)) !=
	    SVC_OK)
		return rc;
	if ((rc = list(s, Q_TR_CERT_GET, p, 2, cert_cb, &l, sizeof(**out))) !=
	    SVC_OK)
		return rc;
	if (l.n == 0)
		return svc_fail(s, SVC_NOTFOUND, NULL,
		    "training.err.no_certificate");
	*out = l.v;
	return SVC_OK;
}
