/*
 * importjob.c — imports from the web: jobs kept in the database, checked
 * and imported by a background thread (svc layer). See importjob.h.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../audit/audit.h"
#include "../authz/authz.h"
#include "../store/store.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/csv.h"
#include "../util/log.h"
#include "../util/utf8.h"
#include "../util/xlsx.h"
#include "job.h"
#include "importjob.h"

#define IJ_HASH_HEX	65	/* 64 hex digits and NUL */
#define IJ_XLSX_PREVIEW	(64u * 1024 * 1024)	/* bytes inflated for it */
#define IJ_ROW_SEP	'\x1e'	/* between the preview's rows */
#define IJ_CELL_SEP	'\x1f'	/* between its cells */
#define IJ_PROGRESS_MS	250	/* at most one progress write this often */
#define IJ_PROGRESS_STALE 120	/* s: a run whose progress is older is
				 * lost, whichever node ran it */
#define IJ_ALIVE	1	/* row_progress(): written lately */

/* ------------------------------------------------- runs of this process */

static struct {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct {
		int	 busy;
		int64_t	 id;
		size_t	 done, total;
	} slot[IJ_THREADS];
} runs = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, { { 0 } } };

/* A free slot for a run, or -1. */
static int
slot_take(void)
{
	int i;

	pthread_mutex_lock(&runs.mu);
	for (i = 0; i < IJ_THREADS; i++)
		if (!runs.slot[i].busy) {
			runs.slot[i].busy = 1;
			runs.slot[i].id = 0;
			runs.slot[i].done = runs.slot[i].total = 0;
			break;
		}
	pthread_mutex_unlock(&runs.mu);
	return i < IJ_THREADS ? i : -1;
}

static void
slot_give(int i)
{
	pthread_mutex_lock(&runs.mu);
	runs.slot[i].busy = 0;
	runs.slot[i].id = 0;
	pthread_cond_broadcast(&runs.cv);
	pthread_mutex_unlock(&runs.mu);
}

static void
slot_job(int i, int64_t id)
{
	pthread_mutex_lock(&runs.mu);
	runs.slot[i].id = id;
	pthread_mutex_unlock(&runs.mu);
}

/* The progress of job id if it runs here: 1, or 0. */
static int
slot_progress(int64_t id, size_t *done, size_t *total)
{
	int i, found = 0;

	pthread_mutex_lock(&runs.mu);
	for (i = 0; i < IJ_THREADS; i++)
		if (runs.slot[i].busy && runs.slot[i].id == id) {
			*done = runs.slot[i].done;
			*total = runs.slot[i].total;
			found = 1;
		}
	pthread_mutex_unlock(&runs.mu);
	return found;
}

static void
progress_cb(void *arg, size_t done, size_t total)
{
	int i = (int)(intptr_t)arg;

	pthread_mutex_lock(&runs.mu);
	runs.slot[i].done = done;
	runs.slot[i].total = total;
	pthread_mutex_unlock(&runs.mu);
}

void
importjob_wait(void)
{
	int i, busy;

	pthread_mutex_lock(&runs.mu);
	for (;;) {
		for (i = 0, busy = 0; i < IJ_THREADS; i++)
			busy |= runs.slot[i].busy;
		if (!busy)
			break;
		pthread_cond_wait(&runs.cv, &runs.mu);
	}
	pthread_mutex_unlock(&runs.mu);
}

/* ------------------------------------------------------------- helpers */

enum perm
importjob_perm(const char *kind)
{
	return strcmp(kind, "participants") == 0 ? PERM_TRAINING_WRITE :
	    PERM_PROVIDERS_WRITE;
}

static enum perm
kind_perm(enum import_kind k)
{
	return importjob_perm(import_kinds[k]);
}

enum import_format
importjob_format(const char *data, size_t len)
{
	return len >= 2 && data[0] == 'P' && data[1] == 'K' ? IMPORT_XLSX :
	    IMPORT_CSV;
}

static void
hash_hex(const char *data, size_t len, char out[IJ_HASH_HEX])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)data, len,
	    NULL, 0);
	sodium_bin2hex(out, IJ_HASH_HEX, h, sizeof(h));
}

