// Fin Dynamic Token under concurrency: executions that start together in one n8n process share one
// token fetch (credentials/token-single-flight.ts), counted at a real loopback token endpoint.
import type { CredentialStore } from '../../engine/credentials-helper';
import { runWorkflow } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { credentialKey } from '../../credentials/token-single-flight';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	dynamicTokenCredential,
} from '../fixtures/api-action-workflows';

const CLIENT_SECRET = 'client-secret-single-flight-42';

describe('Fin Dynamic Token single flight', () => {
	let server: LoopbackServer;
	let issued: number;
	beforeEach(async () => {
		issued = 0;
		server = await startLoopbackServer();
	});
	afterEach(async () => server.close());

	const credentials = (clientSecret = CLIENT_SECRET): CredentialStore => ({
		finDynamicTokenApi: {
			tokenUrl: `${server.url}/oauth/token`,
			clientId: 'client-1',
			clientSecret,
		},
	});
	const workflow = () =>
		apiActionWorkflow(
			{ url: `${server.url}/customers/{{user.user_id}}`, authentication: 'finDynamicTokenApi' },
			{ credentials: dynamicTokenCredential },
		);
	const tokenCalls = () => server.requests.filter((r) => r.path === '/oauth/token').length;
	// A token endpoint slower than the executions' start, so every one of them sees no stored token.
	const slowTokens = () =>
		server.setRoutes({
			'POST /oauth/token': () => ({
				delay: 150,
				body: { access_token: `tok-${++issued}`, expires_in: 3600 },
			}),
			'*': { body: { ok: true } },
		});

	it.each([10, 50])(
		'%i concurrent executions with one credential fetch exactly one token',
		async (concurrency) => {
			slowTokens();
			const store = credentials();
			const results = await Promise.all(
				Array.from({ length: concurrency }, (_, i) =>
					runWorkflow(workflow(), {
						input: [conversation({ user_id: `u-${i}` })],
						credentials: store,
					}),
				),
			);
			expect(results.map((result) => result.errors)).toEqual(results.map(() => ({})));
			expect(tokenCalls()).toBe(1);
			const used = new Set(
				server.requests
					.filter((r) => r.path.startsWith('/customers'))
					.map((r) => r.headers.authorization),
			);
			expect([...used]).toEqual(['Bearer tok-1']);
		},
	);

	it('does not share a token between credentials that differ only in their secret', async () => {
		slowTokens();
		await Promise.all(
			['secret-one-0123456789', 'secret-two-0123456789'].map(async (secret) =>
				runWorkflow(workflow(), { input: [conversation()], credentials: credentials(secret) }),
			),
		);
		expect(tokenCalls()).toBe(2);
	});

	it('does not share a failure: the next execution asks the endpoint again', async () => {
		server.setRoutes({ 'POST /oauth/token': { status: 503, body: { error: 'down' } } });
		const failed = await runWorkflow(workflow(), {
			input: [conversation()],
			credentials: credentials(),
		});
		expect(failed.errors[ACTION]?.message).toMatch(/token endpoint answered 503/);
		slowTokens();
		const result = await runWorkflow(workflow(), {
			input: [conversation()],
			credentials: credentials(),
		});
		expect(result.errors).toEqual({});
		expect(tokenCalls()).toBe(2);
	});

	it('keys the flight by a hash that holds no secret in clear', () => {
		const key = credentialKey(credentials().finDynamicTokenApi);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(CLIENT_SECRET);
		expect(credentialKey(credentials('another-secret-0123').finDynamicTokenApi)).not.toBe(key);
	});
});
