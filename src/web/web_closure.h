/*
 * web_closure.h — the HTML handlers of reviews, closure, reopening and transfer (web layer), named in
 * app/routes_closure.inc, and the review, closure, reopening and transfer sections of the case page.
 */
#ifndef RRJETI_WEB_CLOSURE_H
#define RRJETI_WEB_CLOSURE_H

struct req;
struct tval;
struct case_full;

/* Fills d for the review, closure, reopening and transfer sections of the case page (templates/case_closure.html). */
void	web_closure_case(struct req *, struct tval *d, const struct case_full *);

#endif
