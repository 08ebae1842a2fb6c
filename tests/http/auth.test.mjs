// auth.test.mjs — login lockout, a password set by an administrator (must
// be changed first), a password change ending the other sessions, the stale
// edit (409), and the audit trail of logins, user creation and reads.
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

const { http, Session, Api, FORM, JSONTYPE } = L;

let ta;	/* a system administrator of this file: session and API */

const ready = L.setup(async () => {
	const u = await L.readyUser({ role: 'sysadmin', agency: null });
	ta = { ...u, s: await L.login(u.username, u.password), api: await Api.as(u.username, u.password) };
});

const formLogin = (username, password) => http('/login', { method: 'POST',
	headers: { 'content-type': FORM }, body: L.formEncode({ username, password }) });
const apiLogin = (username, password) => http('/api/v1/tokens', { method: 'POST',
	headers: { 'content-type': JSONTYPE }, body: JSON.stringify({ username, password }) });

test('lockout after 5 failures: 429 with Retry-After even for the right password, audited', async () => {
	const u = await L.readyUser();
	const other = await L.readyUser();
	for (let i = 1; i <= 5; i++) {
		const r = i % 2 ? await formLogin(u.username, 'wrong password ' + i) :
			await apiLogin(u.username, 'wrong password ' + i);
		assert.equal(r.status, 401, `failure ${i}`);
	}
	const r = await formLogin(u.username, u.password);
	assert.equal(r.status, 429);
	const after = Number(r.headers.get('retry-after'));
	assert.ok(Number.isInteger(after) && after >= 60 && after <= 3600, 'Retry-After ' + r.headers.get('retry-after'));
	assert.ok(L.pageSays(r.text, 'error.login.locked'), 'the page says locked');
	assert.equal(r.setCookies.filter((c) => c.startsWith('rr_session=')).length, 0, 'no session');
	/* The API is locked too. */
	const a = await apiLogin(u.username, u.password);
	assert.equal(a.status, 429);
	assert.ok(Number(a.headers.get('retry-after')) >= 60);
	assert.equal(a.json().error, 'locked');
	/* Another user is not. */
	await L.login(other.username, other.password);
	/* Audited: five failures and the refusals while locked. */
	const e = (await L.auditEntries({ action: 'login', actor: u.username })).entries;
	const count = (action) => e.filter((x) => x.action === action).length;
	assert.equal(count('login.fail'), 5, JSON.stringify(e.map((x) => x.action)));
	assert.ok(count('login.locked') >= 2, JSON.stringify(e.map((x) => x.action)));
	assert.ok(e.every((x) => x.client === '127.0.0.1'), 'the client address is recorded');
	/* The home page of an auditor counts failed logins. */
	const aud = await L.readyUser({ role: 'auditor', agency: 'MPMS-XK' });
	const home = await (await L.login(aud.username, aud.password)).get('/');
	assert.match(home.text, /href="\/audit\?action=login\.fail"/);
	/* An administrator's password reset unlocks. */
	assert.equal((await ta.s.post(`/admin/users/${u.id}/password`, { password: 'Unlocked-pass-1' })).status, 303);
	const s = new Session();
	const ok = await s.post('/login', { username: u.username, password: 'Unlocked-pass-1' }, { csrf: false });
	assert.equal(ok.status, 303);
});

