// A case from the report of concern to its closure, as the people of
// SCENARIOS.md 1 do it in a browser: the caseworker (arta, on a phone)
// files and registers the report and screens the child; the supervisor
// (besim, at a desk) validates the risk; the caseworker completes the
// assessment and drafts the protection plan at a desk; the supervisor
// approves it; the caseworker asks to close the case and the supervisor
// approves the closure. Every step is checked on the page the person sees
// next, and the rules refuse the steps taken out of order on the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, PHONE, axe, horizontalOverflow, launch, login, msg, newContext,
	shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/* dd.mm.yyyy of today plus days, in the country's time (the server reads
 * dates as Central European days, whatever the test machine's zone). */
function day(days) {
	const d = new Date(Date.now() + days * 86400000);
	return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Belgrade',
		day: '2-digit', month: '2-digit', year: 'numeric' }).format(d)
		.replaceAll('/', '.');
}

/* Submits the form with action ending in suffix; waits for the next page. */
async function submit(page, suffix, button = 'button[type="submit"]') {
	await Promise.all([
		page.waitForLoadState('load'),
		page.waitForResponse((r) => r.request().method() === 'POST' &&
			new URL(r.url()).pathname.endsWith(suffix)),
		page.click(`form[action$="${suffix}"] ${button}`),
	]);
}

/* The case page's facts: the text of the <dd> after the <dt> of key. */
async function fact(page, key) {
	return page.evaluate((label) => {
		for (const dt of document.querySelectorAll('dt'))
			if (dt.textContent.trim() === label)
				return dt.nextElementSibling?.textContent.trim() ?? null;
		return null;
	}, msg('sq', key));
}

