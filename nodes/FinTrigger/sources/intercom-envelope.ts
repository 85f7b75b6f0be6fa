// Intercom's webhook notification envelope ({type: 'notification_event', topic, data: {item}}).
// Only the topics in which a customer writes start a run; the text comes from the newest
// customer-written conversation part (HTML reduced to text), the customer from the contact who
// wrote that part (see authorIdentity).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { ConversationItem } from '../../shared/conversation-item';
import type { AudienceKind } from '../../shared/provenance';
import { htmlToText } from '../http/html-to-text';
import { accept, refuse, type Outcome } from '../rejection';
import { isPlainRecord } from '../../shared/parse-json';
import { toIsoTimestamp } from '../identity/timestamps';

export const CUSTOMER_TOPICS = ['conversation.user.created', 'conversation.user.replied'] as const;

const CUSTOMER_AUTHOR_TYPES = ['user', 'lead', 'contact'];

const envelopeSchema = z
	.object({
		type: z.literal('notification_event'),
		topic: z.string().min(1).max(200),
		data: z.object({ item: z.record(z.unknown()) }).passthrough(),
	})
	.passthrough();

const conversationSchema = z
	.object({
		type: z.literal('conversation'),
		id: z.union([z.string().min(1), z.number()]),
	})
	.passthrough();

export type IntercomNotification =
	| { kind: 'ignored' }
	| {
			kind: 'message';
			parts: Pick<ConversationItem, 'message' | 'user' | 'company' | 'conversation'>;
			/** Intercom's contact role: only a `user` is someone whose identity Intercom verified. */
			audience: AudienceKind;
			/** What Intercom vouches for: a user's user_id, email and contact id; nothing of a lead's. */
			signedPaths: string[];
	  };

interface Part {
	id?: unknown;
	body?: unknown;
	created_at?: unknown;
	author?: unknown;
	part_type?: unknown;
}

function record(value: unknown): Record<string, unknown> {
	return isPlainRecord(value) ? value : {};
}

function customerPart(conversation: Record<string, unknown>, topic: string): Part | undefined {
	const isCustomer = (part: Part) =>
		CUSTOMER_AUTHOR_TYPES.includes(String(record(part.author).type)) &&
		typeof part.body === 'string' &&
		part.body !== '';
	const parts = record(conversation.conversation_parts).conversation_parts;
	if (topic === 'conversation.user.replied' && Array.isArray(parts)) {
		const written = (parts as unknown[])
			.filter(isPlainRecord)
			.map((part) => part as Part)
			.filter(
				(part) => (part.part_type === 'comment' || part.part_type === 'open') && isCustomer(part),
			);
		if (written.length > 0) {
			return written.reduce((newest, part) =>
				Number(part.created_at ?? 0) >= Number(newest.created_at ?? 0) ? part : newest,
			);
		}
	}
	const source = record(conversation.source) as Part;
	return isCustomer(source) ? source : undefined;
}

/**
 * The customer is the author of the part that triggered the notification, looked up among the
 * conversation's contacts by id: never simply the first contact, who may be someone else in a
 * shared conversation. Only an author who is a listed contact, with no disagreement between the
 * part's author type and the contact's role, is a `user`; anyone else is a lead or a visitor.
 */
function authorIdentity(
	author: Record<string, unknown>,
	contacts: unknown,
): { user: IDataObject; audience: AudienceKind } {
	const authorId = author.id === undefined || author.id === null ? '' : String(author.id);
	const contact =
		authorId === '' || !Array.isArray(contacts)
			? undefined
			: (contacts as unknown[])
					.filter(isPlainRecord)
					.find((candidate) => candidate.id !== undefined && String(candidate.id) === authorId);
	const authorType = String(author.type);
	// Intercom's contact list often carries no role; the part's author type then says it alone.
	const contactRole = contact?.role === undefined ? undefined : String(contact.role);
	const agrees =
		contactRole === undefined || authorType === 'contact' || contactRole === authorType;
	const role = contactRole ?? authorType;
	const audience: AudienceKind =
		contact && agrees && role === 'user' ? 'user' : role === 'lead' && agrees ? 'lead' : 'visitor';
	const user = compact({
		user_id: contact?.external_id,
		email: contact?.email ?? author.email,
		name: contact?.name ?? author.name,
		intercom_contact_id: authorId === '' ? undefined : authorId,
		role,
	});
	return { user, audience };
}

function compact(entries: Record<string, unknown>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(entries))
		if (value !== undefined && value !== null) out[key] = value as IDataObject[string];
	return out;
}

export function parseIntercomNotification(body: unknown, now: Date): Outcome<IntercomNotification> {
	const envelope = envelopeSchema.safeParse(body);
	if (!envelope.success) {
		const issue = envelope.error.issues[0];
		return refuse(
			400,
			'invalid_body',
			`The request body is not an Intercom notification: ${issue.path.join('.') || 'body'}: ${issue.message}`,
		);
	}
	const { topic } = body as { topic: string };
	if (!(CUSTOMER_TOPICS as readonly string[]).includes(topic)) return accept({ kind: 'ignored' });

	const item = (body as { data: { item: Record<string, unknown> } }).data.item;
	const conversation = conversationSchema.safeParse(item);
	if (!conversation.success) {
		const issue = conversation.error.issues[0];
		return refuse(
			400,
			'invalid_body',
			`The notification carries no conversation: data.item.${issue.path.join('.')}: ${issue.message}`,
		);
	}
	const part = customerPart(item, topic);
	const text = part ? htmlToText(part.body as string) : '';
	// Signed and well formed, but nothing a customer typed (e.g. only an attachment): acknowledge.
	if (!part || text === '') return accept({ kind: 'ignored' });

	const { user, audience } = authorIdentity(record(part.author), record(item.contacts).contacts);
	const signedPaths =
		audience === 'user'
			? ['user_id', 'email', 'intercom_contact_id']
					.filter((key) => user[key] !== undefined)
					.map((key) => `user.${key}`)
			: [];
	const conversationOut = compact({
		id: String(item.id),
		state: item.state,
		title: item.title,
		priority: item.priority,
		created_at: item.created_at === undefined ? undefined : toIsoTimestamp(item.created_at, now),
		custom_attributes: isPlainRecord(item.custom_attributes) ? item.custom_attributes : undefined,
	});
	return accept({
		kind: 'message',
		parts: {
			message: {
				id: String(part.id ?? item.id),
				text,
				createdAt: toIsoTimestamp(part.created_at, now),
			},
			user,
			company: {},
			conversation: conversationOut,
		},
		audience,
		signedPaths,
	});
}
