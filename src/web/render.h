/*
 * render.h — building pages (web layer). page_data() gives the data every
 * page shares (language, the user, the navigation they may use, the CSRF
 * token, a flash message); page_render() renders a template into the
 * response. HTML is only ever produced by templates.
 */
#ifndef RRJETI_RENDER_H
#define RRJETI_RENDER_H

#include <stdint.h>

#include "../tmpl/tmpl.h"

struct req;

struct tval	*page_data(struct req *, const char *title_key);
void		 page_render(struct req *, const char *tmpl, struct tval *);
/* Field errors of the request as { field: message } on data.errors, and
 * the first one as data.error. */
void		 page_errors(struct req *, struct tval *data);
/* Redirects (303) with a flash message key shown on the next page. */
void		 page_redirect(struct req *, const char *location, const char *flash);
/* dd.mm.yyyy (HH:MM) of t, in the arena; "" for 0. */
const char	*page_date(struct req *, int64_t t, int with_time);
/* A day yyyy-mm-dd as the page shows dates; "" (or not a date) stays "". */
const char	*page_day(struct req *, const char *ymd);
/* The label of a code: the message "prefix.code"; "" for no code. */
const char	*page_code(struct req *, const char *prefix, const char *code);
/* The labels of codes separated by commas, joined with ", "; "" for none. */
const char	*page_codes(struct req *, const char *prefix, const char *codes);
/* The posted value of a field, or def on the first showing of a form. */
const char	*page_posted(struct req *, const char *name, const char *def);
/* n with the language's thousands separator (317.982; 317,982 in
 * English), in the arena. */
const char	*page_num(struct req *, int64_t n);
/* s percent-encoded for a query string value, in the arena. */
const char	*page_urlenc(struct req *, const char *s);
/* An option of a <select> for the templates: { value, label, selected }. */
struct tval	*page_option(struct req *, const char *value, const char *label,
		    int selected);
/* A translated message. */
const char	*page_t(struct req *, const char *key);
/* The error page for a service result. */
void		 page_fail(struct req *, enum svc_rc, const struct svc_err *);

#endif
