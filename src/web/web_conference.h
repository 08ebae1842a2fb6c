/*
 * web_conference.h — the HTML (and minutes PDF) handlers of case
 * conferences (web layer), named in app/routes_conference.inc, and the
 * tasks section of "my work".
 */
#ifndef RRJETI_WEB_CONFERENCE_H
#define RRJETI_WEB_CONFERENCE_H

struct req;
struct tval;

/* Fills d.cf_tasks with the actor's open conference tasks (my work). */
void	web_conference_work(struct req *, struct tval *d);

void	web_cf_list(struct req *);
void	web_cf_new(struct req *);
void	web_cf_create(struct req *);
void	web_cf_view(struct req *);
void	web_cf_invite(struct req *);
void	web_cf_guest(struct req *);
void	web_cf_uninvite(struct req *);
void	web_cf_attendance(struct req *);
void	web_cf_agenda_add(struct req *);
void	web_cf_agenda_remove(struct req *);
void	web_cf_decision(struct req *);
void	web_cf_task_add(struct req *);
void	web_cf_task_done(struct req *);
void	web_cf_hold(struct req *);
void	web_cf_minutes(struct req *);
void	web_cf_minutes_pdf(struct req *);

#endif
