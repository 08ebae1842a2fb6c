/*
 * job.h — scheduled jobs that run once across nodes (svc layer).
 *
 * Several `rrjeti serve` processes may share one database. Each scheduled
 * job (the reminder scans, the e-mail outbox, the report schedules) has a
 * lease, a row of job_lease: a node runs the job only while it holds the
 * lease. job_lease_take() takes it when it is free, expired or already
 * this node's, and renews it then, with one conditional UPDATE in a write
 * transaction; it expires ttl seconds later unless renewed. A node that
 * stops gives its leases back (job_lease_free()); one that crashes renews
 * no more, and another node takes the lease over once it has expired.
 * Times are the nodes' clocks (Unix seconds): keep them in step (NTP).
 */
#ifndef RRJETI_JOB_H
#define RRJETI_JOB_H

#include <stdint.h>

#include "svc.h"

/* The jobs of the server's runner (cli/notify.c). */
#define JOB_SCAN	"scan"
#define JOB_MAIL	"mail"
#define JOB_REPORTS	"reports"

/* A lease lasts this long unless renewed, and is renewed this often. */
#define JOB_LEASE_TTL	60
#define JOB_LEASE_RENEW	15

/* This process's node id: host name, process id and random bits, made once
 * (thread-safe); at most 63 bytes. */
const char	*job_node_id(void);

/*
 * Takes or renews the lease of job for holder until now + ttl. *held is 1
 * when holder has it now, 0 when another node holds it (SVC_OK both).
 * Taking a lease from no one or from an expired holder is audited
 * ("job.lease.take", the job's name and the former holder's node id);
 * a renewal is not. SVC_INVALID for an empty name or holder or ttl < 1.
 */
enum svc_rc	job_lease_take(struct svc *, const char *job, const char *holder,
		    int64_t now, int ttl, int *held);

/* Gives the lease back if holder has it (no error when it has not). */
enum svc_rc	job_lease_free(struct svc *, const char *job, const char *holder);

/* Who holds job's lease and until when ("" and 0 when free or unknown). */
enum svc_rc	job_lease_holder(struct svc *, const char *job, char *holder,
		    size_t len, int64_t *expires);

#endif
