/*
 * children.c — a child's record (web layer): the child page with the
 * record, other spellings, cases, caregivers, siblings, possible
 * duplicates (supervisors) and history; the edit form; the caregiver and
 * sibling forms; the sibling search; the merge preview and the merge.
 * Thin: validated input -> svc/child.c -> templates child_view.html,
 * child_edit.html, child_siblings.html, child_merge.html. Also the helpers
 * the intake pages share (web_children.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/app.h"
#include "../svc/child.h"
#include "../svc/reference.h"
#include "render.h"
#include "web_children.h"

/* ---------------------------------------------------------------- helpers */

struct tval *
web_child_options(struct req *r, const char *const *set, const char *prefix,
    const char *cur, const char *empty_key)
{
	struct tval *l = tv_list(r->a);

	if (empty_key != NULL)
		tv_push(l, page_option(r, "", page_t(r, empty_key), !cur || !*cur));
	for (; *set != NULL; set++)
		tv_push(l, page_option(r, *set, page_t(r, arena_printf(r->a, "%s.%s",
		    prefix, *set)), cur && strcmp(cur, *set) == 0));
	return l;
}

struct tval *
web_child_munis(struct req *r, int64_t cur)
{
	struct tval *l = tv_list(r->a);
	struct muni_info *m;
	size_t n, i;

	tv_push(l, page_option(r, "", page_t(r, "common.choose"), cur == 0));
	if (ref_municipalities(&r->svc, &m, &n) != SVC_OK)
		return l;
	for (i = 0; i < n; i++) {
		if (r->actor->country && strcmp(r->actor->country,
		    m[i].country) != 0 && m[i].id != cur)
			continue;
		tv_push(l, page_option(r, arena_printf(r->a, "%lld",
		    (long long)m[i].id), r->lang == LANG_SR ? m[i].name_sr :
		    m[i].name_sq, m[i].id == cur));
	}
	return l;
}

/* The label of field f: field.f, else child.field.f, else f. */
static const char *
field_label(struct req *r, const char *f)
{
	const char *k = arena_printf(r->a, "field.%s", f);

	if (i18n_has(k))
		return page_t(r, k);
	k = arena_printf(r->a, "child.field.%s", f);
	return i18n_has(k) ? page_t(r, k) : f;
}

void
web_child_errors(struct req *r, struct tval *d)
{
	const char *f;

	page_errors(r, d);
	if (r->nerrors == 0 || (f = r->errors[0].field) == NULL)
		return;
	tv_set_str(d, "error", arena_printf(r->a, "%s: %s (%s)",
	    field_label(r, f), page_t(r, r->errors[0].msg), f));
}

const char *
web_child_sex(struct req *r, const char *s)
{
	return page_t(r, arena_printf(r->a, "sex.%s", *s ? s : "u"));
}

const char *
web_child_date(struct req *r, const char *iso)
{
	if (iso == NULL || strlen(iso) != 10)
		return "";
	return arena_printf(r->a, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
}

static struct tval *
reasons(struct req *r, const struct match_result *m)
{
	struct tval *l = tv_list(r->a);
	const char *f, *why;
	size_t i;

	for (i = 0; i < m->nreasons; i++) {
		f = names_field_str(m->reasons[i].field);
		why = page_t(r, arena_printf(r->a, "child.reason.%s",
		    names_reason_str(m->reasons[i].code)));
		tv_push(l, tv_str(r->a, f ? arena_printf(r->a, "%s (%s)", why,
		    page_t(r, arena_printf(r->a, "field.%s", f))) : why));
	}
	return l;
}

struct tval *
web_child_candidates(struct req *r, const struct child_candidate *c, size_t n,
    int64_t chosen)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", c[i].child_id);
		tv_set_int(t, "score", c[i].score);
		if (c[i].score >= NAMES_SCORE_LIKELY)
			tv_set_bool(t, "likely", 1);
		tv_set_str(t, "name", arena_printf(r->a, "%s %s",
		    c[i].child->given, c[i].child->family));
		tv_set_str(t, "parent", c[i].child->parent);
		tv_set_str(t, "birth_date", web_child_date(r,
		    c[i].child->birth_date));
		tv_set_str(t, "sex", web_child_sex(r, c[i].child->sex));
		tv_set_str(t, "municipality", c[i].child->municipality_name);
		tv_set(t, "reasons", reasons(r, &c[i].m));
		if (chosen == c[i].child_id)
			tv_set_bool(t, "selected", 1);
		tv_push(l, t);
	}
	return l;
}

