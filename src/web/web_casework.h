/*
 * web_casework.h — the HTML handlers of screening, comprehensive assessment
 * and the protection plan (web layer), named in app/routes_casework.inc,
 * and the screening, assessment and plan sections of the case page.
 */
#ifndef RRJETI_WEB_CASEWORK_H
#define RRJETI_WEB_CASEWORK_H

struct req;
struct tval;
struct case_full;

/* Fills d for the screening, assessment and plan sections of the case page
 * (templates/case_casework.html), for a case the caller has read. */
void	web_casework_case(struct req *, struct tval *d, const struct case_full *);

void	web_cw_screening(struct req *);
void	web_cw_screening_create(struct req *);
void	web_cw_assessment(struct req *);
void	web_cw_assessment_save(struct req *);
void	web_cw_plan(struct req *);
void	web_cw_plan_create(struct req *);
void	web_cw_plan_save(struct req *);
void	web_cw_plan_action_add(struct req *);
void	web_cw_plan_action_status(struct req *);
void	web_cw_plan_action_remove(struct req *);
void	web_cw_plan_submit(struct req *);
void	web_cw_plan_approve(struct req *);
void	web_cw_plan_return(struct req *);

#endif
