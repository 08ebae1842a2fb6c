// community.test.mjs — consent and community advisory groups over HTTP,
// negative first: a community group member or a provider user probing case,
// child or intake URLs gets 404 and an audited case.read.denied (never 403,
// which would tell the URL exists for others); every route's permission
// for a community member; alerts with markup or oversized text; another
// municipality's group; a withdrawn consent; dates; the member sees only
// "received" / "handled". The routes themselves are in
// routes_community.spec.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';
import { day, version } from './routes_closure.spec.mjs';
import { actor, alertOf, communityFixture, fileAlert, groupWithMember, recordConsent } from './routes_community.spec.mjs';

const HIDDEN = new Set(['case.read', 'case.write', 'case.supervise', 'child.read', 'intake']);
const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await communityFixture());
	fx.sup = await actor({ role: 'supervisor' });
	fx.cw = await actor({ role: 'caseworker' });
	const code = L.uniq('PR').toUpperCase().slice(0, 16);
	const admin = await L.adminApi();
	const r = await admin.post('/api/v1/agencies', { code, name: 'OJQ ' + code, type: 'provider', municipality: (await L.agencyByCode('QPS-HANI')).municipality_id });
	assert.equal(r.status, 201, r.text);
	fx.provider = await actor({ role: 'provider_user', agency: code });
	fx.case = makeCase({ risk: 'medium', given: 'Blerta', family: 'Hoxha' });
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

/* A route's pattern with its parameters filled in. */
const concrete = (pattern, id) => pattern.replace(/\{[a-z]+\}/g, String(id));

async function probe(u, rt, id) {
	const path = concrete(rt.pattern, id);
	if (rt.api)
		return u.api.req(rt.method, path, rt.body === 'json' ? {} : undefined);
	if (rt.body === 'multipart') {	/* uploads: the token as a part */
		const B = 'probe' + L.uniq('').replace(/[^A-Za-z0-9]/g, '');
		return u.s.req(path, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=' + B },
			body: `--${B}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${u.s.csrf}\r\n--${B}--\r\n` });
	}
	return rt.method === 'GET' ? u.s.get(path) : u.s.post(path, {});
}

for (const who of ['member', 'provider']) {
	test(`a ${who === 'member' ? 'community member' : 'provider user'} probing case, child and intake URLs: 404, each attempt audited`, async () => {
		const u = who === 'member' ? fx.member : fx.provider;
		const since = await L.lastAuditId(u.username);
		const hidden = L.routes().filter((rt) => HIDDEN.has(rt.perm));
		assert.ok(hidden.length > 30, 'case, child and intake routes: ' + hidden.length);
		const problems = [];
		for (const rt of hidden) {
			const r = await probe(u, rt, fx.case.id);
			if (r.status !== 404)
				problems.push(`${rt.method} ${rt.pattern}: ${r.status}`);
			else if (rt.api ? r.json().error !== 'not_found' : !L.pageSays(r.text, 'error.notfound'))
				problems.push(`${rt.method} ${rt.pattern}: not the not-found answer`);
		}
		assert.deepEqual(problems, []);
		const e = [];
		for (let page = 1; page < 10; page++) {
			const got = (await L.auditEntries({ actor: u.username, action: 'case.read.denied', page })).entries;
			e.push(...got.filter((x) => x.id > since));
			if (got.length === 0 || got[got.length - 1].id <= since)
				break;
		}
		assert.equal(e.length, hidden.length, 'one audit row per attempt');
		/* The object: its type from the path, its id when the path has one. */
		const web = e.find((x) => x.detail === 'cases.view');
		assert.ok(web, 'GET /cases/{id} audited');
		assert.equal(web.object_type, 'case');
		assert.equal(web.object_id, fx.case.id);
		assert.ok(e.some((x) => x.object_type === 'child' && x.object_id === fx.case.id));
		assert.ok(e.some((x) => x.object_type === 'report'));
		/* Nothing was written but the audit rows. */
		assert.deepEqual(await L.writesSince(u.username, since), []);
	});
}

test('a community member: every other route it may not use answers 403; its own routes work', async () => {
	const matrix = L.matrix(true);
	const problems = [];
	for (const rt of L.routes()) {
		const row = matrix[rt.method + ' ' + rt.pattern];
		if (rt.public || !row || row.comm !== false || HIDDEN.has(rt.perm) || rt.loopback)
			continue;
		const r = await probe(fx.member, rt, 1);
		if (r.status !== 403)
			problems.push(`${rt.method} ${rt.pattern}: ${r.status}`);
	}
	assert.deepEqual(problems, []);
	for (const p of ['/community', '/community/alerts/new', '/community/initiatives/new'])
		assert.equal((await fx.member.s.get(p)).status, 200, p);
});

test('a caseworker probing case URLs it may not see still gets 404 (the rule for everyone)', async () => {
	const other = makeCase({ agency: 'QPS-HANI', restricted: 1 });
	const r = await fx.cw.s.get(`/cases/${other.id}`);
	assert.equal(r.status, 404);
});

