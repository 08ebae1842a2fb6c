/*
 * test_children.c — the child record as a service (src/svc/child.c):
 * editing every field with its checks (personal numbers per country, dates,
 * codes, sizes), the version check, the history and the audit, the folded
 * names and the trigram row; who may read and write a child; caregivers;
 * sibling links; and merging two records without losing any history (the
 * refusals first). Children are made by child_create_in_tx() and cases by
 * case_open_in_tx(), as registration makes them.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/case.h"
#include "../../src/svc/child.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, pris;		/* QPS-HANI (XK09), QPS-PRISHTINE */
	int64_t		 t1, t2;		/* Hani's teams */
	int64_t		 cw1, cw2, sup, pcw, psup, ana;
	struct actor	*a_cw1, *a_cw2, *a_sup, *a_pcw, *a_psup, *a_ana;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	c->pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->t1 = fx_team(f, c->hani, "Ekipi 1");
	c->t2 = fx_team(f, c->hani, "Ekipi 2");
	c->cw1 = fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani, c->t1);
	c->cw2 = fx_user(f, "cw.two", ROLE_CASEWORKER, c->hani, c->t2);
	c->sup = fx_user(f, "sup.hani", ROLE_SUPERVISOR, c->hani, 0);
	c->pcw = fx_user(f, "cw.pris", ROLE_CASEWORKER, c->pris, 0);
	c->psup = fx_user(f, "sup.pris", ROLE_SUPERVISOR, c->pris, 0);
	c->ana = fx_user(f, "analyst", ROLE_CENTRAL_ANALYST, fx_agency(f,
	    "MPMS-XK", AGENCY_MINISTRY, NULL, "XK"), 0);
	if (!c->cw1 || !c->cw2 || !c->sup || !c->pcw || !c->psup || !c->ana)
		return -1;
	c->a_cw1 = fx_actor(f, c->cw1);
	c->a_cw2 = fx_actor(f, c->cw2);
	c->a_sup = fx_actor(f, c->sup);
	c->a_pcw = fx_actor(f, c->pcw);
	c->a_psup = fx_actor(f, c->psup);
	c->a_ana = fx_actor(f, c->ana);
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

static int64_t
count(struct ctx *c, const char *fmt, int64_t a)
{
	char *sql = sqlite3_mprintf(fmt, (long long)a);
	int64_t n = fx_raw_int(c->f, sql);

	sqlite3_free(sql);
	return n;
}

/* A case of child in agency (Hani: XK09, else Prishtinë: XK13) for worker
 * and team; its id. */
