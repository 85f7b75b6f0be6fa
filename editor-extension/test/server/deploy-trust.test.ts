// What a caller of POST /api/deploy cannot do, whatever it sends: have stored secrets sent to an n8n
// address they were not entered for, or publish a graph the page would not let go live (no passing
// test of exactly this graph, identity verification off, a test on the demo backend). Real HTTP
// against the real canvas server; n8n and the customer's API are loopback stand-ins that record
// every request they receive.
import type { RunningServer } from '../../server/app';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/testing';
import { fakeN8n, fakeN8nState } from './fake-n8n-api';
import { call, expectActionableError, restartableServerOnStore } from './helpers';

const API_KEY = 'n8n_api_trust_0123456789';
const TOKEN = 'shpat_trust_must_stay_home';
const VERIFICATION = 'iv_secret_must_stay_home';
const CLIENT_SECRET = 'intercom_client_secret_stays';
const SECRETS = [TOKEN, VERIFICATION, CLIENT_SECRET];

const servers = restartableServerOnStore();
let server: RunningServer;
let n8n: LoopbackServer;
let elsewhere: LoopbackServer;
let customerApi: LoopbackServer;
beforeEach(async () => {
	n8n = await startLoopbackServer({ '*': fakeN8n(fakeN8nState(), API_KEY) });
	elsewhere = await startLoopbackServer({ '*': fakeN8n(fakeN8nState(), API_KEY) });
	customerApi = await startLoopbackServer({
		'*': (request) =>
			request.headers.authorization === `Bearer ${TOKEN}`
				? { body: { plan: 'pro', balance: 12.5 } }
				: { status: 401, body: { message: 'bad token' } },
	});
	server = await servers.restart();
});
afterEach(async () => {
	await Promise.all([n8n.close(), elsewhere.close(), customerApi.close()]);
});

async function storeCredentials() {
	const token = await call(server, 'POST', '/api/credentials', {
		body: { type: 'finFixedTokenApi', name: 'Account API', data: { token: TOKEN } },
	});
	const messenger = await call(server, 'POST', '/api/credentials', {
		body: {
			type: 'finMessengerApi',
			name: 'Messenger',
			data: { identityVerificationSecret: VERIFICATION, intercomClientSecret: CLIENT_SECRET },
		},
	});
	expect([token.status, messenger.status]).toEqual([201, 201]);
	return { token: token.json.id as string, messenger: messenger.json.id as string };
}

function graph(
	ids: { token: string; messenger: string },
	trigger: Record<string, unknown> = {},
	url = `${customerApi.url}/accounts/{{user.user_id}}`,
) {
	return {
		name: 'Account plan',
		nodes: [
			{
				id: 't',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: trigger,
				credentials: { finMessengerApi: { id: ids.messenger, name: 'Messenger' } },
			},
			{
				id: 'a',
				name: 'Account',
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					template: 'custom',
					method: 'GET',
					url,
					authentication: 'finFixedTokenApi',
					responseMode: 'full',
					options: { maxRetries: 0 },
				},
				credentials: { finFixedTokenApi: { id: ids.token, name: 'Account API' } },
			},
			{
				id: 'p',
				name: 'Pick',
				type: 'n8n-nodes-fin-actions.responseFieldPicker',
				typeVersion: 1,
				position: [440, 0],
				parameters: { access: 'selected', fields: { field: [{ pointer: '/plan', name: 'Plan' }] } },
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Account', type: 'main', index: 0 }]] },
			Account: { main: [[{ node: 'Pick', type: 'main', index: 0 }]] },
		},
	};
}

const testValues = { user: { user_id: 'cus_1' }, message: 'Which plan am I on?' };

async function passTest(workflow: unknown) {
	const answer = await call(server, 'POST', '/api/test', { body: { workflow, testValues } });
	expect(answer.json.ok).toBe(true);
	expect(answer.json.answer).toBeTruthy();
}

const reentered = (ids: { token: string; messenger: string }) => ({
	[ids.token]: { token: TOKEN },
	[ids.messenger]: {
		identityVerificationSecret: VERIFICATION,
		intercomClientSecret: CLIENT_SECRET,
	},
});

const deploy = (body: Record<string, unknown>, baseUrl = n8n.url) =>
	call(server, 'POST', '/api/deploy', {
		body: { baseUrl, apiKey: API_KEY, activate: true, ...body },
	});

/** Nothing at all reached that address: no request, so no API key and no secret. */
function expectUntouched(target: LoopbackServer) {
	expect(target.requests).toEqual([]);
}

