/*
 * names.h — name folding, name similarity and duplicate-candidate scoring
 * (util layer, above utf8 and the arena, below every service).
 *
 * The same child is written many ways (DOMAIN.md §8): with or without
 * diacritics, in Albanian or Serbian orthography, in Cyrillic, surname
 * first, with the parent's name in the middle. names_fold() turns any of
 * them into one ASCII key for indexing and comparison; names_tokens() splits
 * a full name into folded words; names_match_score() weighs two records of a
 * child (names, parent's name, birth date, sex, personal number) into a 0-100
 * score with reasons the interface can translate. Everything here is pure:
 * no I/O, no globals, no allocation except from the arena passed in.
 */
#ifndef RRJETI_NAMES_H
#define RRJETI_NAMES_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* Named limits. An input longer than NAMES_MAX_BYTES is refused (NULL or
 * -1), not truncated: no name field is that long, so it is not a name. */
#define NAMES_MAX_BYTES		512	/* one name or full name, in bytes */
#define NAMES_MAX_TOKENS	8	/* words kept by names_tokens() */
#define NAMES_FIELD_TOKENS	4	/* words per field in matching */
#define NAMES_MAX_REASONS	12

/* The folding rules' version: keys stored in an index were made by one
 * version; bump it whenever names.c folds any name differently, and refold
 * stored keys of an older version. */
#define NAMES_FOLD_VERSION	2

/* Score bands for the candidate list (see names_match_score()). */
#define NAMES_SCORE_LIKELY	80	/* propose first: very likely this child */
#define NAMES_SCORE_POSSIBLE	50	/* show as a possible match */

/*
 * The folded key of the UTF-8 name s: lowercase ASCII letters a-z (never
 * q, w, y, a doubled letter, or one of the pairs gj dj dz xh sh zh ch th
 * dh), words separated by single spaces, no space at either end; "" when s
 * holds no Latin or Cyrillic letter. names.c explains the folding. Equal keys mean "the same name
 * across orthographies" (Đorđević, Djordjevic, Dordevic, Gjorgjeviq and
 * Ђорђевић all give "dordevic"). Idempotent: names_fold(names_fold(s)) is
 * names_fold(s). Returns an arena string, or NULL when s is not valid text
 * (utf8_valid()), when s or its key is longer than NAMES_MAX_BYTES (only
 * compatibility characters such as ㎯ make a key longer than its input), or
 * when the arena is full.
 */
char	*names_fold(struct arena *, const char *s);

/*
 * A full name split into folded words, in the order written. Words inside
 * parentheses or brackets ("Qëndrim (Agim) Bytyçi") have their bit set in
 * paren: that is where a parent's name is customarily written. Words past
 * NAMES_MAX_TOKENS are dropped and truncated is set.
 */
struct name_tokens {
	size_t		 n;
	const char	*tok[NAMES_MAX_TOKENS];	/* in the arena */
	unsigned	 paren;			/* bit i: tok[i] in ( ) */
	int		 truncated;
};

/* Fills *out from s. 0, or -1 as for names_fold() (out is then empty). */
int	 names_tokens(struct arena *, const char *s, struct name_tokens *out);

/*
 * Similarity in [0, 1] of two folded keys, taken whole: 1 - d / max(len),
 * where d is a weighted Damerau-Levenshtein distance whose cheap edits are
 * the variations of these records (see names.c). Symmetric. 0 when either
 * is NULL or empty.
 */
double	 names_similarity(const char *fa, const char *fb);

/*
 * Order-independent similarity in [0, 1] of two token lists: each word is
 * paired with at most one word of the other list, best pairs first, and
 * the paired similarity is divided by the longer list's length. Symmetric.
 */
double	 names_tokens_similarity(const struct name_tokens *,
	    const struct name_tokens *);

enum names_sex {
	NAMES_SEX_UNKNOWN = 0,
	NAMES_SEX_MALE,
	NAMES_SEX_FEMALE,
	NAMES_SEX__MAX
};

enum names_country {
	NAMES_XK = 0,		/* Kosovo: 10 digits */
	NAMES_AL,		/* Albania: letter, 8 digits, letter */
	NAMES_COUNTRY__MAX
};

/* A calendar date; 0 for an unknown part: {y,m,d}, {y,m,0} or {y,0,0}. */
struct name_date {
	int	y, m, d;
};

