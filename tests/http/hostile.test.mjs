// hostile.test.mjs — raw sockets: malformed request lines, huge headers,
// slow and partial bodies with wrong lengths, pipelining, path tricks and
// junk. None may get a 5xx (but 505 for an HTTP version that does not
// exist, the one right answer) or stop the server; run.sh checks at the end
// that the server is alive and its stderr free of sanitizer reports.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';

const { raw, responses, statuses } = L;
const H = 'Host: 127.0.0.1\r\n';
const FORMH = 'Content-Type: application/x-www-form-urlencoded\r\n';

/* After every test, the server must still answer. */
function test(name, fn) {
	return nodeTest(name, async (t) => {
		await fn(t);
		await L.assertAlive(name);
	});
}

/* The problem with a raw answer, or null: no 5xx, the statuses allowed. */
function problem(what, r, allowed) {
	const st = statuses(r.text);
	if (r.text.length > 0 && st.length === 0)
		return `${what}: not HTTP: ${JSON.stringify(r.text.slice(0, 80))}`;
	for (const s of st)
		if (s >= 500 || (allowed && !allowed.includes(s)))
			return `${what}: ${s} (${st})`;
	return null;
}

test('malformed request lines: 4xx or the connection closed, never 5xx', async () => {
	const lines = [
		['garbage', 'GARBAGE\r\n\r\n'],
		['a method alone', 'GET\r\n\r\n'],
		['no version (HTTP/0.9)', 'GET /\r\n\r\n'],
		['three spaces', 'GET  /  HTTP/1.1\r\n' + H + '\r\n'],
		['an extra word', 'GET / HTTP/1.1 extra\r\n' + H + '\r\n'],
		['a lower-case version', 'GET / http/1.1\r\n' + H + '\r\n'],
		['no target', 'GET  HTTP/1.1\r\n' + H + '\r\n'],
		['a target without /', 'GET login HTTP/1.1\r\n' + H + '\r\n'],
		['an absolute target', 'GET http://evil.example/admin/users HTTP/1.1\r\n' + H + '\r\n'],
		['an asterisk', 'OPTIONS * HTTP/1.1\r\n' + H + '\r\n'],
		['CONNECT', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\n' + H + '\r\n'],
		['TRACE', 'TRACE / HTTP/1.1\r\n' + H + '\r\n'],
		['an unknown method', 'FOO /api/v1/me HTTP/1.1\r\n' + H + '\r\n'],
		['a long method', 'X'.repeat(5000) + ' / HTTP/1.1\r\n' + H + '\r\n'],
		['a lower-case method', 'get /healthz HTTP/1.1\r\n' + H + '\r\n'],
		['LF line ends', 'GET /healthz HTTP/1.1\n' + H.replace('\r', '') + '\n'],
		['a bare CR', 'GET /healthz HTTP/1.1\r' + H + '\r\n'],
		['NUL in the target', 'GET /heal\0thz HTTP/1.1\r\n' + H + '\r\n'],
		['a space in the target', 'GET /admin users HTTP/1.1\r\n' + H + '\r\n'],
		['8-bit bytes in the target', Buffer.concat([Buffer.from('GET /login'), Buffer.from([0xff, 0xfe, 0x80]),
			Buffer.from(' HTTP/1.1\r\n' + H + '\r\n')])],
		['a header without a colon', 'GET /healthz HTTP/1.1\r\n' + H + 'Bad Header\r\n\r\n'],
		['a header with a space before the colon', 'GET /healthz HTTP/1.1\r\n' + H + 'X-A : b\r\n\r\n'],
		['a folded header', 'GET /healthz HTTP/1.1\r\n' + H + 'X-A: b\r\n  c\r\n\r\n'],
		['NUL in a header', 'GET /healthz HTTP/1.1\r\n' + H + 'X-A: a\0b\r\n\r\n'],
		['NUL in the cookie', 'GET / HTTP/1.1\r\n' + H + 'Cookie: rr_session=a\0b\r\n\r\n'],
		['only line ends', '\r\n\r\n\r\n\r\n'],
		['TLS hello', Buffer.from('16030100a5010000a103035c', 'hex')],
	];
	const done = (t) => responses(t).length > 0 && !responses(t)[0].truncated;
	const problems = (await Promise.all(lines.map(async ([what, data]) =>
		problem(what, await raw(data, { timeout: 1500, done }))))).filter(Boolean);
	/* An HTTP version that does not exist: 505 is the right answer. */
	for (const [what, data] of [['HTTP/9.9', 'GET /healthz HTTP/9.9\r\n' + H + '\r\n'],
		['HTTP/2.0', 'GET /healthz HTTP/2.0\r\n' + H + '\r\n'], ['HTTP/1.12', 'GET /healthz HTTP/1.12\r\n' + H + '\r\n'],
		['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n']]) {
		const r = await raw(data, { timeout: 1500, done });
		if (!statuses(r.text).every((s) => s === 505 || s < 500))
			problems.push(`${what}: ${statuses(r.text)}`);
	}
	assert.deepEqual(problems, []);
});

test('path tricks over a raw socket: no way out of the routes', async () => {
	const problems = [];
	for (const p of ['/static/../../etc/passwd', '/static/..%2f..%2fetc%2fpasswd', '/static/%2e%2e/src/main.c',
		'/static/./app.css', '/./login', '/login/.', '/admin/users/../../login', '/admin/../login',
		'/..', '/../', '//etc/passwd', '/static//app.css', '/login%00.html', '/static/app.css%00.js',
		'/\\login', '/static/..\\..\\etc\\passwd', '/%2F', '/static/app.css?', '/static/app.css#x']) {
		const r = await raw(`GET ${p} HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, { timeout: 1500 });
		const st = statuses(r.text);
		const res = responses(r.text)[0];
		if (st.some((s) => s >= 500))
			problems.push(`${p}: ${st}`);
		else if (res && res.status === 200 && !/^\/static\/app\.css\?/.test(p))
			problems.push(`${p}: 200 ${JSON.stringify(res.body.slice(0, 60))}`);
		else if (res && /root:|#include/.test(res.body))
			problems.push(`${p}: a file leaked`);
	}
	assert.deepEqual(problems, []);
});

test('huge headers (> 16 KiB, the connection pool): 431 or the connection closed, never a crash', async () => {
	const big = (n) => 'a'.repeat(n);
	const cases = [
		['one 40 KiB header', `GET /healthz HTTP/1.1\r\n${H}X-Big: ${big(40 * 1024)}\r\n\r\n`],
		['1,000 headers', `GET /healthz HTTP/1.1\r\n${H}` +
			Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${big(40)}\r\n`).join('') + '\r\n'],
		['a 33 KiB cookie', `GET / HTTP/1.1\r\n${H}Cookie: rr_session=${big(33 * 1024)}\r\n\r\n`],
		['a 100 KiB header name', `GET /healthz HTTP/1.1\r\n${H}${big(100 * 1024)}: x\r\n\r\n`],
		['a 1 MiB request line', `GET /${big(1024 * 1024)} HTTP/1.1\r\n${H}\r\n`],
		['a 40 KiB Authorization', `GET /api/v1/me HTTP/1.1\r\n${H}Authorization: Bearer ${big(40 * 1024)}\r\n\r\n`],
		['a header in slow pieces', [`GET /healthz HTTP/1.1\r\n${H}X-Big: `, ...Array.from({ length: 8 },
			() => [big(5000), { delay: 20 }]).flat(), '\r\n\r\n']],
	];
	const problems = [];
	for (const [what, data] of cases) {
		const r = await raw(data, { timeout: 3000 });
		const p = problem(what, r, [431, 414, 413, 400, 404]);
		if (p)
			problems.push(p);
		if (r.timedOut && statuses(r.text).length === 0)
			problems.push(`${what}: neither answered nor closed`);
	}
	/* A header line of 8 KiB (nginx's default limit) is served. */
	const ok = await raw(`GET /healthz HTTP/1.1\r\n${H}X-Big: ${big(8 * 1024)}\r\nConnection: close\r\n\r\n`);
	assert.deepEqual(statuses(ok.text), [200]);
	assert.deepEqual(problems, []);
});

