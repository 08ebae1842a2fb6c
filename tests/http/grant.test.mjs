// grant.test.mjs — donors, grants, services delivered and municipal action
// plans over HTTP, negative first: amounts (negative, ambiguous "12,345",
// "1e5", fractions of a cent, overflow), a grant outside its donor's
// programme, a reporting date outside the grant, a service the grant does
// not fund, another grantee's grant (404, audited), a caseworker or a
// community member (403), a municipal administrator of another
// municipality (404), a progress value before the plan started, each
// refusal writing nothing; then people served counted once per person and
// per euro, and a late report. The donor role: another donor's grant or
// project (404, audited), a case, a child, a referral or a list with names
// (403), a count under 5 ("<5", null in JSON); editing a grant and
// removing a reporting date that has its report. The routes themselves are
// in routes_grant.spec.mjs; the rules in tests/unit/test_grant.c.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';
import { day, donorUser, grantFixture, grantee, makeGrant, makeProject } from './routes_grant.spec.mjs';

const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await grantFixture());
	fx.cw = await actor({ role: 'caseworker' });
	fx.comm = await actor({ role: 'community_member' });
	fx.tirane = await actor({ role: 'municipal_admin', agency: 'NJMF-TIRANE' });
	fx.other = await grantee();
	fx.g = await makeGrant(fx.admin, fx.agency);
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const grantBody = (extra = {}) => ({
	donor: fx.g.donor.id, grantee: fx.agency.id, number: L.uniq('G-'), title: 'T', amount: '1.000,00',
	start: day(-10), end: day(10), municipalities: String(fx.agency.municipality_id), services: 'shelter',
	...extra,
});

async function count(api) {
	return (await api.get('/api/v1/grants')).json().grants.length;
}

test('amounts: negative, ambiguous, exponent, fractions, overflow and letters are refused by name', async () => {
	const before = await count(fx.admin.api);
	for (const [amount, key] of [
		['-100', 'grant.err.amount_negative'], ['12,345', 'grant.err.amount_ambiguous'],
		['12.345', 'grant.err.amount_ambiguous'], ['1e5', 'grant.err.amount_format'],
		['100,001', 'grant.err.amount_ambiguous'], ['100,0001', 'grant.err.amount_fraction'],
		['0,001', 'grant.err.amount_fraction'], ['99999999999999999999', 'grant.err.amount_range'],
		['1000000000,01', 'grant.err.amount_range'], ['abc', 'grant.err.amount_format'],
		['0', 'grant.err.amount_zero'], ['1.2.3', 'grant.err.amount_format'],
	]) {
		const r = await fx.admin.api.post('/api/v1/grants', grantBody({ amount }));
		assert.equal(r.status, 400, `${amount}: ${r.status} ${r.text}`);
		assert.equal(r.json().field, 'amount', amount);
		const web = await fx.admin.s.post('/grants', { ...grantBody({ amount }), municipalities: undefined,
			services: undefined, municipality_1: fx.agency.municipality_id, service_1: 'shelter' });
		assert.equal(web.status, 400, amount);
		assert.ok(L.pageSays(web.text, key), `${amount}: ${key}`);
	}
	assert.equal(await count(fx.admin.api), before, 'nothing written');
	for (const [amount, cents] of [['2.700.000,00', 270000000], ['2700000.00', 270000000],
		['2,700,000.00', 270000000], ['12,5', 1250], ['€ 100', 10000]]) {
		const r = await fx.admin.api.post('/api/v1/grants', grantBody({ amount }));
		assert.equal(r.status, 201, `${amount}: ${r.text}`);
		assert.equal(r.json().amount_cents, cents, amount);
	}
});

test('a grant outside its donor\'s programme, a reporting date outside the grant: refused', async () => {
	const before = await count(fx.admin.api);
	for (const [extra, field, key] of [
		[{ start: day(-401) }, 'start', 'grant.err.outside_programme'],
		[{ end: day(401) }, 'end', 'grant.err.outside_programme'],
		[{ end: day(-11) }, 'end', 'grant.err.end_before'],
		[{ reports: day(11) }, 'reports', 'grant.err.report_outside'],
		[{ reports: `${day(1)},${day(1)}` }, 'reports', 'grant.err.report_exists'],
		[{ services: 'haircut' }, 'services', 'error.field.choice'],
		[{ grantee: fx.agency.id + 100000 }, 'grantee', 'grant.err.grantee'],
		[{ municipalities: '1,x' }, 'municipalities', 'error.field.number'],
	]) {
		const r = await fx.admin.api.post('/api/v1/grants', grantBody(extra));
		assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
		assert.equal(r.json().field, field, JSON.stringify(extra));
	}
	const out = await fx.admin.s.post(`/grants/${fx.g.grant.id}/reporting-dates`, { date: day(201) });
	assert.equal(out.status, 400);
	assert.ok(L.pageSays(out.text, 'grant.err.report_outside'));
	assert.equal(await count(fx.admin.api), before);
});