test('a password set by an administrator must be changed first; its sessions and tokens end', async () => {
	const u = await L.readyUser();
	const before = await L.login(u.username, u.password);
	const token = (await L.apiToken(u.username, u.password)).token;
	const r = await ta.s.post(`/admin/users/${u.id}/password`, { password: 'Admin-set-pass-1' });
	assert.equal(r.status, 303);
	assert.equal((await before.get('/')).status, 303, 'the old session ended');
	assert.equal((await http('/api/v1/me', { bearer: token })).status, 401, 'the old token revoked');
	assert.equal((await formLogin(u.username, u.password)).status, 401, 'the old password is gone');
	const s = await L.login(u.username, 'Admin-set-pass-1');
	/* Every page but the account sends to /account. */
	for (const p of ['/', '/login?lang=sq', '/admin/population', '/audit']) {
		const x = await s.get(p);
		if (p.startsWith('/login')) {
			assert.equal(x.status, 303, p);
			continue;
		}
		assert.ok(x.status === 303 || x.status === 403, `${p}: ${x.status}`);
		if (x.status === 303)
			assert.equal(x.location, '/account', p);
	}
	assert.equal((await s.get('/')).location, '/account');
	const lang = await s.post('/account/language', { lang: 'en' });
	assert.equal(lang.status, 303);
	assert.equal(lang.location, '/account', 'no other form either');
	const tok = await s.post('/account/tokens', { name: 'x' });
	assert.equal(tok.location, '/account');
	const acc = await s.get('/account');
	assert.equal(acc.status, 200);
	assert.ok(L.pageSays(acc.text, 'home.must_change'));
	/* No API token either until the password is changed (regression:
	 * the token let the holder of an administrator-set password skip it). */
	const refused = await http('/api/v1/tokens', { method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: u.username, password: 'Admin-set-pass-1' }) });
	assert.equal(refused.status, 403);
	assert.equal(refused.json().field, 'password');
	/* Change it: then everything works. */
	await L.changePassword(s, 'Admin-set-pass-1', 'My-own-pass-12');
	const s2 = await L.login(u.username, 'My-own-pass-12');
	const home = await s2.get('/');
	assert.equal(home.status, 200);
	assert.ok(!L.pageSays(home.text, 'home.must_change'));
	const me2 = await (await Api.as(u.username, 'My-own-pass-12')).get('/api/v1/me');
	assert.equal(me2.json().must_change_password, false);
	/* The new password must differ from the username and be long enough. */
	const weak = await s2.post('/account/password', { old_password: 'My-own-pass-12',
		new_password: u.username, new_password2: u.username });
	assert.equal(weak.status, 400);
});

test('a password change ends the other sessions; the old password is dead', async () => {
	const u = await L.readyUser();
	const a = await L.login(u.username, u.password);
	const b = await L.login(u.username, u.password);
	const bToken = b.token;
	await L.changePassword(a, u.password, 'Changed-pass-123');
	assert.equal((await b.get('/')).status, 303, 'the other session ended');
	assert.equal((await b.get('/')).location, '/login');
	assert.equal((await http('/account', { cookie: 'rr_session=' + bToken })).status, 303);
	assert.equal(a.token, undefined, 'this session logged out too (cookie cleared)');
	const flash = await a.get('/login');
	assert.ok(L.pageSays(flash.text, 'flash.password_changed'));
	assert.equal((await formLogin(u.username, u.password)).status, 401);
	await L.login(u.username, 'Changed-pass-123');
	const e = (await L.auditEntries({ actor: u.username, action: 'password.change' })).entries;
	assert.equal(e.length, 2, 'the first change (readyUser) and this one');
});

test('a wrong old password does not change the password and counts as a failed login', async () => {
	const u = await L.readyUser();
	const s = await L.login(u.username, u.password);
	const r = await s.post('/account/password', { old_password: 'not the password',
		new_password: 'Another-pass-12', new_password2: 'Another-pass-12' });
	assert.equal(r.status, 400);
	assert.equal((await s.get('/')).status, 200, 'still logged in');
	await L.login(u.username, u.password);
	const e = (await L.auditEntries({ actor: u.username, action: 'login.fail' })).entries;
	assert.equal(e.length, 1);
});

test('a user edit with a stale version → 409 and the form again, nothing saved', async () => {
	const u = await L.createUser();
	const hani = await L.agencyByCode('QPS-HANI');
	const v0 = u.version;
	const first = await ta.s.post(`/admin/users/${u.id}`, { full_name: 'First Save', role: 'caseworker',
		scope: 'team', agency: hani.id, active: 1, version: v0 });
	assert.equal(first.status, 303);
	const stale = await ta.s.post(`/admin/users/${u.id}`, { full_name: 'Second Save', role: 'supervisor',
		scope: 'unit', agency: hani.id, active: 1, version: v0 });
	assert.equal(stale.status, 409);
	assert.match(stale.headers.get('content-type'), /^text\/html/);
	assert.ok(L.pageSays(stale.text, 'error.conflict'), L.alertsOf(stale.text).join());
	assert.match(stale.text, /<form method="post" action="\/admin\/users\/\d+"/, 'the form again');
	assert.ok(stale.text.includes(`name="version" value="${v0 + 1}"`), 'with the current version');
	assert.ok(stale.text.includes('First Save'), 'showing what is saved');
	const now = (await ta.api.get(`/api/v1/users/${u.id}`)).json();
	assert.equal(now.full_name, 'First Save');
	assert.equal(now.role, 'caseworker');
	assert.equal(now.version, v0 + 1);
	/* A version from the future is stale too. */
	const future = await ta.s.post(`/admin/users/${u.id}`, { full_name: 'Future', role: 'caseworker',
		scope: 'team', agency: hani.id, active: 1, version: v0 + 5 });
	assert.equal(future.status, 409);
});

