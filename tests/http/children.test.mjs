// children.test.mjs — a child's record over HTTP, negative first: a child
// out of sight (404, audited), wrong roles, bad input of every field,
// stale versions (409 with who changed what), caregivers, sibling links,
// and a supervisor's merge of two records (refusals first, then every
// spelling still finds the child). Cases and their children are made with
// SQL (routes_cases.spec.mjs makeCase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, sql } from './routes_cases.spec.mjs';

const fx = {};
const ready = L.setup(async () => {
	const hani = await L.agencyByCode('QPS-HANI');
	fx.team1 = Number(sql("SELECT id FROM team WHERE name = 'Ekipi 1' AND agency_id = " + hani.id));
	const team = L.uniq('Ekipi').slice(0, 30);
	fx.team2 = Number(sql(`INSERT INTO team (agency_id, name, created_at) VALUES (${hani.id}, '${team}', 1) RETURNING id;`));
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
	};
	fx.cw1 = await mk('caseworker', { team: fx.team1 });
	fx.cw2 = await mk('caseworker', { team: fx.team2 });
	fx.sup = await mk('supervisor');
	fx.admin = await mk('municipal_admin');
});

/* A case of cw1 (team 1) with a new child: { id, number, child }. */
const mine = (given = 'Drilon', family = 'Morina', pn = null) =>
	makeCase({ worker: fx.cw1.id, team: fx.team1, given, family, pn });

async function auditOf(username, action, id) {
	const e = (await L.auditEntries({ actor: username, action })).entries;
	return e.filter((x) => x.object_id === id);
}

/* The whole record as PUT wants it, from a GET. */
async function record(api, id) {
	const r = await api.get(`/api/v1/children/${id}`);
	assert.equal(r.status, 200, r.text);
	return r.json();
}

function body(c, over = {}) {
	const b = { version: c.version, given_name: c.given_name, family_name: c.family_name,
		parent_name: c.parent_name, sex: c.sex, community: c.community, school_status: c.school_status,
		disability: c.disability };
	for (const k of ['birth_date', 'personal_number'])
		if (c[k])
			b[k] = c[k];
	return { ...b, ...over };
}

test('a child out of sight: 404 on the page, the form and the API, audited; wrong roles 403', async () => {
	await ready;
	const other = makeCase({ worker: fx.cw2.id, team: fx.team2, given: 'Vesa', family: 'Rama' });
	assert.equal((await fx.cw1.s.get(`/children/${other.child}`)).status, 404);
	assert.equal((await fx.cw1.s.get(`/children/${other.child}/edit`)).status, 404);
	const r = await fx.cw1.api.get(`/api/v1/children/${other.child}`);
	assert.equal(r.status, 404);
	assert.equal(r.json().error, 'not_found');
	const w = await fx.cw1.api.put(`/api/v1/children/${other.child}`, { version: 1, given_name: 'X' });
	assert.equal(w.status, 404);
	assert.equal((await auditOf(fx.cw1.username, 'child.read.denied', other.child)).length, 3);
	assert.equal((await auditOf(fx.cw1.username, 'child.write.denied', other.child)).length, 1);
	assert.equal(Number(sql(`SELECT count(*) FROM child WHERE id = ${other.child} AND given_name = 'Vesa'`)), 1);
	/* Roles: an administrator reads no child; a caseworker merges nothing. */
	assert.equal((await fx.admin.s.get(`/children/${other.child}`)).status, 403);
	assert.equal((await fx.admin.api.put(`/api/v1/children/${other.child}`, { version: 1, given_name: 'X' })).status, 403);
	assert.equal((await fx.cw1.api.post('/api/v1/children/merge', { keep: 1, duplicate: 2, keep_version: 1,
		duplicate_version: 1 })).status, 403);
	assert.equal((await fx.cw1.s.get('/children/merge?keep=1&duplicate=2')).status, 403);
	/* The supervisor of the unit sees and edits it. */
	assert.equal((await fx.sup.s.get(`/children/${other.child}`)).status, 200);
});

