/*
 * mail.c — sending the notification e-mail over SMTP with libcurl (svc
 * layer). See mail.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "../audit/audit.h"
#include "../i18n/i18n.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "../util/log.h"
#include "mail.h"
#include "notify.h"
#include "svc.h"

int
mail_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

int
mail_configured(const struct mail_config *c)
{
	return c != NULL && c->url != NULL && *c->url != '\0' &&
	    c->from != NULL && *c->from != '\0' && c->base_url != NULL &&
	    *c->base_url != '\0';
}

int64_t
mail_backoff(int64_t attempts)
{
	int64_t d = 60;

	while (--attempts > 0 && d < MAIL_BACKOFF_MAX)
		d *= 2;
	return d < MAIL_BACKOFF_MAX ? d : MAIL_BACKOFF_MAX;
}

struct due {
	int64_t		 id;
	const char	*email;
	int		 wants;
	const char	*lang;
	const char	*kind;
	const char	*link;
};

struct due_list {
	struct arena	*a;
	struct avec	 l;
};

static int
due_cb(void *arg, const struct store_row *r)
{
	struct due_list *x = arg;
	struct due *d;

	if ((d = avec_next(&x->l)) == NULL)
		return 1;
	d->id = srow_int(r, 0);
	d->email = arena_strdup(x->a, svc_nz(srow_text(r, 1)));
	d->wants = srow_int(r, 2) != 0 && srow_int(r, 3) != 0;
	d->lang = arena_strdup(x->a, svc_nz(srow_text(r, 4)));
	d->kind = arena_strdup(x->a, svc_nz(srow_text(r, 5)));
	d->link = arena_strdup(x->a, svc_nz(srow_text(r, 6)));
	return 0;
}

/* ---------------------------------------------------------------- SMTP */

struct payload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct payload *pl = arg;
	size_t n = size * nmemb;

	if (n > pl->left)
		n = pl->left;
	memcpy(buf, pl->p, n);
	pl->p += n;
	pl->left -= n;
	return n;
}

/* The message: headers (Subject RFC 2047 base64, since the labels are not
 * ASCII) and a plain body of the label and the link. */
static const char *
message(struct arena *a, const struct mail_config *c, const struct due *d,
    const char *label)
{
	char date[64], b64[512];
	time_t now = time(NULL);
	struct tm tm;
	size_t n = strlen(label);

	if (n > 300)
		n = 300;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)label, n,
	    sodium_base64_VARIANT_ORIGINAL);
	return arena_printf(a,
	    "Date: %s\r\n"
	    "From: <%s>\r\n"
	    "To: <%s>\r\n"
	    "Subject: =?UTF-8?B?%s?=\r\n"
	    "Message-ID: <rrjeti.%lld.%lld@rrjeti>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n"
	    "%.*s\r\n"
	    "\r\n"
	    "%s%s\r\n",
	    date, c->from, d->email, b64, (long long)d->id, (long long)now,
	    (int)n, label, c->base_url, d->link);
}

/* 0 sent; else the curl error code (for the outbox and the log). */
static int
smtp_send(const struct mail_config *c, const char *to, const char *msg)
{
	struct curl_slist *rcpt = NULL;
	struct payload pl = { msg, strlen(msg) };
	CURL *h;
	CURLcode rc;

	if ((h = curl_easy_init()) == NULL)
		return CURLE_FAILED_INIT;
	if ((rcpt = curl_slist_append(NULL, to)) == NULL) {
		curl_easy_cleanup(h);
		return CURLE_OUT_OF_MEMORY;
	}
	curl_easy_setopt(h, CURLOPT_URL, c->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, c->from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &pl);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout > 0 ? c->timeout : 30L);
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	rc = curl_easy_perform(h);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	return rc == CURLE_OK ? 0 : (int)rc;
}

/* ---------------------------------------------------------------- outbox */

struct set_op {
	int64_t		 id;
	const char	*status;
	int64_t		 now, next;
	const char	*err;
	int64_t		 attempts;
};

