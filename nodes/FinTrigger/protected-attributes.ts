// "Prevent updates via the Messenger": attributes named here may only come from a signed source
// (verified JWT claims, or Intercom's signed webhook). A request whose unsigned body sets one is
// refused with 403. Names are `plan` or `user.plan` (user attributes) and `company.plan`.
import { accept, refuse, type Outcome } from './rejection';

export interface ProtectedAttribute {
	root: 'user' | 'company';
	key: string;
}

export function parseProtectedAttributes(list: string): ProtectedAttribute[] {
	return list
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) => {
			const dot = entry.indexOf('.');
			const root = dot === -1 ? 'user' : entry.slice(0, dot);
			const key = dot === -1 ? entry : entry.slice(dot + 1);
			return root === 'company'
				? { root: 'company' as const, key }
				: { root: 'user' as const, key: root === 'user' ? key : entry };
		});
}

export interface UnsignedAttributes {
	user: Record<string, unknown>;
	company: Record<string, unknown>;
}

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Refuses when the unsigned body sets a protected attribute. `signedUser` holds values a signature
 * vouches for (JWT claims): an unsigned copy equal to its signed value changes nothing and passes.
 */
export function checkProtectedAttributes(
	protectedList: ProtectedAttribute[],
	unsigned: UnsignedAttributes,
	signedUser: Record<string, unknown> = {},
): Outcome<void> {
	for (const { root, key } of protectedList) {
		const source = unsigned[root];
		if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
		const signed = root === 'user' && Object.prototype.hasOwnProperty.call(signedUser, key);
		if (signed && sameValue(source[key], signedUser[key])) continue;
		return refuse(
			403,
			'protected_attribute',
			`The attribute "${root}.${key}" is protected: it may only come from a signed source (JWT claims or Intercom's signed webhook)`,
		);
	}
	return accept(undefined);
}
