/*
 * indicator.h — the 13 indicators of DOMAIN.md §6 (svc layer): by period,
 * by one dimension and under filters, each with its definition; counted
 * inside the actor's scope and, for those who may not read cases,
 * aggregates with small cells suppressed.
 *
 * The contract with the exports, charts and dashboards: indicator_run()
 * fills a struct rt_table (rtable.h) in s->a; whatever shows the figures
 * reads the cells as they are (a suppressed cell is never to be
 * recomputed or shown). Row 0..nrows-2 are the values of the dimension in
 * a stable order (rt_table.rowkeys holds their codes: a municipality
 * code such as "XK09", a sex "f", a month "2026-03"; for the tile map);
 * the last row is the total (has_total) when the indicator has one.
 *
 * Scope (PERM_INDICATORS_READ): a caseworker counts their own cases, a
 * supervisor their unit (agency), a municipal administrator their
 * municipality, a central analyst their country (all when the actor has
 * no country). A filter outside that scope (a municipality of another
 * country or another municipality) is SVC_NOTFOUND. Municipal
 * administrators and central analysts see aggregates with cells of 1..4
 * suppressed, and complementary cells suppressed so that no suppressed
 * value can be recovered from totals; caseworkers and supervisors, who
 * may read the cases anyway, see every cell.
 */
#ifndef RRJETI_INDICATOR_H
#define RRJETI_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

#include "rtable.h"
#include "svc.h"

/* DOMAIN.md §6, in its order; the code is the URL name. */
enum ind_code {
	IND_NEW_CASES = 1,	/* "new_cases" */
	IND_OPEN_BY_RISK,	/* "open_by_risk" */
	IND_WORKFORCE,		/* "workforce": children per full-time worker */
	IND_CASELOAD,		/* "caseload" */
	IND_TIME_TO_CONTACT,	/* "time_to_contact": first contact, assessment */
	IND_CONFERENCE,		/* "conference" */
	IND_PLAN,		/* "plan" */
	IND_MEASURES,		/* "measures": protection measures, emergency */
	IND_REFERRALS,		/* "referrals" */
	IND_CLOSURES,		/* "closures" */
	IND_SOURCES,		/* "sources": referral sources */
	IND_IDLE_WORKERS,	/* "idle_workers": workers with no case */
	IND_DATA_QUALITY,	/* "data_quality" */
	IND__MAX
};

/* What the rows are. The URL name is in quotes. */
enum ind_dim {
	DIM_NONE = 0,		/* "" or "none": one row, the total */
	DIM_MUNICIPALITY,	/* "municipality" */
	DIM_ADMIN_UNIT,		/* "admin_unit": the child's administrative unit */
	DIM_COUNTRY,		/* "country" */
	DIM_SEX,		/* "sex" */
	DIM_AGE_BAND,		/* "age_band": 0-5, 6-11, 12-14, 15-17, unknown
				 * (age when the case was opened) */
	DIM_COMMUNITY,		/* "community" */
	DIM_DISABILITY,		/* "disability" */
	DIM_CONCERN,		/* "concern": a case with several concerns is
				 * counted once under each; the total counts
				 * it once */
	DIM_RISK,		/* "risk": the current risk level */
	DIM_SECTOR,		/* "sector": the referrer's (case source);
				 * referrals: the receiving agency's type
				 * (sent) and the referrer's (received) */
	DIM_PROVIDER,		/* "provider": referrals only */
	DIM_MONTH,		/* "month": yyyy-mm of the period (for lines) */
	DIM__MAX
};

/* One indicator: its names and which dimensions it may be shown by. */
struct ind_def {
	enum ind_code	 code;
	const char	*name;		/* URL name, "new_cases" */
	const char	*title_key;	/* message keys: "ind.new_cases.title" */
	const char	*def_key;	/* "ind.new_cases.def": the definition */
	unsigned	 dims;		/* bit (1u << DIM_x) for each allowed
					 * dimension; DIM_NONE always */
};