static int64_t
open_case(struct ctx *c, int64_t child, int64_t agency, int64_t worker,
    int64_t team)
{
	struct svc s = fx_svc(c->f, c->a_cw1);
	const char *k[] = { "NEG" };
	struct case_new n;
	char *sql;
	int64_t id = 0;

	memset(&n, 0, sizeof(n));
	n.child_id = child;
	n.municipality_id = fx_muni(c->f, agency == c->hani ? "XK09" : "XK13");
	n.agency_id = agency;
	sql = sqlite3_mprintf("INSERT INTO report (municipality_id, agency_id,"
	    " received_at, channel, referrer_type, child_id, created_at)"
	    " VALUES (%lld, %lld, 1, 'phone', 'school', %lld, 1)",
	    (long long)n.municipality_id, (long long)agency, (long long)child);
	assert_int_equal(fx_raw_exec(c->f, sql), SQLITE_OK);
	sqlite3_free(sql);
	n.report_id = fx_raw_int(c->f, "SELECT max(id) FROM report");
	n.concerns = k;
	n.nconcerns = 1;
	n.primary = "NEG";
	n.source = "school";
	n.worker_id = worker;
	n.team_id = team;
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(case_open_in_tx(&s, &n, &id, NULL), SVC_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
	return id;
}

static struct child_fields
fields(const char *given, const char *family, const char *parent)
{
	struct child_fields k;

	memset(&k, 0, sizeof(k));
	k.given = given;
	k.family = family;
	k.parent = parent;
	return k;
}

/* A child as registration makes it, with a case of cw1 (Hani, team 1). */
static int64_t
child_with(struct ctx *c, const struct child_fields *k, int64_t *case_id)
{
	struct svc s = fx_svc(c->f, c->a_cw1);
	int64_t id = 0, cid;

	assert_int_equal(child_check(&s, k), SVC_OK);
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(child_create_in_tx(&s, k, &id), SVC_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
	cid = open_case(c, id, c->hani, c->cw1, c->t1);
	if (case_id != NULL)
		*case_id = cid;
	return id;
}

static int64_t
child(struct ctx *c, const char *given, const char *family, const char *parent)
{
	struct child_fields k = fields(given, family, parent);

	return child_with(c, &k, NULL);
}

/* Asserts a refusal with the field named and nothing written. */
#define REFUSED(call, rc, fld) do {					\
	int64_t ev_ = fx_raw_int(c->f, "SELECT count(*) FROM child_event"); \
	assert_int_equal((call), (rc));					\
	if ((fld) != NULL)						\
		assert_string_equal(s.err.field, (const char *)(fld));	\
	assert_int_equal(fx_raw_int(c->f,				\
	    "SELECT count(*) FROM child_event"), ev_);			\
} while (0)

/* ---------------------------------------------------------------- editing */

static void
test_edit_bad_input(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct child_fields k;
	int64_t id = child(c, "Arta", "Krasniqi", "Agim");
	char big[CHILD_TEXT_MAX + 2];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	/* Kosovo: 10 digits, not a placeholder. */
	k = fields("Arta", "Krasniqi", "Agim");
	k.municipality_id = fx_muni(c->f, "XK09");
	k.pn = "123456789";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	assert_string_equal(s.err.msg, "child.err.pn_invalid");
	k.pn = "12345678901";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	k.pn = "1234567890";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	k.pn = "12345A7890";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	/* An Albanian number is not a Kosovo one. */
	k.pn = "L60403002O";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	/* Albania: letter, 8 digits, check letter. */
	k.municipality_id = fx_muni(c->f, "AL53");
	k.pn = "L60403002A";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	k.pn = "160403002O";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	k.pn = "L6040300O";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	k.pn = "4501234567";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "personal_number");
	/* Dates: invalid, in the future. */
	k = fields("Arta", "Krasniqi", "Agim");
	k.birth_date = "31.02.2016";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "birth_date");
	k.birth_date = "31.12.2099";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "birth_date");
	assert_string_equal(s.err.msg, "child.err.birth_future");
	/* Unknown codes. */
	k = fields("Arta", "Krasniqi", "Agim");
	k.sex = "x";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "sex");
	k = fields("Arta", "Krasniqi", "Agim");
	k.community = "martian";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "community");
	k = fields("Arta", "Krasniqi", "Agim");
	k.disability = "maybe";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "disability");
	k = fields("Arta", "Krasniqi", "Agim");
	k.school_status = "home";
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "school_status");
	k = fields("Arta", "Krasniqi", "Agim");
	k.municipality_id = 999999;
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "municipality");
	/* Oversized text, a missing given name, a line break. */
	k = fields(big + (sizeof(big) - 2 - CHILD_NAME_MAX), "K", "");
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "given_name");
	k = fields("Arta", "Krasniqi", "Agim");
	k.address = big;
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "address");
	k.address = NULL;
	k.disability_note = big;
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "disability_note");
	k = fields("   ", "Krasniqi", "Agim");
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "given_name");
	k = fields("Arta", "Kras\nniqi", "Agim");
	REFUSED(child_update(&s, id, 1, &k), SVC_INVALID, "family_name");
	/* Nothing changed. */
	assert_int_equal(count(c, "SELECT version FROM child WHERE id = %lld",
	    id), 1);
	/* The valid ones pass: a Kosovo and an Albanian number. */
	k = fields("Arta", "Krasniqi", "Agim");
	k.municipality_id = fx_muni(c->f, "XK09");
	k.pn = "1122334455";
	assert_int_equal(child_update(&s, id, 1, &k), SVC_OK);
	k.municipality_id = fx_muni(c->f, "AL53");
	k.pn = "l60403002o";
	assert_int_equal(child_update(&s, id, 2, &k), SVC_OK);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child WHERE"
	    " personal_number = 'L60403002O'"), 1);
}

