// The keyboard alone is enough: the skip link comes first and works, focus
// is always visible, logging in and out needs only Tab and Enter.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PASSWORD, launch, msg, newContext, watch } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// What has the focus, and whether it shows.
function focused(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		const cs = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		return {
			tag: el.tagName.toLowerCase(),
			id: el.id,
			cls: el.className,
			text: (el.textContent || '').trim(),
			inMain: !!el.closest('main'),
			inHeader: !!el.closest('header'),
			outline: cs.outlineStyle !== 'none' &&
			    parseFloat(cs.outlineWidth) >= 2,
			visible: r.width > 0 && r.height > 0 && r.left >= 0 &&
			    r.top >= 0 && r.right <= innerWidth,
		};
	});
}

test('the keyboard alone logs in and out, skip link first', async () => {
	const ctx = await newContext(browser, { viewport: DESKTOP });
	const page = await ctx.newPage();
	const problems = watch(page);
	await page.goto('/login');

	await page.keyboard.press('Tab');
	let f = await focused(page);
	assert.equal(f.cls, 'skip', 'the first Tab reaches the skip link');
	assert.equal(f.text, msg('sq', 'nav.skip'));
	assert.ok(f.visible, 'the skip link shows when focused');
	assert.ok(f.outline, 'the skip link has a visible focus outline');

	await page.keyboard.press('Enter');
	/* The jump is asynchronous: wait for it rather than race it. */
	await page.waitForFunction(() => location.hash === '#main', null, { timeout: 5000 });
	assert.equal(new URL(page.url()).hash, '#main');
	await page.keyboard.press('Tab');
	f = await focused(page);
	assert.equal(f.id, 'username', 'after the skip link, Tab reaches the form');
	assert.ok(f.outline, 'the username field shows its focus');

	await page.keyboard.type('arta');
	await page.keyboard.press('Tab');
	assert.equal((await focused(page)).id, 'password');
	await page.keyboard.type(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/'),
		page.keyboard.press('Enter'),
	]);
	assert.equal((await page.textContent('h1')).trim(), msg('sq', 'home.title'));

	// On a page with navigation the skip link jumps over it.
	await page.keyboard.press('Tab');
	f = await focused(page);
	assert.equal(f.cls, 'skip');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	f = await focused(page);
	assert.ok(!f.inHeader, `after the skip link the focus is past the header (${f.tag} ${f.text})`);

	// Every stop on the way to the logout button shows its focus.
	await page.goto('/');
	let found = false;
	for (let i = 0; i < 25 && !found; i++) {
		await page.keyboard.press('Tab');
		f = await focused(page);
		if (f.tag === 'body')
			continue;
		assert.ok(f.outline, `focus visible on ${f.tag} "${f.text}"`);
		found = f.tag === 'button' && f.text === msg('sq', 'nav.logout');
	}
	assert.ok(found, 'the logout button is reachable with Tab');
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.keyboard.press('Enter'),
	]);
	assert.equal((await page.textContent('.flash')).trim(),
		msg('sq', 'flash.logged_out'));
	assert.deepEqual(problems, []);
	await ctx.close();
});
