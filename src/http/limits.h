/*
 * limits.h — every size and count limit of the HTTP layer, in one place.
 * Requests from someone not logged in get the smaller ones.
 */
#ifndef RRJETI_LIMITS_H
#define RRJETI_LIMITS_H

#define LIMIT_URI		2048		/* bytes of path + query */
/*
 * Headers and read buffer per connection: libmicrohttpd wipes this pool
 * after every request, so its size is paid on every request. 16 KiB holds a
 * request line of LIMIT_URI and header lines up to about 8 KiB each (nginx's
 * default large_client_header_buffers is 8 KiB a line); larger answer 431.
 */
#define LIMIT_CONN_MEMORY	(16 * 1024)
#define LIMIT_BODY_ANON		(4 * 1024)	/* body before login */
#define LIMIT_BODY_FORM		(64 * 1024)	/* default form body */
#define LIMIT_BODY_JSON		(256 * 1024)	/* default JSON body */
/* Uploads (multipart, raw): what the request arena can hold today, the
 * body being collected there by doubling; 32 MiB once server.c keeps large
 * bodies outside the arena. */
#define LIMIT_BODY_UPLOAD	(32 * 1024 * 1024)	/* an import file */
#define LIMIT_FIELDS_ANON	8		/* fields before login */
#define LIMIT_FIELDS		64		/* fields in a form or query */
#define LIMIT_ARENA		(8 * 1024 * 1024) /* memory one request may use */
/* A big request (an upload, a route marked RF_BIG: the exports) may use
 * more, and only so many run at once in a process: the next gets 503. */
#define LIMIT_ARENA_BIG		(256 * 1024 * 1024)
#define LIMIT_BIG_RUNNING	2
#define LIMIT_JSON_DEPTH	4
#define LIMIT_CONNECTIONS	1024		/* open connections */
#define LIMIT_CONN_PER_IP	256
#define LIMIT_CONN_TIMEOUT	30		/* seconds a connection may idle */
#define LIMIT_PARAMS		4		/* {params} in a route path */

#endif
