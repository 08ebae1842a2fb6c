/*
 * test_training.c — accredited training (src/svc/training.c), negative
 * first: programmes (validity, hours, profiles, a duplicate accreditation
 * number of one body), sessions (dates within the validity, capacity, the
 * municipal administrator's scope), professionals found again across three
 * spellings (Đorđević / Djordjevic / Ђорђевић), enrolment (capacity, twice),
 * attendance (held only, hours per status, stale version), certificates
 * (sequential per programme and year, none for the absent), the counts by
 * profile and sex, and a merge of two records of one person.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/training.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris, hani_m, pris_m, tirana_m;
	struct actor	*admin, *padmin, *sup, *cw, *analyst, *aud, *aladmin;
};

static int64_t
count(struct ctx *c, const char *sql)
{
	return fx_raw_int(c->f, sql);
}

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t t1, min, alq;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13",
	    NULL);
	alq = fx_agency(f, "NJMF-TIRANE", AGENCY_SOCIAL_WORK, "AL53", NULL);
	min = fx_agency(f, "MPMS-XK", AGENCY_MINISTRY, NULL, "XK");
	c->hani_m = fx_muni(f, "XK09");
	c->pris_m = fx_muni(f, "XK13");
	c->tirana_m = fx_muni(f, "AL53");
	t1 = fx_team(f, c->hani, "Ekipi 1");
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    c->pris, 0));
	c->aladmin = fx_actor(f, fx_user(f, "admin.tirane",
	    ROLE_MUNICIPAL_ADMIN, alq, 0));
	c->sup = fx_actor(f, fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani,
	    0));
	c->cw = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, t1));
	c->analyst = fx_actor(f, fx_user(f, "analyst", ROLE_CENTRAL_ANALYST,
	    min, 0));
	c->aud = fx_actor(f, fx_user(f, "auditor", ROLE_AUDITOR, min, 0));
	if (!c->hani || !c->pris || !alq || !c->admin || !c->padmin ||
	    !c->aladmin || !c->sup || !c->cw || !c->analyst || !c->aud ||
	    !c->hani_m || !c->pris_m || !c->tirana_m)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	*state = c->f;
	free(c);
	return fx_teardown(state);
}

static const char *const all_profiles[] = { "social_worker", "police" };

static void
prog_init(struct training_programme_new *n)
{
	memset(n, 0, sizeof(*n));
	n->title = "Menaxhimi i rastit për mbrojtjen e fëmijëve";
	n->body = "Agjencia e Akreditimit";
	n->number = "AK-2024-017";
	n->valid_from = "01.01.2024";
	n->valid_until = "2026-12-31";
	n->hours = 24;
	n->profiles = all_profiles;
	n->nprofiles = 2;
}

static int64_t
programme(struct ctx *c, const char *number)
{
	struct svc s = fx_svc(c->f, c->admin);
	struct training_programme_new n;
	int64_t id = 0;

	prog_init(&n);
	n.number = number;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_OK);
	return id;
}

static void
session_init(struct ctx *c, struct training_session_new *n)
{
	memset(n, 0, sizeof(*n));
	n->start = "2025-10-01";
	n->end = "03.10.2025";
	n->venue = "Salla e Kuvendit Komunal";
	n->trainers = "Vjosa Berisha, Nenad Jovanović";
	n->municipality_id = c->hani_m;
	n->capacity = 3;
}

static int64_t
session(struct ctx *c, int64_t prog, int64_t capacity)
{
	struct svc s = fx_svc(c->f, c->admin);
	struct training_session_new n;
	int64_t id = 0;

	session_init(c, &n);
	n.capacity = capacity;
	assert_int_equal(training_session_create(&s, prog, &n, &id), SVC_OK);
	return id;
}

static void
prof_init(struct ctx *c, struct training_prof_new *n, const char *given,
    const char *family, const char *sex, const char *profile)
{
	memset(n, 0, sizeof(*n));
	n->given = given;
	n->family = family;
	n->sex = sex;
	n->profile = profile;
	n->organisation = "QPS Hani i Elezit";
	n->municipality_id = c->hani_m;
}

static int64_t
prof(struct ctx *c, const char *given, const char *family, const char *sex,
    const char *profile)
{
	struct svc s = fx_svc(c->f, c->admin);
	struct training_prof_new n;
	int64_t id = 0;

	prof_init(c, &n, given, family, sex, profile);
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_OK);
	return id;
}

static int64_t
sversion(struct ctx *c, int64_t sid)
{
	return count(c, arena_printf(c->f->a, "SELECT version FROM"
	    " training_session WHERE id = %lld", (long long)sid));
}

/* ------------------------------------------------------------ programmes */

