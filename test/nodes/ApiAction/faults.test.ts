// Limits and faults: each failure is a named NodeApiError / NodeOperationError and, with
// "continue on fail", the item goes on carrying the error.
import { createServer, type Socket } from 'node:net';

import { runWorkflow } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { ACTION, apiActionWorkflow, conversation } from '../../fixtures/api-action-workflows';

async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

describe('API Action limits and faults', () => {
	let server: LoopbackServer;
	beforeEach(async () => {
		server = await startLoopbackServer();
	});
	afterEach(async () => server.close());

	const run = (parameters: Record<string, unknown> = {}, onError?: string) =>
		runWorkflow(apiActionWorkflow({ url: `${server.url}/data`, ...parameters }, { onError }), {
			input: [conversation()],
		});

	it('outputs the parsed body under response with the action record, keeping the item', async () => {
		server.setRoutes({ '/data': { body: { usage: [1, 2] } } });
		const result = await run({ actionName: 'Usage' });
		const json = result.outputs[ACTION][0][0].json as Record<string, any>;
		expect(json.response).toEqual({ usage: [1, 2] });
		expect(json.user.user_id).toBe('u-42');
		expect(json.action).toMatchObject({
			name: 'Usage',
			method: 'GET',
			url: `${server.url}/data`,
			status: 200,
			source: 'live',
			attempts: 1,
			responseBytes: 15,
		});
		expect(typeof json.action.durationMs).toBe('number');
	});

	it('puts the body under a configured key', async () => {
		server.setRoutes({ '/data': { body: { a: 1 } } });
		const result = await run({ options: { responseKey: 'usageData' } });
		expect(result.outputs[ACTION][0][0].json.usageData).toEqual({ a: 1 });
	});

	it('times out with an error that names the limit', async () => {
		server.setRoutes({ '/data': { delay: 1500, body: {} } });
		const result = await run({ options: { timeoutMs: 200 } });
		expect(result.errors[ACTION]?.message).toMatch(/did not answer within 200 ms/);
	});

	it('refuses a body over the size limit instead of cutting it', async () => {
		server.setRoutes({ '/data': { body: { blob: 'x'.repeat(5000) } } });
		const result = await run({ options: { maxResponseBytes: 1000 } });
		expect(result.errors[ACTION]?.message).toMatch(
			/more than the limit of 1000 bytes|larger than the limit of 1000 bytes/,
		);
	});

	it('refuses a streamed body over the size limit when no length is declared', async () => {
		server.setRoutes({
			'/data': () => ({
				body: Buffer.from(JSON.stringify({ blob: 'y'.repeat(4000) })),
				headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
			}),
		});
		const result = await run({ options: { maxResponseBytes: 1000 } });
		expect(result.errors[ACTION]?.message).toMatch(/limit of 1000 bytes/);
	});

	it('retries a 429 after the time Retry-After asks for, then succeeds', async () => {
		server.setRoutes({
			'/data': [{ status: 429, headers: { 'retry-after': '1' }, body: {} }, { body: { ok: true } }],
		});
		const started = Date.now();
		const result = await run();
		expect(result.errors).toEqual({});
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.outputs[ACTION][0][0].json.action).toMatchObject({ attempts: 2, status: 200 });
	});

	it.each([502, 503, 504])(
		'retries %i with backoff and gives up after the retries',
		async (status) => {
			server.setRoutes({ '/data': { status, body: {} } });
			const result = await run({ options: { maxRetries: 2 } });
			expect(server.requests).toHaveLength(3);
			expect(result.errors[ACTION]?.message).toMatch(
				new RegExp(`answered ${status} on all 3 attempts`),
			);
		},
	);

	it('gives up at once when Retry-After asks for longer than it may wait', async () => {
		server.setRoutes({ '/data': { status: 429, headers: { 'retry-after': '3600' }, body: {} } });
		const result = await run();
		expect(server.requests).toHaveLength(1);
		expect(result.errors[ACTION]?.message).toMatch(/asked to wait 3600 s/);
	});

	it('reports a 500 with its status, without retrying', async () => {
		server.setRoutes({ '/data': { status: 500, body: { error: 'boom' } } });
		const result = await run();
		expect(server.requests).toHaveLength(1);
		expect(result.errors[ACTION]?.message).toMatch(/answered 500/);
		expect((result.errors[ACTION] as { httpCode?: string }).httpCode).toBe('500');
		expect(result.errors[ACTION]?.name).toBe('NodeApiError');
	});

	it.each([301, 302, 303, 307, 308])(
		'treats a %i redirect as a failure: not followed, its body never becomes data',
		async (status) => {
			server.setRoutes({
				'/data': {
					status,
					body: { orders: ['not the answer'] },
					headers: { location: 'https://elsewhere.example.com/login?next=/data' },
				},
			});
			const result = await run();
			expect(server.requests).toHaveLength(1);
			expect(result.outputs[ACTION]?.[0] ?? []).toHaveLength(0);
			expect(result.errors[ACTION]?.message).toMatch(
				new RegExp(
					`answered ${status}, a redirect to https://elsewhere.example.com\\..*set the URL`,
				),
			);
			expect(result.errors[ACTION]?.message).not.toContain('next=');
		},
	);

	it('reports a body that is not JSON as such', async () => {
		server.setRoutes({
			'/data': { body: '<html>login</html>', headers: { 'content-type': 'text/html' } },
		});
		const result = await run();
		expect(result.errors[ACTION]?.message).toMatch(/not JSON \(text\/html/);
	});

	it('reports a refused connection', async () => {
		const port = await closedPort();
		const result = await runWorkflow(apiActionWorkflow({ url: `http://127.0.0.1:${port}/data` }), {
			input: [conversation()],
		});
		expect(result.errors[ACTION]?.message).toMatch(/connection was refused/);
	});

	// Issue 17.2 (found in real n8n by the hostile suite): a stream that breaks used to surface as
	// n8n's bare "aborted", and a reset as n8n's generic text, instead of a cause the node names.
	describe('an API that drops the connection', () => {
		const dropping = async (handle: (socket: Socket) => void) => {
			const raw = createServer(handle);
			await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
			const { port } = raw.address() as { port: number };
			return {
				url: `http://127.0.0.1:${port}/data`,
				close: () => new Promise((done) => raw.close(done)),
			};
		};

		it('names a body cut mid-stream, with the bytes that arrived', async () => {
			const api = await dropping((socket) =>
				socket.once('data', () => {
					socket.write(
						'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"usage": [1, 2',
					);
					setTimeout(() => socket.destroy(), 50);
				}),
			);
			try {
				const result = await runWorkflow(apiActionWorkflow({ url: api.url }), {
					input: [conversation()],
				});
				expect(result.errors[ACTION]?.message).toMatch(
					/The API closed the connection before the whole answer arrived \(15 of 5000 bytes\)/,
				);
			} finally {
				await api.close();
			}
		});

		it('names a connection closed before any answer', async () => {
			const api = await dropping((socket) => socket.once('data', () => socket.destroy()));
			try {
				const result = await runWorkflow(
					apiActionWorkflow({ url: api.url, options: { maxRetries: 0 } }),
					{ input: [conversation()] },
				);
				expect(result.errors[ACTION]?.message).toMatch(
					/The API closed the connection without answering/,
				);
			} finally {
				await api.close();
			}
		});
	});

	it('with "continue on fail" the item goes on carrying the error, and no item is dropped', async () => {
		server.setRoutes({
			'/data': (req) =>
				req.query.get('u') === 'bad' ? { status: 500, body: {} } : { body: { ok: true } },
		});
		const result = await runWorkflow(
			apiActionWorkflow(
				{ url: `${server.url}/data?u={{user.user_id}}` },
				{ onError: 'continueRegularOutput' },
			),
			{
				input: [
					conversation({ user_id: 'good' }),
					conversation({ user_id: 'bad' }),
					conversation({ user_id: 'good2' }),
				],
			},
		);
		const items = result.outputs[ACTION][0].map((item) => item.json as Record<string, any>);
		expect(items).toHaveLength(3);
		expect(items[1].error.message).toMatch(/answered 500/);
		expect(items[1].user.user_id).toBe('bad');
		expect(items[1].action).toMatchObject({ status: 500 });
		expect(items[0].response).toEqual({ ok: true });
		expect(items[2].response).toEqual({ ok: true });
	});

	it('with an error output the failed item goes to it', async () => {
		server.setRoutes({ '/data': { status: 503, body: {} } });
		const result = await runWorkflow(
			apiActionWorkflow(
				{ url: `${server.url}/data`, options: { maxRetries: 0 } },
				{ onError: 'continueErrorOutput' },
			),
			{ input: [conversation()] },
		);
		expect(result.outputs[ACTION][0]).toHaveLength(0);
		expect(result.outputs[ACTION][1][0].json.error).toBeDefined();
	});

	it('refuses writes while "Allow Writes" is off, and sends them when on', async () => {
		server.setRoutes({ '*': { body: { done: true } } });
		const refused = await run({ method: 'DELETE' });
		expect(refused.errors[ACTION]?.message).toMatch(/switch on "Allow Writes"/);
		expect(server.requests).toHaveLength(0);
		const allowed = await run({
			method: 'PATCH',
			allowWrites: true,
			jsonBody: '{"plan": "{{user.plan}}"}',
		});
		expect(allowed.errors).toEqual({});
		expect(server.requests[0]).toMatchObject({ method: 'PATCH', json: { plan: 'pro' } });
	});

	it('returns the mock response with no network call at all', async () => {
		const result = await run({ responseSource: 'mock', mockResponse: '{"usage": {"kwh": 12}}' });
		expect(result.outputs[ACTION][0][0].json).toMatchObject({
			response: { usage: { kwh: 12 } },
			action: { source: 'mock', status: 200, attempts: 0 },
		});
		expect(server.requests).toHaveLength(0);
		expect(result.requests).toHaveLength(0);
	});

	it('refuses a mock response that is not JSON, naming it', async () => {
		const result = await run({ responseSource: 'mock', mockResponse: '{"usage": ' });
		expect(result.errors[ACTION]?.message).toMatch(/"Mock Response" is not valid JSON/);
	});

	it('uses the test values in a manual run whose item has no conversation', async () => {
		server.setRoutes({ '*': { body: {} } });
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/customers/{{user.user_id}}`,
				testValues: '{"user": {"user_id": "test-7"}}',
			}),
			{ input: [{}] },
		);
		expect(result.errors).toEqual({});
		expect(server.requests[0].path).toBe('/customers/test-7');
	});

	it('never uses test values outside a manual run', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({
				url: `${server.url}/customers/{{user.user_id}}`,
				testValues: '{"user": {"user_id": "test-7"}}',
			}),
			{ input: [{}], mode: 'webhook' },
		);
		expect(result.errors[ACTION]?.message).toMatch(/"user\.user_id"/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('API Action without its credential', () => {
	it('says the credential is missing instead of blaming the network', async () => {
		const result = await runWorkflow(
			apiActionWorkflow({ url: 'http://127.0.0.1:9/data', authentication: 'finFixedTokenApi' }),
			{ input: [conversation()] },
		);
		expect(result.errors[ACTION]?.message).toMatch(/credentials.*Choose or create the credential/i);
	});
});

describe('API Action against an API that wants credentials', () => {
	it('says so when it is called without any', async () => {
		const server = await startLoopbackServer({
			'*': { status: 401, body: { error: 'unauthorized' } },
		});
		try {
			const result = await runWorkflow(apiActionWorkflow({ url: `${server.url}/data` }), {
				input: [conversation()],
			});
			expect(result.errors[ACTION]?.message).toMatch(/answered 401: it wants credentials/);
			expect((result.errors[ACTION] as { httpCode?: string }).httpCode).toBe('401');
		} finally {
			await server.close();
		}
	});
});
