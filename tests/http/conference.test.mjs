// conference.test.mjs — case conferences over HTTP, beyond the generic route
// checks of routes.test.mjs: who sees a meeting (the unit's workers, the
// invited table members of the municipality and no one else: 404, audited),
// what a table member sees (the summary of the active agenda cases, their
// own tasks; never the case, the decisions or the minutes), bad input
// refused with the rule named and nothing written, and the whole way from
// convening to holding with the case moved along and the task on "my work".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase, now, sql } from './routes_cases.spec.mjs';
import { day, meeting, onAgenda } from './routes_conference.spec.mjs';

const fx = {};
async function actor(u) {
	return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
}

/* An agency of type in municipality code (made through the API). */
async function agency(type, code) {
	const admin = await L.adminApi();
	const ms = (await admin.get('/api/v1/municipalities')).json().municipalities;
	const muni = ms.find((m) => m.code === code);
	const c = L.uniq('AG').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code: c, name: 'Ag ' + c, type, municipality: muni.id });
	assert.equal(r.status, 201, r.text);
	return c;
}

const ready = L.setup(async () => {
	const [police, school, prisPolice, prisQps] = await Promise.all([
		agency('police', 'XK09'), agency('school', 'XK09'), agency('police', 'XK13'), agency('social_work', 'XK13'),
	]);
	const [sup, cw, tm, tm2, far, psup] = await Promise.all([
		L.readyUser({ role: 'supervisor' }),
		L.readyUser({ role: 'caseworker' }),
		L.readyUser({ role: 'table_member', agency: police }),
		L.readyUser({ role: 'table_member', agency: school }),
		L.readyUser({ role: 'table_member', agency: prisPolice }),
		L.readyUser({ role: 'supervisor', agency: prisQps }),
	]);
	Object.assign(fx, {
		sup: await actor(sup), cw: await actor(cw), tm: await actor(tm), tm2: await actor(tm2),
		far: await actor(far), psup: await actor(psup),
	});
});

async function audited(username, action, since) {
	const e = (await L.auditEntries({ actor: username, action })).entries;
	return e.filter((x) => x.id > since).length;
}

test('inviting a user from outside the municipality or of another role is refused, nothing written', async () => {
	await ready;
	const m = meeting();
	const before = sql(`SELECT count(*) FROM conference_invitee WHERE conference_id = ${m}`);
	for (const [user, key] of [
		[fx.far.id, 'conference.err.member_municipality'],
		[fx.psup.id, 'conference.err.member_municipality'],
		[99999999, 'conference.err.user_unknown'],
	]) {
		const r = await fx.sup.s.post(`/conferences/${m}/invitations`, { user });
		assert.equal(r.status, 400, key);
		assert.ok(L.pageSays(r.text, key), key);
		const a = await fx.sup.api.post(`/api/v1/conferences/${m}/invitations`, { user });
		assert.equal(a.status, 400);
		assert.equal(a.json().field, 'user');
		assert.ok(L.isMessage(a.json().message, key), a.text);
	}
	assert.equal(sql(`SELECT count(*) FROM conference_invitee WHERE conference_id = ${m}`), before);
});

test('a task without owner, with a past deadline, with markup or oversized: refused, nothing written', async () => {
	await ready;
	const m = meeting();
	const c = onAgenda(m, { worker: fx.cw.id });
	const p = `/conferences/${m}/agenda/${c.agenda}/tasks`;
	for (const [body, field, key] of [
		[{ what: 'Ndjekje', owner: '', due_on: day(2) }, 'owner', 'error.field.required'],
		[{ what: 'Ndjekje', owner: fx.tm.id, due_on: day(2) }, 'owner', 'conference.err.owner'],
		[{ what: 'Ndjekje', owner: fx.cw.id, due_on: day(-1) }, 'due_on', 'conference.err.due_past'],
		[{ what: '<script>x</script>', owner: fx.cw.id, due_on: day(2) }, 'what', 'conference.err.markup'],
		[{ what: 'x'.repeat(501), owner: fx.cw.id, due_on: day(2) }, 'what', 'error.field.toolong'],
	]) {
		const r = await fx.sup.s.post(p, body);
		assert.equal(r.status, 400, `${field}: ${r.status}`);
		assert.ok(L.pageSays(r.text, key), key);
	}
	assert.equal(sql(`SELECT count(*) FROM conference_task WHERE conference_id = ${m}`), '0');
	/* The case's worker owns a task without an invitation. */
	const ok = await fx.sup.s.post(p, { what: 'Vizitë në familje', owner: fx.cw.id, due_on: day(1) });
	assert.equal(ok.status, 303);
	const w = await fx.cw.s.get('/work');
	assert.equal(w.status, 200);
	assert.ok(w.text.includes('Vizitë në familje'), 'on the owner\'s my work');
});

