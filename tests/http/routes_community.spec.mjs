// routes_community.spec.mjs — the community routes' entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// informed consent on a case (record, withdraw, a supervisor's override,
// the overrides for review), community advisory groups (the municipal
// administrator), a member's alerts and initiatives, and the Centre's
// triage of alerts, web and API. The helpers (a group with a member, an
// alert) are shared with community.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';
import { day, haniHelper, version } from './routes_closure.spec.mjs';

export const RELATIONS = ['parent', 'guardian', 'child'];
export const OVERRIDES = ['best_interest', 'legal_duty'];
export const CATEGORIES = ['identity', 'contact', 'case_summary', 'assessment', 'plan', 'health',
	'education'];
export const COMMUNITIES = ['albanian', 'serb', 'bosniak', 'turkish', 'roma', 'ashkali', 'egyptian',
	'gorani', 'other'];
export const TYPES = ['micro_initiative', 'summer_camp', 'awareness', 'other'];
export const BANDS = ['0_5', '6_11', '12_14', '15_17', 'adult'];
export const CONCERNS = ['VIO_PHY', 'VIO_PSY', 'VIO_SEX', 'VIO_DV', 'VIO_PEER', 'NEG', 'ABN', 'EXP_ECO',
	'EXP_SEX', 'TRF', 'STR', 'CCL', 'CCL_U14', 'VW', 'MAR', 'DIS', 'ONL', 'EDU', 'MIG', 'DOC', 'MH'];
const STATUSES = ['received', 'admitted', 'not_admitted'];
const INT64_MAX = '9223372036854775807';

/* A user { username, password, s, api } logged in on the web and the API. */
export async function actor(opts) {
	const u = await L.readyUser(opts);
	return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
}

let admin = null;
/* The municipal administrator of Hani i Elezit (QPS-HANI's municipality). */
export function muniAdmin() {
	admin ??= actor({ role: 'municipal_admin' });
	return admin;
}

/* A new group of Hani i Elezit with a member: { g, member }. */
export async function groupWithMember(communities = 'roma,ashkali,egyptian') {
	const a = await muniAdmin();
	const r = await a.api.post('/api/v1/community-groups', { name: L.uniq('GKK '), communities });
	assert.equal(r.status, 201, r.text);
	const g = r.json();
	const member = await actor({ role: 'community_member' });
	const m = await a.api.post(`/api/v1/community-groups/${g.id}/members`, { user: member.id });
	assert.equal(m.status, 200, m.text);
	return { g, member };
}

