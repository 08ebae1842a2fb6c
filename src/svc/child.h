/*
 * child.h — the child record (svc layer): a child once, however many
 * reports and cases; the folded name keys and the trigram row of
 * child_name_fts kept in the same transaction as the record (with the
 * spellings of the records merged into it); reads limited by the query to
 * the children the actor may see (a case in their scope, or a report in
 * their agency's intake) and audited; writes limited to the children with a
 * case in the actor's scope; editing with a version check and the history
 * of every change (child_event, shown on the child page); caregivers and
 * household; sibling links across cases; a supervisor's merge of two
 * records without losing any history; and the duplicate check (candidates
 * from SQL, scored with names_match_score()).
 */
#ifndef RRJETI_CHILD_H
#define RRJETI_CHILD_H

#include <stddef.h>
#include <stdint.h>

#include "../util/names.h"
#include "svc.h"

#define CHILD_NAME_MAX		100	/* characters of a name field */
#define CHILD_TEXT_MAX		200	/* address, notes, caregiver fields */
#define CHILD_PHONE_MAX		40	/* characters of a phone number */
#define CHILD_NOTE_MAX		500	/* characters of a caregiver's note */
#define CHILD_MATCH_LIMIT	20	/* candidates returned */
#define CHILD_MATCH_FEW		3	/* fewer found by whole words: try trigrams */
#define CHILD_CAREGIVERS_MAX	50	/* caregivers of one child */
#define CHILD_SIBLINGS_MAX	50	/* sibling links of one child */
#define CHILD_CASES_MAX		50	/* cases listed per child */
#define CHILD_EVENTS_MAX	300	/* history rows shown */
#define CHILD_ALIASES_MAX	50	/* other spellings of one child */

/* Checklist: the CHECK sets of child, caregiver and child_link in
 * 0002_cases.sql, these tables, the labels (community.*, school.*,
 * child.disability.*, child.relation.*, child.link.*) in po/, the enum sets
 * in app/routes_intake_fields.inc and app/routes_children_fields.inc. */
extern const char *const child_communities[];	/* NULL-terminated */
extern const char *const child_school_statuses[];
extern const char *const child_disabilities[];
extern const char *const child_relations[];
extern const char *const child_sexes[];		/* f m u */
extern const char *const child_link_relations[];	/* sibling half_sibling */

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
	/* One caregiver, optional (name ""): registration only. */
	const char	*caregiver_name, *caregiver_relation, *caregiver_phone;
	int		 caregiver_guardian;
};

/* A caregiver as a form or the API gives it. */
struct caregiver_fields {
	const char	*name, *relation, *phone, *note;
	int		 is_guardian, lives_with;
};

struct caregiver_info {
	int64_t		 id;
	const char	*name, *relation, *phone, *note;
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
	int64_t		 merged_into;	/* 0, or the record it was merged into */
	struct caregiver_info *caregivers;
	size_t		 ncaregivers;
};

/* A case of a child, as the child page lists it. */
struct child_case {
	int64_t		 id;
	const char	*number, *status, *risk, *municipality, *worker;
	int64_t		 opened_at;
};

/* A linked sibling. visible 0: the actor may not see that child: only
 * the relation is given (no id, no name, no cases). */
struct child_sibling {
	int64_t			 child_id;
	const char		*relation;	/* sibling, half_sibling */
	int			 visible;
	const char		*given, *family, *birth_date;
	struct child_case	*cases;		/* those in the actor's scope */
	size_t			 ncases;
};

/* One entry of a child's history: kind (updated, caregiver.added,
 * caregiver.updated, caregiver.removed, sibling.linked, sibling.unlinked,
 * merged, merge.filled, merge.kept, merged_away), the field, before and
 * after as shown then; child_id: the record it was written on (a record
 * merged into this one shows its own history too). */
struct child_event_info {
	int64_t		 id, at, child_id;
	const char	*actor, *kind, *field, *before, *after, *note;
};

/* Another spelling of the child, from a record merged into it. */
struct child_alias_info {
	const char	*given, *family, *parent;
	int64_t		 from_child;
};

/* A child's page: the record, its cases, siblings, history and spellings.
 * may_write: the actor may edit it (a case of it in their scope). */
