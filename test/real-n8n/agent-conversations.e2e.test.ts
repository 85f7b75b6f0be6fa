// The agent's conversations in the canvas's Logs, against real n8n 2.40.7: the workspace agent built
// by the canvas (agentWorkflow: Fin Trigger -> n8n's AI Agent with its OpenAI Chat Model against the
// scripted model server -> Fin Agent Reply; two live actions as API Action tools, one for test
// accounts only) answers four signed chats; GET /api/agent/conversations reads them back from n8n's
// executions as events that match what happened, and the Conversations view shows them in real
// Chromium: filters, "See logs" on a failure, the keyboard path, axe.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { AgentDeployments } from '../../editor-extension/server/agent/deploy';
import { agentWorkflow } from '../../editor-extension/server/agent/workflow';
import { N8nApiKeys } from '../../editor-extension/server/n8n-keys';
import { accessibilityViolations } from '../../editor-extension/test/browser/browser';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { secretVariants } from '../../nodes/shared/redact';
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import { startModelServer, type ChatMessage, type ModelServer } from '../../real-n8n/model-server';
import { repoRoot } from '../../real-n8n/runtime';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { settledExecutions, waitForWebhook } from './support/workflows';

const session = new E2eSession('agent-conversations');
const { step } = session;
const OTHER = { user_id: 'cust-0815', email: 'grace.hopper@example.com' };
const UNPICKED = 'internal-margin-31';

let model: ModelServer;
let backend: LoopbackServer;
const canvas = new E2eCanvas();
let workflowId: string;
let actionId: string;

/** The model calls `tool` with `args` first, then answers `reply`; without a tool it answers at once. */
const script =
	(reply: string, tool?: string, args: Record<string, unknown> = {}) =>
	(messages: ChatMessage[]) =>
		!tool || messages.some((message) => message.role === 'tool')
			? { text: reply }
			: { tools: [{ name: tool, args }] };

beforeAll(async () => {
	model = await startModelServer({
		order: script('Your order 1001 is shipped.', 'Order_status', { order_number: '1001' }),
		broken: script('Sorry, I could not look up that order.', 'Order_status', {
			order_number: '500',
		}),
		refund: script('Refunds cannot be looked up here.', 'Refunds'),
		hello: script('Hello! How can I help?'),
	});
	backend = await startLoopbackServer({
		'*': (request) => {
			const order = /^\/customers\/([^/]+)\/orders\/([^/]+)$/.exec(request.path);
			if (order?.[2] === '500') return { status: 500, body: { error: 'boom' } };
			if (order)
				return { body: { order: { number: order[2], status: 'shipped', internal: UNPICKED } } };
			if (/^\/customers\/[^/]+\/refunds$/.test(request.path))
				return { body: { refunds: [{ id: 'r1', state: 'paid' }] } };
			return { status: 404, body: { error: 'not_found' } };
		},
	});
	await session.open();
	await canvas.start({ browser: true });
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas.stop();
	await session.close();
	await model?.close();
	await backend?.close();
}, 60000);

/** An action as the canvas keeps it: Fin Trigger -> (Audience Filter) -> API Action picking fields. */
function action(name: string, api: Record<string, unknown>, audience?: Record<string, unknown>) {
	const { credentials } = session.value;
	const nodes: any[] = [
		{
			name: 'Fin Trigger',
			type: 'n8n-nodes-fin-actions.finTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: { source: 'messenger', requireIdentityVerification: true, options: {} },
			credentials: { finMessengerApi: credentials.finMessengerApi },
		},
		{
			name: `${name} API`,
			type: 'n8n-nodes-fin-actions.apiAction',
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				actionName: name,
				template: 'custom',
				method: 'GET',
				authentication: 'none',
				responseMode: 'picked',
				options: {},
				...api,
			},
		},
	];
	if (audience)
		nodes.push({
			name: 'Audience Filter',
			type: 'n8n-nodes-fin-actions.audienceFilter',
			typeVersion: 1,
			position: [200, 0],
			parameters: audience,
		});
	return { name, workflow: { nodes, connections: {} } };
}

