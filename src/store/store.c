/*
 * store.c — the backend-neutral half of the store layer: picks the backend
 * from the URL, keeps one connection per thread, and passes each call to the
 * backend's table of operations (struct store_ops).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/embed.h"
#include "../util/log.h"
#include "store.h"
#include "store_backend.h"

struct conn_node {
	struct conn_node	*next;
	struct store		*st;
	void			*conn;
	int			 dead;
};

struct store {
	const struct store_ops	*ops;
	char			*url;
	pthread_key_t		 key;
	pthread_mutex_t		 mu;
	struct conn_node	*conns;
};

/*
 * Counts the changes this process made to the database: a statement that
 * changed rows, and every commit. Caches of what was read (the identity
 * cache of svc/auth.c) compare it with the value they were filled under.
 */
static atomic_uint_fast64_t generation = 1;

uint64_t
store_generation(void)
{
	return atomic_load_explicit(&generation, memory_order_acquire);
}

/* The generation when this thread's read scope began (0: none). */
static __thread uint64_t scope_gen;

uint64_t
store_scope_generation(void)
{
	return scope_gen;
}

static void
generation_bump(void)
{
	atomic_fetch_add_explicit(&generation, 1, memory_order_acq_rel);
}

static void
conn_destroy(void *p)
{
	struct conn_node *n = p;

	/* The node stays on the list (marked dead) until store_close(). */
	if (n == NULL || n->dead)
		return;
	n->st->ops->conn_close(n->conn);
	n->conn = NULL;
	n->dead = 1;
}