static void
test_programme_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_programme_new n;
	static const char *const bad[] = { "social_worker", "astronaut" };
	int64_t id;

	/* Validity ending before it starts. */
	prog_init(&n);
	n.valid_until = "31.12.2023";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "valid_until");
	assert_string_equal(s.err.msg, "training.err.validity");
	/* Hours zero, negative, absurd. */
	prog_init(&n);
	n.hours = 0;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "hours");
	n.hours = -5;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.hours");
	n.hours = 1001;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.hours_absurd");
	/* No profile, an unknown one. */
	prog_init(&n);
	n.nprofiles = 0;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "profiles");
	n.profiles = bad;
	n.nprofiles = 2;
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.choice");
	/* Bad dates, markup, missing title. */
	prog_init(&n);
	n.valid_from = "31.02.2024";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "valid_from");
	prog_init(&n);
	n.title = "<script>x</script>";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "title");
	n.title = "  ";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.msg, "error.field.required");
	/* Another country than the administrator's. */
	prog_init(&n);
	n.country = "AL";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "country");
	/* Roles without the permission. */
	prog_init(&n);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_DENIED);
	s = fx_svc(c->f, c->cw);
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_DENIED);
	s = fx_svc(c->f, c->analyst);
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_DENIED);
	assert_int_equal(count(c, "SELECT count(*) FROM training_programme"),
	    0);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action LIKE 'training.%'"), 0);
}

static void
test_programme_duplicate_number(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_programme_new n;
	int64_t id = 0;

	programme(c, "AK-2024-017");
	/* The same body spelled otherwise, the same number. */
	prog_init(&n);
	n.body = "AGJENCIA E AKREDITIMIT ";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_CONFLICT);
	assert_string_equal(s.err.field, "number");
	assert_string_equal(s.err.msg, "training.err.duplicate_number");
	/* Another body may use the number. */
	n.body = "Ministria e Punës dhe Mirëqenies Sociale";
	assert_int_equal(training_programme_create(&s, &n, &id), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM training_programme"),
	    2);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.programme.create'"), 2);
}

static void
test_programme_read(void **state)
{
	struct ctx *c = *state;
	struct training_programme_info *p;
	struct svc s;
	size_t n;
	int64_t id = programme(c, "AK-1");

	s = fx_svc(c->f, c->analyst);
	assert_int_equal(training_programmes(&s, &p, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].profiles, "police,social_worker");
	s = fx_svc(c->f, c->sup);
	assert_int_equal(training_programme_get(&s, id, &p), SVC_OK);
	assert_int_equal(p->hours, 24);
	assert_string_equal(p->valid_from, "2024-01-01");
	s = fx_svc(c->f, c->cw);
	assert_int_equal(training_programmes(&s, &p, &n), SVC_DENIED);
	/* A central analyst reads programmes and counts, never the
	 * professionals (personal data, DOMAIN.md §2). */
	{
		struct training_prof_info *pf;
		struct training_enrolment_info *e;

		s = fx_svc(c->f, c->analyst);
		assert_int_equal(training_profs(&s, NULL, NULL, 0, &pf, &n),
		    SVC_DENIED);
		assert_string_equal(s.err.msg, "training.err.people");
		assert_int_equal(training_prof_get(&s, 1, &pf), SVC_DENIED);
		assert_int_equal(training_enrolments(&s, 1, &e, &n),
		    SVC_DENIED);
	}
	s = fx_svc(c->f, c->aud);
	assert_int_equal(training_programme_get(&s, id, &p), SVC_DENIED);
	/* Albania's administrator does not see Kosovo's programme. */
	s = fx_svc(c->f, c->aladmin);
	assert_int_equal(training_programme_get(&s, id, &p), SVC_NOTFOUND);
	assert_int_equal(training_programmes(&s, &p, &n), SVC_OK);
	assert_int_equal(n, 0);
}

