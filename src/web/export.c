/*
 * export.c — the exports of the lists of the web interface (web layer):
 * GET <list path>/export?format=csv|xlsx|pdf with the page's own filters,
 * under the page's permission and scope (the list's service pages through
 * every row the page would show, capped at LIST_EXPORT_MAX), headings in
 * the user's language. A list with personal data (a child's or a family's
 * name or address, a professional's name) leaves only as the
 * AES-encrypted zip, for PERM_EXPORT_PERSONAL: its GET shows the password
 * form, which posts the same filters to the same path. Every export and
 * every refusal is audited (report_export_audit: what, format, rows).
 *
 * Each list is one struct ex_list: its columns, whether it is personal,
 * the filters its password form carries, and a function that fills the
 * rows from the list's service (never its SQL) exactly as the page shows
 * them. The routes are in app/routes_export.inc.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../doc/export.h"
#include "../svc/action_plan.h"
#include "../svc/agency.h"
#include "../svc/auditlog.h"
#include "../svc/community.h"
#include "../svc/conference.h"
#include "../svc/grant.h"
#include "../svc/intake.h"
#include "../svc/reference.h"
#include "../svc/referral.h"
#include "../svc/report.h"
#include "../svc/training.h"
#include "../svc/user.h"
#include "../svc/visit.h"
#include "../svc/workforce.h"
#include "../util/clock.h"
#include "render.h"
#include "web_children.h"
#include "web_export.h"
#include "web_report.h"

struct ex_list {
	const char		 *what;		/* audit object, file name */
	const char		 *path;		/* the export route */
	const char		 *title_key;
	const char *const	 *cols;		/* message keys */
	const enum rt_kind	 *kinds;
	size_t			  ncols;
	int			  personal;
	const char *const	 *filters;	/* the page's filter fields */
	/* Appends the rows (ncols cells each) to v; SVC_TOOBIG past its
	 * cap. */
	enum svc_rc		(*fill)(struct req *, struct avec *v);
};

/* The next row of v, or NULL past LIST_EXPORT_MAX or the request's
 * memory (s->err set). */
static struct rt_cell *
next_row(struct req *r, struct avec *v)
{
	struct rt_cell *c;

	if ((c = avec_next(v)) == NULL)
		(void)svc_fail(&r->svc, SVC_TOOBIG, NULL, "rpt.err.too_many");
	return c;
}

static const char *
muni_name(struct req *r, const char *sq, const char *sr)
{
	return r->lang == LANG_SR && sr != NULL && *sr ? sr : sq;
}

/* ---------------------------------------------------------- action plans */

static const char *const ap_cols[] = { "field.title", "field.municipality",
	"grant.period", "field.adopted", "ap.institution", "ap.objectives" };
static const enum rt_kind ap_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_INT };

static enum svc_rc
ap_fill(struct req *r, struct avec *v)
{
	struct ap_info *p;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = ap_list(&r->svc, &p, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = p[i].title;
		c[1].text = muni_name(r, p[i].municipality_sq,
		    p[i].municipality_sr);
		c[2].text = arena_printf(r->a, "%s – %s", web_child_date(r,
		    p[i].start), web_child_date(r, p[i].end));
		c[3].text = web_child_date(r, p[i].adopted);
		c[4].text = p[i].institution;
		c[5].v = p[i].objectives;
	}
	return SVC_OK;
}

/* ------------------------------------------------------------ trainings */

static const char *const tr_cols[] = { "training.field.title",
	"training.field.accreditation", "training.field.validity",
	"training.field.hours", "training.sessions", "training.participants" };
static const enum rt_kind tr_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_INT,
	RT_INT, RT_INT };

static enum svc_rc
tr_fill(struct req *r, struct avec *v)
{
	struct training_programme_info *p;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = training_programmes(&r->svc, &p, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = p[i].title;
		c[1].text = arena_printf(r->a, "%s · %s", p[i].body,
		    p[i].number);
		c[2].text = arena_printf(r->a, "%s – %s", web_child_date(r,
		    p[i].valid_from), web_child_date(r, p[i].valid_until));
		c[3].v = p[i].hours;
		c[4].v = p[i].sessions;
		c[5].v = p[i].participants;
	}
	return SVC_OK;
}

