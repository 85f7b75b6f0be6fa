// Issue 11 in real n8n 2.x: only signed attributes choose whose data is read. The Shopify template
// (orders looked up by email) is imported, then deliberately weakened the way a canvas-built or
// hand-edited workflow could be (Protected Attributes emptied, leads let through the Audience
// Filter): the API Action itself must still refuse to read orders for an email nobody signed.
import { randomUUID } from 'node:crypto';

import { hubSignature } from '../fin-trigger/helpers';
import { secrets } from './support/apis';
import { sendChat, userHash } from './support/chat';
import { customer } from './support/fixtures';
import { http } from './support/n8n-api';
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
function intercomNotification(role: string): string {
	return JSON.stringify({
		type: 'notification_event',
		// A fresh delivery each time: the replay guard answers a repeated id without a run.
		id: `notif-${randomUUID()}`,
		created_at: Math.floor(Date.now() / 1000),
		topic: 'conversation.user.created',
		data: {
			item: {
				type: 'conversation',
				id: '7001',
				source: {
					type: 'conversation',
					id: 'src-7001',
					body: '<p>Where is my order?</p>',
					author: { type: role, id: 'contact-7001', email: customer.email },
				},
				contacts: {
					contacts: [{ type: 'contact', id: 'contact-7001', role, email: customer.email }],
				},
			},
		},
	});
}

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
			const raw = intercomNotification('lead');
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
		const raw = intercomNotification('lead');
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
