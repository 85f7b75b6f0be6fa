// Fin Trigger, Messenger source, through real HTTP requests to the webhook (n8n-core's real
// WebhookContext, then the engine for the rest of the workflow).
import type { IDataObject } from 'n8n-workflow';

import {
	startWebhookHost,
	type WebhookHost,
	type WebhookHostOptions,
} from '../../../engine/webhook-host';
import {
	CREDENTIALS,
	finWorkflow,
	IDENTITY_SECRET,
	nowSeconds,
	Personalize,
	post,
	signJwt,
	userHash,
	waitForRuns,
} from '../../fixtures/fin-trigger';

let host: WebhookHost;
async function serve(parameters: IDataObject = {}, options: Partial<WebhookHostOptions> = {}) {
	host = await startWebhookHost({
		workflow: finWorkflow(parameters),
		credentials: structuredClone(CREDENTIALS),
		extraNodes: [new Personalize()],
		...options,
	});
	return host;
}
afterEach(async () => host?.close());

const triggerItem = () => host.runs.at(-1)!.outputs['Fin Trigger'][0][0].json as any;

/** A refusal: status, JSON error code, no execution, and nothing of the request in the answer. */
async function expectRefused(
	reply: { status: number; json?: any; text: string },
	status: number,
	code: string,
	secrets: string[] = [],
) {
	expect(reply.status).toBe(status);
	expect(reply.json).toEqual({ error: { code, message: expect.any(String) } });
	for (const secret of secrets) expect(reply.text).not.toContain(secret);
	expect(host.executionsStarted).toBe(0);
	expect(host.runs).toHaveLength(0);
}

const hashed = (user: IDataObject, identifier = String(user.user_id ?? user.email)) => ({
	...user,
	user_hash: userHash(identifier),
});

describe('user_hash', () => {
	it('accepts a valid hash, answers with the last node output and emits the one item shape', async () => {
		await serve();
		const reply = await post(host.url, {
			message: { id: 'm-1', text: 'Where is my order?', created_at: 1764000000 },
			user: hashed({ user_id: 'u-1', name: 'Ana', plan: 'pro' }),
			company: { name: 'Acme', plan: 'enterprise' },
			conversation: { id: 'c-9' },
		});
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({
			answer: 'Hello Ana: Where is my order?',
			plan: 'pro',
			verified: true,
			method: 'user_hash',
		});
		expect(host.executionsStarted).toBe(1);
		expect(triggerItem()).toEqual({
			message: {
				id: 'm-1',
				text: 'Where is my order?',
				createdAt: new Date(1764000000 * 1000).toISOString(),
			},
			user: { user_id: 'u-1', name: 'Ana', plan: 'pro' },
			company: { name: 'Acme', plan: 'enterprise' },
			conversation: { id: 'c-9' },
			// Only the hashed field is signed; name and plan are the caller's word.
			identity: { verified: true, method: 'user_hash', kind: 'user', signed: ['user.user_id'] },
			source: 'messenger',
		});
	});

	it('accepts user_hash at the top level and upper-case hex', async () => {
		await serve();
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 42 },
			user_hash: userHash('42').toUpperCase(),
		});
		expect(reply.status).toBe(200);
		expect(triggerItem().user).toEqual({ user_id: 42 });
	});

	it('refuses a forged hash (other secret) with 401 and starts no execution', async () => {
		await serve();
		const forged = userHash('u-1', 'not-the-secret');
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1', user_hash: forged },
		});
		await expectRefused(reply, 401, 'user_hash_invalid', [forged, 'u-1']);
	});

	it('refuses a hash of another user', async () => {
		await serve();
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'victim', user_hash: userHash('attacker') },
		});
		await expectRefused(reply, 401, 'user_hash_invalid', ['victim']);
	});

	it('refuses a request with no proof at all', async () => {
		await serve();
		await expectRefused(
			await post(host.url, { message: { text: 'hi' }, user: { user_id: 'u-1' } }),
			401,
			'identity_missing',
		);
	});

	it('falls back to email when there is no user_id, and uses user_id when there is one', async () => {
		await serve();
		const byEmail = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ email: 'ana@example.com' }),
		});
		expect(byEmail.status).toBe(200);
		expect(triggerItem().user).toEqual({ email: 'ana@example.com' });

		const emailHashWithUserId = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1', email: 'ana@example.com', user_hash: userHash('ana@example.com') },
		});
		expect(emailHashWithUserId.status).toBe(401);
		expect(host.executionsStarted).toBe(1);
	});
});