describe('stored secrets go only to the n8n addresses they were entered for', () => {
	it('refuses a deploy to a new address without the secrets entered again, naming them, and sends nothing', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids);
		await passTest(workflow);
		const answer = await deploy({ workflow });
		expectActionableError(answer, 403);
		expect(answer.json.error).toContain(n8n.url);
		expect(answer.json.error).toContain('“Account API” (Token)');
		expect(answer.json.error).toContain(
			'“Messenger” (Identity Verification Secret, Intercom Client Secret)',
		);
		expect(answer.json.hint).toMatch(/[Ee]nter .* again/);
		expect(answer.json.reenter).toEqual(
			expect.arrayContaining([
				{
					id: ids.token,
					name: 'Account API',
					type: 'finFixedTokenApi',
					fields: [{ name: 'token', displayName: 'Token' }],
				},
			]),
		);
		expectUntouched(n8n);
		for (const secret of SECRETS) expect(answer.text).not.toContain(secret);
	});

	it('refuses secrets entered wrong, and sends nothing', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids);
		await passTest(workflow);
		const answer = await deploy({
			workflow,
			secrets: { ...reentered(ids), [ids.token]: { token: 'a-guess' } },
		});
		expectActionableError(answer, 403);
		expect(answer.json.error).toContain('“Account API”');
		expect(answer.json.error).toContain('Token');
		expectUntouched(n8n);
	});

	it('deploys once they are entered again, then to that address only (kept across a restart)', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids);
		await passTest(workflow);
		const first = await deploy({ workflow, secrets: reentered(ids) });
		expect(first.status).toBe(200);
		expect(first.json.active).toBe(true);
		const sent = n8n.requests.filter((request) => request.path === '/api/v1/credentials');
		expect(sent.map((request) => request.body).join('\n')).toContain(VERIFICATION);

		// The same address again: confirmed, nothing to enter (after a restart too).
		server = await servers.restart();
		await passTest(workflow);
		const again = await deploy({ workflow, workflowId: first.json.id });
		expect(again.status).toBe(200);

		// Another address: refused, and it receives nothing.
		const moved = await deploy({ workflow }, elsewhere.url);
		expectActionableError(moved, 403);
		expect(moved.json.error).toContain(elsewhere.url);
		expectUntouched(elsewhere);
	});
});

describe('the server applies the page’s “Set live” gates to a deploy that publishes', () => {
	it('refuses to publish a graph with no passing test, and sends nothing', async () => {
		const ids = await storeCredentials();
		const answer = await deploy({ workflow: graph(ids), secrets: reentered(ids) });
		expectActionableError(answer, 409);
		expect(answer.json.error).toMatch(/no passing test/i);
		expect(answer.json.hint).toMatch(/Test response/);
		expectUntouched(n8n);
	});

	it('refuses to publish with identity verification off, even after a passing test', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids, { requireIdentityVerification: false });
		await passTest(workflow);
		const answer = await deploy({ workflow, secrets: reentered(ids) });
		expectActionableError(answer, 409);
		expect(answer.json.error).toContain('“Fin Trigger” does not require identity verification');
		expect(answer.json.hint).toMatch(/Require Identity Verification/);
		expectUntouched(n8n);
	});

	it('refuses a graph changed since its passing test, or one whose test failed', async () => {
		const ids = await storeCredentials();
		await passTest(graph(ids));
		const changed = graph(ids, {}, `${customerApi.url}/other/{{user.user_id}}`);
		const answer = await deploy({ workflow: changed, secrets: reentered(ids) });
		expectActionableError(answer, 409);
		expect(answer.json.error).toMatch(/no passing test of this graph/i);

		customerApi.setRoutes({ '*': { status: 500, body: { message: 'down' } } });
		const failing = graph(ids, {}, `${customerApi.url}/failing/{{user.user_id}}`);
		const failed = await call(server, 'POST', '/api/test', {
			body: { workflow: failing, testValues },
		});
		expect(failed.json.ok).toBe(false);
		expectActionableError(await deploy({ workflow: failing, secrets: reentered(ids) }), 409);
		expectUntouched(n8n);
	});

	it('does not count a test that ran on the demo backend', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids);
		// What the page sends with "Use demo backend" on: a copy calling the demo.
		const demoCopy = graph(ids, {}, `${server.url}/demo/customers/{{user.user_id}}/usage`);
		const demoRun = await call(server, 'POST', '/api/test', {
			body: { workflow: demoCopy, testValues: { ...testValues, user: { user_id: 'cus_1001' } } },
		});
		expect(demoRun.json.ok).toBe(true);
		const answer = await deploy({ workflow, secrets: reentered(ids) });
		expectActionableError(answer, 409);
		expectUntouched(n8n);
	});

	it('publishes a graph whose test passed here, layout changes aside', async () => {
		const ids = await storeCredentials();
		const workflow = graph(ids);
		await passTest(workflow);
		const moved = {
			...workflow,
			name: 'Renamed',
			nodes: workflow.nodes.map((node) => ({ ...node, position: [5, 5] })),
		};
		const answer = await deploy({ workflow: moved, secrets: reentered(ids) });
		expect(answer.status).toBe(200);
		expect(answer.json.active).toBe(true);
	});
});