/* -------------------------------------------------------- professionals */

static const char *const pf_cols[] = { "training.field.name",
	"training.field.profile", "field.sex", "training.field.organisation",
	"field.municipality", "training.sessions" };
static const enum rt_kind pf_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_INT };
static const char *const pf_filters[] = { "q", "profile", "municipality",
	NULL };

static enum svc_rc
pf_fill(struct req *r, struct avec *v)
{
	struct training_prof_info *p;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = training_profs(&r->svc, req_str(r, "q"), req_str(r,
	    "profile"), req_int(r, "municipality"), &p, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = arena_printf(r->a, "%s %s", p[i].given,
		    p[i].family);
		c[1].text = page_code(r, "training.profile", p[i].profile);
		c[2].text = page_code(r, "training.sex", p[i].sex);
		c[3].text = *p[i].agency_name ? p[i].agency_name :
		    p[i].organisation;
		c[4].text = muni_name(r, p[i].municipality_sq,
		    p[i].municipality_sr);
		c[5].v = p[i].sessions;
	}
	return SVC_OK;
}

/* ---------------------------------------------------------- conferences */

static const char *const cf_cols[] = { "conference.field.when",
	"conference.field.kind", "conference.field.place",
	"conference.field.status", "conference.field.cases" };
static const enum rt_kind cf_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_INT };

static enum svc_rc
cf_fill(struct req *r, struct avec *v)
{
	struct conf_info *p;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = conference_list(&r->svc, &p, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = page_date(r, p[i].starts_at, 1);
		c[1].text = page_code(r, "conference.kind", p[i].kind);
		c[2].text = p[i].place;
		c[3].text = page_code(r, "conference.status", p[i].status);
		c[4].v = p[i].ncases;
	}
	return SVC_OK;
}

/* --------------------------------------------------------------- visits */

static const char *const vi_cols[] = { "field.date", "visit.kind_label",
	"field.place", "field.status", "visit.reports" };
static const enum rt_kind vi_kinds_x[] = { RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_INT };
static const char *const vi_filters[] = { "kind", "status", "month", NULL };

static enum svc_rc
vi_fill(struct req *r, struct avec *v)
{
	struct visit_query q;
	struct visit_info *p;
	struct rt_cell *c;
	int64_t total = 0;
	size_t i, n;
	enum svc_rc rc;

	memset(&q, 0, sizeof(q));
	q.kind = req_str(r, "kind");
	q.status = req_str(r, "status");
	q.month = req_str(r, "month");
	for (q.page = 1;; q.page++) {
		if ((rc = visit_list(&r->svc, &q, &p, &n, &total)) != SVC_OK)
			return rc;
		for (i = 0; i < n; i++) {
			if ((c = next_row(r, v)) == NULL)
				return SVC_TOOBIG;
			c[0].text = web_child_date(r, p[i].date);
			c[1].text = page_code(r, "visit.kind", p[i].kind);
			c[2].text = p[i].place;
			c[3].text = page_code(r, "visit.status", p[i].status);
			c[4].v = p[i].nreports;
		}
		if (n == 0 || (int64_t)v->n >= total)
			return SVC_OK;
	}
}

/* --------------------------------------------------------------- intake */

static const char *const in_cols[] = { "intake.received", "intake.child",
	"intake.concerns", "field.referrer_type", "field.channel" };
static const enum rt_kind in_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT };
static const char *const in_filters[] = { "status", NULL };

/* Rows asked of a service at a time: as many as it gives (the audit 200,
 * the others 500), so a long export asks few times. */
#define EX_PAGE		200
#define EX_PAGE_BIG	500

