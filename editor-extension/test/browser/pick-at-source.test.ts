// Picking at the source (audit point 7): the Pick fields tab shows the API's response as the test
// received it, ticks become the API Action's own picked fields (so unpicked data never leaves it, nor
// is stored in n8n's executions), and the preview is what production answers: a run of the real nodes.
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

async function testPasses() {
	await dismissToasts();
	await session.page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
	await dismissToasts();
}

/**
 * The demo shop dates its orders relative to now, to the second: two tests a few seconds apart get
 * different timestamps from the API itself, which says nothing about the preview.
 */
const undated = (text: string) =>
	JSON.parse(text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/g, '<time>'));

/** What "Preview answer" shows after the last test: the answer n8n would send. */
async function testedAnswer(): Promise<unknown> {
	const { page } = session;
	await page.getByTestId('preview-answer').click();
	const answer = undated((await page.getByTestId('preview-answer-json').textContent()) ?? '');
	await page.getByTestId('preview-dialog-close').click();
	return answer;
}

/** The preview beside the tree, once it describes the fields ticked now. */
async function pickPreview(): Promise<unknown> {
	const { page } = session;
	await expect(page.getByTestId('answer-preview')).toHaveAttribute('data-current', 'true');
	return undated((await page.getByTestId('answer-preview-json').textContent()) ?? '');
}

const TEMPLATE_POINTERS = [
	'/orders/*/name',
	'/orders/*/created_at',
	'/orders/*/fulfillment_status',
	'/orders/*/financial_status',
	'/orders/*/fulfillments/*/tracking_number',
	'/orders/*/order_status_url',
];

test('on a template that picks, the tree is the raw API response with its fields ticked and found', async () => {
	const { page } = session;
	await page.getByTestId('template-shopify-order-status').click();
	await testPasses();
	await node('Shopify order status').click();
	await page.getByTestId('panel-tab-fields').click();
	// The raw response: Shopify's own keys, not the picked answer's display names.
	await expect(page.getByTestId('pick-/orders/*/total_price')).toBeVisible();
	await expect(page.getByTestId('pick-/orders/*/email')).toBeVisible();
	await expect(page.getByTestId('pick-/Order')).toHaveCount(0);
	await expect(page.getByTestId('pick-/Order/*')).toHaveCount(0);
	for (const pointer of TEMPLATE_POINTERS) {
		await page.getByTestId(`pick-${pointer}`).waitFor({ state: 'attached' });
		expect(await page.getByTestId(`pick-${pointer}`).isChecked()).toBe(true);
	}
	expect(await page.getByTestId('pick-/orders/*/total_price').isChecked()).toBe(false);
	// The template's fields find something for the test customer: no "find nothing" note.
	await pickPreview();
	await expect(page.getByTestId('field-picker-missing')).toHaveCount(0);
	await screenshot(page, '50-pick-at-source-template');
});

test("ticking a field on the template's action adds it to the action's fields; the preview is what a re-run answers", async () => {
	const { page } = session;
	const before = await pickPreview();
	expect(before).toEqual(await testedAnswer());
	await page.getByTestId('pick-/orders/*/total_price').check();
	const preview = (await pickPreview()) as Record<string, any>;
	expect(JSON.stringify(preview)).toContain('Total price');
	expect(preview).not.toEqual(before);
	// Written into the API Action's own picked fields, with the pointer the node resolves in production.
	await page.getByTestId('panel-tab-parameters').click();
	await expect(page.getByTestId('param-fields.field.6.pointer')).toHaveValue(
		'/orders/*/total_price',
	);
	await expect(page.getByTestId('param-responseMode').locator('option:checked')).toHaveText(
		'Picked Fields',
	);
	await testPasses();
	expect(await testedAnswer()).toEqual(preview);
	// Unticking removes it again, and the preview follows.
	await node('Shopify order status').click();
	await page.getByTestId('panel-tab-fields').click();
	await page.getByTestId('pick-/orders/*/total_price').uncheck();
	expect(await pickPreview()).toEqual(before);
	await expect(page.getByTestId('field-picker-missing')).toHaveCount(0);
});

test('the Response Field Picker after the action shows the same raw tree, and its ticks go to the action', async () => {
	const { page } = session;
	await node('Answer').click();
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('field-picker-target')).toContainText('Shopify order status');
	await page.getByTestId('pick-/orders/*/currency').check();
	const preview = await pickPreview();
	expect(JSON.stringify(preview)).toContain('Currency');
	await node('Shopify order status').click();
	await page.getByTestId('panel-tab-parameters').click();
	await expect(page.getByTestId('param-fields.field.6.pointer')).toHaveValue('/orders/*/currency');
	await testPasses();
	expect(await testedAnswer()).toEqual(preview);
});

test('a new API Action picks by default: nothing leaves it until a field is ticked; Full Response is an opt-in with a warning', async () => {
	const { page } = session;
	await page.getByTestId('go-home').click();
	await page.getByTestId('new-blank-action').click();
	await page.getByTestId('palette').waitFor();
	await page.getByTestId('palette-node-finTrigger').click();
	await page.getByTestId('palette-node-apiAction').click();
	await node('API Action').click();
	await expect(page.getByTestId('param-responseMode').locator('option:checked')).toHaveText(
		'Picked Fields',
	);
	await expect(page.getByTestId('param-no-fields-picked')).toContainText('Pick fields');
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('field-picker-none')).toContainText('No field is picked');
	await page.getByTestId('panel-tab-parameters').click();
	await page.getByTestId('param-responseMode').selectOption({ label: 'Full Response' });
	await expect(page.getByTestId('param-fullResponseNotice')).toContainText(
		'stores it with the execution',
	);
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('field-picker-full')).toContainText("n8n's executions");
	await screenshot(page, '51-pick-at-source-full-warning');
	expect(session.pageErrors).toEqual([]);
});
