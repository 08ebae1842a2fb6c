// routes.test.mjs — every route of `rrjeti routes`, from the binary (a new
// route is checked automatically, or fails "every route is covered"):
//
//   logged out        web GET 303 to /login, web POST 401, API 401
//   wrong role        403 (a role the `routes --matrix` denies)
//   CSRF              403 without, with an empty, a wrong or another
//                     session's token; nothing written
//   oversized body    413 past 4 KiB before login, 64 KiB (form) and
//                     256 KiB (JSON) after; not at the limit itself
//   invalid fields    400 naming the field: unknown, repeated, wrong type,
//                     out of range, missing, too long, control characters;
//                     invalid UTF-8, NUL and C0/C1 bytes refuse the whole body
//   happy path        the expected status and content
//
// The declarations below mirror src/app/routes.c; the first test checks
// them against the binary.
import { test as nodeTest, describe } from 'node:test';
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

const ROUTES = L.routes();
/* Who may use what: the reviewed golden file, not the binary under test. */
const MATRIX = L.matrix(true);

// ---------------------------------------------------------------- field declarations

const LANGS = ['sq', 'en', 'sr'];
const ROLES = ['caseworker', 'supervisor', 'table_member', 'provider_user',
	'community_member', 'municipal_admin', 'central_analyst', 'auditor', 'sysadmin', 'donor'];
const SCOPES = ['own', 'team', 'unit', 'municipality', 'country', 'aggregate'];
const TYPES = ['social_work', 'police', 'school', 'health', 'provider', 'ministry', 'community'];
const COUNTRIES = ['XK', 'AL'];
const INT64_MAX = '9223372036854775807';

const line = (min, max, required = false) => ({ type: 'line', min, max, required });
const pw = (required = true) => ({ type: 'password', required });
const int = (min, max, required = false) => ({ type: 'int', min, max, required });
const id = (required = false) => ({ type: 'id', required });
const oneOf = (set, required = false) => ({ type: 'enum', set, required });
const bool = () => ({ type: 'bool', required: false });
const date = () => ({ type: 'date', required: false });
const text = (min, max, required = false) => ({ type: 'text', min, max, required });

const F = {
	login_form: { lang: oneOf(LANGS) },
	login: { username: line(1, 64, true), password: pw() },
	password: { old_password: pw(), new_password: pw(), new_password2: pw() },
	language: { lang: oneOf(LANGS, true) },
	token: { name: line(0, 64) },
	users_list: { agency: id(), page: int(1, 100000) },
	user_create: {
		username: line(3, 32, true), full_name: line(1, 100, true), password: pw(),
		role: oneOf(ROLES, true), scope: oneOf(SCOPES), agency: id(), team: id(),
		lang: oneOf(LANGS), donor: id(),
	},
	user_update: {
		full_name: line(1, 100, true), role: oneOf(ROLES, true), scope: oneOf(SCOPES, true),
		agency: id(), team: id(), active: bool(), version: int(1, INT64_MAX, true),
	},
	user_reset: { password: pw() },
	agency_create: {
		code: line(2, 16, true), name: line(1, 120, true), type: oneOf(TYPES, true),
		municipality: id(), country: oneOf(COUNTRIES),
	},
	agency_update: { name: line(1, 120, true), type: oneOf(TYPES, true), active: bool() },
	team: { name: line(1, 80, true) },
	population_view: { year: int(1990, 2100) },
	population_set: {
		municipality: id(true), year: int(1990, 2100, true), children: int(0, 2000000, true),
		estimated: bool(), source: line(0, 100),
	},
	audit: { actor: line(0, 64), action: line(0, 64), from: date(), to: date(), page: int(1, 100000) },
	api_token: { username: line(1, 64, true), password: pw(), name: line(0, 64) },
};

// ---------------------------------------------------------------- fixtures

const fx = {};
const THIS_YEAR = new Date().getFullYear();

/* A user of this file: logged in on the web and with an API token. */
async function actor(u) {
	return { ...u, s: await L.login(u.username, u.password), api: await Api.as(u.username, u.password) };
}

const ready = L.setup(async () => {
	const [ta, target, comm, cw, sup, ana, aud, muni] = await Promise.all([
		L.readyUser({ role: 'sysadmin', agency: null }),
		L.createUser({ role: 'caseworker' }),
		L.readyUser({ role: 'community_member' }),
		L.readyUser({ role: 'caseworker' }),
		L.readyUser({ role: 'supervisor' }),
		L.readyUser({ role: 'central_analyst', agency: 'MPMS-XK' }),
		L.readyUser({ role: 'auditor', agency: 'MPMS-XK' }),
		L.readyUser({ role: 'municipal_admin' }),
	]);
	fx.ta = await actor(ta);
	/* A second session of the same user, for its CSRF token. */
	fx.ta2 = await L.login(ta.username, ta.password);
	fx.aud = await actor(aud);
	fx.target = target;
	fx.hani = await L.agencyByCode('QPS-HANI');
	const code = L.uniq('AG').toUpperCase().slice(0, 16);
	const r = await fx.ta.api.post('/api/v1/agencies', {
		code, name: 'Agjencia ' + code, type: 'police', municipality: fx.hani.municipality_id,
	});
	assert.equal(r.status, 201, r.text);
	fx.agency = r.json();
	fx.token = await L.apiToken(ta.username, ta.password, 'fixture');
	/* A user of each role the matrix may deny, by its column. */
	fx.byRole = {
		case: await actor(cw), comm: await actor(comm), supe: await actor(sup),
		cent: await actor(ana), audi: fx.aud, muni: await actor(muni), sysa: fx.ta,
	};
});

// ---------------------------------------------------------------- the routes

const hex43 = () => Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256)))
	.toString('base64url');

/*
 * Per route name: fields (the declaration), valid (values that pass the
 * field checks), good (fields of a request that would succeed: used to show
 * that a refused one wrote nothing), path (the concrete URL), happy (the
 * happy path). Every route of the binary must be here.
 */
