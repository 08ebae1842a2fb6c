/*
 * calendar.h — dates, Easter and the working-day calendar of each country
 * profile (util layer, below svc/). Deadlines of DOMAIN §3 counted in working
 * days use it; the public holidays come from data/holidays.csv (compiled into
 * the binary) plus an administrator's additions and cancellations, which the
 * caller passes in (the database table of the case-management services).
 *
 * Dates are day numbers: days since 1970-01-01 in the proleptic Gregorian
 * calendar, valid from CAL_YEAR_MIN-01-01 to CAL_YEAR_MAX-12-31. Instants are
 * Unix seconds UTC, as in clock.h; the local day of an instant is taken in
 * Central European time with the EU summer-time rule, as clock.c does.
 *
 * Hour-based deadlines (24 h, 72 h, the 72-hour emergency service) are elapsed
 * calendar hours: received_at + 3600 * hours on Unix seconds is exact across
 * summer time and skips no weekend or holiday, so this module offers no
 * function for them.
 */
#ifndef RRJETI_CALENDAR_H
#define RRJETI_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

/* Named limits. */
#define CAL_YEAR_MIN	1900
#define CAL_YEAR_MAX	2200
#define CAL_NAME_MAX	120	/* bytes of a holiday name in the table */
#define CAL_SOURCE_MAX	200	/* bytes of a row's source */
#define CAL_TAG_MAX	31	/* bytes of a dated row's feast tag */
#define CAL_ROWS_MAX	1024	/* rows of one holiday table */
#define CAL_EXTRA_MAX	4096	/* administrator's dates in one struct cal_extra */
#define CAL_ADD_MAX	3660	/* working days cal_add_working_days accepts */
#define CAL_EASTER_OFFSET_MAX 60 /* |N| of an easter rule "western+N" */

/* Expected failures. cal_strerror() names them. */
enum cal_err {
	CAL_OK = 0,
	CAL_ECOUNTRY,	/* not a country profile */
	CAL_EDATE,	/* a date or instant outside the supported range */
	CAL_EARG,	/* n < 0 or too large, a malformed struct cal_extra */
	CAL_ETABLE,	/* the holiday table is malformed */
	CAL_ENOMEM,
	CAL_ERR__MAX
};

/* Country profiles. Checklist when adding one: cal_country_code(), rows in
 * data/holidays.csv, tests/unit/test_calendar.c. */
enum cal_country {
	CAL_XK = 0,	/* Kosovo */
	CAL_AL,		/* Albania */
	CAL_COUNTRY__MAX
};

enum cal_computus {
	CAL_WESTERN = 0,	/* Gregorian computus (Catholic Easter) */
	CAL_ORTHODOX,		/* Julian computus, given as a Gregorian date */
	CAL_COMPUTUS__MAX
};

enum cal_kind {
	CAL_KIND_FIXED = 0,	/* month/day every year in force */
	CAL_KIND_EASTER,	/* N days from Western or Orthodox Easter Sunday */
	CAL_KIND_DATED,		/* one date (lunar feasts, announced each year) */
	CAL_KIND__MAX
};

enum cal_status {
	CAL_STATUS_LAW = 0,	/* fixed by law */
	CAL_STATUS_ANNOUNCED,	/* date checked against an announcement */
	CAL_STATUS_ESTIMATE,	/* computed; an administrator must confirm it */
	CAL_STATUS__MAX
};

/* One row of a holiday table (see the head of data/holidays.csv). */
struct cal_holiday {
	enum cal_country	 country;
	enum cal_kind		 kind;
	int			 month, day;	/* FIXED and DATED */
	enum cal_computus	 computus;	/* EASTER */
	int			 offset;	/* EASTER: days from Sunday */
	char			 tag[CAL_TAG_MAX + 1];	/* DATED: e.g. eid_al_fitr */
	int			 shift;	/* 1: a weekend date gives the next working day */
	enum cal_status		 status;
	char			 name_sq[CAL_NAME_MAX + 1];
	char			 name_en[CAL_NAME_MAX + 1];
	char			 name_sr[CAL_NAME_MAX + 1];
	int			 from_year, to_year;	/* in force, both inclusive */
	char			 source[CAL_SOURCE_MAX + 1];
	size_t			 line;	/* line in the CSV text */
};

/* A parsed holiday table. */
struct cal_table;

/*
 * One date of an administrator's: either a holiday (cancel = 0; it follows
 * the weekend rule when shift = 1, and stands as given otherwise) or a
 * cancellation (cancel = 1): the date is not a day off, and when it is the
 * date of a holiday on a weekend, that holiday gives no day off either. A
 * cancellation wins over an addition of the same date. Weekends are never
 * working days, whatever the extras say.
 */
struct cal_extra_day {
	int32_t	date;
	int	cancel;	/* 0 or 1 */
	int	shift;	/* 0 or 1; ignored when cancel = 1 */
};

/* What the caller adds to the built-in table; every member may be 0/NULL,
 * and so may the whole struct. The days are for the country of the call. */
struct cal_extra {
	const struct cal_table		*table;	/* NULL: data/holidays.csv */
	const struct cal_extra_day	*days;	/* any order */
	size_t				 ndays;	/* <= CAL_EXTRA_MAX */
};

