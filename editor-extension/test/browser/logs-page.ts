// The Logs view (#/actions/<id>/logs) of a live action in real headless Chromium, checked against
// the runs its server answered: one row per run, the failed run's node and hint, the keyboard path,
// axe (WCAG 2.1 A/AA) and a screenshot. Used by the end-to-end suite against a real n8n
// (test/e2e/canvas-deploy.e2e.test.ts), where the runs exist.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

import type { RunningServer } from '../../server/app';
import { accessibilityViolations, ensureClientBuilt } from './browser';

const { findChromium, missingMessage } = require('../../../scripts/chromium.cjs') as {
	findChromium(): string | undefined;
	missingMessage(): string;
};

export async function checkLogsPage(
	server: Pick<RunningServer, 'openUrl' | 'url'>,
	actionId: string,
	runs: Array<{ id: string; customer: { id?: string } }>,
	expected: { failedCustomer: string; failedNode: string; screenshot: string },
) {
	const executablePath = findChromium();
	if (!executablePath) throw new Error(missingMessage());
	ensureClientBuilt();
	const browser = await chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(20000);
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		// The session secret first (it becomes a cookie), then the action's Logs address.
		await page.goto(server.openUrl);
		await page.goto(`${server.url}/#/actions/${actionId}/logs`);
		await page.getByTestId('logs-table').waitFor();
		expect(await page.getByTestId('logs-run').count()).toBe(runs.length);
		const failedId = runs.find((run) => run.customer.id === expected.failedCustomer)!.id;
		const failed = page.locator(`[data-run-id="${failedId}"]`).getByTestId('logs-run-error');
		const text = await failed.innerText();
		expect(text).toContain(`Failed in “${expected.failedNode}”`);
		expect(text).toContain('Open this run in n8n');
		// Keyboard: the heading has the focus, then Tab reaches Refresh and the failed run's n8n link.
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('logs-title');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Refresh');
		// Then the two views (this action's runs, the agent's conversations), then the runs.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
			'Open this run in n8n',
		);
		expect(await accessibilityViolations(page)).toEqual([]);
		mkdirSync(dirname(expected.screenshot), { recursive: true });
		await page.screenshot({ path: expected.screenshot, fullPage: true });
		expect(pageErrors).toEqual([]);
		return text;
	} finally {
		await browser.close();
	}
}
