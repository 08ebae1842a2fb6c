/*
 * scan.h — the periodic reminder scans (svc layer). Each domain that has
 * reminders (a licence to renew, a referral unanswered, a placement about
 * to expire, a task due) has one scan: it finds what has come due at now
 * and notifies (notify_once_in_tx(), so a scan may run any number of
 * times), each change in its own transaction. The server runs scan_all()
 * periodically and `rrjeti scan` runs it once.
 */
#ifndef RRJETI_SCAN_H
#define RRJETI_SCAN_H

#include <stdint.h>

#include "svc.h"

typedef enum svc_rc (*scan_fn)(struct svc *, int64_t now);

struct scan {
	const char	*name;	/* for the log: "provider.licences" */
	scan_fn		 fn;
};

/* The scans, ending with { NULL, NULL }. */
extern const struct scan scans[];

/* Runs every scan with s (its actor: the command line's system actor,
 * id 0); a scan that fails is logged by name and the others still
 * run. SVC_OK when all succeeded, else the first failure. */
enum svc_rc	scan_all(struct svc *, int64_t now);

#endif