test('another municipality\'s administrator: the grant and the plan are 404, and lists are empty', async () => {
	for (const p of [`/grants/${fx.g.grant.id}`, `/action-plans/${fx.plan.id}`])
		assert.equal((await fx.tirane.s.get(p)).status, 404, p);
	assert.equal((await fx.tirane.api.get(`/api/v1/grants/${fx.g.grant.id}`)).status, 404);
	const w = await fx.tirane.s.post(`/grants/${fx.g.grant.id}/reporting-dates`, { date: day(5) });
	assert.equal(w.status, 404);
	const pr = await fx.tirane.api.post(`/api/v1/action-plans/${fx.plan.id}/progress`,
		{ indicator: fx.indicator, period_end: day(0), value: '1' });
	assert.equal(pr.status, 404);
	assert.ok(!(await fx.tirane.api.get('/api/v1/grants')).json().grants.some((g) => g.id === fx.g.grant.id));
	assert.ok(!(await fx.tirane.api.get('/api/v1/action-plans')).json().action_plans.some((p) => p.id === fx.plan.id));
	/* A plan of Hani by Tirana's administrator: refused by name. */
	const mk = await fx.tirane.api.post('/api/v1/action-plans', { municipality: fx.agency.municipality_id,
		title: 'X', start: day(-1), end: day(1), institution: 'I' });
	assert.equal(mk.status, 400);
	assert.equal(mk.json().field, 'municipality');
});

test('another grantee\'s grant is 404 (audited); a caseworker or community member is 403', async () => {
	const o = fx.other.user;
	for (const p of [`/my-grants/${fx.g.grant.id}`])
		assert.equal((await o.s.get(p)).status, 404);
	assert.equal((await o.api.get(`/api/v1/my-grants/${fx.g.grant.id}`)).status, 404);
	const d = await o.api.post(`/api/v1/my-grants/${fx.g.grant.id}/deliveries`,
		{ date: day(0), service: 'shelter', beneficiary: 'B-1' });
	assert.equal(d.status, 404);
	const b = await o.s.post(`/my-grants/${fx.g.grant.id}/beneficiaries`, { code: 'B-77', kind: 'child', sex: 'f',
		age_band: '6_11' });
	assert.equal(b.status, 404);
	const audit = (await L.auditEntries({ actor: o.username, action: 'grant.denied' })).entries;
	assert.ok(audit.length >= 1, 'the refused read is audited');
	for (const u of [fx.cw, fx.comm]) {
		for (const p of ['/grants', '/donors', '/action-plans', `/grants/${fx.g.grant.id}`, '/my-grants'])
			assert.equal((await u.s.get(p)).status, 403, `${u.role} ${p}`);
		assert.equal((await u.api.get('/api/v1/grants')).status, 403);
	}
});

