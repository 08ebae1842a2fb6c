// routes_provider.spec.mjs — the provider registry's entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// providers and their profiles, licences (add, renew, status), the
// providers licensed for a service on a date, inspections against the
// minimum standards with their follow-up actions, and the standards, web
// and API. The fixture (a provider of Hani i Elezit with licences, an
// inspection and an action; the municipal administrator; a country-wide
// administrator who keeps the standards) is shared with provider.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor, muniAdmin } from './routes_community.spec.mjs';
import { day } from './routes_closure.spec.mjs';

export const SERVICES = ['shelter', 'day_care', 'residential_care', 'foster_care', 'psychosocial_counselling',
	'family_support', 'legal_aid', 'disability_rehabilitation', 'reintegration', 'parenting_programme',
	'street_outreach', 'helpline'];
export const STATUSES = ['active', 'suspended', 'expired', 'revoked'];
const SET_STATUSES = ['active', 'suspended', 'revoked'];
const FORMS = ['ngo', 'public', 'private'];
const RATINGS = ['met', 'partly', 'not_met'];
const INT64_MAX = '9223372036854775807';

/* A new provider agency of municipality code (default Hani i Elezit). */
export async function newProvider(code = 'XK09') {
	const admin = await L.adminApi();
	const ms = (await admin.get('/api/v1/municipalities')).json().municipalities;
	const m = ms.find((x) => x.code === code);
	assert.ok(m, code);
	const ac = L.uniq('OJQ').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code: ac, name: 'OJQ ' + ac, type: 'provider', municipality: m.id });
	assert.equal(r.status, 201, r.text);
	return { ...r.json(), code: ac, muni: m };
}

