/*
 * web_export.h — the exports of the lists of the web interface (web
 * layer, web/export.c), named in app/routes_export.inc: for each list
 * GET <list path>/export (a plain file, or for a personal list the
 * password form) and, for a personal list, the POST of that form (the
 * encrypted zip) and its answer to invalid fields.
 */
#ifndef RRJETI_WEB_EXPORT_H
#define RRJETI_WEB_EXPORT_H

struct req;

void	web_ex_action_plans(struct req *);
void	web_ex_trainings(struct req *);
void	web_ex_conferences(struct req *);
void	web_ex_users(struct req *);
void	web_ex_audit(struct req *);
void	web_ex_workforce(struct req *);
void	web_ex_donors(struct req *);
void	web_ex_grants(struct req *);
void	web_ex_community_groups(struct req *);
void	web_ex_agencies(struct req *);
void	web_ex_population(struct req *);
void	web_ex_referrals_incoming(struct req *);

void	web_ex_professionals(struct req *);
void	web_ex_professionals_zip(struct req *);
void	web_ex_professionals_invalid(struct req *);
void	web_ex_visits(struct req *);
void	web_ex_visits_zip(struct req *);
void	web_ex_visits_invalid(struct req *);
void	web_ex_intake(struct req *);
void	web_ex_intake_zip(struct req *);
void	web_ex_intake_invalid(struct req *);
void	web_ex_community_alerts(struct req *);
void	web_ex_community_alerts_zip(struct req *);
void	web_ex_community_alerts_invalid(struct req *);
void	web_ex_referrals(struct req *);
void	web_ex_referrals_zip(struct req *);
void	web_ex_referrals_invalid(struct req *);

#endif
