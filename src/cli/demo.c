/*
 * demo.c — rrjeti demo: a synthetic national data set (cli layer).
 *
 *   rrjeti demo --data DIR --children N [--seed S] [--years Y]
 *
 * Adds N children with their reports of concern, cases, concerns, risk
 * histories and case events to an initialised installation, spread over
 * the last Y years (default 3), deterministic for a seed (default 1). The
 * rows are those the services write (child.c, intake.c, case.c): folded
 * name keys by names_fold() and a child_name_fts row per child, case numbers
 * {country}-{num}-{year}-{seq} from case_counter per municipality and year
 * in the order the cases were opened, one primary concern per case, the
 * restricted flag from the concerns, risk as a history (case_file.risk is
 * the latest), timeline events as the services word them.
 *
 * Distributions (documented, approximate, for synthetic data only):
 * municipalities by population (census totals of data/ CSV files; where a total
 * is missing, the approximate figures of pop_guess[] below, or an equal
 * share of the Albanian county's remainder); communities by municipality
 * (Serb-majority municipalities of Kosovo, Mamushë Turkish, Dragash Gorani,
 * Roma, Ashkali and Egyptian everywhere in small shares) with names of the
 * matching language from data/names.csv; ages 0-17; concerns with neglect,
 * domestic and physical violence, out of school and street situation the
 * most common; risk at the end about 50 % low, 35 % medium, 15 % high;
 * every referrer type; about 12 % of registrations are a child already
 * known, written as the referrer spelled it (diacritics dropped, Albanian
 * orthography of a Serbian name, Cyrillic, surname first), and about one in
 * seven of those became a second child record (the duplicates a supervisor
 * merges); personal numbers for about 60 % (Kosovo 10 digits, Albania the
 * NID with its check letter).
 *
 * Speed: the bulk load runs on its own connection with the journal in
 * memory, synchronous off and a large page cache, one transaction per
 * batch of BATCH registrations and prepared statements; the WAL journal is
 * restored at the end. The SQL is in src/store/sql_sqlite_demo.inc; like
 * the migrations, this tool runs it on a raw SQLite handle. One summary
 * audit row records the generation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>
#include <sqlite3.h>

#include "../app/app.h"
#include "../audit/audit.h"
#include "../store/sql.h"
#include "../store/store.h"
#include "../svc/auth.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/csv.h"
#include "../util/embed.h"
#include "../util/names.h"
#include "cli.h"
#include "demo.h"

#define BATCH		20000	/* registrations per transaction */
#define REUSE_PCT	12	/* registrations of a child already known */
#define DUP_PCT		15	/* of those: a second child record */
#define NOTADM_PCT	7	/* extra reports not admitted */
#define NAMES_MAX	256
#define WORKERS_MAX	64

/* ---------------------------------------------------------------- random */

struct rng {
	uint64_t	s;
};

