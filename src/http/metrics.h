/*
 * metrics.h — request counters and a latency histogram for /metrics in the
 * Prometheus text format (http layer). Lock-free: relaxed atomics.
 */
#ifndef RRJETI_METRICS_H
#define RRJETI_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct route;

int	metrics_init(size_t nroutes);
/* route -1: no route matched. */
void	metrics_observe(int route, int status, int64_t usec);
void	metrics_render(struct buf *, const struct route *, size_t nroutes,
	    int64_t sessions_open);

#endif
