/*
 * assessment.c — screening and the comprehensive assessment of a case (svc
 * layer): the code lists, the screening that sets the risk through the
 * risk history, and the assessment draft -> completed. See assessment.h.
 */
#include <stdio.h>
#include <string.h>

#include "../audit/audit.h"
#include "../util/arena.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "assessment.h"
#include "case.h"
#include "deadline.h"

const char *const cw_risk_factors[] = { "injury", "sexual_abuse_disclosed",
	"basic_needs_neglected", "violence_at_home", "child_labour_street",
	"trafficking_signs", "substance_abuse_household",
	"caregiver_cannot_protect", "previous_reports", "under_three",
	"disability", "out_of_school", NULL };
const char *const cw_protective_factors[] = { "caring_adult", "safe_housing",
	"attends_school", "relatives_support", "engaged_with_services",
	"child_resilience", NULL };
const char *const cw_sources[] = { "home_visit", "child_interview",
	"parent_interview", "records", "police", NULL };

const char *const assessment_fields[ASM__MAX] = {
	[ASM_SAFETY] = "safety",
	[ASM_HEALTH] = "health",
	[ASM_EDUCATION] = "education",
	[ASM_FAMILY_CARE] = "family_care",
	[ASM_ECONOMIC] = "economic",
	[ASM_DEVELOPMENT] = "development",
	[ASM_CHILD_VIEWS] = "child_views",
	[ASM_STRENGTHS] = "strengths",
	[ASM_CONCLUSION] = "conclusion",
};

/* The domains a completed assessment must have. */
static const int asm_required[] = { ASM_SAFETY, ASM_FAMILY_CARE,
	ASM_CHILD_VIEWS, ASM_CONCLUSION };

const char *
cw_dup(struct arena *a, const struct store_row *r, int col)
{
	const char *s = arena_strdup(a, srow_text(r, col));

	return s ? s : "";
}

enum svc_rc
cw_unavailable(struct svc *s, enum store_rc rc)
{
	return svc_fail(s, svc_from_store(rc), NULL, "error.unavailable");
}

/* ---------------------------------------------------------------- shared */

