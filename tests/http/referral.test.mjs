// referral.test.mjs — referrals out and reports in over HTTP, negative
// first: another provider's user, a table member, a community member and a
// caseworker of another unit get 404 (audited) or 403, never the referral;
// the receiving organisation sees only what consent allows, checked again
// at every view (none, partial categories, withdrawn, override); status
// steps out of order are refused and change nothing; a report in from a
// school lands in the Centre's intake and its reporter sees only
// "received" / "handled"; markup is refused and stored text escaped. The
// routes themselves are in routes_referral.spec.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { day, haniHelper, version } from './routes_closure.spec.mjs';
import { actor, recordConsent } from './routes_community.spec.mjs';
import { advance, consentedCase, licensedProvider, makeReferral, referralFixture, referralOf, SERVICE }
	from './routes_referral.spec.mjs';

const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await referralFixture());
	fx.other = await licensedProvider();
	fx.opu = await actor({ role: 'provider_user', agency: fx.other.code });
	fx.member = await actor({ role: 'community_member' });
	fx.cw = await actor({ role: 'caseworker' });
	fx.sup = await actor({ role: 'supervisor' });
	fx.tirane = await actor({ role: 'caseworker', agency: 'NJMF-TIRANE' });
	fx.qpsMember = await actor({ role: 'table_member', agency: 'QPS-HANI' });
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

async function denials(username, since) {
	const e = (await L.auditEntries({ actor: username, action: 'referral.read.denied' })).entries;
	return e.filter((x) => x.id > since);
}

test('another provider, a table member: every referral URL is 404, each attempt audited, nothing written', async () => {
	const { id } = await makeReferral();
	for (const u of [fx.opu, fx.police]) {
		const since = await L.lastAuditId(u.username);
		const v = 1;
		const tries = [
			await u.s.get(`/referrals/${id}`),
			await u.s.post(`/referrals/${id}/answer`, { answer: 'accept', version: v }),
			await u.s.post(`/referrals/${id}/feedback`, { text: 'x', version: v }),
			await u.api.get(`/api/v1/referrals/${id}`),
			await u.api.post(`/api/v1/referrals/${id}/close`, { outcome: 'completed', version: v }),
		];
		assert.deepEqual(tries.map((r) => r.status), [404, 404, 404, 404, 404]);
		assert.ok(!tries[0].text.includes('Liridona'));
		assert.equal((await denials(u.username, since)).length, 5);
		assert.deepEqual((await L.writesSince(u.username, since)).filter((x) => x.action !== 'referral.read.denied'), []);
		const inc = (await u.api.get('/api/v1/referrals/incoming')).json().referrals;
		assert.ok(!inc.some((x) => x.id === id));
	}
	assert.equal((await referralOf(fx.pu.api, id)).status, 'sent');
});

test('a community member: 403 on the receiving routes; the sending caseworker: not their organisation\'s, 404', async () => {
	const { id } = await makeReferral();
	const u = fx.member;
	assert.equal((await u.s.get(`/referrals/${id}`)).status, 403);
	assert.equal((await u.s.get('/referrals/incoming')).status, 403);
	assert.equal((await u.api.get(`/api/v1/referrals/${id}`)).status, 403);
	/* A Centre's workers receive referrals sent to their own Centre;
	 * one their Centre sent is not among them. */
	assert.equal((await fx.cw.s.get(`/referrals/${id}`)).status, 404);
	assert.equal((await fx.cw.api.get(`/api/v1/referrals/${id}`)).status, 404);
	const inc = (await fx.cw.api.get('/api/v1/referrals/incoming')).json().referrals;
	assert.ok(!inc.some((x) => x.id === id));
	/* The community member probing the sending side: 404, not 403. */
	const { c } = await consentedCase();
	assert.equal((await fx.member.s.get(`/cases/${c.id}/referrals/new`)).status, 404);
	assert.equal((await fx.pu.s.get(`/cases/${c.id}/referrals/new`)).status, 404);
	assert.equal((await fx.pu.api.get(`/api/v1/cases/${c.id}/referrals`)).status, 404);
});

