// The caseworker's day starts and ends on a phone: log in, see the home
// page, log out, at 390x844 (a common phone), in Albanian.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	PHONE, horizontalOverflow, launch, msg, newContext, shot, watch,
	PASSWORD,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('login, home and logout on a phone (390x844)', async () => {
	const ctx = await newContext(browser, { viewport: PHONE, hasTouch: true,
		isMobile: true });
	const page = await ctx.newPage();
	const problems = watch(page);

	const res = await page.goto('/login');
	assert.equal(res.status(), 200);
	assert.equal(await page.getAttribute('html', 'lang'), 'sq');
	assert.equal((await page.textContent('h1')).trim(), msg('sq', 'login.title'));
	assert.deepEqual(await horizontalOverflow(page), []);
	await shot(page, 'phone-1-login');

	await page.tap('#username');
	await page.fill('#username', 'arta');
	await page.fill('#password', PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/'),
		page.tap('form[action="/login"] button[type="submit"]'),
	]);
	assert.equal((await page.textContent('h1')).trim(), msg('sq', 'home.title'));
	assert.match(await page.textContent('header.top'), /Arta Berisha/);
	assert.deepEqual(await horizontalOverflow(page), []);
	// The header leaves the screen to the work: at most a sixth of it.
	const header = await page.locator('header.top').boundingBox();
	assert.ok(header.height <= PHONE.height / 6,
		`header ${header.height}px tall on a ${PHONE.height}px screen`);
	// The logout button is a real touch target (WCAG 2.5.8: 24x24 CSS px).
	const out = await page.locator('form[action="/logout"] button').boundingBox();
	assert.ok(out.width >= 24 && out.height >= 24,
		`logout button ${out.width}x${out.height}`);
	await shot(page, 'phone-2-home');

	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.tap('form[action="/logout"] button[type="submit"]'),
	]);
	assert.equal((await page.textContent('.flash')).trim(),
		msg('sq', 'flash.logged_out'));
	await shot(page, 'phone-3-logged-out');

	// The session is gone: the home page sends us back to the login.
	await page.goto('/');
	assert.equal(new URL(page.url()).pathname, '/login');
	assert.deepEqual(problems, []);
	await ctx.close();
});