static uint64_t
rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t
rndn(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(((rnd(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

static int
pct(struct rng *r, unsigned p)
{
	return rndn(r, 1000) < p * 10;
}

/* Index by weights w[0..n). */
static int
pick(struct rng *r, const double *w, int n)
{
	double t = 0, x;
	int i;

	for (i = 0; i < n; i++)
		t += w[i];
	x = (double)(rnd(r) >> 11) * 0x1p-53 * t;
	for (i = 0; i < n - 1; i++)
		if ((x -= w[i]) < 0)
			return i;
	return n - 1;
}

/* ---------------------------------------------------------------- names */

enum nlang { L_SQ, L_SR, L_BS, L_TR, L__N };
enum kind { K_M, K_F, K_SUR, K__N };
static const char *const nlang_code[L__N] = { "sq", "sr", "bs", "tr" };

struct names {
	const char	*s[L__N][K__N][NAMES_MAX];
	const char	*fold[L__N][K__N][NAMES_MAX];
	int		 n[L__N][K__N];
	struct arena	*a;
};

static int
names_cb(void *arg, size_t line, char **f, size_t n)
{
	struct names *nm = arg;
	int l, k;

	if (line == 1 || n < 3)
		return 0;
	for (l = 0; l < L__N && strcmp(f[2], nlang_code[l]); l++)
		;
	k = strcmp(f[1], "given_m") == 0 ? K_M : strcmp(f[1], "given_f") == 0 ?
	    K_F : strcmp(f[1], "surname") == 0 ? K_SUR : -1;
	if (l == L__N || k < 0 || nm->n[l][k] == NAMES_MAX)
		return 0;
	nm->s[l][k][nm->n[l][k]] = arena_strdup(nm->a, f[0]);
	nm->fold[l][k][nm->n[l][k]] = names_fold(nm->a, f[0]);
	if (nm->s[l][k][nm->n[l][k]] == NULL ||
	    nm->fold[l][k][nm->n[l][k]] == NULL)
		return -1;
	nm->n[l][k]++;
	return 0;
}

/* UTF-8 rewriting by a table of (from, to), longest entries first. */
struct subst {
	const char	*from, *to;
};

static const struct subst strip_tab[] = {
	{ "ë", "e" }, { "Ë", "E" }, { "ç", "c" }, { "Ç", "C" }, { "š", "s" },
	{ "Š", "S" }, { "ž", "z" }, { "Ž", "Z" }, { "č", "c" }, { "Č", "C" },
	{ "ć", "c" }, { "Ć", "C" }, { "đ", "dj" }, { "Đ", "Dj" }, { "ü", "u" },
	{ "Ü", "U" }, { "ö", "o" }, { "Ö", "O" }, { "ş", "s" }, { "Ş", "S" },
	{ "ğ", "g" }, { "ı", "i" }, { "İ", "I" }, { NULL, NULL }
};

/* A Serbian or Bosnian name in Albanian spelling (DOMAIN.md §8). */
static const struct subst sq_tab[] = {
	{ "dž", "xh" }, { "Dž", "Xh" }, { "ć", "q" }, { "Ć", "Q" }, { "č", "ç" },
	{ "Č", "Ç" }, { "đ", "gj" }, { "Đ", "Gj" }, { "š", "sh" }, { "Š", "Sh" },
	{ "ž", "zh" }, { "Ž", "Zh" }, { NULL, NULL }
};

static const struct subst cyr_tab[] = {
	{ "Lj", "Љ" }, { "lj", "љ" }, { "Nj", "Њ" }, { "nj", "њ" }, { "Dž", "Џ" },
	{ "dž", "џ" }, { "a", "а" }, { "b", "б" }, { "v", "в" }, { "g", "г" },
	{ "d", "д" }, { "đ", "ђ" }, { "e", "е" }, { "ž", "ж" }, { "z", "з" },
	{ "i", "и" }, { "j", "ј" }, { "k", "к" }, { "l", "л" }, { "m", "м" },
	{ "n", "н" }, { "o", "о" }, { "p", "п" }, { "r", "р" }, { "s", "с" },
	{ "t", "т" }, { "ć", "ћ" }, { "u", "у" }, { "f", "ф" }, { "h", "х" },
	{ "c", "ц" }, { "č", "ч" }, { "š", "ш" }, { "A", "А" }, { "B", "Б" },
	{ "V", "В" }, { "G", "Г" }, { "D", "Д" }, { "Đ", "Ђ" }, { "E", "Е" },
	{ "Ž", "Ж" }, { "Z", "З" }, { "I", "И" }, { "J", "Ј" }, { "K", "К" },
	{ "L", "Л" }, { "M", "М" }, { "N", "Н" }, { "O", "О" }, { "P", "П" },
	{ "R", "Р" }, { "S", "С" }, { "T", "Т" }, { "Ć", "Ћ" }, { "U", "У" },
	{ "F", "Ф" }, { "H", "Х" }, { "C", "Ц" }, { "Č", "Ч" }, { "Š", "Ш" },
	{ NULL, NULL }
};

static void
rewrite(const char *s, const struct subst *t, char *out, size_t outlen)
{
	size_t o = 0, k, fl, tl;

	while (*s && o + 8 < outlen) {
		for (k = 0; t[k].from != NULL; k++) {
			fl = strlen(t[k].from);
			if (strncmp(s, t[k].from, fl) == 0)
				break;
		}
		if (t[k].from != NULL) {
			tl = strlen(t[k].to);
			memcpy(out + o, t[k].to, tl);
			o += tl;
			s += fl;
		} else
			out[o++] = *s++;
	}
	out[o] = '\0';
}

/* ---------------------------------------------------------------- places */

/* Approximate totals where data/ CSV files has none (2024 census estimates for
 * Kosovo, 2023 for Albania's largest municipalities): weights only. */
static const struct { const char *code; int pop; } pop_guess[] = {
	{ "XK10", 33000 }, { "XK11", 5800 }, { "XK12", 29000 },
	{ "XK13", 26000 }, { "XK14", 33000 }, { "XK15", 2500 },
	{ "XK16", 13000 }, { "XK17", 52000 }, { "XK18", 49000 },
	{ "XK19", 5400 }, { "XK20", 65000 }, { "XK21", 22000 },
	{ "XK22", 6700 }, { "XK23", 22000 }, { "XK24", 1800 },
	{ "XK25", 83000 }, { "XK26", 71000 }, { "XK29", 51000 },
	{ "XK30", 3800 }, { "XK31", 6900 }, { "XK32", 24000 },
	{ "XK33", 43000 }, { "XK34", 45000 }, { "XK35", 38000 },
	{ "XK36", 61000 }, { "XK37", 6600 }, { "XK38", 7500 },
	{ "AL53", 598000 }, { "AL50", 90000 }, { "AL10", 155000 },
	{ "AL21", 105000 }, { "AL61", 100000 }, { "AL35", 75000 },
};

enum community { C_ALB, C_SRB, C_BOS, C_TUR, C_ROM, C_ASH, C_EGY, C_GOR,
	C_OTH, C__N };
static const char *const community_name[C__N] = { "albanian", "serb",
	"bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani", "other" };
static const enum nlang community_lang[C__N] = { L_SQ, L_SR, L_BS, L_TR,
	L_SQ, L_SQ, L_SQ, L_BS, L_SQ };
static const char *const community_language[C__N] = { "sq", "sr", "bs",
	"tr", "rom", "sq", "sq", "bs", "sq" };

struct worker {
	int64_t		 id;
	const char	*name;
};

struct muni {
	int64_t		 id;
	char		 code[8], country[3], num[4], name[96], region[64];
	double		 weight, comm[C__N];
	int64_t		 agency, team;
	const char	*team_name;
	struct worker	 w[WORKERS_MAX];
	int		 nw;
	int64_t		 supervisor;
	int		 had_users;	/* users before this run (init --demo) */
	int		*counter;	/* last case number per year */
};

/* ---------------------------------------------------------------- SQL */

struct db {
	sqlite3		*h;
	sqlite3_stmt	*q[Q__MAX];
	char		*err;
	size_t		 errlen;
};

static int
dberr(struct db *d, const char *what)
{
	snprintf(d->err, d->errlen, "%s: %s", what, sqlite3_errmsg(d->h));
	return -1;
}

static sqlite3_stmt *
st(struct db *d, enum qid q)
{
	if (d->q[q] == NULL &&
	    sqlite3_prepare_v3(d->h, sql_sqlite[q], -1, SQLITE_PREPARE_PERSISTENT,
	    &d->q[q], NULL) != SQLITE_OK) {
		dberr(d, query_name(q));
		return NULL;
	}
	sqlite3_reset(d->q[q]);
	sqlite3_clear_bindings(d->q[q]);
	return d->q[q];
}

static void
bt(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

static void
bi(sqlite3_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s, i, v);
}

/* bi, or NULL for 0. */
static void
bid(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == 0)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, v);
}

static int
run(struct db *d, sqlite3_stmt *s, enum qid q)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(d, query_name(q));
	return 0;
}

/* Resets every statement: COMMIT refuses while one is still stepping. */
static void
reset_all(struct db *d)
{
	int k;

	for (k = 0; k < Q__MAX; k++)
		if (d->q[k] != NULL)
			sqlite3_reset(d->q[k]);
}

static int
exec(struct db *d, const char *sql)
{
	char *m = NULL;

	reset_all(d);
	if (sqlite3_exec(d->h, sql, NULL, NULL, &m) != SQLITE_OK) {
		snprintf(d->err, d->errlen, "%s: %s", sql, m ? m : "?");
		sqlite3_free(m);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- dates */

/* Days since 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void
iso_of(int64_t days, char out[11])
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* The calendar year of t in Central European time (as case.c numbers). */
static int
local_year(int64_t t)
{
	char b[32];

	clock_format(t, 0, b, sizeof(b));
	return atoi(b + 6);
}

/* ---------------------------------------------------------------- tables */

/* Primary concerns (DOMAIN.md §6: neglect, violence, out of school, street
 * situation most common; sexual abuse and trafficking rarer). */
static const struct { const char *code; double w; } concern_w[] = {
	{ "NEG", 20 }, { "VIO_DV", 16 }, { "VIO_PHY", 12 }, { "EDU", 12 },
	{ "STR", 9 }, { "VIO_PSY", 6 }, { "VIO_PEER", 5 }, { "EXP_ECO", 4 },
	{ "ABN", 3 }, { "CCL", 3 }, { "DIS", 2 }, { "MH", 2 }, { "VIO_SEX", 1.5 },
	{ "MAR", 1.5 }, { "ONL", 1.5 }, { "CCL_U14", 1 }, { "VW", 1 },
	{ "DOC", 1 }, { "MIG", 0.5 }, { "TRF", 0.4 }, { "EXP_SEX", 0.3 },
};
#define NCONCERN (sizeof(concern_w) / sizeof(concern_w[0]))

static const char *const referrers[] = { "police", "school", "health",
	"social_work", "ngo", "family", "self", "anonymous",
	"other_municipality", "community", "systematic_visit", "other" };
static const double referrer_w[] = { 20, 18, 10, 8, 7, 12, 3, 6, 3, 5, 5, 3 };
static const char *const channels[] = { "phone", "in_person", "email",
	"letter", "online", "visit" };
static const double channel_w[] = { 35, 30, 8, 10, 7, 10 };

static const char *const rationale[3] = {
	"Nevoja të pranishme, pa dëm aktual; faktorë mbrojtës në familje.",
	"Dëm i ndodhur ose i mundshëm; fëmija mund të qëndrojë në shtëpi me "
	    "mbështetje.",
	"Rrezik i menjëhershëm për sigurinë e fëmijës; njoftuar policia.",
};
static const char *const risk_name[3] = { "low", "medium", "high" };
static const char *const close_reasons[] = { "goals_met",
	"no_longer_at_risk", "moved", "turned_18", "family_refused" };

/* ---------------------------------------------------------------- state */

struct kid {
	uint16_t	given, family, parent;
	uint8_t		lang, sex, comm, est;
	uint16_t	muni;
	int32_t		dob;		/* days since 1970 */
};

struct gen {
	struct db		 d;
	struct rng		 r;
	struct names		 nm;
	struct muni		*m;
	int			 nm_n;
	double			*mw;
	int			 cidx[NCONCERN];	/* index in concern table */
	int			 crestricted[NCONCERN];
	double			 cw[NCONCERN];
	struct kid		*kids;
	int64_t			*kid_id;
	int64_t			 nkids;
	int64_t			 child_id, report_id, case_id, risk_id;
	int			 y0, ny;
	uint16_t		*al_serial;	/* per birth day and sex */
	int64_t			 al_day0;
	int64_t			 now;
	uint64_t		 pn_off;
	struct demo_stats	*stats;
	struct arena		*a;
	const char		*pw_hash;
};

/* ---------------------------------------------------------------- setup */

static int
load_munis(struct gen *g)
{
	static const char *const serb_maj[] = { "XK08", "XK15", "XK16", "XK21",
		"XK22", "XK24", "XK30", "XK31", "XK37", "XK38", NULL };
	sqlite3_stmt *s;
	const struct embedded_file *ef;
	struct muni *m;
	double qpop[64], qknown[64];
	int qcount[64], nq = 0, i, k, rc;
	char qname[64][64];

	if ((s = st(&g->d, Q_DEMO_MUNIS)) == NULL)
		return -1;
	if ((g->m = calloc(128, sizeof(*g->m))) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && g->nm_n < 128) {
		m = &g->m[g->nm_n++];
		m->id = sqlite3_column_int64(s, 0);
		snprintf(m->code, sizeof(m->code), "%s", sqlite3_column_text(s, 1));
		snprintf(m->country, sizeof(m->country), "%s",
		    sqlite3_column_text(s, 2));
		snprintf(m->num, sizeof(m->num), "%s", sqlite3_column_text(s, 3));
		snprintf(m->name, sizeof(m->name), "%s", sqlite3_column_text(s, 4));
		m->weight = (double)sqlite3_column_int64(s, 5);
		snprintf(m->region, sizeof(m->region), "%s",
		    sqlite3_column_text(s, 6));
		for (k = 0; m->weight <= 0 &&
		    k < (int)(sizeof(pop_guess) / sizeof(pop_guess[0])); k++)
			if (strcmp(pop_guess[k].code, m->code) == 0)
				m->weight = pop_guess[k].pop;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(&g->d, "municipalities");
	if (g->nm_n == 0) {
		snprintf(g->d.err, g->d.errlen, "no municipalities: run "
		    "rrjeti init first");
		return -1;
	}
	/* Albania: the county's total less what is known, shared equally. */
	if ((ef = embed_find("data/albania_municipalities.csv")) != NULL) {
		const char *p = ef->data, *e;
		char line[256], *f[6];

		for (; *p && nq < 64; p = *e ? e + 1 : e) {
			e = strchr(p, '\n');
			if (e == NULL)
				e = p + strlen(p);
			snprintf(line, sizeof(line), "%.*s", (int)(e - p), p);
			f[0] = strtok(line, ",");
			for (k = 1; k < 5; k++)
				f[k] = f[k - 1] ? strtok(NULL, ",") : NULL;
			if (f[3] == NULL || atoi(f[3]) <= 0)
				continue;
			for (i = 0; i < nq && strcmp(qname[i], f[2]); i++)
				;
			if (i == nq) {
				snprintf(qname[nq], sizeof(qname[nq]), "%s", f[2]);
				qpop[nq] = atoi(f[3]);
				qknown[nq] = 0;
				qcount[nq++] = 0;
			}
		}
	}
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		if (strcmp(m->country, "AL") != 0)
			continue;
		for (i = 0; i < nq && strcmp(qname[i], m->region); i++)
			;
		if (i == nq)
			continue;
		if (m->weight > 0)
			qknown[i] += m->weight;
		else
			qcount[i]++;
	}
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		if (m->weight > 0)
			continue;
		for (i = 0; i < nq && strcmp(qname[i], m->region); i++)
			;
		if (i < nq && qcount[i] > 0 && qpop[i] > qknown[i])
			m->weight = (qpop[i] - qknown[i]) / qcount[i];
		if (m->weight < 1500)
			m->weight = strcmp(m->country, "XK") == 0 ? 20000 : 15000;
	}
	/* Communities. */
	for (k = 0; k < g->nm_n; k++) {
		double *c = g->m[k].comm;

		m = &g->m[k];
		memset(c, 0, sizeof(m->comm));
		if (strcmp(m->country, "AL") == 0) {
			c[C_ALB] = 96; c[C_ROM] = 1.2; c[C_EGY] = 2; c[C_OTH] = 0.8;
			continue;
		}
		c[C_ALB] = 92.5; c[C_SRB] = 1.5; c[C_BOS] = 1; c[C_TUR] = 0.6;
		c[C_ROM] = 0.8; c[C_ASH] = 1.9; c[C_EGY] = 1; c[C_GOR] = 0.1;
		c[C_OTH] = 0.6;
		for (i = 0; serb_maj[i] != NULL; i++)
			if (strcmp(serb_maj[i], m->code) == 0) {
				memset(c, 0, sizeof(m->comm));
				c[C_SRB] = 85; c[C_ALB] = 11; c[C_ROM] = 3;
				c[C_OTH] = 1;
			}
		if (strcmp(m->code, "XK19") == 0) {	/* Mamushë */
			c[C_TUR] = 90; c[C_ALB] = 8; c[C_ROM] = 2;
		} else if (strcmp(m->code, "XK02") == 0) {	/* Dragash */
			c[C_GOR] = 25; c[C_BOS] = 3;
		} else if (strcmp(m->code, "XK28") == 0) {	/* Prizren */
			c[C_TUR] = 4; c[C_BOS] = 8; c[C_ROM] = 2;
		} else if (strcmp(m->code, "XK25") == 0 ||
		    strcmp(m->code, "XK10") == 0) {		/* Pejë, Istog */
			c[C_BOS] = 5; c[C_EGY] = 3;
		} else if (strcmp(m->code, "XK06") == 0)	/* Gjakovë */
			c[C_EGY] = 5;
		else if (strcmp(m->code, "XK04") == 0 ||
		    strcmp(m->code, "XK05") == 0)	/* Ferizaj, Fushë Kosovë */
			c[C_ASH] = 5;
	}
	if ((g->mw = calloc((size_t)g->nm_n, sizeof(double))) == NULL)
		return -1;
	for (k = 0; k < g->nm_n; k++)
		g->mw[k] = g->m[k].weight;
	return 0;
}

static const char *
full_name(struct gen *g, int lang, int sex)
{
	int k = sex ? K_F : K_M;

	return arena_printf(g->a, "%s %s",
	    g->nm.s[lang][k][rndn(&g->r, (uint32_t)g->nm.n[lang][k])],
	    g->nm.s[lang][K_SUR][rndn(&g->r, (uint32_t)g->nm.n[lang][K_SUR])]);
}

static int64_t
insert_user(struct gen *g, struct muni *m, const char *username,
    const char *role, const char *scope, int64_t team, const char **name)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int lang = m->comm[C_SRB] > 50 ? L_SR : L_SQ;

	if ((s = st(&g->d, Q_DEMO_USER_BY_NAME)) == NULL)
		return -1;
	bt(s, 1, username);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*name = arena_strdup(g->a, (const char *)sqlite3_column_text(s, 1));
		return sqlite3_column_int64(s, 0);
	}
	if ((s = st(&g->d, Q_DEMO_USER_INSERT)) == NULL)
		return -1;
	bt(s, 1, username);
	bt(s, 2, full_name(g, lang, (int)rndn(&g->r, 2)));
	bt(s, 3, g->pw_hash);
	bt(s, 4, role);
	bt(s, 5, scope);
	bi(s, 6, m->agency);
	bid(s, 7, team);
	bt(s, 8, lang == L_SR ? "sr" : "sq");
	bi(s, 9, 0);	/* as the users of init --demo */
	bi(s, 10, g->now);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, username);
	id = sqlite3_column_int64(s, 0);
	*name = arena_strdup(g->a, (const char *)sqlite3_column_text(s, 1));
	g->stats->users++;
	return id;
}

