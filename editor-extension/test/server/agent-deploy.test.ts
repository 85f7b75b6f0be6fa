// The workspace agent in n8n (server/agent/deploy.ts), through "Set live" and "Back to draft" on a
// real canvas server, against a loopback server that answers like n8n's public API (as deploy.test.ts
// does; the real n8n 2.40.7 loop is the lead's e2e): one agent workflow per n8n address, updated in
// place, created again when deleted in n8n, its model credential made by deploy, and its key sent
// only to an n8n address the admin allowed.
import type { RunningServer } from '../../server/app';
import {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
	type ScriptedResponse,
} from '../../../engine/testing';
import { secretVariants } from '../../../nodes/public';
import { fakeN8n, fakeN8nState, type FakeN8nState } from './fake-n8n-api';
import { call, expectActionableError, startTestServer } from './helpers';

const API_KEY = 'n8n_api_agent_0123456789SECRET';
const MODEL_KEY = 'sk-agent-model-0123456789-SECRET';
const MODEL_URL = 'http://127.0.0.1:9/v1';

let n8n: LoopbackServer;
let shop: LoopbackServer;
let server: RunningServer;
let state: FakeN8nState;
beforeEach(async () => {
	shop = await startLoopbackServer({
		'*': { body: { orders: [{ id: 1, name: '#1001', fulfillment_status: 'shipped' }] } },
	});
	state = fakeN8nState([
		{ id: 'kept-n8n-id', name: 'Messenger', type: 'finMessengerApi', data: {} },
	]);
	n8n = await startLoopbackServer({ '*': fakeN8n(state, API_KEY) });
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
	await n8n.close();
	await shop.close();
});

/** An action as the canvas saves it: Fin Trigger -> Audience Filter -> API Action picking fields. */
function actionWorkflow(name: string, path: string) {
	return {
		name,
		nodes: [
			{
				id: 't',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 2,
				position: [0, 0],
				parameters: {
					source: 'messenger',
					requireIdentityVerification: true,
					protectedAttributes: 'email',
					responseMode: 'lastNode',
					options: {},
				},
				credentials: { finMessengerApi: { id: 'kept-n8n-id', name: 'Messenger' } },
			},
			{
				id: 'f',
				name: 'Audience Filter',
				type: 'n8n-nodes-fin-actions.audienceFilter',
				typeVersion: 1,
				position: [200, 0],
				parameters: { status: 'live', testAccounts: 'qa@example.com', options: {} },
			},
			{
				id: 'a',
				name: name,
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1.1,
				position: [400, 0],
				parameters: {
					authentication: 'none',
					url: `${shop.url}${path}?email={{user.email}}`,
					responseMode: 'picked',
					fields: { field: [{ pointer: '/orders/*/name', name: 'Order' }] },
				},
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]] },
			'Audience Filter': { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
	};
}

/** Saves the action, passes its test (the "Set live" gate) and sets it live as the dialog does. */
async function setLive(name: string, path: string, id?: string) {
	const workflow = actionWorkflow(name, path);
	const saved = id
		? { json: { id } }
		: await call(server, 'POST', '/api/actions', { body: { name, workflow } });
	const test = await call(server, 'POST', '/api/test', {
		body: { workflow, testValues: { user: { user_id: 'u1', email: 'ada@example.com' } } },
	});
	expect(test.json.ok).toBe(true);
	const deployed = await call(server, 'POST', '/api/deploy', {
		body: { workflow, baseUrl: n8n.url, apiKey: API_KEY, activate: true },
	});
	expect(deployed.status).toBe(200);
	// The page then saves where the action lives (workspace.ts autosave).
	await call(server, 'PUT', `/api/actions/${saved.json.id}`, {
		body: {
			name,
			workflow,
			lastTest: { at: new Date().toISOString(), passed: true },
			deploy: { baseUrl: n8n.url, workflowId: deployed.json.id, active: true, at: 'now' },
		},
	});
	return { id: saved.json.id as string, deployed };
}

