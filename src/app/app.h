/*
 * app.h — the application as a whole (app layer, between the command line
 * and the web/api handlers): configuration, the open store, the compiled
 * templates, and the route table that ties URLs to handlers.
 */
#ifndef RRJETI_APP_H
#define RRJETI_APP_H

#include <stddef.h>
#include <stdint.h>

#include "../doc/pdf.h"
#include "../http/http.h"
#include "../store/store.h"
#include "../tmpl/tmpl.h"

#define APP_PATH_MAX	1024

struct app_config {
	char		data_dir[APP_PATH_MAX];
	char		database[APP_PATH_MAX];	/* file path or postgresql:// */
	char		listen[128];
	int		threads;
	int		secure_cookies;
	int		trust_proxy;
	int64_t		session_idle;
	int64_t		session_absolute;
	int		fast_hash;		/* tests only */
	char		font_dir[APP_PATH_MAX];	/* DejaVu TTFs for PDFs */
	/* Notifications (svc/mail.c, svc/scan.c): e-mail only when all three
	 * smtp_* and base_url are set. */
	char		smtp_url[512];		/* smtp://host:25, smtps://... */
	char		smtp_from[256];		/* rrjeti@example.org */
	char		base_url[256];		/* https://rrjeti.example.org */
	int		scan_interval;		/* seconds between scan_all() */
	int		mail_interval;		/* seconds between outbox drains */
	int		auth_cache_ms;		/* identity cache (svc/auth.c) */
};

struct app {
	struct app_config	 cfg;
	struct store		*st;
	struct tmpl_set		*tmpl;
	struct http_site	 site;
	struct pdf_fonts	 fonts;	/* found by app_load_ui(); ok 0: PDFs 503 */
};

/*
 * Reads DIR/rrjeti.conf when it exists ("key = value" lines: database,
 * listen, threads, secure_cookies, trust_proxy, session_idle_minutes,
 * session_absolute_hours, font_dir, smtp_url, smtp_from, base_url,
 * scan_interval, mail_interval, auth_cache_ms), then the environment
 * (RRJETI_DATABASE, RRJETI_LISTEN, RRJETI_THREADS, RRJETI_FAST_HASH, RRJETI_FONT_DIR,
 * RRJETI_SMTP_URL, RRJETI_SMTP_FROM, RRJETI_BASE_URL, RRJETI_SCAN_INTERVAL,
 * RRJETI_MAIL_INTERVAL, RRJETI_AUTH_CACHE_MS). The whole file is checked
 * before anything runs: an unknown key or a bad value is an error.
 */
int	app_config_load(struct app_config *, const char *data_dir, char *err,
	    size_t errlen);
/* Opens the store of cfg; the schema must be current unless migrate is 1
 * (then it is brought up to date). */
int	app_open(struct app *, int migrate, char *err, size_t errlen);
/* Loads the message catalogues (commands print translated messages). */
int	app_load_catalogues(char *err, size_t errlen);
/* Loads catalogues and templates (for serving), and finds the PDF fonts
 * (a missing font is logged, not fatal: the PDF routes answer 503). */
int	app_load_ui(struct app *, char *err, size_t errlen);
void	app_close(struct app *);

extern const struct route	app_routes[];
extern const size_t		app_nroutes;

#endif
