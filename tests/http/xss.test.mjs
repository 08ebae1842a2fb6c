// xss.test.mjs — hostile text in every field that is shown again: a user's
// full name, an agency's name, a team's name, a population source, an API
// token's name, reflected form values and query parameters. Every page that
// shows one must show it escaped (and the JSON API return it unchanged).
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

const { http, Api, FORM } = L;

const NAME = `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>`;
const AGENCY = `<svg onload=alert(3)>"'&Agj`;
const TEAM = `<b onmouseover=alert(4)>T"'&`;
const SOURCE = `</td><script>alert(5)</script>`;
const TOKEN = `<i>"tok'&`;
/* Pieces that must never appear as they are. */
const RAW = ['<script>alert', '<img src=x', '<svg onload', '<b onmouseover', '<i>"tok', '</td><script>'];

const fx = {};

const ready = L.setup(async () => {
	const ta = await L.readyUser({ role: 'sysadmin', agency: null });
	fx.ta = { ...ta, s: await L.login(ta.username, ta.password), api: await Api.as(ta.username, ta.password) };
	fx.hani = await L.agencyByCode('QPS-HANI');
	/* The agency and its team, through the web. */
	const code = L.uniq('X').toUpperCase().slice(0, 16);
	const a = await fx.ta.s.post('/admin/agencies', { code, name: AGENCY, type: 'provider',
		municipality: fx.hani.municipality_id });
	assert.equal(a.status, 303, a.text.slice(0, 300));
	fx.agencyPath = a.location;
	fx.agencyId = Number(/(\d+)$/.exec(a.location)[1]);
	assert.equal((await fx.ta.s.post(`${fx.agencyPath}/teams`, { name: TEAM })).status, 303);
	/* The user, through the web, then placed in the team. */
	fx.username = L.uniq('x');
	const u = await fx.ta.s.post('/admin/users', { username: fx.username, full_name: NAME,
		password: 'Long-enough-1', role: 'caseworker', agency: fx.agencyId });
	assert.equal(u.status, 303, u.text.slice(0, 300));
	fx.userPath = u.location;
	fx.userId = Number(/(\d+)$/.exec(u.location)[1]);
	const view = await fx.ta.s.get(fx.userPath);
	const team = new RegExp(`<option value="(\\d+)"[^>]*>${L.htmlEscape(TEAM).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</option>`)
		.exec(view.text);
	assert.ok(team, 'the team is offered, escaped');
	const version = Number(/name="version" value="(\d+)"/.exec(view.text)[1]);
	const e = await fx.ta.s.post(fx.userPath, { full_name: NAME, role: 'caseworker', scope: 'team',
		agency: fx.agencyId, team: team[1], active: 1, version });
	assert.equal(e.status, 303, e.text.slice(0, 300));
	/* The user's own first login, password change and a token. */
	fx.user = await L.login(fx.username, 'Long-enough-1');
	await L.changePassword(fx.user, 'Long-enough-1', 'Long-enough-2');
	fx.user = await L.login(fx.username, 'Long-enough-2');
	assert.equal((await fx.user.post('/account/tokens', { name: TOKEN })).status, 200);
	/* A population source. */
	assert.equal((await fx.ta.s.post('/admin/population', { municipality: fx.hani.municipality_id, year: 2003,
		children: 10, source: SOURCE })).status, 303);
});

function check(what, r, shown) {
	const problems = [];
	if (r.status !== 200)
		problems.push(`${what}: ${r.status}`);
	for (const piece of RAW)
		if (r.text.includes(piece))
			problems.push(`${what}: "${piece}" unescaped`);
	for (const s of shown)
		if (!r.text.includes(L.htmlEscape(s)))
			problems.push(`${what}: does not show ${JSON.stringify(s)} escaped`);
	return problems;
}

