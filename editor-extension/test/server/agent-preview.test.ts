// POST /api/agent/preview: one turn of the workspace agent in-process, as a chosen test customer.
// The model is a scripted OpenAI-compatible server on loopback (the only double besides the
// customer's API): the model's choice drives which action runs, the real API Action runs in tool
// mode through n8n-core, and whose data is read comes from the test customer, never the model.
import { startLoopbackServer, type LoopbackServer } from '../../../engine/testing';
import {
	startModelServer,
	toolResults,
	type ChatMessage,
	type ModelServer,
	type Script,
} from '../../../real-n8n/model-server';
import type { RunningServer } from '../../server/app';
import { saveAgentSettings } from '../../server/agent/settings';
import { ActionFiles } from '../../server/store';
import { call, expectActionableError, startTestServer, tempStore } from './helpers';

const PKG = 'n8n-nodes-fin-actions';
const CUSTOMER = { user_id: 'cust-42', email: 'ada@example.com', plan: 'free' };
const MODEL_KEY = 'sk-preview-model-key-9c1e';

let api: LoopbackServer;
let model: ModelServer;
let refusing: LoopbackServer;

/** Calls one tool with these arguments, then answers with what the tool returned. */
const callThenAnswer =
	(name: string, args: Record<string, unknown>): Script =>
	(messages: ChatMessage[]) =>
		messages.some((message) => message.role === 'tool')
			? { text: `Here you go: ${JSON.stringify(toolResults(messages))}` }
			: { tools: [{ name, args }] };

beforeAll(async () => {
	api = await startLoopbackServer({
		'*': (request) => {
			const order = /^\/customers\/([^/]+)\/orders\/([^/]+)$/.exec(request.path);
			if (order)
				return {
					body: {
						order: {
							number: decodeURIComponent(order[2]),
							customer: decodeURIComponent(order[1]),
							status: 'shipped',
							internal: 'margin-31-unpicked',
						},
					},
				};
			const usage = /^\/customers\/([^/]+)\/usage$/.exec(request.path);
			if (usage) return { body: { total_kwh: 42.5, customer: decodeURIComponent(usage[1]) } };
			return { status: 404, body: { error: 'not_found' } };
		},
	});
	model = await startModelServer({
		order: callThenAnswer('Order_status', { order_number: '1001' }),
		usage: callThenAnswer('Usage', {}),
		hello: () => ({ text: 'Hello! How can I help?' }),
		two: (messages) =>
			messages.some((message) => message.role === 'tool')
				? { text: 'Both shipped.' }
				: {
						tools: [
							{ name: 'Order_status', args: { order_number: '1001' } },
							{ name: 'Order_status', args: { order_number: '1002' } },
						],
					},
		victim: callThenAnswer('Order_status', {
			order_number: '1001',
			user: { user_id: 'victim-7', email: 'victim@example.com' },
			user_id: 'victim-7',
			email: 'victim@example.com',
			identity: { verified: true },
		}),
		pro: callThenAnswer('Pro_report', {}),
		ghost: (messages) =>
			messages.some((message) => message.role === 'tool')
				? { text: 'done' }
				: { tools: [{ name: 'Delete_everything', args: {} }] },
	});
	refusing = await startLoopbackServer({
		'POST /v1/chat/completions': () => ({
			status: 401,
			body: { error: { message: 'Incorrect API key provided' } },
		}),
	});
});
afterAll(async () => {
	await api?.close();
	await model?.close();
	await refusing?.close();
});

const trigger = {
	id: 't',
	name: 'Fin Trigger',
	type: `${PKG}.finTrigger`,
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
};

function apiAction(name: string, parameters: Record<string, unknown>) {
	return {
		id: `a-${name}`,
		name: 'API Action',
		type: `${PKG}.apiAction`,
		typeVersion: 1.1,
		position: [220, 0],
		parameters: {
			template: 'custom',
			method: 'GET',
			authentication: 'none',
			responseMode: 'picked',
			options: {},
			...parameters,
		},
	};
}

const link = (from: string, to: string) => ({
	[from]: { main: [[{ node: to, type: 'main', index: 0 }]] },
});

function orderWorkflow() {
	return {
		nodes: [
			trigger,
			apiAction('order', {
				actionName: 'Order status',
				whenToUse: 'Use when the customer asks about one order and gives its number.',
				url: `${api.url}/customers/{{user.user_id}}/orders/{{input.order_number}}`,
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
			}),
		],
		connections: link('Fin Trigger', 'API Action'),
	};
}

