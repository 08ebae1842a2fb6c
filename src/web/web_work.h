/*
 * web_work.h — the HTML handlers of deadlines (web layer), named in
 * app/routes_deadlines.inc: "my work", first contact on the case page, and
 * the holiday administration.
 */
#ifndef RRJETI_WEB_WORK_H
#define RRJETI_WEB_WORK_H

struct req;
struct tval;

void	web_work(struct req *);
void	web_case_contact(struct req *);
void	web_holidays(struct req *);
void	web_holiday_add(struct req *);

/* The deadlines of case id as the list "deadlines" of d (case page). */
void	web_work_case_deadlines(struct req *, struct tval *d, int64_t id);

#endif
