/*
 * report.h — donor projects and their beneficiary reports, the periodic
 * reports and the audit of exports (svc layer; issue 6, DOMAIN.md §5, §6).
 *
 * A project (e.g. "Safe Network for Child Protection – Phase III") has a
 * country, a period, targets, and the grants and training programmes it
 * reports on. Its beneficiary report counts, inside the period:
 *   - unique children served under its grants, by category: a child in
 *     two categories counts once in each category and once in the total;
 *   - unique professionals trained (attended, fully or partly, a held
 *     session of its programmes), by profile;
 *   - per grant: the organisation, the amount and the people served;
 * each against the project's targets. The figures are aggregates over
 * pseudonymous records: every count of 1..4 is suppressed ("<5"), with a
 * complementary cell where a column adds up to its total, and a share
 * whose base is suppressed is suppressed too.
 *
 * Permissions: reading needs PERM_INDICATORS_READ and the project's
 * country (an actor with a country sees only its projects; another
 * country's project is SVC_NOTFOUND, audited), or PERM_DONOR_READ and the
 * project being the donor's or linked to one of its grants
 * (grant_donor_sees_project(); any other is SVC_NOTFOUND, audited). Creating projects, setting
 * targets and linking grants and programmes needs PERM_GRANTS_WRITE.
 */
#ifndef RRJETI_REPORT_H
#define RRJETI_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "rtable.h"
#include "svc.h"

#define REPORT_NAME_MAX		160
#define REPORT_TARGET_MAX	100000000000LL	/* a target (cents for money) */

/* Checklist: the kind CHECK of project_target (0018_report.sql), the
 * rpt.target.* labels in po/, routes_report_fields.inc. */
extern const char *const report_target_kinds[];	/* children, child_category,
						 * professionals, profile,
						 * organisations, amount */
extern const char *const report_kinds[];	/* monthly, quarterly */

struct project_new {
	const char	*country;	/* XK, AL */
	const char	*name;
	const char	*donor;		/* a donor id, or ""/NULL */
	const char	*start, *end;	/* dd.mm.yyyy or yyyy-mm-dd */
};

struct project_info {
	int64_t		 id;
	const char	*country, *name;
	int64_t		 donor_id;	/* 0: none */
	const char	*donor;
	const char	*start, *end;	/* yyyy-mm-dd */
	int64_t		 version;
	int64_t		 ngrants, nprogrammes;
};

enum svc_rc	report_project_create(struct svc *, const struct project_new *,
		    int64_t *id);
/* The projects the actor may read (PERM_INDICATORS_READ or
 * PERM_GRANTS_WRITE), newest first. */
enum svc_rc	report_projects(struct svc *, struct project_info **, size_t *n);
enum svc_rc	report_project_get(struct svc *, int64_t id,
		    struct project_info **);

/*
 * Sets a target (kind one of report_target_kinds; key a child category for
 * child_category, a profile for profile, "" otherwise; target a whole
 * number, in euros with up to two decimals for amount).
 */
enum svc_rc	report_target_set(struct svc *, int64_t project,
		    const char *kind, const char *key, const char *target);
/* Links a grant / a training programme (SVC_CONFLICT when linked). */
enum svc_rc	report_grant_link(struct svc *, int64_t project, int64_t grant);
enum svc_rc	report_programme_link(struct svc *, int64_t project,
		    int64_t programme);

/* The beneficiary report, three tables in the actor's language. */
struct report_benef {
	struct project_info	*p;
	struct rt_table		 children;	/* category | children | target | % */
	struct rt_table		 professionals;	/* profile | trained | target | % */
	struct rt_table		 grants;	/* organisation | grant | amount |
						 * people | children */
	/* The headline figures as shown (suppressed: shown as "<5"). */
	const char		*summary;	/* one translated paragraph */
};
enum svc_rc	report_beneficiaries(struct svc *, int64_t project,
		    struct report_benef **);

/*
 * Small-cell suppression of the report tables: every RT_INT cell of
 * 1..4 in the columns marked in count_cols (ncols entries); when
 * sums is 1 the columns add up to the total row, and a column with exactly
 * one suppressed cell gets its smallest other non-zero cell suppressed
 * too. A RT_PERMILLE cell in a row whose count is suppressed is
 * suppressed. Exposed for tests.
 */
void		report_suppress(struct rt_table *, const int *count_cols,
		    int sums);

/*
 * Writes the audit row of an export (action "export.FORMAT", object the
 * report, detail: what, rows, personal=0/1). An export with personal data
 * needs PERM_EXPORT_PERSONAL: SVC_DENIED (audited as export.denied)
 * without it.
 */
enum svc_rc	report_export_audit(struct svc *, const char *what,
		    int64_t object_id, const char *format, int personal,
		    size_t rows);

/* ------------------------------------------------ periodic reports */

/* A period: "yyyy-mm" (monthly) or "yyyy-Qn" (quarterly) to its first and
 * last day (yyyy-mm-dd, in a). -1 when malformed. */
int		report_period_days(struct arena *, const char *kind,
		    const char *period, const char **from, const char **to);
/* The last complete period before the day today (yyyy-mm-dd). */
const char	*report_period_last(struct arena *, const char *kind,
		    const char *today);

struct report_sched {
	int64_t		 id;
	const char	*kind, *country;
	int64_t		 municipality_id;	/* 0: every municipality */
	const char	*municipality;		/* code or "" */
	const char	*format, *last_period;
	int		 active;
};
enum svc_rc	report_schedule_add(struct svc *, const char *kind,
		    const char *country, const char *municipality_code,
		    const char *format, int64_t *id);
enum svc_rc	report_schedules(struct svc *, struct report_sched **,
		    size_t *n);
/* Records a produced report (and, schedule > 0, moves its last period). */
enum svc_rc	report_run_record(struct svc *, int64_t schedule,
		    const char *kind, const char *period,
		    int64_t municipality_id, const char *format,
		    const char *path, size_t rows, size_t bytes);

struct report_muni {
	int64_t		 id;
	const char	*code, *name;
};
/* The municipalities of country, by code. */
enum svc_rc	report_municipalities(struct svc *, const char *country,
		    struct report_muni **, size_t *n);
/* One municipality by code (SVC_INVALID field "municipality" when none). */
enum svc_rc	report_municipality(struct svc *, const char *code,
		    struct report_muni *, const char **country);

#endif