/* NULL when unknown. */
const struct ind_def	*indicator_def(enum ind_code);
const struct ind_def	*indicator_by_name(const char *);
/* DIM__MAX when unknown; "" and NULL are DIM_NONE. */
enum ind_dim		 ind_dim_by_name(const char *);
const char		*ind_dim_name(enum ind_dim);
/* Message key of a dimension's label: "ind.dim.sex". */
const char		*ind_dim_key(enum ind_dim);
/* The fixed values of a coded dimension in the order rows are shown (sex,
 * age band, community, disability, risk; sector: the referrer types),
 * NULL-terminated; NULL for the others. */
const char *const	*ind_dim_values(enum ind_dim);

/*
 * A request. Filters: 0 / NULL / "" means all. Dates are yyyy-mm-dd (or
 * dd.mm.yyyy), both days included, local days (Europe/Belgrade, as
 * clock.h); months of DIM_MONTH are UTC months. Absent `to`: today;
 * absent `from`: 1 January of the year of `to`. IND_OPEN_BY_RISK is as at
 * the end of `to`, IND_DATA_QUALITY as now, IND_WORKFORCE for the year of
 * `to` (its child population).
 */
struct ind_query {
	enum ind_code	 code;
	const char	*from;
	const char	*to;
	enum ind_dim	 by;
	int64_t		 municipality_id;
	const char	*admin_unit;
	const char	*country;	/* "XK", "AL" */
	const char	*sex;		/* f, m, u */
	const char	*age_band;	/* "0-5", "6-11", "12-14", "15-17", "unknown" */
	const char	*community;
	const char	*disability;	/* none, yes, unknown */
	const char	*concern;	/* a concern code */
	const char	*risk;		/* low, medium, high, none */
	const char	*sector;
	int64_t		 provider_id;
};

/*
 * Fills *q from request text: code, from, to, by and the filters by their
 * URL names (NULL for absent). Bad input is SVC_INVALID with err.field
 * naming the field ("code", "from", "to", "by", "municipality", ...):
 * an unknown indicator or dimension, a dimension the indicator is not
 * shown by, a bad date, a period ending before it starts.
 */
struct ind_params {
	const char	*code, *from, *to, *by;
	const char	*municipality;	/* id or code ("XK09") */
	const char	*admin_unit, *country, *sex, *age_band, *community;
	const char	*disability, *concern, *risk, *sector, *provider;
};
enum svc_rc	 indicator_parse(struct svc *, const struct ind_params *,
		    struct ind_query *);

/*
 * Runs one indicator inside the actor's scope (PERM_INDICATORS_READ) into
 * *out (s->a). Whole municipalities with no filter on the child or the
 * case, rows by nothing, municipality, country or month (referrals: also
 * sector, provider; new cases and sources: also admin unit, sex, age band,
 * community, disability, concern, risk, sector, from ind_new_dim of
 * 0031_indicator_speed.sql; time to contact, conferences, plans, closures,
 * data quality and reports received: by those too, from the counters by
 * dimension of 0032_indicator_dims.sql): the whole months of the period
 * from the counters of 0026_indicator_counters.sql, and the month holding
 * the end of the period too when nothing of the municipality is dated in
 * it after the end (a period up to today), the other days counted live
 * (referrals sent by those dimensions: counted live); the rest counted
 * live. Open cases by risk up to today by country or those dimensions:
 * from 0017's and 0032's counters of the open cases. Caseload's open cases at the end: from the open cases per
 * worker (0031) when none of the worker's cases opened or closed after
 * it. The same figures either way (a unit test compares). SVC_DENIED without the permission; SVC_NOTFOUND for a
 * municipality outside the scope (audited); SVC_INVALID for bad input.
 * out->title, definition and note (period, scope, "cells under 5
 * suppressed" when so) are translated into the actor's language.
 */
enum svc_rc	 indicator_run(struct svc *, const struct ind_query *,
		    struct rt_table *out);

/*
 * The national (or municipal, by scope) dashboard: the headline table of
 * each indicator for the period, *n tables in *out (s->a), in the order of
 * enum ind_code. Served from the counters (0017_indicator.sql and
 * 0026_indicator_counters.sql) for the whole months of the period, where a
 * full count would be slow; within 200 ms over 1,000,000 children.
 */
