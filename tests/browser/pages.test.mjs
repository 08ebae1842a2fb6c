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
