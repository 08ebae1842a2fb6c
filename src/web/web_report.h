/*
 * web_report.h — the report pages (web layer): donor projects and their
 * beneficiary reports, the exports of reports and lists, named in
 * app/routes_report.inc; and the helpers the dashboards share.
 */
#ifndef RRJETI_WEB_REPORT_H
#define RRJETI_WEB_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../doc/export.h"

/* Rows of one list export (web/export.c, the lists here): beyond it the
 * export is refused (413), not cut. */
#define LIST_EXPORT_MAX	100000

struct avec;
struct req;
struct tval;
struct rt_table;

void	web_rp_projects(struct req *);
void	web_rp_projects_invalid(struct req *);
void	web_rp_project_create(struct req *);
void	web_rp_project(struct req *);
void	web_rp_project_invalid(struct req *);
void	web_rp_target_set(struct req *);
void	web_rp_grant_link(struct req *);
void	web_rp_programme_link(struct req *);
void	web_rp_project_export(struct req *);
void	web_rp_cases_export_form(struct req *);
void	web_rp_cases_export(struct req *);
void	web_rp_cases_export_invalid(struct req *);
/* The lists of other domains (their list services, the page's filters). */
void	web_rp_providers_export(struct req *);

/*
 * A report table as template data: { title, definition, note, cols: [{
 * name, num }], rows: [{ total, cells: [{ text, num, suppressed }] }],
 * chart } where chart is the SVG bars of column chart_col (0: none), for
 * {{raw}}. Cells read through export_cell_text(), as every export does.
 */
struct tval	*web_rt_tval(struct req *, const struct rt_table *,
		    size_t chart_col);
/*
 * Answers with t as a file of format fmt ("csv", "xlsx", "pdf") named
 * base.EXT, after the export's audit row (what, object id). A table
 * with personal data is refused here (it goes through the zip only).
 */
void		web_rt_export(struct req *, const struct rt_table *,
		    const char *fmt, const char *base, const char *what,
		    int64_t object_id, size_t chart_col);

/*
 * Answers with t (personal: the case list, web/export.c's personal lists)
 * in format fmt inside a zip encrypted with password, named
 * WHAT-AGENCY.EXT.zip ("rasti-AGENCY" for the cases), after the audit row
 * (what, rows, personal=1). EXPORT_WEAKPW: nothing answered, the caller
 * shows its form with the password's error; any other return has answered
 * (EXPORT_OK the file, else an error page). The caller checks
 * PERM_EXPORT_PERSONAL.
 */
enum export_rc	web_rt_export_zip(struct req *, const struct rt_table *,
		    const char *fmt, const char *what, const char *password);
/*
 * t as a table of ncols columns headed by the message keys cols, of kinds,
 * the rows v holds (ncols cells each), titled title_key; t->colnames NULL
 * when the arena is full.
 */
void		list_table(struct req *, struct rt_table *t,
		    const char *title_key, const char *const *cols,
		    const enum rt_kind *kinds, size_t ncols, struct avec *v);

#endif
