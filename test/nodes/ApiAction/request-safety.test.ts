// Issue 12.8-12.11, through the engine and a real server: which methods leave, n8n expressions in
// URL/query/header positions, typed whole placeholders in a JSON body, header value characters.
import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { ACTION, apiActionWorkflow, conversation } from '../../fixtures/api-action-workflows';

let server: LoopbackServer;
beforeAll(async () => {
	server = await startLoopbackServer({ '*': { body: { ok: true } } });
});
afterAll(async () => server.close());
beforeEach(() => server.requests.splice(0));

describe('12.8 methods: GET, HEAD, OPTIONS by default, writes only with Allow Writes', () => {
	it.each(['GET', 'HEAD', 'OPTIONS'])('%s is sent without Allow Writes', async (method) => {
		const result = await runWorkflow(apiActionWorkflow({ method, url: `${server.url}/orders` }), {
			input: [conversation()],
		});
		expect(result.errors).toEqual({});
		expect(server.requests.map((r) => r.method)).toEqual([method]);
	});

	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
		'%s needs Allow Writes, and is sent with it',
		async (method) => {
			const refused = await runWorkflow(
				apiActionWorkflow({ method, url: `${server.url}/orders` }),
				{ input: [conversation()] },
			);
			expect(refused.errors[ACTION]?.message).toMatch(/Allow Writes/);
			expect(server.requests).toHaveLength(0);
			const sent = await runWorkflow(
				apiActionWorkflow({ method, allowWrites: true, url: `${server.url}/orders` }),
				{ input: [conversation()] },
			);
			expect(sent.errors).toEqual({});
			expect(server.requests.map((r) => r.method)).toEqual([method]);
		},
	);

	it.each(['MERGE', 'PROPPATCH', 'PURGE', 'LOCK', 'TRACE', 'CONNECT', 'get '])(
		'%j set through an expression is refused, also with Allow Writes',
		async (method) => {
			for (const allowWrites of [false, true]) {
				const result = await runWorkflow(
					apiActionWorkflow({
						method: `={{ ${JSON.stringify(method)} }}`,
						allowWrites,
						url: `${server.url}/orders`,
					}),
					{ input: [conversation()] },
				);
				expect(result.errors[ACTION]?.message).toMatch(
					/is not an allowed method: use GET, HEAD or OPTIONS/,
				);
			}
			expect(server.requests).toHaveLength(0);
		},
	);
});

