// A referral closes its loop (issue 4), in a browser: the administrator
// licenses a provider for psychosocial counselling in Hani i Elezit and
// gives it a user (through the API, in the test itself); the caseworker
// (arta, on a phone) registers a case, records the parent's consent and
// refers the case to the provider; the provider's user (at a desk) finds it
// among the referrals received, sees only what consent allows, accepts,
// starts the service, records a session and feedback; the caseworker sees
// the feedback on the case page. Refusals on the way: sharing a category
// beyond the consent. A police officer files a report in for the Centre.
// Each page at both widths: axe, no sideways scrolling, screenshots.
import assert from 'node:assert/strict';
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

/* axe, sideways scrolling and a screenshot of the page as it is. */
async function check(page, name) {
	const v = await axe(page);
	assert.deepEqual(v, [], `${name}: ${JSON.stringify(v).slice(0, 600)}`);
	assert.deepEqual(await horizontalOverflow(page), [], `${name}: sideways overflow`);
	await shot(page, name);
}

test('referral → provider accepts → feedback on the case page', async () => {
	// The provider, its licence and its user, as the administrator.
	const admin = await H.adminApi();
	const hani = await H.agencyByCode('QPS-HANI');
	const code = H.uniq('OJQ').toUpperCase().slice(0, 16);
	let r = await admin.post('/api/v1/agencies', { code, name: 'OJQ Zëri i Fëmijëve', type: 'provider',
		municipality: hani.municipality_id });
	assert.equal(r.status, 201, r.text);
	const provider = r.json().id;
	r = await admin.post(`/api/v1/providers/${provider}/licences`, { number: H.uniq('XK-LIC-'),
		services: 'psychosocial_counselling', municipalities: String(hani.municipality_id),
		issued: iso(-60), expires: iso(300), capacity: 15 });
	assert.equal(r.status, 201, r.text);
	const pu = await H.readyUser({ role: 'provider_user', agency: code, full_name: 'Mimoza Psikologia' });

	const phone = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const desk = await newContext(browser, { viewport: DESKTOP });
	const arta = await phone.newPage();
	const ngo = await desk.newPage();
	const problems = [...watch(arta), ...watch(ngo)];
	await login(arta, 'arta');
	await login(ngo, pu.username, pu.password);

	// The case.
	await arta.goto('/intake/new');
	await arta.selectOption('#channel', 'phone');
	await arta.selectOption('#referrer_type', 'school');
	await arta.fill('#given_name', 'Ardita');
	await arta.fill('#family_name', 'Referimi');
	await arta.check('input[name="concern_VIO_PSY"]');
	await Promise.all([arta.waitForURL(/\/intake\/\d+$/),
		arta.click('form[action="/intake"] button[type="submit"]')]);
	await Promise.all([arta.waitForURL(/\/cases\/\d+$/),
		arta.click('form[action$="/register"] button[type="submit"]')]);
	const casePath = new URL(arta.url()).pathname;

	// The parent's consent: every agency, identity and the case summary.
	await arta.goto(`${casePath}/consents/new`);
	await arta.fill('#giver_name', 'Shpresa Referimi');
	await arta.selectOption('#relation', 'parent');
	await arta.check('input[name="all_agencies"]');
	await arta.check('input[name="category_identity"]');
	await arta.check('input[name="category_case_summary"]');
	await submit(arta, `${casePath}/consents`);
	assert.match(arta.url(), /#consent$/);

	// The referral; health is beyond the consent and refused first.
	await arta.goto(`${casePath}/referrals/new`);
	await check(arta, 'referral-new-phone');
	await arta.selectOption('#to_agency', String(provider));
	await arta.selectOption('#service', 'psychosocial_counselling');
	await arta.fill('#reason', 'Mbështetje psikosociale pas dhunës psikologjike në familje.');
	await arta.selectOption('#urgency', 'urgent');
	const consent = await arta.$$eval('#consent option', (o) => o.map((x) => x.value).filter(Boolean));
	assert.equal(consent.length, 1);
	await arta.selectOption('#consent', consent[0]);
	await arta.check('input[name="category_identity"]');
	await arta.check('input[name="category_health"]');
	await submit(arta, `${casePath}/referrals`);
	assert.ok((await arta.textContent('body')).includes(msg('sq', 'referral.err.beyond_consent')));
	await arta.uncheck('input[name="category_health"]');
	await Promise.all([arta.waitForURL(/#referrals$/),
		arta.click(`form[action="${casePath}/referrals"] button[type="submit"]`)]);
	assert.ok((await arta.textContent('#referrals')).includes('OJQ Zëri i Fëmijëve'));
	await check(arta, 'case-referrals-phone');

	// The provider: received, sees the child's name but not the address.
	await ngo.goto('/referrals/incoming');
	await check(ngo, 'referrals-incoming-desktop');
	await Promise.all([ngo.waitForURL(/\/referrals\/\d+$/), ngo.click('table a[href^="/referrals/"]')]);
	const refPath = new URL(ngo.url()).pathname;
	const body = await ngo.textContent('body');
	assert.ok(body.includes('Ardita Referimi'));
	assert.ok(body.includes(msg('sq', 'referral.status.sent')));
	await check(ngo, 'referral-view-desktop');
	await ngo.selectOption('#answer', 'accept');
	await submit(ngo, `${refPath}/answer`);
	await submit(ngo, `${refPath}/start`);
	await ngo.fill('#count', '2');
	await ngo.fill('#session-note', 'Dy seanca individuale.');
	await submit(ngo, `${refPath}/sessions`);
	await ngo.fill('#feedback-text', 'Ardita merr pjesë rregullisht; nëna bashkëpunon.');
	await submit(ngo, `${refPath}/feedback`);
	assert.ok((await ngo.textContent('body')).includes('nëna bashkëpunon'));
	await check(ngo, 'referral-served-desktop');
	const phone2 = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const small = await phone2.newPage();
	await login(small, pu.username, pu.password);
	await small.goto(refPath);
	await check(small, 'referral-view-phone');
	await phone2.close();

	// The caseworker sees the answer, the sessions and the feedback.
	await arta.goto(casePath);
	const section = await arta.textContent('#referrals');
	assert.ok(section.includes('Ardita merr pjesë rregullisht; nëna bashkëpunon.'));
	assert.ok(section.includes(msg('sq', 'referral.status.in_service')));
	await check(arta, 'case-referral-feedback-phone');
	await arta.goto('/referrals');
	assert.ok((await arta.textContent('body')).includes(msg('sq', 'referral.open.title')));
	await check(arta, 'referrals-open-phone');

	// The caseworker withdraws it: the reason is required, then the
	// referral is listed among those ended without service.
	await arta.goto(casePath);
	await Promise.all([arta.waitForURL(/\/referrals\/\d+\/cancel$/),
		arta.click('#referrals a[href$="/cancel"]')]);
	const cancelPath = new URL(arta.url()).pathname;
	await check(arta, 'referral-cancel-phone');
	await arta.fill('#reason', 'Familja u zhvendos në një komunë tjetër.');
	await Promise.all([arta.waitForURL(/#referrals$/),
		arta.click(`form[action="${cancelPath}"] button[type="submit"]`)]);
	assert.ok((await arta.textContent('#referrals')).includes('Familja u zhvendos në një komunë tjetër.'));
	const wide = await newContext(browser, { viewport: DESKTOP });
	const artaDesk = await wide.newPage();
	await login(artaDesk, 'arta');
	await artaDesk.goto('/referrals?show=ended');
	assert.ok((await artaDesk.textContent('body')).includes(msg('sq', 'referral.status.cancelled')));
	await check(artaDesk, 'referrals-ended-desktop');
	await artaDesk.goto(cancelPath);
	await check(artaDesk, 'referral-cancel-ended-desktop');
	await wide.close();
	/* The refused referral answered 400, as it should. */
	assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
	await phone.close();
	await desk.close();
});

test('a report in from the police, at both widths', async () => {
	const u = await H.readyUser({ role: 'table_member', agency: 'POL-HANI', full_name: 'Inspektor Dreni' });
	for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
		const ctx = await newContext(browser, { viewport });
		const page = await ctx.newPage();
		const problems = watch(page);
		await login(page, u.username, u.password);
		await page.goto('/reports-in/new');
		await check(page, `report-in-new-${name}`);
		await page.fill('#given_name', 'Besart');
		await page.fill('#age', '12');
		await page.fill('#location', 'Rruga kryesore, Hani i Elezit');
		await page.check('input[name="concern_STR"]');
		await page.fill('#narrative', 'Fëmijë në situatë rruge, lyp natën <pranë stacionit>.');
		await submit(page, '/reports-in');
		assert.ok((await page.textContent('body')).includes(msg('sq', 'report_in.err.markup')));
		await page.fill('#narrative', 'Fëmijë në situatë rruge, lyp natën pranë stacionit.');
		await Promise.all([page.waitForURL(/\/reports-in$/),
			page.click('form[action="/reports-in"] button[type="submit"]')]);
		assert.ok((await page.textContent('body')).includes(msg('sq', 'report_in.status.received')));
		await check(page, `report-in-list-${name}`);
		assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
		await ctx.close();
	}
});
