/*
 * api_intake.h — the JSON handlers of intake and children (api layer),
 * named in app/routes_intake.inc; see docs/API.md "Children and intake".
 */
#ifndef RRJETI_API_INTAKE_H
#define RRJETI_API_INTAKE_H

struct req;

void	api_report_create(struct req *);
void	api_reports(struct req *);
void	api_report_get(struct req *);
void	api_report_not_admitted(struct req *);
void	api_report_register(struct req *);
void	api_child_match(struct req *);

#endif
