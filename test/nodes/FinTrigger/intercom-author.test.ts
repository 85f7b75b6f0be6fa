// Fin Trigger, Intercom webhook source: whose data is read follows the author of the message part
// that triggered the notification (the source for *.created, the newest customer part for
// *.replied), never the conversation's first contact. Real signed HTTP requests to the webhook host.
import type { IDataObject } from 'n8n-workflow';

import { CUSTOMER_TOPICS } from '../../../nodes/FinTrigger/sources/intercom-envelope';
import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	hubSignature,
	nowSeconds,
	Personalize,
	post,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
beforeAll(async () => {
	host = await startWebhookHost({
		workflow: finWorkflow({ source: 'intercomWebhook' }),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
	});
});
afterAll(async () => host?.close());

const VICTIM = {
	type: 'contact',
	id: 'contact-victim',
	external_id: 'victim-1',
	email: 'victim@example.com',
	name: 'Victim',
	role: 'user',
};
const ATTACKER = {
	type: 'contact',
	id: 'contact-attacker',
	external_id: 'attacker-1',
	email: 'attacker@example.com',
	name: 'Attacker',
	role: 'user',
};
const LEAD = { type: 'contact', id: 'contact-lead', email: 'lead@example.com', role: 'lead' };

let sequence = 0;

const BY_VICTIM = { type: 'user', id: VICTIM.id, email: VICTIM.email };

/**
 * A signed notification of `topic` whose triggering part is written by `author`, in a conversation
 * with `contacts` (the victim first). For *.replied, `earlier` wrote the source and an older reply.
 */
function notification(
	topic: string,
	author: IDataObject,
	contacts: IDataObject[],
	earlier: IDataObject = BY_VICTIM,
) {
	const created = topic === 'conversation.user.created';
	const body = {
		type: 'notification_event',
		id: `notif-author-${++sequence}`,
		topic,
		created_at: nowSeconds(),
		data: {
			item: {
				type: 'conversation',
				id: '4242',
				source: {
					type: 'conversation',
					id: 'src',
					body: created ? '<p>How much did I use?</p>' : '<p>Hello</p>',
					author: created ? author : earlier,
				},
				contacts: { type: 'contact.list', contacts },
				conversation_parts: {
					conversation_parts: created
						? []
						: [
								{
									id: 'p-1',
									part_type: 'comment',
									body: '<p>Earlier reply</p>',
									created_at: 1764000050,
									author: earlier,
								},
								{
									id: 'p-2',
									part_type: 'comment',
									body: '<p>Agent answer</p>',
									created_at: 1764000070,
									author: { type: 'admin', id: 'admin-1' },
								},
								{
									id: 'p-3',
									part_type: 'comment',
									body: '<p>How much did I use?</p>',
									created_at: 1764000090,
									author,
								},
							],
				},
			},
		},
	};
	const raw = JSON.stringify(body);
	return { raw, headers: { 'x-hub-signature': hubSignature(raw) } };
}

const authorOf = (contact: IDataObject, type = String(contact.role)) => ({
	type,
	id: contact.id,
	email: contact.email,
});

async function deliver(
	topic: string,
	author: IDataObject,
	contacts: IDataObject[],
	earlier?: IDataObject,
) {
	const started = host.executionsStarted;
	const { raw, headers } = notification(topic, author, contacts, earlier);
	const reply = await post(host.url, raw, headers);
	const ran = host.executionsStarted > started;
	const item = ran ? (host.runs.at(-1)!.outputs['Fin Trigger'][0][0].json as any) : undefined;
	return { reply, item };
}

/** Nothing of the victim reached the workflow or the answer. */
function expectNoVictim(reply: { text: string }, item: any) {
	for (const value of [VICTIM.external_id, VICTIM.email, VICTIM.id, VICTIM.name]) {
		expect(reply.text).not.toContain(value);
		expect(JSON.stringify(item ?? {})).not.toContain(value);
	}
}

describe.each(CUSTOMER_TOPICS)(
	'Intercom %s: the identity is the author of the message',
	(topic) => {
		it('a verified user writing in a conversation whose first contact is someone else is themself', async () => {
			const { reply, item } = await deliver(topic, authorOf(ATTACKER), [VICTIM, ATTACKER]);
			expect(reply.status).toBe(200);
			expectNoVictim(reply, item);
			expect(item.user).toMatchObject({
				user_id: ATTACKER.external_id,
				email: ATTACKER.email,
				intercom_contact_id: ATTACKER.id,
			});
			expect(item.identity).toMatchObject({ verified: true, kind: 'user' });
		});

		it('a lead author with a user as contacts[0] is an unverified lead', async () => {
			const { reply, item } = await deliver(topic, authorOf(LEAD), [VICTIM, LEAD]);
			expect(reply.status).toBe(200);
			expectNoVictim(reply, item);
			expect(item.identity).toEqual({
				verified: false,
				method: 'intercom_signature',
				kind: 'lead',
				signed: [],
			});
			expect(item.user).toMatchObject({ intercom_contact_id: LEAD.id, role: 'lead' });
		});

		it.each([
			['an admin', 'admin'],
			['a bot', 'bot'],
		])(
			'%s author with the victim id is acknowledged, starts no run and reads nothing of the victim',
			async (_name, type) => {
				// The part carries the victim's id, but staff wrote it: no customer wrote anything here.
				const staff = { type, id: VICTIM.id };
				const { reply, item } = await deliver(topic, staff, [VICTIM], staff);
				expect(reply.json).toEqual({ status: 'ignored' });
				expect(item).toBeUndefined();
			},
		);

		it('an author that is none of the contacts is unverified, with no user id', async () => {
			const stranger = { type: 'user', id: 'contact-stranger', email: 'stranger@example.com' };
			const { reply, item } = await deliver(topic, stranger, [VICTIM, ATTACKER]);
			expect(reply.status).toBe(200);
			expectNoVictim(reply, item);
			expect(item.identity).toMatchObject({ verified: false, kind: 'visitor', signed: [] });
			expect(item.user.user_id).toBeUndefined();
			expect(item.user.intercom_contact_id).toBe('contact-stranger');
		});

		it.each([
			['author says user, contact says lead', 'user', 'lead'],
			['author says lead, contact says user', 'lead', 'user'],
		])('a type mismatch (%s) is unverified', async (_name, authorType, contactRole) => {
			const contact = { ...ATTACKER, role: contactRole };
			const { reply, item } = await deliver(topic, authorOf(contact, authorType), [
				VICTIM,
				contact,
			]);
			expect(reply.status).toBe(200);
			expectNoVictim(reply, item);
			expect(item.identity).toMatchObject({ verified: false, signed: [] });
			expect(item.identity.kind).not.toBe('user');
		});

		it('the author as the only contact, without a role in the list (as Intercom sends it), stays verified', async () => {
			const { role: _role, ...listed } = ATTACKER;
			const { item } = await deliver(topic, authorOf(ATTACKER, 'user'), [listed]);
			expect(item.identity).toMatchObject({ verified: true, kind: 'user' });
			expect(item.user).toMatchObject({ user_id: ATTACKER.external_id, role: 'user' });
		});
	},
);
