/*
 * web_notify.h — the HTML handlers of the inbox and the e-mail setting
 * (web layer), named in app/routes_notify.inc.
 */
#ifndef RRJETI_WEB_NOTIFY_H
#define RRJETI_WEB_NOTIFY_H

#include <stdint.h>

struct req;
struct tval;

void	web_inbox(struct req *);
void	web_inbox_open(struct req *);
void	web_inbox_read(struct req *);
void	web_inbox_read_all(struct req *);
void	web_account_email(struct req *);
void	web_user_email(struct req *);

/* The unread count as "unread" of d (the badge of head.html): called by
 * page_data() for a logged-in user. */
void	web_notify_badge(struct req *, struct tval *d);
/* The e-mail setting of user_id as "mail" of d (the partials
 * account_email.html and user_email.html). */
void	web_notify_email(struct req *, struct tval *d, int64_t user_id);

#endif
