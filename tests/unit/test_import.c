/*
 * test_import.c — imports (src/svc/import.c, src/util/xlsx.c), negative
 * first: a file that is not UTF-8, malformed CSV, missing, unknown and
 * doubled columns, formula injection in any column, a row with the wrong
 * number of cells, duplicate rows, the same participant spelled
 * differently (in the file and against the register), a municipality
 * outside a municipal administrator's scope, overlapping licences and
 * expiry before issue — each reported by row and column with nothing
 * written; XLSX files that are not a zip, have no worksheet, a worksheet
 * that is not XML, a zip bomb, formula cells; the providers kind's rules;
 * then a dry run (nothing written), a BOM, XLSX cells of every type, the
 * progress calls, and the write of all rows in one transaction with its
 * one audit row (counts and digest, no names).
 */
#include "testutil.h"
#include "fixture.h"

#include <stdio.h>
#include <unistd.h>
#include <zip.h>

#include "../../src/util/embed.h"
#include "../../src/util/names.h"
#include "../../src/util/xlsx.h"

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
	assert_string_equal(has(r, 15, "family_name",
	    "import.err.same_person_row")->arg, "14");
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
	/* One audit row for the file: counts, format, digest; no names, and
	 * no audit row per professional (the bulk path). */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.participants' AND detail LIKE 'rows=2"
	    " format=csv sha256=%' AND length(detail) = 25 + 64"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " detail LIKE '%Krasniqi%' OR detail LIKE '%Gashi%' OR detail"
	    " LIKE '%Arta%'"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'training.professional.create'"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE created_by IS NULL OR created_at <= 0"), 0);
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


/* ------------------------------------------------------------------ XLSX */

struct part {
	const char	*name, *text;
};

#define NS_MAIN	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char wb_xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook " NS_MAIN " " NS_R "><sheets><sheet name=\"S\" sheetId=\"1\""
    " r:id=\"rId1\"/><sheet name=\"T\" sheetId=\"2\" r:id=\"rId9\"/>"
    "</sheets></workbook>";
static const char rels_xml[] = "<?xml version=\"1.0\"?><Relationships"
    " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId9\" Type=\"" REL "worksheet\""
    " Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\""
    " Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\""
    " Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "styles\""
    " Target=\"styles.xml\"/></Relationships>";
/* Styles: 0 general, 1 built-in date (14), 2 custom date, 3 a time only,
 * 4 a number with a quoted "d". */
static const char styles_xml[] = "<styleSheet " NS_MAIN "><numFmts>"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"0.0&quot; d&quot;\"/></numFmts>"
    "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";

/* An XLSX file of parts (name NULL ends; text NULL: the default part of
 * that name); *len its size. */
