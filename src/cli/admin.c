/*
 * admin.c — rrjeti init, migrate, user and audit (cli layer).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "../app/app.h"
#include "../audit/audit.h"
#include "../svc/agency.h"
#include "../svc/auth.h"
#include "../svc/reference.h"
#include "../svc/user.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "cli.h"

static void
svc_for_cli(struct svc *s, struct app *a, struct arena *ar)
{
	memset(s, 0, sizeof(*s));
	s->st = a->st;
	s->a = ar;
	s->actor = &cli_actor;
}

static int
report(struct svc *s, enum svc_rc rc, const char *what)
{
	if (rc == SVC_OK)
		return 0;
	fprintf(stderr, "rrjeti: %s: %s%s%s%s\n", what,
	    i18n_get(LANG_EN, s->err.msg ? s->err.msg : "error.unavailable"),
	    s->err.field ? " (" : "", s->err.field ? s->err.field : "",
	    s->err.field ? ")" : "");
	return 1;
}

/* The demo installation: a few agencies, users of each kind, and child
 * population estimates, so a newcomer sees a living system. */
struct demo_user {
	const char	*username, *full_name, *role, *agency, *team;
};

static const struct demo_user demo_users[] = {
	{ "admin", "Administratori i sistemit", "sysadmin", NULL, NULL },
	{ "admin.hani", "Drita Krasniqi", "municipal_admin", "QPS-HANI", NULL },
	{ "arta", "Arta Berisha", "caseworker", "QPS-HANI", "Ekipi 1" },
	{ "besim", "Besim Gashi", "supervisor", "QPS-HANI", NULL },
	{ "auditor", "Valbona Hoxha", "auditor", "MPMS-XK", NULL },
	{ "analist", "Luan Morina", "central_analyst", "MPMS-XK", NULL },
	{ "admin.tirane", "Elira Dervishi", "municipal_admin", "NJMF-TIRANE", NULL },
	{ "pmf.tirane", "Ardit Shehu", "caseworker", "NJMF-TIRANE", "Njësia 1" },
};

struct demo_agency {
	const char	*code, *name, *type, *municipality, *country, *team;
};

static const struct demo_agency demo_agencies[] = {
	{ "QPS-HANI", "Qendra për Punë Sociale Hani i Elezit", "social_work",
	    "XK09", NULL, "Ekipi 1" },
	{ "POL-HANI", "Stacioni Policor Hani i Elezit", "police", "XK09", NULL,
	    NULL },
	{ "SHFMU-HANI", "SHFMU \"Dëshmorët e Kombit\"", "school", "XK09", NULL,
	    NULL },
	{ "QKMF-HANI", "QKMF Hani i Elezit", "health", "XK09", NULL, NULL },
	{ "MPMS-XK", "Ministria e Punës dhe Mirëqenies Sociale", "ministry",
	    NULL, "XK", NULL },
	{ "NJMF-TIRANE", "Njësia për Mbrojtjen e Fëmijëve Tiranë", "social_work",
	    "AL53", NULL, "Njësia 1" },
	{ "ASHDMF", "Agjencia Shtetërore për të Drejtat dhe Mbrojtjen e "
	    "Fëmijëve", "ministry", NULL, "AL", NULL },
};

static int
demo_load(struct app *a, const char *password)
{
	struct arena *ar = arena_new(4 * 1024 * 1024);
	struct agency_info *ag;
	struct muni_info *m, *ms;
	struct team_info *tm;
	struct user_new u;
	struct svc s;
	size_t i, n, k;
	int64_t id, muni, team, year;
	char b[32];
	int rc = 1;

	svc_for_cli(&s, a, ar);
	for (i = 0; i < sizeof(demo_agencies) / sizeof(demo_agencies[0]); i++) {
		const struct demo_agency *d = &demo_agencies[i];

		if (agency_by_code(&s, d->code, &ag) == SVC_OK)
			continue;
		muni = 0;
		if (d->municipality != NULL) {
			if (report(&s, ref_municipality_by_code(&s,
			    d->municipality, &m), d->municipality))
				goto out;
			muni = m->id;
		}
		if (report(&s, agency_create(&s, d->code, d->name,
		    agency_type_parse(d->type), muni, d->country, &id), d->code))
			goto out;
		if (d->team != NULL && report(&s, team_create(&s, id, d->team,
		    NULL), d->team))
			goto out;
	}
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		const struct demo_user *d = &demo_users[i];
		struct user_info *ui;

		if (user_by_name(&s, d->username, &ui) == SVC_OK)
			continue;
		memset(&u, 0, sizeof(u));
		u.username = d->username;
		u.full_name = d->full_name;
		u.password = password;
		u.role = role_parse(d->role);
		u.scope = -1;
		u.lang = LANG_SQ;
		if (d->agency != NULL) {
			if (report(&s, agency_by_code(&s, d->agency, &ag),
			    d->agency))
				goto out;
			u.agency_id = ag->id;
			team = 0;
			if (d->team != NULL && team_list(&s, ag->id, &tm, &n) ==
			    SVC_OK)
				for (k = 0; k < n; k++)
					if (strcmp(tm[k].name, d->team) == 0)
						team = tm[k].id;
			u.team_id = team;
		}
		if (report(&s, user_create(&s, &u, NULL), d->username))
			goto out;
	}
	/* Child population: an estimate (30 % of the census total) where the
	 * census is known, marked as an estimate; the rest left for the
	 * administrators to enter. */
	clock_format(clock_now(), 0, b, sizeof(b));
	year = atoi(b + 6);
	if (report(&s, ref_municipalities(&s, &ms, &n), "municipalities"))
		goto out;
	for (k = 0; k < n; k++) {
		if (ms[k].population <= 0)
			continue;
		if (report(&s, population_set(&s, ms[k].id, (int)year,
		    ms[k].population * 3 / 10, 1,
		    "vlerësim demo: 30% e popullsisë sipas regjistrimit"), ms[k].code))
			goto out;
	}
	rc = 0;