/* The intake agency of each municipality, its team, caseworkers and a
 * supervisor: those of the installation where they exist (QPS-HANI,
 * NJMF-TIRANE of init --demo), else created (QPS-XK05, NJMF-AL12). */
static int
setup_agencies(struct gen *g, double cases_per_year)
{
	sqlite3_stmt *s;
	struct muni *m;
	char code[32], user[64];
	const char *sname;
	double tw = 0;
	int k, want, xk;

	for (k = 0; k < g->nm_n; k++)
		tw += g->m[k].weight;
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		xk = strcmp(m->country, "XK") == 0;
		if ((s = st(&g->d, Q_DEMO_SW_AGENCY)) == NULL)
			return -1;
		bi(s, 1, m->id);
		if (sqlite3_step(s) == SQLITE_ROW)
			m->agency = sqlite3_column_int64(s, 0);
		else {
			snprintf(code, sizeof(code), "%s-%s", xk ? "QPS" : "NJMF",
			    m->code);
			if ((s = st(&g->d, Q_DEMO_AGENCY_INSERT)) == NULL)
				return -1;
			bt(s, 1, code);
			bt(s, 2, arena_printf(g->a, xk ? "Qendra për Punë Sociale "
			    "%s" : "Njësia për Mbrojtjen e Fëmijëve %s", m->name));
			bi(s, 3, m->id);
			bi(s, 4, g->now);
			if (sqlite3_step(s) != SQLITE_ROW)
				return dberr(&g->d, code);
			m->agency = sqlite3_column_int64(s, 0);
			g->stats->agencies++;
		}
		if ((s = st(&g->d, Q_DEMO_TEAM_FIRST)) == NULL)
			return -1;
		bi(s, 1, m->agency);
		if (sqlite3_step(s) == SQLITE_ROW) {
			m->team = sqlite3_column_int64(s, 0);
			m->team_name = arena_strdup(g->a,
			    (const char *)sqlite3_column_text(s, 1));
		} else {
			m->team_name = xk ? "Ekipi 1" : "Njësia 1";
			if ((s = st(&g->d, Q_DEMO_TEAM_INSERT)) == NULL)
				return -1;
			bi(s, 1, m->agency);
			bt(s, 2, m->team_name);
			bi(s, 3, g->now);
			if (sqlite3_step(s) != SQLITE_ROW)
				return dberr(&g->d, "team");
			m->team = sqlite3_column_int64(s, 0);
		}
		if ((s = st(&g->d, Q_DEMO_AGENCY_USERS)) == NULL)
			return -1;
		bi(s, 1, m->agency);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *role = (const char *)sqlite3_column_text(s, 2);

			if (strcmp(role, "supervisor") == 0 && !m->supervisor)
				m->supervisor = sqlite3_column_int64(s, 0);
			else if (strcmp(role, "caseworker") == 0 &&
			    m->nw < WORKERS_MAX) {
				m->w[m->nw].id = sqlite3_column_int64(s, 0);
				m->w[m->nw++].name = arena_strdup(g->a,
				    (const char *)sqlite3_column_text(s, 1));
			}
		}
		m->had_users = m->nw > 0 || m->supervisor != 0;
		/* About 300 cases per worker a year (DOMAIN.md §1). */
		want = (int)(cases_per_year * m->weight / tw / 300 + 0.5);
		if (want < 1)
			want = 1;
		if (want > WORKERS_MAX)
			want = WORKERS_MAX;
		while (m->nw < want) {
			snprintf(user, sizeof(user), "%s.%s.%d", xk ? "qps" : "pmf",
			    m->code, m->nw + 1);
			for (char *p = user; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			if ((m->w[m->nw].id = insert_user(g, m, user, "caseworker",
			    "team", m->team, &m->w[m->nw].name)) <= 0)
				return -1;
			m->nw++;
		}
		if (!m->supervisor) {
			snprintf(user, sizeof(user), "sup.%s", m->code);
			for (char *p = user; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			if ((m->supervisor = insert_user(g, m, user, "supervisor",
			    "unit", 0, &sname)) <= 0)
				return -1;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- rows */

static int
event(struct gen *g, int64_t cid, int64_t at, int64_t actor, const char *kind,
    const char *field, const char *before, const char *after, const char *note)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_EVENT_INSERT)) == NULL)
		return -1;
	bi(s, 1, cid);
	bi(s, 2, at);
	bid(s, 3, actor);
	bt(s, 4, kind);
	bt(s, 5, field);
	bt(s, 6, before);
	bt(s, 7, after);
	bt(s, 8, note);
	g->stats->events++;
	return run(&g->d, s, Q_DEMO_EVENT_INSERT);
}

