// The whole path of an ops admin in real headless Chromium against the real canvas server: build a graph
// from the palette, connect (and be refused), configure, enter a credential, test against the demo
// backend, pick fields, preview the answer, export, and import again without loss.
import { readFileSync } from 'node:fs';

import { dragBetween, openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

const SECRET = 'secret-demo-token-1234567';

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

async function exportedWorkflow(): Promise<{ text: string; json: Record<string, any> }> {
	const { page } = session;
	await page.getByTestId('open-export').click();
	const text = (await page.getByTestId('export-json').textContent()) ?? '';
	await page.getByTestId('export-dialog-close').click();
	return { text, json: JSON.parse(text) };
}

test('palette: four nodes with icons, searchable', async () => {
	const { page } = session;
	for (const name of ['finTrigger', 'audienceFilter', 'apiAction', 'responseFieldPicker']) {
		await expect(page.getByTestId(`palette-node-${name}`).locator('img')).toHaveAttribute(
			'src',
			`/api/icons/${name}.svg`,
		);
	}
	const natural = await page
		.getByTestId('palette-node-apiAction')
		.locator('img')
		.evaluate((img: HTMLImageElement) => img.naturalWidth);
	expect(natural).toBeGreaterThan(0);
	await page.getByTestId('palette-search').fill('pick fields');
	await expect(page.locator('[data-testid^="palette-node-"]')).toHaveCount(1);
	await page.getByTestId('palette-search').fill('');
	await expect(page.locator('[data-testid^="palette-node-"]')).toHaveCount(4);
	// Fin Agent Reply belongs to the agent the canvas builds, not to an action.
	await expect(page.getByTestId('palette-node-finAgentReply')).toHaveCount(0);
	await expect(page.getByTestId('empty-hint')).toBeVisible();
	await screenshot(page, '01-empty-canvas');
});

test('drag from the palette, click to add after the selected node (connected, like n8n)', async () => {
	const { page } = session;
	await page
		.getByTestId('palette-node-finTrigger')
		.dragTo(page.getByTestId('canvas'), { targetPosition: { x: 220, y: 320 } });
	await expect(node('Fin Trigger')).toBeVisible();
	// The new node is selected: clicking palette entries chains the next steps after it.
	await page.getByTestId('palette-node-apiAction').click();
	await page.getByTestId('palette-node-responseFieldPicker').click();
	await expect(node('API Action')).toBeVisible();
	await expect(node('Response Field Picker')).toBeVisible();
	await expect(page.locator('.react-flow__edge')).toHaveCount(2);
	// A second trigger is refused with the reason.
	await page.getByTestId('palette-node-finTrigger').click();
	await expect(toast('warning')).toContainText('already starts with Fin Trigger');
	await dismissToasts();
	await screenshot(page, '02-built-from-palette');
});

test('connections are validated: loops and inputs into the trigger are refused with the reason', async () => {
	const { page } = session;
	await page
		.getByTestId('palette-node-audienceFilter')
		.dragTo(page.getByTestId('canvas'), { targetPosition: { x: 420, y: 560 } });
	await expect(node('Audience Filter')).toBeVisible();
	await dragBetween(page, 'handle-out-Response Field Picker-0', 'handle-in-Audience Filter-0');
	await expect(page.locator('.react-flow__edge')).toHaveCount(3);
	await dragBetween(page, 'handle-out-Audience Filter-0', 'handle-in-API Action-0');
	await expect(toast('warning')).toContainText('This would make a loop');
	await expect(page.locator('.react-flow__edge')).toHaveCount(3);
	await dismissToasts();
	// The trigger has no input handle at all.
	await expect(page.getByTestId('handle-in-Fin Trigger-0')).toHaveCount(0);
	await screenshot(page, '03-connection-refused');
});

test('delete, undo, redo, copy and paste with n8n shortcuts', async () => {
	const { page } = session;
	await node('Audience Filter').click();
	await page.keyboard.press('Delete');
	await expect(node('Audience Filter')).toHaveCount(0);
	await expect(page.locator('.react-flow__edge')).toHaveCount(2);
	await page.keyboard.press('Control+z');
	await expect(node('Audience Filter')).toBeVisible();
	await expect(page.locator('.react-flow__edge')).toHaveCount(3);
	await page.keyboard.press('Control+Shift+z');
	await expect(node('Audience Filter')).toHaveCount(0);

	await node('API Action').click();
	await page.keyboard.press('Control+c');
	await page.keyboard.press('Control+v');
	await expect(node('API Action1')).toBeVisible();
	await page.getByTestId('undo').click();
	await expect(node('API Action1')).toHaveCount(0);
	await dismissToasts();
	await page.keyboard.press('Escape');
	await page.keyboard.press('1');
	// Shift+S adds a sticky note (an n8n sticky node), Ctrl+Z takes it away again.
	await page.locator('.react-flow__pane').click({ position: { x: 30, y: 300 } });
	await page.keyboard.press('Shift+S');
	await expect(page.getByTestId('sticky-Sticky Note')).toBeVisible();
	await page.keyboard.press('Control+z');
	await expect(page.getByTestId('sticky-Sticky Note')).toHaveCount(0);
});

test('configure the API Action from its own description, with a write-only credential', async () => {
	const { page, server } = session;
	await node('API Action').click();
	await expect(page.getByTestId('side-panel')).toBeVisible();
	// Rendered from description.properties: a Custom template shows URL; Mock Response only in mock mode.
	await expect(page.getByTestId('param-url')).toBeVisible();
	await expect(page.getByTestId('param-mockResponse')).toHaveCount(0);
	await page.getByTestId('param-url').fill(`${server.url}/demo/customers/{{user.user_id}}/usage`);
	await page.getByTestId('param-url').press('Tab');
	await page.getByTestId('param-authentication').selectOption({ label: 'Fin Fixed Token' });
	await page.getByTestId('credential-select-finFixedTokenApi').selectOption('__create__');
	const dialog = page.getByTestId('credential-dialog');
	await expect(dialog).toBeVisible();
	await dialog.getByTestId('credential-name').fill('Utility token');
	await dialog.getByTestId('credential-token').fill(SECRET);
	await expect(dialog.getByTestId('credential-token')).toHaveAttribute('type', 'password');
	await screenshot(page, '04-credential-dialog');
	await dialog.getByTestId('credential-save').click();
	await expect(dialog).toHaveCount(0);
	await expect(
		page.getByTestId('credential-select-finFixedTokenApi').locator('option:checked'),
	).toHaveText('Utility token');
	// Changing it again starts empty: the saved secret never comes back to the page.
	await page.getByTestId('credential-edit-finFixedTokenApi').click();
	await expect(page.getByTestId('credential-token')).toHaveValue('');
	await expect(page.getByTestId('credential-token')).toHaveAttribute(
		'placeholder',
		/Saved on the server/,
	);
	await page.getByTestId('credential-dialog-close').click();
	expect(await page.content()).not.toContain(SECRET);
	await screenshot(page, '05-api-action-configured');
});

test('Set live stays disabled until a test succeeded; the test runs against the demo backend', async () => {
	const { page } = session;
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await page.getByTestId('test-response').click();
	// Every node runs, but no field is ticked yet: the AI would receive nothing, which is not a pass.
	await expect(toast('warning')).toContainText('no answer', { timeout: 60000 });
	await expect(toast('success')).toHaveCount(0);
	for (const name of ['Fin Trigger', 'API Action', 'Response Field Picker']) {
		await expect(node(name)).toHaveAttribute('data-status', 'success');
	}
	await expect(page.getByTestId('node-items-API Action')).toHaveText('1 item');
	// A passing test is not enough to go live: a demo address typed into the graph itself and the
	// trigger's missing credential keep "Set live" off, and Checks names each reason.
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
	await expect(page.getByTestId('problems')).toContainText(
		"/demo/customers/{{user.user_id}}/usage is the canvas's demo backend",
	);
	await expect(page.getByTestId('problems')).toContainText(
		'Missing required credential: finMessengerApi',
	);

	await node('API Action').click();
	await page.getByTestId('panel-tab-requests').click();
	await expect(page.getByTestId('request-log')).toContainText('200');
	await expect(page.getByTestId('request-log')).toContainText('/demo/customers/cus_1001/usage');
	await expect(page.getByTestId('request-log')).not.toContainText(SECRET);
	// The API answered total_kwh (Requests tab), but a new API Action lets nothing out until a field
	// is ticked: its output, stored with every n8n execution, holds an empty response.
	await expect(page.getByTestId('request-log')).toContainText('total_kwh');
	await page.getByTestId('panel-tab-output').click();
	await expect(page.getByTestId('run-output-0')).toContainText('fieldsUsed');
	await expect(page.getByTestId('run-output-0')).not.toContainText('total_kwh');
	await page.getByTestId('panel-tab-input').click();
	await expect(page.getByTestId('run-input')).toContainText('cus_1001');
	await dismissToasts();
	await screenshot(page, '06-tested-request-log');
});

test('pick fields in the response tree: ticks write JSON pointers, with a wildcard for arrays', async () => {
	const { page } = session;
	await node('Response Field Picker').click();
	await page.getByTestId('panel-tab-fields').click();
	await page.getByTestId('pick-/total_kwh').check();
	await page.getByTestId('pick-/daily_usage/*/kwh').check();
	await page.getByTestId('pick-/account_number').check();
	await page.getByTestId('pick-/account_number').uncheck();
	await screenshot(page, '07-field-picker');
	// Picked at the source: the ticks are the API Action's own fields.
	await node('API Action').click();
	await page.getByTestId('panel-tab-parameters').click();
	await expect(page.getByTestId('param-fields.field.0.pointer')).toHaveValue('/total_kwh');
	await expect(page.getByTestId('param-fields.field.1.pointer')).toHaveValue('/daily_usage/*/kwh');
	await expect(page.getByTestId('param-fields.field.1.name')).toHaveValue('Kwh');
	await expect(page.getByTestId('param-fields.field.2.pointer')).toHaveCount(0);
	// A changed graph needs a new test before it may go live.
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await page.keyboard.press('Control+Enter');
	await expect(toast('success')).toContainText('Test passed', { timeout: 60000 });
	await page.getByTestId('preview-answer').click();
	const raw = JSON.parse((await page.getByTestId('preview-answer-json').textContent()) ?? 'null');
	const answer = Array.isArray(raw) ? raw : [raw];
	expect(answer).toHaveLength(1);
	// A new picker groups fields under a list: one object per day, not a parallel list of numbers.
	expect(answer[0].answer).toEqual({
		'Total kwh': expect.any(Number),
		daily_usage: expect.any(Array),
	});
	expect(answer[0].answer.daily_usage).toHaveLength(7);
	expect(answer[0].answer.daily_usage[0]).toEqual({ Kwh: expect.any(Number) });
	expect(JSON.stringify(answer)).not.toContain('account_number');
	await screenshot(page, '08-preview-answer');
	await page.getByTestId('preview-dialog-close').click();
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await expect(page.getByTestId('set-live')).not.toHaveAttribute('title', /graph changed/);
	await dismissToasts();
});

test('export n8n workflow JSON (no secrets), download it, and import it again without loss', async () => {
	const { page } = session;
	const { text, json } = await exportedWorkflow();
	expect(text).not.toContain(SECRET);
	expect(json.nodes.map((n: { type: string }) => n.type)).toEqual([
		'n8n-nodes-fin-actions.finTrigger',
		'n8n-nodes-fin-actions.apiAction',
		'n8n-nodes-fin-actions.responseFieldPicker',
	]);
	const action = json.nodes[1];
	expect(action.credentials).toEqual({
		finFixedTokenApi: { id: expect.stringMatching(/^local_/), name: 'Utility token' },
	});
	expect(json.connections['Fin Trigger'].main[0][0].node).toBe('API Action');
	expect(json.nodes[2].parameters).toEqual({ access: 'full' });
	expect(action.parameters.responseMode).toBe('picked');
	expect(action.parameters.fields.field.map((f: { pointer: string }) => f.pointer)).toEqual([
		'/total_kwh',
		'/daily_usage/*/kwh',
	]);

	await page.getByTestId('open-export').click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-download').click(),
	]);
	expect(download.suggestedFilename()).toBe('My-action.json');
	expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(json);
	await page.getByTestId('export-dialog-close').click();

	// Unknown fields, a sticky note and a foreign node must survive the import/export round trip.
	const enriched = {
		...json,
		meta: { instanceId: 'abc', templateCredsSetupCompleted: true },
		tags: [{ id: '1', name: 'fin' }],
		pinData: {},
		nodes: [
			...json.nodes.map((n: Record<string, unknown>, i: number) =>
				i === 1 ? { ...n, notes: 'keep me', retryOnFail: true, customField: { a: [1, 2] } } : n,
			),
			{
				parameters: {
					content: '## Read me\nFill in **the URL**',
					height: 200,
					width: 300,
					color: 4,
				},
				id: 'sticky-1',
				name: 'Sticky Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [100, 40],
			},
			{
				parameters: { mode: 'raw' },
				id: 'set-1',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [900, 400],
			},
		],
		connections: {
			...json.connections,
			'Response Field Picker': { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		},
	};
	await page.getByTestId('open-import').click();
	await page.getByTestId('import-text').fill('{"broken": ');
	await page.getByTestId('import-submit').click();
	await expect(page.getByTestId('import-error')).toContainText('not valid JSON');
	await page.getByTestId('import-text').fill(JSON.stringify(enriched));
	await page.getByTestId('import-submit').click();
	await expect(page.getByTestId('sticky-Sticky Note')).toBeVisible();
	await expect(node('Set')).toBeVisible();
	await screenshot(page, '09-imported');
	const again = await exportedWorkflow();
	expect(again.json).toEqual(enriched);
	// Undo brings back the graph from before the import.
	await page.keyboard.press('Control+z');
	await expect(node('Set')).toHaveCount(0);
	expect(session.pageErrors).toEqual([]);
});

test('test values drive the run: an unknown customer fails with what to do next', async () => {
	const { page } = session;
	await dismissToasts();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('test-values-user-name-0')).toHaveValue('user_id');
	await page.getByTestId('test-values-user-value-0').fill('cus_9999');
	await page.getByTestId('test-response').click();
	await expect(toast('error')).toContainText('API Action failed', { timeout: 60000 });
	await expect(node('API Action')).toHaveAttribute('data-status', 'error');
	await expect(page.getByTestId('set-live')).toBeDisabled();
	await page.getByTestId('panel-tab-output').click();
	await expect(page.getByTestId('run-error')).toContainText('404');
	await screenshot(page, '16-unknown-customer');
	await page.keyboard.press('Escape');
	await page.getByTestId('test-values-user-value-0').fill('cus_1001');
	expect(session.pageErrors).toEqual([]);
});