out:
	arena_free(ar);
	return rc;
}

/* The demo password: kept in DIR/demo-login.txt (0600) so a second
 * `make run` can print it again. */
static int
demo_password(const char *dir, char *pw, size_t len)
{
	char path[APP_PATH_MAX + 32];
	unsigned char r[9];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/demo-login.txt", dir);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(pw, (int)len, f) != NULL) {
			pw[strcspn(pw, "\r\n")] = '\0';
			fclose(f);
			if (strlen(pw) >= PASSWORD_MIN)
				return 0;
		} else
			fclose(f);
	}
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(pw, len, r, sizeof(r),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    (f = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "rrjeti: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%s\n", pw);
	fclose(f);
	return 0;
}

int
cli_init(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	char err[512], pw[64];
	struct app a;
	int demo = cli_flag(argc, argv, "--demo"), rc;
	size_t i;

	if (cli_wants_help(argc, argv) || dir == NULL) {
		printf("usage: rrjeti init --data DIR [--demo]\n\n"
		    "Creates (or brings up to date) an installation in DIR: the\n"
		    "SQLite database, the schema, and the reference data (Kosovo's\n"
		    "38 and Albania's 61 municipalities, the protection concerns).\n"
		    "--demo adds demo agencies and users and prints their login.\n");
		return dir == NULL && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "rrjeti: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (cli_open(&a, dir, 1) != 0)
		return 1;
	if (ref_load(a.st, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: reference data: %s\n", err);
		app_close(&a);
		return 1;
	}
	rc = 0;
	if (demo) {
		if (demo_password(dir, pw, sizeof(pw)) != 0 ||
		    demo_load(&a, pw) != 0)
			rc = 1;
		else {
			printf("\nDemo logins (password for all: %s)\n", pw);
			for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]);
			    i++)
				printf("  %-14s %s\n", demo_users[i].username,
				    demo_users[i].role);
		}
	}
	app_close(&a);
	if (rc == 0)
		printf("initialised %s\n", dir);
	return rc;
}

