// Test accounts: user ids, emails and email domains that always match, so a team can try an action
// on itself before (or while) rules and rollout keep it from everyone else.
import type { IDataObject } from 'n8n-workflow';

import { readAttribute } from '../shared/attributes';
import { isSigned } from '../shared/provenance';
import { toText } from '../shared/values';

export interface TestAccountMatch {
	/** The entry as the user wrote it, e.g. `@acme.com`. */
	entry: string;
	/** The attribute it matched, e.g. `user.email`. */
	attribute: string;
}

const ID_ATTRIBUTES = ['user.user_id', 'user.id'];
const EMAIL_ATTRIBUTE = 'user.email';

/** Entries separated by commas, semicolons, spaces or new lines; an expression may also give a list. */
export function parseTestAccounts(raw: unknown): string[] {
	const parts = Array.isArray(raw) ? raw.map(toText) : toText(raw ?? '').split(/[\s,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * Only signed attributes count (nodes/shared/provenance): an email typed next to a user_hash of
 * the user_id, or a lead's email, never makes anyone a test account.
 * The first entry naming this item's user: `@acme.com` or `*@acme.com` match every email of that
 * domain, an entry with `@` matches that email (both case-insensitive), anything else a user id
 * (`user.user_id` or `user.id`, exactly).
 */
export function findTestAccount(
	item: IDataObject,
	entries: string[],
	manualRun = false,
): TestAccountMatch | undefined {
	const signedValue = (path: string) =>
		isSigned(item, path, manualRun)
			? readAttribute(item, path)
			: { found: false, value: undefined };
	const email = signedValue(EMAIL_ATTRIBUTE);
	const emailText = email.found ? toText(email.value).trim().toLowerCase() : undefined;
	for (const entry of entries) {
		const lower = entry.toLowerCase();
		const domain = /^\*?@(.+)$/.exec(lower);
		if (domain) {
			if (emailText?.endsWith(`@${domain[1]}`)) return { entry, attribute: EMAIL_ATTRIBUTE };
		} else if (lower.includes('@')) {
			if (emailText === lower) return { entry, attribute: EMAIL_ATTRIBUTE };
		} else {
			for (const attribute of ID_ATTRIBUTES) {
				const id = signedValue(attribute);
				if (id.found && toText(id.value) === entry) return { entry, attribute };
			}
		}
	}
	return undefined;
}
