// What a Messenger backend sends to Fin Trigger: a chat message with Intercom's identity proof,
// either `user_hash` (hex HMAC-SHA256 of user_id, or of email without user_id) or an HS256 JWT.
// Signing is shared with the Fin Trigger tests (./signing.ts).
import { nowSeconds, signJwt, userHash as signUserHash } from './signing';
import { http, type HttpAnswer } from './n8n-api';

export const userHash = (secret: string, identifier: string): string =>
	signUserHash(identifier, secret);

/** A Messenger JWT valid for ten minutes. */
export const messengerJwt = (secret: string, claims: Record<string, unknown>): string =>
	signJwt(
		{ iat: nowSeconds(), exp: nowSeconds() + 600, ...claims } as Record<string, string | number>,
		{ secret },
	);

export interface ChatMessage {
	text: string;
	user?: Record<string, unknown>;
	company?: Record<string, unknown>;
	userHash?: string;
	jwt?: string;
}

/** `timeoutMs`: how long to wait for the answer (60 s by default). */
export function sendChat(
	webhookUrl: string,
	message: ChatMessage,
	timeoutMs?: number,
): Promise<HttpAnswer> {
	const body: Record<string, unknown> = {
		message: { text: message.text },
		user: message.user ?? {},
	};
	if (message.company) body.company = message.company;
	if (message.userHash) body.user_hash = message.userHash;
	return http(webhookUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(message.jwt ? { authorization: `Bearer ${message.jwt}` } : {}),
		},
		body: JSON.stringify(body),
		...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
	});
}
