// Deploy against a real loopback server that answers like n8n's public API (POST /api/v1/workflows,
// POST /api/v1/workflows/{id}/activate), including its refusal of unknown fields.
import type { RunningServer } from '../../server/app';
import {
	startLoopbackServer,
	type LoopbackServer,
	type ReceivedRequest,
	type ScriptedResponse,
} from '../../../engine/loopback-server';
import { call, expectActionableError, startTestServer } from './helpers';

const API_KEY = 'n8n_api_0123456789abcdefSECRET';
const WORKFLOW_FIELDS = ['name', 'nodes', 'connections', 'settings', 'staticData', 'description'];
const NODE_FIELDS = [
	'id',
	'name',
	'webhookId',
	'disabled',
	'notesInFlow',
	'notes',
	'type',
	'typeVersion',
	'executeOnce',
	'alwaysOutputData',
	'retryOnFail',
	'maxTries',
	'waitBetweenTries',
	'continueOnFail',
	'onError',
	'position',
	'parameters',
	'credentials',
];

/** What n8n's public API does with a create request (schema: additionalProperties false). */
function n8nCreate(request: ReceivedRequest): ScriptedResponse {
	if (request.headers['x-n8n-api-key'] !== API_KEY)
		return { status: 401, body: { message: 'unauthorized' } };
	const body = request.json as Record<string, any>;
	const extra = Object.keys(body).filter((key) => !WORKFLOW_FIELDS.includes(key));
	const nodeExtra = body.nodes.flatMap((node: Record<string, unknown>) =>
		Object.keys(node).filter((key) => !NODE_FIELDS.includes(key)),
	);
	if (extra.length || nodeExtra.length)
		return { status: 400, body: { message: 'request/body must NOT have additional properties' } };
	if (!body.settings)
		return {
			status: 400,
			body: { message: "request/body must have required property 'settings'" },
		};
	return {
		status: 200,
		body: { ...body, id: 'Wf1aB2cD3', active: false, createdAt: '2025-01-01T00:00:00.000Z' },
	};
}

let n8n: LoopbackServer;
let server: RunningServer;
beforeEach(async () => {
	n8n = await startLoopbackServer({
		'POST /api/v1/workflows': n8nCreate,
		'POST /api/v1/workflows/Wf1aB2cD3/activate': (request) =>
			request.headers['x-n8n-api-key'] === API_KEY
				? { status: 200, body: { id: 'Wf1aB2cD3', active: true } }
				: { status: 401, body: { message: 'unauthorized' } },
	});
	server = await startTestServer();
});
afterEach(async () => {
	await server.close();
	await n8n.close();
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
				parameters: { authentication: 'finFixedTokenApi' },
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

async function storeCredential(): Promise<string> {
	const created = await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finFixedTokenApi',
			name: 'Shopify token',
			data: { token: 'shpat_must_never_leave' },
		},
	});
	return created.json.id;
}

it('creates the workflow with only the fields n8n accepts, activates it, and answers id, active and url', async () => {
	const credentialId = await storeCredential();
	const logs: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest
			.spyOn(console, method)
			.mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' '))),
	);
	let answer;
	try {
		answer = await call(server, 'POST', '/api/deploy', {
			body: {
				workflow: canvasWorkflow(credentialId),
				baseUrl: `${n8n.url}/`,
				apiKey: API_KEY,
				activate: true,
			},
		});
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
	expect(answer.status).toBe(200);
	expect(answer.json).toEqual(
		expect.objectContaining({
			id: 'Wf1aB2cD3',
			active: true,
			url: `${n8n.url}/workflow/Wf1aB2cD3`,
		}),
	);

	const [create, activate] = n8n.requests;
	expect(create.path).toBe('/api/v1/workflows');
	expect(create.headers['x-n8n-api-key']).toBe(API_KEY);
	expect(activate.path).toBe('/api/v1/workflows/Wf1aB2cD3/activate');
	const sent = create.json as Record<string, any>;
	expect(Object.keys(sent).sort()).toEqual(['connections', 'name', 'nodes', 'settings']);
	expect(sent.settings).toEqual({ executionOrder: 'v1' });
	expect(sent.nodes.map((node: { name: string }) => node.name)).toEqual([
		'Fin Trigger',
		'Orders',
		'Note',
	]);
	// A credential of this canvas is referenced by type and (current) name: n8n looks it up by name.
	expect(sent.nodes[1].credentials).toEqual({
		finFixedTokenApi: { id: null, name: 'Shopify token' },
	});
	// An id that may be n8n's own is kept (n8n falls back to the name when it does not know it).
	expect(sent.nodes[0].credentials).toEqual({
		finMessengerApi: { id: 'kept-n8n-id', name: 'Messenger' },
	});
	// Fin Trigger receives webhooks: it gets a webhookId as n8n's editor would give it.
	expect(sent.nodes[0].webhookId).toMatch(/^[0-9a-f-]{36}$/);
	expect(create.body).not.toContain('shpat_must_never_leave');
	expect(answer.json.warnings.join('\n')).toMatch(/Shopify token/);

	expect(answer.text).not.toContain(API_KEY);
	expect(logs.join('\n')).not.toContain(API_KEY);
});