test('slow and partial bodies with a wrong Content-Length', async () => {
	const login = (cl, body, extra = '') => `POST /login HTTP/1.1\r\n${H}${FORMH}Content-Length: ${cl}\r\n${extra}\r\n${body}`;
	const one = (t) => responses(t).length > 0 && !responses(t)[0].truncated;
	const problems = [];
	/* Announces 100, sends 10 and hangs up: no answer is owed, nothing breaks. */
	const cutP = raw(login(100, 'username=a'), { timeout: 1000, half: true });
	const moreP = raw(login(5, 'username=a&password=b'), { timeout: 1500 });
	const cut = await cutP;
	if (statuses(cut.text).some((s) => s >= 500))
		problems.push('cut short: ' + statuses(cut.text));
	/* Announces 100 and sends them slowly: served. */
	const body = 'username=' + L.ghost() + '&password=' + 'p'.repeat(75);
	const slow = await raw([login(100, ''), ...[...body].map((c, i) => i % 20 ? c : [{ delay: 30 }, c]).flat()],
		{ timeout: 5000, done: one });
	if (statuses(slow.text)[0] !== 401)
		problems.push('slow body: ' + statuses(slow.text));
	/* Announces less than it sends: the rest is a (bad) next request. */
	const more = await moreP;
	const p1 = problem('longer than announced', more, [400, 401, 404, 405, 413, 415]);
	if (p1)
		problems.push(p1);
	/* Bad Content-Length values. */
	problems.push(...(await Promise.all([['negative', '-1'], ['not a number', 'abc'], ['huge', '99999999999999999999'],
		['hex', '0x10'], ['with a sign', '+5'], ['empty', ''], ['two values', '5, 5']].map(async ([what, cl]) =>
		problem('Content-Length ' + what, await raw(login(cl, 'a=b&c'), { timeout: 1500 }),
			[400, 401, 411, 413, 415])))).filter(Boolean));
	/* Two different lengths; Transfer-Encoding with a length; bad chunks. */
	const framing = [
		['two Content-Lengths', `POST /login HTTP/1.1\r\n${H}${FORMH}Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde`],
		['chunked and a length', `POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n3\r\na=b\r\n0\r\n\r\n`],
		['a bad chunk size', `POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`],
		['a huge chunk size', `POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n`],
		['a chunk longer than said', `POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n`],
		['an unknown coding', `POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: gzip\r\n\r\nabc`],
	];
	await Promise.all(framing.map(async ([what, data]) => {
		const r = await raw(data, { timeout: 1500 });
		/* 501 Not Implemented is the answer to an unknown transfer coding. */
		const p = problem(what, r, [400, 401, 411, 413, 415, 501]);
		if (p && !(what === 'an unknown coding' && statuses(r.text).every((x) => x === 501)))
			problems.push(p);
	}));
	assert.deepEqual(problems, []);
});

