// Fin Trigger, Intercom webhook source, through real HTTP requests: X-Hub-Signature over the raw
// bytes, customer topics only, text from the conversation part, customer from the contact.
import type { IDataObject } from 'n8n-workflow';

import {
	startWebhookHost,
	type WebhookHost,
	type WebhookHostOptions,
} from '../../../engine/webhook-host';
import {
	CLIENT_SECRET,
	CREDENTIALS,
	finWorkflow,
	hubSignature,
	nowSeconds,
	Personalize,
	post,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
async function serve(parameters: IDataObject = {}, options: Partial<WebhookHostOptions> = {}) {
	host = await startWebhookHost({
		workflow: finWorkflow({ source: 'intercomWebhook', ...parameters }),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
		...options,
	});
}
afterEach(async () => host?.close());

/** Valid JSON once n8n decodes it lossily, so it reaches the node, where it is not UTF-8. */
const notUtf8 = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]);

const triggerItem = () => host.runs.at(-1)!.outputs['Fin Trigger'][0][0].json as any;

function notification(topic: string, item: IDataObject = {}): IDataObject {
	return {
		type: 'notification_event',
		app_id: 'app1',
		id: 'notif_1',
		topic,
		created_at: nowSeconds(), // within the replay window (replay-guard.ts)
		delivery_attempts: 1,
		data: {
			type: 'notification_event_data',
			item: {
				type: 'conversation',
				id: '1911',
				created_at: 1764000000,
				state: 'open',
				title: null,
				source: {
					type: 'conversation',
					id: 'src-1',
					body: '<p>Hi, my <b>order</b> is late &amp; I&#39;m worried</p>',
					author: { type: 'user', id: 'contact-1', name: 'Ana Lima', email: 'ana@example.com' },
				},
				contacts: {
					type: 'contact.list',
					contacts: [{ type: 'contact', id: 'contact-1', external_id: 'u-1' }],
				},
				conversation_parts: {
					type: 'conversation_part.list',
					conversation_parts: [
						{
							type: 'conversation_part',
							id: 'p-1',
							part_type: 'comment',
							body: '<p>Old reply</p>',
							created_at: 1764000050,
							author: { type: 'user', id: 'contact-1' },
						},
						{
							type: 'conversation_part',
							id: 'p-2',
							part_type: 'comment',
							body: '<p>Agent answer</p>',
							created_at: 1764000070,
							author: { type: 'admin', id: 'a-1' },
						},
						{
							type: 'conversation_part',
							id: 'p-3',
							part_type: 'comment',
							body: '<p>Still waiting!<br>Order #55 &lt;urgent&gt;</p><p>Zoë 🚀</p>',
							created_at: 1764000090,
							author: { type: 'user', id: 'contact-1', name: 'Ana Lima', email: 'ana@example.com' },
						},
					],
					total_count: 3,
				},
				custom_attributes: { priority_level: 'high' },
				...item,
			},
		},
	};
}

const signed = (body: IDataObject | string) => {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	return { raw, headers: { 'x-hub-signature': hubSignature(raw) } };
};

