// export.test.mjs — the exports of the lists end to end (web/export.c):
// bad input first (a wrong format, an invalid filter, a role without the
// page, personal data without PERM_EXPORT_PERSONAL: 403 and audited, never
// the file), then every export opened back — CSV parsed, XLSX unzipped,
// the encrypted zip decrypted — equals the page's rows, every page of it,
// with the page's filters; formulas neutralised in CSV; every export
// audited with what, format and rows, no names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as L from './lib.mjs';
import { separateEnv } from './routes_cases.spec.mjs';
import { actor, muniAdmin } from './routes_community.spec.mjs';
import { screenTable, parseCsv, xlsxRows, unzipAes, PASSWORD } from './routes_export.spec.mjs';

const ready = L.setup(async () => {
	const [sup, cw, admin, analyst, aud] = await Promise.all([
		actor({ role: 'supervisor' }), actor({ role: 'caseworker' }), muniAdmin(),
		actor({ role: 'central_analyst', agency: 'MPMS-XK' }), actor({ role: 'auditor', agency: 'MPMS-XK' }),
	]);
	return { sup, cw, admin, analyst, aud, sysadmin: await L.login('admin') };
});

const day = (n) => {
	const d = new Date(Date.now() + n * 86400000);
	return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
};

/* Every row of a paged list page (following "next"), heading once. */
async function allPages(s, url, marker = '<div class="table-wrap"') {
	let rows = null;
	for (let u = url, i = 0; u && i < 100; i++) {
		const p = await s.get(u);
		assert.equal(p.status, 200, `${u}: ${p.text.slice(0, 200)}`);
		const t = p.text.includes('<table>') ? screenTable(p.text, marker) : [];
		rows = rows ? rows.concat(t.slice(1)) : t;
		const next = [...p.text.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)]
			.find((x) => L.messages('common.next').includes(x[2]));
		u = next ? next[1].replace(/&amp;/g, '&') : null;
	}
	return rows;
}

/* The export's rows in each format equal want (CSV without the ' of a
 * neutralised formula). */
async function sameAsScreen(s, url, want, what) {
	const sep = url.includes('?') ? '&' : '?';
	const csv = await s.get(`${url}${sep}format=csv`);
	assert.equal(csv.status, 200, `${what}: ${csv.text.slice(0, 200)}`);
	const rows = parseCsv(csv.text).map((r) => r.map((c) => c.replace(/^'(?=[=+\-@])/, '')));
	assert.deepEqual(rows, want, `${what}: the CSV`);
	const x = await s.get(`${url}${sep}format=xlsx`);
	assert.equal(x.status, 200, what);
	assert.deepEqual(xlsxRows(x.buf, want[0].length), want, `${what}: the XLSX`);
	const pdf = await s.get(`${url}${sep}format=pdf`);
	assert.equal(pdf.status, 200, what);
	assert.equal(pdf.buf.subarray(0, 4).toString(), '%PDF');
}

/* Numbers on the screen are grouped ("1.234"); the files hold digits. */
const digits = (rows, cols) => rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (cols.includes(j) ?
	c.replace(/[.\s\u00a0\u202f]/g, '') : c))));

// ---------------------------------------------------------------- bad input

test('a wrong or missing format is a 400 naming the field, for every list', async () => {
	const f = await ready;
	for (const [s, url] of [[f.admin.s, '/action-plans/export'], [f.admin.s, '/trainings/export'],
		[f.sup.s, '/conferences/export'], [f.admin.s, '/admin/users/export'], [f.aud.s, '/audit/export'],
		[f.admin.s, '/workforce/export'], [f.sup.s, '/visits/export'], [f.sup.s, '/intake/export'],
		[f.sup.s, '/professionals/export']]) {
		for (const q of ['format=doc', '', 'format=csv&format=xlsx', 'format=CSV', 'format=csv&bogus=1']) {
			const r = await s.get(`${url}?${q}`);
			assert.equal(r.status, 400, `${url}?${q}`);
		}
	}
});

