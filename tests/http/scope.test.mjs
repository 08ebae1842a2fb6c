// scope.test.mjs — a municipal administrator of Kosovo (admin.hani, Hani i
// Elezit) sees and edits only their municipality: Albanian users and
// agencies do not exist for them (404, never 403), and they cannot grant
// the installation's roles (sysadmin, auditor, central analyst) or country
// scope. And the same from the Albanian side.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';

/* Every test waits for the set-up of this file. */
function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const { http, Api } = L;

let hani;	/* admin.hani: session and API */
let admin;	/* the system administrator's API */
const ids = {};
const THIS_YEAR = new Date().getFullYear();

const ready = L.setup(async () => {
	hani = { s: await L.login('admin.hani'), api: await Api.as('admin.hani') };
	admin = await L.adminApi();
	ids.adminCookie = (await L.login('admin')).cookie;
	ids.pmf = (await L.userByName('pmf.tirane')).id;
	ids.adminTirane = (await L.userByName('admin.tirane')).id;
	ids.auditor = (await L.userByName('auditor')).id;
	ids.sysadmin = (await L.userByName('admin')).id;
	ids.njmf = (await L.agencyByCode('NJMF-TIRANE')).id;
	ids.ashdmf = (await L.agencyByCode('ASHDMF')).id;
	ids.mpms = (await L.agencyByCode('MPMS-XK')).id;
	ids.qps = await L.agencyByCode('QPS-HANI');
	const munis = (await admin.get('/api/v1/municipalities')).json().municipalities;
	ids.tirana = munis.find((m) => m.code === 'AL53').id;
	ids.prishtina = munis.find((m) => m.country === 'XK' && m.id !== ids.qps.municipality_id).id;
});

test('Albanian (and installation) users are 404 to a Kosovo municipal admin, not 403', async () => {
	for (const id of [ids.pmf, ids.adminTirane, ids.auditor, ids.sysadmin]) {
		const before = (await admin.get(`/api/v1/users/${id}`)).json();
		const page = await hani.s.get(`/admin/users/${id}`);
		assert.equal(page.status, 404, `page of ${before.username}`);
		assert.ok(!page.text.includes(L.htmlEscape(before.full_name)), 'no trace of the user');
		const j = await hani.api.get(`/api/v1/users/${id}`);
		assert.equal(j.status, 404);
		assert.equal(j.json().error, 'not_found');
		const edit = await hani.s.post(`/admin/users/${id}`, { full_name: 'Taken Over', role: before.role,
			scope: before.scope, active: 1, version: before.version });
		assert.equal(edit.status, 404, `edit of ${before.username}`);
		const reset = await hani.s.post(`/admin/users/${id}/password`, { password: 'Taken-over-123' });
		assert.equal(reset.status, 404, `reset of ${before.username}`);
		const after = (await admin.get(`/api/v1/users/${id}`)).json();
		assert.equal(after.version, before.version, 'unchanged');
		assert.equal(after.full_name, before.full_name);
	}
	/* The account still logs in with its password. */
	await L.login('pmf.tirane');
});

test('user lists of a Kosovo municipal admin hold Hani i Elezit only', async () => {
	const page = await hani.s.get('/admin/users');
	assert.equal(page.status, 200);
	for (const name of ['pmf.tirane', 'admin.tirane', 'auditor', 'analist', '>admin<'])
		assert.ok(!page.text.includes(name.startsWith('>') ? name : `>${name}</a>`), name);
	assert.match(page.text, /<a href="\/admin\/users\/\d+">/, 'some rows');
	const list = (await hani.api.get('/api/v1/users')).json().users;
	assert.ok(list.length > 0);
	for (const u of list)
		assert.equal(u.agency && u.agency.municipality_id, ids.qps.municipality_id, u.username);
	/* Filtering by an Albanian agency finds nothing, and errs not. */
	const f = await hani.api.get('/api/v1/users?agency=' + ids.njmf);
	assert.equal(f.status, 200);
	assert.deepEqual(f.json().users, []);
	const fp = await hani.s.get('/admin/users?agency=' + ids.njmf);
	assert.equal(fp.status, 200);
	assert.ok(!fp.text.includes('pmf.tirane'));
});

