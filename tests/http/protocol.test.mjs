// protocol.test.mjs — the answers of the HTTP layer itself: /healthz,
// /metrics (Prometheus text, loopback only), 404, 405, 414, 415, 400 for a
// malformed query string, the JSON error shape, hostile JSON bodies, field
// counts, and the language of pages before login.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import * as L from './lib.mjs';
import { separateEnv } from './routes_cases.spec.mjs';

/* Every test waits for the set-up of this file. */
function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const { http, Api, FORM, JSONTYPE } = L;

let api;	/* a system administrator of this file */
let s;

const ready = L.setup(async () => {
	const u = await L.readyUser({ role: 'sysadmin', agency: null });
	api = await Api.as(u.username, u.password);
	s = await L.login(u.username, u.password);
});

const CODES = {
	400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
	405: 'method_not_allowed', 409: 'conflict', 413: 'too_large', 414: 'uri_too_long',
	415: 'unsupported_media_type', 429: 'locked', 503: 'unavailable',
};

/* The problem with a JSON error answer, or null. */
function jsonErrorProblem(r, status) {
	if (r.status !== status)
		return `status ${r.status}, not ${status}`;
	if (r.headers.get('content-type') !== 'application/json')
		return 'Content-Type ' + r.headers.get('content-type');
	let j;
	try {
		j = JSON.parse(r.text);
	} catch (e) {
		return 'not JSON: ' + r.text.slice(0, 100);
	}
	const keys = Object.keys(j);
	if (keys.some((k) => !['error', 'message', 'field'].includes(k)))
		return 'keys ' + keys;
	if (j.error !== CODES[status])
		return `error ${j.error}, not ${CODES[status]}`;
	if (typeof j.message !== 'string' || j.message.length === 0 || j.message.startsWith('error.'))
		return 'message ' + JSON.stringify(j.message);
	if ('field' in j && (typeof j.field !== 'string' || j.field === ''))
		return 'field ' + JSON.stringify(j.field);
	return null;
}

test('/healthz: 200 ok, without a session lookup', async () => {
	const r = await http('/healthz');
	assert.equal(r.status, 200);
	assert.equal(r.text, 'ok\n');
	assert.equal((await http('/healthz', { cookie: 'rr_session=junk; rr_session=junk2' })).status, 200);
	assert.equal((await http('/healthz', { method: 'HEAD' })).status, 200);
	assert.equal((await http('/healthz', { method: 'POST', body: 'x' })).status, 405);
});

test('404 for unknown paths: HTML for pages, JSON under /api/', async () => {
	const problems = [];
	for (const p of ['/nope', '/admin', '/admin/', '/admin/users/', '/admin/users/1/x', '/login/', '/LOGIN',
		'//login', '/login//', '/static', '/api', '/favicon.ico', '/index.html', '/admin/users/' + 'x'.repeat(65),
		'/admin/users/1;2', '/admin/users/%31', '/admin/users/1%2f2', '/.env', '/.git/config']) {
		const r = await http(p);
		if (r.status !== 404)
			problems.push(`${p}: ${r.status}`);
		else if (!/^text\/html/.test(r.headers.get('content-type')) || !L.pageSays(r.text, 'error.notfound'))
			problems.push(`${p}: not the HTML 404 page`);
	}
	for (const p of ['/api/', '/api/v1', '/api/v1/', '/api/v1/nope', '/api/v2/me', '/api/v1/me/',
		'/api/v1/users/1/x', '/api/v1/users/%31']) {
		const pr = jsonErrorProblem(await http(p), 404);
		if (pr)
			problems.push(`${p}: ${pr}`);
	}
	/* A logged-in user gets the same 404s. */
	assert.equal((await s.get('/nope')).status, 404);
	assert.equal((await api.get('/api/v1/nope')).status, 404);
	assert.deepEqual(problems, []);
});

