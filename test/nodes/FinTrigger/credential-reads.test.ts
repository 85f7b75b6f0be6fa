// Fin Trigger reads its credential at most once per SECRETS_LIFETIME_SECONDS per credential id
// (nodes/FinTrigger/identity/secrets.ts): in n8n each read takes an expression isolate, a database
// read and a decryption. Through real HTTP calls to n8n-core's WebhookContext; the credential store
// counts the reads. A rotated secret takes effect after the lifetime, never across credential ids.
import { startWebhookHost, type WebhookHost } from '../../../engine/webhook-host';
import { SECRETS_LIFETIME_SECONDS } from '../../../nodes/FinTrigger/identity/secrets';
import {
	CLIENT_SECRET,
	finWorkflow,
	IDENTITY_SECRET,
	Personalize,
	post,
	userHash,
} from '../../fixtures/fin-trigger';

const hosts: WebhookHost[] = [];
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all(hosts.splice(0).map((host) => host.close()));
});

/** A host whose Fin Trigger uses credential `id`; `reads()` counts the trigger's credential reads. */
async function serve(id: string, secret: string, mode: 'webhook' | 'manual' = 'webhook') {
	let reads = 0;
	const saved: Record<string, unknown> = {
		finMessengerApi: { identityVerificationSecret: secret, intercomClientSecret: CLIENT_SECRET },
	};
	const store = new Proxy(saved, {
		get(target, key: string) {
			if (key === 'finMessengerApi') reads++;
			return target[key];
		},
	});
	const workflow = finWorkflow({}, { personalize: false });
	workflow.nodes[0].credentials = { finMessengerApi: { id, name: id } };
	const host = await startWebhookHost({
		workflow,
		credentials: store as never,
		extraNodes: [new Personalize()],
		mode,
	});
	hosts.push(host);
	const message = (hashSecret: string) => ({
		message: { text: 'hi' },
		user: { user_id: 'u-1', user_hash: userHash('u-1', hashSecret) },
	});
	return {
		call: async (hashSecret = secret) => (await post(host.url, message(hashSecret))).status,
		rotate: (next: string) => {
			saved.finMessengerApi = {
				identityVerificationSecret: next,
				intercomClientSecret: CLIENT_SECRET,
			};
		},
		remove: () => {
			delete saved.finMessengerApi;
		},
		reads: () => reads,
	};
}

const later = (seconds: number) => {
	const now = Date.now();
	jest.spyOn(Date, 'now').mockImplementation(() => now + seconds * 1000);
};

it('20 production calls, 10 of them at once, read the credential once', async () => {
	const fin = await serve('cred-once', IDENTITY_SECRET);
	for (let i = 0; i < 10; i++) expect(await fin.call()).toBe(200);
	const together = await Promise.all(Array.from({ length: 10 }, () => fin.call()));
	expect(together).toEqual(Array(10).fill(200));
	expect(fin.reads()).toBe(1);
});

it('a rotated secret takes effect once the lifetime has passed: the old one is then refused', async () => {
	expect(SECRETS_LIFETIME_SECONDS).toBeLessThanOrEqual(60);
	const fin = await serve('cred-rotated', 'old-secret');
	expect(await fin.call('old-secret')).toBe(200);
	fin.rotate('new-secret');
	// Within the lifetime the kept secret still decides (the documented window).
	later(SECRETS_LIFETIME_SECONDS - 1);
	expect(await fin.call('old-secret')).toBe(200);
	later(SECRETS_LIFETIME_SECONDS + 1);
	expect(await fin.call('old-secret')).toBe(401);
	expect(await fin.call('new-secret')).toBe(200);
	expect(fin.reads()).toBe(2);
});

it('never across credential ids: a secret kept for one credential does not verify for another', async () => {
	const a = await serve('cred-a', 'secret-a');
	const b = await serve('cred-b', 'secret-b');
	expect(await a.call('secret-a')).toBe(200);
	expect(await b.call('secret-a')).toBe(401);
	expect(await b.call('secret-b')).toBe(200);
	expect(await a.call('secret-b')).toBe(401);
	// A call refused on a kept secret reads its own credential once more (b's refusal came from a
	// fresh read, so nothing more), never the other's.
	expect([a.reads(), b.reads()]).toEqual([2, 1]);
});

it('a secret rotated within the lifetime is accepted at once: the failing check reads the credential again, once', async () => {
	const fin = await serve('cred-rotated-now', 'old-secret');
	expect(await fin.call('old-secret')).toBe(200);
	fin.rotate('new-secret');
	later(1);
	expect(await fin.call('new-secret')).toBe(200);
	expect(fin.reads()).toBe(2);
	// The fresh secret is kept: the old one is refused from now on, and good calls read nothing.
	expect(await fin.call('old-secret')).toBe(401);
	expect(fin.reads()).toBe(3);
	for (let i = 0; i < 5; i++) expect(await fin.call('new-secret')).toBe(200);
	expect(fin.reads()).toBe(3);
});

it('test URL calls (the editor listening) read the credential every time', async () => {
	const fin = await serve('cred-manual', IDENTITY_SECRET, 'manual');
	for (let i = 0; i < 3; i++) expect(await fin.call()).toBe(200);
	expect(fin.reads()).toBe(3);
});

it('a failed read is not kept: a deleted credential fails, and once readable the next call reads it', async () => {
	const fin = await serve('cred-deleted', IDENTITY_SECRET);
	fin.remove();
	expect(await fin.call()).not.toBe(200);
	fin.rotate(IDENTITY_SECRET);
	expect(await fin.call()).toBe(200);
	expect(fin.reads()).toBe(2);
});
