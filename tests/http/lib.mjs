// lib.mjs — what the HTTP tests share: requests with a cookie jar, the CSRF
// token of a page, API tokens, throw-away users, the route table from
// `rrjeti routes`, the message catalogues (to check the text of an error in
// any language), the audit trail, and raw sockets for hostile input.
//
// Node's built-ins only (node:test, fetch, node:net ...): it runs on Debian's
// node 18 as well as on node 20+. tests/http/run.sh starts the server and
// sets RRJETI_URL, RRJETI_DATA, RRJETI_PASSWORD and RRJETI_BIN.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const BASE = (process.env.RRJETI_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const PASSWORD = process.env.RRJETI_PASSWORD || '';
export const BIN = process.env.RRJETI_BIN || 'build/rrjeti';
export const DATA = process.env.RRJETI_DATA || '';
const base = new URL(BASE);
export const HOST = base.hostname;
export const PORT = Number(base.port || 80);

export const FORM = 'application/x-www-form-urlencoded';
export const JSONTYPE = 'application/json';

// ---------------------------------------------------------------- set-up

/*
 * Runs fn once, when the test file is loaded; the file's tests await the
 * promise (instead of a root-level before() hook, which node 18 does not
 * run reliably). A failure fails every test that waits for it.
 */
export function setup(fn) {
	const p = Promise.resolve().then(fn);
	p.catch(() => {});
	return p;
}

// ---------------------------------------------------------------- requests

function setCookiesOf(headers) {
	if (typeof headers.getSetCookie === 'function')
		return headers.getSetCookie();
	const all = headers.get('set-cookie');
	// No cookie of ours has an Expires attribute (the one with a comma).
	return all ? all.split(/,\s*(?=[A-Za-z0-9_]+=)/) : [];
}

/*
 * One request, redirects not followed. opts: method, headers, body (string
 * or Buffer), cookie (a Cookie header), bearer (a token). Returns status,
 * headers, text, location, setCookies and json().
 */
export async function http(path, opts = {}) {
	const headers = { ...(opts.headers || {}) };
	if (opts.cookie)
		headers.cookie = opts.cookie;
	if (opts.bearer)
		headers.authorization = 'Bearer ' + opts.bearer;
	const res = await fetch(BASE + path, {
		method: opts.method || 'GET',
		headers,
		body: opts.body,
		redirect: 'manual',
	});
	const buf = Buffer.from(await res.arrayBuffer());
	const text = buf.toString('utf8');
	return {
		status: res.status,
		headers: res.headers,
		text,
		buf,
		location: res.headers.get('location'),
		setCookies: setCookiesOf(res.headers),
		json() {
			try {
				return JSON.parse(text);
			} catch (e) {
				throw new Error(`not JSON (${res.status} ${path}): ${text.slice(0, 300)}`);
			}
		},
	};
}

/* URL-encodes an object or a list of [key, value] pairs. */
export function formEncode(fields) {
	const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
	return pairs
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(String(v)))
		.join('&');
}

export function query(fields) {
	const q = formEncode(fields);
	return q ? '?' + q : '';
}

/* The CSRF token of a page: the value of its hidden input named csrf. */
export function csrfOf(html) {
	const m = /<input type="hidden" name="csrf" value="([^"]*)">/.exec(html || '');
	return m && m[1] ? m[1] : null;
}

