// routes_casework.spec.mjs — the casework routes' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): screening, the
// comprehensive assessment and the Individual Protection Plan, web and API.
// Cases are made with SQL (makeCase); each happy path takes a fresh case and
// moves it along through the API helpers below, which casework.test.mjs
// shares.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';

export const RISK_FACTORS = ['injury', 'sexual_abuse_disclosed', 'basic_needs_neglected',
	'violence_at_home', 'child_labour_street', 'trafficking_signs', 'substance_abuse_household',
	'caregiver_cannot_protect', 'previous_reports', 'under_three', 'disability', 'out_of_school'];
export const PROTECTIVE = ['caring_adult', 'safe_housing', 'attends_school', 'relatives_support',
	'engaged_with_services', 'child_resilience'];
export const SOURCES = ['home_visit', 'child_interview', 'parent_interview', 'records', 'police'];
const LEVELS = ['low', 'medium', 'high'];
const MEASURES = ['none', 'family_supervision', 'alternative_care', 'emergency_placement'];
const PARENTS = ['agreed', 'refused', 'not_asked'];
const CHILD = ['participated', 'views_recorded', 'not_appropriate'];
const ACTION_STATUSES = ['open', 'done'];
const DOMAINS = ['safety', 'health', 'education', 'family_care', 'economic', 'development',
	'child_views', 'strengths', 'conclusion'];
const INT64_MAX = '9223372036854775807';