test('editing: every bad field refused with its name, nothing saved; a stale version is 409', async () => {
	await ready;
	const k = mine('Arber', 'Kelmendi');
	const c = await record(fx.cw1.api, k.child);
	assert.equal(c.version, 1);
	assert.equal(c.may_write, true);
	const p = `/api/v1/children/${k.child}`;
	const bad = [
		[{ personal_number: '123456789' }, 'personal_number'],
		[{ personal_number: '1234567890' }, 'personal_number'],
		[{ personal_number: 'L60403002O' }, 'personal_number'],
		[{ birth_date: '2099-01-01' }, 'birth_date'],
		[{ birth_date: '2016-02-30' }, 'birth_date'],
		[{ community: 'martian' }, 'community'],
		[{ sex: 'x' }, 'sex'],
		[{ school_status: 'home' }, 'school_status'],
		[{ given_name: 'x'.repeat(101) }, 'given_name'],
		[{ given_name: '  ' }, 'given_name'],
		[{ address: 'ë'.repeat(201) }, 'address'],
		[{ child_municipality: 999999 }, 'municipality'],
		[{ version: 'abc' }, 'version'],
	];
	for (const [over, field] of bad) {
		const r = await fx.cw1.api.put(p, body(c, over));
		assert.equal(r.status, 400, `${JSON.stringify(over).slice(0, 60)}: ${r.text}`);
		assert.equal(r.json().field, field);
	}
	/* Albania: letter, 8 digits, letter, checked. */
	const tirana = Number(sql("SELECT id FROM municipality WHERE code = 'AL53'"));
	let r = await fx.cw1.api.put(p, body(c, { child_municipality: tirana, personal_number: 'L60403002A' }));
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'personal_number');
	assert.equal(Number(sql(`SELECT version FROM child WHERE id = ${k.child}`)), 1);
	assert.equal(Number(sql(`SELECT count(*) FROM child_event WHERE child_id = ${k.child}`)), 0);
	/* Stale: 409 and nothing saved. */
	r = await fx.cw1.api.put(p, body(c, { version: 4, family_name: 'Berisha' }));
	assert.equal(r.status, 409);
	assert.equal(r.json().error, 'conflict');
	/* Saved: the new spelling everywhere, the history, the audit. */
	r = await fx.cw1.api.put(p, body(c, { family_name: 'Berisha', community: 'roma', birth_date: '04.05.2016',
		personal_number: '1122334455', address: 'Rruga Adem Jashari 7' }));
	assert.equal(r.status, 200, r.text);
	const after = r.json();
	assert.equal(after.version, 2);
	assert.equal(after.family_name, 'Berisha');
	assert.ok(after.history.some((e) => e.field === 'family_name' && e.before === 'Kelmendi' && e.after === 'Berisha'));
	assert.ok(after.history.some((e) => e.field === 'community' && e.after === 'roma'));
	const aud = (await L.auditEntries({ actor: fx.cw1.username, action: 'child.update' })).entries
		.filter((x) => x.object_id === k.child);
	assert.equal(aud.length, 1);
	assert.doesNotMatch(aud[0].detail, /Berisha|Kelmendi|Jashari/);
	assert.match(aud[0].detail, /community:unknown>roma/);
	/* The case search and the duplicate check find the new spelling. */
	const s = await fx.cw1.api.get('/api/v1/cases?q=' + encodeURIComponent('Arber Berisha'));
	assert.equal(s.status, 200);
	assert.ok(s.json().cases.some((x) => x.id === k.id), s.text.slice(0, 300));
	const m = await fx.cw1.api.post('/api/v1/children/match', { given_name: 'Arbër', family_name: 'Berisha' });
	assert.equal(m.json().candidates[0].child_id, k.child);
	/* The second save of version 1: refused, never a lost update. */
	r = await fx.cw1.api.put(p, body(c, { family_name: 'Krasniqi' }));
	assert.equal(r.status, 409);
	assert.equal(Number(sql(`SELECT count(*) FROM child WHERE id = ${k.child} AND family_name = 'Berisha'`)), 1);
});

