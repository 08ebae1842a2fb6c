/*
 * workforce.h — the workforce norm (svc layer, DOMAIN.md §1, §6 3):
 * full-time-equivalent child protection workers per municipality against
 * the country profile's ratio (1:3,000 in Albania; configurable) and the
 * municipality's child population for the year; the units short of the
 * norm with the number of workers they lack; caseload per worker.
 *
 * A worker is an active caseworker of an agency of the municipality; a
 * worker's full-time equivalent (worker_fte, thousandths) is set by the
 * municipal administrator and is 1.0 when never set. The ratio of a country
 * is set by the system administrator.
 */
#ifndef RRJETI_WORKFORCE_H
#define RRJETI_WORKFORCE_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct wf_unit {
	int64_t		 id;		/* municipality */
	const char	*code;
	const char	*country;
	const char	*name;		/* in the actor's language */
	int64_t		 children;	/* -1: not entered for the year */
	int		 estimated;
	int64_t		 per_worker;	/* the norm: children per worker */
	int64_t		 workers;	/* head count */
	int64_t		 fte;		/* thousandths */
	int64_t		 open;		/* open cases (counters) */
	int64_t		 needed;	/* thousandths of a worker; -1 when the
					 * population is unknown or 0 */
	int64_t		 short_by;	/* whole workers lacking (ceil), 0 */
};

struct wf_norm {
	const char	*country;
	int64_t		 per_worker;
	int64_t		 updated_at;
};

struct wf_worker {
	int64_t		 id;
	const char	*full_name;
	const char	*username;
	const char	*agency;
	int64_t		 fte;		/* thousandths */
	int64_t		 open;
};

/* The municipalities of the actor's scope (PERM_POPULATION_READ or
 * PERM_INDICATORS_READ), or only muni (0: all; SVC_NOTFOUND outside the
 * scope), for year. */
enum svc_rc	workforce_units(struct svc *, int64_t muni, int year,
		    struct wf_unit **, size_t *n);
/* The same, unchecked, for country ('' all) and muni (0 all): for
 * indicator.c, which fixed the scope already. */
enum svc_rc	workforce_units_raw(struct svc *, const char *country,
		    int64_t muni, int year, struct wf_unit **, size_t *n);
enum svc_rc	workforce_norms(struct svc *, struct wf_norm **, size_t *n);
/* System administrator only: 1 <= per_worker <= 1,000,000. */
enum svc_rc	workforce_norm_set(struct svc *, const char *country,
		    int64_t per_worker);
/* The caseworkers of a municipality in the actor's scope, with their FTE
 * (municipal administrator, supervisor of the unit). */
enum svc_rc	workforce_workers(struct svc *, int64_t muni,
		    struct wf_worker **, size_t *n);
/* Municipal administrator of the worker's municipality: 0..1000. */
enum svc_rc	workforce_fte_set(struct svc *, int64_t user_id, int64_t fte);
/* The current year (local calendar): the default year of the pages. */
int		workforce_year_now(void);
/* Parses "0.5", "1", "0,75" (0..1, up to 3 decimals) into thousandths;
 * -1 when invalid. */
int64_t		workforce_fte_parse(const char *);

#endif
