// Words that match what happens (issue 27, point 4), in real Chromium: an empty answer is not a green
// "passed"; n8n's Set node, which a test runs, is neither "unknown" in Checks nor drawn "?"; the demo
// switch says which API Action it cannot point at the demo; new actions get distinct names; a missing
// action's address says so; the demo banner leaves the zoom buttons uncovered.
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => session?.close());

const P = 'n8n-nodes-fin-actions';
/** Fin Trigger → n8n's Set with no field: the graph runs and the AI would receive `{}`. */
const EMPTY_ANSWER = {
	name: 'Empty answer',
	nodes: [
		{
			id: 't',
			name: 'Fin Trigger',
			type: `${P}.finTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: 'empty-answer',
		},
		{
			id: 's',
			name: 'Nothing',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [300, 0],
			parameters: { mode: 'manual', assignments: { assignments: [] }, options: {} },
		},
	],
	connections: { 'Fin Trigger': { main: [[{ node: 'Nothing', type: 'main', index: 0 }]] } },
};

async function dismissToasts() {
	for (const button of await session.page.locator('.toast .icon-button').all())
		await button.click({ timeout: 300 }).catch(() => undefined);
}

test('new actions get distinct names: a second blank action is not "My action" again', async () => {
	const { page } = session;
	for (let round = 0; round < 2; round++) {
		await page.getByTestId('new-blank-action').click();
		await page.getByTestId('palette').waitFor();
		await page.getByTestId('go-home').click();
		await page.getByTestId('home').waitFor();
	}
	const names = await page.getByTestId('action-list').getByTestId('action-open').allTextContents();
	const mine = names.map((name) => name.trim()).filter((name) => /^My action/.test(name));
	expect(mine.length).toBe(2);
	expect(new Set(mine).size).toBe(2);
});

test('an empty answer is not "✓ passed" in green, and the Set node the test runs is neither unknown nor "?"', async () => {
	const { page } = session;
	await page.getByTestId('new-blank-action').click();
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(JSON.stringify(EMPTY_ANSWER));
	await page.getByTestId('import-submit').click();
	await expect(page.getByTestId('canvas-node-Nothing')).toBeVisible();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(page.getByTestId('problems')).not.toContainText('does not know');
	await expect(page.getByTestId('canvas-node-Nothing')).not.toHaveAttribute(
		'class',
		/fin-node--unknown/,
	);
	await expect(page.getByTestId('canvas-node-Nothing').locator('.node-icon')).not.toHaveText('?');
	await dismissToasts();
	await page.getByTestId('test-response').click();
	await expect(page.getByTestId('toast-warning')).toContainText('no answer', { timeout: 60000 });
	const summary = page.getByTestId('run-summary');
	await expect(summary).toContainText('no answer');
	await expect(summary).not.toContainText('passed');
	await expect(summary).not.toHaveAttribute('class', /run-summary--ok/);
	await screenshot(page, '27-empty-answer');
});

test('the demo switch says which API Action it cannot point at the demo, once its address is not the template’s', async () => {
	const { page } = session;
	await page.getByTestId('go-home').click();
	await page.getByTestId('new-blank-action').click();
	await page.getByTestId('template-shopify-order-status').click();
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await expect(page.getByTestId('demo-not-served')).toHaveCount(0);
	await page.getByTestId('canvas-node-Shopify order status').click();
	const shop = page.getByTestId('param-shopifyOrderStatus_shopUrl');
	await shop.fill('https://orders.example.com');
	await shop.blur();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(page.getByTestId('demo-not-served')).toContainText('Shopify order status');
	await expect(page.getByTestId('demo-not-served')).toContainText('orders.example.com');
	await expect(page.getByTestId('demo-banner')).toContainText('Shopify order status');
	await screenshot(page, '27-demo-not-served');
});

test('the demo banner leaves the zoom buttons uncovered, also on a narrower window', async () => {
	const { page } = session;
	for (const width of [1440, 1180]) {
		await page.setViewportSize({ width, height: 800 });
		await page.waitForTimeout(200);
		const banner = (await page.getByTestId('demo-banner').boundingBox())!;
		const zoom = (await page.locator('.react-flow__controls').boundingBox())!;
		const overlap =
			banner.x < zoom.x + zoom.width &&
			zoom.x < banner.x + banner.width &&
			banner.y < zoom.y + zoom.height &&
			zoom.y < banner.y + banner.height;
		expect({ width, overlap }).toEqual({ width, overlap: false });
	}
	await screenshot(page, '27-demo-banner-narrow');
	await page.setViewportSize({ width: 1440, height: 900 });
});

test('a missing action’s address says so instead of silently going home', async () => {
	const { page, server } = session;
	await page.getByTestId('go-home').click();
	// A fresh load of that address (a hash change alone does not reload the page, and a reload after
	// the page has already cleared the address would load the home page instead).
	await page.goto('about:blank');
	await page.goto(`${server.openUrl}#/actions/no-such-action`);
	await expect(page.getByTestId('missing-action')).toContainText('no-such-action');
	await expect(page.getByTestId('home')).toBeVisible();
	await screenshot(page, '27-missing-action');
	expect(session.pageErrors).toEqual([]);
});
