// provider.test.mjs — the provider registry over HTTP, negative first:
// who may do what (a caseworker reads only; a provider's user sees only
// their own organisation, another's is 404 and audited; a community member
// and an auditor nothing; a municipal administrator of another municipality
// 404), every licence rule refused with the field named and nothing
// written, an expired licence shown and treated as expired, the score
// computed and never typed. The routes themselves are in
// routes_provider.spec.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';
import { day } from './routes_closure.spec.mjs';
import { addInspection, addLicence, newProvider, providerFixture } from './routes_provider.spec.mjs';

const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await providerFixture());
	fx.cw = await actor({ role: 'caseworker' });
	fx.other = await newProvider('XK13');
	fx.otherUser = await actor({ role: 'provider_user', agency: fx.other.code });
	const admin = await L.adminApi();
	const code = L.uniq('QP').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code, name: 'QPS ' + code, type: 'social_work', municipality: fx.other.muni.id });
	assert.equal(r.status, 201, r.text);
	fx.otherAdmin = await actor({ role: 'municipal_admin', agency: code });
	fx.comm = await actor({ role: 'community_member' });
	fx.aud = await actor({ role: 'auditor', agency: 'MPMS-XK' });
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const P = () => fx.p;
const licenceBody = (extra = {}) => ({
	number: L.uniq('N-'), services: 'psychosocial_counselling', municipalities: String(P().muni.id), issued: day(-10),
	expires: day(355), capacity: 15, ...extra,
});

test('a caseworker reads providers, licences and inspections but writes nothing', async () => {
	const u = fx.cw;
	assert.equal((await u.s.get('/providers')).status, 200);
	assert.equal((await u.s.get(`/providers/${P().id}`)).status, 200);
	assert.equal((await u.s.get(`/inspections/${fx.insp.id}`)).status, 200);
	assert.equal((await u.api.get(`/api/v1/providers/${P().id}`)).status, 200);
	/* Another country's view is not theirs, but Kosovo's providers are. */
	assert.ok((await u.api.get('/api/v1/providers')).json().providers.some((x) => x.id === fx.other.id));
	const since = await L.lastAuditId(u.username);
	for (const [path, body] of [
		[`/api/v1/providers/${P().id}/licences`, licenceBody()],
		[`/api/v1/providers/${P().id}/profile`, { legal_form: 'ngo', version: 0 }],
		[`/api/v1/licences/${fx.lic.id}/status`, { status: 'suspended', reason: 'x', date: day(), version: 1 }],
		[`/api/v1/providers/${P().id}/inspections`, { licence: fx.lic.id, date: day(), inspectors: 'x' }],
		[`/api/v1/inspections/${fx.insp.id}/actions`, { action: 'x', deadline: day(3) }],
	]) {
		const r = await u.api.post(path, body);
		assert.equal(r.status, 403, `${path}: ${r.status}`);
	}
	assert.equal((await u.s.post(`/providers/${P().id}/licences`, { licence_number: 'x', issued: day(), expires: day(9), capacity: 1 })).status, 403);
	assert.equal((await u.s.get(`/providers/${P().id}/edit`)).status, 403);
	assert.deepEqual(await L.writesSince(u.username, since), []);
});

test('a provider\'s user sees only their own organisation; another\'s is 404 and audited', async () => {
	const u = fx.otherUser;
	const own = (await u.api.get('/api/v1/providers')).json().providers;
	assert.deepEqual(own.map((x) => x.id), [fx.other.id]);
	const since = (await L.auditEntries({ actor: u.username })).entries[0]?.id ?? 0;
	for (const path of [`/providers/${P().id}`, `/inspections/${fx.insp.id}`]) {
		const r = await u.s.get(path);
		assert.equal(r.status, 404, path);
		assert.ok(L.pageSays(r.text, 'error.notfound'));
	}
	for (const path of [`/api/v1/providers/${P().id}`, `/api/v1/inspections/${fx.insp.id}`]) {
		const r = await u.api.get(path);
		assert.equal(r.status, 404, path);
		assert.equal(r.json().error, 'not_found');
	}
	const denied = (await L.auditEntries({ actor: u.username })).entries
		.filter((e) => e.id > since && e.action === 'provider.read.denied');
	assert.ok(denied.length >= 4, JSON.stringify(denied));
	assert.ok(denied.every((e) => e.object_id === P().id && e.detail === ''));
	/* Their own: read, never write. */
	assert.equal((await u.api.get(`/api/v1/providers/${fx.other.id}`)).status, 200);
	assert.equal((await u.api.post(`/api/v1/providers/${fx.other.id}/licences`, licenceBody())).status, 403);
	/* A referral list carries no other organisation's secrets either:
	 * the licensed list is public within the country. */
	assert.equal((await u.api.get(`/api/v1/licensed?date=${day()}`)).status, 200);
});