void
web_child_fields(const struct req *r, struct child_fields *c)
{
	memset(c, 0, sizeof(*c));
	c->given = req_str(r, "given_name");
	c->family = req_str(r, "family_name");
	c->parent = req_str(r, "parent_name");
	c->sex = req_str(r, "sex");
	c->birth_date = req_str(r, "birth_date");
	c->birth_estimated = req_bool(r, "birth_estimated");
	c->pn = req_str(r, "personal_number");
	c->citizenship = req_str(r, "citizenship");
	c->stateless = req_bool(r, "stateless");
	c->community = req_str(r, "community");
	c->language = req_str(r, "language");
	c->disability = req_str(r, "disability");
	c->disability_note = req_str(r, "disability_note");
	c->school_status = req_str(r, "school_status");
	c->address = req_str(r, "address");
	c->municipality_id = req_int(r, "child_municipality");
	c->admin_unit = req_str(r, "admin_unit");
	c->caregiver_name = req_str(r, "caregiver_name");
	c->caregiver_relation = req_str(r, "caregiver_relation");
	c->caregiver_phone = req_str(r, "caregiver_phone");
	c->caregiver_guardian = req_bool(r, "caregiver_guardian");
}

static const char *
name_of(struct req *r, const char *given, const char *family)
{
	return *family ? arena_printf(r->a, "%s %s", given, family) : given;
}

static const char *
risk_label(struct req *r, const char *risk)
{
	return page_t(r, arena_printf(r->a, "risk.%s", risk && *risk ? risk :
	    "none"));
}

/* A value of the record or its history as shown: codes translated,
 * dates as dd.mm.yyyy, a caregiver spelled out. */
static const char *
shown(struct req *r, const char *field, const char *v)
{
	const char *p[5], *e;
	char *t;
	int i;

	if (v == NULL || *v == '\0')
		return "";
	if (strcmp(field, "sex") == 0)
		return web_child_sex(r, v);
	if (strcmp(field, "community") == 0)
		return page_t(r, arena_printf(r->a, "community.%s", v));
	if (strcmp(field, "disability") == 0)
		return page_t(r, arena_printf(r->a, "child.disability.%s", v));
	if (strcmp(field, "school_status") == 0)
		return page_t(r, arena_printf(r->a, "school.%s", v));
	if (strcmp(field, "birth_estimated") == 0 ||
	    strcmp(field, "stateless") == 0)
		return page_t(r, strcmp(v, "1") == 0 ? "child.yes" : "child.no");
	if (strcmp(field, "birth_date") == 0)
		return web_child_date(r, v);
	if (strcmp(field, "caregiver") == 0 &&
	    (t = arena_strdup(r->a, v)) != NULL) {
		/* name|relation|guardian|lives_with|phone; the name may hold
		 * '|', the rest do not: split from the right. */
		for (i = 4; i > 0; i--) {
			if ((e = strrchr(t, '|')) == NULL)
				return v;
			p[i] = e + 1;
			t[e - t] = '\0';
		}
		p[0] = t;
		return arena_printf(r->a, "%s (%s%s%s%s%s)%s%s", p[0],
		    page_t(r, arena_printf(r->a, "child.relation.%s", p[1])),
		    strcmp(p[2], "1") == 0 ? ", " : "", strcmp(p[2], "1") == 0 ?
		    page_t(r, "field.caregiver_guardian") : "",
		    strcmp(p[3], "1") == 0 ? ", " : "", strcmp(p[3], "1") == 0 ?
		    page_t(r, "child.field.lives_with") : "", *p[4] ? " " : "",
		    p[4]);
	}
	return v;
}

static const char *
event_kind(struct req *r, const char *kind)
{
	char *k = arena_printf(r->a, "child.event.%s", kind), *p;

	for (p = k + 12; *p; p++)
		if (*p == '.')
			*p = '_';
	return i18n_has(k) ? page_t(r, k) : kind;
}

/* The note of a history entry: a relation of a sibling link, the record a
 * merge took a value from, or that a caregiver's note changed. */
