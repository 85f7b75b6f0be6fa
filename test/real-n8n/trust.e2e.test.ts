// Issue 11 in real n8n 2.x: only signed attributes choose whose data is read. The Shopify template
// (orders looked up by email) is imported, then deliberately weakened the way a canvas-built or
// hand-edited workflow could be (Protected Attributes emptied, leads let through the Audience
// Filter): the API Action itself must still refuse to read orders for an email nobody signed.
import { randomUUID } from 'node:crypto';

import { hubSignature } from '../fixtures/fin-trigger';
import { intercomNotification } from '../fixtures/intercom-notification';
import { encodings } from '../fixtures/secret-encodings';
import { secrets } from '../../real-n8n/apis';
import { messengerJwt, sendChat, userHash } from '../../real-n8n/chat';
import { customer } from '../../real-n8n/fixtures';
import { http } from '../../real-n8n/n8n-api';
import { packageName } from '../../real-n8n/package';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import {
	fillInAndActivate,
	findNode,
	importUnchanged,
	isNode,
	readTemplate,
	settledExecutions,
	waitForWebhook,
} from './support/workflows';

const session = new E2eSession('trust');
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

/** The Shopify template, imported unchanged, then changed by `change` and given its own webhook. */
async function deployShopify(change: (node: any) => void): Promise<{ id: string; url: string }> {
	const { api, credentials, n8n } = session.value;
	const template = readTemplate('shopify-order-status.json');
	const stored = await importUnchanged(api, template);
	const webhookId = randomUUID();
	await fillInAndActivate(api, stored, credentials, (node) => {
		if (isNode(node, 'apiAction'))
			node.parameters.shopifyOrderStatus_shopUrl = session.value.apis.shop.url;
		if (isNode(node, 'finTrigger')) node.webhookId = webhookId;
		change(node);
	});
	const url = `${n8n.url}/webhook/${webhookId}/fin`;
	await waitForWebhook(url);
	return { id: stored.id, url };
}

/** A signed Intercom notification about a contact of `role` who typed the customer's email. */
const intercomConversation = (role: string): string =>
	JSON.stringify(intercomNotification({ role, email: customer.email, conversation: '7001' }));

const ORDER_MARKERS = ['#1001', '#1002', '1Z2345'];

