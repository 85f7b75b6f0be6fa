// Provenance: which attributes of a conversation item a signature vouches for, and the one trust
// check every data read goes through (API Action requests, its AI-tool mode, test accounts).
//
// Fin Trigger writes `identity.signed` (attribute paths such as "user.user_id") and `identity.kind`
// (user / lead / visitor) on every item. Only a signed attribute may decide whose data is read: an
// unsigned one is whatever the caller typed (an email next to a user_hash of the user_id, a lead's
// email, a JWT claim nobody mapped).
//
// Test values (Fin Trigger's or API Action's, source "test") count as signed only in a manual run
// (the editor's test URL / "Test step"): they are the admin's own input there, and on a production
// run they vouch for nothing.
import type { IDataObject } from 'n8n-workflow';

import { readAttribute } from './attributes';

/** Intercom's kinds of people: a user (identity proven), a lead (left an email), a visitor (anonymous). */
export type AudienceKind = 'user' | 'lead' | 'visitor';

export const AUDIENCE_KINDS: readonly AudienceKind[] = ['user', 'lead', 'visitor'];

/** The provenance fields Fin Trigger adds to `identity`. */
export interface Provenance {
	kind: AudienceKind;
	/** Attribute paths a signature vouches for, e.g. ["user.user_id", "identity.claims.plan"]. */
	signed: string[];
}

/** What test values sign: everything they set (the admin's own input), in a manual run only. */
export const TEST_SIGNED_ROOTS: readonly string[] = ['user', 'company', 'conversation', 'message'];

/** Roots whose values never come from the customer: the admin's template fields. */
const CONFIGURATION_ROOTS = ['template.'];

function identityOf(item: IDataObject): IDataObject {
	const identity = item.identity;
	return identity && typeof identity === 'object' && !Array.isArray(identity)
		? (identity as IDataObject)
		: {};
}

/** True for items built from test values (Fin Trigger's test URL or API Action's Test Values). */
export function isTestItem(item: IDataObject): boolean {
	return item.source === 'test';
}

/**
 * The attribute paths signed for this run. A test item's list counts only in a manual run; an item
 * that never came through Fin Trigger (no `identity.signed`) has none.
 */
export function signedPaths(item: IDataObject, manualRun: boolean): string[] {
	if (isTestItem(item) && !manualRun) return [];
	const signed = identityOf(item).signed;
	return Array.isArray(signed)
		? signed.filter((entry): entry is string => typeof entry === 'string')
		: [];
}

/** True when `path` is signed itself or lies inside a signed object (e.g. "user.account.id" in "user.account"). */
export function isSigned(item: IDataObject, path: string, manualRun: boolean): boolean {
	return signedPaths(item, manualRun).some(
		(signed) => path === signed || path.startsWith(`${signed}.`),
	);
}

/**
 * Intercom's kind of the person behind the item. A test item is a user in a manual run; an item
 * without a kind is a user only if its identity was verified, else a visitor.
 */
export function audienceKindOf(item: IDataObject, manualRun: boolean): AudienceKind {
	if (isTestItem(item)) return manualRun ? 'user' : 'visitor';
	const identity = identityOf(item);
	if ((AUDIENCE_KINDS as readonly string[]).includes(identity.kind as string)) {
		// "user" needs the verification that makes it one.
		if (identity.kind === 'user' && identity.verified !== true) return 'visitor';
		return identity.kind as AudienceKind;
	}
	return identity.verified === true ? 'user' : 'visitor';
}

/** What a data read allows; the API Action's "Customer-Specific" and "Unverified Attributes Allowed". */
export interface TrustPolicy {
	/** Off only for data that is the same for everyone (a status page). */
	customerSpecific: boolean;
	/** Attribute paths the admin accepts unsigned, knowing anyone can type them. */
	unverifiedAllowed: string[];
	/** A manual (editor) run: test values count as signed. */
	manualRun: boolean;
}

/** A data read the trust rules refuse; the message names the attribute and the ways out. */
export class UntrustedAttributeError extends Error {
	constructor(
		message: string,
		readonly attribute?: string,
	) {
		super(message);
		this.name = 'UntrustedAttributeError';
	}
}

