/*
 * closure.c — the HTML side of reviews, closure, reopening and transfer (web layer).
 */
#include <stdint.h>

#include "../svc/case.h"
#include "render.h"
#include "web_closure.h"

void
web_closure_case(struct req *r, struct tval *d, const struct case_full *f)
{
	(void)r;
	(void)d;
	(void)f;
}
