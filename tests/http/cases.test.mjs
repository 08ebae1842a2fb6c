// cases.test.mjs — cases over HTTP, negative first: who sees which case
// (404 and an audit row for a case out of sight), wrong roles, bad risk
// input, assignment outside the rules, stale versions; the search limited by
// its own query. Cases are made with SQL (routes_cases.spec.mjs makeCase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';

const fx = {};
const ready = L.setup(async () => {
	const hani = await L.agencyByCode('QPS-HANI');
	const team = L.uniq('Ekipi').slice(0, 30);
	fx.team1 = Number(execSql("SELECT id FROM team WHERE name = 'Ekipi 1' AND agency_id = " + hani.id));
	fx.team2 = Number(execSql(`INSERT INTO team (agency_id, name, created_at) VALUES (${hani.id}, '${team}', 1) RETURNING id;`));
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
	};
	fx.cw1 = await mk('caseworker', { team: fx.team1 });
	fx.cw2 = await mk('caseworker', { team: fx.team2 });
	fx.sup = await mk('supervisor');
	fx.psup = await mk('supervisor', { agency: 'QPS-PRISHTINE' }).catch(() => null);
	fx.admin = await mk('municipal_admin');
	fx.own = makeCase({ worker: fx.cw1.id, team: fx.team1, given: 'Drilon', family: 'Morina' });
	fx.other = makeCase({ worker: fx.cw2.id, team: fx.team2 });
	fx.restricted = makeCase({ team: fx.team1, concern: 'TRF', restricted: 1 });
});

import { sql as execSql } from './routes_cases.spec.mjs';

async function auditOf(username, action, id) {
	const e = (await L.auditEntries({ actor: username, action })).entries;
	return e.filter((x) => x.object_id === id);
}

test('a case out of sight: 404 on the page and the API, and the attempt is audited', async () => {
	await ready;
	for (const c of [fx.other, fx.restricted]) {
		assert.equal((await fx.cw1.s.get(`/cases/${c.id}`)).status, 404);
		const r = await fx.cw1.api.get(`/api/v1/cases/${c.id}`);
		assert.equal(r.status, 404);
		assert.equal(r.json().error, 'not_found');
		assert.equal((await auditOf(fx.cw1.username, 'case.read.denied', c.id)).length, 2);
	}
	/* The supervisor of the unit sees both, restricted included. */
	assert.equal((await fx.sup.s.get(`/cases/${fx.restricted.id}`)).status, 200);
	assert.equal((await fx.sup.api.get(`/api/v1/cases/${fx.other.id}`)).status, 200);
	if (fx.psup)
		assert.equal((await fx.psup.api.get(`/api/v1/cases/${fx.own.id}`)).status, 404);
	/* A successful read is audited. */
	assert.equal((await fx.cw1.s.get(`/cases/${fx.own.id}`)).status, 200);
	assert.ok((await auditOf(fx.cw1.username, 'case.read', fx.own.id)).length >= 1);
});

test('wrong role: an administrator gets 403 for cases; a caseworker cannot validate or assign', async () => {
	await ready;
	assert.equal((await fx.admin.s.get('/cases')).status, 403);
	assert.equal((await fx.admin.api.get(`/api/v1/cases/${fx.own.id}`)).status, 403);
	assert.equal((await fx.cw1.api.post(`/api/v1/cases/${fx.own.id}/assign`, { worker: fx.cw1.id, version: 1 })).status, 403);
	assert.equal((await fx.cw1.api.post(`/api/v1/cases/${fx.own.id}/risk/1/validate`, {})).status, 403);
});

