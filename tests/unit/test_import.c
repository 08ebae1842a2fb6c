/*
 * test_import.c — CSV imports (src/svc/import.c), negative first: a file
 * that is not UTF-8, malformed CSV, missing, unknown and doubled columns,
 * formula injection in any column, a row with the wrong number of cells,
 * duplicate rows, the same participant spelled differently (in the file
 * and against the register), a municipality outside a municipal
 * administrator's scope, overlapping licences and expiry before issue —
 * each reported by row and column with nothing written; then a dry run
 * (nothing written), a BOM, and the write of all rows in one transaction
 * with its audit row.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/svc/import.h"
#include "../../src/svc/provider.h"
#include "../../src/svc/training.h"

struct ctx {
	struct fx	*f;
	int64_t		 hani, ngo, pris_ngo;
	struct actor	*admin, *padmin, *cw, *root;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t t1, pris;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	c->hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	c->ngo = fx_agency(f, "OJQ-HANI", AGENCY_PROVIDER, "XK09", NULL);
	c->pris_ngo = fx_agency(f, "OJQ-PRIS", AGENCY_PROVIDER, "XK13", NULL);
	t1 = fx_team(f, c->hani, "Ekipi 1");
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    c->hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    pris, 0));
	c->cw = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, c->hani,
	    t1));
	if (!c->hani || !pris || !c->ngo || !c->pris_ngo || !c->admin ||
	    !c->padmin || !c->cw)
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

static int64_t
profs(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM professional");
}

static int64_t
licences(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM licence");
}

static enum svc_rc
run(struct ctx *c, const struct actor *a, enum import_kind k,
    const char *text, int dry, struct import_report **rep)
{
	struct svc s = fx_svc(c->f, a);

	return import_run(&s, k, text, strlen(text), dry, rep);
}

/* The report has an error at row, column (NULL: none) with msg. */
static const struct import_error *
has(const struct import_report *r, size_t row, const char *col,
    const char *msg)
{
	size_t i;

	for (i = 0; i < r->nerr; i++)
		if (r->err[i].row == row && strcmp(r->err[i].msg, msg) == 0 &&
		    (col == NULL ? r->err[i].column == NULL :
		    r->err[i].column != NULL &&
		    strcmp(r->err[i].column, col) == 0))
			return &r->err[i];
	for (i = 0; i < r->nerr; i++)
		fprintf(stderr, "  row %zu %s %s\n", r->err[i].row,
		    r->err[i].column ? r->err[i].column : "-", r->err[i].msg);
	fail_msg("no error row %zu column %s %s", row, col ? col : "-", msg);
	return NULL;
}

#define HEAD	"given_name,family_name,sex,profile,municipality,organisation\n"