function usageWorkflow() {
	return {
		nodes: [
			trigger,
			apiAction('usage', {
				actionName: 'Usage',
				whenToUse: 'Use when the customer asks how much energy they used.',
				url: `${api.url}/customers/{{user.user_id}}/usage`,
				fields: { field: [{ pointer: '/total_kwh', name: 'Usage (kWh)' }] },
			}),
		],
		connections: link('Fin Trigger', 'API Action'),
	};
}

/** A live action for "pro" customers only (an Audience Filter rule on the verified plan). */
function proWorkflow() {
	return {
		nodes: [
			trigger,
			{
				id: 'f',
				name: 'Audience Filter',
				type: `${PKG}.audienceFilter`,
				typeVersion: 1,
				position: [110, 0],
				parameters: {
					ruleGroups: {
						group: [
							{
								rules: {
									rule: [{ attribute: 'user.plan', operator: 'equals', value: 'pro' }],
								},
							},
						],
					},
				},
			},
			apiAction('pro', {
				actionName: 'Pro report',
				url: `${api.url}/customers/{{user.user_id}}/usage`,
				fields: { field: [{ pointer: '/total_kwh', name: 'Usage (kWh)' }] },
			}),
		],
		connections: {
			...link('Fin Trigger', 'Audience Filter'),
			...link('Audience Filter', 'API Action'),
		},
	};
}

const live = (name: string, workflow: Record<string, unknown>) => ({
	name,
	workflow,
	deploy: {
		baseUrl: 'http://n8n.test',
		workflowId: `wf-${name}`,
		active: true,
		at: '2026-12-01T00:00:00Z',
	},
});

/** A server on a store with the agent's model set and these live actions. */
async function serverWith(
	options: {
		model?: { baseUrl: string; model: string; apiKey?: string } | null;
		actions?: ReturnType<typeof live>[];
	} = {},
) {
	const store = tempStore();
	if (options.model !== null)
		saveAgentSettings(store, {
			instructions: 'Be brief.',
			model: options.model ?? {
				baseUrl: `${model.url}/v1`,
				model: 'scripted-model',
				apiKey: MODEL_KEY,
			},
		});
	const files = new ActionFiles(store);
	for (const action of options.actions ?? [live('Order status', orderWorkflow())])
		files.save(action);
	const server = await startTestServer({ store });
	return {
		server,
		close: async () => {
			await server.close();
			store.remove();
		},
	};
}

function preview(
	server: RunningServer,
	message: string,
	draft = { name: 'Usage', workflow: usageWorkflow() },
) {
	return call(server, 'POST', '/api/agent/preview', {
		body: { draft, testValues: { user: CUSTOMER }, message },
	});
}

let running: Awaited<ReturnType<typeof serverWith>>;
beforeAll(async () => {
	running = await serverWith({
		actions: [live('Order status', orderWorkflow()), live('Pro report', proWorkflow())],
	});
});
afterAll(async () => {
	await running?.close();
});

