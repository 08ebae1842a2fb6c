// documents.test.mjs — the documents generated from a case over HTTP,
// negative first: logged out, a role that may not read cases (403), a case
// of another agency or of another team (404, audited case.read.denied, no
// trace of the child), a missing font (503 on the PDFs, the print views
// still work, on a second server started here); then the content: the same
// data in the print view and in the PDF (pdftotext when installed), in the
// user's language, escaped, and every document audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as L from './lib.mjs';
import { makeCase, now as epoch, sql } from './routes_cases.spec.mjs';
import { assertPdf } from './routes_documents.spec.mjs';

const ROUTES = ['summary', 'summary.pdf', 'court-report', 'court-report.pdf'];
const NARRATIVE = 'Mësuesja raportoi mungesa të shpeshta; fëmija tha: "s\'kam ngrënë".\n' +
	'Dečak je rekao: Ђорђевић <script>alert(1)</script> & çfarë.';

const esc = (s) => "'" + String(s).replace(/'/g, "''") + "'";
const fx = {};
const ready = L.setup(async () => {
	const hani = await L.agencyByCode('QPS-HANI');
	fx.team = Number(sql("SELECT id FROM team WHERE name = 'Ekipi 1' AND agency_id = " + hani.id));
	const team2 = L.uniq('Doc').slice(0, 30);
	fx.team2 = Number(sql(`INSERT INTO team (agency_id, name, created_at) VALUES (${hani.id}, '${team2}', 1) RETURNING id;`));
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password) };
	};
	fx.cw = await mk('caseworker', { team: fx.team });
	fx.cw2 = await mk('caseworker', { team: fx.team2 });
	fx.sup = await mk('supervisor');
	fx.admin = await mk('municipal_admin');
	fx.own = makeCase({ worker: fx.cw.id, team: fx.team, given: 'Milica', family: 'Đorđević' });
	fx.team2case = makeCase({ worker: fx.cw2.id, team: fx.team2, given: 'Fatmire', family: 'Hoxha' });
	/* A case of another agency (another municipality). */
	const other = sql("SELECT a.code, m.code FROM agency a JOIN municipality m ON m.id = a.municipality_id" +
		" WHERE a.type = 'social_work' AND a.code <> 'QPS-HANI' LIMIT 1").split('|');
	fx.foreign = makeCase({ agency: other[0], muni: other[1], given: 'Arbër', family: 'Gashi' });
	/* The child's record and the report of concern of the own case. */
	sql(`UPDATE child SET parent_name = 'Dragan', sex = 'f', address = 'Rr. Skënderbeu 7',
		community = 'serb', school_status = 'irregular' WHERE id = ${fx.own.child};
		INSERT INTO report (municipality_id, agency_id, received_at, channel, referrer_type, referrer_name,
			child_id, location, narrative, immediate_danger, status, case_id, created_at)
		SELECT c.municipality_id, c.agency_id, ${epoch()} - 86400, 'phone', 'school', 'Shkolla Naim Frashëri',
			c.child_id, 'Hani i Elezit', ${esc(NARRATIVE)}, 1, 'registered', c.id, ${epoch()}
		FROM case_file c WHERE c.id = ${fx.own.id};
		UPDATE case_file SET report_id = (SELECT max(id) FROM report) WHERE id = ${fx.own.id};
		INSERT INTO risk_assessment (case_id, level, rationale, author_id, at, validated_by, validated_at)
		VALUES (${fx.own.id}, 'high', 'Rreziku: shenja dhune të përsëritura.', ${fx.cw.id}, ${epoch()},
			${fx.sup.id}, ${epoch()});`);
	/* The later steps: screening, assessment, an active plan. */
	const now = epoch();
	sql(`INSERT INTO screening (case_id, risk_id, risk_factors, protective_factors, sources, emergency,
			author_id, at)
		VALUES (${fx.own.id}, (SELECT max(id) FROM risk_assessment WHERE case_id = ${fx.own.id}),
			'injury,violence_at_home', 'attends_school', 'home_visit', 1, ${fx.cw.id}, ${now});
		INSERT INTO assessment (case_id, status, safety, family_care, child_views, conclusion,
			created_by, created_at, updated_by, updated_at, completed_by, completed_at)
		VALUES (${fx.own.id}, 'completed', 'Babai nuk jeton më në shtëpi.', 'Nëna kujdeset çdo ditë.',
			'Fëmija dëshiron të qëndrojë me nënën.', 'Mbikëqyrje e specializuar në familje.',
			${fx.cw.id}, ${now}, ${fx.cw.id}, ${now}, ${fx.cw.id}, ${now});
		INSERT INTO plan (case_id, number, status, measure, review_on, parents, child_part,
			created_by, created_at, updated_at, decided_by, decided_at)
		VALUES (${fx.own.id}, 1, 'active', 'family_supervision', '2027-01-15', 'agreed', 'participated',
			${fx.cw.id}, ${now}, ${now}, ${fx.sup.id}, ${now});
		INSERT INTO plan_goal (plan_id, pos, text) VALUES ((SELECT max(id) FROM plan), 1,
			'Fëmija ndihet i sigurt në shtëpi');
		INSERT INTO plan_action (plan_id, what, institution, person, due_on, created_at)
		VALUES ((SELECT max(id) FROM plan), 'Takime javore me nënën', 'Qendra e Mjekësisë Familjare',
			'Dr. Vjosa Rama', '2027-01-01', ${now});`);
});

