/*
 * test_calendar.c — unit tests of src/util/calendar.c. First what must be
 * refused (unknown countries, dates out of range, n < 0, malformed extras,
 * malformed holiday tables with their line numbers), then day numbers and
 * local midnight, both Easter computuses against published tables and an
 * independent algorithm, the days off of each country for 2025-2027 (and
 * the Kosovo government calendars of 2022-2024 as regressions), and the
 * deadline arithmetic around weekends, Easter, Bajram, New Year, holidays
 * moved off a weekend, and an administrator's extra and cancelled dates.
 */
#include "testutil.h"

#include <stdio.h>

#include "../../src/util/calendar.h"
#include "../../src/util/clock.h"

/* Day number of "YYYY-MM-DD"; the test fails on a typo. */
static int32_t
D(const char *s)
{
	int32_t d = 0;

	assert_int_equal(cal_date_parse(s, &d), CAL_OK);
	return d;
}

static void
assert_date(int32_t got, const char *want)
{
	char buf[16];

	cal_date_format(got, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static int
is_working(enum cal_country c, const char *day, const struct cal_extra *e)
{
	int w = -1;

	assert_int_equal(cal_is_working_day(c, D(day), e, &w), CAL_OK);
	return w;
}

static void
assert_add(enum cal_country c, const char *from, int n,
    const struct cal_extra *e, const char *want)
{
	int32_t out = 0;
	int k = -1;

	assert_int_equal(cal_add_working_days(c, D(from), n, e, &out), CAL_OK);
	assert_date(out, want);
	if (n > 0) {
		assert_int_equal(cal_working_days_between(c, D(from), out, e,
		    &k), CAL_OK);
		assert_int_equal(k, n);
	}
}

/*
 * The days off of a year as "MM-DD" or "MM-DD<MM-DD" (moved: day off <
 * the holiday's own date), space-separated, in date order.
 */
static void
assert_days_off(enum cal_country c, int year, const struct cal_extra *e,
    const char *want)
{
	struct cal_day_off off[64];
	char got[1024], a[16], b[16];
	size_t n = 0, i, k = 0;

	assert_int_equal(cal_days_off(c, year, e, off, 64, &n), CAL_OK);
	assert_true(n < 64);
	got[0] = '\0';
	for (i = 0; i < n; i++) {
		cal_date_format(off[i].date, a, sizeof(a));
		cal_date_format(off[i].holiday, b, sizeof(b));
		assert_int_equal(atoi(a), year);
		assert_true(cal_weekday(off[i].date) <= 5);
		if (off[i].date == off[i].holiday)
			k += (size_t)snprintf(got + k, sizeof(got) - k, "%s%s",
			    i ? " " : "", a + 5);
		else {
			/* Moved off a weekend, forwards, by a week at most. */
			assert_true(cal_weekday(off[i].holiday) >= 6);
			assert_true(off[i].date > off[i].holiday &&
			    off[i].date - off[i].holiday <= 7);
			k += (size_t)snprintf(got + k, sizeof(got) - k,
			    "%s%s<%s", i ? " " : "", a + 5, b + 5);
		}
		assert_true(k < sizeof(got));
	}
	assert_string_equal(got, want);
}

/* ---- Refused: countries ---- */

static void
country_codes_refused(void **state)
{
	enum cal_country c = CAL_AL;

	assert_int_equal(cal_country_parse("RS", &c), CAL_ECOUNTRY);
	assert_int_equal(cal_country_parse("xk", &c), CAL_ECOUNTRY);
	assert_int_equal(cal_country_parse("XKX", &c), CAL_ECOUNTRY);
	assert_int_equal(cal_country_parse("", &c), CAL_ECOUNTRY);
	assert_int_equal(cal_country_parse(NULL, &c), CAL_ECOUNTRY);
	assert_int_equal(c, CAL_AL);	/* untouched */
	assert_null(cal_country_code(CAL_COUNTRY__MAX));
	assert_null(cal_country_code((enum cal_country)-1));
	assert_int_equal(cal_country_parse("XK", &c), CAL_OK);
	assert_int_equal(c, CAL_XK);
	assert_string_equal(cal_country_code(CAL_AL), "AL");
}

static void
country_out_of_enum_refused_everywhere(void **state)
{
	enum cal_country bad[2] = { CAL_COUNTRY__MAX, (enum cal_country)-1 };
	struct cal_day_off off[4];
	int32_t d = D("2025-06-02"), out;
	int64_t due;
	size_t n, i;
	int w;

	for (i = 0; i < 2; i++) {
		assert_int_equal(cal_is_working_day(bad[i], d, NULL, &w),
		    CAL_ECOUNTRY);
		assert_int_equal(cal_add_working_days(bad[i], d, 1, NULL, &out),
		    CAL_ECOUNTRY);
		assert_int_equal(cal_working_days_between(bad[i], d, d + 9,
		    NULL, &w), CAL_ECOUNTRY);
		assert_int_equal(cal_days_off(bad[i], 2025, NULL, off, 4, &n),
		    CAL_ECOUNTRY);
		assert_int_equal(cal_deadline(bad[i], 1750000000, 1, NULL,
		    &due), CAL_ECOUNTRY);
		assert_int_equal(cal_year_check(bad[i], 2025, NULL, &w, &w),
		    CAL_ECOUNTRY);
	}
}

/* ---- Refused: dates out of range ---- */

static void
impossible_dates_refused(void **state)
{
	int32_t d = 12345;

	assert_int_equal(cal_date_from_ymd(1899, 12, 31, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2201, 1, 1, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2023, 2, 29, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2100, 2, 29, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2024, 4, 31, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2024, 13, 1, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2024, 0, 10, &d), CAL_EDATE);
	assert_int_equal(cal_date_from_ymd(2024, 1, 0, &d), CAL_EDATE);
	assert_int_equal(d, 12345);
	assert_int_equal(cal_date_from_ymd(2024, 2, 29, &d), CAL_OK);
	assert_int_equal(cal_date_from_ymd(2000, 2, 29, &d), CAL_OK);
}

static void
malformed_date_strings_refused(void **state)
{
	static const char *const bad[] = {
		"", "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01",
		"01.01.2025", "2025-01-01 ", " 2025-01-01", "2025-01-011",
		"2025-02-30", "1899-12-31", "2201-01-01", "2025-00-10",
		"2025-+1-01", "２025-01-01", "2025-01-0a",
	};
	size_t i;
	int32_t d;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(cal_date_parse(bad[i], &d), CAL_EDATE);
	assert_int_equal(cal_date_parse(NULL, &d), CAL_EDATE);
}

static void
out_of_range_dates_refused_by_queries(void **state)
{
	int32_t first = D("1900-01-01"), last = D("2200-12-31"), out;
	struct cal_day_off off[4];
	int64_t t;
	size_t n;
	int w;

	assert_int_equal(cal_is_working_day(CAL_XK, first - 1, NULL, &w),
	    CAL_EDATE);
	assert_int_equal(cal_is_working_day(CAL_AL, last + 1, NULL, &w),
	    CAL_EDATE);
	assert_int_equal(cal_add_working_days(CAL_XK, first - 1, 0, NULL,
	    &out), CAL_EDATE);
	/* The result would pass 2200-12-31 (a Wednesday). */
	assert_int_equal(cal_add_working_days(CAL_XK, last - 1, 5, NULL,
	    &out), CAL_EDATE);
	assert_int_equal(cal_add_working_days(CAL_XK, last - 1, 1, NULL,
	    &out), CAL_OK);
	assert_int_equal(out, last);
	assert_int_equal(cal_working_days_between(CAL_AL, first, last + 1,
	    NULL, &w), CAL_EDATE);
	assert_int_equal(cal_days_off(CAL_XK, 1899, NULL, off, 4, &n),
	    CAL_EDATE);
	assert_int_equal(cal_days_off(CAL_AL, 2201, NULL, off, 4, &n),
	    CAL_EDATE);
	assert_int_equal(cal_year_check(CAL_XK, 2201, NULL, &w, &w),
	    CAL_EDATE);
	assert_int_equal(cal_easter(CAL_WESTERN, 1899, &out), CAL_EDATE);
	assert_int_equal(cal_easter(CAL_ORTHODOX, 2201, &out), CAL_EDATE);
	assert_int_equal(cal_easter(CAL_COMPUTUS__MAX, 2025, &out), CAL_EARG);
	assert_int_equal(cal_date_midnight(last + 1, &t), CAL_EDATE);
	assert_int_equal(cal_date_midnight(first - 1, &t), CAL_EDATE);
	/* Instants: 1900-01-01 starts at 1899-12-31T23:00Z, 2201-01-01 at
	 * 2200-12-31T23:00Z. */
	assert_int_equal(cal_date_of(-2208992400LL - 1, &out), CAL_EDATE);
	assert_int_equal(cal_date_of(-2208992400LL, &out), CAL_OK);
	assert_int_equal(out, first);
	assert_int_equal(cal_date_of(7289650800LL - 1, &out), CAL_OK);
	assert_int_equal(out, last);
	assert_int_equal(cal_date_of(7289650800LL, &out), CAL_EDATE);
	assert_int_equal(cal_date_of(INT64_MAX, &out), CAL_EDATE);
	assert_int_equal(cal_date_of(INT64_MIN, &out), CAL_EDATE);
	assert_int_equal(cal_deadline(CAL_XK, INT64_MIN, 0, NULL, &t),
	    CAL_EDATE);
}

/* ---- Refused: n < 0, too large ---- */

static void
negative_and_huge_n_refused(void **state)
{
	int32_t out = 7;
	int64_t due = 7;

	assert_int_equal(cal_add_working_days(CAL_XK, D("2025-06-02"), -1,
	    NULL, &out), CAL_EARG);
	assert_int_equal(cal_add_working_days(CAL_AL, D("2025-06-02"),
	    CAL_ADD_MAX + 1, NULL, &out), CAL_EARG);
	assert_int_equal(cal_deadline(CAL_AL, 1750000000, -1, NULL, &due),
	    CAL_EARG);
	assert_int_equal(cal_deadline(CAL_AL, 1750000000, CAL_ADD_MAX + 1,
	    NULL, &due), CAL_EARG);
	assert_int_equal(out, 7);
	assert_int_equal(due, 7);
	assert_int_equal(cal_add_working_days(CAL_AL, D("2025-06-02"),
	    CAL_ADD_MAX, NULL, &out), CAL_OK);
}

/* ---- Refused: malformed extras ---- */

static void
malformed_extras_refused(void **state)
{
	struct cal_extra_day day = { 0, 0, 0 };
	struct cal_extra e = { NULL, NULL, 1 };
	int w;

	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_EARG);	/* ndays without days */
	e.days = &day;
	day.date = D("1900-01-01") - 1;
	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_EARG);
	day.date = D("2025-06-02");
	day.cancel = 2;
	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_EARG);
	day.cancel = 0;
	day.shift = -1;
	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_EARG);
	day.shift = 0;
	e.ndays = CAL_EXTRA_MAX + 1;
	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_EARG);
	e.ndays = 1;
	assert_int_equal(cal_is_working_day(CAL_XK, D("2025-06-02"), &e, &w),
	    CAL_OK);
	assert_int_equal(w, 0);
}

