/*
 * server.h — the HTTP server (http layer): libmicrohttpd with epoll and a
 * thread pool, limits and timeouts, security headers on every response.
 */
#ifndef RRJETI_SERVER_H
#define RRJETI_SERVER_H

#include "http.h"

struct server_config {
	const char	*listen;	/* "127.0.0.1:8080", "[::1]:8080", ":8080" */
	int		 threads;	/* worker threads, at least 2 */
};

/*
 * Serves site until SIGINT or SIGTERM; 0 on a clean stop, -1 when the
 * server could not start (message logged). Call with those signals blocked
 * in every thread (serve does this itself for the threads it starts).
 */
int	server_run(struct http_site *, const struct server_config *);

#endif