export function htmlEscape(s) {
	return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
		.replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/* The texts of a page's alerts (error messages), HTML as sent. */
export function alertsOf(html) {
	const out = [];
	const re = /role="alert"[^>]*>([\s\S]*?)<\/p>/g;
	let m;
	while ((m = re.exec(html || '')) !== null)
		out.push(m[1]);
	return out;
}

/* A browser: a cookie jar and the last CSRF token seen. */
export class Session {
	constructor() {
		this.jar = new Map();
		this.csrf = null;
		this.username = null;
	}

	get cookie() {
		const c = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
		return c || undefined;
	}

	get token() {
		return this.jar.get('rr_session');
	}

	absorb(r) {
		for (const c of r.setCookies) {
			const nv = c.split(';')[0];
			const i = nv.indexOf('=');
			const k = nv.slice(0, i).trim();
			const v = nv.slice(i + 1).trim();
			if (v === '' || /;\s*max-age=0\b/i.test(c))
				this.jar.delete(k);
			else
				this.jar.set(k, v);
		}
	}

	async req(path, opts = {}) {
		const r = await http(path, { ...opts, cookie: 'cookie' in opts ? opts.cookie : this.cookie });
		this.absorb(r);
		const t = csrfOf(r.text);
		if (t)
			this.csrf = t;
		return r;
	}

	get(path, opts = {}) {
		return this.req(path, opts);
	}

	/*
	 * A form POST. fields: an object, a list of pairs, or a raw encoded
	 * string. opts.csrf: undefined adds the session's token, false sends
	 * none, a string sends that.
	 */
	post(path, fields = {}, opts = {}) {
		let body = typeof fields === 'string' ? fields : formEncode(fields);
		const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
		if (csrf !== false && csrf !== null)
			body = 'csrf=' + encodeURIComponent(csrf) + (body ? '&' + body : '');
		return this.req(path, {
			method: 'POST',
			headers: { 'content-type': FORM, ...(opts.headers || {}) },
			body,
			...(opts.cookie !== undefined ? { cookie: opts.cookie } : {}),
		});
	}

	/* Logs in through the form; asserts the 303 to / and fetches a CSRF token. */
	async login(username, password = PASSWORD) {
		const r = await this.post('/login', { username, password }, { csrf: false });
		assert.equal(r.status, 303, `login ${username}: ${r.status} ${r.text.slice(0, 400)}`);
		assert.equal(r.location, '/');
		assert.ok(this.token, `login ${username}: no session cookie`);
		this.username = username;
		const a = await this.get('/account');
		assert.equal(a.status, 200, `GET /account after login: ${a.status}`);
		assert.ok(this.csrf, 'no CSRF token on /account');
		return r;
	}
}

export async function login(username, password = PASSWORD) {
	const s = new Session();
	await s.login(username, password);
	return s;
}

// ---------------------------------------------------------------- the API

export async function apiToken(username, password = PASSWORD, name) {
	const r = await http('/api/v1/tokens', {
		method: 'POST',
		headers: { 'content-type': JSONTYPE },
		body: JSON.stringify(name ? { username, password, name } : { username, password }),
	});
	assert.equal(r.status, 201, `token for ${username}: ${r.status} ${r.text}`);
	return r.json();
}

export class Api {
	constructor(token) {
		this.token = token;
	}

	static async as(username, password = PASSWORD) {
		return new Api((await apiToken(username, password)).token);
	}

	req(method, path, body, headers = {}) {
		const h = { ...headers };
		if (body !== undefined && !h['content-type'])
			h['content-type'] = JSONTYPE;
		return http(path, {
			method,
			headers: h,
			body: body === undefined ? undefined :
				typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
			bearer: this.token,
		});
	}

	get(path) { return this.req('GET', path); }
	post(path, body) { return this.req('POST', path, body); }
	put(path, body) { return this.req('PUT', path, body); }
	del(path) { return this.req('DELETE', path); }
}

const cache = {};
export async function adminApi() {
	cache.admin ??= await Api.as('admin');
	return cache.admin;
}
export async function auditorApi() {
	cache.auditor ??= await Api.as('auditor');
	return cache.auditor;
}

/* A name no other test uses: [a-z][a-z0-9]*, at most 3 + 12 characters. */
let seq = 0;
/* A login name of six letters that is no account, new each call: failed
 * logins lock a name whether or not it exists, so tests that log in as
 * "nobody" must not share one name. */
export function ghost() {
	let s = '';
	while (s.length < 6)
		s += 'abcdefghijklmnopqrstuvwxyz'[Math.floor(Math.random() * 26)];
	return s;
}

export function uniq(prefix = 't') {
	seq++;
	return prefix + process.pid.toString(36) + Date.now().toString(36).slice(-4) +
		seq.toString(36) + Math.random().toString(36).slice(2, 5);
}

export async function agencyByCode(code) {
	const r = await (await adminApi()).get('/api/v1/agencies');
	assert.equal(r.status, 200);
	const a = r.json().agencies.find((x) => x.code === code);
	assert.ok(a, `agency ${code}`);
	return a;
}

export async function userByName(username) {
	const api = await adminApi();
	for (let page = 1; page < 50; page++) {
		const r = await api.get('/api/v1/users?page=' + page);
		assert.equal(r.status, 200, r.text);
		const users = r.json().users;
		const u = users.find((x) => x.username === username);
		if (u)
			return u;
		if (users.length < 100)
			break;
	}
	throw new Error('no user ' + username);
}

/*
 * A new user made by the system administrator through the API (so the user
 * must change the password at first login). Returns id, username, password.
 */
export async function createUser(opts = {}) {
	const username = opts.username || uniq('u');
	const password = opts.password || 'Pw-' + uniq('p') + '-x';
	const body = {
		username,
		full_name: opts.full_name || 'Test ' + username,
		password,
		role: opts.role || 'caseworker',
	};
	if (opts.scope)
		body.scope = opts.scope;
	const agency = opts.agency === undefined ? 'QPS-HANI' : opts.agency;
	if (agency)
		body.agency = (await agencyByCode(agency)).id;
	if (opts.team)
		body.team = opts.team;
	const r = await (await adminApi()).post('/api/v1/users', body);
	assert.equal(r.status, 201, `create ${username}: ${r.status} ${r.text}`);
	const u = r.json();
	return { id: u.id, username, password, version: u.version, user: u };
}

/* Changes a user's password through /account/password. */
export async function changePassword(s, oldpw, newpw) {
	const r = await s.post('/account/password', {
		old_password: oldpw, new_password: newpw, new_password2: newpw,
	});
	assert.equal(r.status, 303, `password change: ${r.status} ${r.text.slice(0, 300)}`);
	assert.equal(r.location, '/login');
	return r;
}

/* A new user who has already changed the first password: ready for pages. */
export async function readyUser(opts = {}) {
	const u = await createUser(opts);
	const s = await login(u.username, u.password);
	const pw = 'Pw-' + uniq('q') + '-y';
	await changePassword(s, u.password, pw);
	u.password = pw;
	return u;
}

// ---------------------------------------------------------------- the audit trail

/* Audit entries (newest first) filtered as GET /api/v1/audit. */
export async function auditEntries(filter = {}) {
	const r = await (await auditorApi()).get('/api/v1/audit' + query(filter));
	assert.equal(r.status, 200, r.text);
	return r.json();
}

/* Actions that read and change nothing (they are audited too). */
export const READ_ACTIONS = new Set(['user.read', 'user.list', 'audit.search', 'case.read', 'case.list', 'case.read.denied',
	'conference.read', 'conference.list', 'conference.read.denied', 'referral.read', 'referral.read.denied']);

/* The newest audit id written by username (0 when none). */
export async function lastAuditId(username) {
	const e = (await auditEntries({ actor: username })).entries;
	return e.length ? e[0].id : 0;
}

/* The writes username made after audit id since. */
export async function writesSince(username, since) {
	const e = (await auditEntries({ actor: username })).entries;
	return e.filter((x) => x.id > since && !READ_ACTIONS.has(x.action));
}

// ---------------------------------------------------------------- the route table

/*
 * `rrjeti routes`: method, pattern, name, perm, flags (csrf, api,
 * loopback), body (none, form, json, multipart, raw), fields [{name, required}].
 */
export function routes() {
	const out = execFileSync(BIN, ['routes'], { encoding: 'utf8' });
	return out.trim().split('\n').map((line) => {
		const t = line.trim().split(/\s+/);
		const [method, pattern, name, perm] = t;
		let i = 4;
		const flags = new Set();
		while (i < t.length && !['none', 'form', 'json', 'multipart', 'raw'].includes(t[i]))
			flags.add(t[i++]);
		const body = t[i++];
		const fields = t.slice(i).map((f) => ({
			name: f.replace(/\*$/, ''), required: f.endsWith('*'),
		}));
		return {
			method, pattern, name, perm, body, fields, flags,
			csrf: flags.has('csrf'), api: flags.has('api'),
			loopback: flags.has('loopback'), public: perm === 'public',
		};
	});
}

/*
 * The role x route matrix: "METHOD PATTERN" -> { role: allowed }, of the
 * binary (`rrjeti routes --matrix`) or, with golden, of the reviewed file
 * tests/golden/authz_matrix.txt: what the tests expect.
 */
export function matrix(golden = false) {
	const text = golden ?
		fs.readFileSync(new URL('../golden/authz_matrix.txt', import.meta.url), 'utf8') :
		execFileSync(BIN, ['routes', '--matrix'], { encoding: 'utf8' });
	const lines = text.trim().split('\n');
	const cols = lines[0].trim().split(/\s+/).slice(2);
	const m = {};
	for (const line of lines.slice(1)) {
		const t = line.trim().split(/\s+/);
		const row = {};
		cols.forEach((c, i) => { row[c] = t[2 + i] === 'yes'; });
		m[t[0] + ' ' + t[1]] = row;
	}
	return m;
}

// ---------------------------------------------------------------- messages

function poUnquote(s) {
	return JSON.parse(s);	/* po escapes are those of JSON strings */
}

let catalogues = null;
/* Every language's text for a message key (from po/*.po). */
export function messages(key) {
	if (catalogues === null) {
		catalogues = {};
		const dir = new URL('../../po/', import.meta.url);
		for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.po'))) {
			/* po/sq.po and its domain parts po/sq-DOMAIN.po */
			const lang = f.replace(/(-[a-z_]+)?\.po$/, '');
			const cat = catalogues[lang] || {};
			let id = null, str = null, cur = null;
			const flush = () => {
				if (id !== null && str !== null)
					cat[id] = str;
				id = str = cur = null;
			};
			for (const line of fs.readFileSync(new URL(f, dir), 'utf8').split('\n')) {
				let m;
				if ((m = /^msgid\s+(".*")\s*$/.exec(line))) {
					flush();
					id = poUnquote(m[1]);
					cur = 'id';
				} else if ((m = /^msgstr\s+(".*")\s*$/.exec(line))) {
					str = poUnquote(m[1]);
					cur = 'str';
				} else if ((m = /^\s*(".*")\s*$/.exec(line)) && cur) {
					if (cur === 'id')
						id += poUnquote(m[1]);
					else
						str += poUnquote(m[1]);
				} else if (line.trim() === '' || line.startsWith('#')) {
					if (cur === 'str')
						flush();
				}
			}
			flush();
			catalogues[lang] = cat;
		}
	}
	const out = new Set();
	for (const cat of Object.values(catalogues))
		if (cat[key])
			out.add(cat[key]);
	return [...out];
}

