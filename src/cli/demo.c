/*
 * demo.c — rrjeti demo: a synthetic national data set (cli layer).
 *
 *   rrjeti demo --data DIR --children N [--seed S] [--years Y]
 *
 * Adds N children with their reports of concern and cases, and the whole
 * casework the services would have written as far as each case's timeline
 * has gone, to an initialised installation, spread over the last Y years
 * (default 3), deterministic for a seed (default 1) at a given time. The
 * rows are those the services write: child.c (folded name keys by
 * names_fold() and a child_name_fts row, caregivers, sibling links with
 * their history), intake.c and case.c (case numbers {country}-{num}-{year}-
 * {seq} from case_counter in the order of opening, one primary concern,
 * the restricted flag from the concerns, risk as a history, the rule
 * version in force), assessment.c (a screening for each risk row, with
 * checklists drawn to match the level and the concern; the comprehensive
 * assessment, a draft while the case is in assessment), plan.c (v1 drafted
 * after the conference, submitted, approved by the unit's supervisor; a
 * revision v2 copied from it), closure.c (reviews at the risk's period,
 * incidents, closure requested and approved with the reason rules and the
 * follow-up three months later, reopening within twelve months by the
 * worker or by a new report of the child, transfers requested and
 * accepted) and deadline.c (the deadline rows of open cases, replayed from
 * the case's life with the service's due instants: cal_deadline() of
 * util/calendar.h with the administrator's days off). Timeline events are
 * worded as the services word them; the code lists are the services' own
 * (check_codes() stops the load when one no longer has a code used here).
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
 * NID with its check letter); about 6 % of new children a brother or sister
 * of a recent child of the same family and place (linked, 15 % half
 * siblings); caregivers: the mother for 88 %, the father for 72 %, a
 * grandparent or a guardian otherwise. After screening a case moves on
 * (medium/high: assessment 50 %, then conference 60 %, plan 60 %, review
 * 35 %, closed 40 %; low: assessment 25 %, closed 60 %) at intervals of
 * days to weeks while time allows; plans: parents agree 85 % (medium risk
 * refuses 12 %), 12 % of long-active plans revised; reviews five days
 * early to twelve late; closure requests returned 5 %, 2 % of open cases
 * with a request waiting, follow-ups recorded 85 % (15 % with a concern,
 * 30 % of those reopened); transfers 0.4 % accepted and 0.3 % waiting;
 * incidents on 6 % of active plans. Deadlines are written for the open
 * cases opened in the last DL_DAYS days only. The conference step is done
 * and the plan due from the status change to 'conference' (the bulk load
 * writes no meeting rows of conference.c for it).
 *
 * The network around the case (network(), after the bulk load, every
 * CHECK enforced): only in the municipalities of the users of init --demo
 * (Hani i Elezit, Tirana), so it costs the same at any size: a table
 * member each of a police, school, health and NGO agency (the agency of
 * the municipality, else created; users pol., shk., shd., ojq. and the
 * agency code's suffix, e.g. pol.hani, with the demo password); a meeting
 * of the TMR/GTN held nine days ago (attendance, decisions, tasks some
 * done, its due cases moved to 'conference' with the events, deadlines
 * and versions of conference_hold()) and one planned in five days with
 * the due cases proposed and the members invited; four consent records
 * on open cases (a parent to police and school, a guardian to every
 * agency, a parent's withdrawn, a supervisor's override); a community
 * advisory group (roma, ashkali, egyptian; Albania roma, egyptian) with
 * its community_member (gkk.hani, gkk.tirane), alerts waiting, admitted
 * (linked to a community report of the load) and not admitted, and a
 * summer camp counted by sex and age band. Then, in the same place and
 * transaction, the rows of the first-wave domains (demo_network.c):
 * providers with licences, inspections and their users (ofruesi.hani, ...),
 * referrals in every status and reports in, protection measures and
 * emergency placements (Albania), systematic visits, the inbox, a grant
 * and an action plan (Kosovo), training, part-time FTE, the child
 * population of the year and the project "Safe Network – Phase III".
 *
 * The showcase: in each municipality whose caseworkers existed before the
 * run (the users of init --demo), some cases of its first caseworker are
 * given, at fixed distances from today, so that every state, an overdue
 * first contact, a review due today, a plan and a closure waiting for the
 * supervisor, a follow-up due and a transfer waiting are always there
 * (show_specs[]); and Scenario 7 of SCENARIOS.md, Đorđević Stefan and
 * Stefan Gjorgjeviq of Graçanicë, for the supervisor of QPS-XK08 (sup.xk08)
 * to merge.
 *
 * Speed: the bulk load runs on its own connection with the journal in
 * memory, synchronous off and a large page cache, one transaction per
 * batch of BATCH registrations and prepared statements; a large load
 * (50,000 children or more) drops the secondary indexes and builds them
 * again at the end, and does not evaluate the CHECK constraints row by row
 * (an IN-list CHECK builds a temporary b-tree per row; the same code makes
 * the small loads, whose every CHECK is enforced and tested). Every load
 * drops the triggers of the indicator counters (migrations 0017, 0021,
 * 0026), fills the counters once from the tables at its end with the
 * queries of `indicators rebuild` (svc/indicator.c) and creates the
 * triggers again, all in its one transaction: row by row they recounted
 * a case for each row written, without the dropped indexes a scan (a load
 * that keeps them is one transaction, no commit per batch). The WAL
 * journal is restored at the end. The SQL is in src/store/sql_sqlite_demo.inc;
 * like the migrations, this tool runs it on a raw SQLite handle. One
 * summary audit row records the generation (counts only).
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
#include "../svc/assessment.h"
#include "../svc/auth.h"
#include "../svc/child.h"
#include "../svc/closure.h"
#include "../svc/deadline.h"
#include "../svc/indicator.h"
#include "../svc/plan.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/clock.h"
#include "../util/csv.h"
#include "../util/embed.h"
#include "../util/names.h"
#include "cli.h"
#include "demo.h"
#include "demo_network.h"

#define BATCH		20000	/* registrations per transaction */
#define REUSE_PCT	12	/* registrations of a child already known */
#define DUP_PCT		15	/* of those: a second child record */
#define NOTADM_PCT	7	/* extra reports not admitted */
#define SIBLING_PCT	6	/* new children: a brother or sister of a
				 * recent child */
#define NAMES_MAX	256
#define WORKERS_MAX	64
#define ARENA_EVERY	1000	/* registrations between arena resets */
#define DL_DAYS		400	/* deadlines: open cases opened since */
#define SHOW_MIN_CHILDREN 100	/* the showcase from this many children */

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

/* Who is responsible for an action of a plan: the case's agency or an
 * institution of the municipality (muni.inst). */
enum who { W_AGENCY, W_POLICE, W_SCHOOL, W_HEALTH, W_NGO, W__N };

struct muni {
	int64_t		 id;
	char		 code[8], country[3], num[4], name[96], region[64];
	int		 cc;		/* enum cal_country */
	double		 weight, comm[C__N];
	int64_t		 agency, team;
	char		 acode[32];	/* the agency's code (QPS-HANI) */
	const char	*team_name;
	struct worker	 w[WORKERS_MAX];
	int		 nw, nw0;	/* nw0: caseworkers before this run */
	int64_t		 supervisor;
	int		 had_users;	/* users before this run (init --demo) */
	int		 demo;		/* its agency and caseworkers not ours:
					 * the showcase goes here */
	int		 partner;	/* the largest other municipality of
					 * the country (-1 none) */
	const char	*inst[W__N];	/* the institutions of plan actions */
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

/* ---------------------------------------------------------------- state */

/* A child's latest closed case, for the reopening a new report makes
 * (closure_link_reopened_in_tx()): its number is country-num-year-seq. */
struct kid_closed {
	int64_t		id, closed_at;
	uint16_t	mi, year;
	uint32_t	seq;
	uint8_t		taken;		/* reopened, or a reopening planned */
};

struct kid {
	uint16_t	given, family, parent, mother;
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
	struct kid_closed	*kclosed;	/* per kid */
	int64_t			 nkids;
	int64_t			 child_id, report_id, case_id, risk_id;
	int			 y0, ny;
	uint16_t		*al_serial;	/* per birth day and sex */
	int64_t			 al_day0;
	int64_t			 now;
	uint64_t		 pn_off;
	struct demo_stats	*stats;
	struct arena		*a;	/* reset every ARENA_EVERY registrations */
	struct arena		*pa;	/* lasting: names of workers,
					 * institutions, code sets */
	const char		*pw_hash;
	int64_t			 plan_id, review_id, t_start;
	/* The network around the case (network()): rows written. */
	int64_t			 net_conferences, net_consents, net_groups,
				 net_alerts, net_initiatives, net_referrals,
				 net_notifications;
	/* Deadlines: rules, rule sets, due instants, extra days off. */
	struct dl_rule		*rules;
	struct dl_set		*sets;
	int			 nrules, nsets;
	struct wd_memo		*wd;
	int			 nwd;
	struct cal_extra_day	*xdays[CAL_COUNTRY__MAX];
	int			 nxdays[CAL_COUNTRY__MAX];
	struct cal_extra	 extra[CAL_COUNTRY__MAX];
	/* Cases opened later (a heap by time), the showcase. */
	struct pend		*pend;
	size_t			 npend, cpend;
	uint64_t		 pseq;
	struct show		*shows;
	int			 nshows, show_left;
	/* The screening checklists as bits of the services' code lists. */
	uint32_t		 rf_bit[3][8], pf_bit[3][8], src_bit[5];
	uint32_t		 concern_bit[NCONCERN], bit_under3, bit_prev;
	int			 rf_n[3], pf_n[3];
	const char		**rf_str, **pf_str, **src_str;
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

/* The user of that name, else a new one of agency with the demo password
 * (*name: the full name, in g->pa). */
static int64_t
insert_user_at(struct gen *g, struct muni *m, int64_t agency,
    const char *username, const char *role, const char *scope, int64_t team,
    const char **name)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int lang = m->comm[C_SRB] > 50 ? L_SR : L_SQ;

	if ((s = st(&g->d, Q_DEMO_USER_BY_NAME)) == NULL)
		return -1;
	bt(s, 1, username);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*name = arena_strdup(g->pa, (const char *)sqlite3_column_text(s,
		    1));
		return sqlite3_column_int64(s, 0);
	}
	if ((s = st(&g->d, Q_DEMO_USER_INSERT)) == NULL)
		return -1;
	bt(s, 1, username);
	bt(s, 2, full_name(g, lang, (int)rndn(&g->r, 2)));
	bt(s, 3, g->pw_hash);
	bt(s, 4, role);
	bt(s, 5, scope);
	bi(s, 6, agency);
	bid(s, 7, team);
	bt(s, 8, lang == L_SR ? "sr" : "sq");
	bi(s, 9, 0);	/* as the users of init --demo */
	bi(s, 10, g->now);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, username);
	id = sqlite3_column_int64(s, 0);
	*name = arena_strdup(g->pa, (const char *)sqlite3_column_text(s, 1));
	g->stats->users++;
	return id;
}

