// two_nodes.test.mjs — two `rrjeti serve` nodes on one PostgreSQL database
// behind nginx (deploy/nginx/rrjeti.conf): run by tests/nodes/two_nodes.sh,
// which sets RRJETI_URL (nginx), NODE1_URL and NODE2_URL (the nodes
// themselves), NODE2_PID and REDIRECT_URL (nginx's plain-HTTP server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from '../http/lib.mjs';

const NODE = [process.env.NODE1_URL, process.env.NODE2_URL];
const UP = 'x-rrjeti-upstream';

/* One request straight to a node (not through nginx), redirects not
 * followed, with a session's cookie; the session absorbs cookies and the
 * CSRF token as through lib.mjs. */
async function at(n, s, path, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	if (s && s.cookie)
		headers.cookie = s.cookie;
	const res = await fetch(NODE[n] + path, { method: opts.method || 'GET', headers,
		body: opts.body, redirect: 'manual' });
	const text = await res.text();
	const r = { status: res.status, headers: res.headers, text, location: res.headers.get('location'),
		setCookies: res.headers.getSetCookie ? res.headers.getSetCookie() : [] };
	if (s) {
		s.absorb(r);
		const t = L.csrfOf(text);
		if (t)
			s.csrf = t;
	}
	return r;
}

/* A form POST straight to node n with the session's cookie and the CSRF
 * token given (the session's by default). */
function postAt(n, s, path, fields, csrf = s.csrf) {
	const parts = [L.formEncode(fields)];
	if (csrf !== null)
		parts.unshift('csrf=' + encodeURIComponent(csrf));
	const body = parts.filter((p) => p !== '').join('&');
	return at(n, s, path, { method: 'POST', headers: { 'content-type': L.FORM }, body });
}

function report(family) {
	return { channel: 'phone', referrer_type: 'school', given_name: 'Arbër', family_name: family,
		sex: 'm', age: '9', narrative: 'x', concern_NEG: '1' };
}

const ready = L.setup(async () => {
	for (const n of [0, 1]) {
		const r = await fetch(NODE[n] + '/healthz');
		assert.equal(r.status, 200, `node ${n + 1} /healthz`);
	}
	return { cw: await L.login('arta') };
});

test('through nginx, requests land on both nodes and the session works on each', async () => {
	const { cw } = await ready;
	const seen = new Map();
	for (let i = 0; i < 8; i++) {
		const r = await cw.get('/account');
		assert.equal(r.status, 200, `GET /account #${i} through nginx: ${r.status}`);
		const up = r.headers.get(UP);
		assert.ok(up, 'nginx names the node that answered');
		seen.set(up, (seen.get(up) || 0) + 1);
	}
	const ports = NODE.map((u) => new URL(u).port);
	for (const p of ports)
		assert.ok([...seen.keys()].some((u) => u.endsWith(':' + p)), `node on port ${p} answered none of 8: ${[...seen]}`);
	for (const n of [0, 1]) {
		const r = await at(n, cw, '/account');
		assert.equal(r.status, 200, `node ${n + 1} knows the session made through nginx`);
		assert.match(r.text, /arta/);
	}
});

test('a form written on one node is read on the other, with a CSRF token of the other', async () => {
	const { cw } = await ready;
	// The token comes from a page node 2 rendered; the form goes to node 1.
	assert.equal((await at(1, cw, '/intake/new')).status, 200);
	const token = cw.csrf;
	assert.ok(token);
	const family = L.uniq('Nyja');
	const w = await postAt(0, cw, '/intake', report(family), token);
	assert.equal(w.status, 303, `POST /intake on node 1: ${w.status} ${w.text.slice(0, 300)}`);
	const m = /^\/intake\/(\d+)/.exec(w.location || '');
	assert.ok(m, `redirect to the report: ${w.location}`);
	const r = await at(1, cw, `/intake/${m[1]}`);
	assert.equal(r.status, 200, `node 2 reads report ${m[1]}`);
	assert.ok(r.text.includes(family), 'node 2 shows what node 1 wrote');
	// And the list on node 1 (the newest first) holds it.
	const list = await at(0, cw, '/intake?status=received');
	assert.equal(list.status, 200);
	assert.ok(list.text.includes(family), 'the list on node 1');
});

test('a wrong or missing CSRF token is refused on either node and writes nothing', async () => {
	const { cw } = await ready;
	for (const n of [0, 1]) {
		for (const bad of [null, 'x'.repeat(43), cw.csrf.slice(0, -2) + (cw.csrf.endsWith('AA') ? 'BB' : 'AA')]) {
			const family = L.uniq('Kurth');
			const w = await postAt(n, cw, '/intake', report(family), bad);
			assert.equal(w.status, 403, `node ${n + 1}, token ${bad === null ? 'missing' : 'wrong'}: ${w.status}`);
			for (const m of [0, 1]) {
				const l = await at(m, cw, '/intake?status=received');
				assert.equal(l.status, 200);
				assert.ok(!l.text.includes(family), 'nothing written');
			}
		}
	}
});