test('a community member and an auditor: 403 on every provider route', async () => {
	const routes = L.routes().filter((rt) => rt.perm === 'providers.read' || rt.perm === 'providers.write');
	assert.ok(routes.length >= 28, 'provider routes: ' + routes.length);
	const problems = [];
	for (const u of [fx.comm, fx.aud]) {
		for (const rt of routes) {
			const path = rt.pattern.replace(/\{[a-z]+\}/g, String(rt.pattern.includes('inspections') ? fx.insp.id : P().id));
			const r = rt.api ? await u.api.req(rt.method, path, rt.body === 'json' ? {} : undefined) :
				rt.method === 'GET' ? await u.s.get(path) : await u.s.post(path, {});
			if (r.status !== 403)
				problems.push(`${u.username} ${rt.method} ${rt.pattern}: ${r.status}`);
		}
	}
	assert.deepEqual(problems, []);
});

test('a municipal administrator of another municipality: 404, nothing written', async () => {
	const u = fx.otherAdmin;
	const since = await L.lastAuditId(u.username);
	assert.equal((await u.s.get(`/providers/${P().id}`)).status, 404);
	assert.equal((await u.s.get(`/providers/${P().id}/edit`)).status, 404);
	assert.equal((await u.api.get(`/api/v1/providers/${P().id}`)).status, 404);
	assert.equal((await u.api.post(`/api/v1/providers/${P().id}/licences`, licenceBody())).status, 404);
	assert.equal((await u.api.post(`/api/v1/licences/${fx.lic.id}/status`, { status: 'suspended', reason: 'x', date: day(), version: 1 })).status, 404);
	assert.equal((await u.api.post(`/api/v1/inspections/${fx.insp.id}/actions`, { action: 'x', deadline: day(3) })).status, 404);
	assert.ok(!(await u.api.get('/api/v1/providers')).json().providers.some((x) => x.id === P().id));
	assert.deepEqual((await L.writesSince(u.username, since)).filter((e) => e.action !== 'provider.read.denied'), []);
	/* Their own municipality's provider they keep; a licence may not
	 * cover Hani i Elezit, outside their scope. */
	const bad = await u.api.post(`/api/v1/providers/${fx.other.id}/licences`, { ...licenceBody(), municipalities: String(P().muni.id) });
	assert.equal(bad.status, 400);
	assert.equal(bad.json().field, 'municipalities');
	assert.ok(L.isMessage(bad.json().message, 'provider.err.municipality_scope'));
	const ok = await u.api.post(`/api/v1/providers/${fx.other.id}/licences`, { ...licenceBody(), municipalities: String(fx.other.muni.id) });
	assert.equal(ok.status, 201, ok.text);
});

