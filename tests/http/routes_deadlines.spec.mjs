// routes_deadlines.spec.mjs — the deadlines routes' entries for routes.test.mjs (see
// its SPEC and routes_cases.spec.mjs for the shape): "my work", first contact
// and the holiday administration. Cases are made with SQL (makeCase) and
// opened three days ago, so that a contact "yesterday at 10:00" is valid.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, now, sql } from './routes_cases.spec.mjs';

const KINDS = ['add', 'cancel'];
const COUNTRIES = ['XK', 'AL'];

/* yyyy-mm-dd of n days ago (local time of the test machine: the cases are
 * three days old, so an hour either side does not matter). */
export function daysAgo(n) {
	const d = new Date(Date.now() - n * 86400000);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/* A case of QPS-HANI opened three days ago with an overdue first contact. */
export function oldCase(opts = {}) {
	const c = makeCase(opts);
	sql(`UPDATE case_file SET opened_at = opened_at - 3 * 86400, risk = 'high' WHERE id = ${c.id};
		INSERT INTO deadline (case_id, step, start_at, due_at, rule_version)
		VALUES (${c.id}, 'first_contact', ${now()} - 3 * 86400, ${now()} - 2 * 86400, 1);`);
	return c;
}

export function specs(ctx) {
	const { line, oneOf, bool, date, fx } = ctx;
	const F = {
		contact: { date: { ...date(), required: true }, time: line(0, 5) },
		holidays_view: { country: oneOf(COUNTRIES), year: ctx.int(1990, 2100) },
		holiday_add: {
			country: oneOf(COUNTRIES, true), date: { ...date(), required: true },
			kind: oneOf(KINDS, true), shift: bool(), name: line(0, 120),
		},
	};
	const sup = () => fx.byRole.supe;
	const c = oldCase({ given: 'Dita', family: 'Afati' });
	const year = 2040 + Math.floor(Math.random() * 50);

	return {
		work: {
			as: sup,
			async happy() {
				const r = await sup().s.get('/work');
				assert.equal(r.status, 200);
				/* The supervisor sees the unit's overdue step, escalated. */
				assert.ok(r.text.includes(`href="/cases/${c.id}"`), 'the overdue case is listed');
				assert.ok(L.pageSays(r.text, 'work.escalated'));
				assert.ok(Number(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND escalated_at IS NOT NULL`)) === 1);
			},
		},
		'cases.contact': {
			fields: F.contact, as: sup, path: () => `/cases/${c.id}/contact`,
			valid: { date: daysAgo(1), time: '10:00' },
			good: () => ({ date: daysAgo(1), time: '10:00' }),
			async happy() {
				const k = oldCase();
				/* In the future, before opening, a bad time: 400, nothing saved. */
				for (const [body, key] of [
					[{ date: daysAgo(-2), time: '10:00' }, 'deadline.contact.future'],
					[{ date: daysAgo(5), time: '10:00' }, 'deadline.contact.before_open'],
				]) {
					const bad = await sup().s.post(`/cases/${k.id}/contact`, body);
					assert.equal(bad.status, 400, bad.text.slice(0, 300));
					assert.ok(L.pageSays(bad.text, key), key);
				}
				assert.equal((await sup().s.post(`/cases/${k.id}/contact`, { date: daysAgo(1), time: '25:00' })).status, 400);
				assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${k.id} AND done_at IS NOT NULL`), '0');
				const r = await sup().s.post(`/cases/${k.id}/contact`, { date: daysAgo(1), time: '10:00' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(r.location, `/cases/${k.id}`);
				assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${k.id} AND done_at IS NOT NULL`), '1');
				const page = await sup().s.get(`/cases/${k.id}`);
				assert.ok(L.pageSays(page.text, 'case.event.contact'));
				/* Twice: 409. Another agency's case: 404. */
				assert.equal((await sup().s.post(`/cases/${k.id}/contact`, { date: daysAgo(1), time: '11:00' })).status, 409);
				const other = oldCase({ agency: fx.agency.code });
				assert.equal((await sup().s.post(`/cases/${other.id}/contact`, { date: daysAgo(1) })).status, 404);
			},
		},
		holidays: {
			fields: F.holidays_view, valid: {},
			async happy() {
				const r = await fx.ta.s.get('/admin/holidays?country=XK&year=2026');
				assert.equal(r.status, 200);
				/* Both Easter Mondays of Kosovo in 2026. */
				assert.ok(r.text.includes('06.04.2026') && r.text.includes('13.04.2026'));
				const al = await fx.ta.s.get('/admin/holidays?country=AL&year=2026');
				assert.ok(al.text.includes('16.03.2026'), 'Summer Day carried to Monday');
			},
		},
		'holidays.add': {
			fields: F.holiday_add,
			valid: { country: 'XK', date: `12.06.${year}`, kind: 'add' },
			good: () => ({ country: 'XK', date: `13.06.${year}`, kind: 'add', name: 'never' }),
			async happy() {
				const r = await fx.ta.s.post('/admin/holidays', { country: 'XK', date: `12.06.${year}`, kind: 'add', name: 'Dita e Paqes' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(r.location, `/admin/holidays?country=XK&year=${year}`);
				const page = await fx.ta.s.get(r.location);
				assert.ok(page.text.includes('Dita e Paqes'));
				const twice = await fx.ta.s.post('/admin/holidays', { country: 'XK', date: `${year}-06-12`, kind: 'add' });
				assert.equal(twice.status, 409);
				const bad = await fx.ta.s.post('/admin/holidays', { country: 'XK', date: `31.02.${year}`, kind: 'add' });
				assert.equal(bad.status, 400);
			},
		},
		'api.work': {
			as: sup,
			async happy() {
				const r = await sup().api.get('/api/v1/work');
				assert.equal(r.status, 200);
				const it = r.json().items.find((x) => x.case_id === c.id);
				assert.ok(it, 'the overdue case');
				assert.equal(it.overdue, true);
				assert.ok(it.late_seconds > 86400);
				assert.ok(it.escalated_at > 0);
				const cw = await fx.byRole.case.api.get('/api/v1/work');
				assert.equal(cw.status, 200);
				assert.ok(!cw.json().items.some((x) => x.case_id === c.id), 'not assigned to the caseworker');
			},
		},
		'api.cases.contact': {
			fields: F.contact, as: sup, path: () => `/api/v1/cases/${c.id}/contact`,
			valid: { date: daysAgo(1), time: '10:00' },
			async happy() {
				const k = oldCase();
				const fut = await sup().api.post(`/api/v1/cases/${k.id}/contact`, { date: daysAgo(-2) });
				assert.equal(fut.status, 400);
				assert.equal(fut.json().field, 'date');
				const r = await sup().api.post(`/api/v1/cases/${k.id}/contact`, { date: daysAgo(1), time: '09:30' });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().step, 'first_contact');
				assert.equal((await sup().api.post(`/api/v1/cases/${k.id}/contact`, { date: daysAgo(1) })).status, 409);
				assert.equal((await sup().api.post('/api/v1/cases/99999999/contact', { date: daysAgo(1) })).status, 404);
			},
		},
	};
}
