// routes_grant.spec.mjs — the grant routes' entries for routes.test.mjs (see
// its SPEC and routes_cases.spec.mjs for the shape): donors, grants, the
// grantee's services delivered (/my-grants) and municipal action plans, on
// the web and in the API. The fixture (made when the module loads: the
// routes' as() is synchronous) is a provider agency of Hani i Elezit with a
// provider user, a donor and a grant of the municipal administrator, and an
// action plan with an objective and an indicator. The deeper rules are in
// grant.test.mjs and tests/unit/test_grant.c.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor, muniAdmin } from './routes_community.spec.mjs';

export const DONOR_KINDS = ['bilateral', 'multilateral', 'foundation', 'government', 'other'];
export const STATUSES = ['active', 'suspended', 'closed'];
const INT64_MAX = '9223372036854775807';
export const KINDS = ['child', 'adult'];
export const SEXES = ['f', 'm', 'u'];
/* The first has letters: the route test's case-changed enum value differs. */
export const BANDS = ['65_plus', '0_5', '6_11', '12_14', '15_17', '18_64'];
export const CATEGORIES = ['at_risk', 'violence_survivor', 'domestic_violence', 'trafficking', 'elderly',
	'disability'];
export const DIRECTIONS = ['up', 'down'];

/* yyyy-mm-dd of today plus days. */
export function day(days = 0) {
	return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

/* A provider agency of Hani i Elezit and a provider user of it. */
export async function grantee() {
	const ta = await L.adminApi();
	const code = L.uniq('NGO').toUpperCase().slice(0, 16);
	const hani = await L.agencyByCode('QPS-HANI');
	const r = await ta.post('/api/v1/agencies', { code, name: 'OJQ ' + code, type: 'provider',
		municipality: hani.municipality_id });
	assert.equal(r.status, 201, r.text);
	const agency = r.json();
	const user = await actor({ role: 'provider_user', agency: code });
	/* A second user of the grantee, who prepares what the first uses. */
	const helper = await actor({ role: 'provider_user', agency: code });
	return { agency, user, helper, muni: hani.municipality_id };
}

/* A donor (programme -400 .. +400 days) and a grant of it to the agency,
 * made by the municipal administrator through the API: { donor, grant }. */
export async function makeGrant(admin, agency, services = 'shelter,day_care') {
	const d = await admin.api.post('/api/v1/donors', { name: L.uniq('Donor '), kind: 'bilateral', country: 'CH',
		programme: 'Safe Network', start: day(-400), end: day(400) });
	assert.equal(d.status, 201, d.text);
	const donor = d.json();
	const g = await admin.api.post('/api/v1/grants', { donor: donor.id, grantee: agency.id,
		number: L.uniq('G-'), title: 'Shelter and day care', amount: '2.700.000,00', start: day(-100),
		end: day(200), municipalities: String(agency.municipality_id), services,
		reports: `${day(-10)},${day(30)}` });
	assert.equal(g.status, 201, g.text);
	return { donor, grant: g.json() };
}

/* An action plan of the administrator's municipality with an objective and
 * an indicator: { plan, objective, indicator }. */
export async function makePlan(admin) {
	const p = await admin.api.post('/api/v1/action-plans', { title: L.uniq('Plan '), start: day(-60),
		end: day(300), adopted: day(-70), institution: 'DSHMS' });
	assert.equal(p.status, 201, p.text);
	const plan = p.json();
	const o = await admin.s.post(`/action-plans/${plan.id}/objectives`, { title: 'Foster care' });
	assert.equal(o.status, 303, o.text.slice(0, 300));
	const objective = (await admin.api.get(`/api/v1/action-plans/${plan.id}`)).json().objectives[0].id;
	const i = await admin.s.post(`/action-plans/${plan.id}/indicators`, { objective, name: 'Children in foster care',
		unit: 'children', baseline: '10', target: '30', direction: 'up' });
	assert.equal(i.status, 303, i.text.slice(0, 300));
	const indicator = (await admin.api.get(`/api/v1/action-plans/${plan.id}`)).json().objectives[0]
		.indicators[0].id;
	return { plan, objective, indicator };
}

/* A donor user of donor donorId, made by the sysadmin (the API), with the
 * password changed: logged in on the web and with an API token. */
export async function donorUser(donorId) {
	const username = L.uniq('donor');
	const password = 'Pw-' + L.uniq('p') + '-x';
	const r = await (await L.adminApi()).post('/api/v1/users', { username, full_name: 'Donor ' + username, password,
		role: 'donor', donor: donorId });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json().role, 'donor');
	const pw = 'Pw-' + L.uniq('q') + '-y';
	await L.changePassword(await L.login(username, password), password, pw);
	return { id: r.json().id, username, password: pw, s: await L.login(username, pw),
		api: await L.Api.as(username, pw) };
}

