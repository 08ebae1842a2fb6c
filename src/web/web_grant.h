/*
 * web_grant.h — the HTML handlers of donors, grants and the services
 * grantees deliver (web layer), named in app/routes_grant.inc.
 */
#ifndef RRJETI_WEB_GRANT_H
#define RRJETI_WEB_GRANT_H

#include <stdint.h>

#include "../svc/svc.h"

struct req;

void	web_gr_donors(struct req *);
void	web_gr_donor_create(struct req *);
void	web_gr_donor(struct req *);
void	web_gr_grants(struct req *);
void	web_gr_grant_create(struct req *);
void	web_gr_grant(struct req *);
void	web_gr_report_date_add(struct req *);
void	web_gr_status(struct req *);
void	web_gr_update(struct req *);
void	web_gr_report_date_remove(struct req *);
void	web_donor_home(struct req *);
void	web_donor_grant(struct req *);
void	web_donor_project(struct req *);
void	web_gr_mine(struct req *);
void	web_gr_mine_grant(struct req *);
void	web_gr_beneficiary_add(struct req *);
void	web_gr_delivery_add(struct req *);
void	web_gr_report_submit(struct req *);

/* "2.700.000,00 €" (English "2,700,000.00 €") of cents, in the arena;
 * shared with web/action_plan.c for values in hundredths (no sign). */
const char	*web_gr_money(struct req *, int64_t cents, int euro);

/* The donors as options ("choose" first), cur selected: the grant form
 * and, for the sysadmin, the new user form (a donor user's donor). */
struct tval;
struct tval	*web_gr_donor_options(struct req *, int64_t cur);

/* Shared with web/action_plan.c: the posted value of a field ("" on the
 * first showing of a form); after a write, the form again (again) with the
 * error (400/409), the failure page, or a redirect to to with a flash. */
const char	*web_gr_posted(struct req *, const char *name);
void		 web_gr_after(struct req *, enum svc_rc,
		    void (*again)(struct req *), const char *to,
		    const char *flash);

#endif