static char *
xlsx_make(const struct part *parts, size_t *len)
{
	char path[] = "/tmp/rrjeti-test-xlsx.XXXXXX";
	zip_source_t *src;
	zip_t *z;
	FILE *f;
	char *buf;
	long n;
	int fd, err;

	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	assert_non_null(z = zip_open(path, ZIP_TRUNCATE, &err));
	for (; parts->name != NULL; parts++) {
		const char *t = parts->text;

		assert_non_null(src = zip_source_buffer(z, t, strlen(t), 0));
		assert_true(zip_file_add(z, parts->name, src,
		    ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	assert_non_null(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return buf;
}

/* A workbook whose first sheet is sheet (and shared strings ss, NULL:
 * none). */
static char *
book(const char *sheet, const char *ss, size_t *len)
{
	struct part p[7];
	size_t i = 0;

	p[i++] = (struct part){ "xl/workbook.xml", wb_xml };
	p[i++] = (struct part){ "xl/_rels/workbook.xml.rels", rels_xml };
	p[i++] = (struct part){ "xl/styles.xml", styles_xml };
	if (ss != NULL)
		p[i++] = (struct part){ "xl/sharedStrings.xml", ss };
	if (sheet != NULL)
		p[i++] = (struct part){ "xl/worksheets/sheet1.xml", sheet };
	p[i++] = (struct part){ "xl/worksheets/sheet2.xml", "<worksheet "
	    NS_MAIN "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>"
	    "second sheet</t></is></c></row></sheetData></worksheet>" };
	p[i] = (struct part){ NULL, NULL };
	return xlsx_make(p, len);
}

#define SHEET(rows)	"<?xml version=\"1.0\"?><worksheet " NS_MAIN \
			"><sheetData>" rows "</sheetData></worksheet>"
#define IS(ref, t)	"<c r=\"" ref "\" t=\"inlineStr\"><is><t>" t \
			"</t></is></c>"
#define PHEAD_ROW	"<row r=\"1\">" IS("A1", "given_name") \
			IS("B1", "family_name") IS("C1", "sex") \
			IS("D1", "profile") IS("E1", "municipality") \
			IS("F1", "organisation") "</row>"

static enum svc_rc
run_x(struct ctx *c, const struct actor *a, enum import_kind k,
    const char *data, size_t len, int dry, struct import_report **rep)
{
	struct svc s = fx_svc(c->f, a);
	struct import_opts o;

	memset(&o, 0, sizeof(o));
	o.format = IMPORT_XLSX;
	o.dry_run = dry;
	return import_run_opts(&s, k, data, len, &o, rep);
}

static void
test_xlsx_file_refused(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	struct part nowb[] = { { "xl/styles.xml", styles_xml },
		{ NULL, NULL } };
	const char *csv = HEAD "Arta,Krasniqi,female,ngo,XK09,OJQ\n";
	char *x;
	size_t n;

	/* Not a zip: a CSV file sent as XLSX, and nothing at all. */
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, csv,
	    strlen(csv), 0, &r), SVC_INVALID);
	has(r, 0, NULL, "import.err.xlsx_zip");
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, "", 0, 0,
	    &r), SVC_INVALID);
	has(r, 0, NULL, "import.err.xlsx_zip");
	/* A zip without a workbook; a workbook whose sheet is missing. */
	x = xlsx_make(nowb, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.xlsx_sheet");
	free(x);
	x = book(NULL, NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.xlsx_sheet");
	free(x);
	/* A worksheet that is not XML (cut short; a doctype with entities). */
	x = book(SHEET(PHEAD_ROW "<row r=\"2\"><c r=\"A2\"><v>1</c>"), NULL,
	    &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	assert_non_null(strstr(has(r, 2, NULL, "import.err.xlsx_xml")->arg,
	    "worksheet:"));
	free(x);
	x = book("<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]>"
	    "<worksheet><sheetData/></worksheet>", NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.xlsx_xml");
	free(x);
	/* A shared string that is not there; cells out of order. */
	x = book(SHEET(PHEAD_ROW "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v>"
	    "</c></row>"), "<sst " NS_MAIN "><si><t>x</t></si></sst>", &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 2, NULL, "import.err.xlsx_xml");
	free(x);
	x = book(SHEET(PHEAD_ROW "<row r=\"2\">" IS("C2", "a") IS("B2", "b")
	    "</row>"), NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 2, NULL, "import.err.xlsx_xml");
	free(x);
	/* A header only; a column past the limit. */
	x = book(SHEET(PHEAD_ROW), NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 0, NULL, "import.err.empty");
	free(x);
	x = book(SHEET(PHEAD_ROW "<row r=\"2\">" IS("ZZ2", "far") "</row>"),
	    NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 2, NULL, "import.err.xlsx_wide");
	free(x);
	/* The wrong format asked for. */
	assert_int_equal(run_x(c, c->cw, IMPORT_PARTICIPANTS, csv,
	    strlen(csv), 0, &r), SVC_DENIED);
	assert_int_equal(profs(c), 0);
}

static int
count_rows(void *arg, size_t line, char **f, size_t n)
{
	(*(size_t *)arg)++;
	return 0;
}

/* A zip bomb: a small archive that inflates past the cap stops there. */
static void
test_xlsx_bomb(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	struct xlsx_where w;
	size_t n, i, rows = 0, big = 3u * 1024 * 1024;
	char *sheet, *x;

	assert_non_null(sheet = malloc(big + 200));
	strcpy(sheet, "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\">"
	    "<is><t>");
	n = strlen(sheet);
	for (i = 0; i < big; i++)
		sheet[n + i] = 'a';
	strcpy(sheet + n + big, "</t></is></c></row></sheetData></worksheet>");
	x = book(sheet, NULL, &n);
	assert_true(n < big / 100);	/* it compresses well */
	/* Under a cap of 1 MiB: refused, the callback never called. */
	assert_int_equal(xlsx_parse(x, n, 1u << 20, count_rows, &rows, &w),
	    XLSX_TOO_BIG);
	assert_int_equal(rows, 0);
	/* Through the import (a 3 MiB cell is over the cell limit). */
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 1, NULL, "import.err.xlsx_wide");
	free(x);
	free(sheet);
	assert_int_equal(profs(c), 0);
}

static void
test_xlsx_formula(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	char *x;
	size_t n;

	/* The cached value (3, "Berisha") is never taken: the formula is. */
	x = book(SHEET(PHEAD_ROW
	    "<row r=\"2\">" IS("A2", "Arta") "<c r=\"B2\" t=\"str\">"
	    "<f>CONCAT(\"Beri\",\"sha\")</f><v>Berisha</v></c>" IS("C2",
	    "female") IS("D2", "ngo") IS("E2", "XK09") IS("F2", "OJQ")
	    "</row><row r=\"3\">" IS("A3", "Besa") IS("B3", "Hoxha")
	    IS("C3", "female") IS("D3", "ngo") IS("E3", "XK09")
	    "<c r=\"F3\"><f t=\"shared\" si=\"0\"/><v>3</v></c></row>"
	    "<row r=\"4\">" IS("A4", "Genc") IS("B4", "Morina") IS("C4",
	    "male") IS("D4", "ngo") IS("E4", "XK09") IS("F4", "=1+2")
	    "</row>"), NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 2, "family_name", "import.err.formula");
	has(r, 3, "organisation", "import.err.formula");
	has(r, 4, "organisation", "import.err.formula");
	assert_int_equal(r->failed, 3);
	free(x);
	assert_int_equal(profs(c), 0);
}

struct prog {
	size_t	 calls, last_done, last_total, backwards;
};

static void
on_progress(void *arg, size_t done, size_t total)
{
	struct prog *p = arg;

	if (p->calls > 0 && done < p->last_done)
		p->backwards++;
	p->calls++;
	p->last_done = done;
	p->last_total = total;
}

/* Cells of every type, gaps, rows out of the way; the same report and
 * rules as CSV; the progress calls. */
static void
test_xlsx_written(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	struct svc s;
	struct import_opts o;
	struct prog pg;
	char *x;
	size_t n;
	const char *ss = "<sst " NS_MAIN "><si><t>Arta</t></si>"
	    "<si><r><rPr/><t>Kras</t></r><r><t>niqi</t></r>"
	    "<rPh><t>IGNORED</t></rPh></si><si><t>female</t></si>"
	    "<si><t xml:space=\"preserve\">  social_worker </t></si></sst>";

	/* Row 3: shared and rich strings; row 5 (after a missing row 4) has
	 * a gap: B5 absent, so family_name is empty; a boolean. */
	x = book(SHEET(PHEAD_ROW
	    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\""
	    " t=\"s\"><v>1</v></c><c r=\"C3\" t=\"s\"><v>2</v></c>"
	    "<c r=\"D3\" t=\"s\"><v>3</v></c>" IS("E3", "XK09")
	    "<c r=\"F3\" t=\"b\"><v>1</v></c></row>"
	    "<row r=\"5\">" IS("A5", "Dren") IS("C5", "male") IS("D5",
	    "police") IS("E5", "XK09") IS("F5", "PK") "</row>"), ss, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_PARTICIPANTS, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 5, "family_name", "error.field.required");
	assert_int_equal(r->ok, 1);
	assert_int_equal(profs(c), 0);
	free(x);

	/* Written, with a progress bar that reaches its total. */
	x = book(SHEET(PHEAD_ROW
	    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\""
	    " t=\"s\"><v>1</v></c><c r=\"C3\" t=\"s\"><v>2</v></c>"
	    "<c r=\"D3\" t=\"s\"><v>3</v></c>" IS("E3", "XK09")
	    "<c r=\"F3\" t=\"b\"><v>1</v></c></row>"
	    "<row r=\"5\">" IS("A5", "Dren") IS("B5", "Gashi") IS("C5", "male")
	    IS("D5", "police") IS("E5", "XK09") "<c r=\"F5\"><v>42.5</v></c>"
	    "</row><row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t></t></is>"
	    "</c></row>"), ss, &n);
	s = fx_svc(c->f, c->admin);
	memset(&o, 0, sizeof(o));
	memset(&pg, 0, sizeof(pg));
	o.format = IMPORT_XLSX;
	o.progress = on_progress;
	o.progress_arg = &pg;
	assert_int_equal(import_run_opts(&s, IMPORT_PARTICIPANTS, x, n, &o,
	    &r), SVC_OK);
	assert_int_equal(r->written, 2);
	assert_true(pg.calls >= 1);
	assert_int_equal(pg.last_done, 2);
	assert_int_equal(pg.last_total, 2);
	assert_int_equal(pg.backwards, 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE given_name = 'Arta' AND family_name = 'Krasniqi' AND"
	    " profile = 'social_worker' AND organisation = 'TRUE'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE family_name = 'Gashi' AND organisation = '42.5'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.participants' AND detail LIKE"
	    " 'rows=2 format=xlsx sha256=%'"), 1);
	free(x);
}

/* Dates: a built-in and a custom date style give yyyy-mm-dd (1900 and
 * 1904 systems); a time-only or quoted-d style stays a number. */
static void
test_xlsx_dates(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	char *x;
	size_t n;
	struct part p[] = {
		{ "xl/workbook.xml", "<workbook " NS_MAIN " " NS_R ">"
		    "<workbookPr date1904=\"1\"/><sheets><sheet name=\"S\""
		    " sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
		{ "xl/_rels/workbook.xml.rels", rels_xml },
		{ "xl/styles.xml", styles_xml },
		{ "xl/worksheets/sheet1.xml", SHEET("<row r=\"1\">"
		    IS("A1", "provider") IS("B1", "number") IS("C1", "services")
		    IS("D1", "municipalities") IS("E1", "issued") IS("F1",
		    "expires") IS("G1", "capacity") "</row><row r=\"2\">"
		    IS("A2", "OJQ-HANI") IS("B2", "L-1") IS("C2", "shelter")
		    IS("D2", "XK09") "<c r=\"E2\" s=\"1\"><v>44561</v></c>"
		    "<c r=\"F2\" s=\"2\"><v>44926.75</v></c><c r=\"G2\">"
		    "<v>12</v></c></row>") },
		{ NULL, NULL }
	};

	/* 1900 system: 46023 = 2026-01-01, 46388 = 2027-01-01. */
	x = book(SHEET("<row r=\"1\">" IS("A1", "provider") IS("B1",
	    "number") IS("C1", "services") IS("D1", "municipalities")
	    IS("E1", "issued") IS("F1", "expires") IS("G1", "capacity")
	    "</row><row r=\"2\">" IS("A2", "OJQ-HANI") IS("B2", "L-1")
	    IS("C2", "shelter") IS("D2", "XK09") "<c r=\"E2\" s=\"1\">"
	    "<v>46023</v></c><c r=\"F2\" s=\"2\"><v>46388.5</v></c>"
	    "<c r=\"G2\" s=\"0\"><v>10</v></c></row>"
	    "<row r=\"3\">" IS("A3", "OJQ-HANI") IS("B3", "L-2") IS("C3",
	    "day_care") IS("D3", "XK09") "<c r=\"E3\" s=\"3\"><v>46023</v>"
	    "</c><c r=\"F3\" s=\"4\"><v>46388</v></c><c r=\"G3\"><v>10</v>"
	    "</c></row>"), NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_LICENCES, x, n, 0, &r),
	    SVC_INVALID);
	has(r, 3, "issued", "error.field.date");
	assert_int_equal(r->ok, 1);
	free(x);
	x = book(SHEET("<row r=\"1\">" IS("A1", "provider") IS("B1",
	    "number") IS("C1", "services") IS("D1", "municipalities")
	    IS("E1", "issued") IS("F1", "expires") IS("G1", "capacity")
	    "</row><row r=\"2\">" IS("A2", "OJQ-HANI") IS("B2", "L-1")
	    IS("C2", "shelter") IS("D2", "XK09") "<c r=\"E2\" s=\"1\">"
	    "<v>46023</v></c><c r=\"F2\" s=\"2\"><v>46388.5</v></c>"
	    "<c r=\"G2\" s=\"0\"><v>10</v></c></row>"), NULL, &n);
	assert_int_equal(run_x(c, c->admin, IMPORT_LICENCES, x, n, 0, &r),
	    SVC_OK);
	free(x);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM licence WHERE"
	    " number = 'L-1' AND issued = '2026-01-01' AND expires ="
	    " '2027-01-01'"), 1);
	/* 1904 system: 44561 = 2026-01-01, 44926 = 2027-01-01. */
	x = xlsx_make(p, &n);
	assert_int_equal(run_x(c, c->padmin, IMPORT_LICENCES, x, n, 1, &r),
	    SVC_INVALID);
	has(r, 2, "provider", "import.err.scope");
	assert_int_equal(run_x(c, c->admin, IMPORT_LICENCES, x, n, 1, &r),
	    SVC_INVALID);
	has(r, 2, "number", "provider.err.number_taken");
	free(x);
}