test('risk: unknown level, empty or oversized rationale, stale version; nothing saved', async () => {
	await ready;
	const c = makeCase({ worker: fx.cw1.id, team: fx.team1 });
	const p = `/api/v1/cases/${c.id}/risk`;
	const bad = [
		[{ level: 'extreme', rationale: 'x', version: 1 }, 'level'],
		[{ level: 'high', rationale: '', version: 1 }, 'rationale'],
		[{ level: 'high', rationale: ' \n ', version: 1 }, 'rationale'],
		[{ level: 'high', rationale: 'ë'.repeat(4001), version: 1 }, 'rationale'],
		[{ level: 'high', version: 1 }, 'rationale'],
	];
	for (const [body, field] of bad) {
		const r = await fx.cw1.api.post(p, body);
		assert.equal(r.status, 400, JSON.stringify(body).slice(0, 80));
		assert.equal(r.json().field, field);
	}
	const stale = await fx.cw1.api.post(p, { level: 'high', rationale: 'x', version: 5 });
	assert.equal(stale.status, 409);
	assert.equal((await fx.cw1.api.get(`/api/v1/cases/${c.id}`)).json().risks.length, 0);
	/* The web form says which field. */
	const w = await fx.cw1.s.post(`/cases/${c.id}/risk`, { level: 'high', rationale: 'ë'.repeat(4001), version: 1 });
	assert.equal(w.status, 400);
	/* 4,000 characters are fine; the status moves to screened. */
	const ok = await fx.cw1.api.post(p, { level: 'high', rationale: 'ë'.repeat(4000), version: 1 });
	assert.equal(ok.status, 201, ok.text.slice(0, 200));
	assert.equal(ok.json().status, 'screened');
	assert.equal(ok.json().timeline.find((e) => e.kind === 'risk').after, 'high');
});

test('assignment: not to another agency\'s user, not to a non-caseworker; a stale version is 409', async () => {
	await ready;
	const c = makeCase({});
	const p = `/api/v1/cases/${c.id}/assign`;
	if (fx.psup)
		assert.equal((await fx.sup.api.post(p, { worker: fx.psup.id, version: 1 })).json().field, 'worker');
	const sup = await fx.sup.api.post(p, { worker: fx.sup.id, version: 1 });
	assert.equal(sup.status, 400);
	assert.equal(sup.json().field, 'worker');
	assert.equal((await fx.sup.api.post(p, { worker: fx.admin.id, version: 1 })).status, 400);
	assert.equal((await fx.sup.api.post(p, { worker: fx.cw1.id, version: 9 })).status, 409);
	const ok = await fx.sup.api.post(p, { worker: fx.cw2.id, version: 1 });
	assert.equal(ok.status, 200);
	assert.equal(ok.json().team.id, fx.team2, 'the worker\'s own team');
	const t = ok.json().timeline.find((e) => e.kind === 'assigned' && e.field === 'worker');
	assert.equal(t.before, '');
	assert.equal(t.after, 'Test ' + fx.cw2.username);
});

test('search: limited by the query itself; by name without diacritics, number, filters', async () => {
	await ready;
	const mine = (await fx.cw1.api.get('/api/v1/cases?page=1')).json();
	assert.ok(mine.cases.some((c) => c.id === fx.own.id));
	assert.ok(!mine.cases.some((c) => c.id === fx.other.id || c.id === fx.restricted.id));
	const byName = (await fx.cw1.api.get('/api/v1/cases?q=' + encodeURIComponent('Drilon Mörina'))).json();
	assert.deepEqual(byName.cases.map((c) => c.id), [fx.own.id]);
	const other = (await fx.cw1.api.get('/api/v1/cases?q=' + encodeURIComponent(fx.other.number))).json();
	assert.equal(other.total, 0);
	const sup = (await fx.sup.api.get('/api/v1/cases?q=' + encodeURIComponent(fx.other.number))).json();
	assert.equal(sup.total, 1);
	const trf = (await fx.sup.api.get('/api/v1/cases?concern=TRF&sort=risk')).json();
	assert.ok(trf.cases.every((c) => c.restricted));
	const page = await fx.cw1.s.get('/cases?status=registered&risk=none&sort=number');
	assert.equal(page.status, 200);
	assert.equal((await fx.cw1.api.get('/api/v1/cases?number=' + encodeURIComponent('XK%'))).status, 400);
});
