/*
 * web_cases.h — the HTML handlers of cases (web layer), named in
 * app/routes_cases.inc.
 */
#ifndef RRJETI_WEB_CASES_H
#define RRJETI_WEB_CASES_H

#include <stdint.h>

struct req;

void	web_cases(struct req *);
void	web_cases_invalid(struct req *);
void	web_case_view(struct req *);
void	web_case_risk(struct req *);
void	web_case_risk_validate(struct req *);
void	web_case_assign(struct req *);
/* The text of a stale version's conflict: who changed the case, when and
 * what (arena). */
const char	*web_case_conflict(struct req *, int64_t case_id);

#endif
