/*
 * main.c — the rrjeti binary: picks the command (cli layer).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/log.h"

#define VERSION "0.1.0"

static int
usage(int status)
{
	printf("usage: rrjeti COMMAND [OPTIONS]\n\n"
	    "Rrjeti, case management and referral for child protection\n"
	    "networks.\n\n"
	    "Commands:\n"
	    "  init      --data DIR [--demo]      create an installation\n"
	    "  serve     --data DIR [--listen A]  serve the web and the API\n"
	    "  user      add|list|disable|reset-password   manage users\n"
	    "  demo      --data DIR --children N  add a synthetic data set\n"
	    "  migrate   --data DIR               bring the schema up to date\n"
	    "  migrate-store --data DIR --to postgresql://...\n"
	    "                                     copy an SQLite installation into PostgreSQL\n"
	    "  audit     verify --data DIR        check the audit hash chain\n"
	    "  scan      --data DIR               run the reminder scans once\n"
	    "  mail      send|status --data DIR   the e-mail outbox\n"
	    "  indicators check|rebuild --data DIR  the indicator counters\n"
	    "  report    monthly|quarterly|beneficiaries|schedule|run-due\n"
	    "                                     reports as files (CSV, XLSX, PDF)\n"
	    "  import    participants|licences FILE --data DIR --user NAME\n"
	    "                                     import a CSV register (--dry-run)\n"
	    "  routes    [--matrix]               print the route table\n"
	    "  version                            print the version\n\n"
	    "Every command takes --help. See rrjeti(1).\n");
	return status;
}

int
main(int argc, char *argv[])
{
	const char *cmd;

	log_init(0);
	if (argc < 2)
		return usage(2);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0)
		return usage(0);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("rrjeti %s\n", VERSION);
		return 0;
	}
	if (strcmp(cmd, "init") == 0)
		return cli_init(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return cli_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "user") == 0)
		return cli_user(argc - 1, argv + 1);
	if (strcmp(cmd, "migrate") == 0)
		return cli_migrate(argc - 1, argv + 1);
	if (strcmp(cmd, "migrate-store") == 0)
		return cli_migrate_store(argc - 1, argv + 1);
	if (strcmp(cmd, "audit") == 0)
		return cli_audit(argc - 1, argv + 1);
	if (strcmp(cmd, "demo") == 0)
		return cli_demo(argc - 1, argv + 1);
	if (strcmp(cmd, "scan") == 0)
		return cli_scan(argc - 1, argv + 1);
	if (strcmp(cmd, "mail") == 0)
		return cli_mail(argc - 1, argv + 1);
	if (strcmp(cmd, "indicators") == 0)
		return cli_indicators(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return cli_report(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return cli_import(argc - 1, argv + 1);
	if (strcmp(cmd, "routes") == 0)
		return cli_routes(argc - 1, argv + 1);
	fprintf(stderr, "rrjeti: unknown command \"%s\"\n", cmd);
	return usage(2);
}
