/*
 * app.c — configuration, opening the store, loading catalogues and
 * templates. See app.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../i18n/i18n.h"
#include "../svc/auth.h"
#include "../util/arena.h"
#include "../util/embed.h"
#include "../util/log.h"
#include "app.h"

#define SCHEMA_VERSION_KEY "schema"

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
set_int(const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end != '\0' || *v == '\0' || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int
set_key(struct app_config *c, const char *k, const char *v, char *err,
    size_t errlen)
{
	int64_t n;

	if (strcmp(k, "database") == 0) {
		if (strlen(v) >= sizeof(c->database) || *v == '\0')
			goto bad;
		snprintf(c->database, sizeof(c->database), "%s", v);
	} else if (strcmp(k, "listen") == 0) {
		if (strlen(v) >= sizeof(c->listen) || strchr(v, ':') == NULL)
			goto bad;
		snprintf(c->listen, sizeof(c->listen), "%s", v);
	} else if (strcmp(k, "threads") == 0) {
		if (set_int(v, 2, 256, &n) != 0)
			goto bad;
		c->threads = (int)n;
	} else if (strcmp(k, "secure_cookies") == 0) {
		if (set_int(v, 0, 1, &n) != 0)
			goto bad;
		c->secure_cookies = (int)n;
	} else if (strcmp(k, "trust_proxy") == 0) {
		if (set_int(v, 0, 1, &n) != 0)
			goto bad;
		c->trust_proxy = (int)n;
	} else if (strcmp(k, "session_idle_minutes") == 0) {
		if (set_int(v, 1, 24 * 60, &n) != 0)
			goto bad;
		c->session_idle = n * 60;
	} else if (strcmp(k, "session_absolute_hours") == 0) {
		if (set_int(v, 1, 24 * 7, &n) != 0)
			goto bad;
		c->session_absolute = n * 3600;
	} else if (strcmp(k, "auth_cache_ms") == 0) {
		if (set_int(v, 0, 10000, &n) != 0)
			goto bad;
		c->auth_cache_ms = (int)n;
	} else if (strcmp(k, "font_dir") == 0) {
		if (strlen(v) >= sizeof(c->font_dir) - 32 || *v != '/')
			goto bad;
		snprintf(c->font_dir, sizeof(c->font_dir), "%s", v);
	} else if (strcmp(k, "smtp_url") == 0) {
		if (strlen(v) >= sizeof(c->smtp_url) || (*v != '\0' &&
		    strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0) || strpbrk(v, " \t\r\n"))
			goto bad;
		snprintf(c->smtp_url, sizeof(c->smtp_url), "%s", v);
	} else if (strcmp(k, "smtp_from") == 0) {
		if (strlen(v) >= sizeof(c->smtp_from) || (*v != '\0' &&
		    strchr(v, '@') == NULL) || strpbrk(v, " \t\r\n<>\""))
			goto bad;
		snprintf(c->smtp_from, sizeof(c->smtp_from), "%s", v);
	} else if (strcmp(k, "base_url") == 0) {
		if (strlen(v) >= sizeof(c->base_url) || (*v != '\0' &&
		    strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0) || strpbrk(v, " \t\r\n"))
			goto bad;
		snprintf(c->base_url, sizeof(c->base_url), "%s", v);
		/* The links are paths: no trailing slash. */
		while (*c->base_url && c->base_url[strlen(c->base_url) - 1] ==
		    '/')
			c->base_url[strlen(c->base_url) - 1] = '\0';
	} else if (strcmp(k, "scan_interval") == 0) {
		if (set_int(v, 0, 86400, &n) != 0)
			goto bad;
		c->scan_interval = (int)n;
	} else if (strcmp(k, "mail_interval") == 0) {
		if (set_int(v, 1, 3600, &n) != 0)
			goto bad;
		c->mail_interval = (int)n;
	} else if (strcmp(k, "fast_hash") == 0) {
		if (set_int(v, 0, 1, &n) != 0)
			goto bad;
		c->fast_hash = (int)n;
	} else {
		snprintf(err, errlen, "unknown setting \"%s\"", k);
		return -1;
	}
	return 0;
bad:
	snprintf(err, errlen, "bad value for %s: \"%s\"", k, v);
	return -1;
}