test('an oversized body: 413 whether announced, chunked or after "Expect: 100-continue"', async () => {
	const done = (t) => responses(t).length > 0 && !responses(t)[0].truncated;
	/* Chunked: no length to check first, refused while reading. */
	const chunk = (n) => n.toString(16) + '\r\n' + 'a'.repeat(n) + '\r\n';
	const chunked = await raw(`POST /login HTTP/1.1\r\n${H}${FORMH}Transfer-Encoding: chunked\r\n\r\n` +
		chunk(4000) + chunk(4000) + '0\r\n\r\n', { timeout: 3000, done });
	assert.deepEqual(statuses(chunked.text), [413]);
	/* A client that waits for 100 Continue is told 413 at once. */
	const expect = await raw(`POST /login HTTP/1.1\r\n${H}${FORMH}Content-Length: 10000000\r\nExpect: 100-continue\r\n\r\n`,
		{ timeout: 3000, done });
	assert.deepEqual(statuses(expect.text), [413], 'no 100 Continue for a body that will be refused');
	/* A GET has no body. */
	const get = await raw(`GET /healthz HTTP/1.1\r\n${H}Content-Length: 5\r\n\r\nhello`, { timeout: 1500, done });
	assert.deepEqual(statuses(get.text), [413]);
	/* Within the limit, 100 Continue and then the answer. */
	const small = await raw([`POST /login HTTP/1.1\r\n${H}${FORMH}Content-Length: 27\r\nExpect: 100-continue\r\n\r\n`,
		{ delay: 100 }, 'username=' + L.ghost() + '&password=xy'], { timeout: 3000, done: (t) => statuses(t).includes(401) });
	assert.deepEqual(statuses(small.text).filter((s) => s !== 100), [401]);
});