/* A day off of cal_days_off(). */
struct cal_day_off {
	int32_t			 date;
	int32_t			 holiday;	/* the holiday's own date: != date
						 * when moved off a weekend */
	const struct cal_holiday *row;		/* NULL: an administrator's */
};

const char	*cal_strerror(enum cal_err);

/* "XK" and "AL" (exact, upper case). */
enum cal_err	 cal_country_parse(const char *code, enum cal_country *out);
/* The code, or NULL for a value outside the enum. */
const char	*cal_country_code(enum cal_country);

/* Dates. The day-number functions assert a valid date; the others check. */
enum cal_err	 cal_date_from_ymd(int year, int month, int day, int32_t *out);
void		 cal_date_to_ymd(int32_t date, int *year, int *month, int *day);
/* ISO weekday: 1 Monday ... 7 Sunday. */
int		 cal_weekday(int32_t date);
/* Strict YYYY-MM-DD. */
enum cal_err	 cal_date_parse(const char *s, int32_t *out);
/* YYYY-MM-DD into out (at least 11 bytes). */
void		 cal_date_format(int32_t date, char *out, size_t outlen);
/* Unix seconds of local midnight starting date (equal to clock_parse_date). */
enum cal_err	 cal_date_midnight(int32_t date, int64_t *out);
/* The local date of instant t. */
enum cal_err	 cal_date_of(int64_t t, int32_t *out);

/* Easter Sunday of year (CAL_YEAR_MIN..CAL_YEAR_MAX) as a Gregorian date. */
enum cal_err	 cal_easter(enum cal_computus, int year, int32_t *out);

/*
 * Parses a holiday table in the format of data/holidays.csv. On CAL_ETABLE
 * *bad_line is the 1-based line and err (when errlen > 0) says "line N: why".
 * On CAL_OK the caller owns *out and frees it with cal_table_free().
 */
enum cal_err	 cal_table_parse(const char *text, size_t len,
		    struct cal_table **out, size_t *bad_line, char *err,
		    size_t errlen);
void		 cal_table_free(struct cal_table *);	/* NULL is a no-op */
size_t		 cal_table_count(const struct cal_table *);
/* Row i (< cal_table_count), owned by the table. */
const struct cal_holiday *cal_table_row(const struct cal_table *, size_t i);

/*
 * The built-in table (data/holidays.csv), parsed once, thread-safe. Call at
 * start-up: CAL_ETABLE means the compiled-in file is malformed, with the
 * line in err. *out (may be NULL) stays valid for the life of the process.
 */
enum cal_err	 cal_init(const struct cal_table **out, char *err, size_t errlen);

/*
 * The days off of year (working days lost to holidays; weekends are not
 * listed), sorted by date, at most max of them in out; *n is how many there
 * are (more than max: only max written). A holiday on a weekend with shift
 * gives the next Monday-to-Friday date that is not already a day off, so
 * consecutive weekend holidays give consecutive days (1 and 2 January on a
 * weekend: Monday and Tuesday). Holidays on the same date give one day off.
 */
enum cal_err	 cal_days_off(enum cal_country, int year,
		    const struct cal_extra *, struct cal_day_off *out,
		    size_t max, size_t *n);

/* *working = 1 when date is Monday to Friday and not a day off. */
enum cal_err	 cal_is_working_day(enum cal_country, int32_t date,
		    const struct cal_extra *, int *working);

/*
 * The working day that ends a period of n (0..CAL_ADD_MAX) working days
 * counted from date:
 *  n = 0: "same working day" (DOMAIN §3, report → registered): date itself
 *         when it is a working day, else the first working day after it
 *         (a report received on Saturday is due on Monday, or later when
 *         Monday is a day off);
 *  n > 0: the n-th working day after date; date itself never counts, worked
 *         or not (received Friday, 3 working days: Wednesday).
 * The step is met when done before the end of *out (local midnight of the
 * next day: cal_deadline). CAL_EDATE when *out would pass CAL_YEAR_MAX.
 */
enum cal_err	 cal_add_working_days(enum cal_country, int32_t date, int n,
		    const struct cal_extra *, int32_t *out);

/*
 * *out = the number of working days d with from < d <= to, or minus the
 * number with to < d <= from when to < from. Inverse of the above: for n > 0,
 * between(date, add(date, n)) == n.
 */
enum cal_err	 cal_working_days_between(enum cal_country, int32_t from,
		    int32_t to, const struct cal_extra *, int *out);

/*
 * The instant a step of n working days started at received_at is overdue:
 * local midnight after cal_add_working_days(local date of received_at, n).
 */
enum cal_err	 cal_deadline(enum cal_country, int64_t received_at, int n,
		    const struct cal_extra *, int64_t *due);

/*
 * How complete year is for the country: *missing = how many feast tags that
 * the table's dated rows use for the country have no row in year (Bajram
 * dates not entered yet), *estimates = dated rows of the year still marked
 * estimate. Either out pointer may be NULL. Extras are not counted: an
 * administrator who announces a date corrects the table row.
 */
enum cal_err	 cal_year_check(enum cal_country, int year,
		    const struct cal_extra *, int *missing, int *estimates);

#endif
