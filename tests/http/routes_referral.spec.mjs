// routes_referral.spec.mjs — the referral routes' entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// referrals out from a case (form, create, loop closure), the receiving
// organisation's list, page and steps (answer, start, sessions, feedback,
// close), and reports in from police, schools and health centres, web and
// API. The helpers (a licensed provider with its users, a referral in a
// given state) are shared with referral.test.mjs and the browser test.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';
import { day, haniHelper, version } from './routes_closure.spec.mjs';
import { actor, recordConsent } from './routes_community.spec.mjs';

export const SERVICES = ['shelter', 'day_care', 'residential_care', 'foster_care', 'psychosocial_counselling',
	'family_support', 'legal_aid', 'disability_rehabilitation', 'reintegration', 'parenting_programme',
	'street_outreach', 'helpline'];
export const URGENCIES = ['emergency', 'urgent', 'routine'];
export const STATUSES = ['sent', 'accepted', 'declined', 'waitlisted', 'in_service', 'closed', 'cancelled'];
export const VIEWS = ['open', 'ended'];
export const ANSWERS = ['accept', 'decline', 'waitlist'];
export const OUTCOMES = ['completed', 'dropped_out', 'moved', 'refused', 'other'];
export const CATEGORIES = ['identity', 'contact', 'case_summary', 'assessment', 'plan', 'health',
	'education'];
export const CONCERNS = ['VIO_PHY', 'VIO_PSY', 'VIO_SEX', 'VIO_DV', 'VIO_PEER', 'NEG', 'ABN', 'EXP_ECO',
	'EXP_SEX', 'TRF', 'STR', 'CCL', 'CCL_U14', 'VW', 'MAR', 'DIS', 'ONL', 'EDU', 'MIG', 'DOC', 'MH'];
const INT64_MAX = '9223372036854775807';
export const SERVICE = 'psychosocial_counselling';

/*
 * A provider of Hani i Elezit licensed for SERVICE (made by the system
 * administrator through the API) with two users: { id, code, licence }.
 */
export async function licensedProvider(service = SERVICE) {
	const admin = await L.adminApi();
	const hani = await L.agencyByCode('QPS-HANI');
	const code = L.uniq('OJQ').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code, name: 'OJQ ' + code, type: 'provider',
		municipality: hani.municipality_id });
	assert.equal(r.status, 201, r.text);
	const id = r.json().id;
	const l = await admin.post(`/api/v1/providers/${id}/licences`, {
		number: L.uniq('LIC-'), services: service, municipalities: String(hani.municipality_id),
		issued: day(-30), expires: day(300), capacity: 10,
	});
	assert.equal(l.status, 201, l.text);
	return { id, code, licence: l.json() };
}

let fixture = null;
/* The routes' provider with its users, and a police table member. */
export function referralFixture() {
	fixture ??= (async () => {
		const p = await licensedProvider();
		return {
			p,
			pu: await actor({ role: 'provider_user', agency: p.code }),
			pu2: await actor({ role: 'provider_user', agency: p.code }),
			police: await actor({ role: 'table_member', agency: 'POL-HANI' }),
			school: await actor({ role: 'table_member', agency: 'SHFMU-HANI' }),
		};
	})();
	return fixture;
}
const FIX = await referralFixture();

/* A case of Hani i Elezit with a consent for every agency: { c, consent }. */
export async function consentedCase(categories = 'identity,contact,case_summary', extra = {}) {
	const c = makeCase({ risk: 'medium', given: 'Liridona', family: 'Gashi', ...extra });
	const h = await haniHelper();
	const consent = await recordConsent(h.api, c.id, { categories });
	return { c, consent };
}

