// The AI agent's settings panel (client/components/agent/AgentSettings.tsx) in real headless Chromium:
// reached from the home, filled and saved by keyboard alone, the API key write-only (never shown or
// answered back), a bad field named, and no serious axe-core violation.
import { openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

const MODEL_KEY = 'sk-browser-agent-key-0123456789';

let session: Session;
beforeAll(async () => {
	session = await openCanvas({ home: true });
});
afterAll(async () => {
	await session?.close();
});

async function agentSettings(): Promise<Record<string, unknown>> {
	const answer = await fetch(`${session.server.url}/api/agent`, {
		headers: { 'x-canvas-token': session.server.token },
	});
	return (await answer.json()) as Record<string, unknown>;
}

/** Presses Tab until the element with this id has the focus (a keyboard user's path). */
async function tabTo(id: string, most = 12) {
	const { page } = session;
	for (let step = 0; step < most; step++) {
		if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached #${id}`);
}

test('the admin sets the instructions, the model and its key by keyboard; the key is never shown again', async () => {
	const { page } = session;
	await page.getByTestId('open-agent-settings').focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByTestId('agent-settings');
	await expect(dialog).toBeVisible();
	await expect(page.getByTestId('agent-key-state')).toHaveText('No key saved yet.');
	await expect(page.getByTestId('agent-tools')).toContainText('No action is live yet');
	await screenshot(page, '60-agent-settings-empty');

	await tabTo('agent-instructions');
	await page.keyboard.type('Answer in two sentences. Never promise refunds.');
	await tabTo('agent-model-url');
	await page.keyboard.type('http://127.0.0.1:9/v1');
	await tabTo('agent-model-name');
	await page.keyboard.type('scripted-model');
	await tabTo('agent-model-key');
	await page.keyboard.type(MODEL_KEY);
	await expect(page.getByTestId('agent-model-key')).toHaveAttribute('type', 'password');
	await tabTo('agent-n8n-addresses');
	await page.keyboard.press('Control+A');
	await page.keyboard.type('http://localhost:5678');
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save');
	await page.keyboard.press('Enter');

	await expect(page.getByTestId('agent-settings-status')).toContainText('Saved.');
	await expect(page.getByTestId('agent-key-state')).toContainText('A key is saved');
	await expect(page.getByTestId('agent-model-key')).toHaveValue('');
	const stored = await agentSettings();
	expect(stored).toMatchObject({
		instructions: 'Answer in two sentences. Never promise refunds.',
		model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted-model' },
		keySet: true,
		keyN8nAddresses: ['http://localhost:5678'],
	});
	expect(JSON.stringify(stored)).not.toContain(MODEL_KEY);
	expect(await page.content()).not.toContain(MODEL_KEY);
	await screenshot(page, '61-agent-settings-saved');

	// Escape closes it and gives the focus back to the button that opened it.
	await page.keyboard.press('Escape');
	await expect(dialog).not.toBeVisible();
	expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
		'open-agent-settings',
	);
	// Opened again: what was saved, and an empty key field.
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('agent-instructions')).toHaveValue(
		'Answer in two sentences. Never promise refunds.',
	);
	await expect(page.getByTestId('agent-model-name')).toHaveValue('scripted-model');
	await expect(page.getByTestId('agent-model-key')).toHaveValue('');
	expect(session.pageErrors).toEqual([]);
});

test('a bad model address is refused, naming the field, and announced', async () => {
	const { page } = session;
	await page.getByTestId('agent-model-url').fill('not a url');
	await page.getByTestId('agent-settings-save').click();
	const error = page.getByTestId('agent-settings-error');
	await expect(error).toHaveAttribute('role', 'alert');
	await expect(error).toContainText('"model.baseUrl" is not valid');
	await screenshot(page, '62-agent-settings-error');
	expect((await agentSettings()).model).toEqual({
		baseUrl: 'http://127.0.0.1:9/v1',
		model: 'scripted-model',
	});
	await page.keyboard.press('Escape');
});
