// security.test.mjs — response headers, static assets, the session cookie,
// session rotation and logout, API tokens, and the separation of the two
// credentials (a bearer token is never a web login, a session cookie never
// an API one).
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

let user;	/* a caseworker of this file */
let ta;		/* a system administrator of this file */

const ready = L.setup(async () => {
	[user, ta] = await Promise.all([L.readyUser(), L.readyUser({ role: 'sysadmin', agency: null })]);
});

function checkHeaders(what, r, { dynamic = true } = {}) {
	const h = r.headers;
	const csp = h.get('content-security-policy') || '';
	const problems = [];
	if (!/(^|;)\s*default-src 'none'/.test(csp))
		problems.push('CSP default-src');
	if (!/frame-ancestors 'none'/.test(csp))
		problems.push('CSP frame-ancestors');
	if (/unsafe-inline|unsafe-eval|\*/.test(csp))
		problems.push('CSP allows inline, eval or *: ' + csp);
	if (!/base-uri 'none'/.test(csp))
		problems.push('CSP base-uri');
	if (!/form-action 'self'/.test(csp))
		problems.push('CSP form-action');
	if (h.get('x-content-type-options') !== 'nosniff')
		problems.push('nosniff');
	if (h.get('referrer-policy') !== 'no-referrer')
		problems.push('Referrer-Policy ' + h.get('referrer-policy'));
	if (h.get('x-frame-options') !== 'DENY')
		problems.push('X-Frame-Options');
	if (h.get('cross-origin-opener-policy') !== 'same-origin')
		problems.push('COOP');
	if (h.get('strict-transport-security') !== null)
		problems.push('HSTS without TLS');
	if (dynamic && h.get('cache-control') !== 'no-store')
		problems.push('Cache-Control ' + h.get('cache-control'));
	if (!dynamic && /no-store/.test(h.get('cache-control') || ''))
		problems.push('a static asset with no-store');
	if (r.status !== 304 && r.status !== 204 && r.text.length > 0 && !h.get('content-type'))
		problems.push('no Content-Type');
	return problems.map((p) => `${what} (${r.status}): ${p}`);
}

test('security headers on every kind of response', async () => {
	const s = await L.login(user.username, user.password);
	const api = await Api.as(user.username, user.password);
	const long = '/login?lang=' + 'x'.repeat(2100);
	const cases = [
		['login page', await http('/login')],
		['home', await s.get('/')],
		['account', await s.get('/account')],
		['redirect', await http('/')],
		['401 form', await http('/logout', { method: 'POST', headers: { 'content-type': FORM }, body: 'a=1' })],
		['403 page', await s.get('/admin/users')],
		['403 CSRF', await s.post('/account/language', { lang: 'sq' }, { csrf: false })],
		['404 page', await http('/no/such/page')],
		['404 JSON', await http('/api/v1/nope')],
		['405', await http('/login', { method: 'DELETE' })],
		['413', await http('/login', { method: 'POST', headers: { 'content-type': FORM }, body: 'a=' + 'x'.repeat(5000) })],
		['414', await http(long)],
		['415', await http('/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'a' })],
		['400 query', await http('/login?%zz')],
		['400 field', await s.post('/account/language', { lang: 'xx' })],
		['API 200', await api.get('/api/v1/me')],
		['API 401', await http('/api/v1/me')],
		['API 403', await api.get('/api/v1/users')],
		['API 201', await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE },
			body: JSON.stringify({ username: user.username, password: user.password }) })],
		['healthz', await http('/healthz')],
		['metrics', await http('/metrics')],
		['static 404', await http('/static/none.js')],
		['HEAD', await http('/login', { method: 'HEAD' })],
	];
	const problems = [];
	for (const [what, r] of cases)
		problems.push(...checkHeaders(what, r));
	const css = await http('/static/app.css');
	problems.push(...checkHeaders('static', css, { dynamic: false }));
	const nm = await http('/static/app.css', { headers: { 'if-none-match': css.headers.get('etag') } });
	problems.push(...checkHeaders('static 304', nm, { dynamic: false }));
	assert.deepEqual(problems, []);
});

test('HTML and JSON answers say their charset; HEAD sends no body', async () => {
	const r = await http('/login');
	assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
	const h = await http('/login', { method: 'HEAD' });
	assert.equal(h.status, 200);
	assert.equal(h.text, '');
	assert.equal((await http('/api/v1/me')).headers.get('content-type'), 'application/json');
});

test('static assets: cacheable, ETag, 304 on If-None-Match', async () => {
	for (const name of ['app.css', 'app.js']) {
		const r = await http('/static/' + name);
		assert.equal(r.status, 200);
		const etag = r.headers.get('etag');
		assert.match(etag, /^"[0-9a-f]+"$/);
		assert.match(r.headers.get('cache-control'), /^public, max-age=\d+$/);
		const again = await http('/static/' + name);
		assert.equal(again.headers.get('etag'), etag, 'the ETag is stable');
		const nm = await http('/static/' + name, { headers: { 'if-none-match': etag } });
		assert.equal(nm.status, 304);
		assert.equal(nm.text, '');
		assert.equal(nm.headers.get('etag'), etag);
		const other = await http('/static/' + name, { headers: { 'if-none-match': '"0000000000000000"' } });
		assert.equal(other.status, 200);
		assert.equal(other.text, r.text);
	}
	/* No way out of the asset list (raw paths with dot segments: hostile.test.mjs). */
	for (const p of ['/static/', '/static/.app.css', '/static/app.css.map', '/static/app.css/x',
		'/static/..%2fsrc%2fmain.c', '/static/APP.CSS', '/static/app.css%00'])
		assert.equal((await http(p)).status, 404, p);
});