test('alerts: markup, oversized text and missing fields are refused, naming the field; nothing filed', async () => {
	const m = fx.member;
	const before = (await m.api.get('/api/v1/community/alerts')).json().alerts.length;
	const cases = [
		[{ location: 'x', seen: '<script>alert(1)</script>' }, 'seen', 'community.err.markup'],
		[{ location: '<b>here</b>', seen: 'y' }, 'location', 'community.err.markup'],
		[{ location: 'x', seen: 'y', child: 'a <i>boy</i>' }, 'child', 'community.err.markup'],
		[{ location: 'x', seen: 'y'.repeat(2001) }, 'seen', null],
		[{ location: 'x'.repeat(201), seen: 'y' }, 'location', null],
		[{ location: 'x', seen: 'y', child: 'z'.repeat(2001) }, 'child', null],
		[{ location: 'x' }, 'seen', null],
		[{ seen: 'y' }, 'location', null],
	];
	for (const [body, field, key] of cases) {
		const r = await m.api.post('/api/v1/community/alerts', body);
		assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
		assert.equal(r.json().field, field);
		if (key)
			assert.ok(L.isMessage(r.json().message, key), r.text);
		const w = await m.s.post('/community/alerts', body);
		assert.equal(w.status, 400);
		if (key)
			assert.ok(L.pageSays(w.text, key));
		assert.ok(!w.text.includes('<script>alert(1)'), 'escaped');
	}
	/* 2000 characters (not bytes) is within the limit. */
	const ok = await m.api.post('/api/v1/community/alerts', { location: 'ë'.repeat(200), seen: 'ç'.repeat(2000) });
	assert.equal(ok.status, 201, ok.text);
	assert.equal((await m.api.get('/api/v1/community/alerts')).json().alerts.length, before + 1);
});

test('another municipality\'s group: 404 for its administrator; not even the member list', async () => {
	const admin = await L.adminApi();
	const ms = (await admin.get('/api/v1/municipalities')).json().municipalities;
	const other = ms.find((x) => x.code === 'XK01') || ms.find((x) => x.country === 'XK' && x.code !== 'XK09');
	const code = L.uniq('QP').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code, name: 'QPS ' + code, type: 'social_work', municipality: other.id });
	assert.equal(r.status, 201, r.text);
	const otherAdmin = await actor({ role: 'municipal_admin', agency: code });
	for (const p of [`/api/v1/community-groups/${fx.g.id}`])
		assert.equal((await otherAdmin.api.get(p)).status, 404, p);
	assert.equal((await otherAdmin.s.get(`/admin/community-groups/${fx.g.id}`)).status, 404);
	const add = await otherAdmin.api.post(`/api/v1/community-groups/${fx.g.id}/members`, { user: fx.member.id });
	assert.equal(add.status, 404);
	const list = (await otherAdmin.api.get('/api/v1/community-groups')).json().groups;
	assert.ok(!list.some((g) => g.id === fx.g.id));
	/* Its intake does not see the alerts of Hani i Elezit. */
	const aid = await fileAlert(fx.member);
	const sup = await actor({ role: 'supervisor', agency: code });
	assert.equal((await sup.api.get(`/api/v1/community-alerts/${aid}`)).status, 404);
	assert.ok(!(await sup.api.get('/api/v1/community-alerts')).json().alerts.some((a) => a.id === aid));
	assert.equal((await sup.s.post(`/community-alerts/${aid}/admit`, { version: 1, concern_NEG: 1 })).status, 404);
	assert.equal((await alertOf(fx.sup.api, aid)).status, 'received');
});

test('the member sees only received / handled, never the decision nor the report', async () => {
	const a1 = await fileAlert(fx.member);
	const a2 = await fileAlert(fx.member, { immediate_danger: true });
	const r1 = await fx.sup.api.post(`/api/v1/community-alerts/${a1}/admit`, { version: 1, concerns: 'EDU' });
	assert.equal(r1.status, 200, r1.text);
	const r2 = await fx.sup.api.post(`/api/v1/community-alerts/${a2}/not-admitted`, { version: 1, reason: 'Known family, already followed' });
	assert.equal(r2.status, 200, r2.text);
	const mine = (await fx.member.api.get('/api/v1/community/alerts')).json().alerts;
	for (const id of [a1, a2]) {
		const x = mine.find((m) => m.id === id);
		assert.equal(x.status, 'handled');
		assert.deepEqual(Object.keys(x).filter((k) => ['reason', 'report_id', 'version', 'municipality_id'].includes(k)), []);
	}
	const page = await fx.member.s.get('/community');
	assert.ok(!page.text.includes('Known family'));
	assert.ok(!page.text.includes('/intake/'));
	/* The admitted one is a report of concern in intake, from the community. */
	const rep = await fx.sup.api.get(`/api/v1/reports/${r1.json().report_id}`);
	assert.equal(rep.json().report.referrer_type, 'community');
	/* Unknown concern, no concern: refused, the alert still waiting. */
	const a3 = await fileAlert(fx.member);
	for (const concerns of ['NOPE', ' , '])
		assert.equal((await fx.sup.api.post(`/api/v1/community-alerts/${a3}/admit`, { version: 1, concerns })).status, 400, concerns);
	assert.equal((await alertOf(fx.sup.api, a3)).status, 'received');
	const empty = await fx.sup.api.post(`/api/v1/community-alerts/${a3}/not-admitted`, { version: 1, reason: '   ' });
	assert.equal(empty.status, 400);
});

