/*
 * calendar.c — day numbers, both Easter computuses, the holiday table
 * (data/holidays.csv) and working-day arithmetic. See calendar.h for the
 * contract and the head of data/holidays.csv for the sources of every row.
 *
 * Days off of a year are computed on demand (a few dozen rows), never
 * cached across calls: only the parsed built-in table is global, and it is
 * read-only after its one load.
 */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "csv.h"
#include "embed.h"
#include "utf8.h"

#define SECONDS_PER_DAY	86400

static const char *const errors[CAL_ERR__MAX] = {
	[CAL_OK] = "ok",
	[CAL_ECOUNTRY] = "not a country profile",
	[CAL_EDATE] = "date out of range",
	[CAL_EARG] = "invalid argument",
	[CAL_ETABLE] = "malformed holiday table",
	[CAL_ENOMEM] = "out of memory",
};

static const char *const countries[CAL_COUNTRY__MAX] = {
	[CAL_XK] = "XK",
	[CAL_AL] = "AL",
};

static const char *const kinds[CAL_KIND__MAX] = {
	[CAL_KIND_FIXED] = "fixed",
	[CAL_KIND_EASTER] = "easter",
	[CAL_KIND_DATED] = "dated",
};

static const char *const computuses[CAL_COMPUTUS__MAX] = {
	[CAL_WESTERN] = "western",
	[CAL_ORTHODOX] = "orthodox",
};

static const char *const statuses[CAL_STATUS__MAX] = {
	[CAL_STATUS_LAW] = "law",
	[CAL_STATUS_ANNOUNCED] = "announced",
	[CAL_STATUS_ESTIMATE] = "estimate",
};

static const char *const shifts[2] = { "none", "next" };

/* Columns of the CSV, in order. */
enum column {
	COL_COUNTRY = 0, COL_KIND, COL_MONTH, COL_DAY, COL_RULE, COL_SHIFT,
	COL_STATUS, COL_NAME_SQ, COL_NAME_EN, COL_NAME_SR, COL_FROM, COL_TO,
	COL_SOURCE, COL__MAX
};

static const char *const columns[COL__MAX] = {
	[COL_COUNTRY] = "country", [COL_KIND] = "kind", [COL_MONTH] = "month",
	[COL_DAY] = "day", [COL_RULE] = "rule", [COL_SHIFT] = "shift",
	[COL_STATUS] = "status", [COL_NAME_SQ] = "name_sq",
	[COL_NAME_EN] = "name_en", [COL_NAME_SR] = "name_sr",
	[COL_FROM] = "from_year", [COL_TO] = "to_year", [COL_SOURCE] = "source",
};

struct cal_table {
	struct cal_holiday	*rows;
	size_t			 n, cap;
};

const char *
cal_strerror(enum cal_err e)
{
	if ((int)e < 0 || e >= CAL_ERR__MAX)
		return "unknown error";
	return errors[e];
}

enum cal_err
cal_country_parse(const char *code, enum cal_country *out)
{
	int i;

	if (code == NULL)
		return CAL_ECOUNTRY;
	for (i = 0; i < CAL_COUNTRY__MAX; i++)
		if (strcmp(code, countries[i]) == 0) {
			*out = (enum cal_country)i;
			return CAL_OK;
		}
	return CAL_ECOUNTRY;
}

const char *
cal_country_code(enum cal_country c)
{
	if ((int)c < 0 || c >= CAL_COUNTRY__MAX)
		return NULL;
	return countries[c];
}

static int
country_ok(enum cal_country c)
{
	return (int)c >= 0 && c < CAL_COUNTRY__MAX;
}

/* ---- Day numbers ---- */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Day number of a Gregorian date (via the Julian day number; 2440588 is
 * that of 1970-01-01). Any year after -4800. */
static int32_t
days_gregorian(int y, int m, int d)
{
	int64_t a = (14 - m) / 12, yy = (int64_t)y + 4800 - a;
	int64_t mm = m + 12 * a - 3;

	return (int32_t)(d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 -
	    yy / 100 + yy / 400 - 32045 - 2440588);
}

/* Day number of a date of the Julian calendar. */
static int32_t
days_julian(int y, int m, int d)
{
	int64_t a = (14 - m) / 12, yy = (int64_t)y + 4800 - a;
	int64_t mm = m + 12 * a - 3;

	return (int32_t)(d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 -
	    32083 - 2440588);
}