static void
test_edit_version_history_search(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct child_fields k;
	struct child_full *full;
	struct child_candidate *cand;
	struct child_query q;
	size_t n;
	int64_t id = child(c, "Qëndrim", "Bytyçi", "Burim");

	k = fields("Qëndrim", "Gashi", "Burim");
	k.community = "ashkali";
	k.birth_date = "12.03.2016";
	k.school_status = "enrolled";
	k.address = "Rruga e Dëshmorëve 4";
	/* A stale version: refused with the conflict message, nothing saved. */
	REFUSED(child_update(&s, id, 7, &k), SVC_CONFLICT, NULL);
	assert_string_equal(s.err.msg, "child.conflict");
	assert_int_equal(child_update(&s, id, 1, &k), SVC_OK);
	/* The second save of the same version: refused, never a lost update. */
	k.family = "Berisha";
	REFUSED(child_update(&s, id, 1, &k), SVC_CONFLICT, NULL);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child WHERE"
	    " family_name = 'Gashi' AND version = 2"), 1);
	/* The history: one row per changed field, before and after. */
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND kind = 'updated'", id), 5);
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND field = 'family_name' AND before = 'Bytyçi'"
	    " AND after = 'Gashi'", id), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND field = 'birth_date' AND before = ''"
	    " AND after = '2016-03-12'", id), 1);
	/* The audit: codes in full, of names only the field. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'child.update' AND detail LIKE '%community:unknown>ashkali%'"
	    " AND detail LIKE '%family_name%' AND detail NOT LIKE '%Gashi%'"
	    " AND detail NOT LIKE '%Bytyç%' AND detail NOT LIKE '%Dëshmor%'"), 1);
	/* The folds and the trigram row: the new spelling is found, by the
	 * duplicate check and by the case search. */
	assert_int_equal(count(c, "SELECT count(*) FROM child WHERE id = %lld"
	    " AND fold_family = 'gasi'", id), 1);
	memset(&q, 0, sizeof(q));
	q.given = "Qendrim";
	q.family = "Gashi";
	q.age = -1;
	assert_int_equal(child_match(&s, &q, &cand, &n), SVC_OK);
	assert_true(n >= 1);
	assert_int_equal(cand[0].child_id, id);
	/* The page's record: history newest first, may write. */
	assert_int_equal(child_record(&s, id, &full), SVC_OK);
	assert_true(full->may_write);
	assert_int_equal(full->nevents, 5);
	assert_int_equal(full->ncases, 1);
	assert_int_equal(full->c->version, 2);
}

static void
test_edit_scope(void **state)
{
	struct ctx *c = *state;
	struct svc s;
	struct child_fields k = fields("Era", "Hoxha", "");
	struct child_info *ci;
	struct child_full *full;
	int64_t id = child(c, "Era", "Hoxha", "");

	/* Another team's caseworker, another agency: 404, audited. */
	s = fx_svc(c->f, c->a_cw2);
	REFUSED(child_update(&s, id, 1, &k), SVC_NOTFOUND, NULL);
	s = fx_svc(c->f, c->a_pcw);
	REFUSED(child_update(&s, id, 1, &k), SVC_NOTFOUND, NULL);
	assert_int_equal(child_get(&s, id, &ci), SVC_NOTFOUND);
	assert_int_equal(count(c, "SELECT count(*) FROM audit WHERE action ="
	    " 'child.write.denied' AND object_id = %lld", id), 2);
	/* No case permission at all: denied. */
	s = fx_svc(c->f, c->a_ana);
	REFUSED(child_update(&s, id, 1, &k), SVC_DENIED, NULL);
	/* A caseworker who sees the child through the agency's intake only
	 * reads it but may not edit it. */
	s = fx_svc(c->f, c->a_cw2);
	assert_int_equal(child_record(&s, id, &full), SVC_OK);
	assert_false(full->may_write);
	/* The unit's supervisor may. */
	s = fx_svc(c->f, c->a_sup);
	k.address = "Hani i Elezit";
	assert_int_equal(child_update(&s, id, 1, &k), SVC_OK);
	/* An unknown child: 404. */
	REFUSED(child_update(&s, 999999, 1, &k), SVC_NOTFOUND, NULL);
}

/* ---------------------------------------------------------------- caregivers */

