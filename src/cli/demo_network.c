/*
 * demo_network.c — the demo rows of the first-wave domains (cli layer).
 *
 * Called by demo.c network() for each municipality of the users of
 * `rrjeti init --demo` (Hani i Elezit, Tirana), after the conferences,
 * consent and community rows, in the load's transaction with every CHECK
 * enforced; it costs the same at any size of load. The rows are those the
 * services write (the SQL is in src/store/sql_sqlite_demo2.inc, with named
 * parameters bound from a small table of values):
 *
 *   providers (svc/provider.c): three agencies of type 'provider' in
 *   Kosovo (two in Albania) with profiles, a licence each with its
 *   services and the municipality (Kosovo: one valid, one expiring in 60
 *   days, one expired; Albania: one valid, one suspended), a
 *   provider_user each (ofruesi.hani, ofruesi2.hani, ...; the first with
 *   an e-mail address and e-mail notices on), a completed inspection of
 *   the first with its ratings and follow-up actions, a draft of the
 *   second;
 *   referrals (svc/referral.c): on open cases (the first caseworker's
 *   first) with a parent's consent covering the provider, one in each
 *   status: sent, waitlisted, accepted, in service with sessions, closed
 *   with sessions and feedback, declined, and a sent one overdue; the
 *   'referral' case event and version of each; reports in (report_in.c):
 *   two received and two registered reports of the load from the police
 *   and from the school are the table member's own;
 *   in Albania (svc/protect.c): emergency placements ending in about 10
 *   and 30 hours, two ended (one by a court measure), measures proposed,
 *   submitted, confirmed (expiring in 20 days) and ended;
 *   systematic visits (visit.c): planned, done with findings, done with a
 *   child identified (visit_report), cancelled;
 *   the inbox (notify.c): the notices those rows sent, read and unread;
 *   in Kosovo (grant.c, action_plan.c): the donor "Safe Network", a grant
 *   of EUR 2,700,000.00 to the first provider for shelter and day care
 *   with a report overdue, beneficiaries with categories and deliveries;
 *   the municipality's action plan with an up and a down indicator and
 *   progress; the project "Safe Network – Phase III" (report.c) with its
 *   targets, the grant and the programme;
 *   training (training.c): programmes of three accreditation bodies, a
 *   held and a planned session, fifteen professionals of every profile
 *   and both sexes (Kosovo: one name in two spellings), attendance and
 *   certificates;
 *   workforce and population (workforce.c, indicator.c): part-time FTE of
 *   two caseworkers, the child population of the year where missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../store/sql.h"
#include "../util/arena.h"
#include "../util/calendar.h"
#include "../util/names.h"
#include "demo_network.h"

#define DAY	86400
#define KV_MAX	128
#define CASES	24

/* ------------------------------------------------------------ parameters */

struct kv {
	const char	*k;
	const char	*t;	/* text, or NULL for the integer */
	int64_t		 i;
};

struct dn {
	struct demo_net	*n;
	struct arena	*a;
	struct kv	 kv[KV_MAX];
	int		 nkv;
};

static struct kv *
slot(struct dn *d, const char *k)
{
	int i;

	for (i = 0; i < d->nkv; i++)
		if (strcmp(d->kv[i].k, k) == 0)
			return &d->kv[i];
	if (d->nkv == KV_MAX)
		abort();	/* a programming error: KV_MAX too small */
	d->kv[d->nkv].k = k;
	return &d->kv[d->nkv++];
}

static void
si(struct dn *d, const char *k, int64_t v)
{
	struct kv *p = slot(d, k);

	p->t = NULL;
	p->i = v;
}

static void
stx(struct dn *d, const char *k, const char *v)
{
	struct kv *p = slot(d, k);

	p->t = v != NULL ? v : "";
	p->i = 0;
}

static int
fail(struct dn *d, enum qid q, const char *what)
{
	snprintf(d->n->err, d->n->errlen, "%s: %s", query_name(q), what);
	return -1;
}

