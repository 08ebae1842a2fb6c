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
	['trainings', 'admin.hani', '/trainings', 200],
	['professionals', 'admin.hani', '/professionals', 200],
	['imports', 'admin.hani', '/imports', 200],
	['inbox', 'arta', '/inbox', 200],
	['donors', 'admin.hani', '/donors', 200],
	['grants', 'admin.hani', '/grants', 200],
	['action-plans', 'admin.hani', '/action-plans', 200],
	['providers', 'admin.hani', '/providers', 200],
	['provider-view', 'admin.hani', '{provider}', 200],
	['provider-edit', 'admin.hani', '{provider}/edit', 200],
	['licence-new', 'admin.hani', '{provider}/licences/new', 200],
	['inspection', 'admin.hani', '{inspection}', 200],
	['standards', 'admin', '/admin/standards', 200],
	['visits', 'besim', '/visits', 200],
	['visit-new', 'besim', '/visits/new', 200],
	['visit-view', 'besim', '{visit}', 200],
	['case-protect', 'pmf.tirane', '{case}', 200],
	['referral-new', 'arta', '{case}/referrals/new', 200],
	['referrals', 'besim', '/referrals', 200],
	['dashboard-country', 'analist', '/dashboard', 200],
	['dashboard-unit', 'besim', '/dashboard', 200],
	['dashboard-municipality', 'admin.hani', '/dashboard', 200],
	['dashboard-worker', 'arta', '/dashboard', 200],
	['reports', 'admin.hani', '/reports', 200],
	['report-project', 'admin.hani', '{project}', 200],
	['cases-export', 'besim', '/exports/cases', 200],
	['list-export-personal', 'besim', '/visits/export?kind=school&format=xlsx', 200],
	['indicators', 'besim', '/indicators', 200],
	['indicator-country', 'analist', '/indicators?code=open_by_risk&by=municipality', 200],
	['indicator-referrals-sector', 'analist', '/indicators?code=referrals&by=sector', 200],
	['workforce', 'admin.hani', '/workforce', 200],
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
		const hrefs = (await page.$$eval('a[href^="/admin/community-groups/"]', (l) => l.map((a) => a.getAttribute('href'))))
			.filter((h) => /^\/admin\/community-groups\/\d+$/.test(h));
		if (hrefs.length)
			return hrefs[0];
		await page.fill('#name', 'GKK Hani i Elezit');
		await page.check('input[name="community_roma"]');
		await Promise.all([page.waitForURL(/\/admin\/community-groups\/\d+$/),
			page.click('form[action="/admin/community-groups"] button[type="submit"]')]);
		return new URL(page.url()).pathname;
	}
	if (path.startsWith('{provider}')) {	/* the first provider listed */
		await page.goto('/providers');
		const hrefs = await page.$$eval('a[href^="/providers/"]', (l) => l.map((a) => a.getAttribute('href')));
		let p = hrefs.find((h) => /^\/providers\/\d+$/.test(h));
		if (!p) {
			/* None yet: the administrator registers the organisation. */
			await page.goto('/admin/agencies');
			await page.fill('#code', 'OJQ-FEMIJET');
			await page.fill('#name', 'OJQ "Fëmijët e Hanit"');
			await page.selectOption('#type', 'provider');
			await Promise.all([page.waitForURL(/\/admin\/agencies/),
				page.click('form[action="/admin/agencies"] button[type="submit"]')]);
			await page.goto('/providers');
			const again = await page.$$eval('a[href^="/providers/"]', (l) => l.map((a) => a.getAttribute('href')));
			p = again.find((h) => /^\/providers\/\d+$/.test(h));
		}
		return p ? p + path.slice('{provider}'.length) : null;
	}
	if (path === '{inspection}') {	/* its first inspection, made as a person would */
		const p = await resolve(page, '{provider}');
		if (!p)
			return null;
		await page.goto(p);
		const h = await page.$$eval('a[href^="/inspections/"]', (l) => l.map((a) => a.getAttribute('href')));
		if (h.length)
			return h[0];
		if (!(await page.$('#licence'))) {
			const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
			await page.goto(p + '/licences/new');
			await page.fill('#licence_number', 'XK-LIC-' + Date.now());
			await page.check('input[name="service_day_care"]');
			await page.fill('#issued', day(-30));
			await page.fill('#expires', day(700));
			await page.fill('#capacity', '20');
			await Promise.all([page.waitForURL(/\/providers\/\d+#licence-\d+$/),
				page.click('form[action$="/licences"] button[type="submit"]')]);
			await page.goto(p);
		}
		await page.fill('#date', new Date().toISOString().slice(0, 10));
		await page.fill('#inspectors', 'Arben Krasniqi');
		await Promise.all([page.waitForURL(/\/inspections\/\d+$/),
			page.click('form[action$="/inspections"] button[type="submit"]')]);
		return new URL(page.url()).pathname;
	}
	if (path === '{visit}') {	/* the unit's first visit, planned as a person would */
		await page.goto('/visits');
		const hrefs = await page.$$eval('a[href^="/visits/"]', (l) => l.map((a) => a.getAttribute('href')));
		const v = hrefs.find((h) => /^\/visits\/\d+$/.test(h));
		if (v)
			return v;
		await page.goto('/visits/new');
		await page.selectOption('#kind', 'school');
		await page.fill('#date', new Date().toISOString().slice(0, 10));
		await page.fill('#place', 'Shkolla "Naim Frashëri"');
		await Promise.all([page.waitForURL(/\/visits\/\d+$/),
			page.click('form[action="/visits"] button[type="submit"]')]);
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
	if (path === '{project}') {	/* a donor project: made by the form when none */
		await page.goto('/reports');
		if (!(await page.$('a[href^="/reports/projects/"]'))) {
			await page.fill('#name', 'Rrjeti i Sigurt – Faza III');
			await page.selectOption('#country', 'XK');
			await page.fill('#start', '01.01.2017');
			await page.fill('#end', '31.12.2019');
			await Promise.all([page.waitForURL(/\/reports\/projects\/\d+$/),
				page.click('form[action="/reports/projects"] button[type="submit"]')]);
			return new URL(page.url()).pathname;
		}
		return page.getAttribute('a[href^="/reports/projects/"]', 'href');
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
