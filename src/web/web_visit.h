/*
 * web_visit.h — the HTML handlers of systematic visits (web layer), named
 * in app/routes_protect.inc: /visits, /visits/new, /visits/{id} and its
 * forms.
 */
#ifndef RRJETI_WEB_VISIT_H
#define RRJETI_WEB_VISIT_H

#include <stdint.h>

struct req;

void	web_visit_list(struct req *);
void	web_visit_form(struct req *);
void	web_visit_create(struct req *);
void	web_visit_view(struct req *);
void	web_visit_done(struct req *);
void	web_visit_cancel(struct req *);
void	web_visit_identify(struct req *);

/* For the report's page (src/web/intake.c): d.visit { id, kind, date }
 * when the report came from a systematic visit. */
struct tval;
void	web_visit_of_report(struct req *, struct tval *d, int64_t report_id);

#endif
