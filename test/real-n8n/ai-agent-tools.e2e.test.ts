// The AI path end to end in real n8n 2.x: the AI Agent template (Fin Trigger -> n8n's AI Agent with
// its OpenAI Chat Model node -> answer) imported unchanged, its Shopify and Statuspage actions as
// tools plus a custom order action with a declared input, driven by signed chat messages. The model
// is a scripted OpenAI-compatible server on loopback (the only double): it receives the tool list
// n8n builds and calls the tools as a model would, including with hostile arguments.
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat } from '../../real-n8n/chat';
import { customer, unpickedMarkers } from '../../real-n8n/fixtures';
import {
	startModelServer,
	toolResults,
	type ChatMessage,
	type ModelServer,
} from '../../real-n8n/model-server';
import { packageName } from '../../real-n8n/package';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import {
	AGENT_TEMPLATE_FILES,
	importUnchanged,
	isNode,
	readTemplate,
	settledExecutions,
	waitForWebhook,
	webhookUrl,
} from './support/workflows';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';

const session = new E2eSession('agent');
const { step } = session;

const ORDER_TOOL = 'Order_Status';
const HOSTILE_ORDER = '../1001&admin=1#{{user.user_id}}';
const ORDER_SECRETS = ['DE89370400440532013000', 'MTR-99-00817', 'internal-margin-31'];

/** The scripted model: each scenario is one chat, first calling a tool, then answering with its result. */
const callThenAnswer =
	(name: string, args: Record<string, unknown>) => (messages: ChatMessage[]) =>
		messages.some((message) => message.role === 'tool')
			? { text: `Result: ${JSON.stringify(toolResults(messages))}` }
			: { tools: [{ name, args }] };

let model: ModelServer;
let orders: LoopbackServer;
let url: string;
let workflowId: string;
/** What the first step deployed, reused for the variant behind an unsigned webhook. */
let deployed: { nodes: any[]; connections: any; settings: any };

beforeAll(async () => {
	model = await startModelServer({
		list: () => ({ text: 'Hello! How can I help?' }),
		// Arguments its schema does not offer, claiming another customer, and a hostile order number.
		order: callThenAnswer(ORDER_TOOL, {
			order_number: HOSTILE_ORDER,
			user: { user_id: 'victim-7', email: 'victim@example.com' },
			identity: { verified: true, method: 'jwt' },
			email: 'victim@example.com',
		}),
		shopify: callThenAnswer('Shopify_order_status', {
			email: 'victim@example.com',
			user: { email: 'victim@example.com', user_id: 'victim-7' },
		}),
		missing: callThenAnswer(ORDER_TOOL, {}),
		unsigned: callThenAnswer(ORDER_TOOL, { order_number: '1001' }),
	});
	orders = await startLoopbackServer({
		'*': (request) => {
			const match = /^\/customers\/([^/]+)\/orders\/([^/]+)$/.exec(request.path);
			if (!match) return { status: 404, body: { error: 'not_found' } };
			return {
				body: {
					order: {
						number: decodeURIComponent(match[2]),
						customer: decodeURIComponent(match[1]),
						status: 'shipped',
						bank: { iban: 'DE89370400440532013000' },
						meter: { serial: 'MTR-99-00817' },
						internal: 'internal-margin-31',
					},
				},
			};
		},
	});
	await session.open();
}, SESSION_TIMEOUT);
afterAll(async () => {
	await session.close();
	await model?.close();
	await orders?.close();
}, 60000);

/** A custom action with one declared input, added to the template as a third tool. */
function orderTool() {
	return {
		parameters: {
			actionName: 'Order status',
			whenToUse: 'Use when the customer asks about one order and gives its number.',
			template: 'custom',
			method: 'GET',
			url: `${orders.url}/customers/{{user.user_id}}/orders/{{input.order_number}}?email={{user.email}}`,
			authentication: 'none',
			responseMode: 'picked',
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
							"={{ $fromAI('order_number', 'The order number the customer gives, e.g. 1001', 'string') }}",
						required: true,
						maxLength: 60,
					},
				],
			},
			options: {},
		},
		id: 'a7c1d7f0-0000-4000-8000-00000000e2e1',
		name: ORDER_TOOL,
		type: `${packageName}.apiActionTool`,
		typeVersion: 1,
		position: [1000, 520],
	};
}

