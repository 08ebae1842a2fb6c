// training.test.mjs — accredited training over HTTP, negative first: every
// role that may not read gets 403 on every training route; supervisors and
// central analysts read but do not write; another municipality's
// administrator gets 404 on Hani's sessions (audited) but reads them; the
// same participant in three spellings (Đorđević / Djordjevic / Ђорђевић)
// is offered, not duplicated, until confirm_new; the capacity; the
// certificate PDF (starts with %PDF, holds the number) and none for the
// absent. The routes themselves are in routes_training.spec.mjs.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';
import { makeProf, makeProgramme, makeSession, sessionOf, trainingFixture, uname } from './routes_training.spec.mjs';

const fx = {};

const ready = L.setup(async () => {
	Object.assign(fx, await trainingFixture());
	const admin = await L.adminApi();
	const ms = (await admin.get('/api/v1/municipalities')).json().municipalities;
	const other = ms.find((m) => m.country === 'XK' && m.id !== fx.a.muni);
	const pcode = L.uniq('QP').toUpperCase().slice(0, 16);
	const pa = await admin.post('/api/v1/agencies', { code: pcode, name: 'QPS ' + pcode, type: 'social_work',
		municipality: other.id });
	assert.equal(pa.status, 201, pa.text);
	const [cw, sup, ana, aud, comm, padmin] = await Promise.all([
		actor({ role: 'caseworker' }),
		actor({ role: 'supervisor' }),
		actor({ role: 'central_analyst', agency: 'MPMS-XK' }),
		actor({ role: 'auditor', agency: 'MPMS-XK' }),
		actor({ role: 'community_member' }),
		actor({ role: 'municipal_admin', agency: pcode }),
	]);
	Object.assign(fx, { cw, sup, ana, aud, comm, padmin });
	const code = L.uniq('PR').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code, name: 'OJQ ' + code, type: 'provider',
		municipality: fx.a.muni });
	assert.equal(r.status, 201, r.text);
	fx.prov = await actor({ role: 'provider_user', agency: code });
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const url = (p, s, rest = '') => `/trainings/${p.id}/sessions/${s.id}${rest}`;

test('caseworkers, providers, community members and auditors get 403 on training pages and the API', async () => {
	const { p, s, profs } = fx;
	const gets = ['/trainings', `/trainings/${p.id}`, url(p, s), '/professionals', `/professionals/${profs[0].id}`,
		url(p, s, `/certificates/${profs[0].id}`)];
	const apis = ['/api/v1/trainings', `/api/v1/trainings/${p.id}`, '/api/v1' + url(p, s), '/api/v1/professionals',
		`/api/v1/professionals/${profs[0].id}`];
	for (const u of [fx.cw, fx.prov, fx.comm, fx.aud]) {
		for (const g of gets)
			assert.equal((await u.s.get(g)).status, 403, `${u.username} GET ${g}`);
		for (const g of apis)
			assert.equal((await u.api.get(g)).status, 403, `${u.username} API GET ${g}`);
		const w = await u.api.post('/api/v1/trainings', { title: 'x', body: 'x', number: 'x', valid_from: '2024-01-01',
			valid_until: '2024-02-01', hours: 1, profiles: 'police' });
		assert.equal(w.status, 403);
	}
});

test('supervisors and central analysts read but do not write', async () => {
	const { p, s } = fx;
	for (const u of [fx.sup, fx.ana]) {
		assert.equal((await u.s.get(`/trainings/${p.id}`)).status, 200);
		assert.equal((await u.api.get('/api/v1' + url(p, s))).status, 200);
		const page = await u.s.get(url(p, s));
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes('/attendance"'), 'no sheet form for a reader');
		if (u === fx.ana) {
			/* Aggregates only: no professional's name or record. */
			assert.equal((await u.api.get('/api/v1' + url(p, s))).json().enrolments, null);
			assert.equal((await u.s.get('/professionals')).status, 403);
			assert.equal((await u.api.get('/api/v1/professionals')).status, 403);
			assert.ok(!page.text.includes(fx.profs[0].family_name), 'no name on the session page');
		}
		const since = await L.lastAuditId(u.username);
		assert.equal((await u.api.post(`/api/v1/trainings/${p.id}/sessions`, { start: '2025-10-01', end: '2025-10-02',
			municipality: fx.a.muni, venue: 'x', trainers: 'x', capacity: 3 })).status, 403);
		assert.equal((await u.api.post('/api/v1' + url(p, s, '/certificates'), {})).status, 403);
		assert.deepEqual(await L.writesSince(u.username, since), []);
	}
});

