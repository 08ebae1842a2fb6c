/*
 * web_casework.h — the HTML handlers of screening, comprehensive assessment and the protection plan (web layer), named in
 * app/routes_casework.inc, and the screening, assessment and plan sections of the case page.
 */
#ifndef RRJETI_WEB_CASEWORK_H
#define RRJETI_WEB_CASEWORK_H

struct req;
struct tval;
struct case_full;

/* Fills d for the screening, assessment and plan sections of the case page (templates/case_casework.html). */
void	web_casework_case(struct req *, struct tval *d, const struct case_full *);

#endif