static int64_t
insert_user(struct gen *g, struct muni *m, const char *username,
    const char *role, const char *scope, int64_t team, const char **name)
{
	return insert_user_at(g, m, m->agency, username, role, scope, team,
	    name);
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
	int k, want, xk, ours;

	for (k = 0; k < g->nm_n; k++)
		tw += g->m[k].weight;
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		xk = strcmp(m->country, "XK") == 0;
		if ((s = st(&g->d, Q_DEMO_SW_AGENCY)) == NULL)
			return -1;
		bi(s, 1, m->id);
		snprintf(code, sizeof(code), "%s-%s", xk ? "QPS" : "NJMF",
		    m->code);
		if (sqlite3_step(s) == SQLITE_ROW) {
			m->agency = sqlite3_column_int64(s, 0);
			snprintf(m->acode, sizeof(m->acode), "%s",
			    (const char *)sqlite3_column_text(s, 1));
			/* An agency of init --demo, not one of ours. */
			ours = strcmp(m->acode, code) == 0;
		} else {
			ours = 1;
			if ((s = st(&g->d, Q_DEMO_AGENCY_INSERT)) == NULL)
				return -1;
			bt(s, 1, code);
			bt(s, 2, arena_printf(g->a, xk ? "Qendra për Punë Sociale "
			    "%s" : "Njësia për Mbrojtjen e Fëmijëve %s", m->name));
			bi(s, 3, m->id);
			bi(s, 4, g->now);
			bt(s, 5, "social_work");
			if (sqlite3_step(s) != SQLITE_ROW)
				return dberr(&g->d, code);
			m->agency = sqlite3_column_int64(s, 0);
			snprintf(m->acode, sizeof(m->acode), "%s", code);
			g->stats->agencies++;
		}
		if ((s = st(&g->d, Q_DEMO_TEAM_FIRST)) == NULL)
			return -1;
		bi(s, 1, m->agency);
		if (sqlite3_step(s) == SQLITE_ROW) {
			m->team = sqlite3_column_int64(s, 0);
			m->team_name = arena_strdup(g->pa,
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
				m->w[m->nw++].name = arena_strdup(g->pa,
				    (const char *)sqlite3_column_text(s, 1));
			}
		}
		m->had_users = m->nw > 0 || m->supervisor != 0;
		m->nw0 = m->nw;
		m->demo = !ours && m->nw0 > 0;
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

/* ---------------------------------------------------------------- casework texts */

/*
 * Short texts of the casework rows, in Albanian as the workers write them,
 * by risk level where it matters (index 0 low, 1 medium, 2 high). Static
 * strings: bound without a copy.
 */
static const char *const asm_text[ASM__MAX][3] = {
	[ASM_SAFETY] = { "I sigurt në shtëpi.",
	    "Dhunë e mëparshme në familje.",
	    "Rrezik i menjëhershëm; vendosur në siguri." },
	[ASM_HEALTH] = { "Shëndet i mirë.", "Pa kontrolle të rregullta.",
	    "Lëndime të dokumentuara." },
	[ASM_EDUCATION] = { "Ndjek shkollën.", "Mungesa të shpeshta.",
	    "Ka braktisur shkollën." },
	[ASM_FAMILY_CARE] = { "Prindër të kujdesshëm.",
	    "Kujdes i pamjaftueshëm; konflikte.",
	    "Prindi nuk e mbron fëmijën." },
	[ASM_ECONOMIC] = { "Ndihmë sociale.", "Pa të ardhura të rregullta.",
	    "Varfëri e thellë." },
	[ASM_DEVELOPMENT] = { "Zhvillim sipas moshës.",
	    "Vonesë e lehtë në të folur.", "Stres dhe ankth." },
	[ASM_CHILD_VIEWS] = { "Dëshiron të qëndrojë në familje.",
	    "Kërkon që prindërit të mos grinden.",
	    "Ka frikë të kthehet në shtëpi." },
	[ASM_STRENGTHS] = { "Gjyshja mbështet familjen.",
	    "Mësuesja e mbështet.", "Tezja gati ta marrë në kujdes." },
	[ASM_CONCLUSION] = { "Rrezik i ulët; shërbime në komunitet.",
	    "Rrezik i mesëm; plan dhe mbikëqyrje.",
	    "Rrezik i lartë; plan urgjent, masë mbrojtjeje." },
};

static const char *const goal_text[] = {
	"Fëmija ndjek shkollën rregullisht.",
	"Prindërit ndjekin këshillimin për prindërim pozitiv.",
	"Fëmija është i sigurt nga dhuna në shtëpi.",
	"Familja merr ndihmën ekonomike që i takon.",
	"Fëmija merr mbështetje psikologjike.",
	"Fëmija nuk punon më në rrugë.",
	"Fëmija bën kontrollet shëndetësore të rregullta.",
	"Fëmija kthehet i sigurt në familje.",
};
#define NGOAL (sizeof(goal_text) / sizeof(goal_text[0]))

/* An action of a plan: what, the service, who is responsible (the case's
 * agency, or an institution of the municipality) and that person. */
static const struct {
	const char	*what, *service, *person;
	enum who	 who;
} action_text[] = {
	{ "Vizitë në familje çdo muaj", "Menaxhim rasti", "Menaxheri i rastit",
	    W_AGENCY },
	{ "Këshillim psikologjik për fëmijën", "Këshillim psikologjik",
	    "Psikologia", W_HEALTH },
	{ "Ndjekja e frekuentimit të shkollës", "Mbështetje arsimore",
	    "Mësuesja kujdestare", W_SCHOOL },
	{ "Kursi i prindërimit pozitiv", "Prindërim pozitiv",
	    "Koordinatori i OJQ-së", W_NGO },
	{ "Kërkesë për ndihmë ekonomike", "Ndihmë ekonomike",
	    "Punonjësi social", W_AGENCY },
	{ "Kontroll mjekësor i fëmijës", "Shërbim shëndetësor", "Mjeku i familjes",
	    W_HEALTH },
	{ "Njoftim i policisë për çdo incident", "Mbrojtje",
	    "Inspektori për të miturit", W_POLICE },
	{ "Pjesëmarrje në qendrën ditore", "Qendër ditore",
	    "Koordinatori i OJQ-së", W_NGO },
};
#define NACTION (sizeof(action_text) / sizeof(action_text[0]))

static const char *const refusal_text[] = {
	"Prindërit nuk pranojnë mbikëqyrjen në familje.",
	"Babai refuzon të marrë pjesë në këshillim.",
	"Familja nuk pranon që fëmija të ndjekë qendrën ditore.",
};
static const char *const child_note_text[] = {
	[0] = "Fëmija mori pjesë në takim dhe tha mendimin e vet.",
	[1] = "Mendimi i fëmijës u shënua gjatë vizitës në familje.",
	[2] = "",
};
static const char *const progress_text[] = {
	"Veprimet sipas afateve.",
	"Progres i pjesshëm.",
	"Objektivat u arritën.",
};
static const char *const situation_text[] = {
	"I sigurt, ndjek shkollën.",
	"Tension në familje.",
	"Gjendje e përmirësuar.",
};
static const char *const views_text[] = {
	"Ndihet më mirë.",
	"Do të vazhdojë me psikologen.",
	"",
};
static const char *const incident_text[] = {
	"Raportim i ri për dhunë në shtëpi.",
	"Fëmija mungoi në shkollë një javë pa arsye.",
	"Policia ndërhyri pas një konflikti familjar.",
};
static const char *const transfer_text[] = {
	"Familja u zhvendos në komunën tjetër.",
	"Fëmija jeton tani me gjyshërit në komunën tjetër.",
};
static const char *const reopen_text = "Sinjalizim i ri pas mbylljes së "
	"rastit.";
static const char *const return_text = "Plotësoni përmbledhjen dhe "
	"kontrolloni afatin e ndjekjes.";
static const char *const concern_note = "Shqetësim i ri nga shkolla; "
	"vizitë në familje e planifikuar.";
static const char *const fine_note = "Fëmija është mirë; familja nuk ka "
	"nevojë për mbështetje.";

/* The summary of a closure by its reason (closure_reasons of closure.c). */
static const struct { const char *reason, *summary; double w; }
close_text[] = {
	{ "goals_met", "Objektivat e planit u arritën; familja funksionon pa "
	    "mbështetje.", 0 },
	{ "no_longer_at_risk", "Rreziku u largua; fëmija është i sigurt.", 30 },
	{ "turned_18", "I riu mbushi 18 vjeç; referuar në shërbimet për të "
	    "rritur.", 0 },
	{ "moved", "Familja u largua jashtë vendit.", 10 },
	{ "death", "Rasti u mbyll pas vdekjes së fëmijës.", 0.2 },
	{ "family_refused_low_risk", "Familja refuzoi shërbimet; rreziku është "
	    "i ulët.", 0 },
	{ "duplicate", "Rast i dyfishtë; puna vazhdon në rastin tjetër.", 1.5 },
};
#define NCLOSE (sizeof(close_text) / sizeof(close_text[0]))
enum { CR_GOALS, CR_NO_RISK, CR_18, CR_MOVED, CR_DEATH, CR_REFUSED, CR_DUP };

/* Screening checklists by level (codes of assessment.c), and the factors
 * a primary concern brings. */
static const char *const rf_by_level[3][8] = {
	{ "basic_needs_neglected", "out_of_school", "previous_reports",
	    "substance_abuse_household", NULL },
	{ "violence_at_home", "basic_needs_neglected", "caregiver_cannot_protect",
	    "previous_reports", "out_of_school", "child_labour_street",
	    "substance_abuse_household", NULL },
	{ "injury", "violence_at_home", "caregiver_cannot_protect",
	    "sexual_abuse_disclosed", "trafficking_signs", "child_labour_street",
	    NULL },
};
static const char *const pf_by_level[3][7] = {
	{ "caring_adult", "safe_housing", "attends_school", "relatives_support",
	    "engaged_with_services", "child_resilience", NULL },
	{ "caring_adult", "attends_school", "relatives_support",
	    "child_resilience", NULL },
	{ "relatives_support", "child_resilience", NULL },
};
static const struct { const char *concern, *factor; } concern_factor[] = {
	{ "NEG", "basic_needs_neglected" }, { "VIO_DV", "violence_at_home" },
	{ "VIO_PHY", "injury" }, { "EDU", "out_of_school" },
	{ "STR", "child_labour_street" }, { "EXP_ECO", "child_labour_street" },
	{ "VIO_SEX", "sexual_abuse_disclosed" }, { "EXP_SEX", "trafficking_signs" },
	{ "TRF", "trafficking_signs" }, { "DIS", "disability" },
};

/* ---------------------------------------------------------------- time */

/* The local day of instant t (Central European time, as the services). */
static int32_t
day_of(int64_t t)
{
	int32_t d = 0;

	(void)cal_date_of(t, &d);
	return d;
}

/* Local midnight starting day d. */
static int64_t
midnight(int32_t d)
{
	int64_t t = 0;

	(void)cal_date_midnight(d, &t);
	return t;
}

/* d plus n calendar months, the day clamped to the month's end: the
 * follow-up and review dates of svc/closure.c (plus_months). */
static int32_t
plus_months(int32_t d, int n)
{
	int y, m, day, i;
	int32_t out = d;

	cal_date_to_ymd(d, &y, &m, &day);
	i = y * 12 + (m - 1) + n;
	while (cal_date_from_ymd(i / 12, i % 12 + 1, day, &out) != CAL_OK &&
	    day > 28)
		day--;
	return out;
}

/* An instant in office hours (8:00 to 16:00) of day d. */
static int64_t
office(struct gen *g, int32_t d)
{
	return midnight(d) + 8 * 3600 + rndn(&g->r, 8 * 3600);
}

/* The instant `days` days before now (showcase times): within the last
 * two days exactly, before that in the office hours of that day (the
 * fraction of the day given places it between 9:00 and 17:00). */
static int64_t
ago(const struct gen *g, double days)
{
	int whole = (int)days;

	if (days < 2)
		return g->now - (int64_t)(days * 86400.0);
	return midnight(day_of(g->now) - whole) + 9 * 3600 +
	    (int64_t)((days - whole) * 8 * 3600);
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* Whole years from birth day b to day d (svc/closure.c age_on). */
static int
age_on(int32_t b, int32_t d)
{
	int by, bm, bd, y, m, dd;

	cal_date_to_ymd(b, &by, &bm, &bd);
	cal_date_to_ymd(d, &y, &m, &dd);
	return y - by - (m < bm || (m == bm && dd < bd));
}

/* ---------------------------------------------------------------- deadlines */

/*
 * The rules of table deadline_rule and the due instants of svc/deadline.c
 * (deadline_due): hours elapsed, calendar months (day clamped, due at the
 * end of that day), or working days of the country's calendar with the
 * administrator's days off, through cal_deadline() as the service calls
 * it. A working-day due instant depends only on the local day of the
 * start, so it is computed once per country, period and day.
 */
enum { U_HOURS, U_WDAYS, U_MONTHS };
#define RISK_ANY	3
#define RULES_MAX	512
#define WD_MEMO_MAX	16

struct dl_rule {
	int		 cc, version, step, risk, amount, unit;
};

struct dl_set {
	int		 cc, version;
	int64_t		 from;
};

struct wd_memo {
	int		 cc, n;
	int32_t		 day0, len;
	int64_t		*due;
};

static int
load_rules(struct gen *g)
{
	sqlite3_stmt *s;
	enum cal_country cc;
	int rc, i;

	if ((s = st(&g->d, Q_DEMO_RULE_SETS)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && g->nsets < RULES_MAX) {
		if (cal_country_parse((const char *)sqlite3_column_text(s, 0),
		    &cc) != CAL_OK)
			continue;
		g->sets[g->nsets].cc = (int)cc;
		g->sets[g->nsets].version = sqlite3_column_int(s, 1);
		g->sets[g->nsets++].from = sqlite3_column_int64(s, 2);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(&g->d, "rule_set");
	if ((s = st(&g->d, Q_DEMO_RULES)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && g->nrules < RULES_MAX) {
		struct dl_rule *k = &g->rules[g->nrules];
		const char *risk = (const char *)sqlite3_column_text(s, 3);
		const char *unit = (const char *)sqlite3_column_text(s, 5);

		if (cal_country_parse((const char *)sqlite3_column_text(s, 0),
		    &cc) != CAL_OK || (k->step = deadline_step_parse(
		    (const char *)sqlite3_column_text(s, 2))) < 0)
			continue;
		k->cc = (int)cc;
		k->version = sqlite3_column_int(s, 1);
		k->risk = strcmp(risk, "any") == 0 ? RISK_ANY :
		    strcmp(risk, "low") == 0 ? 0 : strcmp(risk, "medium") == 0 ?
		    1 : 2;
		k->amount = sqlite3_column_int(s, 4);
		k->unit = strcmp(unit, "hours") == 0 ? U_HOURS :
		    strcmp(unit, "months") == 0 ? U_MONTHS : U_WDAYS;
		g->nrules++;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(&g->d, "deadline_rule");
	/* The administrator's days off, per country (deadline.c extras()). */
	if ((s = st(&g->d, Q_DEMO_HOLIDAY_EXTRAS)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int32_t date;

		if (cal_country_parse((const char *)sqlite3_column_text(s, 0),
		    &cc) != CAL_OK || cal_date_parse((const char *)
		    sqlite3_column_text(s, 1), &date) != CAL_OK ||
		    g->nxdays[cc] >= CAL_EXTRA_MAX)
			continue;
		if (g->xdays[cc] == NULL && (g->xdays[cc] = calloc(CAL_EXTRA_MAX,
		    sizeof(*g->xdays[cc]))) == NULL)
			return -1;
		g->xdays[cc][g->nxdays[cc]].date = date;
		g->xdays[cc][g->nxdays[cc]].cancel = sqlite3_column_int(s, 2) != 0;
		g->xdays[cc][g->nxdays[cc]++].shift = sqlite3_column_int(s, 3) != 0;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(&g->d, "holiday_extra");
	for (i = 0; i < CAL_COUNTRY__MAX; i++) {
		memset(&g->extra[i], 0, sizeof(g->extra[i]));
		g->extra[i].days = g->xdays[i];
		g->extra[i].ndays = (size_t)g->nxdays[i];
	}
	return cal_init(NULL, NULL, 0) == CAL_OK ? 0 : -1;
}

/* The rule version of country cc in force at t (0: none). */
static int
rule_version(const struct gen *g, int cc, int64_t t)
{
	int i, v = 0;

	for (i = 0; i < g->nsets; i++)
		if (g->sets[i].cc == cc && g->sets[i].from <= t &&
		    g->sets[i].version > v)
			v = g->sets[i].version;
	return v;
}

/* The rule of a step at a risk level (-1: none), or its 'any' row, as
 * Q_DL_RULE_GET picks it. */
static const struct dl_rule *
rule_get(const struct gen *g, int cc, int version, int step, int risk)
{
	const struct dl_rule *any = NULL;
	int i;

	for (i = 0; i < g->nrules; i++) {
		const struct dl_rule *k = &g->rules[i];

		if (k->cc != cc || k->version != version || k->step != step)
			continue;
		if (risk >= 0 && k->risk == risk)
			return k;
		if (k->risk == RISK_ANY)
			any = k;
	}
	return any;
}

static int64_t
wd_due(struct gen *g, int cc, int n, int64_t start)
{
	struct wd_memo *w = NULL;
	int32_t d = day_of(start);
	int64_t due = 0;
	int i;

	for (i = 0; i < g->nwd; i++)
		if (g->wd[i].cc == cc && g->wd[i].n == n)
			w = &g->wd[i];
	if (w == NULL && g->nwd < WD_MEMO_MAX) {
		w = &g->wd[g->nwd];
		w->cc = cc;
		w->n = n;
		w->day0 = day_of(g->t_start) - 31;
		w->len = (int32_t)((g->now - g->t_start) / 86400) + 800;
		if ((w->due = calloc((size_t)w->len, sizeof(int64_t))) != NULL)
			g->nwd++;
		else
			w = NULL;
	}
	if (w != NULL && d >= w->day0 && d - w->day0 < w->len &&
	    w->due[d - w->day0] != 0)
		return w->due[d - w->day0];
	if (cal_deadline((enum cal_country)cc, start, n, &g->extra[cc], &due) !=
	    CAL_OK)
		return 0;
	if (w != NULL && d >= w->day0 && d - w->day0 < w->len)
		w->due[d - w->day0] = due;
	return due;
}

/* deadline_due() of svc/deadline.c: 0 when no rule applies. */
static int64_t
due_of(struct gen *g, int cc, int version, int step, int risk, int64_t start)
{
	const struct dl_rule *k = rule_get(g, cc, version, step, risk);
	int32_t d;
	int y, m, day, mi;

	if (k == NULL)
		return 0;
	switch (k->unit) {
	case U_HOURS:
		return start + 3600 * (int64_t)k->amount;
	case U_MONTHS:
		/* deadline.c add_months(): the day clamped, due at the end
		 * of that day. */
		cal_date_to_ymd(day_of(start), &y, &m, &day);
		mi = (y * 12 + (m - 1)) + k->amount;
		y = mi / 12;
		m = mi % 12 + 1;
		while (day > 28 && cal_date_from_ymd(y, m, day, &d) != CAL_OK)
			day--;
		if (cal_date_from_ymd(y, m, day, &d) != CAL_OK)
			return 0;
		return midnight(d + 1);
	default:
		return wd_due(g, cc, k->amount, start);
	}
}

/*
 * What svc/deadline.c holds for a case: the operations of its life in
 * time order (risk set, contact, steps done and started, incidents),
 * replayed on one row per step as the service's queries change them
 * (Q_DL_UPSERT, Q_DL_DONE, Q_DL_INSERT_DONE, Q_DL_RESTART, Q_DL_DROP_OPEN,
 * Q_CL_REVIEW_DUE).
 */
enum dlop_kind {
	DO_RISK,	/* deadline_risk_in_tx(level) */
	DO_CONTACT,	/* deadline_contact() */
	DO_DONE,	/* deadline_step_done_in_tx(step) */
	DO_START,	/* deadline_step_start_in_tx(step) */
	DO_START_ONCE,	/* the low-risk screening: the plan, when none */
	DO_CONFERENCE,	/* conference_hold(): medium and high risk, the
			 * conference step done and the plan due from it */
	DO_INCIDENT	/* closure_incident_add(): a review due today */
};
#define DLOP_MAX	160

struct dlop {
	int64_t		 at, t, by;
	int		 seq;
	uint8_t		 kind, arg;
};

struct dlrow {
	int		 on;
	int64_t		 start, due, done, by;
};

/* A case being written: what the generator decided and what the life
 * wrote so far. */
struct cs {
	struct muni	*m;
	int		 mi;
	int64_t		 id, child, rid, t0, received, created_by;
	char		 num[32];
	int		 level, danger, restricted, nc, c[3], reused;
	int32_t		 dob;		/* days since 1970 */
	int64_t		 worker, team;
	const char	*source;
	int64_t		 reopened_from;
	int		 kidx;		/* in g->kids, -1: none */
	int		 year, seq;	/* of the number */
	int		 reopen_planned;
	/* opened by an accepted transfer: the risk row copied */
	int		 xin, xlevel;
	int64_t		 xauthor, xat, xval, xvat;
	/* written so far */
	const char	*status;
	int		 cur;		/* current risk level, -1 none */
	int64_t		 last, closed_at;
	const char	*close_reason;
	int		 ops, rulev, dl;
	int		 plan_reached;
	int64_t		 r_author, r_at, r_val, r_vat;	/* latest risk row */
	struct dlop	 op[DLOP_MAX];
	int		 nop;
};

static void
dl_push(struct cs *c, int kind, int arg, int64_t at, int64_t t, int64_t by)
{
	struct dlop *o;

	if (!c->dl || c->nop == DLOP_MAX)
		return;
	o = &c->op[c->nop];
	o->kind = (uint8_t)kind;
	o->arg = (uint8_t)arg;
	o->at = at;
	o->t = t;
	o->by = by;
	o->seq = c->nop++;
}

/* The new period of an open or done row (Q_DL_RESTART), or the open row
 * dropped when no rule applies (Q_DL_DROP_OPEN). */
static void
dl_restart(struct gen *g, const struct cs *c, struct dlrow *r, int step,
    int risk, int64_t start)
{
	int64_t due = due_of(g, c->m->cc, c->rulev, step, risk, start);

	if (due == 0) {
		if (r->on && r->done == 0)
			r->on = 0;
		return;
	}
	r->on = 1;
	r->start = start;
	r->due = due;
	r->done = r->by = 0;
}

/* deadline_step_done_in_tx(): the open row done, else a done row
 * without a deadline (start = done), a done row kept. */
static void
dl_done(struct dlrow *r, int64_t at, int64_t by, int64_t start)
{
	if (r->on && r->done == 0) {
		r->done = at;
		r->by = by;
	} else if (!r->on) {
		r->on = 1;
		r->start = start;
		r->due = 0;
		r->done = at;
		r->by = by;
	}
}

/* Replays the operations and writes the rows of an open case. */
static int
deadlines(struct gen *g, struct cs *c)
{
	static const int risk_steps[] = { DL_FIRST_CONTACT, DL_ASSESSMENT,
		DL_CONFERENCE };
	struct dlrow row[DL_STEP__MAX];
	struct dlop t;
	sqlite3_stmt *s;
	int i, j, k, cur = -1;

	/* Insertion sort by time (most operations come in order). */
	for (i = 1; i < c->nop; i++) {
		t = c->op[i];
		for (j = i; j > 0 && (c->op[j - 1].at > t.at ||
		    (c->op[j - 1].at == t.at && c->op[j - 1].seq > t.seq)); j--)
			c->op[j] = c->op[j - 1];
		c->op[j] = t;
	}
	memset(row, 0, sizeof(row));
	/* Opened: registration done at once (deadline_case_opened_in_tx). */
	row[DL_REGISTRATION].on = 1;
	row[DL_REGISTRATION].start = c->received;
	row[DL_REGISTRATION].due = due_of(g, c->m->cc, c->rulev,
	    DL_REGISTRATION, -1, c->received);
	row[DL_REGISTRATION].done = c->t0;
	row[DL_REGISTRATION].by = c->created_by;
	for (i = 0; i < c->nop; i++) {
		const struct dlop *o = &c->op[i];
		struct dlrow *r = &row[o->arg < DL_STEP__MAX ? o->arg : 0];

		switch (o->kind) {
		case DO_RISK:
			cur = o->arg;
			for (k = 0; k < 3; k++) {
				struct dlrow *x = &row[risk_steps[k]];
				int64_t due = due_of(g, c->m->cc, c->rulev,
				    risk_steps[k], cur, c->t0);

				if (due == 0) {
					if (x->on && x->done == 0)
						x->on = 0;
				} else if (!x->on) {
					x->on = 1;
					x->start = c->t0;
					x->due = due;
					x->done = x->by = 0;
				} else if (x->done == 0) {
					x->start = c->t0;
					x->due = due;
				}
			}
			for (k = DL_PLAN; k <= DL_REVIEW; k++)
				if (row[k].on && row[k].done == 0)
					dl_restart(g, c, &row[k], k, cur,
					    row[k].start);
			break;
		case DO_CONTACT:
			dl_done(&row[DL_FIRST_CONTACT], o->at, o->by, c->t0);
			break;
		case DO_DONE:
			dl_done(r, o->at, o->by, o->at);
			break;
		case DO_START:
			dl_restart(g, c, r, o->arg, cur, o->t);
			break;
		case DO_START_ONCE:
			if (!r->on)
				dl_restart(g, c, r, o->arg, cur, o->t);
			break;
		case DO_CONFERENCE:
			if (cur == 1 || cur == 2) {
				dl_done(&row[DL_CONFERENCE], o->at, o->by, o->at);
				dl_restart(g, c, &row[DL_PLAN], DL_PLAN, cur, o->at);
			}
			break;
		case DO_INCIDENT: {
			struct dlrow *x = &row[DL_REVIEW];
			int64_t due = midnight(day_of(o->at) + 1);

			if (!x->on || x->done != 0 || x->due == 0 ||
			    x->due > due) {
				x->on = 1;
				x->start = o->at;
				x->due = due;
			}
			x->done = x->by = 0;
			break;
		}
		}
	}
	for (k = 0; k < DL_STEP__MAX; k++) {
		int64_t esc = 0;

		if (!row[k].on)
			continue;
		/* Overdue for more than a day: the unit's supervisor has seen
		 * it on "my work" since (deadline_work() escalates it at the
		 * first listing); a step overdue since today waits for that. */
		if (row[k].done == 0 && row[k].due != 0 &&
		    row[k].due + 86400 < g->now) {
			esc = row[k].due + rndn(&g->r, 2 * 86400);
			if (esc > g->now - 3600)
				esc = g->now - 3600;
		}
		if ((s = st(&g->d, Q_DEMO_DEADLINE_INSERT)) == NULL)
			return -1;
		bi(s, 1, c->id);
		bt(s, 2, deadline_step_name(k));
		bi(s, 3, row[k].start);
		bid(s, 4, row[k].due);
		bid(s, 5, row[k].done);
		bid(s, 6, row[k].done ? row[k].by : 0);
		bi(s, 7, c->rulev);
		bid(s, 8, esc);
		if (run(&g->d, s, Q_DEMO_DEADLINE_INSERT) != 0)
			return -1;
		g->stats->deadlines++;
	}
	return 0;
}

/* ---------------------------------------------------------------- later cases */

/*
 * Cases opened later in the life of another: a reopening, a transfer
 * accepted, and the showcase cases of the demo users. They wait in a heap
 * by the instant they open and are written when the generator's clock
 * passes it, so case numbers stay in the order of opening.
 */
enum pend_kind { P_SHOW, P_REOPEN, P_TRANSFER };

struct pend {
	int64_t		 at;
	uint64_t	 seq;
	int		 kind, show, mi, kidx;
	int64_t		 child, from, from_agency, worker, team, req_by,
			 req_at, decider;
	const char	*source;	/* a static string */
	int32_t		 dob;
	char		 from_num[32], from_status[16];
	int		 c[3], nc, restricted, danger, level, reason;
	int64_t		 r_author, r_at, r_val, r_vat;
};

static int
pend_less(const struct pend *a, const struct pend *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

static int
pend_push(struct gen *g, struct pend *p)
{
	size_t i;

	if (g->npend == g->cpend) {
		size_t cap = g->cpend ? 2 * g->cpend : 256;
		struct pend *v = realloc(g->pend, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		g->pend = v;
		g->cpend = cap;
	}
	p->seq = g->pseq++;
	for (i = g->npend++; i > 0 && pend_less(p, &g->pend[(i - 1) / 2]);
	    i = (i - 1) / 2)
		g->pend[i] = g->pend[(i - 1) / 2];
	g->pend[i] = *p;
	return 0;
}

static void
pend_pop(struct gen *g, struct pend *out)
{
	struct pend last;
	size_t i = 0, k;

	*out = g->pend[0];
	last = g->pend[--g->npend];
	for (;;) {
		k = 2 * i + 1;
		if (k >= g->npend)
			break;
		if (k + 1 < g->npend && pend_less(&g->pend[k + 1], &g->pend[k]))
			k++;
		if (!pend_less(&g->pend[k], &last))
			break;
		g->pend[i] = g->pend[k];
		i = k;
	}
	if (g->npend > 0)
		g->pend[i] = last;
}

/* ---------------------------------------------------------------- showcase */

/*
 * The showcase: in each municipality whose caseworkers existed before the
 * run (the users of init --demo: arta and besim of QPS-HANI, pmf.tirane of
 * NJMF-TIRANE), a few cases of the first caseworker in every state, at
 * fixed distances from today, so /work, the home counts and the waiting
 * lists are never empty: first contact overdue, a conference due this
 * week, a plan overdue and one waiting for the supervisor, a review due
 * today, a closure request and a transfer waiting, a follow-up due.
 */
enum show_flag {
	SF_NO_CONTACT = 1 << 0,	/* first contact not made: overdue */
	SF_ASM_DRAFT = 1 << 1,	/* the assessment still a draft */
	SF_PLAN_SUB = 1 << 2,	/* the plan in progress submitted */
	SF_V2_DRAFT = 1 << 3,	/* the revision a draft */
	SF_CLOSURE_WAIT = 1 << 4,
	SF_INCIDENT = 1 << 5,	/* an incident today: a review due today */
	SF_FU_PENDING = 1 << 6,	/* the follow-up check due */
	SF_FU_DONE = 1 << 7,
	SF_XFER_ACC = 1 << 8,	/* transferred to the partner, accepted */
	SF_XFER_WAIT = 1 << 9	/* a transfer waiting for the demo unit */
};
enum show_kind { SK_CASE, SK_XFER_IN, SK_S7A, SK_S7B };

struct show_spec {
	enum show_kind	 kind;
	int		 level, danger;
	double		 open_d, scr_d;	/* days before now; scr 0: none */
	double		 at_d[5];	/* the steps (0: not reached) */
	double		 x_d[2];	/* a request, its decision */
	unsigned	 flags;
};

static const struct show_spec show_specs[] = {
	/* registered today, nothing done yet */
	{ SK_CASE, 0, 0, 0.2, 0, { 0 }, { 0 }, 0 },
	/* high risk with danger, screened yesterday: contact overdue */
	{ SK_CASE, 2, 1, 1.4, 1.3, { 0 }, { 0 }, SF_NO_CONTACT },
	/* assessment in progress; the conference due within days */
	{ SK_CASE, 1, 0, 12, 11, { 5 }, { 0 }, SF_ASM_DRAFT },
	/* plan submitted two days ago, waiting for the supervisor */
	{ SK_CASE, 1, 0, 45, 44, { 38, 20 }, { 2 }, SF_PLAN_SUB },
	/* plan active, an incident today: a review due today */
	{ SK_CASE, 2, 0, 70, 69.9, { 62, 50, 25 }, { 0 }, SF_INCIDENT },
	/* plan active for months, closure requested three days ago */
	{ SK_CASE, 1, 0, 200, 199, { 190, 175, 150 }, { 3 }, SF_CLOSURE_WAIT },
	/* revise_plan review last week, the revision a draft */
	{ SK_CASE, 2, 0, 100, 99, { 92, 80, 60, 6 }, { 0 }, SF_V2_DRAFT },
	/* closed a hundred days ago: the follow-up check is due */
	{ SK_CASE, 1, 0, 230, 229, { 220, 200, 180, 110, 100 }, { 0 },
	    SF_FU_PENDING },
	/* closed at low risk, followed up */
	{ SK_CASE, 0, 0, 290, 289, { 280, 0, 0, 0, 200 }, { 0 }, SF_FU_DONE },
	/* transferred to the partner municipality, accepted there */
	{ SK_CASE, 1, 0, 120, 119, { 110 }, { 40, 35 }, SF_XFER_ACC },
	/* a case of the partner municipality coming here, waiting */
	{ SK_XFER_IN, 1, 0, 60, 59, { 50 }, { 2 }, SF_XFER_WAIT },
};
#define NSHOW_SPECS (sizeof(show_specs) / sizeof(show_specs[0]))
#define SHOW_MUNIS_MAX	4

/* Scenario 7 of ../shared/SCENARIOS.md: a boy of Graçanicë (XK08) with
 * two records, the second from a school report months later, for a
 * supervisor of that unit to merge. */
static const struct show_spec s7_specs[] = {
	{ SK_S7A, 1, 0, 250, 249, { 240, 225, 200 }, { 0 }, 0 },
	{ SK_S7B, 0, 0, 20, 19, { 0 }, { 0 }, 0 },
};
#define S7_MUNI		"XK08"
#define S7_AGE_DAYS	4138	/* the boy's age: about 11 years */

struct show {
	const struct show_spec	*sp;
	int			 mi, to_mi;
};

/* ---------------------------------------------------------------- code lists */

/* The index of code in a NULL-terminated list of the services, or -1. */
static int
code_index(const char *const *set, const char *code)
{
	int i;

	for (i = 0; set[i] != NULL; i++)
		if (strcmp(set[i], code) == 0)
			return i;
	return -1;
}

/* The stored form of a set of codes (bits of list): codes in the list's
 * order separated by commas (cw_codes_parse's canonical form), made once
 * per set in the lasting arena. */
static const char *
codes_of_mask(struct gen *g, const char *const *list, const char **cache,
    uint32_t mask)
{
	struct buf b;
	int i, n = 0;

	if (cache[mask] != NULL)
		return cache[mask];
	buf_init(&b, g->pa);
	for (i = 0; list[i] != NULL; i++)
		if (mask & (1u << i)) {
			if (n++)
				buf_putc(&b, ',');
			buf_puts(&b, list[i]);
		}
	cache[mask] = b.oom ? "" : n ? b.p : "";
	return cache[mask];
}

/* Checks that every code the generator writes is in the services' lists
 * (a renamed code would fail a CHECK or mislead a page) and makes the
 * bits of the checklists. */
static int
check_codes(struct gen *g)
{
	static const char *const relations[] = { "mother", "father",
		"grandparent", "other_relative", "guardian", NULL };
	static const char *const srcs[] = { "home_visit", "parent_interview",
		"child_interview", "records", "police", NULL };
	const char *bad = NULL;
	size_t i;
	int l, k, x;

	for (l = 0; l < 3 && bad == NULL; l++) {
		for (k = 0; rf_by_level[l][k] != NULL; k++) {
			if ((x = code_index(cw_risk_factors,
			    rf_by_level[l][k])) < 0) {
				bad = rf_by_level[l][k];
				break;
			}
			g->rf_bit[l][k] = 1u << x;
		}
		g->rf_n[l] = k;
		for (k = 0; pf_by_level[l][k] != NULL && bad == NULL; k++) {
			if ((x = code_index(cw_protective_factors,
			    pf_by_level[l][k])) < 0)
				bad = pf_by_level[l][k];
			else
				g->pf_bit[l][k] = 1u << x;
		}
		g->pf_n[l] = k;
	}
	for (k = 0; srcs[k] != NULL && bad == NULL; k++)
		if ((x = code_index(cw_sources, srcs[k])) < 0)
			bad = srcs[k];
		else
			g->src_bit[k] = 1u << x;
	for (i = 0; i < NCONCERN && bad == NULL; i++) {
		size_t j;

		for (j = 0; j < sizeof(concern_factor) / sizeof(concern_factor[0]);
		    j++)
			if (strcmp(concern_factor[j].concern, concern_w[i].code) ==
			    0) {
				if ((x = code_index(cw_risk_factors,
				    concern_factor[j].factor)) < 0)
					bad = concern_factor[j].factor;
				else
					g->concern_bit[i] = 1u << x;
			}
	}
	if (bad == NULL && (x = code_index(cw_risk_factors, "under_three")) >= 0)
		g->bit_under3 = 1u << x;
	else if (bad == NULL)
		bad = "under_three";
	if (bad == NULL && (x = code_index(cw_risk_factors,
	    "previous_reports")) >= 0)
		g->bit_prev = 1u << x;
	else if (bad == NULL)
		bad = "previous_reports";
	for (i = 0; i < NCLOSE && bad == NULL; i++)
		if (code_index(closure_reasons, close_text[i].reason) < 0)
			bad = close_text[i].reason;
	for (k = 0; relations[k] != NULL && bad == NULL; k++)
		if (code_index(child_relations, relations[k]) < 0)
			bad = relations[k];
	if (bad == NULL && (code_index(child_link_relations, "sibling") < 0 ||
	    code_index(child_link_relations, "half_sibling") < 0))
		bad = "half_sibling";
	if (bad == NULL && (code_index(closure_decisions, "continue") < 0 ||
	    code_index(closure_decisions, "revise_plan") < 0))
		bad = "revise_plan";
	if (bad == NULL && (code_index(plan_parents_codes, "refused") < 0 ||
	    code_index(plan_child_codes, "views_recorded") < 0 ||
	    code_index(plan_measures, "family_supervision") < 0))
		bad = "plan codes";
	for (x = 0; cw_risk_factors[x] != NULL; x++)
		;
	if (bad == NULL && x > 16)
		bad = "too many risk factors";
	if (bad != NULL) {
		snprintf(g->d.err, g->d.errlen, "demo: \"%s\" is not a code of "
		    "the services (src/svc): update src/cli/demo.c", bad);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- children */

/* A new child: drawn, or (mi < 0, about SIBLING_PCT) a brother or sister
 * of a recent child: same family name, parents and municipality (*sib its
 * index in g->kids, *half when the mother differs). */
static void
new_kid(struct gen *g, struct kid *nk, int mi, int64_t today, int *sib,
    int *half)
{
	const struct kid *p = NULL;
	int age, y, mo, d, nf;

	memset(nk, 0, sizeof(*nk));
	*sib = -1;
	*half = 0;
	if (mi < 0 && g->nkids > 0 && pct(&g->r, SIBLING_PCT)) {
		*sib = (int)(g->nkids - 1 - rndn(&g->r, (uint32_t)(g->nkids <
		    2000 ? g->nkids : 2000)));
		p = &g->kids[*sib];
		nk->muni = p->muni;
		nk->comm = p->comm;
		nk->lang = p->lang;
		nk->family = p->family;
		nk->parent = p->parent;
		nk->mother = p->mother;
		if ((*half = pct(&g->r, 15)) != 0)
			nk->mother = (uint16_t)rndn(&g->r,
			    (uint32_t)g->nm.n[nk->lang][K_F]);
	} else {
		nk->muni = (uint16_t)(mi >= 0 ? mi : pick(&g->r, g->mw,
		    g->nm_n));
		nk->comm = (uint8_t)pick(&g->r, g->m[nk->muni].comm, C__N);
		nk->lang = (uint8_t)community_lang[nk->comm];
		if (nk->comm == C_ROM && g->m[nk->muni].comm[C_SRB] > 50)
			nk->lang = L_SR;
		nk->family = (uint16_t)rndn(&g->r,
		    (uint32_t)g->nm.n[nk->lang][K_SUR]);
		nk->parent = (uint16_t)rndn(&g->r,
		    (uint32_t)g->nm.n[nk->lang][K_M]);
		nk->mother = (uint16_t)rndn(&g->r,
		    (uint32_t)g->nm.n[nk->lang][K_F]);
	}
	nk->sex = (uint8_t)(rndn(&g->r, 100) < 48);
	nf = g->nm.n[nk->lang][nk->sex ? K_F : K_M];
	nk->given = (uint16_t)rndn(&g->r, (uint32_t)nf);
	if (p != NULL && p->sex == nk->sex && p->given == nk->given)
		nk->given = (uint16_t)((nk->given + 1) % nf);
	age = (int)rndn(&g->r, 18);
	if (age < 3 && pct(&g->r, 40))
		age += 6;	/* fewer infants than teenagers */
	nk->dob = (int32_t)(today - age * 365 - rndn(&g->r, 365));
	nk->est = (uint8_t)pct(&g->r, 20);
	if (nk->est) {
		civil_from_days(nk->dob, &y, &mo, &d);
		nk->dob = (int32_t)days_from_civil(y, 7, 1);
		if (nk->dob > today)
			nk->dob = (int32_t)today;
	}
}

static int
caregiver_row(struct gen *g, int64_t child, const char *name,
    const char *relation, int guardian, int lives, const char *phone,
    int64_t at)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_CAREGIVER_INSERT)) == NULL)
		return -1;
	bi(s, 1, child);
	bt(s, 2, name);
	bt(s, 3, relation);
	bi(s, 4, guardian);
	bi(s, 5, lives);
	bt(s, 6, phone);
	bi(s, 7, at);
	g->stats->caregivers++;
	return run(&g->d, s, Q_DEMO_CAREGIVER_INSERT);
}

/* A phone number of the country, or "" (about 40 %). */
static const char *
phone(struct gen *g, const struct muni *m)
{
	if (!pct(&g->r, 60))
		return "";
	if (strcmp(m->country, "XK") == 0)
		return arena_printf(g->a, "04%u %03u %03u", 3 + rndn(&g->r, 7),
		    rndn(&g->r, 1000), rndn(&g->r, 1000));
	return arena_printf(g->a, "06%u %03u %04u", 7 + rndn(&g->r, 3),
	    rndn(&g->r, 1000), rndn(&g->r, 10000));
}

/* The caregivers of a new record (family: its family name as written):
 * mother and father for most, a grandparent or a guardian sometimes. */
static int
caregivers(struct gen *g, const struct kid *k, const struct muni *m,
    int64_t child, const char *family, int64_t at, int dup)
{
	const char *mother = g->nm.s[k->lang][K_F][k->mother];
	const char *father = g->nm.s[k->lang][K_M][k->parent];
	int n = 0;

	if (dup) {	/* a second record: what the referrer knew */
		if (pct(&g->r, 50))
			return caregiver_row(g, child, arena_printf(g->a, "%s %s",
			    mother, family), "mother", 1, 1, "", at);
		return 0;
	}
	if (pct(&g->r, 88)) {
		if (caregiver_row(g, child, arena_printf(g->a, "%s %s", mother,
		    family), "mother", 1, pct(&g->r, 95), phone(g, m), at) != 0)
			return -1;
		n++;
	}
	if (pct(&g->r, 72)) {
		if (caregiver_row(g, child, arena_printf(g->a, "%s %s", father,
		    family), "father", 1, pct(&g->r, 82), n ? "" : phone(g, m),
		    at) != 0)
			return -1;
		n++;
	}
	if (n == 0 || pct(&g->r, 6)) {
		const char *rel = n == 0 && pct(&g->r, 30) ? "guardian" :
		    pct(&g->r, 70) ? "grandparent" : "other_relative";
		int fem = (int)rndn(&g->r, 2);
		const char *given = g->nm.s[k->lang][fem ? K_F : K_M][rndn(&g->r,
		    (uint32_t)g->nm.n[k->lang][fem ? K_F : K_M])];

		if (caregiver_row(g, child, arena_printf(g->a, "%s %s", given,
		    family), rel, n == 0, 1, n ? "" : phone(g, m), at) != 0)
			return -1;
	}
	return 0;
}

/* Two records linked as siblings (child_link, lower id first) with the
 * history entry on both, as child_sibling_link() writes them. */
static int
sibling_link(struct gen *g, int64_t a, int64_t b, int half, int64_t at,
    int64_t actor)
{
	const char *rel = half ? "half_sibling" : "sibling";
	sqlite3_stmt *s;
	int i;

	if ((s = st(&g->d, Q_DEMO_LINK_INSERT)) == NULL)
		return -1;
	bi(s, 1, a < b ? a : b);
	bi(s, 2, a < b ? b : a);
	bt(s, 3, rel);
	bi(s, 4, at);
	if (run(&g->d, s, Q_DEMO_LINK_INSERT) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if ((s = st(&g->d, Q_DEMO_CHILD_EVENT_INSERT)) == NULL)
			return -1;
		bi(s, 1, i ? b : a);
		bi(s, 2, at);
		bid(s, 3, actor);
		bt(s, 4, "sibling.linked");
		bt(s, 5, "sibling");
		bt(s, 6, arena_printf(g->a, "#%lld", (long long)(i ? a : b)));
		bt(s, 7, rel);
		if (run(&g->d, s, Q_DEMO_CHILD_EVENT_INSERT) != 0)
			return -1;
	}
	g->stats->siblings++;
	return 0;
}

/* ---------------------------------------------------------------- casework rows */

static const int period_months[3] = { 6, 3, 1 };

/* A uniform number in [0, 1). */
static double
unit(struct gen *g)
{
	return (double)(rnd(&g->r) >> 11) * 0x1p-53;
}

/* A time in [a, b) (a when b <= a). */
static int64_t
between(struct gen *g, int64_t a, int64_t b)
{
	return b > a ? a + (int64_t)((double)(b - a) * unit(g)) : a;
}

static int
status_to(struct gen *g, struct cs *c, int64_t at, int64_t actor,
    const char *to)
{
	if (event(g, c->id, at, actor, "status", "status", c->status, to,
	    "") != 0)
		return -1;
	c->status = to;
	c->last = max64(c->last, at);
	return 0;
}

/* A screening: the risk row (risk_id), the checklists drawn to match the
 * level and the concern, its events and deadline operations. */
static int
screening(struct gen *g, struct cs *c, int level, int64_t at, int64_t author,
    int64_t validator, int64_t vat)
{
	sqlite3_stmt *s;
	uint32_t rf = 0, pf = 0, so = 0;
	int i, k, confirmed = level == 2 && !c->danger;

	if (risk_row(g, c->id, level, author, at, validator, vat) != 0)
		return -1;
	c->r_author = author;
	c->r_at = at;
	c->r_val = validator;
	c->r_vat = validator ? vat : 0;
	k = level == 0 ? 1 : level == 1 ? 1 + (int)rndn(&g->r, 2) :
	    2 + (int)rndn(&g->r, 2);
	for (i = 0; i < k; i++)
		rf |= g->rf_bit[level][rndn(&g->r, (uint32_t)g->rf_n[level])];
	rf |= g->concern_bit[c->c[0]];
	if (age_on(c->dob, day_of(at)) < 3)
		rf |= g->bit_under3;
	if (c->reused)
		rf |= g->bit_prev;
	k = level == 0 ? 2 + (int)rndn(&g->r, 2) : level == 1 ?
	    1 + (int)rndn(&g->r, 2) : (int)rndn(&g->r, 2);
	for (i = 0; i < k; i++)
		pf |= g->pf_bit[level][rndn(&g->r, (uint32_t)g->pf_n[level])];
	so = pct(&g->r, 75) ? g->src_bit[0] : 0;
	so |= pct(&g->r, 60) ? g->src_bit[1] : 0;
	so |= age_on(c->dob, day_of(at)) >= 6 && pct(&g->r, 45) ?
	    g->src_bit[2] : 0;
	so |= pct(&g->r, 25) ? g->src_bit[3] : 0;
	so |= c->danger || (level == 2 && pct(&g->r, 50)) ? g->src_bit[4] : 0;
	if (so == 0)
		so = g->src_bit[0];
	if ((s = st(&g->d, Q_DEMO_SCREENING_INSERT)) == NULL)
		return -1;
	bi(s, 1, c->id);
	bi(s, 2, g->risk_id);
	bt(s, 3, codes_of_mask(g, cw_risk_factors, g->rf_str, rf));
	bt(s, 4, codes_of_mask(g, cw_protective_factors, g->pf_str, pf));
	bt(s, 5, codes_of_mask(g, cw_sources, g->src_str, so));
	bi(s, 6, c->danger);
	bi(s, 7, confirmed);
	bi(s, 8, author);
	bi(s, 9, at);
	if (run(&g->d, s, Q_DEMO_SCREENING_INSERT) != 0)
		return -1;
	g->stats->screenings++;
	if (event(g, c->id, at, author, "risk", "risk", c->cur < 0 ? "" :
	    risk_name[c->cur], risk_name[level], "") != 0)
		return -1;
	if (strcmp(c->status, "registered") == 0 &&
	    status_to(g, c, at, author, "screened") != 0)
		return -1;
	if (event(g, c->id, at, author, "screening", "risk", "",
	    risk_name[level], c->danger ? "emergency" : confirmed ?
	    "high_confirmed" : "") != 0)
		return -1;
	c->cur = level;
	c->ops++;
	c->last = max64(c->last, at);
	dl_push(c, DO_RISK, level, at, 0, author);
	if (level == 0)
		dl_push(c, DO_START_ONCE, DL_PLAN, at, at, author);
	if (validator) {
		if (event(g, c->id, vat, validator, "risk.validated", "risk",
		    risk_name[level], risk_name[level], "") != 0)
			return -1;
		c->ops++;
		c->last = max64(c->last, vat);
	}
	return 0;
}

/* The comprehensive assessment: started, and completed at done (0: a
 * draft with the first findings). */
static int
assessment(struct gen *g, struct cs *c, int64_t started, int64_t done)
{
	sqlite3_stmt *s;
	int lv = c->cur < 0 ? 0 : c->cur, i, draft = done == 0;
	uint32_t so = g->src_bit[0] | g->src_bit[1];

	if (age_on(c->dob, day_of(started)) >= 6)
		so |= g->src_bit[2];
	if (pct(&g->r, 50))
		so |= g->src_bit[3];
	if (lv == 2)
		so |= g->src_bit[4];
	if ((s = st(&g->d, Q_DEMO_ASSESSMENT_INSERT)) == NULL)
		return -1;
	bi(s, 1, c->id);
	bt(s, 2, draft ? "draft" : "completed");
	for (i = ASM_SAFETY; i <= ASM_STRENGTHS; i++)
		bt(s, 3 + i, !draft || i == ASM_SAFETY || i == ASM_FAMILY_CARE ||
		    (i == ASM_HEALTH && pct(&g->r, 60)) ? asm_text[i][lv] : "");
	bt(s, 11, codes_of_mask(g, cw_sources, g->src_str, so));
	bt(s, 12, draft ? "" : asm_text[ASM_CONCLUSION][lv]);
	bi(s, 13, c->worker);
	bi(s, 14, started);
	bi(s, 15, draft ? between(g, started, g->now < started + 3 * 86400 ?
	    g->now : started + 3 * 86400) : done);
	bid(s, 16, draft ? 0 : c->worker);
	bid(s, 17, done);
	if (run(&g->d, s, Q_DEMO_ASSESSMENT_INSERT) != 0)
		return -1;
	g->stats->assessments++;
	if (event(g, c->id, started, c->worker, "assessment.started", "", "",
	    "", "") != 0)
		return -1;
	c->ops++;
	if (!draft) {
		if (event(g, c->id, done, c->worker, "assessment.completed", "",
		    "", "", "") != 0)
			return -1;
		c->ops++;
		c->last = max64(c->last, done);
		dl_push(c, DO_DONE, DL_ASSESSMENT, done, 0, c->worker);
	}
	return 0;
}

/* A version of the plan: its times (0: not reached). */
struct planv {
	int		 number;
	const char	*status;
	int64_t		 created, submitted, decided, superseded;
};

/*
 * The plan row of a version with its goals and actions, drawn from seed:
 * a revision (v2) drawn from the same seed is the copy of v1 that
 * plan_create() makes. Actions are done (by the supervisor's last look)
 * only on an approved version, before it was superseded. *refused: the
 * parents refused.
 */
static int
plan_row(struct gen *g, struct cs *c, const struct planv *v, uint64_t seed,
    int *refused)
{
	static const char *const child_codes[3] = { "participated",
		"views_recorded", "not_appropriate" };
	struct rng r = { seed };
	sqlite3_stmt *s;
	const char *measure = "none", *parents, *reason = "";
	int lv = c->cur < 0 ? 0 : c->cur, age, part, n, i, k, used = 0;
	int64_t pid = ++g->plan_id, base = v->decided ? v->decided : v->created;
	int64_t cutoff = v->decided ? (v->superseded ? v->superseded : g->now) :
	    0, lo, hi;
	int32_t due;
	char review[11], dues[11];
	struct muni *m = c->m;

	if (lv == 2)
		measure = c->danger && pct(&r, 40) ? "emergency_placement" :
		    pct(&r, 20) ? "alternative_care" : pct(&r, 35) ?
		    "family_supervision" : "none";
	else if (lv == 1 && pct(&r, strcmp(m->country, "AL") == 0 ? 50 : 25))
		measure = "family_supervision";
	k = (int)rndn(&r, 100);
	*refused = k < (lv == 1 ? 12 : 5);
	parents = *refused ? "refused" : k < 92 ? "agreed" : "not_asked";
	if (*refused)
		reason = refusal_text[rndn(&r, 3)];
	age = age_on(c->dob, day_of(v->created));
	k = (int)rndn(&r, 100);
	part = age < 5 ? 2 : age < 10 ? (k < 15 ? 0 : k < 75 ? 1 : 2) :
	    (k < 60 ? 0 : k < 90 ? 1 : 2);
	cal_date_format(plus_months(day_of(base), period_months[lv]), review,
	    sizeof(review));
	if ((s = st(&g->d, Q_DEMO_PLAN_INSERT)) == NULL)
		return -1;
	bi(s, 1, pid);
	bi(s, 2, c->id);
	bi(s, 3, v->number);
	bt(s, 4, v->status);
	bt(s, 5, measure);
	bt(s, 6, review);
	bt(s, 7, parents);
	bt(s, 8, reason);
	bt(s, 9, child_codes[part]);
	bt(s, 10, child_note_text[part]);
	bi(s, 11, c->worker);
	bi(s, 12, v->created);
	bi(s, 13, max64(max64(v->created, v->submitted), max64(v->decided,
	    v->superseded)));
	bid(s, 14, v->submitted ? c->worker : 0);
	bid(s, 15, v->submitted);
	bid(s, 16, v->decided ? m->supervisor : 0);
	bid(s, 17, v->decided);
	bid(s, 18, v->superseded);
	if (run(&g->d, s, Q_DEMO_PLAN_INSERT) != 0)
		return -1;
	g->stats->plans++;
	/* Goals: the first follows the primary concern. */
	n = 1 + (int)rndn(&r, 3);
	for (i = 0; i < n; i++) {
		k = i == 0 && strcmp(concern_w[c->c[0]].code, "EDU") == 0 ? 0 :
		    i == 0 && strcmp(concern_w[c->c[0]].code, "STR") == 0 ? 5 :
		    (int)rndn(&r, NGOAL);
		while (used & (1 << k))
			k = (k + 1) % (int)NGOAL;
		used |= 1 << k;
		if ((s = st(&g->d, Q_DEMO_GOAL_INSERT)) == NULL)
			return -1;
		bi(s, 1, pid);
		bi(s, 2, i + 1);
		bt(s, 3, goal_text[k]);
		if (run(&g->d, s, Q_DEMO_GOAL_INSERT) != 0)
			return -1;
	}
	/* Actions: the case's agency or an institution of the place. */
	n = 2 + (int)rndn(&r, 3);
	for (i = 0, used = 0; i < n; i++) {
		int64_t done = 0;

		k = (int)rndn(&r, NACTION);
		while (used & (1 << k))
			k = (k + 1) % (int)NACTION;
		used |= 1 << k;
		due = day_of(base) + 14 + (int32_t)rndn(&r, 90);
		cal_date_format(due, dues, sizeof(dues));
		lo = base + 86400;
		hi = cutoff ? cutoff - 3600 : 0;
		if (hi > midnight(due) + 5 * 86400)
			hi = midnight(due) + 5 * 86400;
		if (pct(&r, 65) && hi > lo)
			done = lo + (int64_t)rndn(&r, (uint32_t)(hi - lo));
		if ((s = st(&g->d, Q_DEMO_ACTION_INSERT)) == NULL)
			return -1;
		bi(s, 1, pid);
		bt(s, 2, action_text[k].what);
		bid(s, 3, action_text[k].who == W_AGENCY ? m->agency : 0);
		bt(s, 4, action_text[k].who == W_AGENCY ? "" :
		    m->inst[action_text[k].who]);
		bt(s, 5, action_text[k].person);
		bt(s, 6, action_text[k].service);
		bt(s, 7, dues);
		bt(s, 8, done ? "done" : "open");
		bid(s, 9, done);
		bi(s, 10, v->created);
		if (run(&g->d, s, Q_DEMO_ACTION_INSERT) != 0)
			return -1;
	}
	return 0;
}

/* The timeline of a version of the plan: created (or the revision),
 * submitted, approved (the case to plan_active, the plan step done, the
 * review period from the approval). In time order with the other status
 * changes; the rows come later (plan_rows), when the version's last
 * status is known. */
static int
plan_timeline(struct gen *g, struct cs *c, const struct planv *v)
{
	const char *vn = v->number == 1 ? "v1" : "v2";

	if (event(g, c->id, v->created, c->worker, v->number == 1 ?
	    "plan.created" : "plan.revision", "plan", "", vn, "") != 0)
		return -1;
	c->ops += 3;	/* create, save, actions */
	if (v->submitted) {
		if (event(g, c->id, v->submitted, c->worker, "plan.submitted",
		    "plan", "", vn, "") != 0)
			return -1;
		c->ops++;
	}
	c->last = max64(c->last, max64(v->created, v->submitted));
	if (v->decided) {
		if (status_to(g, c, v->decided, c->m->supervisor,
		    "plan_active") != 0 ||
		    event(g, c->id, v->decided, c->m->supervisor,
		    "plan.approved", "plan", "", vn, "") != 0)
			return -1;
		c->ops++;
		c->plan_reached = 1;
		dl_push(c, DO_DONE, DL_PLAN, v->decided, 0, c->m->supervisor);
		dl_push(c, DO_START, DL_REVIEW, v->decided, v->decided, 0);
	}
	return 0;
}

/* The rows of a version, and the parents' refusal on the timeline. */
static int
plan_rows(struct gen *g, struct cs *c, const struct planv *v, uint64_t seed)
{
	int refused = 0;

	if (v->status == NULL)
		return 0;
	if (plan_row(g, c, v, seed, &refused) != 0)
		return -1;
	if (refused) {
		if (event(g, c->id, v->created + 600, c->worker,
		    "plan.parents_refused", "plan", "", v->number == 1 ? "v1" :
		    "v2", "") != 0)
			return -1;
		c->last = max64(c->last, v->created + 600);
	}
	return 0;
}

/* An incident (reviewed: the review that answered it, 0: none yet). */
static int
incident(struct gen *g, struct cs *c, int64_t at, int64_t reviewed)
{
	sqlite3_stmt *s;
	int32_t d = day_of(at) - (int32_t)rndn(&g->r, 3);
	char date[11];

	if (d < day_of(c->t0))
		d = day_of(c->t0);
	cal_date_format(d, date, sizeof(date));
	if ((s = st(&g->d, Q_DEMO_INCIDENT_INSERT)) == NULL)
		return -1;
	bi(s, 1, c->id);
	bt(s, 2, date);
	bt(s, 3, incident_text[rndn(&g->r, 3)]);
	bi(s, 4, c->worker);
	bi(s, 5, at);
	bid(s, 6, reviewed);
	if (run(&g->d, s, Q_DEMO_INCIDENT_INSERT) != 0)
		return -1;
	g->stats->incidents++;
	if (event(g, c->id, at, c->worker, "incident", "date", "", date,
	    "") != 0)
		return -1;
	c->ops++;
	c->last = max64(c->last, at);
	dl_push(c, DO_INCIDENT, DL_REVIEW, at, 0, 0);
	return 0;
}

/* A review on day d recorded at `at`: its deadline done and the next
 * period started from the review date, as closure_review_add(). Now and
 * then an incident of the days before, answered by it. */
static int
review(struct gen *g, struct cs *c, int32_t d, int64_t at,
    const char *decision)
{
	sqlite3_stmt *s;
	int per = period_months[c->cur < 0 ? 0 : c->cur];
	int64_t id = ++g->review_id, start = midnight(d);
	char date[11], next[11];

	cal_date_format(d, date, sizeof(date));
	cal_date_format(plus_months(d, per), next, sizeof(next));
	if (pct(&g->r, 4)) {
		int64_t ti = between(g, max64(c->last + 60, start - 10 * 86400),
		    at - 3600);

		if (ti < at - 60 && incident(g, c, ti, id) != 0)
			return -1;
	}
	if ((s = st(&g->d, Q_DEMO_REVIEW_INSERT)) == NULL)
		return -1;
	bi(s, 1, id);
	bi(s, 2, c->id);
	bt(s, 3, date);
	bt(s, 4, progress_text[rndn(&g->r, 3)]);
	bt(s, 5, situation_text[rndn(&g->r, 3)]);
	bt(s, 6, views_text[rndn(&g->r, 3)]);
	bt(s, 7, risk_name[c->cur < 0 ? 0 : c->cur]);
	bt(s, 8, decision);
	bt(s, 9, next);
	bi(s, 10, c->worker);
	bi(s, 11, at);
	if (run(&g->d, s, Q_DEMO_REVIEW_INSERT) != 0)
		return -1;
	g->stats->reviews++;
	if (event(g, c->id, at, c->worker, "review", "decision", "", decision,
	    date) != 0)
		return -1;
	c->ops++;
	c->last = max64(c->last, at);
	dl_push(c, DO_DONE, DL_REVIEW, d == day_of(g->now) ? at : start, 0,
	    c->worker);
	dl_push(c, DO_START, DL_REVIEW, start, start, 0);
	return 0;
}

/*
 * Reviews at the risk's period from base until end: each near its due
 * date (five days early to twelve late, so some are overdue now). The
 * stop-th (>= 0) decides revise_plan and ends the run; *out its time (0
 * when the run ended first).
 */
static int
reviews(struct gen *g, struct cs *c, int64_t base, int64_t end, int stop,
    int64_t *out)
{
	int per = period_months[c->cur < 0 ? 0 : c->cur], k;
	int32_t d0 = day_of(base), d;
	int64_t at;

	*out = 0;
	for (k = 0;; k++) {
		d = plus_months(d0, per) - 5 + (int32_t)rndn(&g->r, 18);
		if (d <= d0)
			d = d0 + 1;
		at = office(g, d);
		if (at >= end || at >= g->now)
			return 0;
		if (review(g, c, d, at, k == stop ? "revise_plan" :
		    "continue") != 0)
			return -1;
		if (k == stop) {
			*out = at;
			return 0;
		}
		d0 = d;
	}
}

/* A reason of closure_reasons that the services accept for the case on
 * day d (closure.c reason_ok): turned_18 only for a child 18 by then,
 * family_refused_low_risk only at low risk, goals met mostly with a plan. */
static const char *
close_reason(struct gen *g, const struct cs *c, int32_t d)
{
	double w[NCLOSE];
	size_t i;

	if (age_on(c->dob, d) >= CLOSURE_ADULT_AGE && pct(&g->r, 90))
		return close_text[CR_18].reason;
	for (i = 0; i < NCLOSE; i++)
		w[i] = close_text[i].w;
	w[CR_GOALS] = c->plan_reached ? 45 : 4;
	w[CR_REFUSED] = c->cur == 0 ? 15 : 0;
	return close_text[pick(&g->r, w, (int)NCLOSE)].reason;
}

static const char *
close_summary(const char *reason)
{
	size_t i;

	for (i = 0; i < NCLOSE; i++)
		if (strcmp(close_text[i].reason, reason) == 0)
			return close_text[i].summary;
	return "";
}

/* A closure row: requested at rq on day cd; status requested, returned
 * (decided at dec with return_text) or approved (decided at dec, the
 * follow-up result recorded at fu_at when result is not NULL). */
static int
closure_row(struct gen *g, struct cs *c, const char *reason, int64_t rq,
    const char *status, int64_t dec, const char *result, int64_t fu_at)
{
	sqlite3_stmt *s;
	int32_t cd = day_of(rq);
	char date[11], fu[11];

	cal_date_format(cd, date, sizeof(date));
	cal_date_format(plus_months(cd, CLOSURE_FOLLOW_UP_MONTHS), fu,
	    sizeof(fu));
	if ((s = st(&g->d, Q_DEMO_CLOSURE_INSERT)) == NULL)
		return -1;
	bi(s, 1, c->id);
	bt(s, 2, reason);
	bt(s, 3, close_summary(reason));
	bt(s, 4, date);
	bt(s, 5, fu);
	bt(s, 6, status);
	bi(s, 7, c->worker);
	bi(s, 8, rq);
	bid(s, 9, dec ? c->m->supervisor : 0);
	bid(s, 10, dec);
	bt(s, 11, strcmp(status, "returned") == 0 ? return_text : "");
	bt(s, 12, result);
	bt(s, 13, result == NULL ? "" : strcmp(result, "concern") == 0 ?
	    concern_note : pct(&g->r, 50) ? fine_note : "");
	bid(s, 14, result ? c->worker : 0);
	bid(s, 15, result ? fu_at : 0);
	if (run(&g->d, s, Q_DEMO_CLOSURE_INSERT) != 0)
		return -1;
	g->stats->closures++;
	if (event(g, c->id, rq, c->worker, "closure.requested", "reason", "",
	    reason, date) != 0)
		return -1;
	c->ops++;
	c->last = max64(c->last, rq);
	return 0;
}

/* A closure request waiting for the supervisor (reason NULL: drawn). */
static int
closure_waiting(struct gen *g, struct cs *c, int64_t rq, const char *reason)
{
	return closure_row(g, c, reason ? reason : close_reason(g, c,
	    day_of(rq)), rq, "requested", 0, NULL, 0);
}

/* A municipality of the same country other than mi, by population. */
static int
other_muni(struct gen *g, int mi)
{
	int k, x;

	for (k = 0; k < 30; k++) {
		x = pick(&g->r, g->mw, g->nm_n);
		if (x != mi && g->m[x].cc == g->m[mi].cc)
			return x;
	}
	return -1;
}

/*
 * A transfer to municipality to_mi requested at tr: accepted at ta (the
 * case ends 'transferred'; the receiving case opens then, from the heap)
 * or waiting for the receiving unit (ta 0).
 */
static int
transfer(struct gen *g, struct cs *c, int to_mi, int64_t tr, int64_t ta)
{
	struct muni *to = &g->m[to_mi];
	int reason = (int)rndn(&g->r, 2);
	sqlite3_stmt *s;
	struct pend p;

	if (event(g, c->id, tr, c->worker, "transfer.requested", "municipality",
	    c->m->name, to->name, "") != 0)
		return -1;
	c->ops++;
	c->last = max64(c->last, tr);
	if (ta == 0) {
		if ((s = st(&g->d, Q_DEMO_TRANSFER_INSERT)) == NULL)
			return -1;
		bi(s, 1, c->id);
		bi(s, 2, c->m->agency);
		bi(s, 3, to->id);
		bi(s, 4, to->agency);
		bt(s, 5, transfer_text[reason]);
		bt(s, 6, "requested");
		bi(s, 7, c->worker);
		bi(s, 8, tr);
		sqlite3_bind_null(s, 9);
		sqlite3_bind_null(s, 10);
		sqlite3_bind_null(s, 11);
		g->stats->transfers++;
		return run(&g->d, s, Q_DEMO_TRANSFER_INSERT);
	}
	memset(&p, 0, sizeof(p));
	p.at = ta;
	p.kind = P_TRANSFER;
	p.mi = to_mi;
	p.child = c->child;
	p.kidx = c->kidx;
	p.dob = c->dob;
	p.from = c->id;
	p.from_agency = c->m->agency;
	p.req_by = c->worker;
	p.req_at = tr;
	p.decider = to->supervisor;
	p.reason = reason;
	snprintf(p.from_num, sizeof(p.from_num), "%s", c->num);
	snprintf(p.from_status, sizeof(p.from_status), "%s", c->status);
	memcpy(p.c, c->c, sizeof(p.c));
	p.nc = c->nc;
	p.restricted = c->restricted;
	p.danger = c->danger;
	p.level = c->cur;
	p.r_author = c->r_author;
	p.r_at = c->r_at;
	p.r_val = c->r_val;
	p.r_vat = c->r_vat;
	if (pend_push(g, &p) != 0)
		return -1;
	c->status = "transferred";
	c->ops++;
	c->last = max64(c->last, ta);
	return 0;
}

/*
 * The steps after screening at the instants at[] (0: not reached, in the
 * order assessment, conference, plan_active, review, closed), with what
 * the services write at each: the assessment (a draft until a later step,
 * or completed), the conference, the plan (v1 approved at plan_active, or
 * in progress at a conference), reviews at the risk's period, a
 * revise_plan review with its revision (approved before a closure, in
 * progress in 'review'), and the closure approved with its follow-up.
 */
static int
steps(struct gen *g, struct cs *c, const int64_t at[5],
    const struct show_spec *sp)
{
	static const double v2_w[3] = { 20, 50, 30 }, conf_w[3] = { 40, 35, 25 };
	unsigned fl = sp != NULL ? sp->flags : 0;
	struct planv v1, v2;
	uint64_t seed = rnd(&g->r);
	int64_t now = g->now, sup = c->m->supervisor, ac = 0, next, tr = 0, t;
	int k, stop = -1;

	memset(&v1, 0, sizeof(v1));
	memset(&v2, 0, sizeof(v2));
	v1.number = 1;
	v2.number = 2;
	if (at[0]) {
		if (status_to(g, c, at[0], c->worker, "assessment") != 0)
			return -1;
		next = at[1] ? at[1] : at[4];
		if (next)
			ac = at[0] + (int64_t)((double)(next - at[0]) *
			    (0.3 + 0.6 * unit(g)));
		else if (sp == NULL && now - at[0] > 5 * 86400 &&
		    pct(&g->r, 30))
			ac = between(g, at[0] + 86400, now - 3600);
		if (assessment(g, c, at[0], ac) != 0)
			return -1;
	}
	if (at[1]) {
		if (status_to(g, c, at[1], c->m->supervisor, "conference") != 0)
			return -1;
		c->ops++;
		/* Held by the unit's supervisor (conference_hold()). */
		dl_push(c, DO_CONFERENCE, DL_CONFERENCE, at[1], 0,
		    c->m->supervisor);
	}
	if (at[2]) {
		v1.status = "active";
		v1.created = between(g, at[1] + 600, at[1] + (at[2] - at[1]) / 4);
		v1.submitted = between(g, v1.created + 3600, at[2] - 3600);
		v1.decided = at[2];
		if (plan_timeline(g, c, &v1) != 0)
			return -1;
		if (at[3]) {
			/* The revise_plan review of the chain. */
			if (reviews(g, c, at[2], at[3], -1, &t) != 0 ||
			    review(g, c, day_of(at[3]), at[3], "revise_plan") !=
			    0 || status_to(g, c, at[3], c->worker, "review") != 0)
				return -1;
			if (at[4]) {	/* revised, approved, then closed */
				int64_t gap = at[4] - at[3];

				v2.status = "active";
				v2.created = at[3] + gap / 10;
				v2.submitted = at[3] + gap * 4 / 10;
				v2.decided = at[3] + gap * 7 / 10;
				v1.status = "superseded";
				v1.superseded = v2.decided;
				if (plan_timeline(g, c, &v2) != 0)
					return -1;
			} else {
				k = sp != NULL ? ((fl & SF_V2_DRAFT) ? 1 :
				    (fl & SF_PLAN_SUB) ? 2 : 0) :
				    pick(&g->r, v2_w, 3);
				if (k && now - at[3] > 7200) {
					v2.created = between(g, at[3] + 600,
					    now - 1800 < at[3] + 4 * 86400 ?
					    now - 1800 : at[3] + 4 * 86400);
					if (k == 2)
						v2.submitted = between(g,
						    v2.created + 600, now - 600 <
						    v2.created + 7 * 86400 ?
						    now - 600 : v2.created +
						    7 * 86400);
					v2.status = k == 2 ? "submitted" :
					    "draft";
					if (plan_timeline(g, c, &v2) != 0)
						return -1;
				}
				if (reviews(g, c, at[3], now, -1, &t) != 0)
					return -1;
			}
		} else {
			/* Plan active now: reviews at the period; now and
			 * then a revision approved in between. */
			int per = period_months[c->cur < 0 ? 0 : c->cur];
			int64_t n = (now - at[2]) / (per * 30 * 86400LL);

			if (sp == NULL && n >= 3 && pct(&g->r, 12))
				stop = (int)rndn(&g->r, (uint32_t)(n - 2));
			if (reviews(g, c, at[2], now, stop, &tr) != 0)
				return -1;
			if (tr) {
				if (status_to(g, c, tr, c->worker, "review") != 0)
					return -1;
				v2.created = tr + 86400 * (1 + rndn(&g->r, 3));
				v2.submitted = v2.created + 86400 * (2 +
				    rndn(&g->r, 5));
				v2.decided = v2.submitted + 86400 * (1 +
				    rndn(&g->r, 4));
				if (v2.decided < now - 3600) {
					v2.status = "active";
					v1.status = "superseded";
					v1.superseded = v2.decided;
				} else {
					v2.decided = 0;
					if (v2.submitted >= now - 600)
						v2.submitted = 0;
					v2.status = v2.submitted ? "submitted" :
					    v2.created < now - 600 ? "draft" :
					    NULL;
				}
				if (v2.status != NULL &&
				    plan_timeline(g, c, &v2) != 0)
					return -1;
				if (reviews(g, c, v2.decided ? v2.decided : tr,
				    now, -1, &t) != 0)
					return -1;
			}
		}
		if (plan_rows(g, c, &v1, seed) != 0 ||
		    plan_rows(g, c, &v2, seed) != 0)
			return -1;
	} else if (at[1] && !at[3] && !at[4]) {
		/* At the conference: the plan in progress, or not begun. */
		k = sp != NULL ? ((fl & SF_PLAN_SUB) ? 2 : 0) :
		    pick(&g->r, conf_w, 3);
		if (k && now - at[1] > 7200) {
			v1.created = between(g, at[1] + 600, now - 1800 <
			    at[1] + 5 * 86400 ? now - 1800 : at[1] + 5 * 86400);
			if (k == 2)
				v1.submitted = sp != NULL ? ago(g, sp->x_d[0]) :
				    between(g, v1.created + 600, now - 600 <
				    v1.created + 7 * 86400 ? now - 600 :
				    v1.created + 7 * 86400);
			v1.status = k == 2 ? "submitted" : "draft";
			if (plan_timeline(g, c, &v1) != 0 ||
			    plan_rows(g, c, &v1, seed) != 0)
				return -1;
		}
	}
	if (at[4]) {
		int64_t prev = c->last < at[4] ? c->last : at[4] - 86400, rq;
		int64_t fu_at = 0;
		const char *reason, *result = NULL;
		int32_t fu;

		rq = between(g, prev + (at[4] - prev) / 2, at[4] - 1800);
		if (sp == NULL && pct(&g->r, 5)) {
			/* A first request returned by the supervisor. */
			int64_t r0 = between(g, prev + 60, prev + (rq - prev) / 3);
			int64_t d0 = between(g, r0 + 600, rq - 600);
			const char *r0s = close_reason(g, c, day_of(r0));

			if (closure_row(g, c, r0s, r0, "returned", d0, NULL,
			    0) != 0 ||
			    event(g, c->id, d0, sup, "closure.returned", "reason",
			    "", r0s, "") != 0)
				return -1;
			c->ops++;
		}
		reason = close_reason(g, c, day_of(rq));
		fu = plus_months(day_of(rq), CLOSURE_FOLLOW_UP_MONTHS);
		if (fu < day_of(now) && (sp != NULL ? (fl & SF_FU_DONE) != 0 :
		    pct(&g->r, 85))) {
			fu_at = office(g, fu + (int32_t)rndn(&g->r, 12));
			if (fu_at >= now)
				fu_at = 0;
			else
				result = sp == NULL && pct(&g->r, 15) ?
				    "concern" : "fine";
		}
		if (closure_row(g, c, reason, rq, "approved", at[4], result,
		    fu_at) != 0 ||
		    status_to(g, c, at[4], sup, "closed") != 0 ||
		    event(g, c->id, at[4], sup, "closure.approved", "reason", "",
		    reason, "") != 0)
			return -1;
		c->ops++;
		c->closed_at = at[4];
		c->close_reason = reason;
		if (result != NULL) {
			if (event(g, c->id, fu_at, c->worker, "follow_up",
			    "result", "", result, "") != 0)
				return -1;
			c->ops++;
			c->last = max64(c->last, fu_at);
		}
		/* Reopened within twelve months (DOMAIN.md §3), mostly
		 * after a follow-up with a concern. */
		if (sp == NULL && pct(&g->r, result != NULL &&
		    strcmp(result, "concern") == 0 ? 30 : 1)) {
			int64_t ra = office(g, day_of(max64(at[4], fu_at)) + 1 +
			    (int32_t)rndn(&g->r, 90));
			int64_t until = midnight(plus_months(day_of(at[4]),
			    CLOSURE_REOPEN_MONTHS) + 1) - 1;
			struct pend p;

			if (ra <= until && ra < now - 3600) {
				memset(&p, 0, sizeof(p));
				p.at = ra;
				p.kind = P_REOPEN;
				p.mi = c->mi;
				p.child = c->child;
				p.dob = c->dob;
				p.from = c->id;
				p.kidx = c->kidx;
				p.worker = c->worker;
				p.team = c->team;
				p.source = c->source;
				c->reopen_planned = 1;
				snprintf(p.from_num, sizeof(p.from_num), "%s",
				    c->num);
				memcpy(p.c, c->c, sizeof(p.c));
				p.nc = c->nc;
				p.restricted = c->restricted;
				p.danger = c->danger;
				if (pend_push(g, &p) != 0)
					return -1;
				c->ops++;
				c->last = max64(c->last, ra);
			}
		}
	}
	return 0;
}

/* What may happen to an open case at the end: a transfer (accepted, or
 * waiting), a closure request waiting, an incident not yet reviewed; for
 * a showcase case, what its flags say. */
static int
extras(struct gen *g, struct cs *c, const struct show *sh)
{
	const struct show_spec *sp = sh != NULL ? sh->sp : NULL;
	int64_t now = g->now;
	int to, x;

	if (strcmp(c->status, "closed") == 0 || c->cur < 0 || c->worker == 0)
		return 0;
	if (sp != NULL) {
		if ((sp->flags & SF_CLOSURE_WAIT) && closure_waiting(g, c,
		    ago(g, sp->x_d[0]), c->plan_reached ? "goals_met" :
		    NULL) != 0)
			return -1;
		if ((sp->flags & SF_INCIDENT) && incident(g, c, now - 1200,
		    0) != 0)
			return -1;
		if (sp->flags & SF_XFER_ACC)
			return transfer(g, c, sh->to_mi, ago(g, sp->x_d[0]),
			    ago(g, sp->x_d[1]));
		if (sp->flags & SF_XFER_WAIT)
			return transfer(g, c, sh->to_mi, ago(g, sp->x_d[0]), 0);
		return 0;
	}
	x = (int)rndn(&g->r, 1000);
	if (x < 4) {
		if (c->last + 5 * 86400 < now &&
		    (to = other_muni(g, c->mi)) >= 0) {
			int64_t tr = c->last + 86400 * (1 + rndn(&g->r, 10));
			int64_t ta = tr + 86400 * (1 + rndn(&g->r, 5));

			if (ta < now - 3600)
				return transfer(g, c, to, tr, ta);
		}
	} else if (x < 7) {
		if (c->last < now - 2 * 86400 &&
		    (to = other_muni(g, c->mi)) >= 0)
			return transfer(g, c, to, between(g, max64(c->last +
			    3600, now - 10 * 86400), now - 3600), 0);
	} else if (x < 27 && c->last < now - 86400) {
		if (closure_waiting(g, c, between(g, max64(c->last + 3600,
		    now - 14 * 86400), now - 3600), NULL) != 0)
			return -1;
	}
	if ((strcmp(c->status, "plan_active") == 0 ||
	    strcmp(c->status, "review") == 0) && pct(&g->r, 6) &&
	    incident(g, c, between(g, max64(c->last + 60, now - 12 * 86400),
	    now - 3600), 0) != 0)
		return -1;
	return 0;
}

/*
 * The life of a case from its opening (c filled by the caller: place,
 * child, concerns, level, danger, worker): the opened event and concerns,
 * the screening (risk history, checklists, validation), the first
 * contact, the steps, the end, the case row and, for an open case opened
 * in the last DL_DAYS days, its deadlines. sh: a showcase case, whose
 * times and ending are given.
 */
static int
case_life(struct gen *g, struct cs *c, const struct show *sh)
{
	static const int p_low[] = { 25, 0, 0, 0, 60 };
	static const int p_hi[] = { 50, 60, 60, 35, 40 };
	const struct show_spec *sp = sh != NULL ? sh->sp : NULL;
	struct muni *m = c->m;
	sqlite3_stmt *s;
	int64_t now = g->now, t = 0, vat, at[5], tc = 0, assigned = 0;
	int i, lv, again, first, validated;

	memset(at, 0, sizeof(at));
	c->status = "registered";
	c->cur = -1;
	c->last = c->t0;
	c->ops = 1;
	c->nop = 0;
	c->rulev = rule_version(g, m->cc, c->t0);
	c->dl = c->rulev > 0 && c->t0 >= now - (int64_t)DL_DAYS * 86400;
	if (c->rulev == 0)
		c->rulev = 1;
	if (event(g, c->id, c->t0, c->created_by, "opened", "number", "",
	    c->num, c->danger ? "emergency" : "") != 0)
		return -1;
	for (i = 0; i < c->nc; i++) {
		if ((s = st(&g->d, Q_DEMO_CASE_CONCERN)) == NULL)
			return -1;
		bi(s, 1, c->id);
		bt(s, 2, concern_w[c->c[i]].code);
		bi(s, 3, i == 0);
		if (run(&g->d, s, Q_DEMO_CASE_CONCERN) != 0)
			return -1;
		g->stats->concerns++;
	}
	if (c->xin) {
		/* Accepted from another unit: the latest risk row copied,
		 * unassigned until the supervisor assigns it. */
		if (c->xlevel >= 0) {
			if (risk_row(g, c->id, c->xlevel, c->xauthor, c->xat,
			    c->xval, c->xvat) != 0 ||
			    event(g, c->id, c->t0, c->created_by, "risk", "risk",
			    "", risk_name[c->xlevel], "transfer") != 0 ||
			    status_to(g, c, c->t0, c->created_by, "screened") != 0)
				return -1;
			c->cur = c->xlevel;
			c->r_author = c->xauthor;
			c->r_at = c->xat;
			c->r_val = c->xval;
			c->r_vat = c->xvat;
			dl_push(c, DO_RISK, c->cur, c->t0, 0, c->created_by);
		}
		if (now - c->t0 > 30 * 86400 && m->nw > 0) {
			const struct worker *w = &m->w[rndn(&g->r,
			    (uint32_t)m->nw)];

			assigned = c->t0 + 86400 * (1 + rndn(&g->r, 5));
			if (event(g, c->id, assigned, m->supervisor, "assigned",
			    "worker", "", w->name, "") != 0)
				return -1;
			c->worker = w->id;
			c->team = m->team;
			c->ops++;
			c->last = assigned;
			t = assigned + 86400 * (1 + rndn(&g->r, 3));
			if (t >= now)
				t = 0;
		}
	} else if (sp != NULL)
		t = sp->scr_d > 0 ? ago(g, sp->scr_d) : 0;
	else {
		t = c->t0 + 3600 + rndn(&g->r, c->level == 2 ? 12 * 3600 :
		    72 * 3600);
		if (t >= now || (now - c->t0 < 2 * 86400 && pct(&g->r, 40)))
			t = 0;
	}
	if (t) {
		/* Screening: risk set by the worker, validated by the
		 * supervisor; sometimes screened again later. */
		lv = c->xin && c->xlevel >= 0 ? c->xlevel : c->level;
		again = sp != NULL || c->xin ? 0 : pct(&g->r, 8);
		first = again ? (lv + 1 + (int)rndn(&g->r, 2)) % 3 : lv;
		vat = t + 1800 + rndn(&g->r, 36 * 3600);
		validated = (pct(&g->r, 85) || lv == 2) && vat < now;
		if (screening(g, c, first, t, c->worker, validated ?
		    m->supervisor : 0, vat) != 0)
			return -1;
		t = (validated ? vat : t) + 86400 * (5 + rndn(&g->r, 40));
		if (again && t < now) {
			vat = t + 3600 + rndn(&g->r, 24 * 3600);
			validated = pct(&g->r, 85) && vat < now;
			if (screening(g, c, lv, t, c->worker, validated ?
			    m->supervisor : 0, vat) != 0)
				return -1;
		}
		/* Reassigned by the supervisor now and then. */
		if (sp == NULL && !c->xin && m->nw > 1 && pct(&g->r, 5) &&
		    c->last + 86400 < now) {
			int w2 = (int)rndn(&g->r, (uint32_t)m->nw);
			const char *before = "";

			for (i = 0; i < m->nw; i++)
				if (m->w[i].id == c->worker)
					before = m->w[i].name;
			if (m->w[w2].id != c->worker) {
				c->last += 86400;
				if (event(g, c->id, c->last, m->supervisor,
				    "assigned", "worker", before, m->w[w2].name,
				    "") != 0)
					return -1;
				c->ops++;
				c->worker = m->w[w2].id;
			}
		}
		/* The steps after screening, as far as time has gone. */
		if (sp != NULL) {
			for (i = 0; i < 5; i++)
				at[i] = sp->at_d[i] > 0 ? ago(g, sp->at_d[i]) : 0;
		} else {
			const int *p = c->cur == 0 ? p_low : p_hi;

			t = c->last + 86400 * (2 + rndn(&g->r, 12));
			for (i = 0; i < 5 && t < now; i++) {
				if (p[i] == 0)
					continue;
				if (!pct(&g->r, (unsigned)p[i]))
					break;
				at[i] = t;
				t += 86400 * (3 + rndn(&g->r, 25));
			}
		}
		if (steps(g, c, at, sp) != 0)
			return -1;
	}
	/* First contact with the child: before the due hours mostly, late
	 * now and then, not yet for some recent cases. */
	if (c->worker != 0 && !(sp != NULL && (sp->flags & SF_NO_CONTACT))) {
		int late = pct(&g->r, 12), h;

		lv = c->cur >= 0 ? c->cur : c->level;
		h = lv == 2 ? (late ? 25 + (int)rndn(&g->r, 36) :
		    1 + (int)rndn(&g->r, 22)) : lv == 1 ? (late ? 73 +
		    (int)rndn(&g->r, 80) : 4 + (int)rndn(&g->r, 66)) :
		    (late ? 169 + (int)rndn(&g->r, 160) : 12 +
		    (int)rndn(&g->r, 150));
		tc = max64(c->t0, assigned) + 3600 * (int64_t)h +
		    rndn(&g->r, 3600);
		if (at[0] && tc >= at[0])
			tc = at[0] - 3600 > c->t0 ? at[0] - 3600 : c->t0 + 60;
		if (tc >= now || (c->closed_at && tc >= c->closed_at))
			tc = 0;
		else if (strcmp(c->status, "screened") == 0 &&
		    now - c->t0 < 20 * 86400 && pct(&g->r, 15))
			tc = 0;
		else if (strcmp(c->status, "registered") == 0 &&
		    pct(&g->r, 50))
			tc = 0;
	}
	if (tc) {
		char when[32];

		clock_format(tc, 1, when, sizeof(when));
		if (event(g, c->id, tc, c->worker, "contact", "first_contact",
		    "", when, "") != 0)
			return -1;
		c->ops++;
		c->last = max64(c->last, tc);
		dl_push(c, DO_CONTACT, DL_FIRST_CONTACT, tc, 0, c->worker);
	}
	if (extras(g, c, sh) != 0)
		return -1;
	if ((s = st(&g->d, Q_DEMO_CASE_INSERT)) == NULL)
		return -1;
	bi(s, 1, c->id);
	bt(s, 2, c->num);
	bi(s, 3, m->id);
	bi(s, 4, m->agency);
	bid(s, 5, c->team);
	bid(s, 6, c->worker);
	bi(s, 7, c->child);
	bid(s, 8, c->rid);
	bt(s, 9, c->status);
	bt(s, 10, c->cur >= 0 ? risk_name[c->cur] : NULL);
	bi(s, 11, c->danger);
	bi(s, 12, c->restricted);
	bt(s, 13, c->source);
	bi(s, 14, c->t0);
	bid(s, 15, c->closed_at);
	bt(s, 16, c->close_reason);
	bid(s, 17, c->created_by);
	bi(s, 18, c->last);
	bi(s, 19, c->ops);
	bi(s, 20, c->rulev);
	bid(s, 21, c->reopened_from);
	if (run(&g->d, s, Q_DEMO_CASE_INSERT) != 0)
		return -1;
	g->stats->cases++;
	if (sh != NULL)
		g->stats->showcase++;
	if (c->kidx >= 0 && c->closed_at > g->kclosed[c->kidx].closed_at) {
		struct kid_closed *k = &g->kclosed[c->kidx];

		k->id = c->id;
		k->closed_at = c->closed_at;
		k->mi = (uint16_t)c->mi;
		k->year = (uint16_t)c->year;
		k->seq = (uint32_t)c->seq;
		k->taken = (uint8_t)c->reopen_planned;
	}
	if (c->dl && strcmp(c->status, "closed") != 0 &&
	    strcmp(c->status, "transferred") != 0)
		return deadlines(g, c);
	return 0;
}

/* One registration: a report of concern registered as a case, of a new
 * child or of one already known; sh: a showcase case (a new child of its
 * municipality, its level and life given). */
static int
registration(struct gen *g, int64_t t0, int year, const struct show *sh)
{
	static const double variant_w[V__N] = { 30, 30, 15, 5, 20 };
	const struct show_spec *sp = sh != NULL ? sh->sp : NULL;
	sqlite3_stmt *s;
	struct kid nk, *k;
	struct muni *m;
	struct cs c;
	char given[160], family[160], parent[160], iso[11], pnb[16];
	const char *pn = NULL, *ref, *fg, *ff, *fp, *rgiven, *rfamily;
	const char *rparent, *refname;
	int64_t t, child = 0, worker;
	int reuse = 0, dup = 0, age, cc[3], nc, restricted, i, level, danger;
	int sib = -1, half = 0, s7 = 0;
	int64_t today = t0 / 86400;
	enum variant v = V_SAME;
	struct kid_closed *kc, from;

	k = &nk;
	if (sh == NULL && g->nkids > 0 && pct(&g->r, REUSE_PCT)) {
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
	if (!reuse)
		new_kid(g, &nk, sh != NULL ? sh->mi : -1, today, &sib, &half);
	if (sp != NULL && (sp->kind == SK_S7A || sp->kind == SK_S7B)) {
		s7 = sp->kind == SK_S7A ? 1 : 2;
		nk.comm = C_SRB;
		nk.lang = L_SR;
		nk.sex = 0;
		nk.est = 0;
		nk.dob = (int32_t)(g->now / 86400 - S7_AGE_DAYS);
	}
	m = &g->m[k->muni];
	if (sh == NULL && reuse && pct(&g->r, 15))	/* moved, or elsewhere */
		m = &g->m[pick(&g->r, g->mw, g->nm_n)];
	age = (int)((today - k->dob) / 365.25);
	if (age > 17)
		age = 17;
	if (age < 0)
		age = 0;
	worker = sh != NULL ? m->w[0].id : m->w[rndn(&g->r, (uint32_t)m->nw)].id;
	variant_names(g, k, v, given, family, parent, sizeof(given));
	if (s7) {
		snprintf(given, sizeof(given), "Stefan");
		snprintf(family, sizeof(family), "%s", s7 == 1 ? "Đorđević" :
		    "Gjorgjeviq");
		snprintf(parent, sizeof(parent), "Dragan");
	}
	nc = concerns(g, cc, &restricted);
	iso_of(k->dob, iso);

	/* The child: new, or a second record of a known child. */
	if (!reuse || dup) {
		child = ++g->child_id;
		if (dup || s7) {
			fg = names_fold(g->a, given);
			ff = names_fold(g->a, family);
			fp = names_fold(g->a, parent);
			if (fg == NULL || ff == NULL || fp == NULL)
				return -1;
			if (dup)
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
		bt(s, 14, school_status(g, age, strcmp(concern_w[cc[0]].code,
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
		if (s7) {
			if (caregiver_row(g, child, arena_printf(g->a,
			    "Jelena %s", family), "mother", 1, 1, "", t0) != 0 ||
			    caregiver_row(g, child, arena_printf(g->a,
			    "Dragan %s", family), "father", 1, 1, "", t0) != 0)
				return -1;
		} else if (caregivers(g, k, m, child, family, t0, dup) != 0)
			return -1;
		if (sib >= 0 && sibling_link(g, g->kid_id[sib], child, half, t0,
		    worker) != 0)
			return -1;
		g->stats->children++;
		if (!dup && sh == NULL) {
			g->kids[g->nkids] = nk;
			g->kid_id[g->nkids++] = child;
		}
	} else {
		child = g->kid_id[k - g->kids];
		g->stats->reused++;
	}

	/* The case: number in the order of opening, then its life. */
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.mi = (int)(m - g->m);
	c.id = ++g->case_id;
	c.rid = ++g->report_id;
	c.child = child;
	c.t0 = t0;
	c.received = t0 - 600 - rndn(&g->r, 4 * 3600);
	c.year = year;
	c.seq = ++m->counter[year - g->y0];
	snprintf(c.num, sizeof(c.num), "%s-%s-%04d-%06d", m->country, m->num,
	    year, c.seq);
	c.kidx = dup || sh != NULL ? -1 : (int)(k == &nk ? g->nkids - 1 :
	    k - g->kids);
	level = pick(&g->r, (const double[]){ 50, 35, 15 }, 3);
	if (restricted)
		level = pick(&g->r, (const double[]){ 5, 30, 65 }, 3);
	danger = level == 2 ? pct(&g->r, 40) : level == 1 ? pct(&g->r, 5) :
	    pct(&g->r, 1);
	if (sp != NULL) {
		level = sp->level;
		danger = sp->danger;
	}
	ref = s7 == 2 ? "school" : referrers[pick(&g->r, referrer_w, 12)];
	c.level = level;
	c.danger = danger;
	c.restricted = restricted;
	c.nc = nc;
	memcpy(c.c, cc, sizeof(c.c));
	c.dob = k->dob;
	c.reused = reuse;
	c.worker = worker;
	c.team = m->team;
	c.source = ref;
	c.created_by = worker;
	/* A child whose case here closed within twelve months: this report
	 * reopens it (closure_link_reopened_in_tx()). */
	kc = c.kidx >= 0 && reuse ? &g->kclosed[c.kidx] : NULL;
	memset(&from, 0, sizeof(from));
	if (kc != NULL && kc->id != 0 && !kc->taken && kc->closed_at < t0 &&
	    kc->mi == c.mi && t0 <= midnight(plus_months(day_of(kc->closed_at),
	    CLOSURE_REOPEN_MONTHS) + 1) - 1) {
		c.reopened_from = kc->id;
		kc->taken = 1;
		from = *kc;	/* the life may record this case there */
	}
	if (case_life(g, &c, sh) != 0)
		return -1;
	if (from.id != 0) {
		const struct muni *km = &g->m[from.mi];

		if (event(g, from.id, t0, worker, "reopened", "case", "", c.num,
		    "") != 0 ||
		    event(g, c.id, t0, worker, "reopened_from", "case",
		    arena_printf(g->a, "%s-%s-%04d-%06u", km->country, km->num,
		    from.year, from.seq), "", "") != 0)
			return -1;
		g->stats->reopened++;
	}

	/* The report as the referrer wrote it. */
	rgiven = given;
	rfamily = family;
	rparent = pct(&g->r, 70) ? parent : "";
	refname = referrer_name(g, ref, m, parent);
	if (s7 == 1) {		/* copied from Serbian documents */
		rgiven = "Стефан";
		rfamily = "Ђорђевић";
		rparent = "Драган";
	} else if (s7 == 2) {	/* a school of another municipality */
		rparent = parent;
		refname = arena_printf(g->a, "Shkolla %s",
		    g->m[m->partner].name);
	}
	if ((s = st(&g->d, Q_DEMO_REPORT_INSERT)) == NULL)
		return -1;
	t = c.received;
	bi(s, 1, c.rid);
	bi(s, 2, m->id);
	bi(s, 3, m->agency);
	bi(s, 4, t);
	bt(s, 5, strcmp(ref, "systematic_visit") == 0 ? "visit" :
	    channels[pick(&g->r, channel_w, 5)]);
	bt(s, 6, ref);
	bt(s, 7, refname);
	bi(s, 8, child);
	bt(s, 9, rgiven);
	bt(s, 10, rfamily);
	bt(s, 11, rparent);
	bt(s, 12, k->sex ? "f" : "m");
	if (k->est || (!s7 && pct(&g->r, 25))) {
		sqlite3_bind_null(s, 13);
		bi(s, 14, age);
	} else {
		bt(s, 13, iso);
		sqlite3_bind_null(s, 14);
	}
	bt(s, 15, m->name);
	bt(s, 16, arena_printf(g->a, "Raportim i shqetësimit (%s) për "
	    "fëmijën.", concern_w[cc[0]].code));
	bi(s, 17, danger);
	bt(s, 18, "registered");
	bt(s, 19, "");
	bt(s, 20, "");
	bi(s, 21, c.id);
	bi(s, 22, worker);
	bi(s, 23, worker);
	bi(s, 24, t0);
	bi(s, 25, 2);
	if (run(&g->d, s, Q_DEMO_REPORT_INSERT) != 0)
		return -1;
	for (i = 0; i < nc; i++) {
		if ((s = st(&g->d, Q_DEMO_REPORT_CONCERN)) == NULL)
			return -1;
		bi(s, 1, c.rid);
		bt(s, 2, concern_w[cc[i]].code);
		if (run(&g->d, s, Q_DEMO_REPORT_CONCERN) != 0)
			return -1;
	}
	g->stats->reports++;
	if (sh == NULL && pct(&g->r, NOTADM_PCT))
		return report_only(g, m, t0 + rndn(&g->r, 3600));
	return 0;
}

/* A case of the heap: a showcase registration, a reopening (a new case of
 * the child in the same place, linked by reopened_from) or the receiving
 * case of an accepted transfer (unassigned, the risk copied, linked by
 * the transfer row). */
static int
pending_run(struct gen *g, const struct pend *p)
{
	struct muni *m = &g->m[p->mi];
	int year = local_year(p->at);
	sqlite3_stmt *s;
	struct cs c;

	if (p->kind == P_SHOW) {
		g->show_left--;
		return registration(g, p->at, year, &g->shows[p->show]);
	}
	if (year < g->y0 || year >= g->y0 + g->ny)
		return 0;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.mi = p->mi;
	c.id = ++g->case_id;
	c.child = p->child;
	c.t0 = c.received = p->at;
	c.year = year;
	c.seq = ++m->counter[year - g->y0];
	snprintf(c.num, sizeof(c.num), "%s-%s-%04d-%06d", m->country, m->num,
	    year, c.seq);
	c.kidx = p->kidx;
	c.nc = p->nc;
	memcpy(c.c, p->c, sizeof(c.c));
	c.restricted = p->restricted;
	c.danger = p->danger;
	c.dob = p->dob;
	c.reused = 1;
	if (p->kind == P_REOPEN) {
		c.level = pick(&g->r, p->restricted ? (const double[]){ 5, 30,
		    65 } : (const double[]){ 50, 35, 15 }, 3);
		c.worker = p->worker;
		c.team = p->team;
		c.created_by = p->worker;
		c.source = p->source;
		c.reopened_from = p->from;
		if (event(g, p->from, p->at, p->worker, "reopened", "case", "",
		    c.num, reopen_text) != 0 ||
		    case_life(g, &c, NULL) != 0 ||
		    event(g, c.id, p->at, p->worker, "reopened_from", "case",
		    p->from_num, "", reopen_text) != 0)
			return -1;
		g->stats->reopened++;
		return 0;
	}
	c.xin = 1;
	c.xlevel = p->level;
	c.level = p->level >= 0 ? p->level : 0;
	c.xauthor = p->r_author;
	c.xat = p->r_at;
	c.xval = p->r_val;
	c.xvat = p->r_vat;
	c.created_by = p->decider;
	c.source = "other_municipality";
	if ((s = st(&g->d, Q_DEMO_TRANSFER_INSERT)) == NULL)
		return -1;
	bi(s, 1, p->from);
	bi(s, 2, p->from_agency);
	bi(s, 3, m->id);
	bi(s, 4, m->agency);
	bt(s, 5, transfer_text[p->reason]);
	bt(s, 6, "accepted");
	bi(s, 7, p->req_by);
	bi(s, 8, p->req_at);
	bi(s, 9, p->decider);
	bi(s, 10, p->at);
	bi(s, 11, c.id);
	if (run(&g->d, s, Q_DEMO_TRANSFER_INSERT) != 0)
		return -1;
	g->stats->transfers++;
	if (event(g, p->from, p->at, p->decider, "status", "status",
	    p->from_status, "transferred", "") != 0 ||
	    event(g, p->from, p->at, p->decider, "transfer.accepted", "case",
	    "", c.num, "") != 0 ||
	    case_life(g, &c, NULL) != 0 ||
	    event(g, c.id, p->at, p->decider, "transferred_from", "case",
	    p->from_num, "", "") != 0)
		return -1;
	return 0;
}

/* Runs the cases of the heap due by t, in time order. */
static int
pending_until(struct gen *g, int64_t t)
{
	struct pend p;

	while (g->npend > 0 && g->pend[0].at <= t) {
		pend_pop(g, &p);
		if (pending_run(g, &p) != 0)
			return -1;
	}
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
	free(g->kclosed);
	free(g->al_serial);
	for (k = 0; g->wd != NULL && k < g->nwd; k++)
		free(g->wd[k].due);
	free(g->wd);
	free(g->rules);
	free(g->sets);
	for (k = 0; k < CAL_COUNTRY__MAX; k++)
		free(g->xdays[k]);
	free(g->pend);
	free(g->shows);
	free(g->rf_str);
	free(g->pf_str);
	free(g->src_str);
	if (g->nm.a != NULL)
		arena_free(g->nm.a);
	if (g->pa != NULL)
		arena_free(g->pa);
	if (g->a != NULL)
		arena_free(g->a);
}

/* The number of codes of a NULL-terminated list. */
static int
list_len(const char *const *l)
{
	int n = 0;

	while (l[n] != NULL)
		n++;
	return n;
}

/*
 * What the casework needs once the agencies are set up: each
 * municipality's country, institutions and partner, the checklists and
 * their stored forms, the deadline rules, and the showcase cases in the
 * heap (when children >= SHOW_MIN_CHILDREN).
 */
static int
prepare(struct gen *g, int64_t children)
{
	struct muni *m;
	enum cal_country cc;
	struct pend p;
	size_t i;
	int k, j, nshow = 0, s7 = -1;

	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		if (cal_country_parse(m->country, &cc) != CAL_OK) {
			snprintf(g->d.err, g->d.errlen, "municipality %s: "
			    "country %s", m->code, m->country);
			return -1;
		}
		m->cc = (int)cc;
	}
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		m->inst[W_AGENCY] = "";
		m->inst[W_POLICE] = arena_printf(g->pa, "Stacioni Policor %s",
		    m->name);
		m->inst[W_SCHOOL] = arena_printf(g->pa, "Shkolla %s", m->name);
		m->inst[W_HEALTH] = arena_printf(g->pa, "Qendra Shëndetësore %s",
		    m->name);
		m->inst[W_NGO] = "OJQ partnere";
		m->partner = -1;
		for (j = 0; j < g->nm_n; j++)
			if (j != k && g->m[j].cc == m->cc && (m->partner < 0 ||
			    g->m[j].weight > g->m[m->partner].weight))
				m->partner = j;
		for (j = 0; j < W__N; j++)
			if (m->inst[j] == NULL)
				return -1;
	}
	if (check_codes(g) != 0)
		return -1;
	if ((g->rf_str = calloc((size_t)1 << list_len(cw_risk_factors),
	    sizeof(char *))) == NULL ||
	    (g->pf_str = calloc((size_t)1 << list_len(cw_protective_factors),
	    sizeof(char *))) == NULL ||
	    (g->src_str = calloc((size_t)1 << list_len(cw_sources),
	    sizeof(char *))) == NULL ||
	    (g->rules = calloc(RULES_MAX, sizeof(*g->rules))) == NULL ||
	    (g->sets = calloc(RULES_MAX, sizeof(*g->sets))) == NULL ||
	    (g->wd = calloc(WD_MEMO_MAX, sizeof(*g->wd))) == NULL ||
	    (g->shows = calloc(SHOW_MUNIS_MAX * NSHOW_SPECS + 2,
	    sizeof(*g->shows))) == NULL)
		return -1;
	if (load_rules(g) != 0)
		return -1;
	if (children < SHOW_MIN_CHILDREN)
		return 0;
	for (k = 0; k < g->nm_n; k++) {
		m = &g->m[k];
		if (strcmp(m->code, S7_MUNI) == 0)
			s7 = k;
		if (!m->demo || m->partner < 0 || nshow == SHOW_MUNIS_MAX)
			continue;
		nshow++;
		for (i = 0; i < NSHOW_SPECS; i++) {
			struct show *sh = &g->shows[g->nshows];
			int in = show_specs[i].kind == SK_XFER_IN;

			sh->sp = &show_specs[i];
			sh->mi = in ? m->partner : k;
			sh->to_mi = in ? k : m->partner;
			memset(&p, 0, sizeof(p));
			p.kind = P_SHOW;
			p.at = ago(g, show_specs[i].open_d);
			p.show = g->nshows++;
			if (pend_push(g, &p) != 0)
				return -1;
			g->show_left++;
		}
	}
	for (i = 0; s7 >= 0 && g->m[s7].partner >= 0 && i < 2; i++) {
		struct show *sh = &g->shows[g->nshows];

		sh->sp = &s7_specs[i];
		sh->mi = s7;
		sh->to_mi = g->m[s7].partner;
		memset(&p, 0, sizeof(p));
		p.kind = P_SHOW;
		p.at = ago(g, s7_specs[i].open_d);
		p.show = g->nshows++;
		if (pend_push(g, &p) != 0)
			return -1;
		g->show_left++;
	}
	return 0;
}

/* Drops the schema objects of kind ("INDEX", "TRIGGER") that query q lists
 * (name, sql), keeping their SQL in *sqls (n of them) to create them again
 * after the load. */
static int
drop_schema(struct gen *g, enum qid q, const char *kind, char ***sqls,
    int *n)
{
	sqlite3_stmt *s;
	char **v = NULL, *drop;
	int cap = 0;

	*n = 0;
	if ((s = st(&g->d, q)) == NULL)
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
		/* Names come from the schema, quoted as identifiers. */
		if ((drop = sqlite3_mprintf("DROP %s \"%w\"", kind,
		    (const char *)sqlite3_column_text(s, 0))) == NULL)
			return -1;
		sqlite3_reset(s);
		if (exec(&g->d, drop) != 0) {
			sqlite3_free(drop);
			return -1;
		}
		sqlite3_free(drop);
		if ((s = st(&g->d, q)) == NULL)
			return -1;
	}
	*sqls = v;
	return 0;
}

/* Runs the n statements of sqls (the schema dropped by drop_schema()). */
static int
create_schema(struct gen *g, char **sqls, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (exec(&g->d, sqls[k]) != 0)
			return -1;
	return 0;
}

static void
free_schema(char **sqls, int n)
{
	int k;

	for (k = 0; k < n; k++)
		free(sqls[k]);
	free(sqls);
}

/*
 * The indicator counters filled from the tables with the queries of
 * `rrjeti indicators rebuild` (svc/indicator.c, rebuild_tx(), run on this
 * connection inside the load's transaction): each counter emptied and
 * filled from its recount, what each case contributes first, and from
 * that (Q_DEMO_IND_*: one pass over the cases instead of one per counter)
 * the counters that sum it.
 */
static const enum qid ind_rebuild[] = {
	Q_IND_CNT_CLEAR_OPEN, Q_IND_CNT_CLEAR_NEW, Q_IND_CNT_CLEAR_CLOSED,
	Q_IND_CNT_FILL_OPEN, Q_IND_CNT_FILL_NEW, Q_IND_CNT_FILL_CLOSED,
	Q_IND_CNT_CLR_STATE, Q_IND_CNT_FILL_STATE,
	Q_IND_CNT_CLR_SNAP_MEASURE, Q_IND_CNT_FILL_SNAP_MEASURE,
	Q_IND_CNT_CLR_SNAP_PLACEMENT, Q_IND_CNT_FILL_SNAP_PLACEMENT,
	Q_IND_CNT_CLR_SNAP_REFERRAL, Q_IND_CNT_FILL_SNAP_REFERRAL,
	Q_IND_CNT_CLR_SNAP_REFDAYS, Q_IND_CNT_FILL_SNAP_REFDAYS,
	Q_IND_CNT_CLR_COHORT, Q_DEMO_IND_COHORT,
	Q_IND_CNT_CLR_HIST, Q_DEMO_IND_HIST,
	Q_IND_CNT_CLR_QUALITY, Q_DEMO_IND_QUALITY,
	Q_IND_CNT_CLR_REVIEW, Q_DEMO_IND_REVIEW,
	Q_IND_CNT_CLR_MEASURE, Q_IND_CNT_FILL_MEASURE,
	Q_IND_CNT_CLR_PLACEMENT, Q_IND_CNT_FILL_PLACEMENT,
	Q_IND_CNT_CLR_REFERRAL, Q_IND_CNT_FILL_REFERRAL,
	Q_IND_CNT_CLR_REFDAYS, Q_IND_CNT_FILL_REFDAYS,
	Q_IND_CNT_CLR_RECEIVED, Q_IND_CNT_FILL_RECEIVED,
	Q_IND_CNT_CLR_WORKER, Q_IND_CNT_FILL_WORKER,
	Q_IND_CNT_CLR_DIM, Q_IND_CNT_CLR_DIM_STATE, Q_IND_CNT_CLR_DIM_CONCERN,
	Q_IND_CNT_FILL_DIM_STATE, Q_IND_CNT_FILL_DIM_CONCERN, Q_IND_CNT_FILL_DIM,
	IND_REBUILD_0032, IND_REBUILD_0035, IND_REBUILD_0036,
};

static int
counters_rebuild(struct gen *g)
{
	sqlite3_stmt *s;
	size_t i;

	for (i = 0; i < sizeof(ind_rebuild) / sizeof(ind_rebuild[0]); i++) {
		if ((s = st(&g->d, ind_rebuild[i])) == NULL ||
		    run(&g->d, s, ind_rebuild[i]) != 0)
			return -1;
		sqlite3_reset(s);
	}
	return 0;
}

/* ---------------------------------------------------------------- network */

/*
 * The network around the case, for the municipalities of the users of
 * init --demo only (m->demo: Hani i Elezit and Tirana), so a load of any
 * size adds a few dozen rows: four table members (police, school, health,
 * NGO: an agency of the type in the municipality, else created), a held
 * case conference and a planned one of the unit (svc/conference.c), four
 * consent records on open cases (svc/consent.c) and a community advisory
 * group with its member, alerts and a summer camp (svc/community.c). The
 * rows are those the services write with their timeline events, case
 * versions and deadlines; the audit rows are not (one summary row
 * records the load). A municipality with a conference of its unit is
 * left as it is (the load run again).
 */
enum tm_kind { TM_POLICE, TM_SCHOOL, TM_HEALTH, TM_NGO, TM__N };

static const struct {
	const char	*type, *user, *pfx, *name_xk, *name_al;
} tm_kinds[TM__N] = {
	[TM_POLICE] = { "police", "pol", "POL", "Stacioni Policor %s",
	    "Komisariati i Policisë %s" },
	[TM_SCHOOL] = { "school", "shk", "SHK", "Shkolla \"Naim Frashëri\" %s",
	    "Shkolla 9-vjeçare \"Naim Frashëri\" %s" },
	[TM_HEALTH] = { "health", "shd", "QSH", "QKMF %s",
	    "Qendra Shëndetësore %s" },
	[TM_NGO] = { "provider", "ojq", "OJQ", "OJQ \"Fëmijët e %s\"",
	    "Organizata \"Fëmijët e %s\"" },
};

struct net {
	struct muni	*m;
	char		 sfx[32];		/* hani, tirane */
	int64_t		 ag[TM__N], tm[TM__N];	/* agencies, table members */
	int64_t		 convenor, admin;
};

/* One integer of a query bound by the caller; -1 on error. */
static int64_t
one_int(struct gen *g, sqlite3_stmt *s, enum qid q)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return sqlite3_column_int64(s, 0);
	if (rc == SQLITE_DONE)
		return 0;
	return dberr(&g->d, query_name(q));
}

/* The agency of type in the municipality, else a new one (code PFX-SFX). */
static int64_t
net_agency(struct gen *g, struct net *n, const char *type, const char *pfx,
    const char *name)
{
	sqlite3_stmt *s;
	int64_t id;
	const char *code;

	if ((s = st(&g->d, Q_DEMO_AGENCY_OF_TYPE)) == NULL)
		return -1;
	bi(s, 1, n->m->id);
	bt(s, 2, type);
	if ((id = one_int(g, s, Q_DEMO_AGENCY_OF_TYPE)) != 0)
		return id;
	code = arena_printf(g->a, "%s-%s", pfx, n->sfx);
	for (char *p = (char *)code; *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	if ((s = st(&g->d, Q_DEMO_AGENCY_BY_CODE)) == NULL)
		return -1;
	bt(s, 1, code);
	if ((id = one_int(g, s, Q_DEMO_AGENCY_BY_CODE)) != 0)
		return id;
	if ((s = st(&g->d, Q_DEMO_AGENCY_INSERT)) == NULL)
		return -1;
	bt(s, 1, code);
	bt(s, 2, name);
	bi(s, 3, n->m->id);
	bi(s, 4, g->now);
	bt(s, 5, type);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, code);
	g->stats->agencies++;
	return sqlite3_column_int64(s, 0);
}

static int
net_members(struct gen *g, struct net *n)
{
	int xk = strcmp(n->m->country, "XK") == 0, k;
	const char *nm;

	for (k = 0; k < TM__N; k++) {
		if ((n->ag[k] = net_agency(g, n, tm_kinds[k].type,
		    tm_kinds[k].pfx, arena_printf(g->a, xk ? tm_kinds[k].name_xk :
		    tm_kinds[k].name_al, n->m->name))) <= 0)
			return -1;
		if ((n->tm[k] = insert_user_at(g, n->m, n->ag[k],
		    arena_printf(g->a, "%s.%s", tm_kinds[k].user, n->sfx),
		    "table_member", "own", 0, &nm)) <= 0)
			return -1;
	}
	return 0;
}

/* deadline_step_done_in_tx() and deadline_step_start_in_tx() of a case
 * the meeting moves. */
static int
net_deadlines(struct gen *g, struct net *n, int64_t cid, int risk, int rulev,
    int64_t at)
{
	sqlite3_stmt *s;
	int64_t had;

	if ((s = st(&g->d, Q_DEMO_DL_DONE)) == NULL)
		return -1;
	bi(s, 1, cid);
	bt(s, 2, "conference");
	bi(s, 3, at);
	bi(s, 4, n->convenor);
	if (run(&g->d, s, Q_DEMO_DL_DONE) != 0)
		return -1;
	if ((s = st(&g->d, Q_DEMO_DL_HAS)) == NULL)
		return -1;
	bi(s, 1, cid);
	bt(s, 2, "plan");
	if ((had = one_int(g, s, Q_DEMO_DL_HAS)) < 0)
		return -1;
	if ((s = st(&g->d, Q_DEMO_DL_RESTART)) == NULL)
		return -1;
	bi(s, 1, cid);
	bt(s, 2, "plan");
	bi(s, 3, at);
	bid(s, 4, due_of(g, n->m->cc, rulev, DL_PLAN, risk, at));
	bi(s, 5, rulev);
	if (run(&g->d, s, Q_DEMO_DL_RESTART) != 0)
		return -1;
	if (had == 0)
		g->stats->deadlines++;
	return 0;
}

static int
net_invite(struct gen *g, int64_t cf, const char *kind, int64_t user,
    const char *name, const char *att, int64_t at)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_CF_INVITEE)) == NULL)
		return -1;
	bi(s, 1, cf);
	bt(s, 2, kind);
	bid(s, 3, user);
	bt(s, 4, name);
	bt(s, 5, att);
	bi(s, 6, at);
	return run(&g->d, s, Q_DEMO_CF_INVITEE);
}

static int64_t
net_conference(struct gen *g, struct net *n, int64_t starts, int held,
    int64_t held_at, const char *next_on, int64_t created, int64_t version)
{
	sqlite3_stmt *s;
	int xk = strcmp(n->m->country, "XK") == 0;

	if ((s = st(&g->d, Q_DEMO_CF_INSERT)) == NULL)
		return -1;
	bi(s, 1, n->m->id);
	bi(s, 2, n->m->agency);
	bt(s, 3, xk ? "tmr" : "gtn");
	bi(s, 4, starts);
	bt(s, 5, arena_printf(g->a, xk ? "Salla e mbledhjeve, Komuna %s" :
	    "Salla e mbledhjeve, Bashkia %s", n->m->name));
	bi(s, 6, n->convenor);
	bt(s, 7, held ? "held" : "planned");
	bid(s, 8, held ? held_at : 0);
	bt(s, 9, next_on);
	bi(s, 10, created);
	bi(s, 11, held ? held_at : created);
	bi(s, 12, version);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, "conference");
	return sqlite3_column_int64(s, 0);
}

static int64_t
net_agenda(struct gen *g, struct net *n, int64_t cf, int64_t cid,
    int proposed, const char *decisions, const char *measure, int64_t at)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_CF_CASE)) == NULL)
		return -1;
	bi(s, 1, cf);
	bi(s, 2, cid);
	bi(s, 3, proposed);
	bt(s, 4, decisions);
	bt(s, 5, measure);
	bi(s, 6, n->convenor);
	bi(s, 7, at);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, "conference_case");
	return sqlite3_column_int64(s, 0);
}