test('invalid filters are refused as on the page', async () => {
	const f = await ready;
	for (const [s, url] of [[f.sup.s, '/visits/export?month=2026-13&format=csv'],
		[f.sup.s, '/visits/export?kind=castle&format=csv'], [f.sup.s, '/intake/export?status=lost&format=csv'],
		[f.aud.s, '/audit/export?from=31.02.2026&format=csv'], [f.admin.s, '/workforce/export?year=1800&format=csv'],
		[f.admin.s, '/admin/users/export?agency=abc&format=csv'],
		[f.sup.s, '/professionals/export?profile=wizard&format=csv']]) {
		const r = await s.get(url);
		assert.equal(r.status, 400, url);
		/* As the page itself answers. */
		const page = await s.get(url.replace('/export', '').replace(/&?format=csv/, ''));
		assert.equal(page.status, 400, `the page: ${url}`);
	}
});

test('a role without the page has no export either', async () => {
	const f = await ready;
	for (const [s, url] of [[f.cw.s, '/action-plans/export'], [f.cw.s, '/trainings/export'],
		[f.cw.s, '/admin/users/export'], [f.admin.s, '/audit/export'], [f.cw.s, '/workforce/export'],
		[f.analyst.s, '/visits/export'], [f.admin.s, '/conferences/export'], [f.analyst.s, '/intake/export']]) {
		const r = await s.get(`${url}?format=csv`);
		assert.ok(r.status === 403 || r.status === 404, `${url}: ${r.status}`);
		assert.ok(!/^text\/csv/.test(r.headers.get('content-type') || ''), url);
	}
});

test('personal lists offer the export links only to those who may export personal data', async () => {
	const { sup, cw } = await ready;
	for (const [page, link] of [['/visits', '/visits/export'], ['/intake', '/intake/export'],
		['/referrals', '/referrals/export'], ['/community-alerts', '/community-alerts/export']]) {
		const a = await cw.s.get(page);
		assert.equal(a.status, 200, page);
		assert.ok(!a.text.includes(link), 'caseworker: no ' + link);
		const b = await sup.s.get(page);
		assert.equal(b.status, 200, page);
		assert.ok(b.text.includes(link), 'supervisor: ' + link);
	}
});

test('personal lists: no file without PERM_EXPORT_PERSONAL, the refusal audited', async () => {
	const f = await ready;
	for (const [u, url] of [[f.cw, '/visits/export'], [f.cw, '/intake/export'], [f.admin, '/professionals/export'],
		[f.analyst, '/professionals/export']]) {
		const since = await L.lastAuditId(u.username);
		for (const format of ['csv', 'xlsx', 'pdf']) {
			const r = await u.s.get(`${url}?format=${format}`);
			assert.equal(r.status, 403, `${u.username} ${url}`);
			assert.ok(L.pageSays(r.text, 'export.err.personal'), url);
			assert.ok(!r.text.includes('type="password"'), 'no password form');
		}
		const p = await u.s.post(url, { format: 'csv', password: PASSWORD });
		assert.equal(p.status, 403, `POST ${url}`);
		assert.ok(!/zip/.test(p.headers.get('content-type') || ''));
		const e = (await L.auditEntries({ actor: u.username, action: 'export.denied' })).entries;
		assert.ok(e.filter((x) => x.id > since).length >= 4, `${url}: the refusals audited`);
		assert.ok(e.every((x) => /^what=\w+ rows=0 personal=1$/.test(x.detail)), 'ids and codes only');
	}
	/* Not even as a plain file for the supervisor: the GET is the form. */
	const g = await f.sup.s.get('/intake/export?format=csv');
	assert.equal(g.status, 200);
	assert.match(g.headers.get('content-type'), /^text\/html/);
	/* A weak or missing password: the form again, no file. */
	const weak = await f.sup.s.post('/intake/export', { format: 'csv', password: 'elevenchars' });
	assert.equal(weak.status, 400);
	assert.ok(L.pageSays(weak.text, 'rpt.err.password'));
	const none = await f.sup.s.post('/intake/export', { format: 'csv' });
	assert.equal(none.status, 400);
	assert.match(none.headers.get('content-type'), /^text\/html/);
});

// ---------------------------------------------------------------- rows equal the page