test('405 for a known path with another method', async () => {
	const problems = [];
	for (const [m, p] of [['DELETE', '/login'], ['PUT', '/login'], ['POST', '/'], ['POST', '/account'],
		['GET', '/logout'], ['DELETE', '/admin/users/1'], ['PUT', '/healthz'], ['PATCH', '/login'],
		['OPTIONS', '/login'], ['POST', '/static/app.css']]) {
		const r = await http(p, { method: m });
		if (r.status !== 405)
			problems.push(`${m} ${p}: ${r.status}`);
		else if (!r.headers.get('allow'))
			problems.push(`${m} ${p}: 405 without Allow`);
	}
	/* The Allow header names what the path answers to. */
	assert.equal((await http('/login', { method: 'DELETE' })).headers.get('allow'), 'GET, HEAD, POST');
	assert.equal((await http('/logout')).headers.get('allow'), 'POST');
	for (const [m, p] of [['POST', '/api/v1/me'], ['DELETE', '/api/v1/me'], ['GET', '/api/v1/tokens/1'],
		['PUT', '/api/v1/users'], ['PATCH', '/api/v1/me'], ['DELETE', '/api/v1/population']]) {
		const pr = jsonErrorProblem(await api.req(m, p), 405);
		if (pr)
			problems.push(`${m} ${p}: ${pr}`);
	}
	assert.deepEqual(problems, []);
});

test('414 for a URI over 2,048 bytes; not at 2,048', async () => {
	const at = (n, prefix) => prefix + 'x'.repeat(n - prefix.length);
	for (const prefix of ['/login?lang=', '/admin/users?page=', '/' ]) {
		const r = await http(at(2049, prefix));
		assert.equal(r.status, 414, prefix);
		assert.ok(L.pageSays(r.text, 'error.uri.toolong'), 'the message');
		assert.notEqual((await http(at(2048, prefix))).status, 414, prefix + ' at the limit');
	}
	assert.equal((await http('/' + 'x'.repeat(100000))).status, 414);
	const j = await api.get(at(3000, '/api/v1/users?page='));
	assert.equal(j.status, 414);
	assert.equal(jsonErrorProblem(j, 414), null, 'a JSON answer under /api/');
});

test('415 for a body of the wrong content type', async () => {
	const problems = [];
	for (const ct of ['text/plain', 'multipart/form-data; boundary=x', 'application/json',
		'application/x-www-form-urlencodedx', 'x-www-form-urlencoded', '', 'text/html']) {
		const r = await http('/login', { method: 'POST', headers: ct ? { 'content-type': ct } : {},
			body: 'username=a&password=b' });
		if (r.status !== 415)
			problems.push(`form as ${JSON.stringify(ct)}: ${r.status}`);
	}
	for (const ct of [FORM, 'text/plain', 'application/jsonp', 'application/json-patch+json', 'text/json']) {
		const pr = jsonErrorProblem(await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': ct },
			body: '{"username":"a","password":"b"}' }), 415);
		if (pr)
			problems.push(`JSON as ${ct}: ${pr}`);
	}
	/* Parameters and case are fine. */
	const ok = await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' },
		body: '{"username":"' + L.ghost() + '","password":"b"}' });
	assert.equal(ok.status, 401);
	const f = await http('/login', { method: 'POST', headers: { 'content-type': FORM + '; charset=UTF-8' },
		body: 'username=' + L.ghost() + '&password=b' });
	assert.equal(f.status, 401);
	assert.deepEqual(problems, []);
});

test('400 for a malformed query string', async () => {
	const problems = [];
	for (const q of ['%zz', 'lang=%zz', 'lang=%', 'lang=%4', '=sq', '&', 'lang=sq&', '&lang=sq', 'lang=sq&&x',
		'lang=%FF', 'lang=%00', 'lang=%C0%80', '%FF=1', 'a%0Ab=1', 'lang=sq&lang=en', 'x'.repeat(70) + '=1',
		Array.from({ length: 9 }, (_, i) => 'a' + i + '=1').join('&')]) {
		const r = await http('/login?' + q);
		if (r.status !== 400)
			problems.push(`?${q.slice(0, 40)}: ${r.status}`);
	}
	for (const q of ['%zz', 'page=%FF', '&&', 'page=1&page=2']) {
		const pr = jsonErrorProblem(await api.get('/api/v1/users?' + q), 400);
		if (pr)
			problems.push(`API ?${q}: ${pr}`);
	}
	/* An empty query string is no query. */
	assert.equal((await http('/login?')).status, 200);
	assert.deepEqual(problems, []);
});

