// import.test.mjs — imports on the web and the API (issue 5): multipart
// uploads refused in every malformed shape with nothing written, the
// preview and the per-row report of a file with errors (which cannot be
// confirmed), a valid file confirmed and written in the background, stale
// and foreign jobs, CSRF and the roles; the API's raw-body import with its
// dry run. Most tests are negative. Helpers are shared with
// routes_import.spec.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { importAdmin, multipart, upload, waitJob, participantsCsv, letters, xlsxOf, jobIdOf, hashOf,
	profsNamed, LIMIT_UPLOAD } from './routes_import.spec.mjs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ready = L.setup(async () => {
	const a = await importAdmin();
	const other = await L.readyUser({ role: 'municipal_admin' });
	const cw = await L.readyUser({ role: 'caseworker' });
	return { a, other: { ...other, s: await L.login(other.username, other.password) },
		cw: { ...cw, s: await L.login(cw.username, cw.password),
			token: (await L.apiToken(cw.username, cw.password)).token } };
});

/* The alerts of a page as one string, for messages. */
function says(r, key) {
	return L.pageSays(r.text, key);
}

async function nothingWritten(u, since) {
	assert.deepEqual(await L.writesSince(u.username, since), []);
}

// ---------------------------------------------------------------- bad multipart

test('upload: bad multipart of every kind → 400/413/415 with a clear message, nothing written', async () => {
	const { a } = await ready;
	const since = await L.lastAuditId(a.username);
	const csv = participantsCsv([{}]);
	const B = 'b0undary' + letters(6);
	const head = (name, extra = '') => `--${B}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
	const good = (csrf = a.s.csrf) => [head('csrf') + '\r\n' + csrf + '\r\n', head('register') + '\r\nparticipants\r\n',
		head('file', '; filename="p.csv"') + 'Content-Type: text/csv\r\n\r\n' + csv + '\r\n'];
	const send = (body, ctype = 'multipart/form-data; boundary=' + B) => a.s.req('/imports', {
		method: 'POST', headers: { 'content-type': ctype }, body: Buffer.isBuffer(body) ? body : Buffer.from(body) });
	const cases = [
		['no boundary', good().join('') + `--${B}--\r\n`, 400, 'error.multipart.boundary', 'multipart/form-data'],
		['an empty boundary', good().join('') + `--${B}--\r\n`, 400, 'error.multipart.boundary', 'multipart/form-data; boundary='],
		['a boundary of 71 characters', good().join('') + `--${B}--\r\n`, 400, 'error.multipart.boundary',
			'multipart/form-data; boundary=' + 'x'.repeat(71)],
		['another boundary than the body\'s', good().join('') + `--${B}--\r\n`, 400, 'error.multipart.invalid',
			'multipart/form-data; boundary=other' + B],
		['truncated: no close delimiter', good().join(''), 400, 'error.multipart.invalid'],
		['truncated inside the file', good().join('').slice(0, -20), 400, 'error.multipart.invalid'],
		['text before the first delimiter', 'hello\r\n' + good().join('') + `--${B}--\r\n`, 400, 'error.multipart.invalid'],
		['text after the close delimiter', good().join('') + `--${B}--\r\ntrailing`, 400, 'error.multipart.invalid'],
		['a part without Content-Disposition', good().join('') + `--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--\r\n`,
			400, 'error.multipart.invalid'],
		['a part with an unknown header', good().join('') + `--${B}\r\nContent-Disposition: form-data; name="x"\r\nX-Evil: 1\r\n\r\nx\r\n--${B}--\r\n`,
			400, 'error.multipart.invalid'],
		['a part without a name', good().join('') + `--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--\r\n`,
			400, 'error.multipart.invalid'],
		['not form-data', good().join('') + `--${B}\r\nContent-Disposition: attachment; name="x"\r\n\r\nx\r\n--${B}--\r\n`,
			400, 'error.multipart.invalid'],
		['headers without the empty line', good().join('') + `--${B}\r\nContent-Disposition: form-data; name="x"\r\n`,
			400, 'error.multipart.invalid'],
		['two files', good().join('') + head('file', '; filename="q.csv"') + '\r\n' + csv + `\r\n--${B}--\r\n`,
			400, 'error.multipart.files'],
		['a file in another field', [...good().slice(0, 2), head('upload', '; filename="p.csv"') + '\r\n' + csv + '\r\n'].join('') +
			`--${B}--\r\n`, 400, 'error.multipart.filename'],
		['a field not declared', good().join('') + head('zz') + '\r\n1\r\n' + `--${B}--\r\n`, 400, 'error.field.unknown'],
		['the register twice', good().join('') + head('register') + '\r\nlicences\r\n' + `--${B}--\r\n`, 400, 'error.field.repeated'],
		['an unknown register', [good()[0], head('register') + '\r\nchildren\r\n', good()[2]].join('') + `--${B}--\r\n`, 400,
			'error.field.choice'],
		['no register', [good()[0], good()[2]].join('') + `--${B}--\r\n`, 400, 'error.field.required'],
		['no file', good().slice(0, 2).join('') + `--${B}--\r\n`, 400, 'webimport.err.nofile'],
		['an empty file', [...good().slice(0, 2), head('file', '; filename="p.csv"') + '\r\n\r\n'].join('') + `--${B}--\r\n`,
			400, 'webimport.err.nofile'],
		['a form-encoded body', 'register=participants&csrf=' + a.s.csrf, 415, 'error.content_type',
			'application/x-www-form-urlencoded'],
		['no CSRF token', good().slice(1).join('') + `--${B}--\r\n`, 403, 'error.csrf'],
		['a wrong CSRF token', good('x'.repeat(43)).join('') + `--${B}--\r\n`, 403, 'error.csrf'],
	];
	const problems = [];
	for (const [what, body, status, key, ctype] of cases) {
		const r = await send(body, ctype);
		if (r.status !== status || !says(r, key))
			problems.push(`${what}: ${r.status} ${JSON.stringify(L.alertsOf(r.text))}`);
	}
	/* Invalid UTF-8 in a field's value. */
	const bad = Buffer.concat([Buffer.from(good()[0] + head('register') + '\r\npart'), Buffer.from([0xff]),
		Buffer.from('\r\n' + good()[2] + `--${B}--\r\n`)]);
	const rb = await send(bad);
	if (rb.status !== 400 || !says(rb, 'error.form.invalid'))
		problems.push(`invalid UTF-8: ${rb.status}`);
	assert.deepEqual(problems, []);
	await nothingWritten(a, since);
});

test('upload: over the limit → 413 before anything is read; a file at the limit is taken', async () => {
	const { a } = await ready;
	const since = await L.lastAuditId(a.username);
	const over = multipart(a.s.csrf, 'participants', Buffer.alloc(LIMIT_UPLOAD, 0x61), 'p.csv');
	const r = await a.s.req('/imports', { method: 'POST', headers: { 'content-type': over.ctype }, body: over.body });
	assert.equal(r.status, 413);
	assert.ok(says(r, 'error.toobig'));
	/* 40 MiB, far past it. */
	const big = multipart(a.s.csrf, 'participants', Buffer.alloc(40 << 20, 0x61), 'p.csv');
	const r2 = await a.s.req('/imports', { method: 'POST', headers: { 'content-type': big.ctype }, body: big.body });
	assert.equal(r2.status, 413);
	await nothingWritten(a, since);
	/* A body of exactly the limit is read and the file kept (checked:
	 * it is no participants file). */
	const empty = multipart(a.s.csrf, 'participants', Buffer.alloc(0), 'p.csv');
	const at = multipart(a.s.csrf, 'participants', Buffer.alloc(LIMIT_UPLOAD - empty.body.length, 0x61), 'p.csv');
	assert.equal(at.body.length, LIMIT_UPLOAD);
	const r3 = await a.s.req('/imports', { method: 'POST', headers: { 'content-type': at.ctype }, body: at.body });
	assert.equal(r3.status, 303, r3.text.slice(0, 300));
	const v3 = await waitJob(a.s, jobIdOf(r3));
	assert.ok(!v3.text.includes('/confirm"'));
	/* Logged out, the 4 KiB limit of anonymous bodies. */
	const anon = await L.http('/imports', { method: 'POST', headers: { 'content-type': over.ctype }, body: over.body });
	assert.equal(anon.status, 413);
});

// ---------------------------------------------------------------- the jobs

test('a file with one bad row: the report names row and column, no confirmation, nothing written', async () => {
	const { a } = await ready;
	const fam = 'Bad' + letters(8);
	const rows = [{ family_name: fam + 'a' }, { family_name: fam + 'b', profile: 'astronaut' }, { family_name: fam + 'c' }];
	const r = await upload(a.s, 'participants', participantsCsv(rows), 'bad.csv');
	assert.equal(r.status, 303, r.text.slice(0, 300));
	const id = jobIdOf(r);
	const v = await waitJob(a.s, id);
	assert.ok(v.text.includes('bad.csv'));
	assert.match(v.text, /<table class="report">[\s\S]*<td class="num">3<\/td><td><code>profile<\/code><\/td>/,
		'row 3 (the header is row 1), column profile');
	assert.ok(!v.text.includes(`action="/imports/${id}/confirm"`), 'no confirmation of a refused file');
	/* The preview shows the rows as read, the mapping the columns. */
	assert.ok(v.text.includes('astronaut'));
	assert.match(v.text, /<code>given_name<\/code>/);
	/* Confirming anyway (with the file's hash) is refused. */
	const c = await a.s.post(`/imports/${id}/confirm`, { hash: hashOf(v.text) || 'a'.repeat(64) });
	assert.equal(c.status, 409, c.text.slice(0, 200));
	assert.ok(says(c, 'webimport.err.stale'));
	assert.deepEqual(await profsNamed(a, fam), []);
});

test('a file with a whole-file error (a missing column, a broken XLSX) shows the message', async () => {
	const { a } = await ready;
	const r = await upload(a.s, 'participants', 'given_name,family_name\nA,B\n', 'cols.csv');
	const v = await waitJob(a.s, jobIdOf(r));
	assert.ok(L.alertsOf(v.text).length > 0);
	assert.match(v.text, /<span class="tag missing">/, 'the mapping marks the missing columns');
	const x = await upload(a.s, 'participants', Buffer.from('PK\x03\x04 not really a zip'), 'broken.xlsx');
	const vx = await waitJob(a.s, jobIdOf(x));
	assert.ok(vx.text.includes('XLSX'));
	assert.ok(!vx.text.includes('/confirm"'));
});

test('a valid file: preview → confirm → progress → done; the participants are in the register', async () => {
	const { a } = await ready;
	const fam = 'Ok' + letters(8);
	const rows = [{ given_name: 'Arbnora', family_name: fam + letters(5) },
		{ given_name: 'Valdrin', family_name: fam + letters(5) }, { given_name: 'Shpresa', family_name: fam + letters(5) }];
	const r = await upload(a.s, 'participants', participantsCsv(rows), 'good.csv');
	const id = jobIdOf(r);
	const v = await waitJob(a.s, id);
	assert.ok(v.text.includes(`action="/imports/${id}/confirm"`), v.text.slice(-3000));
	const hash = hashOf(v.text);
	assert.match(hash, /^[0-9a-f]{64}$/);
	assert.equal((await profsNamed(a, fam)).length, 0, 'nothing written before the confirmation');
	/* A wrong hash: the previewed file is not the one named. */
	const since = await L.lastAuditId(a.username);
	const w = await a.s.post(`/imports/${id}/confirm`, { hash: 'f'.repeat(64) });
	assert.equal(w.status, 409);
	await nothingWritten(a, since);
	const c = await a.s.post(`/imports/${id}/confirm`, { hash });
	assert.equal(c.status, 303);
	assert.equal(c.location, `/imports/${id}`);
	const d = await waitJob(a.s, id);
	assert.ok(L.pageSays(d.text, 'webimport.done') && d.text.includes('<a href="/professionals">'), 'the result links the register');
	assert.match(d.text, /<strong>3<\/strong>/);
	assert.equal((await profsNamed(a, fam)).length, 3);
	const page = await a.s.get(`/professionals?q=${fam}`);
	assert.ok(page.text.includes('Arbnora'));
	/* Confirming twice writes nothing more. */
	const again = await a.s.post(`/imports/${id}/confirm`, { hash });
	assert.equal(again.status, 409);
	assert.equal((await profsNamed(a, fam)).length, 3);
	/* The recent uploads list the job. */
	assert.ok((await a.s.get('/imports')).text.includes(`href="/imports/${id}"`));
});

test('an XLSX file is read as the same grid of cells and imported', async () => {
	const { a } = await ready;
	const fam = 'Xl' + letters(8);
	const grid = [['given_name', 'family_name', 'sex', 'profile', 'municipality', 'organisation'],
		['Teuta', fam, 'female', 'police', 'XK09', 'Stacioni i Policisë']];
	const r = await upload(a.s, 'participants', xlsxOf(grid), 'p.xlsx');
	const v = await waitJob(a.s, jobIdOf(r));
	assert.ok(v.text.includes('XLSX'));
	assert.ok(v.text.includes('Teuta'), 'the preview');
	const c = await a.s.post(`/imports/${jobIdOf(r)}/confirm`, { hash: hashOf(v.text) });
	assert.equal(c.status, 303, c.text.slice(0, 300));
	await waitJob(a.s, jobIdOf(r));
	assert.equal((await profsNamed(a, fam)).length, 1);
});

test('another user\'s job, an unknown job, a wrong role: 404/403, nothing revealed, audited', async () => {
	const { a, other, cw } = await ready;
	const r = await upload(a.s, 'participants', participantsCsv([{}]), 'mine.csv');
	const id = jobIdOf(r);
	const v = await waitJob(a.s, id);
	const since = await L.lastAuditId(other.username);
	const g = await other.s.get(`/imports/${id}`);
	assert.equal(g.status, 404);
	assert.ok(!g.text.includes('mine.csv'));
	const c = await other.s.post(`/imports/${id}/confirm`, { hash: hashOf(v.text) });
	assert.equal(c.status, 404);
	const e = (await L.auditEntries({ actor: other.username, action: 'import.read.denied' })).entries;
	assert.ok(e.length >= 2, 'the attempts are audited');
	assert.deepEqual((await L.writesSince(other.username, since)).filter((x) => x.action !== 'import.read.denied'), []);
	assert.equal((await other.s.get('/imports/999999999')).status, 404);
	assert.ok(!(await other.s.get('/imports')).text.includes(`/imports/${id}"`), 'not in their list');
	/* The job is still the owner's to confirm. */
	assert.equal((await a.s.get(`/imports/${id}`)).status, 200);
	/* A caseworker may not import at all. */
	assert.equal((await cw.s.get('/imports')).status, 403);
	assert.equal((await cw.s.get(`/imports/${id}`)).status, 403);
});

