/*
 * fixture_case.h — a case for the tests of the services built on cases
 * (included after fixture.h): opened by case_open_in_tx() in its own
 * transaction, as registration opens one, without a report.
 */
#ifndef RRJETI_FIXTURE_CASE_H
#define RRJETI_FIXTURE_CASE_H

#include "../../src/svc/case.h"

/*
 * A case of child in the municipality muni (code) owned by agency, opened
 * by who, assigned to worker and team (0: none), with the concerns
 * k[0..nk), k[0] primary, source "school"; its id.
 */
static inline int64_t
fx_case(struct fx *f, const struct actor *who, int64_t child, const char *muni,
    int64_t agency, int64_t worker, int64_t team, const char *const *k,
    size_t nk)
{
	struct svc s = fx_svc(f, who);
	struct case_new n;
	int64_t id = 0;

	memset(&n, 0, sizeof(n));
	n.child_id = child;
	n.municipality_id = fx_muni(f, muni);
	n.agency_id = agency;
	n.concerns = k;
	n.nconcerns = nk;
	n.primary = k[0];
	n.source = "school";
	n.worker_id = worker;
	n.team_id = team;
	assert_int_equal(store_begin(f->st, 1), STORE_OK);
	assert_int_equal(case_open_in_tx(&s, &n, &id, NULL), SVC_OK);
	assert_int_equal(store_commit(f->st), STORE_OK);
	return id;
}

#endif
