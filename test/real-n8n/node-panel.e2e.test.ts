// n8n's own node panel in headless Chromium (real n8n 2.40.7, the packed package installed): what a
// user types finds this package's nodes, in the panel they open from the canvas's "+".
import type { Browser, Page } from 'playwright-core';

import { launchBrowser } from '../../editor-extension/test/browser/browser';
import { E2eSession, SESSION_TIMEOUT } from './support/session';

const session = new E2eSession('node-panel');
const { step } = session;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	await session.open();
	browser = await launchBrowser();
}, SESSION_TIMEOUT);
afterAll(async () => {
	await browser?.close();
	await session.close();
}, 60000);

/** The display names the node panel lists for a search. */
async function search(term: string): Promise<string[]> {
	const bar = page.locator('[data-test-id="node-creator-search-bar"]');
	const input =
		(await bar.evaluate((element) => element.tagName)) === 'INPUT' ? bar : bar.locator('input');
	await input.fill('');
	await input.fill(term);
	await page.waitForTimeout(400);
	const names = await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
	return [...new Set(names.map((name) => name.trim()))];
}

step('the editor opens a workflow with a trigger, and the node panel from its "+"', async () => {
	const { api, n8n } = session.value;
	const created = await api.apiOk('POST', '/workflows', {
		name: 'Node panel search (e2e)',
		nodes: [
			{
				id: 'manual',
				name: 'When clicking',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		settings: {},
	});
	const context = await browser.newContext();
	const { cookie, browserId } = api.editorLogin;
	const [name, value] = cookie.split('=');
	await context.addCookies([{ name, value, url: n8n.url }]);
	await context.addInitScript((id) => localStorage.setItem('n8n-browserId', id), browserId);
	// The node-details panel of a community node asks the npm registry: nothing leaves the machine.
	await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
	page = await context.newPage();
	await page.goto(`${n8n.url}/workflow/${created.id}`);
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click({ timeout: 60000 });
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ timeout: 30000 });
});

const ALL = [
	'API Action',
	'Audience Filter',
	'Fin Agent Reply',
	'Fin Trigger',
	'Response Field Picker',
];
const TERMS: Array<[string, string[]]> = [
	['Fin', ALL],
	['personalized', ALL],
	['custom action', ALL],
	['data connector', ['API Action', 'Fin Trigger', 'Response Field Picker']],
	['field picker', ['Response Field Picker']],
	['Intercom', ALL],
];

for (const [term, expected] of TERMS)
	step(`typing "${term}" in n8n's node panel lists ${expected.join(', ')}`, async () => {
		const listed = await search(term);
		expect(expected.filter((name) => !listed.includes(name))).toEqual([]);
	});