/* ---- Refused: malformed holiday tables ---- */

#define HEADER	"country,kind,month,day,rule,shift,status,name_sq,name_en," \
		"name_sr,from_year,to_year,source\n"
#define GOOD	"XK,fixed,1,1,,next,law,Viti i Ri,New Year,Nova godina,2008,," \
		"Law\n"

/* Parses text, expects CAL_ETABLE at line with why in the message. */
static void
expect_bad(const char *text, size_t line, const char *why)
{
	struct cal_table *t = (struct cal_table *)1;
	char err[256], prefix[32];
	size_t bad = 0;

	assert_int_equal(cal_table_parse(text, strlen(text), &t, &bad, err,
	    sizeof(err)), CAL_ETABLE);
	assert_null(t);
	assert_int_equal(bad, line);
	snprintf(prefix, sizeof(prefix), "line %zu: ", line);
	assert_int_equal(strncmp(err, prefix, strlen(prefix)), 0);
	if (strstr(err, why) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, why);
}

static void
table_header_refused(void **state)
{
	struct cal_table *t;
	size_t bad;

	expect_bad("", 1, "no header");
	expect_bad("# only a comment\n", 1, "no header");
	expect_bad("country,kind\n" GOOD, 1, "2 columns");
	expect_bad("# c\ncountry,kind,month,day,rule,shift,status,name_sq,"
	    "name_en,name_sr,from_year,to_year,sources\n", 2, "column 13");
	expect_bad("kind,country,month,day,rule,shift,status,name_sq,name_en,"
	    "name_sr,from_year,to_year,source\n", 1, "column 1 ");
	assert_int_equal(cal_table_parse(NULL, 0, &t, &bad, NULL, 0),
	    CAL_ETABLE);
	assert_int_equal(bad, 1);
}

static void
table_field_count_and_csv_syntax_refused(void **state)
{
	expect_bad(HEADER GOOD "XK,fixed,1,2,,next,law,a,b,c,2008,\n", 3,
	    "12 fields");
	expect_bad(HEADER "XK,fixed,1,2,,next,law,a,b,c,2008,,s,extra\n", 2,
	    "14 fields");
	/* An unclosed quote runs to the end: csv.h reports that line. */
	expect_bad(HEADER GOOD "XK,fixed,1,2,,next,law,\"a,b,c,2008,,s\n", 4,
	    "malformed CSV");
	expect_bad(HEADER "XK,fixed,1,2,,next,law,a\"b,b,c,2008,,s\n", 2,
	    "malformed CSV");
}

