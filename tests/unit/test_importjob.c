/*
 * test_importjob.c — imports from the web: the multipart parser
 * (src/http/multipart.c) and the jobs (src/svc/importjob.c), negative
 * first: every malformed multipart body refused whole; a job of a kind the
 * user may not import, an empty file, another user's job (not found, and
 * audited), a confirmation with a wrong hash, of a rejected, expired,
 * already confirmed or tampered file — nothing written; then a file
 * checked, confirmed and written in the background, and the direct (API)
 * run with its dry run.
 */
#include "testutil.h"
#include "fixture.h"

#include "../../src/http/multipart.h"
#include "../../src/svc/importjob.h"

struct ctx {
	struct fx	*f;
	struct actor	*admin, *padmin, *cw;
};

static int
setup(void **state)
{
	struct ctx *c;
	struct fx *f;
	int64_t hani, pris, t1;

	if (fx_setup(state) != 0)
		return -1;
	f = *state;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return -1;
	c->f = f;
	hani = fx_agency(f, "QPS-HANI", AGENCY_SOCIAL_WORK, "XK09", NULL);
	pris = fx_agency(f, "QPS-PRISHTINE", AGENCY_SOCIAL_WORK, "XK13", NULL);
	t1 = fx_team(f, hani, "Ekipi 1");
	c->admin = fx_actor(f, fx_user(f, "admin.hani", ROLE_MUNICIPAL_ADMIN,
	    hani, 0));
	c->padmin = fx_actor(f, fx_user(f, "admin.pris", ROLE_MUNICIPAL_ADMIN,
	    pris, 0));
	c->cw = fx_actor(f, fx_user(f, "cw.one", ROLE_CASEWORKER, hani, t1));
	if (!c->admin || !c->padmin || !c->cw)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	importjob_wait();
	*state = c->f;
	free(c);
	return fx_teardown(state);
}

/* --------------------------------------------------------- multipart */

#define CT	"multipart/form-data; boundary=XyZ"

static enum mp_rc
mp(struct arena *a, const char *ct, const char *body, struct kvlist *l,
    struct mp_file *f)
{
	return multipart_parse(a, ct, body, strlen(body), 8, l, f);
}

static void
test_multipart_refused(void **state)
{
	struct ctx *c = *state;
	struct arena *a = c->f->a;
	struct kvlist l;
	struct mp_file f;
	static const struct {
		const char	*ct, *body;
		enum mp_rc	 rc;
	} bad[] = {
		{ "multipart/form-data", "--XyZ--", MP_NOBOUNDARY },
		{ "multipart/form-data; boundary=", "----", MP_NOBOUNDARY },
		{ "multipart/form-data; boundary=\"XyZ", "--XyZ--", MP_NOBOUNDARY },
		{ "multipart/form-data; boundary=a b", "--a b--", MP_NOBOUNDARY },
		{ "multipart/form-data; boundary=ok;", "--ok--", MP_OK },
		{ "text/plain; boundary=XyZ", "--XyZ--", MP_NOBOUNDARY },
		{ "multipart/form-data; boundary=xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "--", MP_NOBOUNDARY },
		{ CT, "", MP_BAD },
		{ CT, "preamble\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ--trailing", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n1", MP_BAD },					/* truncated */
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n",
		    MP_BAD },						/* no empty line */
		{ CT, "--XyZ\r\n\r\n1\r\n--XyZ--", MP_BAD },		/* no headers */
		{ CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
		    MP_BAD },						/* no disposition */
		{ CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
		    MP_BAD },						/* no name */
		{ CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n"
		    "\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
		    "name=\"b\"\r\n\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; "
		    "filename*=UTF-8''x\r\n\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n"
		    "\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "X-Other: 1\r\n\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n"
		    "\r\n1\r\n--XyZ--", MP_BAD },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n\xff\r\n--XyZ--", MP_BADVALUE },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "\r\n\x01\r\n--XyZ--", MP_BADVALUE },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
		    "filename=\"a\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: "
		    "form-data; name=\"file\"; filename=\"b\"\r\n\r\n2\r\n--XyZ--",
		    MP_FILES },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"up\"; "
		    "filename=\"a\"\r\n\r\n1\r\n--XyZ--", MP_FILENAME },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
		    "filename=\"a\x01\"\r\n\r\n1\r\n--XyZ--", MP_FILENAME },
	};
	const char *body;
	size_t i;
	enum mp_rc rc;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = mp(a, bad[i].ct, bad[i].body, &l, &f);
		if (rc != bad[i].rc)
			fail_msg("case %zu: %d, not %d", i, rc, bad[i].rc);
		if (rc != MP_OK) {
			assert_null(l.v);
			assert_int_equal(l.n, 0);
			assert_null(f.name);
		}
		assert_non_null(multipart_msg(rc));
		arena_reset(a);
	}
	/* More fields than allowed. */
	body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"
	    "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2"
	    "\r\n--XyZ--";
	assert_int_equal(multipart_parse(a, CT, body, strlen(body), 1, &l, &f),
	    MP_TOOMANY);
	assert_int_equal(l.n, 0);
}

