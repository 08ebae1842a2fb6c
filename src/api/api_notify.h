/*
 * api_notify.h — the JSON handlers of the inbox (api layer), named in
 * app/routes_notify.inc; see docs/API.md, "Notifications".
 */
#ifndef RRJETI_API_NOTIFY_H
#define RRJETI_API_NOTIFY_H

struct req;

void	api_inbox(struct req *);
void	api_inbox_read(struct req *);
void	api_inbox_read_all(struct req *);

#endif
