// Which customer a Messenger request speaks for, and the proof: a Messenger JWT (Authorization
// header or `intercom_user_jwt`) or Intercom's `user_hash`. A JWT, when present, is the proof
// that counts; a bad one is refused even if a user_hash is also sent.
import { hashedIdentifier, verifyUserHash } from './user-hash';
import { mapClaims, type ClaimMapping } from './jwt-claims';
import { verifyMessengerJwt, type JwtChecks, type JwtFailure } from './messenger-jwt';
import type { MessengerBody } from './messenger-body';
import { accept, refuse, type Outcome } from './rejection';
import { sanitizeJson } from '../shared/parse-json';

export interface MessengerIdentity {
	method: 'user_hash' | 'jwt';
	/** Attribute values a signature vouches for; they win over unsigned ones of the same name. */
	signedUser: Record<string, unknown>;
	/** The attribute paths those values occupy, e.g. "user.user_id" (see nodes/shared/provenance). */
	signedPaths: string[];
	/** The JWT's claims without the secret ones. */
	claims?: Record<string, unknown>;
	/** Names of secret claims that were dropped. */
	redactedClaims?: string[];
}

/** How JWT claims are checked and what they become (Fin Trigger's JWT options). */
export interface JwtPolicy {
	checks: JwtChecks;
	mappings: ClaimMapping[];
	secretClaims: string[];
}

const JWT_MESSAGES: Record<JwtFailure, string> = {
	malformed: 'The Messenger JWT is malformed',
	algorithm: 'The Messenger JWT algorithm is not accepted (only HS256 is)',
	signature: 'The Messenger JWT signature is invalid',
	expired: 'The Messenger JWT has expired',
	not_yet_valid: 'The Messenger JWT is not valid yet',
	exp_missing: 'The Messenger JWT has no exp claim: sign it with an expiry (or set a Maximum Age)',
	iat_missing: 'The Messenger JWT has no iat claim, which the Maximum Age needs',
	too_old: 'The Messenger JWT is older than the Maximum Age',
	audience: 'The Messenger JWT is for another audience (aud)',
	issuer: 'The Messenger JWT comes from another issuer (iss)',
};

/** The token of an `Authorization: Bearer <jwt>` header, if the header has that form. */
export function bearerToken(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
	return match ? match[1] : undefined;
}

export function verifyMessengerIdentity(
	body: MessengerBody,
	authorization: unknown,
	secret: string,
	nowSeconds: number,
	policy: JwtPolicy,
): Outcome<MessengerIdentity> {
	const token = bearerToken(authorization) ?? body.jwt;
	if ((token !== undefined || body.userHash !== undefined) && secret === '') {
		return refuse(
			500,
			'secret_missing',
			'The Fin Messenger credential has no identity-verification secret',
		);
	}
	if (token !== undefined) {
		const outcome = verifyMessengerJwt(token, secret, nowSeconds, policy.checks);
		if (!outcome.ok) return refuse(401, `jwt_${outcome.reason}`, JWT_MESSAGES[outcome.reason]);
		const sanitized = sanitizeJson(outcome.claims) as Record<string, unknown> | undefined;
		if (!sanitized) return refuse(401, 'jwt_malformed', JWT_MESSAGES.malformed);
		const mapped = mapClaims(sanitized, policy.mappings, policy.secretClaims);
		if (!hashedIdentifier(mapped.signedUser)) {
			return refuse(
				401,
				'jwt_without_user',
				'The Messenger JWT names no user (user_id, sub or email claim)',
			);
		}
		return accept({
			method: 'jwt',
			signedUser: mapped.signedUser,
			// All (non-secret) claims are signed: {{identity.claims.<name>}} may choose whose data is read.
			signedPaths: [...mapped.signedPaths, 'identity.claims'],
			claims: mapped.claims,
			redactedClaims: mapped.redacted,
		});
	}
	if (body.userHash === undefined) {
		return refuse(401, 'identity_missing', 'No identity proof: send user_hash or a Messenger JWT');
	}
	const identifier = hashedIdentifier(body.user);
	if (!identifier)
		return refuse(401, 'user_hash_without_user', 'user_hash needs user.user_id or user.email');
	if (!verifyUserHash(secret, identifier.value, body.userHash)) {
		return refuse(401, 'user_hash_invalid', 'user_hash does not match the user');
	}
	return accept({
		method: 'user_hash',
		signedUser: { [identifier.field]: body.user[identifier.field] },
		// Only the hashed field is signed; every other attribute in the body is the caller's word.
		signedPaths: [`user.${identifier.field}`],
	});
}
