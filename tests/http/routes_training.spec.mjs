// routes_training.spec.mjs — the training routes' entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// accredited programmes, their sessions, enrolment, the attendance sheet,
// certificates as PDF and the professionals, web and API. Used by the
// municipal administrator of Hani i Elezit (QPS-HANI); the helpers are
// shared with training.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';

export const PROFILES = ['social_worker', 'head_social_services', 'child_protection_worker', 'health',
	'education', 'police', 'ngo', 'ministry', 'local_staff'];
export const STATUSES = ['planned', 'held', 'cancelled'];
export const MARKS = ['enrolled', 'attended', 'partly', 'absent'];
export const SEXES = ['female', 'male'];
const INT64_MAX = '9223372036854775807';

let admin = null;
/* A municipal administrator of Hani i Elezit, logged in on the web and the API. */
export function trainingAdmin() {
	admin ??= actor({ role: 'municipal_admin' });
	return admin;
}

/* A programme valid 2024-2027, 24 hours: the API's answer. */
export async function makeProgramme(a, extra = {}) {
	const r = await a.api.post('/api/v1/trainings', {
		title: 'Menaxhimi i rastit ' + L.uniq(), body: 'Agjencia e Akreditimit', number: L.uniq('AK-'),
		valid_from: '01.01.2024', valid_until: '31.12.2027', hours: 24, profiles: 'social_worker,police', ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json().programme;
}

/* A session of programme p in October 2025 (so it may be held). */
export async function makeSession(a, p, extra = {}) {
	const r = await a.api.post(`/api/v1/trainings/${p.id}/sessions`, {
		start: '2025-10-01', end: '2025-10-03', municipality: a.muni, venue: 'Salla e Kuvendit',
		trainers: 'Vjosa Berisha', capacity: 30, ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json().session;
}

/* A new professional (confirmed as new): the API's answer. */
export async function makeProf(a, given, family, extra = {}) {
	const r = await a.api.post('/api/v1/professionals', {
		given_name: given, family_name: family, sex: 'female', profile: 'social_worker',
		organisation: 'QPS Hani i Elezit', municipality: a.muni, confirm_new: true, ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json().professional;
}

/* The session as the API gives it: { session, enrolments }. */
export async function sessionOf(a, p, s) {
	const r = await a.api.get(`/api/v1/trainings/${p.id}/sessions/${s.id}`);
	assert.equal(r.status, 200, r.text);
	return r.json();
}

/* A letters-only name no other test uses (names_fold keeps letters). */
export function uname(prefix) {
	return prefix + L.uniq('').replace(/[^a-z]/g, '').slice(0, 8);
}

/* The route fixture: the administrator (with .muni), a programme, and a
 * held session with three enrolled professionals. */
let fixture = null;
export function trainingFixture() {
	fixture ??= (async () => {
		const a = await trainingAdmin();
		a.muni ??= (await L.agencyByCode('QPS-HANI')).municipality_id;
		const p = await makeProgramme(a);
		const s = await makeSession(a, p);
		const profs = [];
		for (const n of ['Arta', 'Blerim', 'Drita']) {
			const f = await makeProf(a, n, uname('Spec'));
			profs.push(f);
			const e = await a.api.post(`/api/v1/trainings/${p.id}/sessions/${s.id}/enrolments`,
				{ professional: f.id });
			assert.equal(e.status, 201, e.text);
		}
		const v = (await sessionOf(a, p, s)).session.version;
		const h = await a.api.post(`/api/v1/trainings/${p.id}/sessions/${s.id}/status`, { status: 'held', version: v });
		assert.equal(h.status, 200, h.text);
		/* For the refused requests of the CSRF checks: planned sessions
		 * and a professional enrolled nowhere, made beforehand. */
		const planned = { web: await makeSession(a, p), api: await makeSession(a, p) };
		const spare = await makeProf(a, 'Spare', uname('Spec'));
		return { a, p, s, profs, planned, spare };
	})();
	return fixture;
}
const FIX = await trainingFixture();

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date } = ctx;
	const req = (f) => ({ ...f, required: true });
	const prog = {
		title: line(1, 200, true), country: oneOf(['XK', 'AL']), body: line(1, 200, true),
		number: line(1, 60, true), valid_from: req(date()), valid_until: req(date()),
		hours: int(-100000, 100000, true),
	};
	const prof = (r) => ({
		given_name: line(0, 80, r), family_name: line(0, 80, r), sex: oneOf(SEXES, r),
		profile: oneOf(PROFILES, r), agency: id(), organisation: line(0, 200), municipality: id(r),
		email: line(0, 254), confirm_new: bool(),
	});
	const sheet = {};
	for (let i = 1; i <= 30; i++) {
		sheet['status_' + i] = oneOf(MARKS);
		sheet['hours_' + i] = int(-1, 1000);
	}
	const F = {
		programme: { ...prog, ...Object.fromEntries(PROFILES.map((p) => ['profile_' + p, bool()])) },
		apiProgramme: { ...prog, profiles: line(1, 300, true) },
		session: {
			start: req(date()), end: req(date()), municipality: id(true), venue: line(1, 200, true),
			trainers: line(1, 400, true), capacity: int(-100000, 100000, true),
		},
		status: { status: oneOf(STATUSES, true), version: int(1, INT64_MAX, true) },
		enrol: { professional: id(), ...prof(false) },
		prof: prof(true),
		attendance: { version: int(1, INT64_MAX, true), ...sheet },
		mark: { status: oneOf(MARKS, true), hours: int(-1, 1000), version: int(1, INT64_MAX, true) },
		profs: { q: line(0, 100), profile: oneOf(PROFILES), municipality: id() },
		sessionView: { q: line(0, 100) },
		merge: { into: id(true) },
	};
	const a = () => FIX.a;
	const { p, s } = FIX;
	const sp = `/trainings/${p.id}/sessions/${s.id}`;
	const progValid = {
		title: 'x', body: 'x', number: 'x', valid_from: '2024-01-01', valid_until: '2024-12-31', hours: 10,
	};
	const sessValid = {
		start: '2025-10-01', end: '2025-10-02', municipality: FIX.a.muni, venue: 'x', trainers: 'x', capacity: 5,
	};
	/* A new planned session per route that changes one. */
	const sess = {};
	const mkSess = (k) => (sess[k] ??= makeSession(FIX.a, p));
	const ver = async (x) => (await sessionOf(FIX.a, p, x)).session.version;

	return {
		'training.list': {
			as: a,
			async happy() {
				const r = await a().s.get('/trainings');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(L.htmlEscape(p.title)));
				assert.ok(r.text.includes('action="/trainings"'));
				const ana = await ctx.fx.byRole.cent.s.get('/trainings');
				assert.equal(ana.status, 200);
				assert.ok(!ana.text.includes('action="/trainings"'));
			},
		},
		'training.create': {
			fields: F.programme, as: a, valid: { ...progValid, profile_police: 1 },
			good: () => ({ ...progValid, number: L.uniq('N-'), profile_police: 1 }),
			async happy() {
				const number = L.uniq('AK-');
				const f = { ...progValid, title: 'Intervistimi i fëmijës', body: 'Agjencia e Akreditimit', number, profile_police: 1,
					profile_health: 1, hours: 16 };
				const r = await a().s.post('/trainings', f);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/trainings\/\d+$/);
				const dup = await a().s.post('/trainings', { ...f, body: 'AGJENCIA E AKREDITIMIT ' });
				assert.equal(dup.status, 409);
				assert.ok(L.pageSays(dup.text, 'training.err.duplicate_number'));
				const zero = await a().s.post('/trainings', { ...f, number: L.uniq('Z-'), hours: 0 });
				assert.equal(zero.status, 400);
				assert.ok(L.pageSays(zero.text, 'training.err.hours'));
				const back = await a().s.post('/trainings', { ...f, number: L.uniq('Z-'), valid_until: '2023-12-31' });
				assert.equal(back.status, 400);
				assert.ok(L.pageSays(back.text, 'training.err.validity'));
				const none = await a().s.post('/trainings', { ...progValid, number: L.uniq('Z-') });
				assert.equal(none.status, 400);
				assert.ok(L.pageSays(none.text, 'training.err.no_profile'));
			},
		},
		'training.view': {
			as: a, path: () => `/trainings/${p.id}`,
			async happy() {
				const r = await a().s.get(`/trainings/${p.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="${sp}"`));
				assert.ok(r.text.includes(`action="/trainings/${p.id}/sessions"`));
				assert.equal((await a().s.get('/trainings/99999999')).status, 404);
			},
		},
		'training.session.create': {
			fields: F.session, as: a, path: () => `/trainings/${p.id}/sessions`, valid: sessValid,
			good: () => sessValid,
			async happy() {
				const r = await a().s.post(`/trainings/${p.id}/sessions`, sessValid);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, new RegExp(`^/trainings/${p.id}/sessions/\\d+$`));
				const back = await a().s.post(`/trainings/${p.id}/sessions`, { ...sessValid, end: '2025-09-30' });
				assert.equal(back.status, 400);
				assert.ok(L.pageSays(back.text, 'training.err.end'));
				const out = await a().s.post(`/trainings/${p.id}/sessions`,
					{ ...sessValid, start: '2023-12-01', end: '2023-12-02' });
				assert.equal(out.status, 400);
				assert.ok(L.pageSays(out.text, 'training.err.outside_validity'));
				const cap = await a().s.post(`/trainings/${p.id}/sessions`, { ...sessValid, capacity: 31 });
				assert.equal(cap.status, 400);
				assert.ok(L.pageSays(cap.text, 'training.err.capacity'));
			},
		},
		'training.session': {
			fields: F.sessionView, as: a, path: () => sp, valid: {},
			async happy() {
				const r = await a().s.get(sp);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`action="${sp}/attendance"`));
				assert.ok(r.text.includes('name="status_3"'));
				assert.ok(!r.text.includes('name="status_4"'));
				const q = await a().s.get(sp + '?q=' + encodeURIComponent(FIX.profs[0].family_name));
				assert.equal(q.status, 200);
				assert.ok(q.text.includes(`name="professional" value="${FIX.profs[0].id}"`));
				assert.equal((await a().s.get(`/trainings/${p.id}/sessions/99999999`)).status, 404);
			},
		},
		'training.session.status': {
			fields: F.status, as: a, path: () => `/trainings/${p.id}/sessions/${s.id}/status`,
			valid: { status: 'held', version: 1 },
			async good() {
				return { status: 'cancelled', version: await ver(FIX.planned.web) };
			},
			async happy() {
				const x = await mkSess('st2');
				const r = await a().s.post(`/trainings/${p.id}/sessions/${x.id}/status`,
					{ status: 'held', version: await ver(x) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const again = await a().s.post(`/trainings/${p.id}/sessions/${x.id}/status`,
					{ status: 'cancelled', version: await ver(x) });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'training.err.status_final'));
			},
		},
		'training.enrol': {
			fields: F.enrol, as: a, path: () => `/trainings/${p.id}/sessions/${s.id}/enrolments`,
			valid: { professional: 1 },
			good: () => ({ professional: FIX.spare.id }),
			async happy() {
				const x = await mkSess('en2');
				const f = await makeProf(FIX.a, 'Hana', uname('Enrol'));
				const url = `/trainings/${p.id}/sessions/${x.id}/enrolments`;
				const r = await a().s.post(url, { professional: f.id });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const twice = await a().s.post(url, { professional: f.id });
				assert.equal(twice.status, 409);
				assert.ok(L.pageSays(twice.text, 'training.err.enrolled_twice'));
				/* The same name spelled otherwise: the candidates, not a new record. */
				const again = await a().s.post(url, {
					given_name: 'HANA', family_name: f.family_name.toUpperCase(), sex: 'female',
					profile: 'social_worker', organisation: 'QPS', municipality: FIX.a.muni,
				});
				assert.equal(again.status, 409);
				assert.ok(again.text.includes(`href="/professionals/${f.id}"`));
				const y = (await sessionOf(FIX.a, p, x)).enrolments;
				assert.equal(y.length, 1);
			},
		},
		'training.attendance': {
			fields: F.attendance, as: a, path: () => `${sp}/attendance`, valid: { version: 1 },
			async good() {
				return { version: await ver(s), status_1: 'attended', status_2: 'absent', status_3: 'partly', hours_3: 4 };
			},
			async happy() {
				const v = await ver(s);
				const bad = await a().s.post(`${sp}/attendance`,
					{ version: v, status_1: 'attended', status_2: 'absent', hours_2: 3, status_3: 'partly', hours_3: 4 });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'training.err.hours_absent'));
				const r = await a().s.post(`${sp}/attendance`,
					{ version: v, status_1: 'attended', status_2: 'absent', status_3: 'partly', hours_3: 4 });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const e = (await sessionOf(FIX.a, p, s)).enrolments;
				assert.deepEqual(e.map((x) => [x.status, x.hours]), [['attended', 24], ['absent', 0], ['partly', 4]]);
				const stale = await a().s.post(`${sp}/attendance`,
					{ version: v, status_1: 'absent', status_2: 'absent', status_3: 'absent' });
				assert.equal(stale.status, 409);
			},
		},
		'training.certificates': {
			as: a, path: () => `${sp}/certificates`, good: () => ({}),
			async happy() {
				const v = await ver(s);
				await FIX.a.api.post(`/api/v1${sp}/enrolments/${(await sessionOf(FIX.a, p, s)).enrolments[0].id}/attendance`,
					{ status: 'attended', version: v });
				const r = await a().s.post(`${sp}/certificates`, {});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const e = (await sessionOf(FIX.a, p, s)).enrolments;
				assert.match(e[0].certificate, new RegExp(`^TR-${p.id}-2025-\\d{4}$`));
			},
		},
		'training.certificate': {
			as: a, path: () => `${sp}/certificates/${FIX.profs[0].id}`,
			async happy() {
				await FIX.a.api.post(`/api/v1${sp}/certificates`, {});
				const e = (await sessionOf(FIX.a, p, s)).enrolments;
				const got = e.find((x) => x.certificate);
				assert.ok(got, 'a certificate');
				const r = await a().s.get(`${sp}/certificates/${got.professional_id}`);
				assert.equal(r.status, 200);
				assert.equal(r.headers.get('content-type'), 'application/pdf');
				assert.equal(r.buf.subarray(0, 5).toString('latin1'), '%PDF-');
				assert.ok(r.headers.get('content-disposition').includes(got.certificate));
				const none = e.find((x) => !x.certificate);
				assert.equal((await a().s.get(`${sp}/certificates/${none.professional_id}`)).status, 404);
			},
		},
		'professional.list': {
			fields: F.profs, as: a, valid: {},
			async happy() {
				const f = FIX.profs[1];
				const r = await a().s.get('/professionals?q=' + encodeURIComponent(f.family_name.toUpperCase()));
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/professionals/${f.id}"`));
				const pol = await a().s.get('/professionals?profile=police&q=' + encodeURIComponent(f.family_name));
				assert.ok(!pol.text.includes(`href="/professionals/${f.id}"`));
			},
		},
		'professional.view': {
			as: a, path: () => `/professionals/${FIX.profs[0].id}`,
			async happy() {
				const r = await a().s.get(`/professionals/${FIX.profs[0].id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="${sp}"`));
				assert.ok(r.text.includes(`action="/professionals/${FIX.profs[0].id}/merge"`));
				assert.equal((await a().s.get('/professionals/99999999')).status, 404);
			},
		},
		'professional.merge': {
			fields: F.merge, as: a, path: () => `/professionals/${FIX.profs[2].id}/merge`, valid: { into: 1 },
			good: () => ({ into: FIX.profs[1].id }),
			async happy() {
				const fam = uname('Merge');
				const keep = await makeProf(FIX.a, 'Lule', fam);
				const dup = await makeProf(FIX.a, 'Lulë', fam);
				const self = await a().s.post(`/professionals/${dup.id}/merge`, { into: dup.id });
				assert.equal(self.status, 400);
				assert.ok(L.pageSays(self.text, 'training.err.merge_self'));
				const r = await a().s.post(`/professionals/${dup.id}/merge`, { into: keep.id });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/professionals/${keep.id}`);
				const again = await a().s.post(`/professionals/${dup.id}/merge`, { into: keep.id });
				assert.equal(again.status, 400);
			},
		},
		'api.training.list': {
			as: a,
			async happy() {
				const r = await a().api.get('/api/v1/trainings');
				assert.equal(r.status, 200);
				assert.ok(r.json().programmes.some((x) => x.id === p.id));
			},
		},
		'api.training.create': {
			fields: F.apiProgramme, as: a, valid: { ...progValid, profiles: 'police' },
			good: () => ({ ...progValid, number: L.uniq('N-'), profiles: 'police' }),
			async happy() {
				const body = { ...progValid, number: L.uniq('AK-'), profiles: 'police,health' };
				const r = await a().api.post('/api/v1/trainings', body);
				assert.equal(r.status, 201, r.text);
				assert.deepEqual(r.json().programme.profiles, ['health', 'police']);
				const dup = await a().api.post('/api/v1/trainings', body);
				assert.equal(dup.status, 409);
				assert.equal(dup.json().field, 'number');
				const absurd = await a().api.post('/api/v1/trainings', { ...body, number: L.uniq('Z-'), hours: 1001 });
				assert.equal(absurd.status, 400);
				assert.equal(absurd.json().field, 'hours');
				const bad = await a().api.post('/api/v1/trainings', { ...body, number: L.uniq('Z-'), profiles: 'pilot' });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'profiles');
			},
		},
		'api.training.get': {
			as: a, path: () => `/api/v1/trainings/${p.id}`,
			async happy() {
				const r = await a().api.get(`/api/v1/trainings/${p.id}`);
				assert.equal(r.status, 200);
				const j = r.json();
				assert.equal(j.programme.id, p.id);
				assert.ok(j.sessions.some((x) => x.id === s.id));
				assert.equal(j.participants_by_profile.length, 9);
				assert.equal((await a().api.get('/api/v1/trainings/99999999')).status, 404);
			},
		},
		'api.training.session.create': {
			fields: F.session, as: a, path: () => `/api/v1/trainings/${p.id}/sessions`, valid: sessValid,
			good: () => sessValid,
			async happy() {
				const r = await a().api.post(`/api/v1/trainings/${p.id}/sessions`, sessValid);
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().session.status, 'planned');
				const bad = await a().api.post(`/api/v1/trainings/${p.id}/sessions`, { ...sessValid, capacity: 0 });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'capacity');
			},
		},
		'api.training.session': {
			as: a, path: () => `/api/v1/trainings/${p.id}/sessions/${s.id}`,
			async happy() {
				const r = await a().api.get(`/api/v1/trainings/${p.id}/sessions/${s.id}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().enrolments.length, 3);
			},
		},
		'api.training.session.status': {
			fields: F.status, as: a, path: () => `/api/v1/trainings/${p.id}/sessions/${s.id}/status`,
			valid: { status: 'held', version: 1 },
			async good() {
				return { status: 'cancelled', version: await ver(FIX.planned.api) };
			},
			async happy() {
				const x = await mkSess('ast2');
				const stale = await a().api.post(`/api/v1/trainings/${p.id}/sessions/${x.id}/status`,
					{ status: 'held', version: 999 });
				assert.equal(stale.status, 409);
				const r = await a().api.post(`/api/v1/trainings/${p.id}/sessions/${x.id}/status`,
					{ status: 'cancelled', version: await ver(x) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().session.status, 'cancelled');
			},
		},
		'api.training.enrol': {
			fields: F.enrol, as: a, path: () => `/api/v1/trainings/${p.id}/sessions/${s.id}/enrolments`,
			valid: { professional: 1 },
			good: () => ({ professional: FIX.spare.id }),
			async happy() {
				const x = await mkSess('aen');
				const url = `/api/v1/trainings/${p.id}/sessions/${x.id}/enrolments`;
				const fam = uname('Api');
				const r = await a().api.post(url, { given_name: 'Valbona', family_name: fam, sex: 'female',
					profile: 'health', organisation: 'QKMF', municipality: FIX.a.muni });
				assert.equal(r.status, 201, r.text);
				const c = await a().api.post(url, { given_name: 'VALBONA', family_name: fam, sex: 'female',
					profile: 'health', organisation: 'QKMF', municipality: FIX.a.muni });
				assert.equal(c.status, 409);
				assert.equal(c.json().candidates.length, 1);
			},
		},
		'api.training.attendance': {
			fields: F.mark, as: a,
			path: () => `/api/v1/trainings/${p.id}/sessions/${s.id}/enrolments/999999/attendance`,
			valid: { status: 'attended', version: 1 },
			async good() {
				return { status: 'absent', version: await ver(s) };
			},
			async happy() {
				const e = (await sessionOf(FIX.a, p, s)).enrolments[1];
				const url = `/api/v1${sp}/enrolments/${e.id}/attendance`;
				const bad = await a().api.post(url, { status: 'partly', hours: 24, version: await ver(s) });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'hours');
				const r = await a().api.post(url, { status: 'partly', hours: 6, version: await ver(s) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().enrolments[1].hours, 6);
				const other = await a().api.post(`/api/v1${sp}/enrolments/999999/attendance`,
					{ status: 'absent', version: await ver(s) });
				assert.equal(other.status, 400);
			},
		},
		'api.training.certificates': {
			as: a, path: () => `/api/v1${sp}/certificates`,
			async happy() {
				const r = await a().api.post(`/api/v1${sp}/certificates`, {});
				assert.equal(r.status, 200, r.text);
				assert.equal(typeof r.json().issued, 'number');
				const x = await mkSess('acert');
				const no = await a().api.post(`/api/v1/trainings/${p.id}/sessions/${x.id}/certificates`, {});
				assert.equal(no.status, 400);
			},
		},
		'api.professional.list': {
			fields: F.profs, as: a, valid: {},
			async happy() {
				const f = FIX.profs[2];
				const r = await a().api.get('/api/v1/professionals?q=' + encodeURIComponent(f.family_name));
				assert.equal(r.status, 200);
				assert.ok(r.json().professionals.some((x) => x.id === f.id));
			},
		},
		'api.professional.create': {
			fields: F.prof, as: a,
			valid: { given_name: 'x', family_name: 'x', sex: 'female', profile: 'ngo', municipality: 1 },
			good: () => ({ given_name: 'Never', family_name: uname('Saved'), sex: 'female', profile: 'ngo',
				organisation: 'x', municipality: FIX.a.muni, confirm_new: true }),
			async happy() {
				const fam = uname('Create');
				const body = { given_name: 'Besnik', family_name: fam, sex: 'male', profile: 'police',
					agency: (await L.agencyByCode('QPS-HANI')).id, municipality: FIX.a.muni, email: 'b@example.org' };
				const r = await a().api.post('/api/v1/professionals', body);
				assert.equal(r.status, 201, r.text);
				const c = await a().api.post('/api/v1/professionals', { ...body, given_name: 'BESNIK' });
				assert.equal(c.status, 409);
				assert.equal(c.json().candidates[0].professional.id, r.json().professional.id);
				const e = await a().api.post('/api/v1/professionals', { ...body, email: 'no-at-sign', confirm_new: true });
				assert.equal(e.status, 400);
				assert.equal(e.json().field, 'email');
			},
		},
		'api.professional.get': {
			as: a, path: () => `/api/v1/professionals/${FIX.profs[0].id}`,
			async happy() {
				const r = await a().api.get(`/api/v1/professionals/${FIX.profs[0].id}`);
				assert.equal(r.status, 200);
				assert.ok(r.json().sessions.some((x) => x.session_id === s.id));
			},
		},
		'api.professional.merge': {
			fields: F.merge, as: a, path: () => `/api/v1/professionals/${FIX.profs[2].id}/merge`,
			valid: { into: 1 }, good: () => ({ into: FIX.profs[1].id }),
			async happy() {
				const fam = uname('Amerge');
				const keep = await makeProf(FIX.a, 'Ilir', fam);
				const dup = await makeProf(FIX.a, 'Ilir', fam);
				const r = await a().api.post(`/api/v1/professionals/${dup.id}/merge`, { into: keep.id });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().professional.id, keep.id);
				const g = await a().api.get(`/api/v1/professionals/${dup.id}`);
				assert.equal(g.json().professional.merged_into, keep.id);
			},
		},
	};
}
