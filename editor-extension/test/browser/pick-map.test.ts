// The picker's tree for maps keyed by IDs (issue 27, point 6), in real Chromium: an API answering
// `{"orders": {"123": {...}, "456": {...}}}` offers "every key (~*)" with "its key (~key)" under it;
// ticked by keyboard, the action picks `/orders/~*/~key` and `/orders/~*/status` and the preview is
// one object per order with its ID, nothing unpicked.
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas();
});
afterAll(async () => session?.close());

const MAP = {
	orders: {
		'123': { status: 'shipped', margin: 'MARGIN-SECRET' },
		'456': { status: 'pending', margin: 'MARGIN-SECRET' },
	},
};

/** Ticks a row's checkbox with the keyboard: focus it, press Space. */
async function tickByKeyboard(pointer: string) {
	const box = session.page.getByTestId(`pick-${pointer}`);
	await box.focus();
	await session.page.keyboard.press('Space');
	expect(await box.isChecked()).toBe(true);
}

test('a map keyed by IDs offers "every key (~*)"; ticking its key and a field previews one object per entry', async () => {
	const { page } = session;
	await page.getByTestId('template-shopify-order-status').click();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.getByTestId('canvas-node-Shopify order status').click();
	await page.getByTestId('param-responseSource').selectOption({ label: 'Mock' });
	await page.getByTestId('param-mockResponse').fill(JSON.stringify(MAP));
	await page.getByTestId('param-mockResponse').blur();
	await page.getByTestId('test-response').click();
	await expect(page.getByTestId('test-response')).toBeVisible({ timeout: 60000 });
	await page.getByTestId('canvas-node-Shopify order status').click();
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('pick-/orders/~*')).toBeVisible({ timeout: 60000 });
	await expect(
		page.getByRole('button', { name: 'Collapse orders › every key (~*)' }),
	).toBeVisible();
	await expect(page.getByTestId('field-picker')).toContainText('its key (~key)');
	await tickByKeyboard('/orders/~*/~key');
	await tickByKeyboard('/orders/~*/status');
	await expect(page.getByTestId('answer-preview')).toHaveAttribute('data-current', 'true');
	const preview = (await page.getByTestId('answer-preview-json').textContent()) ?? '';
	expect(preview).toContain('"Orders key": "123"');
	expect(preview).toContain('"Status": "shipped"');
	expect(preview).toContain('"Orders key": "456"');
	expect(preview).not.toContain('MARGIN-SECRET');
	await screenshot(page, '27-pick-map');
	await page.getByTestId('panel-tab-parameters').click();
	const pointers = await page
		.locator('[data-testid^="param-fields.field."][data-testid$=".pointer"]')
		.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
	expect(pointers.slice(-2)).toEqual(['/orders/~*/~key', '/orders/~*/status']);
	expect(session.pageErrors).toEqual([]);
});