/* -------------------------------------------------------------- sessions */

static void
test_session_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_session_new n;
	int64_t prog = programme(c, "AK-1"), id;

	session_init(c, &n);
	n.end = "2025-09-30";
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "end");
	assert_string_equal(s.err.msg, "training.err.end");
	session_init(c, &n);
	n.start = "2023-12-30";
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "start");
	assert_string_equal(s.err.msg, "training.err.outside_validity");
	session_init(c, &n);
	n.start = "2026-12-30";
	n.end = "2027-01-02";
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "end");
	session_init(c, &n);
	n.capacity = 0;
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "capacity");
	n.capacity = TRAINING_CAPACITY_MAX + 1;
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	session_init(c, &n);
	n.trainers = "";
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "trainers");
	/* Another municipality than the administrator's, another country. */
	session_init(c, &n);
	n.municipality_id = c->pris_m;
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "municipality");
	n.municipality_id = c->tirana_m;
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	n.municipality_id = 999999;
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_INVALID);
	/* A programme that does not exist. */
	session_init(c, &n);
	assert_int_equal(training_session_create(&s, prog + 99, &n, &id),
	    SVC_NOTFOUND);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(training_session_create(&s, prog, &n, &id),
	    SVC_DENIED);
	assert_int_equal(count(c, "SELECT count(*) FROM training_session"), 0);
}

static void
test_session_scope_and_status(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->padmin);
	struct training_session_info *x;
	struct training_session_new n;
	int64_t prog = programme(c, "AK-1"), sid = session(c, prog, 3), fut;
	int64_t v = sversion(c, sid);

	/* Prishtinë's administrator: Hani's session is not found (audited). */
	assert_int_equal(training_session_status(&s, prog, sid, v, "held"),
	    SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.refused'"), 1);
	/* ...but it may be read. */
	assert_int_equal(training_session_get(&s, prog, sid, &x), SVC_OK);
	/* A session of another programme's id. */
	s = fx_svc(c->f, c->admin);
	assert_int_equal(training_session_get(&s, prog + 1, sid, &x),
	    SVC_NOTFOUND);
	/* Bad status, stale version, planned -> planned. */
	assert_int_equal(training_session_status(&s, prog, sid, v, "planned"),
	    SVC_INVALID);
	assert_int_equal(training_session_status(&s, prog, sid, v, "done"),
	    SVC_INVALID);
	assert_int_equal(training_session_status(&s, prog, sid, v + 1,
	    "held"), SVC_CONFLICT);
	/* A future session cannot be held yet. */
	session_init(c, &n);
	n.start = "2026-12-01";
	n.end = "2026-12-02";
	assert_int_equal(training_session_create(&s, prog, &n, &fut), SVC_OK);
	assert_int_equal(training_session_status(&s, prog, fut,
	    sversion(c, fut), "held"), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.not_started");
	assert_int_equal(training_session_status(&s, prog, fut,
	    sversion(c, fut), "cancelled"), SVC_OK);
	/* held, then final. */
	assert_int_equal(training_session_status(&s, prog, sid, v, "held"),
	    SVC_OK);
	assert_int_equal(training_session_status(&s, prog, sid, v + 1,
	    "cancelled"), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.status_final");
}

/* ------------------------------------------------------------ professionals */

static void
test_prof_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_prof_new n;
	int64_t id;

	prof_init(c, &n, "", "Berisha", "female", "social_worker");
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "given_name");
	prof_init(c, &n, "123", "Berisha", "female", "social_worker");
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.name");
	prof_init(c, &n, "Vjosa", "Berisha", "x", "social_worker");
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "sex");
	prof_init(c, &n, "Vjosa", "Berisha", "female", "pilot");
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "profile");
	prof_init(c, &n, "Vjosa", "Berisha", "female", "social_worker");
	n.organisation = "";
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.agency_or_org");
	n.agency_id = 999999;
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "agency");
	prof_init(c, &n, "Vjosa", "Berisha", "female", "social_worker");
	n.email = "vjosa at example";
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "email");
	n.email = "a@b@c.org";
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	prof_init(c, &n, "Vjosa", "Berisha", "female", "social_worker");
	n.municipality_id = c->tirana_m;
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "municipality");
	n.municipality_id = 0;
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_INVALID);
	s = fx_svc(c->f, c->sup);
	prof_init(c, &n, "Vjosa", "Berisha", "female", "social_worker");
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_DENIED);
	assert_int_equal(count(c, "SELECT count(*) FROM professional"), 0);
	/* With an agency instead of an organisation, and an e-mail. */
	s = fx_svc(c->f, c->admin);
	n.organisation = "";
	n.agency_id = c->hani;
	n.email = "vjosa.berisha@example.org";
	assert_int_equal(training_prof_add(&s, &n, 1, NULL, NULL, &id),
	    SVC_OK);
}