test('services delivered: a service not funded, a future date, an unknown code; people counted once', async () => {
	const p = fx.user;
	const gid = fx.g.grant.id;
	const c1 = L.uniq('K-1'), c2 = L.uniq('A-2');
	assert.equal((await p.s.post(`/my-grants/${gid}/beneficiaries`, { code: c1, kind: 'child', sex: 'f',
		age_band: '6_11', category_at_risk: 1, category_violence_survivor: 1 })).status, 303);
	assert.equal((await p.s.post(`/my-grants/${gid}/beneficiaries`, { code: c2, kind: 'adult', sex: 'm',
		birth_year: 1950, category_elderly: 1 })).status, 303);
	const bad = await p.s.post(`/my-grants/${gid}/beneficiaries`, { code: L.uniq('C'), kind: 'child', sex: 'm',
		age_band: '6_11', category_elderly: 1 });
	assert.equal(bad.status, 400);
	assert.ok(L.pageSays(bad.text, 'grant.err.elderly_child'));
	for (const [body, key] of [
		[{ date: day(0), service: 'foster_care', beneficiary: c1 }, 'grant.err.not_funded'],
		[{ date: day(1), service: 'shelter', beneficiary: c1 }, 'grant.err.future'],
		[{ date: day(-101), service: 'shelter', beneficiary: c1 }, 'grant.err.delivery_outside'],
		[{ date: day(0), service: 'shelter', beneficiary: 'NOBODY-1' }, 'grant.err.beneficiary_unknown'],
	]) {
		const r = await p.s.post(`/my-grants/${gid}/deliveries`, body);
		assert.equal(r.status, 400, JSON.stringify(body));
		assert.ok(L.pageSays(r.text, key), key);
	}
	for (const [d, s, c] of [[0, 'shelter', c1], [-1, 'day_care', c1], [-2, 'shelter', c1], [-3, 'shelter', c2]])
		assert.equal((await p.api.post(`/api/v1/my-grants/${gid}/deliveries`, { date: day(d), service: s,
			beneficiary: c })).status, 201);
	const j = (await fx.admin.api.get(`/api/v1/grants/${gid}`)).json();
	assert.equal(j.served.people, 2);
	assert.equal(j.served.children, 1);
	assert.equal(j.served.adults, 1);
	assert.equal(j.served.cents_per_person, 270000000 / 2);
	assert.deepEqual(j.by_category, { at_risk: 1, violence_survivor: 1, domestic_violence: 0, trafficking: 0,
		elderly: 1, disability: 0 });
	/* The reporting date ten days ago is late until the grantee reports. */
	assert.equal(j.reports_late, 1);
	const page = await fx.admin.s.get(`/grants/${gid}`);
	assert.ok(L.pageSays(page.text, 'grant.report.late') || page.text.includes('missing'));
	/* No code, no name: the audit holds neither. */
	const audit = (await L.auditEntries({ actor: p.username })).entries;
	assert.ok(audit.every((e) => !e.detail.includes(c1) && !e.detail.includes(c2)));
});

test('action plans: a progress value before the plan started or in the future is refused; the bar', async () => {
	const a = fx.admin;
	for (const [body, key] of [
		[{ indicator: fx.indicator, period_end: day(-61), value: '12' }, 'ap.err.before_start'],
		[{ indicator: fx.indicator, period_end: day(1), value: '12' }, 'grant.err.future'],
		[{ indicator: fx.indicator, period_end: day(-5), value: '-3' }, 'ap.err.value_negative'],
		[{ indicator: fx.indicator, period_end: day(-5), value: '1,234' }, 'ap.err.value_ambiguous'],
	]) {
		const r = await a.s.post(`/action-plans/${fx.plan.id}/progress`, body);
		assert.equal(r.status, 400, JSON.stringify(body));
		assert.ok(L.pageSays(r.text, key), key);
	}
	for (const u of [fx.cw, fx.comm])
		assert.equal((await u.api.get(`/api/v1/action-plans/${fx.plan.id}`)).status, 403);
	const sup = await actor({ role: 'supervisor' });
	assert.equal((await sup.s.get(`/action-plans/${fx.plan.id}`)).status, 200, 'a supervisor reads');
	assert.equal((await sup.s.post(`/action-plans/${fx.plan.id}/objectives`, { title: 'x' })).status, 403);
	assert.equal((await a.s.post(`/action-plans/${fx.plan.id}/progress`, { indicator: fx.indicator,
		period_end: day(-2), value: '25' })).status, 303);
	const page = await a.s.get(`/action-plans/${fx.plan.id}`);
	assert.match(page.text, /<progress max="100" value="75"/);
});

// ---------------------------------------------------------------- the donor role

test('donor users: made by the sysadmin only, tied to a donor that exists', async () => {
	const ta = await L.adminApi();
	const body = { username: L.uniq('donor'), full_name: 'Donor', password: 'Long-enough-pw-1', role: 'donor' };
	const none = await ta.post('/api/v1/users', body);
	assert.equal(none.status, 400);
	assert.equal(none.json().field, 'donor');
	const ghost = await ta.post('/api/v1/users', { ...body, donor: 99999999 });
	assert.equal(ghost.status, 400);
	assert.equal(ghost.json().field, 'donor');
	const agency = await ta.post('/api/v1/users', { ...body, donor: fx.donor.id, agency: fx.agency.id });
	assert.equal(agency.status, 400);
	assert.equal(agency.json().field, 'agency');
	const cw = await ta.post('/api/v1/users', { ...body, role: 'caseworker', donor: fx.donor.id,
		agency: (await L.agencyByCode('QPS-HANI')).id });
	assert.equal(cw.status, 400);
	assert.equal(cw.json().field, 'donor');
	const muni = await fx.admin.api.post('/api/v1/users', { ...body, donor: fx.donor.id });
	assert.equal(muni.status, 400);
	assert.equal(muni.json().field, 'role');
	assert.equal((await L.userByName(body.username).catch(() => null))?.id ?? null, null);
});

