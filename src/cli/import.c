/*
 * import.c — `rrjeti import participants|providers|licences FILE --data DIR
 * --user NAME [--format csv|xlsx] [--dry-run] [--lang sq|en|sr]` (cli
 * layer): checks a CSV or XLSX file (the first worksheet) with
 * svc/import.h and, unless --dry-run or a row fails, writes all of it in
 * one transaction, acting as the user NAME (an active administrator: the
 * same permissions and scope as on the web, and the audit trail names
 * them). The format is XLSX when the file is a zip archive, CSV otherwise,
 * unless --format says. The report goes to standard output: one line per
 * failing row (row, column, message), then the counts. Exit status 0 when
 * every row passed, 1 when the file or a row was refused (nothing
 * written), 2 on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../app/app.h"
#include "../i18n/i18n.h"
#include "../svc/import.h"
#include "../svc/user.h"
#include "../util/arena.h"
#include "cli.h"

#define IMPORT_FILE_MAX		(512u * 1024 * 1024)
#define IMPORT_ARENA		(2048u * 1024 * 1024)

static int
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: rrjeti import participants|providers|licences FILE"
	    " --data DIR --user NAME\n    [--format csv|xlsx] [--dry-run]"
	    " [--lang sq|en|sr]\n"
	    "  FILE: CSV (UTF-8) or XLSX (the first worksheet)\n"
	    "  participants: given_name,family_name,sex,profile,municipality"
	    "[,organisation,email,agency]\n"
	    "  providers: code,name,municipality,legal_form[,registration_no,"
	    "address,\n    contact_phone,contact_email,description]\n"
	    "  licences: provider,number,services,municipalities,issued,"
	    "expires,capacity\n"
	    "  (lists inside a cell are separated by ';')\n");
	return status;
}

static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	struct stat sb;
	FILE *f;
	char *t;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "rrjeti: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > IMPORT_FILE_MAX) {
		fprintf(stderr, "rrjeti: %s: not a file of at most %u MiB\n",
		    path, IMPORT_FILE_MAX >> 20);
		fclose(f);
		return NULL;
	}
	if ((t = arena_alloc(a, (size_t)sb.st_size + 1)) == NULL ||
	    fread(t, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		fprintf(stderr, "rrjeti: %s: cannot read\n", path);
		fclose(f);
		return NULL;
	}
	fclose(f);
	t[sb.st_size] = '\0';
	*len = (size_t)sb.st_size;
	return t;
}

int
cli_import(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *lc = cli_opt(argc, argv, "--lang");
	const char *who = cli_opt(argc, argv, "--user");
	const char *fmt = cli_opt(argc, argv, "--format");
	struct import_opts o;
	struct user_info *u;
	struct import_report *rep = NULL;
	struct app app;
	struct arena *ar;
	struct svc s;
	enum svc_rc rc;
	enum lang lang = LANG_SQ;
	char *text;
	size_t len = 0, i;
	int kind, dry = cli_flag(argc, argv, "--dry-run");

	if (cli_wants_help(argc, argv))
		return usage(0);
	if (argc < 3 || dir == NULL || who == NULL ||
	    (kind = import_kind_parse(argv[1])) < 0 || argv[2][0] == '-')
		return usage(2);
	if (fmt != NULL && strcmp(fmt, "csv") != 0 && strcmp(fmt, "xlsx") != 0)
		return usage(2);
	if (lc != NULL) {
		if (lang_parse(lc) < 0)
			return usage(2);
		lang = (enum lang)lang_parse(lc);
	}
	if (cli_open(&app, dir, 0) != 0)
		return 1;
	if ((ar = arena_new(IMPORT_ARENA)) == NULL) {
		app_close(&app);
		return 1;
	}
	if ((text = slurp(ar, argv[2], &len)) == NULL) {
		arena_free(ar);
		app_close(&app);
		return 1;
	}
	memset(&s, 0, sizeof(s));
	s.st = app.st;
	s.a = ar;
	s.actor = &cli_actor;
	s.client = "cli";
	if (user_by_name(&s, who, &u) != SVC_OK || !u->active) {
		fprintf(stderr, "rrjeti: import: no active user \"%s\"\n", who);
		arena_free(ar);
		app_close(&app);
		return 1;
	}
	u->a.client = "cli";
	s.actor = &u->a;
	memset(&o, 0, sizeof(o));
	o.dry_run = dry;
	if (fmt != NULL)
		o.format = strcmp(fmt, "xlsx") == 0 ? IMPORT_XLSX : IMPORT_CSV;
	else
		o.format = len >= 4 && memcmp(text, "PK\003\004", 4) == 0 ?
		    IMPORT_XLSX : IMPORT_CSV;
	rc = import_run_opts(&s, (enum import_kind)kind, text, len, &o, &rep);
	for (i = 0; rep != NULL && i < rep->nerr; i++) {
		const struct import_error *e = &rep->err[i];

		printf("row %zu%s%s: %s%s%s\n", e->row, e->column ?
		    ", column " : "", e->column ? e->column : "",
		    i18n_get(lang, e->msg), e->arg ? " " : "",
		    e->arg ? e->arg : "");
	}
	if (rep != NULL && rep->nerr_total > rep->nerr)
		printf("... %zu more\n", rep->nerr_total - rep->nerr);
	if (rep != NULL)
		printf("%s: %zu rows, %zu valid, %zu refused, %zu written%s\n",
		    import_kinds[kind], rep->rows, rep->ok, rep->failed,
		    rep->written, dry && rc == SVC_OK ? " (dry run)" : "");
	if (rc != SVC_OK && (rep == NULL || rep->nerr == 0))
		fprintf(stderr, "rrjeti: import: %s\n", i18n_get(lang,
		    s.err.msg ? s.err.msg : "error.unavailable"));
	arena_free(ar);
	app_close(&app);
	return rc == SVC_OK ? 0 : 1;
}
