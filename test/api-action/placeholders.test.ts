// Placeholders in every position, with hostile values, through the real engine and a real server.
import { runWorkflow } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { ACTION, apiActionWorkflow, conversation } from './workflows';

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
	const withCustomerToken = () =>
		runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/me?token={{identity.claims.api_token}}`,
				headerParameters: {
					parameters: [{ name: 'X-Customer-Token', value: '{{identity.claims.api_token}}' }],
				},
			}),
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
								claims: { api_token: token },
							},
						},
					),
				],
			},
		);

	it('puts a per-customer token from verified JWT claims in a header, redacted in the URL record', async () => {
		const result = await withCustomerToken();
		expect(server.requests[0].headers['x-customer-token']).toBe(token);
		const out = result.outputs[ACTION][0][0].json as { action: { url: string } };
		expect(out.action.url).toBe(`${server.url}/me?token=%5Bredacted%5D`);
	});

	// The API Action passes its input item through: the token must not survive there either.
	it('puts that token nowhere in the output, identity included', async () => {
		const result = await withCustomerToken();
		expect(JSON.stringify(result.outputs[ACTION])).not.toContain(token);
	});
});
