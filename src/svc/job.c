/*
 * job.c — the leases of the scheduled jobs (svc layer). See job.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../store/store.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "job.h"

#define JOB_NAME_MAX	63

static char		node_id[64];
static pthread_once_t	node_once = PTHREAD_ONCE_INIT;

static void
node_make(void)
{
	char host[32];

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "node");
	host[sizeof(host) - 1] = '\0';
	snprintf(node_id, sizeof(node_id), "%s:%ld:%08x", host,
	    (long)getpid(), (unsigned)randombytes_random());
}

const char *
job_node_id(void)
{
	(void)pthread_once(&node_once, node_make);
	return node_id;
}

struct lease {
	char	 holder[JOB_NAME_MAX + 1];
	int64_t	 expires;
	int	 found;
};

static int
lease_cb(void *arg, const struct store_row *r)
{
	struct lease *l = arg;

	snprintf(l->holder, sizeof(l->holder), "%s", srow_text(r, 0));
	l->expires = srow_int(r, 1);
	l->found = 1;
	return 1;
}

static enum store_rc
lease_get(struct svc *s, const char *job, struct lease *l)
{
	struct sp p[1];

	memset(l, 0, sizeof(*l));
	p[0] = sp_text(job);
	return store_exec(s->st, Q_JOB_LEASE_GET, p, 1, lease_cb, l, NULL);
}

static int
name_ok(const char *v)
{
	return v != NULL && *v != '\0' && strlen(v) <= JOB_NAME_MAX &&
	    svc_text_ok(v, JOB_NAME_MAX, 0);
}

struct take {
	const char	*job, *holder;
	int64_t		 now;
	int		 ttl;
	int		 held;
};

static enum svc_rc
take_tx(struct svc *s, void *arg)
{
	struct take *t = arg;
	struct lease l;
	struct sp p[4];
	enum store_rc rc;

	t->held = 0;
	if ((rc = lease_get(s, t->job, &l)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (!l.found) {
		p[0] = sp_text(t->job);
		if ((rc = store_exec(s->st, Q_JOB_LEASE_ADD, p, 1, NULL, NULL,
		    NULL)) != STORE_OK)
			return cm_unavailable(s, rc);
	}
	p[0] = sp_text(t->job);
	p[1] = sp_text(t->holder);
	p[2] = sp_int(t->now);
	p[3] = sp_int(t->now + t->ttl);
	rc = store_exec(s->st, Q_JOB_LEASE_TAKE, p, 4, NULL, NULL, NULL);
	if (rc == STORE_NOTFOUND)
		return SVC_OK;		/* another node holds it */
	if (rc != STORE_OK)
		return cm_unavailable(s, rc);
	t->held = 1;
	/* A renewal is not news; a lease taken (or taken over) is. */
	if (strcmp(l.holder, t->holder) == 0 && l.expires > t->now)
		return SVC_OK;
	return cm_audit(s, "job.lease.take", "job_lease", 0,
	    arena_printf(s->a, "job=%s node=%s from=%s", t->job, t->holder,
	    l.holder[0] != '\0' && l.expires > 0 ? l.holder : "-"));
}

enum svc_rc
job_lease_take(struct svc *s, const char *job, const char *holder,
    int64_t now, int ttl, int *held)
{
	struct take t;
	enum svc_rc rc;

	*held = 0;
	if (!name_ok(job))
		return svc_fail(s, SVC_INVALID, "job", "error.invalid");
	if (!name_ok(holder))
		return svc_fail(s, SVC_INVALID, "holder", "error.invalid");
	if (ttl < 1)
		return svc_fail(s, SVC_INVALID, "ttl", "error.invalid");
	memset(&t, 0, sizeof(t));
	t.job = job;
	t.holder = holder;
	t.now = now;
	t.ttl = ttl;
	if ((rc = svc_tx(s, take_tx, &t)) != SVC_OK)
		return rc;
	*held = t.held;
	return SVC_OK;
}

struct give {
	const char	*job, *holder;
};

static enum svc_rc
free_tx(struct svc *s, void *arg)
{
	struct give *g = arg;
	struct sp p[2];
	enum store_rc rc;
	int64_t n = 0;

	p[0] = sp_text(g->job);
	p[1] = sp_text(g->holder);
	if ((rc = store_exec(s->st, Q_JOB_LEASE_FREE, p, 2, NULL, NULL,
	    &n)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (n == 0)
		return SVC_OK;
	return cm_audit(s, "job.lease.free", "job_lease", 0,
	    arena_printf(s->a, "job=%s node=%s", g->job, g->holder));
}

enum svc_rc
job_lease_free(struct svc *s, const char *job, const char *holder)
{
	struct give g;

	if (!name_ok(job))
		return svc_fail(s, SVC_INVALID, "job", "error.invalid");
	if (!name_ok(holder))
		return svc_fail(s, SVC_INVALID, "holder", "error.invalid");
	g.job = job;
	g.holder = holder;
	return svc_tx(s, free_tx, &g);
}

enum svc_rc
job_lease_holder(struct svc *s, const char *job, char *holder, size_t len,
    int64_t *expires)
{
	struct lease l;
	enum store_rc rc;

	if (len > 0)
		holder[0] = '\0';
	*expires = 0;
	if (!name_ok(job))
		return svc_fail(s, SVC_INVALID, "job", "error.invalid");
	if ((rc = lease_get(s, job, &l)) != STORE_OK)
		return cm_unavailable(s, rc);
	if (len > 0)
		snprintf(holder, len, "%s", l.holder);
	*expires = l.expires;
	return SVC_OK;
}