static enum svc_rc
in_fill(struct req *r, struct avec *v)
{
	struct report_info *x;
	struct rt_cell *c;
	struct buf b;
	const char *status = req_has(r, "status") ? req_str(r, "status") :
	    "received";
	size_t i, j, n;
	int off;
	enum svc_rc rc;

	for (off = 0;; off += EX_PAGE_BIG) {
		if ((rc = intake_list(&r->svc, status, EX_PAGE_BIG, off, &x,
		    &n)) != SVC_OK)
			return rc;
		for (i = 0; i < n; i++) {
			if ((c = next_row(r, v)) == NULL)
				return SVC_TOOBIG;
			c[0].text = page_date(r, x[i].received_at, 1);
			c[1].text = *x[i].given || *x[i].family ?
			    arena_printf(r->a, "%s %s", x[i].given,
			    x[i].family) : page_t(r, "intake.child_unknown");
			buf_init(&b, r->a);
			for (j = 0; j < x[i].nconcerns; j++) {
				if (j > 0)
					buf_puts(&b, ", ");
				buf_puts(&b, x[i].concerns[j].label[r->lang <
				    3 ? r->lang : 0]);
			}
			c[2].text = b.oom || b.p == NULL ? "" : b.p;
			c[3].text = page_code(r, "referrer", x[i].referrer_type);
			c[4].text = page_code(r, "channel", x[i].channel);
		}
		if (n < EX_PAGE_BIG)
			return SVC_OK;
	}
}

/* ---------------------------------------------------------------- users */

static const char *const us_cols[] = { "field.username", "field.full_name",
	"field.role", "field.agency", "field.team", "field.status" };
static const enum rt_kind us_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_TEXT };

static enum svc_rc
us_fill(struct req *r, struct avec *v)
{
	struct user_info *u;
	struct rt_cell *c;
	size_t i, n;
	int off;
	enum svc_rc rc;

	for (off = 0;; off += EX_PAGE_BIG) {
		if ((rc = user_list(&r->svc, req_int(r, "agency"), EX_PAGE_BIG,
		    off, &u, &n)) != SVC_OK)
			return rc;
		for (i = 0; i < n; i++) {
			if ((c = next_row(r, v)) == NULL)
				return SVC_TOOBIG;
			c[0].text = u[i].a.username;
			c[1].text = u[i].a.full_name;
			c[2].text = page_code(r, "role", role_name(u[i].a.role));
			c[3].text = u[i].a.agency_name;
			c[4].text = u[i].a.team_name;
			c[5].text = page_t(r, u[i].active ? "status.active" :
			    "status.disabled");
		}
		if (n < EX_PAGE_BIG)
			return SVC_OK;
	}
}

/* ------------------------------------------------------------ the audit */

static const char *const au_cols[] = { "export.col.number", "audit.at",
	"audit.actor", "audit.action", "audit.object", "audit.client",
	"audit.detail" };
static const enum rt_kind au_kinds[] = { RT_INT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_TEXT, RT_TEXT };

static enum svc_rc
au_fill(struct req *r, struct avec *v)
{
	struct audit_filter af;
	struct audit_entry *e;
	struct rt_cell *c;
	int64_t total = 0, to;
	size_t i, n;
	enum svc_rc rc;

	memset(&af, 0, sizeof(af));
	af.actor = req_str(r, "actor");
	af.action = req_str(r, "action");
	if (req_has(r, "from"))
		(void)clock_parse_date(req_str(r, "from"), &af.from);
	if (req_has(r, "to") && clock_parse_date(req_str(r, "to"), &to) == 0)
		af.to = to + 86400;	/* the whole last day, as the page */
	af.limit = EX_PAGE;
	for (;; af.offset += EX_PAGE) {
		if ((rc = auditlog_search(&r->svc, &af, &e, &n, &total)) !=
		    SVC_OK)
			return rc;
		for (i = 0; i < n; i++) {
			if ((c = next_row(r, v)) == NULL)
				return SVC_TOOBIG;
			c[0].v = e[i].id;
			c[1].text = page_date(r, e[i].at, 1);
			c[2].text = e[i].actor;
			c[3].text = e[i].action;
			c[4].text = e[i].object_id ? arena_printf(r->a,
			    "%s #%" PRId64, e[i].object_type, e[i].object_id) :
			    e[i].object_type;
			c[5].text = e[i].client;
			c[6].text = e[i].detail;
		}
		if (n == 0 || (int64_t)v->n >= total)
			return SVC_OK;
	}
}

