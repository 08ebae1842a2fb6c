/*
 * community.h — community advisory groups (GKK) of a municipality, their
 * members, early-identification alerts and community initiatives (svc
 * layer). A municipal administrator keeps the groups and attaches users of
 * role community_member; a member files alerts and initiatives for their
 * own group and sees only their group's alerts as received / handled,
 * never a case nor whether one exists; the Centre's intake (PERM_INTAKE)
 * triages an alert into a report of concern (referrer type 'community',
 * through intake_create_in_tx()) or "not admitted" with a reason.
 */
#ifndef RRJETI_COMMUNITY_H
#define RRJETI_COMMUNITY_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define COMMUNITY_NAME_MAX	120	/* characters */
#define COMMUNITY_PLACE_MAX	200
#define COMMUNITY_TEXT_MAX	2000	/* what was seen, the child */
#define COMMUNITY_REASON_MAX	1000
#define COMMUNITY_COUNT_MAX	10000	/* participants in one band */
#define COMMUNITY_LIST_MAX	200

/* Checklist: the CHECK sets of 0009_community.sql, the community.type.*
 * labels in po/ and routes_community_fields.inc. */
extern const char *const community_initiative_types[];
/* Age bands of the participants, in the order of the counts. */
#define COMMUNITY_BANDS	5
extern const char *const community_bands[];	/* 0_5 6_11 12_14 15_17 adult */

struct community_group_info {
	int64_t		 id, municipality_id;
	const char	*municipality_sq, *municipality_sr, *country, *name;
	int		 active;
	const char	*communities;	/* codes, comma-separated */
	int64_t		 members, version;
};

/* A new group of municipality_id (0: the actor's) representing the
 * communities (codes of child_communities, at least one). */
enum svc_rc	community_group_create(struct svc *, int64_t municipality_id,
		    const char *name, const char *const *communities,
		    size_t ncommunities, int64_t *id);
/* The groups the actor administers (their municipality; all for country
 * scope), or the member's own group. */
enum svc_rc	community_groups(struct svc *,
		    struct community_group_info **, size_t *n);
/* One group, when the actor administers it (else SVC_NOTFOUND). */
enum svc_rc	community_group_get(struct svc *, int64_t id,
		    struct community_group_info **);
/* Attaches user_id (role community_member, active) to group id, moving it
 * from any other group. */
enum svc_rc	community_member_add(struct svc *, int64_t group_id,
		    int64_t user_id);

/* Detaches user_id from group id; SVC_INVALID "user" when not a member of
 * it. */
enum svc_rc	community_member_remove(struct svc *, int64_t group_id,
		    int64_t user_id);

struct community_member_info {
	int64_t		 id;
	const char	*username, *full_name;
};
enum svc_rc	community_members(struct svc *, int64_t group_id,
		    struct community_member_info **, size_t *n);

struct community_alert_new {
	const char	*location, *seen, *child;	/* child: a description */
	int		 immediate_danger;
};

/* What an alert is; the member's view has status "received" or "handled"
 * and nothing of the decision. */
struct community_alert_info {
	int64_t		 id, group_id, municipality_id;
	const char	*group_name, *location, *seen, *child;
	int		 immediate_danger;
	int64_t		 filed_at;
	const char	*status;	/* received, admitted, not_admitted;
					 * for the member: received, handled */
	const char	*reason;	/* "" for the member */
	int64_t		 report_id;	/* 0 for the member */
	int64_t		 decided_at, version;
};

/* A member's alert for their group: plain text (markup refused with
 * "community.err.markup"), limits in characters. */
enum svc_rc	community_alert_file(struct svc *,
		    const struct community_alert_new *, int64_t *id);
/* The alerts of the member's own group, newest first. */
enum svc_rc	community_alerts_mine(struct svc *,
		    struct community_alert_info **, size_t *n);
/* The alerts of the intake's municipality (status NULL: all), immediate
 * danger first. */
enum svc_rc	community_alerts(struct svc *, const char *status,
		    struct community_alert_info **, size_t *n);
/* One alert for the intake of its municipality (else SVC_NOTFOUND). */
enum svc_rc	community_alert_get(struct svc *, int64_t id,
		    struct community_alert_info **);
/* Triage: a report of concern in the intake with the concern codes (and
 * the alert marked admitted), in one transaction; or not admitted with a
 * reason. version: the alert's (SVC_CONFLICT when stale or decided). */
enum svc_rc	community_alert_admit(struct svc *, int64_t id, int64_t version,
		    const char *const *concerns, size_t nconcerns,
		    int64_t *report_id);
enum svc_rc	community_alert_reject(struct svc *, int64_t id,
		    int64_t version, const char *reason);

struct community_initiative_new {
	const char	*title, *type, *start, *end, *place;
	int64_t		 female[COMMUNITY_BANDS], male[COMMUNITY_BANDS];
};
struct community_initiative_info {
	int64_t		 id, group_id;
	const char	*group_name, *title, *type, *start, *end, *place;
	int64_t		 female[COMMUNITY_BANDS], male[COMMUNITY_BANDS];
	int64_t		 total, created_at;
};
/* A member's initiative for their group: dates valid, the end not before
 * the start, at least one participant, counts 0..COMMUNITY_COUNT_MAX. */
enum svc_rc	community_initiative_add(struct svc *,
		    const struct community_initiative_new *, int64_t *id);
/* Initiatives: the member's group, or the groups of the administrator's
 * municipality (group_id 0: all of them). */
enum svc_rc	community_initiatives(struct svc *, int64_t group_id,
		    struct community_initiative_info **, size_t *n);

#endif
