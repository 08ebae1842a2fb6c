/*
 * mhd_hello.c — the libmicrohttpd ceiling of bench/run.sh: "ok\n" for every
 * request, served the way src/http/server.c serves (epoll, a thread pool,
 * the same connection limits from src/http/limits.h, the response queued on
 * the handler's second call). What rrjeti does on top of this is its own
 * cost; what nginx does better than this is the library's.
 *
 *   mhd_hello PORT THREADS     serves 127.0.0.1:PORT until SIGTERM
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <microhttpd.h>

#include "limits.h"

static enum MHD_Result
hello(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **ctx)
{
	static int started;
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (*ctx == NULL) {
		*ctx = &started;	/* answer on the second call */
		return MHD_YES;
	}
	*upload_size = 0;
	r = MHD_create_response_from_buffer(3, (void *)"ok\n",
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig, port, threads;

	if (argc != 3 || (port = atoi(argv[1])) <= 0 || port > 65535 ||
	    (threads = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: mhd_hello PORT THREADS\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, hello, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)LIMIT_CONNECTIONS,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)LIMIT_CONN_PER_IP,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)LIMIT_CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)LIMIT_CONN_MEMORY,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "mhd_hello: cannot serve on 127.0.0.1:%d\n", port);
		return 1;
	}
	while (sigwait(&set, &sig) != 0 || (sig != SIGINT && sig != SIGTERM))
		;
	MHD_stop_daemon(d);
	return 0;
}
