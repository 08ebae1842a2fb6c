// casework.test.mjs — screening, the comprehensive assessment and the
// protection plan over HTTP, negative first: another unit's case is 404
// (audited), a caseworker cannot approve, no plan before the screening, no
// submission without the completed assessment at medium risk, unknown
// codes, oversized text, impossible dates, stale versions; then a
// caseworker's whole way from screening to an approved plan, with its
// timeline, deadlines and audit rows. Cases are made with SQL (makeCase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, sql } from './routes_cases.spec.mjs';
import { assess, caseVersion, FINDINGS, inDays, planReady, screen } from './routes_casework.spec.mjs';

const fx = {};
const ready = L.setup(async () => {
	const hani = await L.agencyByCode('QPS-HANI');
	fx.team = Number(sql(`SELECT id FROM team WHERE name = 'Ekipi 1' AND agency_id = ${hani.id}`));
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
	};
	fx.cw = await mk('caseworker', { team: fx.team });
	fx.sup = await mk('supervisor');
	/* Users of another unit (Tirana's child protection unit). */
	fx.pcw = await mk('caseworker', { agency: 'NJMF-TIRANE' }).catch(() => null);
	fx.psup = await mk('supervisor', { agency: 'NJMF-TIRANE' }).catch(() => null);
	fx.admin = await mk('municipal_admin');
});

const own = () => makeCase({ worker: fx.cw.id, team: fx.team, given: 'Blerta', family: 'Hoxha' });

async function auditOf(username, action, id) {
	const e = (await L.auditEntries({ actor: username, action })).entries;
	return e.filter((x) => x.object_id === id);
}

test('another unit\'s case: 404 on every casework page and API route, audited; nothing written', async () => {
	await ready;
	const c = own();
	const outsiders = [fx.psup, fx.pcw].filter(Boolean);
	assert.ok(outsiders.length > 0, 'a user of NJMF-TIRANE');
	for (const u of outsiders) {
		for (const p of ['screening', 'assessment', 'plan'])
			assert.equal((await u.s.get(`/cases/${c.id}/${p}`)).status, 404, p);
		for (const p of ['screenings', 'assessment', 'plan'])
			assert.equal((await u.api.get(`/api/v1/cases/${c.id}/${p}`)).status, 404, p);
		const w = await u.api.post(`/api/v1/cases/${c.id}/screenings`, { level: 'low', rationale: 'x', version: 1 });
		assert.equal(w.status, 404);
		assert.equal(w.json().error, 'not_found');
		const f = await u.s.post(`/cases/${c.id}/screening`, { level: 'low', rationale: 'x', version: 1 });
		assert.equal(f.status, 404);
		assert.ok((await auditOf(u.username, 'case.write.denied', c.id)).length >= 2);
		assert.ok((await auditOf(u.username, 'case.read.denied', c.id)).length >= 6);
	}
	assert.equal(sql(`SELECT count(*) FROM screening WHERE case_id = ${c.id}`), '0');
});

test('wrong role: an administrator gets 403; a caseworker cannot approve or return a plan', async () => {
	await ready;
	const c = own();
	assert.equal((await fx.admin.s.get(`/cases/${c.id}/plan`)).status, 403);
	assert.equal((await fx.admin.api.get(`/api/v1/cases/${c.id}/screenings`)).status, 403);
	await screen(fx.cw.api, c.id, 'low');
	await planReady(fx.cw.api, c.id);
	const v = await caseVersion(fx.cw.api, c.id);
	assert.equal((await fx.cw.api.post(`/api/v1/cases/${c.id}/plan/submit`, { version: v })).status, 200);
	const v2 = await caseVersion(fx.cw.api, c.id);
	for (const p of ['approve', 'return']) {
		const r = await fx.cw.api.post(`/api/v1/cases/${c.id}/plan/${p}`, { version: v2, return_note: 'x' });
		assert.equal(r.status, p === 'approve' ? 403 : 403, p);
		assert.equal((await fx.cw.s.post(`/cases/${c.id}/plan/${p}`, { version: v2 })).status, 403);
	}
	/* The plan page offers the caseworker no decision. */
	const page = await fx.cw.s.get(`/cases/${c.id}/plan`);
	assert.doesNotMatch(page.text, /action="\/cases\/\d+\/plan\/approve"/);
	assert.equal(sql(`SELECT status FROM plan WHERE case_id = ${c.id}`), 'submitted');
});