static enum svc_rc
claim_tx(struct svc *s, void *arg)
{
	struct set_op *o = arg;
	struct sp p[3] = { sp_int(o->id), sp_int(o->now),
	    sp_int(o->now + MAIL_LEASE) };
	enum store_rc rc;

	rc = store_exec(s->st, Q_NT_MAIL_CLAIM, p, 3, store_cb_int,
	    &o->attempts, NULL);
	if (rc == STORE_NOTFOUND)
		return SVC_CONFLICT;	/* taken by another sender */
	return svc_from_store(rc);
}

static enum svc_rc
set_tx(struct svc *s, void *arg)
{
	struct set_op *o = arg;
	struct sp p[5] = { sp_int(o->id), sp_text(o->status), sp_int(o->now),
	    sp_int(o->next), sp_text(o->err) };
	enum store_rc rc;
	int64_t got = 0;

	if ((rc = store_exec(s->st, Q_NT_MAIL_SET, p, 5, store_cb_int, &got,
	    NULL)) != STORE_OK)
		return svc_from_store(rc);
	if (audit_record(s->st, s->actor, NULL, arena_printf(s->a, "mail.%s",
	    o->status), "mail_outbox", o->id, arena_printf(s->a,
	    "attempts=%lld%s%s", (long long)o->attempts, *o->err ? " error=" :
	    "", o->err)) != STORE_OK)
		return SVC_UNAVAILABLE;
	return SVC_OK;
}

enum svc_rc
mail_send_due(struct svc *s, const struct mail_config *c, int64_t now,
    int *sent, int *failed)
{
	struct due_list x;
	struct set_op o;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src, first = SVC_OK;
	const struct due *d;
	const char *label;
	int lang, e;
	size_t i;

	*sent = *failed = 0;
	if (!mail_configured(c))
		return SVC_OK;
	x.a = s->a;
	avec_init(&x.l, s->a, sizeof(struct due), MAIL_BATCH);
	p[0] = sp_int(now);
	p[1] = sp_int(MAIL_BATCH);
	if ((rc = store_exec(s->st, Q_NT_MAIL_DUE, p, 2, due_cb, &x, NULL)) !=
	    STORE_OK)
		return svc_from_store(rc);
	for (i = 0; i < x.l.n; i++) {
		d = &((const struct due *)x.l.v)[i];
		memset(&o, 0, sizeof(o));
		o.id = d->id;
		o.now = now;
		o.err = "";
		if ((src = svc_tx(s, claim_tx, &o)) != SVC_OK) {
			if (src != SVC_CONFLICT && first == SVC_OK)
				first = src;
			continue;
		}
		if (!d->wants || !notify_email_ok(d->email)) {
			o.status = "dropped";
			o.next = now;
		} else {
			if ((lang = lang_parse(d->lang)) < 0)
				lang = LANG_SQ;
			label = i18n_get((enum lang)lang, arena_printf(s->a,
			    "notify.kind.%s", d->kind));
			e = smtp_send(c, d->email, message(s->a, c, d,
			    label));
			if (e == 0) {
				o.status = "sent";
				o.next = now;
				(*sent)++;
			} else {
				(*failed)++;
				o.err = arena_printf(s->a, "curl %d", e);
				log_warnx("mail %lld: attempt %lld: %s",
				    (long long)d->id, (long long)o.attempts,
				    curl_easy_strerror((CURLcode)e));
				if (o.attempts >= MAIL_ATTEMPTS) {
					o.status = "failed";
					o.next = now;
				} else {
					o.status = "queued";
					o.next = now + mail_backoff(o.attempts);
				}
			}
		}
		if ((src = svc_tx(s, set_tx, &o)) != SVC_OK && first == SVC_OK)
			first = src;
	}
	return first;
}

static int
counts_cb(void *arg, const struct store_row *r)
{
	struct mail_counts *m = arg;

	m->queued = srow_int(r, 0);
	m->sent = srow_int(r, 1);
	m->failed = srow_int(r, 2);
	m->dropped = srow_int(r, 3);
	return 1;
}

enum svc_rc
mail_counts(struct svc *s, struct mail_counts *m)
{
	memset(m, 0, sizeof(*m));
	return svc_from_store(store_exec(s->st, Q_NT_MAIL_COUNT, NULL, 0,
	    counts_cb, m, NULL));
}