/* A referral of a new case to provider (by the Hani helper): its id. */
export async function makeReferral(provider = FIX.p.id, extra = {}) {
	const { c, consent } = await consentedCase();
	const h = await haniHelper();
	const r = await h.api.post(`/api/v1/cases/${c.id}/referrals`, {
		to_agency: provider, service: SERVICE, reason: 'Këshillim psikosocial', urgency: 'routine',
		consent, categories: 'identity,case_summary', version: await version(h.api, c.id), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return { id: r.json().id, c };
}

/* The referral as its organisation's api sees it. */
export async function referralOf(api, id) {
	const r = await api.get(`/api/v1/referrals/${id}`);
	assert.equal(r.status, 200, r.text);
	return r.json().referral;
}

/* Moves referral id on as the second provider user: 'accepted' or
 * 'in_service'. */
export async function advance(id, to) {
	const api = FIX.pu2.api;
	let v = (await referralOf(api, id)).version;
	let r = await api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: v });
	assert.equal(r.status, 200, r.text);
	if (to === 'in_service') {
		v = r.json().referral.version;
		r = await api.post(`/api/v1/referrals/${id}/start`, { date: day(), version: v });
		assert.equal(r.status, 200, r.text);
	}
}

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text, fx } = ctx;
	const req = (f) => ({ ...f, required: true });
	const ver = int(1, INT64_MAX, true);
	const base = {
		to_agency: id(true), service: oneOf(SERVICES, true), reason: text(1, 2000, true),
		urgency: oneOf(URGENCIES, true), due_date: date(), consent: id(true), version: ver,
	};
	const riBase = {
		centre: id(true), given_name: line(0, 100), family_name: line(0, 100), sex: oneOf(['f', 'm', 'u']),
		age: int(0, 17), location: line(1, 200, true), narrative: text(1, 4000, true), immediate_danger: bool(),
	};
	const F = {
		create: { ...base, ...Object.fromEntries(CATEGORIES.map((c) => ['category_' + c, bool()])) },
		apiCreate: { ...base, categories: line(1, 200, true) },
		incoming: { status: oneOf(STATUSES) },
		answer: { answer: oneOf(ANSWERS, true), reason: text(0, 2000), expected_date: date(), version: ver },
		start: { date: req(date()), version: ver },
		session: { date: req(date()), count: int(1, 100, true), note: text(0, 2000), version: ver },
		feedback: { text: text(1, 2000, true), version: ver },
		close: { outcome: oneOf(OUTCOMES, true), note: text(0, 2000), version: ver },
		cancel: { reason: text(1, 2000, true), version: ver },
		open: { show: oneOf(VIEWS) },
		report: { ...riBase, ...Object.fromEntries(CONCERNS.map((c) => ['concern_' + c, bool()])) },
		apiReport: { ...riBase, concerns: line(1, 400, true) },
	};
	const sup = () => fx.byRole.supe;
	const pu = () => FIX.pu;
	const tm = () => FIX.police;
	/* A consented case per route. */
	const cases = {};
	const cc = async (k) => (cases[k] ??= await consentedCase());
	const cid = (k) => (cases[k] ? cases[k].c.id : 999999);
	/* A referral per route, moved on to the state the route needs. */
	const refs = {};
	const ref = async (k, state) => {
		if (!refs[k]) {
			refs[k] = (await makeReferral()).id;
			if (state)
				await advance(refs[k], state);
		}
		return refs[k];
	};
	const rpath = (k, what, api = '') => `${api}/referrals/${refs[k] || 999999}${what}`;
	const rver = async (k) => (await referralOf(FIX.pu2.api, refs[k])).version;
	const goodCreate = async (k) => {
		const { c, consent } = await cc(k);
		return { to_agency: FIX.p.id, service: SERVICE, reason: 'Never saved', urgency: 'routine', consent,
			version: await version(sup().api, c.id) };
	};
	const hani = async () => (await L.agencyByCode('QPS-HANI')).id;
	let haniId = 0;
	const report = (extra = {}) => ({ centre: haniId, given_name: 'Drita', sex: 'f', age: 9,
		location: 'Shkolla', narrative: 'Vjen me mavijosje.', ...extra });

	return {
		'referral.form': {
			as: sup, path: () => `/cases/${cid('form')}/referrals/new`,
			async happy() {
				await cc('form');
				const r = await sup().s.get(`/cases/${cid('form')}/referrals/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/cases/${cid('form')}/referrals"`));
				assert.ok(r.text.includes(`value="${FIX.p.id}"`), 'the licensed provider is offered');
				assert.ok(r.text.includes('name="category_case_summary"'));
				assert.equal((await sup().s.get('/cases/99999999/referrals/new')).status, 404);
			},
		},
		'referral.create': {
			fields: F.create, as: sup, path: () => `/cases/${cid('create')}/referrals`,
			valid: { to_agency: 1, service: SERVICE, reason: 'x', urgency: 'routine', consent: 1, version: 1 },
			async good() {
				return { ...(await goodCreate('create')), category_identity: 1 };
			},
			async happy() {
				const g = await goodCreate('create');
				const c = cid('create');
				/* Beyond consent: health is not covered. */
				const beyond = await sup().s.post(`/cases/${c}/referrals`, { ...g, category_health: 1 });
				assert.equal(beyond.status, 400);
				assert.ok(L.pageSays(beyond.text, 'referral.err.beyond_consent'));
				/* Not licensed for that service. */
				const unl = await sup().s.post(`/cases/${c}/referrals`, { ...g, service: 'shelter', category_identity: 1 });
				assert.equal(unl.status, 400);
				assert.ok(L.pageSays(unl.text, 'referral.err.unlicensed'));
				/* A past due date. */
				const past = await sup().s.post(`/cases/${c}/referrals`, { ...g, due_date: day(-1), category_identity: 1 });
				assert.equal(past.status, 400);
				assert.ok(L.pageSays(past.text, 'referral.err.past'));
				const r = await sup().s.post(`/cases/${c}/referrals`, { ...g, reason: 'Këshillim', category_identity: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${c}#referrals`);
				const stale = await sup().s.post(`/cases/${c}/referrals`, { ...g, category_identity: 1 });
				assert.equal(stale.status, 409);
				const page = await sup().s.get(`/cases/${c}`);
				assert.ok(page.text.includes('id="referrals"'));
				assert.ok(page.text.includes('OJQ ' + FIX.p.code));
			},
		},
		'referral.open': {
			fields: F.open, valid: {}, as: sup,
			async happy() {
				const { c } = await makeReferral();
				const r = await sup().s.get('/referrals');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(c.number));
			},
		},
		'referral.incoming': {
			fields: F.incoming, valid: {}, as: pu,
			async happy() {
				const id = await ref('incoming');
				const r = await pu().s.get('/referrals/incoming');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/referrals/${id}"`));
				const s = await pu().s.get('/referrals/incoming?status=closed');
				assert.ok(!s.text.includes(`href="/referrals/${id}"`));
			},
		},
		'referral.view': {
			as: pu, path: () => rpath('view', ''),
			async happy() {
				const id = await ref('view');
				const r = await pu().s.get(`/referrals/${id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('Liridona'), 'identity is shared');
				assert.ok(!r.text.includes('Rruga'), 'contact is not');
				assert.equal((await tm().s.get(`/referrals/${id}`)).status, 404);
			},
		},
		'referral.answer': {
			fields: F.answer, as: pu, path: () => rpath('answer', '/answer'),
			valid: { answer: 'accept', version: 1 },
			async good() {
				await ref('answer');
				return { answer: 'accept', version: await rver('answer') };
			},
			async happy() {
				await ref('answer');
				const v = await rver('answer');
				const no = await pu().s.post(rpath('answer', '/answer'), { answer: 'decline', version: v });
				assert.equal(no.status, 400);
				assert.ok(L.pageSays(no.text, 'error.field.required'));
				const r = await pu().s.post(rpath('answer', '/answer'), { answer: 'accept', version: v });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const again = await pu().s.post(rpath('answer', '/answer'), { answer: 'accept', version: v + 1 });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'referral.err.status'));
			},
		},
		'referral.start': {
			fields: F.start, as: pu, path: () => rpath('start', '/start'),
			valid: { date: day(), version: 1 },
			async good() {
				await ref('start', 'accepted');
				return { date: day(), version: await rver('start') };
			},
			async happy() {
				await ref('start', 'accepted');
				const fut = await pu().s.post(rpath('start', '/start'), { date: day(2), version: await rver('start') });
				assert.equal(fut.status, 400);
				const r = await pu().s.post(rpath('start', '/start'), { date: day(), version: await rver('start') });
				assert.equal(r.status, 303);
				assert.equal((await referralOf(pu().api, refs.start)).status, 'in_service');
			},
		},
		'referral.session': {
			fields: F.session, as: pu, path: () => rpath('session', '/sessions'),
			valid: { date: day(), count: 1, version: 1 },
			async good() {
				await ref('session', 'in_service');
				return { date: day(), count: 1, version: await rver('session') };
			},
			async happy() {
				await ref('session', 'in_service');
				const r = await pu().s.post(rpath('session', '/sessions'), { date: day(), count: 3, note: 'Seanca',
					version: await rver('session') });
				assert.equal(r.status, 303);
				assert.equal((await referralOf(pu().api, refs.session)).sessions_delivered, 3);
			},
		},
		'referral.feedback': {
			fields: F.feedback, as: pu, path: () => rpath('feedback', '/feedback'),
			valid: { text: 'x', version: 1 },
			async good() {
				await ref('feedback', 'accepted');
				return { text: 'Never saved', version: await rver('feedback') };
			},
			async happy() {
				await ref('feedback', 'accepted');
				const r = await pu().s.post(rpath('feedback', '/feedback'), { text: 'Merr pjesë rregullisht',
					version: await rver('feedback') });
				assert.equal(r.status, 303);
				assert.equal((await referralOf(pu().api, refs.feedback)).feedback[0].text, 'Merr pjesë rregullisht');
			},
		},
		'referral.close': {
			fields: F.close, as: pu, path: () => rpath('close', '/close'),
			valid: { outcome: 'completed', version: 1 },
			async good() {
				await ref('close', 'accepted');
				return { outcome: 'completed', version: await rver('close') };
			},
			async happy() {
				await ref('close', 'accepted');
				const r = await pu().s.post(rpath('close', '/close'), { outcome: 'completed', version: await rver('close') });
				assert.equal(r.status, 303);
				assert.equal((await referralOf(pu().api, refs.close)).outcome, 'completed');
			},
		},
		'referral.cancel_form': {
			as: sup, path: () => rpath('cancelform', '/cancel'),
			async happy() {
				const id = await ref('cancelform');
				const r = await sup().s.get(`/referrals/${id}/cancel`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/referrals/${id}/cancel"`));
				assert.ok(L.pageSays(r.text, 'referral.cancel.help_cancel'));
				assert.equal((await pu().s.get(`/referrals/${id}/cancel`)).status, 404);
				assert.equal((await sup().s.get('/referrals/99999999/cancel')).status, 404);
			},
		},
		'referral.cancel': {
			fields: F.cancel, as: sup, path: () => rpath('cancel', '/cancel'),
			valid: { reason: 'x', version: 1 },
			async good() {
				await ref('cancel');
				return { reason: 'Never saved', version: await rver('cancel') };
			},
			async happy() {
				const id = await ref('cancel');
				const v = await rver('cancel');
				const stale = await sup().s.post(`/referrals/${id}/cancel`, { reason: 'Familja u zhvendos', version: v + 1 });
				assert.equal(stale.status, 409);
				const r = await sup().s.post(`/referrals/${id}/cancel`, { reason: 'Familja u zhvendos', version: v });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/cases\/\d+#referrals$/);
				const again = await sup().s.post(`/referrals/${id}/cancel`, { reason: 'Sërish', version: v + 1 });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'referral.err.status'));
				const page = await sup().s.get(r.location.replace(/#.*/, ''));
				assert.ok(page.text.includes('Familja u zhvendos'));
				const ended = await sup().s.get('/referrals?show=ended');
				assert.ok(ended.text.includes(r.location.replace(/#.*/, '') + '#referrals'));
			},
		},
		'api.referral.cancel': {
			fields: F.cancel, as: sup, path: () => rpath('apicancel', '/cancel', '/api/v1'),
			valid: { reason: 'x', version: 1 },
			async good() {
				await ref('apicancel', 'accepted');
				return { reason: 'Never saved', version: await rver('apicancel') };
			},
			async happy() {
				const id = await ref('apicancel', 'accepted');
				const no = await sup().api.post(`/api/v1/referrals/${id}/cancel`, { reason: '', version: await rver('apicancel') });
				assert.equal(no.status, 400);
				assert.equal(no.json().field, 'reason');
				const r = await sup().api.post(`/api/v1/referrals/${id}/cancel`, { reason: 'Shërbimi nuk ndihmon',
					version: await rver('apicancel') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.status, 'cancelled');
				assert.equal(r.json().referral.cancel_kind, 'withdraw');
				const e = (await sup().api.get('/api/v1/referrals?show=ended')).json().referrals;
				assert.ok(e.some((x) => x.id === id));
				const o = (await sup().api.get('/api/v1/referrals')).json().referrals;
				assert.ok(!o.some((x) => x.id === id));
			},
		},
		'report_in.list': {
			as: tm,
			async happy() {
				const r = await tm().s.get('/reports-in');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('href="/reports-in/new"'));
			},
		},
		'report_in.form': {
			as: tm,
			async happy() {
				const r = await tm().s.get('/reports-in/new');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`value="${await hani()}"`), 'the Centre of Hani');
				assert.ok(r.text.includes('name="concern_VIO_PHY"'));
			},
		},
		'report_in.create': {
			fields: F.report, as: tm,
			valid: { centre: 1, location: 'x', narrative: 'x' },
			async good() {
				haniId = await hani();
				return { ...report(), concern_VIO_PHY: 1 };
			},
			async happy() {
				haniId = await hani();
				const mk = await tm().s.post('/reports-in', { ...report({ narrative: '<b>bold</b>' }), concern_NEG: 1 });
				assert.equal(mk.status, 400);
				assert.ok(L.pageSays(mk.text, 'report_in.err.markup'));
				const r = await tm().s.post('/reports-in', { ...report(), concern_VIO_PHY: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, '/reports-in');
			},
		},
		'api.referrals.case': {
			as: sup, path: () => `/api/v1/cases/${cid('apicase')}/referrals`,
			async happy() {
				const { id, c } = await makeReferral();
				cases.apicase = { c };
				const r = await sup().api.get(`/api/v1/cases/${c.id}/referrals`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referrals[0].id, id);
				assert.equal(r.json().referrals[0].licence_number, FIX.p.licence.number ?? r.json().referrals[0].licence_number);
			},
		},
		'api.referral.create': {
			fields: F.apiCreate, as: sup, path: () => `/api/v1/cases/${cid('apicreate')}/referrals`,
			valid: { to_agency: 1, service: SERVICE, reason: 'x', urgency: 'routine', consent: 1, categories: 'identity',
				version: 1 },
			async good() {
				return { ...(await goodCreate('apicreate')), categories: 'identity' };
			},
			async happy() {
				const g = await goodCreate('apicreate');
				const b = await sup().api.post(`/api/v1/cases/${cid('apicreate')}/referrals`, { ...g, categories: 'plan' });
				assert.equal(b.status, 400);
				assert.equal(b.json().field, 'categories');
				const r = await sup().api.post(`/api/v1/cases/${cid('apicreate')}/referrals`, { ...g, categories: 'identity' });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().status, 'sent');
			},
		},
		'api.referrals.open': {
			fields: F.open, valid: {}, as: sup,
			async happy() {
				const { id } = await makeReferral();
				const r = await sup().api.get('/api/v1/referrals');
				assert.equal(r.status, 200);
				assert.ok(r.json().referrals.some((x) => x.id === id));
			},
		},
		'api.referrals.incoming': {
			fields: F.incoming, valid: {}, as: pu,
			async happy() {
				const id = await ref('apiincoming');
				const r = await pu().api.get('/api/v1/referrals/incoming?status=sent');
				assert.equal(r.status, 200);
				const x = r.json().referrals.find((y) => y.id === id);
				assert.ok(x);
				assert.equal(x.case_id, undefined, 'no case id for the provider');
			},
		},
		'api.referral': {
			as: pu, path: () => rpath('apiget', '', '/api/v1'),
			async happy() {
				const id = await ref('apiget');
				const r = await pu().api.get(`/api/v1/referrals/${id}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().summary.given_name, 'Liridona');
				assert.deepEqual(r.json().summary.shared, ['identity', 'case_summary']);
				assert.equal((await tm().api.get(`/api/v1/referrals/${id}`)).status, 404);
			},
		},
		'api.referral.answer': {
			fields: F.answer, as: pu, path: () => rpath('apianswer', '/answer', '/api/v1'),
			valid: { answer: 'accept', version: 1 },
			async good() {
				await ref('apianswer');
				return { answer: 'waitlist', reason: 'Plot', expected_date: day(7), version: await rver('apianswer') };
			},
			async happy() {
				await ref('apianswer');
				const r = await pu().api.post(rpath('apianswer', '/answer', '/api/v1'), { answer: 'waitlist', reason: 'Plot',
					expected_date: day(7), version: await rver('apianswer') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.status, 'waitlisted');
			},
		},
		'api.referral.start': {
			fields: F.start, as: pu, path: () => rpath('apistart', '/start', '/api/v1'),
			valid: { date: day(), version: 1 },
			async good() {
				await ref('apistart', 'accepted');
				return { date: day(), version: await rver('apistart') };
			},
			async happy() {
				await ref('apistart', 'accepted');
				const r = await pu().api.post(rpath('apistart', '/start', '/api/v1'), { date: day(),
					version: await rver('apistart') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.status, 'in_service');
			},
		},
		'api.referral.session': {
			fields: F.session, as: pu, path: () => rpath('apisession', '/sessions', '/api/v1'),
			valid: { date: day(), count: 1, version: 1 },
			async good() {
				await ref('apisession', 'in_service');
				return { date: day(), count: 1, version: await rver('apisession') };
			},
			async happy() {
				await ref('apisession', 'in_service');
				const r = await pu().api.post(rpath('apisession', '/sessions', '/api/v1'), { date: day(), count: 2,
					version: await rver('apisession') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.sessions_delivered, 2);
			},
		},
		'api.referral.feedback': {
			fields: F.feedback, as: pu, path: () => rpath('apifeedback', '/feedback', '/api/v1'),
			valid: { text: 'x', version: 1 },
			async good() {
				await ref('apifeedback', 'accepted');
				return { text: 'Never saved', version: await rver('apifeedback') };
			},
			async happy() {
				await ref('apifeedback', 'accepted');
				const r = await pu().api.post(rpath('apifeedback', '/feedback', '/api/v1'), { text: 'Mirë',
					version: await rver('apifeedback') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.feedback.length, 1);
			},
		},
		'api.referral.close': {
			fields: F.close, as: pu, path: () => rpath('apiclose', '/close', '/api/v1'),
			valid: { outcome: 'completed', version: 1 },
			async good() {
				await ref('apiclose', 'accepted');
				return { outcome: 'dropped_out', version: await rver('apiclose') };
			},
			async happy() {
				await ref('apiclose', 'accepted');
				const r = await pu().api.post(rpath('apiclose', '/close', '/api/v1'), { outcome: 'dropped_out',
					version: await rver('apiclose') });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().referral.status, 'closed');
			},
		},
		'api.reports_in': {
			as: tm,
			async happy() {
				const r = await tm().api.get('/api/v1/reports-in');
				assert.equal(r.status, 200);
				assert.ok(Array.isArray(r.json().reports));
			},
		},
		'api.report_in.create': {
			fields: F.apiReport, as: tm,
			valid: { centre: 1, location: 'x', narrative: 'x', concerns: 'NEG' },
			async good() {
				haniId = await hani();
				return { ...report(), concerns: 'NEG' };
			},
			async happy() {
				haniId = await hani();
				const r = await tm().api.post('/api/v1/reports-in', { ...report(), concerns: 'NEG,VIO_PHY' });
				assert.equal(r.status, 201, r.text);
				const l = (await tm().api.get('/api/v1/reports-in')).json().reports;
				assert.equal(l.find((x) => x.id === r.json().id).status, 'received');
			},
		},
	};
}