/* The same person in three spellings is offered, not duplicated. */
static void
test_prof_three_spellings(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_prof_new n;
	struct training_candidate *k;
	struct training_prof_info *l;
	size_t nk, nl;
	int64_t first, id = 0;

	prof_init(c, &n, "Dragan", "Đorđević", "male", "police");
	assert_int_equal(training_prof_add(&s, &n, 0, &k, &nk, &first),
	    SVC_OK);
	assert_int_equal(nk, 0);
	prof_init(c, &n, "Dragan", "Djordjevic", "male", "police");
	assert_int_equal(training_prof_add(&s, &n, 0, &k, &nk, &id),
	    SVC_CONFLICT);
	assert_string_equal(s.err.msg, "training.err.candidates");
	assert_int_equal(nk, 1);
	assert_int_equal(k[0].p->id, first);
	assert_true(k[0].score >= NAMES_SCORE_POSSIBLE);
	prof_init(c, &n, "Драган", "Ђорђевић", "male", "police");
	assert_int_equal(training_prof_add(&s, &n, 0, &k, &nk, &id),
	    SVC_CONFLICT);
	assert_int_equal(nk, 1);
	assert_int_equal(k[0].p->id, first);
	prof_init(c, &n, "Dragan", "Gjorgjeviq", "male", "police");
	assert_int_equal(training_prof_add(&s, &n, 0, &k, &nk, &id),
	    SVC_CONFLICT);
	assert_int_equal(count(c, "SELECT count(*) FROM professional"), 1);
	/* Someone else is no candidate. */
	prof_init(c, &n, "Arbër", "Krasniqi", "male", "education");
	assert_int_equal(training_prof_add(&s, &n, 0, &k, &nk, &id), SVC_OK);
	/* Told it is another person: created. */
	prof_init(c, &n, "Dragan", "Djordjevic", "male", "police");
	assert_int_equal(training_prof_add(&s, &n, 1, &k, &nk, &id), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM professional"), 3);
	/* Search across spellings. */
	assert_int_equal(training_profs(&s, "Ђорђевић", NULL, 0, &l, &nl),
	    SVC_OK);
	assert_int_equal(nl, 2);
	assert_int_equal(training_profs(&s, "dordevic dragan", "police",
	    c->hani_m, &l, &nl), SVC_OK);
	assert_int_equal(nl, 2);
	assert_int_equal(training_profs(&s, "Krasniqi", "police", 0, &l, &nl),
	    SVC_OK);
	assert_int_equal(nl, 0);
	assert_int_equal(training_profs(&s, "", "pilot", 0, &l, &nl),
	    SVC_INVALID);
	/* No name in the audit trail. */
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " detail LIKE '%rag%' OR detail LIKE '%ord%'"), 0);
}

/* ------------------------------------------------ enrolment, attendance */