/* ------------------------------------------------------------- providers */

#define VHEAD	"code,name,municipality,legal_form,registration_no,address," \
		"contact_phone,contact_email,description\n"

static int64_t
agencies(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM agency");
}

static void
test_providers_refused(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	int64_t before = agencies(c);

	/* Missing columns; without the permission. */
	assert_int_equal(run(c, c->admin, IMPORT_PROVIDERS,
	    "code,name\nOJQ-A,Qendra A\n", 0, &r), SVC_INVALID);
	has(r, 1, "municipality", "import.err.missing_column");
	has(r, 1, "legal_form", "import.err.missing_column");
	assert_int_equal(run(c, c->cw, IMPORT_PROVIDERS, VHEAD, 0, &r),
	    SVC_DENIED);
	assert_int_equal(run(c, c->admin, IMPORT_PROVIDERS, VHEAD
	    "OJQ-SHP,Qendra Shpresa,XK09,ngo,R-1,Rr. 1,+383 44 111 222,"
	    "info@shpresa.org,Strehim\n"				/* 2 ok */
	    "OJQ-SHP2,Qendra Shprésa,XK09,ngo,,,,,\n"		/* 3 same */
	    "OJQ-H2,OJQ Hani,XK09,ngo,,,,,\n"			/* 4 registry */
	    "OJQ-HANI,Ndihma e Re,XK09,ngo,,,,,\n"		/* 5 code */
	    "ojq lower,Drita,XK09,ngo,,,,,\n"			/* 6 code */
	    "OJQ-X1,Qendra X1,XK99,ngo,,,,,\n"			/* 7 muni */
	    "OJQ-X2,Qendra X2,XK13,ngo,,,,,\n"			/* 8 scope */
	    "OJQ-X3,Qendra X3,XK09,cooperative,,,,,\n"		/* 9 form */
	    "OJQ-X4,Qendra X4,XK09,ngo,,,12,,\n"		/* 10 phone */
	    "OJQ-X5,Qendra X5,XK09,ngo,,,,no-at,\n"		/* 11 email */
	    "OJQ-X6,Qendra <b>X6</b>,XK09,ngo,,,,,\n"		/* 12 markup */
	    "OJQ-X7,=cmd|' /C calc'!A0,XK09,ngo,,,,,\n"		/* 13 formula */
	    "OJQ-X8,,XK09,ngo,,,,,\n"				/* 14 name */
	    "OJQ-SHP,Tjetër,XK09,private,,,,,\n"		/* 15 code */
	    "OJQ-X9,Qendra X9,XK09,,,,,,\n",			/* 16 form */
	    0, &r), SVC_INVALID);
	assert_non_null(strstr(has(r, 3, "name",
	    "import.err.same_provider")->arg, "OJQ-SHP"));
	assert_non_null(strstr(has(r, 4, "name",
	    "import.err.same_provider")->arg, "OJQ-HANI"));
	has(r, 5, "code", "error.code.taken");
	has(r, 6, "code", "error.code.invalid");
	has(r, 7, "municipality", "import.err.municipality");
	has(r, 8, "municipality", "import.err.scope");
	has(r, 9, "legal_form", "error.field.choice");
	has(r, 10, "contact_phone", "provider.err.phone");
	has(r, 11, "contact_email", "provider.err.email");
	has(r, 12, "name", "provider.err.markup");
	has(r, 13, "name", "import.err.formula");
	has(r, 14, "name", "error.field.required");
	has(r, 15, "code", "error.code.taken");
	has(r, 16, "legal_form", "error.field.required");
	assert_int_equal(r->ok, 1);
	assert_int_equal(r->failed, 14);
	/* Nothing half-imported: row 2 passed but is not kept. */
	assert_int_equal(agencies(c), before);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM"
	    " provider_profile"), 0);
}

