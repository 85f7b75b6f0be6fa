// JSON Pointer (RFC 6901) with extensions for lists and maps:
// - `*` selects every element of an array, so `/orders/*/fulfillment_status` reads the status of
//   each order. On an object `*` is the plain key "*" (RFC 6901 has no other way to reach it).
// - `~*` selects every own value of an object in key order (a map keyed by ids, `{"123": {...}}`);
//   on an array it selects every element (PHP writes an empty map as `[]`).
// - `~key`, right after `~*`, is the key that value sits under ("123"; an array's index as text).
// RFC 6901 allows `~` only before 0 or 1, so no valid pointer meant anything else by these.
// Only own properties are followed.

export interface PointerToken {
	/** The unescaped reference token (`~1` is `/`, `~0` is `~`). */
	key: string;
	/** True for a bare `*`: every element when the value is an array. */
	wildcard: boolean;
	/** True for `~*`: every own value of an object (or element of an array). */
	every?: boolean;
	/** True for `~key`: the key of the value `~*` reached. */
	entryKey?: boolean;
}

export class PointerSyntaxError extends Error {
	constructor(pointer: string, reason: string) {
		super(`The JSON pointer "${pointer}" is malformed: ${reason}`);
		this.name = 'PointerSyntaxError';
	}
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** What is wrong with `pointer`, if anything. */
export function pointerProblem(pointer: string): string | undefined {
	if (pointer === '') return undefined;
	if (pointer.startsWith('#')) {
		return `the URI fragment form is not supported; write "${decodeFragment(pointer.slice(1))}" instead`;
	}
	if (!pointer.startsWith('/'))
		return `it must be empty (the whole response) or start with "/", e.g. "/${pointer}"`;
	for (const entryKey of pointer.matchAll(/\/~key(?=\/|$)/g))
		if (!pointer.slice(0, entryKey.index).endsWith('/~*'))
			return `"~key" at character ${entryKey.index + 2} must come right after "~*" (the key of each value of a map), e.g. "/orders/~*/~key"`;
	// `~*` and `~key` tokens masked with a character of the same length, so indexes stay the pointer's.
	const badEscape = /~(?![01])/.exec(pointer.replace(/\/~(?=(\*|key)(\/|$))/g, '/0'));
	if (badEscape) {
		const found = pointer.slice(badEscape.index, badEscape.index + 2);
		return `"${found}" at character ${badEscape.index + 1} is not an escape; write ~0 for "~" and ~1 for "/"`;
	}
	return undefined;
}

function decodeFragment(fragment: string): string {
	try {
		return decodeURIComponent(fragment);
	} catch {
		return fragment;
	}
}

/** The tokens of a pointer; throws PointerSyntaxError for a malformed one. */
export function parsePointer(pointer: string): PointerToken[] {
	const problem = pointerProblem(pointer);
	if (problem) throw new PointerSyntaxError(pointer, problem);
	if (pointer === '') return [];
	return pointer
		.slice(1)
		.split('/')
		.map((raw) => {
			const token: PointerToken = {
				key: raw.replace(/~1/g, '/').replace(/~0/g, '~'),
				wildcard: raw === '*',
			};
			if (raw === '~*') token.every = true;
			if (raw === '~key') token.entryKey = true;
			return token;
		});
}

/** The pointer of a list of unescaped tokens (`~` becomes ~0, `/` becomes ~1); [] is the whole document. */
export function compilePointer(tokens: readonly string[]): string {
	return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface PointerMatch {
	/** Every value found, in document order; arrays reached through `*` are flattened. */
	values: unknown[];
	/** Whether a `*` went through an array or a `~*` was met, i.e. the pointer selects a list of values. */
	many: boolean;
}

/** A value reached, with the key `~*` found it under (for `~key`). */
interface Reached {
	value: unknown;
	key?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** What `~*` goes through: a list's elements under their index, a map's values under their key. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
	if (Array.isArray(value)) return value.map((element, index) => [String(index), element]);
	return isObject(value) ? Object.entries(value) : [];
}

/**
 * Resolves parsed tokens against a document. A path that leads nowhere gives no values. `key` is the
 * key `document` itself sits under, when it is one value of a map (for a `~key` token read inside it).
 */
export function resolvePointer(
	document: unknown,
	tokens: PointerToken[],
	key?: string,
): PointerMatch {
	let current: Reached[] = [{ value: document, key }];
	let many = false;
	for (const token of tokens) {
		const next: Reached[] = [];
		if (token.every) many = true;
		for (const { value, key: reachedKey } of current) {
			if (token.entryKey) {
				if (reachedKey !== undefined) next.push({ value: reachedKey });
			} else if (token.every) {
				for (const [entryKey, element] of entriesOf(value))
					next.push({ value: element, key: entryKey });
			} else if (Array.isArray(value)) {
				if (token.wildcard) {
					next.push(...value.map((element) => ({ value: element })));
					many = true;
				} else if (ARRAY_INDEX.test(token.key) && Number(token.key) < value.length)
					next.push({ value: value[Number(token.key)] });
			} else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, token.key)) {
				next.push({ value: value[token.key] });
			}
		}
		current = next;
	}
	return { values: current.map((reached) => reached.value), many };
}