test('a meeting of another unit: 404 for its supervisor, audited, nothing written', async () => {
	await ready;
	const m = meeting();
	const since = await L.lastAuditId(fx.psup.username);
	assert.equal((await fx.psup.s.get(`/conferences/${m}`)).status, 404);
	assert.equal((await fx.psup.api.get(`/api/v1/conferences/${m}`)).status, 404);
	assert.equal((await fx.psup.s.get(`/conferences/${m}/minutes.pdf`)).status, 404);
	const r = await fx.psup.s.post(`/conferences/${m}/guests`, { kind: 'parent', name: 'Arben' });
	assert.equal(r.status, 404);
	assert.equal(sql(`SELECT count(*) FROM conference_invitee WHERE conference_id = ${m}`), '0');
	assert.ok(await audited(fx.psup.username, 'conference.read.denied', since) >= 3);
	assert.ok(await audited(fx.psup.username, 'conference.write.denied', since) >= 1);
});

test('a table member sees only the summary of the active agenda cases of a meeting they are invited to', async () => {
	await ready;
	const m = meeting();
	const c = onAgenda(m, { given: 'Blerta', family: 'Krasniqi' });
	const closed = onAgenda(m, { given: 'Luan', family: 'Hoxha' });
	sql(`UPDATE case_file SET status = 'closed' WHERE id = ${closed.id};
		UPDATE conference_case SET decisions = 'Vendim konfidencial' WHERE id = ${c.agenda};`);
	/* Not invited: 404, audited. */
	const since = await L.lastAuditId(fx.tm.username);
	assert.equal((await fx.tm.s.get(`/conferences/${m}`)).status, 404);
	assert.equal((await fx.tm.api.get(`/api/v1/conferences/${m}`)).status, 404);
	assert.equal(await audited(fx.tm.username, 'conference.read.denied', since), 2);
	const inv = await fx.sup.api.post(`/api/v1/conferences/${m}/invitations`, { user: fx.tm.id });
	assert.equal(inv.status, 201, inv.text);
	const r = await fx.tm.s.get(`/conferences/${m}`);
	assert.equal(r.status, 200);
	assert.ok(r.text.includes(c.number));
	assert.ok(r.text.includes('Blerta Krasniqi'));
	assert.ok(!r.text.includes(closed.number), 'not a closed case');
	assert.ok(!r.text.includes('Vendim konfidencial'), 'not the decisions');
	assert.ok(!r.text.includes(`href="/cases/${c.id}"`), 'no link to the case');
	assert.ok(!r.text.includes('/minutes'), 'no minutes');
	const j = (await fx.tm.api.get(`/api/v1/conferences/${m}`)).json();
	assert.equal(j.agenda.length, 1);
	assert.ok(!('decisions' in j.agenda[0]));
	/* Never the case, the minutes or a convenor's write. */
	assert.equal((await fx.tm.s.get(`/cases/${c.id}`)).status, 403);
	assert.equal((await fx.tm.s.get(`/conferences/${m}/minutes.pdf`)).status, 403);
	assert.equal((await fx.tm.s.post(`/conferences/${m}/hold`, { version: 1 })).status, 403);
	/* Another member of the municipality, not invited: 404. */
	assert.equal((await fx.tm2.s.get(`/conferences/${m}`)).status, 404);
	/* The list: only the meetings they are invited to. */
	const l = await fx.tm.api.get('/api/v1/conferences');
	assert.deepEqual(l.json().conferences.map((x) => x.id), [m]);
	/* Once the case is closed too, nothing of it. */
	sql(`UPDATE case_file SET status = 'closed' WHERE id = ${c.id}`);
	const after = await fx.tm.s.get(`/conferences/${m}`);
	assert.equal(after.status, 200);
	assert.ok(!after.text.includes(c.number));
});