test('a caseworker of another unit: the case\'s referral routes are 404, audited', async () => {
	const { c } = await makeReferral();
	const since = await L.lastAuditId(fx.tirane.username);
	assert.equal((await fx.tirane.s.get(`/cases/${c.id}/referrals/new`)).status, 404);
	const r = await fx.tirane.api.post(`/api/v1/cases/${c.id}/referrals`, { to_agency: fx.p.id, service: SERVICE,
		reason: 'x', urgency: 'routine', consent: 1, categories: 'identity', version: 1 });
	assert.equal(r.status, 404);
	assert.equal((await fx.tirane.api.get(`/api/v1/cases/${c.id}/referrals`)).status, 404);
	const open = (await fx.tirane.api.get('/api/v1/referrals')).json().referrals;
	assert.ok(!open.some((x) => x.case_id === c.id));
	const e = (await L.auditEntries({ actor: fx.tirane.username })).entries.filter((x) => x.id > since);
	assert.ok(e.filter((x) => /denied$/.test(x.action)).length >= 3, JSON.stringify(e.map((x) => x.action)));
});

test('consent: none, a category beyond it, another agency only: refused naming the field, nothing sent', async () => {
	const c = (await consentedCase('identity')).c;
	const h = fx.sup;
	const base = { to_agency: fx.p.id, service: SERVICE, reason: 'x', urgency: 'routine', version: await version(h.api, c.id) };
	let r = await h.api.post(`/api/v1/cases/${c.id}/referrals`, { ...base, consent: 999999, categories: 'identity' });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'consent');
	const bare = (await consentedCase('identity', {})).c;
	r = await h.api.post(`/api/v1/cases/${bare.id}/referrals`, { ...base, version: await version(h.api, bare.id),
		consent: 999999, categories: 'identity' });
	assert.equal(r.status, 400);
	const cons = (await h.api.get(`/api/v1/cases/${c.id}/consents`)).json().consents[0].id;
	r = await h.api.post(`/api/v1/cases/${c.id}/referrals`, { ...base, consent: cons, categories: 'identity,health' });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'categories');
	assert.ok(L.isMessage(r.json().message, 'referral.err.beyond_consent'));
	/* A consent for the police only. */
	const police = (await L.agencyByCode('POL-HANI')).id;
	const pc = await recordConsent(h.api, c.id, { all_agencies: false, agencies: String(police), categories: 'identity' });
	r = await h.api.post(`/api/v1/cases/${c.id}/referrals`, { ...base, version: await version(h.api, c.id), consent: pc,
		categories: 'identity' });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'referral.err.consent_agency'));
	assert.deepEqual((await h.api.get(`/api/v1/cases/${c.id}/referrals`)).json().referrals, []);
	/* The police may receive it. */
	r = await h.api.post(`/api/v1/cases/${c.id}/referrals`, { ...base, to_agency: police, service: 'family_support',
		version: await version(h.api, c.id), consent: pc, categories: 'identity' });
	assert.equal(r.status, 201, r.text);
	const got = (await fx.police.api.get(`/api/v1/referrals/${r.json().id}`)).json();
	assert.equal(got.summary.given_name, 'Liridona');
});

