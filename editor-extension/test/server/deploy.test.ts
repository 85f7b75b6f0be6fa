// Deploy against a real loopback server that answers like n8n's public API (credentials, workflows,
// publish), including its refusal of unknown fields and its 404 for a deleted workflow. The real
// n8n 2.40.7 path is in test/real-n8n/canvas-deploy.e2e.test.ts.
import type { RunningServer } from '../../server/app';
import {
	startLoopbackServer,
	type LoopbackServer,
	type ScriptedResponse,
} from '../../../engine/testing';
import { fakeN8n, fakeN8nState, type FakeN8nState } from './fake-n8n-api';
import { call, expectActionableError, startTestServer } from './helpers';

const API_KEY = 'n8n_api_0123456789abcdefSECRET';
const SECRET = 'shpat_must_never_leave';

let n8n: LoopbackServer;
let server: RunningServer;
let state: FakeN8nState;
/** The customer's API the graph calls: a test of the graph passes against it before "Set live". */
let shop: LoopbackServer;
/** The credentials stored in this test, with their secrets as the admin enters them again. */
let stored: Record<string, Record<string, string>>;
beforeEach(async () => {
	stored = {};
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

function canvasWorkflow(credentialId: string) {
	return {
		id: 'local-1',
		name: 'Order status for Fin',
		active: true,
		tags: [{ id: '1', name: 'fin' }],
		pinData: { 'Fin Trigger': [{ json: { a: 1 } }] },
		meta: { templateId: 'x' },
		versionId: 'abc',
		settings: { executionOrder: 'v1', canvasZoom: 1.2 },
		nodes: [
			{
				id: 'n1',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { finMessengerApi: { id: 'kept-n8n-id', name: 'Messenger' } },
			},
			{
				id: 'n2',
				name: 'Orders',
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					authentication: 'finFixedTokenApi',
					url: `${shop.url}/admin/api/2024-01/orders.json?email={{user.email}}`,
					responseMode: 'full',
				},
				credentials: { finFixedTokenApi: { id: credentialId, name: 'old name' } },
				selected: true,
				issues: {},
			},
			{
				id: 'n3',
				name: 'Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, -200],
				parameters: { content: '## Read me' },
			},
		],
		connections: { 'Fin Trigger': { main: [[{ node: 'Orders', type: 'main', index: 0 }]] } },
	};
}

async function storeCredential(name = 'Shopify token'): Promise<string> {
	const created = await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finFixedTokenApi',
			name,
			data: { token: SECRET, allowedDomain: '127.0.0.1' },
		},
	});
	stored[created.json.id] = { token: SECRET };
	return created.json.id;
}

/** What "Set live" needs first (live-gate.ts): a passing test of exactly this graph. */
async function passTest(workflow: unknown) {
	const answer = await call(server, 'POST', '/api/test', {
		body: { workflow, testValues: { user: { user_id: 'u1', email: 'ada@example.com' } } },
	});
	expect(answer.json.ok).toBe(true);
}

/** A deploy as the dialog sends it once the admin entered the stored secrets again for this n8n. */
const deploy = (body: Record<string, unknown>) =>
	call(server, 'POST', '/api/deploy', {
		body: { baseUrl: n8n.url, apiKey: API_KEY, activate: true, secrets: stored, ...body },
	});

it('creates the credential in n8n, then the workflow with only the fields n8n accepts, publishes it, and says so', async () => {
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	const logs: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' '))),
	);
	let answer;
	try {
		answer = await deploy({ workflow: canvasWorkflow(credentialId), baseUrl: `${n8n.url}/` });
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
	expect(answer.status).toBe(200);
	const id = [...state.workflows.keys()][0];
	expect(answer.json).toEqual(
		expect.objectContaining({
			id,
			active: true,
			saved: 'created',
			url: `${n8n.url}/workflow/${id}`,
			credentials: [
				{ type: 'finMessengerApi', name: 'Messenger', id: 'kept-n8n-id', outcome: 'existing' },
				{ type: 'finFixedTokenApi', name: 'Shopify token', id: 'Cred1', outcome: 'created' },
			],
		}),
	);
	expect(answer.json.message).toMatch(/created the workflow and published it/);

	// The secret went to n8n (and only there), without the tokens a run caches.
	expect(state.credentials[1]).toEqual({
		id: 'Cred1',
		name: 'Shopify token',
		type: 'finFixedTokenApi',
		data: expect.objectContaining({ token: SECRET, allowedDomain: '127.0.0.1' }),
	});
	const create = n8n.requests.find(
		(request) => request.method === 'POST' && request.path === '/api/v1/workflows',
	)!;
	const sent = create.json as Record<string, any>;
	expect(Object.keys(sent).sort()).toEqual(['connections', 'name', 'nodes', 'settings']);
	expect(sent.settings).toEqual({ executionOrder: 'v1' });
	expect(sent.nodes.map((node: { name: string }) => node.name)).toEqual([
		'Fin Trigger',
		'Orders',
		'Note',
	]);
	// Nodes refer to the credentials by n8n's ids.
	expect(sent.nodes[1].credentials).toEqual({
		finFixedTokenApi: { id: 'Cred1', name: 'Shopify token' },
	});
	expect(sent.nodes[0].credentials).toEqual({
		finMessengerApi: { id: 'kept-n8n-id', name: 'Messenger' },
	});
	expect(sent.nodes[0].webhookId).toMatch(/^[0-9a-f-]{36}$/);
	expect(create.body).not.toContain(SECRET);
	expect(n8n.requests.at(-1)!.path).toBe(`/api/v1/workflows/${id}/publish`);

	for (const text of [answer.text, logs.join('\n')]) {
		expect(text).not.toContain(API_KEY);
		expect(text).not.toContain(SECRET);
	}
});