static void
table_nul_byte_refused(void **state)
{
	static const char text[] = HEADER GOOD "XK,fixed,1,2,,next,law,a\0b,"
	    "b,c,2008,,s\n";
	struct cal_table *t;
	char err[128];
	size_t bad;

	assert_int_equal(cal_table_parse(text, sizeof(text) - 1, &t, &bad,
	    err, sizeof(err)), CAL_ETABLE);
	assert_int_equal(bad, 3);
	assert_non_null(strstr(err, "NUL"));
}

static void
table_country_kind_shift_status_refused(void **state)
{
	expect_bad(HEADER "RS,fixed,1,1,,next,law,a,b,c,2008,,s\n", 2,
	    "unknown country");
	expect_bad(HEADER "xk,fixed,1,1,,next,law,a,b,c,2008,,s\n", 2,
	    "unknown country");
	expect_bad(HEADER GOOD "XK,lunar,1,1,,next,law,a,b,c,2008,,s\n", 3,
	    "unknown kind");
	expect_bad(HEADER "XK,fixed,1,1,,monday,law,a,b,c,2008,,s\n", 2,
	    "shift");
	expect_bad(HEADER "XK,fixed,1,1,,next,rumour,a,b,c,2008,,s\n", 2,
	    "status");
}

static void
table_month_day_refused(void **state)
{
	expect_bad(HEADER "XK,fixed,13,1,,next,law,a,b,c,2008,,s\n", 2,
	    "month");
	expect_bad(HEADER "XK,fixed,0,1,,next,law,a,b,c,2008,,s\n", 2,
	    "month");
	expect_bad(HEADER "XK,fixed,,1,,next,law,a,b,c,2008,,s\n", 2,
	    "month");
	expect_bad(HEADER "XK,fixed,4,31,,next,law,a,b,c,2008,,s\n", 2,
	    "no day 31 in month 4");
	expect_bad(HEADER "XK,fixed,2,29,,next,law,a,b,c,2008,,s\n", 2,
	    "every year");
	expect_bad(HEADER "XK,fixed,1,-1,,next,law,a,b,c,2008,,s\n", 2,
	    "no day");
	expect_bad(HEADER "XK,fixed,1, 1,,next,law,a,b,c,2008,,s\n", 2,
	    "no day");
	expect_bad(HEADER "XK,dated,2,29,eid_al_fitr,next,estimate,a,b,c,"
	    "2027,2027,s\n", 2, "of from_year");
	expect_bad(HEADER "XK,easter,4,1,western+1,next,law,a,b,c,2008,,s\n",
	    2, "no month or day");
	expect_bad(HEADER "XK,fixed,1,1,western+1,next,law,a,b,c,2008,,s\n",
	    2, "no rule");
}

static void
table_rules_refused(void **state)
{
	static const char *const bad[] = {
		"western", "western+", "julian+1", "western+x", "+1",
		"western+61", "orthodox-100", "western+1x", "western++1",
		"Western+1",
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), HEADER "XK,easter,,,%s,next,law,"
		    "a,b,c,2008,,s\n", bad[i]);
		expect_bad(text, 2, "rule must be");
	}
	expect_bad(HEADER "AL,dated,3,9,,next,estimate,a,b,c,2027,2027,s\n",
	    2, "names its feast");
	expect_bad(HEADER "AL,dated,3,9,Eid,next,estimate,a,b,c,2027,2027,s\n",
	    2, "names its feast");
	expect_bad(HEADER "AL,dated,3,9,eid_al_fitr,next,estimate,a,b,c,2027,"
	    "2028,s\n", 2, "to_year = from_year");
}

static void
table_names_and_source_refused(void **state)
{
	char text[1024], name[CAL_NAME_MAX + 2];

	expect_bad(HEADER "XK,fixed,1,1,,next,law,,b,c,2008,,s\n", 2, "name");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,,c,2008,,s\n", 2, "name");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,,2008,,s\n", 2, "name");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,2008,,\n", 2, "source");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,Vit\xc3,b,c,2008,,s\n", 2,
	    "UTF-8");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,\"two\nlines\",b,c,2008,,"
	    "s\n", 2, "one line");
	expect_bad(HEADER "XK,fixed,1,1,,next,law, a,b,c,2008,,s\n", 2,
	    "name");
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(text, sizeof(text), HEADER "XK,fixed,1,1,,next,law,%s,b,c,"
	    "2008,,s\n", name);
	expect_bad(text, 2, "at most 120 bytes");
	name[CAL_NAME_MAX] = '\0';	/* exactly the limit: accepted */
	snprintf(text, sizeof(text), HEADER "XK,fixed,1,1,,next,law,%s,b,c,"
	    "2008,,s\n", name);
	{
		struct cal_table *t;

		assert_int_equal(cal_table_parse(text, strlen(text), &t, NULL,
		    NULL, 0), CAL_OK);
		assert_string_equal(cal_table_row(t, 0)->name_sq, name);
		cal_table_free(t);
	}
}

static void
table_years_refused(void **state)
{
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,1899,,s\n", 2,
	    "from_year");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,,,s\n", 2, "from_year");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,20O8,,s\n", 2,
	    "from_year");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,2008,2007,s\n", 2,
	    "to_year");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,2008,2201,s\n", 2,
	    "to_year");
	expect_bad(HEADER "XK,fixed,1,1,,next,law,a,b,c,+2008,,s\n", 2,
	    "from_year");
}

static void
table_duplicates_refused(void **state)
{
	expect_bad(HEADER GOOD "# comment\nXK,fixed,1,1,,none,law,x,y,z,2020,"
	    "2030,t\n", 4, "duplicates line 2");
	expect_bad(HEADER "AL,easter,,,orthodox+0,next,law,a,b,c,1993,,s\n"
	    "AL,easter,,,orthodox+0,next,law,a,b,c,2000,2001,s\n", 3,
	    "duplicates line 2");
	expect_bad(HEADER "AL,dated,3,9,eid_al_fitr,next,estimate,a,b,c,2027,"
	    "2027,s\nAL,dated,3,9,eid_al_fitr,next,announced,a,b,c,2027,2027,"
	    "s\n", 3, "duplicates line 2");
}

