// The picker for what a test has no example of (issue 27, point 6), in real Chromium: an empty list
// offers to type a field of its items, and a typed path shows its field name, whether it is valid and
// what the response holds there before it is added to the API Action's picked fields.
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas();
});
afterAll(async () => session?.close());

/** Sets one signed user attribute of the test values (the rows of the Test values form). */
async function setUserAttribute(name: string, value: string) {
	const { page } = session;
	const names = page.locator('[data-testid^="test-values-user-name-"]');
	for (let index = 0; index < (await names.count()); index++) {
		if ((await names.nth(index).inputValue()) !== name) continue;
		await page.getByTestId(`test-values-user-value-${index}`).fill(value);
		await page.getByTestId(`test-values-user-value-${index}`).blur();
		return;
	}
	throw new Error(`No test value named ${name}`);
}

test('an empty list offers to type a field of its items; the typed path previews its name and that the test has no example', async () => {
	const { page } = session;
	await page.getByTestId('template-shopify-order-status').click();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	// The demo shop has no order for this customer: the API answers {"orders": []}.
	await setUserAttribute('email', 'alan@example.com');
	await page.getByTestId('test-response').click();
	await expect(page.getByTestId('test-response')).toBeVisible({ timeout: 60000 });
	await page.getByTestId('canvas-node-Shopify order status').click();
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('pick-/orders')).toBeVisible();
	await page.getByTestId('type-items-/orders').click();
	const input = page.getByTestId('pick-path-input');
	await expect(input).toHaveValue('/orders/*/');
	expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
	await page.keyboard.type('total_price');
	await expect(page.getByTestId('pick-path-preview')).toContainText('Adds “Total price”');
	await expect(page.getByTestId('pick-path-preview')).toContainText('no example in this test');
	await screenshot(page, '27-pick-by-path');
	await page.keyboard.press('Enter');
	await expect(input).toHaveValue('');
	await page.getByTestId('panel-tab-parameters').click();
	await expect(page.getByTestId('param-fields.field.6.pointer')).toHaveValue(
		'/orders/*/total_price',
	);
});

test('a malformed typed path names what to fix and cannot be added; a picked one says so', async () => {
	const { page } = session;
	await page.getByTestId('panel-tab-fields').click();
	const input = page.getByTestId('pick-path-input');
	await input.fill('orders/*/name');
	await expect(page.getByTestId('pick-path-preview')).toContainText('start with "/"');
	await expect(page.getByTestId('pick-path-add')).toBeDisabled();
	await input.fill('/orders//name');
	await expect(page.getByTestId('pick-path-preview')).toContainText('empty step');
	await expect(page.getByTestId('pick-path-add')).toBeDisabled();
	await input.fill('/orders/*/total_price');
	await expect(page.getByTestId('pick-path-preview')).toContainText('Already picked');
	await expect(page.getByTestId('pick-path-add')).toBeDisabled();
	expect(session.pageErrors).toEqual([]);
});
