/*
 * i18n.h — message catalogues (i18n layer).
 *
 * Catalogues are gettext .po files under po/ (sq.po, en.po, sr.po), compiled
 * into the binary and read once at start-up. A msgid is a stable key such as
 * "login.title"; msgstr is the text in that language. Albanian is the default
 * and the reference: every key must be present and non-empty in every
 * language, or i18n_load() fails.
 */
#ifndef RRJETI_I18N_H
#define RRJETI_I18N_H

#include <stddef.h>

enum lang {
	LANG_SQ,	/* Albanian, the default */
	LANG_EN,
	LANG_SR,	/* Serbian, Latin script */
	LANG__MAX
};

struct i18n_src {
	enum lang	 lang;
	const char	*text;	/* the .po file */
	size_t		 len;
};

/* Parses the catalogues; 0, or -1 with a message (file:line) in err. Call
 * once before any thread uses the others. */
int		 i18n_load(const struct i18n_src *, size_t n, char *err, size_t errlen);
void		 i18n_clear(void);
/* The message, never NULL: the key itself when it is missing. */
const char	*i18n_get(enum lang, const char *key);
int		 i18n_has(const char *key);
/*
 * For callers that resolve a key once (the templates): its index in the
 * loaded catalogue (-1 when missing), the catalogue's generation (it
 * changes with every i18n_load() and i18n_clear(), and an index is good
 * only for the generation it came from), and the message at an index.
 */
long		 i18n_index(const char *key);
unsigned	 i18n_generation(void);
const char	*i18n_at(long idx, enum lang);
/* Number of keys, and the i-th key (for listing and tests). */
size_t		 i18n_count(void);
const char	*i18n_key(size_t i);
/* "sq", "en", "sr"; and back (-1 when unknown). */
const char	*lang_code(enum lang);
int		 lang_parse(const char *code);
/* Picks the best language from an Accept-Language header; LANG_SQ by default. */
enum lang	 lang_from_accept(const char *header);

#endif
