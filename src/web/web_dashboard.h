/*
 * web_dashboard.h — the dashboards (web layer): one page per role's scope
 * with server-side SVG charts of the indicators, and the export of one
 * indicator; named in app/routes_report.inc.
 */
#ifndef RRJETI_WEB_DASHBOARD_H
#define RRJETI_WEB_DASHBOARD_H

struct req;

void	web_dashboard(struct req *);
void	web_dashboard_export(struct req *);

#endif