it('accepts a base URL that already ends in /api/v1 and skips activation when not asked', async () => {
	const answer = await call(server, 'POST', '/api/deploy', {
		body: {
			workflow: canvasWorkflow('local_x'),
			baseUrl: `${n8n.url}/api/v1`,
			apiKey: API_KEY,
			activate: false,
		},
	});
	expect(answer.json).toEqual(expect.objectContaining({ id: 'Wf1aB2cD3', active: false }));
	expect(n8n.requests.map((request) => request.path)).toEqual(['/api/v1/workflows']);
});

it('says the API key was rejected, without echoing it', async () => {
	const answer = await call(server, 'POST', '/api/deploy', {
		body: {
			workflow: canvasWorkflow('local_x'),
			baseUrl: n8n.url,
			apiKey: 'wrong-key-123456',
			activate: true,
		},
	});
	expectActionableError(answer, 401);
	expect(answer.json.hint).toMatch(/API key/);
	expect(answer.text).not.toContain('wrong-key-123456');
});

it("passes on n8n's message when it refuses the workflow", async () => {
	n8n.setRoutes({
		'POST /api/v1/workflows': {
			status: 400,
			body: { message: `request/body/nodes/0 must have required property 'type' (key ${API_KEY})` },
		},
	});
	const answer = await call(server, 'POST', '/api/deploy', {
		body: { workflow: canvasWorkflow('local_x'), baseUrl: n8n.url, apiKey: API_KEY },
	});
	expectActionableError(answer, 400);
	expect(answer.json.error).toContain("must have required property 'type'");
	expect(answer.text).not.toContain(API_KEY);
});

it('reports a created but not activated workflow with its id and url', async () => {
	n8n.setRoutes({
		'POST /api/v1/workflows': n8nCreate,
		'POST /api/v1/workflows/Wf1aB2cD3/activate': {
			status: 400,
			body: { message: 'Workflow has no node to start the workflow' },
		},
	});
	const answer = await call(server, 'POST', '/api/deploy', {
		body: {
			workflow: canvasWorkflow('local_x'),
			baseUrl: n8n.url,
			apiKey: API_KEY,
			activate: true,
		},
	});
	expectActionableError(answer, 400);
	expect(answer.json).toEqual(
		expect.objectContaining({
			id: 'Wf1aB2cD3',
			active: false,
			url: `${n8n.url}/workflow/Wf1aB2cD3`,
		}),
	);
	expect(answer.json.error).toContain('Workflow has no node to start the workflow');
});

it('says n8n is unreachable, or has no public API at that address', async () => {
	const closed = await startLoopbackServer();
	const deadUrl = closed.url;
	await closed.close();
	const unreachable = await call(server, 'POST', '/api/deploy', {
		body: { workflow: canvasWorkflow('local_x'), baseUrl: deadUrl, apiKey: API_KEY },
	});
	expectActionableError(unreachable, 502);
	expect(unreachable.json.error).toContain('ECONNREFUSED');

	n8n.setRoutes({});
	const noApi = await call(server, 'POST', '/api/deploy', {
		body: { workflow: canvasWorkflow('local_x'), baseUrl: n8n.url, apiKey: API_KEY },
	});
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
		await call(server, 'POST', '/api/deploy', {
			body: { workflow: canvasWorkflow('local_x'), baseUrl: 'ftp://x', apiKey: API_KEY },
		}),
		400,
	);
	expectActionableError(
		await call(server, 'POST', '/api/deploy', {
			body: { workflow: { nodes: 'x' }, baseUrl: n8n.url, apiKey: API_KEY },
		}),
		400,
	);
	expect(n8n.requests).toHaveLength(0);
});
