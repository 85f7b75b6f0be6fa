// One retry behaviour: the API Action's own "Retries" (429, 502, 503, 504; Retry-After honoured),
// never multiplied by n8n's "Retry On Fail", whose fixed wait ignores Retry-After. A node with Retry
// On Fail on refuses before any request, naming the fix. Run through n8n-core's WorkflowExecute,
// whose retry loop is the one n8n uses.
import { runWorkflow, type WorkflowJson } from '../../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import { ACTION, apiActionWorkflow, conversation } from '../../fixtures/api-action-workflows';

describe('API Action retries', () => {
	let server: LoopbackServer;
	beforeEach(async () => {
		server = await startLoopbackServer();
	});
	afterEach(async () => server.close());

	const withRetryOnFail = (workflow: WorkflowJson): WorkflowJson => {
		const node = workflow.nodes.find((candidate) => candidate.name === ACTION)!;
		Object.assign(node, { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 });
		return workflow;
	};

	it("with n8n's Retry On Fail on, sends nothing and names what to turn off", async () => {
		server.setRoutes({ '/data': { status: 503, body: {} } });
		const result = await runWorkflow(
			withRetryOnFail(apiActionWorkflow({ url: `${server.url}/data`, options: { maxRetries: 2 } })),
			{ input: [conversation()] },
		);
		expect(server.requests).toHaveLength(0);
		expect(result.errors[ACTION]?.message).toMatch(
			/"Retry On Fail" is on.*retries by itself.*Turn off "Retry On Fail"/,
		);
	});

	it('without it, its own Retries are the only retries: 1 + Retries requests, then a named failure', async () => {
		server.setRoutes({ '/data': { status: 503, body: {} } });
		const result = await runWorkflow(
			apiActionWorkflow({ url: `${server.url}/data`, options: { maxRetries: 2 } }),
			{ input: [conversation()] },
		);
		expect(server.requests).toHaveLength(3);
		expect(result.errors[ACTION]?.message).toMatch(/answered 503 on all 3 attempts/);
	});

	it('waits as long as Retry-After asks between its own attempts', async () => {
		const seenAt: number[] = [];
		server.setRoutes({
			'/data': () => {
				seenAt.push(Date.now());
				return seenAt.length === 1
					? { status: 503, headers: { 'retry-after': '1' }, body: {} }
					: { body: { ok: true } };
			},
		});
		const result = await runWorkflow(apiActionWorkflow({ url: `${server.url}/data` }), {
			input: [conversation()],
		});
		expect(result.errors).toEqual({});
		expect(seenAt).toHaveLength(2);
		expect(seenAt[1] - seenAt[0]).toBeGreaterThanOrEqual(950);
	});
});
