/*
 * web_protect.h — the HTML handlers of the protect domain (web layer).
 */
#ifndef RRJETI_WEB_PROTECT_H
#define RRJETI_WEB_PROTECT_H

#include "web.h"

struct tval;
struct case_full;

/* The protect section of the case page (templates/case_protect.html): fills
 * d with what the actor may see and do. */
void	web_protect_case(struct req *, struct tval *d, const struct case_full *);

#endif
