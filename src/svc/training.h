/*
 * training.h — accredited training for social-service professionals (svc
 * layer): programmes with their accreditation (body, number, validity,
 * hours, profiles), sessions of a programme (dates, place, trainers,
 * capacity, status), professionals (one record per person, found again
 * across spellings with util/names.h), enrolment and attendance, and
 * certificates for those who attended a held session (DOMAIN.md §5).
 *
 * Access: PERM_TRAINING_READ reads (country-filtered); PERM_TRAINING_WRITE
 * writes programmes and professionals, and writes a session only when the
 * session's municipality is in the actor's scope (otherwise SVC_NOTFOUND).
 * Every write is one transaction with its audit row (ids and codes only).
 */
#ifndef RRJETI_TRAINING_H
#define RRJETI_TRAINING_H

#include <stddef.h>
#include <stdint.h>

#include "../util/names.h"
#include "svc.h"

#define TRAINING_TITLE_MAX	200	/* characters */
#define TRAINING_BODY_MAX	200
#define TRAINING_NUMBER_MAX	60
#define TRAINING_HOURS_MAX	1000	/* more is not a programme */
#define TRAINING_VENUE_MAX	200
#define TRAINING_TRAINERS_MAX	400
#define TRAINING_CAPACITY_MAX	30	/* rows of one attendance sheet */
#define TRAINING_NAME_MAX	80
#define TRAINING_ORG_MAX	200
#define TRAINING_EMAIL_MAX	254
#define TRAINING_LIST_MAX	500
#define TRAINING_CANDIDATES_MAX	10

/* Checklist: the CHECK sets of 0016_training.sql, the training.* labels in
 * po/ and routes_training_fields.inc. */
extern const char *const training_profiles[];
extern const char *const training_session_statuses[];
extern const char *const training_attendance_codes[];
extern const char *const training_sexes[];

struct training_programme_new {
	const char		*title, *country, *body, *number;
	const char		*valid_from, *valid_until;	/* dates */
	int64_t			 hours;
	const char *const	*profiles;
	size_t			 nprofiles;
};

struct training_programme_info {
	int64_t		 id;
	const char	*country, *title, *body, *number;
	const char	*valid_from, *valid_until;	/* yyyy-mm-dd */
	int64_t		 hours;
	const char	*profiles;	/* codes, comma-separated */
	int64_t		 sessions, participants, version;
};

/* Participants (distinct professionals who attended in full or in part)
 * of a programme, by profile and sex. */
struct training_count {
	const char	*profile;
	int64_t		 female, male;
};

struct training_session_new {
	const char	*start, *end, *venue, *trainers;
	int64_t		 municipality_id, capacity;
};

struct training_session_info {
	int64_t		 id, programme_id;
	const char	*programme_title;
	const char	*start, *end;	/* yyyy-mm-dd */
	int64_t		 municipality_id;
	const char	*municipality_sq, *municipality_sr;
	const char	*venue, *trainers, *status;
	int64_t		 capacity, enrolled, version;
};

struct training_prof_new {
	const char	*given, *family, *sex, *profile, *organisation;
	const char	*email;
	int64_t		 agency_id, municipality_id;
	/* Optional (NULL: looked up): what a caller checking many rows has
	 * at hand already (the import): the municipality's country and
	 * names_fold() of given and family. */
	const char	*country, *fold_given, *fold_family;
};

struct training_prof_info {
	int64_t		 id;
	const char	*given, *family, *sex, *profile;
	int64_t		 agency_id;
	const char	*agency_name, *organisation;
	int64_t		 municipality_id;
	const char	*municipality_sq, *municipality_sr, *email;
	int64_t		 merged_into, sessions, version;
};

struct training_candidate {
	int			 score;
	struct match_result	 m;
	struct training_prof_info *p;
};

struct training_enrolment_info {
	int64_t		 id, session_id, professional_id;
	const char	*given, *family, *sex, *profile, *status;
	int64_t		 hours;
	const char	*certificate;	/* its number, or "" */
	/* The session, for a professional's list. */
	int64_t		 programme_id;
	const char	*programme_title, *start, *end, *session_status;
};

struct training_cert_info {
	int64_t		 id, programme_id, session_id, professional_id;
	const char	*number;
	int64_t		 year, hours, issued_at;
	const char	*given, *family, *title, *body, *acc_number;
	const char	*start, *end, *venue, *municipality_sq,
			*municipality_sr;
	int64_t		 programme_hours;
};

/* Programmes. The country defaults to the actor's (required for an
 * installation-wide actor); validity ends on or after it starts; hours
 * 1..TRAINING_HOURS_MAX; at least one profile; a number already used by
 * the same body (folded) is SVC_CONFLICT "training.err.duplicate_number". */
enum svc_rc	training_programme_create(struct svc *,
		    const struct training_programme_new *, int64_t *id);
enum svc_rc	training_programmes(struct svc *,
		    struct training_programme_info **, size_t *n);
enum svc_rc	training_programme_get(struct svc *, int64_t id,
		    struct training_programme_info **);
/* The participant counts of programme id by profile (every profile, in
 * the order of training_profiles) and sex. */