static void
table_comments_blank_lines_crlf_accepted(void **state)
{
	static const char text[] = "# head\r\n\r\n" HEADER
	    "XK,fixed,1,1,,next,law,\"Viti i Ri, dita e parë\",New Year,Nova "
	    "godina,2008,,Law\r\n"
	    "# Europe Day, as an example of a closed row\n"
	    "XK,fixed,5,9,,none,law,Dita e Evropës,Europe Day,Dan Evrope,2008,"
	    "2024,Law\n"
	    "XK,fixed,5,9,,next,law,Dita e Evropës,Europe Day,Dan Evrope,2025,,"
	    "Law\n"
	    "XK,easter,,,orthodox-2,next,law,a,b,c,2008,,s\n"
	    "AL,dated,12,23,eid_al_fitr,next,estimate,a,b,c,2033,2033,s\n"
	    "AL,dated,1,2,eid_al_fitr,next,estimate,a,b,c,2033,2033,s";
	struct cal_table *t;
	const struct cal_holiday *h;
	char err[64] = "x";

	assert_int_equal(cal_table_parse(text, sizeof(text) - 1, &t, NULL,
	    err, sizeof(err)), CAL_OK);
	assert_string_equal(err, "");
	assert_int_equal(cal_table_count(t), 6);
	h = cal_table_row(t, 0);
	assert_string_equal(h->name_sq, "Viti i Ri, dita e parë");
	assert_int_equal(h->line, 4);
	assert_int_equal(h->to_year, CAL_YEAR_MAX);
	h = cal_table_row(t, 1);
	assert_int_equal(h->shift, 0);
	assert_int_equal(h->to_year, 2024);
	h = cal_table_row(t, 3);
	assert_int_equal(h->kind, CAL_KIND_EASTER);
	assert_int_equal(h->computus, CAL_ORTHODOX);
	assert_int_equal(h->offset, -2);
	h = cal_table_row(t, 5);
	assert_string_equal(h->tag, "eid_al_fitr");
	assert_int_equal(h->status, CAL_STATUS_ESTIMATE);
	cal_table_free(t);
	cal_table_free(NULL);
}

static void
builtin_table_loads(void **state)
{
	const struct cal_table *t = NULL;
	const struct cal_holiday *h;
	char err[256];
	size_t i, law[CAL_COUNTRY__MAX] = { 0, 0 };

	assert_int_equal(cal_init(&t, err, sizeof(err)), CAL_OK);
	assert_string_equal(err, "");
	assert_non_null(t);
	for (i = 0; i < cal_table_count(t); i++) {
		h = cal_table_row(t, i);
		if (h->status == CAL_STATUS_LAW)
			law[h->country]++;
		if (h->kind == CAL_KIND_DATED)
			assert_true(h->from_year >= 2020 &&
			    h->from_year <= 2035);
	}
	/* Kosovo: art. 2 (a)-(k) of Law 03/L-064 less the two Bajrams (dated
	 * rows) is 9 holidays, New Year being 2 days: 10 rows. Albania: the
	 * 13 rows of Law 7651 in force plus the closed 19 October one. */
	assert_int_equal(law[CAL_XK], 10);
	assert_int_equal(law[CAL_AL], 14);
	assert_int_equal(cal_table_count(t), 10 + 14 + 2 * 2 * 16 + 2);
}

/* ---- Day numbers and local time ---- */

static void
day_numbers_round_trip(void **state)
{
	int32_t d, back;
	int y, m, dd, prev_y = 1899;

	for (d = D("1900-01-01"); d <= D("2200-12-31"); d++) {
		cal_date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(cal_date_from_ymd(y, m, dd, &back), CAL_OK);
		assert_int_equal(back, d);
		if (y != prev_y) {
			assert_true(m == 1 && dd == 1 && y == prev_y + 1);
			prev_y = y;
		}
	}
	assert_int_equal(prev_y, 2200);
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2);
	assert_int_equal(D("2100-03-01") - D("2100-02-28"), 1);
}

static void
weekdays(void **state)
{
	int32_t d;

	assert_int_equal(cal_weekday(D("1970-01-01")), 4);
	assert_int_equal(cal_weekday(D("1900-01-01")), 1);
	assert_int_equal(cal_weekday(D("2000-01-01")), 6);
	assert_int_equal(cal_weekday(D("2025-04-20")), 7);
	assert_int_equal(cal_weekday(D("2026-02-17")), 2);
	assert_int_equal(cal_weekday(D("2200-12-31")), 3);
	for (d = D("1960-01-01"); d < D("1960-01-15"); d++)
		assert_int_equal(cal_weekday(d + 7), cal_weekday(d));
}

static void
format_and_parse(void **state)
{
	char buf[16];

	cal_date_format(D("1900-01-01"), buf, sizeof(buf));
	assert_string_equal(buf, "1900-01-01");
	cal_date_format(D("2200-12-31"), buf, sizeof(buf));
	assert_string_equal(buf, "2200-12-31");
	cal_date_format(D("2024-02-29"), buf, sizeof(buf));
	assert_string_equal(buf, "2024-02-29");
}

static void
local_midnight_matches_clock(void **state)
{
	static const char *const days[] = {
		"1900-01-01", "1970-01-01", "2024-03-31", "2024-10-27",
		"2025-01-15", "2025-03-30", "2025-03-31", "2025-07-15",
		"2025-10-26", "2025-10-27", "2099-12-31", "2200-12-31",
	};
	int64_t a, b;
	size_t i;

	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(cal_date_midnight(D(days[i]), &a), CAL_OK);
		assert_int_equal(clock_parse_date(days[i], &b), 0);
		assert_int_equal(a, b);
	}
	/* Winter CET, summer CEST, and both change days (changes at 01:00
	 * UTC, after local midnight). */
	assert_int_equal(cal_date_midnight(D("2025-01-15"), &a), CAL_OK);
	assert_int_equal(a, 1736895600);	/* 2025-01-14T23:00Z */
	assert_int_equal(cal_date_midnight(D("2025-07-15"), &a), CAL_OK);
	assert_int_equal(a, 1752530400);	/* 2025-07-14T22:00Z */
	assert_int_equal(cal_date_midnight(D("2025-03-30"), &a), CAL_OK);
	assert_int_equal(a, 1743289200);	/* 2025-03-29T23:00Z */
	assert_int_equal(cal_date_midnight(D("2025-03-31"), &a), CAL_OK);
	assert_int_equal(a, 1743372000);	/* 2025-03-30T22:00Z: 23 h */
	assert_int_equal(cal_date_midnight(D("2025-10-26"), &a), CAL_OK);
	assert_int_equal(a, 1761429600);	/* 2025-10-25T22:00Z */
	assert_int_equal(cal_date_midnight(D("2025-10-27"), &a), CAL_OK);
	assert_int_equal(a, 1761519600);	/* 2025-10-26T23:00Z: 25 h */
}

static void
local_date_of_instants(void **state)
{
	int32_t d;
	int64_t t;

	/* One second before local midnight is still the day before. */
	assert_int_equal(cal_date_of(1743372000 - 1, &d), CAL_OK);
	assert_date(d, "2025-03-30");
	assert_int_equal(cal_date_of(1743372000, &d), CAL_OK);
	assert_date(d, "2025-03-31");
	/* 22:30 UTC on 14.07 is already 00:30 on 15.07 in summer. */
	assert_int_equal(cal_date_of(1752530400 + 1800, &d), CAL_OK);
	assert_date(d, "2025-07-15");
	/* Every local midnight of 2024-2026 maps back to its day. */
	for (d = D("2024-01-01"); d <= D("2026-12-31"); d++) {
		int32_t back;

		assert_int_equal(cal_date_midnight(d, &t), CAL_OK);
		assert_int_equal(cal_date_of(t, &back), CAL_OK);
		assert_int_equal(back, d);
		assert_int_equal(cal_date_of(t - 1, &back), CAL_OK);
		assert_int_equal(back, d - 1);
	}
}