static void
test_multipart_parsed(void **state)
{
	struct ctx *c = *state;
	struct arena *a = c->f->a;
	struct kvlist l;
	struct mp_file f;
	const char *body = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"csrf\"\r\n\r\ntok\r\n--XyZ\r\ncontent-disposition: FORM-DATA;"
	    " name=\"kind\"\r\n\r\nparticipants\r\n--XyZ\r\nContent-Disposition:"
	    " form-data; name=\"file\"; filename=\"C:\\\\dir\\\\p\\\".csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\na,b\r\n--Xy\r\n1,2\r\n--XyZ--\r\n";

	assert_int_equal(mp(a, "Multipart/Form-Data; charset=utf-8; "
	    "boundary=\"XyZ\"", body, &l, &f), MP_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "csrf"), "tok");
	assert_string_equal(kv_get(&l, "kind"), "participants");
	assert_string_equal(f.name, "file");
	assert_string_equal(f.filename, "p\".csv");	/* the path dropped */
	assert_string_equal(f.ctype, "text/csv");
	/* The file as sent, a line like a delimiter inside it kept. */
	assert_int_equal(f.len, strlen("a,b\r\n--Xy\r\n1,2"));
	assert_memory_equal(f.data, "a,b\r\n--Xy\r\n1,2", f.len);
	arena_reset(a);
	/* No file chosen: the browser's empty part is no file. */
	assert_int_equal(mp(a, CT, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"\"\r\nContent-Type: application/"
	    "octet-stream\r\n\r\n\r\n--XyZ--", &l, &f), MP_OK);
	assert_null(f.name);
	/* An empty form. */
	assert_int_equal(mp(a, CT, "--XyZ--", &l, &f), MP_OK);
	assert_int_equal(l.n, 0);
	arena_reset(a);
}

/* ---------------------------------------------------------------- jobs */

static const char good_csv[] =
    "given_name,family_name,sex,profile,municipality,organisation\n"
    "Arbnora,Gashi,female,social_worker,XK09,QPS Hani\n"
    "Valdrin,Morina,male,police,XK09,Policia\n";

static const char bad_csv[] =
    "given_name,family_name,sex,profile,municipality,organisation\n"
    "Arbnora,Gashi,female,social_worker,XK09,QPS Hani\n"
    "Valdrin,Morina,male,astronaut,XK09,Policia\n";

static int64_t
profs(struct ctx *c)
{
	return fx_raw_int(c->f, "SELECT count(*) FROM professional");
}

/* A job of the admin for text, checked: its id. */
static int64_t
job(struct ctx *c, const char *text, struct importjob **j)
{
	struct svc s = fx_svc(c->f, c->admin);
	int64_t id = 0;

	assert_int_equal(importjob_create(&s, IMPORT_PARTICIPANTS, "p.csv",
	    text, strlen(text), &id), SVC_OK);
	assert_true(id > 0);
	importjob_wait();
	assert_int_equal(importjob_get(&s, id, j), SVC_OK);
	return id;
}

static void
test_create_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	int64_t id = 7;

	assert_int_equal(importjob_create(&s, IMPORT_PARTICIPANTS, "p.csv",
	    good_csv, strlen(good_csv), &id), SVC_DENIED);
	assert_int_equal(id, 0);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(importjob_create(&s, IMPORT_PARTICIPANTS, "p.csv",
	    "", 0, &id), SVC_INVALID);
	assert_string_equal(s.err.field, "file");
	assert_int_equal(importjob_create(&s, IMPORT__MAX, "p.csv", good_csv,
	    strlen(good_csv), &id), SVC_INVALID);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM import_job"), 0);
}

