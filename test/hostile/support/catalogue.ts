// Issue 17.1: the hostile catalogue, one row per request, each with the status Fin Trigger (or n8n
// in front of it) must answer, whether it may start an execution, and what the API must receive.
// Expected statuses follow docs/limits.md and nodes/FinTrigger/rejection.ts:
// 400 bad body, 401 no valid proof, 403 unsigned protected attribute, 413 too large, 415 not JSON;
// n8n itself answers 404 for a method the webhook is not registered for. A case the trigger accepts
// but the API Action refuses (a value that cannot be sent safely) runs and fails: 500, no API call.
import { createHmac } from 'node:crypto';

import { hubSignature, nowSeconds, signJwt } from '../../fixtures/fin-trigger';
import { intercomNotification } from '../../fixtures/intercom-notification';
import { secrets } from '../../../real-n8n/apis';
import { customer } from '../../../real-n8n/fixtures';

/** The activated workflows the catalogue runs against (see n8n.hostile.ts). */
export type Target =
	/** electricity-usage.json, user_hash or JWT, `{{user.user_id}}` in the path and a query value. */
	| 'usage'
	/** electricity-usage.json with `{{user.user_id}}` also in a header. */
	| 'usageHeader'
	/** shopify-order-status.json, `{{user.email}}` in the query, `email` protected. */
	| 'shopify'
	/** shopify-order-status.json with Source "Intercom webhook" (X-Hub-Signature). */
	| 'intercom'
	/** statuspage-incidents.json: not customer-specific. */
	| 'status';

export interface HostileRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer | FormData;
}

export interface HostileCase {
	id: string;
	target: Target;
	what: string;
	request: HostileRequest;
	expect: {
		status: number;
		/** 'none': no execution may start; else the execution's status. */
		run: 'none' | 'success' | 'error';
		/** The signed value the API must receive (encoded for where it stands); undefined: no API call. */
		api?: string;
	};
}

const S = secrets.identityVerification;
const hash = (identifier: string, secret = S) =>
	createHmac('sha256', secret).update(identifier, 'utf8').digest('hex');
const jwt = (
	claims: Record<string, unknown>,
	options: { alg?: string; hash?: string; secret?: string } = {},
) => signJwt(claims as Record<string, string | number>, { secret: S, ...options });
const fresh = () => ({ iat: nowSeconds(), exp: nowSeconds() + 600 });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const JSON_TYPE = { 'content-type': 'application/json' };
const text = (id: string) => `[case:${id}] where is my data?`;

/** The case id a stored execution belongs to (its message text carries it). */
export const caseIdIn = (stored: string): string | undefined =>
	/\[case:([\w.-]+)\]/.exec(stored)?.[1];

function messenger(
	id: string,
	fields: Record<string, unknown>,
	headers: Record<string, string> = {},
) {
	return {
		headers: { ...JSON_TYPE, ...headers },
		body: JSON.stringify({ message: { text: text(id) }, ...fields }),
	};
}

const usageUser = (userId: unknown) => ({ user_id: userId, meter_type: 'smart' });

/** A signed Intercom notification about a contact of `role` (a fresh delivery id each time). */
function notification(id: string, role = 'user', overrides: Record<string, unknown> = {}) {
	return {
		...intercomNotification({
			role,
			email: customer.email,
			conversation: '7001',
			body: `<p>${text(id)}</p>`,
			contact: { external_id: customer.user_id },
		}),
		...overrides,
	};
}

function signed(raw: string, signature = hubSignature(raw, secrets.intercomClient)) {
	return { headers: { ...JSON_TYPE, 'x-hub-signature': signature }, body: raw };
}

const ok = (api: string) => ({ status: 200, run: 'success' as const, api });
const refused = (status: number) => ({ status, run: 'none' as const });
/** Accepted by the trigger, refused by the API Action before any request: the run fails, no API call. */
const actionRefuses = { status: 500, run: 'error' as const };
const STATUS_API = 'GET /api/v2/incidents/unresolved.json';
/** n8n parses JSON and XML bodies before any node runs: one it cannot parse is its own 422. */
const N8N_UNPARSABLE = refused(422);

