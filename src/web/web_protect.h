/*
 * web_protect.h — the HTML handlers of protection measures and emergency
 * placements (web layer), named in app/routes_protect.inc, the protect
 * section of the case page and the running placements for /work.
 */
#ifndef RRJETI_WEB_PROTECT_H
#define RRJETI_WEB_PROTECT_H

#include "web.h"

struct tval;
struct case_full;

/* The protect section of the case page (templates/case_protect.html): fills
 * d.pr with what the actor may see and do; nothing on a case that is not
 * of Albania. */
void	web_protect_case(struct req *, struct tval *d, const struct case_full *);

/*
 * For /work (src/web/work.c, N's): d.placements, the running emergency
 * placements of the actor's cases, soonest expiry first, each { case_id,
 * number, kind, name, ends, countdown, red, expired }, and
 * d.placements_count; nothing when there are none.
 */
void	web_protect_work(struct req *, struct tval *d);

void	web_protect_measure_add(struct req *);
void	web_protect_measure_update(struct req *);
void	web_protect_measure_end(struct req *);
void	web_protect_placement_start(struct req *);
void	web_protect_placement_end(struct req *);

#endif
