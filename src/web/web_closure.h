/*
 * web_closure.h — the HTML handlers of reviews, incidents, closure,
 * follow-up, reopening and transfer (web layer), named in
 * app/routes_closure.inc, and the closure section of the case page.
 */
#ifndef RRJETI_WEB_CLOSURE_H
#define RRJETI_WEB_CLOSURE_H

struct req;
struct tval;
struct case_full;

/* Fills d.cl for the review, closure, reopening and transfer section of
 * the case page (templates/case_closure.html), for a case the caller has
 * read. */
void	web_closure_case(struct req *, struct tval *d, const struct case_full *);

void	web_closure_review_form(struct req *);
void	web_closure_review(struct req *);
void	web_closure_incident(struct req *);
void	web_closure_close_form(struct req *);
void	web_closure_request(struct req *);
void	web_closure_approve(struct req *);
void	web_closure_return(struct req *);
void	web_closure_follow_up(struct req *);
void	web_closure_reopen(struct req *);
void	web_closure_transfer_form(struct req *);
void	web_closure_transfer(struct req *);
void	web_transfers(struct req *);
void	web_transfer_accept(struct req *);
void	web_transfer_decline(struct req *);

#endif