/* 1 when the HTML page shows the message of key (in any language). */
export function pageSays(html, key) {
	return messages(key).some((m) => html.includes(htmlEscape(m)));
}

/* 1 when text is the message of key in some language. */
export function isMessage(text, key) {
	return messages(key).includes(text);
}

// ---------------------------------------------------------------- raw sockets

/*
 * Sends data over a new TCP connection (a string, a Buffer, or a list of
 * them with optional { delay: ms } entries between) and collects what comes
 * back until the server closes, until done(text) is true, or until
 * timeout ms. Returns { text, closed, timedOut, error }.
 */
export function raw(data, { timeout = 5000, done, half = false } = {}) {
	return new Promise((resolve) => {
		const chunks = [];
		let closed = false, timedOut = false, error = null, finished = false;
		const sock = net.connect(PORT, HOST);
		const finish = () => {
			if (finished)
				return;
			finished = true;
			clearTimeout(timer);
			sock.destroy();
			resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, timedOut, error });
		};
		const timer = setTimeout(() => { timedOut = true; finish(); }, timeout);
		sock.on('data', (d) => {
			chunks.push(d);
			if (done && done(Buffer.concat(chunks).toString('latin1')))
				finish();
		});
		sock.on('end', () => { closed = true; finish(); });
		sock.on('close', () => { closed = true; finish(); });
		sock.on('error', (e) => { error = e.code || String(e); closed = true; finish(); });
		sock.on('connect', async () => {
			const list = Array.isArray(data) ? data : [data];
			for (const d of list) {
				if (finished)
					return;
				if (d && typeof d === 'object' && !Buffer.isBuffer(d) && 'delay' in d) {
					await new Promise((r) => setTimeout(r, d.delay));
					continue;
				}
				await new Promise((r) => sock.write(d, () => r()));
			}
			if (half)
				sock.end();
		});
	});
}

