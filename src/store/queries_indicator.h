/*
 * queries_indicator.h — the query ids of the indicator domain (store layer): the indicators of DOMAIN.md §6, the workforce norm, their counters.
 * An X-macro list Q(id, must_touch); see queries_foundation.h. The SQL is
 * in sql_sqlite_indicator.inc.
 *
 * The case queries (Q_IND_NEW .. Q_IND_QUALITY) take the same 16
 * parameters (IND_P_* in svc/indicator.c): ?1 from, ?2 to (Unix seconds,
 * to exclusive), ?3 worker (0 all), ?4 agency (0 all), ?5 municipality
 * (always one: the service runs a query per municipality in scope, so the
 * index on (municipality_id, opened_at) serves every one), ?6 country,
 * ?7 admin unit, ?8 sex, ?9 age band, ?10 community, ?11 disability,
 * ?12 concern, ?13 risk ('none': not set), ?14 the dimension (enum
 * ind_dim), ?15 sector, ?16 provider (agency id); '' and 0 mean all. The
 * first result column is always the row key of the dimension.
 */
Q(Q_IND_NEW, 0)		/* -> key, opened, reopened, transferred in, from muni */
Q(Q_IND_OPEN, 0)	/* as at ?2 -> key, low, medium, high, none */
Q(Q_IND_CONTACT, 0)	/* opened in period, per case -> key, risk,
			 * contact secs|NULL, contact in time, assessment
			 * secs|NULL, assessment in time */
Q(Q_IND_CONF, 0)	/* medium/high opened in period, per case -> key,
			 * secs to first held meeting|NULL */
Q(Q_IND_PLAN, 0)	/* medium/high opened in period, per case -> key,
			 * secs to first approved plan|NULL, active plan now */
Q(Q_IND_MEASURES, 0)	/* decided in period -> key, type, count */
Q(Q_IND_PLACEMENTS, 0)	/* started in period -> key, placements, ended
			 * within 72 h, still placed past 72 h at ?2 */
Q(Q_IND_REFERRALS, 0)	/* sent in period, per referral -> key, status,
			 * days to service start|NULL */
Q(Q_IND_CLOSED, 0)	/* closed in period, per case -> key, reason,
			 * secs open, re-referred within 12 months */
Q(Q_IND_SOURCES, 0)	/* opened in period -> key, source, count, from muni */
Q(Q_IND_QUALITY, 0)	/* open now -> key, open, complete, no birth date,
			 * sex unknown, community unknown, disability
			 * unknown, no primary concern, no risk, overdue
			 * reviews */
/* Workers: ?1 from, ?2 to, ?3 worker, ?4 agency, ?5 municipality, ?6 dim,
 * ?7 idle only (1: the two counts are 0) -> key, open cases at ?2 (from
 * ind_worker_open of 0031 when none of the worker's cases opened or
 * closed at or after ?2), opened in period, worked in period (0 or 1), fte
 * permille; one row per active caseworker. */
Q(Q_IND_WORKERS, 0)

/* The workforce norm: ?1 country ('' all), ?2 municipality (0 all), ?3
 * year -> id, code, country, name_sq, name_sr, children|NULL, estimated,
 * children per worker, workers, fte permille, open cases (counters). */
Q(Q_WF_UNITS, 0)
Q(Q_WF_NORMS, 0)	/* -> country, children_per_worker, updated_at */
Q(Q_WF_NORM_SET, 1)	/* country, children_per_worker, by, now */
/* ?1 municipality -> user id, full_name, username, agency name, fte
 * permille (1000 when none), open cases */
Q(Q_WF_WORKERS, 0)
Q(Q_WF_WORKER_GET, 0)	/* user id -> role, active, municipality of agency */
Q(Q_WF_FTE_SET, 0)	/* user id, permille, by, now */

/* The counters (0017_indicator.sql): the dashboard's reads, ?1 country
 * ('' all), ?2 municipality (0 all), ?3 ?4 first and last month yyyy-mm. */