int
cli_migrate(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	struct app a;

	if (cli_wants_help(argc, argv) || dir == NULL) {
		printf("usage: rrjeti migrate --data DIR\n\n"
		    "Brings the database schema up to date (the only schema "
		    "writer).\n");
		return dir == NULL && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	if (cli_open(&a, dir, 1) != 0)
		return 1;
	app_close(&a);
	printf("schema up to date\n");
	return 0;
}

static int
user_usage(int status)
{
	printf("usage: rrjeti user add --data DIR USERNAME --role ROLE "
	    "[--agency CODE]\n"
	    "                  [--team NAME] [--scope SCOPE] [--full-name NAME]"
	    " [--donor ID] --password-stdin\n"
	    "       rrjeti user list --data DIR\n"
	    "       rrjeti user disable --data DIR USERNAME\n"
	    "       rrjeti user reset-password --data DIR USERNAME "
	    "--password-stdin\n\n"
	    "Roles: caseworker supervisor table_member provider_user\n"
	    "       community_member municipal_admin central_analyst auditor "
	    "sysadmin\n"
	    "Scopes: own team unit municipality country aggregate\n");
	return status;
}

/* The first argument after the subcommand that is not an option or its
 * value. */
static const char *
positional(int argc, char *argv[])
{
	static const char *const with_value[] = { "--data", "--role",
	    "--agency", "--team", "--scope", "--full-name", NULL };
	int i, k, skip;

	for (i = 2; i < argc; i++) {
		skip = 0;
		for (k = 0; with_value[k] != NULL; k++)
			if (strcmp(argv[i], with_value[k]) == 0)
				skip = 1;
		if (skip) {
			i++;
			continue;
		}
		if (argv[i][0] != '-')
			return argv[i];
	}
	return NULL;
}

int
cli_user(int argc, char *argv[])
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	const char *dir = cli_opt(argc, argv, "--data");
	const char *name = positional(argc, argv);
	struct arena *ar;
	struct agency_info *ag;
	struct team_info *tm;
	struct user_info *ui;
	struct user_new u;
	struct svc s;
	struct app a;
	char pw[256];
	size_t n, i;
	int rc = 1, r;

	if (sub == NULL || cli_wants_help(argc, argv))
		return user_usage(sub == NULL ? 2 : 0);
	if (dir == NULL)
		return user_usage(2);
	if (strcmp(sub, "list") != 0 && strcmp(sub, "add") != 0 &&
	    strcmp(sub, "disable") != 0 && strcmp(sub, "reset-password") != 0)
		return user_usage(2);
	if (strcmp(sub, "list") != 0 && name == NULL)
		return user_usage(2);
	if ((strcmp(sub, "add") == 0 || strcmp(sub, "reset-password") == 0)) {
		if (!cli_flag(argc, argv, "--password-stdin")) {
			fprintf(stderr, "rrjeti: the password is read from "
			    "standard input: give --password-stdin\n");
			return 2;
		}
		if (cli_read_secret(pw, sizeof(pw)) != 0) {
			fprintf(stderr, "rrjeti: no password on standard input "
			    "(or longer than %d bytes)\n", PASSWORD_MAX);
			return 2;
		}
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	ar = arena_new(16 * 1024 * 1024);
	svc_for_cli(&s, &a, ar);
	if (strcmp(sub, "list") == 0) {
		if (report(&s, user_list(&s, 0, 500, 0, &ui, &n), "list"))
			goto out;
		for (i = 0; i < n; i++)
			printf("%-20s %-16s %-12s %-14s %s\n", ui[i].a.username,
			    role_name(ui[i].a.role), scope_name(ui[i].a.scope),
			    ui[i].a.agency_code[0] ? ui[i].a.agency_code : "-",
			    ui[i].active ? "active" : "disabled");
		rc = 0;
	} else if (strcmp(sub, "add") == 0) {
		memset(&u, 0, sizeof(u));
		u.username = name;
		u.full_name = cli_opt(argc, argv, "--full-name") ?
		    cli_opt(argc, argv, "--full-name") : name;
		u.password = pw;
		u.role = role_parse(cli_opt(argc, argv, "--role"));
		if (u.role < 0) {
			fprintf(stderr, "rrjeti: --role: unknown role\n");
			rc = 2;
			goto out;
		}
		u.scope = cli_opt(argc, argv, "--scope") ?
		    scope_parse(cli_opt(argc, argv, "--scope")) : -1;
		if (cli_opt(argc, argv, "--scope") && u.scope < 0) {
			fprintf(stderr, "rrjeti: --scope: unknown scope\n");
			rc = 2;
			goto out;
		}
		u.lang = LANG_SQ;
		/* A donor user's donor (its id, as /donors shows it). */
		if (cli_opt(argc, argv, "--donor") != NULL)
			u.donor_id = atoll(cli_opt(argc, argv, "--donor"));
		if (cli_opt(argc, argv, "--agency") != NULL) {
			if (agency_by_code(&s, cli_opt(argc, argv, "--agency"),
			    &ag) != SVC_OK) {
				fprintf(stderr, "rrjeti: --agency: no agency "
				    "with that code\n");
				goto out;
			}
			u.agency_id = ag->id;
			if (cli_opt(argc, argv, "--team") != NULL &&
			    team_list(&s, ag->id, &tm, &n) == SVC_OK)
				for (i = 0; i < n; i++)
					if (strcmp(tm[i].name, cli_opt(argc,
					    argv, "--team")) == 0)
						u.team_id = tm[i].id;
			if (cli_opt(argc, argv, "--team") && u.team_id == 0) {
				fprintf(stderr, "rrjeti: --team: no such team "
				    "in that agency\n");
				goto out;
			}
		}
		if (report(&s, user_create(&s, &u, NULL), name))
			goto out;
		printf("added %s\n", name);
		rc = 0;
	} else {
		if (report(&s, user_by_name(&s, name, &ui), name))
			goto out;
		if (strcmp(sub, "disable") == 0)
			r = report(&s, user_disable(&s, ui->a.id), name);
		else
			r = report(&s, user_reset_password(&s, ui->a.id, pw),
			    name);
		if (r)
			goto out;
		printf("%s %s\n", strcmp(sub, "disable") == 0 ? "disabled" :
		    "password reset (to be changed at the next login) for",
		    name);
		rc = 0;
	}
out:
	sodium_memzero(pw, sizeof(pw));
	arena_free(ar);
	app_close(&a);
	return rc;
}

int
cli_audit(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	struct audit_check c;
	struct app a;
	int r;

	if (cli_wants_help(argc, argv) || argc < 2 ||
	    strcmp(argv[1], "verify") != 0 || dir == NULL) {
		printf("usage: rrjeti audit verify --data DIR\n\n"
		    "Checks the hash chain of the audit trail: exit 0 when it is\n"
		    "intact; otherwise exit 1 and name the first bad row.\n");
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	r = audit_verify(a.st, &c);
	app_close(&a);
	if (r < 0) {
		fprintf(stderr, "rrjeti: cannot read the audit trail\n");
		return 1;
	}
	if (r > 0) {
		printf("audit trail BROKEN at row %lld: %s (%lld rows checked)\n",
		    (long long)c.bad_id, c.reason, (long long)c.rows);
		return 1;
	}
	printf("audit trail intact: %lld rows\n", (long long)c.rows);
	return 0;
}
