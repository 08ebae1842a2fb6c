// routes_import.spec.mjs — the import routes' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): the upload form,
// the multipart upload, a job's page, its confirmation, and the API's
// raw-body import. Used by a municipal administrator of Hani i Elezit;
// the helpers (multipart bodies, CSV and XLSX files, waiting for a job)
// are shared with import.test.mjs.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { actor } from './routes_community.spec.mjs';

/* src/http/limits.h LIMIT_BODY_UPLOAD */
export const LIMIT_UPLOAD = 32 * 1024 * 1024;

let admin = null;
/* A municipal administrator of Hani i Elezit, on the web and the API. */
export function importAdmin() {
	admin ??= actor({ role: 'municipal_admin' });
	return admin;
}

/* n random lower-case letters (names_fold keeps letters). */
/* n random letters that the name folding (src/util/names.c) keeps as they
 * are, also where they follow another word of these or a consonant: a
 * vowel first, then consonant and vowel in turn, from letters that form no
 * pair of its table (no h, j, z, q, y, w, x, c) and never double. A random
 * "ll" or "sh" at the join with a prefix would fold to one letter, and a
 * search by the prefix would miss the name. */
export function letters(n) {
	const v = 'aeiou', k = 'bdfgkmnprstv';
	let s = '';
	while (s.length < n) {
		const set = s.length % 2 ? k : v;
		s += set[Math.floor(Math.random() * set.length)];
	}
	return s;
}

const COLS = ['given_name', 'family_name', 'sex', 'profile', 'municipality', 'organisation'];

/* A participants CSV: one row per object, defaults for what it leaves out
 * (a new person of Hani i Elezit each). */
export function participantsCsv(rows) {
	const cell = (v) => /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
	const lines = [COLS.join(',')];
	for (const r of rows) {
		const v = { given_name: 'Emri' + letters(5), family_name: 'Mbiemri' + letters(6), sex: 'female',
			profile: 'social_worker', municipality: 'XK09', organisation: 'QPS Hani i Elezit', ...r };
		lines.push(COLS.map((c) => cell(String(v[c]))).join(','));
	}
	return lines.join('\n') + '\n';
}

