// notify.test.mjs — the inbox and its e-mail over HTTP, beyond the generic
// route checks of routes.test.mjs: another user's notification (404,
// audited, unchanged), bad ids, marking read twice, CSRF, the triggers
// (a conference invitation, a task, a community alert decided), and e-mail
// through a local SMTP sink (tests/http/smtp_sink.mjs) from a second server
// on the same database with smtp_url set: the message has the link and no
// child's name; with the SMTP server down it stays queued, is retried, and
// requests are not slowed; a user without an address gets none.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import * as L from './lib.mjs';
import { now, sql } from './routes_cases.spec.mjs';
import { day, meeting, onAgenda } from './routes_conference.spec.mjs';
import { actor, fileAlert, groupWithMember, muniAdmin } from './routes_community.spec.mjs';
import { note } from './routes_notify.spec.mjs';
import { SmtpSink } from './smtp_sink.mjs';

const fx = {};
const ready = L.setup(async () => {
	const [a, b, sup] = await Promise.all([
		actor({ role: 'caseworker' }), actor({ role: 'caseworker' }), actor({ role: 'supervisor' }),
	]);
	Object.assign(fx, { a, b, sup });
});

function test(name, fn) {
	return nodeTest(name, async (t) => {
		await ready;
		return fn(t);
	});
}

const readAt = (id) => sql(`SELECT coalesce(read_at, 0) FROM notification WHERE id = ${id}`);
const outbox = (user) => sql(`SELECT o.status || ' ' || o.attempts FROM mail_outbox o
	JOIN notification n ON n.id = o.notification_id WHERE n.user_id = ${user} ORDER BY o.id`);

async function freePort() {
	return new Promise((ok) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const p = s.address().port;
			s.close(() => ok(p));
		});
	});
}

/* A second server on the test database that sends e-mail to smtpPort. */
async function mailServer(smtpPort) {
	const port = await freePort();
	const p = spawn(L.BIN, ['serve', '--data', L.DATA, '--listen', `127.0.0.1:${port}`], {
		env: {
			...process.env, RRJETI_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
			RRJETI_SMTP_FROM: 'rrjeti@example.org', RRJETI_BASE_URL: 'https://rrjeti.example.org/',
			RRJETI_MAIL_INTERVAL: '1', RRJETI_SCAN_INTERVAL: '0',
		},
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let err = '';
	p.stderr.on('data', (d) => { err += d; });
	for (let i = 0; i < 100; i++) {
		try {
			const r = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (r.status === 200)
				return { port, stop: () => new Promise((ok) => { p.once('exit', ok); p.kill('SIGTERM'); }), err: () => err };
		} catch { /* not up yet */ }
		await new Promise((ok) => setTimeout(ok, 100));
	}
	p.kill('SIGKILL');
	throw new Error('the mail server did not start: ' + err);
}

async function until(fn, ms = 15000) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v || Date.now() > end)
			return v;
		await new Promise((ok) => setTimeout(ok, 200));
	}
}

// ---------------------------------------------------------------- refused

test('another user\'s notification: 404 on every route, audited, unchanged', async () => {
	const id = note(fx.a.id);
	const since = await L.lastAuditId(fx.b.username);
	assert.equal((await fx.b.s.get(`/inbox/${id}`)).status, 404);
	assert.equal((await fx.b.s.post(`/inbox/${id}/read`, {})).status, 404);
	const r = await fx.b.api.post(`/api/v1/inbox/${id}/read`);
	assert.equal(r.status, 404);
	assert.equal(r.json().error, 'not_found');
	assert.equal(readAt(id), '0');
	const e = (await L.auditEntries({ actor: fx.b.username, action: 'notification.denied' })).entries
		.filter((x) => x.id > since);
	assert.equal(e.length, 3);
	assert.ok(e.every((x) => x.object_id === id));
	/* Not in their inbox either. */
	assert.ok(!(await fx.b.api.get('/api/v1/inbox')).json().items.some((x) => x.id === id));
	assert.ok(!(await fx.b.s.get('/inbox')).text.includes(`/inbox/${id}"`));
});

test('bad ids: 404 (or 400 for a malformed page), nothing written', async () => {
	const since = await L.lastAuditId(fx.a.username);
	for (const p of ['/inbox/0', '/inbox/99999999', '/inbox/9223372036854775807', '/inbox/abc', '/inbox/-1'])
		assert.equal((await fx.a.s.get(p)).status, 404, p);
	for (const p of ['/api/v1/inbox/0/read', '/api/v1/inbox/99999999/read', '/api/v1/inbox/x/read'])
		assert.equal((await fx.a.api.post(p)).status, 404, p);
	for (const q of ['0', '201', 'x', '-1', '1e3'])
		assert.equal((await fx.a.s.get('/inbox?page=' + q)).status, 400, q);
	assert.equal((await fx.a.api.get('/api/v1/inbox?page=0')).status, 400);
	const w = (await L.writesSince(fx.a.username, since)).filter((x) => x.action !== 'notification.denied');
	assert.deepEqual(w, []);
});