describe('Intercom webhook', () => {
	it('accepts a signed customer reply: newest customer part as text, customer from the contact', async () => {
		await serve();
		const { raw, headers } = signed(notification('conversation.user.replied'));
		const reply = await post(host.url, raw, headers);
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({ verified: true, method: 'intercom_signature' });
		expect(host.executionsStarted).toBe(1);
		expect(triggerItem()).toEqual({
			message: {
				id: 'p-3',
				text: 'Still waiting!\nOrder #55 <urgent>\nZoë 🚀',
				createdAt: new Date(1764000090 * 1000).toISOString(),
			},
			user: {
				user_id: 'u-1',
				email: 'ana@example.com',
				name: 'Ana Lima',
				intercom_contact_id: 'contact-1',
				role: 'user',
			},
			company: {},
			conversation: {
				id: '1911',
				state: 'open',
				created_at: new Date(1764000000 * 1000).toISOString(),
				custom_attributes: { priority_level: 'high' },
			},
			identity: {
				verified: true,
				method: 'intercom_signature',
				kind: 'user',
				// A `user` contact's ids are what Intercom vouches for; name, role, conversation are not.
				signed: ['user.user_id', 'user.email', 'user.intercom_contact_id'],
			},
			source: 'intercom_webhook',
		});
	});

	it('takes the text of a new conversation from its source part', async () => {
		await serve();
		const { raw, headers } = signed(
			notification('conversation.user.created', { conversation_parts: { conversation_parts: [] } }),
		);
		expect((await post(host.url, raw, headers)).status).toBe(200);
		expect(triggerItem().message).toMatchObject({
			id: 'src-1',
			text: "Hi, my order is late & I'm worried",
		});
	});

	it('refuses a body changed by one byte after signing (401) and starts no execution', async () => {
		await serve();
		const { raw, headers } = signed(notification('conversation.user.replied'));
		const changed = raw.replace('"u-1"', '"u-2"');
		expect(changed.length).toBe(raw.length);
		const reply = await post(host.url, changed, headers);
		expect(reply.status).toBe(401);
		expect(reply.json).toEqual({
			error: { code: 'signature_invalid', message: expect.any(String) },
		});
		expect(reply.text).not.toContain('u-2');
		expect(host.executionsStarted).toBe(0);
	});

	it('checks the raw bytes, not a re-serialization: same JSON with other spacing fails', async () => {
		await serve();
		const body = notification('conversation.user.replied');
		const { headers } = signed(body);
		const reply = await post(host.url, JSON.stringify(body, null, 2), headers);
		expect(reply.status).toBe(401);
		expect(host.executionsStarted).toBe(0);
	});

	it.each([
		['missing', undefined, 'signature_missing'],
		['empty', '', 'signature_missing'],
		['without sha1= prefix', 'deadbeef', 'signature_invalid'],
		['sha256 instead of sha1', 'sha256=' + 'a'.repeat(64), 'signature_invalid'],
		['signed with another secret', 'other', 'signature_invalid'],
	])('refuses a signature header that is %s', async (_name, header, code) => {
		await serve();
		const raw = JSON.stringify(notification('conversation.user.replied'));
		const headers: Record<string, string> = {};
		if (header === 'other') headers['x-hub-signature'] = hubSignature(raw, 'not-' + CLIENT_SECRET);
		else if (header !== undefined) headers['x-hub-signature'] = header;
		const reply = await post(host.url, raw, headers);
		expect(reply.status).toBe(401);
		expect(reply.json.error.code).toBe(code);
		expect(host.executionsStarted).toBe(0);
	});

	it('checks the signature before the body: an unsigned malformed body is 401, not 400', async () => {
		await serve();
		// Invalid UTF-8 passes n8n's JSON parser (decoded lossily) and reaches the node.
		const reply = await post(host.url, notUtf8);
		expect(reply.status).toBe(401);
	});

	it('acknowledges other topics without starting an execution', async () => {
		await serve();
		for (const topic of ['conversation.admin.replied', 'ping', 'contact.created']) {
			const { raw, headers } = signed(notification(topic));
			const reply = await post(host.url, raw, headers);
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({ status: 'ignored' });
		}
		expect(host.executionsStarted).toBe(0);
	});

	it('acknowledges a customer topic with no customer text (e.g. only an attachment)', async () => {
		await serve();
		const { raw, headers } = signed(
			notification('conversation.user.replied', {
				source: { type: 'conversation', id: 's', body: '', author: { type: 'admin', id: 'a' } },
				conversation_parts: {
					conversation_parts: [
						{
							part_type: 'comment',
							body: '<p><img src="x"></p>',
							author: { type: 'user', id: 'c' },
						},
					],
				},
			}),
		);
		const reply = await post(host.url, raw, headers);
		expect(reply.json).toEqual({ status: 'ignored' });
		expect(host.executionsStarted).toBe(0);
	});

	it('a signed but malformed envelope answers 400 naming the field', async () => {
		await serve();
		const { raw, headers } = signed({
			type: 'notification_event',
			topic: 'conversation.user.replied',
			data: { item: { type: 'contact' } },
		});
		const reply = await post(host.url, raw, headers);
		expect(reply.status).toBe(400);
		expect(reply.json.error.message).toContain('data.item.type');
		const bad = await post(host.url, notUtf8, { 'x-hub-signature': hubSignature(notUtf8) });
		expect(bad.json.error.code).toBe('invalid_encoding');
		expect(host.executionsStarted).toBe(0);
	});

	it("protected attributes apply too: a verified user's email passes, an attribute Intercom does not vouch for is refused", async () => {
		await serve({ protectedAttributes: 'email, user_id' });
		const { raw, headers } = signed(notification('conversation.user.replied'));
		expect((await post(host.url, raw, headers)).status).toBe(200);
		await host.close();
		await serve({ protectedAttributes: 'conversation.custom_attributes.priority_level' });
		const again = signed(notification('conversation.user.replied'));
		const reply = await post(host.url, again.raw, again.headers);
		expect(reply.status).toBe(403);
		expect(reply.json.error.message).toContain('conversation.custom_attributes.priority_level');
	});

	it('refuses clearly when the host kept no raw body: no signature check on a re-serialized body', async () => {
		await serve({}, { rawBody: false });
		const { raw, headers } = signed(notification('conversation.user.replied'));
		const reply = await post(host.url, raw, headers);
		expect(reply.status).toBe(500);
		expect(reply.json.error.code).toBe('raw_body_unavailable');
		expect(host.executionsStarted).toBe(0);
	});

	it('drops __proto__ keys from the signed payload too', async () => {
		await serve();
		const raw = JSON.stringify(notification('conversation.user.replied')).replace(
			'"custom_attributes":{',
			'"custom_attributes":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
		);
		const reply = await post(host.url, raw, { 'x-hub-signature': hubSignature(raw) });
		expect(reply.status).toBe(200);
		expect(triggerItem().conversation.custom_attributes).toEqual({ priority_level: 'high' });
		expect(({} as any).polluted).toBeUndefined();
	});

	it('an oversized signed body answers 413 before the signature is computed', async () => {
		await serve({ options: { maxBodySize: 1 } });
		const { raw, headers } = signed(
			notification('conversation.user.replied', { padding: 'x'.repeat(2048) }),
		);
		const reply = await post(host.url, raw, headers);
		expect(reply.status).toBe(413);
		expect(host.executionsStarted).toBe(0);
	});

	it('with verification off, a test run takes the notification unverified', async () => {
		await serve({ requireIdentityVerification: false }, { mode: 'manual' });
		const reply = await post(host.url, JSON.stringify(notification('conversation.user.replied')));
		expect(reply.status).toBe(200);
		expect(triggerItem().identity).toEqual({
			verified: false,
			method: 'none',
			kind: 'visitor',
			signed: [],
		});
	});
});
