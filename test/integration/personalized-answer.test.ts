// The whole chain, as a chat system drives it: a signed message reaches Fin Trigger's webhook over
// real HTTP, the Audience Filter decides, the API Action reads the customer's record from a real
// loopback API, and the Response Field Picker hands the webhook caller only the picked fields.
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import type { WorkflowJson } from '../../engine/run-workflow';
import { startWebhookHost, type WebhookHost } from '../../engine/webhook-host';
import { CREDENTIALS, post, userHash } from '../fixtures/fin-trigger';
import { packageNode as node } from '../fixtures/package-node';

const API_TOKEN = 'utility-api-token-5a5a5a5a';

function chain(apiUrl: string): WorkflowJson {
	return {
		name: 'Electricity usage',
		nodes: [
			node(
				'Fin Trigger',
				'finTrigger',
				0,
				{},
				{
					credentials: { finMessengerApi: { id: 'm', name: 'Messenger' } },
					webhookId: 'usage-hook',
				},
			),
			node('Audience Filter', 'audienceFilter', 200, {
				ruleGroups: {
					group: [
						{
							combinator: 'and',
							rules: { rule: [{ attribute: 'user.plan', operator: 'equals', value: 'pro' }] },
						},
					],
				},
				actionName: 'usage',
			}),
			node(
				'API Action',
				'apiAction',
				400,
				{
					actionName: 'Electricity usage',
					url: `${apiUrl}/customers/{{user.user_id}}/usage`,
					authentication: 'finFixedTokenApi',
					// The action keeps only these fields: the raw body never becomes node output.
					responseMode: 'picked',
					fields: {
						field: [
							{ pointer: '/days/*/kwh', name: 'Daily kWh' },
							{ pointer: '/tariff', name: 'Tariff' },
						],
					},
				},
				{ credentials: { finFixedTokenApi: { id: 'f', name: 'Utility API' } } },
			),
			// Shapes the webhook's answer (drops the conversation); the fields were picked by the action.
			node('Response Field Picker', 'responseFieldPicker', 600, { access: 'full' }),
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]] },
			// "Not matched" also ends in the picker: the chat system always gets an answer, marked actionUsed: false.
			'Audience Filter': {
				main: [
					[{ node: 'API Action', type: 'main', index: 0 }],
					[{ node: 'Response Field Picker', type: 'main', index: 0 }],
				],
			},
			'API Action': { main: [[{ node: 'Response Field Picker', type: 'main', index: 0 }]] },
		},
	} as unknown as WorkflowJson;
}

describe('a personalized answer, end to end in the engine', () => {
	let api: LoopbackServer;
	let host: WebhookHost;
	beforeAll(async () => {
		api = await startLoopbackServer({
			'GET /customers/u-1/usage': {
				body: {
					customer: 'u-1',
					days: [
						{ day: 'mon', kwh: 7.5 },
						{ day: 'tue', kwh: 6.25 },
					],
					tariff: 'Green 12',
					internal_margin: 0.31,
					account_notes: 'VIP escalation',
				},
			},
			'GET /customers/u-2/usage': {
				body: { customer: 'u-2', days: [{ day: 'mon', kwh: 99 }], tariff: 'Basic' },
			},
		});
		host = await startWebhookHost({
			workflow: chain(api.url),
			mode: 'webhook',
			credentials: { ...structuredClone(CREDENTIALS), finFixedTokenApi: { token: API_TOKEN } },
		});
	});
	afterAll(async () => {
		// Either may be missing when beforeAll failed half-way; the other must still be closed.
		try {
			await host?.close();
		} finally {
			await api?.close();
		}
	});
	beforeEach(() => api.requests.splice(0));

	const message = (user: IDataObject) => ({
		message: { text: 'How much power did I use this week?' },
		user,
	});

	it('answers a verified customer with the picked fields of their own record only', async () => {
		const reply = await post(
			host.url,
			message({ user_id: 'u-1', plan: 'pro', user_hash: userHash('u-1') }),
		);
		expect(reply.status).toBe(200);
		expect(api.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/customers/u-1/usage', `Bearer ${API_TOKEN}`],
		]);
		const answer = reply.json as IDataObject;
		expect(answer).toMatchObject({
			answer: { 'Daily kWh': [7.5, 6.25], Tariff: 'Green 12' },
			actionUsed: true,
		});
		const text = JSON.stringify(answer);
		for (const unpicked of ['internal_margin', 'VIP escalation', 'u-2', API_TOKEN, 'mon'])
			expect(text).not.toContain(unpicked);
		// What n8n would store with the execution: no node output holds an unpicked field.
		const stored = JSON.stringify(host.runs.at(-1)!.outputs);
		for (const unpicked of ['internal_margin', 'VIP escalation', '"mon"'])
			expect(stored).not.toContain(unpicked);
	});

	it('gives a forged identity a 401 and starts nothing', async () => {
		const before = host.executionsStarted;
		const reply = await post(
			host.url,
			message({ user_id: 'u-2', plan: 'pro', user_hash: userHash('u-1') }),
		);
		expect(reply.status).toBe(401);
		expect(host.executionsStarted).toBe(before);
		expect(api.requests).toHaveLength(0);
	});

	it('sends a customer outside the audience down "Not matched", with no API call', async () => {
		const reply = await post(
			host.url,
			message({ user_id: 'u-2', plan: 'free', user_hash: userHash('u-2') }),
		);
		expect(reply.status).toBe(200);
		expect(api.requests).toHaveLength(0);
		const run = host.runs.at(-1)!;
		const [matched, notMatched] = run.outputs['Audience Filter'];
		expect(matched).toHaveLength(0);
		expect(notMatched[0].json.audience).toMatchObject({ matched: false });
		expect(run.outputs['API Action']).toBeUndefined();
		expect(reply.json).toMatchObject({ actionUsed: false });
		expect(JSON.stringify(reply.json)).not.toContain('Basic');
	});
});