test('a read notification is not shown as new while others are unread (regression: the header count leaked into the rows)', async () => {
	const read = note(fx.a.id);
	note(fx.a.id);
	assert.equal((await fx.a.api.post(`/api/v1/inbox/${read}/read`)).status, 200);
	const page = (await fx.a.s.get('/inbox')).text;
	const row = page.split('<tr>').find((x) => x.includes(`/inbox/${read}"`));
	assert.ok(row, 'the read notification is listed');
	assert.ok(!row.includes(`/inbox/${read}/read"`), 'no "mark read" on a read row');
	assert.ok(!row.includes('<strong>'), 'not in bold');
});

test('marking read twice: the same answer, read_at unchanged, one audit row', async () => {
	const id = note(fx.a.id);
	const r1 = await fx.a.api.post(`/api/v1/inbox/${id}/read`);
	assert.equal(r1.status, 200, r1.text);
	await new Promise((ok) => setTimeout(ok, 1100));
	const r2 = await fx.a.api.post(`/api/v1/inbox/${id}/read`);
	assert.equal(r2.status, 200);
	assert.equal(r2.json().read_at, r1.json().read_at);
	assert.equal((await fx.a.s.post(`/inbox/${id}/read`, {})).status, 303);
	assert.equal(readAt(id), String(r1.json().read_at));
	const e = (await L.auditEntries({ actor: fx.a.username, action: 'notification.read' })).entries
		.filter((x) => x.object_id === id);
	assert.equal(e.length, 1);
});

test('CSRF: marking read without, or with another session\'s token, is refused and changes nothing', async () => {
	const id = note(fx.a.id);
	assert.equal((await fx.a.s.post(`/inbox/${id}/read`, {}, { csrf: false })).status, 403);
	assert.equal((await fx.a.s.post(`/inbox/${id}/read`, {}, { csrf: fx.b.s.csrf })).status, 403);
	assert.equal((await fx.a.s.post('/inbox/read-all', {}, { csrf: 'x'.repeat(43) })).status, 403);
	assert.equal(readAt(id), '0');
	/* A cookie never authorises the API. */
	const r = await L.http(`/api/v1/inbox/${id}/read`, { method: 'POST', cookie: fx.a.s.cookie });
	assert.equal(r.status, 401);
	assert.equal(readAt(id), '0');
});

test('the inbox: unread first, newest first, the badge counts, following a link marks it read', async () => {
	const u = await actor({ role: 'caseworker' });
	const old = note(u.id, { kind: 'meeting_invited', link: '/conferences/1' });
	const read = note(u.id, { read: true });
	const fresh = note(u.id, { kind: 'alert_triaged', link: '/community' });
	const r = await u.s.get('/inbox');
	assert.equal(r.status, 200);
	const order = [...r.text.matchAll(/href="\/inbox\/(\d+)"/g)].map((m) => Number(m[1]));
	assert.deepEqual(order.filter((x) => [old, read, fresh].includes(x)), [fresh, old, read]);
	assert.ok(L.pageSays(r.text, 'notify.kind.meeting_invited'));
	assert.match(r.text, /<a class="inbox" href="\/inbox"[^>]*>[^<]*<span class="tag missing">2<\/span>/);
	const o = await u.s.get(`/inbox/${old}`);
	assert.equal(o.status, 303);
	assert.equal(o.location, '/conferences/1');
	const h = await u.s.get('/');
	assert.match(h.text, /<span class="tag missing">1<\/span>/, 'the badge on every page');
	assert.equal((await u.s.post('/inbox/read-all', {})).status, 303);
	assert.doesNotMatch((await u.s.get('/')).text, /<a class="inbox" href="\/inbox"[^>]*>[^<]*<span/);
	const j = (await u.api.get('/api/v1/inbox')).json();
	assert.equal(j.unread, 0);
	assert.equal(j.items.length, 3);
});

// ---------------------------------------------------------------- triggers

