// protect.test.mjs — protection measures, 72-hour emergency placements and
// systematic visits over HTTP, negative first: a Kosovo case, each date
// rule naming its field, a placement ended beyond 72 hours, ending twice,
// a stale version, a visit planned in the past, markup and oversized
// findings, another unit's visit (404, audited), and community member,
// provider user and table member probing (404 on case routes, 403 on the
// visits); then the countdown on the case page. The routes themselves are
// in routes_protect.spec.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';
import { day, version } from './routes_closure.spec.mjs';
import { actor } from './routes_community.spec.mjs';
import { addMeasure, alCase, moment, planVisit, protectFixture, startPlacement } from './routes_protect.spec.mjs';

const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await protectFixture());
	fx.hani = await actor({ role: 'supervisor' });
	fx.member = await actor({ role: 'community_member' });
	const admin = await L.adminApi();
	const muni = (await L.agencyByCode('NJMF-TIRANE')).municipality_id;
	for (const [type, key] of [['provider', 'provider'], ['police', 'table']]) {
		const code = L.uniq('PT').toUpperCase().slice(0, 16);
		const r = await admin.post('/api/v1/agencies', { code, name: 'Agjencia ' + code, type, municipality: muni });
		assert.equal(r.status, 201, r.text);
		fx[key] = await actor({ role: type === 'provider' ? 'provider_user' : 'table_member', agency: code });
	}
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const post = async (u, path, body) => u.api.post(path, body);

/* A refused API write: status, the field and the message key; the case
 * version unchanged. */
async function refused(r, status, field, key) {
	assert.equal(r.status, status, r.text);
	if (field !== undefined)
		assert.equal(r.json().field, field, r.text);
	if (key !== undefined)
		assert.ok(L.isMessage(r.json().message, key), `${r.json().message} is not ${key}`);
}

test('a Kosovo case: no protect section, every write refused naming the case', async () => {
	const c = makeCase({ risk: 'high' });
	const v = await version(fx.hani.api, c.id);
	await refused(await post(fx.hani, `/api/v1/cases/${c.id}/measures`, {
		type: 'alternative_care', decided_by: 'unit', decision_date: day(-1), version: v,
	}), 400, 'case', 'protect.err.country');
	await refused(await post(fx.hani, `/api/v1/cases/${c.id}/placements`, {
		place_kind: 'shelter', place_name: 'Strehëz', ...moment(-3600), version: v,
	}), 400, 'case', 'protect.err.country');
	assert.equal(await version(fx.hani.api, c.id), v);
	const page = await fx.hani.s.get(`/cases/${c.id}`);
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('action="/cases/' + c.id + '/measures"'));
	const web = await fx.hani.s.post(`/cases/${c.id}/measures`, {
		type: 'alternative_care', decided_by: 'unit', decision_date: day(-1), version: v,
	});
	assert.equal(web.status, 400);
	assert.ok(L.pageSays(web.text, 'protect.err.country'));
	assert.equal((await fx.hani.api.get(`/api/v1/cases/${c.id}/measures`)).json().offered, false);
});

test('each date rule of a measure is refused naming its field; nothing written', async () => {
	const c = alCase();
	const v = await version(fx.sup.api, c.id);
	const base = { type: 'alternative_care', decided_by: 'court', decision_date: day(-5), version: v };
	const rules = [
		[{ submission_date: day(-6) }, 'submission_date', 'protect.err.submission_before_decision'],
		[{ submission_date: day(-3), confirmation_date: day(-4) }, 'confirmation_date', 'protect.err.confirmation_before_submission'],
		[{ confirmation_date: day(-4) }, 'confirmation_date', 'protect.err.confirmation_no_submission'],
		[{ expiry_date: day(-6) }, 'expiry_date', 'protect.err.expiry_before_decision'],
		[{ decision_date: day(2) }, 'decision_date', 'protect.err.future'],
		[{ submission_date: day(1) }, 'submission_date', 'protect.err.future'],
		[{ decision_date: '31.02.2026' }, 'decision_date', 'error.field.date'],
	];
	for (const [extra, field, key] of rules)
		await refused(await post(fx.sup, `/api/v1/cases/${c.id}/measures`, { ...base, ...extra }), 400, field, key);
	await refused(await post(fx.sup, `/api/v1/cases/${c.id}/measures`, { ...base, version: v + 1 }), 409);
	assert.equal(await version(fx.sup.api, c.id), v);
	assert.equal((await fx.sup.api.get(`/api/v1/cases/${c.id}/measures`)).json().measures.length, 0);
});

