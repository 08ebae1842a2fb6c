/*
 * api.h — the JSON API handlers under /api/v1 (api layer: validated input
 * -> service -> JSON through the one writer, json/jw.h). Errors are
 * {"error": code, "message": text, "field": name}.
 */
#ifndef RRJETI_API_H
#define RRJETI_API_H

#include <stddef.h>

#include "../svc/svc.h"

struct req;

void	api_token_create(struct req *);
void	api_token_list(struct req *);
void	api_token_revoke(struct req *);
void	api_me(struct req *);
void	api_municipalities(struct req *);
void	api_concerns(struct req *);
void	api_agencies(struct req *);
void	api_agency_create(struct req *);
void	api_users(struct req *);
void	api_user_create(struct req *);
void	api_user_get(struct req *);
void	api_population(struct req *);
void	api_population_set(struct req *);
void	api_audit(struct req *);

/* Shared by the API handlers: a JSON response of status into r->out, and
 * the JSON error of a service result (its field and message). */
struct jw;
void	api_begin(struct req *, struct jw *, int status);
void	api_fail(struct req *, enum svc_rc);
/* "a, b,c" as its items (arena strings); *n of them (NULL on OOM). */
const char	**api_split(struct req *, const char *, size_t *n);

/* Installs the JSON error renderer in the http layer. */
void	api_init(void);

#endif