test('plain lists: CSV, XLSX and PDF hold exactly the page rows', async () => {
	const f = await ready;
	/* An action plan and a training programme whose titles start with a formula. */
	const ap = await f.admin.s.post('/action-plans', { title: '=HYPERLINK("http://x")', start: '01.01.2026',
		end: '31.12.2027', institution: '+Drejtoria' });
	assert.equal(ap.status, 303, ap.text.slice(0, 300));
	const aps = await allPages(f.admin.s, '/action-plans');
	await sameAsScreen(f.admin.s, '/action-plans/export', digits(aps, [5]), 'action plans');
	const csv = await f.admin.s.get('/action-plans/export?format=csv');
	assert.ok(csv.text.includes(`"'=HYPERLINK(""http://x"")"`) || csv.text.includes(`'=HYPERLINK`), 'neutralised');
	assert.ok(csv.text.includes(`'+Drejtoria`), 'neutralised +');
	assert.ok(!/(^|,)=HYPERLINK/m.test(csv.text), 'no live formula');

	const trs = await allPages(f.admin.s, '/trainings');
	await sameAsScreen(f.admin.s, '/trainings/export', digits(trs, [3, 4, 5]), 'trainings');

	/* The meetings, the second table of the conferences page. */
	const cfs = await f.sup.s.get('/conferences');
	const h = L.messages('conference.list.meetings').find((m) => cfs.text.includes(L.htmlEscape(m)));
	const at = cfs.text.indexOf(L.htmlEscape(h));
	if (cfs.text.indexOf('<table>', at) > 0)
		await sameAsScreen(f.sup.s, '/conferences/export', digits(screenTable(cfs.text.slice(at), '<table>'), [4]),
			'conferences');
	else
		assert.equal(parseCsv((await f.sup.s.get('/conferences/export?format=csv')).text).length, 1);

	const wf = await f.admin.s.get('/workforce?year=2026');
	const wrows = screenTable(wf.text, '<div class="table-wrap"').map((r, i) => (i === 0 ? r :
		r.map((c, j) => (j === 0 ? c : c.replace(/ .*$/, '').replace(/^–$/, '').replace(/^1:/, '')))));
	const wx = await f.admin.s.get('/workforce/export?year=2026&format=csv');
	assert.equal(wx.status, 200);
	const wcsv = parseCsv(wx.text);
	assert.equal(wcsv.length, wrows.length, 'workforce: one row a unit');
	for (let i = 1; i < wrows.length; i++)
		assert.equal(wcsv[i][0], wrows[i][0], `workforce row ${i}`);
});

test('paged lists: every page, with the filters', async () => {
	const f = await ready;
	const users = await allPages(f.sysadmin, '/admin/users');
	await sameAsScreen(f.sysadmin, '/admin/users/export', users, 'users');
	const hani = await L.agencyByCode('QPS-HANI');
	const some = await allPages(f.sysadmin, `/admin/users?agency=${hani.id}`);
	await sameAsScreen(f.sysadmin, `/admin/users/export?agency=${hani.id}`, some, 'users of an agency');

	/* The auditor's log with a filter, all of its pages (more than one:
	 * each export is an entry). */
	for (let i = 0; i < 55; i++)
		assert.equal((await f.sup.s.get('/trainings/export?format=csv')).status, 200);
	const q = `actor=${f.sup.username}`;
	const log = await allPages(f.aud.s, `/audit?${q}`);
	const x = await f.aud.s.get(`/audit/export?${q}&format=csv`);
	assert.equal(x.status, 200);
	const rows = parseCsv(x.text);
	/* The export itself is audited after its rows are read: compare ids. */
	assert.deepEqual(rows.slice(1).map((r) => r[0]), log.slice(1).map((r) => r[0].replace(/\D/g, '')),
		'the same entries');
	assert.deepEqual(rows.slice(1).map((r) => r[3]), log.slice(1).map((r) => r[3]));
	assert.ok(rows.length > 56, 'more than one page');
});

