/*
 * sql_pgsql.c — the SQL of every query id for the PostgreSQL backend (store
 * layer): the SQLite text of sql_sqlite.c translated once at start-up
 * (sql_pgsql_translate()), or the hand-written text of sql_pgsql_override
 * where the translation is not enough. Parameters become $1, $2, ... in the
 * numbering SQLite gives them (?N, bare ?, :name); result columns stay as
 * they are.
 *
 * What the translation does, outside string literals and quoted names:
 *   ?N ? :name @name      -> $N (named ones numbered as SQLite numbers them)
 *   user (the table)      -> "user" (a reserved word in PostgreSQL)
 *   LIKE                  -> ILIKE (SQLite's LIKE ignores ASCII case)
 *   GLOB 'pattern'        -> SIMILAR TO 'pattern' (* -> %, ? -> _)
 *   INSERT OR IGNORE      -> INSERT ... ON CONFLICT DO NOTHING
 *   group_concat(x[, s])  -> string_agg(CAST(x AS TEXT), s or ',')
 *   max(a, b, ...)        -> greatest(a, b, ...); min(...) -> least(...)
 *   AS INTEGER            -> AS BIGINT (in CAST)
 * SQLite's date and time functions used by the queries (date(),
 * strftime(), julianday()) exist in the PostgreSQL schema as functions of
 * the same name and meaning (migrations/pgsql/0001_foundation.sql).
 *
 * Checklist when a query cannot be translated: its id and PostgreSQL text
 * here, with the same parameters and result columns as the SQLite text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "sql.h"
#include "sql_pgsql.h"

/* Hand-written PostgreSQL text, where translating is not enough. */
const char *const sql_pgsql_override[Q__MAX] = {
#include "sql_pgsql_override.inc"
};

