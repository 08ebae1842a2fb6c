// routes_export.spec.mjs — the list exports' entries for routes.test.mjs
// (see its SPEC and routes_cases.spec.mjs for the shape): GET
// <list>/export?format= for every list with the page's filters, and for a
// personal list (professionals, visits, intake) the password form and its
// POST, the encrypted zip. Also the readers export.test.mjs uses to open an
// export back: the screen's table, CSV, XLSX, and the AES zip.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PROFILES } from './routes_training.spec.mjs';
import { KINDS as VI_KINDS, VSTATUSES as VI_STATUSES } from './routes_protect.spec.mjs';
import { STATUSES as RF_STATUSES } from './routes_referral.spec.mjs';

export const FORMATS = ['csv', 'xlsx', 'pdf'];
export const INTAKE_STATUSES = ['received', 'registered', 'not_admitted'];
export const PASSWORD = 'a long enough secret';

/* The cells of the first table of a page after the marker, as text. */
export function screenTable(html, marker) {
	const at = html.indexOf(marker);
	assert.ok(at >= 0, marker);
	const t = html.slice(html.indexOf('<table', at), html.indexOf('</table>', at));
	const rows = [];
	for (const m of t.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g))
		rows.push([...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)]
			.map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()));
	return rows;
}

/* RFC 4180 as our exporter writes it (CRLF, a byte-order mark). */
export function parseCsv(text) {
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

/* Sheet 1 of an XLSX as rows of text from its heading row (row 4). */
export function xlsxRows(buf, ncols) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rrjeti-xlsx-'));
	try {
		const f = path.join(dir, 'x.xlsx');
		fs.writeFileSync(f, buf);
		const xml = execFileSync('unzip', ['-p', f, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
		const cells = {};
		let last = 0;
		for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const inner = m[3] || '';
			const t = inner.match(/<t[^>]*>([\s\S]*?)<\/t>/);
			const v = inner.match(/<v>([\s\S]*?)<\/v>/);
			cells[m[1] + m[2]] = t ? t[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&') : v ? v[1] : '';
			last = Math.max(last, Number(m[2]));
		}
		const rows = [];
		for (let i = 4; i <= last; i++)
			rows.push(Array.from({ length: ncols }, (_, j) => String(cells[String.fromCharCode(65 + j) + i] ?? '')));
		return rows;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/*
 * The one entry of a WinZip AES-256 zip (as libzip writes it) opened with
 * password: PBKDF2-HMAC-SHA1 (1000 rounds) gives the AES key, the HMAC key
 * and a check value; AES-CTR with a little-endian counter from 1; the
 * HMAC-SHA1 (first 10 bytes) over the cipher text is checked; then the
 * real method (stored or deflated). Throws on a wrong password.
 */
export function unzipAes(buf, password) {
	assert.equal(buf.readUInt32LE(0), 0x04034b50, 'a zip');
	assert.equal(buf.readUInt16LE(8), 99, 'AES (method 99)');
	/* Sizes from the central directory (the local header may defer them). */
	const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const cd = buf.readUInt32LE(eocd + 16);
	const csize = buf.readUInt32LE(cd + 20);
	const nlen = buf.readUInt16LE(26), xlen = buf.readUInt16LE(28);
	const name = buf.subarray(30, 30 + nlen).toString();
	const extra = buf.subarray(30 + nlen, 30 + nlen + xlen);
	let method = -1;
	for (let i = 0; i + 4 <= extra.length;) {
		const id = extra.readUInt16LE(i), len = extra.readUInt16LE(i + 2);
		if (id === 0x9901) {
			assert.equal(extra[i + 8], 3, 'AES-256');
			method = extra.readUInt16LE(i + 9);
		}
		i += 4 + len;
	}
	assert.ok(method === 0 || method === 8, `the entry's method ${method}`);
	const data = buf.subarray(30 + nlen + xlen, 30 + nlen + xlen + csize);
	const salt = data.subarray(0, 16), check = data.subarray(16, 18);
	const body = data.subarray(18, data.length - 10), mac = data.subarray(data.length - 10);
	const k = crypto.pbkdf2Sync(password, salt, 1000, 66, 'sha1');
	assert.ok(k.subarray(64, 66).equals(check), 'the password');
	const h = crypto.createHmac('sha1', k.subarray(32, 64)).update(body).digest().subarray(0, 10);
	assert.ok(h.equals(mac), 'the authentication code');
	const ecb = crypto.createCipheriv('aes-256-ecb', k.subarray(0, 32), null);
	ecb.setAutoPadding(false);
	const out = Buffer.alloc(body.length);
	const ctr = Buffer.alloc(16);
	for (let off = 0, n = 1; off < body.length; off += 16, n++) {
		ctr.fill(0);
		ctr.writeUInt32LE(n % 0x100000000, 0);
		ctr.writeUInt32LE(Math.floor(n / 0x100000000), 4);
		const ks = ecb.update(ctr);
		for (let j = 0; j < 16 && off + j < body.length; j++)
			out[off + j] = body[off + j] ^ ks[j];
	}
	return { name, data: method === 8 ? zlib.inflateRawSync(out) : out };
}

export function specs(ctx) {
	const { line, pw, id, int, oneOf, date, fx } = ctx;
	const fmt = oneOf(FORMATS, true);
	const F = {
		plain: { format: fmt },
		profs: { q: line(0, 100), profile: oneOf(PROFILES), municipality: id(), format: fmt },
		profsZip: { q: line(0, 100), profile: oneOf(PROFILES), municipality: id(), format: fmt, password: pw() },
		visits: { kind: oneOf(VI_KINDS), status: oneOf(VI_STATUSES), month: line(0, 7), page: int(1, 100000),
			format: fmt },
		visitsZip: { kind: oneOf(VI_KINDS), status: oneOf(VI_STATUSES), month: line(0, 7), format: fmt,
			password: pw() },
		intake: { status: oneOf(INTAKE_STATUSES), page: int(1, 100000), format: fmt },
		intakeZip: { status: oneOf(INTAKE_STATUSES), format: fmt, password: pw() },
		users: { agency: id(), page: int(1, 100000), format: fmt },
		audit: { actor: line(0, 64), action: line(0, 64), from: date(), to: date(), page: int(1, 100000),
			format: fmt },
		workforce: { year: int(1990, 2100), municipality: id(), format: fmt },
		grants: { donor: id(), grantee: id(), municipality: id(), active_on: date(), format: fmt },
		zipOnly: { format: fmt, password: pw() },
		population: { year: int(1990, 2100), format: fmt },
		referrals: { show: oneOf(['open', 'ended']), format: fmt },
		referralsZip: { show: oneOf(['open', 'ended']), format: fmt, password: pw() },
		incoming: { status: oneOf(RF_STATUSES), format: fmt },
	};
	const muni = () => fx.byRole.muni;
	const sup = () => fx.byRole.supe;
	const cw = () => fx.byRole.case;

	/* A plain export: 200, the type and the file's name. */
	const plain = (who, url, base) => async () => {
		for (const [f, type] of [['csv', /^text\/csv/], ['xlsx', /spreadsheetml/], ['pdf', /^application\/pdf/]]) {
			const r = await who().s.get(`${url}${url.includes('?') ? '&' : '?'}format=${f}`);
			assert.equal(r.status, 200, `${url} ${f}: ${r.text.slice(0, 200)}`);
			assert.match(r.headers.get('content-type'), type, `${url} ${f}`);
			/* The file's name: letters, digits and - only. */
			assert.equal(r.headers.get('content-disposition'),
				`attachment; filename="${base.replace(/_/g, '-')}.${f}"`);
		}
	};
	/* A personal list's GET: the password form for a supervisor. */
	const form = (url, action, refused = cw) => async () => {
		const r = await sup().s.get(`${url}${url.includes('?') ? '&' : '?'}format=csv`);
		assert.equal(r.status, 200, r.text.slice(0, 300));
		assert.ok(r.text.includes(`<form method="post" action="${action}"`), 'the form posts to the export');
		assert.match(r.text, /type="password"/);
		/* One who sees the page but may not export personal data. */
		const cwr = await refused().s.get(`${url}${url.includes('?') ? '&' : '?'}format=csv`);
		assert.equal(cwr.status, 403, url);
		assert.ok(ctx.L.pageSays(cwr.text, 'export.err.personal'));
	};
	/* A personal list's POST: the zip opens with the password. */
	const zip = (url, body = {}) => async () => {
		const r = await sup().s.post(url, { ...body, format: 'csv', password: PASSWORD });
		assert.equal(r.status, 200, r.text.slice(0, 300));
		assert.equal(r.headers.get('content-type'), 'application/zip');
		const z = unzipAes(r.buf, PASSWORD);
		assert.match(z.name, /\.csv$/);
		assert.ok(parseCsv(z.data.toString()).length >= 1, 'a heading row at least');
		const weak = await sup().s.post(url, { ...body, format: 'csv', password: 'short' });
		assert.equal(weak.status, 400);
		assert.ok(ctx.L.pageSays(weak.text, 'rpt.err.password'));
	};

	return {
		'exports.action_plans': {
			fields: F.plain, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/action-plans/export', 'action_plans'),
		},
		'exports.trainings': {
			fields: F.plain, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/trainings/export', 'trainings'),
		},
		'exports.professionals': {
			fields: F.profs, valid: { format: 'csv' }, as: sup,
			happy: form('/professionals/export?profile=police', '/professionals/export', () => fx.byRole.muni),
		},
		'exports.professionals.zip': {
			fields: F.profsZip, as: sup, valid: { format: 'csv', password: PASSWORD },
			good: () => ({ format: 'csv', password: PASSWORD }),
			happy: zip('/professionals/export', { profile: 'police' }),
		},
		'exports.conferences': {
			fields: F.plain, valid: { format: 'csv' }, as: sup,
			happy: plain(sup, '/conferences/export', 'conferences'),
		},
		'exports.visits': {
			fields: F.visits, valid: { format: 'csv' }, as: sup,
			happy: form('/visits/export?kind=school', '/visits/export'),
		},
		'exports.visits.zip': {
			fields: F.visitsZip, as: sup, valid: { format: 'csv', password: PASSWORD },
			good: () => ({ format: 'csv', password: PASSWORD }),
			happy: zip('/visits/export', { kind: 'school' }),
		},
		'exports.intake': {
			fields: F.intake, valid: { format: 'csv' }, as: sup,
			happy: form('/intake/export?status=registered', '/intake/export'),
		},
		'exports.intake.zip': {
			fields: F.intakeZip, as: sup, valid: { format: 'csv', password: PASSWORD },
			good: () => ({ format: 'csv', password: PASSWORD }),
			happy: zip('/intake/export', { status: 'registered' }),
		},
		'exports.users': {
			fields: F.users, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/admin/users/export', 'users'),
		},
		'exports.audit': {
			fields: F.audit, valid: { format: 'csv' },
			happy: plain(() => fx.aud, '/audit/export?action=login', 'audit'),
		},
		'exports.donors': {
			fields: F.plain, valid: { format: 'csv' }, as: muni,
			happy: plain(muni, '/donors/export', 'donors'),
		},
		'exports.grants': {
			fields: F.grants, valid: { format: 'csv' }, as: muni,
			happy: plain(muni, '/grants/export?active_on=01.01.2026', 'grants'),
		},
		'exports.community_groups': {
			fields: F.plain, valid: { format: 'csv' }, as: muni,
			happy: plain(muni, '/admin/community-groups/export', 'community_groups'),
		},
		'exports.community_alerts': {
			fields: F.plain, valid: { format: 'csv' }, as: sup,
			happy: form('/community-alerts/export', '/community-alerts/export'),
		},
		'exports.community_alerts.zip': {
			fields: F.zipOnly, as: sup, valid: { format: 'csv', password: PASSWORD },
			good: () => ({ format: 'csv', password: PASSWORD }),
			happy: zip('/community-alerts/export'),
		},
		'exports.agencies': {
			fields: F.plain, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/admin/agencies/export', 'agencies'),
		},
		'exports.population': {
			fields: F.population, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/admin/population/export?year=2026', 'population'),
		},
		'exports.referrals': {
			fields: F.referrals, valid: { format: 'csv' }, as: sup,
			happy: form('/referrals/export?show=ended', '/referrals/export'),
		},
		'exports.referrals.zip': {
			fields: F.referralsZip, as: sup, valid: { format: 'csv', password: PASSWORD },
			good: () => ({ format: 'csv', password: PASSWORD }),
			happy: zip('/referrals/export', { show: 'open' }),
		},
		'exports.referrals_incoming': {
			fields: F.incoming, valid: { format: 'csv' }, as: sup,
			happy: plain(sup, '/referrals/incoming/export?status=sent', 'referrals_incoming'),
		},
		'exports.workforce': {
			fields: F.workforce, valid: { format: 'csv' },
			happy: plain(() => fx.ta, '/workforce/export?year=2026', 'workforce'),
		},
	};
}
