/*
 * casework.c — the HTML side of screening, comprehensive assessment and the protection plan (web layer).
 */
#include <stdint.h>

#include "../svc/case.h"
#include "render.h"
#include "web_casework.h"

void
web_casework_case(struct req *r, struct tval *d, const struct case_full *f)
{
	(void)r;
	(void)d;
	(void)f;
}
