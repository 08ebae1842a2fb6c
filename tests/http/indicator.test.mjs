// indicator.test.mjs — the indicators and the workforce norm over HTTP,
// negative first: unknown indicators and breakdowns, bad dates, a period
// ending before it starts, a municipality outside the scope (404, audited),
// roles without the permission; then what each role sees: small cells
// hidden for the analyst and the administrator, no name in any answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as L from './lib.mjs';
import { makeCase } from './routes_cases.spec.mjs';

const fx = {};
const ready = L.setup(async () => {
	const mk = async (role, opts = {}) => {
		const u = await L.readyUser({ role, ...opts });
		return { ...u, s: await L.login(u.username, u.password), api: await L.Api.as(u.username, u.password) };
	};
	fx.sup = await mk('supervisor');
	fx.ana = await mk('central_analyst', { agency: 'MPMS-XK' });
	fx.admin = await mk('municipal_admin');
	fx.table = await mk('auditor', { agency: 'MPMS-XK' });
	/* Three cases of one child named to be searched for in every answer. */
	for (let i = 0; i < 3; i++)
		makeCase({ given: 'Zanafilla', family: 'Sekretiqi', risk: 'high' });
});

test('bad input: clear messages naming the field, never a 500', async () => {
	await ready;
	const cases = [
		['/api/v1/indicators/new_cases?by=shoe_size', 400, 'by', 'ind.err.dim'],
		['/api/v1/indicators/caseload?by=sex', 400, 'by', 'ind.err.dim_workers'],
		['/api/v1/indicators/idle_workers?by=admin_unit', 400, 'by', 'ind.err.dim_workers'],
		['/api/v1/indicators/open_by_risk?by=risk', 400, 'by', 'ind.err.dim_columns'],
		['/api/v1/indicators/sources?by=sector', 400, 'by', 'ind.err.dim_columns'],
		['/api/v1/indicators/data_quality?by=month', 400, 'by', 'ind.err.dim_as_at'],
		['/api/v1/indicators/closures?by=provider', 400, 'by', 'ind.err.dim_provider'],
		['/api/v1/indicators/referrals?sector=bank', 400, 'sector', 'ind.err.value'],
		['/api/v1/indicators/new_cases?from=2026-02-01&to=2026-01-31', 400, 'to', 'ind.err.period'],
		['/api/v1/indicators/new_cases?from=2026-02-30', 400, 'from', null],
		['/api/v1/indicators/new_cases?sex=x', 400, 'sex', 'ind.err.value'],
		['/api/v1/indicators/new_cases?concern=NOPE', 400, 'concern', 'ind.err.value'],
		['/api/v1/indicators/new_cases?municipality=XK99', 400, 'municipality', 'ind.err.municipality'],
		['/api/v1/indicators/new_cases?provider=1', 400, 'provider', 'ind.err.value'],
		['/api/v1/indicators/unknown', 404, null, null],
		['/api/v1/indicators/new_cases?from=' + 'x'.repeat(300), 400, 'from', null],
	];
	for (const [path, status, field, key] of cases) {
		const r = await fx.sup.api.get(path);
		assert.equal(r.status, status, `${path}: ${r.text}`);
		if (field)
			assert.equal(r.json().field, field, path);
		if (key)
			assert.ok(L.isMessage(r.json().message, key), `${path}: ${r.json().message}`);
	}
	const page = await fx.sup.s.get('/indicators?code=new_cases&from=2026-02-01&to=2026-01-01');
	assert.equal(page.status, 400);
	assert.ok(L.pageSays(page.text, 'ind.err.period'));
	assert.ok(page.text.includes('aria-invalid="true"'));
	const unk = await fx.sup.s.get('/indicators?code=happiness');
	assert.equal(unk.status, 400);
	assert.ok(L.pageSays(unk.text, 'ind.err.code'));
});

test('scope: another municipality is 404 and audited; no permission is 403', async () => {
	await ready;
	const r = await fx.sup.api.get('/api/v1/indicators/new_cases?municipality=XK13');
	assert.equal(r.status, 404);
	const a = await fx.admin.api.get('/api/v1/indicators/new_cases?municipality=AL53');
	assert.equal(a.status, 404);
	const k = await fx.ana.api.get('/api/v1/indicators/new_cases?country=AL');
	assert.equal(k.status, 404);
	const entries = (await L.auditEntries({ actor: fx.sup.username, action: 'indicator.denied' })).entries;
	assert.ok(entries.length >= 1, 'the refusal is audited');
	assert.equal((await fx.table.api.get('/api/v1/indicators/new_cases')).status, 403);
	assert.equal((await fx.table.s.get('/indicators')).status, 403);
	const w = await fx.admin.api.get('/api/v1/workforce?municipality=999999');
	assert.equal(w.status, 404);
});

test('aggregates only: small cells hidden, no name anywhere', async () => {
	await ready;
	for (const who of [fx.ana, fx.admin]) {
		for (const by of ['municipality', 'sex', 'age_band', 'concern', 'risk', 'month']) {
			const code = by === 'risk' ? 'new_cases' : 'open_by_risk';
			if (code === 'open_by_risk' && by === 'month')
				continue;
			const r = await who.api.get(`/api/v1/indicators/${code}?by=${by}&from=2000-01-01`);
			assert.equal(r.status, 200, r.text);
			assert.ok(!r.text.includes('Zanafilla') && !r.text.includes('Sekretiqi'), 'no name');
			for (const row of r.json().table.rows)
				for (const c of row.cells)
					assert.ok(c.suppressed || c.v === null || typeof c.v !== 'number' || c.v === 0 || c.v >= 5,
						`${code} by ${by}: ${JSON.stringify(row)}`);
		}
	}
	/* The supervisor may read the cases: every cell shown. */
	const s = await fx.sup.api.get('/api/v1/indicators/open_by_risk?by=sex');
	assert.equal(s.status, 200);
	for (const row of s.json().table.rows)
		for (const c of row.cells)
			assert.ok(!c.suppressed);
	const page = await fx.ana.s.get('/indicators?code=open_by_risk&by=municipality');
	assert.equal(page.status, 200);
	assert.ok(!page.text.includes('Sekretiqi'));
	assert.ok(L.pageSays(page.text, 'ind.open_by_risk.def'));
});