test('JSON errors are {error, message, field} for every status of the API', async () => {
	const cw = await Api.as('arta');
	const cases = [
		[401, await http('/api/v1/me')],
		[403, await cw.get('/api/v1/users')],
		[404, await api.get('/api/v1/users/99999999')],
		[405, await api.req('PATCH', '/api/v1/me')],
		[400, await api.post('/api/v1/users', { username: 'x' })],
		[400, await api.post('/api/v1/users', '[]')],
		[413, await api.post('/api/v1/users', '{"a":"' + 'x'.repeat(300 * 1024) + '"}')],
		[415, await api.req('POST', '/api/v1/users', 'a=1', { 'content-type': FORM })],
		[401, await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE },
			body: '{"username":"' + L.ghost() + '","password":"wrong-password"}' })],
	];
	const problems = [];
	for (const [status, r] of cases) {
		const p = jsonErrorProblem(r, status);
		if (p)
			problems.push(`${status}: ${p}`);
	}
	const v = (await api.post('/api/v1/users', { username: 'valid' })).json();
	assert.equal(v.field, 'full_name', 'the first missing field is named');
	assert.deepEqual(problems, []);
});

test('hostile JSON bodies → 400, never 5xx', async () => {
	const problems = [];
	const bodies = [
		['an array', '[]', 'error.json.object'],
		['a string', '"x"', null],
		['a number', '1', null],
		['null', 'null', null],
		['not JSON', 'username=x', 'error.json.invalid'],
		['truncated', '{"username":', 'error.json.invalid'],
		['trailing garbage', '{} x', 'error.json.invalid'],
		['two objects', '{}{}', 'error.json.invalid'],
		['a comment', '{/* c */}', 'error.json.invalid'],
		['single quotes', "{'username':'x'}", 'error.json.invalid'],
		['NaN', '{"children":NaN}', 'error.json.invalid'],
		['a BOM', '\ufeff{}', 'error.json.invalid'],
		['a huge integer', '{"children":123456789012345678901234567890}', null],
		['1e400', '{"children":1e400}', null],
		['a duplicate key', '{"year":2020,"year":2021}', 'error.json.invalid'],
		['nested 3,000 deep', '['.repeat(3000) + ']'.repeat(3000), null],
		['objects 3,000 deep', '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), null],
		['a 64 KiB key', '{"' + 'k'.repeat(65536) + '":1}', null],
		['a NUL in a key', '{"ye\\u0000ar":1}', null],
		['an escaped NUL in a value', '{"source":"a\\u0000b"}', 'error.json.invalid'],
		['a lone surrogate', '{"source":"\\udc00"}', 'error.json.invalid'],
		['100 fields', '{' + Array.from({ length: 100 }, (_, i) => `"f${i}":1`).join(',') + '}', 'error.fields.toomany'],
	];
	for (const [what, body, key] of bodies) {
		const r = await api.put('/api/v1/population', body);
		if (r.status !== 400 || (key && !L.isMessage(r.json().message, key)))
			problems.push(`${what}: ${r.status} ${r.text.slice(0, 120)}`);
	}
	/* Before login: at most 8 fields, 4 KiB. */
	const nine = '{' + Array.from({ length: 9 }, (_, i) => `"f${i}":1`).join(',') + '}';
	const r = await http('/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE }, body: nine });
	if (r.status !== 400)
		problems.push(`9 fields before login: ${r.status}`);
	/* An empty body is an empty object: the required fields are named. */
	const e = await api.put('/api/v1/population', '');
	if (e.status !== 400 || e.json().field !== 'municipality')
		problems.push(`empty body: ${e.status} ${e.text}`);
	assert.deepEqual(problems, []);
	await L.assertAlive('hostile JSON');
});

test('form field counts: 8 before login, 64 after (413 past them)', async () => {
	const fields = (n) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&');
	const anon = await http('/login', { method: 'POST', headers: { 'content-type': FORM }, body: fields(9) });
	assert.equal(anon.status, 413);
	const anon8 = await http('/login', { method: 'POST', headers: { 'content-type': FORM }, body: fields(8) });
	assert.equal(anon8.status, 400, 'unknown fields, but not too many');
	const many = await s.post('/account/language', fields(64));
	assert.equal(many.status, 413, '64 + csrf');
	const ok = await s.post('/account/language', fields(63));
	assert.equal(ok.status, 400);
	/* A flood of separators is counted before anything is decoded. */
	const amp = await s.post('/account/language', '&'.repeat(60000));
	assert.equal(amp.status, 413);
	const q = await s.get('/admin/users?' + Array.from({ length: 65 }, () => 'page=1').join('&'));
	assert.ok(q.status === 400 || q.status === 413, String(q.status));
});

test('the language of pages before login: rr_lang cookie, then Accept-Language', async () => {
	const lang = async (h) => /<html lang="(\w+)">/.exec((await http('/login', { headers: h })).text)[1];
	assert.equal(await lang({ 'accept-language': 'en-GB,en;q=0.9' }), 'en');
	assert.equal(await lang({ 'accept-language': 'sr-Latn' }), 'sr');
	assert.equal(await lang({ 'accept-language': 'de, fr' }), 'sq');
	assert.equal(await lang({ 'accept-language': 'x'.repeat(8000) }), 'sq');
	assert.equal(await lang({ 'accept-language': ';;;,,,q=,*' }), 'sq');
	assert.equal(await lang({ 'accept-language': 'en', cookie: 'rr_lang=sr' }), 'sr');
	assert.equal(await lang({ 'accept-language': 'en', cookie: 'rr_lang=xx' }), 'en');
	/* The JSON messages follow too. */
	const j = await http('/api/v1/me', { headers: { 'accept-language': 'en' } });
	assert.ok(L.messages('error.login.required').includes(j.json().message));
});

// ---------------------------------------------------------------- metrics

/* Checks a Prometheus text exposition; returns its samples. */
function parseMetrics(text) {
	const samples = [];
	const typed = new Map();
	for (const line of text.split('\n')) {
		if (line === '')
			continue;
		let m;
		if ((m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line))) {
			if (m[1] === 'TYPE') {
				assert.match(m[3], /^(counter|gauge|histogram|summary|untyped)$/, line);
				typed.set(m[2], m[3]);
			}
			continue;
		}
		m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9.]+(?:e[+-]?\d+)?|\+Inf|NaN)$/.exec(line);
		assert.ok(m, 'not a Prometheus sample: ' + line);
		const labels = {};
		for (const l of (m[2] || '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
			labels[l[1]] = l[2];
		const family = m[1].replace(/_(bucket|sum|count)$/, '');
		assert.ok(typed.has(m[1]) || typed.has(family), 'a sample without # TYPE: ' + m[1]);
		samples.push({ name: m[1], labels, value: Number(m[3]) });
	}
	return samples;
}

test('/metrics: Prometheus text with route, method and status labels', async () => {
	await http('/healthz');
	await http('/no/such/page');
	await http('/login', { method: 'DELETE' });
	const r = await http('/metrics');
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
	const samples = parseMetrics(r.text);
	const req = samples.filter((x) => x.name === 'rrjeti_http_requests_total');
	assert.ok(req.length > 0);
	for (const x of req) {
		assert.deepEqual(Object.keys(x.labels).sort(), ['method', 'route', 'status']);
		assert.match(x.labels.status, /^(\d{3}|other)$/);
		assert.ok(Number.isInteger(x.value) && x.value > 0);
	}
	const find = (route, status) => req.find((x) => x.labels.route === route && x.labels.status === status);
	assert.ok(find('healthz', '200'), 'healthz 200');
	assert.equal(find('healthz', '200').labels.method, 'GET');
	assert.ok(find('unmatched', '404'), 'unknown paths counted as unmatched');
	const names = new Set(L.routes().map((x) => x.name));
	for (const x of req)
		assert.ok(names.has(x.labels.route) || x.labels.route === 'unmatched', x.labels.route);
	/* The histogram: cumulative buckets, +Inf equal to the count. */
	const buckets = samples.filter((x) => x.name === 'rrjeti_http_request_duration_seconds_bucket');
	assert.ok(buckets.length >= 2);
	for (let i = 1; i < buckets.length; i++)
		assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative');
	const inf = buckets.find((x) => x.labels.le === '+Inf');
	const count = samples.find((x) => x.name === 'rrjeti_http_request_duration_seconds_count');
	assert.equal(inf.value, count.value);
	assert.ok(samples.find((x) => x.name === 'rrjeti_http_request_duration_seconds_sum').value >= 0);
	assert.ok(samples.find((x) => x.name === 'rrjeti_sessions_open').value >= 1);
	/* The counter counts. */
	const before = find('healthz', '200').value;
	await http('/healthz');
	await http('/healthz');
	const again = parseMetrics((await http('/metrics')).text)
		.find((x) => x.name === 'rrjeti_http_requests_total' && x.labels.route === 'healthz' && x.labels.status === '200');
	assert.ok(again.value >= before + 2);
	/* Without a proxy to trust, X-Real-IP changes nothing. */
	assert.equal((await http('/metrics', { headers: { 'x-real-ip': '203.0.113.7' } })).status, 200);
});

/*
 * A second server of its own (a fresh installation listening on every
 * address, behind a "proxy" and with secure cookies) to see /metrics
 * refused to clients that are not on the loopback.
 */
const second = {};

async function freePort() {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const p = srv.address().port;
			srv.close(() => resolve(p));
		});
	});
}

