// A per-customer token carried as a JWT claim (issue 22.3): listed under Fin Trigger's "JWT Secret
// Claims" it leaves the trigger sealed, reaches the customer's API in clear only inside the request,
// and appears in no node output (n8n stores them all) in any encoding. Over real HTTP into Fin
// Trigger, through n8n-core's engine, against a loopback "customer API".
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import type { WorkflowJson } from '../../engine/run-workflow';
import { startWebhookHost } from '../../engine/webhook-host';
import { isSealed } from '../../nodes/shared/sealed-claims';
import { CREDENTIALS, nowSeconds, post, signJwt } from '../fixtures/fin-trigger';
import { encodings } from '../fixtures/secret-encodings';

const TOKEN = 'per-customer-token-5e5e5e5e5e';

function workflow(apiUrl: string, action: IDataObject): WorkflowJson {
	const messenger = { finMessengerApi: { id: 'm', name: 'Messenger' } };
	return {
		name: 'secret claims',
		nodes: [
			{
				id: 't',
				name: 'Fin Trigger',
				type: 'n8n-nodes-fin-actions.finTrigger',
				typeVersion: 2,
				position: [0, 0],
				parameters: { options: { jwtRedactedClaims: 'api_token' } },
				credentials: messenger,
				webhookId: 'secret-claims',
			},
			{
				id: 'a',
				name: 'API Action',
				type: 'n8n-nodes-fin-actions.apiAction',
				typeVersion: 1.1,
				position: [200, 0],
				parameters: {
					url: `${apiUrl}/me/orders`,
					headerParameters: {
						parameters: [{ name: 'X-Customer-Token', value: '{{identity.claims.api_token}}' }],
					},
					responseMode: 'full',
					...action,
				},
				credentials: messenger,
			},
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'API Action', type: 'main', index: 0 }]] },
		},
	} as unknown as WorkflowJson;
}

describe('a secret JWT claim is sealed by Fin Trigger and opened only in the request', () => {
	let api: LoopbackServer;
	beforeAll(async () => {
		api = await startLoopbackServer({ '/me/orders': { body: { orders: ['#1'] } } });
	});
	afterAll(async () => api?.close());
	beforeEach(() => api.requests.splice(0));

	async function chat(action: IDataObject) {
		const host = await startWebhookHost({
			workflow: workflow(api.url, action),
			credentials: structuredClone(CREDENTIALS),
		});
		try {
			const jwt = signJwt({ user_id: 'u-1', api_token: TOKEN, exp: nowSeconds() + 60 });
			const reply = await post(
				host.url,
				{ message: { text: 'Where is my order?' } },
				{ authorization: `Bearer ${jwt}` },
			);
			return { reply, run: host.runs[0] };
		} finally {
			await host.close();
		}
	}

	it('sends the token to the API, and no output or answer holds it in any encoding', async () => {
		const { reply, run } = await chat({ sendSecretClaims: true });
		expect(run.errors).toEqual({});
		expect(api.requests[0].headers['x-customer-token']).toBe(TOKEN);
		const trigger = run.outputs['Fin Trigger'][0][0].json as { identity: IDataObject };
		expect(isSealed((trigger.identity.claims as IDataObject).api_token)).toBe(true);
		const stored = JSON.stringify(run.run.data) + reply.text;
		for (const encoded of encodings(TOKEN)) expect(stored).not.toContain(encoded);
	});

	it('without "Send Secret Claims" sends nothing and says what to switch on', async () => {
		const { run } = await chat({ sendSecretClaims: false });
		expect(api.requests).toHaveLength(0);
		expect(run.errors['API Action']?.message).toMatch(/Switch on "Send Secret Claims"/);
	});
});