test('withdrawn consent hides the child at once; an override shows it again', async () => {
	const { id, c } = await makeReferral();
	let s = (await fx.pu.api.get(`/api/v1/referrals/${id}`)).json().summary;
	assert.equal(s.given_name, 'Liridona');
	assert.ok(Array.isArray(s.concerns));
	const cons = (await fx.sup.api.get(`/api/v1/cases/${c.id}/consents`)).json().consents[0].id;
	const w = await fx.sup.api.post(`/api/v1/cases/${c.id}/consents/${cons}/withdraw`, { date: day(), reason: 'Prindi',
		version: await version(fx.sup.api, c.id) });
	assert.equal(w.status, 200, w.text);
	s = (await fx.pu.api.get(`/api/v1/referrals/${id}`)).json().summary;
	assert.deepEqual(s.shared, []);
	assert.equal(s.given_name, undefined);
	const page = await fx.pu.s.get(`/referrals/${id}`);
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('Liridona'));
	assert.ok(L.pageSays(page.text, 'referral.nothing_shared'));
	/* A supervisor's override for identity only. */
	const o = await fx.sup.api.post(`/api/v1/cases/${c.id}/consent-overrides`, { override_code: 'best_interest',
		override_reason: 'Rrezik', all_agencies: true, categories: 'identity', date: day(),
		version: await version(fx.sup.api, c.id) });
	assert.equal(o.status, 201, o.text);
	s = (await fx.pu.api.get(`/api/v1/referrals/${id}`)).json().summary;
	assert.deepEqual(s.shared, ['identity']);
	assert.equal(s.family_name, 'Gashi');
	assert.equal(s.concerns, undefined);
});

test('steps out of order, a second answer, a stale version: refused, nothing changed', async () => {
	const { id } = await makeReferral();
	const api = fx.pu.api;
	let v = (await referralOf(api, id)).version;
	for (const [what, body] of [['feedback', { text: 'x' }], ['start', { date: day() }],
		['sessions', { date: day(), count: 1 }], ['close', { outcome: 'completed' }]]) {
		const r = await api.post(`/api/v1/referrals/${id}/${what}`, { ...body, version: v });
		assert.equal(r.status, 400, what + ' ' + r.text);
		assert.ok(L.isMessage(r.json().message, 'referral.err.status'), what);
	}
	let r = await api.post(`/api/v1/referrals/${id}/answer`, { answer: 'waitlist', reason: 'Plot', version: v });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'expected_date');
	r = await api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: v + 5 });
	assert.equal(r.status, 409);
	assert.equal((await referralOf(api, id)).version, v);
	r = await api.post(`/api/v1/referrals/${id}/answer`, { answer: 'decline', reason: 'Pa kapacitet', version: v });
	assert.equal(r.status, 200, r.text);
	v = r.json().referral.version;
	r = await api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: v });
	assert.equal(r.status, 400);
	assert.equal((await referralOf(api, id)).status, 'declined');
	/* The sending worker sees the answer on the case. */
	const mine = (await fx.sup.api.get('/api/v1/referrals')).json().referrals;
	assert.ok(!mine.some((x) => x.id === id), 'declined: not in the loop-closure list');
});

test('the case page shows answers, sessions and feedback to the sending side', async () => {
	const { id, c } = await makeReferral();
	await advance(id, 'in_service');
	const api = fx.pu.api;
	let v = (await referralOf(api, id)).version;
	let r = await api.post(`/api/v1/referrals/${id}/sessions`, { date: day(), count: 2, version: v });
	assert.equal(r.status, 200);
	v = r.json().referral.version;
	r = await api.post(`/api/v1/referrals/${id}/feedback`, { text: '<script>alert(1)</script> mirë', version: v });
	assert.equal(r.status, 200);
	const page = await fx.sup.s.get(`/cases/${c.id}`);
	assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; mirë'));
	assert.ok(!page.text.includes('<script>alert(1)'));
	const j = (await fx.sup.api.get(`/api/v1/cases/${c.id}/referrals`)).json().referrals[0];
	assert.equal(j.status, 'in_service');
	assert.equal(j.sessions_delivered, 2);
	assert.equal(j.feedback.length, 1);
});