int
app_config_load(struct app_config *c, const char *dir, char *err, size_t errlen)
{
	static const char *const env[][2] = {
		{ "RRJETI_DATABASE", "database" },
		{ "RRJETI_LISTEN", "listen" },
		{ "RRJETI_THREADS", "threads" },
		{ "RRJETI_FAST_HASH", "fast_hash" },
		{ "RRJETI_FONT_DIR", "font_dir" },
		{ "RRJETI_SMTP_URL", "smtp_url" },
		{ "RRJETI_SMTP_FROM", "smtp_from" },
		{ "RRJETI_BASE_URL", "base_url" },
		{ "RRJETI_SCAN_INTERVAL", "scan_interval" },
		{ "RRJETI_MAIL_INTERVAL", "mail_interval" },
		{ "RRJETI_AUTH_CACHE_MS", "auth_cache_ms" },
	};
	char path[APP_PATH_MAX + 32], line[2048], msg[512], *k, *v, *eq;
	size_t i, lineno = 0;
	FILE *f;
	const char *e;

	memset(c, 0, sizeof(*c));
	if (strlen(dir) >= sizeof(c->data_dir) - 16) {
		snprintf(err, errlen, "data directory path too long");
		return -1;
	}
	snprintf(c->data_dir, sizeof(c->data_dir), "%s", dir);
	snprintf(c->database, sizeof(c->database), "%s/rrjeti.db", dir);
	snprintf(c->listen, sizeof(c->listen), "127.0.0.1:8080");
	c->threads = 4;
	c->session_idle = 30 * 60;
	c->session_absolute = 12 * 3600;
	c->scan_interval = 300;
	c->mail_interval = 15;
	c->auth_cache_ms = -1;	/* by the database, below */
	snprintf(c->font_dir, sizeof(c->font_dir), "%s", PDF_DEFAULT_FONT_DIR);
	snprintf(path, sizeof(path), "%s/rrjeti.conf", dir);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(line, sizeof(line), f) != NULL) {
			lineno++;
			if (strchr(line, '\n') == NULL && !feof(f)) {
				snprintf(err, errlen, "%s:%zu: line too long",
				    path, lineno);
				fclose(f);
				return -1;
			}
			k = trim(line);
			if (*k == '\0' || *k == '#')
				continue;
			if ((eq = strchr(k, '=')) == NULL) {
				snprintf(err, errlen, "%s:%zu: key = value "
				    "expected", path, lineno);
				fclose(f);
				return -1;
			}
			*eq = '\0';
			v = trim(eq + 1);
			k = trim(k);
			if (set_key(c, k, v, msg, sizeof(msg)) != 0) {
				snprintf(err, errlen, "%s:%zu: %s", path, lineno,
				    msg);
				fclose(f);
				return -1;
			}
		}
		fclose(f);
	} else if (errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
		if ((e = getenv(env[i][0])) == NULL || *e == '\0')
			continue;
		if (set_key(c, env[i][1], e, msg, sizeof(msg)) != 0) {
			snprintf(err, errlen, "%s: %s", env[i][0], msg);
			return -1;
		}
	}
	/* The identity cache is on by default for SQLite, where one server
	 * makes every change (a change it commits drops the cache at once);
	 * off for PostgreSQL, where another node's logout must count at once
	 * unless the operator accepts auth_cache_ms of delay. */
	if (c->auth_cache_ms < 0)
		c->auth_cache_ms = strncmp(c->database, "postgres", 8) == 0 ?
		    0 : 1000;
	return 0;
}