/* Gregorian date of a day number (H. Hinnant's civil_from_days). */
static void
ymd_of(int32_t date, int *y, int *m, int *d)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

static int32_t
date_min(void)
{
	return days_gregorian(CAL_YEAR_MIN, 1, 1);
}

static int32_t
date_max(void)
{
	return days_gregorian(CAL_YEAR_MAX, 12, 31);
}

static int
date_ok(int32_t date)
{
	return date >= date_min() && date <= date_max();
}

/* ISO weekday of any day number: 1970-01-01 was a Thursday (4). */
static int
weekday(int32_t date)
{
	int64_t r = ((int64_t)date + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

static int
weekend(int32_t date)
{
	return weekday(date) >= 6;
}

enum cal_err
cal_date_from_ymd(int y, int m, int d, int32_t *out)
{
	if (y < CAL_YEAR_MIN || y > CAL_YEAR_MAX || m < 1 || m > 12 ||
	    d < 1 || d > month_days(y, m))
		return CAL_EDATE;
	*out = days_gregorian(y, m, d);
	return CAL_OK;
}

void
cal_date_to_ymd(int32_t date, int *y, int *m, int *d)
{
	assert(date_ok(date));
	ymd_of(date, y, m, d);
}

int
cal_weekday(int32_t date)
{
	assert(date_ok(date));
	return weekday(date);
}

enum cal_err
cal_date_parse(const char *s, int32_t *out)
{
	int i, v[3] = { 0, 0, 0 }, k = 0;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return CAL_EDATE;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return CAL_EDATE;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	return cal_date_from_ymd(v[0], v[1], v[2], out);
}

void
cal_date_format(int32_t date, char *out, size_t outlen)
{
	int y, m, d;

	cal_date_to_ymd(date, &y, &m, &d);
	snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
}

/* ---- Local time: CET/CEST by the EU rule, as clock.c ---- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static int32_t
last_sunday(int y, int m)
{
	int32_t last = days_gregorian(y, m, month_days(y, m));

	return last - weekday(last) % 7;
}

/* Seconds east of UTC at instant t: summer time from the last Sunday of
 * March to the last Sunday of October, both at 01:00 UTC. */
static int
cet_offset(int64_t t)
{
	int y, m, d;
	int64_t start, end;

	ymd_of((int32_t)floor_div(t, SECONDS_PER_DAY), &y, &m, &d);
	start = (int64_t)last_sunday(y, 3) * SECONDS_PER_DAY + 3600;
	end = (int64_t)last_sunday(y, 10) * SECONDS_PER_DAY + 3600;
	return (t >= start && t < end) ? 7200 : 3600;
}

/* Local midnight of any day number near the range. The changes happen at
 * 01:00 UTC, never between 22:00 and 24:00 UTC, so the offset at UTC
 * midnight is the offset at local midnight. */
static int64_t
midnight(int32_t date)
{
	int64_t u = (int64_t)date * SECONDS_PER_DAY;

	return u - cet_offset(u);
}

enum cal_err
cal_date_midnight(int32_t date, int64_t *out)
{
	if (!date_ok(date))
		return CAL_EDATE;
	*out = midnight(date);
	return CAL_OK;
}

enum cal_err
cal_date_of(int64_t t, int32_t *out)
{
	if (t < midnight(date_min()) || t >= midnight(date_max() + 1))
		return CAL_EDATE;
	*out = (int32_t)floor_div(t + cet_offset(t), SECONDS_PER_DAY);
	return CAL_OK;
}

/* ---- Easter ---- */

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
static int32_t
easter_western(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;

	return days_gregorian(y, n / 31, n % 31 + 1);
}

/* Meeus' Julian algorithm: a date of the Julian calendar, which the day
 * number turns into a Gregorian one (13 days later in 1900-2099, 14 in
 * 2100-2199, 15 in 2200). */
static int32_t
easter_orthodox(int y)
{
	int a = y % 4, b = y % 7, c = y % 19;
	int d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
	int n = d + e + 114;

	return days_julian(y, n / 31, n % 31 + 1);
}

enum cal_err
cal_easter(enum cal_computus cp, int year, int32_t *out)
{
	if ((int)cp < 0 || cp >= CAL_COMPUTUS__MAX)
		return CAL_EARG;
	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return CAL_EDATE;
	*out = cp == CAL_WESTERN ? easter_western(year) : easter_orthodox(year);
	return CAL_OK;
}

/* ---- The table ---- */

struct parse {
	struct cal_table	*t;
	int			 header;	/* seen */
	size_t			 bad_line;
	char			 err[200];
	enum cal_err		 rc;
};

static int fail(struct parse *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first error; returns 1 to stop the reader. */
static int
fail(struct parse *p, size_t line, const char *fmt, ...)
{
	va_list ap;
	int k;

	p->rc = CAL_ETABLE;
	p->bad_line = line;
	k = snprintf(p->err, sizeof(p->err), "line %zu: ", line);
	va_start(ap, fmt);
	vsnprintf(p->err + k, sizeof(p->err) - (size_t)k, fmt, ap);
	va_end(ap);
	return 1;
}

/* Index of s in names[0..n), or -1. */
static int
lookup(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* Bounded decimal: 1 to 4 digits, nothing else, min <= value <= max. */
static int
parse_int(const char *s, int min, int max, int *out)
{
	size_t i, n = strlen(s);
	int v = 0;

	if (n == 0 || n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* "western+1", "orthodox-2", "western+0". */
static int
parse_easter_rule(const char *s, enum cal_computus *cp, int *offset)
{
	const char *sign = strpbrk(s, "+-");
	char word[16];
	size_t n;
	int i, v;

	if (sign == NULL || (n = (size_t)(sign - s)) == 0 || n >= sizeof(word))
		return -1;
	memcpy(word, s, n);
	word[n] = '\0';
	if ((i = lookup(computuses, CAL_COMPUTUS__MAX, word)) < 0)
		return -1;
	if (strlen(sign + 1) > 2 ||
	    parse_int(sign + 1, 0, CAL_EASTER_OFFSET_MAX, &v) != 0)
		return -1;
	*cp = (enum cal_computus)i;
	*offset = *sign == '-' ? -v : v;
	return 0;
}

/* Feast tag: [a-z][a-z0-9_]*, at most CAL_TAG_MAX bytes. */
static int
tag_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > CAL_TAG_MAX || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* Required text: valid UTF-8 on one line, 1..max bytes. */
static int
text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n <= max && utf8_valid(s, n) &&
	    strpbrk(s, "\t\r\n") == NULL && s[0] != ' ' && s[n - 1] != ' ';
}

static int
same_holiday(const struct cal_holiday *a, const struct cal_holiday *b)
{
	if (a->country != b->country || a->kind != b->kind ||
	    a->from_year > b->to_year || b->from_year > a->to_year)
		return 0;
	switch (a->kind) {
	case CAL_KIND_EASTER:
		return a->computus == b->computus && a->offset == b->offset;
	case CAL_KIND_DATED:
		return a->month == b->month && a->day == b->day &&
		    strcmp(a->tag, b->tag) == 0;
	default:
		return a->month == b->month && a->day == b->day;
	}
}

static int
on_record(void *arg, size_t line, char **f, size_t n)
{
	struct parse *p = arg;
	struct cal_table *t = p->t;
	struct cal_holiday *h, *grown;
	size_t i, cap;
	int v;

	if (n >= 1 && f[0][0] == '#')
		return 0;	/* comment */
	if (n == 1 && f[0][0] == '\0')
		return 0;	/* blank line */
	if (!p->header) {
		if (n != COL__MAX)
			return fail(p, line, "header has %zu columns, "
			    "expected %d", n, COL__MAX);
		for (i = 0; i < COL__MAX; i++)
			if (strcmp(f[i], columns[i]) != 0)
				return fail(p, line, "header column %zu is "
				    "not %s", i + 1, columns[i]);
		p->header = 1;
		return 0;
	}
	if (n != COL__MAX)
		return fail(p, line, "%zu fields, expected %d", n, COL__MAX);
	if (t->n == CAL_ROWS_MAX)
		return fail(p, line, "more than %d rows", CAL_ROWS_MAX);
	if (t->n == t->cap) {
		cap = t->cap == 0 ? 64 : t->cap * 2;
		if ((grown = realloc(t->rows, cap * sizeof(*grown))) == NULL) {
			fail(p, line, "out of memory");
			p->rc = CAL_ENOMEM;
			return 1;
		}
		t->rows = grown;
		t->cap = cap;
	}
	h = &t->rows[t->n];
	memset(h, 0, sizeof(*h));
	h->line = line;

	if ((v = lookup(countries, CAL_COUNTRY__MAX, f[COL_COUNTRY])) < 0)
		return fail(p, line, "unknown country \"%.8s\"", f[COL_COUNTRY]);
	h->country = (enum cal_country)v;
	if ((v = lookup(kinds, CAL_KIND__MAX, f[COL_KIND])) < 0)
		return fail(p, line, "unknown kind \"%.16s\"", f[COL_KIND]);
	h->kind = (enum cal_kind)v;
	if ((v = lookup(shifts, 2, f[COL_SHIFT])) < 0)
		return fail(p, line, "shift must be next or none");
	h->shift = v;
	if ((v = lookup(statuses, CAL_STATUS__MAX, f[COL_STATUS])) < 0)
		return fail(p, line, "status must be law, announced or estimate");
	h->status = (enum cal_status)v;
	if (!text_ok(f[COL_NAME_SQ], CAL_NAME_MAX) ||
	    !text_ok(f[COL_NAME_EN], CAL_NAME_MAX) ||
	    !text_ok(f[COL_NAME_SR], CAL_NAME_MAX))
		return fail(p, line, "every name is required: one line of "
		    "UTF-8, at most %d bytes", CAL_NAME_MAX);
	if (!text_ok(f[COL_SOURCE], CAL_SOURCE_MAX))
		return fail(p, line, "source is required: one line of UTF-8, "
		    "at most %d bytes", CAL_SOURCE_MAX);
	memcpy(h->name_sq, f[COL_NAME_SQ], strlen(f[COL_NAME_SQ]) + 1);
	memcpy(h->name_en, f[COL_NAME_EN], strlen(f[COL_NAME_EN]) + 1);
	memcpy(h->name_sr, f[COL_NAME_SR], strlen(f[COL_NAME_SR]) + 1);
	memcpy(h->source, f[COL_SOURCE], strlen(f[COL_SOURCE]) + 1);
	if (parse_int(f[COL_FROM], CAL_YEAR_MIN, CAL_YEAR_MAX,
	    &h->from_year) != 0)
		return fail(p, line, "from_year must be %d..%d",
		    CAL_YEAR_MIN, CAL_YEAR_MAX);
	if (f[COL_TO][0] == '\0')
		h->to_year = CAL_YEAR_MAX;
	else if (parse_int(f[COL_TO], h->from_year, CAL_YEAR_MAX,
	    &h->to_year) != 0)
		return fail(p, line, "to_year must be empty or from_year..%d",
		    CAL_YEAR_MAX);

	switch (h->kind) {
	case CAL_KIND_EASTER:
		if (f[COL_MONTH][0] != '\0' || f[COL_DAY][0] != '\0')
			return fail(p, line, "an easter row has no month or day");
		if (parse_easter_rule(f[COL_RULE], &h->computus,
		    &h->offset) != 0)
			return fail(p, line, "rule must be western+N or "
			    "orthodox+N (N up to %d, or -N)",
			    CAL_EASTER_OFFSET_MAX);
		break;
	case CAL_KIND_FIXED:
	case CAL_KIND_DATED:
		if (parse_int(f[COL_MONTH], 1, 12, &h->month) != 0)
			return fail(p, line, "month must be 1..12");
		if (parse_int(f[COL_DAY], 1, 31, &h->day) != 0 ||
		    h->day > month_days(h->kind == CAL_KIND_FIXED ? 2001 :
		    h->from_year, h->month))
			return fail(p, line, "no day %.4s in month %d%s",
			    f[COL_DAY], h->month, h->kind == CAL_KIND_FIXED ?
			    " every year" : " of from_year");
		if (h->kind == CAL_KIND_FIXED) {
			if (f[COL_RULE][0] != '\0')
				return fail(p, line, "a fixed row has no rule");
			break;
		}
		if (h->to_year != h->from_year)
			return fail(p, line, "a dated row has "
			    "to_year = from_year");
		if (!tag_ok(f[COL_RULE]))
			return fail(p, line, "a dated row names its feast in "
			    "rule ([a-z0-9_], at most %d bytes)", CAL_TAG_MAX);
		memcpy(h->tag, f[COL_RULE], strlen(f[COL_RULE]) + 1);
		break;
	default:
		abort();
	}
	for (i = 0; i < t->n; i++)
		if (same_holiday(&t->rows[i], h))
			return fail(p, line, "duplicates line %zu",
			    t->rows[i].line);
	t->n++;
	return 0;
}

enum cal_err
cal_table_parse(const char *text, size_t len, struct cal_table **out,
    size_t *bad_line, char *err, size_t errlen)
{
	struct parse p;
	const char *nul;
	size_t line = 1, i;
	int rc;

	memset(&p, 0, sizeof(p));
	*out = NULL;
	if (bad_line != NULL)
		*bad_line = 0;
	if (text == NULL) {
		fail(&p, 1, "no text");
		goto out;
	}
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (i = 0; text + i < nul; i++)
			line += text[i] == '\n';
		fail(&p, line, "NUL byte");
		goto out;
	}
	if ((p.t = calloc(1, sizeof(*p.t))) == NULL) {
		p.rc = CAL_ENOMEM;
		snprintf(p.err, sizeof(p.err), "out of memory");
		goto out;
	}
	rc = csv_parse(text, len, on_record, &p, &line);
	if (rc == -1 && p.rc == CAL_OK)
		fail(&p, line, "malformed CSV (a stray or unclosed quote, or "
		    "more than %d fields)", CSV_MAX_FIELDS);
	else if (rc == 0 && !p.header)
		fail(&p, 1, "no header line");
out:
	if (p.rc != CAL_OK) {
		cal_table_free(p.t);
		if (bad_line != NULL)
			*bad_line = p.bad_line;
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "%s", p.err);
		return p.rc;
	}
	*out = p.t;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	return CAL_OK;
}

void
cal_table_free(struct cal_table *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	free(t);
}

size_t
cal_table_count(const struct cal_table *t)
{
	return t->n;
}

const struct cal_holiday *
cal_table_row(const struct cal_table *t, size_t i)
{
	assert(i < t->n);
	return &t->rows[i];
}

/* ---- The built-in table ---- */

static pthread_once_t	 builtin_once = PTHREAD_ONCE_INIT;
static struct cal_table	*builtin;
static enum cal_err	 builtin_rc;
static char		 builtin_err[240];

static void
builtin_load(void)
{
	const struct embedded_file *f;
	char msg[200];

	if ((f = embed_find("data/holidays.csv")) == NULL) {
		builtin_rc = CAL_ETABLE;
		snprintf(builtin_err, sizeof(builtin_err),
		    "data/holidays.csv is not compiled in");
		return;
	}
	builtin_rc = cal_table_parse(f->data, f->len, &builtin, NULL, msg,
	    sizeof(msg));
	if (builtin_rc != CAL_OK)
		snprintf(builtin_err, sizeof(builtin_err),
		    "data/holidays.csv %s", msg);
}

enum cal_err
cal_init(const struct cal_table **out, char *err, size_t errlen)
{
	pthread_once(&builtin_once, builtin_load);
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", builtin_err);
	if (out != NULL)
		*out = builtin_rc == CAL_OK ? builtin : NULL;
	return builtin_rc;
}

/* ---- Days off ---- */

/* What one call works with: a table, the extras, the year last computed. */
struct ctx {
	enum cal_country		 country;
	const struct cal_table		*table;
	const struct cal_extra_day	*days;
	size_t				 ndays;
	int				 year;	/* 0: none computed */
	int32_t				 jan1;
	int				 len;
	unsigned char			 off[366];
	int32_t				 holiday[366];
	const struct cal_holiday	*row[366];
};

/* Checks the country and the extras, picks the table. */
static enum cal_err
ctx_init(struct ctx *x, enum cal_country c, const struct cal_extra *e)
{
	enum cal_err rc;
	size_t i;

	if (!country_ok(c))
		return CAL_ECOUNTRY;
	memset(x, 0, sizeof(*x));
	x->country = c;
	if (e != NULL) {
		if (e->ndays > CAL_EXTRA_MAX || (e->ndays > 0 && e->days == NULL))
			return CAL_EARG;
		for (i = 0; i < e->ndays; i++)
			if (!date_ok(e->days[i].date) ||
			    (e->days[i].cancel != 0 && e->days[i].cancel != 1) ||
			    (e->days[i].shift != 0 && e->days[i].shift != 1))
				return CAL_EARG;
		x->days = e->days;
		x->ndays = e->ndays;
		x->table = e->table;
	}
	if (x->table == NULL &&
	    (rc = cal_init(&x->table, NULL, 0)) != CAL_OK)
		return rc;
	return CAL_OK;
}

static int
cancelled(const struct ctx *x, int32_t date)
{
	size_t i;

	for (i = 0; i < x->ndays; i++)
		if (x->days[i].cancel && x->days[i].date == date)
			return 1;
	return 0;
}

/* Date of row h in year y (in force that year). */
static int32_t
row_date(const struct cal_holiday *h, int y)
{
	switch (h->kind) {
	case CAL_KIND_EASTER:
		return (h->computus == CAL_WESTERN ? easter_western(y) :
		    easter_orthodox(y)) + h->offset;
	case CAL_KIND_DATED:
	case CAL_KIND_FIXED:
		return days_gregorian(y, h->month, h->day);
	default:
		abort();
	}
}

/* Holidays of the window (their own dates), before the weekend rule. */
struct window {
	int32_t				 base;
	int				 len;
	unsigned char			 present[732], shift[732], off[732];
	int32_t				 holiday[732];
	const struct cal_holiday	*row[732];
};

static void
put(struct window *w, int32_t date, int shift, const struct cal_holiday *h)
{
	int i = (int)(date - w->base);

	if (i < 0 || i >= w->len)
		return;
	if (!w->present[i]) {
		w->present[i] = 1;
		w->row[i] = h;
	}
	w->shift[i] |= (unsigned char)shift;
}

/*
 * Days off of year y into x. The window starts a year earlier so that a
 * holiday of late December moved into January is seen; substitutes are
 * handed out in date order, each to the first Monday-to-Friday day that is
 * no holiday of its own and no earlier substitute.
 */
static void
compute(struct ctx *x, int y)
{
	struct window w;
	const struct cal_holiday *h;
	size_t i;
	int yy, lo = y > CAL_YEAR_MIN ? y - 1 : y, j, k, first;

	memset(&w, 0, sizeof(w));
	w.base = days_gregorian(lo, 1, 1);
	w.len = (int)(days_gregorian(y, 12, 31) - w.base + 1);
	for (yy = lo; yy <= y; yy++)
		for (i = 0; i < x->table->n; i++) {
			h = &x->table->rows[i];
			if (h->country != x->country || yy < h->from_year ||
			    yy > h->to_year)
				continue;
			if (!cancelled(x, row_date(h, yy)))
				put(&w, row_date(h, yy), h->shift, h);
		}
	for (i = 0; i < x->ndays; i++)
		if (!x->days[i].cancel && !cancelled(x, x->days[i].date))
			put(&w, x->days[i].date, x->days[i].shift, NULL);
	for (j = 0; j < w.len; j++)
		if (w.present[j] && !weekend(w.base + j)) {
			w.off[j] = 1;
			w.holiday[j] = w.base + j;
		}
	for (j = 0; j < w.len; j++) {
		if (!w.present[j] || !w.shift[j] || !weekend(w.base + j))
			continue;
		for (k = j + 1; k < w.len &&
		    (weekend(w.base + k) || w.off[k]); k++)
			;
		if (k < w.len) {
			w.off[k] = 1;
			w.holiday[k] = w.base + j;
			w.row[k] = w.row[j];
		}
	}
	for (i = 0; i < x->ndays; i++)
		if (x->days[i].cancel && x->days[i].date >= w.base &&
		    x->days[i].date - w.base < w.len)
			w.off[x->days[i].date - w.base] = 0;

	x->year = y;
	x->jan1 = days_gregorian(y, 1, 1);
	x->len = (int)(days_gregorian(y, 12, 31) - x->jan1 + 1);
	first = (int)(x->jan1 - w.base);
	memcpy(x->off, w.off + first, (size_t)x->len);
	memcpy(x->holiday, w.holiday + first, (size_t)x->len * sizeof(int32_t));
	memcpy(x->row, w.row + first, (size_t)x->len * sizeof(w.row[0]));
}

/* date must be in range. */
static int
working(struct ctx *x, int32_t date)
{
	int y, m, d;

	if (weekend(date))
		return 0;
	ymd_of(date, &y, &m, &d);
	if (x->year != y)
		compute(x, y);
	return !x->off[date - x->jan1];
}

enum cal_err
cal_days_off(enum cal_country c, int year, const struct cal_extra *e,
    struct cal_day_off *out, size_t max, size_t *n)
{
	struct ctx x;
	enum cal_err rc;
	size_t k = 0;
	int i;

	if ((rc = ctx_init(&x, c, e)) != CAL_OK)
		return rc;
	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return CAL_EDATE;
	compute(&x, year);
	for (i = 0; i < x.len; i++) {
		if (!x.off[i])
			continue;
		if (k < max) {
			out[k].date = x.jan1 + i;
			out[k].holiday = x.holiday[i];
			out[k].row = x.row[i];
		}
		k++;
	}
	*n = k;
	return CAL_OK;
}

enum cal_err
cal_is_working_day(enum cal_country c, int32_t date,
    const struct cal_extra *e, int *out)
{
	struct ctx x;
	enum cal_err rc;

	if ((rc = ctx_init(&x, c, e)) != CAL_OK)
		return rc;
	if (!date_ok(date))
		return CAL_EDATE;
	*out = working(&x, date);
	return CAL_OK;
}

enum cal_err
cal_add_working_days(enum cal_country c, int32_t date, int n,
    const struct cal_extra *e, int32_t *out)
{
	struct ctx x;
	enum cal_err rc;
	int32_t d = date, last = date_max();
	int counted = 0;

	if ((rc = ctx_init(&x, c, e)) != CAL_OK)
		return rc;
	if (n < 0 || n > CAL_ADD_MAX)
		return CAL_EARG;
	if (!date_ok(date))
		return CAL_EDATE;
	if (n == 0) {
		while (!working(&x, d))
			if (d++ == last)
				return CAL_EDATE;
	} else
		while (counted < n) {
			if (d++ == last)
				return CAL_EDATE;
			counted += working(&x, d);
		}
	*out = d;
	return CAL_OK;
}

enum cal_err
cal_working_days_between(enum cal_country c, int32_t from, int32_t to,
    const struct cal_extra *e, int *out)
{
	struct ctx x;
	enum cal_err rc;
	int32_t d, lo = from < to ? from : to, hi = from < to ? to : from;
	int k = 0;

	if ((rc = ctx_init(&x, c, e)) != CAL_OK)
		return rc;
	if (!date_ok(from) || !date_ok(to))
		return CAL_EDATE;
	for (d = lo + 1; d <= hi; d++)
		k += working(&x, d);
	*out = from <= to ? k : -k;
	return CAL_OK;
}

enum cal_err
cal_deadline(enum cal_country c, int64_t received_at, int n,
    const struct cal_extra *e, int64_t *due)
{
	enum cal_err rc;
	int32_t day, end;

	if (!country_ok(c))
		return CAL_ECOUNTRY;
	if (n < 0 || n > CAL_ADD_MAX)
		return CAL_EARG;
	if ((rc = cal_date_of(received_at, &day)) != CAL_OK ||
	    (rc = cal_add_working_days(c, day, n, e, &end)) != CAL_OK)
		return rc;
	*due = midnight(end + 1);
	return CAL_OK;
}

enum cal_err
cal_year_check(enum cal_country c, int year, const struct cal_extra *e,
    int *missing, int *estimates)
{
	struct ctx x;
	enum cal_err rc;
	const struct cal_holiday *h, *g;
	size_t i, j;
	int miss = 0, est = 0, seen, found;

	if ((rc = ctx_init(&x, c, e)) != CAL_OK)
		return rc;
	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return CAL_EDATE;
	for (i = 0; i < x.table->n; i++) {
		h = &x.table->rows[i];
		if (h->country != c || h->kind != CAL_KIND_DATED)
			continue;
		if (h->from_year == year && h->status == CAL_STATUS_ESTIMATE)
			est++;
		/* Each tag once: at its first row. */
		for (seen = 0, j = 0; j < i && !seen; j++) {
			g = &x.table->rows[j];
			seen = g->country == c && g->kind == CAL_KIND_DATED &&
			    strcmp(g->tag, h->tag) == 0;
		}
		if (seen)
			continue;
		for (found = 0, j = i; j < x.table->n && !found; j++) {
			g = &x.table->rows[j];
			found = g->country == c && g->kind == CAL_KIND_DATED &&
			    g->from_year == year && strcmp(g->tag, h->tag) == 0;
		}
		miss += !found;
	}
	if (missing != NULL)
		*missing = miss;
	if (estimates != NULL)
		*estimates = est;
	return CAL_OK;
}