/* A project of the administrator's municipality's country for donor
 * donorId (or none), with grants linked: its id. */
export async function makeProject(admin, donorId, grants = []) {
	const r = await admin.s.post('/reports/projects', { country: 'XK', name: L.uniq('Project '),
		donor: donorId ? String(donorId) : '', start: day(-300), end: day(300) });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const id = Number(r.location.split('/').pop());
	for (const g of grants) {
		const l = await admin.s.post(`/reports/projects/${id}/grants`, { grant: String(g) });
		assert.equal(l.status, 303, l.text.slice(0, 300));
	}
	return id;
}

let fixture = null;
export function grantFixture() {
	fixture ??= (async () => {
		const admin = await muniAdmin();
		const g = await grantee();
		const { donor, grant } = await makeGrant(admin, g.agency);
		const p = await makePlan(admin);
		const donorU = await donorUser(donor.id);
		const project = await makeProject(admin, donor.id, [grant.id]);
		return { admin, ...g, donor, grant, ...p, donorU, project };
	})();
	return fixture;
}
const FIX = await grantFixture();

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text, fx } = ctx;
	const req = (f) => ({ ...f, required: true });
	const F = {
		donor: {
			name: line(1, 200, true), kind: oneOf(DONOR_KINDS, true), country: line(0, 60),
			programme: line(1, 200, true), start: req(date()), end: req(date()),
		},
		list: { donor: id(), grantee: id(), municipality: id(), active_on: date() },
		create: {
			donor: id(true), grantee: id(true), number: line(1, 40, true), title: line(1, 200, true),
			amount: line(1, 40, true), start: req(date()), end: req(date()), status: oneOf(STATUSES),
			municipality_1: id(), municipality_2: id(), municipality_3: id(),
			service_1: line(0, 40), service_2: line(0, 40), service_3: line(0, 40), service_4: line(0, 40),
			service_5: line(0, 40), report_1: date(), report_2: date(), report_3: date(), report_4: date(),
		},
		apiCreate: {
			donor: id(true), grantee: id(true), number: line(1, 40, true), title: line(1, 200, true),
			amount: line(1, 40, true), start: req(date()), end: req(date()), status: oneOf(STATUSES),
			municipalities: line(1, 400, true), services: line(1, 400, true), reports: line(0, 400),
		},
		reportDate: { date: req(date()) },
		apiBeneficiary: { code: line(1, 40, true), kind: oneOf(['child', 'adult'], true), sex: oneOf(['f', 'm', 'u'], true),
			age_band: oneOf(BANDS), birth_year: int(1900, 2200), categories: line(0, 200) },
		status: { status: oneOf(STATUSES, true), reason: text(1, 2000, true), version: int(1, INT64_MAX, true) },
		beneficiary: {
			code: line(1, 40, true), kind: oneOf(KINDS, true), sex: oneOf(SEXES, true), age_band: oneOf(BANDS),
			birth_year: int(1900, 2200), ...Object.fromEntries(CATEGORIES.map((c) => ['category_' + c, bool()])),
		},
		delivery: { date: req(date()), service: line(1, 40, true), beneficiary: line(1, 40, true) },
		plan: {
			municipality: id(), title: line(1, 200, true), start: req(date()), end: req(date()), adopted: date(),
			institution: line(1, 200, true),
		},
		objective: { title: line(1, 200, true) },
		indicator: {
			objective: id(true), name: line(1, 200, true), unit: line(1, 40, true), baseline: line(1, 30, true),
			target: line(1, 30, true), direction: oneOf(DIRECTIONS, true),
		},
		progress: { indicator: id(true), period_end: req(date()), value: line(1, 30, true), note: text(0, 1000) },
		update: {
			version: int(1, INT64_MAX, true), title: line(1, 200, true), amount: line(1, 40, true),
			start: req(date()), end: req(date()), municipality_1: id(), municipality_2: id(), municipality_3: id(),
			service_1: line(0, 40), service_2: line(0, 40), service_3: line(0, 40), service_4: line(0, 40),
			service_5: line(0, 40),
		},
		apiUpdate: {
			version: int(1, INT64_MAX, true), title: line(1, 200, true), amount: line(1, 40, true),
			start: req(date()), end: req(date()), municipalities: line(1, 400, true), services: line(1, 400, true),
		},
		reportRemove: { reason: text(1, 2000, true) },
		donorBenef: { project: id(true) },
	};
	const admin = () => FIX.admin;
	const prov = () => FIX.user;
	const gid = FIX.grant.id;
	/* A grant per status route, so that the shared one stays active. */
	const sg = {};
	const statusGrant = async (k) => (sg[k] ??= (await makeGrant(admin(), FIX.agency)).grant.id);
	const gver = async (g) => (await admin().api.get(`/api/v1/grants/${g}`)).json().version;
	const pid = FIX.plan.id;
	const newGrant = () => ({
		donor: FIX.donor.id, grantee: FIX.agency.id, number: L.uniq('G-'), title: 'Day care',
		amount: '1000,00', start: day(-10), end: day(10), municipality_1: FIX.muni, service_1: 'day_care',
	});
	let benSeq = 0;
	const code = () => `B-${Date.now().toString(36)}-${++benSeq}`;
	const donorU = () => FIX.donorU;
	/* A grant to edit, and one whose dates are removed, per route. */
	const ug = {};
	const editGrant = async (k) => (ug[k] ??= (await makeGrant(admin(), FIX.agency)).grant.id);
	const editBody = async (g, api) => ({
		version: await gver(g), title: 'Shelter, day care and outreach', amount: '2.800.000,00', start: day(-100),
		end: day(250), ...(api ? { municipalities: String(FIX.muni), services: 'shelter,day_care,foster_care' } :
			{ municipality_1: FIX.muni, service_1: 'shelter', service_2: 'day_care', service_3: 'foster_care' }),
	});
	/* The id of an open reporting date of grant g (one is added when none). */
	const openDate = async (g) => {
		let j = (await admin().api.get(`/api/v1/grants/${g}`)).json();
		if (!j.reports.some((x) => !x.reported_at)) {
			await admin().api.post(`/api/v1/grants/${g}/reporting-dates`, { date: day(20 + (++benSeq % 150)) });
			j = (await admin().api.get(`/api/v1/grants/${g}`)).json();
		}
		return j.reports.find((x) => !x.reported_at).id;
	};

	return {
		donors: {
			as: admin,
			async happy() {
				const r = await admin().s.get('/donors');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/donors/${FIX.donor.id}"`));
				assert.ok(r.text.includes('action="/donors"'), 'the writer sees the form');
				const sup = await fx.byRole.supe.s.get('/donors');
				assert.equal(sup.status, 200);
				assert.ok(!sup.text.includes('action="/donors"'), 'a reader does not');
			},
		},
		'donors.create': {
			fields: F.donor, as: admin,
			valid: { name: 'D', kind: 'other', programme: 'P', start: day(-1), end: day(1) },
			good() { return { name: L.uniq('D'), kind: 'other', programme: 'P', start: day(-1), end: day(1) }; },
			async happy() {
				const name = L.uniq('Donor ');
				const r = await admin().s.post('/donors', { name, kind: 'foundation', programme: 'P',
					start: day(-1), end: day(1) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/donors\/\d+$/);
				const bad = await admin().s.post('/donors', { name, kind: 'foundation', programme: 'Q',
					start: day(1), end: day(-1) });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'grant.err.end_before'));
			},
		},
		'donors.view': {
			as: admin, path: () => `/donors/${FIX.donor.id}`,
			async happy() {
				const r = await admin().s.get(`/donors/${FIX.donor.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/grants/${gid}"`));
				assert.equal((await admin().s.get('/donors/99999999')).status, 404);
			},
		},
		grants: {
			fields: F.list, valid: {}, as: admin,
			async happy() {
				const r = await admin().s.get('/grants?active_on=' + day(0));
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/grants/${gid}"`));
				const none = await admin().s.get('/grants?active_on=' + day(300));
				assert.ok(!none.text.includes(`href="/grants/${gid}"`));
			},
		},
		'grants.create': {
			fields: F.create, as: admin, valid: { donor: 1, grantee: 1, number: 'N', title: 'T', amount: '1',
				start: day(-1), end: day(1) },
			good: newGrant,
			async happy() {
				const r = await admin().s.post('/grants', newGrant());
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/grants\/\d+$/);
				const bad = await admin().s.post('/grants', { ...newGrant(), amount: '12,345' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'grant.err.amount_ambiguous'));
			},
		},
		'grants.view': {
			as: admin, path: () => `/grants/${gid}`,
			async happy() {
				const r = await admin().s.get(`/grants/${gid}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(L.htmlEscape(FIX.grant.number)));
				assert.equal((await admin().s.get('/grants/99999999')).status, 404);
			},
		},
		'grants.report_date': {
			fields: F.reportDate, as: admin, path: () => `/grants/${gid}/reporting-dates`,
			valid: { date: day(50) },
			good() { return { date: day(40 + (++benSeq % 100)) }; },
			async happy() {
				const r = await admin().s.post(`/grants/${gid}/reporting-dates`, { date: day(150) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const out = await admin().s.post(`/grants/${gid}/reporting-dates`, { date: day(250) });
				assert.equal(out.status, 400);
				assert.ok(L.pageSays(out.text, 'grant.err.report_outside'));
			},
		},
		'grants.status': {
			fields: F.status, as: admin, path: () => `/grants/${sg.web || 99999999}/status`,
			valid: { status: 'suspended', reason: 'x', version: 1 },
			async good() {
				const g = await statusGrant('web');
				return { status: 'suspended', reason: 'Never saved', version: await gver(g) };
			},
			async happy() {
				const g = await statusGrant('web');
				const page = await admin().s.get(`/grants/${g}`);
				assert.ok(page.text.includes(`action="/grants/${g}/status"`));
				const v = await gver(g);
				const same = await admin().s.post(`/grants/${g}/status`, { status: 'active', reason: 'x', version: v });
				assert.equal(same.status, 400);
				assert.ok(L.pageSays(same.text, 'grant.err.transition'));
				const stale = await admin().s.post(`/grants/${g}/status`, { status: 'suspended', reason: 'x', version: v + 1 });
				assert.equal(stale.status, 409);
				const r = await admin().s.post(`/grants/${g}/status`, { status: 'suspended', reason: 'Auditim', version: v });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/grants/${g}`);
				assert.equal((await admin().api.get(`/api/v1/grants/${g}`)).json().status, 'suspended');
			},
		},
		'api.grants.status': {
			fields: F.status, as: admin, path: () => `/api/v1/grants/${sg.api || 99999999}/status`,
			valid: { status: 'suspended', reason: 'x', version: 1 },
			async good() {
				const g = await statusGrant('api');
				return { status: 'closed', reason: 'Never saved', version: await gver(g) };
			},
			async happy() {
				const g = await statusGrant('api');
				const r = await admin().api.post(`/api/v1/grants/${g}/status`, { status: 'closed', reason: 'Mbaroi',
					version: await gver(g) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'closed');
				const again = await admin().api.post(`/api/v1/grants/${g}/status`, { status: 'active', reason: 'x',
					version: r.json().version });
				assert.equal(again.status, 400);
				assert.equal(again.json().field, 'status');
				assert.equal((await prov().api.post(`/api/v1/grants/${g}/status`, { status: 'active', reason: 'x',
					version: 1 })).status, 403);
			},
		},
		my_grants: {
			as: prov,
			async happy() {
				const r = await prov().s.get('/my-grants');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/my-grants/${gid}"`));
			},
		},
		'my_grants.view': {
			as: prov, path: () => `/my-grants/${gid}`,
			async happy() {
				const r = await prov().s.get(`/my-grants/${gid}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="/my-grants/${gid}/deliveries"`));
				assert.equal((await prov().s.get('/my-grants/99999999')).status, 404);
			},
		},
		'my_grants.beneficiary': {
			fields: F.beneficiary, as: prov, path: () => `/my-grants/${gid}/beneficiaries`,
			valid: { code: 'B-1', kind: 'child', sex: 'f', age_band: '6_11' },
			good() { return { code: code(), kind: 'child', sex: 'f', age_band: '6_11' }; },
			async happy() {
				const r = await prov().s.post(`/my-grants/${gid}/beneficiaries`, { code: code(), kind: 'adult',
					sex: 'm', age_band: '65_plus', category_elderly: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const name = await prov().s.post(`/my-grants/${gid}/beneficiaries`, { code: 'Arben Kelmendi',
					kind: 'child', sex: 'm', age_band: '6_11' });
				assert.equal(name.status, 400);
				assert.ok(L.pageSays(name.text, 'grant.err.code'));
			},
		},
		'my_grants.delivery': {
			fields: F.delivery, as: prov, path: () => `/my-grants/${gid}/deliveries`,
			valid: { date: day(0), service: 'shelter', beneficiary: 'B-1' },
			async good() {
				const c = code();
				const b = await FIX.helper.s.post(`/my-grants/${gid}/beneficiaries`, { code: c, kind: 'child', sex: 'f',
					age_band: '0_5' });
				assert.equal(b.status, 303, b.text.slice(0, 300));
				return { date: day(0), service: 'shelter', beneficiary: c };
			},
			async happy() {
				const c = code();
				await prov().s.post(`/my-grants/${gid}/beneficiaries`, { code: c, kind: 'child', sex: 'f',
					age_band: '0_5', category_at_risk: 1 });
				const r = await prov().s.post(`/my-grants/${gid}/deliveries`, { date: day(0), service: 'shelter',
					beneficiary: c });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const nf = await prov().s.post(`/my-grants/${gid}/deliveries`, { date: day(0),
					service: 'foster_care', beneficiary: c });
				assert.equal(nf.status, 400);
				assert.ok(L.pageSays(nf.text, 'grant.err.not_funded'));
			},
		},
		'my_grants.report': {
			as: prov, path: () => `/my-grants/${gid}/reports/99999999`,
			async good() { return {}; },
			async happy() {
				const j = (await prov().api.get(`/api/v1/my-grants/${gid}`)).json();
				const due = j.reports.find((x) => !x.reported_at);
				const r = await prov().s.post(`/my-grants/${gid}/reports/${due.id}`, {});
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const twice = await prov().s.post(`/my-grants/${gid}/reports/${due.id}`, {});
				assert.equal(twice.status, 409);
			},
		},
		action_plans: {
			as: admin,
			async happy() {
				const r = await admin().s.get('/action-plans');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/action-plans/${pid}"`));
			},
		},
		'action_plans.create': {
			fields: F.plan, as: admin, valid: { title: 'P', start: day(-1), end: day(1), institution: 'I' },
			good() { return { title: L.uniq('P'), start: day(-1), end: day(1), institution: 'I' }; },
			async happy() {
				const r = await admin().s.post('/action-plans', { title: L.uniq('Plan '), start: day(-1),
					end: day(365), institution: 'DSHMS' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/action-plans\/\d+$/);
			},
		},
		'action_plans.view': {
			as: admin, path: () => `/action-plans/${pid}`,
			async happy() {
				const r = await admin().s.get(`/action-plans/${pid}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('Children in foster care'));
				assert.equal((await admin().s.get('/action-plans/99999999')).status, 404);
			},
		},
		'action_plans.objective': {
			fields: F.objective, as: admin, path: () => `/action-plans/${pid}/objectives`,
			valid: { title: 'O' },
			good() { return { title: L.uniq('O') }; },
			async happy() {
				const r = await admin().s.post(`/action-plans/${pid}/objectives`, { title: L.uniq('Objective ') });
				assert.equal(r.status, 303, r.text.slice(0, 400));
			},
		},
		'action_plans.indicator': {
			fields: F.indicator, as: admin, path: () => `/action-plans/${pid}/indicators`,
			valid: { objective: 1, name: 'I', unit: 'u', baseline: '1', target: '2', direction: 'up' },
			good() {
				return { objective: FIX.objective, name: L.uniq('I'), unit: 'u', baseline: '1', target: '2',
					direction: 'up' };
			},
			async happy() {
				const bad = await admin().s.post(`/action-plans/${pid}/indicators`, { objective: FIX.objective,
					name: L.uniq('I'), unit: 'u', baseline: '5', target: '2', direction: 'up' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'ap.err.target_up'));
			},
		},
		'action_plans.progress': {
			fields: F.progress, as: admin, path: () => `/action-plans/${pid}/progress`,
			valid: { indicator: 1, period_end: day(-1), value: '1' },
			good() { return { indicator: FIX.indicator, period_end: day(-(++benSeq % 50)), value: '12' }; },
			async happy() {
				const early = await admin().s.post(`/action-plans/${pid}/progress`, { indicator: FIX.indicator,
					period_end: day(-61), value: '12' });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'ap.err.before_start'));
				const r = await admin().s.post(`/action-plans/${pid}/progress`, { indicator: FIX.indicator,
					period_end: day(0), value: '20' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const page = await admin().s.get(`/action-plans/${pid}`);
				assert.match(page.text, /<progress max="100" value="50"/);
			},
		},
		'api.donors': {
			as: admin,
			async happy() {
				const r = await admin().api.get('/api/v1/donors');
				assert.equal(r.status, 200);
				assert.ok(r.json().donors.some((d) => d.id === FIX.donor.id));
			},
		},
		'api.donors.create': {
			fields: F.donor, as: admin,
			valid: { name: 'D', kind: 'other', programme: 'P', start: day(-1), end: day(1) },
			good() { return { name: L.uniq('D'), kind: 'other', programme: 'P', start: day(-1), end: day(1) }; },
			async happy() {
				const r = await admin().api.post('/api/v1/donors', { name: L.uniq('D'), kind: 'government',
					programme: 'P', start: day(-1), end: day(1) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().kind, 'government');
			},
		},
		'api.grants': {
			fields: F.list, valid: {}, as: admin,
			async happy() {
				const r = await admin().api.get(`/api/v1/grants?donor=${FIX.donor.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.json().grants.some((g) => g.id === gid));
				assert.ok(r.json().grants.every((g) => g.donor_id === FIX.donor.id));
			},
		},
		'api.grants.create': {
			fields: F.apiCreate, as: admin,
			valid: { donor: 1, grantee: 1, number: 'N', title: 'T', amount: '1', start: day(-1), end: day(1),
				municipalities: '1', services: 'shelter' },
			good() {
				return { donor: FIX.donor.id, grantee: FIX.agency.id, number: L.uniq('G-'), title: 'T',
					amount: '1.000,00', start: day(-1), end: day(1), municipalities: String(FIX.muni),
					services: 'shelter' };
			},
			async happy() {
				const r = await admin().api.post('/api/v1/grants', { donor: FIX.donor.id, grantee: FIX.agency.id,
					number: L.uniq('G-'), title: 'T', amount: '2700000.00', start: day(-1), end: day(1),
					municipalities: String(FIX.muni), services: 'shelter' });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().amount_cents, 270000000);
				const out = await admin().api.post('/api/v1/grants', { donor: FIX.donor.id,
					grantee: FIX.agency.id, number: L.uniq('G-'), title: 'T', amount: '1', start: day(-500),
					end: day(1), municipalities: String(FIX.muni), services: 'shelter' });
				assert.equal(out.status, 400);
				assert.equal(out.json().field, 'start');
			},
		},
		'api.grants.get': {
			as: admin, path: () => `/api/v1/grants/${gid}`,
			async happy() {
				const r = await admin().api.get(`/api/v1/grants/${gid}`);
				assert.equal(r.status, 200);
				const j = r.json();
				assert.equal(j.amount_cents, 270000000);
				assert.ok('by_category' in j && 'served' in j);
				assert.equal((await admin().api.get('/api/v1/grants/99999999')).status, 404);
			},
		},
		'api.my_grants.get': {
			as: prov, path: () => `/api/v1/my-grants/${gid}`,
			async happy() {
				const r = await prov().api.get(`/api/v1/my-grants/${gid}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().id, gid);
			},
		},
		'api.my_grants.beneficiary': {
			fields: F.apiBeneficiary, as: prov, path: () => `/api/v1/my-grants/${gid}/beneficiaries`,
			valid: { code: 'B-1', kind: 'child', sex: 'f', age_band: '6_11' },
			good() { return { code: code(), kind: 'child', sex: 'f', age_band: '6_11' }; },
			async happy() {
				const r = await prov().api.post(`/api/v1/my-grants/${gid}/beneficiaries`, { code: code(), kind: 'adult',
					sex: 'f', age_band: '18_64', categories: 'domestic_violence,at_risk' });
				assert.equal(r.status, 201, r.text);
				assert.ok(r.json().id > 0);
				const name = await prov().api.post(`/api/v1/my-grants/${gid}/beneficiaries`, { code: 'Arben Kelmendi',
					kind: 'child', sex: 'm', age_band: '6_11' });
				assert.equal(name.status, 400);
				assert.equal(name.json().field, 'code');
				const cat = await prov().api.post(`/api/v1/my-grants/${gid}/beneficiaries`, { code: code(),
					kind: 'child', sex: 'm', age_band: '6_11', categories: 'bogus' });
				assert.equal(cat.status, 400);
				assert.equal((await admin().api.post(`/api/v1/my-grants/${gid}/beneficiaries`, { code: code(),
					kind: 'child', sex: 'm', age_band: '6_11' })).status, 403);
			},
		},
		'api.my_grants.report': {
			as: prov, path: () => `/api/v1/my-grants/${gid}/reports/99999999`,
			async good() { return {}; },
			async happy() {
				const g = await statusGrant('report');
				const j = (await prov().api.get(`/api/v1/my-grants/${g}`)).json();
				const due = j.reports.find((x) => !x.reported_at);
				const r = await prov().api.post(`/api/v1/my-grants/${g}/reports/${due.id}`, {});
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().reports.find((x) => x.id === due.id).reported_at > 0);
				const twice = await prov().api.post(`/api/v1/my-grants/${g}/reports/${due.id}`, {});
				assert.equal(twice.status, 409);
			},
		},
		'api.my_grants.delivery': {
			fields: F.delivery, as: prov, path: () => `/api/v1/my-grants/${gid}/deliveries`,
			valid: { date: day(0), service: 'shelter', beneficiary: 'B-1' },
			async good() {
				const c = code();
				await FIX.helper.s.post(`/my-grants/${gid}/beneficiaries`, { code: c, kind: 'adult', sex: 'f',
					age_band: '18_64' });
				return { date: day(0), service: 'day_care', beneficiary: c };
			},
			async happy() {
				const c = code();
				await prov().s.post(`/my-grants/${gid}/beneficiaries`, { code: c, kind: 'adult', sex: 'f',
					age_band: '18_64', category_domestic_violence: 1 });
				const before = (await prov().api.get(`/api/v1/my-grants/${gid}`)).json().served.people;
				for (const d of [0, -1])
					assert.equal((await prov().api.post(`/api/v1/my-grants/${gid}/deliveries`, { date: day(d),
						service: 'day_care', beneficiary: c })).status, 201);
				const j = (await prov().api.get(`/api/v1/my-grants/${gid}`)).json();
				assert.equal(j.served.people, before + 1, 'one person served twice counts once');
			},
		},
		'api.action_plans': {
			as: admin,
			async happy() {
				const r = await admin().api.get('/api/v1/action-plans');
				assert.equal(r.status, 200);
				assert.ok(r.json().action_plans.some((p) => p.id === pid));
			},
		},
		'api.action_plans.create': {
			fields: F.plan, as: admin, valid: { title: 'P', start: day(-1), end: day(1), institution: 'I' },
			good() { return { title: L.uniq('P'), start: day(-1), end: day(1), institution: 'I' }; },
			async happy() {
				const r = await admin().api.post('/api/v1/action-plans', { title: L.uniq('P'), start: day(-1),
					end: day(1), institution: 'I' });
				assert.equal(r.status, 201, r.text);
			},
		},
		'api.action_plans.get': {
			as: admin, path: () => `/api/v1/action-plans/${pid}`,
			async happy() {
				const r = await admin().api.get(`/api/v1/action-plans/${pid}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().objectives[0].indicators[0].id, FIX.indicator);
			},
		},
		'api.action_plans.progress': {
			fields: F.progress, as: admin, path: () => `/api/v1/action-plans/${pid}/progress`,
			valid: { indicator: 1, period_end: day(-1), value: '1' },
			good() { return { indicator: FIX.indicator, period_end: day(-(++benSeq % 50) - 1), value: '12' }; },
			async happy() {
				const r = await admin().api.post(`/api/v1/action-plans/${pid}/progress`, {
					indicator: FIX.indicator, period_end: day(-55), value: '15,5' });
				assert.equal(r.status, 201, r.text);
				const ind = r.json().objectives[0].indicators[0];
				assert.ok(ind.progress.some((p) => p.value === 1550));
			},
		},
		'grants.update': {
			fields: F.update, as: admin, path: () => `/grants/${ug.web || 99999999}`,
			valid: { version: 1, title: 'T', amount: '1', start: day(-1), end: day(1) },
			async good() { return editBody(await editGrant('web'), false); },
			async happy() {
				const g = await editGrant('web');
				const page = await admin().s.get(`/grants/${g}`);
				assert.ok(page.text.includes(`action="/grants/${g}"`), 'the writer sees the edit form');
				const body = await editBody(g, false);
				const out = await admin().s.post(`/grants/${g}`, { ...body, start: day(-500) });
				assert.equal(out.status, 400);
				assert.ok(L.pageSays(out.text, 'grant.err.outside_programme'));
				const stale = await admin().s.post(`/grants/${g}`, { ...body, version: body.version + 1 });
				assert.equal(stale.status, 409);
				const r = await admin().s.post(`/grants/${g}`, body);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/grants/${g}`);
				const j = (await admin().api.get(`/api/v1/grants/${g}`)).json();
				assert.equal(j.amount_cents, 280000000);
				assert.equal(j.version, body.version + 1);
				assert.deepEqual(j.services, ['day_care', 'foster_care', 'shelter']);
			},
		},
		'grants.report_date_remove': {
			fields: F.reportRemove, as: admin,
			path: () => `/grants/${ug.rmweb || 99999999}/reporting-dates/${ug.rmwebDate || 99999999}/remove`,
			valid: { reason: 'x' },
			async good() {
				const g = ug.rmweb ??= (await makeGrant(admin(), FIX.agency)).grant.id;
				ug.rmwebDate = await openDate(g);
				return { reason: 'Never removed' };
			},
			async happy() {
				const g = ug.rmweb ??= (await makeGrant(admin(), FIX.agency)).grant.id;
				const rid = await openDate(g);
				const none = await admin().s.post(`/grants/${g}/reporting-dates/${rid}/remove`, { reason: ' ' });
				assert.equal(none.status, 400);
				const r = await admin().s.post(`/grants/${g}/reporting-dates/${rid}/remove`, { reason: 'Dyfishtë' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.ok(!(await admin().api.get(`/api/v1/grants/${g}`)).json().reports.some((x) => x.id === rid));
				assert.equal((await admin().s.post(`/grants/${g}/reporting-dates/${rid}/remove`,
					{ reason: 'Sërish' })).status, 404);
			},
		},
		donor: {
			as: donorU,
			async happy() {
				const r = await donorU().s.get('/donor');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/donor/grants/${gid}"`));
				assert.ok(r.text.includes(`href="/donor/projects/${FIX.project}"`));
				assert.ok(r.text.includes('<svg'), 'the charts');
			},
		},
		'donor.grant': {
			as: donorU, path: () => `/donor/grants/${gid}`,
			async happy() {
				const r = await donorU().s.get(`/donor/grants/${gid}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(L.htmlEscape(FIX.grant.number)));
				assert.equal((await donorU().s.get('/donor/grants/99999999')).status, 404);
			},
		},
		'donor.project': {
			as: donorU, path: () => `/donor/projects/${FIX.project}`,
			async happy() {
				const r = await donorU().s.get(`/donor/projects/${FIX.project}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('rpt-summary'));
				assert.equal((await donorU().s.get('/donor/projects/99999999')).status, 404);
			},
		},
		'api.grants.update': {
			fields: F.apiUpdate, as: admin, path: () => `/api/v1/grants/${ug.api || 99999999}`,
			valid: { version: 1, title: 'T', amount: '1', start: day(-1), end: day(1), municipalities: '1',
				services: 'shelter' },
			async good() { return editBody(await editGrant('api'), true); },
			async happy() {
				const g = await editGrant('api');
				const body = await editBody(g, true);
				const bad = await admin().api.post(`/api/v1/grants/${g}`, { ...body, amount: '12,345' });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'amount');
				const r = await admin().api.post(`/api/v1/grants/${g}`, body);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().version, body.version + 1);
				assert.equal(r.json().title, 'Shelter, day care and outreach');
				assert.equal((await admin().api.post(`/api/v1/grants/${g}`, body)).status, 409);
			},
		},
		'api.grants.report_date': {
			fields: F.reportDate, as: admin, path: () => `/api/v1/grants/${gid}/reporting-dates`,
			valid: { date: day(50) },
			good() { return { date: day(40 + (++benSeq % 100)) }; },
			async happy() {
				const r = await admin().api.post(`/api/v1/grants/${gid}/reporting-dates`, { date: day(170) });
				assert.equal(r.status, 201, r.text);
				assert.ok(r.json().reports.some((x) => x.due === day(170)));
				const out = await admin().api.post(`/api/v1/grants/${gid}/reporting-dates`, { date: day(250) });
				assert.equal(out.status, 400);
				assert.equal(out.json().field, 'date');
			},
		},
		'api.grants.report_date_remove': {
			fields: F.reportRemove, as: admin,
			path: () => `/api/v1/grants/${ug.rmapi || 99999999}/reporting-dates/${ug.rmapiDate || 99999999}/remove`,
			valid: { reason: 'x' },
			async good() {
				const g = ug.rmapi ??= (await makeGrant(admin(), FIX.agency)).grant.id;
				ug.rmapiDate = await openDate(g);
				return { reason: 'Never removed' };
			},
			async happy() {
				const g = ug.rmapi ??= (await makeGrant(admin(), FIX.agency)).grant.id;
				const rid = await openDate(g);
				const r = await admin().api.post(`/api/v1/grants/${g}/reporting-dates/${rid}/remove`,
					{ reason: 'Dyfishtë' });
				assert.equal(r.status, 200, r.text);
				assert.ok(!r.json().reports.some((x) => x.id === rid));
				assert.equal((await prov().api.post(`/api/v1/grants/${g}/reporting-dates/${rid}/remove`,
					{ reason: 'x' })).status, 403);
			},
		},
		'api.donor.grants': {
			as: donorU,
			async happy() {
				const r = await donorU().api.get('/api/v1/donor/grants');
				assert.equal(r.status, 200);
				const g = r.json().grants;
				assert.ok(g.some((x) => x.id === gid));
				assert.ok(g.every((x) => x.donor_id === FIX.donor.id));
			},
		},
		'api.donor.grant': {
			as: donorU, path: () => `/api/v1/donor/grants/${gid}`,
			async happy() {
				const r = await donorU().api.get(`/api/v1/donor/grants/${gid}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().id, gid);
				assert.equal((await donorU().api.get('/api/v1/donor/grants/99999999')).status, 404);
			},
		},
		'api.donor.beneficiaries': {
			fields: F.donorBenef, as: donorU, path: () => '/api/v1/donor/beneficiaries',
			valid: { project: 1 },
			async happy() {
				const r = await donorU().api.get(`/api/v1/donor/beneficiaries?project=${FIX.project}`);
				assert.equal(r.status, 200, r.text);
				assert.equal((await donorU().api.get('/api/v1/donor/beneficiaries?project=99999999')).status, 404);
			},
		},
	};
}