test('every licence rule refused with its field named, nothing written', async () => {
	const u = fx.admin;
	const since = await L.lastAuditId(u.username);
	const before = (await u.api.get(`/api/v1/providers/${P().id}`)).json().licences.length;
	for (const [extra, field, key] of [
		[{ expires: day(-10) }, 'expires', 'provider.err.expiry_before_issue'],
		[{ expires: day(-20) }, 'expires', 'provider.err.expiry_before_issue'],
		[{ services: 'shelter' }, 'services', 'provider.err.overlap'],
		[{ services: 'astrology' }, 'services', 'provider.err.service'],
		[{ services: 'helpline,helpline' }, 'services', 'provider.err.service'],
		[{ municipalities: '99999999' }, 'municipalities', 'provider.err.municipality'],
		[{ municipalities: 'abc' }, 'municipalities', 'provider.err.municipality'],
		[{ municipalities: String(fx.other.muni.id) }, 'municipalities', 'provider.err.municipality_scope'],
		[{ capacity: 0 }, 'capacity', 'error.field.range'],
		[{ capacity: -5 }, 'capacity', 'error.field.range'],
		[{ number: fx.lic.number }, 'number', 'provider.err.number_taken'],
		[{ number: '<b>1</b>' }, 'number', 'provider.err.markup'],
		[{ issued: '31.02.2026' }, 'issued', 'error.field.date'],
	]) {
		const r = await u.api.post(`/api/v1/providers/${P().id}/licences`, licenceBody(extra));
		assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.status} ${r.text}`);
		assert.equal(r.json().field, field, JSON.stringify(extra));
		assert.ok(L.isMessage(r.json().message, key), `${JSON.stringify(extra)}: ${r.json().message}`);
	}
	assert.equal((await u.api.get(`/api/v1/providers/${P().id}`)).json().licences.length, before);
	assert.deepEqual(await L.writesSince(u.username, since), []);
});

test('an expired licence is shown as expired and no longer licensed', async () => {
	const u = fx.admin;
	const p = await newProvider();
	const l = await addLicence(u.api, p, { services: 'shelter', issued: day(-400), expires: day(-1) });
	assert.equal(l.status, 'expired');
	const j = (await u.api.get(`/api/v1/licensed?service=shelter&date=${day()}`)).json();
	assert.ok(!j.providers.some((x) => x.provider_id === p.id));
	const y = (await u.api.get(`/api/v1/licensed?service=shelter&date=${day(-2)}`)).json();
	assert.ok(y.providers.some((x) => x.provider_id === p.id));
	const page = await u.s.get(`/providers/${p.id}`);
	assert.ok(L.pageSays(page.text, 'provider.status.expired'));
	const list = (await u.api.get('/api/v1/providers?status=expired')).json().providers;
	assert.ok(list.some((x) => x.id === p.id));
});

test('the score is computed, never typed; a completed inspection is not edited', async () => {
	const u = fx.admin;
	let x = await addInspection(u.api, P(), fx.lic);
	/* No score field exists: an attempt is an unknown field. */
	const typed = await u.api.post(`/api/v1/inspections/${x.id}/complete`, { version: x.version, score: 100 });
	assert.equal(typed.status, 400);
	assert.equal(typed.json().field, 'score');
	const n = x.ratings.length;
	for (const [i, it] of x.ratings.entries()) {
		const r = await u.api.post(`/api/v1/inspections/${x.id}/ratings`, { standard: it.standard,
			rating: i === 0 ? 'not_met' : i === 1 ? 'partly' : 'met', version: x.version });
		assert.equal(r.status, 200, r.text);
		x = r.json();
	}
	const done = await u.api.post(`/api/v1/inspections/${x.id}/complete`, { version: x.version });
	assert.equal(done.status, 200, done.text);
	assert.equal(done.json().score, Math.floor(((2 * n - 3) * 100 + n) / (2 * n)));
	const again = await u.api.post(`/api/v1/inspections/${x.id}/ratings`, { standard: x.ratings[0].standard, rating: 'met',
		version: done.json().version });
	assert.equal(again.status, 409);
	assert.ok(L.isMessage(again.json().message, 'provider.err.completed'));
	/* A standard not of the inspection. */
	const y = await addInspection(u.api, P(), fx.lic);
	const bad = await u.api.post(`/api/v1/inspections/${y.id}/ratings`, { standard: 99999999, rating: 'met', version: y.version });
	assert.equal(bad.status, 400);
	assert.equal(bad.json().field, 'ratings');
	/* The history lists it with its score. */
	const h = (await u.api.get(`/api/v1/providers/${P().id}`)).json().inspections.find((i) => i.id === x.id);
	assert.equal(h.score, done.json().score);
	assert.equal(h.status, 'completed');
});