Q(Q_IND_DASH_OPEN, 0)	/* ?1 ?2 -> code, risk, n */
Q(Q_IND_DASH_NEW, 0)	/* -> month, n, reopened */
Q(Q_IND_DASH_SOURCES, 0)	/* -> source, n */
Q(Q_IND_DASH_CLOSED, 0)	/* -> reason, n, days */
/* Recount and compare: -> the number of counter rows that differ. */
Q(Q_IND_CNT_DIFF, 0)
Q(Q_IND_CNT_CLEAR_OPEN, 0)	/* empty one counter */
Q(Q_IND_CNT_CLEAR_NEW, 0)
Q(Q_IND_CNT_CLEAR_CLOSED, 0)
Q(Q_IND_CNT_FILL_OPEN, 0)
Q(Q_IND_CNT_FILL_NEW, 0)
Q(Q_IND_CNT_FILL_CLOSED, 0)
/* The same for the counters of 0026 and 0031 (the *_recount views). */
Q(Q_IND_CNT_DIFF2, 0)
Q(Q_IND_CNT_CLR_COHORT, 0)
Q(Q_IND_CNT_CLR_HIST, 0)
Q(Q_IND_CNT_CLR_QUALITY, 0)
Q(Q_IND_CNT_CLR_REVIEW, 0)
Q(Q_IND_CNT_CLR_MEASURE, 0)
Q(Q_IND_CNT_CLR_PLACEMENT, 0)
Q(Q_IND_CNT_CLR_REFERRAL, 0)
Q(Q_IND_CNT_CLR_REFDAYS, 0)
Q(Q_IND_CNT_CLR_RECEIVED, 0)
Q(Q_IND_CNT_FILL_COHORT, 0)
Q(Q_IND_CNT_FILL_HIST, 0)
Q(Q_IND_CNT_FILL_QUALITY, 0)
Q(Q_IND_CNT_FILL_REVIEW, 0)
Q(Q_IND_CNT_FILL_MEASURE, 0)
Q(Q_IND_CNT_FILL_PLACEMENT, 0)
Q(Q_IND_CNT_FILL_REFERRAL, 0)
Q(Q_IND_CNT_FILL_REFDAYS, 0)
Q(Q_IND_CNT_FILL_RECEIVED, 0)
Q(Q_IND_CNT_CLR_WORKER, 0)	/* 0031: open cases per worker */
Q(Q_IND_CNT_FILL_WORKER, 0)
Q(Q_IND_CNT_CLR_DIM, 0)		/* 0031: new cases by dimension */
Q(Q_IND_CNT_CLR_DIM_STATE, 0)
Q(Q_IND_CNT_CLR_DIM_CONCERN, 0)
Q(Q_IND_CNT_FILL_DIM_STATE, 0)
Q(Q_IND_CNT_FILL_DIM_CONCERN, 0)
Q(Q_IND_CNT_FILL_DIM, 0)	/* from the two above */
/* 0032: the other indicators by dimension (ind_open_dim, ind_review_dim,
 * ind_cohort_dim, ind_hist_dim, ind_closed_dim): each against its recount
 * view -> the rows that differ; each emptied and filled, what each case
 * last added (ind_dd_state from 0026's ind_case_state, filled before it;
 * ind_dd_concern) first. */
Q(Q_IND_CNT_DIFF3, 0)
Q(Q_IND_CNT_CLR_DD_STATE, 0)
Q(Q_IND_CNT_CLR_DD_CONCERN, 0)
Q(Q_IND_CNT_CLR_OPENDIM, 0)
Q(Q_IND_CNT_CLR_REVIEWDIM, 0)
Q(Q_IND_CNT_CLR_COHORTDIM, 0)
Q(Q_IND_CNT_CLR_HISTDIM, 0)
Q(Q_IND_CNT_CLR_CLOSEDDIM, 0)
Q(Q_IND_CNT_FILL_DD_STATE, 0)
Q(Q_IND_CNT_FILL_DD_CONCERN, 0)
Q(Q_IND_CNT_FILL_OPENDIM, 0)
Q(Q_IND_CNT_FILL_REVIEWDIM, 0)
Q(Q_IND_CNT_FILL_COHORTDIM, 0)
Q(Q_IND_CNT_FILL_HISTDIM, 0)
Q(Q_IND_CNT_FILL_CLOSEDDIM, 0)
Q(Q_IND_CNT_CLR_OPENMO, 0)	/* 0034: open cases now by month opened */
Q(Q_IND_CNT_FILL_OPENMO, 0)
Q(Q_IND_CNT_CLR_RCV_STATE, 0)	/* reports received by dimension */
Q(Q_IND_CNT_CLR_RCV_CONCERN, 0)
Q(Q_IND_CNT_CLR_RECEIVEDDIM, 0)
Q(Q_IND_CNT_FILL_RCV_STATE, 0)
Q(Q_IND_CNT_FILL_RCV_CONCERN, 0)
Q(Q_IND_CNT_FILL_RECEIVEDDIM, 0)
/* 0035: referrals sent by dimension (ind_ref_dim, ind_refdays_dim) against
 * their recount views -> the rows that differ; what each referral last
 * added (ind_rf_state, ind_rf_concern) and the counters emptied and
 * filled. */
