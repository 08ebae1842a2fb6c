// routes_report.spec.mjs — the report routes' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): donor projects
// and their beneficiary reports, dashboards, exports of a report table and
// the encrypted export of the case list, on the web and in the API. The
// fixture (made when the module loads) is a project of the municipal
// administrator of Hani i Elezit with the grant fixture's grant linked and
// a training programme; report.test.mjs and tests/unit/test_report.c hold
// the deeper rules.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { muniAdmin } from './routes_community.spec.mjs';
import { grantFixture } from './routes_grant.spec.mjs';
import { sql } from './routes_cases.spec.mjs';
import { SERVICES as PV_SERVICES, STATUSES as PV_STATUSES } from './routes_provider.spec.mjs';

export const COUNTRIES = ['XK', 'AL'];
export const FORMATS = ['csv', 'xlsx', 'pdf'];
export const PERSONAL_FORMATS = ['csv', 'xlsx'];
export const TARGET_KINDS = ['children', 'child_category', 'professionals', 'profile', 'organisations', 'amount'];
export const TABLES = ['children', 'professionals', 'grants'];
export const STATUSES = ['registered', 'screened', 'assessment', 'conference', 'plan_active', 'review', 'closed',
	'transferred'];
export const RISKS = ['low', 'medium', 'high', 'none'];

/* A training programme of Kosovo made with SQL (the training routes are
 * another domain's): its id. */
export function makeProgramme(by) {
	const n = L.uniq('A-');
	return Number(sql(`INSERT INTO training_programme (country, title, acc_body, body_key, acc_number,
		valid_from, valid_until, hours, created_by, created_at) VALUES ('XK', 'Case management', 'Agency',
		'agency', '${n}', '2020-01-01', '2030-01-01', 20, ${by}, 0) RETURNING id;`));
}

/* A project of the administrator: its id. */
export async function makeProject(admin, name = L.uniq('Safe Network ')) {
	const r = await admin.s.post('/reports/projects', { name, country: 'XK', start: '01.01.2020',
		end: '31.12.2030' });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	return Number(r.location.split('/').pop());
}

let fixture = null;
export function reportFixture() {
	fixture ??= (async () => {
		const admin = await muniAdmin();
		const g = await grantFixture();
		const project = await makeProject(admin);
		const l = await admin.s.post(`/reports/projects/${project}/grants`, { grant: g.grant.id });
		assert.equal(l.status, 303, l.text.slice(0, 300));
		return { admin, grant: g.grant, project, programme: makeProgramme(admin.id) };
	})();
	return fixture;
}
const FIX = await reportFixture();

