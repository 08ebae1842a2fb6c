/*
 * api_cases.h — the JSON handlers of cases under /api/v1/cases (api layer),
 * named in app/routes_cases.inc; see docs/API.md, section "Cases".
 */
#ifndef RRJETI_API_CASES_H
#define RRJETI_API_CASES_H

#include <stdint.h>

#include "../svc/svc.h"

struct req;

void	api_cases(struct req *);
void	api_case_get(struct req *);
void	api_case_risk(struct req *);
void	api_case_risk_validate(struct req *);
void	api_case_assign(struct req *);
/* The 409 answer of a stale case version, with who changed what since. */
void	api_case_conflict(struct req *, int64_t case_id);
/* A case write's answer: the conflict, the error, or show(r, status, id). */
void	api_case_answer(struct req *, enum svc_rc, int64_t case_id, int status,
	    void (*show)(struct req *, int, int64_t));

#endif