static const char *
event_note(struct req *r, const struct child_event_info *e)
{
	if (*e->note == '\0')
		return "";
	if (strcmp(e->note, "note") == 0)
		return page_t(r, "child.event.note_changed");
	if (e->note[0] == '#')
		return arena_printf(r->a, "%s %s", page_t(r, "child.event.from"),
		    e->note);
	if (svc_in_set(child_link_relations, e->note))
		return page_t(r, arena_printf(r->a, "child.link.%s", e->note));
	return e->note;
}

/* The conflict message: who changed the record last, when, and what
 * (every field of that save: the newest entries of the same time, actor
 * and kind). */
static const char *
conflict_text(struct req *r, const struct child_full *f)
{
	const struct child_event_info *e, *e0;
	struct buf b;
	size_t i;

	if (f == NULL || f->nevents == 0)
		return page_t(r, "child.conflict");
	e0 = &f->events[0];
	buf_init(&b, r->a);
	buf_printf(&b, "%s %s, %s: %s", page_t(r, "child.conflict"), e0->actor,
	    page_date(r, e0->at, 1), event_kind(r, e0->kind));
	for (i = 0; i < f->nevents; i++) {
		e = &f->events[i];
		if (e->at != e0->at || strcmp(e->actor, e0->actor) != 0 ||
		    strcmp(e->kind, e0->kind) != 0)
			break;
		if (*e->field == '\0')
			continue;
		buf_printf(&b, "%s %s", i ? ";" : " —", field_label(r, e->field));
		if (*e->before || *e->after)
			buf_printf(&b, " (%s → %s)", shown(r, e->field, e->before),
			    shown(r, e->field, e->after));
	}
	return b.oom ? page_t(r, "child.conflict") : b.p;
}

static struct tval *
case_list(struct req *r, const struct child_case *k, size_t n)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = tv_obj(r->a);
		tv_set_int(t, "id", k[i].id);
		tv_set_str(t, "number", k[i].number);
		tv_set_str(t, "status", page_t(r, arena_printf(r->a,
		    "status.%s", k[i].status)));
		tv_set_str(t, "risk", risk_label(r, k[i].risk));
		if (strcmp(k[i].risk, "high") == 0)
			tv_set_bool(t, "risk_high", 1);
		tv_set_str(t, "municipality", k[i].municipality);
		tv_set_str(t, "worker", k[i].worker);
		tv_set_str(t, "opened", page_date(r, k[i].opened_at, 0));
		tv_push(l, t);
	}
	return l;
}

/* The facts of a record (the page and the merge preview). */
static struct tval *
facts(struct req *r, const struct child_full *f)
{
	const struct child_info *c = f->c;
	struct tval *t = tv_obj(r->a), *l;
	size_t i;

	tv_set_int(t, "id", c->id);
	tv_set_int(t, "version", c->version);
	tv_set_str(t, "name", name_of(r, c->given, c->family));
	tv_set_str(t, "given", c->given);
	tv_set_str(t, "family", c->family);
	tv_set_str(t, "parent", c->parent);
	tv_set_str(t, "sex", web_child_sex(r, c->sex));
	tv_set_str(t, "birth_date", web_child_date(r, c->birth_date));
	if (c->birth_estimated)
		tv_set_bool(t, "birth_estimated", 1);
	tv_set_str(t, "pn", c->pn);
	tv_set_str(t, "citizenship", c->citizenship);
	if (c->stateless)
		tv_set_bool(t, "stateless", 1);
	tv_set_str(t, "community", shown(r, "community", c->community));
	tv_set_str(t, "language", c->language);
	tv_set_str(t, "disability", shown(r, "disability", c->disability));
	tv_set_str(t, "disability_note", c->disability_note);
	tv_set_str(t, "school", shown(r, "school_status", c->school_status));
	tv_set_str(t, "address", c->address);
	tv_set_str(t, "municipality", c->municipality_name);
	tv_set_str(t, "admin_unit", c->admin_unit);
	l = tv_list(r->a);
	for (i = 0; i < f->naliases; i++)
		tv_push(l, tv_str(r->a, arena_printf(r->a, "%s%s%s",
		    name_of(r, f->aliases[i].given, f->aliases[i].family),
		    *f->aliases[i].parent ? " · " : "", f->aliases[i].parent)));
	tv_set(t, "aliases", l);
	tv_set(t, "cases", case_list(r, f->cases, f->ncases));
	tv_set_int(t, "ncases", (int64_t)f->ncases);
	tv_set_int(t, "ncaregivers", (int64_t)c->ncaregivers);
	tv_set_int(t, "nsiblings", (int64_t)f->nsiblings);
	return t;
}