test('rules: no plan or assessment before the screening; medium risk needs the completed assessment', async () => {
	await ready;
	const c = own();
	const v = await caseVersion(fx.cw.api, c.id);
	const p = await fx.cw.api.post(`/api/v1/cases/${c.id}/plan`, { version: v });
	assert.equal(p.status, 400);
	assert.ok(L.isMessage(p.json().message, 'plan.no_screening'));
	const web = await fx.cw.s.post(`/cases/${c.id}/plan`, { version: v });
	assert.equal(web.status, 400);
	assert.ok(L.alertsOf(web.text).some((a) => L.messages('plan.no_screening').some((m) => a.includes(L.htmlEscape(m)))));
	const a = await fx.cw.api.put(`/api/v1/cases/${c.id}/assessment`, { ...FINDINGS, version: v });
	assert.equal(a.status, 400);
	assert.ok(L.isMessage(a.json().message, 'assessment.no_screening'));
	assert.equal(await caseVersion(fx.cw.api, c.id), v, 'nothing written');
	await screen(fx.cw.api, c.id, 'medium');
	await planReady(fx.cw.api, c.id);
	const s = await fx.cw.api.post(`/api/v1/cases/${c.id}/plan/submit`, { version: await caseVersion(fx.cw.api, c.id) });
	assert.equal(s.status, 400);
	assert.ok(L.isMessage(s.json().message, 'plan.assessment_required'));
	assert.equal(sql(`SELECT status FROM plan WHERE case_id = ${c.id}`), 'draft');
});

test('bad input: unknown codes, oversized text, impossible dates, stale versions — 400/409, nothing saved', async () => {
	await ready;
	const c = own();
	const v = await caseVersion(fx.cw.api, c.id);
	const url = `/api/v1/cases/${c.id}/screenings`;
	for (const [body, field] of [
		[{ level: 'low', rationale: 'x', risk_factors: 'INJURY' }, 'risk_factors'],
		[{ level: 'low', rationale: 'x', sources: 'neighbour' }, 'sources'],
		[{ level: 'urgent', rationale: 'x' }, 'level'],
		[{ level: 'low', rationale: 'ë'.repeat(4001) }, 'rationale'],
		[{ level: 'high', rationale: 'x', emergency: false }, 'confirm_high'],
	]) {
		const r = await fx.cw.api.post(url, { ...body, version: v });
		assert.equal(r.status, 400, JSON.stringify(body).slice(0, 60));
		assert.equal(r.json().field, field);
	}
	/* The web form: the high-risk warning, the form kept as typed. */
	const w = await fx.cw.s.post(`/cases/${c.id}/screening`, { level: 'high', rationale: 'Kept text', version: v, risk_trafficking_signs: 1 });
	assert.equal(w.status, 400);
	assert.ok(L.pageSays(w.text, 'screening.high_confirm'));
	assert.ok(w.text.includes('Kept text'));
	assert.equal(sql(`SELECT count(*) FROM screening WHERE case_id = ${c.id}`), '0');
	await screen(fx.cw.api, c.id, 'low');
	const j = await planReady(fx.cw.api, c.id);
	const nv = j.case.version;
	for (const [path, method, body, field] of [
		['plan', 'put', { measure: 'none', parents: 'agreed', child_part: 'participated', review_on: '31.02.2026' }, 'review_on'],
		['plan', 'put', { measure: 'none', parents: 'agreed', child_part: 'participated', review_on: '01.01.1999' }, 'review_on'],
		['plan', 'put', { measure: 'none', parents: 'refused', child_part: 'participated' }, 'parents_reason'],
		['plan', 'put', { measure: 'prison', parents: 'agreed', child_part: 'participated' }, 'measure'],
		['plan', 'put', { measure: 'none', parents: 'agreed', child_part: 'participated', goals: 'g'.repeat(501) }, 'goals'],
		['plan/actions', 'post', { what: 'x', institution: 'y', due_on: '2026-13-01' }, 'due_on'],
		['plan/actions', 'post', { what: 'x', due_on: inDays(3) }, 'agency'],
		['plan/actions', 'post', { what: 'x'.repeat(201), institution: 'y', due_on: inDays(3) }, 'what'],
	]) {
		const r = await fx.cw.api[method](`/api/v1/cases/${c.id}/${path}`, { ...body, version: nv });
		assert.equal(r.status, 400, `${path} ${field}: ${r.text}`);
		assert.equal(r.json().field, field);
	}
	assert.equal(await caseVersion(fx.cw.api, c.id), nv, 'nothing written');
	/* Stale version: 409 with who changed what. */
	const stale = await fx.cw.api.post(`/api/v1/cases/${c.id}/plan/submit`, { version: nv - 1 });
	assert.equal(stale.status, 409);
	assert.equal(stale.json().error, 'conflict');
	assert.ok(stale.json().changed.by.length > 0);
	const sw = await fx.cw.s.post(`/cases/${c.id}/plan/submit`, { version: nv - 1 });
	assert.equal(sw.status, 409);
	assert.ok(L.pageSays(sw.text, 'case.conflict'));
	assert.equal(sql(`SELECT status FROM plan WHERE case_id = ${c.id}`), 'draft');
});

