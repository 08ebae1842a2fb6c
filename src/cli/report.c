/*
 * report.c — `rrjeti report` (cli layer): the monthly municipal extract,
 * the quarterly report and a project's beneficiary report as files, by
 * hand or from the schedules (report_schedule): the server's runner runs
 * the due ones itself (cli_report_run_due(), progress in the log), and
 * `report run-due` does the same once, e.g. from cron. The figures are
 * the indicators (svc/indicator.h) and beneficiary reports (svc/report.h)
 * counted as a central analyst of the country sees them: aggregates,
 * small cells suppressed, no names. Progress goes to standard error (the
 * log in the server), one line per step, for long runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/app.h"
#include "../doc/export.h"
#include "../svc/grant.h"
#include "../svc/indicator.h"
#include "../svc/report.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "cli.h"

#define REPORT_ARENA	(512u * 1024 * 1024)
#define TABLES_MAX	64

struct run {
	struct app	 app;
	struct arena	*ar;
	struct actor	 who;		/* a central analyst of the country */
	struct svc	 s;
	const char	*out_dir;
	const char	*format;
	int		 quiet;
	int		 log;		/* in the server: progress to the log */
	int		 per_muni;	/* the log says each municipality */
};

static void
run_actor(struct run *r, const char *country)
{
	memset(&r->who, 0, sizeof(r->who));
	r->who.id = 0;
	r->who.username = "cli";
	r->who.full_name = "rrjeti report";
	r->who.role = ROLE_CENTRAL_ANALYST;
	r->who.scope = SCOPE_COUNTRY;
	r->who.country = country;
	r->who.lang = LANG_SQ;
	r->who.client = "cli";
	memset(&r->s, 0, sizeof(r->s));
	r->s.st = r->app.st;
	r->s.a = r->ar;
	r->s.actor = &r->who;
	r->s.client = "cli";
}

static void
progress(struct run *r, size_t k, size_t n, const char *what)
{
	if (r->log) {
		if (!r->per_muni)
			log_info("report: [%zu/%zu] %s", k, n, what);
	} else if (!r->quiet)
		fprintf(stderr, "[%zu/%zu] %s\n", k, n, what);
}

/* A file written: its path on standard output (or in the log). */
static void
written(struct run *r, const char *path)
{
	if (r->log)
		log_info("report: %s written", path);
	else
		printf("%s\n", path);
}

