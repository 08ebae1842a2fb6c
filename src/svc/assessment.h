/*
 * assessment.h — screening and the comprehensive assessment of a case (svc
 * layer, DOMAIN.md §3, §4 "Screening and assessment").
 *
 * A screening records the risk and protective factor checklists, the
 * sources, the emergency flag and the risk level with its rationale; it
 * sets the case's risk through the risk history (case_risk_set_in_tx()) in
 * the same transaction, so the screening row points at its risk row. A
 * case has several screenings over time.
 *
 * The comprehensive assessment (one per case; a later reassessment belongs
 * to the review) is needed for medium and high risk and allowed for low,
 * never before a screening. A draft is saved and edited with the case
 * version; completing it makes it read-only, marks the assessment deadline
 * done. The plan deadline starts at the case conference for medium and
 * high risk (svc/conference.c, when the meeting is held) and at the
 * screening for a low risk.
 *
 * Every write runs in one transaction with its timeline events and its
 * audit row (ids and codes only, never the texts).
 */
#ifndef RRJETI_ASSESSMENT_H
#define RRJETI_ASSESSMENT_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

struct arena;
struct case_info;

#define CW_TEXT_MAX	4000	/* characters of a finding, a conclusion */
#define CW_SCREENINGS_MAX 200	/* screenings listed */

/*
 * The code lists, each NULL-terminated and defined once in assessment.c.
 * Checklist when changing one: the labels screening.risk.CODE,
 * screening.protective.CODE and cw.source.CODE in po/LANG-casework.po, the
 * checkbox fields (risk_CODE, protective_CODE, source_CODE) in
 * app/routes_casework_fields.inc and tests/http/routes_casework.spec.mjs.
 */
extern const char *const cw_risk_factors[];
extern const char *const cw_protective_factors[];
extern const char *const cw_sources[];

/* A list of codes, in the order of their code list. */
struct cw_codes {
	const char	**v;
	size_t		  n;
};

/*
 * Parses codes separated by commas (spaces around them ignored; "" is an
 * empty list) against set: SVC_INVALID naming field for an unknown, empty
 * or repeated code. *canon (may be NULL) gets the codes in the set's order
 * separated by commas, as stored; *out (may be NULL) the list.
 */
enum svc_rc	cw_codes_parse(struct svc *, const char *const *set,
		    const char *field, const char *codes, const char **canon,
		    struct cw_codes *out);

struct screening_new {
	const char	*risk_factors;		/* codes separated by commas */
	const char	*protective_factors;
	const char	*sources;
	int		 emergency;
	const char	*level;			/* low, medium, high */
	const char	*rationale;
	int		 confirm_high;		/* high without emergency: confirmed */
	int64_t		 version;		/* the case version seen */
};

/*
 * Records a screening of a case the actor may write (PERM_CASE_WRITE and
 * visible, else SVC_NOTFOUND, audited): the codes checked (SVC_INVALID
 * naming risk_factors, protective_factors or sources), level and rationale
 * as case_risk_set(); a high risk without the emergency flag needs
 * confirm_high (SVC_INVALID, field confirm_high, "screening.high_confirm").
 * In one transaction: the risk row (registered -> screened, deadlines), the
 * screening row, the case's emergency flag, the plan deadline for a low
 * risk (when none was started), the timeline event and the audit row.
 * SVC_CONFLICT "case.conflict" for a stale version. *id may be NULL.
 */
enum svc_rc	screening_add(struct svc *, int64_t case_id,
		    const struct screening_new *, int64_t *id);

struct screening_info {
	int64_t		 id, risk_id;
	const char	*level, *rationale;
	struct cw_codes	 risk_factors, protective_factors, sources;
	int		 emergency, high_confirmed;
	int64_t		 author_id;
	const char	*author;
	int64_t		 at;
	const char	*validator;	/* "" until the risk is validated */
};

/*
 * The screenings of a case, newest first, at most limit. For a case the
 * caller has already read (case_get(): visibility and the read's audit).
 */
enum svc_rc	screening_list(struct svc *, int64_t case_id, size_t limit,
		    struct screening_info **, size_t *n);
/* The number of screenings of a case (inside or outside a transaction). */
enum svc_rc	screening_count(struct svc *, int64_t case_id, int64_t *n);

/* The domains of the comprehensive assessment, and its conclusion.
 * Checklist: assessment_fields in assessment.c, the columns of table
 * assessment (0004), the fields of routes_casework_fields.inc, the labels
 * field.CODE in po/. */
enum assessment_field {
	ASM_SAFETY,
	ASM_HEALTH,
	ASM_EDUCATION,
	ASM_FAMILY_CARE,
	ASM_ECONOMIC,
	ASM_DEVELOPMENT,
	ASM_CHILD_VIEWS,
	ASM_STRENGTHS,
	ASM_CONCLUSION,
	ASM__MAX
};
extern const char *const assessment_fields[ASM__MAX];

struct assessment_in {
	const char	*text[ASM__MAX];	/* NULL as "" */
	const char	*sources;		/* codes separated by commas */
	int		 complete;		/* save and complete */
	int64_t		 version;
};

/*
 * Saves the assessment of a case the actor may write: the draft is made
 * on the first save (a "screened" case moves to "assessment") and replaced
 * on later ones; complete also completes it. SVC_INVALID: no screening yet
 * (field NULL, "assessment.no_screening"), completed already
 * ("assessment.completed"), a text too long or not UTF-8 (its field), an
 * unknown source; to complete, safety, family_care, child_views and
 * conclusion are required ("assessment.required", naming the first one
 * missing). SVC_CONFLICT "case.conflict" for a stale version.
 */
enum svc_rc	assessment_save(struct svc *, int64_t case_id,
		    const struct assessment_in *);

struct assessment_info {
	int64_t		 id;
	const char	*status;	/* draft, completed */
	const char	*text[ASM__MAX];
	struct cw_codes	 sources;
	int64_t		 created_at, updated_at;
	const char	*updated_by;
	int64_t		 completed_at;	/* 0: not yet */
	const char	*completed_by;
};

/* The assessment of a case the caller has already read; *out NULL when
 * there is none. */
enum svc_rc	assessment_get(struct svc *, int64_t case_id,
		    struct assessment_info **out);

/* The shared text check of the casework services: s (NULL: "") of at most
 * max characters, valid UTF-8, one line unless multi; SVC_INVALID naming
 * field ("error.field.toolong" or "error.field.invalid"). */
enum svc_rc	cw_text(struct svc *, const char *field, const char *s,
		    size_t max, int multi);
/* 1 when s holds something besides white space. */
int		 cw_blank(const char *s);
/* Column col of a row as an arena string ("" for NULL or no memory). */
const char	*cw_dup(struct arena *, const struct store_row *, int col);
/* The failure of a store call: its code, "error.unavailable". */
enum svc_rc	 cw_unavailable(struct svc *, enum store_rc);

#endif
