/*
 * api_training.h — the JSON handlers of accredited training (api layer),
 * named in app/routes_training.inc; see docs/API.md, section "Training".
 */
#ifndef RRJETI_API_TRAINING_H
#define RRJETI_API_TRAINING_H

struct req;

void	api_tr_list(struct req *);
void	api_tr_create(struct req *);
void	api_tr_get(struct req *);
void	api_tr_session_create(struct req *);
void	api_tr_session(struct req *);
void	api_tr_session_status(struct req *);
void	api_tr_enrol(struct req *);
void	api_tr_attendance(struct req *);
void	api_tr_certificates(struct req *);
void	api_tr_profs(struct req *);
void	api_tr_prof_create(struct req *);
void	api_tr_prof(struct req *);
void	api_tr_merge(struct req *);

#endif