static void
test_rejected(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct importjob *j;
	struct importjob_error *e;
	size_t n;
	int64_t id = job(c, bad_csv, &j);

	assert_string_equal(j->status, "rejected");
	assert_int_equal(j->rows, 2);
	assert_int_equal(j->failed, 1);
	assert_int_equal(j->nerr_total, 1);
	assert_int_equal(importjob_errors(&s, id, 50, 0, &e, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].row, 3);
	assert_string_equal(e[0].col, "profile");
	/* The preview: the header and the two rows, as read. */
	assert_int_equal(j->nprev, 3);
	assert_string_equal(j->prev[2][3], "astronaut");
	/* A rejected file is not kept and cannot be confirmed. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM import_job "
	    "WHERE data IS NOT NULL"), 0);
	assert_int_equal(importjob_confirm(&s, id, j->hash), SVC_CONFLICT);
	assert_int_equal(profs(c), 0);
}

static void
test_confirm_refused(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin), p = fx_svc(c->f, c->padmin);
	struct importjob *j, *x;
	int64_t id = job(c, good_csv, &j);

	assert_string_equal(j->status, "checked");
	/* Another user's job: not found, and audited. */
	assert_int_equal(importjob_get(&p, id, &x), SVC_NOTFOUND);
	assert_int_equal(importjob_confirm(&p, id, j->hash), SVC_NOTFOUND);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action = 'import.read.denied'"), 2);
	/* A wrong hash, an empty one. */
	assert_int_equal(importjob_confirm(&s, id, "0123"), SVC_CONFLICT);
	assert_int_equal(importjob_confirm(&s, id, ""), SVC_CONFLICT);
	/* The kept file changed behind the job's back. */
	assert_int_equal(fx_raw_exec(c->f, "UPDATE import_job SET data = "
	    "X'00' || data"), SQLITE_OK);
	assert_int_equal(importjob_confirm(&s, id, j->hash), SVC_CONFLICT);
	assert_string_equal(s.err.msg, "webimport.err.stale");
	/* Expired. */
	id = job(c, good_csv, &j);
	fx_shift(IJ_TTL + 60);
	assert_int_equal(importjob_get(&s, id, &x), SVC_OK);
	assert_string_equal(x->status, "expired");
	assert_int_equal(importjob_confirm(&s, id, j->hash), SVC_CONFLICT);
	fx_shift(-(IJ_TTL + 60));
	assert_int_equal(profs(c), 0);
}

static void
test_confirmed(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->admin);
	struct importjob *j, *mine;
	size_t n;
	int64_t id = job(c, good_csv, &j);

	assert_int_equal(j->rows, 2);
	assert_int_equal(j->written, 0);
	assert_int_equal(profs(c), 0);
	assert_int_equal(importjob_confirm(&s, id, j->hash), SVC_OK);
	importjob_wait();
	assert_int_equal(importjob_get(&s, id, &j), SVC_OK);
	assert_string_equal(j->status, "done");
	assert_int_equal(j->written, 2);
	assert_int_equal(profs(c), 2);
	/* The file is not kept once written; a second confirmation fails. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM import_job "
	    "WHERE data IS NOT NULL"), 0);
	assert_int_equal(importjob_confirm(&s, id, j->hash), SVC_CONFLICT);
	assert_int_equal(profs(c), 2);
	assert_int_equal(importjob_mine(&s, 10, &mine, &n), SVC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(mine[0].id, id);
	/* The audit names ids and counts, never a name. */
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action LIKE 'import.%' AND (detail LIKE '%Gashi%' OR detail LIKE "
	    "'%Arbnora%')"), 0);
	assert_int_equal(fx_raw_int(c->f, "SELECT count(*) FROM audit WHERE "
	    "action IN ('import.upload', 'import.job.checked', "
	    "'import.confirm', 'import.job.done')"), 4);
}

struct got {
	enum svc_rc	rc;
	size_t		rows, written, nerr;
};

static void
answer(void *arg, enum svc_rc rc, const struct import_report *rep)
{
	struct got *g = arg;

	g->rc = rc;
	g->rows = rep ? rep->rows : 0;
	g->written = rep ? rep->written : 0;
	g->nerr = rep ? rep->nerr : 0;
}

static void
test_direct(void **state)
{
	struct ctx *c = *state;
	struct svc s = fx_svc(c->f, c->cw);
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(importjob_direct(&s, IMPORT_PARTICIPANTS, good_csv,
	    strlen(good_csv), 1, answer, &g), SVC_DENIED);
	s = fx_svc(c->f, c->admin);
	assert_int_equal(importjob_direct(&s, IMPORT_PARTICIPANTS, bad_csv,
	    strlen(bad_csv), 0, answer, &g), SVC_INVALID);
	assert_int_equal(g.nerr, 1);
	assert_int_equal(profs(c), 0);
	assert_int_equal(importjob_direct(&s, IMPORT_PARTICIPANTS, good_csv,
	    strlen(good_csv), 1, answer, &g), SVC_OK);
	assert_int_equal(g.rows, 2);
	assert_int_equal(g.written, 0);
	assert_int_equal(profs(c), 0);
	assert_int_equal(importjob_direct(&s, IMPORT_PARTICIPANTS, good_csv,
	    strlen(good_csv), 0, answer, &g), SVC_OK);
	assert_int_equal(g.written, 2);
	assert_int_equal(profs(c), 2);
	/* The format from the content. */
	assert_int_equal(importjob_format("PK\x03\x04", 4), IMPORT_XLSX);
	assert_int_equal(importjob_format("PK", 1), IMPORT_CSV);
	assert_int_equal(importjob_format("a,b", 3), IMPORT_CSV);
}

#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_multipart_refused),
		T(test_multipart_parsed),
		T(test_create_refused),
		T(test_rejected),
		T(test_confirm_refused),
		T(test_confirmed),
		T(test_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