enum svc_rc	training_programme_counts(struct svc *, int64_t id,
		    struct training_count **, size_t *n);

/* Sessions: dates within the accreditation's validity, end >= start,
 * capacity 1..TRAINING_CAPACITY_MAX, the municipality in the actor's scope
 * and the programme's country. */
enum svc_rc	training_session_create(struct svc *, int64_t programme_id,
		    const struct training_session_new *, int64_t *id);
enum svc_rc	training_sessions(struct svc *, int64_t programme_id,
		    struct training_session_info **, size_t *n);
/* One session of programme_id (SVC_NOTFOUND otherwise). */
enum svc_rc	training_session_get(struct svc *, int64_t programme_id,
		    int64_t id, struct training_session_info **);
/* 1 when the actor may write session x. */
int		training_session_writable(struct svc *,
		    const struct training_session_info *);
/* planned -> held (not before its start date) | cancelled; version: the
 * session's (SVC_CONFLICT when stale). */
enum svc_rc	training_session_status(struct svc *, int64_t programme_id,
		    int64_t id, int64_t version, const char *status);

/* Professionals. training_prof_check() checks every field. */
enum svc_rc	training_prof_check(struct svc *, const struct training_prof_new *);
/* Existing professionals whose names match n's across spellings, best
 * first (at most TRAINING_CANDIDATES_MAX, score >= NAMES_SCORE_POSSIBLE). */
enum svc_rc	training_prof_candidates(struct svc *,
		    const struct training_prof_new *,
		    struct training_candidate **, size_t *n);
/*
 * Adds one professional inside the caller's transaction (for imports: call
 * it in a loop inside one svc_tx()). Checks every field; unless
 * confirm_new, a name matching an existing professional is SVC_CONFLICT
 * "training.err.candidates" with the candidates in *cand (may be NULL).
 * Writes the audit row.
 */
enum svc_rc	training_prof_add_in_tx(struct svc *,
		    const struct training_prof_new *, int confirm_new,
		    struct training_candidate **cand, size_t *ncand,
		    int64_t *id);
/* The same in its own transaction. */
enum svc_rc	training_prof_add(struct svc *, const struct training_prof_new *,
		    int confirm_new, struct training_candidate **cand,
		    size_t *ncand, int64_t *id);
/* Search by name across spellings (q "" : all), profile and municipality
 * (NULL / 0: any); merged records are not listed. */
enum svc_rc	training_profs(struct svc *, const char *q, const char *profile,
		    int64_t municipality_id, struct training_prof_info **,
		    size_t *n);
enum svc_rc	training_prof_get(struct svc *, int64_t id,
		    struct training_prof_info **);
/* A professional's sessions (with the certificate numbers). */
enum svc_rc	training_prof_sessions(struct svc *, int64_t id,
		    struct training_enrolment_info **, size_t *n);
/* Merges professional id into into (an administrator: both in the
 * actor's scope): the attendance and certificates move; where both were
 * in one session the better attendance is kept. SVC_CONFLICT when both
 * hold a certificate of one session. */
enum svc_rc	training_prof_merge(struct svc *, int64_t id, int64_t into);

/* Enrolment: the session planned or held, not full, the professional not
 * enrolled in it yet (SVC_CONFLICT "training.err.enrolled_twice"). */
enum svc_rc	training_enrol(struct svc *, int64_t programme_id,
		    int64_t session_id, int64_t professional_id, int64_t *id);
/* A new participant and the enrolment in one transaction (see
 * training_prof_add_in_tx for the candidates). */
enum svc_rc	training_enrol_new(struct svc *, int64_t programme_id,
		    int64_t session_id, const struct training_prof_new *,
		    int confirm_new, struct training_candidate **cand,
		    size_t *ncand, int64_t *professional_id);
enum svc_rc	training_enrolments(struct svc *, int64_t session_id,
		    struct training_enrolment_info **, size_t *n);

/* One row of the attendance sheet. */
struct training_mark {
	int64_t		 enrolment_id;
	const char	*status;	/* training_attendance_codes */
	int64_t		 hours;		/* -1: the default */
};
/*
 * Records attendance of the held session: every mark checked first
 * (attended: 1..programme hours, default all of them; partly: 1..hours-1;
 * absent: 0; enrolled: 0), then all written in one transaction. version:
 * the session's (SVC_CONFLICT when stale); the session's version moves.
 * The field of an error is "status_N" / "hours_N" (N: the row from 1).
 */
enum svc_rc	training_attendance(struct svc *, int64_t programme_id,
		    int64_t session_id, int64_t version,
		    const struct training_mark *, size_t n);

/* Certificates for every attended participant of the held session who has
 * none yet; *issued gets how many were issued. */
enum svc_rc	training_certificates_issue(struct svc *, int64_t programme_id,
		    int64_t session_id, size_t *issued);
/* The certificate of professional_id for the session (SVC_NOTFOUND when
 * none was issued: the absent have none). */
enum svc_rc	training_certificate_get(struct svc *, int64_t programme_id,
		    int64_t session_id, int64_t professional_id,
		    struct training_cert_info **);

#endif
