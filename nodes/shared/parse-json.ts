// The one JSON parser of the package's nodes and credentials: the result instead of an exception,
// and safe to copy into items. Keys that reach an object's prototype (`__proto__`, `constructor`,
// `prototype`) are dropped wherever they occur, and nesting is bounded. JSON.parse stores
// `"__proto__"` as an own property, which a later spread or Object.assign would turn into a
// prototype change; dropping it at parse time means no later copy can be tricked.

export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
	return FORBIDDEN_KEYS.has(key);
}

/** The result instead of an exception, so callers raise their own named error. */
export type ParsedJson =
	{ ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'depth'; message: string };

/** Parses JSON text, dropping forbidden keys; refuses text that nests deeper than MAX_JSON_DEPTH. */
export function parseJson(text: string): ParsedJson {
	// A plain JSON.parse and one walk of the tree it made, in place: a reviver or a copy of the whole
	// tree cost 3-5x the parse itself (bench (c)), and answers of several MB come through here.
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, reason: 'syntax', message: (error as Error).message };
	}
	// Only text that spells a forbidden key, or could through a \u escape, has keys to drop.
	const dropKeys = /__proto__|constructor|prototype|\\u/.test(text);
	return checkTree(value, 0, dropKeys)
		? { ok: true, value }
		: { ok: false, reason: 'depth', message: `it nests deeper than ${MAX_JSON_DEPTH} levels` };
}

/** False when the freshly parsed tree nests too deeply; drops forbidden keys in place on the way. */
function checkTree(value: unknown, depth: number, dropKeys: boolean): boolean {
	if (value === null || typeof value !== 'object') return true;
	if (depth >= MAX_JSON_DEPTH) return false;
	if (Array.isArray(value)) {
		for (const entry of value) if (!checkTree(entry, depth + 1, dropKeys)) return false;
		return true;
	}
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		// JSON.parse makes "__proto__" an own data property; delete removes that, not the prototype.
		if (dropKeys && isForbiddenKey(key)) delete record[key];
		else if (!checkTree(record[key], depth + 1, dropKeys)) return false;
	}
	return true;
}

const TOO_DEEP = Symbol('too deep');

function copyJson(value: unknown, depth: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) {
		const list: unknown[] = [];
		for (const entry of value) {
			const copied = copyJson(entry, depth + 1);
			if (copied === TOO_DEEP) return TOO_DEEP;
			list.push(copied);
		}
		return list;
	}
	const object: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		if (isForbiddenKey(key)) continue;
		const copied = copyJson((value as Record<string, unknown>)[key], depth + 1);
		if (copied === TOO_DEEP) return TOO_DEEP;
		if (copied !== undefined) object[key] = copied;
	}
	return object;
}

/**
 * A safe deep copy of already-parsed data (e.g. a body n8n parsed, or JWT claims), with the same
 * rules as parseJson. Returns undefined when the data nests too deeply.
 */
export function sanitizeJson(value: unknown): unknown {
	const copied = copyJson(value, 0);
	return copied === TOO_DEEP ? undefined : copied;
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
