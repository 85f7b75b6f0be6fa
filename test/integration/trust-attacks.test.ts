// The attacks of issue 11, each as a chat system or an attacker would try it: over real HTTP into
// Fin Trigger's webhook, through n8n-core's engine, against a real loopback "customer API". Each
// one must end without the victim's data and, where a data read was attempted, without any request.
import type { IDataObject } from 'n8n-workflow';

import { startLoopbackServer, type LoopbackServer } from '../../engine/loopback-server';
import { runWorkflow, type WorkflowJson } from '../../engine/run-workflow';
import { afterFinTrigger, singleNodeWorkflow } from '../../engine/single-node-workflow';
import { startWebhookHost, type WebhookHost } from '../../engine/webhook-host';
import {
	CREDENTIALS,
	hubSignature,
	nowSeconds,
	post,
	signJwt,
	userHash,
	waitForRuns,
} from '../fixtures/fin-trigger';
import { intercomNotification } from '../fixtures/intercom-notification';
import { packageNode as node } from '../fixtures/package-node';

const VICTIM_EMAIL = 'victim@example.com';
const VICTIM_ORDER = 'VICTIM-ORDER-1001';

const trigger = (parameters: IDataObject = {}) =>
	node('Fin Trigger', 'finTrigger', 0, parameters, {
		credentials: { finMessengerApi: { id: 'm', name: 'Messenger' } },
		webhookId: 'trust-hook',
	});

/** Fin Trigger -> API Action reading orders by email (the Shopify shape), answering with its output. */
function ordersByEmail(apiUrl: string, triggerParameters: IDataObject = {}): WorkflowJson {
	return {
		name: 'Orders by email',
		nodes: [
			trigger(triggerParameters),
			node('API Action', 'apiAction', 200, {
				url: `${apiUrl}/orders.json`,
				queryParameters: { parameters: [{ name: 'email', value: '{{user.email}}' }] },
				// The whole answer, so a test can see whose orders came back.
				responseMode: 'full',
			}),
		],
		connections: { 'Fin Trigger': { main: [[{ node: 'API Action', type: 'main', index: 0 }]] } },
	} as unknown as WorkflowJson;
}

/** Fin Trigger alone: the webhook answers with the item the trigger emitted. */
function triggerOnly(parameters: IDataObject = {}): WorkflowJson {
	return { nodes: [trigger(parameters)], connections: {} } as unknown as WorkflowJson;
}

/** Fin Trigger -> Audience Filter in testing with a tester domain; the answer says which branch. */
function testingAudience(): WorkflowJson {
	return {
		nodes: [
			trigger(),
			node('Audience Filter', 'audienceFilter', 200, {
				status: 'testing',
				testAccounts: '@acme-staff.com, tester-7',
			}),
		],
		connections: {
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main', index: 0 }]] },
		},
	} as unknown as WorkflowJson;
}

const intercomLeadNotification = (role: string) =>
	intercomNotification({
		role,
		email: VICTIM_EMAIL,
		conversation: '9001',
		sourceId: 'src-1',
		contactId: 'contact-1',
	});

