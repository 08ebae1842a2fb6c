// A provider's licence ends (issue 5), in a browser: the municipal
// administrator of Hani i Elezit (admin.hani, at a desk) adds a licence to a
// provider for family support and records a completed minimum-standards
// inspection; the caseworker (arta, on a phone) refers a case to the
// provider and the referral is sent; then the licence expires (its dates
// are moved into the past in the database of the test installation, as the
// server's clock cannot be shifted) and the next referral is refused: the
// provider is no longer offered, and a forged choice is answered with the
// message about the licence. Each page at both widths: axe, no sideways
// scrolling, screenshots.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as H from '../http/lib.mjs';
import {
	DESKTOP, PHONE, axe, horizontalOverflow, launch, login, msg, newContext,
	shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function iso(days) {
	return new Date(Date.now() + days * 86400000).toLocaleDateString('en-CA',
		{ timeZone: 'Europe/Belgrade' });
}

async function submit(page, action) {
	await Promise.all([
		page.waitForLoadState('load'),
		page.waitForResponse((r) => r.request().method() === 'POST' &&
			new URL(r.url()).pathname === action),
		page.click(`form[action="${action}"] button[type="submit"]`),
	]);
}

async function check(page, name) {
	const v = await axe(page);
	assert.deepEqual(v, [], `${name}: ${JSON.stringify(v).slice(0, 600)}`);
	assert.deepEqual(await horizontalOverflow(page), [], `${name}: sideways overflow`);
	await shot(page, name);
}

/* The test installation's database (tests/browser/run.sh). */
function sql(q) {
	const dir = process.env.RRJETI_BROWSER_TMP;
	assert.ok(dir, 'RRJETI_BROWSER_TMP is not set (run through tests/browser/run.sh)');
	return execFileSync('sqlite3', [join(dir, 'data', 'rrjeti.db'), q],
		{ encoding: 'utf8' }).trim();
}

/* A registered case of arta's with a parent's consent to share the
 * identity and the case summary with every agency; its path. */
async function newCase(page, given) {
	await page.goto('/intake/new');
	await page.selectOption('#channel', 'phone');
	await page.selectOption('#referrer_type', 'school');
	await page.fill('#given_name', given);
	await page.fill('#family_name', 'Licenca');
	await page.check('input[name="concern_VIO_PSY"]');
	await Promise.all([page.waitForURL(/\/intake\/\d+$/),
		page.click('form[action="/intake"] button[type="submit"]')]);
	await Promise.all([page.waitForURL(/\/cases\/\d+$/),
		page.click('form[action$="/register"] button[type="submit"]')]);
	const path = new URL(page.url()).pathname;
	await page.goto(`${path}/consents/new`);
	await page.fill('#giver_name', `Prindi ${given}`);
	await page.selectOption('#relation', 'parent');
	await page.check('input[name="all_agencies"]');
	await page.check('input[name="category_identity"]');
	await page.check('input[name="category_case_summary"]');
	await submit(page, `${path}/consents`);
	return path;
}

async function fillReferral(page, provider) {
	await page.selectOption('#to_agency', String(provider));
	await page.selectOption('#service', 'family_support');
	await page.fill('#reason', 'Mbështetje për familjen pas vlerësimit.');
	await page.selectOption('#urgency', 'urgent');
	const consent = await page.$$eval('#consent option', (o) => o.map((x) => x.value).filter(Boolean));
	assert.equal(consent.length, 1);
	await page.selectOption('#consent', consent[0]);
	await page.check('input[name="category_identity"]');
}

test('licence → inspection → referral; refused once the licence expires', async () => {
	// The provider itself, as the installation administrator (API).
	const admin = await H.adminApi();
	const hani = await H.agencyByCode('QPS-HANI');
	const code = H.uniq('OJQ').toUpperCase().slice(0, 16);
	const r = await admin.post('/api/v1/agencies', { code, name: 'OJQ Familja e Fortë', type: 'provider',
		municipality: hani.municipality_id });
	assert.equal(r.status, 201, r.text);
	const provider = r.json().id;
	const number = H.uniq('XK-FS-');

	const desk = await newContext(browser, { viewport: DESKTOP });
	const phone = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const adm = await desk.newPage();
	const arta = await phone.newPage();
	const problems = [...watch(adm), ...watch(arta)];
	await login(adm, 'admin.hani');
	await login(arta, 'arta');

	// The licence, through its form; expiry before issue is refused first.
	await adm.goto(`/providers/${provider}/licences/new`);
	await check(adm, 'provider-licence-new-desktop');
	await adm.fill('#licence_number', number);
	await adm.check('input[name="service_family_support"]');
	await adm.fill('#issued', iso(-30));
	await adm.fill('#expires', iso(-31));
	await adm.fill('#capacity', '20');
	await submit(adm, `/providers/${provider}/licences`);
	assert.ok((await adm.textContent('body')).includes(msg('sq', 'provider.err.expiry_before_issue')));
	await adm.fill('#expires', iso(330));
	await Promise.all([adm.waitForURL(new RegExp(`/providers/${provider}(#.*)?$`)),
		adm.click(`form[action="/providers/${provider}/licences"] button[type="submit"]`)]);
	assert.ok((await adm.textContent('body')).includes(number));
	await check(adm, 'provider-view-desktop');
	const licence = sql(`SELECT id FROM licence WHERE number = '${number}'`);
	assert.match(licence, /^\d+$/);

	// The inspection: every standard rated, completed.
	await adm.selectOption('#licence', licence);
	await adm.fill('#date', iso(-1));
	await adm.fill('#inspectors', 'Drejtoria e Shërbimeve Sociale');
	await Promise.all([adm.waitForURL(/\/inspections\/\d+$/),
		adm.click(`form[action="/providers/${provider}/inspections"] button[type="submit"]`)]);
	const insPath = new URL(adm.url()).pathname;
	for (const sel of await adm.$$eval('select[name^="r"]', (s) => s.map((x) => x.name)))
		await adm.selectOption(`select[name="${sel}"]`, 'met');
	await adm.check('input[name="complete"]');
	await submit(adm, insPath);
	assert.equal(sql(`SELECT status FROM inspection WHERE id = ${insPath.split('/').pop()}`), 'completed');
	await check(adm, 'provider-inspection-desktop');
	const phone2 = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const small = await phone2.newPage();
	await login(small, 'admin.hani');
	await small.goto(`/providers/${provider}`);
	await check(small, 'provider-view-phone');
	await small.goto(insPath);
	await check(small, 'provider-inspection-phone');
	await phone2.close();

	// A referral while the licence is in force: sent.
	const first = await newCase(arta, 'Liridona');
	await arta.goto(`${first}/referrals/new`);
	await fillReferral(arta, provider);
	await Promise.all([arta.waitForURL(/#referrals$/),
		arta.click(`form[action="${first}/referrals"] button[type="submit"]`)]);
	assert.ok((await arta.textContent('#referrals')).includes('OJQ Familja e Fortë'));
	const sent = sql(`SELECT count(*) FROM referral WHERE to_agency_id = ${provider}`);
	assert.equal(sent, '1');

	// The licence expires: its period moved a year back.
	sql(`UPDATE licence SET issued = '${iso(-400)}', expires = '${iso(-1)}' WHERE id = ${licence}`);
	await adm.goto(`/providers/${provider}`);
	assert.ok((await adm.textContent('body')).includes(msg('sq', 'provider.status.expired')));

	// The next referral: the provider is not offered; forced, it is refused.
	const second = await newCase(arta, 'Blerta');
	await arta.goto(`${second}/referrals/new`);
	const offered = await arta.$$eval('#to_agency option', (o) => o.map((x) => x.value));
	assert.ok(!offered.includes(String(provider)), 'an expired provider is offered');
	await arta.$eval('#to_agency', (s, v) => {
		const o = document.createElement('option');
		o.value = v;
		o.textContent = 'OJQ Familja e Fortë';
		s.append(o);
	}, String(provider));
	await fillReferral(arta, provider);
	await submit(arta, `${second}/referrals`);
	assert.ok((await arta.textContent('body')).includes(msg('sq', 'referral.err.unlicensed')));
	await check(arta, 'referral-refused-expired-phone');
	assert.equal(sql(`SELECT count(*) FROM referral WHERE to_agency_id = ${provider}`), '1');
	/* The refused form answered 400 (twice: the licence, the referral). */
	assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
	await desk.close();
	await phone.close();
});
