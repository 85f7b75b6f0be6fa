// The AI agent's settings panel (client/components/agent/AgentSettings.tsx) in real headless Chromium:
// reached from the home, filled and saved by keyboard alone, the API key write-only (never shown or
// answered back), a bad field named, and no serious axe-core violation; then "Back to draft" of a
// live action on the home list (its workflow unpublished in a loopback n8n API).
import {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
	type ScriptedResponse,
} from '../../../engine/testing';
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

const N8N_KEY = 'n8n_api_browser_0123456789';

/** Just enough of n8n's public API for one action: credentials, workflows, read, publish, deactivate. */
function tinyN8n(workflows: Map<string, Record<string, unknown>>) {
	return (request: ReceivedRequest): ScriptedResponse => {
		if (request.headers['x-n8n-api-key'] !== N8N_KEY) return { status: 401, body: {} };
		if (request.path === '/api/v1/credentials')
			return {
				body: {
					data: [{ id: 'm1', name: 'Messenger', type: 'finMessengerApi' }],
					nextCursor: null,
				},
			};
		if (request.path === '/api/v1/workflows' && request.method === 'POST') {
			workflows.set('Wf1', { ...(request.json as object), id: 'Wf1', active: false });
			return { body: workflows.get('Wf1') };
		}
		// The home list reads each deployed workflow's state back (server/n8n-state.ts).
		const read = /^\/api\/v1\/workflows\/(\w+)$/.exec(request.path);
		if (read && request.method === 'GET') {
			const workflow = workflows.get(read[1]);
			return workflow ? { body: workflow } : { status: 404, body: { message: 'Not Found' } };
		}
		const match = /^\/api\/v1\/workflows\/(\w+)\/(publish|deactivate)$/.exec(request.path);
		const found = match && workflows.get(match[1]);
		if (!found) return { status: 404, body: { message: 'Not Found' } };
		found.active = match[2] === 'publish';
		return { body: { id: found.id, active: found.active } };
	};
}

async function api(method: string, path: string, body?: unknown) {
	const answer = await fetch(`${session.server.url}${path}`, {
		method,
		headers: { 'x-canvas-token': session.server.token, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	return (await answer.json()) as Record<string, any>;
}

test('a live action goes back to draft from the home list, by keyboard: unpublished in n8n', async () => {
	const { page } = session;
	const workflows = new Map<string, Record<string, unknown>>();
	const n8n: LoopbackServer = await startLoopbackServer({ '*': tinyN8n(workflows) });
	const shop = await startLoopbackServer({ '*': { body: { orders: [{ name: '#1001' }] } } });
	try {
		const workflow = {
			name: 'Order status',
			nodes: [
				{
					name: 'Fin Trigger',
					type: 'n8n-nodes-fin-actions.finTrigger',
					typeVersion: 2,
					position: [0, 0],
					parameters: { source: 'messenger', requireIdentityVerification: true, options: {} },
					credentials: { finMessengerApi: { id: 'm1', name: 'Messenger' } },
				},
				{
					name: 'Order status',
					type: 'n8n-nodes-fin-actions.apiAction',
					typeVersion: 1.1,
					position: [200, 0],
					parameters: {
						authentication: 'none',
						url: `${shop.url}/orders?email={{user.email}}`,
						fields: { field: [{ pointer: '/orders/*/name', name: 'Order' }] },
					},
				},
			],
			connections: {
				'Fin Trigger': { main: [[{ node: 'Order status', type: 'main', index: 0 }]] },
			},
		};
		const created = await api('POST', '/api/actions', { name: 'Order status', workflow });
		const tested = await api('POST', '/api/test', {
			workflow,
			testValues: { user: { user_id: 'u1', email: 'ada@example.com' } },
		});
		expect(tested.ok).toBe(true);
		const deployed = await api('POST', '/api/deploy', {
			workflow,
			baseUrl: n8n.url,
			apiKey: N8N_KEY,
			activate: true,
		});
		expect(deployed.active).toBe(true);
		await api('PUT', `/api/actions/${created.id}`, {
			name: 'Order status',
			workflow,
			lastTest: { at: new Date().toISOString(), passed: true },
			deploy: { baseUrl: n8n.url, workflowId: deployed.id, active: true, at: 'now' },
		});
		await page.reload();
		const row = page.getByTestId(`action-row-${created.id}`);
		await expect(row.getByTestId('action-state')).toHaveText('Live in n8n');
		await row.getByTestId('back-to-draft').focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('toast-success')).toContainText(
			'“Order status” is a draft again: n8n unpublished it.',
		);
		await expect(row.getByTestId('action-state')).toHaveText('Tested');
		await expect(page.getByTestId('live-count')).toContainText('0 live');
		expect(workflows.get('Wf1')?.active).toBe(false);
		await screenshot(page, '63-back-to-draft');
	} finally {
		await n8n.close();
		await shop.close();
	}
	expect(session.pageErrors).toEqual([]);
});
