/*
 * child.h — the child record (svc layer): a child once, however many
 * reports and cases; the folded name keys and the trigram row of
 * child_name_fts kept in the same transaction as the record; reads limited
 * by the query to the children the actor may see (a case in their scope,
 * or a report in their agency's intake) and audited; and the duplicate
 * check (candidates from SQL, scored with names_match_score()).
 */
#ifndef RRJETI_CHILD_H
#define RRJETI_CHILD_H

#include <stddef.h>
#include <stdint.h>

#include "../util/names.h"
#include "svc.h"

#define CHILD_NAME_MAX		100	/* characters of a name field */
#define CHILD_TEXT_MAX		200	/* address, notes, caregiver fields */
#define CHILD_MATCH_LIMIT	20	/* candidates returned */
#define CHILD_MATCH_FEW		3	/* fewer found by whole words: try trigrams */

/* Checklist: the CHECK sets of child and caregiver in 0002_cases.sql, these
 * tables, the labels (community.*, school.*, child.disability.*,
 * child.relation.*) in po/, the enum sets in app/routes_intake_fields.inc. */
extern const char *const child_communities[];	/* NULL-terminated */
extern const char *const child_school_statuses[];
extern const char *const child_disabilities[];
extern const char *const child_relations[];
extern const char *const child_sexes[];		/* f m u */

/* What a form or the API says of a child. Strings may be "" (unknown). */
struct child_fields {
	const char	*given, *family, *parent;
	const char	*sex;		/* f, m, u or "" */
	const char	*birth_date;	/* dd.mm.yyyy or yyyy-mm-dd, or "" */
	int		 birth_estimated;
	const char	*pn;		/* personal number or "" */
	const char	*citizenship;
	int		 stateless;
	const char	*community, *language, *disability, *disability_note;
	const char	*school_status, *address;
	int64_t		 municipality_id;	/* 0: unknown */
	const char	*admin_unit;
	/* One caregiver, optional (name ""): */
	const char	*caregiver_name, *caregiver_relation, *caregiver_phone;
	int		 caregiver_guardian;
};

struct caregiver_info {
	const char	*name, *relation, *phone;
	int		 is_guardian, lives_with;
};

struct child_info {
	int64_t		 id;
	const char	*given, *family, *parent, *sex;
	const char	*birth_date;	/* yyyy-mm-dd or "" */
	int		 birth_estimated;
	const char	*pn, *citizenship;
	int		 stateless;
	const char	*community, *language, *disability, *disability_note;
	const char	*school_status, *address;
	int64_t		 municipality_id;
	const char	*admin_unit, *municipality_name, *country;
	int64_t		 created_at, updated_at, version;
	struct caregiver_info *caregivers;
	size_t		 ncaregivers;
};

/* The facts of a duplicate check; any may be "" but one name is needed. */
struct child_query {
	const char	*given, *family, *parent;
	const char	*birth_date;	/* dd.mm.yyyy or yyyy-mm-dd, or "" */
	int		 age;		/* estimated age, -1 unknown */
	const char	*sex;		/* f, m, u or "" */
	int64_t		 municipality_id;
	const char	*pn;
};

struct child_candidate {
	int64_t			 child_id;
	int			 score;
	struct match_result	 m;	/* the reasons */
	struct child_info	*child;
};

/* "yyyy-mm-dd" of a dd.mm.yyyy or yyyy-mm-dd date into out[11]: 0, or -1. */
int		child_iso_date(const char *s, char out[11]);

/* Checks every field (names, dates not in the future, codes, the personal
 * number of the municipality's country). SVC_INVALID naming the field. */
enum svc_rc	child_check(struct svc *, const struct child_fields *);

/* Creates the child inside the caller's write transaction (folds, trigram
 * row, caregiver, audit row). Fields must have passed child_check(). */
enum svc_rc	child_create_in_tx(struct svc *, const struct child_fields *,
		    int64_t *id);

/* Updates a child the actor may see: version checked (SVC_CONFLICT),
 * folds and trigram row rewritten, before/after of the coded fields (and
 * the names of changed personal fields) in the audit detail. */
enum svc_rc	child_update(struct svc *, int64_t id, int64_t version,
		    const struct child_fields *);

/* Reads a child the actor may see (the query limits itself), audited as
 * child.read; SVC_NOTFOUND otherwise, audited as child.read.denied. */
enum svc_rc	child_get(struct svc *, int64_t id, struct child_info **);

/* 1 when the actor may see the child (in SQL), 0 when not, -1 on error. */
int		child_visible(struct svc *, int64_t id);

/* Ranked candidates (at most CHILD_MATCH_LIMIT, best first, score > 0)
 * among the children the actor may see. */
enum svc_rc	child_match(struct svc *, const struct child_query *,
		    struct child_candidate **, size_t *n);

#endif