test('a conference invitation and a task reach the invitee\'s and the owner\'s inbox', async () => {
	const m = meeting();
	const inv = await fx.sup.api.post(`/api/v1/conferences/${m}/invitations`, { user: fx.a.id });
	assert.equal(inv.status, 201, inv.text);
	const j = (await fx.a.api.get('/api/v1/inbox')).json();
	const n = j.items.find((x) => x.kind === 'meeting_invited' && x.object_id === m);
	assert.ok(n, 'meeting_invited');
	assert.equal(n.link, `/conferences/${m}`);
	const c = onAgenda(m, { worker: fx.b.id, given: 'Blerta', family: 'Krasniqi' });
	const t = await fx.sup.s.post(`/conferences/${m}/agenda/${c.agenda}/tasks`,
		{ what: 'Vizitë', owner: fx.b.id, due_on: day(1) });
	assert.equal(t.status, 303, t.text.slice(0, 300));
	const k = (await fx.b.api.get('/api/v1/inbox')).json().items.find((x) => x.kind === 'task_assigned');
	assert.ok(k, 'task_assigned');
	assert.equal(k.link, '/work');
	/* Never the child's name. */
	assert.ok(!(await fx.b.s.get('/inbox')).text.includes('Blerta'));
	/* A refused invitation notifies no one. */
	const before = sql(`SELECT count(*) FROM notification WHERE user_id = ${fx.a.id}`);
	assert.equal((await fx.sup.api.post(`/api/v1/conferences/${m}/invitations`, { user: fx.a.id })).status, 400);
	assert.equal(sql(`SELECT count(*) FROM notification WHERE user_id = ${fx.a.id}`), before);
});

test('a community alert decided: its group\'s members are told, with no case data', async () => {
	const { member } = await groupWithMember();
	const aid = await fileAlert(member);
	const r = await fx.sup.api.post(`/api/v1/community-alerts/${aid}/not-admitted`, { version: 1, reason: 'Already followed' });
	assert.equal(r.status, 200, r.text);
	const j = (await member.api.get('/api/v1/inbox')).json();
	const n = j.items.find((x) => x.kind === 'alert_triaged' && x.object_id === aid);
	assert.ok(n, 'alert_triaged');
	assert.equal(n.link, '/community');
	assert.equal((await member.s.get(`/inbox/${n.id}`)).location, '/community');
});

// ---------------------------------------------------------------- e-mail

test('the e-mail setting refuses a bad address and e-mail without an address, naming the field', async () => {
	const u = await actor({ role: 'caseworker' });
	for (const [body, key] of [
		[{ email: 'not-an-address', email_notify: 1 }, 'notify.err.email'],
		[{ email: 'a@b.org\r\nBcc: x@y', email_notify: 1 }, null],
		[{ email: '', email_notify: 1 }, 'notify.err.email_required'],
		[{ email: 'x'.repeat(250) + '@b.org' }, null],
	]) {
		const r = await u.s.post('/account/email', body);
		assert.equal(r.status, 400, JSON.stringify(body));
		if (key)
			assert.ok(L.pageSays(r.text, key), key);
	}
	assert.equal(sql(`SELECT email || '|' || email_notify FROM "user" WHERE id = ${u.id}`), '|0');
	/* A caseworker may not set another user's. */
	assert.equal((await u.s.post(`/admin/users/${fx.a.id}/email`, { email: 'x@example.org' })).status, 403);
	/* A user without an address, or not wanting e-mail: nothing queued. */
	note(u.id);
	assert.equal(outbox(u.id), '');
});

test('a municipal administrator cannot read or set the e-mail of a user outside their municipality: 404, unchanged', async () => {
	const admin = await muniAdmin();	/* Hani i Elezit */
	const far = await actor({ role: 'caseworker', agency: 'NJMF-TIRANE' });
	const r = await admin.s.post(`/admin/users/${far.id}/email`, { email: 'x@example.org', email_notify: 1 });
	assert.equal(r.status, 404, r.text.slice(0, 300));
	assert.equal(sql(`SELECT email || '|' || email_notify FROM "user" WHERE id = ${far.id}`), '|0');
	const page = await admin.s.get(`/admin/users/${far.id}`);
	assert.equal(page.status, 404);
	/* Inside the municipality it works. */
	const near = await actor({ role: 'caseworker' });
	const ok = await admin.s.post(`/admin/users/${near.id}/email`, { email: 'near@example.org', email_notify: 1 });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	assert.equal(sql(`SELECT email || '|' || email_notify FROM "user" WHERE id = ${near.id}`), 'near@example.org|1');
});