static int
risk_row(struct gen *g, int64_t cid, int level, int64_t author, int64_t at,
    int64_t validator, int64_t vat)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_RISK_INSERT)) == NULL)
		return -1;
	bi(s, 1, ++g->risk_id);
	bi(s, 2, cid);
	bt(s, 3, risk_name[level]);
	bt(s, 4, rationale[level]);
	bi(s, 5, author);
	bi(s, 6, at);
	bid(s, 7, validator);
	bid(s, 8, validator ? vat : 0);
	g->stats->risks++;
	return run(&g->d, s, Q_DEMO_RISK_INSERT);
}

/* A personal number of the child's country, or NULL (about 60 %). */
static const char *
personal_number(struct gen *g, const struct muni *m, int64_t seq, int32_t dob,
    int sex, char out[16])
{
	static const char al_alphabet[] = "WABCDEFGHIJKLMNOPQRSTUV";
	int y, mo, d, sum = 0, k, v;
	int64_t slot;
	uint16_t serial;

	if (!pct(&g->r, 75))
		return NULL;
	if (strcmp(m->country, "XK") == 0) {
		snprintf(out, 16, "1%09llu", (unsigned long long)
		    (((uint64_t)seq * 387420489ULL + g->pn_off) %
		    1000000000ULL));
		return names_pn_valid(NAMES_XK, out) ? out : NULL;
	}
	civil_from_days(dob, &y, &mo, &d);
	slot = ((int64_t)dob - g->al_day0) * 2 + (sex ? 1 : 0);
	if (y < 1900 || y > 2099 || slot < 0 || slot >= 2 * 366 * 22)
		return NULL;
	serial = g->al_serial[slot]++ % 1000;
	snprintf(out, 16, "%c%d%02d%02d%03u", 'A' + (y - 1900) / 10, y % 10,
	    mo + (sex ? 50 : 0), d, serial);
	for (k = 0; k < 9; k++) {
		v = out[k] >= '0' && out[k] <= '9' ? out[k] - '0' :
		    (int)(strchr(al_alphabet, out[k]) - al_alphabet);
		sum += (k == 0 ? 1 : k) * v;
	}
	out[9] = al_alphabet[sum % 23];
	out[10] = '\0';
	return names_pn_valid(NAMES_AL, out) ? out : NULL;
}

static const char *
school_status(struct gen *g, int age, int edu)
{
	static const char *const s[] = { "enrolled", "irregular", "dropped_out",
		"never_enrolled", "unknown" };
	static const double w[] = { 80, 8, 6, 2, 4 }, we[] = { 10, 40, 40, 8, 2 };

	if (age < 3)
		return "not_school_age";
	if (age < 6)
		return pct(&g->r, 40) ? "preschool" : "not_school_age";
	return s[pick(&g->r, edu ? we : w, 5)];
}

/* How a referrer wrote the name of a child already known. */
enum variant { V_SAME, V_STRIP, V_ORTH, V_CYR, V_SWAP, V__N };

static void
variant_names(struct gen *g, const struct kid *k, enum variant v,
    char *given, char *family, char *parent, size_t len)
{
	const char *gs = g->nm.s[k->lang][k->sex ? K_F : K_M][k->given];
	const char *fs = g->nm.s[k->lang][K_SUR][k->family];
	const char *ps = g->nm.s[k->lang][K_M][k->parent];
	const struct subst *t = NULL;

	if (v == V_ORTH && k->lang != L_SR && k->lang != L_BS)
		v = V_STRIP;
	if (v == V_CYR && k->lang != L_SR)
		v = V_STRIP;
	switch (v) {
	case V_STRIP:
		t = strip_tab;
		break;
	case V_ORTH:
		t = sq_tab;
		break;
	case V_CYR:
		t = cyr_tab;
		break;
	default:
		break;
	}
	if (t != NULL) {
		rewrite(gs, t, given, len);
		rewrite(fs, t, family, len);
		rewrite(ps, t, parent, len);
	} else {
		snprintf(given, len, "%s", v == V_SWAP ? fs : gs);
		snprintf(family, len, "%s", v == V_SWAP ? gs : fs);
		snprintf(parent, len, "%s", ps);
	}
}

struct reg {
	int64_t		 t0;
	int		 year;
};

static const char *
referrer_name(struct gen *g, const char *type, const struct muni *m,
    const char *parent)
{
	if (strcmp(type, "police") == 0)
		return arena_printf(g->a, "Stacioni Policor %s", m->name);
	if (strcmp(type, "school") == 0)
		return arena_printf(g->a, "Shkolla %s", m->name);
	if (strcmp(type, "health") == 0)
		return arena_printf(g->a, "Qendra Shëndetësore %s", m->name);
	if (strcmp(type, "ngo") == 0)
		return "OJQ partnere";
	if (strcmp(type, "family") == 0)
		return parent;
	if (strcmp(type, "community") == 0)
		return "Grupi Këshillues i Komunitetit";
	if (strcmp(type, "other_municipality") == 0)
		return "Komuna fqinje";
	return "";
}

/* Concerns of one report: the primary first, then up to two more. */
static int
concerns(struct gen *g, int *c, int *restricted)
{
	int n = 1, k, i, x = rndn(&g->r, 100);

	c[0] = pick(&g->r, g->cw, (int)NCONCERN);
	k = x < 55 ? 0 : x < 88 ? 1 : 2;
	while (k-- > 0) {
		x = pick(&g->r, g->cw, (int)NCONCERN);
		for (i = 0; i < n && c[i] != x; i++)
			;
		if (i == n)
			c[n++] = x;
	}
	*restricted = 0;
	for (i = 0; i < n; i++)
		*restricted |= g->crestricted[c[i]];
	return n;
}

/* One not-admitted report (screened out, with an onward referral), or a
 * report still waiting in the intake when it is recent. */