/* A multipart/form-data body: the CSRF token, the kind, the file. */
export function multipart(csrf, kind, file, filename = 'file.csv', ctype = 'text/csv') {
	const B = 'rrjetiB' + letters(12);
	const parts = [];
	if (csrf !== null)
		parts.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`));
	if (kind !== null)
		parts.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="register"\r\n\r\n${kind}\r\n`));
	if (file !== null) {
		parts.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
			`Content-Type: ${ctype}\r\n\r\n`));
		parts.push(Buffer.isBuffer(file) ? file : Buffer.from(file));
		parts.push(Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${B}--\r\n`));
	return { ctype: 'multipart/form-data; boundary=' + B, body: Buffer.concat(parts) };
}

/* Uploads file as session s: the answer (303 to the job). */
export function upload(s, kind, file, filename) {
	const m = multipart(s.csrf, kind, file, filename);
	return s.req('/imports', { method: 'POST', headers: { 'content-type': m.ctype }, body: m.body });
}

export function jobIdOf(r) {
	const m = /^\/imports\/(\d+)$/.exec(r.location || '');
	assert.ok(m, `no job: ${r.status} ${r.location} ${r.text.slice(0, 300)}`);
	return Number(m[1]);
}

/* The hash of the confirmation form. */
export function hashOf(html) {
	const m = /name="hash" value="([0-9a-f]{64})"/.exec(html);
	return m ? m[1] : null;
}

/* The job's page once it is no longer checked or imported (it refreshes
 * itself while it is). */
export async function waitJob(s, id) {
	for (let i = 0; i < 200; i++) {
		const r = await s.get(`/imports/${id}`);
		assert.equal(r.status, 200, r.text.slice(0, 300));
		if (!r.headers.get('refresh'))
			return r;
		assert.match(r.text, /<progress/);
		await new Promise((ok) => setTimeout(ok, 50));
	}
	throw new Error(`job ${id} did not end`);
}

/* Professionals whose folded family name starts with prefix. */
export async function profsNamed(a, prefix) {
	const r = await a.api.get('/api/v1/professionals?q=' + encodeURIComponent(prefix));
	assert.equal(r.status, 200, r.text);
	return r.json().professionals;
}

// ---------------------------------------------------------------- XLSX

const CRC = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

function crc32(buf) {
	let c = -1;
	for (const b of buf)
		c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}

/* A zip of stored (uncompressed) entries: [name, Buffer]. */
function zip(entries) {
	const local = [], central = [];
	let off = 0;
	for (const [name, data] of entries) {
		const n = Buffer.from(name);
		const crc = crc32(data);
		const h = Buffer.alloc(30);
		h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0, 6); h.writeUInt16LE(0, 8);
		h.writeUInt32LE(0, 10); h.writeUInt32LE(crc, 14); h.writeUInt32LE(data.length, 18);
		h.writeUInt32LE(data.length, 22); h.writeUInt16LE(n.length, 26); h.writeUInt16LE(0, 28);
		local.push(h, n, data);
		const c = Buffer.alloc(46);
		c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0, 8);
		c.writeUInt16LE(0, 10); c.writeUInt32LE(0, 12); c.writeUInt32LE(crc, 16); c.writeUInt32LE(data.length, 20);
		c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(off, 42);
		central.push(c, n);
		off += 30 + n.length + data.length;
	}
	const cd = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
	return Buffer.concat([...local, cd, end]);
}

/* A workbook whose first sheet is grid (rows of strings, inline). */
export function xlsxOf(grid) {
	const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const col = (i) => String.fromCharCode(65 + i);
	const rows = grid.map((r, i) => `<row r="${i + 1}">` + r.map((v, j) =>
		`<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('') + '</row>').join('');
	const x = (s) => Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + s);
	const NS = 'http://schemas.openxmlformats.org';
	return zip([
		['[Content_Types].xml', x(`<Types xmlns="${NS}/package/2006/content-types">` +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
			'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
			'</Types>')],
		['_rels/.rels', x(`<Relationships xmlns="${NS}/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			'</Relationships>')],
		['xl/workbook.xml', x(`<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships">` +
			'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')],
		['xl/_rels/workbook.xml.rels', x(`<Relationships xmlns="${NS}/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			'</Relationships>')],
		['xl/worksheets/sheet1.xml', x(`<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`)],
	]);
}

// ---------------------------------------------------------------- the fixture

/* A checked job (every row valid) of the administrator, fresh per call. */
async function checkedJob() {
	const a = await importAdmin();
	const r = await upload(a.s, 'participants', participantsCsv([{}]), 'spec.csv');
	const id = jobIdOf(r);
	const v = await waitJob(a.s, id);
	const hash = hashOf(v.text);
	assert.ok(hash, 'a checked job');
	return { id, hash };
}

let fixture = null;
function importFixture() {
	fixture ??= (async () => {
		const a = await importAdmin();
		/* Jobs the refused requests of the route tests aim at (they
		 * must stay checked), and one for the happy path. */
		return { a, job: await checkedJob() };
	})();
	return fixture;
}
const FIX = await importFixture();

export function specs(ctx) {
	const { line, int, oneOf, bool } = ctx;
	const KINDS = ['participants', 'licences', 'providers'];
	const a = () => FIX.a;
	return {
		'import.form': {
			as: a,
			async happy() {
				const r = await a().s.get('/imports');
				assert.equal(r.status, 200);
				assert.match(r.text, /enctype="multipart\/form-data"/);
				for (const k of KINDS)
					assert.ok(r.text.includes(`<option value="${k}"`), k);
				assert.ok(r.text.includes('<code>given_name</code>'));
			},
		},
		'import.upload': {
			fields: { register: oneOf(KINDS, true) }, as: a, valid: { register: 'participants' },
			good: () => ({ register: 'participants' }),
			async happy() {
				const r = await upload(a().s, 'participants', participantsCsv([{}]), 'happy.csv');
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const v = await waitJob(a().s, jobIdOf(r));
				assert.ok(v.text.includes('happy.csv'));
				assert.ok(hashOf(v.text));
			},
		},
		'import.view': {
			fields: { page: int(1, 100) }, as: a, valid: {},
			path: () => `/imports/${FIX.job.id}`,
			async happy() {
				const r = await a().s.get(`/imports/${FIX.job.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(FIX.job.hash));
			},
		},
		'import.confirm': {
			fields: { hash: line(1, 64, true) }, as: a, valid: { hash: 'f'.repeat(64) },
			path: () => `/imports/${FIX.job.id}/confirm`,
			good: () => ({ hash: FIX.job.hash }),
			async happy() {
				const j = await checkedJob();
				const r = await a().s.post(`/imports/${j.id}/confirm`, { hash: j.hash });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const d = await waitJob(a().s, j.id);
				assert.ok(L.pageSays(d.text, 'webimport.done'));
			},
		},
		'api.import': {
			fields: { dry_run: bool() }, as: a, valid: {},
			path: () => '/api/v1/imports/participants',
			async happy() {
				const r = await a().api.req('POST', '/api/v1/imports/participants?dry_run=1', participantsCsv([{}]),
					{ 'content-type': 'text/csv' });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().report.ok, 1);
			},
		},
	};
}