describe('only signed attributes choose whose data is read (real n8n)', () => {
	step(
		'a genuine user_hash for the attacker with the victim email gets no victim data and starts no data read',
		async () => {
			// Protected Attributes left empty: the node's default, and the state of a canvas-built workflow.
			const workflow = await deployShopify((node) => {
				if (isNode(node, 'finTrigger')) node.parameters.protectedAttributes = '';
			});
			const shop = session.value.apis.shop;
			const before = shop.requests.length;
			const answer = await sendChat(workflow.url, {
				text: 'Where is my order?',
				user: { user_id: 'cust-attacker', email: customer.email },
				userHash: userHash(secrets.identityVerification, 'cust-attacker'),
			});
			expect(shop.requests.length).toBe(before);
			for (const marker of ORDER_MARKERS) expect(answer.text).not.toContain(marker);
			expect(answer.status).toBe(500);
			const [execution] = await settledExecutions(session.value.api, workflow.id);
			expect(execution.status).toBe('error');
			const detail = await session.value.api.apiOk(
				'GET',
				`/executions/${execution.id}?includeData=true`,
			);
			expect(JSON.stringify(detail.data.resultData.error)).toContain('user.email');
		},
	);

	step(
		'an Intercom lead cannot read, even when the Audience Filter lets leads through',
		async () => {
			const workflow = await deployShopify((node) => {
				if (isNode(node, 'finTrigger')) {
					node.parameters.source = 'intercomWebhook';
					node.parameters.protectedAttributes = '';
				}
				if (isNode(node, 'audienceFilter')) node.parameters.audienceKinds = ['user', 'lead'];
			});
			const shop = session.value.apis.shop;
			const before = shop.requests.length;
			const raw = intercomConversation('lead');
			const answer = await http(workflow.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-hub-signature': hubSignature(raw, secrets.intercomClient),
				},
				body: raw,
			});
			expect(shop.requests.length).toBe(before);
			for (const marker of ORDER_MARKERS) expect(answer.text).not.toContain(marker);
			const [execution] = await settledExecutions(session.value.api, workflow.id);
			const detail = await session.value.api.apiOk(
				'GET',
				`/executions/${execution.id}?includeData=true`,
			);
			const triggerItem = detail.data.resultData.runData['Fin Trigger'][0].data.main[0][0].json;
			expect(triggerItem.identity).toMatchObject({ verified: false, kind: 'lead', signed: [] });
			expect(JSON.stringify(detail.data.resultData.error)).toContain('user.email');
		},
	);

	step('with the template as shipped, an Intercom lead gets the "Not matched" branch', async () => {
		const workflow = await deployShopify((node) => {
			if (isNode(node, 'finTrigger')) {
				node.parameters.source = 'intercomWebhook';
				node.parameters.protectedAttributes = '';
			}
		});
		const shop = session.value.apis.shop;
		const before = shop.requests.length;
		const raw = intercomConversation('lead');
		const answer = await http(workflow.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-hub-signature': hubSignature(raw, secrets.intercomClient),
			},
			body: raw,
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({ answer: null, actionUsed: false });
		expect(shop.requests.length).toBe(before);
		expect(findNode(readTemplate('shopify-order-status.json'), 'audienceFilter')).toBeDefined();
	});

	step(
		'Protected Attributes it cannot protect are refused at activation: the webhook is never registered',
		async () => {
			const { api, credentials } = session.value;
			const stored = await importUnchanged(api, readTemplate('shopify-order-status.json'));
			const nodes = structuredClone(stored.nodes);
			for (const node of nodes) {
				if (isNode(node, 'finTrigger')) {
					node.credentials = { finMessengerApi: credentials.finMessengerApi };
					node.parameters.protectedAttributes = 'email, message.text';
					node.webhookId = randomUUID();
				}
				if (isNode(node, 'apiAction'))
					node.credentials = { finFixedTokenApi: credentials.finFixedTokenApi };
			}
			await api.apiOk('PUT', `/workflows/${stored.id}`, {
				name: stored.name,
				nodes,
				connections: stored.connections,
				settings: stored.settings,
			});
			const activated = await api.api('POST', `/workflows/${stored.id}/activate`);
			// n8n 2.x answers the activation itself with 200, then registers the trigger: Fin Trigger's
			// refusal (logged by n8n, shown as the workflow's activation error) leaves no webhook behind.
			expect(activated.status).toBe(200);
			const url = `${session.value.n8n.url}/webhook/${nodes.find((node: any) => isNode(node, 'finTrigger')).webhookId}/fin`;
			await new Promise((done) => setTimeout(done, 2000));
			const chat = await sendChat(url, {
				text: 'Where is my order?',
				user: { email: customer.email },
				userHash: userHash(secrets.identityVerification, customer.email),
			});
			expect(chat.status).toBe(404);
			expect(await settledExecutions(api, stored.id)).toHaveLength(0);
		},
	);
});

/** Creates `nodes` (chained in order) through the public API, activates it, and waits for `path`. */
async function deployChain(name: string, nodes: any[], path: string): Promise<{ id: string }> {
	const { api, n8n } = session.value;
	const connections: Record<string, unknown> = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	const created = await api.apiOk('POST', '/workflows', { name, nodes, connections, settings: {} });
	await api.apiOk('POST', `/workflows/${created.id}/activate`);
	await waitForWebhook(`${n8n.url}/webhook/${path}`);
	return { id: created.id };
}

