// probe.mjs — tests/nodes/pg_restart.sh's look at the pages while the
// database is down. `node probe.mjs login` logs arta in (web session and an
// API token) and prints them as JSON; `node probe.mjs probe JSON` sends a
// page, a form, an API read and /healthz with them through RRJETI_URL and
// prints one line each: "what status retry-after".
import * as L from '../http/lib.mjs';

if (process.argv[2] === 'login') {
	const s = await L.login('arta');
	const t = await L.apiToken('arta', L.PASSWORD, 'probe');
	console.log(JSON.stringify({ cookie: s.cookie, csrf: s.csrf, token: t.token }));
	process.exit(0);
}
const c = JSON.parse(process.argv[3]);
const probes = [
	['page', '/account', { cookie: c.cookie }],
	['home', '/', { cookie: c.cookie }],
	['form', '/intake', { method: 'POST', cookie: c.cookie, headers: { 'content-type': L.FORM },
		body: L.formEncode({ csrf: c.csrf, channel: 'phone', referrer_type: 'school', concern_NEG: '1' }) }],
	['api', '/api/v1/me', { bearer: c.token }],
	['healthz', '/healthz', {}],
];
for (const [what, path, opts] of probes) {
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), 15000);
	const t0 = Date.now();
	let status, retry = '-';
	try {
		const h = { ...(opts.headers || {}) };
		if (opts.cookie)
			h.cookie = opts.cookie;
		if (opts.bearer)
			h.authorization = 'Bearer ' + opts.bearer;
		const r = await fetch(L.BASE + path, { method: opts.method || 'GET', headers: h, body: opts.body,
			redirect: 'manual', signal: ctl.signal });
		await r.arrayBuffer();
		status = r.status;
		retry = (r.headers.get('retry-after') || '-').replace(/\s/g, '');
	} catch {
		status = ctl.signal.aborted ? 'timeout' : 'neterr';
	}
	clearTimeout(timer);
	console.log(`${what} ${status} ${retry} ${Date.now() - t0}`);
}