/* ------------------------------------------------------------ workforce */

static const char *const wf_cols[] = { "field.municipality",
	"ind.col.children", "ind.col.workers", "ind.col.fte",
	"ind.col.children_per_fte", "workforce.norm", "ind.col.needed",
	"ind.col.short_by", "ind.col.open", "ind.col.open_per_worker" };
static const enum rt_kind wf_kinds[] = { RT_TEXT, RT_INT, RT_INT, RT_TEXT,
	RT_INT, RT_INT, RT_TEXT, RT_INT, RT_INT, RT_INT };

/* Thousandths as the page shows them: one decimal. */
static const char *
tenths(struct req *r, int64_t v)
{
	return arena_printf(r->a, "%" PRId64 ".%" PRId64, v / 1000,
	    v % 1000 / 100);
}

static enum svc_rc
wf_fill(struct req *r, struct avec *v)
{
	struct wf_unit *u;
	struct rt_cell *c;
	int year = req_has(r, "year") ? (int)req_int(r, "year") :
	    workforce_year_now();
	size_t i, n;
	enum svc_rc rc;

	if ((rc = workforce_units(&r->svc, 0, year, &u, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = u[i].name;
		c[1].v = u[i].children;
		c[1].missing = u[i].children < 0;
		c[2].v = u[i].workers;
		c[3].text = tenths(r, u[i].fte);
		c[4].v = u[i].fte > 0 && u[i].children >= 0 ?
		    u[i].children * 1000 / u[i].fte : 0;
		c[4].missing = !(u[i].fte > 0 && u[i].needed >= 0);
		c[5].v = u[i].per_worker;
		c[6].text = u[i].needed >= 0 ? tenths(r, u[i].needed) : "";
		c[7].v = u[i].short_by;
		c[8].v = u[i].open;
		c[9].v = u[i].fte > 0 ? u[i].open * 1000 / u[i].fte : 0;
		c[9].missing = u[i].fte <= 0;
	}
	return SVC_OK;
}

/* ------------------------------------------------------- donors, grants */

static const char *const dn_cols[] = { "field.name", "grant.field.kind",
	"field.programme", "grant.period", "grant.grants.count",
	"field.amount" };
static const enum rt_kind dn_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_INT, RT_CENTS };

static enum svc_rc
dn_fill(struct req *r, struct avec *v)
{
	struct donor_info *d;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = grant_donors(&r->svc, &d, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = *d[i].country ? arena_printf(r->a, "%s (%s)",
		    d[i].name, d[i].country) : d[i].name;
		c[1].text = page_code(r, "grant.donor_kind", d[i].kind);
		c[2].text = d[i].programme;
		c[3].text = arena_printf(r->a, "%s – %s", web_child_date(r,
		    d[i].start), web_child_date(r, d[i].end));
		c[4].v = d[i].grants;
		c[5].v = d[i].amount_cents;
	}
	return SVC_OK;
}

static const char *const gr_cols[] = { "grant.field.number", "field.title",
	"field.donor", "field.grantee", "grant.period", "field.amount",
	"grant.people", "grant.per_person", "field.status" };
static const enum rt_kind gr_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_CENTS, RT_INT, RT_CENTS, RT_TEXT };
static const char *const gr_filters[] = { "donor", "grantee",
	"municipality", "active_on", NULL };

