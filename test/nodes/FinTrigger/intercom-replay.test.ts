// Issue 12.12: a signed Intercom notification delivered twice starts one execution. Fin Trigger
// remembers delivered notification ids (workflow static data, bounded) for a time window and
// answers a duplicate, or a notification older than what it can still remember, with 200 (Intercom
// retries anything else) and no execution.
import type { IDataObject } from 'n8n-workflow';

import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	hubSignature,
	nowSeconds,
	Personalize,
	post,
} from '../../fixtures/fin-trigger';
import { MAX_REMEMBERED } from '../../../nodes/FinTrigger/identity/replay-guard';

let host: WebhookHost;
afterEach(async () => host?.close());

async function serve(staticData?: IDataObject) {
	host = await startWebhookHost({
		workflow: finWorkflow({ source: 'intercomWebhook' }),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
		staticData,
	});
}

function notification(id: string | undefined, createdAt = nowSeconds()): IDataObject {
	return {
		type: 'notification_event',
		app_id: 'app1',
		...(id === undefined ? {} : { id }),
		topic: 'conversation.user.replied',
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
	};
}

const deliver = (body: IDataObject) => {
	const raw = JSON.stringify(body);
	return post(host.url, raw, { 'x-hub-signature': hubSignature(raw) });
};

describe('signed Intercom notification replay', () => {
	it('the same signed notification delivered again answers 200 duplicate and starts no execution', async () => {
		await serve();
		const body = notification('notif_aaa');
		const first = await deliver(body);
		expect(first.status).toBe(200);
		expect(host.executionsStarted).toBe(1);
		for (let attempt = 0; attempt < 3; attempt++) {
			const again = await deliver(body);
			expect(again.status).toBe(200);
			expect(again.json).toEqual({ status: 'duplicate' });
		}
		expect(host.executionsStarted).toBe(1);
		// Another notification (another id) still starts its run.
		expect((await deliver(notification('notif_bbb'))).status).toBe(200);
		expect(host.executionsStarted).toBe(2);
	});

	it('a notification older than the window answers 200 expired and starts no execution', async () => {
		await serve();
		const reply = await deliver(notification('notif_old', nowSeconds() - 2 * 3600));
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ status: 'expired' });
		expect(host.executionsStarted).toBe(0);
	});

	it('a customer notification without an id is refused: it could not be told from a replay', async () => {
		await serve();
		const reply = await deliver(notification(undefined));
		expect(reply.status).toBe(400);
		expect(reply.json.error.message).toMatch(/id/);
		expect(host.executionsStarted).toBe(0);
	});

	it('copies arriving at the same moment start one run', async () => {
		await serve();
		const body = notification('notif_burst');
		const replies = await Promise.all(Array.from({ length: 6 }, () => deliver(body)));
		expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(200));
		expect(replies.filter((reply) => reply.json?.status === 'duplicate')).toHaveLength(5);
		expect(host.executionsStarted).toBe(1);
	});

	it('what static data held (e.g. before a restart) is remembered too', async () => {
		const now = nowSeconds();
		await serve({
			'node:Fin Trigger': {
				intercomDeliveries: { entries: [['notif_saved', now - 60]], forgottenUpTo: 0 },
			},
		});
		expect((await deliver(notification('notif_saved', now - 60))).json).toEqual({
			status: 'duplicate',
		});
		expect(host.executionsStarted).toBe(0);
	});

	it('the remembered ids are bounded; what was forgotten can no longer start a run', async () => {
		const base = nowSeconds() - 1800;
		// Static data as n8n would load it after MAX_REMEMBERED deliveries, one a second.
		const entries = Array.from({ length: MAX_REMEMBERED }, (_, i) => [`notif_${i}`, base + i]);
		await serve({ 'node:Fin Trigger': { intercomDeliveries: { entries, forgottenUpTo: 0 } } });
		expect((await deliver(notification('notif_new', base + MAX_REMEMBERED))).status).toBe(200);
		expect(host.executionsStarted).toBe(1);
		// The oldest were forgotten to stay in bounds: posted again they are expired, as is anything
		// not newer than them; a remembered one is a duplicate.
		expect((await deliver(notification('notif_0', base))).json).toEqual({ status: 'expired' });
		expect((await deliver(notification('notif_x', base - 5))).json).toEqual({ status: 'expired' });
		expect((await deliver(notification('notif_400', base + 400))).json).toEqual({
			status: 'duplicate',
		});
		expect(host.executionsStarted).toBe(1);
		// What the trigger saved (on calls that started nothing) stays within the bound.
		const saved = (host.staticData['node:Fin Trigger'] as any).intercomDeliveries;
		expect(saved.entries.length).toBeLessThanOrEqual(MAX_REMEMBERED);
	});
});
