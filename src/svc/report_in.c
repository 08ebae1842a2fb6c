/*
 * report_in.c — reports in from police, schools and health centres (svc
 * layer). See report_in.h. The report itself is written by
 * intake_create_in_tx(); this service checks who files it and where, keeps
 * the text plain, and tells the Centre in the same transaction.
 */
#include <string.h>

#include "../util/arena.h"
#include "agency.h"
#include "consent.h"
#include "intake.h"
#include "notify.h"
#include "report_in.h"

/* The actor's agency when it is police, school or health. */
static enum svc_rc
reporter(struct svc *s, struct agency_info **g)
{
	if (!authz_allows(s->actor, PERM_REPORT_IN, NULL) ||
	    s->actor->agency_id == 0 ||
	    agency_fetch(s, s->actor->agency_id, g) != SVC_OK ||
	    !(*g)->active || ((*g)->type != AGENCY_POLICE &&
	    (*g)->type != AGENCY_SCHOOL && (*g)->type != AGENCY_HEALTH))
		return svc_fail(s, SVC_DENIED, NULL, "error.denied");
	return SVC_OK;
}

static int
centre_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct report_in_centre *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->name = cm_dup(l->a, r, 1);
	return 0;
}

enum svc_rc
report_in_centres(struct svc *s, struct report_in_centre **out, size_t *n)
{
	struct agency_info *g;
	struct avec l;
	struct sp p[1];
	enum store_rc rc;
	enum svc_rc src;

	*out = NULL;
	*n = 0;
	if ((src = reporter(s, &g)) != SVC_OK)
		return src;
	p[0] = sp_int(g->municipality_id);
	avec_init(&l, s->a, sizeof(**out), REPORT_IN_LIST_MAX);
	if ((rc = store_exec(s->st, Q_RI_CENTRES, p, 1, centre_cb, &l, NULL))
	    != STORE_OK)
		return cm_unavailable(s, rc);
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* Plain text of field: no markup, within max characters. */
static enum svc_rc
plain(struct svc *s, const char *field, const char *v, size_t max,
    int required, int multi)
{
	enum svc_rc rc;

	if ((rc = cm_text(s, field, v, max, required, multi)) != SVC_OK)
		return rc;
	if (strpbrk(svc_nz(v), "<>") != NULL)
		return svc_fail(s, SVC_INVALID, field, "report_in.err.markup");
	return SVC_OK;
}

struct create_args {
	const struct report_new	*rn;
	int64_t			 id;
};

static enum svc_rc
create_tx(struct svc *s, void *arg)
{
	struct create_args *a = arg;
	enum svc_rc rc;

	if ((rc = intake_create_in_tx(s, a->rn, &a->id)) != SVC_OK)
		return rc;
	return notify_agency_in_tx(s, a->rn->agency_id, ROLE_SUPERVISOR, 0,
	    "report_received", "report", a->id, arena_printf(s->a,
	    "/intake/%lld", (long long)a->id));
}

enum svc_rc
report_in_create(struct svc *s, const struct report_in_new *n, int64_t *id)
{
	static const char *const types[] = { [AGENCY_POLICE] = "police",
		[AGENCY_SCHOOL] = "school", [AGENCY_HEALTH] = "health" };
	struct report_in_centre *c;
	struct agency_info *g;
	struct create_args a;
	struct report_new rn;
	enum svc_rc rc;
	size_t nc, i;

	if ((rc = reporter(s, &g)) != SVC_OK)
		return rc;
	if ((rc = report_in_centres(s, &c, &nc)) != SVC_OK)
		return rc;
	for (i = 0; i < nc && c[i].id != n->centre; i++)
		;
	if (i == nc)
		return svc_fail(s, SVC_INVALID, "centre", n->centre ?
		    "error.field.invalid" : "error.field.required");
	if ((rc = plain(s, "given_name", n->given, 100, 0, 0)) != SVC_OK ||
	    (rc = plain(s, "family_name", n->family, 100, 0, 0)) != SVC_OK ||
	    (rc = plain(s, "location", n->location, 200, 1, 0)) != SVC_OK ||
	    (rc = plain(s, "narrative", n->narrative, REPORT_IN_TEXT_MAX, 1,
	    1)) != SVC_OK)
		return rc;
	memset(&rn, 0, sizeof(rn));
	rn.agency_id = n->centre;
	rn.referrer_agency_id = g->id;
	rn.received_on = "";
	rn.channel = "online";
	rn.referrer_type = types[g->type];
	rn.referrer_name = g->name;
	rn.referrer_contact = s->actor->full_name;
	rn.given = svc_nz(n->given);
	rn.family = svc_nz(n->family);
	rn.parent = "";
	rn.sex = n->sex && *n->sex ? n->sex : "u";
	rn.birth_date = "";
	rn.age = n->age;
	rn.location = n->location;
	rn.narrative = n->narrative;
	rn.immediate_danger = n->immediate_danger;
	rn.concerns = n->concerns;
	rn.nconcerns = n->nconcerns;
	memset(&a, 0, sizeof(a));
	a.rn = &rn;
	if ((rc = svc_tx(s, create_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
mine_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct report_in_info *v;

	if ((v = avec_next(l)) == NULL)
		return 1;
	v->id = srow_int(r, 0);
	v->received_at = srow_int(r, 1);
	v->status = strcmp(srow_text(r, 2), "received") == 0 ? "received" :
	    "handled";
	v->centre = cm_dup(l->a, r, 3);
	return 0;
}

enum svc_rc
report_in_mine(struct svc *s, struct report_in_info **out, size_t *n)
{
	struct agency_info *g;
	struct avec l;
	struct sp p[2];
	enum store_rc rc;
	enum svc_rc src;

	*out = NULL;
	*n = 0;
	if ((src = reporter(s, &g)) != SVC_OK)
		return src;
	p[0] = sp_int(g->id);
	p[1] = sp_int(REPORT_IN_LIST_MAX);
	avec_init(&l, s->a, sizeof(**out), REPORT_IN_LIST_MAX);
	if ((rc = store_exec(s->st, Q_RI_MINE, p, 2, mine_cb, &l, NULL)) !=
	    STORE_OK)
		return cm_unavailable(s, rc);
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}