static enum svc_rc
gr_fill(struct req *r, struct avec *v)
{
	struct grant_filter f;
	struct grant_info *g;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	memset(&f, 0, sizeof(f));
	f.donor = req_int(r, "donor");
	f.grantee = req_int(r, "grantee");
	f.municipality = req_int(r, "municipality");
	f.active_on = req_str(r, "active_on");
	if ((rc = grant_list(&r->svc, &f, &g, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = g[i].number;
		c[1].text = g[i].title;
		c[2].text = g[i].donor;
		c[3].text = g[i].grantee;
		c[4].text = arena_printf(r->a, "%s – %s", web_child_date(r,
		    g[i].start), web_child_date(r, g[i].end));
		c[5].v = g[i].amount_cents;
		c[6].v = g[i].people;
		c[6].suppressed = g[i].people == GRANT_SUPPRESSED;
		c[7].v = g[i].cents_per_person;
		c[7].missing = !(g[i].people > 0 && g[i].cents_per_person > 0);
		c[8].text = page_code(r, "grant.status", g[i].status);
	}
	return SVC_OK;
}

/* ------------------------------------------ community groups and alerts */

static const char *const cg_cols[] = { "field.name", "field.municipality",
	"field.communities", "community.members" };
static const enum rt_kind cg_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT,
	RT_INT };

static enum svc_rc
cg_fill(struct req *r, struct avec *v)
{
	struct community_group_info *g;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = community_groups(&r->svc, &g, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = g[i].name;
		c[1].text = muni_name(r, g[i].municipality_sq,
		    g[i].municipality_sr);
		c[2].text = page_codes(r, "community", g[i].communities);
		c[3].v = g[i].members;
	}
	return SVC_OK;
}

static const char *const al_cols[] = { "community.filed_at",
	"field.immediate_danger", "field.location", "community.group" };
static const enum rt_kind al_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT };

static enum svc_rc
al_fill(struct req *r, struct avec *v)
{
	struct community_alert_info *a;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	/* The page lists the alerts waiting for a decision. */
	if ((rc = community_alerts(&r->svc, "received", &a, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = page_date(r, a[i].filed_at, 1);
		c[1].text = a[i].immediate_danger ? page_t(r,
		    "field.immediate_danger") : "";
		c[2].text = a[i].location;
		c[3].text = a[i].group_name;
	}
	return SVC_OK;
}

/* ------------------------------------------- agencies and the population */

static const char *const ag_cols[] = { "field.code", "field.name",
	"field.type", "field.municipality", "agencies.users", "field.status" };
static const enum rt_kind ag_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_INT, RT_TEXT };

static enum svc_rc
ag_fill(struct req *r, struct avec *v)
{
	struct agency_info *a;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = agency_list(&r->svc, &a, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = a[i].code;
		c[1].text = a[i].name;
		c[2].text = page_code(r, "agency.type",
		    agency_type_name(a[i].type));
		c[3].text = a[i].municipality_id ? a[i].municipality_name :
		    a[i].country ? a[i].country : "";
		c[4].v = a[i].users;
		c[5].text = page_t(r, a[i].active ? "status.active" :
		    "status.disabled");
	}
	return SVC_OK;
}

static const char *const po_cols[] = { "field.municipality", "field.country",
	"field.children", "population.estimated", "field.source" };
static const enum rt_kind po_kinds[] = { RT_TEXT, RT_TEXT, RT_INT, RT_TEXT,
	RT_TEXT };

static enum svc_rc
po_fill(struct req *r, struct avec *v)
{
	struct population_row *p;
	struct rt_cell *c;
	char b[32];
	int year;
	size_t i, n;
	enum svc_rc rc;

	clock_format(clock_now(), 0, b, sizeof(b));
	year = req_has(r, "year") ? (int)req_int(r, "year") : atoi(b + 6);
	if ((rc = population_list(&r->svc, year, &p, &n)) != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = p[i].name;
		c[1].text = p[i].country;
		c[2].v = p[i].children;
		c[2].missing = p[i].children < 0;
		c[3].text = p[i].estimated ? page_t(r, "population.estimated") :
		    "";
		c[4].text = p[i].source;
	}
	return SVC_OK;
}

/* ------------------------------------------------------------ referrals */

static const char *const rf_cols[] = { "field.case", "field.to_agency",
	"field.service", "field.status", "field.due_date", "referral.sent_by" };
static const enum rt_kind rf_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_TEXT };
static const char *const rf_filters[] = { "show", NULL };

