// What n8n's generic credential types gave the API Action (Basic, Bearer, header, query, custom),
// now from the Fin Fixed Token, run through n8n-core's WorkflowExecute against a loopback API; and a
// workflow saved with "Generic Credential Type" fails with what to choose instead.
import { runWorkflow } from '../../engine/run-workflow';
import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import {
	ACTION,
	apiActionWorkflow,
	conversation,
	fixedTokenCredential,
} from '../fixtures/api-action-workflows';
import { FinFixedTokenApi } from '../../credentials/FinFixedTokenApi.credentials';

const TOKEN = 'fixed-placement-secret-9876';

describe('Fin Fixed Token covers the generic credential types', () => {
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
				credentials: { finFixedTokenApi: { token: TOKEN, ...credential } },
			},
		);

	it('offers Basic Auth and custom headers and query as "Send Token As"', () => {
		const placement = new FinFixedTokenApi().properties.find((p) => p.name === 'placement');
		expect(placement?.options?.map((option) => (option as { value: string }).value)).toEqual([
			'bearer',
			'header',
			'query',
			'basic',
			'custom',
		]);
	});

	it('sends Basic Auth with the user and the token as password', async () => {
		const result = await run({ placement: 'basic', user: 'shop-admin' });
		expect(result.errors).toEqual({});
		const expected = `Basic ${Buffer.from(`shop-admin:${TOKEN}`).toString('base64')}`;
		expect(server.requests[0].headers.authorization).toBe(expected);
		expect(JSON.stringify(result.outputs)).not.toContain(TOKEN);
	});

	it('sends custom headers and query parameters with {{token}} filled in', async () => {
		const result = await run({
			placement: 'custom',
			custom: JSON.stringify({
				headers: { 'X-Key': '{{token}}', 'X-Tenant': 'acme' },
				qs: { sig: 'v1:{{token}}' },
			}),
		});
		expect(result.errors).toEqual({});
		expect(server.requests[0].headers['x-key']).toBe(TOKEN);
		expect(server.requests[0].headers['x-tenant']).toBe('acme');
		expect(server.requests[0].query.get('sig')).toBe(`v1:${TOKEN}`);
		expect(JSON.stringify(result.outputs)).not.toContain(TOKEN);
	});

	it('names the cause when the custom JSON is malformed, without the token', async () => {
		const result = await run({ placement: 'custom', custom: '{"headers": ' });
		expect(server.requests).toHaveLength(0);
		const error = JSON.stringify(result.errors[ACTION]);
		expect(error).toMatch(/Custom Headers and Query.*not valid JSON/);
		expect(error).not.toContain(TOKEN);
	});
});

describe('a workflow saved with "Generic Credential Type"', () => {
	it.each([
		['httpHeaderAuth', 'Named Header'],
		['httpBasicAuth', 'Basic Auth (User and Password)'],
		['httpBearerAuth', 'Authorization: Bearer'],
		['httpQueryAuth', 'Query Parameter'],
		['httpCustomAuth', 'Custom Headers and Query (JSON)'],
	])(
		'with %s fails before any request, naming "%s" of Fin Fixed Token',
		async (generic, choose) => {
			const server = await startLoopbackServer({ '*': { body: { ok: true } } });
			try {
				const result = await runWorkflow(
					apiActionWorkflow(
						{
							url: `${server.url}/me`,
							authentication: 'genericCredentialType',
							genericAuthType: generic,
						},
						{ credentials: { [generic]: { id: 'g', name: 'Generic' } } },
					),
					{ input: [conversation()], credentials: {} },
				);
				expect(server.requests).toHaveLength(0);
				const message = result.errors[ACTION]?.message ?? '';
				expect(message).toContain(`"Generic Credential Type" (n8n's "${generic}" credential)`);
				expect(message).toContain(
					`set Authentication to "Fin Fixed Token" and, in a new Fin Fixed Token credential, choose Send Token As "${choose}"`,
				);
			} finally {
				await server.close();
			}
		},
	);
});