struct store *
store_open(const char *url, char *err, size_t errlen)
{
	struct store *st;
	void *c;

	if ((st = calloc(1, sizeof(*st))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0) {
		st->ops = store_pgsql_ops();
		if (st->ops == NULL) {
			snprintf(err, errlen, "the PostgreSQL backend cannot "
			    "start: a query has no PostgreSQL SQL (see the log)");
			free(st);
			return NULL;
		}
	} else if ((st->ops = store_sqlite_ops()) == NULL) {
		snprintf(err, errlen, "a query has no SQL (see the log)");
		free(st);
		return NULL;
	}
	if ((st->url = strdup(url)) == NULL ||
	    pthread_key_create(&st->key, conn_destroy) != 0) {
		snprintf(err, errlen, "out of memory");
		free(st->url);
		free(st);
		return NULL;
	}
	pthread_mutex_init(&st->mu, NULL);
	/* Open this thread's connection now so a bad URL fails here. */
	c = st->ops->conn_open(st, err, errlen);
	if (c == NULL) {
		pthread_key_delete(st->key);
		free(st->url);
		free(st);
		return NULL;
	}
	st->ops->conn_close(c);
	return st;
}

void
store_close(struct store *st)
{
	struct conn_node *n, *next;

	if (st == NULL)
		return;
	pthread_setspecific(st->key, NULL);
	pthread_key_delete(st->key);
	for (n = st->conns; n != NULL; n = next) {
		next = n->next;
		if (!n->dead)
			st->ops->conn_close(n->conn);
		free(n);
	}
	pthread_mutex_destroy(&st->mu);
	free(st->url);
	free(st);
}

const char *
store_url(const struct store *st)
{
	return st->url;
}

const struct store_ops *
store_ops(const struct store *st)
{
	return st->ops;
}

/* This thread's connection, opened on first use; NULL when unreachable. */
static void *
conn_get(struct store *st)
{
	struct conn_node *n;
	char err[256];

	n = pthread_getspecific(st->key);
	if (n != NULL && !n->dead)
		return n->conn;
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->st = st;
	if ((n->conn = st->ops->conn_open(st, err, sizeof(err))) == NULL) {
		log_warnx("store: cannot open a connection: %s", err);
		free(n);
		return NULL;
	}
	pthread_mutex_lock(&st->mu);
	n->next = st->conns;
	st->conns = n;
	pthread_mutex_unlock(&st->mu);
	pthread_setspecific(st->key, n);
	return n->conn;
}

void
store_thread_end(struct store *st)
{
	struct conn_node *n;

	n = pthread_getspecific(st->key);
	conn_destroy(n);
	pthread_setspecific(st->key, NULL);
}

enum store_rc
store_exec(struct store *st, enum qid id, const struct sp *p, size_t n,
    store_cb cb, void *arg, int64_t *changes)
{
	void *c;
	int64_t ch = 0;
	enum store_rc rc;

	if ((c = conn_get(st)) == NULL)
		return STORE_UNAVAILABLE;
	rc = st->ops->exec(c, id, p, n, cb, arg, &ch);
	if (ch > 0)
		generation_bump();
	if (changes != NULL)
		*changes = ch;
	if (rc == STORE_OK && ch == 0 && query_must_touch(id))
		rc = STORE_NOTFOUND;
	return rc;
}

enum store_rc
store_begin(struct store *st, int write)
{
	void *c;

	if ((c = conn_get(st)) == NULL)
		return STORE_UNAVAILABLE;
	return st->ops->begin(c, write);
}

enum store_rc
store_commit(struct store *st)
{
	void *c;

	enum store_rc rc;

	if ((c = conn_get(st)) == NULL)
		return STORE_UNAVAILABLE;
	rc = st->ops->commit(c);
	generation_bump();	/* after: a read begun before it is stale */
	return rc;
}

enum store_rc
store_rollback(struct store *st)
{
	void *c;

	if ((c = conn_get(st)) == NULL)
		return STORE_UNAVAILABLE;
	return st->ops->rollback(c);
}

void
store_read_begin(struct store *st)
{
	void *c;

	/* Before the scope's transaction: its snapshot holds every change
	 * committed up to this generation. */
	scope_gen = store_generation();
	if (st->ops->read_scope != NULL && (c = conn_get(st)) != NULL)
		st->ops->read_scope(c, 1);
}

void
store_read_end(struct store *st)
{
	void *c;

	scope_gen = 0;
	if (st->ops->read_scope != NULL && (c = conn_get(st)) != NULL)
		st->ops->read_scope(c, 0);
}

enum store_rc
store_migrate(struct store *st, int *from, int *to, char *err, size_t errlen)
{
	void *c;

	if ((c = conn_get(st)) == NULL) {
		snprintf(err, errlen, "the database cannot be reached");
		return STORE_UNAVAILABLE;
	}
	return st->ops->migrate(c, from, to, err, errlen);
}

enum store_rc
store_schema_version(struct store *st, int *current, int *latest)
{
	void *c;

	if ((c = conn_get(st)) == NULL)
		return STORE_UNAVAILABLE;
	return st->ops->version(c, current, latest);
}

static int
cmp_path(const void *a, const void *b)
{
	const struct embedded_file *const *x = a, *const *y = b;

	return strcmp((*x)->path, (*y)->path);
}

int
store_migrations(const char *dir, const struct embedded_file **files,
    int *nums, char *err, size_t errlen)
{
	size_t i, plen = strlen(dir);
	int n = 0, k;

	for (i = 0; i < embedded_count && n < STORE_MIGRATIONS_MAX; i++)
		if (strncmp(embedded_files[i].path, dir, plen) == 0)
			files[n++] = &embedded_files[i];
	qsort(files, (size_t)n, sizeof(files[0]), cmp_path);
	for (k = 0; k < n; k++) {
		nums[k] = atoi(files[k]->path + plen);
		if (nums[k] <= 0) {
			snprintf(err, errlen, "%s: migration without a number",
			    files[k]->path);
			return -1;
		}
		if (k > 0 && nums[k] == nums[k - 1]) {
			snprintf(err, errlen, "%s: another migration has the "
			    "number %d", files[k]->path, nums[k]);
			return -1;
		}
	}
	return n;
}

const char *
store_rc_str(enum store_rc rc)
{
	static const char *const names[STORE__MAX] = {
		[STORE_OK] = "ok",
		[STORE_NOTFOUND] = "not found",
		[STORE_CONFLICT] = "conflict",
		[STORE_BUSY] = "busy",
		[STORE_UNAVAILABLE] = "unavailable",
		[STORE_ERROR] = "error",
	};

	return (unsigned)rc < STORE__MAX ? names[rc] : "?";
}

int
store_cb_int(void *arg, const struct store_row *r)
{
	*(int64_t *)arg = srow_int(r, 0);
	return 1;
}

int
query_must_touch(enum qid id)
{
	static const unsigned char must[Q__MAX] = {
#define Q(id, must_touch) [id] = must_touch,
#include "queries_all.h"
#undef Q
	};

	return (unsigned)id < Q__MAX && must[id];
}

const char *
query_name(enum qid id)
{
	static const char *const names[Q__MAX] = {
#define Q(id, must_touch) [id] = #id,
#include "queries_all.h"
#undef Q
	};

	return (unsigned)id < Q__MAX && names[id] ? names[id] : "?";
}