test('consent: a withdrawn consent cannot be withdrawn again; dates before the consent or in the future refused', async () => {
	const c = makeCase({ risk: 'medium' });
	const api = fx.sup.api;
	const cid = await recordConsent(api, c.id);
	const fut = await api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, { date: day(2), reason: 'x', version: await version(api, c.id) });
	assert.equal(fut.status, 400);
	assert.equal(fut.json().field, 'date');
	const early = await api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, { date: day(-400), reason: 'x', version: await version(api, c.id) });
	assert.equal(early.status, 400);
	assert.ok(L.isMessage(early.json().message, 'consent.err.too_early'), early.text);
	const bad = await api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, { date: '31.02.2026', reason: 'x', version: await version(api, c.id) });
	assert.equal(bad.status, 400);
	const ok = await api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, { date: day(), reason: 'Mother withdrew', version: await version(api, c.id) });
	assert.equal(ok.status, 200, ok.text);
	const again = await api.post(`/api/v1/cases/${c.id}/consents/${cid}/withdraw`, { date: day(), reason: 'x', version: await version(api, c.id) });
	assert.equal(again.status, 400);
	assert.ok(L.isMessage(again.json().message, 'consent.err.withdrawn'));
	/* A consent of another case through this case's URL: 404. */
	const c2 = makeCase({ risk: 'medium' });
	const cid2 = await recordConsent(api, c2.id);
	const cross = await api.post(`/api/v1/cases/${c.id}/consents/${cid2}/withdraw`, { date: day(), reason: 'x', version: await version(api, c.id) });
	assert.equal(cross.status, 404);
	/* Before the case opened; the record is still there, withdrawn. */
	const before = await api.post(`/api/v1/cases/${c.id}/consents`, { giver_name: 'X', relation: 'child', all_agencies: true, categories: 'identity', date: day(-30), version: await version(api, c.id) });
	assert.equal(before.status, 400);
	const list = (await api.get(`/api/v1/cases/${c.id}/consents`)).json().consents;
	assert.equal(list.length, 1);
	assert.equal(list[0].in_force, false);
	/* The case page shows it withdrawn, without a withdraw form. */
	const s = fx.sup.s;
	const page = await s.get(`/cases/${c.id}`);
	assert.ok(page.text.includes('Mother withdrew'));
	assert.ok(!page.text.includes(`/consents/${cid}/withdraw`));
});

test('consent: a caseworker cannot override (403) and the override form is the supervisor\'s; a caseworker of another unit gets 404', async () => {
	const c = makeCase({ risk: 'medium' });
	const r = await fx.cw.api.post(`/api/v1/cases/${c.id}/consent-overrides`, { override_code: 'legal_duty', override_reason: 'x', all_agencies: true, categories: 'identity', date: day(), version: 1 });
	assert.equal(r.status, 403);
	assert.equal((await fx.cw.s.get(`/cases/${c.id}/consent-overrides/new`)).status, 403);
	const page = await fx.cw.s.get(`/cases/${c.id}`);
	if (page.status === 200)
		assert.ok(!page.text.includes('/consent-overrides/new'));
	const far = makeCase({ agency: 'QPS-HANI', restricted: 1 });
	assert.equal((await fx.cw.api.get(`/api/v1/cases/${far.id}/consents`)).status, 404);
	assert.equal((await fx.cw.api.post(`/api/v1/cases/${far.id}/consents`, { giver_name: 'X', relation: 'parent', all_agencies: true, categories: 'identity', date: day(), version: 1 })).status, 404);
});

test('groups: no community, an unknown community, a name too long, a non-member user: refused', async () => {
	const a = fx.admin.api;
	for (const [body, field] of [
		[{ name: L.uniq('G'), communities: ' ' }, 'communities'],
		[{ name: L.uniq('G'), communities: 'martian' }, 'communities'],
		[{ name: 'x'.repeat(121), communities: 'roma' }, 'name'],
		[{ name: '<b>G</b>', communities: 'roma' }, 'name'],
	]) {
		const r = await a.post('/api/v1/community-groups', body);
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json().field, field, r.text);
	}
	const cwId = (await L.userByName(fx.cw.username)).id;
	const r = await a.post(`/api/v1/community-groups/${fx.g.id}/members`, { user: cwId });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'community.err.not_member_role'));
	/* A member moved to another group sees that group only. */
	const { g, member } = await groupWithMember('serb');
	const mv = await a.post(`/api/v1/community-groups/${g.id}/members`, { user: member.id });
	assert.equal(mv.status, 200);
});
