// Which customer a Messenger request speaks for, and the proof: a Messenger JWT (Authorization
// header or `intercom_user_jwt`) or Intercom's `user_hash`. A JWT, when present, is the proof
// that counts; a bad one is refused even if a user_hash is also sent.
import { hashedIdentifier, verifyUserHash } from './user-hash';
import { mapClaims, type ClaimMapping } from './jwt-claims';
import { verifyMessengerJwt, type JwtChecks, type JwtFailure } from './messenger-jwt';
import type { MessengerBody } from '../sources/messenger-body';
import { accept, refuse, type Outcome } from '../rejection';
import { sanitizeJson } from '../../shared/parse-json';
import { sealClaim, sealingKey } from '../../shared/sealed-claims';

export interface MessengerIdentity {
	method: 'user_hash' | 'jwt';
	/** Attribute values a signature vouches for; they win over unsigned ones of the same name. */
	signedUser: Record<string, unknown>;
	/** The attribute paths those values occupy, e.g. "user.user_id" (see nodes/shared/provenance). */
	signedPaths: string[];
	/** The JWT's claims, the secret ones sealed (nodes/shared/sealed-claims). */
	claims?: Record<string, unknown>;
	/** Names of the secret claims (sealed, never in clear). */
	redactedClaims?: string[];
}

/** How JWT claims are checked and what they become (Fin Trigger's JWT options). */
export interface JwtPolicy {
	checks: JwtChecks;
	mappings: ClaimMapping[];
	secretClaims: string[];
}

// Each message names the cause and what to change (in the token or in Fin Trigger's JWT options).
const JWT_MESSAGES: Record<JwtFailure, string> = {
	malformed:
		'The Messenger JWT is malformed: send three base64url parts with JSON header and claims, and numeric exp, nbf and iat',
	algorithm: 'The Messenger JWT algorithm is not accepted: sign it with HS256 (no crit header)',
	signature:
		'The Messenger JWT signature is invalid: sign it with the identity-verification secret of the Fin Messenger credential',
	expired: 'The Messenger JWT has expired: sign a new token for each session',
	not_yet_valid:
		'The Messenger JWT is not valid yet (nbf): check the clock of the server that signs it',
	exp_missing: 'The Messenger JWT has no exp claim: sign it with an expiry (or set a Maximum Age)',
	iat_missing:
		'The Messenger JWT has no iat claim, which the Maximum Age needs: sign it with iat (or set JWT Maximum Age to 0)',
	iat_in_future:
		'The Messenger JWT was issued in the future (iat beyond the clock leeway): check the clock of the server that signs it, or raise JWT Clock Leeway',
	lifetime_too_long:
		'The Messenger JWT expires later than the JWT Maximum Lifetime allows: sign it with a shorter exp, or raise JWT Maximum Lifetime',
	too_old:
		'The Messenger JWT is older than the Maximum Age: sign a fresh token, or raise JWT Maximum Age',
	audience:
		'The Messenger JWT is for another audience (aud): sign it with the JWT Audience set on Fin Trigger',
	issuer:
		'The Messenger JWT comes from another issuer (iss): sign it with the JWT Issuer set on Fin Trigger',
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
		const key = sealingKey(secret);
		const mapped = mapClaims(sanitized, policy.mappings, policy.secretClaims, (name, value) =>
			sealClaim(name, value, key),
		);
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
			// All claims are signed (the secret ones sealed): {{identity.claims.<name>}} may choose whose data is read.
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
