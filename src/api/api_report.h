/*
 * api_report.h — the JSON handlers of the reports (api layer): the donor
 * projects and a project's beneficiary report, named in
 * app/routes_report.inc.
 */
#ifndef RRJETI_API_REPORT_H
#define RRJETI_API_REPORT_H

struct req;
struct jw;
struct rt_table;

void	api_rp_projects(struct req *);
void	api_rp_beneficiaries(struct req *);

/* A report table as JSON: { title, definition, note, columns: [{ name,
 * kind }], rows: [[cell, ...]], total } where a cell is a number (cents for
 * money, permille for shares), text, null (no value) or "<5" (suppressed). */
void	api_rt_table(struct jw *, const struct rt_table *);

#endif