test('a second active measure of a type, ending twice, a closed case', async () => {
	const c = alCase();
	const j = await addMeasure(fx.sup.api, c.id);
	const mid = j.measures[0].id;
	await refused(await post(fx.sup, `/api/v1/cases/${c.id}/measures`, {
		type: 'family_supervision', decided_by: 'unit', decision_date: day(), version: await version(fx.sup.api, c.id),
	}), 400, 'type', 'protect.err.same_type');
	const end = async () => post(fx.sup, `/api/v1/cases/${c.id}/measures/${mid}/end`, {
		end_reason: 'goals_met', end_date: day(), version: await version(fx.sup.api, c.id),
	});
	assert.equal((await end()).status, 200);
	await refused(await end(), 409, undefined, 'protect.err.ended');
	/* Another case's measure id: not found. */
	const other = alCase();
	await refused(await post(fx.sup, `/api/v1/cases/${other.id}/measures/${mid}/end`, {
		end_reason: 'goals_met', end_date: day(), version: await version(fx.sup.api, other.id),
	}), 404);
});

test('a placement: before its start, by an unconfirmed measure, ended twice; beyond 72 hours recorded as overran', async () => {
	const c = alCase();
	const j = await startPlacement(fx.sup.api, c.id, 80);
	const pid = j.placements[0].id;
	assert.ok(j.placements[0].seconds_left < 0, 'expired without an end');
	const path = `/api/v1/cases/${c.id}/placements/${pid}/end`;
	const body = async (extra) => ({ end_how: 'returned_family', ...moment(-60), version: await version(fx.sup.api, c.id), ...extra });
	await refused(await post(fx.sup, path, await body(moment(-81 * 3600))), 400, 'time', 'protect.err.end_before_start');
	await refused(await post(fx.sup, path, await body({ time: '7:5' })), 400, 'time', 'protect.err.time');
	await refused(await post(fx.sup, path, await body({ end_how: 'court_measure' })), 400, 'measure', 'protect.err.measure_required');
	const m = await addMeasure(fx.sup.api, c.id, { type: 'emergency_protection' });
	await refused(await post(fx.sup, path, await body({ end_how: 'court_measure', measure: m.measures[0].id })), 400,
		'measure', 'protect.err.measure_confirmed');
	/* The expired placement shows red on the case page. */
	const page = await fx.sup.s.get(`/cases/${c.id}`);
	assert.ok(/class="error" role="status">(Ka skaduar para|Expired|Isteklo pre) 8 h/.test(page.text), 'expired 8 h ago');
	const within = await post(fx.sup, path, await body(moment(-9 * 3600)));
	assert.equal(within.status, 200);
	assert.equal(within.json().placements[0].overran, false);
	await refused(await post(fx.sup, path, await body(moment(-9 * 3600))), 409, undefined, 'protect.err.ended');
	/* Ended an hour ago, 79 hours after it started: recorded as it
	 * happened, marked as overrun on the case page. */
	const o = alCase();
	const oj = await startPlacement(fx.sup.api, o.id, 80);
	const late = await post(fx.sup, `/api/v1/cases/${o.id}/placements/${oj.placements[0].id}/end`,
		{ end_how: 'returned_family', ...moment(-3600), version: await version(fx.sup.api, o.id) });
	assert.equal(late.status, 200, late.text);
	assert.equal(late.json().placements[0].overran, true);
	const op = await fx.sup.s.get(`/cases/${o.id}`);
	assert.ok(/(Zgjati|Overran|Prekoračio)/.test(op.text), 'overran shown');
});

test('the countdown: red under 12 hours', async () => {
	const c = alCase();
	await startPlacement(fx.sup.api, c.id, 62);
	const page = await fx.sup.s.get(`/cases/${c.id}`);
	assert.ok(/class="error" role="status">(Skadon pas|Expires in|Ističe za) (9|10) h/.test(page.text), 'expires in 10 h, red');
	const d = await startPlacement(fx.sup.api, alCase().id, 10);
	assert.ok(d.placements[0].seconds_left > 61 * 3600);
});

