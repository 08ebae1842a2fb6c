/*
 * web_action_plan.h — the HTML handlers of municipal action plans (web
 * layer), named in app/routes_grant.inc.
 */
#ifndef RRJETI_WEB_ACTION_PLAN_H
#define RRJETI_WEB_ACTION_PLAN_H

struct req;

void	web_ap_list(struct req *);
void	web_ap_create(struct req *);
void	web_ap_view(struct req *);
void	web_ap_objective_add(struct req *);
void	web_ap_indicator_add(struct req *);
void	web_ap_progress_add(struct req *);

#endif
