/*
 * serve.c — rrjeti serve and rrjeti routes (cli layer).
 */
#include <stdio.h>
#include <string.h>

#include "../api/api.h"
#include "../app/app.h"
#include "../http/server.h"
#include "../svc/auth.h"
#include "../svc/importjob.h"
#include "../util/log.h"
#include "../web/web.h"
#include "cli.h"

int
cli_serve(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *listen = cli_opt(argc, argv, "--listen");
	struct server_config sc;
	char err[512];
	struct app a;
	int rc;

	if (cli_wants_help(argc, argv) || dir == NULL) {
		printf("usage: rrjeti serve --data DIR [--listen HOST:PORT]\n\n"
		    "Serves the web interface and the JSON API (default\n"
		    "127.0.0.1:8080) until Ctrl-C or SIGTERM. Settings come from\n"
		    "DIR/rrjeti.conf and RRJETI_* variables (see rrjeti(1)).\n");
		return dir == NULL && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	if (listen != NULL) {
		if (strlen(listen) >= sizeof(a.cfg.listen)) {
			fprintf(stderr, "rrjeti: --listen: too long\n");
			return 2;
		}
		snprintf(a.cfg.listen, sizeof(a.cfg.listen), "%s", listen);
	}
	if (app_load_ui(&a, err, sizeof(err)) != 0) {
		fprintf(stderr, "rrjeti: %s\n", err);
		app_close(&a);
		return 1;
	}
	web_init();
	api_init();
	auth_purge(a.st);
	sc.listen = a.cfg.listen;
	sc.threads = a.cfg.threads;
	if (cli_runner_start(&a) != 0) {
		app_close(&a);
		return 1;
	}
	rc = server_run(&a.site, &sc);
	importjob_wait();	/* an import running in the background ends */
	cli_runner_stop();
	app_close(&a);
	return rc == 0 ? 0 : 1;
}

int
cli_routes(int argc, char *argv[])
{
	size_t i;
	int r;

	if (cli_wants_help(argc, argv)) {
		printf("usage: rrjeti routes [--matrix]\n\n"
		    "Prints the route table (method, path, permission, flags),\n"
		    "or with --matrix which role may use which route: the golden\n"
		    "file tests/golden/authz_matrix.txt is this output.\n");
		return 0;
	}
	if (cli_flag(argc, argv, "--matrix")) {
		printf("%-7s %-30s", "method", "path");
		for (r = 0; r < ROLE__MAX; r++)
			printf(" %.4s", role_name((enum role)r));
		printf(" anon\n");
		for (i = 0; i < app_nroutes; i++) {
			struct actor x;

			printf("%-7s %-30s", method_name(app_routes[i].method),
			    app_routes[i].pattern);
			for (r = 0; r < ROLE__MAX; r++) {
				memset(&x, 0, sizeof(x));
				x.role = (enum role)r;
				x.scope = role_default_scope((enum role)r);
				printf(" %4s", authz_allows(&x,
				    app_routes[i].perm, NULL) ? "yes" : "-");
			}
			printf(" %4s\n", authz_allows(NULL, app_routes[i].perm,
			    NULL) ? "yes" : "-");
		}
		return 0;
	}
	for (i = 0; i < app_nroutes; i++) {
		const struct route *rt = &app_routes[i];
		const struct field *f;

		printf("%s %s %s %s%s%s%s %s", method_name(rt->method),
		    rt->pattern, rt->name, perm_name(rt->perm),
		    rt->flags & RF_CSRF ? " csrf" : "",
		    rt->flags & RF_API ? " api" : "",
		    rt->flags & RF_LOOPBACK ? " loopback" : "",
		    rt->body == BODY_FORM ? "form" : rt->body == BODY_JSON ?
		    "json" : rt->body == BODY_MULTIPART ? "multipart" :
		    rt->body == BODY_RAW ? "raw" : "none");
		for (f = rt->fields; f != NULL && f->name != NULL; f++)
			printf(" %s%s", f->name, f->required ? "*" : "");
		printf("\n");
	}
	return 0;
}
