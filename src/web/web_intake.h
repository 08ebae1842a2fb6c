/*
 * web_intake.h — the HTML handlers of intake and children (web layer),
 * named in app/routes_intake.inc. A child's record: web_children.h.
 */
#ifndef RRJETI_WEB_INTAKE_H
#define RRJETI_WEB_INTAKE_H

struct req;

void	web_intake_list(struct req *);
void	web_intake_new(struct req *);
void	web_intake_create(struct req *);
void	web_intake_view(struct req *);
void	web_intake_not_admitted(struct req *);
void	web_intake_register(struct req *);
void	web_child_match(struct req *);

#endif