static void
test_enrol_rules(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_prof_new n;
	int64_t prog = programme(c, "AK-1"), sid = session(c, prog, 2);
	int64_t a = prof(c, "Vjosa", "Berisha", "female", "social_worker");
	int64_t b = prof(c, "Nenad", "Jovanović", "male", "police");
	int64_t d = prof(c, "Teuta", "Hoxha", "female", "health");
	int64_t eid, pid;

	assert_int_equal(training_enrol(&s, prog, sid, a, &eid), SVC_OK);
	assert_int_equal(training_enrol(&s, prog, sid, a, &eid), SVC_CONFLICT);
	assert_string_equal(s.err.msg, "training.err.enrolled_twice");
	assert_int_equal(training_enrol(&s, prog, sid, 999999, &eid),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "professional");
	assert_int_equal(training_enrol(&s, prog, sid, b, &eid), SVC_OK);
	/* Full. */
	assert_int_equal(training_enrol(&s, prog, sid, d, &eid), SVC_CONFLICT);
	assert_string_equal(s.err.msg, "training.err.full");
	prof_init(c, &n, "Blerta", "Gashi", "female", "ngo");
	assert_int_equal(training_enrol_new(&s, prog, sid, &n, 1, NULL, NULL,
	    &pid), SVC_CONFLICT);
	assert_int_equal(count(c, "SELECT count(*) FROM professional"), 3);
	/* Another administrator: not found. */
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(training_enrol(&s, prog, sid, d, &eid), SVC_NOTFOUND);
	/* Cancelled: refused. */
	s = fx_svc(c->f, c->admin);
	sid = session(c, prog, 5);
	assert_int_equal(training_session_status(&s, prog, sid,
	    sversion(c, sid), "cancelled"), SVC_OK);
	assert_int_equal(training_enrol(&s, prog, sid, d, &eid), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.cancelled");
	/* A new participant and the enrolment at once; the candidates when
	 * the name is known. */
	sid = session(c, prog, 5);
	prof_init(c, &n, "Vjosë", "BERISHA", "female", "social_worker");
	{
		struct training_candidate *k;
		size_t nk;

		assert_int_equal(training_enrol_new(&s, prog, sid, &n, 0, &k,
		    &nk, &pid), SVC_CONFLICT);
		assert_int_equal(nk, 1);
		assert_int_equal(k[0].p->id, a);
	}
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " training_enrolment WHERE session_id = %lld", (long long)sid)), 0);
	prof_init(c, &n, "Blerta", "Gashi", "female", "ngo");
	assert_int_equal(training_enrol_new(&s, prog, sid, &n, 0, NULL, NULL,
	    &pid), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " training_enrolment WHERE session_id = %lld AND professional_id ="
	    " %lld", (long long)sid, (long long)pid)), 1);
}

/* A held session of three: a attended, b partly, d absent. */
static int64_t
held(struct ctx *c, int64_t prog, int64_t *p)
{
	struct svc s = fx_svc(c->f, c->admin);
	int64_t sid = session(c, prog, 5), eid;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(training_enrol(&s, prog, sid, p[i], &eid),
		    SVC_OK);
	assert_int_equal(training_session_status(&s, prog, sid,
	    sversion(c, sid), "held"), SVC_OK);
	return sid;
}

