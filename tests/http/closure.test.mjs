// closure.test.mjs — reviews, closure, reopening and transfer over HTTP,
// negative first: another unit's case (404, audited), the wrong role,
// closing without approval or twice, reasons the risk or age does not allow,
// impossible dates, reopening too late or a transferred case, a transfer to
// the same municipality or accepted by the wrong unit, stale versions,
// unknown codes and oversized text; then what "my work" shows and the
// receiving unit's read-only view of a transferred case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, now, sql } from './routes_cases.spec.mjs';
import { closeCase, day, requestClosure, unit, version } from './routes_closure.spec.mjs';

const fx = {};
const ready = L.setup(async () => {
	const hani = await L.agencyByCode('QPS-HANI');
	fx.team = Number(sql("SELECT id FROM team WHERE name = 'Ekipi 1' AND agency_id = " + hani.id));
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
	};
	fx.cw = await mk('caseworker', { team: fx.team });
	fx.cw2 = await mk('caseworker');
	fx.sup = await mk('supervisor');
	fx.recv = await unit('XK17');
	fx.hani = hani;
});

/* A case of fx.cw in QPS-HANI with its risk set. */
function own(risk = 'medium', extra = {}) {
	return makeCase({ worker: fx.cw.id, team: fx.team, risk, given: 'Blerta', family: 'Krasniqi', ...extra });
}

async function audits(username, action) {
	return (await L.auditEntries({ actor: username, action })).entries;
}

test('another unit\'s case: 404 on every closure route, audited; nothing written', async () => {
	await ready;
	const c = own();
	const x = fx.recv.sup;
	const v = await version(fx.cw.api, c.id);
	for (const [m, p, body] of [
		['GET', `/api/v1/cases/${c.id}/closure`],
		['POST', `/api/v1/cases/${c.id}/reviews`, { date: day(), progress: 'x', situation: 'y', decision: 'continue', version: v }],
		['POST', `/api/v1/cases/${c.id}/closure`, { reason: 'goals_met', summary: 'x', date: day(), version: v }],
		['POST', `/api/v1/cases/${c.id}/transfer`, { municipality: fx.recv.muni.id, reason: 'x', version: v }],
		['POST', `/api/v1/cases/${c.id}/closure/approve`, { version: v }],
	]) {
		const r = await x.api.req(m, p, body);
		assert.equal(r.status, 404, `${m} ${p}: ${r.status}`);
		assert.equal(r.json().error, 'not_found');
	}
	assert.equal((await x.s.get(`/cases/${c.id}/reviews/new`)).status, 404);
	assert.equal((await x.s.get(`/cases/${c.id}/closure/new`)).status, 404);
	assert.ok((await audits(x.username, 'case.write.denied')).some((e) => e.object_id === c.id));
	assert.equal(await version(fx.cw.api, c.id), v);
	/* Another team's caseworker does not see the case either. */
	const r = await fx.cw2.api.post(`/api/v1/cases/${c.id}/reviews`, { date: day(), progress: 'x', situation: 'y', decision: 'continue', version: v });
	assert.equal(r.status, 404);
});

test('a caseworker cannot approve, return, accept or list transfers: 403', async () => {
	await ready;
	const c = own();
	await requestClosure(fx.cw.api, c.id);
	const v = await version(fx.cw.api, c.id);
	assert.equal((await fx.cw.api.post(`/api/v1/cases/${c.id}/closure/approve`, { version: v })).status, 403);
	assert.equal((await fx.cw.api.post(`/api/v1/cases/${c.id}/closure/return`, { return_reason: 'x', version: v })).status, 403);
	assert.equal((await fx.cw.s.post(`/cases/${c.id}/closure/approve`, { version: v })).status, 403);
	assert.equal((await fx.cw.api.get('/api/v1/transfers')).status, 403);
	assert.equal((await fx.cw.s.get('/transfers')).status, 403);
	assert.equal((await fx.cw.api.post('/api/v1/transfers/1/accept', {})).status, 403);
	assert.equal((await fx.cw.api.get(`/api/v1/cases/${c.id}`)).json().status, 'registered');
});