/* The referrals of the cases the actor sees, open or ended (show). */
static enum svc_rc
rf_fill(struct req *r, struct avec *v)
{
	struct referral_info *x;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	rc = strcmp(req_str(r, "show"), "ended") == 0 ?
	    referral_ended(&r->svc, &x, &n) : referral_open(&r->svc, &x, &n);
	if (rc != SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = x[i].case_number;
		c[1].text = x[i].to_agency;
		c[2].text = page_code(r, "provider.service", x[i].service);
		c[3].text = page_code(r, "referral.status", x[i].status);
		c[4].text = x[i].overdue ? arena_printf(r->a, "%s %s",
		    web_child_date(r, x[i].due_date), page_t(r,
		    "referral.overdue")) : web_child_date(r, x[i].due_date);
		c[5].text = x[i].worker;
	}
	return SVC_OK;
}

static const char *const ri_cols[] = { "referral.sent", "referral.from",
	"field.service", "field.urgency", "field.status", "field.due_date" };
static const enum rt_kind ri_kinds[] = { RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT,
	RT_TEXT, RT_TEXT };

/* The referrals to the actor's organisation: no child, no case number. */
static enum svc_rc
ri_fill(struct req *r, struct avec *v)
{
	struct referral_info *x;
	struct rt_cell *c;
	size_t i, n;
	enum svc_rc rc;

	if ((rc = referral_incoming(&r->svc, req_str(r, "status"), &x, &n)) !=
	    SVC_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((c = next_row(r, v)) == NULL)
			return SVC_TOOBIG;
		c[0].text = page_date(r, x[i].created_at, 0);
		c[1].text = x[i].from_agency;
		c[2].text = page_code(r, "provider.service", x[i].service);
		c[3].text = page_code(r, "referral.urgency", x[i].urgency);
		c[4].text = page_code(r, "referral.status", x[i].status);
		c[5].text = x[i].overdue ? arena_printf(r->a, "%s %s",
		    web_child_date(r, x[i].due_date), page_t(r,
		    "referral.overdue")) : web_child_date(r, x[i].due_date);
	}
	return SVC_OK;
}

/* ---------------------------------------------------------------- lists */

static const struct ex_list ex_action_plans = { "action_plans",
	"/action-plans/export", "ap.list.title", ap_cols, ap_kinds,
	sizeof(ap_cols) / sizeof(ap_cols[0]), 0, NULL, ap_fill };
static const struct ex_list ex_trainings = { "trainings",
	"/trainings/export", "training.list.title", tr_cols, tr_kinds,
	sizeof(tr_cols) / sizeof(tr_cols[0]), 0, NULL, tr_fill };
static const struct ex_list ex_professionals = { "professionals",
	"/professionals/export", "training.profs.title", pf_cols, pf_kinds,
	sizeof(pf_cols) / sizeof(pf_cols[0]), 1, pf_filters, pf_fill };
static const struct ex_list ex_conferences = { "conferences",
	"/conferences/export", "conference.list.title", cf_cols, cf_kinds,
	sizeof(cf_cols) / sizeof(cf_cols[0]), 0, NULL, cf_fill };
static const struct ex_list ex_visits = { "visits", "/visits/export",
	"visit.list.title", vi_cols, vi_kinds_x,
	sizeof(vi_cols) / sizeof(vi_cols[0]), 1, vi_filters, vi_fill };
static const struct ex_list ex_intake = { "intake", "/intake/export",
	"intake.title", in_cols, in_kinds, sizeof(in_cols) / sizeof(in_cols[0]),
	1, in_filters, in_fill };
static const struct ex_list ex_users = { "users", "/admin/users/export",
	"users.title", us_cols, us_kinds, sizeof(us_cols) / sizeof(us_cols[0]),
	0, NULL, us_fill };