test('the web form: errors name the field, a stale save says who changed what, a good save redirects', async () => {
	await ready;
	const k = mine('Blerim', 'Hoti');
	const form = await fx.cw1.s.get(`/children/${k.child}/edit`);
	assert.equal(form.status, 200);
	assert.match(form.text, /name="version" value="1"/);
	const fields = { version: '1', given_name: 'Blerim', family_name: 'Hoti', personal_number: '12' };
	let r = await fx.cw1.s.post(`/children/${k.child}`, fields);
	assert.equal(r.status, 400);
	assert.ok(L.alertsOf(r.text).some((a) => a.includes('(personal_number)')), L.alertsOf(r.text).join('|'));
	/* Someone else saves first. */
	r = await fx.sup.s.post(`/children/${k.child}`, { version: '1', given_name: 'Blerim', family_name: 'Hoxha' });
	assert.equal(r.status, 303);
	r = await fx.cw1.s.post(`/children/${k.child}`, { version: '1', given_name: 'Blerim', family_name: 'Hota' });
	assert.equal(r.status, 409);
	const alert = L.alertsOf(r.text).join(' ');
	assert.ok(L.messages('child.conflict').some((m) => alert.includes(L.htmlEscape(m))), alert);
	assert.match(alert, /Hoxha/);
	assert.match(r.text, /name="version" value="2"/);
	r = await fx.cw1.s.post(`/children/${k.child}`, { version: '2', given_name: 'Blerim', family_name: 'Hota',
		sex: 'm', birth_date: '01.02.2015', birth_estimated: '1' });
	assert.equal(r.status, 303);
	assert.equal(r.location, `/children/${k.child}`);
	const page = await fx.cw1.s.get(r.location);
	assert.equal(page.status, 200);
	assert.match(page.text, /Hota/);
	assert.match(page.text, /01\.02\.2015/);
	/* CSRF: refused without a token, nothing written. */
	r = await fx.cw1.s.post(`/children/${k.child}`, { version: '3', given_name: 'Z' }, { csrf: false });
	assert.equal(r.status, 403);
	assert.equal(Number(sql(`SELECT version FROM child WHERE id = ${k.child}`)), 3);
});

test('caregivers: every field checked, version checked, added, edited, removed', async () => {
	await ready;
	const k = mine('Dafina', 'Krasniqi');
	const p = `/api/v1/children/${k.child}/caregivers`;
	const bad = [
		[{ version: 1, relation: 'mother' }, 'name'],
		[{ version: 1, name: 'Shpresa', relation: 'aunt' }, 'relation'],
		[{ version: 1, name: 'Shpresa', relation: 'mother', phone: '044-abc' }, 'phone'],
		[{ version: 1, name: 'Shpresa', relation: 'mother', phone: '1'.repeat(41) }, 'phone'],
		[{ version: 1, name: 'Shpresa', relation: 'mother', note: 'n'.repeat(501) }, 'note'],
		[{ version: 1, name: 'x'.repeat(101), relation: 'mother' }, 'name'],
	];
	for (const [b, field] of bad) {
		const r = await fx.cw1.api.post(p, b);
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json().field, field);
	}
	assert.equal((await fx.cw1.api.post(p, { version: 9, name: 'Shpresa', relation: 'mother' })).status, 409);
	assert.equal((await fx.cw2.api.post(p, { version: 1, name: 'Shpresa', relation: 'mother' })).status, 404);
	let r = await fx.cw1.api.post(p, { version: 1, name: 'Shpresa Krasniqi', relation: 'mother', guardian: true,
		lives_with: true, phone: '+383 44 111 222', note: 'Punon me turne' });
	assert.equal(r.status, 201, r.text);
	const gid = r.json().id;
	assert.equal(r.json().version, 2);
	r = await fx.cw1.api.put(`${p}/${gid}`, { version: 2, name: 'Shpresa Krasniqi', relation: 'guardian',
		lives_with: false });
	assert.equal(r.status, 200, r.text);
	const c = await record(fx.cw1.api, k.child);
	assert.equal(c.caregivers.length, 1);
	assert.equal(c.caregivers[0].relation, 'guardian');
	assert.equal(c.caregivers[0].lives_with, false);
	assert.equal((await fx.cw1.api.del(`${p}/${gid}?version=2`)).status, 409);
	assert.equal((await fx.cw1.api.del(`${p}/999999?version=3`)).status, 404);
	assert.equal((await fx.cw1.api.del(`${p}/${gid}?version=3`)).status, 200);
	/* The web form: an error names the field; a good one redirects. */
	r = await fx.cw1.s.post(`/children/${k.child}/caregivers`, { version: '4', name: 'Agron', relation: 'father',
		phone: 'abc' });
	assert.equal(r.status, 400);
	assert.ok(L.alertsOf(r.text).some((a) => a.includes('(phone)')));
	r = await fx.cw1.s.post(`/children/${k.child}/caregivers`, { version: '4', name: 'Agron', relation: 'father',
		lives_with: '1' });
	assert.equal(r.status, 303);
	const page = await fx.cw1.s.get(`/children/${k.child}`);
	assert.match(page.text, /Agron/);
	assert.equal(Number(sql(`SELECT count(*) FROM child_event WHERE child_id = ${k.child} AND kind LIKE 'caregiver.%'`)), 4);
});

