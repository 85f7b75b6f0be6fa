// Issue 15, forms instead of JSON: test values as rows (JSON as the alternative) that block the test
// and "Set live" while invalid.
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
beforeAll(async () => {
	session = await openCanvas();
});
afterAll(async () => {
	await session?.close();
});

const toast = (kind: string) => session.page.getByTestId(`toast-${kind}`);

async function dismissToasts() {
	for (const button of await session.page.locator('.toast .icon-button').all())
		await button.click({ timeout: 300 }).catch(() => undefined);
}

test('invalid test values block the test and Set live, with the reason in Checks', async () => {
	const { page } = session;
	await page.getByTestId('template-electricity-usage').click();
	await page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
	await dismissToasts();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	// Rows: the user's attributes as name / value rows, typed.
	const rows = page.getByTestId('test-values-user-rows');
	await expect(page.getByTestId('test-values-user-name-0')).toHaveValue('user_id');
	await expect(page.getByTestId('test-values-user-value-0')).toHaveValue('cus_1001');
	await screenshot(page, '30-test-values-rows');
	// A number that is not one: the test and Set live are blocked, with the reason in Checks.
	await page.getByTestId('test-values-user-add').click();
	const last = (await rows.locator('tbody tr').count()) - 1;
	await page.getByTestId(`test-values-user-name-${last}`).fill('age');
	await page.getByTestId(`test-values-user-type-${last}`).selectOption('number');
	await page.getByTestId(`test-values-user-value-${last}`).fill('forty');
	await expect(page.getByTestId('test-values-error')).toContainText(
		'user.age: “forty” is not a number',
	);
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('test values');
	await expect(toast('success')).toHaveCount(0);
	await expect(page.getByTestId('problems')).toContainText('Set live: The test values');
	await expect(page.getByTestId('set-live')).toHaveAttribute('title', /test values/);
	await screenshot(page, '31-test-values-invalid-row');
	await page.getByTestId(`test-values-user-value-${last}`).fill('40');
	await expect(page.getByTestId('test-values-error')).toHaveCount(0);
	await dismissToasts();

	// JSON view: the same values as one object; broken JSON blocks the same way.
	await page.getByTestId('test-values-view-json').click();
	const json = page.getByTestId('test-values-json');
	expect(JSON.parse(await json.inputValue()).user).toMatchObject({ user_id: 'cus_1001', age: 40 });
	await json.fill('{"user": {"user_id": "cus_1001", ');
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('test values');
	await expect(page.getByTestId('test-values-error')).toContainText('not valid JSON');
	await expect(page.getByTestId('test-values-view-rows')).toBeDisabled();
	await expect(page.getByTestId('problems')).toContainText('Set live: The test values');
	await screenshot(page, '32-test-values-json-invalid');
	// An unknown customer, valid JSON: the test runs with exactly these values (and fails on 404).
	await json.fill(
		JSON.stringify({ user: { user_id: 'cus_9999', meter_type: 'smart' }, message: 'Hi' }),
	);
	await expect(page.getByTestId('test-values-error')).toHaveCount(0);
	await dismissToasts();
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('Electricity usage failed', { timeout: 60000 });
	// The Requests tab shows the API's reply: status, headers and its helpful 404 body.
	await dismissToasts();
	await page.getByTestId('panel-tab-requests').click();
	const reply = page.getByTestId('request-reply');
	await expect(reply).toContainText('404');
	await expect(reply).toContainText('customer_not_found');
	await expect(reply).toContainText('Demo customer ids: cus_1001');
	await expect(reply).toContainText('content-type');
	await screenshot(page, '34-requests-reply-404');
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await page.getByTestId('test-values-view-rows').click();
	await expect(page.getByTestId('test-values-user-value-0')).toHaveValue('cus_9999');
	await page.getByTestId('test-values-user-value-0').fill('cus_1001');
	await dismissToasts();
	expect(session.pageErrors).toEqual([]);
});