static const struct ex_list ex_audit = { "audit", "/audit/export",
	"audit.title", au_cols, au_kinds, sizeof(au_cols) / sizeof(au_cols[0]),
	0, NULL, au_fill };
static const struct ex_list ex_workforce = { "workforce",
	"/workforce/export", "workforce.title", wf_cols, wf_kinds,
	sizeof(wf_cols) / sizeof(wf_cols[0]), 0, NULL, wf_fill };

static const struct ex_list ex_donors = { "donors", "/donors/export",
	"grant.donors.title", dn_cols, dn_kinds,
	sizeof(dn_cols) / sizeof(dn_cols[0]), 0, NULL, dn_fill };
static const struct ex_list ex_grants = { "grants", "/grants/export",
	"grant.grants.title", gr_cols, gr_kinds,
	sizeof(gr_cols) / sizeof(gr_cols[0]), 0, gr_filters, gr_fill };
static const struct ex_list ex_groups = { "community_groups",
	"/admin/community-groups/export", "community.groups.title", cg_cols,
	cg_kinds, sizeof(cg_cols) / sizeof(cg_cols[0]), 0, NULL, cg_fill };
static const struct ex_list ex_alerts = { "community_alerts",
	"/community-alerts/export", "community.triage.title", al_cols,
	al_kinds, sizeof(al_cols) / sizeof(al_cols[0]), 1, NULL, al_fill };
static const struct ex_list ex_agencies = { "agencies",
	"/admin/agencies/export", "agencies.title", ag_cols, ag_kinds,
	sizeof(ag_cols) / sizeof(ag_cols[0]), 0, NULL, ag_fill };
static const struct ex_list ex_population = { "population",
	"/admin/population/export", "population.title", po_cols, po_kinds,
	sizeof(po_cols) / sizeof(po_cols[0]), 0, NULL, po_fill };
static const struct ex_list ex_referrals = { "referrals",
	"/referrals/export", "referral.open.title", rf_cols, rf_kinds,
	sizeof(rf_cols) / sizeof(rf_cols[0]), 1, rf_filters, rf_fill };
static const struct ex_list ex_incoming = { "referrals_incoming",
	"/referrals/incoming/export", "referral.incoming.title", ri_cols,
	ri_kinds, sizeof(ri_cols) / sizeof(ri_cols[0]), 0, NULL, ri_fill };

/* ------------------------------------------------------------- handlers */

/* The rows of l as a table in t; the service's answer. */
static enum svc_rc
build(struct req *r, const struct ex_list *l, struct rt_table *t)
{
	struct avec v;
	enum svc_rc rc;

	avec_init(&v, r->a, l->ncols * sizeof(struct rt_cell),
	    LIST_EXPORT_MAX);
	if ((rc = l->fill(r, &v)) != SVC_OK)
		return rc;
	list_table(r, t, l->title_key, l->cols, l->kinds, l->ncols, &v);
	if (t->colnames == NULL)
		return svc_fail(&r->svc, SVC_TOOBIG, NULL, "rpt.err.too_many");
	t->personal = l->personal;
	return SVC_OK;
}

/* A service's refusal; too many rows (the cap, or the memory of the
 * request, which a list service may fill first) is 413. */
static void
fail(struct req *r, enum svc_rc rc)
{
	if (rc == SVC_TOOBIG) {
		http_error(r, 413, "rpt.err.too_many");
		return;
	}
	page_fail(r, rc, &r->svc.err);
}

/* Refuses a personal list to one without PERM_EXPORT_PERSONAL (audited):
 * 1 when refused. */
static int
refused(struct req *r, const struct ex_list *l)
{
	if (authz_allows(r->actor, PERM_EXPORT_PERSONAL, NULL))
		return 0;
	(void)report_export_audit(&r->svc, l->what, 0, req_str(r, "format"),
	    1, 0);
	http_error(r, 403, "export.err.personal");
	return 1;
}