static int
report_only(struct gen *g, struct muni *m, int64_t t0)
{
	sqlite3_stmt *s;
	int lang = pick(&g->r, m->comm, C__N), sex = (int)rndn(&g->r, 2);
	int c[3], nc, rs, i, waiting = g->now - t0 < 3 * 86400;
	const char *ref = referrers[pick(&g->r, referrer_w, 12)];
	int64_t rid = ++g->report_id, w = m->w[rndn(&g->r, (uint32_t)m->nw)].id;

	lang = community_lang[lang];
	nc = concerns(g, c, &rs);
	if ((s = st(&g->d, Q_DEMO_REPORT_INSERT)) == NULL)
		return -1;
	bi(s, 1, rid);
	bi(s, 2, m->id);
	bi(s, 3, m->agency);
	bi(s, 4, t0);
	bt(s, 5, channels[pick(&g->r, channel_w, 6)]);
	bt(s, 6, ref);
	bt(s, 7, referrer_name(g, ref, m, ""));
	sqlite3_bind_null(s, 8);
	bt(s, 9, g->nm.s[lang][sex ? K_F : K_M][rndn(&g->r,
	    (uint32_t)g->nm.n[lang][sex ? K_F : K_M])]);
	bt(s, 10, g->nm.s[lang][K_SUR][rndn(&g->r,
	    (uint32_t)g->nm.n[lang][K_SUR])]);
	bt(s, 11, "");
	bt(s, 12, sex ? "f" : "m");
	sqlite3_bind_null(s, 13);
	bi(s, 14, 6 + rndn(&g->r, 12));
	bt(s, 15, m->name);
	bt(s, 16, "Sinjalizim pa rrezik për fëmijën; kërkohet mbështetje "
	    "sociale.");
	bi(s, 17, 0);
	bt(s, 18, waiting ? "received" : "not_admitted");
	bt(s, 19, waiting ? "" : "Nuk plotëson kriteret e një rasti mbrojtjeje.");
	bt(s, 20, waiting ? "" : "Referuar në shërbimet sociale të komunitetit.");
	sqlite3_bind_null(s, 21);
	bi(s, 22, w);
	bid(s, 23, waiting ? 0 : w);
	bid(s, 24, waiting ? 0 : t0 + 3600 + rndn(&g->r, 6 * 3600));
	bi(s, 25, waiting ? 1 : 2);
	if (run(&g->d, s, Q_DEMO_REPORT_INSERT) != 0)
		return -1;
	for (i = 0; i < nc; i++) {
		if ((s = st(&g->d, Q_DEMO_REPORT_CONCERN)) == NULL)
			return -1;
		bi(s, 1, rid);
		bt(s, 2, concern_w[c[i]].code);
		if (run(&g->d, s, Q_DEMO_REPORT_CONCERN) != 0)
			return -1;
	}
	g->stats->reports++;
	return 0;
}

/* One registration: a report of concern registered as a case, of a new
 * child or of one already known. */
