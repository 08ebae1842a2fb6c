/*
 * scan.c — the table of periodic reminder scans and the loop over them
 * (svc layer). See scan.h. Checklist when adding a scan: its function in
 * the domain's service and header, one line in scans[] below, a unit test
 * that running it twice notifies once.
 */
#include <stdint.h>

#include "../util/log.h"
#include "grant.h"
#include "provider.h"
#include "notify.h"
#include "protect.h"
#include "referral.h"
#include "scan.h"
#include "svc.h"

const struct scan scans[] = {
	/* one line per domain: { "domain.what", domain_scan }, */
	{ "provider.licences", provider_scan },
	{ "referral.overdue", referral_scan },
	{ "notify.tasks_due", notify_task_due_scan },
	{ "protect.expiring", protect_scan },
	{ "grant.reports_due", grant_scan },
	{ NULL, NULL }
};

enum svc_rc
scan_all(struct svc *s, int64_t now)
{
	const struct scan *sc;
	enum svc_rc rc, first = SVC_OK;

	for (sc = scans; sc->fn != NULL; sc++) {
		if ((rc = sc->fn(s, now)) == SVC_OK)
			continue;
		log_warnx("scan %s: %s", sc->name, svc_rc_str(rc));
		if (first == SVC_OK)
			first = rc;
	}
	return first;
}
