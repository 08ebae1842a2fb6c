// routes_notify.spec.mjs — the notification routes' entries for
// routes.test.mjs (see its SPEC and routes_cases.spec.mjs for the shape):
// the inbox (web and API), following a notification, marking read, and the
// e-mail setting of the account page and of the administrator's user page.
// Notifications the paths need are made with SQL on the test database, each
// route its own; the deeper rules and refusals are in notify.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { now, sql } from './routes_cases.spec.mjs';

/* A notification of kind for user id, linking to link: its id. */
export function note(user, { kind = 'task_due', link = '/work', read = false } = {}) {
	return Number(sql(`INSERT INTO notification (user_id, kind, object_type, object_id, link, created_at, read_at)
		VALUES (${Number(user)}, '${kind}', 'conference_task', 1, '${link}', ${now()},
			${read ? now() : 'NULL'}) RETURNING id;`));
}

export function specs(ctx) {
	const { line, int, bool, fx } = ctx;
	const cw = () => fx.byRole.case;
	const F = {
		list: { page: int(1, 200) },
		email: { email: line(0, 254), email_notify: bool() },
	};
	/* Each route's own notification, made when first needed. */
	const N = {};
	const mine = (k) => (N[k] ??= note(cw().id));
	return {
		'inbox': {
			as: cw, fields: F.list, valid: { page: 1 },
			async happy() {
				const id = mine('list');
				const r = await cw().s.get('/inbox');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/inbox/${id}"`), 'the row links through the inbox');
				assert.match(r.text, /<a class="inbox" href="\/inbox"[^>]*>[^<]*<span class="tag missing">\d+<\/span>/,
					'the unread badge');
				assert.equal((await cw().s.get('/inbox?page=200')).status, 200);
			},
		},
		'inbox.open': {
			as: cw, path: () => `/inbox/${mine('open')}`,
			async happy() {
				const id = mine('open');
				const r = await cw().s.get(`/inbox/${id}`);
				assert.equal(r.status, 303);
				assert.equal(r.location, '/work');
				assert.notEqual(sql(`SELECT coalesce(read_at, 0) FROM notification WHERE id = ${id}`), '0');
			},
		},
		'inbox.read': {
			as: cw, fields: F.list, valid: { page: 1 }, path: () => `/inbox/${mine('read')}/read`,
			async happy() {
				const id = mine('read');
				const r = await cw().s.post(`/inbox/${id}/read`, { page: 2 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(r.location, '/inbox?page=2');
				assert.notEqual(sql(`SELECT coalesce(read_at, 0) FROM notification WHERE id = ${id}`), '0');
			},
		},
		'inbox.read_all': {
			as: cw, good: () => ({}),
			async happy() {
				mine('all');
				const r = await cw().s.post('/inbox/read-all', {});
				assert.equal(r.status, 303);
				assert.equal(sql(`SELECT count(*) FROM notification WHERE user_id = ${cw().id} AND read_at IS NULL`), '0');
			},
		},
		'account.email': {
			as: cw, fields: F.email, valid: { email: '', email_notify: 0 },
			async happy() {
				const r = await cw().s.post('/account/email', { email: 'punonjes@example.org', email_notify: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(sql(`SELECT email || ' ' || email_notify FROM "user" WHERE id = ${cw().id}`),
					'punonjes@example.org 1');
				const a = await cw().s.get('/account');
				assert.ok(a.text.includes('value="punonjes@example.org"'));
				assert.equal((await cw().s.post('/account/email', { email: '', email_notify: 0 })).status, 303);
			},
		},
		'users.email': {
			fields: F.email, valid: { email: '', email_notify: 0 }, path: () => `/admin/users/${fx.target.id}/email`,
			async happy() {
				const r = await fx.ta.s.post(`/admin/users/${fx.target.id}/email`, { email: 'a@example.org' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(sql(`SELECT email || ' ' || email_notify FROM "user" WHERE id = ${fx.target.id}`),
					'a@example.org 0');
				const v = await fx.ta.s.get(`/admin/users/${fx.target.id}`);
				assert.ok(v.text.includes('value="a@example.org"'));
			},
		},
		'api.inbox': {
			as: cw, fields: F.list, valid: { page: 1 },
			async happy() {
				const id = mine('api');
				const r = await cw().api.get('/api/v1/inbox');
				assert.equal(r.status, 200);
				const j = r.json();
				assert.ok(j.unread >= 1);
				const it = j.items.find((x) => x.id === id);
				assert.ok(it, 'the notification is listed');
				assert.equal(it.kind, 'task_due');
				assert.equal(it.link, '/work');
				assert.equal(it.read_at, null);
			},
		},
		'api.inbox.read': {
			as: cw, path: () => `/api/v1/inbox/${mine('api_read')}/read`,
			async happy() {
				const id = mine('api_read');
				const r = await cw().api.post(`/api/v1/inbox/${id}/read`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().id, id);
				assert.ok(r.json().read_at > 0);
			},
		},
		'api.inbox.read_all': {
			as: cw,
			async happy() {
				mine('api_all');
				const r = await cw().api.post('/api/v1/inbox/read-all');
				assert.equal(r.status, 200, r.text);
				assert.ok(r.json().marked >= 1);
			},
		},
	};
}
