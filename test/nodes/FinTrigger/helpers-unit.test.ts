// Fin Trigger's helper files on their own: edge cases that are awkward to reach over HTTP.
import { htmlToText } from '../../../nodes/FinTrigger/http/html-to-text';
import { verifyMessengerJwt } from '../../../nodes/FinTrigger/identity/messenger-jwt';
import {
	parseProtectedAttributes,
	checkProtectedAttributes,
} from '../../../nodes/FinTrigger/identity/protected-attributes';
import { MAX_JSON_DEPTH, parseJson, sanitizeJson } from '../../../nodes/shared/parse-json';
import { constantTimeEqual } from '../../../nodes/FinTrigger/identity/secure-compare';
import { toIsoTimestamp } from '../../../nodes/FinTrigger/identity/timestamps';
import {
	computeIntercomSignature,
	verifyIntercomSignature,
} from '../../../nodes/FinTrigger/identity/intercom-signature';
import { signJwt } from '../../fixtures/fin-trigger';

describe('htmlToText', () => {
	it('keeps the words, turns blocks into lines, decodes entities and drops scripts', () => {
		expect(
			htmlToText('<p>Hello&nbsp;<b>World</b></p><p>Line&#x21; &#169; &unknown; &amp;lt;</p>'),
		).toBe('Hello World\nLine! © &unknown; &lt;');
		expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('- one\n- two');
		expect(htmlToText('a<script>alert(1)</script>b<STYLE>p{}</STYLE>c<script>never closed')).toBe(
			'abc',
		);
		expect(htmlToText('2 < 3 and 4 > 1')).toBe('2 < 3 and 4 > 1');
		expect(htmlToText('&#0;&#xD800;&#9999999;x&#99999999;')).toBe('x&#99999999;');
	});

	it('stays linear on hostile input', () => {
		for (const hostile of [
			'<'.repeat(200_000),
			'<a'.repeat(100_000),
			'<script'.repeat(30_000),
			'</script '.repeat(30_000),
			'&#'.repeat(100_000),
		]) {
			const started = Date.now();
			htmlToText(hostile);
			expect(Date.now() - started).toBeLessThan(1000);
		}
	});
});