test('the report pages are bounded; a bad page number is refused', async () => {
	const { a } = await ready;
	const rows = Array.from({ length: 120 }, () => ({ profile: 'x' }));
	const r = await upload(a.s, 'participants', participantsCsv(rows), 'many.csv');
	const id = jobIdOf(r);
	const v = await waitJob(a.s, id);
	assert.equal((v.text.match(/<tr><td class="num">\d+<\/td><td><code>/g) || []).length, 50);
	assert.ok(v.text.includes(`/imports/${id}?page=2`));
	const p3 = await a.s.get(`/imports/${id}?page=3`);
	assert.equal((p3.text.match(/<tr><td class="num">\d+<\/td><td><code>/g) || []).length, 20);
	for (const p of ['0', 'abc', '101', '-1'])
		assert.equal((await a.s.get(`/imports/${id}?page=${p}`)).status, 400, p);
	assert.equal((await a.s.get(`/imports/${id}?zz=1`)).status, 400);
});

// ---------------------------------------------------------------- the API

test('API: a dry run answers the report and writes nothing; a real run writes', async () => {
	const { a } = await ready;
	const fam = 'Api' + letters(8);
	const csv = participantsCsv([{ given_name: 'Lirie', family_name: fam + letters(5) },
		{ given_name: 'Drenusha', family_name: fam + letters(5) }]);
	const since = await L.lastAuditId(a.username);
	const d = await L.http('/api/v1/imports/participants?dry_run=1', { method: 'POST', bearer: a.api.token,
		headers: { 'content-type': 'text/csv; charset=utf-8' }, body: csv });
	assert.equal(d.status, 200, d.text);
	const j = d.json();
	assert.equal(j.dry_run, true);
	assert.equal(j.report.rows, 2);
	assert.equal(j.report.ok, 2);
	assert.equal(j.report.written, 0);
	assert.deepEqual(j.report.errors, []);
	assert.deepEqual(await L.writesSince(a.username, since), []);
	const w = await L.http('/api/v1/imports/participants', { method: 'POST', bearer: a.api.token,
		headers: { 'content-type': 'text/csv' }, body: csv });
	assert.equal(w.status, 201, w.text);
	assert.equal(w.json().report.written, 2);
	assert.equal((await profsNamed(a, fam)).length, 2);
});

