// The Case Management Table meets (SCENARIOS.md 2), in a browser: the
// caseworker (arta, on a phone) registers a case and screens it at medium
// risk; the supervisor (besim, at a desk) convenes today's meeting, where
// the case is proposed on the agenda, invites a parent, records the
// attendance, the decisions and the protection measure and a task for the
// case's worker, holds the meeting, and opens the minutes as a page and as
// a PDF. The caseworker sees the task on "my work" and closes it; the case
// has moved to "conference". Refusals on the way: a task with a past
// deadline, an empty place.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, PHONE, axe, horizontalOverflow, launch, login, msg, newContext,
	shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function day(days) {
	const d = new Date(Date.now() + days * 86400000);
	return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Belgrade',
		day: '2-digit', month: '2-digit', year: 'numeric' }).format(d)
		.replaceAll('/', '.');
}

async function submit(page, action, button = 'button[type="submit"]') {
	await Promise.all([
		page.waitForLoadState('load'),
		page.waitForResponse((r) => r.request().method() === 'POST' &&
			new URL(r.url()).pathname === action),
		page.click(`form[action="${action}"] ${button}`),
	]);
}

test('a conference whose minutes PDF is generated and opened', async () => {
	const phone = await newContext(browser, { viewport: PHONE, hasTouch: true, isMobile: true });
	const desk = await newContext(browser, { viewport: DESKTOP, acceptDownloads: true });
	const arta = await phone.newPage();
	const besim = await desk.newPage();
	const problems = [...watch(arta), ...watch(besim)];
	await login(arta, 'arta');
	await login(besim, 'besim');

	// The case: reported, registered, screened at medium risk.
	await arta.goto('/intake/new');
	await arta.selectOption('#channel', 'phone');
	await arta.selectOption('#referrer_type', 'school');
	await arta.fill('#given_name', 'Vjosa');
	await arta.fill('#family_name', 'Tryeza');
	await arta.check('input[name="concern_NEG"]');
	await Promise.all([arta.waitForURL(/\/intake\/\d+$/),
		arta.click('form[action="/intake"] button[type="submit"]')]);
	await Promise.all([arta.waitForURL(/\/cases\/\d+$/),
		arta.click('form[action$="/register"] button[type="submit"]')]);
	const casePath = new URL(arta.url()).pathname;
	const number = (await arta.textContent('h1')).match(/XK-09-\d{4}-\d{6}/)[0];
	await arta.goto(`${casePath}/screening`);
	await arta.check('input[name="risk_basic_needs_neglected"]');
	await arta.selectOption('#level', 'medium');
	await arta.fill('#rationale', 'Neglizhim; fëmija mbetet në shtëpi me mbështetje.');
	await submit(arta, `${casePath}/screening`);

	// The supervisor convenes today's meeting; an empty place is refused.
	await besim.goto('/conferences/new');
	await besim.fill('#date', day(0));
	await besim.fill('#time', '00:00');
	await besim.fill('#place', ' ');
	await submit(besim, '/conferences');
	assert.ok((await besim.textContent('body')).includes(msg('sq', 'error.field.required')));
	await besim.fill('#place', 'QPS Hani i Elezit, salla 2');
	await Promise.all([besim.waitForURL(/\/conferences\/\d+$/),
		besim.click('form[action="/conferences"] button[type="submit"]')]);
	const m = new URL(besim.url()).pathname;
	// The case is proposed on the agenda.
	assert.ok((await besim.textContent('body')).includes(number), 'the due case is proposed');
	const section = besim.locator('section', { hasText: number }).first();
	const agendaForm = await section.locator('form[action$="/tasks"]').getAttribute('action');
	const agendaPath = agendaForm.replace(/\/tasks$/, '');

	// A parent invited, present.
	await besim.selectOption('#kind', 'parent');
	await besim.fill('#name', 'Drita Tryeza');
	await submit(besim, `${m}/guests`);
	const att = await besim.locator('form[action*="/attendance"]').first().getAttribute('action');
	await besim.selectOption(`form[action="${att}"] select`, 'present');
	await submit(besim, att);

	// Decisions, the measure and a task for the case's worker.
	await besim.fill(`form[action="${agendaPath}"] textarea`, 'PIM me mbikëqyrje në familje.');
	await besim.selectOption(`form[action="${agendaPath}"] select`, 'family_supervision');
	await submit(besim, agendaPath);
	const taskForm = `form[action="${agendaForm}"]`;
	await besim.fill(`${taskForm} input[name="what"]`, 'Vizitë në familje');
	const owner = await besim.$$eval(`${taskForm} select option`, (l) => l.map((o) => o.value).find((v) => v));
	await besim.selectOption(`${taskForm} select`, owner);
	await besim.fill(`${taskForm} input[name="due_on"]`, day(-1));
	await submit(besim, agendaForm);
	assert.ok((await besim.textContent('body')).includes(msg('sq', 'conference.err.due_past')));
	await besim.goto(m);
	await besim.fill(`${taskForm} input[name="what"]`, 'Vizitë në familje');
	await besim.selectOption(`${taskForm} select`, owner);
	await besim.fill(`${taskForm} input[name="due_on"]`, day(3));
	await submit(besim, agendaForm);
	await besim.goto(m);
	assert.ok((await besim.textContent('body')).includes('Vizitë në familje'));
	assert.deepEqual(await axe(besim), []);
	await shot(besim, 'conference-desktop-meeting');

	// Held: the case moves to "conference".
	await submit(besim, `${m}/hold`);
	await besim.goto(m);
	assert.ok((await besim.textContent('body')).includes(msg('sq', 'conference.status.held')));
	await arta.goto(casePath);
	assert.ok((await arta.textContent('body')).includes(msg('sq', 'status.conference')));

	// The minutes: the print view, then the PDF, downloaded and opened.
	await besim.goto(`${m}/minutes`);
	const text = await besim.textContent('body');
	for (const s of [number, 'Drita Tryeza', 'PIM me mbikëqyrje në familje.', 'Vizitë në familje'])
		assert.ok(text.includes(s), s);
	assert.deepEqual(await axe(besim), []);
	await shot(besim, 'conference-desktop-minutes');
	const [download] = await Promise.all([
		besim.waitForEvent('download'),
		besim.click(`a[href="${m}/minutes.pdf"]`),
	]);
	assert.match(download.suggestedFilename(), /^procesverbal-\d+\.pdf$/);
	const path = await download.path();
	const { readFileSync } = await import('node:fs');
	const pdf = readFileSync(path);
	assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
	assert.ok(pdf.length > 2000, 'a real document');
	assert.ok(pdf.subarray(-16).toString('latin1').includes('%%EOF'));

	// The task on the caseworker's "my work", closed there.
	await arta.goto('/work');
	assert.ok((await arta.textContent('body')).includes('Vizitë në familje'));
	assert.deepEqual(await horizontalOverflow(arta), []);
	await shot(arta, 'conference-phone-work');
	await Promise.all([arta.waitForURL(/\/work$/),
		arta.click('form[action*="/tasks/"] button[type="submit"]')]);
	assert.ok(!(await arta.textContent('body')).includes('Vizitë në familje'));

	assert.deepEqual(problems, []);
	await phone.close();
	await desk.close();
});