static int
registration(struct gen *g, const struct reg *r)
{
	static const double variant_w[V__N] = { 30, 30, 15, 5, 20 };
	sqlite3_stmt *s;
	struct kid nk, *k;
	struct muni *m;
	char given[160], family[160], parent[160], iso[11], pnb[16], num[32];
	const char *pn = NULL, *ref, *note, *fg, *ff, *fp, *rgiven, *rfamily;
	const char *rparent;
	int64_t t0 = r->t0, t, cid, rid, child = 0, worker, sup, vat;
	int reuse = 0, dup = 0, age, c[3], nc, restricted, i, level, first;
	int danger, ops = 1, validated, y, mo, d;
	int64_t today = t0 / 86400;
	enum variant v = V_SAME;
	const char *status = "registered", *risk = NULL, *close_reason = NULL;
	int64_t closed_at = 0, last = t0;

	k = &nk;
	if (g->nkids > 0 && pct(&g->r, REUSE_PCT)) {
		k = &g->kids[rndn(&g->r, (uint32_t)g->nkids)];
		if (today - k->dob < 18 * 365 - 2) {
			reuse = 1;
			v = (enum variant)pick(&g->r, variant_w, V__N);
			dup = pct(&g->r, DUP_PCT);
			if (dup && v == V_SAME)
				v = V_STRIP;
		} else
			k = &nk;
	}
	if (!reuse) {
		memset(&nk, 0, sizeof(nk));
		nk.muni = (uint16_t)pick(&g->r, g->mw, g->nm_n);
		nk.comm = (uint8_t)pick(&g->r, g->m[nk.muni].comm, C__N);
		nk.lang = (uint8_t)community_lang[nk.comm];
		if (nk.comm == C_ROM && g->m[nk.muni].comm[C_SRB] > 50)
			nk.lang = L_SR;
		nk.sex = (uint8_t)(rndn(&g->r, 100) < 48);
		nk.given = (uint16_t)rndn(&g->r, (uint32_t)g->nm.n[nk.lang]
		    [nk.sex ? K_F : K_M]);
		nk.family = (uint16_t)rndn(&g->r,
		    (uint32_t)g->nm.n[nk.lang][K_SUR]);
		nk.parent = (uint16_t)rndn(&g->r, (uint32_t)g->nm.n[nk.lang][K_M]);
		age = (int)rndn(&g->r, 18);
		if (age < 3 && pct(&g->r, 40))
			age += 6;	/* fewer infants than teenagers */
		nk.dob = (int32_t)(today - age * 365 - rndn(&g->r, 365));
		nk.est = (uint8_t)pct(&g->r, 20);
		if (nk.est) {
			civil_from_days(nk.dob, &y, &mo, &d);
			nk.dob = (int32_t)days_from_civil(y, 7, 1);
			if (nk.dob > today)
				nk.dob = (int32_t)today;
		}
	}
	m = &g->m[k->muni];
	if (reuse && pct(&g->r, 15))	/* moved, or reported elsewhere */
		m = &g->m[pick(&g->r, g->mw, g->nm_n)];
	age = (int)((today - k->dob) / 365.25);
	if (age > 17)
		age = 17;
	if (age < 0)
		age = 0;
	worker = m->w[rndn(&g->r, (uint32_t)m->nw)].id;
	sup = m->supervisor;
	variant_names(g, k, v, given, family, parent, sizeof(given));
	nc = concerns(g, c, &restricted);
	iso_of(k->dob, iso);

	/* The child: new, or a second record of a known child. */
	if (!reuse || dup) {
		child = ++g->child_id;
		if (dup) {
			fg = names_fold(g->a, given);
			ff = names_fold(g->a, family);
			fp = names_fold(g->a, parent);
			if (fg == NULL || ff == NULL || fp == NULL)
				return -1;
			g->stats->duplicates++;
		} else {
			fg = g->nm.fold[k->lang][k->sex ? K_F : K_M][k->given];
			ff = g->nm.fold[k->lang][K_SUR][k->family];
			fp = g->nm.fold[k->lang][K_M][k->parent];
			if (!k->est)
				pn = personal_number(g, m, child, k->dob, k->sex,
				    pnb);
		}
		if ((s = st(&g->d, Q_DEMO_CHILD_INSERT)) == NULL)
			return -1;
		bi(s, 1, child);
		bt(s, 2, given);
		bt(s, 3, family);
		bt(s, 4, parent);
		bt(s, 5, k->sex ? "f" : "m");
		bt(s, 6, iso);
		bi(s, 7, k->est);
		bt(s, 8, pn);
		bt(s, 9, m->country);
		bi(s, 10, 0);
		bt(s, 11, community_name[k->comm]);
		bt(s, 12, community_language[k->comm]);
		bt(s, 13, pct(&g->r, 5) ? "yes" : pct(&g->r, 85) ? "none" :
		    "unknown");
		bt(s, 14, school_status(g, age, strcmp(concern_w[c[0]].code,
		    "EDU") == 0));
		bt(s, 15, "");
		bi(s, 16, m->id);
		bt(s, 17, fg);
		bt(s, 18, ff);
		bt(s, 19, fp);
		bi(s, 20, worker);
		bi(s, 21, t0);
		if (run(&g->d, s, Q_DEMO_CHILD_INSERT) != 0)
			return -1;
		if ((s = st(&g->d, Q_DEMO_FTS_INSERT)) == NULL)
			return -1;
		bi(s, 1, child);
		bt(s, 2, arena_printf(g->a, "%s %s %s %s %s", fg, ff, fp, ff, fg));
		if (run(&g->d, s, Q_DEMO_FTS_INSERT) != 0)
			return -1;
		g->stats->children++;
		if (!dup) {
			g->kids[g->nkids] = nk;
			g->kid_id[g->nkids++] = child;
		}
	} else {
		child = g->kid_id[k - g->kids];
		g->stats->reused++;
	}

	/* The case: number in the order of opening. */
	cid = ++g->case_id;
	rid = ++g->report_id;
	snprintf(num, sizeof(num), "%s-%s-%04d-%06d", m->country, m->num,
	    r->year, ++m->counter[r->year - g->y0]);
	level = pick(&g->r, (const double[]){ 50, 35, 15 }, 3);
	if (restricted)
		level = pick(&g->r, (const double[]){ 5, 30, 65 }, 3);
	danger = level == 2 ? pct(&g->r, 40) : level == 1 ? pct(&g->r, 5) :
	    pct(&g->r, 1);
	ref = referrers[pick(&g->r, referrer_w, 12)];
	note = danger ? "emergency" : "";
	if (event(g, cid, t0, worker, "opened", "number", "", num, note) != 0)
		return -1;
	for (i = 0; i < nc; i++) {
		if ((s = st(&g->d, Q_DEMO_CASE_CONCERN)) == NULL)
			return -1;
		bi(s, 1, cid);
		bt(s, 2, concern_w[c[i]].code);
		bi(s, 3, i == 0);
		if (run(&g->d, s, Q_DEMO_CASE_CONCERN) != 0)
			return -1;
		g->stats->concerns++;
	}
	/* Screening: risk set by the worker, validated by the supervisor;
	 * sometimes assessed again later. */
	t = t0 + 3600 + rndn(&g->r, level == 2 ? 12 * 3600 : 72 * 3600);
	if (t < g->now && !(g->now - t0 < 2 * 86400 && pct(&g->r, 40))) {
		int again = pct(&g->r, 8);

		first = again ? (level + 1 + (int)rndn(&g->r, 2)) % 3 : level;
		vat = t + 1800 + rndn(&g->r, 36 * 3600);
		validated = (pct(&g->r, 85) || level == 2) && vat < g->now;
		if (risk_row(g, cid, first, worker, t, validated ? sup : 0,
		    vat) != 0 ||
		    event(g, cid, t, worker, "risk", "risk", "", risk_name[first],
		    "") != 0 ||
		    event(g, cid, t, worker, "status", "status", "registered",
		    "screened", "") != 0)
			return -1;
		ops++;
		status = "screened";
		risk = risk_name[first];
		last = t;
		if (validated) {
			if (event(g, cid, vat, sup, "risk.validated", "risk",
			    risk, risk, "") != 0)
				return -1;
			ops++;
			last = vat;
		}
		t = (validated ? vat : t) + 86400 * (5 + rndn(&g->r, 40));
		if (again && t < g->now) {
			vat = t + 3600 + rndn(&g->r, 24 * 3600);
			validated = pct(&g->r, 85) && vat < g->now;
			if (risk_row(g, cid, level, worker, t, validated ? sup : 0,
			    vat) != 0 ||
			    event(g, cid, t, worker, "risk", "risk", risk,
			    risk_name[level], "") != 0)
				return -1;
			ops++;
			risk = risk_name[level];
			last = t;
			if (validated) {
				if (event(g, cid, vat, sup, "risk.validated",
				    "risk", risk, risk, "") != 0)
					return -1;
				ops++;
				last = vat;
			}
		}
		/* The steps after screening, as far as time has gone. */
		{
			static const char *const steps[] = { "assessment",
				"conference", "plan_active", "review", "closed" };
			static const int p_low[] = { 25, 0, 0, 0, 60 };
			static const int p_hi[] = { 50, 60, 60, 35, 40 };
			const int *p = strcmp(risk, "low") == 0 ? p_low : p_hi;

			t = last + 86400 * (2 + rndn(&g->r, 12));
			for (i = 0; i < 5 && t < g->now; i++) {
				if (p[i] == 0)
					continue;
				if (!pct(&g->r, (unsigned)p[i]))
					break;
				if (event(g, cid, t, i == 4 ? sup : worker,
				    "status", "status", status, steps[i], "") != 0)
					return -1;
				ops++;
				status = steps[i];
				last = t;
				if (i == 4) {
					closed_at = t;
					close_reason = close_reasons[age >= 17 ? 3 :
					    rndn(&g->r, 3)];
				}
				t += 86400 * (3 + rndn(&g->r, 25));
			}
		}
		if (m->nw > 1 && pct(&g->r, 5) && last + 86400 < g->now) {
			int w2 = (int)rndn(&g->r, (uint32_t)m->nw);
			const char *before = "";

			for (i = 0; i < m->nw; i++)
				if (m->w[i].id == worker)
					before = m->w[i].name;
			if (m->w[w2].id != worker) {
				last += 86400;
				if (event(g, cid, last, sup, "assigned", "worker",
				    before, m->w[w2].name, "") != 0)
					return -1;
				ops++;
				worker = m->w[w2].id;
			}
		}
	}
	if ((s = st(&g->d, Q_DEMO_CASE_INSERT)) == NULL)
		return -1;
	bi(s, 1, cid);
	bt(s, 2, num);
	bi(s, 3, m->id);
	bi(s, 4, m->agency);
	bid(s, 5, m->team);
	bi(s, 6, worker);
	bi(s, 7, child);
	bi(s, 8, rid);
	bt(s, 9, status);
	bt(s, 10, risk);
	bi(s, 11, danger);
	bi(s, 12, restricted);
	bt(s, 13, ref);
	bi(s, 14, t0);
	bid(s, 15, closed_at);
	bt(s, 16, close_reason);
	bi(s, 17, worker);
	bi(s, 18, last);
	bi(s, 19, ops);
	if (run(&g->d, s, Q_DEMO_CASE_INSERT) != 0)
		return -1;
	g->stats->cases++;

	/* The report as the referrer wrote it. */
	rgiven = given;
	rfamily = family;
	rparent = pct(&g->r, 70) ? parent : "";
	if ((s = st(&g->d, Q_DEMO_REPORT_INSERT)) == NULL)
		return -1;
	bi(s, 1, rid);
	bi(s, 2, m->id);
	bi(s, 3, m->agency);
	bi(s, 4, t0 - 600 - rndn(&g->r, 4 * 3600));
	bt(s, 5, strcmp(ref, "systematic_visit") == 0 ? "visit" :
	    channels[pick(&g->r, channel_w, 5)]);
	bt(s, 6, ref);
	bt(s, 7, referrer_name(g, ref, m, parent));
	bi(s, 8, child);
	bt(s, 9, rgiven);
	bt(s, 10, rfamily);
	bt(s, 11, rparent);
	bt(s, 12, k->sex ? "f" : "m");
	if (k->est || pct(&g->r, 25)) {
		sqlite3_bind_null(s, 13);
		bi(s, 14, age);
	} else {
		bt(s, 13, iso);
		sqlite3_bind_null(s, 14);
	}
	bt(s, 15, m->name);
	bt(s, 16, arena_printf(g->a, "Raportim i shqetësimit (%s) për "
	    "fëmijën.", concern_w[c[0]].code));
	bi(s, 17, danger);
	bt(s, 18, "registered");
	bt(s, 19, "");
	bt(s, 20, "");
	bi(s, 21, cid);
	bi(s, 22, worker);
	bi(s, 23, worker);
	bi(s, 24, t0);
	bi(s, 25, 2);
	if (run(&g->d, s, Q_DEMO_REPORT_INSERT) != 0)
		return -1;
	for (i = 0; i < nc; i++) {
		if ((s = st(&g->d, Q_DEMO_REPORT_CONCERN)) == NULL)
			return -1;
		bi(s, 1, rid);
		bt(s, 2, concern_w[c[i]].code);
		if (run(&g->d, s, Q_DEMO_REPORT_CONCERN) != 0)
			return -1;
	}
	g->stats->reports++;
	if (pct(&g->r, NOTADM_PCT))
		return report_only(g, m, t0 + rndn(&g->r, 3600));
	return 0;
}

/* ---------------------------------------------------------------- driver */

int
demo_parse_children(const char *s, int64_t *out)
{
	int64_t v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 8)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v < 1 || v > DEMO_CHILDREN_MAX)
		return -1;
	*out = v;
	return 0;
}