/* ---- Easter ---- */

/* Western Easter 1990-2050 (the table of python-dateutil's tests), plus the
 * ends of the range checked against dateutil.easter. */
static const char *const western[] = {
	"1900-04-15", "1990-04-15", "1991-03-31", "1992-04-19", "1993-04-11",
	"1994-04-03", "1995-04-16", "1996-04-07", "1997-03-30", "1998-04-12",
	"1999-04-04", "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20",
	"2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08", "2008-03-23",
	"2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31",
	"2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01",
	"2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
	"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
	"2029-04-01", "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17",
	"2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05", "2038-04-25",
	"2039-04-10", "2040-04-01", "2041-04-21", "2042-04-06", "2043-03-29",
	"2044-04-17", "2045-04-09", "2046-03-25", "2047-04-14", "2048-04-05",
	"2049-04-18", "2050-04-10", "2100-03-28", "2199-04-14", "2200-04-06",
};

static const char *const orthodox[] = {
	"1900-04-22", "1990-04-15", "1991-04-07", "1992-04-26", "1993-04-18",
	"1994-05-01", "1995-04-23", "1996-04-14", "1997-04-27", "1998-04-19",
	"1999-04-11", "2000-04-30", "2001-04-15", "2002-05-05", "2003-04-27",
	"2004-04-11", "2005-05-01", "2006-04-23", "2007-04-08", "2008-04-27",
	"2009-04-19", "2010-04-04", "2011-04-24", "2012-04-15", "2013-05-05",
	"2014-04-20", "2015-04-12", "2016-05-01", "2017-04-16", "2018-04-08",
	"2019-04-28", "2020-04-19", "2021-05-02", "2022-04-24", "2023-04-16",
	"2024-05-05", "2025-04-20", "2026-04-12", "2027-05-02", "2028-04-16",
	"2029-04-08", "2030-04-28", "2031-04-13", "2032-05-02", "2033-04-24",
	"2034-04-09", "2035-04-29", "2036-04-20", "2037-04-05", "2038-04-25",
	"2039-04-17", "2040-05-06", "2041-04-21", "2042-04-13", "2043-05-03",
	"2044-04-24", "2045-04-09", "2046-04-29", "2047-04-21", "2048-04-05",
	"2049-04-25", "2050-04-17", "2099-04-12", "2100-05-02", "2200-04-06",
};

static void
easter_table(enum cal_computus cp, const char *const *tab, size_t n)
{
	int32_t e;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(cal_easter(cp, atoi(tab[i]), &e), CAL_OK);
		assert_date(e, tab[i]);
	}
}

static void
easter_western_known_dates(void **state)
{
	easter_table(CAL_WESTERN, western, sizeof(western) / sizeof(*western));
}

static void
easter_orthodox_known_dates(void **state)
{
	easter_table(CAL_ORTHODOX, orthodox,
	    sizeof(orthodox) / sizeof(*orthodox));
}

/*
 * Gauss's Easter formula, written independently of calendar.c: March
 * 22 + d + e, with the two Gregorian exceptions; for the Julian computus
 * M = 15, N = 6 and the Gregorian date is the Julian one plus the
 * calendars' gap (13 days 1900-2099, 14 in 2100-2199, 15 in 2200).
 */
static int32_t
gauss(int y, int julian)
{
	int k = y / 100, p = (13 + 8 * k) / 25, q = k / 4;
	int M = julian ? 15 : (15 - p + k - q) % 30;
	int N = julian ? 6 : (4 + k - q) % 7;
	int a = y % 19, b = y % 4, c = y % 7;
	int d = (19 * a + M) % 30, e = (2 * b + 4 * c + 6 * d + N) % 7;
	int32_t march22, r;

	assert_int_equal(cal_date_from_ymd(y, 3, 22, &march22), CAL_OK);
	r = march22 + d + e;
	if (!julian && d == 29 && e == 6)
		r -= 7;		/* April 26 -> 19 */
	else if (!julian && d == 28 && e == 6 && (11 * M + 11) % 30 < 19)
		r -= 7;		/* April 25 -> 18 */
	if (julian)
		r += y < 2100 ? 13 : y < 2200 ? 14 : 15;
	return r;
}

static void
easter_cross_check_1900_2200(void **state)
{
	int32_t w, o, lo, hi;
	int y;

	for (y = CAL_YEAR_MIN; y <= CAL_YEAR_MAX; y++) {
		assert_int_equal(cal_easter(CAL_WESTERN, y, &w), CAL_OK);
		assert_int_equal(cal_easter(CAL_ORTHODOX, y, &o), CAL_OK);
		assert_int_equal(w, gauss(y, 0));
		assert_int_equal(o, gauss(y, 1));
		assert_int_equal(cal_weekday(w), 7);
		assert_int_equal(cal_weekday(o), 7);
		assert_true(o >= w);	/* never before the Western one */
		assert_int_equal((o - w) % 7, 0);
		assert_true(o - w <= 35);
		assert_int_equal(cal_date_from_ymd(y, 3, 22, &lo), CAL_OK);
		assert_int_equal(cal_date_from_ymd(y, 4, 25, &hi), CAL_OK);
		assert_true(w >= lo && w <= hi);
	}
}

/* ---- Days off: each country, 2025-2027 ---- */

static void
kosovo_2025(void **state)
{
	/* Fitr on Sunday 30.03 -> Monday; both Easters on 20.04 -> one
	 * Monday (as the government's 2014 calendar did). */
	assert_days_off(CAL_XK, 2025, NULL, "01-01 01-02 01-07 02-17 "
	    "03-31<03-30 04-09 04-21 05-01 05-09 06-06 12-25");
}

static void
kosovo_2026(void **state)
{
	/* Catholic and Orthodox Easter Mondays a week apart (06.04, 13.04)
	 * around Constitution Day; Europe Day on Saturday -> Monday 11.05. */
	assert_days_off(CAL_XK, 2026, NULL, "01-01 01-02 01-07 02-17 03-20 "
	    "04-06 04-09 04-13 05-01 05-11<05-09 05-27 12-25");
}

static void
kosovo_2027(void **state)
{
	/* 1 May on Saturday: Monday 3.05 is Orthodox Easter Monday, so the
	 * next free working day, Tuesday (as with 1 May and Bajram in 2022). */
	assert_days_off(CAL_XK, 2027, NULL, "01-01 01-04<01-02 01-07 02-17 "
	    "03-09 03-29 04-09 05-03 05-04<05-01 05-10<05-09 05-17<05-16 "
	    "12-27<12-25");
}