test('the session cookie: HttpOnly, SameSite=Strict, Path=/, no Domain, no Secure over HTTP', async () => {
	const s = new Session();
	const r = await s.post('/login', { username: user.username, password: user.password }, { csrf: false });
	assert.equal(r.status, 303);
	const c = r.setCookies.find((x) => x.startsWith('rr_session='));
	const attrs = c.split(';').slice(1).map((x) => x.trim());
	assert.ok(attrs.includes('HttpOnly'), c);
	assert.ok(attrs.includes('SameSite=Strict'), c);
	assert.ok(attrs.includes('Path=/'), c);
	assert.ok(attrs.some((a) => /^Max-Age=\d+$/.test(a)), c);
	assert.ok(!attrs.some((a) => /^Domain=/i.test(a)), c);
	assert.ok(!attrs.includes('Secure'), 'no Secure over plain HTTP (secure_cookies is off)');
	/* Every cookie the server sets is HttpOnly and SameSite=Strict. */
	const more = [...r.setCookies, ...(await http('/login?lang=en')).setCookies,
		...(await s.post('/account/language', { lang: 'sq' })).setCookies,
		...(await s.post('/logout')).setCookies];
	for (const x of more) {
		assert.match(x, /; HttpOnly/, x);
		assert.match(x, /; SameSite=Strict/, x);
	}
});

test('a new session token at every login; the CSRF token is per session', async () => {
	const a = await L.login(user.username, user.password);
	const b = await L.login(user.username, user.password);
	assert.notEqual(a.token, b.token);
	assert.notEqual(a.csrf, b.csrf);
	assert.notEqual(a.token, a.csrf);
	/* Both live. */
	assert.equal((await a.get('/')).status, 200);
	assert.equal((await b.get('/')).status, 200);
	/* Logging in again with a session ends that session (rotation). */
	const old = a.token;
	const r = await a.post('/login', { username: user.username, password: user.password }, { csrf: false });
	assert.equal(r.status, 303);
	assert.notEqual(a.token, old);
	assert.equal((await http('/', { cookie: 'rr_session=' + old })).status, 303, 'the old token is dead');
	assert.equal((await a.get('/')).status, 200);
	assert.equal((await b.get('/')).status, 200, 'other sessions are not touched');
});

test('a session token chosen by the client is never adopted (fixation)', async () => {
	const planted = Buffer.alloc(32, 7).toString('base64url');
	const s = new Session();
	s.jar.set('rr_session', planted);
	const r = await s.post('/login', { username: user.username, password: user.password }, { csrf: false });
	assert.equal(r.status, 303);
	assert.notEqual(s.token, planted);
	assert.equal((await http('/', { cookie: 'rr_session=' + planted })).status, 303);
});

test('logout: the cookie cleared and the old token dead for pages and forms', async () => {
	const s = await L.login(user.username, user.password);
	const token = s.token, csrf = s.csrf;
	const r = await s.post('/logout');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/login');
	assert.equal(s.token, undefined, 'cookie cleared');
	const page = await http('/account', { cookie: 'rr_session=' + token });
	assert.equal(page.status, 303);
	assert.equal(page.location, '/login');
	const form = await http('/account/language', { method: 'POST', cookie: 'rr_session=' + token,
		headers: { 'content-type': FORM }, body: 'csrf=' + csrf + '&lang=en' });
	assert.equal(form.status, 401);
	/* The flash message of the logout is shown once on the login page. */
	const login = await s.get('/login');
	assert.ok(L.pageSays(login.text, 'flash.logged_out'));
	assert.ok(!L.pageSays((await s.get('/login')).text, 'flash.logged_out'));
});

test('cookies: duplicates, quotes and junk around the session cookie', async () => {
	const s = await L.login(user.username, user.password);
	const t = s.token;
	const ok = async (cookie) => (await http('/', { cookie })).status;
	assert.equal(await ok(`rr_session=${t}`), 200);
	assert.equal(await ok(`a=1; rr_session=${t}; b=2`), 200);
	assert.equal(await ok(`rr_session="${t}"`), 200);
	/* Two session cookies are ambiguous: neither counts. */
	assert.equal(await ok(`rr_session=${t}; rr_session=${L.uniq()}`), 303);
	assert.equal(await ok(`rr_session=${t}x`), 303);
	assert.equal(await ok(`rr_session=${t.slice(1)}`), 303);
	assert.equal(await ok(`rr_session=${t.toUpperCase()}`), 303);
	assert.equal(await ok(`rr_session =${t}`), 303);
	assert.equal(await ok('rr_session=' + 'A'.repeat(5000)), 303);
	assert.equal(await ok(`RR_SESSION=${t}`), 303);
});

