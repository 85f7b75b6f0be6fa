// The Messenger source's JSON body: {message: {id?, text}, user: {user_id?, email?, ...attributes},
// company?, conversation?} plus the identity proof (`user_hash` or `intercom_user_jwt`, at the top
// level or inside `user`). zod only validates the shape; values are taken from the sanitized copy.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import type { ConversationItem } from '../../shared/conversation-item';
import { accept, refuse, type Outcome } from '../rejection';
import { toIsoTimestamp } from '../identity/timestamps';

const identifier = z.union([z.string().min(1).max(255), z.number().finite()]);

const messengerBodySchema = z
	.object({
		message: z
			.object({
				id: identifier.optional(),
				text: z
					.string()
					.max(20000)
					.refine((text) => text.trim() !== '', 'must not be empty'),
				created_at: z.union([z.number(), z.string().max(64)]).optional(),
				createdAt: z.union([z.number(), z.string().max(64)]).optional(),
			})
			.passthrough(),
		user: z
			.object({
				user_id: identifier.optional(),
				email: z.string().max(320).optional(),
				user_hash: z.string().max(256).optional(),
				intercom_user_jwt: z.string().max(16384).optional(),
			})
			.passthrough()
			.optional(),
		company: z.record(z.unknown()).optional(),
		conversation: z.record(z.unknown()).optional(),
		user_hash: z.string().max(256).optional(),
		intercom_user_jwt: z.string().max(16384).optional(),
	})
	.passthrough();

/** Body fields that carry the proof itself: never copied into the item. */
export const PROOF_FIELDS = ['user_hash', 'intercom_user_jwt'];

export interface MessengerBody {
	message: Record<string, unknown> & { text: string };
	/** Unsigned user attributes, without the proof fields. */
	user: Record<string, unknown>;
	company: Record<string, unknown>;
	conversation: Record<string, unknown>;
	userHash?: string;
	jwt?: string;
}

/** Validates the sanitized body; the 400 names the first field that is wrong, never its value. */
export function parseMessengerBody(body: unknown): Outcome<MessengerBody> {
	const result = messengerBodySchema.safeParse(body);
	if (!result.success) {
		const issue = result.error.issues[0];
		const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
		return refuse(
			400,
			'invalid_body',
			`The request body is not a valid Messenger message: ${path}: ${issue.message}`,
		);
	}
	const source = body as Record<string, Record<string, unknown> | string | undefined>;
	const rawUser = (source.user ?? {}) as Record<string, unknown>;
	const user: Record<string, unknown> = {};
	for (const key of Object.keys(rawUser)) if (!PROOF_FIELDS.includes(key)) user[key] = rawUser[key];
	return accept({
		message: source.message as MessengerBody['message'],
		user,
		company: (source.company ?? {}) as Record<string, unknown>,
		conversation: (source.conversation ?? {}) as Record<string, unknown>,
		userHash: (source.user_hash as string | undefined) ?? (rawUser.user_hash as string | undefined),
		jwt:
			(source.intercom_user_jwt as string | undefined) ??
			(rawUser.intercom_user_jwt as string | undefined),
	});
}

export function messageOf(
	message: MessengerBody['message'],
	now: Date,
): ConversationItem['message'] {
	return {
		id: message.id === undefined ? randomUUID() : String(message.id),
		text: message.text,
		createdAt: toIsoTimestamp(message.createdAt ?? message.created_at, now),
	};
}
