// Fin itself, the whole loop in real n8n 2.40.7: the canvas keeps three actions (two set live, one a
// draft); "Set live" builds and publishes the one workspace agent (Fin Trigger -> n8n's AI Agent with
// n8n's OpenAI Chat Model -> the live actions as API Action tools -> Fin Agent Reply). Signed chats to
// its production address are answered by a scripted OpenAI-compatible model on loopback (the only
// stand-in besides the customer API) that picks a tool by its description, as a model would. Then
// the events the canvas reads back from n8n's executions, and "Back to draft" updating the agent.
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { secretVariants } from '../../nodes/shared/redact';
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import {
	startModelServer,
	toolResults,
	type ChatMessage,
	type ModelServer,
	type OfferedTool,
	type Turn,
} from '../../real-n8n/model-server';
import { E2eCanvas } from './support/canvas';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { settledExecutions, waitForWebhook } from './support/workflows';

const session = new E2eSession('fin-agent');
const { step } = session;

/** Outside the service-status audience (its rule: the email ends with @example.com). */
const OTHER = { user_id: 'cust-0815', email: 'grace.hopper@other.org' };
const VICTIM = { user_id: 'victim-7', email: 'victim@example.com' };
const UNPICKED = 'internal-margin-31';
const MODEL_KEY = 'sk-e2e-fin-agent-model-key';

let model: ModelServer;
let backend: LoopbackServer;
const canvas = new E2eCanvas();
let agentUrl: string;
let agentWorkflowId: string;
const actionIds: Record<string, string> = {};

