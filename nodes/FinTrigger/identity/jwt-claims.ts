// What a verified Messenger JWT's claims become in the item. All claims stay in `identity.claims`
// (signed, readable as {{identity.claims.<name>}}); only the claims the admin maps become `user.*`
// attributes, so a claim never lands in a place a later node reads as customer data by accident.
// The identifier claims (user_id, else sub; email) are always mapped: they are who the token names.
// Claims named as secrets (a per-customer API token) leave only sealed (nodes/shared/sealed-claims):
// n8n saves node outputs in its execution data, so a secret that enters the item in clear is stored.
// An API Action given the same Fin Messenger credential opens one only to build its request.
import { REGISTERED_CLAIMS } from './messenger-jwt';

export interface ClaimMapping {
	claim: string;
	/** Path under `user`, e.g. "plan" or "account.id". */
	attribute: string;
}

const NAME = /^[A-Za-z_][\w-]*$/;
const PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/** "plan, account_id=account.id" -> claim plan as user.plan, claim account_id as user.account.id. */
export function parseClaimMapping(raw: string): { mappings: ClaimMapping[]; error?: string } {
	const mappings: ClaimMapping[] = [];
	for (const entry of raw.split(/[,;\n]/).map((part) => part.trim())) {
		if (entry === '') continue;
		const [claim, target = claim] = entry.split(/\s*(?:=|->|:)\s*/);
		const attribute = target.replace(/^user\./, '');
		if (!NAME.test(claim) || !PATH.test(attribute) || REGISTERED_CLAIMS.has(claim)) {
			return {
				mappings,
				error: `"JWT Claims to Attributes" has an entry "${entry}" that is not "claim" or "claim=attribute.path" (registered claims such as exp or sub cannot be mapped)`,
			};
		}
		mappings.push({ claim, attribute });
	}
	return { mappings };
}

export function parseSecretClaims(raw: string): string[] {
	return raw
		.split(/[,;\n\s]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let current = target;
	for (const key of keys.slice(0, -1)) {
		const next = current[key];
		if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
		current = current[key] as Record<string, unknown>;
	}
	current[keys[keys.length - 1]] = value;
}

export interface MappedClaims {
	/** Values for `user.*`: the identifier claims and the mapped ones. */
	signedUser: Record<string, unknown>;
	/** Signed attribute paths those values occupy, e.g. "user.user_id", "user.account.id". */
	signedPaths: string[];
	/** Every claim, the secret ones sealed. */
	claims: Record<string, unknown>;
	/** Names of the secret claims the token carried (their values only sealed). */
	redacted: string[];
}

export function mapClaims(
	claims: Record<string, unknown>,
	mappings: ClaimMapping[],
	secretClaims: string[],
	seal: (name: string, value: unknown) => string,
): MappedClaims {
	const kept: Record<string, unknown> = {};
	const sealed: Record<string, unknown> = {};
	const redacted: string[] = [];
	for (const [name, value] of Object.entries(claims)) {
		if (secretClaims.includes(name)) {
			redacted.push(name);
			sealed[name] = seal(name, value);
		} else kept[name] = value;
	}
	const signedUser: Record<string, unknown> = {};
	const signedPaths: string[] = [];
	const userId =
		kept.user_id ?? (typeof kept.sub === 'string' && kept.sub !== '' ? kept.sub : undefined);
	const identifiers: Array<[string, unknown]> = [
		['user_id', userId],
		['email', kept.email],
	];
	for (const [attribute, value] of identifiers) {
		if (value === undefined) continue;
		signedUser[attribute] = value;
		signedPaths.push(`user.${attribute}`);
	}
	for (const { claim, attribute } of mappings) {
		if (!Object.prototype.hasOwnProperty.call(kept, claim)) continue;
		setPath(signedUser, attribute, kept[claim]);
		signedPaths.push(`user.${attribute}`);
	}
	return {
		signedUser,
		signedPaths: [...new Set(signedPaths)],
		claims: { ...kept, ...sealed },
		redacted,
	};
}
