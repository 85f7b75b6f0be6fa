// Template files on the canvas's home, in real headless Chromium, by keyboard, checked with axe:
// the cards say what each template does (the AI Agent one downloads a file for n8n), a broken file
// is refused with every wrong field named, an n8n workflow file shows what it needs before use and
// opens as an action, and any saved action exports as a template file that reads back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Download, Page } from 'playwright-core';

import { readTemplateFile } from '../../shared/template-file';
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => {
	await session?.close();
});

const TEMPLATES = join(__dirname, '../../../templates/workflows');

/** Presses Tab until the element with this test id has the focus (a keyboard user's path). */
async function tabTo(page: Page, testId: string) {
	for (let presses = 0; presses < 80; presses++) {
		const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
		if (focused === testId) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${testId}`);
}

async function downloaded(download: Download): Promise<string> {
	const path = await download.path();
	return readFileSync(path, 'utf8');
}

/**
 * "Import a template file": the button is reached by Tab; the file is then set on its file input
 * (Chromium's own file dialog is outside the page; a chooser opened by Enter is checked once below).
 */
async function importFile(page: Page, name: string, text: string) {
	await tabTo(page, 'import-template');
	await page
		.getByTestId('import-template-file')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
	await page.getByTestId('import-template-dialog').waitFor();
}

test('each card says what its template does; the AI Agent card downloads the workflow for n8n', async () => {
	const { page } = session;
	const cards = page.locator('.home__cards .template-card span:first-of-type');
	const texts = await cards.allTextContents();
	expect(texts.length).toBeGreaterThanOrEqual(9);
	expect(new Set(texts).size).toBe(texts.length);
	await tabTo(page, 'download-ai-agent-order-status-and-incidents');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.keyboard.press('Enter'),
	]);
	const workflow = JSON.parse(await downloaded(download));
	expect(workflow.nodes.map((node: { type: string }) => node.type)).toContain(
		'@n8n/n8n-nodes-langchain.agent',
	);
	await screenshot(page, '40-home-template-cards');
	// Enter on "Import a template file" opens the browser's file dialog. Waiting starts before the
	// Tabs: Playwright turns on its file-chooser interception asynchronously, and a chooser opened
	// before that is Chromium's own, which no event reports.
	const chooserOpened = page.waitForEvent('filechooser');
	await tabTo(page, 'import-template');
	await page.keyboard.press('Enter');
	const chooser = await chooserOpened;
	expect(chooser.isMultiple()).toBe(false);
	await chooser.setFiles([]);
});

test('a broken template file is refused, naming every wrong field', async () => {
	const { page } = session;
	const broken = {
		format: 'fin-actions-template',
		version: 2,
		name: '',
		workflow: {
			nodes: [
				{
					name: 'Orders',
					type: 'n8n-nodes-fin-actions.apiAction',
					typeVersion: 1.1,
					parameters: {},
					credentials: { finFixedTokenApi: { id: '1', name: 'Shop token' } },
				},
			],
			connections: {},
		},
	};
	await importFile(page, 'broken.json', JSON.stringify(broken));
	const errors = page.getByTestId('import-template-errors');
	await expect(errors).toContainText('version: must be 1');
	await expect(errors).toContainText('name: give the template a name');
	await expect(errors).toContainText(
		'workflow.nodes[0].credentials: a template names credential types only',
	);
	await screenshot(page, '41-import-template-errors');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('import-template-dialog')).toHaveCount(0);
});

test('an n8n workflow file shows what it needs, then opens as an action that exports as a template file', async () => {
	const { page } = session;
	await importFile(
		page,
		'stripe-subscription.json',
		readFileSync(join(TEMPLATES, 'stripe-subscription.json'), 'utf8'),
	);
	const needs = page.getByTestId('import-template-needs');
	await expect(needs).toContainText('finFixedTokenApi');
	await expect(needs).toContainText('finMessengerApi');
	await expect(needs).toContainText('https://api.stripe.com');
	await expect(page.getByTestId('import-template-dialog')).toContainText('Send Token As');
	await screenshot(page, '42-import-template-needs');
	await tabTo(page, 'import-template-use');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('canvas-node-Subscription status')).toBeVisible();

	await page.getByTestId('go-home').click();
	await page.getByTestId('home').waitFor();
	const row = page.locator('[data-testid^="action-row-"]', { hasText: 'Stripe subscription' });
	await row.getByTestId('action-export').focus();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.keyboard.press('Enter'),
	]);
	expect(download.suggestedFilename()).toMatch(/\.fin-template\.json$/);
	const text = await downloaded(download);
	const read = readTemplateFile(text);
	expect(read).toMatchObject({ ok: true, from: 'template' });
	if (!read.ok) return;
	expect(read.file.credentials.map((entry) => `${entry.node}: ${entry.type}`).sort()).toEqual([
		'Fin Trigger: finMessengerApi',
		'Subscription status: finFixedTokenApi',
	]);
	expect(read.file.pickedFields.length).toBeGreaterThan(0);
	expect(read.file.instructions.join('\n')).toContain('Send Token As');
	// The test values the template brought (its signed attribute) travel with it.
	expect(JSON.stringify(read.file.testValues)).toContain('stripe_customer_id');
	expect(text).not.toMatch(/"id":\s*"local_|webhookId/);
	expect(session.pageErrors).toEqual([]);
});