test('reports in: only police, school and health users; markup and oversized text refused', async () => {
	const hani = (await L.agencyByCode('QPS-HANI')).id;
	const body = { centre: hani, location: 'Shkolla', narrative: 'Mavijosje', concerns: 'VIO_PHY' };
	for (const u of [fx.cw, fx.pu, fx.member]) {
		const r = await u.api.post('/api/v1/reports-in', body);
		assert.ok([403, 404].includes(r.status), u.username + ' ' + r.status);
	}
	/* A table member of the Centre itself is no reporter. */
	let r = await fx.qpsMember.api.post('/api/v1/reports-in', body);
	assert.equal(r.status, 403);
	assert.equal((await fx.qpsMember.s.get('/reports-in')).status, 403);
	const since = await L.lastAuditId(fx.school.username);
	r = await fx.school.api.post('/api/v1/reports-in', { ...body, narrative: 'a <img src=x onerror=alert(1)>' });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'narrative');
	r = await fx.school.api.post('/api/v1/reports-in', { ...body, narrative: 'x'.repeat(4001) });
	assert.equal(r.status, 400);
	r = await fx.school.api.post('/api/v1/reports-in', { ...body, centre: (await L.agencyByCode('NJMF-TIRANE')).id });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'centre');
	assert.deepEqual(await L.writesSince(fx.school.username, since), []);
});

test('a report in lands in the Centre\'s intake; the school sees only received / handled', async () => {
	const hani = (await L.agencyByCode('QPS-HANI')).id;
	const r = await fx.school.api.post('/api/v1/reports-in', { centre: hani, given_name: 'Drita', sex: 'f', age: 8,
		location: 'Shkolla e mesme', narrative: 'Mungon shpesh & vjen e uritur', concerns: 'NEG', immediate_danger: true });
	assert.equal(r.status, 201, r.text);
	const id = r.json().id;
	const x = (await fx.sup.api.get(`/api/v1/reports/${id}`)).json().report;
	assert.equal(x.referrer_type, 'school');
	assert.equal(x.channel, 'online');
	const page = await fx.sup.s.get(`/intake/${id}`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes('Mungon shpesh &amp; vjen e uritur'));
	/* The Centre decides; the school sees "handled" and nothing else. */
	const v = x.version;
	const d = await fx.sup.api.post(`/api/v1/reports/${id}/not-admitted`, { reason: 'Trajtohet nga shkolla', onward_referral: 'Shkolla', version: v });
	assert.equal(d.status, 200, d.text);
	const list = (await fx.school.api.get('/api/v1/reports-in')).json().reports;
	const mine = list.find((y) => y.id === id);
	assert.deepEqual(Object.keys(mine).sort(), ['centre', 'id', 'received_at', 'status']);
	assert.equal(mine.status, 'handled');
	const html = await fx.school.s.get('/reports-in');
	assert.ok(!html.text.includes('Trajtohet nga shkolla'));
	/* The police see none of the school's reports. */
	assert.ok(!(await fx.police.api.get('/api/v1/reports-in')).json().reports.some((y) => y.id === id));
});

// ---------------------------------------------------------------- second wave: cancel, another Centre

test('cancel: the provider, a caseworker of another unit, a bad reason, a stale version: refused, nothing written', async () => {
	const { id } = await makeReferral();
	const v = (await referralOf(fx.pu.api, id)).version;
	/* The receiving side holds no case write: 404, as for case URLs. */
	assert.equal((await fx.pu.api.post(`/api/v1/referrals/${id}/cancel`, { reason: 'x', version: v })).status, 404);
	/* Another unit: 404, audited. */
	const since = await L.lastAuditId(fx.tirane.username);
	assert.equal((await fx.tirane.api.post(`/api/v1/referrals/${id}/cancel`, { reason: 'x', version: v })).status, 404);
	assert.equal((await fx.tirane.s.get(`/referrals/${id}/cancel`)).status, 404);
	const e = (await L.auditEntries({ actor: fx.tirane.username })).entries.filter((x) => x.id > since);
	assert.ok(e.some((x) => /denied$/.test(x.action)), JSON.stringify(e.map((x) => x.action)));
	/* The supervisor of the sending unit: the reason is required, markup
	 * in it is stored as text, the version is checked. */
	let r = await fx.sup.api.post(`/api/v1/referrals/${id}/cancel`, { reason: '', version: v });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'reason');
	r = await fx.sup.api.post(`/api/v1/referrals/${id}/cancel`, { reason: 'x', version: v + 5 });
	assert.equal(r.status, 409);
	assert.equal((await referralOf(fx.pu.api, id)).status, 'sent');
	const web = await fx.sup.s.post(`/referrals/${id}/cancel`, { reason: '', version: v });
	assert.equal(web.status, 400);
	assert.ok(L.pageSays(web.text, 'error.field.required') || L.pageSays(web.text, 'error.field.tooshort'));
	assert.ok(web.text.includes('name="reason"'), 'the form again');
});