static int
net_task(struct gen *g, struct net *n, int64_t cf, int64_t agenda,
    const char *what, int64_t owner, const char *due, int64_t done,
    int64_t at)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_CF_TASK)) == NULL)
		return -1;
	bi(s, 1, cf);
	bi(s, 2, agenda);
	bt(s, 3, what);
	bi(s, 4, owner);
	bt(s, 5, due);
	bt(s, 6, done ? "done" : "open");
	bid(s, 7, done);
	bid(s, 8, done ? owner : 0);
	bi(s, 9, n->convenor);
	bi(s, 10, at);
	return run(&g->d, s, Q_DEMO_CF_TASK);
}

static const char *const cf_decisions[] = {
	"Mbikëqyrje familjare; policia viziton familjen çdo javë; shkolla "
	    "raporton mungesat çdo muaj.",
	"Fëmija vazhdon në shkollë me mbështetje; prindërit ndjekin "
	    "këshillimin në qendrën shëndetësore.",
	"Rasti mbetet në vlerësim; takim i ri pas vizitës në familje.",
};
static const char *const cf_measures[] = { "family_supervision",
	"family_supervision", "none" };

/* The meeting held nine days ago: the due cases it moved to 'conference',
 * attendance, decisions and tasks (some done); then the planned meeting in
 * five days with the due cases proposed and the members invited. */