test('siblings: no self-link, no duplicate link, search and link from the page, unlink', async () => {
	await ready;
	const a = mine('Ardit', 'Zeqiri');
	const b = mine('Arta', 'Zeqiri');
	const p = `/api/v1/children/${a.child}/siblings`;
	let r = await fx.cw1.api.post(p, { other: a.child, relation: 'sibling' });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'other');
	assert.equal((await fx.cw1.api.post(p, { other: b.child, relation: 'cousin' })).status, 400);
	const far = makeCase({ worker: fx.cw2.id, team: fx.team2, given: 'Agon', family: 'Zeqiri' });
	assert.equal((await fx.cw1.api.post(p, { other: far.child, relation: 'sibling' })).status, 404);
	/* The search page finds the sibling among the actor's children. */
	const page = await fx.cw1.s.get(`/children/${a.child}/siblings?family_name=Zeqiri&given_name=Arta`);
	assert.equal(page.status, 200);
	assert.match(page.text, new RegExp(`name="other" value="${b.child}"`));
	assert.doesNotMatch(page.text, new RegExp(`name="other" value="${far.child}"`));
	r = await fx.cw1.s.post(`/children/${a.child}/siblings`, { other: String(b.child), relation: 'half_sibling' });
	assert.equal(r.status, 303);
	r = await fx.cw1.api.post(`/api/v1/children/${b.child}/siblings`, { other: a.child, relation: 'sibling' });
	assert.equal(r.status, 409);
	assert.equal(r.json().field, 'other');
	const c = await record(fx.cw1.api, a.child);
	assert.equal(c.siblings.length, 1);
	assert.equal(c.siblings[0].child_id, b.child);
	assert.equal(c.siblings[0].relation, 'half_sibling');
	assert.equal(c.siblings[0].cases[0].id, b.id);
	/* cw2 sees far's record and, linked by the supervisor, a sibling it may
	 * not see: without name or id. */
	assert.equal((await fx.sup.api.post(`/api/v1/children/${far.child}/siblings`, { other: a.child,
		relation: 'sibling' })).status, 201);
	const seen = await record(fx.cw2.api, far.child);
	assert.equal(seen.siblings.length, 1);
	assert.equal(seen.siblings[0].visible, false);
	assert.equal(seen.siblings[0].child_id, null);
	assert.equal(seen.siblings[0].given_name, undefined);
	const html = await fx.cw2.s.get(`/children/${far.child}`);
	assert.doesNotMatch(html.text, /Ardit/);
	assert.equal((await fx.cw1.api.del(`${p}/${b.child}`)).status, 200);
	assert.equal((await fx.cw1.api.del(`${p}/${b.child}`)).status, 404);
});

test('siblings in order of birth, an unknown birth date first, on either database', async () => {
	await ready;
	const a = mine('Blerim', 'Hoxha');
	const young = mine('Blerta', 'Hoxha');
	const unknown = mine('Besa', 'Hoxha');
	const old = mine('Bujar', 'Hoxha');
	sql(`UPDATE child SET birth_date = '2019-01-02' WHERE id = ${young.child};
		UPDATE child SET birth_date = NULL WHERE id = ${unknown.child};
		UPDATE child SET birth_date = '2012-03-04' WHERE id = ${old.child}`);
	for (const k of [young, unknown, old])
		assert.equal((await fx.cw1.api.post(`/api/v1/children/${a.child}/siblings`,
			{ other: k.child, relation: 'sibling' })).status, 201);
	assert.deepEqual((await record(fx.cw1.api, a.child)).siblings.map((x) => x.child_id),
		[unknown.child, old.child, young.child]);
});