export function specs(ctx) {
	const { line, pw, id, oneOf, date, fx } = ctx;
	const req = (f) => ({ ...f, required: true });
	const F = {
		create: { name: line(1, 160, true), country: oneOf(COUNTRIES, true), donor: line(0, 18),
			start: req(date()), end: req(date()) },
		target: { kind: oneOf(TARGET_KINDS, true), key: line(0, 40), target: line(1, 20, true) },
		grant: { grant: id(true) },
		programme: { programme: id(true) },
		exp: { table: oneOf(TABLES, true), format: oneOf(FORMATS, true) },
		dash: { from: date(), to: date() },
		dashExp: { code: line(1, 32, true), by: line(0, 32), municipality: line(0, 16), from: date(), to: date(),
			format: oneOf(FORMATS, true) },
		casesForm: { status: oneOf(STATUSES), risk: oneOf(RISKS) },
		cases: { status: oneOf(STATUSES), risk: oneOf(RISKS), format: oneOf(PERSONAL_FORMATS, true), password: pw() },
		benef: { project: id(true) },
		providers: { service: oneOf(PV_SERVICES), status: oneOf(PV_STATUSES), municipality: id(),
			format: oneOf(PERSONAL_FORMATS, true) },
	};
	const admin = () => FIX.admin;
	const sup = () => fx.byRole.supe;
	const p = FIX.project;
	const newProject = () => ({ name: L.uniq('P '), country: 'XK', start: '01.01.2020', end: '31.12.2021' });

	return {
		reports: {
			as: admin,
			async happy() {
				const r = await admin().s.get('/reports');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/reports/projects/${p}"`));
				assert.ok(r.text.includes('action="/reports/projects"'), 'the form for who may write');
				const cw = await fx.byRole.case.s.get('/reports');
				assert.equal(cw.status, 200);
				assert.ok(!cw.text.includes('action="/reports/projects"'), 'no form for a caseworker');
			},
		},
		'reports.project.create': {
			fields: F.create, as: admin, valid: newProject(), good: newProject,
			async happy() {
				const r = await admin().s.post('/reports/projects', newProject());
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/reports\/projects\/\d+$/);
				const bad = await admin().s.post('/reports/projects', { ...newProject(), start: '01.01.2022' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'rpt.err.end_before'));
				const al = await admin().s.post('/reports/projects', { ...newProject(), country: 'AL' });
				assert.equal(al.status, 400);
				assert.ok(L.pageSays(al.text, 'rpt.err.country'));
			},
		},
		'reports.project': {
			as: admin, path: () => `/reports/projects/${p}`,
			async happy() {
				const r = await admin().s.get(`/reports/projects/${p}`);
				assert.equal(r.status, 200);
				assert.match(r.text, /<svg [^>]*role="img"/);
				assert.ok(r.text.includes(`/reports/projects/${p}/export?table=children&amp;format=csv`));
				assert.equal((await admin().s.get('/reports/projects/99999999')).status, 404);
				assert.equal((await admin().s.get('/reports/projects/abc')).status, 404);
			},
		},
		'reports.project.target': {
			fields: F.target, as: admin, path: () => `/reports/projects/${p}/targets`,
			valid: { kind: 'children', target: '5' }, good: () => ({ kind: 'children', target: '6080' }),
			async happy() {
				const r = await admin().s.post(`/reports/projects/${p}/targets`, { kind: 'children', target: '6080' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(sql(`SELECT target FROM project_target WHERE project_id = ${p} AND kind = 'children'`),
					'6080');
				const bad = await admin().s.post(`/reports/projects/${p}/targets`, { kind: 'children', key: 'x',
					target: '5' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'rpt.err.key_none'));
				const neg = await admin().s.post(`/reports/projects/${p}/targets`, { kind: 'children', target: '-5' });
				assert.equal(neg.status, 400);
				assert.ok(L.pageSays(neg.text, 'rpt.err.target'));
			},
		},
		'reports.project.grant': {
			fields: F.grant, as: admin, path: () => `/reports/projects/${p}/grants`,
			valid: { grant: 99999999 }, async good() { return { grant: FIX.grant.id }; },
			async happy() {
				const np = await makeProject(admin());
				const r = await admin().s.post(`/reports/projects/${np}/grants`, { grant: FIX.grant.id });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const again = await admin().s.post(`/reports/projects/${np}/grants`, { grant: FIX.grant.id });
				assert.equal(again.status, 409);
				assert.ok(L.pageSays(again.text, 'rpt.err.linked'));
				const none = await admin().s.post(`/reports/projects/${np}/grants`, { grant: 99999999 });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'rpt.err.unknown'));
			},
		},
		'reports.project.programme': {
			fields: F.programme, as: admin, path: () => `/reports/projects/${p}/programmes`,
			valid: { programme: 99999999 }, good: () => ({ programme: makeProgramme(FIX.admin.id) }),
			async happy() {
				const r = await admin().s.post(`/reports/projects/${p}/programmes`, { programme: FIX.programme });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const none = await admin().s.post(`/reports/projects/${p}/programmes`, { programme: 99999999 });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'rpt.err.unknown'));
			},
		},
		'reports.project.export': {
			fields: F.exp, as: admin, path: () => `/reports/projects/${p}/export`,
			valid: { table: 'children', format: 'csv' },
			async happy() {
				const r = await admin().s.get(`/reports/projects/${p}/export?table=grants&format=csv`);
				assert.equal(r.status, 200);
				assert.match(r.headers.get('content-type'), /^text\/csv/);
				assert.match(r.headers.get('content-disposition'), /attachment; filename="project-\d+-grants\.csv"/);
				assert.ok(r.text.includes(FIX.grant.number));
				const x = await admin().s.get(`/reports/projects/${p}/export?table=children&format=xlsx`);
				assert.equal(x.status, 200);
				assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
				const d = await admin().s.get(`/reports/projects/${p}/export?table=professionals&format=pdf`);
				assert.equal(d.status, 200);
				assert.equal(d.buf.subarray(0, 4).toString(), '%PDF');
				assert.equal((await admin().s.get('/reports/projects/99999999/export?table=grants&format=csv')).status,
					404);
			},
		},
		dashboard: {
			fields: F.dash, valid: {}, as: admin,
			async happy() {
				const r = await admin().s.get('/dashboard');
				assert.equal(r.status, 200);
				assert.match(r.text, /<svg [^>]*role="img"/);
				assert.ok(r.text.includes('/dashboard/export?code=new_cases'));
				const bad = await admin().s.get('/dashboard?from=2026-05-01&to=2026-01-01');
				assert.equal(bad.status, 400);
				const cw = await fx.byRole.case.s.get('/dashboard');
				assert.equal(cw.status, 200);
				assert.ok(cw.text.includes('href="/work"'), 'a caseworker is sent to my work');
			},
		},
		'dashboard.export': {
			fields: F.dashExp, as: admin, valid: { code: 'new_cases', format: 'csv' },
			async happy() {
				const r = await admin().s.get('/dashboard/export?code=new_cases&format=csv');
				assert.equal(r.status, 200);
				assert.match(r.headers.get('content-type'), /^text\/csv/);
				const bad = await admin().s.get('/dashboard/export?code=nope&format=csv');
				assert.equal(bad.status, 400);
			},
		},
		'exports.cases.form': {
			fields: F.casesForm, valid: {}, as: sup,
			async happy() {
				const r = await sup().s.get('/exports/cases');
				assert.equal(r.status, 200);
				assert.match(r.text, /<form method="post" action="\/exports\/cases"/);
				assert.match(r.text, /type="password"/);
			},
		},
		'exports.cases': {
			fields: F.cases, as: sup, valid: { format: 'csv', password: 'a long enough secret' },
			good: () => ({ format: 'csv', password: 'a long enough secret' }),
			async happy() {
				const r = await sup().s.post('/exports/cases', { format: 'csv', password: 'a long enough secret' });
				assert.equal(r.status, 200, r.text.slice(0, 300));
				assert.equal(r.headers.get('content-type'), 'application/zip');
				assert.equal(r.buf.subarray(0, 2).toString(), 'PK');
				const weak = await sup().s.post('/exports/cases', { format: 'csv', password: 'short' });
				assert.equal(weak.status, 400);
				assert.ok(L.pageSays(weak.text, 'rpt.err.password'));
			},
		},
		'exports.providers': {
			fields: F.providers, as: admin, valid: { format: 'csv' },
			async happy() {
				const r = await admin().s.get('/exports/providers?format=csv');
				assert.equal(r.status, 200, r.text.slice(0, 300));
				assert.match(r.headers.get('content-type'), /text\/csv/);
				assert.match(r.headers.get('content-disposition'), /filename="ofruesit\.csv"/);
			},
		},
		'api.reports.projects': {
			as: admin,
			async happy() {
				const r = await admin().api.get('/api/v1/reports/projects');
				assert.equal(r.status, 200);
				assert.ok(r.json().projects.some((x) => x.id === p));
			},
		},
		'api.reports.beneficiaries': {
			fields: F.benef, as: admin, valid: { project: p },
			async happy() {
				const r = await admin().api.get(`/api/v1/reports/beneficiaries?project=${p}`);
				assert.equal(r.status, 200, r.text);
				const j = r.json();
				assert.equal(j.project.id, p);
				for (const k of ['children', 'professionals', 'grants']) {
					assert.ok(Array.isArray(j[k].rows), k);
					assert.ok(j[k].total, k);
				}
				const nf = await admin().api.get('/api/v1/reports/beneficiaries?project=99999999');
				assert.equal(nf.status, 404);
			},
		},
	};
}