/* The preview: the first rows as read, cells cut to IJ_PREVIEW_CELL bytes
 * (on a character boundary), a cell that is not text shown as "?". */
struct prev {
	struct buf	 b;
	size_t		 rows;
};

static int
prev_cb(void *arg, size_t line, char **f, size_t n)
{
	struct prev *p = arg;
	size_t i, k, len;

	(void)line;
	if (p->rows == IJ_PREVIEW_ROWS)
		return 1;
	if (p->rows > 0)
		buf_putc(&p->b, IJ_ROW_SEP);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&p->b, IJ_CELL_SEP);
		len = strlen(f[i]);
		if (!utf8_valid(f[i], len)) {
			buf_putc(&p->b, '?');
			continue;
		}
		if (len > IJ_PREVIEW_CELL) {
			len = IJ_PREVIEW_CELL;
			while (len > 0 && ((unsigned char)f[i][len] & 0xc0) ==
			    0x80)
				len--;
		}
		for (k = 0; k < len; k++)
			buf_putc(&p->b, f[i][k] == IJ_ROW_SEP ||
			    f[i][k] == IJ_CELL_SEP ? ' ' : f[i][k]);
	}
	p->rows++;
	return 0;
}

static const char *
preview_of(struct arena *a, enum import_format fmt, const char *data,
    size_t len)
{
	struct prev p;
	size_t bl;

	memset(&p, 0, sizeof(p));
	buf_init(&p.b, a);
	if (fmt == IMPORT_XLSX)
		(void)xlsx_parse(data, len, IJ_XLSX_PREVIEW, prev_cb, &p, NULL);
	else {
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
			data += 3;
			len -= 3;
		}
		(void)csv_parse(data, len, prev_cb, &p, &bl);
	}
	return p.b.oom || p.b.len == 0 ? NULL : p.b.p;
}

/* Splits a stored preview into rows of cells. */
static void
preview_split(struct arena *a, const char *s, struct importjob *j)
{
	const char *row, *re, *c, *ce;
	size_t nr = 1, nc, i;

	j->nprev = 0;
	if (s == NULL || *s == '\0')
		return;
	for (c = s; *c; c++)
		nr += *c == IJ_ROW_SEP;
	if ((j->prev = arena_zalloc(a, nr * sizeof(*j->prev))) == NULL ||
	    (j->ncells = arena_zalloc(a, nr * sizeof(*j->ncells))) == NULL)
		return;
	for (row = s; row != NULL; row = *re ? re + 1 : NULL) {
		re = row + strcspn(row, "\x1e");
		for (nc = 1, c = row; c < re; c++)
			nc += *c == IJ_CELL_SEP;
		if ((j->prev[j->nprev] = arena_alloc(a, nc *
		    sizeof(char *))) == NULL)
			return;
		for (i = 0, c = row; i < nc; i++, c = ce + 1) {
			for (ce = c; ce < re && *ce != IJ_CELL_SEP; ce++)
				;
			j->prev[j->nprev][i] = arena_strndup(a, c,
			    (size_t)(ce - c));
			if (j->prev[j->nprev][i] == NULL)
				return;
		}
		j->ncells[j->nprev++] = nc;
	}
}

struct jobrow {
	struct arena		*a;
	struct importjob	*j;
	const char		*preview;
};

static int
job_cb(void *arg, const struct store_row *w)
{
	struct jobrow *x = arg;
	struct importjob *j = x->j;
	struct arena *a = x->a;

	j->id = srow_int(w, 0);
	j->kind = arena_strdup(a, srow_text(w, 1));
	j->format = arena_strdup(a, srow_text(w, 2));
	j->filename = arena_strdup(a, srow_text(w, 3));
	j->size = srow_int(w, 4);
	j->hash = arena_strdup(a, srow_text(w, 5));
	j->status = arena_strdup(a, srow_text(w, 6));
	j->rows = srow_int(w, 7);
	j->ok = srow_int(w, 8);
	j->failed = srow_int(w, 9);
	j->written = srow_int(w, 10);
	j->nerr_total = srow_int(w, 11);
	j->msg = srow_null(w, 12) ? NULL : arena_strdup(a, srow_text(w, 12));
	x->preview = srow_null(w, 13) ? NULL : arena_strdup(a, srow_text(w, 13));
	j->created = srow_int(w, 14);
	j->updated = srow_int(w, 15);
	j->expires = srow_int(w, 16);
	return 1;
}