/* ---------------------------------------------------------------- the page */

static struct tval *
caregiver_list(struct req *r, const struct child_info *c, int editable)
{
	struct tval *l = tv_list(r->a), *g;
	size_t i;

	for (i = 0; i < c->ncaregivers; i++) {
		const struct caregiver_info *x = &c->caregivers[i];

		g = tv_obj(r->a);
		tv_set_int(g, "id", x->id);
		tv_set_str(g, "name", x->name);
		tv_set_str(g, "relation", page_t(r, arena_printf(r->a,
		    "child.relation.%s", x->relation)));
		tv_set_str(g, "phone", x->phone);
		tv_set_str(g, "note", x->note);
		if (x->is_guardian)
			tv_set_bool(g, "guardian", 1);
		if (x->lives_with)
			tv_set_bool(g, "lives_with", 1);
		if (editable)
			tv_set(g, "relations", web_child_options(r,
			    child_relations, "child.relation", x->relation,
			    NULL));
		tv_push(l, g);
	}
	return l;
}

static struct tval *
sibling_list(struct req *r, const struct child_full *f)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < f->nsiblings; i++) {
		const struct child_sibling *x = &f->siblings[i];

		t = tv_obj(r->a);
		tv_set_str(t, "relation", page_t(r, arena_printf(r->a,
		    "child.link.%s", x->relation)));
		if (x->visible) {
			tv_set_bool(t, "visible", 1);
			tv_set_int(t, "id", x->child_id);
			tv_set_str(t, "name", name_of(r, x->given, x->family));
			tv_set_str(t, "birth_date", web_child_date(r,
			    x->birth_date));
			tv_set(t, "cases", case_list(r, x->cases, x->ncases));
		}
		tv_push(l, t);
	}
	return l;
}

static struct tval *
history(struct req *r, const struct child_full *f)
{
	struct tval *l = tv_list(r->a), *t;
	size_t i;

	for (i = 0; i < f->nevents; i++) {
		const struct child_event_info *e = &f->events[i];

		t = tv_obj(r->a);
		tv_set_str(t, "at", page_date(r, e->at, 1));
		tv_set_str(t, "who", e->actor);
		tv_set_str(t, "what", event_kind(r, e->kind));
		tv_set_str(t, "field", *e->field ? field_label(r, e->field) :
		    "");
		tv_set_str(t, "before", shown(r, e->field, e->before));
		tv_set_str(t, "after", shown(r, e->field, e->after));
		tv_set_str(t, "note", event_note(r, e));
		if (e->child_id != f->c->id)
			tv_set_int(t, "from", e->child_id);
		tv_push(l, t);
	}
	return l;
}

/* The supervisor's possible duplicates of the record: the duplicate check
 * with its own names, itself left out. */
static struct tval *
duplicates(struct req *r, const struct child_info *c)
{
	struct child_candidate *k, *keep;
	struct child_query q;
	size_t n, i, m = 0;
	struct svc s = r->svc;

	memset(&q, 0, sizeof(q));
	q.given = c->given;
	q.family = c->family;
	q.parent = c->parent;
	q.birth_date = c->birth_date;
	q.sex = c->sex;
	q.age = -1;
	q.pn = c->pn;
	if (child_match(&s, &q, &k, &n) != SVC_OK ||
	    (keep = arena_zalloc(r->a, (n ? n : 1) * sizeof(*keep))) == NULL)
		return tv_list(r->a);
	for (i = 0; i < n; i++)
		if (k[i].child_id != c->id)
			keep[m++] = k[i];
	return web_child_candidates(r, keep, m, 0);
}

/* The child page; conflict: a write was refused as stale (the alert says
 * who changed what). */
