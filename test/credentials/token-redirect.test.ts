// Issue 12.5: the dynamic token request carries the client secret, so it never follows a redirect
// and never goes to any host but the configured Token URL (other port = other origin here).
import { runWorkflow } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	dynamicTokenCredential,
} from '../fixtures/api-action-workflows';

const CLIENT_SECRET = 'client-secret-redirect-0987';

describe('Fin Dynamic Token never follows a redirect', () => {
	let tokenHost: LoopbackServer;
	let otherHost: LoopbackServer;
	let api: LoopbackServer;
	beforeEach(async () => {
		otherHost = await startLoopbackServer({
			'*': { body: { access_token: 'attacker-token', expires_in: 3600 } },
		});
		tokenHost = await startLoopbackServer();
		api = await startLoopbackServer({ '*': { body: { ok: true } } });
	});
	afterEach(async () => {
		await Promise.all([tokenHost.close(), otherHost.close(), api.close()]);
	});

	const run = () =>
		runWorkflow(
			apiActionWorkflow(
				{ url: `${api.url}/customers/{{user.user_id}}`, authentication: 'finDynamicTokenApi' },
				{ credentials: dynamicTokenCredential },
			),
			{
				input: [conversation()],
				credentials: {
					finDynamicTokenApi: {
						tokenUrl: `${tokenHost.url}/oauth/token`,
						clientId: 'client-1',
						clientSecret: CLIENT_SECRET,
					},
				},
			},
		);

	it.each([301, 302, 303, 307, 308])(
		'a %i to another origin posts no secret there and uses no token from it',
		async (status) => {
			tokenHost.setRoutes({
				'*': { status, headers: { location: `${otherHost.url}/oauth/token` } },
			});
			const result = await run();
			expect(otherHost.requests).toHaveLength(0);
			expect(api.requests).toHaveLength(0);
			expect(result.errors[ACTION]?.message).toMatch(
				new RegExp(`token endpoint answered ${status} \\(a redirect\\).*never follows redirects`),
			);
			expect(JSON.stringify(result.errors[ACTION])).not.toContain(CLIENT_SECRET);
		},
	);

	it('a redirect on the same host is not followed either', async () => {
		tokenHost.setRoutes({
			'POST /oauth/token': { status: 308, headers: { location: '/v2/token' } },
			'*': { body: { access_token: 'moved-token', expires_in: 3600 } },
		});
		const result = await run();
		expect(tokenHost.requests.map((r) => r.path)).toEqual(['/oauth/token']);
		expect(api.requests).toHaveLength(0);
		expect(result.errors[ACTION]?.message).toMatch(/never follows redirects/);
	});
});