test('a flash cookie shows known messages only', async () => {
	const s = await L.login(user.username, user.password);
	const shown = await http('/account', { cookie: s.cookie + '; rr_flash=flash.saved' });
	assert.ok(L.pageSays(shown.text, 'flash.saved'));
	for (const f of ['error.denied', 'flash.nope', 'flash.saved%3Cb%3E', 'x'])
		assert.doesNotMatch((await http('/account', { cookie: s.cookie + '; rr_flash=' + f })).text,
			/class="flash"/, f);
});

test('API tokens: revoked (by the API or the web) means 401 from then on', async () => {
	const t1 = await L.apiToken(user.username, user.password, 'one');
	const t2 = await L.apiToken(user.username, user.password, 'two');
	assert.notEqual(t1.token, t2.token);
	const a1 = new Api(t1.token);
	assert.equal((await a1.get('/api/v1/me')).status, 200);
	assert.equal((await a1.del(`/api/v1/tokens/${t1.id}`)).status, 204);
	for (const p of ['/api/v1/me', '/api/v1/tokens', '/api/v1/concerns'])
		assert.equal((await a1.get(p)).status, 401, p);
	assert.equal((await a1.del(`/api/v1/tokens/${t2.id}`)).status, 401, 'a revoked token revokes nothing');
	/* The other token lives; the web revokes it. */
	const a2 = new Api(t2.token);
	const list = (await a2.get('/api/v1/tokens')).json().tokens;
	assert.ok(list.find((x) => x.id === t1.id).revoked_at > 0);
	assert.equal(list.find((x) => x.id === t2.id).revoked_at, 0);
	const s = await L.login(user.username, user.password);
	assert.equal((await s.post(`/account/tokens/${t2.id}/revoke`)).status, 303);
	assert.equal((await a2.get('/api/v1/me')).status, 401);
	/* Revoking twice: still gone, no error of the server. */
	const again = await s.post(`/account/tokens/${t2.id}/revoke`);
	assert.ok(again.status === 303 || again.status === 404, String(again.status));
	assert.equal((await a2.get('/api/v1/me')).status, 401);
});

test('a bearer token is never accepted on web routes', async () => {
	const t = await L.apiToken(ta.username, ta.password);
	const s = await L.login(ta.username, ta.password);
	for (const p of ['/', '/account', '/admin/users', '/admin/agencies', '/admin/population'])
		assert.equal((await http(p, { bearer: t.token })).status, 303, p);
	/* A form with the token and even a valid CSRF token of a session. */
	const r = await http('/admin/users', { method: 'POST', bearer: t.token, headers: { 'content-type': FORM },
		body: L.formEncode({ csrf: s.csrf, username: L.uniq('b'), full_name: 'Bearer Made',
			password: 'Long-enough-1', role: 'caseworker', agency: (await L.agencyByCode('QPS-HANI')).id }) });
	assert.equal(r.status, 401);
	/* The token as a cookie is nothing either. */
	assert.equal((await http('/', { cookie: 'rr_session=' + t.token })).status, 303);
});

test('a session cookie is never accepted on /api/v1 routes', async () => {
	const s = await L.login(ta.username, ta.password);
	for (const p of ['/api/v1/me', '/api/v1/tokens', '/api/v1/users', '/api/v1/agencies'])
		assert.equal((await http(p, { cookie: s.cookie })).status, 401, p);
	const r = await http('/api/v1/users', { method: 'POST', cookie: s.cookie,
		headers: { 'content-type': JSONTYPE, 'x-csrf-token': s.csrf },
		body: JSON.stringify({ username: L.uniq('c'), full_name: 'Cookie Made', password: 'Long-enough-1',
			role: 'caseworker', agency: (await L.agencyByCode('QPS-HANI')).id }) });
	assert.equal(r.status, 401);
	/* The session token as a bearer token is nothing either. */
	assert.equal((await http('/api/v1/me', { bearer: s.token })).status, 401);
	/* Nor with both sent, the cookie cannot stand in for a broken token. */
	assert.equal((await http('/api/v1/me', { cookie: s.cookie, bearer: 'rrj_broken' })).status, 401);
});

test('malformed Authorization headers → 401', async () => {
	const t = (await L.apiToken(user.username, user.password)).token;
	for (const h of ['Bearer', 'Bearer ', 'bearer ' + t, 'Bearer  ' + t, 'Bearer ' + t + ' x',
		'Bearer ' + t.slice(0, -1), 'Bearer ' + t + 'A', 'Token ' + t, 'Bearer "' + t + '"',
		'Bearer ' + t.replace('rrj_', 'rrk_'), 'Bearer ' + 'rrj_' + 'A'.repeat(5000)]) {
		const r = await http('/api/v1/me', { headers: { authorization: h } });
		assert.equal(r.status, 401, h.slice(0, 40));
		assert.equal(r.json().error, 'unauthorized');
	}
	assert.equal((await http('/api/v1/me', { bearer: t })).status, 200);
});
