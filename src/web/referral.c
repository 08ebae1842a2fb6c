/*
 * referral.c — the HTML handlers of the referral domain (web layer).
 */
#include "../svc/case.h"
#include "render.h"
#include "web_referral.h"

void
web_referral_case(struct req *r, struct tval *d, const struct case_full *f)
{
	(void)r;
	(void)d;
	(void)f;
}