const SPEC = {
	'login.form': {
		fields: F.login_form, valid: {},
		async happy() {
			const r = await http('/login');
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
			assert.match(r.text, /<form method="post" action="\/login"/);
			assert.equal(r.setCookies.filter((c) => c.startsWith('rr_session=')).length, 0);
			const en = await http('/login?lang=en');
			assert.equal(en.status, 200);
			assert.match(en.text, /<html lang="en">/);
			const c = en.setCookies.find((x) => x.startsWith('rr_lang=en'));
			assert.ok(c, 'rr_lang cookie');
			assert.match(c, /HttpOnly/);
			assert.match(c, /SameSite=Strict/);
			/* The language cookie is honoured before login. */
			const again = await http('/login', { cookie: 'rr_lang=sr' });
			assert.match(again.text, /<html lang="sr">/);
			/* Logged in: sent home. */
			const s = await http('/login', { cookie: fx.ta.s.cookie });
			assert.equal(s.status, 303);
			assert.equal(s.location, '/');
		},
	},
	login: {
		fields: F.login, valid: { get username() { return L.uniq('nobody'); }, password: 'x' },
		async happy() {
			const u = await L.readyUser();
			const s = new Session();
			const r = await s.post('/login', { username: u.username, password: u.password }, { csrf: false });
			assert.equal(r.status, 303);
			assert.equal(r.location, '/');
			const c = r.setCookies.find((x) => x.startsWith('rr_session='));
			assert.match(c, /^rr_session=[A-Za-z0-9_-]{43}; /);
			assert.match(c, /; HttpOnly/);
			assert.match(c, /; SameSite=Strict/);
			assert.match(c, /; Path=\//);
			const home = await s.get('/');
			assert.equal(home.status, 200);
			assert.ok(home.text.includes(L.htmlEscape('Test ' + u.username)));
			/* Wrong password and unknown user: 401, the same message. */
			const bad = await http('/login', { method: 'POST', headers: { 'content-type': FORM },
				body: L.formEncode({ username: u.username, password: 'wrong password' }) });
			assert.equal(bad.status, 401);
			assert.ok(L.pageSays(bad.text, 'error.login.failed'));
			assert.equal(bad.setCookies.filter((x) => x.startsWith('rr_session=')).length, 0);
			const nobody = await http('/login', { method: 'POST', headers: { 'content-type': FORM },
				body: L.formEncode({ username: 'nobody' + L.uniq(), password: 'wrong password' }) });
			assert.equal(nobody.status, 401);
			assert.ok(L.pageSays(nobody.text, 'error.login.failed'));
		},
	},
	static: {
		path: () => '/static/app.css',
		async happy() {
			const r = await http('/static/app.css');
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/css/);
			assert.match(r.headers.get('etag'), /^"[0-9a-f]{16}"$/);
			assert.match(r.headers.get('cache-control'), /public, max-age=\d+/);
			assert.ok(r.text.length > 0);
			const js = await http('/static/app.js');
			assert.equal(js.status, 200);
			assert.match(js.headers.get('content-type'), /^text\/javascript/);
			assert.equal((await http('/static/nope.css')).status, 404);
		},
	},
	healthz: {
		async happy() {
			const r = await http('/healthz');
			assert.equal(r.status, 200);
			assert.equal(r.text, 'ok\n');
			assert.match(r.headers.get('content-type'), /^text\/plain/);
		},
	},
	metrics: {
		async happy() {
			await http('/healthz');
			const r = await http('/metrics');
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
			assert.match(r.text, /^rrjeti_http_requests_total\{route="healthz",method="GET",status="200"\} \d+$/m);
		},
	},
	home: {
		async happy() {
			const r = await fx.ta.s.get('/');
			assert.equal(r.status, 200);
			assert.match(r.text, /<h1>/);
			assert.ok(r.text.includes(L.htmlEscape('Test ' + fx.ta.username)));
			assert.match(r.text, /href="\/admin\/users"/);	/* the sysadmin's menu */
			const cw = await fx.byRole.case.s.get('/');
			assert.equal(cw.status, 200);
			assert.doesNotMatch(cw.text, /href="\/admin\/users"/);	/* not a caseworker's */
		},
	},
	logout: {
		good: () => ({}),
		async happy() {
			const s = await L.login(fx.ta.username, fx.ta.password);
			const old = s.cookie;
			const r = await s.post('/logout');
			assert.equal(r.status, 303);
			assert.equal(r.location, '/login');
			assert.ok(r.setCookies.some((c) => /^rr_session=;.*Max-Age=0/.test(c)), 'cookie cleared');
			const after = await http('/', { cookie: old });
			assert.equal(after.status, 303, 'the old session is dead');
			assert.equal(after.location, '/login');
		},
	},
	account: {
		async happy() {
			const r = await fx.ta.s.get('/account');
			assert.equal(r.status, 200);
			assert.ok(r.text.includes(fx.ta.username));
			for (const a of ['/account/password', '/account/language', '/account/tokens'])
				assert.match(r.text, new RegExp(`action="${a}[#"]`), a);
			assert.ok(L.csrfOf(r.text));
		},
	},
	'account.password': {
		fields: F.password,
		valid: { old_password: 'a', new_password: 'b', new_password2: 'b' },
		good: () => ({ old_password: fx.ta.password, new_password: 'Never-Used-1', new_password2: 'Never-Used-1' }),
		async happy() {
			const u = await L.readyUser();
			const s = await L.login(u.username, u.password);
			const r = await s.post('/account/password', {
				old_password: u.password, new_password: 'Fresh-pass-' + u.username,
				new_password2: 'Fresh-pass-' + u.username,
			});
			assert.equal(r.status, 303);
			assert.equal(r.location, '/login');
			await L.login(u.username, 'Fresh-pass-' + u.username);
			const old = await http('/login', { method: 'POST', headers: { 'content-type': FORM },
				body: L.formEncode({ username: u.username, password: u.password }) });
			assert.equal(old.status, 401);
			/* Rules of the service: 400 naming the field. */
			const s2 = await L.login(u.username, 'Fresh-pass-' + u.username);
			for (const [body, field, key] of [
				[{ old_password: 'wrong-wrong', new_password: 'Abcdefghij1', new_password2: 'Abcdefghij1' }, 'old_password', 'error.password.wrong'],
				[{ old_password: 'Fresh-pass-' + u.username, new_password: 'Abcdefghij1', new_password2: 'Abcdefghij2' }, 'new_password2', 'error.password.mismatch'],
				[{ old_password: 'Fresh-pass-' + u.username, new_password: 'short', new_password2: 'short' }, 'new_password', 'error.password.short'],
			]) {
				const x = await s2.post('/account/password', body);
				assert.equal(x.status, 400, field);
				assert.ok(namedIn(x.text, field), `${field} named: ${L.alertsOf(x.text)}`);
				assert.ok(saysIn(x.text, key), key);
			}
		},
	},
	'account.language': {
		fields: F.language, valid: { lang: 'sq' },
		good: () => ({ lang: 'sr' }),
		async happy() {
			const u = await L.readyUser();
			const s = await L.login(u.username, u.password);
			const r = await s.post('/account/language', { lang: 'en' });
			assert.equal(r.status, 303);
			assert.equal(r.location, '/account');
			const a = await s.get('/account');
			assert.match(a.text, /<html lang="en">/);
			assert.ok(L.pageSays(a.text, 'flash.saved'));
			const me = await (await Api.as(u.username, u.password)).get('/api/v1/me');
			assert.equal(me.json().lang, 'en');
		},
	},
	'account.token.create': {
		fields: F.token, valid: {},
		good: () => ({ name: 'never' }),
		async happy() {
			const r = await fx.ta.s.post('/account/tokens', { name: 'web-made' });
			assert.equal(r.status, 200);
			const m = /<code class="token">(rrj_[A-Za-z0-9_-]{43})<\/code>/.exec(r.text);
			assert.ok(m, 'the new token is shown');
			const me = await http('/api/v1/me', { bearer: m[1] });
			assert.equal(me.status, 200);
			assert.equal(me.json().username, fx.ta.username);
			const again = await fx.ta.s.get('/account');
			assert.ok(!again.text.includes(m[1]), 'shown once only');
			assert.ok(again.text.includes('web-made'));
		},
	},
	'account.token.revoke': {
		path: () => `/account/tokens/${fx.token.id}/revoke`,
		good: () => ({}),
		async happy() {
			const t = await L.apiToken(fx.ta.username, fx.ta.password, 'to-revoke');
			assert.equal((await http('/api/v1/me', { bearer: t.token })).status, 200);
			const r = await fx.ta.s.post(`/account/tokens/${t.id}/revoke`);
			assert.equal(r.status, 303);
			assert.equal(r.location, '/account');
			assert.equal((await http('/api/v1/me', { bearer: t.token })).status, 401);
			/* Another user's token: 404, and it still works. */
			const other = await L.apiToken(fx.aud.username, fx.aud.password, 'not-yours');
			const x = await fx.ta.s.post(`/account/tokens/${other.id}/revoke`);
			assert.equal(x.status, 404);
			assert.equal((await http('/api/v1/me', { bearer: other.token })).status, 200);
			assert.equal((await fx.ta.s.post('/account/tokens/99999999/revoke')).status, 404);
			assert.equal((await fx.ta.s.post('/account/tokens/abc/revoke')).status, 404);
		},
	},
	users: {
		fields: F.users_list, valid: {},
		async happy() {
			/* Sorted by username, 50 a page: other tests add users. */
			const r = await fx.ta.s.get('/admin/users');
			assert.equal(r.status, 200);
			const rows = r.text.match(/<a href="\/admin\/users\/\d+">/g) || [];
			assert.ok(rows.length > 0 && rows.length <= 50, 'rows: ' + rows.length);
			const njmf = await L.agencyByCode('NJMF-TIRANE');
			const f = await fx.ta.s.get('/admin/users?agency=' + njmf.id);
			assert.equal(f.status, 200);
			assert.ok(f.text.includes('>pmf.tirane</a>'));
			assert.ok(f.text.includes('>admin.tirane</a>'));
			assert.ok(!f.text.includes('>admin.hani</a>'), 'filtered by agency');
			assert.equal((await fx.ta.s.get('/admin/users?page=2')).status, 200);
		},
	},
	'users.new': {
		async happy() {
			const r = await fx.ta.s.get('/admin/users/new');
			assert.equal(r.status, 200);
			assert.match(r.text, /<form method="post" action="\/admin\/users"/);
			assert.match(r.text, /<option value="sysadmin"/);
		},
	},
	'users.create': {
		fields: F.user_create,
		valid: { username: 'valid', full_name: 'Valid Name', password: 'x', role: 'caseworker' },
		good: () => ({ username: L.uniq('never'), full_name: 'Never Made', password: 'Long-enough-1',
			role: 'caseworker', agency: fx.hani.id }),
		async happy() {
			const username = L.uniq('w');
			const r = await fx.ta.s.post('/admin/users', { username, full_name: 'Web Made', password: 'Long-enough-1',
				role: 'supervisor', agency: fx.hani.id, lang: 'en' });
			assert.equal(r.status, 303, r.text.slice(0, 500));
			const m = /^\/admin\/users\/(\d+)$/.exec(r.location);
			assert.ok(m, r.location);
			const v = await fx.ta.s.get(r.location);
			assert.equal(v.status, 200);
			assert.ok(v.text.includes(`(${username})`));
			assert.ok(L.pageSays(v.text, 'flash.user_created'));
			/* The new user must change the password first. */
			const s = await L.login(username, 'Long-enough-1');
			assert.equal((await s.get('/')).location, '/account');
			/* A taken username: 400 naming it. */
			const dup = await fx.ta.s.post('/admin/users', { username, full_name: 'Again', password: 'Long-enough-1',
				role: 'supervisor', agency: fx.hani.id });
			assert.equal(dup.status, 400);
			assert.ok(namedIn(dup.text, 'username'));
			assert.ok(saysIn(dup.text, 'error.username.taken'));
			/* A weak password, an invalid username, no agency: 400 naming each. */
			for (const [body, field, key] of [
				[{ username: L.uniq('w'), full_name: 'X', password: 'short', role: 'caseworker', agency: fx.hani.id }, 'password', 'error.password.short'],
				[{ username: 'Bad Name', full_name: 'X', password: 'Long-enough-1', role: 'caseworker', agency: fx.hani.id }, 'username', 'error.username.invalid'],
				[{ username: L.uniq('w'), full_name: 'X', password: 'Long-enough-1', role: 'caseworker' }, 'agency', 'error.field.required'],
				[{ username: L.uniq('w'), full_name: 'X', password: 'Long-enough-1', role: 'caseworker', agency: 99999999 }, 'agency', 'error.field.invalid'],
			]) {
				const x = await fx.ta.s.post('/admin/users', body);
				assert.equal(x.status, 400, field);
				assert.ok(namedIn(x.text, field), `${field}: ${L.alertsOf(x.text)}`);
				assert.ok(saysIn(x.text, key), key);
			}
		},
	},
	'users.view': {
		path: () => `/admin/users/${fx.target.id}`,
		async happy() {
			const r = await fx.ta.s.get(`/admin/users/${fx.target.id}`);
			assert.equal(r.status, 200);
			assert.ok(r.text.includes(`(${fx.target.username})`));
			assert.match(r.text, /<input type="hidden" name="version" value="\d+">/);
			assert.equal((await fx.ta.s.get('/admin/users/99999999')).status, 404);
			assert.equal((await fx.ta.s.get('/admin/users/abc')).status, 404);
			assert.equal((await fx.ta.s.get('/admin/users/0')).status, 404);
		},
	},
	'users.update': {
		fields: F.user_update,
		path: () => `/admin/users/${fx.target.id}`,
		valid: { full_name: 'X', role: 'caseworker', scope: 'team', version: 1 },
		async good() {
			const u = (await fx.ta.api.get(`/api/v1/users/${fx.target.id}`)).json();
			return { full_name: 'Never Renamed', role: 'caseworker', scope: 'team', agency: fx.hani.id,
				active: 1, version: u.version };
		},
		async happy() {
			const u = await L.createUser();
			const r = await fx.ta.s.post(`/admin/users/${u.id}`, { full_name: 'Renamed Person', role: 'supervisor',
				scope: 'unit', agency: fx.hani.id, active: 1, version: u.version });
			assert.equal(r.status, 303, r.text.slice(0, 400));
			assert.equal(r.location, `/admin/users/${u.id}`);
			const after = (await fx.ta.api.get(`/api/v1/users/${u.id}`)).json();
			assert.equal(after.full_name, 'Renamed Person');
			assert.equal(after.role, 'supervisor');
			assert.equal(after.version, u.version + 1);
			assert.equal((await fx.ta.s.post('/admin/users/99999999', { full_name: 'X', role: 'caseworker',
				scope: 'team', version: 1 })).status, 404);
		},
	},
	'users.reset': {
		fields: F.user_reset,
		path: () => `/admin/users/${fx.target.id}/password`,
		valid: { password: 'x' },
		good: () => ({ password: 'Never-set-123' }),
		async happy() {
			const u = await L.readyUser();
			const r = await fx.ta.s.post(`/admin/users/${u.id}/password`, { password: 'Reset-by-admin-1' });
			assert.equal(r.status, 303);
			assert.equal(r.location, `/admin/users/${u.id}`);
			const s = await L.login(u.username, 'Reset-by-admin-1');
			assert.equal((await s.get('/')).location, '/account');
			const weak = await fx.ta.s.post(`/admin/users/${u.id}/password`, { password: 'short' });
			assert.equal(weak.status, 400);
			assert.ok(namedIn(weak.text, 'password'));
			assert.ok(saysIn(weak.text, 'error.password.short'));
			assert.equal((await fx.ta.s.post('/admin/users/99999999/password', { password: 'Reset-by-admin-1' })).status, 404);
		},
	},
	agencies: {
		async happy() {
			const r = await fx.ta.s.get('/admin/agencies');
			assert.equal(r.status, 200);
			assert.ok(r.text.includes('>QPS-HANI</a>'));
			assert.match(r.text, /<form method="post" action="\/admin\/agencies"/);
			const sup = await fx.byRole.supe.s.get('/admin/agencies');
			assert.equal(sup.status, 200);
			assert.ok(!sup.text.includes('action="/admin/agencies"'), 'a supervisor reads only');
		},
	},
	'agencies.create': {
		fields: F.agency_create,
		valid: { code: 'XX', name: 'N', type: 'police' },
		good: () => ({ code: L.uniq('NV').toUpperCase().slice(0, 16), name: 'Never', type: 'school',
			municipality: fx.hani.municipality_id }),
		async happy() {
			const code = L.uniq('W').toUpperCase().slice(0, 16);
			const r = await fx.ta.s.post('/admin/agencies', { code, name: 'Shkolla ' + code, type: 'school',
				municipality: fx.hani.municipality_id });
			assert.equal(r.status, 303, r.text.slice(0, 400));
			assert.match(r.location, /^\/admin\/agencies\/\d+$/);
			const v = await fx.ta.s.get(r.location);
			assert.equal(v.status, 200);
			assert.ok(v.text.includes(`(${code})`));
			const dup = await fx.ta.s.post('/admin/agencies', { code, name: 'Again', type: 'school',
				municipality: fx.hani.municipality_id });
			assert.equal(dup.status, 400);
			assert.ok(namedIn(dup.text, 'code'));
			assert.ok(saysIn(dup.text, 'error.code.taken'));
			const lower = await fx.ta.s.post('/admin/agencies', { code: 'lower', name: 'X', type: 'school',
				municipality: fx.hani.municipality_id });
			assert.equal(lower.status, 400);
			assert.ok(namedIn(lower.text, 'code'));
			/* A country-wide agency needs a country. */
			const none = await fx.ta.s.post('/admin/agencies', { code: L.uniq('C').toUpperCase().slice(0, 16),
				name: 'X', type: 'ministry' });
			assert.equal(none.status, 400);
			assert.ok(namedIn(none.text, 'municipality'));
		},
	},
	'agencies.view': {
		path: () => `/admin/agencies/${fx.agency.id}`,
		async happy() {
			const r = await fx.ta.s.get(`/admin/agencies/${fx.agency.id}`);
			assert.equal(r.status, 200);
			assert.ok(r.text.includes(`(${fx.agency.code})`));
			assert.equal((await fx.ta.s.get('/admin/agencies/99999999')).status, 404);
			assert.equal((await fx.ta.s.get('/admin/agencies/x')).status, 404);
		},
	},
	'agencies.update': {
		fields: F.agency_update,
		path: () => `/admin/agencies/${fx.agency.id}`,
		valid: { name: 'N', type: 'police' },
		good: () => ({ name: 'Never Renamed', type: 'police', active: 1 }),
		async happy() {
			const r = await fx.ta.s.post(`/admin/agencies/${fx.agency.id}`, { name: 'Policia e re', type: 'police', active: 1 });
			assert.equal(r.status, 303);
			assert.equal(r.location, `/admin/agencies/${fx.agency.id}`);
			const a = (await fx.ta.api.get('/api/v1/agencies')).json().agencies.find((x) => x.id === fx.agency.id);
			assert.equal(a.name, 'Policia e re');
			assert.equal(a.active, true);
			assert.equal((await fx.ta.s.post('/admin/agencies/99999999', { name: 'X', type: 'police' })).status, 404);
		},
	},
	'teams.create': {
		fields: F.team,
		path: () => `/admin/agencies/${fx.agency.id}/teams`,
		valid: { name: 'T' },
		good: () => ({ name: 'Never ' + L.uniq() }),
		async happy() {
			const name = 'Ekipi ' + L.uniq();
			const r = await fx.ta.s.post(`/admin/agencies/${fx.agency.id}/teams`, { name });
			assert.equal(r.status, 303);
			assert.equal(r.location, `/admin/agencies/${fx.agency.id}`);
			const v = await fx.ta.s.get(r.location);
			assert.ok(v.text.includes(`<li>${name} <span`));
			const dup = await fx.ta.s.post(`/admin/agencies/${fx.agency.id}/teams`, { name });
			assert.equal(dup.status, 400);
			assert.ok(namedIn(dup.text, 'name'));
			assert.ok(saysIn(dup.text, 'error.team.taken'));
			assert.equal((await fx.ta.s.post('/admin/agencies/99999999/teams', { name: 'X' })).status, 404);
		},
	},
	population: {
		fields: F.population_view, valid: {},
		async happy() {
			const r = await fx.ta.s.get('/admin/population');
			assert.equal(r.status, 200);
			assert.ok(r.text.includes(String(THIS_YEAR)));
			assert.ok(r.text.includes('Hani i Elezit'));
			const y = await fx.ta.s.get('/admin/population?year=2020');
			assert.equal(y.status, 200);
			assert.ok(y.text.includes('2020'));
			const ana = await fx.byRole.cent.s.get('/admin/population');
			assert.equal(ana.status, 200);
		},
	},
	'population.set': {
		fields: F.population_set,
		valid: { municipality: 1, year: 2024, children: 5 },
		good: () => ({ municipality: fx.hani.municipality_id, year: 1999, children: 4321 }),
		async happy() {
			const r = await fx.ta.s.post('/admin/population', { municipality: fx.hani.municipality_id, year: 2001,
				children: 1234, estimated: 1, source: 'ASK' });
			assert.equal(r.status, 303);
			assert.equal(r.location, '/admin/population?year=2001');
			const p = (await fx.ta.api.get('/api/v1/population?year=2001')).json();
			const row = p.municipalities.find((m) => m.municipality_id === fx.hani.municipality_id);
			assert.equal(row.children, 1234);
			assert.equal(row.estimated, true);
			assert.equal(row.source, 'ASK');
			const bad = await fx.ta.s.post('/admin/population', { municipality: 99999, year: 2001, children: 1 });
			assert.equal(bad.status, 400);
			assert.ok(namedIn(bad.text, 'municipality'), L.alertsOf(bad.text).join());
		},
	},
	audit: {
		fields: F.audit, valid: {},
		async happy() {
			const r = await fx.aud.s.get('/audit');
			assert.equal(r.status, 200);
			assert.match(r.text, /<code>[a-z.]+<\/code>/);
			const l = await fx.aud.s.get('/audit?action=login');
			assert.equal(l.status, 200);
			assert.match(l.text, /<code>login<\/code>/);
			const f = await fx.aud.s.get('/audit?action=user.create&from=01.01.2020&to=' + '2100-01-01');
			assert.equal(f.status, 200);
			assert.match(f.text, /<code>user\.create<\/code>/);
			assert.doesNotMatch(f.text, /<code>login<\/code>/);
			const order = await fx.aud.s.get('/audit?from=2024-02-01&to=2024-01-01');
			assert.equal(order.status, 400);
			assert.ok(namedIn(order.text, 'to'));
			assert.ok(saysIn(order.text, 'error.period.order'));
		},
	},
	'api.tokens.create': {
		fields: F.api_token, valid: { get username() { return L.uniq('nobody'); }, password: 'x' },
		async happy() {
			const r = await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE },
				body: JSON.stringify({ username: fx.ta.username, password: fx.ta.password, name: 'cli' }) });
			assert.equal(r.status, 201);
			assert.match(r.headers.get('content-type'), /^application\/json/);
			const j = r.json();
			assert.match(j.token, /^rrj_[A-Za-z0-9_-]{43}$/);
			assert.ok(Number.isInteger(j.id) && j.id > 0);
			assert.equal(j.expires_in, 90 * 86400);
			const bad = await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE },
				body: JSON.stringify({ username: fx.ta.username, password: 'wrong password' }) });
			assert.equal(bad.status, 401);
			assert.equal(bad.json().error, 'unauthorized');
		},
	},
	'api.tokens.list': {
		async happy() {
			const r = await fx.ta.api.get('/api/v1/tokens');
			assert.equal(r.status, 200);
			const ids = r.json().tokens.map((t) => t.id);
			assert.ok(ids.includes(fx.token.id));
			for (const t of r.json().tokens)
				for (const k of ['id', 'name', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
					assert.ok(k in t, k);
			assert.ok(!r.text.includes('rrj_'), 'no token text in the list');
		},
	},
	'api.tokens.revoke': {
		path: () => `/api/v1/tokens/${fx.token.id}`,
		async happy() {
			const t = await L.apiToken(fx.ta.username, fx.ta.password, 'to-delete');
			const api = new Api(t.token);
			assert.equal((await api.get('/api/v1/me')).status, 200);
			const r = await api.del(`/api/v1/tokens/${t.id}`);
			assert.equal(r.status, 204);
			assert.equal(r.text, '');
			const after = await api.get('/api/v1/me');
			assert.equal(after.status, 401);
			assert.equal(after.json().error, 'unauthorized');
			const other = await L.apiToken(fx.aud.username, fx.aud.password, 'not-yours');
			assert.equal((await fx.ta.api.del(`/api/v1/tokens/${other.id}`)).status, 404);
			assert.equal((await http('/api/v1/me', { bearer: other.token })).status, 200);
			assert.equal((await fx.ta.api.del('/api/v1/tokens/abc')).status, 404);
		},
	},
	'api.me': {
		async happy() {
			const r = await fx.ta.api.get('/api/v1/me');
			assert.equal(r.status, 200);
			const j = r.json();
			assert.equal(j.username, fx.ta.username);
			assert.equal(j.role, 'sysadmin');
			assert.equal(j.must_change_password, false);
			const cw = (await fx.byRole.case.api.get('/api/v1/me')).json();
			assert.equal(cw.role, 'caseworker');
			assert.equal(cw.agency.code, 'QPS-HANI');
		},
	},
	'api.municipalities': {
		async happy() {
			const r = await fx.byRole.case.api.get('/api/v1/municipalities');
			assert.equal(r.status, 200);
			const m = r.json().municipalities;
			assert.equal(m.filter((x) => x.country === 'XK').length, 38);
			assert.equal(m.filter((x) => x.country === 'AL').length, 61);
		},
	},
	'api.concerns': {
		async happy() {
			const r = await fx.byRole.case.api.get('/api/v1/concerns');
			assert.equal(r.status, 200);
			const c = r.json().concerns;
			assert.ok(c.length > 0);
			for (const k of ['code', 'label_sq', 'label_en', 'label_sr', 'restricted'])
				assert.ok(k in c[0], k);
		},
	},
	'api.agencies': {
		async happy() {
			const r = await fx.ta.api.get('/api/v1/agencies');
			assert.equal(r.status, 200);
			assert.ok(r.json().agencies.some((a) => a.code === 'QPS-HANI'));
			const sup = await fx.byRole.supe.api.get('/api/v1/agencies');
			assert.equal(sup.status, 200);
			assert.ok(!sup.json().agencies.some((a) => a.code === 'NJMF-TIRANE'), 'a supervisor sees the scope only');
		},
	},
	'api.agencies.create': {
		fields: F.agency_create,
		valid: { code: 'XX', name: 'N', type: 'police' },
		async happy() {
			const code = L.uniq('J').toUpperCase().slice(0, 16);
			const r = await fx.ta.api.post('/api/v1/agencies', { code, name: 'Qendra ' + code, type: 'health',
				municipality: fx.hani.municipality_id });
			assert.equal(r.status, 201, r.text);
			const j = r.json();
			assert.equal(j.code, code);
			assert.equal(j.type, 'health');
			assert.equal(j.country, 'XK');
			const dup = await fx.ta.api.post('/api/v1/agencies', { code, name: 'Again', type: 'health',
				municipality: fx.hani.municipality_id });
			assert.equal(dup.status, 400);
			assert.deepEqual(Object.keys(dup.json()).sort(), ['error', 'field', 'message']);
			assert.equal(dup.json().field, 'code');
			/* A country-wide agency: for a sysadmin, with a country. */
			const cw = await fx.ta.api.post('/api/v1/agencies', { code: L.uniq('M').toUpperCase().slice(0, 16),
				name: 'Ministria', type: 'ministry', country: 'AL' });
			assert.equal(cw.status, 201, cw.text);
			assert.equal(cw.json().municipality_id, null);
			assert.equal(cw.json().country, 'AL');
		},
	},
	'api.users': {
		fields: F.users_list, valid: {},
		async happy() {
			const r = await fx.ta.api.get('/api/v1/users');
			assert.equal(r.status, 200);
			const j = r.json();
			assert.equal(j.page, 1);
			assert.ok(j.users.length > 0 && j.users.length <= 100);
			const njmf = await L.agencyByCode('NJMF-TIRANE');
			const f = (await fx.ta.api.get('/api/v1/users?agency=' + njmf.id)).json();
			// Other test files add users there too (files run concurrently).
			const names = f.users.map((u) => u.username);
			assert.ok(names.includes('admin.tirane') && names.includes('pmf.tirane'), names.join());
			assert.ok(f.users.every((u) => u.agency && u.agency.id === njmf.id));
			const h = (await fx.ta.api.get('/api/v1/users?agency=' + fx.hani.id)).json();
			assert.ok(h.users.every((u) => u.agency && u.agency.id === fx.hani.id));
			assert.equal((await fx.ta.api.get('/api/v1/users?page=3')).json().page, 3);
		},
	},
	'api.users.create': {
		fields: F.user_create,
		valid: { username: 'valid', full_name: 'Valid Name', password: 'x', role: 'caseworker' },
		async happy() {
			const username = L.uniq('j');
			const r = await fx.ta.api.post('/api/v1/users', { username, full_name: 'Json Made',
				password: 'Long-enough-1', role: 'caseworker', agency: fx.hani.id, scope: 'own', lang: 'sr' });
			assert.equal(r.status, 201, r.text);
			const j = r.json();
			assert.equal(j.username, username);
			assert.equal(j.scope, 'own');
			assert.equal(j.lang, 'sr');
			assert.equal(j.active, true);
			const dup = await fx.ta.api.post('/api/v1/users', { username, full_name: 'X',
				password: 'Long-enough-1', role: 'caseworker', agency: fx.hani.id });
			assert.equal(dup.status, 400);
			assert.equal(dup.json().field, 'username');
			assert.ok(L.isMessage(dup.json().message, 'error.username.taken'));
		},
	},
	'api.users.get': {
		path: () => `/api/v1/users/${fx.target.id}`,
		async happy() {
			const r = await fx.ta.api.get(`/api/v1/users/${fx.target.id}`);
			assert.equal(r.status, 200);
			const j = r.json();
			assert.equal(j.username, fx.target.username);
			assert.ok(Number.isInteger(j.version));
			const nf = await fx.ta.api.get('/api/v1/users/99999999');
			assert.equal(nf.status, 404);
			assert.equal(nf.json().error, 'not_found');
			assert.equal((await fx.ta.api.get('/api/v1/users/abc')).status, 404);
		},
	},
	'api.population': {
		fields: F.population_view, valid: {},
		async happy() {
			const r = await fx.ta.api.get('/api/v1/population');
			assert.equal(r.status, 200);
			const j = r.json();
			assert.equal(j.year, THIS_YEAR);
			assert.equal(j.municipalities.length, 99);
			const mine = (await fx.byRole.muni.api.get('/api/v1/population')).json();
			assert.deepEqual(mine.municipalities.map((m) => m.municipality_id), [fx.hani.municipality_id]);
		},
	},
	'api.population.set': {
		fields: F.population_set,
		valid: { municipality: 1, year: 2024, children: 5 },
		async happy() {
			const r = await fx.ta.api.put('/api/v1/population', { municipality: fx.hani.municipality_id,
				year: 2002, children: 777, estimated: false, source: null });
			assert.equal(r.status, 204, r.text);
			const p = (await fx.ta.api.get('/api/v1/population?year=2002')).json();
			const row = p.municipalities.find((m) => m.municipality_id === fx.hani.municipality_id);
			assert.equal(row.children, 777);
			assert.equal(row.estimated, false);
			/* Outside a municipal administrator's municipality. */
			const tirana = (await fx.ta.api.get('/api/v1/municipalities')).json().municipalities
				.find((m) => m.code === 'AL53');
			const x = await fx.byRole.muni.api.put('/api/v1/population', { municipality: tirana.id,
				year: 2002, children: 1 });
			assert.ok([400, 403, 404].includes(x.status), `${x.status} ${x.text}`);
		},
	},
	'api.audit': {
		fields: F.audit, valid: {},
		async happy() {
			const r = await fx.aud.api.get('/api/v1/audit?action=login');
			assert.equal(r.status, 200);
			const j = r.json();
			assert.equal(j.page, 1);
			assert.ok(j.total > 0);
			assert.ok(j.entries.every((e) => e.action === 'login' || e.action.startsWith('login.')));
			for (const k of ['id', 'at', 'actor', 'action', 'object_type', 'object_id', 'client', 'detail'])
				assert.ok(k in j.entries[0], k);
		},
	},
};

/*
 * The routes of each domain are specified in their own module (so domains
 * are worked on apart): specs(ctx) returns more entries of SPEC, with the
 * same shape. ctx gives the field constructors, the fixture and the lib.
 */
const CTX = { line, pw, int, id, oneOf, bool, date, text, http, Session, Api, FORM, JSONTYPE, fx, L, hex43 };
for (const mod of [await import('./routes_intake.spec.mjs'), await import('./routes_cases.spec.mjs'),
	await import('./routes_deadlines.spec.mjs'), await import('./routes_documents.spec.mjs'),
	await import('./routes_casework.spec.mjs'), await import('./routes_closure.spec.mjs'),
	await import('./routes_children.spec.mjs'), await import('./routes_community.spec.mjs'),
	await import('./routes_conference.spec.mjs'), await import('./routes_notify.spec.mjs'),
	await import('./routes_training.spec.mjs'),
	await import('./routes_protect.spec.mjs'),
	await import('./routes_referral.spec.mjs'),
	await import('./routes_grant.spec.mjs'), await import('./routes_provider.spec.mjs'),
	await import('./routes_indicator.spec.mjs'),
	await import('./routes_report.spec.mjs'), await import('./routes_export.spec.mjs'),
	await import('./routes_import.spec.mjs')]) {
	for (const [name, spec] of Object.entries(mod.specs(CTX))) {
		assert.ok(!(name in SPEC), `route ${name} specified twice`);
		SPEC[name] = spec;
	}
}

// ---------------------------------------------------------------- helpers

function concrete(rt) {
	const s = SPEC[rt.name];
	return s && s.path ? s.path() : rt.pattern;
}

/* The user allowed to use a route (null: public). */
function allowed(rt) {
	if (rt.public)
		return null;
	/* A domain spec may name who uses its routes (as: () => user). */
	if (SPEC[rt.name] && SPEC[rt.name].as)
		return SPEC[rt.name].as();
	/* A domain's spec may name who uses its routes (as()). */
	if (SPEC[rt.name] && SPEC[rt.name].as)
		return SPEC[rt.name].as();
	return rt.perm === 'audit.read' ? fx.aud : fx.ta;
}

/* Case, child and intake routes answer a community member 404 (audited),
 * not 403: community.test.mjs checks that. */
const HIDDEN = ['case.read', 'case.write', 'case.supervise', 'child.read', 'intake'];

/* A user whose role the matrix denies the route, or null. */
function denied(rt) {
	const row = MATRIX[rt.method + ' ' + rt.pattern];
	for (const col of ['case', 'comm', 'supe', 'cent', 'audi', 'muni', 'sysa'])
		if (row && row[col] === false && !(col === 'comm' && HIDDEN.includes(rt.perm)))
			return fx.byRole[col];
	return null;
}

/* 1 when an alert of the page names field (its raw name or its label). */
function namedIn(html, field) {
	return L.alertsOf(html).some((a) => a.includes('(' + L.htmlEscape(field) + ')') ||
		L.messages('field.' + field).some((l) => a.includes(L.htmlEscape(l) + ': ')));
}

/* 1 when an alert of the page holds the message of key. */
function saysIn(html, key) {
	return L.alertsOf(html).some((a) => L.messages(key).some((m) => a.includes(L.htmlEscape(m))));
}

/*
 * Sends a request to route rt as user u (null: nobody) with the fields as
 * encoded pairs (form or query) or a JSON body text. opts.csrf as
 * Session.post().
 */
async function send(rt, u, { pairs = [], json, path, csrf } = {}) {
	const p = path || concrete(rt);
	const enc = pairs.map(([k, v]) => k + '=' + v).join('&');
	if (rt.api) {
		const api = u ? u.api : new Api(null);
		if (rt.body === 'json')
			return api.req(rt.method, p, json !== undefined ? json : '{}');
		return api.req(rt.method, p + (enc ? '?' + enc : ''));
	}
	const s = u ? u.s : new Session();
	if (rt.body === 'multipart')
		return s.req(p, multipartOf(pairs, csrf !== undefined ? csrf : u ? s.csrf : false));
	if (rt.body === 'form')
		return s.post(p, enc, { csrf: csrf !== undefined ? csrf : u ? undefined : false });
	return s.get(p + (enc ? '?' + enc : ''));
}

/*
 * Upload routes (multipart/form-data) take the encoded pairs as parts, the
 * bytes as the URL-encoding gives them; csrf as Session.post() (false:
 * none). A '"' in a name is escaped with a backslash.
 */
function multipartOf(pairs, csrf) {
	const B = 'rrjetiT' + hex43().replace(/[^A-Za-z0-9]/g, '');
	const dec = (x) => {
		const out = [];
		for (let i = 0; i < x.length; i++) {
			if (x[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(x.slice(i + 1, i + 3))) {
				out.push(parseInt(x.slice(i + 1, i + 3), 16));
				i += 2;
			} else
				out.push(...Buffer.from(x[i]));
		}
		return Buffer.from(out);
	};
	const all = csrf === false || csrf === null ? pairs : [['csrf', encodeURIComponent(csrf)], ...pairs];
	const parts = all.map(([k, v]) => Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="` +
		dec(k).toString('latin1').replace(/"/g, '\\"') + '"\r\n\r\n', 'latin1'), dec(v), Buffer.from('\r\n')]));
	return { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=' + B },
		body: Buffer.concat([...parts, Buffer.from(`--${B}--\r\n`)]) };
}

const encPairs = (obj) => Object.entries(obj).filter(([, v]) => v !== undefined)
	.map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(String(v))]);

async function goodFields(rt) {
	const s = SPEC[rt.name];
	return s.good ? await s.good() : s.valid || {};
}

// ---------------------------------------------------------------- invalid field cases

function sample(f) {
	switch (f.type) {
	case 'line': return 'x'.repeat(Math.max(f.min, 1));
	case 'password': return 'x';
	case 'int': return String(f.min);
	case 'id': return '1';
	case 'enum': return f.set[0];
	case 'bool': return '1';
	case 'date': return '2024-01-31';
	case 'text': return 'x'.repeat(Math.max(f.min, 1));
	}
	throw new Error('type ' + f.type);
}

/* Bytes no text field may hold, as URL-encoding and as JSON text. */
const BAD_BYTES = [
	['%FF', Buffer.from([0xff]), 'invalid UTF-8 (FF)'],
	['%C3%28', Buffer.from([0xc3, 0x28]), 'a broken UTF-8 sequence'],
	['%C0%80', Buffer.from([0xc0, 0x80]), 'an overlong NUL'],
	['%ED%A0%80', '\\ud800', 'a surrogate'],
	['%00', '\\u0000', 'NUL'],
	['%01', '\\u0001', 'a C0 control (01)'],
	['%1B', '\\u001b', 'ESC'],
	['%7F', '\\u007f', 'DEL'],
	['%C2%85', '\\u0085', 'a C1 control (U+0085)'],
];

/*
 * The invalid inputs of one field: { label, field (named in the answer, or
 * null when the whole body is refused), key (message), set (value, or
 * undefined to leave it out), bytes (a value the parser refuses), dup,
 * json (a JSON value) }.
 */
function fieldCases(name, f, valid, { anon, transport }) {
	const c = [];
	const good = valid[name] !== undefined ? String(valid[name]) : sample(f);
	const add = (label, key, x) => c.push({ label: `${name}: ${label}`, field: name, key, ...x });
	add('repeated', 'error.field.repeated', { dup: good });
	if (f.required) {
		add('missing', 'error.field.required', { set: undefined, omit: true });
		add('empty', 'error.field.required', { set: '' });
		add('null (JSON)', 'error.field.required', { json: null, only: 'json' });
	}
	switch (f.type) {
	case 'line':
		if (f.max) {
			add(`${f.max + 1} characters`, 'error.field.toolong', { set: 'x'.repeat(f.max + 1) });
			add(`${f.max + 1} two-byte characters`, 'error.field.toolong', { set: 'ë'.repeat(f.max + 1) });
			/* Within the body limits: 4 KiB before login, 2 KiB of URI. */
			if (!anon && transport !== 'query')
				add('10,000 characters', 'error.field.toolong', { set: 'y'.repeat(10000) });
		}
		if (f.min > 1)
			add(`${f.min - 1} characters`, 'error.field.tooshort', { set: 'x'.repeat(f.min - 1) });
		if (f.required)
			add('only spaces', 'error.field.required', { set: '   ' });
		add('a tab', 'error.field.line', { set: 'a\tb' });
		add('a line feed', 'error.field.line', { set: 'a\nb' });
		add('a carriage return', 'error.field.line', { set: 'a\rb' });
		add('an object (JSON)', 'error.json.scalar', { json: { a: 1 }, only: 'json' });
		break;
	case 'text':
		/* Line breaks are text; the limits count characters. */
		add(`${f.max + 1} characters`, 'error.field.toolong', { set: 'x'.repeat(f.max + 1) });
		/* Within the 64 KiB body limit once encoded (%C3%AB: 6 bytes). */
		if (6 * (f.max + 1) < 60000)
			add(`${f.max + 1} two-byte characters`, 'error.field.toolong', { set: 'ë'.repeat(f.max + 1) });
		if (f.required)
			add('only spaces and line breaks', 'error.field.required', { set: ' \n \r\n ' });
		add('an object (JSON)', 'error.json.scalar', { json: { a: 1 }, only: 'json' });
		break;
	case 'password':
		add('129 bytes', 'error.field.toolong', { set: 'x'.repeat(129) });
		add('65 two-byte characters', 'error.field.toolong', { set: 'ë'.repeat(65) });
		break;
	case 'int':
		for (const v of ['abc', '1.5', '1e3', '0x10', ' 1', '+1', '-', '12abc', '99999999999999999999'])
			add(`"${v}"`, 'error.field.number', { set: v });
		add('below the minimum', 'error.field.range', { set: String(BigInt(f.min) - 1n) });
		if (f.max === INT64_MAX)
			add('past 64 bits', 'error.field.number', { set: '9223372036854775808' });
		else
			add('above the maximum', 'error.field.range', { set: String(BigInt(f.max) + 1n) });
		add('a fraction (JSON)', 'error.json.scalar', { json: 1.5, only: 'json' });
		add('a list (JSON)', 'error.json.scalar', { json: [1], only: 'json' });
		break;
	case 'id':
		for (const v of ['abc', '0', '-1', '1.0', '1e2', '99999999999999999999'])
			add(`"${v}"`, 'error.field.number', { set: v });
		break;
	case 'enum':
		for (const v of ['bogus', f.set[0] === f.set[0].toUpperCase() ? f.set[0].toLowerCase() :
			f.set[0].toUpperCase(), f.set[0] + ' ', ' ' + f.set[0], f.set.join(',')])
			add(`"${v}"`, 'error.field.choice', { set: v });
		break;
	case 'bool':
		for (const v of ['yes', '2', 'TRUE', 'on1'])
			add(`"${v}"`, 'error.field.invalid', { set: v });
		break;
	case 'date':
		for (const v of ['abc', '2024-02-30', '31.02.2024', '2024-1-1', '1800-01-01', '01/02/2024'])
			add(`"${v}"`, 'error.field.date', { set: v });
		break;
	}
	if (f.type === 'line' || f.type === 'password' || f.type === 'text')
		for (const [enc, js, label] of BAD_BYTES)
			c.push({ label: `${name}: ${label}`, field: null, whole: true, bytes: [enc, js] });
	return c;
}

/* The request of a case, as pairs (form, query) or a JSON body. */
function caseRequest(rt, valid, name, k) {
	const obj = { ...valid };
	if (k.omit)
		delete obj[name];
	else if ('set' in k)
		obj[name] = k.set;
	if (rt.body === 'json') {
		if (k.dup !== undefined) {
			const rest = JSON.stringify({ ...valid, [name]: k.dup });
			return { json: rest.slice(0, -1) + ',' + JSON.stringify(name) + ':' + JSON.stringify(k.dup) + '}' };
		}
		if (k.bytes) {
			const [, js] = k.bytes;
			const head = JSON.stringify({ ...valid, [name]: 'a' });
			const at = head.lastIndexOf('"a"') + 2;
			const parts = [Buffer.from(head.slice(0, at)), Buffer.isBuffer(js) ? js : Buffer.from(js),
				Buffer.from(head.slice(at))];
			return { json: Buffer.concat(parts) };
		}
		if ('json' in k)
			obj[name] = k.json;
		return { json: JSON.stringify(obj) };
	}
	const pairs = encPairs(obj);
	if (k.dup !== undefined) {
		/* The field exactly twice. */
		const p = [encodeURIComponent(name), encodeURIComponent(k.dup)];
		const i = pairs.findIndex(([key]) => key === name);
		if (i >= 0)
			pairs[i] = p;
		else
			pairs.push(p);
		pairs.push(p);
	}
	if (k.bytes) {
		const i = pairs.findIndex(([key]) => key === name);
		const v = 'a' + k.bytes[0] + 'b';
		if (i >= 0)
			pairs[i] = [name, v];
		else
			pairs.push([name, v]);
	}
	return { pairs };
}

/* The problem with the answer to a refused input, or null. */
function checkRefusal(rt, r, field, key) {
	if (r.status !== 400)
		return `status ${r.status}, not 400`;
	if (rt.api) {
		let j;
		try {
			j = r.json();
		} catch (e) {
			return 'not JSON';
		}
		if (j.error !== 'invalid')
			return `error ${j.error}`;
		if (field !== null && j.field !== field)
			return `field ${JSON.stringify(j.field)}, not ${field}`;
		if (key && !L.isMessage(j.message, key))
			return `message "${j.message}", not ${key}`;
		return null;
	}
	if (!/^text\/html/.test(r.headers.get('content-type') || ''))
		return 'not HTML';
	if (field !== null && !namedIn(r.text, field))
		return `${field} not named in ${JSON.stringify(L.alertsOf(r.text))}`;
	if (key && !saysIn(r.text, key))
		return `no message ${key} in ${JSON.stringify(L.alertsOf(r.text))}`;
	return null;
}

// ---------------------------------------------------------------- the tests

test('every route of `rrjeti routes` is covered, its fields as declared here', () => {
	assert.ok(ROUTES.length >= 40, 'routes listed: ' + ROUTES.length);
	const missing = [];
	for (const rt of ROUTES) {
		const s = SPEC[rt.name];
		if (!s) {
			missing.push(`${rt.method} ${rt.pattern} (${rt.name}): route not covered`);
			continue;
		}
		if (typeof s.happy !== 'function')
			missing.push(`${rt.name}: no happy path`);
		if (/\{/.test(rt.pattern) && !s.path)
			missing.push(`${rt.name}: no concrete path for ${rt.pattern}`);
		if (rt.csrf && !s.good && !rt.fields.length)
			missing.push(`${rt.name}: no good request for the CSRF check`);
		const declared = Object.entries(s.fields || {}).map(([n, f]) => n + (f.required ? '*' : ''));
		const actual = rt.fields.map((f) => f.name + (f.required ? '*' : ''));
		if (declared.join(' ') !== actual.join(' '))
			missing.push(`${rt.name}: fields [${actual}] but the tests declare [${declared}]`);
		if (!MATRIX[rt.method + ' ' + rt.pattern])
			missing.push(`${rt.name}: not in tests/golden/authz_matrix.txt`);
	}
	for (const name of Object.keys(SPEC))
		if (!ROUTES.some((rt) => rt.name === name))
			missing.push(`${name}: tested but no longer a route`);
	assert.deepEqual(missing, []);
});

test('the binary\'s role x route matrix is the reviewed golden one', () => {
	assert.deepEqual(L.matrix(false), MATRIX);
});

for (const rt of ROUTES) {
	const title = `${rt.method} ${rt.pattern}`;
	describe(title, () => {
		if (!rt.public) {
			test('logged out: ' + (rt.api ? '401 with WWW-Authenticate' : rt.method === 'GET' ?
				'303 to /login' : '401'), async () => {
				const fields = await goodFields(rt);
				const variants = [
					['no credentials', {}],
					['a malformed session cookie', { cookie: 'rr_session=garbage' }],
					['an unknown session token', { cookie: 'rr_session=' + hex43() }],
					['a bogus bearer token', { bearer: 'rrj_' + hex43() }],
					['Basic authentication', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }],
				];
				/* A real credential of the wrong kind: a bearer token is
				 * never a web login, a session cookie never an API one. */
				if (rt.api)
					variants.push(['a valid session cookie', { cookie: fx.ta.s.cookie }]);
				else
					variants.push(['a valid bearer token', { bearer: fx.ta.api.token }]);
				const problems = [];
				for (const [what, v] of variants) {
					const opts = { method: rt.method, headers: { ...(v.headers || {}) }, cookie: v.cookie, bearer: v.bearer };
					if (rt.body === 'form') {
						opts.headers['content-type'] = FORM;
						opts.body = L.formEncode(fields);
					} else if (rt.body === 'json') {
						opts.headers['content-type'] = JSONTYPE;
						opts.body = JSON.stringify(fields);
					}
					const r = await http(concrete(rt), opts);
					if (rt.api) {
						if (r.status !== 401)
							problems.push(`${what}: ${r.status}`);
						else if (r.headers.get('www-authenticate') !== 'Bearer')
							problems.push(`${what}: WWW-Authenticate ${r.headers.get('www-authenticate')}`);
						else if (r.json().error !== 'unauthorized' || !L.isMessage(r.json().message, 'error.login.required'))
							problems.push(`${what}: ${r.text}`);
					} else if (rt.method === 'GET') {
						if (r.status !== 303 || r.location !== '/login')
							problems.push(`${what}: ${r.status} ${r.location}`);
					} else if (r.status !== 401 || !L.pageSays(r.text, 'error.login.required'))
						problems.push(`${what}: ${r.status}`);
				}
				assert.deepEqual(problems, []);
			});

			const who = () => denied(rt);
			test('wrong role: 403, nothing written', async (t) => {
				const u = who();
				if (u === null) {
					const row = MATRIX[rt.method + ' ' + rt.pattern];
					assert.ok(Object.values(row).slice(0, -1).every(Boolean), 'every role may use it');
					t.diagnostic('every role may use this route');
					return;
				}
				const since = await L.lastAuditId(u.username);
				const fields = await goodFields(rt);
				const r = await send(rt, u, rt.body === 'json' ? { json: JSON.stringify(fields) } :
					{ pairs: encPairs(fields) });
				assert.equal(r.status, 403, `${u.role} ${r.status} ${r.text.slice(0, 300)}`);
				if (rt.api) {
					assert.equal(r.json().error, 'forbidden');
					assert.ok(L.isMessage(r.json().message, 'error.denied'));
				} else
					assert.ok(L.pageSays(r.text, 'error.denied'), 'the page says denied');
				assert.deepEqual(await L.writesSince(u.username, since), []);
			});
		}

		if (rt.csrf) {
			test('CSRF: missing, empty, wrong or another session\'s token → 403, nothing written', async () => {
				const u = allowed(rt);
				const since = await L.lastAuditId(u.username);
				const fields = await goodFields(rt);
				const problems = [];
				for (const [what, csrf] of [
					['no token', false],
					['an empty token', ''],
					['a wrong token', hex43()],
					['a token one character off', u.s.csrf.slice(0, -1) + (u.s.csrf.endsWith('A') ? 'B' : 'A')],
					['a prefix of the token', u.s.csrf.slice(0, 20)],
					['the token of another session', fx.ta2.csrf],
				]) {
					const r = await send(rt, u, { pairs: encPairs(fields), csrf });
					if (r.status !== 403 || !L.pageSays(r.text, 'error.csrf'))
						problems.push(`${what}: ${r.status}`);
				}
				/* The token in the query string instead of the body. */
				const q = rt.body === 'multipart' ? await send(rt, u, { pairs: encPairs(fields), csrf: false,
					path: concrete(rt) + '?csrf=' + encodeURIComponent(u.s.csrf) }) :
					await u.s.post(concrete(rt) + '?csrf=' + encodeURIComponent(u.s.csrf),
						L.formEncode(fields), { csrf: false });
				if (q.status !== 400 && q.status !== 403)
					problems.push(`token in the query: ${q.status}`);
				/* Without the cookie, the token alone is nothing. */
				const anon = rt.body === 'multipart' ? await http(concrete(rt), multipartOf(encPairs(fields), u.s.csrf)) :
					await http(concrete(rt), { method: 'POST', headers: { 'content-type': FORM },
						body: 'csrf=' + encodeURIComponent(u.s.csrf) + '&' + L.formEncode(fields) });
				if (anon.status !== 401)
					problems.push(`token without the cookie: ${anon.status}`);
				assert.deepEqual(problems, []);
				assert.deepEqual(await L.writesSince(u.username, since), []);
				assert.equal((await u.s.get('/account')).status, 200, 'the session lives on');
			});
		}

		if (rt.body !== 'none') {
			/* Uploads (multipart, raw): src/http/limits.h LIMIT_BODY_UPLOAD. */
			const upload = rt.body === 'multipart' || rt.body === 'raw';
			test('oversized body → 413 (4 KiB before login, ' + (rt.body === 'json' ? '256 KiB' : upload ?
				'32 MiB' : '64 KiB') + ' after), not at the limit', async () => {
				const ctype = rt.body === 'json' ? JSONTYPE : FORM;
				const make = (n) => rt.body === 'json' ? '{"zz":"' + 'x'.repeat(n - 9) + '"}' :
					'zz=' + 'x'.repeat(n - 3);
				const problems = [];
				const check = async (what, n, bearer, cookie, want) => {
					const body = make(n);
					assert.equal(Buffer.byteLength(body), n);
					const r = await http(concrete(rt), { method: rt.method, headers: { 'content-type': ctype },
						body, bearer, cookie });
					if (want === 413 ? r.status !== 413 : r.status === 413 || r.status >= 500)
						problems.push(`${what} (${n} bytes): ${r.status}`);
					else if (want === 413 && rt.api && r.json().error !== 'too_large')
						problems.push(`${what}: ${r.text}`);
					else if (want === 413 && !rt.api && !L.pageSays(r.text, 'error.toobig'))
						problems.push(`${what}: no message`);
				};
				await check('logged out, 4 KiB + 1', 4097, undefined, undefined, 413);
				await check('logged out, 64 KiB', 65536, undefined, undefined, 413);
				await check('logged out, 4 KiB', 4096, undefined, undefined, 'not 413');
				{
					const u = fx.ta;
					const max = rt.body === 'json' ? 256 * 1024 : upload ? 32 * 1024 * 1024 : 64 * 1024;
					const cred = rt.api ? [u.api.token, undefined] : [undefined, u.s.cookie];
					await check('logged in, at the limit + 1', max + 1, ...cred, 413);
					await check(upload ? 'logged in, 40 MiB' : 'logged in, 1 MiB', upload ? 40 << 20 : 1024 * 1024,
						...cred, 413);
					await check('logged in, at the limit', max, ...cred, 'not 413');
				}
				assert.deepEqual(problems, []);
			});

			test('a query string on a body route → 400', async () => {
				const u = allowed(rt);
				const fields = await goodFields(rt);
				const since = u ? await L.lastAuditId(u.username) : 0;
				const r = rt.api ? await (u ? u.api : new Api(null)).req(rt.method, concrete(rt) + '?x=1', fields) :
					rt.body === 'multipart' ? await send(rt, u, { pairs: encPairs(fields), path: concrete(rt) + '?x=1' }) :
					await (u ? u.s : new Session()).post(concrete(rt) + '?x=1', fields, u ? {} : { csrf: false });
				assert.equal(r.status, 400, r.text.slice(0, 300));
				if (u)
					assert.deepEqual(await L.writesSince(u.username, since), []);
			});
		}

		if (!rt.fields.length && rt.body === 'none') {
			test('an unknown query parameter → 400 naming it', async () => {
				const u = allowed(rt);
				const r = await send(rt, u, { pairs: [['zz', '1']] });
				const p = checkRefusal(rt, r, 'zz', 'error.field.unknown');
				assert.equal(p, null, p);
			});
		}

		const s = SPEC[rt.name];
		if (rt.fields.length && s && s.fields) {
			const transport = rt.body === 'json' ? 'json' : rt.body === 'form' || rt.body === 'multipart' ? 'form' :
				'query';
			test('unknown fields → 400 naming them', async () => {
				const u = allowed(rt);
				const since = u ? await L.lastAuditId(u.username) : 0;
				const problems = [];
				for (const [k, v] of [['zz', '1'], ['<b>x"', '1'], ['csrf2', 'x'], ['Username', 'x']]) {
					const r = transport === 'json' ?
						await send(rt, u, { json: JSON.stringify({ ...s.valid, [k]: v }) }) :
						await send(rt, u, { pairs: [...encPairs(s.valid), [encodeURIComponent(k), v]] });
					const p = checkRefusal(rt, r, k, 'error.field.unknown');
					if (p)
						problems.push(`${k}: ${p}`);
				}
				if (transport !== 'form') {
					/* csrf is a field of web forms only. */
					const r = transport === 'json' ?
						await send(rt, u, { json: JSON.stringify({ ...s.valid, csrf: 'x' }) }) :
						await send(rt, u, { pairs: [...encPairs(s.valid), ['csrf', 'x']] });
					const p = checkRefusal(rt, r, 'csrf', 'error.field.unknown');
					if (p)
						problems.push(`csrf: ${p}`);
				}
				assert.deepEqual(problems, []);
				if (u)
					assert.deepEqual(await L.writesSince(u.username, since), []);
			});
			for (const [name, f] of Object.entries(s.fields)) {
				test(`invalid ${name} (${f.type}) → 400 naming it; bad bytes refuse the body`, async () => {
					const u = allowed(rt);
					const since = u ? await L.lastAuditId(u.username) : 0;
					const problems = [];
					for (const k of fieldCases(name, f, s.valid, { anon: !u, transport })) {
						if (k.only && k.only !== transport)
							continue;
						const req = caseRequest(rt, s.valid, name, k);
						const r = await send(rt, u, req);
						let p;
						if (k.whole)
							p = checkRefusal(rt, r, null, transport === 'json' ? 'error.json.invalid' :
								transport === 'query' ? 'error.query.invalid' : 'error.form.invalid');
						else if (transport === 'json' && k.dup !== undefined)
							p = checkRefusal(rt, r, null, 'error.json.invalid');	/* duplicate keys */
						else
							p = checkRefusal(rt, r, k.field, k.key);
						if (p)
							problems.push(`${k.label}: ${p}`);
					}
					assert.deepEqual(problems, []);
					if (u)
						assert.deepEqual(await L.writesSince(u.username, since), []);
				});
			}
		}

		test('happy path', async () => {
			assert.ok(SPEC[rt.name], 'route not covered');
			await SPEC[rt.name].happy();
		});
	});
}
