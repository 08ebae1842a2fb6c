/*
 * conference.h — case conferences (svc layer, DOMAIN.md §2-§4): the
 * meetings of the Case Management Table (TMR, Kosovo) and of the
 * Intersectoral Technical Group (GTN, Albania) of a unit.
 *
 * A supervisor of the unit (PERM_CASE_SUPERVISE) convenes a meeting of
 * their unit (date, time, place; the kind follows the country); the
 * unit's medium- and high-risk open cases whose conference deadline is open
 * are proposed onto its agenda at once, and the convenor adds and removes
 * cases. Invitations: table members of police, schools, health centres and
 * licensed NGOs of the same municipality and workers of the unit (users),
 * parents and the child (names only). Attendance per invitee; per agenda
 * case the decisions, the protection measure (plan_measures of
 * svc/plan.h) and tasks with an owner (an invited user or the case's
 * worker) and a deadline (not in the past) that show on the owner's "my
 * work" until done. Holding the meeting marks the conference step of each
 * medium/high agenda case done, moves "screened" and "assessment" to
 * "conference" and starts the plan deadline, with timeline events; the
 * agenda and invitations are then fixed, the minutes (decisions, tasks,
 * attendance) may still be completed.
 *
 * Who sees a meeting: the supervisors and caseworkers of its unit
 * (caseworkers only the agenda cases they see, authz_case_visible()), and
 * the table members invited to it, who see only the summary of the agenda
 * cases that are active (authz_case_member_visible()) and their own tasks.
 * Anything else is SVC_NOTFOUND and the attempt is audited. Every write
 * runs in one transaction with its audit row (ids and codes only).
 */
#ifndef RRJETI_CONFERENCE_H
#define RRJETI_CONFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define CONF_PLACE_MAX		200	/* characters of the place */
#define CONF_NAME_MAX		100	/* a parent's or the child's name */
#define CONF_TEXT_MAX		4000	/* decisions of one case */
#define CONF_TASK_MAX		500	/* what a task is */
#define CONF_AGENDA_MAX		60	/* cases on one agenda */
#define CONF_INVITEES_MAX	60
#define CONF_TASKS_MAX		300	/* tasks of one meeting */
#define CONF_LIST_MAX		200	/* meetings listed */
#define CONF_MY_TASKS_MAX	300	/* open tasks on "my work" */
#define CONF_DATE_YEARS		2	/* meeting and task dates: at most this
					 * many years from today */
#define CONF_PAST_DAYS		30	/* a meeting recorded afterwards */

/* Code lists, NULL-terminated, defined in conference.c. Checklist: the
 * CHECKs of 0008_conference.sql, the conference.* labels in
 * po/LANG-conference.po, the enums of app/routes_conference_fields.inc and
 * tests/http/routes_conference.spec.mjs. */
extern const char *const conf_attendance_codes[];	/* present ... */
extern const char *const conf_guest_kinds[];		/* parent, child */

struct conf_info {
	int64_t		 id;
	int64_t		 municipality_id, agency_id;
	const char	*municipality_sq, *municipality_sr, *country;
	const char	*agency_name;
	const char	*kind;		/* tmr, gtn */
	int64_t		 starts_at;
	const char	*place;
	int64_t		 convenor_id;
	const char	*convenor;
	const char	*status;	/* planned, held */
	int64_t		 held_at;
	const char	*next_on;	/* yyyy-mm-dd or "" */
	int64_t		 version;
	int64_t		 ncases;
	const char	*admin_unit;	/* "" for the whole municipality */
};

struct conf_invitee_info {
	int64_t		 id;
	const char	*kind;		/* member, parent, child */
	int64_t		 user_id;	/* 0: a parent or the child */
	const char	*name;
	const char	*agency;	/* the member's organisation */
	const char	*attendance;	/* unknown present absent excused */
};

/* A case on the agenda (or a candidate for it: id 0). */
struct conf_case_info {
	int64_t		 id;
	int64_t		 case_id;
	const char	*number, *child;
	int		 age;		/* -1 unknown */
	const char	*concerns;	/* codes, comma-separated */
	const char	*risk, *status;
	int64_t		 worker_id;
	const char	*worker;
	int		 proposed;
	const char	*decisions, *measure;
	int		 active;	/* not closed or transferred */
	int		 full;		/* the actor may read the case */
};

