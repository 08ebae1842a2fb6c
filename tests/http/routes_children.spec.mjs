// routes_children.spec.mjs — the children routes' entries for routes.test.mjs
// (see its SPEC): per route name, fields, valid, good, path and happy. ctx
// holds the field constructors (line, pw, int, id, oneOf, bool, date, text),
// http, Session, Api, the fixture fx and the test library L. The user of the
// generic checks is the supervisor of QPS-HANI (it sees every case of the
// unit, and merges). GET /children/{id} and GET /api/v1/children/{id} are
// specified in routes_intake.spec.mjs (they were intake's first).
//
// Children and their cases are made with SQL (routes_cases.spec.mjs
// makeCase), in QPS-HANI.
import assert from 'node:assert/strict';
import { makeCase, sql } from './routes_cases.spec.mjs';

const SEXES = ['f', 'm', 'u'];
const COMMUNITIES = ['albanian', 'serb', 'bosniak', 'turkish', 'roma', 'ashkali', 'egyptian',
	'gorani', 'other', 'unknown'];
const DISABILITIES = ['none', 'yes', 'unknown'];
const SCHOOLS = ['preschool', 'enrolled', 'irregular', 'dropped_out', 'never_enrolled',
	'not_school_age', 'unknown'];
const RELATIONS = ['mother', 'father', 'grandparent', 'sibling', 'other_relative', 'foster',
	'guardian', 'other'];
const LINKS = ['sibling', 'half_sibling'];
const INT64_MAX = '9223372036854775807';