test('ambiguous framing is refused (request smuggling)', async () => {
	const req = (hdrs) => `POST /login HTTP/1.1\r\n${H}${FORMH}${hdrs}\r\nab=cd`;
	for (const [what, hdrs] of [
		['two Content-Length headers', 'Content-Length: 5\r\nContent-Length: 5\r\n'],
		['two different Content-Length headers', 'Content-Length: 5\r\nContent-Length: 7\r\n'],
		['Content-Length with chunking', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n']]) {
		const t = await raw(req(hdrs), { timeout: 1500 });
		const st = statuses(t.text);
		assert.ok(st.length === 0 || st[0] === 400, `${what}: ${st}`);
	}
	await L.assertAlive('after ambiguous framing');
});

test('pipelined requests are answered in order', async () => {
	const get = (p, last) => `GET ${p} HTTP/1.1\r\n${H}${last ? 'Connection: close\r\n' : ''}\r\n`;
	const three = await raw(get('/healthz') + get('/nope') + get('/static/app.css') + get('/healthz', true));
	assert.deepEqual(statuses(three.text), [200, 404, 200, 200]);
	assert.equal(responses(three.text)[0].body, 'ok\n');
	const twenty = await raw(get('/healthz').repeat(19) + get('/healthz', true), { timeout: 3000 });
	assert.deepEqual(statuses(twenty.text), Array(20).fill(200));
	/* A body, then the next request in the same packet. */
	const post = await raw(`POST /login HTTP/1.1\r\n${H}${FORMH}Content-Length: 27\r\n\r\nusername=${L.ghost()}&password=xy` +
		get('/healthz', true), { timeout: 3000 });
	assert.deepEqual(statuses(post.text), [401, 200]);
	/* A bad request in the middle ends the connection, not the server. */
	const bad = await raw(get('/healthz') + 'GARBAGE\r\n\r\n' + get('/healthz', true), { timeout: 2000 });
	assert.equal(statuses(bad.text)[0], 200);
	assert.ok(statuses(bad.text).every((s) => s < 500), String(statuses(bad.text)));
	/* HTTP/1.0 without keep-alive: answered and closed. */
	const old = await raw('GET /healthz HTTP/1.0\r\n\r\n', { timeout: 2000 });
	assert.deepEqual(statuses(old.text), [200]);
	assert.ok(old.closed);
});

test('many idle and half-open connections do not starve the server', async () => {
	const net = await import('node:net');
	const socks = [];
	for (let i = 0; i < 100; i++) {
		const s = net.connect(L.PORT, L.HOST);
		s.on('error', () => {});
		socks.push(s);
		if (i % 2)
			s.write('GET /healthz HTTP/1.1\r\n');	/* half a request */
	}
	await new Promise((r) => setTimeout(r, 200));
	const t0 = Date.now();
	await L.assertAlive('100 idle connections');
	assert.ok(Date.now() - t0 < 2000, 'served promptly');
	for (const s of socks)
		s.destroy();
});

test('random junk and a burst of aborted connections', async () => {
	let seed = 42;
	const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	const problems = [];
	for (let i = 0; i < 30; i++) {
		const n = 1 + Math.floor(rnd() * 3000);
		const junk = Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
		/* Half of them start like a request. */
		const data = i % 2 ? Buffer.concat([Buffer.from('POST /api/v1/tokens HTTP/1.1\r\n'), junk]) : junk;
		const r = await raw(data, { timeout: 300 });
		const p = problem('junk ' + i, r);
		if (p)
			problems.push(p);
	}
	/* Connections dropped mid-request, at every stage. */
	const req = `POST /api/v1/tokens HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{"username":"${L.ghost()}","password":"abcd"}`;
	await Promise.all(Array.from({ length: 40 }, (_, i) => raw(req.slice(0, Math.floor(req.length * i / 40)),
		{ timeout: 200, half: true })));
	assert.deepEqual(problems, []);
});