test('cancel: the provider is told, can no longer answer, and the referral stays on the case as cancelled', async () => {
	const { id, c } = await makeReferral();
	const v = (await referralOf(fx.pu.api, id)).version;
	const r = await fx.sup.s.post(`/referrals/${id}/cancel`, { reason: 'Familja <u>u zhvendos</u>', version: v });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	assert.equal(r.location, `/cases/${c.id}#referrals`);
	const got = await referralOf(fx.pu.api, id);
	assert.equal(got.status, 'cancelled');
	assert.equal(got.cancel_kind, 'cancel');
	assert.equal(got.cancelled_by, fx.sup.user.full_name);
	const ans = await fx.pu.api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: got.version });
	assert.equal(ans.status, 400);
	assert.ok(L.isMessage(ans.json().message, 'referral.err.status'));
	const inbox = (await fx.pu.api.get('/api/v1/inbox')).json();
	const items = inbox.notifications ?? inbox.items ?? [];
	assert.ok(items.some((x) => x.kind === 'referral_cancelled' && x.object_id === id), JSON.stringify(items.slice(0, 3)));
	const page = await fx.sup.s.get(`/cases/${c.id}`);
	assert.ok(page.text.includes('Familja &lt;u&gt;u zhvendos&lt;/u&gt;'));
	assert.ok(!page.text.includes(`href="/referrals/${id}/cancel"`), 'no second cancel');
	const ended = await fx.sup.s.get('/referrals?show=ended');
	assert.ok(ended.text.includes(`/cases/${c.id}#referrals`));
	const open = await fx.sup.s.get('/referrals');
	assert.ok(!open.text.includes(`/cases/${c.id}#referrals`));
	assert.equal((await fx.sup.s.get('/referrals?show=bogus')).status, 400);
});

