// Albanian, English and Serbian: the links on the login page, the form on
// the account page, and a wrong password answered in the language chosen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, PASSWORD, PHONE, launch, login, logout, msg, newContext, shot,
	watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const label = { sq: 'Shqip', en: 'English', sr: 'Srpski' };

async function expectLanguage(page, lang, h1Key) {
	assert.equal(await page.getAttribute('html', 'lang'), lang);
	assert.equal((await page.textContent('h1')).trim(), msg(lang, h1Key));
}

test('the login page links switch the language; errors follow it', async () => {
	const ctx = await newContext(browser, { viewport: PHONE });
	const page = await ctx.newPage();
	const problems = watch(page);
	await page.goto('/login');
	await expectLanguage(page, 'sq', 'login.title');

	// Unknown users cannot be locked out, so each language gets its own.
	for (const lang of ['en', 'sr', 'sq']) {
		await page.click(`.langs a:text-is("${label[lang]}")`);
		await expectLanguage(page, lang, 'login.title');
		assert.equal(await page.getAttribute(`.langs a[lang="${lang}"]`,
			'aria-current'), 'true');
		assert.equal((await page.textContent('label[for="username"]')).trim(),
			msg(lang, 'field.username'));
		assert.equal((await page.textContent('button[type="submit"]')).trim(),
			msg(lang, 'login.submit'));

		await page.fill('#username', `nobody.${lang}`);
		await page.fill('#password', 'not the password');
		const [res] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/login') &&
			    r.request().method() === 'POST'),
			page.click('form[action="/login"] button[type="submit"]'),
		]);
		assert.equal(res.status(), 401);
		await page.waitForLoadState();
		await expectLanguage(page, lang, 'login.title');
		assert.equal((await page.textContent('[role="alert"]')).trim(),
			msg(lang, 'error.login.failed'));
		// The username typed stays; the password does not.
		assert.equal(await page.inputValue('#username'), `nobody.${lang}`);
		assert.equal(await page.inputValue('#password'), '');
		if (lang !== 'sq')
			await shot(page, `${lang}-phone-login-error`);
	}

	// A real user with a wrong password gets the same answer.
	await page.fill('#username', 'analist');
	await page.fill('#password', PASSWORD + 'x');
	await page.click('form[action="/login"] button[type="submit"]');
	await page.waitForSelector('[role="alert"]');
	assert.equal((await page.textContent('[role="alert"]')).trim(),
		msg('sq', 'error.login.failed'));
	assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
	await ctx.close();
});

test('the account page form switches the language of the user', async () => {
	const ctx = await newContext(browser, { viewport: DESKTOP });
	const page = await ctx.newPage();
	const problems = watch(page);
	await login(page, 'besim');

	const steps = [
		['en', 'desktop'], ['sr', 'desktop'], ['sq', null],
	];
	for (const [lang, shotName] of steps) {
		await page.goto('/account');
		await page.selectOption('#lang', lang);
		await Promise.all([
			page.waitForURL((u) => u.pathname === '/account'),
			page.click('form[action="/account/language"] button[type="submit"]'),
		]);
		await expectLanguage(page, lang, 'account.title');
		assert.equal((await page.textContent('.flash')).trim(),
			msg(lang, 'flash.saved'));
		assert.equal(await page.inputValue('#lang'), lang);
		const nav = await page.textContent('header nav');
		assert.ok(nav.includes(msg(lang, 'nav.home')) &&
		    nav.includes(msg(lang, 'nav.account')), nav);
		// The language stays with the user on every page.
		await page.goto('/');
		await expectLanguage(page, lang, 'home.title');
		if (shotName) {
			await shot(page, `${lang}-${shotName}-home`);
			await page.goto('/account');
			await shot(page, `${lang}-${shotName}-account`);
			await page.setViewportSize(PHONE);
			await shot(page, `${lang}-phone-account`);
			await page.setViewportSize(DESKTOP);
		}
	}
	await logout(page);
	assert.deepEqual(problems, []);
	await ctx.close();
});