static void
test_caregivers(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct caregiver_fields g;
	struct child_info *ci;
	int64_t id = child(c, "Blerta", "Morina", "Fatmir");
	int64_t other = child(c, "Dea", "Morina", "");
	int64_t gid = 0, nv = 0, oid = 0;
	char note[CHILD_NOTE_MAX + 2];

	memset(note, 'n', sizeof(note) - 1);
	note[sizeof(note) - 1] = '\0';
	memset(&g, 0, sizeof(g));
	/* Every field checked. */
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "name");
	g.name = "Fatmir Morina";
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "relation");
	g.relation = "uncle";
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "relation");
	g.relation = "father";
	g.phone = "044 abc";
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "phone");
	g.phone = "+383 44 123 456 789 012 345 678 901 234 5678";
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "phone");
	g.phone = "+383 (44) 123-456";
	g.note = note;
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_INVALID,
	    "note");
	g.note = "Punon jashtë vendit\nkthehet në verë";
	/* A stale version. */
	REFUSED(child_caregiver_add(&s, id, 5, &g, &gid, &nv), SVC_CONFLICT,
	    NULL);
	/* Another actor's child: 404. */
	s = fx_svc(c->f, c->a_pcw);
	REFUSED(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_NOTFOUND,
	    NULL);
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(count(c, "SELECT count(*) FROM caregiver WHERE"
	    " child_id = %lld", id), 0);
	g.is_guardian = 1;
	g.lives_with = 0;
	assert_int_equal(child_caregiver_add(&s, id, 1, &g, &gid, &nv), SVC_OK);
	assert_true(gid > 0);
	assert_int_equal(nv, 2);
	assert_int_equal(child_get(&s, id, &ci), SVC_OK);
	assert_int_equal(ci->ncaregivers, 1);
	assert_string_equal(ci->caregivers[0].relation, "father");
	assert_true(ci->caregivers[0].is_guardian);
	assert_false(ci->caregivers[0].lives_with);
	assert_string_equal(ci->caregivers[0].phone, "+383 (44) 123-456");
	/* Edit: stale refused, then done. */
	g.relation = "guardian";
	g.lives_with = 1;
	REFUSED(child_caregiver_update(&s, id, gid, 1, &g, &nv), SVC_CONFLICT,
	    NULL);
	assert_int_equal(child_caregiver_update(&s, id, gid, 2, &g, &nv),
	    SVC_OK);
	assert_int_equal(nv, 3);
	/* A caregiver of another child, an unknown one: 404. */
	assert_int_equal(child_caregiver_add(&s, other, 1, &g, &oid, NULL),
	    SVC_OK);
	REFUSED(child_caregiver_update(&s, id, oid, 3, &g, &nv), SVC_NOTFOUND,
	    NULL);
	REFUSED(child_caregiver_remove(&s, id, oid, 3, &nv), SVC_NOTFOUND, NULL);
	REFUSED(child_caregiver_remove(&s, id, 424242, 3, &nv), SVC_NOTFOUND,
	    NULL);
	/* Remove. */
	assert_int_equal(child_caregiver_remove(&s, id, gid, 3, &nv), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM caregiver WHERE"
	    " child_id = %lld", id), 0);
	/* The history and the audit (no name in the audit). */
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND kind LIKE 'caregiver.%%'", id), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND kind = 'caregiver.updated' AND before LIKE"
	    " 'Fatmir Morina|father|1|0|%%' AND after LIKE"
	    " 'Fatmir Morina|guardian|1|1|%%'", id), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action LIKE 'child.caregiver.%' AND detail NOT LIKE '%Fatmir%'"),
	    4);
}

/* ---------------------------------------------------------------- siblings */