test('merging: refusals first, then everything moves and both spellings find the child', async () => {
	await ready;
	const keep = mine('Dritan', 'Morina');
	const dup = mine('Dritan', 'Murina', '1234567891');
	const extra = makeCase({ worker: fx.cw1.id, team: fx.team1, given: 'Dritan', family: 'Murina' });
	sql(`UPDATE case_file SET child_id = ${dup.child} WHERE id = ${extra.id}`);
	const far = makeCase({ worker: fx.cw2.id, team: fx.team2, given: 'Dritan', family: 'Muriqi' });
	const farPris = makeCase({ agency: 'NJMF-TIRANE', muni: 'AL53', given: 'Dritan', family: 'Morini' });
	const m = { keep: keep.child, duplicate: dup.child, keep_version: 1, duplicate_version: 1 };
	/* A caseworker: 403 (the route), also on the preview. */
	assert.equal((await fx.cw1.api.post('/api/v1/children/merge', m)).status, 403);
	/* Self, out of sight, stale. */
	let r = await fx.sup.api.post('/api/v1/children/merge', { ...m, duplicate: keep.child });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'duplicate');
	assert.equal((await fx.sup.api.post('/api/v1/children/merge', { ...m, duplicate: farPris.child })).status, 404);
	assert.equal((await fx.sup.api.post('/api/v1/children/merge', { ...m, duplicate_version: 2 })).status, 409);
	assert.equal(Number(sql(`SELECT count(*) FROM child WHERE merged_into IS NOT NULL AND id = ${dup.child}`)), 0);
	/* The preview, side by side. */
	r = await fx.sup.api.get(`/api/v1/children/merge?keep=${keep.child}&duplicate=${dup.child}`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.json().duplicate.cases.length, 2);
	assert.equal(r.json().fields.find((f) => f.field === 'personal_number').choice, 'fill');
	assert.equal(r.json().fields.find((f) => f.field === 'family_name').choice, 'differ');
	const web = await fx.sup.s.get(`/children/merge?keep=${keep.child}&duplicate=${dup.child}`);
	assert.equal(web.status, 200);
	assert.match(web.text, /Murina/);
	/* Merged from the web form. */
	r = await fx.sup.s.post('/children/merge', { keep: String(keep.child), duplicate: String(dup.child),
		keep_version: '1', duplicate_version: '1' });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	assert.equal(r.location, `/children/${keep.child}`);
	assert.equal(Number(sql(`SELECT count(*) FROM case_file WHERE child_id = ${keep.child}`)), 3);
	assert.equal(Number(sql(`SELECT merged_into FROM child WHERE id = ${dup.child}`)), keep.child);
	assert.equal(Number(sql(`SELECT count(*) FROM case_event WHERE kind = 'child.merged' AND case_id IN
		(${dup.id}, ${extra.id})`)), 2);
	/* The duplicate: the page redirects, the API points. */
	r = await fx.cw1.s.get(`/children/${dup.child}`);
	assert.equal(r.status, 303);
	assert.equal(r.location, `/children/${keep.child}`);
	r = await fx.cw1.api.get(`/api/v1/children/${dup.child}`);
	assert.equal(r.status, 200);
	assert.equal(r.json().merged_into, keep.child);
	/* Merging into it, or it again: refused. */
	r = await fx.sup.api.post('/api/v1/children/merge', { keep: dup.child, duplicate: far.child, keep_version: 2,
		duplicate_version: 1 });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'keep');
	r = await fx.sup.api.post('/api/v1/children/merge', { keep: far.child, duplicate: dup.child, keep_version: 1,
		duplicate_version: 2 });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'duplicate');
	/* Both spellings find the child (and never the merged record). */
	for (const family of ['Morina', 'Murina']) {
		const x = await fx.cw1.api.post('/api/v1/children/match', { given_name: 'Dritan', family_name: family,
			birth_date: '2016-05-04' });
		assert.equal(x.status, 200);
		assert.equal(x.json().candidates[0].child_id, keep.child, family + ' ' + x.text);
		assert.ok(!x.json().candidates.some((c) => c.child_id === dup.child));
		const s = await fx.cw1.api.get('/api/v1/cases?q=' + encodeURIComponent('Dritan ' + family));
		assert.ok(s.json().cases.some((c) => c.id === dup.id), family);
	}
	const c = await record(fx.sup.api, keep.child);
	assert.equal(c.personal_number, '1234567891');
	assert.equal(c.other_spellings[0].family_name, 'Murina');
	assert.ok(c.history.some((e) => e.kind === 'merge.filled' && e.field === 'personal_number'));
	const aud = (await L.auditEntries({ actor: fx.sup.username, action: 'child.merge' })).entries
		.filter((x) => x.object_id === keep.child && x.action === 'child.merge');
	assert.equal(aud.length, 1);
	assert.doesNotMatch(aud[0].detail, /Murina|Morina|Dritan/);
});
