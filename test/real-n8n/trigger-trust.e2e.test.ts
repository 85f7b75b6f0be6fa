// Fin Trigger trust fixes in real n8n 2.40.7, with the Shopify template (orders looked up by the
// signed email):
// - Intercom: whose orders are read follows the author of the message, not the conversation's
//   first contact (a second participant replying cannot read the first one's orders);
// - the test address (/webhook-test/, while the editor listens): a call without proof starts the
//   test run but its caller gets only an acknowledgement, none of the run's data.
import { randomUUID } from 'node:crypto';

import { hubSignature } from '../fixtures/fin-trigger';
import { secrets } from '../../real-n8n/apis';
import { customer } from '../../real-n8n/fixtures';
import { http } from '../../real-n8n/n8n-api';
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

const session = new E2eSession('trigger-trust');
const { step } = session;
beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

const ORDER_MARKERS = ['#1001', '#1002', '1Z2345'];
const VICTIM = {
	type: 'contact',
	id: 'contact-victim',
	external_id: customer.user_id,
	email: customer.email,
	role: 'user',
};
const ATTACKER = {
	type: 'contact',
	id: 'contact-attacker',
	external_id: 'cust-attacker',
	email: 'mallory@example.com',
	role: 'user',
};
const LEAD = { type: 'contact', id: 'contact-lead', email: 'lead@example.com', role: 'lead' };

/** The emails the shop was asked about since `from`. */
const emailsAsked = (from: number) =>
	session.value.apis.shop.requests.slice(from).map((request) => request.query.get('email'));

/**
 * A signed conversation.user.replied: the victim opened the conversation and wrote first; the
 * newest part is `author`'s, in a conversation whose contacts list the victim first.
 */
function reply(author: { id: string; role: string; email: string }, contacts: object[]): string {
	const byVictim = { type: 'user', id: VICTIM.id, email: VICTIM.email };
	return JSON.stringify({
		type: 'notification_event',
		id: `notif-${randomUUID()}`,
		created_at: Math.floor(Date.now() / 1000),
		topic: 'conversation.user.replied',
		data: {
			item: {
				type: 'conversation',
				id: '8001',
				source: { type: 'conversation', id: 'src-8001', body: '<p>Hi</p>', author: byVictim },
				contacts: { type: 'contact.list', contacts },
				conversation_parts: {
					conversation_parts: [
						{
							id: 'p-1',
							part_type: 'comment',
							body: '<p>Where is my order?</p>',
							created_at: 1764000050,
							author: byVictim,
						},
						{
							id: 'p-2',
							part_type: 'comment',
							body: '<p>Where is my order?</p>',
							created_at: 1764000090,
							author: { type: author.role, id: author.id, email: author.email },
						},
					],
				},
			},
		},
	});
}

let intercomUrl = '';
let intercomWorkflowId = '';

async function deliver(raw: string) {
	return http(intercomUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-hub-signature': hubSignature(raw, secrets.intercomClient),
		},
		body: raw,
	});
}

describe('Intercom: the author of the message is the customer (real n8n)', () => {
	step('the Shopify template, Source = Intercom Webhook, activates', async () => {
		const { api, credentials, n8n, apis } = session.value;
		const stored = await importUnchanged(api, readTemplate('shopify-order-status.json'));
		const webhookId = randomUUID();
		await fillInAndActivate(api, stored, credentials, (node) => {
			if (isNode(node, 'apiAction')) node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
			if (isNode(node, 'finTrigger')) {
				node.parameters.source = 'intercomWebhook';
				node.webhookId = webhookId;
			}
		});
		intercomWorkflowId = stored.id;
		intercomUrl = `${n8n.url}/webhook/${webhookId}/fin`;
		await waitForWebhook(intercomUrl);
	});

	step(
		"a verified user replying in a conversation whose first contact is the victim gets their own orders, never the victim's",
		async () => {
			const from = session.value.apis.shop.requests.length;
			const answer = await deliver(reply(ATTACKER, [VICTIM, ATTACKER]));
			expect(answer.status).toBe(200);
			expect(emailsAsked(from)).not.toContain(VICTIM.email);
			expect(emailsAsked(from)).toEqual([ATTACKER.email]);
			expect(answer.text).not.toContain(VICTIM.email);
			const [execution] = await settledExecutions(session.value.api, intercomWorkflowId);
			const item = execution.data.resultData.runData['Fin Trigger'][0].data.main[0][0].json;
			expect(item.user).toMatchObject({ email: ATTACKER.email, user_id: ATTACKER.external_id });
			expect(item.identity).toMatchObject({ verified: true, kind: 'user' });
		},
	);

	step(
		"a lead replying in a conversation whose first contact is a user is refused: the lead's email is not signed",
		async () => {
			const from = session.value.apis.shop.requests.length;
			const before = (await settledExecutions(session.value.api, intercomWorkflowId)).length;
			const answer = await deliver(reply(LEAD, [VICTIM, LEAD]));
			// The template protects `email`: only a verified Intercom user's email may choose the orders.
			expect(answer.status).toBe(403);
			expect(answer.json.error.code).toBe('protected_attribute');
			expect(emailsAsked(from)).toEqual([]);
			expect(answer.text).not.toContain(VICTIM.email);
			const after = await settledExecutions(session.value.api, intercomWorkflowId);
			expect(after).toHaveLength(before);
		},
	);
});

describe('the test address answers a call without proof with an acknowledgement only (real n8n)', () => {
	step(
		"{} posted to /webhook-test/ while the editor listens starts the test run, and the caller gets none of the test customer's data",
		async () => {
			const { api, credentials, n8n, apis } = session.value;
			const template = readTemplate('shopify-order-status.json');
			template.name = `${template.name} (test address)`;
			const stored = await importUnchanged(api, template);
			// Saved, not activated: what an admin has while building the workflow in the editor.
			const nodes = structuredClone(stored.nodes);
			for (const node of nodes) {
				if (isNode(node, 'finTrigger')) {
					node.credentials = { finMessengerApi: credentials.finMessengerApi };
					node.parameters.testValues = { email: customer.email, userId: customer.user_id };
				}
				if (isNode(node, 'apiAction')) {
					node.credentials = { finFixedTokenApi: credentials.finFixedTokenApi };
					node.parameters.shopifyOrderStatus_shopUrl = apis.shop.url;
				}
			}
			await api.apiOk('PUT', `/workflows/${stored.id}`, {
				name: stored.name,
				nodes,
				connections: stored.connections,
				settings: stored.settings,
			});
			// The editor's "Execute workflow" / "Listen for test event": n8n registers the test webhook.
			const listen = await api.rest('POST', `/rest/workflows/${stored.id}/run`, {
				triggerToStartFrom: { name: 'Fin Trigger' },
			});
			expect({ status: listen.status, data: listen.json?.data }).toEqual({
				status: 200,
				data: { waitingForWebhook: true },
			});

			const from = apis.shop.requests.length;
			const url = `${n8n.url}/webhook-test/${findNode(stored, 'finTrigger').webhookId}/fin`;
			const answer = await http(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({
				status: 'test run started',
				message: expect.stringContaining('editor'),
			});
			for (const value of [...ORDER_MARKERS, customer.email, customer.user_id])
				expect(answer.text).not.toContain(value);

			// The run itself happened, for the editor to show: the orders were read there.
			const [execution] = await settledExecutions(api, stored.id);
			expect(execution.mode).toBe('manual');
			expect(emailsAsked(from)).toEqual([customer.email]);
			expect(JSON.stringify(execution.data.resultData.runData)).toContain('#1001');
		},
	);
});