static void
test_siblings(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct child_full *full;
	int64_t a = child(c, "Liridon", "Shala", "Ilir");
	int64_t b = child(c, "Lirije", "Shala", "Ilir");
	int64_t x, xcase;
	struct child_fields k = fields("Lumi", "Shala", "Ilir");

	/* A child of Prishtinë only. */
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(child_create_in_tx(&s, &k, &x), SVC_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
	xcase = open_case(c, x, c->pris, c->pcw, 0);
	assert_true(xcase > 0);
	REFUSED(child_sibling_link(&s, a, a, "sibling"), SVC_INVALID, "other");
	assert_string_equal(s.err.msg, "child.sibling.self");
	REFUSED(child_sibling_link(&s, a, b, "cousin"), SVC_INVALID,
	    "relation");
	REFUSED(child_sibling_link(&s, a, x, "sibling"), SVC_NOTFOUND, NULL);
	REFUSED(child_sibling_link(&s, a, 999999, "sibling"), SVC_NOTFOUND,
	    NULL);
	assert_int_equal(child_sibling_link(&s, b, a, "half_sibling"), SVC_OK);
	/* Twice, either way round: refused. */
	REFUSED(child_sibling_link(&s, a, b, "sibling"), SVC_CONFLICT, "other");
	REFUSED(child_sibling_link(&s, b, a, "sibling"), SVC_CONFLICT, "other");
	assert_string_equal(s.err.msg, "child.sibling.exists");
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child_link"), 1);
	/* The page lists the sibling with its cases. */
	assert_int_equal(child_record(&s, a, &full), SVC_OK);
	assert_int_equal(full->nsiblings, 1);
	assert_true(full->siblings[0].visible);
	assert_int_equal(full->siblings[0].child_id, b);
	assert_string_equal(full->siblings[0].relation, "half_sibling");
	assert_int_equal(full->siblings[0].ncases, 1);
	/* Prishtinë's supervisor links their child to a Hani child they see
	 * through a case of their own... */
	open_case(c, a, c->pris, c->pcw, 0);
	s = fx_svc(c->f, c->a_psup);
	assert_int_equal(child_sibling_link(&s, x, a, "sibling"), SVC_OK);
	/* ...and Hani's caseworker sees a sibling in another unit's case:
	 * no id, no name, no case. */
	s = fx_svc(c->f, c->a_cw1);
	assert_int_equal(child_record(&s, a, &full), SVC_OK);
	assert_int_equal(full->nsiblings, 2);
	{
		size_t i, hidden = 0;

		for (i = 0; i < full->nsiblings; i++)
			if (!full->siblings[i].visible) {
				hidden++;
				assert_int_equal(full->siblings[i].child_id, 0);
				assert_string_equal(full->siblings[i].given, "");
				assert_int_equal(full->siblings[i].ncases, 0);
			}
		assert_int_equal(hidden, 1);
	}
	/* ...and may not unlink it. */
	REFUSED(child_sibling_unlink(&s, a, x), SVC_NOTFOUND, NULL);
	assert_int_equal(child_sibling_unlink(&s, a, b), SVC_OK);
	REFUSED(child_sibling_unlink(&s, a, b), SVC_NOTFOUND, NULL);
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " child_id = %lld AND kind LIKE 'sibling.%%'", b), 2);
}

/* ---------------------------------------------------------------- merging */

static void
test_merge_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct child_merge_plan *p;
	int64_t a = child(c, "Drita", "Morina", "");
	int64_t b = child(c, "Dritë", "Murina", "");
	int64_t d = child(c, "Dritan", "Murina", "");
	int64_t x, xc;
	struct child_fields k = fields("Drita", "Morina", "");

	/* A caseworker may not merge. */
	REFUSED(child_merge(&s, a, b, 1, 1), SVC_DENIED, NULL);
	REFUSED(child_merge_preview(&s, a, b, &p), SVC_DENIED, NULL);
	s = fx_svc(c->f, c->a_sup);
	/* Not into itself. */
	REFUSED(child_merge(&s, a, a, 1, 1), SVC_INVALID, "duplicate");
	assert_string_equal(s.err.msg, "child.merge.self");
	/* Both must be the supervisor's: another unit's child is 404. */
	assert_int_equal(store_begin(c->f->st, 1), STORE_OK);
	assert_int_equal(child_create_in_tx(&s, &k, &x), SVC_OK);
	assert_int_equal(store_commit(c->f->st), STORE_OK);
	xc = open_case(c, x, c->pris, c->pcw, 0);
	assert_true(xc > 0);
	REFUSED(child_merge(&s, a, x, 1, 1), SVC_NOTFOUND, NULL);
	REFUSED(child_merge(&s, x, a, 1, 1), SVC_NOTFOUND, NULL);
	REFUSED(child_merge_preview(&s, a, x, &p), SVC_NOTFOUND, NULL);
	/* A stale version of either. */
	REFUSED(child_merge(&s, a, b, 2, 1), SVC_CONFLICT, NULL);
	REFUSED(child_merge(&s, a, b, 1, 3), SVC_CONFLICT, NULL);
	assert_string_equal(s.err.msg, "child.conflict");
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child WHERE"
	    " merged_into IS NOT NULL"), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM case_file WHERE"
	    " child_id = %lld", b), 1);
	/* Merged once; then neither into the merged record nor it again. */
	assert_int_equal(child_merge(&s, a, b, 1, 1), SVC_OK);
	REFUSED(child_merge(&s, b, d, 2, 1), SVC_INVALID, "keep");
	assert_string_equal(s.err.msg, "child.merge.merged");
	REFUSED(child_merge(&s, d, b, 1, 2), SVC_INVALID, "duplicate");
	assert_string_equal(s.err.msg, "child.merge.merged");
	/* Another unit's supervisor cannot touch either. */
	s = fx_svc(c->f, c->a_psup);
	REFUSED(child_merge(&s, a, d, 2, 1), SVC_NOTFOUND, NULL);
}

