/*
 * api_closure.h — the JSON handlers of reviews, incidents, closure,
 * follow-up, reopening and transfer (api layer), named in
 * app/routes_closure.inc; see docs/API.md, section "Reviews, closure,
 * reopening and transfer".
 */
#ifndef RRJETI_API_CLOSURE_H
#define RRJETI_API_CLOSURE_H

struct req;

void	api_closure_get(struct req *);
void	api_closure_review(struct req *);
void	api_closure_incident(struct req *);
void	api_closure_request(struct req *);
void	api_closure_approve(struct req *);
void	api_closure_return(struct req *);
void	api_closure_follow_up(struct req *);
void	api_closure_reopen(struct req *);
void	api_closure_transfer(struct req *);
void	api_transfers(struct req *);
void	api_transfer_accept(struct req *);
void	api_transfer_decline(struct req *);

#endif