static void
test_providers_written(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	int64_t before = agencies(c);

	assert_int_equal(run(c, c->admin, IMPORT_PROVIDERS, VHEAD
	    "OJQ-SHP,Qendra Shpresa,XK09,ngo,R-1,Rr. 1,+383 44 111 222,"
	    "info@shpresa.org,\"Strehim, këshillim\"\n"
	    "QP-HANI,Qendra publike e Hanit,XK09,public,,,,,\n", 0, &r),
	    SVC_OK);
	assert_int_equal(r->written, 2);
	assert_int_equal(agencies(c), before + 2);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM agency g JOIN"
	    " provider_profile p ON p.agency_id = g.id WHERE g.type ="
	    " 'provider' AND g.code = 'OJQ-SHP' AND p.legal_form = 'ngo' AND"
	    " p.email = 'info@shpresa.org'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.providers' AND detail LIKE 'rows=2 format=csv"
	    " sha256=%'"), 1);
	/* The same again: both are in the registry now. */
	assert_int_equal(run(c, c->admin, IMPORT_PROVIDERS, VHEAD
	    "OJQ-SHP3,QENDRA SHPRESA,XK09,ngo,,,,,\n", 0, &r), SVC_INVALID);
	has(r, 2, "name", "import.err.same_provider");
	/* Then their licences, in a second file. */
	assert_int_equal(run(c, c->admin, IMPORT_LICENCES, LHEAD
	    "OJQ-SHP,L-S1,shelter,XK09,2026-01-01,2027-01-01,8\n"
	    "QP-HANI,L-Q1,day_care,XK09,2026-01-01,2027-01-01,20\n", 0, &r),
	    SVC_OK);
	assert_int_equal(licences(c), 2);
}