test('API: bad rows, bad files and bad requests are refused, nothing written', async () => {
	const { a, cw } = await ready;
	const since = await L.lastAuditId(a.username);
	const post = (path, body, ctype = 'text/csv', bearer = a.api.token) => L.http(path, { method: 'POST', bearer,
		headers: ctype ? { 'content-type': ctype } : {}, body });
	const bad = await post('/api/v1/imports/participants', participantsCsv([{}, { sex: 'x' }]));
	assert.equal(bad.status, 400);
	const j = bad.json();
	assert.equal(j.error, 'invalid');
	assert.equal(j.report.written, 0);
	assert.deepEqual(j.report.errors.map((e) => [e.row, e.column]), [[3, 'sex']]);
	assert.ok(j.report.errors[0].message.length > 0 && j.report.errors[0].code);
	const formula = await post('/api/v1/imports/participants?dry_run=1',
		participantsCsv([{ organisation: '=HYPERLINK("http://x")' }]));
	assert.equal(formula.status, 400);
	assert.equal(formula.json().report.errors[0].column, 'organisation');
	const checks = [
		['JSON content type', await post('/api/v1/imports/participants', '{}', 'application/json'), 415],
		['no content type', await post('/api/v1/imports/participants', 'a,b', null), 415],
		['an unknown register', await post('/api/v1/imports/children', 'a,b'), 404],
		['no body', await post('/api/v1/imports/participants', undefined), 400],
		['an unknown parameter', await post('/api/v1/imports/participants?zz=1', 'a,b'), 400],
		['a bad dry_run', await post('/api/v1/imports/participants?dry_run=yes', 'a,b'), 400],
		['not UTF-8', await post('/api/v1/imports/participants', Buffer.from([0x67, 0xff, 0x0a])), 400],
		['a caseworker', await post('/api/v1/imports/participants', participantsCsv([{}]), 'text/csv', cw.token), 403],
		['no token', await post('/api/v1/imports/participants', participantsCsv([{}]), 'text/csv', null), 401],
		['over the limit', await post('/api/v1/imports/participants', Buffer.alloc(LIMIT_UPLOAD + 1, 0x61)), 413],
		['a broken XLSX', await post('/api/v1/imports/participants', Buffer.from('PK\x03\x04zz'), XLSX_TYPE), 400],
	];
	assert.deepEqual(checks.filter(([, r, s]) => r.status !== s).map(([w, r]) => `${w}: ${r.status} ${r.text.slice(0, 200)}`), []);
	await nothingWritten(a, since);
});