test('Albanian and country-wide agencies are 404 to a Kosovo municipal admin', async () => {
	for (const id of [ids.njmf, ids.ashdmf, ids.mpms]) {
		const before = (await admin.get('/api/v1/agencies')).json().agencies.find((a) => a.id === id);
		const v = await hani.s.get(`/admin/agencies/${id}`);
		assert.equal(v.status, 404, before.code);
		assert.ok(!v.text.includes(before.code));
		const u = await hani.s.post(`/admin/agencies/${id}`, { name: 'Taken Over', type: 'police', active: 1 });
		assert.equal(u.status, 404, 'edit ' + before.code);
		const t = await hani.s.post(`/admin/agencies/${id}/teams`, { name: 'Planted team' });
		assert.equal(t.status, 404, 'team in ' + before.code);
		const after = (await admin.get('/api/v1/agencies')).json().agencies.find((a) => a.id === id);
		assert.deepEqual(after, before, 'unchanged');
		assert.ok(!(await http(`/admin/agencies/${id}`, { cookie: ids.adminCookie })).text
			.includes('Planted team'));
	}
	const list = (await hani.api.get('/api/v1/agencies')).json().agencies;
	assert.ok(list.some((a) => a.code === 'QPS-HANI'));
	for (const a of list)
		assert.equal(a.municipality_id, ids.qps.municipality_id, a.code);
	const page = await hani.s.get('/admin/agencies');
	for (const code of ['NJMF-TIRANE', 'ASHDMF', 'MPMS-XK'])
		assert.ok(!page.text.includes(code), code);
});

test('a Kosovo municipal admin cannot grant sysadmin, auditor, central analyst or country scope', async () => {
	const form = await hani.s.get('/admin/users/new');
	assert.equal(form.status, 200);
	for (const role of ['sysadmin', 'auditor', 'central_analyst'])
		assert.ok(!form.text.includes(`<option value="${role}"`), `${role} offered`);
	assert.ok(form.text.includes('<option value="caseworker"'));
	for (const [role, scope] of [['sysadmin'], ['auditor'], ['central_analyst'], ['caseworker', 'country'],
		['supervisor', 'aggregate']]) {
		const username = L.uniq('g');
		const body = { username, full_name: 'Granted', password: 'Long-enough-1', role, agency: ids.qps.id };
		if (scope)
			body.scope = scope;
		const w = await hani.s.post('/admin/users', body);
		assert.equal(w.status, 400, `${role}/${scope} by the web`);
		assert.ok(L.alertsOf(w.text).some((a) => L.messages('field.role').some((l) => a.includes(L.htmlEscape(l)))),
			'names the role');
		const j = await hani.api.post('/api/v1/users', body);
		assert.equal(j.status, 400, `${role}/${scope} by the API`);
		assert.equal(j.json().field, 'role');
		assert.ok(L.isMessage(j.json().message, 'error.role.grant'));
		const all = (await admin.get('/api/v1/users?agency=' + ids.qps.id)).json().users;
		assert.ok(!all.some((u) => u.username === username), 'not created');
	}
	/* Nor promote someone of the municipality. */
	const u = await L.createUser();
	const p = await hani.s.post(`/admin/users/${u.id}`, { full_name: 'Promoted', role: 'sysadmin',
		scope: 'country', agency: ids.qps.id, active: 1, version: u.version });
	assert.equal(p.status, 400);
	assert.equal((await admin.get(`/api/v1/users/${u.id}`)).json().role, 'caseworker');
	/* What they may do: a caseworker of their own agency. */
	const ok = await hani.api.post('/api/v1/users', { username: L.uniq('k'), full_name: 'Allowed',
		password: 'Long-enough-1', role: 'caseworker', agency: ids.qps.id });
	assert.equal(ok.status, 201, ok.text);
});

