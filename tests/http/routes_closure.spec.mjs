// routes_closure.spec.mjs — the closure routes' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): reviews, incidents,
// closure with approval, follow-up, reopening and transfer, web and API.
// Cases are made with SQL (makeCase) with their risk set; each route takes
// its own case. The helpers below (the receiving unit, closing a case,
// a waiting transfer) are shared with closure.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';

export const LEVELS = ['low', 'medium', 'high'];
export const DECISIONS = ['continue', 'revise_plan', 'propose_closure'];
export const REASONS = ['goals_met', 'no_longer_at_risk', 'turned_18', 'moved', 'death',
	'family_refused_low_risk', 'duplicate'];
export const RESULTS = ['fine', 'concern'];
const INT64_MAX = '9223372036854775807';

/* yyyy-mm-dd of today (plus n days) where the server counts days. */
export function day(n = 0) {
	return new Date(Date.now() + n * 86400000).toLocaleDateString('en-CA',
		{ timeZone: 'Europe/Belgrade' });
}

export async function version(api, id) {
	const r = await api.get(`/api/v1/cases/${id}`);
	assert.equal(r.status, 200, r.text);
	return r.json().version;
}

const units = {};
/*
 * A social-work agency of its own in municipality code (made once per
 * code; the owning agency there, so that transfers go to it), with a
 * supervisor { username, s, api }: { agency, muni, sup, hani }.
 */
