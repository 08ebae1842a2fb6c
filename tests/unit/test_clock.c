/*
 * test_clock.c — time for rules and display (src/util/clock.c): dd.mm.yyyy
 * in Central European time across the changes of the last Sunday of March
 * and of October (01:00 UTC), whatever the server's TZ, and the strict date
 * parser. Expected values were computed with Python's zoneinfo
 * (Europe/Belgrade).
 */
#include "testutil.h"

#include <stdio.h>
#include <time.h>

#include "../../src/util/clock.h"

static void
fmt_is(int64_t t, int with_time, const char *want)
{
	char b[32];

	clock_format(t, with_time, b, sizeof(b));
	if (strcmp(b, want) != 0)
		fail_msg("%lld: got %s, want %s", (long long)t, b, want);
}

static void
test_format_march_change(void **state)
{
	(void)state;
	fmt_is(1774745999, 1, "29.03.2026 01:59");	/* 00:59:59 UTC */
	fmt_is(1774746000, 1, "29.03.2026 03:00");	/* 01:00 UTC */
	fmt_is(1806193800, 1, "28.03.2027 01:30");
	fmt_is(1806197400, 1, "28.03.2027 03:30");
}

static void
test_format_october_change(void **state)
{
	(void)state;
	fmt_is(1792889999, 1, "25.10.2026 02:59");
	fmt_is(1792890000, 1, "25.10.2026 02:00");
	fmt_is(1856392200, 1, "29.10.2028 02:30");	/* the hour twice */
	fmt_is(1856395800, 1, "29.10.2028 02:30");
}

/* The date turns at local midnight, in winter and in summer time. */
static void
test_format_midnight(void **state)
{
	(void)state;
	fmt_is(1774738799, 0, "28.03.2026");
	fmt_is(1774738800, 0, "29.03.2026");
	fmt_is(1774821599, 0, "29.03.2026");
	fmt_is(1774821600, 0, "30.03.2026");
	fmt_is(1792879199, 0, "24.10.2026");
	fmt_is(1792879200, 0, "25.10.2026");
	fmt_is(1792969140, 1, "25.10.2026 23:59");
	fmt_is(1792969200, 0, "26.10.2026");
	fmt_is(1767221999, 1, "31.12.2025 23:59");
	fmt_is(1767222000, 1, "01.01.2026 00:00");
	fmt_is(1709208000, 1, "29.02.2024 13:00");
}

/* The server's TZ does not matter. */
static void
test_format_ignores_tz(void **state)
{
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	(void)state;
	setenv("TZ", "America/New_York", 1);
	tzset();
	fmt_is(1774746000, 1, "29.03.2026 03:00");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	fmt_is(1792890000, 1, "25.10.2026 02:00");
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
}

/* A small buffer is truncated, never overrun. */
static void
test_format_small_buffer(void **state)
{
	char b[8];

	(void)state;
	memset(b, 'x', sizeof(b));
	clock_format(1774746000, 1, b, 6);
	assert_string_equal(b, "29.03");
	assert_int_equal(b[6], 'x');
}

/*
 * The arithmetic of clock.c against libc: the old implementation (timegm()
 * and gmtime_r() with the EU rule) as the reference, over every 97 minutes
 * from 1950 to 2110, the switch instants and their neighbours included.
 */
static int64_t
ref_last_sunday(int year, int month)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month;
	tm.tm_mday = 0;
	tm.tm_hour = 1;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return (int64_t)t - (int64_t)tm.tm_wday * 86400;
}