const lastUserText = (messages: ChatMessage[]) =>
	String(messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');

/**
 * The scripted model: with a tool result it answers from it; otherwise it picks the offered tool
 * whose description names the question's topic (orders, outages), claiming another customer in its
 * arguments; `CALL:<tool>` makes it call a tool by name whether offered or not. No topic: no call.
 */
function chooser(messages: ChatMessage[], tools: OfferedTool[]): Turn {
	if (messages.some((message) => message.role === 'tool')) {
		const results = JSON.stringify(toolResults(messages));
		return results.includes('"error"')
			? { text: 'Sorry, I cannot look that up for you.' }
			: { text: `Here is what I found: ${results}` };
	}
	const question = lastUserText(messages).toLowerCase();
	const forced = /call:(\w+)/.exec(question);
	if (forced)
		return { tools: [{ name: forced[1].replace(/^\w/, (c) => c.toUpperCase()), args: {} }] };
	const topic = question.includes('order') ? 'order' : question.includes('down') ? 'outage' : '';
	const tool = topic && tools.find((offered) => offered.description?.toLowerCase().includes(topic));
	if (!tool) return { text: 'I can help with your orders and our service status.' };
	return { tools: [{ name: tool.name, args: { user: VICTIM, email: VICTIM.email } }] };
}

beforeAll(async () => {
	model = await startModelServer({ loop: chooser });
	backend = await startLoopbackServer({
		'*': (request) => {
			const match = /^\/customers\/([^/]+)\/(orders|incidents|refunds)$/.exec(request.path);
			if (!match) return { status: 404, body: { error: 'not_found' } };
			const [, who, what] = match;
			if (what === 'orders')
				return {
					body: { orders: [{ number: `A-${who}`, status: 'shipped', internal: UNPICKED }] },
				};
			if (what === 'incidents')
				return { body: { incidents: [{ name: 'EU login outage', status: 'investigating' }] } };
			return { body: { refunds: [{ id: 'r1', state: 'paid' }] } };
		},
	});
	await session.open();
	await canvas.start();
}, SESSION_TIMEOUT);
afterAll(async () => {
	await canvas.stop();
	await session.close();
	await model?.close();
	await backend?.close();
}, 60000);

/** An action as the canvas keeps it: Fin Trigger -> (Audience Filter) -> API Action picking fields. */
function actionWorkflow(name: string, api: Record<string, unknown>, audience?: object) {
	const { credentials } = session.value;
	const nodes: any[] = [
		{
			id: `${name}-trigger`,
			name: 'Fin Trigger',
			type: 'n8n-nodes-fin-actions.finTrigger',
			typeVersion: 2,
			position: [0, 0],
			parameters: { source: 'messenger', requireIdentityVerification: true, options: {} },
			credentials: { finMessengerApi: { id: null, name: credentials.finMessengerApi.name } },
		},
		{
			id: `${name}-api`,
			name: 'API Action',
			type: 'n8n-nodes-fin-actions.apiAction',
			typeVersion: 1.1,
			position: [400, 0],
			parameters: {
				actionName: name,
				method: 'GET',
				authentication: 'none',
				responseMode: 'picked',
				options: {},
				...api,
			},
		},
	];
	const connections: Record<string, unknown> = {};
	if (audience) {
		nodes.push({
			id: `${name}-audience`,
			name: 'Audience Filter',
			type: 'n8n-nodes-fin-actions.audienceFilter',
			typeVersion: 1,
			position: [200, 0],
			parameters: audience,
		});
		connections['Fin Trigger'] = {
			main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]],
		};
		connections['Audience Filter'] = { main: [[{ node: 'API Action', type: 'main', index: 0 }]] };
	} else {
		connections['Fin Trigger'] = { main: [[{ node: 'API Action', type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const ACTIONS = {
	orders: () =>
		actionWorkflow('Order status', {
			whenToUse: 'Use when the customer asks where their order is or whether it shipped.',
			url: `${backend.url}/customers/{{user.user_id}}/orders`,
			fields: {
				field: [
					{ pointer: '/orders/*/number', name: 'Order' },
					{ pointer: '/orders/*/status', name: 'Status' },
				],
			},
		}),
	service: () =>
		actionWorkflow(
			'Service status',
			{
				whenToUse: 'Use when the customer reports an outage or asks whether the service is down.',
				url: `${backend.url}/customers/{{user.user_id}}/incidents`,
				fields: { field: [{ pointer: '/incidents/*/name', name: 'Incident' }] },
			},
			{
				ruleGroups: {
					group: [
						{
							rules: {
								rule: [{ attribute: 'user.email', operator: 'endsWith', value: '@example.com' }],
							},
						},
					],
				},
			},
		),
	refunds: () =>
		actionWorkflow('Refund status', {
			whenToUse: 'Use when the customer asks about a refund or an order they returned.',
			url: `${backend.url}/customers/{{user.user_id}}/refunds`,
			fields: { field: [{ pointer: '/refunds/*/state', name: 'Refund' }] },
		}),
};

/** Save, pass "Test response" against the real API, and (unless a draft) set live, as the page does. */
async function keepAction(workflow: ReturnType<typeof actionWorkflow>, live: boolean) {
	const { api, n8n } = session.value;
	const saved = await canvas.call('POST', '/api/actions', { name: workflow.name, workflow });
	expect(saved.status).toBe(201);
	actionIds[workflow.name] = saved.json.id;
	const tested = await canvas.call('POST', '/api/test', {
		workflow,
		testValues: { user: { user_id: customer.user_id, email: customer.email }, message: 'Hi' },
	});
	expect({ ok: tested.json?.ok, error: tested.json?.error }).toEqual({
		ok: true,
		error: undefined,
	});
	if (!live) return undefined;
	const deployed = await canvas.call('POST', '/api/deploy', {
		workflow,
		baseUrl: n8n.url,
		apiKey: api.apiKey,
		activate: true,
		workflowId: null,
	});
	expect(deployed.status).toBe(200);
	expect(deployed.json.active).toBe(true);
	// The page remembers where the action lives (its autosave), which makes it live on the home list.
	const remembered = await canvas.call('PUT', `/api/actions/${saved.json.id}`, {
		name: workflow.name,
		workflow,
		deploy: {
			baseUrl: n8n.url,
			workflowId: deployed.json.id,
			active: true,
			at: new Date().toISOString(),
		},
	});
	expect(remembered.status).toBe(200);
	return deployed.json;
}

async function chat(who: { user_id: string; email: string }, text: string) {
	const jwt = messengerJwt(secrets.identityVerification, {
		user_id: who.user_id,
		email: who.email,
	});
	return sendChat(agentUrl, { text: `SCENARIO:loop ${text}`, jwt });
}

/** The requests the customer API received during `run`. */
async function backendCalls(run: () => Promise<unknown>): Promise<string[]> {
	const before = backend.requests.length;
	await run();
	return backend.requests.slice(before).map((request) => request.path);
}

/** The tools n8n offered the model in its latest request. */
function offeredTools(): string[] {
	const last = model.requestsOf('loop').at(-1)?.json as {
		tools?: Array<{ function: OfferedTool }>;
	};
	return (last.tools ?? []).map((tool) => tool.function.name).sort();
}

step('Set live on two actions builds one agent in n8n; the draft stays out of it', async () => {
	const { api, n8n } = session.value;
	const settings = await canvas.call('PUT', '/api/agent', {
		instructions: 'Answer in one friendly sentence. Never promise delivery dates.',
		model: {
			baseUrl: `${model.url}/v1`,
			model: 'scripted-model',
			apiKey: MODEL_KEY,
			n8nAddresses: [n8n.url],
		},
	});
	expect(settings.status).toBe(200);
	expect(settings.text).not.toContain(MODEL_KEY);

	const first = await keepAction(ACTIONS.orders(), true);
	expect(first.agent.message).toMatch(/^n8n created the AI agent and published it/);
	expect(first.agent).toMatchObject({ deployed: true, active: true, tools: ['Order status'] });
	await keepAction(ACTIONS.refunds(), false);
	const second = await keepAction(ACTIONS.service(), true);
	expect(second.agent.message).toMatch(/^n8n updated the AI agent and published it/);
	// The same workflow, updated in place.
	expect(second.agent).toMatchObject({
		deployed: true,
		active: true,
		workflowId: first.agent.workflowId,
	});
	expect([...second.agent.tools].sort()).toEqual(['Order status', 'Service status']);
	agentWorkflowId = second.agent.workflowId;
	agentUrl = second.agent.productionUrl;

	const info = await canvas.call('GET', '/api/agent');
	expect(info.json.deployments).toEqual([
		expect.objectContaining({ baseUrl: n8n.url, workflowId: agentWorkflowId, active: true }),
	]);
	expect(info.text).not.toContain(MODEL_KEY);

	const stored = await api.apiOk('GET', `/workflows/${agentWorkflowId}`);
	expect(stored.active).toBe(true);
	const types = stored.nodes.map((node: any) => `${node.type} ${node.name}`).sort();
	expect(types).toEqual([
		'@n8n/n8n-nodes-langchain.agent AI Agent',
		expect.stringMatching(/^@n8n\/n8n-nodes-langchain\.lmChatOpenAi /),
		'n8n-nodes-fin-actions.apiActionTool Order status',
		'n8n-nodes-fin-actions.apiActionTool Service status',
		'n8n-nodes-fin-actions.finAgentReply Fin Agent Reply',
		'n8n-nodes-fin-actions.finTrigger Fin Trigger',
	]);
	// The admin's instructions reach the agent.
	const agent = stored.nodes.find((node: any) => node.name === 'AI Agent');
	expect(agent.parameters.options.systemMessage).toContain('Never promise delivery dates.');
	// Only workflows this test made: the agent plus the two live actions' own.
	const published = (await api.apiOk('GET', '/workflows?active=true')).data.map((w: any) => w.id);
	expect(published).toContain(agentWorkflowId);
	await waitForWebhook(agentUrl);
});

step(
	'the model chooses each live action for the right question, for the verified customer',
	async () => {
		let answer: any;
		const orderCalls = await backendCalls(async () => {
			answer = await chat(customer, 'Where is my order?');
		});
		expect(answer.status).toBe(200);
		// Offered: the two live actions, never the draft.
		expect(offeredTools()).toEqual(['Order_status', 'Service_status']);
		// The model claimed another customer in its arguments: the request is for the verified one.
		expect(orderCalls).toEqual([`/customers/${customer.user_id}/orders`]);
		expect(answer.json.reply).toContain(`A-${customer.user_id}`);
		expect(answer.json.reply).not.toContain(UNPICKED);
		expect(answer.json.actions).toEqual({
			available: ['Order status', 'Service status'],
			called: [expect.objectContaining({ action: 'Order status', outcome: 'succeeded' })],
			usedInReply: ['Order status'],
		});

		const serviceCalls = await backendCalls(async () => {
			answer = await chat(customer, 'Is your service down?');
		});
		expect(serviceCalls).toEqual([`/customers/${customer.user_id}/incidents`]);
		expect(answer.json.actions.called).toEqual([
			expect.objectContaining({ action: 'Service status', outcome: 'succeeded' }),
		]);
		expect(answer.json.reply).toContain('EU login outage');
	},
);

step('a question neither action fits gets no call', async () => {
	let answer: any;
	const calls = await backendCalls(async () => {
		answer = await chat(customer, 'What is the weather like?');
	});
	expect(calls).toEqual([]);
	expect(answer.json).toEqual({
		reply: 'I can help with your orders and our service status.',
		actions: { available: ['Order status', 'Service status'], called: [], usedInReply: [] },
	});
});

step("a customer outside one action's audience gets the other action only", async () => {
	let answer: any;
	const refused = await backendCalls(async () => {
		answer = await chat(OTHER, 'Is your service down?');
	});
	expect(refused).toEqual([]);
	expect(answer.json.actions).toEqual({
		available: ['Order status'],
		called: [expect.objectContaining({ action: 'Service status', outcome: 'not available' })],
		usedInReply: [],
	});
	expect(answer.json.reply).toBe('Sorry, I cannot look that up for you.');
	const allowed = await backendCalls(async () => {
		answer = await chat(OTHER, 'Where is my order?');
	});
	expect(allowed).toEqual([`/customers/${OTHER.user_id}/orders`]);
	expect(answer.json.actions.usedInReply).toEqual(['Order status']);
});

step('the draft is never reachable from the production webhook, even called by name', async () => {
	let answer: any;
	const calls = await backendCalls(async () => {
		answer = await chat(customer, 'CALL:refund_status please');
	});
	expect(calls).toEqual([]);
	expect(JSON.stringify(answer.json ?? answer.text)).not.toContain('paid');
});

step('the conversation events the canvas reads from n8n match what happened', async () => {
	const { api, n8n } = session.value;
	const runs = await settledExecutions(api, agentWorkflowId);
	expect(runs.length).toBe(6);
	const answer = await canvas.call(
		'GET',
		`/api/agent/conversations?baseUrl=${encodeURIComponent(n8n.url)}`,
	);
	expect(answer.status).toBe(200);
	const events = answer.json.events as any[];
	const summary = events.map((event) => ({
		who: event.customer?.userId,
		message: event.message.replace('SCENARIO:loop ', ''),
		available: event.available,
		calls: event.calls.map((call: any) => `${call.action}: ${call.outcome}`),
		used: event.usedInReply,
	}));
	const all = ['Order status', 'Service status'];
	expect(summary.slice(0, 5)).toEqual([
		// n8n's agent finds no such tool and gives up: the run fails and no tool ran.
		{
			who: customer.user_id,
			message: 'CALL:refund_status please',
			available: undefined,
			calls: [],
			used: undefined,
		},
		{
			who: OTHER.user_id,
			message: 'Where is my order?',
			available: ['Order status'],
			calls: ['Order status: succeeded'],
			used: ['Order status'],
		},
		{
			who: OTHER.user_id,
			message: 'Is your service down?',
			available: ['Order status'],
			calls: ['Service status: not available'],
			used: [],
		},
		{
			who: customer.user_id,
			message: 'What is the weather like?',
			available: all,
			calls: [],
			used: [],
		},
		{
			who: customer.user_id,
			message: 'Is your service down?',
			available: all,
			calls: ['Service status: succeeded'],
			used: ['Service status'],
		},
	]);
	expect(summary[5]).toEqual({
		who: customer.user_id,
		message: 'Where is my order?',
		available: all,
		calls: ['Order status: succeeded'],
		used: ['Order status'],
	});
	expect(events[0].status).toBe('error');
	expect(events[0].error.message).toMatch(/Max iterations/);
	expect(events[0].unknown).toEqual(
		expect.arrayContaining([expect.stringMatching(/Fin Agent Reply/)]),
	);
	const byAction = await canvas.call(
		'GET',
		`/api/agent/conversations?baseUrl=${encodeURIComponent(n8n.url)}&action=${encodeURIComponent('Service status')}`,
	);
	expect(byAction.json.events).toHaveLength(2);
	const byCustomer = await canvas.call(
		'GET',
		`/api/agent/conversations?baseUrl=${encodeURIComponent(n8n.url)}&customer=${OTHER.user_id}`,
	);
	expect(byCustomer.json.events).toHaveLength(2);
	// Nothing unpicked and no secret in what n8n stored or the canvas answered.
	const stored = JSON.stringify(runs.map((run) => run.data));
	for (const text of [stored, answer.text])
		for (const secret of [UNPICKED, ...secretVariants(MODEL_KEY), ...secretVariants(api.apiKey)])
			expect(text).not.toContain(secret);
});

step('Back to draft takes the action out of the same agent workflow', async () => {
	const { api } = session.value;
	const back = await canvas.call('POST', `/api/actions/${actionIds['Service status']}/draft`, {});
	expect(back.status).toBe(200);
	expect(back.json.agent).toMatchObject({
		deployed: true,
		workflowId: agentWorkflowId,
		tools: ['Order status'],
	});
	const stored = await api.apiOk('GET', `/workflows/${agentWorkflowId}`);
	expect(stored.nodes.map((node: any) => node.name)).not.toContain('Service status');
	await waitForWebhook(agentUrl);
	let answer: any;
	const calls = await backendCalls(async () => {
		answer = await chat(customer, 'Is your service down?');
	});
	expect(offeredTools()).toEqual(['Order_status']);
	expect(calls).toEqual([]);
	expect(answer.json.actions.available).toEqual(['Order status']);
});