export function unit(code) {
	units[code] ??= (async () => {
		const admin = await L.adminApi();
		const ms = (await admin.get('/api/v1/municipalities')).json().municipalities;
		const muni = ms.find((m) => m.code === code);
		assert.ok(muni, code);
		const agencyCode = L.uniq('QPS').toUpperCase().slice(0, 16);
		const r = await admin.post('/api/v1/agencies', {
			code: agencyCode, name: 'QPS ' + agencyCode, type: 'social_work', municipality: muni.id,
		});
		assert.equal(r.status, 201, r.text);
		const u = await L.readyUser({ role: 'supervisor', agency: agencyCode });
		const sup = { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
		const hani = await L.agencyByCode('QPS-HANI');
		return { agency: r.json(), code: agencyCode, muni, sup, hani };
	})();
	return units[code];
}

let helper = null;
/*
 * A second supervisor of QPS-HANI { username, api } who prepares the
 * routes' cases (a request waiting, a case closed), so that the user under
 * test has written nothing before a refused request ("nothing written").
 */
export function haniHelper() {
	helper ??= (async () => {
		const u = await L.readyUser({ role: 'supervisor' });
		return { ...u, api: await L.Api.as(u.username, u.password) };
	})();
	return helper;
}

/* A closure requested through the API (by api, a user of the case's unit). */
export async function requestClosure(api, id, reason = 'goals_met') {
	const r = await api.post(`/api/v1/cases/${id}/closure`, {
		reason, summary: 'Plan goals met', date: day(), version: await version(api, id),
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* The case closed with approval (api: a supervisor of its unit). */
export async function closeCase(api, id) {
	const j = await requestClosure(api, id);
	const r = await api.post(`/api/v1/cases/${id}/closure/approve`, { version: j.version });
	assert.equal(r.status, 200, r.text);
	return r.json();
}

/* A case of u's agency transferred (waiting) to QPS-HANI: { c, tid }. */
export async function transferToHani(u) {
	const c = makeCase({ agency: u.code, muni: u.muni.code, risk: 'medium' });
	const r = await u.sup.api.post(`/api/v1/cases/${c.id}/transfer`, {
		municipality: u.hani.municipality_id, reason: 'Family moved', version: await version(u.sup.api, c.id),
	});
	assert.equal(r.status, 201, r.text);
	return { c, tid: r.json().transfers[0].id };
}

export function specs(ctx) {
	const { int, id, oneOf, text, date, fx } = ctx;
	const F = {
		review: {
			date: { ...date(), required: true }, progress: text(0, 4000, true), situation: text(0, 4000, true),
			views: text(0, 4000), risk: oneOf(LEVELS), rationale: text(0, 4000),
			decision: oneOf(DECISIONS, true), next_review: date(), version: int(1, INT64_MAX, true),
		},
		incident: {
			incident_date: { ...date(), required: true }, description: text(0, 1000, true),
			version: int(1, INT64_MAX, true),
		},
		close: {
			reason: oneOf(REASONS, true), summary: text(0, 4000, true), date: { ...date(), required: true },
			follow_up: date(), version: int(1, INT64_MAX, true),
		},
		version: { version: int(1, INT64_MAX, true) },
		ret: { return_reason: text(0, 1000, true), version: int(1, INT64_MAX, true) },
		follow: { result: oneOf(RESULTS, true), follow_up_note: text(0, 1000), version: int(1, INT64_MAX, true) },
		reopen: { reopen_reason: text(0, 1000, true), version: int(1, INT64_MAX, true) },
		transfer: { municipality: id(true), reason: text(0, 1000, true), version: int(1, INT64_MAX, true) },
		decline: { decline_reason: text(0, 1000, true) },
	};
	const sup = () => fx.byRole.supe;
	const ver = async (c) => version(sup().api, c.id);
	/* One case per route, made when first asked for. */
	const cases = {};
	const mk = (k) => (cases[k] ??= makeCase({ risk: 'medium', given: 'Liridon', family: 'Gashi' }));
	/* Closed once, when first needed. */
	const closed = {};
	const closedCase = async (k) => {
		closed[k] ??= haniHelper().then((h) => closeCase(h.api, mk(k).id));
		await closed[k];
		return mk(k);
	};
	const requested = {};
	const withRequest = async (k) => {
		requested[k] ??= haniHelper().then((h) => requestClosure(h.api, mk(k).id));
		await requested[k];
		return mk(k);
	};
	/* A transfer waiting for QPS-HANI, per route; a placeholder id until
	 * the first good request makes it. */
	const waiting = {};
	const tids = {};
	const transfer = async (k) => {
		waiting[k] ??= transferToHani(await unit('XK22')).then((t) => { tids[k] = t.tid; return t; });
		return waiting[k];
	};
	const tpath = (k, what, api = '') => `${api}/transfers/${tids[k] || 999999}/${what}`;
	const reviewBody = async (c, extra = {}) => ({
		date: day(), progress: 'Weekly visits; attends school', situation: 'Calmer at home',
		decision: 'continue', version: await ver(c), ...extra,
	});

	return {
		'closure.review.form': {
			as: sup, path: () => `/cases/${mk('rf').id}/reviews/new`,
			async happy() {
				const r = await sup().s.get(`/cases/${mk('rf').id}/reviews/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/cases/${mk('rf').id}/reviews"`));
				assert.equal((await sup().s.get('/cases/99999999/reviews/new')).status, 404);
			},
		},
		'closure.review': {
			fields: F.review, as: sup, path: () => `/cases/${mk('rv').id}/reviews`,
			valid: { date: day(), progress: 'x', situation: 'y', decision: 'continue', version: 1 },
			async good() { return reviewBody(mk('rv')); },
			async happy() {
				const c = mk('rv');
				const v = await ver(c);
				const r = await sup().s.post(`/cases/${c.id}/reviews`, await reviewBody(c, { views: 'Wants to stay' }));
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${c.id}`);
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/closure`)).json();
				assert.equal(j.reviews.length, 1);
				assert.equal(j.reviews[0].views, 'Wants to stay');
				/* The same version again: 409 saying who changed it. */
				const stale = await sup().s.post(`/cases/${c.id}/reviews`, await reviewBody(c, { version: v }));
				assert.equal(stale.status, 409);
				assert.ok(L.pageSays(stale.text, 'case.conflict'));
				/* A rule: the date in the future, named on the form. */
				const fut = await sup().s.post(`/cases/${c.id}/reviews`, await reviewBody(c, { date: day(3) }));
				assert.equal(fut.status, 400);
				assert.ok(L.pageSays(fut.text, 'closure.date.future'));
			},
		},
		'closure.incident': {
			fields: F.incident, as: sup, path: () => `/cases/${mk('in').id}/incidents`,
			valid: { incident_date: day(), description: 'x', version: 1 },
			async good() { return { incident_date: day(), description: 'Never saved', version: await ver(mk('in')) }; },
			async happy() {
				const c = mk('in');
				const r = await sup().s.post(`/cases/${c.id}/incidents`, { incident_date: day(), description: 'Hit at school', version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/closure`)).json();
				assert.equal(j.incidents[0].description, 'Hit at school');
				assert.equal(j.incidents[0].review_id, null);
			},
		},
		'closure.close.form': {
			as: sup, path: () => `/cases/${mk('cf').id}/closure/new`,
			async happy() {
				const r = await sup().s.get(`/cases/${mk('cf').id}/closure/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('name="reason"'));
				assert.ok(r.text.includes('value="family_refused_low_risk"'));
			},
		},
		'closure.request': {
			fields: F.close, as: sup, path: () => `/cases/${mk('rq').id}/closure`,
			valid: { reason: 'goals_met', summary: 'x', date: day(), version: 1 },
			async good() { return { reason: 'goals_met', summary: 'Never saved', date: day(), version: await ver(mk('rq')) }; },
			async happy() {
				const c = mk('rq');
				const low = await sup().s.post(`/cases/${c.id}/closure`, { reason: 'family_refused_low_risk', summary: 's', date: day(), version: await ver(c) });
				assert.equal(low.status, 400);
				assert.ok(L.pageSays(low.text, 'closure.reason.low_only'));
				const r = await sup().s.post(`/cases/${c.id}/closure`, { reason: 'moved', summary: 'Moved to Tirana', date: day(), version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/closure`)).json();
				assert.equal(j.closure_waiting, true);
				assert.equal(j.status, 'registered', 'not closed before approval');
				const twice = await sup().s.post(`/cases/${c.id}/closure`, { reason: 'moved', summary: 's', date: day(), version: await ver(c) });
				assert.equal(twice.status, 409);
				assert.ok(L.pageSays(twice.text, 'closure.waiting'));
			},
		},
		'closure.approve': {
			fields: F.version, as: sup, path: () => `/cases/${mk('ap').id}/closure/approve`,
			valid: { version: 1 },
			async good() { return { version: await ver(await withRequest('ap')) }; },
			async happy() {
				const c = await withRequest('ap');
				const r = await sup().s.post(`/cases/${c.id}/closure/approve`, { version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal((await sup().api.get(`/api/v1/cases/${c.id}`)).json().status, 'closed');
				const twice = await sup().s.post(`/cases/${c.id}/closure/approve`, { version: await ver(c) });
				assert.equal(twice.status, 400);
				assert.ok(L.pageSays(twice.text, 'case.closed'));
			},
		},
		'closure.return': {
			fields: F.ret, as: sup, path: () => `/cases/${mk('rt').id}/closure/return`,
			valid: { return_reason: 'x', version: 1 },
			async good() { return { return_reason: 'Never saved', version: await ver(await withRequest('rt')) }; },
			async happy() {
				const c = await withRequest('rt');
				const r = await sup().s.post(`/cases/${c.id}/closure/return`, { return_reason: 'Risk high again', version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}/closure`)).json();
				assert.equal(j.closures[0].status, 'returned');
				assert.equal(j.closures[0].decision_note, 'Risk high again');
				const none = await sup().s.post(`/cases/${c.id}/closure/approve`, { version: await ver(c) });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'closure.none_waiting'));
			},
		},
		'closure.follow_up': {
			fields: F.follow, as: sup, path: () => `/cases/${mk('fu').id}/follow-up`,
			valid: { result: 'fine', version: 1 },
			async good() { return { result: 'fine', version: await ver(await closedCase('fu')) }; },
			async happy() {
				const c = await closedCase('fu');
				const bad = await sup().s.post(`/cases/${c.id}/follow-up`, { result: 'concern', version: await ver(c) });
				assert.equal(bad.status, 400);
				const r = await sup().s.post(`/cases/${c.id}/follow-up`, { result: 'concern', follow_up_note: 'Mother worried', version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const page = await sup().s.get(`/cases/${c.id}`);
				assert.ok(L.pageSays(page.text, 'closure.concern_alert'));
				assert.ok(page.text.includes(`action="/cases/${c.id}/reopen"`), 'reopening offered');
			},
		},
		'closure.reopen': {
			fields: F.reopen, as: sup, path: () => `/cases/${mk('ro').id}/reopen`,
			valid: { reopen_reason: 'x', version: 1 },
			async good() { return { reopen_reason: 'Never saved', version: await ver(await closedCase('ro')) }; },
			async happy() {
				const c = await closedCase('ro');
				const r = await sup().s.post(`/cases/${c.id}/reopen`, { reopen_reason: 'New report of neglect', version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const nid = Number(r.location.split('/').pop());
				assert.ok(nid > c.id);
				const j = (await sup().api.get(`/api/v1/cases/${nid}/closure`)).json();
				assert.equal(j.reopened_from.id, c.id);
				const again = await sup().s.post(`/cases/${c.id}/reopen`, { reopen_reason: 'again', version: await ver(c) });
				assert.equal(again.status, 409);
				assert.ok(L.pageSays(again.text, 'closure.reopen.open'));
			},
		},
		'closure.transfer.form': {
			as: sup, path: () => `/cases/${mk('tf').id}/transfer/new`,
			async happy() {
				const u = await unit('XK22');
				const r = await sup().s.get(`/cases/${mk('tf').id}/transfer/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`value="${u.muni.id}"`));
				assert.ok(!r.text.includes(`value="${u.hani.municipality_id}"`), 'not the case\'s own');
			},
		},
		'closure.transfer': {
			fields: F.transfer, as: sup, path: () => `/cases/${mk('tr').id}/transfer`,
			valid: { municipality: 1, reason: 'x', version: 1 },
			async good() {
				return { municipality: (await unit('XK22')).muni.id, reason: 'Never saved', version: await ver(mk('tr')) };
			},
			async happy() {
				const u = await unit('XK22');
				const c = mk('tr');
				const same = await sup().s.post(`/cases/${c.id}/transfer`, { municipality: u.hani.municipality_id, reason: 'x', version: await ver(c) });
				assert.equal(same.status, 400);
				assert.ok(L.pageSays(same.text, 'closure.transfer.same'));
				const r = await sup().s.post(`/cases/${c.id}/transfer`, { municipality: u.muni.id, reason: 'Family moved', version: await ver(c) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const list = (await u.sup.api.get('/api/v1/transfers')).json();
				assert.ok(list.incoming.some((t) => t.case_id === c.id));
			},
		},
		'closure.transfers': {
			as: sup,
			async happy() {
				const { c, tid } = await transferToHani(await unit('XK22'));
				const r = await sup().s.get('/transfers');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/transfers/${tid}/accept"`));
				assert.ok(r.text.includes(c.number));
			},
		},
		'closure.transfer.accept': {
			as: sup, path: () => tpath('ac', 'accept'),
			async good() { await transfer('ac'); return {}; },
			async happy() {
				const { c, tid } = await transfer('ac');
				const r = await sup().s.post(`/transfers/${tid}/accept`, {});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const nid = Number(r.location.split('/').pop());
				const j = (await sup().api.get(`/api/v1/cases/${nid}/closure`)).json();
				assert.equal(j.transferred_from.case_id, c.id);
				assert.equal(j.risk, 'medium');
				/* The earlier case: read through the link, history only. */
				const old = await sup().s.get(`/cases/${c.id}`);
				assert.equal(old.status, 200);
				assert.ok(L.pageSays(old.text, 'closure.through_link'));
				const twice = await sup().s.post(`/transfers/${tid}/accept`, {});
				assert.equal(twice.status, 409);
			},
		},
		'closure.transfer.decline': {
			fields: F.decline, as: sup, path: () => tpath('dc', 'decline'),
			valid: { decline_reason: 'x' },
			async good() { await transfer('dc'); return { decline_reason: 'Never saved' }; },
			async happy() {
				const { c, tid } = await transfer('dc');
				const r = await sup().s.post(`/transfers/${tid}/decline`, { decline_reason: 'Family still here' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, '/transfers');
				const u = await unit('XK22');
				const j = (await u.sup.api.get(`/api/v1/cases/${c.id}/closure`)).json();
				assert.equal(j.transfers[0].status, 'declined');
				assert.equal(j.status, 'registered');
			},
		},
		'api.closure': {
			as: sup, path: () => `/api/v1/cases/${mk('ag').id}/closure`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${mk('ag').id}/closure`);
				assert.equal(r.status, 200);
				const j = r.json();
				assert.deepEqual(j.reviews, []);
				assert.equal(j.reopened_from, null);
				assert.equal((await sup().api.get('/api/v1/cases/99999999/closure')).status, 404);
			},
		},
		'api.closure.review': {
			fields: F.review, as: sup, path: () => `/api/v1/cases/${mk('arv').id}/reviews`,
			valid: { date: day(), progress: 'x', situation: 'y', decision: 'continue', version: 1 },
			async good() { return reviewBody(mk('arv')); },
			async happy() {
				const c = mk('arv');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/reviews`, await reviewBody(c, { risk: 'high', rationale: 'New injuries' }));
				assert.equal(r.status, 201, r.text);
				const j = r.json();
				assert.equal(j.risk, 'high');
				assert.equal(j.reviews[0].risk_before, 'medium');
				assert.ok(j.reviews[0].risk_id > 0);
				const stale = await sup().api.post(`/api/v1/cases/${c.id}/reviews`, await reviewBody(c, { version: j.version - 1 }));
				assert.equal(stale.status, 409);
				assert.equal(stale.json().error, 'conflict');
				const noRationale = await sup().api.post(`/api/v1/cases/${c.id}/reviews`, await reviewBody(c, { risk: 'low' }));
				assert.equal(noRationale.status, 400);
				assert.equal(noRationale.json().field, 'rationale');
			},
		},
		'api.closure.incident': {
			fields: F.incident, as: sup, path: () => `/api/v1/cases/${mk('ain').id}/incidents`,
			valid: { incident_date: day(), description: 'x', version: 1 },
			async happy() {
				const c = mk('ain');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/incidents`, { incident_date: day(), description: 'Ran away', version: await ver(c) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().incidents.length, 1);
			},
		},
		'api.closure.request': {
			fields: F.close, as: sup, path: () => `/api/v1/cases/${mk('arq').id}/closure`,
			valid: { reason: 'goals_met', summary: 'x', date: day(), version: 1 },
			async happy() {
				const c = mk('arq');
				const old = await sup().api.post(`/api/v1/cases/${c.id}/closure`, { reason: 'turned_18', summary: 's', date: day(), version: await ver(c) });
				assert.equal(old.status, 400);
				assert.equal(old.json().field, 'reason');
				assert.ok(L.isMessage(old.json().message, 'closure.reason.not_18'));
				const r = await sup().api.post(`/api/v1/cases/${c.id}/closure`, { reason: 'goals_met', summary: 'Done', date: day(), version: await ver(c) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().closures[0].status, 'requested');
			},
		},
		'api.closure.approve': {
			fields: F.version, as: sup, path: () => `/api/v1/cases/${mk('aap').id}/closure/approve`,
			valid: { version: 1 },
			async happy() {
				const c = mk('aap');
				const none = await sup().api.post(`/api/v1/cases/${c.id}/closure/approve`, { version: await ver(c) });
				assert.equal(none.status, 400);
				assert.ok(L.isMessage(none.json().message, 'closure.none_waiting'));
				await withRequest('aap');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/closure/approve`, { version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'closed');
			},
		},
		'api.closure.return': {
			fields: F.ret, as: sup, path: () => `/api/v1/cases/${mk('art').id}/closure/return`,
			valid: { return_reason: 'x', version: 1 },
			async happy() {
				const c = await withRequest('art');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/closure/return`, { return_reason: 'Not yet', version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().closures[0].status, 'returned');
			},
		},
		'api.closure.follow_up': {
			fields: F.follow, as: sup, path: () => `/api/v1/cases/${mk('afu').id}/follow-up`,
			valid: { result: 'fine', version: 1 },
			async happy() {
				const c = await closedCase('afu');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/follow-up`, { result: 'fine', version: await ver(c) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().closures[0].result, 'fine');
				const twice = await sup().api.post(`/api/v1/cases/${c.id}/follow-up`, { result: 'fine', version: await ver(c) });
				assert.equal(twice.status, 409);
			},
		},
		'api.closure.reopen': {
			fields: F.reopen, as: sup, path: () => `/api/v1/cases/${mk('aro').id}/reopen`,
			valid: { reopen_reason: 'x', version: 1 },
			async happy() {
				const c = await closedCase('aro');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/reopen`, { reopen_reason: 'New report', version: await ver(c) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().reopened_from.id, c.id);
				assert.equal(r.json().status, 'registered');
			},
		},
		'api.closure.transfer': {
			fields: F.transfer, as: sup, path: () => `/api/v1/cases/${mk('atr').id}/transfer`,
			valid: { municipality: 1, reason: 'x', version: 1 },
			async happy() {
				const u = await unit('XK22');
				const c = mk('atr');
				const r = await sup().api.post(`/api/v1/cases/${c.id}/transfer`, { municipality: u.muni.id, reason: 'Moved', version: await ver(c) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().transfer_waiting, true);
				const again = await sup().api.post(`/api/v1/cases/${c.id}/transfer`, { municipality: u.muni.id, reason: 'Moved', version: r.json().version });
				assert.equal(again.status, 409);
			},
		},
		'api.closure.transfers': {
			as: sup,
			async happy() {
				const { tid } = await transferToHani(await unit('XK22'));
				const r = await sup().api.get('/api/v1/transfers');
				assert.equal(r.status, 200);
				assert.ok(r.json().incoming.some((t) => t.id === tid));
			},
		},
		'api.closure.transfer.accept': {
			as: sup, path: () => tpath('aac', 'accept', '/api/v1'),
			async good() { await transfer('aac'); return {}; },
			async happy() {
				const { c, tid } = await transfer('aac');
				const r = await sup().api.post(`/api/v1/transfers/${tid}/accept`, {});
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().transferred_from.case_id, c.id);
				assert.equal(r.json().status, 'screened');
			},
		},
		'api.closure.transfer.decline': {
			fields: F.decline, as: sup, path: () => tpath('adc', 'decline', '/api/v1'),
			valid: { decline_reason: 'x' },
			async good() { await transfer('adc'); return { decline_reason: 'Never saved' }; },
			async happy() {
				const { tid } = await transfer('adc');
				const r = await sup().api.post(`/api/v1/transfers/${tid}/decline`, { decline_reason: 'No' });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'declined');
			},
		},
	};
}
