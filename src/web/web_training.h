/*
 * web_training.h — the HTML handlers of accredited training (web layer),
 * named in app/routes_training.inc: programmes, sessions with the
 * attendance sheet, certificates as PDF, professionals.
 */
#ifndef RRJETI_WEB_TRAINING_H
#define RRJETI_WEB_TRAINING_H

struct req;

void	web_tr_list(struct req *);
void	web_tr_create(struct req *);
void	web_tr_view(struct req *);
void	web_tr_session_create(struct req *);
void	web_tr_session(struct req *);
void	web_tr_session_status(struct req *);
void	web_tr_enrol(struct req *);
void	web_tr_attendance(struct req *);
void	web_tr_certificates(struct req *);
void	web_tr_certificate(struct req *);
void	web_tr_profs(struct req *);
void	web_tr_prof(struct req *);
void	web_tr_merge(struct req *);

#endif
