/*
 * common.c — what the commands share: opening an installation, options,
 * reading a password from standard input (cli layer).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../app/app.h"
#include "../authz/authz.h"
#include "../util/log.h"
#include "cli.h"

const struct actor cli_actor = {
	.id = 0,
	.username = "cli",
	.full_name = "command line",
	.role = ROLE_SYSADMIN,
	.scope = SCOPE_COUNTRY,
	.country = NULL,
	.agency_code = "",
	.agency_name = "",
	.team_name = "",
	.lang = LANG_SQ,
	.client = "cli",
};

const char *
cli_opt(int argc, char *argv[], const char *name)
{
	int i;

	for (i = 1; i < argc - 1; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

int
cli_flag(int argc, char *argv[], const char *name)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int
cli_wants_help(int argc, char *argv[])
{
	return cli_flag(argc, argv, "--help") || cli_flag(argc, argv, "-h");
}

int
cli_open(struct app *a, const char *dir, int migrate)
{
	char err[512];

	if (sodium_init() < 0) {
		fprintf(stderr, "rrjeti: libsodium cannot start\n");
		return -1;
	}
	memset(a, 0, sizeof(*a));
	if (app_load_catalogues(err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: %s\n", err);
		return -1;
	}
	if (app_config_load(&a->cfg, dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: %s\n", err);
		return -1;
	}
	if (app_open(a, migrate, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: %s\n", err);
		return -1;
	}
	return 0;
}

int
cli_read_secret(char *buf, size_t max)
{
	size_t n;

	if (fgets(buf, (int)max, stdin) == NULL)
		return -1;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin))
		return -1;	/* longer than max */
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return n > 0 ? 0 : -1;
}