Q(Q_IND_CNT_DIFF4, 0)
Q(Q_IND_CNT_CLR_RF_STATE, 0)
Q(Q_IND_CNT_CLR_RF_CONCERN, 0)
Q(Q_IND_CNT_CLR_REFDIM, 0)
Q(Q_IND_CNT_CLR_REFDAYSDIM, 0)
Q(Q_IND_CNT_FILL_RF_STATE, 0)
Q(Q_IND_CNT_FILL_RF_CONCERN, 0)
Q(Q_IND_CNT_FILL_REFDIM, 0)
Q(Q_IND_CNT_FILL_REFDAYSDIM, 0)
/* 0036: measures and placements by dimension (ind_measure_dim,
 * ind_placement_dim), as 0035's. */
Q(Q_IND_CNT_DIFF5, 0)
Q(Q_IND_CNT_CLR_PM_STATE, 0)
Q(Q_IND_CNT_CLR_PM_CONCERN, 0)
Q(Q_IND_CNT_CLR_MEASUREDIM, 0)
Q(Q_IND_CNT_CLR_EP_STATE, 0)
Q(Q_IND_CNT_CLR_EP_CONCERN, 0)
Q(Q_IND_CNT_CLR_PLACEDIM, 0)
Q(Q_IND_CNT_FILL_PM_STATE, 0)
Q(Q_IND_CNT_FILL_PM_CONCERN, 0)
Q(Q_IND_CNT_FILL_MEASUREDIM, 0)
Q(Q_IND_CNT_FILL_EP_STATE, 0)
Q(Q_IND_CNT_FILL_EP_CONCERN, 0)
Q(Q_IND_CNT_FILL_PLACEDIM, 0)
/* What each case last added (0026): emptied and filled again. */
Q(Q_IND_CNT_CLR_STATE, 0)
Q(Q_IND_CNT_CLR_SNAP_MEASURE, 0)
Q(Q_IND_CNT_CLR_SNAP_PLACEMENT, 0)
Q(Q_IND_CNT_CLR_SNAP_REFERRAL, 0)
Q(Q_IND_CNT_CLR_SNAP_REFDAYS, 0)
Q(Q_IND_CNT_FILL_STATE, 0)
Q(Q_IND_CNT_FILL_SNAP_MEASURE, 0)
Q(Q_IND_CNT_FILL_SNAP_PLACEMENT, 0)
Q(Q_IND_CNT_FILL_SNAP_REFERRAL, 0)
Q(Q_IND_CNT_FILL_SNAP_REFDAYS, 0)

/* Reads of the counters for one municipality ?1 and the months ?2..?3
 * (yyyy-mm); the first column is the month. */
Q(Q_IND_C_NEW, 0)		/* -> month, source, n, reopened, transferred in */
/* ?4 the dimension (enum ind_dim: 2, 4-10) -> the columns of Q_IND_C_NEW
 * and the key (0031) */
Q(Q_IND_C_NEWDIM, 0)
Q(Q_IND_C_COHORT, 0)	/* -> month, cases, contacted, contact in time,
			 * assessed, assessment in time, medium/high, met,
			 * planned, active plan */
Q(Q_IND_C_HIST, 0)		/* ?4 measure -> month, value, n */
Q(Q_IND_C_CLOSED, 0)	/* -> month, reason, n */
Q(Q_IND_C_MEASURE, 0)	/* -> month, type, n */
Q(Q_IND_C_PLACE, 0)	/* -> month, n, ended within 72 h */
Q(Q_IND_C_REF, 0)		/* -> month, agency id, agency type, status, n */
Q(Q_IND_C_REFDAYS, 0)	/* -> month, agency id, agency type, days, n */
Q(Q_IND_C_RECEIVED, 0)	/* -> month, referrer agency id (0 none), sector, n */
/* ?1 municipality -> open, complete, no birth, sex unknown, community
 * unknown, disability unknown, no concern, no risk */
Q(Q_IND_C_QUALITY, 0)
Q(Q_IND_C_REVIEW, 0)	/* ?1 municipality, ?2 instant -> reviews overdue */
/* By a dimension of the child or the case (0032), ?1 municipality and
 * (the dated ones) ?2 ?3 the months, ?4 the dimension (2, 4-10); the key
 * last. Open cases now (age band 5: keyed by the birth date, '' unknown):
 * -> key, open, low, medium, high, complete, no birth, sex unknown,
 * community unknown, disability unknown, no concern, no risk (?2 the
 * dimension). */
