// Intercom Messenger JWT ("intercom_user_jwt"): HS256 signed with the identity-verification
// secret. Only HS256 is accepted: `alg: none` and every other algorithm are refused before any
// key is used, the signature is checked before the payload is read, and `exp`/`nbf` are enforced.
import { createHmac } from 'node:crypto';

import { isPlainRecord, parseJson } from '../shared/parse-json';
import { constantTimeEqual } from './secure-compare';

export type JwtFailure = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'not_yet_valid';

export type JwtOutcome =
	{ ok: true; claims: Record<string, unknown> } | { ok: false; reason: JwtFailure };

/** Claims the JWT standard defines: they describe the token, not the customer. */
export const REGISTERED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	const parsed = parseJson(Buffer.from(segment, 'base64url').toString('utf8'));
	return parsed.ok && isPlainRecord(parsed.value) ? parsed.value : undefined;
}

export function verifyMessengerJwt(token: string, secret: string, nowSeconds: number): JwtOutcome {
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
	if (claims.exp !== undefined) {
		if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp))
			return { ok: false, reason: 'malformed' };
		if (nowSeconds >= claims.exp) return { ok: false, reason: 'expired' };
	}
	if (claims.nbf !== undefined) {
		if (typeof claims.nbf !== 'number' || !Number.isFinite(claims.nbf))
			return { ok: false, reason: 'malformed' };
		if (nowSeconds < claims.nbf) return { ok: false, reason: 'not_yet_valid' };
	}
	return { ok: true, claims };
}
