// Intercom's identity verification with `user_hash`: hex HMAC-SHA256 of the user's `user_id`, or
// of `email` when there is no user_id, keyed with the workspace's identity-verification secret.
import { createHmac } from 'node:crypto';

import { constantTimeEqual } from './secure-compare';

export function computeUserHash(secret: string, identifier: string): string {
	return createHmac('sha256', secret).update(identifier, 'utf8').digest('hex');
}

/** The value the hash signs: user_id when present (string or number), else email. */
export function hashedIdentifier(
	user: Record<string, unknown>,
): { field: 'user_id' | 'email'; value: string } | undefined {
	const userId = user.user_id;
	if (
		(typeof userId === 'string' && userId !== '') ||
		(typeof userId === 'number' && Number.isFinite(userId))
	) {
		return { field: 'user_id', value: String(userId) };
	}
	if (typeof user.email === 'string' && user.email !== '')
		return { field: 'email', value: user.email };
	return undefined;
}

export function verifyUserHash(secret: string, identifier: string, provided: string): boolean {
	// Hex is case-insensitive; lower-casing the provided value reveals nothing about the secret.
	return constantTimeEqual(computeUserHash(secret, identifier), provided.trim().toLowerCase());
}
