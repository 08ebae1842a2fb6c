/*
 * web.h — the HTML handlers (web layer: thin adapters from validated input
 * to a service call to a template). Each is named in app/routes.c.
 */
#ifndef RRJETI_WEB_H
#define RRJETI_WEB_H

struct req;

void	web_login_form(struct req *);
void	web_login(struct req *);
void	web_login_invalid(struct req *);
void	web_logout(struct req *);
void	web_static(struct req *);
void	web_healthz(struct req *);
void	web_metrics(struct req *);
void	web_home(struct req *);
void	web_account(struct req *);
void	web_account_invalid(struct req *);
void	web_account_password(struct req *);
void	web_account_language(struct req *);
void	web_account_token_create(struct req *);
void	web_account_token_revoke(struct req *);
void	web_users(struct req *);
void	web_user_new(struct req *);
void	web_user_create(struct req *);
void	web_user_view(struct req *);
void	web_user_update(struct req *);
void	web_user_reset(struct req *);
void	web_agencies(struct req *);
void	web_agency_create(struct req *);
void	web_agency_view(struct req *);
void	web_agency_update(struct req *);
void	web_team_create(struct req *);
void	web_population(struct req *);
void	web_population_set(struct req *);
void	web_audit(struct req *);

/* Installs the HTML error page as the http layer's error renderer. */
void	web_init(void);

#endif