const configureModel = (n8nAddresses = [n8n.url]) =>
	call(server, 'PUT', '/api/agent', {
		body: {
			instructions: 'Be brief.',
			model: { baseUrl: MODEL_URL, model: 'scripted-model', apiKey: MODEL_KEY, n8nAddresses },
		},
	});

const agentWorkflows = () =>
	[...state.workflows.values()].filter((workflow) => workflow.name === 'Fin agent');
const toolsOf = (workflow: Record<string, any>) =>
	workflow.nodes
		.filter((node: { type: string }) => node.type === 'n8n-nodes-fin-actions.apiActionTool')
		.map((node: { name: string }) => node.name);

it('says exactly that the agent was not deployed when no model is configured; the action itself is live', async () => {
	const { deployed } = await setLive('Order status', '/orders');
	expect(deployed.json).toMatchObject({
		active: true,
		agent: {
			deployed: false,
			message: expect.stringContaining('The AI agent was not deployed: no model is configured'),
		},
	});
	expect(deployed.json.message).toMatch(/published it.*The AI agent was not deployed/);
	expect(agentWorkflows()).toHaveLength(0);
});

it('creates the one agent with its model credential on Set live, updates it in place with the next live action', async () => {
	expect((await configureModel()).status).toBe(200);
	const first = await setLive('Order status', '/orders');
	const agentInfo = (await call(server, 'GET', '/api/agent')).json;
	const [agent] = agentWorkflows();
	expect(first.deployed.json.agent).toEqual({
		deployed: true,
		message: expect.stringMatching(
			/created the AI agent and published it, with 1 action\(s\): Order status/,
		),
		workflowId: agent.id,
		active: true,
		productionUrl: `${n8n.url}/webhook/${agentInfo.webhookId}/fin`,
		tools: ['Order status'],
	});
	expect(agent.active).toBe(true);
	expect(toolsOf(agent)).toEqual(['Order status']);
	// The agent's trigger keeps the workspace's stable webhookId; the Messenger credential is n8n's.
	const trigger = agent.nodes.find((node: { name: string }) => node.name === 'Fin Trigger');
	expect(trigger.webhookId).toBe(agentInfo.webhookId);
	expect(trigger.credentials).toEqual({
		finMessengerApi: { id: 'kept-n8n-id', name: 'Messenger' },
	});
	// The model credential was created by deploy, and the chat model refers to it.
	const model = state.credentials.find((entry) => entry.type === 'openAiApi')!;
	expect(model).toEqual({
		id: expect.any(String),
		name: 'Fin agent model',
		type: 'openAiApi',
		data: { apiKey: MODEL_KEY, url: MODEL_URL, header: false },
	});
	const chat = agent.nodes.find((node: { name: string }) => node.name === 'Chat Model');
	expect(chat.credentials).toEqual({ openAiApi: { id: model.id, name: 'Fin agent model' } });

	const second = await setLive('Incidents', '/incidents');
	expect(second.deployed.json.agent).toMatchObject({
		deployed: true,
		workflowId: agent.id,
		message: expect.stringMatching(/updated the AI agent and published it, with 2 action/),
	});
	expect(agentWorkflows()).toHaveLength(1);
	expect(toolsOf(agentWorkflows()[0])).toEqual(['Order status', 'Incidents']);
	expect(state.credentials.filter((entry) => entry.type === 'openAiApi')).toHaveLength(1);

	const info = (await call(server, 'GET', '/api/agent')).json;
	expect(info.tools).toEqual(['Incidents', 'Order status']);
	expect(info.deployments).toEqual([
		{
			baseUrl: n8n.url,
			workflowId: agent.id,
			active: true,
			at: expect.any(String),
			productionUrl: `${n8n.url}/webhook/${info.webhookId}/fin`,
			tools: ['Order status', 'Incidents'],
		},
	]);
	// The model's key went to n8n only: no answer of the canvas carries it.
	for (const text of [first.deployed.text, second.deployed.text, JSON.stringify(info)])
		for (const variant of secretVariants(MODEL_KEY)) expect(text).not.toContain(variant);
});

