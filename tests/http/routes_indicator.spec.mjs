// routes_indicator.spec.mjs — the indicator routes' entries for
// routes.test.mjs (see its SPEC): per route name, fields, valid, good, path
// and happy. ctx holds the field constructors, http, Session, Api, the
// fixture fx and the test library L.
import assert from 'node:assert/strict';
import * as L from './lib.mjs';

export function specs(ctx) {
	const { line, int, id, oneOf, date, fx } = ctx;
	const F = {
		view: {
			code: line(0, 32), from: date(), to: date(), by: line(0, 32), municipality: line(0, 12),
			sex: line(0, 16), age_band: line(0, 16), community: line(0, 16), disability: line(0, 16),
			concern: line(0, 16), risk: line(0, 16),
		},
		api: {
			from: date(), to: date(), by: line(0, 32), municipality: line(0, 12), admin_unit: line(0, 100),
			country: line(0, 2), sex: line(0, 16), age_band: line(0, 16), community: line(0, 16),
			disability: line(0, 16), concern: line(0, 16), risk: line(0, 16), sector: line(0, 32),
			provider: line(0, 20),
		},
		dash: { from: date(), to: date() },
		wf: { year: int(1990, 2100), municipality: id() },
		fte: { user: id(true), fte: line(0, 8, true) },
		norm: { country: oneOf(['XK', 'AL'], true), children_per_worker: int(1, 1000000, true) },
	};
	const sup = () => fx.byRole.supe;
	const ana = () => fx.byRole.cent;
	const muni = () => fx.byRole.muni;
	const sysa = () => fx.byRole.sysa;

	return {
		indicators: {
			fields: F.view, valid: {}, as: sup,
			async happy() {
				const r = await sup().s.get('/indicators?code=new_cases&by=sex&from=2020-01-01');
				assert.equal(r.status, 200);
				assert.ok(L.pageSays(r.text, 'ind.new_cases.def'), 'the definition is shown');
				const list = await sup().s.get('/indicators');
				assert.equal(list.status, 200);
				assert.ok(list.text.includes('href="/indicators?code=data_quality"'));
				const bad = await sup().s.get('/indicators?code=new_cases&by=shoe_size');
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'ind.err.dim'));
			},
		},
		workforce: {
			fields: F.wf, valid: {}, as: muni,
			async happy() {
				const r = await muni().s.get('/workforce');
				assert.equal(r.status, 200);
				assert.ok(r.text.includes('action="/workforce/fte"'), 'the administrator edits FTE');
			},
		},
		'workforce.fte': {
			fields: F.fte, as: muni, path: () => '/workforce/fte',
			valid: { user: 1, fte: '1' },
			async good() { return { user: fx.byRole.case.id, fte: '1' }; },
			async happy() {
				const bad = await muni().s.post('/workforce/fte', { user: fx.byRole.case.id, fte: '1.5' });
				assert.equal(bad.status, 400);
				assert.ok(L.pageSays(bad.text, 'workforce.err.fte'));
				const r = await muni().s.post('/workforce/fte', { user: fx.byRole.case.id, fte: '0,5' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const page = await muni().s.get('/workforce');
				assert.ok(page.text.includes('value="0.500"'));
				const back = await muni().s.post('/workforce/fte', { user: fx.byRole.case.id, fte: '1' });
				assert.equal(back.status, 303);
			},
		},
		'workforce.norm': {
			fields: F.norm, as: sysa, path: () => '/workforce/norm',
			valid: { country: 'XK', children_per_worker: 3000 },
			async good() { return { country: 'XK', children_per_worker: 3000 }; },
			async happy() {
				const r = await sysa().s.post('/workforce/norm', { country: 'AL', children_per_worker: 3000 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const no = await muni().s.post('/workforce/norm', { country: 'AL', children_per_worker: 10 });
				assert.equal(no.status, 403);
			},
		},
		'api.indicators': {
			as: ana,
			async happy() {
				const r = await ana().api.get('/api/v1/indicators');
				assert.equal(r.status, 200);
				assert.equal(r.json().indicators.length, 13);
			},
		},
		'api.indicators.dashboard': {
			fields: F.dash, valid: {}, as: ana,
			async happy() {
				const r = await ana().api.get('/api/v1/indicators/dashboard');
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().tables.length, 13);
			},
		},
		'api.indicators.get': {
			fields: F.api, valid: {}, as: ana, path: () => '/api/v1/indicators/new_cases',
			async happy() {
				const r = await ana().api.get('/api/v1/indicators/open_by_risk?by=municipality');
				assert.equal(r.status, 200, r.text);
				for (const row of r.json().table.rows)
					for (const c of row.cells)
						assert.ok(c.suppressed ? c.v === null : c.v === null || c.v === 0 || c.v >= 5,
							`a small cell shown: ${JSON.stringify(c)}`);
				assert.equal((await ana().api.get('/api/v1/indicators/happiness')).status, 404);
			},
		},
		'api.workforce': {
			fields: F.wf, valid: {}, as: ana,
			async happy() {
				const r = await ana().api.get('/api/v1/workforce');
				assert.equal(r.status, 200);
				assert.ok(r.json().municipalities.length > 0);
			},
		},
	};
}