test('another municipality\'s Centre: its supervisor answers, its caseworker sees and serves but does not answer', async () => {
	const ta = await actor({ role: 'sysadmin' });
	const hani = await L.agencyByCode('QPS-HANI');
	const code = L.uniq('QPS').toUpperCase().slice(0, 16);
	const a = await ta.api.post('/api/v1/agencies', { code, name: 'Qendra ' + code, type: 'social_work',
		municipality: hani.municipality_id + 1 });
	assert.equal(a.status, 201, a.text);
	const centre = a.json();
	const csup = await actor({ role: 'supervisor', agency: code });
	const ccw = await actor({ role: 'caseworker', agency: code });
	const { id } = await makeReferral(centre.id, { service: 'family_support' });
	/* The supervisor is told; both see it among the incoming. */
	for (const u of [csup, ccw]) {
		const inc = (await u.api.get('/api/v1/referrals/incoming')).json().referrals;
		assert.ok(inc.some((x) => x.id === id));
		const p = await u.s.get(`/referrals/${id}`);
		assert.equal(p.status, 200);
		assert.ok(p.text.includes('Liridona'));
	}
	const cwPage = await ccw.s.get(`/referrals/${id}`);
	assert.ok(!cwPage.text.includes(`action="/referrals/${id}/answer"`));
	assert.ok(L.pageSays(cwPage.text, 'referral.answer_supervisor'));
	let v = (await referralOf(ccw.api, id)).version;
	let r = await ccw.api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: v });
	assert.equal(r.status, 403);
	assert.equal((await referralOf(ccw.api, id)).status, 'sent');
	assert.ok((await csup.s.get(`/referrals/${id}`)).text.includes(`action="/referrals/${id}/answer"`));
	r = await csup.api.post(`/api/v1/referrals/${id}/answer`, { answer: 'accept', version: v });
	assert.equal(r.status, 200, r.text);
	v = r.json().referral.version;
	r = await ccw.api.post(`/api/v1/referrals/${id}/start`, { date: day(), version: v });
	assert.equal(r.status, 200, r.text);
	r = await ccw.api.post(`/api/v1/referrals/${id}/feedback`, { text: 'Takimi i parë', version: r.json().referral.version });
	assert.equal(r.status, 200, r.text);
	/* The sending Centre's own workers: not theirs. */
	assert.equal((await fx.cw.api.get(`/api/v1/referrals/${id}`)).status, 404);
});

test('assessment, plan, health and education: shared only as consent allows, a draft or missing assessment named, never shown', async () => {
	const { c, consent } = await consentedCase('identity,assessment,plan,health,education');
	const api = (await haniHelper()).api;
	/* A referral sharing a category the consent does not cover: refused. */
	let r = await api.post(`/api/v1/cases/${c.id}/referrals`, {
		to_agency: fx.p.id, service: SERVICE, reason: 'Këshillim', urgency: 'routine',
		consent, categories: 'contact,health', version: await version(api, c.id),
	});
	assert.equal(r.status, 400, r.text);
	assert.equal(r.json().field, 'categories');
	r = await api.post(`/api/v1/cases/${c.id}/referrals`, {
		to_agency: fx.p.id, service: SERVICE, reason: 'Këshillim', urgency: 'routine',
		consent, categories: 'assessment,plan,health,education', version: await version(api, c.id),
	});
	assert.equal(r.status, 201, r.text);
	const id = r.json().id;
	const s = (await fx.pu.api.get(`/api/v1/referrals/${id}`)).json().summary;
	assert.deepEqual(s.shared, ['assessment', 'plan', 'health', 'education']);
	assert.equal(s.given_name, undefined, 'identity is not shared by this referral');
	assert.equal(s.assessment.status, '');
	assert.equal(s.assessment.conclusion, undefined, 'no assessment: no text');
	assert.equal(typeof s.health.disability, 'string');
	assert.equal(typeof s.education.school_status, 'string');
	assert.deepEqual(s.plan.goals, []);
	assert.deepEqual(s.plan.actions, []);
	assert.equal(s.plan.number, null, 'no active plan');
	const page = await fx.pu.s.get(`/referrals/${id}`);
	assert.equal(page.status, 200);
	assert.ok(L.pageSays(page.text, 'referral.summary.no_assessment'));
	assert.ok(L.pageSays(page.text, 'plan.none'));
	assert.ok(!page.text.includes('Liridona'));
	/* Consent withdrawn: every one of them goes. */
	const cons = (await fx.sup.api.get(`/api/v1/cases/${c.id}/consents`)).json().consents[0].id;
	const w = await fx.sup.api.post(`/api/v1/cases/${c.id}/consents/${cons}/withdraw`, { date: day(), reason: 'Prindi',
		version: await version(fx.sup.api, c.id) });
	assert.equal(w.status, 200, w.text);
	const after = (await fx.pu.api.get(`/api/v1/referrals/${id}`)).json().summary;
	assert.deepEqual(after.shared, []);
	for (const k of ['assessment', 'plan', 'health', 'education'])
		assert.equal(after[k], undefined, k);
});