/* An alert filed by member: its id. */
export async function fileAlert(member, extra = {}) {
	const r = await member.api.post('/api/v1/community/alerts', {
		location: 'Near the school', seen: 'Two siblings no longer go to school', child: 'About 9 and 11',
		...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json().id;
}

/* An alert as the Centre sees it (api: an intake user of the municipality). */
export async function alertOf(api, id) {
	const r = await api.get(`/api/v1/community-alerts/${id}`);
	assert.equal(r.status, 200, r.text);
	return r.json();
}

/* A consent recorded through the API by api on case id: its id. */
export async function recordConsent(api, id, extra = {}) {
	const r = await api.post(`/api/v1/cases/${id}/consents`, {
		giver_name: 'Drita Krasniqi', relation: 'parent', all_agencies: true, categories: 'identity,contact',
		date: day(), version: await version(api, id), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json().consents[0].id;
}

/*
 * The routes' group of Hani i Elezit with its member and the municipal
 * administrator, made when the module loads (the routes' as() is
 * synchronous).
 */
let fixture = null;
export function communityFixture() {
	fixture ??= (async () => ({ admin: await muniAdmin(), ...(await groupWithMember()) }))();
	return fixture;
}
const FIX = await communityFixture();

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text, fx } = ctx;
	const req = (f) => ({ ...f, required: true });
	const scope = {
		all_agencies: bool(), agency_1: id(), agency_2: id(), agency_3: id(), agency_4: id(), agency_5: id(),
		...Object.fromEntries(CATEGORIES.map((c) => ['category_' + c, bool()])),
		date: req(date()), version: int(1, INT64_MAX, true),
	};
	const apiScope = {
		all_agencies: bool(), agencies: line(0, 400), categories: line(1, 200, true),
		date: req(date()), version: int(1, INT64_MAX, true),
	};
	const counts = Object.fromEntries(BANDS.flatMap((b) => [['f_' + b, int(0, 10000)], ['m_' + b, int(0, 10000)]]));
	const F = {
		record: { giver_name: line(1, 100, true), relation: oneOf(RELATIONS, true), ...scope },
		override: { override_code: oneOf(OVERRIDES, true), override_reason: text(1, 1000, true), ...scope },
		apiRecord: { giver_name: line(1, 100, true), relation: oneOf(RELATIONS, true), ...apiScope },
		apiOverride: { override_code: oneOf(OVERRIDES, true), override_reason: text(1, 1000, true), ...apiScope },
		withdraw: { date: req(date()), reason: text(1, 1000, true), version: int(1, INT64_MAX, true) },
		group: {
			name: line(1, 120, true), municipality: id(),
			...Object.fromEntries(COMMUNITIES.map((c) => ['community_' + c, bool()])),
		},
		apiGroup: { name: line(1, 120, true), municipality: id(), communities: line(1, 200, true) },
		member: { user: id(true) },
		alert: { location: line(1, 200, true), seen: text(1, 2000, true), child: text(0, 2000), immediate_danger: bool() },
		initiative: {
			title: line(1, 120, true), type: oneOf(TYPES, true), start: req(date()), end: req(date()),
			place: line(1, 200, true), ...counts,
		},
		alerts: { status: oneOf(STATUSES) },
		admit: { version: int(1, INT64_MAX, true), ...Object.fromEntries(CONCERNS.map((c) => ['concern_' + c, bool()])) },
		apiAdmit: { version: int(1, INT64_MAX, true), concerns: line(1, 400, true) },
		reject: { version: int(1, INT64_MAX, true), reason: text(1, 1000, true) },
	};
	const sup = () => fx.byRole.supe;
	const ver = async (c) => version(sup().api, c.id);
	const cases = {};
	const mk = (k) => (cases[k] ??= makeCase({ risk: 'medium', given: 'Besa', family: 'Morina' }));
	/* A consent per route, made by a helper supervisor (so that the user
	 * under test has written nothing before a refused request). */
	const cids = {};
	const consent = async (k) => (cids[k] ??= await recordConsent((await haniHelper()).api, mk(k).id));
	const group = async () => FIX;
	const member = () => FIX.member;
	/* An alert waiting per route. */
	const aids = {};
	const alert = async (k) => (aids[k] ??= await fileAlert((await group()).member));
	const apath = (k, what = '', api = '') => `${api}/community-alerts/${aids[k] || 999999}${what}`;
	const gid = FIX.g.id;
	/* The web remove route's CSRF and role checks use a member who must stay. */
	const removable = { id: FIX.member.id };
	const initiative = {
		title: 'Summer camp', type: 'summer_camp', start: day(-10), end: day(-3), place: 'Hani i Elezit',
		f_6_11: 12, m_6_11: 10, f_12_14: 9, m_12_14: 8, f_15_17: 3, m_15_17: 3,
	};
	const asMuni = () => FIX.admin;
	const asMem = () => member();
	const wait = async () => FIX;

	return {
		'consent.form': {
			as: sup, path: () => `/cases/${mk('cf').id}/consents/new`,
			async happy() {
				const r = await sup().s.get(`/cases/${mk('cf').id}/consents/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/cases/${mk('cf').id}/consents"`));
				assert.ok(r.text.includes('name="category_health"'));
				assert.equal((await sup().s.get('/cases/99999999/consents/new')).status, 404);
			},
		},
		'consent.record': {
			fields: F.record, as: sup, path: () => `/cases/${mk('cr').id}/consents`,
			valid: { giver_name: 'x', relation: 'parent', all_agencies: 1, category_identity: 1, date: day(), version: 1 },
			async good() {
				return { giver_name: 'Never saved', relation: 'parent', all_agencies: 1, category_identity: 1,
					date: day(), version: await ver(mk('cr')) };
			},
			async happy() {
				const c = mk('cr');
				const r = await sup().s.post(`/cases/${c.id}/consents`, {
					giver_name: 'Drita Krasniqi', relation: 'guardian', agency_1: fx.hani.id,
					category_identity: 1, category_health: 1, date: day(), version: await ver(c),
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${c.id}#consent`);
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/consents`)).json();
				assert.equal(j.consents.length, 1);
				assert.deepEqual(j.consents[0].categories.sort(), ['health', 'identity']);
				assert.equal(j.consents[0].relation, 'guardian');
				assert.equal(j.consents[0].all_agencies, false);
				/* No agency, no category: named on the form. */
				const none = await sup().s.post(`/cases/${c.id}/consents`, {
					giver_name: 'X', relation: 'parent', category_identity: 1, date: day(), version: await ver(c),
				});
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'consent.err.no_agency'));
				/* A future date. */
				const fut = await sup().s.post(`/cases/${c.id}/consents`, {
					giver_name: 'X', relation: 'parent', all_agencies: 1, category_identity: 1, date: day(3),
					version: await ver(c),
				});
				assert.equal(fut.status, 400);
				assert.ok(L.pageSays(fut.text, 'consent.err.future'));
				/* A stale version: 409. */
				const stale = await sup().s.post(`/cases/${c.id}/consents`, {
					giver_name: 'X', relation: 'parent', all_agencies: 1, category_identity: 1, date: day(),
					version: 1,
				});
				assert.equal(stale.status, 409);
				/* The case page shows it. */
				const page = await sup().s.get(`/cases/${c.id}`);
				assert.ok(page.text.includes('Drita Krasniqi'));
				assert.ok(page.text.includes('id="consent"'));
			},
		},
		'consent.withdraw': {
			fields: F.withdraw, as: sup, path: () => `/cases/${mk('cw').id}/consents/${cids.cw || 999999}/withdraw`,
			valid: { date: day(), reason: 'x', version: 1 },
			async good() {
				await consent('cw');
				return { date: day(), reason: 'Never saved', version: await ver(mk('cw')) };
			},
			async happy() {
				const c = mk('cw');
				const cid = await consent('cw');
				const r = await sup().s.post(`/cases/${c.id}/consents/${cid}/withdraw`, {
					date: day(), reason: 'The mother withdrew it', version: await ver(c),
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/consents`)).json();
				assert.equal(j.consents[0].in_force, false);
				assert.equal(j.consents[0].withdrawn_reason, 'The mother withdrew it');
				/* Again: already withdrawn. */
				const again = await sup().s.post(`/cases/${c.id}/consents/${cid}/withdraw`, {
					date: day(), reason: 'Again', version: await ver(c),
				});
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'consent.err.withdrawn'));
			},
		},
		'consent.override.form': {
			as: sup, path: () => `/cases/${mk('of').id}/consent-overrides/new`,
			async happy() {
				const r = await sup().s.get(`/cases/${mk('of').id}/consent-overrides/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/cases/${mk('of').id}/consent-overrides"`));
				assert.ok(r.text.includes('name="override_reason"'));
			},
		},
		'consent.override': {
			fields: F.override, as: sup, path: () => `/cases/${mk('ov').id}/consent-overrides`,
			valid: { override_code: 'legal_duty', override_reason: 'x', all_agencies: 1, category_identity: 1, date: day(), version: 1 },
			async good() {
				return { override_code: 'legal_duty', override_reason: 'Never saved', all_agencies: 1,
					category_identity: 1, date: day(), version: await ver(mk('ov')) };
			},
			async happy() {
				const c = mk('ov');
				const r = await sup().s.post(`/cases/${c.id}/consent-overrides`, {
					override_code: 'best_interest', override_reason: 'Police must know for the child\'s safety',
					agency_1: fx.agency.id, category_case_summary: 1, date: day(), version: await ver(c),
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/consents`)).json();
				assert.equal(j.consents[0].kind, 'override');
				assert.equal(j.consents[0].override_code, 'best_interest');
				const audit = await L.auditEntries({ actor: sup().username, action: 'consent.override' });
				assert.ok(audit.entries.some((e) => e.object_id === c.id), 'audited');
				assert.ok(audit.entries.every((e) => !e.detail.includes('Police must')), 'no text in audit');
			},
		},
		'consent.overrides': {
			as: sup,
			async happy() {
				const r = await sup().s.get('/consent-overrides');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('<table') || r.text.includes('class="empty"'));
				const a = await fx.aud.s.get('/consent-overrides');
				assert.equal(a.status, 200);
			},
		},
		'community.groups': {
			as: asMuni,
			async happy() {
				await wait();
				const r = await asMuni().s.get('/admin/community-groups');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('action="/admin/community-groups"'));
				assert.ok(r.text.includes('name="community_roma"'));
			},
		},
		'community.group.create': {
			fields: F.group, as: asMuni,
			valid: { get name() { return L.uniq('G'); }, community_roma: 1 },
			async good() { await wait(); return { name: L.uniq('G'), community_roma: 1 }; },
			async happy() {
				await wait();
				const name = L.uniq('Grupi ');
				const r = await asMuni().s.post('/admin/community-groups', { name, community_roma: 1, community_serb: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/admin\/community-groups\/\d+$/);
				const page = await asMuni().s.get(r.location);
				assert.equal(page.status, 200);
				assert.ok(page.text.includes(L.htmlEscape(name)));
				/* No community: named. The same name again: refused. */
				const none = await asMuni().s.post('/admin/community-groups', { name: L.uniq('G') });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'community.err.no_community'));
				const dup = await asMuni().s.post('/admin/community-groups', { name, community_roma: 1 });
				assert.equal(dup.status, 409);
				assert.ok(L.pageSays(dup.text, 'community.err.group_exists'));
			},
		},
		'community.group': {
			as: asMuni, path: () => `/admin/community-groups/${gid}`,
			async happy() {
				await wait();
				const r = await asMuni().s.get(`/admin/community-groups/${gid}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(member().username));
				assert.equal((await asMuni().s.get('/admin/community-groups/99999999')).status, 404);
			},
		},
		'community.member.add': {
			fields: F.member, as: asMuni, path: () => `/admin/community-groups/${gid}/members`,
			valid: { user: 1 },
			async good() { await wait(); return { user: fx.byRole.case.id ?? 1 }; },
			async happy() {
				await wait();
				const u = await L.readyUser({ role: 'community_member' });
				const r = await asMuni().s.post(`/admin/community-groups/${gid}/members`, { user: u.id });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await asMuni().api.get(`/api/v1/community-groups/${gid}`)).json();
				assert.ok(j.member_list.some((m) => m.id === u.id));
				/* A caseworker cannot join a group. */
				const cw = await L.userByName(fx.byRole.case.username);
				const bad = await asMuni().s.post(`/admin/community-groups/${gid}/members`, { user: cw.id });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'community.err.not_member_role'));
			},
		},
		'community.member.remove': {
			as: asMuni, path: () => `/admin/community-groups/${gid}/members/${removable.id || 999999}/remove`,
			async good() { await wait(); return {}; },
			async happy() {
				const u = await L.readyUser({ role: 'community_member' });
				const add = await asMuni().api.post(`/api/v1/community-groups/${gid}/members`, { user: u.id });
				assert.equal(add.status, 200, add.text);
				const page = await asMuni().s.get(`/admin/community-groups/${gid}`);
				assert.ok(page.text.includes(`action="/admin/community-groups/${gid}/members/${u.id}/remove"`));
				const r = await asMuni().s.post(`/admin/community-groups/${gid}/members/${u.id}/remove`, {});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await asMuni().api.get(`/api/v1/community-groups/${gid}`)).json();
				assert.ok(!j.member_list.some((m) => m.id === u.id));
				/* Not a member (any more): refused. The user has no group. */
				const again = await asMuni().s.post(`/admin/community-groups/${gid}/members/${u.id}/remove`, {});
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'community.err.not_in_group'));
				const s = await L.login(u.username, u.password);
				assert.ok(L.pageSays((await s.get('/community')).text, 'community.err.no_group'));
			},
		},
		'community.home': {
			as: asMem,
			async happy() {
				await wait();
				const r = await asMem().s.get('/community');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('href="/community/alerts/new"'));
				/* A member without a group: told so, not an error. */
				const nog = await fx.byRole.comm.s.get('/community');
				assert.equal(nog.status, 200);
				assert.ok(L.pageSays(nog.text, 'community.err.no_group') || nog.text.includes('class="help"'));
			},
		},
		'community.alert.form': {
			as: asMem,
			async happy() {
				await wait();
				const r = await asMem().s.get('/community/alerts/new');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('action="/community/alerts"'));
			},
		},
		'community.alert.file': {
			fields: F.alert, as: asMem,
			valid: { location: 'x', seen: 'y' },
			async good() { await wait(); return { location: 'x', seen: 'Never saved' }; },
			async happy() {
				await wait();
				const r = await asMem().s.post('/community/alerts', { location: 'Rruga e shkollës', seen: 'Two siblings out of school' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, '/community');
				const mine = (await asMem().api.get('/api/v1/community/alerts')).json();
				assert.equal(mine.alerts[0].status, 'received');
				/* Markup: refused, named. */
				const m = await asMem().s.post('/community/alerts', { location: 'x', seen: '<script>x</script>' });
				assert.equal(m.status, 400);
				assert.ok(L.pageSays(m.text, 'community.err.markup'));
			},
		},
		'community.initiative.form': {
			as: asMem,
			async happy() {
				await wait();
				const r = await asMem().s.get('/community/initiatives/new');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('name="f_0_5"'));
			},
		},
		'community.initiative.add': {
			fields: F.initiative, as: asMem,
			valid: { title: 'x', type: 'other', start: day(), end: day(), place: 'p', f_0_5: 1 },
			async good() { await wait(); return initiative; },
			async happy() {
				await wait();
				const r = await asMem().s.post('/community/initiatives', initiative);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await asMem().api.get('/api/v1/community/initiatives')).json();
				assert.equal(j.initiatives[0].total, 45);
				const none = await asMem().s.post('/community/initiatives', { ...initiative, f_6_11: 0, m_6_11: 0,
					f_12_14: 0, m_12_14: 0, f_15_17: 0, m_15_17: 0 });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'community.err.no_participants'));
			},
		},
		'community.triage': {
			as: sup,
			async happy() {
				await alert('tl');
				const r = await sup().s.get('/community-alerts');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/community-alerts/${aids.tl}"`));
			},
		},
		'community.triage.view': {
			as: sup, path: () => apath('tv'),
			async happy() {
				await alert('tv');
				const r = await sup().s.get(apath('tv'));
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/community-alerts/${aids.tv}/admit"`));
				assert.equal((await sup().s.get('/community-alerts/99999999')).status, 404);
			},
		},
		'community.triage.admit': {
			fields: F.admit, as: sup, path: () => apath('ta', '/admit'),
			valid: { version: 1, concern_NEG: 1 },
			async good() { await alert('ta'); return { version: 1, concern_NEG: 1 }; },
			async happy() {
				await alert('ta');
				const r = await sup().s.post(apath('ta', '/admit'), { version: 1, concern_EDU: 1, concern_NEG: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/intake\/\d+$/);
				const a = await alertOf(sup().api, aids.ta);
				assert.equal(a.status, 'admitted');
				/* The member sees only "handled". */
				const mine = (await asMem().api.get('/api/v1/community/alerts')).json();
				const x = mine.alerts.find((m) => m.id === aids.ta);
				assert.equal(x.status, 'handled');
				assert.ok(!('report_id' in x) && !('reason' in x));
				/* Decided: again is a conflict. */
				const again = await sup().s.post(apath('ta', '/admit'), { version: 2, concern_NEG: 1 });
				assert.equal(again.status, 409);
			},
		},
		'community.triage.reject': {
			fields: F.reject, as: sup, path: () => apath('tr', '/not-admitted'),
			valid: { version: 1, reason: 'x' },
			async good() { await alert('tr'); return { version: 1, reason: 'Never saved' }; },
			async happy() {
				await alert('tr');
				const r = await sup().s.post(apath('tr', '/not-admitted'), { version: 1, reason: 'Already known to the Centre' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, '/community-alerts');
				assert.equal((await alertOf(sup().api, aids.tr)).status, 'not_admitted');
			},
		},
		'api.consents': {
			as: sup, path: () => `/api/v1/cases/${mk('ac').id}/consents`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${mk('ac').id}/consents`);
				assert.equal(r.status, 200, r.text);
				assert.deepEqual(r.json().consents, []);
				assert.equal((await sup().api.get('/api/v1/cases/99999999/consents')).status, 404);
			},
		},
		'api.consent.record': {
			fields: F.apiRecord, as: sup, path: () => `/api/v1/cases/${mk('ar').id}/consents`,
			valid: { giver_name: 'x', relation: 'parent', all_agencies: true, categories: 'identity', date: day(), version: 1 },
			async good() {
				return { giver_name: 'Never', relation: 'parent', categories: 'identity', date: day(),
					version: await ver(mk('ar')) };
			},
			async happy() {
				const c = mk('ar');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/consents`, {
					giver_name: 'Agim Morina', relation: 'parent', agencies: `${fx.hani.id}, ${fx.agency.id}`,
					categories: 'identity,education', date: day(), version: await ver(c),
				});
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().consents[0].giver_name, 'Agim Morina');
				const bad = await sup().api.post(`/api/v1/cases/${c.id}/consents`, {
					giver_name: 'X', relation: 'parent', agencies: 'abc', categories: 'identity', date: day(),
					version: await ver(c),
				});
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'agencies');
				const cat = await sup().api.post(`/api/v1/cases/${c.id}/consents`, {
					giver_name: 'X', relation: 'parent', all_agencies: true, categories: 'secrets', date: day(),
					version: await ver(c),
				});
				assert.equal(cat.status, 400);
				assert.equal(cat.json().field, 'categories');
			},
		},
		'api.consent.withdraw': {
			fields: F.withdraw, as: sup,
			path: () => `/api/v1/cases/${mk('aw').id}/consents/${cids.aw || 999999}/withdraw`,
			valid: { date: day(), reason: 'x', version: 1 },
			async good() { await consent('aw'); return { date: day(), reason: 'Never saved', version: await ver(mk('aw')) }; },
			async happy() {
				const c = mk('aw');
				const cid = await consent('aw');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, {
					date: day(), reason: 'Withdrawn by the father', version: await ver(c),
				});
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().consents[0].in_force, false);
				const again = await sup().api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, {
					date: day(), reason: 'Again', version: await ver(c),
				});
				assert.equal(again.status, 400);
				assert.ok(L.isMessage(again.json().message, 'consent.err.withdrawn'));
			},
		},
		'api.consent.override': {
			fields: F.apiOverride, as: sup, path: () => `/api/v1/cases/${mk('ao').id}/consent-overrides`,
			valid: { override_code: 'legal_duty', override_reason: 'x', all_agencies: true, categories: 'identity', date: day(), version: 1 },
			async good() {
				return { override_code: 'legal_duty', override_reason: 'Never', all_agencies: true,
					categories: 'identity', date: day(), version: await ver(mk('ao')) };
			},
			async happy() {
				const c = mk('ao');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/consent-overrides`, {
					override_code: 'legal_duty', override_reason: 'Court order', all_agencies: true,
					categories: 'case_summary', date: day(), version: await ver(c),
				});
				assert.equal(r.status, 201, r.text);
				const list = (await sup().api.get('/api/v1/consent-overrides')).json();
				assert.ok(list.overrides.some((o) => o.case_id === c.id && o.reason === 'Court order'));
				/* The auditor sees the code, not the reason. */
				const aud = (await fx.aud.api.get('/api/v1/consent-overrides')).json();
				const o = aud.overrides.find((x) => x.case_id === c.id);
				assert.ok(o);
				assert.equal(o.code, 'legal_duty');
				assert.ok(!o.reason);
			},
		},
		'api.consent.overrides': {
			as: sup,
			async happy() {
				const r = await sup().api.get('/api/v1/consent-overrides');
				assert.equal(r.status, 200, r.text);
				assert.ok(Array.isArray(r.json().overrides));
			},
		},
		'api.community.groups': {
			as: asMuni,
			async happy() {
				await wait();
				const r = await asMuni().api.get('/api/v1/community-groups');
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().groups.some((g) => g.id === gid));
			},
		},
		'api.community.group.create': {
			fields: F.apiGroup, as: asMuni,
			valid: { get name() { return L.uniq('G'); }, communities: 'roma' },
			async good() { await wait(); return { name: L.uniq('G'), communities: 'roma' }; },
			async happy() {
				await wait();
				const r = await asMuni().api.post('/api/v1/community-groups', { name: L.uniq('G'), communities: 'serb, gorani' });
				assert.equal(r.status, 201, r.text);
				assert.deepEqual(r.json().communities.sort(), ['gorani', 'serb']);
				/* Another municipality: refused. */
				const tirana = (await asMuni().api.get('/api/v1/municipalities')).json().municipalities
					.find((m) => m.code !== 'XK09');
				const other = await asMuni().api.post('/api/v1/community-groups', {
					name: L.uniq('G'), communities: 'roma', municipality: tirana.id,
				});
				assert.equal(other.status, 400, other.text);
				assert.equal(other.json().field, 'municipality');
			},
		},
		'api.community.group': {
			as: asMuni, path: () => `/api/v1/community-groups/${gid}`,
			async happy() {
				await wait();
				const r = await asMuni().api.get(`/api/v1/community-groups/${gid}`);
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().member_list.some((m) => m.username === member().username));
			},
		},
		'api.community.member.add': {
			fields: F.member, as: asMuni, path: () => `/api/v1/community-groups/${gid}/members`,
			valid: { user: 1 },
			async good() { await wait(); return { user: 99999999 }; },
			async happy() {
				await wait();
				const u = await L.createUser({ role: 'community_member' });
				const r = await asMuni().api.post(`/api/v1/community-groups/${gid}/members`, { user: u.id });
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().member_list.some((m) => m.id === u.id));
				const nf = await asMuni().api.post('/api/v1/community-groups/99999999/members', { user: u.id });
				assert.equal(nf.status, 404);
			},
		},
		'api.community.member.remove': {
			as: asMuni, path: () => `/api/v1/community-groups/${gid}/members/999999`,
			async happy() {
				await wait();
				const u = await L.createUser({ role: 'community_member' });
				assert.equal((await asMuni().api.post(`/api/v1/community-groups/${gid}/members`, { user: u.id })).status, 200);
				const r = await asMuni().api.del(`/api/v1/community-groups/${gid}/members/${u.id}`);
				assert.equal(r.status, 200, r.text);
				assert.ok(!r.json().member_list.some((m) => m.id === u.id));
				const again = await asMuni().api.del(`/api/v1/community-groups/${gid}/members/${u.id}`);
				assert.equal(again.status, 400);
				assert.equal(again.json().field, 'user');
				assert.equal((await asMuni().api.del(`/api/v1/community-groups/99999999/members/${u.id}`)).status, 404);
			},
		},
		'api.community.alerts': {
			as: asMem,
			async happy() {
				await wait();
				const r = await asMem().api.get('/api/v1/community/alerts');
				assert.equal(r.status, 200, r.text);
				assert.ok(Array.isArray(r.json().alerts));
			},
		},
		'api.community.alert.file': {
			fields: F.alert, as: asMem,
			valid: { location: 'x', seen: 'y' },
			async good() { await wait(); return { location: 'x', seen: 'Never saved' }; },
			async happy() {
				await wait();
				const r = await asMem().api.post('/api/v1/community/alerts', { location: 'x', seen: 'Begging at the crossroads', immediate_danger: true });
				assert.equal(r.status, 201, r.text);
				const big = await asMem().api.post('/api/v1/community/alerts', { location: 'x', seen: 'y'.repeat(2001) });
				assert.equal(big.status, 400);
				assert.equal(big.json().field, 'seen');
			},
		},
		'api.community.initiatives': {
			as: asMem,
			async happy() {
				await wait();
				const r = await asMem().api.get('/api/v1/community/initiatives');
				assert.equal(r.status, 200, r.text);
			},
		},
		'api.community.initiative.add': {
			fields: F.initiative, as: asMem,
			valid: { title: 'x', type: 'other', start: day(), end: day(), place: 'p', f_0_5: 1 },
			async good() { await wait(); return initiative; },
			async happy() {
				await wait();
				const r = await asMem().api.post('/api/v1/community/initiatives', initiative);
				assert.equal(r.status, 201, r.text);
				const bad = await asMem().api.post('/api/v1/community/initiatives', { ...initiative, end: day(-20) });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'end');
			},
		},
		'api.community.triage': {
			fields: F.alerts, as: sup,
			valid: {},
			async happy() {
				await alert('al');
				const r = await sup().api.get('/api/v1/community-alerts');
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().alerts.some((a) => a.id === aids.al && a.status === 'received'));
			},
		},
		'api.community.triage.get': {
			as: sup, path: () => apath('ag', '', '/api/v1'),
			async happy() {
				await alert('ag');
				const a = await alertOf(sup().api, aids.ag);
				assert.equal(a.location, 'Near the school');
				assert.equal((await sup().api.get('/api/v1/community-alerts/99999999')).status, 404);
			},
		},
		'api.community.triage.admit': {
			fields: F.apiAdmit, as: sup, path: () => apath('aa', '/admit', '/api/v1'),
			valid: { version: 1, concerns: 'NEG' },
			async good() { await alert('aa'); return { version: 1, concerns: 'NEG' }; },
			async happy() {
				await alert('aa');
				const r = await sup().api.post(apath('aa', '/admit', '/api/v1'), { version: 1, concerns: 'EDU,NEG' });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'admitted');
				const rep = await sup().api.get(`/api/v1/reports/${r.json().report_id}`);
				assert.equal(rep.status, 200, rep.text);
				assert.equal(rep.json().report.referrer_type, 'community');
			},
		},
		'api.community.triage.reject': {
			fields: F.reject, as: sup, path: () => apath('ar', '/not-admitted', '/api/v1'),
			valid: { version: 1, reason: 'x' },
			async good() { await alert('ar'); return { version: 1, reason: 'Never saved' }; },
			async happy() {
				await alert('ar');
				const r = await sup().api.post(apath('ar', '/not-admitted', '/api/v1'), { version: 1, reason: 'Not a child protection matter' });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'not_admitted');
				const stale = await sup().api.post(apath('ar', '/not-admitted', '/api/v1'), { version: 1, reason: 'Again' });
				assert.equal(stale.status, 409);
			},
		},
	};
}