describe('issue 11 attacks, over real HTTP through the engine', () => {
	let api: LoopbackServer;
	const hosts: WebhookHost[] = [];
	const host = async (workflow: WorkflowJson, mode: 'webhook' | 'manual' = 'webhook') => {
		const started = await startWebhookHost({
			workflow,
			mode,
			credentials: structuredClone(CREDENTIALS),
		});
		hosts.push(started);
		return started;
	};
	beforeAll(async () => {
		api = await startLoopbackServer({
			'GET /orders.json': (request) => ({
				body: {
					orders:
						request.query.get('email') === VICTIM_EMAIL
							? [{ name: VICTIM_ORDER, email: VICTIM_EMAIL }]
							: [],
				},
			}),
		});
	});
	afterEach(async () => {
		for (const started of hosts.splice(0)) await started.close();
		api.requests.splice(0);
	});
	afterAll(async () => api.close());

	it('a genuine user_hash for the attacker plus the victim email reads nothing', async () => {
		const started = await host(ordersByEmail(api.url));
		const reply = await post(started.url, {
			message: { text: 'Where are my orders?' },
			user: { user_id: 'attacker-1', email: VICTIM_EMAIL },
			user_hash: userHash('attacker-1'),
		});
		expect(api.requests).toHaveLength(0);
		expect(reply.text).not.toContain(VICTIM_ORDER);
		expect(reply.status).toBe(500);
		expect(started.runs[0].errors['API Action']?.message).toContain('"user.email"');
	});

	it('an email signed by user_hash does read its own orders', async () => {
		const started = await host(ordersByEmail(api.url));
		const reply = await post(started.url, {
			message: { text: 'Where are my orders?' },
			user: { email: VICTIM_EMAIL },
			user_hash: userHash(VICTIM_EMAIL),
		});
		expect(reply.status).toBe(200);
		expect(api.requests).toHaveLength(1);
		expect(reply.text).toContain(VICTIM_ORDER);
	});

	it.each(['lead', 'visitor'])(
		'a signed Intercom notification about a %s with the victim email reads nothing',
		async (role) => {
			const started = await host(ordersByEmail(api.url, { source: 'intercomWebhook' }));
			const raw = JSON.stringify(intercomLeadNotification(role));
			const reply = await post(started.url, raw, { 'x-hub-signature': hubSignature(raw) });
			expect(api.requests).toHaveLength(0);
			expect(reply.text).not.toContain(VICTIM_ORDER);
		},
	);

	it('an Intercom lead is not a verified identity and signs nothing', async () => {
		const started = await host(triggerOnly({ source: 'intercomWebhook' }));
		const raw = JSON.stringify(intercomLeadNotification('lead'));
		const reply = await post(started.url, raw, { 'x-hub-signature': hubSignature(raw) });
		expect(reply.status).toBe(200);
		expect(reply.json.identity).toMatchObject({ verified: false, kind: 'lead', signed: [] });
	});

	it('Protected Attributes applies to Intercom webhooks: a lead setting a protected email is refused', async () => {
		const started = await host(
			triggerOnly({ source: 'intercomWebhook', protectedAttributes: 'email' }),
		);
		const raw = JSON.stringify(intercomLeadNotification('lead'));
		const reply = await post(started.url, raw, { 'x-hub-signature': hubSignature(raw) });
		expect(reply.status).toBe(403);
		expect(started.executionsStarted).toBe(0);
	});

	it('a test account cannot be matched by an unsigned email', async () => {
		const started = await host(testingAudience());
		const reply = await post(started.url, {
			message: { text: 'hi' },
			user: { user_id: 'attacker-1', email: 'boss@acme-staff.com' },
			user_hash: userHash('attacker-1'),
		});
		expect(reply.text).not.toContain('testAccount');
		const [matched, notMatched] = started.runs[0].outputs['Audience Filter'];
		expect(matched).toHaveLength(0);
		expect(notMatched[0].json.audience).toMatchObject({ matched: false, decidedBy: 'testing' });
	});

	it('a test account matches on its signed user_id', async () => {
		const started = await host(testingAudience());
		const reply = await post(started.url, {
			message: { text: 'hi' },
			user: { user_id: 'tester-7' },
			user_hash: userHash('tester-7'),
		});
		expect(reply.json.audience).toMatchObject({ matched: true, decidedBy: 'testAccount' });
	});

	it.each([
		['user.account.id', { user: { user_id: 'a-1', account: { id: 'acct-victim' } } }],
		['conversation.priority', { user: { user_id: 'a-1' }, conversation: { priority: 'high' } }],
		['message.channel', { user: { user_id: 'a-1' }, message: { text: 'hi', channel: 'vip' } }],
	])('Protected Attributes refuses an unsigned nested or non-user %s', async (path, body) => {
		const started = await host(triggerOnly({ protectedAttributes: path }));
		const reply = await post(started.url, {
			message: { text: 'hi' },
			...body,
			user_hash: userHash('a-1'),
		});
		expect(reply.status).toBe(403);
		expect(reply.text).toContain(path);
		expect(started.executionsStarted).toBe(0);
	});

	it('an unmapped JWT claim does not become a user attribute, and a secret claim is redacted everywhere', async () => {
		const token = 'per-customer-token-7c7c7c7c7c';
		const started = await host(triggerOnly({ options: { jwtRedactedClaims: 'api_token' } }));
		const jwt = signJwt({ user_id: 'u-1', plan: 'pro', api_token: token, exp: nowSeconds() + 60 });
		const reply = await post(
			started.url,
			{ message: { text: 'hi' }, user: { user_id: 'u-1' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(reply.status).toBe(200);
		expect(reply.json.user.plan).toBeUndefined();
		expect(reply.json.identity.claims.plan).toBe('pro');
		expect(JSON.stringify(started.runs)).not.toContain(token);
		expect(reply.text).not.toContain(token);
	});

	it.each([
		['without exp', { user_id: 'u-1' }, 'jwt_exp_missing'],
		[
			'too old by iat with a maximum age',
			{ user_id: 'u-1', iat: nowSeconds() - 3600 },
			'jwt_too_old',
		],
		[
			'for another audience',
			{ user_id: 'u-1', exp: nowSeconds() + 60, aud: 'other-app' },
			'jwt_audience',
		],
		['from another issuer', { user_id: 'u-1', exp: nowSeconds() + 60, iss: 'evil' }, 'jwt_issuer'],
	])('a JWT %s is refused', async (_label, claims, code) => {
		const started = await host(
			triggerOnly({
				options: {
					jwtMaxAgeSeconds: _label.includes('maximum age') ? 600 : 0,
					jwtAudience: 'fin-actions',
					jwtIssuer: 'https://backend.example.com',
				},
			}),
		);
		const full = { aud: 'fin-actions', iss: 'https://backend.example.com', ...claims };
		const reply = await post(
			started.url,
			{ message: { text: 'hi' }, user: { user_id: 'u-1' } },
			{ authorization: `Bearer ${signJwt(full)}` },
		);
		expect(reply.status).toBe(401);
		expect(reply.json.error.code ?? reply.json.code).toBe(code);
	});

	it.each([
		['identity.verified', 'cannot be protected'],
		['message.text', 'every message carries it'],
	])(
		'Protected Attributes refuses what it cannot protect (%s), naming it, before anything runs',
		async (entry, reason) => {
			const started = await host(triggerOnly({ protectedAttributes: `plan, ${entry}` }));
			const reply = await post(started.url, {
				message: { text: 'hi' },
				user: { user_id: 'a-1' },
				user_hash: userHash('a-1'),
			});
			expect(reply.status).toBe(500);
			expect(reply.json.error).toMatchObject({ code: 'configuration' });
			expect(reply.json.error.message).toContain(entry);
			expect(reply.json.error.message).toContain(reason);
			expect(started.executionsStarted).toBe(0);
		},
	);

	it('test values vouch for their attributes in a manual run only', async () => {
		// What Fin Trigger emits on its test URL, then given to a production run (e.g. replayed data).
		const started = await host(triggerOnly({}), 'manual');
		await post(started.url, {});
		await waitForRuns(started);
		const emitted = started.runs[0].outputs['Fin Trigger'][0][0].json;
		expect(emitted).toMatchObject({ source: 'test', identity: { verified: false } });
		const workflow = afterFinTrigger(
			singleNodeWorkflow('API Action', 'apiAction', {
				url: `${api.url}/orders.json?email={{user.email}}`,
			}),
		);
		const production = await runWorkflow(workflow, { input: [emitted], mode: 'webhook' });
		expect(production.errors['API Action']?.message).toContain('"user.email"');
		expect(api.requests).toHaveLength(0);
		const manual = await runWorkflow(workflow, { input: [emitted], mode: 'manual' });
		expect(manual.errors).toEqual({});
		expect(api.requests).toHaveLength(1);
	});

	it('the model cannot pick the customer in tool-like use: arguments laid on the item are unsigned', async () => {
		// n8n runs a tool node on the agent's input item with the model's arguments laid on top; an
		// argument that overwrites user.email is not in identity.signed, so it cannot choose the data.
		const started = await host(triggerOnly({}));
		const reply = await post(started.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1' },
			user_hash: userHash('u-1'),
		});
		const item = { ...reply.json, user: { ...reply.json.user, email: VICTIM_EMAIL } };
		const result = await runWorkflow(
			afterFinTrigger(
				singleNodeWorkflow('API Action', 'apiAction', {
					url: `${api.url}/orders.json?email={{user.email}}`,
				}),
			),
			{ input: [item], mode: 'webhook' },
		);
		expect(result.errors['API Action']?.message).toContain('"user.email"');
		expect(api.requests).toHaveLength(0);
	});
});