static int
net_conferences(struct gen *g, struct net *n)
{
	sqlite3_stmt *s;
	struct { int64_t id, worker, opened; int risk, rulev;
	    char status[16]; } c[3];
	int64_t starts, hold, created, cf, agenda, due_ids[6], workers[4];
	int nc = 0, nd = 0, nwk = 0, i, k;
	int32_t today = day_of(g->now), hday;
	char next[11], d1[11], d2[11];
	static const char *const att[TM__N] = { "present", "present",
		"excused", "absent" };

	starts = ago(g, 9.125);			/* 10:00 nine days ago */
	hold = starts + 2 * 3600;
	created = starts - 6 * 86400;
	hday = day_of(starts);
	iso_of(today + 5, next);
	if ((s = st(&g->d, Q_DEMO_CF_HELD_CANDIDATES)) == NULL)
		return -1;
	bi(s, 1, n->m->agency);
	bi(s, 2, hold);
	bi(s, 3, 12);
	{
		struct { int64_t id, worker, opened; int risk, rulev;
		    char status[16]; } all[12];
		int na = 0, rc;

		while ((rc = sqlite3_step(s)) == SQLITE_ROW && na < 12) {
			const char *r = (const char *)sqlite3_column_text(s, 2);

			all[na].id = sqlite3_column_int64(s, 0);
			snprintf(all[na].status, sizeof(all[na].status), "%s",
			    sqlite3_column_text(s, 1));
			all[na].risk = strcmp(r, "high") == 0 ? 2 : 1;
			all[na].rulev = sqlite3_column_int(s, 3);
			all[na].worker = sqlite3_column_int64(s, 4);
			all[na].opened = sqlite3_column_int64(s, 5);
			na++;
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return dberr(&g->d, "conference candidates");
		/* Each worker keeps a case in every state (the showcase). */
		for (i = 0; i < na && nc < 3; i++) {
			int64_t left;

			if ((s = st(&g->d, Q_DEMO_WORKER_STATUS_COUNT)) == NULL)
				return -1;
			bi(s, 1, all[i].worker);
			bt(s, 2, all[i].status);
			if ((left = one_int(g, s, Q_DEMO_WORKER_STATUS_COUNT)) < 0)
				return -1;
			if (left <= 2)
				continue;
			memcpy(&c[nc], &all[i], sizeof(c[nc]));
			/* Moved now so the next count sees it. */
			if ((s = st(&g->d, Q_DEMO_CASE_MOVE)) == NULL)
				return -1;
			bi(s, 1, c[nc].id);
			bi(s, 2, hold);
			bt(s, 3, "conference");
			if (run(&g->d, s, Q_DEMO_CASE_MOVE) != 0)
				return -1;
			nc++;
		}
	}
	if (nc > 0) {
		iso_of(hday + 7, d1);
		iso_of(hday + 14, d2);
		if ((cf = net_conference(g, n, starts, 1, hold, next, created,
		    4 + 2 * nc)) <= 0)
			return -1;
		for (k = 0; k < TM__N; k++)
			if (net_invite(g, cf, "member", n->tm[k], "", att[k],
			    created + 600) != 0)
				return -1;
		for (i = 0; i < nc; i++) {
			for (k = 0; k < nwk && workers[k] != c[i].worker; k++)
				;
			if (k == nwk && c[i].worker != 0 && nwk < 4) {
				workers[nwk++] = c[i].worker;
				if (net_invite(g, cf, "member", c[i].worker, "",
				    "present", created + 900) != 0)
					return -1;
			}
		}
		if (net_invite(g, cf, "parent", 0, full_name(g, L_SQ, 1),
		    "present", created + 1200) != 0)
			return -1;
		for (i = 0; i < nc; i++) {
			const char *cfid = arena_printf(g->a, "%lld",
			    (long long)cf);

			if ((agenda = net_agenda(g, n, cf, c[i].id, 1,
			    cf_decisions[i], cf_measures[i], max64(created,
			    c[i].opened + 3600))) <= 0)
				return -1;
			if (net_task(g, n, cf, agenda, i == 0 ? "Vizitë e "
			    "përbashkët në familje me policinë" : i == 1 ?
			    "Raport për frekuentimin e shkollës" : "Kontroll "
			    "shëndetësor i fëmijës", n->tm[i == 0 ? TM_POLICE :
			    i == 1 ? TM_SCHOOL : TM_HEALTH], d1, i == 1 ? 0 :
			    office(g, hday + 3), hold) != 0 ||
			    net_task(g, n, cf, agenda, "Hartimi i planit "
			    "individual të mbrojtjes", c[i].worker ?
			    c[i].worker : n->convenor, d2, 0, hold) != 0)
				return -1;
			/* hold_tx(): the deadlines, the status, the event. */
			if (net_deadlines(g, n, c[i].id, c[i].risk, c[i].rulev,
			    hold) != 0 ||
			    event(g, c[i].id, hold, n->convenor, "status",
			    "status", c[i].status, "conference", "") != 0 ||
			    event(g, c[i].id, hold, n->convenor,
			    "conference.held", "conference", "", cfid, "") != 0)
				return -1;
		}
		g->net_conferences++;
	}
	/* The next meeting: the due cases proposed (Q_CF_PROPOSE), the
	 * members and the unit's first caseworker invited. */
	created = g->now - 1800;
	if ((s = st(&g->d, Q_DEMO_CF_DUE)) == NULL)
		return -1;
	bi(s, 1, n->m->agency);
	bi(s, 2, 6);
	while (nd < 6 && sqlite3_step(s) == SQLITE_ROW)
		due_ids[nd++] = sqlite3_column_int64(s, 0);
	if ((cf = net_conference(g, n, midnight(today + 5) + 10 * 3600, 0, 0,
	    "", created, 1 + TM__N + 1)) <= 0)
		return -1;
	for (i = 0; i < nd; i++)
		if (net_agenda(g, n, cf, due_ids[i], 1, "", "none", created) <= 0)
			return -1;
	for (k = 0; k < TM__N; k++)
		if (net_invite(g, cf, "member", n->tm[k], "", "unknown",
		    created + 60) != 0)
			return -1;
	if (n->m->nw0 > 0 && net_invite(g, cf, "member", n->m->w[0].id, "",
	    "unknown", created + 90) != 0)
		return -1;
	g->net_conferences++;
	return 0;
}

/* A consent or an override (record_tx(), withdraw_tx() of consent.c). */
static int
net_consent(struct gen *g, int64_t cid, const char *giver, const char *rel,
    const char *ocode, const char *oreason, int all, const int64_t *ag,
    int nag, const char *const *cat, int64_t author, int64_t at,
    int64_t wat, int64_t wby)
{
	sqlite3_stmt *s;
	int64_t id;
	char d[11], wd[11];
	int i;

	iso_of(day_of(at), d);
	iso_of(day_of(wat), wd);
	if ((s = st(&g->d, Q_DEMO_CONSENT_INSERT)) == NULL)
		return -1;
	bi(s, 1, cid);
	bt(s, 2, ocode[0] ? "override" : "consent");
	bt(s, 3, giver);
	bt(s, 4, rel);
	bt(s, 5, ocode);
	bt(s, 6, oreason);
	bi(s, 7, all);
	bt(s, 8, d);
	bi(s, 9, author);
	bi(s, 10, at);
	bt(s, 11, wat ? wd : NULL);
	bt(s, 12, wat ? "Prindi e tërhoqi pëlqimin me shkrim." : "");
	bid(s, 13, wat ? wby : 0);
	bid(s, 14, wat);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, "consent");
	id = sqlite3_column_int64(s, 0);
	for (i = 0; !all && i < nag; i++) {
		if ((s = st(&g->d, Q_DEMO_CONSENT_AGENCY)) == NULL)
			return -1;
		bi(s, 1, id);
		bi(s, 2, ag[i]);
		if (run(&g->d, s, Q_DEMO_CONSENT_AGENCY) != 0)
			return -1;
	}
	for (i = 0; cat[i] != NULL; i++) {
		if ((s = st(&g->d, Q_DEMO_CONSENT_CATEGORY)) == NULL)
			return -1;
		bi(s, 1, id);
		bt(s, 2, cat[i]);
		if (run(&g->d, s, Q_DEMO_CONSENT_CATEGORY) != 0)
			return -1;
	}
	if ((s = st(&g->d, Q_DEMO_CASE_TOUCH)) == NULL)
		return -1;
	bi(s, 1, cid);
	bi(s, 2, at);
	if (run(&g->d, s, Q_DEMO_CASE_TOUCH) != 0 ||
	    event(g, cid, at, author, ocode[0] ? "consent.override" : "consent",
	    "consent", "", ocode[0] ? ocode : rel, "") != 0)
		return -1;
	if (wat) {
		if ((s = st(&g->d, Q_DEMO_CASE_TOUCH)) == NULL)
			return -1;
		bi(s, 1, cid);
		bi(s, 2, wat);
		if (run(&g->d, s, Q_DEMO_CASE_TOUCH) != 0 ||
		    event(g, cid, wat, wby, "consent.withdrawn", "consent", "",
		    "", "") != 0)
			return -1;
	}
	g->net_consents++;
	return 0;
}

