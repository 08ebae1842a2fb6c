/*
 * api_referral.h — the JSON handlers of referrals out and reports in (api
 * layer), named in app/routes_referral.inc; see docs/API.md, section
 * "Referrals out and reports in".
 */
#ifndef RRJETI_API_REFERRAL_H
#define RRJETI_API_REFERRAL_H

struct req;

void	api_referrals_of_case(struct req *);
void	api_referral_create(struct req *);
void	api_referrals_open(struct req *);
void	api_referrals_incoming(struct req *);
void	api_referral_get(struct req *);
void	api_referral_answer(struct req *);
void	api_referral_start(struct req *);
void	api_referral_session(struct req *);
void	api_referral_feedback(struct req *);
void	api_referral_close(struct req *);
void	api_referral_cancel(struct req *);
void	api_reports_in(struct req *);
void	api_report_in_create(struct req *);

#endif