it('Back to draft unpublishes the action in n8n and rebuilds the agent without it', async () => {
	await configureModel();
	const orders = await setLive('Order status', '/orders');
	await setLive('Incidents', '/incidents');
	const agentId = agentWorkflows()[0].id;
	n8n.requests.length = 0;

	const draft = await call(server, 'POST', `/api/actions/${orders.id}/draft`, { body: {} });
	expect(draft.status).toBe(200);
	expect(n8n.requests.map((request) => `${request.method} ${request.path}`)).toContain(
		`POST /api/v1/workflows/${orders.deployed.json.id}/deactivate`,
	);
	expect(state.workflows.get(orders.deployed.json.id)!.active).toBe(false);
	expect(draft.json.action).toMatchObject({ id: orders.id, state: 'tested' });
	expect(draft.json.agent).toMatchObject({
		deployed: true,
		workflowId: agentId,
		tools: ['Incidents'],
	});
	expect(toolsOf(state.workflows.get(agentId)!)).toEqual(['Incidents']);
	expect(state.workflows.get(agentId)!.active).toBe(true);
	const listed = (await call(server, 'GET', '/api/actions')).json;
	expect(listed.liveCount).toBe(1);

	// A draft cannot go back to draft again.
	expectActionableError(
		await call(server, 'POST', `/api/actions/${orders.id}/draft`, { body: {} }),
		400,
	);
});

it('creates the agent again when it was deleted in n8n, and says so', async () => {
	await configureModel();
	await setLive('Order status', '/orders');
	const [agent] = agentWorkflows();
	state.workflows.delete(agent.id);
	const again = await setLive('Incidents', '/incidents');
	expect(again.deployed.json.agent.message).toMatch(/created the AI agent again/);
	expect(agentWorkflows()).toHaveLength(1);
	expect(agentWorkflows()[0].id).not.toBe(agent.id);
});

it('never sends the model key to an n8n address the admin did not allow for it', async () => {
	await configureModel(['http://localhost:5678']);
	const { deployed } = await setLive('Order status', '/orders');
	expect(deployed.json.agent).toEqual({
		deployed: false,
		message: expect.stringContaining(
			`the model's API key was not allowed for the n8n at ${n8n.url}`,
		),
	});
	expect(state.credentials.some((entry) => entry.type === 'openAiApi')).toBe(false);
	for (const request of n8n.requests)
		for (const variant of secretVariants(MODEL_KEY)) expect(request.body).not.toContain(variant);
});

it("refuses two live actions of one name in the agent, naming it, while the action's own deploy stands", async () => {
	await configureModel();
	await setLive('Order status', '/orders');
	const other = await call(server, 'POST', '/api/actions', {
		body: { name: 'Order status', workflow: actionWorkflow('Order status', '/other') },
	});
	await call(server, 'PUT', `/api/actions/${other.json.id}`, {
		body: {
			name: 'Order status',
			workflow: actionWorkflow('Order status', '/other'),
			deploy: { baseUrl: n8n.url, workflowId: 'WfOther', active: true, at: 'now' },
		},
	});
	state.workflows.set('WfOther', {
		...actionWorkflow('Order status', '/other'),
		id: 'WfOther',
		active: true,
	});
	const third = await setLive('Incidents', '/incidents');
	expect(third.deployed.json.active).toBe(true);
	expect(third.deployed.json.agent).toEqual({
		deployed: false,
		message: expect.stringContaining('Two live actions are both named "Order status"'),
	});
});