static void
test_attendance(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_enrolment_info *e;
	struct training_mark m[3];
	struct training_count *k;
	int64_t prog = programme(c, "AK-1"), p[3], sid, v;
	size_t n, i;

	p[0] = prof(c, "Vjosa", "Berisha", "female", "social_worker");
	p[1] = prof(c, "Nenad", "Jovanović", "male", "police");
	p[2] = prof(c, "Teuta", "Hoxha", "female", "social_worker");
	/* Not held yet. */
	sid = session(c, prog, 5);
	assert_int_equal(training_enrol(&s, prog, sid, p[0], NULL), SVC_OK);
	assert_int_equal(training_enrolments(&s, sid, &e, &n), SVC_OK);
	m[0].enrolment_id = e[0].id;
	m[0].status = "attended";
	m[0].hours = -1;
	assert_int_equal(training_attendance(&s, prog, sid, sversion(c, sid),
	    m, 1), SVC_INVALID);
	assert_string_equal(s.err.msg, "training.err.not_held");

	sid = held(c, prog, p);
	v = sversion(c, sid);
	assert_int_equal(training_enrolments(&s, sid, &e, &n), SVC_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++)
		m[i].enrolment_id = e[i].id;
	m[0].status = "attended";
	m[0].hours = 25;
	m[1].status = "partly";
	m[1].hours = 8;
	m[2].status = "absent";
	m[2].hours = 0;
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "hours_1");
	m[0].hours = -1;
	m[1].hours = 24;
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "hours_2");
	m[1].hours = 0;
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	m[1].hours = 8;
	m[2].hours = 3;
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "hours_3");
	m[2].hours = 0;
	m[2].status = "late";
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	assert_string_equal(s.err.field, "status_3");
	m[2].status = "absent";
	/* A row of another session. */
	m[2].enrolment_id = 999999;
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_INVALID);
	m[2].enrolment_id = e[2].id;
	assert_int_equal(training_attendance(&s, prog, sid, v + 1, m, 3),
	    SVC_CONFLICT);
	assert_int_equal(count(c, "SELECT count(*) FROM training_enrolment"
	    " WHERE status <> 'enrolled'"), 0);
	/* Someone else's session. */
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_NOTFOUND);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3), SVC_OK);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT hours FROM"
	    " training_enrolment WHERE id = %lld", (long long)e[0].id)), 24);
	/* The same sheet again with the old version: stale. */
	assert_int_equal(training_attendance(&s, prog, sid, v, m, 3),
	    SVC_CONFLICT);
	/* Counts: a female social worker and a male police officer took
	 * part; the absent one does not count. */
	assert_int_equal(training_programme_counts(&s, prog, &k, &n), SVC_OK);
	assert_int_equal(n, 9);
	assert_string_equal(k[0].profile, "social_worker");
	assert_int_equal(k[0].female, 1);
	assert_int_equal(k[0].male, 0);
	assert_string_equal(k[5].profile, "police");
	assert_int_equal(k[5].male, 1);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.attendance'"), 1);
}

static void
test_certificates(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_enrolment_info *e;
	struct training_cert_info *ci;
	struct training_mark m[3];
	int64_t prog = programme(c, "AK-1"), p[3], sid, sid2;
	size_t n, i, issued;

	p[0] = prof(c, "Vjosa", "Berisha", "female", "social_worker");
	p[1] = prof(c, "Nenad", "Jovanović", "male", "police");
	p[2] = prof(c, "Teuta", "Hoxha", "female", "social_worker");
	/* Not held: none. */
	sid = session(c, prog, 5);
	assert_int_equal(training_certificates_issue(&s, prog, sid, &issued),
	    SVC_INVALID);
	sid = held(c, prog, p);
	assert_int_equal(training_enrolments(&s, sid, &e, &n), SVC_OK);
	for (i = 0; i < 3; i++) {
		m[i].enrolment_id = e[i].id;
		m[i].hours = -1;
		m[i].status = i == 2 ? "absent" : "attended";
	}
	assert_int_equal(training_attendance(&s, prog, sid, sversion(c, sid),
	    m, 3), SVC_OK);
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(training_certificates_issue(&s, prog, sid, &issued),
	    SVC_NOTFOUND);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(training_certificates_issue(&s, prog, sid, &issued),
	    SVC_OK);
	assert_int_equal(issued, 2);
	assert_int_equal(training_certificate_get(&s, prog, sid, p[0], &ci),
	    SVC_OK);
	assert_string_equal(ci->number, arena_printf(c->f->a,
	    "TR-%lld-2025-0001", (long long)prog));
	assert_int_equal(ci->hours, 24);
	assert_int_equal(training_certificate_get(&s, prog, sid, p[1], &ci),
	    SVC_OK);
	assert_string_equal(ci->number, arena_printf(c->f->a,
	    "TR-%lld-2025-0002", (long long)prog));
	/* None for the absent. */
	assert_int_equal(training_certificate_get(&s, prog, sid, p[2], &ci),
	    SVC_NOTFOUND);
	/* Issuing again issues none. */
	assert_int_equal(training_certificates_issue(&s, prog, sid, &issued),
	    SVC_OK);
	assert_int_equal(issued, 0);
	/* The next session of the programme goes on with the sequence. */
	sid2 = held(c, prog, p);
	assert_int_equal(training_enrolments(&s, sid2, &e, &n), SVC_OK);
	for (i = 0; i < 3; i++) {
		m[i].enrolment_id = e[i].id;
		m[i].hours = -1;
		m[i].status = i == 2 ? "attended" : "absent";
	}
	assert_int_equal(training_attendance(&s, prog, sid2,
	    sversion(c, sid2), m, 3), SVC_OK);
	assert_int_equal(training_certificates_issue(&s, prog, sid2,
	    &issued), SVC_OK);
	assert_int_equal(training_certificate_get(&s, prog, sid2, p[2], &ci),
	    SVC_OK);
	assert_string_equal(ci->number, arena_printf(c->f->a,
	    "TR-%lld-2025-0003", (long long)prog));
	assert_int_equal(count(c, "SELECT count(*) FROM training_certificate"),
	    3);
}

