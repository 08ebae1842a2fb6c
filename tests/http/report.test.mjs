// report.test.mjs — reports and exports end to end: an export opened back
// (CSV parsed, XLSX unzipped) equals the table on the screen cell by cell;
// every export leaves its audit row; the case list leaves only as an
// encrypted zip, never with a name in clear; central analysts get
// aggregates and no personal export; bad input is a clear 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';
import { makeCase, separateEnv, sql } from './routes_cases.spec.mjs';
import { reportFixture } from './routes_report.spec.mjs';

const ready = L.setup(async () => {
	const f = await reportFixture();
	const analyst = await actor({ role: 'central_analyst', agency: 'MPMS-XK' });
	const sup = await actor({ role: 'supervisor' });
	return { ...f, analyst, sup };
});

/* The cells of the first table of a page after the marker, as text. */
function screenTable(html, marker) {
	const at = html.indexOf(marker);
	assert.ok(at >= 0, marker);
	const t = html.slice(html.indexOf('<table>', at), html.indexOf('</table>', at));
	const rows = [];
	for (const m of t.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
		const cells = [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)]
			.map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&amp;/g, '&')
				.replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim());
		rows.push(cells);
	}
	return rows;
}

/* RFC 4180 as our exporter writes it. */
function parseCsv(text) {
	const rows = [];
	let row = [], cell = '', q = false;
	const s = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (q) {
			if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false;
			else cell += c;
		} else if (c === '"') q = true;
		else if (c === ',') { row.push(cell); cell = ''; }
		else if (c === '\r' && s[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
		else cell += c;
	}
	return rows;
}

/* The shared strings or inline strings and values of sheet 1, by cell ref. */
function xlsxCells(buf) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rrjeti-xlsx-'));
	try {
		const f = path.join(dir, 'x.xlsx');
		fs.writeFileSync(f, buf);
		const xml = execFileSync('unzip', ['-p', f, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
		const cells = {};
		for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const inner = m[3] || '';
			const t = inner.match(/<t[^>]*>([\s\S]*?)<\/t>/);
			const v = inner.match(/<v>([\s\S]*?)<\/v>/);
			cells[m[1] + m[2]] = t ? t[1].replace(/&lt;/g, '<').replace(/&amp;/g, '&') : v ? v[1] : '';
		}
		return cells;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

test('a project report: the CSV and the XLSX equal the screen', async () => {
	const f = await ready;
	await f.admin.s.post(`/reports/projects/${f.project}/targets`, { kind: 'children', target: '40' });
	const page = await f.admin.s.get(`/reports/projects/${f.project}`);
	assert.equal(page.status, 200);
	for (const [table, marker] of [['grants', 'export?table=grants'], ['children', 'export?table=children']]) {
		/* The table precedes its export link: find the table of that section. */
		const sec = page.text.lastIndexOf('<section', page.text.indexOf(marker));
		const screen = screenTable(page.text, page.text.slice(sec, sec + 60));
		const csv = await f.admin.s.get(`/reports/projects/${f.project}/export?table=${table}&format=csv`);
		assert.equal(csv.status, 200);
		const rows = parseCsv(csv.text);
		assert.equal(rows.length, screen.length, `${table}: rows`);
		/* CSV neutralises formulas with a leading ' (the screen does not). */
		for (let i = 0; i < rows.length; i++)
			assert.deepEqual(rows[i].map((c) => c.replace(/^'(?=[=+\-@])/, '')), screen[i], `${table} row ${i}`);
		const x = await f.admin.s.get(`/reports/projects/${f.project}/export?table=${table}&format=xlsx`);
		assert.equal(x.status, 200);
		const cells = xlsxCells(x.buf);
		/* Headings on row 4, rows from 5; numbers compare as numbers. */
		for (let i = 0; i < screen.length; i++)
			for (let j = 0; j < screen[i].length; j++) {
				const ref = String.fromCharCode(65 + j) + (i + 4);
				const want = screen[i][j];
				const got = cells[ref] ?? '';
				if (i > 0 && /^-?\d+(\.\d+)?$/.test(want)) {
					const isShare = /%/.test(screen[0][j]);
					assert.ok(Math.abs(Number(got) * (isShare ? 100 : 1) - Number(want)) < 0.051,
						`${table} ${ref}: ${got} vs ${want}`);
				} else
					assert.equal(got, want, `${table} ${ref}`);
			}
	}
});

test('every export is audited with its format and row count', async () => {
	const f = await ready;
	const since = await L.lastAuditId(f.admin.username);
	const r = await f.admin.s.get(`/reports/projects/${f.project}/export?table=grants&format=csv`);
	assert.equal(r.status, 200);
	const e = (await L.auditEntries({ actor: f.admin.username, action: 'export.csv' })).entries;
	assert.ok(e.some((x) => x.id > since && x.object_type === 'project' && x.object_id === f.project &&
		/what=project rows=\d+ personal=0/.test(x.detail)), JSON.stringify(e.slice(0, 3)));
});

test('the case list leaves only as an encrypted zip, without names in clear', async () => {
	const f = await ready;
	const c = makeCase({ given: 'Zanafilla', family: 'Xhemajli' });
	const r = await f.sup.s.post('/exports/cases', { format: 'csv', password: 'correct horse battery' });
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'application/zip');
	assert.match(r.headers.get('content-disposition'), /filename="rasti-[A-Za-z0-9-]+\.csv\.zip"/);
	assert.equal(r.buf.indexOf('Xhemajli'), -1);
	assert.equal(r.buf.indexOf(c.number), -1);
	/* AES-256 (compression method 99 in the local header). */
	assert.equal(r.buf.readUInt16LE(8), 99);
	const e = (await L.auditEntries({ actor: f.sup.username, action: 'export.csv' })).entries;
	assert.ok(e.some((x) => /what=cases rows=\d+ personal=1/.test(x.detail)));
	const x = await f.sup.s.post('/exports/cases', { format: 'xlsx', password: 'correct horse battery' });
	assert.equal(x.status, 200);
	assert.equal(x.buf.indexOf('Xhemajli'), -1);
});

test('personal exports: refused to those without the permission, bad input named', async () => {
	const f = await ready;
	for (const u of [f.analyst, f.admin]) {
		assert.equal((await u.s.get('/exports/cases')).status, 403);
		const r = await u.s.post('/exports/cases', { format: 'csv', password: 'correct horse battery' });
		assert.equal(r.status, 403);
	}
	const pdf = await f.sup.s.post('/exports/cases', { format: 'pdf', password: 'correct horse battery' });
	assert.equal(pdf.status, 400);
	const none = await f.sup.s.post('/exports/cases', { format: 'csv' });
	assert.equal(none.status, 400);
	const weak = await f.sup.s.post('/exports/cases', { format: 'csv', password: 'elevenchars' });
	assert.equal(weak.status, 400);
	assert.ok(L.pageSays(weak.text, 'rpt.err.password'));
});

test('a central analyst sees the beneficiary report, aggregates only', async () => {
	const f = await ready;
	const r = await f.analyst.api.get(`/api/v1/reports/beneficiaries?project=${f.project}`);
	assert.equal(r.status, 200, r.text);
	const j = r.json();
	for (const t of [j.children, j.professionals, j.grants])
		for (const row of t.rows)
			for (const cell of row)
				assert.ok(typeof cell !== 'number' || cell === 0 || cell >= 5 || t === j.grants,
					'no count under 5 is shown');
	assert.ok(!JSON.stringify(j).includes('"B1"'), 'no beneficiary code');
	/* Neither a project write. */
	assert.equal((await f.analyst.s.post(`/reports/projects/${f.project}/targets`,
		{ kind: 'children', target: '1' })).status, 403);
});

test('bad input: a clear 400 naming the rule, nothing written', async () => {
	const f = await ready;
	const before = Number(L.DATA ? sql('SELECT count(*) FROM project') : 0);
	for (const [body, key] of [
		[{ name: 'X', country: 'XK', start: '31.12.2021', end: '01.01.2020' }, 'rpt.err.end_before'],
		[{ name: 'X', country: 'XK', start: '01.01.2020', end: '31.12.2021', donor: '999999' }, 'rpt.err.no_donor'],
	]) {
		const r = await f.admin.s.post('/reports/projects', body);
		assert.equal(r.status, 400);
		assert.ok(L.pageSays(r.text, key), key);
	}
	const after = Number(L.DATA ? sql('SELECT count(*) FROM project') : 0);
	assert.equal(after, before);
	const unknownTable = await f.admin.s.get(`/reports/projects/${f.project}/export?table=names&format=csv`);
	assert.equal(unknownTable.status, 400);
	const api = await f.admin.api.get('/api/v1/reports/beneficiaries?project=abc');
	assert.equal(api.status, 400);
	assert.equal(api.json().field, 'project');
});

/*
 * Scheduled reports run by the server itself (no cron): a schedule added
 * on the command line is produced by a server's runner within seconds,
 * with progress in its log, and not produced again on the next round.
 * A separate installation and server, so the suite's data is untouched.
 */
test('the server runs due report schedules itself, with progress', async () => {
	const { spawn } = await import('node:child_process');
	const net = await import('node:net');
	const bin = path.resolve(L.BIN);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rrjeti-sched-'));
	const data = path.join(tmp, 'data');
	const env = separateEnv({ RRJETI_FAST_HASH: '1', RRJETI_SCAN_INTERVAL: '1' });
	let srv;
	try {
		execFileSync(bin, ['init', '--data', data], { env, stdio: 'ignore' });
		/* Bad input first: an unknown kind is refused, nothing added. */
		assert.throws(() => execFileSync(bin, ['report', 'schedule', 'add', '--data', data,
			'--kind', 'weekly', '--country', 'XK', '--format', 'csv'], { env, stdio: 'pipe' }));
		execFileSync(bin, ['report', 'schedule', 'add', '--data', data, '--kind', 'monthly',
			'--country', 'XK', '--format', 'csv'], { env, stdio: 'ignore' });
		const port = await new Promise((ok) => {
			const s = net.createServer();
			s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
		});
		let log = '';
		srv = spawn(bin, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`], { env });
		srv.stderr.on('data', (d) => { log += d; });
		srv.stdout.on('data', () => {});
		const reports = path.join(data, 'reports');
		const files = () => (fs.existsSync(reports) ? fs.readdirSync(reports).filter((f) => f.endsWith('.csv')) : []);
		for (let i = 0; i < 150 && !/report: .*XK38\.csv written/.test(log); i++)
			await new Promise((ok) => setTimeout(ok, 100));
		assert.match(log, /report: schedule 1: monthly \d{4}-\d{2}/, 'the run is logged');
		assert.match(log, /report: municipality 1\/38: XK01/, 'with progress');
		assert.equal(files().length, 38, 'one extract per Kosovo municipality');
		assert.ok(files().every((f) => /^monthly-\d{4}-\d{2}-XK\d\d\.csv$/.test(f)));
		/* The next rounds find nothing due. */
		const runs = (log.match(/report: schedule 1:/g) || []).length;
		await new Promise((ok) => setTimeout(ok, 2500));
		assert.equal((log.match(/report: schedule 1:/g) || []).length, runs);
		const list = execFileSync(bin, ['report', 'schedule', 'list', '--data', data], { env, encoding: 'utf8' });
		assert.match(list, /monthly\tXK\t\*\tcsv\tactive\t\d{4}-\d{2}/);
	} finally {
		if (srv) srv.kill('SIGTERM');
		if (srv) await new Promise((ok) => { srv.once('exit', ok); setTimeout(ok, 3000); });
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});

/*
 * The providers' list: the CSV and XLSX equal the page's table (same
 * filters, the actor's scope), every page of it; audited; bad input 400.
 */
test('the providers list export equals the screen, filters and all', async () => {
	const f = await ready;
	for (const q of ['', 'service=shelter', 'status=active']) {
		const page = await f.admin.s.get(`/providers?${q}`);
		assert.equal(page.status, 200);
		const screen = screenTable(page.text, '<div class="table-wrap"');
		/* The page shows 25 a page; compare its rows with the first of the export. */
		const tag = L.messages('provider.inactive').sq;
		const want = screen.map((row, i) => (i === 0 ? row : [row[0].replace(new RegExp(`\\s*${tag}$`), ''), ...row.slice(1)]));
		const csv = await f.admin.s.get(`/exports/providers?${q ? q + '&' : ''}format=csv`);
		assert.equal(csv.status, 200, csv.text.slice(0, 200));
		const rows = parseCsv(csv.text);
		const m = page.text.match(/<p class="muted">[^<:]*: ([\d.,\s\u00a0\u202f]+)<\/p>/);
		assert.ok(m, 'the page says its total');
		assert.equal(rows.length - 1, Number(m[1].replace(/\D/g, '')), `${q}: every row of every page`);
		for (let i = 0; i < want.length; i++)
			assert.deepEqual(rows[i].map((c) => c.replace(/^'(?=[=+\-@])/, '')), want[i], `${q} row ${i}`);
		const x = await f.admin.s.get(`/exports/providers?${q ? q + '&' : ''}format=xlsx`);
		assert.equal(x.status, 200);
		const cells = xlsxCells(x.buf);
		for (let i = 0; i < want.length; i++)
			for (let j = 0; j < want[i].length; j++)
				assert.equal(String(cells[String.fromCharCode(65 + j) + (i + 4)] ?? ''), want[i][j], `${q} xlsx ${i},${j}`);
	}
	const since = await L.lastAuditId(f.admin.username);
	assert.equal((await f.admin.s.get('/exports/providers?format=csv')).status, 200);
	const e = (await L.auditEntries({ actor: f.admin.username, action: 'export.csv' })).entries;
	assert.ok(e.some((x) => x.id > since && /what=providers rows=\d+ personal=0/.test(x.detail)));
	for (const bad of ['format=pdf', 'format=csv&service=nonsense', '', 'format=csv&municipality=abc'])
		assert.equal((await f.admin.s.get(`/exports/providers?${bad}`)).status, 400, bad);
});
