/*
 * demo.h — the synthetic data generator of `rrjeti demo` (cli layer).
 *
 * demo_generate() adds children (with caregivers and sibling links),
 * reports of concern, cases, concerns, risk histories, screenings,
 * assessments, protection plans, reviews, incidents, closures with their
 * follow-ups, reopenings, transfers, deadlines and case events to an
 * initialised installation, as the services would have written them, with
 * realistic distributions (see demo.c). Deterministic for a given seed on
 * an installation in the same state (the dates move with the clock).
 */
#ifndef RRJETI_DEMO_H
#define RRJETI_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct store;

#define DEMO_CHILDREN_MAX	5000000

struct demo_opts {
	int64_t		 children;	/* 1 .. DEMO_CHILDREN_MAX */
	uint64_t	 seed;
	int		 years;		/* opened dates spread over 1..20 */
	const char	*password;	/* of the users it creates; NULL: locked */
	int		 quiet;
};

struct demo_stats {
	int64_t		children, reports, cases, events, risks, concerns;
	int64_t		reused;		/* cases of a child already known */
	int64_t		duplicates;	/* child records of a known child */
	int64_t		agencies, users;
	int64_t		caregivers, siblings;	/* sibling links */
	int64_t		screenings, assessments, plans, reviews, incidents;
	int64_t		closures;	/* rows: requested, returned, approved */
	int64_t		reopened, transfers, deadlines;
	int64_t		showcase;	/* forced cases of the demo users */
	double		seconds;
};

/*
 * Generates into the SQLite database at dbpath (the store st has it open:
 * its connection on this thread is closed for the bulk load and the one
 * summary audit row is written through it afterwards). 0, or -1 with a
 * message in err.
 */
int	demo_generate(struct store *st, const char *dbpath,
	    const struct demo_opts *, struct demo_stats *, char *err,
	    size_t errlen);

/* Strict parse of --children: 1..DEMO_CHILDREN_MAX, digits only. */
int	demo_parse_children(const char *s, int64_t *out);

#endif