/* ------------------------------------------------- the write (issue 5) */

static const char *const given40[] = { "Arta", "Besa", "Dren", "Genc",
	"Lule", "Mimoza", "Valon", "Blerim", "Drita", "Fatmir", "Jeta",
	"Kujtim", "Liridon", "Njomza", "Shpend", "Teuta", "Vjosa", "Agon",
	"Erza", "Ilir", "Milan", "Dragana", "Nenad", "Jelena", "Zoran", "Ana",
	"Marko", "Ivana", "Stefan", "Milica", "Bujar", "Fitore", "Gentiana",
	"Hana", "Kaltrina", "Labinot", "Mentor", "Nora", "Rina", "Edon" };
static const char *const family40[] = { "Krasniqi", "Berisha", "Gashi",
	"Hoxha", "Morina", "Shala", "Kelmendi", "Bytyqi", "Rexhepi", "Ahmeti",
	"Halimi", "Rama", "Musliu", "Limani", "Zeqiri", "Mustafa", "Salihu",
	"Osmani", "Dervishi", "Thaqi", "Veseli", "Kastrati", "Haxhiu",
	"Sadiku", "Jashari", "Ramadani", "Nikolić", "Petrović", "Jovanović",
	"Stojanović", "Popović", "Marković", "Đukić", "Ilić", "Pavlović",
	"Lekaj", "Tahiri", "Brahimi", "Qorri", "Xhemajli" };
static const char *const profile9[] = { "social_worker",
	"head_social_services", "child_protection_worker", "health",
	"education", "police", "ngo", "ministry", "local_staff" };
/* Made-up family names, 1,440 different people with given40[]. */
static const char *const syl_a[] = { "bar", "ken", "lot", "mis", "nug",
	"raf", "sev", "tid", "vok", "zum", "pel", "hor" };
static const char *const syl_b[] = { "ova", "eki", "uzo", "ima", "ade",
	"ero", "uli", "ane", "ope", "ika" };

/* Family name i: family40[] first, then made-up ones. */
static const char *
family_of(struct ctx *c, int i)
{
	if (i < 40)
		return family40[i];
	return arena_printf(c->f->a, "%c%s%s%s", 'A' + i % 26,
	    syl_a[i / 10 % 12], syl_b[i % 10], syl_a[i / 120 % 12]);
}

/*
 * IMPORT_PROF_BATCH + 8 rows (one statement of IMPORT_PROF_BATCH rows and
 * 8 one by one), in
 * the file in an order unlike the name index's: every row written whole
 * (its cells kept together through the sort), the ids in the order of
 * professional_fold_family, nothing left of a dry run or a refused file.
 */
