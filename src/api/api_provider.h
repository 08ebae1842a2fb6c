/*
 * api_provider.h — the JSON API of the provider registry (api layer),
 * named in app/routes_provider.inc: /api/v1/providers, /api/v1/licences,
 * /api/v1/licensed, /api/v1/inspections and /api/v1/standards. See
 * docs/API.md "Provider registry".
 */
#ifndef RRJETI_API_PROVIDER_H
#define RRJETI_API_PROVIDER_H

struct req;

void	api_providers(struct req *);
void	api_provider(struct req *);
void	api_provider_profile(struct req *);
void	api_licence_add(struct req *);
void	api_licence_status(struct req *);
void	api_licensed(struct req *);
void	api_inspection_create(struct req *);
void	api_inspection(struct req *);
void	api_inspection_rate(struct req *);
void	api_inspection_complete(struct req *);
void	api_inspection_action_add(struct req *);
void	api_standards(struct req *);

#endif