async function auditOf(username, action, id) {
	const e = (await L.auditEntries({ actor: username, action })).entries;
	return e.filter((x) => x.object_id === id);
}

test('documents: logged out goes to the login page; a role that may not read cases gets 403', async () => {
	await ready;
	for (const p of ROUTES) {
		const r = await L.http(`/cases/${fx.own.id}/${p}`);
		assert.equal(r.status, 303, p);
		assert.match(r.location, /^\/login/);
		assert.equal((await fx.admin.s.get(`/cases/${fx.own.id}/${p}`)).status, 403, p);
	}
});

test('documents: another agency\'s or another team\'s case is 404, audited, with no trace of the child', async () => {
	await ready;
	for (const c of [fx.foreign, fx.team2case]) {
		for (const p of ROUTES) {
			const r = await fx.cw.s.get(`/cases/${c.id}/${p}`);
			assert.equal(r.status, 404, `${p} of case ${c.id}`);
			assert.ok(!r.text.includes(c.number));
			assert.notEqual(r.headers.get('content-type'), 'application/pdf');
		}
		assert.equal((await auditOf(fx.cw.username, 'case.read.denied', c.id)).length, ROUTES.length);
		assert.equal((await auditOf(fx.cw.username, 'document.summary', c.id)).length, 0);
	}
	/* The supervisor of the unit sees the other team's case. */
	assert.equal((await fx.sup.s.get(`/cases/${fx.team2case.id}/summary.pdf`)).status, 200);
	assert.equal((await fx.sup.s.get(`/cases/${fx.foreign.id}/summary.pdf`)).status, 404);
});

test('documents: every document generated is audited with the case id and the format', async () => {
	await ready;
	const before = (await auditOf(fx.cw.username, 'document.court_report', fx.own.id)).length;
	assert.equal((await fx.cw.s.get(`/cases/${fx.own.id}/court-report`)).status, 200);
	assert.equal((await fx.cw.s.get(`/cases/${fx.own.id}/court-report.pdf`)).status, 200);
	const rows = await auditOf(fx.cw.username, 'document.court_report', fx.own.id);
	assert.equal(rows.length, before + 2);
	assert.deepEqual(rows.slice(0, 2).map((x) => x.detail).sort(), ['format=html', 'format=pdf']);
	assert.equal((await fx.cw.s.get(`/cases/${fx.own.id}/summary.pdf`)).status, 200);
	assert.ok((await auditOf(fx.cw.username, 'document.summary', fx.own.id)).length >= 1);
});

