// The child population page on a phone: 99 municipalities, each with its own
// small form. Finding one by name (without its diacritics), listing only the
// missing ones and saving a figure must all work with a thumb.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	PHONE, horizontalOverflow, launch, login, msg, newContext, shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const visibleRows = (page) => page.locator('#pop-table tbody tr:visible');

test('population on a phone: filter, then save one municipality', async () => {
	const ctx = await newContext(browser, { viewport: PHONE, hasTouch: true,
		isMobile: true });
	const page = await ctx.newPage();
	const problems = watch(page);
	await login(page, 'admin');
	await page.goto('/admin/population');
	const total = await page.locator('#pop-table tbody tr').count();
	assert.ok(total >= 99, `${total} municipalities`);
	assert.deepEqual(await horizontalOverflow(page), []);

	// Each municipality is a card whose form fits the screen.
	const form = page.locator('#pop-table tbody tr').first().locator('form');
	const box = await form.boundingBox();
	assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width,
		`the first row's form lies within the screen (${box.x}+${box.width})`);
	for (const sel of ['input[name="children"]', 'input[name="source"]', 'button']) {
		const b = await form.locator(sel).boundingBox();
		assert.ok(b.height >= 36 && b.x + b.width <= PHONE.width, `${sel} ${JSON.stringify(b)}`);
	}

	// Typing without diacritics finds Deçan.
	await page.fill('#pop-q', 'decan');
	assert.equal(await visibleRows(page).count(), 1);
	assert.match(await visibleRows(page).first().textContent(), /Deçan/);
	await page.fill('#pop-q', '');
	assert.equal(await visibleRows(page).count(), total);

	// Only the ones without a figure.
	await page.check('#pop-missing');
	const missing = await visibleRows(page).count();
	assert.ok(missing > 0 && missing < total, `${missing} missing`);
	assert.equal(await page.locator('#pop-table tbody tr:visible .missing').count(), missing);
	assert.match(await page.textContent('#pop-shown'), new RegExp(`${missing} / ${total}`));
	await shot(page, 'phone-population-missing', false);

	// Save a figure for the first missing one: back on the same row.
	const row = visibleRows(page).first();
	const id = await row.getAttribute('id');
	const name = await row.locator('th').textContent();
	await row.locator('input[name="children"]').fill('4321');
	await row.locator('input[name="source"]').fill('Regjistri civil 2026');
	await Promise.all([
		page.waitForURL((u) => u.hash === `#${id}`),
		row.locator('button').tap(),
	]);
	const saved = page.locator(`#${id}`);
	assert.match(await saved.locator('.c-children').textContent(), /4\.321/);
	assert.equal(await saved.locator('input[name="source"]').inputValue(), 'Regjistri civil 2026');
	assert.equal((await page.textContent('.flash')).trim(), msg('sq', 'flash.saved'));
	// The saved row is on screen, marked as the one just saved.
	assert.ok(await saved.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top < innerHeight && r.bottom > 0 && el.matches(':target');
	}), `${name} is in view after saving`);
	await shot(page, 'phone-population-saved', false);
	assert.deepEqual(problems, []);
	await ctx.close();
});
