/*
 * api_protect.h — the JSON API of protection measures, emergency
 * placements (/api/v1/cases/{id}/measures, .../placements) and systematic
 * visits (/api/v1/visits) (api layer), named in app/routes_protect.inc.
 * See docs/API.md.
 */
#ifndef RRJETI_API_PROTECT_H
#define RRJETI_API_PROTECT_H

struct req;

void	api_protect_get(struct req *);
void	api_protect_measure_add(struct req *);
void	api_protect_measure_update(struct req *);
void	api_protect_measure_end(struct req *);
void	api_protect_placement_start(struct req *);
void	api_protect_placement_end(struct req *);
void	api_visit_list(struct req *);
void	api_visit_create(struct req *);
void	api_visit_view(struct req *);
void	api_visit_done(struct req *);
void	api_visit_cancel(struct req *);
void	api_visit_identify(struct req *);

#endif
