// API tokens on the account page, on a phone: the new token is shown once,
// the list scrolls inside its frame, and revoking asks first (app.js).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	PHONE, axe, horizontalOverflow, launch, login, msg, newContext, shot,
	watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('create an API token, then revoke it after confirming', async () => {
	const ctx = await newContext(browser, { viewport: PHONE });
	const page = await ctx.newPage();
	const problems = watch(page);
	await login(page, 'pmf.tirane');
	await page.goto('/account');
	await page.fill('#token-name', 'raporte');
	await page.click(`button:text-is("${msg('sq', 'account.new_token')}")`);
	const token = (await page.textContent('code.token')).trim();
	assert.ok(token.length >= 32, 'the token is shown once');
	// On a long phone page the browser brings the new token into view.
	assert.ok(await page.locator('code.token').evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top >= 0 && r.bottom <= innerHeight;
	}), 'the new token is on screen');
	assert.equal(await page.locator('tbody tr').count(), 1);
	assert.deepEqual(await horizontalOverflow(page), []);
	assert.deepEqual(await axe(page), []);
	await shot(page, 'phone-account-token', false);

	// Dismissing the question keeps the token.
	const revoke = `button:text-is("${msg('sq', 'account.revoke')}")`;
	page.once('dialog', (d) => d.dismiss());
	await page.click(revoke);
	await page.waitForTimeout(200);
	assert.equal(new URL(page.url()).pathname, '/account/tokens');
	assert.equal(await page.locator(revoke).count(), 1);

	// Accepting it revokes.
	page.once('dialog', (d) => {
		assert.equal(d.type(), 'confirm');
		d.accept();
	});
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/account'),
		page.click(revoke),
	]);
	assert.equal((await page.textContent('.flash')).trim(),
		msg('sq', 'flash.token_revoked'));
	assert.match(await page.textContent('tbody tr'),
		new RegExp(msg('sq', 'account.revoked')));
	assert.equal(await page.locator(revoke).count(), 0);
	assert.deepEqual(problems, []);
	await ctx.close();
});