/* The statement of q with its named parameters bound; NULL on error. */
static sqlite3_stmt *
prep(struct dn *d, enum qid q)
{
	sqlite3_stmt *s = NULL;
	const char *name;
	int i, k, n;

	if (sqlite3_prepare_v2(d->n->h, sql_sqlite[q], -1, &s, NULL) !=
	    SQLITE_OK) {
		fail(d, q, sqlite3_errmsg(d->n->h));
		return NULL;
	}
	n = sqlite3_bind_parameter_count(s);
	for (i = 1; i <= n; i++) {
		if ((name = sqlite3_bind_parameter_name(s, i)) == NULL)
			goto unbound;
		for (k = 0; k < d->nkv; k++)
			if (strcmp(d->kv[k].k, name + 1) == 0)
				break;
		if (k == d->nkv)
			goto unbound;
		if (d->kv[k].t != NULL)
			sqlite3_bind_text(s, i, d->kv[k].t, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(s, i, d->kv[k].i);
	}
	return s;
unbound:
	fail(d, q, name != NULL ? name : "?");
	sqlite3_finalize(s);
	return NULL;
}

/* Runs q to its end: the first column of its first row (0 when none), or
 * -1 on error. */
static int64_t
xi(struct dn *d, enum qid q)
{
	sqlite3_stmt *s;
	int64_t v = 0;
	int rc, first = 1;

	if ((s = prep(d, q)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (first) {
			v = sqlite3_column_int64(s, 0);
			first = 0;
		}
	if (rc != SQLITE_DONE) {
		fail(d, q, sqlite3_errmsg(d->n->h));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return v;
}

static int
x(struct dn *d, enum qid q)
{
	return xi(d, q) < 0 ? -1 : 0;
}

/* The local midnight after the day of t plus n days: a referral's due_at
 * (the answer due by that day). */
static int64_t
due_after(int64_t t, int n)
{
	int32_t day = 0;
	int64_t m = 0;

	(void)cal_date_of(t, &day);
	(void)cal_date_midnight(day + n + 1, &m);
	return m;
}

/* One inbox row. */
static int
note(struct dn *d, int64_t user, const char *kind, const char *type,
    int64_t id, const char *link, int64_t at, int64_t read)
{
	int64_t n0 = d->n->notifications;

	if (user <= 0)
		return 0;
	si(d, "nu", user);
	stx(d, "nkind", kind);
	stx(d, "ntype", type);
	si(d, "nid", id);
	stx(d, "nlink", link);
	si(d, "nat", at);
	si(d, "nread", read);
	d->n->notifications = n0 + 1;
	return x(d, Q_DEMO2_NOTE);
}

/* notify_agency_in_tx() to the intake agency's supervisors. */
static int
note_sups(struct dn *d, const char *kind, const char *type, int64_t id,
    const char *link, int64_t at, int64_t read)
{
	stx(d, "nkind", kind);
	stx(d, "ntype", type);
	si(d, "nid", id);
	stx(d, "nlink", link);
	si(d, "nat", at);
	si(d, "nread", read);
	if (x(d, Q_DEMO2_NOTE_SUPERVISORS) != 0)
		return -1;
	d->n->notifications += sqlite3_changes(d->n->h);
	return 0;
}

/* The suffix of an agency code: "hani" gives "HANI". */
static const char *
upper(struct dn *d, const char *s)
{
	char *u = arena_strdup(d->a, s);

	for (char *c = u; c != NULL && *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
	return u;
}

/* ------------------------------------------------------------ providers */

struct prov {
	const char	*name, *form, *desc, *ufull;
	int		 email;		/* the user has an e-mail address */
	const char	*issued, *expires, *lstatus, *lreason;
	int		 cap;
	const char	*svc[5];
	const char	*rf_svc;	/* the service referred to */
};

static const struct prov prov_xk[] = {
	{ "Shtëpia e Sigurt \"Streha\" %s", "ngo",
	    "Strehim emergjent dhe qendër ditore për fëmijët në rrezik.",
	    "Mimoza Rexhepi", 1, "-700 days", "+400 days", "active", "", 24,
	    { "shelter", "day_care", "psychosocial_counselling",
	    "residential_care", NULL }, "psychosocial_counselling" },
	{ "Qendra Ditore \"Hapat e Para\" %s", "ngo",
	    "Qendër ditore dhe mbështetje për familjet.",
	    "Agron Sylejmani", 0, "-1035 days", "+60 days", "active", "", 40,
	    { "day_care", "family_support", "parenting_programme", NULL },
	    "family_support" },
	{ "Fondacioni \"Zëri i Fëmijës\" %s", "private",
	    "Ndihmë juridike dhe linjë ndihmëse për fëmijët.",
	    "Teuta Osmani", 0, "-1125 days", "-30 days", "active", "", 15,
	    { "legal_aid", "helpline", "psychosocial_counselling", NULL },
	    NULL },
};

static const struct prov prov_al[] = {
	{ "Qendra \"Shpresa\" %s", "ngo",
	    "Strehim, qendër ditore dhe këshillim psikosocial.",
	    "Ermira Hoxha", 1, "-500 days", "+600 days", "active", "", 30,
	    { "shelter", "day_care", "psychosocial_counselling", NULL },
	    "psychosocial_counselling" },
	{ "Shoqata \"Familja e Ngrohtë\" %s", "ngo",
	    "Kujdes kujdestar dhe mbështetje për familjet.",
	    "Gentian Lala", 0, "-300 days", "+800 days", "suspended",
	    "Mungon stafi i licencuar sipas standardit 7.", 12,
	    { "foster_care", "family_support", NULL }, NULL },
};

#define PROV_MAX 3

struct pv {
	int64_t		 agency, user, licence;
	const char	*number, *name, *rf_svc;
};

static int
providers(struct dn *d, struct pv *pv, int *npv)
{
	struct demo_net *n = d->n;
	int xk = strcmp(n->country, "XK") == 0, k, j;
	const struct prov *p = xk ? prov_xk : prov_al;
	int np = xk ? 3 : 2;
	const char *up;

	up = upper(d, n->sfx);
	for (k = 0; k < np; k++, p++) {
		struct pv *v = &pv[k];

		v->name = arena_printf(d->a, p->name, n->muni_name);
		stx(d, "p_code", arena_printf(d->a, "OFR%d-%s", k + 1, up));
		stx(d, "p_name", v->name);
		if ((v->agency = xi(d, Q_DEMO2_AGENCY)) <= 0)
			return -1;
		n->agencies++;
		si(d, "pa", v->agency);
		stx(d, "p_form", p->form);
		stx(d, "p_reg", arena_printf(d->a, "%s-%d%05d", n->country,
		    k + 1, (int)(n->muni % 100000)));
		stx(d, "p_addr", arena_printf(d->a, "Rruga \"Dëshmorët\" %d, %s",
		    12 + 7 * k, n->muni_name));
		stx(d, "p_phone", arena_printf(d->a, xk ? "+383 44 %03d %03d" :
		    "+355 69 %03d %04d", 210 + k, 4400 + 37 * k));
		stx(d, "p_email", arena_printf(d->a, "info@ofruesi%d-%s.example",
		    k + 1, n->sfx));
		stx(d, "p_desc", p->desc);
		if (x(d, Q_DEMO2_PROFILE) != 0)
			return -1;
		stx(d, "p_user", k == 0 ? arena_printf(d->a, "ofruesi.%s",
		    n->sfx) : arena_printf(d->a, "ofruesi%d.%s", k + 1, n->sfx));
		stx(d, "p_ufull", p->ufull);
		stx(d, "p_uemail", p->email ? arena_printf(d->a,
		    "ofruesi.%s@example.org", n->sfx) : "");
		si(d, "p_unotify", p->email);
		if ((v->user = xi(d, Q_DEMO2_USER)) <= 0)
			return -1;
		n->users++;
		v->number = arena_printf(d->a, "LIC-%s-%s-%02d", n->country, up,
		    k + 1);
		stx(d, "p_lic", v->number);
		stx(d, "p_issued", p->issued);
		stx(d, "p_expires", p->expires);
		si(d, "p_cap", p->cap);
		stx(d, "p_lstatus", p->lstatus);
		stx(d, "p_lreason", p->lreason);
		if ((v->licence = xi(d, Q_DEMO2_LICENCE)) <= 0)
			return -1;
		si(d, "pl", v->licence);
		for (j = 0; p->svc[j] != NULL; j++) {
			stx(d, "svc", p->svc[j]);
			if (x(d, Q_DEMO2_LICENCE_SERVICE) != 0)
				return -1;
		}
		if (x(d, Q_DEMO2_LICENCE_MUNI) != 0)
			return -1;
		v->rf_svc = p->rf_svc;
	}
	*npv = np;
	return 0;
}

/* A completed inspection of the first provider with two follow-up
 * actions, a draft of the second. */
static int
inspections(struct dn *d, const struct pv *pv)
{
	int64_t ins;
	const char *link;

	si(d, "pa", pv[0].agency);
	si(d, "pl", pv[0].licence);
	si(d, "pu", pv[0].user);
	stx(d, "p_inspectors", "Besa Kelmendi, Ilir Hasani");
	stx(d, "p_note", "Dosjet nuk kanë planin individual të përditësuar.");
	if ((ins = xi(d, Q_DEMO2_INSPECTION_DONE)) <= 0)
		return -1;
	si(d, "ins", ins);
	if (x(d, Q_DEMO2_INSPECTION_DONE_ITEMS) != 0)
		return -1;
	stx(d, "p_action", "Përditësimi i planeve individuale të kujdesit "
	    "për çdo përfitues.");
	stx(d, "p_deadline", "+30 days");
	si(d, "p_done", 0);
	if (x(d, Q_DEMO2_INSPECTION_ACTION) != 0)
		return -1;
	stx(d, "p_action", "Trajnim i stafit për procedurën e ankesave.");
	stx(d, "p_deadline", "-5 days");
	si(d, "p_done", 1);
	if (x(d, Q_DEMO2_INSPECTION_ACTION) != 0)
		return -1;
	link = arena_printf(d->a, "/providers/%lld", (long long)pv[1].agency);
	/* The licence of the second expiring (Kosovo) or suspended: its
	 * notice to the provider's user. */
	if (note(d, pv[1].user, "licence_expiring", "licence", pv[1].licence,
	    link, d->n->now - 2 * DAY, 0) != 0)
		return -1;
	si(d, "pa", pv[1].agency);
	si(d, "pl", pv[1].licence);
	if ((ins = xi(d, Q_DEMO2_INSPECTION_DRAFT)) <= 0)
		return -1;
	si(d, "ins", ins);
	return x(d, Q_DEMO2_INSPECTION_DRAFT_ITEMS);
}

/* ------------------------------------------------------------ referrals */

struct rfspec {
	const char	*status, *urgency;
	int		 sent_ago, answered_ago, due_days;
	const char	*ans_reason, *outcome, *outcome_note;
	int		 sessions, version;
};

static const struct rfspec rfs[] = {
	{ "sent", "routine", 1, 0, 10, "", "", "", 0, 1 },
	{ "waitlisted", "routine", 8, 5, 10,
	    "Vend i lirë pas tri javësh.", "", "", 0, 2 },
	{ "accepted", "urgent", 6, 4, 3, "", "", "", 0, 2 },
	{ "in_service", "routine", 30, 27, 10, "", "", "", 3, 3 },
	{ "closed", "routine", 80, 77, 10, "", "completed",
	    "Tetë seanca; marrëdhënia me prindërit është përmirësuar.", 2, 4 },
	{ "declined", "routine", 12, 10, 10,
	    "Nuk kemi kapacitet për këtë shërbim këtë muaj.", "", "", 0, 2 },
	{ "sent", "urgent", 9, 0, 3, "", "", "", 0, 1 },	/* overdue */
};
#define NRF	(int)(sizeof(rfs) / sizeof(rfs[0]))

struct dcase {
	int64_t		 id, worker;
};

static int
cases(struct dn *d, struct dcase *c, int *nc)
{
	sqlite3_stmt *s;
	int rc;

	*nc = 0;
	if ((s = prep(d, Q_DEMO2_CASES)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *nc < CASES) {
		c[*nc].id = sqlite3_column_int64(s, 0);
		c[*nc].worker = sqlite3_column_int64(s, 1);
		(*nc)++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(d, Q_DEMO2_CASES, sqlite3_errmsg(d->n->h));
	return 0;
}

/* case_event_in_tx() and case_change_in_tx(): the event and a version. */
static int
case_event(struct dn *d, const struct dcase *c, int64_t at,
    const char *kind, const char *field, const char *after)
{
	si(d, "case", c->id);
	si(d, "cw", c->worker);
	si(d, "t0", at);
	stx(d, "ekind", kind);
	stx(d, "efield", field);
	stx(d, "eafter", after);
	if (x(d, Q_DEMO2_CASE_EVENT) != 0)
		return -1;
	d->n->events++;
	return x(d, Q_DEMO2_CASE_TOUCH);
}

static int
referral(struct dn *d, const struct dcase *c, const struct pv *p,
    const struct rfspec *r)
{
	struct demo_net *n = d->n;
	int64_t t0 = n->now - (int64_t)r->sent_ago * DAY - 3 * 3600;
	int64_t ans = r->answered_ago ? n->now - (int64_t)r->answered_ago *
	    DAY - 2 * 3600 : 0, consent, rf, due;
	const char *clink, *rlink;
	int k;

	si(d, "case", c->id);
	si(d, "cw", c->worker);
	si(d, "t0", t0);
	si(d, "to", p->agency);
	if ((consent = xi(d, Q_DEMO2_CONSENT)) <= 0)
		return -1;
	si(d, "consent", consent);
	if (x(d, Q_DEMO2_CONSENT_AGENCY) != 0 ||
	    x(d, Q_DEMO2_CONSENT_CATEGORY) != 0)
		return -1;
	due = due_after(t0, r->due_days);
	si(d, "due", due);
	stx(d, "svc", p->rf_svc);
	stx(d, "reason", "Fëmija ka nevojë për mbështetje pas vlerësimit; "
	    "shih përmbledhjen e rastit.");
	stx(d, "urg", r->urgency);
	si(d, "pl", p->licence);
	stx(d, "lic", p->number);
	stx(d, "rstatus", r->status);
	stx(d, "ans_reason", r->ans_reason);
	si(d, "ans_at", ans);
	si(d, "ans_by", ans ? p->user : 0);
	stx(d, "outcome", r->outcome);
	stx(d, "outcome_note", r->outcome_note);
	si(d, "version", r->version);
	if ((rf = xi(d, Q_DEMO2_REFERRAL)) <= 0)
		return -1;
	n->referrals++;
	si(d, "rf", rf);
	si(d, "pu", p->user);
	for (k = 0; k < r->sessions; k++) {
		si(d, "at", ans + (int64_t)(3 + 7 * k) * DAY);
		si(d, "count", 1 + k % 2);
		stx(d, "note", k == 0 ? "Seanca e parë me fëmijën dhe nënën." :
		    "Seancë individuale.");
		if (x(d, Q_DEMO2_RF_SESSION) != 0)
			return -1;
	}
	if (strcmp(r->status, "closed") == 0) {
		si(d, "at", n->now - DAY);
		stx(d, "note", "Shërbimi përfundoi me sukses; familja "
		    "mbështetet nga qendra ditore.");
		if (x(d, Q_DEMO2_RF_FEEDBACK) != 0)
			return -1;
	}
	if (case_event(d, c, t0, "referral", "referral", p->rf_svc) != 0)
		return -1;
	rlink = arena_printf(d->a, "/referrals/%lld", (long long)rf);
	clink = arena_printf(d->a, "/cases/%lld#referrals", (long long)c->id);
	if (note(d, p->user, "referral_received", "referral", rf, rlink, t0,
	    ans ? ans : (r->sent_ago > 5 ? t0 + DAY : 0)) != 0)
		return -1;
	if (ans && note(d, c->worker, "referral_answered", "referral", rf,
	    clink, ans, r->answered_ago > 20 ? ans + DAY : 0) != 0)
		return -1;
	if (due < n->now && strcmp(r->status, "sent") == 0 &&
	    (note(d, c->worker, "referral_overdue", "referral", rf, clink, due,
	    0) != 0 || note_sups(d, "referral_overdue", "referral", rf, clink,
	    due, 0) != 0))
		return -1;
	return 0;
}

static int
referrals(struct dn *d, const struct dcase *c, int nc, const struct pv *pv)
{
	int xk = strcmp(d->n->country, "XK") == 0, k;

	for (k = 0; k < NRF && k < nc; k++)
		if (referral(d, &c[k], &pv[xk ? k % 2 : 0], &rfs[k]) != 0)
			return -1;
	return 0;
}

/* Reports of the load from the police and the school: the table member's
 * own (report_in.c), the supervisors told of those still waiting. */
static int
reports_in(struct dn *d)
{
	static const char *const who[][2] = { { "pol", "police" },
		{ "shk", "school" } };
	static const char *const statuses[] = { "received", "registered" };
	sqlite3_stmt *s;
	int64_t tm, id, at;
	const char *user;
	int k, j, rc;

	for (k = 0; k < 2; k++) {
		user = arena_printf(d->a, "%s.%s", who[k][0], d->n->sfx);
		stx(d, "uname", user);
		if ((tm = xi(d, Q_DEMO2_USER_ID)) < 0)
			return -1;
		if (tm == 0)
			continue;
		si(d, "tm", tm);
		stx(d, "rtype", who[k][1]);
		for (j = 0; j < 2; j++) {
			stx(d, "rstatus", statuses[j]);
			if ((s = prep(d, Q_DEMO2_REPORTS_IN)) == NULL)
				return -1;
			while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
				id = sqlite3_column_int64(s, 0);
				at = sqlite3_column_int64(s, 1);
				if (j == 0 && note_sups(d, "report_received",
				    "report", id, arena_printf(d->a,
				    "/intake/%lld", (long long)id), at, 0) != 0) {
					sqlite3_finalize(s);
					return -1;
				}
			}
			sqlite3_finalize(s);
			if (rc != SQLITE_DONE)
				return fail(d, Q_DEMO2_REPORTS_IN,
				    sqlite3_errmsg(d->n->h));
		}
	}
	return 0;
}

/* ------------------------------------------------------------ protection */

struct mspec {
	const char	*type, *by, *dec, *sub, *conf, *exp, *status, *reason;
	int		 version;
};

static int
measure(struct dn *d, const struct dcase *c, const struct mspec *m,
    int64_t *id)
{
	si(d, "case", c->id);
	si(d, "cw", c->worker);
	si(d, "t0", d->n->now + (int64_t)atoi(m->dec) * DAY);
	stx(d, "mtype", m->type);
	stx(d, "mby", m->by);
	stx(d, "d_dec", m->dec);
	stx(d, "d_sub", m->sub);
	stx(d, "d_conf", m->conf);
	stx(d, "d_exp", m->exp);
	stx(d, "mstatus", m->status);
	stx(d, "mreason", m->reason);
	si(d, "mversion", m->version);
	if ((*id = xi(d, Q_DEMO2_MEASURE)) <= 0)
		return -1;
	/* The event of the last step, on the day of its decision. */
	return case_event(d, c, d->n->now + (int64_t)atoi(m->dec) * DAY,
	    "measure", m->type, m->status);
}

static int
placement(struct dn *d, const struct dcase *c, const char *kind,
    const char *place, int64_t start, int64_t ended, const char *how,
    int64_t mid, int64_t *id)
{
	si(d, "case", c->id);
	si(d, "cw", c->worker);
	si(d, "t0", start);
	stx(d, "pkind", kind);
	stx(d, "pname", place);
	si(d, "ended", ended);
	stx(d, "how", how);
	si(d, "mid", mid);
	if ((*id = xi(d, Q_DEMO2_PLACEMENT)) <= 0)
		return -1;
	if (case_event(d, c, start, "placement", "place_kind", kind) != 0)
		return -1;
	return ended ? case_event(d, c, ended, "placement", "end_how", how) :
	    0;
}

/* Albania: placements and measures on the cases after the referrals'. */
static int
protection(struct dn *d, const struct dcase *c, int nc, const struct pv *pv)
{
	static const struct mspec ms[] = {
		{ "alternative_care", "court", "-49 days", "-49 days",
		    "-45 days", "+20 days", "confirmed", "", 3 },
		{ "family_supervision", "unit", "-2 days", "", "", "",
		    "proposed", "", 1 },
		{ "emergency_protection", "court", "-6 days", "-5 days", "",
		    "", "submitted", "", 2 },
		{ "family_supervision", "unit", "-200 days", "-198 days",
		    "-190 days", "", "ended", "goals_met", 4 },
	};
	int64_t now = d->n->now, mid[4], pid, t;
	const char *link;
	int k;

	if (nc < NRF + 6)
		return 0;
	c += NRF;
	for (k = 0; k < 4; k++)
		if (measure(d, &c[k], &ms[k], &mid[k]) != 0)
			return -1;
	/* The confirmed measure followed a placement ended by it; its
	 * expiry notice read, the worker's. */
	t = now - 50 * DAY;
	if (placement(d, &c[0], "shelter", pv[0].name, t, t + 2 * DAY,
	    "court_measure", mid[0], &pid) != 0)
		return -1;
	link = arena_printf(d->a, "/cases/%lld#protect", (long long)c[0].id);
	if (note(d, c[0].worker, "measure_expiring", "measure", mid[0], link,
	    now - 3 * DAY, now - 2 * DAY) != 0)
		return -1;
	t = now - 20 * DAY;
	if (placement(d, &c[3], "relatives", "Te gjyshja nga nëna", t,
	    t + 2 * DAY, "returned_family", 0, &pid) != 0)
		return -1;
	/* Running: ends in about 10 hours (the worker and the supervisors
	 * told), in about 30 hours. */
	t = now - 259200 + 10 * 3600;
	if (placement(d, &c[4], "shelter", pv[0].name, t, 0, "", 0, &pid) != 0)
		return -1;
	link = arena_printf(d->a, "/cases/%lld#protect", (long long)c[4].id);
	if (note(d, c[4].worker, "placement_expiring", "placement_hours", pid,
	    link, now - 3600, 0) != 0 || note_sups(d, "placement_expiring",
	    "placement_hours", pid, link, now - 3600, 0) != 0)
		return -1;
	t = now - 259200 + 30 * 3600;
	return placement(d, &c[5], "alternative_care",
	    "Familja kujdestare Dervishi", t, 0, "", 0, &pid);
}

/* ------------------------------------------------------------ visits */

static int
visits(struct dn *d, int64_t tm)
{
	static const struct {
		const char	*kind, *day, *place, *status, *cancel;
		const char	*findings;
		int		 f, m, version, report;
	} vs[] = {
		{ "school", "+5 days", "Shkolla fillore, klasat I–V",
		    "planned", "", "", 0, 0, 1, 0 },
		{ "preschool", "-12 days", "Kopshti i fëmijëve \"Lulet\"",
		    "done", "", "Dy fëmijë pa vaksinim të plotë; një fëmijë "
		    "me shenja neglizhimi, i referuar.", 14, 17, 2, 0 },
		{ "home", "-6 days", "Lagjja e Re, shtëpitë pranë lumit",
		    "done", "", "Një fëmijë jashtë shkollës; raporti u "
		    "regjistrua në pranim.", 1, 0, 2, 1 },
		{ "school", "-3 days", "Shkolla e mesme e ulët",
		    "cancelled", "Shkolla e mbyllur për shkak të motit.", "",
		    0, 0, 2, 0 },
	};
	int64_t v;
	int k;

	si(d, "cw", d->n->worker);
	for (k = 0; k < (int)(sizeof(vs) / sizeof(vs[0])); k++) {
		stx(d, "vkind", vs[k].kind);
		stx(d, "vday", vs[k].day);
		stx(d, "place", arena_printf(d->a, "%s, %s", vs[k].place,
		    d->n->muni_name));
		stx(d, "hnames", strcmp(vs[k].status, "cancelled") ?
		    "Vjosa Berisha (infermiere)" : "");
		stx(d, "hinst", strcmp(vs[k].status, "cancelled") ?
		    "Qendra e Mjekësisë Familjare" : "");
		stx(d, "vstatus", vs[k].status);
		stx(d, "vcancel", vs[k].cancel);
		stx(d, "findings", vs[k].findings);
		si(d, "seen_f", vs[k].f);
		si(d, "seen_m", vs[k].m);
		si(d, "vversion", vs[k].version);
		if ((v = xi(d, Q_DEMO2_VISIT)) <= 0)
			return -1;
		si(d, "visit", v);
		si(d, "nu", d->n->worker);
		if (x(d, Q_DEMO2_VISIT_PARTICIPANT) != 0)
			return -1;
		si(d, "nu", tm);
		if (x(d, Q_DEMO2_VISIT_PARTICIPANT) != 0)
			return -1;
		if (vs[k].report && x(d, Q_DEMO2_VISIT_REPORT) != 0)
			return -1;
		if (k == 0 && note(d, tm, "visit_planned", "visit", v,
		    arena_printf(d->a, "/visits/%lld", (long long)v),
		    d->n->now - DAY, 0) != 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ grants */

/* Kosovo: the donor, a grant to the first provider with its reports (one
 * overdue) and beneficiaries reached; returns the grant id in *grant and
 * the donor in *donor. */
static int
grants(struct dn *d, const struct pv *p, int64_t *donor, int64_t *grant)
{
	static const struct {
		const char	*kind, *sex, *band, *cat[3];
	} bs[] = {
		{ "child", "f", "6_11", { "at_risk", NULL } },
		{ "child", "m", "6_11", { "at_risk", "domestic_violence",
		    NULL } },
		{ "child", "f", "12_14", { "violence_survivor", NULL } },
		{ "child", "m", "0_5", { "at_risk", NULL } },
		{ "child", "m", "15_17", { "at_risk", "disability", NULL } },
		{ "child", "f", "0_5", { "domestic_violence", NULL } },
		{ "child", "f", "15_17", { "trafficking", NULL } },
		{ "child", "m", "12_14", { "at_risk", NULL } },
		{ "adult", "f", "18_64", { "domestic_violence",
		    "violence_survivor", NULL } },
		{ "adult", "f", "18_64", { "domestic_violence", NULL } },
		{ "adult", "m", "65_plus", { "elderly", NULL } },
		{ "adult", "m", "18_64", { "disability", NULL } },
	};
	static const char *const reports[] = { "-200 days", "-20 days",
		"+160 days" };
	int64_t ben, at;
	int k, j;
	const char *up;

	up = upper(d, d->n->sfx);
	if ((*donor = xi(d, Q_DEMO2_DONOR)) <= 0)
		return -1;
	si(d, "donor", *donor);
	/* The donor's own user: its grants and projects, as figures only. */
	stx(d, "uname", arena_printf(d->a, "donator.%s", d->n->sfx));
	if (xi(d, Q_DEMO2_DONOR_USER) <= 0)
		return -1;
	d->n->users++;
	si(d, "pa", p->agency);
	si(d, "pu", p->user);
	stx(d, "p_lic", arena_printf(d->a, "SN-%s-001", up));
	stx(d, "p_name", arena_printf(d->a, "Strehim dhe qendër ditore për "
	    "fëmijët në rrezik, %s", d->n->muni_name));
	if ((*grant = xi(d, Q_DEMO2_GRANT)) <= 0)
		return -1;
	si(d, "grant", *grant);
	stx(d, "svc", "shelter");
	if (x(d, Q_DEMO2_GRANT_SERVICE) != 0)
		return -1;
	stx(d, "svc", "day_care");
	if (x(d, Q_DEMO2_GRANT_SERVICE) != 0 || x(d, Q_DEMO2_GRANT_MUNI) != 0)
		return -1;
	for (k = 0; k < 3; k++) {
		stx(d, "d_due", reports[k]);
		si(d, "at", k == 0 ? d->n->now - 195 * DAY : 0);
		if (x(d, Q_DEMO2_GRANT_REPORT) != 0)
			return -1;
	}
	for (k = 0; k < (int)(sizeof(bs) / sizeof(bs[0])); k++) {
		at = d->n->now - (int64_t)(220 - 15 * k) * DAY;
		stx(d, "code", arena_printf(d->a, "P-%03d", k + 1));
		stx(d, "bkind", bs[k].kind);
		stx(d, "sex", bs[k].sex);
		stx(d, "band", bs[k].band);
		si(d, "at", at);
		if ((ben = xi(d, Q_DEMO2_BENEFICIARY)) <= 0)
			return -1;
		si(d, "ben", ben);
		for (j = 0; bs[k].cat[j] != NULL; j++) {
			stx(d, "cat", bs[k].cat[j]);
			if (x(d, Q_DEMO2_BENEFICIARY_CATEGORY) != 0)
				return -1;
		}
		/* Shelter for the first weeks of a few, day care for most. */
		for (j = 0; j < 1 + k % 3; j++) {
			stx(d, "svc", k % 4 == 1 && j == 0 ? "shelter" :
			    "day_care");
			si(d, "at", at + (int64_t)(2 + 20 * j) * DAY);
			if (x(d, Q_DEMO2_DELIVERY) != 0)
				return -1;
		}
	}
	return 0;
}

/* The municipality's action plan: two objectives, a down and an up
 * indicator with progress. */
static int
action_plan(struct dn *d)
{
	static const struct {
		const char	*obj, *ind, *unit, *dir;
		int		 base, target, v[3];
	} in[] = {
		{ "Parandalimi i braktisjes së shkollës",
		    "Fëmijë jashtë shkollës", "fëmijë", "down", 60, 20,
		    { 55, 47, 41 } },
		{ "Forcimi i shërbimeve për fëmijët në rrezik",
		    "Fëmijë që marrin shërbime të licencuara", "fëmijë", "up",
		    40, 150, { 52, 71, 92 } },
	};
	static const char *const ends[] = { "-8 months", "-5 months",
		"-2 months" };
	int64_t ap, obj, ind;
	int k, j;

	stx(d, "p_name", "Plani lokal i veprimit për mbrojtjen e fëmijëve");
	stx(d, "p_inst", arena_printf(d->a, "Komuna %s", d->n->muni_name));
	if ((ap = xi(d, Q_DEMO2_AP)) <= 0)
		return -1;
	si(d, "ap", ap);
	for (k = 0; k < 2; k++) {
		stx(d, "p_name", in[k].obj);
		if ((obj = xi(d, Q_DEMO2_AP_OBJECTIVE)) <= 0)
			return -1;
		si(d, "obj", obj);
		stx(d, "p_name", in[k].ind);
		stx(d, "p_unit", in[k].unit);
		si(d, "base", in[k].base);
		si(d, "target", in[k].target);
		stx(d, "dir", in[k].dir);
		if ((ind = xi(d, Q_DEMO2_AP_INDICATOR)) <= 0)
			return -1;
		si(d, "ind", ind);
		for (j = 0; j < 3; j++) {
			stx(d, "d_due", ends[j]);
			si(d, "value", in[k].v[j]);
			stx(d, "note", j == 2 ? "Të dhënat e tremujorit nga "
			    "shkollat dhe QPS." : "");
			if (x(d, Q_DEMO2_AP_PROGRESS) != 0)
				return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ training */

struct prog {
	const char	*title, *body, *number;
	int		 hours;
	const char	*profiles[7];
};

static const struct prog prog_xk[] = {
	{ "Menaxhimi i rastit në mbrojtjen e fëmijëve",
	    "Ministria e Punës dhe Mirëqenies Sociale, Komisioni për "
	    "Akreditim", "MPMS-KA-2023-014", 24, { "social_worker",
	    "head_social_services", "child_protection_worker", "ngo",
	    "local_staff", NULL } },
	{ "Identifikimi dhe referimi i dhunës ndaj fëmijëve",
	    "Agjencia e Kosovës për Akreditim", "AKA-2024-102", 16,
	    { "health", "education", "police", "ngo", "ministry", NULL } },
};

static const struct prog prog_al[] = {
	{ "Mbrojtja e fëmijëve në komunitet",
	    "Qendra Kombëtare e Edukimit në Vazhdim", "QKEV-2024-0331", 20,
	    { "child_protection_worker", "social_worker", "police",
	    "education", "health", "local_staff", NULL } },
};

struct pro {
	const char	*given, *family, *sex, *profile, *at;	/* at: agency
							 * type or NULL */
	const char	*org;
};

/* Fifteen a municipality; Kosovo's last is the first in another
 * spelling (the candidates of the merge). */
static const struct pro pros_xk[] = {
	{ "Shpresa", "Gërxhaliu", "female", "social_worker", "social_work", "" },
	{ "Fatmir", "Hasani", "male", "head_social_services", "social_work", "" },
	{ "Lirije", "Bajrami", "female", "child_protection_worker",
	    "social_work", "" },
	{ "Driton", "Kastrati", "male", "police", "police", "" },
	{ "Albana", "Mustafa", "female", "police", "police", "" },
	{ "Valdete", "Zeqiri", "female", "education", "school", "" },
	{ "Bekim", "Thaçi", "male", "education", "school", "" },
	{ "Merita", "Sadiku", "female", "health", "health", "" },
	{ "Arben", "Rama", "male", "health", "health", "" },
	{ "Flaka", "Jashari", "female", "ngo", "provider", "" },
	{ "Kushtrim", "Veseli", "male", "ngo", "provider", "" },
	{ "Nora", "Ahmeti", "female", "ministry", NULL,
	    "Ministria e Punës dhe Mirëqenies Sociale" },
	{ "Besnik", "Limani", "male", "local_staff", NULL, "Komuna" },
	{ "Ilirjana", "Qerimi", "female", "social_worker", "social_work", "" },
	{ "Shpresa", "Gerxhaliu", "female", "social_worker", NULL,
	    "QPS Hani i Elezit" },
};

static const struct pro pros_al[] = {
	{ "Eriona", "Kola", "female", "child_protection_worker",
	    "social_work", "" },
	{ "Klodian", "Meta", "male", "child_protection_worker", "social_work",
	    "" },
	{ "Anisa", "Prifti", "female", "social_worker", "social_work", "" },
	{ "Ilir", "Dervishi", "male", "head_social_services", "social_work",
	    "" },
	{ "Blerina", "Hysa", "female", "police", "police", "" },
	{ "Artan", "Muça", "male", "police", "police", "" },
	{ "Elda", "Shehu", "female", "education", "school", "" },
	{ "Gëzim", "Leka", "male", "education", "school", "" },
	{ "Rovena", "Bici", "female", "health", "health", "" },
	{ "Sokol", "Marku", "male", "health", "health", "" },
	{ "Xhensila", "Çela", "female", "ngo", "provider", "" },
	{ "Ardian", "Topi", "male", "ngo", "provider", "" },
	{ "Mirela", "Gjoka", "female", "ministry", NULL,
	    "Ministria e Shëndetësisë dhe Mbrojtjes Sociale" },
	{ "Julian", "Noka", "male", "local_staff", NULL, "Bashkia" },
	{ "Ornela", "Zeneli", "female", "local_staff", NULL, "Bashkia" },
};

#define NPRO	15

static int64_t
programme(struct dn *d, const struct prog *p)
{
	int64_t id;
	const char *key;
	int k;

	if ((key = names_fold(d->a, p->body)) == NULL)
		return fail(d, Q_DEMO2_PROGRAMME, "body");
	stx(d, "p_name", p->title);
	stx(d, "p_body", p->body);
	stx(d, "p_key", key);
	stx(d, "p_lic", p->number);
	si(d, "hours", p->hours);
	if ((id = xi(d, Q_DEMO2_PROGRAMME)) <= 0)
		return -1;
	si(d, "prog", id);
	for (k = 0; p->profiles[k] != NULL; k++) {
		stx(d, "profile", p->profiles[k]);
		if (x(d, Q_DEMO2_PROGRAMME_PROFILE) != 0)
			return -1;
	}
	return id;
}

static int
training(struct dn *d, const struct pv *pv, int64_t *prog1)
{
	int xk = strcmp(d->n->country, "XK") == 0, k;
	const struct prog *pg = xk ? prog_xk : prog_al;
	const struct pro *pr = xk ? pros_xk : pros_al;
	int64_t held, planned, p2, prof[NPRO], ag, year;
	const char *fg, *ff;
	int32_t day = 0;
	int ycal, m, dd;

	if ((*prog1 = programme(d, &pg[0])) <= 0)
		return -1;
	p2 = xk ? programme(d, &pg[1]) : *prog1;
	if (p2 <= 0)
		return -1;
	si(d, "prog", *prog1);
	stx(d, "d_due", "-40 days");
	stx(d, "place", arena_printf(d->a, "Salla e Komunës, %s",
	    d->n->muni_name));
	stx(d, "p_name", "Drita Krasniqi, Arben Shala");
	stx(d, "tstatus", "held");
	if ((held = xi(d, Q_DEMO2_TR_SESSION)) <= 0)
		return -1;
	si(d, "prog", p2);
	stx(d, "d_due", "+20 days");
	stx(d, "tstatus", "planned");
	if ((planned = xi(d, Q_DEMO2_TR_SESSION)) <= 0)
		return -1;
	for (k = 0; k < NPRO; k++) {
		ag = 0;
		if (pr[k].at != NULL && strcmp(pr[k].at, "social_work") == 0)
			ag = d->n->agency;
		else if (pr[k].at != NULL && strcmp(pr[k].at, "provider") == 0)
			ag = pv[0].agency;
		else if (pr[k].at != NULL) {
			stx(d, "type", pr[k].at);
			if ((ag = xi(d, Q_DEMO2_AGENCY_OF_TYPE)) < 0)
				return -1;
		}
		if ((fg = names_fold(d->a, pr[k].given)) == NULL ||
		    (ff = names_fold(d->a, pr[k].family)) == NULL)
			return fail(d, Q_DEMO2_PROFESSIONAL, "name");
		stx(d, "given", pr[k].given);
		stx(d, "family", pr[k].family);
		stx(d, "fgiven", fg);
		stx(d, "ffamily", ff);
		stx(d, "sex", pr[k].sex);
		stx(d, "profile", pr[k].profile);
		si(d, "pa", ag);
		stx(d, "org", ag ? "" : strcmp(pr[k].org, "Komuna") == 0 ||
		    strcmp(pr[k].org, "Bashkia") == 0 ? arena_printf(d->a,
		    "%s %s", pr[k].org, d->n->muni_name) : pr[k].org);
		if ((prof[k] = xi(d, Q_DEMO2_PROFESSIONAL)) <= 0)
			return -1;
	}
	/* The held session: all but the last, most attended (certified),
	 * two partly, one absent; the planned one: five enrolled. */
	(void)cal_date_of(d->n->now - 40 * DAY, &day);
	cal_date_to_ymd(day, &ycal, &m, &dd);
	year = ycal;
	si(d, "year", year);
	for (k = 0; k < NPRO - 1; k++) {
		const char *st = k % 6 == 4 ? "partly" : k == 8 ? "absent" :
		    "attended";
		int h = strcmp(st, "attended") == 0 ? pg[0].hours :
		    strcmp(st, "partly") == 0 ? pg[0].hours / 2 : 0;

		si(d, "ts", held);
		si(d, "prof", prof[k]);
		stx(d, "estatus", st);
		si(d, "hours", h);
		if (x(d, Q_DEMO2_ENROLMENT) != 0)
			return -1;
		si(d, "prog", *prog1);
		if (strcmp(st, "attended") == 0 &&
		    x(d, Q_DEMO2_CERTIFICATE) != 0)
			return -1;
	}
	for (k = NPRO - 5; k < NPRO; k++) {
		si(d, "ts", planned);
		si(d, "prof", prof[k]);
		stx(d, "estatus", "enrolled");
		si(d, "hours", 0);
		if (x(d, Q_DEMO2_ENROLMENT) != 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ the run */

int
demo_network_more(struct demo_net *n)
{
	struct dn d;
	struct pv pv[PROV_MAX];
	struct dcase c[CASES];
	int npv = 0, nc = 0, xk = strcmp(n->country, "XK") == 0, rc = -1;
	int64_t tm, donor = 0, grant = 0, prog = 0, proj;

	memset(&d, 0, sizeof(d));
	memset(pv, 0, sizeof(pv));
	d.n = n;
	if ((d.a = arena_new(256 * 1024)) == NULL) {
		snprintf(n->err, n->errlen, "out of memory");
		return -1;
	}
	si(&d, "muni", n->muni);
	si(&d, "agency", n->agency);
	si(&d, "worker", n->worker);
	si(&d, "sup", n->sup);
	si(&d, "admin", n->admin ? n->admin : n->sup);
	si(&d, "now", n->now);
	stx(&d, "country", n->country);
	stx(&d, "pw", n->pw_hash);
	stx(&d, "uname", arena_printf(d.a, "shd.%s", n->sfx));
	if ((tm = xi(&d, Q_DEMO2_USER_ID)) < 0 ||
	    providers(&d, pv, &npv) != 0 || inspections(&d, pv) != 0 ||
	    cases(&d, c, &nc) != 0 || referrals(&d, c, nc, pv) != 0 ||
	    reports_in(&d) != 0 ||
	    (!xk && protection(&d, c, nc, pv) != 0) || visits(&d, tm) != 0 ||
	    training(&d, pv, &prog) != 0)
		goto out;
	if (xk && (grants(&d, &pv[0], &donor, &grant) != 0 ||
	    action_plan(&d) != 0))
		goto out;
	if (x(&d, Q_DEMO2_FTE) != 0 || x(&d, Q_DEMO2_POPULATION) != 0)
		goto out;
	if (xk) {
		si(&d, "donor", donor);
		if ((proj = xi(&d, Q_DEMO2_PROJECT)) <= 0)
			goto out;
		si(&d, "proj", proj);
		stx(&d, "kind", "children");
		si(&d, "target", 6080);
		if (x(&d, Q_DEMO2_PROJECT_TARGET) != 0)
			goto out;
		stx(&d, "kind", "professionals");
		si(&d, "target", 603);
		si(&d, "grant", grant);
		si(&d, "prog", prog);
		if (x(&d, Q_DEMO2_PROJECT_TARGET) != 0 ||
		    x(&d, Q_DEMO2_PROJECT_GRANT) != 0 ||
		    x(&d, Q_DEMO2_PROJECT_PROGRAMME) != 0)
			goto out;
	}
	rc = 0;
out:
	arena_free(d.a);
	return rc;
}
