// Headless Debian Chromium (never a downloaded browser) driven by playwright-core, against the real
// canvas server started in-process on a free port. The browser is the one scripts/chromium.cjs finds
// (`npm test` installs it first); it is launched before the server, and whatever was started is
// closed again if a later step fails, so a failed setup never leaves jest waiting on an open server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// The bench (bench/canvas.ts) drives the same Chromium through this module: one declared dependency.
export { chromium } from 'playwright-core';
export type { Browser } from 'playwright-core';

import { startServer, type RunningServer } from '../../server/app';
import { tempStore } from '../server/helpers';

// Plain CommonJS shared with `npm test`'s browser step, so both use the same binary.
const { findChromium, missingMessage } = require('../../../scripts/chromium.cjs') as {
	findChromium(): string | undefined;
	missingMessage(): string;
};

export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'canvas');

const EDITOR_ROOT = join(__dirname, '..', '..');

function newestChange(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(
		stat.mtimeMs,
		...readdirSync(path).map((entry) => newestChange(join(path, entry))),
	);
}

/** Builds the client (vite build) when dist/ is missing or older than the client sources. */
export function ensureClientBuilt() {
	const built = join(EDITOR_ROOT, 'dist', 'index.html');
	const sources = ['client', 'index.html', 'vite.config.ts'].map((entry) =>
		join(EDITOR_ROOT, entry),
	);
	if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newestChange)))
		return;
	const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
	execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: EDITOR_ROOT,
		stdio: 'pipe',
		// The build `npm start` serves: under jest NODE_ENV is "test", which would bundle React's
		// development build (several times slower, and what the benchmark would then measure).
		env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
	});
}

/** Headless Debian Chromium, as `npm test` finds it (also used by the root e2e suite's canvas flow). */
export async function launchBrowser(): Promise<Browser> {
	const executablePath = findChromium();
	if (!executablePath) throw new Error(missingMessage());
	return chromium.launch({
		executablePath,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

export interface Session {
	server: RunningServer;
	browser: Browser;
	context: BrowserContext;
	page: Page;
	/** Messages the page printed with console.error, and uncaught page errors. */
	pageErrors: string[];
	close(): Promise<void>;
}

/**
 * The canvas on a fresh store, in a new blank action (the tests' starting point); with
 * `{ home: true }`, left on its home, the list of saved actions.
 */
export async function openCanvas(options: { home?: boolean } = {}): Promise<Session> {
	mkdirSync(ARTIFACTS, { recursive: true });
	ensureClientBuilt();
	const browser = await launchBrowser();
	let server: RunningServer | undefined;
	// Each page gets an empty store of its own, removed on close.
	const store = tempStore();
	try {
		server = await startServer({ port: 0, store });
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			acceptDownloads: true,
		});
		const page = await context.newPage();
		page.setDefaultTimeout(10000);
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('console', (message) => {
			// Failed API calls are logged by Chromium as resource errors; the tests provoke some on purpose.
			if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
				pageErrors.push(message.text());
		});
		await page.goto(server.openUrl);
		await page.getByTestId('home').waitFor();
		if (!options.home) {
			await page.getByTestId('new-blank-action').click();
			await page.getByTestId('palette').waitFor();
		}
		const running = server;
		return {
			server: running,
			browser,
			context,
			page,
			pageErrors,
			close: async () => {
				try {
					await browser.close();
				} finally {
					await running.close();
					store.remove();
				}
			},
		};
	} catch (error) {
		await browser.close().catch(() => undefined);
		await server?.close().catch(() => undefined);
		store.remove();
		throw error;
	}
}

interface AxeViolation {
	id: string;
	impact?: string | null;
	help: string;
	nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core (the npm package, injected into the page) on the screen as it is: the serious and
 * critical WCAG A/AA violations, as "rule: help (elements)" lines.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
			.axe;
		const result = (await axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'],
		})) as { violations: unknown[] };
		return result.violations;
	});
	return (violations as AxeViolation[])
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) =>
				`${violation.id}: ${violation.help} (${violation.nodes
					.slice(0, 5)
					.map((node) => node.target.join(' '))
					.join(', ')})`,
		);
}

/** Saves a screenshot of the screen, after checking it with axe-core: no serious or critical violation. */
export async function screenshot(page: Page, name: string) {
	await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
	const violations = await accessibilityViolations(page);
	if (violations.length)
		throw new Error(`Screen "${name}" has accessibility violations:\n${violations.join('\n')}`);
}

/** The centre of an element, for mouse gestures. */
export async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
	const box = await page.getByTestId(testId).boundingBox();
	if (!box) throw new Error(`${testId} is not visible`);
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one element to another with real mouse moves (React Flow connections, node moves). */
export async function dragBetween(page: Page, fromTestId: string, toTestId: string) {
	const from = await centre(page, fromTestId);
	const to = await centre(page, toTestId);
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
	await page.mouse.move(to.x, to.y, { steps: 5 });
	await page.mouse.up();
}
