/*
 * demo_network.h — the demo rows of the first-wave domains around the case
 * (cli layer): providers, referrals and reports in, protection measures,
 * placements and visits, the inbox, grants and an action plan, training,
 * workforce, population and a project. Called by demo.c network() for each
 * municipality of the users of init --demo, in the load's transaction, on
 * its raw SQLite handle.
 */
#ifndef RRJETI_CLI_DEMO_NETWORK_H
#define RRJETI_CLI_DEMO_NETWORK_H

#include <stdint.h>

#include <sqlite3.h>

struct demo_net {
	sqlite3		*h;
	int64_t		 muni, agency;	/* the municipality, its intake agency */
	int64_t		 worker, sup;	/* its first caseworker, supervisor */
	int64_t		 admin;		/* its municipal administrator, else 0 */
	int64_t		 now;
	const char	*country;	/* XK, AL */
	const char	*sfx;		/* hani, tirane */
	const char	*muni_name;
	const char	*pw_hash;	/* of the users it creates */
	char		*err;
	size_t		 errlen;
	/* Out: what was written. */
	int64_t		 users, agencies, referrals, notifications, events;
};

/* 0, or -1 with a message in err. */
int	demo_network_more(struct demo_net *);

#endif