test('a case from the report to its closure (caseworker and supervisor)', async () => {
	const phone = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const desk = await newContext(browser, { viewport: DESKTOP });
	const arta = await phone.newPage();
	const besim = await desk.newPage();
	const problems = [...watch(arta), ...watch(besim)];
	await login(arta, 'arta');
	await login(besim, 'besim');

	// 1. The report of concern, from the school, on the phone.
	await arta.goto('/intake/new');
	await arta.selectOption('#channel', 'phone');
	await arta.selectOption('#referrer_type', 'school');
	await arta.fill('#given_name', 'Blerina');
	await arta.fill('#family_name', 'Rrjedhshmëria');
	await arta.fill('#parent_name', 'Fatmir');
	await arta.check('input[name="concern_VIO_PHY"]');
	await arta.fill('#narrative', 'Mësuesja pa shenja në krahë.');
	assert.deepEqual(await horizontalOverflow(arta), []);
	await Promise.all([arta.waitForURL(/\/intake\/\d+$/),
		arta.click('form[action="/intake"] button[type="submit"]')]);

	// 2. Registered as a case with its number.
	await Promise.all([arta.waitForURL(/\/cases\/\d+$/),
		arta.click('form[action$="/register"] button[type="submit"]')]);
	const casePath = new URL(arta.url()).pathname;
	assert.match(await arta.textContent('h1'), /XK-09-\d{4}-\d{6}/);
	assert.equal(await fact(arta, 'field.status'), msg('sq', 'status.registered'));

	// Out of order: no plan before the screening.
	await arta.goto(`${casePath}/plan`);
	if (await arta.locator(`form[action="${casePath}/plan"] button`).count() > 0) {
		await submit(arta, `${casePath}/plan`);
		assert.ok((await arta.textContent('body')).includes(msg('sq', 'plan.no_screening')));
	}

	// 3. Screening on the phone: medium risk with its factors.
	await arta.goto(`${casePath}/screening`);
	assert.deepEqual(await horizontalOverflow(arta), []);
	await arta.check('input[name="risk_injury"]');
	await arta.check('input[name="risk_violence_at_home"]');
	await arta.check('input[name="protective_attends_school"]');
	await arta.check('input[name="source_home_visit"]');
	await arta.selectOption('#level', 'medium');
	await arta.fill('#rationale', 'Dëmtim i lehtë, nëna mbron; fëmija mbetet në shtëpi me mbështetje.');
	await submit(arta, `${casePath}/screening`);
	await arta.goto(casePath);
	assert.equal(await fact(arta, 'field.status'), msg('sq', 'status.screened'));
	assert.ok((await fact(arta, 'case.risk')).includes(msg('sq', 'risk.medium')));
	await shot(arta, 'flow-phone-case-screened');

	// 4. The supervisor validates the risk the same day.
	await besim.goto(casePath);
	await Promise.all([besim.waitForLoadState('load'),
		besim.click(`form[action^="${casePath}/risk/"] button[type="submit"]`)]);
	await besim.goto(casePath);
	assert.equal(await besim.locator(`form[action^="${casePath}/risk/"]`).count(), 0,
		'nothing left to validate');

	// 5. The comprehensive assessment, at a desk; a plan cannot be
	// submitted (medium risk) before it is completed.
	const desk2 = await newContext(browser, { viewport: DESKTOP });
	const artaDesk = await desk2.newPage();
	problems.push(...watch(artaDesk));
	await login(artaDesk, 'arta');
	await artaDesk.goto(`${casePath}/assessment`);
	await artaDesk.fill('#asm-safety', 'Nuk ka rrezik të menjëhershëm pas vizitës.');
	await artaDesk.fill('#asm-family_care', 'Nëna kujdeset; babai jashtë shtëpisë.');
	await artaDesk.fill('#asm-child_views', 'Fëmija thotë se ndihet e sigurt me nënën.');
	await artaDesk.fill('#asm-conclusion', 'Plan me mbështetje në familje dhe në shkollë.');
	await submit(artaDesk, `${casePath}/assessment`, 'button[name="complete"]');
	await artaDesk.goto(casePath);
	assert.equal(await fact(artaDesk, 'field.status'), msg('sq', 'status.assessment'));

	// 6. The protection plan: started, filled, an action, submitted.
	await artaDesk.goto(`${casePath}/plan`);
	await submit(artaDesk, `${casePath}/plan`);
	await artaDesk.goto(`${casePath}/plan`);
	await artaDesk.fill('#goals', 'Fëmija i sigurt në shtëpi\nVijon shkollën rregullisht');
	await artaDesk.fill('#review_on', day(60));
	await artaDesk.selectOption('#parents', 'agreed');
	await artaDesk.selectOption('#child_part', 'participated');
	await submit(artaDesk, `${casePath}/plan/save`);
	await artaDesk.goto(`${casePath}/plan`);
	await artaDesk.fill('#what', 'Këshillim për prindërit');
	const agency = await artaDesk.$$eval('#agency option', (l) => l.map((o) => o.value).find((v) => v));
	assert.ok(agency, 'an agency to choose');
	await artaDesk.selectOption('#agency', agency);
	await artaDesk.fill('#person', 'Arta Berisha');
	await artaDesk.fill('#due_on', day(30));
	await submit(artaDesk, `${casePath}/plan/actions`);
	await artaDesk.goto(`${casePath}/plan`);
	assert.match(await artaDesk.textContent('body'), /Këshillim për prindërit/);
	await submit(artaDesk, `${casePath}/plan/submit`);
	await artaDesk.goto(`${casePath}/plan`);
	assert.equal(await artaDesk.locator(`form[action="${casePath}/plan/approve"]`).count(), 0,
		'a caseworker is not offered the approval');

	// 7. The supervisor approves the plan: the case is active.
	await besim.goto(`${casePath}/plan`);
	assert.deepEqual(await axe(besim), []);
	await submit(besim, `${casePath}/plan/approve`);
	await besim.goto(casePath);
	assert.equal(await fact(besim, 'field.status'), msg('sq', 'status.plan_active'));
	await shot(besim, 'flow-desktop-plan-active');

	// 8. The caseworker asks to close it; the case stays open meanwhile.
	await arta.goto(`${casePath}/closure/new`);
	assert.deepEqual(await horizontalOverflow(arta), []);
	await arta.selectOption('#reason', 'goals_met');
	await arta.fill('#summary', 'Qëllimet u arritën; familja vazhdon me shkollën.');
	await arta.fill('#date', day(0));
	await submit(arta, `${casePath}/closure`);
	assert.equal(await arta.locator('.error, .field-error').count(), 0,
		await arta.textContent('main'));
	await arta.goto(casePath);
	assert.equal(await fact(arta, 'field.status'), msg('sq', 'status.plan_active'));
	assert.equal(await arta.locator(`form[action="${casePath}/closure/approve"]`).count(), 0);

	// 9. The supervisor approves the closure: closed, nothing left due.
	await besim.goto(casePath);
	await submit(besim, `${casePath}/closure/approve`);
	await besim.goto(casePath);
	assert.equal(await fact(besim, 'field.status'), msg('sq', 'status.closed'));
	assert.deepEqual(await axe(besim), []);
	const timeline = await besim.textContent('body');
	for (const k of ['case.event.screening', 'case.event.closure_approved'])
		assert.ok(timeline.includes(msg('sq', k)), k);
	await shot(besim, 'flow-desktop-closed');

	// A closed case takes no new screening.
	await arta.goto(`${casePath}/screening`);
	assert.equal(await arta.locator(`form[action="${casePath}/screening"]`).count(), 0);

	assert.deepEqual(problems, []);
	await phone.close();
	await desk.close();
	await desk2.close();
});
