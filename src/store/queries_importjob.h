/*
 * queries_importjob.h — the query ids of the web import jobs (store layer;
 * 0028_import_job.sql, svc/importjob.c). An X-macro list Q(id, must_touch);
 * see queries_foundation.h. The SQL is in sql_sqlite_importjob.inc.
 */
Q(Q_IJ_INSERT, 1)	/* user, kind, format, filename, size, hash, data, preview, now, expires -> id */
Q(Q_IJ_GET, 0)		/* id, user -> id, kind, format, filename, size, hash, status, rows, ok, failed, written, nerr_total, msg, preview, created, updated, expires */
Q(Q_IJ_DATA, 0)		/* id, user -> data, hash, kind, format */
Q(Q_IJ_STATUS, 1)	/* id, from-status, to-status, now, expires (changes a job in from-status only) */
Q(Q_IJ_RESULT, 1)	/* id, status, rows, ok, failed, written, nerr_total, msg, now, drop data (1/0), expires */
Q(Q_IJ_ERR_ADD, 1)	/* id, seq, row, col, msg, arg */
Q(Q_IJ_ERR_CLEAR, 0)	/* id */
Q(Q_IJ_ERRORS, 0)	/* id, limit, offset -> row, col, msg, arg */
Q(Q_IJ_MINE, 0)		/* user, limit -> id, kind, filename, status, rows, written, created */
Q(Q_IJ_PURGE_ERR, 0)	/* now: the errors of expired jobs */
Q(Q_IJ_PURGE, 0)	/* now: expired jobs that are not running */
