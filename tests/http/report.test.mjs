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
import { makeCase } from './routes_cases.spec.mjs';
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
	const before = Number(L.DATA ? execFileSync('sqlite3', [L.DATA + '/rrjeti.db',
		'SELECT count(*) FROM project'], { encoding: 'utf8' }) : 0);
	for (const [body, key] of [
		[{ name: 'X', country: 'XK', start: '31.12.2021', end: '01.01.2020' }, 'rpt.err.end_before'],
		[{ name: 'X', country: 'XK', start: '01.01.2020', end: '31.12.2021', donor: '999999' }, 'rpt.err.no_donor'],
	]) {
		const r = await f.admin.s.post('/reports/projects', body);
		assert.equal(r.status, 400);
		assert.ok(L.pageSays(r.text, key), key);
	}
	const after = Number(L.DATA ? execFileSync('sqlite3', [L.DATA + '/rrjeti.db',
		'SELECT count(*) FROM project'], { encoding: 'utf8' }) : 0);
	assert.equal(after, before);
	const unknownTable = await f.admin.s.get(`/reports/projects/${f.project}/export?table=names&format=csv`);
	assert.equal(unknownTable.status, 400);
	const api = await f.admin.api.get('/api/v1/reports/beneficiaries?project=abc');
	assert.equal(api.status, 400);
	assert.equal(api.json().field, 'project');
});