static int
load_concerns(struct gen *g)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if ((s = st(&g->d, Q_DEMO_CONCERNS)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (i = 0; i < NCONCERN; i++)
			if (strcmp(concern_w[i].code,
			    (const char *)sqlite3_column_text(s, 0)) == 0) {
				g->cw[i] = concern_w[i].w;
				g->crestricted[i] = sqlite3_column_int(s, 1) != 0;
			}
	if (rc != SQLITE_DONE)
		return dberr(&g->d, "concerns");
	for (i = 0; i < NCONCERN && g->cw[i] == 0; i++)
		;
	if (i == NCONCERN) {
		snprintf(g->d.err, g->d.errlen, "no protection concerns: run "
		    "rrjeti init first");
		return -1;
	}
	return 0;
}

static int
load_counters(struct gen *g)
{
	sqlite3_stmt *s;
	int64_t mid;
	int k, y;

	for (k = 0; k < g->nm_n; k++)
		if ((g->m[k].counter = calloc((size_t)g->ny, sizeof(int))) ==
		    NULL)
			return -1;
	if ((s = st(&g->d, Q_DEMO_COUNTERS)) == NULL)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		mid = sqlite3_column_int64(s, 0);
		y = sqlite3_column_int(s, 1);
		for (k = 0; k < g->nm_n; k++)
			if (g->m[k].id == mid && y >= g->y0 && y < g->y0 + g->ny)
				g->m[k].counter[y - g->y0] =
				    sqlite3_column_int(s, 2);
	}
	return 0;
}

static int
save_counters(struct gen *g)
{
	sqlite3_stmt *s;
	int k, y;

	for (k = 0; k < g->nm_n; k++)
		for (y = 0; y < g->ny; y++) {
			if (g->m[k].counter[y] == 0)
				continue;
			if ((s = st(&g->d, Q_DEMO_COUNTER_PUT)) == NULL)
				return -1;
			bi(s, 1, g->m[k].id);
			bi(s, 2, g->y0 + y);
			bi(s, 3, g->m[k].counter[y]);
			if (run(&g->d, s, Q_DEMO_COUNTER_PUT) != 0)
				return -1;
		}
	return 0;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
gen_free(struct gen *g)
{
	int k;

	for (k = 0; k < Q__MAX; k++)
		if (g->d.q[k] != NULL)
			sqlite3_finalize(g->d.q[k]);
	if (g->d.h != NULL)
		sqlite3_close(g->d.h);
	for (k = 0; g->m != NULL && k < g->nm_n; k++)
		free(g->m[k].counter);
	free(g->m);
	free(g->mw);
	free(g->kids);
	free(g->kid_id);
	free(g->al_serial);
	if (g->nm.a != NULL)
		arena_free(g->nm.a);
	if (g->a != NULL)
		arena_free(g->a);
}

/* Drops the secondary indexes of the loaded tables, keeping their SQL in
 * *sqls (n of them) to build them again after the load. */
static int
drop_indexes(struct gen *g, char ***sqls, int *n)
{
	sqlite3_stmt *s;
	char **v = NULL, *drop;
	int cap = 0;

	*n = 0;
	if ((s = st(&g->d, Q_DEMO_INDEXES)) == NULL)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((v = realloc(v, (size_t)cap * sizeof(*v))) == NULL)
				return -1;
			*sqls = v;
		}
		if ((v[*n] = strdup((const char *)sqlite3_column_text(s, 1))) ==
		    NULL)
			return -1;
		(*n)++;
		/* Index names come from the schema, quoted as identifiers. */
		if ((drop = sqlite3_mprintf("DROP INDEX \"%w\"",
		    (const char *)sqlite3_column_text(s, 0))) == NULL)
			return -1;
		sqlite3_reset(s);
		if (exec(&g->d, drop) != 0) {
			sqlite3_free(drop);
			return -1;
		}
		sqlite3_free(drop);
		if ((s = st(&g->d, Q_DEMO_INDEXES)) == NULL)
			return -1;
	}
	*sqls = v;
	return 0;
}

