/*
 * api_work.h — the JSON handlers of deadlines (api layer), named in
 * app/routes_deadlines.inc; see docs/API.md, "Deadlines and my work".
 */
#ifndef RRJETI_API_WORK_H
#define RRJETI_API_WORK_H

struct req;

void	api_work(struct req *);
void	api_case_contact(struct req *);

#endif
