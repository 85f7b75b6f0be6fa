// The one redaction module (nodes/shared/redact.ts), used by the API Action and the canvas server:
// a secret must not survive in any encoding a request, a URL or an error can carry it in.
import {
	REDACTED,
	WITHHELD_BODY,
	looksSecretName,
	recordableBody,
	redactHeaders,
	redactSecrets,
	redactUrl,
	scrubSecrets,
} from '../../../nodes/shared/redact';

const SECRET = "s3cr et~'()!+/=é*";
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const lowerPercent = (text: string) => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase());
const form = (text: string) => new URLSearchParams({ x: text }).toString().slice(2);

const encodings: Array<[string, string]> = [
	['raw', SECRET],
	['encodeURIComponent', encodeURIComponent(SECRET)],
	['form encoding', form(SECRET)],
	['lower-case percent hex', lowerPercent(encodeURIComponent(SECRET))],
	['lower-case form encoding', lowerPercent(form(SECRET))],
	['double percent-encoding', encodeURIComponent(encodeURIComponent(SECRET))],
	['double form encoding', form(form(SECRET))],
	['base64', Buffer.from(SECRET).toString('base64')],
	['base64url', Buffer.from(SECRET).toString('base64url')],
	['Basic auth', `Basic ${Buffer.from(`client-1:${SECRET}`).toString('base64')}`],
	['Basic auth, other alignment', Buffer.from(`ab:${SECRET}`).toString('base64')],
	['hex', hex(SECRET)],
	['upper-case hex', hex(SECRET).toUpperCase()],
	['URL path serialisation', new URL(`http://h/a/${SECRET}`).pathname],
	['URL query serialisation', new URL(`http://h/?q=${SECRET}`).search],
	['URL searchParams serialisation', new URL(`http://h/?q=${encodeURIComponent(SECRET)}`).href],
];

describe('redactSecrets finds a secret in every encoding', () => {
	it.each(encodings)('%s', (_name, encoded) => {
		const text = `before ${encoded} after`;
		const out = redactSecrets({ text, list: [encoded] }, [SECRET]);
		const json = JSON.stringify(out);
		expect(json).not.toContain(encoded);
		expect(json).toContain(REDACTED);
		expect(scrubSecrets(text, [SECRET])).not.toContain(encoded);
	});

	it('keeps text that carries no secret as it is', () => {
		const value = { a: 'hello world', b: ['x', 42], c: 'Basic aGVsbG86d29ybGQ=' };
		expect(redactSecrets(value, [SECRET])).toEqual(value);
	});
});

describe('short secrets (under 4 characters) are scrubbed where they are a whole value', () => {
	it('whole strings, numbers, header values and query or form values', () => {
		expect(redactSecrets({ a: 'ab1', b: 'xab1y', n: 123 }, ['ab1', '123'])).toEqual({
			a: REDACTED,
			b: 'xab1y',
			n: REDACTED,
		});
		expect(redactHeaders({ 'X-Custom': 'ab1', Accept: 'json' }, ['ab1'])).toEqual({
			'X-Custom': REDACTED,
			Accept: 'json',
		});
		const url = redactUrl('https://api.test/p/ab1/x?k=ab1&v=a%20b&other=1', ['ab1', 'a b']);
		expect(url).not.toMatch(/=ab1|\/ab1\/|a%20b|a\+b/);
		expect(url).toContain('other=1');
		expect(scrubSecrets('grant_type=password&password=ab1&user=x', ['ab1'])).toBe(
			`grant_type=password&password=${REDACTED}&user=x`,
		);
	});
});

describe('redactUrl', () => {
	it('drops user info and token-like query values, and secrets re-encoded by URL serialisation', () => {
		const secret = "it's (a) ~secret! x";
		const url = new URL('https://user:pw@api.test/');
		url.pathname = `/v1/${secret}`;
		url.searchParams.set('q', secret);
		url.searchParams.set('access_token', 'zzzz');
		const out = redactUrl(url.href, [secret]);
		expect(out).not.toContain('pw@');
		expect(out).not.toContain('zzzz');
		for (const [, encoded] of [
			['raw', secret],
			...encodings.map(([name, value]) => [name, value.replace(SECRET, secret)]),
		])
			expect(out).not.toContain(encoded);
		expect(out).not.toMatch(/secret/);
	});
});

describe('one "looks secret" rule for header, query and credential field names', () => {
	it.each([
		'Authorization',
		'Proxy-Authorization',
		'Cookie',
		'Set-Cookie',
		'X-API-Key',
		'api_key',
		'apiKey',
		'access_token',
		'accessToken',
		'clientSecret',
		'client_secret',
		'password',
		'passwd',
		'X-Hub-Signature-256',
		'sig',
		'jwt',
		'session_id',
		'code',
		'privateKey',
	])('%s looks secret', (name) => expect(looksSecretName(name)).toBe(true));
	it.each(['tokenUrl', 'answerPointer', 'grant_type', 'Accept', 'Content-Type', 'keyword', 'user'])(
		'%s does not',
		(name) => expect(looksSecretName(name)).toBe(false),
	);
});

describe('recordableBody never records a body that carries a secret', () => {
	it('withholds form, JSON and object bodies with a secret in them, keeps others', () => {
		expect(recordableBody(`grant_type=password&password=${form(SECRET)}`, [SECRET])).toBe(
			WITHHELD_BODY,
		);
		expect(recordableBody({ client_secret: SECRET }, [SECRET])).toBe(WITHHELD_BODY);
		expect(recordableBody({ password: 'ab1' }, ['ab1'])).toBe(WITHHELD_BODY);
		expect(recordableBody({ q: 'orders' }, [SECRET])).toEqual({ q: 'orders' });
	});
});
