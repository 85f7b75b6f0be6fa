// Intercom Messenger JWT ("intercom_user_jwt"): HS256 signed with the identity-verification
// secret. Only HS256 is accepted: `alg: none` and every other algorithm are refused before any
// key is used, the signature is checked before the payload is read, and `exp`/`nbf` are enforced.
// A token must expire: `exp` is required, unless a maximum age is set, then `iat` is (a token
// without either would be valid forever). A token may also not be valid for long: `exp` at most
// the maximum lifetime from now (default 24 h), so a leaked long-lived token is not a key for
// years; and an `iat` in the future is refused (a token signed "later" is a wrong clock or a
// forgery meant to outlive a Maximum Age). `aud`/`iss` are checked when configured; every time
// check allows the clock leeway (default 30 s, 0-60), for clocks that drift between servers.
import { createHmac } from 'node:crypto';

import { isPlainRecord, parseJson } from '../../shared/parse-json';
import { constantTimeEqual } from './secure-compare';

export type JwtFailure =
	| 'malformed'
	| 'algorithm'
	| 'signature'
	| 'expired'
	| 'not_yet_valid'
	| 'exp_missing'
	| 'iat_missing'
	| 'iat_in_future'
	| 'lifetime_too_long'
	| 'too_old'
	| 'audience'
	| 'issuer';

export interface JwtChecks {
	/** Seconds of clock drift allowed on exp, nbf and iat (0-60). */
	leewaySeconds: number;
	/** > 0: tokens older than this (by `iat`) are refused, and `iat` is required instead of `exp`. */
	maxAgeSeconds: number;
	/** exp may lie at most this far ahead of now (default DEFAULT_JWT_MAX_LIFETIME_SECONDS). */
	maxLifetimeSeconds?: number;
	/** When set, `aud` must be (or contain) this value. */
	audience?: string;
	/** When set, `iss` must equal this value. */
	issuer?: string;
}

export const DEFAULT_JWT_LEEWAY_SECONDS = 30;
/** 24 h: a Messenger JWT is minted per session, not for years. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 24 * 3600;
export const DEFAULT_JWT_CHECKS: JwtChecks = {
	leewaySeconds: DEFAULT_JWT_LEEWAY_SECONDS,
	maxAgeSeconds: 0,
};

export type JwtOutcome =
	{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: JwtFailure };

/** Claims the JWT standard defines: they describe the token, not the customer. */
export const REGISTERED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	const parsed = parseJson(Buffer.from(segment, 'base64url').toString('utf8'));
	return parsed.ok && isPlainRecord(parsed.value) ? parsed.value : undefined;
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function verifyMessengerJwt(
	token: string,
	secret: string,
	nowSeconds: number,
	checks: JwtChecks = DEFAULT_JWT_CHECKS,
): JwtOutcome {
	const leeway = Math.min(60, Math.max(0, checks.leewaySeconds));
	const parts = token.split('.');
	if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)))
		return { ok: false, reason: 'malformed' };
	const [headerPart, payloadPart, signaturePart] = parts;

	const header = decodeSegment(headerPart);
	if (!header) return { ok: false, reason: 'malformed' };
	if (header.alg !== 'HS256' || header.crit !== undefined)
		return { ok: false, reason: 'algorithm' };
	if (
		header.typ !== undefined &&
		(typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')
	) {
		return { ok: false, reason: 'malformed' };
	}

	const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
	if (!constantTimeEqual(expected, Buffer.from(signaturePart, 'base64url')))
		return { ok: false, reason: 'signature' };

	const claims = decodeSegment(payloadPart);
	if (!claims) return { ok: false, reason: 'malformed' };
	for (const name of ['exp', 'nbf', 'iat'])
		if (claims[name] !== undefined && !isTime(claims[name]))
			return { ok: false, reason: 'malformed' };
	if (claims.exp === undefined && checks.maxAgeSeconds <= 0)
		return { ok: false, reason: 'exp_missing' };
	if (isTime(claims.exp) && nowSeconds >= claims.exp + leeway)
		return { ok: false, reason: 'expired' };
	const maxLifetime = checks.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS;
	if (isTime(claims.exp) && claims.exp - nowSeconds > maxLifetime + leeway)
		return { ok: false, reason: 'lifetime_too_long' };
	if (isTime(claims.nbf) && nowSeconds + leeway < claims.nbf)
		return { ok: false, reason: 'not_yet_valid' };
	if (isTime(claims.iat) && claims.iat > nowSeconds + leeway)
		return { ok: false, reason: 'iat_in_future' };
	if (checks.maxAgeSeconds > 0) {
		if (!isTime(claims.iat)) return { ok: false, reason: 'iat_missing' };
		if (nowSeconds - claims.iat > checks.maxAgeSeconds + leeway)
			return { ok: false, reason: 'too_old' };
	}
	if (checks.audience) {
		const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
		if (!audiences.includes(checks.audience)) return { ok: false, reason: 'audience' };
	}
	if (checks.issuer && claims.iss !== checks.issuer) return { ok: false, reason: 'issuer' };
	return { ok: true, claims };
}
