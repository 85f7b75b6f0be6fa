// Fin Fixed Token and Fin Dynamic Token as they run inside n8n: generic placement of the token,
// preAuthentication for the expirable field, refresh on expiry and after a 401.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { CredentialStore } from '../../engine/credentials-helper';
import { runWorkflow } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	dynamicTokenCredential,
	fixedTokenCredential,
} from '../fixtures/api-action-workflows';

const FIXED = 'fixed-secret-token-123456';
const CLIENT_SECRET = 'client-secret-abcdef987';

describe('Fin Fixed Token', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({ '*': { body: { ok: true } } });
	});
	afterAll(async () => server?.close());
	beforeEach(() => server.requests.splice(0));

	const run = (credential: Record<string, unknown>) =>
		runWorkflow(
			apiActionWorkflow(
				{ url: `${server.url}/orders`, authentication: 'finFixedTokenApi' },
				{ credentials: fixedTokenCredential },
			),
			{
				input: [conversation()],
				credentials: { finFixedTokenApi: { token: FIXED, ...credential } },
			},
		);

	it('sends Authorization: Bearer by default', async () => {
		const result = await run({});
		expect(result.errors).toEqual({});
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${FIXED}`);
	});

	it('sends a named header with a prefix', async () => {
		await run({ placement: 'header', headerName: 'X-Shopify-Access-Token', prefix: 'Token ' });
		expect(server.requests[0].headers['x-shopify-access-token']).toBe(`Token ${FIXED}`);
		expect(server.requests[0].headers.authorization).toBeUndefined();
	});

	it('sends a query parameter, redacted in the action record', async () => {
		const result = await run({ placement: 'query', queryName: 'api_key' });
		expect(server.requests[0].query.get('api_key')).toBe(FIXED);
		expect(JSON.stringify(result.outputs[ACTION])).not.toContain(FIXED);
	});

	it('refuses to send the token outside the allowed domain', async () => {
		const result = await run({ allowedDomain: 'api.example.com' });
		expect(server.requests).toHaveLength(0);
		expect(result.errors[ACTION]).toBeDefined();
		expect(JSON.stringify(result.errors[ACTION])).not.toContain(FIXED);
	});

	it('sends the token to the allowed domain', async () => {
		await run({ allowedDomain: '127.0.0.1' });
		expect(server.requests[0].headers.authorization).toBe(`Bearer ${FIXED}`);
	});

	it('on a 401 says what to check of a fixed token, never that a fresh token was fetched', async () => {
		server.setRoutes({ '*': { status: 401, body: { error: 'no' } } });
		try {
			const result = await run({ placement: 'header', headerName: 'X-Api-Key' });
			const message = result.errors[ACTION]?.message ?? '';
			expect(message).toMatch(/refused the token \(401\).*Fin Fixed Token.*where it goes/);
			expect(message).not.toMatch(/fresh token/);
		} finally {
			server.setRoutes({ '*': { body: { ok: true } } });
		}
	});
});

describe('Fin Dynamic Token', () => {
	let server: LoopbackServer;
	let issued: number;
	beforeEach(async () => {
		issued = 0;
		server = await startLoopbackServer();
	});
	afterEach(async () => server.close());

	const tokenRoute =
		(lifetime = 3600) =>
		() => ({
			body: { access_token: `tok-${++issued}`, expires_in: lifetime, token_type: 'Bearer' },
		});
	const credentials = (extra: ICredentialDataDecryptedObject = {}): CredentialStore => ({
		finDynamicTokenApi: {
			tokenUrl: `${server.url}/oauth/token`,
			clientId: 'client-1',
			clientSecret: CLIENT_SECRET,
			...extra,
		},
	});
	const workflow = () =>
		apiActionWorkflow(
			{ url: `${server.url}/customers/{{user.user_id}}`, authentication: 'finDynamicTokenApi' },
			{ credentials: dynamicTokenCredential },
		);

	it('fetches one token and reuses it for many requests, in one run and the next', async () => {
		server.setRoutes({ 'POST /oauth/token': tokenRoute(), '*': { body: { ok: true } } });
		const store = credentials();
		const first = await runWorkflow(workflow(), {
			input: [
				conversation({ user_id: 'a' }),
				conversation({ user_id: 'b' }),
				conversation({ user_id: 'c' }),
			],
			credentials: store,
		});
		expect(first.errors).toEqual({});
		await runWorkflow(workflow(), { input: [conversation({ user_id: 'd' })], credentials: store });
		expect(
			server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`),
		).toEqual([
			'POST /oauth/token ',
			'GET /customers/a Bearer tok-1',
			'GET /customers/b Bearer tok-1',
			'GET /customers/c Bearer tok-1',
			'GET /customers/d Bearer tok-1',
		]);
		const tokenRequest = new URLSearchParams(server.requests[0].body);
		expect(Object.fromEntries(tokenRequest)).toEqual({
			grant_type: 'client_credentials',
			client_id: 'client-1',
			client_secret: CLIENT_SECRET,
		});
		expect(store.finDynamicTokenApi).toMatchObject({ accessToken: 'tok-1' });
		expect(Number(store.finDynamicTokenApi.expiresAt)).toBeGreaterThan(Date.now() + 3000 * 1000);
	});

	it('refreshes a token that is about to expire before sending anything with it', async () => {
		server.setRoutes({ 'POST /oauth/token': tokenRoute(), '*': { body: { ok: true } } });
		const store = credentials({ accessToken: 'old-token', expiresAt: Date.now() - 1000 });
		const result = await runWorkflow(workflow(), { input: [conversation()], credentials: store });
		expect(result.errors).toEqual({});
		expect(
			server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`),
		).toEqual(['POST /oauth/token ', 'GET /customers/u-42 Bearer tok-1']);
		expect(result.preAuthenticationCalls).toEqual([{ type: 'finDynamicTokenApi', expired: true }]);
	});

	it('refreshes after a 401 and retries the request once', async () => {
		server.setRoutes({
			'POST /oauth/token': tokenRoute(),
			'*': (req) =>
				req.headers.authorization === 'Bearer tok-1'
					? { status: 401, body: { error: 'token revoked' } }
					: { body: { ok: true } },
		});
		const store = credentials();
		const result = await runWorkflow(workflow(), { input: [conversation()], credentials: store });
		expect(result.errors).toEqual({});
		expect(
			server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`),
		).toEqual([
			'POST /oauth/token ',
			'GET /customers/u-42 Bearer tok-1',
			'POST /oauth/token ',
			'GET /customers/u-42 Bearer tok-2',
		]);
		expect(store.finDynamicTokenApi).toMatchObject({ accessToken: 'tok-2' });
	});

	it('fails with a clear error when the API keeps answering 401', async () => {
		server.setRoutes({
			'POST /oauth/token': tokenRoute(),
			'*': { status: 401, body: { error: 'no' } },
		});
		const result = await runWorkflow(workflow(), {
			input: [conversation()],
			credentials: credentials(),
		});
		expect(result.errors[ACTION]?.message).toMatch(
			/refused the token \(401\), also after a fresh token was fetched.*Fin Dynamic Token/,
		);
		expect(server.requests.filter((r) => r.path.startsWith('/customers'))).toHaveLength(2);
	});

	it('reads the token and lifetime where JSON pointers say, sent as JSON with a password grant', async () => {
		server.setRoutes({
			'POST /oauth/token': () => ({ body: { data: { 'the/token': 'nested-tok', ttl: 120 } } }),
			'*': { body: {} },
		});
		const store = credentials({
			bodyFormat: 'json',
			grantType: 'password',
			username: 'svc',
			password: 'pw-secret-1',
			answerPointer: '/data/the~1token',
			lifetimePointer: '/data/ttl',
		});
		const result = await runWorkflow(workflow(), { input: [conversation()], credentials: store });
		expect(result.errors).toEqual({});
		expect(server.requests[0].json).toMatchObject({
			grant_type: 'password',
			username: 'svc',
			password: 'pw-secret-1',
		});
		expect(server.requests[1].headers.authorization).toBe('Bearer nested-tok');
		expect(Number(store.finDynamicTokenApi.expiresAt)).toBeLessThanOrEqual(Date.now() + 60 * 1000);
	});

	it('reports a failing token endpoint without its secrets', async () => {
		server.setRoutes({
			'POST /oauth/token': { status: 400, body: { error: 'invalid_client', echo: CLIENT_SECRET } },
		});
		const result = await runWorkflow(workflow(), {
			input: [conversation()],
			credentials: credentials(),
		});
		expect(result.errors[ACTION]?.message).toMatch(/token endpoint answered 400/);
		expect(JSON.stringify(result.errors[ACTION])).not.toContain(CLIENT_SECRET);
	});
});
