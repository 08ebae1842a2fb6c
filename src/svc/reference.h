/*
 * reference.h — reference data and child population (svc layer): the two
 * countries, Kosovo's 38 and Albania's 61 municipalities and the protection
 * concerns, loaded by `rrjeti init` from data/ (compiled into the binary);
 * the child (0-17) population per municipality and year, entered by
 * administrators for the workforce-norm indicators.
 */
#ifndef RRJETI_REFERENCE_H
#define RRJETI_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct muni_info {
	int64_t		 id;
	const char	*code;
	const char	*country;
	const char	*num;
	const char	*name_sq;
	const char	*name_sr;
	const char	*region;
	int64_t		 population;	/* -1: unknown */
};

struct concern_info {
	const char	*code;
	const char	*label[3];	/* by enum lang */
	int		 restricted;
};

struct population_row {
	int64_t		 municipality_id;
	const char	*code;
	const char	*name;
	const char	*country;
	int64_t		 children;	/* -1: not entered */
	int		 estimated;
	const char	*source;
	int64_t		 updated_at;
};

/* Loads (or refreshes) countries, municipalities and concerns in one
 * transaction. 0, or -1 with a message. */
int		ref_load(struct store *, char *err, size_t errlen);

enum svc_rc	ref_municipality(struct svc *, int64_t id, struct muni_info **);
/* The same for a form's field: SVC_INVALID naming field when there is no
 * such municipality, SVC_UNAVAILABLE when the database does not answer. */
enum svc_rc	ref_municipality_field(struct svc *, int64_t id,
		    struct muni_info **, const char *field);
enum svc_rc	ref_municipality_by_code(struct svc *, const char *code,
		    struct muni_info **);
enum svc_rc	ref_municipalities(struct svc *, struct muni_info **, size_t *n);
enum svc_rc	ref_concerns(struct svc *, struct concern_info **, size_t *n);

/* The year's figures for the municipalities in the actor's scope. */
enum svc_rc	population_list(struct svc *, int year, struct population_row **,
		    size_t *n);
/* How many municipalities in the actor's scope have no figure for the year
 * (the rows of population_list() with children < 0), counted in SQL. */
enum svc_rc	population_missing(struct svc *, int year, int64_t *count);
/* The administrator's home page: population_missing() and agency_count()
 * (svc/agency.h) in one statement; those two stay its specification. */
enum svc_rc	admin_home_counts(struct svc *, int year, int64_t *missing,
		    int64_t *agencies, int64_t *unstaffed);
/* Sets one figure (0 <= children <= 2,000,000; 1990 <= year <= 2100). */
enum svc_rc	population_set(struct svc *, int64_t municipality_id, int year,
		    int64_t children, int estimated, const char *source);

#endif