struct conf_task_info {
	int64_t		 id, conference_id, agenda_id, case_id;
	const char	*number;
	const char	*what;
	int64_t		 owner_id;
	const char	*owner;
	const char	*due_on;	/* yyyy-mm-dd */
	const char	*status;	/* open, done */
	int64_t		 done_at, starts_at;
	int		 overdue;
};

/* A user who may be invited. */
struct conf_user {
	int64_t		 id;
	const char	*name, *agency, *role;
};

struct conf_full {
	struct conf_info		 c;
	struct conf_invitee_info	*invitees;
	size_t				 ninvitees;
	struct conf_case_info		*cases;
	size_t				 ncases;
	size_t				 hidden;	/* agenda cases not shown */
	struct conf_task_info		*tasks;
	size_t				 ntasks;
	struct conf_case_info		*candidates;	/* convenor only */
	size_t				 ncandidates;
	struct conf_user		*users;		/* convenor only */
	size_t				 nusers;
	int				 convene;	/* may change it */
	int				 member;	/* an invited member */
	int64_t				 invitee_id;	/* the actor's */
};

/* A new meeting: date (dd.mm.yyyy or yyyy-mm-dd), time (HH:MM), place. */
struct conf_new {
	const char	*date, *time, *place;
	const char	*admin_unit;	/* NULL or "": the whole municipality;
					 * else one of conference_units() */
};

#define CONF_UNITS_MAX	200
/* The administrative units a meeting of the actor's unit may be for: those
 * written on the children of its open cases, sorted. */
enum svc_rc	conference_units(struct svc *, const char ***out, size_t *n);

/*
 * A supervisor convenes a meeting of their unit; the due cases are put on
 * its agenda (proposed). SVC_INVALID naming date, time or place.
 */
enum svc_rc	conference_create(struct svc *, const struct conf_new *,
		    int64_t *id);
/* The meetings the actor may see, newest first. */
enum svc_rc	conference_list(struct svc *, struct conf_info **, size_t *n);
/* A meeting as the actor may see it (audited conference.read). */
enum svc_rc	conference_get(struct svc *, int64_t id, struct conf_full **);
/* The same for the minutes (convenor's unit only; audited
 * conference.minutes with the format). */
enum svc_rc	conference_minutes(struct svc *, int64_t id, const char *format,
		    struct conf_full **);

/* The convenor's writes (a planned meeting of their unit unless said). */
enum svc_rc	conference_invite(struct svc *, int64_t id, int64_t user_id);
enum svc_rc	conference_guest(struct svc *, int64_t id, const char *kind,
		    const char *name);
enum svc_rc	conference_uninvite(struct svc *, int64_t id, int64_t invitee);
/* Planned or held. */
enum svc_rc	conference_attendance(struct svc *, int64_t id, int64_t invitee,
		    const char *attendance);
/* A case of the unit by its number (open, not on the agenda yet). */
enum svc_rc	conference_agenda_add(struct svc *, int64_t id,
		    const char *number);
enum svc_rc	conference_agenda_remove(struct svc *, int64_t id,
		    int64_t agenda_id);
/* Planned or held. */
enum svc_rc	conference_decision(struct svc *, int64_t id, int64_t agenda_id,
		    const char *decisions, const char *measure);
/* Planned or held: owner an invited user or the case's worker; due not in
 * the past. */
enum svc_rc	conference_task_add(struct svc *, int64_t id, int64_t agenda_id,
		    const char *what, int64_t owner_id, const char *due_on,
		    int64_t *task_id);
/* The owner or a convenor of the unit marks a task done. */
enum svc_rc	conference_task_done(struct svc *, int64_t id, int64_t task_id);
/*
 * Holds the meeting (not before its day; at least one case on the
 * agenda): see the head of this file. next_on (may be "") the next
 * meeting, not in the past; version the meeting's version (SVC_CONFLICT
 * "conference.conflict" when stale; a stale case "case.conflict").
 */
enum svc_rc	conference_hold(struct svc *, int64_t id, const char *next_on,
		    int64_t version);

/* The actor's open tasks (for "my work"), by deadline. */
enum svc_rc	conference_my_tasks(struct svc *, struct conf_task_info **,
		    size_t *n);

#endif