test('the credential picker sits right under Authentication; node Test Values point to the one place', async () => {
	const { page } = session;
	await dismissToasts();
	await page.getByTestId('canvas-node-Electricity usage').click();
	await expect(page.getByTestId('param-authentication')).toBeVisible();
	const nextToAuthentication = await page.evaluate(() => {
		const field = document.querySelector('[data-testid="param-authentication"]')?.closest('.field');
		return field?.nextElementSibling
			?.querySelector('[data-testid^="credential-select-"]')
			?.getAttribute('data-testid');
	});
	// The template's own authentication (the demo is a test-time override: the graph keeps it).
	expect(nextToAuthentication).toBe('credential-select-finDynamicTokenApi');
	// Switching to another credential type moves the matching picker to the same place.
	await page.getByTestId('param-authentication').selectOption({ label: 'Fin Fixed Token' });
	const afterSwitch = await page.evaluate(() => {
		const field = document.querySelector('[data-testid="param-authentication"]')?.closest('.field');
		return field?.nextElementSibling
			?.querySelector('[data-testid^="credential-select-"]')
			?.getAttribute('data-testid');
	});
	expect(afterSwitch).toBe('credential-select-finFixedTokenApi');
	await page.getByTestId('credential-select-finFixedTokenApi').scrollIntoViewIfNeeded();
	await screenshot(page, '33-credential-next-to-authentication');
	await page.getByTestId('undo').click();
	// The node's own Test Values are not a second place to edit them in the canvas.
	await expect(page.getByTestId('param-testValues')).toHaveCount(0);
	await expect(page.getByTestId('param-testValues-canvas')).toContainText('the one place');
	await page.getByTestId('edit-test-values').click();
	await expect(page.getByTestId('test-values')).toBeVisible();
	await page.getByTestId('canvas-node-Fin Trigger').click();
	await expect(page.getByTestId('param-testValues-canvas')).toBeVisible();
	await page.keyboard.press('Escape');
	expect(session.pageErrors).toEqual([]);
});

test('Input and Output as a table, a schema and JSON, by keyboard too', async () => {
	const { page } = session;
	await dismissToasts();
	await page.getByTestId('test-response').click();
	await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
	await dismissToasts();
	await page.getByTestId('canvas-node-Electricity usage').click();
	await page.getByTestId('panel-tab-input').click();
	const input = page.getByTestId('run-input');
	await expect(input).toHaveAttribute('data-view', 'table');
	await expect(input.locator('th', { hasText: 'user.user_id' })).toHaveCount(1);
	await expect(input.locator('tr', { hasText: 'user.user_id' })).toContainText('cus_1001');
	await screenshot(page, '35-input-table');
	await page.getByTestId('run-input-view-schema').focus();
	await page.keyboard.press('Enter');
	await expect(input).toHaveAttribute('data-view', 'schema');
	await expect(input.locator('.schema__line', { hasText: 'user_id' }).first()).toContainText(
		'string',
	);
	await screenshot(page, '36-input-schema');
	await page.getByTestId('run-input-view-json').click();
	await expect(input).toContainText('"user_id": "cus_1001"');
	await page.getByTestId('panel-tab-output').click();
	const output = page.getByTestId('run-output-0');
	await expect(output.locator('tr', { hasText: 'fieldsUsed' })).toHaveCount(1);
	await screenshot(page, '37-output-table');
	expect(session.pageErrors).toEqual([]);
});

test('URL field: a live preview for the test customer, and {{ offers the attributes (keyboard)', async () => {
	const { page } = session;
	await dismissToasts();
	await page.getByTestId('canvas-node-Electricity usage').click();
	await page.getByTestId('panel-tab-parameters').click();
	const url = page.getByTestId('param-url');
	const original = await url.inputValue();
	await expect(page.getByTestId('url-preview')).toContainText(
		'https://api.example-utility.com/customers/cus_1001/usage',
	);
	const base = original.split('{{')[0];
	await url.fill(`${base}{{user.`);
	const list = page.getByTestId('param-url-suggestions');
	await expect(list).toBeVisible();
	await expect(url).toHaveAttribute('aria-expanded', 'true');
	await expect(list.getByRole('option').first()).toHaveText('{{user.user_id}}');
	await page.keyboard.press('ArrowDown');
	await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
	await url.scrollIntoViewIfNeeded();
	await screenshot(page, '38-url-autocomplete');
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('Enter');
	await expect(url).toHaveValue(`${base}{{user.user_id}}`);
	await expect(list).not.toBeVisible();
	await url.pressSequentially('/usage?plan={{company.plan|free}}');
	await expect(page.getByTestId('url-preview')).toContainText(
		'https://api.example-utility.com/customers/cus_1001/usage?plan=free',
	);
	await screenshot(page, '39-url-preview');
	await url.fill(`${base}{{user.nothing}}/usage`);
	await expect(page.getByTestId('url-preview')).toContainText('"user.nothing"');
	await url.fill(original);
	await url.blur();
	expect(session.pageErrors).toEqual([]);
});

test('a key typed right after picking a placeholder lands after it, even before the next frame', async () => {
	const { page } = session;
	const url = page.getByTestId('param-url');
	const original = await url.inputValue();
	const base = original.split('{{')[0];
	await url.fill(`${base}{{user.`);
	await expect(page.getByTestId('param-url-suggestions')).toBeVisible();
	// A loaded machine: the next frame comes only after the key typed after Enter.
	await page.evaluate(() => {
		const frame = window.requestAnimationFrame;
		window.requestAnimationFrame = (callback) => {
			let keys = 0; // Enter's own keyup, then the next key's
			const later = () => {
				if (++keys < 2) return;
				window.removeEventListener('keyup', later);
				window.requestAnimationFrame = frame;
				callback(performance.now());
			};
			window.addEventListener('keyup', later);
			return 0;
		};
	});
	try {
		await page.keyboard.press('Enter');
		await url.pressSequentially('/usage');
		await expect(url).toHaveValue(`${base}{{user.user_id}}/usage`);
	} finally {
		await url.fill(original);
		await url.blur();
	}
	expect(session.pageErrors).toEqual([]);
});

