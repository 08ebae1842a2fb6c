// routes_cases.spec.mjs — the cases routes' entries for routes.test.mjs (see
// its SPEC): per route name, fields, valid, good, path and happy. ctx holds
// the field constructors (line, pw, int, id, oneOf, bool, date, text), http,
// Session, Api, the fixture fx and the test library L.
//
// Cases are opened by the intake service; these tests make theirs with SQL
// on the test installation's database (makeCase), as the unit tests do, so
// that they do not depend on the intake routes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as L from './lib.mjs';

const STATUSES = ['registered', 'screened', 'assessment', 'conference', 'plan_active', 'review',
	'closed', 'transferred'];
const RISK_FILTER = ['low', 'medium', 'high', 'none'];
const RISKS = ['low', 'medium', 'high'];
const SORTS = ['opened', 'number', 'risk'];
const INT64_MAX = '9223372036854775807';

/*
 * Runs SQL on the test database; the output text. The server's database:
 * PostgreSQL (psql) when RRJETI_DATABASE names one, else the SQLite file
 * (sqlite3). Both print a row as "a|b", one a line; the statements must be
 * portable: no last_insert_rowid(), strftime('%s') or date('now') (the test
 * computes times: now(), day()), the table "user" quoted, a truth value as
 * CASE WHEN ... THEN 1 ELSE 0 END.
 */
const PG = /^postgres(ql)?:/.test(process.env.RRJETI_DATABASE ?? '') ?
	process.env.RRJETI_DATABASE : null;
export function sql(q) {
	if (PG)
		return execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1',
			'-d', PG, '-f', '-'], { input: q, encoding: 'utf8' }).trim();
	assert.ok(L.DATA, 'RRJETI_DATA');
	return execFileSync('sqlite3', ['-cmd', '.timeout 5000', L.DATA + '/rrjeti.db', q],
		{ encoding: 'utf8' }).trim();
}

/*
 * The environment (process.env and extra) for a separate installation with
 * its own database: a new database on the same PostgreSQL server, or the
 * SQLite file of its data directory.
 */
let separate = 0;
export function separateEnv(extra = {}) {
	const env = { ...process.env, ...extra };
	delete env.RRJETI_DATABASE;
	if (PG) {
		const u = new URL(PG);
		const name = `rrjeti_sep_${process.pid}_${++separate}`;
		sql(`CREATE DATABASE ${name}`);
		u.pathname = '/' + name;
		env.RRJETI_DATABASE = u.toString();
	}
	return env;
}

/* Now, in seconds since the epoch (for SQL: not strftime('%s')). */
export const now = () => Math.floor(Date.now() / 1000);