/*
 * The actor's job id, or SVC_NOTFOUND when it is someone else's, absent,
 * or of a kind the actor may not import; audited unless in_tx (the audit
 * then needs a transaction of its own).
 */
static enum svc_rc
job_load(struct svc *s, int64_t id, struct importjob **out, int in_tx)
{
	struct importjob *j;
	struct jobrow x;
	struct sp p[2];
	enum store_rc src;
	int k;

	*out = NULL;
	if ((j = arena_zalloc(s->a, sizeof(*j))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	p[0] = sp_int(id);
	p[1] = sp_int(s->actor->id);
	x.a = s->a;
	x.j = j;
	x.preview = NULL;
	src = store_exec(s->st, Q_IJ_GET, p, 2, job_cb, &x, NULL);
	if (src != STORE_OK)
		return svc_fail(s, svc_from_store(src), NULL,
		    "error.unavailable");
	if (j->id == 0 || (k = import_kind_parse(j->kind)) < 0 ||
	    !authz_allows(s->actor, kind_perm((enum import_kind)k), NULL)) {
		if (!in_tx && audit_record_tx(s->st, s->actor, NULL, "import.read.denied",
		    "import_job", id, NULL) != STORE_OK)
			log_warnx("audit: import.read.denied not recorded");
		return svc_fail(s, SVC_NOTFOUND, NULL, "error.notfound");
	}
	preview_split(s->a, x.preview, j);
	*out = j;
	return SVC_OK;
}

/* ------------------------------------------------------------ the runs */

struct run {
	struct store	*st;
	struct arena	*a;
	struct actor	 actor;
	int64_t		 id;
	int		 dry;
	int		 slot;
	struct store	*pst;		/* the progress's own connection */
	int64_t		 last_ms;	/* of the last progress write */
};

/* ------------------------------------------------ progress in the row */

/*
 * A run's progress goes to its import_job row (done, total, progress_at,
 * node) so that any node's page shows it. The run's rows are checked and
 * written inside one write transaction, so the progress is written
 * through a second connection of the run's own (a store opened on the
 * same URL) at most every IJ_PROGRESS_MS, as a write that takes no write
 * lock (store_pgsql.c). Only where the database lets a second connection
 * write while that transaction runs: PostgreSQL. SQLite, one node by
 * design, keeps it in this process's memory (slot_progress()) only.
 */
static void
progress_open(struct run *j)
{
	char err[256];

	j->pst = NULL;
	if (strcmp(store_ops(j->st)->name, "postgresql") != 0)
		return;
	if ((j->pst = store_open(store_url(j->st), err, sizeof(err))) == NULL)
		log_warnx("import: job %lld: its progress stays on this node "
		    "(%s)", (long long)j->id, err);
}

static int64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
progress_write(struct run *j, size_t done, size_t total, int force)
{
	struct sp p[5];
	int64_t now = ms_now();
	enum store_rc rc;

	if (j->pst == NULL || (!force && now - j->last_ms < IJ_PROGRESS_MS))
		return;
	j->last_ms = now;
	p[0] = sp_int(j->id);
	p[1] = sp_int((int64_t)done);
	p[2] = sp_int((int64_t)total);
	p[3] = sp_int(clock_now());
	p[4] = sp_text(job_node_id());
	if ((rc = store_exec(j->pst, Q_IJ_PROGRESS, p, 5, NULL, NULL, NULL)) !=
	    STORE_OK)
		log_warnx("import: job %lld: progress not written (%s)",
		    (long long)j->id, store_rc_str(rc));
}

static void
job_progress_cb(void *arg, size_t done, size_t total)
{
	struct run *j = arg;

	progress_cb((void *)(intptr_t)j->slot, done, total);
	progress_write(j, done, total, done == total);
}

static void
progress_close(struct run *j)
{
	if (j->pst != NULL)
		store_close(j->pst);
	j->pst = NULL;
}

struct blob {
	struct arena	*a;
	char		*data;
	size_t		 len;
	char		 hash[IJ_HASH_HEX];
	char		 kind[32];
	char		 format[8];
	int		 oom;
};

static int
blob_cb(void *arg, const struct store_row *w)
{
	struct blob *b = arg;
	const void *d = srow_blob(w, 0, &b->len);

	if ((b->data = arena_alloc(b->a, b->len + 1)) == NULL) {
		b->oom = 1;
		return 1;
	}
	if (b->len > 0)
		memcpy(b->data, d, b->len);
	b->data[b->len] = '\0';
	snprintf(b->hash, sizeof(b->hash), "%s", srow_text(w, 1));
	snprintf(b->kind, sizeof(b->kind), "%s", srow_text(w, 2));
	snprintf(b->format, sizeof(b->format), "%s", srow_text(w, 3));
	return 1;
}

/* The kept file of job id (the actor's), its hash checked: SVC_OK,
 * SVC_CONFLICT when gone or changed. */
static enum svc_rc
blob_load(struct svc *s, int64_t id, struct blob *b)
{
	struct sp p[2];
	enum store_rc src;
	char h[IJ_HASH_HEX];

	memset(b, 0, sizeof(*b));
	b->a = s->a;
	p[0] = sp_int(id);
	p[1] = sp_int(s->actor->id);
	if ((src = store_exec(s->st, Q_IJ_DATA, p, 2, blob_cb, b, NULL)) !=
	    STORE_OK)
		return svc_fail(s, svc_from_store(src), NULL,
		    "error.unavailable");
	if (b->oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (b->data == NULL)
		return svc_fail(s, SVC_CONFLICT, NULL, "webimport.err.stale");
	hash_hex(b->data, b->len, h);
	if (sodium_memcmp(h, b->hash, sizeof(h)) != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "webimport.err.stale");
	return SVC_OK;
}

struct outcome {
	struct run		*j;
	struct import_report	*rep;
	enum svc_rc		 rc;
	const char		*msg;
};

static enum svc_rc
outcome_tx(struct svc *s, void *arg)
{
	struct outcome *o = arg;
	struct import_report *rep = o->rep;
	const struct import_error *e;
	const char *status;
	int64_t now = clock_now();
	struct sp p[11];
	size_t i;
	int drop;

	if (o->j->dry) {
		status = o->rc == SVC_OK ? "checked" : "rejected";
		drop = o->rc != SVC_OK;
	} else {
		status = o->rc == SVC_OK ? "done" : "failed";
		drop = 1;
	}
	p[0] = sp_int(o->j->id);
	if (store_exec(s->st, Q_IJ_ERR_CLEAR, p, 1, NULL, NULL, NULL) !=
	    STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	for (i = 0; rep != NULL && i < rep->nerr; i++) {
		e = &rep->err[i];
		p[1] = sp_int((int64_t)i + 1);
		p[2] = sp_int((int64_t)e->row);
		p[3] = sp_text(e->column);
		p[4] = sp_text(e->msg);
		p[5] = sp_text(e->arg);
		if (store_exec(s->st, Q_IJ_ERR_ADD, p, 6, NULL, NULL, NULL) !=
		    STORE_OK)
			return svc_fail(s, SVC_UNAVAILABLE, NULL,
			    "error.unavailable");
	}
	p[1] = sp_text(status);
	p[2] = sp_int(rep ? (int64_t)rep->rows : 0);
	p[3] = sp_int(rep ? (int64_t)rep->ok : 0);
	p[4] = sp_int(rep ? (int64_t)rep->failed : 0);
	p[5] = sp_int(rep ? (int64_t)rep->written : 0);
	p[6] = sp_int(rep ? (int64_t)rep->nerr_total : 0);
	p[7] = sp_text(o->rc == SVC_OK || (rep != NULL && rep->nerr > 0) ?
	    NULL : o->msg);
	p[8] = sp_int(now);
	p[9] = sp_int(drop);
	p[10] = sp_int(now + IJ_TTL);
	if (store_exec(s->st, Q_IJ_RESULT, p, 11, NULL, NULL, NULL) !=
	    STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	if (audit_record(s->st, s->actor, NULL, arena_printf(s->a,
	    "import.job.%s", status), "import_job", o->j->id,
	    arena_printf(s->a, "rows=%zu failed=%zu written=%zu",
	    rep ? rep->rows : 0, rep ? rep->failed : 0,
	    rep ? rep->written : 0)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

static void *
run_main(void *arg)
{
	struct run *j = arg;
	struct import_report *rep = NULL;
	struct import_opts o;
	struct outcome out;
	struct blob b;
	struct svc s;
	int k;

	memset(&s, 0, sizeof(s));
	s.st = j->st;
	s.a = j->a;
	s.actor = &j->actor;
	s.client = j->actor.client;
	memset(&out, 0, sizeof(out));
	out.j = j;
	progress_open(j);
	progress_write(j, 0, 0, 1);	/* which node runs it, from now */
	out.rc = blob_load(&s, j->id, &b);
	if (out.rc == SVC_OK && (k = import_kind_parse(b.kind)) >= 0) {
		memset(&o, 0, sizeof(o));
		o.format = strcmp(b.format, "xlsx") == 0 ? IMPORT_XLSX :
		    IMPORT_CSV;
		o.dry_run = j->dry;
		o.progress = job_progress_cb;
		o.progress_arg = j;
		out.rc = import_run_opts(&s, (enum import_kind)k, b.data, b.len,
		    &o, &rep);
		out.rep = rep;
	} else if (out.rc == SVC_OK)
		out.rc = svc_fail(&s, SVC_INVALID, NULL, "error.invalid");
	out.msg = s.err.msg != NULL ? s.err.msg : "error.unavailable";
	if (svc_tx(&s, outcome_tx, &out) != SVC_OK)
		log_warnx("import: job %lld: the result is not recorded",
		    (long long)j->id);
	progress_close(j);
	store_thread_end(j->st);
	slot_give(j->slot);
	arena_free(j->a);
	free(j);
	return NULL;
}

static char *
dup_or_null(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* Starts the run of job id in its own thread, in slot; the slot is given
 * back when it cannot start. 0 or -1. */
static int
run_start(struct svc *s, int64_t id, int dry, int slot)
{
	pthread_attr_t at;
	pthread_t t;
	struct run *j;
	int rc;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		goto fail;
	if ((j->a = arena_new(IJ_ARENA)) == NULL) {
		free(j);
		goto fail;
	}
	j->st = s->st;
	j->id = id;
	j->dry = dry;
	j->slot = slot;
	j->actor = *s->actor;
	j->actor.username = dup_or_null(j->a, s->actor->username);
	j->actor.full_name = dup_or_null(j->a, s->actor->full_name);
	j->actor.country = dup_or_null(j->a, s->actor->country);
	j->actor.agency_code = dup_or_null(j->a, s->actor->agency_code);
	j->actor.agency_name = dup_or_null(j->a, s->actor->agency_name);
	j->actor.team_name = dup_or_null(j->a, s->actor->team_name);
	j->actor.client = dup_or_null(j->a, s->actor->client);
	slot_job(slot, id);
	if (pthread_attr_init(&at) != 0) {
		arena_free(j->a);
		free(j);
		goto fail;
	}
	(void)pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&t, &at, run_main, j);
	pthread_attr_destroy(&at);
	if (rc == 0)
		return 0;
	arena_free(j->a);
	free(j);
fail:
	slot_give(slot);
	log_warnx("import: job %lld: cannot start a thread", (long long)id);
	return -1;
}

/* -------------------------------------------------------- the services */

struct create {
	enum import_kind	 kind;
	const char		*filename, *data, *preview;
	size_t			 len;
	char			 hash[IJ_HASH_HEX];
	enum import_format	 fmt;
	int64_t			 id;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create *c = arg;
	int64_t now = clock_now();
	struct sp p[10];

	p[0] = sp_int(now);
	if (store_exec(s->st, Q_IJ_PURGE_ERR, p, 1, NULL, NULL, NULL) !=
	    STORE_OK || store_exec(s->st, Q_IJ_PURGE, p, 1, NULL, NULL,
	    NULL) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	p[0] = sp_int(s->actor->id);
	p[1] = sp_text(import_kinds[c->kind]);
	p[2] = sp_text(c->fmt == IMPORT_XLSX ? "xlsx" : "csv");
	p[3] = sp_text(c->filename);
	p[4] = sp_int((int64_t)c->len);
	p[5] = sp_text(c->hash);
	p[6] = sp_blob(c->data, c->len);
	p[7] = sp_text(c->preview);
	p[8] = sp_int(now);
	p[9] = sp_int(now + IJ_RUN_TTL);
	if (store_exec(s->st, Q_IJ_INSERT, p, 10, store_cb_int, &c->id,
	    NULL) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	if (audit_record(s->st, s->actor, NULL, "import.upload", "import_job",
	    c->id, arena_printf(s->a, "kind=%s format=%s size=%zu",
	    import_kinds[c->kind], c->fmt == IMPORT_XLSX ? "xlsx" : "csv",
	    c->len)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
importjob_create(struct svc *s, enum import_kind kind, const char *filename,
    const char *data, size_t len, int64_t *id)
{
	struct create c;
	enum svc_rc rc;
	int slot;

	*id = 0;
	if (s->actor == NULL || kind < 0 || kind >= IMPORT__MAX)
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (!authz_allows(s->actor, kind_perm(kind), NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (data == NULL || len == 0)
		return svc_fail(s, SVC_INVALID, "file", "webimport.err.nofile");
	memset(&c, 0, sizeof(c));
	c.kind = kind;
	c.data = data;
	c.len = len;
	c.fmt = importjob_format(data, len);
	c.filename = filename != NULL && svc_text_ok(filename, 255, 0) ?
	    filename : "";
	hash_hex(data, len, c.hash);
	c.preview = preview_of(s->a, c.fmt, data, len);
	if ((slot = slot_take()) < 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "webimport.err.busy");
	if ((rc = svc_tx(s, create_tx, &c)) != SVC_OK) {
		slot_give(slot);
		return rc;
	}
	*id = c.id;
	if (run_start(s, c.id, 1, slot) != 0)
		log_warnx("import: job %lld stays unchecked", (long long)c.id);
	return SVC_OK;
}

struct prow {
	int64_t		 done, total, at;
};

static int
prow_cb(void *arg, const struct store_row *w)
{
	struct prow *x = arg;

	x->done = srow_int(w, 0);
	x->total = srow_int(w, 1);
	x->at = srow_int(w, 2);
	return 1;
}

/* A running job's progress from its row (written by the node that runs
 * it): IJ_ALIVE when written within IJ_PROGRESS_STALE seconds, else 0. */
static int
row_progress(struct svc *s, struct importjob *j)
{
	struct prow x;
	struct sp p[1];

	if (strcmp(j->status, "checking") != 0 &&
	    strcmp(j->status, "running") != 0)
		return 0;
	memset(&x, 0, sizeof(x));
	p[0] = sp_int(j->id);
	if (store_exec(s->st, Q_IJ_PROGRESS_GET, p, 1, prow_cb, &x, NULL) !=
	    STORE_OK || x.at == 0)
		return 0;
	j->done = x.done > 0 ? (size_t)x.done : 0;
	j->total = x.total > 0 ? (size_t)x.total : 0;
	return x.at >= clock_now() - IJ_PROGRESS_STALE ? IJ_ALIVE : 0;
}

enum svc_rc
importjob_get(struct svc *s, int64_t id, struct importjob **out)
{
	struct importjob *j;
	enum svc_rc rc;

	if ((rc = job_load(s, id, &j, 0)) != SVC_OK)
		return rc;
	/* Running here: its progress. Else the progress its node wrote in
	 * the row; a run past its time with no recent progress was lost (its
	 * node stopped), and a checked file past its hour expired. */
	if (!slot_progress(j->id, &j->done, &j->total) &&
	    row_progress(s, j) != IJ_ALIVE && j->expires < clock_now()) {
		if (strcmp(j->status, "checking") == 0 ||
		    strcmp(j->status, "running") == 0)
			j->status = "lost";
		else if (strcmp(j->status, "checked") == 0)
			j->status = "expired";
	}
	*out = j;
	return SVC_OK;
}

struct errs {
	struct arena		*a;
	struct importjob_error	*v;
	size_t			 n, cap;
};

static int
err_cb(void *arg, const struct store_row *w)
{
	struct errs *e = arg;
	struct importjob_error *x;

	if (e->n == e->cap)
		return 1;
	x = &e->v[e->n++];
	x->row = srow_int(w, 0);
	x->col = srow_null(w, 1) ? NULL : arena_strdup(e->a, srow_text(w, 1));
	x->msg = arena_strdup(e->a, srow_text(w, 2));
	x->arg = srow_null(w, 3) ? NULL : arena_strdup(e->a, srow_text(w, 3));
	return 0;
}

enum svc_rc
importjob_errors(struct svc *s, int64_t id, size_t limit, size_t offset,
    struct importjob_error **out, size_t *n)
{
	struct importjob *j;
	struct errs e;
	struct sp p[3];
	enum svc_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = job_load(s, id, &j, 0)) != SVC_OK)
		return rc;
	if (limit == 0)
		return SVC_OK;
	memset(&e, 0, sizeof(e));
	e.a = s->a;
	e.cap = limit;
	if ((e.v = arena_zalloc(s->a, limit * sizeof(*e.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	p[0] = sp_int(id);
	p[1] = sp_int((int64_t)limit);
	p[2] = sp_int((int64_t)offset);
	if (store_exec(s->st, Q_IJ_ERRORS, p, 3, err_cb, &e, NULL) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	*out = e.v;
	*n = e.n;
	return SVC_OK;
}

struct confirm {
	int64_t		 id;
	const char	*hash;
};

static enum svc_rc
confirm_tx(struct svc *s, void *arg)
{
	struct confirm *c = arg;
	struct importjob *j;
	struct blob b;
	struct sp p[5];
	int64_t now = clock_now();
	enum store_rc src;
	enum svc_rc rc;

	if ((rc = job_load(s, c->id, &j, 1)) != SVC_OK)
		return rc;
	if (strcmp(j->status, "checked") != 0 || j->expires < now ||
	    strlen(c->hash) != strlen(j->hash) ||
	    sodium_memcmp(c->hash, j->hash, strlen(j->hash)) != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "webimport.err.stale");
	if ((rc = blob_load(s, c->id, &b)) != SVC_OK)
		return rc;
	if (sodium_memcmp(b.hash, j->hash, IJ_HASH_HEX - 1) != 0)
		return svc_fail(s, SVC_CONFLICT, NULL, "webimport.err.stale");
	p[0] = sp_int(c->id);
	p[1] = sp_text("checked");
	p[2] = sp_text("running");
	p[3] = sp_int(now);
	p[4] = sp_int(now + IJ_RUN_TTL);
	src = store_exec(s->st, Q_IJ_STATUS, p, 5, NULL, NULL, NULL);
	if (src == STORE_NOTFOUND)
		return svc_fail(s, SVC_CONFLICT, NULL, "webimport.err.stale");
	if (src != STORE_OK)
		return svc_fail(s, svc_from_store(src), NULL,
		    "error.unavailable");
	if (audit_record(s->st, s->actor, NULL, "import.confirm", "import_job",
	    c->id, arena_printf(s->a, "kind=%s rows=%lld", j->kind,
	    (long long)j->rows)) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	return SVC_OK;
}

enum svc_rc
importjob_confirm(struct svc *s, int64_t id, const char *hash)
{
	struct confirm c;
	enum svc_rc rc;
	int slot;

	struct importjob *j;

	if (s->actor == NULL)
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	/* A foreign job is not found (audited), busy or not. */
	if ((rc = job_load(s, id, &j, 0)) != SVC_OK)
		return rc;
	c.id = id;
	c.hash = hash != NULL ? hash : "";
	if ((slot = slot_take()) < 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "webimport.err.busy");
	if ((rc = svc_tx(s, confirm_tx, &c)) != SVC_OK) {
		slot_give(slot);
		return rc;
	}
	if (run_start(s, id, 0, slot) != 0)
		log_warnx("import: job %lld not started", (long long)id);
	return SVC_OK;
}

struct mine {
	struct arena		*a;
	struct importjob	*v;
	size_t			 n, cap;
};

static int
mine_cb(void *arg, const struct store_row *w)
{
	struct mine *m = arg;
	struct importjob *j;

	if (m->n == m->cap)
		return 1;
	j = &m->v[m->n++];
	j->id = srow_int(w, 0);
	j->kind = arena_strdup(m->a, srow_text(w, 1));
	j->filename = arena_strdup(m->a, srow_text(w, 2));
	j->status = arena_strdup(m->a, srow_text(w, 3));
	j->rows = srow_int(w, 4);
	j->written = srow_int(w, 5);
	j->created = srow_int(w, 6);
	return 0;
}

enum svc_rc
importjob_mine(struct svc *s, size_t limit, struct importjob **out,
    size_t *n)
{
	struct mine m;
	struct sp p[2];
	size_t i, k;
	int kind;

	*out = NULL;
	*n = 0;
	if (s->actor == NULL || limit == 0)
		return SVC_OK;
	memset(&m, 0, sizeof(m));
	m.a = s->a;
	m.cap = limit;
	if ((m.v = arena_zalloc(s->a, limit * sizeof(*m.v))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	p[0] = sp_int(s->actor->id);
	p[1] = sp_int((int64_t)limit);
	if (store_exec(s->st, Q_IJ_MINE, p, 2, mine_cb, &m, NULL) != STORE_OK)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	/* Only the kinds the actor may still import. */
	for (i = 0, k = 0; i < m.n; i++)
		if ((kind = import_kind_parse(m.v[i].kind)) >= 0 &&
		    authz_allows(s->actor, kind_perm((enum import_kind)kind),
		    NULL))
			m.v[k++] = m.v[i];
	*out = m.v;
	*n = k;
	return SVC_OK;
}

enum svc_rc
importjob_direct(struct svc *s, enum import_kind kind, const char *data,
    size_t len, int dry_run, void (*answer)(void *, enum svc_rc,
    const struct import_report *), void *arg)
{
	struct import_report *rep = NULL;
	struct import_opts o;
	struct arena *keep = s->a, *big;
	enum svc_rc rc;
	int slot;

	if (kind < 0 || kind >= IMPORT__MAX)
		return svc_fail(s, SVC_INVALID, "kind", "error.field.choice");
	if (!authz_allows(s->actor, kind_perm(kind), NULL))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	if (data == NULL || len == 0)
		return svc_fail(s, SVC_INVALID, "file", "webimport.err.nofile");
	if ((slot = slot_take()) < 0)
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "webimport.err.busy");
	if ((big = arena_new(IJ_ARENA)) == NULL) {
		slot_give(slot);
		return svc_fail(s, SVC_UNAVAILABLE, NULL, "error.unavailable");
	}
	memset(&o, 0, sizeof(o));
	o.format = importjob_format(data, len);
	o.dry_run = dry_run;
	o.progress = progress_cb;
	o.progress_arg = (void *)(intptr_t)slot;
	s->a = big;
	rc = import_run_opts(s, kind, data, len, &o, &rep);
	answer(arg, rc, rep);
	s->a = keep;
	/* The error's strings may live in big: keep copies. */
	s->err.field = dup_or_null(keep, s->err.field);
	s->err.msg = dup_or_null(keep, s->err.msg);
	s->err.arg = dup_or_null(keep, s->err.arg);
	arena_free(big);
	slot_give(slot);
	return rc;
}
