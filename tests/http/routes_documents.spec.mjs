// routes_documents.spec.mjs — the documents routes' entries for routes.test.mjs (see
// its SPEC and routes_cases.spec.mjs for the shape): the case summary and the
// psycho-social report for court, as HTML print views and as PDF. The
// negative paths beyond the generic ones (another agency's case, audit rows,
// a missing font) are in documents.test.mjs.
import assert from 'node:assert/strict';
import { makeCase } from './routes_cases.spec.mjs';

/* Checks a PDF answer: status, type, bytes, file name, no caching. */
export function assertPdf(r, filename) {
	assert.equal(r.status, 200, r.text.slice(0, 300));
	assert.equal(r.headers.get('content-type'), 'application/pdf');
	assert.equal(r.buf.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.ok(r.buf.subarray(-8).toString('latin1').includes('%%EOF'), 'ends with %%EOF');
	assert.equal(r.headers.get('content-disposition'), `attachment; filename="${filename}"`);
	assert.match(r.headers.get('cache-control') || '', /no-store/);
}

export function specs(ctx) {
	const { fx } = ctx;
	const sup = () => fx.byRole.supe;
	const c = makeCase({ given: 'Qëndrim', family: 'Bytyçi' });
	return {
		'documents.summary': {
			as: sup, path: () => `/cases/${c.id}/summary`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}/summary`);
				assert.equal(r.status, 200);
				assert.match(r.headers.get('content-type'), /^text\/html/);
				assert.ok(r.text.includes(c.number));
				assert.ok(r.text.includes('Qëndrim Bytyçi'));
				assert.ok(r.text.includes(`href="/cases/${c.id}/summary.pdf"`));
				assert.ok(!r.text.includes('<nav'), 'a print view has no navigation');
			},
		},
		'documents.summary.pdf': {
			as: sup, path: () => `/cases/${c.id}/summary.pdf`,
			async happy() {
				assertPdf(await sup().s.get(`/cases/${c.id}/summary.pdf`), `${c.number}-permbledhje.pdf`);
				assert.equal((await sup().s.get('/cases/99999999/summary.pdf')).status, 404);
			},
		},
		'documents.court_report': {
			as: sup, path: () => `/cases/${c.id}/court-report`,
			async happy() {
				const r = await sup().s.get(`/cases/${c.id}/court-report`);
				assert.equal(r.status, 200);
				assert.ok(r.text.includes(c.number));
				assert.ok(r.text.includes('class="doc-sign"'), 'the signature block');
				assert.ok(!r.text.includes('<nav'));
			},
		},
		'documents.court_report.pdf': {
			as: sup, path: () => `/cases/${c.id}/court-report.pdf`,
			async happy() {
				assertPdf(await sup().s.get(`/cases/${c.id}/court-report.pdf`),
					`${c.number}-raport-gjykata.pdf`);
				assert.equal((await sup().s.get('/cases/abc/court-report.pdf')).status, 404);
			},
		},
	};
}