struct buf {
	char	*p;
	size_t	 n, cap;
	int	 oom;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	char *np;

	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->n + n + 1)
			cap *= 2;
		if ((np = realloc(b->p, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* The text of b (NULL when it ran out of memory), freeing old. */
static char *
take(struct buf *b, char *old)
{
	free(old);
	if (b->oom) {
		free(b->p);
		return NULL;
	}
	return b->p;
}

static int
word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The keyword kw (upper case) at s, as a whole word, any case. */
static int
kw_at(const char *start, const char *s, const char *kw)
{
	size_t n = strlen(kw);

	if (s > start && (word_char(s[-1]) || s[-1] == '.'))
		return 0;
	if (strncasecmp(s, kw, n) != 0 || word_char(s[n]))
		return 0;
	return 1;
}

/* The end of the literal or quoted name that starts at s (its quote). */
static const char *
quoted_end(const char *s)
{
	char q = *s++;

	for (; *s != '\0'; s++)
		if (*s == q) {
			if (s[1] == q)
				s++;
			else
				return s + 1;
		}
	return s;
}

/* The closing parenthesis matching the one at s; NULL if none. Counts
 * the commas at depth one in *commas. */
static const char *
close_paren(const char *s, int *commas)
{
	int depth = 0;

	*commas = 0;
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '"') {
			s = quoted_end(s) - 1;
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
		else if (*s == ',' && depth == 1)
			(*commas)++;
	}
	return NULL;
}

struct params {
	char	 names[SQL_PGSQL_MAXNAMED][32];
	int	 idx[SQL_PGSQL_MAXNAMED];
	int	 nnamed;
	int	 max;
};

static int translate_into(struct buf *, const char *, const char *,
    struct params *);

/* group_concat(args) at s (at the '('): string_agg(CAST(x AS TEXT), sep). */
static const char *
group_concat(struct buf *b, const char *s, struct params *pp)
{
	const char *end, *arg, *comma = NULL;
	int commas, depth = 0, distinct = 0;
	const char *q;

	if ((end = close_paren(s, &commas)) == NULL || commas > 1)
		return NULL;
	arg = s + 1;
	while (isspace((unsigned char)*arg))
		arg++;
	if (kw_at(arg, arg, "DISTINCT")) {
		distinct = 1;
		arg += 8;
		while (isspace((unsigned char)*arg))
			arg++;
	}
	for (q = arg; q < end; q++) {
		if (*q == '\'' || *q == '"') {
			q = quoted_end(q) - 1;
			continue;
		}
		if (*q == '(')
			depth++;
		else if (*q == ')')
			depth--;
		else if (*q == ',' && depth == 0)
			comma = q;
	}
	puts_(b, distinct ? "string_agg(DISTINCT CAST(" : "string_agg(CAST(");
	if (translate_into(b, arg, comma ? comma : end, pp) != 0)
		return NULL;
	puts_(b, " AS TEXT), ");
	if (comma != NULL) {
		while (isspace((unsigned char)comma[1]))
			comma++;
		if (translate_into(b, comma + 1, end, pp) != 0)
			return NULL;
	} else
		puts_(b, "','");
	puts_(b, ")");
	return end + 1;
}

/* A GLOB pattern literal at s: as a SIMILAR TO pattern. */
static const char *
glob_literal(struct buf *b, const char *s)
{
	const char *end = quoted_end(s), *p;
	int inclass = 0;

	for (p = s; p < end; p++) {
		if (*p == '[')
			inclass = 1;
		else if (*p == ']')
			inclass = 0;
		if (!inclass && *p == '*')
			put(b, "%", 1);
		else if (!inclass && *p == '?')
			put(b, "_", 1);
		else if (!inclass && p > s && p < end - 1 &&
		    strchr("%_|()+{}", *p) != NULL) {
			put(b, "\\", 1);
			put(b, p, 1);
		} else
			put(b, p, 1);
	}
	return end;
}

static int
param_number(struct params *pp, const char *name, size_t n)
{
	int i;

	if (n >= sizeof(pp->names[0]))
		return -1;
	for (i = 0; i < pp->nnamed; i++)
		if (strlen(pp->names[i]) == n &&
		    strncmp(pp->names[i], name, n) == 0)
			return pp->idx[i];
	if (pp->nnamed >= SQL_PGSQL_MAXNAMED || pp->max >= SQL_PGSQL_MAXPARAM)
		return -1;
	memcpy(pp->names[pp->nnamed], name, n);
	pp->names[pp->nnamed][n] = '\0';
	pp->idx[pp->nnamed++] = ++pp->max;
	return pp->max;
}

/* Translates [s, end) into b; 0, or -1 when it cannot. */
static int
translate_into(struct buf *b, const char *s, const char *end, struct params *pp)
{
	const char *start = s, *q;
	char num[16];
	int n, commas;

	while (s < end) {
		if (*s == '\'' || *s == '"') {
			q = quoted_end(s);
			put(b, s, (size_t)(q - s));
			s = q;
		} else if (*s == '?') {
			s++;
			if (isdigit((unsigned char)*s)) {
				n = (int)strtol(s, (char **)&q, 10);
				s = q;
			} else
				n = pp->max + 1;
			if (n <= 0 || n > SQL_PGSQL_MAXPARAM)
				return -1;
			if (n > pp->max)
				pp->max = n;
			snprintf(num, sizeof(num), "$%d", n);
			puts_(b, num);
		} else if ((*s == ':' || *s == '@' || *s == '$') &&
		    (isalpha((unsigned char)s[1]) || s[1] == '_') &&
		    (s == start || s[-1] != ':')) {
			q = s + 1;
			while (word_char(*q))
				q++;
			if ((n = param_number(pp, s + 1, (size_t)(q - s - 1))) < 0)
				return -1;
			snprintf(num, sizeof(num), "$%d", n);
			puts_(b, num);
			s = q;
		} else if (strncmp(s, "user", 4) == 0 && kw_at(start, s, "user")) {
			puts_(b, "\"user\"");
			s += 4;
		} else if (kw_at(start, s, "LIKE") && (s == start ||
		    !isalpha((unsigned char)s[-1]))) {
			puts_(b, "ILIKE");
			s += 4;
		} else if (kw_at(start, s, "GLOB")) {
			puts_(b, "SIMILAR TO");
			s += 4;
			while (s < end && isspace((unsigned char)*s))
				put(b, s++, 1);
			if (*s == '\'')
				s = glob_literal(b, s);
		} else if (kw_at(start, s, "INSERT") &&
		    strncasecmp(s, "INSERT OR IGNORE", 16) == 0) {
			/* Only at the start: the ON CONFLICT goes at the end. */
			if (s != start)
				return -1;
			puts_(b, "INSERT");
			s += 16;
			q = strstr(s, " RETURNING ");
			if (q == NULL || q > end)
				q = end;
			if (translate_into(b, s, q, pp) != 0)
				return -1;
			puts_(b, " ON CONFLICT DO NOTHING");
			s = q;
		} else if (kw_at(start, s, "group_concat") && s[12] == '(') {
			if ((s = group_concat(b, s + 12, pp)) == NULL)
				return -1;
		} else if ((kw_at(start, s, "max") || kw_at(start, s, "min")) &&
		    s[3] == '(' && (q = close_paren(s + 3, &commas)) != NULL &&
		    commas > 0) {
			puts_(b, tolower((unsigned char)s[1]) == 'a' ?
			    "greatest" : "least");
			s += 3;
		} else if (kw_at(start, s, "AS") &&
		    strncasecmp(s, "AS INTEGER", 10) == 0 &&
		    !word_char(s[10])) {
			puts_(b, "AS BIGINT");
			s += 10;
		} else {
			q = s;
			if (word_char(*s))
				while (q < end && word_char(*q))
					q++;
			else
				q++;
			put(b, s, (size_t)(q - s));
			s = q;
		}
	}
	return 0;
}

/*
 * SQLite fragments (of macros shared by many queries) replaced before the
 * translation: what no general rule covers.
 */
static const struct {
	const char	*from, *to;
} fragments[] = {
	/* FTS5 over the folded names: fts_match() and pg_trgm. */
	{ " WHERE child_name_fts MATCH ?2 ORDER BY rank LIMIT 400)",
	  " WHERE fts_match(names, ?2) ORDER BY similarity(names,"
	  " replace(?2, '\"', '')) DESC LIMIT 400)" },
	{ " WHERE child_name_fts MATCH ?6))",
	  " WHERE fts_match(child_name_fts.names, ?6)))" },
	/* A truth value read as a number. */
	{ "(SELECT r.validated_by IS NULL FROM",
	  "(SELECT b2i(r.validated_by IS NULL) FROM" },
	/* Sets read from their (owner, value) primary key: SQLite gives them
	 * in the key's order, PostgreSQL in the heap's. */
	{ "(SELECT group_concat(profile, ',') FROM training_programme_profile"
	  " WHERE programme_id = p.id)",
	  "(SELECT group_concat(profile, ',') FROM (SELECT profile FROM"
	  " training_programme_profile WHERE programme_id = p.id"
	  " ORDER BY profile))" },
	{ "(SELECT group_concat(category, ',') FROM consent_category"
	  " WHERE consent_id = c.id)",
	  "(SELECT group_concat(category, ',') FROM (SELECT category FROM"
	  " consent_category WHERE consent_id = c.id ORDER BY category))" },
	/* A nullable sort key: SQLite sorts NULL first (ascending). */
	{ " JOIN child ch ON ch.id = l.other ORDER BY ch.birth_date, ch.id",
	  " JOIN child ch ON ch.id = l.other ORDER BY ch.birth_date NULLS FIRST,"
	  " ch.id" },
	/* A JSON array of ids. */
	{ "(SELECT value FROM json_each(?1))",
	  "(SELECT CAST(value AS BIGINT) FROM"
	  " json_array_elements_text(CAST(?1 AS json)))" },
};

/* s with every fragment replaced (malloc'd), or a copy. */
static char *
replace_fragments(const char *s)
{
	struct buf b = { NULL, 0, 0, 0 };
	size_t i, n;
	int hit;

	while (*s != '\0') {
		hit = 0;
		for (i = 0; i < sizeof(fragments) / sizeof(fragments[0]); i++) {
			n = strlen(fragments[i].from);
			if (strncmp(s, fragments[i].from, n) == 0) {
				puts_(&b, fragments[i].to);
				s += n;
				hit = 1;
				break;
			}
		}
		if (!hit)
			put(&b, s++, 1);
	}
	if (b.p == NULL && !b.oom)
		puts_(&b, "");
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static int
is_keyword(const char *w, size_t n)
{
	static const char *const kw[] = { "WHERE", "GROUP", "ORDER", "LIMIT",
	    "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "FULL", "ON", "UNION",
	    "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "OFFSET", "RETURNING",
	    "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL",
	    "IS", "IN", "AS", "CAST", "BIGINT", "TEXT", "LIKE", "ILIKE",
	    "BETWEEN", "EXISTS", "SELECT", "FROM", "DISTINCT", "TRUE", "FALSE",
	    "excluded", "SET", "DO", "UPDATE", "NOTHING", "CONFLICT",
	    "INTEGER", "SIMILAR", "TO", "ESCAPE", NULL };
	size_t i;

	for (i = 0; kw[i] != NULL; i++)
		if (strlen(kw[i]) == n && strncasecmp(kw[i], w, n) == 0)
			return 1;
	return 0;
}

/* PostgreSQL 15 wants an alias on every subquery in FROM or JOIN. */
static char *
alias_subqueries(char *sql)
{
	struct buf b = { NULL, 0, 0, 0 };
	const char *s = sql, *q, *w;
	char alias[32];
	int commas, k = 0;

	while (*s != '\0') {
		if (*s == '\'' || *s == '"') {
			q = quoted_end(s);
			put(&b, s, (size_t)(q - s));
			s = q;
			continue;
		}
		if ((kw_at(sql, s, "FROM") || kw_at(sql, s, "JOIN"))) {
			q = s + 4;
			while (isspace((unsigned char)*q))
				q++;
			if (*q == '(' && (q = close_paren(q, &commas)) != NULL) {
				q++;
				put(&b, s, (size_t)(q - s));
				s = q;
				w = q;
				while (isspace((unsigned char)*w))
					w++;
				q = w;
				while (word_char(*q))
					q++;
				if (q == w || is_keyword(w, (size_t)(q - w))) {
					snprintf(alias, sizeof(alias), " AS sq%d",
					    ++k);
					puts_(&b, alias);
				}
				continue;
			}
		}
		put(&b, s++, 1);
	}
	return take(&b, sql);
}

/*
 * In ON CONFLICT ... DO UPDATE SET, PostgreSQL finds a bare column name
 * ambiguous (the row or excluded): qualified with the target table.
 */
static char *
qualify_upsert(char *sql)
{
	struct buf b = { NULL, 0, 0, 0 };
	const char *s, *t, *q, *end, *w;
	char table[64];
	int depth = 0, target = 1;
	size_t n;

	if (strncmp(sql, "INSERT INTO ", 12) != 0 ||
	    (s = strstr(sql, " DO UPDATE SET ")) == NULL)
		return sql;
	t = sql + 12;
	q = t;
	while (word_char(*q) || *q == '"')
		q++;
	n = (size_t)(q - t);
	if (n == 0 || n >= sizeof(table))
		return sql;
	memcpy(table, t, n);
	table[n] = '\0';
	if (strncmp(q, " AS ", 4) == 0) {	/* aliased: the alias */
		t = q + 4;
		q = t;
		while (word_char(*q))
			q++;
		n = (size_t)(q - t);
		if (n == 0 || n >= sizeof(table))
			return sql;
		memcpy(table, t, n);
		table[n] = '\0';
	}
	s += 15;
	put(&b, sql, (size_t)(s - sql));
	end = strstr(s, " RETURNING ");
	if (end == NULL)
		end = s + strlen(s);
	while (s < end) {
		if (*s == '\'' || *s == '"') {
			q = quoted_end(s);
			put(&b, s, (size_t)(q - s));
			s = q;
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		else if (*s == ',' && depth == 0)
			target = 1;
		if (!word_char(*s)) {
			put(&b, s++, 1);
			continue;
		}
		w = s;
		while (word_char(*s))
			s++;
		n = (size_t)(s - w);
		q = s;
		while (*q == ' ')
			q++;
		if (kw_at(w, w, "WHERE"))
			target = 0;
		if (isalpha((unsigned char)*w) && !(w > sql && (w[-1] == '.' ||
		    w[-1] == '$')) && *s != '.' && *q != '(' &&
		    !is_keyword(w, n) && !(target && *q == '=')) {
			puts_(&b, table);
			put(&b, ".", 1);
		}
		if (target && *q == '=')
			target = 0;
		put(&b, w, n);
	}
	puts_(&b, end);
	return take(&b, sql);
}

char *
sql_pgsql_translate(const char *sqlite, int *nparams)
{
	struct buf b = { NULL, 0, 0, 0 };
	struct params *pp;
	char *src;
	int rc;

	if ((pp = calloc(1, sizeof(*pp))) == NULL)
		return NULL;
	if ((src = replace_fragments(sqlite)) == NULL) {
		free(pp);
		return NULL;
	}
	rc = translate_into(&b, src, src + strlen(src), pp);
	free(src);
	if (nparams != NULL)
		*nparams = pp->max;
	free(pp);
	if (rc != 0 || b.oom) {
		free(b.p);
		return NULL;
	}
	if ((b.p = alias_subqueries(b.p)) == NULL)
		return NULL;
	return qualify_upsert(b.p);
}
