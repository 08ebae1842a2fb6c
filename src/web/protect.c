/*
 * protect.c — the HTML handlers of the protect domain (web layer).
 */
#include "../svc/case.h"
#include "render.h"
#include "web_protect.h"

void
web_protect_case(struct req *r, struct tval *d, const struct case_full *f)
{
	(void)r;
	(void)d;
	(void)f;
}
