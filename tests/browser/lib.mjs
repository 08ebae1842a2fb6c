// Shared helpers of the browser tests: the browser, logging in, axe-core,
// screenshots. Not a test file itself (node --test runs *.test.mjs only).
//
// The server is started by run.sh, which passes RRJETI_URL and
// RRJETI_PASSWORD (the demo password). The browser is Debian's Chromium:
// nothing here ever downloads one.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const BASE = process.env.RRJETI_URL || 'http://127.0.0.1:8080';
export const PASSWORD = process.env.RRJETI_PASSWORD || '';
export const SHOTS = join(here, 'screenshots');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

if (!process.env.RRJETI_URL || !PASSWORD)
	throw new Error('run the browser tests through tests/browser/run.sh');

// Launch headless Chromium. Playwright gives every launch a fresh temporary
// profile (its own --user-data-dir under os.tmpdir(), which run.sh points at
// its temporary directory) and removes it on close.
export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-quic',
			'--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync',
		],
	});
}

// A context that speaks Albanian by default (Accept-Language), like the
// municipal desktops. CSP stays enforced: a page that needs an inline
// script or style breaks here as it would for a user.
export async function newContext(browser, opts = {}) {
	const ctx = await browser.newContext({
		viewport: PHONE,
		locale: 'sq-AL',
		baseURL: BASE,
		...opts,
	});
	ctx.setDefaultTimeout(10000);
	ctx.setDefaultNavigationTimeout(15000);
	return ctx;
}

// Collects what a page complains about: CSP refusals, script errors,
// failed requests, HTTP errors of its subresources.
export function watch(page) {
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error')
			problems.push(`console: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('requestfailed', (r) => {
		// A navigation cancels what the page before it still loaded.
		const why = r.failure()?.errorText || '';
		if (why !== 'net::ERR_ABORTED')
			problems.push(`requestfailed: ${r.url()} ${why}`);
	});
	return problems;
}

export async function login(page, username, password = PASSWORD) {
	await page.goto('/login');
	await page.fill('#username', username);
	await page.fill('#password', password);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.click('form[action="/login"] button[type="submit"]'),
	]);
}

export async function logout(page) {
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/login'),
		page.click('form[action="/logout"] button[type="submit"]'),
	]);
}

// Runs axe-core on the page (WCAG 2.x A/AA and best practices) and returns
// the serious and critical violations, each as one readable line.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function axe(page) {
	// page.evaluate goes through the DevTools protocol, which the page's
	// CSP does not restrict: the page itself still runs under its CSP.
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(axeSource);
	const res = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		return await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',
				'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
			resultTypes: ['violations'],
		});
	});
	return res.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.impact} ${v.id}: ${v.help} — ` +
			v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
}

// Whether anything sticks out sideways: the page itself must never scroll
// horizontally on a phone (tables scroll inside their .table-wrap).
export async function horizontalOverflow(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		if (document.documentElement.scrollWidth > w + 1)
			out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${w}`);
		for (const el of document.querySelectorAll('body *')) {
			if (el.closest('.table-wrap') || el.closest('.sr'))
				continue;
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1)
				out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
					`${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}` +
					` right ${Math.round(r.right)} > ${w}`);
		}
		return out.slice(0, 5);
	});
}

// The message catalogues, so that tests follow the wording translators
// choose: msg('en', 'login.title') is what the English page says.
const catalogues = {};
export function msg(lang, key) {
	if (!catalogues[lang]) {
		// po/LANG.po and its domain parts po/LANG-DOMAIN.po
		const dir = join(here, '..', '..', 'po');
		const text = readdirSync(dir).sort()
			.filter((f) => f === `${lang}.po` || (f.startsWith(`${lang}-`) && f.endsWith('.po')))
			.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
		const m = {};
		const re = /^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"/gm;
		for (const x of text.matchAll(re))
			m[x[1]] = x[2].replace(/\\(.)/g, (_, c) => c === 'n' ? '\n' : c);
		catalogues[lang] = m;
	}
	const v = catalogues[lang][key];
	if (v === undefined)
		throw new Error(`no message ${key} in po/${lang}.po`);
	return v;
}

export async function shot(page, name, fullPage = true) {
	mkdirSync(SHOTS, { recursive: true });
	const path = join(SHOTS, `${name}.png`);
	await page.screenshot({ path, fullPage });
	return path;
}