static void
test_merge(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct training_enrolment_info *e;
	struct training_prof_info *l;
	struct training_mark m[2];
	int64_t prog = programme(c, "AK-1"), sid, a, b, other;
	size_t n;

	a = prof(c, "Dragan", "Đorđević", "male", "police");
	b = prof(c, "Dragan", "Djordjevic", "male", "police");
	other = prof(c, "Teuta", "Hoxha", "female", "health");
	sid = session(c, prog, 5);
	assert_int_equal(training_enrol(&s, prog, sid, a, NULL), SVC_OK);
	assert_int_equal(training_enrol(&s, prog, sid, b, NULL), SVC_OK);
	assert_int_equal(training_session_status(&s, prog, sid,
	    sversion(c, sid), "held"), SVC_OK);
	assert_int_equal(training_enrolments(&s, sid, &e, &n), SVC_OK);
	m[0].enrolment_id = e[0].id;
	m[0].status = "absent";
	m[0].hours = 0;
	m[1].enrolment_id = e[1].id;
	m[1].status = "attended";
	m[1].hours = -1;
	assert_int_equal(training_attendance(&s, prog, sid, sversion(c, sid),
	    m, 2), SVC_OK);
	/* Refused: self, unknown, not an administrator, out of scope. */
	assert_int_equal(training_prof_merge(&s, b, b), SVC_INVALID);
	assert_int_equal(training_prof_merge(&s, b, 999999), SVC_INVALID);
	s = fx_svc(c->f, c->sup);
	assert_int_equal(training_prof_merge(&s, b, a), SVC_DENIED);
	s = fx_svc(c->f, c->padmin);
	assert_int_equal(training_prof_merge(&s, b, a), SVC_NOTFOUND);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(training_prof_merge(&s, b, a), SVC_OK);
	/* One person, who attended. */
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " training_enrolment WHERE session_id = %lld", (long long)sid)), 1);
	assert_int_equal(count(c, arena_printf(c->f->a, "SELECT count(*) FROM"
	    " training_enrolment WHERE professional_id = %lld AND status ="
	    " 'attended' AND hours = 24", (long long)a)), 1);
	assert_int_equal(training_profs(&s, "Djordjevic", NULL, 0, &l, &n),
	    SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, a);
	/* Merged already. */
	assert_int_equal(training_prof_merge(&s, b, a), SVC_INVALID);
	assert_int_equal(training_prof_merge(&s, other, b), SVC_INVALID);
	assert_int_equal(training_enrol(&s, prog, sid, b, NULL), SVC_INVALID);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.professional.merge'"), 1);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_programme_refused),
		T(test_programme_duplicate_number),
		T(test_programme_read),
		T(test_session_refused),
		T(test_session_scope_and_status),
		T(test_prof_refused),
		T(test_prof_three_spellings),
		T(test_enrol_rules),
		T(test_attendance),
		T(test_certificates),
		T(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