describe('Messenger JWT', () => {
	const claims = (extra: IDataObject = {}) => ({
		user_id: 'u-7',
		email: 'ana@example.com',
		exp: nowSeconds() + 300,
		...extra,
	});

	it('accepts a valid HS256 JWT in the Authorization header; mapped claims win over unsigned attributes, secret claims are dropped', async () => {
		await serve({ options: { jwtClaimMapping: 'name, plan', jwtRedactedClaims: 'api_token' } });
		const jwt = signJwt(claims({ name: 'Ana', api_token: 'tok-123', plan: 'pro' }));
		const reply = await post(
			host.url,
			{ message: { text: 'refund?' }, user: { name: 'Mallory', locale: 'fr' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(reply.status).toBe(200);
		expect(reply.json).toMatchObject({
			answer: 'Hello Ana: refund?',
			verified: true,
			method: 'jwt',
		});
		const item = triggerItem();
		expect(item.user).toEqual({
			name: 'Ana',
			locale: 'fr',
			user_id: 'u-7',
			email: 'ana@example.com',
			plan: 'pro',
		});
		expect(item.identity).toEqual({
			verified: true,
			method: 'jwt',
			kind: 'user',
			signed: ['user.user_id', 'user.email', 'user.name', 'user.plan', 'identity.claims'],
			claims: expect.objectContaining({ user_id: 'u-7', plan: 'pro', exp: expect.any(Number) }),
			redactedClaims: ['api_token'],
		});
		expect(JSON.stringify(host.runs)).not.toContain('tok-123');
		expect(reply.text).not.toContain(jwt);
	});

	it('leaves unmapped claims in identity.claims only', async () => {
		await serve();
		const jwt = signJwt(claims({ name: 'Ana', plan: 'pro' }));
		const reply = await post(
			host.url,
			{ message: { text: 'refund?' }, user: { name: 'Mallory' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(reply.status).toBe(200);
		const item = triggerItem();
		expect(item.user).toEqual({ name: 'Mallory', user_id: 'u-7', email: 'ana@example.com' });
		expect(item.identity.claims).toMatchObject({ name: 'Ana', plan: 'pro' });
		expect(item.identity.signed).toEqual(['user.user_id', 'user.email', 'identity.claims']);
	});

	it('accepts the JWT as intercom_user_jwt in the body and never copies it into the item', async () => {
		await serve();
		const jwt = signJwt(claims());
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: {},
			intercom_user_jwt: jwt,
		});
		expect(reply.status).toBe(200);
		expect(JSON.stringify(triggerItem())).not.toContain(jwt);
	});

	it('uses sub as user_id when there is no user_id claim', async () => {
		await serve();
		const reply = await post(
			host.url,
			{ message: { text: 'hi' } },
			{ authorization: `Bearer ${signJwt({ sub: 's-1', exp: nowSeconds() + 60 })}` },
		);
		expect(reply.status).toBe(200);
		expect(triggerItem().user.user_id).toBe('s-1');
	});

	it.each([
		// Beyond the default 30 s clock leeway.
		['expired', signJwt({ user_id: 'u-7', exp: nowSeconds() - 31 }), 'jwt_expired'],
		[
			'not yet valid',
			signJwt({ user_id: 'u-7', nbf: nowSeconds() + 600, exp: nowSeconds() + 900 }),
			'jwt_not_yet_valid',
		],
		['without exp (valid forever)', signJwt({ user_id: 'u-7' }), 'jwt_exp_missing'],
		['alg none', signJwt({ user_id: 'u-7' }, { alg: 'none' }), 'jwt_malformed'],
		[
			'alg none with a signature',
			signJwt({ user_id: 'u-7' }, { alg: 'none', hash: 'sha256' }).replace(/\.$/, '.c2ln'),
			'jwt_algorithm',
		],
		['wrong key', signJwt({ user_id: 'u-7' }, { secret: 'other-secret' }), 'jwt_signature'],
		['HS512', signJwt({ user_id: 'u-7' }, { alg: 'HS512', hash: 'sha512' }), 'jwt_algorithm'],
		['HS384', signJwt({ user_id: 'u-7' }, { alg: 'HS384', hash: 'sha384' }), 'jwt_algorithm'],
		[
			'RS256 header on an HMAC signature',
			signJwt({ user_id: 'u-7' }, { alg: 'RS256' }),
			'jwt_algorithm',
		],
		['lower-case hs256', signJwt({ user_id: 'u-7' }, { alg: 'hs256' }), 'jwt_algorithm'],
		[
			'payload changed after signing',
			(() => {
				const [h, , s] = signJwt({ user_id: 'u-7' }).split('.');
				return `${h}.${Buffer.from(JSON.stringify({ user_id: 'admin' })).toString('base64url')}.${s}`;
			})(),
			'jwt_signature',
		],
		['no user claim', signJwt({ plan: 'pro', exp: nowSeconds() + 60 }), 'jwt_without_user'],
		['not a JWT', 'abc.def', 'jwt_malformed'],
	])('refuses a JWT: %s', async (_name, jwt, code) => {
		await serve();
		const reply = await post(
			host.url,
			{ message: { text: 'hi' } },
			{ authorization: `Bearer ${jwt}` },
		);
		await expectRefused(reply, 401, code, [jwt]);
	});

	it("'alg: none' is refused even when the token is otherwise well formed", async () => {
		await serve();
		const jwt = signJwt(claims(), { alg: 'none' });
		expect(jwt.endsWith('.')).toBe(true);
		const reply = await post(host.url, { message: { text: 'hi' }, intercom_user_jwt: jwt });
		expect(reply.status).toBe(401);
		expect(host.executionsStarted).toBe(0);
	});

	it('a bad JWT is refused even when a valid user_hash comes with it', async () => {
		await serve();
		const reply = await post(
			host.url,
			{ message: { text: 'hi' }, user: hashed({ user_id: 'u-7' }) },
			{ authorization: `Bearer ${signJwt(claims(), { secret: 'wrong' })}` },
		);
		await expectRefused(reply, 401, 'jwt_signature');
	});

	it('user_id and email are protected with a JWT: a different unsigned value is 403, the same value passes', async () => {
		await serve();
		const jwt = signJwt(claims());
		const other = await post(
			host.url,
			{ message: { text: 'hi' }, user: { user_id: 'someone-else' } },
			{ authorization: `Bearer ${jwt}` },
		);
		await expectRefused(other, 403, 'protected_attribute', ['someone-else']);
		const otherEmail = await post(
			host.url,
			{ message: { text: 'hi' }, user: { email: 'x@evil.test' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(otherEmail.status).toBe(403);
		const same = await post(
			host.url,
			{ message: { text: 'hi' }, user: { user_id: 'u-7', email: 'ana@example.com' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(same.status).toBe(200);
		expect(host.executionsStarted).toBe(1);
	});
});

describe('protected attributes', () => {
	it('refuses an unsigned body that sets one (403), with user_hash, and starts no execution', async () => {
		await serve({ protectedAttributes: 'plan, company.tier' });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1', plan: 'enterprise' }),
		});
		await expectRefused(reply, 403, 'protected_attribute', ['enterprise']);
		const company = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1' }),
			company: { tier: 'gold' },
		});
		await expectRefused(company, 403, 'protected_attribute', ['gold']);
	});

	it('takes a protected attribute from a mapped JWT claim, and refuses a different unsigned copy', async () => {
		await serve({ protectedAttributes: 'plan', options: { jwtClaimMapping: 'plan' } });
		const jwt = signJwt({ user_id: 'u-1', plan: 'pro', exp: nowSeconds() + 60 });
		const ok = await post(
			host.url,
			{ message: { text: 'hi' }, user: { name: 'Ana' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(ok.status).toBe(200);
		expect(ok.json.plan).toBe('pro');
		const tampered = await post(
			host.url,
			{ message: { text: 'hi' }, user: { plan: 'enterprise' } },
			{ authorization: `Bearer ${jwt}` },
		);
		expect(tampered.status).toBe(403);
		expect(host.executionsStarted).toBe(1);
	});

	it('a protected attribute sent as null is absent: accepted, and an Audience Filter rule reads it as not set', async () => {
		const workflow = finWorkflow({ protectedAttributes: 'plan' }, { personalize: false });
		workflow.nodes.push({
			id: 'a',
			name: 'Audience Filter',
			type: 'n8n-nodes-fin-actions.audienceFilter',
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				ruleGroups: {
					group: [{ rules: { rule: [{ attribute: 'user.plan', operator: 'isNotSet' }] } }],
				},
			},
		});
		workflow.connections = {
			'Fin Trigger': { main: [[{ node: 'Audience Filter', type: 'main' as never, index: 0 }]] },
		};
		await serve({}, { workflow });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1', plan: null }),
		});
		expect(reply.status).toBe(200);
		await waitForRuns(host, 1);
		const [matched, notMatched] = host.runs[0].outputs['Audience Filter'];
		expect(matched).toHaveLength(1);
		expect(notMatched).toHaveLength(0);
	});

	it('attributes not on the list may come from the unsigned body', async () => {
		await serve({ protectedAttributes: 'plan' });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1', locale: 'de' }),
		});
		expect(reply.status).toBe(200);
	});
});

describe('malformed and oversized bodies', () => {
	it('bad JSON sent as application/json is refused by n8n itself (422) before the node', async () => {
		await serve();
		const reply = await post(host.url, '{"message": {"text": "secret-words"');
		expect(reply.status).toBe(422);
		expect(reply.text).not.toContain('secret-words');
		expect(host.executionsStarted).toBe(0);
	});

	it('a body that is not sent as JSON (text/plain) answers 415 before it is read', async () => {
		await serve();
		const reply = await post(host.url, '{"message": {"text": "secret-words"', {
			'content-type': 'text/plain',
		});
		await expectRefused(reply, 415, 'unsupported_media_type', ['secret-words']);
	});

	it.each([
		['no message', { user: { user_id: 'u-1' } }, 'message'],
		['no text', { message: { id: 'x' }, user: {} }, 'message.text'],
		['empty text', { message: { text: '   ' } }, 'message.text'],
		['user is a list', { message: { text: 'hi' }, user: ['u-1'] }, 'user'],
	])('a body of the wrong shape (%s) answers 400 naming the field', async (_name, body, field) => {
		await serve();
		const reply = await post(host.url, body);
		await expectRefused(reply, 400, 'invalid_body');
		expect(reply.json.error.message).toContain(`${field}:`);
	});

	it('a JSON array or an over-deep body answers 400', async () => {
		await serve();
		await expectRefused(await post(host.url, '[1,2]'), 400, 'invalid_body');
		const deep = `{"message":{"text":"hi"},"user":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`;
		await expectRefused(await post(host.url, deep), 400, 'body_too_deep');
	});

	it('invalid UTF-8 answers 400', async () => {
		await serve();
		const bytes = Buffer.concat([
			Buffer.from('{"message":{"text":"'),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('"}}'),
		]);
		await expectRefused(await post(host.url, bytes), 400, 'invalid_encoding');
	});

	it('a body over the node limit answers 413 and starts no execution', async () => {
		await serve({ options: { maxBodySize: 1 } });
		const reply = await post(host.url, {
			message: { text: 'x'.repeat(2000) },
			user: hashed({ user_id: 'u-1' }),
		});
		await expectRefused(reply, 413, 'body_too_large');
		expect(reply.json.error.message).toContain('1 KB');
	});

	it("a body over n8n's own payload limit answers 413 before the node", async () => {
		await serve({}, { payloadSizeMaxMb: 0.01 });
		const reply = await post(host.url, { message: { text: 'x'.repeat(20000) } });
		expect(reply.status).toBe(413);
		expect(host.executionsStarted).toBe(0);
	});
});

describe('hostile and international attributes', () => {
	it('keeps unicode attributes and text intact (user_hash over a unicode user_id)', async () => {
		await serve();
		const user = { user_id: 'ユーザー-1', name: 'Zoë Ñandú 🚀', city: 'Zürich', note: 'שלום' };
		const reply = await post(host.url, {
			message: { text: 'Grüße, 日本語 ✓' },
			user: hashed(user),
		});
		expect(reply.status).toBe(200);
		expect(reply.json.answer).toBe('Hello Zoë Ñandú 🚀: Grüße, 日本語 ✓');
		expect(triggerItem().user).toEqual(user);
	});

	it('drops __proto__, constructor and prototype keys everywhere and pollutes no prototype', async () => {
		await serve();
		const raw = `{"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
			"message":{"text":"hi","__proto__":{"polluted":"msg"}},
			"user":{"user_id":"u-1","user_hash":"${userHash('u-1')}","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},
				"prefs":{"__proto__":{"polluted":"deep"},"prototype":{"x":1},"ok":1}},
			"company":{"__proto__":{"plan":"enterprise"}}}`;
		const reply = await post(host.url, raw);
		expect(reply.status).toBe(200);
		const item = triggerItem();
		expect(item.user).toEqual({ user_id: 'u-1', prefs: { ok: 1 } });
		expect(Object.keys(item.user)).toEqual(['user_id', 'prefs']);
		expect(item.user.isAdmin).toBeUndefined();
		expect(item.company).toEqual({});
		expect(item.company.plan).toBeUndefined();
		expect(({} as any).polluted).toBeUndefined();
		expect(({} as any).isAdmin).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	});

	it('a __proto__ key cannot smuggle a protected attribute past the check', async () => {
		await serve({ protectedAttributes: 'plan' });
		const raw = `{"message":{"text":"hi"},"user":{"user_id":"u-1","user_hash":"${userHash('u-1')}","__proto__":{"plan":"enterprise"}}}`;
		const reply = await post(host.url, raw);
		expect(reply.status).toBe(200);
		expect(reply.json.plan).toBeNull();
	});
});

describe('verification switch, test values and response modes', () => {
	it('with verification off, a test run accepts unsigned messages and every item says verified: false', async () => {
		await serve({ requireIdentityVerification: false }, { mode: 'manual' });
		const forged = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1', user_hash: 'f'.repeat(64) },
		});
		expect(forged.status).toBe(200);
		expect(triggerItem().identity).toEqual({
			verified: false,
			method: 'none',
			kind: 'visitor',
			signed: [],
		});
		const validJwt = await post(
			host.url,
			{ message: { text: 'hi' } },
			{ authorization: `Bearer ${signJwt({ user_id: 'u-2' })}` },
		);
		expect(validJwt.status).toBe(200);
		expect(triggerItem().identity).toEqual({
			verified: false,
			method: 'none',
			kind: 'visitor',
			signed: [],
		});
		expect(host.executionsStarted).toBe(2);
	});

	it('with verification off, protected attributes still cannot come from the unsigned body', async () => {
		await serve(
			{ requireIdentityVerification: false, protectedAttributes: 'plan' },
			{ mode: 'manual' },
		);
		await expectRefused(
			await post(host.url, { message: { text: 'hi' }, user: { plan: 'pro' } }),
			403,
			'protected_attribute',
		);
	});

	it('verification can be switched off for test runs only: the production URL refuses every call', async () => {
		await serve({ requireIdentityVerification: false }, { mode: 'webhook' });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1' }),
		});
		await expectRefused(reply, 403, 'verification_required');
	});

	it('an empty call on the test URL emits the Test Values, unverified', async () => {
		await serve(
			{
				testValues: {
					messageText: 'Can I upgrade?',
					userId: 'test-42',
					attributes: '{"name":"Tess","plan":"free","company":{"name":"TestCo"}}',
				},
			},
			{ mode: 'manual' },
		);
		const reply = await post(host.url, '');
		expect(reply.status).toBe(200);
		// The caller gets an acknowledgement only (test-address.test.ts); the run has the data.
		expect(reply.json).toMatchObject({ status: 'test run started' });
		await waitForRuns(host);
		expect(host.runs.at(-1)!.outputs.Personalize[0][0].json).toEqual({
			answer: 'Hello Tess: Can I upgrade?',
			plan: 'free',
			verified: false,
			method: 'none',
		});
		const item = triggerItem();
		expect(item).toMatchObject({
			message: { text: 'Can I upgrade?' },
			user: { user_id: 'test-42', email: 'test.user@example.com', name: 'Tess', plan: 'free' },
			company: { name: 'TestCo' },
			identity: { verified: false, method: 'none' },
			source: 'test',
		});
		expect((await post(host.url, {})).status).toBe(200);
	});

	it('the Test Values have defaults, and an empty call on the production URL is a 400', async () => {
		await serve({}, { mode: 'manual' });
		expect((await post(host.url, '')).status).toBe(200);
		await waitForRuns(host);
		expect(triggerItem().message.text).toBe('Hello, where is my order?');
		await host.close();
		await serve({}, { mode: 'webhook' });
		await expectRefused(await post(host.url, ''), 400, 'empty_body');
	});

	it('responds at once with 202 when configured, and still runs the workflow', async () => {
		await serve({ responseMode: 'onReceived' });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1' }),
		});
		expect(reply.status).toBe(202);
		expect(reply.json).toEqual({ status: 'accepted' });
		expect(host.executionsStarted).toBe(1);
		await host.idle();
		expect(host.runs[0].outputs.Personalize[0][0].json).toMatchObject({ verified: true });
	});

	it('a refused call in 202 mode still answers 401 and starts nothing', async () => {
		await serve({ responseMode: 'onReceived' });
		await expectRefused(
			await post(host.url, { message: { text: 'hi' }, user: { user_id: 'u-1', user_hash: 'bad' } }),
			401,
			'user_hash_invalid',
		);
	});

	it('without the raw body the Messenger source still works from the parsed body', async () => {
		await serve({}, { rawBody: false });
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: hashed({ user_id: 'u-1' }),
		});
		expect(reply.status).toBe(200);
	});

	it('a credential without the secret answers 500 secret_missing rather than accepting', async () => {
		// Another credential than the other tests' (n8n gives each its own id): secrets are kept by id.
		const workflow = finWorkflow();
		workflow.nodes[0].credentials = { finMessengerApi: { id: 'm-empty', name: 'Empty' } };
		await serve(
			{},
			{
				workflow,
				credentials: {
					finMessengerApi: { identityVerificationSecret: '', intercomClientSecret: '' },
				},
			},
		);
		const reply = await post(host.url, {
			message: { text: 'hi' },
			user: { user_id: 'u-1', user_hash: userHash('u-1', '') },
		});
		await expectRefused(reply, 500, 'secret_missing', [IDENTITY_SECRET]);
	});
});