it('says when n8n refuses to publish the agent, and updates that same workflow next time (no duplicate)', async () => {
	await configureModel();
	let refuse = true;
	const answer = fakeN8n(state, API_KEY);
	n8n.setRoutes({
		'*': (request: ReceivedRequest): ScriptedResponse => {
			const publishing = /^\/api\/v1\/workflows\/([^/]+)\/publish$/.exec(request.path);
			if (refuse && publishing && state.workflows.get(publishing[1])?.name === 'Fin agent')
				return { status: 400, body: { message: 'Node "Chat Model": Missing required credential' } };
			return answer(request);
		},
	});
	const first = await setLive('Order status', '/orders');
	expect(first.deployed.json.active).toBe(true);
	expect(first.deployed.json.agent).toEqual({
		deployed: false,
		message: expect.stringMatching(
			/The AI agent was not deployed: n8n saved the workflow but did not publish it: .*Missing required credential/,
		),
	});
	expect(agentWorkflows()).toHaveLength(1);
	refuse = false;
	const second = await setLive('Incidents', '/incidents');
	expect(second.deployed.json.agent).toMatchObject({ deployed: true, active: true });
	expect(agentWorkflows()).toHaveLength(1);
	expect(toolsOf(agentWorkflows()[0])).toEqual(['Order status', 'Incidents']);
});

it("builds each other live action's tool from the workflow n8n runs, never from unpublished edits on the canvas", async () => {
	await configureModel();
	const orders = await setLive('Order status', '/orders');
	// The admin edits the live action on the canvas (autosaved, not set live again): a draft.
	await call(server, 'PUT', `/api/actions/${orders.id}`, {
		body: { name: 'Order status', workflow: actionWorkflow('Order status', '/draft-edit') },
	});
	await setLive('Incidents', '/incidents');
	const tool = agentWorkflows()[0].nodes.find(
		(node: { name: string }) => node.name === 'Order status',
	);
	expect(tool.parameters.url).toBe(`${shop.url}/orders?email={{user.email}}`);
	expect(JSON.stringify(agentWorkflows()[0])).not.toContain('/draft-edit');

	// An action whose workflow is gone from n8n is live nowhere: left out, and said so.
	state.workflows.delete(orders.deployed.json.id);
	const third = await setLive('Status', '/status');
	expect(toolsOf(agentWorkflows()[0])).toEqual(['Incidents', 'Status']);
	expect(third.deployed.json.agent.message).toMatch(
		/Left out "Order status": its workflow is gone from n8n/,
	);
});

it('new instructions reach the deployed agent at once, in place, with the n8n key kept from Set live', async () => {
	await configureModel();
	await setLive('Order status', '/orders');
	const [agent] = agentWorkflows();
	const saved = await call(server, 'PUT', '/api/agent', {
		body: { instructions: 'Answer like a pirate.' },
	});
	expect(saved.status).toBe(200);
	expect(saved.json.updated).toEqual([
		expect.objectContaining({
			baseUrl: n8n.url,
			deployed: true,
			workflowId: agent.id,
			message: expect.stringMatching(/updated the AI agent and published it/),
		}),
	]);
	const updated = state.workflows.get(agent.id)!;
	const node = updated.nodes.find((entry: { name: string }) => entry.name === 'AI Agent');
	expect(node.parameters.options.systemMessage).toMatch(/Answer like a pirate\.$/);
	expect(agentWorkflows()).toHaveLength(1);
	for (const variant of secretVariants(MODEL_KEY)) expect(saved.text).not.toContain(variant);
});

it('an action live at two n8n addresses stays in the agent of the first after its last deploy went to the second', async () => {
	await configureModel();
	const orders = await setLive('Order status', '/orders');
	// Then set live at production (another address): the last deploy now points there.
	await call(server, 'PUT', `/api/actions/${orders.id}`, {
		body: {
			name: 'Order status',
			workflow: actionWorkflow('Order status', '/orders'),
			deploy: {
				baseUrl: 'http://production.example.test',
				workflowId: 'wf-production',
				active: true,
				at: 'later',
			},
		},
	});
	await setLive('Incidents', '/incidents');
	expect(toolsOf(agentWorkflows()[0]).sort()).toEqual(['Incidents', 'Order status']);
});
