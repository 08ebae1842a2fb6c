// routes_conference.spec.mjs — the case conference routes' entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// meetings, invitations, agenda, decisions, tasks, holding and the minutes,
// web and API. Meetings, agenda rows, invitees and tasks the paths need are
// made with SQL on the test database (as makeCase does), each route its
// own, so that one route's happy path never changes another's; the deeper
// rules and refusals are in conference.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, now, sql } from './routes_cases.spec.mjs';
import { day as isoDay } from './routes_closure.spec.mjs';
import { assertPdf } from './routes_documents.spec.mjs';

export const MEASURES = ['none', 'family_supervision', 'alternative_care', 'emergency_placement'];
export const ATTENDANCE = ['present', 'absent', 'excused'];
export const GUESTS = ['parent', 'child'];
const INT64_MAX = '9223372036854775807';

const esc = (s) => s === null || s === undefined ? 'NULL' : "'" + String(s).replace(/'/g, "''") + "'";

/* dd.mm.yyyy of today (plus n days) where the server counts days. */
export function day(n = 0) {
	return new Date(Date.now() + n * 86400000).toLocaleDateString('de-DE',
		{ timeZone: 'Europe/Belgrade', day: '2-digit', month: '2-digit', year: 'numeric' });
}

/*
 * A planned meeting of agency (code) starting in days (may be negative),
 * convened by its first supervisor: its id.
 */
export function meeting({ agency = 'QPS-HANI', days = 0 } = {}) {
	return Number(sql(`INSERT INTO conference (municipality_id, agency_id, kind, starts_at, place,
			convenor_id, created_at, updated_at)
		SELECT g.municipality_id, g.id, 'tmr', ${now()} + ${Math.round(days * 86400)}, 'Salla e QPS',
			(SELECT min(id) FROM "user" WHERE agency_id = g.id AND role = 'supervisor'),
			${now()}, ${now()}
		FROM agency g WHERE g.code = ${esc(agency)} RETURNING id;`));
}

/* A case (medium risk, open conference deadline) on meeting m's agenda:
 * { id, number, agenda }. */
export function onAgenda(m, opts = {}) {
	const c = makeCase({ risk: 'medium', ...opts });
	sql(`UPDATE case_file SET status = 'screened' WHERE id = ${c.id};
		INSERT INTO deadline (case_id, step, start_at, due_at, rule_version)
		VALUES (${c.id}, 'conference', ${now()}, ${now()} + 864000, 1);`);
	c.agenda = Number(sql(`INSERT INTO conference_case (conference_id, case_id, proposed, added_at)
		VALUES (${m}, ${c.id}, 1, ${now()}) RETURNING id;`));
	return c;
}

/* A parent invited to meeting m: the invitee id. */
export function guest(m, name = 'Arben Kelmendi') {
	return Number(sql(`INSERT INTO conference_invitee (conference_id, kind, name, created_at)
		VALUES (${m}, 'parent', ${esc(name)}, ${now()}) RETURNING id;`));
}

/* A task of agenda row a of meeting m owned by the user owner (SQL: its
 * first user when null): its id. */
export function task(m, a, owner = null) {
	return Number(sql(`INSERT INTO conference_task (conference_id, agenda_id, what, owner_id, due_on,
			created_at)
		VALUES (${m}, ${a}, 'Ndjekje', ${owner ?? '(SELECT min(id) FROM "user")'},
			'${isoDay(7)}', ${now()}) RETURNING id;`));
}

export function specs(ctx) {
	const { line, int, id, oneOf, date, text, fx } = ctx;
	const req = (f) => ({ ...f, required: true });
	const sup = () => fx.byRole.supe;
	const cw = () => fx.byRole.case;
	const F = {
		create: { date: req(date()), time: line(1, 5, true), place: line(1, 200, true), admin_unit: line(0, 100) },
		invite: { user: id(true) },
		guest: { kind: oneOf(GUESTS, true), name: line(1, 100, true) },
		attendance: { attendance: oneOf(ATTENDANCE, true) },
		agenda: { number: line(1, 24, true) },
		decision: { decisions: text(0, 4000), measure: oneOf(MEASURES, true) },
		task: { what: line(1, 500, true), owner: id(true), due_on: req(date()) },
		done: { back: oneOf(['work', 'list', 'meeting']) },
		hold: { next_on: date(), version: int(1, INT64_MAX, true) },
	};
	/* Each route's meeting and rows. */
	const M = {};
	for (const k of ['list', 'view', 'invite', 'guest', 'uninvite', 'attendance', 'agenda', 'decision',
		'remove', 'task', 'done', 'hold', 'minutes', 'api_get', 'api_invite', 'api_agenda', 'api_task',
		'api_done', 'api_hold'])
		M[k] = meeting();
	const A = {};
	for (const k of ['view', 'decision', 'remove', 'task', 'done', 'hold', 'minutes', 'api_task', 'api_done',
		'api_hold'])
		A[k] = onAgenda(M[k]);
	const G = { uninvite: guest(M.uninvite), attendance: guest(M.attendance) };
	const T = { done: task(M.done, A.done.agenda), api_done: task(M.api_done, A.api_done.agenda) };
	const version = async (m) => {
		const r = await sup().api.get(`/api/v1/conferences/${m}`);
		assert.equal(r.status, 200, r.text);
		return r.json().version;
	};
	/* A table member of the police agency of Hani i Elezit. */
	let member = null;
	const tableMember = () => {
		member ??= L.readyUser({ role: 'table_member', agency: fx.agency.code });
		return member;
	};
	const valid = {
		create: { date: day(1), time: '10:00', place: 'Salla e mbledhjeve' },
		task: { what: 'Ndjekje', owner: 1, due_on: day(3) },
	};
	const web303 = (r, m) => {
		assert.equal(r.status, 303, r.text.slice(0, 400));
		assert.equal(r.location, `/conferences/${m}`);
	};
	return {
		'conference.list': {
			as: sup,
			async happy() {
				const r = await sup().s.get('/conferences');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/conferences/${M.list}"`));
				assert.ok(r.text.includes('href="/conferences/new"'), 'a supervisor convenes');
				const c = await cw().s.get('/conferences');
				assert.equal(c.status, 200);
				assert.ok(!c.text.includes('href="/conferences/new"'), 'a caseworker does not');
			},
		},
		'conference.new': {
			as: sup,
			async happy() {
				const r = await sup().s.get('/conferences/new');
				assert.equal(r.status, 200);
				assert.match(r.text, /<form method="post" action="\/conferences"/);
			},
		},
		'conference.create': {
			as: sup, fields: F.create, valid: valid.create,
			async happy() {
				const r = await sup().s.post('/conferences', valid.create);
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.match(r.location, /^\/conferences\/\d+$/);
				const bad = await sup().s.post('/conferences', { ...valid.create, place: '<b>x</b>' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'conference.err.markup'));
			},
		},
		'conference.view': {
			as: sup, path: () => `/conferences/${M.view}`,
			async happy() {
				const r = await sup().s.get(`/conferences/${M.view}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(A.view.number));
				assert.match(r.text, new RegExp(`action="/conferences/${M.view}/hold"`));
				assert.equal((await sup().s.get('/conferences/99999999')).status, 404);
			},
		},
		'conference.invite': {
			as: sup, fields: F.invite, valid: { user: 1 }, path: () => `/conferences/${M.invite}/invitations`,
			async happy() {
				const tm = await tableMember();
				web303(await sup().s.post(`/conferences/${M.invite}/invitations`, { user: tm.id }), M.invite);
				const again = await sup().s.post(`/conferences/${M.invite}/invitations`, { user: tm.id });
				assert.equal(again.status, 400);
				assert.ok(L.pageSays(again.text, 'conference.err.invited'));
			},
		},
		'conference.guest': {
			as: sup, fields: F.guest, valid: { kind: 'parent', name: 'Arben' },
			path: () => `/conferences/${M.guest}/guests`,
			async happy() {
				web303(await sup().s.post(`/conferences/${M.guest}/guests`, { kind: 'child', name: 'Drita' }),
					M.guest);
			},
		},
		'conference.uninvite': {
			as: sup, good: () => ({}), path: () => `/conferences/${M.uninvite}/invitees/${G.uninvite}/remove`,
			async happy() {
				const p = `/conferences/${M.uninvite}/invitees/${G.uninvite}/remove`;
				web303(await sup().s.post(p, {}), M.uninvite);
				assert.equal((await sup().s.post(p, {})).status, 404);
			},
		},
		'conference.attendance': {
			as: sup, fields: F.attendance, valid: { attendance: 'present' },
			path: () => `/conferences/${M.attendance}/invitees/${G.attendance}/attendance`,
			async happy() {
				web303(await sup().s.post(`/conferences/${M.attendance}/invitees/${G.attendance}/attendance`,
					{ attendance: 'excused' }), M.attendance);
				assert.equal(sql(`SELECT attendance FROM conference_invitee WHERE id = ${G.attendance}`),
					'excused');
			},
		},
		'conference.agenda.add': {
			as: sup, fields: F.agenda, valid: { number: 'XK-09-2026-000001' },
			path: () => `/conferences/${M.agenda}/agenda`,
			async happy() {
				const c = makeCase({ risk: 'high' });
				web303(await sup().s.post(`/conferences/${M.agenda}/agenda`, { number: c.number }), M.agenda);
				const bad = await sup().s.post(`/conferences/${M.agenda}/agenda`, { number: 'XK-00-0000-000000' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'conference.err.case_unknown'));
			},
		},
		'conference.decision': {
			as: sup, fields: F.decision, valid: { decisions: 'Plan', measure: 'none' },
			path: () => `/conferences/${M.decision}/agenda/${A.decision.agenda}`,
			async happy() {
				web303(await sup().s.post(`/conferences/${M.decision}/agenda/${A.decision.agenda}`,
					{ decisions: 'Mbikëqyrje në familje', measure: 'family_supervision' }), M.decision);
				assert.equal(sql(`SELECT measure FROM conference_case WHERE id = ${A.decision.agenda}`),
					'family_supervision');
			},
		},
		'conference.agenda.remove': {
			as: sup, good: () => ({}), path: () => `/conferences/${M.remove}/agenda/${A.remove.agenda}/remove`,
			async happy() {
				web303(await sup().s.post(`/conferences/${M.remove}/agenda/${A.remove.agenda}/remove`, {}),
					M.remove);
			},
		},
		'conference.task.add': {
			as: sup, fields: F.task, valid: valid.task,
			path: () => `/conferences/${M.task}/agenda/${A.task.agenda}/tasks`,
			async happy() {
				const p = `/conferences/${M.task}/agenda/${A.task.agenda}/tasks`;
				const tm = await tableMember();
				const inv = await sup().api.post(`/api/v1/conferences/${M.task}/invitations`, { user: tm.id });
				assert.equal(inv.status, 201, inv.text);
				const past = await sup().s.post(p, { what: 'Ndjekje', owner: tm.id, due_on: day(-2) });
				assert.equal(past.status, 400);
				assert.ok(L.pageSays(past.text, 'conference.err.due_past'));
				web303(await sup().s.post(p, { what: 'Ndjekje', owner: tm.id, due_on: day(2) }), M.task);
			},
		},
		'conference.task.done': {
			as: sup, fields: F.done, valid: {}, path: () => `/conferences/${M.done}/tasks/${T.done}/done`,
			async happy() {
				web303(await sup().s.post(`/conferences/${M.done}/tasks/${T.done}/done`, {}), M.done);
				assert.equal(sql(`SELECT status FROM conference_task WHERE id = ${T.done}`), 'done');
			},
		},
		'conference.hold': {
			as: sup, fields: F.hold, valid: { version: 1 }, path: () => `/conferences/${M.hold}/hold`,
			async happy() {
				const v = await version(M.hold);
				const stale = await sup().s.post(`/conferences/${M.hold}/hold`, { version: v + 5 });
				assert.equal(stale.status, 409);
				web303(await sup().s.post(`/conferences/${M.hold}/hold`, { version: v, next_on: day(30) }),
					M.hold);
				assert.equal(sql(`SELECT status FROM case_file WHERE id = ${A.hold.id}`), 'conference');
			},
		},
		'conference.minutes': {
			as: sup, path: () => `/conferences/${M.minutes}/minutes`,
			async happy() {
				const r = await sup().s.get(`/conferences/${M.minutes}/minutes`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(A.minutes.number));
				assert.ok(r.text.includes('class="doc-sign"'));
				assert.ok(!r.text.includes('<nav'), 'a print view');
			},
		},
		'conference.minutes.pdf': {
			as: sup, path: () => `/conferences/${M.minutes}/minutes.pdf`,
			async happy() {
				assertPdf(await sup().s.get(`/conferences/${M.minutes}/minutes.pdf`),
					`procesverbal-${M.minutes}.pdf`);
			},
		},
		'api.conference.list': {
			as: sup,
			async happy() {
				const r = await sup().api.get('/api/v1/conferences');
				assert.equal(r.status, 200);
				assert.ok(r.json().conferences.some((c) => c.id === M.list));
				assert.ok(Array.isArray(r.json().my_tasks));
			},
		},
		'api.conference.create': {
			as: sup, fields: F.create, valid: valid.create,
			async happy() {
				const r = await sup().api.post('/api/v1/conferences', valid.create);
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().kind, 'tmr');
				assert.equal(r.json().status, 'planned');
				const bad = await sup().api.post('/api/v1/conferences', { ...valid.create, time: '24:61' });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'time');
			},
		},
		'api.conference.get': {
			as: sup, path: () => `/api/v1/conferences/${M.api_get}`,
			async happy() {
				const r = await sup().api.get(`/api/v1/conferences/${M.api_get}`);
				assert.equal(r.status, 200);
				assert.equal(r.json().id, M.api_get);
				assert.equal((await sup().api.get('/api/v1/conferences/99999999')).status, 404);
			},
		},
		'api.conference.invite': {
			as: sup, fields: F.invite, valid: { user: 1 }, path: () => `/api/v1/conferences/${M.api_invite}/invitations`,
			async happy() {
				const tm = await tableMember();
				const r = await sup().api.post(`/api/v1/conferences/${M.api_invite}/invitations`, { user: tm.id });
				assert.equal(r.status, 201, r.text);
				assert.ok(r.json().invitees.some((i) => i.user_id === tm.id));
			},
		},
		'api.conference.agenda.add': {
			as: sup, fields: F.agenda, valid: { number: 'XK-09-2026-000001' },
			path: () => `/api/v1/conferences/${M.api_agenda}/agenda`,
			async happy() {
				const c = makeCase({ risk: 'medium' });
				const r = await sup().api.post(`/api/v1/conferences/${M.api_agenda}/agenda`, { number: c.number });
				assert.equal(r.status, 201, r.text);
				assert.ok(r.json().agenda.some((a) => a.case_id === c.id));
			},
		},
		'api.conference.task.add': {
			as: sup, fields: F.task, valid: valid.task,
			path: () => `/api/v1/conferences/${M.api_task}/agenda/${A.api_task.agenda}/tasks`,
			async happy() {
				const p = `/api/v1/conferences/${M.api_task}/agenda/${A.api_task.agenda}/tasks`;
				const none = await sup().api.post(p, { what: 'Ndjekje', owner: sup().id, due_on: day(2) });
				assert.equal(none.status, 400, 'not invited, not the worker');
				assert.equal(none.json().field, 'owner');
				const inv = await sup().api.post(`/api/v1/conferences/${M.api_task}/invitations`, { user: sup().id });
				assert.equal(inv.status, 201, inv.text);
				const r = await sup().api.post(p, { what: 'Ndjekje', owner: sup().id, due_on: day(2) });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().tasks.length, 1);
			},
		},
		'api.conference.task.done': {
			as: sup, path: () => `/api/v1/conferences/${M.api_done}/tasks/${T.api_done}/done`,
			async happy() {
				const p = `/api/v1/conferences/${M.api_done}/tasks/${T.api_done}/done`;
				const r = await sup().api.post(p, {});
				assert.equal(r.status, 200, r.text);
				assert.equal((await sup().api.post(p, {})).status, 409);
			},
		},
		'api.conference.hold': {
			as: sup, fields: F.hold, valid: { version: 1 }, path: () => `/api/v1/conferences/${M.api_hold}/hold`,
			async happy() {
				const r = await sup().api.post(`/api/v1/conferences/${M.api_hold}/hold`,
					{ version: await version(M.api_hold) });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().status, 'held');
				assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${A.api_hold.id}
					AND step = 'plan' AND done_at IS NULL`), '1');
			},
		},
	};
}
