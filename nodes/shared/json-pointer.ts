// JSON Pointer (RFC 6901) with one extension: a `*` token selects every element of an array, so
// `/orders/*/fulfillment_status` reads the status of each order. On an object `*` is the plain key
// "*" (RFC 6901 has no other way to reach such a key). Only own properties are followed.

export interface PointerToken {
	/** The unescaped reference token (`~1` is `/`, `~0` is `~`). */
	key: string;
	/** True for a bare `*`: every element when the value is an array. */
	wildcard: boolean;
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
	const badEscape = /~(?![01])/.exec(pointer);
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
		.map((raw) => ({ key: raw.replace(/~1/g, '/').replace(/~0/g, '~'), wildcard: raw === '*' }));
}

/** The pointer of a list of unescaped tokens (`~` becomes ~0, `/` becomes ~1); [] is the whole document. */
export function compilePointer(tokens: readonly string[]): string {
	return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface PointerMatch {
	/** Every value found, in document order; arrays reached through `*` are flattened. */
	values: unknown[];
	/** Whether a `*` went through an array, i.e. the pointer selects a list of values. */
	many: boolean;
}

/** Resolves parsed tokens against a document. A path that leads nowhere gives no values. */
export function resolvePointer(document: unknown, tokens: PointerToken[]): PointerMatch {
	let current: unknown[] = [document];
	let many = false;
	for (const token of tokens) {
		const next: unknown[] = [];
		for (const value of current) {
			if (Array.isArray(value)) {
				if (token.wildcard) {
					next.push(...value);
					many = true;
				} else if (ARRAY_INDEX.test(token.key) && Number(token.key) < value.length)
					next.push(value[Number(token.key)]);
			} else if (
				value !== null &&
				typeof value === 'object' &&
				Object.prototype.hasOwnProperty.call(value, token.key)
			) {
				next.push((value as Record<string, unknown>)[token.key]);
			}
		}
		current = next;
	}
	return { values: current, many };
}