it('updates the same workflow and credential on the next deploy, and keeps the webhook address', async () => {
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	const first = await deploy({ workflow: canvasWorkflow(credentialId) });
	const webhookId = state.workflows.get(first.json.id)!.nodes[0].webhookId;
	await call(server, 'PATCH', `/api/credentials/${credentialId}`, {
		body: { name: 'Shopify token (renamed)' },
	});
	const second = await deploy({
		workflow: canvasWorkflow(credentialId),
		workflowId: first.json.id,
	});
	expect(second.status).toBe(200);
	expect(second.json).toMatchObject({ id: first.json.id, saved: 'updated', active: true });
	expect(second.json.message).toMatch(/updated the workflow/);
	expect(state.workflows.size).toBe(1);
	// Matched by the id remembered from the first deploy, though its name changed.
	expect(state.credentials.filter((entry) => entry.type === 'finFixedTokenApi')).toEqual([
		expect.objectContaining({ id: 'Cred1', name: 'Shopify token (renamed)' }),
	]);
	expect(state.workflows.get(first.json.id)!.nodes[0].webhookId).toBe(webhookId);
});

it('reuses a credential n8n already has under the same type and name instead of duplicating it', async () => {
	state.credentials.push({
		id: 'Made-in-n8n',
		name: 'Shopify token',
		type: 'finFixedTokenApi',
		data: {},
	});
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	const answer = await deploy({ workflow: canvasWorkflow(credentialId) });
	expect(answer.json.credentials[1]).toEqual(
		expect.objectContaining({ id: 'Made-in-n8n', outcome: 'updated' }),
	);
	expect(state.credentials).toHaveLength(2);
	expect(state.credentials[1].data).toEqual(expect.objectContaining({ token: SECRET }));
});

it('creates the workflow anew when the one deployed before was deleted in n8n, and says so', async () => {
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	const first = await deploy({ workflow: canvasWorkflow(credentialId) });
	state.workflows.delete(first.json.id);
	const again = await deploy({ workflow: canvasWorkflow(credentialId), workflowId: first.json.id });
	expect(again.json).toMatchObject({ saved: 'recreated', active: true });
	expect(again.json.id).not.toBe(first.json.id);
	expect(again.json.message).toMatch(/gone from n8n/);
});

it("runs n8n's checks first: a missing trigger credential is refused before anything is sent", async () => {
	const workflow = canvasWorkflow('local_x');
	delete (workflow.nodes[0] as Record<string, unknown>).credentials;
	const checks = await call(server, 'POST', '/api/checks', { body: { workflow } });
	expect(checks.json.issues).toContainEqual({
		node: 'Fin Trigger',
		kind: 'credentials',
		message: expect.stringContaining('Missing required credential: finMessengerApi'),
	});
	const answer = await deploy({ workflow });
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain('Node "Fin Trigger": Missing required credential');
	expect(answer.json.issues).toContainEqual(expect.objectContaining({ node: 'Fin Trigger' }));
	expect(n8n.requests).toHaveLength(0);
});

it("warns only about left-out workflow fields the admin would miss, not n8n's bookkeeping or empty ones", async () => {
	const credentialId = await storeCredential();
	const workflow = canvasWorkflow(credentialId);
	await passTest(workflow);
	const first = await deploy({ workflow });
	expect(first.json.warnings).toContain(
		'Left out tags, pinData: n8n sets or rejects these on create.',
	);
	// As a template or an n8n export carries them: nothing worth a word.
	const second = await deploy({
		workflow: { ...workflow, pinData: {}, tags: [], active: false },
		workflowId: first.json.id,
	});
	expect(second.status).toBe(200);
	expect(second.json.warnings ?? []).not.toContainEqual(expect.stringMatching(/^Left out/));
});

