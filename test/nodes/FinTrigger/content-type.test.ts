// Issue 12.3: Fin Trigger accepts JSON only. Any other content type (multipart, form, text, XML,
// none) answers 415 with a clear message before anything else (no body read, no secret looked up)
// and starts no execution, on the production and the test URL, for both sources.
import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	hubSignature,
	Personalize,
	userHash,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
afterEach(async () => host?.close());

const messengerBody = JSON.stringify({
	message: { text: 'Where is my order?' },
	user: { user_id: 'u-1', user_hash: userHash('u-1') },
});

function multipart(): FormData {
	const form = new FormData();
	form.append('message', 'hello');
	form.append('file', new Blob(['x'.repeat(1000)]), 'a.txt');
	return form;
}

const bodies: Array<[string, () => { body: BodyInit; headers: Record<string, string> }]> = [
	['multipart/form-data', () => ({ body: multipart(), headers: {} })],
	[
		'application/x-www-form-urlencoded',
		() => ({
			body: 'message=hi&user_id=u-1',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		}),
	],
	['text/plain', () => ({ body: messengerBody, headers: { 'content-type': 'text/plain' } })],
	['application/xml', () => ({ body: '<a>1</a>', headers: { 'content-type': 'application/xml' } })],
	['no content type', () => ({ body: new Uint8Array(Buffer.from(messengerBody)), headers: {} })],
];

describe.each([
	['messenger', 'webhook'],
	['messenger', 'manual'],
	['intercomWebhook', 'webhook'],
	['intercomWebhook', 'manual'],
] as const)('Fin Trigger (%s, %s URL) accepts JSON only', (source, mode) => {
	it.each(bodies)('%s answers 415 and starts no execution', async (_name, make) => {
		host = await startWebhookHost({
			workflow: finWorkflow({ source }),
			credentials: structuredClone(CREDENTIALS),
			extraNodes: [new Personalize()],
			mode,
		});
		const { body, headers } = make();
		const signature =
			typeof body === 'string' ? { 'x-hub-signature': hubSignature(body) } : ({} as object);
		const response = await fetch(host.url, {
			method: 'POST',
			body,
			headers: { ...headers, ...signature },
		});
		expect(response.status).toBe(415);
		expect(await response.json()).toEqual({
			error: {
				code: 'unsupported_media_type',
				message: expect.stringMatching(/Content-Type: application\/json/),
			},
		});
		expect(host.executionsStarted).toBe(0);
		expect(host.runs).toHaveLength(0);
	});
});

it('JSON with a charset parameter is still accepted', async () => {
	host = await startWebhookHost({
		workflow: finWorkflow(),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
	});
	const response = await fetch(host.url, {
		method: 'POST',
		body: messengerBody,
		headers: { 'content-type': 'application/json; charset=utf-8' },
	});
	expect(response.status).toBe(200);
	expect(host.executionsStarted).toBe(1);
});