async function chat(who: { user_id: string; email: string }, scenario: string) {
	const jwt = messengerJwt(secrets.identityVerification, {
		user_id: who.user_id,
		email: who.email,
	});
	const answer = await sendChat(url(), { text: `SCENARIO:${scenario} Hi`, jwt });
	expect(answer.status).toBe(200);
	return answer.json;
}

const WEBHOOK_ID = 'b8d2e8f1-0000-4000-8000-00000000c0a1';
const url = () => `${session.value.n8n.url}/webhook/${WEBHOOK_ID}/fin`;

step('the agent the canvas builds answers four chats in real n8n', async () => {
	const { api, n8n } = session.value;
	const workflow = agentWorkflow({
		actions: [
			action('Order status', {
				whenToUse: 'Use when the customer asks about one order and gives its number.',
				url: `${backend.url}/customers/{{user.user_id}}/orders/{{input.order_number}}`,
				fields: {
					field: [
						{ pointer: '/order/number', name: 'Order' },
						{ pointer: '/order/status', name: 'Status' },
					],
				},
				aiInputs: {
					input: [
						{
							argument: "={{ $fromAI('order_number', 'The order number', 'string') }}",
							required: true,
							maxLength: 60,
						},
					],
				},
			}),
			action(
				'Refunds',
				{
					whenToUse: 'Use when the customer asks about refunds.',
					url: `${backend.url}/customers/{{user.user_id}}/refunds`,
					fields: { field: [{ pointer: '/refunds/*/state', name: 'Refund' }] },
				},
				{ status: 'testing', testAccounts: customer.user_id },
			),
		],
		settings: {
			instructions: 'Be brief.',
			model: { baseUrl: `${model.url}/v1`, model: 'scripted' },
		},
		webhookId: WEBHOOK_ID,
	});
	const openAi = await api.createCredential('openAiApi', 'Scripted model (conversations e2e)', {
		apiKey: 'sk-e2e-scripted-model',
		url: `${model.url}/v1`,
		header: false,
	});
	for (const node of workflow.nodes)
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')
			node.credentials = { openAiApi: openAi };
	const created = await api.apiOk('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	workflowId = created.id;
	await api.apiOk('POST', `/workflows/${workflowId}/activate`);
	await waitForWebhook(url());

	expect((await chat(customer, 'order')).reply).toBe('Your order 1001 is shipped.');
	await chat(customer, 'broken');
	await chat(OTHER, 'refund');
	await chat(OTHER, 'hello');
	expect(await settledExecutions(api, workflowId)).toHaveLength(4);

	// What the canvas keeps after "Set live": the agent's workflow per address, and the n8n API key.
	new AgentDeployments(canvas.store).save(n8n.url, {
		workflowId,
		active: true,
		at: new Date().toISOString(),
		tools: ['Order status', 'Refunds'],
	});
	new N8nApiKeys(canvas.store).save(n8n.url, api.apiKey);
	const saved = await canvas.call('POST', '/api/actions', {
		name: 'Order status',
		workflow: action('Order status', {}).workflow,
		deploy: { baseUrl: n8n.url, workflowId, active: true, at: new Date().toISOString() },
	});
	expect(saved.status).toBe(201);
	actionId = saved.json.id;
});

step('GET /api/agent/conversations: one event per chat, matching what happened', async () => {
	const { n8n, api } = session.value;
	const answer = await canvas.call('GET', '/api/agent/conversations');
	expect(answer.status).toBe(200);
	const { events } = answer.json;
	expect(events.map((event: any) => event.message)).toEqual([
		'SCENARIO:hello Hi',
		'SCENARIO:refund Hi',
		'SCENARIO:broken Hi',
		'SCENARIO:order Hi',
	]);
	const [hello, refund, broken, order] = events;
	expect(order).toMatchObject({
		status: 'success',
		customer: { userId: customer.user_id, email: customer.email, verified: true },
		reply: 'Your order 1001 is shipped.',
		actions: ['Order status', 'Refunds'],
		available: ['Order status', 'Refunds'],
		calls: [
			{
				action: 'Order status',
				tool: 'Order_status',
				input: { order_number: '1001' },
				outcome: 'succeeded',
			},
		],
		usedInReply: ['Order status'],
		unknown: [],
		url: `${n8n.url}/workflow/${workflowId}/executions/${order.id}`,
	});
	expect(broken).toMatchObject({
		status: 'success',
		calls: [
			{
				action: 'Order status',
				input: { order_number: '500' },
				outcome: 'failed',
				error: { node: 'Order status', hint: expect.stringMatching(/HTTP 500/) },
			},
		],
		usedInReply: [],
	});
	expect(refund).toMatchObject({
		customer: { userId: OTHER.user_id, email: OTHER.email },
		available: ['Order status'],
		calls: [{ action: 'Refunds', outcome: 'not available' }],
		usedInReply: [],
	});
	expect(hello).toMatchObject({ calls: [], usedInReply: [], reply: 'Hello! How can I help?' });
	for (const variant of [UNPICKED, ...secretVariants(api.apiKey)])
		expect(answer.text).not.toContain(variant);

	const byCustomer = await canvas.call('GET', '/api/agent/conversations?customer=GRACE.hopper');
	expect(byCustomer.json.events.map((event: any) => event.id)).toEqual([hello.id, refund.id]);
	const byAction = await canvas.call(
		'GET',
		`/api/agent/conversations?action=${encodeURIComponent('Order status')}`,
	);
	expect(byAction.json.events.map((event: any) => event.id)).toEqual([broken.id, order.id]);
});

step('the Conversations view in Chromium: rows, filter, "See logs", keyboard and axe', async () => {
	const page = await canvas.browser.newPage({ viewport: { width: 1440, height: 900 } });
	try {
		page.setDefaultTimeout(20000);
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(canvas.server.openUrl);
		await page.goto(`${canvas.url}/#/actions/${actionId}/logs`);
		await page.getByTestId('logs-table').waitFor();
		const focused = () =>
			page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim());
		// Keyboard: heading, Refresh, then the two views; Enter opens the conversations.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		expect(await focused()).toBe('Runs of this action');
		await page.keyboard.press('Tab');
		expect(await focused()).toBe('Agent conversations');
		await page.keyboard.press('Enter');
		await page.getByTestId('conversations-table').waitFor();
		// Opened from an action's Logs, the view starts filtered on that action.
		expect(await page.getByTestId('conversation').count()).toBe(2);
		await page.getByTestId('conversations-action').selectOption('');
		await page.getByTestId('conversations-customer').focus();
		await page.keyboard.type('cust-0815');
		await page.keyboard.press('Enter');
		await page.waitForFunction(
			() =>
				document.querySelectorAll('[data-testid="conversation"]').length === 2 &&
				document
					.querySelector('[data-testid="conversations-table"]')
					?.textContent?.includes('cust-0815'),
		);
		expect(await page.getByTestId('conversations-table').innerText()).not.toContain(
			customer.user_id,
		);
		await page.getByTestId('conversations-customer').fill('');
		await page.keyboard.press('Enter');
		await page.waitForFunction(
			() => document.querySelectorAll('[data-testid="conversation"]').length === 4,
		);
		const calls = await page.getByTestId('conversation-call').allInnerTexts();
		expect(calls).toEqual([
			'Refunds (no input) → not available to this customer',
			'Order status (order_number: 500) → ✕ failed',
			'Order status (order_number: 1001) → ✓ succeeded',
		]);

		// "See logs" on the failed call, by keyboard: the details take the focus.
		const seeLogs = page.getByTestId('conversation-see-logs');
		expect(await seeLogs.count()).toBe(1);
		await seeLogs.focus();
		await page.keyboard.press('Enter');
		const details = page.getByTestId('conversation-details');
		await details.waitFor();
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
		const text = await details.innerText();
		expect(text).toContain('“Order status” failed in node “Order status”');
		expect(text).toMatch(/What to do: Your API failed \(HTTP 500\)/);
		const link = details.getByRole('link', { name: 'Open this execution in n8n' });
		expect(await link.getAttribute('href')).toMatch(
			new RegExp(`^${session.value.n8n.url}/workflow/${workflowId}/executions/\\d+$`),
		);
		expect(await accessibilityViolations(page)).toEqual([]);
		const shot = join(repoRoot, 'test-artifacts', 'e2e', 'agent-conversations.png');
		mkdirSync(join(repoRoot, 'test-artifacts', 'e2e'), { recursive: true });
		await page.screenshot({ path: shot, fullPage: true });
		expect(pageErrors).toEqual([]);
	} finally {
		await page.close();
	}
});