test('personal lists: the encrypted zip holds exactly the page rows', async () => {
	const f = await ready;
	const place = L.uniq('Shkolla ');
	for (let i = 0; i < 3; i++) {
		const r = await f.sup.api.post('/api/v1/visits', { kind: 'school', date: day(i + 1), place: `${place} ${i}` });
		assert.equal(r.status, 201, r.text);
	}
	const family = L.uniq('Bytyci');
	const rep = await f.cw.api.post('/api/v1/reports', { channel: 'phone', referrer_type: 'school',
		given_name: 'Qëndrim', family_name: family, sex: 'm', birth_date: '12.03.2016', concerns: 'VIO_PHY,NEG',
		narrative: 'x' });
	assert.equal(rep.status, 201, rep.text);
	for (const [page, url, body, numeric] of [
		['/visits?kind=school', '/visits/export', { kind: 'school' }, [4]],
		['/intake?status=received', '/intake/export', { status: 'received' }, []],
		['/professionals', '/professionals/export', {}, [5]]]) {
		const want = digits(await allPages(f.sup.s, page), numeric);
		for (const format of ['csv', 'xlsx']) {
			const r = await f.sup.s.post(url, { ...body, format, password: PASSWORD });
			assert.equal(r.status, 200, `${url}: ${r.text.slice(0, 200)}`);
			assert.equal(r.headers.get('content-type'), 'application/zip');
			assert.match(r.headers.get('content-disposition'), /^attachment; filename="\w+-[A-Za-z0-9-]+\.\w+\.zip"$/);
			assert.equal(r.buf.indexOf(family), -1, 'no name in clear');
			assert.equal(r.buf.indexOf(place), -1, 'no place in clear');
			assert.throws(() => unzipAes(r.buf, 'not the password at all'));
			const z = unzipAes(r.buf, PASSWORD);
			/* The page shows concerns as tags; the file joins them with ", ". */
			const rows = (format === 'csv' ? parseCsv(z.data.toString()).map((x) => x.map((c) =>
				c.replace(/^'(?=[=+\-@])/, ''))) : xlsxRows(z.data, want[0].length))
				.map((x) => (url === '/intake/export' ? x.map((c, j) => (j === 2 ? c.replace(/, /g, ' ') : c)) : x));
			assert.deepEqual(rows, want, `${url} ${format}`);
		}
	}
	/* The filters given on the form reach the zip. */
	const zr = await f.sup.s.post('/visits/export', { kind: 'home', format: 'csv', password: PASSWORD });
	const home = parseCsv(unzipAes(zr.buf, PASSWORD).data.toString());
	assert.ok(home.slice(1).every((r) => r[1] === home.slice(1)[0][1]), 'one kind only');
	assert.ok(!home.some((r) => r[2].startsWith(place)), 'no school visit among the home visits');
	/* The password form keeps the page's filters. */
	const form = await f.sup.s.get('/visits/export?kind=school&month=2026-01&format=xlsx');
	assert.ok(form.text.includes('<input type="hidden" name="kind" value="school">'));
	assert.ok(form.text.includes('<input type="hidden" name="month" value="2026-01">'));
	assert.match(form.text, /<option value="xlsx" selected>/);
});

test('registers and aggregates: grants, donors, groups, agencies, population equal the page', async () => {
	const f = await ready;
	/* Money and counts are numbers in the files: compare digits. */
	const money = (c) => c.replace(/\s*€$/, '').replace(/[.\s\u00a0\u202f]/g, '').replace(',', '.');
	const cents = (rows, cols) => rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (cols.includes(j) ?
		(c === '' ? '' : Number(money(c)).toFixed(2)) : c))));
	/* Grants: the page's title cell holds the donor too, a column of its own in the file. */
	const gp = await f.admin.s.get('/grants');
	assert.equal(gp.status, 200);
	const gx = parseCsv((await f.admin.s.get('/grants/export?format=csv')).text);
	const gs = screenTable(gp.text, '<div class="table-wrap"');
	assert.equal(gx.length, gs.length, 'grants: the same rows');
	for (let i = 1; i < gs.length; i++) {
		assert.equal(gx[i][0], gs[i][0], `grant ${i}: number`);
		assert.equal(`${gx[i][1]} ${gx[i][2]}`, gs[i][1], `grant ${i}: title and donor`);
		assert.equal(gx[i][3], gs[i][2]);
		assert.equal(gx[i][5], Number(money(gs[i][4])).toFixed(2), `grant ${i}: amount`);
	}
	const dp = await f.admin.s.get('/donors');
	const dwant = cents(digits(screenTable(dp.text, '<div class="table-wrap"'), [4]), [5]);
	assert.deepEqual(parseCsv((await f.admin.s.get('/donors/export?format=csv')).text), dwant, 'donors: the CSV');
	const dx = xlsxRows((await f.admin.s.get('/donors/export?format=xlsx')).buf, dwant[0].length);
	assert.deepEqual(dx.map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 5 ? Number(c).toFixed(2) : c)))), dwant,
		'donors: the XLSX, money as numbers');
	const ag = await f.sysadmin.get('/admin/agencies');
	await sameAsScreen(f.sysadmin, '/admin/agencies/export', digits(screenTable(ag.text, '<div class="table-wrap"'), [4]),
		'agencies');
	/* The population: the estimate is a column of its own in the file. */
	const pp = await f.admin.s.get('/admin/population?year=2026');
	const ps = screenTable(pp.text, '<table class="pop-table"');
	const px = parseCsv((await f.admin.s.get('/admin/population/export?year=2026&format=csv')).text);
	assert.equal(px.length, ps.length, 'population: one row a municipality');
	for (let i = 1; i < ps.length; i++) {
		assert.equal(px[i][0], ps[i][0]);
		assert.ok(px[i][2] === '' || ps[i][2].replace(/\D/g, '').startsWith(px[i][2]), `population ${i}`);
	}
	/* Community groups: the page is a list, not a table: names and counts. */
	const cg = await f.admin.s.get('/admin/community-groups');
	const names = [...cg.text.matchAll(/<a href="\/admin\/community-groups\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
	const cx = parseCsv((await f.admin.s.get('/admin/community-groups/export?format=csv')).text);
	assert.deepEqual(cx.slice(1).map((r) => L.htmlEscape(r[0])), names);
});

