/*
 * metrics.c — counters by route and status, one latency histogram. See
 * metrics.h.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "../util/arena.h"
#include "http.h"
#include "metrics.h"

static const int statuses[] = {
	200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409, 413,
	414, 415, 429, 431, 500, 503,
};
#define NSTATUS		(sizeof(statuses) / sizeof(statuses[0]))
#define NOTHER		NSTATUS		/* any other status */

static const double bounds[] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
};
#define NBUCKET		(sizeof(bounds) / sizeof(bounds[0]))

static _Atomic uint64_t *counts;	/* [(nroutes + 1) * (NSTATUS + 1)] */
static size_t nr;
static _Atomic uint64_t buckets[NBUCKET + 1];
static _Atomic uint64_t sum_usec;
static _Atomic uint64_t total;

int
metrics_init(size_t nroutes)
{
	free((void *)counts);
	nr = nroutes + 1;
	counts = calloc(nr * (NSTATUS + 1), sizeof(*counts));
	return counts ? 0 : -1;
}

void
metrics_observe(int route, int status, int64_t usec)
{
	size_t r, s, b;

	if (counts == NULL)
		return;
	r = route < 0 || (size_t)route >= nr - 1 ? nr - 1 : (size_t)route;
	for (s = 0; s < NSTATUS; s++)
		if (statuses[s] == status)
			break;
	atomic_fetch_add_explicit(&counts[r * (NSTATUS + 1) + s], 1,
	    memory_order_relaxed);
	for (b = 0; b < NBUCKET; b++)
		if ((double)usec / 1e6 <= bounds[b])
			break;
	atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_usec, (uint64_t)(usec > 0 ? usec : 0),
	    memory_order_relaxed);
	atomic_fetch_add_explicit(&total, 1, memory_order_relaxed);
}

void
metrics_render(struct buf *b, const struct route *routes, size_t nroutes,
    int64_t sessions)
{
	size_t r, s;
	uint64_t v, cum = 0;
	char st[12];

	buf_puts(b, "# HELP rrjeti_http_requests_total Requests by route and status.\n"
	    "# TYPE rrjeti_http_requests_total counter\n");
	for (r = 0; counts != NULL && r < nr; r++) {
		for (s = 0; s <= NSTATUS; s++) {
			v = atomic_load_explicit(&counts[r * (NSTATUS + 1) + s],
			    memory_order_relaxed);
			if (v == 0)
				continue;
			if (s == NOTHER)
				snprintf(st, sizeof(st), "other");
			else
				snprintf(st, sizeof(st), "%d", statuses[s]);
			buf_printf(b, "rrjeti_http_requests_total{route=\"%s\","
			    "method=\"%s\",status=\"%s\"} %llu\n",
			    r < nroutes ? routes[r].name : "unmatched",
			    r < nroutes ? method_name(routes[r].method) : "",
			    st, (unsigned long long)v);
		}
	}
	buf_puts(b, "# HELP rrjeti_http_request_duration_seconds Time from the "
	    "request's headers to its response.\n"
	    "# TYPE rrjeti_http_request_duration_seconds histogram\n");
	for (s = 0; s < NBUCKET; s++) {
		cum += atomic_load_explicit(&buckets[s], memory_order_relaxed);
		buf_printf(b, "rrjeti_http_request_duration_seconds_bucket"
		    "{le=\"%g\"} %llu\n", bounds[s], (unsigned long long)cum);
	}
	cum += atomic_load_explicit(&buckets[NBUCKET], memory_order_relaxed);
	buf_printf(b, "rrjeti_http_request_duration_seconds_bucket{le=\"+Inf\"} "
	    "%llu\n", (unsigned long long)cum);
	buf_printf(b, "rrjeti_http_request_duration_seconds_sum %.6f\n",
	    (double)atomic_load(&sum_usec) / 1e6);
	buf_printf(b, "rrjeti_http_request_duration_seconds_count %llu\n",
	    (unsigned long long)atomic_load(&total));
	buf_printf(b, "# HELP rrjeti_sessions_open Web sessions not expired.\n"
	    "# TYPE rrjeti_sessions_open gauge\nrrjeti_sessions_open %lld\n",
	    (long long)sessions);
}