describe('12.9 n8n expressions in URL, query and header positions are refused', () => {
	const hostile = conversation({ user_id: '../admin?all=1&x=' });
	it.each([
		['URL', { url: `={{ "${'URL'}" && "" }}http://127.0.0.1/customers/{{ $json.user.user_id }}` }],
		[
			'query value',
			{ queryParameters: { parameters: [{ name: 'id', value: '={{ $json.user.user_id }}' }] } },
		],
		[
			'query name',
			{ queryParameters: { parameters: [{ name: '={{ $json.user.user_id }}', value: '1' }] } },
		],
		[
			'header value',
			{
				headerParameters: { parameters: [{ name: 'X-User', value: '={{ $json.user.user_id }}' }] },
			},
		],
	])(
		'an expression in the %s is refused, pointing to {{user.x}} placeholders',
		async (_where, parameters) => {
			const result = await runWorkflow(
				apiActionWorkflow({ url: `${server.url}/customers/{{user.user_id}}`, ...parameters }),
				{ input: [hostile] },
			);
			expect(result.errors[ACTION]?.message).toMatch(/n8n expression/);
			expect(result.errors[ACTION]?.message).toMatch(/\{\{user\.user_id\}\}/);
			expect(server.requests).toHaveLength(0);
		},
	);

	it('the URL as an expression with the server address is refused too (the whole URL is one expression)', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({ url: `=${server.url}/customers/{{ $json.user.user_id }}` }),
			{ input: [hostile] },
		);
		// n8n strips the "=" of a noDataExpression field (from-ai-button.ts): the rest is refused as an expression.
		expect(result.errors[ACTION]?.message).toMatch(/an n8n expression/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('12.10 a whole-string placeholder in a JSON body inserts only scalars unless typed', () => {
	const write = (jsonBody: string) =>
		apiActionWorkflow({ method: 'POST', allowWrites: true, url: `${server.url}/q`, jsonBody });

	it('an object where a scalar is expected is refused ({"$ne": null})', async () => {
		const result = await runWorkflow(write('{"user_id": "{{user.user_id}}"}'), {
			input: [conversation({ user_id: { $ne: null } })],
		});
		expect(result.errors[ACTION]?.message).toMatch(
			/only text, numbers, booleans and null.*\{\{object:user\.user_id\}\}/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it('a list where a scalar is expected is refused', async () => {
		const result = await runWorkflow(write('{"ids": "{{user.user_id}}"}'), {
			input: [conversation({ user_id: ['a', 'b'] })],
		});
		expect(result.errors[ACTION]?.message).toMatch(/\{\{list:user\.user_id\}\}/);
		expect(server.requests).toHaveLength(0);
	});

	it('scalars keep their JSON type', async () => {
		const result = await runWorkflow(
			write('{"id": "{{user.user_id}}", "seats": "{{company.seats}}", "vip": "{{user.vip}}"}'),
			{ input: [conversation({ vip: false }, { company: { seats: 3 } })] },
		);
		expect(result.errors).toEqual({});
		expect(server.requests[0].json).toEqual({ id: 'u-42', seats: 3, vip: false });
	});

	it('{{object:...}} and {{list:...}} insert an object or a list, and only that type', async () => {
		const ok = await runWorkflow(
			write('{"address": "{{object:user.address}}", "tags": "{{list:user.tags}}"}'),
			{ input: [conversation({ address: { city: 'Porto' }, tags: ['a', 1] })] },
		);
		expect(ok.errors).toEqual({});
		expect(server.requests[0].json).toEqual({ address: { city: 'Porto' }, tags: ['a', 1] });
		const wrong = await runWorkflow(write('{"address": "{{object:user.address}}"}'), {
			input: [conversation({ address: ['x'] })],
		});
		expect(wrong.errors[ACTION]?.message).toMatch(/declared as an object.*is a list/);
		const scalar = await runWorkflow(write('{"tags": "{{list:user.tags}}"}'), {
			input: [conversation({ tags: 'a' })],
		});
		expect(scalar.errors[ACTION]?.message).toMatch(/declared as a list.*is text/);
		expect(server.requests).toHaveLength(1);
	});
});

describe('12.11 header values with control or non-Latin-1 characters are refused', () => {
	it.each([
		['a line feed', 'a\nX-Admin: 1'],
		['a carriage return', 'a\rb'],
		['NUL', 'a\u0000b'],
		['another control character', 'a\u0001b'],
		['DEL', 'a\u007fb'],
		['a character outside Latin-1', 'price €5'],
		['an emoji', 'hi 🚀'],
	])('%s in a header value names the header', async (_name, value) => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/orders`,
				headerParameters: { parameters: [{ name: 'X-Plan', value: '{{user.plan}}' }] },
			}),
			{ input: [conversation({ plan: value })] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/header "X-Plan"/);
		expect(server.requests).toHaveLength(0);
	});

	it('a literal header value outside Latin-1 is refused too', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/orders`,
				headerParameters: { parameters: [{ name: 'X-Note', value: 'naïve “quotes”' }] },
			}),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/header "X-Note"/);
		expect(server.requests).toHaveLength(0);
	});

	it('Latin-1 text and tabs are sent as they are', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/orders`,
				headerParameters: { parameters: [{ name: 'X-Plan', value: '{{user.plan}}' }] },
			}),
			{ input: [conversation({ plan: 'café\tpro' })] },
		);
		expect(result.errors).toEqual({});
		expect(
			Buffer.from(server.requests[0].headers['x-plan'] as string, 'latin1').toString('latin1'),
		).toBe('café\tpro');
	});
});