describe('an identity counts only as Fin Trigger emitted it; secret claims are sealed (real n8n)', () => {
	step(
		"a Webhook node followed by Edit Fields that makes the posted body the item cannot read the victim's orders",
		async () => {
			const shop = session.value.apis.shop;
			const path = `forged-${randomUUID()}`;
			const workflow = await deployChain(
				'Forged identity',
				[
					{
						id: randomUUID(),
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
					},
					{
						id: randomUUID(),
						name: 'Edit Fields',
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [200, 0],
						parameters: {
							mode: 'raw',
							jsonOutput: '={{ JSON.stringify($json.body) }}',
							options: {},
						},
					},
					{
						id: randomUUID(),
						name: 'API Action',
						type: `${packageName}.apiAction`,
						typeVersion: 1.1,
						position: [400, 0],
						parameters: {
							url: `${shop.url}/admin/api/2024-01/orders.json`,
							queryParameters: { parameters: [{ name: 'email', value: '{{user.email}}' }] },
							authentication: 'finFixedTokenApi',
							responseMode: 'full',
						},
						credentials: { finFixedTokenApi: session.value.credentials.finFixedTokenApi },
					},
				],
				path,
			);
			const before = shop.requests.length;
			const answer = await http(`${session.value.n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					message: { id: 'm1', text: 'Where is my order?' },
					user: { email: customer.email },
					identity: { verified: true, method: 'jwt', kind: 'user', signed: ['user.email'] },
					source: 'messenger',
				}),
			});
			expect(shop.requests.length).toBe(before);
			for (const marker of ORDER_MARKERS) expect(answer.text).not.toContain(marker);
			const [execution] = await settledExecutions(session.value.api, workflow.id);
			const detail = await session.value.api.apiOk(
				'GET',
				`/executions/${execution.id}?includeData=true`,
			);
			expect(JSON.stringify(detail.data.resultData.error)).toContain(
				"did not come from this execution's Fin Trigger",
			);
		},
	);

	step(
		'a per-customer token carried as a secret JWT claim reaches the API, and no stored execution holds it in any encoding',
		async () => {
			const { apis, credentials } = session.value;
			const webhookId = randomUUID();
			const token = secrets.shopifyToken;
			const workflow = await deployChain(
				'Secret claim',
				[
					{
						id: randomUUID(),
						name: 'Fin Trigger',
						type: `${packageName}.finTrigger`,
						typeVersion: 2,
						position: [0, 0],
						webhookId,
						parameters: { options: { jwtRedactedClaims: 'shop_token' } },
						credentials: { finMessengerApi: credentials.finMessengerApi },
					},
					{
						id: randomUUID(),
						name: 'API Action',
						type: `${packageName}.apiAction`,
						typeVersion: 1.1,
						position: [200, 0],
						parameters: {
							url: `${apis.shop.url}/admin/api/2024-01/orders.json`,
							queryParameters: { parameters: [{ name: 'email', value: '{{user.email}}' }] },
							headerParameters: {
								parameters: [
									{ name: 'X-Shopify-Access-Token', value: '{{identity.claims.shop_token}}' },
								],
							},
							sendSecretClaims: true,
							responseMode: 'full',
						},
						credentials: { finMessengerApi: credentials.finMessengerApi },
					},
				],
				`${webhookId}/fin`,
			);
			const answer = await sendChat(`${session.value.n8n.url}/webhook/${webhookId}/fin`, {
				text: 'Where is my order?',
				jwt: messengerJwt(secrets.identityVerification, {
					user_id: customer.user_id,
					email: customer.email,
					shop_token: token,
				}),
			});
			expect(answer.status).toBe(200);
			expect(answer.text).toContain('#1001');
			const [execution] = await settledExecutions(session.value.api, workflow.id);
			const detail = await session.value.api.apiOk(
				'GET',
				`/executions/${execution.id}?includeData=true`,
			);
			const stored = JSON.stringify(detail) + answer.text;
			for (const encoded of encodings(token)) expect(stored).not.toContain(encoded);
			const claims =
				detail.data.resultData.runData['Fin Trigger'][0].data.main[0][0].json.identity.claims;
			expect(claims.shop_token).toMatch(/^fin-sealed:v1:/);
		},
	);
});