test('hostile names are escaped on every page that shows them', async () => {
	const { s } = fx.ta;
	const pages = [
		['user list of the agency', await s.get('/admin/users?agency=' + fx.agencyId), [NAME, AGENCY, TEAM]],
		['user page', await s.get(fx.userPath), [NAME, AGENCY, TEAM]],
		['new user form', await s.get('/admin/users/new'), [AGENCY]],
		['agency list', await s.get('/admin/agencies'), [AGENCY]],
		['agency page', await s.get(fx.agencyPath), [AGENCY, TEAM]],
		['population', await s.get('/admin/population?year=2003'), [SOURCE]],
		['the user\'s home', await fx.user.get('/'), [NAME, AGENCY]],
		['the user\'s account', await fx.user.get('/account'), [NAME, AGENCY, TEAM, TOKEN]],
	];
	const problems = [];
	for (const [what, r, shown] of pages)
		problems.push(...check(what, r, shown));
	assert.deepEqual(problems, []);
	/* In an attribute, a quote cannot end the value. */
	const view = (await s.get(fx.userPath)).text;
	assert.ok(view.includes(`value="${L.htmlEscape(NAME)}"`), 'the edit form holds the name escaped');
});

test('the JSON API returns hostile names unchanged, as JSON', async () => {
	const r = await fx.ta.api.get(`/api/v1/users/${fx.userId}`);
	assert.equal(r.headers.get('content-type'), 'application/json');
	assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
	const j = r.json();
	assert.equal(j.full_name, NAME);
	assert.equal(j.agency.name, AGENCY);
	assert.equal(j.team.name, TEAM);
	const list = (await fx.ta.api.get('/api/v1/population?year=2003')).json();
	assert.equal(list.municipalities.find((m) => m.municipality_id === fx.hani.municipality_id).source, SOURCE);
});

test('reflected input is escaped: login form, audit filters, error pages', async () => {
	const problems = [];
	/* The username of a failed login is shown again. */
	const login = await http('/login', { method: 'POST', headers: { 'content-type': FORM },
		body: L.formEncode({ username: NAME, password: 'wrong password' }) });
	assert.equal(login.status, 401);
	problems.push(...check('failed login', { ...login, status: 200 }, [NAME]));
	/* The audit filters are shown again, and in the pager links. */
	const aud = await L.readyUser({ role: 'auditor', agency: 'MPMS-XK' });
	const as = await L.login(aud.username, aud.password);
	const f = await as.get('/audit' + L.query({ actor: NAME.slice(0, 60), action: `"><script>alert(6)</script>` }));
	problems.push(...check('audit filter', f, [NAME.slice(0, 60)]));
	if (f.text.includes('"><script>'))
		problems.push('audit filter: action unescaped');
	const paged = await as.get('/audit' + L.query({ action: `login"><script>alert(7)</script>`, page: 2 }));
	if (paged.text.includes('"><script>'))
		problems.push('audit pager: unescaped');
	/* Unknown field names and bad values in error messages. */
	const unknown = await fx.ta.s.post('/account/language', [['lang', 'sq'], ['<script>alert(8)</script>', '1']]);
	assert.equal(unknown.status, 400);
	if (unknown.text.includes('<script>alert(8)'))
		problems.push('error page: the field name unescaped');
	const ju = await fx.ta.api.post('/api/v1/agencies', { code: 'ZZ', name: 'x', type: 'police', '<script>': 1 });
	assert.equal(ju.json().field, '<script>');
	assert.equal(ju.headers.get('content-type'), 'application/json');
	/* A 404 of a hostile path. */
	const nf = await http('/%3Cscript%3Ealert(9)%3C/script%3E');
	assert.equal(nf.status, 404);
	if (nf.text.includes('<script>alert(9)'))
		problems.push('404 page: the path unescaped');
	/* The language parameter goes into a cookie only when it is a language. */
	const lang = await http('/login?lang=' + encodeURIComponent('en; Domain=evil.example'));
	assert.equal(lang.status, 400);
	assert.equal(lang.setCookies.length, 0);
	assert.deepEqual(problems, []);
});
