/*
 * notify.c — rrjeti scan, rrjeti mail, and the server's background runner
 * of the reminder scans and the e-mail outbox (cli layer). The runner is
 * one thread beside the HTTP server: every scan_interval seconds it calls
 * scan_all(), every mail_interval seconds mail_send_due(), both with the
 * command line's system actor, and at the same pace the due report
 * schedules (cli_report_run_due(), cli/report.c; a long run delays the
 * next scan, never a request). Requests never wait for any of them. With
 * several nodes on one database each of these jobs runs on one node at a
 * time: the one holding its lease (svc/job.h; the keeper thread below).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../app/app.h"
#include "../svc/indicator.h"
#include "../svc/job.h"
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

/*
 * The jobs run once across nodes: the runner runs a job only while this
 * node holds its lease (svc/job.h). The keeper, a second thread, takes and
 * renews the leases every JOB_LEASE_RENEW seconds, also while a job runs,
 * and gives them back when the server stops; a lease counts here until
 * JOB_LEASE_RENEW seconds before it would expire, so a node that cannot
 * renew stops starting the job before another node may take it over.
 */
enum { J_SCAN, J_MAIL, J_REPORTS, J__MAX };

static const char *const job_names[J__MAX] = { JOB_SCAN, JOB_MAIL,
    JOB_REPORTS };

static struct {
	pthread_t	 t, keeper;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 stop;
	int		 started;
	struct app	*app;
	int		 want[J__MAX];		/* this node runs the job */
	int64_t		 held_until[J__MAX];	/* the lease counts until */
	int		 fresh[J__MAX];		/* just taken: run it now */
} runner = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* One round of the keeper: every wanted lease taken or renewed. */
static void
keeper_round(struct app *a, struct arena *ar)
{
	struct svc s;
	int64_t now;
	int j, held, had;
	enum svc_rc rc;

	for (j = 0; j < J__MAX; j++) {
		if (!runner.want[j])
			continue;
		arena_reset(ar);
		svc_of(&s, a, ar);
		now = time(NULL);
		rc = job_lease_take(&s, job_names[j], job_node_id(), now,
		    JOB_LEASE_TTL, &held);
		pthread_mutex_lock(&runner.mu);
		had = runner.held_until[j] > now;
		if (rc == SVC_OK && held) {
			runner.held_until[j] = now + JOB_LEASE_TTL -
			    JOB_LEASE_RENEW;
			if (!had) {
				runner.fresh[j] = 1;
				log_info("runner: this node (%s) runs the job "
				    "%s", job_node_id(), job_names[j]);
				pthread_cond_broadcast(&runner.cv);
			}
		} else if (rc == SVC_OK) {
			runner.held_until[j] = 0;
			if (had)
				log_info("runner: the job %s runs on another "
				    "node now", job_names[j]);
		} else
			log_warnx("runner: the lease of %s cannot be renewed "
			    "(%s)", job_names[j], svc_rc_str(rc));
		pthread_mutex_unlock(&runner.mu);
	}
}

static void *
keeper_main(void *arg)
{
	struct app *a = arg;
	struct arena *ar;
	struct svc s;
	struct timespec ts;
	int64_t next;
	int j;

	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		log_warnx("runner: out of memory");
		return NULL;
	}
	next = time(NULL) + JOB_LEASE_RENEW;
	pthread_mutex_lock(&runner.mu);
	while (!runner.stop) {
		if (time(NULL) < next) {
			ts.tv_sec = (time_t)next;
			ts.tv_nsec = 0;
			(void)pthread_cond_timedwait(&runner.cv, &runner.mu,
			    &ts);
			continue;
		}
		pthread_mutex_unlock(&runner.mu);
		keeper_round(a, ar);
		next = time(NULL) + JOB_LEASE_RENEW;
		pthread_mutex_lock(&runner.mu);
	}
	pthread_mutex_unlock(&runner.mu);
	/* Stopping: the leases back, so another node goes on at once. */
	for (j = 0; j < J__MAX; j++) {
		if (!runner.want[j] || runner.held_until[j] == 0)
			continue;
		arena_reset(ar);
		svc_of(&s, a, ar);
		if (job_lease_free(&s, job_names[j], job_node_id()) != SVC_OK)
			log_warnx("runner: the lease of %s is not given back",
			    job_names[j]);
		runner.held_until[j] = 0;
	}
	store_thread_end(a->st);
	arena_free(ar);
	return NULL;
}

