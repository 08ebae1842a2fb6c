/*
 * api_casework.h — the JSON handlers of screening, the comprehensive
 * assessment and the Individual Protection Plan under
 * /api/v1/cases/{id}/... (api layer), named in app/routes_casework.inc; see
 * docs/API.md, section "Screening, assessment and plan".
 */
#ifndef RRJETI_API_CASEWORK_H
#define RRJETI_API_CASEWORK_H

struct req;

void	api_cw_screenings(struct req *);
void	api_cw_screening_create(struct req *);
void	api_cw_assessment(struct req *);
void	api_cw_assessment_save(struct req *);
void	api_cw_plan(struct req *);
void	api_cw_plan_create(struct req *);
void	api_cw_plan_save(struct req *);
void	api_cw_plan_action_add(struct req *);
void	api_cw_plan_action_status(struct req *);
void	api_cw_plan_action_remove(struct req *);
void	api_cw_plan_submit(struct req *);
void	api_cw_plan_approve(struct req *);
void	api_cw_plan_return(struct req *);

#endif