export function specs(ctx) {
	const { line, int, id, oneOf, bool, date, text, fx } = ctx;
	const F = {
		edit: {
			version: int(1, INT64_MAX, true), given_name: line(1, 100, true),
			family_name: line(0, 100), parent_name: line(0, 100), sex: oneOf(SEXES),
			birth_date: date(), birth_estimated: bool(), personal_number: line(0, 20),
			citizenship: line(0, 100), stateless: bool(), community: oneOf(COMMUNITIES),
			language: line(0, 100), disability: oneOf(DISABILITIES), disability_note: line(0, 200),
			school_status: oneOf(SCHOOLS), address: line(0, 200), child_municipality: id(),
			admin_unit: line(0, 100),
		},
		caregiver: {
			version: int(1, INT64_MAX, true), name: line(1, 100, true),
			relation: oneOf(RELATIONS, true), guardian: bool(), lives_with: bool(),
			phone: line(0, 40), note: text(0, 500),
		},
		version: { version: int(1, INT64_MAX, true) },
		search: { given_name: line(0, 100), family_name: line(0, 100), parent_name: line(0, 100) },
		link: { other: id(true), relation: oneOf(LINKS, true) },
		mergeQ: { keep: id(true), duplicate: id(true) },
		merge: { keep: id(true), duplicate: id(true), keep_version: int(1, INT64_MAX, true),
			duplicate_version: int(1, INT64_MAX, true) },
	};
	const sup = () => fx.byRole.supe;
	/* The fixture child of the generic checks, a caregiver and a sibling
	 * of it: made once, when first asked for. */
	const base = makeCase({ given: 'Flaka', family: 'Morina' });
	const other = makeCase({ given: 'Fatos', family: 'Morina' });
	let cg = 0;
	const caregiver = () => {
		if (!cg)
			cg = Number(sql(`INSERT INTO caregiver (child_id, name, relation, created_at)
				VALUES (${base.child}, 'Teuta Morina', 'mother', 1) RETURNING id;`));
		return cg;
	};
	const version = (child) => Number(sql(`SELECT version FROM child WHERE id = ${child}`));
	const editGood = (child) => ({ version: version(child), given_name: 'Flaka', family_name: 'Morina' });

	return {
		'children.merge': {
			fields: F.mergeQ, as: sup, valid: { keep: 1, duplicate: 2 },
			good: () => ({ keep: base.child, duplicate: other.child }),
			async happy() {
				const a = makeCase({ given: 'Kaltrina', family: 'Sylaj' });
				const b = makeCase({ given: 'Kaltrinë', family: 'Sulaj' });
				const r = await sup().s.get(`/children/merge?keep=${a.child}&duplicate=${b.child}`);
				assert.equal(r.status, 200, r.text.slice(0, 300));
				assert.match(r.text, /Sylaj/);
				assert.match(r.text, /Sulaj/);
				assert.match(r.text, new RegExp(`name="duplicate_version" value="1"`));
				const self = await sup().s.get(`/children/merge?keep=${a.child}&duplicate=${a.child}`);
				assert.equal(self.status, 400);
			},
		},
		'children.merge.do': {
			fields: F.merge, as: sup, valid: { keep: 1, duplicate: 2, keep_version: 1, duplicate_version: 1 },
			good: () => ({ keep: base.child, duplicate: other.child, keep_version: version(base.child),
				duplicate_version: version(other.child) }),
			async happy() {
				const a = makeCase({ given: 'Liridona', family: 'Gashi' });
				const b = makeCase({ given: 'Liridona', family: 'Gashja' });
				const stale = await sup().s.post('/children/merge', { keep: a.child, duplicate: b.child,
					keep_version: 1, duplicate_version: 7 });
				assert.equal(stale.status, 409);
				const r = await sup().s.post('/children/merge', { keep: a.child, duplicate: b.child,
					keep_version: 1, duplicate_version: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(r.location, `/children/${a.child}`);
				assert.equal(Number(sql(`SELECT merged_into FROM child WHERE id = ${b.child}`)), a.child);
				assert.equal(Number(sql(`SELECT child_id FROM case_file WHERE id = ${b.id}`)), a.child);
			},
		},
		'children.edit': {
			as: sup, path: () => `/children/${base.child}/edit`,
			async happy() {
				const r = await sup().s.get(`/children/${base.child}/edit`);
				assert.equal(r.status, 200);
				assert.match(r.text, /name="given_name" value="Flaka"/);
				assert.equal((await sup().s.get('/children/99999999/edit')).status, 404);
			},
		},
		'children.update': {
			fields: F.edit, as: sup, path: () => `/children/${base.child}`,
			valid: { version: 1, given_name: 'x' }, good: () => editGood(base.child),
			async happy() {
				const k = makeCase({ given: 'Rina', family: 'Hyseni' });
				const r = await sup().s.post(`/children/${k.child}`, { version: 1, given_name: 'Rina',
					family_name: 'Hyseni', community: 'bosniak', school_status: 'enrolled' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(r.location, `/children/${k.child}`);
				const stale = await sup().s.post(`/children/${k.child}`, { version: 1, given_name: 'Rina' });
				assert.equal(stale.status, 409);
				assert.equal(Number(sql(`SELECT count(*) FROM child WHERE id = ${k.child}
					AND community = 'bosniak' AND version = 2`)), 1);
			},
		},
		'children.caregivers.add': {
			fields: F.caregiver, as: sup, path: () => `/children/${base.child}/caregivers`,
			valid: { version: 1, name: 'x', relation: 'mother' },
			good: () => ({ version: version(base.child), name: 'Teuta', relation: 'mother' }),
			async happy() {
				const k = makeCase({ given: 'Elira', family: 'Shala' });
				const r = await sup().s.post(`/children/${k.child}/caregivers`, { version: 1,
					name: 'Mimoza Shala', relation: 'mother', lives_with: 1, phone: '044 123 456' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const page = await sup().s.get(`/children/${k.child}`);
				assert.match(page.text, /Mimoza Shala/);
			},
		},
		'children.caregivers.update': {
			fields: F.caregiver, as: sup, path: () => `/children/${base.child}/caregivers/${caregiver()}`,
			valid: { version: 1, name: 'x', relation: 'mother' },
			good: () => ({ version: version(base.child), name: 'Teuta', relation: 'guardian' }),
			async happy() {
				const k = makeCase({ given: 'Elira', family: 'Shala' });
				const g = Number(sql(`INSERT INTO caregiver (child_id, name, relation, created_at)
					VALUES (${k.child}, 'Mimoza', 'mother', 1) RETURNING id;`));
				const r = await sup().s.post(`/children/${k.child}/caregivers/${g}`, { version: 1,
					name: 'Mimoza Shala', relation: 'guardian', guardian: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(sql(`SELECT relation FROM caregiver WHERE id = ${g}`), 'guardian');
			},
		},
		'children.caregivers.remove': {
			fields: F.version, as: sup, path: () => `/children/${base.child}/caregivers/${caregiver()}/remove`,
			valid: { version: 1 }, good: () => ({ version: version(base.child) }),
			async happy() {
				const k = makeCase({ given: 'Elira', family: 'Shala' });
				const g = Number(sql(`INSERT INTO caregiver (child_id, name, relation, created_at)
					VALUES (${k.child}, 'Mimoza', 'mother', 1) RETURNING id;`));
				const r = await sup().s.post(`/children/${k.child}/caregivers/${g}/remove`, { version: 1 });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal(Number(sql(`SELECT count(*) FROM caregiver WHERE id = ${g}`)), 0);
			},
		},
		'children.siblings': {
			fields: F.search, as: sup, path: () => `/children/${base.child}/siblings`, valid: {},
			async happy() {
				const r = await sup().s.get(`/children/${base.child}/siblings?given_name=Fatos&family_name=Morina`);
				assert.equal(r.status, 200);
				assert.match(r.text, new RegExp(`name="other" value="${other.child}"`));
			},
		},
		'children.siblings.link': {
			fields: F.link, as: sup, path: () => `/children/${base.child}/siblings`,
			valid: { other: 1, relation: 'sibling' }, good: () => ({ other: other.child, relation: 'sibling' }),
			async happy() {
				const a = makeCase({ given: 'Dren', family: 'Kryeziu' });
				const b = makeCase({ given: 'Dea', family: 'Kryeziu' });
				const r = await sup().s.post(`/children/${a.child}/siblings`, { other: b.child,
					relation: 'sibling' });
				assert.equal(r.status, 303, r.text.slice(0, 300));
				const again = await sup().s.post(`/children/${b.child}/siblings`, { other: a.child,
					relation: 'sibling' });
				assert.equal(again.status, 409);
			},
		},
		'children.siblings.unlink': {
			as: sup, path: () => `/children/${base.child}/siblings/${other.child}/remove`, good: () => ({}),
			async happy() {
				const a = makeCase({ given: 'Dren', family: 'Kryeziu' });
				const b = makeCase({ given: 'Dea', family: 'Kryeziu' });
				sql(`INSERT INTO child_link (child_a, child_b, relation, created_at)
					VALUES (${Math.min(a.child, b.child)}, ${Math.max(a.child, b.child)}, 'sibling', 1);`);
				const r = await sup().s.post(`/children/${a.child}/siblings/${b.child}/remove`, {});
				assert.equal(r.status, 303, r.text.slice(0, 300));
				assert.equal((await sup().s.post(`/children/${a.child}/siblings/${b.child}/remove`, {})).status, 404);
			},
		},
		'api.children.merge.preview': {
			fields: F.mergeQ, as: sup, valid: { keep: 1, duplicate: 2 },
			async happy() {
				const a = makeCase({ given: 'Besa', family: 'Krasniqi' });
				const b = makeCase({ given: 'Besë', family: 'Krasniq', pn: '1029384756' });
				const r = await sup().api.get(`/api/v1/children/merge?keep=${a.child}&duplicate=${b.child}`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().keep.id, a.child);
				assert.equal(r.json().fields.find((f) => f.field === 'personal_number').choice, 'fill');
			},
		},
		'api.children.merge': {
			fields: F.merge, as: sup, valid: { keep: 1, duplicate: 2, keep_version: 1, duplicate_version: 1 },
			async happy() {
				const a = makeCase({ given: 'Besa', family: 'Krasniqi' });
				const b = makeCase({ given: 'Besë', family: 'Krasniq', pn: '1029384757' });
				const r = await sup().api.post('/api/v1/children/merge', { keep: a.child, duplicate: b.child,
					keep_version: 1, duplicate_version: 1 });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().personal_number, '1029384757');
				assert.equal(r.json().cases.length, 2);
				const again = await sup().api.post('/api/v1/children/merge', { keep: a.child,
					duplicate: b.child, keep_version: 2, duplicate_version: 2 });
				assert.equal(again.status, 400);
			},
		},
		'api.children.update': {
			fields: F.edit, as: sup, path: () => `/api/v1/children/${base.child}`,
			valid: { version: 1, given_name: 'x' }, good: () => editGood(base.child),
			async happy() {
				const k = makeCase({ given: 'Ilir', family: 'Osmani' });
				const r = await sup().api.put(`/api/v1/children/${k.child}`, { version: 1, given_name: 'Ilir',
					family_name: 'Osmani', stateless: true, language: 'romani' });
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().version, 2);
				assert.equal(r.json().stateless, true);
				assert.equal((await sup().api.put(`/api/v1/children/${k.child}`, { version: 1,
					given_name: 'Ilir' })).status, 409);
			},
		},
		'api.children.caregivers.add': {
			fields: F.caregiver, as: sup, path: () => `/api/v1/children/${base.child}/caregivers`,
			valid: { version: 1, name: 'x', relation: 'mother' },
			good: () => ({ version: version(base.child), name: 'Teuta', relation: 'mother' }),
			async happy() {
				const k = makeCase({ given: 'Arlinda', family: 'Bajrami' });
				const r = await sup().api.post(`/api/v1/children/${k.child}/caregivers`, { version: 1,
					name: 'Nexhmije Bajrami', relation: 'grandparent', guardian: true, note: 'Gjyshja' });
				assert.equal(r.status, 201, r.text);
				assert.equal(r.json().version, 2);
			},
		},
		'api.children.caregivers.update': {
			fields: F.caregiver, as: sup, path: () => `/api/v1/children/${base.child}/caregivers/${caregiver()}`,
			valid: { version: 1, name: 'x', relation: 'mother' },
			good: () => ({ version: version(base.child), name: 'Teuta', relation: 'mother' }),
			async happy() {
				const k = makeCase({ given: 'Arlinda', family: 'Bajrami' });
				const g = Number(sql(`INSERT INTO caregiver (child_id, name, relation, created_at)
					VALUES (${k.child}, 'Nexhmije', 'mother', 1) RETURNING id;`));
				const r = await sup().api.put(`/api/v1/children/${k.child}/caregivers/${g}`, { version: 1,
					name: 'Nexhmije Bajrami', relation: 'grandparent' });
				assert.equal(r.status, 200, r.text);
				assert.equal(sql(`SELECT relation FROM caregiver WHERE id = ${g}`), 'grandparent');
			},
		},
		'api.children.caregivers.remove': {
			fields: F.version, as: sup, path: () => `/api/v1/children/${base.child}/caregivers/${caregiver()}`,
			valid: { version: 1 },
			async happy() {
				const k = makeCase({ given: 'Arlinda', family: 'Bajrami' });
				const g = Number(sql(`INSERT INTO caregiver (child_id, name, relation, created_at)
					VALUES (${k.child}, 'Nexhmije', 'mother', 1) RETURNING id;`));
				const r = await sup().api.del(`/api/v1/children/${k.child}/caregivers/${g}?version=1`);
				assert.equal(r.status, 200, r.text);
				assert.equal(r.json().version, 2);
			},
		},
		'api.children.siblings.link': {
			fields: F.link, as: sup, path: () => `/api/v1/children/${base.child}/siblings`,
			valid: { other: 1, relation: 'sibling' },
			good: () => ({ other: other.child, relation: 'sibling' }),
			async happy() {
				const a = makeCase({ given: 'Blend', family: 'Mustafa' });
				const b = makeCase({ given: 'Blerta', family: 'Mustafa' });
				const r = await sup().api.post(`/api/v1/children/${a.child}/siblings`, { other: b.child,
					relation: 'half_sibling' });
				assert.equal(r.status, 201, r.text);
				const self = await sup().api.post(`/api/v1/children/${a.child}/siblings`, { other: a.child,
					relation: 'sibling' });
				assert.equal(self.status, 400);
			},
		},
		'api.children.siblings.unlink': {
			as: sup, path: () => `/api/v1/children/${base.child}/siblings/${other.child}`,
			async happy() {
				const a = makeCase({ given: 'Blend', family: 'Mustafa' });
				const b = makeCase({ given: 'Blerta', family: 'Mustafa' });
				sql(`INSERT INTO child_link (child_a, child_b, relation, created_at)
					VALUES (${Math.min(a.child, b.child)}, ${Math.max(a.child, b.child)}, 'sibling', 1);`);
				const r = await sup().api.del(`/api/v1/children/${b.child}/siblings/${a.child}`);
				assert.equal(r.status, 200, r.text);
				assert.equal((await sup().api.del(`/api/v1/children/${b.child}/siblings/${a.child}`)).status, 404);
			},
		},
	};
}
