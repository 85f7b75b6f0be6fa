// The preview chat asks the model what the live agent asks it: the workspace agent the canvas builds
// (agentWorkflow) runs in real n8n 2.40.7 with n8n's own AI Agent and OpenAI Chat Model nodes, and
// the same actions run in the canvas's preview (POST /api/agent/preview, the in-process tool loop);
// the scripted model (the only double, with the customer API) records both. For the same model
// answers, every request the model receives is the same: the tools (names, descriptions, argument
// schemas), the system and user messages, the tool calls sent back and the tool results.
import { saveAgentSettings } from '../../editor-extension/server/agent/settings';
import { agentWorkflow } from '../../editor-extension/server/agent/workflow';
import { ActionFiles } from '../../editor-extension/server/store';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import {
	startModelServer,
	toolResults,
	type ChatMessage,
	type ModelServer,
	type Script,
} from '../../real-n8n/model-server';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { waitForWebhook } from './support/workflows';

const session = new E2eSession('agent-preview-parity');
const { step } = session;
const WEBHOOK_ID = 'c3f1a9d2-0000-4000-8000-00000000c0c3';
const MODEL_KEY = 'sk-e2e-parity-model';

let model: ModelServer;
let backend: LoopbackServer;
const canvas = new E2eCanvas();

const callThenAnswer =
	(tool: string, args: Record<string, unknown>): Script =>
	(messages: ChatMessage[]) =>
		messages.some((message) => message.role === 'tool')
			? { text: `Result: ${JSON.stringify(toolResults(messages))}` }
			: { tools: [{ name: tool, args }] };

/** Each scenario twice: once for the live agent, once for the preview, with the same script. */
const SCRIPTS: Record<string, Script> = {
	order: callThenAnswer('Order_status', { order_number: '1001', email: 'victim@example.com' }),
	refunds: callThenAnswer('Refunds', {}),
	hello: () => ({ text: 'Hello! How can I help?' }),
};

beforeAll(async () => {
	model = await startModelServer(
		Object.fromEntries(
			Object.entries(SCRIPTS).flatMap(([name, script]) => [
				[`${name}-live`, script],
				[`${name}-preview`, script],
			]),
		),
	);
	backend = await startLoopbackServer({
		'*': (request) => {
			const order = /^\/customers\/([^/]+)\/orders\/([^/]+)$/.exec(request.path);
			if (order)
				return { body: { order: { number: order[2], status: 'shipped', internal: 'unpicked' } } };
			if (/^\/customers\/[^/]+\/refunds$/.test(request.path))
				return { body: { refunds: [{ id: 'r1', state: 'paid' }] } };
			return { status: 404, body: { error: 'not_found' } };
		},
	});
	await session.open();
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas.stop();
	await session.close();
	await model?.close();
	await backend?.close();
}, 60000);

function action(name: string, api: Record<string, unknown>, audience?: Record<string, unknown>) {
	const nodes: any[] = [
		{
			name: 'Fin Trigger',
			type: 'n8n-nodes-fin-actions.finTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: { source: 'messenger', requireIdentityVerification: true, options: {} },
			credentials: { finMessengerApi: session.value.credentials.finMessengerApi },
		},
		{
			name: `${name} API`,
			type: 'n8n-nodes-fin-actions.apiAction',
			typeVersion: 1.1,
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

const actions = () => [
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
					argument:
						"={{ $fromAI('order_number', 'The order number the customer gives', 'string') }}",
					required: true,
					maxLength: 60,
				},
				{
					argument: "={{ $fromAI('include_items', 'Whether to list the items', 'boolean') }}",
					required: false,
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
];

const INSTRUCTIONS = 'Be brief. Never mention internal margins.';

/** A request body with what legitimately differs removed: the scenario's name and the call ids. */
function normalized(body: any) {
	const ids = new Map<string, string>();
	const id = (value: string) => {
		if (!ids.has(value)) ids.set(value, `call-${ids.size}`);
		return ids.get(value)!;
	};
	return JSON.parse(
		JSON.stringify(body)
			.replace(/SCENARIO:([\w]+)-(live|preview)/g, 'SCENARIO:$1')
			.replace(/call_\d+_\d+/g, (match) => id(match)),
	);
}

step('the live agent in real n8n answers three chats', async () => {
	const { api, n8n } = session.value;
	const workflow = agentWorkflow({
		actions: actions(),
		settings: {
			instructions: INSTRUCTIONS,
			model: { baseUrl: `${model.url}/v1`, model: 'scripted' },
		},
		webhookId: WEBHOOK_ID,
	});
	const openAi = await api.createCredential('openAiApi', 'Scripted model (parity e2e)', {
		apiKey: MODEL_KEY,
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
	await api.apiOk('POST', `/workflows/${created.id}/activate`);
	const url = `${n8n.url}/webhook/${WEBHOOK_ID}/fin`;
	await waitForWebhook(url);
	const jwt = messengerJwt(secrets.identityVerification, {
		user_id: customer.user_id,
		email: customer.email,
	});
	for (const scenario of Object.keys(SCRIPTS)) {
		const answer = await sendChat(url, { text: `SCENARIO:${scenario}-live Hi`, jwt });
		expect(answer.status).toBe(200);
	}
});

step(
	'the preview sends the model exactly what the live agent sent, for the same answers',
	async () => {
		saveAgentSettings(canvas.store, {
			instructions: INSTRUCTIONS,
			model: { baseUrl: `${model.url}/v1`, model: 'scripted', apiKey: MODEL_KEY },
		});
		const files = new ActionFiles(canvas.store);
		const ids = actions().map(
			(one) =>
				files.save({
					...one,
					deploy: { baseUrl: 'http://n8n.test', workflowId: 'wf', active: true, at: '2026-12-01' },
				}).id,
		);
		await canvas.start();
		const [draft] = actions();
		for (const scenario of Object.keys(SCRIPTS)) {
			const answer = await canvas.call('POST', '/api/agent/preview', {
				draft,
				actionId: ids[0],
				testValues: { user: { user_id: customer.user_id, email: customer.email } },
				message: `SCENARIO:${scenario}-preview Hi`,
			});
			expect(answer.status).toBe(200);
			const live = model.requestsOf(`${scenario}-live`).map((request) => normalized(request.json));
			const preview = model
				.requestsOf(`${scenario}-preview`)
				.map((request) => normalized(request.json));
			expect(preview.length).toBe(live.length);
			for (let index = 0; index < live.length; index++) {
				expect({ scenario, index, tools: preview[index].tools }).toEqual({
					scenario,
					index,
					tools: live[index].tools,
				});
				expect({ scenario, index, messages: preview[index].messages }).toEqual({
					scenario,
					index,
					messages: live[index].messages,
				});
				expect(preview[index].model).toBe(live[index].model);
				// Sampling settings: n8n sends none beyond the model's defaults, nor does the preview.
				const settings = (body: any) =>
					Object.fromEntries(
						Object.entries(body).filter(([key]) => !['messages', 'tools', 'model'].includes(key)),
					);
				expect({ scenario, index, settings: settings(preview[index]) }).toEqual({
					scenario,
					index,
					settings: settings(live[index]),
				});
			}
		}
	},
);