/* A licence added through the API by api: its JSON. */
export async function addLicence(api, p, extra = {}) {
	const r = await api.post(`/api/v1/providers/${p.id}/licences`, {
		number: L.uniq('LIC-'), services: 'shelter', municipalities: String(p.muni.id), issued: day(-30),
		expires: day(300), capacity: 10, ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* A draft inspection of p's licence lic: its JSON. */
export async function addInspection(api, p, lic) {
	const r = await api.post(`/api/v1/providers/${p.id}/inspections`, {
		licence: lic.id, date: day(-1), inspectors: 'Arben Krasniqi, Besa Gashi',
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* The fixture, made once when the module loads. */
let fixture = null;
export function providerFixture() {
	fixture ??= (async () => {
		const admin = await muniAdmin();
		const keeper = await actor({ role: 'sysadmin' });
		const p = await newProvider();
		const lic = await addLicence(admin.api, p);
		const lic2 = await addLicence(admin.api, p, { services: 'day_care' });
		const lic3 = await addLicence(admin.api, p, { services: 'foster_care' });
		const insp = await addInspection(admin.api, p, lic);
		const a = await admin.api.post(`/api/v1/inspections/${insp.id}/actions`, {
			action: 'Trajnim i stafit', deadline: day(20),
		});
		assert.equal(a.status, 201, a.text);
		const puser = await actor({ role: 'provider_user', agency: p.code });
		/* Two unused standards, retired so that they do not join new
		 * inspections: one to edit, one to delete. */
		const std = [];
		for (const t of [L.uniq('Std-'), L.uniq('Std-')]) {
			const r = await keeper.s.post('/admin/standards', { title_sq: t, title_en: t, title_sr: t });
			assert.equal(r.status, 303, r.text.slice(0, 400));
			const s = (await keeper.api.get('/api/v1/standards')).json().standards.find((x) => x.title_sq === t);
			const u = await keeper.s.post(`/admin/standards/${s.id}`, {
				title_sq: t, title_en: t, title_sr: t, version: s.version,
			});
			assert.equal(u.status, 303, u.text.slice(0, 400));
			std.push(s);
		}
		return { admin, keeper, p, lic, lic2, lic3, insp, action: a.json().actions[0], puser, std };
	})();
	return fixture;
}
const FIX = await providerFixture();

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text } = ctx;
	const req = (f) => ({ ...f, required: true });
	const muni = () => FIX.admin;
	const keeper = () => FIX.keeper;
	const P = FIX.p;
	const list = { service: oneOf(SERVICES), status: oneOf(STATUSES), municipality: id(), page: int(1, 100000) };
	const profile = {
		legal_form: oneOf(FORMS, true), registration_no: line(0, 40), address: line(0, 200), contact_phone: line(0, 40),
		contact_email: line(0, 120), description: text(0, 4000), version: int(0, INT64_MAX, true),
	};
	const licence = {
		licence_number: line(1, 40, true),
		...Object.fromEntries(SERVICES.map((s) => ['service_' + s, bool()])),
		...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => ['municipality_' + i, id()])),
		issued: req(date()), expires: req(date()), capacity: int(1, 100000, true), renews: id(),
	};
	const apiLicence = {
		number: line(1, 40, true), services: line(1, 400, true), municipalities: line(1, 1000, true),
		issued: req(date()), expires: req(date()), capacity: int(1, 100000, true), renews: id(),
	};
	const status = { status: oneOf(SET_STATUSES, true), reason: text(0, 1000), date: req(date()), version: int(1, INT64_MAX, true) };
	const inspection = { licence: id(true), date: req(date()), inspectors: line(1, 300, true) };
	const ratings = {};
	for (let i = 1; i <= 28; i++) {
		ratings['r' + i] = oneOf(RATINGS);
		ratings['n' + i] = text(0, 2000);
	}
	const save = { version: int(1, INT64_MAX, true), date: req(date()), inspectors: line(1, 300, true), complete: bool(), ...ratings };
	const action = { action: text(1, 1000, true), deadline: req(date()) };
	const titles = { title_sq: line(1, 300, true), title_en: line(1, 300, true), title_sr: line(1, 300, true) };
	const pv = async () => (await muni().api.get(`/api/v1/providers/${P.id}`)).json();
	const insp = async (api, iid) => (await api.get(`/api/v1/inspections/${iid}`)).json();
	const licGood = () => ({
		licence_number: L.uniq('G-'), service_helpline: 1, municipality_1: P.muni.id, issued: day(4000), expires: day(4100),
		capacity: 5,
	});

	return {
		'provider.list': {
			fields: list, as: muni, valid: { service: 'shelter' },
			async happy() {
				const r = await muni().s.get('/providers');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/providers/${P.id}"`));
				const f = await muni().s.get('/providers?service=shelter&status=active');
				assert.ok(f.text.includes(`href="/providers/${P.id}"`));
				const none = await muni().s.get('/providers?service=street_outreach&status=revoked');
				assert.ok(!none.text.includes(`href="/providers/${P.id}"`));
				/* A provider's user: their own organisation only. */
				const own = await FIX.puser.s.get('/providers');
				assert.equal(own.status, 200);
				assert.ok(own.text.includes(`href="/providers/${P.id}"`));
				assert.equal((own.text.match(/href="\/providers\/\d+"/g) || []).length, 1);
			},
		},
		'provider.view': {
			as: muni, path: () => `/providers/${P.id}`,
			async happy() {
				const r = await muni().s.get(`/providers/${P.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(L.htmlEscape(FIX.lic.number)));
				assert.ok(r.text.includes(`action="/providers/${P.id}/inspections"`));
				assert.ok(r.text.includes(`href="/inspections/${FIX.insp.id}"`));
				assert.equal((await muni().s.get('/providers/99999999')).status, 404);
				/* A caseworker reads without the forms. */
				const cw = await actor({ role: 'caseworker' });
				const c = await cw.s.get(`/providers/${P.id}`);
				assert.equal(c.status, 200);
				assert.ok(!c.text.includes('/licences/new'));
			},
		},
		'provider.edit': {
			as: muni, path: () => `/providers/${P.id}/edit`,
			async happy() {
				const r = await muni().s.get(`/providers/${P.id}/edit`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('name="contact_email"'));
				assert.ok(r.text.includes('name="legal_form"'));
			},
		},
		'provider.profile': {
			fields: profile, as: muni, path: () => `/providers/${P.id}/edit`,
			valid: { legal_form: 'ngo', version: 0 },
			async good() { return { legal_form: 'ngo', version: (await pv()).version }; },
			async happy() {
				const v = (await pv()).version;
				const bad = await muni().s.post(`/providers/${P.id}/edit`, { legal_form: 'ngo', contact_email: 'nope', version: v });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'provider.err.email'));
				const r = await muni().s.post(`/providers/${P.id}/edit`, {
					legal_form: 'ngo', registration_no: '5110123-4', address: 'Rruga e Shkollës 3', contact_phone: '+383 290 385 100',
					contact_email: 'info@ojq-hani.org', description: 'Qendër ditore për fëmijë.', version: v,
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/providers/${P.id}`);
				assert.equal((await pv()).contact_email, 'info@ojq-hani.org');
				const stale = await muni().s.post(`/providers/${P.id}/edit`, { legal_form: 'ngo', version: v });
				assert.equal(stale.status, 409);
			},
		},
		'licence.form': {
			fields: { renews: id() }, as: muni, path: () => `/providers/${P.id}/licences/new`, valid: {},
			async happy() {
				const r = await muni().s.get(`/providers/${P.id}/licences/new`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('name="service_shelter"'));
				const n = await muni().s.get(`/providers/${P.id}/licences/new?renews=${FIX.lic.id}`);
				assert.equal(n.status, 200);
				assert.ok(n.text.includes(`name="renews" value="${FIX.lic.id}"`));
			},
		},
		'licence.add': {
			fields: licence, as: muni, path: () => `/providers/${P.id}/licences`,
			valid: { licence_number: 'x', issued: day(0), expires: day(10), capacity: 1 },
			async good() { return licGood(); },
			async happy() {
				const number = L.uniq('XK-LA-');
				const ok = { licence_number: number, service_legal_aid: 1, municipality_1: P.muni.id, issued: day(-5), expires: day(360), capacity: 8 };
				const r = await muni().s.post(`/providers/${P.id}/licences`, ok);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.ok(r.location.startsWith(`/providers/${P.id}#licence-`));
				const again = await muni().s.post(`/providers/${P.id}/licences`, { ...ok, licence_number: L.uniq('XK-LB-') });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'provider.err.overlap'));
				const early = await muni().s.post(`/providers/${P.id}/licences`, { ...ok, licence_number: L.uniq('XK-LC-'),
					service_legal_aid: undefined, service_reintegration: 1, expires: day(-5) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'provider.err.expiry_before_issue'));
				const dup = await muni().s.post(`/providers/${P.id}/licences`, { ...ok, service_legal_aid: undefined,
					service_reintegration: 1 });
				assert.equal(dup.status, 400);
				assert.ok(L.pageSays(dup.text, 'provider.err.number_taken'));
			},
		},
		'licence.status': {
			fields: status, as: muni, path: () => `/licences/${FIX.lic2.id}/status`,
			valid: { status: 'suspended', reason: 'x', date: day(), version: 1 },
			async good() { return { status: 'suspended', reason: 'Mungesë stafi', date: day(), version: 1 }; },
			async happy() {
				const l = await addLicence(muni().api, P, { services: 'parenting_programme' });
				const r = await muni().s.post(`/licences/${l.id}/status`, { status: 'suspended', reason: 'Mungesë stafi', date: day(), version: l.version });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await pv()).licences.find((x) => x.id === l.id);
				assert.equal(j.status, 'suspended');
				const bad = await muni().s.post(`/licences/${l.id}/status`, { status: 'revoked', reason: '', date: day(), version: j.version });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'error.field.required'));
			},
		},
		'inspection.create': {
			fields: inspection, as: muni, path: () => `/providers/${P.id}/inspections`,
			valid: { licence: FIX.lic.id, date: day(), inspectors: 'x' },
			async good() { return { licence: FIX.lic.id, date: day(), inspectors: 'A. B.' }; },
			async happy() {
				const r = await muni().s.post(`/providers/${P.id}/inspections`, { licence: FIX.lic.id, date: day(), inspectors: 'Arta Berisha' });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/inspections\/[1-9]\d*$/);
				const fut = await muni().s.post(`/providers/${P.id}/inspections`, { licence: FIX.lic.id, date: day(2), inspectors: 'A' });
				assert.equal(fut.status, 400);
				assert.ok(L.pageSays(fut.text, 'provider.err.future'));
			},
		},
		'inspection.view': {
			as: muni, path: () => `/inspections/${FIX.insp.id}`,
			async happy() {
				const r = await muni().s.get(`/inspections/${FIX.insp.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('name="r1"'));
				const own = await FIX.puser.s.get(`/inspections/${FIX.insp.id}`);
				assert.equal(own.status, 200);
				assert.ok(!own.text.includes('name="r1"'));
				assert.equal((await muni().s.get('/inspections/99999999')).status, 404);
			},
		},
		'inspection.save': {
			fields: save, as: muni, path: () => `/inspections/${FIX.insp.id}`,
			valid: { version: 1, date: day(), inspectors: 'x' },
			async good() { return { version: (await insp(muni().api, FIX.insp.id)).version, date: day(), inspectors: 'A', r1: 'met' }; },
			async happy() {
				const x = await addInspection(muni().api, P, FIX.lic);
				const f = { version: x.version, date: day(-1), inspectors: 'Arben Krasniqi', r1: 'met', n1: 'Në rregull' };
				const r = await muni().s.post(`/inspections/${x.id}`, f);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const y = await insp(muni().api, x.id);
				assert.equal(y.rated, 1);
				const unrated = await muni().s.post(`/inspections/${x.id}`, { ...f, version: y.version, complete: 1 });
				assert.equal(unrated.status, 400);
				assert.ok(L.pageSays(unrated.text, 'provider.err.unrated'));
				const all = { version: y.version, date: day(-1), inspectors: 'Arben Krasniqi', complete: 1 };
				for (let i = 1; i <= y.standards; i++)
					all['r' + i] = i === 2 ? 'partly' : 'met';
				const done = await muni().s.post(`/inspections/${x.id}`, all);
				assert.equal(done.status, 303, done.text.slice(0, 400));
				const z = await insp(muni().api, x.id);
				assert.equal(z.status, 'completed');
				assert.equal(z.score, Math.floor(((2 * y.standards - 1) * 100 + y.standards) / (2 * y.standards)));
				const again = await muni().s.post(`/inspections/${x.id}`, { ...all, version: z.version });
				assert.equal(again.status, 409);
			},
		},
		'inspection.action.add': {
			fields: action, as: muni, path: () => `/inspections/${FIX.insp.id}/actions`,
			valid: { action: 'x', deadline: day(5) },
			async good() { return { action: 'Riparimi i daljes emergjente', deadline: day(30) }; },
			async happy() {
				const r = await muni().s.post(`/inspections/${FIX.insp.id}/actions`, { action: 'Plan sigurie', deadline: day(15) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const past = await muni().s.post(`/inspections/${FIX.insp.id}/actions`, { action: 'Vonë', deadline: day(-1) });
				assert.equal(past.status, 400);
				assert.ok(L.pageSays(past.text, 'provider.err.deadline_past'));
			},
		},
		'inspection.action.done': {
			fields: { date: req(date()) }, as: muni, path: () => `/inspections/${FIX.insp.id}/actions/${FIX.action.id}/done`,
			valid: { date: day() },
			async good() { return { date: day() }; },
			async happy() {
				const a = await muni().api.post(`/api/v1/inspections/${FIX.insp.id}/actions`, { action: 'Dosjet', deadline: day(9) });
				const aid = a.json().actions.find((x) => x.action === 'Dosjet' && !x.done_on).id;
				const r = await muni().s.post(`/inspections/${FIX.insp.id}/actions/${aid}/done`, { date: day() });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const again = await muni().s.post(`/inspections/${FIX.insp.id}/actions/${aid}/done`, { date: day() });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'provider.err.action_done'));
			},
		},
		'standard.list': {
			as: keeper,
			async happy() {
				const r = await keeper().s.get('/admin/standards');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('action="/admin/standards"'));
				/* A municipal administrator reads them but keeps none. */
				const m = await muni().s.get('/admin/standards');
				assert.equal(m.status, 200);
				assert.ok(!m.text.includes('action="/admin/standards"'));
			},
		},
		'standard.add': {
			fields: { country: oneOf(['XK', 'AL']), ...titles }, as: keeper, valid: { title_sq: 'x', title_en: 'x', title_sr: 'x' },
			async good() { return { title_sq: 'Never saved', title_en: 'x', title_sr: 'x' }; },
			async happy() {
				const t = L.uniq('Std-');
				const r = await keeper().s.post('/admin/standards', { title_sq: t, title_en: t, title_sr: t });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const s = (await keeper().api.get('/api/v1/standards')).json().standards.find((x) => x.title_sq === t);
				assert.ok(s && s.active && s.country === 'XK');
				/* Retired at once: new inspections elsewhere keep their count. */
				const u = await keeper().s.post(`/admin/standards/${s.id}/delete`, {});
				assert.equal(u.status, 303);
				const m = await muni().s.post('/admin/standards', { title_sq: t, title_en: t, title_sr: t });
				assert.equal(m.status, 403);
			},
		},
		'standard.update': {
			fields: { ...titles, active: bool(), version: int(1, INT64_MAX, true) }, as: keeper,
			path: () => `/admin/standards/${FIX.std[0].id}`, valid: { title_sq: 'x', title_en: 'x', title_sr: 'x', version: 1 },
			async good() { return { title_sq: 'a', title_en: 'b', title_sr: 'c', version: 99 }; },
			async happy() {
				const s = (await keeper().api.get('/api/v1/standards')).json().standards.find((x) => x.id === FIX.std[0].id);
				const r = await keeper().s.post(`/admin/standards/${s.id}`, { title_sq: s.title_sq + ' (i ndryshuar)',
					title_en: s.title_en, title_sr: s.title_sr, version: s.version });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const stale = await keeper().s.post(`/admin/standards/${s.id}`, { title_sq: 'x', title_en: 'x', title_sr: 'x', version: s.version });
				assert.equal(stale.status, 409);
			},
		},
		'standard.delete': {
			as: keeper, path: () => `/admin/standards/${FIX.std[1].id}/delete`, async good() { return {}; },
			async happy() {
				const r = await keeper().s.post(`/admin/standards/${FIX.std[1].id}/delete`, {});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				/* A standard rated in an inspection is never deleted. */
				const used = (await insp(muni().api, FIX.insp.id)).ratings[0].standard;
				const u = await keeper().s.post(`/admin/standards/${used}/delete`, {});
				assert.equal(u.status, 409);
				assert.ok(L.pageSays(u.text, 'provider.err.standard_used'));
			},
		},
		'api.providers': {
			fields: list, as: muni, valid: { page: 1 },
			async happy() {
				const j = (await muni().api.get('/api/v1/providers?service=shelter')).json();
				assert.ok(j.providers.some((x) => x.id === P.id));
				assert.equal(j.per_page, 25);
				const own = (await FIX.puser.api.get('/api/v1/providers')).json();
				assert.deepEqual(own.providers.map((x) => x.id), [P.id]);
			},
		},
		'api.provider': {
			as: muni, path: () => `/api/v1/providers/${P.id}`,
			async happy() {
				const j = (await muni().api.get(`/api/v1/providers/${P.id}`)).json();
				assert.equal(j.id, P.id);
				assert.ok(j.licences.some((l) => l.id === FIX.lic.id && l.status === 'active'));
				assert.ok(j.inspections.some((x) => x.id === FIX.insp.id));
				assert.equal((await muni().api.get('/api/v1/providers/99999999')).status, 404);
			},
		},
		'api.provider.profile': {
			fields: profile, as: muni, path: () => `/api/v1/providers/${P.id}/profile`,
			valid: { legal_form: 'ngo', version: 0 },
			async good() { return { legal_form: 'public', version: (await pv()).version }; },
			async happy() {
				const v = (await pv()).version;
				const r = await muni().api.post(`/api/v1/providers/${P.id}/profile`, { legal_form: 'public', contact_phone: '038 200 300', version: v });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().legal_form, 'public');
				assert.equal(r.json().version, v + 1);
				/* Shown on the provider's page (regression: the page
				 * read keys the view never set, and said "none"). */
				assert.ok((await muni().s.get(`/providers/${P.id}`)).text.includes('038 200 300'));
				const bad = await muni().api.post(`/api/v1/providers/${P.id}/profile`, { legal_form: 'ngo', contact_phone: 'call', version: v + 1 });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'contact_phone');
			},
		},
		'api.licence.add': {
			fields: apiLicence, as: muni, path: () => `/api/v1/providers/${P.id}/licences`,
			valid: { number: 'x', services: 'shelter', municipalities: '1', issued: day(0), expires: day(10), capacity: 1 },
			async good() {
				return { number: L.uniq('G-'), services: 'helpline', municipalities: String(P.muni.id), issued: day(4000),
					expires: day(4100), capacity: 5 };
			},
			async happy() {
				const l = await addLicence(muni().api, P, { services: 'street_outreach,helpline' });
				assert.deepEqual(l.services.sort(), ['helpline', 'street_outreach']);
				const bad = await muni().api.post(`/api/v1/providers/${P.id}/licences`, { number: L.uniq('B-'), services: 'astrology',
					municipalities: String(P.muni.id), issued: day(), expires: day(5), capacity: 1 });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'services');
				/* The renewal follows the old period. */
				const rn = await muni().api.post(`/api/v1/providers/${P.id}/licences`, { number: L.uniq('R-'),
					services: 'street_outreach,helpline', municipalities: String(P.muni.id), issued: day(300), expires: day(1000),
					capacity: 10, renews: l.id });
				assert.equal(rn.status, 201, rn.text);
				assert.equal(rn.json().renews, l.id);
			},
		},
		'api.licence.status': {
			fields: status, as: muni, path: () => `/api/v1/licences/${FIX.lic3.id}/status`,
			valid: { status: 'suspended', reason: 'x', date: day(), version: 1 },
			async good() { return { status: 'suspended', reason: 'x', date: day(), version: 1 }; },
			async happy() {
				const l = await addLicence(muni().api, P, { services: 'residential_care' });
				const r = await muni().api.post(`/api/v1/licences/${l.id}/status`, { status: 'revoked', reason: 'Shkelje', date: day(), version: l.version });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'revoked');
				const back = await muni().api.post(`/api/v1/licences/${l.id}/status`, { status: 'active', date: day(), version: r.json().version });
				assert.equal(back.status, 400);
				assert.ok(L.isMessage(back.json().message, 'provider.err.revoked'));
			},
		},
		'api.licensed': {
			fields: { service: oneOf(SERVICES), date: req(date()), municipality: id() }, as: muni, valid: { date: day() },
			async happy() {
				const j = (await muni().api.get(`/api/v1/licensed?service=shelter&date=${day()}&municipality=${P.muni.id}`)).json();
				assert.ok(j.providers.some((x) => x.provider_id === P.id && x.licence_id === FIX.lic.id));
				const later = (await muni().api.get(`/api/v1/licensed?service=shelter&date=${day(400)}`)).json();
				assert.ok(!later.providers.some((x) => x.provider_id === P.id));
			},
		},
		'api.inspection.create': {
			fields: inspection, as: muni, path: () => `/api/v1/providers/${P.id}/inspections`,
			valid: { licence: FIX.lic.id, date: day(), inspectors: 'x' },
			async good() { return { licence: FIX.lic.id, date: day(), inspectors: 'A' }; },
			async happy() {
				const x = await addInspection(muni().api, P, FIX.lic);
				assert.equal(x.status, 'draft');
				assert.equal(x.score, null);
				assert.ok(x.standards >= 22);
				const other = await muni().api.post(`/api/v1/providers/${P.id}/inspections`, { licence: 99999999, date: day(), inspectors: 'A' });
				assert.equal(other.status, 400);
				assert.equal(other.json().field, 'licence');
			},
		},
		'api.inspection': {
			as: muni, path: () => `/api/v1/inspections/${FIX.insp.id}`,
			async happy() {
				const j = await insp(muni().api, FIX.insp.id);
				assert.equal(j.id, FIX.insp.id);
				assert.ok(j.ratings.length >= 22);
				assert.ok(j.actions.length >= 1);
			},
		},
		'api.inspection.rate': {
			fields: { standard: id(true), rating: oneOf(RATINGS), notes: text(0, 2000), version: int(1, INT64_MAX, true) },
			as: muni, path: () => `/api/v1/inspections/${FIX.insp.id}/ratings`,
			valid: { standard: 1, version: 1 },
			async good() { return { standard: FIX.insp.ratings[0].standard, rating: 'met', version: (await insp(muni().api, FIX.insp.id)).version }; },
			async happy() {
				const x = await addInspection(muni().api, P, FIX.lic);
				const r = await muni().api.post(`/api/v1/inspections/${x.id}/ratings`, { standard: x.ratings[0].standard, rating: 'not_met',
					notes: 'Mungon plani', version: x.version });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().ratings[0].rating, 'not_met');
				const stale = await muni().api.post(`/api/v1/inspections/${x.id}/ratings`, { standard: x.ratings[0].standard, rating: 'met', version: x.version });
				assert.equal(stale.status, 409);
			},
		},
		'api.inspection.complete': {
			fields: { version: int(1, INT64_MAX, true) }, as: muni, path: () => `/api/v1/inspections/${FIX.insp.id}/complete`,
			valid: { version: 1 },
			async good() { return { version: (await insp(muni().api, FIX.insp.id)).version }; },
			async happy() {
				let x = await addInspection(muni().api, P, FIX.lic);
				const early = await muni().api.post(`/api/v1/inspections/${x.id}/complete`, { version: x.version });
				assert.equal(early.status, 400);
				assert.equal(early.json().field, 'ratings');
				for (const it of x.ratings) {
					const r = await muni().api.post(`/api/v1/inspections/${x.id}/ratings`, { standard: it.standard, rating: 'partly', version: x.version });
					assert.equal(r.status, 200, r.text);
					x = r.json();
				}
				const done = await muni().api.post(`/api/v1/inspections/${x.id}/complete`, { version: x.version });
				assert.equal(done.status, 200, done.text);
				assert.equal(done.json().score, 50);
			},
		},
		'api.inspection.action.add': {
			fields: action, as: muni, path: () => `/api/v1/inspections/${FIX.insp.id}/actions`,
			valid: { action: 'x', deadline: day(3) },
			async good() { return { action: 'x', deadline: day(3) }; },
			async happy() {
				const r = await muni().api.post(`/api/v1/inspections/${FIX.insp.id}/actions`, { action: 'Rishikim i dosjeve', deadline: day(40) });
				assert.equal(r.status, 201, r.text);
				const past = await muni().api.post(`/api/v1/inspections/${FIX.insp.id}/actions`, { action: 'x', deadline: day(-3) });
				assert.equal(past.status, 400);
				assert.equal(past.json().field, 'deadline');
			},
		},
		'api.standards': {
			as: muni,
			async happy() {
				const j = (await muni().api.get('/api/v1/standards')).json();
				assert.ok(j.standards.filter((s) => s.country === 'XK' && s.active).length >= 22);
				assert.ok(!j.standards.some((s) => s.country === 'AL'));
			},
		},
	};
}