static void
view(struct req *r, int conflict)
{
	struct tval *d, *v;
	struct child_full *f;
	int64_t id = req_param_id(r, 0);
	int status = r->status, posted = r->method == M_POST;
	enum svc_rc rc;

	if ((rc = child_record(&r->svc, id, &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (f->c->merged_into != 0) {
		if (posted) {
			page_fail(r, SVC_NOTFOUND, &r->svc.err);
			return;
		}
		page_redirect(r, arena_printf(r->a, "/children/%lld",
		    (long long)f->c->merged_into), "child.flash.merged_away");
		return;
	}
	r->status = status;
	d = page_data(r, "child.title");
	tv_set_str(d, "title", name_of(r, f->c->given, f->c->family));
	tv_set(d, "c", facts(r, f));
	tv_set(d, "caregivers", caregiver_list(r, f->c, f->may_write));
	tv_set(d, "siblings", sibling_list(r, f));
	tv_set(d, "events", history(r, f));
	if (f->may_write) {
		tv_set_bool(d, "may_write", 1);
		v = tv_obj(r->a);
		/* The new caregiver's form: as posted after an error. */
		tv_set_str(v, "name", posted ? req_str(r, "name") : "");
		tv_set_str(v, "phone", posted ? req_str(r, "phone") : "");
		tv_set_str(v, "note", posted ? req_str(r, "note") : "");
		if (posted ? req_bool(r, "guardian") : 0)
			tv_set_bool(v, "guardian", 1);
		if (posted ? req_bool(r, "lives_with") : 1)
			tv_set_bool(v, "lives_with", 1);
		tv_set(v, "relations", web_child_options(r, child_relations,
		    "child.relation", posted ? req_str(r, "relation") : "",
		    "common.choose"));
		tv_set(d, "g", v);
		tv_set_str(d, "sibling_query", arena_printf(r->a,
		    "family_name=%s&parent_name=%s", page_urlenc(r,
		    f->c->family), page_urlenc(r, f->c->parent)));
		if (authz_allows(r->actor, PERM_CASE_SUPERVISE, NULL)) {
			tv_set_bool(d, "can_merge", 1);
			tv_set(d, "duplicates", duplicates(r, f->c));
		}
	}
	web_child_errors(r, d);
	if (conflict)
		tv_set_str(d, "error", conflict_text(r, f));
	page_render(r, "child_view", d);
}

void
web_child_view(struct req *r)
{
	view(r, 0);
}

/* After a write on the child page: the page again with the error (400,
 * 409 with who changed what), the failure page, or a redirect. */
static void
after_write(struct req *r, enum svc_rc rc, const char *flash)
{
	int conflict = rc == SVC_CONFLICT && r->svc.err.msg != NULL &&
	    strcmp(r->svc.err.msg, "child.conflict") == 0;

	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (!conflict)
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		view(r, conflict);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/children/%lld",
	    (long long)req_param_id(r, 0)), flash);
}

void
web_child_caregiver_fields(const struct req *r, struct caregiver_fields *g)
{
	memset(g, 0, sizeof(*g));
	g->name = req_str(r, "name");
	g->relation = req_str(r, "relation");
	g->phone = req_str(r, "phone");
	g->note = req_str(r, "note");
	g->is_guardian = req_bool(r, "guardian");
	g->lives_with = req_bool(r, "lives_with");
}

void
web_child_caregiver_add(struct req *r)
{
	struct caregiver_fields g;

	web_child_caregiver_fields(r, &g);
	after_write(r, child_caregiver_add(&r->svc, req_param_id(r, 0),
	    req_int(r, "version"), &g, NULL, NULL), "child.flash.caregiver");
}

void
web_child_caregiver_update(struct req *r)
{
	struct caregiver_fields g;

	web_child_caregiver_fields(r, &g);
	after_write(r, child_caregiver_update(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version"), &g, NULL),
	    "child.flash.caregiver");
}

void
web_child_caregiver_remove(struct req *r)
{
	after_write(r, child_caregiver_remove(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1), req_int(r, "version"), NULL),
	    "child.flash.caregiver_removed");
}

void
web_child_sibling_unlink(struct req *r)
{
	after_write(r, child_sibling_unlink(&r->svc, req_param_id(r, 0),
	    req_param_id(r, 1)), "child.flash.sibling_removed");
}

/* ---------------------------------------------------------------- editing */

static void
edit(struct req *r, int conflict)
{
	struct tval *d, *v;
	struct child_full *f;
	struct child_info *c;
	int64_t id = req_param_id(r, 0);
	int status = r->status, posted = r->method == M_POST;
	enum svc_rc rc;

	if ((rc = child_record(&r->svc, id, &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	c = f->c;
	if (c->merged_into != 0 || !f->may_write) {
		page_fail(r, SVC_NOTFOUND, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "child.edit.title");
	tv_set_str(d, "title", name_of(r, c->given, c->family));
	v = tv_obj(r->a);
	tv_set_int(v, "id", c->id);
	tv_set_int(v, "version", c->version);
#define V(k, cur) tv_set_str(v, k, posted ? req_str(r, k) : (cur))
	V("given_name", c->given);
	V("family_name", c->family);
	V("parent_name", c->parent);
	V("birth_date", web_child_date(r, c->birth_date));
	V("personal_number", c->pn);
	V("citizenship", c->citizenship);
	V("language", c->language);
	V("disability_note", c->disability_note);
	V("address", c->address);
	V("admin_unit", c->admin_unit);
#undef V
	if (posted ? req_bool(r, "birth_estimated") : c->birth_estimated)
		tv_set_bool(v, "birth_estimated", 1);
	if (posted ? req_bool(r, "stateless") : c->stateless)
		tv_set_bool(v, "stateless", 1);
	tv_set(d, "v", v);
	tv_set(d, "sexes", web_child_options(r, child_sexes, "sex", posted ?
	    req_str(r, "sex") : c->sex, NULL));
	tv_set(d, "communities", web_child_options(r, child_communities,
	    "community", posted ? req_str(r, "community") : c->community,
	    NULL));
	tv_set(d, "disabilities", web_child_options(r, child_disabilities,
	    "child.disability", posted ? req_str(r, "disability") :
	    c->disability, NULL));
	tv_set(d, "schools", web_child_options(r, child_school_statuses,
	    "school", posted ? req_str(r, "school_status") : c->school_status,
	    NULL));
	tv_set(d, "municipalities", web_child_munis(r, posted ?
	    req_int(r, "child_municipality") : c->municipality_id));
	web_child_errors(r, d);
	if (conflict)
		tv_set_str(d, "error", conflict_text(r, f));
	page_render(r, "child_edit", d);
}

void
web_child_edit(struct req *r)
{
	edit(r, 0);
}

void
web_child_update(struct req *r)
{
	struct child_fields c;
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	web_child_fields(r, &c);
	rc = child_update(&r->svc, id, req_int(r, "version"), &c);
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		if (rc == SVC_INVALID)
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		edit(r, rc == SVC_CONFLICT);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/children/%lld", (long long)id),
	    "flash.saved");
}

/* ---------------------------------------------------------------- siblings */

void
web_child_siblings(struct req *r)
{
	struct tval *d, *v;
	struct child_full *f;
	struct child_candidate *k, *keep;
	struct child_query q;
	size_t n, i, j, m = 0;
	int64_t id = req_param_id(r, 0);
	int status = r->status, linked;
	enum svc_rc rc;

	if ((rc = child_record(&r->svc, id, &f)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	if (f->c->merged_into != 0 || !f->may_write) {
		page_fail(r, SVC_NOTFOUND, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "child.siblings.title");
	tv_set_str(d, "title", name_of(r, f->c->given, f->c->family));
	tv_set(d, "c", facts(r, f));
	v = tv_obj(r->a);
	tv_set_str(v, "given_name", req_str(r, "given_name"));
	tv_set_str(v, "family_name", req_str(r, "family_name"));
	tv_set_str(v, "parent_name", req_str(r, "parent_name"));
	tv_set(d, "v", v);
	tv_set(d, "relations", web_child_options(r, child_link_relations,
	    "child.link", req_str(r, "relation"), NULL));
	tv_set(d, "siblings", sibling_list(r, f));
	if (r->nerrors == 0 && r->method == M_GET &&
	    (req_has(r, "given_name") || req_has(r, "family_name"))) {
		memset(&q, 0, sizeof(q));
		q.given = req_str(r, "given_name");
		q.family = req_str(r, "family_name");
		q.parent = req_str(r, "parent_name");
		q.age = -1;
		rc = child_match(&r->svc, &q, &k, &n);
		if (rc == SVC_INVALID) {
			r->status = 400;
			req_add_error(r, r->svc.err.field, r->svc.err.msg);
		} else if (rc != SVC_OK) {
			page_fail(r, rc, &r->svc.err);
			return;
		} else {
			/* Not the child itself, nor a sibling linked already. */
			if ((keep = arena_zalloc(r->a, (n ? n : 1) *
			    sizeof(*keep))) == NULL) {
				page_fail(r, SVC_TOOBIG, &r->svc.err);
				return;
			}
			for (i = 0; i < n; i++) {
				for (j = 0, linked = k[i].child_id == id;
				    j < f->nsiblings && !linked; j++)
					linked = f->siblings[j].child_id ==
					    k[i].child_id;
				if (!linked)
					keep[m++] = k[i];
			}
			tv_set_bool(d, "searched", 1);
			tv_set(d, "candidates", web_child_candidates(r, keep, m,
			    0));
		}
	}
	web_child_errors(r, d);
	page_render(r, "child_siblings", d);
}

void
web_child_sibling_link(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	enum svc_rc rc;

	rc = child_sibling_link(&r->svc, id, req_int(r, "other"),
	    req_str(r, "relation"));
	if (rc == SVC_INVALID || rc == SVC_CONFLICT) {
		r->status = http_status_of(rc);
		req_add_error(r, r->svc.err.field, r->svc.err.msg);
		web_child_siblings(r);
		return;
	}
	if (rc != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/children/%lld", (long long)id),
	    "child.flash.sibling");
}

/* ---------------------------------------------------------------- merging */

static const char *const choice_names[] = {
	[CHILD_MERGE_SAME] = "same",
	[CHILD_MERGE_KEEP] = "keep",
	[CHILD_MERGE_FILL] = "fill",
	[CHILD_MERGE_DIFFER] = "differ",
};

static void
preview(struct req *r, int64_t keep, int64_t dup, const char *error)
{
	struct tval *d, *l, *t;
	struct child_merge_plan *p;
	size_t i;
	int status = r->status;
	enum svc_rc rc;

	if ((rc = child_merge_preview(&r->svc, keep, dup, &p)) != SVC_OK) {
		page_fail(r, rc, &r->svc.err);
		return;
	}
	r->status = status;
	d = page_data(r, "child.merge.title");
	tv_set(d, "keep", facts(r, p->keep));
	tv_set(d, "dup", facts(r, p->dup));
	tv_set(d, "keep_caregivers", caregiver_list(r, p->keep->c, 0));
	tv_set(d, "dup_caregivers", caregiver_list(r, p->dup->c, 0));
	l = tv_list(r->a);
	for (i = 0; i < p->nfields; i++) {
		const struct child_merge_field *x = &p->fields[i];

		t = tv_obj(r->a);
		tv_set_str(t, "label", field_label(r, x->field));
		tv_set_str(t, "keep", shown(r, x->field, x->keep));
		tv_set_str(t, "dup", shown(r, x->field, x->dup));
		tv_set_str(t, "choice", page_t(r, arena_printf(r->a,
		    "child.merge.choice.%s", choice_names[x->choice])));
		tv_set_str(t, "class", choice_names[x->choice]);
		tv_push(l, t);
	}
	tv_set(d, "fields", l);
	web_child_errors(r, d);
	if (error != NULL)
		tv_set_str(d, "error", error);
	page_render(r, "child_merge", d);
}

void
web_child_merge_preview(struct req *r)
{
	preview(r, req_int(r, "keep"), req_int(r, "duplicate"), NULL);
}

void
web_child_merge(struct req *r)
{
	int64_t keep = req_int(r, "keep"), dup = req_int(r, "duplicate");
	enum svc_rc rc;

	rc = child_merge(&r->svc, keep, dup, req_int(r, "keep_version"),
	    req_int(r, "duplicate_version"));
	if ((rc == SVC_CONFLICT || rc == SVC_INVALID) && keep != dup) {
		/* The preview again, as it is now, with what went wrong. */
		r->status = http_status_of(rc);
		preview(r, keep, dup, page_t(r, r->svc.err.msg));
		return;
	}
	if (rc != SVC_OK) {
		if (rc == SVC_INVALID)
			r->status = 400;
		page_fail(r, rc, &r->svc.err);
		return;
	}
	page_redirect(r, arena_printf(r->a, "/children/%lld", (long long)keep),
	    "child.flash.merged");
}