/* Writes tables into path in the run's format; rows and bytes out. */
static int
write_file(struct run *r, const struct rt_table *const *t, size_t n,
    const char *title, const char *path, size_t *rows, size_t *bytes)
{
	struct buf b;
	char err[256] = "", tmp[1200];
	enum export_rc rc;
	size_t k;
	int fd;
	ssize_t w;
	size_t off = 0;

	buf_init(&b, r->ar);
	if (strcmp(r->format, "csv") == 0)
		rc = export_csv_many(t, n, &b);
	else if (strcmp(r->format, "xlsx") == 0)
		rc = export_xlsx_many(t, n, NULL, &b, err, sizeof(err));
	else
		rc = export_pdf_many(t, n, NULL, title, &r->app.fonts,
		    "Faqja", "Rrjeti — agregate, qelizat nën 5 të fshehura",
		    &b, err, sizeof(err));
	if (rc != EXPORT_OK) {
		fprintf(stderr, "rrjeti: report: %s %s\n", export_rc_str(rc),
		    err);
		return -1;
	}
	/* Written beside, then renamed: a reader never sees half a file. */
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) == -1) {
		fprintf(stderr, "rrjeti: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	while (off < b.len) {
		w = write(fd, b.p + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "rrjeti: %s: %s\n", tmp,
			    strerror(errno));
			close(fd);
			unlink(tmp);
			return -1;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "rrjeti: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	*rows = 0;
	for (k = 0; k < n; k++)
		*rows += t[k]->nrows;
	*bytes = b.len;
	return 0;
}

/* The indicators of the period (one municipality when muni != NULL),
 * appended to t. */
static size_t
indicators(struct run *r, const char *from, const char *to,
    const char *muni, const struct rt_table **t, size_t max)
{
	struct ind_params p;
	struct ind_query q;
	struct rt_table *one;
	const struct ind_def *d;
	size_t n = 0;
	int c;

	for (c = 1; c < IND__MAX && n < max; c++) {
		if ((d = indicator_def((enum ind_code)c)) == NULL)
			continue;
		memset(&p, 0, sizeof(p));
		p.code = d->name;
		p.from = from;
		p.to = to;
		p.municipality = muni;
		progress(r, (size_t)c, IND__MAX - 1, d->name);
		if ((one = arena_zalloc(r->ar, sizeof(*one))) == NULL)
			break;
		if (indicator_parse(&r->s, &p, &q) != SVC_OK ||
		    indicator_run(&r->s, &q, one) != SVC_OK) {
			fprintf(stderr, "rrjeti: report: %s: %s\n", d->name,
			    r->s.err.msg ? r->s.err.msg : "failed");
			continue;
		}
		t[n++] = one;
	}
	return n;
}

static int
make_dir(const char *dir)
{
	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "rrjeti: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* The monthly extract of one municipality m (or of each of country's). */
static int
monthly(struct run *r, const char *period, const char *muni_code,
    const char *country, int64_t schedule)
{
	const struct rt_table *t[TABLES_MAX];
	struct report_muni one, *m;
	const char *from, *to, *c = country, *path;
	size_t nm = 1, k, n, rows, bytes;
	int fails = 0;

	if (report_period_days(r->ar, "monthly", period, &from, &to) != 0) {
		fprintf(stderr, "rrjeti: report: bad month \"%s\" (yyyy-mm)\n",
		    period);
		return 2;
	}
	if (muni_code != NULL && *muni_code != '\0') {
		run_actor(r, NULL);
		if (report_municipality(&r->s, muni_code, &one, &c) != SVC_OK) {
			fprintf(stderr, "rrjeti: report: unknown municipality "
			    "\"%s\"\n", muni_code);
			return 2;
		}
		m = &one;
	} else {
		if (c == NULL || (strcmp(c, "XK") != 0 && strcmp(c, "AL") != 0)) {
			fprintf(stderr, "rrjeti: report: --country XK|AL or "
			    "--municipality CODE\n");
			return 2;
		}
		run_actor(r, c);
		if (report_municipalities(&r->s, c, &m, &nm) != SVC_OK)
			return 1;
	}
	run_actor(r, c);
	r->per_muni = 1;
	for (k = 0; k < nm; k++) {
		if (r->log)
			log_info("report: municipality %zu/%zu: %s", k + 1, nm,
			    m[k].code);
		else if (!r->quiet)
			fprintf(stderr, "municipality %zu/%zu: %s\n", k + 1, nm,
			    m[k].code);
		n = indicators(r, from, to, m[k].code, t, TABLES_MAX);
		path = arena_printf(r->ar, "%s/monthly-%s-%s.%s", r->out_dir,
		    period, m[k].code, r->format);
		if (n == 0 || path == NULL || write_file(r, t, n,
		    arena_printf(r->ar, "%s %s", m[k].name, period), path,
		    &rows, &bytes) != 0) {
			fails++;
			continue;
		}
		if (report_run_record(&r->s, schedule, "monthly", period,
		    m[k].id, r->format, path, rows, bytes) != SVC_OK)
			fails++;
		written(r, path);
	}
	r->per_muni = 0;
	return fails ? 1 : 0;
}

static int
quarterly(struct run *r, const char *period, const char *country,
    int64_t schedule)
{
	const struct rt_table *t[TABLES_MAX];
	struct project_info *p;
	struct report_benef *b;
	const char *from, *to, *path;
	size_t n, np = 0, k, rows, bytes;

	if (report_period_days(r->ar, "quarterly", period, &from, &to) != 0) {
		fprintf(stderr, "rrjeti: report: bad quarter \"%s\" "
		    "(yyyy-Qn)\n", period);
		return 2;
	}
	if (country == NULL || (strcmp(country, "XK") != 0 &&
	    strcmp(country, "AL") != 0)) {
		fprintf(stderr, "rrjeti: report: --country XK|AL\n");
		return 2;
	}
	run_actor(r, country);
	n = indicators(r, from, to, NULL, t, TABLES_MAX);
	if (report_projects(&r->s, &p, &np) == SVC_OK)
		for (k = 0; k < np && n + 3 <= TABLES_MAX; k++) {
			if (strcmp(p[k].end, from) < 0 ||
			    strcmp(p[k].start, to) > 0)
				continue;
			progress(r, k + 1, np, p[k].name);
			if (report_beneficiaries(&r->s, p[k].id, &b) != SVC_OK)
				continue;
			t[n++] = &b->children;
			t[n++] = &b->professionals;
			t[n++] = &b->grants;
		}
	path = arena_printf(r->ar, "%s/quarterly-%s-%s.%s", r->out_dir, period,
	    country, r->format);
	if (n == 0 || path == NULL || write_file(r, t, n, arena_printf(r->ar,
	    "%s %s", country, period), path, &rows, &bytes) != 0)
		return 1;
	if (report_run_record(&r->s, schedule, "quarterly", period, 0,
	    r->format, path, rows, bytes) != SVC_OK)
		return 1;
	written(r, path);
	return 0;
}

/*
 * Produces every active schedule's last complete period before today
 * (yyyy-mm-dd; NULL: the installation's today) not yet produced. *due
 * (may be NULL) gets the number of schedules that were due (count_only:
 * only counted). 0 when all succeeded.
 */
static int
run_due(struct run *r, const char *today, int *due, int count_only)
{
	struct report_sched *sc;
	const char *last;
	char err[256];
	size_t i, n;
	int rc = 0;

	if (due)
		*due = 0;
	run_actor(r, NULL);
	if (today == NULL)
		today = grant_today(&r->s);
	if (report_schedules(&r->s, &sc, &n) != SVC_OK)
		return 1;
	for (i = 0; i < n; i++) {
		if (!sc[i].active)
			continue;
		last = report_period_last(r->ar, sc[i].kind, today);
		if (last == NULL || strcmp(sc[i].last_period, last) >= 0)
			continue;
		if (due)
			(*due)++;
		if (count_only)
			continue;
		r->format = sc[i].format;
		if (strcmp(r->format, "pdf") == 0 && !r->app.fonts.ok &&
		    pdf_fonts_find(&r->app.fonts, r->app.cfg.font_dir, err,
		    sizeof(err)) != PDF_OK) {
			if (r->log)
				log_warnx("report: schedule %lld: %s",
				    (long long)sc[i].id, err);
			else
				fprintf(stderr, "rrjeti: report: %s\n", err);
			rc = 1;
			continue;
		}
		if (r->log)
			log_info("report: schedule %lld: %s %s",
			    (long long)sc[i].id, sc[i].kind, last);
		else if (!r->quiet)
			fprintf(stderr, "schedule %lld: %s %s\n",
			    (long long)sc[i].id, sc[i].kind, last);
		if ((strcmp(sc[i].kind, "monthly") == 0 ?
		    monthly(r, last, sc[i].municipality, sc[i].country,
		    sc[i].id) : quarterly(r, last, sc[i].country, sc[i].id)) !=
		    0)
			rc = 1;
	}
	return rc;
}

int
cli_report_run_due(struct app *a)
{
	struct run r;
	struct arena *small;
	int due, rc;

	/* Is anything due? A small arena for the look; the report's own
	 * only when so. */
	if ((small = arena_new(1u << 20)) == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	r.app = *a;	/* shared: the store, the configuration, the fonts */
	r.log = 1;
	r.ar = small;
	rc = run_due(&r, NULL, &due, 1);
	arena_free(small);
	if (rc != 0 || due == 0)
		return rc != 0 ? -1 : 0;
	if ((r.ar = arena_new(REPORT_ARENA)) == NULL)
		return -1;
	r.out_dir = arena_printf(r.ar, "%s/reports", a->cfg.data_dir);
	rc = r.out_dir == NULL || make_dir(r.out_dir) != 0 ? 1 :
	    run_due(&r, NULL, NULL, 0);
	arena_free(r.ar);
	return rc == 0 ? 0 : -1;
}

static int
usage(int status)
{
	printf("usage: rrjeti report monthly --data DIR --month YYYY-MM\n"
	    "           (--municipality CODE | --country XK|AL)\n"
	    "       rrjeti report quarterly --data DIR --quarter YYYY-Qn "
	    "--country XK|AL\n"
	    "       rrjeti report beneficiaries --data DIR --project ID\n"
	    "       rrjeti report schedule add --data DIR --kind monthly|"
	    "quarterly\n"
	    "           --country XK|AL [--municipality CODE]\n"
	    "       rrjeti report schedule list --data DIR\n"
	    "       rrjeti report run-due --data DIR [--today YYYY-MM-DD]\n"
	    "   options: --format csv|xlsx|pdf (xlsx), --out DIR\n"
	    "            (DIR/reports), --quiet\n\n"
	    "Writes the monthly municipal extract, the quarterly report or a\n"
	    "project's beneficiary report as aggregates (cells under 5\n"
	    "suppressed); run-due produces every scheduled report whose\n"
	    "period has ended and was not yet produced (for cron). Each file\n"
	    "written is printed; progress goes to standard error.\n");
	return status;
}

int
cli_report(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *sub = argc > 1 ? argv[1] : "";
	const char *out = cli_opt(argc, argv, "--out");
	const char *path;
	struct report_sched *sc;
	struct report_benef *b;
	struct run r;
	char err[256];
	size_t i, n, rows, bytes;
	int64_t id;
	int rc = 0;

	if (cli_wants_help(argc, argv))
		return usage(0);
	if (dir == NULL || *sub == '\0')
		return usage(2);
	memset(&r, 0, sizeof(r));
	r.format = cli_opt(argc, argv, "--format");
	if (r.format == NULL)
		r.format = "xlsx";
	if (export_fmt_parse(r.format) < 0) {
		fprintf(stderr, "rrjeti: report: --format csv|xlsx|pdf\n");
		return 2;
	}
	r.quiet = cli_flag(argc, argv, "--quiet");
	if (cli_open(&r.app, dir, 0) != 0)
		return 1;
	if (strcmp(r.format, "pdf") == 0 && pdf_fonts_find(&r.app.fonts,
	    r.app.cfg.font_dir, err, sizeof(err)) != PDF_OK) {
		fprintf(stderr, "rrjeti: report: %s\n", err);
		app_close(&r.app);
		return 1;
	}
	if ((r.ar = arena_new(REPORT_ARENA)) == NULL) {
		app_close(&r.app);
		return 1;
	}
	r.out_dir = out ? out : arena_printf(r.ar, "%s/reports", dir);
	if (strcmp(sub, "schedule") != 0 && make_dir(r.out_dir) != 0) {
		rc = 1;
		goto done;
	}
	run_actor(&r, cli_opt(argc, argv, "--country"));
	if (strcmp(sub, "monthly") == 0) {
		const char *month = cli_opt(argc, argv, "--month");

		rc = month ? monthly(&r, month, cli_opt(argc, argv,
		    "--municipality"), cli_opt(argc, argv, "--country"), 0) :
		    usage(2);
	} else if (strcmp(sub, "quarterly") == 0) {
		const char *q = cli_opt(argc, argv, "--quarter");

		rc = q ? quarterly(&r, q, cli_opt(argc, argv, "--country"), 0) :
		    usage(2);
	} else if (strcmp(sub, "beneficiaries") == 0) {
		const char *ps = cli_opt(argc, argv, "--project");
		const struct rt_table *t[3];

		run_actor(&r, NULL);
		id = ps ? strtoll(ps, NULL, 10) : 0;
		if (id <= 0) {
			rc = usage(2);
			goto done;
		}
		if (report_beneficiaries(&r.s, id, &b) != SVC_OK) {
			fprintf(stderr, "rrjeti: report: project %lld: %s\n",
			    (long long)id, r.s.err.msg ? r.s.err.msg : "");
			rc = 1;
			goto done;
		}
		t[0] = &b->children;
		t[1] = &b->professionals;
		t[2] = &b->grants;
		path = arena_printf(r.ar, "%s/beneficiaries-%lld.%s", r.out_dir,
		    (long long)id, r.format);
		if (write_file(&r, t, 3, b->p->name, path, &rows, &bytes) !=
		    0 || report_export_audit(&r.s, "project", id, r.format, 0,
		    rows) != SVC_OK)
			rc = 1;
		else
			printf("%s\n", path);
	} else if (strcmp(sub, "schedule") == 0 && argc > 2 &&
	    strcmp(argv[2], "add") == 0) {
		r.s.actor = &cli_actor;
		if (report_schedule_add(&r.s, cli_opt(argc, argv, "--kind"),
		    cli_opt(argc, argv, "--country"), cli_opt(argc, argv,
		    "--municipality"), r.format, &id) != SVC_OK) {
			fprintf(stderr, "rrjeti: report: %s: %s\n",
			    r.s.err.field ? r.s.err.field : "schedule",
			    i18n_get(LANG_EN, r.s.err.msg));
			rc = 2;
		} else
			printf("schedule %lld added\n", (long long)id);
	} else if (strcmp(sub, "schedule") == 0 && argc > 2 &&
	    strcmp(argv[2], "list") == 0) {
		if (report_schedules(&r.s, &sc, &n) != SVC_OK) {
			rc = 1;
			goto done;
		}
		for (i = 0; i < n; i++)
			printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n",
			    (long long)sc[i].id, sc[i].kind, sc[i].country,
			    *sc[i].municipality ? sc[i].municipality : "*",
			    sc[i].format, sc[i].active ? "active" : "off",
			    *sc[i].last_period ? sc[i].last_period : "-");
	} else if (strcmp(sub, "run-due") == 0) {
		rc = run_due(&r, cli_opt(argc, argv, "--today"), NULL, 0);
	} else
		rc = usage(2);
done:
	arena_free(r.ar);
	app_close(&r.app);
	return rc;
}
