/*
 * api_community.h — the JSON handlers of consent and of the community
 * advisory groups (api layer), named in app/routes_community.inc; see
 * docs/API.md, section "Consent and community advisory groups".
 */
#ifndef RRJETI_API_COMMUNITY_H
#define RRJETI_API_COMMUNITY_H

struct req;

void	api_consents(struct req *);
void	api_consent_record(struct req *);
void	api_consent_withdraw(struct req *);
void	api_consent_override(struct req *);
void	api_consent_overrides(struct req *);
void	api_cm_groups(struct req *);
void	api_cm_group_create(struct req *);
void	api_cm_group(struct req *);
void	api_cm_member_add(struct req *);
void	api_cm_member_remove(struct req *);
void	api_cm_alerts_mine(struct req *);
void	api_cm_alert_file(struct req *);
void	api_cm_initiatives(struct req *);
void	api_cm_initiative_add(struct req *);
void	api_cm_triage(struct req *);
void	api_cm_triage_get(struct req *);
void	api_cm_triage_admit(struct req *);
void	api_cm_triage_reject(struct req *);

#endif
