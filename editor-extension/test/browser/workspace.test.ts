// A workspace that lasts (14.4) and the demo as a test-time override (14.2), in real headless
// Chromium: the home lists the saved actions; a new action from a template is tested against the
// demo while its graph, exports and re-imports keep the real addresses; every change is saved
// automatically (Saved / Saving… / Not saved), leaving with unsaved changes warns, and a reload finds
// the work again; actions are renamed and deleted from the home, by keyboard too.
import type { Route } from 'playwright-core';

import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => {
	await session?.close();
});

const node = (name: string) => session.page.getByTestId(`canvas-node-${name}`);
const toast = (kind: string) => session.page.getByTestId(`toast-${kind}`);
const REAL_SHOP = 'https://your-shop.myshopify.com';

async function dismissToasts() {
	for (const button of await session.page.locator('.toast .icon-button').all())
		await button.click({ timeout: 300 }).catch(() => undefined);
}

async function exportedText(): Promise<string> {
	const { page } = session;
	await page.getByTestId('open-export').click();
	const text = (await page.getByTestId('export-json').textContent()) ?? '';
	await page.getByTestId('export-dialog-close').click();
	return text;
}

/** Waits until `read` gives `expected` (the store is written a moment after a change). */
async function eventually<T>(read: () => Promise<T> | T, expected: T, timeout = 15000) {
	const deadline = Date.now() + timeout;
	let last = await read();
	while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		last = await read();
	}
	expect(last).toEqual(expected);
}

async function storedActions(): Promise<{ actions: any[]; liveCount: number }> {
	const answer = await fetch(`${session.server.url}/api/actions`, {
		headers: { 'x-canvas-token': session.server.token },
	});
	return (await answer.json()) as never;
}

test('the home lists nothing yet and offers a blank action or a template', async () => {
	const { page } = session;
	await expect(page.getByTestId('no-actions')).toBeVisible();
	await expect(page.getByTestId('live-count')).toContainText('0 live in the AI agent');
	await expect(page.getByTestId('new-from-shopify-order-status')).toBeVisible();
	await screenshot(page, '20-home-empty');
});