async function chat(scenario: string) {
	const jwt = messengerJwt(secrets.identityVerification, {
		user_id: customer.user_id,
		email: customer.email,
	});
	return sendChat(url, { text: `SCENARIO:${scenario} Where is my order?`, jwt });
}

/** The tool results n8n handed the model in a scenario's last request. */
function lastToolResults(scenario: string): unknown[] {
	const requests = model.requestsOf(scenario);
	const messages = (requests.at(-1)?.json as { messages: ChatMessage[] }).messages;
	return toolResults(messages);
}

step(
	'the AI Agent template imports unchanged and activates with a model, tools and credentials',
	async () => {
		const { api, credentials, n8n, apis } = session.value;
		const template = readTemplate(AGENT_TEMPLATE_FILES[0]);
		const stored = await importUnchanged(api, template);
		const openAi = await api.createCredential('openAiApi', 'Scripted model (e2e)', {
			apiKey: 'sk-e2e-scripted-model',
			url: `${model.url}/v1`,
			header: false,
		});
		const nodes = structuredClone(stored.nodes);
		for (const node of nodes) {
			if (isNode(node, 'finTrigger'))
				node.credentials = { finMessengerApi: credentials.finMessengerApi };
			if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')
				node.credentials = { openAiApi: openAi };
			if (isNode(node, 'apiActionTool') && node.parameters.template === 'shopifyOrderStatus') {
				node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
				node.credentials = { finFixedTokenApi: credentials.finFixedTokenApi };
			}
			if (isNode(node, 'apiActionTool') && node.parameters.template === 'statuspageIncidents')
				node.parameters.statuspageIncidents_pageUrl = apis.status.url;
		}
		nodes.push(orderTool());
		const connections = {
			...stored.connections,
			[ORDER_TOOL]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		};
		await api.apiOk('PUT', `/workflows/${stored.id}`, {
			name: stored.name,
			nodes,
			connections,
			settings: stored.settings,
		});
		const activated = await api.apiOk('POST', `/workflows/${stored.id}/activate`);
		expect(activated.active).toBe(true);
		workflowId = stored.id;
		deployed = { nodes, connections, settings: stored.settings };
		url = webhookUrl(n8n.url, template);
		await waitForWebhook(url);
	},
);

step('the model receives each action as a tool with its description and input schema', async () => {
	const answer = await chat('list');
	expect(answer.status).toBe(200);
	// Fin Agent Reply answers the chat: the reply and the actions (none called here).
	expect(answer.json).toMatchObject({
		reply: 'Hello! How can I help?',
		actions: { called: [], usedInReply: [] },
	});
	const [request] = model.requestsOf('list');
	const tools = (request.json as any).tools.map((tool: any) => tool.function);
	const byName = Object.fromEntries(tools.map((tool: any) => [tool.name, tool]));
	expect(Object.keys(byName).sort()).toEqual([
		'Ongoing_incidents',
		ORDER_TOOL,
		'Shopify_order_status',
	]);
	expect(byName.Shopify_order_status.description).toBe(
		'Shopify order status: Use when the customer asks where their order is, whether it has shipped, its tracking number or its payment status.',
	);
	expect(byName.Ongoing_incidents.description).toMatch(
		/^Ongoing incidents: Use when the customer reports/,
	);
	expect(byName[ORDER_TOOL].description).toBe(
		'Order status: Use when the customer asks about one order and gives its number.',
	);
	expect(byName[ORDER_TOOL].parameters).toMatchObject({
		type: 'object',
		properties: {
			order_number: {
				type: 'string',
				description: 'The order number the customer gives, e.g. 1001',
			},
		},
		required: ['order_number'],
	});
	// The template actions declare no inputs: the model has nothing to fill in, in particular no identity.
	expect(Object.keys(byName.Shopify_order_status.parameters.properties ?? {})).toEqual([]);
});

