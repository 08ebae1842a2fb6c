/*
 * web_indicator.h — the indicator pages (web layer): /indicators (an
 * indicator by period, dimension and filters, with its definition; small
 * cells shown as "<5") and /workforce (the norm, the units short of it,
 * the workers' full-time equivalents).
 */
#ifndef RRJETI_WEB_INDICATOR_H
#define RRJETI_WEB_INDICATOR_H

struct req;

void	web_indicators(struct req *);
void	web_indicators_invalid(struct req *);
void	web_workforce(struct req *);
void	web_workforce_fte(struct req *);
void	web_workforce_norm(struct req *);

#endif