test('demo mode tests against the demo, but export, re-import and the graph keep the real addresses', async () => {
	const { page } = session;
	await expect(page.getByTestId('home-use-demo')).toHaveAttribute('type', 'checkbox');
	expect(await page.getByTestId('home-use-demo').isChecked()).toBe(true);
	await page.getByTestId('new-from-shopify-order-status').click();
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await expect(page.getByTestId('save-status')).toHaveText('✓ Saved');
	expect(page.url()).toMatch(/#\/actions\/action_[0-9a-f]+$/);

	await page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('against the demo backend', { timeout: 60000 });
	await node('Shopify order status').click();
	await page.getByTestId('panel-tab-requests').click();
	await expect(page.getByTestId('request-log')).toContainText('/demo/shopify/admin/api/');
	// The graph itself still holds the real address and its own credential choice.
	await page.getByTestId('panel-tab-parameters').click();
	await expect(page.getByTestId('param-shopifyOrderStatus_shopUrl')).toHaveValue(REAL_SHOP);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await expect(page.getByTestId('set-live')).toHaveAttribute(
		'title',
		/last passing test ran against the demo backend/,
	);

	const text = await exportedText();
	expect(text).toContain(REAL_SHOP);
	expect(text).not.toMatch(/\/demo\b/);
	expect(text).not.toContain('Demo token');
	await screenshot(page, '21-demo-on-export-real');

	// Re-import the export: everything comes back, nothing to restore; no test of it yet.
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(text);
	await page.getByTestId('import-submit').click();
	await expect(page.getByTestId('run-summary')).toContainText('No test yet');
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await expect(page.getByTestId('set-live')).toHaveAttribute('title', /No passing test yet/);
	expect(await exportedText()).toBe(text);
	await dismissToasts();

	// An older export that holds a demo address is named in Checks and keeps Set live off.
	const old = JSON.parse(text);
	old.nodes.find((entry: any) => entry.name === 'Shopify order status').parameters[
		'shopifyOrderStatus_shopUrl'
	] = 'http://127.0.0.1:5680/demo/shopify';
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(JSON.stringify(old));
	await page.getByTestId('import-submit').click();
	await expect(page.getByTestId('problems')).toContainText(
		"“Shopify order status” (shopifyOrderStatus_shopUrl): http://127.0.0.1:5680/demo/shopify is the canvas's demo backend",
	);
	await expect(page.getByTestId('set-live')).toHaveAttribute('title', /demo backend/);
	await screenshot(page, '22-old-export-with-demo-address');
	await page.keyboard.press('Control+z');
	await expect(page.getByTestId('problems')).not.toContainText("is the canvas's demo backend");
	await dismissToasts();
});

test('changes are saved automatically; a failed save says so and leaving then warns', async () => {
	const { page } = session;
	const name = page.getByTestId('workflow-name');
	// The store answers slowly: from the change until it has answered, the page says "Saving…",
	// never "Saved" (a reload in that moment would have lost the change).
	const slowly = async (route: Route) => {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		await route.continue();
	};
	await page.route('**/api/actions/*', slowly);
	await name.fill('Order status for Fin');
	await name.press('Enter');
	await expect(page.getByTestId('save-status')).toHaveText('Saving…', { timeout: 500 });
	await expect(page.getByTestId('save-status')).toHaveText('✓ Saved');
	await page.unroute('**/api/actions/*', slowly);
	await eventually(
		async () => (await storedActions()).actions.map((action) => action.name),
		['Order status for Fin'],
	);

	// The store cannot be reached: the page says so, and leaving now warns.
	await page.route('**/api/actions/*', (route) =>
		route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue(),
	);
	await page.getByTestId('test-values-message').fill('Where is my parcel?');
	await page.getByTestId('test-values-message').blur();
	await expect(page.getByTestId('save-status')).toContainText('Not saved: Could not reach');
	await screenshot(page, '23-not-saved');
	const dialogs: string[] = [];
	page.once('dialog', (dialog) => {
		dialogs.push(dialog.type());
		void dialog.dismiss();
	});
	await page.close({ runBeforeUnload: true });
	await eventually(() => dialogs, ['beforeunload']);
	expect(page.isClosed()).toBe(false);
	await page.unroute('**/api/actions/*');
	await page.getByTestId('save-retry').click();
	await expect(page.getByTestId('save-status')).toHaveText('✓ Saved');
	expect(session.pageErrors.filter((error) => !error.includes('ERR_CONNECTION_REFUSED'))).toEqual(
		[],
	);
});

test('a reload finds the work again: graph, name, test values, last test and credentials by name', async () => {
	const { page } = session;
	// Importing another graph switched the demo off. A credential entered on the canvas, chosen in
	// the API Action.
	await expect(page.getByTestId('demo-banner')).toHaveCount(0);
	await node('Shopify order status').click();
	await page.getByTestId('credential-select-finFixedTokenApi').selectOption('__create__');
	const dialog = page.getByTestId('credential-dialog');
	await dialog.getByTestId('credential-name').fill('Shopify Admin token');
	await dialog.getByTestId('credential-token').fill('shpat_reload_secret_0123');
	await dialog.getByTestId('credential-save').click();
	await expect(dialog).toHaveCount(0);
	await expect(
		page.getByTestId('credential-select-finFixedTokenApi').locator('option:checked'),
	).toHaveText('Shopify Admin token');
	// A loopback address nobody answers on: the test fails at once, and its summary is stored.
	await page.getByTestId('param-shopifyOrderStatus_shopUrl').fill('http://127.0.0.1:9');
	// The template's URL for the test customer, under its address field.
	await expect(page.getByTestId('url-preview')).toContainText(
		'http://127.0.0.1:9/admin/api/2025-07/orders.json?email=ada%40example.com&status=any',
	);
	await page.getByTestId('param-shopifyOrderStatus_shopUrl').blur();
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('Shopify order status failed', { timeout: 60000 });
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(page.getByTestId('run-summary')).toContainText('Last test failed');
	await expect(page.getByTestId('save-status')).toHaveText('✓ Saved');
	await dismissToasts();
	const before = await exportedText();

	await page.reload();
	await expect(page.getByTestId('palette')).toBeVisible();
	await expect(page.getByTestId('workflow-name')).toHaveValue('Order status for Fin');
	expect(await exportedText()).toBe(before);
	await expect(page.getByTestId('test-values-message')).toHaveValue('Where is my parcel?');
	await expect(page.getByTestId('run-summary')).toHaveAttribute('data-restored', 'true');
	await expect(page.getByTestId('run-summary')).toContainText('Last test did not pass');
	await expect(page.getByTestId('run-summary')).toContainText('Failed in Shopify order status');
	await expect(page.getByTestId('run-summary')).toContainText('test again before setting it live');
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await expect(page.getByTestId('credential-list')).toContainText('Shopify Admin token');
	expect(await page.content()).not.toContain('shpat_reload_secret_0123');
	await screenshot(page, '24-after-reload');

	// A change made just before a reload, before the autosave's moment: sent as the page goes.
	await page.getByTestId('test-values-message').fill('Where is my parcel, please?');
	await page.getByTestId('test-values-message').blur();
	await page.reload();
	await expect(page.getByTestId('test-values-message')).toHaveValue('Where is my parcel, please?');
	await expect(page.getByTestId('save-status')).toHaveText('✓ Saved');
});

test('the home lists the action with its state; rename and delete (with confirm) work by keyboard', async () => {
	const { page } = session;
	await page.getByTestId('go-home').click();
	await expect(page.getByTestId('action-list')).toBeVisible();
	const row = page.locator('[data-testid^="action-row-"]');
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('action-open')).toHaveText('Order status for Fin');
	await expect(row.getByTestId('action-state')).toHaveText('Draft');
	await screenshot(page, '25-home-list');

	// Rename by keyboard.
	await row.getByTestId('action-rename').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('action-rename-input')).toBeVisible();
	await page.keyboard.press('Control+a');
	await page.keyboard.type('Where is my order');
	await page.keyboard.press('Enter');
	await expect(row.getByTestId('action-open')).toHaveText('Where is my order');

	// Open by keyboard: the new name is the workflow's name.
	await row.getByTestId('action-open').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('workflow-name')).toHaveValue('Where is my order');
	await page.getByTestId('go-home').click();

	// Delete: Cancel keeps it; confirming removes it from the list and the store.
	await row.getByTestId('action-delete').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('delete-action-dialog')).toBeVisible();
	await screenshot(page, '26-delete-confirm');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('delete-action-dialog')).toHaveCount(0);
	await expect(row).toHaveCount(1);
	await row.getByTestId('action-delete').click();
	await page.getByTestId('delete-action-confirm').click();
	await expect(page.getByTestId('no-actions')).toBeVisible();
	expect((await storedActions()).actions).toEqual([]);
	expect(session.pageErrors.filter((error) => !error.includes('ERR_CONNECTION_REFUSED'))).toEqual(
		[],
	);
});