async function startSecond() {
	second.dir = fs.mkdtempSync(os.tmpdir() + '/rrjeti-http2-');
	const data = second.dir + '/data';
	const env = separateEnv({ RRJETI_FAST_HASH: '1' });
	execFileSync(L.BIN, ['init', '--data', data, '--demo'], { env, stdio: 'ignore' });
	fs.writeFileSync(data + '/rrjeti.conf', 'trust_proxy = 1\nsecure_cookies = 1\n');
	second.password = fs.readFileSync(data + '/demo-login.txt', 'utf8').trim();
	second.port = await freePort();
	second.err = '';
	second.proc = spawn(L.BIN, ['serve', '--data', data, '--listen', '0.0.0.0:' + second.port],
		{ env, stdio: ['ignore', 'ignore', 'pipe'] });
	second.proc.stderr.on('data', (d) => { second.err += d; });
	second.url = `http://127.0.0.1:${second.port}`;
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(second.url + '/healthz')).status === 200)
				return;
		} catch (e) { /* not yet */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('the second server did not start: ' + second.err);
}

async function stopSecond() {
	if (second.proc && second.proc.exitCode === null && second.proc.signalCode === null) {
		const done = new Promise((r) => second.proc.on('exit', r));
		second.proc.kill('SIGKILL');
		await done;
	}
	if (second.dir)
		fs.rmSync(second.dir, { recursive: true, force: true });
}