export function buildCatalogue(): HostileCase[] {
	const cases: HostileCase[] = [];
	const add = (
		target: Target,
		id: string,
		what: string,
		request: HostileRequest,
		expect: HostileCase['expect'],
	) => cases.push({ id, target, what, request, expect });
	const id4711 = customer.user_id;

	// --- user_hash (electricity usage: the hashed user_id chooses whose usage is read) ----------------
	const usageHash = (
		id: string,
		what: string,
		userHash: unknown,
		expect: HostileCase['expect'],
		user: unknown = usageUser(id4711),
	) => add('usage', id, what, messenger(id, { user, user_hash: userHash }), expect);
	usageHash('hash-valid', 'valid user_hash', hash(id4711), ok(id4711));
	usageHash(
		'hash-forged',
		'user_hash made with another secret',
		hash(id4711, 'not-the-secret'),
		refused(401),
	);
	usageHash(
		'hash-truncated-63',
		'user_hash missing its last hex digit',
		hash(id4711).slice(0, 63),
		refused(401),
	);
	usageHash('hash-truncated-32', 'user_hash cut to half', hash(id4711).slice(0, 32), refused(401));
	usageHash('hash-empty', 'empty user_hash', '', refused(401));
	usageHash(
		'hash-upper',
		'upper-cased user_hash (hex is case-insensitive)',
		hash(id4711).toUpperCase(),
		ok(id4711),
	);
	usageHash('hash-other-user', "another user's valid user_hash", hash('cust-0815'), refused(401));
	usageHash(
		'hash-of-email',
		'user_hash of the email while a user_id is sent',
		hash(customer.email),
		refused(401),
		{ ...usageUser(id4711), email: customer.email },
	);
	usageHash(
		'hash-intercom-secret',
		'user_hash keyed with the Intercom client secret',
		hash(id4711, secrets.intercomClient),
		refused(401),
	);
	usageHash(
		'hash-prefixed',
		'user_hash with a sha256= prefix',
		`sha256=${hash(id4711)}`,
		refused(401),
	);
	usageHash('hash-number', 'user_hash as a number', 12345, refused(400));
	usageHash('hash-array', 'user_hash as a list', [hash(id4711)], refused(400));
	usageHash('hash-object', 'user_hash as an object', { value: hash(id4711) }, refused(400));
	usageHash('hash-too-long', 'user_hash of 300 characters', 'a'.repeat(300), refused(400));
	usageHash('hash-no-user', 'user_hash without any user', hash(id4711), refused(401), {});
	usageHash(
		'hash-numeric-id',
		'numeric user_id, hash of its text',
		hash('4711'),
		ok('4711'),
		usageUser(4711),
	);
	usageHash(
		'hash-id-trailing-space',
		'user_id with a trailing space, hash of the id without it',
		hash(id4711),
		refused(401),
		usageUser(`${id4711} `),
	);
	usageHash(
		'hash-empty-id-email',
		'empty user_id (not an identifier) next to a hashed email',
		hash(customer.email),
		refused(400),
		{ user_id: '', email: customer.email, meter_type: 'smart' },
	);
	add(
		'usage',
		'hash-in-user',
		'user_hash inside the user object',
		messenger('hash-in-user', { user: { ...usageUser(id4711), user_hash: hash(id4711) } }),
		ok(id4711),
	);
	add(
		'usage',
		'no-proof',
		'no user_hash and no JWT',
		messenger('no-proof', { user: usageUser(id4711) }),
		refused(401),
	);
	add(
		'usage',
		'unsigned-outside-audience',
		'signed user, unsigned meter_type outside the audience: Not matched, no API call',
		messenger('unsigned-outside-audience', {
			user: { user_id: id4711, meter_type: 'analog' },
			user_hash: hash(id4711),
		}),
		{ status: 200, run: 'success' },
	);
	add(
		'usage',
		'basic-auth-only',
		'an Authorization: Basic header is no proof',
		messenger(
			'basic-auth-only',
			{ user: usageUser(id4711) },
			{ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
		),
		refused(401),
	);

	// --- protected and unsigned attributes (Shopify: orders read by email, `email` protected) -------------
	const email = customer.email;
	add(
		'shopify',
		'shop-hash-email',
		'user_hash of the email',
		messenger('shop-hash-email', { user: { email }, user_hash: hash(email) }),
		ok(email),
	);
	add(
		'shopify',
		'shop-unsigned-email',
		'user_hash of the user_id next to an unsigned (protected) email',
		messenger('shop-unsigned-email', {
			user: { user_id: 'cust-attacker', email },
			user_hash: hash('cust-attacker'),
		}),
		refused(403),
	);
	add(
		'shopify',
		'shop-email-case',
		'upper-cased email with the hash of the lower-case one',
		messenger('shop-email-case', { user: { email: email.toUpperCase() }, user_hash: hash(email) }),
		refused(401),
	);
	add(
		'shopify',
		'shop-unprotected-extra',
		'signed email plus an unsigned, unprotected plan',
		messenger('shop-unprotected-extra', {
			user: { email, plan: 'enterprise' },
			user_hash: hash(email),
		}),
		ok(email),
	);
	add(
		'shopify',
		'shop-jwt-sub-body-email',
		'JWT with only sub, email in the body (protected)',
		messenger(
			'shop-jwt-sub-body-email',
			{ user: { email } },
			{ authorization: `Bearer ${jwt({ sub: 'cust-1', ...fresh() })}` },
		),
		refused(403),
	);
	add(
		'shopify',
		'shop-jwt-email-differs',
		'JWT email A, body email B',
		messenger(
			'shop-jwt-email-differs',
			{ user: { email: 'eve@example.com' } },
			{ authorization: `Bearer ${jwt({ user_id: id4711, email, ...fresh() })}` },
		),
		refused(403),
	);
	add(
		'shopify',
		'shop-company-unsigned',
		'signed email, unsigned company attributes',
		messenger('shop-company-unsigned', {
			user: { email },
			company: { plan: 'pro', id: 'c-1' },
			user_hash: hash(email),
		}),
		ok(email),
	);
	add(
		'status',
		'status-unsigned-extra',
		'signed user plus any unsigned attributes (not customer-specific)',
		messenger('status-unsigned-extra', {
			user: { user_id: id4711, email: 'anyone@example.com', plan: 'x' },
			user_hash: hash(id4711),
		}),
		ok(STATUS_API),
	);

	// --- Messenger JWT (Shopify) ---------------------------------------------------------------------
	const claims = { user_id: id4711, email };
	const bearer = (id: string, what: string, token: string, expect: HostileCase['expect']) =>
		add('shopify', id, what, messenger(id, {}, { authorization: `Bearer ${token}` }), expect);
	bearer('jwt-valid', 'valid HS256 JWT', jwt({ ...claims, ...fresh() }), ok(email));
	bearer(
		'jwt-alg-none',
		'alg none, no signature',
		jwt({ ...claims, ...fresh() }, { alg: 'none' }),
		refused(401),
	);
	bearer(
		'jwt-alg-none-upper',
		'alg NONE with an HS256 signature',
		`${b64({ alg: 'NONE', typ: 'JWT' })}.${b64({ ...claims, ...fresh() })}.abc`,
		refused(401),
	);
	bearer(
		'jwt-hs512',
		'HS512 with the right secret',
		jwt({ ...claims, ...fresh() }, { alg: 'HS512', hash: 'sha512' }),
		refused(401),
	);
	bearer(
		'jwt-hs384',
		'HS384 with the right secret',
		jwt({ ...claims, ...fresh() }, { alg: 'HS384', hash: 'sha384' }),
		refused(401),
	);
	bearer(
		'jwt-rs256',
		'RS256 header (key confusion)',
		jwt({ ...claims, ...fresh() }, { alg: 'RS256' }),
		refused(401),
	);
	bearer(
		'jwt-alg-lower',
		'alg hs256 in lower case',
		jwt({ ...claims, ...fresh() }, { alg: 'hs256' }),
		refused(401),
	);
	bearer(
		'jwt-expired',
		'expired an hour ago',
		jwt({ ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }),
		refused(401),
	);
	bearer(
		'jwt-expired-leeway',
		'expired 5 s ago (within the 30 s leeway)',
		jwt({ ...claims, iat: nowSeconds() - 600, exp: nowSeconds() - 5 }),
		ok(email),
	);
	bearer(
		'jwt-nbf-future',
		'nbf an hour ahead',
		jwt({ ...claims, ...fresh(), nbf: nowSeconds() + 3600 }),
		refused(401),
	);
	bearer('jwt-no-exp', 'no exp claim', jwt({ ...claims, iat: nowSeconds() }), refused(401));
	bearer(
		'jwt-exp-string',
		'exp as text',
		jwt({ ...claims, exp: String(nowSeconds() + 600) }),
		refused(401),
	);
	const good = jwt({ ...claims, ...fresh() });
	const [head, payload, signature] = good.split('.');
	bearer(
		'jwt-tampered-payload',
		"payload swapped for another customer's, signature kept",
		`${head}.${b64({ user_id: 'cust-0815', email: 'grace@example.com', ...fresh() })}.${signature}`,
		refused(401),
	);
	bearer(
		'jwt-tampered-signature',
		'one signature character changed',
		`${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`,
		refused(401),
	);
	bearer('jwt-no-signature', 'signature part removed', `${head}.${payload}.`, refused(401));
	bearer('jwt-two-parts', 'two parts', `${head}.${payload}`, refused(401));
	bearer('jwt-four-parts', 'four parts', `${good}.extra`, refused(401));
	bearer('jwt-garbage', 'not base64url at all', 'not.a!jwt.$$$', refused(401));
	bearer(
		'jwt-header-not-json',
		'header is not JSON',
		`${Buffer.from('{alg:HS256').toString('base64url')}.${payload}.${signature}`,
		refused(401),
	);
	bearer(
		'jwt-wrong-secret',
		'signed with another secret',
		jwt({ ...claims, ...fresh() }, { secret: 'not-the-secret' }),
		refused(401),
	);
	bearer(
		'jwt-intercom-secret',
		'signed with the Intercom client secret',
		jwt({ ...claims, ...fresh() }, { secret: secrets.intercomClient }),
		refused(401),
	);
	bearer(
		'jwt-crit',
		'crit header',
		`${b64({ alg: 'HS256', typ: 'JWT', crit: ['exp'] })}.${payload}.${createHmac('sha256', S)
			.update(`${b64({ alg: 'HS256', typ: 'JWT', crit: ['exp'] })}.${payload}`)
			.digest('base64url')}`,
		refused(401),
	);
	bearer('jwt-no-user', 'valid JWT naming no user', jwt({ plan: 'pro', ...fresh() }), refused(401));
	add(
		'shopify',
		'jwt-in-body',
		'valid JWT as intercom_user_jwt in the body',
		messenger('jwt-in-body', { intercom_user_jwt: jwt({ ...claims, ...fresh() }) }),
		ok(email),
	);
	add(
		'shopify',
		'jwt-bearer-lower',
		'authorization: bearer <valid JWT>',
		messenger(
			'jwt-bearer-lower',
			{},
			{ authorization: `bearer ${jwt({ ...claims, ...fresh() })}` },
		),
		ok(email),
	);
	add(
		'shopify',
		'jwt-bad-with-hash',
		'a bad JWT next to a valid user_hash (the JWT counts)',
		messenger(
			'jwt-bad-with-hash',
			{ user: { email }, user_hash: hash(email) },
			{ authorization: `Bearer ${jwt({ ...claims, ...fresh() }, { secret: 'x' })}` },
		),
		refused(401),
	);
	bearer(
		'jwt-typ-jws',
		'typ JWS',
		(() => {
			const h = b64({ alg: 'HS256', typ: 'JWS' });
			return `${h}.${payload}.${createHmac('sha256', S).update(`${h}.${payload}`).digest('base64url')}`;
		})(),
		refused(401),
	);

	// --- Intercom signed webhooks (Shopify with Source "Intercom webhook") -----------------------------
	const intercomValid = JSON.stringify(notification('intercom-valid'));
	add(
		'intercom',
		'intercom-valid',
		'valid X-Hub-Signature, verified user',
		signed(intercomValid),
		ok(email),
	);
	add('intercom', 'intercom-replay', 'the same signed notification again', signed(intercomValid), {
		status: 200,
		run: 'none',
	});
	const raw = () => JSON.stringify(notification('intercom-x'));
	add(
		'intercom',
		'intercom-missing',
		'no X-Hub-Signature',
		{ headers: JSON_TYPE, body: raw() },
		refused(401),
	);
	add(
		'intercom',
		'intercom-wrong',
		'a random signature',
		signed(raw(), `sha1=${'ab'.repeat(20)}`),
		refused(401),
	);
	const other = JSON.stringify(notification('intercom-other'));
	add(
		'intercom',
		'intercom-other-body',
		'the signature of another notification',
		signed(raw(), hubSignature(other, secrets.intercomClient)),
		refused(401),
	);
	const compact = notification('intercom-reserialized');
	add(
		'intercom',
		'intercom-reserialized',
		'signed compact JSON, sent re-serialized with spaces',
		signed(
			JSON.stringify(compact, null, 2),
			hubSignature(JSON.stringify(compact), secrets.intercomClient),
		),
		refused(401),
	);
	add(
		'intercom',
		'intercom-sha256',
		'sha256= signature',
		signed(
			raw(),
			`sha256=${createHmac('sha256', secrets.intercomClient).update(raw()).digest('hex')}`,
		),
		refused(401),
	);
	add(
		'intercom',
		'intercom-identity-secret',
		'signed with the identity-verification secret',
		(() => {
			const r = raw();
			return signed(r, hubSignature(r, S));
		})(),
		refused(401),
	);
	const upper = JSON.stringify(notification('intercom-upper-hex'));
	add(
		'intercom',
		'intercom-upper-hex',
		'valid signature in upper-case hex',
		signed(
			upper,
			`sha1=${createHmac('sha1', secrets.intercomClient).update(upper).digest('hex').toUpperCase()}`,
		),
		ok(email),
	);
	add(
		'intercom',
		'intercom-old',
		'a signed notification older than an hour',
		signed(
			JSON.stringify(notification('intercom-old', 'user', { created_at: nowSeconds() - 7200 })),
		),
		{ status: 200, run: 'none' },
	);
	add(
		'intercom',
		'intercom-lead',
		'a signed notification from a lead, whose email is protected and unsigned',
		signed(JSON.stringify(notification('intercom-lead', 'lead'))),
		refused(403),
	);
	add(
		'intercom',
		'intercom-no-id',
		'a signed notification without id',
		(() => {
			const { id: _id, ...rest } = notification('intercom-no-id');
			return signed(JSON.stringify(rest));
		})(),
		refused(400),
	);
	add(
		'intercom',
		'intercom-messenger-body',
		'a Messenger body with a valid user_hash on the Intercom webhook',
		messenger('intercom-messenger-body', { user: { email }, user_hash: hash(email) }),
		refused(401),
	);

	// --- values built for path, query and host injection (signed user_id, electricity usage) ----------
	const injections: Array<[string, string, HostileCase['expect'] | 'ok']> = [
		['inj-dotdot-slash', '../', 'ok'],
		['inj-dotdot-admin', '../../admin', 'ok'],
		['inj-dotdot', '..', actionRefuses],
		['inj-dot', '.', actionRefuses],
		['inj-pct-dotdot-slash', '%2e%2e/', 'ok'],
		['inj-pct-upper', '%2E%2E%2F', 'ok'],
		['inj-pct-dotdot', '%2e%2e', 'ok'],
		['inj-encoded-slash', '..%2F..%2Fadmin', 'ok'],
		['inj-backslash', '..\\..\\admin', 'ok'],
		['inj-question', 'cust?admin=1', 'ok'],
		['inj-hash', 'cust#frag', 'ok'],
		['inj-amp', 'cust&ref=evil', 'ok'],
		['inj-equals', 'ref=evil', 'ok'],
		['inj-slash', 'a/b', 'ok'],
		['inj-crlf', 'cust\r\nX-Evil: 1', 'ok'],
		['inj-at-host', '@127.0.0.2:9', 'ok'],
		['inj-host-port', 'evil.example:80/', 'ok'],
		['inj-scheme-relative', '//evil.example/x', 'ok'],
		['inj-absolute-url', 'http://evil.example/', 'ok'],
		['inj-unicode-dots', '\uff0e\uff0e\uff0f', 'ok'],
		['inj-unicode-two-dots', '\u2025', 'ok'],
		['inj-space-plus', 'a b+c', 'ok'],
		['inj-percent', '100%', 'ok'],
		['inj-nul', 'a\u0000b', 'ok'],
		['inj-emoji', 'cust-\ud83d\ude00', 'ok'],
		['inj-placeholder', '{{user.email}}', 'ok'],
		['inj-shell', '$(id);`id`', 'ok'],
		['inj-long', 'x'.repeat(255), 'ok'],
		['inj-lone-surrogate', 'a\ud800b', actionRefuses],
	];
	for (const [id, value, expect] of injections)
		usageHash(
			id,
			`user_id ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}... (${value.length})` : value)} in path and query`,
			hash(value),
			expect === 'ok' ? ok(value) : expect,
			usageUser(value),
		);
	usageHash(
		'inj-too-long',
		'user_id of 256 characters',
		hash('x'.repeat(256)),
		refused(400),
		usageUser('x'.repeat(256)),
	);

	// --- values built for header injection (electricity usage with X-Customer: {{user.user_id}}) ------
	const headerValues: Array<[string, string, HostileCase['expect'] | 'ok']> = [
		['hdr-crlf', 'cust\r\nX-Evil: 1', actionRefuses],
		['hdr-lf', 'cust\nHost: evil.example', actionRefuses],
		['hdr-cr', 'cust\rX', actionRefuses],
		['hdr-nul', 'cust\u0000', actionRefuses],
		['hdr-unicode', '\uff0e\uff0e', actionRefuses],
		['hdr-latin1', 'caf\u00e9', 'ok'],
		['hdr-tab', 'a\tb', 'ok'],
		['hdr-dotdot', '../', 'ok'],
		['hdr-long', 'y'.repeat(255), 'ok'],
		['hdr-colon', 'a: b', 'ok'],
	];
	for (const [id, value, expect] of headerValues)
		add(
			'usageHeader',
			id,
			`user_id ${JSON.stringify(value.length > 40 ? `${value.slice(0, 10)}... (${value.length})` : value)} in a header`,
			messenger(id, { user: usageUser(value), user_hash: hash(value) }),
			expect === 'ok' ? ok(value) : expect,
		);

	// --- prototype-pollution keys ---------------------------------------------------------------------
	const plain = (id: string, body: string) => ({ headers: JSON_TYPE, body });
	add(
		'usage',
		'proto-top-user',
		'__proto__ at the top level carrying a user',
		plain(
			'proto-top-user',
			`{"__proto__":{"user":{"user_id":"victim","meter_type":"smart"}},"message":{"text":"${text('proto-top-user')}"},"user_hash":"${hash('victim')}"}`,
		),
		refused(401),
	);
	add(
		'usage',
		'proto-user-id',
		'user_id smuggled under user.__proto__',
		plain(
			'proto-user-id',
			`{"message":{"text":"${text('proto-user-id')}"},"user":{"__proto__":{"user_id":"victim"},"meter_type":"smart"},"user_hash":"${hash('victim')}"}`,
		),
		refused(401),
	);
	add(
		'usage',
		'proto-constructor',
		'user.constructor.prototype next to a signed user_id',
		plain(
			'proto-constructor',
			`{"message":{"text":"${text('proto-constructor')}"},"user":{"user_id":"${id4711}","meter_type":"smart","constructor":{"prototype":{"admin":true}}},"user_hash":"${hash(id4711)}"}`,
		),
		ok(id4711),
	);
	add(
		'usage',
		'proto-extra',
		'user.__proto__ next to a signed user_id',
		plain(
			'proto-extra',
			`{"message":{"text":"${text('proto-extra')}"},"user":{"user_id":"${id4711}","meter_type":"smart","__proto__":{"isAdmin":true}},"user_hash":"${hash(id4711)}"}`,
		),
		ok(id4711),
	);
	add(
		'usage',
		'proto-company',
		'company.__proto__ and message.__proto__',
		plain(
			'proto-company',
			`{"message":{"text":"${text('proto-company')}","__proto__":{"x":1}},"company":{"__proto__":{"plan":"x"},"prototype":{}},"user":{"user_id":"${id4711}","meter_type":"smart"},"user_hash":"${hash(id4711)}"}`,
		),
		ok(id4711),
	);
	usageHash(
		'proto-id-value',
		'user_id "__proto__" (a value, not a key)',
		hash('__proto__'),
		ok('__proto__'),
		usageUser('__proto__'),
	);
	usageHash(
		'proto-id-constructor',
		'user_id "constructor"',
		hash('constructor'),
		ok('constructor'),
		usageUser('constructor'),
	);
	add(
		'usage',
		'proto-meter-type',
		'meter_type under __proto__ only: not an own attribute, Not matched',
		plain(
			'proto-meter-type',
			`{"message":{"text":"${text('proto-meter-type')}"},"user":{"user_id":"${id4711}","__proto__":{"meter_type":"smart"}},"user_hash":"${hash(id4711)}"}`,
		),
		{ status: 200, run: 'success' },
	);

	// --- malformed, deep and oversized bodies (Statuspage) -----------------------------------------------
	const statusUser = { user: { user_id: id4711 }, user_hash: hash(id4711) };
	const body = (
		id: string,
		what: string,
		value: string | Buffer,
		expect: HostileCase['expect'],
		headers = JSON_TYPE,
	) => add('status', id, what, { headers, body: value }, expect);
	body('body-valid', 'a valid message', messenger('body-valid', statusUser).body, ok(STATUS_API));
	body(
		'body-truncated',
		'JSON cut short',
		messenger('body-truncated', statusUser).body.slice(0, 30),
		N8N_UNPARSABLE,
	);
	body(
		'body-trailing',
		'JSON followed by garbage',
		`${messenger('body-trailing', statusUser).body}xyz`,
		N8N_UNPARSABLE,
	);
	body('body-empty', 'an empty body', '', refused(400));
	body('body-null', 'null', 'null', refused(400));
	body('body-array', 'a list', '[1,2]', refused(400));
	body('body-string', 'a JSON string', '"hello"', refused(400));
	body('body-object-empty', '{}', '{}', refused(400));
	body('body-no-message', 'no message', JSON.stringify(statusUser), refused(400));
	body(
		'body-empty-text',
		'empty message text',
		JSON.stringify({ message: { text: '   ' }, ...statusUser }),
		refused(400),
	);
	body(
		'body-text-number',
		'message text a number',
		JSON.stringify({ message: { text: 42 }, ...statusUser }),
		refused(400),
	);
	body(
		'body-text-long',
		'message text of 20,001 characters',
		JSON.stringify({
			message: { text: `[case:body-text-long]${'x'.repeat(20001)}` },
			...statusUser,
		}),
		refused(400),
	);
	body(
		'body-deep-40',
		'company nested 40 levels',
		messenger('body-deep-40', {
			...statusUser,
			company: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
		}).body,
		refused(400),
	);
	body(
		'body-deep-5000',
		'company nested 5,000 levels',
		`{"message":{"text":"${text('body-deep-5000')}"},"user":{"user_id":"${id4711}"},"user_hash":"${hash(id4711)}","company":${'['.repeat(5000)}${']'.repeat(5000)}}`,
		refused(400),
	);
	body(
		'body-300kb',
		'a 300 KB body (limit 256 KB)',
		messenger('body-300kb', { ...statusUser, company: { blob: 'z'.repeat(300 * 1024) } }).body,
		refused(413),
	);
	body(
		'body-5mb',
		'a 5 MB body',
		messenger('body-5mb', { ...statusUser, company: { blob: 'z'.repeat(5 * 1024 * 1024) } }).body,
		refused(413),
	);
	body(
		'body-invalid-utf8',
		'bytes that are not UTF-8',
		Buffer.concat([
			Buffer.from(messenger('body-invalid-utf8', statusUser).body.slice(0, -2)),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('"}'),
		]),
		refused(400),
	);
	body(
		'body-duplicate-keys',
		'duplicate "user" keys: the last one, which the hash signs, wins',
		`{"message":{"text":"${text('body-duplicate-keys')}"},"user":{"user_id":"cust-0815"},"user":{"user_id":"${id4711}"},"user_hash":"${hash(id4711)}"}`,
		ok(STATUS_API),
	);
	body(
		'body-many-keys',
		'5,000 unsigned user attributes',
		messenger('body-many-keys', {
			user: {
				user_id: id4711,
				...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])),
			},
			user_hash: hash(id4711),
		}).body,
		ok(STATUS_API),
	);

	// --- every content type and method (Statuspage, otherwise valid message) ----------------------------
	const valid = (id: string) => messenger(id, statusUser).body;
	const typed = (id: string, contentType: string | undefined, expect: HostileCase['expect']) =>
		body(
			id,
			`Content-Type ${contentType ?? '(none)'}`,
			valid(id),
			expect,
			contentType ? { 'content-type': contentType } : ({} as typeof JSON_TYPE),
		);
	typed('ct-json-charset', 'application/json; charset=utf-8', ok(STATUS_API));
	typed('ct-json-upper', 'APPLICATION/JSON', ok(STATUS_API));
	typed('ct-text', 'text/plain', refused(415));
	typed('ct-form', 'application/x-www-form-urlencoded', refused(415));
	typed('ct-xml', 'application/xml', N8N_UNPARSABLE); // n8n parses XML bodies itself
	typed('ct-text-xml', 'text/xml', refused(415));
	typed('ct-vnd-json', 'application/vnd.api+json', refused(415));
	typed('ct-json-patch', 'application/json-patch+json', refused(415));
	typed('ct-octet', 'application/octet-stream', refused(415));
	typed('ct-none', undefined, refused(415));
	typed('ct-list', 'application/json, text/plain', refused(415));
	// n8n parses multipart itself: a body that is not multipart is its 400, before the node.
	typed('ct-multipart-fake', 'multipart/form-data; boundary=x', refused(400));
	const form = new FormData();
	form.append('message', text('ct-multipart'));
	form.append('user_hash', hash(id4711));
	form.append(
		'file',
		new Blob(['{"user":{"user_id":"cust-4711"}}'], { type: 'application/json' }),
		'user.json',
	);
	add(
		'status',
		'ct-multipart',
		'multipart/form-data with a JSON file part',
		{ body: form },
		refused(415),
	);
	for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'])
		add(
			'status',
			`method-${method.toLowerCase()}`,
			`${method} on the webhook`,
			{
				method,
				headers: JSON_TYPE,
				body:
					method === 'GET' || method === 'HEAD'
						? undefined
						: valid(`method-${method.toLowerCase()}`),
			},
			refused(404),
		);
	add(
		'status',
		'method-override',
		'POST with X-HTTP-Method-Override: GET',
		{ headers: { ...JSON_TYPE, 'x-http-method-override': 'GET' }, body: valid('method-override') },
		ok(STATUS_API),
	);
	return cases;
}