int
app_open(struct app *a, int migrate, char *err, size_t errlen)
{
	struct auth_config ac;
	int from, to;

	if ((a->st = store_open(a->cfg.database, err, errlen)) == NULL)
		return -1;
	if (migrate) {
		if (store_migrate(a->st, &from, &to, err, errlen) != STORE_OK)
			goto fail;
		if (to != from)
			log_info("schema migrated from version %d to %d", from, to);
	} else {
		if (store_schema_version(a->st, &from, &to) != STORE_OK) {
			snprintf(err, errlen, "%s: cannot read the schema version",
			    a->cfg.database);
			goto fail;
		}
		if (from == 0) {
			snprintf(err, errlen, "%s has no Rrjeti database: run "
			    "rrjeti init --data %s", a->cfg.data_dir,
			    a->cfg.data_dir);
			goto fail;
		}
		if (from < to) {
			snprintf(err, errlen, "the database schema is at version "
			    "%d and this rrjeti needs %d: run rrjeti migrate "
			    "--data %s", from, to, a->cfg.data_dir);
			goto fail;
		}
		if (from > to) {
			snprintf(err, errlen, "the database schema (version %d) is "
			    "newer than this rrjeti knows (%d): use a newer "
			    "binary", from, to);
			goto fail;
		}
	}
	memset(&ac, 0, sizeof(ac));
	ac.idle = a->cfg.session_idle;
	ac.absolute = a->cfg.session_absolute;
	ac.token_life = 90 * 86400;
	ac.max_hashes = 2;
	ac.fast_hash = a->cfg.fast_hash;
	ac.cache_ms = a->cfg.auth_cache_ms;
	svc_memo_config(a->cfg.auth_cache_ms);
	auth_init(&ac);
	a->site.routes = app_routes;
	a->site.nroutes = app_nroutes;
	a->site.st = a->st;
	a->site.secure_cookies = a->cfg.secure_cookies;
	a->site.trust_proxy = a->cfg.trust_proxy;
	a->site.app = a;
	return 0;
fail:
	store_close(a->st);
	a->st = NULL;
	return -1;
}

/*
 * Each language's catalogue is po/{code}.po followed by its domain parts
 * po/{code}-{domain}.po in name order (the embedded files are sorted), read
 * as one text: a part has no header of its own, and a line number in an
 * error counts from the start of po/{code}.po.
 */
int
app_load_catalogues(char *err, size_t errlen)
{
	struct i18n_src po[LANG__MAX];
	static const char *const codes[LANG__MAX] = { "sq", "en", "sr" };
	const struct embedded_file *f;
	struct arena *a;
	struct buf text[LANG__MAX];
	char path[64], prefix[16];
	size_t i, n, plen;
	int l, rc = -1;

	if ((a = arena_new(64u << 20)) == NULL) {
		snprintf(err, errlen, "catalogues: out of memory");
		return -1;
	}
	for (l = 0; l < LANG__MAX; l++) {
		snprintf(path, sizeof(path), "po/%s.po", codes[l]);
		plen = (size_t)snprintf(prefix, sizeof(prefix), "po/%s-",
		    codes[l]);
		if ((f = embed_find(path)) == NULL) {
			snprintf(err, errlen, "%s is not in the binary", path);
			goto out;
		}
		buf_init(&text[l], a);
		buf_add(&text[l], f->data, f->len);
		for (i = 0; i < embedded_count; i++) {
			f = &embedded_files[i];
			n = strlen(f->path);
			if (strncmp(f->path, prefix, plen) != 0 || n < 4 ||
			    strcmp(f->path + n - 3, ".po") != 0)
				continue;
			buf_putc(&text[l], '\n');
			buf_add(&text[l], f->data, f->len);
		}
		if (text[l].oom) {
			snprintf(err, errlen, "catalogues: out of memory");
			goto out;
		}
		po[l].lang = (enum lang)l;
		po[l].text = text[l].p;
		po[l].len = text[l].len;
	}
	rc = i18n_load(po, LANG__MAX, err, errlen);
out:
	arena_free(a);
	return rc;
}

int
app_load_ui(struct app *a, char *err, size_t errlen)
{
	struct tmpl_src *t;
	size_t i, n = 0;

	if (app_load_catalogues(err, errlen) != 0)
		return -1;
	if (pdf_fonts_find(&a->fonts, a->cfg.font_dir, err, errlen) != PDF_OK)
		log_warnx("PDF documents disabled: %s", err);
	if ((t = calloc(embedded_count, sizeof(*t))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (i = 0; i < embedded_count; i++) {
		const char *p = embedded_files[i].path;
		size_t plen = strlen(p);

		if (strncmp(p, "templates/", 10) != 0 || plen < 16 ||
		    strcmp(p + plen - 5, ".html") != 0)
			continue;
		t[n].name = strndup(p + 10, plen - 15);
		t[n].text = embedded_files[i].data;
		t[n].len = embedded_files[i].len;
		n++;
	}
	a->tmpl = tmpl_load(t, n, err, errlen);	/* copies names and texts */
	for (i = 0; i < n; i++)
		free((void *)t[i].name);
	free(t);
	return a->tmpl ? 0 : -1;
}

void
app_close(struct app *a)
{
	tmpl_free(a->tmpl);
	a->tmpl = NULL;
	store_close(a->st);
	a->st = NULL;
}
