/*
 * web_referral.h — the HTML handlers of the referral domain (web layer).
 */
#ifndef RRJETI_WEB_REFERRAL_H
#define RRJETI_WEB_REFERRAL_H

#include "web.h"

struct tval;
struct case_full;

/* The referral section of the case page (templates/case_referrals.html):
 * fills d with what the actor may see and do. */
void	web_referral_case(struct req *, struct tval *d, const struct case_full *);

/* For "my work" (web/work.c, N or the lead): sets d.rf_work to { open,
 * overdue } (the actor's referrals without outcome, those unanswered past
 * due) for case workers, and { incoming } (waiting for an answer) for a
 * receiving organisation's users; nothing for anyone else. */
void	web_referral_work(struct req *, struct tval *d);

void	web_referral_form(struct req *);
void	web_referral_create(struct req *);
void	web_referral_open(struct req *);
void	web_referral_incoming(struct req *);
void	web_referral_view(struct req *);
void	web_referral_answer(struct req *);
void	web_referral_start(struct req *);
void	web_referral_session(struct req *);
void	web_referral_feedback(struct req *);
void	web_referral_close(struct req *);
void	web_referral_cancel_form(struct req *);
void	web_referral_cancel(struct req *);
void	web_report_in_list(struct req *);
void	web_report_in_form(struct req *);
void	web_report_in_create(struct req *);

#endif