test('closing: never without approval, never twice; reasons the risk or the age forbid', async () => {
	await ready;
	const c = own('medium');
	const p = `/api/v1/cases/${c.id}/closure`;
	/* Approval without a request is refused: nothing closes a case. */
	let r = await fx.sup.api.post(`${p}/approve`, { version: await version(fx.sup.api, c.id) });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'closure.none_waiting'));
	for (const [body, field, key] of [
		[{ reason: 'family_refused_low_risk' }, 'reason', 'closure.reason.low_only'],
		[{ reason: 'turned_18' }, 'reason', 'closure.reason.not_18'],
		[{ date: day(2) }, 'date', 'closure.date.future'],
		[{ date: day(-400) }, 'date', 'closure.date.before_open'],
		[{ follow_up: day(-1) }, 'follow_up', 'closure.follow_up.before_closure'],
		[{ reason: 'bogus' }, 'reason', 'error.field.choice'],
		[{ summary: 'ë'.repeat(4001) }, 'summary', 'error.field.toolong'],
		[{ summary: ' \n ' }, 'summary', 'error.field.required'],
	]) {
		r = await fx.cw.api.post(p, { reason: 'goals_met', summary: 'Done', date: day(), version: await version(fx.cw.api, c.id), ...body });
		assert.equal(r.status, 400, JSON.stringify(body).slice(0, 60));
		assert.equal(r.json().field, field);
		assert.ok(L.isMessage(r.json().message, key), r.json().message);
	}
	/* A child without a birth date: turned_18 refused with its own message. */
	sql(`UPDATE child SET birth_date = NULL WHERE id = ${c.child}`);
	r = await fx.cw.api.post(p, { reason: 'turned_18', summary: 's', date: day(), version: await version(fx.cw.api, c.id) });
	assert.ok(L.isMessage(r.json().message, 'closure.reason.birth_unknown'));
	/* The web form names the rule. */
	const w = await fx.cw.s.post(`/cases/${c.id}/closure`, { reason: 'family_refused_low_risk', summary: 's', date: day(), version: await version(fx.cw.api, c.id) });
	assert.equal(w.status, 400);
	assert.ok(L.pageSays(w.text, 'closure.reason.low_only'));
	assert.equal((await fx.cw.api.get(`/api/v1/cases/${c.id}/closure`)).json().closures.length, 0);
	/* Stale version: 409 with who changed what. */
	const v = await version(fx.cw.api, c.id);
	r = await fx.sup.api.post(`/api/v1/cases/${c.id}/incidents`, { incident_date: day(), description: 'Fight', version: v });
	assert.equal(r.status, 201, r.text);
	r = await fx.cw.api.post(p, { reason: 'goals_met', summary: 's', date: day(), version: v });
	assert.equal(r.status, 409);
	assert.equal(r.json().error, 'conflict');
	assert.equal(r.json().changed.kind, 'incident');
	/* Approved once; closed; a second request or approval refused. */
	const j = await closeCase(fx.sup.api, c.id);
	assert.equal(j.status, 'closed');
	r = await fx.cw.api.post(p, { reason: 'goals_met', summary: 's', date: day(), version: j.version });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'case.closed'));
	r = await fx.sup.api.post(`${p}/approve`, { version: j.version });
	assert.equal(r.status, 400);
	/* Low risk: family refusal allowed. */
	const low = own('low');
	r = await fx.cw.api.post(`/api/v1/cases/${low.id}/closure`, { reason: 'family_refused_low_risk', summary: 'Refused', date: day(), version: await version(fx.cw.api, low.id) });
	assert.equal(r.status, 201, r.text);
});