test('the answer preview sits beside the field tree and follows the ticks', async () => {
	const { page } = session;
	await dismissToasts();
	// The template's action picks its fields; the Answer node passes them on. Ticks on the Answer
	// node's tab go to the action (picked at the source).
	await page.getByTestId('test-response').click();
	await expect(toast('error').or(toast('success')).or(toast('warning'))).toBeVisible({
		timeout: 60000,
	});
	await dismissToasts();
	await page.getByTestId('canvas-node-Answer').click();
	await page.getByTestId('panel-tab-fields').click();
	const preview = page.getByTestId('answer-preview');
	await expect(preview).toHaveAttribute('data-current', 'true');
	await expect(page.getByTestId('answer-preview-json')).toContainText('"Usage (kWh)"');
	await expect(page.getByTestId('answer-preview-json')).not.toContainText('"Kwh"');
	await page.getByTestId('pick-/daily_usage/*/kwh').check();
	// Templates are version 1.1: fields under a list answer as one object per item.
	await expect(page.getByTestId('answer-preview-json')).toContainText('"daily_usage": [');
	const answer = JSON.parse((await page.getByTestId('answer-preview-json').textContent()) ?? '');
	expect(answer.answer.daily_usage[0]).toEqual({ Kwh: expect.any(Number) });
	// Flat, on demand: each field its own list.
	await page.getByTestId('panel-tab-parameters').click();
	await page.getByTestId('canvas-node-Electricity usage').click();
	await page.getByTestId('param-answerShape').selectOption({ label: 'Flat' });
	await page.getByTestId('canvas-node-Answer').click();
	await page.getByTestId('panel-tab-fields').click();
	await expect(page.getByTestId('answer-preview-json')).toContainText('"Kwh": [');
	expect(JSON.stringify(answer)).not.toContain('account_number');
	// Beside, not below: the preview starts level with the tree, to its right.
	const tree = await page.locator('.field-picker .tree').first().boundingBox();
	const box = await preview.boundingBox();
	expect(box!.x).toBeGreaterThan(tree!.x + 100);
	expect(Math.abs(box!.y - tree!.y)).toBeLessThan(120);
	await screenshot(page, '40-answer-preview-beside-tree');
	await page.getByTestId('pick-/daily_usage/*/kwh').uncheck();
	await expect(page.getByTestId('answer-preview-json')).not.toContainText('Kwh"');
	expect(session.pageErrors).toEqual([]);
});

test('template instructions read as markdown in the panel; a note can never run HTML or script', async () => {
	const { page } = session;
	await dismissToasts();
	await page.getByTestId('template-electricity-usage').click();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	const instructions = page.getByTestId('instructions');
	await expect(instructions).toBeVisible();
	await expect(
		instructions.locator('h2', { hasText: 'Electricity usage (custom API)' }),
	).toHaveCount(1);
	await expect(instructions.locator('strong', { hasText: 'Fin Trigger' }).first()).toBeVisible();
	expect(await instructions.textContent()).not.toContain('**');
	await screenshot(page, '41-instructions-markdown');
	// Keyboard: the section folds and unfolds from its summary.
	await instructions.locator('summary').focus();
	await page.keyboard.press('Enter');
	await expect(instructions).not.toHaveAttribute('open', '');
	await page.keyboard.press('Enter');
	await expect(instructions).toHaveAttribute('open', '');

	const hostile = {
		name: 'Hostile note',
		nodes: [
			{
				id: 's',
				name: 'Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					content:
						'## Read me\n<img src="x" onerror="window.__xss=1">\n<script>window.__xss=2</script>\n\n[click](javascript:window.__xss=3) and [docs](https://docs.n8n.io)',
				},
			},
		],
		connections: {},
	};
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill(JSON.stringify(hostile));
	await page.getByTestId('import-submit').click();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(instructions.locator('h2', { hasText: 'Read me' })).toHaveCount(1);
	await page.waitForTimeout(300);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
	).toBeUndefined();
	// Neither in the panel nor on the canvas's note.
	expect(await page.locator('.markdown [onerror], .markdown script').count()).toBe(0);
	expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
	await expect(instructions.locator('a', { hasText: 'docs' })).toHaveAttribute('target', '_blank');
	await page.keyboard.press('Control+z');
	expect(session.pageErrors).toEqual([]);
});