test('nobody disables themselves or changes their own role', async () => {
	const me = (await ta.api.get('/api/v1/me')).json();
	const u = (await ta.api.get(`/api/v1/users/${me.id}`)).json();
	const off = await ta.s.post(`/admin/users/${me.id}`, { full_name: u.full_name, role: 'sysadmin',
		scope: 'country', version: u.version });
	assert.equal(off.status, 400);
	const demote = await ta.s.post(`/admin/users/${me.id}`, { full_name: u.full_name, role: 'caseworker',
		scope: 'team', agency: (await L.agencyByCode('QPS-HANI')).id, active: 1, version: u.version });
	assert.equal(demote.status, 400);
	assert.equal((await ta.api.get('/api/v1/me')).json().role, 'sysadmin');
	assert.equal((await ta.s.get('/')).status, 200);
});

test('disabling a user ends their sessions and tokens; they cannot log in', async () => {
	const u = await L.readyUser();
	const s = await L.login(u.username, u.password);
	const token = (await L.apiToken(u.username, u.password)).token;
	const cur = (await ta.api.get(`/api/v1/users/${u.id}`)).json();
	const r = await ta.s.post(`/admin/users/${u.id}`, { full_name: cur.full_name, role: 'caseworker',
		scope: 'team', agency: cur.agency.id, version: cur.version });	/* active left out: off */
	assert.equal(r.status, 303);
	assert.equal((await ta.api.get(`/api/v1/users/${u.id}`)).json().active, false);
	assert.equal((await s.get('/')).status, 303);
	assert.equal((await http('/api/v1/me', { bearer: token })).status, 401);
	assert.equal((await formLogin(u.username, u.password)).status, 401);
	assert.equal((await apiLogin(u.username, u.password)).status, 401);
});

test('the audit trail: logins, user creation, reads of user records, searches', async () => {
	const u = await L.readyUser();
	/* A login. */
	await L.login(u.username, u.password);
	let e = (await L.auditEntries({ actor: u.username, action: 'login' })).entries;
	const logins = e.filter((x) => x.action === 'login');
	assert.ok(logins.length >= 2, 'readyUser and this login');
	assert.equal(logins[0].object_type, 'user');
	assert.equal(logins[0].object_id, u.id);
	assert.equal(logins[0].client, '127.0.0.1');
	/* Creation, through the web. */
	const username = L.uniq('a');
	const c = await ta.s.post('/admin/users', { username, full_name: 'Audited Person', password: 'Long-enough-1',
		role: 'caseworker', agency: (await L.agencyByCode('QPS-HANI')).id });
	assert.equal(c.status, 303);
	const id = Number(/(\d+)$/.exec(c.location)[1]);
	e = (await L.auditEntries({ actor: ta.username, action: 'user.create' })).entries;
	assert.ok(e.some((x) => x.object_id === id && x.object_type === 'user'), 'user.create of the new id');
	/* Reads of the record: web and API, each audited with the reader. */
	const since = await L.lastAuditId(ta.username);
	assert.equal((await ta.s.get(`/admin/users/${id}`)).status, 200);
	assert.equal((await ta.api.get(`/api/v1/users/${id}`)).status, 200);
	assert.equal((await ta.s.get('/admin/users')).status, 200);
	e = (await L.auditEntries({ actor: ta.username })).entries.filter((x) => x.id > since);
	assert.equal(e.filter((x) => x.action === 'user.read' && x.object_id === id).length, 2);
	assert.ok(e.some((x) => x.action === 'user.list'));
	/* Searching the trail is audited too. */
	const aud = await L.auditEntries({ action: 'audit.search' });
	assert.ok(aud.entries.some((x) => x.actor === 'auditor'));
	/* Dates filter: nothing before 2000. */
	const old = await L.auditEntries({ to: '1999-12-31' });
	assert.equal(old.total, 0);
});