test('reviews: the rules by the API, and revise_plan moves an active plan to review', async () => {
	await ready;
	const none = own(null);
	const p = (c) => `/api/v1/cases/${c.id}/reviews`;
	const body = async (c, extra = {}) => ({ date: day(), progress: 'x', situation: 'y', decision: 'continue', version: await version(fx.cw.api, c.id), ...extra });
	let r = await fx.cw.api.post(p(none), await body(none));
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'closure.review.no_risk'));
	const c = own('high');
	for (const [extra, field, key] of [
		[{ date: day(1) }, 'date', 'closure.date.future'],
		[{ date: day(-30) }, 'date', 'closure.date.before_open'],
		[{ decision: 'revise_plan' }, 'decision', 'closure.review.no_plan'],
		[{ decision: 'stop' }, 'decision', 'error.field.choice'],
		[{ risk: 'extreme' }, 'risk', 'error.field.choice'],
		[{ risk: 'low' }, 'rationale', 'error.field.required'],
		[{ next_review: day(-1) }, 'next_review', 'closure.review.next_range'],
		[{ progress: 'x'.repeat(4001) }, 'progress', 'error.field.toolong'],
	]) {
		r = await fx.cw.api.post(p(c), await body(c, extra));
		assert.equal(r.status, 400, JSON.stringify(extra));
		assert.equal(r.json().field, field);
		assert.ok(L.isMessage(r.json().message, key), `${field}: ${r.json().message}`);
	}
	sql(`UPDATE case_file SET status = 'plan_active' WHERE id = ${c.id}`);
	r = await fx.cw.api.post(p(c), await body(c, { decision: 'revise_plan', next_review: day(20) }));
	assert.equal(r.status, 201, r.text);
	assert.equal(r.json().status, 'review');
	assert.equal(r.json().reviews[0].next_review, day(20));
	/* An incident: a review due by the end of today, on the case page. */
	r = await fx.cw.api.post(`/api/v1/cases/${c.id}/incidents`, { incident_date: day(), description: 'Ran away', version: r.json().version });
	assert.equal(r.status, 201, r.text);
	const due = Number(sql(`SELECT due_at - ${now()} FROM deadline WHERE case_id = ${c.id} AND step = 'review' AND done_at IS NULL`));
	assert.ok(due > 0 && due <= 86400, String(due));
});

test('reopening: within 12 months only, once at a time, never a transferred case', async () => {
	await ready;
	const c = own();
	await closeCase(fx.sup.api, c.id);
	/* Closed 13 months ago: a new report must go through intake. */
	sql(`UPDATE case_file SET closed_at = ${now() - 400 * 86400} WHERE id = ${c.id}`);
	let r = await fx.cw.api.post(`/api/v1/cases/${c.id}/reopen`, { reopen_reason: 'again', version: await version(fx.cw.api, c.id) });
	assert.equal(r.status, 400);
	assert.equal(r.json().field, 'reopen_reason');
	assert.ok(L.isMessage(r.json().message, 'closure.reopen.too_late'));
	const page = await fx.cw.s.get(`/cases/${c.id}`);
	assert.ok(L.pageSays(page.text, 'closure.reopen.too_late'));
	assert.ok(!page.text.includes(`action="/cases/${c.id}/reopen"`));
	/* An open case cannot be reopened. */
	const open = own();
	r = await fx.cw.api.post(`/api/v1/cases/${open.id}/reopen`, { reopen_reason: 'x', version: await version(fx.cw.api, open.id) });
	assert.ok(L.isMessage(r.json().message, 'closure.reopen.not_closed'));
	/* A transferred case. */
	const t = own();
	r = await fx.sup.api.post(`/api/v1/cases/${t.id}/transfer`, { municipality: fx.recv.muni.id, reason: 'Moved', version: await version(fx.sup.api, t.id) });
	assert.equal(r.status, 201, r.text);
	const tid = r.json().transfers[0].id;
	r = await fx.recv.sup.api.post(`/api/v1/transfers/${tid}/accept`, {});
	assert.equal(r.status, 201, r.text);
	r = await fx.sup.api.post(`/api/v1/cases/${t.id}/reopen`, { reopen_reason: 'x', version: await version(fx.sup.api, t.id) });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'closure.reopen.transferred'));
});