static void
ref_format(int64_t t, char *out, size_t n)
{
	struct tm tm;
	time_t tt = (time_t)t;
	int off;

	gmtime_r(&tt, &tm);
	off = t >= ref_last_sunday(tm.tm_year + 1900, 3) &&
	    t < ref_last_sunday(tm.tm_year + 1900, 10) ? 7200 : 3600;
	tt = (time_t)(t + off);
	gmtime_r(&tt, &tm);
	snprintf(out, n, "%02d.%02d.%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

static void
test_format_matches_libc(void **state)
{
	char a[64], b[64];
	int64_t t, sw;
	int y, k;

	(void)state;
	for (t = -631152000; t < 4418064000LL; t += 97 * 60) {
		clock_format(t, 1, a, sizeof(a));
		ref_format(t, b, sizeof(b));
		if (strcmp(a, b) != 0)
			fail_msg("%lld: %s, libc %s", (long long)t, a, b);
	}
	for (y = 1950; y < 2110; y++)
		for (k = 0; k < 2; k++) {
			sw = ref_last_sunday(y, k ? 10 : 3);
			for (t = sw - 61; t <= sw + 61; t += 61) {
				clock_format(t, 1, a, sizeof(a));
				ref_format(t, b, sizeof(b));
				assert_string_equal(a, b);
			}
		}
}

static void
parse_is(const char *s, int64_t want)
{
	int64_t t = -12345;

	if (clock_parse_date(s, &t) != 0)
		fail_msg("%s: refused", s);
	if (t != want)
		fail_msg("%s: %lld, want %lld", s, (long long)t, (long long)want);
}

static void
refused(const char *s)
{
	int64_t t = -12345;

	if (clock_parse_date(s, &t) != -1)
		fail_msg("\"%s\": accepted as %lld", s ? s : "(null)",
		    (long long)t);
	assert_int_equal(t, -12345);	/* untouched */
}

/* Both forms give local midnight. */
static void
test_parse_valid(void **state)
{
	(void)state;
	parse_is("29.03.2026", 1774738800);	/* the change day: CET midnight */
	parse_is("30.03.2026", 1774821600);	/* CEST */
	parse_is("25.10.2026", 1792879200);	/* CEST midnight */
	parse_is("26.10.2026", 1792969200);
	parse_is("15.01.2026", 1768431600);
	parse_is("15.07.2026", 1784066400);
	parse_is("2026-07-15", 1784066400);
	parse_is("2026-03-29", 1774738800);
	parse_is("01.01.1900", -2208992400LL);
	parse_is("31.12.2200", 7289564400LL);
}

/* A parsed date formats back to itself. */
static void
test_parse_round_trip(void **state)
{
	static const char *const days[] = {
		"01.01.2026", "28.02.2026", "29.03.2026", "30.03.2026",
		"25.10.2026", "26.10.2026", "31.12.2026", "29.02.2028",
	};
	char b[32];
	int64_t t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(clock_parse_date(days[i], &t), 0);
		clock_format(t, 1, b, sizeof(b));
		assert_memory_equal(b, days[i], 10);
		assert_string_equal(b + 10, " 00:00");
	}
}

static void
test_parse_leap(void **state)
{
	(void)state;
	parse_is("29.02.2024", 1709161200);
	parse_is("29.02.2000", 951778800);	/* divisible by 400 */
	refused("29.02.2023");
	refused("29.02.1900");			/* divisible by 100 */
	refused("29.02.2100");
	refused("30.02.2024");
	refused("2023-02-29");
}

static void
test_parse_day_month_range(void **state)
{
	(void)state;
	refused("31.02.2026");
	refused("31.04.2026");
	refused("31.06.2026");
	refused("31.09.2026");
	refused("31.11.2026");
	refused("32.01.2026");
	refused("00.01.2026");
	refused("01.00.2026");
	refused("01.13.2026");
	refused("2026-13-01");
	refused("2026-00-10");
	refused("2026-01-32");
	refused("2026-04-31");
	parse_is("31.12.2026", 1798671600);
}

static void
test_parse_year_range(void **state)
{
	(void)state;
	refused("31.12.1899");
	refused("01.01.2201");
	refused("01.01.0000");
	refused("01.01.9999");
	refused("1899-12-31");
}

static void
test_parse_separators(void **state)
{
	(void)state;
	refused("01/02/2026");
	refused("01-02-2026");
	refused("01.02-2026");
	refused("01-02.2026");
	refused("2026.02.01");
	refused("2026/02/01");
	refused("2026-02.01");
	refused("01 02 2026");
	refused("01..2.2026");
}

static void
test_parse_letters_and_shapes(void **state)
{
	(void)state;
	refused(NULL);
	refused("");
	refused("1.2.2026");
	refused("1.02.2026");
	refused("01.2.2026");
	refused("01.02.26");
	refused("01.02.20266");
	refused("01.02.2026 ");
	refused(" 1.02.2026");
	refused("+1.02.2026");
	refused("-1.02.2026");
	refused("01.-2.2026");
	refused("01.02.-026");
	refused("2026--1-01");
	refused("2026-+1-01");
	refused("aa.02.2026");
	refused("01.0b.2026");
	refused("01.02.2o26");
	refused("0x.02.2026");
	refused("01.02.2026\n");
	refused("tomorrow!!");
	refused("2026-02-01T00:00");
	refused("01.02.2026\xc3\xab");
}

/* clock_shift moves clock_now, and back. */
static void
test_shift(void **state)
{
	int64_t a, b;

	(void)state;
	a = clock_now();
	clock_shift(86400);
	b = clock_now();
	clock_shift(-86400);
	assert_in_range(b - a, 86400, 86401);
	assert_in_range(clock_now() - a, 0, 1);
	b = clock_now() - (int64_t)time(NULL);
	assert_true(b >= -1 && b <= 1);
}

/* A frozen clock stays where it was put, a shift moves it, and 0 gives
 * the real clock back. */
static void
test_freeze(void **state)
{
	int64_t t = 1772442000;	/* 2026-03-02 09:00 UTC */
	struct timespec ts = { 1, 100 * 1000000 };

	(void)state;
	clock_freeze(t);
	assert_int_equal(clock_now(), t);
	nanosleep(&ts, NULL);
	assert_int_equal(clock_now(), t);
	clock_shift(60);
	assert_int_equal(clock_now(), t + 60);
	clock_shift(-60);
	clock_freeze(0);
	assert_true(clock_now() > t);
	assert_true(clock_now() - (int64_t)time(NULL) <= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_march_change),
		cmocka_unit_test(test_format_october_change),
		cmocka_unit_test(test_format_midnight),
		cmocka_unit_test(test_freeze),
		cmocka_unit_test(test_format_matches_libc),
		cmocka_unit_test(test_format_ignores_tz),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_round_trip),
		cmocka_unit_test(test_parse_leap),
		cmocka_unit_test(test_parse_day_month_range),
		cmocka_unit_test(test_parse_year_range),
		cmocka_unit_test(test_parse_separators),
		cmocka_unit_test(test_parse_letters_and_shapes),
		cmocka_unit_test(test_shift),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
