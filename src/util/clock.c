/*
 * clock.c — time for rules and display. The local zone is Central European
 * time (Kosovo and Albania), computed from the EU rules (last Sunday of March
 * and October, 01:00 UTC) so the server's TZ setting does not matter.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"

static _Atomic int64_t offset;
static _Atomic int64_t frozen;	/* tests: 0, or the time clock_now() gives */

int64_t
clock_now(void)
{
	int64_t f = atomic_load(&frozen);

	if (f != 0)
		return f + atomic_load(&offset);
	return (int64_t)time(NULL) + atomic_load(&offset);
}

void
clock_freeze(int64_t t)
{
	atomic_store(&frozen, t);
}

void
clock_shift(int64_t s)
{
	atomic_fetch_add(&offset, s);
}

/*
 * Civil dates as days since 1970-01-01 and back (the proleptic Gregorian
 * calendar; H. Hinnant's algorithms), so that formatting a date costs a few
 * divisions rather than timegm() and gmtime_r() calls.
 */
int64_t
clock_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
clock_civil_from_days(int64_t z, int *y, int *m, int *d)
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

/* Floor division of t by n (n > 0). */
static int64_t
floordiv(int64_t t, int64_t n)
{
	return t >= 0 ? t / n : -((-t + n - 1) / n);
}

/* The day (since the epoch) of the last Sunday of month (3 or 10) of y. */
static int64_t
last_sunday(int y, int month)
{
	int64_t last = clock_days_from_civil(y, month, 31);	/* both have 31 */
	int64_t wd = ((last % 7) + 7 + 4) % 7;		/* 0 Sunday */

	return last - wd;
}

static int64_t
utc_of(int year, int mon, int day, int hour)
{
	return clock_days_from_civil(year, mon, day) * 86400 + hour * 3600;
}

/* Offset of Central European time at UTC instant t, in seconds. */
static int
cet_offset(int64_t t)
{
	int y, m, d;
	int64_t start, end;

	clock_civil_from_days(floordiv(t, 86400), &y, &m, &d);
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	return (t >= start && t < end) ? 7200 : 3600;
}

void
clock_format(int64_t t, int with_time, char *out, size_t outlen)
{
	int64_t local = t + cet_offset(t), days = floordiv(local, 86400);
	int64_t secs = local - days * 86400;
	int y, m, d;

	clock_civil_from_days(days, &y, &m, &d);
	if (with_time)
		snprintf(out, outlen, "%02d.%02d.%04d %02d:%02d", d, m, y,
		    (int)(secs / 3600), (int)(secs % 3600 / 60));
	else
		snprintf(out, outlen, "%02d.%02d.%04d", d, m, y);
}

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int
clock_parse_date(const char *s, int64_t *out)
{
	int d, m, y, n = 0;
	int64_t t;

	if (s == NULL || strlen(s) != 10)
		return -1;
	if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && n == 10 &&
	    s[2] == '.' && s[5] == '.')
		;
	else if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	    s[4] == '-' && s[7] == '-')
		;
	else
		return -1;
	for (n = 0; n < 10; n++)
		if (!(s[n] >= '0' && s[n] <= '9') && s[n] != '.' && s[n] != '-')
			return -1;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	t = utc_of(y, m, d, 0);
	*out = t - cet_offset(t);
	return 0;
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
