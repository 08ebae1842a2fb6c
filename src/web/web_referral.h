/*
 * web_referral.h — the HTML handlers of the referral domain (web layer).
 */
#ifndef RRJETI_WEB_REFERRAL_H
#define RRJETI_WEB_REFERRAL_H

#include "web.h"

struct tval;
struct case_full;

/* The referral section of the case page (templates/case_referral.html): fills
 * d with what the actor may see and do. */
void	web_referral_case(struct req *, struct tval *d, const struct case_full *);

#endif
