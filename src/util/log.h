/*
 * log.h — the log (util layer). One line per event on standard error, with a
 * UTC time stamp. Never pass children's personal data: log ids, routes,
 * statuses and counts only (the access log writes the route pattern, not the
 * path, for that reason).
 */
#ifndef RRJETI_LOG_H
#define RRJETI_LOG_H

void	log_init(int verbose);
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As log_warnx, with strerror(errno) appended. */
void	log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences info and debug lines (tests). */
void	log_quiet(int);

#endif
