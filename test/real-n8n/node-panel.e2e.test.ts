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

// The ✨ button in n8n's own node-details panel of the API Action Tool, under an AI Agent: n8n shows
// it on a field when the pointer is over it; the API Action reads $fromAI only in "Model Argument".
step('the API Action Tool offers ✨ on "Model Argument" and on no other field', async () => {
	const { api, n8n } = session.value;
	const created = await api.apiOk('POST', '/workflows', {
		name: 'From AI button (e2e)',
		nodes: [
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [0, 0],
				parameters: { promptType: 'define', text: 'Hello' },
			},
			{
				id: 'tool',
				name: 'Order status',
				type: 'n8n-nodes-fin-actions.apiActionTool',
				typeVersion: 1.1,
				position: [0, 300],
				parameters: {
					template: 'custom',
					url: 'https://api.example.com/orders/{{input.order_number}}',
					aiInputs: {
						input: [
							{
								argument: "={{ $fromAI('order_number', 'The order number', 'string') }}",
								required: true,
								maxLength: 20,
							},
						],
					},
				},
			},
		],
		connections: {
			'Order status': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: {},
	});
	await page.goto(`${n8n.url}/workflow/${created.id}/tool`);
	const fields = page.locator('[data-test-id="ndv"] [data-test-id^="parameter-input-"]');
	await fields.first().waitFor({ timeout: 30000 });
	const offered: string[] = [];
	for (let index = 0; index < (await fields.count()); index++) {
		const field = fields.nth(index);
		// The Settings tab's fields (notes...) are in the panel but hidden: only the Parameters tab.
		if (!(await field.isVisible())) continue;
		const name = (await field.getAttribute('data-test-id'))!.replace('parameter-input-', '');
		await field.hover();
		const wrapper = field.locator(
			'xpath=ancestor::*[contains(@class, "parameter-item") or @data-test-id="parameter-item"][1]',
		);
		const scope = (await wrapper.count()) > 0 ? wrapper : field.locator('xpath=..');
		if ((await scope.locator('[data-test-id="from-ai-override-button"]').count()) > 0)
			offered.push(name);
	}
	expect({ fields: await fields.count(), offered }).toEqual({
		fields: expect.any(Number),
		offered: ['argument'],
	});
});

step('Response Field Picker is listed under the panel\'s "Data transformation"', async () => {
	const { n8n } = session.value;
	const workflows = await session.value.api.apiOk('GET', '/workflows?limit=250');
	const ours = (workflows.data as Array<{ id: string; name: string }>).find(
		(workflow) => workflow.name === 'Node panel search (e2e)',
	)!;
	await page.goto(`${n8n.url}/workflow/${ours.id}`);
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click({ timeout: 60000 });
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ timeout: 30000 });
	await page.getByText('Data transformation', { exact: true }).first().click();
	await page.waitForTimeout(400);
	const names = await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
	expect(names.map((name) => name.trim())).toContain('Response Field Picker');
});