function nonLoopbackAddress() {
	for (const list of Object.values(os.networkInterfaces()))
		for (const a of list || [])
			if (a.family === 'IPv4' && !a.internal)
				return a.address;
	return null;
}

test('/metrics only for loopback clients (404 through a proxy or from another address)', async (t) => {
	try {
		await loopbackOnly(t);
	} finally {
		await stopSecond();
	}
});

async function loopbackOnly(t) {
	await startSecond();
	const get = (url, headers = {}) => fetch(url, { headers, redirect: 'manual' });
	assert.equal((await get(second.url + '/metrics')).status, 200, 'from 127.0.0.1');
	const proxied = await get(second.url + '/metrics', { 'x-real-ip': '203.0.113.7' });
	assert.equal(proxied.status, 404, 'a client behind the trusted proxy');
	assert.equal((await get(second.url + '/healthz', { 'x-real-ip': '203.0.113.7' })).status, 200);
	const addr = nonLoopbackAddress();
	if (addr === null)
		t.diagnostic('no non-loopback IPv4 address here: that case is skipped');
	else {
		const far = await get(`http://${addr}:${second.port}/metrics`);
		assert.equal(far.status, 404, 'from ' + addr);
		const body = await far.text();
		assert.ok(!body.includes('rrjeti_http_requests_total'));
		assert.equal((await get(`http://${addr}:${second.port}/healthz`)).status, 200);
	}
	/* With secure_cookies: HSTS and Secure cookies. */
	const login = await get(second.url + '/login');
	assert.match(login.headers.get('strict-transport-security') || '', /max-age=\d+/);
	const r = await fetch(second.url + '/login', { method: 'POST', redirect: 'manual',
		headers: { 'content-type': FORM, 'x-real-ip': '198.51.100.4' },
		body: L.formEncode({ username: 'admin', password: second.password }) });
	assert.equal(r.status, 303);
	const cookie = (r.headers.getSetCookie ? r.headers.getSetCookie() : [r.headers.get('set-cookie')])
		.find((c) => c.startsWith('rr_session='));
	assert.match(cookie, /; Secure/);
	/* The audit trail records the address the proxy gave. */
	const tok = await fetch(second.url + '/api/v1/tokens', { method: 'POST', headers: { 'content-type': JSONTYPE },
		body: JSON.stringify({ username: 'auditor', password: second.password }) });
	const bearer = (await tok.json()).token;
	const e = await (await fetch(second.url + '/api/v1/audit?action=login&actor=admin',
		{ headers: { authorization: 'Bearer ' + bearer } })).json();
	assert.ok(e.entries.some((x) => x.client === '198.51.100.4'), JSON.stringify(e.entries.map((x) => x.client)));
	/* It stops cleanly, without a sanitizer report. */
	const done = new Promise((res) => second.proc.on('exit', (code, sig) => res([code, sig])));
	second.proc.kill('SIGTERM');
	const [code] = await done;
	assert.equal(code, 0, 'exit status; stderr: ' + second.err);
	assert.doesNotMatch(second.err, /runtime error|AddressSanitizer|LeakSanitizer/);
}

