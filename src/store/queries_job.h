/*
 * queries_job.h — the query ids of the job leases and of an import's
 * progress in the database (store layer; 0029_jobs.sql, svc/job.c,
 * svc/importjob.c). An X-macro list Q(id, must_touch); see
 * queries_foundation.h. The SQL is in sql_sqlite_job.inc.
 */
Q(Q_JOB_LEASE_GET, 0)	/* name -> holder, expires, taken */
Q(Q_JOB_LEASE_ADD, 0)	/* name: a free lease row when there is none */
Q(Q_JOB_LEASE_TAKE, 1)	/* name, holder, now, expires: taken or renewed when free, expired or the holder's own */
Q(Q_JOB_LEASE_FREE, 0)	/* name, holder: given back (expires now) */
Q(Q_IJ_PROGRESS, 0)	/* id, done, total, now, node: a running job's progress */
Q(Q_IJ_PROGRESS_GET, 0)	/* id -> done, total, progress_at, node */