test('e-mail through the SMTP sink: the link, no child\'s name; down: queued, retried, requests not slowed', async () => {
	const down = await freePort();	/* nothing listens here yet */
	const srv = await mailServer(down);
	try {
		const u = await actor({ role: 'caseworker' });
		const addr = `${u.username}@example.org`;
		assert.equal((await u.s.post('/account/email', { email: addr, email_notify: 1 })).status, 303);
		/* A real trigger: a task on a case of a named child. */
		const m = meeting();
		const c = onAgenda(m, { worker: u.id, given: 'Arbnora', family: 'Gashi' });
		const t0 = Date.now();
		const t = await fx.sup.s.post(`/conferences/${m}/agenda/${c.agenda}/tasks`,
			{ what: 'Takim me familjen', owner: u.id, due_on: day(2) });
		assert.equal(t.status, 303);
		assert.ok(Date.now() - t0 < 2000, 'the request does not wait for SMTP');
		assert.match(outbox(u.id), /^queued 0$/);
		/* The server tries, fails, keeps it queued with a backoff. */
		assert.ok(await until(() => /^queued [1-9]/.test(outbox(u.id))), outbox(u.id));
		const next = Number(sql(`SELECT o.next_at - ${now()} FROM mail_outbox o JOIN notification n
			ON n.id = o.notification_id WHERE n.user_id = ${u.id}`));
		assert.ok(next > 30 && next <= 60, 'retried after about a minute: ' + next);
		/* Requests meanwhile are fast. */
		const t1 = Date.now();
		for (let i = 0; i < 10; i++)
			assert.equal((await u.s.get('/inbox')).status, 200);
		assert.ok(Date.now() - t1 < 2000, 'ten inbox pages: ' + (Date.now() - t1) + ' ms');
		/* The SMTP server comes up; the retry is due. */
		const sink = await SmtpSink.start(down);
		try {
			sql(`UPDATE mail_outbox SET next_at = 0 WHERE status = 'queued' AND notification_id IN
				(SELECT id FROM notification WHERE user_id = ${u.id})`);
			const msg = await sink.waitFor((x) => x.to.includes(addr));
			assert.ok(msg, 'the message arrived: ' + srv.err());
			assert.equal(msg.from, 'rrjeti@example.org');
			assert.match(msg.data, /\r\nhttps:\/\/rrjeti\.example\.org\/work(\r\n)?$/);
			assert.match(msg.data, /^Subject: =\?UTF-8\?B\?/m);
			const subject = Buffer.from(msg.data.match(/^Subject: =\?UTF-8\?B\?([^?]*)\?=/m)[1], 'base64').toString();
			assert.ok(L.isMessage(subject, 'notify.kind.task_assigned'), subject);
			for (const s of ['Arbnora', 'Gashi', 'Takim me familjen', c.number])
				assert.ok(!msg.data.includes(s), 'no case data: ' + s);
			assert.ok(await until(() => /^sent [2-9]/.test(outbox(u.id))), outbox(u.id));
			/* Sent once. */
			await new Promise((ok) => setTimeout(ok, 1500));
			assert.equal(sink.messages.filter((x) => x.to.includes(addr)).length, 1);
		} finally {
			await sink.close();
		}
	} finally {
		await srv.stop();
	}
});

test('rrjeti mail send beside a sending server: every message leaves once, whoever sends it', async () => {
	const port = await freePort();
	const sink = await SmtpSink.start(port);
	const srv = await mailServer(port);
	try {
		const u = await actor({ role: 'caseworker' });
		const addr = `${u.username}@example.org`;
		assert.equal((await u.s.post('/account/email', { email: addr, email_notify: 1 })).status, 303);
		/* Thirty messages queued at once, due now. */
		const n = 30;
		const now = Math.floor(Date.now() / 1000);
		sql(`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n})
			INSERT INTO notification (user_id, kind, object_type, object_id, link, created_at)
			SELECT ${u.id}, 'task_assigned', 'task', 900000 + i, '/work', ${now} FROM k`);
		sql(`INSERT INTO mail_outbox (notification_id, next_at, created_at)
			SELECT id, 0, ${now} FROM notification WHERE user_id = ${u.id} AND object_id > 900000`);
		/* Three command-line senders race the server's sender. */
		const env = { ...process.env, RRJETI_SMTP_URL: `smtp://127.0.0.1:${port}`,
			RRJETI_SMTP_FROM: 'rrjeti@example.org', RRJETI_BASE_URL: 'https://rrjeti.example.org/' };
		const runs = [0, 1, 2].map(() => new Promise((ok) => {
			const p = spawn(L.BIN, ['mail', 'send', '--data', L.DATA], { env, stdio: ['ignore', 'ignore', 'pipe'] });
			let err = '';
			p.stderr.on('data', (d) => { err += d; });
			p.on('exit', (code) => ok({ code, err }));
		}));
		for (const r of await Promise.all(runs))
			assert.equal(r.code, 0, r.err);
		assert.ok(await until(() => !/queued/.test(outbox(u.id))), outbox(u.id));
		await new Promise((ok) => setTimeout(ok, 1500));
		const got = sink.messages.filter((x) => x.to.includes(addr));
		assert.equal(got.length, n, 'each message once: ' + got.length);
		assert.equal(sql(`SELECT count(*) FROM mail_outbox o JOIN notification x ON x.id = o.notification_id
			WHERE x.user_id = ${u.id} AND o.status = 'sent'`), String(n));
	} finally {
		await srv.stop();
		await sink.close();
	}
});
