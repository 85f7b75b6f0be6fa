// Templates open as ready graphs and pass a test at once against the demo backend; a mock response
// works without any network; failures say what to do; "Set live" stays off while the action is not
// deployable (deploy itself: test/server/deploy.test.ts and the real n8n in test/e2e).
import type { Route } from 'playwright-core';

import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas();
});

afterAll(async () => {
	await session?.close();
});

const node = (name: string) => session.page.getByTestId(`canvas-node-${name}`);
const toast = (kind: string) => session.page.getByTestId(`toast-${kind}`);

async function dismissToasts() {
	for (const button of await session.page.locator('.toast .icon-button').all())
		await button.click({ timeout: 300 }).catch(() => undefined);
}

async function templates(): Promise<
	Array<{
		id: string;
		name: string;
		n8nOnly?: boolean;
		workflow: { nodes: Array<{ name: string; type: string }> };
	}>
> {
	return (
		await fetch(`${session.server.url}/api/templates`, {
			headers: { 'x-canvas-token': session.server.token },
		})
	).json() as never;
}

test('the templates are listed and each passes a test at once against the demo backend', async () => {
	const { page } = session;
	const list = (await templates()).filter((template) => !template.n8nOnly);
	expect(list.map((template) => template.id).sort()).toEqual([
		'electricity-usage',
		'github-issues',
		'hubspot-open-tickets',
		'jira-request-status',
		'shopify-order-status',
		'statuspage-incidents',
		'stripe-subscription',
		'zendesk-open-tickets',
	]);
	await expect(page.getByTestId('template-use-demo')).toBeVisible();
	for (const template of list) {
		await dismissToasts();
		await page.getByTestId(`template-${template.id}`).click();
		await expect(page.getByTestId('demo-banner')).toBeVisible();
		await page.getByTestId('test-response').click();
		await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
		const own = template.workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-fin-actions.'));
		expect(own).toHaveLength(4);
		for (const n of own) await expect(node(n.name)).toHaveAttribute('data-status', 'success');
		await page.getByTestId('preview-answer').click();
		const answer = JSON.parse(
			(await page.getByTestId('preview-answer-json').textContent()) ?? 'null',
		);
		expect(answer).toMatchObject({ actionUsed: true, fieldsUsed: expect.any(Array) });
		expect(answer.fieldsUsed.length).toBeGreaterThan(0);
		await page.getByTestId('preview-dialog-close').click();
		// Tested, but on the demo backend and without the trigger's credential: not deployable.
		await expect(page.getByTestId('set-live')).toBeDisabled();
		await expect(page.getByTestId('set-live')).toHaveAttribute('title', /demo backend/);
		await screenshot(page, `10-template-${template.id}`);
	}
});

test('switching the demo off restores the real addresses; a mock response then tests with no network', async () => {
	const { page } = session;
	await dismissToasts();
	await page.getByTestId('template-shopify-order-status').click();
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await page.getByTestId('demo-banner-off').click();
	await expect(page.getByTestId('demo-banner')).toHaveCount(0);
	await node('Shopify order status').click();
	await expect(page.getByTestId('param-shopifyOrderStatus_shopUrl')).toHaveValue(
		'https://your-shop.myshopify.com',
	);
	await expect(page.getByTestId('set-live')).toBeDisabled();

	// Mock: invalid JSON first (the failure says what to do), then a valid answer.
	await page.getByTestId('param-responseSource').selectOption({ label: 'Mock' });
	await page.getByTestId('param-mockResponse').fill('{"orders": [');
	await page.getByTestId('param-mockResponse').blur();
	await expect(page.locator('.field__error')).toContainText('Not valid JSON');
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('Shopify order status failed', { timeout: 60000 });
	await expect(node('Shopify order status')).toHaveAttribute('data-status', 'error');
	await page.getByTestId('panel-tab-output').click();
	await expect(page.getByTestId('run-error')).toBeVisible();
	await screenshot(page, '11-mock-error');
	await dismissToasts();

	const mock = {
		orders: [
			{
				name: '#9001',
				created_at: '2026-11-20T10:00:00Z',
				fulfillment_status: 'fulfilled',
				financial_status: 'paid',
				order_status_url: 'https://shop.example/o/9001',
				fulfillments: [{ tracking_number: 'TRACK-1' }],
				email: 'ada@example.com',
			},
		],
	};
	await page.getByTestId('panel-tab-parameters').click();
	await page.getByTestId('param-mockResponse').fill(JSON.stringify(mock, null, 2));
	await page.getByTestId('param-mockResponse').blur();
	await page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
	await page.getByTestId('panel-tab-requests').click();
	await expect(page.getByTestId('request-log')).toContainText('No request was sent');
	await page.getByTestId('preview-answer').click();
	const answer = JSON.parse(
		(await page.getByTestId('preview-answer-json').textContent()) ?? 'null',
	);
	expect(JSON.stringify(answer)).toContain('TRACK-1');
	expect(JSON.stringify(answer)).not.toContain('ada@example.com');
	await page.getByTestId('preview-dialog-close').click();
	await screenshot(page, '12-mock-passed');
});

test("Set live stays off while n8n's own checks fail, and says why on the button, in Checks and on the node", async () => {
	const { page } = session;
	await dismissToasts();
	// Tested with a mock, demo off: still not deployable while n8n's own check fails (the template's
	// Fin Trigger has no Fin Messenger credential). The button says why; Checks lists it on the node.
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await expect(page.getByTestId('set-live')).toHaveAttribute(
		'title',
		/Missing required credential: finMessengerApi/,
	);
	await expect(page.getByTestId('set-live')).not.toHaveAttribute('title', /demo backend/);
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(page.getByTestId('problems')).toContainText(
		'Missing required credential: finMessengerApi',
	);
	await expect(node('Fin Trigger')).toHaveAttribute('class', /fin-node--problem/);
	await screenshot(page, '15-checks-on-nodes');
	expect(session.pageErrors).toEqual([]);
});

test('a running test shows progress and can be cancelled; an unreachable server says what to do', async () => {
	const { page } = session;
	await dismissToasts();
	// The request is held until the test has cancelled it, however long the screenshot's axe check
	// takes on a busy machine.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/test', async (route) => {
		await held;
		await route.continue().catch(() => undefined);
	});
	await page.getByTestId('test-response').click();
	await expect(page.getByTestId('test-progress')).toBeVisible();
	await expect(node('Answer')).toHaveAttribute('data-status', 'running');
	await screenshot(page, '15-test-in-progress');
	await page.getByTestId('test-cancel').click();
	release();
	await expect(toast('error')).toContainText('cancelled');
	await expect(page.getByTestId('test-response')).toBeVisible();
	await page.unroute('**/api/test');

	await page.route('**/api/test', (route) => route.abort('connectionrefused'));
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('Could not reach the canvas server');
	await expect(toast('error')).toContainText('npm start');
	await page.unroute('**/api/test');
	expect(
		session.pageErrors.filter((message) => !message.includes('ERR_CONNECTION_REFUSED')),
	).toEqual([]);
});

test('"Test response" pressed while a template is still switching the demo on waits for it and tests on the demo', async () => {
	const { page } = session;
	await dismissToasts();
	// The demo credential is read back slowly, as on a busy machine (the demo is off since the second test).
	const slowly = async (route: Route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue().catch(() => undefined);
	};
	await page.route('**/api/credentials*', slowly);
	await page.getByTestId('template-shopify-order-status').click();
	await page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('Test passed against the demo backend', {
		timeout: 60000,
	});
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await page.unroute('**/api/credentials*', slowly);
	await dismissToasts();
});