test('referrals: the open list leaves only encrypted, the incoming list plainly', async () => {
	const f = await ready;
	for (const show of ['open', 'ended']) {
		const page = await f.sup.s.get(`/referrals?show=${show}`);
		assert.equal(page.status, 200);
		const want = page.text.includes('<table>') ? screenTable(page.text, '<div class="table-wrap"') : null;
		const r = await f.sup.s.post('/referrals/export', { show, format: 'csv', password: PASSWORD });
		assert.equal(r.status, 200, r.text.slice(0, 200));
		const rows = parseCsv(unzipAes(r.buf, PASSWORD).data.toString());
		if (want)
			assert.deepEqual(rows.slice(1).map((x) => x[0]), want.slice(1).map((x) => x[0]), `${show}: the cases`);
		else
			assert.equal(rows.length, 1);
	}
	const cw = await f.cw.s.post('/referrals/export', { format: 'csv', password: PASSWORD });
	assert.equal(cw.status, 403);
	const inc = await f.sup.s.get('/referrals/incoming');
	const ix = await f.sup.s.get('/referrals/incoming/export?format=csv');
	assert.equal(ix.status, 200);
	assert.equal(parseCsv(ix.text).length, inc.text.includes('<table>') ?
		screenTable(inc.text, '<div class="table-wrap"').length : 1);
});

test('a filter beyond the actor\'s scope exports what the page shows: nothing more', async () => {
	const f = await ready;
	const hani = (await L.agencyByCode('QPS-HANI')).municipality_id;
	/* Another municipality's agency: the municipal administrator's pages do not show its users. */
	const other = (await (await L.adminApi()).get('/api/v1/agencies')).json().agencies
		.find((a) => a.municipality_id && a.municipality_id !== hani);
	assert.ok(other, 'an agency of another municipality');
	{
		const page = await f.admin.s.get(`/admin/users?agency=${other.id}`);
		const x = await f.admin.s.get(`/admin/users/export?agency=${other.id}&format=csv`);
		assert.equal(x.status, page.status);
		if (page.status === 200)
			assert.equal(parseCsv(x.text).length, screenTable(page.text, '<div class="table-wrap"').length);
		const g = await f.admin.s.get(`/grants/export?municipality=${other.municipality_id}&format=csv`);
		const gp = await f.admin.s.get(`/grants?municipality=${other.municipality_id}`);
		assert.equal(g.status, gp.status);
		if (gp.status === 200)
			assert.equal(parseCsv(g.text).length, screenTable(gp.text, '<div class="table-wrap"').length);
	}
	/* A caseworker's visits and intake are their unit's, as on the page: another unit's visit never appears. */
	const alert = await f.cw.s.get('/community-alerts/export?format=csv');
	assert.equal(alert.status, 403);
	assert.ok(L.pageSays(alert.text, 'export.err.personal'));
});

