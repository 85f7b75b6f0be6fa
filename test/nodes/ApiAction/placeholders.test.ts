// Placeholders in every position, with hostile values, through the real engine and a real server.
import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import type { IDataObject } from 'n8n-workflow';

import {
	ACTION,
	apiActionWorkflow,
	conversation,
	messengerCredential,
	messengerCredentialData,
	sealedClaims,
} from '../../fixtures/api-action-workflows';

const HOSTILE = [
	'../admin',
	'a/b',
	'?x=1',
	'#frag',
	'%2e%2e',
	'@evil.com',
	'a&admin=true',
	'ünï cødé',
];

describe('API Action placeholders', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer({ '*': { body: { ok: true } } });
	});
	afterAll(async () => server?.close());
	beforeEach(() => server.requests.splice(0));

	it.each(HOSTILE)('keeps %j inside one path segment and one query value', async (value) => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/customers/{{user.user_id}}/usage?from={{user.user_id}}`,
				queryParameters: { parameters: [{ name: 'email', value: '{{user.user_id}}' }] },
			}),
			{ input: [conversation({ user_id: value })] },
		);
		expect(result.errors).toEqual({});
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		// The server sees exactly three segments and exactly two query parameters, whatever the value.
		const segments = request.rawUrl.split('?')[0].split('/');
		expect(segments).toHaveLength(4);
		expect(decodeURIComponent(segments[2])).toBe(value);
		expect(segments[3]).toBe('usage');
		expect([...request.query.keys()]).toEqual(['from', 'email']);
		expect(request.query.get('from')).toBe(value);
		expect(request.query.get('email')).toBe(value);
		expect(request.headers.host).toBe(`127.0.0.1:${server.port}`);
	});

	it.each(['..', '.'])('refuses %j as a whole path segment', async (value) => {
		const result = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/customers/{{user.user_id}}/usage` }),
			{
				input: [conversation({ user_id: value })],
			},
		);
		expect(result.errors[ACTION]?.message).toMatch(/path segment cannot be "\." or "\.\."/);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a CR/LF value in a header instead of splitting it', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/x`,
				headerParameters: { parameters: [{ name: 'X-Plan', value: '{{user.plan}}' }] },
			}),
			{ input: [conversation({ plan: 'pro\r\nX-Admin: true' })] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/"user\.plan".*line break/);
		expect(server.requests).toHaveLength(0);
	});

	it('sends header values as they are, one header each', async () => {
		await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/x`,
				headerParameters: {
					parameters: [{ name: 'X-Plan', value: 'plan={{user.plan}}; co={{company.name}}' }],
				},
			}),
			{ input: [conversation({ plan: 'a/b?c#d@e' })] },
		);
		expect(server.requests[0].headers['x-plan']).toBe('plan=a/b?c#d@e; co=Acme');
		expect(server.requests[0].headers['x-admin']).toBeUndefined();
	});

	it.each([
		'https://{{user.host}}/x',
		'http://api.example.com:{{user.port}}/x',
		'{{user.scheme}}://api.example.com/x',
		'https://{{user.sub}}.example.com/x',
	])('refuses placeholders in the scheme, host or port: %s', async (url) => {
		const result = await runWorkflow(apiActionWorkflow({ url }), {
			input: [conversation({ host: 'evil.com', port: 1, scheme: 'http', sub: 'x' })],
		});
		expect(result.errors[ACTION]?.message).toMatch(/not allowed in the scheme, host or port/);
	});

	it('writes JSON string values escaped and keeps the type of a whole placeholder', async () => {
		await runWorkflow(
			apiActionWorkflow({
				method: 'POST',
				allowWrites: true,
				url: `${server.url}/notes`,
				jsonBody:
					'{"note": "from {{user.user_id}}", "user": "{{user.user_id}}", "seats": "{{company.seats}}"}',
			}),
			{
				input: [conversation({ user_id: 'x", "admin": true, "y": "' }, { company: { seats: 12 } })],
			},
		);
		expect(server.requests[0].json).toEqual({
			note: 'from x", "admin": true, "y": "',
			user: 'x", "admin": true, "y": "',
			seats: 12,
		});
	});

	it('names a missing attribute, and uses a default when one is given', async () => {
		const missing = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/plans/{{user.tier}}` }),
			{ input: [conversation()] },
		);
		expect(missing.errors[ACTION]?.message).toMatch(
			/The attribute "user\.tier" used in the URL path is missing/,
		);
		const withDefault = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/plans/{{user.tier|free}}` }),
			{ input: [conversation()] },
		);
		expect(withDefault.errors).toEqual({});
		expect(server.requests.at(-1)?.path).toBe('/plans/free');
	});

	it('does not read inherited properties such as __proto__ or constructor', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/x/{{user.constructor}}` }),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/"user\.constructor"/);
	});

	it('refuses an unknown placeholder instead of sending it', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/x/{{ $json.user }}` }),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/not a known placeholder/);
	});

	const token = 'cust-token-9f8e7d6c5b';
	/** A customer whose JWT carries `claims` (as Fin Trigger emits them), asking with `parameters`. */
	const withClaims = (claims: IDataObject, parameters: IDataObject = {}, secret?: string) =>
		runWorkflow(
			apiActionWorkflow(
				{
					url: `${server.url}/me?token={{identity.claims.api_token}}`,
					headerParameters: {
						parameters: [{ name: 'X-Customer-Token', value: '{{identity.claims.api_token}}' }],
					},
					sendSecretClaims: true,
					...parameters,
				},
				{ credentials: messengerCredential },
			),
			{
				input: [
					conversation(
						{},
						{
							identity: {
								verified: true,
								method: 'jwt',
								kind: 'user',
								signed: ['user.user_id', 'identity.claims'],
								claims,
							},
						},
					),
				],
				credentials: secret
					? { finMessengerApi: { identityVerificationSecret: secret } }
					: messengerCredentialData,
			},
		);
	// Listed under Fin Trigger's "JWT Secret Claims", the token arrives sealed.
	const withCustomerToken = () => withClaims(sealedClaims({ api_token: token }));

	it('refuses a header that sends a claim Fin Trigger did not declare secret (it would sit in clear)', async () => {
		const result = await withClaims({ api_token: token });
		expect(server.requests).toHaveLength(0);
		expect(result.errors[ACTION]?.message).toMatch(
			/header "X-Customer-Token" sends \{\{identity\.claims\.api_token\}\}.*"JWT Secret Claims"/,
		);
	});

	it('sends a non-secret claim in the query, where no header carries it', async () => {
		const result = await withClaims(
			{ account: 'acc-1' },
			{ url: `${server.url}/me?account={{identity.claims.account}}`, headerParameters: {} },
		);
		expect(result.errors[ACTION]).toBeUndefined();
		expect(server.requests[0].rawUrl).toBe('/me?account=acc-1');
	});

	it('needs "Send Secret Claims" to open a sealed claim, and says so', async () => {
		const result = await withClaims(sealedClaims({ api_token: token }), {
			sendSecretClaims: false,
		});
		expect(server.requests).toHaveLength(0);
		expect(result.errors[ACTION]?.message).toMatch(
			/secret claim "api_token".*Switch on "Send Secret Claims"/,
		);
	});

	it('cannot open a claim sealed under another Fin Messenger secret', async () => {
		const result = await withClaims(
			sealedClaims({ api_token: token }),
			{},
			'another-verification-secret',
		);
		expect(server.requests).toHaveLength(0);
		expect(result.errors[ACTION]?.message).toMatch(/"api_token" could not be opened/);
	});

	it('puts a per-customer token from verified JWT claims in a header, redacted in the URL record', async () => {
		const result = await withCustomerToken();
		expect(server.requests[0].headers['x-customer-token']).toBe(token);
		const out = result.outputs[ACTION][0][0].json as { action: { url: string } };
		expect(out.action.url).toBe(`${server.url}/me?token=%5Bredacted%5D`);
	});

	// The API Action passes its input item through: the token must not survive there either.
	it('puts that token nowhere in the output, identity included', async () => {
		const result = await withCustomerToken();
		// Every node's output, the trigger's included: n8n stores them all.
		expect(JSON.stringify(result.outputs)).not.toContain(token);
		expect(server.requests[0].headers['x-customer-token']).toBe(token);
	});
});
