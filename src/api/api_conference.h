/*
 * api_conference.h — the JSON handlers of case conferences (api layer),
 * named in app/routes_conference.inc.
 */
#ifndef RRJETI_API_CONFERENCE_H
#define RRJETI_API_CONFERENCE_H

struct req;

void	api_cf_list(struct req *);
void	api_cf_create(struct req *);
void	api_cf_get(struct req *);
void	api_cf_invite(struct req *);
void	api_cf_agenda_add(struct req *);
void	api_cf_task_add(struct req *);
void	api_cf_task_done(struct req *);
void	api_cf_hold(struct req *);

#endif