test('the whole way: screening → assessment → plan → approval, with timeline, deadlines and audit', async () => {
	await ready;
	const c = own();
	await screen(fx.cw.api, c.id, 'high');
	assert.equal(sql(`SELECT status || ' ' || risk || ' ' || emergency FROM case_file WHERE id = ${c.id}`), 'screened high 1');
	await assess(fx.cw.api, c.id, false);
	assert.equal(sql(`SELECT status FROM case_file WHERE id = ${c.id}`), 'assessment');
	await assess(fx.cw.api, c.id, true);
	/* High risk: the plan is due from the case conference, not from the assessment. */
	assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND step = 'plan'`), '0');
	await planReady(fx.cw.api, c.id);
	const sub = await fx.cw.api.post(`/api/v1/cases/${c.id}/plan/submit`, { version: await caseVersion(fx.cw.api, c.id) });
	assert.equal(sub.status, 200, sub.text);
	/* The supervisor of the unit approves on the web page. */
	const page = await fx.sup.s.get(`/cases/${c.id}/plan`);
	assert.match(page.text, new RegExp(`action="/cases/${c.id}/plan/approve"`));
	const ok = await fx.sup.s.post(`/cases/${c.id}/plan/approve`, { version: await caseVersion(fx.sup.api, c.id) });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(sql(`SELECT status FROM case_file WHERE id = ${c.id}`), 'plan_active');
	assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND step = 'plan' AND done_at IS NOT NULL`), '1');
	assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND step = 'review' AND done_at IS NULL`), '1');
	/* The case page: the casework section and the labelled timeline. */
	const cp = await fx.cw.s.get(`/cases/${c.id}`);
	assert.equal(cp.status, 200);
	for (const k of ['cw.title', 'case.event.screening', 'case.event.assessment_completed',
		'case.event.plan_submitted', 'case.event.plan_approved', 'plan.status.active'])
		assert.ok(L.pageSays(cp.text, k), k);
	/* Audit: every write, with ids and codes only. */
	for (const a of ['screening.create', 'assessment.save', 'assessment.complete', 'plan.create', 'plan.save',
		'plan.action.add', 'plan.submit'])
		assert.ok((await auditOf(fx.cw.username, a, c.id)).length >= 1, a);
	const appr = await auditOf(fx.sup.username, 'plan.approve', c.id);
	assert.equal(appr.length, 1);
	const details = sql(`SELECT detail FROM audit WHERE object_id = ${c.id} AND action LIKE 'plan.%'`)
		+ sql(`SELECT detail FROM audit WHERE object_id = ${c.id} AND action LIKE 'screening.%'`);
	for (const secret of ['Fixture screening', 'Safe at home', 'Weekly home visit', 'Shkolla Fillore', 'Arta'])
		assert.ok(!details.includes(secret), secret);
});

test('parents\' refusal at medium risk is shown prominently on the case page', async () => {
	await ready;
	const c = own();
	await screen(fx.cw.api, c.id, 'medium');
	const j = await planReady(fx.cw.api, c.id);
	const r = await fx.cw.api.put(`/api/v1/cases/${c.id}/plan`, {
		goals: 'Safe at home', measure: 'family_supervision', parents: 'refused',
		parents_reason: 'Refuse the supervision', child_part: 'not_appropriate', version: j.case.version,
	});
	assert.equal(r.status, 200, r.text);
	const cp = await fx.cw.s.get(`/cases/${c.id}`);
	assert.ok(L.pageSays(cp.text, 'plan.refusal_alert'));
	assert.ok(L.pageSays(cp.text, 'case.event.plan_parents_refused'));
	/* At low risk it is recorded, without the alert. */
	const low = own();
	await screen(fx.cw.api, low.id, 'low');
	const k = await planReady(fx.cw.api, low.id);
	await fx.cw.api.put(`/api/v1/cases/${low.id}/plan`, {
		goals: 'x', measure: 'none', parents: 'refused', parents_reason: 'No', child_part: 'participated',
		version: k.case.version,
	});
	assert.ok(!L.pageSays((await fx.cw.s.get(`/cases/${low.id}`)).text, 'plan.refusal_alert'));
});
