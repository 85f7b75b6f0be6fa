// Issue 12.12 in real n8n: a signed Intercom notification posted again starts no second execution.
// (n8n 2.40.7 does not save static data a webhook node changed in a call that starts an execution,
// which a first version relying on static data alone showed here: replay-guard.ts.)
import { createHmac, randomUUID } from 'node:crypto';

import { secrets } from '../../real-n8n/apis';
import { packageName } from '../../real-n8n/package';
import { E2eSession, SESSION_TIMEOUT } from './support/session';
import { settledExecutions, waitForWebhook } from './support/workflows';

const session = new E2eSession('intercom-replay');
const { step } = session;

beforeAll(() => session.open(), SESSION_TIMEOUT);
afterAll(() => session.close(), 60000);

let workflowId = '';
let url = '';

function notification(id: string, createdAt: number) {
	return JSON.stringify({
		type: 'notification_event',
		app_id: 'app1',
		id,
		topic: 'conversation.user.created',
		created_at: createdAt,
		delivery_attempts: 1,
		data: {
			type: 'notification_event_data',
			item: {
				type: 'conversation',
				id: '1911',
				source: {
					type: 'conversation',
					id: 's-1',
					body: '<p>Where is my refund?</p>',
					author: { type: 'user', id: 'contact-1', email: 'ana@example.com' },
				},
				contacts: { contacts: [{ id: 'contact-1', external_id: 'u-1' }] },
			},
		},
	});
}

const deliver = async (raw: string) => {
	const answer = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-hub-signature': `sha1=${createHmac('sha1', secrets.intercomClient).update(raw).digest('hex')}`,
		},
		body: raw,
	});
	return { status: answer.status, json: (await answer.json()) as any };
};

const count = async () => (await settledExecutions(session.value.api, workflowId)).length;

step('an Intercom-source Fin Trigger workflow activates', async () => {
	const { api, credentials, n8n } = session.value;
	const webhookId = randomUUID();
	const created = await api.apiOk('POST', '/workflows', {
		name: 'Intercom replay (e2e)',
		nodes: [
			{
				id: randomUUID(),
				name: 'Fin Trigger',
				type: `${packageName}.finTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { source: 'intercomWebhook' },
				credentials: { finMessengerApi: credentials.finMessengerApi },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	workflowId = created.id;
	expect((await api.apiOk('POST', `/workflows/${workflowId}/activate`)).active).toBe(true);
	url = `${n8n.url}/webhook/${webhookId}/fin`;
	await waitForWebhook(url);
});

step('the same signed notification twice: one execution, the copy answers duplicate', async () => {
	const raw = notification(`notif_${randomUUID()}`, Math.floor(Date.now() / 1000));
	const first = await deliver(raw);
	expect(first.status).toBe(200);
	expect(first.json.user).toMatchObject({ user_id: 'u-1' });
	expect(await count()).toBe(1);
	for (let attempt = 0; attempt < 2; attempt++)
		expect(await deliver(raw)).toEqual({ status: 200, json: { status: 'duplicate' } });
	expect(await count()).toBe(1);
});

step('a notification older than the window answers expired and starts nothing', async () => {
	const raw = notification(`notif_${randomUUID()}`, Math.floor(Date.now() / 1000) - 2 * 3600);
	expect(await deliver(raw)).toEqual({ status: 200, json: { status: 'expired' } });
	expect(await count()).toBe(1);
});
