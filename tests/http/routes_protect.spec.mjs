// routes_protect.spec.mjs — the protect routes' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): protection
// measures and 72-hour emergency placements of an Albanian case, and
// systematic visits, web and API. Cases are made with SQL (makeCase) in
// NJMF-TIRANE (Tiranë, AL53); the users are a supervisor and a caseworker
// of that unit, made when the module loads (as() is synchronous). The
// helpers are shared with protect.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';
import { day, version } from './routes_closure.spec.mjs';
import { actor } from './routes_community.spec.mjs';

export const TYPES = ['family_supervision', 'alternative_care', 'emergency_protection'];
export const DECIDERS = ['unit', 'court'];
export const REASONS = ['goals_met', 'court_revoked', 'replaced', 'moved', 'turned_18', 'other'];
export const PLACES = ['shelter', 'alternative_care', 'relatives', 'other'];
export const HOWS = ['returned_family', 'court_measure', 'longer_care'];
export const KINDS = ['preschool', 'school', 'home'];
export const VSTATUSES = ['planned', 'done', 'cancelled'];
const SEXES = ['f', 'm', 'u'];
const INT64_MAX = '9223372036854775807';

/* The unit's users { sup, cw }, each { username, s, api }. */
let fixture = null;
export function protectFixture() {
	fixture ??= (async () => ({
		sup: await actor({ role: 'supervisor', agency: 'NJMF-TIRANE' }),
		cw: await actor({ role: 'caseworker', agency: 'NJMF-TIRANE' }),
	}))();
	return fixture;
}
const FIX = await protectFixture();

/* A case of Tiranë in NJMF-TIRANE: { id, number, child }. */
export function alCase(opts = {}) {
	return makeCase({ agency: 'NJMF-TIRANE', muni: 'AL53', risk: 'high', given: 'Ardit', family: 'Hoxha', ...opts });
}

/* The local date (yyyy-mm-dd) and time (HH:MM) of now plus seconds. */
export function moment(plus = 0) {
	const d = new Date(Date.now() + plus * 1000);
	return {
		date: d.toLocaleDateString('en-CA', { timeZone: 'Europe/Belgrade' }),
		time: d.toLocaleTimeString('en-GB', { timeZone: 'Europe/Belgrade', hour: '2-digit', minute: '2-digit', hour12: false }),
	};
}

