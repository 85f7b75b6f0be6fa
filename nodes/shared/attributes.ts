// Reads `user.plan`-style attribute paths from an item. Only own properties are followed, so
// `__proto__`, `constructor` or `toString` never resolve to something the customer did not send.
import type { IDataObject } from 'n8n-workflow';

import { ATTRIBUTE_ROOTS } from './conversation-item';

export interface AttributeLookup {
	found: boolean;
	value?: unknown;
}

const PATH_PATTERN = /^[A-Za-z_][\w-]*(\.[\w-]+)+$/;

/** True when `path` is `<root>.<key>[.<key>...]` with a known root. */
export function isAttributePath(path: string): boolean {
	return (
		PATH_PATTERN.test(path) && (ATTRIBUTE_ROOTS as readonly string[]).includes(path.split('.')[0])
	);
}

/**
 * The one reader of attribute paths (rules, placeholders, provenance, test accounts, Fin Trigger's
 * protected attributes): a value of null is absent, the same as a missing key, so sending `null`
 * can neither set an attribute nor differ from not sending it.
 */
export function readAttribute(item: IDataObject, path: string): AttributeLookup {
	let current: unknown = item;
	for (const key of path.split('.')) {
		if (
			current === null ||
			typeof current !== 'object' ||
			!Object.prototype.hasOwnProperty.call(current, key)
		) {
			return { found: false };
		}
		current = (current as Record<string, unknown>)[key];
	}
	if (current === undefined || current === null) return { found: false };
	return { found: true, value: current };
}