test('a donor user: another donor\'s grant and project are 404, audited; their own are read only', async () => {
	const d = fx.donorU;
	const other = await makeGrant(fx.admin, fx.agency);
	const otherProject = await makeProject(fx.admin, other.donor.id, [other.grant.id]);
	const list = (await d.api.get('/api/v1/donor/grants')).json().grants;
	assert.ok(list.length > 0 && list.every((g) => g.donor_id === fx.donor.id));
	for (const path of [`/donor/grants/${other.grant.id}`, `/donor/projects/${otherProject}`])
		assert.equal((await d.s.get(path)).status, 404, path);
	assert.equal((await d.api.get(`/api/v1/donor/grants/${other.grant.id}`)).status, 404);
	assert.equal((await d.api.get(`/api/v1/donor/beneficiaries?project=${otherProject}`)).status, 404);
	const home = await d.s.get('/donor');
	assert.ok(!home.text.includes(`/donor/grants/${other.grant.id}"`));
	assert.ok(!home.text.includes(`/donor/projects/${otherProject}"`));
	const audit = (await L.auditEntries({ actor: d.username })).entries;
	assert.ok(audit.some((e) => e.action === 'grant.denied'), 'the refused grant is audited');
	assert.ok(audit.some((e) => e.action === 'report.project.denied'), 'the refused project is audited');
	/* Read only: no write route lets them in. */
	const g = fx.grant.id;
	assert.equal((await d.s.post(`/grants/${g}/status`, { status: 'suspended', reason: 'x', version: 1 })).status, 403);
	assert.equal((await d.api.post(`/api/v1/grants/${g}`, { version: 1, title: 'x', amount: '1', start: day(-1),
		end: day(1), municipalities: '1', services: 'shelter' })).status, 403);
	assert.equal((await d.api.post(`/api/v1/grants/${g}/reporting-dates`, { date: day(5) })).status, 403);
});

test('a donor user reaches no case, child, referral, provider, grantee page or list with names', async () => {
	const d = fx.donorU;
	for (const path of ['/cases', '/cases/1', '/children/match', '/intake', '/referrals', '/referrals/incoming',
		'/providers', '/admin/users', '/grants', `/grants/${fx.grant.id}`, '/donors', `/my-grants/${fx.grant.id}`,
		'/indicators', '/dashboard', '/reports', `/reports/projects/${fx.project}`, '/trainings', '/professionals',
		'/work', '/audit']) {
		const r = await d.s.get(path);
		assert.equal(r.status, 403, path);
	}
	for (const path of ['/api/v1/cases', '/api/v1/children', `/api/v1/grants/${fx.grant.id}`, '/api/v1/donors',
		`/api/v1/my-grants/${fx.grant.id}`, `/api/v1/reports/beneficiaries?project=${fx.project}`,
		'/api/v1/municipalities', '/api/v1/indicators'])
		assert.ok([403, 404].includes((await d.api.get(path)).status), path);
});

test('a donor user sees counts under 5 as "<5" (null in JSON), with the complement, and no beneficiary', async () => {
	const { donor, grant } = await makeGrant(fx.admin, fx.agency);
	const p = fx.user;
	const codes = [];
	/* Two children and one adult: every count is under 5. */
	for (const [kind, band] of [['child', '6_11'], ['child', '12_14'], ['adult', '18_64']]) {
		const c = `D5-${Date.now().toString(36)}-${codes.length}`;
		codes.push(c);
		assert.equal((await p.api.post(`/api/v1/my-grants/${grant.id}/beneficiaries`, { code: c, kind, sex: 'f',
			age_band: band, categories: 'at_risk' })).status, 201);
		assert.equal((await p.api.post(`/api/v1/my-grants/${grant.id}/deliveries`, { date: day(0),
			service: 'shelter', beneficiary: c })).status, 201);
	}
	const project = await makeProject(fx.admin, donor.id, [grant.id]);
	const d = await donorUser(donor.id);
	const j = (await d.api.get(`/api/v1/donor/grants/${grant.id}`)).json();
	assert.equal(j.served.people, null);
	assert.equal(j.served.children, null);
	assert.equal(j.served.adults, null);
	assert.equal(j.served.cents_per_person, null);
	assert.equal(j.by_category.at_risk, null);
	assert.equal(j.by_category.trafficking, 0);
	assert.equal(j.amount_cents, 270000000);
	/* The reader of the municipality sees the figures. */
	assert.equal((await fx.admin.api.get(`/api/v1/grants/${grant.id}`)).json().served.people, 3);
	for (const path of [`/donor/grants/${grant.id}`, `/donor/projects/${project}`, '/donor']) {
		const r = await d.s.get(path);
		assert.equal(r.status, 200, path);
		assert.ok(r.text.includes('&lt;5'), `${path}: <5`);
		assert.ok(codes.every((c) => !r.text.includes(c)), `${path}: no beneficiary code`);
	}
	const rep = await d.api.get(`/api/v1/donor/beneficiaries?project=${project}`);
	assert.equal(rep.status, 200, rep.text);
	assert.ok(codes.every((c) => !rep.text.includes(c)));
});

