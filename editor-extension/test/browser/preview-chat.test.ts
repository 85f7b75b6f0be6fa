// The preview chat in real headless Chromium: an admin opens an action, picks the test customer,
// types a message with the keyboard only and reads the agent's reply, the action the model chose
// (inputs, request, picked answer) or "no action chosen", and what is missing when no model is set.
// The model is a scripted OpenAI-compatible server on loopback; the customer's API a loopback server.
import { startLoopbackServer, type LoopbackServer } from '../../../engine/testing';
import {
	startModelServer,
	toolResults,
	type ChatMessage,
	type ModelServer,
} from '../../../real-n8n/model-server';
import { accessibilityViolations, openCanvas, screenshot, type Session } from './browser';
import { expect } from './expect';

let session: Session;
let api: LoopbackServer;
let model: ModelServer;

const usageWorkflow = () => ({
	name: 'Usage',
	nodes: [
		{
			id: 't',
			name: 'Fin Trigger',
			type: 'n8n-nodes-fin-actions.finTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a',
			name: 'API Action',
			type: 'n8n-nodes-fin-actions.apiAction',
			typeVersion: 1.1,
			position: [260, 0],
			parameters: {
				template: 'custom',
				actionName: 'Usage',
				whenToUse: 'Use when the customer asks how much energy they used.',
				method: 'GET',
				authentication: 'none',
				url: `${api.url}/customers/{{user.user_id}}/usage`,
				responseMode: 'picked',
				fields: { field: [{ pointer: '/total_kwh', name: 'Usage (kWh)' }] },
				options: {},
			},
		},
	],
	connections: {
		'Fin Trigger': { main: [[{ node: 'API Action', type: 'main', index: 0 }]] },
	},
});

async function post(method: string, path: string, body: unknown) {
	const answer = await fetch(`${session.server.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'x-canvas-token': session.server.token },
		body: JSON.stringify(body),
	});
	return (await answer.json()) as any;
}

/** Waits until the element with this test id has the keyboard focus. */
async function expectFocusOn(testId: string) {
	const focused = () =>
		session.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid);
	const deadline = Date.now() + 10000;
	while ((await focused()) !== testId && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 100));
	expect(await focused()).toBe(testId);
}

beforeAll(async () => {
	api = await startLoopbackServer({
		'*': (request) => {
			const match = /^\/customers\/([^/]+)\/usage$/.exec(request.path);
			return match
				? { body: { total_kwh: 42.5, secret_margin: 'unpicked-7' } }
				: { status: 404, body: {} };
		},
	});
	model = await startModelServer({
		usage: (messages: ChatMessage[]) =>
			messages.some((message) => message.role === 'tool')
				? { text: `You used ${JSON.stringify(toolResults(messages))}` }
				: { tools: [{ name: 'Usage', args: {} }] },
		hello: () => ({ text: 'Hello! How can I help?' }),
	});
	session = await openCanvas({ home: true });
	const created = await post('POST', '/api/actions', { name: 'Usage', workflow: usageWorkflow() });
	await session.page.reload();
	await session.page.getByTestId(`action-row-${created.id}`).getByTestId('action-open').click();
	await session.page.getByTestId('palette').waitFor();
});
afterAll(async () => {
	await session?.close();
	await api?.close();
	await model?.close();
});

test('without a model the chat says what is missing and where to set it', async () => {
	const { page } = session;
	await page.getByTestId('preview-chat-open').click();
	// The focus lands in the message field: type and press Enter.
	await expectFocusOn('preview-chat-message');
	await page.keyboard.type('SCENARIO:hello Hi');
	await page.keyboard.press('Enter');
	const error = page.getByTestId('preview-chat-error');
	await expect(error).toContainText('No chat model is configured');
	await expect(error).toContainText('AI agent settings');
	await expectFocusOn('preview-chat-message');
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('preview-chat')).toHaveCount(0);
});

test('as the chosen test customer: the reply, the action the model chose, its request and picked answer', async () => {
	const { page } = session;
	await post('PUT', '/api/agent', {
		instructions: 'Be brief.',
		model: { baseUrl: `${model.url}/v1`, model: 'scripted-model', apiKey: 'sk-browser-key-31' },
	});
	await page.getByTestId('preview-chat-open').click();
	await expectFocusOn('preview-chat-message');
	// Another test customer than the canvas's test values.
	await page.getByTestId('preview-chat-customer-other').check();
	await page.getByTestId('preview-chat-user-id').fill('cust-7');
	await page.getByTestId('preview-chat-message').focus();
	await page.keyboard.type('SCENARIO:usage How much did I use?');
	await page.keyboard.press('Enter');
	const turn = page.getByTestId('preview-chat-turn').last();
	await expect(turn.getByTestId('preview-chat-reply')).toContainText('42.5');
	const call = turn.getByTestId('preview-chat-call');
	await expect(call).toContainText('Action used: Usage');
	await expect(call.getByTestId('preview-chat-call-outcome')).toHaveText('answered');
	await expect(call.getByTestId('preview-chat-call-request')).toContainText(
		`GET ${api.url}/customers/cust-7/usage`,
	);
	await expect(call.getByTestId('preview-chat-call-answer-0')).toContainText('Usage (kWh)');
	await expect(turn.getByTestId('preview-chat-available')).toContainText(
		'Available to this customer: Usage. Used in the reply: Usage.',
	);
	await expect(page.getByTestId('preview-chat')).not.toContainText('unpicked-7');
	await expect(page.getByTestId('preview-chat')).not.toContainText('sk-browser-key-31');
	await expect(page.getByTestId('preview-chat-log')).toHaveAttribute('aria-live', 'polite');
	await expectFocusOn('preview-chat-message');

	await page.keyboard.type('SCENARIO:hello Hi');
	await page.keyboard.press('Enter');
	const second = page.getByTestId('preview-chat-turn').last();
	await expect(second.getByTestId('preview-chat-reply')).toContainText('Hello! How can I help?');
	await expect(second.getByTestId('preview-chat-no-action')).toContainText('No action chosen');
	await screenshot(page, '90-preview-chat');
	expect(await accessibilityViolations(page)).toEqual([]);
	expect(session.pageErrors).toEqual([]);
});