/* The bulk load on its own connection (see the top of this file). */
static int
generate(struct gen *g, const char *dbpath, const struct demo_opts *o)
{
	const struct embedded_file *ef;
	sqlite3_stmt *s;
	size_t bad = 0;
	int64_t i, est, span, t_start, t_end, ndays, day = -1, cache_kib;
	struct reg r = { 0, 0 };
	int in_tx = 0, wal_off = 0, nidx = 0, k, one_tx;
	char **idx = NULL;

	if (sqlite3_open_v2(dbpath, &g->d.h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return dberr(&g->d, dbpath);
	sqlite3_busy_timeout(g->d.h, 5000);
	/* The journal for a bulk load: in memory, no fsync, a big cache.
	 * Leaving WAL needs the only connection; when another is open the
	 * load stays in WAL, only slower. */
	/* About 1.5 KiB of database per child: the whole load in the cache
	 * up to 1.5 M children (2.5 GiB), 4 GiB at most. */
	cache_kib = 64 * 1024 + o->children * 5 / 2;
	if (cache_kib > 4 * 1024 * 1024)
		cache_kib = 4 * 1024 * 1024;
	if (exec(&g->d, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA temp_store = MEMORY") != 0 ||
	    exec(&g->d, arena_printf(g->a, "PRAGMA cache_size = -%lld",
	    (long long)cache_kib)) != 0)
		return -1;
	/* A rollback journal on disk (not synced): a crashed load rolls
	 * back; new pages past the old end of the file are not journalled,
	 * so a load into a fresh installation writes almost no journal. */
	if (exec(&g->d, "PRAGMA threads = 2") != 0)
		return -1;
	if (sqlite3_exec(g->d.h, "PRAGMA journal_mode = TRUNCATE", NULL, NULL,
	    NULL) == SQLITE_OK) {
		sqlite3_stmt *j = NULL;

		if (sqlite3_prepare_v2(g->d.h, "PRAGMA journal_mode", -1, &j,
		    NULL) == SQLITE_OK && sqlite3_step(j) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(j, 0), "truncate") == 0)
			wal_off = 1;
		sqlite3_finalize(j);
	}
	if ((g->nm.a = arena_new(1024 * 1024)) == NULL ||
	    (ef = embed_find("data/names.csv")) == NULL ||
	    csv_parse(ef->data, ef->len, names_cb, &g->nm, &bad) != 0) {
		snprintf(g->d.err, g->d.errlen, "data/names.csv: line %zu", bad);
		goto fail;
	}
	for (i = 0; i < L__N * K__N; i++)
		if (g->nm.n[i / K__N][i % K__N] == 0) {
			snprintf(g->d.err, g->d.errlen, "data/names.csv: no %s "
			    "names of kind %d", nlang_code[i / K__N],
			    (int)(i % K__N));
			goto fail;
		}
	if (load_munis(g) != 0 || load_concerns(g) != 0)
		goto fail;
	span = (int64_t)o->years * 365 * 86400;
	t_end = g->now - 3600;
	t_start = t_end - span;
	ndays = span / 86400;
	g->y0 = local_year(t_start);
	g->ny = local_year(t_end) - g->y0 + 1;
	g->al_day0 = g->now / 86400 - 20 * 366;
	est = (int64_t)((double)o->children / (1.0 - REUSE_PCT / 100.0 *
	    (1.0 - DUP_PCT / 100.0)));
	if ((g->kids = calloc((size_t)o->children, sizeof(*g->kids))) == NULL ||
	    (g->kid_id = calloc((size_t)o->children, sizeof(int64_t))) ==
	    NULL ||
	    (g->al_serial = calloc(2 * 366 * 22, sizeof(uint16_t))) == NULL) {
		snprintf(g->d.err, g->d.errlen, "out of memory");
		goto fail;
	}
	if (exec(&g->d, "BEGIN IMMEDIATE") != 0)
		goto fail;
	in_tx = 1;
	if (load_counters(g) != 0 ||
	    setup_agencies(g, (double)est / o->years) != 0)
		goto fail;
	/* A small data set (make run) shows the users of init --demo a
	 * caseload: their municipalities get at least 15 % of the cases
	 * each; a large one keeps the population weights. */
	if (o->children <= 10000) {
		double tw = 0;

		for (k = 0; k < g->nm_n; k++)
			tw += g->mw[k];
		for (k = 0; k < g->nm_n; k++)
			if (g->m[k].had_users && g->mw[k] < 0.15 * tw)
				g->mw[k] = 0.15 * tw;
	}
	/* A large load: one transaction, the secondary indexes built again
	 * at the end (sorting is faster than a million random inserts). */
	one_tx = o->children >= 50000;
	if (one_tx && drop_indexes(g, &idx, &nidx) != 0)
		goto fail;
	if ((s = st(&g->d, Q_DEMO_MAX_IDS)) == NULL ||
	    sqlite3_step(s) != SQLITE_ROW) {
		dberr(&g->d, "ids");
		goto fail;
	}
	g->child_id = sqlite3_column_int64(s, 0);
	g->report_id = sqlite3_column_int64(s, 1);
	g->case_id = sqlite3_column_int64(s, 2);
	g->risk_id = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	for (i = 0; g->stats->children < o->children; i++) {
		/* Opened in office hours, in order, over the years. */
		double f = (double)i * (double)ndays / (double)est;
		int64_t dd = (int64_t)f;

		if (dd >= ndays)
			dd = ndays - 1;
		r.t0 = t_start + dd * 86400 + 7 * 3600 +
		    (int64_t)((f - (double)dd) * 8 * 3600);
		if (r.t0 > t_end)
			r.t0 = t_end;
		if (dd != day) {
			day = dd;
			r.year = local_year(r.t0);
		}
		if (registration(g, &r) != 0)
			goto fail;
		if (i % BATCH == BATCH - 1) {
			arena_reset(g->a);
			if (!one_tx && (exec(&g->d, "COMMIT") != 0 ||
			    exec(&g->d, "BEGIN IMMEDIATE") != 0))
				goto fail;
			if (!o->quiet && i % (BATCH * 25) == BATCH * 25 - 1)
				fprintf(stderr, "  %lld children, %lld cases, "
				    "%lld events\n",
				    (long long)g->stats->children,
				    (long long)g->stats->cases,
				    (long long)g->stats->events);
		}
	}
	if (save_counters(g) != 0)
		goto fail;
	for (k = 0; k < nidx; k++)
		if (exec(&g->d, idx[k]) != 0)
			goto fail;
	if (exec(&g->d, "COMMIT") != 0)
		goto fail;
	in_tx = 0;
	for (k = 0; k < nidx; k++)
		free(idx[k]);
	free(idx);
	idx = NULL;
	nidx = 0;
	if (wal_off && exec(&g->d, "PRAGMA journal_mode = WAL") != 0)
		goto fail;
	return 0;
fail:
	for (k = 0; k < nidx; k++)
		free(idx[k]);
	free(idx);
	if (in_tx)
		sqlite3_exec(g->d.h, "ROLLBACK", NULL, NULL, NULL);
	if (wal_off)
		sqlite3_exec(g->d.h, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
	return -1;
}

int
demo_generate(struct store *stp, const char *dbpath,
    const struct demo_opts *o, struct demo_stats *stats, char *err,
    size_t errlen)
{
	struct gen g;
	char hash[crypto_pwhash_STRBYTES];
	double t0 = seconds();
	int rc;

	memset(stats, 0, sizeof(*stats));
	if (o->children < 1 || o->children > DEMO_CHILDREN_MAX ||
	    o->years < 1 || o->years > 20) {
		snprintf(err, errlen, "children 1..%d, years 1..20",
		    DEMO_CHILDREN_MAX);
		return -1;
	}
	memset(&g, 0, sizeof(g));
	g.d.err = err;
	g.d.errlen = errlen;
	g.r.s = o->seed;
	g.pn_off = o->seed * 2654435761ULL % 1000000000ULL;
	g.stats = stats;
	g.now = clock_now();
	/* The users it creates log in with the demo password, else not at
	 * all ("!" is no argon2id hash). */
	g.pw_hash = "!";
	if (o->password != NULL && auth_password_hash(o->password, hash,
	    sizeof(hash)) == 0)
		g.pw_hash = hash;
	if ((g.a = arena_new(32 * 1024 * 1024)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* This thread's store connection is closed so the load may leave
	 * WAL; the store opens a new one on its next use. */
	store_thread_end(stp);
	rc = generate(&g, dbpath, o);
	gen_free(&g);
	if (rc != 0)
		return -1;
	stats->seconds = seconds() - t0;
	{
		char detail[256];

		snprintf(detail, sizeof(detail), "children=%lld reports=%lld "
		    "cases=%lld events=%lld seed=%llu years=%d",
		    (long long)stats->children, (long long)stats->reports,
		    (long long)stats->cases, (long long)stats->events,
		    (unsigned long long)o->seed, o->years);
		if (audit_record_tx(stp, &cli_actor, NULL, "demo.generate",
		    "demo", 0, detail) != STORE_OK) {
			snprintf(err, errlen, "audit: cannot record");
			return -1;
		}
	}
	return 0;
}

static int
parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	char *e;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &e, 10);
	if (errno != 0 || *e != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

int
cli_demo(int argc, char *argv[])
{
	const char *dir = cli_opt(argc, argv, "--data");
	const char *nc = cli_opt(argc, argv, "--children");
	const char *ss = cli_opt(argc, argv, "--seed");
	const char *ys = cli_opt(argc, argv, "--years");
	char err[512], pw[128], path[APP_PATH_MAX + 32];
	struct demo_stats stats;
	struct demo_opts o;
	struct app a;
	uint64_t v;
	FILE *f;
	int rc;

	if (cli_wants_help(argc, argv) || dir == NULL || nc == NULL) {
		printf("usage: rrjeti demo --data DIR --children N [--seed S] "
		    "[--years Y]\n\n"
		    "Adds a synthetic data set to an initialised installation:\n"
		    "N children (1 to %d) with their reports of concern, cases,\n"
		    "concerns, risk histories and case events, opened over the\n"
		    "last Y years (1 to 20, default 3), in every municipality by\n"
		    "population, with variant spellings of children already known.\n"
		    "The same seed (default 1) gives the same data. Agencies, teams\n"
		    "and workers are created where a municipality has none; they\n"
		    "log in with the demo password of DIR/demo-login.txt, if any.\n",
		    DEMO_CHILDREN_MAX);
		return cli_wants_help(argc, argv) ? 0 : 2;
	}
	memset(&o, 0, sizeof(o));
	if (demo_parse_children(nc, &o.children) != 0) {
		fprintf(stderr, "rrjeti: --children: a whole number from 1 to "
		    "%d, not \"%s\"\n", DEMO_CHILDREN_MAX, nc);
		return 2;
	}
	o.seed = 1;
	if (ss != NULL) {
		if (parse_uint(ss, UINT64_MAX, &v) != 0) {
			fprintf(stderr, "rrjeti: --seed: a whole number, not "
			    "\"%s\"\n", ss);
			return 2;
		}
		o.seed = v;
	}
	o.years = 3;
	if (ys != NULL) {
		if (parse_uint(ys, 20, &v) != 0 || v < 1) {
			fprintf(stderr, "rrjeti: --years: a whole number from 1 "
			    "to 20, not \"%s\"\n", ys);
			return 2;
		}
		o.years = (int)v;
	}
	if (cli_open(&a, dir, 0) != 0)
		return 1;
	snprintf(path, sizeof(path), "%s/demo-login.txt", dir);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(pw, sizeof(pw), f) != NULL) {
			pw[strcspn(pw, "\r\n")] = '\0';
			if (*pw)
				o.password = pw;
		}
		fclose(f);
	}
	if (strncmp(store_url(a.st), "postgresql:", 11) == 0) {
		fprintf(stderr, "rrjeti: demo: SQLite installations only\n");
		app_close(&a);
		return 1;
	}
	rc = demo_generate(a.st, store_url(a.st), &o, &stats, err, sizeof(err));
	app_close(&a);
	if (rc != 0) {
		fprintf(stderr, "rrjeti: demo: %s\n", err);
		return 1;
	}
	printf("generated %lld children (%lld second records of a known "
	    "child), %lld reports, %lld cases (%lld of a known child), %lld "
	    "concerns, %lld risk assessments, %lld case events; %lld agencies "
	    "and %lld users created; %.1f s\n",
	    (long long)stats.children, (long long)stats.duplicates,
	    (long long)stats.reports, (long long)stats.cases,
	    (long long)stats.reused, (long long)stats.concerns,
	    (long long)stats.risks, (long long)stats.events,
	    (long long)stats.agencies, (long long)stats.users, stats.seconds);
	return 0;
}
