/*
 * api_grant.h — the JSON handlers of donors, grants, services delivered
 * and municipal action plans (api layer), named in app/routes_grant.inc.
 */
#ifndef RRJETI_API_GRANT_H
#define RRJETI_API_GRANT_H

struct req;

void	api_gr_donors(struct req *);
void	api_gr_donor_create(struct req *);
void	api_gr_grants(struct req *);
void	api_gr_grant_create(struct req *);
void	api_gr_grant(struct req *);
void	api_gr_status(struct req *);
void	api_gr_update(struct req *);
void	api_gr_report_date_add(struct req *);
void	api_gr_report_date_remove(struct req *);
void	api_gr_delivery_add(struct req *);
void	api_gr_beneficiary_add(struct req *);
void	api_gr_report_submit(struct req *);
void	api_ap_list(struct req *);
void	api_ap_create(struct req *);
void	api_ap_get(struct req *);
void	api_ap_progress_add(struct req *);

#endif