test('another municipality\'s administrator: Hani\'s sessions are 404 for writes (audited), readable', async () => {
	const { a, p } = fx;
	const s = await makeSession(a, p, { capacity: 3 });
	const v = (await sessionOf(a, p, s)).session.version;
	const u = fx.padmin;
	assert.equal((await u.api.get('/api/v1' + url(p, s))).status, 200);
	const since = await L.lastAuditId(u.username);
	for (const [path, body] of [['/status', { status: 'held', version: v }], ['/certificates', {}],
		['/enrolments', { professional: fx.profs[0].id }]])
		assert.equal((await u.api.post('/api/v1' + url(p, s, path), body)).status, 404, path);
	assert.equal((await u.s.post(url(p, s, '/status'), { status: 'held', version: v })).status, 404);
	/* Nor may they hold a session in Hani: the municipality is refused. */
	const c = await u.api.post(`/api/v1/trainings/${p.id}/sessions`, { start: '2025-10-01', end: '2025-10-02',
		municipality: a.muni, venue: 'x', trainers: 'x', capacity: 3 });
	assert.equal(c.status, 400);
	assert.equal(c.json().field, 'municipality');
	assert.equal((await sessionOf(a, p, s)).session.version, v, 'nothing changed');
	const refused = (await L.auditEntries({ actor: u.username, action: 'training.refused' })).entries;
	assert.ok(refused.length >= 3, JSON.stringify(refused));
	assert.deepEqual((await L.writesSince(u.username, since)).filter((e) => e.action !== 'training.refused'), []);
});

test('the same participant in three spellings is offered, not created again', async () => {
	const { a } = fx;
	const given = uname('Dragan');
	const first = await a.api.post('/api/v1/professionals', { given_name: given, family_name: 'Đorđević',
		sex: 'male', profile: 'police', organisation: 'Stacioni Policor', municipality: a.muni });
	/* Đorđević may already be known from another run of the suite. */
	assert.ok([201, 409].includes(first.status), first.text);
	const id = first.status === 201 ? first.json().professional.id : first.json().candidates[0].professional.id;
	for (const family of ['Djordjevic', 'Ђорђевић', 'Gjorgjeviq', 'DORDEVIC']) {
		const r = await a.api.post('/api/v1/professionals', { given_name: given, family_name: family, sex: 'male',
			profile: 'police', organisation: 'Stacioni Policor', municipality: a.muni });
		assert.equal(r.status, 409, family + ': ' + r.text);
		const j = r.json();
		assert.equal(j.field, 'family_name');
		assert.ok(j.candidates.some((c) => c.professional.id === id), family);
		assert.ok(j.candidates[0].reasons.includes('NAME_FOLDED'), JSON.stringify(j.candidates[0]));
	}
	/* The search finds the person in any spelling. */
	for (const q of ['Ђорђевић ' + given, 'djordjevic', given.toUpperCase()]) {
		const r = await a.api.get('/api/v1/professionals?q=' + encodeURIComponent(q));
		assert.ok(r.json().professionals.some((x) => x.id === id), q);
	}
	/* The web form shows the candidate with an enrol button. */
	const s = await makeSession(a, fx.p, { capacity: 3 });
	const w = await a.s.post(url(fx.p, s, '/enrolments'), { given_name: given, family_name: 'Djordjević', sex: 'male',
		profile: 'police', organisation: 'x', municipality: a.muni });
	assert.equal(w.status, 409);
	assert.ok(w.text.includes(`name="professional" value="${id}"`));
	assert.ok(w.text.includes('name="confirm_new"'));
	/* Told it is someone else: created and enrolled. */
	const ok = await a.s.post(url(fx.p, s, '/enrolments'), { given_name: given, family_name: 'Djordjević', sex: 'male',
		profile: 'police', organisation: 'x', municipality: a.muni, confirm_new: 1 });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal((await sessionOf(a, fx.p, s)).enrolments.length, 1);
});