int
cw_blank(const char *s)
{
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

enum svc_rc
cw_text(struct svc *s, const char *field, const char *t, size_t max,
    int multi)
{
	size_t n;

	t = svc_nz(t);
	n = strlen(t);
	if (!utf8_valid(t, n))
		return svc_fail(s, SVC_INVALID, field, "error.field.invalid");
	if (n > 4 * max || utf8_chars(t, n) > max)
		return svc_fail(s, SVC_INVALID, field, "error.field.toolong");
	if (!svc_text_ok(t, max, multi))
		return svc_fail(s, SVC_INVALID, field, "error.field.invalid");
	return SVC_OK;
}

enum svc_rc
cw_codes_parse(struct svc *s, const char *const *set, const char *field,
    const char *codes, const char **canon, struct cw_codes *out)
{
	size_t nset, i, len;
	char *seen, *copy, *p, *e, *tok;
	struct buf b;

	for (nset = 0; set[nset] != NULL; nset++)
		;
	if ((seen = arena_zalloc(s->a, nset + 1)) == NULL ||
	    (copy = arena_strdup(s->a, svc_nz(codes))) == NULL)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	for (p = copy; *p == ' '; p++)
		;
	if (*p != '\0') {
		for (tok = p; tok != NULL; tok = p) {
			if ((p = strchr(tok, ',')) != NULL)
				*p++ = '\0';
			while (*tok == ' ')
				tok++;
			for (e = tok + strlen(tok); e > tok && e[-1] == ' '; )
				*--e = '\0';
			for (i = 0; i < nset && strcmp(set[i], tok) != 0; i++)
				;
			if (i == nset)
				return svc_fail(s, SVC_INVALID, field,
				    "error.field.choice");
			if (seen[i])
				return svc_fail(s, SVC_INVALID, field,
				    "error.field.repeated");
			seen[i] = 1;
		}
	}
	buf_init(&b, s->a);
	if (out != NULL) {
		out->n = 0;
		if ((out->v = arena_zalloc(s->a, (nset + 1) *
		    sizeof(*out->v))) == NULL)
			return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	}
	for (i = 0, len = 0; i < nset; i++) {
		if (!seen[i])
			continue;
		if (len++)
			buf_putc(&b, ',');
		buf_puts(&b, set[i]);
		if (out != NULL)
			out->v[out->n++] = set[i];
	}
	if (b.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	if (canon != NULL)
		*canon = len ? b.p : "";
	return SVC_OK;
}

/* A stored list (codes of set, separated by commas): unknown codes of an
 * older code list are kept as they are. */
static void
codes_of(struct arena *a, const char *stored, struct cw_codes *out)
{
	char *copy, *p, *tok;
	size_t n = 1;

	out->v = NULL;
	out->n = 0;
	if (stored == NULL || *stored == '\0' ||
	    (copy = arena_strdup(a, stored)) == NULL)
		return;
	for (p = copy; *p; p++)
		n += *p == ',';
	if ((out->v = arena_zalloc(a, (n + 1) * sizeof(*out->v))) == NULL)
		return;
	for (p = copy; (tok = p) != NULL; ) {
		if ((p = strchr(tok, ',')) != NULL)
			*p++ = '\0';
		if (*tok)
			out->v[out->n++] = tok;
	}
}

/* ---------------------------------------------------------------- screening */

enum svc_rc
screening_count(struct svc *s, int64_t case_id, int64_t *n)
{
	struct sp p[] = { sp_int(case_id) };
	enum store_rc rc;

	*n = 0;
	if ((rc = store_exec(s->st, Q_SCR_COUNT, p, 1, store_cb_int, n,
	    NULL)) != STORE_OK)
		return cw_unavailable(s, rc);
	return SVC_OK;
}

struct screening_args {
	struct case_info		*c;
	const struct screening_new	*n;
	const char			*level, *risk, *protective, *sources;
	int64_t				 id;
};

static enum svc_rc
screening_tx(struct svc *s, void *arg)
{
	struct screening_args *a = arg;
	int64_t rid = 0, now = clock_now(), dl = 0;
	enum store_rc rc;
	enum svc_rc src;
	int emergency = a->n->emergency ? 1 : 0;
	int confirmed = strcmp(a->level, "high") == 0 && !emergency;

	if ((src = case_risk_set_in_tx(s, a->c, a->level, a->n->rationale,
	    a->n->version, &rid)) != SVC_OK)
		return src;
	{
		struct sp p[] = { sp_int(a->c->id), sp_int(rid),
		    sp_text(a->risk), sp_text(a->protective),
		    sp_text(a->sources), sp_int(emergency), sp_int(confirmed),
		    sp_int(s->actor->id), sp_int(now) };

		if ((rc = store_exec(s->st, Q_SCR_INSERT, p, 9, store_cb_int,
		    &a->id, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	if (emergency != a->c->emergency) {
		struct sp p[] = { sp_int(a->c->id), sp_int(emergency) };

		if ((rc = store_exec(s->st, Q_CW_CASE_EMERGENCY, p, 2, NULL,
		    NULL, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
	}
	/* A low risk needs no assessment: the plan is due from here, once. */
	if (strcmp(a->level, "low") == 0) {
		struct sp p[] = { sp_int(a->c->id),
		    sp_text(deadline_step_name(DL_PLAN)) };

		if ((rc = store_exec(s->st, Q_CW_DL_EXISTS, p, 2, store_cb_int,
		    &dl, NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
		if (dl == 0 && (src = deadline_step_start_in_tx(s, a->c->id,
		    DL_PLAN, now)) != SVC_OK)
			return src;
	}
	if ((src = case_event_in_tx(s, a->c->id, "screening", "risk", "",
	    a->level, emergency ? "emergency" : (confirmed ? "high_confirmed" :
	    ""))) != SVC_OK)
		return src;
	if ((rc = audit_record(s->st, s->actor, NULL, "screening.create",
	    "case", a->c->id, arena_printf(s->a, "screening=%lld risk=%lld"
	    " level=%s emergency=%d high_confirmed=%d factors=%s",
	    (long long)a->id, (long long)rid, a->level, emergency, confirmed,
	    a->risk))) != STORE_OK)
		return cw_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
screening_add(struct svc *s, int64_t case_id, const struct screening_new *n,
    int64_t *id)
{
	struct screening_args a;
	enum svc_rc rc;
	int level;

	memset(&a, 0, sizeof(a));
	if ((rc = case_for_write(s, case_id, 0, 0, &a.c)) != SVC_OK)
		return rc;
	if ((rc = cw_codes_parse(s, cw_risk_factors, "risk_factors",
	    n->risk_factors, &a.risk, NULL)) != SVC_OK ||
	    (rc = cw_codes_parse(s, cw_protective_factors,
	    "protective_factors", n->protective_factors, &a.protective,
	    NULL)) != SVC_OK ||
	    (rc = cw_codes_parse(s, cw_sources, "sources", n->sources,
	    &a.sources, NULL)) != SVC_OK)
		return rc;
	if ((level = case_risk_parse(n->level)) < 0)
		return svc_fail(s, SVC_INVALID, "level", "error.field.choice");
	if (cw_blank(n->rationale))
		return svc_fail(s, SVC_INVALID, "rationale",
		    "error.field.required");
	if ((rc = cw_text(s, "rationale", n->rationale, CASE_RATIONALE_MAX,
	    1)) != SVC_OK)
		return rc;
	/* High risk means immediate danger (DOMAIN.md §3): without the
	 * emergency flag the worker confirms it on purpose. */
	if (level == CASE_RISK_HIGH && !n->emergency && !n->confirm_high)
		return svc_fail(s, SVC_INVALID, "confirm_high",
		    "screening.high_confirm");
	if (n->version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.n = n;
	a.level = case_risk_name(level);
	if ((rc = svc_tx(s, screening_tx, &a)) != SVC_OK)
		return rc;
	if (id != NULL)
		*id = a.id;
	return SVC_OK;
}

static int
screening_cb(void *arg, const struct store_row *r)
{
	struct avec *l = arg;
	struct screening_info *k;

	if ((k = avec_next(l)) == NULL)
		return 1;
	k->id = srow_int(r, 0);
	k->risk_id = srow_int(r, 1);
	k->level = cw_dup(l->a, r, 2);
	k->rationale = cw_dup(l->a, r, 3);
	codes_of(l->a, srow_text(r, 4), &k->risk_factors);
	codes_of(l->a, srow_text(r, 5), &k->protective_factors);
	codes_of(l->a, srow_text(r, 6), &k->sources);
	k->emergency = (int)srow_int(r, 7);
	k->high_confirmed = (int)srow_int(r, 8);
	k->author_id = srow_int(r, 9);
	k->author = cw_dup(l->a, r, 10);
	k->at = srow_int(r, 11);
	k->validator = cw_dup(l->a, r, 12);
	return 0;
}

enum svc_rc
screening_list(struct svc *s, int64_t case_id, size_t limit,
    struct screening_info **out, size_t *n)
{
	struct avec l;
	enum store_rc rc;
	struct sp p[] = { sp_int(case_id), sp_int((int64_t)limit) };

	*out = NULL;
	*n = 0;
	if (limit == 0 || limit > CW_SCREENINGS_MAX)
		limit = CW_SCREENINGS_MAX;
	p[1] = sp_int((int64_t)limit);
	avec_init(&l, s->a, sizeof(**out), limit);
	if ((rc = store_exec(s->st, Q_SCR_LIST, p, 2, screening_cb, &l,
	    NULL)) != STORE_OK)
		return cw_unavailable(s, rc);
	if (l.oom)
		return svc_fail(s, SVC_TOOBIG, NULL, "error.toobig");
	*out = l.v;
	*n = l.n;
	return SVC_OK;
}

/* ---------------------------------------------------------------- assessment */

struct asm_row {
	struct arena		*a;
	struct assessment_info	*x;
};

static int
asm_cb(void *arg, const struct store_row *r)
{
	struct asm_row *o = arg;
	struct assessment_info *x;
	int i;

	if ((x = o->x = arena_zalloc(o->a, sizeof(*x))) == NULL)
		return 1;
	x->id = srow_int(r, 0);
	x->status = cw_dup(o->a, r, 1);
	for (i = 0; i < ASM__MAX; i++)
		x->text[i] = cw_dup(o->a, r, i < ASM_CONCLUSION ? 2 + i : 11);
	codes_of(o->a, srow_text(r, 10), &x->sources);
	x->created_at = srow_int(r, 12);
	x->updated_at = srow_int(r, 13);
	x->updated_by = cw_dup(o->a, r, 14);
	x->completed_at = srow_int(r, 15);
	x->completed_by = cw_dup(o->a, r, 16);
	return 1;
}

enum svc_rc
assessment_get(struct svc *s, int64_t case_id, struct assessment_info **out)
{
	struct asm_row o = { s->a, NULL };
	struct sp p[] = { sp_int(case_id) };
	enum store_rc rc;

	*out = NULL;
	if ((rc = store_exec(s->st, Q_ASM_GET, p, 1, asm_cb, &o, NULL)) !=
	    STORE_OK)
		return cw_unavailable(s, rc);
	*out = o.x;
	return SVC_OK;
}

struct asm_args {
	struct case_info		*c;
	const struct assessment_in	*in;
	const char			*sources;
};

static enum svc_rc
asm_tx(struct svc *s, void *arg)
{
	struct asm_args *a = arg;
	struct assessment_info *x;
	int64_t now = clock_now(), n = 0, id = 0;
	enum store_rc rc;
	enum svc_rc src;
	const char *status = NULL;
	struct sp p[13];
	size_t i;

	if ((src = screening_count(s, a->c->id, &n)) != SVC_OK)
		return src;
	if (n == 0)
		return svc_fail(s, SVC_INVALID, NULL, "assessment.no_screening");
	if ((src = assessment_get(s, a->c->id, &x)) != SVC_OK)
		return src;
	if (x != NULL && strcmp(x->status, "draft") != 0)
		return svc_fail(s, SVC_INVALID, NULL, "assessment.completed");
	if (x == NULL && strcmp(a->c->status, "screened") == 0)
		status = "assessment";
	if ((src = case_change_in_tx(s, a->c, status, a->in->version,
	    NULL)) != SVC_OK)
		return src;
	p[0] = sp_int(a->c->id);
	for (i = 0; i < ASM__MAX; i++)
		p[i < ASM_CONCLUSION ? 1 + i : 10] =
		    sp_text(svc_nz(a->in->text[i]));
	p[9] = sp_text(a->sources);
	p[11] = sp_int(s->actor->id);
	p[12] = sp_int(now);
	if (x == NULL)
		rc = store_exec(s->st, Q_ASM_INSERT, p, 13, store_cb_int, &id,
		    NULL);
	else {
		id = x->id;
		rc = store_exec(s->st, Q_ASM_UPDATE, p, 13, NULL, NULL, NULL);
	}
	if (rc != STORE_OK)
		return cw_unavailable(s, rc);
	if ((src = case_event_in_tx(s, a->c->id, x == NULL ?
	    "assessment.started" : "assessment.saved", "", "", "", "")) !=
	    SVC_OK)
		return src;
	if (a->in->complete) {
		struct sp pc[] = { sp_int(a->c->id), sp_int(s->actor->id),
		    sp_int(now) };

		if ((rc = store_exec(s->st, Q_ASM_COMPLETE, pc, 3, NULL, NULL,
		    NULL)) != STORE_OK)
			return cw_unavailable(s, rc);
		if ((src = deadline_step_done_in_tx(s, a->c->id, DL_ASSESSMENT,
		    now)) != SVC_OK)
			return src;
		/*
		 * The plan's deadline does not start here: for medium and
		 * high risk it starts when the case conference is held
		 * (svc/conference.c), for low risk at the screening.
		 */
		if ((src = case_event_in_tx(s, a->c->id,
		    "assessment.completed", "", "", "", "")) != SVC_OK)
			return src;
	}
	if ((rc = audit_record(s->st, s->actor, NULL, a->in->complete ?
	    "assessment.complete" : "assessment.save", "case", a->c->id,
	    arena_printf(s->a, "assessment=%lld new=%d", (long long)id,
	    x == NULL))) != STORE_OK)
		return cw_unavailable(s, rc);
	return SVC_OK;
}

enum svc_rc
assessment_save(struct svc *s, int64_t case_id, const struct assessment_in *in)
{
	struct asm_args a;
	enum svc_rc rc;
	size_t i;

	memset(&a, 0, sizeof(a));
	if ((rc = case_for_write(s, case_id, 0, 0, &a.c)) != SVC_OK)
		return rc;
	for (i = 0; i < ASM__MAX; i++)
		if ((rc = cw_text(s, assessment_fields[i], in->text[i],
		    CW_TEXT_MAX, 1)) != SVC_OK)
			return rc;
	if ((rc = cw_codes_parse(s, cw_sources, "sources", in->sources,
	    &a.sources, NULL)) != SVC_OK)
		return rc;
	if (in->complete)
		for (i = 0; i < sizeof(asm_required) / sizeof(asm_required[0]);
		    i++)
			if (cw_blank(in->text[asm_required[i]]))
				return svc_fail(s, SVC_INVALID,
				    assessment_fields[asm_required[i]],
				    "assessment.required");
	if (in->version != a.c->version)
		return svc_fail(s, SVC_CONFLICT, NULL, "case.conflict");
	a.in = in;
	return svc_tx(s, asm_tx, &a);
}