static void
albania_2025(void **state)
{
	assert_days_off(CAL_AL, 2025, NULL, "01-01 01-02 03-14 03-24<03-22 "
	    "03-31<03-30 04-21<04-20 05-01 06-06 09-05 11-24<11-22 11-28 "
	    "12-01<11-29 12-08 12-25");
}

static void
albania_2026(void **state)
{
	/* As the 2026 calendar: Summer Day, Nevruz, Easters, Mother Teresa,
	 * Alphabet Day, 28-29 November all carried to Monday (and Tuesday). */
	assert_days_off(CAL_AL, 2026, NULL, "01-01 01-02 03-16<03-14 03-20 "
	    "03-23<03-22 04-06<04-05 04-13<04-12 05-01 05-27 09-07<09-05 "
	    "11-23<11-22 11-30<11-28 12-01<11-29 12-08 12-25");
}

static void
albania_2027(void **state)
{
	assert_days_off(CAL_AL, 2027, NULL, "01-01 01-04<01-02 03-09 "
	    "03-15<03-14 03-22 03-29<03-28 05-03<05-01 05-04<05-02 "
	    "05-17<05-16 09-06<09-05 11-22 11-29 11-30<11-28 12-08 "
	    "12-27<12-25");
}

/* Regressions: the Kosovo government's published calendars. */
static void
kosovo_2022_as_government_calendar(void **state)
{
	/* 1 May (Sun) -> 2 May, Bajram (Mon 2 May) -> 3 May: the same two
	 * days off. */
	assert_days_off(CAL_XK, 2022, NULL, "01-03<01-01 01-04<01-02 01-07 "
	    "02-17 04-11<04-09 04-18 04-25 05-02 05-03<05-01 05-09 "
	    "07-11<07-09 12-26<12-25");
}

static void
kosovo_2023_constitution_day_on_easter_sunday(void **state)
{
	/* 9.04.2023: Constitution Day and Catholic Easter on one Sunday:
	 * Monday (Easter Monday) and Tuesday off. */
	assert_false(is_working(CAL_XK, "2023-04-10", NULL));
	assert_false(is_working(CAL_XK, "2023-04-11", NULL));
	assert_true(is_working(CAL_XK, "2023-04-12", NULL));
}

static void
kosovo_2024_as_government_calendar(void **state)
{
	assert_days_off(CAL_XK, 2024, NULL, "01-01 01-02 01-08<01-07 "
	    "02-19<02-17 04-01 04-09 04-10 05-01 05-06 05-09 06-17<06-16 "
	    "12-25");
}

static void
days_off_output_bounded(void **state)
{
	struct cal_day_off off[3];
	size_t n = 0;

	memset(off, 0, sizeof(off));
	assert_int_equal(cal_days_off(CAL_XK, 2025, NULL, off, 2, &n), CAL_OK);
	assert_int_equal(n, 11);
	assert_date(off[1].date, "2025-01-02");
	assert_int_equal(off[2].date, 0);	/* not written */
	assert_int_equal(cal_days_off(CAL_AL, 2025, NULL, NULL, 0, &n), CAL_OK);
	assert_int_equal(n, 14);
	assert_int_equal(cal_days_off(CAL_AL, 1950, NULL, NULL, 0, &n), CAL_OK);
	assert_int_equal(n, 0);	/* before Law 7651/1992 */
}

static void
weekends_never_working(void **state)
{
	int32_t d;
	int w, c;

	for (c = 0; c < CAL_COUNTRY__MAX; c++)
		for (d = D("2025-01-01"); d <= D("2027-12-31"); d++) {
			assert_int_equal(cal_is_working_day((enum cal_country)c,
			    d, NULL, &w), CAL_OK);
			if (cal_weekday(d) >= 6)
				assert_false(w);
		}
}

/* ---- Deadline arithmetic ---- */

static void
across_weekend(void **state)
{
	assert_add(CAL_XK, "2025-10-03", 1, NULL, "2025-10-06");	/* Fri */
	assert_add(CAL_XK, "2025-10-03", 3, NULL, "2025-10-08");
	assert_add(CAL_AL, "2025-10-04", 1, NULL, "2025-10-06");	/* Sat */
	assert_add(CAL_AL, "2025-10-05", 5, NULL, "2025-10-10");	/* Sun */
	assert_add(CAL_XK, "2025-10-06", 10, NULL, "2025-10-20");
	assert_add(CAL_AL, "2025-10-06", 15, NULL, "2025-10-27");
}

static void
across_both_easter_weeks_april_2026(void **state)
{
	/* Kosovo: Mon 6.04 and Mon 13.04 (Easter Mondays), Thu 9.04
	 * (Constitution Day). */
	assert_add(CAL_XK, "2026-04-02", 5, NULL, "2026-04-14");
	assert_add(CAL_XK, "2026-04-02", 10, NULL, "2026-04-21");
	assert_add(CAL_XK, "2026-04-03", 3, NULL, "2026-04-10");
	/* Albania: the Sundays are the holidays; only Mondays 6 and 13. */
	assert_add(CAL_AL, "2026-04-02", 5, NULL, "2026-04-10");
	assert_add(CAL_AL, "2026-04-10", 1, NULL, "2026-04-14");
}

static void
across_bajram(void **state)
{
	/* Fitr Friday 20.03.2026; in Albania Nevruz (Sunday 22.03) follows
	 * on Monday 23.03. */
	assert_add(CAL_XK, "2026-03-19", 1, NULL, "2026-03-23");
	assert_add(CAL_AL, "2026-03-19", 1, NULL, "2026-03-24");
	assert_add(CAL_AL, "2026-03-19", 3, NULL, "2026-03-26");
	/* Kurban Bajram Wednesday 27.05.2026. */
	assert_add(CAL_XK, "2026-05-26", 1, NULL, "2026-05-28");
	assert_add(CAL_AL, "2026-05-25", 3, NULL, "2026-05-29");
	/* Kurban Bajram Sunday 16.06.2024 -> Monday. */
	assert_add(CAL_XK, "2024-06-14", 1, NULL, "2024-06-18");
	assert_add(CAL_AL, "2024-06-14", 1, NULL, "2024-06-18");
}

static void
across_new_year(void **state)
{
	/* 2026: 1-2 January Thursday-Friday; Kosovo 7.01 Orthodox Christmas. */
	assert_add(CAL_XK, "2025-12-31", 1, NULL, "2026-01-05");
	assert_add(CAL_XK, "2025-12-31", 3, NULL, "2026-01-08");
	assert_add(CAL_AL, "2025-12-31", 3, NULL, "2026-01-07");
	/* 2027: 2 January on Saturday -> Monday 4.01; Christmas 2026 on a
	 * Friday. */
	assert_add(CAL_XK, "2026-12-24", 1, NULL, "2026-12-28");
	assert_add(CAL_XK, "2026-12-31", 1, NULL, "2027-01-05");
	assert_add(CAL_AL, "2026-12-31", 2, NULL, "2027-01-06");
	assert_add(CAL_XK, "2026-12-31", 3, NULL, "2027-01-08");
}