Q(Q_IND_C_OPENDIM, 0)
Q(Q_IND_C_OPEN, 0)		/* ?1 municipality -> risk ('' none), n (0017) */
/* ?1 municipality, ?2 dimension, ?3 month -> key, the open cases now
 * opened in that UTC month or after: low, medium, high, no risk (0034) */
Q(Q_IND_C_OPENMO, 0)
/* ?1 municipality, ?2 instant, ?3 dimension -> key, reviews overdue */
Q(Q_IND_C_REVIEWDIM, 0)
Q(Q_IND_C_COHORTDIM, 0)	/* -> the columns of Q_IND_C_COHORT, key */
Q(Q_IND_C_HISTDIM, 0)	/* ?5 measure -> month, value, n, key */
Q(Q_IND_C_CLOSEDDIM, 0)	/* -> month, reason, n, key */
/* -> the columns of Q_IND_C_RECEIVED (agency 0, sector ''), key */
Q(Q_IND_C_RECEIVEDDIM, 0)
/* -> the columns of Q_IND_C_REF and Q_IND_C_REFDAYS (agency 0, type ''),
 * key (0035) */
Q(Q_IND_C_REFDIM, 0)
Q(Q_IND_C_REFDAYSDIM, 0)
/* -> the columns of Q_IND_C_MEASURE and Q_IND_C_PLACE, key (0036) */
Q(Q_IND_C_MEASUREDIM, 0)
Q(Q_IND_C_PLACEDIM, 0)
/* ?1 municipality, ?2 ?3 instants -> 1 when a case of the municipality
 * opened or closed, a referral of its cases was sent, a report received
 * or a placement started in [?2, ?3), else 0: the rows of a month's
 * counter dated after the end of a period (none: the counter of the
 * period's last month counts the period's days of it). */
Q(Q_IND_C_AFTER, 0)
/* ?1 from, ?2 to, ?3 municipality -> month started, placements started
 * in the period and still running past their 72 hours at ?2 */
Q(Q_IND_PLACE_OVER, 0)
/* The same, ?4 a dimension (0036: 2, 4-10) -> month, n, key */
Q(Q_IND_PLACE_OVERDIM, 0)
/* Reports received (indicator 9) with the 16 parameters of the case
 * queries (the child and case filters through the report's case) -> key,
 * count. */
Q(Q_IND_RECEIVED, 0)
/* Open cases at ?2 less open cases now (ind_open), with the 16
 * parameters of the case queries and the columns of Q_IND_OPEN (signed):
 * over the cases opened before ?1 (those opened from ?1 on, a UTC month's
 * start, are read from ind_open_mo) that opened or closed at or after ?2,
 * the transferred ones and those whose status and closed_at disagree
 * (0033); by age band keyed by the birth date ('' unknown); a last
 * column as the *_S queries' below. */
Q(Q_IND_OPEN_DELTA, 0)
/* Q_IND_OPEN over the cases opened from ?1 on, the same last column. */
Q(Q_IND_OPEN_SINCE, 0)
/* Q_IND_CONTACT, Q_IND_CONF, Q_IND_PLAN, Q_IND_NEW, Q_IND_SOURCES and
 * Q_IND_RECEIVED, the same parameters and columns and a last one (1 on a
 * row to add to the totals when the rows are by concern: the case's or
 * report's first concern), from what each case or report last added to
 * the counters (0031's ind_dim_state, 0032's ind_dd_state and
 * ind_rcv_state, exact) instead of its deadlines, meetings, plans and
 * child: the days of a period outside its whole months counted by
 * counters_run() (svc/indicator.c). */
Q(Q_IND_CONTACT_S, 0)
Q(Q_IND_CONF_S, 0)
Q(Q_IND_PLAN_S, 0)
Q(Q_IND_NEW_S, 0)
Q(Q_IND_SOURCES_S, 0)
Q(Q_IND_RECEIVED_S, 0)
/* Q_IND_REFERRALS, the same, from what each referral last added (0035's
 * ind_rf_state, ind_rf_concern). */
Q(Q_IND_REFERRALS_S, 0)
/* Q_IND_MEASURES and Q_IND_PLACEMENTS, the same, from what each measure
 * and placement last added (0036's ind_pm_state, ind_ep_state). */
Q(Q_IND_MEASURES_S, 0)
Q(Q_IND_PLACEMENTS_S, 0)
