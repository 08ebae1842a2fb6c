// routes_intake.spec.mjs — the intake routes' entries for routes.test.mjs (see
// its SPEC): per route name, fields, valid, good, path and happy. ctx holds
// the field constructors (line, pw, int, id, oneOf, bool, date), http,
// Session, Api, the fixture fx and the test library L. `as` names the user
// of the generic checks (a caseworker of QPS-HANI: the sysadmin has no
// intake).
import assert from 'node:assert/strict';

const CHANNELS = ['phone', 'in_person', 'email', 'letter', 'online', 'visit'];
const REFERRERS = ['police', 'school', 'health', 'social_work', 'ngo', 'family', 'self',
	'anonymous', 'other_municipality', 'community', 'systematic_visit', 'other'];
const SEXES = ['f', 'm', 'u'];
const COMMUNITIES = ['albanian', 'serb', 'bosniak', 'turkish', 'roma', 'ashkali', 'egyptian',
	'gorani', 'other', 'unknown'];
const DISABILITIES = ['none', 'yes', 'unknown'];
const SCHOOLS = ['preschool', 'enrolled', 'irregular', 'dropped_out', 'never_enrolled',
	'not_school_age', 'unknown'];
const RELATIONS = ['mother', 'father', 'grandparent', 'sibling', 'other_relative', 'foster',
	'guardian', 'other'];
