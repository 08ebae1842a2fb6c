/*
 * auditlog.h — browsing the audit trail (svc layer), for auditors only.
 * Each search is itself audited.
 */
#ifndef RRJETI_AUDITLOG_H
#define RRJETI_AUDITLOG_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct audit_entry {
	int64_t		 id;
	int64_t		 at;
	int64_t		 actor_id;
	const char	*actor;
	const char	*action;
	const char	*object_type;
	int64_t		 object_id;
	const char	*client;
	const char	*detail;
};

struct audit_filter {
	const char	*actor;		/* exact username, or NULL */
	const char	*action;	/* "login" matches login and login.*, or NULL */
	int64_t		 from;		/* 0: open */
	int64_t		 to;		/* 0: open; exclusive */
	int		 limit;		/* 1..200 */
	int		 offset;
};

enum svc_rc	auditlog_search(struct svc *, const struct audit_filter *,
		    struct audit_entry **, size_t *n, int64_t *total);

#endif