test('the dashboard and the workforce norm', async () => {
	await ready;
	const d = await fx.ana.api.get('/api/v1/indicators/dashboard?from=2020-01-01');
	assert.equal(d.status, 200, d.text);
	assert.equal(d.json().tables.length, 13);
	assert.ok(!d.text.includes('Sekretiqi'));
	const bad = await fx.ana.api.get('/api/v1/indicators/dashboard?from=2026-02-01&to=2026-01-01');
	assert.equal(bad.status, 400);
	const w = await fx.admin.s.get('/workforce');
	assert.equal(w.status, 200);
	const fte = await fx.admin.s.post('/workforce/fte', { user: fx.sup.id, fte: '1' });
	assert.equal(fte.status, 400, 'a supervisor has no FTE of a caseworker');
	assert.ok(L.pageSays(fte.text, 'workforce.err.not_worker'));
	const norm = await fx.admin.s.post('/workforce/norm', { country: 'XK', children_per_worker: 1 });
	assert.equal(norm.status, 403);
});

test('country scope: indicators 5-9, 12 and 13 are counted; referrals by sector', async () => {
	await ready;
	/* Each at the country (the analyst) and at one municipality. */
	for (const code of ['time_to_contact', 'conference', 'plan', 'measures', 'referrals', 'idle_workers', 'data_quality']) {
		for (const q of ['', '&by=country', '&by=municipality']) {
			const r = await fx.ana.api.get(`/api/v1/indicators/${code}?from=2000-01-01${q}`);
			assert.equal(r.status, 200, `${code}${q}: ${r.text}`);
			assert.ok(r.json().table.rows.length >= 1, `${code}${q}`);
		}
		const a = await fx.admin.api.get(`/api/v1/indicators/${code}?from=2000-01-01`);
		assert.equal(a.status, 200, `${code}: ${a.text}`);
	}
	/* The cases made above are the analyst's country's: counted. */
	const q = await fx.ana.api.get('/api/v1/indicators/data_quality');
	const open = q.json().table.rows.at(-1).cells[0];
	assert.ok(open.suppressed || open.v >= 3, JSON.stringify(open));
	/* The dashboard fills them (not "on its own page"). */
	const d = await fx.ana.api.get('/api/v1/indicators/dashboard?from=2020-01-01');
	for (const n of [5, 6, 7, 8, 9, 12, 13])
		assert.ok(d.json().tables[n - 1].rows.length >= 1, `dashboard table ${n}`);
	/* Referrals by sector: sent by the receiving sector, received by the
	 * referrer's; the column is there. */
	for (const who of [fx.sup, fx.ana]) {
		const s = await who.api.get('/api/v1/indicators/referrals?by=sector&from=2000-01-01');
		assert.equal(s.status, 200, s.text);
		const t = s.json().table;
		assert.equal(t.columns.length, 8);
		const total = t.rows.at(-1).cells;
		/* Anything sent or received has a sector row. */
		if (total[0].v || total[0].suppressed || total[6].v || total[6].suppressed)
			assert.ok(t.rows.length >= 2, JSON.stringify(t.rows.map((r) => r.key)));
		for (const r of t.rows.slice(0, -1))
			assert.ok(['police', 'school', 'health', 'social_work', 'provider', 'ngo', 'community',
				'ministry', 'family', 'self', 'anonymous', 'other_municipality', 'systematic_visit',
				'other', ''].includes(r.key), r.key);
	}
	const f = await fx.sup.api.get('/api/v1/indicators/referrals?sector=police&from=2000-01-01');
	assert.equal(f.status, 200, f.text);
});

test('by each dimension (counters of 0031, 0032 for a municipality): answers, totals as by nothing', async () => {
	await ready;
	const dims = ['admin_unit', 'sex', 'age_band', 'community', 'disability', 'concern', 'risk', 'sector', 'country'];
	const refused = { open_by_risk: ['risk'], sources: ['sector'] };
	for (const code of ['new_cases', 'open_by_risk', 'time_to_contact', 'conference', 'plan', 'measures',
		'referrals', 'closures', 'sources', 'data_quality']) {
		for (const who of [fx.admin, fx.ana]) {
			const none = await who.api.get(`/api/v1/indicators/${code}?from=2000-01-01`);
			assert.equal(none.status, 200, `${code}: ${none.text}`);
			const total = none.json().table.rows.at(-1).cells;
			for (const by of dims) {
				const r = await who.api.get(`/api/v1/indicators/${code}?from=2000-01-01&by=${by}`);
				if ((refused[code] || []).includes(by)) {
					assert.equal(r.status, 400, `${code} by ${by}`);
					continue;
				}
				assert.equal(r.status, 200, `${code} by ${by}: ${r.text}`);
				assert.ok(!r.text.includes('Sekretiqi'), 'no name');
				const t = r.json().table.rows.at(-1).cells;
				assert.equal(t.length, total.length, `${code} by ${by}`);
				/* The total row counts each case once, whatever the
				 * rows (a case under each of its concerns). */
				for (let i = 0; i < t.length; i++)
					if (!t[i].suppressed && !total[i].suppressed && typeof t[i].v === 'number')
						assert.equal(t[i].v, total[i].v, `${code} by ${by}: column ${i}`);
			}
		}
	}
});
