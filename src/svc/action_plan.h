/*
 * action_plan.h — municipal action plans for social services (svc layer;
 * issue 5, DOMAIN.md §5): a plan per municipality and period with its
 * title, adoption date and responsible institution; objectives;
 * indicators per objective (name, unit, baseline, target, direction up or
 * down); progress entries (period end date, value, note). Values are in
 * hundredths, parsed like amounts (grant_amount_parse: "12,5" is 1250).
 * Readers (PERM_ACTION_PLANS_READ) see their municipality's plans (all for
 * country scope), writers (PERM_ACTION_PLANS_WRITE) write them; a plan
 * outside the actor's municipality is SVC_NOTFOUND.
 */
#ifndef RRJETI_ACTION_PLAN_H
#define RRJETI_ACTION_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "svc.h"

#define AP_TEXT_MAX	200	/* characters: titles, names */
#define AP_UNIT_MAX	40
#define AP_NOTE_MAX	1000
#define AP_VALUE_MAX	100000000000LL	/* hundredths */
#define AP_LIST_MAX	500

extern const char *const ap_directions[];	/* up, down */

struct ap_new {
	int64_t		 municipality_id;	/* 0: the actor's */
	const char	*title, *start, *end, *adopted, *institution;
};
struct ap_info {
	int64_t		 id, municipality_id;
	const char	*municipality_sq, *municipality_sr, *country;
	const char	*title, *start, *end, *adopted, *institution;
	int64_t		 objectives;
};
struct ap_indicator_new {
	int64_t		 objective_id;
	const char	*name, *unit, *baseline, *target, *direction;
};
struct ap_progress {
	const char	*period_end, *note;
	int64_t		 value;
};
struct ap_indicator {
	int64_t		 id, objective_id;
	const char	*name, *unit, *direction;
	int64_t		 baseline, target;
	int64_t		 latest;	/* -1: no progress yet */
	const char	*latest_end;
	int		 percent;	/* of the way from baseline to target,
					 * 0..100 */
	struct ap_progress *progress;
	size_t		 nprogress;
};
struct ap_objective {
	int64_t			 id;
	const char		*title;
	struct ap_indicator	*indicators;
	size_t			 nindicators;
};
struct ap_full {
	struct ap_info		 p;
	struct ap_objective	*objectives;
	size_t			 nobjectives;
};

enum svc_rc	ap_create(struct svc *, const struct ap_new *, int64_t *id);
enum svc_rc	ap_list(struct svc *, struct ap_info **, size_t *n);
enum svc_rc	ap_get(struct svc *, int64_t id, struct ap_full **);
enum svc_rc	ap_objective_add(struct svc *, int64_t plan, const char *title,
		    int64_t *id);
enum svc_rc	ap_indicator_add(struct svc *, int64_t plan,
		    const struct ap_indicator_new *, int64_t *id);
/* A value for period_end: not before the plan's start, not after today. */
enum svc_rc	ap_progress_add(struct svc *, int64_t plan, int64_t indicator,
		    const char *period_end, const char *value, const char *note,
		    int64_t *id);
/* The percent of the way from baseline to target value is, 0..100. */
int		ap_percent(int64_t baseline, int64_t target, int64_t value);

#endif