static void
across_sunday_holiday_moved_to_monday(void **state)
{
	/* Kosovo: Fitr Sunday 30.03.2025 -> Monday 31.03. */
	assert_false(is_working(CAL_XK, "2025-03-31", NULL));
	assert_add(CAL_XK, "2025-03-28", 1, NULL, "2025-04-01");
	/* Albania: Alphabet Day Sunday 22.11.2026 -> Monday 23.11, then
	 * 28-29 November (Saturday-Sunday) -> Monday 30.11, Tuesday 1.12. */
	assert_add(CAL_AL, "2026-11-20", 1, NULL, "2026-11-24");
	assert_add(CAL_AL, "2026-11-20", 5, NULL, "2026-12-02");
	/* Kosovo, a Monday already a holiday: 1 May 2027 goes to Tuesday. */
	assert_add(CAL_XK, "2027-04-30", 1, NULL, "2027-05-05");
}

static void
same_working_day(void **state)
{
	/* A working day: that day. */
	assert_add(CAL_XK, "2025-10-08", 0, NULL, "2025-10-08");
	/* Received on Saturday: Monday. */
	assert_add(CAL_XK, "2025-10-04", 0, NULL, "2025-10-06");
	assert_add(CAL_AL, "2025-10-05", 0, NULL, "2025-10-06");
	/* Saturday 29.03.2025 before Fitr moved to Monday: Tuesday. */
	assert_add(CAL_XK, "2025-03-29", 0, NULL, "2025-04-01");
	/* On a holiday: the next working day. */
	assert_add(CAL_AL, "2026-11-28", 0, NULL, "2026-12-02");
}

static void
deadline_instant_for_report_on_saturday(void **state)
{
	int64_t due, want;

	/* Saturday 29.03.2025 15:00 local (14:00 UTC): registered by the end
	 * of Tuesday 1.04, i.e. before local midnight starting 2.04 (CEST). */
	assert_int_equal(cal_deadline(CAL_XK, 1743256800, 0, NULL, &due),
	    CAL_OK);
	assert_int_equal(clock_parse_date("2025-04-02", &want), 0);
	assert_int_equal(due, want);
	assert_int_equal(due, 1743544800);	/* 2025-04-01T22:00Z */
	/* Three working days from the same instant: Thursday 3.04. */
	assert_int_equal(cal_deadline(CAL_XK, 1743256800, 3, NULL, &due),
	    CAL_OK);
	assert_int_equal(clock_parse_date("2025-04-04", &want), 0);
	assert_int_equal(due, want);
}

static void
between_counts(void **state)
{
	int k = 99;

	assert_int_equal(cal_working_days_between(CAL_XK, D("2025-06-02"),
	    D("2025-06-02"), NULL, &k), CAL_OK);
	assert_int_equal(k, 0);
	/* Mon..Mon: Tue-Fri and Mon; Fri 6.06 is Kurban Bajram. */
	assert_int_equal(cal_working_days_between(CAL_XK, D("2025-06-02"),
	    D("2025-06-09"), NULL, &k), CAL_OK);
	assert_int_equal(k, 4);
	assert_int_equal(cal_working_days_between(CAL_XK, D("2025-06-09"),
	    D("2025-06-02"), NULL, &k), CAL_OK);
	assert_int_equal(k, -4);
	/* A whole year of Kosovo 2026: 261 weekdays less 11 on weekdays
	 * less the one moved to Monday 11.05. */
	assert_int_equal(cal_working_days_between(CAL_XK, D("2025-12-31"),
	    D("2026-12-31"), NULL, &k), CAL_OK);
	assert_int_equal(k, 261 - 12);
}

static void
between_is_inverse_of_add(void **state)
{
	int32_t d, out;
	int c, i, k;
	static const int ns[] = { 1, 2, 3, 5, 10, 15 };

	for (c = 0; c < CAL_COUNTRY__MAX; c++)
		for (d = D("2025-01-01"); d <= D("2027-12-31"); d += 3)
			for (i = 0; i < 6; i++) {
				assert_int_equal(cal_add_working_days(
				    (enum cal_country)c, d, ns[i], NULL, &out),
				    CAL_OK);
				assert_int_equal(cal_working_days_between(
				    (enum cal_country)c, d, out, NULL, &k),
				    CAL_OK);
				assert_int_equal(k, ns[i]);
				assert_int_equal(cal_is_working_day(
				    (enum cal_country)c, out, NULL, &k), CAL_OK);
				assert_true(k);
			}
}

/* ---- An administrator's extra and cancelled dates ---- */

static void
extra_day_added(void **state)
{
	/* Albania, Council of Ministers: Friday 3.01.2025 a day off. */
	struct cal_extra_day day = { 0, 0, 0 };
	struct cal_extra e = { NULL, &day, 1 };

	day.date = D("2025-01-03");
	assert_true(is_working(CAL_AL, "2025-01-03", NULL));
	assert_false(is_working(CAL_AL, "2025-01-03", &e));
	assert_add(CAL_AL, "2024-12-31", 1, NULL, "2025-01-03");
	assert_add(CAL_AL, "2024-12-31", 1, &e, "2025-01-06");
	assert_days_off(CAL_AL, 2025, &e, "01-01 01-02 01-03 03-14 "
	    "03-24<03-22 03-31<03-30 04-21<04-20 05-01 06-06 09-05 "
	    "11-24<11-22 11-28 12-01<11-29 12-08 12-25");
}

static void
extra_estimate_replaced_by_announced_date(void **state)
{
	/* Kosovo 2027: Fitr estimated Tuesday 9.03; BIK announces 10.03. */
	struct cal_extra_day days[2];
	struct cal_extra e = { NULL, days, 2 };
	int missing = -1, est = -1;

	memset(days, 0, sizeof(days));
	days[0].date = D("2027-03-09");
	days[0].cancel = 1;
	days[1].date = D("2027-03-10");
	days[1].shift = 1;
	assert_false(is_working(CAL_XK, "2027-03-09", NULL));
	assert_true(is_working(CAL_XK, "2027-03-09", &e));
	assert_false(is_working(CAL_XK, "2027-03-10", &e));
	assert_add(CAL_XK, "2027-03-08", 2, &e, "2027-03-11");
	assert_int_equal(cal_year_check(CAL_XK, 2027, &e, &missing, &est),
	    CAL_OK);
	assert_int_equal(missing, 0);
	assert_int_equal(est, 2);	/* the table row still says estimate */
}

