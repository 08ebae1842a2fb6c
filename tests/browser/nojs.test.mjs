// Without JavaScript everything still works: a municipal administrator logs
// in, creates a user (and is told plainly when the username is taken), and
// logs out. Scripts only ever enhance a page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSWORD, PHONE, launch, msg, newContext, shot } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('with JavaScript off: log in, create a user, log out', async () => {
	const ctx = await newContext(browser, { viewport: PHONE,
		javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto('/login');
	await page.fill('#username', 'admin.hani');
	await page.fill('#password', PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/'),
		page.click('form[action="/login"] button[type="submit"]'),
	]);
	assert.equal((await page.textContent('h1')).trim(), msg('sq', 'home.title'));

	// As a person would: the menu, then the button.
	await page.click(`header nav a:text-is("${msg('sq', 'nav.users')}")`);
	await page.click(`a.button:text-is("${msg('sq', 'users.new')}")`);
	assert.equal(new URL(page.url()).pathname, '/admin/users/new');

	const username = `teuta.${Date.now().toString(36)}`;
	async function fillForm() {
		await page.fill('#username', username);
		await page.fill('#full_name', 'Teuta Krasniqi');
		await page.selectOption('#role', 'caseworker');
		const qps = await page.locator('#agency option',
			{ hasText: 'QPS-HANI' }).getAttribute('value');
		await page.selectOption('#agency', qps);
		await page.fill('#password', 'një fjali e gjatë 2026');
	}
	await fillForm();
	await shot(page, 'nojs-phone-user-new');
	await Promise.all([
		page.waitForURL(/\/admin\/users\/\d+$/),
		page.click(`button:text-is("${msg('sq', 'users.create')}")`),
	]);
	assert.equal((await page.textContent('.flash')).trim(),
		msg('sq', 'flash.user_created'));
	assert.match(await page.textContent('h1'), /Teuta Krasniqi/);
	assert.match(await page.textContent('.facts'), /Qendra për Punë Sociale Hani i Elezit/);
	await shot(page, 'nojs-phone-user-created');

	// The same username again: the form comes back with the reason and
	// what was typed.
	await page.goto('/admin/users/new');
	await fillForm();
	const [res] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.click(`button:text-is("${msg('sq', 'users.create')}")`),
	]);
	assert.equal(res.status(), 400);
	await page.waitForLoadState();
	assert.equal((await page.textContent('.field-error')).trim(),
		msg('sq', 'error.username.taken'));
	assert.equal(await page.inputValue('#full_name'), 'Teuta Krasniqi');

	// The population page lists everything; its filter, which needs the
	// script, stays hidden (which also shows scripts really are off).
	await page.goto('/admin/population');
	assert.ok(await page.locator('#pop-filter').isHidden());
	assert.ok(await page.locator('#pop-table tbody tr').count() >= 1);

	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.click(`button:text-is("${msg('sq', 'nav.logout')}")`),
	]);
	assert.equal((await page.textContent('.flash')).trim(),
		msg('sq', 'flash.logged_out'));
	await ctx.close();
});