test('the filter forms\' export buttons send what the form sends: empty filters too', async () => {
	const f = await ready;
	for (const [s, url, type] of [[f.sup.s, '/visits/export?kind=&status=&month=&format=csv', /^text\/html/],
		[f.sup.s, '/intake/export?status=received&format=xlsx', /^text\/html/],
		[f.sup.s, '/professionals/export?q=&profile=&municipality=&format=pdf', /^text\/html/],
		[f.aud.s, '/audit/export?actor=&action=&from=&to=&format=csv', /^text\/csv/]]) {
		const r = await s.get(url);
		assert.equal(r.status, 200, `${url}: ${r.text.slice(0, 200)}`);
		assert.match(r.headers.get('content-type'), type, url);
	}
	/* Each page's form carries the buttons. */
	for (const [s, page, path] of [[f.sup.s, '/visits', '/visits/export'], [f.sup.s, '/intake', '/intake/export'],
		[f.sup.s, '/professionals', '/professionals/export'], [f.aud.s, '/audit', '/audit/export']]) {
		const r = await s.get(page);
		const at = r.text.indexOf('<form method="get"');
		const form = r.text.slice(at, r.text.indexOf('</form>', at));
		for (const fmt of ['csv', 'xlsx', 'pdf'])
			assert.ok(form.includes(`formaction="${path}" name="format" value="${fmt}"`), `${page} ${fmt}`);
	}
});

test('every export is audited: what, format, rows, and never a name', async () => {
	const f = await ready;
	const since = await L.lastAuditId(f.admin.username);
	assert.equal((await f.admin.s.get('/trainings/export?format=xlsx')).status, 200);
	assert.equal((await f.admin.s.get('/action-plans/export?format=pdf')).status, 200);
	const e = (await L.auditEntries({ actor: f.admin.username })).entries.filter((x) => x.id > since);
	assert.ok(e.some((x) => x.action === 'export.xlsx' && x.object_type === 'trainings' &&
		/^what=trainings rows=\d+ personal=0$/.test(x.detail)), JSON.stringify(e.slice(0, 3)));
	assert.ok(e.some((x) => x.action === 'export.pdf' && x.object_type === 'action_plans'));
	const s2 = await L.lastAuditId(f.sup.username);
	const z = await f.sup.s.post('/intake/export', { format: 'xlsx', password: PASSWORD });
	assert.equal(z.status, 200);
	const e2 = (await L.auditEntries({ actor: f.sup.username, action: 'export.xlsx' })).entries
		.filter((x) => x.id > s2);
	assert.ok(e2.some((x) => x.object_type === 'intake' && /^what=intake rows=\d+ personal=1$/.test(x.detail)));
	/* A page's links lead to the exports. */
	const ap = await f.admin.s.get('/action-plans');
	assert.ok(ap.text.includes('href="/action-plans/export?format=csv"'));
	const vi = await f.sup.s.get('/visits?kind=school');
	assert.ok(vi.text.includes('formaction="/visits/export" name="format" value="xlsx"'));
});

// ------------------------------------------------------ long lists (issue 6)

/*
 * A list of 100,000 rows leaves whole (the cap was 20,000); one row more is
 * refused with a clear message (413 rpt.err.too_many), never cut short. A
 * separate installation and server: 100,001 users of one agency would
 * change the suite's other lists while they exist.
 */