test('editing a grant: its rules, the version, a grant outside its donor\'s period; a date with its report stays', async () => {
	const a = fx.admin;
	const { grant } = await makeGrant(a, fx.agency);
	const v = (await a.api.get(`/api/v1/grants/${grant.id}`)).json().version;
	const body = { version: v, title: 'T2', amount: '3.000,00', start: day(-100), end: day(200),
		municipalities: String(fx.agency.municipality_id), services: 'shelter,day_care' };
	for (const [extra, field, status] of [
		[{ start: day(-401) }, 'start', 400], [{ end: day(401) }, 'end', 400], [{ end: day(-200) }, 'end', 400],
		[{ amount: '-5' }, 'amount', 400], [{ amount: '1e5' }, 'amount', 400], [{ amount: '0,001' }, 'amount', 400],
		[{ services: 'massage' }, 'services', 400], [{ municipalities: 'x' }, 'municipalities', 400],
		[{ end: day(20) }, 'end', 400], [{ version: v + 1 }, undefined, 409],
	]) {
		const r = await a.api.post(`/api/v1/grants/${grant.id}`, { ...body, ...extra });
		assert.equal(r.status, status, JSON.stringify(extra) + r.text);
		if (field)
			assert.equal(r.json().field, field, JSON.stringify(extra));
	}
	/* The form with a stale version says who changed the grant, and when. */
	const stale = await a.s.post(`/grants/${grant.id}`, { version: v + 1, title: 'T3', amount: '3.000,00',
		start: day(-100), end: day(200), municipality_1: String(fx.agency.municipality_id), service_1: 'shelter' });
	assert.equal(stale.status, 409);
	assert.ok(L.pageSays(stale.text, 'grant.conflict.by'), stale.text.slice(0, 300));
	assert.ok(stale.text.includes(a.username), 'the name of who changed it');
	/* Another municipality's administrator: 404; a caseworker: 403. */
	assert.equal((await fx.tirane.api.post(`/api/v1/grants/${grant.id}`, body)).status, 404);
	assert.equal((await fx.cw.api.post(`/api/v1/grants/${grant.id}`, body)).status, 403);
	const same = (await a.api.get(`/api/v1/grants/${grant.id}`)).json();
	assert.equal(same.version, v);
	assert.equal(same.title, 'Shelter and day care');
	/* A reporting date with its report is not removed; one without is. */
	const j = (await fx.user.api.get(`/api/v1/my-grants/${grant.id}`)).json();
	const [done, open] = j.reports;
	assert.equal((await fx.user.api.post(`/api/v1/my-grants/${grant.id}/reports/${done.id}`, {})).status, 200);
	const had = await a.api.post(`/api/v1/grants/${grant.id}/reporting-dates/${done.id}/remove`, { reason: 'x' });
	assert.equal(had.status, 400);
	assert.ok(L.isMessage(had.json().message, 'grant.err.report_has_report'), had.text);
	const page = await a.s.post(`/grants/${grant.id}/reporting-dates/${done.id}/remove`, { reason: 'x' });
	assert.equal(page.status, 400);
	assert.ok(L.pageSays(page.text, 'grant.err.report_has_report'));
	const ok = await a.api.post(`/api/v1/grants/${grant.id}/reporting-dates/${open.id}/remove`, { reason: 'Gabim' });
	assert.equal(ok.status, 200, ok.text);
	assert.deepEqual(ok.json().reports.map((x) => x.id), [done.id]);
	const audit = (await L.auditEntries({ actor: a.username })).entries;
	assert.ok(audit.some((e) => e.action === 'grant.report_date.remove' && !e.detail.includes('Gabim')));
});