test('visits: planned in the past, markup, oversized findings, another unit', async () => {
	await refused(await post(fx.sup, '/api/v1/visits', { kind: 'school', date: day(-1), place: 'Shkolla' }), 400, 'date', 'visit.err.past');
	await refused(await post(fx.sup, '/api/v1/visits', { kind: 'school', date: day(1), place: '<script>' }), 400, 'place', 'visit.err.markup');
	await refused(await post(fx.sup, '/api/v1/visits', { kind: 'school', date: day(1), place: 'Shkolla', participants: String(fx.hani.id) }),
		400, 'participants', 'visit.err.participant');
	const v = await planVisit(fx.sup.api);
	const done = `/api/v1/visits/${v.id}/done`;
	await refused(await post(fx.sup, done, { findings: 'a <b>b</b>', seen_f: 1, seen_m: 1, version: 1 }), 400, 'findings', 'visit.err.markup');
	await refused(await post(fx.sup, done, { findings: 'x'.repeat(4001), seen_f: 1, seen_m: 1, version: 1 }), 400, 'findings');
	await refused(await post(fx.sup, done, { findings: 'x', seen_f: 10001, seen_m: 1, version: 1 }), 400, 'seen_f');
	const future = await planVisit(fx.sup.api, { date: day(5) });
	await refused(await post(fx.sup, `/api/v1/visits/${future.id}/done`, { findings: 'x', seen_f: 1, seen_m: 1, version: 1 }),
		400, 'findings', 'visit.err.not_yet');
	/* Another unit: 404 on every visit route, each attempt audited. */
	const since = await L.lastAuditId(fx.hani.username);
	assert.equal((await fx.hani.api.get(`/api/v1/visits/${v.id}`)).status, 404);
	assert.equal((await fx.hani.s.get(`/visits/${v.id}`)).status, 404);
	assert.equal((await post(fx.hani, done, { findings: 'x', seen_f: 1, seen_m: 1, version: 1 })).status, 404);
	assert.equal((await post(fx.hani, `/api/v1/visits/${v.id}/children`, { concerns: 'EDU', narrative: 'x', version: 1 })).status, 404);
	const denied = (await L.auditEntries({ actor: fx.hani.username, action: 'visit.read.denied' })).entries
		.filter((e) => e.id > since);
	assert.equal(denied.length, 4);
	assert.ok(denied.every((e) => e.object_id === v.id && e.detail === ''));
	assert.equal((await fx.sup.api.get(`/api/v1/visits/${v.id}`)).json().status, 'planned');
	assert.ok(!(await fx.hani.api.get('/api/v1/visits')).json().visits.some((x) => x.id === v.id));
});

test('community member, provider user and table member: 403 on visits, 404 on measures', async () => {
	const c = alCase();
	const v = await planVisit(fx.sup.api);
	for (const who of ['member', 'provider', 'table']) {
		const u = fx[who];
		for (const p of ['/visits', `/visits/${v.id}`, '/visits/new'])
			assert.equal((await u.s.get(p)).status, 403, `${who} GET ${p}`);
		assert.equal((await u.api.get(`/api/v1/visits/${v.id}`)).status, 403, `${who} API visit`);
		const m = await u.api.get(`/api/v1/cases/${c.id}/measures`);
		assert.ok([403, 404].includes(m.status), `${who} measures: ${m.status}`);
		const w = await u.s.post(`/cases/${c.id}/placements`, { place_kind: 'shelter', place_name: 'x', ...moment(-60), version: 1 });
		assert.ok([403, 404].includes(w.status), `${who} placement: ${w.status}`);
	}
	assert.equal((await fx.sup.api.get(`/api/v1/cases/${c.id}/measures`)).json().placements.length, 0);
});

test('a visit\'s child: a report in the intake with the visit as its source, shown both ways', async () => {
	const v = await planVisit(fx.sup.api);
	const r = await post(fx.sup, `/api/v1/visits/${v.id}/children`, { given_name: 'Erion', sex: 'm', age: 12, concerns: 'EDU',
		narrative: 'Punon në treg gjatë orarit të shkollës', version: v.version });
	assert.equal(r.status, 201, r.text);
	const rid = r.json().identified[0].report_id;
	const page = await fx.sup.s.get(`/visits/${v.id}`);
	assert.ok(page.text.includes(`href="/intake/${rid}"`));
	const rep = await fx.sup.s.get(`/intake/${rid}`);
	assert.equal(rep.status, 200);
	assert.ok(rep.text.includes(`href="/visits/${v.id}"`), 'the report names its visit');
	/* A stale visit version. */
	await refused(await post(fx.sup, `/api/v1/visits/${v.id}/children`, { concerns: 'EDU', narrative: 'x', version: v.version }),
		409, undefined, 'visit.err.changed');
	/* No child's name in the audit. */
	const e = (await L.auditEntries({ actor: fx.sup.username, action: 'visit.identify' })).entries;
	assert.ok(e.length >= 1 && e.every((x) => !x.detail.includes('Erion')));
});