struct child_full {
	struct child_info	*c;
	struct child_case	*cases;
	size_t			 ncases;
	struct child_sibling	*siblings;
	size_t			 nsiblings;
	struct child_event_info	*events;	/* newest first */
	size_t			 nevents;
	struct child_alias_info	*aliases;
	size_t			 naliases;
	int			 may_write;
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

/*
 * Updates a child with a case in the actor's scope (else SVC_NOTFOUND,
 * audited as child.write.denied): fields checked (SVC_INVALID naming the
 * field), version checked (SVC_CONFLICT "child.conflict"), folds and the
 * trigram row rewritten, one history entry per changed field with before
 * and after, and the audit row (codes in full, of personal text only the
 * field's name). The caregiver fields of c are ignored.
 */
enum svc_rc	child_update(struct svc *, int64_t id, int64_t version,
		    const struct child_fields *);

/* Reads a child the actor may see (the query limits itself), audited as
 * child.read; SVC_NOTFOUND otherwise, audited as child.read.denied. A
 * record merged away whose kept record the actor may see gives SVC_OK with
 * only id and merged_into set (the caller points to the kept record). */
enum svc_rc	child_get(struct svc *, int64_t id, struct child_info **);

/* child_get() with the child's cases in the actor's scope, siblings,
 * history and other spellings. Merged away: as child_get(). */
enum svc_rc	child_record(struct svc *, int64_t id, struct child_full **);

/* 1 when the actor may see the child (in SQL), 0 when not, -1 on error. */
int		child_visible(struct svc *, int64_t id);

/* Ranked candidates (at most CHILD_MATCH_LIMIT, best first, score > 0)
 * among the children the actor may see; a record's other spellings (from
 * merges) are scored too, the best counts. */
enum svc_rc	child_match(struct svc *, const struct child_query *,
		    struct child_candidate **, size_t *n);

/*
 * Caregivers of a child with a case in the actor's scope: each write
 * checks every field (name required, relation of child_relations, phone of
 * digits, spaces and + - ( ) /, note), carries the child's version
 * (SVC_CONFLICT "child.conflict"; the write makes a new one, *nv may be
 * NULL), writes the history entry and the audit row. An unknown caregiver
 * or one of another child: SVC_NOTFOUND.
 */
enum svc_rc	child_caregiver_check(struct svc *, const struct caregiver_fields *);
enum svc_rc	child_caregiver_add(struct svc *, int64_t child, int64_t version,
		    const struct caregiver_fields *, int64_t *id, int64_t *nv);
enum svc_rc	child_caregiver_update(struct svc *, int64_t child, int64_t id,
		    int64_t version, const struct caregiver_fields *, int64_t *nv);
enum svc_rc	child_caregiver_remove(struct svc *, int64_t child, int64_t id,
		    int64_t version, int64_t *nv);

/*
 * Links two children as siblings (relation of child_link_relations); both
 * must have a case in the actor's scope (else SVC_NOTFOUND). A link to
 * itself or to a record merged away: SVC_INVALID (field "other"); a link
 * that exists: SVC_CONFLICT "child.sibling.exists". Unlinking a link that
 * does not exist: SVC_NOTFOUND. History on both children, audited.
 */
enum svc_rc	child_sibling_link(struct svc *, int64_t child, int64_t other,
		    const char *relation);
enum svc_rc	child_sibling_unlink(struct svc *, int64_t child, int64_t other);

/* One field of a merge: the kept and the duplicate's values (raw: codes,
 * yyyy-mm-dd, municipality name), and what the merge does with it. */
enum child_merge_choice {
	CHILD_MERGE_SAME,	/* equal, or both empty */
	CHILD_MERGE_KEEP,	/* the kept record's value stays */
	CHILD_MERGE_FILL,	/* empty in the kept record: the duplicate's */
	CHILD_MERGE_DIFFER	/* both set and different: the kept one stays,
				 * the duplicate's is recorded */
};

struct child_merge_field {
	const char		*field;		/* the form field's name */
	int			 coded;		/* a code (translate it) */
	const char		*keep, *dup;
	enum child_merge_choice	 choice;
};

struct child_merge_plan {
	struct child_full		*keep, *dup;
	struct child_merge_field	*fields;
	size_t				 nfields;
};

/*
 * A supervisor (PERM_CASE_SUPERVISE) merges the duplicate into the kept
 * record. Refused: keep == dup (SVC_INVALID "child.merge.self"), either
 * merged away already (SVC_INVALID "child.merge.merged"), either without a
 * case in the supervisor's scope (SVC_NOTFOUND, audited), a stale version
 * of either (SVC_CONFLICT "child.conflict"). In one transaction: every
 * case (new case version and a timeline event), report, caregiver, sibling
 * link and spelling of the duplicate moves to the kept record; empty
 * fields of the kept record are filled from the duplicate; the
 * duplicate's names become other spellings of the kept record (its
 * trigram row holds both); the duplicate stays with merged_into set; every
 * choice is in the history of both records and the audit row.
 * child_merge_preview() checks the same and gives the plan.
 */
enum svc_rc	child_merge_preview(struct svc *, int64_t keep, int64_t dup,
		    struct child_merge_plan **);
enum svc_rc	child_merge(struct svc *, int64_t keep, int64_t dup,
		    int64_t keep_version, int64_t dup_version);

#endif