test('capacity, a person enrolled twice, a cancelled session', async () => {
	const { a, p } = fx;
	const s = await makeSession(a, p, { capacity: 2 });
	const e = (f) => a.api.post('/api/v1' + url(p, s, '/enrolments'), { professional: f.id });
	const f = [];
	for (const n of ['Ana', 'Bora', 'Cena'])
		f.push(await makeProf(a, n, uname('Cap')));
	assert.equal((await e(f[0])).status, 201);
	const twice = await e(f[0]);
	assert.equal(twice.status, 409);
	assert.ok(L.isMessage(twice.json().message, 'training.err.enrolled_twice'));
	assert.equal((await e(f[1])).status, 201);
	const full = await e(f[2]);
	assert.equal(full.status, 409);
	assert.ok(L.isMessage(full.json().message, 'training.err.full'));
	/* Attendance before the session is held. */
	const x = await sessionOf(a, p, s);
	const early = await a.api.post('/api/v1' + url(p, s, `/enrolments/${x.enrolments[0].id}/attendance`),
		{ status: 'attended', version: x.session.version });
	assert.equal(early.status, 400);
	const c = await a.api.post('/api/v1' + url(p, s, '/status'), { status: 'cancelled', version: x.session.version });
	assert.equal(c.status, 200);
	const late = await a.api.post('/api/v1' + url(p, s, '/enrolments'), { professional: f[2].id });
	assert.equal(late.status, 400);
	assert.ok(L.isMessage(late.json().message, 'training.err.cancelled'));
});

test('the certificate: a PDF with its number for who attended; none for the absent', async (t) => {
	const { a } = fx;
	const p = await makeProgramme(a, { title: 'Mbrojtja e fëmijëve — çështje të veçanta' });
	const s = await makeSession(a, p, { venue: 'Qendra Kulturore' });
	const who = [await makeProf(a, 'Ëndrit', uname('Çollaku')), await makeProf(a, 'Žarko', uname('Šević'))];
	for (const f of who)
		assert.equal((await a.api.post('/api/v1' + url(p, s, '/enrolments'), { professional: f.id })).status, 201);
	let x = await sessionOf(a, p, s);
	let v = (await (await a.api.post('/api/v1' + url(p, s, '/status'), { status: 'held', version: x.session.version }))
		.json()).session.version;
	x = await sessionOf(a, p, s);
	/* The web sheet: one form for all rows. */
	const r = await a.s.post(url(p, s, '/attendance'), { version: v, status_1: 'attended', status_2: 'absent' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const iss = await a.api.post('/api/v1' + url(p, s, '/certificates'), {});
	assert.equal(iss.json().issued, 1);
	x = await sessionOf(a, p, s);
	const number = x.enrolments[0].certificate;
	assert.equal(number, `TR-${p.id}-2025-0001`);
	assert.ok(!x.enrolments[1].certificate);
	const pdf = await a.s.get(url(p, s, `/certificates/${who[0].id}`));
	assert.equal(pdf.status, 200);
	assert.equal(pdf.buf.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.ok(pdf.headers.get('content-disposition').includes(number));
	const absent = await a.s.get(url(p, s, `/certificates/${who[1].id}`));
	assert.equal(absent.status, 404);
	assert.ok(L.pageSays(absent.text, 'training.err.no_certificate'));
	/* A reader may open it too. */
	assert.equal((await fx.sup.s.get(url(p, s, `/certificates/${who[0].id}`))).status, 200);
	try {
		execFileSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' });
	} catch {
		t.skip('pdftotext not installed');
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'rrjeti-cert-'));
	try {
		writeFileSync(join(dir, 'c.pdf'), pdf.buf);
		const txt = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
		for (const want of [number, who[0].family_name, 'Ëndrit', 'çështje', 'Agjencia e Akreditimit', p.number])
			assert.ok(txt.includes(want), `${want} in ${txt.slice(0, 500)}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the programme counts participants by profile and sex, each person once', async () => {
	const { a } = fx;
	const p = await makeProgramme(a);
	const f = await makeProf(a, 'Mira', uname('Once'), { profile: 'education' });
	for (let i = 0; i < 2; i++) {
		const s = await makeSession(a, p);
		await a.api.post('/api/v1' + url(p, s, '/enrolments'), { professional: f.id });
		const x = await sessionOf(a, p, s);
		const h = await a.api.post('/api/v1' + url(p, s, '/status'), { status: 'held', version: x.session.version });
		const r = await a.api.post('/api/v1' + url(p, s, `/enrolments/${x.enrolments[0].id}/attendance`),
			{ status: 'attended', version: h.json().session.version });
		assert.equal(r.status, 200, r.text);
	}
	const j = (await a.api.get(`/api/v1/trainings/${p.id}`)).json();
	const edu = j.participants_by_profile.find((c) => c.profile === 'education');
	assert.deepEqual(edu, { profile: 'education', female: 1, male: 0 });
	assert.equal(j.programme.participants, 1);
	const page = await a.s.get(`/trainings/${p.id}`);
	assert.equal(page.status, 200);
});
