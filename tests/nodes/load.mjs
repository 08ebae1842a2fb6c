// load.mjs — the write load of tests/nodes/pg_restart.sh: CLIENTS clients,
// each with its own API token, create intake reports (POST /api/v1/reports)
// through RRJETI_URL for SECONDS seconds, one request at a time each, with a
// time limit per request. Writes one line per request to OUT
// ("t_ms status ms retry_after id"), the acknowledged ids (201) to OUT.ids,
// and prints a summary. Then waits until every node in NODES (URLs, space
// separated) answers GET /api/v1/me with 200 again, and prints how long that
// took. Exit 0 when it ran; the shell script judges.
import fs from 'node:fs';
import * as L from '../http/lib.mjs';

const CLIENTS = Number(process.env.LOAD_CLIENTS || 6);
const SECONDS = Number(process.env.LOAD_SECONDS || 20);
const OUT = process.env.OUT;
const LIMIT_MS = 15000;		// a request taking longer counts as a hang

const tokens = [];
for (let i = 0; i < CLIENTS; i++)
	tokens.push((await L.apiToken('arta', L.PASSWORD, `load ${i}`)).token);
const t0 = Date.now();
const lines = [];
const ids = [];
const odd = [];

async function one(token, n) {
	const start = Date.now();
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), LIMIT_MS);
	let status, text = '', retry = '-';
	try {
		const r = await fetch(L.BASE + '/api/v1/reports', {
			method: 'POST', signal: ctl.signal,
			headers: { authorization: 'Bearer ' + token, 'content-type': L.JSONTYPE },
			body: JSON.stringify({ channel: 'phone', referrer_type: 'school', given_name: 'Ngarkesë',
				family_name: `Klient${n}`, sex: 'f', age: 8, concerns: 'NEG', narrative: 'x' }),
		});
		status = r.status;
		text = await r.text();
		retry = (r.headers.get('retry-after') || '-').replace(/\s/g, '');
	} catch (e) {
		status = ctl.signal.aborted ? 'timeout' : 'neterr';
	}
	clearTimeout(timer);
	const ms = Date.now() - start;
	let id = '-';
	if (status === 201) {
		try {
			id = JSON.parse(text).id;
		} catch {
			status = '201-not-json';
		}
		if (id !== '-')
			ids.push(id);
	}
	lines.push(`${start - t0} ${status} ${ms} ${retry} ${id}`);
	if (status !== 201 && status !== 503)
		odd.push(`${start - t0} ${status}: ${text.slice(0, 300).replace(/\s+/g, ' ')}`);
	return status;
}

async function client(i) {
	while (Date.now() - t0 < SECONDS * 1000) {
		const s = await one(tokens[i], i);
		// A 503 says when to come back; a load test comes back sooner.
		if (s !== 201)
			await new Promise((res) => setTimeout(res, 100));
	}
}

await Promise.all(tokens.map((_, i) => client(i)));
fs.writeFileSync(OUT, lines.join('\n') + '\n');
fs.writeFileSync(OUT + '.ids', ids.join('\n') + (ids.length ? '\n' : ''));
fs.writeFileSync(OUT + '.odd', odd.join('\n') + (odd.length ? '\n' : ''));

// Every node answers again by itself.
const nodes = (process.env.NODES || '').split(/\s+/).filter(Boolean);
const back = Date.now();
for (const url of nodes) {
	let ok = false;
	while (!ok && Date.now() - back < 20000) {
		try {
			const r = await fetch(url + '/api/v1/me', { headers: { authorization: 'Bearer ' + tokens[0] } });
			ok = r.status === 200;
		} catch {
			ok = false;
		}
		if (!ok)
			await new Promise((res) => setTimeout(res, 200));
	}
	console.log(`node ${url}: ${ok ? 'answers 200' : 'NOT BACK'} after ${Date.now() - back} ms`);
}
const by = {};
for (const l of lines) {
	const s = l.split(' ')[1];
	by[s] = (by[s] || 0) + 1;
}
console.log(`requests: ${lines.length}; by status: ${JSON.stringify(by)}; acknowledged: ${ids.length}`);
