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

int64_t
clock_now(void)
{
	return (int64_t)time(NULL) + atomic_load(&offset);
}

void
clock_shift(int64_t s)
{
	atomic_fetch_add(&offset, s);
}

/* Day of the month of the last Sunday of month (1-12) in year. */
static int
last_sunday(int year, int month)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month;	/* first day of the next month */
	tm.tm_mday = 0;		/* ... minus one: last day of month */
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm.tm_mday - tm.tm_wday;
}

static int64_t
utc_of(int year, int mon, int day, int hour)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	return (int64_t)timegm(&tm);
}

/* Offset of Central European time at UTC instant t, in seconds. */
static int
cet_offset(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	int64_t start, end;

	gmtime_r(&tt, &tm);
	start = utc_of(tm.tm_year + 1900, 3, last_sunday(tm.tm_year + 1900, 3), 1);
	end = utc_of(tm.tm_year + 1900, 10, last_sunday(tm.tm_year + 1900, 10), 1);
	return (t >= start && t < end) ? 7200 : 3600;
}

void
clock_format(int64_t t, int with_time, char *out, size_t outlen)
{
	struct tm tm;
	time_t tt;

	tt = (time_t)(t + cet_offset(t));
	gmtime_r(&tt, &tm);
	if (with_time)
		snprintf(out, outlen, "%02d.%02d.%04d %02d:%02d", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	else
		snprintf(out, outlen, "%02d.%02d.%04d", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900);
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