/* A measure added through the API: the measures view. */
export async function addMeasure(api, id, extra = {}) {
	const r = await api.post(`/api/v1/cases/${id}/measures`, {
		type: 'family_supervision', decided_by: 'unit', decision_date: day(-5), version: await version(api, id), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* A placement started hours ago through the API: the measures view. */
export async function startPlacement(api, id, hours = 50, extra = {}) {
	const r = await api.post(`/api/v1/cases/${id}/placements`, {
		place_kind: 'shelter', place_name: 'Qendra e Emergjencës', ...moment(-hours * 3600),
		version: await version(api, id), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* A visit planned through the API by api: its JSON. */
export async function planVisit(api, extra = {}) {
	const r = await api.post('/api/v1/visits', { kind: 'school', date: day(), place: 'Shkolla 9-vjeçare', ...extra });
	assert.equal(r.status, 201, r.text);
	return r.json();
}

export function specs(ctx) {
	const { line, int, id, oneOf, bool, text, date } = ctx;
	const req = (f) => ({ ...f, required: true });
	const F = {
		measure: {
			type: oneOf(TYPES, true), decided_by: oneOf(DECIDERS, true), decision_date: req(date()),
			submission_date: date(), confirmation_date: date(), expiry_date: date(), version: int(1, INT64_MAX, true),
		},
		dates: { submission_date: date(), confirmation_date: date(), expiry_date: date(), version: int(1, INT64_MAX, true) },
		end: { end_reason: oneOf(REASONS, true), end_date: req(date()), version: int(1, INT64_MAX, true) },
		placement: {
			place_kind: oneOf(PLACES, true), place_name: line(1, 200, true), date: req(date()), time: line(1, 5, true),
			version: int(1, INT64_MAX, true),
		},
		pend: {
			end_how: oneOf(HOWS, true), measure: id(), date: req(date()), time: line(1, 5, true),
			version: int(1, INT64_MAX, true),
		},
		filter: { kind: oneOf(KINDS), status: oneOf(VSTATUSES), month: line(0, 7), page: int(1, 100000) },
		visit: {
			kind: oneOf(KINDS, true), date: req(date()), place: line(1, 200, true), health_names: line(0, 300),
			health_institution: line(0, 200), others: line(0, 300), worker1: id(), worker2: id(), worker3: id(),
		},
		apiVisit: {
			kind: oneOf(KINDS, true), date: req(date()), place: line(1, 200, true), health_names: line(0, 300),
			health_institution: line(0, 200), others: line(0, 300), participants: line(0, 200),
		},
		done: { findings: text(1, 4000, true), seen_f: int(0, 10000, true), seen_m: int(0, 10000, true), version: int(1, INT64_MAX, true) },
		cancel: { cancel_reason: text(1, 1000, true), version: int(1, INT64_MAX, true) },
		child: {
			given_name: line(0, 100), family_name: line(0, 100), parent_name: line(0, 100), sex: oneOf(SEXES),
			birth_date: date(), age: int(0, 17), concerns: line(1, 400, true), narrative: text(1, 4000, true),
			immediate_danger: bool(), version: int(1, INT64_MAX, true),
		},
	};
	const sup = () => FIX.sup;
	const ver = async (c) => version(FIX.sup.api, c.id);
	/* One case per route, made when first asked for. */
	const cases = {};
	const mk = (k) => (cases[k] ??= alCase());
	/* One measure / placement / visit per route, made when first asked for. */
	const made = {};
	const once = (k, fn) => (made[k] ??= fn());
	const mid = {};
	const measureOf = (k, extra) => once('m' + k, async () => {
		const j = await addMeasure(FIX.sup.api, mk(k).id, extra);
		mid[k] = j.measures[0].id;
		return mid[k];
	});
	const pid = {};
	const placementOf = (k, hours = 50) => once('p' + k, async () => {
		const j = await startPlacement(FIX.sup.api, mk(k).id, hours);
		pid[k] = j.placements[0].id;
		return pid[k];
	});
	const vid = {};
	const visitOf = (k, extra) => once('v' + k, async () => {
		const j = await planVisit(FIX.sup.api, extra);
		vid[k] = j.id;
		return j.id;
	});
	const mpath = (k, what = '', api = '') => `${api}/cases/${mk(k).id}/measures/${mid[k] || 999999}${what}`;
	const ppath = (k, api = '') => `${api}/cases/${mk(k).id}/placements/${pid[k] || 999999}/end`;
	const vpath = (k, what = '', api = '') => `${api}/visits/${vid[k] || 999999}${what}`;
	const measureBody = async (c, extra = {}) => ({
		type: 'alternative_care', decided_by: 'court', decision_date: day(-3), submission_date: day(-2),
		version: await ver(c), ...extra,
	});
	const placeBody = async (c, extra = {}) => ({
		place_kind: 'shelter', place_name: 'Shtëpia e Fëmijëve', ...moment(-3600), version: await ver(c), ...extra,
	});
	const measures = async (c) => (await FIX.sup.api.get(`/api/v1/cases/${c.id}/measures`)).json();
	const kosovo = () => makeCase({ risk: 'high' });

	return {
		'protect.measure.add': {
			fields: F.measure, as: sup, path: () => `/cases/${mk('ma').id}/measures`,
			valid: { type: 'alternative_care', decided_by: 'unit', decision_date: day(-1), version: 1 },
			async good() { return measureBody(mk('ma')); },
			async happy() {
				const c = mk('ma');
				const bad = await sup().s.post(`/cases/${c.id}/measures`, await measureBody(c, { submission_date: day(-4) }));
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'protect.err.submission_before_decision'));
				const r = await sup().s.post(`/cases/${c.id}/measures`, await measureBody(c));
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${c.id}#protect`);
				const j = await measures(c);
				assert.equal(j.measures.length, 1);
				assert.equal(j.measures[0].status, 'submitted');
				const twice = await sup().s.post(`/cases/${c.id}/measures`, await measureBody(c));
				assert.equal(twice.status, 400);
				assert.ok(L.pageSays(twice.text, 'protect.err.same_type'));
				const page = await sup().s.get(`/cases/${c.id}`);
				assert.ok(page.text.includes('id="protect"'));
				const k = kosovo();
				const hani = await L.readyUser({ role: 'supervisor' });
				const hs = await L.login(hani.username, hani.password);
				assert.ok(!(await hs.get(`/cases/${k.id}`)).text.includes('id="protect"'), 'not offered on a Kosovo case');
			},
		},
		'protect.measure.update': {
			fields: F.dates, as: sup, path: () => mpath('mu'),
			valid: { version: 1 },
			async good() { await measureOf('mu'); return { submission_date: day(-1), version: await ver(mk('mu')) }; },
			async happy() {
				const c = mk('mu');
				await measureOf('mu');
				const bad = await sup().s.post(mpath('mu'), { confirmation_date: day(), version: await ver(c) });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'protect.err.confirmation_no_submission'));
				const r = await sup().s.post(mpath('mu'), { submission_date: day(-1), confirmation_date: day(), version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal((await measures(c)).measures[0].status, 'confirmed');
			},
		},
		'protect.measure.end': {
			fields: F.end, as: sup, path: () => mpath('me', '/end'),
			valid: { end_reason: 'goals_met', end_date: day(), version: 1 },
			async good() { await measureOf('me'); return { end_reason: 'goals_met', end_date: day(), version: await ver(mk('me')) }; },
			async happy() {
				const c = mk('me');
				await measureOf('me');
				const r = await sup().s.post(mpath('me', '/end'), { end_reason: 'replaced', end_date: day(), version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = await measures(c);
				assert.equal(j.measures[0].status, 'ended');
				assert.equal(j.measures[0].end_reason, 'replaced');
				const twice = await sup().s.post(mpath('me', '/end'), { end_reason: 'replaced', end_date: day(), version: await ver(c) });
				assert.equal(twice.status, 409);
				assert.ok(L.pageSays(twice.text, 'protect.err.ended'));
			},
		},
		'protect.placement.start': {
			fields: F.placement, as: sup, path: () => `/cases/${mk('ps').id}/placements`,
			valid: { place_kind: 'shelter', place_name: 'x', date: day(), time: '00:00', version: 1 },
			async good() { return placeBody(mk('ps')); },
			async happy() {
				const c = mk('ps');
				const fut = await sup().s.post(`/cases/${c.id}/placements`, await placeBody(c, moment(7200)));
				assert.equal(fut.status, 400);
				assert.ok(L.pageSays(fut.text, 'protect.err.future'));
				const r = await sup().s.post(`/cases/${c.id}/placements`, await placeBody(c));
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const page = await sup().s.get(`/cases/${c.id}`);
				assert.ok(/(Skadon pas|Expires in|Ističe za) 70 h/.test(page.text) || /(Skadon pas|Expires in|Ističe za) 71 h/.test(page.text), 'the countdown');
				const again = await sup().s.post(`/cases/${c.id}/placements`, await placeBody(c));
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'protect.err.running'));
			},
		},
		'protect.placement.end': {
			fields: F.pend, as: sup, path: () => ppath('pe'),
			valid: { end_how: 'returned_family', date: day(), time: '00:00', version: 1 },
			async good() { await placementOf('pe'); return { end_how: 'returned_family', ...moment(-60), version: await ver(mk('pe')) }; },
			async happy() {
				const c = mk('pe');
				await placementOf('pe');
				const early = await sup().s.post(ppath('pe'), { end_how: 'returned_family', ...moment(-51 * 3600), version: await ver(c) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'protect.err.end_before_start'));
				const r = await sup().s.post(ppath('pe'), { end_how: 'returned_family', ...moment(-60), version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = await measures(c);
				assert.equal(j.placements[0].running, false);
				assert.equal(j.placements[0].end_how, 'returned_family');
			},
		},
		'visit.list': {
			fields: F.filter, as: sup, valid: {},
			async happy() {
				const v = await visitOf('vl', { kind: 'preschool', place: 'Kopshti Nr. 5' });
				const r = await sup().s.get('/visits?kind=preschool');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/visits/${v}"`));
				const bad = await sup().s.get('/visits?month=2026-13');
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'visit.err.month'));
			},
		},
		'visit.form': {
			as: sup,
			async happy() {
				const r = await sup().s.get('/visits/new');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('action="/visits"'));
				assert.ok(r.text.includes('value="home"'));
			},
		},
		'visit.create': {
			fields: F.visit, as: sup,
			valid: { kind: 'school', date: day(1), place: 'x' },
			async good() { return { kind: 'school', date: day(2), place: 'Shkolla "Sami Frashëri"' }; },
			async happy() {
				const past = await sup().s.post('/visits', { kind: 'school', date: day(-1), place: 'Shkolla' });
				assert.equal(past.status, 400);
				assert.ok(L.pageSays(past.text, 'visit.err.past'));
				const r = await sup().s.post('/visits', { kind: 'home', date: day(3), place: 'Rruga e Durrësit 4',
					health_names: 'Dr. Elira Shehu', health_institution: 'QSH 3', worker1: FIX.cw.id });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/visits\/\d+$/);
				const j = (await sup().api.get('/api/v1' + r.location)).json();
				assert.equal(j.participants.length, 1);
				assert.equal(j.participants[0].id, FIX.cw.id);
			},
		},
		'visit.view': {
			as: sup, path: () => vpath('vv'),
			async happy() {
				await visitOf('vv');
				const r = await sup().s.get(vpath('vv'));
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('Shkolla 9-vjeçare'));
				const hani = await actor({ role: 'caseworker' });
				assert.equal((await hani.s.get(vpath('vv'))).status, 404);
			},
		},
		'visit.done': {
			fields: F.done, as: sup, path: () => vpath('vd', '/done'),
			valid: { findings: 'x', seen_f: 1, seen_m: 1, version: 1 },
			async good() { await visitOf('vd'); return { findings: 'Never saved', seen_f: 0, seen_m: 0, version: 1 }; },
			async happy() {
				await visitOf('vd');
				const bad = await sup().s.post(vpath('vd', '/done'), { findings: '<b>x</b>', seen_f: 1, seen_m: 1, version: 1 });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'visit.err.markup'));
				const r = await sup().s.post(vpath('vd', '/done'), { findings: 'Dy fëmijë pa regjistrim', seen_f: 20, seen_m: 18, version: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(vpath('vd', '', '/api/v1'))).json();
				assert.equal(j.status, 'done');
				assert.equal(j.seen_f, 20);
			},
		},
		'visit.cancel': {
			fields: F.cancel, as: sup, path: () => vpath('vc', '/cancel'),
			valid: { cancel_reason: 'x', version: 1 },
			async good() { await visitOf('vc', { date: day(4) }); return { cancel_reason: 'Never saved', version: 1 }; },
			async happy() {
				await visitOf('vc', { date: day(4) });
				const r = await sup().s.post(vpath('vc', '/cancel'), { cancel_reason: 'Shkolla e mbyllur', version: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const twice = await sup().s.post(vpath('vc', '/cancel'), { cancel_reason: 'x', version: 2 });
				assert.equal(twice.status, 409);
				assert.ok(L.pageSays(twice.text, 'visit.err.changed'));
			},
		},
		'visit.identify': {
			fields: F.child, as: sup, path: () => vpath('vi', '/children'),
			valid: { concerns: 'EDU', narrative: 'x', version: 1 },
			async good() { await visitOf('vi'); return { concerns: 'EDU', narrative: 'Never saved', version: 1 }; },
			async happy() {
				await visitOf('vi');
				const r = await sup().s.post(vpath('vi', '/children'), { given_name: 'Blerta', sex: 'f', age: 9,
					concerns: 'EDU', narrative: 'Nuk ndjek shkollën prej 2 muajsh', version: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(vpath('vi', '', '/api/v1'))).json();
				assert.equal(j.identified.length, 1);
				assert.equal(j.identified[0].status, 'received');
				const rep = await sup().api.get(`/api/v1/reports/${j.identified[0].report_id}`);
				assert.equal(rep.status, 200, rep.text);
				assert.equal(rep.json().report.channel, 'visit');
				assert.equal(rep.json().report.referrer_type, 'systematic_visit');
			},
		},
		'api.protect': {
			as: sup, path: () => `/api/v1/cases/${mk('ag').id}/measures`,
			async happy() {
				const c = mk('ag');
				const r = await sup().api.get(`/api/v1/cases/${c.id}/measures`);
				assert.equal(r.status, 200);
				assert.equal(r.json().offered, true);
				assert.deepEqual(r.json().measures, []);
				assert.equal((await sup().api.get('/api/v1/cases/99999999/measures')).status, 404);
			},
		},
		'api.protect.measure.add': {
			fields: F.measure, as: sup, path: () => `/api/v1/cases/${mk('aa').id}/measures`,
			valid: { type: 'alternative_care', decided_by: 'unit', decision_date: day(-1), version: 1 },
			async good() { return measureBody(mk('aa')); },
			async happy() {
				const c = mk('aa');
				const bad = await sup().api.post(`/api/v1/cases/${c.id}/measures`, await measureBody(c, { expiry_date: day(-4) }));
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'expiry_date');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/measures`, await measureBody(c, { expiry_date: day(180) }));
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().measures[0].expiry_date, day(180));
				const stale = await sup().api.post(`/api/v1/cases/${c.id}/measures`, await measureBody(c, { type: 'emergency_protection', version: 1 }));
				assert.equal(stale.status, 409);
			},
		},
		'api.protect.measure.update': {
			fields: F.dates, as: sup, path: () => mpath('au', '', '/api/v1'),
			valid: { version: 1 },
			async good() { await measureOf('au'); return { submission_date: day(-1), version: await ver(mk('au')) }; },
			async happy() {
				const c = mk('au');
				await measureOf('au');
				const r = await sup().api.post(mpath('au', '', '/api/v1'), { submission_date: day(-1), version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().measures[0].status, 'submitted');
			},
		},
		'api.protect.measure.end': {
			fields: F.end, as: sup, path: () => mpath('ae', '/end', '/api/v1'),
			valid: { end_reason: 'goals_met', end_date: day(), version: 1 },
			async good() { await measureOf('ae'); return { end_reason: 'goals_met', end_date: day(), version: await ver(mk('ae')) }; },
			async happy() {
				const c = mk('ae');
				await measureOf('ae');
				const r = await sup().api.post(mpath('ae', '/end', '/api/v1'), { end_reason: 'goals_met', end_date: day(), version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().measures[0].status, 'ended');
			},
		},
		'api.protect.placement.start': {
			fields: F.placement, as: sup, path: () => `/api/v1/cases/${mk('as').id}/placements`,
			valid: { place_kind: 'shelter', place_name: 'x', date: day(), time: '00:00', version: 1 },
			async good() { return placeBody(mk('as')); },
			async happy() {
				const c = mk('as');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/placements`, await placeBody(c));
				assert.equal(r.status, 201, r.text);
				const p = r.json().placements[0];
				assert.equal(p.ends_at - p.started_at, 72 * 3600);
				assert.equal(p.running, true);
			},
		},
		'api.protect.placement.end': {
			fields: F.pend, as: sup, path: () => ppath('ap', '/api/v1'),
			valid: { end_how: 'returned_family', date: day(), time: '00:00', version: 1 },
			async good() { await placementOf('ap', 80); return { end_how: 'longer_care', ...moment(-9 * 3600), version: await ver(mk('ap')) }; },
			async happy() {
				const c = mk('ap');
				await placementOf('ap', 80);
				const early = await sup().api.post(ppath('ap', '/api/v1'), { end_how: 'longer_care', ...moment(-81 * 3600), version: await ver(c) });
				assert.equal(early.status, 400);
				assert.equal(early.json().field, 'time');
				assert.ok(L.isMessage(early.json().message, 'protect.err.end_before_start'));
				const r = await sup().api.post(ppath('ap', '/api/v1'), { end_how: 'longer_care', ...moment(-9 * 3600), version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().placements[0].end_how, 'longer_care');
			},
		},
		'api.visit.list': {
			fields: F.filter, as: sup, valid: {},
			async happy() {
				const v = await visitOf('al', { kind: 'home', date: day(1), health_names: 'Dr. A', health_institution: 'QSH 1' });
				const r = await sup().api.get('/api/v1/visits?kind=home&status=planned');
				assert.equal(r.status, 200);
				const j = r.json();
				assert.ok(j.visits.some((x) => x.id === v));
				assert.ok(j.visits.every((x) => x.kind === 'home' && x.status === 'planned'));
			},
		},
		'api.visit.create': {
			fields: F.apiVisit, as: sup,
			valid: { kind: 'school', date: day(1), place: 'x' },
			async good() { return { kind: 'school', date: day(2), place: 'Shkolla' }; },
			async happy() {
				const bad = await sup().api.post('/api/v1/visits', { kind: 'home', date: day(1), place: 'Rruga 1' });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'health_names');
				const r = await sup().api.post('/api/v1/visits', { kind: 'preschool', date: day(1), place: 'Kopshti 2',
					participants: `${FIX.cw.id}, ${FIX.sup.id}` });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().participants.length, 2);
			},
		},
		'api.visit.view': {
			as: sup, path: () => vpath('av', '', '/api/v1'),
			async happy() {
				await visitOf('av');
				const r = await sup().api.get(vpath('av', '', '/api/v1'));
				assert.equal(r.status, 200);
				assert.equal(r.json().status, 'planned');
			},
		},
		'api.visit.done': {
			fields: F.done, as: sup, path: () => vpath('ad', '/done', '/api/v1'),
			valid: { findings: 'x', seen_f: 1, seen_m: 1, version: 1 },
			async good() { await visitOf('ad'); return { findings: 'Never saved', seen_f: 0, seen_m: 0, version: 1 }; },
			async happy() {
				await visitOf('ad');
				const r = await sup().api.post(vpath('ad', '/done', '/api/v1'), { findings: 'Asgjë shqetësuese', seen_f: 3, seen_m: 4, version: 1 });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'done');
			},
		},
		'api.visit.cancel': {
			fields: F.cancel, as: sup, path: () => vpath('ac', '/cancel', '/api/v1'),
			valid: { cancel_reason: 'x', version: 1 },
			async good() { await visitOf('ac'); return { cancel_reason: 'Never saved', version: 1 }; },
			async happy() {
				await visitOf('ac');
				const r = await sup().api.post(vpath('ac', '/cancel', '/api/v1'), { cancel_reason: 'Festë zyrtare', version: 1 });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'cancelled');
			},
		},
		'api.visit.identify': {
			fields: F.child, as: sup, path: () => vpath('ai', '/children', '/api/v1'),
			valid: { concerns: 'EDU', narrative: 'x', version: 1 },
			async good() { await visitOf('ai'); return { concerns: 'EDU', narrative: 'Never saved', version: 1 }; },
			async happy() {
				await visitOf('ai');
				const bad = await sup().api.post(vpath('ai', '/children', '/api/v1'), { concerns: 'NOPE', narrative: 'x', version: 1 });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'concerns');
				const r = await sup().api.post(vpath('ai', '/children', '/api/v1'), { concerns: 'EDU,NEG', narrative: 'Fëmijë pa shoqërues', immediate_danger: true, version: 1 });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().identified.length, 1);
				assert.equal(r.json().version, 2);
			},
		},
	};
}
