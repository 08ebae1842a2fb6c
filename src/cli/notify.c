/*
 * notify.c — rrjeti scan, rrjeti mail, and the server's background runner
 * of the reminder scans and the e-mail outbox (cli layer). The runner is
 * one thread beside the HTTP server: every scan_interval seconds it calls
 * scan_all(), every mail_interval seconds mail_send_due(), both with the
 * command line's system actor, and at the same pace the due report
 * schedules (cli_report_run_due(), cli/report.c; a long run delays the
 * next scan, never a request). Requests never wait for any of them.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app/app.h"
#include "../svc/indicator.h"
#include "../svc/mail.h"
#include "../svc/scan.h"
#include "../svc/svc.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/log.h"
#include "cli.h"

#define RUNNER_ARENA	(4u << 20)

static void
mail_cfg(const struct app *a, struct mail_config *m)
{
	memset(m, 0, sizeof(*m));
	m->url = a->cfg.smtp_url;
	m->from = a->cfg.smtp_from;
	m->base_url = a->cfg.base_url;
	m->timeout = 30;
}

static void
svc_of(struct svc *s, struct app *a, struct arena *ar)
{
	memset(s, 0, sizeof(*s));
	s->st = a->st;
	s->a = ar;
	s->actor = &cli_actor;
	s->client = "runner";
}

/* ---------------------------------------------------------------- runner */

static struct {
	pthread_t	 t;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 stop;
	int		 started;
	struct app	*app;
} runner = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

static void *
runner_main(void *arg)
{
	struct app *a = arg;
	struct mail_config m;
	struct arena *ar;
	struct svc s;
	struct timespec ts;
	int64_t now, next_scan, next_mail;
	int sent, failed;

	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		log_warnx("runner: out of memory");
		return NULL;
	}
	mail_cfg(a, &m);
	now = time(NULL);
	next_scan = a->cfg.scan_interval > 0 ? now + 1 : INT64_MAX;
	next_mail = mail_configured(&m) ? now + 1 : INT64_MAX;
	pthread_mutex_lock(&runner.mu);
	while (!runner.stop) {
		now = time(NULL);
		if (now >= next_scan || now >= next_mail) {
			pthread_mutex_unlock(&runner.mu);
			if (now >= next_scan) {
				arena_reset(ar);
				svc_of(&s, a, ar);
				(void)scan_all(&s, clock_now());
				if (cli_report_run_due(a) != 0)
					log_warnx("report: a scheduled report "
					    "failed");
				next_scan = time(NULL) + a->cfg.scan_interval;
			}
			if (now >= next_mail) {
				arena_reset(ar);
				svc_of(&s, a, ar);
				if (mail_send_due(&s, &m, clock_now(), &sent,
				    &failed) != SVC_OK)
					log_warnx("mail: the outbox cannot be "
					    "read");
				if (sent || failed)
					log_info("mail: %d sent, %d failed",
					    sent, failed);
				next_mail = now + a->cfg.mail_interval;
			}
			pthread_mutex_lock(&runner.mu);
			continue;
		}
		ts.tv_sec = (time_t)(next_scan < next_mail ? next_scan :
		    next_mail);
		if (ts.tv_sec > now + 3600)
			ts.tv_sec = now + 3600;
		ts.tv_nsec = 0;
		(void)pthread_cond_timedwait(&runner.cv, &runner.mu, &ts);
	}
	pthread_mutex_unlock(&runner.mu);
	store_thread_end(a->st);
	arena_free(ar);
	return NULL;
}

