/*
 * clock.h — the time of day for rules (util layer). Tests may shift it to
 * check expiry and lockout without sleeping.
 */
#ifndef RRJETI_CLOCK_H
#define RRJETI_CLOCK_H

#include <stdint.h>

/* Unix seconds, UTC, plus the test offset. */
int64_t	clock_now(void);
/* Milliseconds of the monotonic clock (for ages of cached answers: never
 * shifted or frozen by tests). */
int64_t	clock_mono_ms(void);
/* Tests only: adds seconds to every later clock_now(). */
void	clock_shift(int64_t seconds);
/* Tests only: clock_now() gives t (plus any shift) until clock_freeze(0),
 * so a rule that counts from "now" does not see the test's own seconds
 * pass. */
void	clock_freeze(int64_t t);
/* Writes dd.mm.yyyy (and " HH:MM" when with_time) of t in Europe/Belgrade
 * (the same zone rules as Europe/Tirane) into out (at least 20 bytes). */
void	clock_format(int64_t t, int with_time, char *out, size_t outlen);
/* Civil dates (proleptic Gregorian) as days since 1970-01-01, and back. */
int64_t	clock_days_from_civil(int64_t y, int m, int d);
void	clock_civil_from_days(int64_t days, int *y, int *m, int *d);
/* Parses dd.mm.yyyy or yyyy-mm-dd as local midnight; -1 when invalid. */
int	clock_parse_date(const char *s, int64_t *out);

#endif