const STATUSES = ['received', 'registered', 'not_admitted'];
const INT64_MAX = '9223372036854775807';

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, fx, L } = ctx;
	const text = (min, max, required = false) => ({ type: 'line', min, max, required, multiline: true });
	const common = {
		municipality: id(), received_on: date(), channel: oneOf(CHANNELS, true),
		referrer_type: oneOf(REFERRERS, true), referrer_name: line(0, 100),
		referrer_contact: line(0, 100), given_name: line(0, 100), family_name: line(0, 100),
		parent_name: line(0, 100), sex: oneOf(SEXES), birth_date: date(), age: int(0, 17),
		location: line(0, 200), narrative: { type: 'text', min: 0, max: 20000, required: false },
		immediate_danger: bool(),
	};
	const F = {
		list: { status: oneOf(STATUSES), page: int(1, 100000) },
		form: { ...common, concern_VIO_PHY: bool(), concern_VIO_PSY: bool(), concern_VIO_SEX: bool(), concern_VIO_DV: bool(), concern_VIO_PEER: bool(), concern_NEG: bool(), concern_ABN: bool(), concern_EXP_ECO: bool(), concern_EXP_SEX: bool(), concern_TRF: bool(), concern_STR: bool(), concern_CCL: bool(), concern_CCL_U14: bool(), concern_VW: bool(), concern_MAR: bool(), concern_DIS: bool(), concern_ONL: bool(), concern_EDU: bool(), concern_MIG: bool(), concern_DOC: bool(), concern_MH: bool() },
		api: { ...common, concerns: line(1, 400, true) },
		notAdmitted: { version: int(1, INT64_MAX, true),
			reason: { type: 'text', min: 1, max: 200, required: true },
			onward_referral: { type: 'text', min: 1, max: 200, required: true } },
		register: {
			version: int(1, INT64_MAX, true), child: id(), primary_concern: line(0, 16),
			given_name: line(0, 100), family_name: line(0, 100), parent_name: line(0, 100),
			sex: oneOf(SEXES), birth_date: date(), birth_estimated: bool(),
			personal_number: line(0, 20), citizenship: line(0, 100), stateless: bool(),
			community: oneOf(COMMUNITIES), language: line(0, 100), disability: oneOf(DISABILITIES),
			disability_note: line(0, 200), school_status: oneOf(SCHOOLS), address: line(0, 200),
			child_municipality: id(), admin_unit: line(0, 100), caregiver_name: line(0, 100),
			caregiver_relation: oneOf(RELATIONS), caregiver_phone: line(0, 40),
			caregiver_guardian: bool(),
		},
		match: { given_name: line(0, 100), family_name: line(0, 100), parent_name: line(0, 100),
			birth_date: date(), sex: oneOf(SEXES), municipality: id() },
	};
	const cw = () => fx.byRole.case;
	/* A report made through the API by the caseworker: its id. */
	const report = async (extra = {}) => {
		const r = await cw().api.post('/api/v1/reports', { channel: 'phone', referrer_type: 'school',
			given_name: 'Qëndrim', family_name: 'Bytyçi', parent_name: 'Agim', sex: 'm',
			birth_date: '12.03.2016', concerns: 'VIO_PHY,NEG', narrative: 'Mavijosje.', ...extra });
		assert.equal(r.status, 201, r.text);
		return r.json().id;
	};
	let rid = 1;
	const fixed = () => `/intake/${rid}`;
	return {
		intake: {
			as: cw, fields: F.list, valid: {},
			async happy() {
				const id = await report({ immediate_danger: true });
				const r = await cw().s.get('/intake');
				assert.equal(r.status, 200);
				assert.match(r.text, new RegExp(`href="/intake/${id}"`));
				const home = await cw().s.get('/');
				assert.match(home.text, /href="\/intake"/);
			},
		},
		'intake.new': {
			as: cw,
			async happy() {
				const r = await cw().s.get('/intake/new');
				assert.equal(r.status, 200);
				assert.match(r.text, /name="concern_VIO_PHY"/);
				assert.match(r.text, /<label for="narrative">/);
			},
		},
		'intake.create': {
			as: cw, fields: F.form, valid: { channel: 'phone', referrer_type: 'school', concern_NEG: '1' },
			good: () => ({ channel: 'phone', referrer_type: 'school', concern_NEG: '1' }),
			async happy() {
				const r = await cw().s.post('/intake', { channel: 'phone', referrer_type: 'police',
					given_name: 'Arta', concern_NEG: '1', concern_EDU: '1' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.match(r.location, /^\/intake\/\d+$/);
				/* No concern: 400 naming it, nothing saved. */
				const x = await cw().s.post('/intake', { channel: 'phone', referrer_type: 'police' });
				assert.equal(x.status, 400);
				assert.match(x.text, /\(concerns\)/);
				const f = await cw().s.post('/intake', { channel: 'phone', referrer_type: 'police',
					concern_NEG: '1', birth_date: '01.01.2099' });
				assert.equal(f.status, 400);
				assert.match(f.text, /\(birth_date\)/);
			},
		},
		'intake.view': {
			as: cw, path: fixed,
			async happy() {
				rid = await report();
				const r = await cw().s.get(`/intake/${rid}`);
				assert.equal(r.status, 200);
				assert.match(r.text, /action="\/intake\/\d+\/register"/);
				const other = await L.readyUser({ role: 'caseworker', agency: 'QPS-PRISHTINE' }).catch(() => null);
				if (other) {
					const s = await L.login(other.username, other.password);
					assert.equal((await s.get(`/intake/${rid}`)).status, 404);
				}
			},
		},
		'intake.not_admitted': {
			as: cw, path: () => `/intake/${rid}/not-admitted`, fields: F.notAdmitted,
			valid: { version: '1', reason: 'r', onward_referral: 'o' },
			good: () => ({ version: '1', reason: 'r', onward_referral: 'o' }),
			async happy() {
				const id = await report();
				const r = await cw().s.post(`/intake/${id}/not-admitted`, { version: '1',
					reason: 'Jo çështje mbrojtjeje', onward_referral: 'Psikologu i shkollës' });
				assert.equal(r.status, 303);
				const again = await cw().s.post(`/intake/${id}/not-admitted`, { version: '1',
					reason: 'x', onward_referral: 'y' });
				assert.equal(again.status, 409);
			},
		},
		'intake.register': {
			as: cw, path: () => `/intake/${rid}/register`, fields: F.register, valid: { version: '1' },
			good: () => ({ version: '1', primary_concern: 'NEG', given_name: 'X' }),
			async happy() {
				const id = await report();
				const none = await cw().s.post(`/intake/${id}/register`, { version: '1', given_name: 'Q' });
				assert.equal(none.status, 400);
				assert.match(none.text, /\(primary_concern\)/);
				const r = await cw().s.post(`/intake/${id}/register`, { version: '1',
					primary_concern: 'NEG', given_name: 'Qëndrim', family_name: 'Bytyçi', sex: 'm' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/cases\/\d+$/);
				const again = await cw().s.post(`/intake/${id}/register`, { version: '1',
					primary_concern: 'NEG', given_name: 'Q' });
				assert.equal(again.status, 409);
			},
		},
		'children.match': {
			as: cw, fields: F.match, valid: {},
			async happy() {
				const r = await cw().s.get('/children/match?given_name=Qendrim&family_name=Bytyci');
				assert.equal(r.status, 200);
			},
		},
		'children.view': {
			as: cw, path: () => '/children/999999',
			async happy() {
				assert.equal((await cw().s.get('/children/999999')).status, 404);
			},
		},
		'api.reports.create': {
			as: cw, fields: F.api, valid: { channel: 'phone', referrer_type: 'school', concerns: 'NEG' },
			good: () => ({ channel: 'phone', referrer_type: 'school', concerns: 'NEG' }),
			async happy() {
				assert.ok(await report() > 0);
				for (const [body, field] of [
					[{ concerns: 'BOGUS' }, 'concerns'], [{ concerns: ' ' }, 'concerns'],
					[{ received_on: '2099-01-01' }, 'received_on'], [{ personal: 1 }, 'personal'],
				]) {
					const x = await cw().api.post('/api/v1/reports', { channel: 'phone',
						referrer_type: 'school', concerns: 'NEG', ...body });
					assert.equal(x.status, 400, x.text);
					assert.equal(x.json().field, field);
				}
				/* Codes separated by spaces, many of them (regression:
				 * only commas were counted, so "A B" wrote past the list). */
				const sp = await cw().api.post('/api/v1/reports', { channel: 'phone',
					referrer_type: 'school', concerns: 'NEG VIO_PHY  EDU' });
				assert.equal(sp.status, 201, sp.text);
				const got = (await cw().api.get(`/api/v1/reports/${sp.json().id}`)).json().report.concerns;
				assert.deepEqual([...got].sort(), ['EDU', 'NEG', 'VIO_PHY']);
			},
		},
		'api.reports': {
			as: cw, fields: F.list, valid: {},
			async happy() {
				const id = await report();
				const r = await cw().api.get('/api/v1/reports');
				assert.equal(r.status, 200);
				assert.ok(r.json().reports.some((x) => x.id === id));
			},
		},
		'api.reports.get': {
			as: cw, path: () => `/api/v1/reports/${rid}`,
			async happy() {
				const id = await report();
				const r = await cw().api.get(`/api/v1/reports/${id}`);
				assert.equal(r.status, 200);
				assert.deepEqual(r.json().report.concerns, ['VIO_PHY', 'NEG']);
				assert.ok(Array.isArray(r.json().candidates));
				assert.equal((await cw().api.get('/api/v1/reports/99999999')).status, 404);
			},
		},
		'api.reports.not_admitted': {
			as: cw, path: () => `/api/v1/reports/${rid}/not-admitted`, fields: F.notAdmitted,
			valid: { version: 1, reason: 'r', onward_referral: 'o' },
			async happy() {
				const id = await report();
				const r = await cw().api.post(`/api/v1/reports/${id}/not-admitted`,
					{ version: 1, reason: 'r', onward_referral: 'o' });
				assert.equal(r.status, 200, r.text);
				const again = await cw().api.post(`/api/v1/reports/${id}/not-admitted`,
					{ version: 1, reason: 'r', onward_referral: 'o' });
				assert.equal(again.status, 409);
			},
		},
		'api.reports.register': {
			as: cw, path: () => `/api/v1/reports/${rid}/register`, fields: F.register,
			valid: { version: 1 },
			async happy() {
				const id = await report();
				const bad = await cw().api.post(`/api/v1/reports/${id}/register`,
					{ version: 1, primary_concern: 'NEG', given_name: 'Q', personal_number: '123' });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'personal_number');
				const r = await cw().api.post(`/api/v1/reports/${id}/register`,
					{ version: 1, primary_concern: 'VIO_PHY', given_name: 'Qëndrim', family_name: 'Bytyçi' });
				assert.equal(r.status, 201, r.text);
				assert.ok(r.json().case_id > 0);
				const rep = (await cw().api.get(`/api/v1/reports/${id}`)).json().report;
				const c = await cw().api.get(`/api/v1/children/${rep.child_id}`);
				assert.equal(c.status, 200);
				assert.equal(c.json().family_name, 'Bytyçi');
			},
		},
		'api.children.match': {
			as: cw, fields: F.match, valid: { given_name: 'Qendrim' },
			async happy() {
				const r = await cw().api.post('/api/v1/children/match',
					{ given_name: 'Qendrim', family_name: 'Bytyci', birth_date: '2016-03-12' });
				assert.equal(r.status, 200);
				assert.ok(Array.isArray(r.json().candidates));
				const none = await cw().api.post('/api/v1/children/match', { sex: 'm' });
				assert.equal(none.status, 400);
			},
		},
		'api.children.get': {
			as: cw, path: () => '/api/v1/children/99999999',
			async happy() {
				assert.equal((await cw().api.get('/api/v1/children/99999999')).status, 404);
			},
		},
	};
}
