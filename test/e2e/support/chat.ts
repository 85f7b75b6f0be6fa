// What a Messenger backend sends to Fin Trigger: a chat message with Intercom's identity proof,
// either `user_hash` (hex HMAC-SHA256 of user_id, or of email without user_id) or an HS256 JWT.
import { createHmac } from 'node:crypto';

import { http, type HttpAnswer } from './n8n-api';

export function userHash(secret: string, identifier: string): string {
	return createHmac('sha256', secret).update(identifier, 'utf8').digest('hex');
}

export function messengerJwt(secret: string, claims: Record<string, unknown>): string {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const signed = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`;
	return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

export interface ChatMessage {
	text: string;
	user?: Record<string, unknown>;
	company?: Record<string, unknown>;
	userHash?: string;
	jwt?: string;
}

export function sendChat(webhookUrl: string, message: ChatMessage): Promise<HttpAnswer> {
	const body: Record<string, unknown> = { message: { text: message.text }, user: message.user ?? {} };
	if (message.company) body.company = message.company;
	if (message.userHash) body.user_hash = message.userHash;
	return http(webhookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(message.jwt ? { authorization: `Bearer ${message.jwt}` } : {}) },
		body: JSON.stringify(body),
	});
}
