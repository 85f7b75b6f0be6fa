// A scan of every output, error and recorded request description for the secrets in use.
import { runWorkflow, type RunResult } from '../../../engine/run-workflow';
import { n8nLog } from '../../n8n-log';
import { startLoopbackServer, type LoopbackServer } from '../../../engine/loopback-server';
import {
	apiActionWorkflow,
	conversation,
	dynamicTokenCredential,
	fixedTokenCredential,
	messengerCredential,
	messengerCredentialData,
	sealedClaims,
} from '../../fixtures/api-action-workflows';

const SECRETS = {
	fixed: 'fixed-TOKEN-aaaa1111',
	clientSecret: 'client-SECRET-bbbb2222',
	issued: 'issued-TOKEN-cccc3333',
	customer: 'customer-TOKEN-dddd4444',
};

function visible(result: RunResult): string {
	// Everything a person or the AI can see: node outputs, identity included, and errors.
	const outputs = Object.values(result.outputs)
		.flat(2)
		.map((item) => item.json);
	const errors = Object.values(result.errors).map((error) => ({
		message: error.message,
		description: error.description,
		context: error.context,
	}));
	return JSON.stringify({ outputs, errors });
}

describe('API Action never shows a secret', () => {
	let server: LoopbackServer;
	beforeAll(async () => {
		server = await startLoopbackServer();
	});
	afterAll(async () => server?.close());

	const customer = conversation(
		{},
		{
			identity: {
				verified: true,
				method: 'jwt',
				kind: 'user',
				signed: ['user.user_id', 'identity.claims'],
				// Listed under Fin Trigger's "JWT Secret Claims": it arrives sealed.
				claims: sealedClaims({ api_token: SECRETS.customer }),
			},
		},
	);
	const perCustomer = {
		headerParameters: {
			parameters: [{ name: 'X-Customer', value: '{{identity.claims.api_token}}' }],
		},
		sendSecretClaims: true,
	};

	it.each([
		['success', { status: 200, body: { ok: true } }],
		['server error', { status: 500, body: { error: 'x' } }],
		['non-JSON', { status: 200, body: 'not json', headers: { 'content-type': 'text/plain' } }],
		['too large', { status: 200, body: { blob: 'z'.repeat(3000) } }],
	])('fixed token and per-customer token, %s', async (_name, answer) => {
		server.setRoutes({ '*': answer });
		for (const placement of ['bearer', 'query']) {
			for (const onError of [undefined, 'continueRegularOutput']) {
				const result = await runWorkflow(
					apiActionWorkflow(
						{
							url: `${server.url}/x?t={{identity.claims.api_token}}`,
							authentication: 'finFixedTokenApi',
							...perCustomer,
							options: { maxResponseBytes: 1000 },
						},
						{ credentials: { ...fixedTokenCredential, ...messengerCredential }, onError },
					),
					{
						input: [customer],
						credentials: {
							finFixedTokenApi: { token: SECRETS.fixed, placement, queryName: 'access_token' },
							...messengerCredentialData,
						},
					},
				);
				const text = visible(result);
				for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
			}
		}
	});

	it('dynamic token: success, refresh and token endpoint failure', async () => {
		for (const tokenAnswer of [
			{ body: { access_token: SECRETS.issued, expires_in: 600 } },
			{ status: 401, body: { error: 'invalid_client', secret: SECRETS.clientSecret } },
		]) {
			server.setRoutes({ 'POST /token': tokenAnswer, '*': { status: 500, body: {} } });
			const result = await runWorkflow(
				apiActionWorkflow(
					{ url: `${server.url}/x`, authentication: 'finDynamicTokenApi', ...perCustomer },
					{
						credentials: { ...dynamicTokenCredential, ...messengerCredential },
						onError: 'continueRegularOutput',
					},
				),
				{
					input: [customer],
					credentials: {
						finDynamicTokenApi: {
							tokenUrl: `${server.url}/token`,
							clientId: 'id',
							clientSecret: SECRETS.clientSecret,
						},
						...messengerCredentialData,
					},
				},
			);
			const text = visible(result);
			for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
			expect(text).toMatch(/answered 500|token endpoint answered 401/);
		}
	});

	// Last in this file, after every workflow above ran with these secrets: n8n's own logger (every
	// level, to a file: test/setup-env.ts) must hold none of them. It must have logged something, or
	// this would pass for a logger that is not captured at all.
	it("n8n's log holds no secret", async () => {
		const text = await n8nLog();
		expect(text).toMatch(/"level":"debug"/);
		for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
	});
});
