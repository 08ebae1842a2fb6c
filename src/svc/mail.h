/*
 * mail.h — e-mail for notifications (svc layer): draining the outbox that
 * notify_in_tx() fills (migration 0015) through the SMTP server of the
 * configuration, with libcurl. A message carries the kind's label in the
 * user's language and the link (base_url + path): never a child's name or
 * any case data. Never called inside a request: the server's background
 * thread and `rrjeti mail send` call mail_send_due().
 */
#ifndef RRJETI_MAIL_H
#define RRJETI_MAIL_H

#include <stdint.h>

#include "svc.h"

#define MAIL_BATCH	50	/* messages per mail_send_due() */
#define MAIL_ATTEMPTS	8	/* then 'failed' */
#define MAIL_LEASE	300	/* seconds a claimed message is not retaken */
#define MAIL_BACKOFF_MAX (6 * 3600)

struct mail_config {
	const char	*url;		/* smtp://host:port, smtps://... */
	const char	*from;		/* the envelope and From: address */
	const char	*base_url;	/* https://rrjeti.example.org */
	long		 timeout;	/* seconds for one message; 0: 30 */
};

struct mail_counts {
	int64_t		 queued, sent, failed, dropped;
};

/* curl_global_init(): once, in the main thread, before any thread. */
int		mail_init(void);
/* 1 when cfg names a server, a sender and a base URL. */
int		mail_configured(const struct mail_config *);
/*
 * Sends up to MAIL_BATCH messages due at now. Each is claimed first (so
 * two senders do not send it twice), sent outside any transaction, then
 * marked sent, or retried after 60 s * 2^(attempts-1) (at most
 * MAIL_BACKOFF_MAX), or failed after MAIL_ATTEMPTS; a user who no longer
 * wants e-mail or has no address: dropped. Each outcome audited (ids and
 * codes only). *sent and *failed count this run's deliveries and failed
 * attempts.
 */
enum svc_rc	mail_send_due(struct svc *, const struct mail_config *,
		    int64_t now, int *sent, int *failed);
/* The outbox by status. */
enum svc_rc	mail_counts(struct svc *, struct mail_counts *);
/* The delay before attempt n + 1 after n failed attempts (n >= 1). */
int64_t		mail_backoff(int64_t attempts);

#endif