test('the whole way: convene, invite, agenda, decisions, a task, hold; the case moves and the task shows', async () => {
	await ready;
	const c = makeCase({ risk: 'high', worker: fx.cw.id });
	sql(`UPDATE case_file SET status = 'assessment' WHERE id = ${c.id};
		INSERT INTO deadline (case_id, step, start_at, due_at, rule_version)
		VALUES (${c.id}, 'conference', ${now()}, ${now()} + 86400, 1);`);
	const r = await fx.sup.api.post('/api/v1/conferences', { date: day(0), time: '00:00', place: 'QPS Hani i Elezit' });
	assert.equal(r.status, 201, r.text);
	const m = r.json();
	const row = m.agenda.find((a) => a.case_id === c.id);
	assert.ok(row && row.proposed, 'the due case is proposed');
	assert.equal((await fx.sup.api.post(`/api/v1/conferences/${m.id}/invitations`, { user: fx.tm.id })).status, 201);
	const g = await fx.sup.s.post(`/conferences/${m.id}/guests`, { kind: 'parent', name: 'Shpresa Gashi' });
	assert.equal(g.status, 303);
	const d = await fx.sup.s.post(`/conferences/${m.id}/agenda/${row.id}`,
		{ decisions: 'PIM me tri veprime', measure: 'family_supervision' });
	assert.equal(d.status, 303);
	const t = await fx.sup.api.post(`/api/v1/conferences/${m.id}/agenda/${row.id}/tasks`,
		{ what: 'Ndjekja e raportit', owner: fx.tm.id, due_on: day(5) });
	assert.equal(t.status, 201, t.text);
	const v = (await fx.sup.api.get(`/api/v1/conferences/${m.id}`)).json().version;
	const h = await fx.sup.s.post(`/conferences/${m.id}/hold`, { version: v, next_on: day(30) });
	assert.equal(h.status, 303, h.text.slice(0, 400));
	assert.equal(sql(`SELECT status FROM case_file WHERE id = ${c.id}`), 'conference');
	assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND step = 'conference'
		AND done_at IS NOT NULL`), '1');
	assert.equal(sql(`SELECT count(*) FROM deadline WHERE case_id = ${c.id} AND step = 'plan'
		AND done_at IS NULL`), '1');
	const cp = await fx.cw.s.get(`/cases/${c.id}`);
	assert.ok(L.pageSays(cp.text, 'case.event.conference_held'), 'on the timeline');
	/* Held: the agenda is fixed. */
	const late = await fx.sup.s.post(`/conferences/${m.id}/agenda`, { number: makeCase({ risk: 'high' }).number });
	assert.equal(late.status, 400);
	assert.ok(L.pageSays(late.text, 'conference.err.held'));
	/* The member's task on their conferences page and in their "my
	 * work" (no case deadlines there, and the case number is not a
	 * link: they cannot open the case), closed by them. */
	const list = await fx.tm.s.get('/conferences');
	assert.ok(list.text.includes('Ndjekja e raportit'));
	const work = await fx.tm.s.get('/work');
	assert.equal(work.status, 200);
	assert.ok(work.text.includes('Ndjekja e raportit'), 'the task in my work');
	assert.ok(!work.text.includes(`href="/cases/${c.id}"`), 'no link to the case');
	assert.ok(!L.pageSays(work.text, 'work.nothing'), 'no case deadlines section');
	const wapi = await fx.tm.api.get('/api/v1/work');
	assert.equal(wapi.status, 200);
	assert.deepEqual(wapi.json().items, []);
	const tid = t.json().tasks[0].id;
	const done = await fx.tm.s.post(`/conferences/${m.id}/tasks/${tid}/done`, { back: 'list' });
	assert.equal(done.status, 303);
	assert.equal(done.location, '/conferences');
	/* The minutes: print view and PDF. */
	const mh = await fx.sup.s.get(`/conferences/${m.id}/minutes`);
	assert.ok(mh.text.includes('PIM me tri veprime'));
	assert.ok(mh.text.includes('Shpresa Gashi'));
	const pdf = await fx.sup.s.get(`/conferences/${m.id}/minutes.pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.buf.subarray(0, 5).toString('latin1'), '%PDF-');
	const e = (await L.auditEntries({ actor: fx.sup.username, action: 'conference.minutes' })).entries;
	assert.ok(e.some((x) => x.detail === 'format=pdf'));
	assert.ok(!e.some((x) => /Gashi|PIM/.test(x.detail)), 'no names or text in the audit');
});