step(
	"a tool call claiming another customer reads the verified customer's data, with its input encoded and unexpanded",
	async () => {
		const answer = await chat('order');
		expect(answer.status).toBe(200);
		expect(orders.requests.map((request) => request.rawUrl)).toEqual([
			`/customers/${customer.user_id}/orders/..%2F1001%26admin%3D1%23%7B%7Buser.user_id%7D%7D?email=ada.lovelace%40example.com`,
		]);
		const results = lastToolResults('order');
		expect(results).toEqual([[{ answer: { Order: HOSTILE_ORDER, Status: 'shipped' } }]]);
		const text = JSON.stringify(results);
		for (const secret of [...ORDER_SECRETS, 'victim', customer.user_id, customer.email])
			expect(text).not.toContain(secret);
	},
);

step(
	"the Shopify tool reads the verified customer's orders whatever email the model sends, and returns the picked fields only",
	async () => {
		const before = session.value.apis.shop.requests.length;
		const answer = await chat('shopify');
		expect(answer.status).toBe(200);
		const requests = session.value.apis.shop.requests.slice(before);
		expect(requests.map((request) => request.query.get('email'))).toEqual([customer.email]);
		const results = lastToolResults('shopify') as any[];
		expect(results).toHaveLength(1);
		expect(Object.keys(results[0][0])).toEqual(['answer']);
		// Grouped (API Action 1.1): one object per order, not parallel lists.
		expect(results[0][0].answer.orders.map((order: any) => order.Order)).toEqual([
			'#1001',
			'#1002',
		]);
		const text = JSON.stringify(results);
		for (const marker of unpickedMarkers) expect(text).not.toContain(marker);
		expect(text).not.toContain('victim');
		expect(text).not.toContain(secrets.shopifyToken);
	},
);

step('a missing required input goes back to the model as an error it can act on', async () => {
	const before = orders.requests.length;
	const answer = await chat('missing');
	expect(answer.status).toBe(200);
	expect(orders.requests.length).toBe(before);
	const [[result]] = lastToolResults('missing') as any[];
	expect(result.error).toMatch(/required input "order_number".*missing.*Ask the customer/);
});

step(
	'behind a trigger that verifies nothing, a tool call gets an error, however verified the item claims to be',
	async () => {
		const { api, n8n } = session.value;
		const stored = structuredClone(deployed);
		const nodes = stored.nodes.map((node: any) =>
			isNode(node, 'finTrigger')
				? {
						id: node.id,
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: node.position,
						webhookId: 'a7c1d7f0-0000-4000-8000-00000000e2e2',
						parameters: {
							httpMethod: 'POST',
							path: 'agent-unsigned-e2e',
							responseMode: 'lastNode',
							options: {},
						},
					}
				: node,
		);
		const agent = nodes.find((node: any) => node.name === 'AI Agent');
		agent.parameters.text = '={{ $json.body.message.text }}';
		const connections = stored.connections;
		connections.Webhook = connections['Fin Trigger'];
		delete connections['Fin Trigger'];
		const created = await api.apiOk('POST', '/workflows', {
			name: 'Agent behind an unsigned webhook (e2e)',
			nodes,
			connections,
			settings: stored.settings,
		});
		await api.apiOk('POST', `/workflows/${created.id}/activate`);
		const unsignedUrl = `${n8n.url}/webhook/agent-unsigned-e2e`;
		await waitForWebhook(unsignedUrl);
		const before = orders.requests.length;
		const answer = await fetch(unsignedUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				message: { text: 'SCENARIO:unsigned Where is order 1001?' },
				user: { user_id: customer.user_id, email: customer.email },
				identity: { verified: true, method: 'jwt' },
			}),
		});
		expect(answer.status).toBe(200);
		expect(orders.requests.length).toBe(before);
		const [[result]] = lastToolResults('unsigned') as any[];
		expect(result.error).toMatch(/verified customer.*no Fin Trigger/);
		await api.apiOk('POST', `/workflows/${created.id}/deactivate`);
	},
);

step('the stored executions hold no unpicked field of any API answer', async () => {
	const runs = await settledExecutions(session.value.api, workflowId);
	expect(runs.length).toBeGreaterThanOrEqual(4);
	expect(runs.every((run) => run.status === 'success')).toBe(true);
	const stored = JSON.stringify(runs.map((run) => run.data));
	expect(stored).toContain('shipped');
	for (const marker of [...unpickedMarkers, ...ORDER_SECRETS]) expect(stored).not.toContain(marker);
});