it('refuses a graph that itself holds a demo backend address (an older export), before anything is sent', async () => {
	const credentialId = await storeCredential();
	const workflow = canvasWorkflow(credentialId);
	// The demo of a canvas started on another port: still the demo, whatever the port.
	workflow.nodes[1].parameters = {
		authentication: 'finFixedTokenApi',
		url: 'http://127.0.0.1:5680/demo/shopify/admin/api/2025-07/orders.json',
		responseMode: 'full',
	};
	const answer = await deploy({ workflow });
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain('demo backend');
	expect(answer.json.error).toContain('“Orders” (url)');
	expect(answer.json.hint).toMatch(/address/);
	expect(n8n.requests).toHaveLength(0);
});

it('refuses a credential that is neither on the canvas nor in n8n, naming it', async () => {
	// Saved without publishing: a graph missing a credential cannot pass a test, so it never gets
	// past "Set live"; the check against n8n's credentials comes before any workflow is saved.
	const answer = await deploy({ workflow: canvasWorkflow('local_gone'), activate: false });
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain('Node "Orders"');
	expect(answer.json.error).toContain('old name');
	expect(state.workflows.size).toBe(0);
});

it('accepts a base URL that already ends in /api/v1 and skips publishing when not asked', async () => {
	const answer = await deploy({
		workflow: canvasWorkflow(await storeCredential()),
		baseUrl: `${n8n.url}/api/v1`,
		activate: false,
	});
	expect(answer.json).toEqual(expect.objectContaining({ active: false, saved: 'created' }));
	expect(n8n.requests.some((request) => request.path.endsWith('/publish'))).toBe(false);
});

it('says the API key was rejected, without echoing it', async () => {
	const workflow = canvasWorkflow(await storeCredential());
	await passTest(workflow);
	const answer = await deploy({
		workflow,
		apiKey: 'wrong-key-123456',
	});
	expectActionableError(answer, 401);
	expect(answer.json.hint).toMatch(/API key/);
	expect(answer.text).not.toContain('wrong-key-123456');
});

it("passes on n8n's message when it refuses the workflow, without any secret", async () => {
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	n8n.setRoutes({
		'POST /api/v1/workflows': {
			status: 400,
			body: {
				message: `request/body/nodes/0 must have required property 'type' (${API_KEY} ${SECRET})`,
			},
		},
		'*': fakeN8n(state, API_KEY),
	});
	const answer = await deploy({ workflow: canvasWorkflow(credentialId) });
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain("must have required property 'type'");
	expect(answer.text).not.toContain(API_KEY);
	expect(answer.text).not.toContain(SECRET);
});

it('reports a saved but not published workflow with its id, so the next deploy updates it', async () => {
	const credentialId = await storeCredential();
	await passTest(canvasWorkflow(credentialId));
	const refuse: ScriptedResponse = {
		status: 400,
		body: { message: 'Node "Fin Trigger": Missing required credential: finMessengerApi' },
	};
	n8n.setRoutes({ 'POST /api/v1/workflows/Wf2/publish': refuse, '*': fakeN8n(state, API_KEY) });
	const answer = await deploy({ workflow: canvasWorkflow(credentialId) });
	expectActionableError(answer, 400);
	expect(answer.json).toEqual(
		expect.objectContaining({
			id: 'Wf2',
			active: false,
			saved: 'created',
			url: `${n8n.url}/workflow/Wf2`,
		}),
	);
	expect(answer.json.error).toContain('saved the workflow but did not publish it');
	expect(answer.json.error).toContain('Missing required credential');
	n8n.setRoutes({ '*': fakeN8n(state, API_KEY) });
	const again = await deploy({ workflow: canvasWorkflow(credentialId), workflowId: 'Wf2' });
	expect(again.json).toMatchObject({ id: 'Wf2', saved: 'updated', active: true });
	expect(state.workflows.size).toBe(1);
});

it('says n8n is unreachable, or has no public API at that address', async () => {
	const closed = await startLoopbackServer();
	const deadUrl = closed.url;
	await closed.close();
	const workflow = canvasWorkflow(await storeCredential());
	await passTest(workflow);
	const unreachable = await deploy({ workflow, baseUrl: deadUrl });
	expectActionableError(unreachable, 502);
	expect(unreachable.json.error).toContain('ECONNREFUSED');

	n8n.setRoutes({});
	const noApi = await deploy({ workflow });
	expectActionableError(noApi, 502);
	expect(noApi.json.hint).toMatch(/public API/);
});

it('checks its own input first', async () => {
	expectActionableError(
		await call(server, 'POST', '/api/deploy', {
			body: { workflow: canvasWorkflow('local_x'), baseUrl: n8n.url },
		}),
		400,
	);
	expectActionableError(
		await deploy({ workflow: canvasWorkflow('local_x'), baseUrl: 'ftp://x' }),
		400,
	);
	expectActionableError(await deploy({ workflow: { nodes: 'x' } }), 400);
	expect(n8n.requests).toHaveLength(0);
});