static void
test_participants_order(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	char *file = arena_strdup(c->f->a, "given_name,family_name,sex,"
	    "profile,municipality,organisation,email\n");
	const int n = IMPORT_PROF_BATCH + 8;
	int i;

	for (i = n - 1; i >= 0; i--)
		file = arena_printf(c->f->a, "%s%s,%s,%s,%s,XK09,ORG %d,"
		    "p%d@example.org\n", file, given40[i % 40], family_of(c, i),
		    i % 2 ? "male" : "female", profile9[i % 9], i, i);
	/* A refused row anywhere: nothing written, not even a batch. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS,
	    arena_printf(c->f->a, "%sAgim,Krasniqi,male,astronaut,XK09,X,\n",
	    file), 0, &r), SVC_INVALID);
	assert_int_equal(r->ok, n);
	has(r, n + 2, "profile", "error.field.choice");
	assert_int_equal(profs(c), 0);
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 1, &r),
	    SVC_OK);
	assert_int_equal(profs(c), 0);
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 0, &r),
	    SVC_OK);
	assert_int_equal(r->ok, n);
	assert_int_equal(r->written, n);
	assert_int_equal(profs(c), n);
	for (i = 0; i < n; i++)
		assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a,
		    "SELECT count(*) FROM professional WHERE given_name = '%s'"
		    " AND family_name = '%s' AND fold_given = '%s' AND"
		    " fold_family = '%s' AND sex = '%s' AND profile = '%s' AND"
		    " organisation = 'ORG %d' AND email = 'p%d@example.org' AND"
		    " agency_id IS NULL AND municipality_id = (SELECT id FROM"
		    " municipality WHERE code = 'XK09') AND merged_into IS NULL"
		    " AND version = 1 AND created_by = %lld AND created_at > 0",
		    given40[i % 40], family_of(c, i), names_fold(c->f->a,
		    given40[i % 40]), names_fold(c->f->a, family_of(c, i)),
		    i % 2 ? "male" : "female", profile9[i % 9], i, i,
		    (long long)c->admin->id)), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " a JOIN professional b ON a.id < b.id WHERE a.fold_family >"
	    " b.fold_family OR (a.fold_family = b.fold_family AND"
	    " a.fold_given > b.fold_given)"), 0);
	/* Still one audit row for the file. */
	assert_int_equal(fx_raw_int(c->f, arena_printf(c->f->a, "SELECT"
	    " count(*) FROM audit WHERE action = 'import.participants' AND"
	    " detail LIKE 'rows=%d %%'", n)), 1);
	/* The same file again: every row is someone in the register now. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 0, &r),
	    SVC_INVALID);
	assert_int_equal(r->failed, n);
	has(r, 2, "family_name", "import.err.same_person");
	assert_int_equal(profs(c), n);
}

/*
 * The match skips a candidate of the other sex without scoring it; the
 * scores that makes that exact (names.c): the same names of the other sex
 * stay below NAMES_SCORE_POSSIBLE, and a spelling variant of the same sex
 * is at or above it.
 */
static void
test_sex(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	struct name_query q;
	struct name_candidate k;
	struct match_result m;

	memset(&q, 0, sizeof(q));
	memset(&k, 0, sizeof(k));
	q.given = k.person.given = "Arta";
	q.family = k.person.family = "Krasniqi";
	q.sex = NAMES_SEX_FEMALE;
	k.person.sex = NAMES_SEX_MALE;
	assert_true(names_match_score(&q, &k, &m) < NAMES_SCORE_POSSIBLE);
	k.person.sex = NAMES_SEX_FEMALE;
	k.person.family = "Krasniqui";
	assert_true(names_match_score(&q, &k, &m) >= NAMES_SCORE_POSSIBLE);
	/* In one file: the other sex is another person; a variant of the
	 * same sex is the same person. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,ngo,XK09,OJQ\n"
	    "Arta,Krasniqi,male,ngo,XK09,OJQ\n"
	    "Arta,Krasniqui,female,ngo,XK09,OJQ\n", 0, &r), SVC_INVALID);
	assert_int_equal(r->failed, 1);
	assert_string_equal(has(r, 4, "family_name",
	    "import.err.same_person_row")->arg, "2");
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,ngo,XK09,OJQ\n"
	    "Arta,Krasniqi,male,ngo,XK09,OJQ\n", 0, &r), SVC_OK);
	assert_int_equal(profs(c), 2);
	/* Against the register: the same. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqui,male,ngo,XK09,OJQ\n"
	    "Arta,Krasniqui,female,ngo,XK09,OJQ\n", 0, &r), SVC_INVALID);
	assert_int_equal(r->failed, 2);
	has(r, 2, "family_name", "import.err.same_person");
	has(r, 3, "family_name", "import.err.same_person");
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Drita,Krasniqi,male,ngo,XK09,OJQ\n", 0, &r), SVC_OK);
	assert_int_equal(profs(c), 3);
}

/* Row i of a file of many different people (profile, and the family
 * name with an h added when h). */
static void
person(FILE *f, size_t i, const char *profile, int h)
{
	fprintf(f, "%s,%c%s%s%s%s,%s,%s,XK09,OJQ\n", given40[i % 40],
	    'A' + (int)(i % 26), syl_a[i / 10 % 12], syl_b[i % 10],
	    syl_a[i / 120 % 12], h ? "h" : "", i % 2 ? "male" : "female",
	    profile);
}

/* The file of rows 0..n) (each row i of the file kept as it is unless
 * it is one of those of edit()), in the fixture's arena. */
static char *
many(struct ctx *c, size_t n, void (*edit)(FILE *, size_t))
{
	char *buf = NULL, *file;
	size_t len = 0, i;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	fputs(HEAD, f);
	for (i = 0; i < n; i++) {
		if (edit != NULL)
			edit(f, i);
		else
			person(f, i, "ngo", 0);
	}
	if (fclose(f) != 0)
		return NULL;
	file = arena_strdup(c->f->a, buf);
	free(buf);
	return file;
}

/* Row 700 is row 300 spelled anew, 701 has no such profile, 702 is row
 * 600 again, and a row at the end is row 2 spelled anew. */
static void
edit_rows(FILE *f, size_t i)
{
	if (i == 698)
		person(f, 298, "ngo", 1);
	else if (i == 699)
		person(f, 699, "astronaut", 0);
	else if (i == 700)
		person(f, 598, "ngo", 0);
	else
		person(f, i, "ngo", 0);
	if (i == 1199)
		person(f, 0, "ngo", 1);
}

/* The file whole, and row 2 spelled anew at the end. */
static void
edit_last(FILE *f, size_t i)
{
	person(f, i, "ngo", 0);
	if (i == 1199)
		person(f, 0, "ngo", 1);
}

/* The file whole, and row 600 again at the end. */
static void
edit_dup(FILE *f, size_t i)
{
	person(f, i, "ngo", 0);
	if (i == 1199)
		person(f, 598, "ngo", 0);
}

/*
 * The two passes (svc/import.c): the rows are checked on the caller's
 * thread while another matches them, and the rows are written while the
 * match goes on. Over more rows than one hand-over between the threads:
 * a same-person row or a duplicate row after every row has passed its
 * checks rolls the written rows back (nothing written, no audit row); a
 * row refused by its checks is no one the later rows can match; the
 * report lists the rows' errors in the order of the rows, whichever pass
 * found them.
 */
static void
test_two_passes(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	const size_t n = 1200;
	char *file = many(c, n, NULL);

	assert_non_null(file);
	/* The rows are all different people. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 1, &r),
	    SVC_OK);
	assert_int_equal(r->ok, n);
	/* The first row again, spelled differently, at the end. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, many(c, n,
	    edit_last), 0, &r), SVC_INVALID);
	assert_int_equal(r->nerr, 1);
	assert_string_equal(has(r, n + 2, "family_name",
	    "import.err.same_person_row")->arg, "2");
	assert_int_equal(r->ok, n);
	assert_int_equal(r->written, 0);
	assert_int_equal(profs(c), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.participants'"), 0);
	/* Only a duplicate row, at the end: nothing written either. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, many(c, n,
	    edit_dup), 0, &r), SVC_INVALID);
	assert_int_equal(r->nerr, 1);
	assert_string_equal(has(r, n + 2, NULL,
	    "import.err.duplicate_row")->arg, "600");
	assert_int_equal(r->written, 0);
	assert_int_equal(profs(c), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE"
	    " action = 'import.participants'"), 0);
	/* A row refused by its checks is no one to match: row 3 is not the
	 * same person as row 2. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,astronaut,XK09,OJQ\n"
	    "Arta,Krasniqi,female,ngo,XK09,OJQ\n", 0, &r), SVC_INVALID);
	assert_int_equal(r->nerr, 1);
	has(r, 2, "profile", "error.field.choice");
	assert_int_equal(r->ok, 1);
	assert_int_equal(profs(c), 0);
	/* Errors of both passes, in the order of the rows. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, many(c, n,
	    edit_rows), 0, &r), SVC_INVALID);
	assert_int_equal(r->nerr, 4);
	assert_int_equal(r->err[0].row, 700);
	assert_string_equal(r->err[0].msg, "import.err.same_person_row");
	assert_string_equal(r->err[0].arg, "300");
	assert_int_equal(r->err[1].row, 701);
	assert_string_equal(r->err[1].msg, "error.field.choice");
	assert_int_equal(r->err[2].row, 702);
	assert_string_equal(r->err[2].msg, "import.err.duplicate_row");
	assert_string_equal(r->err[2].arg, "600");
	assert_int_equal(r->err[3].row, n + 2);
	assert_string_equal(r->err[3].arg, "2");
	assert_int_equal(r->failed, 4);
	assert_int_equal(r->ok, n + 1 - 4);
	assert_int_equal(profs(c), 0);
	/* And the file whole: written. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, file, 0, &r),
	    SVC_OK);
	assert_int_equal(r->written, n);
	assert_int_equal(profs(c), (int64_t)n);
}

/*
 * Migration 0030: the professional table rebuilt (its rules kept: a
 * profile or sex outside the lists, an empty name, neither agency nor
 * organisation are refused), one index left, on (fold_family,
 * fold_given). Run again on a register with rows (as after a crash
 * between its two commits): ids, references and rows kept.
 */
static void
test_schema_0030(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;
	const struct embedded_file *m;
	const char *ins = "INSERT INTO professional (given_name, family_name,"
	    " fold_given, fold_family, sex, profile, organisation,"
	    " municipality_id, created_by, created_at) VALUES ";
	static const char *const bad[] = {
		"('A', 'B', 'a', 'b', 'female', 'astronaut', 'O', 1, 1, 1)",
		"('A', 'B', 'a', 'b', 'female', 'NGO', 'O', 1, 1, 1)",
		"('A', 'B', 'a', 'b', 'other', 'ngo', 'O', 1, 1, 1)",
		"('', 'B', 'a', 'b', 'male', 'ngo', 'O', 1, 1, 1)",
		"('A', 'B', 'a', 'b', 'male', 'ngo', '', 1, 1, 1)",
		"('A', 'B', 'a', 'b', 'male', NULL, 'O', 1, 1, 1)",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(fx_raw_exec(c->f, arena_printf(c->f->a,
		    "%s%s", ins, bad[i])), SQLITE_OK);
	assert_int_equal(profs(c), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM"
	    " pragma_index_list('professional')"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM"
	    " pragma_index_info('professional_fold_family') WHERE (seqno = 0"
	    " AND name = 'fold_family') OR (seqno = 1 AND name ="
	    " 'fold_given')"), 2);
	/* Every profile of the list is taken. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,social_worker,XK09,O\n"
	    "Besa,Berisha,female,head_social_services,XK09,O\n"
	    "Dren,Gashi,male,child_protection_worker,XK09,O\n"
	    "Genc,Hoxha,male,health,XK09,O\n"
	    "Lule,Morina,female,education,XK09,O\n"
	    "Valon,Shala,male,police,XK09,O\n"
	    "Jeta,Kelmendi,female,ngo,XK09,O\n"
	    "Ilir,Bytyqi,male,ministry,XK09,O\n"
	    "Erza,Rexhepi,female,local_staff,XK09,O\n", 0, &r), SVC_OK);
	assert_int_equal(profs(c), 9);
	assert_int_equal(fx_raw_exec(c->f, "UPDATE professional SET"
	    " merged_into = (SELECT min(id) FROM professional) WHERE id ="
	    " (SELECT max(id) FROM professional)"), SQLITE_OK);
	m = embed_find("src/store/migrations/sqlite/0030_professional_write.sql");
	assert_non_null(m);
	assert_int_equal(fx_raw_exec(c->f, arena_printf(c->f->a,
	    "BEGIN IMMEDIATE;\n%s\nCOMMIT;", m->data)), SQLITE_OK);
	assert_int_equal(profs(c), 9);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE merged_into = (SELECT min(id) FROM professional) AND id ="
	    " (SELECT max(id) FROM professional)"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM"
	    " pragma_index_list('professional')"), 1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(fx_raw_exec(c->f, arena_printf(c->f->a,
		    "%s%s", ins, bad[i])), SQLITE_OK);
	/* And the service still writes into it. */
	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Teuta,Ahmeti,female,ngo,XK09,O\n", 0, &r), SVC_OK);
	assert_int_equal(profs(c), 10);
}

/*
 * Cells are squashed as utf8_squash() does (white space at either end
 * dropped, inner runs one space), whether plain ASCII (copied as they
 * are when there is nothing to squash) or not.
 */
static void
test_cells(void **state)
{
	struct ctx *c = *state;
	struct import_report *r;

	assert_int_equal(run(c, c->admin, IMPORT_PARTICIPANTS, HEAD
	    "Arta,Krasniqi,female,ngo,XK09,OJQ Ylli\n"
	    "  Besa  , Berisha,female, ngo ,XK09,OJQ  Ylli \n"
	    "Dren\t,Gashi\t\tjr,male,ngo,XK09,OJQ\xc2\xa0 Ylli\n"
	    "Genc,Hoxha,male,ngo,XK09,\"OJQ\n Ylli\"\n"
	    "Ilir,M\xc3\xabrtiri,male,ngo,XK09,A B C\n"
	    "J,K,male,ngo,XK09,x\n", 0, &r), SVC_OK);
	assert_int_equal(profs(c), 6);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE organisation = 'OJQ Ylli'"), 4);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE given_name = 'Besa' AND family_name = 'Berisha'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE given_name = 'Dren' AND family_name = 'Gashi jr'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE family_name = 'M\xc3\xabrtiri' AND organisation ="
	    " 'A B C'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE given_name = 'J' AND family_name = 'K' AND organisation ="
	    " 'x'"), 1);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM professional"
	    " WHERE given_name LIKE '% %' OR given_name LIKE '%\t%' OR"
	    " organisation LIKE '%  %' OR organisation LIKE ' %' OR"
	    " organisation LIKE '% '"), 0);
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
		T(test_xlsx_file_refused),
		T(test_xlsx_bomb),
		T(test_xlsx_formula),
		T(test_xlsx_written),
		T(test_xlsx_dates),
		T(test_providers_refused),
		T(test_providers_written),
		T(test_participants_order),
		T(test_sex),
		T(test_two_passes),
		T(test_schema_0030),
		T(test_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