enum svc_rc	 indicator_dashboard(struct svc *, const char *from,
		    const char *to, struct rt_table **out, size_t *n);

/*
 * Small-cell suppression, exposed for tests and for other aggregate
 * tables (beneficiary reports): every count cell of 1..4 is suppressed,
 * then complementary cells until no sum relation (a column's rows and its
 * total row; a row's parts and its row total) has exactly one suppressed
 * member. count_cols[c]: 0 not a count; 1 a count adding up down the
 * rows; 2 the same and also a part of its row's total; 3 that row total.
 * base_col[c] (for count_cols[c] == 0): the column a rate, median or
 * ratio rests on, -1 none; it is hidden when its base is hidden or 1..4.
 * Shown as "<5" (counts) or "x" (the others).
 */
void		 ind_suppress(struct rt_table *, const int *count_cols,
		    const int *base_col);

/*
 * Counters: rebuilds the precomputed counts from the records (`rrjeti
 * indicators rebuild`); indicator_counters_check() recounts and compares,
 * SVC_OK when they are exact.
 */
enum svc_rc	 indicator_counters_rebuild(struct svc *);
enum svc_rc	 indicator_counters_check(struct svc *);
/* The queries (queries_indicator.h) that refill the counters by dimension
 * of 0032 and 0034, in order, after 0026's ind_case_state is filled: for the
 * rebuild and for the demo's load. */
#define IND_REBUILD_0032 \
	Q_IND_CNT_CLR_DD_STATE, Q_IND_CNT_CLR_DD_CONCERN, \
	Q_IND_CNT_FILL_DD_STATE, Q_IND_CNT_FILL_DD_CONCERN, \
	Q_IND_CNT_CLR_OPENDIM, Q_IND_CNT_FILL_OPENDIM, \
	Q_IND_CNT_CLR_REVIEWDIM, Q_IND_CNT_FILL_REVIEWDIM, \
	Q_IND_CNT_CLR_COHORTDIM, Q_IND_CNT_FILL_COHORTDIM, \
	Q_IND_CNT_CLR_HISTDIM, Q_IND_CNT_FILL_HISTDIM, \
	Q_IND_CNT_CLR_CLOSEDDIM, Q_IND_CNT_FILL_CLOSEDDIM, \
	Q_IND_CNT_CLR_OPENMO, Q_IND_CNT_FILL_OPENMO, \
	Q_IND_CNT_CLR_RCV_STATE, Q_IND_CNT_CLR_RCV_CONCERN, \
	Q_IND_CNT_FILL_RCV_STATE, Q_IND_CNT_FILL_RCV_CONCERN, \
	Q_IND_CNT_CLR_RECEIVEDDIM, Q_IND_CNT_FILL_RECEIVEDDIM
/* 0035's: what each referral last added, then its counters by dimension. */
#define IND_REBUILD_0035 \
	Q_IND_CNT_CLR_RF_STATE, Q_IND_CNT_CLR_RF_CONCERN, \
	Q_IND_CNT_FILL_RF_STATE, Q_IND_CNT_FILL_RF_CONCERN, \
	Q_IND_CNT_CLR_REFDIM, Q_IND_CNT_FILL_REFDIM, \
	Q_IND_CNT_CLR_REFDAYSDIM, Q_IND_CNT_FILL_REFDAYSDIM
/* 0036's: what each measure and placement last added, then their counters
 * by dimension. */
#define IND_REBUILD_0036 \
	Q_IND_CNT_CLR_PM_STATE, Q_IND_CNT_CLR_PM_CONCERN, \
	Q_IND_CNT_FILL_PM_STATE, Q_IND_CNT_FILL_PM_CONCERN, \
	Q_IND_CNT_CLR_MEASUREDIM, Q_IND_CNT_FILL_MEASUREDIM, \
	Q_IND_CNT_CLR_EP_STATE, Q_IND_CNT_CLR_EP_CONCERN, \
	Q_IND_CNT_FILL_EP_STATE, Q_IND_CNT_FILL_EP_CONCERN, \
	Q_IND_CNT_CLR_PLACEDIM, Q_IND_CNT_FILL_PLACEDIM

#endif