static void
test_file_refused(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;

	/* Latin-1, not UTF-8: the bad line is named. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,ngo,XK09,OJQ\n"
	    "Dren,Gash\xeb,male,ngo,XK09,OJQ\n", 0, &r), SVC_INVALID);
	has(r, 3, NULL, "import.err.encoding");
	/* Malformed CSV. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,\"Krasniqi,female,ngo,XK09,OJQ\n", 0, &r), SVC_INVALID);
	assert_int_equal(r->nerr, 1);
	assert_string_equal(r->err[0].msg, "import.err.malformed");
	assert_true(r->err[0].row >= 2);
	/* Columns: missing, unknown, twice. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS,
	    "given_name,family_name,sex,profil,profile,sex\n"
	    "Arta,Krasniqi,female,x,ngo,female\n", 0, &r), SVC_INVALID);
	has(r, 1, "municipality", "import.err.missing_column");
	has(r, 1, NULL, "import.err.unknown_column");
	has(r, 1, "sex", "import.err.column_twice");
	/* Empty: nothing, a header only. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, "", 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.empty");
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD, 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.empty");
	/* Without the permission. */
	assert_int_equal(run(c, c->cw, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,ngo,XK09,OJQ\n", 0, &r), SVC_DENIED);
	assert_int_equal(run(c, c->cw, IMPORT_LICENCES, "provider\n", 0, &r),
	    SVC_DENIED);
	assert_int_equal(profs(c), 0);
}

static void
test_rows_refused(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;

	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,social_worker,XK09,QPS\n"	/* 2 ok */
	    "=HYPERLINK(1),Berisha,male,police,XK09,PK\n"	/* 3 */
	    "Besa,+1,female,ngo,XK09,OJQ\n"			/* 4 */
	    "Besa,Hoxha,female,ngo,XK09,-2+3\n"			/* 5 */
	    "Besa,Hoxha,female,ngo,XK09,@SUM(A1)\n"		/* 6 */
	    "Arta,Krasniqi,female,social_worker,XK09,QPS\n"	/* 7 dup */
	    "Genc,Morina,male,ngo,XK99,OJQ\n"			/* 8 */
	    "Genc,Morina,male,ngo,XK13,OJQ\n"			/* 9 scope */
	    "Genc,Morina,other,ngo,XK09,OJQ\n"			/* 10 */
	    "Genc,Morina,male,astronaut,XK09,OJQ\n"		/* 11 */
	    "Genc,Morina,male,ngo\n"				/* 12 */
	    "Genc,Morina,male,ngo,XK09,\n"			/* 13 */
	    "Djordje,Djordjevic,male,police,XK09,PK\n"		/* 14 ok */
	    "Đorđe,Đorđević,male,police,XK09,PK\n",		/* 15 same */
	    0, &r), SVC_INVALID);
	has(r, 3, "given_name", "import.err.formula");
	has(r, 4, "family_name", "import.err.formula");
	has(r, 5, "organisation", "import.err.formula");
	has(r, 6, "organisation", "import.err.formula");
	assert_string_equal(has(r, 7, NULL, "import.err.duplicate_row")->arg,
	    "2");
	has(r, 8, "municipality", "import.err.municipality");
	has(r, 9, "municipality", "import.err.scope");
	has(r, 10, "sex", "error.field.choice");
	has(r, 11, "profile", "error.field.choice");
	has(r, 12, NULL, "import.err.field_count");
	has(r, 13, "organisation", "training.err.agency_or_org");
	has(r, 15, "family_name", "import.err.same_person");
	assert_int_equal(r->rows, 14);
	assert_int_equal(r->ok, 2);
	assert_int_equal(r->failed, 12);
	assert_int_equal(r->written, 0);
	/* Nothing half-imported: rows 2 and 14 passed but are not kept. */
	assert_int_equal(profs(c), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.professional.create'"), 0);
}

static void
test_participants_written(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	const char *file = "\xef\xbb\xbf" "family_name,given_name,sex,profile,"
	    "municipality,agency,email\r\n"
	    "Krasniqi,Arta,female,social_worker,XK09,QPS-HANI,\r\n"
	    "\"Gashi, jr\",Dren,male,police,XK09,QPS-HANI,d@example.org\r\n"
	    ",,,,,,\r\n";

	/* A dry run checks everything and writes nothing. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 1, &r),
	    SVC_OK);
	assert_int_equal(r->ok, 2);
	assert_int_equal(r->written, 0);
	assert_int_equal(profs(c), 0);
	/* An unknown agency code. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS,
	    "given_name,family_name,sex,profile,municipality,agency\n"
	    "Arta,Krasniqi,female,ngo,XK09,NOPE\n", 0, &r), SVC_INVALID);
	has(r, 2, "agency", "import.err.agency");
	/* Written, in one go. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 0, &r),
	    SVC_OK);
	assert_int_equal(r->written, 2);
	assert_int_equal(r->committed, 1);
	assert_int_equal(profs(c), 2);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE family_name = 'Gashi, jr' AND email = 'd@example.org'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.participants' AND detail = 'rows=2'"), 1);
	/* The same people again: offered as the same persons. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS,
	    "given_name,family_name,sex,profile,municipality,agency\n"
	    "Arta,Krasniqui,female,ngo,XK09,QPS-HANI\n", 0, &r), SVC_INVALID);
	has(r, 2, "family_name", "import.err.same_person");
	assert_non_null(strstr(r->err[0].arg, "Krasniqi"));
	assert_int_equal(profs(c), 2);
}

#define LHEAD	"provider,number,services,municipalities,issued,expires," \
		"capacity\n"

static void
test_licences(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;

	assert_int_equal(run(c, c->admin, IMPORT_LICENCES, LHEAD
	    "OJQ-HANI,L-1,shelter;day_care,XK09,2026-01-01,2027-01-01,10\n"
	    "OJQ-HANI,L-2,shelter,XK09,2026-06-01,2027-06-01,10\n" /* overlap */
	    "OJQ-HANI,L-3,day_care,XK09,2027-01-01,2026-01-01,10\n"
	    "OJQ-NONE,L-4,shelter,XK09,2026-01-01,2027-01-01,10\n"
	    "QPS-HANI,L-5,shelter,XK09,2026-01-01,2027-01-01,10\n"
	    "OJQ-HANI,L-6,astrology,XK09,2026-01-01,2027-01-01,10\n"
	    "OJQ-HANI,L-7,family_support,XK09;XK77,2026-01-01,2027-01-01,10\n"
	    "OJQ-HANI,L-8,family_support,XK09,2026-01-01,2027-01-01,-1\n"
	    "OJQ-HANI,L-9,family_support,XK09,2026-01-01,2027-01-01,1.5\n"
	    "OJQ-HANI,L-1,foster_care,XK09,2026-01-01,2027-01-01,3\n"
	    "OJQ-PRIS,L-10,foster_care,XK13,2026-01-01,2027-01-01,3\n",
	    0, &r), SVC_INVALID);
	has(r, 3, "services", "provider.err.overlap");
	has(r, 4, "expires", "provider.err.expiry_before_issue");
	has(r, 5, "provider", "import.err.provider");
	has(r, 6, "provider", "import.err.provider");
	has(r, 7, "services", "provider.err.service");
	has(r, 8, "municipalities", "import.err.municipality");
	has(r, 9, "capacity", "import.err.formula");	/* -1 */
	has(r, 10, "capacity", "provider.err.capacity");
	has(r, 12, "provider", "import.err.scope");
	has(r, 11, "number", "provider.err.number_taken");
	assert_int_equal(r->ok, 1);
	assert_int_equal(r->failed, 10);
	assert_int_equal(licences(c), 0);
	/* The administrator of Prishtina may import that one. */
	assert_int_equal(run(c, c->padmin, IMPORT_LICENCES, LHEAD
	    "OJQ-PRIS,L-10,foster_care,XK13,2026-01-01,2027-01-01,3\n", 1, &r),
	    SVC_OK);
	/* Written. */
	assert_int_equal(run(c, c->admin, IMPORT_LICENCES, LHEAD
	    "OJQ-HANI,L-1,shelter;day_care,XK09,01.01.2026,2027-01-01,10\n"
	    "OJQ-HANI,L-2,shelter,XK09,2027-01-01,2028-01-01,10\n", 0, &r),
	    SVC_OK);
	assert_int_equal(r->written, 2);
	assert_int_equal(licences(c), 2);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.licences'"), 1);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_file_refused),
		T(test_rows_refused),
		T(test_participants_written),
		T(test_licences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