/* A server of its own on the test database (big-request places are per
 * process, so holding them here slows no other test). */
async function ownServer() {
	const port = await new Promise((ok) => {
		const x = net.createServer();
		x.listen(0, '127.0.0.1', () => {
			const p = x.address().port;
			x.close(() => ok(p));
		});
	});
	const p = spawn(L.BIN, ['serve', '--data', L.DATA, '--listen', `127.0.0.1:${port}`],
		{ env: { ...process.env, RRJETI_SCAN_INTERVAL: '0' }, stdio: ['ignore', 'ignore', 'ignore'] });
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200)
				return { port, stop: () => new Promise((ok) => { p.once('exit', ok); p.kill('SIGTERM'); }) };
		} catch { /* not up yet */ }
		await new Promise((ok) => setTimeout(ok, 100));
	}
	p.kill('SIGKILL');
	throw new Error('the second server did not start');
}

/* Starts a request whose body never ends: its headers are in, so the
 * server has taken its place; the socket, to end it. */
function hold(port, path, cookie) {
	return new Promise((ok, fail) => {
		const c = net.connect(port, '127.0.0.1', () => {
			c.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n` +
				'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n');
			setTimeout(() => ok(c), 300);
		});
		c.on('error', fail);
	});
}

test('big requests (uploads, exports): two at once per server; a third gets 503 with Retry-After, then runs', async () => {
	const srv = await ownServer();
	const base = `http://127.0.0.1:${srv.port}`;
	const get = async (path) => {
		const r = await fetch(base + path, { headers: { cookie: s.cookie }, redirect: 'manual' });
		return { status: r.status, retry: r.headers.get('retry-after'), text: await r.text() };
	};
	try {
		let r = await get('/admin/users/export?format=csv');
		assert.equal(r.status, 200, r.text.slice(0, 200));
		const a = await hold(srv.port, '/imports', s.cookie);
		const b = await hold(srv.port, '/imports', s.cookie);
		r = await get('/admin/users/export?format=csv');
		assert.equal(r.status, 503, r.text.slice(0, 200));
		assert.equal(r.retry, '5');
		assert.ok(L.pageSays(r.text, 'error.busy'));
		/* Ordinary pages are not held up. */
		assert.equal((await get('/admin/users')).status, 200);
		a.destroy();
		b.destroy();
		let ok = false;
		for (let i = 0; i < 50 && !ok; i++) {
			await new Promise((w) => setTimeout(w, 100));
			ok = (await get('/admin/users/export?format=csv')).status === 200;
		}
		assert.ok(ok, 'the places come back when the requests end');
	} finally {
		await srv.stop();
	}
});