test('an export of 100,000 rows goes out whole; 100,001 are refused, clearly', async () => {
	const bin = path.resolve(L.BIN);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rrjeti-long-'));
	const data = path.join(tmp, 'data');
	const env = separateEnv({ RRJETI_FAST_HASH: '1', RRJETI_SCAN_INTERVAL: '0' });
	const db = (q) => (env.RRJETI_DATABASE ?
		execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', env.RRJETI_DATABASE,
			'-f', '-'], { input: q, encoding: 'utf8' }) :
		execFileSync('sqlite3', ['-cmd', '.timeout 5000', path.join(data, 'rrjeti.db'), q],
			{ encoding: 'utf8' })).trim();
	/* Users bx000001 ... of agency LONG-1, up to n in all. */
	const users = (from, to) => db(`WITH RECURSIVE k(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM k
		WHERE i < ${to}) INSERT INTO "user" (username, full_name, pw_hash, role, scope, agency_id, active,
		created_at, pw_changed_at) SELECT 'bx' || printf('%06d', i), 'Long list ' || i, 'x',
		'caseworker', 'own', (SELECT id FROM agency WHERE code = 'LONG-1'), 0, 1, 1 FROM k`);
	/* The rows of an XLSX's sheet and the text of its last row's cells
	 * (xlsxRows() reads every cell, too slowly for 100,000 rows). */
	const sheet = (buf) => {
		const f = path.join(tmp, 'x.xlsx');
		fs.writeFileSync(f, buf);
		const xml = execFileSync('unzip', ['-p', f, 'xl/worksheets/sheet1.xml'],
			{ encoding: 'utf8', maxBuffer: 1 << 30 });
		const last = xml.slice(xml.lastIndexOf('<row '));
		return { rows: (xml.match(/<row /g) || []).length,
			last: [...last.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]) };
	};
	let srv;
	try {
		execFileSync(bin, ['init', '--data', data, '--demo'], { env, stdio: 'ignore' });
		const pw = fs.readFileSync(path.join(data, 'demo-login.txt'), 'utf8').split('\n')[0].trim();
		db(`UPDATE "user" SET must_change_pw = 0 WHERE username = 'admin';
			INSERT INTO agency (code, name, type, country, created_at)
			VALUES ('LONG-1', 'Long list', 'ministry', 'XK', 1)`);
		const agency = Number(db("SELECT id FROM agency WHERE code = 'LONG-1'"));
		users(1, 20001);
		const port = await new Promise((ok) => {
			const x = net.createServer();
			x.listen(0, '127.0.0.1', () => { const p = x.address().port; x.close(() => ok(p)); });
		});
		srv = spawn(bin, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`],
			{ env, stdio: ['ignore', 'ignore', 'ignore'] });
		const base = `http://127.0.0.1:${port}`;
		for (let i = 0; i < 150; i++) {
			try {
				if ((await fetch(`${base}/healthz`)).status === 200)
					break;
			} catch { /* not up yet */ }
			await new Promise((ok) => setTimeout(ok, 100));
		}
		const login = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ username: 'admin', password: pw }) });
		const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
		assert.match(cookie, /^rr_session=/, `login: ${login.status}`);
		const get = async (q) => {
			const r = await fetch(`${base}/admin/users/export?agency=${agency}&${q}`, { headers: { cookie } });
			return { status: r.status, type: r.headers.get('content-type'), buf: Buffer.from(await r.arrayBuffer()) };
		};
		/* Over the old cap of 20,000: every row. */
		let r = await get('format=csv');
		assert.equal(r.status, 200, r.buf.toString().slice(0, 300));
		const rows = parseCsv(r.buf.toString());
		assert.equal(rows.length, 20002, 'the heading and 20,001 rows');
		assert.equal(rows[20001][0], 'bx020001');
		r = await get('format=xlsx');
		assert.equal(r.status, 200);
		let x = sheet(r.buf);
		assert.equal(x.rows, 20003, 'the title, the heading and 20,001 rows');
		assert.deepEqual(x.last.slice(0, 2), ['bx020001', 'Long list 20001']);
		/* 100,000: the new cap, whole, as XLSX too. */
		users(20002, 100000);
		r = await get('format=xlsx');
		assert.equal(r.status, 200, r.buf.toString().slice(0, 300));
		assert.equal(r.buf.subarray(0, 2).toString(), 'PK');
		x = sheet(r.buf);
		assert.equal(x.rows, 100002);
		assert.deepEqual(x.last.slice(0, 2), ['bx100000', 'Long list 100000']);
		/* One more: refused as a whole, with the message, no file. */
		users(100001, 100001);
		r = await get('format=csv');
		assert.equal(r.status, 413);
		assert.match(r.type, /^text\/html/);
		assert.ok(L.pageSays(r.buf.toString(), 'rpt.err.too_many'));
	} finally {
		if (srv) srv.kill('SIGTERM');
		if (srv) await new Promise((ok) => { srv.once('exit', ok); setTimeout(ok, 5000); });
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});