/*
 * Whether job j may run now (under runner.mu): its lease is this node's.
 * When it is not, *next moves on, to look again after the keeper's next
 * round; a lease just taken brings *next to now.
 */
static int
may_run(int j, int64_t now, int64_t *next)
{
	if (runner.fresh[j]) {
		runner.fresh[j] = 0;
		if (*next != INT64_MAX)
			*next = now;
	}
	if (now < *next)
		return 0;
	if (now < runner.held_until[j])
		return 1;
	*next = now + JOB_LEASE_RENEW;
	return 0;
}

static void *
runner_main(void *arg)
{
	struct app *a = arg;
	struct mail_config m;
	struct arena *ar;
	struct svc s;
	struct timespec ts;
	int64_t now, next_scan, next_mail, next_report, wake;
	int sent, failed, scan, mail, report;

	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		log_warnx("runner: out of memory");
		return NULL;
	}
	mail_cfg(a, &m);
	now = time(NULL);
	next_scan = a->cfg.scan_interval > 0 ? now + 1 : INT64_MAX;
	next_report = next_scan;
	next_mail = mail_configured(&m) ? now + 1 : INT64_MAX;
	pthread_mutex_lock(&runner.mu);
	while (!runner.stop) {
		now = time(NULL);
		scan = may_run(J_SCAN, now, &next_scan);
		report = may_run(J_REPORTS, now, &next_report);
		mail = may_run(J_MAIL, now, &next_mail);
		if (scan || report || mail) {
			pthread_mutex_unlock(&runner.mu);
			if (scan) {
				arena_reset(ar);
				svc_of(&s, a, ar);
				(void)scan_all(&s, clock_now());
				next_scan = time(NULL) + a->cfg.scan_interval;
			}
			if (report) {
				if (cli_report_run_due(a) != 0)
					log_warnx("report: a scheduled report "
					    "failed");
				next_report = time(NULL) + a->cfg.scan_interval;
			}
			if (mail) {
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
		wake = next_scan < next_mail ? next_scan : next_mail;
		if (next_report < wake)
			wake = next_report;
		ts.tv_sec = (time_t)(wake > now + 3600 ? now + 3600 : wake);
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
	struct arena *ar;
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
	memset(runner.held_until, 0, sizeof(runner.held_until));
	memset(runner.fresh, 0, sizeof(runner.fresh));
	runner.want[J_SCAN] = a->cfg.scan_interval > 0;
	runner.want[J_REPORTS] = a->cfg.scan_interval > 0;
	runner.want[J_MAIL] = mail_configured(&m);
	/* The first round now, so the jobs start at once where they may. */
	if ((ar = arena_new(RUNNER_ARENA)) == NULL) {
		log_warnx("runner: out of memory");
		return -1;
	}
	keeper_round(a, ar);
	arena_free(ar);
	/* The server takes SIGINT and SIGTERM with sigwait(): not here. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(&runner.t, NULL, runner_main, a);
	if (rc == 0 && (rc = pthread_create(&runner.keeper, NULL, keeper_main,
	    a)) != 0) {
		pthread_mutex_lock(&runner.mu);
		runner.stop = 1;
		pthread_cond_broadcast(&runner.cv);
		pthread_mutex_unlock(&runner.mu);
		pthread_join(runner.t, NULL);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		log_warnx("runner: %s", strerror(rc));
		return -1;
	}
	runner.started = 1;
	log_info("runner: scans every %d s%s, node %s", a->cfg.scan_interval,
	    mail_configured(&m) ? ", e-mail on" : ", e-mail off",
	    job_node_id());
	return 0;
}

void
cli_runner_stop(void)
{
	if (!runner.started)
		return;
	pthread_mutex_lock(&runner.mu);
	runner.stop = 1;
	pthread_cond_broadcast(&runner.cv);
	pthread_mutex_unlock(&runner.mu);
	pthread_join(runner.t, NULL);
	pthread_join(runner.keeper, NULL);
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
