/*
 * cli.h — the commands of the rrjeti binary (cli layer, the top). Each
 * returns the process exit status: 0 success, 1 failure, 2 bad usage.
 */
#ifndef RRJETI_CLI_H
#define RRJETI_CLI_H

struct app;
struct actor;
#include <stddef.h>

int	cli_init(int argc, char *argv[]);
int	cli_serve(int argc, char *argv[]);
int	cli_user(int argc, char *argv[]);
int	cli_migrate(int argc, char *argv[]);
int	cli_audit(int argc, char *argv[]);
int	cli_routes(int argc, char *argv[]);
int	cli_demo(int argc, char *argv[]);
int	cli_report(int argc, char *argv[]);
int	cli_scan(int argc, char *argv[]);
int	cli_mail(int argc, char *argv[]);
int	cli_indicators(int argc, char *argv[]);
int	cli_import(int argc, char *argv[]);
int	cli_migrate_store(int argc, char *argv[]);

/* The background runner of scans and e-mail (cli/notify.c): started by
 * serve beside the HTTP server, stopped after it. */
int	cli_runner_start(struct app *);
void	cli_runner_stop(void);
/* The report schedules (cli/report.c): produces into DATA/reports every
 * due period not yet produced, progress in the log; run by the runner
 * every report_interval seconds. 0, or -1 when one failed. */
int	cli_report_run_due(struct app *);

/* Shared by the commands. */
extern const struct actor	cli_actor;
/* Opens the installation in dir (config + store; migrate: bring the
 * schema up to date). Prints the error and returns -1 on failure. */
int	cli_open(struct app *, const char *dir, int migrate);
/* Reads one line (the password) from standard input, without its newline.
 * -1 when there is none or it is longer than max. */
int	cli_read_secret(char *buf, size_t max);
/* Option parsing: the value after name in argv, or NULL. */
const char *cli_opt(int argc, char *argv[], const char *name);
int	cli_flag(int argc, char *argv[], const char *name);
/* 1 when argv has --help or -h. */
int	cli_wants_help(int argc, char *argv[]);

#endif
