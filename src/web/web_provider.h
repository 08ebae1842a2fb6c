/*
 * web_provider.h — the HTML handlers of the provider registry (web layer),
 * named in app/routes_provider.inc: the providers and their profiles,
 * licences, inspections against the minimum standards, and the standards.
 */
#ifndef RRJETI_WEB_PROVIDER_H
#define RRJETI_WEB_PROVIDER_H

struct req;

#define PV_MUNI_FIELDS		8	/* municipality_1 .. municipality_8 */
#define PV_RATING_FIELDS	28	/* r1/n1 .. r28/n28 */

void	web_providers(struct req *);
void	web_provider_view(struct req *);
void	web_provider_edit(struct req *);
void	web_provider_profile(struct req *);
void	web_licence_form(struct req *);
void	web_licence_add(struct req *);
void	web_licence_status(struct req *);
void	web_inspection_create(struct req *);
void	web_inspection_view(struct req *);
void	web_inspection_save(struct req *);
void	web_inspection_action_add(struct req *);
void	web_inspection_action_done(struct req *);
void	web_standards(struct req *);
void	web_standard_add(struct req *);
void	web_standard_update(struct req *);
void	web_standard_delete(struct req *);

#endif