int
cli_runner_start(struct app *a)
{
	sigset_t set, old;
	struct mail_config m;
	int rc;

	mail_cfg(a, &m);
	if (a->cfg.scan_interval <= 0 && !mail_configured(&m))
		return 0;
	if (mail_configured(&m) && mail_init() != 0) {
		log_warnx("mail: libcurl cannot start");
		return -1;
	}
	runner.app = a;
	runner.stop = 0;
	/* The server takes SIGINT and SIGTERM with sigwait(): not here. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(&runner.t, NULL, runner_main, a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_warnx("runner: %s", strerror(rc));
		return -1;
	}
	runner.started = 1;
	log_info("runner: scans every %d s%s", a->cfg.scan_interval,
	    mail_configured(&m) ? ", e-mail on" : ", e-mail off");
	return 0;
}

void
cli_runner_stop(void)
{
	if (!runner.started)
		return;
	pthread_mutex_lock(&runner.mu);
	runner.stop = 1;
	pthread_cond_signal(&runner.cv);
	pthread_mutex_unlock(&runner.mu);
	pthread_join(runner.t, NULL);
	runner.started = 0;
}

/* ---------------------------------------------------------------- commands */

int
cli_scan(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	struct arena *ar;
	struct app a;
	struct svc s;
	enum svc_rc rc;

	if (cli_wants_help(argc, argv) || dir == NULL) {
		printf("usage: rrjeti scan --data DIR\n\n"
		    "Runs the periodic reminder scans once (tasks due, and\n"
		    "each domain's own): what has come due is notified, once.\n"
		    "The server runs them every scan_interval seconds itself.\n");
		return dir == NULL && !cli_wants_help(argc, argv) ? 2 : 0;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		app_close(&a);
		return 1;
	}
	svc_of(&s, &a, ar);
	rc = scan_all(&s, clock_now());
	if (rc != SVC_OK)
		fprintf(stderr, "rrjeti: scan: %s\n", svc_rc_str(rc));
	arena_free(ar);
	app_close(&a);
	return rc == SVC_OK ? 0 : 1;
}

/* rrjeti indicators check|rebuild: the indicator counters against their
 * recount, or filled again from the records (after SQL run by hand). */
int
cli_indicators(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *sub = argc > 1 ? argv[1] : "";
	struct arena *ar;
	struct app a;
	struct svc s;
	enum svc_rc rc;
	int rebuild = strcmp(sub, "rebuild") == 0;

	if (cli_wants_help(argc, argv) || dir == NULL ||
	    (!rebuild && strcmp(sub, "check") != 0)) {
		printf("usage: rrjeti indicators check|rebuild --data DIR\n\n"
		    "check: compares every indicator counter with a recount\n"
		    "from the records (exit 0 when exact, 1 when not).\n"
		    "rebuild: fills the counters again from the records, in\n"
		    "one transaction.\n");
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		app_close(&a);
		return 1;
	}
	svc_of(&s, &a, ar);
	rc = rebuild ? indicator_counters_rebuild(&s) :
	    indicator_counters_check(&s);
	if (rc == SVC_OK)
		printf("indicators: counters %s\n", rebuild ? "rebuilt" :
		    "exact");
	else if (rc == SVC_CONFLICT)
		printf("indicators: counters differ from the records (run "
		    "rrjeti indicators rebuild)\n");
	else
		fprintf(stderr, "rrjeti: indicators: %s\n", svc_rc_str(rc));
	arena_free(ar);
	app_close(&a);
	return rc == SVC_OK ? 0 : 1;
}

int
cli_mail(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *sub = argc > 1 ? argv[1] : "";
	struct mail_config m;
	struct mail_counts c;
	struct arena *ar;
	struct app a;
	struct svc s;
	enum svc_rc rc;
	int sent = 0, failed = 0;

	if (cli_wants_help(argc, argv) || dir == NULL ||
	    (strcmp(sub, "send") != 0 && strcmp(sub, "status") != 0)) {
		printf("usage: rrjeti mail send|status --data DIR\n\n"
		    "send: sends the e-mail that is due in the outbox once,\n"
		    "through smtp_url (the server does this in the background\n"
		    "every mail_interval seconds). status: the outbox by\n"
		    "state (queued, sent, failed, dropped).\n");
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		app_close(&a);
		return 1;
	}
	svc_of(&s, &a, ar);
	mail_cfg(&a, &m);
	if (strcmp(sub, "send") == 0) {
		if (!mail_configured(&m)) {
			fprintf(stderr, "rrjeti: mail: smtp_url, smtp_from "
			    "and base_url are not all set\n");
			rc = SVC_INVALID;
		} else if (mail_init() != 0)
			rc = SVC_ERROR;
		else {
			rc = mail_send_due(&s, &m, clock_now(), &sent, &failed);
			printf("sent %d, failed %d\n", sent, failed);
		}
	} else if ((rc = mail_counts(&s, &c)) == SVC_OK)
		printf("queued %lld\nsent %lld\nfailed %lld\ndropped %lld\n",
		    (long long)c.queued, (long long)c.sent,
		    (long long)c.failed, (long long)c.dropped);
	if (rc != SVC_OK && rc != SVC_INVALID)
		fprintf(stderr, "rrjeti: mail: %s\n", svc_rc_str(rc));
	arena_free(ar);
	app_close(&a);
	return rc == SVC_OK ? 0 : 1;
}