/** "plan, user.account.id" -> ["user.plan", "user.account.id"]; a bare name is a user attribute. */
export function parseAttributeList(raw: unknown): string[] {
	const entries = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,;\n]/);
	return entries
		.map((entry) => entry.trim().replace(/^\{\{\s*|\s*\}\}$/g, ''))
		.filter((entry) => entry !== '')
		.map((entry) =>
			/^(user|company|conversation|message|identity)\./.test(entry) ? entry : `user.${entry}`,
		);
}

/** A signed attribute to suggest: the first signed leaf, or user.user_id. */
function suggestion(signed: string[]): string {
	return (
		signed.find((path) => path.includes('.') && !path.startsWith('identity.')) ?? 'user.user_id'
	);
}

function isConfiguration(path: string): boolean {
	return CONFIGURATION_ROOTS.some((root) => path.startsWith(root));
}

/**
 * The trust check for one data read. `paths` are the attribute paths the request reads (a
 * placeholder whose attribute is missing and falls back to its default reads nothing). Throws
 * UntrustedAttributeError when an unsigned attribute is read without being allowed, or when a
 * customer-specific read contains no signed attribute at all.
 * Returns the unsigned attributes read because the admin allowed them (for the run's record).
 */
export function checkAttributeTrust(
	item: IDataObject,
	paths: string[],
	policy: TrustPolicy,
	where = 'request',
): { signed: string[]; unverified: string[] } {
	const signed: string[] = [];
	const unverified: string[] = [];
	for (const path of [...new Set(paths)]) {
		if (isConfiguration(path) || !readAttribute(item, path).found) continue;
		if (isSigned(item, path, policy.manualRun)) {
			signed.push(path);
			continue;
		}
		if (policy.unverifiedAllowed.includes(path)) {
			unverified.push(path);
			continue;
		}
		const kind = audienceKindOf(item, policy.manualRun);
		const whose =
			kind === 'user'
				? ''
				: ` (this ${kind} is not a verified user, so nothing it sends is signed)`;
		throw new UntrustedAttributeError(
			`The ${where} reads "${path}", which is not signed${whose}: anyone could have typed it, so it may not choose whose data is read. ` +
				`Sign it (send it as a claim of the Messenger JWT and map the claim in Fin Trigger's "JWT Claims to Attributes", or use it as the user_hash identifier), ` +
				`or, if anyone may see what it reads, list "${path}" under "Unverified Attributes Allowed".`,
			path,
		);
	}
	if (policy.customerSpecific && signed.length === 0) {
		const attempted = [...new Set(paths)].filter((path) => !isConfiguration(path));
		throw new UntrustedAttributeError(
			`The ${where} is customer-specific but reads no signed attribute (${
				attempted.length ? `it reads ${attempted.join(', ')}` : 'it reads no attribute at all'
			}${signedPaths(item, policy.manualRun).length === 0 ? '; this item has no signed attribute' : ''}), so nothing ties it to the verified customer. ` +
				`Put a signed attribute such as {{${suggestion(signedPaths(item, policy.manualRun))}}} in the URL, query, headers or body, ` +
				`or switch off "Customer-Specific" if the data is the same for everyone (like a status page).`,
		);
	}
	return { signed, unverified };
}

/**
 * Item keys that carry the conversation and its provenance. In AI-tool mode n8n lays the model's
 * arguments on top of the item: an argument with one of these names could rewrite whose data is read
 * (or `identity.signed` itself), so the tool path refuses it instead of merging it.
 */
export const RESERVED_ITEM_KEYS: readonly string[] = [
	'identity',
	'source',
	'user',
	'company',
	'conversation',
	'message',
];

/** Throws when tool arguments would overwrite the conversation or its provenance. */
export function checkToolArguments(argumentNames: string[]): void {
	const reserved = argumentNames.filter((name) => RESERVED_ITEM_KEYS.includes(name));
	if (reserved.length > 0) {
		throw new UntrustedAttributeError(
			`The AI model's arguments may not set ${reserved.map((name) => `"${name}"`).join(', ')}: they would replace the verified conversation. Rename the tool parameters (e.g. "orderNumber"), and read the customer from signed attributes.`,
			reserved[0],
		);
	}
}