/* dd.mm.yyyy of n days from now. */
export function inDays(n) {
	const d = new Date(Date.now() + n * 86400000);
	return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

export async function caseVersion(api, id) {
	const r = await api.get(`/api/v1/cases/${id}`);
	assert.equal(r.status, 200, r.text);
	return r.json().version;
}

/* A screening through the API; the answer. */
export async function screen(api, id, level = 'medium', extra = {}) {
	const r = await api.post(`/api/v1/cases/${id}/screenings`, {
		level, rationale: 'Fixture screening', emergency: level === 'high',
		risk_factors: 'violence_at_home', sources: 'home_visit',
		version: await caseVersion(api, id), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

export const FINDINGS = {
	safety: 'Safe with the grandmother', family_care: 'Mother cares alone',
	child_views: 'Wants to stay at school', conclusion: 'Family support needed',
};

/* The assessment saved (and completed) through the API. */
export async function assess(api, id, complete = true) {
	const r = await api.put(`/api/v1/cases/${id}/assessment`, {
		...FINDINGS, sources: 'home_visit', complete, version: await caseVersion(api, id),
	});
	assert.equal(r.status, 200, r.text);
	return r.json();
}

/* A plan ready to submit: started, saved with goals and a review date,
 * one action of a named institution. The plans answer. */
export async function planReady(api, id) {
	let r = await api.post(`/api/v1/cases/${id}/plan`, { version: await caseVersion(api, id) });
	assert.equal(r.status, 201, r.text);
	r = await api.put(`/api/v1/cases/${id}/plan`, {
		goals: 'Safe at home\nAt school every day', measure: 'family_supervision',
		review_on: inDays(60), parents: 'agreed', child_part: 'participated',
		version: r.json().case.version,
	});
	assert.equal(r.status, 200, r.text);
	r = await api.post(`/api/v1/cases/${id}/plan/actions`, {
		what: 'Weekly home visit', institution: 'Shkolla Fillore', person: 'Arta',
		due_on: inDays(14), version: r.json().case.version,
	});
	assert.equal(r.status, 201, r.text);
	return r.json();
}

/* A fresh case of QPS-HANI (the supervisor of the unit sees it). */
export function freshCase(opts = {}) {
	return makeCase({ given: 'Vesa', family: 'Plani', ...opts });
}

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text, fx } = ctx;
	const boxes = (prefix, codes) => Object.fromEntries(codes.map((k) => [prefix + k, bool()]));
	const texts = Object.fromEntries(DOMAINS.map((k) => [k, text(0, 4000)]));
	const version = int(1, INT64_MAX, true);
	const F = {
		screening: {
			...boxes('risk_', RISK_FACTORS), ...boxes('protective_', PROTECTIVE),
			...boxes('source_', SOURCES), emergency: bool(), level: oneOf(LEVELS, true),
			rationale: text(0, 4000, true), confirm_high: bool(), version,
		},
		api_screening: {
			risk_factors: line(0, 400), protective_factors: line(0, 400), sources: line(0, 200),
			emergency: bool(), level: oneOf(LEVELS, true), rationale: text(0, 4000, true),
			confirm_high: bool(), version,
		},
		assessment: { ...texts, ...boxes('source_', SOURCES), complete: bool(), version },
		api_assessment: { ...texts, sources: line(0, 200), complete: bool(), version },
		plan_view: { n: int(1, 1000) },
		version: { version },
		plan: {
			goals: text(0, 10000), measure: oneOf(MEASURES, true), review_on: date(),
			parents: oneOf(PARENTS, true), parents_reason: text(0, 2000),
			child_part: oneOf(CHILD, true), child_note: text(0, 2000), version,
		},
		action: {
			what: line(1, 200, true), agency: id(), institution: line(0, 200), person: line(0, 200),
			service: line(0, 200), due_on: date(), version,
		},
		action_status: { status: oneOf(ACTION_STATUSES, true), version },
		plan_return: { return_note: text(1, 2000, true), version },
	};
	const sup = () => fx.byRole.supe;
	/* The case of the field and permission checks (never changed by them). */
	const c = freshCase({ given: 'Arta', family: 'Vlera' });
	const v = async () => caseVersion(sup().api, c.id);
	const planValid = { measure: 'none', parents: 'agreed', child_part: 'participated', version: 1 };

	return {
		'casework.screening': {
			as: sup, path: () => `/cases/${c.id}/screening`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}/screening`);
				assert.equal(r.status, 200);
				assert.match(r.text, new RegExp(`action="/cases/${c.id}/screening"`));
				assert.match(r.text, /name="risk_trafficking_signs"/);
				assert.ok(L.pageSays(r.text, 'screening.history'));
				assert.equal((await sup().s.get('/cases/99999999/screening')).status, 404);
			},
		},
		'casework.screening.create': {
			fields: F.screening, as: sup, path: () => `/cases/${c.id}/screening`,
			valid: { level: 'low', rationale: 'x', version: 1 },
			async good() { return { level: 'low', rationale: 'Never saved', version: await v() }; },
			async happy() {
				const k = freshCase();
				const v0 = await caseVersion(sup().api, k.id);
				/* High without the emergency flag: the warning to confirm. */
				const warn = await sup().s.post(`/cases/${k.id}/screening`, {
					level: 'high', rationale: 'Severe', version: v0, risk_injury: 1,
				});
				assert.equal(warn.status, 400);
				assert.ok(L.pageSays(warn.text, 'screening.high_confirm'));
				assert.match(warn.text, /name="risk_injury" value="1" checked/);
				const r = await sup().s.post(`/cases/${k.id}/screening`, {
					level: 'medium', rationale: 'Bruises seen', version: v0, risk_injury: 1,
					risk_violence_at_home: 1, protective_attends_school: 1, source_home_visit: 1,
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${k.id}`);
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/screenings`)).json();
				assert.equal(j.screenings.length, 1);
				assert.deepEqual(j.screenings[0].risk_factors, ['injury', 'violence_at_home']);
				assert.equal(j.case.risk, 'medium');
				assert.equal(j.case.status, 'screened');
				const page = await sup().s.get(`/cases/${k.id}`);
				assert.ok(L.pageSays(page.text, 'screening.latest'));
				assert.ok(page.text.includes(`href="/cases/${k.id}/screening"`));
				const stale = await sup().s.post(`/cases/${k.id}/screening`, { level: 'low', rationale: 'late', version: v0 });
				assert.equal(stale.status, 409);
				assert.ok(L.pageSays(stale.text, 'case.conflict'));
			},
		},
		'casework.assessment': {
			as: sup, path: () => `/cases/${c.id}/assessment`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}/assessment`);
				assert.equal(r.status, 200);
				assert.ok(L.pageSays(r.text, 'assessment.no_screening'));
				assert.equal((await sup().s.get('/cases/99999999/assessment')).status, 404);
			},
		},
		'casework.assessment.save': {
			fields: F.assessment, as: sup, path: () => `/cases/${c.id}/assessment`,
			valid: { version: 1 },
			async good() { return { safety: 'x', version: await v() }; },
			async happy() {
				const k = freshCase();
				const early = await sup().s.post(`/cases/${k.id}/assessment`, { ...FINDINGS, version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'assessment.no_screening'));
				await screen(sup().api, k.id, 'high');
				const draft = await sup().s.post(`/cases/${k.id}/assessment`, {
					safety: 'Unsafe at home', source_police: 1, version: await caseVersion(sup().api, k.id),
				});
				assert.equal(draft.status, 303, draft.text.slice(0, 400));
				assert.equal(draft.location, `/cases/${k.id}/assessment`);
				const missing = await sup().s.post(`/cases/${k.id}/assessment`, {
					safety: 'Unsafe at home', complete: 1, version: await caseVersion(sup().api, k.id),
				});
				assert.equal(missing.status, 400);
				assert.ok(L.pageSays(missing.text, 'assessment.required'));
				const done = await sup().s.post(`/cases/${k.id}/assessment`, {
					...FINDINGS, complete: 1, version: await caseVersion(sup().api, k.id),
				});
				assert.equal(done.status, 303, done.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/assessment`)).json();
				assert.equal(j.assessment.status, 'completed');
				assert.equal(j.case.status, 'assessment');
				/* Read-only now: no form on the page. */
				const page = await sup().s.get(`/cases/${k.id}/assessment`);
				assert.doesNotMatch(page.text, /<textarea/);
				assert.ok(page.text.includes('Wants to stay at school'));
			},
		},
		'casework.plan': {
			fields: F.plan_view, valid: {}, as: sup, path: () => `/cases/${c.id}/plan`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}/plan`);
				assert.equal(r.status, 200);
				assert.ok(L.pageSays(r.text, 'plan.no_screening'));
				assert.equal((await sup().s.get(`/cases/${c.id}/plan?n=7`)).status, 404);
			},
		},
		'casework.plan.create': {
			fields: F.version, as: sup, path: () => `/cases/${c.id}/plan`,
			valid: { version: 1 },
			async good() { return { version: await v() }; },
			async happy() {
				const k = freshCase();
				const early = await sup().s.post(`/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'plan.no_screening'));
				await screen(sup().api, k.id, 'low');
				const r = await sup().s.post(`/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${k.id}/plan`);
				const page = await sup().s.get(r.location);
				assert.match(page.text, new RegExp(`action="/cases/${k.id}/plan/save"`));
			},
		},
		'casework.plan.save': {
			fields: F.plan, as: sup, path: () => `/cases/${c.id}/plan/save`, valid: planValid,
			async good() { return { ...planValid, version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'medium');
				await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				const refused = await sup().s.post(`/cases/${k.id}/plan/save`, {
					goals: 'Safe', measure: 'none', parents: 'refused', child_part: 'participated',
					version: await caseVersion(sup().api, k.id),
				});
				assert.equal(refused.status, 400);
				assert.ok(L.pageSays(refused.text, 'plan.refusal_reason'));
				const r = await sup().s.post(`/cases/${k.id}/plan/save`, {
					goals: 'Safe\nSchool', measure: 'family_supervision', review_on: inDays(30),
					parents: 'refused', parents_reason: 'No visits', child_part: 'views_recorded',
					version: await caseVersion(sup().api, k.id),
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				/* Medium risk: the refusal is shown prominently. */
				const page = await sup().s.get(`/cases/${k.id}/plan`);
				assert.ok(L.pageSays(page.text, 'plan.refusal_alert'));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.deepEqual(j.plans[0].goals, ['Safe', 'School']);
			},
		},
		'casework.plan.action.add': {
			fields: F.action, as: sup, path: () => `/cases/${c.id}/plan/actions`,
			valid: { what: 'x', version: 1 },
			async good() { return { what: 'x', institution: 'y', due_on: inDays(3), version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				const bad = await sup().s.post(`/cases/${k.id}/plan/actions`, {
					what: 'Visit', institution: 'School', due_on: '01.01.2001', version: await caseVersion(sup().api, k.id),
				});
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'plan.date_before_opening'));
				const r = await sup().s.post(`/cases/${k.id}/plan/actions`, {
					what: 'Visit', institution: 'School', due_on: inDays(3), version: await caseVersion(sup().api, k.id),
				});
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.equal(j.plans[0].actions[0].institution, 'School');
			},
		},
		'casework.plan.action.status': {
			fields: F.action_status, as: sup, path: () => `/cases/${c.id}/plan/actions/99999999`,
			valid: { status: 'done', version: 1 },
			async good() { return { status: 'done', version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const aid = (await planReady(sup().api, k.id)).plans[0].actions[0].id;
				const r = await sup().s.post(`/cases/${k.id}/plan/actions/${aid}`, { status: 'done', version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.equal(j.plans[0].actions[0].status, 'done');
				assert.equal((await sup().s.post(`/cases/${k.id}/plan/actions/99999999`, { status: 'done', version: j.case.version })).status, 404);
			},
		},
		'casework.plan.action.remove': {
			fields: F.version, as: sup, path: () => `/cases/${c.id}/plan/actions/99999999/delete`,
			valid: { version: 1 },
			async good() { return { version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const aid = (await planReady(sup().api, k.id)).plans[0].actions[0].id;
				const r = await sup().s.post(`/cases/${k.id}/plan/actions/${aid}/delete`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.equal(j.plans[0].actions.length, 0);
			},
		},
		'casework.plan.submit': {
			fields: F.version, as: sup, path: () => `/cases/${c.id}/plan/submit`,
			valid: { version: 1 },
			async good() { return { version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'medium');
				await planReady(sup().api, k.id);
				const early = await sup().s.post(`/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'plan.assessment_required'));
				await assess(sup().api, k.id, true);
				const r = await sup().s.post(`/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.equal(j.plans[0].status, 'submitted');
			},
		},
		'casework.plan.approve': {
			fields: F.version, as: sup, path: () => `/cases/${c.id}/plan/approve`,
			valid: { version: 1 },
			async good() { return { version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				await planReady(sup().api, k.id);
				const early = await sup().s.post(`/cases/${k.id}/plan/approve`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.pageSays(early.text, 'plan.not_submitted'));
				await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				const r = await sup().s.post(`/cases/${k.id}/plan/approve`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${k.id}/plan`)).json();
				assert.equal(j.plans[0].status, 'active');
				assert.equal(j.case.status, 'plan_active');
			},
		},
		'casework.plan.return': {
			fields: F.plan_return, as: sup, path: () => `/cases/${c.id}/plan/return`,
			valid: { return_note: 'x', version: 1 },
			async good() { return { return_note: 'x', version: await v() }; },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				await planReady(sup().api, k.id);
				await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				const r = await sup().s.post(`/cases/${k.id}/plan/return`, { return_note: 'Add the school', version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const page = await sup().s.get(`/cases/${k.id}/plan`);
				assert.ok(page.text.includes('Add the school'));
				assert.ok(L.pageSays(page.text, 'plan.returned_note'));
			},
		},
		'api.casework.screenings': {
			as: sup, path: () => `/api/v1/cases/${c.id}/screenings`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${c.id}/screenings`);
				assert.equal(r.status, 200, r.text);
				assert.ok(Array.isArray(r.json().screenings));
				assert.equal(r.json().case.id, c.id);
				assert.equal((await sup().api.get('/api/v1/cases/99999999/screenings')).status, 404);
			},
		},
		'api.casework.screenings.create': {
			fields: F.api_screening, as: sup, path: () => `/api/v1/cases/${c.id}/screenings`,
			valid: { level: 'low', rationale: 'x', version: 1 },
			async happy() {
				const k = freshCase();
				const v0 = await caseVersion(sup().api, k.id);
				for (const [body, field] of [
					[{ risk_factors: 'injury,bogus' }, 'risk_factors'],
					[{ protective_factors: 'injury' }, 'protective_factors'],
					[{ sources: 'home_visit,home_visit' }, 'sources'],
					[{ level: 'high' }, 'confirm_high'],
					[{ rationale: '   ' }, 'rationale'],
				]) {
					const x = await sup().api.post(`/api/v1/cases/${k.id}/screenings`, { level: 'low', rationale: 'r', version: v0, ...body });
					assert.equal(x.status, 400, JSON.stringify(body));
					assert.equal(x.json().field, field);
				}
				const j = await screen(sup().api, k.id, 'high', { risk_factors: 'trafficking_signs, injury', emergency: true });
				assert.deepEqual(j.screenings[0].risk_factors, ['injury', 'trafficking_signs']);
				assert.equal(j.case.emergency, true);
				assert.equal(j.case.risk, 'high');
				const stale = await sup().api.post(`/api/v1/cases/${k.id}/screenings`, { level: 'low', rationale: 'r', version: v0 });
				assert.equal(stale.status, 409);
				assert.equal(stale.json().changed.kind, 'screening');
			},
		},
		'api.casework.assessment': {
			as: sup, path: () => `/api/v1/cases/${c.id}/assessment`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${c.id}/assessment`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().assessment, null);
			},
		},
		'api.casework.assessment.save': {
			fields: F.api_assessment, as: sup, path: () => `/api/v1/cases/${c.id}/assessment`,
			valid: { version: 1 },
			async happy() {
				const k = freshCase();
				const early = await sup().api.put(`/api/v1/cases/${k.id}/assessment`, { ...FINDINGS, version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.isMessage(early.json().message, 'assessment.no_screening'));
				await screen(sup().api, k.id, 'medium');
				const draft = await assess(sup().api, k.id, false);
				assert.equal(draft.assessment.status, 'draft');
				assert.equal(draft.case.status, 'assessment');
				const done = await assess(sup().api, k.id, true);
				assert.equal(done.assessment.status, 'completed');
				assert.deepEqual(done.assessment.sources, ['home_visit']);
				const again = await sup().api.put(`/api/v1/cases/${k.id}/assessment`, { ...FINDINGS, version: done.case.version });
				assert.equal(again.status, 400);
				assert.ok(L.isMessage(again.json().message, 'assessment.completed'));
			},
		},
		'api.casework.plan': {
			as: sup, path: () => `/api/v1/cases/${c.id}/plan`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${c.id}/plan`);
				assert.equal(r.status, 200, r.text);
				assert.deepEqual(r.json().plans, []);
			},
		},
		'api.casework.plan.create': {
			fields: F.version, as: sup, path: () => `/api/v1/cases/${c.id}/plan`, valid: { version: 1 },
			async happy() {
				const k = freshCase();
				const early = await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(early.status, 400);
				assert.ok(L.isMessage(early.json().message, 'plan.no_screening'));
				await screen(sup().api, k.id, 'low');
				const r = await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().plans[0].number, 1);
				assert.equal(r.json().plans[0].status, 'draft');
				const twice = await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: r.json().case.version });
				assert.equal(twice.status, 400);
				assert.ok(L.isMessage(twice.json().message, 'plan.in_progress'));
			},
		},
		'api.casework.plan.save': {
			fields: F.plan, as: sup, path: () => `/api/v1/cases/${c.id}/plan`, valid: planValid,
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const j = await planReady(sup().api, k.id);
				assert.equal(j.plans[0].measure, 'family_supervision');
				assert.match(j.plans[0].review_on, /^\d{4}-\d{2}-\d{2}$/);
				const bad = await sup().api.put(`/api/v1/cases/${k.id}/plan`, { ...planValid, review_on: '31.02.2030', version: j.case.version });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'review_on');
			},
		},
		'api.casework.plan.action.add': {
			fields: F.action, as: sup, path: () => `/api/v1/cases/${c.id}/plan/actions`,
			valid: { what: 'x', version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const j = await planReady(sup().api, k.id);
				const police = await L.agencyByCode('QPS-HANI');
				const both = await sup().api.post(`/api/v1/cases/${k.id}/plan/actions`, {
					what: 'x', agency: police.id, institution: 'y', due_on: inDays(2), version: j.case.version,
				});
				assert.equal(both.status, 400);
				assert.equal(both.json().field, 'institution');
				const r = await sup().api.post(`/api/v1/cases/${k.id}/plan/actions`, {
					what: 'Case conference', agency: police.id, due_on: inDays(2), version: j.case.version,
				});
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().plans[0].actions.length, 2);
			},
		},
		'api.casework.plan.action.status': {
			fields: F.action_status, as: sup, path: () => `/api/v1/cases/${c.id}/plan/actions/99999999`,
			valid: { status: 'done', version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const j = await planReady(sup().api, k.id);
				const aid = j.plans[0].actions[0].id;
				const r = await sup().api.put(`/api/v1/cases/${k.id}/plan/actions/${aid}`, { status: 'done', version: j.case.version });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().plans[0].actions[0].status, 'done');
				assert.ok(r.json().plans[0].actions[0].done_at > 0);
			},
		},
		'api.casework.plan.action.remove': {
			fields: F.version, as: sup, path: () => `/api/v1/cases/${c.id}/plan/actions/99999999`,
			valid: { version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				const j = await planReady(sup().api, k.id);
				const aid = j.plans[0].actions[0].id;
				const stale = await sup().api.del(`/api/v1/cases/${k.id}/plan/actions/${aid}?version=${j.case.version - 1}`);
				assert.equal(stale.status, 409);
				const r = await sup().api.del(`/api/v1/cases/${k.id}/plan/actions/${aid}?version=${j.case.version}`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().plans[0].actions.length, 0);
			},
		},
		'api.casework.plan.submit': {
			fields: F.version, as: sup, path: () => `/api/v1/cases/${c.id}/plan/submit`, valid: { version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'high');
				const j = await planReady(sup().api, k.id);
				const early = await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: j.case.version });
				assert.equal(early.status, 400);
				assert.ok(L.isMessage(early.json().message, 'plan.assessment_required'));
				await assess(sup().api, k.id, true);
				const r = await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().plans[0].status, 'submitted');
			},
		},
		'api.casework.plan.approve': {
			fields: F.version, as: sup, path: () => `/api/v1/cases/${c.id}/plan/approve`, valid: { version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				await planReady(sup().api, k.id);
				await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				const r = await sup().api.post(`/api/v1/cases/${k.id}/plan/approve`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().plans[0].status, 'active');
				assert.equal(r.json().case.status, 'plan_active');
				/* A revision: v2 copied, approving it supersedes v1. */
				const rev = await sup().api.post(`/api/v1/cases/${k.id}/plan`, { version: r.json().case.version });
				assert.equal(rev.status, 201, rev.text);
				assert.equal(rev.json().plans[0].number, 2);
				assert.deepEqual(rev.json().plans[0].goals, rev.json().plans[1].goals);
				await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: rev.json().case.version });
				const r2 = await sup().api.post(`/api/v1/cases/${k.id}/plan/approve`, { version: await caseVersion(sup().api, k.id) });
				assert.equal(r2.status, 200, r2.text);
				assert.deepEqual(r2.json().plans.map((p) => p.status), ['active', 'superseded']);
			},
		},
		'api.casework.plan.return': {
			fields: F.plan_return, as: sup, path: () => `/api/v1/cases/${c.id}/plan/return`,
			valid: { return_note: 'x', version: 1 },
			async happy() {
				const k = freshCase();
				await screen(sup().api, k.id, 'low');
				await planReady(sup().api, k.id);
				await sup().api.post(`/api/v1/cases/${k.id}/plan/submit`, { version: await caseVersion(sup().api, k.id) });
				const r = await sup().api.post(`/api/v1/cases/${k.id}/plan/return`, { return_note: 'More detail', version: await caseVersion(sup().api, k.id) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().plans[0].status, 'draft');
				assert.equal(r.json().plans[0].return_note, 'More detail');
			},
		},
	};
}