test('an API token made through nginx works on both nodes; a write on one is read on the other', async () => {
	const api = await L.Api.as('arta');
	const family = L.uniq('Rrjeti');
	const body = JSON.stringify({ channel: 'phone', referrer_type: 'school', given_name: 'Dua',
		family_name: family, sex: 'f', age: 7, concerns: 'NEG', narrative: 'x' });
	const auth = { authorization: 'Bearer ' + api.token };
	const w = await at(1, null, '/api/v1/reports', { method: 'POST',
		headers: { ...auth, 'content-type': L.JSONTYPE }, body });
	assert.equal(w.status, 201, `POST /api/v1/reports on node 2: ${w.status} ${w.text}`);
	const id = JSON.parse(w.text).id;
	assert.ok(id > 0, w.text);
	const r = await at(0, null, `/api/v1/reports/${id}`, { headers: auth });
	assert.equal(r.status, 200, `node 1 reads report ${id}: ${r.status}`);
	assert.ok(r.text.includes(family));
	const none = await at(0, null, `/api/v1/reports/${id}`, { headers: { authorization: 'Bearer ' + 'A'.repeat(43) } });
	assert.equal(none.status, 401, 'a made-up token on node 1');
});

test('logout on one node ends the session on the other', async () => {
	const s = await L.login('arta');
	for (const n of [0, 1])
		assert.equal((await at(n, s, '/account')).status, 200);
	const cookie = s.cookie;
	const out = await postAt(0, s, '/logout', {});
	assert.equal(out.status, 303, `POST /logout on node 1: ${out.status}`);
	for (const n of [1, 0]) {
		const r = await fetch(NODE[n] + '/account', { headers: { cookie }, redirect: 'manual' });
		assert.notEqual(r.status, 200, `node ${n + 1} still takes the session after logout`);
		assert.ok([303, 302, 401].includes(r.status), `node ${n + 1}: ${r.status}`);
	}
	// And a form with the old session and its token is refused on node 2.
	const w = await fetch(NODE[1] + '/intake', { method: 'POST', redirect: 'manual',
		headers: { cookie, 'content-type': L.FORM },
		body: 'csrf=' + encodeURIComponent(s.csrf) + '&' + L.formEncode(report(L.uniq('Pas'))) });
	assert.notEqual(w.status, 303);
	assert.ok(w.status >= 300 && w.status < 500, `old session's form on node 2: ${w.status}`);
});

test('nginx: the plain-HTTP server only redirects, /metrics is not passed on, bodies over 32 MiB refused', async () => {
	const r = await fetch(process.env.REDIRECT_URL + '/cases?x=1', { redirect: 'manual' });
	assert.equal(r.status, 301);
	assert.match(r.headers.get('location'), /^https:\/\/[^/]+\/cases\?x=1$/);
	const m = await L.http('/metrics');
	assert.equal(m.status, 404, '/metrics through nginx');
	for (const n of [0, 1])
		assert.equal((await fetch(NODE[n] + '/metrics')).status, 200, `node ${n + 1} /metrics from loopback`);
	const big = await L.http('/imports', { method: 'POST', headers: { 'content-type': 'text/csv' },
		body: Buffer.alloc(32 * 1024 * 1024 + 1024, 0x41) });
	assert.equal(big.status, 413, 'a body over 32 MiB: nginx answers 413');
});

test('a client cannot choose the address in the audit trail (X-Real-IP is set by nginx)', async () => {
	const u = await L.readyUser({ role: 'caseworker' });
	const s = new L.Session();
	const r = await s.post('/login', { username: u.username, password: u.password }, { csrf: false,
		headers: { 'x-real-ip': '203.0.113.66', 'x-forwarded-for': '203.0.113.67' } });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const e = (await L.auditEntries({ actor: u.username })).entries;
	assert.ok(e.length > 0, 'the login is audited');
	const text = JSON.stringify(e);
	assert.ok(!text.includes('203.0.113.66') && !text.includes('203.0.113.67'), `audit: ${text.slice(0, 400)}`);
	assert.ok(e.some((x) => x.client === '127.0.0.1'), 'the address nginx saw (loopback here) is recorded');
});

test('one node stopping: nginx sends everything to the other', async () => {
	const { cw } = await ready;
	process.kill(Number(process.env.NODE2_PID), 'SIGTERM');
	await new Promise((res) => setTimeout(res, 500));
	for (let i = 0; i < 6; i++) {
		const r = await cw.get('/account');
		assert.equal(r.status, 200, `GET /account #${i} with node 2 down: ${r.status}`);
		assert.ok(r.headers.get(UP).includes(new URL(NODE[0]).port), r.headers.get(UP));
	}
});