static void
test_merge_moves_everything(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->a_cw1);
	struct child_fields kk = fields("Drita", "Morina", "Agim");
	struct child_fields kd = fields("Dritë", "Murina", "Agimi");
	struct child_merge_plan *p;
	struct caregiver_fields g;
	struct child_candidate *cand;
	struct child_query q;
	struct child_info *ci;
	struct child_full *full;
	struct case_info *cv;
	struct case_query cq;
	int64_t keep, dup, sib, case_k, case_d, case_d2, total = 0;
	size_t n, i;
	int filled = 0, kept = 0;

	kk.community = "roma";
	kd.community = "egyptian";
	kd.birth_date = "2015-06-01";
	kd.birth_estimated = 1;
	kd.pn = "1122334455";
	kd.school_status = "irregular";
	keep = child_with(c, &kk, &case_k);
	dup = child_with(c, &kd, &case_d);
	case_d2 = open_case(c, dup, c->hani, c->cw1, c->t1);
	sib = child(c, "Arben", "Murina", "Agimi");
	memset(&g, 0, sizeof(g));
	g.name = "Shpresa Murina";
	g.relation = "mother";
	g.lives_with = 1;
	assert_int_equal(child_caregiver_add(&s, dup, 1, &g, NULL, NULL),
	    SVC_OK);
	assert_int_equal(child_sibling_link(&s, dup, sib, "sibling"), SVC_OK);
	/* A link between the two records themselves: dropped, recorded. */
	assert_int_equal(child_sibling_link(&s, dup, keep, "sibling"), SVC_OK);
	s = fx_svc(c->f, c->a_sup);
	/* The preview: side by side, what each field becomes. */
	assert_int_equal(child_merge_preview(&s, keep, dup, &p), SVC_OK);
	assert_int_equal(p->keep->c->id, keep);
	assert_int_equal(p->dup->ncases, 2);
	for (i = 0; i < p->nfields; i++) {
		if (strcmp(p->fields[i].field, "birth_date") == 0)
			assert_int_equal(p->fields[i].choice, CHILD_MERGE_FILL);
		if (strcmp(p->fields[i].field, "birth_estimated") == 0)
			assert_int_equal(p->fields[i].choice, CHILD_MERGE_FILL);
		if (strcmp(p->fields[i].field, "community") == 0)
			assert_int_equal(p->fields[i].choice, CHILD_MERGE_DIFFER);
		if (strcmp(p->fields[i].field, "address") == 0)
			assert_int_equal(p->fields[i].choice, CHILD_MERGE_SAME);
	}
	assert_int_equal(child_merge(&s, keep, dup, 1, 2), SVC_OK);
	/* Every case moved, with a new version and a timeline event. */
	assert_int_equal(count(c, "SELECT count(*) FROM case_file WHERE"
	    " child_id = %lld", keep), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM case_file WHERE"
	    " child_id = %lld", dup), 0);
	assert_int_equal(count(c, "SELECT version FROM case_file WHERE"
	    " id = %lld", case_d), 2);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'child.merged' AND case_id = %lld", case_d2), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM case_event WHERE"
	    " kind = 'child.merged' AND case_id = %lld", case_k), 0);
	/* Reports, caregivers, sibling links moved. */
	assert_int_equal(count(c, "SELECT count(*) FROM report WHERE"
	    " child_id = %lld", dup), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM report WHERE"
	    " child_id = %lld", keep), 3);
	assert_int_equal(count(c, "SELECT count(*) FROM caregiver WHERE"
	    " child_id = %lld", keep), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM child_link WHERE"
	    " child_a = %lld OR child_b = %lld", dup), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM child_link"), 1);
	assert_int_equal(count(c, "SELECT count(*) FROM child_event WHERE"
	    " kind = 'merge.link_dropped' AND child_id = %lld", keep), 1);
	/* The duplicate stays, merged_into set; its trigram row is gone and
	 * the kept record's holds both spellings. */
	assert_int_equal(count(c, "SELECT merged_into FROM child WHERE"
	    " id = %lld", dup), keep);
	assert_int_equal(count(c, "SELECT count(*) FROM child_name_fts WHERE"
	    " rowid = %lld", dup), 0);
	assert_int_equal(count(c, "SELECT count(*) FROM child_name_fts WHERE"
	    " rowid = %lld AND names LIKE '%%morina%%' AND names LIKE"
	    " '%%murina%%'", keep), 1);
	/* Empty fields filled, differences kept and recorded. */
	assert_int_equal(count(c, "SELECT count(*) FROM child WHERE id = %lld"
	    " AND birth_date = '2015-06-01' AND birth_estimated = 1 AND"
	    " personal_number = '1122334455' AND community = 'roma' AND"
	    " school_status = 'irregular'", keep), 1);
	full = NULL;
	assert_int_equal(child_record(&s, keep, &full), SVC_OK);
	for (i = 0; i < full->nevents; i++) {
		filled += strcmp(full->events[i].kind, "merge.filled") == 0;
		kept += strcmp(full->events[i].kind, "merge.kept") == 0 &&
		    strcmp(full->events[i].field, "community") == 0 &&
		    strcmp(full->events[i].before, "egyptian") == 0;
	}
	assert_int_equal(filled, 4);	/* date, estimated, pn, school */
	assert_true(kept >= 1);
	assert_int_equal(full->naliases, 1);
	assert_string_equal(full->aliases[0].family, "Murina");
	assert_int_equal(full->ncases, 3);
	/* The duplicate's own history is shown with the kept record's. */
	for (i = 0, kept = 0; i < full->nevents; i++)
		kept += full->events[i].child_id == dup;
	assert_true(kept >= 2);
	/* The audit: ids and codes, no names. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'child.merge' AND detail LIKE '%cases=2%' AND detail"
	    " LIKE '%filled=birth_date%' AND detail LIKE '%kept=community%'"
	    " AND detail NOT LIKE '%Murina%' AND detail NOT LIKE '%Drit%'"), 1);
	/* Reading the duplicate points to the kept record. */
	assert_int_equal(child_get(&s, dup, &ci), SVC_OK);
	assert_int_equal(ci->merged_into, keep);
	s = fx_svc(c->f, c->a_pcw);
	assert_int_equal(child_get(&s, dup, &ci), SVC_NOTFOUND);
	/* Both spellings find the child, and only the kept record. */
	s = fx_svc(c->f, c->a_cw1);
	memset(&q, 0, sizeof(q));
	q.given = "Dritë";
	q.family = "Murina";
	q.parent = "Agimi";
	q.birth_date = "01.06.2015";
	q.age = -1;
	assert_int_equal(child_match(&s, &q, &cand, &n), SVC_OK);
	assert_true(n >= 1);
	assert_int_equal(cand[0].child_id, keep);
	assert_true(cand[0].score >= NAMES_SCORE_LIKELY);
	for (i = 0; i < n; i++)
		assert_int_not_equal(cand[i].child_id, dup);
	q.given = "Drita";
	q.family = "Morina";
	q.parent = "Agim";
	assert_int_equal(child_match(&s, &q, &cand, &n), SVC_OK);
	assert_true(n >= 1);
	assert_int_equal(cand[0].child_id, keep);
	memset(&cq, 0, sizeof(cq));
	cq.q = "Murina Drite";
	assert_int_equal(case_search(&s, &cq, &cv, &n, &total), SVC_OK);
	assert_int_equal(total, 3);
	for (i = 0; i < n; i++)
		assert_int_equal(cv[i].child_id, keep);
	/* An edit of the kept record keeps the other spelling searchable. */
	kk.address = "Rruga B";
	kk.community = "roma";
	assert_int_equal(child_get(&s, keep, &ci), SVC_OK);
	assert_int_equal(child_update(&s, keep, ci->version, &kk), SVC_OK);
	assert_int_equal(count(c, "SELECT count(*) FROM child_name_fts WHERE"
	    " rowid = %lld AND names LIKE '%%murina%%'", keep), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_edit_bad_input, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_edit_version_history_search,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caregivers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_siblings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_merge_moves_everything,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
