/*
 * agency.h — agencies and their teams (svc layer): Centres for Social Work
 * and child protection units, police, schools, health centres, licensed
 * providers, ministries and community groups, each in a municipality (or,
 * for a ministry, a whole country).
 */
#ifndef RRJETI_AGENCY_H
#define RRJETI_AGENCY_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

/* Checklist: agency.type CHECK in the migrations, agency_type_names in
 * agency.c, the agency.type.* labels in po/. */
enum agency_type {
	AGENCY_SOCIAL_WORK,
	AGENCY_POLICE,
	AGENCY_SCHOOL,
	AGENCY_HEALTH,
	AGENCY_PROVIDER,
	AGENCY_MINISTRY,
	AGENCY_COMMUNITY,
	AGENCY__MAX
};

struct agency_info {
	int64_t		 id;
	const char	*code;
	const char	*name;
	int		 type;		/* enum agency_type */
	int64_t		 municipality_id;	/* 0 for a country-wide agency */
	const char	*municipality_name;
	const char	*country;
	int		 active;
	int64_t		 users;
};

struct team_info {
	int64_t		 id;
	int64_t		 agency_id;
	const char	*name;
	int64_t		 members;
};

const char	*agency_type_name(int);
int		 agency_type_parse(const char *);

/* Agency codes: 2-16 of A-Z 0-9 -. */
int		 agency_code_valid(const char *);

/* municipality_id 0 makes a country-wide agency of country (sysadmin
 * only); otherwise country is taken from the municipality. */
enum svc_rc	agency_create(struct svc *, const char *code, const char *name,
		    int type, int64_t municipality_id, const char *country,
		    int64_t *id);
enum svc_rc	agency_update(struct svc *, int64_t id, const char *name, int type,
		    int active);
/* Scope-checked read (SVC_NOTFOUND outside the actor's scope). */
enum svc_rc	agency_get(struct svc *, int64_t id, struct agency_info **);
/* Unchecked read, for other services' rules. */
enum svc_rc	agency_fetch(struct svc *, int64_t id, struct agency_info **);
enum svc_rc	agency_by_code(struct svc *, const char *code, struct agency_info **);
enum svc_rc	agency_list(struct svc *, struct agency_info **, size_t *n);
/* What agency_list() would list, counted in SQL: the agencies, and the
 * active ones without users. */
enum svc_rc	agency_count(struct svc *, int64_t *total, int64_t *unstaffed);

enum svc_rc	team_create(struct svc *, int64_t agency_id, const char *name,
		    int64_t *id);
enum svc_rc	team_fetch(struct svc *, int64_t id, struct team_info **);
enum svc_rc	team_list(struct svc *, int64_t agency_id, struct team_info **,
		    size_t *n);

#endif