static int
net_consents(struct gen *g, struct net *n)
{
	static const char *const c0[] = { "identity", "contact",
		"case_summary", "education", NULL };
	static const char *const c1[] = { "case_summary", "plan", "health",
		NULL };
	static const char *const c2[] = { "identity", "health", NULL };
	static const char *const c3[] = { "identity", "case_summary", NULL };
	sqlite3_stmt *s;
	struct { int64_t id, opened, worker; const char *giver; } c[4];
	int nc = 0, rc;
	int64_t ag[2], at;

	if ((s = st(&g->d, Q_DEMO_CONSENT_CASES)) == NULL)
		return -1;
	bi(s, 1, n->m->agency);
	bi(s, 2, g->now - 10 * 86400);
	bi(s, 3, 4);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && nc < 4) {
		const char *gv = (const char *)sqlite3_column_text(s, 3);

		c[nc].id = sqlite3_column_int64(s, 0);
		c[nc].opened = sqlite3_column_int64(s, 1);
		c[nc].worker = sqlite3_column_int64(s, 2);
		c[nc].giver = arena_strdup(g->a, gv && *gv ? gv :
		    full_name(g, L_SQ, 1));
		if (c[nc].worker == 0)
			c[nc].worker = n->convenor;
		nc++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(&g->d, "consent cases");
	for (int i = 0; i < nc; i++) {
		/* A few days after opening, before today. */
		at = office(g, day_of(c[i].opened) + 3);
		if (at > g->now - 3 * 86400)
			at = g->now - 3 * 86400;
		if (at <= c[i].opened)
			at = c[i].opened + 3600;
		switch (i) {
		case 0:	/* the parent: police and school */
			ag[0] = n->ag[TM_POLICE];
			ag[1] = n->ag[TM_SCHOOL];
			rc = net_consent(g, c[i].id, c[i].giver, "parent", "",
			    "", 0, ag, 2, c0, c[i].worker, at, 0, 0);
			break;
		case 1:	/* a guardian: every agency of the network */
			rc = net_consent(g, c[i].id, full_name(g, L_SQ, 0),
			    "guardian", "", "", 1, NULL, 0, c1, c[i].worker, at,
			    0, 0);
			break;
		case 2:	/* the parent, health, withdrawn since */
			ag[0] = n->ag[TM_HEALTH];
			rc = net_consent(g, c[i].id, c[i].giver, "parent", "",
			    "", 0, ag, 1, c2, c[i].worker, at, at + (g->now -
			    at) / 2, c[i].worker);
			break;
		default: /* the supervisor's override: police */
			ag[0] = n->ag[TM_POLICE];
			rc = net_consent(g, c[i].id, "", "", "best_interest",
			    "Prindërit refuzojnë; fëmija në rrezik, policia "
			    "duhet të dijë për vizitat e përbashkëta.", 0, ag, 1,
			    c3, n->convenor, at, 0, 0);
			break;
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
net_alert(struct gen *g, struct net *n, int64_t grp, int64_t member,
    const char *where, const char *seen, const char *desc, int danger,
    int64_t at, const char *status, const char *reason, int64_t report,
    int64_t by, int64_t dat)
{
	sqlite3_stmt *s;

	if ((s = st(&g->d, Q_DEMO_ALERT_INSERT)) == NULL)
		return -1;
	bi(s, 1, grp);
	bi(s, 2, n->m->id);
	bt(s, 3, where);
	bt(s, 4, seen);
	bt(s, 5, desc);
	bi(s, 6, danger);
	bi(s, 7, member);
	bi(s, 8, at);
	bt(s, 9, status);
	bt(s, 10, reason);
	bid(s, 11, report);
	bid(s, 12, by);
	bid(s, 13, dat);
	bi(s, 14, strcmp(status, "received") == 0 ? 1 : 2);
	g->net_alerts++;
	return run(&g->d, s, Q_DEMO_ALERT_INSERT);
}

/* The community advisory group, its member, alerts and a summer camp. */
static int
net_community(struct gen *g, struct net *n)
{
	static const char *const xk_comm[] = { "roma", "ashkali", "egyptian",
		NULL };
	static const char *const al_comm[] = { "roma", "egyptian", NULL };
	const char *const *comm = strcmp(n->m->country, "XK") == 0 ? xk_comm :
	    al_comm;
	sqlite3_stmt *s;
	int64_t ag, grp, mem, created = g->now - 400 * 86400, by;
	int64_t rid = 0, rat = 0, rby = 0;
	const char *nm;
	char sd[11], ed[11], today[11];
	int y, i;

	by = n->admin ? n->admin : n->convenor;
	if ((ag = net_agency(g, n, "community", "GKK", arena_printf(g->a,
	    "Grupi Këshillimor i Komunitetit %s", n->m->name))) <= 0)
		return -1;
	if ((mem = insert_user_at(g, n->m, ag, arena_printf(g->a, "gkk.%s",
	    n->sfx), "community_member", "own", 0, &nm)) <= 0)
		return -1;
	if ((s = st(&g->d, Q_DEMO_GROUP_INSERT)) == NULL)
		return -1;
	bi(s, 1, n->m->id);
	bt(s, 2, arena_printf(g->a, "GKK %s", n->m->name));
	bi(s, 3, by);
	bi(s, 4, created);
	if (sqlite3_step(s) != SQLITE_ROW)
		return dberr(&g->d, "community_group");
	grp = sqlite3_column_int64(s, 0);
	for (i = 0; comm[i] != NULL; i++) {
		if ((s = st(&g->d, Q_DEMO_GROUP_COMMUNITY)) == NULL)
			return -1;
		bi(s, 1, grp);
		bt(s, 2, comm[i]);
		if (run(&g->d, s, Q_DEMO_GROUP_COMMUNITY) != 0)
			return -1;
	}
	if ((s = st(&g->d, Q_DEMO_MEMBER_INSERT)) == NULL)
		return -1;
	bi(s, 1, mem);
	bi(s, 2, grp);
	bi(s, 3, by);
	bi(s, 4, created + 86400);
	if (run(&g->d, s, Q_DEMO_MEMBER_INSERT) != 0)
		return -1;
	g->net_groups++;
	/* Alerts: two waiting (one of immediate danger), one the Centre
	 * admitted as the report of concern it became, one not admitted. */
	if (net_alert(g, n, grp, mem, "Kryqëzimi te tregu", "Dy fëmijë të "
	    "vegjël lypin çdo ditë gjatë orarit të shkollës.", "Djalë e vajzë, "
	    "rreth 7 e 9 vjeç", 0, g->now - 5 * 3600, "received", "", 0, 0,
	    0) != 0 ||
	    net_alert(g, n, grp, mem, "Lagjja pranë lumit", "Një vajzë "
	    "e mitur thuhet se do të martohet javën e ardhshme.", "Vajzë, "
	    "rreth 15 vjeç", 1, ago(g, 1.5), "received", "", 0, 0, 0) != 0 ||
	    net_alert(g, n, grp, mem, "Shkolla fillore", "Një fëmijë nuk "
	    "vjen në shkollë prej një muaji.", "Djalë, rreth 10 vjeç", 0,
	    ago(g, 20.25), "not_admitted", "Fëmija ka rast aktiv; informacioni "
	    "iu shtua rastit ekzistues.", 0, n->convenor, ago(g, 19.5)) != 0)
		return -1;
	if ((s = st(&g->d, Q_DEMO_COMMUNITY_REPORT)) == NULL)
		return -1;
	bi(s, 1, n->m->id);
	bi(s, 2, g->now - 86400);
	bi(s, 3, created + 2 * 86400);
	if (sqlite3_step(s) == SQLITE_ROW) {
		rid = sqlite3_column_int64(s, 0);
		rat = sqlite3_column_int64(s, 1);
		rby = sqlite3_column_int64(s, 2);
	}
	if (rid != 0 && net_alert(g, n, grp, mem, "Rruga kryesore", "Një "
	    "fëmijë fle natën në stacionin e autobusëve.", "Djalë, rreth 12 "
	    "vjeç", 0, rat - 3 * 3600, "admitted", "", rid, rby ? rby :
	    n->convenor, rat) != 0)
		return -1;
	/* The summer camp of the last July past. */
	iso_of(day_of(g->now), today);
	y = atoi(today) - (strcmp(today + 5, "08-01") < 0);
	snprintf(sd, sizeof(sd), "%04d-07-15", y);
	snprintf(ed, sizeof(ed), "%04d-07-26", y);
	if ((s = st(&g->d, Q_DEMO_INITIATIVE_INSERT)) == NULL)
		return -1;
	bi(s, 1, grp);
	bt(s, 2, arena_printf(g->a, "Kampi veror i fëmijëve %d", y));
	bt(s, 3, sd);
	bt(s, 4, ed);
	bt(s, 5, arena_printf(g->a, "Shkolla e mesme, %s", n->m->name));
	{
		static const int counts[10] = { 3, 2, 14, 12, 9, 8, 4, 5, 3, 2 };

		for (i = 0; i < 10; i++)
			bi(s, 6 + i, counts[i]);
	}
	bi(s, 16, mem);
	{
		int yy, mm, dd;
		int32_t d;

		sscanf(ed, "%d-%d-%d", &yy, &mm, &dd);
		(void)cal_date_from_ymd(yy, mm, dd, &d);
		bi(s, 17, office(g, d + 2));
	}
	g->net_initiatives++;
	return run(&g->d, s, Q_DEMO_INITIATIVE_INSERT);
}

/* The rows of the first-wave domains (demo_network.c). */
static int
net_more(struct gen *g, struct net *n)
{
	struct demo_net dn;

	memset(&dn, 0, sizeof(dn));
	dn.h = g->d.h;
	dn.muni = n->m->id;
	dn.agency = n->m->agency;
	dn.worker = n->m->nw > 0 ? n->m->w[0].id : 0;
	dn.sup = n->m->supervisor;
	dn.admin = n->admin;
	dn.now = g->now;
	dn.country = n->m->country;
	dn.sfx = n->sfx;
	dn.muni_name = n->m->name;
	dn.pw_hash = g->pw_hash;
	dn.err = g->d.err;
	dn.errlen = g->d.errlen;
	reset_all(&g->d);
	if (demo_network_more(&dn) != 0)
		return -1;
	g->stats->users += dn.users;
	g->stats->agencies += dn.agencies;
	g->stats->events += dn.events;
	g->net_referrals += dn.referrals;
	g->net_notifications += dn.notifications;
	return 0;
}

static int
network(struct gen *g)
{
	struct net n;
	sqlite3_stmt *s;
	int64_t done;
	const char *p;
	int k;

	for (k = 0; k < g->nm_n; k++) {
		if (!g->m[k].demo || g->m[k].supervisor == 0)
			continue;
		memset(&n, 0, sizeof(n));
		n.m = &g->m[k];
		n.convenor = n.m->supervisor;
		if ((s = st(&g->d, Q_DEMO_NET_DONE)) == NULL)
			return -1;
		bi(s, 1, n.m->agency);
		if ((done = one_int(g, s, Q_DEMO_NET_DONE)) < 0)
			return -1;
		if (done > 0)
			continue;
		if ((s = st(&g->d, Q_DEMO_ADMIN_OF)) == NULL)
			return -1;
		bi(s, 1, n.m->agency);
		if ((n.admin = one_int(g, s, Q_DEMO_ADMIN_OF)) < 0)
			return -1;
		p = strchr(n.m->acode, '-');
		snprintf(n.sfx, sizeof(n.sfx), "%s", p ? p + 1 : n.m->code);
		for (char *q = n.sfx; *q; q++)
			*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
		if (net_members(g, &n) != 0 || net_conferences(g, &n) != 0 ||
		    net_consents(g, &n) != 0 || net_community(g, &n) != 0 ||
		    net_more(g, &n) != 0)
			return -1;
	}
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
	double f;
	int in_tx = 0, wal_off = 0, nidx = 0, ntrg = 0, k, one_tx;
	char **idx = NULL, **trg = NULL;
	double t0 = seconds(), t1, t2, t3, t4;

	if (sqlite3_open_v2(dbpath, &g->d.h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return dberr(&g->d, dbpath);
	sqlite3_busy_timeout(g->d.h, 5000);
	/* The journal for a bulk load: in memory, no fsync, a big cache.
	 * Leaving WAL needs the only connection; when another is open the
	 * load stays in WAL, only slower. */
	/* About 2.8 KiB of database per child with its casework: the
	 * whole load in the cache up to 1.2 M children (3.5 GiB), 4 GiB at
	 * most. */
	cache_kib = 64 * 1024 + o->children * 7 / 2;
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
	g->t_start = t_start;
	g->y0 = local_year(t_start);
	g->ny = local_year(g->now) - g->y0 + 1;
	g->al_day0 = g->now / 86400 - 20 * 366;
	est = (int64_t)((double)o->children / (1.0 - REUSE_PCT / 100.0 *
	    (1.0 - DUP_PCT / 100.0)));
	if ((g->kids = calloc((size_t)o->children, sizeof(*g->kids))) == NULL ||
	    (g->kid_id = calloc((size_t)o->children, sizeof(int64_t))) ==
	    NULL ||
	    (g->kclosed = calloc((size_t)o->children, sizeof(*g->kclosed))) ==
	    NULL ||
	    (g->al_serial = calloc(2 * 366 * 22, sizeof(uint16_t))) == NULL) {
		snprintf(g->d.err, g->d.errlen, "out of memory");
		goto fail;
	}
	if (exec(&g->d, "BEGIN IMMEDIATE") != 0)
		goto fail;
	in_tx = 1;
	if (load_counters(g) != 0 ||
	    setup_agencies(g, (double)est / o->years) != 0 ||
	    prepare(g, o->children) != 0)
		goto fail;
	/* The registrations spread over the years leave room for the
	 * showcase children. */
	est = (int64_t)((double)(o->children - g->show_left) / (1.0 -
	    REUSE_PCT / 100.0 * (1.0 - DUP_PCT / 100.0)));
	if (est < 1)
		est = 1;
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
	if (one_tx && drop_schema(g, Q_DEMO_INDEXES, "INDEX", &idx, &nidx) != 0)
		goto fail;
	/* The triggers of the indicator counters too, for every load: the
	 * counters are filled once from the tables at the end. Without them
	 * no commit may come before that: the load is one transaction. */
	if (drop_schema(g, Q_DEMO_IND_TRIGGERS, "TRIGGER", &trg, &ntrg) != 0)
		goto fail;
	/* And the CHECK constraints not evaluated row by row: a CHECK of
	 * an IN list builds a temporary b-tree for every row (a third of
	 * the time of the load). The rows are those of the smaller loads,
	 * made by the same code with every CHECK enforced (tests/unit/
	 * test_demo.c runs integrity_check on them). */
	if (one_tx && exec(&g->d, "PRAGMA ignore_check_constraints = ON") != 0)
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
	g->plan_id = sqlite3_column_int64(s, 4);
	g->review_id = sqlite3_column_int64(s, 5);
	sqlite3_reset(s);
	for (i = 0; g->stats->children + g->show_left < o->children; i++) {
		/* Opened in office hours, in order, over the years; the
		 * cases of the heap first when their time has come. */
		int64_t dd;

		f = (double)i * (double)ndays / (double)est;
		dd = (int64_t)f;

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
		if (pending_until(g, r.t0) != 0 ||
		    registration(g, r.t0, r.year, NULL) != 0)
			goto fail;
		if (i % ARENA_EVERY == ARENA_EVERY - 1)
			arena_reset(g->a);
		if (i % BATCH == BATCH - 1) {
			if (!one_tx && ntrg == 0 && (exec(&g->d, "COMMIT") != 0 ||
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
	if (pending_until(g, g->now) != 0 || save_counters(g) != 0)
		goto fail;
	t1 = seconds();
	if (create_schema(g, idx, nidx) != 0)
		goto fail;
	t2 = seconds();
	/* The network around the case, every CHECK enforced; then the
	 * counters from the tables and their triggers back. */
	if (exec(&g->d, "PRAGMA ignore_check_constraints = OFF") != 0 ||
	    network(g) != 0)
		goto fail;
	t3 = seconds();
	if ((ntrg > 0 && counters_rebuild(g) != 0) ||
	    create_schema(g, trg, ntrg) != 0)
		goto fail;
	t4 = seconds();
	if (exec(&g->d, "COMMIT") != 0 ||
	    exec(&g->d, "PRAGMA ignore_check_constraints = OFF") != 0)
		goto fail;
	in_tx = 0;
	if (!o->quiet)
		fprintf(stderr, "  load %.1f s, indexes %.1f s, network %.1f s,"
		    " counters %.1f s, commit %.1f s\n", t1 - t0, t2 - t1,
		    t3 - t2, t4 - t3, seconds() - t4);
	free_schema(idx, nidx);
	free_schema(trg, ntrg);
	idx = trg = NULL;
	nidx = ntrg = 0;
	if (wal_off && exec(&g->d, "PRAGMA journal_mode = WAL") != 0)
		goto fail;
	return 0;
fail:
	free_schema(idx, nidx);
	free_schema(trg, ntrg);
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
	if ((g.a = arena_new(32 * 1024 * 1024)) == NULL ||
	    (g.pa = arena_new(8 * 1024 * 1024)) == NULL) {
		arena_free(g.a);
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
		char detail[320];

		snprintf(detail, sizeof(detail), "children=%lld reports=%lld "
		    "cases=%lld events=%lld plans=%lld reviews=%lld "
		    "closures=%lld deadlines=%lld conferences=%lld "
		    "consents=%lld groups=%lld alerts=%lld referrals=%lld "
		    "notifications=%lld seed=%llu years=%d",
		    (long long)stats->children, (long long)stats->reports,
		    (long long)stats->cases, (long long)stats->events,
		    (long long)stats->plans, (long long)stats->reviews,
		    (long long)stats->closures, (long long)stats->deadlines,
		    (long long)g.net_conferences, (long long)g.net_consents,
		    (long long)g.net_groups, (long long)g.net_alerts,
		    (long long)g.net_referrals, (long long)g.net_notifications,
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
		    "N children (1 to %d) with caregivers and sibling links, their\n"
		    "reports of concern and cases, opened over the last Y years\n"
		    "(1 to 20, default 3) in every municipality by population, with\n"
		    "variant spellings of children already known, and the casework\n"
		    "of each case as far as it has gone: risk history, screenings,\n"
		    "assessment, protection plan, reviews, incidents, closure and\n"
		    "follow-up, reopening, transfer, deadlines and the timeline.\n"
		    "The users of init --demo get cases in every state and work due.\n"
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
	    "concerns, %lld risk assessments, %lld screenings, %lld "
	    "assessments, %lld plans, %lld reviews, %lld closures, %lld "
	    "reopened, %lld transfers, %lld deadlines, %lld caregivers, %lld "
	    "sibling links, %lld case events; %lld agencies and %lld users "
	    "created; %.1f s\n",
	    (long long)stats.children, (long long)stats.duplicates,
	    (long long)stats.reports, (long long)stats.cases,
	    (long long)stats.reused, (long long)stats.concerns,
	    (long long)stats.risks, (long long)stats.screenings,
	    (long long)stats.assessments, (long long)stats.plans,
	    (long long)stats.reviews, (long long)stats.closures,
	    (long long)stats.reopened, (long long)stats.transfers,
	    (long long)stats.deadlines, (long long)stats.caregivers,
	    (long long)stats.siblings, (long long)stats.events,
	    (long long)stats.agencies, (long long)stats.users, stats.seconds);
	return 0;
}