/* The password form of a personal list, its filters kept hidden. */
static void
pw_form(struct req *r, const struct ex_list *l, size_t nrows)
{
	struct tval *d = page_data(r, "export.personal.title"), *hid, *h, *fl;
	const char *const *f;
	const char *fmt = req_str(r, "format");

	tv_set_str(d, "list", page_t(r, l->title_key));
	tv_set_int(d, "nrows", (int64_t)nrows);
	tv_set_str(d, "action", l->path);
	hid = tv_list(r->a);
	for (f = l->filters; f != NULL && *f != NULL; f++) {
		if (!req_has(r, *f))
			continue;
		h = tv_obj(r->a);
		tv_set_str(h, "name", *f);
		tv_set_str(h, "value", req_str(r, *f));
		tv_push(hid, h);
	}
	tv_set(d, "hidden", hid);
	fl = tv_list(r->a);
	tv_push(fl, page_option(r, "xlsx", "XLSX", strcmp(fmt, "csv") != 0 &&
	    strcmp(fmt, "pdf") != 0));
	tv_push(fl, page_option(r, "csv", "CSV", strcmp(fmt, "csv") == 0));
	tv_push(fl, page_option(r, "pdf", "PDF", strcmp(fmt, "pdf") == 0));
	tv_set(d, "formats", fl);
	tv_set_int(d, "pw_min", EXPORT_PW_MIN);
	page_errors(r, d);
	page_render(r, "export_personal", d);
}

static void
ex_get(struct req *r, const struct ex_list *l)
{
	struct rt_table t;
	enum svc_rc rc;

	if (l->personal && refused(r, l))
		return;
	/* A personal list too: its filters checked, its rows counted. */
	if ((rc = build(r, l, &t)) != SVC_OK) {
		fail(r, rc);
		return;
	}
	if (l->personal) {
		pw_form(r, l, t.nrows);
		return;
	}
	web_rt_export(r, &t, req_str(r, "format"), l->what, l->what, 0, 0);
}

static void
ex_post(struct req *r, const struct ex_list *l)
{
	struct rt_table t;
	enum svc_rc rc;

	if (refused(r, l))
		return;
	if ((rc = build(r, l, &t)) != SVC_OK) {
		fail(r, rc);
		return;
	}
	if (web_rt_export_zip(r, &t, req_str(r, "format"), l->what,
	    req_str(r, "password")) == EXPORT_WEAKPW) {
		r->status = 400;
		req_add_error(r, "password", "rpt.err.password");
		pw_form(r, l, t.nrows);
	}
}

static void
ex_invalid(struct req *r, const struct ex_list *l)
{
	if (refused(r, l))
		return;
	if (r->status < 400)
		r->status = 400;
	pw_form(r, l, 0);
}

#define EX_PLAIN(name, list)						\
void									\
web_ex_##name(struct req *r)						\
{									\
	ex_get(r, &list);						\
}
#define EX_PERSONAL(name, list)						\
EX_PLAIN(name, list)							\
void									\
web_ex_##name##_zip(struct req *r)					\
{									\
	ex_post(r, &list);						\
}									\
void									\
web_ex_##name##_invalid(struct req *r)					\
{									\
	ex_invalid(r, &list);						\
}

EX_PLAIN(action_plans, ex_action_plans)
EX_PLAIN(trainings, ex_trainings)
EX_PERSONAL(professionals, ex_professionals)
EX_PLAIN(conferences, ex_conferences)
EX_PERSONAL(visits, ex_visits)
EX_PERSONAL(intake, ex_intake)
EX_PLAIN(users, ex_users)
EX_PLAIN(audit, ex_audit)
EX_PLAIN(workforce, ex_workforce)
EX_PLAIN(donors, ex_donors)
EX_PLAIN(grants, ex_grants)
EX_PLAIN(community_groups, ex_groups)
EX_PERSONAL(community_alerts, ex_alerts)
EX_PLAIN(agencies, ex_agencies)
EX_PLAIN(population, ex_population)
EX_PERSONAL(referrals, ex_referrals)
EX_PLAIN(referrals_incoming, ex_incoming)
