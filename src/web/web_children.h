/*
 * web_children.h — the HTML handlers of a child's record (web layer),
 * named in app/routes_children.inc, and the helpers the intake pages share
 * with them (options of the child's closed sets, candidates of a duplicate
 * check, the child form's fields).
 */
#ifndef RRJETI_WEB_CHILDREN_H
#define RRJETI_WEB_CHILDREN_H

#include <stddef.h>
#include <stdint.h>

struct req;
struct tval;
struct child_fields;
struct caregiver_fields;
struct child_candidate;

void	web_child_view(struct req *);
void	web_child_edit(struct req *);
void	web_child_update(struct req *);
void	web_child_caregiver_add(struct req *);
void	web_child_caregiver_update(struct req *);
void	web_child_caregiver_remove(struct req *);
void	web_child_siblings(struct req *);
void	web_child_sibling_link(struct req *);
void	web_child_sibling_unlink(struct req *);
void	web_child_merge_preview(struct req *);
void	web_child_merge(struct req *);

/* Options of a closed set with labels prefix.value; an empty first option
 * (label key empty_key) when empty_key is not NULL. */
struct tval	*web_child_options(struct req *, const char *const *set,
		    const char *prefix, const char *cur, const char *empty_key);
/* The municipalities of the actor's country, cur selected. */
struct tval	*web_child_munis(struct req *, int64_t cur);
/* The label of a sex code; dd.mm.yyyy of yyyy-mm-dd ("" when none). */
const char	*web_child_sex(struct req *, const char *);
const char	*web_child_date(struct req *, const char *iso);
/* Field errors as page_errors(), the field (its label, and the raw name)
 * in the alert. */
void		 web_child_errors(struct req *, struct tval *data);
/* Candidates of a duplicate check for the templates (chosen: selected). */
struct tval	*web_child_candidates(struct req *,
		    const struct child_candidate *, size_t n, int64_t chosen);
/* The child fields of a form or JSON body (routes' declared names: the
 * child's, child_municipality, and caregiver_* at registration). The API
 * reads the same declared fields with it. */
void		 web_child_fields(const struct req *, struct child_fields *);
/* The caregiver fields of a form or JSON body (name, relation, guardian,
 * lives_with, phone, note). */
void		 web_child_caregiver_fields(const struct req *,
		    struct caregiver_fields *);

#endif
