// "Prevent updates via the Messenger": attributes named here may only come from a signed source
// (the user_hash identifier, a mapped JWT claim, a verified Intercom user's user_id/email). A
// request that sets one without a signature vouching for that value is refused with 403, for every
// source. Names are `plan` (a user attribute), or a path under any root: `user.account.id`,
// `company.plan`, `conversation.priority`, `message.channel`. What cannot be protected (another
// root, the message text every request carries) is refused when the node is configured.
import type { IDataObject } from 'n8n-workflow';

import { readAttribute } from '../../shared/attributes';
import { accept, refuse, type Outcome } from '../rejection';

export const PROTECTABLE_ROOTS = ['user', 'company', 'conversation', 'message'] as const;
type Root = (typeof PROTECTABLE_ROOTS)[number];

/** A protected attribute as a full path, e.g. "user.account.id". */
export type ProtectedAttribute = string;

/** Always in the message, never signed: protecting them would refuse every request. */
const UNPROTECTABLE = ['message.text', 'message.id', 'message.createdAt', 'message.created_at'];

const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w-]*)*$/;

/** The list, or the configuration error naming the entry that cannot be protected. */
export function parseProtectedAttributes(
	list: string,
): { ok: true; value: ProtectedAttribute[] } | { ok: false; error: string } {
	const value: ProtectedAttribute[] = [];
	for (const entry of list
		.split(/[,\n]/)
		.map((part) => part.trim())
		.filter((part) => part !== '')) {
		if (!PATH.test(entry))
			return {
				ok: false,
				error: `Protected Attributes: "${entry}" is not an attribute path; write e.g. plan, user.account.id or company.plan`,
			};
		const root = entry.split('.')[0];
		const isRooted = entry.includes('.');
		if (isRooted && !(PROTECTABLE_ROOTS as readonly string[]).includes(root)) {
			return {
				ok: false,
				error: `Protected Attributes: "${entry}" cannot be protected; only attributes under ${PROTECTABLE_ROOTS.join('., ')}. can (a bare name means user.<name>)`,
			};
		}
		const path = isRooted ? entry : `user.${entry}`;
		if (UNPROTECTABLE.includes(path)) {
			return {
				ok: false,
				error: `Protected Attributes: "${path}" cannot be protected: every message carries it and no signature covers it. Remove it from the list.`,
			};
		}
		value.push(path);
	}
	return { ok: true, value };
}

export type UnsignedParts = Partial<Record<Root, Record<string, unknown>>>;

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Refuses when the unsigned parts set a protected attribute. `signed` holds the values signatures
 * vouch for (same shape, e.g. {user: {user_id}}) and `signedPaths` their paths: an unsigned copy
 * equal to its signed value changes nothing and passes.
 */
export function checkProtectedAttributes(
	protectedList: ProtectedAttribute[],
	unsigned: UnsignedParts,
	signed: UnsignedParts = {},
	signedPaths: string[] = [],
): Outcome<void> {
	for (const path of protectedList) {
		// One reader for every attribute path (nodes/shared/attributes): a null value is absent.
		const sent = readAttribute(unsigned as IDataObject, path);
		if (!sent.found) continue;
		const isSigned = signedPaths.some((entry) => path === entry || path.startsWith(`${entry}.`));
		const signedValue = readAttribute(signed as IDataObject, path);
		if (isSigned && signedValue.found && sameValue(sent.value, signedValue.value)) continue;
		return refuse(
			403,
			'protected_attribute',
			`The attribute "${path}" is protected: it may only come from a signed source (the user_hash identifier, a mapped JWT claim, or a verified Intercom user)`,
		);
	}
	return accept(undefined);
}
