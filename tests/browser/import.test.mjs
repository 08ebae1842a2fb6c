// Importing training participants from a CSV file (issue 5), in a browser:
// the municipal administrator of Hani i Elezit (admin.hani) uploads a file
// with one bad row — the report names its row and column and there is no
// confirmation —, fixes it and uploads it again, sees the preview and the
// mapping of the columns, confirms, watches the progress page (it refreshes
// itself, no JavaScript needed) reach the result, and finds the
// participants in the register. Each page at phone and desktop width:
// axe, no sideways scrolling, screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
	DESKTOP, PHONE, axe, horizontalOverflow, launch, login, newContext,
	shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function check(page, name) {
	const v = await axe(page);
	assert.deepEqual(v, [], `${name}: ${JSON.stringify(v).slice(0, 600)}`);
	assert.deepEqual(await horizontalOverflow(page), [], `${name}: sideways overflow`);
	await shot(page, name);
}

function letters(n) {
	let s = '';
	while (s.length < n)
		s += String.fromCharCode(97 + Math.floor(Math.random() * 26));
	return s;
}

function csv(prefix, bad) {
	const rows = ['given_name,family_name,sex,profile,municipality,organisation',
		`Arbnora,${prefix}${letters(5)},female,social_worker,XK09,QPS Hani i Elezit`,
		`Valdrin,${prefix}${letters(5)},male,${bad ? 'astronaut' : 'police'},XK09,Stacioni i Policisë Hani i Elezit`,
		`Shpresa,${prefix}${letters(5)},female,education,XK09,"Shkolla ""Naim Frashëri"""`];
	return Buffer.from(rows.join('\n') + '\n');
}

/* Uploads a file from /imports; the job's page once its check is over. */
async function upload(page, name, buffer) {
	await page.goto('/imports');
	await page.selectOption('#register', 'participants');
	await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
	await Promise.all([page.waitForURL(/\/imports\/\d+$/),
		page.click('form[action="/imports"] button[type="submit"]')]);
	await page.waitForSelector('progress', { state: 'detached', timeout: 20000 });
	return new URL(page.url()).pathname;
}

test('a file with a bad row is refused with its report; fixed, it is previewed, confirmed and written', async () => {
	const ctx = await newContext(browser, { viewport: DESKTOP });
	const page = await ctx.newPage();
	const problems = watch(page);
	await login(page, 'admin.hani');
	await page.goto('/imports');
	await check(page, 'import-form-desktop');

	const prefix = 'Imp' + letters(6);
	const bad = await upload(page, 'pjesemarresit.csv', csv(prefix, true));
	const report = await page.textContent('table.report');
	assert.match(report, /3\s*profile/, 'row 3 (the header is row 1), column profile');
	assert.equal(await page.$('form[action$="/confirm"]'), null, 'a refused file cannot be confirmed');
	assert.ok((await page.textContent('table.preview')).includes('astronaut'), 'the preview shows the rows as read');
	await check(page, 'import-rejected-desktop');

	const good = await upload(page, 'pjesemarresit.csv', csv(prefix, false));
	assert.notEqual(good, bad);
	assert.ok(await page.$('form[action$="/confirm"]'), 'a valid file may be confirmed');
	assert.equal(await page.$('table.report'), null);
	await check(page, 'import-checked-desktop');
	await Promise.all([page.waitForURL(good),
		page.click('form[action$="/confirm"] button[type="submit"]')]);
	/* The progress page, then the result (the page refreshes itself). */
	await page.waitForSelector('main a[href="/professionals"]', { timeout: 20000 });
	assert.match(await page.textContent('main'), /3/);
	await check(page, 'import-done-desktop');

	await page.goto('/professionals?q=' + prefix);
	const register = await page.textContent('main');
	for (const n of ['Arbnora', 'Valdrin', 'Shpresa'])
		assert.ok(register.includes(n), `${n} is in the register`);

	/* The same pages on a phone. */
	const phone = await newContext(browser, { viewport: PHONE });
	const p2 = await phone.newPage();
	const problems2 = watch(p2);
	await login(p2, 'admin.hani');
	await p2.goto('/imports');
	await check(p2, 'import-form-phone');
	await p2.goto(bad);
	await check(p2, 'import-rejected-phone');
	const again = await upload(p2, 'pjesemarresit.csv', csv('Tel' + letters(6), false));
	await check(p2, 'import-checked-phone');
	await Promise.all([p2.waitForURL(again), p2.click('form[action$="/confirm"] button[type="submit"]')]);
	await p2.waitForSelector('main a[href="/professionals"]', { timeout: 20000 });
	await check(p2, 'import-done-phone');

	assert.deepEqual(problems, []);
	assert.deepEqual(problems2, []);
	await ctx.close();
	await phone.close();
});