/*
 * What is known of a child. Any field may be absent (NULL, "" or 0). The
 * estimated age counts only when age_at is a full date: "about 7 on
 * 12.03.2026". Strings are UTF-8; an invalid one counts as absent.
 */
struct name_query {
	const char		*given;
	const char		*family;
	const char		*parent;	/* emri i prindit */
	struct name_date	 dob;
	int			 age;		/* estimated age in years */
	struct name_date	 age_at;	/* when it was estimated */
	enum names_sex		 sex;
	const char		*pn;		/* personal number, XK or AL */
};

/* A stored child: its id and the same facts, so the score is symmetric. */
struct name_candidate {
	int64_t			 child_id;
	struct name_query	 person;
};

/*
 * Reason codes, in the order they are listed. Checklist when adding one:
 * names_reason_str() table in names.c, the catalogues in po/, the API docs
 * of POST /api/v1/children/match, a test in tests/unit/test_names.c.
 */
enum names_reason {
	NAMES_PN_MATCH = 0,	/* same valid personal number: dominates */
	NAMES_PN_MISMATCH,	/* two valid, different numbers */
	NAMES_NAME_EXACT,	/* field spelled the same (case aside) */
	NAMES_NAME_FOLDED,	/* same across diacritics / orthographies */
	NAMES_NAME_SIMILAR,	/* close spelling (typo, variant) */
	NAMES_NAMES_SWAPPED,	/* given and family names swapped */
	NAMES_PARENT_MATCH,	/* parent's name equal (or folded equal) */
	NAMES_PARENT_SIMILAR,
	NAMES_PARENT_IN_NAME,	/* parent's name written inside the name */
	NAMES_PARENT_MISMATCH,	/* both known, different */
	NAMES_DOB_EXACT,
	NAMES_DOB_NEAR,		/* one day apart, or one digit mistyped */
	NAMES_DOB_SWAPPED,	/* day and month swapped */
	NAMES_DOB_YEAR,		/* only the year (and month) known: equal */
	NAMES_AGE_NEAR,		/* estimated age agrees within a year */
	NAMES_DOB_MISMATCH,	/* birth dates disagree */
	NAMES_SEX_MISMATCH,
	NAMES_REASON__MAX
};

/* Which field of the query a NAME_* reason is about. */
enum names_field {
	NAMES_FIELD_NONE = 0,
	NAMES_FIELD_GIVEN,
	NAMES_FIELD_FAMILY,
	NAMES_FIELD__MAX
};

struct match_reason {
	enum names_reason	code;
	enum names_field	field;
};

struct match_result {
	int64_t			child_id;
	int			score;		/* 0..100 */
	size_t			nreasons;
	struct match_reason	reasons[NAMES_MAX_REASONS];
};

/*
 * Scores how likely a and b are the same child, 0..100, and lists the
 * reasons in *out (out->child_id is b->child_id). The score is symmetric in
 * the facts of a and b. Weights (names.c has the details): names 60, parent
 * 10, birth date 25, sex 5; a sex mismatch -20, a birth-date mismatch -10, a
 * different parent -5, a different valid personal number -25; the same valid
 * personal number lifts the score to 90-100. Missing facts earn nothing and
 * cost nothing, so a name-only match stays below NAMES_SCORE_LIKELY.
 * Returns out->score. Uses no arena: about 12 KiB of stack.
 */
int	 names_match_score(const struct name_query *a,
	    const struct name_candidate *b, struct match_result *out);

/* "NAME_FOLDED", ... (the code without the prefix); NULL out of range. */
const char	*names_reason_str(enum names_reason);
/* "given_name", "family_name", or NULL for NAMES_FIELD_NONE. */
const char	*names_field_str(enum names_field);

/*
 * 1 when s is a well-formed personal number of the country, else 0.
 * Kosovo: exactly 10 ASCII digits, not a placeholder (one digit repeated,
 * 0123456789, 1234567890, 9876543210); the check digit, if any, is not
 * published, so only the shape is checked. Albania (NID, VKM 827/2003):
 * decade letter A-T (1900s-2090s), year digit, month (01-12 male, 51-62
 * female, 31-42 / 81-92 foreign residents), a valid day, a 3-digit serial
 * and the check letter; letters in either case.
 */
int	 names_pn_valid(enum names_country, const char *s);
/* Birth date and sex encoded in a valid Albanian NID: 0, or -1. */
int	 names_pn_al_decode(const char *s, struct name_date *dob,
	    enum names_sex *sex);

#endif
