// Every page, at phone and desktop width, in Albanian: axe-core finds no
// serious or critical accessibility violation, nothing sticks out sideways
// (tables scroll inside their wrapper), no script error or CSP refusal.
// Screenshots of each go to tests/browser/screenshots/ for a person to see.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	DESKTOP, PHONE, axe, horizontalOverflow, launch, login, newContext,
	shot, watch,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// [name, who (null: logged out), path, expected status]. Paths with
// {arta} or {agency} are found by following links, as a person would.
const pages = [
	['login', null, '/login', 200],
	['home', 'admin', '/', 200],
	['account', 'admin', '/account', 200],
	['users', 'admin', '/admin/users', 200],
	['user-new', 'admin', '/admin/users/new', 200],
	['user-view', 'admin', '{arta}', 200],
	['agencies', 'admin', '/admin/agencies', 200],
	['agency-view', 'admin', '{agency}', 200],
	['population', 'admin', '/admin/population', 200],
	['home-auditor', 'auditor', '/', 200],
	['audit', 'auditor', '/audit', 200],
	['error', 'admin', '/admin/users/999999', 404],
	['case-screening', 'arta', '{case}/screening', 200],
	['case-assessment', 'arta', '{case}/assessment', 200],
	['case-plan', 'arta', '{case}/plan', 200],
	['child-view', 'arta', '{child}', 200],
	['child-edit', 'arta', '{child}/edit', 200],
	['child-siblings', 'arta', '{child}/siblings', 200],
	['case-review', 'arta', '{case}/reviews/new', 200],
	['case-close', 'arta', '{case}/closure/new', 200],
	['case-transfer', 'arta', '{case}/transfer/new', 200],
	['transfers', 'besim', '/transfers', 200],
	['conferences', 'besim', '/conferences', 200],
	['conference-new', 'besim', '/conferences/new', 200],
	['conference-view', 'besim', '{conference}', 200],
	['conference-minutes', 'besim', '{conference}/minutes', 200],
	['conferences-work', 'arta', '/conferences', 200],
	['consent-new', 'arta', '{case}/consents/new', 200],
	['consent-override-new', 'besim', '{case}/consent-overrides/new', 200],
	['consent-overrides', 'besim', '/consent-overrides', 200],
	['community-alerts', 'besim', '/community-alerts', 200],
	['community-groups', 'admin.hani', '/admin/community-groups', 200],
	['community-group', 'admin.hani', '{cgroup}', 200],
];

async function resolve(page, path) {
	if (path === '{arta}') {
		await page.goto('/admin/users');
		return page.getAttribute('a:text-is("arta")', 'href');
	}
	if (path === '{agency}') {
		await page.goto('/admin/agencies');
		return page.getAttribute('a:text-is("QPS-HANI")', 'href');
	}
	if (path.startsWith('{case}')) {	/* the caseworker's first case */
		await page.goto('/cases');
		const hrefs = await page.$$eval('a[href^="/cases/"]', (l) => l.map((a) => a.getAttribute('href')));
		let c = hrefs.find((h) => /^\/cases\/\d+$/.test(h));
		if (!c) {
			/* None yet (init --demo has users only): report and
			 * register one, as the caseworker would. */
			await page.goto('/intake/new');
			await page.selectOption('#channel', 'phone');
			await page.selectOption('#referrer_type', 'school');
			await page.fill('#given_name', 'Arbër');
			await page.fill('#family_name', 'Shembulli');
			await page.check('input[name="concern_NEG"]');
			await Promise.all([page.waitForURL(/\/intake\/\d+$/),
				page.click('form[action="/intake"] button[type="submit"]')]);
			await Promise.all([page.waitForURL(/\/cases\/\d+$/),
				page.click('form[action$="/register"] button[type="submit"]')]);
			c = new URL(page.url()).pathname;
		}
		return c + path.slice('{case}'.length);
	}
	if (path.startsWith('{conference}')) {	/* the unit's first meeting */
		await page.goto('/conferences');
		const hrefs = await page.$$eval('a[href^="/conferences/"]', (l) => l.map((a) => a.getAttribute('href')));
		let m = hrefs.find((h) => /^\/conferences\/\d+$/.test(h));
		if (!m) {
			await page.goto('/conferences/new');
			await page.fill('#place', 'QPS, salla e mbledhjeve');
			await Promise.all([page.waitForURL(/\/conferences\/\d+$/),
				page.click('form[action="/conferences"] button[type="submit"]')]);
			m = new URL(page.url()).pathname;
		}
		return m + path.slice('{conference}'.length);
	}
	if (path === '{cgroup}') {	/* the municipality's first community group */
		await page.goto('/admin/community-groups');
		const hrefs = await page.$$eval('a[href^="/admin/community-groups/"]', (l) => l.map((a) => a.getAttribute('href')));
		if (hrefs.length)
			return hrefs[0];
		await page.fill('#name', 'GKK Hani i Elezit');
		await page.check('input[name="community_roma"]');
		await Promise.all([page.waitForURL(/\/admin\/community-groups\/\d+$/),
			page.click('form[action="/admin/community-groups"] button[type="submit"]')]);
		return new URL(page.url()).pathname;
	}
	if (path.startsWith('{child}')) {	/* the child of that first case */
		const c = await resolve(page, '{case}');
		if (!c)
			return null;
		await page.goto(c);
		const h = await page.getAttribute('dd a[href^="/children/"]', 'href');
		return h ? h + path.slice('{child}'.length) : null;
	}
	return path;
}

for (const [vname, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
	describe(`every page at ${vname} width (${viewport.width}px)`, () => {
		const ctxs = new Map();
		after(async () => {
			for (const c of ctxs.values())
				await c.close();
		});
		async function pageAs(who) {
			let ctx = ctxs.get(who);
			if (!ctx) {
				ctx = await newContext(browser, { viewport });
				ctxs.set(who, ctx);
				if (who) {
					const p = await ctx.newPage();
					await login(p, who);
					await p.close();
				}
			}
			return ctx.newPage();
		}
		for (const [name, who, path, status] of pages) {
			test(`${name}${who ? ` (${who})` : ''}`, async () => {
				const page = await pageAs(who);
				const problems = watch(page);
				const url = await resolve(page, path);
				assert.ok(url, `link for ${path}`);
				const res = await page.goto(url);
				assert.equal(res.status(), status);
				assert.deepEqual(await axe(page), [],
					'serious or critical accessibility violations');
				assert.deepEqual(await horizontalOverflow(page), [],
					'the page scrolls sideways');
				// The population list is long: its first screen tells.
				await shot(page, `sq-${vname}-${name}`, name !== 'population');
				const unexpected = problems.filter((p) => !(status >= 400 &&
				    /status of \d+/.test(p)));
				assert.deepEqual(unexpected, []);
				await page.close();
			});
		}
	});
}