test('transfer: not to the same municipality nor abroad; the wrong unit gets 404; read only through the link', async () => {
	await ready;
	const c = own('high');
	const p = `/api/v1/cases/${c.id}/transfer`;
	const ms = (await (await L.adminApi()).get('/api/v1/municipalities')).json().municipalities;
	const tirana = ms.find((m) => m.code === 'AL53');
	let r = await fx.cw.api.post(p, { municipality: fx.hani.municipality_id, reason: 'x', version: await version(fx.cw.api, c.id) });
	assert.equal(r.status, 400);
	assert.ok(L.isMessage(r.json().message, 'closure.transfer.same'));
	r = await fx.cw.api.post(p, { municipality: tirana.id, reason: 'x', version: await version(fx.cw.api, c.id) });
	assert.ok(L.isMessage(r.json().message, 'closure.transfer.country'));
	r = await fx.cw.api.post(p, { municipality: 99999, reason: 'x', version: await version(fx.cw.api, c.id) });
	assert.equal(r.json().field, 'municipality');
	r = await fx.cw.api.post(p, { municipality: fx.recv.muni.id, reason: 'x'.repeat(1001), version: await version(fx.cw.api, c.id) });
	assert.equal(r.json().field, 'reason');
	r = await fx.cw.api.post(p, { municipality: fx.recv.muni.id, reason: 'Family moved to Lipjan', version: await version(fx.cw.api, c.id) });
	assert.equal(r.status, 201, r.text);
	const tid = r.json().transfers[0].id;
	/* While it waits: no closure. */
	r = await fx.cw.api.post(`/api/v1/cases/${c.id}/closure`, { reason: 'moved', summary: 's', date: day(), version: await version(fx.cw.api, c.id) });
	assert.equal(r.status, 409);
	assert.ok(L.isMessage(r.json().message, 'closure.transfer.waiting'));
	/* The sending unit's supervisor cannot accept: 404, audited. */
	r = await fx.sup.api.post(`/api/v1/transfers/${tid}/accept`, {});
	assert.equal(r.status, 404);
	assert.ok((await audits(fx.sup.username, 'case.transfer.denied')).length >= 1);
	/* The receiving supervisor sees it on "my work" and the list. */
	const work = await fx.recv.sup.s.get('/work');
	assert.ok(work.text.includes('href="/transfers"'));
	r = await fx.recv.sup.s.post(`/transfers/${tid}/accept`, {});
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const nid = Number(r.location.split('/').pop());
	const j = (await fx.recv.sup.api.get(`/api/v1/cases/${nid}`)).json();
	assert.equal(j.risk, 'high');
	assert.equal(j.worker, null);
	assert.equal(j.agency_id, fx.recv.agency.id);
	/* The earlier case: readable through the link, never writable. */
	const old = await fx.recv.sup.s.get(`/cases/${c.id}`);
	assert.equal(old.status, 200);
	assert.ok(L.pageSays(old.text, 'closure.through_link'));
	assert.ok(!old.text.includes(`action="/cases/${c.id}/reviews"`));
	r = await fx.recv.sup.api.post(`/api/v1/cases/${c.id}/incidents`, { incident_date: day(), description: 'x', version: 1 });
	assert.equal(r.status, 404);
	assert.equal((await fx.cw.api.get(`/api/v1/cases/${c.id}`)).json().status, 'transferred');
	assert.equal((await fx.cw.api.get(`/api/v1/cases/${nid}`)).status, 404);
});

test('follow-up: due checks on "my work"; a concern offers reopening', async () => {
	await ready;
	const c = own();
	await closeCase(fx.sup.api, c.id);
	let work = await fx.cw.s.get('/work');
	assert.ok(!work.text.includes(`href="/cases/${c.id}"`), 'not due yet');
	sql(`UPDATE case_closure SET follow_up_date = '${day(-1)}' WHERE case_id = ${c.id}`);
	work = await fx.cw.s.get('/work');
	assert.ok(work.text.includes(`href="/cases/${c.id}"`), 'overdue follow-up listed');
	assert.ok((await fx.sup.s.get('/work')).text.includes(`href="/cases/${c.id}"`), 'and for the supervisor');
	assert.ok(!(await fx.cw2.s.get('/work')).text.includes(`href="/cases/${c.id}"`));
	const r = await fx.cw.s.post(`/cases/${c.id}/follow-up`, { result: 'concern', follow_up_note: 'School reports absences', version: await version(fx.cw.api, c.id) });
	assert.equal(r.status, 303, r.text.slice(0, 300));
	work = await fx.cw.s.get('/work');
	assert.ok(!work.text.includes(`href="/cases/${c.id}"`), 'done: off the list');
	const page = await fx.cw.s.get(`/cases/${c.id}`);
	assert.ok(L.pageSays(page.text, 'closure.concern_alert'));
	assert.ok(page.text.includes(`action="/cases/${c.id}/reopen"`));
	/* The timeline and the audit: codes and ids, never the text. */
	const e = await audits(fx.cw.username, 'case.follow_up');
	assert.ok(e.some((x) => x.object_id === c.id && !x.detail.includes('School')));
});