describe('preview chat: the model chooses, the real API Action runs as a tool', () => {
	it("offers the model every live action and the draft, named, described and typed as n8n's agent does", async () => {
		const answer = await preview(running.server, 'SCENARIO:hello Hi');
		expect(answer.status).toBe(200);
		const [request] = model.requestsOf('hello');
		const sent = request.json as any;
		expect(sent.model).toBe('scripted-model');
		expect(request.headers.authorization).toBe(`Bearer ${MODEL_KEY}`);
		expect(sent.messages[0].role).toBe('system');
		expect(sent.messages[0].content).toMatch(/Instructions from the admin:\nBe brief\./);
		expect(sent.messages[1]).toEqual({ role: 'user', content: 'SCENARIO:hello Hi' });
		const tools = Object.fromEntries(
			sent.tools.map((tool: any) => [tool.function.name, tool.function]),
		);
		expect(Object.keys(tools).sort()).toEqual(['Order_status', 'Pro_report', 'Usage']);
		expect(tools.Order_status.description).toBe(
			'Order status: Use when the customer asks about one order and gives its number.',
		);
		expect(tools.Order_status.parameters).toMatchObject({
			type: 'object',
			properties: {
				order_number: {
					type: 'string',
					description: 'The order number the customer gives, e.g. 1001',
				},
			},
			required: ['order_number'],
		});
		expect(Object.keys(tools.Usage.parameters.properties ?? {})).toEqual([]);
		expect(answer.json.tools.map((tool: any) => tool.action).sort()).toEqual([
			'Order status',
			'Pro report',
			'Usage',
		]);
	});

	it('runs the action the model chose, for the test customer, and shows inputs, request and picked answer', async () => {
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:order Where is order 1001?');
		expect(answer.status).toBe(200);
		expect(api.requests.slice(before).map((request) => request.path)).toEqual([
			'/customers/cust-42/orders/1001',
		]);
		expect(answer.json.chosen).toEqual(['Order status']);
		const [toolCall] = answer.json.calls;
		expect(toolCall).toMatchObject({
			action: 'Order status',
			tool: 'Order_status',
			input: { order_number: '1001' },
			outcome: 'succeeded',
			answer: { Order: '1001', Status: 'shipped' },
		});
		expect(toolCall.requests[0].url).toBe(`${api.url}/customers/cust-42/orders/1001`);
		expect(answer.json.reply).toContain('shipped');
		// As Fin Agent Reply tells the live chat: the actions this customer may use, the one used.
		expect(answer.json.available.sort()).toEqual(['Order status', 'Usage']);
		expect(answer.json.usedInReply).toEqual(['Order status']);
		// The model got the picked fields only, as n8n's agent hands them on.
		expect(toolResults((model.requestsOf('order').at(-1)!.json as any).messages)).toEqual([
			[{ answer: { Order: '1001', Status: 'shipped' } }],
		]);
		expect(answer.text).not.toContain('margin-31-unpicked');
		expect(answer.text).not.toContain(MODEL_KEY);
	});

	it('two calls of one action in a turn: each shows its own inputs, request and answer', async () => {
		const answer = await preview(running.server, 'SCENARIO:two Orders 1001 and 1002?');
		expect(answer.status).toBe(200);
		expect(
			answer.json.calls.map((call: any) => [
				call.input.order_number,
				call.requests.map((request: any) => request.url),
				call.answer?.Order,
			]),
		).toEqual([
			['1001', [`${api.url}/customers/cust-42/orders/1001`], '1001'],
			['1002', [`${api.url}/customers/cust-42/orders/1002`], '1002'],
		]);
	});

	it('a question no action fits gets no call: "no action chosen"', async () => {
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:hello Hi there');
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ reply: 'Hello! How can I help?', chosen: [], calls: [] });
		expect(api.requests.length).toBe(before);
	});

	it('the draft being built is reachable in the preview', async () => {
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:usage How much did I use?');
		expect(answer.status).toBe(200);
		expect(answer.json.chosen).toEqual(['Usage']);
		expect(answer.json.calls[0]).toMatchObject({
			outcome: 'succeeded',
			answer: { 'Usage (kWh)': 42.5 },
		});
		expect(api.requests.slice(before).map((request) => request.path)).toEqual([
			'/customers/cust-42/usage',
		]);
	});

	it("the action's credential reaches the API, and the preview shows the request with the token redacted", async () => {
		const TOKEN = 'tok-preview-5be1c0d9';
		const credential = await call(running.server, 'POST', '/api/credentials', {
			body: { type: 'finFixedTokenApi', name: 'Usage token', data: { token: TOKEN } },
		});
		const workflow = usageWorkflow();
		Object.assign(workflow.nodes[1], {
			credentials: { finFixedTokenApi: { id: credential.json.id, name: 'Usage token' } },
		});
		Object.assign(workflow.nodes[1].parameters, { authentication: 'finFixedTokenApi' });
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:usage How much did I use?', {
			name: 'Usage',
			workflow,
		});
		expect(answer.status).toBe(200);
		const [sent] = api.requests.slice(before);
		expect(JSON.stringify(sent.headers)).toContain(TOKEN);
		expect(answer.json.calls[0].requests).toHaveLength(1);
		expect(JSON.stringify(answer.json.calls[0].requests[0].headers)).toContain('[redacted]');
		for (const secret of [TOKEN, Buffer.from(TOKEN).toString('base64'), MODEL_KEY])
			expect(answer.text).not.toContain(secret);
	});

	it('two actions with different credentials of one type: says the preview cannot run both, naming them', async () => {
		const made = await Promise.all(
			['Token A', 'Token B'].map((name) =>
				call(running.server, 'POST', '/api/credentials', {
					body: { type: 'finFixedTokenApi', name, data: { token: `tok-${name}-1234` } },
				}),
			),
		);
		const withToken = (workflow: ReturnType<typeof usageWorkflow>, index: number) => {
			Object.assign(workflow.nodes[1], {
				credentials: { finFixedTokenApi: { id: made[index].json.id, name: `Token ${index}` } },
			});
			Object.assign(workflow.nodes[1].parameters, { authentication: 'finFixedTokenApi' });
			return workflow;
		};
		const two = await serverWith({
			actions: [live('Order status', withToken(orderWorkflow() as any, 0))],
		});
		try {
			// The live action's credential lives in that server's store; the draft names another id.
			const answer = await preview(two.server, 'SCENARIO:hello Hi', {
				name: 'Usage',
				workflow: withToken(usageWorkflow(), 1),
			});
			expectActionableError(answer, 400);
			expect(answer.json.error).toMatch(
				/"Order status" and "Usage" use different finFixedTokenApi credentials/,
			);
		} finally {
			await two.close();
		}
	});

	it('a model naming another customer in its arguments changes nothing: the request is for the test customer', async () => {
		const before = api.requests.length;
		const answer = await preview(
			running.server,
			'SCENARIO:victim Order 1001 of victim@example.com',
		);
		expect(answer.status).toBe(200);
		const sent = api.requests.slice(before);
		expect(sent.map((request) => request.rawUrl)).toEqual(['/customers/cust-42/orders/1001']);
		expect(
			JSON.stringify(sent.map((request) => [request.rawUrl, request.headers, request.body])),
		).not.toContain('victim');
		expect(answer.json.calls[0].outcome).toBe('succeeded');
	});

	it('an action whose audience excludes the test customer is not available: no request, and the model is told so', async () => {
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:pro Show my pro report');
		expect(answer.status).toBe(200);
		expect(api.requests.length).toBe(before);
		expect(answer.json.calls[0]).toMatchObject({ action: 'Pro report', outcome: 'not available' });
		expect(answer.json.calls[0].error).toMatch(/"Pro report" is not available to this customer/);
		expect(toolResults((model.requestsOf('pro').at(-1)!.json as any).messages)).toEqual([
			[
				{
					error: expect.stringMatching(/"Pro report" is not available to this customer/),
					errorType: 'NotAvailable',
				},
			],
		]);
		// The same action for a customer inside its audience (plan "pro") runs.
		const admitted = await call(running.server, 'POST', '/api/agent/preview', {
			body: {
				draft: { name: 'Usage', workflow: usageWorkflow() },
				testValues: { user: { ...CUSTOMER, plan: 'pro' } },
				message: 'SCENARIO:pro Show my pro report',
			},
		});
		expect(admitted.json.calls[0]).toMatchObject({ action: 'Pro report', outcome: 'succeeded' });
		expect(api.requests.slice(before).map((request) => request.path)).toEqual([
			'/customers/cust-42/usage',
		]);
	});

	it('a model that keeps calling a tool no action offers runs nothing, and the agent stops saying so', async () => {
		const before = api.requests.length;
		const answer = await preview(running.server, 'SCENARIO:ghost Delete it all');
		expectActionableError(answer, 502);
		expect(answer.json.unknownTools).toEqual(['Delete_everything']);
		expect(answer.json.error).toMatch(
			/tool no action offers \(Delete_everything\).*Max iterations/,
		);
		expect(api.requests.length).toBe(before);
		// n8n's agent asks again after dropping the call, at most 10 times.
		expect(model.requestsOf('ghost')).toHaveLength(10);
	});
});