/*
 * The HTTP responses in a raw answer, in order: { status, headers (lower
 * case names), body }. A response without Content-Length runs to the end.
 */
export function responses(text) {
	const out = [];
	let rest = text;
	while (rest.length > 0) {
		const m = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(rest);
		if (!m)
			break;
		const end = rest.indexOf('\r\n\r\n');
		if (end < 0) {
			out.push({ status: Number(m[1]), headers: {}, body: '', truncated: true });
			break;
		}
		const headers = {};
		for (const line of rest.slice(m[0].length, end).split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0)
				headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const status = Number(m[1]);
		const n = status < 200 || status === 204 || status === 304 ? 0 :
			headers['content-length'] !== undefined ? Number(headers['content-length']) :
				rest.length - end - 4;
		out.push({ status, headers, body: rest.slice(end + 4, end + 4 + n) });
		rest = rest.slice(end + 4 + n);
	}
	return out;
}

/* The status codes of the HTTP responses in a raw answer, in order. */
export function statuses(text) {
	return responses(text).map((r) => r.status);
}

/* Asserts the server still answers /healthz. */
export async function assertAlive(what = '') {
	const r = await http('/healthz');
	assert.equal(r.status, 200, `server not healthy after ${what}`);
	assert.equal(r.text, 'ok\n');
}
