/*
 * api_indicator.h — the indicator JSON API (api layer): the list of the 13
 * indicators, one indicator as a table, the dashboard, the workforce norm.
 */
#ifndef RRJETI_API_INDICATOR_H
#define RRJETI_API_INDICATOR_H

struct req;
struct jw;
struct rt_table;

void	api_indicators(struct req *);
void	api_indicator(struct req *);
void	api_indicator_dashboard(struct req *);
void	api_workforce(struct req *);

#endif