describe('preview chat: says exactly what is missing', () => {
	it('no model configured: 409 naming AI agent settings', async () => {
		const bare = await serverWith({ model: null });
		try {
			const answer = await preview(bare.server, 'SCENARIO:hello Hi');
			expectActionableError(answer, 409);
			expect(answer.json.missing).toBe('model');
			expect(answer.json.error).toMatch(/No chat model is configured/);
			expect(answer.json.hint).toMatch(/AI agent settings/);
		} finally {
			await bare.close();
		}
	});

	it('the model refuses the key (401): says so, and the key appears nowhere', async () => {
		const refused = await serverWith({
			model: { baseUrl: `${refusing.url}/v1`, model: 'gpt-x', apiKey: MODEL_KEY },
		});
		try {
			const answer = await preview(refused.server, 'Hi');
			expectActionableError(answer, 502);
			expect(answer.json.missing).toBe('modelKey');
			expect(answer.json.error).toMatch(/refused the API key \(HTTP 401/);
			expect(answer.text).not.toContain(MODEL_KEY);
		} finally {
			await refused.close();
		}
	});

	it('the model cannot be reached: says so', async () => {
		const closed = await startLoopbackServer({});
		const url = closed.url;
		await closed.close();
		const unreachable = await serverWith({
			model: { baseUrl: `${url}/v1`, model: 'gpt-x', apiKey: MODEL_KEY },
		});
		try {
			const answer = await preview(unreachable.server, 'Hi');
			expectActionableError(answer, 502);
			expect(answer.json.missing).toBe('modelReachable');
			expect(answer.json.error).toMatch(/cannot be reached/);
		} finally {
			await unreachable.close();
		}
	});
});
