/*
 * web_community.h — the HTML handlers of consent and of the community
 * advisory groups (web layer), named in app/routes_community.inc, and the
 * consent section of the case page.
 */
#ifndef RRJETI_WEB_COMMUNITY_H
#define RRJETI_WEB_COMMUNITY_H

struct req;
struct tval;
struct case_full;

/* Fills d.cn for the consent section of the case page
 * (templates/case_consent.html), for a case the caller has read. */
void	web_consent_case(struct req *, struct tval *d, const struct case_full *);

void	web_consent_form(struct req *);
void	web_consent_record(struct req *);
void	web_consent_withdraw(struct req *);
void	web_consent_override_form(struct req *);
void	web_consent_override(struct req *);
void	web_consent_overrides(struct req *);

void	web_cm_groups(struct req *);
void	web_cm_group_create(struct req *);
void	web_cm_group(struct req *);
void	web_cm_member_add(struct req *);
void	web_cm_member_remove(struct req *);
void	web_cm_home(struct req *);
void	web_cm_alert_form(struct req *);
void	web_cm_alert_file(struct req *);
void	web_cm_initiative_form(struct req *);
void	web_cm_initiative_add(struct req *);
void	web_cm_triage(struct req *);
void	web_cm_triage_view(struct req *);
void	web_cm_triage_admit(struct req *);
void	web_cm_triage_reject(struct req *);

#endif