describe('safe JSON', () => {
	it('drops prototype keys and bounds nesting', () => {
		const parsed = parseJson(
			'{"a":{"__proto__":{"x":1},"constructor":1,"prototype":2,"b":[{"__proto__":{}}]}}',
		);
		expect(parsed).toEqual({ ok: true, value: { a: { b: [{}] } } });
		expect(
			parseJson(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`),
		).toMatchObject({ ok: false, reason: 'depth' });
		expect(parseJson('{')).toMatchObject({ ok: false, reason: 'syntax' });
		const withOwnProto = JSON.parse('{"__proto__":{"polluted":1},"ok":true}');
		expect(sanitizeJson(withOwnProto)).toEqual({ ok: true });
	});

	it('drops keys spelled with \\u escapes and allows exactly MAX_JSON_DEPTH levels', () => {
		// The parser only walks for keys when the text could spell one: an escape must count.
		const escaped = parseJson('{"\\u005f_proto__":{"polluted":1},"c\\u006fnstructor":2,"ok":1}');
		expect(escaped).toEqual({ ok: true, value: { ok: 1 } });
		expect(Object.keys((escaped as { value: object }).value)).toEqual(['ok']);
		const deepest = `${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`;
		expect(parseJson(deepest)).toMatchObject({ ok: true });
		// Brackets inside strings are text, not nesting.
		expect(parseJson(JSON.stringify({ a: '[[[[{{{{'.repeat(20) }))).toMatchObject({ ok: true });
	});
});

describe('secrets', () => {
	it('compares equal and unequal values of any length', () => {
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		expect(constantTimeEqual('abc', 'abd')).toBe(false);
		expect(constantTimeEqual('abc', 'abcd')).toBe(false);
		expect(constantTimeEqual(Buffer.from([1, 2]), Buffer.from([1, 2]))).toBe(true);
	});

	it('verifies the Intercom signature on bytes', () => {
		const raw = Buffer.from('{"a":1}');
		expect(verifyIntercomSignature('s', raw, computeIntercomSignature('s', raw))).toBe('valid');
		expect(
			verifyIntercomSignature(
				's',
				raw,
				computeIntercomSignature('s', raw).toUpperCase().replace('SHA1', 'sha1'),
			),
		).toBe('valid');
		expect(
			verifyIntercomSignature('s', Buffer.from('{"a":2}'), computeIntercomSignature('s', raw)),
		).toBe('mismatch');
		expect(verifyIntercomSignature('s', raw, ['x'])).toBe('missing');
	});

	it('refuses JWTs with a crit header, a non-numeric exp, or a non-JWT typ', () => {
		const now = Math.floor(Date.now() / 1000);
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: 'later' }),
				'iv-secret-0123456789abcdef',
				now,
			),
		).toEqual({ ok: false, reason: 'malformed' });
		const header = Buffer.from(JSON.stringify({ alg: 'HS256', crit: ['x'] })).toString('base64url');
		const [, payload, signature] = signJwt({ user_id: 'u' }).split('.');
		expect(
			verifyMessengerJwt(`${header}.${payload}.${signature}`, 'iv-secret-0123456789abcdef', now),
		).toEqual({ ok: false, reason: 'algorithm' });
		const noLeeway = { leewaySeconds: 0, maxAgeSeconds: 0 };
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: now }),
				'iv-secret-0123456789abcdef',
				now,
				noLeeway,
			),
		).toEqual({ ok: false, reason: 'expired' });
		// The default leeway (30 s) accepts a token that expired 29 s ago, not one 30 s ago.
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: now - 29 }),
				'iv-secret-0123456789abcdef',
				now,
			),
		).toMatchObject({ ok: true });
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: now - 30 }),
				'iv-secret-0123456789abcdef',
				now,
			),
		).toEqual({ ok: false, reason: 'expired' });
		// A leeway above 60 s is treated as 60 s.
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: now - 61 }),
				'iv-secret-0123456789abcdef',
				now,
				{
					leewaySeconds: 3600,
					maxAgeSeconds: 0,
				},
			),
		).toEqual({ ok: false, reason: 'expired' });
		expect(
			verifyMessengerJwt(
				signJwt({ user_id: 'u', exp: now + 1 }),
				'iv-secret-0123456789abcdef',
				now,
			),
		).toMatchObject({ ok: true });
	});
});

describe('protected attributes list', () => {
	it('reads bare names as user attributes, nested paths and every root', () => {
		expect(
			parseProtectedAttributes(
				' plan, user.tier ,company.plan,\n, user.account.id, conversation.priority, message.channel ',
			),
		).toEqual({
			ok: true,
			value: [
				'user.plan',
				'user.tier',
				'company.plan',
				'user.account.id',
				'conversation.priority',
				'message.channel',
			],
		});
	});

	it.each([
		['custom.key', 'cannot be protected'],
		['identity.verified', 'cannot be protected'],
		['message.text', 'every message carries it'],
		['user.{{x}}', 'not an attribute path'],
	])('refuses %s at configuration time', (entry, reason) => {
		const parsed = parseProtectedAttributes(`plan, ${entry}`);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.error).toContain(entry);
		expect(!parsed.ok && parsed.error).toContain(reason);
	});

	it('ignores inherited names such as toString', () => {
		const list = parseProtectedAttributes('toString, constructor, user.account.toString');
		expect(list.ok).toBe(true);
		expect(
			checkProtectedAttributes(list.ok ? list.value : [], {
				user: { account: {} },
				company: {},
			}),
		).toEqual({ ok: true, value: undefined });
	});

	it('reads a null value as absent, as every other reader does (nodes/shared/attributes)', () => {
		expect(checkProtectedAttributes(['user.plan'], { user: { plan: null } })).toEqual({
			ok: true,
			value: undefined,
		});
		// A value is still refused, and a null never hides a different signed value.
		expect(checkProtectedAttributes(['user.plan'], { user: { plan: 'pro' } }).ok).toBe(false);
	});
});

describe('timestamps', () => {
	it('reads seconds, milliseconds and ISO text, else uses the fallback', () => {
		const fallback = new Date('2026-01-01T00:00:00Z');
		expect(toIsoTimestamp(1764000000, fallback)).toBe('2025-11-24T16:00:00.000Z');
		expect(toIsoTimestamp(1764000000000, fallback)).toBe('2025-11-24T16:00:00.000Z');
		expect(toIsoTimestamp('2025-11-24T16:00:00Z', fallback)).toBe('2025-11-24T16:00:00.000Z');
		expect(toIsoTimestamp('yesterday', fallback)).toBe(fallback.toISOString());
		expect(toIsoTimestamp(undefined, fallback)).toBe(fallback.toISOString());
	});
});