test('a Kosovo municipal admin cannot place users or agencies in Albania', async () => {
	const r = await hani.api.post('/api/v1/users', { username: L.uniq('x'), full_name: 'Abroad',
		password: 'Long-enough-1', role: 'caseworker', agency: ids.njmf });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'agency');
	const w = await hani.s.post('/admin/users', { username: L.uniq('x'), full_name: 'Abroad',
		password: 'Long-enough-1', role: 'caseworker', agency: ids.njmf });
	assert.equal(w.status, 400);
	/* The new-user form does not offer the Albanian agency. */
	assert.ok(!(await hani.s.get('/admin/users/new')).text.includes('NJMF-TIRANE'));
	for (const [municipality, country] of [[ids.tirana], [ids.prishtina], [undefined, 'XK'], [undefined, 'AL']]) {
		const code = L.uniq('X').toUpperCase().slice(0, 16);
		const a = await hani.api.post('/api/v1/agencies', { code, name: 'Abroad', type: 'school', municipality, country });
		assert.equal(a.status, 400, `agency in ${municipality || country}`);
		assert.equal(a.json().field, 'municipality');
		assert.ok(!(await admin.get('/api/v1/agencies')).json().agencies.some((x) => x.code === code));
	}
	/* Population figures: outside the municipality they do not exist. */
	const before = (await admin.get(`/api/v1/population?year=${THIS_YEAR}`)).json().municipalities
		.find((m) => m.municipality_id === ids.tirana);
	const pw = await hani.s.post('/admin/population', { municipality: ids.tirana, year: THIS_YEAR, children: 1 });
	assert.equal(pw.status, 404);
	const pj = await hani.api.put('/api/v1/population', { municipality: ids.tirana, year: THIS_YEAR, children: 1 });
	assert.equal(pj.status, 404);
	const after = (await admin.get(`/api/v1/population?year=${THIS_YEAR}`)).json().municipalities
		.find((m) => m.municipality_id === ids.tirana);
	assert.deepEqual(after, before);
	const mine = (await hani.api.get('/api/v1/population')).json().municipalities;
	assert.deepEqual(mine.map((m) => m.municipality_id), [ids.qps.municipality_id]);
});

test('and from Albania: admin.tirane sees no Kosovo user or agency', async () => {
	const tirane = { s: await L.login('admin.tirane'), api: await Api.as('admin.tirane') };
	const arta = (await L.userByName('arta')).id;
	assert.equal((await tirane.s.get(`/admin/users/${arta}`)).status, 404);
	assert.equal((await tirane.api.get(`/api/v1/users/${arta}`)).status, 404);
	assert.equal((await tirane.s.get(`/admin/agencies/${ids.qps.id}`)).status, 404);
	const list = (await tirane.api.get('/api/v1/users')).json().users;
	assert.ok(list.some((u) => u.username === 'pmf.tirane'));
	assert.ok(!list.some((u) => u.agency && u.agency.country === 'XK'));
});

test('a supervisor reads agencies of the scope and edits none', async () => {
	const besim = { s: await L.login('besim'), api: await Api.as('besim') };
	assert.equal((await besim.s.get(`/admin/agencies/${ids.qps.id}`)).status, 200);
	assert.equal((await besim.s.get(`/admin/agencies/${ids.njmf}`)).status, 404);
	const list = (await besim.api.get('/api/v1/agencies')).json().agencies;
	assert.ok(list.every((a) => a.municipality_id === ids.qps.municipality_id));
	assert.equal((await besim.s.post(`/admin/agencies/${ids.qps.id}`, { name: 'X', type: 'police' })).status, 403);
	assert.equal((await besim.api.get('/api/v1/users')).status, 403);
});
