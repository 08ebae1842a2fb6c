/*
 * api_children.h — the JSON handlers of a child's record (api layer),
 * named in app/routes_children.inc; see docs/API.md "Children: the
 * record, caregivers, siblings, merging".
 */
#ifndef RRJETI_API_CHILDREN_H
#define RRJETI_API_CHILDREN_H

struct req;

void	api_child_get(struct req *);
void	api_child_update(struct req *);
void	api_child_caregiver_add(struct req *);
void	api_child_caregiver_update(struct req *);
void	api_child_caregiver_remove(struct req *);
void	api_child_sibling_link(struct req *);
void	api_child_sibling_unlink(struct req *);
void	api_child_merge_preview(struct req *);
void	api_child_merge(struct req *);

#endif