test('court report print view: the data of the case, escaped, no navigation, in the user\'s language', async () => {
	await ready;
	const r = await fx.cw.s.get(`/cases/${fx.own.id}/court-report`);
	assert.equal(r.status, 200);
	const t = r.text;
	for (const s of [fx.own.number, 'Milica Đorđević', 'Dragan', 'Rr. Skënderbeu 7', 'Hani i Elezit',
		'Rreziku: shenja dhune të përsëritura.',
		/* screening, assessment and plan */
		'Babai nuk jeton më në shtëpi.', 'Fëmija dëshiron të qëndrojë me nënën.',
		'Mbikëqyrje e specializuar në familje.', 'Fëmija ndihet i sigurt në shtëpi',
		'Takime javore me nënën', 'Qendra e Mjekësisë Familjare', 'Dr. Vjosa Rama', '01.01.2027',
		'15.01.2027'])
		assert.ok(t.includes(L.htmlEscape(s)), s);
	for (const k of ['doc.sec.screening', 'doc.sec.assessment', 'plan.title', 'doc.sec.reviews',
		'screening.risk.injury', 'screening.protective.attends_school', 'plan.measure.family_supervision',
		'field.child_views', 'doc.no_reviews'])
		assert.ok(L.pageSays(t, k), k);
	/* The referrer's name stays out of the report for court (the summary,
	 * an internal document, shows it). */
	assert.ok(!t.includes(L.htmlEscape('Shkolla Naim Frashëri')));
	const sum = await fx.cw.s.get(`/cases/${fx.own.id}/summary`);
	assert.ok(sum.text.includes(L.htmlEscape('Shkolla Naim Frashëri')));
	assert.ok(t.includes(L.htmlEscape(NARRATIVE)), 'the narrative, escaped');
	assert.ok(!t.includes('<script>alert(1)'), 'no raw markup from the data');
	assert.ok(!t.includes('<nav'), 'no navigation');
	assert.ok(t.includes('class="doc-sign"'));
	assert.ok(L.pageSays(t, 'doc.court_report'));
	assert.ok(L.pageSays(t, 'doc.sign_supervisor'));
	/* In English. */
	const en = await fx.cw.s.get(`/cases/${fx.own.id}/summary`, { headers: { 'accept-language': 'en' } });
	assert.equal(en.status, 200);
});

test('court report PDF: a PDF named after the case, with the text and its diacritics', async (t) => {
	await ready;
	const r = await fx.cw.s.get(`/cases/${fx.own.id}/court-report.pdf`);
	assertPdf(r, `${fx.own.number}-raport-gjykata.pdf`);
	assert.ok(r.buf.includes('/FontFile2'), 'the font is embedded');
	let txt;
	try {
		execFileSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' });
	} catch {
		t.skip('pdftotext not installed');
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'rrjeti-doc-'));
	try {
		writeFileSync(join(dir, 'r.pdf'), r.buf);
		txt = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const flat = txt.replace(/\s+/g, ' ');
	for (const s of [fx.own.number, 'Milica Đorđević', 'Dragan', 'Rr. Skënderbeu 7',
		'Mësuesja raportoi mungesa të shpeshta', 'Ђорђевић <script>alert(1)</script> & çfarë.',
		'Rreziku: shenja dhune të përsëritura.', 'Konfidencial', 'Faqja 1 /',
		'Fëmija dëshiron të qëndrojë me nënën.', 'Takime javore me nënën'])
		assert.ok(flat.includes(s), `PDF text has ${s}`);
});

test('documents: a missing font gives 503 on the PDFs, the print views still work', async () => {
	await ready;
	const port = 20000 + (process.pid % 20000);
	const srv = spawn(L.BIN, ['serve', '--data', L.DATA, '--listen', `127.0.0.1:${port}`], {
		env: { ...process.env, RRJETI_FONT_DIR: '/nonexistent/fonts' }, stdio: ['ignore', 'ignore', 'pipe'],
	});
	let err = '';
	srv.stderr.on('data', (d) => { err += d; });
	try {
		const base = `http://127.0.0.1:${port}`;
		let up = false;
		for (let i = 0; i < 100 && !up; i++) {
			try {
				await fetch(base + '/login');
				up = true;
			} catch {
				await new Promise((res) => setTimeout(res, 50));
			}
		}
		assert.ok(up, 'second server up: ' + err);
		const get = async (p) => fetch(base + p, { headers: { cookie: fx.cw.s.cookie }, redirect: 'manual' });
		for (const p of ['summary.pdf', 'court-report.pdf']) {
			const r = await get(`/cases/${fx.own.id}/${p}`);
			assert.equal(r.status, 503, p);
			const body = await r.text();
			assert.ok(L.pageSays(body, 'doc.err.font'), body.slice(0, 300));
		}
		/* Visibility first: an invisible case is still 404. */
		assert.equal((await get(`/cases/${fx.foreign.id}/summary.pdf`)).status, 404);
		assert.equal((await get(`/cases/${fx.own.id}/summary`)).status, 200);
		assert.match(err, /PDF documents disabled/);
	} finally {
		srv.kill('SIGTERM');
		await new Promise((res) => srv.on('exit', res));
	}
});