const esc = (s) => s === null || s === undefined ? 'NULL' : "'" + String(s).replace(/'/g, "''") + "'";
let seq = 0;

/*
 * A case in agency (code) with a child; fold the names as src/util/names.c
 * would (tests use plain ASCII names whose key is their lower case).
 * Returns { id, number, child }.
 */
export function makeCase({ agency = 'QPS-HANI', muni = 'XK09', worker = null, team = null,
	concern = 'NEG', restricted = 0, given = 'Arben', family = 'Kelmendi', pn = null, risk = null } = {}) {
	seq++;
	const n = String(900000 + (process.pid % 5000) * 10 + seq % 10 + Math.floor(Math.random() * 90000))
		.slice(-6);
	const number = `XK-${muni.slice(2)}-2026-${n}${seq}`.slice(0, 23);
	/* The child is found by a mark in created_at (set back to 1 at the
	 * end), not by max(id): other writers may add children meanwhile. */
	const t = now(), mark = -1 - Math.floor(Math.random() * 1e9);
	const out = sql(`
		BEGIN;
		INSERT INTO child (given_name, family_name, personal_number, birth_date, fold_given, fold_family,
			created_at, updated_at)
		VALUES (${esc(given)}, ${esc(family)}, ${esc(pn)}, '2016-05-04', ${esc(given.toLowerCase())},
			${esc(family.toLowerCase())}, ${mark}, 1);
		INSERT INTO child_name_fts (rowid, names) VALUES ((SELECT id FROM child WHERE created_at = ${mark}),
			${esc([given, family, family, given].join(' ').toLowerCase())});
		INSERT INTO case_file (number, municipality_id, agency_id, team_id, worker_id, child_id, risk,
			restricted, source, opened_at, updated_at)
		VALUES (${esc(number)}, (SELECT id FROM municipality WHERE code = ${esc(muni)}),
			(SELECT id FROM agency WHERE code = ${esc(agency)}), ${team ?? 'NULL'}, ${worker ?? 'NULL'},
			(SELECT id FROM child WHERE created_at = ${mark}), ${esc(risk)}, ${restricted}, 'school', ${t}, ${t});
		UPDATE child SET created_at = 1 WHERE created_at = ${mark};
		INSERT INTO case_concern (case_id, code, is_primary)
		VALUES ((SELECT id FROM case_file WHERE number = ${esc(number)}), ${esc(concern)}, 1);
		INSERT INTO case_event (case_id, at, kind, field, after)
		VALUES ((SELECT id FROM case_file WHERE number = ${esc(number)}), ${t}, 'opened', 'number',
			${esc(number)});
		COMMIT;
		SELECT id FROM case_file WHERE number = ${esc(number)};
		SELECT child_id FROM case_file WHERE number = ${esc(number)};`);
	const [id, child] = out.split('\n').map(Number);
	return { id, number, child };
}

/* A risk row of a case, not yet validated: its id. */
export function makeRisk(caseId, level = 'medium', author) {
	return Number(sql(`INSERT INTO risk_assessment (case_id, level, rationale, author_id, at)
		VALUES (${caseId}, ${esc(level)}, 'fixture', ${author}, ${now()}) RETURNING id;`));
}

export function specs(ctx) {
	const { line, int, id, oneOf, bool, text, http, fx } = ctx;
	const F = {
		list: {
			q: line(0, 100), number: line(0, 24), status: oneOf(STATUSES), risk: oneOf(RISK_FILTER),
			concern: line(0, 16), worker: id(), municipality: id(), pending: bool(), overdue: bool(),
			page: int(1, 100000), sort: oneOf(SORTS),
		},
		risk: { level: oneOf(RISKS, true), rationale: text(0, 4000, true), version: int(1, INT64_MAX, true) },
		assign: { worker: id(true), team: id(), version: int(1, INT64_MAX, true) },
	};
	/* The fixture case (unassigned, QPS-HANI: the supervisor of the unit
	 * sees it) and a risk of it for the validation routes. */
	const c = makeCase({ given: 'Arben', family: 'Kelmendi' });
	const sup = () => fx.byRole.supe;
	let rid = 0;
	const risk = () => {
		if (!rid)
			rid = makeRisk(c.id, 'medium', fx.byRole.case.id);
		return rid;
	};
	const version = async () => (await sup().api.get(`/api/v1/cases/${c.id}`)).json().version;

	return {
		cases: {
			fields: F.list, valid: {}, as: sup,
			async happy() {
				const r = await sup().s.get('/cases?q=' + encodeURIComponent(c.number));
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(`href="/cases/${c.id}"`), 'the case is listed');
				const none = await sup().s.get('/cases?q=zzzzzzzz');
				assert.equal(none.status, 200);
				assert.ok(!none.text.includes(`href="/cases/${c.id}"`));
			},
		},
		'cases.view': {
			as: sup, path: () => `/cases/${c.id}`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(c.number));
				assert.ok(r.text.includes('Kelmendi'));
				assert.equal((await sup().s.get('/cases/99999999')).status, 404);
				assert.equal((await sup().s.get('/cases/abc')).status, 404);
			},
		},
		'cases.risk': {
			fields: F.risk, as: sup, path: () => `/cases/${c.id}/risk`,
			valid: { level: 'low', rationale: 'x', version: 1 },
			async good() {
				return { level: 'low', rationale: 'Never saved', version: await version() };
			},
			async happy() {
				const v = await version();
				const r = await sup().s.post(`/cases/${c.id}/risk`, { level: 'high', rationale: 'Bruises seen\nby the teacher', version: v });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				assert.equal(r.location, `/cases/${c.id}`);
				const j = (await sup().api.get(`/api/v1/cases/${c.id}`)).json();
				assert.equal(j.risk, 'high');
				assert.equal(j.version, v + 1);
				assert.equal(j.risks[0].rationale, 'Bruises seen\nby the teacher');
				/* The same version again: 409 saying who changed it. */
				const stale = await sup().s.post(`/cases/${c.id}/risk`, { level: 'low', rationale: 'late', version: v });
				assert.equal(stale.status, 409);
				assert.ok(L.pageSays(stale.text, 'case.conflict'));
			},
		},
		'cases.risk.validate': {
			as: sup, path: () => `/cases/${c.id}/risk/${risk()}/validate`,
			async good() { return {}; },
			async happy() {
				const v = await version();
				const r = await sup().s.post(`/cases/${c.id}/risk`, { level: 'medium', rationale: 'to validate', version: v });
				assert.equal(r.status, 303);
				const j = (await sup().api.get(`/api/v1/cases/${c.id}`)).json();
				const ok = await sup().s.post(`/cases/${c.id}/risk/${j.risks[0].id}/validate`, {});
				assert.equal(ok.status, 303, ok.text.slice(0, 300));
				const twice = await sup().s.post(`/cases/${c.id}/risk/${j.risks[0].id}/validate`, {});
				assert.equal(twice.status, 409);
				assert.ok(L.pageSays(twice.text, 'case.risk.validated'));
			},
		},
		'cases.assign': {
			fields: F.assign, as: sup, path: () => `/cases/${c.id}/assign`,
			valid: { worker: 1, version: 1 },
			async good() {
				return { worker: fx.byRole.supe.id, version: await version() };
			},
			async happy() {
				const r = await sup().s.post(`/cases/${c.id}/assign`, { worker: fx.byRole.case.id, version: await version() });
				assert.equal(r.status, 303, r.text.slice(0, 400));
				const j = (await sup().api.get(`/api/v1/cases/${c.id}`)).json();
				assert.equal(j.worker.id, fx.byRole.case.id);
				assert.equal(j.timeline[0].kind, 'assigned');
			},
		},
		'api.cases': {
			fields: F.list, valid: {}, as: sup,
			async happy() {
				const r = await sup().api.get('/api/v1/cases?q=' + encodeURIComponent(c.number));
				assert.equal(r.status, 200);
				const j = r.json();
				assert.equal(j.total, 1);
				assert.equal(j.cases[0].id, c.id);
				assert.equal(j.page_size, 50);
			},
		},
		'api.cases.get': {
			as: sup, path: () => `/api/v1/cases/${c.id}`,
			async happy() {
				const r = await sup().api.get(`/api/v1/cases/${c.id}`);
				assert.equal(r.status, 200);
				const j = r.json();
				assert.equal(j.number, c.number);
				assert.equal(j.concerns[0].code, 'NEG');
				assert.ok(Array.isArray(j.timeline) && j.timeline.length >= 1);
				const nf = await sup().api.get('/api/v1/cases/99999999');
				assert.equal(nf.status, 404);
				assert.equal(nf.json().error, 'not_found');
			},
		},
		'api.cases.risk': {
			fields: F.risk, as: sup, path: () => `/api/v1/cases/${c.id}/risk`,
			valid: { level: 'low', rationale: 'x', version: 1 },
			async good() {
				return { level: 'low', rationale: 'Never saved', version: await version() };
			},
			async happy() {
				const v = await version();
				const r = await sup().api.post(`/api/v1/cases/${c.id}/risk`, { level: 'low', rationale: 'Calmer now', version: v });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().risk, 'low');
				const stale = await sup().api.post(`/api/v1/cases/${c.id}/risk`, { level: 'high', rationale: 'x', version: v });
				assert.equal(stale.status, 409);
				const j = stale.json();
				assert.equal(j.error, 'conflict');
				assert.equal(j.changed.after, 'low');
				assert.ok(j.changed.by.length > 0);
			},
		},
		'api.cases.risk.validate': {
			as: sup, path: () => `/api/v1/cases/${c.id}/risk/${risk()}/validate`,
			async happy() {
				const v = await version();
				const r = await sup().api.post(`/api/v1/cases/${c.id}/risk`, { level: 'high', rationale: 'api', version: v });
				assert.equal(r.status, 201);
				const rid2 = r.json().risks[0].id;
				const ok = await sup().api.post(`/api/v1/cases/${c.id}/risk/${rid2}/validate`, {});
				assert.equal(ok.status, 200, ok.text);
				assert.ok(ok.json().risks[0].validated_by.id > 0);
				assert.equal((await sup().api.post(`/api/v1/cases/${c.id}/risk/${rid2}/validate`, {})).status, 409);
			},
		},
		'api.cases.assign': {
			fields: F.assign, as: sup, path: () => `/api/v1/cases/${c.id}/assign`,
			valid: { worker: 1, version: 1 },
			async happy() {
				const r = await sup().api.post(`/api/v1/cases/${c.id}/assign`, { worker: fx.byRole.case.id, version: await version() });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().worker.id, fx.byRole.case.id);
				const bad = await sup().api.post(`/api/v1/cases/${c.id}/assign`, { worker: fx.byRole.supe.id, version: r.json().version });
				assert.equal(bad.status, 400);
				assert.equal(bad.json().field, 'worker');
			},
		},
	};
}