static void
extra_cancel_weekend_holiday_drops_its_monday(void **state)
{
	/* Kosovo: Europe Day Sunday 9.05.2027 gives Monday 10.05. */
	struct cal_extra_day day = { 0, 1, 0 };
	struct cal_extra e = { NULL, &day, 1 };

	day.date = D("2027-05-09");
	assert_false(is_working(CAL_XK, "2027-05-10", NULL));
	assert_true(is_working(CAL_XK, "2027-05-10", &e));
	/* Cancelling the Monday itself: the holiday is not moved further. */
	day.date = D("2027-05-10");
	assert_true(is_working(CAL_XK, "2027-05-10", &e));
	assert_true(is_working(CAL_XK, "2027-05-11", &e));
	/* A weekend stays a weekend. */
	day.date = D("2027-05-08");
	assert_false(is_working(CAL_XK, "2027-05-08", &e));
}

static void
extra_added_sunday_follows_weekend_rule_when_asked(void **state)
{
	struct cal_extra_day day = { 0, 0, 1 };
	struct cal_extra e = { NULL, &day, 1 };

	day.date = D("2025-06-01");	/* a Sunday */
	assert_false(is_working(CAL_AL, "2025-06-02", &e));
	day.shift = 0;
	assert_true(is_working(CAL_AL, "2025-06-02", &e));
}

static void
extra_cancel_wins_over_add(void **state)
{
	struct cal_extra_day days[2] = { { 0, 0, 0 }, { 0, 1, 0 } };
	struct cal_extra e = { NULL, days, 2 };

	days[0].date = days[1].date = D("2025-06-03");
	assert_true(is_working(CAL_XK, "2025-06-03", &e));
	/* Cancelling a law holiday on a weekday. */
	days[0].date = days[1].date = D("2025-12-25");
	assert_true(is_working(CAL_XK, "2025-12-25", &e));
	assert_false(is_working(CAL_AL, "2025-12-25", NULL));
}

static void
extra_table_replaces_builtin(void **state)
{
	static const char text[] = HEADER
	    "XK,fixed,6,1,,none,law,a,b,c,2025,,s\n"	/* Sunday in 2025 */
	    "AL,fixed,6,1,,next,law,a,b,c,2025,,s\n";
	struct cal_table *t;
	struct cal_extra e = { NULL, NULL, 0 };
	size_t n;

	assert_int_equal(cal_table_parse(text, sizeof(text) - 1, &t, NULL,
	    NULL, 0), CAL_OK);
	e.table = t;
	assert_true(is_working(CAL_XK, "2025-06-02", &e));
	assert_false(is_working(CAL_AL, "2025-06-02", &e));
	assert_true(is_working(CAL_XK, "2025-01-01", &e));	/* not in it */
	assert_int_equal(cal_days_off(CAL_XK, 2025, &e, NULL, 0, &n), CAL_OK);
	assert_int_equal(n, 0);
	cal_table_free(t);
}

static void
year_check_counts(void **state)
{
	int missing = -1, est = -1;

	assert_int_equal(cal_year_check(CAL_AL, 2026, NULL, &missing, &est),
	    CAL_OK);
	assert_int_equal(missing, 0);
	assert_int_equal(est, 0);
	assert_int_equal(cal_year_check(CAL_XK, 2026, NULL, &missing, &est),
	    CAL_OK);
	assert_int_equal(missing, 0);
	assert_int_equal(est, 2);
	assert_int_equal(cal_year_check(CAL_XK, 2033, NULL, &missing, &est),
	    CAL_OK);
	assert_int_equal(est, 3);	/* two Fitr in 2033 */
	assert_int_equal(cal_year_check(CAL_AL, 2036, NULL, &missing, NULL),
	    CAL_OK);
	assert_int_equal(missing, 2);	/* no Bajram dates yet */
	assert_int_equal(cal_year_check(CAL_XK, 2019, NULL, NULL, NULL),
	    CAL_OK);
}

static void
error_strings(void **state)
{
	int e;

	for (e = 0; e < CAL_ERR__MAX; e++)
		assert_non_null(cal_strerror((enum cal_err)e));
	assert_string_equal(cal_strerror(CAL_EDATE), "date out of range");
	assert_string_equal(cal_strerror(CAL_ERR__MAX), "unknown error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(country_codes_refused),
		cmocka_unit_test(country_out_of_enum_refused_everywhere),
		cmocka_unit_test(impossible_dates_refused),
		cmocka_unit_test(malformed_date_strings_refused),
		cmocka_unit_test(out_of_range_dates_refused_by_queries),
		cmocka_unit_test(negative_and_huge_n_refused),
		cmocka_unit_test(malformed_extras_refused),
		cmocka_unit_test(table_header_refused),
		cmocka_unit_test(table_field_count_and_csv_syntax_refused),
		cmocka_unit_test(table_nul_byte_refused),
		cmocka_unit_test(table_country_kind_shift_status_refused),
		cmocka_unit_test(table_month_day_refused),
		cmocka_unit_test(table_rules_refused),
		cmocka_unit_test(table_names_and_source_refused),
		cmocka_unit_test(table_years_refused),
		cmocka_unit_test(table_duplicates_refused),
		cmocka_unit_test(table_comments_blank_lines_crlf_accepted),
		cmocka_unit_test(builtin_table_loads),
		cmocka_unit_test(day_numbers_round_trip),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(format_and_parse),
		cmocka_unit_test(local_midnight_matches_clock),
		cmocka_unit_test(local_date_of_instants),
		cmocka_unit_test(easter_western_known_dates),
		cmocka_unit_test(easter_orthodox_known_dates),
		cmocka_unit_test(easter_cross_check_1900_2200),
		cmocka_unit_test(kosovo_2025),
		cmocka_unit_test(kosovo_2026),
		cmocka_unit_test(kosovo_2027),
		cmocka_unit_test(albania_2025),
		cmocka_unit_test(albania_2026),
		cmocka_unit_test(albania_2027),
		cmocka_unit_test(kosovo_2022_as_government_calendar),
		cmocka_unit_test(kosovo_2023_constitution_day_on_easter_sunday),
		cmocka_unit_test(kosovo_2024_as_government_calendar),
		cmocka_unit_test(days_off_output_bounded),
		cmocka_unit_test(weekends_never_working),
		cmocka_unit_test(across_weekend),
		cmocka_unit_test(across_both_easter_weeks_april_2026),
		cmocka_unit_test(across_bajram),
		cmocka_unit_test(across_new_year),
		cmocka_unit_test(across_sunday_holiday_moved_to_monday),
		cmocka_unit_test(same_working_day),
		cmocka_unit_test(deadline_instant_for_report_on_saturday),
		cmocka_unit_test(between_counts),
		cmocka_unit_test(between_is_inverse_of_add),
		cmocka_unit_test(extra_day_added),
		cmocka_unit_test(extra_estimate_replaced_by_announced_date),
		cmocka_unit_test(extra_cancel_weekend_holiday_drops_its_monday),
		cmocka_unit_test(extra_added_sunday_follows_weekend_rule_when_asked),
		cmocka_unit_test(extra_cancel_wins_over_add),
		cmocka_unit_test(extra_table_replaces_builtin),
		cmocka_unit_test(year_check_counts),
		cmocka_unit_test(error_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
